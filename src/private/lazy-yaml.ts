/**
 * One YAML text decoded as the Kubernetes tools decode it (yaml-document's decodeChunk), with
 * the decoder loaded on first use: the library's synth seldom needs it, and loading it costs.
 */
import type { decodeChunk } from './yaml-document';

let decode: typeof decodeChunk | undefined;

/**
 * The value `text` decodes to, or undefined when it is not YAML the decoder reads; `integerText` gives the exact digits
 * of an integer beyond 2^53 held by a mapping entry or a sequence item (its index as key) of the value.
 */
export function decodeYamlText(text: string): { readonly value: unknown; integerText?(parent: object, key: string): string | undefined } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    decode ??= (require('./yaml-document') as typeof import('./yaml-document')).decodeChunk;
    const decoded = decode(text);
    return { value: decoded.value, integerText: decoded.integerText };
  } catch {
    return undefined;
  }
}
