/**
 * The `objects` parameter of a Vault or OpenBao SecretProviderClass as the providers decode it
 * (hashicorp/vault-csi-provider v1.7.4 and openbao/openbao-csi-provider internal/config
 * `parseParameters`: `yaml.Unmarshal([]byte(objects), &parameters.Secrets)` with gopkg.in/yaml.v3
 * v3.0.1, into a `[]Secret` whose fields are typed so:
 *
 *   ObjectName, SecretPath, SecretKey, Method, Encoding string; SecretArgs map[string]interface{};
 *   FilePermission os.FileMode (a uint32)
 *
 * Followed here as yaml.v3's decoder.go does it, on the nodes the `yaml` package parses:
 *
 * - a scalar decoded into a string field gives its text as written (`0640`, `true`, `1e3`, `.inf`,
 *   `0x1F` stay so; quotes and block indicators aside), but a null (`null`, `~`, nothing) leaves
 *   the field empty and `!!binary` gives its base64-decoded bytes; a list or mapping there is a type
 *   error, and so is any but a mapping (or null) for `secretArgs` and any but a number from 0 to
 *   2^32-1 (fraction dropped) or null for `filePermission`: a type error fails the whole text;
 * - a null entry of the list is left out (`d.null` sets no struct); any other non-mapping entry is a
 *   type error;
 * - keys are matched as written; a key of no field is skipped, its value never decoded;
 * - two keys of one decoded mapping of the same kind and text fail ("mapping key … already defined"),
 *   a mapping that is never decoded (an unknown key's value) is not checked;
 * - `<<` merges a mapping, an alias of one, or a list of them: keys written in the mapping win, then
 *   the first merged; an alias decodes the node of the last anchor of its name before it; an
 *   anchor no alias can find, an alias inside its own anchor, an explicit tag the scalar cannot have
 *   (`!!int x`), invalid `!!binary` and excessive aliasing fail;
 * - only the first document is decoded; a list that ends it (a flow list that is the whole text, a block list indented
 *   further than the line after it) is read alone, what follows only scanned (refused here where it is no YAML by itself);
 * - lines end at CR, LF, CRLF, NEL, LS and PS; a scalar continued over an LS or PS, which yaml.v3 keeps in the value, is
 *   refused (`providerReads`), and so is a `?` inside a plain scalar of a flow collection, which ends it for libyaml.
 *
 * test/conformance/provider-objects.test.ts checks all this against yaml.v3 itself (conformance/cmd/provider-objects).
 *
 * What the providers then cannot do with a `secretArgs` decoded is told per object: they send it as the JSON body of
 * the request to Vault (internal/client `generateSecretRequest`, the Vault API client's `SetJSONBody`) and hash each
 * object as JSON (internal/provider `generateObjectVersion`), with Go's encoding/json, which has no number for a float
 * NaN or ±Inf and no object for the `map[interface{}]interface{}` yaml.v3 decodes a mapping with a key that is no
 * `!!str` into (`json: unsupported value: +Inf`, `json: unsupported type: map[interface {}]interface {}`).
 */
import type { Alias, Document, LineCounter, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { goStringOrder } from './go-json';
import { decodeBase64, DOT_FLOAT, goBytesToString, hint, isTimestamp, parseInt64, parseUint } from './go-yaml';
import { badEscape, blockScalarTab, ChunkError, flowCollectionEnd, lessIndentedLine, libyamlSyntaxError, libyamlTokens, Rewritten, unusedCharacter, blankOut } from './yaml-document';

/** The fields of the providers' `Secret` that yaml.v3 decodes into a Go string. */
export const STRING_FIELDS = ['objectName', 'secretPath', 'secretKey', 'method', 'encoding'] as const;

/** A field of the providers' `Secret` decoded into a Go string. */
export type StringField = typeof STRING_FIELDS[number];

/** One object of an `objects` text as yaml.v3 decodes it into the providers' `Secret`. */
export interface ProviderObject {
  /** The index of its entry in the list as written (null entries, which yaml.v3 leaves out, counted). */
  readonly index: number;
  readonly objectName: string;
  readonly secretPath: string;
  readonly secretKey: string;
  readonly method: string;
  readonly encoding: string;
  /** The `os.FileMode` decoded, 0 when unset or null (the provider then leaves the driver's default). */
  readonly filePermission: number;
  /** Why yaml.v3 cannot decode the entry's `filePermission` into an `os.FileMode` (the whole text then fails). */
  readonly filePermissionRefusal?: string;
  /** Whether `secretArgs` is a map (not nil): the provider then sends it as the request's JSON body. */
  readonly secretArgs: boolean;
  /** Why Go's encoding/json cannot encode the `secretArgs` decoded (the provider then fails the mount), when it cannot. */
  readonly secretArgsRefusal?: JsonRefusal;
  /** The string fields given a value that is not null (`objectName: ""` is given, `objectName: ~` is not). */
  readonly given: ReadonlySet<StringField>;
}

/** A value of `secretArgs` that Go's encoding/json cannot encode, the first it meets (map keys in byte order, as it writes them). */
export interface JsonRefusal {
  /** Where in `secretArgs`: `secretArgs.x`, `secretArgs.x[1]`, `secretArgs["a b"]`. */
  readonly path: string;
  /** The offending node as written (the value; for a mapping with a key that is no string, that key). */
  readonly written: string;
  /** What it is, in a finding's words. */
  readonly what: string;
  /** encoding/json's error: `json: unsupported value: +Inf`, `json: unsupported type: map[interface {}]interface {}`. */
  readonly error: string;
}

/**
 * An `objects` text as the providers read it: its objects (`filePermission` refusals aside, which
 * are told per object), or why yaml.v3 refuses it; `unreadable` when the text is no YAML the `yaml`
 * package parses (yaml.v3's own parser most likely refuses it too, but that is not known).
 */
export type ObjectsReading =
  | { readonly objects: readonly ProviderObject[] }
  | {
    readonly refusal: string;
    readonly unreadable: boolean;
    /** gopkg.in/yaml.v3 reads the text, in a way the audit does not follow (so the provider may fetch the objects). */
    readonly providerReads?: true;
  };

const NOT_LIST = 'is not a YAML list of mappings (gopkg.in/yaml.v3 cannot decode it into the provider\'s list of objects)';
const STRING_FIELD_SET: ReadonlySet<string> = new Set(STRING_FIELDS);
const FIELDS: ReadonlySet<string> = new Set([...STRING_FIELDS, 'secretArgs', 'filePermission']);

/** What yaml.v3 fails with at once (its `failf`): the whole text is refused. */
class Fail {
  public constructor(public readonly reason: string) {}
}

/** A resolved scalar: ints are bigints, floats numbers, timestamps their text. */
type Value = null | boolean | bigint | number | string | { readonly timestamp: string };

interface Resolved {
  readonly tag: string;
  readonly value: Value;
}

const V3_WORDS = new Map<string, Resolved>();
for (const [value, tag, words] of [
  [true, '!!bool', ['true', 'True', 'TRUE']],
  [false, '!!bool', ['false', 'False', 'FALSE']],
  [null, '!!null', ['', '~', 'null', 'Null', 'NULL']],
  [NaN, '!!float', ['.nan', '.NaN', '.NAN']],
  [Infinity, '!!float', ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, '!!float', ['-.inf', '-.Inf', '-.INF']],
  ['<<', '!!merge', ['<<']],
] as const) {
  for (const word of words) V3_WORDS.set(word, { tag, value });
}

const RESOLVABLE = new Set(['', '!!str', '!!bool', '!!int', '!!float', '!!null', '!!timestamp']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const LONG_PREFIX = 'tag:yaml.org,2002:';
const MAX_INT64 = 2n ** 63n - 1n;

const shortTag = (tag: string): string => (tag.startsWith(LONG_PREFIX) ? `!!${tag.slice(LONG_PREFIX.length)}` : tag);

/** A finite float64 of `text`, as strconv.ParseFloat reads the forms yaml.v3 hands it; undefined when out of range. */
function float(text: string): number | undefined {
  const f = Number(text.replace(/_/g, ''));
  return Number.isFinite(f) ? f : undefined;
}

/** resolve.go `resolve(tag, in)` before its deferred tag check. */
function resolveAs(tag: string, s: string): Resolved {
  const h = s === '' ? 'N' : hint(s[0]);
  if (h === '' || tag === '!!str' || tag === '!!binary') return { tag: '!!str', value: s };
  const known = V3_WORDS.get(s);
  if (known !== undefined) return known;
  if (h === '.') {
    const f = DOT_FLOAT.test(s) ? float(s) : undefined;
    if (f !== undefined) return { tag: '!!float', value: f };
  } else if (h === 'D' || h === 'S') {
    if ((tag === '' || tag === '!!timestamp') && isTimestamp(s)) return { tag: '!!timestamp', value: { timestamp: s } };
    const plain = s.replace(/_/g, '');
    const i = parseInt64(plain, 0) ?? parseUint(plain, 0);
    if (i !== undefined) return { tag: '!!int', value: i };
    const f = YAML_STYLE_FLOAT.test(plain) ? float(plain) : undefined;
    if (f !== undefined) return { tag: '!!float', value: f };
    for (const [prefix, base] of [['0b', 2], ['0o', 8]] as const) {
      const n = plain.startsWith(prefix) ? parseInt64(plain.slice(2), base) ?? parseUint(plain.slice(2), base)
        : plain.startsWith(`-${prefix}`) ? parseInt64(`-${plain.slice(3)}`, base) : undefined;
      if (n !== undefined) return { tag: '!!int', value: n };
    }
  }
  return { tag: '!!str', value: s };
}

/** yaml.v3's `resolve(tag, in)`: throws where it fails ("cannot decode !!str `x` as a !!int"). */
function resolveV3(tag: string, s: string, line: number): Resolved {
  if (!RESOLVABLE.has(tag)) return { tag, value: s };
  const r = resolveAs(tag, s);
  if (tag === '' || tag === r.tag || tag === '!!str') return r;
  if (tag === '!!float' && r.tag === '!!int' && (r.value as bigint) <= MAX_INT64) return { tag, value: Number(r.value) };
  throw new Fail(`gives a value a tag it cannot have (line ${line}: "cannot decode ${r.tag} \`${s}\` as a ${tag}"), which gopkg.in/yaml.v3 refuses`);
}

/** decode.go `allowedAliasRatio`. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400000) return 0.99;
  if (decodeCount >= 4000000) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - 400000) / 3600000);
}

/**
 * A value yaml.v3 decodes into an `interface{}`, as far as encoding/json tells them apart: a mapping whose keys are all
 * `!!str` (or `<<`) is a `map[string]interface{}`, any other a `map[interface{}]interface{}` (decode.go `isStringMap`).
 */
type GoValue =
  | { readonly kind: 'scalar'; readonly value: Value; readonly node: unknown }
  | { readonly kind: 'list'; readonly items: readonly GoValue[] }
  | { readonly kind: 'map'; readonly entries: Map<string, GoValue> }
  | { readonly kind: 'general'; readonly key: unknown };

/** An object being decoded. */
interface Out {
  index: number;
  objectName: string;
  secretPath: string;
  secretKey: string;
  method: string;
  encoding: string;
  filePermission: number;
  filePermissionRefusal?: string;
  secretArgs: boolean;
  secretArgsValue?: Map<string, GoValue>;
  given: Set<StringField>;
}

type Y = typeof import('yaml');

/** yaml.v3's decoder of one document into `[]Secret`. */
class Decoder {
  /** Type errors (yaml.v3 collects them and fails at the end), a filePermission's apart. */
  public readonly terrors: string[] = [];
  private readonly aliases = new Set<unknown>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private mergedFields: Set<string> | undefined;
  private entry = 0;

  /**
   * `text` is the `objects` text as written, `rewritten` what `yaml` parsed (libyaml's tokens, see `libyamlTokens`):
   * its characters put in for others are put back in scalars, its offsets mapped back past the spaces inserted.
   */
  public constructor(private readonly Y: Y, private readonly doc: Document, private readonly lines: LineCounter, private readonly text: string,
    private readonly rewritten: Rewritten | undefined) {}

  /** A node as written in the text (an empty one, ''). */
  public written(node: unknown): string {
    const range = this.Y.isNode(node) ? node.range : undefined;
    return range === undefined || range === null ? '' : this.text.slice(this.back(range[0]), this.back(range[1])).trim();
  }

  /** An offset in the text parsed, back in the text as written. */
  private back(offset: number): number {
    const inserted = this.rewritten?.inserted ?? [];
    let n = 0;
    while (n < inserted.length && inserted[n] < offset) n++;
    return offset - n;
  }

  public line(node: unknown, fallback = 1): number {
    const range = this.Y.isNode(node) ? node.range : undefined;
    return range === undefined || range === null ? fallback : this.lines.linePos(range[0]).line;
  }

  /** `[]Secret`: its objects. */
  public list(n: unknown): Out[] {
    const objects: Out[] = [];
    this.unmarshal(n, (m) => {
      if (this.Y.isSeq(m)) {
        m.items.forEach((item, index) => {
          this.entry = index;
          const out: Out = {
            index, objectName: '', secretPath: '', secretKey: '', method: '', encoding: '', filePermission: 0, secretArgs: false, given: new Set(),
          };
          if (this.unmarshal(item, (x) => this.secret(x, out))) objects.push(out);
        });
        return true;
      }
      if (this.Y.isMap(m)) {
        if (this.unique(m)) this.terrors.push(NOT_LIST);
        return false;
      }
      if (this.resolved(m).value === null) return true;
      this.terrors.push(NOT_LIST);
      return false;
    });
    return objects;
  }

  /** decode.go `unmarshal`: counts the node, follows an alias, then decodes the node with `decode`. */
  private unmarshal(n: unknown, decode: (node: unknown) => boolean): boolean {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new Fail('expands so many aliases that gopkg.in/yaml.v3 refuses it ("document contains excessive aliasing")');
    }
    if (!this.Y.isAlias(n)) return decode(n ?? null);
    const alias = n as Alias;
    if (this.aliases.has(alias)) {
      throw new Fail(`holds an alias inside its own anchor (*${alias.source}, line ${this.line(alias)}), which gopkg.in/yaml.v3 refuses `
        + `("anchor '${alias.source}' value contains itself")`);
    }
    this.aliases.add(alias);
    this.aliasDepth++;
    try {
      return this.unmarshal(alias.resolve(this.doc), decode);
    } finally {
      this.aliasDepth--;
      this.aliases.delete(alias);
    }
  }

  /** The tag yaml.v3's parser gives a scalar (null: an empty plain one). */
  private tagOf(n: Scalar | null): string {
    const explicit = n?.tag;
    if (explicit !== undefined && explicit !== '!') return shortTag(explicit);
    if (n !== null && n.type !== undefined && n.type !== 'PLAIN') return '!!str';
    const text = this.textOf(n);
    return text === '<<' ? '!!merge' : resolveAs('', text).tag;
  }

  private textOf(n: Scalar | null): string {
    if (n === null) return '';
    let text = typeof n.source === 'string' ? n.source : n.value === null || n.value === undefined ? '' : String(n.value);
    for (const [c, original] of this.rewritten?.restore ?? []) if (text.includes(c)) text = text.split(c).join(original);
    return text;
  }

  /** decode.go `scalar`'s resolution: a `!!binary` decoded, a quoted or block scalar a string. */
  private resolved(n: unknown): Resolved {
    const s = n as Scalar | null;
    const tag = this.tagOf(s);
    const text = this.textOf(s);
    if (tag === '!!str') return { tag, value: text };
    const r = resolveV3(tag, text, this.line(s));
    if (r.tag !== '!!binary') return r;
    const bytes = decodeBase64(text);
    if (bytes === undefined) {
      throw new Fail(`holds a !!binary value that is not base64 (line ${this.line(s)}), which gopkg.in/yaml.v3 refuses ("!!binary value contains invalid base64 data")`);
    }
    return { tag: r.tag, value: goBytesToString(bytes) };
  }

  private isMerge(n: unknown): boolean {
    return this.Y.isScalar(n) && this.textOf(n) === '<<' && this.tagOf(n) === '!!merge';
  }

  /** yaml.v3's Node Kind and Value of a key, which its duplicate check compares. */
  private keyOf(n: unknown): string {
    if (this.Y.isAlias(n)) return `alias\n${(n as Alias).source}`;
    if (this.Y.isSeq(n)) return 'seq\n';
    if (this.Y.isMap(n)) return 'map\n';
    return `scalar\n${this.textOf((n ?? null) as Scalar | null)}`;
  }

  /** decode.go `mapping`'s check that no two keys are alike; false (a type error recorded) when two are. */
  private unique(m: YAMLMap): boolean {
    const seen = new Map<string, unknown>();
    for (const pair of m.items as Pair[]) {
      const key = this.keyOf(pair.key);
      if (seen.has(key)) {
        this.terrors.push(`writes a key twice in one mapping (line ${this.line(pair.key, this.line(m))}), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")`);
        return false;
      }
      seen.set(key, pair.key);
    }
    return true;
  }

  /** A node decoded into a Go string: the string, or undefined when none is set (a null, or a type error recorded as `refusal`). */
  private intoString(n: unknown, refusal: string): string | undefined {
    let out: string | undefined;
    this.unmarshal(n, (m) => {
      if (this.Y.isSeq(m) || (this.Y.isMap(m) && this.unique(m))) this.terrors.push(refusal);
      if (this.Y.isSeq(m) || this.Y.isMap(m)) return false;
      const r = this.resolved(m);
      if (r.value === null) return false;
      out = r.tag === '!!binary' ? r.value as string : this.textOf(m as Scalar | null);
      return true;
    });
    return out;
  }

  /** A node decoded into an interface{}: its value. */
  private any(n: unknown): GoValue {
    let out: GoValue = { kind: 'scalar', value: null, node: n };
    this.unmarshal(n, (m) => {
      if (this.Y.isSeq(m)) {
        out = { kind: 'list', items: m.items.map((item) => this.any(item)) };
        return true;
      }
      if (this.Y.isMap(m)) {
        if (!this.unique(m)) return false;
        const notString = (m.items as Pair[]).find((p) => {
          let k: unknown = p.key;
          while (this.Y.isAlias(k)) k = (k as Alias).resolve(this.doc);
          const tag = this.Y.isScalar(k) || k === null || k === undefined ? this.tagOf((k ?? null) as Scalar | null) : (k as YamlNode).tag;
          return tag === undefined || (shortTag(tag) !== '!!str' && shortTag(tag) !== '!!merge');
        });
        if (notString === undefined) {
          const entries = new Map<string, GoValue>();
          this.mapInto(m, entries);
          out = { kind: 'map', entries };
        } else {
          this.mapInto(m, undefined);
          out = { kind: 'general', key: notString.key };
        }
        return true;
      }
      out = { kind: 'scalar', value: this.resolved(m).value, node: m };
      return true;
    });
    return out;
  }

  /**
   * decode.go `mapping` into a map of interface{} values: with `entries`, a `map[string]interface{}` (its keys decoded into
   * strings) that it fills; without, a `map[interface{}]interface{}`.
   */
  private mapInto(m: YAMLMap, entries: Map<string, GoValue> | undefined): void {
    const merged = this.mergedFields;
    this.mergedFields = undefined;
    let mergeNode: unknown;
    for (const pair of m.items as Pair[]) {
      if (this.isMerge(pair.key)) {
        mergeNode = pair.value ?? null;
        continue;
      }
      let id: string;
      if (entries !== undefined) {
        const key = this.intoString(pair.key, `gives entry ${this.entry} a list or mapping as a key (line ${this.line(pair.key, this.line(m))}) `
          + '(gopkg.in/yaml.v3 decodes a key into a string only from a scalar)');
        if (key === undefined) continue;
        id = identity(key);
        if (merged !== undefined) {
          if (merged.has(id)) continue;
          merged.add(id);
        }
        entries.set(key, this.any(pair.value));
        continue;
      }
      const key = this.any(pair.key);
      if (key.kind !== 'scalar') {
        throw new Fail(`uses a list or mapping as a key in entry ${this.entry}'s secretArgs (line ${this.line(pair.key, this.line(m))}), which gopkg.in/yaml.v3 `
          + 'refuses ("invalid map key")');
      }
      id = identity(key.value);
      if (merged !== undefined) {
        if (merged.has(id)) continue;
        merged.add(id);
      }
      this.any(pair.value);
    }
    this.mergedFields = merged;
    if (mergeNode !== undefined) this.merge(m, mergeNode, (x) => this.unmarshal(x, (y) => (this.mapInto(y as YAMLMap, entries), true)));
  }

  /** decode.go `merge`: the keys of `parent` win, then those of the first merged mapping. */
  private merge(parent: YAMLMap, merge: unknown, decode: (n: unknown) => void): void {
    const merged = this.mergedFields;
    if (merged === undefined) {
      this.mergedFields = new Set((parent.items as Pair[]).map((p) => {
        const key = this.any(p.key);
        return identity(key.kind === 'scalar' ? key.value : key);
      }));
    }
    const refuse = (n: unknown) => new Fail(`merges (<<) a value that is no mapping or list of mappings (line ${this.line(n, this.line(parent))}), `
      + 'which gopkg.in/yaml.v3 refuses ("map merge requires map or sequence of maps as the value")');
    const mapping = (n: unknown) => this.Y.isMap(this.Y.isAlias(n) ? (n as Alias).resolve(this.doc) : n);
    if (this.Y.isSeq(merge)) {
      for (const item of merge.items) {
        if (!mapping(item)) throw refuse(item);
        decode(item);
      }
    } else {
      if (!mapping(merge)) throw refuse(merge);
      decode(merge);
    }
    this.mergedFields = merged;
  }

  /** decode.go `mappingStruct` into a `Secret` (or a scalar or list where one is written). */
  private secret(n: unknown, out: Out): boolean {
    if (this.Y.isSeq(n)) {
      this.terrors.push(NOT_LIST);
      return false;
    }
    if (!this.Y.isMap(n)) {
      // a null sets no struct: the entry is left out of the list
      if (this.resolved(n).value !== null) this.terrors.push(NOT_LIST);
      return false;
    }
    if (!this.unique(n)) return false;
    const merged = this.mergedFields;
    this.mergedFields = undefined;
    let mergeNode: unknown;
    const done = new Set<string>();
    for (const pair of n.items as Pair[]) {
      if (this.isMerge(pair.key)) {
        mergeNode = pair.value ?? null;
        continue;
      }
      const line = this.line(pair.key, this.line(n));
      const name = this.intoString(pair.key, `gives entry ${this.entry} a list or mapping as a key (line ${line}) `
        + '(gopkg.in/yaml.v3 decodes a key into a string only from a scalar)');
      if (name === undefined) continue;
      if (merged !== undefined) {
        if (merged.has(identity(name))) continue;
        merged.add(identity(name));
      }
      if (!FIELDS.has(name)) continue;
      if (done.has(name)) {
        this.terrors.push(`sets ${name} twice in entry ${this.entry} (line ${line}), which gopkg.in/yaml.v3 refuses ("field ${name} already set in type config.Secret")`);
        continue;
      }
      done.add(name);
      this.field(name, pair.value ?? null, out);
    }
    this.mergedFields = merged;
    if (mergeNode !== undefined) this.merge(n, mergeNode, (x) => this.unmarshal(x, (y) => this.secret(y, out)));
    return true;
  }

  private field(name: string, value: unknown, out: Out): void {
    if (STRING_FIELD_SET.has(name)) {
      const field = name as StringField;
      const text = this.intoString(value, `gives entry ${this.entry} a list or mapping as its ${field} (gopkg.in/yaml.v3 decodes it into a string only from a scalar)`);
      if (text !== undefined) {
        out[field] = text;
        out.given.add(field);
      }
    } else if (name === 'secretArgs') {
      this.unmarshal(value, (m) => {
        if (this.Y.isMap(m)) {
          if (!this.unique(m)) return false;
          out.secretArgs = true;
          out.secretArgsValue ??= new Map();
          this.mapInto(m, out.secretArgsValue);
          return true;
        }
        if (!this.Y.isSeq(m) && this.resolved(m).value === null) {
          out.secretArgs = false;
          out.secretArgsValue = undefined;
          return true;
        }
        this.terrors.push(`gives entry ${this.entry} a secretArgs that is no mapping (gopkg.in/yaml.v3 decodes it into a map only from a mapping)`);
        return false;
      });
    } else {
      this.unmarshal(value, (m) => {
        const refuse = (why: string) => {
          out.filePermissionRefusal ??= why;
          return false;
        };
        if (this.Y.isSeq(m)) return refuse('is a list, not a number');
        if (this.Y.isMap(m)) return this.unique(m) && refuse('is a mapping, not a number');
        const r = this.resolved(m);
        const v = r.value;
        if (v === null) return false;
        if (typeof v === 'bigint') {
          if (v < 0n) return refuse('is negative');
          if (v > 0xffffffffn) return refuse(fileModeRefusal(Number(v))!);
          out.filePermission = Number(v);
          return true;
        }
        if (typeof v === 'number') {
          const why = fileModeRefusal(v);
          if (why !== undefined) return refuse(why);
          out.filePermission = Math.trunc(v) + 0;
          return true;
        }
        if (typeof v === 'boolean') return refuse('is a boolean, not a number');
        if (typeof v === 'object') return refuse('is a date, not a number');
        return refuse(r.tag === '!!str' ? 'is a string, not a number' : `is a ${r.tag} value, not a number`);
      });
    }
  }
}

/**
 * A decoded key as Go compares interface{} values: its type and value. A list or mapping is no key Go can hash (yaml.v3
 * panics on one among a merging mapping's keys): such a text is refused before its keys are compared.
 */
function identity(key: unknown): string {
  if (key !== null && typeof key === 'object' && !('timestamp' in key)) return 'unhashable';
  return `${typeof key}\n${key === null ? 'null' : typeof key === 'object' ? JSON.stringify(key) : String(key)}`;
}

/** A `secretArgs` path step for a key: `.x`, or `["a b"]` for a key that is no plain name. */
const step = (key: string): string => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/**
 * The first value of `value` that Go's encoding/json cannot encode, as `json.Marshal` meets it (a map's values in the
 * byte order of their keys, a list's in order): a float NaN or ±Inf ("json: unsupported value: NaN"), a
 * `map[interface{}]interface{}` ("json: unsupported type: map[interface {}]interface {}"). A timestamp encodes (its year
 * has four digits); undefined when all of it encodes.
 */
function jsonRefusal(value: GoValue, path: string, written: (node: unknown) => string): JsonRefusal | undefined {
  switch (value.kind) {
    case 'scalar': {
      const v = value.value;
      if (typeof v !== 'number' || Number.isFinite(v)) return undefined;
      const go = Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
      return { path, written: written(value.node), what: `the float ${go}, which JSON has no number for`, error: `json: unsupported value: ${go}` };
    }
    case 'list':
      for (const [i, item] of value.items.entries()) {
        const r = jsonRefusal(item, `${path}[${i}]`, written);
        if (r !== undefined) return r;
      }
      return undefined;
    case 'map':
      for (const key of [...value.entries.keys()].sort(goStringOrder)) {
        const r = jsonRefusal(value.entries.get(key)!, `${path}${step(key)}`, written);
        if (r !== undefined) return r;
      }
      return undefined;
    default:
      return {
        path,
        written: written(value.key),
        what: 'a mapping with a key that is not a string, which gopkg.in/yaml.v3 decodes into a map[interface{}]interface{} and JSON has no object for',
        error: 'json: unsupported type: map[interface {}]interface {}',
      };
  }
}

/**
 * Why gopkg.in/yaml.v3 cannot decode a number (or another decoded value) into the providers' `os.FileMode`, a uint32
 * (`decoder.scalar`: an int from 0 to 2^32-1, or a float whose conversion to it does not overflow, its fraction dropped;
 * a null is 0); undefined when it decodes it.
 */
export function fileModeRefusal(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'is not a finite number';
    const mode = Math.trunc(value);
    if (mode < 0) return 'is negative';
    return mode > 0xffffffff ? 'is larger than 4294967295 (0o37777777777)' : undefined;
  }
  if (typeof value === 'string') return 'is a string, not a number';
  if (typeof value === 'boolean') return 'is a boolean, not a number';
  return Array.isArray(value) ? 'is a list, not a number' : 'is a mapping, not a number';
}

const CACHE = new Map<string, ObjectsReading>();

/** An `objects` text as gopkg.in/yaml.v3 decodes it into the providers' `[]Secret`. */
export function readProviderObjects(text: string): ObjectsReading {
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached;
  const reading = read(text);
  if (CACHE.size > 256) CACHE.clear();
  CACHE.set(text, reading);
  return reading;
}

/**
 * The line breaks of yaml.v3's scanner (a port of libyaml's, YAML 1.1's) beside `\r` and `\n`: NEL (U+0085), LS (U+2028)
 * and PS (U+2029), which a double-quoted scalar of the SecretProviderClass writes as `\N`, `\L` and `\P` (and kubectl's
 * reader decodes so). The `yaml` package reads YAML 1.2, where they are text; each is one UTF-16 unit, as `\n` is.
 */
const V3_ONLY_BREAKS = /[\u0085\u2028\u2029]/g;

/**
 * After a flow collection that is the whole text (ending at `end`): what libyaml's scanner fails on while it reads the token
 * after it (scannerc.go: on the collection's line a `-`, `?` or `:` indicator, "… are not allowed in this context"; after a
 * line break a tab before the next token, "found character that cannot start any token"), undefined when nothing.
 */
function afterFlowCollection(source: string, end: number): ChunkError | undefined {
  const nl = source.indexOf('\n', end);
  const lineEnd = nl < 0 ? source.length : nl;
  const indicator = /^[ \t]*[-?:](?:[ \t]|$)/.exec(source.slice(end, lineEnd));
  if (indicator) {
    const what = { '-': 'block sequence entries', '?': 'mapping keys', ':': 'mapping values' }[indicator[0].trim()[0]];
    return new ChunkError(end + indicator[0].search(/[-?:]/), `${what} are not allowed in this context`);
  }
  // a `:` value indicator later on the line, outside a flow collection: libyaml takes the collection (a possible simple key
  // until the line ends) as the key of a block mapping, and what is between as no value ("did not find expected key")
  let depth = 0;
  for (let i = end; i < lineEnd; i++) {
    const c = source[i];
    if ((c === '"' || c === "'") && /[ \t[{,]/.test(source[i - 1])) {
      i = c === '"' ? source.slice(i + 1).search(/(?<!\\)(?:\\\\)*"/) + i + 1 : source.indexOf("'", i + 1);
      if (i < 0 || i >= lineEnd) break;
    } else if (c === '#' && /[ \t]/.test(source[i - 1])) {
      break;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (c === ':' && depth === 0 && (i + 1 >= source.length || /[ \t\n]/.test(source[i + 1]))) {
      return new ChunkError(i, 'did not find expected key (the flow collection before it is taken as a key, and what follows it is no value)');
    }
  }
  for (let i = lineEnd; i < source.length; i++) {
    const c = source[i];
    if (c === '\t') return new ChunkError(i, 'found character that cannot start any token');
    if (c === '#') i = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (c !== ' ' && c !== '\n') break;
  }
  return undefined;
}

/**
 * The first LS (U+2028) or PS (U+2029) of `text` inside a scalar of the document, undefined when none: yaml.v3 keeps either
 * in the value where it folds a line feed into a space (scannerc.go: a leading break that is no `\n` is joined as written),
 * and keeps it where a line feed is kept (in a block scalar, a quoted scalar's blank line). Offsets in the document's text
 * (`inserted` the offsets of the characters the rewriting put in).
 */
function continuedOverV3Break(Y: Y, doc: Document, text: string, inserted: readonly number[]): { offset: number; name: string } | undefined {
  const breaks: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '\u2028' || text[i] === '\u2029') breaks.push(i);
  if (breaks.length === 0) return undefined;
  const forward = (o: number): number => {
    let n = 0;
    while (n < inserted.length && inserted[n] <= o + n) n++;
    return o + n;
  };
  let found: { offset: number; name: string } | undefined;
  Y.visit(doc, {
    Scalar: (_, n) => {
      const range = n.range;
      if (!range) return undefined;
      const inside = breaks.find((b) => forward(b) > range[0] && forward(b) < range[1]);
      if (inside !== undefined && (found === undefined || inside < found.offset)) {
        found = { offset: inside, name: text[inside] === '\u2028' ? 'LS (U+2028, \\L)' : 'PS (U+2029, \\P)' };
      }
      return undefined;
    },
  });
  return found;
}

function read(text: string): ObjectsReading {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Y = require('yaml') as Y;
  let lines = new Y.LineCounter();
  let doc: Document | undefined;
  let rewritten: Rewritten | undefined;
  // yaml.v3 parses and decodes the first document only, its lines ended by NEL, LS and PS too (scannerc.go `is_break`;
  // `read_line` makes NEL a line feed, and keeps LS and PS where it keeps a break in a scalar's value, a line feed here)
  // (a carriage return, alone or before a line feed, ends a line too: `read_line` makes either one line feed)
  const written = text.replace(/\r\n?/g, '\n');
  const parsed = written.replace(V3_ONLY_BREAKS, '\n');
  try {
    // yaml.v3's scanner is libyaml's: where it tokenizes otherwise than YAML 1.2 (lines of a quoted scalar or a flow
    // collection indented no further than their key, `[a:, b]`, `&a:b`, `"a"#c`), `yaml` parses it as libyaml tokenizes it
    rewritten = libyamlTokens(parsed);
  } catch (e) {
    if (!(e instanceof ChunkError)) throw e;
    return { refusal: `is not YAML (line ${parsed.slice(0, e.offset).split('\n').length}: ${e.message})`, unreadable: true };
  }
  let source = rewritten?.text ?? parsed;
  const inserted = rewritten?.inserted ?? [];
  const restore = new Map(rewritten?.restore ?? []);
  // libyaml reads \' in a double-quoted scalar as ' (YAML 1.2 has no such escape): the backslash becomes a character
  // dropped from the value (offsets stay)
  if (source.includes("\\'")) {
    const sentinel = unusedCharacter(source + [...restore.keys()].join(''));
    const quotes = (Y.parseAllDocuments(source).find(() => true)?.errors ?? []).filter((e) => e.code === 'BAD_DQ_ESCAPE' && source.startsWith("\\'", e.pos[0]));
    if (quotes.length > 0) {
      restore.set(sentinel, '');
      const chars = source.split('');
      for (const e of quotes) chars[e.pos[0]] = sentinel;
      source = chars.join('');
    }
  }
  const parse = (t: string): Document | undefined => {
    lines = new Y.LineCounter();
    return Y.parseAllDocuments(t, { lineCounter: lines, uniqueKeys: false, prettyErrors: false }).find(() => true) as Document | undefined;
  };
  const lineOf = (offset: number): number => source.slice(0, offset).split('\n').length;
  /** The first syntax error of a document, `line N: what`. */
  const syntaxError = (d: Document, t: string): string | undefined => {
    const error = d.errors[0];
    // what libyaml's scanner and parser fail on and `yaml` does not (a tab in a line's indentation, a `:` with no key)
    let libyaml = libyamlSyntaxError(d.contents as YamlNode | null, t, inserted);
    // escapes libyaml does not know (`\/`), tabs in a block scalar's indentation
    Y.visit(d, {
      Scalar: (_, n, path) => {
        if (!n.range || (libyaml !== undefined && libyaml.offset <= n.range[0])) return;
        // in a flow collection libyaml ends a plain scalar at a `?`, which it then scans as a key indicator where no key can be
        // (scannerc.go `yaml_parser_scan_plain_scalar`, parserc.go: "did not find expected ',' or ']'")
        const flow = [...path].reverse().find((p): p is YAMLMap | YAMLSeq => (Y.isMap(p) || Y.isSeq(p)) && p.flow === true);
        const question = n.type === 'PLAIN' && flow !== undefined ? t.slice(n.range[0] + 1, n.range[1]).indexOf('?') : -1;
        if (question >= 0 && (libyaml === undefined || n.range[0] + 1 + question < libyaml.offset)) {
          libyaml = new ChunkError(n.range[0] + 1 + question, `did not find expected ',' or '${Y.isSeq(flow) ? ']' : '}'}' (a ? inside a plain scalar of a flow collection ends it)`);
        }
        const escape = n.type === 'QUOTE_DOUBLE' ? badEscape(t, n.range[0], n.range[1]) : undefined;
        if (escape !== undefined) libyaml = new ChunkError(escape.offset, escape.message);
        const tab = n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED' ? blockScalarTab(t, n.range[0]) : -1;
        if (tab >= 0 && (libyaml === undefined || tab < libyaml.offset)) libyaml = new ChunkError(tab, 'found a tab character where an indentation space is expected');
      },
    });
    if (libyaml !== undefined && (error === undefined || libyaml.offset <= error.pos[0])) return `line ${lineOf(libyaml.offset)}: ${libyaml.message}`;
    if (error === undefined) return undefined;
    return `line ${lineOf(error.pos[0])}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  };
  let docText = source;
  try {
    doc = parse(source);
    if (doc === undefined) return { objects: [] };
    // an indented block collection, then a line indented less, which ends it and the document: yaml.v3 reads the
    // collection and scans no further than the next token; read what follows by itself, and the collection alone
    const root = doc.contents as YamlNode | null;
    const collection = doc.errors.length > 0 && (Y.isMap(root) || Y.isSeq(root)) && root.range ? root : undefined;
    // a flow collection that is the document's node, which `yaml` may make the first key of a mapping when text follows it
    // on its line (`[...] {...}`), unless a `:` follows it there (then it is that key to libyaml as well)
    const flowEnd = collection !== undefined && /[[{]/.test(source[collection.range![0]]) ? flowCollectionEnd(source, collection.range![0]) : undefined;
    const flow = flowEnd !== undefined && !/^[ \t]*:(?:[ \t\n]|$)/.test(source.slice(flowEnd)) ? flowEnd : undefined;
    const end = collection === undefined ? undefined : flow ?? (collection.flow ? undefined : lessIndentedLine(source, collection));
    // (`yaml` takes a flow collection over several lines followed by more as a key on more than one line)
    const before = (e: { code: string; pos: [number, number] }): boolean => e.pos[0] < end! && !(flow !== undefined && e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === collection!.range![0]);
    if (collection !== undefined && end !== undefined && !doc.errors.some(before)) {
      // likewise a flow collection that is the whole text, and more after it (`[...] x`): yaml.v3 reads the collection, and
      // scans a token or a line of them after it; on its line no `-`, `?` or `:` indicator, after a line break no tab before
      // the next token
      const flowRefusal = flow !== undefined ? afterFlowCollection(source, end) : undefined;
      if (flowRefusal !== undefined) return { refusal: `is not YAML (line ${lineOf(flowRefusal.offset)}: ${flowRefusal.message})`, unreadable: false };
      const restText = blankOut(source, 0, end);
      const rest = parse(restText);
      const after = rest === undefined ? undefined : syntaxError(rest, restText);
      if (after !== undefined) {
        const what = flow !== undefined ? 'the flow collection before it' : `the list before line ${lineOf(end)}, indented further than that line,`;
        return {
          refusal: `is not YAML (${after}): gopkg.in/yaml.v3 reads ${what} as the whole text `
            + 'and scans what follows only as far as its next token; the audit reads what follows only when it is YAML by itself (remove it)',
          unreadable: true,
          providerReads: true,
        };
      }
      // (a block list cut there: blank lines after a block scalar with `+` would be its content)
      docText = flow !== undefined ? blankOut(source, end, source.length) : source.slice(0, end);
      doc = parse(docText)!;
    }
  } catch (e) {
    return { refusal: `is not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, unreadable: true };
  }
  const syntax = syntaxError(doc, docText);
  if (syntax !== undefined) return { refusal: `is not YAML (${syntax})`, unreadable: true };
  const continued = continuedOverV3Break(Y, doc, written, inserted);
  if (continued !== undefined) {
    return {
      refusal: `continues a scalar over a line ended by ${continued.name} (line ${lineOf(continued.offset)}), which gopkg.in/yaml.v3 keeps in the value `
        + 'where a line feed would be folded or kept as one; the audit does not follow it (write the value on one line, or with \\n)',
      unreadable: true,
      providerReads: true,
    };
  }
  const decoder = new Decoder(Y, doc, lines, written, { text: source, restore, inserted });
  try {
    // the parser refuses an alias of no anchor before it, wherever it is
    Y.visit(doc, {
      Alias: (_, alias) => {
        if (alias.resolve(doc) === undefined) {
          throw new Fail(`refers to an anchor not defined before it (*${alias.source}, line ${decoder.line(alias)}), which gopkg.in/yaml.v3 refuses `
            + `("unknown anchor '${alias.source}' referenced")`);
        }
      },
    });
    const objects = decoder.list(doc.contents);
    if (decoder.terrors.length > 0) return { refusal: decoder.terrors[0], unreadable: false };
    return {
      objects: objects.map((o): ProviderObject => {
        const refused = o.secretArgsValue === undefined ? undefined : jsonRefusal({ kind: 'map', entries: o.secretArgsValue }, 'secretArgs', (n) => decoder.written(n));
        return {
          index: o.index,
          objectName: o.objectName,
          secretPath: o.secretPath,
          secretKey: o.secretKey,
          method: o.method,
          encoding: o.encoding,
          filePermission: o.filePermission,
          ...(o.filePermissionRefusal === undefined ? {} : { filePermissionRefusal: o.filePermissionRefusal }),
          secretArgs: o.secretArgs,
          ...(refused === undefined ? {} : { secretArgsRefusal: refused }),
          given: o.given,
        };
      }),
    };
  } catch (e) {
    if (e instanceof Fail) return { refusal: e.reason, unreadable: false };
    throw e;
  }
}
