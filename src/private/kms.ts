/**
 * Key references of the key management services sigstore supports (Chains signers,
 * Tekton verification keys), checked as sigstore v1.10.9 checks them before any call:
 * `kms.Get` picks the provider by scheme, and each provider's `ValidReference`
 * (pkg/signature/kms/{aws,azure,gcp,hashivault}/client.go) refuses a reference of the
 * wrong shape, so the signer or the key is never made.
 */

/** URI schemes sigstore registers a provider for (`openbao://` is HashiCorp Vault's provider too). */
export const KMS_SCHEMES: readonly string[] = ['gcpkms://', 'awskms://', 'azurekms://', 'hashivault://', 'openbao://'];

/** The shapes, for messages. */
export const KMS_SCHEMES_TEXT = 'gcpkms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, '
  + 'azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too)';

// each provider's ValidReference, written in the syntax both RE2 and JavaScript read alike
const AWS_UUID = 'm?r?k?-?[A-Fa-f0-9]{8}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{4}-?[A-Fa-f0-9]{12}';
const AWS_ARN = 'arn:(?:aws|aws-us-gov|aws-cn):kms:[a-z0-9-]+:[0-9]{12}:';
const AWS_HOST = '(?:[^/]*)/';
/** Go's `.`: any character but a newline (JavaScript's also leaves out \r, U+2028 and U+2029). */
const GO_DOT = '[^\\n]';
const REFERENCES: readonly RegExp[] = [
  /^(?:hashivault|openbao):\/\/\w(?:(?:[\w\-.]+)?\w)?$/,
  /^gcpkms:\/\/projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+(?:\/(?:cryptoKeyVersions|versions)\/[^/]+)?$/,
  new RegExp(`^awskms://${AWS_HOST}${AWS_UUID}$`),
  new RegExp(`^awskms://${AWS_HOST}${AWS_ARN}key/${AWS_UUID}$`),
  new RegExp(`^awskms://${AWS_HOST}alias/${GO_DOT}*$`),
  new RegExp(`^awskms://${AWS_HOST}${AWS_ARN}alias/${GO_DOT}*$`),
  /^azurekms:\/\/[^/]+\/[^/]+(?:\/[a-z0-9]*)?$/,
];

/** Whether `uri` is a key reference sigstore accepts: a supported scheme and the shape its provider requires. */
export function isKmsUri(uri: string): boolean {
  return REFERENCES.some((r) => r.test(uri));
}
