import { Chart, Size, Testing } from 'cdk8s';
import { SecureTask, TrustDomain, SecurePipeline, SecurePipelineRun, RunWorkspace, ParamConstraint } from '../src';
import { step } from './helpers/constructs';

function attempt(name: string, f: (c: Chart) => void) {
  let msg = 'SYNTH OK';
  const c = Testing.chart();
  try { f(c); Testing.synth(c); } catch (e: any) { msg = e.message; }
  console.log(`${name}: ${msg}`);
}

test('play', () => {
  for (const k of ['A B', 'A=B', '', '1ABC', 'a.b-c', 'x'.repeat(300)]) attempt(`env ${JSON.stringify(k).slice(0, 20)}`, (c) => new SecureTask(c, 't', { steps: [step({ env: { [k]: 'v' } })] }));
  attempt('param with dots constrained', (c) => new SecureTask(c, 't', { params: [{ name: 'git.ref', constraint: ParamConstraint.gitSha() }, { name: 'git-ref', constraint: ParamConstraint.gitSha() }], steps: [step()] }));
  attempt('workingDir relative', (c) => new SecureTask(c, 't', { steps: [step({ workingDir: 'src' })] }));
  attempt('mountPath relative', (c) => new SecureTask(c, 't', { workspaces: [{ name: 'w', domain: TrustDomain.SOURCE, mountPath: 'src' }], steps: [step()] }));
  attempt('mountPath with colon', (c) => new SecureTask(c, 't', { workspaces: [{ name: 'w', domain: TrustDomain.SOURCE, mountPath: '/a:b' }], steps: [step()] }));
  attempt('cpu 0', (c) => new SecureTask(c, 't', { steps: [step({ resources: { cpuRequest: '0', cpuLimit: '0', memoryRequest: '1Mi', memoryLimit: '1Mi' } })] }));
  attempt('req > limit', (c) => new SecureTask(c, 't', { steps: [step({ resources: { cpuRequest: '2', cpuLimit: '1', memoryRequest: '1Mi', memoryLimit: '1Mi' } })] }));
  attempt('bad quantity', (c) => new SecureTask(c, 't', { steps: [step({ resources: { cpuRequest: '1 cpu', cpuLimit: '1', memoryRequest: '1Mi', memoryLimit: '1Mi' } })] }));
  attempt('tiny mem', (c) => new SecureTask(c, 't', { steps: [step({ resources: { cpuRequest: '1m', cpuLimit: '1m', memoryRequest: '1', memoryLimit: '1' } })] }));
  attempt('runAsUser huge', (c) => new SecureTask(c, 't', { steps: [step({ runAsUser: 2 ** 31 })] }));
  attempt('runAsGroup -1', (c) => new SecureTask(c, 't', { steps: [step({ runAsGroup: -1 })] }));
  attempt('image with space', (c) => new SecureTask(c, 't', { steps: [step({ image: 'registry.example.com/a b@sha256:' + 'a'.repeat(64) })] }));
  attempt('image uppercase', (c) => new SecureTask(c, 't', { steps: [step({ image: 'registry.example.com/Tools/sh@sha256:' + 'a'.repeat(64) })] }));
  attempt('description huge', (c) => new SecureTask(c, 't', { description: 'x'.repeat(2 * 1024 * 1024), steps: [step()] }));
  attempt('script huge', (c) => new SecureTask(c, 't', { steps: [step({ script: '#!/bin/sh\n' + 'echo x\n'.repeat(300000) })] }));
  attempt('run size 0.5Ki', (c) => {
    const t = new SecureTask(c, 't', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step()] });
    const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    p.addTask({ task: t, workspaces: { src: 'src' } });
    new SecurePipelineRun(c, 'r', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.kibibytes(0.5) }) } });
  });
  attempt('run size -1', (c) => {
    const t = new SecureTask(c, 't', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step()] });
    const p = new SecurePipeline(c, 'p', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
    p.addTask({ task: t, workspaces: { src: 'src' } });
    new SecurePipelineRun(c, 'r', { pipeline: p, workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(-1) }) } });
  });
});
