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

  test("applies to Triggers' TriggerTemplates only", () => {
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo(template(undefined))).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo(template(undefined, [], 'triggers.tekton.dev/v1alpha1'))).toBe(true);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), apiVersion: 'example.com/v1' })).toBe(false);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'TriggerBinding' })).toBe(false);
    // an inline template (`template.spec`) has no metadata: Triggers resolves it without annotations
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'Trigger' })).toBe(false);
    expect(TRIGGERS_ESCAPED_PARAMS.appliesTo({ ...template(undefined), kind: 'EventListener' })).toBe(false);
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
