/**
 * Every example app: synthesizes, validates strictly against ../shared/reference,
 * passes tekton-lint with no error and no warning, and passes every rule.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES } from '../../examples';
import { RuleCatalogue } from '../../src';
import { describeWithReference } from '../helpers/reference';
import { expectValidManifests } from '../helpers/schema';
import { runTektonLint } from '../helpers/tekton-lint';

const synthesized = Object.entries(EXAMPLES).map(([name, build]) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  build(outdir).synth();
  const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(outdir, f));
  const objects = files.flatMap((f) => parseAllDocuments(fs.readFileSync(f, 'utf8')).map((d) => d.toJS()));
  return { name, files, objects };
});

describe.each(synthesized)('example $name', ({ files, objects }) => {
  test('writes YAML', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(objects.length).toBeGreaterThan(0);
  });

  test('passes every rule of the catalogue (relaxed findings are annotated)', () => {
    const open = objects.flatMap((o) =>
      RuleCatalogue.check(o).filter((f) => o.metadata?.annotations?.[`secure-tekton/relax.${f.rule}`] === undefined),
    );
    expect(open).toEqual([]);
  });

  test('tekton-lint reports no error and no warning', () => {
    const { errors, warnings } = runTektonLint(files);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describeWithReference('examples validate strictly against the reference schemas', () => {
  test.each(synthesized)('$name', ({ objects }) => {
    expectValidManifests(objects);
  });
});
