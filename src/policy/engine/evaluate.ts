/**
 * Evaluating the catalogue on one object, with the relaxations that apply to it.
 */
import { coveringRelaxation, honouredRelaxations } from './annotations';
import { ruleContext } from './context';
import { evaluatingOnce } from '../../private/containers';
import { redactSecretMaterial, redactSecretMaterialInPath, redactUserinfo } from '../../private/redact';
import { secretMaterialIn } from '../../private/secrets';
import { storedForm } from '../../private/stored-form';
import { safeText } from '../../private/text';
import { RuleCatalogue } from '../catalogue';
import { CheckResult, CheckStatus, ObjectPosture } from '../posture';
import { RecordedRelaxation } from '../relaxation';
import { Finding, IRule, IRuleContext } from '../rule';
import { RuleId } from '../rule-id';

/** `Kind/namespace/name` (or `Kind/name`) of an object, for messages. */
export function objectId(o: { kind: string; name: string; namespaceName?: string }): string {
  return [o.kind, o.namespaceName, o.name].filter((x) => x !== undefined && x !== '').join('/');
}

/** A field of an object as text for messages, whatever its JSON type (`String` where it does not throw). */
function fieldText(value: unknown): string {
  try {
    return String(value ?? '');
  } catch {
    return safeText(value);
  }
}

/** `Kind/namespace/name` of a manifest of any shape (a namespace that is not a string is left out). */
export function manifestId(m: any): string {
  return objectId(postureOf(m));
}

/** The first line of what was thrown, with its class: `TypeError: Cannot read properties of null (reading 'x')`. */
export function thrownLine(e: unknown): string {
  const text = e instanceof Error ? `${fieldText(e.name)}: ${fieldText(e.message)}` : safeText(e);
  return text.split(/\r?\n|\r|\u2028|\u2029/)[0];
}

/** What failed on an object: one rule (`rule X`), or a step before the rules (`reading its relaxation records`). */
export type CrashedStep = { readonly rule: RuleId } | { readonly step: string };

/** A rule, or a step of the evaluation, that threw on an object: it judged nothing there. */
export interface Crash {
  readonly failed: CrashedStep;
  /** What was thrown. */
  readonly error: unknown;
}

/** `internal error: rule X failed on Task/ns/name: TypeError: …; please report it`. */
export function crashMessage(failed: CrashedStep, object: string, error: unknown): string {
  const what = 'rule' in failed ? `rule ${failed.rule}` : failed.step;
  return `internal error: ${what} failed on ${object}: ${thrownLine(error)}; please report it`;
}

/**
 * A rule threw on an object (a defect of the rule: a rule judges any JSON value). Thrown by
 * the evaluation when no one collects crashes (synth, reports), with the rule and the object.
 */
export class RuleCrashError extends Error {
  constructor(readonly failed: CrashedStep, readonly object: string, readonly error: unknown) {
    super(crashMessage(failed, object, error));
    this.name = 'RuleCrashError';
  }
}

/** The relaxation that covers a finding (see annotations.ts, where rules read it too). */
export { coveringRelaxation };

/** The findings of a check that no relaxation covers. */
export function unrelaxed(check: CheckResult): Finding[] {
  return check.findings.filter((f) => coveringRelaxation(f, check.relaxations ?? []) === undefined);
}

/**
 * The outcomes without findings (not applicable, passed), one frozen object per rule
 * and status shared by every object: most of an app's checks are these, and the
 * posture of every object is kept for the report.
 */
const withoutFindings = new Map<IRule, Map<CheckStatus, CheckResult>>();
function outcomeWithoutFindings(rule: IRule, status: CheckStatus): CheckResult {
  let byStatus = withoutFindings.get(rule);
  if (byStatus === undefined) withoutFindings.set(rule, byStatus = new Map());
  let outcome = byStatus.get(status);
  if (outcome === undefined) {
    outcome = Object.freeze({ rule: rule.id, severity: rule.severity, status, findings: Object.freeze([]) as unknown as Finding[] });
    byStatus.set(status, outcome);
  }
  return outcome;
}

/**
 * A finding without the credentials of URLs it quotes (`https://user:token@host` reads
 * `https://***@host`) and without secret material (a value that holds a token or a key is left out,
 * a problem or fix that quotes one says what it was instead, and so does a name in its property or
 * target: see redact.ts).
 */
function redacted(f: Finding): Finding {
  const material = (t: string | undefined) => typeof t === 'string' && secretMaterialIn(t) !== undefined;
  const quotesUrl = (t: string | undefined) => typeof t === 'string' && t.includes('@');
  if (!quotesUrl(f.value) && !quotesUrl(f.problem) && !quotesUrl(f.fix)
    && !material(f.value) && !material(f.problem) && !material(f.fix) && !material(f.property) && !material(f.target)) return f;
  const clean = (t: string) => redactSecretMaterial(redactUserinfo(t));
  const { value, ...rest } = f;
  const shown = value === undefined ? undefined : redactUserinfo(value);
  return {
    ...rest,
    property: redactSecretMaterialInPath(f.property),
    ...(f.target !== undefined ? { target: redactSecretMaterialInPath(f.target) } : {}),
    ...(shown !== undefined && !material(shown) ? { value: shown } : {}),
    problem: clean(f.problem),
    ...(f.fix !== undefined ? { fix: clean(f.fix) } : {}),
  };
}

/**
 * Every rule of the catalogue on one manifest (as the API server stores it: see
 * `storedForm`), in one pass. A check is relaxed
 * when every one of its findings is covered by a relaxation, failed when any is not.
 * A rule that throws judged nothing: with `crashed`, it is told there and the object has no
 * check of that rule; without, a `RuleCrashError` that names the rule and the object is thrown.
 */
export function evaluateObject(
  manifest: any, relaxations: readonly RecordedRelaxation[], context?: IRuleContext, crashed?: (c: Crash) => void,
): ObjectPosture {
  const checks = evaluatingOnce(() => {
    const out: CheckResult[] = [];
    for (const rule of RuleCatalogue.all()) {
      try {
        out.push(checkOf(rule, manifest, relaxations, context));
      } catch (e) {
        if (crashed === undefined) throw new RuleCrashError({ rule: rule.id }, manifestId(manifest), e);
        crashed({ failed: { rule: rule.id }, error: e });
      }
    }
    return out;
  }, context?.manifests);
  return { ...postureOf(manifest), checks };
}

/** What a posture says of the object itself (a namespace that is not a string is left out). */
function postureOf(manifest: any): Omit<ObjectPosture, 'checks'> {
  const namespace = manifest?.metadata?.namespace;
  return {
    apiVersion: fieldText(manifest?.apiVersion),
    kind: fieldText(manifest?.kind),
    name: fieldText(manifest?.metadata?.name ?? manifest?.metadata?.generateName),
    ...(typeof namespace === 'string' ? { namespaceName: namespace } : {}),
  };
}

/** The key of a finding: every field it reports, so that two findings of one key say the same thing of the same place. */
const findingKey = (f: Finding): string => JSON.stringify([f.rule, f.kind, f.name, f.location, f.target, f.property, f.value, f.problem, f.fix]);

/**
 * Each finding once: a rule that reaches one defect along several ways (a run that refers to a Pipeline of a name several
 * objects checked with it have, each with the task that mounts the token; a step that lists one env var twice with one
 * value) reports it as many times, the same in every field, which a user fixes once and a baseline would need an entry for each.
 */
function once(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = findingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One rule's outcome on one manifest. */
function checkOf(rule: IRule, manifest: any, relaxations: readonly RecordedRelaxation[], context: IRuleContext | undefined): CheckResult {
  if (!rule.appliesTo(manifest)) return outcomeWithoutFindings(rule, CheckStatus.NOT_APPLICABLE);
  const findings = once(rule.check(manifest, context).map(redacted));
  if (findings.length === 0) return outcomeWithoutFindings(rule, CheckStatus.PASSED);
  const base = { rule: rule.id, severity: rule.severity };
  const used: RecordedRelaxation[] = [];
  let open = 0;
  for (const f of findings) {
    const r = rule.relaxable ? coveringRelaxation(f, relaxations) : undefined;
    if (r === undefined) open++;
    else if (!used.includes(r)) used.push(r);
  }
  const relaxed = used.length > 0 ? { relaxations: used, reason: used.map((r) => r.reason).join('; ') } : {};
  return { ...base, status: open > 0 ? CheckStatus.FAILED : CheckStatus.RELAXED, findings, ...relaxed };
}

/** What failed reading an object before its rules (its stored form, its relaxation records). */
const STORED_FORM = 'reading it as the API server stores it';
const RELAXATION_RECORDS = 'reading its relaxation records';

/**
 * The posture of manifests read from YAML (the audit, reports of plain
 * manifests): relaxations come from the objects' annotations, honoured only when
 * they meet the library's rules, and cross-object rules see all the manifests.
 * `sealed[i]`: whether the records of manifest `i` are the library's, where its own seal does
 * not say (false for an item of a list, which the library never writes; for an object a
 * TriggerTemplate creates, whether the TriggerTemplate is sealed).
 * `crashed(i, c)`: a rule (or reading the object) threw on manifest `i`; the other rules and
 * objects are evaluated, and the object has no check of that rule (of any rule, when reading it
 * failed). Without it, the first crash is thrown as a `RuleCrashError`.
 */
export function evaluateManifests(
  manifests: readonly any[], sealed: readonly (boolean | undefined)[] = [], crashed?: (index: number, c: Crash) => void,
): ObjectPosture[] {
  const failedOn = (i: number, step: string, e: unknown): void => {
    if (crashed === undefined) throw new RuleCrashError({ step }, manifestId(manifests[i]), e);
    crashed(i, { failed: { step }, error: e });
  };
  // the rules read what the API server keeps (TEKTON_FIELD_NAMES reports what it drops)
  const unreadable = new Set<number>();
  const stored = manifests.map((m, i) => {
    try {
      return storedForm(m);
    } catch (e) {
      failedOn(i, STORED_FORM, e);
      unreadable.add(i);
      return m;
    }
  });
  // the cross-object rules see every object the API server would keep
  const context = ruleContext(stored.filter((_, i) => !unreadable.has(i)));
  return stored.map((m, i) => {
    if (unreadable.has(i)) return { ...postureOf(m), checks: [] };
    let relaxations: RecordedRelaxation[];
    try {
      relaxations = honouredRelaxations(m, manifestId(m), (rule) => RuleCatalogue.isRelaxable(rule), sealed[i]);
    } catch (e) {
      failedOn(i, RELAXATION_RECORDS, e);
      return { ...postureOf(m), checks: [] };
    }
    return evaluateObject(m, relaxations, context, crashed && ((c) => crashed(i, c)));
  });
}
