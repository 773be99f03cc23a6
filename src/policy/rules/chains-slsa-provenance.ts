import { artifactTypeOffBy, SLSA_FORMATS } from '../../private/chains-keys';
import { OPERATOR_CHAINS_DECIDES, OPERATOR_CHAINS_KEPT, OPERATOR_CHAINS_REPLACED, OPERATOR_CHAINS_REPLACED_LIMITS } from '../../private/operator-chains';
import { Severity } from '../rule';
import { chainsConfigProblems, chainsConfigRelaxation, isChainsConfigOrOperatorTarget, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * The names Chains (v0.29) accepts for SLSA provenance: `in-toto` and `slsa/v1` register the
 * same formatter (pkg/chains/formats/slsa/v1, whose payload type is `slsa/v1`).
 */
const EXPLICIT_SLSA_FORMATS: readonly string[] = ['in-toto', ...SLSA_FORMATS];

/** Chains writes TaskRun and PipelineRun provenance in a format named as SLSA. */
export const CHAINS_SLSA_PROVENANCE = manifestRule(
  {
    id: RuleId.CHAINS_SLSA_PROVENANCE,
    severity: Severity.LOW,
    title: 'Chains records TaskRun and PipelineRun provenance in a SLSA format named explicitly',
    rationale: 'Verifiers and admission policies check provenance against a SLSA predicate version; the format key says which one Chains writes (slsa/v1 is SLSA v0.2 provenance, and in-toto is another name Chains registers for the same formatter; slsa/v2alpha3 and slsa/v2alpha4 are SLSA v1.0). Unset, the format is whatever default the installed Chains has, which a reviewer cannot see.',
    fix: 'Set artifacts.taskrun.format and artifacts.pipelinerun.format to slsa/v1 (or its other name in-toto), slsa/v2alpha3 or slsa/v2alpha4.',
    decidesFrom:
      '`artifacts.taskrun.format` and `artifacts.pipelinerun.format` in the ConfigMap named `chains-config` in namespace '
      + '`tekton-chains` (or with no namespace): each must be set to exactly `slsa/v1`, `in-toto` (Chains registers one '
      + 'formatter, SLSA v0.2 provenance, under both names), `slsa/v2alpha3` or `slsa/v2alpha4`. A type whose '
      + '`artifacts.<type>.signer` is `none`, or whose `artifacts.<type>.storage` is written empty (`""`: Chains refuses a whole configuration whose list has an entry that trims to nothing, as `" "` or `","`, which CHAINS_KNOWN_KEYS reports), is a '
      + 'finding whatever its format: Chains v0.29 turns it off and records no provenance for it.' + OPERATOR_CHAINS_DECIDES + OPERATOR_CHAINS_REPLACED + OPERATOR_CHAINS_KEPT,
    limits:
      "Whether the provenance is signed and stored is other rules' concern, and whether verifiers check the predicate "
      + 'version is not known; `artifacts.oci.format` is not read here.' + OPERATOR_CHAINS_REPLACED_LIMITS,
    howToRelax: chainsConfigRelaxation(RuleId.CHAINS_SLSA_PROVENANCE),
    relaxable: true,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => chainsConfigProblems(manifest, context, (view) => {
    const data = view.data;
    const problems: Problem[] = [];
    for (const type of ['taskrun', 'pipelinerun']) {
      const key = `artifacts.${type}.format`;
      const value = data[key];
      const off = artifactTypeOffBy(data, type);
      if (off !== undefined) {
        // Artifact.Enabled is false: Sign skips the type before formatting it, so no provenance is written in any format
        problems.push({
          property: view.property(off),
          value: data[off],
          problem: `turns ${type === 'taskrun' ? 'TaskRun' : 'PipelineRun'} artifacts off: Chains v0.29 neither formats nor stores them, so it records no provenance for them`,
          fix: off.endsWith('.signer')
            ? `Sign with x509 or kms (or leave ${off} out for Chains' default, x509): Chains records no provenance for a signer "none".`
            : `Name where it is stored (e.g. "oci" or "tekton"), or leave ${off} out for ${view.operator ? 'the operator\'s default, oci' : 'Chains\' default'}.`,
        });
      } else if (value === undefined) {
        problems.push({ property: view.property(key), problem: `${view.unset}, so Chains writes its in-toto default` });
      } else if (!EXPLICIT_SLSA_FORMATS.includes(value)) {
        problems.push({ property: view.property(key), value, problem: `is not a SLSA format (${EXPLICIT_SLSA_FORMATS.join(', ')})` });
      }
    }
    return problems;
  }),
);
