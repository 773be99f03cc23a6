import { Chart, Testing } from 'cdk8s';
import { describeRule, pipelineRun, pipelineRunEmbedding, task, taskRun } from './fixtures';
import { RunWorkspace, RuleId, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain, VaultSecretProviderClass } from '../../../src';
import { SECRETS_STORE_MOUNTABLE } from '../../../src/policy/rules/secrets-store-mountable';
import { only, step } from '../../helpers/constructs';

const EXAMPLE = 'csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: <class> } }';
const NOT_READ_ONLY = 'is not the boolean true: the Secrets Store CSI driver refuses to mount a volume that is not read-only ("Readonly is not true in request"), '
  + 'so the pod never starts';
const READ_ONLY_FIX = `Set readOnly: true on the csi source: ${EXAMPLE}.`;
const NO_CLASS = 'is not set: the Secrets Store CSI driver cannot tell which SecretProviderClass to mount ("secretProviderClass is not set"), '
  + 'so the pod never starts';
const CLASS_FIX = `Name the SecretProviderClass of the run's namespace: ${EXAMPLE}.`;

/** A Secrets Store CSI source with these fields. */
const csi = (fields: Record<string, any>) => ({ driver: 'secrets-store.csi.k8s.io', ...fields });
const MOUNTABLE = csi({ readOnly: true, volumeAttributes: { secretProviderClass: 'vault' } });

type Where = Record<string, string>;
const finding = (kind: string, name: string, where: Where, property: string, value: string | undefined, problem: string, fix: string) =>
  ({ rule: RuleId.SECRETS_STORE_MOUNTABLE, kind, name, ...where, property, value, problem, fix });

describe('SECRETS_STORE_MOUNTABLE', () => {
  describeRule(SECRETS_STORE_MOUNTABLE, RuleId.SECRETS_STORE_MOUNTABLE, Severity.LOW, true);

  test('non-compliant: a run\'s workspace binding without readOnly nor a class, with the exact findings', () => {
    const m = pipelineRun({ workspaces: [{ name: 'creds', csi: csi({}) }] });
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(m)).toBe(true);
    expect(SECRETS_STORE_MOUNTABLE.check(m)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
      finding('PipelineRun', 'pipe-run', { location: "workspace 'creds'", target: 'workspace/creds' }, 'workspaces.creds.csi.volumeAttributes.secretProviderClass', undefined, NO_CLASS, CLASS_FIX),
    ]);
  });

  test('non-compliant: readOnly false or not the boolean true, a class that is empty', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: csi({ readOnly: false, volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('Task', 'build', {}, 'volumes.v.csi.readOnly', 'false', NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: csi({ readOnly: 'true', volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('Task', 'build', {}, 'volumes.v.csi.readOnly', 'true', NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ workspaces: [{ name: 'w', csi: csi({ readOnly: true, volumeAttributes: { secretProviderClass: '' } }) }] }))).toEqual([
      finding('TaskRun', 'build-run', { location: "workspace 'w'", target: 'workspace/w' }, 'workspaces.w.csi.volumeAttributes.secretProviderClass', '', NO_CLASS, CLASS_FIX),
    ]);
  });

  test('non-compliant: an embedded spec\'s volume and the volumes of run-wide and per-task pod templates', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(pipelineRunEmbedding({ steps: [], volumes: [{ name: 'v', csi: csi({ volumeAttributes: { secretProviderClass: 'vault' } }) }] }))).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "task 'build'", target: 'task/build' }, 'volumes.v.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
    expect(SECRETS_STORE_MOUNTABLE.check(taskRun({ podTemplate: { volumes: [{ name: 'p', csi: csi({ readOnly: true }) }] } }))).toEqual([
      finding('TaskRun', 'build-run', {}, 'podTemplate.volumes.p.csi.volumeAttributes.secretProviderClass', undefined, NO_CLASS, CLASS_FIX),
    ]);
    const perTask = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'p', csi: csi({ volumeAttributes: { secretProviderClass: 'vault' } }) }] } }] });
    expect(SECRETS_STORE_MOUNTABLE.check(perTask)).toEqual([
      finding('PipelineRun', 'pipe-run', { location: "taskRunSpec 'push'", target: 'task/push' }, 'podTemplate.volumes.p.csi.readOnly', undefined, NOT_READ_ONLY, READ_ONLY_FIX),
    ]);
  });

  test('compliant: read-only with a class; another driver; the driver\'s mock provider, which it mounts empty before either check', () => {
    expect(SECRETS_STORE_MOUNTABLE.check(pipelineRun({ workspaces: [{ name: 'creds', csi: MOUNTABLE }] }))).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'v', csi: MOUNTABLE }] }))).toEqual([]);
    const other = task({ volumes: [{ name: 'c', csi: { driver: 'csi.cert-manager.io', volumeAttributes: { 'csi.cert-manager.io/issuer-name': 'ca' } } }] });
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(other)).toBe(false);
    expect(SECRETS_STORE_MOUNTABLE.check(other)).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'm', csi: csi({ volumeAttributes: { providerName: 'Mock_Provider' } }) }] }))).toEqual([]);
    expect(SECRETS_STORE_MOUNTABLE.check(task({ volumes: [{ name: 'm', csi: csi({ volumeAttributes: { providerName: 'vault' } }) }] })).map((f) => f.property))
      .toEqual(['volumes.m.csi.readOnly', 'volumes.m.csi.volumeAttributes.secretProviderClass']);
  });

  test('the library\'s CSI binding (RunWorkspace.csi) is read-only and names its class', () => {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const spc = new VaultSecretProviderClass(c, 'vault', {
      vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: [{ objectName: 'k', secretPath: 'secret/data/k', secretKey: 'v' }],
    });
    const t = new SecureTask(c, 'task', { steps: [step()], workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }], trusted: true });
    const pipeline = new SecurePipeline(c, 'pipe', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] });
    pipeline.addTask({ task: t, workspaces: { creds: 'creds' } });
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { creds: RunWorkspace.csi(spc) } });
    const run = only(c, 'PipelineRun');
    const binding = run.spec.workspaces.find((w: any) => w.name === 'creds');
    expect(binding.csi.driver).toBe('secrets-store.csi.k8s.io');
    expect(binding.csi.readOnly).toBe(true);
    expect(binding.csi.volumeAttributes.secretProviderClass).toBe('vault');
    expect(SECRETS_STORE_MOUNTABLE.appliesTo(run)).toBe(true);
    expect(SECRETS_STORE_MOUNTABLE.check(run)).toEqual([]);
  });
});
