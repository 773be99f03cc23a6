/**
 * A cdk8s-cli validation plugin (`validations:` in cdk8s.yaml) that applies the
 * rule catalogue to an app that uses no construct of this library: every
 * manifest `cdk8s synth` writes is checked together, relaxation records are
 * honoured as the audit honours them, and the synth fails on any unrelaxed
 * finding.
 */
import { RuleCatalogue } from '../policy/catalogue';
import { evaluateManifests, unrelaxed } from '../policy/engine/evaluate';
import { RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';

/** One resource a violation is found in, as cdk8s-cli reports it. */
interface ViolatingResource {
  readonly resourceName: string;
  readonly manifestPath: string;
  readonly locations: string[];
}

/**
 * The rule catalogue as a cdk8s-cli validation plugin.
 *
 * Apps built with this library's constructs are checked at synth already; this
 * plugin brings the same checks to any cdk8s app (cdk8s-plus, imported L1s,
 * raw ApiObjects). The manifests are read as written, relaxation annotations are
 * honoured only when they meet the library's rules, and every unrelaxed finding
 * is reported, grouped by rule.
 *
 * @example
 * // cdk8s.yaml
 * // validations:
 * //   - package: ./node_modules/cdk8s-secure-tekton
 * //     version: 0.0.0        # the version package.json installs
 * //     class: SecureTektonValidation
 */
export class SecureTektonValidation {
  /** cdk8s-cli passes the `properties` of cdk8s.yaml; this plugin takes none. */
  constructor(_properties?: { [key: string]: any }) {}

  /**
   * Checks every manifest of the synthesized app and submits the report
   * (`success` without unrelaxed findings, else `failure`).
   * @param context cdk8s-cli's `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const files: string[] = [...(context?.manifests ?? [])];
    const manifests: any[] = [];
    const fileOf: string[] = [];
    for (const file of files) {
      for (const m of context.parseManifest(file) ?? []) {
        if (m === null || typeof m !== 'object' || Array.isArray(m)) continue;
        manifests.push(m);
        fileOf.push(file);
      }
    }
    const byRule = new Map<string, ViolatingResource[]>();
    let relaxed = 0;
    evaluateManifests(manifests).forEach((posture, i) => {
      for (const check of posture.checks) {
        const open = unrelaxed(check);
        relaxed += check.findings.length - open.length;
        for (const f of open) {
          const value = f.value !== undefined ? ` ${JSON.stringify(f.value)}` : '';
          const list = byRule.get(check.rule) ?? [];
          list.push({
            resourceName: posture.name,
            manifestPath: fileOf[i],
            locations: [`${posture.kind}${f.location ? ` ${f.location}` : ''}: ${f.property}${value} ${f.problem}`],
          });
          byRule.set(check.rule, list);
        }
      }
    });
    for (const [id, violatingResources] of byRule) {
      const rule = RuleCatalogue.find(id as any);
      context.report.addViolation({
        ruleName: `${id} (${rule?.severity ?? 'high'})`,
        recommendation: `${rule?.title ?? id}. ${rule?.rationale ?? ''}`.trim(),
        fix: rule?.relaxable
          ? `${rule.fix} Or record a relaxation on the object: annotation ${RELAXATION_ANNOTATION_PREFIX}${id}: "<target, or * for the whole object>: <why>".`
          : rule?.fix ?? '',
        violatingResources,
      });
    }
    const findings = [...byRule.values()].reduce((n, v) => n + v.length, 0);
    context.report.submit(findings > 0 ? 'failure' : 'success', {
      objects: String(manifests.length),
      findings: String(findings),
      relaxed: String(relaxed),
    });
  }
}
