import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { CHAINS_KNOWN_KEYS } from '../policy/rules/chains-known-keys';
import {
  ARTIFACT_TYPES, CHAINS_CONFIG_NAME, CHAINS_GO, CHAINS_HTTPS_KEYS, CHAINS_NAMESPACE, dataKey, gcsBucketProblem, isPublicFulcio, ociRepositoryProblem,
  parsesTrue, privateFulcioPublicLog, PUBLIC_FULCIO, PUBLIC_FULCIO_REFUSED_PROVIDERS, PUBLIC_REKOR, storageEntries, TOKEN_FILE_PROVIDERS,
} from '../private/chains-keys';
import { goHttpsHost, goParseUrl } from '../private/go-url';
import { isKmsUri, KMS_SCHEMES_TEXT } from '../private/kms';
import { parseHttpsUrl } from '../private/urls';

const KIND = 'ChainsConfig';

/** The public-good Sigstore instance (its Fulcio: PUBLIC_FULCIO). */
const PUBLIC_OIDC_ISSUER = 'https://oauth2.sigstore.dev/auth';

/** Keyless signing with SPIRE through a private Fulcio, for refusals. */
const PRIVATE_SPIFFE = "keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', "
  + "oidcIssuer: 'https://oidc-discovery.example.org', provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' })";
/** Keyless signing through the public-good Fulcio from a cluster, for refusals. */
const PUBLIC_GOOD_FROM_CLUSTER = 'keep KeylessSigning.publicGood with provider FulcioProvider.GOOGLE or FulcioProvider.FILESYSTEM '
  + 'on a managed cluster whose OIDC issuer the public Fulcio accepts';

/** Storage backends that cannot work without a setting: the key and its ChainsStorageSettings prop. */
const BACKEND_SETTINGS: Record<string, [string, string]> = {
  gcs: ['storage.gcs.bucket', 'gcsBucket'],
  docdb: ['storage.docdb.url', 'docdbUrl'],
  grafeas: ['storage.grafeas.projectid', 'grafeasProjectId'],
  archivista: ['storage.archivista.url', 'archivistaUrl'],
};

/**
 * Formats Chains records TaskRun and PipelineRun provenance in.
 */
export enum ProvenanceFormat {
  /** `slsa/v1`: SLSA v0.2 provenance (`in-toto` is another name for it). */
  SLSA_V1 = 'slsa/v1',
  /** `slsa/v2alpha3`: SLSA v1.0 provenance from v1 Tekton objects. */
  SLSA_V2_ALPHA3 = 'slsa/v2alpha3',
  /** `slsa/v2alpha4`: SLSA v1.0 provenance that also reads type-hinted StepAction results. */
  SLSA_V2_ALPHA4 = 'slsa/v2alpha4',
  /** `in-toto`, Chains' default: the same SLSA v0.2 formatter as `slsa/v1`, under its older name. */
  IN_TOTO = 'in-toto',
}

/**
 * Where Chains stores signatures and attestations.
 */
export enum ChainsStorageBackend {
  /** `tekton`: annotations on the TaskRun or PipelineRun. */
  TEKTON = 'tekton',
  /** `oci`: next to the image in its registry, or in `storage.oci.repository`. */
  OCI = 'oci',
  /** `gcs`: a Google Cloud Storage bucket (needs `gcsBucket`). */
  GCS = 'gcs',
  /** `docdb`: a go-cloud document store (needs `docdbUrl`). */
  DOCDB = 'docdb',
  /** `grafeas`: Grafeas occurrences (needs `grafeasProjectId`). */
  GRAFEAS = 'grafeas',
  /** `archivista`: an Archivista server (needs `archivistaUrl`); TaskRuns and PipelineRuns only. */
  ARCHIVISTA = 'archivista',
}

/**
 * How Chains signs an artifact type.
 */
export enum ChainsSigner {
  /** `x509`: the key in the `signing-secrets` Secret, or a Fulcio certificate with `keyless`. */
  X509 = 'x509',
  /** `kms`: a key in a key management service (needs `kms`). */
  KMS = 'kms',
  /** `none`: Chains v0.29 turns the artifact type off (no signature, no provenance stored); needs a relaxation of CHAINS_SIGNED (and of CHAINS_SLSA_PROVENANCE for TaskRuns and PipelineRuns). */
  NONE = 'none',
}

/**
 * Payload formats of OCI artifacts.
 */
export enum OciPayloadFormat {
  /** `simplesigning`, the only one. */
  SIMPLE_SIGNING = 'simplesigning',
}

/**
 * How Chains encodes what it stores in OCI registries.
 */
export enum OciEncodingFormat {
  /** `dsse`: DSSE envelopes under `.sig`/`.att` tags. */
  DSSE = 'dsse',
  /** `sigstore-bundle`: Sigstore bundles through the OCI 1.1 Referrers API. */
  SIGSTORE_BUNDLE = 'sigstore-bundle',
}

/**
 * Which signatures Chains uploads to the transparency log.
 */
export enum TransparencyMode {
  /** `"true"`: every one. */
  ENABLED = 'true',
  /** `"manual"`: only runs annotated `chains.tekton.dev/transparency-upload: "true"`; needs a relaxation of CHAINS_TRANSPARENCY. */
  MANUAL = 'manual',
  /** `"false"`: none; needs a relaxation of CHAINS_TRANSPARENCY. */
  DISABLED = 'false',
}

/**
 * Where the Chains controller gets the OIDC token it exchanges for a Fulcio certificate.
 */
export enum FulcioProvider {
  /** `google-workload-identity`: the GKE workload identity of the Chains controller. */
  GOOGLE = 'google-workload-identity',
  /** `google-impersonate`: a Google service account the controller's workload identity impersonates. */
  GOOGLE_IMPERSONATE = 'google-impersonate',
  /**
   * `spiffe`: a JWT-SVID from the SPIRE agent, for a private Fulcio whose configuration has a
   * spiffe issuer for the trust domain (`KeylessSigning.custom`). The public-good Fulcio has
   * none, so `KeylessSigning.publicGood` refuses it.
   */
  SPIFFE = 'spiffe',
  /**
   * `github-actions`: the token of a GitHub Actions runner, which a pod in a cluster does not
   * have; `KeylessSigning.publicGood` refuses it.
   */
  GITHUB = 'github-actions',
  /** `filesystem`: a token file (`identityTokenFile`, else cosign's `/var/run/sigstore/cosign/oidc-token`). */
  FILESYSTEM = 'filesystem',
}

/**
 * `buildType` of SLSA v1.0 provenance.
 */
export enum ChainsBuildType {
  /** `https://tekton.dev/chains/v2/slsa`: strictly the SLSA v1.0 spec. */
  SLSA = 'https://tekton.dev/chains/v2/slsa',
  /** `https://tekton.dev/chains/v2/slsa-tekton`: also run labels, annotations and each pipeline task. */
  SLSA_TEKTON = 'https://tekton.dev/chains/v2/slsa-tekton',
}

/**
 * What Chains does with TaskRuns (`artifacts.taskrun.*`); PipelineRuns take the same settings.
 */
export interface TaskRunArtifacts {
  /** Provenance format. @default ProvenanceFormat.SLSA_V1 */
  readonly format?: ProvenanceFormat;
  /**
   * Storage backends; an empty list turns this artifact type off, so nothing of it is signed
   * or stored, provenance included (CHAINS_SIGNED and CHAINS_SLSA_PROVENANCE: relax both with
   * the reason). @default [ChainsStorageBackend.OCI]
   */
  readonly storage?: ChainsStorageBackend[];
  /** Signer. @default ChainsSigner.X509 */
  readonly signer?: ChainsSigner;
}

/**
 * What Chains does with PipelineRuns (`artifacts.pipelinerun.*`).
 */
export interface PipelineRunArtifacts extends TaskRunArtifacts {
  /** `enable-deep-inspection`: also record the inputs and outputs of the child TaskRuns. @default true */
  readonly deepInspection?: boolean;
}

/**
 * What Chains does with the images runs build (`artifacts.oci.*`).
 */
export interface OciArtifacts {
  /** Payload format. @default OciPayloadFormat.SIMPLE_SIGNING */
  readonly format?: OciPayloadFormat;
  /**
   * Storage backends (not ARCHIVISTA); an empty list turns image signing off (CHAINS_SIGNED:
   * relax it with the reason). @default [ChainsStorageBackend.OCI]
   */
  readonly storage?: ChainsStorageBackend[];
  /** Signer. @default ChainsSigner.X509 */
  readonly signer?: ChainsSigner;
}

/**
 * A KMS key for artifacts signed with ChainsSigner.KMS (`signers.kms.*`).
 */
export interface KmsSigning {
  /** `kmsref`: the key, as a gcpkms://, awskms://, azurekms:// or hashivault:// URI. */
  readonly keyRef: string;
  /** `auth.address`: the KMS server, e.g. Vault's address; https only, as Go's `url.Parse` reads it (no space around it, `%`-escapes of two hex digits, one port). @default - none */
  readonly authAddress?: string;
  /** `auth.token-path`: a file (from a Secret mounted into the controller) holding the KMS token. @default - none */
  readonly authTokenPath?: string;
  /** `auth.oidc.path`: the OIDC auth path, e.g. `jwt` for Vault. @default - none */
  readonly oidcPath?: string;
  /** `auth.oidc.role`: the OIDC auth role. @default - none */
  readonly oidcRole?: string;
  /** `auth.oidc.token-path`: the JWT for OIDC auth. @default - the controller's ServiceAccount token */
  readonly oidcTokenPath?: string;
  /** `auth.spire.sock`: the SPIRE agent socket, e.g. `unix:///tmp/spire-agent/public/api.sock`. @default - none */
  readonly spireSocket?: string;
  /** `auth.spire.audience`: the audience of the SVID requested from SPIRE. @default - none */
  readonly spireAudience?: string;
}

/**
 * Settings of the storage backends (`storage.*`).
 */
export interface ChainsStorageSettings {
  /**
   * `oci.repository`: one repository for every signature and attestation, as `<registry>/<path>` in lower case without
   * scheme, tag or digest (`ghcr.io/myorg/signatures`: go-containerregistry's `name.NewRepository` reads it), or `<user>/<path>`
   * on Docker Hub (one word, `sigs` or `docker.io/sigs`, is Docker Hub's official `library/sigs`, which no user can push to).
   * @default - next to each image
   */
  readonly ociRepository?: string;
  /** `oci.repository.insecure`: skip TLS verification towards registries; needs a relaxation of CHAINS_SECURE_STORAGE. @default false */
  readonly insecureOciRepository?: boolean;
  /** `oci.encoding-format`. @default - Chains' default, OciEncodingFormat.DSSE */
  readonly ociEncodingFormat?: OciEncodingFormat;
  /** `gcs.bucket`: the bucket name alone (`my-bucket`, not `gs://my-bucket`). @default - none */
  readonly gcsBucket?: string;
  /** `docdb.url`: a go-cloud docstore URL, e.g. `firestore://projects/p/databases/(default)/documents/c?name_field=name`. @default - none */
  readonly docdbUrl?: string;
  /** `docdb.mongo-server-url-dir`: a directory (from a mounted Secret) with a file `MONGO_SERVER_URL`. @default - none */
  readonly mongoServerUrlDir?: string;
  /** `docdb.mongo-server-url-path`: a file (from a mounted Secret) holding the MongoDB URL. @default - none */
  readonly mongoServerUrlPath?: string;
  /** `grafeas.projectid`. @default - none */
  readonly grafeasProjectId?: string;
  /** `grafeas.noteid`: prefix of the note names. @default - `tekton-<namespace>` */
  readonly grafeasNoteId?: string;
  /** `grafeas.notehint`: human-readable name of the ATTESTATION note. @default - Chains' default text */
  readonly grafeasNoteHint?: string;
  /** `archivista.url`: https only, as Go's `url.Parse` reads it (no space around it, `%`-escapes of two hex digits, one port). @default - none */
  readonly archivistaUrl?: string;
}

/**
 * Who the Chains controller is when it asks Fulcio for a certificate.
 */
export interface KeylessIdentityOptions {
  /**
   * `signers.x509.fulcio.provider`, e.g. FulcioProvider.SPIFFE with SPIRE and a private Fulcio,
   * FulcioProvider.GOOGLE on GKE. With the public-good Fulcio, SPIFFE and GITHUB are refused:
   * it certifies neither from a cluster, so Chains would drop its x509 signer and sign nothing.
   * @default - every provider is tried
   */
  readonly provider?: FulcioProvider;
  /**
   * `signers.x509.identity.token.file`: the ID token, for FulcioProvider.FILESYSTEM or no
   * provider; refused with another provider, which Chains asks for the token instead of
   * reading the file.
   * @default - none
   */
  readonly identityTokenFile?: string;
}

/**
 * A private Sigstore instance for keyless signing.
 */
export interface KeylessSigningOptions extends KeylessIdentityOptions {
  /** `signers.x509.fulcio.address`: https only, as Go's `url.Parse` reads it (no space around it, `%`-escapes of two hex digits, one port). */
  readonly fulcioAddress: string;
  /** `signers.x509.fulcio.issuer`: the OIDC issuer Fulcio trusts (Chains never contacts it: it hands Fulcio the token its provider gives). */
  readonly oidcIssuer: string;
  /**
   * `transparency.url`: the instance's Rekor; https only, as Go's `url.Parse` reads it. Not together with `transparencyUrl`.
   * Needed unless `transparencyUrl` is given or transparency is disabled: ChainsConfig refuses to upload a private Fulcio's
   * certificates to the public-good Rekor by default.
   * @default - ChainsConfigProps.transparencyUrl
   */
  readonly rekorUrl?: string;
  /** `signers.x509.tuf.mirror.url`: the instance's TUF root; https only, as Go's `url.Parse` reads it. @default - Chains' default, the public-good TUF root */
  readonly tufMirrorUrl?: string;
}

/**
 * Keyless signing: the x509 signer gets short-lived certificates from Fulcio for
 * the controller's OIDC identity, so there is no long-lived signing key to steal.
 *
 * @example
 * // SPIRE gives the Chains controller its identity; a private Fulcio trusts SPIRE's issuer
 * KeylessSigning.custom({
 *   fulcioAddress: 'https://fulcio.example.internal',
 *   oidcIssuer: 'https://oidc-discovery.example.org',
 *   provider: FulcioProvider.SPIFFE,
 *   rekorUrl: 'https://rekor.example.internal',
 * })
 */
export class KeylessSigning {
  /**
   * The public-good Sigstore instance (fulcio.sigstore.dev, oauth2.sigstore.dev, rekor.sigstore.dev),
   * for a controller whose token it accepts: FulcioProvider.GOOGLE, or FulcioProvider.FILESYSTEM
   * on a managed cluster whose OIDC issuer it trusts. ChainsConfig refuses FulcioProvider.SPIFFE
   * (it has no spiffe issuer) and FulcioProvider.GITHUB (a pod has no GitHub Actions token) with it.
   */
  public static publicGood(options?: KeylessIdentityOptions): KeylessSigning {
    return new KeylessSigning({ fulcioAddress: PUBLIC_FULCIO, oidcIssuer: PUBLIC_OIDC_ISSUER, ...options });
  }

  /** A private Sigstore instance. */
  public static custom(options: KeylessSigningOptions): KeylessSigning {
    return new KeylessSigning(options);
  }

  /** Fulcio's address. */
  public readonly fulcioAddress: string;
  /** The OIDC issuer Fulcio trusts. */
  public readonly oidcIssuer: string;
  /** Where the controller gets its OIDC token. */
  public readonly provider?: FulcioProvider;
  /** The ID token file. */
  public readonly identityTokenFile?: string;
  /** Rekor's URL. */
  public readonly rekorUrl?: string;
  /** The TUF root's URL. */
  public readonly tufMirrorUrl?: string;

  private constructor(options: KeylessSigningOptions) {
    this.fulcioAddress = options.fulcioAddress;
    this.oidcIssuer = options.oidcIssuer;
    this.provider = options.provider;
    this.identityTokenFile = options.identityTokenFile;
    this.rekorUrl = options.rekorUrl;
    this.tufMirrorUrl = options.tufMirrorUrl;
  }
}

/**
 * Props of a ChainsConfig.
 */
export interface ChainsConfigProps {
  /** TaskRun provenance. @default - SLSA_V1 format, OCI storage, X509 signer */
  readonly taskRuns?: TaskRunArtifacts;
  /** PipelineRun provenance. @default - SLSA_V1 format, OCI storage, X509 signer, deep inspection */
  readonly pipelineRuns?: PipelineRunArtifacts;
  /** Image signatures. @default - SIMPLE_SIGNING format, OCI storage, X509 signer */
  readonly oci?: OciArtifacts;
  /**
   * Keyless signing through Fulcio for the x509 signer.
   * @default - the x509 signer uses the key in the `signing-secrets` Secret (`signers.x509.fulcio.enabled: "false"`)
   */
  readonly keyless?: KeylessSigning;
  /** The KMS key; required when an artifact type uses ChainsSigner.KMS, refused otherwise. @default - none */
  readonly kms?: KmsSigning;
  /** Storage backend settings. @default - `storage.oci.repository.insecure: "false"`, nothing else */
  readonly storage?: ChainsStorageSettings;
  /** `transparency.enabled`; anything but ENABLED needs a relaxation of CHAINS_TRANSPARENCY. @default TransparencyMode.ENABLED */
  readonly transparency?: TransparencyMode;
  /** `transparency.url`: the Rekor server; https only, as Go's `url.Parse` reads it (no space around it, `%`-escapes of two hex digits, one port). Not together with a keyless `rekorUrl`. @default 'https://rekor.sigstore.dev' */
  readonly transparencyUrl?: string;
  /** `builder.id` of the provenance: the URI of the build platform, not empty. @default - Chains' default, `https://tekton.dev/chains/v2` */
  readonly builderId?: string;
  /** `builddefinition.buildtype` of SLSA v1.0 provenance. @default - Chains' default, ChainsBuildType.SLSA */
  readonly buildType?: ChainsBuildType;
  /**
   * More keys, as written into the ConfigMap. They may override the defaults above but
   * not a key a typed prop sets; keys and values must be documented for Chains v0.29
   * (CHAINS_KNOWN_KEYS) and are checked like the typed settings.
   * @default - none
   */
  readonly additionalSettings?: { [key: string]: string };
  /** Relaxations for the ConfigMap. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * Tekton Chains' configuration: the `chains-config` ConfigMap in `tekton-chains`.
 *
 * Every secure choice is written explicitly: SLSA provenance (`slsa/v1`) for TaskRuns
 * and PipelineRuns with deep inspection, OCI storage, the x509 signer for every
 * artifact type, every signature uploaded to the transparency log, and TLS verification
 * towards registries. Signer `none`, transparency other than `"true"` and an insecure
 * registry need a relaxation (the `in-toto` format needs none: it is the `slsa/v1` formatter
 * under its older name); unknown keys, credentials and contradictory settings are refused,
 * and so are a Fulcio provider the public-good Fulcio cannot certify and a private Fulcio's certificates uploaded to the public-good Rekor by default. Apply it over the ConfigMap Chains installs.
 *
 * @example
 * new ChainsConfig(chart, 'chains', {
 *   keyless: KeylessSigning.custom({
 *     fulcioAddress: 'https://fulcio.example.internal',
 *     oidcIssuer: 'https://oidc-discovery.example.org',
 *     provider: FulcioProvider.SPIFFE,
 *     rekorUrl: 'https://rekor.example.internal',
 *   }),
 *   pipelineRuns: { format: ProvenanceFormat.SLSA_V2_ALPHA4 },
 * });
 */
export class ChainsConfig extends Construct {
  /** The emitted ConfigMap. */
  public readonly apiObject: ApiObject;

  private readonly data: Record<string, string>;
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: ChainsConfigProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.policy.relax(props.relaxations);
    const { data, given } = this.typedSettings(props);
    for (const [key, value] of Object.entries(props.additionalSettings ?? {})) {
      // from JavaScript or another jsii language a value may be null or not a string: cdk8s would leave a null key out
      // of the ConfigMap, and the API server refuses one that is not a string
      if (typeof value !== 'string') {
        throw this.policy.error({
          property: `additionalSettings['${key}']`,
          value: String(value),
          problem: 'is not a string: a ConfigMap\'s data holds strings only',
          rule: RuleId.VALID_SPEC,
          fix: 'Give the key a string value, or leave it out for Chains\' default.',
        });
      }
      if (given.has(key)) {
        throw this.error(key, value, 'is set both by a typed prop and in additionalSettings', 'Set it in one place, preferably the typed prop.');
      }
      data[key] = value;
    }
    this.data = data;
    this.checkStorageNames(props.storage);
    // Unknown keys, credentials and values Chains refuses: the rule's own findings, at construction.
    const findings = CHAINS_KNOWN_KEYS.check({ kind: 'ConfigMap', metadata: { name: CHAINS_CONFIG_NAME }, data });
    this.policy.throwFindings(findings);
    this.checkCombinations(props);
    this.checkPrivateFulcioLog(props);

    this.apiObject = this.policy.emit(new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: CHAINS_CONFIG_NAME, namespace: CHAINS_NAMESPACE },
      data: { ...this.data },
    }));
  }

  /** Every key written into the ConfigMap, with its value. */
  public get settings(): { [key: string]: string } {
    return { ...this.data };
  }

  /** Refuses a typed repository or bucket Chains cannot store in, in the words of its prop (CHAINS_KNOWN_KEYS judges the keys). */
  private checkStorageNames(storage: ChainsStorageSettings | undefined): void {
    const typed = [['ociRepository', ociRepositoryProblem], ['gcsBucket', gcsBucketProblem]] as const;
    for (const [prop, check] of typed) {
      const value = storage?.[prop];
      const refused = typeof value === 'string' ? check(value) : undefined;
      if (refused === undefined) continue;
      throw this.policy.error({
        property: `storage.${prop}`,
        value,
        problem: refused.problem,
        rule: RuleId.VALID_SPEC,
        fix: refused.meant !== undefined ? `Give storage: { ${prop}: '${refused.meant}' } (${refused.form}).` : `Give storage.${prop} as ${refused.form}.`,
      });
    }
  }

  /** A refusal about one key of the ConfigMap. */
  private error(key: string, value: string | undefined, problem: string, fix: string): Error {
    return this.policy.error({ property: dataKey(key), value, problem, rule: RuleId.VALID_SPEC, fix });
  }

  /** The keys the typed props write, in documentation order, and those the user set (not defaults). */
  private typedSettings(props: ChainsConfigProps): { data: Record<string, string>; given: Set<string> } {
    const data: Record<string, string> = {};
    const given = new Set<string>();
    // a null (JavaScript) is a prop not given, as cdk8s would leave it out of the ConfigMap
    const put = (key: string, value: string | undefined, secure?: string) => {
      if (value !== undefined && value !== null) {
        data[key] = value;
        given.add(key);
      } else if (secure !== undefined) {
        data[key] = secure;
      }
    };
    const list = (backends?: ChainsStorageBackend[]) => backends && [...new Set(backends)].join(',');
    const bool = (b?: boolean) => (b === undefined ? undefined : String(b));

    for (const [type, artifacts] of [['taskrun', props.taskRuns], ['pipelinerun', props.pipelineRuns]] as const) {
      put(`artifacts.${type}.format`, artifacts?.format, ProvenanceFormat.SLSA_V1);
      put(`artifacts.${type}.storage`, list(artifacts?.storage), ChainsStorageBackend.OCI);
      put(`artifacts.${type}.signer`, artifacts?.signer, ChainsSigner.X509);
    }
    put('artifacts.pipelinerun.enable-deep-inspection', bool(props.pipelineRuns?.deepInspection), 'true');
    put('artifacts.oci.format', props.oci?.format, OciPayloadFormat.SIMPLE_SIGNING);
    put('artifacts.oci.storage', list(props.oci?.storage), ChainsStorageBackend.OCI);
    put('artifacts.oci.signer', props.oci?.signer, ChainsSigner.X509);

    const keyless = props.keyless;
    put('signers.x509.fulcio.enabled', keyless && 'true', 'false');
    put('signers.x509.fulcio.address', keyless?.fulcioAddress);
    put('signers.x509.fulcio.issuer', keyless?.oidcIssuer);
    put('signers.x509.fulcio.provider', keyless?.provider);
    put('signers.x509.identity.token.file', keyless?.identityTokenFile);
    put('signers.x509.tuf.mirror.url', keyless?.tufMirrorUrl);

    const kms = props.kms;
    put('signers.kms.kmsref', kms?.keyRef);
    put('signers.kms.auth.address', kms?.authAddress);
    put('signers.kms.auth.token-path', kms?.authTokenPath);
    put('signers.kms.auth.oidc.path', kms?.oidcPath);
    put('signers.kms.auth.oidc.role', kms?.oidcRole);
    put('signers.kms.auth.oidc.token-path', kms?.oidcTokenPath);
    put('signers.kms.auth.spire.sock', kms?.spireSocket);
    put('signers.kms.auth.spire.audience', kms?.spireAudience);

    const storage = props.storage ?? {};
    put('storage.oci.repository', storage.ociRepository);
    put('storage.oci.repository.insecure', bool(storage.insecureOciRepository), 'false');
    put('storage.oci.encoding-format', storage.ociEncodingFormat);
    put('storage.gcs.bucket', storage.gcsBucket);
    put('storage.docdb.url', storage.docdbUrl);
    put('storage.docdb.mongo-server-url-dir', storage.mongoServerUrlDir);
    put('storage.docdb.mongo-server-url-path', storage.mongoServerUrlPath);
    put('storage.grafeas.projectid', storage.grafeasProjectId);
    put('storage.grafeas.noteid', storage.grafeasNoteId);
    put('storage.grafeas.notehint', storage.grafeasNoteHint);
    put('storage.archivista.url', storage.archivistaUrl);

    if (props.transparencyUrl !== undefined && keyless?.rekorUrl !== undefined) {
      throw this.error('transparency.url', props.transparencyUrl, 'is set both in transparencyUrl and as the keyless rekorUrl',
        'Give the Rekor URL once: in KeylessSigning.custom({ rekorUrl }) or in transparencyUrl.');
    }
    put('transparency.enabled', props.transparency, TransparencyMode.ENABLED);
    put('transparency.url', props.transparencyUrl ?? keyless?.rekorUrl, PUBLIC_REKOR);
    put('builder.id', props.builderId);
    put('builddefinition.buildtype', props.buildType);
    return { data, given };
  }

  /**
   * Refuses a Fulcio provider that cannot get a certificate, and a token file Chains never
   * reads, in the words of the keyless prop when it wrote them (else of the key).
   */
  private checkFulcioIdentity(keyless: KeylessSigning | undefined): void {
    const data = this.data;
    const provider = data['signers.x509.fulcio.provider'];
    const address = data['signers.x509.fulcio.address'];
    const property = (prop: 'provider' | 'identityTokenFile', key: string) =>
      (keyless?.[prop] !== undefined ? `keyless.${prop}` : dataKey(key));
    const refused = provider === undefined ? undefined : PUBLIC_FULCIO_REFUSED_PROVIDERS.get(provider);
    if (provider !== undefined && refused !== undefined && isPublicFulcio(address)) {
      throw this.policy.error({
        property: property('provider', 'signers.x509.fulcio.provider'),
        value: provider,
        problem: `gets no certificate from the public-good Fulcio (${PUBLIC_FULCIO}): ${refused}, so Chains cannot build its x509 signer, `
          + 'leaves it out and marks every run signed with no signature',
        rule: RuleId.VALID_SPEC,
        fix: provider === 'spiffe'
          ? `With SPIRE, sign through a private Fulcio whose configuration has a spiffe issuer for your trust domain: ${PRIVATE_SPIFFE}; `
            + `or ${PUBLIC_GOOD_FROM_CLUSTER}.`
          : `Sign with an identity the controller has: ${PUBLIC_GOOD_FROM_CLUSTER}; or, with SPIRE, a private Fulcio whose configuration has `
            + `a spiffe issuer for your trust domain: ${PRIVATE_SPIFFE}.`,
      });
    }
    const tokenFile = data['signers.x509.identity.token.file'];
    if (tokenFile !== undefined && provider !== undefined && !TOKEN_FILE_PROVIDERS.includes(provider)) {
      throw this.policy.error({
        property: property('identityTokenFile', 'signers.x509.identity.token.file'),
        value: tokenFile,
        problem: `is never read: with signers.x509.fulcio.provider "${provider}" Chains asks that provider for the token `
          + '(it reads the token file only with provider filesystem, filesystem-custom-path or none)',
        rule: RuleId.VALID_SPEC,
        fix: keyless?.identityTokenFile !== undefined
          ? 'Give the token file with provider: FulcioProvider.FILESYSTEM (or no provider), or remove identityTokenFile to use the provider\'s own token.'
          : 'Set signers.x509.fulcio.provider "filesystem" (or leave it unset) to sign with the token file, or remove signers.x509.identity.token.file.',
      });
    }
  }

  /**
   * Refuses a private Fulcio whose certificates (the controller's identity, the images and their digests) Chains would
   * upload to the public-good Rekor only because no Rekor was given. The condition is CHAINS_TRANSPARENCY's
   * (privateFulcioPublicLog), read on the ConfigMap as given, before ChainsConfig writes Chains' default `transparency.url`
   * out (which that rule reads as a choice made on purpose): an explicit transparencyUrl (or `transparency.url` in
   * additionalSettings) publishes there on purpose.
   */
  private checkPrivateFulcioLog(props: ChainsConfigProps): void {
    const keyless = props.keyless;
    const givenUrl = props.transparencyUrl ?? keyless?.rekorUrl ?? props.additionalSettings?.['transparency.url'];
    const publicLog = privateFulcioPublicLog({ ...this.data, 'transparency.url': givenUrl ?? undefined });
    if (publicLog === undefined) return;
    throw this.policy.error({
      property: keyless !== undefined ? 'keyless.rekorUrl' : dataKey('transparency.url'),
      problem: `is not set, nor is transparencyUrl: ChainsConfig would write out Chains' default, and then ${publicLog} `
        + `(the finding of ${RuleId.CHAINS_TRANSPARENCY} on a chains-config that leaves transparency.url out)`,
      rule: RuleId.VALID_SPEC,
      fix: keyless !== undefined
        ? "Give your Sigstore's Rekor beside its Fulcio: rekorUrl: 'https://rekor.example.internal' in KeylessSigning.custom; or, to publish in "
          + `the public log on purpose, transparencyUrl: '${PUBLIC_REKOR}'.`
        : `Give your Sigstore's Rekor: transparencyUrl: 'https://rekor.example.internal'; or, to publish in the public log on purpose, transparencyUrl: '${PUBLIC_REKOR}'.`,
    });
  }

  /** Refuses settings that cannot work together or would leak tokens and provenance. */
  private checkCombinations(props: ChainsConfigProps): void {
    const keyless = props.keyless;
    const data = this.data;
    // Signer and storage keys are always written (defaults included).
    const signers = ARTIFACT_TYPES.map((type) => [`artifacts.${type}.signer`, data[`artifacts.${type}.signer`]]);
    const kmsSigner = signers.find(([, signer]) => signer === ChainsSigner.KMS);
    const kmsRef = data['signers.kms.kmsref'];
    if (kmsSigner && kmsRef === undefined) {
      throw this.error(kmsSigner[0], kmsSigner[1], 'needs signers.kms.kmsref', `Give kms: { keyRef: '<key URI>' } of the form ${KMS_SCHEMES_TEXT}.`);
    }
    if (kmsRef !== undefined && !isKmsUri(kmsRef)) {
      throw this.error('signers.kms.kmsref', kmsRef, 'is not a key reference sigstore accepts (Chains would leave the kms signer out and sign nothing with it)', `Use a key reference of the form ${KMS_SCHEMES_TEXT} (see https://docs.sigstore.dev/cosign/kms_support).`);
    }
    if (kmsRef !== undefined && !kmsSigner) {
      throw this.error('signers.kms.kmsref', kmsRef, 'is set but no artifact type is signed with kms',
        'Set signer: ChainsSigner.KMS on the artifact types to sign with it, or remove kms.');
    }
    const fulcio = data['signers.x509.fulcio.enabled'];
    if (parsesTrue(fulcio) && !signers.some(([, signer]) => signer === ChainsSigner.X509)) {
      throw this.error('signers.x509.fulcio.enabled', fulcio, 'is set but no artifact type is signed with x509',
        'Keyless signing configures the x509 signer: keep signer ChainsSigner.X509 (the default) on the artifact types it should sign, or remove keyless.');
    }
    if (parsesTrue(fulcio)) this.checkFulcioIdentity(keyless);
    // each URL in the words of the typed prop that wrote it (else of the key)
    const typedUrls: Record<string, [string, string | undefined]> = {
      'signers.x509.fulcio.address': ['keyless.fulcioAddress', keyless?.fulcioAddress],
      'signers.x509.tuf.mirror.url': ['keyless.tufMirrorUrl', keyless?.tufMirrorUrl],
      'transparency.url': props.transparencyUrl !== undefined && props.transparencyUrl !== null
        ? ['transparencyUrl', props.transparencyUrl]
        : ['keyless.rekorUrl', keyless?.rekorUrl],
      'storage.archivista.url': ['storage.archivistaUrl', props.storage?.archivistaUrl],
      'signers.kms.auth.address': ['kms.authAddress', props.kms?.authAddress],
    };
    for (const key of CHAINS_HTTPS_KEYS) {
      const url = data[key];
      if (url === undefined) continue;
      const [prop, typed] = typedUrls[key] ?? [];
      const property = prop !== undefined && typed !== undefined && typed !== null ? prop : dataKey(key);
      // Chains' clients parse it with Go's url.Parse (Go 1.26), which refuses what a WHATWG parser trims or tolerates,
      // and an https URL with two colons in its host, which both refuse: it is https, so say what Go refuses
      if (goParseUrl(url, CHAINS_GO) === undefined && (parseHttpsUrl(url) !== undefined || /^https:\/\//i.test(url))) {
        throw this.policy.error({
          property,
          value: url,
          problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26)",
          rule: RuleId.VALID_SPEC,
          fix: `Chains cannot reach the service: give ${property} the https:// URL without spaces around it, with %-escapes of two hex digits `
            + 'and at most one port (https://host:port/path).',
        });
      }
      if (!parseHttpsUrl(url) || goHttpsHost(url, CHAINS_GO) === undefined) {
        throw this.policy.error({
          property,
          value: url,
          problem: 'is not an https:// URL',
          rule: RuleId.VALID_SPEC,
          fix: 'Chains sends tokens, signatures or provenance there: use https (mount a private CA into the controller if needed).',
        });
      }
    }
    for (const type of ARTIFACT_TYPES) {
      const key = `artifacts.${type}.storage`;
      for (const backend of storageEntries(data[key])) {
        const [setting, prop] = BACKEND_SETTINGS[backend] ?? [];
        if (setting && data[setting] === undefined) {
          throw this.error(key, backend, `needs ${setting}`, `Give storage: { ${prop}: ... }: Chains cannot store there without it.`);
        }
        // "" (or blanks) is no bucket, URL or project either: Chains takes it as written and fails every store there
        if (setting && data[setting].trim() === '') {
          const given = (props.storage as Record<string, unknown> | undefined)?.[prop] !== undefined;
          throw this.policy.error({
            property: given ? `storage.${prop}` : dataKey(setting),
            value: data[setting],
            problem: `is empty, though ${key} stores in ${backend}: Chains cannot store there without it`,
            rule: RuleId.VALID_SPEC,
            fix: `Give storage: { ${prop}: ... } a value, or remove ${backend} from the artifacts' storage.`,
          });
        }
      }
    }
    // builder.id "" replaces Chains' default: every provenance would name no builder, which SLSA requires it to identify
    const builder = data['builder.id'];
    if (builder !== undefined && builder.trim() === '') {
      throw this.policy.error({
        property: props.builderId !== undefined ? 'builderId' : dataKey('builder.id'),
        value: builder,
        problem: 'is empty: Chains writes it as the builder.id of every provenance it records, which then names no builder for a verifier to trust',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the URI of your build platform, e.g. builderId: \'https://ci.example.com/chains\', or leave it out for Chains\' default https://tekton.dev/chains/v2.',
      });
    }
  }
}
