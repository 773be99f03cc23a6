import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import {
  Deploy, DeployProps, EgressPeer, EgressPort, ImageSigner, ImageVerify, PipelineTask, RelaxationTarget, RuleId, RunWorkspace, SecurePipeline,
  SecurePipelineRun, SecureTask, TrustDomain, WhenExpression,
} from '../../src';
import { HARDENED_SECURITY_CONTEXT, PINNED } from '../helpers/constructs';
import { runStepScript } from '../helpers/run-step';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

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
  // (it writes the source workspace, which Deploy mounts read-only: a new volume no task writes stays empty, VALID_REFERENCE)
  const other = new SecureTask(c, 'unit-test', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], steps: [{ name: 'test', image: PINNED, script: '#!/bin/sh\ntrue\n' }] });
  const tested = pipeline.addTask({ task: other, workspaces: { source: 'source' } });
  const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy', ...props });
  const task = pipeline.addTask({ task: deploy, workspaces: { manifests: 'source' }, runAfter: [tested] });
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
    expect(make({ objects: [{ resource: 'deployments', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].resource \"deployments\" is served by the API group apps, not the core group ('') that leaving apiGroup out names, so "
      + "the Role grantTo writes for it matches none of kubectl's calls (403 Forbidden) [VALID_SPEC]. Add apiGroup: 'apps' to objects[0].",
    );
    expect(make({ objects: [{ resource: 'configmaps', name: 'app' }, { resource: 'svc', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[1].resource \"svc\" is not the plural RBAC matches (services), though kubectl takes it, so the Role grantTo writes for it "
      + "matches none of kubectl's calls (403 Forbidden) [VALID_SPEC]. Write resource: 'services'.",
    );
    expect(make({ objects: [{ apiGroup: 'core', resource: 'services', name: 'app' }] })).toThrow(
      "Deploy 'test/deploy': objects[0].apiGroup \"core\" is not the core group's name, which is '', so the Role grantTo writes for it matches none of kubectl's "
      + "calls (403 Forbidden) [VALID_SPEC]. Leave apiGroup out (or write apiGroup: '') for a resource of v1; for another group, give its name without the "
      + "version (apiGroup: 'apps' for apps/v1).",
    );
    expect(make({ objects: [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }] })).not.toThrow();
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
    expect(policies.map((p) => [p.spec.podSelector.matchLabels['secure-tekton/pipeline'], p.spec.egress])).toEqual(['staging', 'production'].map((name) => [
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

const REPOSITORY = 'registry.example.com/team/app';
const VERIFIED = `sha256:${'a'.repeat(64)}`;
const PROXY = `registry.example.com/proxy@sha256:${'1'.repeat(64)}`;
const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** A pipeline that verifies the image, then runs a Deploy with `image` whose digest is `digest(verify)`. */
function verifiedApp(props: Partial<DeployProps> = {}, digest: (verify: PipelineTask, other: PipelineTask) => string = (v) => v.result('digest')) {
  const c = chart();
  const pipeline = new SecurePipeline(c, 'release', {
    parameters: [{ name: 'image' }, { name: 'digest' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }],
  });
  const verify = pipeline.addTask({
    task: new ImageVerify(c, 'image-verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'release@example.com' }) }),
    name: 'verify',
    parameters: { image: '$(params.image)' },
  });
  verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
  const other = pipeline.addTask({
    // (it writes the source workspace, which Deploy mounts read-only: VALID_REFERENCE)
    task: new SecureTask(c, 'digest-of', {
      results: [{ name: 'digest' }],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      steps: [{ name: 'd', image: PINNED, script: '#!/bin/sh\nprintf x > "$(results.digest.path)"\n' }],
    }),
    name: 'other',
    workspaces: { source: 'source' },
  });
  const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy', image: REPOSITORY, ...props });
  const task = pipeline.addTask({ task: deploy, name: 'deploy', parameters: { 'image-digest': digest(verify, other) }, workspaces: { manifests: 'source' } });
  deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'] });
  new SecurePipelineRun(c, 'run', {
    pipeline,
    parameters: { image: `${REPOSITORY}@${VERIFIED}`, digest: VERIFIED },
    workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
  });
  return { c, deploy, synth: () => Testing.synth(c) };
}

/** Runs a step of the Deploy's Task here, its /tmp/deploy in `work`. */
function runStep(task: any, name: string, work: string, values: { [reference: string]: string } = {}, extraEnv: { [name: string]: string } = {}) {
  const step = task.spec.steps.find((s: any) => s.name === name);
  return runStepScript({ ...step, script: step.script.split('/tmp/deploy').join(work) }, values, extraEnv);
}

/** The manifests as kustomize writes them (block style, keys sorted), with the images given. */
function rendered(images: string[], extra = ''): string {
  return [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  annotations:', '    note: |', '      x', '        image: evil.example/in-a-string', '  name: app',
    'spec:', '  template:', '    spec:', '      containers:',
    ...images.flatMap((image, i) => ['      - args:', '        - |', '          image: evil.example/in-an-arg', `        image: ${image}`, `        name: c${i}`]),
    extra,
  ].join('\n') + '\n';
}

describe('Deploy with image: it deploys the digest verified, whatever the manifests or a moved tag say', () => {
  const { deploy, synth } = verifiedApp({ otherImages: [PROXY] });
  const out = synth();
  const [task] = of(out, 'Task', 'deploy');
  const stepNamed = (name: string) => task.spec.steps.find((s: any) => s.name === name);

  test('the task takes the digest as a checked param, reads the manifests with kustomize, pins them in a step of its own and applies what it wrote', () => {
    expect([deploy.image, deploy.otherImages]).toEqual([REPOSITORY, [PROXY]]);
    expect(task.spec.params).toEqual([{ name: 'image-digest', type: 'string', description: `The digest of ${REPOSITORY} an ImageVerify verified, sha256:<hex>` }]);
    expect(task.spec.steps.map((s: any) => s.name)).toEqual(['validate-params', 'prepare', 'render', 'pin', 'apply']);
    expect(stepNamed('validate-params').script).toContain("grep -Eq -e '^sha256:[a-f0-9]{64}$' || fail 'image-digest' 'a sha256 digest'");
    expect(stepNamed('render').command).toEqual(['kubectl']);
    expect(stepNamed('render').args).toEqual(['kustomize', '/tmp/deploy/in', '--output=/tmp/deploy/rendered.yaml']);
    expect(stepNamed('apply').args).toEqual(['apply', '--server-side', '--field-manager=tekton-deploy', '--filename=/tmp/deploy/pinned.yaml']);
    expect(stepNamed('render').image).toBe(stepNamed('apply').image);
    expect(stepNamed('apply').image).toMatch(/^registry\.k8s\.io\/kubectl:v1\.31\.2@sha256:[a-f0-9]{64}$/);
    for (const name of ['prepare', 'pin']) expect(stepNamed(name).image).toMatch(/^docker\.io\/library\/alpine:3\.21@sha256:[a-f0-9]{64}$/);
    for (const s of task.spec.steps) expect([s.name, s.securityContext]).toEqual([s.name, HARDENED_SECURITY_CONTEXT]);
    // run-time values reach the scripts through env only
    expect(stepNamed('prepare').env).toEqual([
      { name: 'MANIFESTS', value: '$(workspaces.manifests.path)/deploy' }, { name: 'WORKSPACE', value: '$(workspaces.manifests.path)' }, { name: 'DEPLOY', value: 'test/deploy' },
    ]);
    expect(stepNamed('pin').env).toEqual([
      { name: 'REPOSITORY', value: REPOSITORY }, { name: 'DIGEST', value: '$(params.image-digest)' }, { name: 'OTHER_IMAGES', value: PROXY }, { name: 'DEPLOY', value: 'test/deploy' },
    ]);
    for (const name of ['prepare', 'pin']) expect(stepNamed(name).script).not.toMatch(/\$\((params|tasks|workspaces)\./);
  });

  test('the deploy takes the digest from the verify task\'s result: Tekton runs it after the verification, and skips it when the verification did not run', () => {
    const [pipeline] = of(out, 'Pipeline');
    expect(pipeline.spec.tasks.find((t: any) => t.name === 'deploy').params).toEqual([{ name: 'image-digest', value: '$(tasks.verify.results.digest)' }]);
  });

  test('pin, run: the repository alone becomes repository@digest, the verified reference and otherImages stay, text in strings is left alone', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-pin-'));
    fs.writeFileSync(path.join(work, 'rendered.yaml'), rendered([REPOSITORY, `'${REPOSITORY}'`, `${REPOSITORY}@${VERIFIED}`, PROXY]));
    expect(runStep(task, 'pin', work, { 'params.image-digest': VERIFIED })).toMatchObject({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(work, 'pinned.yaml'), 'utf8')).toBe(rendered([`${REPOSITORY}@${VERIFIED}`, `${REPOSITORY}@${VERIFIED}`, `${REPOSITORY}@${VERIFIED}`, PROXY]));
  });

  test('pin, run: another tag or digest of the repository, another repository, an image not in otherImages fail the task, each named with its object', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-pin-'));
    const pin = (images: string[], extra = '') => {
      fs.writeFileSync(path.join(work, 'rendered.yaml'), rendered(images, extra));
      return runStep(task, 'pin', work, { 'params.image-digest': VERIFIED });
    };
    const tagged = (image: string) => `Deploy 'test/deploy' manifest Deployment/app: image "${image}" names ${REPOSITORY} with another tag or digest than the one verified, `
      + `${VERIFIED}: the task deploys that digest only [IMAGE_DIGEST]. Write image: ${REPOSITORY} (the repository alone): the task pins it to the digest verified.\n`;
    const other = (image: string, object = 'Deployment/app') => `Deploy 'test/deploy' manifest ${object}: image "${image}" is not of ${REPOSITORY}, and not one of otherImages, `
      + `so nothing verified it [IMAGE_DIGEST]. Write image: ${REPOSITORY}, or add the image, pinned by digest, to the Deploy's otherImages.\n`;
    expect(pin([`${REPOSITORY}:v1.0.0`])).toMatchObject({ status: 1, stderr: tagged(`${REPOSITORY}:v1.0.0`) });
    expect(pin([`${REPOSITORY}@sha256:${'b'.repeat(64)}`])).toMatchObject({ status: 1, stderr: tagged(`${REPOSITORY}@sha256:${'b'.repeat(64)}`) });
    expect(pin([`${REPOSITORY}:v1@${VERIFIED}`])).toMatchObject({ status: 1, stderr: tagged(`${REPOSITORY}:v1@${VERIFIED}`) });
    expect(pin(['evil.example/x:latest'])).toMatchObject({ status: 1, stderr: other('evil.example/x:latest') });
    // a repository that merely starts alike is another one
    expect(pin([`${REPOSITORY}-debug`])).toMatchObject({ status: 1, stderr: other(`${REPOSITORY}-debug`) });
    expect(pin([`${REPOSITORY}/sidecar`])).toMatchObject({ status: 1, stderr: other(`${REPOSITORY}/sidecar`) });
    // otherImages is an exact reference: the same repository with another digest is not in it
    expect(pin([`registry.example.com/proxy@sha256:${'2'.repeat(64)}`])).toMatchObject({ status: 1, stderr: other(`registry.example.com/proxy@sha256:${'2'.repeat(64)}`) });
    // a value that is not a plain reference (an escape, a null) is refused, never read
    expect(pin([`"${REPOSITORY}\\u0040x"`])).toMatchObject({ status: 1, stderr: other(`"${REPOSITORY}\\u0040x"`) });
    expect(pin(['null'])).toMatchObject({ status: 1, stderr: other('null') });
    // kustomize writes block style: a flow collection, which could hide an image field from a line reading, fails the task; an empty one does not
    expect(pin([REPOSITORY], '      volumes: []\n      nodeSelector: {}')).toMatchObject({ status: 0, stderr: '' });
    expect(pin([REPOSITORY], '      - {image: evil.example/x, name: b}')).toMatchObject({
      status: 1,
      stderr: "Deploy 'test/deploy' manifest Deployment/app: the line \"      - {image: evil.example/x, name: b}\" of kubectl kustomize's output is in flow style, "
        + 'which this step does not read [VALID_SPEC]. Write the manifest in block style.\n',
    });
    expect(pin([REPOSITORY], '      tolerations: [{key: a}]')).toMatchObject({ status: 1, stderr: expect.stringContaining('the line "      tolerations: [{key: a}]" of') });
    // every object is checked, and named
    const pod = ['---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: debug', 'spec:', '  initContainers:', '  - image: busybox', '    name: i'].join('\n');
    expect(pin([REPOSITORY], pod)).toMatchObject({ status: 1, stderr: other('busybox', 'Pod/debug') });
  });

  test.each(['awk', 'busybox awk'])("pin, run (%s): OpenShift's image triggers and resolve-names annotations and a DeploymentConfig's ImageChange trigger fail the task, named with their object", (awk) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-pin-'));
    const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-awk-'));
    fs.writeFileSync(path.join(shims, 'awk'), `#!/bin/sh\nexec ${awk === 'awk' ? spawnSync('sh', ['-c', 'command -v awk'], { encoding: 'utf8' }).stdout.trim() : 'busybox awk'} "$@"\n`, { mode: 0o755 });
    const pin = (text: string) => {
      fs.writeFileSync(path.join(work, 'rendered.yaml'), text);
      return runStep(task, 'pin', work, { 'params.image-digest': VERIFIED }, { PATH: `${shims}:${process.env.PATH}` });
    };
    const deployment = (annotations: string[], template: string[] = []) => [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', ...(annotations.length > 0 ? ['  annotations:', ...annotations] : []), '  name: app',
      'spec:', '  template:', ...(template.length > 0 ? ['    metadata:', '      annotations:', ...template] : []),
      '    spec:', '      containers:', `      - image: ${REPOSITORY}`, '        name: app',
    ].join('\n') + '\n';
    const swapped = (object: string, what: string, fix: string) => `Deploy 'test/deploy' manifest ${object}: ${what} makes OpenShift set the image of its containers `
      + `from an ImageStreamTag after the apply, over the digest verified, ${VERIFIED} [IMAGE_DIGEST]. ${fix}: the task pins every image of ${REPOSITORY} to the digest verified.\n`;
    const triggers = '\'[{"from":{"kind":"ImageStreamTag","name":"x:latest","namespace":"attacker-ns"},"fieldPath":"spec.template.spec.containers[?(@.name==\\"app\\")].image"}]\'';
    expect(pin(deployment([`    image.openshift.io/triggers: ${triggers}`]))).toMatchObject({
      status: 1, stderr: swapped('Deployment/app', 'annotation image.openshift.io/triggers', 'Remove the annotation'),
    });
    // quoted keys (kustomize keeps a key's quotes), a block scalar value, the pod template's annotations, resolve-names
    expect(pin(deployment(['    "image.openshift.io/triggers": "[]"', "    'alpha.image.policy.openshift.io/resolve-names': '*'"]))).toMatchObject({
      status: 1,
      stderr: swapped('Deployment/app', 'annotation image.openshift.io/triggers', 'Remove the annotation')
        + swapped('Deployment/app', 'annotation alpha.image.policy.openshift.io/resolve-names', 'Remove the annotation'),
    });
    expect(pin(deployment(['    image.openshift.io/triggers: |', '      [{"from": {"kind": "ImageStreamTag", "name": "x:latest"}}]']))).toMatchObject({
      status: 1, stderr: swapped('Deployment/app', 'annotation image.openshift.io/triggers', 'Remove the annotation'),
    });
    expect(pin(deployment([], ['        alpha.image.policy.openshift.io/resolve-names: "*"']))).toMatchObject({
      status: 1, stderr: swapped('Deployment/app', 'annotation alpha.image.policy.openshift.io/resolve-names', 'Remove the annotation'),
    });
    const dc = [
      '---', 'apiVersion: apps.openshift.io/v1', 'kind: DeploymentConfig', 'metadata:', '  name: legacy', 'spec:', '  template:', '    spec:', '      containers:',
      `      - image: ${REPOSITORY}`, '        name: app', '  triggers:', '  - type: ConfigChange', '  - imageChangeParams:', '      automatic: true', '      containerNames:',
      '      - app', '      from:', '        kind: ImageStreamTag', '        name: app:latest', '    type: ImageChange',
    ].join('\n') + '\n';
    expect(pin(deployment([]) + dc)).toMatchObject({
      status: 1, stderr: swapped('DeploymentConfig/legacy', 'an ImageChange trigger in spec.triggers', 'Remove the ImageChange trigger (keep type: ConfigChange)'),
    });
    // a DeploymentConfig with its ConfigChange trigger alone, other annotations and text that only mentions them pass, pinned
    const fine = deployment(['    note: image.openshift.io/triggers', '    image.openshift.io/triggers-doc: x'], ['        description: |', '          image.openshift.io/triggers: []'])
      + dc.split('\n').slice(0, 13).join('\n') + '\n';
    expect(pin(fine)).toMatchObject({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(work, 'pinned.yaml'), 'utf8')).toBe(fine.split(`image: ${REPOSITORY}\n`).join(`image: ${REPOSITORY}@${VERIFIED}\n`));
  });

  test('a digest that is not one line of sha256:<64 hex> fails the first step, before the pin step reads it: no step continues on error', () => {
    const validate = (digest: string) => runStep(task, 'validate-params', fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-validate-')), { 'params.image-digest': digest });
    expect(validate(VERIFIED)).toMatchObject({ status: 0, stderr: '' });
    expect(validate('sha256:moved')).toMatchObject({ status: 1, stderr: 'param image-digest must be a sha256 digest\n' });
    expect(validate(`${VERIFIED}\n        securityContext: {privileged: true}`)).toMatchObject({ status: 1, stderr: 'param image-digest must be a single line\n' });
    expect(validate(`${VERIFIED}0`)).toMatchObject({ status: 1, stderr: 'param image-digest must be a sha256 digest\n' });
    // Tekton skips every step after one that failed, unless that step continues on error
    expect(task.spec.steps.map((s: any) => [s.name, s.onError])).toEqual([
      ['validate-params', undefined], ['prepare', undefined], ['render', undefined], ['pin', undefined], ['apply', undefined],
    ]);
    // the pin step reads the digest as validate-params passed it: the same param, through env
    expect(stepNamed('validate-params').env).toEqual([{ name: 'PARAM_IMAGE_DIGEST', value: '$(params.image-digest)' }]);
    expect(stepNamed('pin').env).toContainEqual({ name: 'DIGEST', value: '$(params.image-digest)' });
  });

  test('prepare, run: the files kubectl apply --recursive reads, into a kustomization of their own; a symbolic link is refused', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-prepare-'));
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-source-'));
    fs.mkdirSync(path.join(source, 'deploy', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(source, 'deploy', 'app.yaml'), 'kind: Deployment\n');
    fs.writeFileSync(path.join(source, 'deploy', 'sub', 'svc.json'), '{"kind":"Service"}\n');
    fs.writeFileSync(path.join(source, 'deploy', 'sub', 'cm.yml'), 'kind: ConfigMap\n');
    fs.writeFileSync(path.join(source, 'deploy', 'README.md'), 'not a manifest\n');
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(work, 'in', 'kustomization.yaml'), 'utf8')).toBe('resources:\n- m/1.yaml\n- m/2.yaml\n- m/3.yaml\n');
    const copied = [1, 2, 3].map((n) => fs.readFileSync(path.join(work, 'in', 'm', `${n}.yaml`), 'utf8')).sort();
    expect(copied).toEqual(['kind: ConfigMap\n', 'kind: Deployment\n', '{"kind":"Service"}\n']);
    fs.symlinkSync('/var/run/secrets/kubernetes.io/serviceaccount/token', path.join(source, 'deploy', 'token.yaml'));
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({
      status: 1,
      stderr: `Deploy 'test/deploy': the manifests hold a symbolic link, ${source}/deploy/token.yaml: kubectl would read the file it names, maybe outside the workspace [VALID_SPEC]. `
        + 'Commit the file itself.\n',
    });
    fs.rmSync(path.join(source, 'deploy'), { recursive: true });
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({
      status: 1,
      stderr: `Deploy 'test/deploy': path ${source}/deploy is no file or directory of the manifests workspace (or a symbolic link) [VALID_SPEC]. Give the path of the manifests in the workspace.\n`,
    });
    // the path itself a symbolic link to a directory (maybe outside the workspace): refused too
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-elsewhere-'));
    fs.writeFileSync(path.join(elsewhere, 'app.yaml'), 'kind: Deployment\n');
    fs.symlinkSync(elsewhere, path.join(source, 'deploy'));
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({
      status: 1,
      stderr: `Deploy 'test/deploy': path ${source}/deploy is no file or directory of the manifests workspace (or a symbolic link) [VALID_SPEC]. Give the path of the manifests in the workspace.\n`,
    });
  });

  test('prepare, run: a path whose parent in the workspace is a symbolic link out of it is refused; one that stays inside is not', () => {
    const [nested] = of(verifiedApp({ path: 'deploy/k8s' }).synth(), 'Task', 'deploy');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-prepare-'));
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-source-'));
    // deploy -> a directory outside the workspace (/ on a node), whose k8s/ kubectl would read
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-elsewhere-'));
    fs.mkdirSync(path.join(elsewhere, 'k8s'));
    fs.writeFileSync(path.join(elsewhere, 'k8s', 'app.yaml'), 'kind: Deployment\n');
    fs.symlinkSync(elsewhere, path.join(source, 'deploy'));
    expect(runStep(nested, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({
      status: 1,
      stderr: `Deploy 'test/deploy': path ${source}/deploy/k8s is ${fs.realpathSync(elsewhere)}/k8s through a symbolic link, outside the manifests workspace `
        + `${fs.realpathSync(source)} [VALID_SPEC]. Commit the directories of the path themselves, not links to them.\n`,
    });
    expect(fs.existsSync(path.join(work, 'in', 'kustomization.yaml'))).toBe(false);
    // a file named through such a parent: refused alike
    const [file] = of(verifiedApp({ path: 'deploy/k8s/app.yaml' }).synth(), 'Task', 'deploy');
    expect(runStep(file, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({
      status: 1, stderr: expect.stringContaining(`path ${source}/deploy/k8s/app.yaml is ${fs.realpathSync(elsewhere)}/k8s/app.yaml through a symbolic link`),
    });
    // a link that stays inside the workspace, and a workspace that is itself reached through a link: read
    fs.rmSync(path.join(source, 'deploy'));
    fs.mkdirSync(path.join(source, 'real', 'k8s'), { recursive: true });
    fs.writeFileSync(path.join(source, 'real', 'k8s', 'app.yaml'), 'kind: Deployment\n');
    fs.symlinkSync(path.join(source, 'real'), path.join(source, 'deploy'));
    expect(runStep(nested, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({ status: 0, stderr: '' });
    const linkedRoot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-root-')), 'manifests');
    fs.symlinkSync(source, linkedRoot);
    expect(runStep(nested, 'prepare', work, { 'workspaces.manifests.path': linkedRoot })).toMatchObject({ status: 0, stderr: '' });
    expect(fs.readFileSync(path.join(work, 'in', 'kustomization.yaml'), 'utf8')).toBe('resources:\n- m/1.yaml\n');
  });

  test('prepare, run: linear in the number of files, the programs it runs do not grow with them; same names and kustomization', () => {
    // a directory first on PATH whose programs log their name, then run the real one
    const shims = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-shims-'));
    const log = path.join(shims, 'log');
    for (const program of ['ls', 'wc', 'cp', 'sort', 'sed', 'find', 'realpath', 'head', 'cat']) {
      const real = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
      fs.writeFileSync(path.join(shims, program), `#!/bin/sh\necho ${program} >> '${log}'\nexec ${real} "$@"\n`, { mode: 0o755 });
    }
    const runs = (files: number) => {
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-prepare-'));
      const source = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-source-'));
      fs.mkdirSync(path.join(source, 'deploy'));
      for (let i = 0; i < files; i++) fs.writeFileSync(path.join(source, 'deploy', `f${String(i).padStart(3, '0')}.yaml`), `kind: ConfigMap\nmetadata: {name: c${i}}\n`);
      fs.writeFileSync(log, '');
      expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source }, { PATH: `${shims}:${process.env.PATH}` })).toMatchObject({ status: 0, stderr: '' });
      const counts: { [program: string]: number } = {};
      for (const program of fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)) counts[program] = (counts[program] ?? 0) + 1;
      expect(fs.readFileSync(path.join(work, 'in', 'kustomization.yaml'), 'utf8')).toBe(`resources:\n${Array.from({ length: files }, (_, i) => `- m/${i + 1}.yaml\n`).join('')}`);
      // the sorted order of the files, numbered from 1
      expect(fs.readFileSync(path.join(work, 'in', 'm', `${files}.yaml`), 'utf8')).toBe(`kind: ConfigMap\nmetadata: {name: c${files - 1}}\n`);
      return counts;
    };
    const few = runs(3);
    const many = runs(40);
    // one cp a file; every other program a fixed number of times
    expect(many.cp - few.cp).toBe(37);
    expect({ ...many, cp: 0 }).toEqual({ ...few, cp: 0 });
  });

  (KUBECTL ? test : test.skip)('prepare, render (the local kubectl\'s kustomize) and pin, run end to end: flow style, JSON, anchors and merge keys are read as kubectl reads them', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-e2e-'));
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-source-'));
    fs.mkdirSync(path.join(source, 'deploy'));
    fs.writeFileSync(path.join(source, 'deploy', 'app.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: app}', 'spec:', '  template:', '    spec:',
      `      initContainers: [{name: i, "image": ${REPOSITORY}}]`,
      '      containers:', `      - &c {name: a, image: '${REPOSITORY}'}`, '      - {<<: *c, name: b}',
    ].join('\n') + '\n');
    fs.writeFileSync(path.join(source, 'deploy', 'svc.json'), '{"apiVersion":"v1","kind":"Service","metadata":{"name":"app"},"spec":{"ports":[{"port":80}]}}\n');
    const render = () => {
      const step = stepNamed('render');
      return spawnSync('kubectl', step.args.map((a: string) => a.split('/tmp/deploy').join(work)), { encoding: 'utf8', env: { ...process.env, HOME: work } });
    };
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({ status: 0 });
    expect(render().status).toBe(0);
    expect(runStep(task, 'pin', work, { 'params.image-digest': VERIFIED })).toMatchObject({ status: 0, stderr: '' });
    const pinned = fs.readFileSync(path.join(work, 'pinned.yaml'), 'utf8');
    expect(pinned.match(/image: .*/g)).toEqual([`image: ${REPOSITORY}@${VERIFIED}`, `image: ${REPOSITORY}@${VERIFIED}`, `image: ${REPOSITORY}@${VERIFIED}`]);
    expect(pinned).toContain('kind: Service');
    // an image a merge key brings in is checked as kubectl would read it
    fs.writeFileSync(path.join(source, 'deploy', 'app.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: app}', 'spec:', '  template:', '    spec:',
      '      containers:', '      - {<<: {image: "evil.example/x"}, name: a}',
    ].join('\n') + '\n');
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({ status: 0 });
    expect(render().status).toBe(0);
    expect(runStep(task, 'pin', work, { 'params.image-digest': VERIFIED })).toMatchObject({ status: 1, stderr: expect.stringContaining('manifest Deployment/app: image "evil.example/x" is not of') });
    // an OpenShift image trigger written in flow style, its key quoted or escaped: kustomize writes it as a plain key
    fs.writeFileSync(path.join(source, 'deploy', 'app.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment',
      'metadata: {name: app, annotations: {"image.openshift.\\u0069o/triggers": \'[{"from":{"kind":"ImageStreamTag","name":"x:latest"}}]\'}}',
      'spec:', '  template:', '    spec:', `      containers: [{name: a, image: ${REPOSITORY}}]`,
    ].join('\n') + '\n');
    expect(runStep(task, 'prepare', work, { 'workspaces.manifests.path': source })).toMatchObject({ status: 0 });
    expect(render().status).toBe(0);
    expect(runStep(task, 'pin', work, { 'params.image-digest': VERIFIED })).toMatchObject({
      status: 1, stderr: expect.stringContaining('manifest Deployment/app: annotation image.openshift.io/triggers makes OpenShift set the image of its containers'),
    });
  });
});

describe('Deploy with image: the digest comes from a verification, or is written in the pipeline', () => {
  test('synth refuses an image-digest that no ImageVerify wrote: another task\'s result, a pipeline param', () => {
    expect(() => verifiedApp({}, (_v, other) => other.result('digest')).synth()).toThrow(
      "Deploy 'test/deploy' pipeline task 'deploy': parameters['image-digest'] \"$(tasks.other.results.digest)\" is a result of pipeline task 'other', which runs no ImageVerify, "
      + `so nothing verified the ${REPOSITORY} it deploys [VALID_REFERENCE]. Pass the digest the verification wrote: parameters: { 'image-digest': verify.result('digest') } `
      + "(the PipelineTask that runs the ImageVerify, here 'verify'), or a literal 'sha256:<64 hex>'.",
    );
    expect(() => verifiedApp({}, () => '$(params.digest)').synth()).toThrow(
      "Deploy 'test/deploy' pipeline task 'deploy': parameters['image-digest'] \"$(params.digest)\" is not the digest result of a pipeline task that runs an ImageVerify, "
      + `so nothing verified the ${REPOSITORY} it deploys [VALID_REFERENCE]. Pass the digest the verification wrote: parameters: { 'image-digest': verify.result('digest') } `
      + "(the PipelineTask that runs the ImageVerify, here 'verify'), or a literal 'sha256:<64 hex>'.",
    );
    // a digest written in the pipeline is one its authors chose
    expect(() => verifiedApp({}, () => VERIFIED).synth()).not.toThrow();
  });

  test('synth refuses an image-digest a matrix gives that no ImageVerify wrote (an include), and judges a literal by the param\'s constraint once', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', {
      parameters: [{ name: 'digest' }],
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }],
    });
    const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy', image: REPOSITORY });
    const task = pipeline.addTask({
      task: deploy, name: 'deploy', workspaces: { manifests: 'source' }, matrix: { include: [{ name: 'one', parameters: { 'image-digest': '$(params.digest)' } }] },
    });
    deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'] });
    expect(() => Testing.synth(c)).toThrow(
      "Deploy 'test/deploy' pipeline task 'deploy': matrix.include[].parameters['image-digest'] \"$(params.digest)\" is not the digest result of a pipeline task that runs an "
      + `ImageVerify, so nothing verified the ${REPOSITORY} it deploys [VALID_REFERENCE]. Pass the digest the verification wrote: parameters: { 'image-digest': `
      + "verify.result('digest') } (the PipelineTask that runs the ImageVerify), or a literal 'sha256:<64 hex>'.",
    );
    // a literal that is no digest: the constraint's refusal alone, not a second one about verification
    let message = '';
    try {
      verifiedApp({}, () => 'sha256:bad').synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('sha256:bad');
    expect(message).not.toContain('runs an ImageVerify');
  });

  test('refuses an image that is no repository with its registry, otherImages not pinned, of the image\'s repository, or without image', () => {
    const make = (props: Partial<DeployProps>) => () => new Deploy(chart(), 'deploy', { objects: OBJECTS, ...props });
    expect(make({ image: `${REPOSITORY}:v1` })).toThrow(
      `Deploy 'test/deploy': image "${REPOSITORY}:v1" is not a repository with its registry, without tag or digest, so the manifests cannot name it alike [VALID_SPEC]. `
      + `Give the repository as the manifests name it, registry first, e.g. '${REPOSITORY}': the task pins it to the digest verified.`,
    );
    expect(make({ image: 'team/app' })).toThrow(
      "Deploy 'test/deploy': image \"team/app\" is not a repository with its registry, without tag or digest, so the manifests cannot name it alike [VALID_SPEC]. "
      + "Give the repository as the manifests name it, registry first, e.g. 'registry.example.com/team/app': the task pins it to the digest verified.",
    );
    expect(make({ otherImages: [PROXY] })).toThrow(
      `Deploy 'test/deploy': otherImages "[\\"${PROXY}\\"]" is given without image, so no manifest image is checked [VALID_SPEC]. `
      + "Give image, the repository of the image the pipeline verified, e.g. image: 'registry.example.com/team/app', or leave otherImages out.",
    );
    expect(make({ image: REPOSITORY, otherImages: ['registry.example.com/proxy:v1'] })).toThrow(
      "Deploy 'test/deploy': otherImages[0] \"registry.example.com/proxy:v1\" is not an image pinned by digest, so what it runs could change after synth [IMAGE_DIGEST]. "
      + "Pin it as the manifests will name it: 'registry.example.com/proxy@sha256:<64 hex>'.",
    );
    // a digest in upper-case hex: the kubelet refuses it, so the fix lower-cases it
    expect(make({ image: REPOSITORY, otherImages: [`registry.example.com/proxy@sha256:${'AB'.repeat(32)}`] })).toThrow(
      `Deploy 'test/deploy': otherImages[0] "registry.example.com/proxy@sha256:${'AB'.repeat(32)}" has its digest in upper-case hex, which image references do not allow `
      + '(a sha256 digest is 64 lower-case hex digits): the kubelet refuses the image, so no pod can run it [VALID_SPEC]. '
      + `Write the digest in lower case: 'registry.example.com/proxy@sha256:${'ab'.repeat(32)}'.`,
    );
    expect(make({ image: REPOSITORY, otherImages: [`${REPOSITORY}@${VERIFIED}`] })).toThrow(
      `Deploy 'test/deploy': otherImages[0] "${REPOSITORY}@${VERIFIED}" is of ${REPOSITORY}, the image the task pins to the digest verified [VALID_SPEC]. `
      + "Take it out of otherImages: the manifests name image's repository alone.",
    );
  });
});

describeWithOracle('Tekton v1.15 admits a Deploy with image, and the pipeline that feeds it the digest verified', () => {
  test('the Task and the Pipeline', () => {
    const tekton = verifiedApp({ otherImages: [PROXY] }).synth().filter((o) => String(o.apiVersion).startsWith('tekton.dev/'));
    const r = runOracle(tekton);
    expect(r.verdicts.filter((v) => !v.valid).map((v) => `${v.kind} ${v.name}: ${v.errors.join('; ')}`)).toEqual([]);
    expect(r.summary.objects).toBe(tekton.length);
  });
});

/** A pipeline that verifies an image and runs a Deploy without image: `more` adds to it before synth. */
function unpinnedApp(
  more: (c: Chart, pipeline: SecurePipeline, verify: PipelineTask, deploy: Deploy) => void = () => {}, relaxations: any[] = [], embedTasks = false,
) {
  const c = chart();
  const pipeline = new SecurePipeline(c, 'release', {
    parameters: [{ name: 'image' }],
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }, ...relaxations],
    embedTasks,
  });
  const verify = pipeline.addTask({
    task: new ImageVerify(c, 'image-verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'release@example.com' }) }),
    name: 'verify',
    parameters: { image: '$(params.image)' },
  });
  verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
  const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy' });
  const task = pipeline.addTask({ task: deploy, name: 'deploy', workspaces: { manifests: 'source' }, runAfter: [verify] });
  deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'] });
  more(c, pipeline, verify, deploy);
  return () => Testing.synth(c);
}

const UNPINNED = "SecurePipeline 'test/release' task 'deploy' (Deploy 'test/deploy'): image is not given, so the task applies the manifests a workspace "
  + "holds as written, in a pipeline whose task 'verify' verifies an image with cosign: an image they name that nothing verified, or a tag moved "
  + 'after the verification, is deployed [DEPLOY_VERIFIED_IMAGE]. Give the Deploy the repository the pipeline verifies, image: '
  + "'registry.example.com/team/app' (the manifests name it alone), and pass it the digest verified: parameters: { 'image-digest': verify.result('digest') } "
  + "in its addTask. Or relax DEPLOY_VERIFIED_IMAGE with a reason in the props of SecurePipeline 'test/release': relaxations: [{ rule: RuleId.DEPLOY_VERIFIED_IMAGE, target: 'task/deploy', "
  + "reason: '<why>' }].";
const UNPINNED_REASON = 'the manifests name every image by digest, reviewed in the repository';
/** The messages of the refusals of a synth, or none. */
function refusals(synth: () => unknown): string[] {
  try {
    synth();
    return [];
  } catch (e) {
    // several refusals: one a line, indented
    return (e as Error).message.split('\n').filter((l) => l.includes('[')).map((l) => l.trim());
  }
}

describe('Deploy without image in a pipeline that verifies an image: refused until the pipeline relaxes DEPLOY_VERIFIED_IMAGE', () => {
  test('the Deploy applies the manifests as written, whatever image the verification passed: refused at synth, in the words of the Deploy\'s props', () => {
    expect(refusals(unpinnedApp())).toEqual([UNPINNED]);
  });

  test('a relaxation of the pipeline with its reason, for that pipeline task, waives it; one for another task does not', () => {
    expect(refusals(unpinnedApp(() => {}, [{ rule: RuleId.DEPLOY_VERIFIED_IMAGE, target: RelaxationTarget.task('deploy'), reason: UNPINNED_REASON }]))).toEqual([]);
    expect(refusals(unpinnedApp(() => {}, [{ rule: RuleId.DEPLOY_VERIFIED_IMAGE, target: RelaxationTarget.task('verify'), reason: UNPINNED_REASON }]))).toEqual([
      "SecurePipeline 'test/release': relaxations[1].target \"task/verify\" covers none of the findings of DEPLOY_VERIFIED_IMAGE in the objects "
      + "SecurePipeline 'test/release' writes: they are in task/deploy [RELAXATION_REASON]. Target it (target: 'task/deploy'), or leave target out to cover the whole object.",
      UNPINNED,
    ]);
  });

  test('a verification that may be skipped (when), that runs last (finally), or a when on the Deploy changes nothing: the Deploy takes no result of it', () => {
    // the verification skipped by a when expression: the Deploy, which does not take its result, still runs
    const skipped = () => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'release', {
        parameters: [{ name: 'image' }, { name: 'verify' }],
        workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
        relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }],
      });
      const verifier = new ImageVerify(c, 'image-verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'release@example.com' }) });
      const verify = pipeline.addFinally({ task: verifier, name: 'verify', parameters: { image: '$(params.image)' }, when: [WhenExpression.oneOf('$(params.verify)', ['yes'])] });
      verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy' });
      const task = pipeline.addTask({ task: deploy, name: 'deploy', workspaces: { manifests: 'source' }, when: [WhenExpression.oneOf('$(params.image)', ['x'])] });
      deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'] });
      return Testing.synth(c);
    };
    expect(refusals(skipped)).toEqual([UNPINNED]);
  });

  test('every Deploy without image of the verifying pipeline is refused; one with image, and one in a pipeline that verifies nothing, are not', () => {
    const synth = unpinnedApp((c, pipeline, verify, deploy) => {
      // the same Deploy in a pipeline that verifies no image: nothing to tie it to
      const staging = new SecurePipeline(c, 'staging', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }] });
      deploy.grantTo(staging.addTask({ task: deploy, name: 'deploy', workspaces: { manifests: 'source' } }), { apiServerCidrs: ['10.0.0.1/32'] });
      // a second Deploy without image, and one with image fed the digest verified, in the verifying pipeline
      const second = new Deploy(c, 'config', { objects: [{ resource: 'configmaps', name: 'app-config' }] });
      second.grantTo(pipeline.addTask({ task: second, name: 'config', workspaces: { manifests: 'source' } }), { apiServerCidrs: ['10.0.0.1/32'] });
      const pinned = new Deploy(c, 'pinned', { objects: [{ resource: 'services', name: 'app' }], image: REPOSITORY });
      pinned.grantTo(pipeline.addTask({ task: pinned, name: 'pinned', parameters: { 'image-digest': verify.result('digest') }, workspaces: { manifests: 'source' } }),
        { apiServerCidrs: ['10.0.0.1/32'] });
    });
    expect(refusals(synth)).toEqual([
      UNPINNED.replace("task 'deploy' (Deploy 'test/deploy')", "task 'config' (Deploy 'test/config')").replace("target: 'task/deploy'", "target: 'task/config'"),
      UNPINNED,
    ]);
  });

  test('a pipeline that embeds its tasks\' specs (embedTasks) is read alike', () => {
    expect(refusals(unpinnedApp(() => {}, [], true))).toEqual([UNPINNED]);
  });

  test('a pipeline that verifies with a task of its own (cosign verify in a script) counts too', () => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
      relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: REASON }],
    });
    const check = new SecureTask(c, 'check', { steps: [{ name: 'cosign', image: PINNED, script: '#!/bin/sh\ncosign verify --key k8s://ci/cosign registry.example.com/team/app:v1\n' }] });
    pipeline.addTask({ task: check, name: 'check-signature' });
    const deploy = new Deploy(c, 'deploy', { objects: OBJECTS, path: 'deploy' });
    deploy.grantTo(pipeline.addTask({ task: deploy, name: 'deploy', workspaces: { manifests: 'source' } }), { apiServerCidrs: ['10.0.0.1/32'] });
    expect(refusals(() => Testing.synth(c))).toEqual([
      UNPINNED.replace("whose task 'verify'", "whose task 'check-signature'"),
    ]);
  });
});
