import { anchorPattern, compilesAsRe2, exactPattern, normalizedSource, policyPatternMatches, quoteMeta } from '../../src/private/go-regexp';

describe('Go regular expressions as Tekton v1.15 matches VerificationPolicy patterns', () => {
  test('QuoteMeta escapes what Go escapes, and an exact pattern matches exactly its source', () => {
    expect(quoteMeta('https://x.io/a+b?(c)[d]{e}|f^g$h\\i*')).toBe('https://x\\.io/a\\+b\\?\\(c\\)\\[d\\]\\{e\\}\\|f\\^g\\$h\\\\i\\*');
    const source = 'https://github.com/example/tasks.git';
    expect(exactPattern(source)).toBe('^https://github\\.com/example/tasks\\.git$');
    expect(policyPatternMatches(exactPattern(source), source)).toBe(true);
    expect(policyPatternMatches(exactPattern(source), 'https://githubXcom/example/tasks.git')).toBe(false);
    expect(policyPatternMatches(exactPattern(source), `${source}.evil`)).toBe(false);
  });

  test('a source with a character beyond U+FFFF is undecidable: Go reads it as one rune, JavaScript as two code units', () => {
    // Go: `..` needs two runes, and the emoji is one, so no match; JavaScript would say it matches
    expect(policyPatternMatches('^https://git\\.example\\.com/..\\.git$', 'https://git.example.com/\u{1F600}.git')).toBeUndefined();
    expect(policyPatternMatches('^https://git\\.example\\.com/.\\.git$', 'https://git.example.com/\u{1F600}.git')).toBeUndefined();
    // within the Basic Multilingual Plane a character is one unit to both
    expect(policyPatternMatches('^https://git\\.example\\.com/.\\.git$', 'https://git.example.com/\u00e9.git')).toBe(true);
  });

  test('anchorPattern as Tekton writes it', () => {
    expect(anchorPattern('a')).toBe('^(?:a)$');
    expect(anchorPattern('^a')).toBe('^(?:a)$');
    expect(anchorPattern('a$')).toBe('^(?:a)$');
    expect(anchorPattern('^a|b$')).toBe('^a|b$');
  });

  test('the source is trimmed (Go\'s TrimSpace) and loses a git+ prefix', () => {
    expect(normalizedSource(' \u00a0git+https://x.io/a.git\n')).toBe('https://x.io/a.git');
    expect(normalizedSource('\ufeffhttps://x.io')).toBe('\ufeffhttps://x.io');
    expect(policyPatternMatches('^https://x\\.io/a\\.git$', 'git+https://x.io/a.git')).toBe(true);
  });

  test('Go semantics: . matches \\r, \\s is ASCII, flags at the start, \\Q…\\E, \\A and \\z, named groups', () => {
    expect(policyPatternMatches('^a.b$', 'a\rb')).toBe(true);
    expect(policyPatternMatches('^a.b$', 'a\nb')).toBe(false);
    expect(policyPatternMatches('(?s)^a.b$', 'a\nb')).toBe(true);
    expect(policyPatternMatches('^a\\sb$', 'a\u00a0b')).toBe(false);
    expect(policyPatternMatches('^a[\\s]b$', 'a\tb')).toBe(true);
    expect(policyPatternMatches('(?i)abc', 'ABC')).toBe(true);
    expect(policyPatternMatches('^(?i)abc$', 'ABC')).toBe(true);
    expect(policyPatternMatches('(?U)a+', 'aaa')).toBe(true);
    expect(policyPatternMatches('\\Qa.b\\E', 'a.b')).toBe(true);
    expect(policyPatternMatches('\\Qa.b\\E', 'axb')).toBe(false);
    expect(policyPatternMatches('\\Aab\\z', 'ab')).toBe(true);
    expect(policyPatternMatches('(?P<repo>[a-z]+)/x', 'abc/x')).toBe(true);
    expect(policyPatternMatches('[]a]+', ']a')).toBe(true);
    expect(policyPatternMatches('a\\x2fb', 'a/b')).toBe(true);
  });

  test('what JavaScript cannot read as Go does is undecided, never guessed', () => {
    for (const p of ['\\pL', '\\p{Greek}', '[[:alpha:]]+', '(?m)^a$', 'a(?i)b', '\\x{41}', '\\101', '(?i:a)', 'a\\C']) {
      expect(policyPatternMatches(p, 'a')).toBeUndefined();
    }
    // patterns Go does not compile
    expect(policyPatternMatches('(?=a)', 'a')).toBeUndefined();
    expect(compilesAsRe2('(a')).toBe(false);
    expect(compilesAsRe2('(?P<n>a)')).toBe(true);
  });
});
