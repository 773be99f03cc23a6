/**
 * Regenerates the typed L1s in src/imports/ from the structure-only CRDs in schemas/
 * (`npx projen schemas` writes those; they carry no descriptions, so the generated doc
 * comments do not either).
 *
 * Each CRD carries more than one version; only the versions this library emits are
 * kept, so that `cdk8s import` names the classes `Pipeline`, `Task`, ... (not `PipelineV1`).
 * Run with `npx projen import`.
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
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
