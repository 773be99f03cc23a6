import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { chainsConfig, describeRule, hardenedContainer, MALFORMED, operatorConfig, pipelineEmbedding, task, taskRunEmbedding, taskSpec } from './fixtures';
import { ChainsConfig, ChainsSigner, FulcioProvider, ImageVerificationTask, KeylessSigning, RelaxationTarget, RuleId, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { CHAINS_SIGNER_VERIFIED } from '../../../src/policy/rules/chains-signer-verified';

const COSIGN = 'ghcr.io/sigstore/cosign/cosign:v2.4.1@sha256:' + 'b'.repeat(64);
const SPIFFE_ID = 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller';
const SPIRE_ISSUER = 'https://oidc-discovery.example.org';

const KEYLESS_SPIFFE = { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'spiffe' };
const KMS = { 'artifacts.oci.signer': 'kms', 'signers.kms.kmsref': 'awskms:///alias/chains' };

/** A Task `build` whose step `verify` runs cosign with these args (the image's entrypoint), declaring `params`. */
const verifyTask = (args: string[], params: any[] = []) => task({
  params,
  steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args })],
});
/** Checked with a chains-config of this data (transparency on unless the data says otherwise). */
const check = (m: any, data: Record<string, string>, ...others: any[]) =>
  CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, chainsConfig({ 'transparency.enabled': 'true', ...data }), ...others]));
type Where = { kind?: string; name?: string; location?: string; target?: string; property?: string };
const finding = (value: string, problem: string, where: Where = {}) => ({
  rule: RuleId.CHAINS_SIGNER_VERIFIED,
  kind: where.kind ?? 'Task',
  name: where.name ?? 'build',
  location: where.location ?? "step 'verify'",
  target: where.target ?? 'step/verify',
  property: where.property ?? 'args',
  value,
  problem,
});
const KEYLESS_ARGS = [`--certificate-identity=${SPIFFE_ID}`, `--certificate-oidc-issuer=${SPIRE_ISSUER}`];
const SIGNING_SECRET_PROBLEM = 'verifies a keyless certificate, but Chains signs images with the key in the tekton-chains/signing-secrets Secret (signers.x509.fulcio.enabled is not true): its signatures carry no certificate';

describe('CHAINS_SIGNER_VERIFIED', () => {
  describeRule(CHAINS_SIGNER_VERIFIED, RuleId.CHAINS_SIGNER_VERIFIED, Severity.MEDIUM, true);

  test('malformed objects checked with a chains-config give no crash', () => {
    for (const m of MALFORMED) expect(() => CHAINS_SIGNER_VERIFIED.check(m, ruleContext([...MALFORMED, chainsConfig(KEYLESS_SPIFFE)]))).not.toThrow();
  });

  test('without a chains-config checked together (or alone), nothing is judged', () => {
    const m = verifyTask(['verify', '--key', 'awskms:///alias/other', 'img']);
    expect(CHAINS_SIGNER_VERIFIED.check(m)).toEqual([]);
    expect(CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m]))).toEqual([]);
    // a ConfigMap of that name in another namespace is not Chains'
    expect(CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, chainsConfig(KMS, { namespace: 'ci' })]))).toEqual([]);
  });

  test('compliant: what Chains signs with is what the step verifies', () => {
    // keyless through SPIRE: the controller's SPIFFE ID, any trust domain, and the SPIRE issuer
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), KEYLESS_SPIFFE)).toEqual([]);
    expect(check(verifyTask(['verify', '--certificate-identity', 'spiffe://prod.corp/ns/tekton-chains/sa/tekton-chains-controller', 'img']), KEYLESS_SPIFFE)).toEqual([]);
    // the key of signing-secrets (Chains' default signer), through the Secret or its public key
    expect(check(verifyTask(['verify', '--key', 'k8s://tekton-chains/signing-secrets', 'img']), {})).toEqual([]);
    expect(check(verifyTask(['verify', '--key=/keys/cosign.pub', 'img']), { 'signers.x509.fulcio.enabled': 'false' })).toEqual([]);
    // the KMS key Chains signs with
    expect(check(verifyTask(['verify', '--key=awskms:///alias/chains', 'img']), KMS)).toEqual([]);
    // keyless with GitHub or Google identities
    expect(check(verifyTask(['verify', '--certificate-identity=https://github.com/o/r/.github/workflows/w.yml@refs/heads/main', '--certificate-oidc-issuer=https://token.actions.githubusercontent.com', 'img']),
      { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'github-actions' })).toEqual([]);
    expect(check(verifyTask(['verify', '--certificate-identity=chains@p.iam.gserviceaccount.com', '--certificate-oidc-issuer=https://accounts.google.com', 'img']),
      { 'signers.x509.fulcio.enabled': 'T', 'signers.x509.fulcio.provider': 'google-workload-identity' })).toEqual([]);
    // other programs and subcommands are not verifications
    expect(check(verifyTask(['sign', '--key', 'awskms:///alias/other', 'img']), KMS)).toEqual([]);
    expect(check(task({ steps: [hardenedContainer('verify', { script: undefined, command: ['crane'], args: ['verify', '--key', 'x'] })] }), KEYLESS_SPIFFE)).toEqual([]);
  });

  test('non-compliant: key against keyless, both ways', () => {
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), {})).toEqual([finding(KEYLESS_ARGS[0], SIGNING_SECRET_PROBLEM)]);
    expect(check(verifyTask(['verify', '--key', 'k8s://tekton-chains/signing-secrets', 'img']), KEYLESS_SPIFFE)).toEqual([finding(
      '--key k8s://tekton-chains/signing-secrets',
      'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps',
    )]);
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), KMS)).toEqual([finding(KEYLESS_ARGS[0],
      'verifies a keyless certificate, but Chains signs images with the KMS key awskms:///alias/chains (artifacts.oci.signer kms): its signatures carry no certificate')]);
  });

  test('a chains-config the API server refuses (a value that is not a string) is judged as Chains\' defaults', () => {
    // signers.x509.fulcio.enabled: true unquoted: the ConfigMap never reaches Chains, which signs with signing-secrets
    const m = verifyTask(['verify', ...KEYLESS_ARGS, 'img']);
    const refused = chainsConfig({ 'signers.x509.fulcio.enabled': true, 'signers.x509.fulcio.provider': 'spiffe', 'transparency.enabled': 'true' } as any);
    expect(CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, refused])).map((f) => [f.value, f.problem])).toEqual([
      [KEYLESS_ARGS[0], SIGNING_SECRET_PROBLEM],
      ['verify', "checks the transparency log, but Chains uploads no signature to it (data['transparency.enabled'] is not set (off)), so no entry is ever found: turn transparency on (the secure choice) or give cosign --insecure-ignore-tlog=true"],
    ]);
  });

  test('of several chains-configs, the one Chains reads: in tekton-chains over one without a namespace, the last of those', () => {
    const m = verifyTask(['verify', '--key=k8s://tekton-chains/signing-secrets', 'img']);
    const keyless = (metadata?: Record<string, string>) => chainsConfig({ ...KEYLESS_SPIFFE, 'transparency.enabled': 'true' }, metadata);
    const key = (metadata?: Record<string, string>) => chainsConfig({ 'transparency.enabled': 'true' }, metadata);
    const KEY_PROBLEM = 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps';
    const problems = (...configs: any[]) => CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, ...configs])).map((f) => f.problem);
    // the keyless one in tekton-chains is read, wherever it comes
    expect(problems(key({}), keyless())).toEqual([KEY_PROBLEM]);
    expect(problems(keyless(), key({}))).toEqual([KEY_PROBLEM]);
    // two in tekton-chains: kubectl apply keeps the last
    expect(problems(key(), keyless())).toEqual([KEY_PROBLEM]);
    expect(problems(keyless(), key())).toEqual([]);
    // none in tekton-chains: the last without a namespace
    expect(problems(key({}), keyless({}))).toEqual([KEY_PROBLEM]);
  });

  test('non-compliant: another KMS key, or a KMS key where Chains signs with signing-secrets', () => {
    expect(check(verifyTask(['verify', '--key=gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'img']), KMS)).toEqual([finding(
      '--key=gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k',
      'is not the KMS key Chains signs images with (signers.kms.kmsref awskms:///alias/chains)',
    )]);
    expect(check(verifyTask(['verify', '--key=awskms:///alias/chains', 'img']), {})).toEqual([finding(
      '--key=awskms:///alias/chains',
      'verifies against a KMS key, but Chains signs images with the key in the tekton-chains/signing-secrets Secret (artifacts.oci.signer x509, no Fulcio)',
    )]);
  });

  test('non-compliant: the signing-secrets key where Chains signs with a KMS key', () => {
    const PROBLEM = 'verifies against the key in the tekton-chains/signing-secrets Secret, but Chains signs images with the KMS key awskms:///alias/chains '
      + '(artifacts.oci.signer kms) and never with that Secret';
    expect(check(verifyTask(['verify', '--key', 'k8s://tekton-chains/signing-secrets', 'img']), KMS)).toEqual([
      finding('--key k8s://tekton-chains/signing-secrets', PROBLEM),
    ]);
    // through cosign's environment variable, and through a param's default
    expect(check(task({ steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', 'img'], env: [{ name: 'COSIGN_KEY', value: 'k8s://tekton-chains/signing-secrets' }] })] }), KMS))
      .toEqual([finding('k8s://tekton-chains/signing-secrets', PROBLEM, { property: 'env[COSIGN_KEY]' })]);
    expect(check(verifyTask(['verify', '--key=$(params.key)', 'img'], [{ name: 'key', default: 'k8s://tekton-chains/signing-secrets' }]), KMS)).toEqual([
      finding('--key=$(params.key)', `gives "k8s://tekton-chains/signing-secrets", which ${PROBLEM}`),
    ]);
    // the KMS key's public key in another Secret or a file: not judged
    expect(check(verifyTask(['verify', '--key=k8s://ci/chains-kms-pub', 'img']), KMS)).toEqual([]);
    expect(check(verifyTask(['verify', '--key=/workspace/keys/cosign.pub', 'img']), KMS)).toEqual([]);
    // with the x509 key it is what Chains signs with
    expect(check(verifyTask(['verify', '--key=k8s://tekton-chains/signing-secrets', 'img']), {})).toEqual([]);
  });

  test('non-compliant: identities and issuers that cannot be the SPIFFE ID Chains gets from SPIRE', () => {
    const github = 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main';
    expect(check(verifyTask(['verify', `--certificate-identity=${github}`, '--certificate-oidc-issuer=https://token.actions.githubusercontent.com', 'img']), KEYLESS_SPIFFE)).toEqual([
      finding(`--certificate-identity=${github}`, 'cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller'),
      finding('--certificate-oidc-issuer=https://token.actions.githubusercontent.com',
        'is not a SPIRE OIDC issuer: with signers.x509.fulcio.provider spiffe the certificate names the issuer of the SPIRE JWT-SVID (its OIDC discovery URL)'),
    ]);
    expect(check(verifyTask(['verify', '--certificate-identity=spiffe://example.org/ns/ci/sa/build-runner', 'img']), KEYLESS_SPIFFE)).toEqual([finding(
      '--certificate-identity=spiffe://example.org/ns/ci/sa/build-runner',
      'is not the SPIFFE ID SPIRE gives the Chains controller (spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller, its namespace and ServiceAccount)',
    )]);
  });

  test('non-compliant: GitHub and Google providers with the other identity or issuer', () => {
    expect(check(verifyTask(['verify', `--certificate-identity=${SPIFFE_ID}`, '--certificate-oidc-issuer=https://accounts.google.com', 'img']),
      { 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.provider': 'github-actions' }).map((f) => f.value)).toEqual([
      `--certificate-identity=${SPIFFE_ID}`, '--certificate-oidc-issuer=https://accounts.google.com',
    ]);
    expect(check(verifyTask(['verify', '--certificate-identity=https://github.com/o/r', 'img']),
      { 'signers.x509.fulcio.enabled': '1', 'signers.x509.fulcio.provider': 'google-workload-identity' })).toEqual([finding(
      '--certificate-identity=https://github.com/o/r', 'cannot match the Google service account e-mail Chains signs with (signers.x509.fulcio.provider google-workload-identity)')]);
    // provider unset: every provider is tried, so only key against keyless is judged
    expect(check(verifyTask(['verify', '--certificate-identity=https://github.com/o/r', 'img']), { 'signers.x509.fulcio.enabled': 'true' })).toEqual([]);
  });

  test('non-compliant: Chains writes no image signature to the registry', () => {
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), { ...KEYLESS_SPIFFE, 'artifacts.oci.storage': 'tekton' })).toEqual([finding(KEYLESS_ARGS[0],
      'can never verify an image Chains handles: data[\'artifacts.oci.storage\'] is "tekton", so Chains does not write image signatures to the registry, where cosign looks for them')]);
    expect(check(verifyTask(['verify', '--key', 'k8s://tekton-chains/signing-secrets', 'img']), { 'artifacts.oci.signer': 'none' })).toEqual([finding(
      '--key k8s://tekton-chains/signing-secrets', 'can never verify an image Chains handles: data[\'artifacts.oci.signer\'] is "none", so Chains signs no image')]);
  });

  test('verify-attestation: judged against the TaskRun and PipelineRun signers and storage, not the image signer', () => {
    const attest = (...flags: string[]) => verifyTask(['verify-attestation', '--type=slsaprovenance', ...flags, 'img']);
    const GCP = 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/chains';
    // Chains' defaults store attestations in the TaskRun (tekton): none ever reaches the registry
    expect(check(attest('--key=k8s://tekton-chains/signing-secrets'), {})).toEqual([finding('--key=k8s://tekton-chains/signing-secrets',
      'can never verify an attestation Chains makes: data[\'artifacts.taskrun.storage\'] is not set (Chains\' default "tekton"), so Chains does not write TaskRun '
      + 'attestations to the registry, where cosign looks for them; and data[\'artifacts.pipelinerun.storage\'] is not set (Chains\' default "tekton"), so Chains '
      + 'does not write PipelineRun attestations to the registry, where cosign looks for them')]);
    // TaskRuns sign with kms and store in OCI, while images are signed with the x509 key: the KMS key is right
    const kmsRuns = { 'artifacts.taskrun.storage': 'oci', 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.signer': 'kms', 'artifacts.oci.signer': 'x509', 'signers.kms.kmsref': GCP };
    expect(check(attest(`--key=${GCP}`), kmsRuns)).toEqual([]);
    // the signing-secrets key is the x509 signer's, which signs only the images, not the TaskRun attestations
    expect(check(attest('--key=k8s://tekton-chains/signing-secrets'), kmsRuns)).toEqual([finding('--key=k8s://tekton-chains/signing-secrets',
      `verifies against the key in the tekton-chains/signing-secrets Secret, but Chains signs TaskRun attestations with the KMS key ${GCP} (artifacts.taskrun.signer kms) and never with that Secret`)]);
    expect(check(attest(...KEYLESS_ARGS), kmsRuns)).toEqual([finding(KEYLESS_ARGS[0],
      `verifies a keyless certificate, but Chains signs TaskRun attestations with the KMS key ${GCP} (artifacts.taskrun.signer kms): its signatures carry no certificate`)]);
    // the image verification of the same config still goes by artifacts.oci.*
    expect(check(verifyTask(['verify', `--key=${GCP}`, 'img']), kmsRuns)).toEqual([finding(`--key=${GCP}`,
      'verifies against a KMS key, but Chains signs images with the key in the tekton-chains/signing-secrets Secret (artifacts.oci.signer x509, no Fulcio)')]);
    // either type that stores in OCI: a PipelineRun's attestation signed with kms, a TaskRun's with the x509 key
    const either = { 'artifacts.taskrun.storage': 'oci', 'artifacts.pipelinerun.storage': 'oci', 'artifacts.pipelinerun.signer': 'kms', 'signers.kms.kmsref': GCP };
    expect(check(attest(`--key=${GCP}`), either)).toEqual([]);
    expect(check(attest('--key=k8s://tekton-chains/signing-secrets'), either)).toEqual([]);
    expect(check(attest('--key=awskms:///alias/other'), either)).toEqual([
      finding('--key=awskms:///alias/other', 'verifies against a KMS key, but Chains signs TaskRun attestations with the key in the tekton-chains/signing-secrets Secret (artifacts.taskrun.signer x509, no Fulcio)'),
      finding('--key=awskms:///alias/other', `is not the KMS key Chains signs PipelineRun attestations with (signers.kms.kmsref ${GCP})`),
    ]);
    // both alike: one message for both
    expect(check(attest(...KEYLESS_ARGS), { 'artifacts.taskrun.storage': 'oci', 'artifacts.pipelinerun.storage': 'oci,tekton' })).toEqual([finding(KEYLESS_ARGS[0],
      'verifies a keyless certificate, but Chains signs TaskRun and PipelineRun attestations with the key in the tekton-chains/signing-secrets Secret (signers.x509.fulcio.enabled is not true): its signatures carry no certificate')]);
    // a signer none, or storage written empty
    expect(check(attest(`--key=${GCP}`), { 'artifacts.taskrun.storage': 'oci', 'artifacts.taskrun.signer': 'none', 'artifacts.pipelinerun.storage': '' })).toEqual([finding(`--key=${GCP}`,
      'can never verify an attestation Chains makes: data[\'artifacts.taskrun.signer\'] is "none", so Chains signs no TaskRun attestation; and '
      + 'data[\'artifacts.pipelinerun.storage\'] is "", so Chains signs no PipelineRun attestation')]);
  });

  test('params are read as their default and the values pipelines and runs pass', () => {
    const args = ['verify', '--certificate-identity=$(params.identity)', '$(params.image)'];
    const withDefault = verifyTask(args, [{ name: 'identity', default: 'https://github.com/o/r' }]);
    expect(check(withDefault, KEYLESS_SPIFFE)).toEqual([finding('--certificate-identity=$(params.identity)',
      'gives "https://github.com/o/r", which cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller')]);
    // no default: the value a Pipeline passes, directly or from its own param's default and its runs
    const noDefault = verifyTask(args, [{ name: 'identity' }]);
    expect(check(noDefault, KEYLESS_SPIFFE)).toEqual([]);
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'pipe', namespace: 'ci' },
      spec: { params: [{ name: 'id', default: 'ops@example.com' }], tasks: [{ name: 'v', taskRef: { name: 'build' }, params: [{ name: 'identity', value: '$(params.id)' }] }] },
    };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'pipe-', namespace: 'ci' }, spec: { pipelineRef: { name: 'pipe' }, params: [{ name: 'id', value: SPIFFE_ID }] } };
    expect(check(noDefault, KEYLESS_SPIFFE, pipeline, run).map((f) => f.problem)).toEqual([
      'gives "ops@example.com", which cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller',
    ]);
    // a pipeline of another namespace does not run this Task
    expect(check(noDefault, KEYLESS_SPIFFE, { ...pipeline, metadata: { name: 'pipe', namespace: 'other' } })).toEqual([]);
  });

  test('embedded specs, command-line cosign and TaskRuns are read too', () => {
    const spec = taskSpec({ steps: [hardenedContainer('verify', { script: undefined, command: ['/ko-app/cosign'], args: ['verify', '--key', 'cosign.pub', 'img'] })] });
    expect(check(pipelineEmbedding(spec), KEYLESS_SPIFFE)).toEqual([finding('--key cosign.pub', expect.stringMatching(/^verifies against a key, but Chains signs images keyless/) as any, {
      kind: 'Pipeline', name: 'pipe', location: "task 'build' step 'verify'", target: 'task/build/step/verify',
    })]);
    // cosign behind timeout, after an option it does not know that may take the next argument (30s), or not (30s the duration)
    const wrapped = taskSpec({ steps: [hardenedContainer('verify', { script: undefined, command: ['timeout', '--new', '30s', '5m', 'cosign'], args: ['verify', '--key', 'cosign.pub', 'img'] })] });
    expect(check(pipelineEmbedding(wrapped), KEYLESS_SPIFFE)).toEqual([finding('--key cosign.pub', expect.stringMatching(/^verifies against a key, but Chains signs images keyless/) as any, {
      kind: 'Pipeline', name: 'pipe', location: "task 'build' step 'verify'", target: 'task/build/step/verify',
    })]);
    const run = taskRunEmbedding(taskSpec({ params: [{ name: 'id' }], steps: [hardenedContainer('verify', { script: undefined, command: ['cosign', 'verify', '--certificate-identity', '$(params.id)', 'img'] })] }));
    run.spec.params = [{ name: 'id', value: 'ops@example.com' }];
    expect(check(run, KEYLESS_SPIFFE)).toEqual([finding('--certificate-identity $(params.id)',
      'gives "ops@example.com", which cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller',
      { kind: 'TaskRun', name: 'build-run', property: 'command' })]);
  });

  test('a param a pipeline task does not pass to its embedded spec takes a PipelineRun\'s value of that name too (Tekton propagates it), declared by the pipeline or not', () => {
    const embedded = (passed: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'release', namespace: 'ci' },
      spec: {
        tasks: [{
          name: 'verify',
          params: passed,
          taskSpec: {
            params: [{ name: 'id', default: SPIFFE_ID }],
            steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', '--certificate-identity=$(params.id)', `--certificate-oidc-issuer=${SPIRE_ISSUER}`, 'img'] })],
          },
        }],
      },
    });
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'release-run', namespace: 'ci' }, spec: { pipelineRef: { name: 'release' }, params: [{ name: 'id', value: 'ops@example.com' }] } };
    const found = finding('--certificate-identity=$(params.id)',
      'gives "ops@example.com", which cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller',
      { kind: 'Pipeline', name: 'release', location: "task 'verify' step 'verify'", target: 'task/verify/step/verify' });
    expect(check(embedded([]), KEYLESS_SPIFFE, run)).toEqual([found]);
    // the pipeline's own param of that name, by its default
    const declared = { ...embedded([]), spec: { ...embedded([]).spec, params: [{ name: 'id', default: 'ops@example.com' }] } };
    expect(check(declared, KEYLESS_SPIFFE)).toEqual([found]);
    // alone, or with the run's value of another name, the task's default
    expect(check(embedded([]), KEYLESS_SPIFFE)).toEqual([]);
    expect(check(embedded([]), KEYLESS_SPIFFE, { ...run, spec: { ...run.spec, params: [{ name: 'other', value: 'ops@example.com' }] } })).toEqual([]);
    // a value the pipeline task passes replaces the run's there
    expect(check(embedded([{ name: 'id', value: SPIFFE_ID }]), KEYLESS_SPIFFE, run)).toEqual([]);
    // a run that gives a substitution: no value known, not judged
    expect(check(embedded([]), KEYLESS_SPIFFE, { ...run, spec: { ...run.spec, params: [{ name: 'id', value: '$(context.pipelineRun.name)' }] } })).toEqual([]);
  });

  test('in a kfp-tekton PipelineLoop\'s spec, a param the pipeline task does not pass to its embedded spec takes the iteration\'s value of that name (the caller\'s, or one the loop makes)', () => {
    const verify = (passed: any[]) => ({
      name: 'verify',
      params: passed,
      taskSpec: {
        params: [{ name: 'id', default: SPIFFE_ID }],
        steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', '--certificate-identity=$(params.id)', `--certificate-oidc-issuer=${SPIRE_ISSUER}`, 'img'] })],
      },
    });
    const loopSpec = (iterateParam: string, passed: any[] = []) => ({ iterateParam, pipelineSpec: { params: [{ name: 'images' }], tasks: [verify(passed)] } });
    const outer = (callerParams: any[], spec = loopSpec('images')) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'release', namespace: 'ci' },
      spec: { tasks: [{ name: 'each', params: callerParams, taskSpec: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec } }] },
    });
    const images = { name: 'images', value: '["a","b"]' };
    const found = (name: string, location: string, target: string) => finding('--certificate-identity=$(params.id)',
      'gives "ops@example.com", which cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller',
      { kind: 'Pipeline', name, location, target });
    // the caller gives the loop id, undeclared by the loop's pipeline: the iteration's PipelineRun has it, and Tekton substitutes it into the embedded spec
    expect(check(outer([images, { name: 'id', value: 'ops@example.com' }]), KEYLESS_SPIFFE))
      .toEqual([found('release', "task 'each' task 'verify' step 'verify'", 'task/each/task/verify/step/verify')]);
    // not given by the caller, or passed by the pipeline task of the loop: the value the task has
    expect(check(outer([images]), KEYLESS_SPIFFE)).toEqual([]);
    expect(check(outer([images, { name: 'id', value: 'ops@example.com' }], loopSpec('images', [{ name: 'id', value: SPIFFE_ID }])), KEYLESS_SPIFFE)).toEqual([]);
    // id is the param the loop iterates over: each iteration's element, unknown, not judged (and the default not credited either)
    expect(check(outer([{ name: 'id', value: '["ops@example.com"]' }], loopSpec('id')), KEYLESS_SPIFFE)).toEqual([]);
    // a PipelineLoop object named by the caller's taskRef
    const object = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each', namespace: 'ci' }, spec: loopSpec('images') };
    const caller = {
      ...outer([]),
      spec: { tasks: [{ name: 'each', taskRef: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', name: 'each' }, params: [images, { name: 'id', value: 'ops@example.com' }] }] },
    };
    expect(check(object, KEYLESS_SPIFFE, caller)).toEqual([{
      ...found('each', "task 'verify' step 'verify'", 'task/verify/step/verify'), kind: 'PipelineLoop',
    }]);
    expect(check(object, KEYLESS_SPIFFE)).toEqual([]);
  });

  test('transparency: with Chains uploading nothing to Rekor, cosign must not require an entry', () => {
    const args = (...extra: string[]) => verifyTask(['verify', '--key=awskms:///alias/chains', ...extra, 'img']);
    const problem = (why: string) => `checks the transparency log, but Chains uploads no signature to it (data['transparency.enabled'] ${why}), `
      + 'so no entry is ever found: turn transparency on (the secure choice) or give cosign --insecure-ignore-tlog=true';
    expect(check(args(), { ...KMS, 'transparency.enabled': 'false' })).toEqual([finding('verify', problem('is "false"'))]);
    // unset is off in Chains v0.29
    const unset = CHAINS_SIGNER_VERIFIED.check(args(), ruleContext([args(), chainsConfig(KMS)]));
    expect(unset).toEqual([finding('verify', problem('is not set (off)'))]);
    expect(check(args('--insecure-ignore-tlog=false'), { ...KMS, 'transparency.enabled': 'false' })).toEqual([finding('--insecure-ignore-tlog=false', problem('is "false"'))]);
    // compliant: the entry is not required, or transparency is on, or left to each run (manual)
    expect(check(args('--insecure-ignore-tlog'), { ...KMS, 'transparency.enabled': 'false' })).toEqual([]);
    expect(check(args('--insecure-ignore-tlog=true'), { ...KMS, 'transparency.enabled': 'false' })).toEqual([]);
    expect(check(args(), { ...KMS, 'transparency.enabled': 'manual' })).toEqual([]);
  });

  test("transparency: a PipelineLoop run by a Pipeline's taskRef passes it the outer caller's value, so the loop's default does not skip the log", () => {
    const build = verifyTask(['verify', '--key=awskms:///alias/chains', '--insecure-ignore-tlog=$(params.skip)', 'img'], [{ name: 'skip', default: 'true' }]);
    const loop = {
      apiVersion: 'custom.tekton.dev/v1alpha1',
      kind: 'PipelineLoop',
      metadata: { name: 'each' },
      spec: {
        iterateParam: 'images',
        pipelineSpec: {
          params: [{ name: 'images' }, { name: 'skip', default: 'true' }],
          tasks: [{ name: 'verify', taskRef: { name: 'build' }, params: [{ name: 'skip', value: '$(params.skip)' }] }],
        },
      },
    };
    const outer = (value: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'outer' },
      spec: { params: [{ name: 'skip' }], tasks: [{ name: 'loop', taskRef: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', name: 'each' }, params: [{ name: 'skip', value }] }] },
    });
    const off = { ...KMS, 'transparency.enabled': 'false' };
    expect(check(build, off, loop)).toEqual([]);
    const problem = 'checks the transparency log, but Chains uploads no signature to it (data[\'transparency.enabled\'] is "false"), '
      + 'so no entry is ever found: turn transparency on (the secure choice) or give cosign --insecure-ignore-tlog=true';
    // the caller of the outer Pipeline chooses skip: no value is known, the defaults are not credited
    expect(check(build, off, loop, outer('$(params.skip)'))).toEqual([finding('--insecure-ignore-tlog=$(params.skip)', problem)]);
    expect(check(build, off, loop, outer('false'))).toEqual([finding('--insecure-ignore-tlog=$(params.skip)', problem)]);
    expect(check(build, off, loop, outer('true'))).toEqual([]);
  });

  test('transparency off with keyless signing: no verification passes once the certificate expires, --insecure-ignore-tlog or not', () => {
    const problem = (why: string) => 'can verify a keyless signature only until its short-lived Fulcio certificate expires (about 10 minutes): Chains uploads no signature '
      + `to the transparency log (data['transparency.enabled'] ${why}) and makes no signed timestamp, so cosign then has no proof the certificate `
      + 'was valid when it signed and fails ("expected a signed timestamp to verify an expired certificate"), --insecure-ignore-tlog or not: '
      + 'turn transparency on (transparency.enabled "true")';
    const off = { ...KEYLESS_SPIFFE, 'transparency.enabled': 'false' };
    expect(check(verifyTask(['verify', '--insecure-ignore-tlog=true', ...KEYLESS_ARGS, 'img']), off)).toEqual([finding('--insecure-ignore-tlog=true', problem('is "false"'))]);
    expect(check(verifyTask(['verify', '--private-infrastructure', ...KEYLESS_ARGS, 'img']), off)).toEqual([finding('--private-infrastructure', problem('is "false"'))]);
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), off)).toEqual([finding('verify', problem('is "false"'))]);
    const unset = verifyTask(['verify-attestation', '--insecure-ignore-tlog', ...KEYLESS_ARGS, 'img']);
    expect(CHAINS_SIGNER_VERIFIED.check(unset, ruleContext([unset, chainsConfig({ ...KEYLESS_SPIFFE, 'artifacts.taskrun.storage': 'oci' })])))
      .toEqual([finding('--insecure-ignore-tlog', problem('is not set (off)'))]);
    // transparency on, or manual (left to each run): passes
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), { ...KEYLESS_SPIFFE, 'transparency.enabled': 'manual' })).toEqual([]);
    // attestations of a type signed with KMS, while the other signs keyless: the KMS key verified skips the log
    const mixed = { ...off, 'artifacts.taskrun.storage': 'oci', 'artifacts.pipelinerun.storage': 'oci', 'artifacts.pipelinerun.signer': 'kms', 'signers.kms.kmsref': 'awskms:///alias/chains' };
    expect(check(verifyTask(['verify-attestation', '--insecure-ignore-tlog=true', '--key=awskms:///alias/chains', 'img']), mixed)).toEqual([]);
    expect(check(verifyTask(['verify-attestation', '--insecure-ignore-tlog=true', ...KEYLESS_ARGS, 'img']), mixed)).toEqual([finding('--insecure-ignore-tlog=true', problem('is "false"'))]);
  });

  test('a flag not given takes its COSIGN_<FLAG> environment variable, as cosign binds them (BindViper)', () => {
    const withEnv = (args: string[], env: any[]) => task({ steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args, env })] });
    // keyless Chains, but COSIGN_KEY makes cosign verify against a key: it can never pass
    expect(check(withEnv(['verify', ...KEYLESS_ARGS, 'img'], [{ name: 'COSIGN_KEY', value: 'k8s://tekton-chains/signing-secrets' }]), KEYLESS_SPIFFE)).toEqual([
      finding('k8s://tekton-chains/signing-secrets', 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps',
        { property: 'env[COSIGN_KEY]' }),
    ]);
    // an identity from the environment is compared as one from a flag
    expect(check(withEnv(['verify', 'img'], [{ name: 'COSIGN_CERTIFICATE_IDENTITY', value: 'https://github.com/o/r' }]), KEYLESS_SPIFFE).map((f) => [f.property, f.value]))
      .toEqual([['env[COSIGN_CERTIFICATE_IDENTITY]', 'https://github.com/o/r']]);
    // the flag wins over the variable; an empty variable is unset
    expect(check(withEnv(['verify', ...KEYLESS_ARGS, 'img'], [{ name: 'COSIGN_CERTIFICATE_IDENTITY', value: 'https://github.com/o/r' }]), KEYLESS_SPIFFE)).toEqual([]);
    expect(check(withEnv(['verify', ...KEYLESS_ARGS, 'img'], [{ name: 'COSIGN_KEY', value: '' }]), KEYLESS_SPIFFE)).toEqual([]);
    // the transparency log skipped through the environment, or by --private-infrastructure
    const off = { ...KMS, 'transparency.enabled': 'false' };
    const kmsArgs = ['verify', '--key=awskms:///alias/chains'];
    expect(check(withEnv([...kmsArgs, 'img'], [{ name: 'COSIGN_INSECURE_IGNORE_TLOG', value: 'true' }]), off)).toEqual([]);
    expect(check(withEnv([...kmsArgs, '--private-infrastructure', 'img'], []), off)).toEqual([]);
    expect(check(withEnv([...kmsArgs, 'img'], [{ name: 'COSIGN_PRIVATE_INFRASTRUCTURE', value: '1' }]), off)).toEqual([]);
    expect(check(withEnv([...kmsArgs, 'img'], [{ name: 'COSIGN_INSECURE_IGNORE_TLOG', value: 'false' }]), off).map((f) => [f.property, f.value]))
      .toEqual([['env[COSIGN_INSECURE_IGNORE_TLOG]', 'false']]);
  });

  test('cosign looks for signatures where Chains writes them (COSIGN_REPOSITORY against storage.oci.repository)', () => {
    const REPO = { ...KMS, 'storage.oci.repository': 'registry.example.com/signatures' };
    const step = (env?: any[]) => task({ steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', '--key=awskms:///alias/chains', 'img'], env })] });
    expect(check(step([{ name: 'COSIGN_REPOSITORY', value: 'registry.example.com/signatures' }]), REPO)).toEqual([]);
    // the kubelet sets the last entry of a name
    expect(check(step([{ name: 'COSIGN_REPOSITORY', value: 'registry.example.com/other' }, { name: 'COSIGN_REPOSITORY', value: 'registry.example.com/signatures' }]), REPO)).toEqual([]);
    expect(check(step([{ name: 'COSIGN_REPOSITORY', value: 'registry.example.com/signatures' }, { name: 'COSIGN_REPOSITORY', value: 'registry.example.com/other' }]), REPO)
      .map((f) => [f.property, f.value])).toEqual([['env[COSIGN_REPOSITORY]', 'registry.example.com/other']]);
    expect(check(step(), KMS)).toEqual([]);
    expect(check(step(), REPO)).toEqual([{
      rule: RuleId.CHAINS_SIGNER_VERIFIED,
      kind: 'Task',
      name: 'build',
      location: "step 'verify'",
      target: 'step/verify',
      property: 'env',
      problem: 'does not set COSIGN_REPOSITORY, so cosign looks for signatures next to the image, but Chains writes them in registry.example.com/signatures (storage.oci.repository)',
    }]);
    expect(check(step([{ name: 'COSIGN_REPOSITORY', value: 'registry.example.com/other' }]), REPO)).toEqual([{
      ...finding('registry.example.com/other', ''),
      property: 'env[COSIGN_REPOSITORY]',
      problem: 'makes cosign look for signatures there, but Chains writes them in registry.example.com/signatures (storage.oci.repository)',
    }]);
    const fromParam = task({
      params: [{ name: 'sigs', default: 'registry.example.com/sigs' }],
      steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', '--key=awskms:///alias/chains', 'img'], env: [{ name: 'COSIGN_REPOSITORY', value: '$(params.sigs)' }] })],
    });
    expect(check(fromParam, KMS)).toEqual([{
      ...finding('$(params.sigs)', ''),
      property: 'env[COSIGN_REPOSITORY]',
      problem: 'gives "registry.example.com/sigs", which makes cosign look for signatures there, but Chains writes them next to each image (storage.oci.repository is not set)',
    }]);
  });

  test('sigstore-bundle: Chains writes OCI 1.1 referrers next to the image and ignores storage.oci.repository', () => {
    const BUNDLE = { ...KMS, 'storage.oci.encoding-format': 'sigstore-bundle', 'storage.oci.repository': 'registry.example.com/signatures' };
    const step = (env?: any[]) => task({ steps: [hardenedContainer('verify', { image: COSIGN, script: undefined, args: ['verify', '--key=awskms:///alias/chains', 'img'], env })] });
    // cosign looks next to the image, where the referrers are
    expect(check(step(), BUNDLE)).toEqual([]);
    // COSIGN_REPOSITORY set to the repository Chains ignores: cosign lists referrers there and finds none
    expect(check(step([{ name: 'COSIGN_REPOSITORY', value: 'registry.example.com/signatures' }]), BUNDLE)).toEqual([{
      ...finding('registry.example.com/signatures', ''),
      property: 'env[COSIGN_REPOSITORY]',
      problem: 'makes cosign look for signatures there, but Chains writes them next to each image, as OCI 1.1 referrers '
        + '(storage.oci.encoding-format sigstore-bundle, which ignores storage.oci.repository)',
    }]);
    // dsse (the default) still writes to storage.oci.repository
    expect(check(step(), { ...BUNDLE, 'storage.oci.encoding-format': 'dsse' }).map((f) => f.property)).toEqual(['env']);
  });

  test('shell scripts and sh -c: simple commands, env variables, wrappers and retry loops are read', () => {
    const retry = [
      '#!/bin/sh',
      'set -eu',
      '# cosign verify --key awskms:///alias/commented-out img',
      'for i in 1 2 3 4 5; do',
      '  if timeout 60 cosign verify \\',
      '      --key "$KEY" "$IMAGE"; then exit 0; fi',
      '  sleep 10',
      'done',
      'exit 1',
    ].join('\n');
    const scripted = task({
      params: [{ name: 'key', default: 'awskms:///alias/other' }, { name: 'image' }],
      steps: [hardenedContainer('verify', { image: COSIGN, script: retry, env: [{ name: 'KEY', value: '$(params.key)' }, { name: 'IMAGE', value: '$(params.image)' }] })],
    });
    expect(check(scripted, KMS)).toEqual([finding('--key $KEY',
      'gives "awskms:///alias/other", which is not the KMS key Chains signs images with (signers.kms.kmsref awskms:///alias/chains)', { property: 'script' })]);
    // the same key Chains signs with: compliant
    expect(check(task({ ...scripted.spec, params: [{ name: 'key', default: 'awskms:///alias/chains' }, { name: 'image' }] }), KMS)).toEqual([]);
    // a param in the script, which Tekton replaces before the shell runs, as a word of its own or after `=`
    for (const flag of ['--key $(params.key)', '--key=$(params.key)', '--key "$(params.key)"']) {
      const inScript = task({ params: [{ name: 'key', default: 'awskms:///alias/other' }], steps: [hardenedContainer('verify', { script: `#!/bin/sh\ncosign verify ${flag} img\n` })] });
      expect(check(inScript, KMS)).toEqual([finding(flag.replace(/"/g, ''),
        'gives "awskms:///alias/other", which is not the KMS key Chains signs images with (signers.kms.kmsref awskms:///alias/chains)', { property: 'script' })]);
    }
    // bash, quoted literals, `--flag=value`
    const bash = task({ steps: [hardenedContainer('verify', { script: "#!/usr/bin/env bash\ncosign verify --certificate-identity='https://github.com/o/r' img && echo ok\n" })] });
    expect(check(bash, KEYLESS_SPIFFE)).toEqual([finding('--certificate-identity=https://github.com/o/r',
      'cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller', { property: 'script' })]);
    // the program's name as the shell reads it, however its letters are written: quoted, escaped, joined at a line's end, by number
    for (const program of ["co'sign'", 'co"sign"', 'co\\sign', 'co\\\nsign', "$'\\x63osign'", "$'\\143osign'", "co$'s'ign", 'co$"si"gn', "co$''sign"]) {
      const spelled = task({ steps: [hardenedContainer('verify', { script: `#!/usr/bin/env bash\n${program} verify --certificate-identity='https://github.com/o/r' img\n` })] });
      expect(check(spelled, KEYLESS_SPIFFE).map((f) => f.value)).toEqual(['--certificate-identity=https://github.com/o/r']);
    }
    // a variable not set by env, a command substitution, or a script in another language: not judged
    expect(check(task({ steps: [hardenedContainer('verify', { script: '#!/bin/sh\ncosign verify --key "$UNSET" --certificate-identity "$(cat /id)" img\n' })] }), KEYLESS_SPIFFE)
      .map((f) => f.value)).toEqual(['--key $UNSET']);
    expect(check(task({ steps: [hardenedContainer('verify', { script: '#!/usr/bin/python3\nos.system("cosign verify --key k img")\n' })] }), KEYLESS_SPIFFE)).toEqual([]);
    // sh -c in command
    const shc = task({ steps: [hardenedContainer('verify', { script: undefined, command: ['sh', '-c', 'cosign verify --key k8s://tekton-chains/signing-secrets "$0"', 'img'] })] });
    expect(check(shc, KEYLESS_SPIFFE)).toEqual([finding('--key k8s://tekton-chains/signing-secrets',
      'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps', { property: 'command' })]);
    // every POSIX-like shell: zsh -c, mksh -c in command, a #!/bin/mksh script
    for (const command of [['zsh', '-c', 'cosign verify --key k8s://tekton-chains/signing-secrets img'], ['mksh', '-ec', 'cosign verify --key k8s://tekton-chains/signing-secrets img']]) {
      expect(check(task({ steps: [hardenedContainer('verify', { script: undefined, command })] }), KEYLESS_SPIFFE).map((f) => [f.value, f.property]))
        .toEqual([['--key k8s://tekton-chains/signing-secrets', 'command']]);
    }
    expect(check(task({ steps: [hardenedContainer('verify', { script: '#!/bin/mksh\ncosign verify --key k8s://tekton-chains/signing-secrets img\n' })] }), KEYLESS_SPIFFE)
      .map((f) => [f.value, f.property])).toEqual([['--key k8s://tekton-chains/signing-secrets', 'script']]);
  });

  test("cosign's global flags before the subcommand, as cobra reads them: -t 5m, --timeout 5m, --output-file FILE, -d, -dt 5m; one it does not know read both ways", () => {
    const judged = (script: string) => check(task({ steps: [hardenedContainer('verify', { script })] }), KEYLESS_SPIFFE).map((f) => [f.value, f.property]);
    for (const flags of ['-t 5m', '--timeout 5m', '--timeout=5m', '--output-file /tmp/out', '-d', '-dt 5m', '--verbose -t 5m', '--new-flag x', '--new-switch']) {
      expect(judged(`#!/bin/sh\ncosign ${flags} verify --key k8s://tekton-chains/signing-secrets img\n`)).toEqual([['--key k8s://tekton-chains/signing-secrets', 'script']]);
    }
    // the value of -t is not the subcommand, nor is verify the value of a flag cosign knows takes one
    expect(judged('#!/bin/sh\ncosign -t verify sign --key k8s://tekton-chains/signing-secrets img\n')).toEqual([]);
    expect(judged('#!/bin/sh\ncosign --output-file verify sign --key k8s://tekton-chains/signing-secrets img\n')).toEqual([]);
  });

  test("a script whose #! names a shell through env's options (-S, -i, NAME=VALUE) or busybox is read; cosign manifest verify and dockerfile verify are verifications", () => {
    const judged = (script: string) => check(task({ steps: [hardenedContainer('verify', { script })] }), KEYLESS_SPIFFE).map((f) => [f.value, f.property]);
    const line = 'cosign verify --key k8s://tekton-chains/signing-secrets img';
    for (const shebang of ['#!/usr/bin/env -S bash -e', '#!/usr/bin/env -i PATH=/bin sh', '#!/usr/bin/env -S -u HOME bash', '#!/bin/busybox sh', '#!/usr/bin/env bash']) {
      expect(judged(`${shebang}\n${line}\n`)).toEqual([['--key k8s://tekton-chains/signing-secrets', 'script']]);
    }
    // another interpreter runs the text: not shell
    expect(judged(`#!/usr/bin/env -S python3 -u\n${line}\n`)).toEqual([]);
    expect(judged('#!/bin/sh\ncosign manifest verify --key k8s://tekton-chains/signing-secrets $(workspaces.src.path)/deploy.yaml\n'))
      .toEqual([['--key k8s://tekton-chains/signing-secrets', 'script']]);
    expect(judged('#!/bin/sh\ncosign dockerfile verify --key k8s://tekton-chains/signing-secrets Dockerfile\ncosign manifest sign x\n'))
      .toEqual([['--key k8s://tekton-chains/signing-secrets', 'script']]);
  });

  test('the assignments before cosign in a script are its environment, over what the script exports, over the env: COSIGN_KEY=… cosign verify', () => {
    const judged = (script: string, env?: any[]) => check(task({ steps: [hardenedContainer('verify', { script, ...(env ? { env } : {}) })] }), KEYLESS_SPIFFE)
      .map((f) => [f.property, f.value, f.problem]);
    const KEY_PROBLEM = 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps';
    const identity = `--certificate-identity=${SPIFFE_ID} --certificate-oidc-issuer=${SPIRE_ISSUER}`;
    expect(judged(`#!/bin/sh\nCOSIGN_KEY=k8s://tekton-chains/signing-secrets cosign verify ${identity} img\n`))
      .toEqual([['script', 'COSIGN_KEY=k8s://tekton-chains/signing-secrets', KEY_PROBLEM]]);
    expect(judged('#!/bin/sh\nexport COSIGN_KEY=k8s://tekton-chains/signing-secrets\ncosign verify img\n')).toEqual([['script', 'COSIGN_KEY=k8s://tekton-chains/signing-secrets', KEY_PROBLEM]]);
    // a prefix assignment before cosign no longer hides it (KUBECONFIG=… cosign verify)
    expect(judged('#!/bin/sh\nHOME=/tmp cosign verify --key k8s://tekton-chains/signing-secrets img\n')).toEqual([['script', '--key k8s://tekton-chains/signing-secrets', KEY_PROBLEM]]);
    // an empty one overrides the env's and is unset, as viper reads it; the env's alone is read
    expect(judged(`#!/bin/sh\nCOSIGN_KEY= cosign verify ${identity} img\n`, [{ name: 'COSIGN_KEY', value: 'cosign.pub' }])).toEqual([]);
    expect(judged(`#!/bin/sh\ncosign verify ${identity} img\n`, [{ name: 'COSIGN_KEY', value: 'cosign.pub' }])).toEqual([['env[COSIGN_KEY]', 'cosign.pub', KEY_PROBLEM]]);
    expect(judged(`#!/bin/sh\nCOSIGN_YES=true cosign verify ${identity} img\n`)).toEqual([]);
  });

  test("a shell's -c in command read by the shell's options: -e before -c, -o pipefail, -c --", () => {
    const code = 'cosign verify --key k8s://tekton-chains/signing-secrets img';
    for (const command of [['bash', '-e', '-c', code], ['bash', '-o', 'pipefail', '-c', code], ['sh', '-c', '--', code], ['bash', '--noprofile', '-ec', code]]) {
      expect(check(task({ steps: [hardenedContainer('verify', { script: undefined, command })] }), KEYLESS_SPIFFE).map((f) => [f.value, f.property]))
        .toEqual([['--key k8s://tekton-chains/signing-secrets', 'command']]);
    }
    // cosign named in env -S's string, its flags there
    expect(check(task({ steps: [hardenedContainer('verify', { script: undefined, command: ['env', '-S', 'cosign verify --key k8s://tekton-chains/signing-secrets'], args: ['img'] })] }), KEYLESS_SPIFFE)
      .map((f) => [f.value, f.property])).toEqual([['--key k8s://tekton-chains/signing-secrets', 'args']]);
    // -c's code is the first operand: `sh -c -e CODE` sets -e, `sh -e FILE` runs a file
    expect(check(task({ steps: [hardenedContainer('verify', { script: undefined, command: ['sh', '-e', '/scripts/verify.sh', code] })] }), KEYLESS_SPIFFE)).toEqual([]);
  });

  test('cosign in the code a script runs through a shell: sh -c, a heredoc or here-string fed to a shell (or its /dev/stdin), eval, a command substitution, a trap; through sudo', () => {
    const KEY_PROBLEM = 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps';
    const judged = (script: string) => check(task({ steps: [hardenedContainer('verify', { script })] }), KEYLESS_SPIFFE);
    for (const script of [
      "#!/bin/sh\nsh -c 'cosign verify --key k8s://tekton-chains/signing-secrets img'\n",
      '#!/bin/sh\nbash -e <<EOF\ncosign verify --key k8s://tekton-chains/signing-secrets img\nEOF\n',
      "#!/bin/bash\nbash <<< 'cosign verify --key k8s://tekton-chains/signing-secrets img'\n",
      '#!/bin/sh\neval cosign verify --key k8s://tekton-chains/signing-secrets img\n',
      '#!/bin/sh\nsudo -E cosign verify --key k8s://tekton-chains/signing-secrets img\n',
      '#!/bin/sh\nsh /dev/stdin <<EOF\ncosign verify --key k8s://tekton-chains/signing-secrets img\nEOF\n',
      '#!/bin/sh\nout=$(cosign verify --key k8s://tekton-chains/signing-secrets img)\necho "$out" | jq .\n',
      "#!/bin/sh\ntrap 'cosign verify --key k8s://tekton-chains/signing-secrets img' EXIT\n",
    ]) {
      expect(judged(script)).toEqual([finding('--key k8s://tekton-chains/signing-secrets', KEY_PROBLEM, { property: 'script' })]);
    }
  });

  test('cosign that a command runner runs: flock, watch -x, watch\'s code, su -c, xargs, find -exec, timeout around flock; in a script and in command', () => {
    const KEY_PROBLEM = 'verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps';
    const judged = (script: string) => check(task({ steps: [hardenedContainer('verify', { script })] }), KEYLESS_SPIFFE);
    for (const line of [
      'flock /tmp/l cosign verify --key k8s://tekton-chains/signing-secrets img',
      'watch -x -n 5 cosign verify --key k8s://tekton-chains/signing-secrets img',
      "watch -n 5 'cosign verify --key k8s://tekton-chains/signing-secrets img'",
      "su nobody -s /bin/sh -c 'cosign verify --key k8s://tekton-chains/signing-secrets img'",
      'echo img | xargs cosign verify --key k8s://tekton-chains/signing-secrets',
      'find /tmp -maxdepth 0 -exec cosign verify --key k8s://tekton-chains/signing-secrets img \\;',
      'timeout 60 flock /tmp/l cosign verify --key k8s://tekton-chains/signing-secrets img',
    ]) {
      expect(judged(`#!/bin/sh\n${line}\n`)).toEqual([finding('--key k8s://tekton-chains/signing-secrets', KEY_PROBLEM, { property: 'script' })]);
    }
    const command = (argv: string[]) => check(task({ steps: [hardenedContainer('verify', { script: undefined, command: argv })] }), KEYLESS_SPIFFE);
    expect(command(['flock', '/tmp/l', 'cosign', 'verify', '--key', 'k8s://tekton-chains/signing-secrets', 'img']))
      .toEqual([finding('--key k8s://tekton-chains/signing-secrets', KEY_PROBLEM, { property: 'command' })]);
    expect(command(['watch', '-n', '5', 'cosign verify --key k8s://tekton-chains/signing-secrets img']))
      .toEqual([finding('--key k8s://tekton-chains/signing-secrets', KEY_PROBLEM, { property: 'command' })]);
  });

  test('the audit CLI judges the files given together: chains-config in one file, the Task in another', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chains-signer-'));
    fs.writeFileSync(path.join(dir, 'chains.json'), JSON.stringify(chainsConfig({ ...KEYLESS_SPIFFE, 'transparency.enabled': 'true' })));
    const t = verifyTask(['verify', '--certificate-identity=https://github.com/o/r', `--certificate-oidc-issuer=${SPIRE_ISSUER}`, 'img']);
    fs.writeFileSync(path.join(dir, 'task.json'), JSON.stringify(t));
    const failed = (files: string[]) => JSON.parse(audit(files.map((f) => path.join(dir, f)), 'json').stdout).findings
      .filter((f: any) => f.rule === RuleId.CHAINS_SIGNER_VERIFIED)
      .map((f: any) => [path.basename(f.file), f.status, f.value]);
    expect(failed(['chains.json', 'task.json'])).toEqual([['task.json', 'failed', '--certificate-identity=https://github.com/o/r']]);
    // the Task alone: nothing to judge it against
    expect(failed(['task.json'])).toEqual([]);
  });

  test('through the constructs: ImageVerificationTask against ChainsConfig, in one app', () => {
    const app = Testing.app();
    const chains = new Chart(app, 'chains', { namespace: 'tekton-chains' });
    const ci = new Chart(app, 'ci', { namespace: 'ci' });
    new ChainsConfig(chains, 'config', { keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: SPIRE_ISSUER, provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }) });
    new ImageVerificationTask(ci, 'verify-image', {
      certificateIdentity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
      oidcIssuer: 'https://token.actions.githubusercontent.com',
    });
    // said as the task's props: certificateIdentity, oidcIssuer and privateSigstore, each fix in them
    const IDENTITY_FIX = "Require the identity Chains signs with: certificateIdentity: ImageVerificationTask.chainsSpiffeIdentity('<trust domain>') with oidcIssuer: "
      + "'<SPIRE OIDC issuer>', privateSigstore: true and rekorUrl: '<your Rekor>' when it signs keyless through SPIRE, or the identity and issuer of its Fulcio provider; use ImageVerify with ImageSigner.key(...) "
      + 'when Chains signs with a key.';
    const RELAX = " Or, for images Chains does not sign, relax CHAINS_SIGNER_VERIFIED in its props: relaxations: [{ rule: RuleId.CHAINS_SIGNER_VERIFIED, reason: '<why>' }].";
    expect(() => app.synth()).toThrow(new Error('3 findings; nothing was written:\n'
      + "  ImageVerificationTask 'ci/verify-image': certificateIdentity \"https://github.com/example/app/.github/workflows/release.yml@refs/heads/main\" "
      + 'cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller '
      + `[CHAINS_SIGNER_VERIFIED]. ${IDENTITY_FIX}${RELAX}\n`
      + "  ImageVerificationTask 'ci/verify-image': oidcIssuer \"https://token.actions.githubusercontent.com\" is not a SPIRE OIDC issuer: with "
      + 'signers.x509.fulcio.provider spiffe the certificate names the issuer of the SPIRE JWT-SVID (its OIDC discovery URL) '
      + `[CHAINS_SIGNER_VERIFIED]. ${IDENTITY_FIX}${RELAX}\n`
      + "  ImageVerificationTask 'ci/verify-image': privateSigstore \"false\" checks the certificate against the public-good Fulcio's root, but Chains signs images "
      + 'with certificates of the Fulcio at https://fulcio.example.internal (signers.x509.fulcio.address), which that root does not certify [CHAINS_SIGNER_VERIFIED]. '
      + "Verify against that Sigstore's own trust root: privateSigstore: true with rekorUrl: '<its Rekor URL>', and bind the task's sigstore-trust workspace to a "
      + `ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub (RunWorkspace.configMap('<name>')).${RELAX}`,
    ));

    // the right identity, checked against the public-good root: that root does not certify the cluster's Fulcio
    const publicRoot = (own: boolean) => {
      const a = Testing.app();
      new ChainsConfig(new Chart(a, 'chains', { namespace: 'tekton-chains' }), 'config', {
        keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: SPIRE_ISSUER, provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }),
      });
      new ImageVerificationTask(new Chart(a, 'ci', { namespace: 'ci' }), 'verify-image', {
        certificateIdentity: ImageVerificationTask.chainsSpiffeIdentity('example.org'),
        oidcIssuer: SPIRE_ISSUER,
        rekorUrl: 'https://rekor.example.internal',
        privateSigstore: own,
      });
      return () => a.synth();
    };
    // (a SPIFFE ID is refused without privateSigstore when the task is made, whatever Chains does: test/supply-chain/image-verification-task.test.ts)
    expect(() => publicRoot(false)).toThrow(/certificateIdentity "spiffe:[^"]*" is a SPIFFE ID, but privateSigstore is false, .* \[VALID_SPEC\]/);
    expect(publicRoot(true)).not.toThrow();

    // Chains with a KMS key: the keyless task cannot verify, unless its step is relaxed (it verifies a vendor's images)
    const kmsApp = (relax: boolean) => {
      const app2 = Testing.app();
      new ChainsConfig(new Chart(app2, 'chains', { namespace: 'tekton-chains' }), 'config', { oci: { signer: ChainsSigner.KMS }, kms: { keyRef: 'awskms:///alias/chains' } });
      new ImageVerificationTask(new Chart(app2, 'ci', { namespace: 'ci' }), 'verify-image', {
        certificateIdentity: SPIFFE_ID,
        oidcIssuer: SPIRE_ISSUER,
        privateSigstore: true,
        rekorUrl: 'https://rekor.example.internal',
        relaxations: relax ? [{ rule: RuleId.CHAINS_SIGNER_VERIFIED, reason: 'verifies the base images a vendor signs keyless', target: RelaxationTarget.step('verify') }] : undefined,
      });
      return app2;
    };
    expect(() => kmsApp(false).synth()).toThrow(new Error(
      `ImageVerificationTask 'ci/verify-image': certificateIdentity "${SPIFFE_ID}" verifies a keyless certificate, but Chains signs images with the KMS key `
      + `awskms:///alias/chains (artifacts.oci.signer kms): its signatures carry no certificate [CHAINS_SIGNER_VERIFIED]. ${IDENTITY_FIX}${RELAX}`,
    ));
    const relaxed = kmsApp(true);
    relaxed.synth();
    const written = Testing.synth(relaxed.charts[1])[0];
    expect(written.metadata.annotations['secure-tekton/relax.CHAINS_SIGNER_VERIFIED']).toBe('step/verify: verifies the base images a vendor signs keyless');
  });

  test("keyless through a Fulcio other than the public-good one: the verification needs that Fulcio's root (SIGSTORE_ROOT_FILE)", () => {
    const own = { ...KEYLESS_SPIFFE, 'signers.x509.fulcio.address': 'https://fulcio.example.org' };
    const PROBLEM = "checks the certificate against the public-good Fulcio's root (no SIGSTORE_ROOT_FILE), but Chains signs images with certificates of "
      + 'the Fulcio at https://fulcio.example.org (signers.x509.fulcio.address), which that root does not certify';
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), own)).toEqual([finding(KEYLESS_ARGS[0], PROBLEM)]);
    // the root in the env, or exported by the script; the public-good Fulcio (set, or Chains' default) needs none
    const withEnv = verifyTask(['verify', ...KEYLESS_ARGS, 'img']);
    withEnv.spec.steps[0].env = [{ name: 'SIGSTORE_ROOT_FILE', value: '/etc/sigstore/fulcio.crt.pem' }];
    expect(check(withEnv, own)).toEqual([]);
    const scripted = task({ steps: [hardenedContainer('verify', { image: COSIGN, script: `#!/bin/sh\nexport SIGSTORE_ROOT_FILE=/etc/sigstore/fulcio.crt.pem\ncosign verify ${KEYLESS_ARGS.join(' ')} img\n` })] });
    expect(check(scripted, own)).toEqual([]);
    // naming it is not setting it: an unset, a comment or an empty value leave cosign on the public-good root
    for (const line of ['unset SIGSTORE_ROOT_FILE', '# SIGSTORE_ROOT_FILE is not needed here', 'export SIGSTORE_ROOT_FILE=']) {
      const named = task({ steps: [hardenedContainer('verify', { image: COSIGN, script: `#!/bin/sh\n${line}\ncosign verify ${KEYLESS_ARGS.join(' ')} img\n` })] });
      expect([line, check(named, own).map((f) => f.problem)]).toEqual([line, [PROBLEM]]);
    }
    for (const address of ['https://fulcio.sigstore.dev/', 'HTTPS://Fulcio.Sigstore.dev', 'https://fulcio.sigstore.dev:443']) {
      expect([address, check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), { ...KEYLESS_SPIFFE, 'signers.x509.fulcio.address': address })]).toEqual([address, []]);
    }
    expect(check(verifyTask(['verify', ...KEYLESS_ARGS, 'img']), KEYLESS_SPIFFE)).toEqual([]);
  });
});

describe('CHAINS_SIGNER_VERIFIED: the chains-config a Tekton operator writes', () => {
  const viaOperator = (m: any, chain: Record<string, unknown>) =>
    CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, operatorConfig({ 'transparency.enabled': 'true', ...chain }), chainsConfig({ 'transparency.enabled': 'true' })]));

  test('a TektonConfig checked together stands for chains-config, over the ConfigMap; Chains runs in its targetNamespace', () => {
    const m = verifyTask(['verify', '--key', 'k8s://tekton-pipelines/signing-secrets', 'img']);
    expect(viaOperator(m, {})).toEqual([]);
    expect(viaOperator(m, { options: { configMaps: { 'chains-config': { data: KMS } } } })).toEqual([finding('--key k8s://tekton-pipelines/signing-secrets',
      'verifies against the key in the tekton-pipelines/signing-secrets Secret, but Chains signs images with the KMS key awskms:///alias/chains (artifacts.oci.signer kms) and never with that Secret')]);
  });

  test("a chains-config ConfigMap of the operator's target namespace: read as the operator writes it alone, and with the keys its apply keeps", () => {
    // the operator's installer applies chains-config over it with a three-way merge: the keys it does not write stay unless kubectl apply created it
    const configMap = (namespace?: string) => chainsConfig({ ...KMS, 'transparency.enabled': 'true' }, namespace === undefined ? {} : { namespace });
    const run = (m: any, ...others: any[]) => CHAINS_SIGNER_VERIFIED.check(m, ruleContext([m, operatorConfig({ 'transparency.enabled': 'true' }), ...others]));
    const agree = 'Make chains-config the same however the ConfigMap was created: set spec.chain[\'artifacts.oci.signer\']: "kms", '
      + 'spec.chain[\'signers.kms.kmsref\']: "awskms:///alias/chains" on TektonConfig \'config\', which the operator then writes, or remove '
      + "data['artifacts.oci.signer'], data['signers.kms.kmsref'] from ConfigMap 'chains-config' in tekton-pipelines.";
    const secretKey = verifyTask(['verify', '--key', 'k8s://tekton-pipelines/signing-secrets', 'img']);
    expect(run(secretKey, configMap('tekton-pipelines'))).toEqual([{
      ...finding('--key k8s://tekton-pipelines/signing-secrets', 'verifies against the key in the tekton-pipelines/signing-secrets Secret, but Chains signs images with '
        + 'the KMS key awskms:///alias/chains (artifacts.oci.signer kms) and never with that Secret (reading chains-config with data[\'artifacts.oci.signer\'], '
        + "data['signers.kms.kmsref'] that ConfigMap 'chains-config' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)"),
      fix: agree,
    }]);
    const kmsKey = verifyTask(['verify', '--key', 'awskms:///alias/chains', 'img']);
    expect(run(kmsKey, configMap('tekton-pipelines'))).toEqual([{
      ...finding('--key awskms:///alias/chains', 'verifies against a KMS key, but Chains signs images with the key in the tekton-pipelines/signing-secrets Secret '
        + '(artifacts.oci.signer x509, no Fulcio) (reading chains-config as TektonConfig \'config\' writes it alone, if kubectl apply created ConfigMap '
        + "'chains-config' in tekton-pipelines)"),
      fix: agree,
    }]);
    // a key the operator writes takes its value either way; a ConfigMap of another namespace is not the one Chains reads there
    expect(run(secretKey, configMap('tekton-chains'))).toEqual([]);
    expect(run(secretKey, chainsConfig({ 'transparency.enabled': 'false' }, { namespace: 'tekton-pipelines' }))).toEqual([]);
    // one without a namespace may be applied there
    expect(run(secretKey, configMap()).map((p) => p.problem)).toEqual([expect.stringContaining("that ConfigMap 'chains-config' without a namespace keeps beside")]);
    // the operator's keys set alike: one reading
    expect(run(secretKey, configMap('tekton-pipelines'), operatorConfig({ ...KMS, 'transparency.enabled': 'true' })).map((p) => p.problem)).toEqual([
      'verifies against the key in the tekton-pipelines/signing-secrets Secret, but Chains signs images with the KMS key awskms:///alias/chains (artifacts.oci.signer kms) and never with that Secret',
    ]);
  });

  test("keyless through SPIRE: the controller's SPIFFE ID in the operator's targetNamespace", () => {
    const keyless = { 'signers.x509.fulcio.enabled': true, 'signers.x509.fulcio.provider': 'spiffe' };
    const verify = (identity: string) => verifyTask(['verify', `--certificate-identity=${identity}`, `--certificate-oidc-issuer=${SPIRE_ISSUER}`, 'img']);
    expect(viaOperator(verify('spiffe://example.org/ns/tekton-pipelines/sa/tekton-chains-controller'), keyless)).toEqual([]);
    expect(viaOperator(verify(SPIFFE_ID), keyless)).toEqual([finding(`--certificate-identity=${SPIFFE_ID}`,
      'is not the SPIFFE ID SPIRE gives the Chains controller (spiffe://<trust domain>/ns/tekton-pipelines/sa/tekton-chains-controller, its namespace and ServiceAccount)')]);
  });
});
