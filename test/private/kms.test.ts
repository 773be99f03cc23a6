import { isKmsUri } from '../../src/private/kms';

describe('isKmsUri: key references as sigstore v1.10.9 checks them (ValidReference of each KMS provider)', () => {
  test.each([
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/versions/2',
    'awskms:///1234abcd-12ab-34cd-56ef-1234567890ab',
    'awskms://localhost:4566/1234abcd-12ab-34cd-56ef-1234567890ab',
    'awskms:///mrk-1234abcd12ab34cd56ef1234567890ab',
    'awskms:///arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'awskms:///alias/chains',
    'awskms:///alias/',
    'awskms:///arn:aws-cn:kms:cn-north-1:111122223333:alias/chains',
    'azurekms://vault-name.vault.azure.net/chains',
    'azurekms://vault-name.vault.azure.net/chains/0123abcd',
    'hashivault://chains',
    'hashivault://a',
    'hashivault://chains-key.v2',
    'openbao://chains',
  ])('accepted: %s', (ref) => expect(isKmsUri(ref)).toBe(true));

  test.each([
    // Vault's transit key is a name, not a path: the provider refuses any /
    'hashivault://transit/keys/chains',
    'hashivault://',
    'hashivault://-chains',
    'hashivault://chains-',
    'gcpkms://chains-key',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions',
    'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k/other/1',
    'awskms://alias/chains',
    'awskms:///chains',
    'awskms:///arn:aws:kms:us-east-2:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    'azurekms://vault-name.vault.azure.net',
    'azurekms://vault/key/Version',
    'vault://transit/keys/chains',
    'k8s://tekton-chains/signing-secrets',
    'projects/p/locations/global/keyRings/r/cryptoKeys/k',
    '',
  ])('refused: %s', (ref) => expect(isKmsUri(ref)).toBe(false));
});
