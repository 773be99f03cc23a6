import { Chart, Size, Testing } from 'cdk8s';
import { Deploy, DeployProps, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain } from '../../src';
import { HARDENED_SECURITY_CONTEXT, PINNED } from '../helpers/constructs';

const OBJECTS = [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }, { resource: 'configmaps', name: 'app-config' }];
const REASON = 'the deploy task applies the named Deployment app, verified by cosign before';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}

/** A pipeline that runs a Deploy, granted; synthesized. */
function app(props: Partial<DeployProps> = {}, relax = true) {
  const c = chart();
  const pipeline = new SecurePipeline(c, 'release', {
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    relaxations: relax ? [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }] : [],
  });
  const other = new SecureTask(c, 'unit-test', { steps: [{ name: 'test', image: PINNED, script: '#!/bin/sh\ntrue\n' }] });
  pipeline.addTask({ task: other });
  const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy', ...props });
  const task = pipeline.addTask({ task: deploy, workspaces: { manifests: 'source' } });
  const rules = deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
  deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
  new SecurePipelineRun(c, 'run', { pipeline, workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } });
  return { c, deploy, task, rules, synth: () => Testing.synth(c) };
}
const of = (out: any[], kind: string, name?: string) =>
  out.filter((o) => o.kind === kind && (name === undefined || (o.metadata.name ?? o.metadata.generateName) === name));

describe('Deploy', () => {
  const { deploy, rules, synth } = app();
  const out = synth();

  test('kubectl applies the manifests server-side, hardened, with no run-time value in its arguments', () => {
    expect(deploy.trusted).toBe(true);
    const [task] = of(out, 'Task', 'deploy');
    expect(task.spec.params).toBeUndefined();
    expect(task.spec.workspaces).toEqual([{ name: 'manifests', description: 'The manifests to apply', readOnly: true, optional: false }]);
    const [apply] = task.spec.steps;
    expect(apply.image).toMatch(/^registry\.k8s\.io\/kubectl:v1\.31\.2@sha256:[a-f0-9]{64}$/);
    expect(apply.command).toEqual(['kubectl']);
    expect(apply.args).toEqual(['apply', '--server-side', '--field-manager=tekton-deploy', '--recursive', '--filename=$(workspaces.manifests.path)/deploy']);
    expect(apply.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    expect(task.spec.stepTemplate.env).toEqual([{ name: 'HOME', value: '/home/tekton' }]);
  });

  test('the ServiceAccount may patch and create (server-side apply) the named objects only, grouped by resource', () => {
    const expected = [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch', 'create'], resourceNames: ['app'] },
      { apiGroups: [''], resources: ['services'], verbs: ['patch', 'create'], resourceNames: ['app'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['patch', 'create'], resourceNames: ['app-config'] },
    ];
    expect(rules).toEqual(expected);
    const [role] = of(out, 'Role');
    expect(role.metadata.namespace).toBe('ci');
    expect(role.rules).toEqual(expected);
    expect(of(out, 'ClusterRole')).toEqual([]);
  });

  test('the token is mounted in the deploy pod alone, and the deploy pod reaches the API server only', () => {
    const [run] = of(out, 'PipelineRun');
    expect(run.spec.taskRunTemplate.podTemplate.automountServiceAccountToken).toBe(false);
    expect(run.spec.taskRunSpecs).toEqual([{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }]);
    const policies = of(out, 'NetworkPolicy').filter((p) => p.spec.podSelector.matchLabels?.['tekton.dev/pipelineTask'] === 'deploy');
    const egress = policies.flatMap((p) => p.spec.egress ?? []);
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: [{ protocol: 'TCP', port: 6443 }] });
    const others = of(out, 'NetworkPolicy').flatMap((p) => p.spec.egress ?? []).filter((e: any) => e.to?.some((t: any) => t.ipBlock));
    expect(others).toHaveLength(1);
  });

  test('writing a workload is refused, named as the Deploy\'s objects, until the pipeline relaxes RBAC_NO_ESCALATION', () => {
    expect(() => app({}, false).synth()).toThrow(
      "LeastPrivilegeServiceAccount 'test/release/ServiceAccount' grant #1, which Deploy 'test/deploy' grantTo made for objects[0] (deployments.apps/app): "
      + 'resource "deployments" with patch, create: a new or rewritten pod can run as any ServiceAccount of the namespace and mount any of its Secrets [RBAC_NO_ESCALATION]. '
      + "Take it out of the Deploy's objects. Or relax RBAC_NO_ESCALATION with a reason in the props of SecurePipeline 'test/release', which made it: relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: '<why>' }].",
    );
    // configuration only: nothing to relax
    expect(() => app({ objects: [{ resource: 'configmaps', name: 'app-config' }] }, false).synth()).not.toThrow();
  });

  test('refuses no objects, an empty or wildcard name, a bad resource, a duplicate and a path that leaves the workspace', () => {
    const make = (props: Partial<DeployProps>) => () => new Deploy(chart(), 'deploy', { objects: OBJECTS, ...props });
    expect(make({ objects: [] })).toThrow(
      "Deploy 'test/deploy': objects is empty, so the task may change nothing [VALID_SPEC]. Name each object the manifests hold, e.g. { apiGroup: 'apps', resource: 'deployments', name: 'app' }.",
    );
    expect(make({ objects: [{ resource: 'secrets', name: '' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].name \"\" is not an object name (a DNS-1123 subdomain) [VALID_SPEC]. Name one object exactly: no wildcards, no empty name.",
    );
    expect(make({ objects: [{ resource: 'configmaps', name: '*' }] })).toThrow('objects[0].name "*" is not an object name');
    expect(make({ objects: [{ resource: 'Deployments', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].resource \"Deployments\" is not a resource type (plural, lower case, e.g. deployments) [VALID_SPEC]. Use the plural resource name kubectl api-resources lists.",
    );
    expect(make({ objects: [{ resource: 'services', name: 'app' }, { resource: 'services', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[1] \"services/app\" is named twice [VALID_SPEC]. Name each object once.",
    );
    expect(make({ path: '../other' })).toThrow(
      "Deploy 'test/deploy': path \"../other\" is not a path relative to the manifests workspace (segments may not start with \".\") [VALID_SPEC]. Give a relative path such as 'deploy' or 'deploy/app.yaml'.",
    );
  });

  test('grantTo refuses another pipeline task, and no API server address', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', {});
    const task = new Deploy(c, 'deploy', { objects: OBJECTS });
    const other = pipeline.addTask({ task: new SecureTask(c, 'unit-test', { steps: [{ name: 'test', image: PINNED, script: '#!/bin/sh\ntrue\n' }] }) });
    expect(() => task.grantTo(other, { apiServerCidrs: ['10.0.0.1/32'] })).toThrow(
      "Deploy 'test/deploy': grantTo \"unit-test\" runs task 'unit-test', not this Deploy [VALID_REFERENCE]. Pass the PipelineTask that addTask({ task: <this Deploy> }) returned.",
    );
    const mine = pipeline.addTask({ task, workspaces: {} });
    expect(() => task.grantTo(mine, { apiServerCidrs: [] })).toThrow(
      "Deploy 'test/deploy': apiServerCidrs is empty, so the task cannot reach the API server [VALID_SPEC]. Give the endpoint addresses of the kubernetes Service (kubectl get endpoints kubernetes), e.g. ['10.0.0.1/32'].",
    );
  });

  test('refuses kubectlImage not pinned by digest, in the words of the prop (a hardened task takes no relaxation)', () => {
    const IMAGE = 'registry.k8s.io/kubectl:v1.31.2';
    expect(() => new Deploy(chart(), 'deploy', { objects: OBJECTS, kubectlImage: IMAGE })).toThrow(
      "Deploy 'test/deploy': kubectlImage \"registry.k8s.io/kubectl:v1.31.2\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"registry.k8s.io/kubectl@sha256:<64 hex>\" (the digest of the image you mean), or leave kubectlImage out for the pinned default.",
    );
  });

  test('refuses a pipeline task that runs it without grantTo: its pod could not reach the API server', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }],
    });
    const applier = new Deploy(c, 'deploy', { objects: OBJECTS });
    const granted = pipeline.addTask({ task: applier, name: 'deploy-a', workspaces: { manifests: 'source' } });
    applier.grantTo(granted, { apiServerCidrs: ['10.0.0.1/32'] });
    pipeline.addTask({ task: applier, name: 'deploy-b', workspaces: { manifests: 'source' } });
    expect(() => Testing.synth(c)).toThrow(
      "Deploy 'test/deploy' pipeline task 'deploy-b': grantTo is not called for this pipeline task, so its pod gets no ServiceAccount token, no permission "
      + 'on the objects and no egress to the API server: kubectl apply fails on every run [VALID_SPEC]. Call grantTo with the PipelineTask addTask returned: '
      + "deploy.grantTo(task, { apiServerCidrs: ['<API server endpoint>/32'] }) (the endpoints of kubectl get endpoints kubernetes).",
    );
  });

  test('two pipelines that run the Deploy as a task of the same name each get egress to the API server', () => {
    const c = chart();
    const applier = new Deploy(c, 'deploy', { objects: [{ resource: 'configmaps', name: 'app-config' }] });
    for (const name of ['staging', 'production']) {
      const pipeline = new SecurePipeline(c, name, { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
      const task = pipeline.addTask({ task: applier, name: 'deploy', workspaces: { manifests: 'source' } });
      applier.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
      // calling it twice is harmless
      applier.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
    }
    const policies = of(Testing.synth(c), 'NetworkPolicy').filter((p) => p.spec.podSelector.matchLabels?.['tekton.dev/pipelineTask'] === 'deploy');
    expect(policies.map((p) => [p.spec.podSelector.matchLabels['tekton.dev/pipeline'], p.spec.egress])).toEqual(['staging', 'production'].map((name) => [
      name, [{ to: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: [{ protocol: 'TCP', port: 6443 }] }],
    ]));
  });

  test('grantTo takes the API server\'s endpoints as a few addresses, never link-local, and a port: refused in its own words', () => {
    const grant = (apiServerCidrs: string[], apiServerPort?: number) => () => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
      const applier = new Deploy(c, 'deploy', { objects: OBJECTS });
      applier.grantTo(pipeline.addTask({ task: applier, workspaces: { manifests: 'source' } }), { apiServerCidrs, apiServerPort });
    };
    const EXAMPLE = "e.g. apiServerCidrs: ['10.0.0.1/32'] (kubectl get endpoints kubernetes lists them).";
    expect(grant(['foo'])).toThrow(`Deploy 'test/deploy': apiServerCidrs[0] "foo" is not a CIDR block (an address and a prefix length) [VALID_SPEC]. Give each endpoint address as a CIDR block, ${EXAMPLE}`);
    expect(grant(['10.0.0.1/32', '10.0.0.1/24'])).toThrow(
      `Deploy 'test/deploy': apiServerCidrs[1] "10.0.0.1/24" is not written as the block it is (10.0.0.0/24) [VALID_SPEC]. Write it as '10.0.0.0/24', or give each endpoint address, ${EXAMPLE}`,
    );
    expect(grant(['0.0.0.0/0'])).toThrow(
      "Deploy 'test/deploy': apiServerCidrs[0] \"0.0.0.0/0\" spans 4,294,967,296 addresses, and the task would get egress to all of them: the API server's endpoints are "
      + `a few addresses [VALID_SPEC]. Give each endpoint address as a /32 block, ${EXAMPLE}`,
    );
    expect(grant(['169.254.169.254/32'])).toThrow(
      "Deploy 'test/deploy': apiServerCidrs[0] \"169.254.169.254/32\" is link-local, where a cloud's metadata service hands out the node's credentials, never the API server "
      + `[VALID_SPEC]. Give the endpoint addresses of the kubernetes Service, ${EXAMPLE}`,
    );
    expect(grant(['fe80::1/128'])).toThrow(/apiServerCidrs\[0\] "fe80::1\/128" is link-local/);
    expect(grant(['10.0.0.1/32'], 0)).toThrow(
      "Deploy 'test/deploy': apiServerPort \"0\" is not a port from 1 to 65535 [VALID_SPEC]. Give the port of the kubernetes Service's endpoints, e.g. 6443, or leave apiServerPort out for 443.",
    );
    // an IPv4-mapped IPv6 address prints back as written, but plugins read it either way and strict validation refuses it
    expect(grant(['::ffff:10.0.0.1/128'])).toThrow(
      `Deploy 'test/deploy': apiServerCidrs[0] "::ffff:10.0.0.1/128" is not written as the block it is (10.0.0.1/32) [VALID_SPEC]. Write it as '10.0.0.1/32', or give each endpoint address, ${EXAMPLE}`,
    );
    expect(grant(['10.0.0.0/24', 'fd00::1/128'], 6443)).not.toThrow();
  });

  test('grantTo on a task added as hermetic: kubectl apply needs the API server, which a hermetic task cannot reach', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }] });
    const applier = new Deploy(c, 'deploy', { objects: OBJECTS });
    const task = pipeline.addTask({ task: applier, workspaces: { manifests: 'source' }, hermetic: true });
    expect(() => applier.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'] })).toThrow(
      "Deploy 'test/deploy': grantTo \"deploy\" runs this Deploy as a hermetic task (hermetic: true in its addTask), which has no egress, but kubectl apply needs "
      + 'the API server [VALID_SPEC]. Remove hermetic: true from the addTask({ task: <this Deploy>, ... }) options.',
    );
  });

  test('a plain JavaScript caller that leaves objects out gets a refusal, not a TypeError', () => {
    expect(() => new Deploy(chart(), 'deploy', {} as any)).toThrow(/^Deploy 'test\/deploy': objects is empty, so the task may change nothing \[VALID_SPEC\]/);
  });

  test('a plain JavaScript caller\'s value that is no string is refused, never read as its text (undefined was the resource \'undefined\')', () => {
    const make = (props: any) => () => new Deploy(chart(), 'deploy', props);
    expect(make({ objects: [{ resource: undefined, name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].resource is undefined, not a resource type (plural, lower case, e.g. deployments) [VALID_SPEC]. Use the plural resource name kubectl api-resources lists.",
    );
    expect(make({ objects: [{ apiGroup: 5, resource: 'deployments', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].apiGroup \"5\" is a number, not an API group [VALID_SPEC]. Use the group without version, e.g. 'apps', or leave it out for the core group.",
    );
    expect(make({ objects: OBJECTS, path: 5 })).toThrow(
      "Deploy 'test/deploy': path \"5\" is a number, not a path [VALID_SPEC]. Give a relative path such as 'deploy' or 'deploy/app.yaml'.",
    );
  });
});
