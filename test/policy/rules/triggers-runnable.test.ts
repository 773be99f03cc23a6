import { describeRule } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { TRIGGERS_RUNNABLE } from '../../../src/policy/rules/triggers-runnable';

const CS = "header.canonical('X-Token').compareSecret('token', 'webhook')";
const GITHUB = { ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] };
const cel = (filter: unknown, name = 'filter') => ({ ref: { name: 'cel' }, params: [{ name, value: filter }] });

const trigger = (interceptors: unknown, apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion,
  kind: 'Trigger',
  metadata: { name: 'push', namespace: 'ci' },
  spec: { interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});
const listener = (spec: Record<string, unknown>, apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion, kind: 'EventListener', metadata: { name: 'ci', namespace: 'ci' }, spec: { serviceAccountName: 'listener', ...spec },
});
const group = (interceptors: unknown, name = 'github') => ({ name, interceptors, triggerSelector: { namespaceSelector: { matchNames: ['ci'] } } });

const FIX = 'Write each interceptor entry as the interceptor it is meant to be ({ ref: { name: <interceptor> }, params: [...] }) or '
  + 'remove it, and give the cel interceptor a filter and overlay expressions Triggers compiles: CEL without the optional syntax that names '
  + "only body, header, extensions and requestURL (Triggers' cel interceptor logs its error for every event).";
// each finding's own part of the rule's fix
const ENTRY_FIX = 'Write the entry as the interceptor it is meant to be ({ ref: { name: <interceptor> }, params: [...] }) or remove it.';
const CEL_FIX = 'Give the cel interceptor an expression Triggers compiles: CEL without the optional syntax (.?, [?, ? before a list element or map '
  + "entry), that names only body, header, extensions and requestURL and the variables of its own macros (Triggers' cel interceptor logs its error "
  + 'for every event).';
const GROUP_NULL = "is null: Triggers' webhooks admit it in a trigger group, and the EventListener's sink, which reads each interceptor's "
  + 'webhook field in turn (pkg/sink ExecuteInterceptors), dereferences it and crashes: every event the interceptors before it '
  + "let through (every event, when none comes before it) restarts the listener, stopping every trigger it serves, and the group's Triggers never run";
const unparsed = (why: string) => `gives the cel interceptor a filter CEL cannot parse (${why}): Triggers' cel interceptor answers every event with `
  + '"failed to parse expression" and stops the trigger, so it never runs';

const problems = (m: any) => TRIGGERS_RUNNABLE.check(m)
  .map((f) => ({ location: f.location, property: f.property, value: f.value, problem: f.problem }));

describe('TRIGGERS_RUNNABLE', () => {
  describeRule(TRIGGERS_RUNNABLE, RuleId.TRIGGERS_RUNNABLE, Severity.LOW, true);

  test('interceptors Triggers reads, and filters that parse, pass', () => {
    expect(TRIGGERS_RUNNABLE.check(trigger([GITHUB, cel(`${CS} && body.action == 'opened'`)]))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("header.match('X-GitHub-Event', 'push')"), { webhook: { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } } }]))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(trigger(undefined))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(listener({ triggers: [{ name: 'a', interceptors: [GITHUB], template: { ref: 'build' } }], triggerGroups: [group([GITHUB])] }))).toEqual([]);
    // v1alpha1's deprecated field names the interceptor
    expect(TRIGGERS_RUNNABLE.check(trigger([{ github: { secretRef: { secretName: 'hook', secretKey: 'token' } } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
    // a filter of another interceptor, a NamespacedInterceptor's or a webhook's is not read
    expect(TRIGGERS_RUNNABLE.check(trigger([{ ref: { name: 'cel', kind: 'NamespacedInterceptor' }, params: [{ name: 'filter', value: 'a &&' }] }]))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(trigger([{ ref: { name: 'custom' }, params: [{ name: 'filter', value: 'a &&' }] }]))).toEqual([]);
    // an EventListener's trigger without a template runs the Trigger its triggerRef names, judged itself
    expect(TRIGGERS_RUNNABLE.check(listener({ triggers: [{ triggerRef: 'push', interceptors: [null] }] }))).toEqual([]);
  });

  test('a null entry: the webhooks refuse a Trigger and an EventListener trigger; a trigger group crashes the sink', () => {
    expect(problems(trigger([GITHUB, null]))).toEqual([{
      location: undefined,
      property: 'spec.interceptors[1]',
      value: 'null',
      problem: "is null: Triggers' defaulting webhook dereferences it (a Trigger's SetDefaults reads each interceptor's ref) and fails, "
        + 'so the API server, the webhook failing closed, refuses the Trigger',
    }]);
    expect(problems(listener({ triggers: [{ name: 'push', interceptors: [null, GITHUB], template: { ref: 'build' } }] }))).toEqual([{
      location: "trigger 'push'",
      property: 'spec.triggers[0].interceptors[0]',
      value: 'null',
      problem: "is null: Triggers' validating webhook refuses the EventListener (\"invalid value: interceptor '<nil>' must be a valid value: spec.triggers[0].interceptors[0]\")",
    }]);
    expect(problems(listener({ triggerGroups: [group([null, GITHUB]), group([GITHUB, null], '')] }))).toEqual([
      { location: "trigger group 'github'", property: 'spec.triggerGroups[0].interceptors[0]', value: 'null', problem: GROUP_NULL },
      { location: 'spec.triggerGroups[1]', property: 'spec.triggerGroups[1].interceptors[1]', value: 'null', problem: GROUP_NULL },
    ]);
    expect(TRIGGERS_RUNNABLE.fix).toBe(FIX);
    expect(TRIGGERS_RUNNABLE.check(trigger([GITHUB, null]))[0].fix).toBe(ENTRY_FIX);
    expect(TRIGGERS_RUNNABLE.check(listener({ triggerGroups: [group([null])] }))[0].fix).toBe(ENTRY_FIX);
  });

  test('an entry that is not an object, or names no interceptor', () => {
    expect(problems(trigger(['github', 7, [GITHUB], true]))).toEqual([
      ['spec.interceptors[0]', 'github', 'string'], ['spec.interceptors[1]', '7', 'number'], ['spec.interceptors[2]', expect.any(String), 'array'],
      ['spec.interceptors[3]', 'true', 'bool'],
    ].map(([property, value, type]) => ({
      location: undefined,
      property,
      value,
      problem: `is not an object: Go's encoding/json cannot read it as an interceptor ("json: cannot unmarshal ${type} into Go struct field …"), so Triggers' webhooks refuse the Trigger`,
    })));
    expect(problems(trigger([{ params: [] }, { ref: { name: '' } }, { ref: null, webhook: null }]))).toEqual([0, 1, 2].map((i) => ({
      location: undefined,
      property: `spec.interceptors[${i}]`,
      value: 'an entry without ref.name',
      problem: `names no interceptor (no ref.name, no webhook): Triggers' validating webhook refuses the Trigger ("missing field(s): spec.interceptors[${i}].interceptor")`,
    })));
    expect(problems(listener({ triggerGroups: [group([GITHUB, {}])] }))).toEqual([{
      location: "trigger group 'github'",
      property: 'spec.triggerGroups[0].interceptors[1]',
      value: 'an entry without ref.name',
      problem: "names no interceptor (no ref.name, no webhook): Triggers' webhooks admit it in a trigger group, and the EventListener's sink "
        + "looks up a ClusterInterceptor named '' for it, finds none and stops the group there, so the group's Triggers never run",
    }]);
    // a key Triggers does not read makes its webhooks refuse the object (unknown field), as TRIGGERS_AUTHENTICATED says of a spelling
    expect(TRIGGERS_RUNNABLE.check(trigger([{ github: {} }, { ref: { name: '', foo: 1 } }, { Ref: { name: 'github' } }]))).toEqual([]);
  });

  test("a cel filter CEL's grammar cannot read: every event stops there", () => {
    expect(problems(trigger([cel(`${CS} &&`), GITHUB]))).toEqual([{
      location: undefined, property: 'spec.interceptors[0].params[0].value', value: `${CS} &&`, problem: unparsed('an operand expected where the expression ends'),
    }]);
    expect(problems(listener({
      triggers: [{ interceptors: [cel("body.action == 'opened' & true", 'Filter')], template: { ref: 'build' } }],
      triggerGroups: [group([cel(`(${CS}`)])],
    }))).toEqual([
      {
        location: 'spec.triggers[0]',
        property: 'spec.triggers[0].interceptors[0].params[0].value',
        value: "body.action == 'opened' & true",
        problem: unparsed('the character "&" at character 25, which is no CEL token'),
      },
      { location: "trigger group 'github'", property: 'spec.triggerGroups[0].interceptors[0].params[0].value', value: `(${CS}`, problem: unparsed("')' expected where the expression ends") },
    ]);
    expect(problems(trigger([{ cel: { filter: "&& header.match('X-GitHub-Event', 'push')" } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([{
      location: undefined, property: 'spec.interceptors[0].cel.filter', value: "&& header.match('X-GitHub-Event', 'push')", problem: unparsed("an operand expected at character 1, '&&'"),
    }]);
    // a filter that is not a string is refused by the interceptor otherwise, not read here
    expect(TRIGGERS_RUNNABLE.check(trigger([cel(7), cel(null)]))).toEqual([]);
  });

  test("the optional syntax, which Triggers' CEL environment does not enable, is a filter CEL cannot parse", () => {
    const refused = (why: string) => unparsed(`the optional syntax ${why}, which the environment does not enable`);
    expect(problems(trigger([cel('body.?a.orValue(true)'), cel("body[?'a'].hasValue()"), cel('[?body.a].size() == 0'), cel("{?'a': body.b}.size() == 0")]))
      .map((p) => p.problem)).toEqual([refused("'.?' at character 6"), refused("'[?' at character 6"), refused("'?' at character 2"), refused("'?' at character 2")]);
    // a conditional is no optional syntax
    expect(TRIGGERS_RUNNABLE.check(trigger([cel('body.a ? [body.b] : {body.c: 1}')]))).toEqual([]);
  });

  test("a name Triggers' CEL environment does not declare: the type check fails on every event", () => {
    const undeclared = (name: string) => `gives the cel interceptor a filter that refers to '${name}', which Triggers' CEL environment does not declare (it declares `
      + `body, header, extensions and requestURL), so CEL's type check fails ("undeclared reference to '${name}'"): Triggers' cel interceptor answers every `
      + 'event with "check failed" and stops the trigger, so it never runs';
    expect(problems(trigger([cel("payload.action == 'opened'"), cel('has(foo.a)'), cel('[1].exists(x, x == 1) && x == 1'), cel('.event.a'), cel('dyn == 1')]))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].params[0].value', value: "payload.action == 'opened'", problem: undeclared('payload') },
      { location: undefined, property: 'spec.interceptors[1].params[0].value', value: 'has(foo.a)', problem: undeclared('foo') },
      { location: undefined, property: 'spec.interceptors[2].params[0].value', value: '[1].exists(x, x == 1) && x == 1', problem: undeclared('x') },
      { location: undefined, property: 'spec.interceptors[3].params[0].value', value: '.event.a', problem: undeclared('event') },
      { location: undefined, property: 'spec.interceptors[4].params[0].value', value: 'dyn == 1', problem: undeclared('dyn') },
    ]);
    // declared names, type names, names a macro binds, functions and namespaces' functions, messages and protobuf types are not reported
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("body.a.all(x, x.b.exists(y, y > x.c)) && header.canonical('X') != '' && requestURL != '' && extensions.k == 1"),
      cel('type(body) == map && int == type(1) && null_type != type && [3, 1].sortBy(z, -z) == [3, 1] && [1].map(v, v > 0, v) == [1]'),
      cel("math.greatest(1, 2) == 2 && strings.quote('a') != '' && undeclaredFunction(body) && google.protobuf.Timestamp != int && Msg{a: 1} != null"),
      cel('`backtick` == 1')]))).toEqual([]);
  });

  test('only the filter the interceptor reads: of two spellings, the one encoding/json reads last (the keys sorted), of two params named alike the last', () => {
    const both = (a: [string, string], b: [string, string]) => trigger([{ ref: { name: 'cel' }, params: [{ name: a[0], value: a[1] }, { name: b[0], value: b[1] }] }]);
    expect(TRIGGERS_RUNNABLE.check(both(['Filter', '1 &&'], ['filter', 'true']))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(both(['filter', 'true'], ['Filter', '1 &&']))).toEqual([]);
    expect(problems(both(['Filter', 'true'], ['filter', '1 &&'])).map((p) => p.property)).toEqual(['spec.interceptors[0].params[1].value']);
    expect(problems(both(['filter', '1 &&'], ['FILTER', 'true'])).map((p) => p.property)).toEqual(['spec.interceptors[0].params[0].value']);
    expect(TRIGGERS_RUNNABLE.check(both(['filter', '1 &&'], ['filter', 'true']))).toEqual([]);
    expect(problems(both(['filter', 'true'], ['filter', 'foo'])).map((p) => p.property)).toEqual(['spec.interceptors[0].params[1].value']);
  });

  test("an overlay's expression that does not compile, or is empty: every event the filter lets through stops there", () => {
    const overlay = (problem: string, answer = '"failed to parse expression"') => `gives the cel interceptor an overlay expression ${problem}: Triggers' cel `
      + `interceptor answers every event its filter lets through with ${answer} and stops the trigger, so it never runs`;
    const withOverlays = (overlays: unknown, name = 'overlays') => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: 'true' }, { name, value: overlays }] });
    expect(problems(trigger([withOverlays([{ key: 'a', expression: 'body.a' }, { key: 'b', expression: 'body.?b' }, { key: 'c' }, { key: 'd', Expression: 'foo' },
      { key: 'e', expression: '' }])]))).toEqual([
      {
        location: undefined,
        property: 'spec.interceptors[0].params[1].value[1].expression',
        value: 'body.?b',
        problem: overlay("CEL cannot parse (the optional syntax '.?' at character 6, which the environment does not enable)"),
      },
      { location: undefined, property: 'spec.interceptors[0].params[1].value[2]', value: 'an overlay without an expression', problem: overlay('that is empty (CEL cannot parse an empty expression)') },
      {
        location: undefined,
        property: 'spec.interceptors[0].params[1].value[3].Expression',
        value: 'foo',
        problem: overlay("that refers to 'foo', which Triggers' CEL "
        + 'environment does not declare (it declares body, header, extensions and requestURL), so CEL\'s type check fails ("undeclared reference to \'foo\'")', '"check failed"'),
      },
      { location: undefined, property: 'spec.interceptors[0].params[1].value[4].expression', value: '', problem: overlay('that is empty (CEL cannot parse an empty expression)') },
    ]);
    // a filter's and an overlay's findings get the fix of an expression, not of an entry
    expect(TRIGGERS_RUNNABLE.check(trigger([{ ref: { name: 'cel' }, params: [{ name: 'filter', value: 'payload.x' }] }, withOverlays([{ key: 'b', expression: 'body.?b' }])]))
      .map((f) => f.fix)).toEqual([CEL_FIX, CEL_FIX]);
    // v1alpha1's cel: field; the spelling the interceptor reads
    expect(problems(trigger([{ cel: { overlays: [{ key: 'a', expression: '1 +' }] } }], 'triggers.tekton.dev/v1alpha1')).map((p) => p.property))
      .toEqual(['spec.interceptors[0].cel.overlays[0].expression']);
    expect(TRIGGERS_RUNNABLE.check(trigger([withOverlays([{ key: 'a', Expression: '1 +', expression: '1' }])]))).toEqual([]);
    expect(problems(trigger([{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ expression: 'true' }] }, { name: 'Overlays', value: [{ expression: '1 +' }] }] }]))).toEqual([]);
    // not a list, an overlay that is not an object, an expression that is not a string: not read here
    expect(TRIGGERS_RUNNABLE.check(trigger([withOverlays({ key: 'a' }), withOverlays([null, 'x', { expression: 7 }]), withOverlays(null)]))).toEqual([]);
  });
});
