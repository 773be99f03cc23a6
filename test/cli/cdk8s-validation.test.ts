/**
 * The rule catalogue as a cdk8s-cli validation plugin, run through cdk8s-cli
 * itself (`cdk8s synth` with `validations:` in cdk8s.yaml) on an app that uses no
 * construct of the library.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SecureTektonValidation } from '../../src';

const ROOT = path.resolve(__dirname, '..', '..');

/** A plain cdk8s app: a ConfigMap, and (when BAD is set) a privileged Task and a cluster-admin binding. */
const APP = `
const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
const chart = new Chart(app, 'plain', { namespace: 'ci' });
new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });
if (process.env.BAD) {
  new ApiObject(chart, 'dind', {
    apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'dind' },
    spec: { steps: [{ name: 'docker', image: 'docker:27-dind', script: '#!/bin/sh\\ndockerd', securityContext: { privileged: true } }] },
  });
  new ApiObject(chart, 'admin', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'ci-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'ci' }],
  });
}
app.synth();
`;

/**
 * The plugin module cdk8s-cli loads: the library's sources through ts-node (a
 * published package is plain JavaScript; `package: ./node_modules/cdk8s-secure-tekton`).
 */
const PLUGIN = `
require(${JSON.stringify(require.resolve('ts-node'))}).register({
  transpileOnly: true,
  project: ${JSON.stringify(path.join(ROOT, 'test', 'tsconfig.json'))},
  compilerOptions: { rootDir: '/' },
});
module.exports = require(${JSON.stringify(path.join(ROOT, 'src', 'index.ts'))});
`;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-plugin-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'main.js'), APP);
  fs.writeFileSync(path.join(dir, 'plugin.js'), PLUGIN);
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'app: node main.js',
    'validations:',
    '  - package: ./plugin.js',
    '    version: 0.0.0',
    '    class: SecureTektonValidation',
    '',
  ].join('\n'));
  return dir;
}

function synth(dir: string, env: Record<string, string> = {}) {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], {
    cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000,
  });
  // cdk8s-cli colours the rule names
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: r.status, stdout: strip(r.stdout ?? ''), stderr: strip(r.stderr ?? '') };
}

describe('SecureTektonValidation through cdk8s-cli', () => {
  test('an app that complies passes: exit 0, status success', () => {
    const r = synth(project());
    expect(r.stderr).not.toContain('Validation failed');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Status\s+│ success/);
    expect(r.stdout).toContain('Validations ended succesfully');
  });

  test('an app with a privileged Task and a cluster-admin binding fails: exit 2, each finding reported by rule with its resource', () => {
    const r = synth(project(), { BAD: '1' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Validation failed');
    expect(r.stdout).toMatch(/Status\s+│ failure/);
    expect(r.stdout).toContain('NOT_PRIVILEGED (high) (1 occurrences)');
    expect(r.stdout).toContain('RBAC_NAMESPACED (high) (1 occurrences)');
    expect(r.stdout).toContain('IMAGE_DIGEST (high) (1 occurrences)');
    expect(r.stdout).toContain("Task step 'docker': securityContext.privileged \"true\" is true");
    expect(r.stdout).toContain('Construct Path: plain/admin');
  });
});

describe('SecureTektonValidation on a context', () => {
  /** A ValidationContext as cdk8s-cli builds one, over in-memory manifests. */
  function context(files: Record<string, any[]>) {
    const violations: any[] = [];
    let submitted: { status: string; metadata: any } | undefined;
    return {
      violations,
      submitted: () => submitted,
      ctx: {
        manifests: Object.keys(files),
        parseManifest: (f: string) => files[f],
        report: {
          addViolation: (v: any) => violations.push(v),
          submit: (status: string, metadata: any) => { submitted = { status, metadata }; },
        },
      },
    };
  }

  test('a relaxation record honoured by the audit is honoured here too; the report counts it', async () => {
    const secret = (annotations?: any) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations }, stringData: { k: 'v' } });
    const relaxed = context({ 'a.yaml': [secret({ 'secure-tekton/relax.NO_SECRET_MATERIAL': '*: throw-away kind cluster for the demo' })] });
    await new SecureTektonValidation().validate(relaxed.ctx);
    expect(relaxed.violations).toEqual([]);
    expect(relaxed.submitted()).toEqual({ status: 'success', metadata: { objects: '1', findings: '0', relaxed: '1' } });

    const failing = context({ 'a.yaml': [secret(), null, 'text'] });
    await new SecureTektonValidation({}).validate(failing.ctx);
    expect(failing.violations).toEqual([{
      ruleName: 'NO_SECRET_MATERIAL (high)',
      recommendation: expect.stringMatching(/^Secrets carry no values, and ConfigMaps and Tekton objects carry no credentials\. Manifests are committed/),
      fix: expect.stringContaining('annotation secure-tekton/relax.NO_SECRET_MATERIAL: "<target, or * for the whole object>: <why, at least 10 visible characters>"'),
      violatingResources: [{ resourceName: 's', manifestPath: 'a.yaml', locations: ['Secret: stringData "k" holds secret values'] }],
    }]);
    expect(failing.submitted()?.status).toBe('failure');
  });

  test('the items of a list and the objects a TriggerTemplate creates are checked, as the audit reads them', async () => {
    // an item without kind and apiVersion: a Task, as kubectl reads a TaskList
    const privileged = {
      metadata: { name: 'root' },
      spec: { steps: [{ name: 'c', image: `a@sha256:${'a'.repeat(64)}`, script: '#!/bin/sh\necho\n', securityContext: { privileged: true } }] },
    };
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [{ name: 's', image: 'alpine:3', script: '#!/bin/sh\necho\n' }] } };
    const r = context({
      'a.yaml': [
        { apiVersion: 'tekton.dev/v1', kind: 'TaskList', items: [privileged] },
        { apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate', metadata: { name: 'tt' }, spec: { resourcetemplates: [task] } },
      ],
    });
    await new SecureTektonValidation().validate(r.ctx);
    const found = (rule: string) => r.violations.find((v) => v.ruleName === `${rule} (high)`)?.violatingResources.map((v: any) => v.resourceName);
    expect(found('NOT_PRIVILEGED')).toEqual(['root']);
    expect(found('IMAGE_DIGEST')).toEqual(['t']);
    // the list's item, the TriggerTemplate and its template (the list itself is no object)
    expect(r.submitted()?.metadata.objects).toBe('3');
  });
});
