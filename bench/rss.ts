/**
 * Peak RSS of one synth, each in a fresh process (run.ts runs the compiled JavaScript under
 * plain `node`). Every mode prints one JSON line.
 *
 *   node bench/rss.js library <n> <layout> <outdir>
 *     builds the library app of n pipelines and runs App.synth() once into outdir (no
 *     warm-up); prints the time (build + synth), the RSS once the modules are loaded, and
 *     the peak RSS (process.resourceUsage().maxRSS).
 *   node bench/rss.js prepare <outdir> <dump.json>
 *     for the plain baseline of the same output: reads the files the library wrote (one
 *     chart per file, in file-name order, which is the order cdk8s wrote them for this
 *     fixture), prepares the plain ApiObjects (fixture.ts preparePlain) and writes their
 *     props and patches to dump.json.
 *   node bench/rss.js plain <dump.json> <outdir>
 *     reads dump.json, then builds the plain app and runs App.synth() once into outdir;
 *     prints the same figures as `library`. run.ts checks that both outdirs hold the same
 *     bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { buildConstructApp, buildPlainApp, Layout, PlainChart, preparePlain } from './fixture';
import { gc, time } from './timing';

const NAMESPACE = 'ci';
const EXTENSION = '.k8s.yaml';

interface Dump {
  readonly charts: PlainChart[];
}

function measure(what: string, build: () => App): void {
  gc();
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const t = time(() => build().synth());
  // maxRSS is in kilobytes
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ what, ms: t.ms, rssBeforeMb, maxRssMb }) + '\n');
}

function main(): void {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'library') {
    const [n, layout, outdir] = args;
    measure('library', () => buildConstructApp(Number(n), layout as Layout, outdir));
  } else if (mode === 'prepare') {
    const [outdir, dumpFile] = args;
    const files = fs.readdirSync(outdir).filter((f) => f.endsWith(EXTENSION)).sort();
    const charts = files.map((f) => ({
      id: f.slice(0, -EXTENSION.length),
      namespace: NAMESPACE,
      objects: loadAll(fs.readFileSync(path.join(outdir, f), 'utf8'), undefined, { schema: CORE_SCHEMA }).filter((o) => o !== null && o !== undefined),
    }));
    const dump: Dump = { charts: preparePlain(charts) };
    fs.writeFileSync(dumpFile, JSON.stringify(dump));
  } else if (mode === 'plain') {
    const [dumpFile, outdir] = args;
    const { charts } = JSON.parse(fs.readFileSync(dumpFile, 'utf8')) as Dump;
    measure('plain', () => buildPlainApp(charts, outdir));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main();
