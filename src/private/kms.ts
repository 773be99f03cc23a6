/** URI schemes of the key management services sigstore supports (Chains signers, Tekton verification keys). */
export const KMS_SCHEMES: readonly string[] = ['gcpkms://', 'awskms://', 'azurekms://', 'hashivault://'];

/** The schemes, for messages. */
export const KMS_SCHEMES_TEXT = 'gcpkms://, awskms://, azurekms:// or hashivault://';

/** Whether `uri` names a key with one of the supported schemes. */
export function isKmsUri(uri: string): boolean {
  return KMS_SCHEMES.some((s) => uri.startsWith(s) && uri.length > s.length);
}
