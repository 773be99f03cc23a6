/**
 * CEL filters for the cel interceptor that compare a request header with a Secret, or seem to: the
 * hand-written adversarial ones that test/conformance/triggers-interceptors.test.ts runs with Tekton
 * Triggers' own interceptor and test/property/triggers-admission-parity.test.ts gives the admission policy.
 */
/** A cel filter's comparison of a request header with a Secret, as TRIGGERS_AUTHENTICATED reads one. */
export const CS = "header.canonical('X-Token').compareSecret('token', 'webhook')";
/** Other ways of writing a secret comparison: two and three arguments, other headers, double quotes, raw strings. */
export const COMPARES = [
  CS,
  'header.canonical("X-Token").compareSecret("token", "webhook")',
  "header.canonical('X-Secret').compareSecret('token', 'webhook', 'ci')",
  "header.canonical( 'x-token' ).compareSecret( 'token' , 'webhook' )",
  "header.canonical(r'X-Token').compareSecret(r'token', b'webhook')",
  "header.canonical('X-Token').compareSecret('token', r\"webhook\")",
];

/** Hand-written filters that try to pass with no Secret matching, or that the rule may read wrongly. */
export const ADVERSARIAL_FILTERS: readonly string[] = [
  // the plain forms (true only with the Secret)
  CS, `body.a && ${CS}`, `${CS} && body.ok == true`, `has(body.a) && ${CS} && 'opened' in [body.action]`,
  // negations and comparisons of the result
  `!${CS}`, `!(${CS})`, `!!${CS}`, `${CS} == false`, `${CS} != true`, `false == ${CS}`, `${CS} == ${CS}`, `${CS} != ${CS}`,
  `!(body.a && ${CS})`, `!(${CS}) && true`, `true && !${CS}`, `${CS} == true`, `(${CS}) == true`, `true == (${CS})`,
  `[${CS}] == [false]`, `${CS} in [false]`, `!${CS} in [true]`, `${CS} < true`, `${CS} <= true`, `!(${CS} && body.a)`,
  // || and ?: (the comparison in a branch)
  `${CS} || true`, `true || ${CS}`, `body.ok == true || ${CS}`, `${CS} || body.ok`, `${CS} || has(body.a)`,
  `true || false && ${CS}`, `${CS} && body.a || true`, `body.ok == true || body.a && ${CS} && true`, `${CS} && true ||true`,
  `body.a ? true : false && ${CS}`, `${CS} && body.a ? true : true`, `${CS} && (body.a ? true : false) || body.ok`,
  `${CS} ? true : true`, `${CS} ? false : true`, `body.a ? ${CS} : true`, `true ? true : ${CS}`, `(${CS} ? 1 : 2) == 2`,
  // errors that && and || absorb (commutative: an error beside false is false, beside true an error)
  `${CS} || 1/0 == 0`, `body.missing.x || ${CS}`, `${CS} || int('x') == 1`, `body.missing && ${CS}`, `${CS} && body.missing`,
  `(body.missing || true) && ${CS}`, 'body.missing || true', `(${CS} || body.missing) && true`, `${CS} && 1/0 == 0`,
  // macros, bind and conversions hiding the comparison
  `[${CS}].exists(x, !x)`, `[${CS}].all(x, !x)`, `[1].all(x, ${CS}) || true`, `![1].exists(x, ${CS})`, `[${CS}].filter(x, !x).size() == 1`,
  `[${CS}].map(x, !x)[0]`, `cel.bind(x, ${CS}, !x)`, `cel.bind(x, ${CS}, x) || true`, `dyn(${CS}) == false`, `bool(string(${CS})) == false`,
  `string(${CS}) == 'false'`, `string(${CS}).size() == 5`, `type(${CS}) == bool`, `[${CS}, true].exists(x, x)`, `{'k': ${CS}}.k == false`,
  `{${CS}: 1}[false] == 1`, `[${CS}].size() == 1`, `size([${CS}]) == 1`, `has({'k': ${CS}}.k)`, `[true, ${CS}][0]`,
  `[1,2].exists_one(x, x == 1) && ${CS}`, `body.labels.exists(l, l.name.startsWith('ok-')) && ${CS}`,
  // the comparison in a macro, with && at the top level
  `[true].all(x, x) && [${CS}].exists(x, x == false)`, `true && [${CS}].exists(x, !x) && true`, `true && ![${CS}].all(x, x) && true`,
  // strings, comments and raw strings that hide or fake the text
  `"a" != " && ${CS} && "`, `'x' + " && ${CS} && " == 'y'`, `true // && ${CS}`, `true /* && ${CS} */`,
  `'''\n && ${CS} && \n''' != ''`, `r'\\' && ${CS} && '\\'`, `"\\" && ${CS} && \\""`, `'\\'' != '' && ${CS}`,
  `"'" == "'" && ${CS}`, `'"' == '"' && ${CS} && "'" != "\\""`,
  // unicode, white space the lexer may or may not read
  `body.s != 'é' && ${CS}`, `true\u00a0&& ${CS}`, `true &&\u2028${CS}`, `true &&\v${CS}`, `true\t&&\r\n${CS}\f`,
  `${CS} && 'ß'.upperAscii() == 'ß'`, `${CS} && body.s.matches('^[a-z]+$')`, `${CS} && 'é' < 'f'`,
  // string functions (ext.Strings, Triggers' own)
  `${CS} && body.s.lowerAscii().contains('a')`, `${CS} && 'a,b'.split(',').size() == 2`, `${CS} && body.action.translate('[a-z]', '') == ''`,
  'header.canonical(\'X-Token\').truncate(3).compareSecret(\'token\', \'webhook\')', 'header.canonical(\'X-Token\').compareSecret(\'token\', \'webhook\').size()',
  `${CS} && header.match('X-Github-Event', 'push')`, `${CS} && body.marshalJSON().size() > 0`, `${CS} && 'a'.parseJSON() == {}`,
  `${CS} && body.s.parseYAML() != {}`, `${CS} && requestURL.parseURL().host != ''`, `${CS} && [1,2].last() == 2`, `${CS} && math.greatest(1, 2) == 2`,
  `${CS} && sets.contains([1,2],[1])`, `${CS} && base64.encode(b'a') == 'YQ=='`, `${CS} && lists.range(2).size() == 2`,
  // the comparison on other receivers, with empty or odd arguments
  'body.token.compareSecret(\'token\', \'webhook\')', '\'abc\'.compareSecret(\'token\', \'webhook\')', 'header.canonical(\'X-Token\').compareSecret(\'\', \'webhook\')',
  'header.canonical(\'\').compareSecret(\'token\', \'webhook\')', 'extensions.token.compareSecret(\'token\', \'webhook\')',
  'header.canonical(\'X-Token\').compareSecret(\'token\', \'webhook\', \'\')', 'header.canonical(\'X-Token\').compareSecret(body.s, body.s)',
  'header[\'X-Token\'][0].compareSecret(\'token\', \'webhook\')', '.header.canonical(\'X-Token\').compareSecret(\'token\', \'webhook\')',
  // shadowing header by a macro or bind variable
  '[{\'X-Token\': [\'abc\']}].all(header, header.canonical(\'X-Token\').compareSecret(\'token\', \'webhook\')) || true',
  'cel.bind(header, {\'X-Token\': [\'abc\']}, header.canonical(\'X-Token\').compareSecret(\'token\', \'webhook\'))',
  `[1].all(header, true) && ${CS}`,
  // parse and size tricks, types that are not bool
  `${CS} &&`, `&& ${CS}`, `${CS} && && true`, `(${CS}`, `${CS})`, `${CS} && 1`, `1 && ${CS}`, `${CS} && 'true'`, `${CS} && null`,
  `${CS} && body.a`, `${CS} && body`, `${CS} && extensions.ok`, `${CS}${' '.repeat(4000)}&& true`, `${CS} && ${'true && '.repeat(550)}true`,
  `${CS} && ${'('.repeat(30)}true${')'.repeat(30)}`, `${CS} && ${'!'.repeat(101)}false`, `${'-'.repeat(3)}1 < 0 && ${CS}`,
  `${CS} && [${'1,'.repeat(1000)}1].size() > 0`, `${CS} && '${'x'.repeat(4030)}' != ''`,
  // optional syntax, backticks
  `${CS} && body.?a.orValue(true)`, `${CS} && body.\`a\``, `has(body.?a) && ${CS}`,
  // operands that are not bools at run time (dyn), beside the comparison
  `dyn(1) && ${CS}`, `${CS} && dyn('x')`, `dyn(body.ok) && ${CS}`, `${CS} && dyn(body.a)`, `dyn(null) && ${CS} && dyn([])`,
];
