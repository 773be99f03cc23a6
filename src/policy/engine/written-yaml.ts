/**
 * What is written is what was checked: cdk8s writes every object with its own YAML
 * writer (`Yaml.stringify`: the `yaml` package, YAML 1.1, options fixed by cdk8s and not
 * open to a caller; during the library's synth through src/private/yaml-writer.ts, which
 * writes the same bytes faster), and kubectl reads the file with go-yaml v2 (the audit's reader,
 * src/cli/read-yaml.ts, reads it the same way). The two disagree on a few scalars:
 *
 * - characters the writer leaves raw (or escapes as go-yaml refuses): NEL (U+0085) is a
 *   line break to kubectl, LS (U+2028) and PS (U+2029) end lines, DEL, the C1 controls,
 *   U+FFFE and U+FFFF are refused, and an unpaired surrogate has no encoding at all;
 * - plain scalars go-yaml resolves to another type than the YAML 1.1 schema the writer
 *   quotes by: `0o10` and `0b-1` are written plain and read as the integers 8 and -1,
 *   `08` as the float 8, and go-yaml drops every `_` of a number;
 * - the key `<<`, written plain, is go-yaml's merge key: its map is merged into the
 *   object around it;
 * - a non-finite number is written `.nan`/`.inf`, which kubectl cannot turn into JSON.
 *
 * None of these can be written otherwise through cdk8s (its writer takes no options,
 * and putting `yaml` syntax nodes into the JSON that `toJson()` returns would change what
 * every reader of that JSON sees), so each is refused, naming the object, the JSON path
 * and what kubectl would read. Values that JSON has no place for are dropped as
 * `JSON.stringify` drops them, so that what is checked is what is written: an
 * `undefined`-valued key is removed (cdk8s would write `null`), an `undefined` array item
 * becomes `null` (as it is written), and `-0` becomes `0` (as kubectl reads it).
 *
 * Cost: one walk over each object, a character-class test per string and key, and go-yaml's
 * resolution for those that start like a number, boolean or null (the resolution table's
 * first characters). Only a string that fails those tests is written and read back (one
 * small document, through cdk8s's writer and the audit's reader), once per string and place
 * (value or key) per check.
 */
import { Yaml } from 'cdk8s';
import { parseManifests } from '../../cli/read-yaml';
import { resolve, STR_TAG } from '../../private/go-yaml';

/** A value kubectl would not read back as it was checked. */
export interface Misread {
  /** The JSON path of the value (or of the key, for a key), e.g. `spec.params[0].value`. */
  readonly path: string;
  /** A JSON pointer to it, for a fix with `JsonPatch`. */
  readonly pointer: string;
  /** The value (or key) as checked. */
  readonly value: string;
  /** What is wrong, e.g. `is written unquoted, and kubectl reads it as the integer 8`. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Characters the writer leaves raw that libyaml refuses or reads as line breaks, and unpaired surrogates. */
const SUSPECT_CHARACTER = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** A quicker test that SUSPECT_CHARACTER may match (one character class: surrogates, paired or not). */
const MAYBE_SUSPECT_CHARACTER = /[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]/;
/** The first characters of go-yaml's resolution table (resolve.go): anything else is a string. */
const RESOLVABLE_START = /^[-+0-9.yYnNtTfFoO~]/;
/** Starts like one of go-yaml's words (`yes`, `off`, `null`, ...), which are all it resolves such a string to; the longest has 5 letters. */
const WORD_START = /^[yYnNtTfFoO]/;

/** Whether cdk8s's writer and kubectl's reader may disagree on a string (cheap; no false negatives). */
function suspect(s: string): boolean {
  if (s === '' || s === '<<') return true;
  if (RESOLVABLE_START.test(s) && !(s.length > 5 && WORD_START.test(s))) {
    const r = resolve('', s);
    if (r.tag !== STR_TAG || r.value !== s) return true;
  }
  return MAYBE_SUSPECT_CHARACTER.test(s) && SUSPECT_CHARACTER.test(s);
}

const describeChar = (c: string): string => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const NAMES: Record<string, string> = { '\u0085': ' (next line)', '\u2028': ' (line separator)', '\u2029': ' (paragraph separator)', '\u007f': ' (delete)' };

/** What kubectl reads where a string was written, described for a message. */
function described(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  return JSON.stringify(v);
}

/**
 * How kubectl reads a string written by cdk8s as a value (or a key): undefined when it reads
 * it back unchanged, else the problem and the fix.
 */
export function probe(s: string, asKey: boolean): { problem: string; fix: string } | undefined {
  const doc = { apiVersion: 'v1', kind: 'Probe', probe: asKey ? { [s]: 'x' } : s };
  let read: unknown;
  let refused: string | undefined;
  try {
    const objects = parseManifests(Yaml.stringify(doc), 'written');
    read = objects.length === 1 ? objects[0].object.probe : undefined;
    if (objects.length !== 1) refused = `it cuts the document in ${objects.length}`;
  } catch (e) {
    refused = String((e as Error)?.message ?? e).replace(/^written(:\d+:\d+)?: /, '');
  }
  const bad = SUSPECT_CHARACTER.exec(s);
  if (asKey) {
    const keys = read !== null && typeof read === 'object' && !Array.isArray(read) ? Object.keys(read) : [];
    if (refused === undefined && keys.length === 1 && keys[0] === s && (read as any)[s] === 'x') return undefined;
    if (s === '<<') {
      return {
        problem: 'is the YAML merge key: cdk8s writes it unquoted, and kubectl merges the map it holds into the object around it',
        fix: 'Remove the "<<" key and set the fields it holds on the object itself.',
      };
    }
    const what = refused !== undefined ? `kubectl refuses the file (${refused})` : `kubectl reads the key as ${keys.length === 1 ? described(keys[0]) : JSON.stringify(read)}`;
    return { problem: `is a key cdk8s cannot write so that kubectl reads it back: ${what}`, ...charFix(bad) };
  }
  if (refused === undefined && read === s) return undefined;
  if (bad) {
    const what = refused !== undefined ? `kubectl refuses the file (${refused})` : `kubectl reads ${described(read)}`;
    return { problem: `holds ${describeChar(bad[0])}${NAMES[bad[0]] ?? ''}, which cdk8s writes as it is: ${what}`, ...charFix(bad) };
  }
  if (refused !== undefined) return { problem: `is written so that kubectl refuses the file (${refused})`, fix: 'Use another value.' };
  const example = /^[0-9]/.test(s) ? `'v${s}'` : `'x${s}'`;
  return {
    problem: `is written unquoted by cdk8s's YAML writer, and kubectl reads it as ${described(read)}`,
    fix: `Use a value that no YAML reader takes for a number, boolean or null, e.g. ${example}.`,
  };
}

function charFix(bad: RegExpExecArray | null): { fix: string } {
  if (!bad) return { fix: 'Use another key.' };
  const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
  return { fix: `Remove the character, e.g. value.replace(/\\u${code}/g, '')${bad[0] === '\u0085' || bad[0] === '\u2028' || bad[0] === '\u2029' ? ", or use '\\n' for a line break" : ''}.` };
}

/** Probes cached for one check of an app: a string is probed once per place (value or key). */
export class WrittenYaml {
  private readonly values = new Map<string, { problem: string; fix: string } | undefined>();
  private readonly keys = new Map<string, { problem: string; fix: string } | undefined>();

  /** Why kubectl would not read back `s` written as a value (undefined: it would). */
  public valueProblem(s: string): { problem: string; fix: string } | undefined {
    if (!suspect(s)) return undefined;
    if (!this.values.has(s)) this.values.set(s, probe(s, false));
    return this.values.get(s);
  }

  /** Why kubectl would not read back `s` written as a key (undefined: it would). */
  public keyProblem(s: string): { problem: string; fix: string } | undefined {
    if (!suspect(s)) return undefined;
    if (!this.keys.has(s)) this.keys.set(s, probe(s, true));
    return this.keys.get(s);
  }

  /**
   * Makes `json` what cdk8s writes (in place: undefined-valued keys removed, undefined items
   * null, -0 as 0) and returns every value and key kubectl would read otherwise.
   */
  public check(json: unknown): Misread[] {
    const out: Misread[] = [];
    // the keys and indexes down to the value visited; paths are only spelled out for a misread
    const trail: Array<string | number> = [];
    const push = (value: string, problem: string, fix: (pointer: string) => string): void => {
      out.push({ path: jsonPath(trail), pointer: jsonPointer(trail), value, problem, fix: fix(jsonPointer(trail)) });
    };
    const visit = (v: any): any => {
      if (typeof v === 'string') {
        const p = this.valueProblem(v);
        if (p) push(v, p.problem, () => p.fix);
        return v;
      }
      if (typeof v === 'number') {
        if (Object.is(v, -0)) return 0;
        if (!Number.isFinite(v)) {
          push(String(v), `is written as ${Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf'}, which kubectl cannot turn into JSON (it refuses the file)`,
            (pointer) => `Use a finite number, or remove it: JsonPatch.remove('${pointer}').`);
        }
        return v;
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          trail.push(i);
          v[i] = v[i] === undefined ? null : visit(v[i]);
          trail.pop();
        }
        return v;
      }
      if (v !== null && typeof v === 'object') {
        for (const k of Object.keys(v)) {
          const x = v[k];
          if (x === undefined) {
            delete v[k];
            continue;
          }
          trail.push(k);
          const p = this.keyProblem(k);
          if (p) push(k, p.problem, (pointer) => (k === '<<' ? `Remove the key (JsonPatch.remove('${pointer}')) and set the fields it holds on the object itself.` : p.fix));
          const y = visit(x);
          if (!Object.is(y, x)) v[k] = y;
          trail.pop();
        }
      }
      return v;
    };
    visit(json);
    return out;
  }
}

/** `spec.params[0].value`, with `["odd key"]` for a key that is not an identifier. */
function jsonPath(trail: ReadonlyArray<string | number>): string {
  let out = '';
  for (const k of trail) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(k)) out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(k)}]`;
  }
  return out || '(the object)';
}

/** An RFC 6901 JSON pointer. */
function jsonPointer(trail: ReadonlyArray<string | number>): string {
  return trail.map((k) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The API server's limit on the annotations of one object, keys and values together (apimachinery TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** The bytes of an object's annotations as the API server counts them: the UTF-8 length of every key and value. */
export function annotationBytes(manifest: any): number {
  const annotations = manifest?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object') return 0;
  let n = 0;
  for (const [k, v] of Object.entries(annotations)) n += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : String(v ?? ''));
  return n;
}
