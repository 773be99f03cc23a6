/**
 * cdk8s's YAML, written faster.
 *
 * cdk8s writes every object with `Yaml.stringify`: the `yaml` package, YAML 1.1,
 * `lineWidth: 0`, one document per object. That writer builds a syntax tree of each
 * object before printing it, and is most of the time of a synth (about 80 % of a plain
 * cdk8s synth of 400 pipelines in one chart). The objects synth writes are JSON (the
 * check has already dropped what JSON has no place for), and for JSON the output of
 * that writer follows a few rules:
 *
 * - a map is `key: value` per line, a list `- item` per line, nested ones indented by
 *   two spaces more (lists under a key too), empty ones `{}` and `[]`;
 * - `null`, `true`, `false` and finite numbers as JavaScript prints them;
 * - a string on one line is written plain unless YAML would read it otherwise (an
 *   indicator character first, `: ` or ` #` inside, a space or `:` last, or a plain
 *   scalar that YAML 1.1 resolves to another type: `yes`, `0755`, `1:30`, `~`, ...);
 * - a string of several lines is a literal block (`|`, `|-` without a final line break),
 *   each line indented, empty lines left empty.
 *
 * `writeDocument` writes a document by these rules only where they are certain and
 * gives up (returns `undefined`) anywhere else, so that the caller writes that document
 * with cdk8s's own writer: anything that is not a plain object, array, string, finite
 * number, boolean or null (an object or array with a `toJSON`, an iterator of its own or
 * `yaml`'s node mark is not plain); the same object twice in a document (cdk8s's writer writes
 * an anchor and an alias); keys over 1000 characters; strings with control characters
 * or unpaired surrogates; strings on several lines that start or end with white space;
 * strings that start like a document marker (`---`, `...`). A string on one line that
 * is not written plain is written as cdk8s's writer writes it (asked once per string).
 * Whether a plain scalar would be read as another type is asked of the writer's own
 * YAML 1.1 schema, and before the first use the whole writer is compared with cdk8s's on
 * a document with each of these forms: if they differ (another cdk8s, or `Yaml.stringify`
 * replaced), cdk8s's writer is used throughout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { jsString } from './text';

/** Thrown inside a document to hand it to cdk8s's writer. */
const GIVE_UP: unique symbol = Symbol('give up');

/** Characters cdk8s's writer always double-quotes (controls but tab and line feed, C1, unpaired surrogates). */
const FORCES_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/**
 * What keeps a one-line string from being a plain scalar in block context: an indicator
 * character first, `-` or `?` alone or before a blank, `: ` or ` #` inside, a blank or
 * `:` last.
 */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][\t ]|:[\t ]|[\t ]#|[\t :]$/;
/** Starts like a document marker or directive: the writer's choice depends on the indentation. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** White space at either end of a string (any Unicode space, as the writer tests it). */
const LEADING_SPACE = /^\s/;

type Writer = (doc: unknown) => string;

/** The writer's YAML 1.1 schema: the tests of every type a plain scalar may resolve to other than a string. */
function nonStringTests(): RegExp[] | undefined {
  try {
    // the `yaml` that cdk8s itself resolves (its own copy when it bundles one)
    const yamlPath = require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require(yamlPath);
    const tags: any[] = new YAML.Document(null, { version: '1.1' }).schema.tags;
    const tests = tags.filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp).map((t) => t.test as RegExp);
    return tests.length > 0 ? tests : undefined;
  } catch {
    return undefined;
  }
}

/** Writes JSON documents as cdk8s's writer does; see the file's comment. */
export class YamlWriter {
  private readonly values = new Map<string, string>();
  private readonly keys = new Map<string, string>();
  private seen = new Set<object>();

  /**
   * @param tests the schema's tests of non-string plain scalars
   * @param cdk8sWriter cdk8s's writer of one document, asked for what this one does not write itself
   */
  public constructor(private readonly tests: readonly RegExp[], private readonly cdk8sWriter: Writer) {}

  /** The document as cdk8s's writer writes it, or `undefined` where this writer gives up. */
  public writeDocument(doc: unknown): string | undefined {
    if (!isPlainObject(doc)) return undefined;
    this.seen = new Set();
    // the pieces are joined once: a string built with += is a tree of every piece, many
    // times the size of the text, until it is flattened
    const out: string[] = [];
    try {
      this.enter(doc);
      const keys = Object.keys(doc);
      if (keys.length === 0) return '{}\n';
      this.pairs(out, doc, keys, '');
      out.push('\n');
      return out.join('');
    } catch (e) {
      if (e === GIVE_UP) return undefined;
      throw e;
    }
  }

  /** The document as cdk8s's writer writes it: this writer's, or cdk8s's where this one gives up. */
  public write(doc: unknown): string {
    return this.writeDocument(doc) ?? this.cdk8sWriter(doc);
  }

  private enter(o: object): void {
    if (this.seen.has(o)) throw GIVE_UP;
    this.seen.add(o);
  }

  /** The pairs of a non-empty map, its lines at `indent` (the first line's indentation is the caller's). */
  private pairs(out: string[], o: Record<string, unknown>, keys: readonly string[], indent: string): void {
    const inner = indent + '  ';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.push('\n', indent);
      out.push(this.key(keys[i]), ':');
      this.value(out, o[keys[i]], inner, true);
    }
  }

  /** The items of a non-empty list, its lines at `indent`. */
  private items(out: string[], a: readonly unknown[], indent: string): void {
    const inner = indent + '  ';
    for (let i = 0; i < a.length; i++) {
      if (i > 0) out.push('\n', indent);
      out.push('- ');
      this.value(out, a[i], inner, false);
    }
  }

  /**
   * A value whose nested lines start at `inner`. After a key, a non-empty collection
   * starts on the next line and anything else after a space; after `- `, right there.
   */
  private value(out: string[], v: unknown, inner: string, afterKey: boolean): void {
    const space = afterKey ? ' ' : '';
    if (v === null) {
      out.push(space, 'null');
    } else if (typeof v === 'string') {
      out.push(space, v.includes('\n') ? this.block(v, inner) : this.scalar(v));
    } else if (Array.isArray(v)) {
      if (!isPlainArray(v)) throw GIVE_UP;
      this.enter(v);
      if (v.length === 0) {
        out.push(space, '[]');
      } else {
        if (afterKey) out.push('\n', inner);
        this.items(out, v, inner);
      }
    } else if (typeof v === 'object') {
      if (!isPlainObject(v)) throw GIVE_UP;
      this.enter(v);
      const keys = Object.keys(v);
      if (keys.length === 0) {
        out.push(space, '{}');
      } else {
        if (afterKey) out.push('\n', inner);
        this.pairs(out, v, keys, inner);
      }
    } else {
      out.push(space, this.primitive(v));
    }
  }

  private primitive(v: unknown): string {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number' && Number.isFinite(v)) return jsString(v);
    throw GIVE_UP; // undefined (an array's hole too), non-finite numbers, bigint, functions, symbols
  }

  /** Whether a one-line string is written plain. */
  private plain(s: string): boolean {
    if (FORCES_DOUBLE_QUOTES.test(s) || NOT_PLAIN.test(s)) return false;
    for (const t of this.tests) if (t.test(s)) return false;
    return true;
  }

  /** A one-line string as a value or list item. */
  private scalar(s: string): string {
    let r = this.values.get(s);
    if (r === undefined) {
      if (DOCUMENT_MARKER.test(s)) throw GIVE_UP;
      r = this.plain(s) ? s : this.askOneLine({ v: s }, 'v: ', '\n');
      this.values.set(s, r);
    }
    return r;
  }

  /** A key. */
  private key(k: string): string {
    let r = this.keys.get(k);
    if (r === undefined) {
      if (k === '' || k.length > 1000 || k.includes('\n') || DOCUMENT_MARKER.test(k)) throw GIVE_UP;
      r = this.plain(k) ? k : this.askOneLine({ [k]: 0 }, '', ': 0\n');
      this.keys.set(k, r);
    }
    return r;
  }

  /** What cdk8s's writer writes between `before` and `after` for a one-key document, if on one line. */
  private askOneLine(doc: Record<string, unknown>, before: string, after: string): string {
    const text = this.cdk8sWriter(doc);
    if (!text.startsWith(before) || !text.endsWith(after)) throw GIVE_UP;
    const r = text.slice(before.length, text.length - after.length);
    if (r === '' || r.includes('\n')) throw GIVE_UP;
    return r;
  }

  /** A string of several lines as a literal block, its lines at `indent` (never empty: values are nested). */
  private block(s: string, indent: string): string {
    if (FORCES_DOUBLE_QUOTES.test(s) || LEADING_SPACE.test(s)) throw GIVE_UP;
    const last = s.charCodeAt(s.length - 1);
    let chomp: string;
    let body: string;
    if (last === 10 /* \n */) {
      // exactly one final line break after a line that does not end in a blank: `|`
      const before = s.charCodeAt(s.length - 2);
      if (before === 10 || before === 32 || before === 9) throw GIVE_UP;
      chomp = '';
      body = s.slice(0, -1);
    } else {
      if (last === 32 || last === 9) throw GIVE_UP;
      chomp = '-';
      body = s;
    }
    return `|${chomp}\n${indent}${body.replace(/\n+/g, (m) => m + indent)}`;
  }
}

/** The symbol by which `yaml` recognises its own syntax nodes. */
const YAML_NODE_TYPE = Symbol.for('yaml.node.type');
const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

/**
 * An object `yaml` writes as a map of its keys: an object or null prototype, and none of
 * what `yaml` looks at first (a `toJSON`, an iterator, which makes it a list, or its node
 * mark), own or inherited.
 */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && typeof (v as any).toJSON !== 'function' && !(Symbol.iterator in v) && !(YAML_NODE_TYPE in v);
}

/** An array `yaml` writes as a list of its items: no `toJSON`, the arrays' own iterator, no node mark. */
function isPlainArray(a: readonly unknown[]): boolean {
  return Object.getPrototypeOf(a) === Array.prototype && typeof (a as any).toJSON !== 'function'
    && a[Symbol.iterator] === ARRAY_ITERATOR && !(YAML_NODE_TYPE in a);
}

/** A document with every form `YamlWriter` writes itself, to compare it with cdk8s's writer before it is used. */
export const CANARY: unknown = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x', 'yes': 'on', '8080': '0755' }, annotations: {} },
  spec: {
    params: [{ name: 'p', type: 'string', default: '' }, { name: 'q', default: '1:30' }],
    steps: [
      { name: 's', image: 'r.example/i@sha256:' + '0'.repeat(64), script: '#!/bin/sh\nset -e\n\n  echo "$(params.p)" # a: b\n', args: ['-c', 'a: b', '- x', "it's", '"q"', '#'] },
      { name: 't', script: 'echo\nno final break', env: [], securityContext: { runAsNonRoot: true, runAsUser: 65532, privileged: false }, x: null },
    ],
    nested: [[1, [2.5, -3]], [], [{}], { a: [{ b: { c: [true] } }] }],
    numbers: [0, -1, 1e21, 0.1, 12345678901234567890],
    quoted: ['null', '~', 'Null', '.inf', '1e3', '0x1F', '2001-12-14', '<<', '-', '?', ' lead', 'trail ', 'colon:', 'tab\tin', 'ünïcode', '😀'],
  },
};

let schemaTests: RegExp[] | null | undefined;
/** Whether the fast writer writes `CANARY` as each `Yaml.stringify` seen so far does. */
const verdicts = new WeakMap<Function, boolean>();

/**
 * A fresh writer of what `stringify` (cdk8s's `Yaml.stringify`) writes for one document,
 * or `undefined` when the fast writer cannot be used with it (its output on `CANARY`
 * differs, or the writer's schema cannot be read).
 */
export function fastYamlWriter(stringify: (...docs: any[]) => string): YamlWriter | undefined {
  if (schemaTests === undefined) schemaTests = nonStringTests() ?? null;
  if (schemaTests === null) return undefined;
  const one: Writer = (doc) => stringify.call(Yaml, doc);
  const w = new YamlWriter(schemaTests, one);
  let ok = verdicts.get(stringify);
  if (ok === undefined) {
    ok = w.writeDocument(CANARY) === one(CANARY);
    verdicts.set(stringify, ok);
  }
  return ok ? w : undefined;
}

/** cdk8s's `Yaml.save` as this module found it: replaced during a synth only if it is still this one. */
const CDK8S_SAVE: (filePath: string, docs: any[]) => void = Yaml.save;
/** Whether each `Yaml.save` seen so far writes a file of exactly `Yaml.stringify(...docs)`. */
const saveVerdicts = new WeakMap<Function, boolean>();

/**
 * Whether `save` writes exactly what `stringify` returns for the documents (as cdk8s's
 * `Yaml.save` does), tried once on a temporary file: only then is a file written in
 * pieces the same file.
 */
export function savesWhatStringifyWrites(save: (filePath: string, docs: any[]) => void, stringify: (...docs: any[]) => string): boolean {
  let ok = saveVerdicts.get(save);
  if (ok !== undefined) return ok;
  const docs = [CANARY, undefined, { kind: 'Empty' }];
  let dir: string | undefined;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secure-tekton-yaml-'));
    const file = path.join(dir, 'canary.yaml');
    save.call(Yaml, file, docs);
    ok = fs.readFileSync(file, 'utf8') === stringify.call(Yaml, ...docs);
  } catch {
    ok = false;
  } finally {
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  }
  saveVerdicts.set(save, ok);
  return ok;
}
/** How much text `save` gathers before it writes. */
const WRITE_CHUNK = 65536;

/**
 * Runs `fn` (a synth) with cdk8s's `Yaml.stringify` writing through `YamlWriter` (the
 * same bytes, faster) and, unless it was replaced or writes other than
 * `Yaml.stringify`'s text (`savesWhatStringifyWrites`), `Yaml.save` writing a file of
 * documents that are all `streamable` as they are written (the same bytes, without the
 * whole file as one string first; only for documents cdk8s's writer cannot fail on, so
 * that no file is left half written). Both are restored when `fn` returns or throws.
 *
 * @param streamable whether a document is JSON the caller checked (default: none is)
 */
export function withFastYaml<T>(fn: () => T, streamable: (doc: unknown) => boolean = () => false): T {
  const original: (...docs: any[]) => string = Yaml.stringify;
  const originalSave = Yaml.save;
  const w = fastYamlWriter(original);
  if (w === undefined) return fn();
  const write = (d: unknown): string => (d === undefined ? '\n' : w.write(d));
  const stringify = (...docs: any[]): string => docs.map(write).join('---\n');
  const save = (filePath: string, docs: any[]): void => {
    // anything else as cdk8s saves it (through the fast stringify)
    if (!Array.isArray(docs) || !docs.every((d) => streamable(d))) return originalSave.call(Yaml, filePath, docs);
    const fd = fs.openSync(filePath, 'w');
    try {
      let pending: string[] = [];
      let size = 0;
      for (let i = 0; i < docs.length; i++) {
        const text = write(docs[i]);
        if (i > 0) pending.push('---\n');
        pending.push(text);
        size += text.length;
        if (size >= WRITE_CHUNK || i === docs.length - 1) {
          fs.writeSync(fd, pending.join(''), null, 'utf8');
          pending = [];
          size = 0;
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  const replaceSave = originalSave === CDK8S_SAVE && savesWhatStringifyWrites(originalSave, original);
  Object.defineProperty(Yaml, 'stringify', { configurable: true, writable: true, value: stringify });
  if (replaceSave) Object.defineProperty(Yaml, 'save', { configurable: true, writable: true, value: save });
  try {
    return fn();
  } finally {
    Object.defineProperty(Yaml, 'stringify', { configurable: true, writable: true, value: original });
    if (replaceSave) Object.defineProperty(Yaml, 'save', { configurable: true, writable: true, value: originalSave });
  }
}
