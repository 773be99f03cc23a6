import { ruleContext } from '../../src/policy/engine/context';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { containersOf } from '../../src/private/containers';
import { enumGap, runFixedReferences, runValue } from '../../src/private/param-enums';

const step = { name: 's', image: 'alpine', script: '#!/bin/sh\necho $(params.a) $(params.b)\n' };
/** The param substitutions the run fixes for the first container of `manifest`, spelled `params.<…>`, without the prefix, sorted. */
const fixed = (manifest: any) => [...runFixedReferences(containersOf(manifest)[0]).keys()].filter((k) => k.startsWith('params.')).map((k) => k.slice('params.'.length)).sort();

describe('runFixedReferences', () => {
  test('a TaskRun\'s own taskSpec: its constant values, and the task\'s defaults it leaves', () => {
    const run = (params: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r' },
      spec: { params, taskSpec: { params: [{ name: 'a' }, { name: 'b', default: 'main' }, { name: 'c' }], steps: [step] } },
    });
    expect(fixed(run([{ name: 'a', value: 'v1' }]))).toEqual(['a', 'b']);
    // a TriggerTemplate's event value, a Pipelines-as-Code placeholder of the event or a Helm template: not constants; an array's elements are, not its whole text
    expect(fixed(run([{ name: 'a', value: '$(tt.params.a)' }, { name: 'b', value: '{{ source_branch }}' }, { name: 'c', value: ['x'] }]))).toEqual(['c[*]', 'c[0]']);
    expect(fixed(run([{ name: 'a', value: '{{ .Values.a }}' }, { name: 'c', value: 'ref-{{ revision }}-{{ body.x }}' }]))).toEqual(['b']);
    // Pipelines-as-Code's placeholders that the repository or the event's commit fixes: the commit, the repository's URL, owner and name
    expect(fixed(run([{ name: 'a', value: '{{ revision }}' }, { name: 'c', value: '{{repo_url}}/{{ repo_owner }}/{{ repo_name }}' }]))).toEqual(['a', 'b', 'c']);
  });

  test('a PipelineRun\'s own pipelineSpec: what the pipeline task passes, the run\'s value, the pipeline\'s default, the task\'s default', () => {
    const run = (runParams: any[], passed: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        params: runParams,
        pipelineSpec: {
          params: [{ name: 'a' }, { name: 'p', default: '1.0' }],
          tasks: [{ name: 't', params: passed, taskSpec: { params: [{ name: 'b' }, { name: 'd', default: 'x' }], steps: [step] } }],
        },
      },
    });
    expect(fixed(run([{ name: 'a', value: 'v1' }], [{ name: 'b', value: '$(params.p)' }]))).toEqual(['a', 'b', 'd', 'p']);
    expect(fixed(run([{ name: 'a', value: '{{ a }}' }, { name: 'p', value: '$(tt.params.p)' }], [{ name: 'b', value: '$(params.p)' }]))).toEqual(['d']);
  });

  test('a pipeline task\'s own pipelineSpec given a whole array or object of the pipeline around it: no default of that name, the inner pipeline\'s or the task\'s, reaches an element or key', () => {
    const nested = (kind: 'Pipeline' | 'PipelineRun', images: unknown, tools: unknown) => {
      const inner = {
        params: [{ name: 'images', type: 'array', default: ['alpine'] }, { name: 'tools', type: 'object', properties: { k: { type: 'string' } }, default: { k: 'git' } }],
        tasks: [{
          name: 't',
          taskSpec: { params: [{ name: 'images', type: 'array', default: ['busybox'] }], steps: [{ name: 's', image: 'alpine', script: '#!/bin/sh\necho $(params.images[0]) $(params["images"][0]) $(params.tools.k)\n' }] },
        }],
      };
      const spec = { params: [{ name: 'all', type: 'array' }, { name: 'tool', type: 'object', properties: { k: { type: 'string' } } }], tasks: [{ name: 'outer', params: [{ name: 'images', value: images }, { name: 'tools', value: tools }], pipelineSpec: inner }] };
      return kind === 'Pipeline' ? { apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'p' }, spec }
        : { apiVersion: 'tekton.dev/v1', kind, metadata: { name: 'r' }, spec: { params: [{ name: 'all', value: ['x'] }, { name: 'tool', value: { k: 'y' } }], pipelineSpec: spec } };
    };
    // a Pipeline's runs give the arrays and objects the outer task passes whole: its elements and keys are theirs
    expect(fixed(nested('Pipeline', '$(params.all[*])', '$(params.tool[*])'))).toEqual([]);
    // where it passes constants, the inner run is known
    expect(fixed(nested('Pipeline', ['x'], { k: 'y' }))).toEqual(['images[*]', 'images[0]', 'tools.k']);
  });

  test('a Task, a Pipeline\'s task spec and a StepAction: none, whatever their defaults (each run gives its own), but a constant a pipeline task passes', () => {
    expect(fixed({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { params: [{ name: 'a', default: 'v' }], steps: [step] } })).toEqual([]);
    // the pipeline task's constant replaces any run's value of the same name in its spec (propagateParams); the pipeline's default does not
    expect(fixed({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        params: [{ name: 'b', default: 'v' }],
        tasks: [{ name: 't', params: [{ name: 'a', value: 'v' }, { name: 'c', value: '$(params.b)' }], taskSpec: { steps: [step] } }],
      },
    })).toEqual(['a']);
    expect(fixed({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 's' }, spec: { params: [{ name: 'a', default: 'v' }], image: 'alpine', script: step.script } })).toEqual([]);
  });

  test('the run\'s own name, namespace and uid are the author\'s: a value of constant text and `$(context.<x>.name|namespace|uid)` is fixed, one with any other substitution is not', () => {
    const pipeline = (passed: any[]) => fixed({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { params: [{ name: 'x' }], tasks: [{ name: 't', params: passed, taskSpec: { steps: [step] } }] },
    });
    expect(pipeline([{ name: 'a', value: '$(context.pipelineRun.uid)' }, { name: 'b', value: 'wait-$(context.pipelineRun.name).$(context.pipelineRun.namespace)' }])).toEqual(['a', 'b']);
    expect(pipeline([{ name: 'a', value: '$(context.pipeline.name)-$(params.x)' }, { name: 'b', value: '$(tasks.clone.results.sha)-$(context.pipelineRun.uid)' }])).toEqual([]);
    // Tekton replaces the exact text only, and the retry count is no name: still not read as the author's
    expect(pipeline([{ name: 'a', value: '$( context.pipelineRun.name )' }, { name: 'b', value: '$(context.pipelineTask.retries)' }])).toEqual([]);
    // a run's own value, and a TaskRun's
    expect(fixed({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: { params: [{ name: 'a', value: '$(context.pipelineRun.namespace)' }], pipelineSpec: { params: [{ name: 'a' }], tasks: [{ name: 't', taskSpec: { params: [{ name: 'a' }], steps: [step] } }] } },
    })).toEqual(['a']);
    expect(fixed({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r' },
      spec: { params: [{ name: 'a', value: '$(context.taskRun.name)' }, { name: 'b', value: '$(context.taskRun.name)$(params.c)' }], taskSpec: { params: [{ name: 'a' }, { name: 'b' }], steps: [step] } },
    })).toEqual(['a']);
  });
});

describe('runFixedReferences: the statuses Tekton gives finally tasks', () => {
  const finallyStep = (script: string) => ({ name: 'verify', image: 'alpine', script });
  const pipeline = (passed: any[], script = '#!/bin/sh\n[ "$(params.a)" = Succeeded ] || exit 1\n') => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'p' },
    spec: {
      params: [{ name: 'x' }],
      tasks: [{ name: 'build', taskRef: { name: 'build' } }],
      finally: [{ name: 'verify', params: passed, taskSpec: { params: passed.map((p) => ({ name: p.name })), steps: [finallyStep(script)] } }],
    },
  });

  test('`$(tasks.status)` and `$(tasks.<t>.status)` a finally task passes are the author\'s: Tekton pastes Succeeded, Failed, Completed or None', () => {
    expect(fixed(pipeline([{ name: 'a', value: '$(tasks.status)' }, { name: 'b', value: 'build: $(tasks.build.status)' }]))).toEqual(['a', 'b']);
    // a task's result or reason, a run's param beside the status: not constants
    expect(fixed(pipeline([{ name: 'a', value: '$(tasks.build.results.sha)' }, { name: 'b', value: '$(tasks.build.reason)' }]))).toEqual([]);
    expect(fixed(pipeline([{ name: 'a', value: '$(tasks.status)-$(params.x)' }, { name: 'b', value: '$( tasks.status )' }]))).toEqual([]);
  });

  test('SCRIPT_INJECTION: a finally task\'s script that pastes the aggregate status through its param is no finding; a result passed so still is', () => {
    const findings = (manifest: any) => SCRIPT_INJECTION.check(manifest, ruleContext([manifest]));
    expect(findings(pipeline([{ name: 'a', value: '$(tasks.status)' }]))).toEqual([]);
    expect(findings(pipeline([{ name: 'a', value: '$(tasks.build.status)' }], '#!/bin/sh\necho "build: $(params.a)"\n'))).toEqual([]);
    expect(findings(pipeline([{ name: 'a', value: '$(tasks.build.results.sha)' }]))).toEqual([
      {
        rule: 'SCRIPT_INJECTION',
        kind: 'Pipeline',
        name: 'p',
        location: 'task \'verify\' step \'verify\'',
        target: 'task/verify/step/verify',
        property: 'script',
        value: '$(params.a)',
        problem: 'pastes a substitution into a script',
        fix: 'Pass it through env instead: env: [{ name: \'A\', value: \'$(params.a)\' }] and use "$A" (quoted) in the script.',
      },
    ]);
  });

  test('SCRIPT_INJECTION: two statuses in one text are the author\'s only where no run can name a param spanning them (Tekton checks run param names for duplicates only)', () => {
    const findings = (manifest: any) => SCRIPT_INJECTION.check(manifest, ruleContext([manifest])).map((f) => [f.kind, f.value, f.problem, f.fix]);
    const passed = [{ name: 'a', value: '$(tasks.status)' }, { name: 'b', value: '$(tasks.build.status)' }];
    const spec = pipeline(passed, '#!/bin/sh\necho "$(params.a) $(params.b)"\n').spec;
    const pipelineRun = (params: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { params, pipelineSpec: spec } });
    const fix = (name: string) => `Pass it through env instead: env: [{ name: '${name.toUpperCase()}', value: '$(params.${name})' }] and use "$${name.toUpperCase()}" (quoted) in the script.`;
    const both = (kind: string) => [[kind, '$(params.a)', 'pastes a substitution into a script', fix('a')], [kind, '$(params.b)', 'pastes a substitution into a script', fix('b')]];
    // any PipelineRun of the Pipeline may give a param named `a) $(params.b`, whose value Tekton pastes over the whole of `$(params.a) $(params.b)`
    expect(findings({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec })).toEqual(both('Pipeline'));
    expect(findings(pipelineRun([{ name: 'a) $(params.b', value: 'x"; id; echo "' }]))).toEqual(both('PipelineRun'));
    // a run in the same manifest whose param names hold no `)`: each status stays the author's
    expect(findings(pipelineRun([{ name: 'x', value: 'v' }]))).toEqual([]);
  });
});

describe('runFixedReferences: object params (a key the run fixes, as Tekton spells and merges it)', () => {
  const objectStep = { name: 's', image: 'alpine', script: '#!/bin/sh\necho $(params.repo.url)\n' };
  const taskRun = (params: any[], declared: any[] = [{ name: 'repo', type: 'object', properties: { url: {}, commit: {}, branch: {} } }]) => ({
    apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params, taskSpec: { params: declared, steps: [objectStep] } },
  });
  const keys = (manifest: any) => [...runFixedReferences(containersOf(manifest)[0]).keys()].sort();

  test('a TaskRun\'s own taskSpec: each key the TaskRun gives, merged over the task default\'s keys; only `params.<name>.<key>` is replaced', () => {
    const declared = [{ name: 'repo', type: 'object', properties: { url: {}, commit: {}, branch: {} }, default: { url: 'https://example.com/d', branch: 'main' } }];
    expect(keys(taskRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains', commit: 'sha123' } }], declared)))
      .toEqual(['params.repo.branch', 'params.repo.commit', 'params.repo.url']);
    // partly fixed: a key a template fills in is a caller's, the others stay fixed
    expect(keys(taskRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains', commit: '$(tt.params.sha)' } }])))
      .toEqual(['params.repo.url']);
    // a string param named `repo.url` given later replaces the object's key (the same text), and one given earlier does not
    expect(keys(taskRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains' } }, { name: 'repo.url', value: '$(tt.params.url)' }]))).toEqual([]);
    expect(keys(taskRun([{ name: 'repo.url', value: '$(tt.params.url)' }, { name: 'repo', value: { url: 'https://github.com/tektoncd/chains' } }])))
      .toEqual(['params.repo.url']);
    // a value not an object: none of its keys
    expect(keys(taskRun([{ name: 'repo', value: '$(tt.params.repo)' }]))).toEqual([]);
  });

  const pipelineRun = (runParams: any[], passed: any[] | undefined, pipelineParams: any[] = [], taskParams: any[] = []) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'r' },
    spec: {
      params: runParams,
      pipelineSpec: { params: pipelineParams, tasks: [{ name: 't', ...(passed ? { params: passed } : {}), taskSpec: { params: taskParams, steps: [objectStep] } }] },
    },
  });

  test('a PipelineRun\'s own pipelineSpec: the pipeline task\'s keys replace the run\'s of the same object (propagateParams), the run\'s other keys stay', () => {
    // Tekton's example propagated-pipeline-object-param: url from the pipeline task, commit from the run, branch from the pipeline task
    const run = (commit: string) => pipelineRun([{ name: 'repo', value: { url: 'abc.com', commit } }], [{ name: 'repo', value: { branch: 'main', url: 'xyz.com' } }]);
    expect(keys(run('sha123'))).toEqual(['params.repo.branch', 'params.repo.commit', 'params.repo.url']);
    expect(keys(run('$(tt.params.sha)'))).toEqual(['params.repo.branch', 'params.repo.url']);
  });

  test('a PipelineRun\'s own pipelineSpec: the pipeline\'s object default, under every spelling of the object, only where the run gives no object', () => {
    const declared = [{ name: 'repo', type: 'object', properties: { url: {}, commit: {} }, default: { url: 'https://example.com/d', commit: 'sha-d' } }];
    expect(keys(pipelineRun([], undefined, declared))).toEqual([
      'params.repo.commit', 'params.repo.url', 'params["repo"].commit', 'params["repo"].url', "params['repo'].commit", "params['repo'].url",
    ]);
    // the run's object replaces the default whole (no merge at the pipeline level): commit is left to the task level, which declares none
    expect(keys(pipelineRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains' } }], undefined, declared))).toEqual(['params.repo.url']);
    // the task's own default fills a key neither level gives
    const taskDeclared = [{ name: 'repo', type: 'object', properties: { url: {}, commit: {} }, default: { commit: 'sha-t' } }];
    expect(keys(pipelineRun([{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains' } }], undefined, declared, taskDeclared)))
      .toEqual(['params.repo.commit', 'params.repo.url']);
  });

  test('a PipelineRun\'s own pipelineSpec: a pipeline task that passes a whole object of the pipeline (`$(params.tools[*])`) replaces the keys of the pipeline\'s object of that name', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        pipelineSpec: {
          params: [
            { name: 'tools', type: 'object', properties: { image: {} }, default: { image: 'a' } },
            { name: 'build', type: 'object', properties: { image: {} }, default: { image: 'b' } },
          ],
          tasks: [{ name: 't', params: [{ name: 'build', value: '$(params.tools[*])' }], taskSpec: { params: [{ name: 'build', type: 'object', properties: { image: {} } }], steps: [step] } }],
        },
      },
    };
    expect(fixed(run)).toEqual(['tools.image']);
  });

  test('a Pipeline: an object key a pipeline task passes is not fixed (a run may give an array or a string named `repo.url`); a string it passes is', () => {
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        params: [{ name: 'repo', type: 'object', properties: { url: {} } }],
        tasks: [{ name: 't', params: [{ name: 'repo', value: { url: 'https://github.com/tektoncd/chains' } }, { name: 'ref', value: 'main' }], taskSpec: { steps: [objectStep] } }],
      },
    };
    expect(keys(pipeline)).toEqual(['inputs.params.ref', 'params.ref', 'params["ref"]', "params['ref']"]);
    // `params[%q]` as Go quotes the name (a rune that is not printable as \u…, a control character as \n …), where JSON would leave it as it is
    pipeline.spec.tasks[0].params = [{ name: 'r\u00a0f', value: 'main' }, { name: 'a\nb', value: 'x' }];
    expect(keys(pipeline)).toEqual(['inputs.params.a\nb', 'inputs.params.r\u00a0f', 'params.a\nb', 'params.r\u00a0f', 'params["a\\nb"]', 'params["r\\u00a0f"]',
      "params['a\nb']", "params['r\u00a0f']"]);
  });
});

describe('runFixedReferences: array params (an element, and the whole array an argument expands to)', () => {
  const arrayStep = { name: 's', image: 'alpine', command: ['git'], args: ['$(params.flags[*])'] };
  const keys = fixed;

  test('a TaskRun\'s own taskSpec: its array, else the task\'s default; a partly fixed array fixes its constant elements only', () => {
    const run = (params: any[], declared: any[] = [{ name: 'flags', type: 'array' }]) => ({
      apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params, taskSpec: { params: declared, steps: [arrayStep] } },
    });
    expect(keys(run([{ name: 'flags', value: ['--depth', '1'] }]))).toEqual(['flags[*]', 'flags[0]', 'flags[1]']);
    expect(keys(run([], [{ name: 'flags', type: 'array', default: ['--depth'] }]))).toEqual(['flags[*]', 'flags[0]']);
    expect(keys(run([{ name: 'flags', value: ['--depth', '$(tt.params.depth)'] }]))).toEqual(['flags[0]']);
  });

  test('a PipelineRun\'s own pipelineSpec: the pipeline task\'s array replaces the run\'s whole, while an element stays the run\'s (propagateParams)', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        params: [{ name: 'flags', value: ['$(tt.params.flag)', '--quiet'] }],
        pipelineSpec: {
          params: [{ name: 'flags', type: 'array' }],
          tasks: [{ name: 't', params: [{ name: 'flags', value: ['--depth', '1'] }], taskSpec: { params: [{ name: 'flags', type: 'array' }], steps: [arrayStep] } }],
        },
      },
    };
    expect(keys(run)).toEqual(['flags[*]', 'flags[1]']);
    // in a Pipeline, neither: any run may give an array, or a string named `flags[*]`
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: run.spec.pipelineSpec };
    expect(keys(pipeline)).toEqual([]);
  });

  test('a pipeline task that passes a whole array of the pipeline (`$(params.images[*])`) gives its TaskRun that array: the task\'s default elements are not what it pastes', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        params: [{ name: 'all', value: ['--verbose'] }],
        pipelineSpec: {
          params: [{ name: 'all', type: 'array' }],
          tasks: [{
            name: 't',
            params: [{ name: 'flags', value: '$(params.all[*])' }, { name: 'o', value: '$(params.all)' }],
            taskSpec: { params: [{ name: 'flags', type: 'array', default: ['--depth', '1'] }, { name: 'o', type: 'object', properties: { k: {} }, default: { k: 'v' } }], steps: [arrayStep] },
          }],
        },
      },
    };
    expect(keys(run)).toEqual(['all[*]', 'all[0]']);
  });

  test('a matrix gives its own values: the task\'s default of a param it names is not what the TaskRun pastes', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        pipelineSpec: {
          params: [{ name: 'platforms', type: 'array' }],
          tasks: [{
            name: 't',
            matrix: { params: [{ name: 'platform', value: '$(params.platforms[*])' }], include: [{ name: 'x', params: [{ name: 'arch', value: 'arm64' }] }] },
            taskSpec: { params: [{ name: 'platform', default: 'linux/amd64' }, { name: 'arch', default: 'amd64' }, { name: 'os', default: 'linux' }], steps: [arrayStep] },
          }],
        },
      },
    };
    expect(keys(run)).toEqual(['os']);
  });
});

describe('runFixedReferences: what Tekton pastes, and whether a caller names a param where it does', () => {
  const echoA = { name: 's', image: 'alpine', script: '#!/bin/sh\necho $(params.a)\n' };
  const first = (manifest: any) => Object.fromEntries(runFixedReferences(containersOf(manifest)[0]));
  const pipelineSpec = (params: any[]) => ({ tasks: [{ name: 't', params, taskSpec: { params: [{ name: 'a' }, { name: 'b' }], steps: [echoA] } }] });

  test('a Pipeline\'s runs give any param under any name (Tekton checks no name of a run by pipelineRef): spannable; an array of that name empties a whole element', () => {
    expect(first({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: pipelineSpec([{ name: 'a', value: 'v' }]) })['params.a'])
      .toEqual({ value: 'v', spannable: true, vanishes: true });
  });

  test('a PipelineRun\'s and a TaskRun\'s own spec: plain names are not, a name a template writes or one with `)` is', () => {
    const run = (params: any[]) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { params, pipelineSpec: pipelineSpec([{ name: 'b', value: ['x', 'y'] }]) } });
    expect(first(run([{ name: 'a', value: 'v' }]))).toEqual({
      'params.a': { value: 'v', spannable: false, vanishes: false },
      'params["a"]': { value: 'v', spannable: false, vanishes: false },
      "params['a']": { value: 'v', spannable: false, vanishes: false },
      'params.b[*]': { value: 'x y', spannable: false, vanishes: false },
      'params.b[0]': { value: 'x', spannable: false, vanishes: false },
      'params.b[1]': { value: 'y', spannable: false, vanishes: false },
      'inputs.params.b[*]': { value: 'x y', spannable: false, vanishes: false },
      'inputs.params.b[0]': { value: 'x', spannable: false, vanishes: false },
      'inputs.params.b[1]': { value: 'y', spannable: false, vanishes: false },
      'params["b"][*]': { value: 'x y', spannable: false, vanishes: false },
      'params["b"][0]': { value: 'x', spannable: false, vanishes: false },
      'params["b"][1]': { value: 'y', spannable: false, vanishes: false },
      "params['b'][*]": { value: 'x y', spannable: false, vanishes: false },
      "params['b'][0]": { value: 'x', spannable: false, vanishes: false },
      "params['b'][1]": { value: 'y', spannable: false, vanishes: false },
    });
    expect(first(run([{ name: 'a', value: 'v' }, { name: '{{ body.name }}', value: 'w' }]))['params.a']).toEqual({ value: 'v', spannable: true, vanishes: false });
    expect(first(run([{ name: 'a', value: 'v' }, { name: 'o', value: { 'k) x': 'w' } }]))['params.a']).toEqual({ value: 'v', spannable: true, vanishes: false });
    const taskRun = (name: string) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params: [{ name: 'a', value: 'v' }, { name, value: 'w' }], taskSpec: { params: [{ name: 'a' }], steps: [echoA] } } });
    expect(first(taskRun('b'))['params.a']).toEqual({ value: 'v', spannable: false, vanishes: false });
    expect(first(taskRun('a) x'))['params.a']).toEqual({ value: 'v', spannable: true, vanishes: false });
    // the run's array of a name the pipeline task passes as a string: a whole element expands to the pipeline task's (none)
    const arrayRun = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { params: [{ name: 'a', value: ['x'] }], pipelineSpec: pipelineSpec([{ name: 'a', value: 'v' }]) } };
    expect(first(arrayRun)['params.a']).toEqual({ value: 'v', spannable: false, vanishes: true });
  });
});

describe('a run\'s value Go reads as one string: a number, a bool, a list or a map holding another value than a string (its JSON text)', () => {
  const prRun = (value: unknown) => ({
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'r' },
    spec: {
      params: [{ name: 'port', value }],
      pipelineSpec: { tasks: [{ name: 't', taskSpec: { params: [{ name: 'port', enum: ['80', '[1,2]'] }], steps: [{ ...step, script: '#!/bin/sh\necho $(params.port)\n' }] } }] },
    },
  });
  const digits = (v: string) => /^[\d[\],]+$/.test(v);

  test('enumGap: the text the run gives in place of the task\'s enum is what `allowed` judges', () => {
    expect(enumGap(containersOf(prRun(80))[0], 'port', digits)).toBeUndefined();
    expect(enumGap(containersOf(prRun([1, 2]))[0], 'port', digits)).toBeUndefined();
    expect(enumGap(containersOf(prRun({ b: 1, a: 2 }))[0], 'port', digits)).toEqual({
      problem: 'the task\'s enum does not bind it: pipeline task \'t\' does not pass "port" and the run gives "port" {"b":1,"a":2}, '
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked',
      fix: 'Pass "port" in params of pipeline task \'t\' (Tekton checks what it passes against the enum), or declare "port" on the pipeline with an enum of the same values.',
    });
    expect(enumGap(containersOf(prRun(['1', '2']))[0], 'port', digits)).toEqual({
      problem: 'the task\'s enum does not bind it: pipeline task \'t\' does not pass "port" and the run gives "port" ["1","2"], '
        + 'which Tekton substitutes into the inline taskSpec before any enum is checked',
      fix: 'Pass "port" in params of pipeline task \'t\' (Tekton checks what it passes against the enum), or declare "port" on the pipeline with an enum of the same values.',
    });
  });

  test('runValue and runFixedReferences: a TaskRun\'s list of numbers is one string, its JSON text, keys sorted as the API server serves a map', () => {
    const run = (value: unknown) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r' },
      spec: { params: [{ name: 'a', value }], taskSpec: { params: [{ name: 'a' }], steps: [step] } },
    });
    const tr = (value: unknown) => containersOf(run(value))[0];
    expect(runValue(tr([1, 2]), 'a')?.value).toBe('[1,2]');
    expect(runValue(tr({ b: [1], a: '<&' }), 'a')?.value).toBe('{"a":"\\u003c\\u0026","b":[1]}');
    expect(runValue(tr(true), 'a')?.value).toBe('true');
    expect(fixed(run([1, 2]))).toEqual(['a']);
    // a list with a null item is an array: the item is the empty string
    expect(runValue(tr(['x', null]), 'a')).toBeUndefined();
    expect(fixed(run(['x', null]))).toEqual(['a[*]', 'a[0]', 'a[1]']);
  });
});
