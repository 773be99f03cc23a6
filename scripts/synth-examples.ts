/**
 * Synthesizes every example app into examples/out/<example>/ (`npx projen examples`):
 * what `kubectl apply -f` applies in the directory itself, the runs to `kubectl create`
 * in runs/, and the posture report (posture-report.json and .md) next to it, in
 * examples/out/<example>-posture/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, synthExample } from '../examples';

const OUT = path.resolve(__dirname, '..', 'examples', 'out');

/** The files under `dir`, relative to the repository root. */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? files(path.join(dir, e.name)) : [path.relative(path.resolve(OUT, '..', '..'), path.join(dir, e.name))]));
}

for (const name of Object.keys(EXAMPLES)) {
  const outdir = path.join(OUT, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(`${outdir}-posture`, { recursive: true, force: true });
  synthExample(name, outdir);
  console.log(`${name}: ${[...files(outdir), ...files(`${outdir}-posture`)].join(', ')}`);
}
