import { describeRule } from './fixtures';
import { CheckStatus, RuleId, Severity } from '../../../src';
import { evaluateManifests } from '../../../src/policy/engine/evaluate';
import { TRIGGERS_AUTHENTICATED } from '../../../src/policy/rules/triggers-authenticated';

const SECRET = { secretName: 'github-webhook', secretKey: 'token' };
const github = (params: any[] = [{ name: 'secretRef', value: SECRET }], ref: any = { name: 'github' }) => ({ ref, params });
const cel = { name: 'only pushes', ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.match('X-GitHub-Event', 'push')" }] };
const listener = (triggers: any[], apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: { serviceAccountName: 'listener', triggers },
});
const inline = (interceptors?: any[], name: string | null = 'push') => ({
  ...(name !== null ? { name } : {}),
  ...(interceptors !== undefined ? { interceptors } : {}),
  bindings: [{ ref: 'push' }],
  template: { ref: 'build' },
});
const trigger = (interceptors: any[] | undefined, apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion, kind: 'Trigger', metadata: { name: 'push', namespace: 'ci' }, spec: { interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});

const FIX = "Add the interceptor of the events' source with the webhook secret, e.g. interceptors: [{ ref: { name: 'github' }, params: "
  + "[{ name: 'secretRef', value: { secretName: '<Secret>', secretKey: '<key>' } }] }] (gitlab and bitbucket take the same secretRef).";
const NOBODY = (what: string) => `no interceptor of ${what} checks who sent the event (a github, gitlab or bitbucket ClusterInterceptor with the webhook secret, `
  + "or a cel one whose filter requires header.canonical('<header>').compareSecret('<key>', '<Secret>')), "
  + 'so anyone who can reach the EventListener starts its runs with a body and params of their choosing';
/** The finding on an EventListener's first trigger, named 'push'. */
const onListener = (property: string, value: string, before = '', location = "trigger 'push'") => ({
  rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'EventListener', name: 'ci', location, property, value, problem: `${before}${NOBODY(location)}`, fix: FIX,
});

describe('TRIGGERS_AUTHENTICATED', () => {
  describeRule(TRIGGERS_AUTHENTICATED, RuleId.TRIGGERS_AUTHENTICATED, Severity.HIGH, true);

  test("applies to Triggers' EventListeners and Triggers only", () => {
    expect(TRIGGERS_AUTHENTICATED.appliesTo(listener([]))).toBe(true);
    expect(TRIGGERS_AUTHENTICATED.appliesTo(listener([], 'triggers.tekton.dev/v1alpha1'))).toBe(true);
    expect(TRIGGERS_AUTHENTICATED.appliesTo(trigger([]))).toBe(true);
    expect(TRIGGERS_AUTHENTICATED.appliesTo({ ...trigger([]), apiVersion: 'example.com/v1' })).toBe(false);
    expect(TRIGGERS_AUTHENTICATED.appliesTo({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBinding' })).toBe(false);
  });

  test.each<[string, any]>([
    ['github with a secretRef', github()],
    ['github with the kind written', github(undefined, { name: 'github', kind: 'ClusterInterceptor' })],
    ['gitlab with a secretRef', { ref: { name: 'gitlab' }, params: [{ name: 'secretRef', value: SECRET }] }],
    ['bitbucket with a secretRef', { ref: { name: 'bitbucket' }, params: [{ name: 'secretRef', value: SECRET }] }],
    ['the param under another spelling Go reads as secretRef', github([{ name: 'SecretRef', value: { SecretName: 'w', secretkey: 'k' } }])],
  ])('compliant: %s, before or after a CEL filter', (_, verifier) => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([verifier, cel]), inline([cel, verifier], 'second')]))).toEqual([]);
    expect(TRIGGERS_AUTHENTICATED.check(trigger([cel, verifier]))).toEqual([]);
  });

  test("compliant: v1alpha1's deprecated github, gitlab and bitbucket fields, which its defaulting turns into the core interceptor", () => {
    for (const d of ['github', 'gitlab', 'bitbucket']) {
      expect(TRIGGERS_AUTHENTICATED.check(trigger([{ [d]: { secretRef: SECRET, eventTypes: ['push'] } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
    }
  });

  test("compliant: a listener's trigger that runs a Trigger by triggerRef (the Trigger is judged), and a listener without triggers", () => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([{ name: 'push', triggerRef: 'push' }]))).toEqual([]);
    expect(TRIGGERS_AUTHENTICATED.check({ ...listener([]), spec: { triggerGroups: [{ name: 'g', interceptors: [], triggerSelector: {} }] } })).toEqual([]);
  });

  test.each<[string, any[] | undefined, string, string, string?]>([
    ['no interceptors', undefined, 'spec.triggers[0].interceptors', '(none)'],
    ['an empty list', [], 'spec.triggers[0].interceptors', '(none)'],
    ['a CEL filter on the event header (a sender writes any header)', [cel], 'spec.triggers[0].interceptors', 'cel'],
    ['the slack interceptor', [{ ref: { name: 'slack' } }, cel], 'spec.triggers[0].interceptors', 'slack, cel'],
    ['a NamespacedInterceptor named github (not the core one)', [github(undefined, { name: 'github', kind: 'NamespacedInterceptor' })],
      'spec.triggers[0].interceptors', 'github (NamespacedInterceptor)'],
    ['a webhook entry with a github reference: the sink sends it to the webhook', [{ ...github(), webhook: { objectRef: { kind: 'Service', name: 'x' } } }],
      'spec.triggers[0].interceptors', 'webhook'],
    ["a reference to another kind's name spelling ('GitHub')", [github(undefined, { name: 'GitHub' })], 'spec.triggers[0].interceptors', 'GitHub'],
    ['github without a secretRef (it then checks no signature)', [github([{ name: 'eventTypes', value: ['push'] }])],
      'spec.triggers[0].interceptors[0]', 'github', 'runs the github interceptor without a secretRef param: it then checks no signature and passes every request; '],
    ['github with a secretRef without a key', [github([{ name: 'secretRef', value: { secretName: 'w' } }])],
      'spec.triggers[0].interceptors[0].params[0].value', "{ secretName: 'w' }", 'gives the github interceptor a secretRef that has no secretKey; '],
    ['github with an empty secret name', [github([{ name: 'secretRef', value: { secretName: '', secretKey: 'k' } }])],
      'spec.triggers[0].interceptors[0].params[0].value', "{ secretName: '', secretKey: 'k' }", 'gives the github interceptor a secretRef that has a secretName that is not a string or is empty; '],
    ['github with a second, null secretRef Go reads last (the first one is overwritten)', [github([{ name: 'secretRef', value: SECRET }, { name: 'secretref', value: null }])],
      'spec.triggers[0].interceptors[0].params[1].value', 'null', 'gives the github interceptor a secretRef that is null: the interceptor then checks no signature; '],
    ['github with a second spelling of secretName that is null', [github([{ name: 'secretRef', value: { ...SECRET, SECRETNAME: null } }])],
      'spec.triggers[0].interceptors[0].params[0].value', "{ secretName: 'github-webhook', secretKey: 'token', SECRETNAME: null }", 'gives the github interceptor a secretRef that has a secretName that is not a string or is empty; '],
    ['github with a secretRef that is a string', [github([{ name: 'secretRef', value: 'github-webhook' }])],
      'spec.triggers[0].interceptors[0].params[0].value', 'github-webhook', 'gives the github interceptor a secretRef that is not an object { secretName, secretKey }; '],
  ])('finding: %s', (_, interceptors, property, value, before = '') => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline(interceptors)]))).toEqual([onListener(property, value, before)]);
  });

  /** A cel interceptor with `filter` (and more params). */
  const celWith = (filter: unknown, more: any[] = []) => ({ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }, ...more] });
  const COMPARE = "header.canonical('X-Token').compareSecret('token', 'webhook')";
  const NOT_READ = "in which header.canonical('<header>').compareSecret('<key>', '<Secret>') is not an operand of the top-level && chain, or which holds "
    + '||, ?:, a comment, a backslash, a backtick, an empty string or brackets nested more than 4 deep';

  test.each<[string, unknown]>([
    ['the comparison alone', COMPARE],
    ['with white space, double quotes and the namespace argument', ' header.canonical("X-Token").compareSecret( "token" ,"webhook", "ci" )\n'],
    ['first of a && chain whose rest has brackets and strings', `${COMPARE} && body.action in ['opened', 'synchronize'] && body.labels.exists(l, l.name.startsWith('ok-'))`],
    ['last of a && chain', `header.match('X-GitHub-Event', 'push') && ${COMPARE}`],
    ['between two operands, brackets four deep', `body.a.exists(x, x.b.all(y, y.c.all(z, [z].size() > 0))) && ${COMPARE} && {'k': 'v'}.k == "v"`],
  ])('compliant: a cel interceptor whose filter requires a header to equal a Secret: %s', (_, filter) => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([celWith(filter)])]))).toEqual([]);
    expect(TRIGGERS_AUTHENTICATED.check(trigger([cel, celWith(filter)]))).toEqual([]);
    // v1alpha1's deprecated cel field, which its defaulting turns into the filter param
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ cel: { filter } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
    // the param under another spelling Go reads as filter
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ ref: { name: 'cel' }, params: [{ name: 'FILTER', value: filter }] }]))).toEqual([]);
  });

  test.each<[string, string, string, string?]>([
    ['negated', `!(${COMPARE})`, NOT_READ],
    ['an operand of ||', `body.ok == true || ${COMPARE}`, NOT_READ],
    ['inside a parenthesised && that is negated', `!(body.a && ${COMPARE})`, NOT_READ],
    ['a branch of ?:', `body.x ? ${COMPARE} : true`, NOT_READ],
    ['inside a list literal', `[true && ${COMPARE}].size() > 0`, NOT_READ],
    ['inside a string literal that the rest closes', `"a" != " && ${COMPARE} && "`, NOT_READ],
    ['inside a triple-quoted string', ` && ${COMPARE} &&  != ''`, NOT_READ],
    ['after a comment marker', `true // && ${COMPARE}`, NOT_READ],
    ['compared with false', `${COMPARE} == false`, NOT_READ],
    ['an empty key', "header.canonical('X-Token').compareSecret('', 'webhook')", NOT_READ],
    ['on a body field', "body.token.compareSecret('token', 'webhook')", NOT_READ],
    ['brackets five deep beside it', `${COMPARE} && body.a.all(b, b.c.all(d, d.e.all(f, [f].all(g, [g].size() > 0))))`, NOT_READ],
    ['beside brackets that close before they open', `body.a) && ${COMPARE} && (body.b`, NOT_READ],
    // a long filter is named by its start and its length
    ['longer than 4096 characters', `${COMPARE}${' '.repeat(4096)}`, 'longer than 4096 characters, which is not read', `${COMPARE}${' '.repeat(19)}… (4157 characters)`],
  ])('finding: a cel filter with compareSecret %s is not read as checking the sender (the finding names the filter)', (_, filter, why, shown = filter) => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([celWith(filter)])])))
      .toEqual([onListener('spec.triggers[0].interceptors[0].params[0].value', shown, `gives the cel interceptor a filter ${why}; `)]);
  });

  test('finding: a cel filter is credited only when every spelling Go reads as filter compares a secret; a non-string one is named', () => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([celWith(COMPARE, [{ name: 'Filter', value: 'true' }])])])))
      .toEqual([onListener('spec.triggers[0].interceptors[0].params[1].value', 'true', `gives the cel interceptor a filter ${NOT_READ}; `)]);
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([celWith(COMPARE, [{ name: 'filter', value: 7 }])])])))
      .toEqual([onListener('spec.triggers[0].interceptors[0].params[1].value', '7', 'gives the cel interceptor a filter that is not a string; ')]);
    // a filter that does not mention compareSecret is no candidate: the finding names none of its params
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([celWith('true')])]))).toEqual([onListener('spec.triggers[0].interceptors', 'cel')]);
    // v1alpha1's deprecated cel field: each key Go reads as filter
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ cel: { filter: COMPARE, FILTER: 'true' } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED,
      kind: 'Trigger',
      name: 'push',
      property: 'spec.interceptors[0].cel.FILTER',
      value: 'true',
      problem: `gives the cel interceptor a filter ${NOT_READ}; ${NOBODY('the Trigger')}`,
      fix: FIX,
    }]);
    // a NamespacedInterceptor named cel, or a webhook entry, is not the core one
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ ...celWith(COMPARE), ref: { name: 'cel', kind: 'NamespacedInterceptor' } }]))).toHaveLength(1);
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ ...celWith(COMPARE), webhook: { objectRef: { kind: 'Service', name: 'x' } } }]))).toHaveLength(1);
  });

  test('an unnamed trigger is named by its place; each unverified trigger of a listener is one finding', () => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([inline([github()]), inline([cel], null), inline([], 'other')]))).toEqual([
      onListener('spec.triggers[1].interceptors', 'cel', '', 'spec.triggers[1]'),
      onListener('spec.triggers[2].interceptors', '(none)', '', "trigger 'other'"),
    ]);
  });

  test('an inline trigger with a template is judged even when it names a triggerRef too (the sink runs the inline one)', () => {
    expect(TRIGGERS_AUTHENTICATED.check(listener([{ ...inline([cel]), triggerRef: 'push' }]))).toEqual([onListener('spec.triggers[0].interceptors', 'cel')]);
  });

  test("v1alpha1: a deprecated github field without a secretRef; a reference's params win over deprecated fields, as its defaulting keeps them", () => {
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ github: { eventTypes: ['push'] } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED,
      kind: 'Trigger',
      name: 'push',
      property: 'spec.interceptors[0]',
      value: 'github',
      problem: `runs the github interceptor without a secretRef param: it then checks no signature and passes every request; ${NOBODY('the Trigger')}`,
      fix: FIX,
    }]);
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ ref: { name: 'cel' }, github: { secretRef: SECRET } }], 'triggers.tekton.dev/v1alpha1'))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'Trigger', name: 'push', property: 'spec.interceptors', value: 'cel', problem: NOBODY('the Trigger'), fix: FIX,
    }]);
    // v1beta1 has no deprecated fields: they are not read
    expect(TRIGGERS_AUTHENTICATED.check(trigger([{ github: { secretRef: SECRET } }]))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'Trigger', name: 'push', property: 'spec.interceptors', value: '(unnamed)', problem: NOBODY('the Trigger'), fix: FIX,
    }]);
  });

  /** What a key spelled otherwise than the field Triggers reads it as makes of the finding. */
  const SPELLED = (key: string, field: string) => `writes '${key}', which Triggers reads as '${field}' (Go's encoding/json matches keys `
    + 'case-insensitively, and its defaulting webhook writes the object back so, the last of two spellings winning): what the sink runs is not known here';

  test.each<[string, any, string, string, string, string]>([
    ["ref.Kind, which makes github the listener's NamespacedInterceptor", { ref: { name: 'github', Kind: 'NamespacedInterceptor' }, params: [{ name: 'secretRef', value: SECRET }] },
      'spec.interceptors[0].ref.Kind', 'Kind', 'kind', 'github'],
    ['ref.NAME after ref.name, which names another interceptor', { ref: { name: 'github', NAME: 'passthrough' }, params: [{ name: 'secretRef', value: SECRET }] },
      'spec.interceptors[0].ref.NAME', 'NAME', 'name', 'github'],
    ['WebHook, which sends the event to a Service instead', { ...github(), WebHook: { url: 'http://anything' } }, 'spec.interceptors[0].WebHook', 'WebHook', 'webhook', 'github'],
    ['Params after params, which leaves github without a secretRef', { ...github(), Params: [] }, 'spec.interceptors[0].Params', 'Params', 'params', 'github'],
    ["a param's Value after its value, which is null: github then checks nothing", github([{ name: 'secretRef', value: SECRET, Value: null }]),
      'spec.interceptors[0].params[0].Value', 'Value', 'value', 'github'],
    ["a param's Name after its name", github([{ name: 'secretRef', value: SECRET, Name: 'eventTypes' }]), 'spec.interceptors[0].params[0].Name', 'Name', 'name', 'github'],
    ['the Kelvin sign in Kind', { ref: { name: 'github', Kind: 'NamespacedInterceptor' }, params: [{ name: 'secretRef', value: SECRET }] },
      'spec.interceptors[0].ref.\u212aind', '\u212aind', 'kind', 'github'],
    ['Ref, which names the interceptor', { Ref: { name: 'github' }, params: [{ name: 'secretRef', value: SECRET }] }, 'spec.interceptors[0].Ref', 'Ref', 'ref', '(unnamed)'],
  ])('finding: an interceptor with a key Triggers reads under another spelling is not read (%s), named as written', (_, entry, property, key, field, value) => {
    expect(TRIGGERS_AUTHENTICATED.check(trigger([entry]))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'Trigger', name: 'push', property, value, problem: `${SPELLED(key, field)}; ${NOBODY('the Trigger')}`, fix: FIX,
    }]);
    // beside one that checks the sender, it does not matter: all must pass
    expect(TRIGGERS_AUTHENTICATED.check(trigger([entry, github()]))).toEqual([]);
  });

  test("finding: a Trigger's or an EventListener's spec, interceptors, triggers or an inline trigger's fields spelled otherwise", () => {
    const spelled = (property: string, key: string, field: string, more: Record<string, string> = {}) => ({
      rule: RuleId.TRIGGERS_AUTHENTICATED, property, value: key, problem: SPELLED(key, field), fix: `Write the key as '${field}', once.`, ...more,
    });
    const t: any = trigger([github()]);
    expect(TRIGGERS_AUTHENTICATED.check({ ...t, spec: { ...t.spec, Interceptors: [] } })).toEqual([spelled('spec.Interceptors', 'Interceptors', 'interceptors', { kind: 'Trigger', name: 'push' })]);
    expect(TRIGGERS_AUTHENTICATED.check({ ...t, SPEC: { interceptors: [] } })).toEqual([spelled('SPEC', 'SPEC', 'spec', { kind: 'Trigger', name: 'push' })]);
    const l: any = listener([inline([github()])]);
    expect(TRIGGERS_AUTHENTICATED.check({ ...l, spec: { ...l.spec, Triggers: [inline()] } })).toEqual([spelled('spec.Triggers', 'Triggers', 'triggers', { kind: 'EventListener', name: 'ci' })]);
    // an entry whose template is spelled otherwise runs that inline trigger, without the interceptors read here
    expect(TRIGGERS_AUTHENTICATED.check(listener([{ name: 'push', triggerRef: 'push', Template: { ref: 'build' } }]))).toEqual([
      spelled('spec.triggers[0].Template', 'Template', 'template', { kind: 'EventListener', name: 'ci', location: "trigger 'push'" }),
    ]);
    expect(TRIGGERS_AUTHENTICATED.check(listener([{ ...inline([github()]), Interceptors: [] }]))).toEqual([
      spelled('spec.triggers[0].Interceptors', 'Interceptors', 'interceptors', { kind: 'EventListener', name: 'ci', location: "trigger 'push'" }),
    ]);
  });

  describe("a trigger group's interceptors, which run before those of the Triggers its triggerSelector picks", () => {
    const LABEL = 'ci.example.com/source';
    /** The Trigger 'push' in `namespace` (none when null), labelled `labels`, running no interceptor of its own. */
    const picked = (labels: Record<string, string> | undefined = { [LABEL]: 'github' }, namespace: string | null = 'ci') => {
      const t: any = trigger(undefined);
      t.metadata = { name: 'push', ...(namespace !== null ? { namespace } : {}), ...(labels !== undefined ? { labels } : {}) };
      return t;
    };
    const group = (interceptors: any[], triggerSelector: any = { labelSelector: { matchLabels: { [LABEL]: 'github' } } }, name = 'github') => ({
      name, interceptors, triggerSelector,
    });
    /** The EventListener 'ci' (in `namespace`, none when null) with these groups and `spec` fields, and no spec.triggers. */
    const grouped = (groups: any[], spec: Record<string, any> = {}, namespace: string | null = 'ci', apiVersion = 'triggers.tekton.dev/v1beta1') => ({
      apiVersion,
      kind: 'EventListener',
      metadata: { name: 'ci', ...(namespace !== null ? { namespace } : {}) },
      spec: { serviceAccountName: 'listener', triggerGroups: groups, ...spec },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const FINDING = {
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'Trigger', name: 'push', property: 'spec.interceptors', value: '(none)', problem: NOBODY('the Trigger'), fix: FIX,
    };
    /** The finding on the Trigger 'push', saying why no trigger group is credited when one that checks the sender may list it. */
    const findingWhy = (why: string) => ({ ...FINDING, problem: `${FINDING.problem}; no trigger group is credited with checking it: ${why}` });
    const SELECTOR_UNKNOWN = "the group spec.triggerGroups[0] of EventListener 'ci' may not list it: its triggerSelector, or a namespace or label it compares, is not known here";
    const OWN_SELECTOR = "EventListener 'ci' may run it without a group, through its own namespaceSelector or labelSelector";
    const BY_REF = (listenerName: string) => `EventListener '${listenerName}' may run it without a group, by a spec.triggers entry whose triggerRef may name it`;
    const UNCHECKED_GROUP = "EventListener 'ci' may run it after its group spec.triggerGroups[1], whose interceptors check nothing of the sender before every webhook entry";
    /** The findings on `t` checked with `others`. */
    const checked = (t: any, ...others: any[]) => TRIGGERS_AUTHENTICATED.check(t, context(t, ...others));

    test.each<[string, any]>([
      ['matchLabels', { labelSelector: { matchLabels: { [LABEL]: 'github' } } }],
      ['matchExpressions In, NotIn, Exists and DoesNotExist', {
        labelSelector: {
          matchExpressions: [
            { key: LABEL, operator: 'In', values: ['github', 'gitlab'] },
            { key: LABEL, operator: 'NotIn', values: ['slack'] },
            { key: LABEL, operator: 'Exists' },
            { key: 'ci.example.com/manual', operator: 'DoesNotExist', values: [] },
          ],
        },
      }],
      ['an empty labelSelector (every Trigger of the listener\'s namespace)', { labelSelector: {} }],
      ["the listener's namespace named, without labelSelector (every Trigger there)", { namespaceSelector: { matchNames: ['ci'] } }],
      ["every namespace ('*') and matchLabels", { namespaceSelector: { matchNames: ['*'] }, labelSelector: { matchLabels: { [LABEL]: 'github' } } }],
      ['another namespace named beside the Trigger\'s', { namespaceSelector: { matchNames: ['other', 'ci'] } }],
    ])('compliant: a Trigger that only a group with the github interceptor and its secret picks (%s)', (_, selector) => {
      const t = picked();
      expect(checked(t, grouped([group([github()], selector)]))).toEqual([]);
      // a group whose interceptors check nothing, or that picks other Triggers, beside it changes nothing
      expect(checked(t, grouped([group([github()], selector), group([cel], { labelSelector: { matchLabels: { [LABEL]: 'slack' } } }, 'slack')]))).toEqual([]);
      // checked alone (or by the admission policy, which sees one object) the Trigger is a finding
      expect(TRIGGERS_AUTHENTICATED.check(t)).toEqual([FINDING]);
    });

    test('a null matchLabels value is "", as the API server decodes it: the group picks the Triggers labelled "" only', () => {
      const nullValue = { labelSelector: { matchLabels: { [LABEL]: null } } };
      expect(checked(picked({ [LABEL]: '' }), grouped([group([github()], nullValue)]))).toEqual([]);
      expect(checked(picked({ [LABEL]: 'github' }), grouped([group([github()], nullValue)]))).toEqual([FINDING]);
      // a selector the sink cannot read (In without values) picks no Trigger, which is not credited either
      const refused = { labelSelector: { matchExpressions: [{ key: LABEL, operator: 'In', values: [] }] } };
      expect(checked(picked(), grouped([group([github()], refused)]))).toEqual([findingWhy(SELECTOR_UNKNOWN)]);
    });

    test('compliant: a group whose cel filter compares a header with a Secret; a Trigger picked by two authenticating groups', () => {
      const compare = { ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.canonical('X-Token').compareSecret('token', 'webhook')" }] };
      expect(checked(picked(), grouped([group([compare])]))).toEqual([]);
      expect(checked(picked(), grouped([group([github()])]), { ...grouped([group([compare])]), metadata: { name: 'other', namespace: 'ci' } })).toEqual([]);
      // a webhook after the interceptor that checks the event changes the headers the Triggers get, not the body they bind
      expect(checked(picked(), grouped([group([github(), { webhook: { url: 'http://annotate' } }])]))).toEqual([]);
      // namespace-less files checked together are applied to one namespace
      expect(checked(picked(undefined, null), grouped([group([github()])], {}, null))).toEqual([]);
    });

    test.each<[string, any, any?, string?]>([
      ['the group checks no signature (github without a secretRef)', grouped([group([github([])])])],
      ['the group runs only a cel filter on a header', grouped([group([cel])])],
      ['the group runs a webhook', grouped([group([{ webhook: { objectRef: { kind: 'Service', name: 'check' } } }])])],
      ['the group runs a webhook before the github interceptor, which checks the body the webhook answers with, not the one its Triggers bind',
        grouped([group([{ webhook: { objectRef: { kind: 'Service', name: 'unwrap' } } }, github()])])],
      ["the group's github interceptor is the listener's NamespacedInterceptor, by ref.Kind", grouped([group([{ ...github(), ref: { name: 'github', Kind: 'NamespacedInterceptor' } }])])],
      ['the group runs an entry with WebHook spelled so before the github interceptor', grouped([group([{ WebHook: { url: 'http://unwrap' } }, github()])])],
      ['the group runs a webhook before a cel filter that compares a header with a Secret', grouped([group([{ webhook: { url: 'http://unwrap' } },
        { ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.canonical('X-Token').compareSecret('token', 'webhook')" }] }])])],
      ["the group's labels do not match the Trigger's", grouped([group([github()], { labelSelector: { matchLabels: { [LABEL]: 'gitlab' } } })])],
      ["the group picks another namespace's Triggers", grouped([group([github()], { namespaceSelector: { matchNames: ['other'] } })])],
      ["the group picks its listener's namespace, another than the Trigger's", grouped([group([github()])], {}, 'other')],
      ['the listener has a namespace and the Trigger none (it may be applied to another)', grouped([group([github()])]), picked(undefined, null), SELECTOR_UNKNOWN],
      ['a group without selector picks nothing', grouped([group([github()], {})])],
      ['a v1alpha1 listener (which has no trigger groups)', grouped([group([github()])], {}, 'ci', 'triggers.tekton.dev/v1alpha1'), undefined, "EventListener 'ci' is v1alpha1, whose sink runs no trigger group"],
      ["the group's selector is not one the sink reads: an unknown operator", grouped([group([github()], { labelSelector: { matchExpressions: [{ key: LABEL, operator: 'Equals', values: ['github'] }] } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: In without values", grouped([group([github()], { labelSelector: { matchExpressions: [{ key: LABEL, operator: 'In', values: [] }] } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: Exists with values", grouped([group([github()], { labelSelector: { matchExpressions: [{ key: LABEL, operator: 'Exists', values: ['github'] }] } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: a number in matchLabels", grouped([group([github()], { labelSelector: { matchLabels: { [LABEL]: 7 } } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: a key that is not a label key", grouped([group([github()], { labelSelector: { matchLabels: { 'bad key': 'github' } } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: a field it does not have (matchlabels)", grouped([group([github()], { labelSelector: { matchlabels: { [LABEL]: 'github' } } })]), undefined, SELECTOR_UNKNOWN],
      ["the group's selector is not one the sink reads: matchNames that is not a list", grouped([group([github()], { namespaceSelector: { matchNames: 'ci' } })]), undefined, SELECTOR_UNKNOWN],
    ])('finding: a Trigger the authenticating group does not surely pick: %s', (_, listenerObject, t = picked(), why = undefined) => {
      expect(checked(t, listenerObject)).toEqual([why === undefined ? FINDING : findingWhy(why)]);
    });

    test.each<[string, any, string]>([
      ["the listener's own labelSelector (its Triggers run without the group's interceptors)", grouped([group([github()])], { labelSelector: { matchLabels: { [LABEL]: 'github' } } }), OWN_SELECTOR],
      ["the listener's own namespaceSelector", grouped([group([github()])], { namespaceSelector: { matchNames: ['*'] } }), OWN_SELECTOR],
      ['a spec.triggers entry that runs it by triggerRef', grouped([group([github()])], { triggers: [{ name: 'direct', triggerRef: 'push' }] }), BY_REF('ci')],
      ["the listener's labelSelector spelled LabelSelector, which Triggers reads as its own", grouped([group([github()])], { LabelSelector: {} }), "EventListener 'ci' spells LabelSelector, which Triggers reads as its field labelSelector: what it runs is not read here"],
      ['spec.triggers spelled Triggers', grouped([group([github()])], { Triggers: [{ triggerRef: 'push' }] }), "EventListener 'ci' spells Triggers, which Triggers reads as its field triggers: what it runs is not read here"],
      ['a spec.triggers entry whose triggerRef is spelled TriggerRef', grouped([group([github()])], { triggers: [{ TriggerRef: 'push' }] }), BY_REF('ci')],
      ['a spec.triggers entry whose template a null Template replaces', grouped([group([github()])], { triggers: [{ triggerRef: 'push', template: { ref: 'build' }, Template: null }] }), BY_REF('ci')],
      ['the group itself, whose interceptors a second spelling replaces', grouped([{ ...group([github()]), Interceptors: [cel] }]), "the group spec.triggerGroups[0] of EventListener 'ci' spells Interceptors, which Triggers reads as its field interceptors: not read here"],
      ['another group that checks nothing, whose triggerSelector is spelled TriggerSelector',
        grouped([group([github()]), { name: 'all', interceptors: [cel], TriggerSelector: { namespaceSelector: { matchNames: ['*'] } } }]),
        "the group spec.triggerGroups[1] of EventListener 'ci' spells TriggerSelector, which Triggers reads as its field triggerSelector: not read here"],
      ['another group that checks nothing', grouped([group([github()]), group([cel], { namespaceSelector: { matchNames: ['ci'] } }, 'all')]), UNCHECKED_GROUP],
      ['another group whose selector the rule cannot read (it may pick the Trigger)', grouped([group([github()]), group([cel], { labelSelector: { matchExpressions: [{ key: LABEL, operator: 'Foo' }] } }, 'odd')]), UNCHECKED_GROUP],
    ])('finding: a Trigger an authenticating group picks that is also run without it, through %s', (_, listenerObject, why) => {
      expect(checked(picked(), listenerObject)).toEqual([findingWhy(why)]);
    });

    test('finding: another listener runs the Trigger without a group; one in another namespace, or an inline trigger of the same name, does not', () => {
      const authenticated = grouped([group([github()])]);
      const direct = (namespace: string | null, entry: any) => ({ ...listener([entry]), metadata: { name: 'direct', ...(namespace !== null ? { namespace } : {}) } });
      expect(checked(picked(), authenticated, direct('ci', { triggerRef: 'push' }))).toEqual([findingWhy(BY_REF('direct'))]);
      // a listener without a namespace may be applied to the Trigger's
      expect(checked(picked(), authenticated, direct(null, { triggerRef: 'push' }))).toEqual([findingWhy(BY_REF('direct'))]);
      // the sink looks a triggerRef up in the listener's namespace
      expect(checked(picked(), authenticated, direct('other', { triggerRef: 'push' }))).toEqual([]);
      // an entry with a template runs that inline trigger, not the Trigger its triggerRef names
      expect(checked(picked(), authenticated, direct('ci', { ...inline([github()]), triggerRef: 'push' }))).toEqual([]);
      // a Trigger without a name, which the API server names after its generateName, may be the one any triggerRef names
      const generated = picked();
      generated.metadata = { generateName: 'push-', namespace: 'ci', labels: generated.metadata.labels };
      expect(checked(generated, authenticated, direct('ci', { triggerRef: 'push-x7k2q' }))).toEqual([{ ...findingWhy(BY_REF('direct')), name: 'push-' }]);
      expect(checked(generated, authenticated)).toEqual([]);
      // a triggerRef a TriggerTemplate writes from its params may name it, as may a Trigger's name so written
      expect(checked(picked(), authenticated, direct('ci', { triggerRef: '$(tt.params.trigger)' }))).toEqual([findingWhy(BY_REF('direct'))]);
      const templated = picked();
      templated.metadata.name = '$(tt.params.name)';
      expect(checked(templated, authenticated, direct('ci', { triggerRef: 'push' }))).toEqual([{ ...findingWhy(BY_REF('direct')), name: '$(tt.params.name)' }]);
      // a listener's own selector that picks other Triggers does not run this one
      expect(checked(picked(), grouped([group([github()])], { labelSelector: { matchLabels: { [LABEL]: 'gitlab' } } }))).toEqual([]);
    });
  });

  test('a Trigger that only its trigger group authenticates, checked without its listener, is a finding, relaxed on the Trigger with its reason', () => {
    const t: any = trigger(undefined);
    expect(TRIGGERS_AUTHENTICATED.check(t)).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'Trigger', name: 'push', property: 'spec.interceptors', value: '(none)', problem: NOBODY('the Trigger'), fix: FIX,
    }]);
    t.metadata.annotations = { 'secure-tekton/relax.TRIGGERS_AUTHENTICATED': "*: the listener's trigger group 'github' checks the signature" };
    const check = evaluateManifests([t])[0].checks.find((c) => c.rule === RuleId.TRIGGERS_AUTHENTICATED);
    expect(check?.status).toBe(CheckStatus.RELAXED);
  });
  describe("a trigger group's null interceptor entry, on which the EventListener's sink process crashes", () => {
    const groupListener = (groups: any[], apiVersion = 'triggers.tekton.dev/v1beta1', key = 'triggerGroups') => ({
      apiVersion, kind: 'EventListener', metadata: { name: 'ci', namespace: 'ci' }, spec: { serviceAccountName: 'listener', [key]: groups },
    });
    const group = (interceptors: unknown, name?: string, key = 'interceptors') => ({
      ...(name !== undefined ? { name } : {}), [key]: interceptors, triggerSelector: { labelSelector: { matchLabels: { app: 'ci' } } },
    });
    const CRASH = (before: string) => `is null, and ${before}: Triggers' webhooks admit it in a trigger group, and the EventListener's sink, which runs `
      + 'each group in a goroutine of its own that recovers nothing, dereferences it and its process ends, so anyone who can reach the EventListener '
      + 'stops it with one request, and every trigger it serves misses the events sent until its Pod has restarted (a request after each restart keeps it down)';
    const GROUP_FIX = "Remove the null entry from the trigger group's interceptors (or write it as the interceptor it is meant to be, "
      + '{ ref: { name: <interceptor> } }), and run the interceptor that checks the sender first.';
    const crash = (location: string, property: string, before = 'no interceptor comes before it') => ({
      rule: RuleId.TRIGGERS_AUTHENTICATED, kind: 'EventListener', name: 'ci', location, property, value: 'null', problem: CRASH(before), fix: GROUP_FIX,
    });

    test('a finding when no interceptor before it checks the sender: first, after a cel filter, after github without a secretRef', () => {
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([null, github()], 'push')])))
        .toEqual([crash("trigger group 'push'", 'spec.triggerGroups[0].interceptors[0]')]);
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([github()], 'signed'), group([cel, github([]), null, null])])))
        .toEqual([crash('spec.triggerGroups[1]', 'spec.triggerGroups[1].interceptors[2]', 'no interceptor before it checks who sent the event')]);
      // keys Go reads as triggerGroups and interceptors, whichever spelling Triggers keeps
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([null], 'push', 'Interceptors')], undefined, 'TriggerGroups')))
        .toEqual([crash("trigger group 'push'", 'spec.TriggerGroups[0].Interceptors[0]')]);
    });

    test('none after an interceptor that checks the sender (TRIGGERS_RUNNABLE\'s finding), nor in v1alpha1, which has no groups, nor for other entries', () => {
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([github(), null], 'push')]))).toEqual([]);
      const signed = { ref: { name: 'cel' }, params: [{ name: 'filter', value: "header.canonical('X-Token').compareSecret('token', 'hook')" }] };
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([signed, null], 'push')]))).toEqual([]);
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group([null], 'push')], 'triggers.tekton.dev/v1alpha1'))).toEqual([]);
      expect(TRIGGERS_AUTHENTICATED.check(groupListener([group(['github', {}, 7], 'push'), group(null), null]))).toEqual([]);
    });

    test('beside the findings on inline triggers, and relaxed with the whole object', () => {
      const l: any = { ...groupListener([group([null], 'push')]) };
      l.spec.triggers = [inline([cel])];
      expect(TRIGGERS_AUTHENTICATED.check(l).map((f) => f.property)).toEqual(['spec.triggerGroups[0].interceptors[0]', 'spec.triggers[0].interceptors']);
      l.metadata.annotations = { 'secure-tekton/relax.TRIGGERS_AUTHENTICATED': '*: the listener is reachable from the CI namespace only' };
      expect(evaluateManifests([l])[0].checks.find((c) => c.rule === RuleId.TRIGGERS_AUTHENTICATED)?.status).toBe(CheckStatus.RELAXED);
    });
  });

  test('an interceptor reached over plain http: ClusterInterceptor and Interceptor spec.clientConfig.url', () => {
    const interceptor = (clientConfig: unknown, kind = 'ClusterInterceptor') => ({
      apiVersion: 'triggers.tekton.dev/v1alpha1', kind, metadata: { name: 'verify', ...(kind === 'Interceptor' ? { namespace: 'ci' } : {}) }, spec: { clientConfig },
    });
    expect(TRIGGERS_AUTHENTICATED.check(interceptor({ url: 'http://verify.ci.svc:8080/github' }))).toEqual([{
      rule: RuleId.TRIGGERS_AUTHENTICATED,
      kind: 'ClusterInterceptor',
      name: 'verify',
      property: 'spec.clientConfig.url',
      value: 'http://verify.ci.svc:8080/github',
      problem: 'is plain http: the EventListener sends this interceptor the body and every header of each event a trigger runs it for (a GitLab '
        + "webhook token, a sender's Authorization header) in clear, and runs or stops the trigger, with the extensions its bindings read, on an "
        + 'answer anyone on the network path can read or forge',
      fix: 'Serve the interceptor over TLS: an https url, or clientConfig.service with the caBundle that verifies its certificate.',
    }]);
    expect(TRIGGERS_AUTHENTICATED.check(interceptor({ url: 'HTTP://verify.ci.svc/' }, 'Interceptor'))).toEqual([expect.objectContaining({
      kind: 'Interceptor', value: 'HTTP://verify.ci.svc/',
    })]);
    // TLS, a Service (the core interceptors' server writes their caBundle at run time), nothing written: no finding
    for (const c of [{ url: 'https://verify.ci.svc/' }, { service: { name: 'verify', namespace: 'ci' } }, {}, null, { url: 'httpx://a' }]) {
      expect(TRIGGERS_AUTHENTICATED.check(interceptor(c))).toEqual([]);
    }
    expect(TRIGGERS_AUTHENTICATED.appliesTo({ ...interceptor({ url: 'http://a' }), apiVersion: 'example.com/v1' })).toBe(false);
  });
});

describe('TRIGGERS_AUTHENTICATED: an EventListener that lists the Triggers of other namespaces', () => {
  // Triggers' sink (pkg/sink selectTriggers): matchNames exactly ['*'] lists every namespace, other names those namespaces; each
  // Trigger runs with the listener's own ServiceAccount (CreateResources), its template's objects created where they say
  const SELECTOR_FIX = "List only the EventListener's own namespace (namespaceSelector: {matchNames: ['<its namespace>']}), or leave "
    + "namespaceSelector out and pick this namespace's Triggers with a labelSelector; a namespace whose Triggers it must run gets an "
    + 'EventListener of its own.';
  const lists = (what: string) => `lists ${what}: Triggers' sink runs each with the EventListener's own ServiceAccount (or the one the Trigger names), `
    + "creating what the Trigger's template says where it says, so whoever may write a Trigger there, which no check of this namespace "
    + 'reads, starts runs with these credentials, with interceptors of their choosing or none';
  const selecting = (spec: any, apiVersion = 'triggers.tekton.dev/v1beta1', namespace: string | undefined = 'ci') => ({
    apiVersion, kind: 'EventListener', metadata: { name: 'ci', ...(namespace !== undefined ? { namespace } : {}) }, spec: { serviceAccountName: 'listener', ...spec },
  });
  const found = (m: any) => TRIGGERS_AUTHENTICATED.check(m).map((f) => [f.location, f.property, f.value, f.problem, f.fix]);
  const checking = [{ ref: { name: 'github' }, params: [{ name: 'secretRef', value: SECRET }] }];

  test('finding: every namespace, another namespace, in the listener and in a trigger group (v1beta1); v1alpha1 too', () => {
    expect(found(selecting({ namespaceSelector: { matchNames: ['*'] } }))).toEqual([
      [undefined, 'spec.namespaceSelector.matchNames', '*', lists("the Triggers of every namespace (matchNames exactly ['*'])"), SELECTOR_FIX],
    ]);
    expect(found(selecting({ namespaceSelector: { matchNames: ['ci', 'dev'] } }, 'triggers.tekton.dev/v1alpha1'))).toEqual([
      [undefined, 'spec.namespaceSelector.matchNames', 'ci, dev', lists("the Triggers of 'dev', not the EventListener's own namespace 'ci'"), SELECTOR_FIX],
    ]);
    // a group that checks the sender still runs a Trigger someone in dev writes, with this listener's credentials
    expect(found(selecting({ triggerGroups: [{ name: 'g', interceptors: checking, triggerSelector: { namespaceSelector: { matchNames: ['dev'] } } }] }))).toEqual([
      [undefined, 'spec.triggerGroups[0].triggerSelector.namespaceSelector.matchNames', 'dev', lists("the Triggers of 'dev', not the EventListener's own namespace 'ci'"),
        SELECTOR_FIX],
    ]);
  });

  test('compliant: its own namespace, a labelSelector alone (its own namespace), a listener without a namespace naming one; a name beside * is that name', () => {
    expect(found(selecting({ namespaceSelector: { matchNames: ['ci'] } }))).toEqual([]);
    expect(found(selecting({ labelSelector: { matchLabels: { team: 'ci' } } }))).toEqual([]);
    expect(found(selecting({ triggerGroups: [{ name: 'g', interceptors: checking, triggerSelector: { namespaceSelector: { matchNames: ['ci'] } } }] }))).toEqual([]);
    expect(found(selecting({ namespaceSelector: { matchNames: ['ci'] } }, undefined, undefined))).toEqual([]);
    // ['*', 'ci'] lists a namespace named * (none) and ci: not every namespace, but * is not the listener's
    expect(found(selecting({ namespaceSelector: { matchNames: ['*', 'ci'] } })).map((f) => f[3])).toEqual([lists("the Triggers of '*', not the EventListener's own namespace 'ci'")]);
  });
});
