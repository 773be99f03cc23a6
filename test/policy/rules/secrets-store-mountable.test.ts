import { Chart, Testing } from 'cdk8s';
import { describeRule, pipelineRun, pipelineRunEmbedding, task, taskRun } from './fixtures';
import { RunWorkspace, RuleId, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain, VaultSecretProviderClass } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { SECRETS_STORE_MOUNTABLE } from '../../../src/policy/rules/secrets-store-mountable';
import { only, step } from '../../helpers/constructs';

const EXAMPLE = 'csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: <class> } }';
const NOT_READ_ONLY = 'is not the boolean true: the Secrets Store CSI driver refuses to mount a volume that is not read-only ("Readonly is not true in request"), '
  + 'so the pod never starts';
const READ_ONLY_FIX = `Set readOnly: true on the csi source: ${EXAMPLE}.`;
const NO_CLASS = 'is not set: the Secrets Store CSI driver cannot tell which SecretProviderClass to mount ("secretProviderClass is not set"), '
  + 'so the pod never starts';
const CLASS_FIX = `Name the SecretProviderClass of the run's namespace: ${EXAMPLE}.`;

/** A Secrets Store CSI source with these fields. */
const csi = (fields: Record<string, any>) => ({ driver: 'secrets-store.csi.k8s.io', ...fields });
const MOUNTABLE = csi({ readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } });

type Where = Record<string, string>;
const finding = (kind: string, name: string, where: Where, property: string, value: string | undefined, problem: string, fix: string) =>
  ({ rule: RuleId.SECRETS_STORE_MOUNTABLE, kind, name, ...where, property, value, problem, fix });

describe('SECRETS_STORE_MOUNTABLE', () => {
  describeRule(SECRETS_STORE_MOUNTABLE, RuleId.SECRETS_STORE_MOUNTABLE, Severity.LOW, true);

  test('non-compliant: a run\'s workspace binding without readOnly nor a class, with the exact findings', () => {
    const m = pipelineRun({ workspaces: [{ name: 'creds', csi: csi({}) }] });
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(m)).toBe(true);
    expect(SECRETS_STORE_MOUNTABLE.check(m)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
      finding('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.volumeAttributes.secretProviderClass', undefined, NO_CLASS, CLASS_FIX),
    ]);
  });

  test('non-compliant: readOnly false or not the boolean true, a class that is empty', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: csi({ readOnly: false, volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('Task', 'build', {}, 'volumes.v.csi.readOnly', 'false', NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: csi({ readOnly: 'true', volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('Task', 'build', {}, 'volumes.v.csi.readOnly', 'true', NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ workspaces: [{ name: 'w', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: '' } }) }] }))).toEqual([
      finding('TaskRun', 'build-run', { location: "workspace 'w'", target: 'workspace/w' }, 'workspaces.w.csi.volumeAttributes.secretProviderClass', '', NO_CLASS, CLASS_FIX),
    ]);
  });

  test('non-compliant: an embedded spec\'s volume and the volumes of run-wide and per-task pod templates', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(pipelineRunEmbedding({ steps: [], volumes: [{ name: 'v', csi: csi({ volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "task 'build'", target: 'task/build' }, 'volumes.v.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ podTemplate: { volumes: [{ name: 'p', csi: csi({ readOnly: true }) }] } }))).toEqual([
      finding('TaskRun', 'build-run', {}, 'podTemplate.volumes.p.csi.volumeAttributes.secretProviderClass', undefined, NO_CLASS, CLASS_FIX),
    ]);
    const perTask = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'p', csi: csi({ volumeAttributes: { secretProviderClass: 'vault' } }) }] } }] });
    expect(SECRETS_STORE_MOUNTABLE.check(perTask)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push' }, 'podTemplate.volumes.p.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
  });

  test('compliant: read-only with a class; another driver; the driver\'s mock provider, which it mounts empty before either check', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(pipelineRun({ workspaces: [{ name: 'creds', csi: MOUNTABLE }] }))).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: MOUNTABLE }] }))).toEqual([]);
    const other = task({ volumes: [{ name: 'c', csi: { driver: 'csi.cert-manager.io', volumeAttributes: { 'csi.cert-manager.io/issuer-name': 'ca' } } }] });
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(other)).toBe(false);
    expect(SECRETS_STORE_MOUNTABLE.check(other)).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'm', csi: csi({ volumeAttributes: { providerName: 'Mock_Provider' } }) }] }))).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'm', csi: csi({ volumeAttributes: { providerName: 'vault' } }) }] })).map((f) => f.property))
      .toEqual(['volumes.m.csi.readOnly', 'volumes.m.csi.volumeAttributes.secretProviderClass']);
  });

  describe('a class name that can never resolve', () => {
    const named = (secretProviderClass: string) => csi({ readOnly: true, volumeAttributes: { secretProviderClass } });
    const KEPT = (variable: string, where: string, name: string) => `holds ${variable}, ${where}: the Secrets Store CSI driver looks up a SecretProviderClass `
      + `named '${name}' as written, which cannot exist (the name of a SecretProviderClass is a DNS subdomain), so the pod never starts`;
    const IN_BINDING = 'which Tekton does not replace in a workspace binding\'s volumeAttributes';
    const BINDING_FIX = `Write the SecretProviderClass's own name in the binding (a run that picks among classes binds the one it picks): ${EXAMPLE}.`;
    const IN_POD_TEMPLATE = 'which Tekton does not replace in a pod template\'s volumes (it replaces only the TaskRun\'s $(params.<name>) there)';
    const POD_TEMPLATE_FIX = `Write the SecretProviderClass's own name in the pod template: ${EXAMPLE}.`;
    const PARAM_KEPT = 'which Tekton replaces in a pod template\'s volumes only with a param of that name of the TaskRun it makes the pod for '
      + '(its own, or its task\'s default; a PipelineRun replaces none of its own params there, and hands the template to each TaskRun as written)';
    const INVALID = 'is not a valid object name (the name of a SecretProviderClass is a DNS subdomain: lower-case letters, digits, \'-\' and \'.\', '
      + 'at most 253 characters): the Secrets Store CSI driver finds no SecretProviderClass by that name, so the pod never starts';
    const INVALID_FIX = `Write the SecretProviderClass's metadata.name as it is: ${EXAMPLE}.`;
    const CLASS = 'volumeAttributes.secretProviderClass';

    test('non-compliant: a param or context variable in a run\'s workspace binding, which Tekton leaves as written there', () => {
      const creds = { location: "workspace 'creds'", target: 'workspace/creds' };
      const run = pipelineRun({ params: [{ name: 'cls', value: 'vault' }], workspaces: [{ name: 'creds', csi: named('$(params.cls)') }] });
      expect(SECRETS_STORE_MOUNTABLE.check(run)).toEqual([
        finding('PipelineRun', 'pipe-run', creds, `workspaces.creds.csi.${CLASS}`, '$(params.cls)', KEPT('$(params.cls)', IN_BINDING, '$(params.cls)'), BINDING_FIX),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ workspaces: [{ name: 'w', csi: named('vault-$(context.taskRun.namespace)') }] }))).toEqual([
        finding('TaskRun', 'build-run', { location: "workspace 'w'", target: 'workspace/w' }, `workspaces.w.csi.${CLASS}`, 'vault-$(context.taskRun.namespace)',
          KEPT('$(context.taskRun.namespace)', IN_BINDING, 'vault-$(context.taskRun.namespace)'), BINDING_FIX),
      ]);
    });

    test('non-compliant: a variable other than a param in a run\'s pod template, where Tekton replaces the TaskRun\'s params only', () => {
      const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'p', csi: named('$(context.pipelineRun.name)') }] } }] });
      expect(SECRETS_STORE_MOUNTABLE.check(run)).toEqual([
        finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push' }, `podTemplate.volumes.p.csi.${CLASS}`, '$(context.pipelineRun.name)',
          KEPT('$(context.pipelineRun.name)', IN_POD_TEMPLATE, '$(context.pipelineRun.name)'), POD_TEMPLATE_FIX),
      ]);
    });

    test('non-compliant: a name that is no DNS subdomain, whatever its replaced variables become', () => {
      for (const name of ['Vault', ' vault', 'vault_ci', 'vault.', '-$(params.env)', `${'a'.repeat(250)}.bcd`]) {
        expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: named(name) }] }))).toEqual([
          finding('Task', 'build', {}, `volumes.v.csi.${CLASS}`, name, INVALID, INVALID_FIX),
        ]);
      }
      expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ params: [{ name: 'env', value: 'ci' }], podTemplate: { volumes: [{ name: 'p', csi: named('Vault-$(params.env)') }] } }))).toEqual([
        finding('TaskRun', 'build-run', {}, `podTemplate.volumes.p.csi.${CLASS}`, 'Vault-$(params.env)', INVALID, INVALID_FIX),
      ]);
    });

    test('non-compliant: a context variable in config-defaults\' default pod template, substituted as a part of each run\'s', () => {
      const template = 'volumes:\n- name: v\n  csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: "$(context.taskRun.name)"}}\n';
      const m = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
      expect(SECRETS_STORE_MOUNTABLE.check(m)).toEqual([
        finding('ConfigMap', 'config-defaults', {}, `data['default-pod-template'].volumes.v.csi.${CLASS}`, '$(context.taskRun.name)',
          KEPT('$(context.taskRun.name)', IN_POD_TEMPLATE, '$(context.taskRun.name)'), POD_TEMPLATE_FIX),
      ]);
      // merged into every TaskRun of the cluster, whatever params it has: a param is left as written in most
      const params = { ...m, data: { 'default-pod-template': template.replace('$(context.taskRun.name)', '$(params.cls)') } };
      expect(SECRETS_STORE_MOUNTABLE.check(params)).toEqual([
        finding('ConfigMap', 'config-defaults', {}, `data['default-pod-template'].volumes.v.csi.${CLASS}`, '$(params.cls)',
          KEPT('$(params.cls)', `${PARAM_KEPT}, and the default pod template is merged into every TaskRun of the cluster, whatever params it has`, '$(params.cls)'),
          POD_TEMPLATE_FIX),
      ]);
    });

    test("config-defaults' default pod template beside a Tekton operator's object: as the operator's apply leaves it, in the reading that keeps it, named", () => {
      const template = 'volumes:\n- name: v\n  csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: vault}}\n';
      const m = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template } };
      const operator = (pipeline: Record<string, unknown>) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
      });
      const notReadOnly = (suffix: string) => finding('ConfigMap', 'config-defaults', {}, "data['default-pod-template'].volumes.v.csi.readOnly", undefined,
        'is not the boolean true: the Secrets Store CSI driver refuses to mount a volume that is not read-only ("Readonly is not true in request"), '
        + `so the pod never starts${suffix}`, `Set readOnly: true on the csi source: ${EXAMPLE}.`);
      // the operator writes no template: the ConfigMap's stays, unless kubectl apply created it
      expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m, operator({})]))).toEqual([notReadOnly(
        " (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what "
        + "TektonConfig 'config' writes, unless kubectl apply created it)")]);
      // it writes its own over it: the ConfigMap's reaches no run
      expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m, operator({ 'default-pod-template': 'nodeSelector: {a: b}' })]))).toEqual([]);
      // alone: as written
      expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m]))).toEqual([notReadOnly('')]);
    });

    describe('a $(params.x) in a run\'s pod template is replaced only in the TaskRuns that have a param x', () => {
      const template = (name: string) => ({ volumes: [{ name: 'p', csi: named(name) }] });
      const tasks = (...passes: boolean[]) => passes.map((pass, i) => ({
        name: `t${i}`, taskRef: { name: 'build' }, ...(pass ? { params: [{ name: 'cls', value: '$(params.cls)' }] } : {}),
      }));
      /** A PipelineRun with `spec` whose embedded pipeline has these tasks. */
      const embedding = (spec: Record<string, any>, pipelineTasks: any[]) =>
        pipelineRun({ pipelineRef: undefined, pipelineSpec: { tasks: pipelineTasks }, ...spec });

      test('non-compliant: a PipelineRun\'s run-wide template whose pipeline has a task that passes no such param, with the exact finding', () => {
        const run = embedding({ params: [{ name: 'cls', value: 'vault' }], taskRunTemplate: { podTemplate: template('$(params.cls)') } }, tasks(true, false));
        expect(SECRETS_STORE_MOUNTABLE.check(run)).toEqual([
          finding('PipelineRun', 'pipe-run', {}, `taskRunTemplate.podTemplate.volumes.p.csi.${CLASS}`, '$(params.cls)',
            KEPT('$(params.cls)', `${PARAM_KEPT}, and not every pipeline task passes a param 'cls' (in params or matrix.params) or has a task that gives it a default`,
              '$(params.cls)'),
            POD_TEMPLATE_FIX),
        ]);
      });

      test('non-compliant: a PipelineRun whose pipeline is not checked with it; a TaskRun that passes no such param', () => {
        const run = pipelineRun({ params: [{ name: 'cls', value: 'vault' }], taskRunSpecs: [{ pipelineTaskName: 't0', podTemplate: template('$(params.cls)') }] });
        expect(SECRETS_STORE_MOUNTABLE.check(run, ruleContext([run])).map((f) => [f.target, f.problem])).toEqual([[
          'task/t0',
          KEPT('$(params.cls)', `${PARAM_KEPT}, and no pipeline checked with the run (its pipelineSpec, or a local Pipeline its pipelineRef names) shows that `
            + "pipeline task 't0' passes a param 'cls'", '$(params.cls)'),
        ]]);
        expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ podTemplate: template('$(params.cls)') })).map((f) => f.problem)).toEqual([
          KEPT('$(params.cls)', `${PARAM_KEPT}, and the TaskRun passes no param 'cls' (nor does a task spec it embeds, or a Task checked with it, give one a default)`,
            '$(params.cls)'),
        ]);
      });

      test('compliant: every task the template applies to passes the param, or its task gives it a default', () => {
        const ok = (m: any, ...others: any[]) => expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m, ...others]))).toEqual([]);
        ok(embedding({ taskRunTemplate: { podTemplate: template('$(params.cls)') } }, tasks(true, true)));
        // a taskRunSpecs template applies to its one task; a matrix param is each TaskRun's
        ok(embedding({ taskRunSpecs: [{ pipelineTaskName: 't0', podTemplate: template('$(params.cls)') }] }, tasks(true, false)));
        const matrix = { name: 'm', taskRef: { name: 'build' }, matrix: { params: [{ name: 'cls', value: ['a', 'b'] }] } };
        ok(embedding({ taskRunTemplate: { podTemplate: template('$(params.cls)') } }, [matrix]));
        // a local Pipeline, and a local Task's default
        const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: tasks(true, false) } };
        const build = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'build', namespace: 'ci' }, spec: { params: [{ name: 'cls', default: 'vault' }], steps: [] } };
        ok(pipelineRun({ taskRunTemplate: { podTemplate: template('$(params.cls)') } }), pipeline, build);
        // a TaskRun's own param, and its embedded task spec's default
        ok(taskRun({ params: [{ name: 'cls', value: 'vault' }], podTemplate: template('$(params.cls)') }));
        ok(taskRun({ taskRef: undefined, taskSpec: { params: [{ name: 'cls', default: 'vault' }], steps: [] }, podTemplate: template('$(params["cls"])') }));
      });
    });

    test('compliant: variables replaced before the driver reads the name, valid names', () => {
      const ok = (m: any) => expect(SECRETS_STORE_MOUNTABLE.check(m)).toEqual([]);
      // every variable of a task spec's volume, the TaskRun's params in its pod template
      ok(task({ volumes: [{ name: 'v', csi: named('$(params.cls)') }] }));
      ok(task({ volumes: [{ name: 'v', csi: named('vault-$(context.taskRun.namespace)') }] }));
      ok(taskRun({ params: [{ name: 'env', value: 'ci' }, { name: 'cls', value: 'vault' }], podTemplate: { volumes: [{ name: 'p', csi: named('vault-$(params.env)') }] } }));
      ok(taskRun({ params: [{ name: 'env', value: 'ci' }, { name: 'cls', value: 'vault' }], podTemplate: { volumes: [{ name: 'p', csi: named('$(params["cls"])') }] } }));
      // a TriggerTemplate's $(tt.params.x) and $(uid), and a Pipelines-as-Code placeholder, are filled in before the run is created
      ok(pipelineRun({ workspaces: [{ name: 'creds', csi: named('$(tt.params.cls)') }] }));
      ok(pipelineRun({ workspaces: [{ name: 'creds', csi: named('vault-$(uid)') }] }));
      ok(pipelineRun({ workspaces: [{ name: 'creds', csi: named('{{ repo_name }}-vault') }] }));
      // a value may be empty: a name over 253 characters with a variable may still fit
      ok(task({ volumes: [{ name: 'v', csi: named(`${'a'.repeat(250)}$(params.suffix)bcdef`) }] }));
      ok(task({ volumes: [{ name: 'v', csi: named(`${'a'.repeat(63)}.b-1.${'c'.repeat(185)}`) }] }));
    });
  });

  describe('Pods and workloads', () => {
    const deployment = (volume: Record<string, any>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app', namespace: 'web' }, spec: { template: { spec: { containers: [], volumes: [volume] } } } });
    const APP_CLASS_FIX = `Name the SecretProviderClass of the pod's namespace: ${EXAMPLE}.`;
    const INVALID = 'is not a valid object name (the name of a SecretProviderClass is a DNS subdomain: lower-case letters, digits, \'-\' and \'.\', '
      + 'at most 253 characters): the Secrets Store CSI driver finds no SecretProviderClass by that name, so the pod never starts';

    test('non-compliant: a Deployment\'s volume that is not read-only and names no class, a Pod\'s that names an invalid one', () => {
      const m = deployment({ name: 'secrets', csi: csi({}) });
      expect(SECRETS_STORE_MOUNTABLE.appliesTo(m)).toBe(true);
      expect(SECRETS_STORE_MOUNTABLE.check(m)).toEqual([
        finding('Deployment', 'app', {}, 'spec.template.spec.volumes.secrets.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
        finding('Deployment', 'app', {}, 'spec.template.spec.volumes.secrets.csi.volumeAttributes.secretProviderClass', undefined, NO_CLASS, APP_CLASS_FIX),
      ]);
      // nothing replaces a Tekton variable in a Pod
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], volumes: [{ name: 's', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: '$(params.cls)' } }) }] } };
      expect(SECRETS_STORE_MOUNTABLE.check(pod)).toEqual([
        finding('Pod', 'p', {}, 'spec.volumes.s.csi.volumeAttributes.secretProviderClass', '$(params.cls)', INVALID, `Write the SecretProviderClass's metadata.name as it is: ${EXAMPLE}.`),
      ]);
    });

    test('compliant: a mountable volume; a workload without Secrets Store volumes is not read', () => {
      expect(SECRETS_STORE_MOUNTABLE.check(deployment({ name: 'secrets', csi: MOUNTABLE }))).toEqual([]);
      const plain = deployment({ name: 'cache', emptyDir: {} });
      expect(SECRETS_STORE_MOUNTABLE.appliesTo(plain)).toBe(false);
    });
  });

  test('compliant: a csi workspace binding under enable-api-fields "stable", which Tekton v1.15 admits (its beta gate was dropped in v0.50)', () => {
    const flags = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data });
    const config = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: { 'enable-api-fields': 'stable' } } };
    const mock = csi({ readOnly: true, volumeAttributes: { providerName: 'mock_provider' } });
    for (const binding of [MOUNTABLE, mock, { driver: 'other.csi.example.com', readOnly: true }]) {
      const run = pipelineRun({ workspaces: [{ name: 'creds', csi: binding }] });
      const tr = taskRun({ workspaces: [{ name: 'creds', csi: binding }] });
      for (const m of [run, tr]) {
        expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m, flags({ 'enable-api-fields': 'stable' })]))).toEqual([]);
        expect(SECRETS_STORE_MOUNTABLE.check(m, ruleContext([m, config]))).toEqual([]);
      }
    }
  });

  test('the library\'s CSI binding (RunWorkspace.csi) is read-only and names its class', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const spc = new VaultSecretProviderClass(c, 'vault', {
      vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: [{ objectName: 'k', secretPath: 'secret/data/k', secretKey: 'v' }],
    });
    const t = new SecureTask(c, 'task', { steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], trusted: true });
    const pipeline = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: t, workspaces: { creds: 'creds' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { creds: RunWorkspace.csi(spc) } });
    const run = only(c, 'PipelineRun');
    const binding = run.spec.workspaces.find((w: any) => w.name === 'creds');
    expect(binding.csi.driver).toBe('secrets-store.csi.k8s.io');
    expect(binding.csi.readOnly).toBe(true);
    expect(binding.csi.volumeAttributes.secretProviderClass).toBe('vault');
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(run)).toBe(true);
    expect(SECRETS_STORE_MOUNTABLE.check(run)).toEqual([]);
  });

  describe('SecretProviderClasses of the Vault and OpenBao providers', () => {
    const OBJECTS = '- objectName: k\n  secretPath: secret/data/k\n  secretKey: v\n';
    const spc = (parameters: Record<string, any>, provider = 'vault') => ({
      apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'vault', namespace: 'ci' }, spec: { provider, parameters },
    });
    const refusal = (property: string, value: string | undefined, problem: string, fix: string, target = 'key/objects') =>
      ({ rule: RuleId.SECRETS_STORE_MOUNTABLE, kind: 'SecretProviderClass', name: 'vault', property, ...(value === undefined ? {} : { value }), target, problem, fix });
    const VAULT = 'the Vault CSI provider';
    const BAO = 'OpenBao\'s CSI provider';
    const ROLE_FIX = 'Name the Vault Kubernetes-auth role the run logs in as.';
    const noRole = (provider: string, unset: boolean) => `is ${unset ? 'not set' : 'empty'}: ${provider} refuses the mount ("missing 'roleName' in SecretProviderClass definition"), so the pod never starts`;
    const MOUNT_FIX = 'Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones.';
    const OBJECTS_FIX = 'Write objects as a YAML list of mappings, one per object with its objectName, secretPath and secretKey, each key once.';
    const refused = (why: string) => `${why}: ${VAULT} refuses the mount and fetches nothing, so the pod never starts`;

    test('compliant: a class with a role and objects, a construct\'s class, another provider\'s', () => {
      expect(SECRETS_STORE_MOUNTABLE.appliesTo(spc({ roleName: 'ci', objects: OBJECTS }))).toBe(true);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: OBJECTS }))).toEqual([]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ baoRoleName: 'ci', objects: OBJECTS }, 'openbao'))).toEqual([]);
      expect(SECRETS_STORE_MOUNTABLE.appliesTo(spc({ objects: '' }, 'azure'))).toBe(false);
      const chart = new Chart(Testing.app(), 'c');
      new VaultSecretProviderClass(chart, 'v', {
        vaultAddress: 'https://vault:8200', roleName: 'ci', objects: [{ objectName: 'k', secretPath: 'secret/data/k', secretKey: 'v' }],
      });
      const manifest = only(chart, 'SecretProviderClass');
      expect(SECRETS_STORE_MOUNTABLE.check(manifest)).toEqual([]);
    });

    test('non-compliant: no roleName, or an empty one, as the Vault provider reads it', () => {
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ objects: OBJECTS }))).toEqual([refusal('parameters.roleName', undefined, noRole(VAULT, true), ROLE_FIX, 'key/roleName')]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: '', objects: OBJECTS }))).toEqual([refusal('parameters.roleName', '', noRole(VAULT, false), ROLE_FIX, 'key/roleName')]);
    });

    test('non-compliant: OpenBao reads the first role spelling present, even empty, and roleName only when none is', () => {
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ baoRoleName: '', roleName: 'ci', objects: OBJECTS }, 'openbao'))).toEqual([
        refusal('parameters.baoRoleName', '', noRole(BAO, false), ROLE_FIX, 'key/baoRoleName'),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: OBJECTS }, 'openbao'))).toEqual([]);
    });

    test('non-compliant: both mount paths, even empty, with each provider\'s refusal', () => {
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: OBJECTS, vaultKubernetesMountPath: 'k8s', vaultAuthMountPath: '' }))).toEqual([
        refusal('parameters.vaultAuthMountPath', '', 'is set together with vaultKubernetesMountPath: the Vault CSI provider refuses the mount '
          + '("cannot set both vaultKubernetesMountPath and vaultAuthMountPath"), so the pod never starts', MOUNT_FIX, 'key/vaultAuthMountPath'),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: OBJECTS, openbaoKubernetesMountPath: 'k8s', vaultAuthMountPath: 'a' }, 'openbao'))).toEqual([
        refusal('parameters.vaultAuthMountPath', 'a', 'is set together with openbaoKubernetesMountPath: OpenBao\'s CSI provider refuses the mount '
          + '("cannot set both openbaoKubernetesMountPath and openbaoAuthMountPath"), so the pod never starts', MOUNT_FIX, 'key/vaultAuthMountPath'),
      ]);
    });

    test('non-compliant: objects missing or empty, not YAML, with a key twice, or of the wrong shape', () => {
      const none = (unset: boolean) => refusal('parameters.objects', undefined, `is ${unset ? 'not set' : 'empty'}: ${VAULT} refuses the mount `
        + '("no secrets configured - the provider will not read any secret material"), so the pod never starts', 'Declare at least one object to fetch.');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci' }))).toEqual([none(true)]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '[]' }))).toEqual([none(false)]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: a\n  secretPath: x\n  objectName: b\n' }))).toEqual([
        refusal('parameters.objects', undefined, refused('writes a key twice in one mapping (line 3), which gopkg.in/yaml.v3 refuses ("mapping key … already defined")'), OBJECTS_FIX),
      ]);
      const notList = refused('is not a YAML list of mappings (gopkg.in/yaml.v3 cannot decode it into the provider\'s list of objects)');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- k' }))).toEqual([refusal('parameters.objects', undefined, notList, OBJECTS_FIX)]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: [a]\n  secretPath: x\n' }))).toEqual([
        refusal('parameters.objects', undefined, refused('gives entry 0 a list or mapping as its objectName (gopkg.in/yaml.v3 decodes it into a string only from a scalar)'), OBJECTS_FIX),
      ]);
    });

    test('objects read as gopkg.in/yaml.v3 decodes them into the providers\' Secret: a string field keeps a scalar as written', () => {
      const twice = (at: number, first: number, name: string, names: string) => refusal(`parameters.objects[${at}].objectName`, name,
        `is also parameters.objects[${first}].objectName: the Vault CSI provider refuses the mount ("each \`objectName\` `
        + `within a SecretProviderClass must be unique, but the following keys were duplicated: ${names}"), so the pod never starts`,
        'Give each object a distinct objectName, the name of the file it is written to.');
      const object = (name: string, more = '') => `- objectName: ${name}\n  secretPath: secret/data/x\n  secretKey: v\n${more}`;
      // 0640 and "0640" are one file name, as are true and 'true'; 0640 and 416 are not
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('0640') + object('"0640"') + object('416') + object('true') + object('\'true\'') })))
        .toEqual([twice(1, 0, '0640', '0640, true'), twice(4, 3, 'true', '0640, true')]);
      // .inf, .nan and 1e3 are strings there, and a float elsewhere (secretArgs) is read too (one JSON encodes: a finite one)
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('.inf', '  method: .nan\n  secretArgs: {ttl: 1e3}\n') + object('1e3') }))).toEqual([]);
      // a null entry is left out of the list: none is left
      const none = refusal('parameters.objects', undefined, `is empty: ${VAULT} refuses the mount ("no secrets configured - the provider will not read any secret material"), `
        + 'so the pod never starts', 'Declare at least one object to fetch.');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- null\n- ~\n' }))).toEqual([none]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- null\n' + object('a') }))).toEqual([]);
      // a key of no field is never decoded: its mapping may write a key twice
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('a', '  labels: {x: 1, x: 2}\n') }))).toEqual([]);
    });

    test('non-compliant: objects gopkg.in/yaml.v3 refuses as it decodes them into the providers\' Secret', () => {
      const object = (name: string, more = '') => `- objectName: ${name}\n  secretPath: secret/data/x\n  secretKey: v\n${more}`;
      const refusedBy = (objects: string) => SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects })).map((f) => f.problem);
      expect(refusedBy(object('!!int x'))).toEqual([refused('gives a value a tag it cannot have (line 1: "cannot decode !!str `x` as a !!int"), which gopkg.in/yaml.v3 refuses')]);
      expect(refusedBy(object('a', '  other: *nowhere\n'))).toEqual([refused('refers to an anchor not defined before it (*nowhere, line 4), which gopkg.in/yaml.v3 refuses '
        + '("unknown anchor \'nowhere\' referenced")')]);
      expect(refusedBy(object('a', '  secretArgs: {ttl: 1, ttl: 2}\n'))).toEqual([refused('writes a key twice in one mapping (line 4), which gopkg.in/yaml.v3 refuses '
        + '("mapping key … already defined")')]);
      expect(refusedBy(object('a', '  <<: secret\n'))).toEqual([refused('merges (<<) a value that is no mapping or list of mappings (line 4), which gopkg.in/yaml.v3 refuses '
        + '("map merge requires map or sequence of maps as the value")')]);
      expect(refusedBy(object('a', '  method: !!binary "@@"\n'))).toEqual([refused('holds a !!binary value that is not base64 (line 4), which gopkg.in/yaml.v3 refuses '
        + '("!!binary value contains invalid base64 data")')]);
      expect(refusedBy('- &a {objectName: a, secretPath: s, secretArgs: *a}\n')).toEqual([refused('holds an alias inside its own anchor (*a, line 1), which gopkg.in/yaml.v3 refuses '
        + '("anchor \'a\' value contains itself")')]);
      expect(refusedBy('- objectName: a\n  !!binary b2JqZWN0TmFtZQ==: b\n')).toEqual([refused('sets objectName twice in entry 0 (line 2), which gopkg.in/yaml.v3 refuses '
        + '("field objectName already set in type config.Secret")')]);
      expect(refusedBy('- objectName: [a\n')).toEqual([refused('is not YAML (line 2: Flow sequence in block collection must be sufficiently indented and end with a ])')]);
      // what libyaml's scanner fails on and YAML 1.2 reads
      expect(refusedBy(object('a', '  method: "GET\\/x"\n'))).toEqual([refused('is not YAML (line 4: found unknown escape character)')]);
      expect(refusedBy(object('a', '  secretArgs: {ttl: 1h\n\t}\n'))).toEqual([refused('is not YAML (line 5: found a tab character that violates indentation)')]);
      // what yaml.v3 reads in a way the audit does not follow: said so, not as the provider's refusal
      expect(refusedBy('- objectName: a\n  secretPath: "secret/data/a\u2028  b"\n  secretKey: k\n')).toEqual([
        'continues a scalar over a line ended by LS (U+2028, \\L) (line 2), which gopkg.in/yaml.v3 keeps in the value where a line feed would be folded '
          + `or kept as one; the audit does not follow it (write the value on one line, or with \\n): ${VAULT} reads it, and what it fetches is not known`,
      ]);
      expect(refusedBy('[{objectName: a, secretPath: secret/data/a, secretKey: k}] ]\n')).toEqual([
        'is not YAML (line 1: Unexpected flow-seq-end token in YAML document: "]"): gopkg.in/yaml.v3 reads the flow collection before it as the whole text '
          + 'and scans what follows only as far as its next token; the audit reads what follows only when it is YAML by itself (remove it): '
          + `${VAULT} reads it, and what it fetches is not known`,
      ]);
    });

    test('compliant: objects whose lines gopkg.in/yaml.v3 reads where YAML 1.2 wants them indented further', () => {
      // a quoted scalar and a flow collection over lines indented no further than their key: `secret/data/x`, {ttl: 1h}
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: a\n  secretPath: "secret/data/\n  x"\n  secretKey: v\n' }))).toEqual([]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: a\n  secretPath: s\n  secretArgs: {ttl:\n1h}\n' }))).toEqual([]);
    });

    test('non-compliant: an objectName twice, an object without objectName or secretPath', () => {
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: a\n  secretPath: x\n- objectName: a\n  secretPath: y\n' }))).toEqual([
        refusal('parameters.objects[1].objectName', 'a', 'is also parameters.objects[0].objectName: the Vault CSI provider refuses the mount ("each `objectName` '
          + 'within a SecretProviderClass must be unique, but the following keys were duplicated: a"), so the pod never starts',
        'Give each object a distinct objectName, the name of the file it is written to.'),
      ]);
      // by the index written, a null entry counted: the name is both entries'
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- null\n- objectName: a\n  secretPath: x\n- objectName: b\n  secretPath: y\n- objectName: a\n  secretPath: z\n' }))
        .map((f) => [f.property, f.value, f.problem.split(':')[0]])).toEqual([['parameters.objects[3].objectName', 'a', 'is also parameters.objects[1].objectName']]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- objectName: ""\n  secretPath: secret/data/ci/x\n' }))).toEqual([
        refusal('parameters.objects[0].objectName', '', 'is empty: the Vault CSI provider gives the driver the object as a file of that name, and the '
          + 'Secrets Store CSI driver refuses a file with an empty path, so the pod never starts', 'Name the file the object is written to, e.g. objectName: \'password\'.'),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: '- secretKey: v\n' }))).toEqual([
        refusal('parameters.objects[0].objectName', undefined, 'is not set: the Vault CSI provider gives the driver the object as a file of that name, and the '
          + 'Secrets Store CSI driver refuses a file with an empty path, so the pod never starts', 'Name the file the object is written to, e.g. objectName: \'password\'.'),
        refusal('parameters.objects[0].secretPath', undefined, 'is empty (the provider would read the root of Vault\'s API, /v1/): Vault serves no secret there, '
          + 'and the Vault CSI provider fails the mount, so the pod never starts', 'Give the Vault path of the secret, e.g. secretPath: \'secret/data/ci/<name>\'.'),
      ]);
    });

    test('a volume that names the class supplies what it leaves out; one that does not keeps the finding', () => {
      const cls = spc({ objects: OBJECTS });
      const withRole = task({ volumes: [{ name: 'v', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: 'vault', roleName: 'ci' } }) }] });
      const without = task({ volumes: [{ name: 'v', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } }) }] });
      expect(SECRETS_STORE_MOUNTABLE.check(cls, ruleContext([cls, withRole]))).toEqual([]);
      expect(SECRETS_STORE_MOUNTABLE.check(cls, ruleContext([cls, without])).map((f) => f.property)).toEqual(['parameters.roleName']);
      expect(SECRETS_STORE_MOUNTABLE.check(cls, ruleContext([cls])).map((f) => f.property)).toEqual(['parameters.roleName']);
    });

    test('an objectName the driver refuses to write and a secretPath that reaches the root of Vault\'s API, as their code reads them', () => {
      const objects = [
        '- objectName: /etc/passwd\n  secretPath: secret/data/a\n  secretKey: v',
        '- objectName: a/../b\n  secretPath: /v1/\n  secretKey: v',
        '- objectName: ..data\n  secretPath: v1/?version=2\n  secretKey: v',
        '- objectName: dir//file\n  secretPath: secret/..\n  secretKey: v',
        '- objectName: dir/file\n  secretPath: /v1/secret/data/x?version=2\n  secretKey: v',
        '- objectName: ok\n  secretPath: /\n  secretKey: v',
        '- objectName: .\n  secretPath: secret/data/dot\n  secretKey: v',
      ].join('\n') + '\n';
      const WRITE = ': the Vault CSI provider gives the driver the object as a file of that name, and the Secrets Store CSI driver cannot write it and '
        + 'fails the mount, so the pod never starts';
      const NAME_FIX = 'Name the file with a relative path of plain names, e.g. objectName: \'password\'.';
      const root = (requested: string) => `makes the provider request ${requested} (it prefixes /v1/ and its Vault client joins the path as Go's path.Join `
        + 'does, the query aside), the root of Vault\'s API or outside it: Vault serves no secret there, and the Vault CSI provider fails the mount, so the pod never starts';
      const pathFix = (name: string) => `Give the Vault path of the secret, e.g. secretPath: 'secret/data/ci/${name}'.`;
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects }))).toEqual([
        refusal('parameters.objects[/etc/passwd].objectName', '/etc/passwd', 'is an absolute path ("invalid path: must be relative path")' + WRITE, NAME_FIX),
        refusal('parameters.objects[a/../b].objectName', 'a/../b', 'has a \'..\' element ("invalid path: must not contain \'..\'")' + WRITE, NAME_FIX),
        refusal('parameters.objects[a/../b].secretPath', '/v1/', root('/v1'), pathFix('a/../b')),
        refusal('parameters.objects[..data].objectName', '..data', 'starts with \'..\', which the driver keeps for its own files ("invalid path: must not start with \'..\'")'
          + WRITE, NAME_FIX),
        refusal('parameters.objects[..data].secretPath', 'v1/?version=2', root('/v1'), pathFix('..data')),
        refusal('parameters.objects[dir//file].objectName', 'dir//file', 'is not written as Go\'s filepath.Clean writes it, "dir/file" ("invalid filepath")' + WRITE, NAME_FIX),
        refusal('parameters.objects[dir//file].secretPath', 'secret/..', root('/v1'), pathFix('dir//file')),
        refusal('parameters.objects[ok].secretPath', '/', root('/v1'), pathFix('ok')),
        refusal('parameters.objects[.].objectName', '.', 'is ".", the volume\'s own directory: the driver takes it for a file a provider wrote there and removes '
          + 'the whole volume, which it cannot ("cleanup failure"), nor can it write a file over a directory' + WRITE, NAME_FIX),
      ]);
    });

    test('an objectName that is the directory of another\'s path: the driver cannot write a file and a directory of one path', () => {
      const objects = ['a', 'a/b', 'ab', 'c/d', 'c/e', 'f/g', 'f'].map((n) => `- objectName: ${n}\n  secretPath: secret/data/x\n  secretKey: v\n`).join('');
      const under = (other: string) => `is also the directory of objectName '${other}': the Vault CSI provider gives the driver both as files of those paths, `
        + 'and the Secrets Store CSI driver cannot write a file and a directory of one path ("not a directory" or "is a directory", whichever it writes first) '
        + 'and fails the mount, so the pod never starts';
      const FIX = 'Give each object a path that is no other object\'s directory, e.g. objectName: \'password\'.';
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects }))).toEqual([
        refusal('parameters.objects[a].objectName', 'a', under('a/b'), FIX),
        refusal('parameters.objects[f].objectName', 'f', under('f/g'), FIX),
      ]);
    });

    test('a filePermission gopkg.in/yaml.v3 cannot decode into the provider\'s os.FileMode, quoted as written', () => {
      const object = (name: string, mode: string) => `- objectName: ${name}\n  secretPath: secret/data/${name}\n  secretKey: v\n  filePermission: ${mode}\n`;
      const undecodable = (provider: string, why: string) => `${why}, which gopkg.in/yaml.v3 cannot decode into the provider's os.FileMode (a mode from 0 to `
        + `0o37777777777): ${provider} refuses the objects ("cannot unmarshal … into fs.FileMode") and fetches nothing, so the pod never starts`;
      const MODE_FIX = 'Write the mode as a number, unquoted, e.g. filePermission: 0440 (octal), or leave filePermission out (the driver writes each file 0644).';
      const objects = [
        object('quoted', '"0644"'), object('word', 'rw-r--r--'), object('flag', 'true'), object('negative', '-1'), object('wide', '0x100000000'),
        object('list', '[0644]'),
        object('infinite', '.inf'), object('date', '2024-01-01'),
        // decoded: octal, hex, decimal, a fraction dropped, null (the driver's 0644), the widest mode
        object('a', '0640'), object('b', '0o640'), object('c', '0x1a0'), object('d', '416.9'), object('e', '~'), object('f', '0o37777777777'), object('g', '-0.5'),
      ].join('');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects }))).toEqual([
        refusal('parameters.objects[quoted].filePermission', '"0644"', undecodable(VAULT, 'is a string, not a number'), MODE_FIX),
        refusal('parameters.objects[word].filePermission', 'rw-r--r--', undecodable(VAULT, 'is a string, not a number'), MODE_FIX),
        refusal('parameters.objects[flag].filePermission', 'true', undecodable(VAULT, 'is a boolean, not a number'), MODE_FIX),
        refusal('parameters.objects[negative].filePermission', '-1', undecodable(VAULT, 'is negative'), MODE_FIX),
        refusal('parameters.objects[wide].filePermission', '0x100000000', undecodable(VAULT, 'is larger than 4294967295 (0o37777777777)'), MODE_FIX),
        refusal('parameters.objects[list].filePermission', '[0644]', undecodable(VAULT, 'is a list, not a number'), MODE_FIX),
        refusal('parameters.objects[infinite].filePermission', '.inf', undecodable(VAULT, 'is not a finite number'), MODE_FIX),
        refusal('parameters.objects[date].filePermission', '2024-01-01', undecodable(VAULT, 'is a date, not a number'), MODE_FIX),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('quoted', '"0644"') }, 'openbao'))).toEqual([
        refusal('parameters.objects[quoted].filePermission', '"0644"', undecodable(BAO, 'is a string, not a number'), MODE_FIX),
      ]);
    });

    test('secretArgs that Go\'s encoding/json cannot encode (a float NaN or ±Inf, a mapping with a key that is no string), told at the first json.Marshal meets', () => {
      const object = (name: string, args: string) => `- objectName: ${name}\n  secretPath: secret/data/${name}\n  secretKey: v\n  secretArgs: ${args}\n`;
      const unencodable = (provider: string, where: string, what: string, error: string) => `holds at ${where} ${what}: ${provider} sends secretArgs to Vault `
        + `as the JSON body of its request, and hashes each object as JSON for its version, and cannot encode it ("json: ${error}"), so it fails the mount, so the pod never starts`;
      const FLOAT = (go: string) => `the float ${go}, which JSON has no number for`;
      const GENERAL = 'a mapping with a key that is not a string, which gopkg.in/yaml.v3 decodes into a map[interface{}]interface{} and JSON has no object for';
      const ARGS_FIX = 'Give secretArgs only what JSON can carry: finite numbers, strings, booleans, lists and mappings whose keys are strings (quote a key such as "1": …, '
        + 'and write .inf or .nan quoted if Vault is to read them as text).';
      const objects = [
        object('inf', '{ttl: .inf}'), object('nan', '{b: .NaN, a: -.inf}'), object('deep', '{x: [1, {y: {2: z}}]}'), object('nullkey', '{x: {~: 1}}'),
        // encoded: a quoted .inf, a key quoted or tagged a string, a timestamp, numbers, a null key of secretArgs itself (left out, as a null
        // decodes into no string); the first in byte order is told
        object('ok', '{a: ".inf", "1": 2, !!str 3: 4, t: 2001-12-14, n: 1e3, ~: .inf}'), object('order', '{"Z": {1: 2}, z: .inf}'),
      ].join('');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects }))).toEqual([
        refusal('parameters.objects[inf].secretArgs', '.inf', unencodable(VAULT, 'secretArgs.ttl', FLOAT('+Inf'), 'unsupported value: +Inf'), ARGS_FIX),
        refusal('parameters.objects[nan].secretArgs', '-.inf', unencodable(VAULT, 'secretArgs.a', FLOAT('-Inf'), 'unsupported value: -Inf'), ARGS_FIX),
        refusal('parameters.objects[deep].secretArgs', '2', unencodable(VAULT, 'secretArgs.x[1].y', GENERAL, 'unsupported type: map[interface {}]interface {}'), ARGS_FIX),
        refusal('parameters.objects[nullkey].secretArgs', '~', unencodable(VAULT, 'secretArgs.x', GENERAL, 'unsupported type: map[interface {}]interface {}'), ARGS_FIX),
        refusal('parameters.objects[order].secretArgs', '1', unencodable(VAULT, 'secretArgs.Z', GENERAL, 'unsupported type: map[interface {}]interface {}'), ARGS_FIX),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('nan', '{"a b": .nan}') }, 'openbao'))).toEqual([
        refusal('parameters.objects[nan].secretArgs', '.nan', unencodable(BAO, 'secretArgs["a b"]', FLOAT('NaN'), 'unsupported value: NaN'), ARGS_FIX),
      ]);
    });

    test('an encoding other than utf-8, base64 and hex (Go\'s strings.EqualFold) of an object with a secretKey, which the provider refuses to decode by', () => {
      const object = (name: string, encoding: string, key = 'v') => `- objectName: ${name}\n  secretPath: secret/data/${name}\n  secretKey: ${key}\n  encoding: ${encoding}\n`;
      const invalid = (provider: string) => `is not utf-8, base64 or hex (in any case): ${provider} decodes the value of secretKey by it and refuses any other `
        + '("invalid encoding type. Should be utf-8, base64, or hex"), so it fails the mount, so the pod never starts';
      const ENCODING_FIX = 'Write encoding: base64 or encoding: hex for a value Vault holds so encoded, or leave encoding out (the file holds the value as Vault returns it).';
      const objects = [
        object('b64', 'base-64'), object('utf8', 'utf8'), object('latin', '"latin1"'), object('spaced', '" hex"'),
        // decoded by: any case, ſ folded to s (Go's simple folding), empty or null; ignored without a secretKey (the whole response is written)
        object('a', 'BASE64'), object('b', 'Hex'), object('c', 'UTF-8'), object('d', 'baſe64'), object('e', '""'), object('f', '~'), object('g', 'gzip', '""'),
      ].join('');
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects }))).toEqual([
        refusal('parameters.objects[b64].encoding', 'base-64', invalid(VAULT), ENCODING_FIX),
        refusal('parameters.objects[utf8].encoding', 'utf8', invalid(VAULT), ENCODING_FIX),
        refusal('parameters.objects[latin].encoding', 'latin1', invalid(VAULT), ENCODING_FIX),
        refusal('parameters.objects[spaced].encoding', ' hex', invalid(VAULT), ENCODING_FIX),
      ]);
      expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: object('b64', 'base-64') }, 'openbao'))).toEqual([
        refusal('parameters.objects[b64].encoding', 'base-64', invalid(BAO), ENCODING_FIX),
      ]);
    });

    test('objects written double-quoted with \\N, \\L or \\P: NEL, LS and PS end lines for the provider\'s gopkg.in/yaml.v3, as \\n does', () => {
      // `objects: "- objectName: a\N  secretPath: …"` as kubectl's reader decodes it
      const lines = (breaks: string, encoding: string) => ['- objectName: a', '  secretPath: secret/data/a', '  secretKey: v', `  encoding: ${encoding}`].join(breaks);
      for (const breaks of ['\u0085', '\u2028', '\u2029']) {
        // read as the provider reads it: one object whose encoding is hex, not a text YAML 1.2 refuses ("Nested mappings are not allowed")
        expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: lines(breaks, 'hex') }))).toEqual([]);
        // a break after the value ends it: no encoding "base64\u2028", which the provider never sees
        expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: `${lines('\n', 'base64')}${breaks}` }))).toEqual([]);
        // what the provider does refuse is said of the value it reads
        expect(SECRETS_STORE_MOUNTABLE.check(spc({ roleName: 'ci', objects: `${lines(breaks, 'latin1')}${breaks}` }))).toEqual([
          refusal('parameters.objects[a].encoding', 'latin1', `is not utf-8, base64 or hex (in any case): ${VAULT} decodes the value of secretKey by it and refuses any other `
            + '("invalid encoding type. Should be utf-8, base64, or hex"), so it fails the mount, so the pod never starts',
          'Write encoding: base64 or encoding: hex for a value Vault holds so encoded, or leave encoding out (the file holds the value as Vault returns it).'),
        ]);
      }
    });

    test('classes of one name in two namespaces: each is met only by the volumes of its own namespace, where the driver looks it up', () => {
      const inCi = spc({ objects: OBJECTS });
      const inProd = { ...spc({ roleName: 'prod', objects: OBJECTS }), metadata: { name: 'vault', namespace: 'prod' } };
      const inNs = (ns: string | undefined, attributes: Record<string, string>) => {
        const t = task({ volumes: [{ name: 'v', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: 'vault', ...attributes } }) }] });
        return { ...t, metadata: { ...t.metadata, namespace: ns } };
      };
      const NO_ROLE = refusal('parameters.roleName', undefined, noRole(VAULT, true), ROLE_FIX, 'key/roleName');
      // a volume of prod gives a role to prod's class, not to ci's of the same name
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, inProd, inNs('prod', { roleName: 'ci' })]))).toEqual([NO_ROLE]);
      expect(SECRETS_STORE_MOUNTABLE.check(inProd, ruleContext([inCi, inProd, inNs('prod', { roleName: 'ci' })]))).toEqual([]);
      // one of ci, or of no namespace (applied to any), does
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, inProd, inNs('ci', { roleName: 'ci' })]))).toEqual([]);
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, inNs(undefined, { roleName: 'ci' })]))).toEqual([]);
      // config-defaults' default pod template reaches the runs of every namespace
      const defaults = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
        data: { 'default-pod-template': 'volumes:\n- name: v\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: vault\n      roleName: ci\n' },
      };
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, defaults]))).toEqual([]);
      // unless a Tekton operator's object checked with it writes its own template over it (its apply leaves the ConfigMap's to no run)
      const operator = (pipeline: Record<string, unknown>) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
      });
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, defaults, operator({ 'default-pod-template': 'nodeSelector: {a: b}' })]))).toEqual([NO_ROLE]);
      expect(SECRETS_STORE_MOUNTABLE.check(inCi, ruleContext([inCi, defaults, operator({})]))).toEqual([]);
    });
  });
});
