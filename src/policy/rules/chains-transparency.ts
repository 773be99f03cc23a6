import { privateFulcioPublicLog, PUBLIC_REKOR } from '../../private/chains-keys';
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
      + 'only the exact string `true` passes; unset, `manual`, `false` or any other value is a finding. Where `signers.x509.fulcio.enabled` '
      + 'is true with a `signers.x509.fulcio.address` other than the public-good Fulcio (https://fulcio.sigstore.dev) and uploads are on '
      + '(`true` or `manual`), an unset `transparency.url` is a finding too: Chains then uploads the private Fulcio\'s certificates (the '
      + 'controller\'s identity, the images and their digests) to its default, the public-good Rekor (https://rekor.sigstore.dev), where '
      + 'they stay for good; a `transparency.url` written out, the public one included, is a choice made on purpose. ChainsConfig, which writes the '
      + 'default `transparency.url` out, refuses the same condition at synth (VALID_SPEC), read on the keys it was given.' + OPERATOR_CHAINS_DECIDES + OPERATOR_CHAINS_REPLACED + OPERATOR_CHAINS_KEPT,
    limits:
      'Beyond a private Fulcio\'s default log, `transparency.url` is not judged: which log receives the entries, and whether anyone '
      + 'watches it, is not.' + OPERATOR_CHAINS_REPLACED_LIMITS,
    howToRelax: chainsConfigRelaxation(RuleId.CHAINS_TRANSPARENCY, '`TransparencyMode.MANUAL` or `DISABLED`'),
    relaxable: true,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => chainsConfigProblems(manifest, context, (view) => {
    const value = view.data['transparency.enabled'];
    const problems = [];
    if (value !== 'true') {
      const problem = value === undefined ? `${view.unset}, so nothing is uploaded`
        : value === 'manual' ? 'uploads only runs annotated chains.tekton.dev/transparency-upload'
          : 'turns uploads off';
      problems.push({ property: view.property('transparency.enabled'), value, problem });
    }
    // a private Fulcio's certificates, uploaded to Chains' default log only because none was written (ChainsConfig refuses
    // the same condition at synth, from the same source)
    const publicLog = privateFulcioPublicLog(view.data);
    if (publicLog !== undefined) {
      problems.push({
        property: view.property('transparency.url'),
        value: undefined,
        problem: `${view.unset}, so ${publicLog}`,
        fix: `Set transparency.url to your Sigstore's Rekor ("https://rekor.example.internal"), or to "${PUBLIC_REKOR}" to publish there on purpose.`,
      });
    }
    return problems;
  }),
);
