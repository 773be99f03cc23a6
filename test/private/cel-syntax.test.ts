import { celFirstUndeclared, celLiteralPaths, celSyntaxError, celTyping, celUndeclaredReferences } from '../../src/private/cel-syntax';

/** The first undeclared name celFirstUndeclared finds, `call <name>` for a function's call. */
const firstUndeclared = (...args: Parameters<typeof celFirstUndeclared>): string | undefined => {
  const first = celFirstUndeclared(...args);
  return first === undefined ? undefined : `${first.call ? 'call ' : ''}${first.name}`;
};

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
    // a trailing comma after a call's arguments, or a comma alone that is not the whole of an empty list or map
    ['size([1],) == 1', "an operand expected at character 10, ')'"],
    ['[,,]', "an operand expected at character 2, ','"],
  ])('%j: %s', (text, why) => {
    expect(celSyntaxError(text)).toBe(why);
  });

  test.each([
    CS, `body.a && ${CS}`, 'body.a.exists(x, x > 1) ? true : false', 'r\'a\\\'', 'x.`a-b`', 'a.?b', '[?a]', "{?'a': 1}", 'pkg.Msg{f: 1}', '.a.b', '-1',
    '!!a', 'a in [1]', '1.5e3 + .5 + 0x1Fu', "'''x\n'''", "b'\\x00'", 'a // comment', '[1,]', '{1:2,}', '[,]', '{,}', 'Msg{,}', 'a.b(1,2) % 3 - -4', "R\"a\" + rb'b' + Br'c'",
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

  test('a literal where a macro of the standard library binds a name: its parser refuses it (a name in parentheses is one)', () => {
    expect(celSyntaxError('[1].all(1, true)')).toBe('all() binds its first argument, 1, which is a literal, no name ("argument must be a simple name"), at character 9');
    expect(celSyntaxError('[1].map(\'a\', 1)')).toBe('map() binds its first argument, \'a\', which is a literal, no name ("argument is not an identifier"), at character 9');
    expect(celSyntaxError('[1].exists((x), x > 0) && [1].all(1)')).toBeUndefined();
  });

  test('a conditional is no optional syntax, and a syntax error before it is still the one said', () => {
    expect(celSyntaxError('a ? [b] : {c: d}.e', { optionalSyntax: false })).toBeUndefined();
    expect(celSyntaxError('a && && b.?c', { optionalSyntax: false })).toBe("an operand expected at character 6, '&&'");
  });
});

describe('celFirstUndeclared: the first name read as a value that is neither declared nor bound by a macro', () => {
  const DECLARED = ['body', 'int'];
  test.each<[string, string | undefined]>([
    ['foo', 'foo'],
    ['body.a == foo.b', 'foo'],
    ['.foo.a', '.foo'], ['[1].all(y, .y > 0)', '.y'],
    ['has(foo.a)', 'foo'],
    ['x.all(y, y > 0)', 'x'], ['a.b.exists(e, e == 1)', 'a'], ['[1].exists(y, q.filter(z, z > y)) && w', 'q'],
    ['{foo: 1}', 'foo'],
    ['body.all(x, x > 0) && x', 'x'],
    ['body.all(x, body.exists(y, y > x)) && y == 1', 'y'],
    ['body.map(x, x > 0, x).filter(y, y).sortBy(z, z) == [] && int == type(1)', undefined],
    ['f(body) && ns.f(1) && a.b.c(2) && Msg{foo: 1} != null && .pkg.Msg{f: 2} != null', undefined],
    ['`foo` == 1 && body.`a-b` == 2', undefined],
    ['body.?a', undefined],
    ['body &&', undefined],
  ])('%j: %s', (text, name) => {
    // (sortBy a macro: the lists extension there)
    expect(firstUndeclared(text, DECLARED, { extensionMacros: true })).toBe(name);
  });

  test('with the functions complete, a path before a method the environment declares is the method\'s target, unless the path and the method are a function', () => {
    const complete = { complete: true };
    expect(firstUndeclared('foo.size() > 0', DECLARED, complete)).toBe('foo');
    expect(firstUndeclared('foo.bar.startsWith(\'a\')', DECLARED, complete)).toBe('foo');
    expect(firstUndeclared('foo.size() > 0', DECLARED)).toBeUndefined();
    // a method no function declares: the path is the target too, refused first (cel-go: `base64`, then `encode`)
    expect(firstUndeclared('base64.encode(b\'a\')', DECLARED, complete)).toBe('base64');
    expect(firstUndeclared('math.greatest(1, 2)', DECLARED, { complete: true, extensionMacros: true })).toBeUndefined();
    expect(firstUndeclared('ns.size(\'a\')', DECLARED, { complete: true, functions: { 'ns.size': [{ member: false, params: ['string'], result: 'int' }] } })).toBeUndefined();
  });

  test('a name a macro binds is bound only in its arguments', () => {
    expect(firstUndeclared('[body.all(x, x), x]', DECLARED)).toBe('x');
    expect(firstUndeclared('body.exists(x, x) == body.exists(x, x)', DECLARED)).toBeUndefined();
    // a call that is no macro binds nothing
    expect(firstUndeclared('body.size(x, x)', DECLARED)).toBe('x');
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
    ['body.a + 1', 'int', undefined],
    // beside what is dyn, the one overload that takes the other operand on both sides (cel-go's checker narrows to it)
    ['body.a + 1 == \'x\'', 'bool', "'_==_' applied to (int, string)"], ['body.a + null', undefined, undefined], ['body.a + [1]', 'list', undefined],
    ["url + 'x'", 'string', undefined],
    ['url == 1', 'bool', "'_==_' applied to (string, int)"],
    ["'a' + 1", undefined, "'_+_' applied to (string, int)"],
    ['1 && true', 'bool', "'_&&_' applied to (int, bool)"],
    ['true || 1', 'bool', "'_||_' applied to (bool, int)"],
    ['size(1)', undefined, "'size' applied to (int)"],
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
    ['[1] == {}', 'bool', "'_==_' applied to (list(int), map)"],
    // list and map literals: elements of different types are dyn, a list's or map's of different primitive types at any depth never equal
    ["[1, 'a'] == ['a']", 'bool', undefined],
    ["[1] == ['a']", 'bool', "'_==_' applied to (list(int), list(string))"],
    ["[[1]] + [['a']]", undefined, "'_+_' applied to (list(list(int)), list(list(string)))"],
    ["{'a': 1} == {1: 1}", 'bool', "'_==_' applied to (map(string, int), map(int, int))"],
    ["1 in ['a']", 'bool', "'@in' applied to (int, list(string))"],
    ["'a' in {1: 2}", 'bool', "'@in' applied to (string, map(int, int))"],
    ['1 in [null]', 'bool', "'@in' applied to (int, list(null))"],
    // null, a type, a list and a map are each of a kind of their own
    ['url == null', 'bool', "'_==_' applied to (string, null)"],
    ['body == null', 'bool', "'_==_' applied to (map, null)"],
    ['null == int', 'bool', "'_==_' applied to (null, type)"],
    ['(true ? 1 : null)', undefined, "'_?_:_' applied to (bool, int, null)"],
    ['[[1]] == [1]', 'bool', "'_==_' applied to (list(list(int)), list(int))"],
    ['[int] == [type(1)]', 'bool', undefined],
    ['[[]] == [[1]]', 'bool', undefined],
    ["true ? [1] : ['a']", undefined, "'_?_:_' applied to (bool, list(int), list(string))"],
    ["[1][0] + 'a'", undefined, "'_+_' applied to (int, string)"],
    ["{'a': 1}.a + 'a'", undefined, "'_+_' applied to (int, string)"],
    ["{'a': 1, 'b': 'c'}.a + 'a'", 'string', undefined],
    // the standard library's functions typed here
    ["'a'.contains('a') + 1", undefined, "'_+_' applied to (bool, int)"],
    ["matches('a', 1)", undefined, "'matches' applied to (string, int)"],
    ['url.startsWith(1)', undefined, "'startsWith' applied to string.(int)"],
    ["[1].sortBy(x, x) == ['a']", 'bool', "'_==_' applied to (list(int), list(string))"],
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
    expect(celTyping(text, VARIABLES, { extensionMacros: true })).toMatchObject({ type, mistyped });
  });

  test("the types of lists' and maps' elements, as cel-go names them", () => {
    expect(celTyping("[1, 'a']", VARIABLES)).toEqual({ type: 'list', mistyped: undefined });
    expect(celTyping('[[1u]]', VARIABLES)).toEqual({ type: 'list', mistyped: undefined, known: 'list(list(uint))' });
    expect(celTyping("{1: 'a', 2: 1}", VARIABLES)).toEqual({ type: 'map', mistyped: undefined, known: 'map(int, dyn)' });
    expect(celTyping('1', VARIABLES)).toEqual({ type: 'int', mistyped: undefined });
  });

  test("the functions an environment declares: their results' types, and a call no overload takes", () => {
    const functions = {
      'split': [{ member: true, params: ['string', 'string'], result: 'list(string)' }],
      'join': [{ member: true, params: ['list(string)'], result: 'string' }],
      'reverse': [{ member: true, params: ['string'], result: 'string' }, { member: true, params: ['list(T)'], result: 'list(T)' }],
      'base64.decode': [{ member: false, params: ['string'], result: 'bytes' }],
      'marshalJSON': [{ member: true, params: ['map(string, dyn)'], result: 'string' }],
    };
    const typed = (text: string) => celTyping(text, VARIABLES, { functions });
    expect(typed("'a'.split('a') + 1")).toEqual({ type: undefined, mistyped: "'_+_' applied to (list(string), int)" });
    expect(typed("url.split('/').join() == 1")).toEqual({ type: 'bool', mistyped: "'_==_' applied to (string, int)" });
    expect(typed("base64.decode('YQ==') == 'a'")).toEqual({ type: 'bool', mistyped: "'_==_' applied to (bytes, string)" });
    expect(typed('[1u].reverse()')).toEqual({ type: 'list', mistyped: undefined, known: 'list(uint)' });
    expect(typed('body.a.reverse() == 1')).toEqual({ type: 'bool', mistyped: undefined });
    // no overload: a target or an argument of a known type that none takes, or a count of arguments
    expect(typed("1.split('a')")?.mistyped).toBe("'split' applied to int.(string)");
    expect(typed('body.a.split()')?.mistyped).toBe("'split' applied to dyn.()");
    expect(typed('[1].join()')?.mistyped).toBe("'join' applied to list(int).()");
    expect(typed("{1: 'a'}.marshalJSON()")?.mistyped).toBe("'marshalJSON' applied to map(int, string).()");
    expect(typed('base64.decode(1)')?.mistyped).toBe("'base64.decode' applied to (int)");
    // null, or a list of nulls, for a string or a list of strings (cel-go's checker takes null for dyn alone)
    expect(typed("null.split('a')")?.mistyped).toBe("'split' applied to null.(string)");
    expect(typed('[null].join()')?.mistyped).toBe("'join' applied to list(null).()");
    // a list of elements of different types, a map's dyn: taken
    expect(typed("[1, 'a'].join()")?.mistyped).toBeUndefined();
    expect(typed('body.marshalJSON()')).toEqual({ type: 'string', mistyped: undefined });
    // a name that is a variable or bound is no namespace; an undeclared function is dyn
    expect(typed("[1].all(base64, base64.decode('a') == 1)")?.mistyped).toBeUndefined();
    expect(typed("base64.other('a') == 1")?.mistyped).toBeUndefined();
    // names Object.prototype holds are no functions
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(typed(`'a'.${name}() == 1 && ${name}(1) == 1 && base64.${name}(1) == 1`)).toEqual({ type: 'bool', mistyped: undefined });
    }
  });

  test("the standard library's functions, the names macros bind, orderings and arithmetic of known kinds", () => {
    const mistyped = (text: string) => celTyping(text, VARIABLES)?.mistyped;
    // a macro's variable is of its range's elements' type (a map's keys'), the innermost binding winning; dyn over what is dyn
    expect(mistyped("[1].all(x, x == 'a')")).toBe("'_==_' applied to (int, string)");
    expect(mistyped("{'a': 1}.exists(k, k == 1)")).toBe("'_==_' applied to (string, int)");
    expect(mistyped("[1].all(x, ['a'].all(x, x == 'a'))")).toBeUndefined();
    expect(mistyped('body.all(x, x == 1) && [[1]].exists(y, y == [2])')).toBeUndefined();
    expect(celTyping("[1].map(x, 'a')", VARIABLES)).toMatchObject({ type: 'list', known: 'list(string)' });
    expect(celTyping('[1u].filter(x, x > 0u)', VARIABLES)).toMatchObject({ type: 'list', known: 'list(uint)' });
    // a macro over what is no list or map, a predicate that is no bool
    expect(mistyped('1.all(x, true)')).toBe("'all' applied to int, which is no list or map it could run over");
    expect(mistyped('[1].exists_one(x, 1)')).toBe("'exists_one' applied to a predicate of type int, not bool");
    // the standard library's overloads: conversions, size, timestamps' getters; a method called as a function and the other way
    expect(mistyped('int(true)')).toBe("'int' applied to (bool)");
    expect(mistyped("'1'.int()")).toBe("'int' applied to string.() (a function, called as int(…), not a method)");
    expect(mistyped("'a'.size(1)")).toBe("'size' applied to string.(int)");
    expect(mistyped('body.a.size() + 1u')).toBe("'_+_' applied to (int, uint)");
    expect(mistyped("'a'.getFullYear()")).toBe("'getFullYear' applied to string.()");
    expect(mistyped("int(null) == 1 && timestamp('2024-01-01T00:00:00Z').getFullYear() + 1 == 2")).toBeUndefined();
    // orderings: a list, a map or a type with anything; null with a primitive (null with null or dyn: a timestamp's or a duration's)
    expect(mistyped('[1] < body.a')).toBe("'_<_' applied to (list(int), dyn)");
    expect(mistyped('body.a >= {}')).toBe("'_>=_' applied to (dyn, map)");
    expect(mistyped('int < body.a')).toBe("'_<_' applied to (type, dyn)");
    expect(mistyped('null < 1')).toBe("'_<_' applied to (null, int)");
    expect(mistyped('null < null || null < body.a')).toBeUndefined();
    // arithmetic: an operand of a type no overload of the operator takes, whatever the other (null for + and -: a timestamp's or a duration's)
    expect(mistyped('{} + body.a')).toBe("'_+_' applied to (map, dyn)");
    expect(mistyped("body.a - 'a'")).toBe("'_-_' applied to (dyn, string)");
    expect(mistyped('null * body.a')).toBe("'_*_' applied to (null, dyn)");
    expect(mistyped('null + body.a == null - body.b')).toBeUndefined();
    expect(mistyped('1 in null')).toBe("'@in' applied to (int, null)");
  });

  test("type parameters, a complete environment's undeclared functions, and a map of constants with a bytes key", () => {
    const functions = {
      'sets.contains': [{ member: false, params: ['list(T)', 'list(T)'], result: 'bool' }],
      'slice': [{ member: true, params: ['list(T)', 'int', 'int'], result: 'list(T)' }],
      'flatten': [{ member: true, params: ['list(list(T))'], result: 'list(T)' }],
    };
    const typed = (text: string, complete = false) => celTyping(text, VARIABLES, { functions, complete });
    // the first argument given for a type parameter binds it; dyn binds it to dyn
    expect(typed("sets.contains([1], ['a'])")?.mistyped).toBe("'sets.contains' applied to (list(int), list(string))");
    expect(typed('sets.contains([1], [1.0])')?.mistyped).toBe("'sets.contains' applied to (list(int), list(double))");
    expect(typed("sets.contains(body.l, ['a']) && sets.contains([1, 'a'], [1])")?.mistyped).toBeUndefined();
    expect(typed('[1u].slice(0, 1)')).toMatchObject({ type: 'list', known: 'list(uint)' });
    expect(typed('[[1]].flatten()')).toMatchObject({ type: 'list', known: 'list(int)' });
    expect(typed('[1].flatten()')?.mistyped).toBe("'flatten' applied to list(int).()");
    // a call of a function no library declares, when the environment's functions are complete (not a macro's)
    expect(typed("body.h.decodeb64() == 'x'", true)).toMatchObject({ undeclaredFunction: 'decodeb64' });
    expect(typed("body.h.decodeb64() == 'x'")?.undeclaredFunction).toBeUndefined();
    expect(celTyping('math.greatest(1, 2) == 2 && has(body.a) && [1].all(x, true) && size(body) == 1', VARIABLES, { functions, complete: true, extensionMacros: true })
      ?.undeclaredFunction).toBeUndefined();
    // a macro's name that cel-go's parser does not expand: of other arguments, a global macro as a method, a receiver's as a function, sortBy without
    // the lists extension
    for (const [text, fn] of [['[1].all(1)', 'all'], ['[1].exists(x)', 'exists'], ['[1].map(x, y, z, w)', 'map'], ['body.has(a)', 'has'], ['all([1], true)', 'all'],
      ['[1].sortBy(x, x)', 'sortBy']]) {
      expect(celTyping(text, VARIABLES, { complete: true })?.undeclaredFunction).toBe(fn);
    }
    // a map of constants (literals, lists and maps of them) with a bytes key, which cel-go's optimizer builds when it plans the program
    expect(typed("true || {b'a': 1}.size() == 1")?.panics).toBe("{b'a': 1}");
    expect(typed("[{'a': 1}, {b'x': [1, {'y': null}]}]")?.panics).toBe("{b'x': [1, {'y': null}]}");
    expect(typed("{b'a': body.x} == {} || {b'a': ---1} == {} || {b'a': !true} == {} || {'a': b'x'} == {} || {b'a': timestamp('x')} == {}")?.panics)
      .toBeUndefined();
    // a timestamp's and a duration's constants too
    expect(typed("{b'a': timestamp(0)} == {} || {b'a': dyn(duration('-1.5h'))} == {}")?.panics).toBe("{b'a': timestamp(0)}");
    // constants the optimizer makes: a negative number (one `-`, or an even run dropped), parentheses, a type's name, and conversions of
    // constants that surely succeed, dyn(…) too (interpreter/decorators.go decOptimize)
    expect(["{b'a': (1)}", "{b'a': -1}", "{b'a': --1}", "{b'a': - 1.0}", "{b'a': dyn(1)}", "{b'a': int('1')}", "{bytes('a'): 1}", "{dyn(b'a'): 1}",
      "{b'a': type(1)}", "{b'a': int}", "{(b'a'): [dyn(1)]}", "{b'a': string(1u)}", "{b'a': double(dyn(1))}"].map((m) => typed(`${m}.size() == 1`)?.panics))
      .toEqual(["{b'a': (1)}", "{b'a': -1}", "{b'a': --1}", "{b'a': - 1.0}", "{b'a': dyn(1)}", "{b'a': int('1')}", "{bytes('a'): 1}", "{dyn(b'a'): 1}",
        "{b'a': type(1)}", "{b'a': int}", "{(b'a'): [dyn(1)]}", "{b'a': string(1u)}", "{b'a': double(dyn(1))}"]);
    expect(typed("[{b'a': dyn(1)}].size() == 1")?.panics).toBe("{b'a': dyn(1)}");
    // conversions that may fail are no constants here: their failure comes first
    expect(typed("{b'a': int('99999999999999999999')} == {} || {b'a': double('x')} == {} || {b'a': int(body.a)} == {}")?.panics).toBeUndefined();
    // the planner plans operands first: what it fails on first wins
    expect(typed("int('x') == 1 && {b'a': 1}.size() == 1")).toMatchObject({ unplanned: "int('x')" });
    expect(typed("{b'a': 1}.size() == 1 && int('x') == 1")).toMatchObject({ panics: "{b'a': 1}" });
    expect(typed("{b'a': 1}.size() == 1 && int('x') == 1")?.unplanned).toBeUndefined();
    // a conversion of a literal the optimizer fails on when it plans the program
    expect(typed("true || int('one') == 1")?.unplanned).toBe("int('one')");
    expect(typed("string(null) == '' && uint('+1') == 1u")?.unplanned).toBe('string(null)');
    expect(typed("bool('yes')")?.unplanned).toBe("bool('yes')");
    expect(typed("int('+1') == 1 && int(r'1') == 1 && int('\\x31') == 1 && bool('T') && uint(null) == 1u && dyn(null) == null && int(body.a) == 1")?.unplanned)
      .toBeUndefined();
    // through dyn(…), which the optimizer folds first
    expect(typed("int(dyn('a')) == 1")).toMatchObject({ unplanned: "int(dyn('a'))" });
    // bytes that are not UTF-8 converted to a string (\\xHH and octal escapes are bytes; a surrogate's or an overlong form is no UTF-8)
    for (const b of ["b'\\xff'", "b'\\377'", "dyn(b'\\xff')", "b'\\xed\\xa0\\x80'", "b'\\xc0\\x80'", "b'a\\xc3'", "b'\\xf4\\x90\\x80\\x80'"]) {
      expect(typed(`string(${b}) == 'a'`)).toMatchObject({ unplanned: `string(${b})`, unplannedError: 'invalid UTF-8 in bytes, cannot convert to string' });
    }
    expect(typed("string(b'\\xc3\\xa9') == 'é' && string(b'é') == 'é' && string(b'\\x41\\101\\n') == 'AA\\n' && string(bytes('\\xff')) == 'ÿ' "
      + "&& string(b'\\xf0\\x9f\\x98\\x80') == 'x'")).toMatchObject({ type: 'bool' });
    expect(typed("string(b'\\xc3\\xa9') == 'é' && string(b'é') == 'é' && string(b'\\x41\\101\\n') == 'AA\\n' && string(bytes('\\xff')) == 'ÿ' "
      + "&& string(b'\\xf0\\x9f\\x98\\x80') == 'x'")?.unplanned).toBeUndefined();
    // an index by a constant the planner makes no qualifier of (interpreter/attributes.go newQualifier), where the checker takes it
    const qualifiers: Array<[string, string]> = [["{b'a': body.a}[b'a']", 'types.Bytes'], ["body.a[bytes('a')]", 'types.Bytes'],
      ["[body.a][dyn(b'a')]", 'types.Bytes'], ['body.a[null]', 'types.Null'], ['body.a[[]]', '*types.baseList'], ['body.a[{}]', '*types.baseMap'],
      ['body.a[int]', '*types.Type'], ['body.a[type(1)]', '*types.Type'], ["body.a[(b'a')]", 'types.Bytes']];
    for (const [index, go] of qualifiers) {
      expect(typed(`true || ${index} == 1`)).toMatchObject({ unplanned: index, unplannedIndex: true, unplannedError: `invalid qualifier type: ${go}` });
    }
    expect(typed("body.a[-1] == 1 || body.a[1.0] == 1 || body.a[dyn(1)] == 1 || body.a[true] == 1 || body.a[1u] == 1 || body.a['k'] == 1 || body.a[body.b] == 1 "
      + '|| body.a[timestamp(body.t)] == 1 || [1].exists(int, body.a[int] == 1)')?.unplanned).toBeUndefined();
    expect(typed("true || body.a[duration('1s')] == 1")).toMatchObject({ unplanned: "body.a[duration('1s')]", unplannedIndex: true, unplannedError: 'invalid qualifier type: types.Duration' });
    // an index of a known list by what is no int, of a known map by what is not its key's type: refused by the checker first
    expect(typed("{'a': 1}[b'a'] == 1")?.mistyped).toBe("'_[_]' applied to (map(string, int), bytes)");
    expect(typed('[1][1u] == 1')?.mistyped).toBe("'_[_]' applied to (list(int), uint)");
    // nothing that is no list or map is indexed, whatever the index
    expect(typed("'a'[0] == 'a'")?.mistyped).toBe("'_[_]' applied to (string, int)");
    expect(typed('true[body.a] == 1')?.mistyped).toBe("'_[_]' applied to (bool, dyn)");
    expect(typed("{'a': 1}[null] == 1")?.mistyped).toBe("'_[_]' applied to (map(string, int), null)");
    expect(typed("[1][dyn(1u)] == 1 || {'a': 1}[body.k] == 1 || body.l[0] == 1 || {b'a': body.a}[b'a'] == 1")?.mistyped).toBeUndefined();
  });

  test('a field selected on a value of a known type other than a map is refused (checker.go checkSelect)', () => {
    const typed = (text: string) => celTyping(text, VARIABLES, { optionalSyntax: false });
    expect(typed('[1].exists(body, body.a == 1)')?.unselected).toEqual({ selection: 'body.a', type: 'int' });
    expect(typed("['a'].exists(url, url.a == 1)")?.unselected).toEqual({ selection: 'url.a', type: 'string' });
    expect(typed('[1].exists(x, x.y == 1)')?.unselected).toEqual({ selection: 'x.y', type: 'int' });
    expect(typed('has(url.a)')?.unselected).toEqual({ selection: 'url.a', type: 'string' });
    expect(typed('null.a == 1')?.unselected).toEqual({ selection: 'null.a', type: 'null' });
    expect(typed('[1].a == 1')?.unselected).toEqual({ selection: '[1].a', type: 'list(…)' });
    expect(typed('type(1).a == 1')?.unselected).toEqual({ selection: 'type(1).a', type: 'type(…)' });
    expect(typed("{'a': 1}.exists(k, k.b == 1)")?.unselected).toEqual({ selection: 'k.b', type: 'string' });
    expect(typed("{'a': 1}.a == 1 && body.a.b == 1 && [body].exists(body, body.a == 1) && body.l.exists(x, x.y == 1) && header.a.b == 'c'")?.unselected)
      .toBeUndefined();
  });

  test('a text that does not parse is not typed', () => {
    expect(celTyping("1 + 'a' &&", VARIABLES)).toBeUndefined();
    expect(celTyping('body.?a + 1', VARIABLES, { optionalSyntax: false })).toBeUndefined();
  });
});

describe("the math and lists extensions' macros, and where a map literal holds lists", () => {
  const VARS = { body: 'map(string, dyn)', requestURL: 'string' };
  test("math.greatest's, math.least's and sortBy's parser refusals, only where the environment registers the extensions", () => {
    const ext = { extensionMacros: true };
    expect(['math.greatest()', "math.least('a')", 'math.greatest([])', 'math.greatest(1, [2])', "{'a': 1}.sortBy(x, x)", '(1).sortBy(x, x)']
      .map((t) => celSyntaxError(t, ext))).toEqual(['math.greatest() requires at least one argument, at character 1',
      'math.least() invalid single argument value, at character 12', 'math.greatest() invalid single argument value, at character 15',
      'math.greatest() simple literal arguments must be numeric, at character 18',
      'sortBy can only be applied to a list, identifier, comprehension, call or select expression, at character 1',
      'sortBy can only be applied to a list, identifier, comprehension, call or select expression, at character 2']);
    expect(celSyntaxError("math.least('a') == {'a': 1}.sortBy(x, x)")).toBeUndefined();
    expect(['math.greatest(1, 2)', 'math.least([1.0, 2.0])', 'math.greatest(1, 2.0)', 'math.greatest(1u, 2u, 3u)', 'math.greatest(body.a)']
      .map((t) => celTyping(t, VARS, ext)?.type)).toEqual(['int', 'double', undefined, 'uint', undefined]);
    expect(celTyping('math.greatest(requestURL, 1)', VARS, ext)?.mistyped).toBe("'math.@max' (math.greatest) applied to (string, int)");
  });

  test('celLiteralPaths: the paths under which a map or list literal holds a list or a scalar, into nested literals', () => {
    expect(celLiteralPaths("{'a': [1], 'b': {'c': 'x'.split(','), 'd': 1}, 'e': body.l, 'f.g': [1], 'h': {'i': [], 'i': []}}", VARS, { functions: {} }))
      .toEqual({ lists: ['a'], scalars: ['a.0', 'b.d'] });
    expect(celLiteralPaths("{'a': [1], 'b': {'c': [2], 'd': 1}}", VARS)).toEqual({ lists: ['a', 'b.c'], scalars: ['a.0', 'b.c.0', 'b.d'] });
    expect(celLiteralPaths('[1]', VARS)).toEqual({ lists: [], scalars: ['0'] });
    expect(celLiteralPaths("[[1], {'c': [1], 'd': 'x'}, body.a, null, ]", VARS)).toEqual({ lists: ['0', '1.c'], scalars: ['0.0', '1.c.0', '1.d'] });
    expect(celLiteralPaths("{'a': [1], 'a': 2}", VARS)).toEqual({ lists: [], scalars: [] });
    expect(celLiteralPaths("{'-1': [1], '0': [2]}", VARS)).toEqual({ lists: ['0'], scalars: ['0.0'] });
    expect(celLiteralPaths('body.a', VARS)).toEqual({ lists: [], scalars: [] });
  });
});

describe('celUndeclaredReferences', () => {
  const types = ['int', 'string'];
  test('each reference to an undeclared name with its offset, where nothing else is refused', () => {
    expect(celUndeclaredReferences('params.a == \'x\' || params.b == \'y\'', types)).toEqual([{ name: 'params', at: 0 }, { name: 'params', at: 19 }]);
    expect(celUndeclaredReferences('[1].map(v, v + z) == [1]', types)).toEqual([{ name: 'z', at: 15 }]);
    expect(celUndeclaredReferences('\'a\' == \'a\'', types)).toEqual([]);
  });

  test('undefined where the checker refuses something else too, or the text does not parse', () => {
    expect(celUndeclaredReferences('params.a == \'x\' && \'a\' == 1', types, { complete: true })).toBeUndefined();
    expect(celUndeclaredReferences('(params.a', types)).toBeUndefined();
  });

  test('with the functions complete, the calls of undeclared functions too (at their `(`), in the order of the text', () => {
    expect(celUndeclaredReferences('\'a\'.lowerAscii() == params.x', types, { complete: true })).toEqual([{ name: 'lowerAscii', at: 14 }, { name: 'params', at: 20 }]);
    expect(celUndeclaredReferences('.foo(1) && bar', types, { complete: true })).toEqual([{ name: '.foo', at: 4 }, { name: 'bar', at: 11 }]);
    expect(celUndeclaredReferences('.lists.foo(2)', types, { complete: true })).toEqual([{ name: '.lists', at: 1 }, { name: 'foo', at: 10 }]);
    expect(celUndeclaredReferences('[1].exists(x)', types, { complete: true })).toEqual([{ name: 'exists', at: 10 }, { name: 'x', at: 11 }]);
  });
});

describe('a text read once per reading: each reading of one text keeps its own answer', () => {
  test('the optional syntax, the variables\' types and the functions declared each make another reading', () => {
    const optional = 'the optional syntax \'.?\' at character 3, which the environment does not enable';
    expect([celSyntaxError('a.?b', { optionalSyntax: false }), celSyntaxError('a.?b'), celSyntaxError('a.?b', { optionalSyntax: false })])
      .toEqual([optional, undefined, optional]);
    expect([celTyping('x + 1', { x: 'string' }), celTyping('x + 1', { x: 'int' }), celTyping('x + 1', { x: 'string' })])
      .toEqual([{ mistyped: '\'_+_\' applied to (string, int)' }, { type: 'int' }, { mistyped: '\'_+_\' applied to (string, int)' }]);
    const foo = { foo: [{ member: false, params: ['int'], result: 'int' }] };
    const bar = { bar: [{ member: false, params: ['int'], result: 'int' }] };
    expect([foo, bar, { ...foo }].map((functions) => celFirstUndeclared('foo(1)', [], { complete: true, functions })))
      .toEqual([undefined, { name: 'foo', call: true }, undefined]);
    expect([['x'], []].map((declared) => celFirstUndeclared('x == 1', declared))).toEqual([undefined, { name: 'x', call: false }]);
  });
});
