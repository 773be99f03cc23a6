/**
 * One YAML document as kubectl reads it: the text between two `---` lines (the chunk that
 * k8s.io/apimachinery's YAMLReader hands to sigs.k8s.io/yaml), decoded with go-yaml v2's rules
 * (decode.go) and turned into JSON values the way sigs.k8s.io/yaml does (yaml.go).
 *
 * Two parsers, one result:
 * - the full path reads `yaml`'s syntax tree and applies go-yaml v2 itself: scalar resolution
 *   (go-yaml.ts), merge keys `<<` processed in place (a merged mapping overwrites the keys
 *   written before it, later keys overwrite it, a sequence of merges is applied last to first),
 *   aliases expanded under go-yaml's budget ("document contains excessive aliasing"), only the
 *   first document of the chunk (go-yaml's Unmarshal reads one), duplicate keys last-wins
 *   (non-strict Unmarshal), non-string keys written as JSON strings, null keys and NaN/Inf
 *   refused as sigs.k8s.io/yaml and encoding/json refuse them;
 * - the fast path is js-yaml with a schema holding only the same scalar resolution, used when the
 *   document has nothing on which the two could differ: no anchor, alias, tag, merge key, key
 *   that may be a float, integer beyond 2^53, NaN or infinity, duplicate, complex or null key,
 *   escape go-yaml refuses, empty block sequence entry, directive or second document (a line of a
 *   block or quoted scalar is text: what would start an entry there, or a tab in its indentation,
 *   does not count). Anything else (or any js-yaml error) goes to the full path. Both paths are
 *   tested to agree, and both against kubectl's own decoding code on generated documents.
 *
 * Before either: libyaml's character set (control characters refused), NEL and a lone CR read
 * as line breaks, LS/PS refused (line breaks to libyaml, not to YAML 1.2 parsers), a U+FEFF
 * before the content other than at the piece's start refused (text to go-yaml), a piece
 * started by a `---` YAMLReader kept read as an explicit document, what follows `... x` cut.
 * Where libyaml's scanner and YAML 1.2's grammar differ, the full path reads the text as libyaml
 * tokenizes it (`libyamlTokens`: `[-]`, `[a:, b]`, `[?a]`, `&a:b`, a comment right after a
 * token, flow lines indented less than YAML 1.2 wants, tags that take `,` in; and it computes
 * libyaml's value of a block scalar of spaces with an indentation indicator), and refuses what
 * it cannot read alike: other anchor names, keys past 1024 characters or over lines, a `?`
 * inside a flow plain scalar, a tag without a blank after it, tabs after `-` or in a block
 * scalar's indentation; and, as go-yaml's parser fails on them before any value is decoded (a
 * later duplicate key does not undo them), a tab in the indentation of a line of the block
 * context, a flow entry that starts with `:`, a `?` with no key in a flow sequence, and a `:`
 * with no key before it in the block context (checkIndentationTabs, checkFlowEntries,
 * checkBlockValues).
 */
import { loadAll, Schema, Type } from 'js-yaml';
import type * as Yaml from 'yaml';
import { BINARY_TAG, decodeBase64, FLOAT_TAG, formatFloatKey, goBytesToString, GoYamlError, hint, INT_TAG, MAX_INT64, MERGE_TAG, resolve, TIMESTAMP_TAG } from './go-yaml';
import { PLACEHOLDER, placeholdersIn, senderPlaceholder } from './templates';
import { jsString } from './text';

/** `yaml` takes longer to load than a typical repository takes to parse, and only the full path needs it. */
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

/** A chunk that kubectl would refuse: where (offset in the chunk) and why. */
export class ChunkError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** A decoded document. */
export interface DecodedDocument {
  /** Where the text kubectl does not read starts, after a flow collection that is the document (offset in the chunk). */
  readonly unreadFrom?: number;
  /**
   * The mapping entries a later duplicate key overwrote (go-yaml keeps the last), where each is written (offsets in the
   * chunk, from its key to the end of its value): text that is in no value read.
   */
  readonly overwritten?: readonly WrittenRange[];
  /** Its value as kubectl's JSON has it; null for an empty document (kubectl skips it). */
  readonly value: unknown;
  /** Offset of its first node in the chunk. */
  readonly offset: number;
  /** Offset in the chunk where a mapping of the value starts (List items; undefined if not known). */
  offsetOf(mapping: object): number | undefined;
  /**
   * Where an entry of a mapping or sequence of the value is written, found when asked: `at`
   * the key (or the item), `value` where the entry's node starts (to go further down).
   * `parentAt` is where `parent` starts, as this method or `offsetOf` told.
   */
  child(parent: object, parentAt: number, step: string | number): ChildAt;
  /**
   * The decimal digits of the integer a mapping entry (or a sequence's item, its index as key) holds, where its
   * JavaScript number may not be exact (beyond 2^53): what sigs.k8s.io/yaml writes in the JSON. Undefined for other values.
   */
  integerText?(parent: object, key: string): string | undefined;
}

/** A piece of the chunk: its first offset and the one after its last. */
export interface WrittenRange {
  readonly offset: number;
  readonly end: number;
}

/** Where an entry is written (offsets in the chunk; undefined where not known). */
export interface ChildAt {
  readonly at?: number;
  readonly value?: number;
}

/** A document without positions inside it. */
const NO_POSITIONS = { offsetOf: () => undefined, child: () => ({}) };

/** libyaml's reader refuses every other character (readerc.go). */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ud800-\udfff\ue000-\ufffd]/;

/** Decode one chunk (the text between `---` lines, as kubectl cuts them). */
export function decodeChunk(text: string): DecodedDocument {
  const bad = NOT_PRINTABLE.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new ChunkError(bad.index, `control characters are not allowed (U+${code})`);
  }
  if (text.includes('\ufeff')) {
    const bom = misplacedBom(text);
    if (bom >= 0) throw new UnreadContent(bom, 'a byte order mark (U+FEFF) before the document\'s content is no blank to kubectl\'s YAML parser, which reads it as text (a plain scalar\'s first character): remove it');
  }
  // NEL and a CR not before LF (kubectl's reader drops those) are read as LF by libyaml
  // wherever they occur: then a --- after a CR starts a second document
  let yaml11 = text.includes('\u0085') ? text.replace(/\u0085/g, '\n') : text;
  if (yaml11.includes('\r')) yaml11 = yaml11.replace(/\r/g, '\n');
  // LS and PS end lines for libyaml (YAML 1.1), and are plain characters to YAML 1.2 parsers.
  // Where one only ends a line (`key: <LS>` is null to kubectl), the document reads the same with
  // it as a line break and without it: it is read as a line break. Anywhere else libyaml keeps it
  // in the content (a multi-line scalar) or it changes the structure (a comment ended by one goes
  // on as content): refused, as no 1.2 parser reads them so.
  const separator = /[\u2028\u2029]/.exec(yaml11);
  if (separator) {
    const asBreak = decodeOrUndefined(yaml11.replace(/[\u2028\u2029]/g, '\n'));
    const without = asBreak && decodeOrUndefined(yaml11.replace(/[\u2028\u2029]/g, ''));
    if (asBreak && without && JSON.stringify(asBreak.value) === JSON.stringify(without.value)) return asBreak;
    throw new ChunkError(separator.index, `U+${separator[0] === '\u2028' ? '2028 (line separator)' : '2029 (paragraph separator)'} is a line break to kubectl's YAML parser; use \\n, or \\L and \\P in a double-quoted string`);
  }
  // a piece starts with `---` only when YAMLReader kept the line (the first of the file, or
  // one right after another): `---#` is no document start to libyaml but a plain scalar, which
  // no Kubernetes object is (kubectl fails on it, as a string or as what follows it)
  // (go-yaml drops a U+FEFF at the chunk's start: the first line starts after it)
  const lead = yaml11[0] === '\ufeff' ? 1 : 0;
  if (yaml11.startsWith('---#', lead)) throw new ChunkError(lead, 'a --- line followed by # without a space is a plain scalar to go-yaml, not a document start');
  const explicit = DOCUMENT_START.test(yaml11.slice(lead, lead + 4));
  const first = documentStart(yaml11);
  const atLineStart = first === lead || yaml11[first - 1] === '\n';
  if (atLineStart && !explicit && DOCUMENT_END.test(yaml11.slice(first, first + 4))) {
    // libyaml's first document is implicit: a `...` before any content ends it before its node
    throw new ChunkError(first, 'did not find expected node content (a ... line before the document)');
  }
  if (atLineStart && explicit && yaml11[first] === '%') {
    // a directive after `---` ends the (empty) document, and go-yaml reads only that one
    return { value: null, offset: first, ...NO_POSITIONS };
  }
  // what follows a `...` on its line is a second document, which go-yaml does not read (YAML
  // 1.2 parsers refuse content there)
  const ended = yaml11.includes('...') ? DOCUMENT_END_AND_MORE.exec(yaml11) : null;
  if (ended) yaml11 = `${yaml11.slice(0, ended.index + 3)}\n`;
  return fastDecode(yaml11) ?? fullDecode(yaml11);
}

/**
 * Where a U+FEFF that YAML 1.2 parsers skip and go-yaml does not is (-1 for none): go-yaml drops
 * one at the chunk's start (its encoding's mark), and then skips a line's first character only
 * when its buffer starts with U+FEFF (a second one there); one at any other place before the
 * document's content (a line of its prefix, after comments or a `---`) is text to it, where
 * YAML 1.2 allows a byte order mark.
 */
function misplacedBom(text: string): number {
  const from = text[0] === '\ufeff' ? 1 : 0;
  if (text[from] === '\ufeff') return from;
  // (right before a letter or digit, the first of a plain scalar's, both read it as its first
  // character; before an indicator, YAML 1.2 parsers skip it)
  for (let at = text.indexOf('\ufeff', from); at >= 0 && at < documentStart(text); at = text.indexOf('\ufeff', at + 1)) {
    if (!/[0-9A-Za-z_]/.test(text[at + 1] ?? '')) return at;
  }
  return -1;
}

/** A `...` line with content after it. */
const DOCUMENT_END_AND_MORE = /^\.\.\.[ \t]+[^ \t\n#]/m;
/** A `...` marker (at the start of a line). */
const DOCUMENT_END = /^\.\.\.(?:[ \t\n]|$)/;
/** A `---` marker (at the start of a line). */
const DOCUMENT_START = /^---(?:[ \t\n]|$)/;

/** Where a document's content starts: after comments, blank lines and a leading `---` marker. */
function documentStart(text: string): number {
  const at = contentStart(text, 0);
  return DOCUMENT_START.test(text.slice(at, at + 4)) && (at === 0 || text[at - 1] === '\n') ? contentStart(text, at + 3) : at;
}

/** A chunk decoded, or undefined where kubectl refuses it. */
function decodeOrUndefined(text: string): DecodedDocument | undefined {
  try {
    return fastDecode(text) ?? fullDecode(text);
  } catch (e) {
    if (e instanceof ChunkError || e instanceof GoYamlError) return undefined;
    throw e;
  }
}

const SIMPLE_ESCAPES = new Set(['0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', "'", '\\', 'N', '_', 'L', 'P', '\n']);
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * The escapes of the double-quoted scalar text[start, end) that libyaml refuses and the YAML 1.2
 * parsers accept (`\/`, surrogate code points): where and why, or undefined.
 */
export function badEscape(text: string, start: number, end: number): { offset: number; message: string } | undefined {
  for (let i = text.indexOf('\\', start); i >= 0 && i < end; i = text.indexOf('\\', i + 2)) {
    const c = text[i + 1];
    if (SIMPLE_ESCAPES.has(c)) continue;
    const length = HEX_ESCAPES[c];
    if (length === undefined) return { offset: i, message: 'found unknown escape character' };
    const hex = text.slice(i + 2, i + 2 + length);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) return { offset: i, message: 'did not find expected hexdecimal number' };
    const value = parseInt(hex, 16);
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { offset: i, message: 'found invalid Unicode character escape code' };
    i += length;
  }
  return undefined;
}

/** Offset of the first character at or after `from` that is not blank, a line break or a comment. */
function contentStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') {
      i++;
    } else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else {
      break;
    }
  }
  return i;
}

// ---------------------------------------------------------------------------------------
// Fast path: js-yaml
// ---------------------------------------------------------------------------------------

const PLAIN_TAG = 'tag:cdk8s-secure-tekton,2025:go-yaml-v2-plain';
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Thrown inside js-yaml to leave the fast path. */
const BAIL = Symbol('full parse needed');
/**
 * Syntax the fast path leaves to the full parser, because js-yaml would turn the key into a
 * string where go-yaml refuses it: collections as keys, explicit `?` keys, null keys (written,
 * or empty in a flow collection; an empty key in a block is a js-yaml error anyway). Empty
 * flow keys are found in the text (`[{,[][ \t\n]*:(?:[ \t\n]|$)`: indicatorAfterFlow with `:`);
 * a flow collection or a null scalar followed by `:` (a key) is found where js-yaml reads it
 * (KEY_AFTER), so that the same characters inside a script (`${VAR}: `) do not send a document
 * to the full parser. An explicit key's `?` in a flow collection (`[{,[][ \t]*\?(?:[ \t\n]|$)`:
 * indicatorAfterFlow with `?`) is found in the text too.
 *
 * Whether `indicator` (`:` or `?`) stands somewhere in `text` before a blank, a line break or
 * the end, after `{`, `,` or `[` with only blanks (and line breaks, with `lineBreaks`) between:
 * found from each indicator back, which gives the regular expression's answer without trying
 * it from every `,` of the text.
 */
function indicatorAfterFlow(text: string, indicator: ':' | '?', lineBreaks: boolean): boolean {
  for (let i = text.indexOf(indicator); i >= 0; i = text.indexOf(indicator, i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (!(i + 1 === text.length || next === 0x20 || next === 0x09 || next === 0x0a)) continue;
    let j = i - 1;
    for (; j >= 0; j--) {
      const c = text.charCodeAt(j);
      if (!(c === 0x20 || c === 0x09 || (lineBreaks && c === 0x0a))) break;
    }
    const c = j >= 0 ? text.charCodeAt(j) : -1;
    if (c === 0x7b || c === 0x2c || c === 0x5b) return true;
  }
  return false;
}
/** What may follow a flow collection on its line. */
const AFTER_FLOW = /[ \t]*(?:[\n#,:\]}]|$)/y;
/** A node followed by `:` is a key. */
const KEY_AFTER = /[ \t]*:(?:[ \t\n]|$)/y;
/** A `{{…}}` template at the start of a text, as Pipelines-as-Code and Helm find it (templates.ts PLACEHOLDER). */
const TEMPLATE_AT = new RegExp(`^${PLACEHOLDER.source}`);

/**
 * Why a `{{…}}` template written unquoted where a value starts is refused: Pipelines-as-Code and Helm replace it in the
 * text before the YAML is read, but read as written it is a mapping used as a key, which go-yaml refuses. Quoted, it is
 * a string both read alike (a template that holds a `"` is put in single quotes).
 */
function unquotedTemplate(template: string): string {
  // its first line, at most 80 characters
  const line = /^[^\n\r]*/.exec(template)![0];
  const shown = line.length > 80 ? `${line.slice(0, 79)}…` : line.length < template.length ? `${line}…` : line;
  const quoted = template.includes('"') ? `'${shown}'` : `"${shown}"`;
  return `${shown} unquoted: Pipelines-as-Code and Helm fill it in before the YAML is read, `
    + `but the audit reads the file as written, as kubectl does: quote it, ${quoted}, for the file to be audited`;
}

/**
 * The unquoted `{{…}}` template that holds offset `at` and starts a node (after a `:`, `-`, `?`, `[` or `,` and blanks,
 * or a line's indentation), or undefined: `{{ headers["X"] }}` is a flow mapping that YAML cannot read as written.
 */
function templateAround(text: string, at: number): { offset: number; text: string } | undefined {
  const from = text.lastIndexOf('{{', at);
  if (from < 0 || at - from > 1024) return undefined;
  const template = TEMPLATE_AT.exec(text.slice(from, from + 1026));
  if (template === null || from + template[0].length <= at) return undefined;
  const before = lastBefore(text, from);
  if (before >= 0 && !':-?[,'.includes(text[before])) return undefined;
  return { offset: from, text: template[0] };
}

/** The index of the last character before `at` that is not a blank or a line break (-1 when none). */
function lastBefore(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return i;
}
/**
 * Whether the flow collection written at text[start, end) has what the full path must look at:
 * a `?` outside quoted scalars and comments (a key indicator, or the end of a plain scalar, to libyaml),
 * a `:` before `,`, `[`, `]`, `{` or `}` (part of a plain scalar to libyaml), or a `:` after an
 * entry that went over lines (a key libyaml does not find).
 */
function flowNeedsFullParse(text: string, start: number, end: number): boolean {
  // whether the current entry has started, and whether a line break came after its start
  let started = false;
  let broken = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    // (a quote inside a plain scalar is a character of it: `{a":{b: 1}}` is the key `a":` to libyaml)
    if ((c === '"' || c === "'") && !started) {
      started = true;
      for (i++; i < end && text[i] !== c; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === '\n') broken = true;
      }
    } else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      while (i + 1 < end && text[i + 1] !== '\n') i++;
    } else if (c === '?') {
      return true;
    } else if (c === ',' || c === '[' || c === '{') {
      started = false;
      broken = false;
    } else if (c === '\n') {
      if (started) broken = true;
    } else if (c === ':') {
      // (a `:` that starts an entry is an indicator to libyaml, and a plain scalar's start to js-yaml)
      if (broken || !started || /[,[\]{}]/.test(text[i + 1] ?? '')) return true;
      started = false;
    } else if (c !== ' ' && c !== '\t') {
      started = true;
    }
  }
  return false;
}

/** A `:` after a node (blanks and line breaks between): the node may be a key whose `:` libyaml does not find. */
const LONG_OR_SPLIT_KEY = /[ \t\n]*:/y;
/**
 * Lines the fast path leaves to the full path, unless they are text of a block scalar or of a
 * quoted scalar (where no line starts a token): one whose first token, after `- ` entry
 * indicators, is an explicit key's `?`, a `:` with no key before it (KEYLESS_VALUE), or an empty
 * entry's `-` (js-yaml misreads an empty entry at the end of a nested block sequence: it takes
 * the next outer entry in). One regular expression, each line matched once.
 */
const INDICATOR_LINE = /^[ \t]*(?:-[ \t]+)*(?:[?:](?:[ \t]|$)|-[ \t]*(?:#.*)?$)/gm;
/**
 * The same for tabs: one in a line's indentation (TAB_IN_INDENTATION), after the `-` of a block
 * sequence entry (which js-yaml takes and libyaml does not), after a `?` or a `:` that starts an
 * entry (TAB_AFTER_INDICATOR).
 */
const TAB_LINE = /^[ \t]*\t|^[ ]*(?:-[ ]+)*-[ ]*\t|^[ \t]*(?:[-?:][ \t]+)*[?:] *\t/gm;
/** INDICATOR_LINE and TAB_LINE matched at a line's start (sticky, without the `^`): for texts whose lines end with LF alone. */
const STICKY = new Map<RegExp, RegExp>([
  [INDICATOR_LINE, /[ \t]*(?:-[ \t]+)*(?:[?:](?:[ \t]|$)|-[ \t]*(?:#.*)?$)/my],
  [TAB_LINE, /[ \t]*\t|[ ]*(?:-[ ]+)*-[ ]*\t|[ \t]*(?:[-?:][ \t]+)*[?:] *\t/my],
]);

/** Where the lines of the text that `re` (global, multiline, never empty) matches start and its match ends, pairs in order. */
function matchedLines(re: RegExp, text: string, out: number[]): void {
  // only LF ends lines (the text holds no other line terminator of JavaScript's): the sticky
  // form of the expression tried at each line's start finds the same lines, without trying
  // every other position
  const sticky = text.includes('\r') || text.includes('\u2028') || text.includes('\u2029') ? undefined : STICKY.get(re);
  if (sticky !== undefined) {
    for (let at = 0; ;) {
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m !== null) out.push(at, at + m[0].length);
      const nl = text.indexOf('\n', at);
      if (nl < 0) break;
      at = nl + 1;
    }
    return;
  }
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m.index, m.index + m[0].length);
    const nl = text.indexOf('\n', m.index);
    if (nl < 0) break;
    re.lastIndex = nl + 1;
  }
}

/**
 * Whether every matched line (pairs of start and end, in order) lies inside one of the scalars
 * (pairs of start and end, in order, none inside another): after the `|`, `>` or opening quote
 * where it starts, and ending by its end.
 */
function allInside(lines: readonly number[], scalars: readonly number[]): boolean {
  let k = 0;
  for (let i = 0; i < lines.length; i += 2) {
    while (k < scalars.length && scalars[k + 1] < lines[i + 1]) k += 2;
    if (k >= scalars.length || !(scalars[k] < lines[i] && lines[i + 1] <= scalars[k + 1])) return false;
  }
  return true;
}

/** Pairs (start, end) sorted by start, one per start. */
function orderedPairs(flat: readonly number[]): number[] {
  const byStart = new Map<number, number>();
  for (let i = 0; i < flat.length; i += 2) byStart.set(flat[i], Math.max(byStart.get(flat[i]) ?? 0, flat[i + 1]));
  return [...byStart.keys()].sort((a, b) => a - b).flatMap((k) => [k, byStart.get(k)!]);
}

/** Whether the document being read by the fast path has a float (its keys are then checked). */
let sawFloat = false;

const FAST_SCHEMA = new Schema({
  implicit: [
    new Type(PLAIN_TAG, {
      kind: 'scalar',
      resolve: () => true,
      construct: (s: string) => {
        // a plain `<<` is a merge key where it is a key (go-yaml's isMerge), a string elsewhere
        if (s === '<<') throw BAIL;
        // (most scalars are words: go-yaml resolves a plain scalar whose first character hints at no other type to itself)
        if (s !== '' && hint(s[0]) === '') return s;
        const r = resolve('', s);
        if (r.tag === INT_TAG) {
          const v = r.value as bigint;
          if (v > MAX_SAFE || v < -MAX_SAFE) throw BAIL;
          return Number(v);
        }
        if (r.tag === FLOAT_TAG) {
          // NaN and infinities are refused by the full path, unless a later key overwrites them
          const f = r.value as number;
          if (!Number.isFinite(f) || Object.is(f, -0)) throw BAIL;
          sawFloat = true;
          return f;
        }
        return r.value;
      },
    }),
  ],
});

/**
 * A key js-yaml may have written from a float as JavaScript does, where sigs.k8s.io/yaml writes
 * strconv.FormatFloat(f, 'g', -1, 32): any number that is not an integer below 1e6 (from 1e6 on,
 * Go writes an exponent: 1000000.0 is the key "1e+06").
 */
function hasFloatKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasFloatKey);
  if (v === null || typeof v !== 'object') return false;
  for (const k of Object.keys(v)) {
    const n = /^[-+.0-9]/.test(k) ? Number(k) : NaN;
    if ((!Number.isNaN(n) && (!Number.isInteger(n) || Math.abs(n) >= 1e6 || /[eE]/.test(k))) || hasFloatKey((v as any)[k])) return true;
  }
  return false;
}

/** js-yaml's parser state, as its listener sees it. */
interface ListenerState {
  readonly position: number;
  readonly tag: string | null;
  readonly anchor: string | null;
  readonly kind: string | null;
  readonly result: unknown;
}

/** The fast path alone (undefined where it defers to the full path); exported for tests. */
export function fastDecode(text: string): DecodedDocument | undefined {
  // directives (a chunk never has the --- a directive needs), keys js-yaml would make strings
  if (/^[%:]/.test(text) || text.includes('\n%') || indicatorAfterFlow(text, ':', true) || indicatorAfterFlow(text, '?', false)) return undefined;
  // lines that need the full path unless they are inside a block or quoted scalar (known once
  // js-yaml has read it: then where those scalars are is recorded)
  let lines: number[] = [];
  matchedLines(INDICATOR_LINE, text, lines);
  if (text.includes('\t')) {
    matchedLines(TAB_LINE, text, lines);
    // (the two in the text's order, each line once; not spread as arguments: there may be many)
    if (lines.length > 0) lines = orderedPairs(lines);
  }
  const scalars: number[] = [];
  const opened: number[] = [];
  // where the root mapping and the mappings two levels below it (List items) start; other
  // positions are found in the text when a finding asks for them
  const positions = new Map<object, number>();
  let docs: unknown[];
  sawFloat = false;
  try {
    docs = loadAll(text, undefined, {
      schema: FAST_SCHEMA,
      listener: (event, s) => {
        const state = s as unknown as ListenerState;
        if (event === 'open') {
          opened.push(state.position);
          return;
        }
        const start = opened.pop()!;
        if (state.anchor !== null || (state.tag !== null && state.tag !== PLAIN_TAG)) throw BAIL;
        const flowEnd = text[state.position - 1];
        const keyLike = ((state.kind === 'mapping' || state.kind === 'sequence') && (flowEnd === ']' || flowEnd === '}'))
          || (state.kind === 'scalar' && state.result === null);
        if (keyLike) {
          KEY_AFTER.lastIndex = state.position;
          if (KEY_AFTER.test(text)) throw BAIL;
        }
        // a flow collection in a flow mapping is a value only after a `:`; else it is a key, with or without a `:` after it
        // (`{{ x }}`, `{a: 1, [b]}`): js-yaml makes a string of it, go-yaml refuses it (a comment before it: the full path reads it)
        // (so is a null scalar there, `{~}`: go-yaml refuses a null key)
        if (((flowEnd === ']' || flowEnd === '}') && state.kind !== 'scalar') || (state.kind === 'scalar' && state.result === null)) {
          if (opened.length > 0 && text[contentStart(text, opened[opened.length - 1])] === '{'
            && text[lastBefore(text, contentStart(text, start))] !== ':') throw BAIL;
        }
        // a flow collection whose plain scalars libyaml scans otherwise, or whose keys it does not find
        if ((flowEnd === ']' || flowEnd === '}') && state.kind !== 'scalar' && flowNeedsFullParse(text, contentStart(text, start), state.position)) throw BAIL;
        // after a flow collection over lines, js-yaml goes on with a node on its last line (`}  e: f`
        // as the next key), which libyaml refuses: only a comment, `,`, `:` or a closing bracket may follow
        if ((flowEnd === ']' || flowEnd === '}') && state.kind !== 'scalar') {
          AFTER_FLOW.lastIndex = state.position;
          if (!AFTER_FLOW.test(text)) throw BAIL;
        }
        if (state.kind === 'mapping') {
          if (opened.length === 0 || opened.length === 2) positions.set(state.result as object, start);
        } else if (state.kind === 'scalar') {
          if (state.tag === null) {
            const at = contentStart(text, start);
            if (text[at] === '"' && badEscape(text, at, state.position)) throw BAIL;
            if ((text[at] === '|' || text[at] === '>') && blockScalarTab(text, at) >= 0) throw BAIL;
            if (lines.length > 0 && (text[at] === '|' || text[at] === '>' || text[at] === '"' || text[at] === "'")) scalars.push(at, state.position);
          }
          // a key longer than libyaml looks ahead: the full path refuses it (js-yaml refuses a
          // key over lines in a block mapping itself; flow collections are looked at as a whole)
          const next = text[state.position];
          if ((next === ':' || next === ' ' || next === '\t') && state.position - start > MAX_KEY_LENGTH / 2) {
            LONG_OR_SPLIT_KEY.lastIndex = state.position;
            const key = LONG_OR_SPLIT_KEY.exec(text);
            if (key) {
              const at = contentStart(text, start);
              if (key.index + key[0].length - at > MAX_KEY_LENGTH || text.lastIndexOf('\n', key.index + key[0].length - 1) >= at) throw BAIL;
            }
          }
        }
      },
    });
  } catch {
    return undefined;
  }
  if (docs.length > 1 || (sawFloat && hasFloatKey(docs[0])) || (lines.length > 0 && !allInside(lines, scalars))) return undefined;
  // the entries of each mapping and the items of each sequence asked for, scanned once
  const entries = new WeakMap<object, Map<string, WrittenEntry>>();
  const items = new WeakMap<object, number[]>();
  return {
    value: docs[0] ?? null,
    offset: documentStart(text),
    offsetOf: (o) => {
      const p = positions.get(o);
      return p === undefined ? undefined : contentStart(text, p);
    },
    child: (parent, parentAt, step) => {
      if (typeof step === 'number') {
        let list = items.get(parent);
        if (list === undefined) items.set(parent, list = scanItems(text, parentAt));
        const at = list[step];
        if (at === undefined) return {};
        if (text[parentAt] === '[') return { at, value: at };
        const value = valueAfter(text, at, at);
        return { at: value ?? at, value };
      }
      let map = entries.get(parent);
      if (map === undefined) entries.set(parent, map = scanEntries(text, parentAt));
      const e = map.get(step);
      if (e === undefined) return {};
      return { at: e.at, value: text[parentAt] === '{' ? contentStart(text, e.colon + 1) : valueAfter(text, e.colon, e.at) };
    },
  };
}

// ---------------------------------------------------------------------------------------
// Positions inside a document the fast path read: found in the text only when asked for
// ---------------------------------------------------------------------------------------

/** The end of a plain key: blanks, then a `:` followed by a blank or the end (from `lastIndex`). */
const PLAIN_KEY_END = /[ \t]*:(?:[ \t\n]|$)/g;
/** Blanks and a `:` right at `lastIndex`. */
const COLON_AFTER = /[ \t]*:/y;

/** Whether `c` is a space, a tab or a line break, or past the end of the text (what ends a `-` or `:` indicator). */
function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n';
}

/** Offset of the start of the line holding `at`. */
function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** A mapping entry as written: where its key starts and where its `:` is. */
interface WrittenEntry {
  readonly at: number;
  readonly colon: number;
}

/** The key written at `at` (plain, single- or double-quoted) and the offset of its `:`, or undefined. */
function entryWrittenAt(text: string, at: number): { key: string; colon: number } | undefined {
  const c = text[at];
  let key: string | undefined;
  let end: number;
  if (c === '"') {
    let i = at + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    try {
      key = JSON.parse(text.slice(at, i + 1)) as string;
    } catch {
      return undefined;
    }
    end = i + 1;
  } else if (c === "'") {
    let i = at + 1;
    key = '';
    for (; i < text.length; i++) {
      if (text[i] === "'") {
        if (text[i + 1] !== "'") break;
        i++;
      }
      key += text[i];
    }
    end = i + 1;
  } else {
    const nl = text.indexOf('\n', at);
    PLAIN_KEY_END.lastIndex = at;
    const found = PLAIN_KEY_END.exec(text);
    if (!found || (nl >= 0 && found.index > nl)) return undefined;
    return { key: text.slice(at, found.index), colon: found.index + found[0].indexOf(':') };
  }
  COLON_AFTER.lastIndex = end;
  return COLON_AFTER.test(text) ? { key, colon: COLON_AFTER.lastIndex - 1 } : undefined;
}

/**
 * The entries of the mapping starting at `start`: in a block mapping, the entries at the
 * column of its first key (a `- ` there is a sequence it holds); in a flow mapping, the
 * entries at its first level. The last entry of a name wins, as it does in the value.
 */
function scanEntries(text: string, start: number): Map<string, WrittenEntry> {
  const out = new Map<string, WrittenEntry>();
  if (text[start] === '{') {
    for (const at of scanFlow(text, start)) {
      const e = entryWrittenAt(text, at);
      if (e) out.set(e.key, { at, colon: e.colon });
    }
    return out;
  }
  const column = start - lineStartOf(text, start);
  for (let at = start; at >= 0 && at < text.length; at = nextAtColumn(text, at, column)) {
    if (text[at] === '-' && isBlank(text[at + 1])) continue;
    const e = entryWrittenAt(text, at);
    if (e) out.set(e.key, { at, colon: e.colon });
  }
  return out;
}

/** Where the items of the sequence starting at `start` are: the `-` of each block item, the start of each flow item. */
function scanItems(text: string, start: number): number[] {
  if (text[start] === '[') return scanFlow(text, start);
  if (text[start] !== '-') return [];
  const column = start - lineStartOf(text, start);
  const out: number[] = [];
  for (let at = start; at >= 0 && at < text.length; at = nextAtColumn(text, at, column)) {
    if (text[at] === '-' && isBlank(text[at + 1])) out.push(at);
    else break;
  }
  return out;
}

/**
 * Where the node after the `:` of an entry (or the `-` of an item) at `mark` starts, for an
 * entry whose key (or dash) is at `owner`: on the same line, or on a later line indented
 * further (or a `-` at the same column: a sequence a mapping entry holds). Undefined for an
 * empty node.
 */
function valueAfter(text: string, mark: number, owner: number): number | undefined {
  let i = mark + 1;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i < text.length && text[i] !== '\n' && text[i] !== '#') return i;
  const j = contentStart(text, i);
  if (j >= text.length) return undefined;
  const column = j - lineStartOf(text, j);
  const ownerColumn = owner - lineStartOf(text, owner);
  const dash = text[j] === '-' && isBlank(text[j + 1]);
  return column > ownerColumn || (column === ownerColumn && dash && text[owner] !== '-') ? j : undefined;
}

/**
 * The next line after the one holding `at` whose content starts exactly at `column`
 * (-1 when a line with content starts further left first, or the text ends). Blank and
 * comment lines, and lines indented further (nested nodes, block scalars), are passed over.
 */
function nextAtColumn(text: string, at: number, column: number): number {
  let nl = text.indexOf('\n', at);
  while (nl >= 0) {
    const lineStart = nl + 1;
    let i = lineStart;
    while (text[i] === ' ') i++;
    if (i >= text.length) return -1;
    const c = text[i];
    if (c !== '\n' && c !== '#' && c !== '\r') {
      if (i - lineStart < column) return -1;
      if (i - lineStart === column) return i;
    }
    nl = text.indexOf('\n', i);
  }
  return -1;
}

/** Where the entries at the first level of the flow collection starting at `start` begin. */
function scanFlow(text: string, start: number): number[] {
  const out: number[] = [];
  let depth = 0;
  let entry = true;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (depth === 1 && entry && !(isBlank(c) || c === '\r' || c === ',')) {
      entry = false;
      if (c === '}' || c === ']') break;
      out.push(i);
    }
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '#' && isBlank(text[i - 1])) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) entry = true;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) break;
    } else if (c === ',' && depth === 1) {
      entry = true;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Full path: yaml's syntax tree, go-yaml v2's decoder
// ---------------------------------------------------------------------------------------

const YAML_OPTIONS = {
  // every scalar kept as its source string; the tags are go-yaml's to resolve
  schema: 'failsafe',
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: false,
  keepSourceTokens: false,
  logLevel: 'silent',
  // the messages are cut to their first line (syntaxMessage): no context lines to compute, once per error
  prettyErrors: false,
} as const;

/** go-yaml's scanner limits flow nesting and indentation levels to 10000 each. */
const MAX_DEPTH = 10000;

/** A float that encoding/json refuses (NaN, ±Inf), kept until the final JSON conversion. */
class NonFinite {
  constructor(readonly value: number, readonly source: string, readonly offset: number) {}
}

/** A Go map key: go-yaml gives map[interface{}]interface{} keys their own types. */
type GoKey =
  | { readonly kind: 'str'; readonly v: string }
  | { readonly kind: 'bool'; readonly v: boolean }
  | { readonly kind: 'int'; readonly v: bigint }
  | { readonly kind: 'float'; readonly v: number }
  | { readonly kind: 'null' };

interface Entry {
  key: GoKey;
  value: Raw;
  offset: number;
}

/** map[interface{}]interface{}, in the order keys were first written. */
class GoMap {
  readonly entries = new Map<string, Entry>();
  constructor(readonly offset: number) {}
}

type Raw = string | boolean | null | bigint | number | NonFinite | GoMap | Raw[];

let nanKeys = 0;

/** Go's map identity of a key (== on the dynamic type and value). */
function identity(k: GoKey): string {
  switch (k.kind) {
    case 'str': return `s${k.v}`;
    case 'bool': return `b${k.v}`;
    case 'int': return `i${k.v}`;
    case 'float': return Number.isNaN(k.v) ? `fnan${nanKeys++}` : `f${k.v === 0 ? 0 : k.v}`;
    default: return 'n';
  }
}

function describe(k: GoKey): string {
  switch (k.kind) {
    case 'str': return JSON.stringify(k.v);
    case 'null': return 'null';
    case 'float': return formatFloatKey(k.v);
    default: return jsString(k.v);
  }
}

const offsetOfNode = (n: Yaml.Node | null | undefined, fallback: number): number => n?.range?.[0] ?? fallback;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** go-yaml v2's decoder (decode.go) into interface{} values. */
class Decoder {
  private decodeCount = 1; // the document node
  private aliasCount = 0;
  private aliasDepth = 0;
  /** How many flow collections hold the node being decoded (as written, outside aliases). */
  private flowDepth = 0;
  private readonly expanding = new Set<Yaml.Alias>();
  /** Where each sequence decoded and its items start. */
  readonly sequences = new WeakMap<Raw[], SequencePositions>();
  /** The entries (as written, outside aliases) a later duplicate key overwrote. */
  readonly overwritten: WrittenRange[] = [];
  /** Where each entry written outside aliases ends (its value's end). */
  private readonly entryEnds = new WeakMap<Entry, number>();

  constructor(
    private readonly targets: Map<Yaml.Alias, Yaml.Node>,
    private readonly text: string,
    private readonly restore: Map<string, string>,
    private readonly blockIndents: Map<Yaml.Node, number>,
  ) {}

  unmarshal(n: Yaml.Node | null, at: number, depth: number, into?: GoMap): Raw {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new ChunkError(offsetOfNode(n, at), 'document contains excessive aliasing');
    }
    if (depth > MAX_DEPTH) throw new ChunkError(offsetOfNode(n, at), `exceeded max depth of ${MAX_DEPTH}`);
    if (n === null) return null; // an empty node is the empty plain scalar
    if (yaml().isAlias(n)) {
      if (this.expanding.has(n)) throw new ChunkError(offsetOfNode(n, at), `anchor '${n.source}' value contains itself`);
      this.expanding.add(n);
      this.aliasDepth++;
      const r = this.unmarshal(this.targets.get(n)!, n.range![0], depth + 1, into);
      this.aliasDepth--;
      this.expanding.delete(n);
      return r;
    }
    if (yaml().isScalar(n)) {
      if (this.flowDepth > 0 && this.aliasDepth === 0 && n.type === 'PLAIN') checkFlowPlain(this.text, n.range![0], n.range![1]);
      return this.scalar(n);
    }
    const flow = (yaml().isMap(n) || yaml().isSeq(n)) && n.flow === true && this.aliasDepth === 0;
    if (flow) this.flowDepth++;
    try {
      return this.collection(n, at, depth, into);
    } finally {
      if (flow) this.flowDepth--;
    }
  }

  private collection(n: Yaml.Node, at: number, depth: number, into?: GoMap): Raw {
    if (yaml().isMap(n)) {
      const out = into ?? new GoMap(n.range![0]);
      for (const pair of n.items) {
        const k = pair.key as Yaml.Node | null;
        const v = pair.value as Yaml.Node | null;
        const keyAt = offsetOfNode(k, offsetOfNode(v, n.range![0]));
        if (this.aliasDepth === 0 && k !== null) checkImplicitKey(this.text, k);
        if (isMergeKey(k)) {
          this.merge(v, keyAt, depth, out);
          continue;
        }
        const key = this.unmarshal(k, keyAt, depth + 1);
        if (key instanceof GoMap || Array.isArray(key)) {
          // `{{ x }}` unquoted: a template another tool fills in the text, which kubectl cannot read as written;
          // said at its first brace (the mapping that holds the key), with the template itself
          const template = key instanceof GoMap ? TEMPLATE_AT.exec(this.text.slice(keyAt - 1, keyAt + 1024)) : null;
          if (template !== null) throw new ChunkError(keyAt - 1, `invalid map key: a mapping (${unquotedTemplate(template[0])})`);
          throw new ChunkError(keyAt, `invalid map key: a ${key instanceof GoMap ? 'mapping' : 'sequence'}`);
        }
        const value = this.unmarshal(v, keyAt, depth + 1);
        const goKey = toGoKey(key);
        const id = identity(goKey);
        const prev = out.entries.get(id);
        // where the entry's text ends (its value's, else its key's)
        const end = v?.range?.[1] ?? k?.range?.[1] ?? keyAt;
        if (prev) {
          const prevEnd = this.entryEnds.get(prev);
          if (prevEnd !== undefined) this.overwritten.push({ offset: prev.offset, end: prevEnd });
          // Go keeps the value and, for floats (+0/-0), updates the key
          prev.key = goKey;
          prev.value = value;
          prev.offset = keyAt;
          if (this.aliasDepth === 0) this.entryEnds.set(prev, end);
          else this.entryEnds.delete(prev);
        } else {
          const entry = { key: goKey, value, offset: keyAt };
          out.entries.set(id, entry);
          if (this.aliasDepth === 0) this.entryEnds.set(entry, end);
        }
      }
      return out;
    }
    if (yaml().isSeq(n)) {
      if (!n.flow && this.aliasDepth === 0) checkBlockEntries(this.text, n.range![0], n.range![1]);
      const items = n.items.map((item) => this.unmarshal(item as Yaml.Node | null, n.range![0], depth + 1));
      this.sequences.set(items, { offset: n.range![0], items: n.items.map((item) => offsetOfNode(item as Yaml.Node | null, n.range![0])) });
      return items;
    }
    throw new ChunkError(at, 'unsupported YAML node');
  }

  /** go-yaml v2's `scalar()` into an interface{}. */
  private scalar(n: Yaml.Scalar): Raw {
    const at = n.range![0];
    if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && this.aliasDepth === 0) {
      const tab = blockScalarTab(this.text, at);
      if (tab >= 0) throw new ChunkError(tab, 'found a tab character where an indentation space is expected');
    }
    if (n.type === 'QUOTE_DOUBLE') {
      const bad = badEscape(this.text, at, n.range![1]);
      if (bad) throw new ChunkError(bad.offset, bad.message);
    }
    let s = n.source ?? jsString(n.value ?? '');
    // a block scalar as libyaml scans it: `yaml` takes a line of spaces beyond the indentation
    // after the last line of content (or in a scalar without one) for an empty line, libyaml
    // keeps its spaces beyond the indentation
    if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && this.blockIndents.has(n)) {
      s = libyamlBlockScalar(this.text, at, this.blockIndents.get(n)!);
    }
    for (const [c, original] of this.restore) if (s.includes(c)) s = s.split(c).join(original);
    const tag = n.tag;
    // quoted and block scalars without a tag are strings; `!` makes any scalar implicit (then a string)
    if (tag === undefined && n.type !== 'PLAIN') return s;
    let r;
    try {
      r = resolve(tag ?? '', s);
    } catch (e) {
      if (e instanceof GoYamlError) throw new ChunkError(at, e.message);
      throw e;
    }
    if (r.tag === BINARY_TAG) {
      const bytes = decodeBase64(s);
      if (!bytes) throw new ChunkError(at, '!!binary value contains invalid base64 data');
      return goBytesToString(bytes);
    }
    if (r.tag === TIMESTAMP_TAG) return s;
    if (r.tag === FLOAT_TAG && !Number.isFinite(r.value as number)) return new NonFinite(r.value as number, s, at);
    return r.value;
  }

  private merge(v: Yaml.Node | null, at: number, depth: number, out: GoMap): void {
    const fail = (): never => {
      throw new ChunkError(offsetOfNode(v, at), 'map merge requires map or sequence of maps as the value');
    };
    if (v !== null && yaml().isMap(v)) {
      this.unmarshal(v, at, depth + 1, out);
    } else if (v !== null && yaml().isAlias(v)) {
      if (!yaml().isMap(this.targets.get(v))) fail();
      this.unmarshal(v, at, depth + 1, out);
    } else if (v !== null && yaml().isSeq(v)) {
      // earlier mappings take precedence: they are merged last
      for (let i = v.items.length - 1; i >= 0; i--) {
        const item = v.items[i] as Yaml.Node | null;
        if (item === null || !(yaml().isMap(item) || (yaml().isAlias(item) && yaml().isMap(this.targets.get(item))))) fail();
        this.unmarshal(item, at, depth + 1, out);
      }
    } else {
      fail();
    }
  }
}

/** libyaml looks this many characters ahead of a key for its `:` (YAML 1.2's limit). */
const MAX_KEY_LENGTH = 1024;

/**
 * A key without `?` (an implicit key) is one to libyaml only if its `:` follows on the same
 * line at most 1024 characters from its start; else go-yaml fails ("could not find expected
 * ':'", or what it reads next). YAML 1.2 parsers take longer keys, and keys over lines in flow
 * collections: refused.
 */
function checkImplicitKey(text: string, k: Yaml.Node): void {
  const [start, end] = k.range!;
  // an explicit key: `?` before it (and its anchor or tag)
  let b = start;
  for (;;) {
    while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t' || text[b - 1] === '\n')) b--;
    let w = b;
    while (w > 0 && text[w - 1] !== ' ' && text[w - 1] !== '\t' && text[w - 1] !== '\n') w--;
    if (w === b || (text[w] !== '&' && text[w] !== '!')) break;
    b = w;
  }
  if (text[b - 1] === '?') return;
  let colon = end;
  while (colon < text.length && /[ \t\n]/.test(text[colon])) colon++;
  // no `:` after it: a flow entry without a value, not a key of its own
  if (text[colon] !== ':') return;
  const lineBreak = text.indexOf('\n', start);
  if ((lineBreak >= 0 && lineBreak < colon) || colon - start > MAX_KEY_LENGTH) {
    throw new ChunkError(start, `could not find expected ':' (go-yaml takes a key without ? only with its ':' on the same line, at most ${MAX_KEY_LENGTH} characters from its start)`);
  }
}

/**
 * A plain scalar in a flow collection, from start to end, as libyaml scans it: it ends at `?`
 * (then a key indicator), and a `:` before `,`, `[`, `]`, `{` or `}` is part of it. YAML 1.2
 * parsers read `a?b` as one scalar and `a:` there as a key: `[a:, b]` is ["a:", "b"] to
 * kubectl and [{a: null}, b] to them. Refused.
 */
function checkFlowPlain(text: string, start: number, end: number): void {
  const q = text.slice(start, end).indexOf('?');
  if (q >= 0) {
    throw new ChunkError(start + q, 'a ? in a plain scalar of a flow collection is a key indicator to go-yaml, which reads the scalar otherwise (quote it)');
  }
  if (end > start && text[end] === ':' && /[,[\]{}]/.test(text[end + 1] ?? '')) {
    throw new ChunkError(end, `a : before ${text[end + 1]} in a flow collection is part of the plain scalar to go-yaml, not a key indicator (quote the key or add a space after the :)`);
  }
}

/**
 * The entries of the block sequence written at text[start, end): libyaml takes no tab after
 * their `-` ("found character that cannot start any token"); YAML 1.2 parsers do.
 */
function checkBlockEntries(text: string, start: number, end: number): void {
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  for (let at = start; at >= 0 && at < end;) {
    let i = at + 1;
    while (text[i] === ' ' || text[i] === '\t') {
      if (text[i] === '\t') throw new ChunkError(i, 'found character that cannot start any token (go-yaml takes no tab after the - of a sequence entry)');
      i++;
    }
    // the next entry: a line whose first character, at the sequence's column, is `-`
    at = -1;
    for (let nl = text.indexOf('\n', i); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
      let j = nl + 1;
      while (text[j] === ' ') j++;
      if (j - nl - 1 === column && text[j] === '-' && /[ \t\n]/.test(text[j + 1] ?? '\n')) {
        at = j;
        break;
      }
      if (j - nl - 1 < column && text[j] !== '\n' && text[j] !== '#' && j < text.length) break;
    }
  }
}

/**
 * Where libyaml finds a tab in the indentation of the block scalar whose `|` or `>` is at
 * `header` ("found a tab character where an indentation space is expected"), or -1: while it
 * looks for the indentation (leading empty lines, the first content line), and in any line
 * after that (empty ones and the first less indented one included) before the indentation is
 * reached. YAML 1.2 parsers take such a tab as content. (A block scalar with an indentation
 * indicator is not looked at.)
 */
export function blockScalarTab(text: string, header: number): number {
  const headerEnd = text.indexOf('\n', header);
  if (headerEnd < 0 || /^[|>][-+]?[1-9]/.test(text.slice(header, header + 3))) return -1;
  let indent = 0;
  let maxIndent = 0;
  for (let i = headerEnd + 1; i < text.length;) {
    let column = 0;
    while (text[i] === ' ' && (indent === 0 || column < indent)) {
      i++;
      column++;
    }
    if (indent === 0 && column > maxIndent) maxIndent = column;
    if ((indent === 0 || column < indent) && text[i] === '\t') return i;
    if (text[i] === '\n') {
      i++;
      continue;
    }
    if (i >= text.length) return -1;
    if (indent === 0) indent = Math.max(maxIndent, 1);
    // a less indented line ends the block scalar
    if (column < indent) return -1;
    const nl = text.indexOf('\n', i);
    if (nl < 0) return -1;
    i = nl + 1;
  }
  return -1;
}

/**
 * The column of the block collection whose first key or `-` is at `start` (libyaml's
 * parser.indent inside it): a tag or anchor of the first key, on its line, comes first, and
 * the key starts there.
 */
function blockColumn(text: string, first: number): number {
  let start = first;
  for (;;) {
    let b = start;
    while (b > 0 && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
    let w = b;
    while (w > 0 && !/[ \t\n]/.test(text[w - 1])) w--;
    if (w === b || (text[w] !== '!' && text[w] !== '&')) break;
    start = w;
  }
  return start - (text.lastIndexOf('\n', start - 1) + 1);
}

/**
 * For each block scalar, the indentation of the block collection holding it (libyaml's
 * parser.indent: the column of its first key or `-`; -1 at the top).
 */
function blockScalarIndents(root: Yaml.Node, text: string): Map<Yaml.Node, number> {
  const out = new Map<Yaml.Node, number>();
  if (!/[|>]/.test(text)) return out;
  const stack: [Yaml.Node | null, number][] = [[root, -1]];
  while (stack.length > 0) {
    const [n, indent] = stack.pop()!;
    if (!n) continue;
    if (yaml().isScalar(n)) {
      if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && /[|>]/.test(text[n.range![0]])) out.set(n, indent);
    } else if (yaml().isMap(n) || yaml().isSeq(n)) {
      const inner = n.flow ? indent : blockColumn(text, n.range![0]);
      for (const item of n.items as unknown[]) {
        if (yaml().isPair(item)) stack.push([item.key as Yaml.Node | null, inner], [item.value as Yaml.Node | null, inner]);
        else stack.push([item as Yaml.Node | null, inner]);
      }
    }
  }
  return out;
}

/** Where go-yaml stops reading (it reads the first document only): the `...` or `---` line after its node. */
function firstDocumentEnd(root: Yaml.Node | null, text: string): number {
  const marker = /^(?:\.\.\.|---)(?:[ \t\n]|$)/gm;
  marker.lastIndex = root?.range ? root.range[2] : documentStart(text);
  return marker.exec(text)?.index ?? text.length;
}

/** A line of the block context that starts (after its indentation and `- ` indicators) with a `:` and no key. */
const KEYLESS_VALUE = /^[ \t]*(?:-[ \t]+)*:(?:[ \t]|$)/m;

/**
 * Refuses a `:` that starts an entry of the block context without a key before it, where go-yaml
 * v2's parser fails ("did not find expected key") and YAML 1.2 parsers read a pair with an empty
 * key: only the `:` of an explicit `? key` entry, at the `?`'s column, may start a line. It fails
 * while the document is parsed, so a later duplicate key does not undo it.
 */
function checkBlockValues(root: Yaml.Node | null, text: string): void {
  if (!text.includes(':') || !KEYLESS_VALUE.test(text)) return;
  const skip = textRanges(root);
  const inside = (at: number): boolean => skip.some(([a, b]) => a < at && at < b);
  const limit = firstDocumentEnd(root, text);
  // the entries each line starts (a `-` indicator, then its first token), by column
  const previous: Array<Array<{ column: number; c: string }>> = [];
  for (let lineStart = 0; lineStart < limit;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    let p = lineStart;
    const entries: Array<{ column: number; c: string }> = [];
    for (;;) {
      while (text[p] === ' ' || text[p] === '\t') p++;
      if (p >= lineEnd || text[p] === '#' || inside(p)) break;
      entries.push({ column: p - lineStart, c: text[p] });
      if (text[p] !== '-' || !/[ \t\n]/.test(text[p + 1] ?? '\n')) break;
      p++;
    }
    const last = entries[entries.length - 1];
    if (last?.c === ':' && /[ \t\n]/.test(text[p + 1] ?? '\n')) {
      // the entry it belongs to: the last one written at its column or left of it
      let owner: { column: number; c: string } | undefined;
      for (let i = previous.length - 1; i >= 0 && owner === undefined; i--) {
        owner = previous[i].filter((e) => e.column <= last.column).pop();
      }
      if (owner === undefined || owner.c !== '?' || owner.column !== last.column) {
        throw new ChunkError(p, 'did not find expected key (a : with no key before it)');
      }
    }
    if (entries.length > 0) previous.push(entries);
    lineStart = lineEnd + 1;
  }
}

/** A line of the block context with a tab in the blanks after a `?` or a `:` that starts an entry. */
const TAB_AFTER_INDICATOR = /^[ \t]*(?:[-?:][ \t]+)*[?:] *\t/m;

/**
 * Refuses a tab in the blanks after the `?` of an explicit key, or after the `:` of its value
 * (a `:` that starts a line's entry), in the block context: libyaml lets a token start there and
 * skips only spaces ("found character that cannot start any token"), as after a `-`
 * (checkBlockEntries); YAML 1.2 parsers take the tab as a blank.
 */
function checkTabsAfterIndicators(root: Yaml.Node | null, text: string): void {
  if (!text.includes('\t') || !TAB_AFTER_INDICATOR.test(text)) return;
  const skip = textRanges(root);
  const limit = firstDocumentEnd(root, text);
  const lines = new RegExp(TAB_AFTER_INDICATOR.source, 'gm');
  for (let m = lines.exec(text); m !== null && m.index < limit; m = lines.exec(text)) {
    const tab = m.index + m[0].length - 1;
    // the indicator: the last ? or : of the match
    const indicator = m.index + Math.max(m[0].lastIndexOf('?'), m[0].lastIndexOf(':'));
    if (skip.some(([a, b]) => a < indicator && indicator < b)) continue;
    throw new ChunkError(tab, `found character that cannot start any token (go-yaml takes no tab after the ${text[indicator]} of an explicit key's entry)`);
  }
}

/** Where lines are not the block context's: flow collections and scalars (a block scalar up to its last line). */
function textRanges(root: Yaml.Node | null): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: Array<Yaml.Node | null> = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n?.range) continue;
    if (yaml().isScalar(n) || ((yaml().isMap(n) || yaml().isSeq(n)) && n.flow)) {
      out.push([n.range[0], yaml().isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') ? n.range[2] : n.range[1]]);
    } else if (yaml().isMap(n) || yaml().isSeq(n)) {
      for (const item of n.items as unknown[]) {
        if (yaml().isPair(item)) stack.push(item.key as Yaml.Node | null, item.value as Yaml.Node | null);
        else stack.push(item as Yaml.Node | null);
      }
    }
  }
  return out;
}

/** A line whose indentation (the blanks before its first other character) holds a tab. */
const TAB_IN_INDENTATION = /^[ \t]*\t/m;

/**
 * Refuses a tab in the indentation of a line of the block context, where libyaml's scanner
 * fails on it and YAML 1.2 parsers take it as a blank: a line that follows a plain scalar (its
 * continuation, or a blank line after it) with a tab at a column below the scalar's block
 * collection's indentation plus one ("found a tab character that violates indentation");
 * any other such line ("found character that cannot start any token": where a token may
 * start a line, libyaml skips only spaces), blank and comment-only lines included. Lines in
 * a quoted scalar take tabs; those of a flow collection too, except the blanks after a line of
 * a plain scalar (its scan checks them, whatever follows). Those of a block scalar are
 * blockScalarTab's. `inserted`: offsets of the spaces `libyamlTokens` put in the text.
 */
function checkIndentationTabs(root: Yaml.Node | null, text: string, inserted: readonly number[] = []): void {
  if (!text.includes('\t') || !TAB_IN_INDENTATION.test(text)) return;
  const limit = firstDocumentEnd(root, text);
  const flows: Array<[number, number]> = [];
  const quoted: Array<[number, number]> = [];
  const blocks: Array<[number, number]> = [];
  const plains: Array<[number, number, number]> = [];
  const stack: [Yaml.Node | null, number][] = [[root, -1]];
  while (stack.length > 0) {
    const [n, indent] = stack.pop()!;
    if (!n?.range) continue;
    const [start, end] = n.range;
    if (yaml().isScalar(n)) {
      if (n.type === 'PLAIN') plains.push([start, end, indent]);
      else if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') blocks.push([start, n.range[2]]);
      else quoted.push([start, end]);
    } else if (yaml().isMap(n) || yaml().isSeq(n)) {
      if (n.flow) flows.push([start, end]);
      const inner = n.flow ? indent : blockColumn(text, start);
      for (const item of n.items as unknown[]) {
        if (yaml().isPair(item)) stack.push([item.key as Yaml.Node | null, inner], [item.value as Yaml.Node | null, inner]);
        else stack.push([item as Yaml.Node | null, inner]);
      }
    }
  }
  const within = (ranges: Array<[number, number]>, at: number): boolean => ranges.some(([a, b]) => a < at && at < b);
  const lines = new RegExp(TAB_IN_INDENTATION.source, 'gm');
  for (let m = lines.exec(text); m !== null && m.index < limit; m = lines.exec(text)) {
    const lineStart = m.index;
    const tab = lineStart + m[0].indexOf('\t');
    if (within(quoted, lineStart)) continue;
    // the last token before the line
    let last = lineStart - 1;
    while (last >= 0 && /[ \t\n]/.test(text[last])) last--;
    if (last >= 0 && blocks.some(([a, b]) => a <= last && last < b)) continue;
    const plain = last >= 0 ? plains.find(([a, b]) => a <= last && last < b) : undefined;
    if (within(flows, lineStart)) {
      // in a flow collection libyaml skips tabs before a token, but a plain scalar's scan looks at the blanks after its
      // line, whatever follows them (`{a: b\n\tc}`, `[b\n\t]`), with the indentation of the block around the collection
      // (at its column as written: `libyamlTokens` may have put spaces before it)
      const column = tab - lineStart - inserted.filter((q) => lineStart <= q && q < tab).length;
      if (plain !== undefined && column < plain[2] + 1) throw new ChunkError(tab, 'found a tab character that violates indentation');
      continue;
    }
    if (plain === undefined) throw new ChunkError(tab, 'found character that cannot start any token (a tab in the indentation of a line)');
    if (tab - lineStart < plain[2] + 1) throw new ChunkError(tab, 'found a tab character that violates indentation');
  }
}

/**
 * Refuses an entry of a flow collection that go-yaml v2's parser fails on, where YAML 1.2
 * parsers read a pair with an empty key: an entry that starts with `:` ("did not find expected
 * node content"), and in a flow sequence a `?` with no key after it (`[?]`, `[?, a]`, `[? : b]`:
 * "did not find expected ',' or ']'", the parser skipping the token after the `?`). These fail
 * while the document is parsed, so a later duplicate key does not undo them.
 */
function checkFlowEntries(root: Yaml.Node | null, text: string): void {
  if (root === null || !/[[{]/.test(text) || !/[:?]/.test(text)) return;
  // the outermost flow collections
  const flows: Array<[number, number]> = [];
  const stack: Array<Yaml.Node | null> = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n?.range || !(yaml().isMap(n) || yaml().isSeq(n))) continue;
    if (n.flow) {
      flows.push([n.range[0], n.range[1]]);
      continue;
    }
    for (const item of n.items as unknown[]) {
      if (yaml().isPair(item)) stack.push(item.key as Yaml.Node | null, item.value as Yaml.Node | null);
      else stack.push(item as Yaml.Node | null);
    }
  }
  const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';
  /** The next character that is not a blank, a line break or a comment. */
  const next = (from: number): number => {
    let i = from;
    for (;;) {
      while (blank(text[i])) i++;
      if (text[i] !== '#' || (i > 0 && !blank(text[i - 1]))) return i;
      while (i < text.length && text[i] !== '\n') i++;
    }
  };
  /** Whether the quote at `at` starts a quoted scalar (after an indicator, a tag or an anchor), not a plain scalar's character. */
  const quoteStarts = (at: number): boolean => {
    let p = at - 1;
    while (p >= 0 && blank(text[p])) p--;
    if (p < 0 || '[{,:?'.includes(text[p])) return true;
    if (p === at - 1) return false;
    let w = p;
    while (w > 0 && !blank(text[w - 1])) w--;
    return text[w] === '!' || text[w] === '&';
  };
  for (const [start, end] of flows) {
    const open: string[] = [];
    let entry = false;
    for (let i = next(start); i < end; i = next(i + 1)) {
      const c = text[i];
      if (entry) {
        entry = false;
        if (c === ':') throw new ChunkError(i, 'did not find expected node content (an entry of a flow collection starts with :)');
        if (c === '?' && open[open.length - 1] === '[') {
          const after = next(i + 1);
          if (text[after] === ',' || text[after] === ']' || text[after] === ':') {
            // the parser takes the token after an empty key for the key's end and skips it: a `:`
            // and a value may follow it, then a `,` or `]` must (`[?, :]` is [{null: null}])
            const then = next(after + 1);
            if (text[after] === ']' || !(text[then] === ':' || text[then] === ',' || text[then] === ']')) {
              throw new ChunkError(after, "did not find expected ',' or ']' (a ? with no key in a flow sequence)");
            }
            // (a `,` skipped so starts no entry)
            i = after;
            continue;
          }
        }
      }
      if (c === '[' || c === '{') {
        open.push(c);
        entry = true;
      } else if (c === ']' || c === '}') {
        open.pop();
        if (open.length === 0) break;
      } else if (c === ',') {
        entry = true;
      } else if ((c === '"' || c === "'") && quoteStarts(i)) {
        const q = quotedEnd(text, i);
        if (q < 0) break;
        i = q - 1;
      }
    }
  }
}

/**
 * Refuses a `---` or `...` line (followed by a blank or the end) inside a quoted scalar, as libyaml's scanner does ("found
 * unexpected document indicator"), where `yaml` ends the scalar before it and may read it as closed (`"a\"` then `...`:
 * the value `a"` to `yaml`, whose scalar ends in a quote that is escaped).
 */
function checkQuotedDocumentMarkers(root: Yaml.Node | null, text: string): void {
  if (root === null || !/^(?:---|\.\.\.)(?:[ \t\n]|$)/m.test(text)) return;
  yaml().visit(root, {
    Scalar: (_, n) => {
      if ((n.type !== 'QUOTE_DOUBLE' && n.type !== 'QUOTE_SINGLE') || !n.range) return;
      const start = n.range[0];
      const end = quotedEnd(text, start);
      const marker = /^(?:---|\.\.\.)(?:[ \t\n]|$)/gm;
      marker.lastIndex = start + 1;
      const m = marker.exec(text);
      if (m !== null && (end < 0 || m.index < end)) throw new ChunkError(m.index, 'found unexpected document indicator (a --- or ... line inside a quoted scalar: indent it)');
    },
  });
}

/**
 * Refuses an anchor or a tag after the key of a flow mapping's entry with no `:` between (`{a # c\n &h}`, which a
 * comment makes possible): libyaml's parser wants a `,` or `}` there, `yaml` drops the property.
 */
function checkFlowPairProperties(root: Yaml.Node | null, text: string): void {
  if (root === null || !text.includes('{') || !/[&!]/.test(text)) return;
  yaml().visit(root, {
    Map: (_, m) => {
      if (!m.flow) return;
      for (const pair of m.items) {
        const key = pair.key as Yaml.Node | null;
        if (pair.value !== null || !key?.range) continue;
        let i = key.range[1];
        for (; i < text.length; i++) {
          if (text[i] === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
          else if (!/[ \t\n]/.test(text[i])) break;
        }
        if (text[i] === '&' || text[i] === '!') {
          throw new ChunkError(i, 'did not find expected \',\' or \'}\' (an anchor or tag after the key of a flow mapping\'s entry, with no : between)');
        }
      }
    },
  });
}

/**
 * Refuses an anchor or tag on a line before the implicit key it is written for in a flow collection (`{&h` then
 * `x: y}`): libyaml takes a key only on one line with its `:`, and its parser finds the property, then a key where a node
 * should follow ("did not find expected ',' or '}'"); `yaml` puts the property on the key.
 */
function checkFlowKeyProperties(root: Yaml.Node | null, text: string): void {
  if (root === null || !/[[{]/.test(text) || !/[&!]/.test(text)) return;
  const flows: Array<[number, number]> = [];
  yaml().visit(root, {
    Map: (_, m) => void (m.flow && m.range && flows.push([m.range[0], m.range[1]])),
    Seq: (_, m) => void (m.flow && m.range && flows.push([m.range[0], m.range[1]])),
  });
  if (flows.length === 0) return;
  yaml().visit(root, {
    Pair: (_, pair) => {
      const key = pair.key as Yaml.Node | null;
      if (pair.value === null || !key?.range || (!key.anchor && !key.tag)) return;
      const start = key.range[0];
      const inner = flows.filter(([a, b]) => a < start && start < b).sort((x, y) => y[0] - x[0])[0];
      if (inner === undefined) return;
      let i = start - 1;
      let newline = false;
      for (;;) {
        for (; i >= 0 && /[ \t\n]/.test(text[i]); i--) newline ||= text[i] === '\n';
        // a comment that ends the line before: back before its `#`
        const lineStart = text.lastIndexOf('\n', i) + 1;
        const comment = newline ? /(?:^|[ \t])#/.exec(text.slice(lineStart, i + 1)) : null;
        if (comment === null) break;
        i = lineStart + comment.index + comment[0].length - 2;
      }
      let w = i;
      while (w > 0 && !/[ \t\n,[\]{}]/.test(text[w - 1])) w--;
      if (!newline || (text[w] !== '&' && text[w] !== '!')) return;
      // an explicit key's `?` before it takes it in
      let q = w - 1;
      while (q >= 0 && /[ \t\n]/.test(text[q])) q--;
      if (text[q] === '?') return;
      const closing = text[inner[0]] === '[' ? ']' : '}';
      throw new ChunkError(w, `did not find expected ',' or '${closing}' (an anchor or tag on a line before the key it is for, in a flow collection: write it on the key's line)`);
    },
  });
}

/**
 * Refuses a `- ` entry at the column of a block mapping right after an explicit key (`? k` and no `:`): libyaml's parser
 * wants a key or a `:` there ("did not find expected key"); `yaml` drops the entry.
 */
function checkExplicitKeyEntries(root: Yaml.Node | null, text: string): void {
  if (root === null || !/^[ \t]*\?/m.test(text)) return;
  yaml().visit(root, {
    Map: (_, m) => {
      if (m.flow || !m.range) return;
      const column = blockColumn(text, m.range[0]);
      for (const pair of m.items) {
        const key = pair.key as Yaml.Node | null;
        if (pair.value !== null || !key?.range) continue;
        const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
        if (!/\?[ \t]+(?:[&!][^ \t\n]*[ \t]+)*$/.test(text.slice(lineStart, key.range[0]))) continue;
        let i = key.range[1];
        for (; i < text.length; i++) {
          if (text[i] === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
          else if (!/[ \t\n]/.test(text[i])) break;
        }
        const at = i - (text.lastIndexOf('\n', i - 1) + 1);
        if (text[i] === '-' && /^[ \t\n]?$/.test(text[i + 1] ?? '') && at === column) {
          throw new ChunkError(i, 'did not find expected key (a - entry at the column of the mapping after an explicit key ?: indent it under the key, or add a : before it)');
        }
      }
    },
  });
}

/**
 * The first of the syntax errors libyaml finds and `yaml` does not (checkIndentationTabs, checkFlowEntries, checkBlockValues,
 * checkTabsAfterIndicators, checkQuotedDocumentMarkers, checkFlowPairProperties, checkFlowKeyProperties, checkExplicitKeyEntries).
 */
export function libyamlSyntaxError(root: Yaml.Node | null, text: string, inserted: readonly number[] = []): ChunkError | undefined {
  const errors: ChunkError[] = [];
  const tabs = (r: Yaml.Node | null, t: string): void => checkIndentationTabs(r, t, inserted);
  const checks = [tabs, checkFlowEntries, checkBlockValues, checkTabsAfterIndicators, checkQuotedDocumentMarkers, checkFlowPairProperties,
    checkFlowKeyProperties, checkExplicitKeyEntries];
  for (const check of checks) {
    try {
      check(root, text);
    } catch (e) {
      if (!(e instanceof ChunkError)) throw e;
      errors.push(e);
    }
  }
  return errors.sort((a, b) => a.offset - b.offset)[0];
}

/**
 * libyaml's value of the block scalar whose header is at `header`, inside a block collection
 * indented `indent` (yaml_parser_scan_block_scalar): the indentation is the indicator's, or
 * the largest of the leading empty lines' and the first line of content's; lines of at most
 * the indentation's spaces are empty, the spaces beyond it are content.
 */
function libyamlBlockScalar(text: string, header: number, indent: number): string {
  const literal = text[header] === '|';
  const indicators = /^[-+]?([1-9])?[-+]?/.exec(text.slice(header + 1))![0];
  const chomping = indicators.includes('-') ? -1 : indicators.includes('+') ? 1 : 0;
  const increment = Number(/[1-9]/.exec(indicators)?.[0] ?? 0);
  let n = increment === 0 ? 0 : indent >= 0 ? indent + increment : increment;
  const nl = text.indexOf('\n', header);
  let i = nl < 0 ? text.length : nl + 1;
  let s = '';
  let leadingBreak = '';
  let trailingBreaks = '';
  let leadingBlank = false;
  // the indentation's spaces and the empty lines after them (which set the indentation if it
  // is not known yet); the column reached
  const breaks = (): number => {
    let maxIndent = 0;
    for (;;) {
      let column = 0;
      while ((n === 0 || column < n) && text[i] === ' ') {
        i++;
        column++;
      }
      maxIndent = Math.max(maxIndent, column);
      if (text[i] !== '\n') {
        if (n === 0) n = Math.max(maxIndent, indent + 1, 1);
        return column;
      }
      trailingBreaks += '\n';
      i++;
    }
  };
  let column = breaks();
  while (column === n && i < text.length) {
    const trailingBlank = text[i] === ' ' || text[i] === '\t';
    if (!literal && !leadingBlank && !trailingBlank && leadingBreak === '\n') {
      if (trailingBreaks === '') s += ' ';
    } else {
      s += leadingBreak;
    }
    s += trailingBreaks;
    leadingBreak = '';
    trailingBreaks = '';
    leadingBlank = text[i] === ' ' || text[i] === '\t';
    const end = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    s += text.slice(i, end);
    i = end;
    if (i < text.length) {
      leadingBreak = '\n';
      i++;
    }
    column = breaks();
  }
  if (chomping !== -1) s += leadingBreak;
  if (chomping === 1) s += trailingBreaks;
  return s;
}

/** `isMerge`: a `<<` key that is plain and untagged, tagged `!`, or tagged !!merge. */
function isMergeKey(k: Yaml.Node | null): boolean {
  if (k === null || !yaml().isScalar(k) || k.source !== '<<') return false;
  return (k.tag === undefined && k.type === 'PLAIN') || k.tag === '!' || k.tag === MERGE_TAG;
}

function toGoKey(key: Raw): GoKey {
  if (key === null) return { kind: 'null' };
  if (typeof key === 'string') return { kind: 'str', v: key };
  if (typeof key === 'boolean') return { kind: 'bool', v: key };
  if (typeof key === 'bigint') return { kind: 'int', v: key };
  if (key instanceof NonFinite) return { kind: 'float', v: key.value };
  return { kind: 'float', v: key as number };
}

/** libyaml's anchor and alias names: letters, digits, `-` and `_` (scannerc.go, is_alpha). */
const ANCHOR_NAME = /^[0-9A-Za-z_-]+$/;

/**
 * A name YAML 1.2 parsers take whole where libyaml stops at its first other character (and
 * reads the rest as content, or fails): refused, at its `&` or `*`.
 */
function checkAnchorName(name: string, text: string, at: number, sigil: '&' | '*'): void {
  if (ANCHOR_NAME.test(name)) return;
  const found = sigil === '*' ? at : text.lastIndexOf(`&${name}`, at);
  throw new ChunkError(found < 0 ? at : found, `${sigil === '&' ? 'anchor' : 'alias'} ${sigil}${name}: go-yaml's names have only letters, digits, - and _ (it reads ${sigil}${/^[0-9A-Za-z_-]*/.exec(name)![0]} and then what follows)`);
}

/** Every alias's target: the last node with that anchor before it (go-yaml's parse order). */
function resolveAnchors(root: Yaml.Node, text: string): Map<Yaml.Alias, Yaml.Node> {
  const anchors = new Map<string, Yaml.Node>();
  const targets = new Map<Yaml.Alias, Yaml.Node>();
  const stack: (Yaml.Node | null)[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!n) continue;
    if (yaml().isAlias(n)) {
      checkAnchorName(n.source, text, n.range![0], '*');
      const t = anchors.get(n.source);
      if (!t) throw new ChunkError(n.range![0], `unknown anchor '${n.source}' referenced`);
      targets.set(n, t);
      continue;
    }
    if (n.anchor) {
      checkAnchorName(n.anchor, text, n.range![0], '&');
      anchors.set(n.anchor, n);
    }
    if (yaml().isMap(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i].value as Yaml.Node | null, n.items[i].key as Yaml.Node | null);
    } else if (yaml().isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i] as Yaml.Node | null);
    }
  }
  return targets;
}

/** A Go key as sigs.k8s.io/yaml writes it in JSON. */
function jsonKey(e: Entry): string {
  switch (e.key.kind) {
    case 'str': return e.key.v;
    case 'bool': return e.key.v ? 'true' : 'false';
    case 'int':
      // sigs.k8s.io/yaml converts int and int64 keys, not uint64 ones (above 2^63 - 1)
      if (e.key.v > MAX_INT64) throw new ChunkError(e.offset, `unsupported map key of type: uint64 (${e.key.v})`);
      return e.key.v.toString();
    case 'float': return formatFloatKey(e.key.v);
    default:
      throw new ChunkError(e.offset, 'a mapping key is null, which JSON cannot have (unsupported map key of type: %!s(<nil>))');
  }
}

function setProperty(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Where the child `step` of `parent` is, from recorded positions. */
export function jsonChild(positions: JsonPositions, parent: object, step: string | number): ChildAt {
  const child = (parent as any)[step];
  const node = child !== null && typeof child === 'object' ? positions.nodes.get(child) : undefined;
  const at = typeof step === 'number' ? positions.items.get(parent)?.[step] : positions.keys.get(parent)?.get(step);
  return { at: at ?? node, value: node ?? (typeof step === 'number' ? at : undefined) };
}

/** Where the mappings and sequences of a value, their keys and their items start. */
export interface JsonPositions {
  readonly nodes: WeakMap<object, number>;
  readonly keys: WeakMap<object, Map<string, number>>;
  readonly items: WeakMap<object, number[]>;
}

/** Where a decoded sequence and each of its items start. */
interface SequencePositions {
  readonly offset: number;
  readonly items: number[];
}

/** Integers beyond 2^53 as written, by the mapping holding them and their key. */
type IntegerTexts = WeakMap<object, Map<string, string>>;

/** sigs.k8s.io/yaml's convertToJSONableObject, then json.Marshal. */
function toJson(raw: Raw, positions: JsonPositions, sequences: WeakMap<Raw[], SequencePositions>, integers: IntegerTexts): unknown {
  if (raw instanceof GoMap) {
    const o: Record<string, unknown> = {};
    const written = new Map<string, Entry>();
    for (const e of raw.entries.values()) {
      const k = jsonKey(e);
      const prev = written.get(k);
      if (prev) {
        throw new UnreadContent(e.offset, `keys ${describe(prev.key)} and ${describe(e.key)} are both "${k}" in JSON, and kubectl keeps one of them at random`);
      }
      written.set(k, e);
    }
    const keys = new Map<string, number>();
    for (const [k, e] of written) {
      setProperty(o, k, toJson(e.value, positions, sequences, integers));
      keys.set(k, e.offset);
      if (typeof e.value === 'bigint' && (e.value > MAX_SAFE || e.value < -MAX_SAFE)) {
        let texts = integers.get(o);
        if (texts === undefined) integers.set(o, texts = new Map());
        texts.set(k, e.value.toString());
      }
    }
    positions.nodes.set(o, raw.offset);
    positions.keys.set(o, keys);
    return o;
  }
  if (Array.isArray(raw)) {
    const a = raw.map((r) => toJson(r, positions, sequences, integers));
    raw.forEach((r, i) => {
      if (typeof r === 'bigint' && (r > MAX_SAFE || r < -MAX_SAFE)) {
        let texts = integers.get(a);
        if (texts === undefined) integers.set(a, texts = new Map());
        texts.set(String(i), r.toString());
      }
    });
    const at = sequences.get(raw);
    if (at) {
      positions.nodes.set(a, at.offset);
      positions.items.set(a, at.items);
    }
    return a;
  }
  if (typeof raw === 'bigint') return Number(raw);
  // kubectl decodes the JSON number -0 as the integer 0
  if (Object.is(raw, -0)) return 0;
  if (raw instanceof NonFinite) {
    const go = Number.isNaN(raw.value) ? 'NaN' : raw.value > 0 ? '+Inf' : '-Inf';
    throw new ChunkError(raw.offset, `${raw.source} is not a JSON number (json: unsupported value: ${go})`);
  }
  return raw;
}

/** yaml's message without its "at line x, column y" tail and source excerpt. */
function syntaxMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** A private-use character that does not occur in the text. */
export function unusedCharacter(text: string): string {
  for (let c = 0xe000; c <= 0xf8ff; c++) {
    const ch = String.fromCharCode(c);
    if (!text.includes(ch)) return ch;
  }
  throw new ChunkError(0, 'too many distinct private-use characters');
}

/** The text as libyaml's scanner tokenizes it, in YAML 1.2 terms (see `libyamlTokens`). */
export interface Rewritten {
  readonly text: string;
  /** Characters put in for others, to be put back in the scalars' values. */
  readonly restore: Map<string, string>;
  /** Offsets (in `text`) of the characters inserted, in order. */
  readonly inserted: number[];
}

/** What may read otherwise: a flow indicator, a quote, an anchor, alias or tag, a `#` right after a token. */
const MAY_REWRITE = /[[{"'&*!]|[^ \t\n]#/;
/** The characters of a tag to libyaml (yaml_parser_scan_tag_uri, with a tag handle's). */
const TAG_CHAR = /[0-9A-Za-z_\-;/?:@&=+$,.!~*'()[\]%]/;


/**
 * Where libyaml's scanner reads tokens that YAML 1.2 parsers read otherwise, the text rewritten so
 * that `yaml` reads the tokens libyaml reads (undefined when nothing is):
 * - a `#` right after a token (a block scalar's header `|#c`, a quoted scalar, a flow indicator)
 *   starts a comment to libyaml, which needs no space before it: the comment is blanked out;
 * - in a flow collection, a `-` not followed by a blank starts a plain scalar to libyaml (`[-]`
 *   is ["-"]), and a `:` after a plain scalar (blanks and line breaks between, no comment) and
 *   before `,`, `[`, `]`, `{` or `}` is part of it (`[a:, b]` and `[a :, b]` are ["a:", "b"] and
 *   ["a :", "b"]): each is replaced by a character put back in the value;
 * - an anchor or alias name ends before a `?` or `:` to libyaml (`&a:b 1` is the anchor a on
 *   ":b 1"): a space is inserted there;
 * - a tag takes `,`, `[` and `]` in to libyaml (`[!x, a]` is ["a"]): they are replaced in the tag
 *   (whose name only tells go-yaml that it does not know it); a tag not followed by a blank or
 *   a line break is refused, as go-yaml refuses it;
 * - in a flow collection, `?` and `:` are indicators to libyaml wherever a token starts (`[?a]`
 *   is [{a: null}]): a space is inserted after one that starts a plain scalar to `yaml`;
 * - the lines of a flow collection or a quoted scalar need no indentation to libyaml: spaces are
 *   inserted where `yaml` would end them for want of it (`indentLines`).
 * Replacements keep every offset; insertions are listed, to map offsets back. Insertions are spaces only: lines keep
 * their numbers. Throws a ChunkError where libyaml fails (a tag without a blank after it, an empty verbatim tag).
 * (gopkg.in/yaml.v3's scanner is libyaml's too: provider-objects.ts reads with it.)
 */
export function libyamlTokens(chunk: string): Rewritten | undefined {
  if (!MAY_REWRITE.test(chunk)) return undefined;
  let text = chunk;
  const restore = new Map<string, string>();
  let inserted: number[] = [];
  // an offset in `text` back in the chunk
  const back = (o: number): number => o - inserted.filter((q) => q < o).length;
  const sentinel = (original: string): string => {
    for (const [c, o] of restore) if (o === original) return c;
    const c = unusedCharacter(text + [...restore.keys()].join(''));
    restore.set(c, original);
    return c;
  };
  // an insertion changes what follows it: a pass stops there, and the text is lexed again until
  // nothing changes
  for (let pass = 0; ; pass++) {
    if (pass === MAX_REWRITES) {
      throw new ChunkError(0, `more than ${MAX_REWRITES} places where go-yaml reads the text otherwise than YAML 1.2 parsers (an anchor name followed by ? or :, a ? or : starting a flow scalar, a flow collection or quoted scalar indented too little): the audit does not read it`);
    }
    const replaced = new Map<number, string>();
    const blanked: [number, number][] = [];
    const inserts: number[] = [];
    let at = 0;
    // where the flow collections being read open
    const opens: number[] = [];
    let plainNext = false;
    let previous: { start: number; end: number; plain: boolean } | undefined;
    for (const token of new (yaml().Lexer)().lex(text)) {
      // zero-length tokens: a document, a flow collection cut short (a line indented less than
      // YAML 1.2 wants, which libyaml does not look at: it is indented), a scalar follows
      if (token === '\x18' && opens.length > 0) {
        inserts.push(...indentLines(text, opens[0], flowCollectionEnd(text, opens[0])));
        break;
      }
      if (token === '\x02' || token === '\x18') {
        opens.length = 0;
        continue;
      }
      if (token === '\x1f') {
        plainNext = true;
        continue;
      }
      const start = at;
      at += token.length;
      // a scalar's text (a plain scalar, or a block scalar's content) starts with anything
      const scalar = plainNext;
      const plain = scalar && token[0] !== '|' && token[0] !== '>';
      plainNext = false;
      const c = token[0];
      // a quoted scalar in a block that `yaml` ends at a line indented too little for it
      if ((c === '"' || c === "'") && opens.length === 0) {
        const end = quotedEnd(text, start);
        if (end > at) {
          inserts.push(...indentLines(text, start, end));
          break;
        }
      }
      if (c === '#' && !scalar && start > 0 && !/[ \t\n]/.test(text[start - 1])) {
        blanked.push([start, at]);
      } else if (c === '!' && !scalar) {
        // libyaml's tag takes , [ and ] in (YAML 1.2's ends before them), and must be followed by
        // a blank or a line break: `[!x, a]` is ["a"] (the tag !x, on a), `{a: !x}` fails
        let end = start + 1;
        if (text[end] === '<') {
          // a verbatim tag: libyaml takes only URI characters up to its >
          end++;
          while (end < text.length && TAG_CHAR.test(text[end])) end++;
          if (end === start + 2) throw new ChunkError(back(end), 'did not find expected tag URI (an empty verbatim tag)');
          if (text[end] !== '>') throw new ChunkError(back(end), "did not find the expected '>' (go-yaml takes only URI characters in a verbatim tag)");
          end++;
        } else {
          while (end < text.length && TAG_CHAR.test(text[end])) end++;
        }
        if (end < text.length && !/[ \t\n]/.test(text[end])) {
          throw new ChunkError(back(start), 'did not find expected whitespace or line break (go-yaml takes a tag only with a blank or a line break after it)');
        }
        for (let i = at; i < end; i++) if (/[,[\]]/.test(text[i])) replaced.set(i, '.');
        if (text[start + 1] === '<') {
          // `!<!>` is the `!` tag to libyaml (a verbatim tag is not resolved), which `yaml` refuses
          if (end === start + 4 && text[start + 2] === '!') for (let i = start + 1; i < end; i++) replaced.set(i, ' ');
        } else {
          // the handle is `!`, `!!` or `!name!` (libyaml's letters, digits, - and _); a `!` after it
          // is a character of the suffix, where `yaml` takes the text up to it for a handle: it
          // is replaced (a tag with one is none of those go-yaml knows either way)
          const handle = /^!(?:[0-9A-Za-z_-]*!)?/.exec(text.slice(start, end))![0].length;
          for (let i = start + handle; i < end; i++) if (text[i] === '!') replaced.set(i, '.');
        }
      } else if ((c === '&' || c === '*') && !scalar) {
        // libyaml's name stops before any other character, and goes on with the rest after a
        // ? or : (which YAML 1.2 parsers take in the name): `&a:b 1` is the anchor a on ":b 1"
        const name = /^[0-9A-Za-z_-]*/.exec(token.slice(1))![0];
        if (name.length > 0 && /^[?:]/.test(token.slice(1 + name.length))) {
          inserts.push(start + 1 + name.length);
          break;
        }
      } else if (c === '[' || c === '{') {
        opens.push(start);
      } else if (c === ']' || c === '}') {
        opens.pop();
      } else if (opens.length > 0) {
        const next = text[at];
        if (token === '-' && !plain && next !== undefined && !/[ \t\n]/.test(next)) {
          replaced.set(start, sentinel('-'));
        } else if (token === ':' && !plain && previous?.plain && next !== undefined && /[,[\]{}]/.test(next)) {
          replaced.set(start, sentinel(':'));
        } else if (plain && (c === '?' || c === ':') && token.length > 1) {
          inserts.push(start + 1);
          // what follows is read alike after the space, unless it starts another token
          if (!/[0-9A-Za-z_]/.test(token[1])) break;
        }
      }
      if (!/^[ \t\n]+$/.test(token)) previous = { start, end: at, plain };
    }
    if (replaced.size === 0 && blanked.length === 0 && inserts.length === 0) break;
    inserts.sort((a, b) => a - b);
    const chars = text.split('');
    for (const [i, ch] of replaced) chars[i] = ch;
    for (const [a, b] of blanked) for (let i = a; i < b; i++) chars[i] = ' ';
    for (let k = inserts.length - 1; k >= 0; k--) chars.splice(inserts[k], 0, ' ');
    text = chars.join('');
    // the earlier insertions moved by the new ones, and the new ones in the new text's offsets
    inserted = [...inserted.map((q) => q + inserts.filter((p) => p <= q).length), ...inserts.map((p, k) => p + k)].sort((a, b) => a - b);
    if (inserts.length === 0) break;
  }
  return text === chunk ? undefined : { text, restore, inserted };
}

/** How many times `libyamlTokens` reads a text again at most. */
const MAX_REWRITES = 1000;

/**
 * Where to insert spaces (an offset once per space) so that every line of text[from, to) after
 * the first is indented further than `from`: YAML 1.2 wants flow collections and quoted
 * scalars indented further than the block that holds them, libyaml does not look (`a: [b,\n  c]`
 * or `a: "b\n  c"` under a key at that column). There leading blanks are no content. A line
 * starting with `---` or `...` is left alone (a document marker, which libyaml refuses there
 * as well).
 */
function indentLines(text: string, from: number, to: number): number[] {
  const column = from - (text.lastIndexOf('\n', from - 1) + 1);
  const out: number[] = [];
  for (let nl = text.indexOf('\n', from); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    const start = nl + 1;
    let j = start;
    while (text[j] === ' ') j++;
    if (j >= text.length || text[j] === '\n' || j - start > column) continue;
    if (j === start && /^(?:---|\.\.\.)(?:[ \t\n]|$)/.test(text.slice(j, j + 4))) continue;
    for (let k = j - start; k <= column; k++) out.push(start);
  }
  return out;
}

/** The end of the quoted scalar starting at `start` (after its closing quote), or -1. */
function quotedEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote && quote === "'" && text[i + 1] === "'") i++;
    else if (c === quote) return i + 1;
  }
  return -1;
}

/**
 * The end of the flow collection opening at `open` (after its closing bracket), or the text's. A quote inside a plain
 * scalar (`[a\n  "b]`: the plain scalar `a "b` to libyaml) is one of its characters; one where a token starts opens a
 * quoted scalar.
 */
export function flowCollectionEnd(text: string, open: number): number {
  let depth = 0;
  let plain = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && !plain) {
      const end = quotedEnd(text, i);
      if (end < 0) return text.length;
      i = end - 1;
    } else if (c === '#' && /[ \t\n,[\]{}"']/.test(text[i - 1] ?? ' ')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      plain = false;
    } else if (c === '[' || c === '{') {
      depth++;
      plain = false;
    } else if (c === ']' || c === '}') {
      if (--depth === 0) return i + 1;
      plain = false;
    } else if (c === ',' || (c === ':' && /^[ \t\n,[\]{}]?$/.test(text[i + 1] ?? ''))) {
      plain = false;
    } else if (!plain && (c === '!' || c === '&' || c === '*')) {
      // a tag, an anchor or an alias: a quote may start a token after it
      while (i + 1 < text.length && !/[ \t\n,[\]{}]/.test(text[i + 1])) i++;
    } else if (!plain && c === '?' && /^[ \t\n]?$/.test(text[i + 1] ?? '')) {
      // an explicit key's indicator
    } else if (c !== ' ' && c !== '\t' && c !== '\n') {
      plain = true;
    }
  }
  return text.length;
}

/**
 * `yaml` fails on what follows a flow collection that is the document's node (`{...} x`, a
 * second `{...}`), where go-yaml reads the collection alone: its parser ends the document at
 * the next token, whatever it is, and its scanner reads no further than that token needs.
 */
class AfterFlowRoot extends ChunkError {
  /** `block`: the node is a block collection indented further than the line at `rootEnd`, which ends it. */
  constructor(offset: number, message: string, readonly rootEnd: number, readonly block = false) {
    super(offset, message);
  }
}

/**
 * Where the block collection that is the document's node ends for libyaml when it is indented (`  kind: x` at the top):
 * at the first token after it on a line indented less (the start of that line), which ends the collection, and the
 * document with it: go-yaml's parser asks for no token after that one. Undefined when the node is not indented, or
 * no token follows it.
 */
export function lessIndentedLine(text: string, node: Yaml.Node): number | undefined {
  const column = blockColumn(text, node.range![0]);
  if (column === 0) return undefined;
  for (let i = node.range![1]; i < text.length; i++) {
    const c = text[i];
    if (c === '#' && (i === 0 || /[ \t\n]/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return undefined;
      i = nl;
    } else if (c !== ' ' && c !== '\t' && c !== '\n') {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      return i - lineStart < column && /^ *$/.test(text.slice(lineStart, i)) ? lineStart : undefined;
    }
  }
  return undefined;
}

/**
 * A chunk that kubectl reads, and that the audit refuses as it cannot read the whole of it as kubectl does (what follows a
 * flow collection that is a whole document, a byte order mark before the content, two keys that are one in JSON): after a
 * JSON document, kubectl reports no JSON error for it, so neither does the audit.
 */
export class UnreadContent extends ChunkError {}

/** The text with text[from, to) blanked (line breaks kept, so that offsets and lines stay). */
export const blankOut = (text: string, from: number, to: number): string => text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, ' ') + text.slice(to);

/**
 * The flow collection that is the chunk's node, ending at `e.rootEnd`, read alone, as go-yaml
 * reads it, when what follows it scans: on the collection's line, libyaml takes no `-`, `?` or
 * `:` indicator after it ("... are not allowed in this context"); after a line break no tab
 * before the next token. Its scanner reads a token or a line of them after the collection: the
 * audit reads all that follows, by itself (a document of its own, the collection blanked out),
 * and refuses the chunk where that fails, though kubectl may read it. The same for an indented
 * block collection that a line indented less ends (`e.block`, `e.rootEnd` that line's start).
 */
function firstNodeOnly(chunk: string, e: AfterFlowRoot): DecodedDocument {
  const lineEnd = e.block ? e.rootEnd : chunk.indexOf('\n', e.rootEnd) < 0 ? chunk.length : chunk.indexOf('\n', e.rootEnd);
  const indicator = /^[ \t]*[-?:](?:[ \t]|$)/.exec(chunk.slice(e.rootEnd, lineEnd));
  if (indicator) {
    const what = { '-': 'block sequence entries', '?': 'mapping keys', ':': 'mapping values' }[indicator[0].trim()[0]];
    throw new ChunkError(e.rootEnd + indicator[0].search(/[-?:]/), `${what} are not allowed in this context (after the flow collection that is the document)`);
  }
  for (let i = lineEnd; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === '\t') throw new ChunkError(i, 'found character that cannot start any token (a tab in the indentation of a line)');
    if (c === '#') i = chunk.indexOf('\n', i) < 0 ? chunk.length : chunk.indexOf('\n', i);
    else if (c !== ' ' && c !== '\n') break;
  }
  try {
    // (not read as a flow collection and more in turn: one pass over the text)
    rewrittenDecode(blankOut(chunk, 0, e.rootEnd));
  } catch (x) {
    if (!(x instanceof ChunkError) && !(x instanceof GoYamlError)) throw x;
    const root = e.block ? 'the block collection before it, indented further than this line,' : 'the flow collection before it';
    throw new UnreadContent(e.offset, `${e.message}: go-yaml reads ${root} as the document and scans what follows only as far as its next token; `
      + 'the audit reads what follows only when it is a YAML document by itself (remove it, or put a --- line before it)');
  }
  // (a block collection's text cut where it ends: blank lines after a block scalar with `+` would be its content)
  return { ...fullDecode(e.block ? chunk.slice(0, e.rootEnd) : blankOut(chunk, e.rootEnd, chunk.length)), unreadFrom: e.rootEnd };
}

/** The full path alone; exported for tests. */
export function fullDecode(chunk: string): DecodedDocument {
  try {
    return rewrittenDecode(chunk);
  } catch (e) {
    if (e instanceof AfterFlowRoot) return firstNodeOnly(chunk, e);
    throw e;
  }
}

/** The chunk as libyaml tokenizes it, decoded (positions in the chunk). */
function rewrittenDecode(chunk: string): DecodedDocument {
  const rewritten = libyamlTokens(chunk);
  if (rewritten === undefined) return decodeFull(chunk, new Map());
  const { inserted } = rewritten;
  if (inserted.length === 0) return decodeFull(rewritten.text, rewritten.restore);
  // offsets back in the chunk: one less for each character inserted before them
  const back = (o: number): number => {
    let n = 0;
    while (n < inserted.length && inserted[n] < o) n++;
    return o - n;
  };
  const backOrUndefined = (o: number | undefined): number | undefined => (o === undefined ? undefined : back(o));
  let d: DecodedDocument;
  try {
    d = decodeFull(rewritten.text, rewritten.restore, inserted);
  } catch (e) {
    if (e instanceof AfterFlowRoot) throw new AfterFlowRoot(back(e.offset), e.message, back(e.rootEnd), e.block);
    // (an UnreadContent stays one: kubectl reads the chunk, so after a JSON document its JSON error is not what it reports)
    if (e instanceof UnreadContent) throw new UnreadContent(back(e.offset), e.message);
    if (e instanceof ChunkError) throw new ChunkError(back(e.offset), e.message);
    throw e;
  }
  return {
    value: d.value,
    offset: back(d.offset),
    offsetOf: (o) => backOrUndefined(d.offsetOf(o)),
    // (the full path finds children from its own record: `parentAt` is not read)
    child: (parent, parentAt, step) => {
      const r = d.child(parent, parentAt, step);
      return { at: backOrUndefined(r.at), value: backOrUndefined(r.value) };
    },
    integerText: d.integerText,
    ...(d.overwritten !== undefined ? { overwritten: d.overwritten.map((r) => ({ offset: back(r.offset), end: back(r.end) })) } : {}),
  };
}

/**
 * `yaml`'s documents of a text. `yaml` makes an Error for every problem it meets, and a text
 * can hold one per few characters (`{}` after `{}`): their stacks, never read here, are not
 * captured.
 */
function parseAll(text: string): ReturnType<typeof Yaml.parseAllDocuments> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return yaml().parseAllDocuments(text, YAML_OPTIONS);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The full path over a text whose `restore` characters are put back in the scalars. */
function decodeFull(chunk: string, restore: Map<string, string>, inserted: readonly number[] = []): DecodedDocument {
  let text = chunk;
  let docs = parseAll(text);
  // libyaml reads \' in a double-quoted scalar as ' (YAML 1.2 has no such escape): the backslash
  // becomes a character the decoder drops, so offsets stay the same
  const quotes = docs[0]?.errors.filter((e) => e.code === 'BAD_DQ_ESCAPE' && text.startsWith("\\'", e.pos[0])) ?? [];
  if (quotes.length > 0) {
    const sentinel = unusedCharacter(text + [...restore.keys()].join(''));
    restore.set(sentinel, '');
    const chars = text.split('');
    for (const e of quotes) chars[e.pos[0]] = sentinel;
    text = chars.join('');
    docs = parseAll(text);
  }
  if (docs.length === 0) {
    const directive = /^%/m.exec(text);
    if (directive) {
      throw new ChunkError(directive.index, 'did not find expected <document start> (a % directive needs a --- line after it, and kubectl cuts the file at --- lines)');
    }
    checkIndentationTabs(null, text);
    return { value: null, offset: documentStart(text), ...NO_POSITIONS };
  }
  // go-yaml's Unmarshal reads the first document only (a second one can follow a `...` line)
  const doc = docs[0];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const node = doc.contents as Yaml.Node | null;
    // an indented block collection, then a line indented less: go-yaml's document ends there
    const blockRoot = node !== null && (yaml().isMap(node) || yaml().isSeq(node)) && !node.flow && node.range;
    const lessIndented = blockRoot ? lessIndentedLine(text, node!) : undefined;
    // what libyaml fails on before the error: it fails there first (if it reads that far)
    const first = libyamlSyntaxError(node, text, inserted);
    if (first !== undefined && first.offset <= e.pos[0] && (lessIndented === undefined || first.offset < lessIndented)) throw first;
    // a less indented line of a block scalar that starts with a tab: libyaml fails on the tab
    if (e.code === 'BAD_INDENT' && e.message.startsWith('Block scalar lines')) {
      const lineStart = text.lastIndexOf('\n', e.pos[0] - 1) + 1;
      let i = lineStart;
      while (text[i] === ' ') i++;
      if (text[i] === '\t') throw new ChunkError(i, 'found a tab character where an indentation space is expected');
    }
    // a flow collection, whole, then what `yaml` fails on: go-yaml reads the collection alone
    const end = node !== null && (yaml().isMap(node) || yaml().isSeq(node)) && node.flow ? node.range?.[1] : undefined;
    if (end !== undefined && doc.errors.every((x) => x.pos[0] >= end) && /[\]}]/.test(text[end - 1]) && flowCollectionEnd(text, node!.range![0]) === end) {
      throw new AfterFlowRoot(e.pos[0], syntaxMessage(e.message), end);
    }
    // and what `yaml` fails on after that line: go-yaml reads the collection alone
    if (lessIndented !== undefined && doc.errors.every((x) => x.pos[0] >= lessIndented)) {
      throw new AfterFlowRoot(e.pos[0], syntaxMessage(e.message), lessIndented, true);
    }
    const template = templateAround(text, e.pos[0]);
    if (template !== undefined) throw new ChunkError(template.offset, `${syntaxMessage(e.message)} (${unquotedTemplate(template.text)})`);
    throw new ChunkError(errorPlace(text, e, doc.errors), e.code === 'RESOURCE_EXHAUSTION' ? `exceeded max depth (${syntaxMessage(e.message)})` : syntaxMessage(e.message));
  }
  const root = doc.contents as Yaml.Node | null;
  if (root === null) {
    checkIndentationTabs(null, text);
    return { value: null, offset: documentStart(text), ...NO_POSITIONS };
  }
  const syntax = libyamlSyntaxError(root, text, inserted);
  if (syntax !== undefined) throw syntax;
  const positions: JsonPositions = { nodes: new WeakMap(), keys: new WeakMap(), items: new WeakMap() };
  let value: unknown;
  let overwritten: WrittenRange[] = [];
  const integers: IntegerTexts = new WeakMap();
  try {
    const decoder = new Decoder(resolveAnchors(root, text), text, restore, blockScalarIndents(root, text));
    const raw = decoder.unmarshal(root, root.range![0], 0);
    value = toJson(raw, positions, decoder.sequences, integers);
    overwritten = decoder.overwritten;
  } catch (e) {
    if (e instanceof RangeError) throw new ChunkError(root.range![0], 'the document is nested too deeply');
    throw e;
  }
  return {
    value,
    offset: root.range![0],
    offsetOf: (o) => positions.nodes.get(o),
    child: (parent, _parentAt, step) => jsonChild(positions, parent, step),
    integerText: (parent, key) => integers.get(parent)?.get(key),
    ...(overwritten.length > 0 ? { overwritten } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Comments that hold a `{{…}}` template
// ---------------------------------------------------------------------------------------

/** A comment of a chunk: where its `#` is (offset in the chunk) and its text, up to its line break. */
export interface ChunkComment {
  readonly offset: number;
  readonly text: string;
}

/**
 * Whether a line of the chunk has a `{{` after a `#` (libyaml's line breaks: LF, CR, NEL, U+2028, U+2029): a chunk that
 * may have a comment holding a template. One pass, and none without a `{{` at all.
 */
function templateAfterHash(chunk: string): boolean {
  if (!chunk.includes('{{')) return false;
  let hash = false;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) hash = false;
    else if (c === 0x23) hash = true;
    else if (hash && c === 0x7b && chunk.charCodeAt(i + 1) === 0x7b) return true;
  }
  return false;
}

/**
 * The comments of a chunk that hold `{{`: Pipelines-as-Code and Helm fill their templates in the whole text, comments
 * included, where a line break in the value ends the comment and writes YAML. A comment ends at a line break as libyaml
 * reads them (LF, CR, NEL, U+2028, U+2029); a `#` inside a quoted or block scalar is text. The chunk is lexed only when
 * some line has a `{{` after a `#`.
 */
export function templateComments(chunk: string): ChunkComment[] {
  if (!templateAfterHash(chunk)) return [];
  // (each line break one character, so offsets are the chunk's)
  const text = chunk.replace(/[\r\u0085\u2028\u2029]/g, '\n');
  const out: ChunkComment[] = [];
  let at = 0;
  let scalar = false;
  for (const token of new (yaml().Lexer)().lex(text)) {
    // zero-length tokens: a document, a flow collection cut short; a scalar's text follows
    if (token === '\x02' || token === '\x18') continue;
    if (token === '\x1f') {
      scalar = true;
      continue;
    }
    const start = at;
    at += token.length;
    // a scalar's text (a plain scalar, a block scalar's content) may start with `#`; a comment is a token of its own, after a
    // blank or right after a token (libyaml needs no blank there)
    if (token[0] === '#' && !scalar && token.includes('{{')) out.push({ offset: start, text: chunk.slice(start, at) });
    scalar = false;
  }
  return out;
}

/**
 * The placeholders Pipelines-as-Code fills from the event that a chunk's text holds across YAML's tokens (`- x {{ cel: body.ref }}`
 * is a mapping of `x {{ cel` to `body.ref }}`; a ` #` inside one starts a comment): no scalar or comment read holds them whole,
 * and PaC fills the text all the same. Lexed only when the text holds such a placeholder.
 */
export function splitTemplates(chunk: string): ChunkComment[] {
  if (!chunk.includes('{{')) return [];
  const text = chunk.replace(/[\r\u0085\u2028\u2029]/g, '\n');
  const found = placeholdersIn(text).filter((p) => senderPlaceholder(p[0]) !== undefined);
  if (found.length === 0) return [];
  const out: ChunkComment[] = [];
  let next = 0;
  let at = 0;
  for (const token of new (yaml().Lexer)().lex(text)) {
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    const start = at;
    at += token.length;
    // the placeholders that start in this token: whole in it, or across it and what follows
    for (; next < found.length && found[next].index < at; next++) {
      const p = found[next];
      if (p.index < start || p.index + p[0].length > at) out.push({ offset: p.index, text: chunk.slice(p.index, p.index + p[0].length) });
    }
  }
  // (past the last token: none holds them)
  for (const p of found.slice(next)) out.push({ offset: p.index, text: chunk.slice(p.index, p.index + p[0].length) });
  return out;
}

/** A `...` line: the end of the document go-yaml reads (libyaml ends a scalar there too). */
const DOCUMENT_END_LINE = /^\.\.\.(?=[ \t\n]|$)/m;

/**
 * The placeholders Pipelines-as-Code fills from the event that a chunk's text holds after the `...` line that ends its document
 * (or from `unreadFrom`, the end of a flow collection that is the document, if before), outside a comment (those are comments
 * of the chunk): kubectl reads the first document alone, and PaC fills the text as written, where a `---` line in the value
 * starts a document of its own.
 */
export function afterDocumentEnd(chunk: string, unreadFrom?: number): ChunkComment[] {
  if (!chunk.includes('{{') || (unreadFrom === undefined && !chunk.includes('...'))) return [];
  const text = chunk.replace(/[\r\u0085\u2028\u2029]/g, '\n');
  const end = DOCUMENT_END_LINE.exec(text);
  if (end === null && unreadFrom === undefined) return [];
  const from = Math.min(end === null ? text.length : end.index + 3, unreadFrom ?? text.length);
  const comments = templateComments(chunk);
  return placeholdersIn(text.slice(from))
    .filter((p) => senderPlaceholder(p[0]) !== undefined)
    .map((p) => ({ offset: from + p.index, text: chunk.slice(from + p.index, from + p.index + p[0].length) }))
    .filter((p) => !comments.some((c) => c.offset <= p.offset && p.offset + p.text.length <= c.offset + c.text.length));
}

/**
 * An error `yaml` places in the indentation of a line (a mapping entry or a sequence entry indented otherwise than its
 * siblings: "All mapping items must start at the same column", "A block sequence may not be used as an implicit map
 * key") is at the line's first token, which is what is misplaced: its spaces are skipped, so that the error is at the
 * line and column of what is written there, as an editor shows it. A tab is not skipped (it is the error there).
 */
function pastIndentation(text: string, at: number): number {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, at))) return at;
  let i = at;
  while (text[i] === ' ') i++;
  return i < text.length && text[i] !== '\n' && text[i] !== '\r' ? i : at;
}

/**
 * Where an error of `yaml` is, as the text shows it: past the indentation (pastIndentation); and for a plain scalar
 * continued on a line that holds a `key:` ("Nested mappings are not allowed in compact mappings", `a: b` then `  c: d`),
 * at that `:`, where go-yaml fails ("mapping values are not allowed in this context", on that line), not at the
 * scalar's start on the line before.
 */
function errorPlace(text: string, e: { code: string; pos: [number, number] }, all: ReadonlyArray<{ code: string; pos: [number, number] }>): number {
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const key = all.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY' && x.pos[0] === e.pos[0]);
    // (the key's range ends at its `:`)
    if (key !== undefined && text[key.pos[1]] === ':') return key.pos[1];
  }
  return pastIndentation(text, e.pos[0]);
}
