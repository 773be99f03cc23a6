/**
 * Regenerates the typed L1s in src/imports/ from the CRDs in ../shared/reference.
 *
 * Each CRD carries more than one version; only the versions this library emits are
 * kept, so that `cdk8s import` names the classes `Pipeline`, `Task`, ... (not `PipelineV1`).
 * Run with `npx projen import`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';

const REFERENCE = path.resolve(__dirname, '..', '..', 'shared', 'reference');
const OUT = path.resolve(__dirname, '..', 'src', 'imports');

interface ImportSpec {
  /** Module name, becomes src/imports/<name>.ts */
  readonly name: string;
  /** CRD files (relative to the reference folder) and the one version to keep from each. */
  readonly crds: ReadonlyArray<{ readonly file: string; readonly version: string }>;
}

const IMPORTS: ImportSpec[] = [
  {
    name: 'tekton',
    crds: [
      { file: 'tekton/300-pipeline.yaml', version: 'v1' },
      { file: 'tekton/300-task.yaml', version: 'v1' },
      { file: 'tekton/300-pipelinerun.yaml', version: 'v1' },
      { file: 'tekton/300-taskrun.yaml', version: 'v1' },
      { file: 'tekton/300-verificationpolicy.yaml', version: 'v1alpha1' },
    ],
  },
  {
    name: 'secrets-store',
    crds: [{ file: 'csi/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml', version: 'v1' }],
  },
];

function onlyVersion(file: string, version: string): string {
  const docs = parseAllDocuments(fs.readFileSync(path.join(REFERENCE, file), 'utf8'));
  const crds = docs.map((d) => d.toJS()).filter((d) => d?.kind === 'CustomResourceDefinition');
  if (crds.length !== 1) throw new Error(`${file}: expected one CustomResourceDefinition, found ${crds.length}`);
  const crd = crds[0];
  const kept = crd.spec.versions.filter((v: { name: string }) => v.name === version);
  if (kept.length !== 1) throw new Error(`${file}: version ${version} not found`);
  crd.spec.versions = kept;
  return stringify(crd);
}

function main() {
  if (!fs.existsSync(REFERENCE)) {
    throw new Error(`reference schemas not found at ${REFERENCE}: check out ../shared beside this repository`);
  }
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
