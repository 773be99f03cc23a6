/**
 * How Tekton Chains v0.29 signs images and where it finds registry credentials,
 * read from `chains-config` data, and what a `cosign verify` step accepts.
 */
import { basename, invocation } from './argv';
import { dataKey, parsesTrue, storageEntries } from './chains-keys';
import { repositoryOf } from './image-references';
import { isKmsUri } from './kms';

/** The Secret the x509 signer reads its key from (`x509.pem` or `cosign.key`). */
export const CHAINS_SIGNING_SECRET = 'tekton-chains/signing-secrets';

/**
 * The SPIFFE ID path SPIRE gives the Chains controller with the registration template
 * of SPIRE's Kubernetes integrations (`/ns/<namespace>/sa/<service account>`).
 */
export const CHAINS_SPIFFE_PATH = '/ns/tekton-chains/sa/tekton-chains-controller';

/** The OIDC issuers of the Fulcio providers whose identity Chains can be told to use. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** Well-known issuers that never issue SPIFFE IDs. */
const NON_SPIFFE_ISSUERS = [GITHUB_ACTIONS_ISSUER, GOOGLE_ISSUER, 'https://oauth2.sigstore.dev/auth'];

/** How Chains signs images, as its configuration says. */
export type ImageSigner =
  | { readonly kind: 'unsigned'; readonly key: string; readonly value: string; readonly why: string }
  | { readonly kind: 'key' }
  | { readonly kind: 'kms'; readonly keyRef?: string }
  | { readonly kind: 'keyless'; readonly provider?: string };

/** The image signer of a chains-config's data (`artifacts.oci.*`, `signers.*`), with Chains v0.29 defaults. */
export function imageSigner(data: Record<string, string>): ImageSigner {
  const storage = data['artifacts.oci.storage'];
  if (storage !== undefined && !storageEntries(storage).includes('oci')) {
    return {
      kind: 'unsigned',
      key: dataKey('artifacts.oci.storage'),
      value: storage,
      why: storage === '' ? 'Chains signs no image' : 'Chains does not write image signatures to the registry, where cosign looks for them',
    };
  }
  const signer = data['artifacts.oci.signer'] ?? 'x509';
  if (signer === 'kms') return { kind: 'kms', keyRef: data['signers.kms.kmsref'] };
  if (signer !== 'x509') return { kind: 'unsigned', key: dataKey('artifacts.oci.signer'), value: signer, why: 'Chains signs no image' };
  if (!parsesTrue(data['signers.x509.fulcio.enabled'])) return { kind: 'key' };
  const provider = data['signers.x509.fulcio.provider'];
  // a token file with no provider makes Chains read that file
  return { kind: 'keyless', provider: provider ?? (data['signers.x509.identity.token.file'] ? 'filesystem' : undefined) };
}

/** A cosign flag of a verification as written, with the values it may take. */
export interface VerifyFlag {
  /** The argument as written, e.g. `--certificate-identity=$(params.identity)`. */
  readonly written: string;
  /** The values it may take (params resolved); empty when none is known. */
  readonly values: readonly string[];
}

/** A `cosign verify` (or `verify-attestation`) a container runs, with the flags the rules read. */
export interface CosignVerification {
  /** `command` or `args`: the field that holds the flags. */
  readonly property: string;
  readonly key?: VerifyFlag;
  readonly identity?: VerifyFlag;
  readonly identityRegexp?: VerifyFlag;
  readonly issuer?: VerifyFlag;
  readonly issuerRegexp?: VerifyFlag;
}

/** cosign flags that take a value, as far as the rules read them. */
const FLAGS: Record<string, keyof Omit<CosignVerification, 'property'>> = {
  'key': 'key',
  'certificate-identity': 'identity',
  'certificate-identity-regexp': 'identityRegexp',
  'certificate-oidc-issuer': 'issuer',
  'certificate-oidc-issuer-regexp': 'issuerRegexp',
};

/** Whether an image is cosign's (its repository's last path element is `cosign`). */
function isCosignImage(image: unknown): boolean {
  return typeof image === 'string' && basename(repositoryOf(image)) === 'cosign';
}

/**
 * The cosign verification a container runs through `command` and `args` (not through a
 * script), or undefined. `resolve` gives the values a `$(params.x)` may take.
 */
export function cosignVerification(container: any, resolve: (param: string) => string[]): CosignVerification | undefined {
  const command: string[] = Array.isArray(container?.command) ? container.command.map(String) : [];
  const args: string[] = Array.isArray(container?.args) ? container.args.map(String) : [];
  const argv = [...command, ...args];
  let rest: string[];
  if (command.length > 0) {
    const run = invocation(argv);
    if (run.program === undefined || basename(run.program) !== 'cosign') return undefined;
    rest = argv.slice(run.programIndex + 1);
  } else if (isCosignImage(container?.image)) {
    // the image's entrypoint is cosign
    rest = args;
  } else {
    return undefined;
  }
  const subcommand = rest.find((a) => !a.startsWith('-'));
  if (subcommand !== 'verify' && subcommand !== 'verify-attestation') return undefined;
  const property = command.length > 0 && args.length === 0 ? 'command' : 'args';
  const out: Record<string, VerifyFlag> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--?([a-z-]+)(?:=(.*))?$/s.exec(rest[i]);
    const field = m ? FLAGS[m[1]] : undefined;
    if (!m || !field) continue;
    let value = m[2];
    let written = rest[i];
    if (value === undefined && i + 1 < rest.length) {
      value = rest[++i];
      written = `${written} ${value}`;
    }
    if (value === undefined) continue;
    out[field] = { written, values: substitute(value, resolve) };
  }
  return { property, ...out };
}

/** The values a text may take with each whole `$(params.x)` replaced (any other substitution: none known). */
function substitute(text: string, resolve: (param: string) => string[]): string[] {
  const whole = /^\$\(\s*params\.([A-Za-z0-9_.-]+)\s*\)$/.exec(text.trim());
  if (whole) return resolve(whole[1]);
  return text.includes('$(') ? [] : [text];
}

/** Why a verification cannot accept what Chains signs with, for each value that cannot; empty when it can. */
export function signerMismatches(signer: ImageSigner, v: CosignVerification): Array<{ written: string; value?: string; problem: string }> {
  const out: Array<{ written: string; value?: string; problem: string }> = [];
  const keyless = v.identity ?? v.identityRegexp ?? v.issuer ?? v.issuerRegexp;
  switch (signer.kind) {
    case 'unsigned':
      out.push({ written: (v.key ?? keyless)?.written ?? 'verify', problem: `can never verify an image Chains handles: ${signer.key} is "${signer.value}", so ${signer.why}` });
      break;
    case 'key':
      if (!v.key) {
        out.push({ written: keyless?.written ?? 'verify', problem: `verifies a keyless certificate, but Chains signs images with the key in the ${CHAINS_SIGNING_SECRET} Secret (signers.x509.fulcio.enabled is not true): its signatures carry no certificate` });
      }
      for (const value of v.key?.values ?? []) {
        if (isKmsUri(value)) {
          out.push({ written: v.key!.written, value, problem: `verifies against a KMS key, but Chains signs images with the key in the ${CHAINS_SIGNING_SECRET} Secret (artifacts.oci.signer x509, no Fulcio)` });
        }
      }
      break;
    case 'kms':
      if (!v.key) {
        out.push({ written: keyless?.written ?? 'verify', problem: `verifies a keyless certificate, but Chains signs images with the KMS key ${signer.keyRef ?? '(signers.kms.kmsref unset)'} (artifacts.oci.signer kms): its signatures carry no certificate` });
      }
      for (const value of v.key?.values ?? []) {
        if (isKmsUri(value) && value !== signer.keyRef) {
          out.push({ written: v.key!.written, value, problem: `is not the KMS key Chains signs images with (signers.kms.kmsref ${signer.keyRef ?? 'unset'})` });
        }
      }
      break;
    case 'keyless':
      if (v.key) {
        out.push({ written: v.key.written, value: v.key.values.join(', ') || undefined, problem: 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps' });
      }
      out.push(...identityMismatches(signer.provider, v));
      break;
  }
  return out;
}

/** Identities and issuers that cannot be in the certificate Fulcio gives Chains with this provider. */
function identityMismatches(provider: string | undefined, v: CosignVerification): Array<{ written: string; value?: string; problem: string }> {
  const out: Array<{ written: string; value?: string; problem: string }> = [];
  const each = (flag: VerifyFlag | undefined, bad: (value: string) => string | undefined) => {
    for (const value of flag?.values ?? []) {
      const problem = bad(value);
      if (problem) out.push({ written: flag!.written, value, problem });
    }
  };
  if (provider === 'spiffe') {
    const expected = `spiffe://<trust domain>${CHAINS_SPIFFE_PATH}`;
    each(v.identity, (value) => {
      if (!value.startsWith('spiffe://')) return `cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): ${expected}`;
      const path = value.slice('spiffe://'.length).replace(/^[^/]*/, '');
      return path === CHAINS_SPIFFE_PATH ? undefined : `is not the SPIFFE ID SPIRE gives the Chains controller (${expected}, its namespace and ServiceAccount)`;
    });
    each(v.issuer, (value) => (NON_SPIFFE_ISSUERS.includes(value)
      ? 'is not a SPIRE OIDC issuer: with signers.x509.fulcio.provider spiffe the certificate names the issuer of the SPIRE JWT-SVID (its OIDC discovery URL)' : undefined));
  } else if (provider === 'github') {
    each(v.identity, (value) => (value.startsWith('https://github.com/') ? undefined : 'cannot match the GitHub Actions workflow identity Chains signs with (signers.x509.fulcio.provider github): https://github.com/<owner>/<repo>/<workflow>@<ref>'));
    each(v.issuer, (value) => (value === GITHUB_ACTIONS_ISSUER ? undefined : `is not the issuer of GitHub Actions tokens (${GITHUB_ACTIONS_ISSUER}), which Chains signs with (signers.x509.fulcio.provider github)`));
  } else if (provider === 'google') {
    each(v.identity, (value) => (/^[^@\s/:]+@[^@\s/:]+$/.test(value) ? undefined : 'cannot match the Google service account e-mail Chains signs with (signers.x509.fulcio.provider google)'));
    each(v.issuer, (value) => (value === GOOGLE_ISSUER ? undefined : `is not the issuer of Google service account tokens (${GOOGLE_ISSUER}), which Chains signs with (signers.x509.fulcio.provider google)`));
  }
  return out;
}
