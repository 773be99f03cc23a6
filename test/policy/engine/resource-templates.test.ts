/**
 * The objects a TriggerTemplate (or a Trigger's, an EventListener's inline template) creates
 * per event are checked at synth like written objects: findings are the holder's, at the
 * template's path, relaxations come from the construct that wrote the holder and are recorded
 * in the template, sealed with the holder, as the audit of the written files reads them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { Relaxations, RuleId, SecureTask } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { isSealed } from '../../../src/policy/engine/annotations';
import { SecureTektonError } from '../../../src/policy/errors';

const IMAGE = 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4';
const TRIGGERS = 'triggers.tekton.dev/v1beta1';
const UNPINNED = 'docker.io/library/alpine:3.20';

const evilTask = (): any => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'evil-$(tt.params.id)', namespace: 'ci' },
  spec: { steps: [{ name: 'c', image: IMAGE, script: '#!/bin/sh\necho\n', securityContext: { privileged: true } }] },
});

function setup(): { app: App; chart: Chart } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'resource-templates-')) });
  const chart = new Chart(app, 'ci', { namespace: 'ci' });
  new SecureTask(chart, 'unit-test', { steps: [{ name: 'test', image: IMAGE, script: '#!/bin/sh\ngo test ./...\n' }] });
  return { app, chart };
}

/** The findings of the refusal, one line each; nothing may have been written. */
function refusals(app: App): string[] {
  try {
    app.synth();
  } catch (e) {
    expect(e).toBeInstanceOf(SecureTektonError);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    return (e as Error).message.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^\d+ (refusals|findings)/.test(l));
  }
  throw new Error('synth was not refused');
}

const PRIVILEGED = 'step \'c\': securityContext.privileged "true" is true [NOT_PRIVILEGED]';

describe('a privileged Task that a Triggers object creates per event is refused, as the holder\'s', () => {
  test('a TriggerTemplate\'s resource template', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'tt', { apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'on-push' }, spec: { resourcetemplates: [evilTask()] } });
    expect(refusals(app).find((l) => l.includes('NOT_PRIVILEGED'))).toBe(`TriggerTemplate 'ci/tt' 'on-push' spec.resourcetemplates[0] ${PRIVILEGED}. `
      + 'Remove securityContext.privileged; this rule cannot be relaxed (build images with a daemonless builder instead).');
  });

  test('a Trigger\'s and an EventListener trigger\'s inline template, and a TriggerTemplate a template creates', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'trigger', { apiVersion: TRIGGERS, kind: 'Trigger', metadata: { name: 'on-push' }, spec: { template: { spec: { resourcetemplates: [evilTask()] } } } });
    new ApiObject(chart, 'el', {
      apiVersion: TRIGGERS,
      kind: 'EventListener',
      metadata: { name: 'listener' },
      spec: { serviceAccountName: 'el', triggers: [{ name: 'ref', triggerRef: 'on-push' }, { name: 'inline', template: { spec: { resourcetemplates: [evilTask()] } } }] },
    });
    new ApiObject(chart, 'nested', {
      apiVersion: TRIGGERS,
      kind: 'TriggerTemplate',
      metadata: { name: 'outer' },
      spec: { resourcetemplates: [{ apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'inner-$(tt.params.id)' }, spec: { resourcetemplates: [evilTask()] } }] },
    });
    const lines = refusals(app).filter((l) => l.includes('NOT_PRIVILEGED')).map((l) => l.slice(0, l.indexOf(' [NOT_PRIVILEGED]')));
    expect(lines).toEqual([
      `EventListener 'ci/el' 'listener' spec.triggers[1].template.spec.resourcetemplates[0] ${PRIVILEGED.replace(' [NOT_PRIVILEGED]', '')}`,
      `TriggerTemplate 'ci/nested' 'outer' spec.resourcetemplates[0].spec.resourcetemplates[0] ${PRIVILEGED.replace(' [NOT_PRIVILEGED]', '')}`,
      `Trigger 'ci/trigger' 'on-push' spec.template.spec.resourcetemplates[0] ${PRIVILEGED.replace(' [NOT_PRIVILEGED]', '')}`,
    ]);
  });

  test('an object without apiVersion triggers.tekton.dev holds no templates', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { x: 'y' } });
    new ApiObject(chart, 'tt', { apiVersion: 'example.com/v1', kind: 'TriggerTemplate', metadata: { name: 'not-triggers' }, spec: { resourcetemplates: [evilTask()] } });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('relaxations of the construct that wrote the holder', () => {
  test('cover the template\'s finding, are recorded in the template and sealed with the holder: the audit of the files reads them as the library\'s', () => {
    const { app, chart } = setup();
    // a Task as the library writes it, with an image not pinned by digest
    const model = new SecureTask(Testing.chart(), 'build', { steps: [{ name: 'build', image: IMAGE, script: '#!/bin/sh\ngo build ./...\n' }] });
    const task = JSON.parse(JSON.stringify(model.node.findAll().find(ApiObject.isApiObject)!.toJson()));
    task.metadata = { name: 'build-$(tt.params.id)', namespace: 'ci' };
    task.spec.steps[0].image = UNPINNED;
    const tt = new ApiObject(chart, 'tt', { apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'on-push' }, spec: { resourcetemplates: [task] } });
    expect(refusals(app)).toEqual([`TriggerTemplate 'ci/tt' 'on-push' spec.resourcetemplates[0] step 'build': image "${UNPINNED}" is not pinned by digest [IMAGE_DIGEST]. `
      + `Use "${UNPINNED.replace(/:[^:]*$/, '')}@sha256:<64 hex>". Or relax IMAGE_DIGEST with a reason: `
      + "Relaxations.of(tt).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/build', reason: '<why>' })."]);
    Relaxations.of(tt).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/build', reason: 'the tag is the vendor\'s signed release' });
    app.synth();
    const written = Yaml.load(path.join(app.outdir, 'ci.k8s.yaml')).find((o: any) => o.kind === 'TriggerTemplate');
    expect(isSealed(written)).toBe(true);
    expect(written.spec.resourcetemplates[0].metadata.annotations).toEqual({ 'secure-tekton/relax.IMAGE_DIGEST': 'step/build: the tag is the vendor\'s signed release' });
    const r = JSON.parse(audit([app.outdir], { format: 'json', failOnHandEdit: true }).stdout);
    expect(r.findings.filter((f: any) => f.rule === 'IMAGE_DIGEST').map((f: any) => [f.object, f.status, f.recordedBy, f.path]))
      .toEqual([['Task/ci/build-$(tt.params.id)', 'relaxed', 'library', 'spec.steps[0].image']]);
  });

  test('a relaxation that covers nothing in the holder nor its templates is refused as unused', () => {
    const { app, chart } = setup();
    const tt = new ApiObject(chart, 'tt', { apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'on-push' }, spec: { resourcetemplates: [evilTask()] } });
    Relaxations.of(tt).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/nope', reason: 'the tag is the vendor\'s signed release' });
    expect(refusals(app).filter((l) => l.includes('RELAXATION_REASON'))).toEqual([
      "ApiObject 'ci/tt': Relaxations.add[0].target \"step/nope\" names no part of the objects ApiObject 'ci/tt' writes [RELAXATION_REASON]. "
      + 'Use one of: step/c, or leave target out to cover the whole object.',
    ]);
  });

  test('a relaxation record written by hand into a template is refused', () => {
    const { app, chart } = setup();
    const task = { ...evilTask(), metadata: { name: 'evil-$(tt.params.id)', annotations: { 'secure-tekton/relax.NOT_PRIVILEGED': 'step/c: trust me, it is fine' } } };
    new ApiObject(chart, 'tt', { apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'on-push' }, spec: { resourcetemplates: [task] } });
    expect(refusals(app)).toContain("TriggerTemplate 'ci/tt' 'on-push' spec.resourcetemplates[0]: metadata.annotations[\"secure-tekton/relax.NOT_PRIVILEGED\"] "
      + '"step/c: trust me, it is fine" is set outside the library (an escape-hatch patch or an imported object) [RELAXATION_REASON]. '
      + "Remove the annotation; relax a rule with Relaxations.of(construct).add({ rule: RuleId.<RULE>, reason: '<why>' }), which writes it.");
  });
});

describe('rules that compare the objects checked together see the templates as the audit does', () => {
  const configMap = (name: string): any => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ci' }, data: { k: 'v' } });

  test('a template named with $(tt.params.x), or one TriggerTemplate\'s template alone, is no duplicate', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'cm', configMap('settings'));
    new ApiObject(chart, 'tt', {
      apiVersion: TRIGGERS,
      kind: 'TriggerTemplate',
      metadata: { name: 'on-push' },
      spec: { resourcetemplates: [configMap('settings-$(tt.params.id)'), configMap('marker')] },
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('a template with the fixed name of a written object is the identity of two objects, on both', () => {
    const { app, chart } = setup();
    new ApiObject(chart, 'cm', configMap('settings'));
    new ApiObject(chart, 'tt', { apiVersion: TRIGGERS, kind: 'TriggerTemplate', metadata: { name: 'on-push' }, spec: { resourcetemplates: [{ ...configMap('settings'), data: { k: 'w' } }] } });
    expect(refusals(app).filter((l) => l.includes('UNIQUE_OBJECTS')).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      "ConfigMap 'ci/cm' 'settings'",
      "TriggerTemplate 'ci/tt' 'on-push' spec.resourcetemplates[0]",
    ]);
  });
});
