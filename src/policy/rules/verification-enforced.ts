import { policyRefusal } from '../../private/remote-refs';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * The fix of a policy Tekton refuses or cannot use, in YAML terms: the field to correct and the shape of a policy Tekton
 * v1.15 admits and uses (the CRD's schema and the webhook's validation).
 */
const refusalFix = (property: string): string => `Correct ${property}: a tekton.dev/v1alpha1 VerificationPolicy needs spec.resources, each `
  + 'with a pattern (a Go regular expression of the sources it covers), and spec.authorities, each with a name and a key of exactly one '
  + 'of data (a PEM public key), secretRef (name and namespace of a Secret with one entry) and kms (the library\'s VerificationPolicy '
  + 'writes a valid one).';

/**
 * The fix of a secretRef whose Secret Tekton cannot load a key from (several entries, or one that is no PEM public key), in the
 * words of the YAML and of the library's props both (a VerificationPolicy construct's Secret is checked at synth too).
 */
const SECRET_FIX = 'Name a Secret that holds the public key alone, in one data entry (e.g. cosign.pub as `cosign public-key` prints it; not the Secret '
  + "`cosign generate-key-pair k8s://…` writes, which holds the private key too): in YAML the secretRef's name and namespace; with the "
  + "library VerificationKey.fromSecret({ secretName: '<Secret holding only cosign.pub>' }), or a cdk8s-plus Secret with that one entry as "
  + 'VerificationKey.fromSecret({ secret }).';

/**
 * VerificationPolicies fail runs whose resources do not verify. An absent (or
 * empty) `spec.mode` passes: the CRD documents `enforce` as the default.
 */
export const VERIFICATION_ENFORCED = manifestRule(
  {
    id: RuleId.VERIFICATION_ENFORCED,
    severity: Severity.HIGH,
    title: 'VerificationPolicies fail runs whose Tasks and Pipelines do not verify (mode enforce)',
    rationale: 'In warn mode a Task or Pipeline whose signature does not verify still runs, with the pipeline\'s credentials, and only a log line records it: a tampered resource executes. An absent mode means enforce (the CRD default).',
    fix: 'Set spec.mode "enforce" (VerificationMode.ENFORCE, the default).',
    decidesFrom:
      "`spec.mode` of VerificationPolicies: absent, empty, null (which the API server prunes) or exactly `enforce` passes (the CRD's default is enforce); any "
      + 'other value, such as `warn`, is a finding. A policy of an apiVersion other than `tekton.dev/v1alpha1` (the only one the '
      + 'CRD serves, so the API server refuses it), one the API server refuses by the CRD\'s schema (an entry of `resources` or '
      + '`authorities` that is not a map, a resource without a `pattern`, a null one included as the API server prunes it, a field of '
      + 'another type than the CRD\'s: a `pattern`, authority `name`, `data`, `kms`, `hashAlgorithm` or `mode` that is not a string, a `key` '
      + 'or `secretRef` that is not a map, `resources` or `authorities` that are not a list), one whose name is not a DNS-1123 subdomain, '
      + 'and a policy Tekton v1.15\'s webhook refuses are findings too, as they verify '
      + 'nothing: no `resources` or `authorities`, a pattern that does not compile as a Go regular expression, a key with '
      + 'none or more than one of `data`, `secretRef` and `kms`, a `hashAlgorithm` other than sha224, sha256, sha384 and '
      + 'sha512 (any case), a mode other than `enforce` and `warn`, a name longer than 63 characters, an authority without '
      + 'a name. So is a policy Tekton admits but cannot use: an authority without a key (the verifier dereferences it and '
      + 'the controller crashes on every run the policy matches), a pattern that no longer compiles once Tekton anchors it '
      + '(`…\\$` becomes `^(?:…\\)$`, and matching then fails for the whole namespace), and a key Tekton cannot load (it loads '
      + 'every key of the policy for each run the policy matches, and fails on the first bad one): `data` that is not a PEM '
      + '`PUBLIC KEY` or `RSA PUBLIC KEY` holding an RSA, ECDSA (P-224, P-256, P-384, P-521) or Ed25519 key, a `secretRef` '
      + 'without a `name` or a `namespace`, or naming a Secret checked with the policy (of that namespace and name) whose '
      + '`data` and `stringData` together hold more than one entry (the Secret `cosign generate-key-pair k8s://…` writes '
      + 'holds three), or one that is not a PEM public key as above, a `kms` reference sigstore does not accept.',
    limits:
      'What a policy covers is not judged here: its resource patterns and keys, and whether any policy matches a given run '
      + "(Tekton's `trusted-resources-verification-no-match-policy` flag, checked by TEKTON_FEATURE_FLAGS, decides what "
      + 'happens then). A Secret a `secretRef` names that is not checked with the policy is not known, nor whether it exists, nor one '
      + 'checked with it without entries (a placeholder whose key is written into it elsewhere).',
    howToRelax:
      "Findings are about the whole policy: `{ rule: RuleId.VERIFICATION_ENFORCED, reason: '<why>' }` without a target, "
      + "given to the VerificationPolicy's `relaxations` (`mode: VerificationMode.WARN` needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: ' + relaxAnnotation(RuleId.VERIFICATION_ENFORCED, '*: <why>')
      + ' on the VerificationPolicy.',
    relaxable: true,
    appliesTo: kindIs('VerificationPolicy'),
  },
  (manifest, context) => {
    if (manifest?.kind !== 'VerificationPolicy') return [];
    const mode = manifest.spec?.mode;
    const refused = policyRefusal(manifest, context?.manifests);
    if (refused !== undefined && refused.property !== 'spec.mode') {
      const { consequence, ...at } = refused;
      return [{ ...at, problem: `${refused.problem}: ${consequence}`, fix: refused.problem.startsWith('names a Secret') ? SECRET_FIX : refusalFix(at.property) }];
    }
    // a null mode is pruned by the API server (the CRD does not make it nullable): absent, so enforce
    if (mode === undefined || mode === null || mode === '' || mode === 'enforce') return [];
    return [{ property: 'spec.mode', value: jsString(mode), problem: mode === 'warn' ? 'lets resources that fail verification run' : 'is not "enforce" or "warn": Tekton\'s webhook refuses the policy, so it verifies nothing' }];
  },
);
