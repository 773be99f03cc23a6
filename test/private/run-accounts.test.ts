import { defaultServiceAccount, runServiceAccount, taskServiceAccount } from '../../src/private/run-accounts';

const pipelineRun = (spec: any, apiVersion = 'tekton.dev/v1') => ({ apiVersion, kind: 'PipelineRun', spec });

describe('run ServiceAccounts', () => {
  test('a TaskRun runs as spec.serviceAccountName; unset, empty or not a string is default', () => {
    expect(taskServiceAccount({ kind: 'TaskRun', spec: { serviceAccountName: 'builder' } })).toBe('builder');
    expect(taskServiceAccount({ kind: 'TaskRun', spec: { serviceAccountName: '' } })).toBe('default');
    expect(taskServiceAccount({ kind: 'TaskRun', spec: { serviceAccountName: 7 } })).toBe('default');
    expect(taskServiceAccount({ kind: 'TaskRun' })).toBe('default');
  });

  test('a PipelineRun: taskRunTemplate (v1), or spec.serviceAccountName (v1beta1) without a taskRunTemplate', () => {
    expect(runServiceAccount(pipelineRun({ taskRunTemplate: { serviceAccountName: 'runner' } }))).toBe('runner');
    expect(runServiceAccount(pipelineRun({ serviceAccountName: 'legacy' }, 'tekton.dev/v1beta1'))).toBe('legacy');
    // a taskRunTemplate decides, even without a name
    expect(runServiceAccount(pipelineRun({ taskRunTemplate: {}, serviceAccountName: 'legacy' }))).toBe('default');
    expect(runServiceAccount(pipelineRun({}))).toBe('default');
    expect(runServiceAccount(null)).toBe('default');
  });

  test('per task: a non-empty taskRunSpecs name (v1 or v1beta1 field), else the run\'s; serviceAccountNames, which the API server drops, names none', () => {
    const run = pipelineRun({
      taskRunTemplate: { serviceAccountName: 'runner' },
      taskRunSpecs: [
        { pipelineTaskName: 'push', serviceAccountName: 'pusher' },
        { pipelineTaskName: 'old', taskServiceAccountName: 'old-pusher' },
        // Tekton's GetTaskRunSpec keeps the run's account when the override is empty
        { pipelineTaskName: 'empty', serviceAccountName: '' },
      ],
      serviceAccountNames: [{ taskName: 'listed', serviceAccountName: 'listed-runner' }, { taskName: 'push', serviceAccountName: 'ignored' }],
    });
    expect(['push', 'old', 'empty', 'listed', 'other', undefined].map((t) => taskServiceAccount(run, t)))
      .toEqual(['pusher', 'old-pusher', 'runner', 'runner', 'runner', 'runner']);
  });
});

describe('the default ServiceAccount of config-defaults', () => {
  const defaults = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });

  test('its default-service-account when set; "" and a null (stored as "") are default, as Tekton then writes no name', () => {
    expect(defaultServiceAccount([defaults({ 'default-service-account': 'tekton-runner' })])).toBe('tekton-runner');
    expect(defaultServiceAccount([defaults({ 'default-service-account': '' })])).toBe('default');
    expect(defaultServiceAccount([defaults({ 'default-service-account': null })])).toBe('default');
    // a null of another key is stored as "": the ConfigMap applies
    expect(defaultServiceAccount([defaults({ 'default-service-account': 'tekton-runner', 'default-cloud-events-sink': null })])).toBe('tekton-runner');
  });

  test('a config-defaults the API server refuses (a value that is not a string) never applies', () => {
    expect(defaultServiceAccount([defaults({ 'default-service-account': 'tekton-runner', 'default-timeout-minutes': 60 })])).toBe('default');
  });

  test("a Tekton operator's object writes it, over the ConfigMap: its typed field, then options unless disabled; an object it cannot read writes nothing", () => {
    const config = (pipeline: Record<string, unknown>) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { pipeline } });
    const cm = defaults({ 'default-service-account': 'from-configmap' });
    expect(defaultServiceAccount([cm, config({ 'default-service-account': 'builder' })])).toBe('builder');
    // the operator writes its own config-defaults, which names no account: Tekton's default
    expect(defaultServiceAccount([cm, config({})])).toBe('default');
    const options = (data: Record<string, unknown>, disabled?: unknown) => ({ configMaps: { 'config-defaults': { data } }, ...(disabled === undefined ? {} : { disabled }) });
    expect(defaultServiceAccount([config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }) })])).toBe('runner');
    expect(defaultServiceAccount([config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }, true) })])).toBe('builder');
    expect(defaultServiceAccount([cm, config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }, 'true') })])).toBe('from-configmap');
    expect(defaultServiceAccount([cm, config({ 'default-service-account': 'builder', 'disable-creds-init': 'true' })])).toBe('from-configmap');
    // another name is refused by the operator's webhook
    expect(defaultServiceAccount([cm, { ...config({ 'default-service-account': 'builder' }), metadata: { name: 'platform' } }])).toBe('from-configmap');
  });
});
