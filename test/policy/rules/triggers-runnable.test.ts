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
  + "remove it, and give the cel interceptor a filter CEL parses (Triggers' cel interceptor logs its parse error for every event).";
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
    expect(TRIGGERS_RUNNABLE.check(trigger([GITHUB, null]))[0].fix).toBe(FIX);
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
    // a filter that is not a string is refused by the interceptor otherwise; one that parses is not read further
    expect(TRIGGERS_RUNNABLE.check(trigger([cel(7), cel('undeclared.x')]))).toEqual([]);
  });
});
