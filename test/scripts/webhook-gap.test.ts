import * as path from 'path';
import { webhookGap } from '../../scripts/webhook-gap';
import { describeWithOracle, ORACLE_BINARY } from '../helpers/tekton-oracle';

/** Two refused Pipelines (one in a sub-directory), an admitted Task and a file that is not YAML. */
const FIXTURES = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'webhook-gap'));

/** Runs the script's function: its exit code, what it writes and its errors. */
function run(argv: string[], oracle = ORACLE_BINARY): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = webhookGap(argv, (t) => { out += t; }, (t) => { err += t; }, oracle);
  return { code, out, err };
}

/** StepActions, and steps that run them, the webhook refuses for their params, results and fields beside a ref; steps' and sidecars' undeclared workspaces. */
const STEP_ACTIONS = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'webhook-gap-step-actions'));

const GAP = `gap\t${FIXTURES}/more/gap.yaml\tPipeline/undeclared\tnon-existent variable in "$(params.env)": spec.tasks[0].when[0].input\n`;
const GRAPH = `gap\t${FIXTURES}/named.yaml\tPipeline/twice\tinvalid value: task build is already present in Graph, can't add it again: duplicate pipeline task: spec.tasks\n`;
const NAMED = `named\t${FIXTURES}/named.yaml\tPipeline/twice\texpected exactly one, got both: spec.tasks[1].name\n`;

test('without a file: the usage, exit code 2', () => {
  expect(run([])).toEqual({ code: 2, out: '', err: 'usage: webhook-gap.ts [--all] <file or dir>...\n' });
  expect(run(['--all'])).toEqual({ code: 2, out: '', err: 'usage: webhook-gap.ts [--all] <file or dir>...\n' });
});

test('an oracle that cannot run: exit code 2, and why', () => {
  const r = run([FIXTURES], path.join(__dirname, 'no-such-oracle'));
  expect([r.code, r.out, r.err]).toEqual([2, '', expect.stringMatching(/^tekton-validate failed \(exit null\): .*ENOENT.*\n$/)]);
});

describeWithOracle('webhook-gap on a directory of refused and admitted objects', () => {
  test('each refusal no failed finding names, then the count; exit code 1', () => {
    expect(run([FIXTURES])).toEqual({ code: 1, out: `${GAP}${GRAPH}2 refusals not named by a failed finding, 1 named, in 2 refused objects\n`, err: '' });
  });

  test('--all: the refusals a finding names too, marked named', () => {
    expect(run(['--all', FIXTURES])).toEqual({ code: 1, out: `${GAP}${NAMED}${GRAPH}2 refusals not named by a failed finding, 1 named, in 2 refused objects\n`, err: '' });
  });

  test('only admitted objects: no line but the count, exit code 0', () => {
    expect(run([`${FIXTURES}/fine.yaml`, `${FIXTURES}/notes.txt`])).toEqual({ code: 0, out: '0 refusals not named by a failed finding, 0 named, in 0 refused objects\n', err: '' });
  });

  test('StepActions and the steps that run them: each of the webhook\'s refusals is named by a failed finding', () => {
    expect(run([STEP_ACTIONS])).toEqual({ code: 0, out: '0 refusals not named by a failed finding, 57 named, in 17 refused objects\n', err: '' });
  });
});
