/**
 * provider-objects.ts (how SECRETS_STORE_MOUNTABLE and the Secrets Store rules read a Vault SecretProviderClass's
 * `objects`) against gopkg.in/yaml.v3 v3.0.1's own decoding into hashicorp/vault-csi-provider v1.7.4's `[]Secret`
 * (conformance/cmd/provider-objects, with Go's json.Marshal of each secretArgs).
 *
 * For each text: where the audit reads objects, yaml.v3 decodes the same objects (every string field, the file mode,
 * whether secretArgs is set and whether json.Marshal fails on it, with the same error); where the audit refuses the
 * text (or an object's filePermission), yaml.v3 fails too, except for the deliberate refusals listed below (texts
 * yaml.v3 reads that the audit refuses; never a different value). Texts: the recorded table of
 * test/private/provider-objects-cases.ts (whose recorded values are checked against the oracle too), then generated ones
 * (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS choose others): block and flow lists at several
 * indentations, every field and unknown, duplicate and non-string keys, plain, single- and double-quoted scalars with
 * escapes (`\N \L \P \/ \'` among them), continuation lines indented less than their key, tabs, block scalars, tags,
 * anchors and aliases, flow collections, `.inf`/`.nan` and non-string keys in secretArgs, and text after the list.
 */
import * as fc from 'fast-check';
import { textArb } from './provider-objects-texts';
import { readProviderObjects } from '../../src/private/provider-objects';
import { DecodedSecret, decodeProviderObjects, describeWithProviderObjects, ProviderObjectsAnswer } from '../helpers/provider-objects';
import { DECODED } from '../private/provider-objects-cases';

/** An outcome both readers can give: the objects read, or a refusal. */
type Outcome = { readonly refused: true } | { readonly objects: readonly DecodedSecret[] };

/** The audit's reading, in the oracle's terms (a filePermission yaml.v3 cannot decode fails the whole text there). */
function audit(text: string): Outcome & { readonly refusal?: string } {
  const r = readProviderObjects(text);
  if ('refusal' in r) return { refused: true, refusal: r.refusal };
  const fileMode = r.objects.find((o) => o.filePermissionRefusal !== undefined);
  if (fileMode !== undefined) return { refused: true, refusal: `filePermission ${fileMode.filePermissionRefusal}` };
  return {
    objects: r.objects.map((o) => ({
      objectName: o.objectName,
      secretPath: o.secretPath,
      secretKey: o.secretKey,
      method: o.method,
      encoding: o.encoding,
      filePermission: o.filePermission,
      secretArgs: o.secretArgs,
      ...(o.secretArgsRefusal === undefined ? {} : { secretArgsError: o.secretArgsRefusal.error }),
    })),
  };
}

function oracle(a: ProviderObjectsAnswer): Outcome {
  return a.error !== undefined ? { refused: true } : { objects: a.objects ?? [] };
}

/**
 * Texts yaml.v3 reads that the audit refuses on purpose, each with why: a refusal, never a different value.
 */
const DELIBERATE_REFUSALS: ReadonlyArray<{ readonly why: string; readonly applies: (refusal: string, text: string) => boolean }> = [
  {
    // `  - objectName: a\n:\n`, `[{objectName: a}] ]`: yaml.v3 reads the list and scans only the next token or so of what
    // follows; the audit reads what follows by itself, and refuses the text where that is no YAML
    why: 'text after a list that ends the document (a flow list, or a block list indented further than the line after it) that is no YAML by itself',
    applies: (refusal) => refusal.includes('the audit reads what follows only when it is YAML by itself'),
  },
  {
    // `- objectName: "a\Lb"` in the SecretProviderClass: yaml.v3 keeps the LS in the value where a line feed would be folded
    why: 'a scalar continued over a line ended by LS or PS (U+2028, U+2029)',
    applies: (refusal) => refusal.startsWith('continues a scalar over a line ended by '),
  },
  {
    // ` - a: b\n\t# c`: yaml.v3's scanner reads comment lines itself (scannerc.go `yaml_parser_scan_comments`, not libyaml's),
    // blanks and tabs before them included; the audit fails on a tab before the first token of a line as libyaml does
    why: 'a tab in the indentation of a comment line',
    applies: (refusal, text) => refusal.includes('(a tab in the indentation of a line)') && /\n[ \t]*\t[ \t]*#/.test(text),
  },
  {
    // `  - secretPath: "a\n"" …`: a quoted scalar closed on a line indented less than the list, another token right after
    // it: libyaml ends the list at that token (its column), `yaml` finds a scalar where none can be
    why: 'a token right after a quoted scalar closed on a line indented less than the list',
    applies: (refusal, text) => {
      const indent = /^( *)- /.exec(text)?.[1].length ?? 0;
      return refusal.startsWith('is not YAML (') && indent > 0 && new RegExp(`\n {0,${indent - 1}}["'][^ \t\n]`).test(text);
    },
  },
];

interface Difference {
  readonly text: string;
  readonly audit: unknown;
  readonly oracle: unknown;
}

/** The texts where the audit and yaml.v3 differ, but for the deliberate refusals. */
function differences(texts: readonly string[]): { readonly differ: Difference[]; readonly deliberate: number } {
  const answers = decodeProviderObjects(texts);
  const differ: Difference[] = [];
  let deliberate = 0;
  texts.forEach((text, i) => {
    const a = audit(text);
    const o = oracle(answers[i]);
    if ('refused' in a && 'refused' in o) return;
    if ('objects' in a && 'objects' in o) {
      if (JSON.stringify(a.objects) !== JSON.stringify(o.objects)) differ.push({ text, audit: a.objects, oracle: o.objects });
      return;
    }
    if ('refused' in a && DELIBERATE_REFUSALS.some((d) => d.applies(a.refusal!, text))) {
      deliberate++;
      return;
    }
    differ.push({ text, audit: 'refused' in a ? a.refusal : a.objects, oracle: answers[i].error ?? answers[i].objects });
  });
  return { differ, deliberate };
}

describeWithProviderObjects('provider-objects.ts against gopkg.in/yaml.v3 (conformance/cmd/provider-objects)', () => {
  test('the recorded table is what yaml.v3 decodes', () => {
    const answers = decodeProviderObjects(DECODED.map(([text]) => text));
    const recorded = DECODED.map(([text, decoded], i) => {
      const a = answers[i];
      const got = a.error !== undefined ? a.error : (a.objects ?? []).map((o) => {
        const out: Record<string, unknown> = {};
        for (const field of ['objectName', 'secretPath', 'secretKey', 'method', 'encoding'] as const) if (o[field] !== '') out[field] = o[field];
        if (o.filePermission !== 0) out.filePermission = o.filePermission;
        if (o.secretArgs) out.secretArgs = true;
        return out;
      });
      // an error as recorded: yaml.v3's, without its "yaml: " prefix, or one line of "yaml: unmarshal errors:\n  line N: ..."
      const same = typeof decoded === 'string' && typeof got === 'string' && [got, got.replace(/^yaml: /, ''), ...got.split('\n').map((l) => l.trim())].includes(decoded);
      return [text, same ? decoded : got];
    });
    expect(recorded).toEqual(DECODED.map(([text, decoded]) => [text, decoded]));
  });

  test('the recorded texts: the audit reads what yaml.v3 reads, or refuses what it refuses', () => {
    expect(differences(DECODED.map(([text]) => text)).differ).toEqual([]);
  });

  test('generated texts: the audit reads what yaml.v3 reads, or refuses what it refuses', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 3000);
    const texts = fc.sample(textArb, { seed, numRuns });
    const { differ, deliberate } = differences(texts);
    // eslint-disable-next-line no-console
    console.log(`provider-objects differential (generated, seed ${seed}, ${texts.length} texts, ${deliberate} deliberate refusals): `
      + `PROPERTY_SEED=${seed} PROPERTY_RUNS=${numRuns} to run them again`);
    expect(differ.slice(0, 10)).toEqual([]);
  }, 300_000);
});
