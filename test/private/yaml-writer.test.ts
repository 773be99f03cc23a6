/**
 * The fast YAML writer writes exactly what cdk8s's `Yaml.stringify` writes, or gives the
 * document back to it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { SecureTask } from '../../src';
import { CANARY, fastYamlWriter, withFastYaml, YamlWriter } from '../../src/private/yaml-writer';

const cdk8sWrites = (doc: unknown): string => Yaml.stringify(doc);

function writer(): YamlWriter {
  const w = fastYamlWriter(Yaml.stringify);
  if (w === undefined) throw new Error('the fast writer is not usable with this cdk8s');
  return w;
}

/** Strings built from the characters and words YAML gives a meaning to. */
const pieces = [
  'a', 'Z', '0', '7', ' ', '  ', '-', ':', '#', '?', "'", '"', '\n', '\n\n', '\t', '.', ',', '[', ']', '{', '}', '&', '*', '!',
  '|', '>', '%', '@', '`', '~', '_', '/', '$(', ')', '+', '=', '<<', '\\', '\r', '\u0085', '\u00a0', '\u2028', 'é', '😀',
  '\x01', '\x7f', '\ud800', 'yes', 'No', 'on', 'OFF', 'y', 'null', 'Null', 'true', '---', '...', '0x', '0b', '0o', '1:30',
  '.5', 'e3', 'E-2', '.inf', '.NaN', '2001-12-14', 't', 'T10:00:00Z',
];
const yamlishString = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const { doc: yamlishDocument } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    yamlishString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    tie('list'),
    tie('doc'),
  ),
  list: fc.array(tie('value'), { maxLength: 4 }),
  doc: fc.dictionary(yamlishString, tie('value'), { maxKeys: 5 }),
}));

describe('YamlWriter', () => {
  test('writes every JSON document as cdk8s writes it, or gives it up', () => {
    const w = writer();
    let written = 0;
    fc.assert(
      fc.property(yamlishDocument, (doc) => {
        const mine = w.writeDocument(doc);
        if (mine !== undefined) {
          written++;
          expect(mine).toBe(cdk8sWrites(doc));
        }
        expect(w.write(doc)).toBe(cdk8sWrites(doc));
      }),
      { numRuns: 3000 },
    );
    // the property is not met by giving everything up
    expect(written).toBeGreaterThan(1000);
  });

  test('writes the usual forms itself: scripts, quoted words, numbers, nested lists, empty collections', () => {
    const w = writer();
    const mine = w.writeDocument(CANARY);
    expect(mine).toBeDefined();
    expect(mine).toBe(cdk8sWrites(CANARY));
    // spot checks of the forms, so that a change to both writers is seen too
    expect(mine).toContain('  labels:\n    "8080": "0755"\n    app.kubernetes.io/name: x\n    "yes": "on"\n');
    expect(mine).toContain('      script: |\n        #!/bin/sh\n        set -e\n\n          echo "$(params.p)" # a: b\n');
    expect(mine).toContain('      script: |-\n        echo\n        no final break\n');
    expect(mine).toContain('  nested:\n    - - 1\n      - - 2.5\n        - -3\n    - []\n    - - {}\n');
  });

  test.each([
    ['the same object twice (an anchor and an alias)', (() => { const o = { a: 1 }; return { x: o, y: o }; })()],
    ['the same empty list twice', (() => { const l: unknown[] = []; return { x: l, y: [l] }; })()],
    ['a Date', { at: new Date(0) }],
    ['an object with toJSON', { v: { toJSON: () => 'x' } }],
    ['a class instance', { v: new (class { public a = 1; })() }],
    ['undefined', { v: undefined }],
    ['a hole in a list', { v: [1, , 3] }],
    ['NaN', { v: Number.NaN }],
    ['a bigint', { v: BigInt(1) }],
    ['a script starting with a blank', { script: ' echo\nb\n' }],
    ['a script ending with a blank', { script: 'echo\nb \n' }],
    ['a script with two final line breaks', { script: 'echo\nb\n\n' }],
    ['a script with a carriage return', { script: 'echo\r\nb\n' }],
    ['a document marker', { v: '--- x' }],
    ['an empty key', { '': 1 }],
    ['a key on two lines', { 'a\nb': 1 }],
    ['a key of 1001 characters', { ['k'.repeat(1001)]: 1 }],
    ['a list as the document', [1, 2]],
  ])('gives %s to cdk8s, which writes it', (_, doc) => {
    const w = writer();
    expect(w.writeDocument(doc)).toBeUndefined();
    expect(w.write(doc)).toBe(cdk8sWrites(doc));
  });

  test('a string that is not plain is written as cdk8s writes it, whatever the quotes', () => {
    const w = writer();
    for (const s of ["it's", 'say "hi"', 'both \' and "', '- x', 'a: b', 'x #y', 'end:', 'yes', '0755', '', '\x01', '\u0085']) {
      expect(w.writeDocument({ s, list: [s] })).toBe(cdk8sWrites({ s, list: [s] }));
    }
  });
});

describe('withFastYaml', () => {
  test('replaces Yaml.stringify while it runs and restores it, also when it throws', () => {
    const original = Yaml.stringify;
    let inside: unknown;
    withFastYaml(() => {
      inside = Yaml.stringify;
      expect(Yaml.stringify(CANARY, undefined, { a: 1 })).toBe(original.call(Yaml, CANARY, undefined, { a: 1 }));
    });
    expect(inside).not.toBe(original);
    expect(Yaml.stringify).toBe(original);
    expect(() => withFastYaml(() => { throw new Error('boom'); })).toThrow('boom');
    expect(Yaml.stringify).toBe(original);
  });

  test('a Yaml.stringify that writes otherwise is left alone', () => {
    const original = Yaml.stringify;
    const other = (...docs: any[]): string => docs.map((d) => JSON.stringify(d)).join('\n');
    Object.defineProperty(Yaml, 'stringify', { configurable: true, writable: true, value: other });
    try {
      expect(fastYamlWriter(other)).toBeUndefined();
      withFastYaml(() => expect(Yaml.stringify).toBe(other));
    } finally {
      Object.defineProperty(Yaml, 'stringify', { configurable: true, writable: true, value: original });
    }
  });

  test('Yaml.save writes each file as cdk8s would, in pieces, and is restored', () => {
    const originalSave = Yaml.save;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      // more than one piece of 64 KiB, documents the fast writer gives up and undefined ones among them
      const docs: unknown[] = [];
      for (let i = 0; i < 1000; i++) docs.push({ kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { script: `echo ${i}\n`.repeat(20) } });
      docs.splice(10, 0, undefined, [1, 2], { at: new Date(0) });
      let inside: unknown;
      withFastYaml(() => {
        inside = Yaml.save;
        Yaml.save(path.join(dir, 'many.yaml'), docs);
        Yaml.save(path.join(dir, 'none.yaml'), []);
      });
      expect(inside).not.toBe(originalSave);
      expect(Yaml.save).toBe(originalSave);
      const expected = Yaml.stringify(...docs);
      expect(expected.length).toBeGreaterThan(3 * 65536);
      expect(fs.readFileSync(path.join(dir, 'many.yaml'), 'utf8')).toBe(expected);
      expect(fs.readFileSync(path.join(dir, 'none.yaml'), 'utf8')).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a Yaml.save that was replaced is left alone (its documents still written by the fast writer)', () => {
    const originalSave = Yaml.save;
    const saved: string[] = [];
    const other = (_: string, docs: any[]): void => { saved.push(Yaml.stringify(...docs)); };
    Object.defineProperty(Yaml, 'save', { configurable: true, writable: true, value: other });
    try {
      withFastYaml(() => {
        expect(Yaml.save).toBe(other);
        Yaml.save('/nonexistent/x.yaml', [CANARY]);
      });
      expect(Yaml.save).toBe(other);
    } finally {
      Object.defineProperty(Yaml, 'save', { configurable: true, writable: true, value: originalSave });
    }
    expect(saved).toEqual([Yaml.stringify(CANARY)]);
  });

  test('a synth writes through it the bytes cdk8s writes', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      const app = new App({ outdir });
      const chart = new Chart(app, 'c');
      new SecureTask(chart, 'lint', {
        steps: [{ name: 'lint', image: `golang@sha256:${'a'.repeat(64)}`, script: '#!/bin/sh\nset -eu\n\ngo vet ./...\n' }],
      });
      const spy = jest.spyOn(YamlWriter.prototype, 'writeDocument');
      try {
        app.synth();
        expect(spy.mock.results.some((r) => typeof r.value === 'string')).toBe(true);
      } finally {
        spy.mockRestore();
      }
      const text = fs.readFileSync(path.join(outdir, 'c.k8s.yaml'), 'utf8');
      expect(text).toContain('go vet ./...');
      // what cdk8s's own writer writes for the objects read back from the file
      expect(Yaml.stringify(...Yaml.load(path.join(outdir, 'c.k8s.yaml')))).toBe(text);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
