import { Construct } from 'constructs';
import { ParamConstraint } from '../pipeline/param';
import { SecureTask } from '../pipeline/secure-task';
import { Relaxation } from '../policy/relaxation';
import { COSIGN_IMAGE } from '../private/images';

/** An https URL. */
const HTTPS_URL = '^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/@+-]*)?$';
/** A certificate identity: an https URL (e.g. a CI workflow), an e-mail address or a SPIFFE ID (Chains signing through SPIRE). */
const IDENTITY = '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/@+-]*)?|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|spiffe://[a-z0-9._-]+(/[A-Za-z0-9._-]+)+)$';
/** The path SPIRE's Kubernetes registration template gives the Chains controller. */
const CHAINS_SPIFFE_PATH = '/ns/tekton-chains/sa/tekton-chains-controller';
/** An image pinned by digest. */
const PINNED_IMAGE = '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+(:[A-Za-z0-9._-]+)?@sha256:[a-f0-9]{64}$';

/**
 * Props of an ImageVerificationTask.
 */
export interface ImageVerificationTaskProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /**
   * The signer's certificate identity to require (an https URL, an e-mail address or a
   * SPIFFE ID, see `chainsSpiffeIdentity`): the `certificate-identity` param's default.
   */
  readonly certificateIdentity: string;
  /**
   * The OIDC issuer of the signer's certificate (an https URL; for a SPIFFE ID, the
   * issuer of SPIRE's JWT-SVIDs, i.e. its OIDC discovery URL): the `certificate-oidc-issuer` param's default.
   */
  readonly oidcIssuer: string;
  /** The cosign image. @default - cosign v2.4.1, pinned by digest */
  readonly cosignImage?: string;
  /**
   * Relaxations for the Task, e.g. of CHAINS_SIGNER_VERIFIED on step `verify` when it
   * verifies images that Tekton Chains does not sign.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * A trusted task that verifies an image's keyless (Fulcio) signature with cosign,
 * so that a deploy task can run after it.
 *
 * The typed props are checked at construction (as the params' defaults) and every
 * value again by the `validate-params` step before cosign runs:
 * `image` must be pinned by digest (so the image verified is the image deployed),
 * `certificate-identity` an https URL, an e-mail address or a SPIFFE ID, and
 * `certificate-oidc-issuer` an https URL. The pod needs egress to the registry,
 * Rekor and the TUF mirror.
 *
 * To verify images Tekton Chains signs keyless with its SPIRE identity
 * (`signers.x509.fulcio.provider: spiffe`), require
 * `ImageVerificationTask.chainsSpiffeIdentity('<trust domain>')` and the SPIRE OIDC
 * issuer; CHAINS_SIGNER_VERIFIED checks the task against the chains-config checked with it.
 *
 * @example
 * const verify = pipeline.addTask({
 *   task: new ImageVerificationTask(chart, 'verify-image', {
 *     certificateIdentity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
 *     oidcIssuer: 'https://token.actions.githubusercontent.com',
 *   }),
 *   params: { image: '$(params.image)' },
 * });
 * pipeline.addTask({ task: deploy, runAfter: [verify.name] });
 */
export class ImageVerificationTask extends SecureTask {
  /**
   * The SPIFFE ID SPIRE gives the Tekton Chains controller with the registration
   * template of its Kubernetes integrations: `spiffe://<trustDomain>/ns/tekton-chains/sa/tekton-chains-controller`.
   */
  public static chainsSpiffeIdentity(trustDomain: string): string {
    return `spiffe://${trustDomain}${CHAINS_SPIFFE_PATH}`;
  }

  constructor(scope: Construct, id: string, props: ImageVerificationTaskProps) {
    super(scope, id, {
      name: props.name,
      description: 'Verify the image signature (keyless: Fulcio certificate, Rekor entry) before it is deployed.',
      trusted: true,
      relaxations: props.relaxations,
      params: [
        { name: 'image', description: 'Image to verify, pinned by digest', constraint: ParamConstraint.pattern(PINNED_IMAGE, 'an image pinned by digest') },
        {
          name: 'certificate-identity',
          description: 'Required signer identity',
          default: props.certificateIdentity,
          constraint: ParamConstraint.pattern(IDENTITY, 'an https URL, an e-mail address or a SPIFFE ID'),
        },
        {
          name: 'certificate-oidc-issuer',
          description: 'Required OIDC issuer of the signer',
          default: props.oidcIssuer,
          constraint: ParamConstraint.pattern(HTTPS_URL, 'an https URL'),
        },
      ],
      steps: [{
        name: 'verify',
        image: props.cosignImage ?? COSIGN_IMAGE,
        command: ['/ko-app/cosign'],
        args: [
          'verify',
          '--certificate-identity=$(params.certificate-identity)',
          '--certificate-oidc-issuer=$(params.certificate-oidc-issuer)',
          '$(params.image)',
        ],
      }],
    });
  }
}
