/**
 * Evaluating the catalogue on one object, with the relaxations that apply to it.
 */
import { honouredRelaxations } from './annotations';
import { ruleContext } from './context';
import { evaluatingOnce } from '../../private/containers';
import { redactUserinfo } from '../../private/redact';
import { storedForm } from '../../private/stored-form';
import { covers } from '../../private/targets';
import { RuleCatalogue } from '../catalogue';
import { CheckResult, CheckStatus, ObjectPosture } from '../posture';
import { RecordedRelaxation } from '../relaxation';
import { Finding, IRule, IRuleContext } from '../rule';

/** `Kind/namespace/name` (or `Kind/name`) of an object, for messages. */
export function objectId(o: { kind: string; name: string; namespace?: string }): string {
  return [o.kind, o.namespace, o.name].filter((x) => x !== undefined && x !== '').join('/');
}

/** The relaxation that covers a finding, if any (same rule, and a target at or above the finding's). */
export function coveringRelaxation<R extends Pick<RecordedRelaxation, 'rule' | 'target'> & { readonly excludes?: readonly string[] }>(
  finding: Finding, relaxations: readonly R[],
): R | undefined {
  return relaxations.find((r) => r.rule === finding.rule && covers(r.target, finding.target)
    && !(r.excludes ?? []).some((prefix) => finding.target?.startsWith(prefix)));
}

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

/** A finding without the credentials of URLs it quotes (`https://user:token@host` reads `https://***@host`). */
function redacted(f: Finding): Finding {
  const quotesUrl = (t: string | undefined) => typeof t === 'string' && t.includes('@');
  if (!quotesUrl(f.value) && !quotesUrl(f.problem) && !quotesUrl(f.fix)) return f;
  return {
    ...f,
    ...(f.value !== undefined ? { value: redactUserinfo(f.value) } : {}),
    problem: redactUserinfo(f.problem),
    ...(f.fix !== undefined ? { fix: redactUserinfo(f.fix) } : {}),
  };
}

/**
 * Every rule of the catalogue on one manifest (as the API server stores it: see
 * `storedForm`), in one pass. A check is relaxed
 * when every one of its findings is covered by a relaxation, failed when any is not.
 */
export function evaluateObject(manifest: any, relaxations: readonly RecordedRelaxation[], context?: IRuleContext): ObjectPosture {
  const checks = evaluatingOnce(() => RuleCatalogue.all().map((rule): CheckResult => {
    if (!rule.appliesTo(manifest)) return outcomeWithoutFindings(rule, CheckStatus.NOT_APPLICABLE);
    const findings = rule.check(manifest, context).map(redacted);
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
  }));
  return {
    apiVersion: String(manifest?.apiVersion ?? ''),
    kind: String(manifest?.kind ?? ''),
    name: String(manifest?.metadata?.name ?? manifest?.metadata?.generateName ?? ''),
    ...(typeof manifest?.metadata?.namespace === 'string' ? { namespace: manifest.metadata.namespace } : {}),
    checks,
  };
}

/**
 * The posture of manifests read from YAML (the audit, reports of plain
 * manifests): relaxations come from the objects' annotations, honoured only when
 * they meet the library's rules, and cross-object rules see all the manifests.
 * `sealed[i]`: whether the records of manifest `i` are the library's, where its own seal does
 * not say (false for an item of a list, which the library never writes; for an object a
 * TriggerTemplate creates, whether the TriggerTemplate is sealed).
 */
export function evaluateManifests(manifests: readonly any[], sealed: readonly (boolean | undefined)[] = []): ObjectPosture[] {
  // the rules read what the API server keeps (TEKTON_FIELD_NAMES reports what it drops)
  const stored = manifests.map(storedForm);
  const context = ruleContext(stored);
  return stored.map((m, i) => {
    const id = objectId({ kind: String(m?.kind ?? ''), name: String(m?.metadata?.name ?? m?.metadata?.generateName ?? ''), namespace: m?.metadata?.namespace });
    return evaluateObject(m, honouredRelaxations(m, id, (rule) => RuleCatalogue.isRelaxable(rule), sealed[i]), context);
  });
}
