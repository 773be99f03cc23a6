/**
 * Synthesizes every example app into examples/out/<example>/ (`npx projen examples`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples';

const OUT = path.resolve(__dirname, '..', 'examples', 'out');

for (const [name, build] of Object.entries(EXAMPLES)) {
  const outdir = path.join(OUT, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  build(outdir).synth();
  const files = fs.readdirSync(outdir);
  console.log(`${name}: ${files.map((f) => path.join('examples', 'out', name, f)).join(', ')}`);
}
