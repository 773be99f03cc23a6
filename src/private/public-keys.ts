/**
 * Whether a PEM text is a public key that Tekton's trusted-resources verifier and cosign can
 * verify with, read as sigstore's `cryptoutils.UnmarshalPEMToPublicKey` and
 * `signature.LoadVerifier` read it: the first PEM block of the text, of type `PUBLIC KEY`
 * (PKIX) or `RSA PUBLIC KEY` (PKCS #1), holding an RSA, ECDSA (P-224, P-256, P-384, P-521)
 * or Ed25519 key.
 */
import type * as Crypto from 'crypto';

/** Go's elliptic curves, by the names OpenSSL gives them. */
const GO_CURVES = new Set(['secp224r1', 'prime256v1', 'secp384r1', 'secp521r1']);

/** Why `pem` is not such a key, or undefined. */
export function publicKeyPemProblem(pem: string): string | undefined {
  // encoding/pem: the first block, BEGIN and END of the same type, base64 between (headers, such as Proc-Type, skipped)
  const block = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(pem);
  if (block === null) return 'holds no PEM block';
  const type = block[1];
  if (type !== 'PUBLIC KEY' && type !== 'RSA PUBLIC KEY') return `is a PEM "${type}" block, not a public key`;
  const body = block[2].split(/\r?\n/).filter((l) => !l.includes(':')).join('');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.replace(/\s/g, ''))) return 'does not decode: its body is not base64';
  let key;
  try {
    // (node's crypto is loaded when a key is read: most audits read none)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPublicKey } = require('crypto') as typeof Crypto;
    key = createPublicKey({ key: Buffer.from(body, 'base64'), format: 'der', type: type === 'PUBLIC KEY' ? 'spki' : 'pkcs1' });
  } catch {
    return `does not parse as a ${type === 'PUBLIC KEY' ? 'PKIX' : 'PKCS #1'} public key`;
  }
  const kind = key.asymmetricKeyType;
  if (kind === 'rsa' || kind === 'ed25519') return undefined;
  if (kind === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve !== undefined && GO_CURVES.has(curve) ? undefined : `is an ECDSA key on curve ${curve ?? 'unknown'}, which Go does not support`;
  }
  return `is a ${kind ?? 'unknown'} key, which sigstore cannot verify signatures with (RSA, ECDSA or Ed25519)`;
}
