import * as fs from 'fs';
import * as path from 'path';
import { readSchemaFile, schemaFiles, schemasDir, schemaSources } from './reference';

/** Keywords that carry upstream prose; none may be left in a schema. */
const PROSE = ['description', 'title', 'example', 'examples'];

/** Every schema object below `schema` (following properties, items, additionalProperties and combinators). */
function schemasIn(schema: any, out: any[] = []): any[] {
  if (!schema || typeof schema !== 'object') return out;
  if (Array.isArray(schema)) {
    schema.forEach((s) => schemasIn(s, out));
    return out;
  }
  out.push(schema);
  for (const s of Object.values(schema.properties ?? {})) schemasIn(s, out);
  for (const key of ['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']) schemasIn(schema[key], out);
  return out;
}

/** The top-level schemas of a schemas/ file: each CRD version's openAPIV3Schema, or an OpenAPI document's component schemas. */
function rootSchemas(doc: any): any[] {
  if (doc.kind === 'CustomResourceDefinition') return doc.spec.versions.map((v: any) => v.schema.openAPIV3Schema);
  return Object.values(doc.components?.schemas ?? {});
}

describe('schemas/ helpers', () => {
  const sources = schemaSources();

  test('schemasDir is schemas/ at the repository root', () => {
    expect(schemasDir()).toBe(path.resolve(__dirname, '..', '..', 'schemas'));
  });

  test('README.md lists every file of schemas/, each once, and nothing else', () => {
    const listed = sources.map((s) => s.file);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(schemaFiles().filter((f) => f !== 'README.md'));
    for (const file of listed) expect(fs.statSync(path.join(schemasDir(), file)).isFile()).toBe(true);
  });

  test('every file\'s provenance is well formed', () => {
    expect(sources.length).toBeGreaterThan(0);
    for (const s of sources) {
      expect([s.file, s.sha256]).toEqual([s.file, expect.stringMatching(/^[0-9a-f]{64}$/)]);
      expect([s.file, s.commit]).toEqual([s.file, expect.stringMatching(/^[0-9a-f]{40}$/)]);
      expect([s.file, s.project]).toEqual([s.file, expect.stringMatching(/^[\w.-]+\/[\w.-]+$/)]);
      expect([s.file, s.version]).toEqual([s.file, expect.stringMatching(/\S/)]);
      for (const p of [s.file, s.generatedFrom.replace(/^go-module-cache:([\w.-]+\/)*[\w.-]+@v[\w.-]+\//, ''), s.upstreamPath]) {
        expect([s.file, p]).toEqual([s.file, expect.stringMatching(/^[\w.-]+(\/[\w.-]+)*$/)]);
      }
    }
  });

  test('the sources are the pinned Tekton, Secrets Store CSI driver and Kubernetes releases', () => {
    const origins = [...new Set(sources.map((s) => `${s.project} ${s.version} ${s.commit}`))].sort();
    expect(origins).toEqual([
      'kubernetes-sigs/kubectl-validate Kubernetes release-1.28 a97ccfaca20b164819afdae780392496f6ed6bbd',
      'kubernetes-sigs/kubectl-validate Kubernetes release-1.30 a97ccfaca20b164819afdae780392496f6ed6bbd',
      'kubernetes-sigs/secrets-store-csi-driver v1.6.0 4960f9637c51ad9cb9ef264481bc6d9a98bf1f1c',
      'tektoncd/pipeline v1.15.0 70f730815249a12aa725266fba7f3ff39653aaea',
    ]);
  });

  test('every JSON file parses, and its schemas carry structure only', () => {
    for (const file of schemaFiles().filter((f) => f.endsWith('.json'))) {
      const doc = readSchemaFile(file);
      const schemas = rootSchemas(doc).flatMap((s) => schemasIn(s));
      if (doc.kind !== 'ConfigMap') expect([file, schemas.length > 0]).toEqual([file, true]);
      expect([file, schemas.flatMap((s) => PROSE.filter((k) => k in s))]).toEqual([file, []]);
    }
  });

  test('README.md tells how to regenerate', () => {
    const readme = fs.readFileSync(path.join(schemasDir(), 'README.md'), 'utf8');
    expect(readme).toContain('npx projen schemas');
    expect(readme).toContain('../shared/reference');
    expect(readme).toContain('SECURE_TEKTON_REFERENCE');
  });
});
