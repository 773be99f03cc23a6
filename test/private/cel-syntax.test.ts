import { celSyntaxError, celTyping, celUndeclared } from '../../src/private/cel-syntax';

const CS = "header.canonical('X-Token').compareSecret('token', 'webhook')";

describe("celSyntaxError: what CEL's grammar cannot read", () => {
  test.each<[string, string]>([
    [`${CS} &&`, 'an operand expected where the expression ends'],
    [`&& ${CS}`, "an operand expected at character 1, '&&'"],
    [`${CS} && && true`, "an operand expected at character 66, '&&'"],
    [`${CS} ||`, 'an operand expected where the expression ends'],
    [`${CS} & true`, 'the character "&" at character 63, which is no CEL token'],
    [`(${CS}`, "')' expected where the expression ends"],
    [`${CS})`, "an operator or the end expected at character 62, ')'"],
    ['a ? b', "':' expected where the expression ends"],
    ['1abc', "an operator or the end expected at character 2, 'a'"],
    ["'abc", 'an unterminated string at character 1'],
    ["'a\nb'", 'a line break in the string at character 1'],
    ['a = 1', 'the character "=" at character 3, which is no CEL token'],
    ['é == a #', 'the character "é" at character 1, which is no CEL token'],
    ["'é' == a #", 'the character "#" at character 10, which is no CEL token'],
    ['a..b', "a name expected at character 3, '.'"],
    ['f(,)', "an operand expected at character 3, ','"],
    ['a[]', "an operand expected at character 3, ']'"],
    ['()', "an operand expected at character 2, ')'"],
    ['a b', "an operator or the end expected at character 3, 'b'"],
    ['[1 2]', "',' or ']' expected at character 4, '2'"],
    ['{1: 2, 3}', "':' expected at character 9, '}'"],
    ['', 'an operand expected where the expression ends'],
  ])('%j: %s', (text, why) => {
    expect(celSyntaxError(text)).toBe(why);
  });

  test.each([
    CS, `body.a && ${CS}`, 'body.a.exists(x, x > 1) ? true : false', 'r\'a\\\'', 'x.`a-b`', 'a.?b', '[?a]', "{?'a': 1}", 'pkg.Msg{f: 1}', '.a.b', '-1',
    '!!a', 'a in [1]', '1.5e3 + .5 + 0x1Fu', "'''x\n'''", "b'\\x00'", 'a // comment', '[1,]', '{1:2,}', 'a.b(1,2) % 3 - -4', "R\"a\" + rb'b' + Br'c'",
    "has(body.a) && body.labels.map(l, l.name).exists(n, n in ['ok']) || !(size(body.s) <= 3)", 'if.for', 'true == null',
  ])('%j may be CEL', (text) => {
    expect(celSyntaxError(text)).toBeUndefined();
  });

  test('nested deeper than the stack is not read', () => {
    expect(celSyntaxError(`${'('.repeat(100_000)}a${')'.repeat(100_000)}`)).toBeUndefined();
  });
});

describe('celSyntaxError without the optional syntax', () => {
  test.each<[string, string]>([
    ['a.?b', "the optional syntax '.?' at character 3, which the environment does not enable"],
    ['a[?0]', "the optional syntax '[?' at character 3, which the environment does not enable"],
    ['[1, ?a]', "the optional syntax '?' at character 5, which the environment does not enable"],
    ["{?'a': 1}", "the optional syntax '?' at character 2, which the environment does not enable"],
    ['pkg.Msg{?f: 1}', "the optional syntax '?' at character 9, which the environment does not enable"],
  ])('%j: %s', (text, why) => {
    expect(celSyntaxError(text, { optionalSyntax: false })).toBe(why);
    expect(celSyntaxError(text)).toBeUndefined();
  });

  test('a conditional is no optional syntax, and a syntax error before it is still the one said', () => {
    expect(celSyntaxError('a ? [b] : {c: d}.e', { optionalSyntax: false })).toBeUndefined();
    expect(celSyntaxError('a && && b.?c', { optionalSyntax: false })).toBe("an operand expected at character 6, '&&'");
  });
});

describe('celUndeclared: the first name read as a value that is neither declared nor bound by a macro', () => {
  const DECLARED = ['body', 'int'];
  test.each<[string, string | undefined]>([
    ['foo', 'foo'],
    ['body.a == foo.b', 'foo'],
    ['.foo.a', 'foo'],
    ['has(foo.a)', 'foo'],
    ['{foo: 1}', 'foo'],
    ['body.all(x, x > 0) && x', 'x'],
    ['body.all(x, body.exists(y, y > x)) && y == 1', 'y'],
    ['body.map(x, x > 0, x).filter(y, y).sortBy(z, z) == [] && int == type(1)', undefined],
    ['f(body) && ns.f(1) && a.b.c(2) && Msg{foo: 1} != null && .pkg.Msg{f: 2} != null', undefined],
    ['`foo` == 1 && body.`a-b` == 2', undefined],
    ['body.?a', undefined],
    ['body &&', undefined],
  ])('%j: %s', (text, name) => {
    expect(celUndeclared(text, DECLARED)).toBe(name);
  });

  test('a name a macro binds is bound only in its arguments', () => {
    expect(celUndeclared('[body.all(x, x), x]', DECLARED)).toBe('x');
    expect(celUndeclared('body.exists(x, x) == body.exists(x, x)', DECLARED)).toBeUndefined();
    // a call that is no macro binds nothing
    expect(celUndeclared('body.size(x, x)', DECLARED)).toBe('x');
  });
});

describe("celTyping: an expression's type and the first operation cel-go's standard library has no overload for", () => {
  const VARIABLES = { body: 'map', url: 'string' } as const;
  test.each<[string, string | undefined, string | undefined]>([
    ['1', 'int', undefined],
    ['0x1F', 'int', undefined],
    ['1u', 'uint', undefined],
    ['1.5e3', 'double', undefined],
    ["'a'", 'string', undefined],
    ["b'a'", 'bytes', undefined],
    ['true', 'bool', undefined],
    ['null', 'null', undefined],
    ['[1, "a"]', 'list', undefined],
    ['{1: 2}', 'map', undefined],
    ['int', 'type', undefined],
    ['url', 'string', undefined],
    ['body', 'map', undefined],
    ['body.a', undefined, undefined],
    ['body.a + 1', undefined, undefined],
    ["url + 'x'", 'string', undefined],
    ['url == 1', 'bool', "'_==_' applied to (string, int)"],
    ["'a' + 1", undefined, "'_+_' applied to (string, int)"],
    ['1 && true', 'bool', "'_&&_' applied to (int, bool)"],
    ['true || 1', 'bool', "'_||_' applied to (bool, int)"],
    ['size(1)', 'int', "'size' applied to (int)"],
    ['size(body)', 'int', undefined],
    ['url.size()', 'int', undefined],
    ['!1', 'bool', "'!_' applied to (int)"],
    ['!!1', 'int', undefined],
    ['-1u', undefined, "'-_' applied to (uint)"],
    ['--1u', 'uint', undefined],
    ["1 in 'a'", 'bool', "'@in' applied to (int, string)"],
    ['1 in body', 'bool', undefined],
    ['1 < 1.0', 'bool', "'_<_' applied to (int, double)"],
    ['null < null', 'bool', undefined],
    ['null == 1', 'bool', "'_==_' applied to (null, int)"],
    ['int == 1', 'bool', "'_==_' applied to (type, int)"],
    ['[1] == {}', 'bool', "'_==_' applied to (list, map)"],
    ['1 % 1.0', undefined, "'_%_' applied to (int, double)"],
    ['2.0 % 1.0', undefined, "'_%_' applied to (double, double)"],
    ["true ? 1 : 'a'", undefined, "'_?_:_' applied to (bool, int, string)"],
    ['1 ? 2 : 3', 'int', "'_?_:_' applied to (int, int, int)"],
    ['body.a ? 1 : 1', 'int', undefined],
    ["int('1') + string(1)", undefined, "'_+_' applied to (int, string)"],
    ['type(1) == int', 'bool', undefined],
    ['[1].map(x, x) + [2]', 'list', undefined],
    ['[1].all(url, url == 1)', 'bool', undefined],
    ['has(body.a) && body.exists(k, k == 1)', 'bool', undefined],
    ['f(1) + 1 == g.h(2)', 'bool', undefined],
    ['int.x', undefined, undefined],
    ["'a' + 1 == 1 + 'b'", 'bool', "'_+_' applied to (string, int)"],
    // cel-go's checker takes orderings across numbers once it has checked a comprehension, anywhere here
    ['1 < 1.0 && [1].all(x, true)', 'bool', undefined],
    ['[1].all(x, 1u < 1)', 'bool', undefined],
    ["1 < 1.0 && [1].all(x, 'a' < 1)", 'bool', "'_<_' applied to (string, int)"],
    ['1 == 1.0 && [1].all(x, true)', 'bool', "'_==_' applied to (int, double)"],
  ])('%j: %s, %s', (text, type, mistyped) => {
    expect(celTyping(text, VARIABLES)).toEqual({ type, mistyped });
  });

  test('a text that does not parse is not typed', () => {
    expect(celTyping("1 + 'a' &&", VARIABLES)).toBeUndefined();
    expect(celTyping('body.?a + 1', VARIABLES, { optionalSyntax: false })).toBeUndefined();
  });
});
