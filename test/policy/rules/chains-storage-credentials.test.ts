import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { chainsConfig, describeRule, MALFORMED, operatorChain, operatorConfig, operatorDeployment, pipelineRun, task, taskRun, taskSpec } from './fixtures';
import {
  ChainsConfig, RegistryCredential, Relaxations, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, Severity, SyncedSecretType,
  TrustDomain, VaultSecretProviderClass,
} from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { CHAINS_STORAGE_CREDENTIALS } from '../../../src/policy/rules/chains-storage-credentials';
import { step } from '../../helpers/constructs';

const account = (fields: Record<string, any> = {}, name = 'pipe-runner') => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'ci' }, automountServiceAccountToken: false, ...fields });
const secret = (name: string, type: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'ci' }, type });
const spc = (secretObjects: any[]) => ({
  apiVersion: 'secrets-store.csi.x-k8s.io/v1',
  kind: 'SecretProviderClass',
  metadata: { name: 'registry-push', namespace: 'ci' },
  spec: { provider: 'vault', parameters: {}, secretObjects },
});
const CSI = { name: 'registry', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'registry-push' } } };
const DOCKER_SYNC = { secretName: 'registry-push', type: 'kubernetes.io/dockerconfigjson', data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] };
/** Pipeline `pipe`, whose task `push` declares the IMAGE_URL result Chains reads as an image. */
const PIPELINE = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'pipe', namespace: 'ci' },
  spec: { tasks: [{ name: 'test', taskSpec: taskSpec() }, { name: 'push', taskSpec: taskSpec({ results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }] }) }] },
};
const RUN = pipelineRun();
const VAULT_RUN = pipelineRun({ workspaces: [CSI] });
/** Chains' defaults store image signatures in OCI (artifacts.oci.storage "oci"). */
const CHAINS = chainsConfig({});

const check = (sa: any, ...others: any[]) => CHAINS_STORAGE_CREDENTIALS.check(sa, ruleContext([sa, PIPELINE, ...others]));
const finding = (value: string | undefined, problem: string, name = 'pipe-runner') => ({
  rule: RuleId.CHAINS_STORAGE_CREDENTIALS, kind: 'ServiceAccount', name, property: value === undefined ? 'imagePullSecrets' : 'secrets', ...(value === undefined ? {} : { value }), problem,
});
const STORES = "Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) with the dockerconfig Secrets it lists (artifacts.oci.storage includes oci)";

describe('CHAINS_STORAGE_CREDENTIALS', () => {
  describeRule(CHAINS_STORAGE_CREDENTIALS, RuleId.CHAINS_STORAGE_CREDENTIALS, Severity.MEDIUM, true);

  test('malformed objects checked with a chains-config and a run give no crash', () => {
    for (const m of MALFORMED) expect(() => CHAINS_STORAGE_CREDENTIALS.check(m, ruleContext([...MALFORMED, CHAINS, RUN]))).not.toThrow();
    expect(() => check({ kind: 'ServiceAccount', secrets: [null, 'x'], imagePullSecrets: 'x' }, CHAINS, { kind: 'TaskRun', spec: null })).not.toThrow();
  });

  test('applies to ServiceAccounts only', () => {
    expect(CHAINS_STORAGE_CREDENTIALS.appliesTo(account())).toBe(true);
    expect(CHAINS_STORAGE_CREDENTIALS.appliesTo(RUN)).toBe(false);
  });

  test('judged only with a chains-config that stores in OCI and a run as the account, checked together', () => {
    expect(CHAINS_STORAGE_CREDENTIALS.check(account())).toEqual([]);
    expect(check(account(), RUN)).toEqual([]);
    expect(check(account(), CHAINS)).toEqual([]);
    // nothing in OCI: every storage tekton (or off)
    expect(check(account(), RUN, chainsConfig({ 'artifacts.oci.storage': 'tekton', 'artifacts.taskrun.storage': 'tekton,gcs', 'artifacts.pipelinerun.storage': '' }))).toEqual([]);
    // a type whose signer is none is off: Chains neither signs nor pushes it, whatever its storage
    expect(check(account(), RUN, chainsConfig({ 'artifacts.oci.signer': 'none', 'artifacts.taskrun.signer': 'none', 'artifacts.taskrun.storage': 'oci' }))).toEqual([]);
    expect(check(account(), RUN, chainsConfig({ 'artifacts.oci.signer': 'none', 'artifacts.taskrun.storage': 'oci' }))).toEqual([finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) "
      + 'with the dockerconfig Secrets it lists (artifacts.taskrun.storage includes oci)')]);
    // the run is in another namespace, or runs as another account
    expect(check(account(), CHAINS, { ...RUN, metadata: { name: 'pipe-run', namespace: 'other' } })).toEqual([]);
    expect(check(account({}, 'other-runner'), CHAINS, RUN)).toEqual([]);
  });

  test('of several chains-configs, the one Chains reads: in tekton-chains over one without a namespace', () => {
    const nothingInOci = { 'artifacts.oci.storage': 'tekton' };
    // the one in tekton-chains stores nothing in OCI: no push, whatever the other says
    expect(check(account(), chainsConfig({}, {}), chainsConfig(nothingInOci), RUN)).toEqual([]);
    expect(check(account(), chainsConfig(nothingInOci), chainsConfig({}, {}), RUN)).toEqual([]);
    // and the other way round
    expect(check(account(), chainsConfig(nothingInOci, {}), CHAINS, RUN)).toEqual([finding(undefined, `lists no Secret, but ${STORES}`)]);
  });

  test('compliant: a dockerconfig Secret is listed (in the objects, synced from Vault while a run mounts it, or existing elsewhere)', () => {
    expect(check(account({ secrets: [{ name: 'registry-push' }] }), CHAINS, RUN, secret('registry-push', 'kubernetes.io/dockerconfigjson'))).toEqual([]);
    expect(check(account({ imagePullSecrets: [{ name: 'old' }] }), CHAINS, RUN, secret('old', 'kubernetes.io/dockercfg'))).toEqual([]);
    expect(check(account({ secrets: [{ name: 'registry-push' }] }), CHAINS, VAULT_RUN, spc([DOCKER_SYNC]))).toEqual([]);
    // not among the objects, and no credential from Vault: it may exist on the cluster
    expect(check(account({ secrets: [{ name: 'made-by-the-platform' }] }), CHAINS, RUN)).toEqual([]);
  });

  test('non-compliant: no Secret listed', () => {
    expect(check(account(), CHAINS, RUN)).toEqual([finding(undefined, `lists no Secret, but ${STORES}`)]);
    // a TaskRun, and a per-task account of a PipelineRun; the taskrun storage key named
    const tr = taskRun();
    const images = task({ results: [{ name: 'IMAGES' }] });
    expect(check(account({}, 'build-runner'), chainsConfig({ 'artifacts.oci.storage': '', 'artifacts.taskrun.storage': 'oci' }), tr, images)).toEqual([finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (TaskRun 'build-run', result IMAGES) with the dockerconfig Secrets it lists "
      + '(artifacts.taskrun.storage includes oci)', 'build-runner')]);
    // the Task it runs declares no image result, or is not among the objects: nothing is pushed, or it is not seen
    expect(check(account({}, 'build-runner'), CHAINS, tr, task())).toEqual([]);
    expect(check(account({}, 'build-runner'), CHAINS, tr)).toEqual([]);
    // a per-task account of a PipelineRun: only the account of the task with images pushes
    const perTask = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: 'push-runner' }] });
    expect(check(account({}, 'push-runner'), CHAINS, perTask).map((f) => f.problem)).toEqual([
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) with the dockerconfig Secrets it lists (artifacts.oci.storage includes oci)",
    ]);
    expect(check(account(), CHAINS, perTask)).toEqual([]);
    // an empty per-task name is no override (Tekton's GetTaskRunSpec): the task runs as the run's account, not `default`
    const emptyOverride = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: '' }] });
    expect(check(account(), CHAINS, emptyOverride).map((f) => f.problem)).toEqual([`lists no Secret, but ${STORES}`]);
    expect(check(account({}, 'default'), CHAINS, emptyOverride)).toEqual([]);
  });

  test('a PipelineRun pushes only its attestation, and only with artifacts.pipelinerun.storage oci, with its template account', () => {
    // a pipeline result with an image hint: the PipelineRun's attestation names the image, pushed with the run's own account
    const embedded = pipelineRun({ pipelineRef: undefined, pipelineSpec: { results: [{ name: 'APP_ARTIFACT_OUTPUTS', value: '$(tasks.b.results.x)' }], tasks: [{ name: 'b', taskSpec: taskSpec() }] } });
    expect(check(account(), chainsConfig({ 'artifacts.pipelinerun.storage': 'oci' }), embedded).map((f) => f.problem)).toEqual([
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', pipeline result APP_ARTIFACT_OUTPUTS) with the dockerconfig Secrets it lists (artifacts.pipelinerun.storage, artifacts.oci.storage include oci)",
    ]);
    // Chains' defaults: PipelineRun attestations stay in tekton, and a PipelineRun has no image artifact (SupportsOCIArtifact false)
    expect(check(account(), CHAINS, embedded)).toEqual([]);
    expect(check(account(), chainsConfig({ 'artifacts.taskrun.storage': 'oci' }), embedded)).toEqual([]);
    // only PipelineRun attestations go to OCI: the TaskRuns of image-producing tasks push nothing
    const perTask = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: 'push-runner' }] });
    const onlyRuns = chainsConfig({ 'artifacts.pipelinerun.storage': 'oci', 'artifacts.oci.storage': 'tekton' });
    expect(check(account({}, 'push-runner'), onlyRuns, perTask)).toEqual([]);
    expect(check(account({}, 'push-runner'), chainsConfig({ 'artifacts.taskrun.storage': 'oci', 'artifacts.oci.storage': 'tekton' }), perTask).map((f) => f.name)).toEqual(['push-runner']);
  });

  test('deep inspection: the PipelineRun\'s attestation names its tasks\' images and is pushed with the template account', () => {
    // push runs as its own account; the run's template account (pipe-runner) lists no Secret
    const perTask = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', serviceAccountName: 'push-runner' }] });
    const deep = (value: string) => chainsConfig({ 'artifacts.pipelinerun.storage': 'oci', 'artifacts.pipelinerun.enable-deep-inspection': value });
    expect(check(account(), deep('true'), perTask)).toEqual([finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL "
      + "in the PipelineRun's attestation (deep inspection)) with the dockerconfig Secrets it lists (artifacts.pipelinerun.storage, artifacts.oci.storage include oci)")]);
    expect(check(account(), deep('T'), perTask).length).toBe(1);
    // without deep inspection the attestation names only the pipeline's results: none here
    expect(check(account(), deep('false'), perTask)).toEqual([]);
    expect(check(account(), deep('yes'), perTask)).toEqual([]);
    // deep inspection with PipelineRun attestations kept in tekton: no push
    expect(check(account(), chainsConfig({ 'artifacts.pipelinerun.enable-deep-inspection': 'true' }), perTask)).toEqual([]);
  });

  test('non-compliant: only Secrets Chains cannot push with', () => {
    expect(check(account({ secrets: [{ name: 'git-key' }] }), CHAINS, RUN, secret('git-key', 'kubernetes.io/ssh-auth'))).toEqual([finding('git-key',
      `lists no Secret Chains can push with: 'git-key' is of type kubernetes.io/ssh-auth; ${STORES}`)]);
    // synced by a SecretProviderClass that no run mounts: the CSI driver never creates it
    // and the fix says to mount the class, not to list the Secret the account already lists
    expect(check(account({ secrets: [{ name: 'registry-push' }] }), CHAINS, RUN, spc([DOCKER_SYNC]))).toEqual([{
      ...finding('registry-push',
        `lists no Secret Chains can push with: 'registry-push' is synced by SecretProviderClass 'registry-push', which no run checked with it mounts, so it is never created; ${STORES}`),
      fix: "Mount SecretProviderClass 'registry-push' in the run: bind the credentials workspace of its pushing task with RunWorkspace.csi(<the VaultSecretProviderClass "
        + "'registry-push'>) (a RegistryCredential with vault gives it as registryCredential.workspace()), not with RunWorkspace.secret('registry-push'): the CSI driver "
        + "creates Secret 'registry-push' only while a pod mounts the class. Or list a kubernetes.io/dockerconfigjson Secret that exists under the ServiceAccount's "
        + '`imagePullSecrets:` (`registryCredential.allowChainsToPush(pipeline.serviceAccount)`).',
    }]);
    // synced as Opaque
    expect(check(account({ secrets: [{ name: 'registry-push' }] }), CHAINS, VAULT_RUN, spc([{ ...DOCKER_SYNC, type: 'Opaque' }]))).toEqual([finding('registry-push',
      `lists no Secret Chains can push with: 'registry-push' is synced by SecretProviderClass 'registry-push' as Opaque without its dockerconfig key; ${STORES}`)]);
  });

  test('non-compliant: the registry credential comes only through a Vault CSI volume, which Chains never reads', () => {
    expect(check(account({ secrets: [{ name: 'registry-push' }] }), CHAINS, VAULT_RUN, spc([]))).toEqual([finding('registry-push',
      "lists no Secret Chains can push with: 'registry-push' is neither among the objects nor synced by a SecretProviderClass, while the runs get their credentials from "
      + `SecretProviderClass 'registry-push' through CSI, which Chains never reads; ${STORES}`)]);
  });

  test('the audit CLI judges the files given together, with the relaxation annotation honoured', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chains-storage-'));
    const write = (file: string, ...objects: any[]) => fs.writeFileSync(path.join(dir, file), objects.map((o) => JSON.stringify(o)).join('\n---\n'));
    write('chains.yaml', CHAINS);
    write('pipeline.yaml', PIPELINE, VAULT_RUN, spc([]));
    write('sa.yaml', account({ secrets: [{ name: 'registry-push' }] }));
    const statuses = () => JSON.parse(audit([dir], 'json').stdout).findings
      .filter((f: any) => f.rule === RuleId.CHAINS_STORAGE_CREDENTIALS).map((f: any) => [path.basename(f.file), f.status]);
    expect(statuses()).toEqual([['sa.yaml', 'failed']]);
    write('sa.yaml', account({
      metadata: { name: 'pipe-runner', namespace: 'ci', annotations: { 'secure-tekton/relax.CHAINS_STORAGE_CREDENTIALS': '*: Chains pushes with the workload identity of its controller' } },
      secrets: [{ name: 'registry-push' }],
    }));
    expect(statuses()).toEqual([['sa.yaml', 'relaxed']]);
  });

  /** A pipeline whose push task gets the registry credential from Vault, and its run, with ChainsConfig in the same app. */
  function vaultApp(options: { sync: boolean; allow: boolean; relax?: boolean }) {
    const app = Testing.app();
    new ChainsConfig(new Chart(app, 'chains', { namespace: 'tekton-chains' }), 'config');
    const c = new Chart(app, 'ci', { namespace: 'ci' });
    const vault = new VaultSecretProviderClass(c, 'registry-push', {
      vaultAddress: 'https://vault.example.com',
      roleName: 'ci',
      objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'config.json' }],
      secretObjects: options.sync ? [{ secretName: 'registry-push', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] : undefined,
    });
    const registry = new RegistryCredential(c, 'registry', { secretName: 'registry-push', vault });
    const push = new SecureTask(c, 'push', {
      trusted: true,
      workspaces: [{ name: 'dockerconfig', domain: TrustDomain.CREDENTIALS }],
      results: [{ name: 'IMAGE_URL' }, { name: 'IMAGE_DIGEST' }],
      steps: [step({ script: '#!/bin/sh\nprintf x > "$(results.IMAGE_URL.path)"; printf y > "$(results.IMAGE_DIGEST.path)"\n' })],
    });
    const pipeline = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'registry', domain: TrustDomain.CREDENTIALS }, { name: 'src', domain: TrustDomain.SOURCE }] });
    pipeline.addTask({ task: push, workspaces: { dockerconfig: 'registry' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { registry: registry.workspace(), src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
    if (options.allow) registry.allowChainsToPush(pipeline.serviceAccount);
    if (options.relax) Relaxations.of(pipeline.serviceAccount).add({ rule: RuleId.CHAINS_STORAGE_CREDENTIALS, reason: 'Chains pushes with the GKE workload identity of its controller' });
    return { app, c };
  }

  test('through the constructs: a Vault credential synced and listed on the run\'s ServiceAccount works; without it synth refuses', () => {
    const ok = vaultApp({ sync: true, allow: true });
    ok.app.synth();
    const sa = Testing.synth(ok.c).find((m: any) => m.kind === 'ServiceAccount');
    expect(sa.imagePullSecrets).toEqual([{ name: 'registry-push' }]);
    // listed, not granted: the run's own identity gets no Role on it
    expect(Testing.synth(ok.c).filter((m: any) => m.kind === 'Role')).toEqual([]);

    expect(() => vaultApp({ sync: true, allow: false }).app.synth()).toThrow(
      "LeastPrivilegeServiceAccount 'ci/pipe/ServiceAccount': imagePullSecrets lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it "
      + "(PipelineRun 'pipe-run-', task 'push' result IMAGE_URL) with the dockerconfig Secrets it lists (artifacts.taskrun.storage, artifacts.pipelinerun.storage, artifacts.oci.storage include oci) [CHAINS_STORAGE_CREDENTIALS].",
    );
    expect(() => vaultApp({ sync: false, allow: true })).toThrow(
      "RegistryCredential 'ci/registry': vault.secretObjects \"registry-push\" does not sync 'registry-push', so Chains, which reads only Secrets listed on the run's ServiceAccount, "
      + 'never sees the credential [CHAINS_STORAGE_CREDENTIALS]. Add secretObjects: [{ secretName: \'registry-push\', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, '
      + "data: [{ key: '.dockerconfigjson', objectName: 'config.json' }] }] to the VaultSecretProviderClass.",
    );
  });

  test('through the constructs: relaxed on the ServiceAccount, with the reason recorded', () => {
    const relaxed = vaultApp({ sync: true, allow: false, relax: true });
    relaxed.app.synth();
    const sa = Testing.synth(relaxed.c).find((m: any) => m.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['secure-tekton/relax.CHAINS_STORAGE_CREDENTIALS']).toBe('*: Chains pushes with the GKE workload identity of its controller');
  });

  test('through the constructs: relaxed in the SecurePipeline\'s props, which cover the ServiceAccount it creates', () => {
    const app = Testing.app();
    new ChainsConfig(new Chart(app, 'chains', { namespace: 'tekton-chains' }), 'config');
    const c = new Chart(app, 'ci', { namespace: 'ci' });
    const push = new SecureTask(c, 'push', { trusted: true, results: [{ name: 'IMAGE_URL' }], steps: [step({ script: '#!/bin/sh\nprintf x > "$(results.IMAGE_URL.path)"\n' })] });
    const pipeline = new SecurePipeline(c, 'pipe', {
      workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }],
      relaxations: [{ rule: RuleId.CHAINS_STORAGE_CREDENTIALS, reason: 'Chains pushes with the GKE workload identity of its controller' }],
    });
    pipeline.addTask({ task: push });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
    app.synth();
    const sa = Testing.synth(c).find((m: any) => m.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['secure-tekton/relax.CHAINS_STORAGE_CREDENTIALS']).toBe('*: Chains pushes with the GKE workload identity of its controller');
  });
});

describe('CHAINS_STORAGE_CREDENTIALS: the chains-config a Tekton operator writes', () => {
  const nothingInOci = { 'artifacts.oci.storage': 'tekton', 'artifacts.taskrun.storage': 'tekton', 'artifacts.pipelinerun.storage': 'tekton' };

  test("the operator's defaults store every artifact type in oci, where Chains' own store only images there", () => {
    expect(check(account(), operatorConfig(undefined), RUN)).toEqual([finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) "
      + 'with the dockerconfig Secrets it lists (artifacts.taskrun.storage, artifacts.pipelinerun.storage, artifacts.oci.storage include oci)')]);
  });

  test('a TektonConfig that installs Chains stands for chains-config over its TektonChain and the ConfigMap', () => {
    expect(check(account(), operatorConfig(nothingInOci), operatorChain({}), CHAINS, RUN)).toEqual([]);
    expect(check(account(), operatorChain(nothingInOci), CHAINS, RUN, operatorDeployment())).toEqual([]);
    // without Chains, the TektonConfig removes its TektonChain: the ConfigMap (Chains installed otherwise) is read
    expect(check(account(), operatorConfig({ disabled: true }), operatorChain(nothingInOci), CHAINS, RUN)).toEqual([finding(undefined, `lists no Secret, but ${STORES}`)]);
  });

  test("a chains-config ConfigMap of the operator's target namespace: read as the operator writes it alone, and with the keys its apply keeps", () => {
    const ALL = "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) "
      + 'with the dockerconfig Secrets it lists (artifacts.taskrun.storage, artifacts.pipelinerun.storage, artifacts.oci.storage include oci)';
    // the ConfigMap turns TaskRuns and images off (signer none), which the operator does not write: its apply keeps that unless kubectl apply created the ConfigMap
    const off = chainsConfig({ 'artifacts.taskrun.signer': 'none', 'artifacts.oci.signer': 'none' }, { namespace: 'tekton-pipelines' });
    const fix = "Make chains-config the same however the ConfigMap was created: set spec.chain['artifacts.taskrun.signer']: \"none\", spec.chain['artifacts.oci.signer']: \"none\" "
      + "on TektonConfig 'config', which the operator then writes, or remove data['artifacts.taskrun.signer'], data['artifacts.oci.signer'] from ConfigMap 'chains-config' in tekton-pipelines.";
    expect(check(account(), operatorConfig({}), off, RUN)).toEqual([{
      ...finding(undefined, `${ALL} (reading chains-config as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'chains-config' in tekton-pipelines)`),
      fix,
    }]);
    // with deep inspection too, the PipelineRun's attestation names the task's image: a finding either way, each its own
    const deep = chainsConfig({ 'artifacts.taskrun.signer': 'none', 'artifacts.oci.signer': 'none', 'artifacts.pipelinerun.enable-deep-inspection': 'true' }, { namespace: 'tekton-pipelines' });
    expect(check(account(), operatorConfig({}), deep, RUN).map((p) => p.problem)).toEqual([
      `${ALL} (reading chains-config as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'chains-config' in tekton-pipelines)`,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL in the "
        + "PipelineRun's attestation (deep inspection)) with the dockerconfig Secrets it lists (artifacts.pipelinerun.storage includes oci) (reading chains-config with "
        + "data['artifacts.taskrun.signer'], data['artifacts.oci.signer'], data['artifacts.pipelinerun.enable-deep-inspection'] that ConfigMap 'chains-config' in "
        + "tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    ]);
    // the same finding either way is one, as it is
    expect(check(account(), operatorConfig({}), chainsConfig({ 'artifacts.pipelinerun.enable-deep-inspection': 'true' }, { namespace: 'tekton-pipelines' }), RUN)).toEqual([finding(undefined, ALL)]);
  });

  test("a default account only some readings of a Tekton operator's config-defaults give: the run names its reading", () => {
    // the operator writes no default account; a config-defaults ConfigMap of its target namespace keeps its own unless kubectl apply created it
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-service-account': 'pipe-runner' } };
    const unnamed = pipelineRun({ taskRunTemplate: {} });
    const reading = "(reading config-defaults with data['default-service-account'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what "
      + "TektonConfig 'config' writes, unless kubectl apply created it)";
    expect(check(account(), CHAINS, unnamed, defaults, operatorConfig({}))).toEqual([finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL, "
      + `as its default account ${reading}) with the dockerconfig Secrets it lists (artifacts.taskrun.storage, artifacts.pipelinerun.storage, artifacts.oci.storage include oci)`)]);
    // every reading gives it (the ConfigMap alone): as it is
    expect(check(account(), CHAINS, unnamed, defaults)).toEqual([finding(undefined, `lists no Secret, but ${STORES}`)]);
  });

  test('a TektonChain or TektonPipeline checked without a TektonConfig: the TektonConfig the operator creates of its own replaces its settings', () => {
    const defaults = finding(undefined,
      "lists no Secret, but Chains pushes the signatures and attestations of the images of runs as it (PipelineRun 'pipe-run', task 'push' result IMAGE_URL) "
      + 'with the dockerconfig Secrets it lists (artifacts.taskrun.storage, artifacts.pipelinerun.storage, artifacts.oci.storage include oci)');
    // its UpdateChain writes the TektonConfig's Chains settings, the operator's defaults (oci), over the TektonChain's
    expect(check(account(), operatorChain(nothingInOci), RUN)).toEqual([defaults]);
    expect(check(account(), operatorChain(nothingInOci), CHAINS, RUN, operatorDeployment('true'))).toEqual([defaults]);
    // that TektonConfig installs Chains: a TektonPipeline alone shows the operator, whose chains-config replaces the ConfigMap
    const tektonPipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines' } };
    expect(check(account(), chainsConfig(nothingInOci), tektonPipeline, RUN)).toEqual([defaults]);
    expect(check(account(), chainsConfig(nothingInOci), tektonPipeline, RUN, operatorDeployment())).toEqual([]);
  });
});
