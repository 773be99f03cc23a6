/**
 * Synthesizes every example app into examples/out/<example>/ (`npx projen examples`),
 * with its posture report (posture-report.json and .md) beside the manifests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, synthExample } from '../examples';

const OUT = path.resolve(__dirname, '..', 'examples', 'out');

for (const name of Object.keys(EXAMPLES)) {
  const outdir = path.join(OUT, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  synthExample(name, outdir);
  const files = fs.readdirSync(outdir);
  console.log(`${name}: ${files.map((f) => path.join('examples', 'out', name, f)).join(', ')}`);
}
