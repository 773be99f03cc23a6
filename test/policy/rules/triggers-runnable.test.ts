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

  test("labels of the kubernetesResource template that replace those the listener's Deployment selects its pod by: the API server refuses the Deployment", () => {
    const labelled = (labels: unknown, name = 'ci') => ({
      ...listener({ resources: { kubernetesResource: { spec: { template: { metadata: { labels } } } } } }), metadata: { name, namespace: 'ci', labels: { eventlistener: 'x' } },
    });
    const at = (key: string, value: string, want: string) => ({
      rule: RuleId.TRIGGERS_RUNNABLE,
      kind: 'EventListener',
      name: 'ci',
      property: `spec.resources.kubernetesResource.spec.template.metadata.labels['${key}']`,
      value,
      problem: `replaces the label ${key}: ${want} that Triggers' controller gives the listener's pod and that its Deployment selects the pod by `
        + '(spec.selector.matchLabels): the API server refuses the Deployment ("`selector` does not match template `labels`"), so the EventListener '
        + 'gets no pod and none of its triggers runs',
      fix: `Remove the label ${key} from spec.resources.kubernetesResource.spec.template.metadata.labels: Triggers' controller sets it (${key}: ${want}).`,
    });
    expect(TRIGGERS_RUNNABLE.check(labelled({ 'eventlistener': 'other', 'app.kubernetes.io/part-of': 'Triggers', 'app.kubernetes.io/managed-by': null, 'team': 'a' }))).toEqual([
      at('app.kubernetes.io/managed-by', 'null', 'EventListener'),
      at('eventlistener', 'other', 'ci'),
    ]);
    // the same values, other labels, and the EventListener's own labels (under the controller's) leave the selector matching
    expect(TRIGGERS_RUNNABLE.check(labelled({ 'eventlistener': 'ci', 'app.kubernetes.io/part-of': 'Triggers', 'team': 'a', 'app.kubernetes.io/name': 'x' }))).toEqual([]);
    // a listener without a name (generateName) is not known here
    expect(TRIGGERS_RUNNABLE.check({ ...labelled({ eventlistener: 'other' }), metadata: { generateName: 'ci-', namespace: 'ci' } })).toEqual([]);
  });

  test('labels of the kubernetesResource template that are no Kubernetes labels: the API server refuses the Deployment\'s pod template', () => {
    const labelled = (labels: unknown) => listener({ resources: { kubernetesResource: { spec: { template: { metadata: { labels } } } } } });
    const T = 'spec.resources.kubernetesResource.spec.template.metadata.labels';
    const REFUSED = ": Triggers' controller puts the template's labels on the pod template of the listener's Deployment, which the API server refuses "
      + '("spec.template.metadata.labels: Invalid value", apps validation), so the EventListener gets no pod and none of its triggers runs';
    const at = (key: string, value: string, which: 'key' | 'value') => ({
      rule: RuleId.TRIGGERS_RUNNABLE,
      kind: 'EventListener',
      name: 'ci',
      property: `${T}['${key}']`,
      value,
      problem: which === 'key'
        ? `has a key that is not a label key (an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)${REFUSED}`
        : `is not a label value (empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)${REFUSED}`,
      fix: which === 'key'
        ? `Rename the label '${key}' in ${T} to a valid label key (app.example.com/role: a DNS subdomain prefix, a name of at most 63 characters), or remove it.`
        : `Change the value of the label '${key}' in ${T} to a valid label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit; `
          + 'quote it in YAML), or move the text to an annotation.',
    });
    const long = 'a'.repeat(64);
    expect(TRIGGERS_RUNNABLE.check(labelled({ 'team name': 'a', 'Example.com/x': 'b', 'owner': 'ci team', 'build': long, 'tier': '-web', 'eventlistener': 'not ok' }))).toEqual([
      at('team name', 'team name', 'key'),
      at('Example.com/x', 'Example.com/x', 'key'),
      at('owner', 'ci team', 'value'),
      at('build', long, 'value'),
      at('tier', '-web', 'value'),
      at('eventlistener', 'not ok', 'value'),
    ]);
    // valid keys and values (a prefixed key, an empty value, a null read as "", 63 characters) are labels
    expect(TRIGGERS_RUNNABLE.check(labelled({ 'app.example.com/role': 'web', 'empty': '', 'none': null, 'x': 'a'.repeat(63), 'A_b.c-D': 'z9' }))).toEqual([]);
  });

  test("labels of a customResource that are no Kubernetes labels: the object's, and a Knative Service's template's (its Revision's), read as encoding/json reads them", () => {
    const custom = (o: any) => listener({ resources: { customResource: o } });
    const C = 'spec.resources.customResource';
    const bad = (at: string, refused: string) => ({
      rule: RuleId.TRIGGERS_RUNNABLE,
      kind: 'EventListener',
      name: 'ci',
      property: `${at}['owner']`,
      value: 'ci team',
      problem: `is not a label value (empty, or at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit): ${refused}, so the `
        + 'EventListener gets no pod and none of its triggers runs',
      fix: `Change the value of the label 'owner' in ${at} to a valid label value (at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit; `
        + 'quote it in YAML), or move the text to an annotation.',
    });
    const OBJECT = "Triggers' controller puts them on the object it creates, which the API server refuses (\"metadata.labels: Invalid value\")";
    const REVISION = "Triggers' controller puts them on the Knative Service's template, whose metadata Knative Serving gives the Revision it makes of it (MakeRevision), "
      + 'which the API server refuses ("metadata.labels: Invalid value")';
    const labels = { owner: 'ci team' };
    expect(TRIGGERS_RUNNABLE.check(custom({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', Metadata: { Labels: labels }, spec: { template: { metadata: { labels } } } }))).toEqual([
      bad(`${C}.metadata.labels`, OBJECT),
      bad(`${C}.spec.template.metadata.labels`, REVISION),
    ]);
    // another kind's template is not known here; its object's labels are
    expect(TRIGGERS_RUNNABLE.check(custom({ apiVersion: 'example.dev/v1', kind: 'Service', metadata: { labels }, spec: { template: { metadata: { labels } } } }))).toEqual([
      bad(`${C}.metadata.labels`, OBJECT),
    ]);
    // a later key of the same field, in the order of the keys' bytes as the API server stores them (LABELS before labels), replaces the
    // map's entry (encoding/json): the valid value is read, whichever key is written first
    expect(TRIGGERS_RUNNABLE.check(custom({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { labels: { owner: 'ci-team' }, LABELS: labels } }))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(custom({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { LABELS: labels, labels: { owner: 'ci-team' } } }))).toEqual([]);
  });

  test("a customResource made in another namespace than the EventListener's: the garbage collector deletes it", () => {
    const custom = (metadata: unknown) => listener({ resources: { customResource: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata, spec: {} } } });
    expect(TRIGGERS_RUNNABLE.check(custom({ namespace: 'prod' }))).toEqual([{
      rule: RuleId.TRIGGERS_RUNNABLE,
      kind: 'EventListener',
      name: 'ci',
      property: 'spec.resources.customResource.metadata.namespace',
      value: 'prod',
      problem: "makes Triggers' controller create the listener's object in namespace 'prod' with an owner reference to the EventListener "
        + "in 'ci': Kubernetes' garbage collector takes an owner in another namespace for absent and deletes the object, which the controller "
        + "creates again, so the listener's pod does not stay and its triggers miss events (meanwhile it runs in that namespace, as a ServiceAccount of that namespace)",
      fix: "Remove metadata.namespace from spec.resources.customResource (Triggers' controller then creates the object in the EventListener's namespace), or create the "
        + "EventListener in 'prod'.",
    }]);
    expect(TRIGGERS_RUNNABLE.check(custom({ namespace: 'ci' }))).toEqual([]);
    // without a kind, the controller cannot make the object at all; a kind under another spelling is read as Go reads it
    const kindless = { apiVersion: 'serving.knative.dev/v1', spec: {} };
    expect(problems(listener({ resources: { customResource: kindless } }))).toEqual([{
      location: undefined,
      property: 'spec.resources.customResource.kind',
      value: undefined,
      problem: "is missing: Triggers' controller cannot make the object of a customResource without a kind (\"Object 'Kind' is missing\"), so the "
        + 'EventListener gets no pod and none of its triggers runs',
    }]);
    expect(TRIGGERS_RUNNABLE.check(listener({ resources: { customResource: { ...kindless, Kind: 'Service' } } }))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(custom({ namespace: '' }))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(custom(undefined))).toEqual([]);
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
      problem: `names no interceptor (no ref.name, no webhook): Triggers' validating webhook refuses the Trigger ("missing field(s): spec.interceptors[${i}].interceptor")`,
    })));
    expect(problems(listener({ triggerGroups: [group([GITHUB, {}])] }))).toEqual([{
      location: "trigger group 'github'",
      property: 'spec.triggerGroups[0].interceptors[1]',
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
    // a null filter is none
    expect(TRIGGERS_RUNNABLE.check(trigger([cel(null)]))).toEqual([]);
  });

  test('a filter that is not a string: the interceptor cannot decode its params and stops every event', () => {
    const undecoded = (what: string) => `gives the cel interceptor a filter that is ${what}, not a string: Go's encoding/json cannot decode the interceptor's params, `
      + 'so Triggers\' cel interceptor answers every event with "failed to parse interceptor params" and stops the trigger, so it never runs';
    expect(problems(trigger([cel(7), cel(true), cel(['true']), cel({ a: 'true' }, 'Filter')]))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].params[0].value', value: '7', problem: undecoded('a number (YAML reads an unquoted number as one)') },
      {
        location: undefined,
        property: 'spec.interceptors[1].params[0].value',
        value: 'true',
        problem: undecoded('a bool (YAML reads an unquoted y, n, yes, no, on, off, true or false as a bool)'),
      },
      { location: undefined, property: 'spec.interceptors[2].params[0].value', value: "[ 'true' ]", problem: undecoded('a list') },
      { location: undefined, property: 'spec.interceptors[3].params[0].value', value: "{ a: 'true' }", problem: undecoded('an object') },
    ]);
    // a null after a string leaves the string (the sink's map keeps the last of a name, so a null last of the same name is none)
    const both = (a: [string, unknown], b: [string, unknown]) => trigger([{ ref: { name: 'cel' }, params: [{ name: a[0], value: a[1] }, { name: b[0], value: b[1] }] }]);
    expect(problems(both(['Filter', '1 &&'], ['filter', null])).map((p) => p.property)).toEqual(['spec.interceptors[0].params[0].value']);
    expect(TRIGGERS_RUNNABLE.check(both(['filter', '1 &&'], ['filter', null]))).toEqual([]);
  });

  test("v1alpha1's cel: field of the wrong JSON type, or with a key that is no field: Triggers' webhooks cannot decode it and refuse the object", () => {
    const V1ALPHA1 = 'triggers.tekton.dev/v1alpha1';
    const refused = (error: string, object = 'Trigger') => `cannot be decoded: Triggers' webhooks (knative's decoding, Go's encoding/json) answer "${error}" and refuse the ${object}`;
    expect(problems(trigger([{ cel: { filter: 7 } }, { cel: { overlays: {} } }, { cel: { overlays: [1] } }, { cel: { overlays: [{ key: 'k', expression: true }] } },
      { cel: { Filter: ['x'], filter: 'true' } }, { cel: 'x' }, { cel: { filter: 'true', filtr: 'x' } }, { cel: { overlays: [{ key: 'k', expression: '1', value: 1 }] } },
      { github: 1 }], V1ALPHA1))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].cel.filter', value: '7', problem: refused('json: cannot unmarshal number into Go struct field CELInterceptor…filter of type string') },
      {
        location: undefined,
        property: 'spec.interceptors[1].cel.overlays',
        value: '{}',
        problem: refused('json: cannot unmarshal object into Go struct field CELInterceptor…overlays of type []v1alpha1.CELOverlay'),
      },
      {
        location: undefined,
        property: 'spec.interceptors[2].cel.overlays[0]',
        value: '1',
        problem: refused('json: cannot unmarshal number into Go struct field CELInterceptor…overlays of type v1alpha1.CELOverlay'),
      },
      {
        location: undefined,
        property: 'spec.interceptors[3].cel.overlays[0].expression',
        value: 'true',
        problem: refused('json: cannot unmarshal bool into Go struct field CELOverlay…expression of type string'),
      },
      { location: undefined, property: 'spec.interceptors[4].cel.Filter', value: "[ 'x' ]", problem: refused('json: cannot unmarshal array into Go struct field CELInterceptor…filter of type string') },
      { location: undefined, property: 'spec.interceptors[5].cel', value: 'x', problem: refused('json: cannot unmarshal string into Go struct field TriggerInterceptor…cel of type v1alpha1.CELInterceptor') },
      { location: undefined, property: 'spec.interceptors[6].cel.filtr', value: 'x', problem: refused('json: unknown field "filtr"') },
      { location: undefined, property: 'spec.interceptors[7].cel.overlays[0].value', value: '1', problem: refused('json: unknown field "value"') },
      {
        location: undefined,
        property: 'spec.interceptors[8].github',
        value: '1',
        problem: refused('json: cannot unmarshal number into Go struct field TriggerInterceptor…github of type v1alpha1.GitHubInterceptor'),
      },
    ]);
    // in an EventListener's trigger; nulls are none
    expect(problems(listener({ triggers: [{ name: 'push', interceptors: [{ cel: { filter: 7 } }], template: { ref: 'build' } }] }, V1ALPHA1)).map((p) => p.problem))
      .toEqual([refused('json: cannot unmarshal number into Go struct field CELInterceptor…filter of type string', 'EventListener')]);
    expect(TRIGGERS_RUNNABLE.check(trigger([{ cel: { filter: null, overlays: [{ key: 'k', expression: '1', Key: null }] } }], V1ALPHA1))).toEqual([]);
    // the same fields in v1beta1 params are the interceptor's to decode (tested above), and v1beta1 has no cel: field (TRIGGERS_AUTHENTICATED's unknown field)
    expect(TRIGGERS_RUNNABLE.check(trigger([{ cel: { filter: 7 } }]))).toEqual([]);
  });

  test("an overlay's key that is empty, and a value the interceptor cannot write as JSON: every event the filter lets through stops there", () => {
    const withOverlays = (overlays: unknown) => ({ ref: { name: 'cel' }, params: [{ name: 'overlays', value: overlays }] });
    const emptyKey = "gives the cel interceptor an overlay whose key is empty or missing, under which it cannot write the value (sjson: \"path cannot be empty\"): Triggers' cel "
      + 'interceptor answers every event its filter lets through with "failed to sjson for key \'\'" and stops the trigger, so it never runs';
    const unwritten = (what: string) => `gives the cel interceptor an overlay expression whose value is always ${what}, which it cannot write as JSON: Triggers' cel `
      + 'interceptor answers every event its filter lets through with "failed to convert overlay result to type" and stops the trigger, so it never runs';
    expect(problems(trigger([withOverlays([{ key: '', expression: '1' }, { expression: "'a'" }, { key: 'a', expression: '1u' }, { key: 'b', expression: 'null' },
      { key: 'c', expression: 'type(body)' }, { key: 'd', expression: "{1: 'a'}" }, { key: 'e', expression: "body.a == 'x' ? 1u : math.abs(2u)" }])]))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].params[0].value[0].key', value: '', problem: emptyKey },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[1]', problem: emptyKey },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[2].expression', value: '1u', problem: unwritten('a uint') },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[3].expression', value: 'null', problem: unwritten('null') },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[4].expression', value: 'type(body)', problem: unwritten('a type') },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[5].expression', value: "{1: 'a'}", problem: unwritten('a map with int keys') },
      { location: undefined, property: 'spec.interceptors[0].params[0].value[6].expression', value: "body.a == 'x' ? 1u : math.abs(2u)", problem: unwritten('a uint') },
    ]);
    // the fix names what the interceptor writes
    expect(TRIGGERS_RUNNABLE.check(trigger([withOverlays([{ key: '', expression: '1' }])]))[0].fix).toContain('not a uint, which `int(…)` converts');
    // values it writes: strings, numbers, bools, bytes, lists (of uints too), maps with string keys, dyn; a key with sjson's syntax is written or skipped
    expect(TRIGGERS_RUNNABLE.check(trigger([withOverlays([{ key: 'a', expression: "'x'" }, { key: 'b', expression: '1.5' }, { key: 'c', expression: "b'x'" },
      { key: 'd', expression: '[1u]' }, { key: 'e', expression: "{'a': 1u}" }, { key: 'f', expression: 'body' }, { key: 'g', expression: 'int(1u)' },
      { key: 'h.i', expression: 'dyn(1)' }, { key: 'j*', expression: 'true' }])]))).toEqual([]);
    // v1alpha1's cel: field, written as the same params by Triggers' defaulting
    expect(problems(trigger([{ cel: { overlays: [{ key: '', expression: '1u' }] } }], 'triggers.tekton.dev/v1alpha1')).map((p) => p.property))
      .toEqual(['spec.interceptors[0].cel.overlays[0].key', 'spec.interceptors[0].cel.overlays[0].expression']);
  });

  test('a filter or overlay the type check refuses, and a filter never true: every event stops there', () => {
    const mistyped = (op: string, where = 'a filter') => `gives the cel interceptor ${where} that CEL's type check refuses: no overload in Triggers' CEL environment `
      + "(cel-go's standard library, the strings, encoders, sets, lists and math extensions and Triggers' own functions) takes "
      + `${op}: Triggers' cel interceptor answers every event${where === 'a filter' ? '' : ' its filter lets through'} `
      + 'with "check failed" and stops the trigger, so it never runs';
    const never = (type: string) => `gives the cel interceptor a filter whose value is always ${type}, never true: Triggers' cel interceptor answers every event `
      + 'with "expression … did not return true" and stops the trigger, so it never runs';
    expect(problems(trigger([cel('requestURL == 1'), cel("'a' + 1 == 'a1'"), cel('1 && true'), cel('size(1) == 1'), cel("body.a == 1 && (true ? 1 : 'a') == 1"),
      cel('!1'), cel('-1u == 1u'), cel("1 in 'abc'"), cel('1 < 1.0'), cel('int == 1'), cel("'x'"), cel('1 + 1'), cel('[1].map(v, v)'), cel('requestURL'),
      { ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: 'k', expression: "'a' - 'b'" }] }] }])).map((p) => p.problem)).toEqual([
      mistyped("'_==_' applied to (string, int)"), mistyped("'_+_' applied to (string, int)"), mistyped("'_&&_' applied to (int, bool)"), mistyped("'size' applied to (int)"),
      mistyped("'_?_:_' applied to (bool, int, string)"), mistyped("'!_' applied to (int)"), mistyped("'-_' applied to (uint)"), mistyped("'@in' applied to (int, string)"),
      mistyped("'_<_' applied to (int, double)"), mistyped("'_==_' applied to (type, int)"), never('a string'), never('an int'), never('a list'), never('a string'),
      mistyped("'_-_' applied to (string, string)", 'an overlay expression'),
    ]);
    // what is dyn (a map's entry, a name a macro binds, a function's result it does not type) is never refused; an even run of '!' is none
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("body.a + 1 == 2 && header.b == 'x' && [1].all(requestURL, requestURL == 1) && math.greatest(1, 2.0) == 'x'"),
      cel('!!true && size(body.a) == 1 && int(body.a) < 2 && type(1) == int && 1u < 2u && [1] + [2] == [1, 2]'), cel('body.a'), cel("dyn('x')"),
      { ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: 'k', expression: "'a' + 'b'" }] }] }]))).toEqual([]);
    // each its own fix: types that match, a condition, an expression to write
    expect(TRIGGERS_RUNNABLE.check(trigger([cel('requestURL == 1'), cel("'x'"), { ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: 'k', expression: '' }] }] }])).map((f) => f.fix)).toEqual([
      'Give each operation operands of the types it takes: compare a string with a string (requestURL == \'https://…\'), convert a value first where '
      + 'it is of another type (string(1), int(body.n), double(body.n), int(size(body.l)) + 1), read body, header and extensions, whose entries are of any type, '
      + 'where the value comes from the event, and call a method on its target (header.canonical(\'X-Token\').compareSecret(\'token\', \'hook\')).',
      "Write the filter as a condition, an expression whose value is a bool (body.action == 'opened', header.match('X-GitHub-Event', 'push')): "
      + 'Triggers lets an event through only where it is true.',
      'Write the expression whose value the overlay is to hold, or remove the overlay.',
    ]);
  });

  test("the type check's refusals through functions Triggers does not declare, how they are called, macros' variables, type parameters and orderings", () => {
    const CHECKED = "that CEL's type check refuses: no overload in Triggers' CEL environment (cel-go's standard library, the strings, encoders, sets, lists and "
      + "math extensions and Triggers' own functions) takes ";
    const fails = (what: string) => `gives the cel interceptor a filter ${what}: Triggers' cel interceptor answers every event with "check failed" and stops `
      + 'the trigger, so it never runs';
    const withFilters = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: {
        triggers: [{
          name: 'push',
          template: { ref: 'build' },
          interceptors: ["body.h.decodeb64() == 'hi'", "compareSecret(header.canonical('X-Token'), 'token', 'hook')", '[1, 2].exists(x, x == 1.0)',
            'sets.intersects([1], [1.0])', 'body.c.size() + 1u == 3u', '[1] < [2]', 'null < 1', "{'a': 1}.exists(k, k == 1)", '1.all(x, true)',
            '[1].all(x, x)'].map((filter) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] })),
        }],
      },
    };
    const found = TRIGGERS_RUNNABLE.check(withFilters);
    expect(found.map((f) => [f.location, f.property, f.value, f.problem])).toEqual([
      ["trigger 'push'", 'spec.triggers[0].interceptors[0].params[0].value', "body.h.decodeb64() == 'hi'", fails("that calls 'decodeb64', which no function of "
        + "Triggers' CEL environment is named (cel-go's standard library, the strings, encoders, sets, lists and math extensions and Triggers' own functions), "
        + 'so CEL\'s type check fails ("undeclared reference to \'decodeb64\'")')],
      ["trigger 'push'", 'spec.triggers[0].interceptors[1].params[0].value', "compareSecret(header.canonical('X-Token'), 'token', 'hook')",
        fails(`${CHECKED}'compareSecret' applied to (string, string, string) (a method, called as <target>.compareSecret(…), not a function)`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[2].params[0].value', '[1, 2].exists(x, x == 1.0)', fails(`${CHECKED}'_==_' applied to (int, double)`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[3].params[0].value', 'sets.intersects([1], [1.0])',
        fails(`${CHECKED}'sets.intersects' applied to (list(int), list(double))`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[4].params[0].value', 'body.c.size() + 1u == 3u', fails(`${CHECKED}'_+_' applied to (int, uint)`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[5].params[0].value', '[1] < [2]', fails(`${CHECKED}'_<_' applied to (list(int), list(int))`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[6].params[0].value', 'null < 1', fails(`${CHECKED}'_<_' applied to (null, int)`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[7].params[0].value', "{'a': 1}.exists(k, k == 1)", fails(`${CHECKED}'_==_' applied to (string, int)`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[8].params[0].value', '1.all(x, true)',
        fails(`${CHECKED}'all' applied to int, which is no list or map it could run over`)],
      ["trigger 'push'", 'spec.triggers[0].interceptors[9].params[0].value', '[1].all(x, x)', fails(`${CHECKED}'all' applied to a predicate of type int, not bool`)],
    ]);
    // each with a fix that compiles: base64.decode for decodeb64, a method's call, conversions
    expect(found[0].fix).toBe("Call only the functions Triggers' CEL environment declares: cel-go's standard library's, those of its strings, encoders, sets, "
      + "lists and math extensions and Triggers' own (canonical, compareSecret, parseJSON, parseYAML, parseURL, marshalJSON, match, truncate, translate, first, "
      + "last); base64.decode(body.h) decodes base64 where Triggers' old decodeb64 did.");
    expect(found[1].fix).toContain("call a method on its target (header.canonical('X-Token').compareSecret('token', 'hook'))");
    // what compiles: the fixes, an ordering across numbers inside a macro (cel-go's checker takes it there), null ordered with null, a macro's
    // variable over what is dyn, the macros and math.greatest, a method's call on dyn
    const filters = ["base64.decode(body.h) == b'hi'", "header.canonical('X-Token').compareSecret('token', 'hook')", '[1, 2].exists(x, x == 1)',
      '[1, 2].exists(x, x < 1.0)', 'sets.intersects([1], [1])', 'int(size(body.c)) + 1 == 3', 'body.c.size() + 1 == 3', 'null < null || true',
      'body.l.exists(x, x == 1.0)', "body.exists(k, k == 'a')", 'math.greatest(1, 2) == 2', "body.a.getFullYear() == 1 || body.b.trim() == ''",
      // a function named from the root scope (a leading dot), a macro's variable of the namespace's name beside it
      '.lists.range(2).size() == 2', ". int('1') == 1", '[1].all(lists, .lists.range(1).size() == 1)'];
    expect(TRIGGERS_RUNNABLE.check({
      ...withFilters,
      spec: {
        triggers: [{
          ...withFilters.spec.triggers[0],
          interceptors: filters.map((filter) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] })),
        }],
      },
    })).toEqual([]);
  });

  test('a function called from the root scope, and has() with a leading dot or two arguments: undeclared as cel-go names them (no macro there)', () => {
    const filters = ['.foo(1)', '.has(body.a)', 'has(body.a, 1)', 'body.a.exists(foo, .foo(1))', '.size(body.a) == 1', 'has(body.a)'];
    const rooted = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggerGroups: [{ name: 'p', interceptors: filters.map((filter) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] })) }] },
    };
    const calls = (name: string) => `gives the cel interceptor a filter that calls '${name}', which no function of Triggers' CEL environment is named (cel-go's `
      + "standard library, the strings, encoders, sets, lists and math extensions and Triggers' own functions), so CEL's type check fails "
      + `("undeclared reference to '${name}'"): Triggers' cel interceptor answers every event with "check failed" and stops the trigger, so it never runs`;
    expect(TRIGGERS_RUNNABLE.check(rooted).map((f) => [f.property, f.value, f.problem])).toEqual([
      ['spec.triggerGroups[0].interceptors[0].params[0].value', '.foo(1)', calls('.foo')],
      ['spec.triggerGroups[0].interceptors[1].params[0].value', '.has(body.a)', calls('.has')],
      ['spec.triggerGroups[0].interceptors[2].params[0].value', 'has(body.a, 1)', calls('has')],
      ['spec.triggerGroups[0].interceptors[3].params[0].value', 'body.a.exists(foo, .foo(1))', calls('.foo')],
    ]);
  });

  test('a macro\'s name called with other arguments is a function\'s no one declares; of several undeclared names and functions, cel-go\'s first is quoted', () => {
    const filters = ['[1].all(1)', 'body.a.exists(x)', '.foo(1) && bar', '.lists.foo(2)', "bar && body.a.decodeb64() == 'x'"];
    const macros = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggerGroups: [{ name: 'p', interceptors: filters.map((filter) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] })) }] },
    };
    const RUNS = 'Triggers\' cel interceptor answers every event with "check failed" and stops the trigger, so it never runs';
    const calls = (name: string) => `gives the cel interceptor a filter that calls '${name}', which no function of Triggers' CEL environment is named (cel-go's `
      + "standard library, the strings, encoders, sets, lists and math extensions and Triggers' own functions), so CEL's type check fails "
      + `("undeclared reference to '${name}'"): ${RUNS}`;
    const refers = (name: string) => `gives the cel interceptor a filter that refers to '${name}', which Triggers' CEL environment does not declare (it declares `
      + `body, header, extensions and requestURL), so CEL's type check fails ("undeclared reference to '${name}'"): ${RUNS}`;
    const macro = (name: string) => `Call ${name} as the macro of cel-go's standard library is written, <list or map>.${name}(x, <predicate of x>): called otherwise `
      + '(other arguments, or as a method where it is a function\'s or the reverse), cel-go\'s parser expands no macro, and no function of that name is declared.';
    expect(TRIGGERS_RUNNABLE.check(macros).map((f) => [f.value, f.problem, ...(/\((1|x)\)/.test(f.value ?? '') ? [f.fix] : [])])).toEqual([
      ['[1].all(1)', calls('all'), macro('all')],
      ['body.a.exists(x)', calls('exists'), macro('exists')],
      ['.foo(1) && bar', calls('.foo'), expect.stringContaining('Call only the functions Triggers\' CEL environment declares')],
      ['.lists.foo(2)', refers('.lists')],
      ["bar && body.a.decodeb64() == 'x'", refers('bar')],
    ]);
  });

  test("has() of anything but a field's selection: CEL's parser refuses the macro's argument, every event stops there", () => {
    const filters = ['has(1)', "has(body['a']) && true", '[1].exists(x, has(x))', 'has((body.a))', 'has((body).a)', 'has(body.a[0].b)'];
    const refused = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggerGroups: [{ name: 'p', interceptors: filters.map((filter) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] })) }] },
    };
    const notParsed = (arg: string) => `gives the cel interceptor a filter CEL cannot parse (invalid argument to has() macro: ${arg} selects no field (body.a selects one)): `
      + 'Triggers\' cel interceptor answers every event with "failed to parse expression" and stops the trigger, so it never runs';
    expect(TRIGGERS_RUNNABLE.check(refused).map((f) => [f.property, f.problem])).toEqual([
      ['spec.triggerGroups[0].interceptors[0].params[0].value', notParsed('1')],
      ['spec.triggerGroups[0].interceptors[1].params[0].value', notParsed("body['a']")],
      ['spec.triggerGroups[0].interceptors[2].params[0].value', notParsed('x')],
    ]);
  });

  test("a map of constants with a bytes key, on which cel-go panics when it plans the program: the core interceptors' server answers nothing", () => {
    const withOverlays = (overlays: unknown) => ({ ref: { name: 'cel' }, params: [{ name: 'overlays', value: overlays }] });
    const found = TRIGGERS_RUNNABLE.check(trigger([cel("true || {b'a': 1}.size() == 1"), withOverlays([{ key: 'k', expression: "[{'a': 1}, {b'x': [1, 2]}]" }])]));
    const panics = (where: string, literal: string, events: string) => `gives the cel interceptor ${where} that holds a map of constants with a bytes key `
      + `(${literal}; cel-go's optimizer makes a constant of a literal, a list or map of constants and a conversion of a constant, dyn(…) too), which cel-go `
      + 'builds when it plans the program, before it reads the event, and panics on ("hash of unhashable type types.Bytes"): '
      + `Triggers' cel interceptor panics on ${events}, and the core interceptors' server, whose handler net/http recovers by closing the connection, answers `
      + 'nothing, so the sink stops the trigger and it never runs';
    expect(found.map((f) => [f.property, f.value, f.problem])).toEqual([
      ['spec.interceptors[0].params[0].value', "true || {b'a': 1}.size() == 1", panics('a filter', "{b'a': 1}", 'every event')],
      ['spec.interceptors[1].params[0].value[0].expression', "[{'a': 1}, {b'x': [1, 2]}]",
        panics('an overlay expression', "{b'x': [1, 2]}", 'every event its filter lets through')],
    ]);
    expect(found[0].fix).toBe("Give the map literal keys that are strings ({'a': 1}) or ints, not bytes (b'…', bytes(…)): write the string itself.");
    // a map whose entries are not all constants is built on the event, only where it is evaluated
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("true || {b'a': body.x}.size() == 1"), cel("{'a': 1}.size() == 1 && {string(b'a'): 1}.size() == 1")]))).toEqual([]);
  });

  test('a conversion of a constant cel-go fails on when it plans the program: no program is made, whatever the event', () => {
    const found = TRIGGERS_RUNNABLE.check(trigger([cel("body.action == 'opened' || int('one') == 1"), cel("string(null) == ''")]));
    const unplanned = (conversion: string, error: string) => `gives the cel interceptor a filter that converts a constant cel-go cannot convert (${conversion}), which its `
      + `optimizer converts when it plans the program, before it reads the event, and fails on ("${error}"): Triggers' cel interceptor answers every event with `
      + '"failed to create a Program" and stops the trigger, so it never runs';
    expect(found.map((f) => [f.property, f.problem])).toEqual([['spec.interceptors[0].params[0].value', unplanned("int('one')", "type conversion error from 'string' to 'int'")],
      ['spec.interceptors[1].params[0].value', unplanned('string(null)', 'no such overload: string(null_type)')]]);
    expect(found[0].fix).toBe("Convert what the event holds (int(body.n)), or write the value itself (1, not int('one'); 'x', not string(null); true, not bool('yes'); "
      + "bytes that are UTF-8 for string(b'…'), b'\\xc3\\xa9', not b'\\xff').");
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("int('+1') == 1 && bool('T') && uint('7') == 7u && int(body.n) == 1 && dyn(null) == null")]))).toEqual([]);
    // a number out of the range of the type it is converted to (cel-go's overflow checks: int of a double or a uint, uint of a double or a negative int)
    const numbers = TRIGGERS_RUNNABLE.check(trigger([cel('int(1e20) == 1'), cel('uint(-1) == 1u'), cel('int(9223372036854775808u) == 1'), cel('uint(-0.5) == 0u')]));
    expect(numbers.map((f) => f.problem)).toEqual([unplanned('int(1e20)', 'integer overflow'), unplanned('uint(-1)', 'unsigned integer overflow'),
      unplanned('int(9223372036854775808u)', 'integer overflow'), unplanned('uint(-0.5)', 'unsigned integer overflow')]);
    expect(TRIGGERS_RUNNABLE.check(trigger([cel('int(9.2e18) == 1 && uint(-0) == 0u && uint(-0.0) == 0u && int(9223372036854775807u) == 1 && int(-9.2e18) < 0')])))
      .toEqual([]);
    // doubles, timestamps and durations of strings Go's parsers refuse (strconv.ParseFloat, cel-go's isStrictRFC3339 and time.Parse,
    // time.ParseDuration), timestamps out of cel-go's range, strings of digits past an int's, a negative number through dyn(…)
    const strings = TRIGGERS_RUNNABLE.check(trigger([cel("double('x') == 1.0"), cel("timestamp('x') == timestamp(0)"), cel("duration('1d') == duration('1s')"),
      cel("timestamp('2020-02-30T00:00:00Z') < timestamp(0)"), cel('timestamp(253402300800) == timestamp(0)'), cel("timestamp('0000-12-31T23:59:59Z') < timestamp(0)"),
      cel("int('99999999999999999999') == 1"), cel('uint(dyn(-1)) == 1u'), cel("duration('2562048h') > duration('0')")]));
    expect(strings.map((f) => f.problem)).toEqual([unplanned("double('x')", "type conversion error from 'string' to 'double'"),
      unplanned("timestamp('x')", 'invalid RFC 3339 timestamp "x"'), unplanned("duration('1d')", "type conversion error from 'string' to 'google.protobuf.Duration'"),
      unplanned("timestamp('2020-02-30T00:00:00Z')", "type conversion error from 'string' to 'google.protobuf.Timestamp'"),
      unplanned('timestamp(253402300800)', 'timestamp overflow'), unplanned("timestamp('0000-12-31T23:59:59Z')", 'timestamp overflow'),
      unplanned("int('99999999999999999999')", "type conversion error from 'string' to 'int'"), unplanned('uint(dyn(-1))', 'unsigned integer overflow'),
      unplanned("duration('2562048h')", "type conversion error from 'string' to 'google.protobuf.Duration'")]);
    // the string as Go's %q writes it (cel-go's error): a quote escaped, a non-printable rune as \u…
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("timestamp('a\"\u00e9\u00a0') == timestamp(0)")])).map((f) => f.problem))
      .toEqual([unplanned("timestamp('a\"\u00e9\u00a0')", 'invalid RFC 3339 timestamp "a\\"\u00e9\\u00a0"')]);
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("double('inf') != 1.0 && double('1_0') == 10.0 && double('0x1p-2') == 0.25 && double('.5') == 0.5 && double('1e-400') == 0.0"),
      cel("timestamp('2020-02-29T23:59:59.5Z') > timestamp(-62135596800) || timestamp('9999-12-31T23:59:59Z') > timestamp(253402300799)"),
      cel("timestamp('2020-01-01T00:00:00.123+01:00') > timestamp(0) && duration('-1.5\u00b5s') < duration('+0') && duration('2562047h47m16.854775807s') > duration('1.s')"),
      cel("uint(dyn(1.5)) == 1u && int(dyn(-1)) == -1 && duration('-9223372036854775808ns') < duration('0')")]))).toEqual([]);
  });

  test("a timestamp's or a duration's constant as a bytes-keyed map's entry or as an index: cel-go's planner panics or fails on it", () => {
    const [panics, index, mistyped] = TRIGGERS_RUNNABLE.check(trigger([cel("{b'a': timestamp('2020-01-01T00:00:00Z')} == {}"), cel("body.a[duration('1s')] == 1"),
      cel("{'a': 1}[duration('1s')] == 1")]));
    expect(panics.problem).toBe("gives the cel interceptor a filter that holds a map of constants with a bytes key ({b'a': timestamp('2020-01-01T00:00:00Z')}; "
      + "cel-go's optimizer makes a constant of a literal, a list or map of constants and a conversion of a constant, dyn(…) too), which cel-go builds when it "
      + 'plans the program, before it reads the event, and panics on ("hash of unhashable type types.Bytes"): Triggers\' cel interceptor panics on every event, '
      + "and the core interceptors' server, whose handler net/http recovers by closing the connection, answers nothing, so the sink stops the trigger and it never runs");
    expect(index.problem).toBe("gives the cel interceptor a filter that indexes by a constant of a type cel-go's planner cannot index with (body.a[duration('1s')]; "
      + 'only a string, an int, a uint, a bool or a double), which it refuses when it plans the program, before it reads the event ("invalid qualifier type: '
      + 'types.Duration"): Triggers\' cel interceptor answers every event with "failed to create a Program" and stops the trigger, so it never runs');
    // a known map's keys are strings: the type check refuses the index first
    expect(mistyped.problem).toBe("gives the cel interceptor a filter that CEL's type check refuses: no overload in Triggers' CEL environment (cel-go's standard "
      + "library, the strings, encoders, sets, lists and math extensions and Triggers' own functions) takes '_[_]' applied to (map(string, int), duration): "
      + 'Triggers\' cel interceptor answers every event with "check failed" and stops the trigger, so it never runs');
    // a timestamp of an invalid string fails first; through dyn(…) the checker takes the index
    const [first, through] = TRIGGERS_RUNNABLE.check(trigger([cel("body.a[timestamp('x')] == 1"), cel('[body.a][dyn(timestamp(0))] == 1')]));
    expect(first.problem).toContain('(timestamp(\'x\')), which its optimizer converts when it plans the program, before it reads the event, and fails on ("invalid RFC 3339 timestamp "x"")');
    expect(through.problem).toContain('([body.a][dyn(timestamp(0))]; only a string, an int, a uint, a bool or a double), which it refuses when it plans the program, '
      + 'before it reads the event ("invalid qualifier type: types.Timestamp")');
  });

  test("a timestamp's or a duration's call beside a value of a known type no overload takes with it: CEL's type check refuses it", () => {
    const refused = (op: string, types: string) => "gives the cel interceptor a filter that CEL's type check refuses: no overload in Triggers' CEL environment "
      + "(cel-go's standard library, the strings, encoders, sets, lists and math extensions and Triggers' own functions) takes "
      + `'${op}' applied to (${types}): Triggers' cel interceptor answers every event with "check failed" and stops the trigger, so it never runs`;
    expect(problems(trigger([cel('timestamp(body.t) < 1'), cel('1 + duration(body.d) == body.a'), cel('(timestamp(body.t)) * body.a == 1'),
      cel('timestamp(body.t) != duration(body.d)')])).map((p) => p.problem))
      .toEqual([refused('_<_', 'timestamp, int'), refused('_+_', 'int, duration'), refused('_*_', 'timestamp, dyn'), refused('_!=_', 'timestamp, duration')]);
    // a timestamp with a timestamp, a duration added to or taken from it, beside dyn or null
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("timestamp(body.t) - duration('1s') < timestamp(body.u)"), cel('timestamp(body.t) - timestamp(body.u) == duration(body.d)'),
      cel('timestamp(body.t) < body.x && timestamp(body.t) != null')]))).toEqual([]);
  });

  test("where CEL's type check may refuse what is not typed here before the planner fails, the finding says so; the object is admitted either way", () => {
    const [compared, message] = TRIGGERS_RUNNABLE.check(trigger([cel("size(timestamp(0)) == 1 || int('x') == 1"), cel("google.protobuf.Duration{} == body.a || {b'a': 1} == {}")]));
    expect(compared.problem).toBe("gives the cel interceptor a filter that converts a constant cel-go cannot convert (int('x')), which its optimizer converts when it "
      + 'plans the program, before it reads the event, and fails on ("type conversion error from \'string\' to \'int\'"): Triggers\' cel interceptor answers every '
      + 'event with "failed to create a Program" and stops the trigger, so it never runs (unless CEL\'s type check, which comes first, refuses what is not typed '
      + 'here, a timestamp\'s or a duration\'s value, a message or a name in backticks: then it answers every event with "check failed" and the trigger never runs either)');
    expect(message.problem).toMatch(/answers nothing, so the sink stops the trigger and it never runs \(unless CEL's type check, which comes first, refuses what is not typed here/);
    // a timestamp given to a function, a method called on it, a condition of it
    for (const f of ["sets.intersects(timestamp(0), [1]) || int('x') == 1", "timestamp(0).truncate(1) == '' || int('x') == 1", "!timestamp(0) || int('x') == 1"]) {
      expect(TRIGGERS_RUNNABLE.check(trigger([cel(f)]))[0].problem).toMatch(/so it never runs \(unless CEL's type check, which comes first, refuses what is not typed here/);
    }
    // a timestamp or a duration beside what is dyn or null, or another of them, as an element, an index, a conversion's argument, a getter's target,
    // leaves the check as typed here
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("timestamp('x') == timestamp(0)"), cel("duration('1s') < body.d || int('x') == 1"), cel("timestamp(0) < null || int('x') == 1"),
      cel('[timestamp(0)].size() == 1 && body.a[timestamp(0)] == 1'), cel("int(timestamp(0)) == 1 && timestamp(0).getFullYear() == 1 || int('x') == 1")]))
      .map((f) => f.problem).filter((p) => p.includes('(unless'))).toEqual([]);
  });

  test("math.greatest and math.least as cel-go's math extension expands and types them, and the keys sortBy sorts by", () => {
    const found = TRIGGERS_RUNNABLE.check(trigger([cel("math.greatest(1, 2) == 'x'"), cel('math.greatest(requestURL, 2) == 1'), cel('[1].sortBy(x, [x]) == [1]'),
      cel('math.least(true)'), cel("math.greatest(1, 'a') == 1")])).map((f) => f.problem);
    const mistyped = (what: string) => "gives the cel interceptor a filter that CEL's type check refuses: no overload in Triggers' CEL environment (cel-go's standard "
      + `library, the strings, encoders, sets, lists and math extensions and Triggers' own functions) takes ${what}: Triggers' cel interceptor answers every event `
      + 'with "check failed" and stops the trigger, so it never runs';
    expect(found).toEqual([mistyped("'_==_' applied to (int, string)"), mistyped("'math.@max' (math.greatest) applied to (string, int)"),
      mistyped("'@sortByAssociatedKeys' (sortBy) applied to list(int).(list(list(int)))"), unparsed('math.least() invalid single argument value, at character 12'),
      unparsed('math.greatest() simple literal arguments must be numeric, at character 18')]);
    // sortBy of a literal that is no list is its parser's refusal (ext/lists.go), of a map its type check's
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("{'a': 1}.sortBy(z, z) == []"), cel('body.sortBy(z, z) == []'), cel('math.greatest([1, [2]]) == 1')])).map((f) => f.problem))
      .toEqual([unparsed('sortBy can only be applied to a list, identifier, comprehension, call or select expression, at character 1'),
        mistyped("'@sortByAssociatedKeys' (sortBy) applied to map(string, dyn).(list(string))"), unparsed('math.greatest() invalid single argument value, at character 15')]);
    // numbers of different types are dyn; null keys fail only where sorted; what sortBy makes of what is dyn is dyn
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("math.greatest(1, 2.0) == 'x' || math.least([1, 2u]) == 'x' || math.greatest(body.a, 1) == 'x'"),
      cel('[1].sortBy(x, null) == [1] || [1].sortBy(x, -x) == [1] || body.l.sortBy(x, x) + 1 == 1 || math.greatest([body.a, -(2)]) == 1')]))).toEqual([]);
  });

  describe('what cel-go refuses when it checks or plans the program, whatever the event (an EventListener\'s trigger)', () => {
    const listenerWith = (filter: string) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggers: [{ name: 'push', template: { ref: 'build' }, interceptors: [cel(filter)] }] },
    });
    const only = (filter: string) => {
      const found = TRIGGERS_RUNNABLE.check(listenerWith(filter));
      expect(found.map((f) => [f.location, f.property, f.value])).toEqual([["trigger 'push'", 'spec.triggers[0].interceptors[0].params[0].value', filter]]);
      return found[0];
    };
    const answers = (answer: string) => `: Triggers' cel interceptor answers every event with ${answer} and stops the trigger, so it never runs`;

    test('a map literal with a bytes key whose values are constants once the optimizer has folded conversions: a panic', () => {
      const f = only("{b'a': dyn(1)}.size() == 1");
      expect(f.problem).toBe("gives the cel interceptor a filter that holds a map of constants with a bytes key ({b'a': dyn(1)}; cel-go's optimizer makes a "
        + 'constant of a literal, a list or map of constants and a conversion of a constant, dyn(…) too), which cel-go builds when it plans the program, '
        + 'before it reads the event, and panics on ("hash of unhashable type types.Bytes"): Triggers\' cel interceptor panics on every event, and the core '
        + "interceptors' server, whose handler net/http recovers by closing the connection, answers nothing, so the sink stops the trigger and it never runs");
      expect(f.fix).toBe("Give the map literal keys that are strings ({'a': 1}) or ints, not bytes (b'…', bytes(…)): write the string itself.");
      expect(TRIGGERS_RUNNABLE.check(listenerWith("{'a': dyn(1)}.size() == 1"))).toEqual([]);
      for (const m of ["{bytes('a'): 1}", "{b'a': -1}", "{b'a': (1)}", "{b'a': int}", "{b'a': int('1')}"]) {
        expect(only(`${m}.size() == 1`).problem).toContain(`with a bytes key (${m};`);
      }
    });

    test('an index by a bytes constant: the planner makes no qualifier of it', () => {
      const f = only("{b'a': body.a}[b'a'] == 1");
      expect(f.problem).toBe("gives the cel interceptor a filter that indexes by a constant of a type cel-go's planner cannot index with ({b'a': body.a}[b'a']; "
        + 'only a string, an int, a uint, a bool or a double), which it refuses when it plans the program, before it reads the event ("invalid qualifier '
        + 'type: types.Bytes")' + answers('"failed to create a Program"'));
      expect(f.fix).toBe("Index by a string or an int (body.a['k'], body.l[0]), not by bytes, null, a list, a map, a type, a timestamp or a duration.");
      expect(only('body.a[null] == 1').problem).toContain('(body.a[null]; only a string, an int, a uint, a bool or a double), which it refuses when it plans the '
        + 'program, before it reads the event ("invalid qualifier type: types.Null")');
      // an index of body (a map of strings) by bytes: the checker refuses it first
      expect(only("body[b'a'] == 1").problem).toContain("takes '_[_]' applied to (map(string, dyn), bytes)");
      expect(TRIGGERS_RUNNABLE.check(listenerWith("body.a['k'] == 1 && body.l[0] == 1 && body.a[body.k] == 1 && {'a': body.a}['a'] == 1"))).toEqual([]);
    });

    test('bytes that are not UTF-8 converted to a string by the optimizer', () => {
      const f = only("string(b'\\xff') == 'a'");
      expect(f.problem).toBe("gives the cel interceptor a filter that converts a constant cel-go cannot convert (string(b'\\xff')), which its optimizer "
        + 'converts when it plans the program, before it reads the event, and fails on ("invalid UTF-8 in bytes, cannot convert to string")'
        + answers('"failed to create a Program"'));
      expect(f.fix).toBe("Convert what the event holds (int(body.n)), or write the value itself (1, not int('one'); 'x', not string(null); true, not bool('yes'); "
        + "bytes that are UTF-8 for string(b'…'), b'\\xc3\\xa9', not b'\\xff').");
      expect(TRIGGERS_RUNNABLE.check(listenerWith("string(b'\\xc3\\xa9') == 'é' && string(bytes('\\xff')) == 'ÿ'"))).toEqual([]);
    });

    test("a field selected on a value of a known type other than a map: a macro's variable shadowing body, an int's field", () => {
      const fix = 'Select fields only of maps (body, header, extensions and what is read from them): name a macro\'s variable apart from body, header, '
        + 'extensions and requestURL ([1].exists(x, body.a == x)), and compare a value that is no map itself (x == 1, not x.a == 1).';
      const selects = (selection: string, type: string) => `gives the cel interceptor a filter that selects a field of a value of type ${type} (${selection}; `
        + "a name a macro binds is its range's element, whatever it shadows), which CEL's type check refuses (\"type '" + type + "' does not support field "
        + 'selection")' + answers('"check failed"');
      const shadowed = only('[1].exists(body, body.a == 1)');
      expect(shadowed.problem).toBe(selects('body.a', 'int'));
      expect(shadowed.fix).toBe(fix);
      expect(only('[1].exists(x, x.y == 1)').problem).toBe(selects('x.y', 'int'));
      expect(only("['a'].exists(requestURL, requestURL.a == 1)").problem).toBe(selects('requestURL.a', 'string'));
      expect(only('requestURL.host == "x"').problem).toBe(selects('requestURL.host', 'string'));
      expect(TRIGGERS_RUNNABLE.check(listenerWith("body.l.exists(x, x.y == 1) && [body].exists(body, body.a == 1) && {'a': 1}.a == 1 "
        + "&& requestURL.parseURL().host == 'x'"))).toEqual([]);
    });
  });

  test('an overlay whose key goes into a list an overlay before it leaves: sjson cannot set a name in it, on every event', () => {
    const listenerWith = (overlays: unknown) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggers: [{ name: 'push', template: { ref: 'build' }, interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: overlays }] }] }] },
    });
    const into = (key: string, path: string, at: number, part: string) => `gives the cel interceptor an overlay whose key goes into '${path}', where an overlay `
      + `before it (spec.triggers[0].interceptors[0].params[0].value[${at}]) always leaves a list, by '${part}', which is no index: sjson cannot set it ("cannot `
      + `set array element for non-numeric key '${part}'"), so Triggers' cel interceptor answers every event its filter lets through with "failed to sjson for `
      + `key '${key}'" and stops the trigger, so it never runs`;
    const found = TRIGGERS_RUNNABLE.check(listenerWith([{ key: 'labels', expression: "body.pull_request.labels.map(l, l.name).filter(n, n != '')" },
      { key: 'sha', expression: 'body.after' }, { key: 'labels.first', expression: 'body.pull_request.labels[0].name' },
      { key: 'ids.-1', expression: 'body.id' }, { key: 'ids.name', expression: "'x'" }]));
    expect(found.map((f) => [f.location, f.property, f.value, f.problem])).toEqual([
      ["trigger 'push'", 'spec.triggers[0].interceptors[0].params[0].value[2].key', 'labels.first', into('labels.first', 'labels', 0, 'first')],
      ["trigger 'push'", 'spec.triggers[0].interceptors[0].params[0].value[4].key', 'ids.name', into('ids.name', 'ids', 3, 'name')],
    ]);
    expect(found[0].fix).toBe("Give the overlay a key that is not below the key under which an overlay before it writes a list ('pr.number' after 'pr' "
      + "holds a map, not a list), or go into the list by an index ('labels.0') or append to it ('labels.-1').");
    // an index or -1 goes into the list; a string or a map is overwritten or written into; a list only some events hold, or an overlay between
    // under the same name, or a key sjson reads otherwise, is not known
    for (const overlays of [[{ key: 'a', expression: '[1]' }, { key: 'a.0', expression: '2' }, { key: 'a.-1', expression: '3' }],
      [{ key: 'a', expression: "'x'" }, { key: 'a.b', expression: '1' }], [{ key: 'a', expression: '{}' }, { key: 'a.b', expression: '1' }],
      [{ key: 'a', expression: 'body.l' }, { key: 'a.b', expression: '1' }], [{ key: 'a', expression: '[1]' }, { key: 'a', expression: '{}' }, { key: 'a.b', expression: '1' }],
      [{ key: 'a', expression: '[1]' }, { key: 'a*', expression: '1' }, { key: 'a.b', expression: '1' }], [{ key: 'a', expression: '[1]' }, { key: 'a\\.b', expression: '1' }],
      [{ key: 'a', expression: "{'x': 1}" }, { key: 'a.0', expression: '1' }, { key: 'a.b', expression: '1' }]]) {
      expect(TRIGGERS_RUNNABLE.check(listenerWith(overlays))).toEqual([]);
    }
  });

  test("sjson's lists inside a map literal, made by an index of a scalar written before, and inside a list", () => {
    const listenerWith = (...overlays: Array<[string, string]>) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'Trigger',
      metadata: { name: 'push', namespace: 'ci' },
      spec: { interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: overlays.map(([key, expression]) => ({ key, expression })) }] }] },
    });
    const into = (key: string, path: string, at: number, part: string) => `gives the cel interceptor an overlay whose key goes into '${path}', where an overlay `
      + `before it (spec.interceptors[0].params[0].value[${at}]) always leaves a list, by '${part}', which is no index: sjson cannot set it ("cannot `
      + `set array element for non-numeric key '${part}'"), so Triggers' cel interceptor answers every event its filter lets through with "failed to sjson for `
      + `key '${key}'" and stops the trigger, so it never runs`;
    const cases: Array<[Array<[string, string]>, string]> = [
      // a map literal's entry that is a list, nested maps too, and one of a known list type
      [[['pr', "{'labels': [1], 'sha': body.after}"], ['pr.labels.name', "'x'"]], into('pr.labels.name', 'pr.labels', 0, 'name')],
      [[['a', "{'b': {'c': [1]}}"], ['a.b.c.d', '1']], into('a.b.c.d', 'a.b.c', 0, 'd')],
      [[['a', "{'b': 'x,y'.split(',')}"], ['a.b.c', '1']], into('a.b.c', 'a.b', 0, 'c')],
      // a scalar an index replaces by a list (sjson appendRawPaths), and the list it builds below
      [[['a', '1'], ['a.0', '2'], ['a.b', '3']], into('a.b', 'a', 1, 'b')],
      [[['a', "'x'"], ['a.b.0', '1'], ['a.b.c', '1']], into('a.b.c', 'a.b', 1, 'c')],
      [[['a', 'true'], ['a.0.-1', '1'], ['a.0.b', '1']], into('a.0.b', 'a.0', 1, 'b')],
      // a list inside a list, going into the outer one by an index
      [[['a.0.0', '1'], ['a.0.b', '1']], into('a.0.b', 'a.0', 0, 'b')],
      // a list inside a list literal, or a map inside it, and one an append builds where nothing was (its element 0)
      [[['a', '[[1]]'], ['a.0.b', '1']], into('a.0.b', 'a.0', 0, 'b')],
      [[['a', "[1, {'c': [1]}]"], ['a.1.c.d', '1']], into('a.1.c.d', 'a.1.c', 0, 'd')],
      [[['a', "{'b': [[1]]}"], ['a.b.0.c', '1']], into('a.b.0.c', 'a.b.0', 0, 'c')],
      [[['a.-1.-1', '1'], ['a.0.b', '1']], into('a.0.b', 'a.0', 0, 'b')],
      // a scalar inside a map literal or a list literal, which an index replaces by a list
      [[['a', "{'b': 1}"], ['a.b.0', '1'], ['a.b.c', '1']], into('a.b.c', 'a.b', 1, 'c')],
      [[['a', "{'b': {'c': 'x'}}"], ['a.b.c.0', '1'], ['a.b.c.d', '1']], into('a.b.c.d', 'a.b.c', 1, 'd')],
      [[['a', '[1]'], ['a.0.0', '1'], ['a.0.b', '1']], into('a.0.b', 'a.0', 1, 'b')],
    ];
    for (const [overlays, problem] of cases) expect(TRIGGERS_RUNNABLE.check(listenerWith(...overlays)).map((f) => f.problem)).toEqual([problem]);
    // -1 makes an object of a scalar; a map's entry is written into; a map literal with a key written twice, or an entry of no known type, is not followed
    for (const overlays of [[['a', '1'], ['a.-1', '2'], ['a.b', '3']], [['a', "{'b': [1]}"], ['a.b.0', '1'], ['a.c.d', '1']],
      [['a', "{'b': [1], 'b': 2}"], ['a.b.c', '1']], [['a', "{'b': body.l}"], ['a.b.c', '1']], [['a', '{}'], ['a.0', '1'], ['a.b', '1']],
      // an append to a list already there makes an element whose index is not known: a.-1.b appends a new object (sjson)
      [['a.-1', '1'], ['a.-1.0', '1'], ['a.-1.b', '1']], [['a', '[1]'], ['a.-1.0', '1'], ['a.-1.b', '1']],
      // -1 on a scalar inside a map literal makes an object of it
      [['a', "{'b': 1}"], ['a.b.-1', '1'], ['a.b.c', '1']]] as Array<Array<[string, string]>>) {
      expect(TRIGGERS_RUNNABLE.check(listenerWith(...overlays))).toEqual([]);
    }
  });

  test("the optional syntax, which Triggers' CEL environment does not enable, is a filter CEL cannot parse", () => {
    const refused = (why: string) => unparsed(`the optional syntax ${why}, which the environment does not enable`);
    expect(problems(trigger([cel('body.?a.orValue(true)'), cel("body[?'a'].hasValue()"), cel('[?body.a].size() == 0'), cel("{?'a': body.b}.size() == 0")]))
      .map((p) => p.problem)).toEqual([refused("'.?' at character 6"), refused("'[?' at character 6"), refused("'?' at character 2"), refused("'?' at character 2")]);
    // a conditional is no optional syntax
    expect(TRIGGERS_RUNNABLE.check(trigger([cel('(body.a ? [body.b] : [body.c]) == [1]')]))).toEqual([]);
  });

  test("a name Triggers' CEL environment does not declare: the type check fails on every event", () => {
    const undeclared = (name: string) => `gives the cel interceptor a filter that refers to '${name}', which Triggers' CEL environment does not declare (it declares `
      + `body, header, extensions and requestURL), so CEL's type check fails ("undeclared reference to '${name}'"): Triggers' cel interceptor answers every `
      + 'event with "check failed" and stops the trigger, so it never runs';
    expect(problems(trigger([cel("payload.action == 'opened'"), cel('has(foo.a)'), cel('[1].exists(x, x == 1) && x == 1'), cel('.event.a'), cel('dyn == 1')]))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].params[0].value', value: "payload.action == 'opened'", problem: undeclared('payload') },
      { location: undefined, property: 'spec.interceptors[1].params[0].value', value: 'has(foo.a)', problem: undeclared('foo') },
      { location: undefined, property: 'spec.interceptors[2].params[0].value', value: '[1].exists(x, x == 1) && x == 1', problem: undeclared('x') },
      { location: undefined, property: 'spec.interceptors[3].params[0].value', value: '.event.a', problem: undeclared('.event') },
      { location: undefined, property: 'spec.interceptors[4].params[0].value', value: 'dyn == 1', problem: undeclared('dyn') },
    ]);
    // declared names, type names, names a macro binds, functions and namespaces' functions, messages and protobuf types are not reported
    expect(TRIGGERS_RUNNABLE.check(trigger([cel("body.a.all(x, x.b.exists(y, y > x.c)) && header.canonical('X') != '' && requestURL != '' && extensions.k == 1"),
      cel('type(body) == map && int == type(1) && null_type != type && [3, 1].sortBy(z, -z) == [3, 1] && [1].map(v, v > 0, v) == [1]'),
      cel("math.greatest(1, 2) == 2 && strings.quote('a') != '' && base64.decode(body.h) != b'' && google.protobuf.Timestamp != int && Msg{a: 1} != null"),
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
      { location: undefined, property: 'spec.interceptors[0].params[1].value[2]', problem: overlay('that is empty (CEL cannot parse an empty expression)') },
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
    expect(problems(trigger([{
      ref: { name: 'cel' },
      params: [{ name: 'overlays', value: [{ key: 'k', expression: 'true' }] },
        { name: 'Overlays', value: [{ key: 'k', expression: '1 +' }] }],
    }]))).toEqual([]);
    expect(TRIGGERS_RUNNABLE.check(trigger([withOverlays(null), withOverlays([])]))).toEqual([]);
    // a null overlays param read last empties the field (Go's encoding/json sets a slice to nil)
    expect(TRIGGERS_RUNNABLE.check(trigger([{ ref: { name: 'cel' }, params: [{ name: 'Overlays', value: [{ key: 'k', expression: '1 +' }] }, { name: 'overlays', value: null }] }])))
      .toEqual([]);
    expect(problems(trigger([{ ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: 'k', expression: '1 +' }] }, { name: 'Overlays', value: null }] }]))
      .map((p) => p.property)).toEqual(['spec.interceptors[0].params[0].value[0].expression']);
  });

  test('an overlay key or a filter that YAML read as a bool (key: n) says so, and the fix quotes it', () => {
    const findings = TRIGGERS_RUNNABLE.check(trigger([
      { ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: false, expression: '1' }] }] },
      { ref: { name: 'cel' }, params: [{ name: 'filter', value: true }] },
    ]));
    expect(findings.map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([
      ['spec.interceptors[0].params[0].value[0].key', 'false', 'gives the cel interceptor an overlay whose key is a bool (YAML reads an unquoted y, n, yes, no, '
        + "on, off, true or false as a bool), not a string: Go's encoding/json cannot decode the interceptor's params, so Triggers' cel interceptor answers every "
        + 'event with "failed to parse interceptor params" and stops the trigger, so it never runs',
      'Quote what you wrote, so that YAML reads it as a string: key: "on", not key: on.'],
      ['spec.interceptors[1].params[0].value', 'true', 'gives the cel interceptor a filter that is a bool (YAML reads an unquoted y, n, yes, no, on, off, true or '
        + "false as a bool), not a string: Go's encoding/json cannot decode the interceptor's params, so Triggers' cel interceptor answers every event with "
        + '"failed to parse interceptor params" and stops the trigger, so it never runs',
      'Quote what you wrote, so that YAML reads it as a string: value: "on", not value: on.'],
    ]);
    // quoted, as the fix says, they are strings and pass
    expect(TRIGGERS_RUNNABLE.check(trigger([
      { ref: { name: 'cel' }, params: [{ name: 'overlays', value: [{ key: 'n', expression: '1' }] }] },
      { ref: { name: 'cel' }, params: [{ name: 'filter', value: 'true' }] },
    ]))).toEqual([]);
  });

  test('overlays that are not a list of objects with a string key and expression: the interceptor cannot decode its params and stops every event', () => {
    const withOverlays = (overlays: unknown) => ({ ref: { name: 'cel' }, params: [{ name: 'overlays', value: overlays }] });
    const undecoded = (what: string) => `gives the cel interceptor ${what}: Go's encoding/json cannot decode the interceptor's params, `
      + 'so Triggers\' cel interceptor answers every event with "failed to parse interceptor params" and stops the trigger, so it never runs';
    expect(problems(trigger([withOverlays({ key: 'a', expression: '1' }), withOverlays('x'), withOverlays(['x']), withOverlays([{ key: 'a', expression: 7 }]),
      withOverlays([{ key: 1, expression: '1' }]), withOverlays([null])]))).toEqual([
      { location: undefined, property: 'spec.interceptors[0].params[0].value', value: "{ key: 'a', expression: '1' }", problem: undecoded('overlays that are an object, not a list of overlays') },
      { location: undefined, property: 'spec.interceptors[1].params[0].value', value: 'x', problem: undecoded('overlays that are a string, not a list of overlays') },
      { location: undefined, property: 'spec.interceptors[2].params[0].value[0]', value: 'x', problem: undecoded('an overlay that is a string, not an object with a key and an expression') },
      { location: undefined, property: 'spec.interceptors[3].params[0].value[0].expression', value: '7', problem: undecoded('an overlay whose expression is a number (YAML reads an unquoted number as one), not a string') },
      { location: undefined, property: 'spec.interceptors[4].params[0].value[0].key', value: '1', problem: undecoded('an overlay whose key is a number (YAML reads an unquoted number as one), not a string') },
      {
        location: undefined,
        property: 'spec.interceptors[5].params[0].value[0]',
        problem: "gives the cel interceptor an overlay whose key is empty or missing, under which it cannot write the value (sjson: \"path cannot be empty\"): Triggers' cel "
          + 'interceptor answers every event its filter lets through with "failed to sjson for key \'\'" and stops the trigger, so it never runs',
      },
      {
        location: undefined,
        property: 'spec.interceptors[5].params[0].value[0]',
        problem: "gives the cel interceptor an overlay expression that is empty (CEL cannot parse an empty expression): Triggers' cel interceptor answers every event "
          + 'its filter lets through with "failed to parse expression" and stops the trigger, so it never runs',
      },
    ]);
  });
});
