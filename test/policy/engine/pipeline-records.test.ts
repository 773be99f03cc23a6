import { foldPipelineRecords } from '../../../src/policy/engine/pipeline-records';

const KEY = 'secure-tekton/relax.DEFAULT_ISOLATION';

function objects(runRecords: string | undefined, pipelineRecords: string | undefined, runNamespace = 'ci') {
  const pipeline = {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'build', namespace: 'ci', annotations: pipelineRecords === undefined ? {} : { [KEY]: pipelineRecords } },
    spec: { tasks: [{ name: 'build' }, { name: 'test' }], finally: [{ name: 'notify' }] },
  };
  const run = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'r', namespace: runNamespace, annotations: runRecords === undefined ? {} : { [KEY]: runRecords } },
    spec: { pipelineRef: { name: 'build' } },
  };
  return { pipeline, run };
}

describe('foldPipelineRecords', () => {
  test('a PipelineRun that records a rule its Pipeline records carries the Pipeline\'s lines too (Tekton keeps the run\'s value on the TaskRuns)', () => {
    const { pipeline, run } = objects('task/test: the load test raises somaxconn', 'task/build/step/build: rootless BuildKit needs Unconfined AppArmor');
    expect(foldPipelineRecords([pipeline, run])).toEqual([run]);
    expect(run.metadata.annotations[KEY]).toBe('task/test: the load test raises somaxconn\ntask/build/step/build: rootless BuildKit needs Unconfined AppArmor');
    // a second fold adds nothing
    expect(foldPipelineRecords([pipeline, run])).toEqual([]);
  });

  test('a Pipeline\'s whole-object line becomes a line per pipeline task, finally included', () => {
    const { pipeline, run } = objects('task/test: the load test raises somaxconn', '*: the whole pipeline builds with BuildKit');
    foldPipelineRecords([run, pipeline]);
    expect(run.metadata.annotations[KEY]!.split('\n')).toEqual([
      'task/test: the load test raises somaxconn',
      'task/build: the whole pipeline builds with BuildKit',
      'task/test: the whole pipeline builds with BuildKit',
      'task/notify: the whole pipeline builds with BuildKit',
    ]);
  });

  test('nothing to fold: only one of them records the rule, another namespace, a resolver', () => {
    for (const [r, p, ns] of [[undefined, '*: the whole pipeline builds with BuildKit', 'ci'], ['*: the run needs it for a reason', undefined, 'ci'],
      ['*: the run needs it for a reason', '*: the whole pipeline builds with BuildKit', 'other']] as const) {
      const { pipeline, run } = objects(r, p, ns);
      const before = JSON.stringify(run);
      expect(foldPipelineRecords([pipeline, run])).toEqual([]);
      expect(JSON.stringify(run)).toBe(before);
    }
    const { pipeline, run } = objects('*: the run needs it for a reason', '*: the whole pipeline builds with BuildKit');
    (run.spec.pipelineRef as any).resolver = 'git';
    expect(foldPipelineRecords([pipeline, run])).toEqual([]);
    // a malformed Pipeline: no tasks to spread a whole-object line over
    const bad = objects('task/a: the run needs it for a reason', '*: the whole pipeline builds with BuildKit');
    (bad.pipeline.spec as any).tasks = { a: 1 };
    (bad.pipeline.spec as any).finally = 5;
    expect(foldPipelineRecords([bad.pipeline, bad.run])).toEqual([]);
  });
});
