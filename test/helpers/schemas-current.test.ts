/**
 * schemas/ is generated (npx projen schemas) from the reference folder, which is not part of the
 * repository. Where that folder is present, schemas/ must equal a fresh regeneration byte for byte;
 * without it, schemas/ must still be complete: every file recorded with its source's sha256 and
 * every file parsing.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { schemaFiles, schemasDir, schemaSources } from './reference';
import { generatedFromPath, generateSchemas, referenceDir, SCHEMAS_DIR, writeSchemas } from '../../scripts/generate-schemas';

const reference = referenceDir();
const haveReference = fs.existsSync(reference);

/** `value` with the keys of every object sorted. */
function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

describe('schemas/ is current', () => {
  test('the generator writes to the folder the tests read', () => {
    expect(SCHEMAS_DIR).toBe(schemasDir());
  });

  test('every file is recorded in README.md with its source sha256, and every file parses', () => {
    const sources = schemaSources();
    expect(sources.map((s) => s.file).sort()).toEqual(schemaFiles().filter((f) => f !== 'README.md'));
    for (const s of sources) {
      expect([s.file, s.sha256]).toEqual([s.file, expect.stringMatching(/^[0-9a-f]{64}$/)]);
      const text = fs.readFileSync(path.join(schemasDir(), s.file), 'utf8');
      // Parses, and is written with sorted keys, two-space indentation and one trailing newline.
      expect([s.file, text === JSON.stringify(sortKeys(JSON.parse(text)), null, 2) + '\n']).toEqual([s.file, true]);
    }
  });

  test(haveReference
    ? 'equals a fresh regeneration from the reference folder, byte for byte'
    : 'no reference folder: README.md records a source sha256 for every file', () => {
    const sources = schemaSources();
    if (!haveReference) {
      expect(sources.length).toBe(schemaFiles().length - 1);
      for (const s of sources) expect([s.file, s.generatedFrom, s.sha256]).toEqual([s.file, expect.any(String), expect.stringMatching(/^[0-9a-f]{64}$/)]);
      return;
    }
    // The recorded sha256 is that of the reference file each one was generated from.
    for (const s of sources) {
      const sha = crypto.createHash('sha256').update(fs.readFileSync(generatedFromPath(s.generatedFrom, reference))).digest('hex');
      expect([s.file, s.sha256]).toEqual([s.file, sha]);
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
    try {
      writeSchemas(generateSchemas(reference), tmp);
      expect(schemaFiles(tmp)).toEqual(schemaFiles());
      for (const file of schemaFiles()) {
        const same = fs.readFileSync(path.join(tmp, file)).equals(fs.readFileSync(path.join(schemasDir(), file)));
        expect([file, same ? 'identical' : 'differs: run npx projen schemas']).toEqual([file, 'identical']);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
