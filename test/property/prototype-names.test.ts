/**
 * Robustness: text from the objects read is looked up in the library's tables (programs, wrappers,
 * flags, Secret types, resolvers, API groups …) by its own keys only. A name every JavaScript object
 * inherits (`constructor`, `toString`, `__proto__` …), written anywhere in a manifest, is a name like
 * any other: no rule throws, and the audit reports the objects as usual.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { audit } from '../../src/cli/audit';
import { readManifests } from '../../src/cli/read-yaml';
import { evaluateManifests } from '../../src/policy/engine/evaluate';

const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];
const KEEP = new Set(['apiVersion', 'kind']);

/** Sets a key on a plain object as data (`__proto__` too). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every string but apiVersion and kind replaced by `name`. */
function named(x: any, name: string, key?: string): any {
  if (typeof x === 'string') return key !== undefined && KEEP.has(key) ? x : name;
  if (Array.isArray(x)) return x.map((v) => named(v, name));
  if (x === null || typeof x !== 'object') return x;
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(x)) put(o, k, named(x[k], name, k));
  return o;
}

/** Every mapping given one more key, `name: name`, and its first key (but the object's own fields) renamed to `name`. */
function keyed(x: any, name: string): any {
  if (Array.isArray(x)) return x.map((v) => keyed(v, name));
  if (x === null || typeof x !== 'object') return x;
  const o: Record<string, unknown> = {};
  Object.keys(x).forEach((k, i) => put(o, i === 0 && !['apiVersion', 'kind', 'metadata', 'spec'].includes(k) ? name : k, keyed(x[k], name)));
  put(o, name, name);
  return o;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audit');
const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [path.join(d, e.name)] : []));

/** The objects of the audit fixtures (Tekton kinds of both versions, RBAC, NetworkPolicies, Secrets, Chains and Tekton ConfigMaps …). */
function fixtureObjects(): any[] {
  return walk(FIXTURES).flatMap((f) => {
    try {
      return readManifests([f]).objects.map((o) => o.object);
    } catch {
      return [];
    }
  });
}

/** A Task and a PipelineRun that put the name where programs, wrappers, resolvers and params are looked up. */
function lookedUp(name: string): any[] {
  return [
    {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'build', namespace: 'ci' },
      spec: {
        steps: [
          { name: 'a', image: 'alpine', command: [name, name], args: [`--${name}`, name] },
          { name: 'b', image: 'alpine', script: `#!/bin/sh\n${name} ${name}\nsudo ${name}\nenv X=1 ${name}\ncosign verify --${name} x\nkubectl ${name} -f y\n` },
        ],
      },
    },
    {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { generateName: 'run-', namespace: 'ci' },
      spec: { pipelineSpec: { tasks: [{ name: 'a', taskRef: { resolver: name, params: [{ name, value: name }] } }] } },
    },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ci' }, type: name, data: {} },
  ];
}

describe('names every JavaScript object inherits, anywhere in a manifest', () => {
  const objects = fixtureObjects();

  test('the fixtures hold objects of many kinds (sanity)', () => {
    expect(new Set(objects.map((o) => o.kind)).size).toBeGreaterThanOrEqual(10);
  });

  test.each(NAMES)('%s: every rule reads objects whose strings, keys and looked-up names are it, alone and together', (name) => {
    const variants = [...objects.map((o) => named(o, name)), ...objects.map((o) => keyed(o, name)), ...lookedUp(name)];
    for (const v of variants) expect(() => evaluateManifests([v])).not.toThrow();
    expect(evaluateManifests(variants)).toHaveLength(variants.length);
  });

  test('the audit reports a Task whose command is `constructor` as any other (exit 1, its findings)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prototype-names-'));
    try {
      const file = path.join(dir, 'task.yaml');
      fs.writeFileSync(file, 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: build, namespace: ci}\nspec:\n  steps:\n'
        + '  - name: a\n    image: alpine\n    command: [constructor, valueOf]\n    args: [$(params.x)]\n  params: [{name: x}]\n');
      const r = audit([file], { format: 'json' });
      expect(r.exitCode).toBe(1);
      const rules = JSON.parse(r.stdout).findings.map((f: any) => f.rule);
      expect(rules).toContain('IMAGE_DIGEST');
      expect(rules).toContain('ARGUMENT_INJECTION');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
