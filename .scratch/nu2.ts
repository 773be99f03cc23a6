import { App, Chart, Size } from 'cdk8s';
import { LeastPrivilegeServiceAccount, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, TrustDomain, ApiVerb } from '../src';
function attempt(label: string, f: (c: Chart) => void) {
  const app = new App({ outdir: '/tmp/nu-out' });
  const c = new Chart(app, 'c', { namespace: 'ci' });
  try { f(c); app.synth(); console.log(label, 'OK'); } catch (e: any) { console.log(label, '=>', e.message.slice(0, 700)); }
}
const img = 'docker.io/library/alpine@sha256:' + 'a'.repeat(64);
function pipe(c: Chart, ws: any) {
  const t = new SecureTask(c, 't', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [{ name: 's', image: img, script: '#!/bin/sh\necho' }] });
  const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
  p.addTask({ task: t, workspaces: { src: 'src' } });
  new SecurePipelineRun(c, 'r', { pipeline: p, workspaces: { src: ws } });
}
attempt('pvc', (c) => pipe(c, RunWorkspace.persistentVolumeClaim('shared')));
attempt('secret subst', (c) => pipe(c, RunWorkspace.secret('$(params.x)')));
attempt('configmap', (c) => pipe(c, RunWorkspace.configMap('cm')));
attempt('grantApi', (c) => { const sa = new LeastPrivilegeServiceAccount(c, 'sa', {}); sa.grantApi({ resource: 'secrets', verbs: [ApiVerb.LIST], resourceNames: ['x'] }); });
attempt('grantApi wildcard', (c) => { const sa = new LeastPrivilegeServiceAccount(c, 'sa', {}); sa.grantApi({ apiGroup: '*', resource: 'pods', verbs: [ApiVerb.GET], resourceNames: ['x'] }); });
attempt('grantApi escalate', (c) => { const sa = new LeastPrivilegeServiceAccount(c, 'sa', {}); sa.grantApi({ apiGroup: 'rbac.authorization.k8s.io', resource: 'roles', verbs: [ApiVerb.ESCALATE], resourceNames: ['x'] }); });
attempt('grantApi create pods', (c) => { const sa = new LeastPrivilegeServiceAccount(c, 'sa', {}); sa.grantApi({ resource: 'pods/exec', verbs: [ApiVerb.CREATE], resourceNames: ['x'] }); });
