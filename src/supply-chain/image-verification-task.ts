import { Construct } from 'constructs';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { RELAX_SIGNER_VERIFIED } from '../private/chains-signing';
import { registerConstructKind } from '../private/construct-kinds';
import { ImageSigner, ImageVerify } from '../tasks/image-verify';
import { requirePinnedImage, taskRefusal } from '../tasks/refusal';
import { HTTPS_URL, IDENTITY, requireSignerValue } from '../tasks/signer-values';

const KIND = 'ImageVerificationTask';

/** The path SPIRE's Kubernetes registration template gives the Chains controller. */
const CHAINS_SPIFFE_PATH = '/ns/tekton-chains/sa/tekton-chains-controller';

/**
 * Props of an ImageVerificationTask.
 */
export interface ImageVerificationTaskProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /** The signer's certificate identity to require (an https URL, an e-mail address or a SPIFFE ID): the `certificate-identity` param's default. */
  readonly certificateIdentity: string;
  /**
   * The OIDC issuer of the signer's certificate (an https URL; for a SPIFFE ID, the
   * issuer of SPIRE's JWT-SVIDs, i.e. its OIDC discovery URL): the `certificate-oidc-issuer` param's default.
   */
  readonly oidcIssuer: string;
  /** The Rekor transparency log the signature must be in (the `rekor-url` param's default). @default "https://rekor.sigstore.dev" */
  readonly rekorUrl?: string;
  /**
   * Verify against a Sigstore of your own (as Chains signs with its SPIRE identity through
   * `KeylessSigning.custom`): the task declares a `sigstore-trust` workspace of
   * `TrustDomain.CREDENTIALS` (bound from a pipeline workspace of that domain); bind a ConfigMap
   * holding `fulcio.crt.pem`, `ctfe.pub` and `rekor.pub`, and give `rekorUrl` (see
   * `ImageVerifyProps.privateSigstore`). Required with a SPIFFE ID as `certificateIdentity`: the
   * public-good Fulcio certifies none.
   * @default false - the public-good Sigstore's trust root
   */
  readonly privateSigstore?: boolean;
  /** The cosign image. @default - cosign v2.4.1, pinned by digest */
  readonly cosignImage?: string;
  /** Relaxations of the rules the task breaks, each with a reason. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A trusted task that verifies an image's keyless (Fulcio) signature with cosign,
 * once: `ImageVerify` with a keyless signer and one attempt. Use `ImageVerify`
 * directly to wait for Chains to sign, to read a private registry, or to verify a
 * key or a SPIFFE identity.
 *
 * The typed props are checked at construction (as the params' defaults) and every
 * value again by the `validate-params` step before cosign runs:
 * `image` must be pinned by digest (so the image verified is the image deployed),
 * `certificate-identity` an https URL, an e-mail address or a SPIFFE ID, and
 * `certificate-oidc-issuer` and `rekor-url` https URLs; as with `ImageVerify`, synth
 * refuses a pipeline task that fills one of these three with a substitution (a run would
 * choose whose signature verifies). The pod needs egress to the
 * registry, to Rekor for a signature without a Rekor bundle, and without
 * `privateSigstore` to the public-good Sigstore's TUF mirror (443): synth checks the
 * ports of the registry and the mirror as `ImageVerify` does.
 *
 * To verify images Tekton Chains signs keyless with its SPIRE identity
 * (`signers.x509.fulcio.provider: spiffe`), require
 * `ImageVerificationTask.chainsSpiffeIdentity('<trust domain>')` and the SPIRE OIDC
 * issuer, with `privateSigstore` and your Rekor's `rekorUrl` (the public-good Fulcio
 * certifies no SPIFFE ID); CHAINS_SIGNER_VERIFIED checks the task against the
 * chains-config checked with it.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * declare const deploy: SecureTask;
 * const verify = pipeline.addTask({
 *   task: new ImageVerificationTask(chart, 'verify-image', {
 *     certificateIdentity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
 *     oidcIssuer: 'https://token.actions.githubusercontent.com',
 *   }),
 *   parameters: { image: '$(params.image)' },
 * });
 * pipeline.addTask({ task: deploy, runAfter: [verify.name] });
 */
export class ImageVerificationTask extends ImageVerify {
  /**
   * The SPIFFE ID SPIRE gives the Tekton Chains controller with the registration
   * template of its Kubernetes integrations: `spiffe://<trustDomain>/ns/tekton-chains/sa/tekton-chains-controller`.
   */
  public static chainsSpiffeIdentity(trustDomain: string): string {
    return `spiffe://${trustDomain}${CHAINS_SPIFFE_PATH}`;
  }

  constructor(scope: Construct, id: string, props: ImageVerificationTaskProps) {
    // refused in the words of these props before ImageVerify sees them as a signer's
    requireSignerValue(scope, id, KIND, { property: 'certificateIdentity', value: props.certificateIdentity }, IDENTITY);
    requireSignerValue(scope, id, KIND, { property: 'oidcIssuer', value: props.oidcIssuer }, HTTPS_URL);
    requirePinnedImage(scope, id, KIND, 'cosignImage', props.cosignImage, props.relaxations ?? []);
    requirePrivateSigstoreForSpiffe(scope, id, props);
    super(scope, id, {
      name: props.name,
      signer: ImageSigner.keyless({ oidcIssuer: props.oidcIssuer, identity: props.certificateIdentity }),
      attempts: 1,
      rekorUrl: props.rekorUrl,
      privateSigstore: props.privateSigstore,
      cosignImage: props.cosignImage,
      relaxations: props.relaxations,
    });
  }

  /**
   * An identity or issuer Chains' signer can never match, said as the prop that gave it.
   * @internal
   */
  public _signerRestated(flag: string, value: string | undefined, _problem: string): { property: string; value: string; fix: string } {
    const issuer = flag === 'certificate-oidc-issuer';
    return {
      property: issuer ? 'oidcIssuer' : 'certificateIdentity',
      value: value ?? String(issuer ? this.signer.oidcIssuer : this.signer.identity),
      fix: 'Require the identity Chains signs with: certificateIdentity: ImageVerificationTask.chainsSpiffeIdentity(\'<trust domain>\') with '
        + "oidcIssuer: '<SPIRE OIDC issuer>', privateSigstore: true and rekorUrl: '<your Rekor>' when it signs keyless through SPIRE, or the identity and issuer of its Fulcio provider; "
        + 'use ImageVerify with ImageSigner.key(...) when Chains signs with a key.'
        + RELAX_SIGNER_VERIFIED,
    };
  }

  /**
   * ImageVerificationTask's props do not hold `signatureRepository`.
   * @internal
   */
  public _hasSignatureRepositoryProp(): boolean {
    return false;
  }
}

registerConstructKind(ImageVerificationTask, KIND, true);

/**
 * Refuses a SPIFFE ID verified against the public-good Sigstore, in the words of these props: the
 * public-good Fulcio has no spiffe issuer, so no certificate it issued carries one, and nothing would verify.
 */
function requirePrivateSigstoreForSpiffe(scope: Construct, id: string, props: ImageVerificationTaskProps): void {
  if (!props.certificateIdentity.startsWith('spiffe://') || props.privateSigstore === true) return;
  throw taskRefusal(scope, id, KIND, {
    property: 'certificateIdentity',
    value: props.certificateIdentity,
    problem: `is a SPIFFE ID, but privateSigstore is ${props.privateSigstore === undefined ? 'not set' : 'false'}, so cosign checks the signer's certificate `
      + "against the public-good Sigstore's Fulcio root, and that Fulcio certifies no SPIFFE ID (it has no spiffe issuer): no signature ever verifies",
    rule: RuleId.VALID_SPEC,
    fix: "Verify against the Sigstore whose Fulcio certifies the SPIFFE ID (Chains' signers.x509.fulcio.address): privateSigstore: true and "
      + "rekorUrl: '<its Rekor URL>' in these props, workspaces: { 'sigstore-trust': '<pipeline workspace of TrustDomain.CREDENTIALS>' } in addTask, "
      + "RunWorkspace.configMap('<ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub>') for it in the run, and egress to that Rekor. "
      + "For images signed through the public-good Fulcio, require their signer's identity: certificateIdentity: '<https URL or e-mail address>'.",
  });
}
