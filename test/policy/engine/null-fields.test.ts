/**
 * A null step field is absent, as Kubernetes reads it: a step's securityContext or
 * computeResources of null (or NaN, which is written null) beside a stepTemplate leaves the
 * template's in force, at synth and in the audit, instead of crashing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { SecureTask } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { step } from '../../helpers/constructs';

/** A SecureTask's Task patched with `ops`, synthesized. */
function synthPatched(...ops: JsonPatch[]): any {
  const c = Testing.chart();
  new SecureTask(c, 't', { steps: [step()] });
  c.node.findAll().filter(ApiObject.isApiObject).find((o) => o.kind === 'Task')!.addJsonPatch(...ops);
  return Testing.synth(c).find((o) => o.kind === 'Task');
}

/** The failed findings (rule, property) of an audit report. */
const failed = (report: any): string[] => report.findings.filter((f: any) => f.status === 'failed').map((f: any) => `${f.rule} ${f.location ?? ''} ${f.property}`).sort();

/** The audit's JSON report on one YAML file. */
function auditYaml(text: string): { exitCode: number; report: any } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'null-fields-'));
  try {
    const file = path.join(dir, 'task.yaml');
    fs.writeFileSync(file, text);
    const r = audit([file], 'json');
    return { exitCode: r.exitCode, report: r.exitCode === 2 ? r.stderr : JSON.parse(r.stdout) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const TASK = (stepFields: string, templateFields = '') => `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: t
  namespace: ci
spec:
  stepTemplate:
    securityContext:
      runAsNonRoot: true
      runAsUser: 65532
      allowPrivilegeEscalation: false
      privileged: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: [ALL]
      seccompProfile:
        type: RuntimeDefault
    computeResources:
      limits: {cpu: "1", memory: 1Gi}
      requests: {cpu: "1", memory: 1Gi}
${templateFields}  steps:
    - name: run
      image: alpine@sha256:${'a'.repeat(64)}
      script: |
        #!/bin/sh
        true
${stepFields}`;

describe('synth', () => {
  test.each([
    ['securityContext: null', JsonPatch.add('/spec/steps/0/securityContext', null)],
    ['securityContext: NaN (written null)', JsonPatch.add('/spec/steps/0/securityContext', NaN)],
  ])('a step %s beside the stepTemplate: the template applies, written as given', (_name, op) => {
    const task = synthPatched(op);
    expect(task.spec.steps[0].securityContext).toBeNull();
    expect(task.spec.stepTemplate.securityContext.runAsNonRoot).toBe(true);
  });

  test('a step computeResources: null beside the stepTemplate is checked, not a crash', () => {
    expect(() => synthPatched(JsonPatch.add('/spec/steps/0/computeResources', null))).not.toThrow(TypeError);
  });
});

describe('audit', () => {
  test.each([
    ['securityContext: null', '      securityContext: null\n'],
    ['computeResources: null', '      computeResources: null\n'],
    ['both null', '      securityContext: null\n      computeResources: null\n'],
  ])('a step %s beside a stepTemplate: the template applies (the same findings as without it)', (_name, fields) => {
    const r = auditYaml(TASK(fields));
    expect(r.exitCode).not.toBe(2);
    expect(failed(r.report)).toEqual(failed(auditYaml(TASK('')).report));
    expect(failed(r.report).filter((f) => /securityContext|computeResources|RUN_AS|PRIVILEGE|CAPABILITIES|SECCOMP|COMPUTE/.test(f))).toEqual([]);
  });

  test('a step securityContext whose fields are null beside a stepTemplate: the template\'s apply (Go leaves nil pointers out of the merge)', () => {
    const r = auditYaml(TASK('      securityContext: {runAsNonRoot: null, runAsUser: null, allowPrivilegeEscalation: null, privileged: null, capabilities: null, seccompProfile: null}\n'));
    expect(r.exitCode).not.toBe(2);
    expect(failed(r.report)).toEqual(failed(auditYaml(TASK('')).report));
  });

  test('a null hides nothing: a step securityContext: null under a stepTemplate securityContext: null has the findings of neither setting one', () => {
    const bare = (fields: string) => TASK(fields).replace(/  stepTemplate:\n    securityContext:\n(      .*\n|        .*\n)+?    computeResources:/, '  stepTemplate:\n    securityContext: null\n    computeResources:');
    const r = auditYaml(bare('      securityContext: null\n'));
    expect(r.exitCode).not.toBe(2);
    const unset = failed(auditYaml(bare('')).report);
    expect(failed(r.report)).toEqual(unset);
    expect(unset.filter((f) => /^(RUN_AS_NON_ROOT|NO_PRIVILEGE_ESCALATION|DROP_ALL_CAPABILITIES|SECCOMP_RUNTIME_DEFAULT) /.test(f)).length).toBeGreaterThanOrEqual(4);
  });

  test('in a TaskRun\'s embedded taskSpec (kept with its nulls by the API server), a step securityContext: null keeps the stepTemplate\'s', () => {
    const embedded = (fields: string) => TASK(fields).replace('kind: Task\n', 'kind: TaskRun\n')
      .replace(/\nspec:\n([\s\S]*)$/, (_all, body: string) => `\nspec:\n  taskSpec:\n${body.replace(/^(?=.)/gm, '  ')}`);
    const r = auditYaml(embedded('      securityContext: null\n'));
    expect(r.exitCode).not.toBe(2);
    // the run's own pod template findings (it sets none) aside
    expect(failed(r.report).filter((f) => /^(RUN_AS_NON_ROOT|NO_PRIVILEGE_ESCALATION|DROP_ALL_CAPABILITIES|SECCOMP_RUNTIME_DEFAULT|NOT_PRIVILEGED) /.test(f))).toEqual([]);
    expect(failed(r.report)).toEqual(failed(auditYaml(embedded('')).report));
    // the embedded steps are read: with the stepTemplate's securityContext null too, the step has the findings of none
    const bare = auditYaml(embedded('      securityContext: null\n').replace(/    stepTemplate:\n      securityContext:\n(        .*\n|          .*\n)+?      computeResources:/,
      '    stepTemplate:\n      securityContext: null\n      computeResources:'));
    expect(failed(bare.report).filter((f) => /^RUN_AS_NON_ROOT /.test(f)))
      .toEqual(["RUN_AS_NON_ROOT step 'run' securityContext.runAsNonRoot", "RUN_AS_NON_ROOT step 'run' securityContext.runAsUser"]);
  });

  test('a stepTemplate securityContext: null under a step that sets its own', () => {
    const r = auditYaml(TASK('      securityContext: {runAsNonRoot: true, runAsUser: 65532, allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}\n')
      .replace(/  stepTemplate:\n    securityContext:\n(      .*\n|        .*\n)+?    computeResources:/, '  stepTemplate:\n    securityContext: null\n    computeResources:'));
    expect(r.exitCode).not.toBe(2);
    expect(failed(r.report)).toEqual(failed(auditYaml(TASK('')).report));
  });
});
