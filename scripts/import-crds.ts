/**
 * Regenerates the typed L1s in src/imports/ from the structure-only CRDs in schemas/
 * (`npx projen schemas` writes those; they carry no descriptions, so the generated doc
 * comments do not either).
 *
 * Each CRD carries more than one version; only the versions this library emits are
 * kept, so that `cdk8s import` names the classes `Pipeline`, `Task`, ... (not `PipelineV1`).
 * The generated conversion functions are then rewritten to drop undefined fields in one
 * loop (see `linearFilters`). Run with `npx projen import`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

const SCHEMAS = path.resolve(__dirname, '..', 'schemas');
const OUT = path.resolve(__dirname, '..', 'src', 'imports');

interface ImportSpec {
  /** Module name, becomes src/imports/<name>.ts */
  readonly name: string;
  /** CRD files (relative to schemas/) and the one version to keep from each. */
  readonly crds: ReadonlyArray<{ readonly file: string; readonly version: string }>;
}

const IMPORTS: ImportSpec[] = [
  {
    name: 'tekton',
    crds: [
      { file: 'tekton/300-pipeline.json', version: 'v1' },
      { file: 'tekton/300-task.json', version: 'v1' },
      { file: 'tekton/300-pipelinerun.json', version: 'v1' },
      { file: 'tekton/300-taskrun.json', version: 'v1' },
      { file: 'tekton/300-verificationpolicy.json', version: 'v1alpha1' },
    ],
  },
  {
    name: 'secrets-store',
    crds: [{ file: 'csi/secrets-store.csi.x-k8s.io_secretproviderclasses.json', version: 'v1' }],
  },
];

function onlyVersion(file: string, version: string): string {
  const crd = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
  if (crd?.kind !== 'CustomResourceDefinition') throw new Error(`${file}: not a CustomResourceDefinition`);
  const kept = crd.spec.versions.filter((v: { name: string }) => v.name === version);
  if (kept.length !== 1) throw new Error(`${file}: version ${version} not found`);
  crd.spec.versions = kept;
  return stringify(crd);
}

/** How `cdk8s import` drops the undefined fields of each converted object: a spread per field, quadratic in the fields. */
const SPREAD_FILTER = '  return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});';
/** The same result (the defined fields, in the same order) in one pass; the keys of `result` are the schema's field names. */
const LOOP_FILTER = [
  '  const defined: Record<string, any> = {};',
  '  for (const key of Object.keys(result)) {',
  '    const value = (result as Record<string, any>)[key];',
  '    if (value !== undefined) defined[key] = value;',
  '  }',
  '  return defined;',
].join('\n');

/**
 * Rewrites the undefined-field filter of every generated `toJson_*` function as one loop
 * (synth converts every Task, Pipeline and run through these; the spread allocated an
 * object per field). Fails when the generator no longer writes the expected line.
 */
export function linearFilters(file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const count = text.split(SPREAD_FILTER).length - 1;
  if (count === 0) throw new Error(`${file}: the undefined-field filter of cdk8s import was not found; update scripts/import-crds.ts`);
  fs.writeFileSync(file, text.split(SPREAD_FILTER).join(LOOP_FILTER));
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-import-'));
  try {
    for (const spec of IMPORTS) {
      const combined = spec.crds.map((c) => onlyVersion(c.file, c.version)).join('---\n');
      const file = path.join(tmp, `${spec.name}.yaml`);
      fs.writeFileSync(file, combined);
      execFileSync('cdk8s', ['import', `${spec.name}:=${file}`, '--language', 'typescript', '--output', OUT], {
        stdio: 'inherit',
      });
      // cdk8s import names the file <name>-<API group>.ts
      for (const f of fs.readdirSync(OUT).filter((n) => n.startsWith(`${spec.name}-`) && n.endsWith('.ts'))) linearFilters(path.join(OUT, f));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
