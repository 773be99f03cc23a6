/**
 * The enforcement engine: the whole app, every finding at once, one relaxation
 * model with targets, trust from the model, and exactly what is checked is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  ApiVerb, ChainsConfig, EgressPeer, EgressPort, PostureReport, RelaxationTarget, RuleCatalogue, Relaxations, RuleId, RunWorkspace, SecurePipeline,
  SecurePipelineRun, SecureTask, SecureTektonErrors, TransparencyMode, TrustDomain,
} from '../../../src';
import * as library from '../../../src';
import { formatRefusal, SecureTektonError } from '../../../src/policy/errors';
import { PINNED, step } from '../../helpers/constructs';
import { runApp, typeErrors } from '../../helpers/readme-snippet';

/** An app with one chart that holds a construct of the library. */
function appWithLibrary(outdir?: string): { app: App; chart: Chart } {
  const app = outdir ? new App({ outdir }) : Testing.app();
  const chart = new Chart(app, 'ci', { namespace: 'ci' });
  new SecureTask(chart, 'unit', { steps: [step()] });
  return { app, chart };
}

function thrown(f: () => unknown): SecureTektonError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureTektonError) return e;
    throw e;
  }
  throw new Error('expected a SecureTektonError');
}

const CLUSTER_ADMIN_BINDING = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'ci-admin' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'ci' }],
};

const PRIVILEGED_TASK = {
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'dind' },
  spec: { steps: [{ name: 'docker', image: PINNED, script: '#!/bin/sh\ndockerd', securityContext: { privileged: true } }] },
};

describe('whole-app enforcement', () => {
  test('a raw ApiObject beside a library construct is checked: a cluster-admin binding is refused', () => {
    const { chart } = appWithLibrary();
    new ApiObject(chart, 'admin', CLUSTER_ADMIN_BINDING);
    expect(() => Testing.synth(chart)).toThrow(
      "ClusterRoleBinding 'ci/admin' 'ci-admin': kind \"ClusterRoleBinding\" is cluster-scoped [RBAC_NAMESPACED]. "
      + "Use a Role and RoleBinding in the pipeline's namespace; this rule cannot be relaxed.",
    );
  });

  test('a privileged Task written as a raw ApiObject is refused, with every other finding of the app', () => {
    const { chart } = appWithLibrary();
    new ApiObject(chart, 'dind', PRIVILEGED_TASK);
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.map((f) => f.rule)).toContain(RuleId.NOT_PRIVILEGED);
    expect(e.message.split('\n')[0]).toMatch(/^\d+ findings; nothing was written:$/);
    expect(e.message).toContain("Task 'ci/dind' 'dind' step 'docker': securityContext.privileged \"true\" is true [NOT_PRIVILEGED].");
  });

  test('cdk8s-plus objects are checked: a Secret with data and a ClusterRoleBinding (of the default ServiceAccount)', () => {
    const { chart } = appWithLibrary();
    new kplus.Secret(chart, 'token', { stringData: { token: 'hunter2' } });
    const role = kplus.ClusterRole.fromClusterRoleName(chart, 'admin-role', 'cluster-admin');
    new kplus.ClusterRoleBinding(chart, 'binding', { role }).addSubjects(kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'default'));
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.map((f) => [f.path, f.rule])).toEqual([
      ['ci/binding/Resource', RuleId.RBAC_NAMESPACED],
      ['ci/binding/Resource', RuleId.RBAC_NAMED_SUBJECTS],
      ['ci/token/Resource', RuleId.NO_SECRET_MATERIAL],
    ]);
  });

  test('an imported L1 (the generated Tekton Task class) is checked like any object', () => {
    const { chart } = appWithLibrary();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tekton = require('../../../src/imports/tekton-tekton.dev');
    new tekton.Task(chart, 'l1', { metadata: { name: 'l1' }, spec: { steps: [{ name: 's', image: 'alpine:3', script: '#!/bin/sh\ntrue' }] } });
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.filter((f) => f.path === 'ci/l1').map((f) => f.rule)).toContain(RuleId.IMAGE_DIGEST);
  });

  test('an app without any construct of the library is left alone', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'admin', CLUSTER_ADMIN_BINDING);
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('a foreign object is relaxed through Relaxations.of(...).add, with a target, and the record is written', () => {
    const { chart } = appWithLibrary();
    const dind = new ApiObject(chart, 'dind', {
      ...PRIVILEGED_TASK,
      spec: { steps: [{ name: 'docker', image: 'docker:27-dind', script: '#!/bin/sh\ntrue' }] },
    });
    Relaxations.of(dind).add({ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('docker'), reason: 'vendor publishes tags only' });
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.map((f) => f.rule)).not.toContain(RuleId.IMAGE_DIGEST);
  });
});

describe('a rule that throws (a defect of the library)', () => {
  afterEach(() => jest.restoreAllMocks());

  test('fails the synth with the rule, the object and the construct named, and the error\'s first line', () => {
    const rule = RuleCatalogue.find(RuleId.IMAGE_DIGEST)!;
    const check = rule.check.bind(rule);
    jest.spyOn(rule, 'check').mockImplementation((m: any, context?: any) => {
      if (m?.kind === 'Task') throw new TypeError("Cannot read properties of null (reading 'image')\n    at a line left out");
      return check(m, context);
    });
    const { app } = appWithLibrary();
    expect(() => app.synth()).toThrow(new Error(
      "internal error: rule IMAGE_DIGEST failed on Task/ci/unit (construct ci/unit/Resource): TypeError: Cannot read properties of null (reading 'image'); please report it",
    ));
  });
});

describe('all findings at once, sorted by construct path, in the terms of the props', () => {
  test('two constructs, three refusals: one error, grouped and sorted', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 'b-task', { steps: [step({ image: 'golang:1.22', runAsUser: 0 })] });
    new SecureTask(chart, 'a-task', { steps: [step({ allowPrivilegeEscalation: true })] });
    const e = thrown(() => Testing.synth(chart));
    expect(e.message).toBe([
      '3 findings; nothing was written:',
      "  SecureTask 'test/a-task' step 'run': allowPrivilegeEscalation \"true\" lets processes gain privileges [NO_PRIVILEGE_ESCALATION]. "
      + "Remove allowPrivilegeEscalation, or add relaxations: [{ rule: RuleId.NO_PRIVILEGE_ESCALATION, reason: '<why>' }] to step 'run'.",
      "  SecureTask 'test/b-task' step 'run': image \"golang:1.22\" is not pinned by digest [IMAGE_DIGEST]. "
      + "Pin it as \"golang@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'run'.",
      "  SecureTask 'test/b-task' step 'run': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. "
      + "Remove runAsUser (the default is UID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'run'.",
    ].join('\n'));
    expect(e.rule).toBe(RuleId.NO_PRIVILEGE_ESCALATION);
    expect(SecureTektonErrors.refusalsOf(e).map((r) => [r.path, r.rule, r.property, r.value])).toEqual([
      ['test/a-task', RuleId.NO_PRIVILEGE_ESCALATION, 'allowPrivilegeEscalation', 'true'],
      ['test/b-task', RuleId.IMAGE_DIGEST, 'image', 'golang:1.22'],
      ['test/b-task', RuleId.RUN_AS_NON_ROOT, 'runAsUser', '0'],
    ]);
  });

  test('nothing is written when synth refuses', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
    const { app, chart } = appWithLibrary(outdir);
    new Chart(app, 'first'); // an earlier chart would be written first by cdk8s
    new SecureTask(chart, 'bad', { steps: [step({ image: 'golang:1.22' })] });
    expect(() => app.synth()).toThrow(SecureTektonError);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a step relaxation covers neither another step nor a sidecar of the same name', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 't', {
      steps: [step({ name: 'a', image: 'tool:1', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'vendor publishes tags only' }] })],
      sidecars: [{ name: 'a', image: 'db:16' }],
    });
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.map((f) => [f.location, f.rule])).toEqual([["sidecar 'a'", RuleId.IMAGE_DIGEST]]);
  });

  test('formatting never throws, whatever a caller passes where a string is expected', () => {
    const circular: any = { name: 'x' };
    circular.self = circular;
    const e = new SecureTektonError({
      construct: circular, path: 'p', property: circular, value: circular, problem: 'is odd', rule: RuleId.VALID_SPEC, fix: 'Fix it.',
    } as any);
    // described as text; in the construct and the property, spaces (and the construct's quotes) escaped
    expect(e.message).toBe("<ref\\u0020*1>\\u0020{\\u0020name:\\u0020\\u0027x\\u0027,\\u0020self:\\u0020[Circular\\u0020*1]\\u0020} 'p': "
      + "<ref\\u0020*1>\\u0020{\\u0020name:\\u0020'x',\\u0020self:\\u0020[Circular\\u0020*1]\\u0020} "
      + '"<ref *1> { name: \'x\', self: [Circular *1] }" is odd [VALID_SPEC]. Fix it.');
    expect(SecureTektonErrors.refusalsOfMessage(e.message)).toEqual([{
      path: 'p', rule: RuleId.VALID_SPEC, property: "<ref *1> { name: 'x', self: [Circular *1] }", value: "<ref *1> { name: 'x', self: [Circular *1] }", message: e.message,
    }]);
    expect(() => new SecureTask(Testing.chart(), 't', { steps: [step({ relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: circular }] })] }))
      .toThrow("SecureTask 'test/t' step 'run': relaxations[0].reason \"<ref *1> { name: 'x', self: [Circular *1] }\" has fewer than 10 visible characters");
  });
});

describe('one relaxation model', () => {
  test('a reason of ten zero-width characters is refused', () => {
    expect(() => new SecureTask(Testing.chart(), 't', {
      steps: [step({ image: 'tool:1', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '\u200b'.repeat(10) + 'ok\u2060' }] })],
    })).toThrow("SecureTask 'test/t' step 'run': relaxations[0].reason \"\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200bok\u2060\" "
      + 'has fewer than 10 visible characters [RELAXATION_REASON].');
  });

  test('a reason is one line in the YAML: a line break cannot forge a second record', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 't', {
      steps: [step({ image: 'tool:1', relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'vendor tags only\n*: everything is fine' }] })],
    });
    const [task] = Testing.synth(chart);
    expect(task.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toBe('step/run: vendor tags only *: everything is fine');
  });

  test('a target that names nothing is refused with the targets that exist', () => {
    const chart = Testing.chart();
    const t = new SecureTask(chart, 't', { steps: [step({ image: 'tool:1' })] });
    Relaxations.of(t).add({ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('rnu'), reason: 'vendor publishes tags only' });
    expect(() => Testing.synth(chart)).toThrow(
      "SecureTask 'test/t': Relaxations.add[0].target \"step/rnu\" names no part of the objects SecureTask 'test/t' writes [RELAXATION_REASON]. "
      + 'Use one of: step/run, stepTemplate, or leave target out to cover the whole object.',
    );
  });

  test('a relaxation that covers nothing (the rule holds) is refused', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 't', { steps: [step({ relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'vendor publishes tags only' }] })] });
    expect(() => Testing.synth(chart)).toThrow(
      "SecureTask 'test/t' step 'run': relaxations[0].rule \"IMAGE_DIGEST\" covers nothing: IMAGE_DIGEST holds for step/run in the objects "
      + "SecureTask 'test/t' writes [RELAXATION_REASON].",
    );
  });

  test('a relaxation whose findings another relaxation covers already names that one, not that the rule holds', () => {
    const chart = Testing.chart();
    const t = new SecureTask(chart, 't', {
      steps: [step({ name: 's', runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko needs root here' }] }), step({ name: 's2' })],
    });
    Relaxations.of(t).add({ rule: RuleId.RUN_AS_NON_ROOT, reason: 'blanket waiver for later' });
    expect(() => Testing.synth(chart)).toThrow(
      "SecureTask 'test/t': Relaxations.add[0].rule \"RUN_AS_NON_ROOT\" covers nothing: what it would cover of RUN_AS_NON_ROOT in the objects SecureTask 'test/t' writes "
      + "is covered already by SecureTask 'test/t' step 's' relaxations[0] [RELAXATION_REASON]. Remove the relaxation, or the other one if this one says the reason better: "
      + 'one relaxation covers each finding.',
    );
  });

  test('a target beside the findings of its rule says where they are: another part, or the whole object', () => {
    const chart = Testing.chart();
    new SecureTask(chart, 't', {
      steps: [step({ name: 'a', image: 'tool:1' }), step({ name: 'b' })],
      relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: RelaxationTarget.step('b'), reason: 'vendor publishes tags only' }],
    });
    expect(thrown(() => Testing.synth(chart)).findings.map((f) => f.rule === RuleId.RELAXATION_REASON ? formatRefusal(f) : f.rule)).toEqual([
      "SecureTask 'test/t': relaxations[0].target \"step/b\" covers none of the findings of IMAGE_DIGEST in the objects SecureTask 'test/t' writes: "
      + "they are in step/a [RELAXATION_REASON]. Target it (target: 'step/a'), or leave target out to cover the whole object.",
      RuleId.IMAGE_DIGEST,
    ]);
    const chains = new Chart(Testing.app(), 'chains', { namespace: 'tekton-chains' });
    new ChainsConfig(chains, 'chains', {
      transparency: TransparencyMode.DISABLED,
      relaxations: [{ rule: RuleId.CHAINS_TRANSPARENCY, target: RelaxationTarget.configKey('transparency.enabled'), reason: 'no Rekor reachable from the cluster' }],
    });
    expect(thrown(() => Testing.synth(chains)).findings.map((f) => f.rule === RuleId.RELAXATION_REASON ? formatRefusal(f) : f.rule)).toEqual([
      RuleId.CHAINS_TRANSPARENCY,
      "ChainsConfig 'chains/chains': relaxations[0].target \"key/transparency.enabled\" covers none of the findings of CHAINS_TRANSPARENCY in the "
      + "objects ChainsConfig 'chains/chains' writes: they are about the whole object, not one part of it [RELAXATION_REASON]. Leave target out: "
      + "relaxations: [{ rule: RuleId.CHAINS_TRANSPARENCY, reason: '<why>' }].",
    ]);
  });

  test('the hint to relax a finding of a step or a sidecar, pasted where it says, compiles and synthesizes', () => {
    const paste = '#!/bin/sh\\necho "{{ body.pull_request.title }}"\\n';
    const app = (stepProps: string, sidecarProps: string) => "import { Testing } from 'cdk8s';\nimport { RuleId, SecureTask } from 'cdk8s-secure-tekton';\n"
      + `const PINNED = '${PINNED}';\nconst chart = Testing.chart();\n`
      + `new SecureTask(chart, 'unit', { steps: [{ name: 'run', image: PINNED, script: '${paste}' }]${stepProps} });\n`
      + `new SecureTask(chart, 'db', { steps: [{ name: 'run', image: PINNED, script: '#!/bin/sh\\necho ok\\n' }], sidecars: [{ name: 'db', image: PINNED, script: '${paste}' }]${sidecarProps} });\n`
      + 'export const manifests = Testing.synth(chart);\n';
    let message = '';
    try {
      runApp(app('', ''), library);
    } catch (e) {
      message = (e as Error).message;
    }
    const hints = message.split('\n').map((l) => / Or relax TEMPLATE_INJECTION .*$/.exec(l)?.[0]).filter((h) => h !== undefined);
    expect(hints).toEqual([
      " Or relax TEMPLATE_INJECTION with a reason in the props of SecureTask 'test/db': relaxations: [{ rule: RuleId.TEMPLATE_INJECTION, target: 'sidecar/db', reason: '<why>' }].",
      " Or relax TEMPLATE_INJECTION with a reason in the props of SecureTask 'test/unit': relaxations: [{ rule: RuleId.TEMPLATE_INJECTION, target: 'step/run', reason: '<why>' }].",
    ]);
    // each hint's text as written, in the props it names, with a reason for '<why>'
    const [sidecarHint, stepHint] = hints.map((h) => `, ${/: (relaxations: \[.*\])\.$/.exec(h!)![1].replace('<why>', 'the title is escaped by the webhook proxy')}`);
    expect(typeErrors(app(stepHint, sidecarHint))).toEqual([]);
    const tasks = (runApp(app(stepHint, sidecarHint), library) as { manifests: any[] }).manifests.filter((o) => o.kind === 'Task');
    expect(tasks.map((t) => t.metadata.annotations['secure-tekton/relax.TEMPLATE_INJECTION'])).toEqual([
      'step/run: the title is escaped by the webhook proxy',
      'sidecar/db: the title is escaped by the webhook proxy',
    ]);
  });

  test('a target in the props of a step is refused with the fix for what it says: the step itself, or another part', () => {
    const relaxed = (target: string) => () => new SecureTask(Testing.chart(), 't', {
      steps: [step({ image: 'tool:1', relaxations: [{ rule: RuleId.IMAGE_DIGEST, target, reason: 'vendor publishes tags only' }] })],
    });
    expect(relaxed('step/run')).toThrow("SecureTask 'test/t' step 'run': relaxations[0].target \"step/run\" is set on a relaxation that is already limited to "
      + "step/run [RELAXATION_REASON]. Remove the target: in the props of step 'run' a relaxation covers step 'run' already.");
    expect(relaxed('sidecar/db')).toThrow("SecureTask 'test/t' step 'run': relaxations[0].target \"sidecar/db\" is set on a relaxation that is already limited to "
      + "step/run [RELAXATION_REASON]. Remove the target to cover step 'run', or give the relaxation with this target in the props of SecureTask 'test/t': "
      + "relaxations: [{ rule: RuleId.IMAGE_DIGEST, target: 'sidecar/db', reason: '<why>' }].");
    expect(relaxed('step:run')).toThrow("SecureTask 'test/t' step 'run': relaxations[0].target \"step:run\" is set on a relaxation that is already limited to "
      + "step/run [RELAXATION_REASON]. Remove the target: in the props of step 'run' a relaxation covers step 'run'.");
  });

  test('a malformed target is refused when it is given', () => {
    expect(() => Relaxations.of(Testing.chart()).add({ rule: RuleId.IMAGE_DIGEST, target: 'step:run', reason: 'vendor publishes tags only' })).toThrow(
      "Chart 'test': Relaxations.add[0].target \"step:run\" is not a relaxation target [RELAXATION_REASON]. "
      + "Build it with RelaxationTarget, e.g. target: RelaxationTarget.step('build') ('step/build').",
    );
  });

  test('a relaxation annotation added by an escape hatch is refused: only the library writes them', () => {
    const chart = Testing.chart();
    const t = new SecureTask(chart, 't', { steps: [step({ image: 'tool:1' })] });
    t.apiObject.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'secure-tekton/relax.IMAGE_DIGEST': '*: patched in by hand' }));
    const e = thrown(() => Testing.synth(chart));
    expect(e.findings.map((f) => [f.rule, f.property])).toEqual([
      [RuleId.RELAXATION_REASON, 'metadata.annotations["secure-tekton/relax.IMAGE_DIGEST"]'],
      [RuleId.IMAGE_DIGEST, 'image'],
    ]);
  });

  describe('a record written inside an object, which Tekton copies onto the TaskRuns it creates, is refused', () => {
    const records = { 'secure-tekton/relax.RUN_AS_NON_ROOT': '*: the runs of this task need root', 'secure-tekton/seal': 'sha256:forged' };
    const problem = (key: string, value: string, what = 'relaxation record') => `${key}"] "${value}" is a ${what} inside the object: `
      + 'Tekton copies it onto the TaskRuns it creates, where the admission policies read it [RELAXATION_REASON]. '
      + "Remove the annotation; relax a rule with Relaxations.of(construct).add({ rule: RuleId.<RULE>, reason: '<why>' }), "
      + "which records it in the object's own metadata.annotations.";

    test('in the task spec a SecurePipeline embeds (a patch of its taskSpec.metadata)', () => {
      const chart = Testing.chart();
      const t = new SecureTask(chart, 't', { steps: [step()] });
      const pipeline = new SecurePipeline(chart, 'p', { embedTasks: true });
      pipeline.addTask({ task: t });
      pipeline.apiObject.addJsonPatch(JsonPatch.add('/spec/tasks/0/taskSpec/metadata', { annotations: records }));
      expect(thrown(() => Testing.synth(chart)).message.split('\n')).toEqual([
        '2 findings; nothing was written:',
        "  SecurePipeline 'test/p': spec.tasks[0].taskSpec.metadata.annotations[\"" + problem('secure-tekton/relax.RUN_AS_NON_ROOT', '*: the runs of this task need root'),
        "  SecurePipeline 'test/p': spec.tasks[0].taskSpec.metadata.annotations[\"" + problem('secure-tekton/seal', 'sha256:forged', 'seal'),
      ]);
    });

    test("in a SecurePipelineRun's taskRunSpecs[].metadata", () => {
      const chart = Testing.chart();
      const pipeline = new SecurePipeline(chart, 'p');
      pipeline.addTask({ task: new SecureTask(chart, 't', { steps: [step()] }) });
      const run = new SecurePipelineRun(chart, 'r', { pipeline });
      run.apiObject.addJsonPatch(JsonPatch.add('/spec/taskRunSpecs', [{ pipelineTaskName: 't', metadata: { annotations: { 'secure-tekton/relax.RUN_POD_OVERRIDES': '*: the build pool is dedicated' } } }]));
      expect(thrown(() => Testing.synth(chart)).message).toBe(
        "SecurePipelineRun 'test/r': spec.taskRunSpecs[0].metadata.annotations[\"" + problem('secure-tekton/relax.RUN_POD_OVERRIDES', '*: the build pool is dedicated'));
    });

    test('in a raw Pipeline of the app, finally tasks included', () => {
      const { app, chart } = appWithLibrary();
      new ApiObject(chart, 'raw', {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'raw' },
        spec: { tasks: [{ name: 'a', taskRef: { name: 'unit' } }], finally: [{ name: 'b', taskSpec: { metadata: { annotations: records }, steps: [] } }] },
      });
      expect(thrown(() => app.synthYaml()).findings.map((f) => [f.construct, f.path, f.property, f.rule])).toEqual([
        ['Pipeline', 'ci/raw', 'spec.finally[0].taskSpec.metadata.annotations["secure-tekton/relax.RUN_AS_NON_ROOT"]', RuleId.RELAXATION_REASON],
        ['Pipeline', 'ci/raw', 'spec.finally[0].taskSpec.metadata.annotations["secure-tekton/seal"]', RuleId.RELAXATION_REASON],
      ]);
    });

    test('the records the library writes in the object itself are not refused', () => {
      const chart = Testing.chart();
      const t = new SecureTask(chart, 't', { steps: [step({ runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the tool unpacks layers as root' }] })] });
      const pipeline = new SecurePipeline(chart, 'p', { embedTasks: true });
      pipeline.addTask({ task: t });
      const written = Testing.synth(chart).find((o: any) => o.kind === 'Pipeline');
      expect(written.metadata.annotations['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('task/t/step/run: the tool unpacks layers as root');
      expect(written.spec.tasks[0].taskSpec.metadata).toBeUndefined();
    });
  });
});

describe('trust from the model, never from editable metadata', () => {
  function pipelineWithTrustedPush(chart: Chart) {
    const push = new SecureTask(chart, 'push', { trusted: true, steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    const lint = new SecureTask(chart, 'lint', { steps: [step()], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    const pipeline = new SecurePipeline(chart, 'ci', {
      workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'registry', domain: TrustDomain.CREDENTIALS }],
    });
    pipeline.addTask({ task: lint, workspaces: { src: 'source' } });
    pipeline.addTask({ task: push, workspaces: { creds: 'registry' } });
    return pipeline;
  }

  test('pointing the trusted pipeline task at another Task drops the trust record, and the credentials are refused', () => {
    const chart = Testing.chart();
    const pipeline = pipelineWithTrustedPush(chart);
    pipeline.apiObject.addJsonPatch(JsonPatch.replace('/spec/tasks/1/taskRef/name', 'lint'));
    expect(() => Testing.synth(chart)).toThrow(
      "SecurePipeline 'test/ci' task 'push': workspaces.creds \"registry\" is a credentials workspace bound to a task not marked trusted [CREDENTIALS_TRUSTED_TASK].",
    );
  });

  test('a credentials workspace renamed by a patch is still known from the run that binds it to a Secret', () => {
    const chart = Testing.chart();
    const pipeline = pipelineWithTrustedPush(chart);
    new SecurePipelineRun(chart, 'run', {
      pipeline,
      workspaces: { source: RunWorkspace.emptyDir(), registry: RunWorkspace.secret('registry-push') },
    });
    // the lint task now receives the registry credential
    pipeline.apiObject.addJsonPatch(JsonPatch.add('/spec/tasks/0/workspaces/-', { name: 'extra', workspace: 'registry' }));
    const e = thrown(() => Testing.synth(chart));
    // (and the Task of lint declares no workspace "extra": Tekton would fail its TaskRun)
    expect(e.findings.map((f) => [f.location, f.rule, f.value])).toEqual([
      ["pipeline task 'lint'", RuleId.VALID_REFERENCE, 'extra'], ["task 'lint'", RuleId.CREDENTIALS_TRUSTED_TASK, 'registry'],
    ]);
  });

  describe('a workspace the model does not declare (renamed or added by a patch) counts as credentials, with no run in the app', () => {
    const lintHolds = (value: string, taskWs: string) => `SecurePipeline 'test/ci' task 'lint': workspaces "${value}" is a workspace the pipeline's props do not declare `
      + '(an escape-hatch patch renamed or added it): a run may bind a Secret to it, so it counts as a credentials workspace, which only a task trusted to run '
      + "no user code may hold [CREDENTIALS_TRUSTED_TASK]. Declare it in the props of SecurePipeline 'test/ci' with the trust domain of what runs bind to it, "
      + `e.g. workspaces: [{ name: '${value}', domain: TrustDomain.SOURCE }] for the repository's files, and bind it in addTask(...) (workspaces: { ${taskWs}: '${value}' }), `
      + "not with a patch. Or relax CREDENTIALS_TRUSTED_TASK with a reason in the props of SecurePipeline 'test/ci': relaxations: "
      + "[{ rule: RuleId.CREDENTIALS_TRUSTED_TASK, target: 'task/lint', reason: '<why>' }].";

    test('the credentials workspace renamed, and given to the untrusted task too', () => {
      const chart = Testing.chart();
      const pipeline = pipelineWithTrustedPush(chart);
      pipeline.apiObject.addJsonPatch(
        JsonPatch.replace('/spec/workspaces/1/name', 'reg2'),
        JsonPatch.replace('/spec/tasks/1/workspaces/0/workspace', 'reg2'),
        JsonPatch.replace('/spec/tasks/0/workspaces/0/workspace', 'reg2'),
      );
      expect(thrown(() => Testing.synth(chart)).message).toBe(lintHolds('reg2', 'src'));
    });

    test('a workspace added and given to the untrusted task', () => {
      const chart = Testing.chart();
      const pipeline = pipelineWithTrustedPush(chart);
      pipeline.apiObject.addJsonPatch(
        JsonPatch.add('/spec/workspaces/-', { name: 'docker-config' }),
        JsonPatch.add('/spec/tasks/0/workspaces/-', { name: 'docker-config', workspace: 'docker-config' }),
      );
      // the Task of lint declares no workspace "docker-config" either: Tekton would fail its TaskRun
      expect(thrown(() => Testing.synth(chart)).message).toBe('2 findings; nothing was written:\n'
        + '  SecurePipeline \'test/ci\' pipeline task \'lint\': workspaces "docker-config" is not a workspace of Task \'lint\' (it declares "src"): Tekton admits the '
        + 'pipeline, then fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: workspace binding "docker-config" does '
        + 'not match any declared workspace) [VALID_REFERENCE]. Give the binding the name of a workspace the Task declares ("src"), or remove it.\n'
        + `  ${lintHolds('docker-config', "'docker-config'")}`);
    });

    test('the workspaces the model declares keep their domains: the pipeline as written is accepted', () => {
      const chart = Testing.chart();
      pipelineWithTrustedPush(chart);
      expect(Testing.synth(chart).find((m: any) => m.kind === 'Pipeline').spec.workspaces.map((w: any) => w.name)).toEqual(['source', 'registry']);
    });
  });

  test('the trust decision is written as a sealed relaxation record that the audit honours as the library\'s', () => {
    const chart = Testing.chart();
    pipelineWithTrustedPush(chart);
    const manifests = Testing.synth(chart);
    const pipeline = manifests.find((m: any) => m.kind === 'Pipeline');
    expect(pipeline.metadata.annotations['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK'])
      .toBe("task/push: runs Task 'push', which SecureTask 'test/push' marks trusted: it may receive credentials workspaces");
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { generateName: 'ci-' },
      spec: { pipelineRef: { name: 'ci' }, workspaces: [{ name: 'registry', secret: { secretName: 'push' } }] },
    };
    const trustCheck = (objects: any[]) => PostureReport.fromManifests(objects).toJson()
      .objects.find((o: any) => o.kind === 'Pipeline').checks.find((c: any) => c.rule === 'CREDENTIALS_TRUSTED_TASK');
    expect(trustCheck([...manifests, run])).toMatchObject({ status: 'relaxed', relaxations: [{ target: 'task/push', recordedBy: 'library' }] });
    // an edit after synth breaks the seal: the same record now reads as a hand edit
    const edited = structuredClone(pipeline);
    edited.metadata.labels = { team: 'platform' };
    expect(trustCheck([edited, run])).toMatchObject({ status: 'relaxed', relaxations: [{ target: 'task/push', recordedBy: 'hand-edit' }] });
    // and without the record, the same YAML fails: trust is never assumed
    delete edited.metadata.annotations['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK'];
    expect(trustCheck([edited, run])).toMatchObject({ status: 'failed' });
  });
});

describe('exactly what is checked is written, once', () => {
  test('a Lazy that gives a different value on each resolution is written as it was checked', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
    const { app, chart } = appWithLibrary(outdir);
    let calls = 0;
    new ApiObject(chart, 'cm', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sneaky' },
      // harmless when checked, secret material on any later resolution
      stringData: Lazy.any({ produce: () => (calls++ === 0 ? undefined : { token: 'hunter2' }) }),
    });
    app.synth();
    const written = fs.readdirSync(outdir).flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(outdir, f), 'utf8')).map((d) => d.toJS()));
    expect(written.find((m: any) => m.kind === 'Secret')).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sneaky', namespace: 'ci' } });
    expect(calls).toBe(1);
  });

  test('app.synth() checks the app once, not once per chart', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-'));
    const app = new App({ outdir });
    let resolutions = 0;
    for (let i = 0; i < 5; i++) {
      const chart = new Chart(app, `c${i}`, { namespace: `team-${i}` });
      new SecureTask(chart, 't', { steps: [step()] });
      new ApiObject(chart, 'counted', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'm' }, data: Lazy.any({ produce: () => ({ n: String(++resolutions) }) }) });
    }
    app.synth();
    expect(resolutions).toBe(5);
    expect(fs.readdirSync(outdir)).toHaveLength(5);
  });

  test('API grants added after the run exists reach it: the token is mounted for that task, with the grant as the reason', () => {
    const chart = new Chart(Testing.app(), 'ci', { namespace: 'ci' });
    const task = new SecureTask(chart, 'deploy', { steps: [step()] });
    const pipeline = new SecurePipeline(chart, 'p');
    const deploy = pipeline.addTask({ task });
    new SecurePipelineRun(chart, 'run', { pipeline });
    deploy.grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['web-release'] });
    deploy.allowEgressTo(EgressPeer.cidr('10.96.0.1/32'), [EgressPort.tcp(443)]);
    const run = Testing.synth(chart).find((m: any) => m.kind === 'PipelineRun');
    expect(run.spec.taskRunSpecs).toEqual([{ pipelineTaskName: 'deploy', podTemplate: { automountServiceAccountToken: true } }]);
    expect(run.metadata.annotations['secure-tekton/relax.RUN_TOKEN_AUTOMOUNT']).toBe('task/deploy: API grant: get,update configmaps [web-release]');
  });

  test('egress relaxations on a pipeline reach the NetworkPolicy that needs them, and only it', () => {
    const chart = Testing.chart();
    const pipeline = new SecurePipeline(chart, 'p', { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: 'package mirrors all over the internet' }] });
    pipeline.addTask({ task: new SecureTask(chart, 'fetch', { steps: [step()] }) });
    pipeline.egress.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
    const policies = Testing.synth(chart).filter((m: any) => m.kind === 'NetworkPolicy');
    expect(policies.filter((p: any) => p.metadata.annotations).map((p: any) => p.metadata.name)).toEqual(['p-egress']);
  });
});

describe('the construct tree the engine walks', () => {
  test('a relaxation on an enclosing construct covers the foreign objects below it', () => {
    const { chart } = appWithLibrary();
    const group = new Construct(chart, 'legacy');
    new ApiObject(group, 'secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'demo' }, stringData: { k: 'v' } });
    Relaxations.of(group).add({ rule: RuleId.NO_SECRET_MATERIAL, reason: 'throw-away kind cluster for the demo' });
    const secret = Testing.synth(chart).find((m: any) => m.kind === 'Secret');
    expect(secret.metadata.annotations['secure-tekton/relax.NO_SECRET_MATERIAL']).toBe('*: throw-away kind cluster for the demo');
    expect(secret.metadata.annotations['secure-tekton/seal']).toMatch(/^sha256:/);
  });
});
