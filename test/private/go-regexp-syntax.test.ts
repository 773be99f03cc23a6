import * as fs from 'fs';
import { GO_UNICODE_CLASSES_FILE, goUnicodeClassesSource, REGEXP_CLASSES_FILE, regexpClassesFromGo } from '../../scripts/generate-go-regexp-classes';
import { goRegexpError } from '../../src/private/go-regexp-syntax';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

describe('goRegexpError: what Go\'s regexp.Compile refuses', () => {
  test.each([
    ['a{1001}', 'invalid repeat count'], ['[\\w-]{1,1001}', 'invalid repeat count'], ['(a{100}){11}', 'invalid repeat count'],
    ['\\Z', 'invalid escape sequence'], ['\\y', 'invalid escape sequence'], ['\\C', 'invalid escape sequence'], ['\\e', 'invalid escape sequence'],
    ['\\cA', 'invalid escape sequence'], ['\\uABCD', 'invalid escape sequence'], ['[\\b]', 'invalid escape sequence'], ['\\1', 'invalid escape sequence'],
    ['\\8', 'invalid escape sequence'], ['\\x4', 'invalid escape sequence'], ['\\x{}', 'invalid escape sequence'], ['\\x{110000}', 'invalid escape sequence'],
    ['[[:foo:]]', 'invalid character class range'], ['\\p{Foo}', 'invalid character class range'], ['\\p{Old_Italic}', 'invalid character class range'],
    ['[a-\\d]', 'invalid escape sequence'], ['[z-a]', 'invalid character class range'], ['\\p{L', 'invalid character class range'],
    ['a**', 'invalid nested repetition operator'], ['a*??', 'invalid nested repetition operator'], ['*a', 'missing argument to repetition operator'],
    ['(*)', 'missing argument to repetition operator'], ['a|*', 'missing argument to repetition operator'], ['(?i)*', 'missing argument to repetition operator'],
    ['(a', 'missing closing )'], ['a)', 'unexpected )'], ['[a', 'missing closing ]'], ['a\\', 'trailing backslash at end of expression'],
    ['(?=a)', 'invalid or unsupported Perl syntax'], ['(?-)', 'invalid or unsupported Perl syntax'], ['(?P=n)', 'invalid or unsupported Perl syntax'],
    ['(?<n-m>a)', 'invalid named capture'], ['(?P<n', 'invalid named capture'],
    // Go canonicalises class names for ASCII letters only
    ['\\p{\u017fyriac}', 'invalid character class range'], ['\\p{Kata\u212aana}', 'invalid character class range'], ['\\p{\u0131nherited}', 'invalid character class range'],
  ])('%s is refused (%s)', (pattern, code) => {
    expect(goRegexpError(pattern)).toMatch(new RegExp(`^error parsing regexp: ${code.replace(/[()]/g, '\\$&')}: `));
  });

  test.each([
    '\\12', '\\0', '\\101', '^*', '$+', '\\b*', 'a(?i)*', '\\Q*\\E', '\\Q\\E', '[]a]', '[^]a]', '[a-]', '[-a]', '[\\d-z]', 'a{,5}', 'a{01}', '{', 'a{1000}',
    '(a{10}){100}', '\\x41\\x{10FFFF}', '\\pL\\p{^Greek}\\PN\\p{letter}\\p{Cased_Letter}', '[[:alpha:][:^digit:]]', '(?P<n>a)(?<m>b)', '(?i-s:a)(?U)b',
    '(?)', '\\_\\-\\/', 'https://github\\.com/example/.*', '(a|)*', '\\z\\A',
  ])('%s compiles', (pattern) => {
    expect(goRegexpError(pattern)).toBeUndefined();
  });
});

test('src/private/go-unicode-classes.ts is generated from conformance/regexp-classes.json (npx projen regexp-classes)', () => {
  expect(fs.readFileSync(GO_UNICODE_CLASSES_FILE, 'utf8')).toBe(goUnicodeClassesSource());
});

describeWithOracle('goRegexpError against Go itself (the oracle compiles VerificationPolicy patterns)', () => {
  test('conformance/regexp-classes.json is what conformance/cmd/regexp-classes prints (npx projen regexp-classes -- --refresh)', () => {
    expect(fs.readFileSync(REGEXP_CLASSES_FILE, 'utf8')).toBe(regexpClassesFromGo());
  }, 180_000);

  test('2000 generated patterns: refused exactly when Tekton\'s webhook refuses them', () => {
    // tokens that reach every branch of Go's parser, glued at random (a fixed seed: the same patterns every run)
    const tokens = ['a', 'b', '.', '^', '$', '|', '(', ')', '(?:', '(?i)', '(?-i:', '(?P<n>', '(?<m>', '(?=', '[', ']', '[^', '-', '*', '+', '?', '{2}',
      '{1,3}', '{,2}', '{1001}', '{500}', '\\', '\\d', '\\Z', '\\12', '\\1', '\\x4', '\\x41', '\\x{1F600}', '\\p{Greek}', '\\pL', '\\p{Foo}', '\\Q', '\\E',
      '[:alpha:]', '[:nope:]', '\\b', '\\z', '\\-', '\\.', 'é', '}', '{'];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const patterns = Array.from({ length: 2000 }, () => Array.from({ length: 1 + (next() % 6) }, () => tokens[next() % tokens.length]).join(''));
    const policies = patterns.map((pattern, i) => ({
      apiVersion: 'tekton.dev/v1alpha1',
      kind: 'VerificationPolicy',
      metadata: { name: `p${i}`, namespace: 'ci' },
      spec: { resources: [{ pattern }], authorities: [{ name: 'k', key: { kms: 'gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k' } }] },
    }));
    const verdicts = runOracle(policies).verdicts;
    const mismatches = patterns.filter((p, i) => verdicts[i].valid !== (goRegexpError(p) === undefined))
      .map((p) => [p, goRegexpError(p) ?? 'compiles', verdicts[patterns.indexOf(p)].errors.join('; ')]);
    expect(mismatches).toEqual([]);
    // both outcomes are exercised
    expect(verdicts.filter((v) => v.valid).length).toBeGreaterThan(300);
    expect(verdicts.filter((v) => !v.valid).length).toBeGreaterThan(300);
  }, 120_000);
});
