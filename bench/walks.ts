/**
 * What one of cdk8s' whole-app walks costs per construct, on the library's tree and on the
 * baseline's (a diagnostic; not part of `npx projen bench`).
 *
 *   node_modules/.bin/ts-node --transpile-only --project test/tsconfig.json bench/walks.ts [n]
 *
 * With one chart per pipeline, every `chart.toJson()` in `App.synth()` goes through
 * `App._synthChart`, which walks the whole app again: `resolveDependencies` (`findAll`,
 * an `instanceof Chart` per construct, every construct's dependencies) and `validate`
 * (`node.validate()` of every construct). This times the pieces of such a walk, 100 times
 * over each tree of n pipelines (default 400), chart per pipeline, in the same process.
 * The root's validation (the library's check) is left out: only the walk is timed.
 */
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { buildConstructApp, buildPlainApp, preparePlain, synthesizeAndCapture } from './fixture';
import { gc, time } from './timing';

const n = Number(process.argv[2] ?? 400);
const R = 100;
const library = buildConstructApp(n, 'per-chart');
const plain = buildPlainApp(preparePlain(synthesizeAndCapture(buildConstructApp(n, 'per-chart')).charts));

const pieces: Array<[string, (app: App, all: IConstruct[]) => number]> = [
  ['findAll', (app) => app.node.findAll().length],
  ['node.validate()', (app, all) => all.reduce((k, c) => k + (c === app ? 0 : c.node.validate().length), 0)],
  ['instanceof Chart', (_, all) => all.reduce((k, c) => k + (c instanceof Chart ? 1 : 0), 0)],
  ['node.dependencies', (_, all) => all.reduce((k, c) => k + c.node.dependencies.length, 0)],
];

for (let pass = 0; pass < 2; pass++) {
  for (const [name, app] of [['library', library], ['plain', plain]] as Array<[string, App]>) {
    const all = app.node.findAll();
    const cells = pieces.map(([piece, f]) => {
      gc();
      const t = time(() => {
        let k = 0;
        for (let r = 0; r < R; r++) k += f(app, all);
        return k;
      });
      return `${piece} ${(t.ms * 1e6 / R / all.length).toFixed(0)} ns`;
    });
    if (pass === 1) process.stdout.write(`${name.padEnd(7)} (${all.length} constructs, ${new Set(all.map((c) => c.constructor.name)).size} classes): per construct ${cells.join(', ')}\n`);
  }
}
