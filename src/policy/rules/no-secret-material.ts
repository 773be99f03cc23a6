import { Severity } from '../rule';
import { kindIs, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Secrets carry no values in the manifest. */
export const NO_SECRET_MATERIAL = manifestRule(
  {
    id: RuleId.NO_SECRET_MATERIAL,
    severity: Severity.HIGH,
    title: 'Secrets in the manifests carry no values',
    rationale: 'Manifests are committed, reviewed, cached in CI logs and artifacts; a secret value there is a secret published. Reference existing Secrets or sync them from Vault.',
    fix: 'Reference an existing Secret or sync it from Vault (VaultSecretProviderClass secretObjects).',
    relaxable: true,
    appliesTo: kindIs('Secret'),
  },
  (manifest) => {
    if (manifest?.kind !== 'Secret') return [];
    return ['data', 'stringData']
      .filter((field) => manifest[field] && Object.keys(manifest[field]).length > 0)
      .map((field) => ({ property: field, value: Object.keys(manifest[field]).join(','), problem: 'holds secret values' }));
  },
);
