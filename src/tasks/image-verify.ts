import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkEgressAtSynth, NeededEndpoint } from './egress-reach';
import { ImagePush } from './image-push';
import { requirePinnedImage, taskRefusal } from './refusal';
import { HTTPS_URL, IDENTITY, requireSignerValue, SPIFFE_ID } from './signer-values';
import { RegistryCredential } from '../credentials/registry-credential';
import { ParamConstraint } from '../pipeline/param';
import { RunWorkspace } from '../pipeline/run-workspace';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { StepOnError, StepProps } from '../pipeline/step';
import { TrustDomain } from '../pipeline/trust-domain';
import { TaskWorkspace } from '../pipeline/workspace';
import type { RefusalOptions } from '../policy/engine/construct-policy';
import type { Attribution } from '../policy/engine/enforcement';
import { SecureTektonError } from '../policy/errors';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { PUBLIC_REKOR } from '../private/chains-keys';
import { PUBLIC_FULCIO_ROOT, RELAX_SIGNER_VERIFIED } from '../private/chains-signing';
import { constructKindOf, registerConstructKind } from '../private/construct-kinds';
import { SMALL_STEP_RESOURCES } from '../private/defaults';
import { durationString } from '../private/duration';
import { httpFallbackRegistry, HTTPS_ONLY_REGISTRY, lowerCasedDigest, PINNED_IMAGE, registryOf, repositoryOf, REPOSITORY, REPOSITORY_PATH, SHA256_DIGEST, TAG } from '../private/image-references';
import { ALPINE_IMAGE, COSIGN_IMAGE } from '../private/images';
import { isKmsUri, KMS_SCHEMES_TEXT } from '../private/kms';
import { isDns1123Subdomain } from '../private/names';
import { publicKeyPemProblem } from '../private/public-keys';
import { UPPER_CASE_DIGEST } from '../private/remote-refs';
import { VerificationKey } from '../supply-chain/verification-policy';

const KIND = 'ImageVerify';
/** An image pinned by digest on a registry cosign reaches over https only (it holds pull credentials). */
const PINNED_IMAGE_HTTPS = `^${HTTPS_ONLY_REGISTRY}${REPOSITORY_PATH}(:${TAG})?@${SHA256_DIGEST}$`;
/** The file of a cosign public key in a Secret (`cosign generate-key-pair k8s://...` writes it so). */
const KEY_FILE = 'cosign.pub';
/** The public-good Sigstore's TUF mirror (sigstore-go's and cosign's default), where cosign reads its trust root. */
const PUBLIC_TUF_MIRROR = 'tuf-repo-cdn.sigstore.dev';
/** Tekton writes each step's exit code to `/tekton/steps/step-<name>/exitCode`. */
const exitCodeFile = (step: string) => `/tekton/steps/step-${step}/exitCode`;

/**
 * How a signer is identified: the kind of `ImageSigner`.
 */
export enum ImageSignerKind {
  /** A public key (`--key`): Chains' x509 signer with a key, or a KMS key. */
  KEY = 'key',
  /** A Fulcio certificate for an OIDC identity (`--certificate-identity`, `--certificate-oidc-issuer`). */
  KEYLESS = 'keyless',
  /** A Fulcio certificate for a SPIFFE ID: Chains signing keyless with a SPIRE JWT-SVID, through a private Fulcio. */
  SPIFFE = 'spiffe',
}

/**
 * Options of a keyless (Fulcio) signer.
 */
export interface KeylessSignerOptions {
  /** The OIDC issuer of the signer's token (an https URL). */
  readonly oidcIssuer: string;
  /** The identity the certificate must carry: an https URL (e.g. a CI workflow) or an e-mail address. */
  readonly identity: string;
}

/**
 * Options of a signer identified by its SPIFFE ID.
 */
export interface SpiffeSignerOptions {
  /** The issuer of the JWT-SVIDs: SPIRE's OIDC discovery provider (an https URL). */
  readonly oidcIssuer: string;
  /**
   * The SPIFFE ID the certificate must carry, e.g. Chains' controller:
   * `spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller`.
   */
  readonly spiffeId: string;
}

/**
 * Who must have signed the image: the identity `ImageVerify` requires.
 *
 * @example
 * ImageSigner.spiffe({ oidcIssuer: 'https://oidc.spire.example.com', spiffeId: 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller' })
 */
export class ImageSigner {
  /**
   * A public key: in a Secret of the run's namespace holding `cosign.pub` (bind
   * `ImageVerify.keyWorkspace()`), inline PEM (passed through `env`), or a KMS URI
   * (the pod then needs the KMS's credentials, e.g. workload identity).
   */
  public static key(key: VerificationKey): ImageSigner {
    return new ImageSigner(ImageSignerKind.KEY, undefined, undefined, key);
  }

  /** A Fulcio certificate for an OIDC identity (keyless signing), with its issuer. */
  public static keyless(options: KeylessSignerOptions): ImageSigner {
    return new ImageSigner(ImageSignerKind.KEYLESS, options.oidcIssuer, options.identity, undefined);
  }

  /**
   * A Fulcio certificate for a SPIFFE ID: what Tekton Chains produces when it
   * signs keyless with a SPIRE JWT-SVID (Fulcio certifies the SPIFFE ID as a URI).
   * Only a Fulcio of your own certifies a SPIFFE ID (the public-good one has no
   * spiffe issuer), so `ImageVerify` requires `privateSigstore: true` and `rekorUrl`
   * with this signer, and refuses it without them.
   */
  public static spiffe(options: SpiffeSignerOptions): ImageSigner {
    return new ImageSigner(ImageSignerKind.SPIFFE, options.oidcIssuer, options.spiffeId, undefined);
  }

  private constructor(
    /** How the signer is identified. */
    public readonly kind: ImageSignerKind,
    /** The OIDC issuer, for keyless and SPIFFE signers. */
    public readonly oidcIssuer: string | undefined,
    /** The certificate identity (or SPIFFE ID), for keyless and SPIFFE signers. */
    public readonly identity: string | undefined,
    /** The public key, for key signers. */
    public readonly publicKey: VerificationKey | undefined,
  ) {}
}

/**
 * Props of an ImageVerify.
 */
export interface ImageVerifyProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /** Who must have signed the image. */
  readonly signer: ImageSigner;
  /**
   * Credentials to read the image and its signatures from a private registry: the
   * task then declares a `dockerconfig` credentials workspace (bind
   * `pullCredential.workspace()`).
   * @default - the registry is read anonymously
   */
  readonly pullCredential?: RegistryCredential;
  /**
   * The repository Chains stores signatures in, when not next to the image
   * (Chains' `storage.oci.repository`; cosign's `COSIGN_REPOSITORY`).
   * @default - next to the image
   */
  readonly signatureRepository?: string;
  /** The Rekor transparency log the signature must be in (the `rekor-url` param's default). @default "https://rekor.sigstore.dev" */
  readonly rekorUrl?: string;
  /**
   * Verify against a Sigstore of your own (a Fulcio, its certificate transparency log and a
   * Rekor, e.g. with `KeylessSigning.custom` in ChainsConfig) instead of the public-good
   * instance's trust root: the task declares a `sigstore-trust` workspace, of
   * `TrustDomain.CREDENTIALS` (a trust anchor only trusted tasks share), so the pipeline
   * workspace bound to it is declared with that domain too. Bind a ConfigMap
   * (`RunWorkspace.configMap`) holding the Fulcio root and intermediate certificates as
   * `fulcio.crt.pem`, the CT log's public key as `ctfe.pub` and Rekor's as `rekor.pub`
   * (cosign's `SIGSTORE_ROOT_FILE`, `SIGSTORE_CT_LOG_PUBLIC_KEY_FILE` and
   * `SIGSTORE_REKOR_PUBLIC_KEY`), and give `rekorUrl`, your Rekor. Required with
   * `ImageSigner.spiffe`: the public-good Fulcio certifies no SPIFFE ID.
   * @default false - the public-good Sigstore's trust root, from its TUF mirror
   */
  readonly privateSigstore?: boolean;
  /**
   * How many times cosign looks for the signature before the task fails: Chains
   * signs only after the task that pushed has finished, so the first look may come
   * too early. 1 runs cosign once.
   * @default 5
   */
  readonly attempts?: number;
  /** How long to wait between two looks. @default Duration.seconds(30) */
  readonly retryDelay?: Duration;
  /** The cosign image, pinned by digest. @default - cosign v2.4.1, pinned by digest */
  readonly cosignImage?: string;
  /** Relaxations of the rules the task breaks, each with a reason (limit one to a step with `target`). @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A trusted task that verifies an image's signature with cosign, once Tekton
 * Chains has signed it, so that a deploy task can run after it.
 *
 * - params: `image` (pinned by digest, so the image verified is the image
 *   deployed: pass `$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)`
 *   through a pipeline param or compose it from a push task's results), `rekor-url`,
 *   and for keyless and SPIFFE signers `certificate-identity` and
 *   `certificate-oidc-issuer` (their defaults are `rekorUrl` and the signer's); every value is
 *   checked before cosign runs. The signer is fixed at synth: synth refuses a pipeline task
 *   that fills `certificate-identity`, `certificate-oidc-issuer` or `rekor-url` with a
 *   substitution (a run's or the pipeline's param, a task's result, a context value, in its
 *   params or its matrix), with which each run would choose whose signature verifies the
 *   image Deploy deploys; leave them out, or give another signer to a second ImageVerify;
 * - workspaces: `dockerconfig` with a pull credential, `cosign-key` for a key in a Secret
 *   (bind `keyWorkspace()`), `sigstore-trust` with `privateSigstore`; all three of
 *   `TrustDomain.CREDENTIALS`, so the pipeline workspaces bound to them are declared so;
 * - results: `digest`, the `sha256:<hex>` of the image verified, written only once a
 *   signature verified: pass it to a `Deploy` with `image` (`parameters: { 'image-digest':
 *   verify.result('digest') }`), which then deploys exactly that digest, and only after
 *   this task succeeded (deliberately not named `IMAGE_DIGEST`: Chains would take this
 *   task for one that published the image).
 *
 * Chains signs after the TaskRun that pushed the image has succeeded, so this task
 * looks `attempts` times, `retryDelay` apart: each look is a cosign step that may
 * fail (`onError: continue`), and a last step passes when one of them verified.
 * cosign runs as UID 65532 with a read-only root filesystem; its TUF cache is in
 * `$HOME`, an emptyDir. The pod needs egress to the registry that holds the signatures
 * (`signatureRepository`'s, else the image's: the image is pinned by digest, so its own
 * registry is not asked for it), to Rekor when a signature carries no Rekor bundle (cosign
 * then looks its entry up), and without `privateSigstore` to the public-good Sigstore's TUF
 * mirror, `tuf-repo-cdn.sigstore.dev` on 443, for every signer (cosign reads Rekor's key
 * there, and for keyless signers Fulcio's roots and the CT log's key; a SPIFFE signer
 * requires `privateSigstore`, as the public-good Fulcio certifies no SPIFFE ID). Synth
 * refuses a pipeline task that runs it when the pipeline's NetworkPolicies (its
 * `allowEgressTo`, `egress.allow`; none when `hermetic`) let it reach no destination on the
 * TCP port of the registry (443 unless `signatureRepository` or a literal `image` param
 * names another; an `image` a run passes may name any port, and only a task that reaches
 * no TCP port at all is refused for it) or of the TUF mirror. Rekor is not checked (cosign
 * asks it only for a signature without a bundle), nor are the hosts' addresses, which are
 * resolved at run time.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * const verify = pipeline.addTask({
 *   task: new ImageVerify(chart, 'image-verify', {
 *     signer: ImageSigner.spiffe({
 *       oidcIssuer: 'https://oidc.spire.example.com',
 *       spiffeId: 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller',
 *     }),
 *     // the cluster's own Sigstore, whose Fulcio certifies the SPIFFE ID
 *     privateSigstore: true,
 *     rekorUrl: 'https://rekor.example.org',
 *   }),
 *   parameters: { image: '$(params.image)@$(tasks.push.results.IMAGE_DIGEST)' },
 *   workspaces: { 'sigstore-trust': 'sigstore-trust' },
 * });
 */
export class ImageVerify extends SecureTask {
  /** Who must have signed the image. */
  public readonly signer: ImageSigner;
  /** How many times cosign looks for the signature. */
  public readonly attempts: number;
  /** The wait between two looks. */
  public readonly retryDelay: Duration;
  private readonly privateSigstore: boolean;
  private readonly signatureRepository: string | undefined;

  constructor(scope: Construct, id: string, props: ImageVerifyProps) {
    const attempts = props.attempts ?? 5;
    const retryDelay = props.retryDelay ?? Duration.seconds(30);
    checkProps(scope, id, props, attempts, retryDelay);
    requirePinnedImage(scope, id, KIND, 'cosignImage', props.cosignImage, props.relaxations ?? []);
    const signer = props.signer;
    const keyless = signer.kind !== ImageSignerKind.KEY;
    const key = signer.publicKey;
    const workspaces: TaskWorkspace[] = [
      ...(props.pullCredential ? [{ name: 'dockerconfig', domain: TrustDomain.CREDENTIALS, description: 'config.json with pull access' }] : []),
      ...(key?.secretName ? [{ name: 'cosign-key', domain: TrustDomain.CREDENTIALS, description: `The public key, as ${KEY_FILE}` }] : []),
      // a trust anchor: only trusted tasks may share it
      ...(props.privateSigstore ? [{
        name: 'sigstore-trust',
        domain: TrustDomain.CREDENTIALS,
        readOnly: true,
        description: "The private Sigstore's trust root: fulcio.crt.pem, ctfe.pub and rekor.pub",
      }] : []),
    ];
    const env: { [name: string]: string } = {
      ...(props.pullCredential ? { DOCKER_CONFIG: '$(workspaces.dockerconfig.path)' } : {}),
      ...(props.signatureRepository ? { COSIGN_REPOSITORY: props.signatureRepository } : {}),
      ...(key?.pem ? { COSIGN_PUBLIC_KEY: key.pem } : {}),
      ...(props.privateSigstore ? {
        SIGSTORE_ROOT_FILE: '$(workspaces.sigstore-trust.path)/fulcio.crt.pem',
        SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: '$(workspaces.sigstore-trust.path)/ctfe.pub',
        SIGSTORE_REKOR_PUBLIC_KEY: '$(workspaces.sigstore-trust.path)/rekor.pub',
      } : {}),
    };
    const args = [
      'verify',
      ...(keyless ? [
        '--certificate-identity=$(params.certificate-identity)',
        '--certificate-oidc-issuer=$(params.certificate-oidc-issuer)',
      ] : [`--key=${key!.secretName ? `$(workspaces.cosign-key.path)/${KEY_FILE}` : key!.pem ? 'env://COSIGN_PUBLIC_KEY' : key!.kmsUri}`]),
      '--rekor-url=$(params.rekor-url)',
      '$(params.image)',
    ];
    const cosign = (name: string, last: boolean): StepProps => ({
      name,
      image: props.cosignImage ?? COSIGN_IMAGE,
      command: ['/ko-app/cosign'],
      args,
      env: Object.keys(env).length > 0 ? env : undefined,
      ...(last ? {} : { onError: StepOnError.CONTINUE }),
    });
    super(scope, id, {
      name: props.name,
      description: attempts === 1
        ? 'Verify the image signature (cosign) before it is deployed, looking once.'
        : `Verify the image signature (cosign) before it is deployed, waiting for Chains to sign it (up to ${attempts} looks).`,
      trusted: true,
      relaxations: props.relaxations,
      parameters: [
        {
          name: 'image',
          description: 'Image to verify, pinned by digest',
          // with pull credentials, a registry cosign would also try over plain http would get them in clear
          constraint: props.pullCredential
            ? ParamConstraint.pattern(PINNED_IMAGE_HTTPS, 'an image pinned by digest, on a registry cosign reaches over https only')
            : ParamConstraint.pattern(PINNED_IMAGE, 'an image pinned by digest'),
        },
        ...(keyless ? [
          {
            name: 'certificate-identity',
            description: signer.kind === ImageSignerKind.SPIFFE ? 'Required SPIFFE ID of the signer' : 'Required signer identity',
            defaultValue: signer.identity,
            constraint: signer.kind === ImageSignerKind.SPIFFE
              ? SPIFFE_ID
              : IDENTITY,
          },
          {
            name: 'certificate-oidc-issuer',
            description: 'Required OIDC issuer of the signer',
            defaultValue: signer.oidcIssuer,
            constraint: HTTPS_URL,
          },
        ] : []),
        { name: 'rekor-url', description: 'Rekor transparency log', defaultValue: props.rekorUrl ?? PUBLIC_REKOR, constraint: HTTPS_URL },
      ],
      workspaces,
      results: [{ name: 'digest', description: 'The digest verified, sha256:<hex>: written only once a signature verified (pass it to Deploy\'s image-digest)' }],
      steps: attempts === 1 ? [cosign('verify', true), digestStep()] : retrySteps(attempts, retryDelay, cosign),
    });
    // the looks are retryDelay apart: the last one comes (attempts - 1) x retryDelay after the first
    if (attempts > 1) {
      this._waitsUpTo = { duration: Duration.seconds((attempts - 1) * retryDelay.toSeconds()), why: `${attempts - 1} x retryDelay ${durationString(retryDelay)} between ${attempts} attempts` };
    }
    this.signer = signer;
    this.attempts = attempts;
    this.retryDelay = retryDelay;
    this.privateSigstore = props.privateSigstore ?? false;
    this.signatureRepository = props.signatureRepository;
    // the pipeline's NetworkPolicies must let each pipeline task that runs cosign reach the registry and, with the
    // public-good Sigstore, its TUF mirror
    const needs = { kind: constructKindOf(this.constructor, KIND), subject: 'cosign', failure: 'cosign verify fails on every run', role: 'the registry' };
    const privateSigstore = this.privateSigstore;
    const repository = props.signatureRepository;
    checkEgressAtSynth(this, needs, (t) => [
      repository !== undefined ? signatureRepositoryRegistry(repository) : imageRegistry(t, props.pullCredential !== undefined),
      ...(privateSigstore ? [] : [{
        host: PUBLIC_TUF_MIRROR,
        port: 443,
        role: 'the TUF mirror',
        how: "https: privateSigstore is not set, so cosign reads the public-good Sigstore's keys from its TUF mirror into an empty cache on every run",
      }]),
    ]);
    // the image given as ImagePush's IMAGE_URL alone: the image param as the run gave it, never pinned, which
    // validate-params refuses (an image pinned by digest) before cosign runs
    this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).flatMap(undigestedPushedImage));
    // a literal image whose digest is in upper-case hex: no reference parser reads it
    this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).flatMap(upperCaseDigestImage));
    // the signer is fixed at synth: a pipeline task that fills its identity, issuer or Rekor with a run's value lets each run choose it
    this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).flatMap((t) => runChosenSigner(t, keyless)));
  }

  /**
   * A cosign step that cannot accept what Chains signs with (CHAINS_SIGNER_VERIFIED), said
   * as the prop that decides it, once for all the looks: `privateSigstore` (the trust
   * root), `signer` (the key or identity) or `signatureRepository` (where cosign looks).
   * @internal
   */
  public _restate(f: Finding): Attribution | undefined {
    if (f.rule !== RuleId.CHAINS_SIGNER_VERIFIED) return undefined;
    // a param's value the rule resolved: "gives "<value>", which <problem>"
    const resolved = /^gives "([^"]*)", which ([\s\S]*)$/.exec(f.problem);
    const problem = resolved?.[2] ?? f.problem;
    if (problem.startsWith(PUBLIC_FULCIO_ROOT)) {
      return {
        location: '',
        property: 'privateSigstore',
        value: String(this.privateSigstore),
        problem: `checks the certificate against the public-good Fulcio's root${problem.slice(PUBLIC_FULCIO_ROOT.length)}`,
        fix: "Verify against that Sigstore's own trust root: privateSigstore: true with rekorUrl: '<its Rekor URL>', and bind the task's "
          + 'sigstore-trust workspace to a ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub (RunWorkspace.configMap(\'<name>\')).'
          + RELAX_SIGNER_VERIFIED,
      };
    }
    if ((f.property === 'env' || f.property === 'env[COSIGN_REPOSITORY]') && this._hasSignatureRepositoryProp()) {
      return {
        location: '',
        property: 'signatureRepository',
        value: this.signatureRepository ?? 'unset (next to the image)',
        problem: problem.replace(/^does not set COSIGN_REPOSITORY, so /, ''),
        fix: 'Set signatureRepository to the repository Chains writes signatures to (its storage.oci.repository), or leave it out when Chains writes them next to the image.'
          + RELAX_SIGNER_VERIFIED,
      };
    }
    const flag = /^--(key|certificate-identity|certificate-oidc-issuer)\b/.exec(f.value ?? '')?.[1];
    if (flag === undefined) return undefined;
    // a value a pipeline task passes in place of the signer's: said as the param the user wrote there
    const passed = resolved ? this.passedInstead(flag, resolved[1]) : undefined;
    if (passed !== undefined) {
      const issuer = flag === 'certificate-oidc-issuer';
      return {
        location: `pipeline task '${passed.task}'`,
        property: `parameters.${flag}`,
        value: passed.written,
        problem: passed.written === resolved![1] ? problem : `gives "${resolved![1]}", which ${problem}`,
        fix: `Pass the ${issuer ? 'OIDC issuer' : 'identity'} Chains signs with (${issuer ? "its SPIRE OIDC issuer when it signs keyless through SPIRE, its Fulcio provider's otherwise"
          : "ImageVerificationTask.chainsSpiffeIdentity('<trust domain>') when it signs keyless through SPIRE, the identity of its Fulcio provider otherwise"}), `
          + `or leave '${flag}' out of the pipeline task's params: its default is the task's signer's.${RELAX_SIGNER_VERIFIED}`,
        thenRelaxHint: false,
      };
    }
    return { location: '', ...this._signerRestated(flag, resolved?.[1], problem), problem, thenRelaxHint: false };
  }

  /**
   * The first pipeline task running this task that passes `value` for param `param` in
   * place of the signer's default, as it wrote it (the value itself, or a `$(params...)`
   * a run or the pipeline fills): undefined when the value is the signer's own.
   */
  private passedInstead(param: string, value: string): { readonly task: string; readonly written: string } | undefined {
    const own = param === 'certificate-identity' ? this.signer.identity : param === 'certificate-oidc-issuer' ? this.signer.oidcIssuer : undefined;
    if (own === undefined || value === own) return undefined;
    const passing = this._runBy.map((r) => r.pipelineTask)
      .filter((t): t is PipelineTask => t instanceof PipelineTask && typeof t._options.parameters?.[param] === 'string')
      .map((t) => ({ task: t.name, written: t._options.parameters![param] }));
    return passing.find((p) => p.written === value) ?? passing.find((p) => p.written.includes('$('));
  }

  /**
   * The prop that chose a cosign flag's value (`key`, `certificate-identity`,
   * `certificate-oidc-issuer`) Chains' signer can never match, its value, and the fix.
   * @internal
   */
  public _signerRestated(_flag: string, value: string | undefined, _problem: string): { property: string; value: string; fix: string } {
    return {
      property: 'signer',
      value: value ?? `ImageSigner.${this.signer.kind}(...)`,
      fix: 'Require the signer Chains signs with: ImageSigner.spiffe({ spiffeId: ImageVerificationTask.chainsSpiffeIdentity(\'<trust domain>\'), '
        + "oidcIssuer: '<SPIRE OIDC issuer>' }) with privateSigstore: true and rekorUrl: '<your Rekor>' when it signs keyless through SPIRE, ImageSigner.keyless({ identity: '<identity>', oidcIssuer: '<issuer>' }) "
        + "with another Fulcio provider, ImageSigner.key(VerificationKey.fromSecret({ secretName: '<Secret holding cosign.pub>' })) with its x509 key, "
        + "or ImageSigner.key(VerificationKey.fromKms('<signers.kms.kmsref>')) with a KMS key."
        + RELAX_SIGNER_VERIFIED,
    };
  }

  /**
   * The props that make the task declare its optional workspaces.
   * @internal
   */
  public _undeclaredWorkspaceHint(name: string): string | undefined {
    const kind = constructKindOf(this.constructor, KIND);
    // ImageVerificationTask's props set privateSigstore only
    const by: { [workspace: string]: string } = kind === KIND ? {
      'sigstore-trust': 'privateSigstore: true',
      'dockerconfig': 'pullCredential: <a RegistryCredential>',
      'cosign-key': "signer: ImageSigner.key(VerificationKey.fromSecret({ secretName: '<Secret holding cosign.pub>' }))",
    } : { 'sigstore-trust': 'privateSigstore: true' };
    return by[name] ? `; ${kind} declares '${name}' only with ${by[name]}` : undefined;
  }

  /**
   * Whether the task's props hold `signatureRepository` (where cosign looks for signatures).
   * @internal
   */
  public _hasSignatureRepositoryProp(): boolean {
    return true;
  }

  /**
   * The run binding of the `cosign-key` workspace, for a key in a Secret: its
   * `cosign.pub`, read-only.
   */
  public keyWorkspace(): RunWorkspace {
    const secret = this.signer.publicKey?.secretName;
    if (secret === undefined) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'signer',
        value: this.signer.kind,
        problem: 'is not a key in a Secret, so the task has no cosign-key workspace',
        rule: RuleId.VALID_REFERENCE,
        fix: 'Use ImageSigner.key(VerificationKey.fromSecret({ secretName: \'<secret holding cosign.pub>\' })), or bind no key workspace.',
      });
    }
    return RunWorkspace.secret(secret, { items: [{ key: KEY_FILE, path: KEY_FILE }] });
  }
}

/** A registry as go-containerregistry reaches it: the host and port it names (443 unless it names one), Docker Hub's index without one. */
function registryHostPort(registry: string | undefined): { host: string; port: number } {
  const [, host, port] = /^([^:]*)(?::([0-9]+))?$/.exec(registry ?? 'index.docker.io')!;
  return { host, port: port !== undefined ? Number(port) : 443 };
}

/** The registry cosign reads the signatures from when the image's repository holds them: the one a literal image param names, else one a run names. */
function imageRegistry(task: PipelineTask, pullCredential: boolean): NeededEndpoint {
  const given = task._options.parameters?.image;
  // an upper-case digest (refused with its lower-cased fix: upperCaseDigestImage) still names the registry written
  const image = typeof given === 'string' ? lowerCasedDigest(given) ?? given : given;
  if (typeof image === 'string' && new RegExp(pullCredential ? PINNED_IMAGE_HTTPS : PINNED_IMAGE).test(image)) {
    return { ...registryHostPort(registryOf(repositoryOf(image))), how: 'https, the registry its image param names, where cosign reads the signatures' };
  }
  return { host: 'the registry of its image', fixPort: 443, how: 'https, to the registry of the image a run passes: port 443 unless it names another' };
}

/** The registry of signatureRepository, where cosign reads the signatures (the image's own registry is not asked: the image is pinned by digest). */
function signatureRepositoryRegistry(repository: string): NeededEndpoint {
  return { ...registryHostPort(registryOf(repository)), how: `https, as signatureRepository '${repository}' says, where cosign reads the signatures` };
}

/**
 * `attempts` cosign steps that may fail, a wait after each but the last (skipped
 * once one has verified), and a step that passes when one of them verified.
 */
function retrySteps(attempts: number, delay: Duration, cosign: (name: string, last: boolean) => StepProps): StepProps[] {
  const looks = Array.from({ length: attempts }, (_, i) => `verify-${i + 1}`);
  const verified = (upTo: number) => `verified() { for f in ${looks.slice(0, upTo).map(exitCodeFile).join(' ')}; do [ "$(cat "$f" 2>/dev/null)" = 0 ] && return 0; done; return 1; }`;
  const steps: StepProps[] = [];
  looks.forEach((look, i) => {
    steps.push(cosign(look, false));
    if (i < attempts - 1) {
      steps.push({
        name: `wait-${i + 1}`,
        image: ALPINE_IMAGE,
        resources: SMALL_STEP_RESOURCES,
        script: [
          '#!/bin/sh',
          'set -eu',
          verified(i + 1),
          `verified || { echo "no verified signature yet (look ${i + 1} of ${attempts}); Chains signs after the push task has finished"; sleep ${delay.toSeconds()}; }`,
        ].join('\n') + '\n',
      });
    }
  });
  steps.push({
    name: 'check',
    image: ALPINE_IMAGE,
    resources: SMALL_STEP_RESOURCES,
    env: { IMAGE: '$(params.image)' },
    script: [
      '#!/bin/sh',
      'set -eu',
      verified(attempts),
      `verified || { echo "the image has no signature that verifies after ${attempts} looks" >&2; exit 1; }`,
      ...WRITE_DIGEST,
    ].join('\n') + '\n',
  });
  return steps;
}

/** Script lines that write the digest of the image param (pinned by digest, checked before any step) to the `digest` result. */
const WRITE_DIGEST = [
  '# the image param is <repository>[:tag]@sha256:<hex>, checked before any step ran',
  'printf \'%s\' "${IMAGE##*@}" > "$(results.digest.path)"',
];

/** With one look, a step after cosign's (which stops the task when it fails) writes the digest verified. */
function digestStep(): StepProps {
  return {
    name: 'digest',
    image: ALPINE_IMAGE,
    resources: SMALL_STEP_RESOURCES,
    env: { IMAGE: '$(params.image)' },
    script: ['#!/bin/sh', 'set -eu', ...WRITE_DIGEST].join('\n') + '\n',
  };
}

const PEM_BEGIN = '-----BEGIN PUBLIC KEY-----';
const PEM_END = '-----END PUBLIC KEY-----';

/**
 * A key signer's key is one cosign reads as the key meant: a PEM public key (never a private
 * key, which the Task would carry in plain text), a KMS reference sigstore accepts (else
 * cosign takes the text for a URL or a file and reads the key from wherever it names), or a
 * Secret's name.
 */
/** A refusal of ImageVerify's props. */
type Refuse = (property: string, value: string, problem: string, fix: string, rule?: RuleId) => SecureTektonError;

function checkKey(refuse: Refuse, key: VerificationKey): void {
  if (key.pem !== undefined) {
    const pem = key.pem.trim();
    if (!pem.startsWith(PEM_BEGIN) || !pem.endsWith(PEM_END)) {
      // only the first line is quoted: the value might be a private key
      throw refuse('signer.key.pem', pem.split('\n')[0], 'is not a PEM public key',
        `Give the public key in PEM ("${PEM_BEGIN}" ... "${PEM_END}", e.g. cosign.pub), never a private key: VerificationKey.fromPem(publicKeyPem).`);
    }
    const problem = publicKeyPemProblem(pem);
    if (problem !== undefined) {
      throw refuse('signer.key.pem', pem.split('\n')[0], `${problem}: cosign could not load the key, so no image would pass`,
        'Give the RSA, ECDSA (P-256, P-384 or P-521) or Ed25519 public key the images are signed with, in PEM as `cosign public-key` prints it: '
        + 'VerificationKey.fromPem(publicKeyPem).');
    }
  } else if (key.kmsUri !== undefined) {
    if (!isKmsUri(key.kmsUri)) {
      throw refuse('signer.key.kmsUri', key.kmsUri, 'is not a KMS key reference sigstore accepts: cosign would read the key from whatever URL, file or '
        + 'substituted value it names, or fail', `Use a key reference of the form ${KMS_SCHEMES_TEXT}; for a key in a file, put it in a Secret of the `
        + "run's namespace: VerificationKey.fromSecret({ secretName: '<name>' }).");
    }
    // cosign gets the reference in its args, where Tekton replaces every $(...) with the run's value
    const substitution = /\$\([^)]*\)?/.exec(key.kmsUri);
    if (substitution) {
      throw refuse('signer.key.kmsUri', key.kmsUri, `holds "${substitution[0]}", which Tekton replaces with a value of the run: the run would choose the key `
        + 'that verifies the image', "Write the key reference itself, e.g. VerificationKey.fromKms('awskms:///alias/release-signing'), and give one ImageVerify per key.");
    }
  } else if (key.secretName === undefined || key.secretName === '') {
    throw refuse('signer.key.secretName', key.secretName ?? '', 'names no Secret', "Name the Secret that holds cosign.pub: VerificationKey.fromSecret({ secretName: '<name>' }).");
  } else if (!isDns1123Subdomain(key.secretName)) {
    throw refuse('signer.key.secretName', key.secretName, 'is not a DNS-1123 subdomain, so no Secret has this name',
      "Give the Secret's name: at most 253 lower-case letters, digits, '-' and '.', e.g. 'cosign-pub'.");
  }
}

function checkProps(scope: Construct, id: string, props: ImageVerifyProps, attempts: number, delay: Duration): void {
  const refuse = (property: string, value: string, problem: string, fix: string, rule = RuleId.VALID_SPEC) =>
    taskRefusal(scope, id, KIND, { property, value, problem, rule, fix });
  // required, but a caller in plain JavaScript may leave it out
  if (!(props.signer instanceof ImageSigner)) {
    throw refuse('signer', String(props.signer), 'is not an ImageSigner', "Say who must have signed: signer: ImageSigner.keyless({ oidcIssuer: 'https://...', identity: '...' }), ImageSigner.spiffe(...) or ImageSigner.key(...).");
  }
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20) {
    throw refuse('attempts', String(attempts), 'is not a whole number from 1 to 20', 'Use attempts: 5 (the default) or another bound; the task\'s timeout must cover attempts x retryDelay.');
  }
  const seconds = delay.toMilliseconds() / 1000;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) {
    throw refuse('retryDelay', `${seconds}s`, 'is not a whole number of seconds from 1 to 600', 'Use Duration.seconds(30) (the default) or another delay up to ten minutes.');
  }
  if (props.signatureRepository !== undefined && !new RegExp(REPOSITORY).test(props.signatureRepository)) {
    throw refuse('signatureRepository', props.signatureRepository, 'is not a repository (registry/path, no tag or digest)', 'Give the repository as Chains\' storage.oci.repository names it, e.g. \'registry.example.com/signatures\'.');
  }
  const signatureRegistry = props.signatureRepository === undefined ? undefined : registryOf(props.signatureRepository);
  if (props.pullCredential && signatureRegistry !== undefined && httpFallbackRegistry(signatureRegistry)) {
    throw refuse('signatureRepository', props.signatureRepository!, `names the registry ${signatureRegistry}, which cosign (go-containerregistry) also tries over `
      + 'plain http when https fails (an RFC 1918 address, localhost with a port, *.localhost, 127.0.0.1 or ::1), and would send the pull credentials in clear',
    'Name the registry by a DNS name (not localhost or *.localhost) with a certificate the pod trusts.');
  }
  const signer = props.signer;
  // the values that become param defaults, in the words of the signer's options
  if (signer.kind === ImageSignerKind.SPIFFE) requireSignerValue(scope, id, KIND, { property: 'signer.spiffeId', value: signer.identity }, SPIFFE_ID);
  if (signer.kind === ImageSignerKind.KEYLESS) requireSignerValue(scope, id, KIND, { property: 'signer.identity', value: signer.identity }, IDENTITY);
  if (signer.kind !== ImageSignerKind.KEY) requireSignerValue(scope, id, KIND, { property: 'signer.oidcIssuer', value: signer.oidcIssuer }, HTTPS_URL);
  // the public-good Fulcio's configuration has no issuer of type spiffe: no certificate it issued carries a SPIFFE ID
  // so does a keyless signer given a SPIFFE ID as its identity
  if (signer.kind !== ImageSignerKind.KEY && signer.identity!.startsWith('spiffe://') && props.privateSigstore !== true) {
    throw refuse(signer.kind === ImageSignerKind.SPIFFE ? 'signer.spiffeId' : 'signer.identity', signer.identity!, `is a SPIFFE ID, but privateSigstore is ${props.privateSigstore === undefined ? 'not set' : 'false'}, so cosign `
      + "checks the signer's certificate against the public-good Sigstore's Fulcio root, and that Fulcio certifies no SPIFFE ID (it has no spiffe issuer): no "
      + 'signature ever verifies', "Verify against the Sigstore whose Fulcio certifies the SPIFFE ID (Chains' signers.x509.fulcio.address): privateSigstore: true "
      + "and rekorUrl: '<its Rekor URL>' in these props, workspaces: { 'sigstore-trust': '<pipeline workspace of TrustDomain.CREDENTIALS>' } in addTask, "
      + "RunWorkspace.configMap('<ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub>') for it in the run, and egress to that Rekor. "
      + "For images signed through the public-good Fulcio, require their signer: ImageSigner.keyless({ oidcIssuer: '<issuer>', identity: '<identity>' }).");
  }
  if (props.privateSigstore && (props.rekorUrl === undefined || props.rekorUrl === PUBLIC_REKOR)) {
    throw refuse('rekorUrl', props.rekorUrl ?? '', `${props.rekorUrl === undefined ? 'is not set, so it is' : 'is'} the public-good Rekor, whose entries `
      + "cosign would check against privateSigstore's rekor.pub, and refuse", "Give your Sigstore's Rekor: rekorUrl: 'https://rekor.example.internal'.");
  }
  if (props.rekorUrl !== undefined) {
    requireSignerValue(scope, id, KIND, { property: 'rekorUrl', value: props.rekorUrl }, HTTPS_URL,
      `Give the Rekor instance's https URL, or leave rekorUrl out for ${PUBLIC_REKOR}.`);
  }
  const key = signer.publicKey;
  // required, but a caller in plain JavaScript may leave it out
  if (signer.kind === ImageSignerKind.KEY && !(key instanceof VerificationKey)) {
    throw refuse('signer.key', String(key), 'is not a VerificationKey', "Give the public key: ImageSigner.key(VerificationKey.fromSecret({ secretName: '<secret holding cosign.pub>' })), "
      + 'VerificationKey.fromPem(publicKeyPem) or VerificationKey.fromKms(uri).');
  }
  if (signer.kind === ImageSignerKind.KEY) checkKey(refuse, key!);
  if (key?.secretNamespace !== undefined && key.secretNamespace !== Chart.of(scope).namespace) {
    throw refuse('signer.key.secretNamespace', key.secretNamespace, `is not the run's namespace ('${Chart.of(scope).namespace ?? '(none)'}'): a workspace mounts Secrets of its own namespace only`,
      'Copy the public key into a Secret of the run\'s namespace (as cosign.pub), or leave secretNamespace out.', RuleId.VALID_REFERENCE);
  }
}

registerConstructKind(ImageVerify, KIND, true);

/**
 * The refusal of a pipeline task that passes an image whose digest is in upper-case hex: validate-params accepts
 * only lower-case hex, and cosign (go-containerregistry's `name.ParseReference`) could not parse it either.
 */
function upperCaseDigestImage(pipelineTask: { readonly name: string }): RefusalOptions[] {
  if (!(pipelineTask instanceof PipelineTask)) return [];
  const given = pipelineTask._options.parameters?.image;
  const lowered = typeof given === 'string' && !given.includes('$(') ? lowerCasedDigest(given) : undefined;
  if (lowered === undefined) return [];
  return [{
    location: `pipeline task '${pipelineTask.name}'`,
    property: 'parameters.image',
    value: given,
    problem: `${UPPER_CASE_DIGEST}: the validate-params step refuses it, and cosign could not parse the reference either, so every run fails before anything is verified`,
    rule: RuleId.VALID_REFERENCE,
    fix: `Write the digest in lower case: parameters: { image: '${lowered}' }.`,
  }];
}

/** What each signer param of ImageVerify decides, and the prop its default comes from. */
const SIGNER_PARAMS: ReadonlyArray<{ readonly param: string; readonly decides: string; readonly prop: string; readonly keyless: boolean }> = [
  { param: 'certificate-identity', decides: 'the identity the signer\'s certificate must carry: a signature by whoever the run names would verify the image', prop: 'signer', keyless: true },
  { param: 'certificate-oidc-issuer', decides: 'the OIDC issuer the signer\'s certificate must name: a signature by whoever the run names would verify the image', prop: 'signer', keyless: true },
  { param: 'rekor-url', decides: 'the Rekor log the signature must be in, which the props fix', prop: 'rekorUrl', keyless: false },
];

/**
 * The refusals of a pipeline task that fills the signer's identity, its issuer or the Rekor URL with a substitution (a
 * run's or the pipeline's param, a task's result, a context value), in its params or its matrix: each run would then
 * choose whose signature verifies the image (its own e-mail and issuer, signed on the public-good Fulcio), and the
 * `digest` it writes is what Deploy deploys. A literal is fixed at synth, as the signer is.
 */
function runChosenSigner(pipelineTask: { readonly name: string }, keyless: boolean): RefusalOptions[] {
  if (!(pipelineTask instanceof PipelineTask)) return [];
  const o = pipelineTask._options;
  const given = SIGNER_PARAMS.filter((s) => keyless || !s.keyless).flatMap((s) => [
    ...(typeof o.parameters?.[s.param] === 'string' ? [{ s, property: `parameters.${s.param}`, value: o.parameters[s.param] }] : []),
    ...(o.matrix?.parameters?.[s.param] ?? []).map((value, i) => ({ s, property: `matrix.parameters.${s.param}[${i}]`, value })),
    ...(o.matrix?.include ?? []).flatMap((inc, j) => (typeof inc.parameters?.[s.param] === 'string' ? [{ s, property: `matrix.include[${j}].parameters.${s.param}`, value: inc.parameters[s.param] }] : [])),
  ]);
  return given.filter((g) => typeof g.value === 'string' && g.value.includes('$(')).map(({ s, property, value }) => ({
    location: `pipeline task '${pipelineTask.name}'`,
    property,
    value,
    problem: `is filled when the pipeline runs, so each run would choose ${s.decides}, and the digest the task writes is what Deploy deploys`,
    rule: RuleId.CHAINS_SIGNER_VERIFIED,
    fix: `Leave '${s.param}' out of the pipeline task's params: its default is the ImageVerify's ${s.prop}, fixed at synth. To accept another `
      + `${s.prop === 'signer' ? 'signer' : 'Rekor'}, give it in the props of a second ImageVerify.`,
  }));
}

/**
 * The refusal of a pipeline task that passes an ImagePush's `IMAGE_URL` result alone as the image to verify: that
 * result is the image param the push was given, without a digest, so the validate-params step fails every run.
 */
function undigestedPushedImage(pipelineTask: { readonly name: string }): RefusalOptions[] {
  if (!(pipelineTask instanceof PipelineTask)) return [];
  const given = pipelineTask._options.parameters?.image;
  const producer = typeof given === 'string' ? /^\$\(tasks\.([a-z0-9-]+)\.results\.IMAGE_URL\)$/.exec(given)?.[1] : undefined;
  const push = producer === undefined ? undefined : pipelineTask._pipeline.pipelineTasks.find((t) => t.name === producer);
  if (push === undefined || !(push.task instanceof ImagePush)) return [];
  return [{
    location: `pipeline task '${pipelineTask.name}'`,
    property: 'parameters.image',
    value: given,
    problem: `is the image pipeline task '${producer}' pushed without its digest (ImagePush's IMAGE_URL is the image as given, never pinned), `
      + 'and the validate-params step accepts only an image pinned by digest: every run fails before cosign runs',
    rule: RuleId.VALID_REFERENCE,
    fix: `Pass the image with the digest the push wrote: parameters: { image: '$(tasks.${producer}.results.IMAGE_URL)@$(tasks.${producer}.results.IMAGE_DIGEST)' }.`,
  }];
}
