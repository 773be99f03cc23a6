import { RELAXATION_ANNOTATION_PREFIX } from '../../private/annotations';
import {
  ARTIFACT_TYPES, CHAINS_GO, CHAINS_KEYS, chainsConfigView, ChainsConfigView, DEFAULT_TUF_MIRROR, isPublicFulcio, parsesTrue, PUBLIC_FULCIO,
  PUBLIC_FULCIO_REFUSED_PROVIDERS, storageEntries, unreadByOperatorChains,
} from '../../private/chains-keys';
import { goParseUrl } from '../../private/go-url';
import { isKmsUri, KMS_SCHEMES_TEXT } from '../../private/kms';
import {
  isOperatorChainsConfig, OPERATOR_CHAINS_DECIDES, OPERATOR_CHAINS_KEPT, OPERATOR_CHAINS_OFF, OPERATOR_CHAINS_WEBHOOK_LIMITS, operatorChainsConfig,
  OPERATOR_REPLACED_LIMITS,
} from '../../private/operator-chains';
import { OPERATOR_AUTOINSTALL_LIMITS, operatorAutoinstallDecides, operatorAutoinstallProblem } from '../../private/operator-objects';
import { Severity } from '../rule';
import { chainsConfigKeptOnly, chainsConfigKeptProblems, chainsConfigRelaxation, isChainsConfigOrOperatorTarget, manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The signers that sign; a missing key means Chains' default, x509. */
const SIGNING = ['x509', 'kms'];

/**
 * Storage backends Chains v0.29 cannot start without a setting, and how it is read: one
 * backend that fails to start makes `InitializeBackends` return none at all, so every
 * artifact type fails to store ("could not find backend") and no run is marked signed.
 */
interface BackendSetting {
  readonly backend: string;
  readonly key: string;
  /** Why Chains cannot start the backend with this value, or undefined when it can. */
  readonly unusable: (value: string) => string | undefined;
  readonly what: string;
}
const BACKEND_SETTINGS: readonly BackendSetting[] = [
  // archivista.NewStorageBackend refuses a blank URL (strings.TrimSpace), and its client one url.Parse refuses
  {
    backend: 'archivista',
    key: 'storage.archivista.url',
    unusable: (v) => (v.trim() === '' ? 'is blank' : goParseUrl(v, CHAINS_GO) === undefined
      ? "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26)" : undefined),
    what: "the Archivista server's URL, written without spaces around it, with %-escapes of two hex digits and at most one port",
  },
  // docdb opens the collection at the URL with the gocloud docstore drivers Chains links in (mongo, firestore, dynamodb)
  {
    backend: 'docdb',
    key: 'storage.docdb.url',
    unusable: (v) => (/^(?:mongo|firestore|dynamodb):\/\//.test(v) ? undefined : 'is not a mongo://, firestore:// or dynamodb:// URL'),
    what: 'the collection URL (mongo://, firestore:// or dynamodb://)',
  },
];

/**
 * Storage names Chains v0.29 accepts for an artifact type yet can never store it in: `Sign`
 * fails to store there, returns before the run's later artifact types (a TaskRun's images come
 * after its attestation) and never marks the run signed.
 */
interface FailingStorage {
  readonly backend: string;
  readonly types: readonly string[];
  readonly why: string;
}
const FAILING_STORAGE: readonly FailingStorage[] = [
  // InitializeBackends knows no kafka; artifacts.pipelinerun.storage refuses it (the configuration fails to load: CHAINS_KNOWN_KEYS)
  {
    backend: 'kafka',
    types: ['taskrun', 'oci'],
    why: 'Chains v0.29 starts no storage backend for it (its pubsub backend is named pubsub, which no storage key accepts)',
  },
  // archivista's StorePayload reads the signature as a DSSE envelope; simplesigning (the only OCI format) is not wrapped in one
  {
    backend: 'archivista',
    types: ['oci'],
    why: 'Archivista takes only DSSE envelopes, and Chains signs images in simplesigning, which it does not wrap in one',
  },
];

/**
 * An x509 signer that asks the public-good Fulcio for a certificate with a provider it never
 * certifies from a cluster: Chains v0.29's `fulcioSigner` fails (pkg/chains/signing/x509/x509.go),
 * `allSigners` drops the x509 signer with a warning (pkg/chains/signing.go) and `Sign` skips what
 * it would sign, yet marks the run signed.
 */
function publicFulcio(data: Readonly<Record<string, string>>, property: (key: string) => string) {
  const x509 = ARTIFACT_TYPES.some((type) => (data[`artifacts.${type}.signer`] ?? 'x509') === 'x509');
  const provider = data['signers.x509.fulcio.provider'];
  const why = provider === undefined ? undefined : PUBLIC_FULCIO_REFUSED_PROVIDERS.get(provider);
  const address = data['signers.x509.fulcio.address'];
  if (!x509 || !parsesTrue(data['signers.x509.fulcio.enabled']) || why === undefined || !isPublicFulcio(address)) return [];
  const at = address === undefined ? `${PUBLIC_FULCIO}, Chains' default as signers.x509.fulcio.address is not set` : `signers.x509.fulcio.address ${address}`;
  return [{
    property: property('signers.x509.fulcio.provider'),
    value: provider,
    problem: `gets no certificate from the public-good Fulcio (${at}): ${why}, so Chains cannot build its x509 signer, `
      + 'leaves it out and signs nothing with it, yet marks every run signed',
    fix: 'Point signers.x509.fulcio.address and signers.x509.fulcio.issuer at a private Fulcio whose configuration has a spiffe issuer '
      + 'for your SPIRE trust domain (provider spiffe), or use a provider the public Fulcio accepts from a cluster '
      + '(google-workload-identity, or filesystem with a managed cluster\'s service account token).',
  }];
}

/**
 * Storage backends Chains v0.29 starts without a setting but cannot write to without it: every
 * `StorePayload` fails, so `Sign` stores nothing there, returns before the run's later artifact
 * types and never marks the run signed.
 */
const STORE_SETTINGS: readonly BackendSetting[] = [
  // grafeas' StorePayload: "Project ID must be configured!"
  { backend: 'grafeas', key: 'storage.grafeas.projectid', unusable: (v) => (v !== '' ? undefined : 'is empty'), what: 'the Google Cloud project of the Container Analysis notes' },
  // the GCS client refuses an object handle whose bucket is "" ("storage: bucket name is empty")
  { backend: 'gcs', key: 'storage.gcs.bucket', unusable: (v) => (v !== '' ? undefined : 'is empty'), what: 'the GCS bucket' },
];

/**
 * Settings a signer cannot be built with, whatever answers on the network: Chains v0.29's kms.NewSigner parses
 * `signers.kms.auth.address` (when set) with url.Parse before anything, and fulcioSigner (signers.x509.fulcio.enabled)
 * fetches `<signers.x509.tuf.mirror.url>/root.json` (url.JoinPath, then http.Get, which needs an http or https URL with a
 * host) when the mirror is not sigstore's: on an error `allSigners` leaves the signer out, and `Sign` skips what it would
 * sign, yet marks the run signed.
 */
function unbuildableSigners(data: Readonly<Record<string, string>>, property: (key: string) => string) {
  const uses = (signer: string) => ARTIFACT_TYPES.some((type) => (data[`artifacts.${type}.signer`] ?? 'x509') === signer);
  const out = [];
  const address = data['signers.kms.auth.address'];
  if (uses('kms') && address !== undefined && address !== '' && goParseUrl(address, CHAINS_GO) === undefined) {
    out.push({
      property: property('signers.kms.auth.address'),
      value: address,
      problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26), though an artifact type signs with kms: "
        + 'Chains cannot build its kms signer, leaves it out and signs nothing with it, yet marks every run signed',
      fix: 'Write the Vault address as an https:// URL without spaces and with one port (https://vault.example.com:8200), or leave it out.',
    });
  }
  const mirror = data['signers.x509.tuf.mirror.url'];
  const fetched = mirror === undefined || mirror === DEFAULT_TUF_MIRROR ? undefined : goParseUrl(mirror, CHAINS_GO);
  if (uses('x509') && parsesTrue(data['signers.x509.fulcio.enabled']) && mirror !== undefined && mirror !== DEFAULT_TUF_MIRROR
    && (fetched === undefined || (fetched.scheme !== 'https' && fetched.scheme !== 'http') || fetched.hostname === '')) {
    out.push({
      property: property('signers.x509.tuf.mirror.url'),
      value: mirror,
      problem: 'is not a URL Chains can fetch the TUF root from (an http or https URL with a host that Go\'s url.Parse reads), though it signs '
        + 'through Fulcio (signers.x509.fulcio.enabled true): Chains cannot build its x509 signer, leaves it out and signs nothing with it, yet marks every run signed',
      fix: `Write the TUF mirror as an https:// URL without spaces, or leave signers.x509.tuf.mirror.url out for sigstore's (${DEFAULT_TUF_MIRROR}).`,
    });
  }
  return out;
}

/** The Fulcio providers Chains v0.29.2 registers (cosign's, and its own filesystem-custom-path). */
const FULCIO_PROVIDERS: readonly string[] = CHAINS_KEYS.get('signers.x509.fulcio.provider')?.values ?? [];

/**
 * An x509 signer through Fulcio whose `signers.x509.fulcio.provider` names no provider Chains
 * registers (such as `github` or `google`, which Chains' docs and the operator's webhook name):
 * cosign's `ProvideFrom` fails, `fulcioSigner` returns the error, and `allSigners` leaves the
 * x509 signer out; `Sign` skips what it would sign, yet marks the run signed. ("" tries each.)
 */
function unknownProvider(data: Readonly<Record<string, string>>, property: (key: string) => string) {
  const x509 = ARTIFACT_TYPES.some((type) => (data[`artifacts.${type}.signer`] ?? 'x509') === 'x509');
  const provider = data['signers.x509.fulcio.provider'];
  if (!x509 || !parsesTrue(data['signers.x509.fulcio.enabled']) || provider === undefined || provider === '' || FULCIO_PROVIDERS.includes(provider)) return [];
  return [{
    property: property('signers.x509.fulcio.provider'),
    value: provider,
    problem: `is not a provider Chains registers (${FULCIO_PROVIDERS.join(', ')}): it gets no identity token for Fulcio, so Chains cannot build `
      + 'its x509 signer, leaves it out and signs nothing with it, yet marks every run signed',
    fix: 'Name a registered provider (GitHub Actions is github-actions, Google google-workload-identity or google-impersonate), '
      + 'or leave signers.x509.fulcio.provider out to try each.',
  }];
}

/** Chains signs every artifact type. */
export const CHAINS_SIGNED = manifestRule(
  {
    id: RuleId.CHAINS_SIGNED,
    severity: Severity.HIGH,
    title: 'Chains signs TaskRun, PipelineRun and OCI artifacts with a real signer (x509 or kms)',
    rationale: 'Unsigned provenance or an unsigned image can be written or swapped by anyone who can write to the storage, and a verifier cannot tell it from the real one. Signer "none" does not even leave unsigned provenance: Chains v0.29 turns that artifact type off and neither formats nor stores it.',
    fix: 'Sign with x509 (the key in the signing-secrets Secret, or keyless through Fulcio) or kms.',
    decidesFrom:
      '`artifacts.taskrun.signer`, `artifacts.pipelinerun.signer` and `artifacts.oci.signer` in the ConfigMap named '
      + '`chains-config` in namespace `tekton-chains` (or with no namespace): a value other than exactly `x509` or `kms` is a '
      + 'finding; an unset key passes (Chains then signs with x509). An artifact type whose `artifacts.<type>.storage` is '
      + 'written empty (`""`; Chains refuses a whole configuration whose list has an entry that trims to nothing, as `" "` or `","`, which CHAINS_KNOWN_KEYS reports) is neither signed nor stored; a `kms` signer without a `signers.kms.kmsref` of '
      + 'a shape sigstore accepts signs nothing (Chains leaves the signer out and skips the artifacts), and so does an x509 signer '
      + 'with `signers.x509.fulcio.enabled` true (Go `ParseBool`) whose `signers.x509.fulcio.provider` is `spiffe` or `github-actions` '
      + `while \`signers.x509.fulcio.address\` is the public-good Fulcio (${PUBLIC_FULCIO}, also Chains' default when unset): it has `
      + 'no spiffe issuer, and a pod has no GitHub Actions token, so Chains cannot build the x509 signer; nor can it with a '
      + '`signers.x509.fulcio.provider` (not "") that names no provider Chains registers (`github` and `google`, which its docs and the '
      + `operator's webhook name, are not among ${FULCIO_PROVIDERS.map((p) => `\`${p}\``).join(', ')}), nor, signing through Fulcio, `
      + `with a \`signers.x509.tuf.mirror.url\` other than ${DEFAULT_TUF_MIRROR} that is no http or https URL with a host (Chains fetches `
      + 'its root.json first); nor the kms signer with a `signers.kms.auth.address` (not "") that Go\'s `url.Parse` refuses (Go 1.26, '
      + 'which Chains v0.29.2 is built with: a space, a bad escape, two colons in an http(s) host). A storage list that '
      + 'names `archivista` without a `storage.archivista.url` that Go\'s `url.Parse` reads, or `docdb` without a `mongo://`, `firestore://` or `dynamodb://` '
      + '`storage.docdb.url`, for a type whose signer is not none, '
      + 'leaves Chains with no storage backend at all: nothing is stored or marked signed. An `artifacts.taskrun.storage` or '
      + '`artifacts.oci.storage` that names `kafka` (which Chains v0.29 accepts there but starts no backend for), or an '
      + '`artifacts.oci.storage` that names `archivista` (which takes only DSSE envelopes, while image signatures are simplesigning), '
      + 'for a type whose signer is not none, is a finding: storing there fails, the run\'s later artifact types are skipped and it '
      + 'is never marked signed; so is a storage list of such a type that names `grafeas` without a `storage.grafeas.projectid`, or '
      + '`gcs` without a `storage.gcs.bucket` (missing or "").' + OPERATOR_CHAINS_DECIDES + OPERATOR_CHAINS_OFF + OPERATOR_CHAINS_KEPT
      + operatorAutoinstallDecides('TektonChain', 'spec.chain', 'chains-config'),
    limits:
      'Whether the signing key exists (the signing-secrets Secret, the KMS key, Fulcio for keyless signing) and whether '
      + 'Chains is installed and running are not seen.' + OPERATOR_CHAINS_WEBHOOK_LIMITS + ' ' + OPERATOR_AUTOINSTALL_LIMITS + ' ' + OPERATOR_REPLACED_LIMITS,
    howToRelax: chainsConfigRelaxation(RuleId.CHAINS_SIGNED, '`ChainsSigner.NONE`'),
    relaxable: true,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => {
    // a TektonChain without a TektonConfig: the operator's own TektonConfig replaces its settings
    const replaced = operatorAutoinstallProblem(manifest, context?.manifests, 'chains-config',
      `${RELAXATION_ANNOTATION_PREFIX}${RuleId.CHAINS_SIGNED}: "*: <why>"`);
    const view = chainsConfigView(manifest);
    const removed = view === undefined && isOperatorChainsConfig(manifest) ? operatorChainsConfig(manifest).off : undefined;
    if (removed) {
      return [{
        property: removed.path,
        value: removed.value,
        problem: `${removed.why}, so nothing is signed`,
        fix: removed.path === 'spec.profile'
          ? 'Set spec.profile to basic (or all), which install Tekton Chains.'
          : 'Write disabled: false under spec.chain (or leave it out).',
      }];
    }
    if (!view || chainsConfigKeptOnly(manifest, context)) {
      return replaced === undefined ? chainsConfigKeptProblems(manifest, context, signedProblems) : [replaced];
    }
    // a ConfigMap of tekton-chains beside an operator that installs Chains elsewhere: judged, saying its Chains does not read it
    const unread = unreadByOperatorChains(manifest, context?.manifests) ?? '';
    return [...(replaced === undefined ? [] : [replaced]), ...signedProblems(view).map((p) => ({ ...p, problem: p.problem + unread }))];
  },
);

/** What CHAINS_SIGNED finds in the chains-config an object sets (chainsConfigView). */
function signedProblems(view: ChainsConfigView): Problem[] {
  const { data, property } = view;
  const defaultText = view.operator ? "the operator's default, oci" : "Chains' default";
  const signers = ARTIFACT_TYPES
    .map((type) => `artifacts.${type}.signer`)
    .filter((key) => data[key] !== undefined && !SIGNING.includes(data[key]))
    .map((key) => ({ property: property(key), value: data[key], problem: 'does not sign with x509 or kms' }));
  // "" turns the type off; a list whose entries trim to "" (" ", ",") is refused as a whole (CHAINS_KNOWN_KEYS')
  const off = ARTIFACT_TYPES
    .map((type) => `artifacts.${type}.storage`)
    .filter((key) => data[key] === '')
    .map((key) => ({
      property: property(key),
      value: data[key],
      problem: 'is empty, which turns this artifact type off: Chains neither signs nor stores it',
      fix: `Name where it is stored (e.g. "oci" or "tekton"), or leave the key out for ${defaultText}.`,
    }));
  const kmsUsed = ARTIFACT_TYPES.some((type) => data[`artifacts.${type}.signer`] === 'kms');
  const ref = data['signers.kms.kmsref'];
  const kms = kmsUsed && (ref === undefined || !isKmsUri(ref))
    ? [{
      property: property('signers.kms.kmsref'),
      ...(ref !== undefined ? { value: ref } : {}),
      problem: `${ref === undefined ? 'is missing' : `is not a key reference sigstore accepts (${KMS_SCHEMES_TEXT})`}, though an artifact type signs with kms: Chains leaves the kms signer out and signs nothing with it`,
      fix: `Set signers.kms.kmsref to the key's reference: ${KMS_SCHEMES_TEXT}.`,
    }]
    : [];
  // the backends of the types Chains has enabled (Artifact.Enabled: a signer other than "none")
  const stored = new Set(ARTIFACT_TYPES.filter((type) => data[`artifacts.${type}.signer`] !== 'none').flatMap((type) => {
    const value = data[`artifacts.${type}.storage`];
    return value === undefined ? [] : storageEntries(value);
  }));
  const unstartable = BACKEND_SETTINGS.filter((b) => stored.has(b.backend) && b.unusable(data[b.key] ?? '') !== undefined).map((b) => ({
    property: property(b.key),
    ...(data[b.key] !== undefined ? { value: data[b.key] } : {}),
    problem: `${data[b.key] === undefined ? 'is missing' : b.unusable(data[b.key])}, though an artifact type is stored in ${b.backend}: Chains cannot start that `
      + 'backend and is then left with none (tekton and oci included), so it stores nothing and marks no run signed',
    fix: `Set ${b.key} to ${b.what}, or remove ${b.backend} from the artifacts' storage.`,
  }));
  const nowhere = FAILING_STORAGE.flatMap(({ backend, types, why }) => types
    .filter((type) => data[`artifacts.${type}.signer`] !== 'none')
    .map((type) => `artifacts.${type}.storage`)
    .filter((key) => data[key] !== undefined && storageEntries(data[key]).includes(backend))
    .map((key) => ({
      property: property(key),
      value: data[key],
      problem: `names ${backend}, where ${why}: storing there always fails, so Chains stores nothing there, skips the artifact types it `
        + 'would sign after this one for the run (a TaskRun\'s images come after its attestation) and never marks the run signed',
      fix: `Remove ${backend} from ${key} and name where it is stored (e.g. "oci" or "tekton").`,
    })));
  const unwritable = STORE_SETTINGS.filter((b) => stored.has(b.backend) && b.unusable(data[b.key] ?? '') !== undefined).map((b) => ({
    property: property(b.key),
    ...(data[b.key] !== undefined ? { value: data[b.key] } : {}),
    problem: `is ${data[b.key] === undefined ? 'missing' : 'empty'}, though an artifact type is stored in ${b.backend}: every write there fails, so Chains `
      + 'stores nothing there, skips the artifact types it would sign after that one for the run and never marks the run signed',
    fix: `Set ${b.key} to ${b.what}, or remove ${b.backend} from the artifacts' storage.`,
  }));
  const signerless = [...publicFulcio(data, property), ...unknownProvider(data, property), ...unbuildableSigners(data, property)];
  return [...signers, ...off, ...kms, ...signerless, ...unstartable, ...unwritable, ...nowhere];
}
