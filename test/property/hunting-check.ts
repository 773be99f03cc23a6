/**
 * The verdict on one generated app (hunting.test.ts): build it, synthesize it into a
 * fresh directory, and state every way the outcome breaks the library's promises.
 *
 * (a) construction or synth either succeeds or throws a SecureTektonError whose
 *     findings each carry a rule ID;
 * (b) when synth succeeds: what kubectl reads from the files is what synth checked;
 *     every written object the library made (and every one the user gave or patched
 *     that was valid before synth) passes the strict schemas; the audit CLI on the
 *     files finds nothing unrelaxed, and every relaxation it reports was recorded by
 *     the library (the seal holds); the Tekton objects are kept for the oracle;
 * (c) when synth refuses, nothing is written;
 * (d) formatting the error never throws, and its message names each finding's rule
 *     (each finding's own line).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { BuiltScenario, buildScenario, Scenario } from './hunting-generators';
import { RuleId, SecureTektonErrors } from '../../src';
import { audit } from '../../src/cli/audit';
import { readManifests } from '../../src/cli/read-yaml';
import { formatRefusal, SecureTektonError } from '../../src/policy/errors';
import { validateManifest } from '../helpers/schema';
import { runOracleOnPaths } from '../helpers/tekton-oracle';

const RULE_IDS = new Set<string>(Object.values(RuleId));
const SEAL = 'secure-tekton/seal';
const RELAX = 'secure-tekton/relax.';

/** JSON as the API server and the seal see it: keys sorted, undefined-valued keys absent. */
export function canonical(value: any): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A Tekton object written by a synth that succeeded, for the oracle. */
export interface WrittenTekton {
  /** As written. */
  readonly written: any;
  /** Its index among the documents written. */
  readonly index: number;
  /** As the user gave it (patches applied, before the library's records), when the user gave or patched it. */
  readonly before?: any;
}

export interface Verdict {
  readonly outcome: 'refused at construction' | 'refused at synth' | 'written';
  /** The rules of the refusal's findings. */
  readonly rules: string[];
  /** Broken promises, one line each. */
  readonly violations: string[];
  /** Tekton objects written, to check with the oracle. */
  readonly tekton: WrittenTekton[];
  /** The audit's JSON report, when something was written. */
  readonly report?: any;
  /** The objects written (as synth checked them). */
  readonly objects?: any[];
  /** The directory synth wrote into. */
  readonly outdir?: string;
}

/** (a) and (d): what is wrong with an error thrown by construction or synth. */
export function errorViolations(e: unknown): string[] {
  if (!(e instanceof SecureTektonError)) {
    return [`threw ${e instanceof Error ? `${e.constructor.name}: ${e.message.split('\n')[0]}` : String(e)}, not a SecureTektonError`];
  }
  const out: string[] = [];
  if (!Array.isArray(e.findings) || e.findings.length === 0) out.push('a SecureTektonError without findings');
  for (const f of e.findings ?? []) {
    if (!RULE_IDS.has(f.rule)) out.push(`a finding without a rule ID: ${String(f.rule)}`);
    let line: string | undefined;
    try {
      line = formatRefusal(f);
    } catch (x) {
      out.push(`formatting a finding throws: ${String(x)}`);
    }
    if (line !== undefined && !e.message.includes(line)) out.push(`the message does not carry the finding ${JSON.stringify(line)}`);
    if (!e.message.includes(`[${f.rule}]`)) out.push(`the message does not name rule ${f.rule}`);
  }
  try {
    String(e);
    void e.stack;
    SecureTektonErrors.refusalsOf(e).forEach((r) => JSON.stringify(r));
    SecureTektonErrors.ruleOf(e);
  } catch (x) {
    out.push(`formatting the error throws: ${String(x)}`);
  }
  return out;
}

/** The identity of an object: apiVersion, kind, namespace and name (or generateName). */
function identity(o: any): string {
  return [o?.apiVersion, o?.kind, o?.metadata?.namespace, o?.metadata?.name ?? `${o?.metadata?.generateName}*`].map(String).join(' ');
}

/** The identity the API server stores an object under: group (not version), kind, namespace and name. */
function groupIdentity(o: any): string {
  const apiVersion = String(o?.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return [group, o?.kind, o?.metadata?.namespace, o?.metadata?.name ?? `${o?.metadata?.generateName}*`].map(String).join(' ');
}

/** The API server's limit on the annotations of an object (apimachinery TotalAnnotationSizeLimitB). */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/** The bytes of an object's annotations, keys and values, as the API server counts them. */
function annotationBytes(o: any): number {
  const a = o?.metadata?.annotations;
  if (!a || typeof a !== 'object') return 0;
  return Object.entries(a).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : ''), 0);
}

/** An object without the library's relaxation records and seal. */
function withoutRecords(o: any): any {
  const copy = structuredClone(o);
  const a = copy?.metadata?.annotations;
  if (a && typeof a === 'object') {
    for (const k of Object.keys(a)) if (k === SEAL || k.startsWith(RELAX)) delete a[k];
    if (Object.keys(a).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}

/** Captures the JSON each chart hands the YAML writer during one synth. */
function capturing(chart: Chart): { objects: any[]; restore: () => void } {
  const objects: any[] = [];
  const original = chart.toJson;
  chart.toJson = function () {
    const out = original.call(this);
    objects.push(...out);
    return out;
  };
  return { objects, restore: () => { chart.toJson = original; } };
}

/** Options of a judgement. */
export interface JudgeOptions {
  /** Keep the directory written into (for the oracle; remove it with `discard`). @default false */
  readonly keepOutdir?: boolean;
}

/** Builds, synthesizes into a fresh directory and judges one scenario. */
export function judge(s: Scenario, options: JudgeOptions = {}): Verdict {
  return judgeBuilt(() => buildScenario(s), options);
}

/** Builds (construction may refuse), synthesizes into a fresh directory and judges an app. */
export function judgeBuilt(build: () => BuiltScenario, options: JudgeOptions = {}): Verdict {
  let built: BuiltScenario;
  try {
    built = build();
  } catch (e) {
    return { outcome: 'refused at construction', rules: rulesOf(e), violations: errorViolations(e), tekton: [] };
  }
  const { app, chart } = built;
  const capture = capturing(chart);
  try {
    app.synth();
  } catch (e) {
    capture.restore();
    const violations = errorViolations(e);
    const left = fs.existsSync(app.outdir) ? fs.readdirSync(app.outdir) : [];
    if (left.length) violations.push(`synth refused but wrote ${left.join(', ')}`);
    fs.rmSync(app.outdir, { recursive: true, force: true });
    return { outcome: 'refused at synth', rules: rulesOf(e), violations, tekton: [] };
  }
  capture.restore();
  const verdict: Verdict = { outcome: 'written', rules: [], outdir: app.outdir, ...writtenViolations(built, capture.objects) };
  if (!options.keepOutdir) discard(verdict);
  return verdict;
}

/** Removes the directory a judgement wrote into. */
export function discard(v: Verdict): void {
  if (v.outdir !== undefined) fs.rmSync(v.outdir, { recursive: true, force: true });
}

function rulesOf(e: unknown): string[] {
  return e instanceof SecureTektonError ? [...new Set(e.findings.map((f) => String(f.rule)))].sort() : [];
}

/** (b): what is wrong with what a successful synth wrote. */
function writtenViolations(built: BuiltScenario, checked: any[]): { violations: string[]; tekton: WrittenTekton[]; report?: any; objects: any[] } {
  const { app } = built;
  const violations: string[] = [];

  // the user's objects (raw or patched) as given, by identity; the library's unpatched ones
  const given = new Map<string, any[]>();
  const unpatchedLibrary = new Set<string>();
  const rawSet = new Set<ApiObject>(built.raws);
  for (const o of built.chart.node.findAll().filter(ApiObject.isApiObject)) {
    const json = o.toJson();
    const id = identity(json);
    if (rawSet.has(o) || built.patched.has(o)) given.set(id, [...given.get(id) ?? [], json]);
    else unpatchedLibrary.add(id);
  }
  const userGiven = (o: any): any | undefined => {
    const list = given.get(identity(o));
    if (!list) return undefined;
    const plain = canonical(withoutRecords(o));
    return list.find((x) => canonical(x) === plain) ?? list[0];
  };

  // what kubectl reads is what synth checked
  const files = fs.readdirSync(app.outdir).map((f) => path.join(app.outdir, f));
  let read: any[] = [];
  try {
    read = readManifests([app.outdir]).objects.map((m) => m.object);
  } catch (e) {
    violations.push(`kubectl would refuse the files written: ${(e as Error).message}`);
  }
  if (read.length && read.length !== checked.length) violations.push(`kubectl reads ${read.length} objects, synth checked ${checked.length}`);
  // the files are read in byte order of their paths, which need not be the order of the charts: each
  // object checked is matched with one read (the same JSON, else the next read one of its identity)
  const unread = new Map<string, any[]>();
  for (const r of read) unread.set(canonical(r), [...unread.get(canonical(r)) ?? [], r]);
  const otherwise: any[] = [];
  for (const c of checked) {
    const same = unread.get(canonical(c));
    if (same?.length) same.pop();
    else otherwise.push(c);
  }
  const left = [...unread.values()].flat();
  if (read.length) {
    for (const c of otherwise) {
      const r = left.find((x) => identity(x) === identity(c));
      if (r !== undefined) left.splice(left.indexOf(r), 1);
      violations.push(`kubectl reads ${identity(c)} otherwise than synth checked it: ${r === undefined ? 'not found in the files' : firstDifference(c, r)}`);
    }
  }

  // one object per identity: of two that differ, kubectl apply keeps the last, which is not what the rules judged
  // together (copies of one object, key for key, leave nothing to choose between)
  const seen = new Map<string, Set<string>>();
  checked.forEach((o) => seen.set(groupIdentity(o), (seen.get(groupIdentity(o)) ?? new Set()).add(canonical(o))));
  for (const [id, contents] of seen) {
    if (contents.size > 1 && !id.endsWith('*')) violations.push(`${contents.size} different objects written as ${id}: the last one applied replaces the others`);
  }

  // the API server's limit on annotations (keys and values, 256 KiB together)
  for (const o of checked) {
    const bytes = annotationBytes(o);
    const before = userGiven(o);
    if (bytes > MAX_ANNOTATION_BYTES && (before === undefined || annotationBytes(before) <= MAX_ANNOTATION_BYTES)) {
      violations.push(`${identity(o)} is written with ${bytes} bytes of annotations; the API server refuses more than ${MAX_ANNOTATION_BYTES}`);
    }
  }

  // strict schemas: absolute for the library's own objects, differential for the user's
  for (const o of checked) {
    const errors = validateManifest(o);
    if (!errors.length) continue;
    const before = userGiven(o);
    if (before === undefined) {
      if (unpatchedLibrary.has(identity(o))) violations.push(`the library wrote an object the strict schemas refuse: ${errors.slice(0, 3).join('; ')}`);
    } else if (validateManifest(before).length === 0) {
      violations.push(`an object valid as given is refused by the strict schemas as written: ${errors.slice(0, 3).join('; ')}`);
    }
  }

  // the audit agrees with synth, and the seal holds
  let report: any;
  if (files.length) {
    const r = audit([app.outdir], 'json');
    if (r.exitCode === 2) {
      violations.push(`the audit cannot read the files written: ${r.stderr.trim()}`);
    } else {
      report = JSON.parse(r.stdout);
      for (const f of report.findings) {
        if (f.status === 'failed') violations.push(`the audit finds what synth let through: ${f.object} ${f.location ?? ''} ${f.property} ${JSON.stringify(f.value)} ${f.problem} [${f.rule}]`);
        else if (f.recordedBy !== 'library') violations.push(`the audit reads a relaxation as a hand edit (the seal does not hold): ${f.object} [${f.rule}] ${f.reason}`);
      }
    }
  }

  const isTekton = (o: any) => typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/');
  const tekton = checked.flatMap((o, index) => {
    if (!isTekton(o)) return [];
    const before = userGiven(o);
    return [before === undefined ? { written: o, index } : { written: o, index, before }];
  });
  return { violations, tekton, report, objects: checked };
}

/** Where two JSON values first differ, for messages. */
export function firstDifference(a: any, b: any, at = ''): string {
  if (canonical(a) === canonical(b)) return '(none)';
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      if (canonical(a[k]) !== canonical(b[k])) return firstDifference(a[k], b[k], `${at}/${k}`);
    }
  }
  return `${at || '/'}: ${canonical(a)?.slice(0, 120)} became ${canonical(b)?.slice(0, 120)}`;
}

/**
 * What Tekton's own admission (the oracle) says about the Tekton objects of apps that
 * were written: the oracle reads the files synth wrote, as kubectl does. Each object
 * the library made and left unpatched must be admitted; one the user gave or patched
 * must be admitted if it was as given. One oracle run for all apps.
 */
export function oracleViolations(apps: Array<{ label: string; verdict: Verdict }>): string[] {
  const written = apps.filter((a) => a.verdict.outdir !== undefined && a.verdict.tekton.length > 0);
  if (!written.length) return [];
  const out: string[] = [];
  const result = runOracleOnPaths(written.map((a) => a.verdict.outdir!));
  for (const u of result.unreadable) out.push(`Tekton's reader cannot read ${u.file}: ${u.error}`);

  // the objects as the user gave them, one JSON file each
  const given = written.flatMap((a) => a.verdict.tekton.filter((t) => t.before !== undefined).map((t) => ({ app: a, t })));
  const beforeValid: boolean[] = [];
  if (given.length) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hunt-given-'));
    try {
      given.forEach((g, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}.json`), JSON.stringify(g.t.before)));
      const r = runOracleOnPaths([dir]);
      for (const v of r.verdicts) beforeValid[Number(path.basename(v.file, '.json'))] = v.valid;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  // a verdict names a file (the app's, or one in a directory below it) and a document in it: the
  // object written there is found by its JSON among the app's Tekton objects
  const appOf = (file: string) => written.find((a) => path.resolve(file).startsWith(`${path.resolve(a.verdict.outdir!)}${path.sep}`));
  const documents = new Map<string, any[]>();
  const documentAt = (file: string, index: number): any => {
    if (!documents.has(file)) documents.set(file, readManifests([file]).objects.map((m) => m.object));
    return documents.get(file)![index];
  };
  for (const v of result.verdicts) {
    if (v.valid) continue;
    const app = appOf(v.file);
    const document = app ? documentAt(v.file, v.index) : undefined;
    const t = document === undefined ? undefined : app?.verdict.tekton.find((x) => canonical(x.written) === canonical(document));
    if (!app || !t) {
      out.push(`Tekton refuses ${v.kind}/${v.name} in ${v.file}: ${v.errors.join('; ')}`);
    } else if (t.before === undefined) {
      out.push(`${app.label}: Tekton refuses the library's ${v.kind}/${v.name}: ${v.errors.join('; ')}`);
    } else if (beforeValid[given.findIndex((g) => g.t === t)]) {
      out.push(`${app.label}: Tekton admits ${v.kind}/${v.name} as given but refuses it as written: ${v.errors.join('; ')}`);
    }
  }
  return out;
}
