import { resourceTemplates, templateKindOf, templatePath } from '../../src/private/resource-templates';

const RUN = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { generateName: 'r-' } };
const paths = (m: unknown) => resourceTemplates(m).map((t) => templatePath(t.path));

test('the templates of a TriggerTemplate, a Trigger and an EventListener trigger, in v1alpha1 and v1beta1', () => {
  for (const v of ['v1alpha1', 'v1beta1']) {
    const apiVersion = `triggers.tekton.dev/${v}`;
    expect(paths({ apiVersion, kind: 'TriggerTemplate', spec: { resourcetemplates: [RUN, { no: 'kind' }, RUN] } }))
      .toEqual(['spec.resourcetemplates[0]', 'spec.resourcetemplates[2]']);
    expect(paths({ apiVersion, kind: 'Trigger', spec: { template: { ref: 't', spec: { resourcetemplates: [RUN] } } } }))
      .toEqual(['spec.template.spec.resourcetemplates[0]']);
    expect(paths({ apiVersion, kind: 'EventListener', spec: { triggers: [{ triggerRef: 'x' }, null, { template: { spec: { resourcetemplates: [RUN] } } }] } }))
      .toEqual(['spec.triggers[2].template.spec.resourcetemplates[0]']);
  }
});

test('templates that a template creates, at each place they are written (an alias is two objects); nothing in other groups or other spellings', () => {
  const inner = { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', spec: { resourcetemplates: [RUN] } };
  const outer = { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', spec: { resourcetemplates: [inner, inner] } };
  expect(paths(outer)).toEqual([
    'spec.resourcetemplates[0]', 'spec.resourcetemplates[0].spec.resourcetemplates[0]',
    'spec.resourcetemplates[1]', 'spec.resourcetemplates[1].spec.resourcetemplates[0]',
  ]);
  expect(resourceTemplates(outer)[1].object).toBe(RUN);
  // a template that holds itself (a YAML alias of its own node) is one object created, not followed again
  const loop: any = { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', spec: { resourcetemplates: [] } };
  loop.spec.resourcetemplates.push(loop);
  expect(paths(loop)).toEqual(['spec.resourcetemplates[0]']);
  expect(paths({ apiVersion: 'example.com/v1', kind: 'TriggerTemplate', spec: { resourcetemplates: [RUN] } })).toEqual([]);
  expect(paths({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', spec: { resourceTemplates: [RUN] } })).toEqual([]);
  expect(paths({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', spec: 'x' })).toEqual([]);
  expect(paths(null)).toEqual([]);
});

test('a TriggerTemplate written with tekton.dev (which serves no such kind, SERVED_KINDS): its templates all the same', () => {
  expect(paths({ apiVersion: 'tekton.dev/v1', kind: 'TriggerTemplate', spec: { resourcetemplates: [RUN] } })).toEqual(['spec.resourcetemplates[0]']);
  expect(paths({ apiVersion: 'tekton.dev/v1alpha1', kind: 'EventListener', spec: { triggers: [{ template: { spec: { resourcetemplates: [RUN] } } }] } }))
    .toEqual(['spec.triggers[0].template.spec.resourcetemplates[0]']);
  expect(paths({ apiVersion: 'xtekton.dev/v1', kind: 'TriggerTemplate', spec: { resourcetemplates: [RUN] } })).toEqual([]);
});

test('a misspelled Triggers kind (SERVED_KINDS): its templates as those of the kind it is nearest to; a served kind of another meaning is not one', () => {
  expect(paths({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplat', spec: { resourcetemplates: [RUN] } })).toEqual(['spec.resourcetemplates[0]']);
  expect(paths({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'triggertemplate', spec: { resourcetemplates: [RUN] } })).toEqual(['spec.resourcetemplates[0]']);
  expect(paths({ apiVersion: 'tekton.dev/v1', kind: 'Triger', spec: { template: { spec: { resourcetemplates: [RUN] } } } })).toEqual(['spec.template.spec.resourcetemplates[0]']);
  expect(templateKindOf({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'EventListner' })).toBe('EventListener');
  expect(templateKindOf({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBindng' })).toBeUndefined();
  // served kinds are what they are (a TriggerBinding is one edit from no template kind, a Task is Tekton's)
  expect(templateKindOf({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBinding' })).toBeUndefined();
  expect(templateKindOf({ apiVersion: 'tekton.dev/v1', kind: 'Task' })).toBeUndefined();
  expect(templateKindOf({ apiVersion: 'example.com/v1', kind: 'TriggerTemplat' })).toBeUndefined();
  expect(templateKindOf({ kind: 'TriggerTemplate' })).toBeUndefined();
});

test('the PipelineLoop a CustomRun embeds as its customSpec; no other custom spec, nor one of another kind of object', () => {
  const loop = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec: { iterateParam: 'm' } };
  const run = (customSpec: unknown, apiVersion = 'tekton.dev/v1beta1', kind = 'CustomRun') => ({ apiVersion, kind, metadata: { name: 'r' }, spec: { customSpec } });
  expect(paths(run(loop))).toEqual(['spec.customSpec']);
  expect(resourceTemplates(run(loop))[0].object).toBe(loop);
  for (const m of [
    run({ ...loop, kind: 'Other' }), run({ ...loop, apiVersion: 'example.com/v1' }), run({ ...loop, spec: 'x' }), run(loop, 'example.com/v1'),
    run(loop, 'tekton.dev/v1', 'PipelineRun'), run(null),
  ]) expect(paths(m)).toEqual([]);
});
