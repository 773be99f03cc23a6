import { OPERATOR_CHAINS_DECIDES, OPERATOR_CHAINS_KEPT, OPERATOR_CHAINS_REPLACED, OPERATOR_CHAINS_REPLACED_LIMITS } from '../../private/operator-chains';
import { Severity } from '../rule';
import { chainsConfigProblems, chainsConfigRelaxation, isChainsConfigOrOperatorTarget, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Chains uploads every signature to the transparency log. Only "true" passes:
 * "manual" uploads only the runs their authors annotate, so the log no longer
 * sees every signing event.
 */
export const CHAINS_TRANSPARENCY = manifestRule(
  {
    id: RuleId.CHAINS_TRANSPARENCY,
    severity: Severity.MEDIUM,
    title: 'Chains uploads every signature to a transparency log (transparency.enabled "true")',
    rationale: 'A transparency log (Rekor) records every signing event where it cannot be changed, so a stolen or misused signing key shows up, and keyless signatures stay verifiable after their short-lived Fulcio certificate expires. With "manual" only runs annotated chains.tekton.dev/transparency-upload: "true" are logged, so the pipeline author, not the platform, decides what is seen; unset, Chains uploads nothing.',
    fix: 'Set transparency.enabled "true" (TransparencyMode.ENABLED) with transparency.url pointing at your Rekor.',
    decidesFrom:
      '`transparency.enabled` in the ConfigMap named `chains-config` in namespace `tekton-chains` (or with no namespace): '
      + 'only the exact string `true` passes; unset, `manual`, `false` or any other value is a finding.' + OPERATOR_CHAINS_DECIDES + OPERATOR_CHAINS_REPLACED + OPERATOR_CHAINS_KEPT,
    limits:
      '`transparency.url` is not read, so which log receives the entries, and whether anyone watches it, is not judged.' + OPERATOR_CHAINS_REPLACED_LIMITS,
    howToRelax: chainsConfigRelaxation(RuleId.CHAINS_TRANSPARENCY, '`TransparencyMode.MANUAL` or `DISABLED`'),
    relaxable: true,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => chainsConfigProblems(manifest, context, (view) => {
    const value = view.data['transparency.enabled'];
    if (value === 'true') return [];
    const problem = value === undefined ? `${view.unset}, so nothing is uploaded`
      : value === 'manual' ? 'uploads only runs annotated chains.tekton.dev/transparency-upload'
        : 'turns uploads off';
    return [{ property: view.property('transparency.enabled'), value, problem }];
  }),
);
