import { paramValues } from '../../src/private/param-values';

describe('paramValues', () => {
  test('a Task without a name is referred to by no pipeline task nor TaskRun (ones without a taskRef neither): no throw, the default only', () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: {}, spec: { params: [{ name: 'key', default: 'k8s://ci/key' }], steps: [] } };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'a', params: [{ name: 'key', value: 'other' }] }] } };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { params: [{ name: 'key', value: 'other' }] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, pipeline, run])).toEqual(['k8s://ci/key']);
    expect(paramValues({ ...t, metadata: 'tekton.dev/v1' }, 'spec.steps[0]', t.spec.params, 'key', [t, run])).toEqual(['k8s://ci/key']);
  });

  test("a TaskRun's value: a literal is added to the default, a substitution Tekton fills in leaves none known", () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'verify' }, spec: { params: [{ name: 'key', default: 'k8s://ci/key' }], steps: [] } };
    const run = (value: unknown) => ({ apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 'verify' }, params: [{ name: 'key', value }] } });
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, run('other')])).toEqual(['k8s://ci/key', 'other']);
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, run('$(context.taskRun.name)')])).toEqual([]);
    const embedded = { ...run('$(context.taskRun.namespace)'), spec: { params: [{ name: 'key', value: '$(context.taskRun.namespace)' }], taskSpec: t.spec } };
    expect(paramValues(embedded, 'spec.taskSpec.steps[0]', t.spec.params, 'key', [embedded])).toEqual([]);
    expect(paramValues({ ...embedded, spec: { ...embedded.spec, params: [{ name: 'key', value: 'lit' }] } }, 'spec.taskSpec.steps[0]', t.spec.params, 'key', [])).toEqual(['k8s://ci/key', 'lit']);
  });

  test("a PipelineLoop's (kfp-tekton) pipeline task passes its values: in a loop object, in one embedded in a Pipeline, and to a Task it names", () => {
    const loopSpec = {
      iterateParam: 'message',
      pipelineSpec: {
        params: [{ name: 'k', default: 'k8s://ci/loop-key' }],
        tasks: [
          { name: 'a', params: [{ name: 'key', value: '$(params.k)' }], taskSpec: { params: [{ name: 'key' }], steps: [{ name: 's' }] } },
          { name: 'b', taskRef: { name: 'verify' }, params: [{ name: 'key', value: 'k8s://ci/named' }] },
        ],
      },
    };
    const loop = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each' }, spec: loopSpec };
    expect(paramValues(loop, 'spec.pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key' }], 'key', [loop])).toEqual(['k8s://ci/loop-key']);
    // the pipeline task that runs the loop passes its params to the CustomRun, not to the loop's tasks
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 'loop', params: [{ name: 'key', value: 'k8s://ci/outer' }], taskSpec: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec: loopSpec } }] },
    };
    expect(paramValues(pipeline, 'spec.tasks[0].taskSpec.spec.pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key' }], 'key', [pipeline])).toEqual(['k8s://ci/loop-key']);
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'verify' }, spec: { params: [{ name: 'key', default: 'k8s://ci/default' }], steps: [] } };
    expect(paramValues(t, 'spec.steps[0]', t.spec.params, 'key', [t, loop, pipeline])).toEqual(['k8s://ci/default', 'k8s://ci/named']);
  });

  const LOOP_API = 'custom.tekton.dev/v1alpha1';
  const verifyTask = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'verify' }, spec: { params: [{ name: 'key', default: 'k8s://ci/task' }], steps: [] } };
  /** A PipelineLoop object `each` whose pipeline task runs Task verify with `key: $(params.k)` (k defaults to the loop's key). */
  const loopObject = (spec: Record<string, any> = {}) => ({
    apiVersion: LOOP_API,
    kind: 'PipelineLoop',
    metadata: { name: 'each' },
    spec: {
      iterateParam: 'items',
      ...spec,
      pipelineSpec: {
        params: [{ name: 'k', default: 'k8s://ci/loop' }, { name: 'items' }],
        tasks: [{ name: 'v', taskRef: { name: 'verify' }, params: [{ name: 'key', value: '$(params.k)' }] }],
      },
    },
  });
  /** A Pipeline `outer` whose task runs the loop object `each` by taskRef with these params, declaring `params`. */
  const outer = (passed: any[], params: any[] = [], ref: Record<string, any> = { apiVersion: LOOP_API, kind: 'PipelineLoop', name: 'each' }) => ({
    apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'outer' }, spec: { params, tasks: [{ name: 'loop', taskRef: ref, params: passed }] },
  });
  const taskValues = (...others: any[]) => paramValues(verifyTask, 'spec.steps[0]', verifyTask.spec.params, 'key', [verifyTask, ...others]);

  test("a PipelineLoop object run by a Pipeline's taskRef gets that task's params as its runs' (the CustomRun's), followed to the Pipeline's caller", () => {
    const loop = loopObject();
    // alone, a CustomRun no manifest makes may leave k to its default
    expect(taskValues(loop)).toEqual(['k8s://ci/task', 'k8s://ci/loop']);
    expect(taskValues(loop, outer([{ name: 'k', value: 'k8s://ci/outer' }]))).toEqual(['k8s://ci/task', 'k8s://ci/loop', 'k8s://ci/outer']);
    // the outer Pipeline's param: its default and the literal values of the PipelineRuns that name it
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: { name: 'outer' }, params: [{ name: 'o', value: 'k8s://ci/run' }] } };
    expect(taskValues(loop, outer([{ name: 'k', value: '$(params.o)' }], [{ name: 'o', default: 'k8s://ci/outer-default' }]), run))
      .toEqual(['k8s://ci/task', 'k8s://ci/loop', 'k8s://ci/outer-default', 'k8s://ci/run']);
    // a loop param without a default that no caller here gives: any CustomRun's value
    const bare = loopObject();
    bare.spec.pipelineSpec.params[0] = { name: 'k' } as any;
    expect(taskValues(bare)).toEqual([]);
    expect(taskValues(bare, outer([{ name: 'k', value: 'k8s://ci/outer' }]))).toEqual(['k8s://ci/task', 'k8s://ci/outer']);
    // a value the outer Pipeline's caller chooses and no manifest gives (no default, no run), or a task's result: none known, not the defaults
    expect(taskValues(loop, outer([{ name: 'k', value: '$(params.o)' }], [{ name: 'o' }]))).toEqual([]);
    expect(taskValues(loop, outer([{ name: 'k', value: '$(tasks.a.results.key)' }]))).toEqual([]);
    // the container in the loop object's own pipeline task's taskSpec sees the same values
    const embedded = { ...loop, spec: { ...loop.spec, pipelineSpec: { ...loop.spec.pipelineSpec, tasks: [{ name: 'v', params: [{ name: 'key', value: '$(params.k)' }], taskSpec: { params: [{ name: 'key' }], steps: [{}] } }] } } };
    const inLoop = (...others: any[]) => paramValues(embedded, 'spec.pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key' }], 'key', [embedded, ...others]);
    expect(inLoop()).toEqual(['k8s://ci/loop']);
    expect(inLoop(outer([{ name: 'k', value: '$(params.o)' }], [{ name: 'o' }]))).toEqual([]);
    // another name, kind, API group, a resolver or another namespace: not this loop
    for (const ref of [
      { apiVersion: LOOP_API, kind: 'PipelineLoop', name: 'other' },
      { apiVersion: LOOP_API, kind: 'Pipeline', name: 'each' },
      { apiVersion: 'tekton.dev/v1', kind: 'PipelineLoop', name: 'each' },
      { apiVersion: LOOP_API, kind: 'PipelineLoop', name: 'each', resolver: 'cluster' },
    ]) expect(taskValues(loop, outer([{ name: 'k', value: 'k8s://ci/outer' }], [], ref))).toEqual(['k8s://ci/task', 'k8s://ci/loop']);
    const elsewhere = { ...outer([{ name: 'k', value: 'k8s://ci/outer' }]), metadata: { name: 'outer', namespace: 'b' } };
    expect(taskValues({ ...loop, metadata: { name: 'each', namespace: 'a' } }, elsewhere)).toEqual(['k8s://ci/task', 'k8s://ci/loop']);
  });

  test('the params the loop controller makes are unknown (the iterated one, its dictionary subvars, the iteration number), those it drops are the default', () => {
    const byParam = (param: string, spec: Record<string, any>, passed: any[]) => {
      const loop = loopObject(spec);
      loop.spec.pipelineSpec.params.push({ name: param, default: 'k8s://ci/fixed' });
      loop.spec.pipelineSpec.tasks[0].params = [{ name: 'key', value: `$(params.${param})` }];
      return taskValues(loop, outer(passed));
    };
    // an element of the iterated value (a JSON list, a list of dictionaries: items-subvar-<key>), whatever is passed
    expect(byParam('items', {}, [{ name: 'items', value: '["k8s://ci/a"]' }])).toEqual([]);
    expect(byParam('items-subvar-key', {}, [{ name: 'items', value: '[{"key": "k8s://ci/a"}]' }])).toEqual([]);
    expect(byParam('n', { iterationNumberParam: 'n' }, [])).toEqual([]);
    expect(byParam('i', { iterateParam: undefined, iterateNumeric: 'i' }, [{ name: 'from', value: '1' }, { name: 'to', value: '2' }])).toEqual([]);
    // the separator, and from/step/to without iterateParam, are read by the controller and not passed on
    expect(byParam('sep', { iterateParamSeparator: 'sep' }, [{ name: 'sep', value: 'k8s://ci/passed' }])).toEqual(['k8s://ci/task', 'k8s://ci/fixed']);
    expect(byParam('from', { iterateParam: undefined, iterateNumeric: 'i' }, [{ name: 'from', value: 'k8s://ci/passed' }])).toEqual(['k8s://ci/task', 'k8s://ci/fixed']);
    // with iterateParam, from is an ordinary param
    expect(byParam('from', {}, [{ name: 'from', value: 'k8s://ci/passed' }])).toEqual(['k8s://ci/task', 'k8s://ci/fixed', 'k8s://ci/passed']);
  });

  test("a PipelineLoop embedded in a pipeline task's taskSpec gets that task's params, followed in the spec that holds it", () => {
    const loopSpec = { iterateParam: 'items', pipelineSpec: loopObject().spec.pipelineSpec };
    const pipeline = (passed: any[], params: any[] = []) => ({
      apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { params, tasks: [{ name: 'loop', params: passed, taskSpec: { apiVersion: LOOP_API, kind: 'PipelineLoop', spec: loopSpec } }] },
    });
    expect(taskValues(pipeline([]))).toEqual(['k8s://ci/task', 'k8s://ci/loop']);
    // passed, the loop's default is not taken
    expect(taskValues(pipeline([{ name: 'k', value: 'k8s://ci/outer' }]))).toEqual(['k8s://ci/task', 'k8s://ci/outer']);
    expect(taskValues(pipeline([{ name: 'k', value: '$(params.o)' }], [{ name: 'o', default: 'k8s://ci/p' }]))).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    expect(taskValues(pipeline([{ name: 'k', value: '$(params.o)' }], [{ name: 'o' }]))).toEqual([]);
  });

  test("a pipeline task's own pipelineSpec gets that task's params and only those: the nested default only where the task passes none", () => {
    const pipeline = (passed: any[], params: any[] = []) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        params,
        tasks: [{
          name: 'child',
          params: passed,
          pipelineSpec: {
            params: [{ name: 'k', default: 'k8s://ci/nested' }],
            tasks: [{ name: 'v', params: [{ name: 'key', value: '$(params.k)' }], taskSpec: { params: [{ name: 'key', default: 'k8s://ci/task' }], steps: [{}] } }],
          },
        }],
      },
    });
    const values = (m: any) => paramValues(m, 'spec.tasks[0].pipelineSpec.tasks[0].taskSpec.steps[0]', [{ name: 'key', default: 'k8s://ci/task' }], 'key', [m]);
    expect(values(pipeline([]))).toEqual(['k8s://ci/task', 'k8s://ci/nested']);
    expect(values(pipeline([{ name: 'k', value: 'k8s://ci/outer' }]))).toEqual(['k8s://ci/task', 'k8s://ci/outer']);
    expect(values(pipeline([{ name: 'k', value: '$(params.o)' }], [{ name: 'o', default: 'k8s://ci/p' }]))).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    // a value the Pipeline's caller chooses: none known (the nested and task defaults are overridden)
    expect(values(pipeline([{ name: 'k', value: '$(params.o)' }], [{ name: 'o' }]))).toEqual([]);
    // a Task named by a nested pipeline task is followed too
    const named = pipeline([{ name: 'k', value: 'k8s://ci/outer' }]);
    named.spec.tasks[0].pipelineSpec.tasks[0] = { name: 'v', taskRef: { name: 'verify' }, params: [{ name: 'key', value: '$(params.k)' }] } as any;
    expect(taskValues(named)).toEqual(['k8s://ci/task', 'k8s://ci/outer']);
  });

  test("a Pipeline a PipelineLoop runs through its pipelineRef takes the CustomRun's params: the loop's caller's, its default where the caller gives none", () => {
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { params: [{ name: 'k', default: 'k8s://ci/p' }], tasks: [{ name: 'v', taskRef: { name: 'verify' }, params: [{ name: 'key', value: '$(params.k)' }] }] },
    };
    expect(taskValues(pipeline)).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    const loop = { apiVersion: LOOP_API, kind: 'PipelineLoop', metadata: { name: 'each' }, spec: { iterateParam: 'items', pipelineRef: { name: 'p' } } };
    // a loop object no checked task runs: a CustomRun no manifest makes, as a PipelineRun no manifest makes, may leave k to its default
    expect(taskValues(pipeline, loop)).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    // run by a Pipeline's taskRef: that task's params, followed to the outer Pipeline's runs
    expect(taskValues(pipeline, loop, outer([{ name: 'k', value: 'k8s://ci/outer' }]))).toEqual(['k8s://ci/task', 'k8s://ci/p', 'k8s://ci/outer']);
    expect(taskValues(pipeline, loop, outer([{ name: 'k', value: '$(params.o)' }], [{ name: 'o' }]))).toEqual([]);
    // k is what the loop iterates over: each iteration's element, unknown
    expect(taskValues(pipeline, { ...loop, spec: { ...loop.spec, iterateParam: 'k' } })).toEqual([]);
    expect(taskValues(pipeline, { ...loop, spec: { ...loop.spec, pipelineRef: { name: 'other' } } })).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    // a loop embedded in a pipeline task: that task's params (the Pipeline's default still counts: a PipelineRun no manifest makes may run it)
    const embedding = outer([]);
    (embedding.spec.tasks[0] as any) = { name: 'loop', taskSpec: { apiVersion: LOOP_API, kind: 'PipelineLoop', spec: loop.spec } };
    expect(taskValues(pipeline, embedding)).toEqual(['k8s://ci/task', 'k8s://ci/p']);
    (embedding.spec.tasks[0] as any).params = [{ name: 'k', value: 'k8s://ci/caller' }];
    expect(taskValues(pipeline, embedding)).toEqual(['k8s://ci/task', 'k8s://ci/p', 'k8s://ci/caller']);
    // the Pipeline runs the loop that runs it: its own value unknown
    const selfish = { ...pipeline, spec: { ...pipeline.spec, tasks: [...pipeline.spec.tasks, { name: 'again', taskRef: { apiVersion: LOOP_API, kind: 'PipelineLoop', name: 'each' }, params: [{ name: 'k', value: '$(params.k)' }] }] } };
    expect(taskValues(selfish, loop)).toEqual([]);
  });

  test('a loop object that runs itself ends, its own value unknown', () => {
    const loop = loopObject();
    loop.spec.pipelineSpec.tasks.push({ name: 'again', taskRef: { apiVersion: LOOP_API, kind: 'PipelineLoop', name: 'each' } as any, params: [{ name: 'k', value: '$(params.k)' }] });
    expect(taskValues(loop)).toEqual([]);
  });
});
