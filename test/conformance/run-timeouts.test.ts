/**
 * RUN_TIMEOUT against Tekton v1.15's admission webhook (the oracle, conformance/): the rule
 * reports a timeout Tekton refuses ("(Tekton refuses the run)") on exactly the runs the
 * webhook refuses, over every combination of a PipelineRun's overall, tasks, finally and
 * per-task timeouts drawn from a set of values, in v1 and v1beta1.
 */
import { RUN_TIMEOUT } from '../../src/policy/rules/run-timeout';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

const VALUES = [undefined, '1h', '30m', '0s', '2h', '-1m', '1x', '2562047h'];

/** Every combination of VALUES for the overall, tasks and finally timeouts, with and without a per-task timeout. */
function runs(): any[] {
  const out: any[] = [];
  for (const apiVersion of ['tekton.dev/v1', 'tekton.dev/v1beta1']) {
    for (const pipeline of VALUES) {
      for (const tasks of VALUES) {
        for (const fin of VALUES) {
          for (const task of [undefined, '45m', '90m']) {
            const timeouts = Object.fromEntries(Object.entries({ pipeline, tasks, finally: fin }).filter(([, v]) => v !== undefined));
            out.push({
              apiVersion,
              kind: 'PipelineRun',
              metadata: { name: `r${out.length}`, namespace: 'ci' },
              spec: {
                pipelineRef: { name: 'p' },
                ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
                ...(task === undefined ? {} : { taskRunSpecs: [{ pipelineTaskName: 'build', timeout: task }] }),
              },
            });
          }
        }
      }
    }
  }
  // v1beta1's deprecated overall timeout, alone and next to timeouts
  for (const timeouts of [undefined, {}, { pipeline: '1h' }]) {
    for (const timeout of ['1h', '0s', '-1m']) {
      out.push({
        apiVersion: 'tekton.dev/v1beta1',
        kind: 'PipelineRun',
        metadata: { name: `r${out.length}`, namespace: 'ci' },
        spec: { pipelineRef: { name: 'p' }, timeout, ...(timeouts === undefined ? {} : { timeouts }) },
      });
    }
  }
  return out;
}

describeWithOracle('RUN_TIMEOUT and the timeouts Tekton v1.15 refuses', () => {
  test('a refusal is reported on exactly the runs the webhook refuses', () => {
    const objects = runs();
    const r = runOracle(objects);
    expect(r.verdicts).toHaveLength(objects.length);
    const disagreements = objects.flatMap((run, i) => {
      const refused = RUN_TIMEOUT.check(run).some((f) => f.problem.includes('Tekton refuses the run'));
      const v = r.verdicts[i];
      return refused === !v.valid ? [] : [`${run.apiVersion} ${JSON.stringify(run.spec)}: rule ${refused ? 'refuses' : 'admits'}, Tekton: ${v.errors.join('; ') || 'valid'}`];
    });
    expect(disagreements).toEqual([]);
    // the set holds both
    expect(r.summary.valid).toBeGreaterThan(0);
    expect(r.summary.invalid).toBeGreaterThan(0);
  });
});
