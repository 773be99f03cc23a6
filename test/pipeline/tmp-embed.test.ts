import { Testing } from 'cdk8s';
import { RuleId, SecurePipeline, SecureTask, TrustDomain } from '../../src';
import { chart, step } from '../helpers/constructs';

test('scratch', () => {
  const c = chart();
  const build = new SecureTask(c, 'build', {
    workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }],
    steps: [step({ name: 'compile', runAsUser: 0, relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: 'the compiler image needs root to install' }] })],
  });
  const push = new SecureTask(c, 'push', { trusted: true, workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], steps: [step()] });
  const p = new SecurePipeline(c, 'ci', { embedTasks: true, workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }] });
  p.addTask({ task: build, workspaces: { source: 'source' } });
  p.addTask({ task: push, workspaces: { creds: 'creds' } });
  const out = Testing.synth(c);
  console.log(JSON.stringify(out.map((o: any) => [o.kind, o.metadata]), null, 1));
  console.log(JSON.stringify(out.find((o: any) => o.kind === 'Pipeline').spec.tasks.map((t: any) => Object.keys(t))));
});

test('bad', () => {
  const c = chart();
  const build = new SecureTask(c, 'build', { steps: [step({ name: 'compile', runAsUser: 0 })] });
  const p = new SecurePipeline(c, 'ci', { embedTasks: true });
  p.addTask({ task: build });
  try { Testing.synth(c); } catch (e) { console.log((e as Error).message); }
});
test('bad standalone', () => {
  const c = chart();
  const build = new SecureTask(c, 'build', { steps: [step({ name: 'compile', runAsUser: 0 })] });
  const p = new SecurePipeline(c, 'ci', { });
  p.addTask({ task: build });
  try { Testing.synth(c); } catch (e) { console.log((e as Error).message); }
});
