import { describeRule } from './fixtures';
import { CheckStatus, RuleId, Severity } from '../../../src';
import { evaluateManifests } from '../../../src/policy/engine/evaluate';
import { TRIGGERS_ESCAPED_PARAMS } from '../../../src/policy/rules/triggers-escaped-params';

const OLD_ESCAPE = 'triggers.tekton.dev/old-escape-quotes';

/** A PipelineRun a TriggerTemplate creates, given `params`. */
const run = (params: any[]) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { generateName: 'build-' },
  spec: { pipelineRef: { name: 'build' }, params },
});
const PASTES = [run([{ name: 'revision', value: '$(tt.params.revision)' }, { name: 'title', value: 'PR: $(tt.params.title)' }])];

const template = (annotations: Record<string, any> | undefined, resourcetemplates: any[] = PASTES, apiVersion = 'triggers.tekton.dev/v1beta1') => ({
  apiVersion,
  kind: 'TriggerTemplate',
  metadata: { name: 'build', namespace: 'ci', ...(annotations !== undefined ? { annotations } : {}) },
  spec: { params: [{ name: 'revision' }, { name: 'title' }], resourcetemplates },
});

const FIX = `Remove the annotation ${OLD_ESCAPE}: Triggers' default escaping already keeps a string taken from the event inside the JSON string it is pasted into.`;
const finding = (variables: string, value = 'true') => ({
  rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
  kind: 'TriggerTemplate',
  name: 'build',
  property: `metadata.annotations['${OLD_ESCAPE}']`,
  value,
  problem: `makes Triggers escape every " once more in the values it pastes into spec.resourcetemplates for ${variables}: `
    + 'a " of the event\'s text (a pull request title, a commit message), already escaped as \\", becomes \\\\", an escaped '
    + 'backslash and then a quote that ends the JSON string, so the object is no longer JSON and Triggers creates neither it '
    + 'nor the templates after it: whoever writes that text decides whether the runs are made',
  fix: FIX,
});

describe('TRIGGERS_ESCAPED_PARAMS', () => {
  describeRule(TRIGGERS_ESCAPED_PARAMS, RuleId.TRIGGERS_ESCAPED_PARAMS, Severity.MEDIUM, true);

  test("applies to Triggers' TriggerTemplates, and to the Triggers and EventListeners that bind params to them", () => {
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo(template(undefined))).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo(template(undefined, [], 'triggers.tekton.dev/v1alpha1'))).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), apiVersion: 'example.com/v1' })).toBe(false);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'TriggerBinding' })).toBe(false);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'Trigger' })).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'EventListener' })).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'Trigger', apiVersion: 'example.com/v1' })).toBe(false);
  });

  test('an inline template (template.spec) has no metadata: Triggers resolves it without annotations, so it is never escaped the old way', () => {
    const t = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'Trigger',
      metadata: { name: 'push', namespace: 'ci', annotations: { [OLD_ESCAPE]: 'true' } },
      spec: { bindings: [{ name: 'revision', value: '$(body.after)' }], template: { spec: { metadata: { annotations: { [OLD_ESCAPE]: 'true' } }, resourcetemplates: PASTES } } },
    };
    expect(TRIGGERS_ESCAPED_PARAMS.check(t)).toEqual([]);
  });

  describe('a param bound to an object or an array of the event, pasted into a string of the resource templates', () => {
    const BINDING_FIX = 'Bind each string field the template needs as a param of its own (e.g. $(body.pull_request.title), $(body.pull_request.head.sha)): '
      + 'Triggers pastes a string escaped for JSON without its quotes, which stays inside the string it is pasted into.';
    const OBJECT = 'an object or an array in the events GitHub, GitLab and Bitbucket send';
    /** The finding on `kind` 'push' for `param` bound at `property` to `value`, whose `$(expression)` is `why`, pasted by `into`. */
    const pasted = (kind: string, property: string, value: string, expression: string, param: string, why: string, into: string,
      location?: string, via = '') => ({
      rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
      kind,
      name: 'push',
      ...(location !== undefined ? { location } : {}),
      property,
      value,
      problem: `binds the param '${param}'${via} to $(${expression}), ${why}, which Triggers pastes as its JSON text, quotes and all, and ${into} pastes `
        + `$(tt.params.${param}) into a string of its resource templates: the first quote of that text ends the string, so the object is no `
        + 'longer JSON and Triggers creates neither it nor the templates after it (a sender who writes every string of the value in JSON '
        + "punctuation and digits alone makes it JSON again, with fields of the sender's and the template's later fields moved)",
      fix: BINDING_FIX,
    });
    const PR_RUN = [run([{ name: 'pr', value: 'PR: $(tt.params.pr)' }, { name: 'revision', value: '$(tt.params.revision)' }])];
    const inlineTrigger = (bindings: any[], templates: any[] = PR_RUN) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'Trigger',
      metadata: { name: 'push', namespace: 'ci' },
      spec: { bindings, template: { spec: { params: [{ name: 'pr' }, { name: 'revision' }], resourcetemplates: templates } } },
    });
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });

    test.each<[string, string, string]>([
      ['$(body.pull_request)', 'body.pull_request', OBJECT],
      ['$(body.commits)', 'body.commits', OBJECT],
      ['$(body)', 'body', 'the whole event body, an object'],
      ['$(header)', 'header', "the event's headers, an object"],
      ['$(body.commits[*].id)', 'body.commits[*].id', 'a path that selects several values, a JSON array when more than one matches'],
      ['PR #$(body.number): $(body.pull_request)', 'body.pull_request', OBJECT],
    ])('finding: a Trigger binds pr to %s and its inline template pastes it', (value, expression, why) => {
      const t = inlineTrigger([{ name: 'revision', value: '$(body.after)' }, { name: 'pr', value }]);
      expect(TRIGGERS_ESCAPED_PARAMS.check(t)).toEqual([pasted('Trigger', 'spec.bindings[1].value', value, expression, 'pr', why, 'its inline template (spec.template.spec)')]);
    });

    test.each<[string, string]>([
      ['a string of the event', '$(body.pull_request.title)'],
      ['a string of the event, in text', 'PR $(body.pull_request.number): $(body.pull_request.head.sha)'],
      ['a header', '$(header.X-GitHub-Event)'],
      ['an extension (its type is not known here)', '$(extensions.changed_files)'],
      ['a filter (read as selecting the one value it is written for)', '$(body.repository.links.clone[?(@.name=="ssh")].href)'],
      ['fixed text', '{"a": "b"}'],
    ])('compliant: pr bound to %s', (_, value) => {
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'pr', value }]))).toEqual([]);
    });

    test('compliant: an object bound to a param the template does not paste, or pastes only as another name', () => {
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'event', value: '$(body)' }]))).toEqual([]);
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'p', value: '$(body)' }], [run([{ name: 'x', value: '$(tt.params.pr)' }])]))).toEqual([]);
    });

    test('finding: an object bound to a param the template does not paste, while it pastes a param of the event', () => {
      // Triggers pastes the params in the order of a Go map: a title holding $(tt.params.event) gets the body's JSON text when event comes later
      const t = inlineTrigger([{ name: 'pr', value: 'PR: $(body.pull_request.title)' }, { name: 'event', value: '$(body)' }]);
      expect(TRIGGERS_ESCAPED_PARAMS.check(t)).toEqual([{
        rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
        kind: 'Trigger',
        name: 'push',
        property: 'spec.bindings[1].value',
        value: '$(body)',
        problem: "binds the param 'event' to $(body), the whole event body, an object, which Triggers pastes as its JSON text, quotes and all; "
          + "its inline template (spec.template.spec) does not paste $(tt.params.event) but pastes $(tt.params.pr), whose value the event's sender "
          + 'writes (PR: $(body.pull_request.title)): Triggers pastes the params one after the other in no fixed order, and a sender who writes '
          + '$(tt.params.event) in that value (escaped as $$(tt.params.event), which still holds it) gets the JSON text pasted there when '
          + '$(tt.params.event) comes later: its first quote ends the string, so the object is no longer JSON and Triggers creates neither it '
          + 'nor the templates after it',
        fix: 'Remove the binding of a param the template does not paste, and bind each string field the template needs as a param of its own '
          + '(e.g. $(body.pull_request.title)): no param then holds JSON text with quotes that a value of the event could pull into its string.',
      }]);
      // a template that pastes no param of the event (pr and revision left to their defaults, or fixed texts) gives the sender no string to write it in
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'pr', value: 'fixed' }, { name: 'event', value: '$(body)' }]))).toEqual([]);
    });

    test("finding: a binding's fixed text or a template's default that is no JSON string's content, not pasted, while a param of the event is", () => {
      const UNUSED = 'Remove the binding of a param the template does not paste, and bind each string field the template needs as a param of its own '
        + '(e.g. $(body.pull_request.title)): no param then holds JSON text with quotes that a value of the event could pull into its string.';
      const tail = (param: string) => 'its inline template (spec.template.spec) does not paste $(tt.params.' + param + ') but pastes $(tt.params.pr), whose value the '
        + "event's sender writes ($(body.pull_request.title)): Triggers pastes the params one after the other in no fixed order, and a sender who "
        + `writes $(tt.params.${param}) in that value (escaped as $$(tt.params.${param}), which still holds it) gets that text pasted there when `
        + `$(tt.params.${param}) comes later: it ends the string or breaks its escapes, so the object is no longer JSON and Triggers creates neither it `
        + 'nor the templates after it';
      const t = inlineTrigger([{ name: 'pr', value: '$(body.pull_request.title)' }, { name: 'dir', value: 'C:\\go\\$(body.ref)' }]);
      expect(TRIGGERS_ESCAPED_PARAMS.check(t)).toEqual([{
        rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
        kind: 'Trigger',
        name: 'push',
        property: 'spec.bindings[1].value',
        value: 'C:\\go\\$(body.ref)',
        problem: "binds the param 'dir' to a text that is not the content of a JSON string (a \", a \\ that starts no JSON escape or a control "
          + `character), which Triggers pastes as it is; ${tail('dir')}`,
        fix: UNUSED,
      }]);
      const withDefault = { ...t, spec: { ...t.spec, bindings: [t.spec.bindings[0]], template: { spec: { ...t.spec.template.spec, params: [{ name: 'pr' }, { name: 'revision' }, { name: 'note', default: 'say "hi"\n' }] } } } };
      expect(TRIGGERS_ESCAPED_PARAMS.check(withDefault)).toEqual([{
        rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
        kind: 'Trigger',
        name: 'push',
        property: 'spec.template.spec.params[2].default',
        value: 'say "hi"\n',
        problem: "its inline template (spec.template.spec) gives the param 'note', which no binding gives, the default \"say \\\"hi\\\"\\n\", a text "
          + 'that is not the content of a JSON string (a ", a \\ that starts no JSON escape or a control character), which Triggers pastes as it '
          + `is; ${tail('note')}`,
        fix: UNUSED,
      }]);
      // a TriggerTemplate of the trigger's namespace, named by its ref: the finding is at the ref
      const tt = { ...template(undefined), spec: { params: [{ name: 'pr' }, { name: 'note', default: 'say "hi"\n' }], resourcetemplates: PR_RUN } };
      const byRef = { ...t, spec: { bindings: [t.spec.bindings[0]], template: { ref: 'build' } } };
      expect(TRIGGERS_ESCAPED_PARAMS.check(byRef, context(byRef, tt))).toEqual([{
        rule: RuleId.TRIGGERS_ESCAPED_PARAMS,
        kind: 'Trigger',
        name: 'push',
        property: 'spec.template.ref',
        value: 'build',
        problem: "TriggerTemplate 'build' gives the param 'note', which no binding gives, the default \"say \\\"hi\\\"\\n\", a text "
          + 'that is not the content of a JSON string (a ", a \\ that starts no JSON escape or a control character), which Triggers pastes as it '
          + `is; ${tail('note').replace('its inline template (spec.template.spec)', "TriggerTemplate 'build'")}`,
        fix: UNUSED,
      }]);
      // PR_RUN pastes revision itself: a text that breaks every object it is pasted into is the template's own, whatever the sender writes
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'pr', value: '$(body.pull_request.title)' }, { name: 'revision', value: 'say "hi"' }]))).toEqual([]);
      // texts that are JSON string content: escapes Triggers leaves as they are (\t, \u0041), no quote
      expect(TRIGGERS_ESCAPED_PARAMS.check(inlineTrigger([{ name: 'pr', value: '$(body.pull_request.title)' }, { name: 'dir', value: 'a\\tb\\u0041 $(body.ref)' }]))).toEqual([]);
    });

    test('finding: an EventListener trigger binds it through a TriggerBinding of its namespace, and its TriggerTemplate pastes it', () => {
      const binding = {
        apiVersion: 'triggers.tekton.dev/v1beta1',
        kind: 'TriggerBinding',
        metadata: { name: 'github-pr', namespace: 'ci' },
        spec: { params: [{ name: 'revision', value: '$(body.pull_request.head.sha)' }, { name: 'pr', value: '$(body.pull_request)' }] },
      };
      const tt = { ...template(undefined, PR_RUN), spec: { params: [{ name: 'pr' }, { name: 'revision' }], resourcetemplates: PR_RUN } };
      const el = {
        apiVersion: 'triggers.tekton.dev/v1beta1',
        kind: 'EventListener',
        metadata: { name: 'push', namespace: 'ci' },
        spec: { triggers: [{ name: 'pr', interceptors: [], bindings: [{ ref: 'github-pr' }], template: { ref: 'build' } }] },
      };
      expect(TRIGGERS_ESCAPED_PARAMS.check(el, context(el, binding, tt))).toEqual([pasted('EventListener', 'spec.triggers[0].bindings[0]',
        '$(body.pull_request)', 'body.pull_request', 'pr', OBJECT, "TriggerTemplate 'build'", "trigger 'pr'", " (TriggerBinding 'github-pr' spec.params[1])")]);
      // checked alone, neither the binding nor the template is known
      expect(TRIGGERS_ESCAPED_PARAMS.check(el)).toEqual([]);
      // the sink looks both up in the trigger's namespace
      expect(TRIGGERS_ESCAPED_PARAMS.check(el, context(el, { ...binding, metadata: { name: 'github-pr', namespace: 'other' } }, tt))).toEqual([]);
      expect(TRIGGERS_ESCAPED_PARAMS.check(el, context(el, binding, { ...tt, metadata: { name: 'build', namespace: 'other' } }))).toEqual([]);
      // a ClusterTriggerBinding only when the binding's kind says so
      const cluster = { ...binding, kind: 'ClusterTriggerBinding', metadata: { name: 'github-pr' } };
      expect(TRIGGERS_ESCAPED_PARAMS.check(el, context(el, cluster, tt))).toEqual([]);
      const byCluster = { ...el, spec: { triggers: [{ ...el.spec.triggers[0], bindings: [{ ref: 'github-pr', kind: 'ClusterTriggerBinding' }] }] } };
      expect(TRIGGERS_ESCAPED_PARAMS.check(byCluster, context(byCluster, cluster, tt))).toEqual([pasted('EventListener',
        'spec.triggers[0].bindings[0]', '$(body.pull_request)', 'body.pull_request', 'pr', OBJECT, "TriggerTemplate 'build'", "trigger 'pr'",
        " (ClusterTriggerBinding 'github-pr' spec.params[1])")]);
      // a TriggerTemplate with the old-escape annotation is reported there, at the annotation
      const old = template({ [OLD_ESCAPE]: 'true' }, PR_RUN);
      expect(TRIGGERS_ESCAPED_PARAMS.check(el, context(el, binding, old))).toEqual([]);
      // an entry with only a triggerRef runs that Trigger, judged on its own
      const byRef = { ...el, spec: { triggers: [{ name: 'pr', triggerRef: 'push' }] } };
      expect(TRIGGERS_ESCAPED_PARAMS.check(byRef, context(byRef, binding, tt))).toEqual([]);
    });
  });

  test('compliant: params pasted without the annotation (the default escaping), beside other annotations', () => {
    expect(TRIGGERS_ESCAPED_PARAMS.check(template(undefined))).toEqual([]);
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ 'example.com/owner': 'ci', 'triggers.tekton.dev/old-escape': 'true' }))).toEqual([]);
    expect(TRIGGERS_ESCAPED_PARAMS.check(template(null as any))).toEqual([]);
  });

  test('compliant: the annotation on a template that pastes no param (a fixed run, $(uid) only, none at all)', () => {
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, [run([{ name: 'id', value: '$(uid)' }, { name: 'p', value: '$(params.x)' }])]))).toEqual([]);
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, []))).toEqual([]);
    expect(TRIGGERS_ESCAPED_PARAMS.check({ ...template({ [OLD_ESCAPE]: 'true' }), spec: null })).toEqual([]);
  });

  test('compliant: annotation keys are case-sensitive, as Kubernetes keeps them', () => {
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ 'Triggers.tekton.dev/old-escape-quotes': 'true' }))).toEqual([]);
  });

  test('finding: the annotation on a template that pastes params, in v1beta1 and v1alpha1', () => {
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }))).toEqual([finding('$(tt.params.revision), $(tt.params.title)')]);
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, PASTES, 'triggers.tekton.dev/v1alpha1')))
      .toEqual([finding('$(tt.params.revision), $(tt.params.title)')]);
  });

  test.each<[string, any, string]>([
    ['empty', '', ''],
    ['"false"', 'false', 'false'],
    ['null', null, 'null'],
  ])('finding: any value of the annotation counts (%s): Triggers asks only whether the key is there', (_, value, shown) => {
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: value }))).toEqual([finding('$(tt.params.revision), $(tt.params.title)', shown)]);
  });

  test('finding: a param pasted anywhere, in a key or a template without a kind, named once each, the first three', () => {
    const templates = [
      { kind: 'TaskRun', spec: { taskSpec: { steps: [{ name: 'x', image: 'alpine', script: 'echo "$(tt.params.a)" "$(tt.params.a)"' }] } } },
      { metadata: { labels: { '$(tt.params.b)': 'x' } } },
      ['$(tt.params.c)', { d: '$(tt.params.d)$(tt.params.e)' }],
    ];
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, templates)))
      .toEqual([finding('$(tt.params.a), $(tt.params.b), $(tt.params.c) and 2 more')]);
  });

  test('finding: a variable not closed in its string (a param name that holds a quote would close it in the next one) is named to the end of it', () => {
    const templates = [{ metadata: { labels: { '$(tt.params.x': ')' } } }];
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, templates))).toEqual([finding('$(tt.params.x')]);
    const long = `$(tt.params.${'n'.repeat(80)}`;
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, [{ v: long }]))).toEqual([finding(`${long.slice(0, 60)}…`)]);
  });

  test('a template that holds itself (a YAML alias) is read once', () => {
    const t: any = { kind: 'ConfigMap', data: { a: '$(tt.params.a)' } };
    t.data.self = t;
    expect(TRIGGERS_ESCAPED_PARAMS.check(template({ [OLD_ESCAPE]: 'true' }, [t, t]))).toEqual([finding('$(tt.params.a)')]);
  });

  test('the audit honours a whole-object relaxation record with a reason', () => {
    const t: any = template({ [OLD_ESCAPE]: 'true' }, [run([{ name: 'revision', value: '$(tt.params.revision)' }])]);
    expect(evaluateManifests([t])[0].checks.find((c) => c.rule === RuleId.TRIGGERS_ESCAPED_PARAMS)?.status).toBe(CheckStatus.FAILED);
    t.metadata.annotations['secure-tekton/relax.TRIGGERS_ESCAPED_PARAMS'] = '*: revision is bound to body.after, a commit SHA of 40 hex digits';
    expect(evaluateManifests([t])[0].checks.find((c) => c.rule === RuleId.TRIGGERS_ESCAPED_PARAMS)?.status).toBe(CheckStatus.RELAXED);
  });
});
