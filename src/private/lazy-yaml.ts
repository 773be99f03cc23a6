/**
 * One YAML text decoded as the Kubernetes tools decode it (yaml-document's decodeChunk), with
 * the decoder loaded on first use: the library's synth seldom needs it, and loading it costs.
 */
import type { decodeChunk } from './yaml-document';

let decode: typeof decodeChunk | undefined;

/** The value `text` decodes to, or undefined when it is not YAML the decoder reads. */
export function decodeYamlText(text: string): { readonly value: unknown } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    decode ??= (require('./yaml-document') as typeof import('./yaml-document')).decodeChunk;
    return { value: decode(text).value };
  } catch {
    return undefined;
  }
}
