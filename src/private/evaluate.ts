import { evaluatingOnce } from './containers';
import { RELAXATION_ANNOTATION_PREFIX } from './relaxation-records';
import { RuleCatalogue } from '../policy/catalogue';
import { CheckResult, CheckStatus, ObjectPosture } from '../policy/posture';

/** `Kind/namespace/name` (or `Kind/name`) of an object, for messages. */
export function objectId(o: { kind: string; name: string; namespace?: string }): string {
  return [o.kind, o.namespace, o.name].filter((x) => x !== undefined && x !== '').join('/');
}

/**
 * Evaluates every rule of the catalogue on one manifest, in one pass.
 *
 * A finding is relaxed when the object carries the rule's relaxation annotation
 * (`secure-tekton/relax.<RULE>`) and the rule may be relaxed; for a rule that cannot
 * be relaxed the annotation is ignored.
 */
export function evaluateManifest(manifest: any): ObjectPosture {
  const annotations = manifest?.metadata?.annotations ?? {};
  const checks = evaluatingOnce(() => RuleCatalogue.all().map((rule): CheckResult => {
    if (!rule.appliesTo(manifest)) return { rule: rule.id, severity: rule.severity, status: CheckStatus.NOT_APPLICABLE, findings: [] };
    const findings = rule.check(manifest);
    if (findings.length === 0) return { rule: rule.id, severity: rule.severity, status: CheckStatus.PASSED, findings };
    const reason = annotations[`${RELAXATION_ANNOTATION_PREFIX}${rule.id}`];
    return rule.relaxable && typeof reason === 'string' && reason.trim() !== ''
      ? { rule: rule.id, severity: rule.severity, status: CheckStatus.RELAXED, reason, findings }
      : { rule: rule.id, severity: rule.severity, status: CheckStatus.FAILED, findings };
  }));
  return {
    apiVersion: String(manifest?.apiVersion ?? ''),
    kind: String(manifest?.kind ?? ''),
    name: String(manifest?.metadata?.name ?? manifest?.metadata?.generateName ?? ''),
    namespace: manifest?.metadata?.namespace,
    checks,
  };
}
