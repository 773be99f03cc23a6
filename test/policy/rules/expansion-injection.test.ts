import { describeRule, hardenedContainer, pipelineEmbedding, task, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { EXPANSION_INJECTION } from '../../../src/policy/rules/expansion-injection';
import { kubeletReferences } from '../../../src/private/substitutions';

const TOKEN = { name: 'GITHUB_TOKEN', valueFrom: { secretKeyRef: { name: 'github', key: 'token' } } };

/** A Task whose step `s` has `env`, and runs `command` with `args` (or the default script). */
const step = (fields: Record<string, any>) => task({ steps: [hardenedContainer('s', fields)] });

const summary = (m: any) => EXPANSION_INJECTION.check(m).map((f) => [f.location, f.property, f.value]);

const problem = (where: string, holders = 'GITHUB_TOKEN', name = 'GITHUB_TOKEN') => `reaches the kubelet's $(NAME) expansion${where} in a container`
  + ` whose env holds Secret values (${holders}): a caller who passes $(${name}) gets the Secret's value here`;

describe('EXPANSION_INJECTION', () => {
  describeRule(EXPANSION_INJECTION, RuleId.EXPANSION_INJECTION, Severity.HIGH, true);

  test('non-compliant: a caller\'s value in the args of a container with a Secret env var, whatever its position', () => {
    const m = step({ script: undefined, command: ['gh'], env: [TOKEN], args: ['pr', 'comment', '--body', '$(params.message)'] });
    expect(EXPANSION_INJECTION.check(m)).toEqual([{
      rule: RuleId.EXPANSION_INJECTION,
      kind: 'Task',
      name: 'build',
      location: "step 's'",
      target: 'step/s',
      property: 'args[3]',
      value: '$(params.message)',
      problem: problem(''),
    }]);
    // behind a literal prefix, after "--", in a script's "$@", in command: all expanded by the kubelet
    expect(summary(step({ script: undefined, command: ['/bin/notify', '--title=$(params.title)'], env: [TOKEN], args: ['--', 'x $(tasks.a.results.msg)'] })))
      .toEqual([["step 's'", 'command[1]', '$(params.title)'], ["step 's'", 'args[1]', '$(tasks.a.results.msg)']]);
    expect(summary(step({ script: '#!/bin/sh\necho "$1"\n', env: [TOKEN], args: ['$(params.branch)'] }))).toEqual([["step 's'", 'args[0]', '$(params.branch)']]);
    // the same text in two items: a finding for each, naming its item
    expect(summary(step({ script: undefined, command: ['terraform'], env: [TOKEN], args: ['$(params.action)', '-input=false', '$(params.action)'] })))
      .toEqual([["step 's'", 'args[0]', '$(params.action)'], ["step 's'", 'args[2]', '$(params.action)']]);
  });

  test('compliant: an env value after a Secret env var that the PipelineRun fixes for its own pipelineSpec; non-compliant: a template\'s value', () => {
    const run = (value: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'labeler', namespace: 'ci' },
      spec: {
        params: [{ name: 'model', value }],
        pipelineSpec: { params: [{ name: 'model' }], tasks: [{ name: 'label', taskSpec: taskSpec({ steps: [hardenedContainer('s', { env: [TOKEN, { name: 'MODEL', value: '$(params.model)' }] })] }) }] },
      },
    });
    expect(EXPANSION_INJECTION.check(run('gemini-2.5-flash-lite'))).toEqual([]);
    expect(summary(run('{{ body.model }}'))).toEqual([["task 'label' step 's'", 'env.MODEL', '$(params.model)']]);
  });

  test('non-compliant: a Secret env var of a pod template Tekton gives the pod (the run\'s own spec, config-defaults\'), which it adds to every step', () => {
    const podFix = (vars: string) => `Take ${vars} out of the pod template's env, which Tekton adds to every step of the pod, `
      + 'and give the Secret to the steps that need it as files (a workspace bound to the Secret, or a Vault CSI volume).';
    const container = hardenedContainer('s', { script: undefined, command: ['gh'], args: ['pr', 'comment', '--body', '$(params.message)'] });
    const taskRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'notify', namespace: 'ci' },
      spec: { podTemplate: { env: [TOKEN, { name: 'PLAIN', value: 'x' }] }, taskSpec: taskSpec({ params: [{ name: 'message' }], steps: [container] }) },
    };
    expect(EXPANSION_INJECTION.check(taskRun)).toEqual([{
      rule: RuleId.EXPANSION_INJECTION,
      kind: 'TaskRun',
      name: 'notify',
      location: "step 's'",
      target: 'step/s',
      property: 'args[3]',
      value: '$(params.message)',
      problem: problem('', 'GITHUB_TOKEN (spec.podTemplate.env)'),
      fix: podFix('GITHUB_TOKEN (spec.podTemplate.env)'),
    }]);
    // a PipelineRun's run-wide template reaches every task, a taskRunSpecs one its own; the step's own env value is expanded
    // before them (Tekton appends the template's env after the step's): MESSAGE is no finding, the args are
    const withEnv = hardenedContainer('s', { script: undefined, command: ['gh'], args: ['$(params.message)'], env: [{ name: 'MESSAGE', value: '$(params.message)' }] });
    const pipelineRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'notify', namespace: 'ci' },
      spec: {
        taskRunTemplate: { podTemplate: { env: [{ name: 'PLAIN', value: 'x' }] } },
        taskRunSpecs: [{ pipelineTaskName: 'b', podTemplate: { env: [TOKEN] } }],
        pipelineSpec: {
          tasks: [{ name: 'a', taskSpec: taskSpec({ params: [{ name: 'message' }], steps: [withEnv] }) }],
          finally: [{ name: 'b', taskSpec: taskSpec({ params: [{ name: 'message' }], steps: [withEnv] }) }],
        },
      },
    };
    expect(EXPANSION_INJECTION.check(pipelineRun).map((f) => [f.location, f.property, f.problem, f.fix])).toEqual([
      ["task 'b' step 's'", 'args[0]', problem('', "GITHUB_TOKEN (spec.taskRunSpecs['b'].podTemplate.env)"),
        podFix("GITHUB_TOKEN (spec.taskRunSpecs['b'].podTemplate.env)")],
    ]);
    // a sidecar gets no pod template env (pod.go adds it to the steps alone)
    const sidecarRun = { ...taskRun, spec: { ...taskRun.spec, taskSpec: taskSpec({ params: [{ name: 'message' }], steps: [], sidecars: [container] }) } };
    expect(EXPANSION_INJECTION.check(sidecarRun)).toEqual([]);
    // config-defaults' default-pod-template reaches every run's pods: a Task checked with it; beside the step's own Secret, both fixes
    const defaults = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-pod-template': 'env:\n  - name: NPM_TOKEN\n    valueFrom:\n      secretKeyRef: {name: npm, key: token}\n' },
    };
    const own = step({ script: undefined, command: ['gh'], env: [TOKEN], args: ['$(params.message)'] });
    expect(EXPANSION_INJECTION.check(own, ruleContext([own, defaults])).map((f) => [f.problem, f.fix])).toEqual([[
      problem('', "GITHUB_TOKEN, NPM_TOKEN (config-defaults data['default-pod-template'].env)"),
      'Give the step its Secrets as files (a workspace bound to the Secret, or a Vault CSI volume) rather than env; or pass the value through '
        + 'an env var listed before every Secret env var (and use no envFrom of a Secret) and read it in the script. '
        + podFix("NPM_TOKEN (config-defaults data['default-pod-template'].env)"),
    ]]);
    // for a run's own step, config-defaults' template is merged under the run's by name: the run's entry of a name replaces it
    const npm = (podTemplate: any) => ({ ...taskRun, spec: { ...taskRun.spec, podTemplate } });
    expect(EXPANSION_INJECTION.check(npm({}), ruleContext([npm({}), defaults])).map((f) => f.problem))
      .toEqual([problem('', "NPM_TOKEN (config-defaults data['default-pod-template'].env)", 'NPM_TOKEN')]);
    const replaced = npm({ env: [{ name: 'NPM_TOKEN', value: 'none' }] });
    expect(EXPANSION_INJECTION.check(replaced, ruleContext([replaced, defaults]))).toEqual([]);
    // a name config-defaults' default-forbidden-env lists is dropped, from its own template and from the run's
    const forbidding = { ...defaults, data: { ...defaults.data, 'default-forbidden-env': 'GITHUB_TOKEN, NPM_TOKEN' } };
    expect(EXPANSION_INJECTION.check(taskRun, ruleContext([taskRun, forbidding]))).toEqual([]);
    expect(EXPANSION_INJECTION.check(npm({}), ruleContext([npm({}), forbidding]))).toEqual([]);
    const notify = step({ script: undefined, command: ['gh'], args: ['$(params.message)'] });
    expect(EXPANSION_INJECTION.check(notify, ruleContext([notify, forbidding]))).toEqual([]);
    // a pod template without a Secret env var holds none
    const plain = { ...taskRun, spec: { ...taskRun.spec, podTemplate: { env: [{ name: 'PLAIN', value: 'x' }] } } };
    expect(EXPANSION_INJECTION.check(plain)).toEqual([]);
  });

  test('non-compliant: a Task or a Pipeline a run checked with it runs by name gets that run\'s pod template Secret env vars', () => {
    const notify = step({ script: undefined, command: ['gh'], args: ['$(params.message)'] });
    const run = (kind: string, spec: any) => ({ apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'r', namespace: 'ci' }, spec });
    const taskRun = run('TaskRun', { taskRef: { name: 'build' }, podTemplate: { env: [TOKEN] } });
    expect(EXPANSION_INJECTION.check(notify, ruleContext([notify, taskRun])).map((f) => [f.location, f.property, f.problem])).toEqual([
      ["step 's'", 'args[0]', problem('', "GITHUB_TOKEN (TaskRun 'r' spec.podTemplate.env)")],
    ]);
    // through a Pipeline: the run-wide template, and the taskRunSpecs entry of the pipeline task that runs it (not another's)
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec: { tasks: [{ name: 'n', taskRef: { name: 'build' } }] } };
    const pipelineRun = run('PipelineRun', {
      pipelineRef: { name: 'p' },
      taskRunTemplate: { podTemplate: { env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm', key: 't' } } }] } },
      taskRunSpecs: [{ pipelineTaskName: 'n', podTemplate: { env: [TOKEN] } }, { pipelineTaskName: 'other', podTemplate: { env: [{ ...TOKEN, name: 'OTHER' }] } }],
    });
    expect(EXPANSION_INJECTION.check(notify, ruleContext([notify, pipeline, pipelineRun])).map((f) => f.problem)).toEqual([
      problem('', "GITHUB_TOKEN (PipelineRun 'r' spec.taskRunSpecs['n'].podTemplate.env), NPM_TOKEN (PipelineRun 'r' spec.taskRunTemplate.podTemplate.env)"),
    ]);
    // merged by name as Tekton merges them: the task's own entry of a name replaces the run-wide one (here a plain value)
    const replaced = run('PipelineRun', {
      pipelineRef: { name: 'p' },
      taskRunTemplate: { podTemplate: { env: [{ name: 'NPM_TOKEN', valueFrom: { secretKeyRef: { name: 'npm', key: 't' } } }, TOKEN] } },
      taskRunSpecs: [{ pipelineTaskName: 'n', podTemplate: { env: [{ name: 'NPM_TOKEN', value: 'none' }] } }],
    });
    expect(EXPANSION_INJECTION.check(notify, ruleContext([notify, pipeline, replaced])).map((f) => f.problem)).toEqual([
      problem('', "GITHUB_TOKEN (PipelineRun 'r' spec.taskRunTemplate.podTemplate.env)"),
    ]);
    // a Pipeline's own task spec, run by a PipelineRun that names the Pipeline
    const embedding = pipelineEmbedding(taskSpec({ params: [{ name: 'message' }], steps: [hardenedContainer('s', { script: undefined, command: ['gh'], args: ['$(params.message)'] })] }));
    const byName = run('PipelineRun', { pipelineRef: { name: embedding.metadata.name }, taskRunTemplate: { podTemplate: { env: [TOKEN] } } });
    expect(EXPANSION_INJECTION.check(embedding, ruleContext([embedding, byName])).map((f) => [f.location, f.problem])).toEqual([
      ["task 'build' step 's'", problem('', "GITHUB_TOKEN (PipelineRun 'r' spec.taskRunTemplate.podTemplate.env)")],
    ]);
    // a run of another Task, or in another namespace, gives it nothing
    const elsewhere = { ...taskRun, metadata: { name: 'r', namespace: 'prod' } };
    const other = run('TaskRun', { taskRef: { name: 'deploy' }, podTemplate: { env: [TOKEN] } });
    expect(EXPANSION_INJECTION.check(notify, ruleContext([notify, elsewhere, other]))).toEqual([]);
  });

  test('non-compliant: an env value after a Secret env var, or beside an envFrom Secret', () => {
    const after = step({ env: [TOKEN, { name: 'MESSAGE', value: 'Build of $(params.branch)' }] });
    expect(EXPANSION_INJECTION.check(after).map((f) => [f.property, f.value, f.problem]))
      .toEqual([['env.MESSAGE', '$(params.branch)', problem(' in the value of MESSAGE')]]);
    const envFrom = step({ envFrom: [{ secretRef: { name: 'registry' } }], env: [{ name: 'MESSAGE', value: '$(params.message)' }] });
    expect(EXPANSION_INJECTION.check(envFrom).map((f) => f.problem)).toEqual([problem(' in the value of MESSAGE', "envFrom Secret 'registry'", 'NAME')]);
    // Tekton puts a step's own env first and the stepTemplate's other entries after it: MESSAGE comes before the template's
    // Secret, REF after it; the template is judged in the steps it is merged into
    const templated = task({
      stepTemplate: { env: [TOKEN, { name: 'REF', value: '$(params.ref)' }] },
      steps: [hardenedContainer('s', { env: [{ name: 'MESSAGE', value: '$(params.message)' }] })],
    });
    expect(EXPANSION_INJECTION.check(templated).map((f) => [f.location, f.property, f.value, f.problem]))
      .toEqual([["step 's'", 'env.REF', '$(params.ref)', problem(' in the value of REF (set by the stepTemplate)')]]);
    // a template's value after the Secrets of a step's envFrom; a template value after the step's own Secret
    expect(summary(task({ stepTemplate: { env: [{ name: 'BRANCH', value: '$(params.branch)' }] }, steps: [hardenedContainer('s', { envFrom: [{ secretRef: { name: 'git' } }] })] })))
      .toEqual([["step 's'", 'env.BRANCH', '$(params.branch)']]);
    expect(summary(task({ stepTemplate: { env: [{ name: 'BRANCH', value: '$(params.branch)' }] }, steps: [hardenedContainer('s', { env: [TOKEN] })] })))
      .toEqual([["step 's'", 'env.BRANCH', '$(params.branch)']]);
    // the step's envFrom replaces the template's
    expect(summary(task({ stepTemplate: { envFrom: [{ secretRef: { name: 'git' } }] }, steps: [hardenedContainer('s', { envFrom: [{ configMapRef: { name: 'c' } }], env: [{ name: 'M', value: '$(params.m)' }] })] })))
      .toEqual([]);
    // embedded in a pipeline task
    expect(summary(pipelineEmbedding(taskSpec({ steps: [hardenedContainer('s', { env: [TOKEN, { name: 'M', value: '$(params.m)' }] })] }))))
      .toEqual([["task 'build' step 's'", 'env.M', '$(params.m)']]);
  });

  test('compliant: no Secret in env, values Tekton fixes, env values defined before the Secret, and what the kubelet pastes', () => {
    expect(summary(step({ script: undefined, command: ['gh'], args: ['--body', '$(params.message)'] }))).toEqual([]);
    expect(summary(step({ script: undefined, command: ['gh'], env: [{ name: 'CFG', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }], args: ['$(params.m)'] }))).toEqual([]);
    expect(summary(step({ script: undefined, command: ['tool'], env: [TOKEN], args: ['--dir=$(workspaces.src.path)', '--task=$(context.taskRun.name)'] }))).toEqual([]);
    // MESSAGE is defined before the Secret: its $(GITHUB_TOKEN) stays as written; and $(MESSAGE) is pasted, not expanded again
    expect(summary(step({ script: undefined, command: ['notify'], env: [{ name: 'MESSAGE', value: '$(params.m)' }, TOKEN], args: ['--body=$(MESSAGE)'] }))).toEqual([]);
    // scripts are written to files, never expanded
    expect(summary(step({ script: '#!/bin/sh\necho "$(params.m)"\n', env: [TOKEN] }))).toEqual([]);
    // the rule's own fix: a step's value comes before the stepTemplate's Secret
    expect(summary(task({ stepTemplate: { env: [TOKEN] }, steps: [hardenedContainer('s', { env: [{ name: 'X', value: '$(params.x)' }] })] }))).toEqual([]);
    // a step result is replaced by the entrypoint when the step starts, after the kubelet
    expect(summary(step({ script: undefined, command: ['/ko-app/notify', '--digest=$(steps.build.results.digest)'], env: [TOKEN] }))).toEqual([]);
    // the secret of another container does not count
    expect(summary(task({ steps: [hardenedContainer('a', { env: [TOKEN] }), hardenedContainer('b', { script: undefined, command: ['x'], args: ['$(params.m)'] })] }))).toEqual([]);
  });

  test('a sidecar and a StepAction are read the same way', () => {
    const sidecar = task({ steps: [hardenedContainer('s')], sidecars: [hardenedContainer('proxy', { script: undefined, command: ['proxy'], env: [TOKEN], args: ['--upstream=$(params.url)'] })] });
    expect(summary(sidecar)).toEqual([["sidecar 'proxy'", 'args[0]', '$(params.url)']]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'comment' }, spec: { image: 'x', command: ['gh'], args: ['$(params.body)'], env: [TOKEN] } };
    expect(EXPANSION_INJECTION.check(action).map((f) => [f.target, f.property, f.value])).toEqual([['step/comment', 'args[0]', '$(params.body)']]);
  });

  test('a StepAction runs with the stepTemplate of the Task that runs it: its Secret reaches the StepAction\'s args', () => {
    const notify = {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: 'notify' },
      spec: { params: [{ name: 'msg' }], image: 'x', command: ['curl', '--data-urlencode', 'text=$(params.msg)', 'https://chat.example.com/hook'] },
    };
    const runner = task({
      params: [{ name: 'message' }],
      stepTemplate: { env: [TOKEN] },
      steps: [{ name: 'notify', ref: { name: 'notify' }, params: [{ name: 'msg', value: '$(params.message)' }] }],
    });
    const context = ruleContext([runner, notify]);
    expect(EXPANSION_INJECTION.check(notify, context)).toEqual([]);
    // the StepAction's command as written, and what the value the step passes to its param makes of it
    expect(EXPANSION_INJECTION.check(runner, context)).toEqual([{
      rule: RuleId.EXPANSION_INJECTION,
      kind: 'Task',
      name: 'build',
      location: "step 'notify'",
      target: 'step/notify',
      property: 'command[2]',
      value: '$(params.msg)',
      problem: "reaches the kubelet's $(NAME) expansion in a container whose env holds Secret values (GITHUB_TOKEN): a caller who passes "
        + "$(GITHUB_TOKEN) gets the Secret's value here (in StepAction 'notify', which this step runs, where \"$(params.msg)\" becomes \"$(params.message)\": "
        + 'the value this step passes to param msg)',
    }]);
    // without the Task's Secret, nothing
    expect(EXPANSION_INJECTION.check(task({ steps: [{ name: 'notify', ref: { name: 'notify' } }] }), context)).toEqual([]);
    // a literal the step passes to the StepAction's param is no caller's value
    const literal = task({ stepTemplate: { env: [TOKEN] }, steps: [{ name: 'notify', ref: { name: 'notify' }, params: [{ name: 'msg', value: 'build done' }] }] });
    expect(EXPANSION_INJECTION.check(literal, ruleContext([literal, notify]))).toEqual([]);
    // the step keeps its own envFrom beside ref (Tekton's resolveStepRef puts only the StepAction's image, command, args, script, env ... in)
    const withEnvFrom = task({ params: [{ name: 'message' }], steps: [{ name: 'notify', ref: { name: 'notify' }, envFrom: [{ secretRef: { name: 'chat' } }], params: [{ name: 'msg', value: '$(params.message)' }] }] });
    expect(EXPANSION_INJECTION.check(withEnvFrom, ruleContext([withEnvFrom, notify])).map((f) => [f.location, f.property, f.value])).toEqual([["step 'notify'", 'command[2]', '$(params.msg)']]);
  });

  test('a StepAction not at hand (a resolver\'s, or not checked with the Task) runs with the stepTemplate too: its env is judged alone', () => {
    const chosen = { name: 'URL', value: '$(params.url)' };
    const under = '(from the stepTemplate or what the step keeps beside ref, which Tekton merges into the StepAction this step runs)';
    for (const ref of [{ name: 'notify' }, { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/r.git' }] }]) {
      const runner = task({ params: [{ name: 'url' }], stepTemplate: { env: [TOKEN, chosen] }, steps: [{ name: 'notify', ref }] });
      expect(EXPANSION_INJECTION.check(runner).map((f) => [f.target, f.property, f.value, f.problem])).toEqual([[
        'step/notify', 'env.URL', '$(params.url)', `${problem(' in the value of URL (set by the stepTemplate)')} ${under}`,
      ]]);
      // the caller's value before the Secret: the kubelet expands an env value from those before it only
      expect(EXPANSION_INJECTION.check(task({ params: [{ name: 'url' }], stepTemplate: { env: [chosen, TOKEN] }, steps: [{ name: 'notify', ref }] }))).toEqual([]);
    }
    // what the step keeps beside ref: its envFrom Secret under the stepTemplate's value
    const withEnvFrom = task({ params: [{ name: 'url' }], stepTemplate: { env: [chosen] }, steps: [{ name: 'notify', ref: { name: 'notify' }, envFrom: [{ secretRef: { name: 'chat' } }] }] });
    expect(EXPANSION_INJECTION.check(withEnvFrom).map((f) => [f.target, f.property, f.problem])).toEqual([[
      'step/notify', 'env.URL', `${problem(' in the value of URL (set by the stepTemplate)', "envFrom Secret 'chat'", 'NAME')} ${under}`,
    ]]);
  });
});

describe('EXPANSION_INJECTION: a TriggerTemplate\'s value, which Tekton Triggers pastes in with each $( escaped as $$(', () => {
  // triggers v0.37.0 escapeTektonVariables writes the event's $( as $$(, which the kubelet reads as a literal $(: the payload that works is
  // $$(GITHUB_TOKEN), pasted as $$$(GITHUB_TOKEN), a $ then the token (a Go replica of escapeTektonVariables and the kubelet's Expand gives "$<token>")
  test('non-compliant, with the payload that survives the escape; a param beside it keeps the caller\'s $(NAME)', () => {
    // a TaskRun of a TriggerTemplate's resourcetemplates, as the audit reads one
    const template = {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { generateName: 'comment-', namespace: 'ci' },
      spec: {
        taskSpec: taskSpec({
          params: [{ name: 'branch' }],
          steps: [hardenedContainer('post', { env: [TOKEN, { name: 'TITLE', value: '$(tt.params.title)' }, { name: 'BRANCH', value: '$(params.branch)' }] })],
        }),
      },
    };
    expect(EXPANSION_INJECTION.check(template).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['env.TITLE', '$(tt.params.title)', "reaches the kubelet's $(NAME) expansion in the value of TITLE in a container whose env holds Secret values (GITHUB_TOKEN):"
        + " a sender who puts $$(GITHUB_TOKEN) in the event's value gets the Secret's value here (Tekton Triggers writes each $( of the value as $$(,"
        + ' which the kubelet reads as a literal $(, so a $$( sent arrives as $$$(: a $, then the expansion)'],
      ['env.BRANCH', '$(params.branch)', problem(' in the value of BRANCH')],
    ]);
  });
});

describe('EXPANSION_INJECTION: object params the run in the same manifest fixes', () => {
  test('compliant: an object\'s key the TaskRun fixes; non-compliant: its key a TriggerTemplate fills in, and the key a task default gives in a Task', () => {
    const spec = taskSpec({
      params: [{ name: 'pr', type: 'object', properties: { body: {}, repo: {} }, default: { repo: 'tektoncd/chains' } }],
      steps: [hardenedContainer('s', { script: undefined, command: ['gh'], env: [TOKEN], args: ['pr', 'comment', '--repo', '$(params.pr.repo)', '--body', '$(params.pr.body)'] })],
    });
    const run = (body: string) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'notify', namespace: 'ci' }, spec: { params: [{ name: 'pr', value: { body } }], taskSpec: spec } });
    expect(EXPANSION_INJECTION.check(run('Release done'))).toEqual([]);
    expect(summary(run('$(tt.params.body)'))).toEqual([["step 's'", 'args[5]', '$(params.pr.body)']]);
    // the value Tekton Triggers pastes there is the event's, each $( written $$(: the payload that works is $$(NAME)
    expect(EXPANSION_INJECTION.check(run('$(tt.params.body)')).map((f) => f.problem)).toEqual([
      "reaches the kubelet's $(NAME) expansion in a container whose env holds Secret values (GITHUB_TOKEN): a sender who puts $$(GITHUB_TOKEN) in the"
      + ' event\'s value of $(tt.params.body) (the run gives params.pr.body "$(tt.params.body)") gets the Secret\'s value here (Tekton Triggers writes'
      + ' each $( of the value as $$(, which the kubelet reads as a literal $(, so a $$( sent arrives as $$$(: a $, then the expansion)',
    ]);
    // a PipelineRun of a TriggerTemplate: the event's value through the pipeline's param and the pipeline task's
    const pipelineRun = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { generateName: 'notify-', namespace: 'ci' },
      spec: {
        params: [{ name: 'title', value: 'PR $(tt.params.title)' }],
        pipelineSpec: {
          params: [{ name: 'title' }],
          tasks: [{
            name: 'notify',
            params: [{ name: 'message', value: '$(params.title)' }],
            taskSpec: taskSpec({
              params: [{ name: 'message' }],
              steps: [hardenedContainer('s', { script: undefined, command: ['gh'], env: [TOKEN], args: ['issue', 'comment', '--body', '$(params.message)'] })],
            }),
          }],
        },
      },
    };
    expect(EXPANSION_INJECTION.check(pipelineRun).map((f) => [f.property, f.value, f.problem])).toEqual([['args[3]', '$(params.message)',
      "reaches the kubelet's $(NAME) expansion in a container whose env holds Secret values (GITHUB_TOKEN): a sender who puts $$(GITHUB_TOKEN) in the"
      + ' event\'s value of $(tt.params.title) (the run gives params.message "PR $(tt.params.title)") gets the Secret\'s value here (Tekton Triggers writes'
      + ' each $( of the value as $$(, which the kubelet reads as a literal $(, so a $$( sent arrives as $$$(: a $, then the expansion)']]);
    // a run's own constant that holds a caller's param (not the event's) keeps the caller's $(NAME)
    expect(EXPANSION_INJECTION.check(task(spec)).map((f) => f.problem)).toEqual([problem(''), problem('')]);
    expect(summary(task(spec))).toEqual([["step 's'", 'args[3]', '$(params.pr.repo)'], ["step 's'", 'args[5]', '$(params.pr.body)']]);
  });
});

describe('kubeletReferences', () => {
  test('reads $(NAME) as the kubelet expands it: $$ is one literal $, the name runs to the first )', () => {
    expect([...kubeletReferences('a $(X) b')]).toEqual([[2, 'X']]);
    expect([...kubeletReferences('$$(X)')]).toEqual([]);
    expect([...kubeletReferences('$$$(X)')]).toEqual([[2, 'X']]);
    expect([...kubeletReferences('$$$$(X)')]).toEqual([]);
    // a $( inside a reference's name, an unclosed one, a lone $ and a $ before another character
    expect([...kubeletReferences('$($(X))')]).toEqual([[0, '$(X']]);
    expect([...kubeletReferences('$(X $(Y)')]).toEqual([[0, 'X $(Y']]);
    expect([...kubeletReferences('$( $a$(Y) $')]).toEqual([[0, ' $a$(Y']]);
    expect([...kubeletReferences('p $(q $$r')]).toEqual([]);
    expect([...kubeletReferences('$x$(Y)')]).toEqual([[2, 'Y']]);
  });
});
