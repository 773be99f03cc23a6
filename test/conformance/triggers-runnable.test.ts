/**
 * TRIGGERS_RUNNABLE against Tekton Triggers' own code (github.com/tektoncd/triggers v0.37.0):
 *
 * - conformance/triggers/cmd/triggers-admit: Triggers' admission webhooks (knative's decoding,
 *   SetDefaults, Validate) and the sink's ExecuteInterceptors. Each interceptor entry the rule
 *   reports (null, not an object, naming no interceptor) is one the webhooks refuse in a Trigger and
 *   an EventListener's trigger, and one the sink panics or errs on in a trigger group, which the
 *   webhooks admit; the entries it passes are admitted and run.
 * - conformance/triggers/cmd/triggers-cel: the cel interceptor. Each filter the rule reports as one
 *   CEL cannot parse is one the interceptor refuses with "failed to parse expression", on
 *   hand-written filters and generated ones (fast-check, seed printed; PROPERTY_SEED and
 *   PROPERTY_RUNS change them). Each reported as one CEL's type check refuses (operands of the wrong
 *   types) is one the interceptor refuses with "check failed", each filter reported as never true is
 *   one it answers "did not return true", on hand-written and generated expressions (typed trees of
 *   literals, names, operators, lists, maps, and Triggers' functions and those of the extensions it
 *   registers, most of them ill-typed); each filter or overlays param reported as of the wrong JSON
 *   type is one it answers "failed to parse interceptor params"; each overlay reported for its key or
 *   value is one it answers "failed to sjson for key ''" or "failed to convert overlay result to type".
 *   And each v1alpha1 `cel:` field reported as undecodable is one Triggers' webhooks refuse when
 *   decoding the object (triggers-admit).
 */
import * as fc from 'fast-check';
import { TRIGGERS_RUNNABLE } from '../../src/policy/rules/triggers-runnable';
import { describeWithTriggersAdmit, triggersAdmission } from '../helpers/triggers-admit';
import { describeWithTriggersCel, triggersInterceptors } from '../helpers/triggers-cel';
import { ADVERSARIAL_FILTERS, CS } from '../helpers/triggers-filters';

const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

const GITHUB = { ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] };
const V1BETA1 = 'triggers.tekton.dev/v1beta1';
const trigger = (interceptors: unknown[], apiVersion = V1BETA1) => ({
  apiVersion, kind: 'Trigger', metadata: { name: 'push', namespace: 'ci' }, spec: { interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});
const inline = (interceptors: unknown[], apiVersion = V1BETA1) => ({
  apiVersion,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: { serviceAccountName: 'listener', triggers: [{ name: 'push', interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } }] },
});
const group = (interceptors: unknown[]) => ({
  apiVersion: V1BETA1,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: { serviceAccountName: 'listener', triggerGroups: [{ name: 'push', interceptors, triggerSelector: { namespaceSelector: { matchNames: ['ci'] } } }] },
});

/** Entries the rule reports, and entries it passes, each placed before and after the github interceptor. */
const REPORTED: unknown[] = [null, 'github', 7, [GITHUB], true, {}, { params: [] }, { ref: { name: '' } }, { ref: null, webhook: null }, { ref: { kind: 'ClusterInterceptor' } }];
const PASSED: unknown[] = [GITHUB, { ref: { name: 'cel' }, params: [{ name: 'filter', value: 'true' }] }, { ref: { name: 'custom', kind: 'NamespacedInterceptor' } },
  { webhook: { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } } }];

describeWithTriggersAdmit("TRIGGERS_RUNNABLE against Triggers' own webhooks and sink", () => {
  test('a null entry: the webhooks refuse a Trigger (its defaulting panics) and an inline trigger; a trigger group is admitted and crashes the sink', () => {
    const [t, l, g, g2, t1, l1] = triggersAdmission([trigger([null]), inline([null]), group([null]), group([{ ref: { name: 'cel' } }, null]),
      trigger([null], 'triggers.tekton.dev/v1alpha1'), inline([null], 'triggers.tekton.dev/v1alpha1')]);
    const NIL = 'runtime error: invalid memory address or nil pointer dereference';
    expect(t).toEqual({ admitted: false, stage: 'defaults', panic: NIL, chains: [{ at: 'spec.interceptors', panic: NIL }] });
    expect(l).toEqual({
      admitted: false,
      stage: 'validate',
      error: "invalid value: interceptor '<nil>' must be a valid value: spec.triggers[0].interceptors[0]",
      chains: [{ at: 'spec.triggers[0].interceptors', panic: NIL }],
    });
    // after an interceptor that lets the event through too
    expect(g).toEqual({ admitted: true, chains: [{ at: 'spec.triggerGroups[0].interceptors', panic: NIL }] });
    expect(g2).toEqual({ admitted: true, chains: [{ at: 'spec.triggerGroups[0].interceptors', panic: NIL }] });
    expect(t1).toMatchObject({ admitted: false, stage: 'defaults', panic: NIL });
    expect(l1).toMatchObject({ admitted: false, stage: 'validate', error: "invalid value: interceptor '<nil>' must be a valid value: spec.triggers[0].interceptors[0]" });
    for (const obj of [trigger([null]), inline([null]), group([null])]) expect(TRIGGERS_RUNNABLE.check(obj)).toHaveLength(1);
  });

  test('every entry the rule reports is refused by the webhooks, or stops or crashes the sink in a trigger group; every entry it passes is admitted and run', () => {
    const objects = [...REPORTED, ...PASSED].flatMap((e) => [[e, GITHUB], [GITHUB, e]].flatMap((is) => [trigger(is), inline(is), group(is)]));
    const answers = triggersAdmission(objects);
    const seen = objects.map((obj, i) => {
      const reported = TRIGGERS_RUNNABLE.check(obj).length > 0;
      const a = answers[i];
      const runs = a.admitted && (a.chains ?? []).every((c) => c.continue === true);
      return { obj: JSON.stringify(obj), reported, admitted: a.admitted, runs };
    });
    // reported exactly when Triggers refuses the object or its sink cannot run a chain
    expect(seen.filter((s) => s.reported === s.runs)).toEqual([]);
    // in a trigger group, the webhooks admit what the sink cannot run: null and unnamed entries
    expect(seen.filter((s) => s.reported && s.admitted).length).toBeGreaterThanOrEqual(2 * 6);
  });

  test("v1alpha1's cel: field: reported as undecodable exactly when the webhooks refuse the object when decoding it", () => {
    const CELS: unknown[] = [{ filter: 1 }, { filter: true }, { filter: ['x'] }, { filter: null }, { filter: 'true' }, { Filter: 1, filter: 'true' }, { filter: 'true', FILTER: {} },
      { overlays: {} }, { overlays: 'x' }, { overlays: null }, { overlays: [1] }, { overlays: [null] }, { overlays: [[]] }, { overlays: [{ key: 1, expression: '1' }] },
      { overlays: [{ key: 'k', expression: 1 }] }, { overlays: [{ key: 'k', expression: '1', Key: null }] }, { overlays: [{ key: 'k', expression: '1', x: 1 }] },
      { filter: 'true', filtr: 'x' }, { Overlays: [{ KEY: 'k', Expression: '1' }] }, 1, 'x', [], true, {}, { filter: '1 &&' }];
    const objects = CELS.flatMap((c) => [trigger([{ cel: c }], 'triggers.tekton.dev/v1alpha1'), inline([{ cel: c }], 'triggers.tekton.dev/v1alpha1')]);
    const answers = triggersAdmission(objects);
    const seen = objects.map((obj, i) => {
      const problems = TRIGGERS_RUNNABLE.check(obj);
      const decodeRefused = answers[i].admitted === false && answers[i].stage === 'decode';
      return { obj: JSON.stringify(obj.spec), reported: problems.some((p) => p.problem.startsWith('cannot be decoded')), decodeRefused, error: answers[i].error };
    });
    expect(seen.filter((s) => s.reported !== s.decodeRefused)).toEqual([]);
    // the rule quotes the error the webhooks answer, the path of the field cut
    const message = (i: number) => TRIGGERS_RUNNABLE.check(objects[i]).find((p) => p.problem.startsWith('cannot be decoded'))?.problem ?? '';
    const cut = (error: string) => error.replace(/Go struct field (\w+)\.[\w.]*\.(\w+) of type/, 'Go struct field $1…$2 of type');
    expect(seen.flatMap((s, i) => (s.decodeRefused && !message(i).includes(`"${cut(s.error!)}"`) ? [[message(i), s.error]] : []))).toEqual([]);
    expect(seen.filter((s) => s.decodeRefused).length).toBeGreaterThan(20);
  });
});

/** Filters Triggers' cel interceptor cannot parse, written by hand (the optional syntax, which its environment does not enable, too). */
const UNPARSED = [
  // has() of anything but a field's selection (cel-go's parser expands the macro and refuses it)
  'has(1)', 'has(body)', "has(body['a'])", '[1].exists(x, has(x))', 'has(.a)', 'has(body.a + 1)', 'has(-body.a)', 'has(!body.a)',
  'has(body.a ? body.b : body.c)', 'has(body.a.b())', 'has((body.a) + 1)',
  // a literal where a macro binds a name
  '[1].all(1, true)', "[1].map('a', 1) == []", '[1].filter([x], true) == []',
  // a trailing comma after a call's arguments; commas with no element between them
  'size([1],) == 1', "body.a.startsWith('x',)", '[,,] == []', '{1: 2,,} == {}',
  // math.greatest's and math.least's arguments their macros refuse (ext/math.go)
  'math.greatest([]) == 1', 'math.greatest(true)', 'math.greatest(1, [2]) == 1', 'math.least()', "math.least(1, 'a') == 1", "math.greatest(--'a') == 1",
  "math.greatest(('a'), 1) == 1", 'math.least(1, {}) == 1', "math.greatest(1, 2, b'a') == 1", 'math.least(null)', 'math.greatest([[1]]) == 1', "math.least([1, 'a']) == 1",
  // sortBy of a literal that is no list (ext/lists.go)
  '(1).sortBy(z, z) == []', "{'a': 1}.sortBy(z, z) == []", "b'a'.sortBy(z, z) == []", 'null.sortBy(z, z) == []',
  `${CS} &&`, `&& ${CS}`, `${CS} && && true`, `${CS} &`, `${CS} & true`, `(${CS}`, `${CS})`, `${CS} &&\n`, `${CS} && (body.a || )`,
  `body.a = 'x' && ${CS}`, `${CS} && body.a ? true`, `${CS} && 'open`, `${CS} && [1, 2`, `${CS} && f(,)`, `${CS} && body..a`, `${CS} && body.a b`,
  "header.match('X-GitHub-Event', 'push') &&", '#', ' ', `${CS} && body.?a.orValue(true)`, `has(body.?a) && ${CS}`, "body[?'a'].hasValue()",
  '[?body.a].size() == 0', "{?'a': body.b}.size() == 0",
];
/** Filters whose type check fails on a name Triggers' CEL environment does not declare, written by hand. */
const UNDECLARED = [
  "payload.action == 'opened'", `${CS} && has(foo.a)`, '[1].exists(x, x == 1) && x == 1', '.event.a == 1', 'dyn(1) == 1 && dyn == 1', 'optional == null',
  'timestamp == 1', "Foo == 'x'", '[1].all(x, y > 0)', "{'a': b}.size() == 1", '__result__', 'cel.bind(x, 1, x == 1)', '[1].transformList(i, v, v) == [1]',
];
/** Filters whose type check fails on operands of the wrong types, written by hand. */
const MISTYPED = ["'a' + 1 == 'a1'", 'requestURL == 1', '1 && true', '1 == 1u', 'size(1) == 1', "body.a || 'x'", '!1', '-1u == 1u', "-'a' == 1", "1 in 'abc'",
  '1 < 1.0', 'int == 1', "1 < 1.0 || [1].all(x, 'a' < 1)", '[1].all(x, 1 == 1.0)', 'null == 1', "true ? 1 : 'a'", '1 ? true : false', '1 % 1.0', '2.0 % 1.0', "b'a' + 'a' == b'aa'", "size('a') + 'x' == 1",
  "int('1') + 'a' == 1", '[1].map(x, x) + 1 == [1]', 'has(body.a) + 1 == 2', '[1].all(x, x > 0) || 1', "type(1) == 'int'", 'string(1) == 1', '[1] == 1',
  "{'a': 1} == 'a'", 'body == 1', "'a' < b'a'", 'true < 1', "requestURL.size() == 'x'", '!!1 == 1 && !2',
  // a timestamp's or a duration's call beside a value of a known type of another
  'timestamp(body.a) < 1 || true', 'timestamp(0) < 1 || true', '1 < timestamp(body.t)', "timestamp(body.t) == 'x'", 'duration(body.d) > 1.0', 'timestamp(body.t) < [1]',
  'timestamp(body.t) * body.a == 1', 'timestamp(body.t) + 1 == body.a', '(timestamp(body.t)) < 1', 'timestamp(body.t) != true', 'timestamp(body.t) < duration(body.d)',
  "duration('1s') + 1 == body.a", "timestamp(body.t) - 'a' == body.a", 'timestamp(body.t) + timestamp(body.u) == body.a', 'duration(body.d) - timestamp(body.t) == body.a',
  "duration(body.d) % duration('1s') == body.a || true"];
/** Filters whose type check fails through the result or the arguments of a function of Triggers' or of the extensions it registers, or on lists and maps of elements of different types. */
const FUNCTION_MISTYPED = ["'a'.split('a') + 1 == 1", "body.a.parseJSON() == 'x'", 'body.a.parseYAML() == 1', 'body.a.parseURL() == 1', "header.canonical('X') + 1 == 1",
  "'a'.truncate(1) == 1", "body.a.compareSecret('k', 's') + 1 == 1", 'body.marshalJSON() == 1', "'a'.translate('b', 'c') == 1", "header.match('a', 'b') == 'x'",
  "'a'.indexOf('a') == 'x'", "'a'.lowerAscii() == 1", "'a'.replace('a', 'b', 1) == 1", "'a'.substring(0) == 1", "'%s'.format([1]) == 1", "['a'].join(',') == 1",
  "'a'.reverse() == 1", "base64.decode('YQ==') == 'a'", "base64.encode(b'a') == b'a'", 'json.encode(1) == 1', "strings.quote('a') == 1", 'sets.contains([1], [1]) == 1',
  "lists.range(3) == ['a']", 'math.ceil(1.5) == 1', 'math.abs(1u) == 1', 'math.isNaN(1.0) + 1 == 1', 'math.bitShiftLeft(1u, 1) == 1', 'math.sqrt(4) == 2',
  "'a'.contains('a') == 'a'", "matches('a', 'a') == 1", "[1].sortBy(x, x) == ['a']", "[1].slice(0, 1) == ['a']", "[1].reverse() == ['a']", "[1].distinct() == ['a']",
  "{'a': 1}.a == 'x'", "[1][0] == 'a'", "{'a': 1}['a'] == 'x'", "[1] == ['a']", "[1] + ['a'] == [1]", "1 in ['a']", "'a' in {1: 2}", "(true ? [1] : ['a']) == [1]",
  "{'a': 1} == {1: 1}", "{'a': 1} == {'a': 'b'}", 'body == {1: 1}', "[[1]] == [['a']]", '[1] == [1u]', '[1] == [1.0] && [1].all(x, true)', "[1].join() == ''",
  "'a'.split(1) == ['a']", "body.a.split(1) == ['a']", "'a'.split() == ['a']", "body.split('a') == ['a']", "base64.decode(1) == b'a'", "{1: 2}.marshalJSON() == ''",
  "'a'.truncate(1u) == 'a'", "1.split('a') == ['a']", "null.split('a') == []", "'a'.split(null) == []", 'null.marshalJSON() == 1',
  'base64.encode(null) == 1', "[null].join() == ''", "matches(1, 'a')", "'a'.contains(1)", "header.match('a', 1)", "'a'.format('x') == ''", 'sets.contains(1, [1])',
  'math.bitShiftLeft(1, 1u) == 1', 'json.encode(1, 2) == 1', "'a'.reverse(1) == 'a'", '[1].first(1) == 1', '[null] == [1] || true', '1 in [null] || true',
  '[1] == [null] || true', '[[1]] == [1] || true', "{'a': null} == {'a': 1} || true", 'null in [1] || true', 'body == null || true', 'null == type(1) || true',
  '[] == null || true', 'int == [1] || true', 'int == {} || true', '(true ? 1 : null) == 1', '(true ? {} : []) == []', "'a' in {null: 1} || true", '[1] in [1] || true', "math.abs('a') == 1"];
/** Filters over the functions and the lists and maps that the typing reads as compiling, written by hand. */
const FUNCTION_COMPILED = ["[1, 'a'] == [1, 'a'] || true", "[1, 'a'] + ['b'] == ['b'] || true", 'body.a.reverse() == 1 || true', "[1].first() == 'a' || true",
  "'a-b'.split('-').join('+') == 'a+b'", 'body.a.parseJSON().b == 1 || true', "{'a': 1, 'b': 'c'}.a == 'x' || true", 'lists.range(2).map(i, i * 2) == [0, 2]',
  'math.greatest(1, 2) == 2 && math.abs(-1) == 1 && math.sqrt(4u) == 2.0', "header.match('X', 'y') || 'a'.compareSecret('k', 's') || true", "[] == ['a'] && {} == {1: 2} || true",
  "[1, null] == ['a'] || true", "[[1], ['a']] == [[1]] || true", "body.a.split(',').size() > 0 || true", "'%s-%d'.format(['a', 1]) == 'a-1'",
  '[3, 1].sortBy(x, x)[0] == 1', '[int] == [string] || true', '[null] == [] || true', '[[]] == [[1]] || true', '[null, 1] == [1] || true',
  '[[1], [1u]] == [[1]] || true', 'null in [null] || true', '[1] in [[1]] || true', 'body.a == null || header.b == null || true', "json.encode(null) == 'null'", "[null].marshalJSON() == '[null]'", "{'a': [1]}.a[0] + 1 == 2", "base64.decode(base64.encode(b'a')) == b'a'", "dyn([1]) == ['a'] || true"];
/** Filters that compile but are never true: their value is always of another type than bool. */
const NEVER_TRUE = ["'a'.split('a')", 'body.a.parseJSON()', "base64.decode('YQ==')", 'math.abs(-1)', 'lists.range(2)', "'x'", '1', '1.0', '1u', "b'x'", 'null', '[true]', "{'a': true}", 'int', 'requestURL', "requestURL + 'x'", 'size(body)', '[1].map(x, x == 1)',
  '-1', "true ? 'a' : 'b'", 'body', '1 + 2 * 3', 'body.a ? [body.b] : [body.c]'];
/** Filters whose type check fails where the rule does not look (its limits): timestamps' and durations' types. */
const UNCHECKED_NOT_REPORTED = ['size(timestamp(0)) == 1 || true', "duration('1s').size() == 1 || true", "timestamp(body.a) - duration('1s') < 1 || true",
  'timestamp(body.a) in [1] || true'];
/**
 * Filters the type check refuses through a function Triggers does not declare or one called otherwise than declared (a method as a function),
 * the variable a macro binds (of its range's element type), a function's type parameters, an ordering of a list, a map, a type or null, a
 * macro over what is no list or map, or a predicate that is no bool, written by hand.
 */
const DECLARATIONS_MISTYPED = ["body.h.decodeb64() == 'hi'", "decodeb64(body.h) == b'hi'", "compareSecret(header.canonical('X-Token'), 'token', 'hook')",
  "compareSecret('a', 'b', 'c', 'd')", "'a'.compareSecret('a')", 'optional.none() == null', 'undeclared(body)', "'a'.size(1) == 1", "'1'.int() == 1", 'int(true) == 1',
  "'a'.getFullYear() == 1", '[1, 2].exists(x, x == 1.0)', "{'a': 1}.exists(k, k == 1)", "[[1]].exists(x, x == ['a'])", "[1].map(x, 'a').exists(y, y == 1)",
  "[1].map(x, x) == ['a']", "[1].filter(x, true) == ['a']", '[1].all(x, [x].exists(y, y == 1u))', 'sets.intersects([1], [1.0])', 'sets.contains([1], [[1]])',
  "sets.equivalent([1], ['a'])", '[1].flatten() == []', "[1].reverse() == ['a']", "[1].slice(0, 1) == ['a']", "[1].distinct() == ['a']", "['a'].sort() == [1]",
  'body.c.size() + 1u == 3u', 'null.size() == 1', 'size(null) == 1', 'size(int) == 1', "'a'.size() + 1.0 == 2.0", '[1] < [2]', '[1] < [1] || true', 'null < 1',
  'null < true', '[1] < body.a', 'body.a < {}', 'int < body.a', 'null * body.a == 1', '{} + body.a == 1', "'a' - body.a == 1", 'true + body.a == 1', '1 in null',
  '1.all(x, x)', "'a'.exists(x, true)", '[1].all(x, x)', '[{}].sort() == [] || true', '[1].sortBy(x, x).exists(y, y == 1.0)', '[1].filter(x, x) == []', '[1].exists_one(x, 1)', '[1].map(x, x, 1) == []',
  // a field selected on what is no map (a macro's variable shadowing a declared one too), an index of a known list or map by what it does not take
  'requestURL.a == 1', '[1].exists(body, body.a == 1)', '[1].exists(x, x.y == 1)', '[1].exists(header, header.a == 1)', "['a'].exists(requestURL, requestURL.a == 1)",
  '[1].exists(extensions, extensions.a == 1)', 'has(requestURL.a)', 'null.a == 1', '[1].a == 1', 'type(1).a == 1', "{'a': 1}.exists(k, k.b == 1)", "true || 'a'.b",
  '[1].sortBy(x, x.a) == []', '[1].exists_one(body, body.a == 1)', '[1].map(x, x > 0, x.a) == []', '[1].exists(body, has(body.a))',
  "{'a': 1}.exists(body, body.a == 1)", '[[1]].exists(x, x.a == 1)',
  // math.greatest and math.least (ext/math.go: math.@max, math.@min), the keys sortBy sorts by (ext/lists.go @sortByAssociatedKeys)
  "math.greatest(1, 2) == 'x' || true", '[1].sortBy(x, [x]) == []', 'math.greatest(1, 2).a == 1 || true', 'body.l.sortBy(x, [x]) == []', '[1].sortBy(x, type(x)) == []',
  "[1].sortBy(x, {'a': x}) == []", 'math.greatest(requestURL) == 1', 'math.greatest(requestURL, 2) == 1', 'math.least(1.0, 2.0) == 1', "math.greatest([1, 2]) == 'x'",
  'math.least(1u, 2u, 3u) == 1', "math.greatest(size(body), 2) == 'x'", "math.greatest(-(1), 1) == 'x'", "math.least(-1, 2) == 'x'", "math.greatest((1), 2) == 'x'",
  "math.greatest('a'.split(','), 2) == 1", 'math.greatest([requestURL]) == 1 || true', 'body.sortBy(z, z) == []', "{'a': [1]}['a'].sortBy(z, {}) == []",
  '(1 + 1).sortBy(z, z) == [] || true', "{'a': 1}[duration('1s')] == 1 || true", '[1][timestamp(0)] == 1 || true', 'math.greatest(requestURL, requestURL, requestURL) == 1',
  "body[b'a'] == 1", "'a'[0] == 'a'", 'true[body.a] == 1', 'null[0] == 1', 'int[0] == 1', "1u[b'a'] == 1", '[1][1u] == 1', "[1]['a'] == 1", "{'a': 1}[null] == 1", "{1: 'a'}[1u] == 'a'", "{'a': body.a}[int] == 1", "[1, body.a][b'a'] == 1"];
/** Filters and overlays that convert a constant cel-go's optimizer fails on when it plans the program (no program is made), written by hand. */
const UNPLANNED = ["true || int('abc') == 1", 'int(null) == 1 || true', "string(null) == '' || true", 'timestamp(null) == timestamp(0) || true',
  "duration(null) == duration('1s') || true", "int(' 1') == 1 || true", "int('1.0') == 1 || true", "uint('+1') == 1u || true", "uint('-1') == 1u || true",
  "bool('yes') || true", "bool('') || true", "int('''a''') == 1 || true", "[1].all(x, int('x') == x) || true", 'int(9.3e18) == 1 || true',
  'int(9223372036854775808u) == 1 || true', 'int(0xFFFFFFFFFFFFFFFFu) == 1 || true', 'uint(1.9e19) == 1u || true', 'uint(-1) == 1u || true', 'uint(-0.5) == 1u || true',
  'int(-9.3e18) == 1 || true', 'uint(- 1) == 1u || true', 'int(1e20) == 1 || true', 'uint(-0x1) == 1u || true', 'int(9223372036854775807.0) == 1 || true',
  // through dyn(…), which the optimizer folds first; bytes that are not UTF-8 converted to a string
  "int(dyn('a')) == 1 || true", "string(b'\\xff') == 'a'", "string(b'\\377') == 'a' || true", "string(dyn(b'\\xff')) == 'a'", "string(b'\\xed\\xa0\\x80') == 'a'",
  "string(b'\\xc0\\x80') == 'a'", "string(b'a\\xc3') == 'a'",
  // an index by a constant the planner makes no qualifier of
  // timestamps, durations and doubles of strings Go's parsers refuse, timestamps out of range, conversions of negative numbers through dyn(…)
  "double('x') == 1.0 || true", "timestamp('x') == timestamp(0) || true", "duration('x') == duration('1s') || true", "int('99999999999999999999') == 1 || true",
  "int('-9223372036854775809') == 1 || true", "uint('18446744073709551616') == 1u || true", "double('1e400') == 1.0 || true", "double(' 1') == 1.0 || true",
  "double('0x10') == 1.0 || true", "double('') == 1.0 || true", "double('nan1') == 1.0 || true", "double('-nan') == 1.0 || true",
  'timestamp(253402300800) == timestamp(0) || true', 'timestamp(-62135596801) == timestamp(0) || true',
  "timestamp('2020-02-30T00:00:00Z') == timestamp(0) || true", "timestamp('2020-01-01T00:00:60Z') == timestamp(0) || true",
  "timestamp('0000-12-31T23:59:59Z') == timestamp(0) || true", "timestamp('2020-01-01T00:00:00+24:00') == timestamp(0) || true",
  "timestamp('2020-01-01t00:00:00z') > timestamp(0) || true", "timestamp('2020-01-01') == timestamp(0) || true", "timestamp('9999-12-31T23:59:59-00:01') > timestamp(0) || true",
  "duration('1d') == duration('1s') || true", "duration('') == duration('1s') || true", "duration('.s') == duration('0') || true", "duration('1') == duration('1s') || true",
  "duration('9.3e18ns') == duration('0') || true", "duration('2562048h') == duration('0') || true",
  "duration('9223372036854775808ns') == duration('0') || true", "duration('1.0h9223372036854775807ns') == duration('0') || true", 'uint(dyn(-1)) == 1u || true', 'int(dyn(1.5e20)) == 1 || true',
  "{b'a': timestamp('x')} == {} || true", "body.a[timestamp('x')] == 1 || true",
  "timestamp('0001-01-01T00:00:00+00:01') > timestamp(0) || true", "timestamp('2100-02-29T00:00:00Z') > timestamp(0) || true", "duration('1h-1m') > duration('0') || true",
  "duration('+-1s') > duration('0') || true", "duration('1e3s') > duration('0') || true", "duration('\u00b5s') > duration('0') || true", "duration('00') == duration('0') || true",
  "double('1e') == 1.0 || true", "double('infinit') > 1.0 || true", "double('+nan') > 1.0 || true",
  "{b'a': body.a}[b'a'] == 1", "body.a[b'a'] == 1", "true || dyn(body)[b'a'] == 1", 'body.a[null] == 1', 'body.a[[1]] == 1', 'body.a[{}] == 1', 'body.a[int] == 1',
  "body.a[bytes('a')] == 1", "[body.a][dyn(b'a')] == 1", "[1][dyn(b'a')] == 1", 'body.a[type(1)] == 1', "body.a[(b'a')] == 1", "body.a[['a']] == 1",
  "body.a[duration('1s')] == 1 || true", 'body.a[timestamp(0)] == 1 || true', 'body.a[timestamp(-1)] == 1 || true', "body.a[dyn(duration('1h'))] == 1 || true", "[body.a][dyn(duration('1s'))] == 1"];
/** Conversions of constants cel-go makes, or of what is no constant, written by hand. */
const PLANNED = ["int('+1') == 1", "int('-12') == -12", "uint('7') == 7u", "bool('T') && bool('1') && !bool('False')", "int(r'1') == 1", "int('''1''') == 1",
  "int('\\x31') == 1", 'true || int(body.a) == 1', 'dyn(null) == null', 'int(9.2e18) == 1 || true', 'int(9223372036854775807u) == 1 || true',
  'uint(1.8e19) == 1u || true', 'uint(-0) == 0u || true', 'uint(-0.0) == 0u || true', 'int(-9.2e18) == 1 || true', 'int(.5) == 0', 'uint(--1) == 1u',
  "string(b'\\xc3\\xa9') == 'é'", "string(b'é') == 'é'", "string(bytes('\\xff')) == 'ÿ'", "string(b'\\xf0\\x9f\\x98\\x80') == 'x' || true",
  "string(b'\\x41\\101') == 'AA'", 'body.a[dyn(1)] == 1 || true', 'body.a[-1] == 1 || true', 'body.a[1.0] == 1 || true', 'body.a[true] == 1 || true',
  '[1].exists(int, body.a[int] == 1) || true', "[{'a': 1}].exists(x, x.a == 1)",
  "double('inf') == 1.0 || true", "timestamp('2020-01-01T00:00:00.1234567891Z') > timestamp(0)", "timestamp('2020-01-01T00:00:00+23:59') > timestamp(0)",
  "timestamp('2000-02-29T00:00:00Z') > timestamp(0)", "duration('.5s') > duration('0')", "duration('1ns1ns') > duration('0')", "duration('-0') == duration('0')",
  "double('+inf') > 1.0", "double('Inf') > 1.0", "double('0x1.8p1') == 3.0", "double('1_000.5') == 1000.5", 'timestamp(0x10) > timestamp(0)', 'uint(dyn(-0)) == 0u', "double('1_0') == 10.0", "double('-Infinity') < 0.0", "double('NaN') != 1.0", "double('.5') == 0.5", "double('1e-400') == 0.0",
  "double('0x1p-2') == 0.25", "double('+.5e1') == 5.0", "double('1.') == 1.0", "timestamp('9999-12-31T23:59:59Z') > timestamp(0)",
  "timestamp('2020-02-29T00:00:00Z') > timestamp(0)", 'timestamp(-62135596800) < timestamp(0)', 'timestamp(253402300799) > timestamp(0)',
  "timestamp('2020-01-01T00:00:00.123+01:00') > timestamp(0)", "timestamp('0001-01-01T00:00:00-01:00') > timestamp(0) || true",
  "duration('1h2m3.5s') > duration('0')", "duration('-1.5\u00b5s') < duration('0')", "duration('2562047h') > duration('0')", "duration('-9223372036854775808ns') < duration('0')",
  "duration('9223372036854775807ns') > duration('0')", "duration('2562047h47m16.854775807s') > duration('0')", "duration('+0') == duration('0')",
  "duration('1.s') == duration('1s')", "duration('1us2ns') > duration('0')", 'uint(dyn(1.5)) == 1u', 'int(dyn(-1)) == -1', 'uint(dyn(--1)) == 1u', "b'a' in [b'a', b'b']", "[b'a', b'a'].distinct().size() == 1", "int(dyn('1')) == 1", "string(dyn(b'a')) == 'a'"];
/**
 * Maps with a bytes key that cel-go's optimizer builds when it plans the program (a literal, a list or map of constants, a conversion of a
 * constant, dyn(…) too, a negative number, parentheses, a type's name), on which it panics, written by hand.
 */
const PANICKING = ["{b'a': dyn(1)}.size() == 1", "{b'a': 1}.size() == 1 || true", "{b'a': -1}.size() == 1", "{b'a': --1}.size() == 1", "{b'a': - 1.0}.size() == 1",
  "{b'a': (1)} == {}", "{(b'a'): 1} == {}", "{b'a': int('1')}.size() == 1", "{bytes('a'): 1}.size() == 1", "{dyn(b'a'): 1}.size() == 1", "{b'a': type(1)}.size() == 1",
  "{b'a': int}.size() == 1", "{b'a': timestamp(0)}.size() == 1 || true", "{b'a': duration('1s')}.size() == 1 || true",
  "{b'a': timestamp('2020-01-01T00:00:00Z')} == {} || true", "{b'a': timestamp(-1)}.size() == 1", "{b'a': dyn(duration('-1.5h'))}.size() == 1", "{'x': {b'a': dyn(1)}}.size() == 1", "[{b'a': dyn(1)}].size() == 1", "{b'a': [dyn(1)]}.size() == 1", "{b'a': dyn([1])}.size() == 1",
  "true || {b'a': dyn(1)}.size() == 1", "{b'a': 1, 'b': 2}.size() == 2", "{b'': 1}.size() == 1", "b'a' in {b'a': 1}", "json.encode({b'a': dyn(1)}) == ''", "{b'a': dyn(int('1'))}.size() == 1", "{b'a': string(1u)}.size() == 1", "{b'a': double(dyn(1))}.size() == 1"];
/** Maps with a bytes key cel-go builds on the event (an entry that is no constant), or none, written by hand. */
const UNBUILT = ["{b'a': body.a}.size() == 1 || true", "{b'a': -(1)}.size() == 1 || true", "{b'a': 1 + 1}.size() == 1 || true", "{b'a': ---1}.size() == 1 || true",
  "{b'a': !true}.size() == 1 || true", "{dyn(b'a'): body.a}.size() == 1 || true", "{'a': dyn(1)}.size() == 1", "{string(b'a'): 1}.size() == 1"];
/**
 * What cel-go's planner fails on that the rule does not follow (its limits): a double of a string with underscores, a duration near the bounds of
 * an int64's nanoseconds written with a fraction.
 */
const UNPLANNED_NOT_REPORTED = ["double('1_x') == 1.0 || true", "duration('2562048.5h') == duration('0') || true"];
/** Filters over the declarations the typing reads as compiling, written by hand. */
const DECLARATIONS_COMPILED = ["base64.decode(body.h) == b'hi'", "header.canonical('X-Token').compareSecret('token', 'hook') || true", '[1, 2].exists(x, x == 1)',
  '[1, 2].exists(x, x < 1.0)', '[1].all(x, 1 < 1.0) || true', 'sets.intersects([1], [1])', 'sets.contains([1], [1, 2.0]) || true', 'int(size(body)) + 1 == 1 || true',
  'null < null || true', 'null + body.a == 1 || true', 'body.l.exists(x, x == 1.0) || true', "body.exists(k, k == 'a') || true", '[[1]].flatten() == [1]',
  '[null].sort() == [] || true', 'math.greatest([body.a, -(2), (1)]) == 1 || true', 'body.a.sortBy(z, z) + 1 == 1 || true',
  '[].sortBy(z, z) == []', "math.greatest(1, 2.0) == 'x' || true", "math.greatest(dyn(1), 2) == 'x' || true", "math.greatest([1, 2.0]) == 'x' || true",
  "math.greatest(1, 2.0, 3) == 'x' || true", "math.least(body.a, 2) == 'x' || true", '[1].sortBy(x, null) == [] || true', 'math.greatest(1u, 2) == 1 || true',
  'math.greatest(1, 2) == 2 && math.least([1.0]) == 1.0 && math.greatest(-1) == -1', "body.a.getFullYear() == 1 || body.b.trim() == '' || true", "int(timestamp('2024-01-01T00:00:00Z')) > 0", 'dyn(1) < 1.0 || true',
  "{'a': [1]}.exists(k, {'a': [1]}[k].exists(v, v == 1))", "[1].map(x, 'a').exists(y, y == 'a')", '[1].sortBy(x, -x) == [1]', "{b'a': body.x}.size() == 1 || true",
  '.lists.range(2).size() == 2', '. sets.contains([1], [1])', ".int('1') == 1", '[1].all(lists, .lists.range(1).size() == 1)', '.base64.encode(b"a") == "YQ=="'];
/** Filters over dyn values and types the typing reads as compiling, written by hand. */
const TYPED_COMPILED = ["body.a + 1 == 2 || header.b == 'x'", '[1].all(requestURL, requestURL == 1)', '!!true', '--1 == 1',
  '1u < 2u && 1.0 <= 2.0 && b\'a\' < b\'b\' && false < true', "[1] + [2] == [1, 2] && {'a': 1} != {}", 'type(1) == int && int != string', "'a' + 'b' == 'ab'",
  'size(body.a) == 1 && int(body.b) == 2 && double(body.c) > 0.0', "dyn('x') == 1 || true", 'null == null && (true ? body.a : 1) == 1', "1 in [1] && 'a' in {'a': 1}",
  '(body.a ? 1 : 2) == 1', '[1].all(x, 1 < 1.0) || true', '[1].all(x, true) && 1u < 1', '[1].exists(x, size(body) > 1.0) || true',
  'timestamp(body.t) < timestamp(body.u) || true', 'timestamp(body.t) < null || true', 'timestamp(body.t) < body.x || true',
  "timestamp(body.t) - timestamp(body.u) == duration('1s') || true", "timestamp(body.t) + duration('1s') > timestamp(body.u) || true",
  "duration('1s') + timestamp(body.t) == body.x || true", "duration(body.d) - duration('1s') != duration('0s') || true", 'null == timestamp(body.t) || true'];
/** Filters that compile (a macro's names, the type names, functions of the extensions), written by hand. */
const COMPILED = [
  // has() of a field's selection, in parentheses or of a parenthesized or literal operand
  'has((body.a)) || true', 'has(((body.a))) || true', 'has((body).a) || true', "has({'a': 1}.a)", 'has(body.a[0].b) || true',
  "body.a.all(x, x.b.exists(y, y > x.c)) && header.canonical('X') != '' && requestURL != ''", 'type(body) == map && int == type(1) && null_type != type',
  '[3, 1].sortBy(z, -z) == [3, 1] && [1].map(v, v > 0, v) == [1] && [1].filter(w, w > 0) == [1] && [1].exists_one(u, u == 1)',
  "math.greatest(1, 2) == 2 && strings.quote('a') != '' && sets.contains([1], [1]) && base64.encode(b'a') != '' && lists.range(1) == [0]",
  'google.protobuf.Timestamp != int && bool == bool && uint != double && bytes != string && list != map', '(body.a ? [body.b] : [body.c]) == [1]',
  // an empty list or map with a trailing comma
  '{,} == {} && [,] == [] && [1,] == [1]',
];
/** Pieces of CEL text, glued at random. */
const PIECES = ['body.a', "'x'", '1', 'true', '&&', '||', '!', '==', '(', ')', '[', ']', '{', '}', ',', ':', '?', '.', 'f(', '.b', 'in', '&', '=', '#', ' ',
  '"y"', "'z", '\n', '// c\n', CS, 'has(body.a)', '[1].exists(v, v > 0)', 'foo', 'v', 'int', '.?', '[?', 'body.all(w, w', 'math.greatest(1, 2)', 'Msg{a: 1}',
  "'a'.split(','", 'base64.decode(', 'lists.range(2)', '.parseJSON()', '.join()', "['a', 1]", '{1: 2}', '1u', 'timestamp(body.t)', "duration('1s')", '-', '*'];

describeWithTriggersCel("TRIGGERS_RUNNABLE against Triggers' own cel interceptor", () => {
  /** Each text as a filter (`overlay` false) or as an overlay's expression: whether the rule reports it, and whether the interceptor does not compile it. */
  const answers = (texts: readonly string[], overlay = false) => {
    const out = triggersInterceptors(texts.map((text, i) => ({
      interceptor: 'cel' as const,
      params: overlay ? { overlays: [{ key: 'k', expression: text }] } : { filter: text },
      ...(i === 0 ? { requests: [{ body: '{}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    return texts.map((text, i) => {
      const a = out[i];
      if (a.error !== undefined) throw new Error(`triggers-cel: ${a.error} (${text})`);
      const params = overlay ? [{ name: 'overlays', value: [{ key: 'k', expression: text }] }] : [{ name: 'filter', value: text }];
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params }] }] } };
      const answer = a.results[0][0];
      const message = answer.message ?? '';
      const found = TRIGGERS_RUNNABLE.check(listenerWith);
      return {
        text,
        reported: found.length > 0,
        problem: found[0]?.problem ?? '',
        unparsed: answer.code === 'InvalidArgument' && message.includes('failed to parse expression'),
        unchecked: answer.code === 'InvalidArgument' && message.includes('check failed'),
        // stopped otherwise than by compiling: not true ("did not return true"), or failing on the event (a key the body lacks)
        never: !answer.continue && !(answer.code === 'InvalidArgument' && /failed to parse expression|check failed/.test(message)),
        // an overlay's value the interceptor cannot write as JSON
        unwritten: answer.code === 'Internal' && message.startsWith('failed to convert overlay result to type'),
        // failing on the event or in cel-go's planning (before an overlay's value could be written), or panicking (cel-go on a map literal with bytes keys)
        failedOnEvent: /failed to evaluate|failed to create a Program/.test(message) || answer.code === 'Panic',
        panicked: answer.code === 'Panic',
        message,
      };
    });
  };
  type Seen = ReturnType<typeof answers>[number];
  const notCompiled = (s: Seen) => s.unparsed || s.unchecked;
  // a filter that stops the event once compiled (on the one request, `{}`; a filter never true stops every one)
  const notTrue = (s: Seen) => s.never;

  test('an undeclared name or function: the rule quotes cel-go\'s first error, as the interceptor gives it (its errors sorted by where they are)', () => {
    const filters = ['.foo(1) && bar', '.lists.foo(2)', '[1].all(1)', '[1].exists(x)', '[1].map(x, y, z, w)', 'body.has(a)', 'all([1], true)', "bar && body.a.decodeb64() == 'x'",
      "body.a.decodeb64() == 'x' && bar", 'foo.bar(1)'];
    const seen = answers(filters);
    // (cel-go's first "undeclared reference to '…'" in the interceptor's message, and the one the finding quotes)
    const first = (text: string) => /undeclared reference to '([^']*)'/.exec(text)?.[1];
    expect(seen.map((s) => [s.text, s.unchecked, first(s.problem)])).toEqual(seen.map((s) => [s.text, true, first(s.message)]));
    expect(seen.map((s) => first(s.message))).toEqual(['.foo', '.lists', 'all', 'exists', 'map', 'has', 'all', 'bar', 'decodeb64', 'foo']);
  });

  test('hand-written filters: each reported is one the interceptor cannot compile, and each written not to parse or with an undeclared name is reported', () => {
    const seen = answers([...UNPARSED, ...UNDECLARED, ...COMPILED, ...UNCHECKED_NOT_REPORTED, '', ...ADVERSARIAL_FILTERS, ...MISTYPED, ...NEVER_TRUE, ...TYPED_COMPILED,
      ...FUNCTION_MISTYPED, ...FUNCTION_COMPILED, ...DECLARATIONS_MISTYPED, ...DECLARATIONS_COMPILED]);
    expect(seen.filter((s) => s.reported && !notCompiled(s) && !notTrue(s))).toEqual([]);
    const mistyped = [...MISTYPED, ...FUNCTION_MISTYPED, ...DECLARATIONS_MISTYPED];
    expect(seen.filter((s) => mistyped.includes(s.text) && !(s.reported && s.unchecked))).toEqual([]);
    expect(seen.filter((s) => [...FUNCTION_COMPILED, ...DECLARATIONS_COMPILED].includes(s.text) && (s.reported || notCompiled(s)))).toEqual([]);
    expect(seen.filter((s) => NEVER_TRUE.includes(s.text) && !(s.reported && s.never))).toEqual([]);
    expect(seen.filter((s) => TYPED_COMPILED.includes(s.text) && (s.reported || notCompiled(s)))).toEqual([]);
    // the rule's limits: what the type check refuses beyond undeclared names is not reported
    expect(seen.filter((s) => UNCHECKED_NOT_REPORTED.includes(s.text)).map((s) => [s.reported, s.unchecked]))
      .toEqual(UNCHECKED_NOT_REPORTED.map(() => [false, true]));
    expect(seen.filter((s) => UNPARSED.includes(s.text) && !(s.reported && s.unparsed))).toEqual([]);
    expect(seen.filter((s) => UNDECLARED.includes(s.text) && !(s.reported && s.unchecked))).toEqual([]);
    expect(seen.filter((s) => COMPILED.includes(s.text) && (s.reported || notCompiled(s)))).toEqual([]);
    // the adversarial filters written to fool TRIGGERS_AUTHENTICATED's reading (a block comment, a raw string ending in a backslash, …) that do not parse
    expect(seen.filter((s) => s.reported).length).toBeGreaterThan(UNPARSED.length + UNDECLARED.length + 5);
  });

  test('hand-written conversions of constants: reported exactly when cel-go fails to make the program, on every event', () => {
    for (const overlay of [false, true]) {
      const seen = answers([...UNPLANNED, ...PLANNED], overlay);
      const unplanned = (s: (typeof seen)[number]) => s.message.includes('failed to create a Program');
      expect(seen.filter((s) => s.reported !== unplanned(s)).map((s) => [s.text, s.message])).toEqual([]);
      expect(seen.filter((s) => UNPLANNED.includes(s.text) && !s.reported).map((s) => s.text)).toEqual([]);
    }
  });

  test('hand-written maps with a bytes key: reported exactly when cel-go panics when it plans the program', () => {
    for (const overlay of [false, true]) {
      const seen = answers([...PANICKING, ...UNBUILT], overlay);
      expect(seen.filter((s) => s.reported !== s.panicked).map((s) => [s.text, s.message])).toEqual([]);
      expect(seen.filter((s) => PANICKING.includes(s.text) && !s.reported).map((s) => s.text)).toEqual([]);
    }
    // the rule's limits
    expect(answers(UNPLANNED_NOT_REPORTED).map((s) => [s.text, s.reported, s.panicked || s.message.includes('failed to create a Program')]))
      .toEqual(UNPLANNED_NOT_REPORTED.map((t) => [t, false, true]));
  });

  test("hand-written overlays' expressions: the same, and an empty one, which CEL cannot parse", () => {
    const seen = answers([...UNPARSED.filter((t) => t.trim() !== ''), ...UNDECLARED, ...COMPILED, '', ' ', ...MISTYPED, ...TYPED_COMPILED, ...FUNCTION_MISTYPED,
      ...FUNCTION_COMPILED], true);
    expect(seen.filter((s) => s.reported && !notCompiled(s))).toEqual([]);
    // an overlay's value may be of any type the interceptor converts (not a uint, null or a type: reported): never true is a filter's alone
    expect(answers(NEVER_TRUE, true).filter((s) => !s.failedOnEvent && (s.reported !== s.unwritten || notCompiled(s))).map((s) => s.text))
      .toEqual([]);
    expect(seen.filter((s) => ![...COMPILED, ...TYPED_COMPILED, ...FUNCTION_COMPILED].includes(s.text) && !s.reported)).toEqual([]);
    expect(seen.filter((s) => [...COMPILED, ...TYPED_COMPILED, ...FUNCTION_COMPILED].includes(s.text) && (s.reported || notCompiled(s)))).toEqual([]);
  });

  test('two params Go reads as filter or overlays: the rule reports exactly when the one the interceptor reads does not compile', () => {
    const NAMES = ['filter', 'Filter', 'FILTER', 'overlays', 'Overlays', 'overlay\u017f'];
    const VALUES = ['true', '1 &&', 'foo == 1'];
    const cases = NAMES.flatMap((a) => NAMES.flatMap((b) => VALUES.flatMap((x) => VALUES.map((y) => [{ name: a, value: x }, { name: b, value: y }]))))
      .filter(([a, b]) => a.name.toLowerCase().startsWith('f') === b.name.toLowerCase().startsWith('f'))
      .map((ps) => ps.map((p) => (p.name.toLowerCase().startsWith('o') ? { ...p, value: [{ key: 'k', expression: p.value }] } : p)));
    // the sink's map of the params by name, the last of a name winning
    const out = triggersInterceptors(cases.map((ps, i) => ({
      interceptor: 'cel' as const,
      params: Object.fromEntries(ps.map((p) => [p.name, p.value])),
      ...(i === 0 ? { requests: [{ body: '{}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    const seen = cases.map((ps, i) => {
      const a = out[i].results![0][0];
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: ps }] }] } };
      return { ps: JSON.stringify(ps), reported: TRIGGERS_RUNNABLE.check(listenerWith).length > 0, failed: a.code === 'InvalidArgument' };
    });
    expect(seen.filter((s) => s.reported !== s.failed)).toEqual([]);
    expect(seen.filter((s) => s.reported).length).toBeGreaterThan(cases.length / 3);
  });

  test('a null overlays param read last empties the field (Go sets a slice to nil); a null filter read last leaves the one before', () => {
    const BAD = [{ key: 'k', expression: '1 &&' }];
    const cases = [[{ name: 'Overlays', value: BAD }, { name: 'overlays', value: null }], [{ name: 'overlays', value: BAD }, { name: 'Overlays', value: null }],
      [{ name: 'Filter', value: '1 &&' }, { name: 'filter', value: null }], [{ name: 'filter', value: '1 &&' }, { name: 'Filter', value: null }]];
    const out = triggersInterceptors(cases.map((ps, i) => ({
      interceptor: 'cel' as const,
      params: Object.fromEntries(ps.map((p) => [p.name, p.value])),
      ...(i === 0 ? { requests: [{ body: '{}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    const seen = cases.map((ps, i) => {
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: ps }] }] } };
      return { reported: TRIGGERS_RUNNABLE.check(listenerWith).length > 0, continued: out[i].results![0][0].continue };
    });
    expect(seen).toEqual([{ reported: false, continued: true }, { reported: true, continued: false }, { reported: true, continued: false },
      { reported: true, continued: false }]);
  });

  test.each([false, true])('generated text (overlay: %s): every filter or overlay reported is one the interceptor cannot compile', (overlay) => {
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE ${overlay ? 'overlays' : 'filters'}: seed ${SEED}, ${RUNS} runs`);
    const texts = fc.sample(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(' ')), { seed: SEED + (overlay ? 1 : 0), numRuns: RUNS });
    const seen = answers(texts, overlay);
    expect(seen.filter((s) => s.reported && !notCompiled(s) && !(overlay ? s.unwritten || s.failedOnEvent : notTrue(s)))).toEqual([]);
    // most of what the interceptor cannot parse is reported, and most of what its type check refuses for a name read as a value
    const unparsed = seen.filter((s) => s.unparsed);
    expect(unparsed.filter((s) => s.reported).length).toBeGreaterThan(unparsed.length * 0.8);
    // (`foo` and `v` of the pieces, unless a `(` follows: a function, which is not read)
    const undeclared = seen.filter((s) => s.unchecked && /undeclared reference to '(foo|v)'/.test(s.message));
    if (undeclared.length >= 5) expect(undeclared.filter((s) => s.reported).length).toBeGreaterThan(undeclared.length * 0.5);
  });

  test.each([false, true])('generated typed expressions (overlay: %s): every one reported fails, and most the type check refuses are reported', (overlay) => {
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE typed ${overlay ? 'overlays' : 'filters'}: seed ${SEED}, ${RUNS} runs`);
    const ATOMS = ['1', '1u', '1.0', "'a'", "b'a'", 'true', 'null', 'requestURL', 'body.a', 'header', 'int', '[1]', "{'a': 1}", 'x', 'size(body)', '[1].map(y, y)',
      '[1].exists(y, y == 1)', 'has(body.a)', "type('a')", 'string(body.b)', 'dyn(1)', "['a']", '[1u, 2u]', "[1, 'a']", '[]', "{1: 'a'}", "{'a': 1, 'b': 'c'}", '[[1]]',
      "'a,b'.split(',')", 'body.a.parseJSON()', "header.canonical('X')", "base64.decode('YQ==')", 'lists.range(2)', 'math.abs(-1)', 'math.sqrt(4)',
      "header.match('X', 'y')", 'body.marshalJSON()', '[1].first()', 'body.a.reverse()', "{b'a': 1}", "{'a': 1}.filter(k, true)", 'body.c.size()', '[[1u]]',
      "timestamp('2024-01-01T00:00:00Z')", "dyn(b'a')", "b'\\xff'", "bytes('a')", '-1', '(1)', "{b'a': dyn(1)}", "{b'a': body.a}",
      'timestamp(0)', "duration('1s')", 'math.greatest(1, 2)', 'math.least(1.0)', 'math.greatest(1, 2.0)', '[1].sortBy(y, y)', "double('x')", "timestamp('x')",
      'uint(dyn(-1))', "{b'a': timestamp(0)}"];
    const { e } = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(...ATOMS),
        fc.tuple(fc.constantFrom('!', '-', '!!', '--'), tie('e')).map(([op, a]) => `${op}(${a})`),
        fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', 'in'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a}) ? (${b}) : (${c})`),
        fc.tuple(fc.constantFrom('size', 'int', 'string', 'double', 'base64.encode', 'base64.decode', 'math.abs', 'strings.quote', 'lists.range', 'math.ceil',
          'math.greatest', 'timestamp', 'duration', 'uint', 'dyn'), tie('e'))
          .map(([f, a]) => `${f}(${a})`),
        fc.tuple(tie('e'), fc.constantFrom('split(\',\')', 'lowerAscii()', 'join()', 'parseJSON()', 'marshalJSON()', 'truncate(1)', 'reverse()', 'slice(0, 1)', 'size()',
          'indexOf(\'a\')', 'distinct()', 'flatten()', 'sort()', 'compareSecret(\'k\', \'s\')', 'decodeb64()', 'getFullYear()', 'int()', 'exists(z, z)',
          'sortBy(z, [z])', 'sortBy(z, z)'))
          .map(([a, m]) => `(${a}).${m}`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `[${a}, ${b}]`),
        // a macro's variable, of the type of its range's elements, and what cel-go's checker takes inside a comprehension
        fc.tuple(tie('e'), fc.constantFrom('==', '<', '+'), tie('e'), fc.constantFrom('exists', 'all', 'filter', 'map'))
          .map(([a, op, b, m]) => `(${a}).${m}(z, z ${op} (${b}))`),
        // a macro's variable shadowing a declared one, a field selected on it or on anything
        fc.tuple(tie('e'), fc.constantFrom('body', 'header', 'requestURL', 'z'), tie('e')).map(([a, v, b]) => `(${a}).exists(${v}, ${v}.f == (${b}))`),
        tie('e').map((a) => `(${a}).f`),
        // functions Triggers declares (methods among them), and some it does not
        fc.tuple(fc.constantFrom('sets.intersects', 'sets.contains', 'compareSecret', 'decodeb64', 'matches', 'size', 'int', 'math.greatest', 'math.least'), tie('e'), tie('e'))
          .map(([f, a, b]) => `${f}(${a}, ${b})`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `{${a}: ${b}}`),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a})[${b}]`),
        tie('e').map((a) => `[1].all(x, ${a})`)),
    }));
    const texts = fc.sample(e, { seed: SEED + (overlay ? 3 : 2), numRuns: RUNS });
    const seen = answers(texts, overlay);
    expect(seen.filter((s) => s.reported && !notCompiled(s) && !(overlay ? s.unwritten || s.failedOnEvent : notTrue(s)))).toEqual([]);
    // what the finding says cel-go does is what it does: its type check fails, or its planner fails or panics (unless the type check refuses it
    // first for what is not typed here: the rule's limits)
    // (a planner's finding may add that the type check, first, may answer "check failed")
    const says = (s: Seen) => (s.problem.includes('with "failed to create a Program"') ? 'failed to create a Program' : s.problem.includes('panics on') ? 'Panic'
      : s.problem.includes('"check failed"') ? 'check failed' : undefined);
    const truly = (s: Seen) => (says(s) === 'check failed' ? s.unchecked : s.unchecked || (says(s) === 'Panic' ? s.panicked : s.message.includes(says(s)!)));
    expect(seen.filter((s) => says(s) !== undefined && !truly(s)).map((s) => [s.text, s.problem, s.message])).toEqual([]);
    const hedged = seen.filter((s) => says(s) !== undefined && says(s) !== 'check failed' && s.unchecked);
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE typed ${overlay ? 'overlays' : 'filters'}: ${hedged.filter((s) => s.problem.includes('(unless CEL')).length} of ${hedged.length} `
      + 'planner findings the type check refuses first say it may');
    // of what the type check refuses (`x` outside a macro is undeclared, the rest mostly operands of the wrong types), most are reported
    const unchecked = seen.filter((s) => s.unchecked);
    const reported = unchecked.filter((s) => s.reported).length;
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE typed ${overlay ? 'overlays' : 'filters'}: ${reported} of ${unchecked.length} refused by the type check reported`);
    expect(reported).toBeGreaterThan(unchecked.length * 0.6);
    if (!overlay) expect(seen.filter((s) => s.reported && s.never).length).toBeGreaterThan(0);
  });

  test('filter and overlays params of the wrong JSON type: reported exactly when the interceptor cannot decode its params', () => {
    const VALUES: unknown[] = [7, true, ['true'], { a: 1 }, null, 'true', [], [null], ['x'], [{ key: 'k', expression: 7 }], [{ key: 7, expression: '1' }],
      [{ key: 'k', expression: null }], [{ key: 'k', expression: '1' }], { key: 'k', expression: '1' }, [[{ key: 'k', expression: '1' }]]];
    const cases = ['filter', 'overlays'].flatMap((name) => VALUES.map((value) => ({ name, value })));
    const out = triggersInterceptors(cases.map((c, i) => ({
      interceptor: 'cel' as const,
      params: { [c.name]: c.value },
      ...(i === 0 ? { requests: [{ body: '{}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    const seen = cases.map((c, i) => {
      const a = out[i].results![0][0];
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: [c] }] }] } };
      const problems = TRIGGERS_RUNNABLE.check(listenerWith);
      return {
        c: JSON.stringify(c),
        undecodedReported: problems.some((f) => f.problem.includes('failed to parse interceptor params')),
        reported: problems.length > 0,
        undecoded: a.code === 'InvalidArgument' && (a.message ?? '').includes('failed to parse interceptor params'),
        failed: !a.continue && !(a.code === 'FailedPrecondition' && c.name === 'filter' && c.value === 'true'),
        a,
      };
    });
    expect(seen.filter((s) => s.undecodedReported !== s.undecoded)).toEqual([]);
    expect(seen.filter((s) => s.reported && !s.failed)).toEqual([]);
    expect(seen.filter((s) => s.undecoded).length).toBeGreaterThan(8);
  });

  test("overlays' keys and values: reported exactly when the interceptor cannot write the value (an empty key, a uint, null, a type, a map with keys that are not strings)", () => {
    const OVERLAYS: unknown[] = [{ key: '', expression: '1' }, { expression: '1' }, { key: null, expression: '1' }, { key: 'k', expression: '1u' }, { key: 'k', expression: 'null' },
      { key: 'k', expression: 'int' }, { key: 'k', expression: 'type(body)' }, { key: 'k', expression: "{1: 'a'}" }, { key: 'k', expression: '{true: 1}' },
      { key: 'k', expression: "{'a': 1}" }, { key: 'k', expression: '[1u]' }, { key: 'k', expression: "b'a'" }, { key: 'k', expression: '1.5' }, { key: 'k', expression: 'body' },
      { key: 'k', expression: "'a'.split(',')" }, { key: 'k', expression: 'math.abs(1u)' }, { key: 'k', expression: 'lists.range(2)' }, { key: 'k', expression: 'int(1u)' },
      { key: 'a.b', expression: '1' }, { key: 'a*', expression: '1' }, { key: ':', expression: '1' }, { key: '.', expression: '1' }, { key: 'k', expression: "body.a == 'x' ? 1u : 2u" },
      { key: 'k', expression: 'dyn(1u)' }, { key: 'k', expression: "{'a': 1u}" }, { key: '', expression: 'body.a' }, { key: 'k', expression: "{1u: 'a'}" }, { key: 'k', expression: '{[1]: 1}' },
      { key: 'k', expression: '{1.5: 1}' }];
    const out = triggersInterceptors(OVERLAYS.map((o, i) => ({
      interceptor: 'cel' as const,
      params: { overlays: [o] },
      ...(i === 0 ? { requests: [{ body: '{"a": "x"}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    const seen = OVERLAYS.map((o, i) => {
      const a = out[i].results![0][0];
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: [o] }] }] }] } };
      return {
        o: JSON.stringify(o),
        reported: TRIGGERS_RUNNABLE.check(listenerWith).length > 0,
        unwritten: a.code === 'Internal' && /^failed to (convert overlay result to type|sjson for key '')/.test(a.message ?? ''),
        a,
      };
    });
    // dyn(1u) is not typed: not reported
    expect(seen.filter((s) => s.reported !== s.unwritten && s.o !== JSON.stringify({ key: 'k', expression: 'dyn(1u)' }))).toEqual([]);
    expect(seen.filter((s) => s.reported).length).toBeGreaterThan(10);
  });

  test("each undeclared name or function the rule quotes is one cel-go's type check names so (one in the root scope with its leading dot)", () => {
    const ROOTED = ['.event.a', '.event', '.x.y.z', 'body.a.exists(x, .x == 1)', '.foo(1)', '.foo(1) && bar', 'body.a.exists(foo, .foo(1))', '.has(body.a)',
      '.has(body.a, 1)', 'has(body.a, 1)', '.decodeb64(body.a) == 1', '.exists(body.a)', '.lists.foo(2)', '.body.a == 1 && .event'];
    const seen = answers([...UNDECLARED, ...ROOTED]);
    const rows = seen.map((s) => ({ text: s.text, quoted: /\("undeclared reference to '([^']*)'"\)/.exec(s.problem)?.[1], message: s.message }));
    // every one is reported, quoting a name cel-go's error gives as written
    expect(rows.filter((r) => r.quoted === undefined || !r.message.includes(`undeclared reference to '${r.quoted}' (in container '')`))).toEqual([]);
    // those written from the root scope are quoted with its dot (cel-go's first error: `.foo` before `bar`, `.lists` before its method `foo`)
    expect(rows.filter((r) => r.text.startsWith('.') && !r.quoted!.startsWith('.')).map((r) => [r.text, r.quoted])).toEqual([]);
  });

  test('the functions Triggers declares, called as a method and as a function: reported as undeclared exactly when its type check says so', () => {
    // every function Triggers v0.37.0's CEL environment declares (but the operators and `in`), and names of cel-go's or of other libraries it does not
    const DECLARED_FUNCTIONS = ['base64.decode', 'base64.encode', 'bool', 'bytes', 'canonical', 'charAt', 'compareSecret', 'contains', 'distinct', 'double',
      'duration', 'dyn', 'endsWith', 'first', 'flatten', 'format', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getFullYear', 'getHours',
      'getMilliseconds', 'getMinutes', 'getMonth', 'getSeconds', 'indexOf', 'int', 'join', 'json.encode', 'last', 'lastIndexOf', 'lists.range', 'lowerAscii',
      'marshalJSON', 'match', 'matches', 'math.abs', 'math.bitAnd', 'math.bitNot', 'math.bitOr', 'math.bitShiftLeft', 'math.bitShiftRight', 'math.bitXor',
      'math.ceil', 'math.floor', 'math.isFinite', 'math.isInf', 'math.isNaN', 'math.round', 'math.sign', 'math.sqrt', 'math.trunc', 'parseJSON', 'parseURL',
      'parseYAML', 'replace', 'reverse', 'sets.contains', 'sets.equivalent', 'sets.intersects', 'size', 'slice', 'sort', 'split', 'startsWith', 'string',
      'strings.quote', 'substring', 'timestamp', 'translate', 'trim', 'truncate', 'type', 'uint', 'upperAscii'];
    const OTHERS = ['decodeb64', 'regex.replace', 'regex.extract', 'optional.of', 'optional.none', 'transformList', 'transformMap', 'upper', 'lower', 'sha256',
      'url', 'ip', 'cidr', 'isSorted', 'sum', 'min', 'max', 'quantity', 'lastIndex', 'hasValue', 'orValue', 'value', 'math.max', 'math.min', 'math.pow',
      'strings.format', 'lists.flatten', 'sets.union', 'base64.decodeURL', 'json.decode', 'getTime', 'now', 'toString', 'constructor', 'string.format'];
    // as a method on dyn and on a string, and as a function (a namespace's as one)
    const calls = [...DECLARED_FUNCTIONS, ...OTHERS].flatMap((name) => (name.includes('.')
      ? [`${name}(body.a) == 1 || true`, `${name}() == 1 || true`]
      : [`body.a.${name}() == 1 || true`, `'a'.${name}('b') == 1 || true`, `${name}(body.a) == 1 || true`, `${name}() == 1 || true`]));
    const seen = answers(calls);
    const rows = seen.map((s) => {
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'filter', value: s.text }] }] }] } };
      const reportedUndeclared = TRIGGERS_RUNNABLE.check(listenerWith).some((p) => p.problem.includes('undeclared reference'));
      return { text: s.text, undeclared: s.unchecked && s.message.includes('undeclared reference to'), reportedUndeclared, reported: s.reported, unchecked: s.unchecked };
    });
    const calling = (names: string[]) => (r: { text: string }) => names.some((n) => r.text.startsWith(`${n}(`) || r.text.includes(`.${n}(`));
    // no call is reported as undeclared that the type check takes or refuses otherwise, nor reported at all that it takes
    expect(rows.filter((r) => r.reportedUndeclared && !r.undeclared)).toEqual([]);
    expect(rows.filter((r) => r.reported && !r.unchecked)).toEqual([]);
    // every call of the others is reported (of a namespace's, `regex.replace(…)`, as a call of `replace` on an undeclared `regex`), none of the
    // functions Triggers declares as undeclared
    expect(rows.filter((r) => calling(OTHERS)(r) && !r.reported)).toEqual([]);
    expect(rows.filter((r) => calling(DECLARED_FUNCTIONS)(r) && !calling(OTHERS)(r) && r.reportedUndeclared)).toEqual([]);
    expect(rows.filter((r) => r.reportedUndeclared).length).toBeGreaterThan(OTHERS.length);
  });

  test("generated overlays' keys (sjson v1.2.5, as Triggers pins it): each reported as going into a list is one sjson fails on, on every event", () => {
    // (at least 1,000 runs: a sequence of keys sjson fails on is rarer than an ill-typed expression)
    const runs = Math.max(RUNS, 1000);
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE overlays' keys: seed ${SEED}, ${runs} runs`);
    const KEYS = ['a', 'a', 'b', 'a.b', 'a.b', 'a.0', 'a.-1', 'a.b.c', 'b.a', 'a.1.b', 'a*', 'a\\.b', ':a.b', 'a.:b', 'a-b', 'a-b.c', '0', 'a.?', 'a|b', 'a.#',
      'a.0.b', 'a.b.0', 'a.0.0', 'a.b.-1', 'a.-1.-1', 'a.-1.0', 'a.-1.b', 'a.1.c', 'a.b.0.c', 'a.b.c.d'];
    const VALUES = ['[1]', "'x'", '{}', '1', '[]', "{'b': [1]}", '[1].map(x, x)', "'a,b'.split(',')", 'body.l', 'body.m', 'lists.range(2)',
      "body.s == 'x' ? [1] : [2]", "{'b': {'c': [1]}, 'd': 1}", "{'b': 'x'.split(',')}", 'true', "{'b': 1}", '[[1]]', "[1, {'c': [1]}]", "{'b': [[1]]}",
      "{'b': {'c': 'x'}}"];
    const overlay = fc.record({ key: fc.constantFrom(...KEYS), expression: fc.constantFrom(...VALUES) });
    const overlays = fc.sample(fc.array(overlay, { minLength: 2, maxLength: 4 }),
      { seed: SEED + 4, numRuns: runs });
    // events: a list and a map under body.l and body.m, and the other way round
    const requests = [{ body: '{"l": [1], "m": {"b": 1}, "s": "x"}' }, { body: '{"l": {"b": 1}, "m": [1], "s": "y"}' }];
    const out = triggersInterceptors(overlays.map((o, i) => ({
      interceptor: 'cel' as const,
      params: { overlays: o },
      ...(i === 0 ? { requests, secrets: [{ mode: 'none' as const }] } : {}),
    })));
    const seen = overlays.map((o, i) => {
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: o }] }] }] } };
      const problems = TRIGGERS_RUNNABLE.check(listenerWith);
      const found = problems.filter((p) => p.problem.includes('cannot set array element'));
      const given = out[i].results!.map((r) => r[0]);
      return {
        o: JSON.stringify(o),
        reported: found.length > 0,
        // the first overlay reported is the one sjson fails on, on every event (each answer is the first failure)
        failsThere: found.length > 0 && given.every((a) => a.code === 'Internal' && (a.message ?? '').startsWith(`failed to sjson for key '${found[0].value}'`)
          && (a.message ?? '').includes('cannot set array element for non-numeric key')),
        failsAlways: given.every((a) => !a.continue),
        sjsonAlways: given.every((a) => (a.message ?? '').includes('cannot set array element')),
      };
    });
    // (or an overlay before it fails there first: the rule judges each overlay, as for its other findings)
    expect(seen.filter((s) => s.reported && !(s.failsThere || s.sjsonAlways))).toEqual([]);
    expect(seen.filter((s) => s.failsThere).length).toBeGreaterThan(seen.filter((s) => s.reported).length * 0.8);
    // no overlays the rule passes fail on every event, but those reported otherwise or failing on the events' lists
    expect(seen.filter((s) => s.reported).length).toBeGreaterThan(runs / 50);
    const always = seen.filter((s) => s.sjsonAlways);
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE overlays' keys: ${always.filter((s) => s.reported).length} of ${always.length} failing on a list on every event reported`);
    // (not followed: a list only some events hold, an overlay between under the same first name, a scalar written by an overlay before the last
    // under its first name)
    expect(always.filter((s) => s.reported).length).toBeGreaterThan(always.length * 0.25);
  });
});
