import { configDefaultsWithTemplate, describeRule, hardenedContainer, KEPT_TEMPLATE_READING, operatorPipelineConfig, pipelineEmbedding, pipelineRun, task, taskRun, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { SECRET_REFERENCE_FIXED } from '../../../src/policy/rules/secret-reference-fixed';
import { evaluatingOnce } from '../../../src/private/containers';

/** Said of a Secret's name a caller chooses with `chosen`, which `by` puts there, for the step (`reads`: the tasks, the task). */
const problem = (chosen: string, by = 'Tekton substitutes params there', reads = 'the step reads') => `lets a caller choose with ${chosen} the `
  + `Secret ${reads} (${by}, and the kubelet then gives the pod any Secret of the namespace by that name, whatever the run's ServiceAccount may read)`;
const EVENT = "Tekton Triggers pastes the event's value there before Tekton reads the run";
const RESULTS = 'Tekton substitutes the results of earlier tasks there';

const summary = (m: any) => SECRET_REFERENCE_FIXED.check(m).map((f) => [f.location, f.target, f.property, f.value]);

describe('SECRET_REFERENCE_FIXED', () => {
  describeRule(SECRET_REFERENCE_FIXED, RuleId.SECRET_REFERENCE_FIXED, Severity.HIGH, true);

  test('non-compliant: a param names the Secret of an env var, with the exact finding', () => {
    const m = task({ steps: [hardenedContainer('s', { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(params.token-secret)', key: 'token' } } }] })] });
    expect(SECRET_REFERENCE_FIXED.check(m)).toEqual([{
      rule: RuleId.SECRET_REFERENCE_FIXED,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'env.TOKEN.valueFrom.secretKeyRef.name',
      value: '$(params.token-secret)',
      problem: problem('$(params.token-secret)'),
    }]);
  });

  test('non-compliant: the key, envFrom, the stepTemplate, a sidecar, a StepAction, and an embedded spec', () => {
    const env = (ref: any) => [{ name: 'T', valueFrom: { secretKeyRef: ref } }];
    expect(summary(task({
      stepTemplate: { envFrom: [{ configMapRef: { name: '$(params.cm)' } }, { secretRef: { name: '$(params.creds)' } }] },
      steps: [hardenedContainer('s', { env: env({ name: 'git', key: '$(params.key)' }) })],
      sidecars: [hardenedContainer('proxy', { env: env({ name: '$(tasks.a.results.secret)', key: 'k' }) })],
    }))).toEqual([
      ['stepTemplate', 'stepTemplate', 'envFrom[1].secretRef.name', '$(params.creds)'],
      ["step 's'", 'step/s', 'env.T.valueFrom.secretKeyRef.key', '$(params.key)'],
      ["sidecar 'proxy'", 'sidecar/proxy', 'env.T.valueFrom.secretKeyRef.name', '$(tasks.a.results.secret)'],
    ]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'push' }, spec: { image: 'x', script: '#!/bin/sh\n', env: env({ name: '$(params.secret)', key: 'k' }) } };
    expect(summary(action)).toEqual([["stepAction 'push'", 'step/push', 'env.T.valueFrom.secretKeyRef.name', '$(params.secret)']]);
    expect(summary(pipelineEmbedding(taskSpec({ steps: [hardenedContainer('s', { envFrom: [{ secretRef: { name: '$(params.s)' } }] })] }))))
      .toEqual([["task 'build' step 's'", 'task/build/step/s', 'envFrom[0].secretRef.name', '$(params.s)']]);
  });

  test('non-compliant: Secret, projected, CSI and Secrets Store volumes of a task spec', () => {
    const m = task({
      steps: [hardenedContainer('s')],
      volumes: [
        { name: 'a', secret: { secretName: '$(params.s)', items: [{ key: '$(params.k)', path: 'x' }] } },
        { name: 'b', projected: { sources: [{ configMap: { name: '$(params.cm)' } }, { secret: { name: 'pre-$(params.s)' } }, { serviceAccountToken: { audience: '$(params.aud)', path: 't' } }] } },
        { name: 'c', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: '$(params.spc)' }, nodePublishSecretRef: { name: '$(params.n)' } } },
      ],
    });
    expect(SECRET_REFERENCE_FIXED.check(m).map((f) => [f.target, f.property, f.value, f.problem])).toEqual([
      [undefined, 'volumes.a.secret.secretName', '$(params.s)', problem('$(params.s)')],
      [undefined, 'volumes.a.secret.items[0].key', '$(params.k)', 'lets a caller choose with $(params.k) which key of the Secret the step reads (Tekton substitutes params there)'],
      // the value as written, its prefix too
      [undefined, 'volumes.b.projected.sources[1].secret.name', 'pre-$(params.s)', problem('$(params.s)')],
      [undefined, 'volumes.b.projected.sources[2].serviceAccountToken.audience', '$(params.aud)',
        "lets a caller choose with $(params.aud) the audience of the run's ServiceAccount token the step gets, so the step can sign in as the run wherever that audience is trusted (a vault, a cloud role)"],
      [undefined, 'volumes.c.csi.nodePublishSecretRef.name', '$(params.n)', problem('$(params.n)')],
      [undefined, 'volumes.c.csi.volumeAttributes.secretProviderClass', '$(params.spc)', 'lets a caller choose with $(params.spc) the SecretProviderClass, and so the secrets of the vault, that the step reads'],
    ]);
  });

  test('non-compliant: a PipelineRun workspace binding named by a task\'s result, an event, or a param the run does not give', () => {
    const run = pipelineRun({
      params: [{ name: 'env', value: 'prod' }],
      workspaces: [
        { name: 'creds', secret: { secretName: '$(tasks.fetch.results.which)' } },
        // Tekton substitutes nothing into a binding's volumeAttributes or token audiences: the class and the audience are used as written
        { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'ci-$(tasks.fetch.results.env)' } } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: '$(tasks.fetch.results.aud)', path: 't' } }] } },
        // the run's own param: its author's choice
        { name: 'given', secret: { secretName: 'deploy-$(params.env)' } },
        // not the run's: each TaskRun substitutes its own param there, which a pipeline task may set from a result
        { name: 'left', secret: { secretName: '$(params.secret)' } },
        { name: 'bracket', secret: { secretName: '$(params["other"])' } },
        // a TriggerTemplate's run: the event's value
        { name: 'event', secret: { secretName: '$(tt.params.repo)-deploy-key' } },
      ],
    });
    expect(SECRET_REFERENCE_FIXED.check(run).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      ["workspace 'creds'", 'workspace/creds', 'workspaces.creds.secret.secretName', '$(tasks.fetch.results.which)',
        problem('$(tasks.fetch.results.which)', RESULTS, 'the tasks read')],
      ["workspace 'left'", 'workspace/left', 'workspaces.left.secret.secretName', '$(params.secret)', problem('$(params.secret)', undefined, 'the tasks read')],
      ["workspace 'bracket'", 'workspace/bracket', 'workspaces.bracket.secret.secretName', '$(params["other"])',
        problem('$(params["other"])', undefined, 'the tasks read')],
      ["workspace 'event'", 'workspace/event', 'workspaces.event.secret.secretName', '$(tt.params.repo)-deploy-key', problem('$(tt.params.repo)', EVENT, 'the tasks read')],
    ]);
  });

  test('non-compliant: a TriggerTemplate\'s $(tt.params.x) in a TaskRun\'s bindings (the event chooses); its own params are its creator\'s', () => {
    const run = taskRun({
      params: [{ name: 'env', value: 'prod' }],
      workspaces: [
        { name: 'key', secret: { secretName: '$(tt.params.repo)-deploy-key' } },
        { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: '$(tt.params.env)' } } },
        { name: 'given', secret: { secretName: 'deploy-$(params.env)' } },
      ],
    });
    expect(SECRET_REFERENCE_FIXED.appliesTo(taskRun({}))).toBe(true);
    expect(SECRET_REFERENCE_FIXED.check(run).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      ["workspace 'key'", 'workspace/key', 'workspaces.key.secret.secretName', '$(tt.params.repo)-deploy-key', problem('$(tt.params.repo)', EVENT, 'the task reads')],
      ["workspace 'vault'", 'workspace/vault', 'workspaces.vault.csi.volumeAttributes.secretProviderClass', '$(tt.params.env)',
        'lets a caller choose with $(tt.params.env) the SecretProviderClass, and so the secrets of the vault, that the task reads'],
    ]);
  });

  test('non-compliant: a TriggerTemplate\'s $(tt.params.x) in a binding\'s SecretProviderClass or token audience, which Triggers pastes in (the event chooses)', () => {
    const run = pipelineRun({
      workspaces: [
        { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'ci-$(tt.params.env)' } } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { audience: '$(tt.params.aud)', path: 't' } }] } },
        // another driver's attributes are no SecretProviderClass
        { name: 'other', csi: { driver: 'csi.cert-manager.io', readOnly: true, volumeAttributes: { secretProviderClass: '$(tt.params.env)' } } },
      ],
    });
    expect(SECRET_REFERENCE_FIXED.check(run)).toEqual([
      {
        rule: RuleId.SECRET_REFERENCE_FIXED,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "workspace 'vault'",
        target: 'workspace/vault',
        property: 'workspaces.vault.csi.volumeAttributes.secretProviderClass',
        value: 'ci-$(tt.params.env)',
        problem: 'lets a caller choose with $(tt.params.env) the SecretProviderClass, and so the secrets of the vault, that the tasks read',
      },
      {
        rule: RuleId.SECRET_REFERENCE_FIXED,
        kind: 'PipelineRun',
        name: 'pipe-run',
        location: "workspace 'token'",
        target: 'workspace/token',
        property: 'workspaces.token.projected.sources[0].serviceAccountToken.audience',
        value: '$(tt.params.aud)',
        problem: "lets a caller choose with $(tt.params.aud) the audience of the run's ServiceAccount token the tasks get, so the tasks can sign in as the run wherever that audience is trusted (a vault, a cloud role)",
      },
    ]);
  });

  describe('Secrets Store CSI volumes name their SecretProviderClass and nothing more (the driver copies other attributes over its parameters)', () => {
    const OVERRIDES = (attribute: string) => `overrides the parameter '${attribute}' of the SecretProviderClass the volume mounts (the Secrets Store CSI driver `
      + "copies every volume attribute over the class's parameters), so the volume, not the class, chooses the Vault role, secrets, address or auth";
    const FIX = 'Leave only secretProviderClass in volumeAttributes and set the parameter in the SecretProviderClass (a VaultSecretProviderClass prop), '
      + 'or name another SecretProviderClass that has it.';
    const store = (attributes: Record<string, any>) => ({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'registry', ...attributes } });

    test('non-compliant: a PipelineRun binding that picks its own role and objects, with the exact finding', () => {
      const objects = '- objectName: key\n  secretPath: secret/data/prod/deploy\n  secretKey: key\n';
      const m = pipelineRun({ workspaces: [{ name: 'creds', csi: store({ roleName: 'prod-deploy', objects }) }] });
      expect(SECRET_REFERENCE_FIXED.appliesTo(m)).toBe(true);
      expect(SECRET_REFERENCE_FIXED.check(m)).toEqual([
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'PipelineRun',
          name: 'pipe-run',
          location: "workspace 'creds'",
          target: 'workspace/creds',
          property: 'workspaces.creds.csi.volumeAttributes.roleName',
          value: 'prod-deploy',
          problem: OVERRIDES('roleName'),
          fix: FIX,
        },
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'PipelineRun',
          name: 'pipe-run',
          location: "workspace 'creds'",
          target: 'workspace/creds',
          property: 'workspaces.creds.csi.volumeAttributes.objects',
          value: objects,
          problem: OVERRIDES('objects'),
          fix: FIX,
        },
      ]);
    });

    test('non-compliant: a Deployment\'s, a Pod\'s and config-defaults\' default pod template\'s volumes, read as the Secrets Store rules read them', () => {
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'ci' },
        spec: { template: { spec: { volumes: [{ name: 's', csi: store({ roleName: 'admin' }) }], containers: [] } } },
      };
      expect(SECRET_REFERENCE_FIXED.appliesTo(deployment)).toBe(true);
      expect(SECRET_REFERENCE_FIXED.check(deployment)).toEqual([{
        rule: RuleId.SECRET_REFERENCE_FIXED,
        kind: 'Deployment',
        name: 'web',
        property: 'spec.template.spec.volumes.s.csi.volumeAttributes.roleName',
        value: 'admin',
        problem: OVERRIDES('roleName'),
        fix: FIX,
      }]);
      expect(summary({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 's', csi: store({ objects: '- objectName: k' }) }] } }))
        .toEqual([[undefined, undefined, 'spec.volumes.s.csi.volumeAttributes.objects', '- objectName: k']]);
      const defaults = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
        data: { 'default-pod-template': 'volumes:\n- name: s\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: registry\n      roleName: admin\n' },
      };
      expect(summary(defaults)).toEqual([[undefined, undefined, "data['default-pod-template'].volumes.s.csi.volumeAttributes.roleName", 'admin']]);
      // a Deployment of another API group is a custom resource, whose spec may hold no pod
      expect(SECRET_REFERENCE_FIXED.appliesTo({ ...deployment, apiVersion: 'example.com/v1' })).toBe(false);
    });

    test('non-compliant: a Task volume, a TaskRun binding, a pod template volume; a substituted attribute is one finding', () => {
      expect(summary(task({ volumes: [{ name: 'v', csi: store({ vaultAddress: 'https://other.example.com' }) }] }))).toEqual([
        [undefined, undefined, 'volumes.v.csi.volumeAttributes.vaultAddress', 'https://other.example.com'],
      ]);
      expect(summary(taskRun({ workspaces: [{ name: 'w', csi: store({ vaultNamespace: 'admin' }) }] }))).toEqual([
        ["workspace 'w'", 'workspace/w', 'workspaces.w.csi.volumeAttributes.vaultNamespace', 'admin'],
      ]);
      expect(summary(taskRun({ podTemplate: { volumes: [{ name: 'p', csi: store({ audience: 'https://kubernetes.default.svc' }) }] } }))).toEqual([
        [undefined, undefined, 'podTemplate.volumes.p.csi.volumeAttributes.audience', 'https://kubernetes.default.svc'],
      ]);
      const m = task({ volumes: [{ name: 'v', csi: store({ roleName: '$(params.role)' }) }] });
      expect(SECRET_REFERENCE_FIXED.check(m).map((f) => [f.property, f.value, f.problem])).toEqual([
        ['volumes.v.csi.volumeAttributes.roleName', '$(params.role)', OVERRIDES('roleName')],
      ]);
    });

    test('an attribute that holds secret material (a token for the provider, a key in secretArgs) is reported without quoting it', () => {
      const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJhdWQiOlsidmF1bHQiXSwic3ViIjoic3lzdGVtOnNlcnZpY2VhY2NvdW50OmNpOmRlcGxveSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
      const tokens = JSON.stringify({ vault: { token: jwt } });
      const objects = `- objectName: key\n  secretPath: secret/data/x\n  secretArgs: {token: ${jwt}}\n`;
      const m = pipelineRun({ workspaces: [{ name: 'creds', csi: store({ 'csi.storage.k8s.io/serviceAccount.tokens': tokens, 'objects': objects, 'roleName': 'ci' }) }] });
      expect(SECRET_REFERENCE_FIXED.check(m)).toEqual([
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'PipelineRun',
          name: 'pipe-run',
          location: "workspace 'creds'",
          target: 'workspace/creds',
          property: 'workspaces.creds.csi.volumeAttributes.csi.storage.k8s.io/serviceAccount.tokens',
          problem: OVERRIDES('csi.storage.k8s.io/serviceAccount.tokens'),
          fix: FIX,
        },
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'PipelineRun',
          name: 'pipe-run',
          location: "workspace 'creds'",
          target: 'workspace/creds',
          property: 'workspaces.creds.csi.volumeAttributes.objects',
          problem: OVERRIDES('objects'),
          fix: FIX,
        },
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'PipelineRun',
          name: 'pipe-run',
          location: "workspace 'creds'",
          target: 'workspace/creds',
          property: 'workspaces.creds.csi.volumeAttributes.roleName',
          value: 'ci',
          problem: OVERRIDES('roleName'),
          fix: FIX,
        },
      ]);
      expect(JSON.stringify(SECRET_REFERENCE_FIXED.check(m))).not.toContain('c2lnbmF0dXJl');
    });

    test('compliant: the class named alone, or the attributes of another driver', () => {
      expect(SECRET_REFERENCE_FIXED.check(pipelineRun({ workspaces: [{ name: 'creds', csi: store({}) }] }))).toEqual([]);
      expect(SECRET_REFERENCE_FIXED.check(taskRun({ workspaces: [{ name: 'creds', csi: store({}) }] }))).toEqual([]);
      expect(SECRET_REFERENCE_FIXED.check(task({ volumes: [{ name: 'c', csi: { driver: 'csi.cert-manager.io', volumeAttributes: { 'csi.cert-manager.io/issuer-name': 'ca' } } }] }))).toEqual([]);
    });
  });

  test('a step that runs a StepAction checked together chooses its Secret through the params it passes', () => {
    const action = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'push', namespace: 'ci' },
      spec: {
        image: 'x',
        params: [{ name: 'token-secret' }, { name: 'key', default: 'token' }],
        env: [{ name: 'T', valueFrom: { secretKeyRef: { name: '$(params.token-secret)', key: '$(params.key)' } } }],
      },
    };
    const taskPassing = (value: string) => task({ steps: [{ name: 'push', ref: { name: 'push' }, params: [{ name: 'token-secret', value }] }] });
    const context = (t: any) => ({ manifests: [t, action], credentialWorkspaces: () => [] });
    // the Task's param picks the Secret: a finding on the Task's step
    const chosen = taskPassing('$(params.which)');
    expect(SECRET_REFERENCE_FIXED.check(chosen, context(chosen)).map((f) => [f.location, f.target, f.property, f.value, f.problem])).toEqual([
      // the StepAction's field as written, and what the value the step passes to its param makes of it
      ["step 'push'", 'step/push', 'env.T.valueFrom.secretKeyRef.name', '$(params.token-secret)',
        `${problem('$(params.which)')}, through the params this step passes to StepAction 'push', where "$(params.token-secret)" becomes "$(params.which)": the value this step passes to param token-secret`],
    ]);
    // a name written in the Task is fixed; the StepAction's own params are reported on the StepAction
    const fixed = taskPassing('registry-push');
    expect(SECRET_REFERENCE_FIXED.check(fixed, context(fixed))).toEqual([]);
    expect(SECRET_REFERENCE_FIXED.check(action).map((f) => f.value)).toEqual(['$(params.token-secret)', '$(params.key)']);
  });

  test('non-compliant: a run\'s name, which whoever creates the run chooses', () => {
    expect(summary(task({
      steps: [hardenedContainer('s', {
        env: [
          { name: 'R', valueFrom: { secretKeyRef: { name: '$(context.taskRun.name)-token', key: 'token' } } },
          { name: 'N', valueFrom: { secretKeyRef: { name: '$(context.taskRun.namespace)-token', key: 'token' } } },
        ],
      })],
      volumes: [{ name: 'p', secret: { secretName: 'creds-$(context.pipelineRun.name)' } }],
    }))).toEqual([
      ["step 's'", 'step/s', 'env.R.valueFrom.secretKeyRef.name', '$(context.taskRun.name)-token'],
      [undefined, undefined, 'volumes.p.secret.secretName', 'creds-$(context.pipelineRun.name)'],
    ]);
  });

  test('compliant: names written in the Task, names Tekton fixes, ConfigMaps, other CSI drivers', () => {
    expect(summary(task({
      steps: [hardenedContainer('s', {
        env: [
          { name: 'T', valueFrom: { secretKeyRef: { name: 'git-credentials', key: 'token' } } },
          { name: 'C', valueFrom: { configMapKeyRef: { name: '$(params.cm)', key: 'k' } } },
        ],
        envFrom: [{ configMapRef: { name: '$(params.cm)' } }, { prefix: '$(params.prefix)', secretRef: { name: 'fixed' } }],
      })],
      volumes: [{ name: 'c', csi: { driver: 'csi.cert-manager.io', volumeAttributes: { 'csi.cert-manager.io/common-name': '$(params.cn)' } } }],
    }))).toEqual([]);
  });
});

describe('SECRET_REFERENCE_FIXED on fields of another type', () => {
  test('a volume whose name is a map with a toString key: its chosen Secret is still a finding, without throwing', () => {
    const t = task({ params: [{ name: 'x' }], volumes: [{ name: JSON.parse('{"toString": "x"}'), secret: { secretName: '$(params.x)' } }], steps: [hardenedContainer('s')] });
    expect(SECRET_REFERENCE_FIXED.check(t).map((f) => [f.property, f.value])).toEqual([['volumes.[object Object].secret.secretName', '$(params.x)']]);
  });
});

describe("SECRET_REFERENCE_FIXED: config-defaults' default pod template beside a Tekton operator's object", () => {
  const template = 'volumes:\n- name: v\n  csi:\n    driver: secrets-store.csi.k8s.io\n    readOnly: true\n    volumeAttributes:\n      secretProviderClass: c\n'
    + '      roleName: admin\n';
  const cm = configDefaultsWithTemplate(template);
  const check = (m: any, ...manifests: any[]) => SECRET_REFERENCE_FIXED.check(m, { manifests, credentialWorkspaces: () => [] } as any);

  test('the ConfigMap\'s template only in the reading that keeps it (the operator writes none), named; the operator\'s own in every reading, not named', () => {
    expect(check(cm, operatorPipelineConfig({}), cm)).toEqual([{
      rule: RuleId.SECRET_REFERENCE_FIXED,
      kind: 'ConfigMap',
      name: 'config-defaults',
      property: "data['default-pod-template'].volumes.v.csi.volumeAttributes.roleName",
      value: 'admin',
      problem: ("overrides the parameter 'roleName' of the SecretProviderClass the volume mounts (the Secrets Store CSI driver copies every volume "
    + "attribute over the class's parameters), so the volume, not the class, chooses the Vault role, secrets, address or auth") + KEPT_TEMPLATE_READING,
      fix: ('Leave only secretProviderClass in volumeAttributes and set the parameter in the SecretProviderClass (a VaultSecretProviderClass prop), '
        + 'or name another SecretProviderClass that has it.'),
    }]);
    const own = operatorPipelineConfig({ 'default-pod-template': template });
    expect(check(own, own, cm).map((p) => [p.property, p.problem])).toEqual([
      ["spec.pipeline['default-pod-template'].volumes.v.csi.volumeAttributes.roleName", ("overrides the parameter 'roleName' of the SecretProviderClass the volume mounts (the Secrets Store CSI driver copies every volume "
    + "attribute over the class's parameters), so the volume, not the class, chooses the Vault role, secrets, address or auth")],
    ]);
  });

  test('compliant: a template the operator writes over in every reading reaches no pod', () => {
    expect(check(cm, operatorPipelineConfig({ 'default-pod-template': 'dnsPolicy: Default' }), cm)).toEqual([]);
  });
});

describe('SECRET_REFERENCE_FIXED: a Shipwright build strategy by itself', () => {
  const strategy = {
    apiVersion: 'shipwright.io/v1beta1',
    kind: 'ClusterBuildStrategy',
    metadata: { name: 'oci' },
    spec: {
      parameters: [{ name: 'auth-secret', default: 'registry-auth' }],
      volumes: [{ name: 'auth', secret: { secretName: '$(params.auth-secret)' } }],
      steps: [{ name: 'push', image: 'registry.example.com/pusher@sha256:' + 'f'.repeat(64), volumeMounts: [{ name: 'auth', mountPath: '/auth' }] }],
    },
  };

  test("a param of the strategy names a Secret volume's Secret: any Build or BuildRun chooses it", () => {
    expect(SECRET_REFERENCE_FIXED.check(strategy)).toEqual([{
      rule: RuleId.SECRET_REFERENCE_FIXED,
      kind: 'ClusterBuildStrategy',
      name: 'oci',
      property: 'volumes.auth.secret.secretName',
      value: '$(params.auth-secret)',
      problem: 'lets a caller choose with $(params.auth-secret) the Secret the step reads (Tekton substitutes params there, and the kubelet '
        + "then gives the pod any Secret of the namespace by that name, whatever the run's ServiceAccount may read)",
      fix: "Write the Secret's name in the strategy's volume: a Build or BuildRun then cannot name another Secret of its namespace.",
    }]);
  });

  describe('a Build or BuildRun run of it: the fix names the object that writes the reference', () => {
    const open = {
      ...strategy,
      spec: {
        ...strategy.spec,
        parameters: [{ name: 'auth-secret', default: 'registry-auth' }, { name: 'cache-secret', default: 'cache' }],
        volumes: [{ name: 'auth', secret: { secretName: 'registry-auth' } }, { name: 'cache', overridable: true, emptyDir: {} }],
        steps: [{ ...strategy.spec.steps[0], volumeMounts: [{ name: 'auth', mountPath: '/auth' }, { name: 'cache', mountPath: '/cache' }] }],
      },
    };
    const build = {
      apiVersion: 'shipwright.io/v1beta1',
      kind: 'Build',
      metadata: { name: 'web', namespace: 'ci' },
      spec: {
        strategy: { kind: 'ClusterBuildStrategy', name: 'oci' },
        output: { image: 'registry.example.com/web' },
        env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(params.auth-secret)', key: 'token' } } }],
        volumes: [{ name: 'cache', secret: { secretName: '$(params.cache-secret)' } }],
      },
    };
    const buildRun = { apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'ci' }, spec: { build: { name: 'web' } } };
    const on = (m: any, ...others: any[]) => evaluatingOnce(() => SECRET_REFERENCE_FIXED.check(m, ruleContext([m, ...others])), [m, ...others]);
    const at = (name: string, field: string) => `Write the Secret's name in ${name} entry '${field}' as it is, with no substitution: a BuildRun then `
      + 'cannot name another Secret of its namespace.';

    test("the Build's spec.env and spec.volumes", () => {
      expect(on(build, open)).toEqual([
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'Build',
          name: 'web',
          location: "strategy ClusterBuildStrategy 'oci' step 'push'",
          target: 'step/push',
          property: 'env.TOKEN.valueFrom.secretKeyRef.name',
          value: '$(params.auth-secret)',
          problem: problem('$(params.auth-secret)'),
          fix: at("the Build's spec.env", 'TOKEN'),
        },
        {
          rule: RuleId.SECRET_REFERENCE_FIXED,
          kind: 'Build',
          name: 'web',
          location: "strategy ClusterBuildStrategy 'oci'",
          property: 'volumes.cache.secret.secretName',
          value: '$(params.cache-secret)',
          problem: problem('$(params.cache-secret)'),
          fix: at("the Build's spec.volumes", 'cache'),
        },
      ]);
    });

    test('a BuildRun: the Build it names, its own spec.env, the Build spec it embeds', () => {
      expect(on(buildRun, build, open).map((f) => f.fix))
        .toEqual([at("the Build 'web' spec.env", 'TOKEN'), at("the Build 'web' spec.volumes", 'cache')]);
      const own = { ...buildRun, spec: { ...buildRun.spec, env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(params.auth-secret)', key: 'token' } } }] } };
      expect(on(own, build, open).map((f) => f.fix))
        .toEqual([at("the BuildRun's spec.env", 'TOKEN'), at("the Build 'web' spec.volumes", 'cache')]);
      const embedded = { ...buildRun, spec: { build: { spec: build.spec } } };
      expect(on(embedded, open).map((f) => f.fix))
        .toEqual([at("the BuildRun's spec.build.spec.env", 'TOKEN'), at("the BuildRun's spec.build.spec.volumes", 'cache')]);
    });

    test("the strategy's own step variable, which the Build's of that name does not replace, is fixed in the strategy", () => {
      const stepEnv = { ...open, spec: { ...open.spec, steps: [{ ...open.spec.steps[0], env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: '$(params.auth-secret)', key: 'token' } } }] }] } };
      const plain = { ...build, spec: { ...build.spec, volumes: [] } };
      // the strategy has the finding by itself: the Build does not repeat it
      expect(on(plain, stepEnv)).toEqual([]);
      expect(SECRET_REFERENCE_FIXED.check(stepEnv).map((f) => f.fix)).toEqual(["Write the Secret's name in the strategy's step: a Build or BuildRun then cannot name another Secret of its namespace."]);
    });
  });
});
