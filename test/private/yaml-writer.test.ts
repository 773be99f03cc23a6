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
import { CANARY, fastYamlWriter, savesWhatStringifyWrites, withFastYaml, YamlWriter } from '../../src/private/yaml-writer';

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
    ['a list with a toJSON', { a: Object.assign([1, 2], { toJSON: () => 'X' }) }],
    ['an empty list with a toJSON', { a: Object.assign([], { toJSON: () => ({ z: 1 }) }) }],
    ['a list with an iterator of its own', { a: Object.assign([1, 2], { [Symbol.iterator]: function* () { yield 9; } }) }],
    ['an object with an iterator', { a: { a: 1, [Symbol.iterator]: function* (): Generator<number> { yield 9; } } }],
    ['an empty object with an iterator', { a: { [Symbol.iterator]: function* (): Generator<number> { yield 9; } } }],
    ["an object with yaml's node mark", { a: { a: 1, [Symbol.for('yaml.node.type')]: Symbol.for('yaml.scalar') } }],
    ["a document with yaml's node mark", { a: 1, [Symbol.for('yaml.node.type')]: Symbol.for('yaml.scalar') }],
  ])('gives %s to cdk8s, which writes it', (_, doc) => {
    const w = writer();
    expect(w.writeDocument(doc)).toBeUndefined();
    expect(w.write(doc)).toBe(cdk8sWrites(doc));
  });

  test('a toJSON given to every array after the writer was compared with cdk8s is seen', () => {
    const w = writer();
    const doc = { a: [1] };
    Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, writable: true, value: () => 'ARR' });
    try {
      expect(w.writeDocument(doc)).toBeUndefined();
      expect(w.write(doc)).toBe(cdk8sWrites(doc));
      expect(w.write(doc)).toBe('a: ARR\n');
    } finally {
      delete (Array.prototype as any).toJSON;
    }
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

  test('Yaml.save writes a file of streamable documents in pieces as cdk8s would, and is restored', () => {
    const originalSave = Yaml.save;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      const file = path.join(dir, 'many.yaml');
      const docs: unknown[] = [];
      for (let i = 0; i < 1000; i++) docs.push({ kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { script: `echo ${i}\n`.repeat(20) } });
      // the size of the file when the last document is read: written in pieces, what came before is there
      let sizeAtLast: number | undefined;
      docs.push({ get probe(): string { sizeAtLast ??= fs.existsSync(file) ? fs.statSync(file).size : -1; return 'last'; } });
      const streamable = new Set(docs);
      let inside: unknown;
      withFastYaml(() => {
        inside = Yaml.save;
        Yaml.save(file, docs);
        Yaml.save(path.join(dir, 'none.yaml'), []);
      }, (d) => streamable.has(d));
      expect(inside).not.toBe(originalSave);
      expect(Yaml.save).toBe(originalSave);
      const expected = Yaml.stringify(...docs);
      expect(expected.length).toBeGreaterThan(3 * 65536);
      expect(sizeAtLast).toBeGreaterThan(3 * 65536);
      expect(sizeAtLast).toBeLessThan(expected.length);
      expect(fs.readFileSync(file, 'utf8')).toBe(expected);
      expect(fs.readFileSync(path.join(dir, 'none.yaml'), 'utf8')).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file with any other document is saved as cdk8s saves it, through the fast writer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      const docs: unknown[] = [{ a: 1 }, undefined, [1, 2], { at: new Date(0) }, CANARY];
      const writeDocument = jest.spyOn(YamlWriter.prototype, 'writeDocument');
      try {
        withFastYaml(() => Yaml.save(path.join(dir, 'f.yaml'), docs), (d) => d === CANARY);
        expect(writeDocument).toHaveBeenCalledWith(CANARY);
      } finally {
        writeDocument.mockRestore();
      }
      expect(fs.readFileSync(path.join(dir, 'f.yaml'), 'utf8')).toBe(Yaml.stringify(...docs));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("cdk8s's Yaml.save writes what Yaml.stringify returns; a save that writes more or fails does not", () => {
    expect(savesWhatStringifyWrites(Yaml.save, Yaml.stringify)).toBe(true);
    const withHeader = (filePath: string, docs: any[]): void => fs.writeFileSync(filePath, `# generated\n${Yaml.stringify(...docs)}`);
    expect(savesWhatStringifyWrites(withHeader, Yaml.stringify)).toBe(false);
    const failing = (): void => { throw new Error('no disk'); };
    expect(savesWhatStringifyWrites(failing, Yaml.stringify)).toBe(false);
  });

  test.each([
    ['a hole first', [, { a: 1 }]],
    ['a hole between', [{ a: 1 }, , { b: 2 }]],
    ['a hole last', [{ a: 1 }, ,]],
    ['a Set', new Set([{ a: 1 }, { b: 2 }])],
    ['a generator', (function* () { yield { a: 1 }; yield { b: 2 }; })()],
  ])('Yaml.save writes %s of documents as cdk8s does', (_, docs) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      const expected = Yaml.stringify(...[...(docs as any)]);
      const again = docs instanceof Set || Array.isArray(docs) ? docs : (function* () { yield { a: 1 }; yield { b: 2 }; })();
      withFastYaml(() => Yaml.save(path.join(dir, 'f.yaml'), again as any), () => true);
      expect(fs.readFileSync(path.join(dir, 'f.yaml'), 'utf8')).toBe(expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Yaml.save leaves the file as it was when a document cannot be written, as cdk8s does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-writer-'));
    try {
      const file = path.join(dir, 'f.yaml');
      fs.writeFileSync(file, 'before\n');
      const docs = [{ data: { x: 'y'.repeat(70000) } }, { f: () => 1 }];
      expect(() => Yaml.save(file, docs)).toThrow('Tag not resolved for Function value');
      // the first document could be streamed, the second not: the file is saved as cdk8s saves it
      expect(() => withFastYaml(() => Yaml.save(file, docs), (d) => d === docs[0])).toThrow('Tag not resolved for Function value');
      expect(fs.readFileSync(file, 'utf8')).toBe('before\n');
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
      // whether the chart's file exists as each object is written: it is written as its objects are
      const file = path.join(outdir, 'c.k8s.yaml');
      const opened: boolean[] = [];
      const writeDocument = YamlWriter.prototype.writeDocument;
      const spy = jest.spyOn(YamlWriter.prototype, 'writeDocument').mockImplementation(function (this: YamlWriter, doc: unknown) {
        // the app's objects (checked, so frozen), not the writer's own comparisons
        if (Object.isFrozen(doc)) opened.push(fs.existsSync(file));
        return writeDocument.call(this, doc);
      });
      try {
        app.synth();
        expect(spy.mock.results.some((r) => typeof r.value === 'string')).toBe(true);
        expect(opened.length).toBeGreaterThan(0);
        expect(opened.every((o) => o)).toBe(true);
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
