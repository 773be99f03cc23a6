/**
 * Each rule is one unit: one file in src/policy/rules/ named as its RuleId in
 * kebab-case, exporting only the rule, and one test file here of the same name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IRule, RuleCatalogue, RuleId } from '../../../src';

const RULES_DIR = path.resolve(__dirname, '..', '..', '..', 'src', 'policy', 'rules');
const THIS_FILE = path.basename(__filename, '.test.ts');

/** Base names of the `.ts` files in `dir` that end in `suffix`. */
function names(dir: string, suffix: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(suffix) && !f.endsWith('.d.ts')).map((f) => f.slice(0, -suffix.length)).sort();
}

const RULE_FILES = names(RULES_DIR, '.ts');
const TEST_FILES = names(__dirname, '.test.ts').filter((f) => f !== THIS_FILE);

/** `IMAGE_DIGEST` -> `image-digest`. */
const kebab = (id: string) => id.toLowerCase().replace(/_/g, '-');
/** `RELAXATION_REASON` -> `relaxationReasonRule`, the name of a rule factory. */
const factoryName = (id: string) => `${id.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}Rule`;

/**
 * Exports a rule file has besides its rule, each with why it is tolerated.
 * Each entry must still be needed (a test below fails once the export is gone).
 */
const EXTRA_EXPORTS: Readonly<Record<string, readonly string[]>> = {};

describe('one test file per rule', () => {
  test('the folders are read', () => {
    expect(RULE_FILES.length).toBeGreaterThan(30);
    expect(TEST_FILES).toContain('image-digest');
  });

  test('every rule file has a test file of the same name', () => {
    expect(RULE_FILES.filter((f) => !TEST_FILES.includes(f))).toEqual([]);
  });

  test('every test file here tests a rule file of the same name', () => {
    expect(TEST_FILES.filter((f) => !RULE_FILES.includes(f))).toEqual([]);
  });

  test('every rule of the catalogue has a rule file named as its ID, and every rule file is a rule of the catalogue', () => {
    const ids = RuleCatalogue.all().map((r) => r.id);
    expect(ids.map(kebab).filter((f) => !RULE_FILES.includes(f))).toEqual([]);
    expect(RULE_FILES.filter((f) => !ids.map(kebab).includes(f))).toEqual([]);
    // every file name maps back to a RuleId
    expect(RULE_FILES.filter((f) => !Object.values(RuleId).map(kebab).includes(f))).toEqual([]);
  });

  test.each(RULE_FILES)('%s.ts exports nothing but its rule (an object named as the ID, or a factory)', (file) => {
    const id = Object.values(RuleId).find((r) => kebab(r) === file) as RuleId;
    expect(id).toBeDefined();
    const exported = jest.requireActual<Record<string, unknown>>(path.join(RULES_DIR, file));
    const extra = EXTRA_EXPORTS[file] ?? [];
    const own = Object.keys(exported).filter((k) => !extra.includes(k));
    expect(Object.keys(exported).filter((k) => extra.includes(k)).sort()).toEqual([...extra].sort());
    expect(own).toHaveLength(1);
    const [name] = own;
    const value = exported[name];
    if (typeof value === 'function') {
      expect(name).toBe(factoryName(id));
      const built = (value as (isRelaxable: (rule: RuleId) => boolean) => IRule)(() => true);
      expect(built.id).toBe(id);
      expect(RuleCatalogue.find(id)?.id).toBe(id);
    } else {
      expect(name).toBe(id);
      expect((value as IRule).id).toBe(id);
      expect(RuleCatalogue.find(id)).toBe(value);
    }
  });
});
