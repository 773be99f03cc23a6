/**
 * A cdk8s-cli validation plugin (`validations:` in cdk8s.yaml) that applies the
 * rule catalogue to an app that uses no construct of this library: every
 * manifest `cdk8s synth` writes is checked together (the items of a list and the
 * objects a Triggers object creates among them, as the audit reads them),
 * relaxation records are honoured as the audit honours them, and the synth fails
 * on any unrelaxed finding.
 */
import { RuleCatalogue } from '../policy/catalogue';
import { isSealed } from '../policy/engine/annotations';
import { evaluateManifests, unrelaxed } from '../policy/engine/evaluate';
import { RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';
import { resourceTemplates } from '../private/resource-templates';

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The objects a document makes, as the audit reads them (read-yaml.ts): an object with
 * `items` is a list whose items kubectl applies (an item without kind and apiVersion gets
 * the list's kind without "List" and its apiVersion), and the objects a Triggers object
 * creates per event are objects too. `sealed`: whether their relaxation records are the
 * library's where their own seal does not say (never for a list's item; for a template,
 * whether the object holding it is sealed).
 */
function appliedObjects(doc: unknown): Array<{ readonly object: Record<string, any>; readonly sealed?: boolean }> {
  if (!isObject(doc)) return [];
  const withTemplates = (o: Record<string, any>, sealed: boolean | undefined) => [
    { object: o, ...(sealed !== undefined ? { sealed } : {}) },
    ...resourceTemplates(o).map((t) => ({ object: t.object, sealed: sealed ?? isSealed(o) })),
  ];
  if (!Object.prototype.hasOwnProperty.call(doc, 'items')) return withTemplates(doc, undefined);
  const kind = typeof doc.kind === 'string' ? doc.kind.replace(/List$/, '') : '';
  return (Array.isArray(doc.items) ? doc.items : []).filter(isObject).flatMap((item) => withTemplates(
    typeof item.kind !== 'string' && typeof item.apiVersion !== 'string' ? { ...item, kind, apiVersion: doc.apiVersion } : item,
    false,
  ));
}

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
    const sealed: Array<boolean | undefined> = [];
    for (const file of files) {
      for (const m of context.parseManifest(file) ?? []) {
        for (const o of appliedObjects(m)) {
          manifests.push(o.object);
          fileOf.push(file);
          sealed.push(o.sealed);
        }
      }
    }
    const byRule = new Map<string, ViolatingResource[]>();
    let relaxed = 0;
    evaluateManifests(manifests, sealed).forEach((posture, i) => {
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
          ? `${rule.fix} Or record a relaxation on the object: annotation ${RELAXATION_ANNOTATION_PREFIX}${id}: "<target, or * for the whole object>: <why, at least 10 visible characters>".`
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
