import { celSyntaxError } from '../../src/private/cel-syntax';

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
