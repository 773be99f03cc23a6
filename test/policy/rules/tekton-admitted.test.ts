import { describeRule } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { SCRIPT_INJECTION } from '../../../src/policy/rules/script-injection';
import { TEKTON_ADMITTED } from '../../../src/policy/rules/tekton-admitted';
import { VALID_REFERENCE } from '../../../src/policy/rules/valid-reference';
import { describeWithOracle, runOracle } from '../../helpers/tekton-oracle';

const IMAGE = 'docker.io/library/alpine:3.21@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';
const STEPS = { steps: [{ name: 's', image: IMAGE, script: '#!/bin/sh\ntrue' }] };
/** A pipeline task that embeds a one-step Task, `more` on top. */
const pt = (name: string, more: Record<string, unknown> = {}) => ({ name, taskSpec: STEPS, ...more });
const pipeline = (spec: Record<string, unknown>) => ({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p', namespace: 'ci' }, spec });
/** A feature-flags ConfigMap that turns on CEL in when expressions, which CASES and the pipeline admitted use. */
const CEL_ON = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-cel-in-whenexpression': 'true' } };
const REFUSED = 'Tekton\'s webhook refuses the Pipeline, so it is never created (kubectl apply fails with admission webhook '
  + '"validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ';

/** Two tasks depending on three names that are no tasks (one in a result reference): Tekton's webhook names one of them. */
const SEVERAL_MISSING = pipeline({
  tasks: [pt('build', { runAfter: ['test', 'lint'] }), pt('push', { params: [{ name: 'src', value: '$(tasks.fetch.results.dir)' }] })],
});
/** Each check: the pipeline, and its one finding's property, value, what is wrong and Tekton's error (quoted). */
const CASES: Array<[string, any, { property: string; value?: string; what: string; tekton: string; fix: string }]> = [
  ['a pipeline task binds a workspace the Pipeline does not declare', pipeline({ workspaces: [{ name: 'workdir' }], tasks: [pt('a', { workspaces: [{ name: 'output', workspace: 'shared' }] })] }), {
    property: 'spec.tasks[0].workspaces[0].workspace',
    value: 'shared',
    what: 'is not a workspace of the pipeline (its spec.workspaces declares "workdir")',
    tekton: 'invalid value: pipeline task "a" expects workspace with name "shared" but none exists in pipeline spec: spec.tasks[0].workspaces[0]',
    fix: 'Declare it in the pipeline\'s workspaces (- name: shared), or bind the pipeline task\'s workspace output to a workspace the pipeline declares (workspace: <name>).',
  }],
  ['a pipeline param whose default is of another type than the type Tekton gives it (properties make it an object)', pipeline({
    params: [{ name: 'git', properties: { url: {} }, default: 'https://example.com/app.git' }],
    tasks: [pt('a', {})],
  }), {
    property: 'spec.params[0].default',
    value: '"https://example.com/app.git"',
    what: 'is a string, and the param\'s type is object: Tekton\'s webhook requires a default of the param\'s type',
    tekton: '"object" type does not match default value\'s type: "string": spec.finally.params.git.default.type, spec.finally.params.git.type, '
      + 'spec.tasks.params.git.default.type, spec.tasks.params.git.type',
    fix: 'Give the param git a default of type object, or declare it with type: string.',
  }],
  ['a binding without workspace names an undeclared one', pipeline({ tasks: [pt('a', { workspaces: [{ name: 'output' }] })] }), {
    property: 'spec.tasks[0].workspaces[0].name',
    value: 'output',
    what: 'is not a workspace of the pipeline (its spec.workspaces declares none)',
    tekton: 'invalid value: pipeline task "a" expects workspace with name "output" but none exists in pipeline spec: spec.tasks[0].workspaces[0]',
    fix: 'Declare it in the pipeline\'s workspaces (- name: output), or bind the pipeline task\'s workspace output to a workspace the pipeline declares (workspace: <name>).',
  }],
  ['a pipeline task binds one workspace twice', pipeline({ workspaces: [{ name: 'w' }], tasks: [pt('a', { workspaces: [{ name: 'o', workspace: 'w' }, { name: 'o', workspace: 'w' }] })] }), {
    property: 'spec.tasks[0].workspaces[1].name',
    value: 'o',
    what: 'is bound twice in the pipeline task: each workspace of its Task takes one binding',
    tekton: 'workspace name "o" must be unique: spec.tasks[0].workspaces[1]',
    fix: 'Remove the second binding of o from the pipeline task\'s workspaces.',
  }],
  ['a workspace declared twice', pipeline({ workspaces: [{ name: 'w' }, { name: 'w' }], tasks: [pt('a')] }), {
    property: 'spec.workspaces[1].name',
    value: 'w',
    what: 'is the name of another workspace of the pipeline: each is declared once',
    tekton: 'invalid value: workspace with name "w" appears more than once: spec.workspaces[1]',
    fix: 'Remove the second declaration of the workspace w, or give it another name.',
  }],
  ['a workspace without a name', pipeline({ workspaces: [{ name: '' }], tasks: [pt('a')] }), {
    property: 'spec.workspaces[0].name',
    value: '',
    what: 'is empty: a pipeline workspace needs a name',
    tekton: 'invalid value: workspace 0 has empty name: spec.workspaces[0]',
    fix: 'Name the workspace (workspaces: - name: <name>), or remove the entry 0.',
  }],
  ['finally tasks without tasks', pipeline({ finally: [pt('f')] }), {
    property: 'spec.finally',
    what: 'holds tasks while the pipeline has no tasks: finally tasks run after the tasks, and Tekton requires at least one',
    tekton: 'invalid value: spec.tasks is empty but spec.finally has 1 tasks: spec.finally',
    fix: 'Move the finally tasks into the pipeline\'s tasks (tasks: - name: ...), or add the task they follow.',
  }],
  ['a pipeline task name that is not a DNS-1123 label', pipeline({ tasks: [pt('Build_Image')] }), {
    property: 'spec.tasks[0].name',
    value: 'Build_Image',
    what: 'is not a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit, at most 63 characters)',
    tekton: 'invalid value "Build_Image": spec.tasks[0].name',
    fix: 'Name the pipeline task with a DNS-1123 label, e.g. name: build-image, and the references to it ($(tasks.Build_Image.…), runAfter) the same.',
  }],
  ['a finally task named as a task', pipeline({ tasks: [pt('a')], finally: [pt('a')] }), {
    property: 'spec.finally[0].name',
    value: 'a',
    what: 'is the name of another pipeline task of the pipeline (its tasks and finally tasks share one set of names)',
    tekton: 'expected exactly one, got both: spec.finally[0].name',
    fix: 'Give each pipeline task its own name, and make the runAfter and $(tasks.<name>.…) references name the one they mean.',
  }],
  ['a pipeline task with taskRef and taskSpec', pipeline({ tasks: [pt('a', { taskRef: { name: 't' } })] }), {
    property: 'spec.tasks[0].taskSpec',
    what: 'is given beside taskRef: a pipeline task runs one Task, referenced or embedded',
    tekton: 'expected exactly one, got multiple: spec.tasks[0].taskRef, spec.tasks[0].taskSpec',
    fix: 'Keep either taskRef or taskSpec in the pipeline task \'a\'.',
  }],
  ['a pipeline task with neither', pipeline({ tasks: [{ name: 'a' }] }), {
    property: 'spec.tasks[0].taskRef',
    what: 'is not given, nor is taskSpec: the pipeline task runs nothing',
    tekton: 'expected exactly one, got neither: spec.tasks[0].taskRef, spec.tasks[0].taskSpec',
    fix: 'Give the pipeline task \'a\' taskRef: { name: <Task> } or taskSpec: { steps: [...] }.',
  }],
  ['a param given twice', pipeline({ tasks: [pt('a', { params: [{ name: 'x', value: 'a' }, { name: 'x', value: 'b' }] })] }), {
    property: 'spec.tasks[0].params[1].name',
    value: 'x',
    what: 'is given twice in the pipeline task\'s params',
    tekton: 'parameter names must be unique, the parameter "x" is also defined at: spec.tasks[0].params[1].name',
    fix: 'Give the param x once in the pipeline task\'s params.',
  }],
  ['a when operator Tekton does not know', pipeline({ tasks: [pt('a', { when: [{ input: 'a', operator: 'equals', values: ['a'] }] })] }), {
    property: 'spec.tasks[0].when[0].operator',
    value: 'equals',
    what: 'is not an operator of when expressions: Tekton knows in and notin',
    tekton: 'invalid value: operator "equals" is not recognized. valid operators: in,notin: spec.tasks[0].when[0]',
    fix: 'Write operator: in (the input is one of the values) or operator: notin.',
  }],
  ['a when expression without values', pipeline({ tasks: [pt('a', { when: [{ input: 'a', operator: 'in', values: [] }] })] }), {
    property: 'spec.tasks[0].when[0].values',
    value: '[]',
    what: 'is empty: a when expression compares its input with at least one value',
    tekton: 'invalid value: expecting non-empty values field: spec.tasks[0].when[0]',
    fix: 'Give the when expression its values (values: [<value>, ...]), or remove it.',
  }],
  ['a finally task with runAfter', pipeline({ tasks: [pt('a')], finally: [pt('f', { runAfter: ['a'] })] }), {
    property: 'spec.finally[0].runAfter',
    value: '["a"]',
    what: 'is given on a finally task: finally tasks run after every task, in parallel',
    tekton: 'invalid value: no runAfter allowed under spec.finally, final task f has runAfter specified: spec.finally[0]',
    fix: 'Remove runAfter from the finally task \'f\'; to run it after another finally task, make both one task, or move the other into the pipeline\'s tasks.',
  }],
  ['a finally task reads a result of another finally task', pipeline({ tasks: [pt('a')], finally: [pt('f'), pt('g', { params: [{ name: 'x', value: '$(finally.f.results.r)' }] })] }), {
    property: 'spec.finally[1].params[x].value',
    value: '$(finally.f.results.r)',
    what: 'refers to a result of the finally task \'f\': finally tasks run in parallel, so none can read another\'s results',
    tekton: 'invalid value: invalid task result reference, final task has task result reference from a final task f: spec.finally[1].params[x].value',
    fix: 'Refer to a result of a pipeline task of the pipeline\'s tasks, or move \'f\' into the pipeline\'s tasks.',
  }],
  ['a finally task reads a result of a task the pipeline does not have', pipeline({ tasks: [pt('a')], finally: [pt('g', { when: [{ input: '$(tasks.zz.results.r)', operator: 'in', values: ['x'] }] })] }), {
    property: 'spec.finally[0].when[0]',
    value: '$(tasks.zz.results.r)',
    what: 'refers to a result of \'zz\', which is no task of the pipeline',
    tekton: 'invalid value: invalid task result reference, final task has task result reference from a task zz which is not defined in the pipeline: spec.finally[0].when[0]',
    fix: 'Refer to a result of a task the pipeline\'s tasks name (\'a\').',
  }],
  ['runAfter names no task', pipeline({ tasks: [pt('a', { runAfter: ['b'] })] }), {
    property: 'spec.tasks[0].runAfter',
    value: 'b',
    what: 'names \'b\', which is no task of the pipeline\'s tasks',
    tekton: 'invalid value: couldn\'t add link between a and b: task a depends on b but b wasn\'t present in Pipeline: spec.tasks',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'), or remove the runAfter entry.',
  }],
  ['a result reference to a finally task from a task', pipeline({ tasks: [pt('a', { params: [{ name: 'x', value: '$(tasks.f.results.r)' }] })], finally: [pt('f')] }), {
    property: 'spec.tasks[0].params',
    value: 'f',
    what: 'refers to a result of \'f\', which is no task of the pipeline\'s tasks (it is a finally task, which runs after them all)',
    tekton: 'invalid value: couldn\'t add link between a and f: task a depends on f but f wasn\'t present in Pipeline: spec.tasks',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'), or remove the reference.',
  }],
  ['a task reads a result of a finally task, which dag.Build counts as a dependency', pipeline({ tasks: [pt('a', { params: [{ name: 'x', value: '$(finally.f.results.r)' }] })], finally: [pt('f')] }), {
    property: 'spec.tasks[0].params',
    value: 'f',
    what: 'refers to a result of \'f\', which is no task of the pipeline\'s tasks (it is a finally task, which runs after them all)',
    tekton: 'invalid value: couldn\'t add link between a and f: task a depends on f but f wasn\'t present in Pipeline: spec.tasks',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'), or remove the reference.',
  }],
  ['a cycle through a result reference and runAfter', pipeline({ tasks: [pt('b', { runAfter: ['a'] }), pt('a', { taskSpec: { steps: [{ ...STEPS.steps[0], script: '#!/bin/sh\necho $(tasks.b.results.r)' }] } })] }), {
    property: 'spec.tasks[1].taskSpec',
    value: 'b',
    what: 'makes the pipeline task depend on \'b\', and what it depends on leads back to it (through runAfter or $(tasks.<name>.results.…) references): the tasks form a cycle',
    tekton: 'invalid value: cycle detected; task "a" depends on "b": spec.tasks',
    fix: 'Remove the runAfter entry or the result reference that closes the cycle, so that every task runs after the tasks it depends on.',
  }],
  ['a dependency in a when expression on no task', pipeline({ tasks: [pt('a', { when: [{ input: '$(tasks.zz.results.r)', operator: 'in', values: ['x'] }] })] }), {
    property: 'spec.tasks[0].when',
    value: 'zz',
    what: 'refers to a result of \'zz\', which is no task of the pipeline\'s tasks',
    tekton: 'invalid value: couldn\'t add link between a and zz: task a depends on zz but zz wasn\'t present in Pipeline: spec.tasks',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'), or remove the reference.',
  }],
  ['a dependency in a matrix param on no task', pipeline({ tasks: [pt('a', { matrix: { params: [{ name: 'm', value: ['x', '$(tasks.zz.results.r)'] }] } })] }), {
    property: 'spec.tasks[0].matrix',
    value: 'zz',
    what: 'refers to a result of \'zz\', which is no task of the pipeline\'s tasks',
    tekton: 'invalid value: couldn\'t add link between a and zz: task a depends on zz but zz wasn\'t present in Pipeline: spec.tasks',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'), or remove the reference.',
  }],
  ['a when expression\'s cel that reads the status of a task', pipeline({ tasks: [pt('a'), pt('b', { when: [{ cel: "'$(tasks.a.status)' == 'Succeeded'" }] })] }), {
    property: 'spec.tasks[1].when[0]',
    value: '$(tasks.a.status)',
    what: 'refers to the execution status of pipeline tasks, which only finally tasks may read (they run after every task)',
    tekton: 'invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks: spec.tasks[1].when[0]',
    fix: 'Read the status in a finally task (finally: - name: ... params: [{ name: status, value: $(tasks.<name>.status) }]), or make the task depend on a result instead.',
  }],
  ['a param the Pipeline declares twice', pipeline({ params: [{ name: 'x' }, { name: 'x' }], tasks: [pt('a')] }), {
    property: 'spec.params[1].name',
    value: 'x',
    what: 'declares the param twice',
    tekton: 'parameter appears more than once: spec.finally.params[x], spec.tasks.params[x]',
    fix: 'Declare the param x once in the pipeline\'s params.',
  }],
  ['a param value that refers to a param the Pipeline does not declare', pipeline({ params: [{ name: 'url' }], tasks: [pt('a', { params: [{ name: 'x', value: 'git $(params.url) $(params.revision)' }] })] }), {
    property: 'spec.tasks[0].params[x]',
    value: '$(params.revision)',
    what: 'refers to the param "revision", which the Pipeline does not declare (its spec.params declares "url")',
    tekton: 'non-existent variable in "git $(params.url) $(params.revision)": spec.tasks[0].params[x]',
    fix: 'Declare the param in the Pipeline\'s params (- name: revision), or refer to one it declares.',
  }],
  ['a param value that refers to several params the Pipeline does not declare: one finding, as Tekton\'s one error for the field', pipeline({
    params: [{ name: 'url' }],
    tasks: [pt('a', { params: [{ name: 'x', value: 'git $(params.depth) $(params.url) $(params.revision) $(params.depth)' }] })],
  }), {
    property: 'spec.tasks[0].params[x]',
    value: '$(params.depth)',
    what: 'refers to the params "depth", "revision", which the Pipeline does not declare (its spec.params declares "url")',
    tekton: 'non-existent variable in "git $(params.depth) $(params.url) $(params.revision) $(params.depth)": spec.tasks[0].params[x]',
    fix: 'Declare the params in the Pipeline\'s params (- name: depth, - name: revision), or refer to ones it declares.',
  }],
  ['an array element that does', pipeline({ tasks: [pt('a', { params: [{ name: 'x', value: ['-v', '$(params.flags[*])'] }] })] }), {
    property: 'spec.tasks[0].params[x].value[1]',
    value: '$(params.flags[*])',
    what: 'refers to the param "flags", which the Pipeline does not declare (its spec.params declares none)',
    tekton: 'non-existent variable in "$(params.flags[*])": spec.tasks[0].params[x].value[1]',
    fix: 'Declare the param in the Pipeline\'s params (- name: flags), or refer to one it declares.',
  }],
  ['an object value that does', pipeline({ tasks: [pt('a', { params: [{ name: 'x', value: { url: "$(params['repo'])" } }] })] }), {
    property: 'spec.tasks[0].params[x].properties[url]',
    value: "$(params['repo'])",
    what: 'refers to the param "repo", which the Pipeline does not declare (its spec.params declares none)',
    tekton: 'non-existent variable in "$(params[\'repo\'])": spec.tasks[0].params[x].properties[url]',
    fix: 'Declare the param in the Pipeline\'s params (- name: repo), or refer to one it declares.',
  }],
  ['a pipeline without tasks', pipeline({}), {
    property: 'spec',
    what: 'is empty: the pipeline has no tasks',
    tekton: 'expected at least one, got none: spec.description, spec.params, spec.resources, spec.tasks, spec.workspaces',
    fix: 'Give the pipeline its tasks (tasks: - name: <name> with taskRef: { name: <Task> }).',
  }],
  ['a task reads the status of another', pipeline({ tasks: [pt('a'), pt('b', { params: [{ name: 'x', value: 'was $(tasks.a.status)' }] })] }), {
    property: 'spec.tasks[1].params[x].value',
    value: '$(tasks.a.status)',
    what: 'refers to the execution status of pipeline tasks, which only finally tasks may read (they run after every task)',
    tekton: 'invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks: spec.tasks[1].params[x].value',
    fix: 'Read the status in a finally task (finally: - name: ... params: [{ name: status, value: $(tasks.<name>.status) }]), or make the task depend on a result instead.',
  }],
  ['a finally task reads the reason of no task', pipeline({ tasks: [pt('a')], finally: [pt('f', { when: [{ input: '$(tasks.zz.reason)', operator: 'in', values: ['Failed'] }] })] }), {
    property: 'spec.finally[0].when[0]',
    value: '$(tasks.zz.reason)',
    what: 'refers to the execution status of \'zz\', which is no task of the pipeline\'s tasks',
    tekton: 'invalid value: pipeline task zz is not defined in the pipeline: spec.finally[0].when[0]',
    fix: 'Name a task of the pipeline\'s tasks (\'a\'): $(tasks.<name>.status), or $(tasks.status) for all of them.',
  }],
  ['an onError Tekton does not know', pipeline({ tasks: [pt('a', { onError: 'ignore' })] }), {
    property: 'spec.tasks[0].onError',
    value: 'ignore',
    what: 'is not an onError Tekton knows: continue or stopAndFail',
    tekton: 'invalid value: ignore: spec.tasks[0].OnError',
    fix: 'Write onError: continue (the pipeline goes on when the task fails) or onError: stopAndFail (the default), or remove it.',
  }],
  ['onError continue with retries', pipeline({ tasks: [pt('a', { onError: 'continue', retries: 2 })] }), {
    property: 'spec.tasks[0].onError',
    value: 'continue',
    what: 'is continue beside retries: 2, which Tekton does not combine',
    tekton: 'PipelineTask OnError cannot be set to "continue" when Retries is greater than 0: ',
    fix: 'Remove retries, or onError: continue.',
  }],
  ['a pipeline result without a reference', pipeline({ tasks: [pt('a')], results: [{ name: 'r', value: 'fixed' }] }), {
    property: 'spec.results[0].value',
    value: 'fixed',
    what: 'holds no $(tasks.<name>.results.<result>) reference: a pipeline\'s result passes on a result of one of its tasks',
    tekton: 'invalid value: expected pipeline results to be task result expressions but no expressions were found: spec.results[0].value',
    fix: 'Give the result the value of a result of a pipeline task: value: $(tasks.<name>.results.<result>), with nothing written before it.',
  }],
  ['a pipeline result of a param', pipeline({ params: [{ name: 'x' }], tasks: [pt('a')], results: [{ name: 'r', value: '$(params.x)' }] }), {
    property: 'spec.results[0].value',
    value: '$(params.x)',
    what: 'refers to no result of a pipeline task ($(params.x)): a pipeline\'s result passes on a result of one of its tasks',
    tekton: 'invalid value: expected pipeline results to be task result expressions but an invalid expressions was found: spec.results[0].value',
    fix: 'Give the result the value of a result of a pipeline task: value: $(tasks.<name>.results.<result>), with nothing written before it.',
  }],
  ['a pipeline result with text before its reference', pipeline({ tasks: [pt('a')], results: [{ name: 'r', value: 'sha256:$(tasks.a.results.r)' }] }), {
    property: 'spec.results[0].value',
    value: 'sha256:',
    what: 'has text Tekton reads as a result reference it cannot parse ("sha256:": it reads the value from its start and from each $ on as one)',
    tekton: 'invalid value: referencing a nonexistent task: spec.results[0].value',
    fix: 'Give the result the value of a result of a pipeline task: value: $(tasks.<name>.results.<result>), with nothing written before it.',
  }],
  ['a pipeline result of a task the pipeline does not have', pipeline({ tasks: [pt('a')], results: [{ name: 'r', value: '$(tasks.zz.results.r)' }] }), {
    property: 'spec.results[0].value',
    value: '$(tasks.zz.results.r)',
    what: 'refers to \'zz\', which is no task of the pipeline',
    tekton: 'invalid value: referencing a nonexistent task: spec.results[0].value',
    fix: 'Refer to a result of a pipeline task the pipeline\'s tasks name: $(tasks.<name>.results.<result>).',
  }],
  ['a pipeline result of a finally task the pipeline does not have', pipeline({ tasks: [pt('a')], results: [{ name: 'r', value: '$(finally.zz.results.r)' }] }), {
    property: 'spec.results[0].value',
    value: '$(finally.zz.results.r)',
    what: 'refers to \'zz\', which is no finally task of the pipeline',
    tekton: 'invalid value: referencing a nonexistent task: spec.results[0].value',
    fix: 'Refer to a result of a pipeline task the pipeline\'s finally name: $(finally.<name>.results.<result>).',
  }],
  ['a pipeline task refers to a ClusterTask, a kind Tekton removed', pipeline({ tasks: [{ name: 'clone', taskRef: { name: 'git-clone', kind: 'ClusterTask' } }] }), {
    property: 'spec.tasks[0].taskRef.kind',
    value: 'ClusterTask',
    what: 'is not Task, and the taskRef gives no apiVersion: Tekton reads the pipeline task as a custom task (a CustomRun of that kind, which a controller '
      + 'of its own runs), which needs the apiVersion of its API; Tekton removed ClusterTasks, and reads the kind as no Task of its own',
    tekton: 'invalid value: custom task ref must specify apiVersion: spec.tasks[0].taskRef.apiVersion',
    fix: 'Refer to a Task of the pipeline\'s namespace (remove kind, and apply the Task in that namespace), or to the Task of another namespace through the '
      + 'cluster resolver (taskRef: { resolver: cluster, params: [{ name: kind, value: task }, { name: name, value: git-clone }, '
      + '{ name: namespace, value: <namespace of the Task> }] }), which fetches it as the cluster holds it at run time, unpinned (REMOTE_REFERENCE_PINNED).',
  }],
  ['a finally task refers to a kind that is not Task without an apiVersion', pipeline({ tasks: [pt('a')], finally: [{ name: 'f', taskRef: { name: 'w', kind: 'task' } }] }), {
    property: 'spec.finally[0].taskRef.kind',
    value: 'task',
    what: 'is not Task, and the taskRef gives no apiVersion: Tekton reads the pipeline task as a custom task (a CustomRun of that kind, which a controller '
      + 'of its own runs), which needs the apiVersion of its API',
    tekton: 'invalid value: custom task ref must specify apiVersion: spec.finally[0].taskRef.apiVersion',
    fix: 'Give spec.finally[0].taskRef the apiVersion of the custom task\'s API (apiVersion: <group>/<version>), or remove kind to run a Task.',
  }],
  ['a custom task\'s apiVersion that is not group/version', pipeline({ tasks: [{ name: 'a', taskRef: { name: 'w', kind: 'Wait', apiVersion: 'wait' } }] }), {
    property: 'spec.tasks[0].taskRef.apiVersion',
    value: 'wait',
    what: 'is not of the form group/version, which a custom task\'s apiVersion must be',
    tekton: 'invalid value: invalid apiVersion format "wait", must be in the format "group/version": spec.tasks[0].taskRef.apiVersion',
    fix: 'Give spec.tasks[0].taskRef the apiVersion of the custom task\'s API as <group>/<version> (apiVersion: example.dev/v1).',
  }],
  ['a taskRef fetched by a resolver with an apiVersion and no kind', pipeline({ tasks: [{ name: 'a', taskRef: { resolver: 'git', apiVersion: 'example.dev/v1' } }] }), {
    property: 'spec.tasks[0].taskRef.apiVersion',
    value: 'example.dev/v1',
    what: 'is given without a kind, which the defaulting webhook sets to Task only in a taskRef without a resolver: Tekton reads the pipeline task as a custom task, which needs its kind',
    tekton: 'invalid value: custom task ref must specify kind: spec.tasks[0].taskRef.kind',
    fix: 'Give spec.tasks[0].taskRef the kind of the custom task (kind: <Kind>), or remove its apiVersion to run a Task.',
  }],
  ['a custom task\'s spec without an apiVersion', pipeline({ tasks: [{ name: 'a', taskSpec: { kind: 'Wait', spec: { duration: '1s' } } }] }), {
    property: 'spec.tasks[0].taskSpec.kind',
    value: 'Wait',
    what: 'is not Task, and the taskSpec gives no apiVersion: Tekton reads the pipeline task as a custom task (a CustomRun of that kind, which a controller '
      + 'of its own runs), which needs the apiVersion of its API',
    tekton: 'invalid value: custom task spec must specify apiVersion: spec.tasks[0].taskSpec.apiVersion',
    fix: 'Give spec.tasks[0].taskSpec the apiVersion of the custom task\'s API (apiVersion: <group>/<version>), or remove kind to run a Task.',
  }],
  ['a custom task\'s spec without a kind', pipeline({ tasks: [{ name: 'a', taskSpec: { apiVersion: 'example.dev/v1', spec: { duration: '1s' } } }] }), {
    property: 'spec.tasks[0].taskSpec.apiVersion',
    value: 'example.dev/v1',
    what: 'is given without a kind: Tekton reads the pipeline task as a custom task, which needs its kind',
    tekton: 'invalid value: custom task spec must specify kind: spec.tasks[0].taskSpec.kind',
    fix: 'Give spec.tasks[0].taskSpec the kind of the custom task (kind: <Kind>), or remove its apiVersion to run a Task.',
  }],
];

describe('TEKTON_ADMITTED', () => {
  describeRule(TEKTON_ADMITTED, RuleId.TEKTON_ADMITTED, Severity.LOW, false);

  test('a pipeline task that binds a workspace the Pipeline does not declare', () => {
    const p = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { workspaces: [{ name: 'workdir' }], tasks: [{ name: 'deploy-cluster', taskRef: { name: 'deploy-cluster' }, workspaces: [{ name: 'output', workspace: 'shared-workspace' }] }] },
    };
    expect(TEKTON_ADMITTED.check(p)).toEqual([{
      rule: RuleId.TEKTON_ADMITTED,
      kind: 'Pipeline',
      name: 'p',
      location: "pipeline task 'deploy-cluster'",
      target: 'task/deploy-cluster',
      property: 'spec.tasks[0].workspaces[0].workspace',
      value: 'shared-workspace',
      problem: 'is not a workspace of the pipeline (its spec.workspaces declares "workdir"): Tekton\'s webhook refuses the Pipeline, so it is never created '
        + '(kubectl apply fails with admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: '
        + 'invalid value: pipeline task "deploy-cluster" expects workspace with name "shared-workspace" but none exists in pipeline spec: spec.tasks[0].workspaces[0])',
      fix: 'Declare it in the pipeline\'s workspaces (- name: shared-workspace), or bind the pipeline task\'s workspace output to a workspace the pipeline declares (workspace: <name>).',
    }]);
  });

  test.each(CASES)('%s', (_, p, want) => {
    const found = TEKTON_ADMITTED.check(p, ruleContext([p, CEL_ON]));
    expect(found.map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }))).toEqual([{
      property: want.property,
      value: want.value,
      problem: `${want.what}: ${REFUSED}${want.tekton})`,
      fix: want.fix,
    }]);
  });

  test('a PipelineRun\'s embedded pipeline: the same checks but the workspaces and params of its tasks, which the run propagates', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: { pipelineSpec: { tasks: [pt('a', { runAfter: ['b'], workspaces: [{ name: 'src' }], params: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }] })] } },
    };
    expect(TEKTON_ADMITTED.check(run).map((f) => [f.property, f.problem])).toEqual([[
      'spec.pipelineSpec.tasks[0].params[1].name',
      'is given twice in the pipeline task\'s params: Tekton\'s webhook refuses the PipelineRun, so it is never created (kubectl apply fails with admission webhook '
        + '"validation.webhook.pipeline.tekton.dev" denied the request: validation failed: parameter names must be unique, the parameter "x" is also defined at: '
        + 'spec.pipelineSpec.tasks[0].params[1].name, spec[0].params[1].name)',
    ], [
      'spec.pipelineSpec.tasks[0].runAfter',
      'names \'b\', which is no task of the pipeline\'s tasks: Tekton\'s webhook refuses the PipelineRun, so it is never created (kubectl apply fails with admission webhook '
        + '"validation.webhook.pipeline.tekton.dev" denied the request: validation failed: invalid value: couldn\'t add link between a and b: task a depends on b '
        + 'but b wasn\'t present in Pipeline: spec.pipelineSpec.tasks)',
    ]]);
  });

  test('dependencies on no task are one finding, as Tekton\'s one error for the graph; a pipeline with two tasks of one name is reported once, without a graph finding', () => {
    expect(TEKTON_ADMITTED.check(SEVERAL_MISSING).map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }))).toEqual([{
      property: 'spec.tasks[0].runAfter',
      value: 'lint',
      problem: 'names \'lint\', which is no task of the pipeline\'s tasks; so do spec.tasks[0].runAfter (\'test\'), spec.tasks[1].params (\'fetch\'): Tekton\'s webhook '
        + 'stops at the first of them its map iteration meets, and names that one: '
        + `${REFUSED}invalid value: couldn't add link between build and lint: task build depends on lint but lint wasn't present in Pipeline: spec.tasks)`,
      fix: 'Name tasks of the pipeline\'s tasks (\'build\', \'push\'), or remove the runAfter entries and references that name others.',
    }]);
    expect(TEKTON_ADMITTED.check(pipeline({ tasks: [pt('a'), pt('a', { runAfter: ['x'] })] })).map((f) => f.property)).toEqual(['spec.tasks[1].name']);
  });

  test('a pipeline the webhook admits gives no finding', () => {
    const ok = pipeline({
      workspaces: [{ name: 'w' }],
      results: [{ name: 'r', value: '$(tasks.a.results.r)' }, { name: 'f', value: '$(finally.f.results.r)' }],
      tasks: [pt('a', { workspaces: [{ name: 'src', workspace: 'w' }] }), pt('b', { params: [{ name: 'x', value: '$(tasks.a.results.r)' }], when: [{ cel: "'a' == 'b'" }] })],
      finally: [pt('f', { params: [{ name: 'x', value: '$(tasks.b.results.r)' }, { name: 's', value: '$(tasks.a.status)' }] })],
    });
    expect(TEKTON_ADMITTED.check(ok, ruleContext([ok, CEL_ON]))).toEqual([]);
  });
});

const task = (spec: Record<string, unknown>) => ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't', namespace: 'ci' }, spec });
const STEP = STEPS.steps[0];
const taskRun = (spec: Record<string, unknown>) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr', namespace: 'ci' }, spec });
const pipelineRun = (spec: Record<string, unknown>) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pr', namespace: 'ci' }, spec });

/** A tekton.dev/v1beta1 object of `o`. */
const beta = (o: any) => ({ ...o, apiVersion: 'tekton.dev/v1beta1' });
const REMOVED = 'holds PipelineResources, which Tekton removed (TEP-0074) with the resources of Tasks, Pipelines and their runs';
/** The finding on a `resources` field Tekton's v1beta1 validation refuses (`must not set the field(s)`). */
const removed = (property: string) => ({
  property,
  what: REMOVED,
  tekton: `must not set the field(s): ${property}`,
  fix: `Remove ${property}, and pass what it held as params (a URL, a revision, an image reference) and workspaces (a git-clone Task fills one with the repository).`,
});
/** Tasks, runs and embedded Tasks: the object, and its findings' property, value, what is wrong and Tekton's error. */
const NO_KEYS = 'and the param is of type object: Tekton\'s webhook requires an object param to declare its keys';
const declareKeys = (name: string) => `Declare the keys of the param ${name} (properties: { <key>: { type: string } }), or give it another type.`;
const OBJECT_CASES: Array<[string, any, Array<{ property: string; value?: string; what: string; tekton: string; fix: string }>]> = [
  ['a Task with two steps of one name, a param and a workspace declared twice, and two workspaces at one path',
    task({
      params: [{ name: 'x' }, { name: 'x' }],
      workspaces: [{ name: 'w' }, { name: 'w', mountPath: '/data/' }, { name: 'v', mountPath: '/tmp/../data' }],
      steps: [STEP, STEP],
    }), [
      { property: 'spec.steps[1].name', value: 's', what: 'is the name of another step of the Task: each step has its own', tekton: 'expected exactly one, got both: spec.steps[1].name', fix: 'Give the step another name than s.' },
      { property: 'spec.params[1].name', value: 'x', what: 'declares the param twice', tekton: 'parameter appears more than once: spec.params[x]', fix: 'Declare the param x once in the Task\'s params.' },
      { property: 'spec.workspaces[1].name', value: 'w', what: 'declares the workspace twice', tekton: 'workspace name "w" must be unique: spec.workspaces[1].name', fix: 'Declare the workspace w once in the Task\'s workspaces.' },
      {
        property: 'spec.workspaces[2].mountPath',
        value: '/data',
        what: 'is where another workspace or a step\'s volume mount is mounted already',
        tekton: 'workspace mount path "/data" must be unique: spec.workspaces[2].mountpath',
        fix: 'Give the workspace v a mountPath that no other workspace or volume mount of the Task has (mountPath: <path>), or mount the other elsewhere.',
      },
    ]],
  // Quarkus Coffeeshop's push Tasks: the v1beta1 code refuses PipelineResources wherever they are written, an empty object too
  ['a tekton.dev/v1beta1 Task with PipelineResources', beta(task({ resources: { inputs: [{ name: 'image', type: 'image' }] }, steps: [STEP] })), [removed('spec.resources')]],
  ['a tekton.dev/v1beta1 Pipeline with PipelineResources, in its tasks, an embedded Task and a finally task',
    beta(pipeline({
      resources: [{ name: 'src', type: 'git' }],
      tasks: [pt('a', { resources: { inputs: [{ name: 'src', resource: 'src' }] }, taskSpec: { resources: {}, ...STEPS } })],
      finally: [pt('f', { resources: {} })],
    })),
    [removed('spec.resources'), removed('spec.tasks[0].resources'), removed('spec.tasks[0].taskSpec.resources'), removed('spec.finally[0].resources')]],
  ['a tekton.dev/v1beta1 TaskRun with an empty resources', beta(taskRun({ taskRef: { name: 't' }, resources: {} })), [removed('spec.resources')]],
  ['a tekton.dev/v1beta1 TaskRun whose embedded Task has PipelineResources', beta(taskRun({ taskSpec: { resources: { inputs: [] }, ...STEPS } })), [removed('spec.taskSpec.resources')]],
  ['a tekton.dev/v1beta1 PipelineRun with PipelineResources, and in its embedded pipeline',
    beta(pipelineRun({ resources: [{ name: 'src', resourceRef: { name: 'x' } }], pipelineSpec: { tasks: [pt('a', { resources: { inputs: [] } })] } })),
    [removed('spec.resources'), removed('spec.pipelineSpec.tasks[0].resources')]],
  ['a workspace at the path of a step\'s volume mount', task({ workspaces: [{ name: 'cache' }], steps: [{ ...STEP, volumeMounts: [{ name: 'v', mountPath: '/workspace/cache' }] }], volumes: [{ name: 'v', emptyDir: {} }] }), [{
    property: 'spec.workspaces[0].mountPath',
    value: '/workspace/cache',
    what: 'is where another workspace or a step\'s volume mount is mounted already',
    tekton: 'workspace mount path "/workspace/cache" must be unique: spec.workspaces[0].mountpath',
    fix: 'Give the workspace cache a mountPath that no other workspace or volume mount of the Task has (mountPath: <path>), or mount the other elsewhere.',
  }]],
  ['a Task whose script writes a result it does not declare, and whose args read a param it does not declare',
    task({
      params: [{ name: 'url' }],
      results: [{ name: 'count' }],
      steps: [{ ...STEP, script: '#!/bin/sh\nfor i in 1 2; do echo x > "$(results.digest-${i}.path)"; done\necho 2 > $(results.count.path)\n' },
        { name: 'fetch', image: IMAGE, command: ['git'], args: ['clone', '--', '$(params.url)', '$(params.dir)'] }],
    }), [{
      property: 'spec.steps[0].script',
      value: '$(results.digest-${i}.path)',
      what: 'refers to the result "digest-${i}", which the Task does not declare (its results declares "count")',
      tekton: 'non-existent variable in "#!/bin/sh\\nfor i in 1 2; do echo x > \\"$(results.digest-${i}.path)\\"; done\\necho 2 > $(results.count.path)\\n": spec.steps[0].script',
      fix: 'Declare the result in the Task\'s results (- name: digest-${i}), or write a result it declares; a name Tekton cannot know before the step runs ($(results.x-${i}.path)) is refused.',
    }, {
      property: 'spec.steps[1].args[3]',
      value: '$(params.dir)',
      what: 'refers to the param "dir", which the Task does not declare (its params declares "url")',
      tekton: 'non-existent variable in "$(params.dir)": spec.steps[1].args[3]',
      fix: 'Declare the param in the Task\'s params (- name: dir), or refer to one it declares.',
    }]],
  ['a Task step whose script writes two results and whose args read two params it does not declare: one finding a field', task({
    params: [{ name: 'url' }],
    steps: [{ ...STEP, script: '#!/bin/sh\necho a > $(results.a.path)\necho b > $(results.b.path)', args: ['$(params.url)/$(params.org)/$(params.repo)'] }],
  }), [{
    property: 'spec.steps[0].script',
    value: '$(results.a.path)',
    what: 'refers to the results "a", "b", which the Task does not declare (its results declares none)',
    tekton: 'non-existent variable in "#!/bin/sh\\necho a > $(results.a.path)\\necho b > $(results.b.path)": spec.steps[0].script',
    fix: 'Declare the results in the Task\'s results (- name: a, - name: b), or write results it declares; a name Tekton cannot know before the step runs ($(results.x-${i}.path)) is refused.',
  }, {
    property: 'spec.steps[0].args[0]',
    value: '$(params.org)',
    what: 'refers to the params "org", "repo", which the Task does not declare (its params declares "url")',
    tekton: 'non-existent variable in "$(params.url)/$(params.org)/$(params.repo)": spec.steps[0].args[0]',
    fix: 'Declare the params in the Task\'s params (- name: org, - name: repo), or refer to ones it declares.',
  }]],
  ['a pipeline task\'s embedded Task', pipeline({ tasks: [pt('a', { taskSpec: { steps: [STEP, STEP] } })] }), [
    { property: 'spec.tasks[0].taskSpec.steps[1].name', value: 's', what: 'is the name of another step of the Task: each step has its own', tekton: 'expected exactly one, got both: spec.tasks[0].taskSpec.steps[1].name', fix: 'Give the step another name than s.' },
  ]],
  ['a TaskRun with taskRef and taskSpec', taskRun({ taskRef: { name: 't' }, taskSpec: STEPS }), [
    { property: 'spec.taskSpec', what: 'is given beside spec.taskRef: a run runs one Task, referenced or embedded', tekton: 'expected exactly one, got both: spec.taskRef, spec.taskSpec', fix: 'Keep either spec.taskRef or spec.taskSpec.' },
  ]],
  ['a PipelineRun with pipelineRef and pipelineSpec', pipelineRun({ pipelineRef: { name: 'p' }, pipelineSpec: { tasks: [pt('a')] } }), [
    { property: 'spec.pipelineSpec', what: 'is given beside spec.pipelineRef: a run runs one pipeline, referenced or embedded', tekton: 'expected exactly one, got both: spec.pipelineRef, spec.pipelineSpec', fix: 'Keep either spec.pipelineRef or spec.pipelineSpec.' },
  ]],
  ['a PipelineRun that gives a param twice (in another case) and binds a workspace twice', pipelineRun({
    pipelineRef: { name: 'p' },
    params: [{ name: 'url', value: 'a' }, { name: 'URL', value: 'b' }],
    workspaces: [{ name: 'w', emptyDir: {} }, { name: 'w', emptyDir: {} }],
  }), [
    { property: 'spec.params[URL].name', value: 'URL', what: 'is given twice in the run\'s params (Tekton compares their names without case)', tekton: 'expected exactly one, got both: spec.params[URL].name', fix: 'Give the param URL once in spec.params (names that differ only in case are one).' },
    { property: 'spec.workspaces[1].name', value: 'w', what: 'binds the workspace a second time', tekton: 'workspace "w" provided by pipelinerun more than once, at index 0 and 1: spec.workspaces[1].name', fix: 'Bind the workspace w once in spec.workspaces.' },
  ]],
  ['a TaskRun that binds a workspace twice, in another case', taskRun({ taskRef: { name: 't' }, workspaces: [{ name: 'src', emptyDir: {} }, { name: 'SRC', emptyDir: {} }] }), [
    { property: 'spec.workspaces[1].name', value: 'SRC', what: 'binds the workspace a second time (Tekton compares their names without case)', tekton: 'expected exactly one, got both: spec.workspaces[1].name', fix: 'Bind the workspace SRC once in spec.workspaces (names that differ only in case are one).' },
  ]],
  ['a workspace at the path of the stepTemplate\'s volume mount', task({
    workspaces: [{ name: 'cache', mountPath: '/cache' }],
    stepTemplate: { volumeMounts: [{ name: 'v', mountPath: '/cache/' }] },
    volumes: [{ name: 'v', emptyDir: {} }],
    steps: [STEP],
  }), [{
    property: 'spec.workspaces[0].mountPath',
    value: '/cache',
    what: 'is where another workspace or a step\'s volume mount is mounted already',
    tekton: 'workspace mount path "/cache" must be unique: spec.workspaces[0].mountpath',
    fix: 'Give the workspace cache a mountPath that no other workspace or volume mount of the Task has (mountPath: <path>), or mount the other elsewhere.',
  }]],
  ['a Task\'s params: a type Tekton does not have, a default of another type, an object param without properties or with a key not a string', task({
    params: [
      { name: 'num', type: 'number' }, { name: 'list', type: 'array', default: 'a' }, { name: 'o', type: 'object' },
      { name: 'k', type: 'object', properties: { a: { type: 'array' } } }, { name: 'l', properties: { a: {} }, default: ['b'] },
    ],
    steps: [STEP],
  }), [
    { property: 'spec.params[0].type', value: 'number', what: 'is no type of a param: Tekton\'s params are string, array or object', tekton: 'invalid value: number: spec.params.num.type', fix: 'Write type: string, array or object for the param num.' },
    {
      property: 'spec.params[1].default',
      value: '"a"',
      what: 'is a string, and the param\'s type is array: Tekton\'s webhook requires a default of the param\'s type',
      tekton: '"array" type does not match default value\'s type: "string": spec.params.list.default.type, spec.params.list.type',
      fix: 'Give the param list a default of type array, or declare it with type: string.',
    },
    {
      property: 'spec.params[2].properties',
      what: 'is not given, and the param is of type object: Tekton\'s webhook requires an object param to declare its keys',
      tekton: 'missing field(s): spec.o.properties',
      fix: 'Declare the keys of the param o (properties: { <key>: { type: string } }), or give it another type.',
    },
    {
      property: 'spec.params[3].properties',
      value: 'a',
      what: 'declares a key of another type than string: an object param\'s keys are strings',
      tekton: 'The value type specified for these keys [a] is invalid: spec.params.k.properties',
      fix: 'Declare the key a with type: string (or without a type).',
    },
    {
      property: 'spec.params[4].default',
      value: '["b"]',
      what: 'is an array, and the param\'s type is object: Tekton\'s webhook requires a default of the param\'s type',
      tekton: '"object" type does not match default value\'s type: "array": spec.params.l.default.type, spec.params.l.type',
      fix: 'Give the param l a default of type object, or declare it with type: array.',
    },
  ]],
  ['a TaskRun\'s embedded Task whose param\'s default is a list of numbers, one string to Tekton, for an array param', taskRun({
    params: [{ name: 'ports', value: ['80'] }],
    taskSpec: { params: [{ name: 'ports', type: 'array', default: [80, 443] }], steps: [STEP] },
  }), [{
    property: 'spec.taskSpec.params[0].default',
    value: '[80,443]',
    what: 'is a list holding another value than a string, which Tekton reads as one string (its JSON text), and the param\'s type is array: '
      + 'Tekton\'s webhook requires a default of the param\'s type',
    tekton: '"array" type does not match default value\'s type: "string": spec.taskSpec.params.ports.default.type, spec.taskSpec.params.ports.type',
    fix: 'Quote each item of the param ports\'s default (default: ["80","443"]), or declare it with type: string.',
  }]],
  ['a TaskRun that gives a param twice, in another case, and embeds a Task with two steps of one name', taskRun({
    params: [{ name: 'url', value: 'a' }, { name: 'Url', value: 'b' }],
    taskSpec: { steps: [STEP, STEP] },
  }), [
    { property: 'spec.params[Url].name', value: 'Url', what: 'is given twice in the run\'s params (Tekton compares their names without case)', tekton: 'expected exactly one, got both: spec.params[Url].name', fix: 'Give the param Url once in spec.params (names that differ only in case are one).' },
    { property: 'spec.taskSpec.steps[1].name', value: 's', what: 'is the name of another step of the Task: each step has its own', tekton: 'expected exactly one, got both: spec.taskSpec.steps[1].name', fix: 'Give the step another name than s.' },
  ]],
  ['a TaskRun\'s embedded Task with an object param without properties, and one with properties: {}', taskRun({
    params: [{ name: 'o', value: { a: 'b' } }, { name: 'e', value: { a: 'b' } }],
    taskSpec: { params: [{ name: 'o', type: 'object' }, { name: 'e', type: 'object', properties: {} }], steps: [STEP] },
  }), [
    { property: 'spec.taskSpec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.o.properties', fix: declareKeys('o') },
    { property: 'spec.taskSpec.params[1].properties', value: '{}', what: `declares no key, ${NO_KEYS}`, tekton: 'missing field(s): spec.e.properties', fix: declareKeys('e') },
  ]],
  ['a Pipeline\'s task and finally task embedding a Task with an object param without properties', pipeline({
    tasks: [pt('a'), pt('b', { params: [{ name: 'o', value: { a: 'b' } }], taskSpec: { params: [{ name: 'o', type: 'object' }], steps: [STEP] } })],
    finally: [pt('f', { params: [{ name: 'o', value: { a: 'b' } }], taskSpec: { params: [{ name: 'o', type: 'object' }], steps: [STEP] } })],
  }), [
    { property: 'spec.tasks[1].taskSpec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.tasks[1].o.properties', fix: declareKeys('o') },
    { property: 'spec.finally[0].taskSpec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.finally[0].o.properties', fix: declareKeys('o') },
  ]],
  ['a PipelineRun\'s embedded pipeline whose tasks embed a Task with an object param without properties (a map default: of type object)', pipelineRun({
    pipelineSpec: {
      tasks: [pt('a'), pt('b', { params: [{ name: 'o', value: { a: 'b' } }], taskSpec: { params: [{ name: 'o', type: 'object' }, { name: 'm', default: { a: 'b' } }], steps: [STEP] } })],
      finally: [pt('f', { params: [{ name: 'o', value: { a: 'b' } }], taskSpec: { params: [{ name: 'o', type: 'object' }], steps: [STEP] } })],
    },
  }), [
    { property: 'spec.pipelineSpec.tasks[1].taskSpec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.o.properties', fix: declareKeys('o') },
    { property: 'spec.pipelineSpec.tasks[1].taskSpec.params[1].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.m.properties', fix: declareKeys('m') },
    { property: 'spec.pipelineSpec.finally[0].taskSpec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.o.properties', fix: declareKeys('o') },
  ]],
  ['a Pipeline\'s object params without properties (one by its map default), checked in each pipeline task that embeds a spec', pipeline({
    params: [{ name: 'o', type: 'object' }, { name: 'm', default: { a: 'b' } }, { name: 's', default: 'x' }],
    tasks: [pt('a'), { name: 'u', taskRef: { name: 'x' } }],
    finally: [pt('f')],
  }), [
    { property: 'spec.params[0].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.finally[0].o.properties, spec.tasks[0].o.properties', fix: declareKeys('o') },
    { property: 'spec.params[1].properties', what: `is not given, ${NO_KEYS}`, tekton: 'missing field(s): spec.finally[0].m.properties, spec.tasks[0].m.properties', fix: declareKeys('m') },
  ]],
  ['a PipelineRun\'s embedded pipeline\'s object param without properties, with a pipeline task that embeds a spec', pipelineRun({
    pipelineSpec: { params: [{ name: 'o', type: 'object', properties: {} }], tasks: [{ name: 'u', taskRef: { name: 'x' } }, pt('a'), pt('b')] },
  }), [
    { property: 'spec.pipelineSpec.params[0].properties', value: '{}', what: `declares no key, ${NO_KEYS}`, tekton: 'missing field(s): spec.o.properties', fix: declareKeys('o') },
  ]],
];

describe('TEKTON_ADMITTED: Tasks and runs', () => {
  test.each(OBJECT_CASES)('%s', (_, o, want) => {
    expect(TEKTON_ADMITTED.check(o).map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }))).toEqual(want.map((w) => ({
      property: w.property,
      value: w.value,
      problem: `${w.what}: ${REFUSED.replace('the Pipeline', `the ${o.kind}`)}${w.tekton})`,
      fix: w.fix,
    })));
  });

  test('a TaskRun\'s embedded Task may read a param the run propagates', () => {
    const tr = taskRun({ params: [{ name: 'x', value: 'v' }], taskSpec: { steps: [{ ...STEP, script: '#!/bin/sh\necho $(params.x)' }] } });
    expect(TEKTON_ADMITTED.check(tr)).toEqual([]);
  });

  test('sidecars and results of one name, which Tekton admits, give no finding', () => {
    expect(TEKTON_ADMITTED.check(task({ results: [{ name: 'r' }, { name: 'r' }], sidecars: [{ name: 'c', image: IMAGE }, { name: 'c', image: IMAGE }], steps: [STEP] }))).toEqual([]);
  });
});

/** Objects Tekton v1.15's webhook admits, each near one of the checks. */
const ADMITTED: Array<[string, any]> = [
  ['a Pipeline\'s object param without properties whose tasks reference their Tasks (the webhook checks it in an embedded spec only)', pipeline({
    params: [{ name: 'o', type: 'object' }],
    tasks: [{ name: 'u', taskRef: { name: 'x' }, params: [{ name: 'o', value: '$(params.o[*])' }] }],
  })],
  ['a custom task (kind and apiVersion), a taskRef with an apiVersion and no kind (the kind Task by default), a Task given kind Task', pipeline({
    tasks: [
      { name: 'a', taskRef: { name: 'w', kind: 'ClusterTask', apiVersion: 'example.dev/v1' } },
      { name: 'b', taskRef: { name: 'w', apiVersion: 'example.dev/v1' } },
      { name: 'c', taskRef: { name: 'w', kind: 'Task' } },
      { name: 'd', taskSpec: { kind: 'Wait', apiVersion: 'example.dev/v1', spec: { duration: '1s' } } },
    ],
  })],
  // a list of numbers is one string to Tekton (its JSON text): a string param, which a StepAction may use in any text
  ['a StepAction\'s param without a type whose default is a list of numbers, a string to Tekton', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa' },
    spec: { image: IMAGE, params: [{ name: 'x', default: [1, 2] }], command: ['echo'], args: ['a$(params.x)'] },
  }],
  // a null resources, and an empty list where the field is a list (a Pipeline's, a PipelineRun's), are none
  ['a tekton.dev/v1beta1 Task whose resources is null', beta(task({ resources: null, steps: [STEP] }))],
  ['a tekton.dev/v1beta1 Pipeline whose resources is an empty list, and a pipeline task\'s null', beta(pipeline({ resources: [], tasks: [pt('a', { resources: null })] }))],
  ['a tekton.dev/v1beta1 PipelineRun whose resources is an empty list', beta(pipelineRun({ resources: [], pipelineRef: { name: 'p' } }))],
  ['a result reference in a step\'s params (a StepAction\'s) or a volume mount, which Tekton does not read as a dependency', pipeline({
    tasks: [
      pt('a', { runAfter: ['b'], taskSpec: { steps: [{ name: 's', ref: { name: 'act' }, params: [{ name: 'p', value: '$(tasks.b.results.r)' }] }] } }),
      pt('b', {
        taskSpec: {
          results: [{ name: 'r' }],
          volumes: [{ name: 'v', emptyDir: {} }],
          steps: [{ ...STEP, script: '#!/bin/sh\necho x > $(results.r.path)', volumeMounts: [{ name: 'v', mountPath: '/x', subPath: '$(tasks.a.results.r)' }] }],
        },
      }),
    ],
  })],
  ['a reference of six parts, which is no result reference to Tekton, and an onError of a param in brackets', pipeline({
    params: [{ name: 'e' }],
    tasks: [
      pt('a', { onError: "$(params['e'])" }),
      pt('b', { params: [{ name: 'q', value: '$(tasks.zz.results.r.x.y)' }] }),
    ],
    finally: [pt('f', { params: [{ name: 'q', value: '$(tasks.zz.results.r.x.y)' }], when: [{ input: '$(finally.f.results.r.x.y)', operator: 'in', values: ['a'] }] })],
  })],
  ['params of every type, a custom task, execution status beside a result reference, and results of every form', pipeline({
    displayName: 'x',
    params: [{ name: 'arr', type: 'array' }, { name: 'obj', type: 'object', properties: { k: {} } }, { name: 's' }],
    workspaces: [{ name: 'w', optional: true }],
    tasks: [
      { name: 'a', taskRef: { name: 't' }, params: [{ name: 'p', value: '$(params.arr[*])' }, { name: 'q', value: "$(params.obj.k) $(params['s'])" }, { name: 'o', value: { k: '$(params.s)' } }], workspaces: [{ name: 'w' }] },
      { name: 'b', taskRef: { apiVersion: 'example.dev/v1', kind: 'Foo', name: 'foo' }, params: [{ name: 'st', value: '$(tasks.a.status) $(tasks.a.results.r)' }], when: [{ input: '$(params.s)', operator: 'notin', values: ['a'] }] },
    ],
    finally: [{
      name: 'f',
      taskRef: { name: 't' },
      params: [{ name: 'x', value: '$(tasks.status)' }, { name: 'r', value: '$(tasks.b.reason)' }, { name: 'z', value: '$(tasks.a.results.r)' }],
      when: [{ input: '$(tasks.a.status)', operator: 'in', values: ['Succeeded'] }],
    }],
    results: [
      { name: 'r', value: '$(tasks.a.results.r)' },
      { name: 'f', value: '$(finally.f.results.r)' },
      { name: 'o', value: '$(tasks.a.results.r.k)' },
      { name: 'two', value: '$(tasks.a.results.r) and $(tasks.a.results.r)' },
      { name: 'arr', type: 'array', value: ['$(tasks.a.results.r)', 'x'] },
    ],
  })],
  ['a Task reading an object param\'s key, a param of a dotted name, its results, context and workspaces', task({
    params: [{ name: 'obj', type: 'object', properties: { k: {} } }, { name: 'a.b' }],
    results: [{ name: 'r' }, { name: 'o', type: 'object', properties: { k: {} } }],
    stepTemplate: { volumeMounts: [{ name: 'v', mountPath: '/cache/' }] },
    workspaces: [{ name: 'src' }, { name: 'out', mountPath: '/out' }],
    volumes: [{ name: 'v', emptyDir: {} }],
    steps: [
      {
        ...STEP,
        env: [{ name: 'K', value: '$(params.obj.k)' }, { name: 'A', value: '$(params["a.b"])' }],
        script: '#!/bin/sh\necho "$(params.obj.k)" > $(results.r.path)\necho \'{}\' > "$(results.o.path)"\necho "$(context.taskRun.name)" "$(workspaces.src.path)"\n',
      },
      { name: 's2', image: IMAGE, workingDir: '$(workspaces.out.path)', script: '#!/bin/sh\ntrue' },
    ],
  })],
  ['a PipelineRun binding workspaces whose names differ in case, whose embedded pipeline task binds one name twice', pipelineRun({
    params: [{ name: 'x', value: 'a' }],
    workspaces: [{ name: 'w', emptyDir: {} }, { name: 'W', emptyDir: {} }],
    pipelineSpec: { tasks: [pt('a', { workspaces: [{ name: 'w' }, { name: 'w' }], params: [{ name: 'p', value: '$(params.x)' }] })] },
  })],
  ['a StepAction whose array param is alone in its args entries or indexed, whose object param is read by its keys, with typed params and results', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    spec: {
      image: IMAGE,
      params: [
        { name: 'flags', type: 'array', default: ['-v'] }, { name: 'git', properties: { url: {}, rev: { type: 'string' } }, default: { url: 'u', rev: 'r' } },
        { name: 'num', default: 1 }, { name: 'dotted.name' },
      ],
      results: [{ name: 'digest' }, { name: 'list', type: 'array' }, { name: 'info', properties: { a: {} } }],
      command: ['build', '$(params.flags[*])'],
      args: ['$(params.flags)', '--url=$(params.git.url)', '$(params.git.rev)', '$(params.num)'],
      env: [{ name: 'FIRST', value: '$(params.flags[0])' }, { name: 'D', value: "$(params['dotted.name'])" }],
    },
  }],
  ['a Task whose step runs a StepAction with params, and a step of its own with an empty env beside a ref', task({
    steps: [{ name: 'a', ref: { name: 'git-clone' }, params: [{ name: 'url', value: 'u' }] }, { name: 'b', ref: { name: 'git-clone' }, env: [] }],
  })],
];

/**
 * A tekton.dev/v1beta1 Pipeline, which Tekton validates with that version's code: two steps of one name are `invalid value: <name>`, a
 * script's undeclared variable is named, and a result reference in an embedded Task's steps is no dependency (no cycle through `b`).
 */
const V1BETA1 = {
  ...pipeline({
    tasks: [
      pt('a', { runAfter: ['a'], taskSpec: { steps: [STEP, { ...STEP, script: '#!/bin/sh\necho x > $(results.digest.path)' }] } }),
      pt('b', { runAfter: ['c'] }),
      pt('c', { taskSpec: { steps: [{ ...STEP, script: '#!/bin/sh\necho $(tasks.b.results.r)' }] } }),
    ],
  }),
  apiVersion: 'tekton.dev/v1beta1',
};
const V1BETA1_REFUSALS = [
  'invalid value: s: spec.tasks[0].taskSpec.steps[1].name',
  'non-existent variable `digest` in "#!/bin/sh\\necho x > $(results.digest.path)": spec.tasks[0].taskSpec.steps[1].script',
  'invalid value: cycle detected; task "a" depends on "a": spec.tasks',
];
/** A feature-flags ConfigMap that turns on alpha fields. */
const ALPHA = { ...CEL_ON, data: { 'enable-api-fields': 'alpha' } };
/** A Pipeline of another API group, which is no Tekton object. */
const OTHER_GROUP = { ...pipeline({ tasks: [{ name: 'Bad_Name', runAfter: ['zz'] }] }), apiVersion: 'example.com/v1' };

describe('TEKTON_ADMITTED: what the webhook admits, and objects it does not read', () => {
  test.each(ADMITTED)('%s: no finding', (_, o) => {
    expect(TEKTON_ADMITTED.check(o)).toEqual([]);
  });

  test('a tekton.dev/v1beta1 Pipeline: its webhook\'s wording and dependencies', () => {
    expect(TEKTON_ADMITTED.check(V1BETA1).map((f) => f.problem.split('validation failed: ')[1].slice(0, -1))).toEqual(V1BETA1_REFUSALS);
  });

  test('a tekton.dev/v1beta1 pipeline task\'s pipelineSpec, which the conversion to v1 drops, is read as the webhook reads it, before the conversion', () => {
    // (an alpha field: the feature-flags checked with it turn alpha fields on)
    const nested = { ...pipeline({ tasks: [{ name: 'a', pipelineSpec: { tasks: [pt('b')] } }] }), apiVersion: 'tekton.dev/v1beta1' };
    expect(RuleCatalogue.check(nested, ruleContext([nested, ALPHA])).filter((f) => f.rule === RuleId.TEKTON_ADMITTED)).toEqual([]);
    const both = { ...pipeline({ tasks: [{ name: 'a', pipelineSpec: { tasks: [pt('b')] }, taskRef: { name: 't' } }] }), apiVersion: 'tekton.dev/v1beta1' };
    expect(RuleCatalogue.check(both, ruleContext([both, ALPHA])).filter((f) => f.rule === RuleId.TEKTON_ADMITTED).map((f) => [f.property, f.problem.split('validation failed: ')[1]]))
      .toEqual([['spec.tasks[0].pipelineSpec', 'expected exactly one, got multiple: spec.tasks[0].pipelineSpec, spec.tasks[0].taskRef)']]);
  });

  test('a Pipeline of another API group is not read', () => {
    expect(TEKTON_ADMITTED.appliesTo(OTHER_GROUP)).toBe(false);
    expect(RuleCatalogue.check(OTHER_GROUP, ruleContext([OTHER_GROUP])).filter((f) => f.rule === RuleId.TEKTON_ADMITTED)).toEqual([]);
  });
});

describe('VALID_REFERENCE on a pipeline Tekton\'s webhook refuses', () => {
  test('says the webhook refuses it first, instead of "Tekton admits the pipeline"', () => {
    const deploy = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'deploy-cluster' }, spec: { workspaces: [{ name: 'output' }], ...STEPS } };
    const p = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { workspaces: [{ name: 'workdir' }], tasks: [{ name: 'deploy-cluster', taskRef: { name: 'deploy-cluster' }, workspaces: [{ name: 'out', workspace: 'shared-workspace' }] }] },
    };
    const problems = VALID_REFERENCE.check(p, ruleContext([p, deploy])).map((f) => f.problem);
    expect(problems).toEqual([
      'is not bound, and Task \'deploy-cluster\' declares the workspace without optional: true: Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); '
        + 'once it admits it, Tekton fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "output" is required but has not been bound)',
      'is not a workspace of Task \'deploy-cluster\' (it declares "output"): Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); once it admits it, Tekton fails '
        + 'every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: workspace binding "out" does not match any declared workspace)',
    ]);
    expect(RuleCatalogue.check(p, ruleContext([p, deploy])).filter((f) => f.rule === RuleId.TEKTON_ADMITTED).map((f) => f.value)).toEqual(['shared-workspace']);
  });
});

describe('VALID_REFERENCE on a run Tekton\'s webhook refuses', () => {
  const compile = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'compile' }, spec: { workspaces: [{ name: 'source' }], ...STEPS } };
  const REFUSES = 'Tekton\'s webhook refuses the run as written (TEKTON_ADMITTED); once it admits it, ';

  test('a TaskRun that binds a workspace twice', () => {
    const tr = taskRun({ taskRef: { name: 'compile' }, workspaces: [{ name: 'other', emptyDir: {} }, { name: 'other', emptyDir: {} }] });
    expect(VALID_REFERENCE.check(tr, ruleContext([tr, compile])).map((f) => f.problem)).toEqual([
      `is not bound, and Task 'compile' declares the workspace without optional: true: ${REFUSES}its reconciler fails it `
        + '(reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
      `is not a workspace of Task 'compile' (it declares "source"): ${REFUSES}its reconciler fails it `
        + '(reason TaskRunValidationFailed: workspace binding "other" does not match any declared workspace)',
    ]);
  });

  test('a PipelineRun that gives a param twice', () => {
    const p = pipeline({ workspaces: [{ name: 'src' }], tasks: [{ name: 'a', taskRef: { name: 'compile' }, workspaces: [{ name: 'source', workspace: 'src' }] }] });
    const pr = pipelineRun({ pipelineRef: { name: 'p' }, params: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }], workspaces: [{ name: 'extra', emptyDir: {} }] });
    expect(VALID_REFERENCE.check(pr, ruleContext([pr, p, compile])).map((f) => f.problem)).toEqual([
      `is not bound, and Pipeline 'p' declares the workspace without optional: true: ${REFUSES}its reconciler fails it `
        + '(reason InvalidWorkspaceBindings: pipeline requires workspace with name "src" be provided by pipelinerun)',
      `is not a workspace of Pipeline 'p' (it declares "src") and no task of it receives it: ${REFUSES}Tekton runs it and ignores the binding, so its volume reaches no task`,
    ]);
  });

  test('a tekton.dev/v1beta1 run or pipeline that holds PipelineResources, which the webhook refuses', () => {
    const tr = beta(taskRun({ taskRef: { name: 'compile' }, resources: {} }));
    expect(VALID_REFERENCE.check(tr, ruleContext([tr, compile])).map((f) => f.problem)).toEqual([
      `is not bound, and Task 'compile' declares the workspace without optional: true: ${REFUSES}its reconciler fails it `
        + '(reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
    ]);
    const p = beta(pipeline({ tasks: [{ name: 'build', taskRef: { name: 'compile' }, resources: { inputs: [] } }] }));
    expect(VALID_REFERENCE.check(p, ruleContext([p, compile])).map((f) => f.problem)).toEqual([
      'is not bound, and Task \'compile\' declares the workspace without optional: true: Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); '
        + 'once it admits it, Tekton fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
    ]);
    const pr = beta(pipelineRun({ pipelineSpec: { tasks: [{ name: 'build', taskRef: { name: 'compile' } }] }, resources: [{ name: 'src', resourceRef: { name: 'x' } }] }));
    // its embedded pipeline's task: said as of the pipeline, as for the embedded pipelines the webhook refuses
    expect(VALID_REFERENCE.check(pr, ruleContext([pr, compile])).map((f) => f.problem)).toEqual([
      'is not bound, and Task \'compile\' declares the workspace without optional: true: Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); '
        + 'once it admits it, Tekton fails every run of it when it runs the task (its TaskRun fails with reason TaskRunValidationFailed: declared workspace "source" is required but has not been bound)',
    ]);
  });
});

describeWithOracle('Tekton v1.15\'s webhook refuses each pipeline TEKTON_ADMITTED finds, with the error it quotes', () => {
  test('every check, each quote the first line of one of the oracle\'s errors', () => {
    const pipelines = CASES.map(([, p], i) => ({ ...p, metadata: { name: `p${i}`, namespace: 'ci' } }));
    const verdicts = runOracle(pipelines, { flags: CEL_ON.data }).verdicts;
    expect(verdicts.map((v, i) => [CASES[i][0], v.valid, v.errors.map((e) => e.split('\n')[0]).includes(CASES[i][2].tekton)]))
      .toEqual(CASES.map(([name]) => [name, false, true]));
  });

  test('Tasks and runs: each quote names a field of one of the oracle\'s errors, with its message', () => {
    const objects = OBJECT_CASES.map(([, o], i) => ({ ...o, metadata: { name: `o${i}`, namespace: 'ci' } }));
    const verdicts = runOracle(objects).verdicts;
    // the webhook lists every field of one message after it: each quote is the message and some of them
    const split = (text: string) => {
      const i = text.indexOf(': spec');
      return { message: text.slice(0, i), fields: text.slice(i + 2).split(', ') };
    };
    const quoted = (errors: string[], tekton: string) => errors.map(split).some((e) => e.message === split(tekton).message
      && split(tekton).fields.every((f) => e.fields.includes(f)));
    expect(verdicts.map((v, i) => [OBJECT_CASES[i][0], v.valid, OBJECT_CASES[i][2].map((w) => quoted(v.errors, w.tekton))]))
      .toEqual(OBJECT_CASES.map(([name, , want]) => [name, false, want.map(() => true)]));
    // and the webhook refuses nothing else in them
    const known = (e: string, i: number) => OBJECT_CASES[i][2].some((w) => split(w.tekton).message === split(e).message);
    expect(verdicts.map((v, i) => v.errors.every((e) => known(e, i)))).toEqual(OBJECT_CASES.map(() => true));
  });

  test('the objects TEKTON_ADMITTED admits, the webhook admits', () => {
    const objects = ADMITTED.map(([, o], i) => ({ ...o, metadata: { name: `a${i}`, namespace: 'ci' } }));
    expect(runOracle(objects).verdicts.map((v, i) => [ADMITTED[i][0], v.errors])).toEqual(ADMITTED.map(([name]) => [name, []]));
  });

  test('a tekton.dev/v1beta1 Pipeline: the webhook refuses what TEKTON_ADMITTED quotes, and nothing else', () => {
    expect(runOracle([V1BETA1]).verdicts.map((v) => v.errors.map((e) => e.split('\n')[0]).sort())).toEqual([[...V1BETA1_REFUSALS].sort()]);
  });

  test('every check on tekton.dev/v1beta1 objects: each quote names a field of one of the oracle\'s errors, with its message', () => {
    const objects = [...CASES.map(([, p]) => p), ...OBJECT_CASES.map(([, o]) => o)].map((o, i) => ({ ...o, apiVersion: 'tekton.dev/v1beta1', metadata: { name: `b${i}`, namespace: 'ci' } }));
    const verdicts = runOracle(objects).verdicts;
    const split = (text: string) => {
      const i = text.indexOf(': spec');
      return { message: text.slice(0, i), fields: text.slice(i + 2).split(', ') };
    };
    const quoted = (errors: string[], tekton: string) => errors.map((e) => split(e.split('\n')[0])).some((e) => e.message === split(tekton).message
      && split(tekton).fields.every((f) => e.fields.includes(f)));
    const quotes = objects.map((o) => TEKTON_ADMITTED.check(o).map((f) => f.problem.split('validation failed: ')[1].slice(0, -1)));
    // it finds where the webhook refuses: in all but the cycle through an embedded Task's step, no dependency in v1beta1
    expect(quotes.map((q) => q.length > 0)).toEqual(verdicts.map((v) => !v.valid));
    expect(verdicts.filter((v) => v.valid)).toHaveLength(1);
    expect(quotes.map((q, i) => q.filter((t) => !quoted(verdicts[i].errors, t)))).toEqual(objects.map(() => []));
  });

  test('dependencies on no task: the webhook names one of those the finding names', () => {
    const [v] = runOracle([SEVERAL_MISSING]).verdicts;
    const one = (from: string, dep: string) => `invalid value: couldn't add link between ${from} and ${dep}: task ${from} depends on ${dep} but ${dep} wasn't present in Pipeline: spec.tasks`;
    expect(v.errors).toHaveLength(1);
    expect([one('build', 'lint'), one('push', 'fetch')]).toContain(v.errors[0]);
  });

  test('a TaskRun\'s embedded Task that reads a param the run propagates is admitted', () => {
    const tr = taskRun({ params: [{ name: 'x', value: 'v' }], taskSpec: { steps: [{ ...STEP, script: '#!/bin/sh\necho $(params.x)' }] } });
    expect(runOracle([tr]).verdicts.map((v) => v.errors)).toEqual([[]]);
  });

  test('a PipelineRun\'s embedded pipeline, and the pipeline that passes', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: { pipelineSpec: { tasks: [pt('a', { runAfter: ['b'], workspaces: [{ name: 'src' }], params: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }] })] } },
    };
    const ok = pipeline({
      workspaces: [{ name: 'w' }],
      results: [{ name: 'r', value: '$(tasks.a.results.r)' }],
      tasks: [pt('a', { workspaces: [{ name: 'src', workspace: 'w' }] }), pt('b', { params: [{ name: 'x', value: '$(tasks.a.results.r)' }] })],
      finally: [pt('f', { params: [{ name: 'x', value: '$(tasks.b.results.r)' }, { name: 's', value: '$(tasks.a.status)' }] })],
    });
    expect(runOracle([run, ok]).verdicts.map((v) => [v.kind, v.errors])).toEqual([
      ['PipelineRun', [
        'invalid value: couldn\'t add link between a and b: task a depends on b but b wasn\'t present in Pipeline: spec.pipelineSpec.tasks',
        'parameter names must be unique, the parameter "x" is also defined at: spec.pipelineSpec.tasks[0].params[1].name, spec[0].params[1].name',
      ]],
      ['Pipeline', []],
    ]);
    expect(TEKTON_ADMITTED.check(ok)).toEqual([]);
  });
});

/** Tekton's feature-flags ConfigMap with `data`, in its namespace (or, `namespace` null, in none). */
const featureFlags = (data: Record<string, string>, namespace: string | null = 'tekton-pipelines') =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', ...(namespace ? { namespace } : {}) }, data });
const BY_DEFAULT = 'as Tekton\'s default';
const BY_CONFIG_MAP = 'as the feature-flags checked with it set it';
const alphaField = (source: string, now = 'beta') => `is an alpha field: Tekton's webhook admits it only while the feature flag enable-api-fields is "alpha", and it is "${now}" (${source})`;
const betaField = (source: string) => `is a beta field: Tekton's webhook admits it only while the feature flag enable-api-fields is "alpha" or "beta", and it is "stable" (${source})`;
const needsAlpha = (feature: string, now = 'beta') => `${feature} requires "enable-api-fields" feature gate to be "alpha" but it is "${now}": `;
const needsBeta = (feature: string) => `${feature} requires "enable-api-fields" feature gate to be "alpha" or "beta" but it is "stable": `;
// the prop of the library's TektonFeatureFlags that writes the flag, for an app
const setAlpha = (field: string, kind: string) => `Set enable-api-fields: "alpha" in the feature-flags ConfigMap (namespace tekton-pipelines; TektonFeatureFlags apiFields: ApiFields.ALPHA), or remove ${field} from the ${kind}.`;
const setBeta = (field: string, kind: string) => `Set enable-api-fields: "beta" in the feature-flags ConfigMap (namespace tekton-pipelines; TektonFeatureFlags apiFields: ApiFields.BETA), or remove ${field} from the ${kind}.`;
const CEL_FIX = 'Set enable-cel-in-whenexpression: "true" in the feature-flags ConfigMap (namespace tekton-pipelines), or write the condition as input, operator and values.';
const enumWhat = (name: string, source: string) => `restricts the param ${name} to a list of values: Tekton's webhook admits an enum only while the feature flag enable-param-enum is "true", and it is "false" (${source})`;
const enumFix = (name: string) => `Set enable-param-enum: "true" in the feature-flags ConfigMap (namespace tekton-pipelines), or remove the enum of ${name}.`;
const ARTIFACTS_FIX = 'Set enable-artifacts: "true" in the feature-flags ConfigMap (namespace tekton-pipelines), or pass the files another way (a workspace, a result).';
const INLINE_FIX = 'Reference the Task by name instead of embedding it, or remove "pipeline" from disable-inline-spec in the feature-flags ConfigMap (namespace tekton-pipelines; TektonFeatureFlags disableInlineSpec without InlineSpecKind.PIPELINE).';

/** Objects with fields behind feature flags, the feature-flags ConfigMap checked with them (none: Tekton's defaults), and the findings. */
type Want = { property: string; value?: string; what: string; tekton: string; fix: string };
const GATED: Array<[string, any, Record<string, string> | undefined, Want[]]> = [
  ['by default: a when expression\'s cel, a pipeline param\'s enum, an embedded Task\'s enum, two pipelines in pipelines (alpha, one error) and alpha step fields',
    pipeline({
      params: [{ name: 'env', enum: ['dev', 'prod'] }],
      tasks: [
        pt('a', { when: [{ cel: "'$(params.env)' == 'prod'" }] }),
        { name: 'b', pipelineRef: { name: 'other' } },
        { name: 'c', pipelineRef: { name: 'third' } },
        pt('d', { taskSpec: { params: [{ name: 'level', enum: ['1', '2'] }], steps: [{ ...STEP, script: '#!win pwsh.exe\necho', stdoutConfig: { path: '/tmp/out' } }] } }),
      ],
    }), undefined, [
      { property: 'spec.params[0].enum', what: enumWhat('env', BY_DEFAULT), tekton: 'feature flag `enable-param-enum` should be set to true to use Enum: spec.finally.params[env], spec.tasks.params[env]', fix: enumFix('env') },
      { property: 'spec.tasks[3].taskSpec.params[0].enum', what: enumWhat('level', BY_DEFAULT), tekton: 'feature flag `enable-param-enum` should be set to true to use Enum: spec.tasks[3].taskSpec.params[level]', fix: enumFix('level') },
      {
        property: 'spec.tasks[0].when[0].cel',
        value: "'$(params.env)' == 'prod'",
        what: `is a CEL expression: Tekton's webhook admits one in a when expression only while the feature flag enable-cel-in-whenexpression is "true", and it is "false" (${BY_DEFAULT})`,
        tekton: 'feature flag enable-cel-in-whenexpression should be set to true to use CEL: \'$(params.env)\' == \'prod\' in WhenExpression: spec.tasks[0].when[0]',
        fix: CEL_FIX,
      },
      { property: 'spec.tasks[1].pipelineRef', what: `${alphaField(BY_DEFAULT)}; so is spec.tasks[2].pipelineRef, of one error`, tekton: needsAlpha('pipelineRef'), fix: setAlpha('pipelineRef', 'Pipeline') },
      { property: 'spec.tasks[3].taskSpec.steps[0].script', what: alphaField(BY_DEFAULT), tekton: needsAlpha('windows script support'), fix: setAlpha('script', 'Pipeline') },
      { property: 'spec.tasks[3].taskSpec.steps[0].stdoutConfig', what: alphaField(BY_DEFAULT), tekton: needsAlpha('step stdout stream support'), fix: setAlpha('stdoutConfig', 'Pipeline') },
    ]],
  ['by default: a TaskRun\'s debug, and a Task named in the concise resolver syntax', taskRun({
    taskRef: { resolver: 'git', name: 'https://github.com/org/repo/raw/main/task.yaml' },
    debug: { breakpoints: { onFailure: 'enabled' } },
  }), undefined, [
    {
      property: 'spec.taskRef.name',
      value: 'https://github.com/org/repo/raw/main/task.yaml',
      what: `names what to fetch in the concise resolver syntax: Tekton's webhook admits it only while the feature flag enable-concise-resolver-syntax is "true", and it is "false" (${BY_DEFAULT})`,
      tekton: 'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax: ',
      fix: 'Set enable-concise-resolver-syntax: "true" in the feature-flags ConfigMap (namespace tekton-pipelines), or give the resolver its params (params: [{ name: ..., value: ... }]) in place of the name.',
    },
    { property: 'spec.debug', what: alphaField(BY_DEFAULT), tekton: needsAlpha('debug'), fix: setAlpha('debug', 'TaskRun') },
  ]],
  ['by default: steps that refer to artifacts (a step\'s other gated fields are not checked then), and pipeline tasks whose params do (the first)', pipeline({
    tasks: [
      pt('a', { taskSpec: { steps: [{ ...STEP, script: '#!/bin/sh\necho x > $(step.artifacts.path)', stdoutConfig: { path: '/tmp/o' } }, { name: 'u', image: IMAGE, args: ['--from', '$(steps.s.outputs.image)'] }] } }),
      pt('b', { params: [{ name: 'in', value: ['$(tasks.a.outputs.image)'] }] }),
    ],
    finally: [pt('f', { params: [{ name: 'in', value: '$(tasks.a.outputs.image)' }] })],
  }), undefined, [
    {
      property: 'spec.tasks[1].params[0].value',
      value: '$(tasks.a.outputs.image)',
      what: `refers to a task's artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT})`,
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[1].params',
      fix: ARTIFACTS_FIX,
    },
    {
      property: 'spec.tasks[0].taskSpec.steps[0].script',
      value: '#!/bin/sh\necho x > $(step.artifacts.path)',
      what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT})`,
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[0].taskSpec.steps[0]',
      fix: ARTIFACTS_FIX,
    },
    {
      property: 'spec.tasks[0].taskSpec.steps[1].args[1]',
      value: '$(steps.s.outputs.image)',
      what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT})`,
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[0].taskSpec.steps[1]',
      fix: ARTIFACTS_FIX,
    },
  ]],
  ['by default: a stepTemplate\'s env, command or args that refer to artifacts, merged into a step that sets none of its own (Tekton validates the merged steps)', pipeline({
    tasks: [
      pt('a', { taskSpec: { stepTemplate: { env: [{ name: 'OUT', value: '$(step.artifacts.path)' }] }, steps: [STEP, { ...STEP, name: 'own', env: [{ name: 'OUT', value: '/tmp/o' }] }] } }),
      pt('b', { taskSpec: { stepTemplate: { args: ['--from', '$(steps.s.outputs.image)'] }, steps: [STEP, { ...STEP, name: 'own', args: ['x'] }] } }),
    ],
  }), undefined, [
    {
      property: 'spec.tasks[0].taskSpec.stepTemplate.env[OUT].value',
      value: '$(step.artifacts.path)',
      what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT}); `
        + 'the stepTemplate gives it to spec.tasks[0].taskSpec.steps[0]',
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[0].taskSpec.steps[0]',
      fix: ARTIFACTS_FIX,
    },
    {
      property: 'spec.tasks[1].taskSpec.stepTemplate.args[1]',
      value: '$(steps.s.outputs.image)',
      what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT}); `
        + 'the stepTemplate gives it to spec.tasks[1].taskSpec.steps[0]',
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[1].taskSpec.steps[0]',
      fix: ARTIFACTS_FIX,
    },
  ]],
  ['enable-api-fields "stable": a pipeline task\'s resolver, its params, onError and matrix, a step\'s workspaces and a sidecar\'s',
    pipeline({
      tasks: [
        { name: 'a', taskRef: { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/t.git' }] }, onError: 'continue', matrix: { params: [{ name: 'os', value: ['linux', 'mac'] }] } },
        pt('b', { taskSpec: { workspaces: [{ name: 'w' }], steps: [{ ...STEP, workspaces: [{ name: 'w' }] }], sidecars: [{ name: 'c', image: IMAGE, workspaces: [{ name: 'w' }] }] } }),
      ],
      workspaces: [],
    }), { 'enable-api-fields': 'stable' }, [
      { property: 'spec.tasks[0].taskRef.resolver', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('taskref.resolver'), fix: setBeta('resolver', 'Pipeline') },
      { property: 'spec.tasks[0].taskRef.params', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('taskref.params'), fix: setBeta('params', 'Pipeline') },
      { property: 'spec.tasks[0].taskRef.params', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('resolver params'), fix: setBeta('params', 'Pipeline') },
      { property: 'spec.tasks[0].taskRef.resolver', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('resolver'), fix: setBeta('resolver', 'Pipeline') },
      { property: 'spec.tasks[0].onError', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('OnError'), fix: setBeta('onError', 'Pipeline') },
      { property: 'spec.tasks[0].matrix', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('matrix'), fix: setBeta('matrix', 'Pipeline') },
      { property: 'spec.tasks[1].taskSpec.steps[0].workspaces', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('step workspaces'), fix: setBeta('workspaces', 'Pipeline') },
      { property: 'spec.tasks[1].taskSpec.sidecars[0].workspaces', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('sidecar workspaces'), fix: setBeta('workspaces', 'Pipeline') },
    ]],
  ['enable-api-fields "stable": a PipelineRun\'s resolver and its task run specs', pipelineRun({
    pipelineRef: { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/p.git' }] },
    taskRunSpecs: [{ pipelineTaskName: 'a', stepSpecs: [{ name: 's', computeResources: {} }], computeResources: { requests: { cpu: '1' } } }],
  }), { 'enable-api-fields': 'stable' }, [
    { property: 'spec.pipelineRef.params', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('resolver params'), fix: setBeta('params', 'PipelineRun') },
    { property: 'spec.pipelineRef.resolver', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('resolver'), fix: setBeta('resolver', 'PipelineRun') },
    { property: 'spec.taskRunSpecs[0].stepSpecs', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('stepSpecs'), fix: setBeta('stepSpecs', 'PipelineRun') },
    { property: 'spec.taskRunSpecs[0].computeResources', what: betaField(BY_CONFIG_MAP), tekton: needsBeta('computeResources'), fix: setBeta('computeResources', 'PipelineRun') },
  ]],
  ['disable-inline-spec "pipeline": each embedded Task of a pipeline, a field of its own', pipeline({ tasks: [pt('a'), { name: 'b', taskRef: { name: 't' } }, pt('c')] }), { 'disable-inline-spec': 'pipeline' }, [
    {
      property: 'spec.tasks[0].taskSpec',
      what: 'is an embedded spec, which the feature flag disable-inline-spec disables for a Pipeline\'s pipeline tasks (it lists "pipeline": "pipeline", as the feature-flags checked with it set it)',
      tekton: 'must not set the field(s): spec.tasks[0].taskSpec',
      fix: INLINE_FIX,
    },
    {
      property: 'spec.tasks[2].taskSpec',
      what: 'is an embedded spec, which the feature flag disable-inline-spec disables for a Pipeline\'s pipeline tasks (it lists "pipeline": "pipeline", as the feature-flags checked with it set it)',
      tekton: 'must not set the field(s): spec.tasks[2].taskSpec',
      fix: INLINE_FIX,
    },
  ]],
  ['enable-api-fields "alpha": a pipeline task with neither a Task nor a pipeline is refused naming the four', pipeline({ tasks: [{ name: 'a' }, { name: 'b', pipelineRef: { name: 'p' } }] }), { 'enable-api-fields': 'alpha' }, [{
    property: 'spec.tasks[0].taskRef',
    what: 'is not given, nor is taskSpec: the pipeline task runs nothing',
    tekton: 'expected exactly one, got neither: spec.tasks[0].pipelineRef, spec.tasks[0].pipelineSpec, spec.tasks[0].taskRef, spec.tasks[0].taskSpec',
    fix: 'Give the pipeline task \'a\' taskRef: { name: <Task> } or taskSpec: { steps: [...] }.',
  }]],
  ['a step\'s reference to a step\'s artifacts outside env, command, args and script, to a step\'s results outside env, command and args (Tekton refuses them whatever the flags, after the step\'s flags)', task({
    stepTemplate: { workingDir: '$(step.artifacts.path)' },
    steps: [
      { ...STEP, image: 'alpine:$(steps.a.outputs.tag)', volumeMounts: [{ name: 'v', mountPath: '/out/$(steps.a.outputs.dir)' }] },
      { ...STEP, name: 'own', workingDir: '/w', script: 'echo $(steps.s.results.r)' },
      { ...STEP, name: 'flag', workingDir: '/w', volumeMounts: [{ name: 'v', mountPath: '$(step.artifacts.path)' }], args: ['$(step.artifacts.path)'] },
    ],
  }), undefined, [
    {
      property: 'spec.steps[0].image',
      value: 'alpine:$(steps.a.outputs.tag)',
      what: 'refers to a step\'s artifacts where Tekton\'s webhook refuses a reference to them: only env, command, args or script may hold one; so do spec.stepTemplate.workingDir, spec.steps[0].volumeMounts[0].mountPath',
      tekton: 'stepArtifact substitutions are only allowed in env, command, args and script. Found usage in: spec.steps[0].image, spec.steps[0].volumeMounts.mountPath, spec.steps[0].workingDir',
      fix: 'Pass the artifact\'s value through env, command, args or script (env: [{ name: OUT, value: $(steps.<step>.outputs.<artifact>) }]) and use it from there.',
    },
    {
      property: 'spec.steps[1].script',
      value: 'echo $(steps.s.results.r)',
      what: 'refers to a step\'s results where Tekton\'s webhook refuses a reference to them: only env, command or args may hold one',
      tekton: 'stepResult substitutions are only allowed in env, command and args. Found usage in: spec.steps[1].script',
      fix: 'Pass the result\'s value through env, command or args (env: [{ name: OUT, value: $(steps.<step>.results.<result>) }]) and use it from there.',
    },
    {
      property: 'spec.steps[2].args[0]',
      value: '$(step.artifacts.path)',
      what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${BY_DEFAULT})`,
      tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.steps[2]',
      fix: ARTIFACTS_FIX,
    },
  ]],
  ['a ConfigMap without a namespace does not turn a gate on (Tekton may not read it), and does turn one off', task({
    params: [{ name: 'x', enum: ['a'] }],
    steps: [{ ...STEP, stderrConfig: { path: '/tmp/err' } }, { name: 'r', ref: { resolver: 'hub', params: [] } }, { name: 'q', ref: { resolver: 'hub', params: [{ name: 'url', value: 'v' }] } }],
  }), undefined, [
    {
      property: 'spec.params[0].enum',
      what: enumWhat('x', 'as the feature-flags checked with it, which name no namespace (tekton-pipelines is where Tekton reads them), or Tekton\'s default, set it'),
      tekton: 'feature flag `enable-param-enum` should be set to true to use Enum: spec.params[x]',
      fix: enumFix('x'),
    },
    {
      property: 'spec.steps[0].stderrConfig',
      what: alphaField('as the feature-flags checked with it, which name no namespace (tekton-pipelines is where Tekton reads them), or Tekton\'s default, set it', 'stable'),
      tekton: needsAlpha('step stderr stream support', 'stable'),
      fix: setAlpha('stderrConfig', 'Task'),
    },
    {
      property: 'spec.steps[1].ref.resolver',
      what: `${betaField('as the feature-flags checked with it, which name no namespace (tekton-pipelines is where Tekton reads them), or Tekton\'s default, set it')}; so is spec.steps[2].ref.resolver, of one error`,
      tekton: needsBeta('resolver'),
      fix: setBeta('resolver', 'Task'),
    },
    {
      property: 'spec.steps[2].ref.params',
      what: betaField('as the feature-flags checked with it, which name no namespace (tekton-pipelines is where Tekton reads them), or Tekton\'s default, set it'),
      tekton: needsBeta('resolver params'),
      fix: setBeta('params', 'Task'),
    },
  ]],
];
/** The ConfigMap of the last case: no namespace, enums on and `enable-api-fields` stable (the oracle is given Tekton's defaults' stricter union). */
const NO_NAMESPACE = featureFlags({ 'enable-param-enum': 'true', 'enable-api-fields': 'stable' }, null);

/** The manifests each GATED case is checked with. */
const gatedContext = (o: any, flags: Record<string, string> | undefined, i: number) =>
  ruleContext([o, ...(i === GATED.length - 1 ? [NO_NAMESPACE] : flags ? [featureFlags(flags)] : [])]);

describe('TEKTON_ADMITTED: fields behind feature flags', () => {
  test.each(GATED.map((c, i) => [...c, i] as const))('%s', (_, o, flags, want, i) => {
    const found = TEKTON_ADMITTED.check(o, gatedContext(o, flags, i));
    expect(found.map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }))).toEqual(want.map((w) => ({
      property: w.property,
      value: w.value,
      problem: `${w.what}: ${REFUSED.replace('the Pipeline', `the ${o.kind}`)}${w.tekton})`,
      fix: w.fix,
    })));
  });

  test('feature-flags that turn every gate on: no finding', () => {
    const on = featureFlags({ 'enable-api-fields': 'alpha', 'enable-cel-in-whenexpression': 'true', 'enable-param-enum': 'true', 'enable-artifacts': 'true', 'enable-concise-resolver-syntax': 'true' });
    expect(GATED.slice(0, 5).map(([, o]) => TEKTON_ADMITTED.check(o, ruleContext([o, on])))).toEqual([[], [], [], [], []]);
  });

  test('a feature-flags ConfigMap Tekton cannot read leaves its defaults; of several, the one that shuts the most gates is read', () => {
    const tr = taskRun({ taskRef: { name: 't' }, debug: { breakpoints: { onFailure: 'enabled' } } });
    const what = (manifests: any[]) => TEKTON_ADMITTED.check(tr, ruleContext([tr, ...manifests])).map((f) => f.problem.split(': Tekton\'s webhook refuses')[0]);
    expect(what([featureFlags({ 'enable-api-fields': 'alpha', 'enable-param-enum': 'maybe' })]))
      .toEqual([alphaField('as Tekton\'s default (Tekton cannot read the feature-flags checked with it)')]);
    const alpha = featureFlags({ 'enable-api-fields': 'alpha' });
    const stable = { ...featureFlags({ 'enable-api-fields': 'STABLE' }), metadata: { name: 'feature-flags', namespace: 'tekton-pipelines', labels: { copy: '2' } } };
    expect(what([alpha, stable])).toEqual([alphaField('as the feature-flags checked with it (ConfigMap 2 of the 2 named feature-flags, any of which the cluster may keep) set it', 'stable')]);
  });

  test('a Tekton operator\'s TektonConfig is read over any feature-flags ConfigMap', () => {
    const [, o] = GATED[1];
    const config = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: { 'enable-api-fields': 'alpha' } } };
    // debug admitted under its alpha; the concise resolver syntax, which it leaves at Tekton's release value, refused
    expect(TEKTON_ADMITTED.check(o, ruleContext([o, config, featureFlags({ 'enable-api-fields': 'stable' })])).map((f) => f.property)).toEqual(['spec.taskRef.name']);
  });
});

describe('TEKTON_ADMITTED: under a Tekton operator, the fix names the field of its object that writes the flag', () => {
  const tektonConfig = (settings: any) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: settings } });
  const fixes = (o: any, ...manifests: any[]) => TEKTON_ADMITTED.check(o, ruleContext([o, ...manifests])).map((f) => f.fix);
  const WRITES = '(the operator writes the feature-flags ConfigMap from it, over any ConfigMap of that name)';

  test('a typed field, as its type is written (a string quoted, a bool not), and one the operator writes from options', () => {
    const p = pipeline({
      tasks: [{
        name: 'a',
        taskRef: { name: 'git://github.com/example/tasks/a.yaml' },
        matrix: { params: [{ name: 'x', value: ['1', '2'] }] },
        when: [{ cel: '1 == 1' }],
      }],
    });
    expect(fixes(p, tektonConfig({ 'enable-api-fields': 'stable' }), featureFlags({ 'enable-api-fields': 'alpha' }))).toEqual([
      // a flag the operator has no typed field for: its options
      `Set spec.pipeline.options.configMaps['feature-flags'].data['enable-concise-resolver-syntax']: "true" in TektonConfig 'config' ${WRITES}, or give the resolver its params (params: [{ name: ..., value: ... }]) in place of the name.`,
      `Set spec.pipeline['enable-api-fields']: "beta" in TektonConfig 'config' ${WRITES}, or remove matrix from the Pipeline.`,
      `Set spec.pipeline['enable-cel-in-whenexpression']: true in TektonConfig 'config' ${WRITES}, or write the condition as input, operator and values.`,
    ]);
  });

  test('a flag written in the options: the options, which the operator applies last', () => {
    const t = task({ params: [{ name: 'p', enum: ['a'] }], steps: [{ name: 's', image: 'alpine', script: '#!/bin/sh\n' }] });
    expect(fixes(t, tektonConfig({ 'enable-param-enum': true, 'options': { configMaps: { 'feature-flags': { data: { 'enable-param-enum': 'false' } } } } }))).toEqual([
      `Set spec.pipeline.options.configMaps['feature-flags'].data['enable-param-enum']: "true" in TektonConfig 'config' ${WRITES}, or remove the enum of p.`,
    ]);
  });

  test('a TektonPipeline checked without a TektonConfig: the operator creates its own, so the fix is a TektonConfig written with it', () => {
    const p = pipeline({ tasks: [{ name: 'a', taskRef: { name: 't' }, when: [{ cel: '1 == 1' }] }] });
    const tektonPipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { 'targetNamespace': 'tekton-pipelines', 'enable-cel-in-whenexpression': true } };
    expect(fixes(p, tektonPipeline)).toEqual([
      'Set spec.pipeline[\'enable-cel-in-whenexpression\']: true in a TektonConfig \'config\' written with the others (the operator writes the feature-flags ConfigMap from it, '
      + 'over any ConfigMap of that name; without one, it creates its own, with its defaults, whose settings replace those of TektonPipeline \'pipeline\'), '
      + 'or write the condition as input, operator and values.',
    ]);
  });

  test('disable-inline-spec: the field that lists the kinds', () => {
    const p = pipeline({ tasks: [pt('a')] });
    expect(fixes(p, tektonConfig({ 'disable-inline-spec': 'pipeline' }))).toEqual([
      `Reference the Task by name instead of embedding it, or remove "pipeline" from spec.pipeline['disable-inline-spec'] in TektonConfig 'config' ${WRITES}.`,
    ]);
  });
});

describeWithOracle('Tekton v1.15\'s webhook refuses the fields behind feature flags TEKTON_ADMITTED finds, with the errors it quotes', () => {
  // the webhook lists every field of one message after it: each quote is the message and some of them
  const split = (text: string) => {
    const i = text.lastIndexOf(': ');
    return { message: text.slice(0, i), fields: text.slice(i + 2).split(', ').filter((f) => f !== '') };
  };
  test.each(GATED.map((c, i) => [...c, i] as const))('%s', (_, o, flags, want, i) => {
    // a ConfigMap without a namespace: the oracle is given the flags that keep each gate shut
    const oracleFlags = i === GATED.length - 1 ? { 'enable-api-fields': 'stable' } : flags;
    const errors = runOracle([o], { flags: oracleFlags }).verdicts[0].errors.map((e) => split(e.split('\n')[0]));
    const quotes = TEKTON_ADMITTED.check(o, gatedContext(o, flags, i)).map((f) => split(f.problem.split('validation failed: ')[1].slice(0, -1)));
    const quoted = (q: { message: string; fields: string[] }) =>
      errors.some((e) => e.message === q.message && q.fields.every((f) => e.fields.includes(f)));
    expect(quotes.map(quoted)).toEqual(want.map(() => true));
    // and every error of the webhook is quoted
    expect(errors.map((e) => quotes.some((q) => q.message === e.message))).toEqual(errors.map(() => true));
  });
});

/** The feature-flags that turn param enums and CEL in when expressions on. */
const ENUM_AND_CEL_ON = { 'enable-param-enum': 'true', 'enable-cel-in-whenexpression': 'true' };
const BY_FLAGS_ON = 'as the feature-flags checked with it set it';
const CEL_COMPILES = 'Tekton\'s webhook compiles a when expression\'s cel, with cel-go\'s standard library and no variable declared, '
  + `while the feature flag enable-cel-in-whenexpression is "true" (${BY_FLAGS_ON})`;
const CEL_NO_VARIABLES = 'Write a CEL expression that compiles without variables: Tekton replaces its own variables as text before it evaluates the expression, '
  + 'so quote each one as a string (\'$(params.env)\' == \'prod\').';
const CEL_QUOTE = 'Quote each of Tekton\'s variables as a CEL string';
// (a comparison of a run's param with a constant: quoted, it would compile but paste the param into code, SCRIPT_INJECTION's finding)
const CEL_AS_DATA = 'Write the condition as input, operator and values, which Tekton compares as data: when: [{ input: \'$(params.env)\', operator: in, values: '
  + '[\'prod\'] }]. Quoted as a CEL string (cel: "\'$(params.env)\' == \'prod\'") it compiles, but pastes $(params.env) into code that a caller\'s value can '
  + 'rewrite (SCRIPT_INJECTION).';
const CEL_STANDARD = 'only functions of cel-go\'s standard library (contains, startsWith, endsWith, matches, size, int, string): Tekton loads none of cel-go\'s extensions';

/** Objects that pass the flags' own gates (the flags on), and what the webhook refuses in them then. */
const FLAGS_ON: Array<[string, any, Want[]]> = [
  ['a pipeline param\'s enum: of an array param, a value twice, a default not in it', pipeline({
    params: [
      { name: 'env', enum: ['dev', 'prod', 'dev'], default: 'test' },
      { name: 'list', type: 'array', enum: ['a'] },
      { name: 'inferred', default: ['a'], enum: ['a'] },
      { name: 'count', default: 1, enum: ['2'] },
      { name: 'ok', enum: ['a', 'b'], default: 'a' },
    ],
    tasks: [pt('a')],
  }), [
    {
      property: 'spec.params[0].enum[2]',
      value: 'dev',
      what: 'is given more than once in the enum of the param env',
      tekton: 'parameter enum value dev appears more than once: spec.finally.params[env], spec.tasks.params[env]',
      fix: 'Give each value of the enum of env once.',
    },
    {
      property: 'spec.params[0].default',
      value: 'test',
      what: 'is not one of the values of the enum of the param env ("dev", "prod", "dev"), which its default must be',
      tekton: 'param default value test not in the enum list: spec.finally.params[env], spec.tasks.params[env]',
      fix: 'Make the default of env one of its enum\'s values, or add it to the enum.',
    },
    {
      property: 'spec.params[1].enum',
      what: 'restricts the param list, of type array, to a list of values, which only a string param may have',
      tekton: 'enum can only be set with string type param: spec.finally.params[list], spec.tasks.params[list]',
      fix: 'Remove the enum of list, or make it a string param (type: string).',
    },
    {
      property: 'spec.params[2].enum',
      what: 'restricts the param inferred, of type array (as Tekton infers it from its default or properties), to a list of values, which only a string param may have',
      tekton: 'enum can only be set with string type param: spec.finally.params[inferred], spec.tasks.params[inferred]',
      fix: 'Remove the enum of inferred, or make it a string param (type: string).',
    },
    {
      property: 'spec.params[3].default',
      value: '1',
      what: 'is not one of the values of the enum of the param count ("2"), which its default must be',
      tekton: 'param default value 1 not in the enum list: spec.finally.params[count], spec.tasks.params[count]',
      fix: 'Make the default of count one of its enum\'s values, or add it to the enum.',
    },
  ]],
  ['a Task\'s and an embedded Task\'s enums', pipeline({
    tasks: [pt('a', { taskSpec: { params: [{ name: 'level', properties: { k: {} }, enum: ['1'] }], ...STEPS } })],
  }), [{
    property: 'spec.tasks[0].taskSpec.params[0].enum',
    what: 'restricts the param level, of type object (as Tekton infers it from its default or properties), to a list of values, which only a string param may have',
    tekton: 'enum can only be set with string type param: spec.tasks[0].taskSpec.params[level]',
    fix: 'Remove the enum of level, or make it a string param (type: string).',
  }]],
  ['when expressions\' cel: beside input, operator or values; one that does not parse, names no variable, calls no function (of the standard library, of an extension), or mistypes', pipeline({
    params: [{ name: 'env' }],
    tasks: [
      pt('a', {
        when: [
          { cel: '$(params.env) == \'prod\'' },
          { cel: 'params.env == \'prod\'' },
          { cel: '\'$(params.env)\'.lowerAscii() == \'prod\'' },
          { cel: '\'$(params.env)\' == 1' },
          { cel: '\'$(params.env)\' == \'prod\'' },
          { cel: 'true', input: 'a', operator: 'in', values: ['a', 'b'] },
        ],
      }),
      pt('b', {
        when: [
          { cel: '[\'a\'].all(x, x.size() > 0)' },
          { cel: 'google.protobuf.Int32Value{value: 1} == \'a\'' },
          { cel: 'base64.encode(b\'a\') == \'YQ==\'' },
          { cel: '$(params.env) > 1' },
          { cel: 'params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'' },
        ],
      }),
    ],
  }), [
    {
      property: 'spec.tasks[0].when[0].cel',
      value: '$(params.env) == \'prod\'',
      what: `does not compile as CEL, since it does not parse (the character "$" at character 1, which is no CEL token; a Tekton variable outside quotes is no CEL): ${CEL_COMPILES}`,
      // (cel-go's error, the second path: a token recognition error where a `$` is outside quotes, each line of it joined as knative joins a path's parts)
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[0].$(params.env) == \'prod\', '
        + 'spec.tasks[0].when[0].ERROR: <input>:1:1: Syntax error: token recognition error at: \'$\'\n | $(params.env) == \'prod\'\n | ^',
      fix: CEL_AS_DATA,
    },
    {
      property: 'spec.tasks[0].when[1].cel',
      value: 'params.env == \'prod\'',
      what: `does not compile as CEL, since it refers to params, and the environment declares no variable: ${CEL_COMPILES}`,
      // (an undeclared reference, where the parse succeeds and the type check fails: sorted before the expression's path, as knative sorts paths)
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[1].ERROR: <input>:1:1: undeclared reference to \'params\' (in container \'\')\n'
        + ' | params.env == \'prod\'\n | ^, spec.tasks[0].when[1].params.env == \'prod\'',
      fix: CEL_AS_DATA,
    },
    {
      property: 'spec.tasks[0].when[2].cel',
      value: '\'$(params.env)\'.lowerAscii() == \'prod\'',
      what: `does not compile as CEL, since it calls lowerAscii, which is no function of cel-go's standard library: ${CEL_COMPILES}`,
      // (a call of a function the environment does not declare: an undeclared reference at the call's `(`)
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[2].\'$(params.env)\'.lowerAscii() == \'prod\', spec.tasks[0].when[2].ERROR: <input>:1:27: '
        + 'undeclared reference to \'lowerAscii\' (in container \'\')\n | \'$(params.env)\'.lowerAscii() == \'prod\'\n | .^',
      fix: `Call ${CEL_STANDARD}, so lowerAscii is not there; to compare without case, use matches with (?i) ('$(params.env)'.matches('(?i)^prod$')).`,
    },
    {
      property: 'spec.tasks[0].when[3].cel',
      value: '\'$(params.env)\' == 1',
      what: `does not compile as CEL, since its type check fails: no overload of cel-go's standard library takes '_==_' applied to (string, int): ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[3].\'$(params.env)\' == 1',
      fix: 'Compare values of one type: a Tekton variable is a string once replaced, so compare it with a string (\'$(params.env)\' == \'1\') or convert it (int(\'$(params.env)\') == 1).',
    },
    {
      property: 'spec.tasks[1].when[2].cel',
      value: 'base64.encode(b\'a\') == \'YQ==\'',
      what: `does not compile as CEL, since it refers to base64 (as base64.…(…)), and the environment declares no variable and none of cel-go's extensions: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[1].when[2].ERROR: <input>:1:1: undeclared reference to \'base64\' (in container \'\')\n'
        + ' | base64.encode(b\'a\') == \'YQ==\'\n | ^\nERROR: <input>:1:14: undeclared reference to \'encode\' (in container \'\')\n | base64.encode(b\'a\') == \'YQ==\'\n'
        + ' | .^, spec.tasks[1].when[2].base64.encode(b\'a\') == \'YQ==\'',
      fix: 'Write the condition with the functions of cel-go\'s standard library alone (contains, startsWith, endsWith, matches, size, int, string): Tekton loads none of cel-go\'s extensions, so base64.…(…) is not there.',
    },
    {
      property: 'spec.tasks[1].when[3].cel',
      value: '$(params.env) > 1',
      what: `does not compile as CEL, since it does not parse (the character "$" at character 1, which is no CEL token; a Tekton variable outside quotes is no CEL): ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[1].when[3].$(params.env) > 1, '
        + 'spec.tasks[1].when[3].ERROR: <input>:1:1: Syntax error: token recognition error at: \'$\'\n | $(params.env) > 1\n | ^',
      fix: `${CEL_QUOTE} ("'$(params.env)' > 1"), and compare values of one type: a Tekton variable is a string once replaced, so compare it with a string `
        + '(\'$(params.env)\' == \'1\') or convert it (int(\'$(params.env)\') == 1).',
    },
    {
      property: 'spec.tasks[1].when[4].cel',
      value: 'params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'',
      // (cel-go's first error: the path before a method it does not declare is the method's target, params)
      what: `does not compile as CEL, since it refers to params, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[1].when[4].ERROR: <input>:1:1: undeclared reference to \'params\' (in container \'\')\n'
        + ' | params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'\n | ^\n'
        + 'ERROR: <input>:1:22: undeclared reference to \'upperAscii\' (in container \'\')\n | params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'\n'
        + ' | .^\n'
        + 'ERROR: <input>:1:38: undeclared reference to \'context\' (in container \'\')\n | params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'\n'
        + ' | .^, spec.tasks[1].when[4].params.env.upperAscii() == \'PROD\' && context.pipelineRun.name != \'x\'',
      fix: `${CEL_QUOTE} ("'$(params.env)'.upperAscii() == 'PROD' && '$(context.pipelineRun.name)' != 'x'"), and call ${CEL_STANDARD}, so upperAscii is not there; `
        + 'to compare without case, use matches with (?i) (\'$(params.env)\'.matches(\'(?i)^prod$\')).',
    },
    {
      property: 'spec.tasks[0].when[5].cel',
      value: 'true',
      what: 'is a CEL expression beside input, operator, values in one when expression: Tekton\'s webhook admits either a cel or an input, operator and values',
      tekton: 'cel and input+operator+values cannot be set in one WhenExpression: &{a in [a b] true}: ',
      fix: 'Write the condition either as cel or as input, operator and values: remove input, operator, values from spec.tasks[0].when[5], or the cel.',
    },
  ]],
  ['when expressions\' cel: a macro\'s or a method\'s call on a name no variable declares (the macro\'s own names bound)', pipeline({
    tasks: [pt('a', {
      when: [
        { cel: 'x.all(y, y > 0)' },
        { cel: 'params.list.exists(e, e == \'a\')' },
        { cel: 'foo.bar.size() > 0' },
        { cel: '[1, 2].all(y, y > 0) && [1].exists(y, q.all(z, z > y))' },
        { cel: 'x.filter(y, y > 0) == [] || size(w) > 0' },
      ],
    })],
  }), [
    {
      property: 'spec.tasks[0].when[0].cel',
      value: 'x.all(y, y > 0)',
      what: `does not compile as CEL, since it refers to x, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[0].ERROR: <input>:1:1: undeclared reference to \'x\' (in container \'\')\n'
        + ' | x.all(y, y > 0)\n | ^, spec.tasks[0].when[0].x.all(y, y > 0)',
      fix: CEL_NO_VARIABLES,
    },
    {
      property: 'spec.tasks[0].when[1].cel',
      value: 'params.list.exists(e, e == \'a\')',
      what: `does not compile as CEL, since it refers to params, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[1].ERROR: <input>:1:1: undeclared reference to \'params\' (in container \'\')\n'
        + ' | params.list.exists(e, e == \'a\')\n | ^, spec.tasks[0].when[1].params.list.exists(e, e == \'a\')',
      fix: 'Test the values as data: a Tekton variable is a string once replaced, which exists cannot run over ("\'$(params.list)\'.exists(e, e == \'a\')" does not '
        + 'compile either); to test an array param\'s elements, write input, operator and values (when: [{ input: \'<value>\', operator: in, values: [\'$(params.list[*])\'] }]).',
    },
    {
      property: 'spec.tasks[0].when[2].cel',
      value: 'foo.bar.size() > 0',
      what: `does not compile as CEL, since it refers to foo, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[2].ERROR: <input>:1:1: undeclared reference to \'foo\' (in container \'\')\n'
        + ' | foo.bar.size() > 0\n | ^, spec.tasks[0].when[2].foo.bar.size() > 0',
      fix: CEL_NO_VARIABLES,
    },
    {
      property: 'spec.tasks[0].when[3].cel',
      value: '[1, 2].all(y, y > 0) && [1].exists(y, q.all(z, z > y))',
      what: `does not compile as CEL, since it refers to q, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[3].ERROR: <input>:1:39: undeclared reference to \'q\' (in container \'\')\n'
        + ' | [1, 2].all(y, y > 0) && [1].exists(y, q.all(z, z > y))\n | .^, spec.tasks[0].when[3][1, 2].all(y, y > 0) && [1].exists(y, q.all(z, z > y))',
      fix: CEL_NO_VARIABLES,
    },
    {
      property: 'spec.tasks[0].when[4].cel',
      value: 'x.filter(y, y > 0) == [] || size(w) > 0',
      what: `does not compile as CEL, since it refers to x, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[4].ERROR: <input>:1:1: undeclared reference to \'x\' (in container \'\')\n'
        + ' | x.filter(y, y > 0) == [] || size(w) > 0\n | ^\nERROR: <input>:1:34: undeclared reference to \'w\' (in container \'\')\n'
        + ' | x.filter(y, y > 0) == [] || size(w) > 0\n | .^, spec.tasks[0].when[4].x.filter(y, y > 0) == [] || size(w) > 0',
      fix: CEL_NO_VARIABLES,
    },
  ]],
  ['when expressions\' cel: a macro\'s name called with other arguments, and cel-go\'s first error quoted where it refers to several undeclared names', pipeline({
    tasks: [pt('a', { when: [{ cel: '[1].all(1)' }, { cel: '.foo(1) && bar' }, { cel: '.lists.foo(2)' }] })],
  }), [
    {
      property: 'spec.tasks[0].when[0].cel',
      value: '[1].all(1)',
      what: `does not compile as CEL, since it calls all, which is no function of cel-go's standard library: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[0].ERROR: <input>:1:8: undeclared reference to \'all\' (in container \'\')\n'
        + ' | [1].all(1)\n | .^, spec.tasks[0].when[0][1].all(1)',
      fix: 'Call all as the macro of cel-go\'s standard library is written, <list or map>.all(x, <predicate of x>): called otherwise (other arguments, or as a '
        + 'method where it is a function\'s or the reverse), cel-go\'s parser expands no macro, and no function of that name is declared.',
    },
    {
      property: 'spec.tasks[0].when[1].cel',
      value: '.foo(1) && bar',
      what: `does not compile as CEL, since it calls .foo, which is no function of cel-go's standard library: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[1].ERROR: <input>:1:5: undeclared reference to \'.foo\' (in container \'\')\n'
        + ' | .foo(1) && bar\n | .^\nERROR: <input>:1:12: undeclared reference to \'bar\' (in container \'\')\n | .foo(1) && bar\n | .^, spec.tasks[0].when[1].foo(1) && bar',
      fix: `Call ${CEL_STANDARD}, so .foo is not there.`,
    },
    {
      property: 'spec.tasks[0].when[2].cel',
      value: '.lists.foo(2)',
      what: `does not compile as CEL, since it refers to .lists, and the environment declares no variable: ${CEL_COMPILES}`,
      tekton: 'invalid cel expression: %s with err: %s: spec.tasks[0].when[2].ERROR: <input>:1:2: undeclared reference to \'.lists\' (in container \'\')\n'
        + ' | .lists.foo(2)\n | .^\nERROR: <input>:1:11: undeclared reference to \'foo\' (in container \'\')\n | .lists.foo(2)\n | .^, spec.tasks[0].when[2].lists.foo(2)',
      fix: CEL_NO_VARIABLES,
    },
  ]],
  ['a StepAction: no image, a script beside a command and with a param, a param declared twice', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: { script: 'echo $(params.x-y)', command: ['sh'], params: [{ name: 'x-y' }, { name: 'x-y' }] },
  }, [
    {
      property: 'spec.image',
      what: 'is not given: a StepAction names the image its step runs',
      tekton: 'missing field(s): spec.Image',
      fix: 'Give the StepAction an image (image: <registry>/<image>@sha256:<digest>).',
    },
    {
      property: 'spec.script',
      what: 'is given beside command: a StepAction runs either its script or its command',
      tekton: 'script cannot be used with command: spec.script',
      fix: 'Remove the command, or the script (moving it into command and args).',
    },
    {
      property: 'spec.script',
      value: '$(params.x-y)',
      what: 'refers to a param: Tekton\'s webhook refuses a $(params.…) in a StepAction\'s script',
      tekton: 'param substitution in scripts is not allowed.: spec.script',
      fix: 'Pass the param through an env variable (env: [{ name: X_Y, value: $(params.x-y) }]) and read the variable in the script.',
    },
    {
      property: 'spec.params[1].name',
      value: 'x-y',
      what: 'declares the param twice',
      tekton: 'parameter appears more than once: spec.params[x-y]',
      fix: 'Declare the param x-y once in the StepAction\'s params.',
    },
  ]],
  ['a StepAction\'s undeclared params and results, and a volume mount not named by a param', {
    apiVersion: 'tekton.dev/v1alpha1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: {
      image: 'alpine:$(params.tag)',
      params: [{ name: 'vol' }],
      args: ['$(params.a)', '$(params.vol)'],
      env: [{ name: 'E', value: '$(params.b)' }],
      script: '#!/bin/sh\necho hi > $(step.results.out.path)',
      results: [{ name: 'digest' }],
      volumeMounts: [{ name: 'shared', mountPath: '/s' }, { name: '$(params.other)', mountPath: '/t' }, { name: 'cache', mountPath: '/c' }],
    },
  }, [
    {
      property: 'spec.image',
      value: '$(params.tag)',
      what: 'refers to the param "tag", which the StepAction does not declare (its params declares "vol")',
      tekton: 'non-existent variable in "alpine:$(params.tag)": spec.image',
      fix: 'Declare the param in the StepAction\'s params (- name: tag), or refer to one it declares.',
    },
    {
      property: 'spec.args[0]',
      value: '$(params.a)',
      what: 'refers to the param "a", which the StepAction does not declare (its params declares "vol")',
      tekton: 'non-existent variable in "$(params.a)": spec.args[0]',
      fix: 'Declare the param in the StepAction\'s params (- name: a), or refer to one it declares.',
    },
    {
      property: 'spec.env[E].value',
      value: '$(params.b)',
      what: 'refers to the param "b", which the StepAction does not declare (its params declares "vol")',
      tekton: 'non-existent variable in "$(params.b)": spec.env[E]',
      fix: 'Declare the param in the StepAction\'s params (- name: b), or refer to one it declares.',
    },
    {
      property: 'spec.volumeMounts[1].name',
      value: '$(params.other)',
      what: 'refers to the param "other", which the StepAction does not declare (its params declares "vol")',
      tekton: 'non-existent variable in "$(params.other)": spec.volumeMounts[1]',
      fix: 'Declare the param in the StepAction\'s params (- name: other), or refer to one it declares.',
    },
    {
      property: 'spec.script',
      value: '$(step.results.out.path)',
      what: 'refers to the result "out", which the StepAction does not declare (its results declares "digest")',
      tekton: 'non-existent variable in "#!/bin/sh\\necho hi > $(step.results.out.path)": spec.script',
      fix: 'Declare the result in the StepAction\'s results (- name: out), or refer to one it declares.',
    },
    {
      property: 'spec.volumeMounts[0].name',
      value: 'shared',
      what: 'is not one $(params.<name>): Tekton\'s webhook takes a StepAction\'s volume mount\'s name from a param only (expect the Name to be a single param reference), '
        + 'which the step that runs the StepAction gives the name of a volume of its Task',
      tekton: 'invalid value: shared: spec.volumeMounts[0].name',
      fix: 'Declare a param for the volume\'s name (params: [{ name: shared }]) and write name: $(params.shared); the step that runs the StepAction passes it '
        + 'the name of a volume of its Task (params: [{ name: shared, value: <volume> }]).',
    },
  ]],
  ['a StepAction\'s windows script, an alpha field', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: { image: 'mcr.microsoft.com/powershell', script: '#!win pwsh.exe\necho hi' },
  }, [{
    property: 'spec.script',
    what: alphaField(BY_FLAGS_ON),
    tekton: needsAlpha('windows script support'),
    fix: setAlpha('script', 'StepAction'),
  }]],
  ['a StepAction\'s volume mount named as a param it declares: the fix writes that param', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: { image: 'alpine', params: [{ name: 'cache' }], volumeMounts: [{ name: 'cache', mountPath: '/cache' }], command: ['ls', '/cache'] },
  }, [{
    property: 'spec.volumeMounts[0].name',
    value: 'cache',
    what: 'is not one $(params.<name>): Tekton\'s webhook takes a StepAction\'s volume mount\'s name from a param only (expect the Name to be a single param reference), '
      + 'which the step that runs the StepAction gives the name of a volume of its Task',
    tekton: 'invalid value: cache: spec.volumeMounts[0].name',
    fix: 'Write name: $(params.cache); the step that runs the StepAction passes it the name of a volume of its Task (params: [{ name: cache, value: <volume> }]).',
  }]], ['a StepAction\'s array param used as a string or beside other text, an object param whole and a key its properties do not declare', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: {
      image: IMAGE,
      params: [{ name: 'flags', type: 'array' }, { name: 'git', properties: { url: {} } }],
      env: [{ name: 'F', value: '$(params.flags)' }, { name: 'W', value: '$(params.git)' }],
      args: ['--x=$(params.flags[*])', '$(params.flags[*])', '$(params.git.nope)', '$(params.git.url)'],
    },
  }, [
    {
      property: 'spec.args[0]',
      value: '$(params.flags[*])',
      what: 'refers to the array param "flags" with other text in one entry: Tekton\'s webhook admits an array param in command and args only as an entry of its own',
      tekton: 'variable is not properly isolated in "--x=$(params.flags[*])": spec.args[0]',
      fix: 'Give the reference an entry of its own (args: [..., "$(params.flags[*])", ...]), or refer to one element ($(params.flags[0])).',
    },
    {
      property: 'spec.args[2]',
      value: '$(params.git.nope)',
      what: 'refers to the key "nope" of the object param "git", whose properties do not declare it (they declare "url")',
      tekton: 'non-existent variable in "$(params.git.nope)": spec.args[2]',
      fix: 'Declare the key in the param\'s properties (nope: { type: string }), or refer to one it declares.',
    },
    {
      property: 'spec.env[F].value',
      value: '$(params.flags)',
      what: 'refers to the array param "flags" as a string: Tekton\'s webhook admits an array param in a StepAction\'s command and args only, each reference alone in its entry',
      tekton: 'variable type invalid in "$(params.flags)": spec.env[F]',
      fix: 'Refer to one element ($(params.flags[0])), or pass the array in args (args: ["$(params.flags[*])"]).',
    },
    {
      property: 'spec.env[W].value',
      value: '$(params.git)',
      what: 'refers to the object param "git" whole: Tekton\'s webhook admits only its keys in a StepAction ($(params.git.<key>))',
      tekton: 'variable type invalid in "$(params.git)": spec.env[W]',
      fix: 'Refer to a key of it ($(params.git.url)).',
    },
  ]],
  ['a StepAction\'s params\' and results\' types, defaults, properties and names', {
    apiVersion: 'tekton.dev/v1alpha1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: {
      image: IMAGE,
      params: [
        { name: 'a', type: 'number' }, { name: 'b', type: 'string', default: ['x'] }, { name: 'o', type: 'object' },
        { name: 'p', type: 'object', properties: { k: { type: 'array' } } }, { name: '9bad' }, { name: 'o.k', properties: { 'a b': {} } },
      ],
      results: [{ name: 'r', type: 'number' }, { name: 'bad name' }, { name: 'ob', type: 'object' }, { name: 'e', properties: {} }, { name: 'm', properties: { a: { type: 'array' } } }],
    },
  }, [
    {
      property: 'spec.params[0].type',
      value: 'number',
      what: 'is no type of a param: Tekton\'s params are string, array or object',
      tekton: 'invalid value: number: spec.params.a.type',
      fix: 'Write type: string, array or object for the param a.',
    },
    {
      property: 'spec.params[1].default',
      value: '["x"]',
      what: 'is an array, and the param\'s type is string: Tekton\'s webhook requires a default of the param\'s type',
      tekton: '"string" type does not match default value\'s type: "array": spec.params.b.default.type, spec.params.b.type',
      fix: 'Give the param b a default of type string, or declare it with type: array.',
    },
    {
      property: 'spec.params[2].properties',
      what: 'is not given, and the param is of type object: Tekton\'s webhook requires an object param to declare its keys',
      tekton: 'missing field(s): spec.o.properties',
      fix: 'Declare the keys of the param o (properties: { <key>: { type: string } }), or give it another type.',
    },
    {
      property: 'spec.params[3].properties',
      value: 'k',
      what: 'declares a key of another type than string: an object param\'s keys are strings',
      tekton: 'The value type specified for these keys [k] is invalid: spec.params.p.properties',
      fix: 'Declare the key k with type: string (or without a type).',
    },
    {
      property: 'spec.params[4].name',
      value: '9bad',
      what: 'is a name Tekton cannot refer to: a string or array param\'s name starts with a letter or _ and holds letters, digits, _, . and - only',
      tekton: 'The format of following array and string variable names is invalid: [9bad]: spec.params',
      fix: 'Rename the param 9bad (a letter or _, then letters, digits, _, . and -), and the references to it.',
    },
    {
      property: 'spec.params[5]',
      value: 'o.k',
      what: 'is an object param whose name or keys Tekton cannot refer to: an object param\'s name and keys start with a letter or _ and hold letters, digits, _ and - only',
      tekton: 'Object param name and key name format is invalid: map[o.k:[a b]]: spec.params',
      fix: 'Rename the object param or its keys (a letter or _, then letters, digits, _ and -), and the references to them.',
    },
    {
      property: 'spec.results[0].type',
      value: 'number',
      what: 'is no type of a result: Tekton\'s results are string, array or object',
      tekton: 'invalid value: number: spec.results[0].type',
      fix: 'Write type: string, array or object for the result r.',
    },
    {
      property: 'spec.results[1].name',
      value: 'bad name',
      what: 'is no result name Tekton admits: letters, digits, -, _ and ., starting and ending with a letter or digit',
      tekton: 'invalid key name "bad name": spec.results[1].name',
      fix: 'Rename the result bad name (letters, digits, -, _ and ., a letter or digit at each end), and the references to it.',
    },
    {
      property: 'spec.results[2].properties',
      what: 'is not given, and the result is of type object: Tekton\'s webhook requires an object result to declare its keys',
      tekton: 'missing field(s): spec.results[2].ob.properties',
      fix: 'Declare the keys of the result ob (properties: { <key>: { type: string } }), or give it another type.',
    },
    {
      property: 'spec.results[3].properties',
      what: 'is not given, and the result is of type object: Tekton\'s webhook requires an object result to declare its keys',
      tekton: 'missing field(s): spec.results[3].e.properties',
      fix: 'Declare the keys of the result e (properties: { <key>: { type: string } }), or give it another type.',
    },
    {
      property: 'spec.results[4].properties',
      value: 'a',
      what: 'declares a key of another type than string: an object result\'s keys are strings',
      tekton: 'the value type specified for these keys [a] is invalid, the type must be string: spec.results[4].m.properties',
      fix: 'Declare the key a with type: string (or without a type).',
    },
  ]],
  ['a StepAction\'s default that is a list or a map holding another value than a string, which Tekton reads as one string', {
    apiVersion: 'tekton.dev/v1beta1',
    kind: 'StepAction',
    metadata: { name: 'sa', namespace: 'ci' },
    spec: {
      image: IMAGE,
      command: ['true'],
      params: [{ name: 'a', type: 'array', default: [1, 'x', null] }, { name: 'o', type: 'object', properties: { k: {} }, default: { k: true } }],
    },
  }, [
    {
      property: 'spec.params[0].default',
      value: '[1,"x",null]',
      what: 'is a list holding another value than a string, which Tekton reads as one string (its JSON text), and the param\'s type is array: '
        + 'Tekton\'s webhook requires a default of the param\'s type',
      tekton: '"array" type does not match default value\'s type: "string": spec.params.a.default.type, spec.params.a.type',
      fix: 'Quote each item of the param a\'s default (default: ["1","x",""]), or declare it with type: string.',
    },
    {
      property: 'spec.params[1].default',
      value: '{"k":true}',
      what: 'is a map holding another value than a string, which Tekton reads as one string (its JSON text), and the param\'s type is object: '
        + 'Tekton\'s webhook requires a default of the param\'s type',
      tekton: '"object" type does not match default value\'s type: "string": spec.params.o.default.type, spec.params.o.type',
      fix: 'Quote each value of the param o\'s default (default: {"k":"true"}), or declare it with type: string.',
    },
  ]],
  ['a step that runs a StepAction with the fields the StepAction gives, and one with params and no ref', {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 't', namespace: 'ci' },
    spec: {
      steps: [
        {
          name: 'a',
          ref: { name: 'git-clone' },
          image: IMAGE,
          command: ['git'],
          args: ['clone'],
          script: 'git clone',
          workingDir: '/w',
          env: [{ name: 'A', value: 'b' }],
          volumeMounts: [{ name: 'v', mountPath: '/v' }],
          results: [{ name: 'r' }],
        },
        { name: 'b', image: IMAGE, params: [{ name: 'url', value: 'x' }] },
        { name: 'c', ref: { name: 'git-clone' }, env: [], params: [{ name: 'url', value: 'x' }] },
      ],
      volumes: [{ name: 'v', emptyDir: {} }],
    },
  }, [
    {
      property: 'spec.steps[0].image',
      what: 'is given beside a ref: a step that runs a StepAction takes its image from StepAction \'git-clone\'',
      tekton: 'image cannot be used with Ref: spec.steps[0].image',
      fix: 'Remove image from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].command',
      what: 'is given beside a ref: a step that runs a StepAction takes its command from StepAction \'git-clone\'',
      tekton: 'command cannot be used with Ref: spec.steps[0].command',
      fix: 'Remove command from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].args',
      what: 'is given beside a ref: a step that runs a StepAction takes its args from StepAction \'git-clone\'',
      tekton: 'args cannot be used with Ref: spec.steps[0].args',
      fix: 'Remove args from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].script',
      what: 'is given beside a ref: a step that runs a StepAction takes its script from StepAction \'git-clone\'',
      tekton: 'script cannot be used with Ref: spec.steps[0].script',
      fix: 'Remove script from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].workingDir',
      what: 'is given beside a ref: a step that runs a StepAction takes its workingDir from StepAction \'git-clone\'',
      tekton: 'working dir cannot be used with Ref: spec.steps[0].workingDir',
      fix: 'Remove workingDir from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].env',
      what: 'is given beside a ref: a step that runs a StepAction takes its env from StepAction \'git-clone\'',
      tekton: 'env cannot be used with Ref: spec.steps[0].env',
      fix: 'Remove env from the step a, or set it in StepAction \'git-clone\' (passing what differs as its params), or write a step of its own without the ref.',
    },
    {
      property: 'spec.steps[0].volumeMounts',
      what: 'is given beside a ref: a step that runs a StepAction takes its volumeMounts from StepAction \'git-clone\'',
      tekton: 'volumeMounts cannot be used with Ref: spec.steps[0].volumeMounts',
      fix: 'Remove volumeMounts from the step a: mount the volume in StepAction \'git-clone\' (volumeMounts: [{ name: $(params.<param>), mountPath: <path> }]) and pass the volume\'s name as that param.',
    },
    {
      property: 'spec.steps[0].results',
      what: 'is given beside a ref: a step that runs a StepAction takes its results from StepAction \'git-clone\'',
      tekton: 'results cannot be used with Ref: spec.steps[0].results',
      fix: 'Remove results from the step a: its results are those StepAction \'git-clone\' declares.',
    },
    {
      property: 'spec.steps[1].params',
      what: 'is given in a step without a ref: only a step that runs a StepAction takes params',
      tekton: 'params cannot be used without Ref: spec.steps[1].params',
      fix: 'Remove the params of the step b: write the Task\'s own params into its fields ($(params.<name>)), or run a StepAction (ref: { name: <step-action> }) that declares them.',
    },
  ]],
  ['a step\'s and a sidecar\'s workspace the Task does not declare', {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 't', namespace: 'ci' },
    spec: {
      workspaces: [{ name: 'src' }],
      steps: [{ name: 'a', image: IMAGE, script: '#!/bin/sh\ntrue', workspaces: [{ name: 'src' }, { name: 'cache' }] }],
      sidecars: [{ name: 's', image: IMAGE, workspaces: [{ name: 'other' }] }],
    },
  }, [
    {
      property: 'spec.steps[0].workspaces[1].name',
      value: 'cache',
      what: 'is no workspace of the Task (its workspaces declares "src"): a step mounts only a workspace its Task declares',
      tekton: 'undefined workspace "cache": spec.steps[0].workspaces[1].name',
      fix: 'Declare the workspace in the Task\'s workspaces (- name: cache), or name one it declares.',
    },
    {
      property: 'spec.sidecars[0].workspaces[0].name',
      value: 'other',
      what: 'is no workspace of the Task (its workspaces declares "src"): a sidecar mounts only a workspace its Task declares',
      tekton: 'undefined workspace "other": spec.sidecars[0].workspaces[0].name',
      fix: 'Declare the workspace in the Task\'s workspaces (- name: other), or name one it declares.',
    },
  ]],
];

describe('TEKTON_ADMITTED: what the webhook refuses once a flag lets a field in, and StepActions', () => {
  test.each(FLAGS_ON)('%s', (_, o, want) => {
    const found = TEKTON_ADMITTED.check(o, ruleContext([o, featureFlags(ENUM_AND_CEL_ON)]));
    expect(found.map((f) => ({ property: f.property, value: f.value, problem: f.problem, fix: f.fix }))).toEqual(want.map((w) => ({
      property: w.property,
      value: w.value,
      problem: `${w.what}: ${REFUSED.replace('the Pipeline', `the ${o.kind}`)}${w.tekton})`,
      fix: w.fix,
    })));
  });

  test('with the flags off, an enum\'s other mistakes are refused beside the flag; a cel is refused for the flag alone', () => {
    const [, p] = FLAGS_ON[0];
    // (grouped by message, as Tekton merges the errors of one message)
    expect(TEKTON_ADMITTED.check(p).map((f) => f.problem.split('validation failed: ')[1].split(':')[0])).toEqual([
      ...Array(5).fill('feature flag `enable-param-enum` should be set to true to use Enum'),
      'parameter enum value dev appears more than once',
      'param default value test not in the enum list',
      'enum can only be set with string type param',
      'enum can only be set with string type param',
      'param default value 1 not in the enum list',
    ]);
    const [, cel] = FLAGS_ON[2];
    expect(new Set(TEKTON_ADMITTED.check(cel).map((f) => f.problem.split('validation failed: ')[1].split(':')[0]))).toEqual(new Set([
      'feature flag enable-cel-in-whenexpression should be set to true to use CEL',
    ]));
  });

  test('a cel whose method call is on a name a macro binds says the function, not the name', () => {
    const p = pipeline({ tasks: [pt('a', { when: [{ cel: '[\'a\'].all(x, x.trim() == \'a\')' }] })] });
    expect(TEKTON_ADMITTED.check(p, ruleContext([p, CEL_ON])).map((f) => f.problem.split(': Tekton\'s webhook compiles')[0])).toEqual([
      'does not compile as CEL, since it calls trim, which is no function of cel-go\'s standard library',
    ]);
  });

  test('a cel that compiles once its variables are quoted, but pastes a run\'s value into code: its fix compares it as data where it is one comparison', () => {
    const p = pipeline({
      params: [{ name: 'env' }, { name: 'b' }],
      tasks: [pt('a', {
        when: [
          { cel: '\'prod\' != $(params.env)' },
          { cel: '$(params.env) == \'prod\' && $(params.b) == \'x\'' },
          { cel: '$(context.pipelineRun.name) == \'x\'' },
        ],
      })],
    });
    expect(TEKTON_ADMITTED.check(p, ruleContext([p, CEL_ON])).map((f) => f.fix)).toEqual([
      'Write the condition as input, operator and values, which Tekton compares as data: when: [{ input: \'$(params.env)\', operator: notin, values: [\'prod\'] }]. '
        + 'Quoted as a CEL string (cel: "\'prod\' != \'$(params.env)\'") it compiles, but pastes $(params.env) into code that a caller\'s value can rewrite (SCRIPT_INJECTION).',
      `${CEL_QUOTE}: Tekton replaces them as text before it evaluates the expression, and declares no variable, so write cel: "'$(params.env)' == 'prod' && '$(params.b)' == 'x'"; `
        + 'that pastes $(params.env) into code that a caller\'s value can rewrite (SCRIPT_INJECTION): where the condition compares the value with constants, write it '
        + 'as input, operator and values instead (when: [{ input: \'$(params.env)\', operator: in, values: [\'<allowed>\'] }]).',
      `${CEL_QUOTE}: Tekton replaces them as text before it evaluates the expression, and declares no variable, so write cel: "'$(context.pipelineRun.name)' == 'x'".`,
    ]);
    // the fixes applied: admitted, and no value pasted into code
    const fixed = pipeline({
      params: [{ name: 'env' }],
      tasks: [pt('a', { when: [{ input: '$(params.env)', operator: 'notin', values: ['prod'] }, { cel: '\'$(context.pipelineRun.name)\' == \'x\'' }] })],
    });
    expect(TEKTON_ADMITTED.check(fixed, ruleContext([fixed, CEL_ON]))).toEqual([]);
    expect(SCRIPT_INJECTION.check(fixed, ruleContext([fixed, CEL_ON]))).toEqual([]);
  });

  test('a StepAction of a version Tekton does not serve, and one the webhook admits, give no finding', () => {
    const sa = (apiVersion: string) => ({ apiVersion, kind: 'StepAction', metadata: { name: 'sa' }, spec: { image: IMAGE, params: [{ name: 'v' }], volumeMounts: [{ name: '$(params.v)', mountPath: '/v' }], env: [{ name: 'V', value: '$(params.v)' }], script: '#!/bin/sh\necho "$V"' } });
    expect(TEKTON_ADMITTED.appliesTo(sa('tekton.dev/v1'))).toBe(false);
    expect(TEKTON_ADMITTED.check(sa('tekton.dev/v1beta1'))).toEqual([]);
    expect(TEKTON_ADMITTED.check(sa('tekton.dev/v1alpha1'))).toEqual([]);
  });
});

describe('VALID_REFERENCE on a pipeline Tekton\'s webhook refuses for a field behind a feature flag', () => {
  test('says the webhook refuses it first while the flag is off, and that Tekton admits it once it is on', () => {
    const deploy = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'deploy' }, spec: { workspaces: [{ name: 'output' }], ...STEPS } };
    const p = pipeline({ tasks: [{ name: 'deploy', taskRef: { name: 'deploy' }, when: [{ cel: '\'$(params.env)\' == \'prod\'' }] }], params: [{ name: 'env' }] });
    const problems = (...more: any[]) => VALID_REFERENCE.check(p, ruleContext([p, deploy, ...more])).map((f) => f.problem.split(' (its TaskRun')[0]);
    expect(problems()).toEqual([
      'is not bound, and Task \'deploy\' declares the workspace without optional: true: Tekton\'s webhook refuses the pipeline as written (TEKTON_ADMITTED); '
        + 'once it admits it, Tekton fails every run of it when it runs the task',
    ]);
    expect(problems(CEL_ON)).toEqual([
      'is not bound, and Task \'deploy\' declares the workspace without optional: true: Tekton admits the pipeline, then fails every run of it when it runs the task',
    ]);
  });

  test('a run whose pipelineRef or taskRef names a Pipeline or Task the webhook refuses while the flag is off says so first, and what happens once it is admitted', () => {
    const deployTask = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'deploy', namespace: 'ci' }, spec: { params: [{ name: 'env', enum: ['dev', 'prod'] }], ...STEPS } };
    const p = { ...pipeline({ tasks: [{ name: 'deploy', taskRef: { name: 'deploy' }, when: [{ cel: '\'$(params.env)\' == \'prod\'' }], params: [{ name: 'env', value: '$(params.env)' }] }], params: [{ name: 'env' }] }), metadata: { name: 'release', namespace: 'ci' } };
    const pr = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: { name: 'release' } } };
    const tr = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 't', namespace: 'ci' }, spec: { taskRef: { name: 'deploy' } } };
    const problems = (run: any, ...more: any[]) => VALID_REFERENCE.check(run, ruleContext([run, p, deployTask, ...more])).map((f) => f.problem);
    expect(problems(pr)).toEqual([
      'is not given, and Pipeline \'release\' declares the param without a default: Tekton\'s webhook refuses Pipeline \'release\' as written (TEKTON_ADMITTED), '
        + 'so it is never created and the run fails at once, finding no Pipeline of that name; once it admits the Pipeline, its reconciler fails the run '
        + '(reason ParameterMissing: pipelineRun missing parameters: [env])',
    ]);
    expect(problems(tr)).toEqual([
      'is not given, and Task \'deploy\' declares the param without a default: Tekton\'s webhook refuses Task \'deploy\' as written (TEKTON_ADMITTED), '
        + 'so it is never created and the run fails at once, finding no Task of that name; once it admits the Task, its reconciler fails the run '
        + '(reason TaskRunValidationFailed: invalid input params for task deploy: missing values for these params which have no default values: [env])',
    ]);
    // with the flags on, the Pipeline and the Task are admitted: the runs' findings say what Tekton does with them
    expect(problems(pr, featureFlags(ENUM_AND_CEL_ON))).toEqual([
      'is not given, and Pipeline \'release\' declares the param without a default: Tekton admits the run, then its reconciler fails it '
        + '(reason ParameterMissing: pipelineRun missing parameters: [env])',
    ]);
  });
});

describeWithOracle('Tekton v1.15\'s webhook refuses, with the flags on, what TEKTON_ADMITTED finds, and StepActions', () => {
  test.each(FLAGS_ON)('%s', (_, o) => {
    const errors = runOracle([o], { flags: ENUM_AND_CEL_ON }).verdicts[0].errors;
    const quotes = TEKTON_ADMITTED.check(o, ruleContext([o, featureFlags(ENUM_AND_CEL_ON)])).map((f) => f.problem.split('validation failed: ')[1].slice(0, -1));
    // cel-go's errors are paths of Tekton's error (`invalid cel expression: %s with err: %s`), each beside the expression's path, which the finding quotes
    const CEL = 'invalid cel expression: %s with err: %s: ';
    const quoted = (q: string) => (q.startsWith(CEL)
      ? errors.some((e) => e.startsWith(CEL) && `, ${e.slice(CEL.length)}`.includes(`, ${q.slice(CEL.length)}`))
      : errors.some((e) => {
        const first = e.split('\n')[0];
        if (first === q) return true;
        const i = q.lastIndexOf(': ');
        return first.startsWith(q.slice(0, i + 2)) && q.slice(i + 2).split(', ').every((f) => first.slice(i + 2).split(', ').includes(f));
      }));
    expect(quotes.filter((q) => !quoted(q))).toEqual([]);
    // and every error of the webhook is quoted (its message)
    const message = (e: string) => (e.startsWith(CEL) ? CEL : e.split('\n')[0].slice(0, e.split('\n')[0].lastIndexOf(': ')));
    expect(errors.filter((e) => !quotes.some((q) => message(q) === message(e)))).toEqual([]);
  });

  test('with the flags off, the webhook refuses an enum\'s other mistakes beside the flag, and a cel for the flag alone', () => {
    const [, p] = FLAGS_ON[0];
    const [, cel] = FLAGS_ON[2];
    const messages = (o: any) => [...new Set(runOracle([o]).verdicts[0].errors.map((e) => e.slice(0, e.lastIndexOf(': '))))].sort();
    expect(messages(p)).toEqual([...new Set(TEKTON_ADMITTED.check(p).map((f) => f.problem.split('validation failed: ')[1].split(': spec')[0]))].sort());
    expect(messages(cel).every((m) => m.startsWith('feature flag enable-cel-in-whenexpression should be set to true to use CEL: '))).toBe(true);
  });

  test('enums in runs\' embedded specs and in v1beta1 objects: each quote names fields of an error of the webhook; of its enum errors, only a fraction\'s default is left', () => {
    const params = [
      { name: 'o', type: 'object', properties: { k: {} }, enum: ['a'] },
      { name: 'b', default: true, enum: ['true'] },
      { name: 'e', default: '', enum: ['a', 'a'] },
      { name: 'z', enum: [] },
      { name: 'arr', type: 'array', enum: ['x', 'x'], default: ['x'] },
      { name: 'f', default: 1.5, enum: ['1'] },
    ];
    const objects = ['tekton.dev/v1', 'tekton.dev/v1beta1'].flatMap((apiVersion) => [
      { apiVersion, kind: 'TaskRun', metadata: { name: 'tr', namespace: 'ci' }, spec: { taskSpec: { params, ...STEPS } } },
      { apiVersion, kind: 'PipelineRun', metadata: { name: 'pr', namespace: 'ci' }, spec: { pipelineSpec: { params, tasks: [pt('a', { taskSpec: { params: [{ name: 'q', enum: ['1'], default: '2' }], ...STEPS } })] } } },
      { ...task({ params, ...STEPS }), apiVersion },
    ]);
    const verdicts = runOracle(objects, { flags: ENUM_AND_CEL_ON }).verdicts;
    const split = (e: string) => ({ message: e.slice(0, e.lastIndexOf(': ')), fields: e.slice(e.lastIndexOf(': ') + 2).split(', ') });
    objects.forEach((o, i) => {
      const quotes = TEKTON_ADMITTED.check(o, ruleContext([o, featureFlags(ENUM_AND_CEL_ON)])).map((f) => split(f.problem.split('validation failed: ')[1].slice(0, -1)));
      const errors = verdicts[i].errors.map(split);
      expect(quotes.filter((q) => !errors.some((e) => e.message === q.message && q.fields.every((f) => e.fields.includes(f))))).toEqual([]);
      expect(errors.map((e) => e.message).filter((m) => !quotes.some((q) => q.message === m)).sort()).toEqual(['param default value 1.5 not in the enum list']);
    });
  });

  test('cel-go\'s error, the second path of Tekton\'s error, is quoted as the webhook gives it where the cel fails to parse for a `$` or to type-check for undeclared names alone', () => {
    // [expression, whether the finding quotes cel-go's error]: not where it fails for another reason (an operator no overload takes, an unterminated
    // string, a function the standard library does not have, a `$` beside a parse error of its own)
    const exprs: Array<[string, boolean]> = [
      ['$(params.env) == \'prod\'', true], ['params.env == \'prod\'', true], ['x', true], ['params.a == \'x\' || params.b == \'y\'', true],
      ['$(params.a) == $(params.b)', true], ['\'$(params.a)\' == \'b\' && $(params.c)', true], ['$(params.a) == \'x\'\n  && $(params.b) == \'y\'', true],
      ['\tparams.env == \'a\'', true], ['a.b.c == 1', true], ['// $(x)\n\'a\' == \'a\' && $(params.x) == \'b\'', true], ['[x, y].size() == 2', true],
      ['$(tasks.a.results.r) in [\'a\']', true], ['context.pipelineRun.name != \'x\' && params.env == \'a\'', true], ['has(params.x)', true],
      ['[1, 2].map(v, v + z) == [1]', true], ['params[\'x\'] == \'y\'', true], ['1 + $(params.n)', true],
      ['x.all(y, y > 0)', true], ['params.list.exists(e, e == \'a\')', true], ['foo.size() > 0', true], ['foo.bar.startsWith(\'a\')', true],
      ['[1].exists(y, q.all(z, z > y))', true], ['x.map(y, y + 1).size() == 2 && z.size() == 1', true], ['.x.size() == 0', true],
      ['[1].all(y, .y > 0) && .z == 1', true],
      // (a function the standard library does not have: its call's "undeclared reference" at its `(`, in the order of the text; a macro's name
      // cel-go's parser does not expand, for other arguments, a global macro as a method or a receiver's as a function, sortBy without the lists extension)
      ['foo(\'a\')', true], ['\'a\'.lowerAscii() == \'a\' && params.x', true], ['x.y(1)', true], ['.foo(1) && bar', true], ['.lists.foo(2)', true],
      ['[1].all(1)', true], ['[1].exists(x)', true], ['[1].map(x, y, z, w)', true], ['x.has(y)', true], ['all([1], true)', true], ['[1].sortBy(x, x) == [1]', true],
      ['base64.encode(b\'a\') == \'x\'', true],
      ['\'a\' == 1', false], ['\'abc', false], ['a$b == 1', false], ['[1].all(1, true)', false],
    ];
    const p = { ...pipeline({ tasks: exprs.map(([cel], i) => ({ name: `t${i}`, taskRef: { name: 't' }, when: [{ cel }] })) }), metadata: { name: 'cel', namespace: 'ci' } };
    const CEL = 'invalid cel expression: %s with err: %s: ';
    const error = runOracle([p], { flags: { 'enable-cel-in-whenexpression': 'true' } }).verdicts[0].errors.find((e) => e.startsWith(CEL)) ?? '';
    // each when's cel-go error as the webhook gives it (its paths are sorted: each when's two are next to each other)
    const goError = (i: number) => new RegExp(`(?:^|, )(spec\\.tasks\\[${i}\\]\\.when\\[0\\]\\.ERROR[\\s\\S]*?)(?=, spec\\.tasks\\[|$)`).exec(error.slice(CEL.length))?.[1];
    const found = TEKTON_ADMITTED.check(p, ruleContext([p, CEL_ON]));
    const quoted = (i: number) => {
      const f = found.find((g) => g.property === `spec.tasks[${i}].when[0].cel`);
      return f?.problem.split(`validation failed: ${CEL}`)[1].slice(0, -1).split(/, (?=spec\.tasks\[)/).find((x) => x.includes('.ERROR: '));
    };
    expect(exprs.map(([e], i) => [e, quoted(i)])).toEqual(exprs.map(([e, known], i) => [e, known ? goError(i) : undefined]));
    expect(exprs.every((_, i) => goError(i) !== undefined)).toBe(true);
  });

  test('the cel TEKTON_ADMITTED says does not compile, cel-go does not compile; of those it leaves, cel-go compiles all but what it does not type', () => {
    const exprs = [
      '$(params.env) == \'prod\'', 'params.env == \'prod\'', 'x.all(y, y > 0)', 'foo.size() > 0', '\'$(params.env)\' == \'prod\'', '\'a\' == 1', '\'abc', 'size(\'a\') > 0', 'foo(\'a\')',
      '\'a\'.startsWith(\'b\')', '[1,2].all(x, x > 0)', 'x', 'int(\'1\') == 1', '\'a\' in [\'a\']', 'dyn(1) == 1', '1.0 == 1', '1.0 < 1',
      '\'$(tasks.a.results.r)\'.matches(\'^v[0-9]+\')', '\'a\' + 1 == \'a1\'', 'has(x.y)', '[1,2].map(x, x * 2) == [2, 4]', '{\'a\': 1}.a == 1',
      'timestamp(\'2020-01-01T00:00:00Z\') > timestamp(\'2019-01-01T00:00:00Z\')', 'duration(\'1s\') + 1 == 1', '\'x\' ?: 1', 'type(1) == int',
      'null == null', '1 / 0 == 1', '{\'a\': 1, \'a\': 2}.size() == 1', '(1 == 1', '1 == 1)', 'in', 'true ? 1 : \'a\'', '\'a\'.split(\',\')',
      'size([1]) == 1u', 'b\'a\' == b\'a\'', '1 == 1 == true', '-\'a\'', '[\'a\'][0] == 1',
      // a macro's name called otherwise than the macro is written
      '[1].all(1)', '[1].exists(x)', '[1].map(x, y, z, w)', 'x.has(y)', 'all([1], true)', '[1].sortBy(x, x) == [1]', '[1].filter(x, x > 0, 1) == []',
      // a literal where the macro binds a name: cel-go's parser refuses it
      '[1].all(1, true)', '[1].map(\'a\', 1) == []', '[1].filter([x], true) == []',
      // not decided here: a message, a name in backticks
      'google.protobuf.Int32Value{value: 1} == \'a\'', '`a` == 1',
    ];
    const p = { ...pipeline({ tasks: exprs.map((cel, i) => ({ name: `t${i}`, taskRef: { name: 't' }, when: [{ cel }] })) }), metadata: { name: 'cel', namespace: 'ci' } };
    const errors = runOracle([p], { flags: { 'enable-cel-in-whenexpression': 'true' } }).verdicts[0].errors;
    const cel = errors.find((e) => e.startsWith('invalid cel expression')) ?? '';
    const found = new Set(TEKTON_ADMITTED.check(p, ruleContext([p, CEL_ON])).map((f) => f.property));
    expect(exprs.map((e, i) => [e, cel.includes(`spec.tasks[${i}].when[0].ERROR`), found.has(`spec.tasks[${i}].when[0].cel`)]))
      .toEqual(exprs.map((e, i) => [e, !['\'$(params.env)\' == \'prod\'', 'size(\'a\') > 0', '\'a\'.startsWith(\'b\')', '[1,2].all(x, x > 0)', 'int(\'1\') == 1',
        '\'a\' in [\'a\']', 'dyn(1) == 1', '\'$(tasks.a.results.r)\'.matches(\'^v[0-9]+\')', '[1,2].map(x, x * 2) == [2, 4]', '{\'a\': 1}.a == 1',
        'timestamp(\'2020-01-01T00:00:00Z\') > timestamp(\'2019-01-01T00:00:00Z\')', 'type(1) == int', 'null == null', '1 / 0 == 1',
        '{\'a\': 1, \'a\': 2}.size() == 1', 'b\'a\' == b\'a\'', '1 == 1 == true'].includes(e), i < exprs.length - 2 && cel.includes(`spec.tasks[${i}].when[0].ERROR`)]));
  });
});

/** Array params where a Task's steps may not use them (`validateArrayUsage`): in a Task, a TaskRun's and a pipeline task's embedded spec. */
const ARRAY_USE = (() => {
  const flags = [{ name: 'flags', type: 'array' }];
  const lint = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'lint', namespace: 'ci' },
    spec: {
      params: [...flags, { name: 's' }],
      steps: [
        { name: 'a', image: IMAGE, script: 'echo $(params.flags)' },
        { name: 'b', image: IMAGE, workingDir: '/src/$(params.flags[0])', args: ['--x=$(params.flags[*])', '$(params.flags[*])'], env: [{ name: 'E', value: '$(params.flags)' }] },
        { name: 'c', image: IMAGE, volumeMounts: [{ name: 'v', mountPath: '/m/$(params.flags[*])' }], script: 'echo $(params.s)' },
      ],
    },
  };
  const tr = (params: any[] | undefined, taskParams: any[] | undefined) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'tr', namespace: 'ci' },
    spec: { ...(params ? { params } : {}), taskSpec: { ...(taskParams ? { params: taskParams } : {}), steps: [{ name: 'a', image: IMAGE, script: 'echo $(params.flags)' }] } },
  });
  const embedded = { params: flags, steps: [{ name: 'a', image: IMAGE, script: 'echo $(params.flags)' }] };
  const pr = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'pr', namespace: 'ci' },
    spec: {
      pipelineSpec: {
        tasks: [
          { name: 'a', taskSpec: embedded },
          { name: 'b', taskSpec: { steps: [{ name: 'a', image: IMAGE, command: ['run', '-x$(params.flags[*])'] }] } },
        ],
        finally: [{ name: 'f', taskSpec: { params: flags, steps: [{ name: 'a', image: IMAGE, script: 'echo $(params.flags) >&2' }] } }],
      },
    },
  };
  return { task: lint, tr, pr, pipeline: pipeline({ tasks: [{ name: 'a', taskSpec: embedded }] }) };
})();
const WHOLE = (name: string) => `refers to the array param "${name}" as a string: Tekton's webhook admits an array param in a step's command and args only, each reference alone in its entry`;
const WHOLE_FIX = (name: string) => `Refer to one element ($(params.${name}[0])), or pass the array as args of their own (args: ["$(params.${name}[*])"]) and read them there ("$@" in a script).`;
const NOT_ALONE = (name: string) => `refers to the array param "${name}" with other text in one entry: Tekton's webhook admits an array param in command and args only as an entry of its own`;
const NOT_ALONE_FIX = (name: string) => `Give the reference an entry of its own (args: [..., "$(params.${name}[*])", ...]), or refer to one element ($(params.${name}[0])).`;
/** Each object and its findings' property, value and quote of Tekton's error (Go adds each later step's index to a step's path). */
const ARRAY_USE_CASES: Array<[string, any, Array<[string, string, string]>]> = [
  ['a Task', ARRAY_USE.task, [
    ['spec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.steps[2].steps[1].steps[0].script'],
    ['spec.steps[1].args[0]', '$(params.flags[*])', 'variable is not properly isolated in "--x=$(params.flags[*])": spec.steps[2].steps[1].args[0]'],
    ['spec.steps[1].env[E].value', '$(params.flags)', 'variable type invalid in "$(params.flags)": spec.steps[2].steps[1].env[E]'],
    ['spec.steps[2].volumeMounts[0].mountPath', '$(params.flags[*])', 'variable type invalid in "/m/$(params.flags[*])": spec.steps[2].volumeMount[0].mountPath'],
  ]],
  // a script with CRLF line ends and text Go quotes otherwise than JSON (\u00a0): the error quotes it as Go's %q does
  ['a Task whose script has CRLF line ends and characters Go escapes', {
    ...ARRAY_USE.task, spec: { params: [{ name: 'flags', type: 'array' }], steps: [{ name: 'a', image: IMAGE, script: '#!/bin/sh\r\necho "ção\u00a0" $(params.flags)\r\n' }] },
  }, [
    ['spec.steps[0].script', '$(params.flags)', 'variable type invalid in "#!/bin/sh\\r\\necho \\"ção\\u00a0\\" $(params.flags)\\r\\n": spec.steps[0].script'],
  ]],
  ['a TaskRun\'s taskSpec, which the run\'s check reads once more', ARRAY_USE.tr(undefined, [{ name: 'flags', type: 'array' }]), [
    ['spec.taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.steps[0].script, spec.taskSpec.steps[0].script'],
  ]],
  ['a TaskRun\'s array param propagated to its taskSpec', ARRAY_USE.tr([{ name: 'flags', value: ['-v'] }], undefined), [
    ['spec.taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.steps[0].script'],
  ]],
  ['a TaskRun giving a string to its taskSpec\'s array param', ARRAY_USE.tr([{ name: 'flags', value: '-v' }], [{ name: 'flags', type: 'array' }]), [
    ['spec.taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.taskSpec.steps[0].script'],
  ]],
  ['a Pipeline\'s embedded Task', ARRAY_USE.pipeline, [
    ['spec.tasks[0].taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.tasks[0].taskSpec.steps[0].script'],
  ]],
  ['a PipelineRun\'s embedded Tasks (the run\'s check reads those of tasks, with the params of all)', ARRAY_USE.pr, [
    ['spec.pipelineSpec.tasks[0].taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags)": spec.pipelineSpec.tasks[0].taskSpec.steps[0].script, spec.steps[0].script'],
    ['spec.pipelineSpec.tasks[1].taskSpec.steps[0].command[1]', '$(params.flags[*])', 'variable is not properly isolated in "-x$(params.flags[*])": spec.steps[0].command[1]'],
    ['spec.pipelineSpec.finally[0].taskSpec.steps[0].script', '$(params.flags)', 'variable type invalid in "echo $(params.flags) >&2": spec.pipelineSpec.finally[0].taskSpec.steps[0].script'],
  ]],
];

describe('TEKTON_ADMITTED: array params where a Task\'s steps may not use them', () => {
  test.each(ARRAY_USE_CASES)('%s', (_, o, expected) => {
    const findings = TEKTON_ADMITTED.check(o).filter((f) => f.problem.includes('array param'));
    expect(findings.map((f) => [f.property, f.value, f.problem.split('validation failed: ')[1].slice(0, -1)])).toEqual(expected);
    expect(findings[0].problem).toBe(`${expected[0][1] === '$(params.flags)' || expected[0][0].endsWith('mountPath') ? WHOLE('flags') : NOT_ALONE('flags')}: Tekton's webhook refuses the ${o.kind}, so it is never created `
      + `(kubectl apply fails with admission webhook "validation.webhook.pipeline.tekton.dev" denied the request: validation failed: ${expected[0][2]})`);
    expect(findings[0].fix).toBe(WHOLE_FIX('flags'));
  });

  test('an entry of its own in args, an element anywhere, and a string param are admitted', () => {
    const t = { ...ARRAY_USE.task, spec: { ...ARRAY_USE.task.spec, steps: [{ name: 'a', image: IMAGE, args: ['$(params.flags[*])'], script: 'echo $(params.flags[0]) $(params.s)' }] } };
    expect(TEKTON_ADMITTED.check(t)).toEqual([]);
  });

  test('with other text in a command entry, the fix gives it an entry of its own', () => {
    const [f] = TEKTON_ADMITTED.check(ARRAY_USE.pr).filter((x) => x.property.endsWith('command[1]'));
    expect(f.problem.startsWith(`${NOT_ALONE('flags')}: `)).toBe(true);
    expect(f.fix).toBe(NOT_ALONE_FIX('flags'));
  });
});

/** The object at tekton.dev/v1beta1, which Tekton's v1beta1 code validates alike. */
const V1BETA1_OF = (o: any) => ({ ...o, apiVersion: 'tekton.dev/v1beta1' });

describeWithOracle('Tekton v1.15\'s webhook refuses the array params TEKTON_ADMITTED finds, with the errors it quotes', () => {
  test.each(ARRAY_USE_CASES)('%s', (_, o, expected) => {
    expect(runOracle([o]).verdicts[0].errors.sort()).toEqual(expected.map(([, , tekton]) => tekton).sort());
  });

  test.each(ARRAY_USE_CASES)('%s, at tekton.dev/v1beta1', (_, o, expected) => {
    const v1beta1 = V1BETA1_OF(o);
    expect(TEKTON_ADMITTED.check(v1beta1).filter((f) => f.problem.includes('array param')).map((f) => [f.property, f.value, f.problem.split('validation failed: ')[1].slice(0, -1)]))
      .toEqual(expected);
    expect(runOracle([v1beta1]).verdicts[0].errors.sort()).toEqual(expected.map(([, , tekton]) => tekton).sort());
  });

  test('each way to write the reference, in each field the webhook reads: the findings quote its errors', () => {
    const values = ['$(params["flags"])', '$(params[\'flags\'][*])', '$(params.flags.x)', '$(params.flags[0])', 'a $(params.flags[*]) b', '$(params.s) $(params.flags)',
      '$(params.flags[*])$(params.s)', 'é ✓ $(params.flags)', '$(params.flags)\n$(params.flags)'];
    const step = (field: string, v: string): any => {
      switch (field) {
        case 'args': case 'command': return { name: 's', image: IMAGE, [field]: [v] };
        case 'subPath': return { name: 's', image: IMAGE, volumeMounts: [{ name: 'v', mountPath: '/m', subPath: v }] };
        case 'env': return { name: 's', image: IMAGE, env: [{ name: 'E', value: v }] };
        case 'name': return { name: v, image: IMAGE };
        default: return { name: 's', image: IMAGE, [field]: v };
      }
    };
    const tasks = values.flatMap((v, i) => ['script', 'workingDir', 'name', 'image', 'args', 'command', 'subPath', 'env'].map((field) => ({
      ...ARRAY_USE.task, metadata: { name: `t${i}-${field.toLowerCase()}`, namespace: 'ci' }, spec: { params: ARRAY_USE.task.spec.params, steps: [step(field, v)] },
    })));
    const quotes = tasks.map((t) => TEKTON_ADMITTED.check(t).filter((f) => f.problem.includes('array param')).map((f) => f.problem.split('validation failed: ')[1].slice(0, -1)).sort());
    const variable = (e: string) => e.startsWith('variable type invalid') || e.startsWith('variable is not properly isolated');
    expect(runOracle(tasks).verdicts.map((v) => v.errors.filter(variable).sort())).toEqual(quotes);
    // every reference but an element's is refused somewhere; `$(params['flags'][*])` is none to Go's pattern (a `)` must follow the `']`)
    expect(values.map((_, i) => quotes.slice(i * 8, i * 8 + 8).some((q) => q.length > 0))).toEqual(values.map((v) => v !== '$(params.flags[0])' && v !== '$(params[\'flags\'][*])'));
  });

  test('the admitted uses are admitted', () => {
    const t = { ...ARRAY_USE.task, spec: { ...ARRAY_USE.task.spec, steps: [{ name: 'a', image: IMAGE, args: ['$(params.flags[*])'], script: 'echo $(params.flags[0]) $(params.s)' }] } };
    expect(runOracle([t]).verdicts[0].errors).toEqual([]);
  });
});

/** Object params whole in a Task's steps (`validateObjectUsageAsWhole`): a Task's own, a run's check, a Pipeline's check of its pipeline tasks. */
const OBJECT_USE = (() => {
  const git = { name: 'git', type: 'object', properties: { url: {}, revision: {} } };
  const clone = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'clone', namespace: 'ci' },
    spec: {
      params: [git, { name: 'flags', type: 'array' }],
      steps: [
        { name: 'a', image: IMAGE, script: 'echo $(params.git) $(params.flags)', args: ['$(params.git[*])', '$(params.git.url)'] },
        { name: 'b', image: IMAGE, workingDir: '$(params.git)', env: [{ name: 'E', value: '$(params[\'git\'])' }] },
      ],
    },
  };
  const tr = {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'tr', namespace: 'ci' },
    spec: { params: [{ name: 'git', value: { url: 'u' } }], taskSpec: { steps: [{ name: 'a', image: IMAGE, script: 'echo $(params.git)' }] } },
  };
  const p = pipeline({
    params: [{ name: 'cfg', type: 'object', properties: { k: {} } }, { name: 'list', type: 'array' }],
    tasks: [{ name: 'a', taskSpec: { params: [{ name: 'list', type: 'array' }], steps: [{ name: 'a', image: IMAGE, script: 'echo $(params.cfg) $(params.list)' }, { name: 'b', image: IMAGE }] } }],
    finally: [{ name: 'f', taskSpec: { steps: [{ name: 'a', image: IMAGE, args: ['$(params.cfg[*])'] }] } }],
  });
  return { task: clone, tr, pipeline: p };
})();
const OBJECT_WHOLE = (name: string) => `refers to the object param "${name}" whole: Tekton's webhook admits only its keys in a Task's steps ($(params.${name}.<key>))`;
const OBJECT_USE_CASES: Array<[string, any, Array<[string, string, string, string]>]> = [
  ['a Task (an array and an object in one field: one error)', OBJECT_USE.task, [
    ['spec.steps[0].script', '$(params.flags)', WHOLE('flags'), 'variable type invalid in "echo $(params.git) $(params.flags)": spec.steps[1].steps[0].script'],
    ['spec.steps[0].args[0]', '$(params.git[*])', OBJECT_WHOLE('git'), 'variable type invalid in "$(params.git[*])": spec.steps[1].steps[0].args[0]'],
    ['spec.steps[1].workingDir', '$(params.git)', OBJECT_WHOLE('git'), 'variable type invalid in "$(params.git)": spec.steps[1].workingDir'],
    ['spec.steps[1].env[E].value', '$(params[\'git\'])', OBJECT_WHOLE('git'), 'variable type invalid in "$(params[\'git\'])": spec.steps[1].env[E]'],
  ]],
  ['a TaskRun\'s object param propagated to its taskSpec', OBJECT_USE.tr, [
    ['spec.taskSpec.steps[0].script', '$(params.git)', OBJECT_WHOLE('git'), 'variable type invalid in "echo $(params.git)": spec.steps[0].script'],
  ]],
  ['a Pipeline\'s object param in its pipeline tasks\' embedded Tasks (the two checks of one message: one error)', OBJECT_USE.pipeline, [
    ['spec.tasks[0].taskSpec.steps[0].script', '$(params.list)', WHOLE('list'),
      'variable type invalid in "echo $(params.cfg) $(params.list)": spec.tasks[0].steps[1].steps[0].script, spec.tasks[0].taskSpec.steps[1].steps[0].script'],
    ['spec.finally[0].taskSpec.steps[0].args[0]', '$(params.cfg[*])', OBJECT_WHOLE('cfg'), 'variable type invalid in "$(params.cfg[*])": spec.finally[0].steps[0].args[0]'],
  ]],
];

describe('TEKTON_ADMITTED: object params whole in a Task\'s steps', () => {
  test.each(OBJECT_USE_CASES)('%s', (_, o, expected) => {
    const findings = TEKTON_ADMITTED.check(o).filter((f) => f.problem.includes('array param') || f.problem.includes('object param'));
    expect(findings.map((f) => [f.property, f.value, f.problem.split(': Tekton\'s webhook refuses')[0], f.problem.split('validation failed: ')[1].slice(0, -1)])).toEqual(expected);
  });

  test('the fix names a key the param declares', () => {
    const [f] = TEKTON_ADMITTED.check(OBJECT_USE.task).filter((x) => x.property === 'spec.steps[1].workingDir');
    expect(f.fix).toBe('Refer to a key of it ($(params.git.url)).');
  });
});

describeWithOracle('Tekton v1.15\'s webhook refuses the object params TEKTON_ADMITTED finds, with the errors it quotes', () => {
  test.each(OBJECT_USE_CASES)('%s', (_, o, expected) => {
    expect(runOracle([o]).verdicts[0].errors.sort()).toEqual(expected.map(([, , , tekton]) => tekton).sort());
  });
});
