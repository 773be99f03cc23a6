/**
 * The Chains rules of the catalogue (CHAINS_KNOWN_KEYS, CHAINS_SIGNED, CHAINS_SLSA_PROVENANCE, CHAINS_TRANSPARENCY,
 * CHAINS_SECURE_STORAGE, CHAINS_STORAGE_CREDENTIALS) against Tekton Chains' own reading of chains-config
 * (conformance/chains/cmd/chains-config: pkg/config NewConfigFromMap, Artifact.Enabled, formats.GetPayloader,
 * storage.InitializeBackends and the signers allSigners leaves out for a reason the configuration alone decides;
 * see the command's doc comment for the Chains release it builds).
 *
 * For each chains-config data map, whenever Chains would
 * - refuse the whole configuration: CHAINS_KNOWN_KEYS reports it;
 * - never read a key: CHAINS_KNOWN_KEYS reports the key;
 * - turn an artifact type off (Artifact.Enabled false): CHAINS_SIGNED reports the type's signer or storage, and, for
 *   TaskRuns and PipelineRuns, CHAINS_SLSA_PROVENANCE too;
 * - leave out the signer an enabled artifact type signs with: CHAINS_SIGNED reports the setting that breaks it;
 * - start no storage backend at all (InitializeBackends fails), or none for a backend an enabled type stores in (kafka):
 *   CHAINS_SIGNED reports it;
 * - upload to the transparency log other than for every run (not `enabled` or `verifyAnnotation`): CHAINS_TRANSPARENCY
 *   reports it, and only then (the rule claims no more nor less);
 * - reach the registry with TLS verification off: CHAINS_SECURE_STORAGE reports storage.oci.repository.insecure, and
 *   only then; a URL key whose value Go's url.Parse does not read as https with a host: CHAINS_SECURE_STORAGE reports it;
 * - push for a run's images or attestation to an OCI registry (an enabled TaskRun or OCI type storing in oci, or an
 *   enabled PipelineRun type storing in oci, for a pipeline without an image result of its own only with
 *   enable-deep-inspection as Chains parses it): CHAINS_STORAGE_CREDENTIALS reports the ServiceAccount that lists no
 *   registry Secret.
 * A rule that misses one of these is a bug. Where a rule is knowingly stricter than Chains (it reports what Chains
 * loads and uses), the cases are counted and printed, not failed: see STRICTER.
 *
 * Data: hand-written adversarial maps (every key with a fixed set of values, booleans in every ParseBool spelling and
 * others, spaces and case, comma lists with empty entries, unknown keys, null and "" values, KMS references, Fulcio
 * settings, storage combinations, keys the API server refuses), then generated ones (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS choose
 * others). A null value is written in the ConfigMap as null and given to Chains as "", as the API server stores it.
 */
import * as fc from 'fast-check';
import { Finding } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { CHAINS_KNOWN_KEYS } from '../../src/policy/rules/chains-known-keys';
import { CHAINS_SECURE_STORAGE } from '../../src/policy/rules/chains-secure-storage';
import { CHAINS_SIGNED } from '../../src/policy/rules/chains-signed';
import { CHAINS_SLSA_PROVENANCE } from '../../src/policy/rules/chains-slsa-provenance';
import { CHAINS_STORAGE_CREDENTIALS } from '../../src/policy/rules/chains-storage-credentials';
import { CHAINS_TRANSPARENCY } from '../../src/policy/rules/chains-transparency';
import { ChainsAnswer, chainsConfig, ChainsLoaded, describeWithChainsConfig } from '../helpers/chains-config';

type Data = Record<string, string | null>;
const TYPES = ['taskrun', 'pipelinerun', 'oci'] as const;

/**
 * Where the rules are knowingly stricter than Chains (they report what Chains loads and uses as intended); counted and
 * printed, not failed:
 * - CHAINS_KNOWN_KEYS: a null value (stored as "", removed by a client-side apply: two meanings); the credential keys
 *   signers.kms.auth.token and storage.docdb.mongo-server-url; the storage.pubsub.* keys (read, but no storage can use
 *   them); the values Chains accepts but cannot use (kafka in artifacts.taskrun.storage, kafka and archivista in
 *   artifacts.oci.storage); a boolean key whose value is no ParseBool spelling, or a transparency.enabled other than
 *   true, manual or false (Chains loads them, reading the value as off without a word, which is what the rule reports);
 *   a signers.x509.fulcio.provider Chains registers no provider for (loaded, but no x509 signer through Fulcio can be
 *   built with it); and the keys v0.29.2 does not document though v0.26.2 reads them.
 * - CHAINS_SIGNED: a docdb URL whose scheme Go reads case-insensitively (MONGO://) or that has a driver but no database
 *   (mongo:x); gcs without a bucket and grafeas without a project (their clients fail on writing, which the oracle, with
 *   no Google credentials, does not start); archivista in artifacts.oci.storage (its StorePayload refuses the
 *   simplesigning payload, on writing); a Fulcio provider that the public-good Fulcio refuses (spiffe,
 *   github-actions), which only the network shows; a TUF mirror `https://` (url.JoinPath makes `https://root.json` of
 *   it, whose host fails only on the network); and storage written empty (reported by the key's own finding).
 * - CHAINS_SLSA_PROVENANCE: a format left unset (Chains writes in-toto, which is SLSA, but the rule asks for it written).
 * - CHAINS_STORAGE_CREDENTIALS: none expected.
 */
const STRICTER = 'counted, not failed';

/** A chains-config ConfigMap in tekton-chains with this data. */
const configMap = (data: Data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chains-config', namespace: 'tekton-chains' }, data });

/** A key the API server accepts in a ConfigMap's data (apimachinery's IsConfigMapKey). */
const validKey = (key: string) => key.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && !key.startsWith('..');

/** What Chains reads: the data as the API server stores it (a null is ""); nothing of a ConfigMap it refuses (asked as {}). */
const stored = (data: Data): Record<string, string> => (Object.keys(data).every(validKey)
  ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v ?? ''])) : {});

/** Whether a finding is at `key` of the ConfigMap (`data['key']`), or names the key itself (`data`, value key). */
const at = (findings: readonly Finding[], key: string) => findings.some((f) => f.property === `data['${key}']` || (f.property === 'data' && f.value === key));

/** The objects CHAINS_STORAGE_CREDENTIALS is asked with: a ServiceAccount with no Secret, a TaskRun and a PipelineRun as it that make images. */
const ACCOUNT = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'ci' } };
const IMAGE_TASK = { steps: [{ name: 'build', image: 'cgr.dev/chainguard/busybox@sha256:' + 'a'.repeat(64), script: 'true' }], results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }] };
const TASK_RUN = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'build-run', namespace: 'ci' }, spec: { serviceAccountName: 'builder', taskSpec: IMAGE_TASK } };
const PIPELINE_RUN = {
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { name: 'pipe-run', namespace: 'ci' },
  spec: {
    taskRunTemplate: { serviceAccountName: 'builder' },
    pipelineSpec: { results: [{ name: 'IMAGE_URL', value: '$(tasks.build.results.IMAGE_URL)' }], tasks: [{ name: 'build', taskSpec: IMAGE_TASK }] },
  },
};

/** A ServiceAccount whose PipelineRun declares no image result of its own: Chains pushes its attestation only with deep inspection (or its TaskRuns'). */
const DEEP_ACCOUNT = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deep-builder', namespace: 'ci' } };
const DEEP_RUN = {
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { name: 'deep-run', namespace: 'ci' },
  spec: { taskRunTemplate: { serviceAccountName: 'deep-builder' }, pipelineSpec: { tasks: [{ name: 'build', taskSpec: IMAGE_TASK }] } },
};

/** The gaps of the rules for one data map (empty when every rule reports what it claims), and where they are stricter. */
function judge(data: Data, answer: ChainsAnswer): { gaps: string[]; stricter: string[] } {
  const manifest = configMap(data);
  const kk = CHAINS_KNOWN_KEYS.check(manifest);
  const signed = CHAINS_SIGNED.check(manifest);
  const slsa = CHAINS_SLSA_PROVENANCE.check(manifest);
  const transparency = CHAINS_TRANSPARENCY.check(manifest);
  const secure = CHAINS_SECURE_STORAGE.check(manifest);
  const gaps: string[] = [];
  const stricter: string[] = [];
  const refusedKeys = Object.keys(data).filter((key) => !validKey(key));
  if (refusedKeys.length > 0) {
    // the API server refuses the ConfigMap: it never reaches Chains, which keeps the configuration it has
    for (const key of refusedKeys.filter((k) => !at(kk, k))) gaps.push(`CHAINS_KNOWN_KEYS: the API server refuses the key ${JSON.stringify(key)}, not reported`);
    return { gaps, stricter };
  }
  for (const key of answer.unread) {
    if (!at(kk, key)) gaps.push(`CHAINS_KNOWN_KEYS: Chains never reads ${JSON.stringify(key)}, not reported`);
  }
  if (answer.error !== undefined) {
    if (kk.length === 0) gaps.push(`CHAINS_KNOWN_KEYS: Chains refuses the configuration (${answer.error}), nothing reported`);
    return { gaps, stricter };
  }
  const a = answer as ChainsLoaded;
  if (kk.length > 0 && a.unread.length === 0) stricter.push('CHAINS_KNOWN_KEYS');

  let signedExpected = false;
  let slsaExpected = false;
  for (const type of TYPES) {
    const art = a.artifacts[type];
    const keys = [`artifacts.${type}.signer`, `artifacts.${type}.storage`];
    if (!art.enabled) {
      signedExpected = true;
      if (!keys.some((k) => at(signed, k))) gaps.push(`CHAINS_SIGNED: Chains turns ${type} artifacts off, not reported at ${keys.join(' or ')}`);
      if (type !== 'oci') {
        slsaExpected = true;
        if (!keys.some((k) => at(slsa, k))) gaps.push(`CHAINS_SLSA_PROVENANCE: Chains turns ${type} artifacts off, not reported at ${keys.join(' or ')}`);
      }
      continue;
    }
    if (!art.payloader && type !== 'oci') {
      slsaExpected = true;
      if (!at(slsa, `artifacts.${type}.format`) && !at(kk, `artifacts.${type}.format`)) gaps.push(`CHAINS_SLSA_PROVENANCE: Chains has no payloader for ${type} format ${art.format}, not reported`);
    }
    const signerError = a.signerErrors?.[art.signer];
    if (signerError !== undefined) {
      signedExpected = true;
      if (signed.length === 0) gaps.push(`CHAINS_SIGNED: Chains leaves out the ${art.signer} signer ${type} artifacts sign with (${signerError}), not reported`);
    }
    if (a.backends.error !== undefined) {
      signedExpected = true;
      if (!at(signed, 'storage.archivista.url') && !at(signed, 'storage.docdb.url')) {
        gaps.push(`CHAINS_SIGNED: Chains starts no storage backend (${a.backends.error}), not reported`);
      }
    } else {
      for (const backend of art.storage) {
        if (a.backends.started?.includes(backend) || a.cloudBackends?.includes(backend)) continue;
        signedExpected = true;
        if (!at(signed, `artifacts.${type}.storage`)) gaps.push(`CHAINS_SIGNED: Chains starts no backend ${backend} for ${type} artifacts, not reported`);
      }
    }
  }
  if (signed.length > 0 && !signedExpected) stricter.push('CHAINS_SIGNED');
  if (slsa.length > 0 && !slsaExpected) stricter.push('CHAINS_SLSA_PROVENANCE');

  const everyRun = a.transparency.enabled && !a.transparency.verifyAnnotation;
  if (!everyRun && transparency.length === 0) gaps.push(`CHAINS_TRANSPARENCY: Chains uploads ${a.transparency.enabled ? 'only annotated runs' : 'nothing'}, not reported`);
  if (everyRun && transparency.length > 0) gaps.push(`CHAINS_TRANSPARENCY: Chains uploads every run, yet reported: ${transparency.map((f) => f.problem).join('; ')}`);

  const insecureReported = at(secure, 'storage.oci.repository.insecure');
  if (a.oci.insecure && !insecureReported) gaps.push('CHAINS_SECURE_STORAGE: Chains turns TLS verification off, not reported');
  if (!a.oci.insecure && insecureReported) gaps.push('CHAINS_SECURE_STORAGE: Chains verifies TLS, yet storage.oci.repository.insecure is reported');
  for (const key of (a as ChainsLoaded & { notHttps?: string[] }).notHttps ?? []) {
    if (!at(secure, key)) gaps.push(`CHAINS_SECURE_STORAGE: ${key} is not an https URL Go reads, not reported`);
  }

  const pushes = (type: 'taskrun' | 'pipelinerun' | 'oci') => a.artifacts[type].enabled && a.artifacts[type].storage.includes('oci');
  const credentials = CHAINS_STORAGE_CREDENTIALS.check(ACCOUNT, ruleContext([manifest, ACCOUNT, TASK_RUN, PIPELINE_RUN]));
  const push = pushes('taskrun') || pushes('oci') || pushes('pipelinerun');
  if (push && credentials.length === 0) gaps.push('CHAINS_STORAGE_CREDENTIALS: Chains pushes to an OCI registry with the account, not reported');
  if (!push && credentials.length > 0) stricter.push('CHAINS_STORAGE_CREDENTIALS');
  const deep = CHAINS_STORAGE_CREDENTIALS.check(DEEP_ACCOUNT, ruleContext([manifest, DEEP_ACCOUNT, DEEP_RUN]));
  const deepPush = pushes('taskrun') || pushes('oci') || (pushes('pipelinerun') && a.deepInspection);
  if (deepPush && deep.length === 0) {
    gaps.push(`CHAINS_STORAGE_CREDENTIALS: Chains pushes to an OCI registry with the account of a run whose tasks make images${a.deepInspection ? ' (deep inspection)' : ''}, not reported`);
  }
  if (!deepPush && deep.length > 0) stricter.push('CHAINS_STORAGE_CREDENTIALS');
  return { gaps, stricter };
}

/** Judges every data map with one run of the oracle; returns the gaps (with their data) and the tally of stricter findings. */
function compare(datas: readonly Data[]): { gaps: string[]; stricter: Record<string, number>; refused: number } {
  const answers = chainsConfig(datas.map(stored));
  const gaps: string[] = [];
  const stricter: Record<string, number> = {};
  let refused = 0;
  datas.forEach((data, i) => {
    const j = judge(data, answers[i]);
    if (answers[i].error !== undefined) refused++;
    gaps.push(...j.gaps.map((g) => `${g}\n    data: ${JSON.stringify(data)}`));
    for (const r of j.stricter) stricter[r] = (stricter[r] ?? 0) + 1;
  });
  return { gaps, stricter, refused };
}

const BOOLEANS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False', 'yes', 'on', 'TrUe', ' true', 'true ', '', 'y', '2', '+1'];
const FORMATS = ['in-toto', 'slsa/v1', 'slsa/v2alpha3', 'slsa/v2alpha4', '', ' in-toto', 'In-Toto', 'slsa/v2', 'slsa/v1 ', 'simplesigning', 'tekton'];
const SIGNERS = ['x509', 'kms', 'none', '', 'X509', ' x509', 'None', 'cosign', 'x509 '];
const STORAGE_ENTRIES = ['tekton', 'oci', 'gcs', 'docdb', 'grafeas', 'kafka', 'archivista', 'pubsub', '', ' ', 'OCI', ' oci', 'tekton '];
const STORAGE = ['', ' ', ',', ' , ', 'tekton', 'oci', 'tekton,oci', 'tekton, oci', ' oci ', 'tekton,', ',oci', 'oci,,tekton', 'OCI', 'Tekton', 'kafka', 'tekton,kafka',
  'archivista', 'oci,archivista', 'docdb', 'gcs', 'grafeas', 'gcs,grafeas,docdb', 'pubsub', 'oci;tekton', 'oci tekton'];
const KMS_REFS = ['gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1',
  'gcpkms://projects/p', 'awskms:///alias/signing', 'awskms://kms.example.com/1234abcd-12ab-34cd-56ef-1234567890ab',
  'awskms:///arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'awskms:///arn:aws:kms:us-east-1:123456789012:alias/a',
  'awskms:///not-a-key', 'azurekms://vault.example.com/key', 'azurekms://vault/key/0123abc', 'azurekms://vault', 'hashivault://key', 'hashivault://a.b-c',
  'hashivault://', 'hashivault://-x', 'hashivault://key\n', 'openbao://key', 'k8s://tekton-chains/signing-secrets', '', ' gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k',
  'GCPKMS://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'pkcs11:token=t', 'hashivault://ké', 'azurekms://vault/key/ABC', 'azurekms://vault/key/',
  'azurekms://vault/key/v1/x', 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k/versions/1', 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1/x',
  'gcpkms://projects//locations/l/keyRings/r/cryptoKeys/k', 'hashivault://a.', 'hashivault://a_b', 'hashivault://a b', 'awskms:///alias/', 'awskms://h/alias/x\ny',
  'awskms:///arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', 'awskms:///1234ABCD12AB34CD56EF1234567890AB',
  'awskms:///arn:aws:kms:us-east-1:12345678901:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'awskms:///alias/a\r', 'openbao://', 'hashivault:///key'];
const PROVIDERS = ['', 'spiffe', 'github-actions', 'google-workload-identity', 'google-impersonate', 'buildkite-agent', 'envvar', 'filesystem',
  'filesystem-custom-path', 'github', 'google', 'Spiffe', ' spiffe', 'filesystem '];
const HTTPS_VALUES = (host: string) => [`https://${host}`, `http://${host}`, '', ` https://${host}`, `https://${host} `, `HTTPS://${host.toUpperCase()}/`,
  host, `https://${host}/%zz`, 'https://', 'https:///path', `https://${host}:443`, `unix://${host}`];

/** The values each key is given (the keys Chains v0.29.2 documents, and others). */
const VALUES: Record<string, readonly string[]> = {
  'artifacts.taskrun.format': FORMATS,
  'artifacts.taskrun.storage': STORAGE,
  'artifacts.taskrun.signer': SIGNERS,
  'artifacts.pipelinerun.format': FORMATS,
  'artifacts.pipelinerun.storage': STORAGE,
  'artifacts.pipelinerun.signer': SIGNERS,
  'artifacts.pipelinerun.enable-deep-inspection': BOOLEANS,
  'artifacts.oci.format': ['simplesigning', '', 'in-toto', 'SimpleSigning', ' simplesigning'],
  'artifacts.oci.storage': STORAGE,
  'artifacts.oci.signer': SIGNERS,
  'signers.kms.kmsref': KMS_REFS,
  'signers.kms.auth.address': HTTPS_VALUES('vault.example.com:8200'),
  'signers.kms.auth.token': ['s.token', ''],
  'signers.kms.auth.token-path': ['/etc/vault/token', ''],
  'signers.kms.auth.oidc.path': ['jwt', ''],
  'signers.kms.auth.oidc.role': ['chains', ''],
  'signers.kms.auth.oidc.token-path': ['/var/run/secrets/tokens/vault', ''],
  'signers.kms.auth.spire.sock': ['unix:///spiffe-workload-api/spire-agent.sock', ''],
  'signers.kms.auth.spire.audience': ['vault', ''],
  'storage.gcs.bucket': ['provenance', '', ' '],
  'storage.oci.repository': ['gcr.io/p/signatures', '10.0.0.1:5000/sigs', 'localhost:5000/sigs', 'registry.localhost/x', '', 'Registry.Example.com/x'],
  'storage.oci.repository.insecure': BOOLEANS,
  'storage.oci.encoding-format': ['dsse', 'sigstore-bundle', '', 'DSSE', 'bundle', ' dsse'],
  'storage.docdb.url': ['mongo://db/coll', 'firestore://projects/p/databases/(default)/documents/c', 'dynamodb://table', 'MONGO://db/c', 'mem://c', '',
    'mongo:x', '%zz://x', 'http://x', ' mongo://db/c'],
  'storage.docdb.mongo-server-url': ['mongodb://user:pass@db:27017', ''],
  'storage.docdb.mongo-server-url-dir': ['/etc/mongo', ''],
  'storage.docdb.mongo-server-url-path': ['/etc/mongo/url', ''],
  'storage.grafeas.projectid': ['project', '', ' '],
  'storage.grafeas.noteid': ['note', ''],
  'storage.grafeas.notehint': ['hint', ''],
  'storage.archivista.url': HTTPS_VALUES('archivista.example.com'),
  'builder.id': ['https://tekton.dev/chains/v2', '', 'builder'],
  'builddefinition.buildtype': ['https://tekton.dev/chains/v2/slsa', 'https://tekton.dev/chains/v2/slsa-tekton', '', 'slsa', 'https://tekton.dev/chains/v2/slsa/'],
  'transparency.enabled': ['true', 'manual', 'false', 'True', 'TRUE', '1', 't', 'yes', '', ' true', 'true ', 'Manual', 'on', 'enabled'],
  'transparency.url': HTTPS_VALUES('rekor.example.com'),
  'signers.x509.fulcio.enabled': BOOLEANS,
  'signers.x509.fulcio.address': HTTPS_VALUES('fulcio.sigstore.dev'),
  'signers.x509.fulcio.issuer': ['https://oauth2.sigstore.dev/auth', 'https://issuer.example.com', ''],
  'signers.x509.fulcio.provider': PROVIDERS,
  'signers.x509.identity.token.file': ['/var/run/sigstore/cosign/oidc-token', ''],
  'signers.x509.tuf.mirror.url': HTTPS_VALUES('tuf-repo-cdn.sigstore.dev'),
  // not documented for v0.29.2 (some read all the same)
  'storage.pubsub.provider': ['inmemory', 'kafka', '', 'pubsub'],
  'storage.pubsub.topic': ['provenance', ''],
  'storage.pubsub.kafka.bootstrap.servers': ['kafka:9092', ''],
  'artifacts.taskrun.signing-backend': ['kms'],
  'artifacts.oci.enable-deep-inspection': ['true'],
  'filter.managed-by': ['tekton-pipelines'],
  'Artifacts.oci.signer': ['none'],
  'artifacts.oci.signer ': ['none'],
  'transparency.verify': ['true'],
  'signers.x509.fulcio.enable': ['true'],
};
const KEYS = Object.keys(VALUES);

/** Hand-written maps: each value of each key alone, as null, and the combinations that decide further. */
function handWritten(): Data[] {
  const out: Data[] = [{}];
  for (const key of KEYS) {
    for (const value of VALUES[key]) out.push({ [key]: value });
    out.push({ [key]: null });
  }
  const kmsAll = { 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.signer': 'kms', 'artifacts.oci.signer': 'kms' };
  for (const ref of KMS_REFS) {
    out.push({ ...kmsAll, 'signers.kms.kmsref': ref });
    out.push({ 'artifacts.oci.signer': 'kms', 'artifacts.oci.storage': '', 'signers.kms.kmsref': ref });
  }
  for (const address of VALUES['signers.kms.auth.address']) out.push({ ...kmsAll, 'signers.kms.kmsref': KMS_REFS[0], 'signers.kms.auth.address': address });
  for (const enabled of BOOLEANS) {
    for (const provider of PROVIDERS) {
      out.push({ 'signers.x509.fulcio.enabled': enabled, 'signers.x509.fulcio.provider': provider });
      out.push({ 'signers.x509.fulcio.enabled': enabled, 'signers.x509.fulcio.provider': provider, 'signers.x509.identity.token.file': '/var/run/token' });
    }
  }
  for (const mirror of VALUES['signers.x509.tuf.mirror.url']) {
    out.push({ 'signers.x509.fulcio.enabled': 'true', 'signers.x509.tuf.mirror.url': mirror });
    out.push({ 'signers.x509.fulcio.enabled': 'true', 'signers.x509.tuf.mirror.url': mirror, ...kmsAll, 'signers.kms.kmsref': KMS_REFS[0] });
  }
  for (const type of TYPES) {
    for (const storage of STORAGE) {
      out.push({ [`artifacts.${type}.storage`]: storage });
      out.push({ [`artifacts.${type}.storage`]: storage, [`artifacts.${type}.signer`]: 'none' });
      out.push({ [`artifacts.${type}.storage`]: storage, 'storage.archivista.url': 'https://archivista.example.com', 'storage.docdb.url': 'mongo://db/c' });
    }
  }
  for (const url of VALUES['storage.archivista.url']) out.push({ 'artifacts.pipelinerun.storage': 'archivista', 'storage.archivista.url': url });
  for (const url of VALUES['storage.docdb.url']) out.push({ 'artifacts.taskrun.storage': 'docdb', 'storage.docdb.url': url });
  for (const inspect of BOOLEANS) {
    out.push({ 'artifacts.pipelinerun.storage': 'oci', 'artifacts.pipelinerun.enable-deep-inspection': inspect });
    // images stored elsewhere: only the PipelineRun's attestation goes to the registry, with its TaskRuns' images only with deep inspection
    out.push({ 'artifacts.pipelinerun.storage': 'oci', 'artifacts.oci.storage': 'tekton', 'artifacts.pipelinerun.enable-deep-inspection': inspect });
  }
  return out;
}

/** Generated maps: a few keys of VALUES each, their values, null, or values made of storage entries. */
const storageList = fc.array(fc.constantFrom(...STORAGE_ENTRIES), { minLength: 1, maxLength: 3 }).chain((entries) => fc.constantFrom(',', ', ', ' ,').map((sep) => entries.join(sep)));
const someKeys = fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 8 });
const generated: fc.Arbitrary<Data> = someKeys.chain((keys) => fc.tuple(...keys.map((key) => {
  const values = fc.constantFrom(...VALUES[key]);
  const value: fc.Arbitrary<string | null> = key.endsWith('.storage')
    ? fc.oneof({ weight: 3, arbitrary: values }, { weight: 2, arbitrary: storageList }, { weight: 1, arbitrary: fc.constant(null) })
    : fc.oneof({ weight: 6, arbitrary: values }, { weight: 1, arbitrary: fc.constant(null) });
  return value.map((v) => [key, v] as const);
})).map((entries) => Object.fromEntries(entries)));

function report(what: string, r: ReturnType<typeof compare>, count: number): void {
  // eslint-disable-next-line no-console
  console.log(`chains-config differential: ${count} ${what}, ${r.refused} refused by Chains; stricter than Chains (${STRICTER}): `
    + `${JSON.stringify(r.stricter)}`);
}

describeWithChainsConfig("Chains rules against Tekton Chains' own reading of chains-config", () => {
  test('the oracle reads chains-config as Chains does', () => {
    const [defaults, refused, off, kafka, archivista] = chainsConfig([
      {}, { 'artifacts.taskrun.storage': 'tekton,' }, { 'artifacts.oci.signer': 'none', 'artifacts.taskrun.storage': ' ' }, { 'artifacts.oci.storage': 'kafka' },
      { 'artifacts.pipelinerun.storage': 'archivista' },
    ]);
    expect(defaults).toMatchObject({
      artifacts: { taskrun: { format: 'in-toto', signer: 'x509', storage: ['tekton'], enabled: true }, oci: { format: 'simplesigning', storage: ['oci'] } },
      transparency: { enabled: false },
      backends: { started: ['oci', 'tekton'] },
      unread: [],
    });
    expect(refused.error).toBe('failed to parse data: invalid value "" wanted one of [archivista docdb gcs grafeas kafka oci tekton]');
    expect(off).toMatchObject({ error: 'failed to parse data: invalid value "" wanted one of [archivista docdb gcs grafeas kafka oci tekton]' });
    expect(kafka).toMatchObject({ artifacts: { oci: { storage: ['kafka'], enabled: true } }, backends: { configured: ['kafka', 'tekton'], started: ['tekton'] } });
    expect(archivista).toMatchObject({ backends: { started: null, error: 'missing archivista URL in storage configuration' } });
  });

  test('every hand-written chains-config: the rules report what Chains leaves unsigned, unstored, unloaded or insecure', () => {
    const datas = handWritten();
    const r = compare(datas);
    report('hand-written configurations', r, datas.length);
    expect(r.gaps).toEqual([]);
  }, 60_000);

  test('generated chains-configs: the rules report what Chains leaves unsigned, unstored, unloaded or insecure', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 400);
    // eslint-disable-next-line no-console
    console.log(`chains-config differential: ${numRuns} generated configurations, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const datas = fc.sample(generated, { seed, numRuns });
    const r = compare(datas);
    report('generated configurations', r, datas.length);
    expect(r.gaps).toEqual([]);
  }, 60_000);
});
