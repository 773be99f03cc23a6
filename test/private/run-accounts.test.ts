import { defaultServiceAccounts, runServiceAccounts, taskServiceAccounts } from '../../src/private/run-accounts';

const pipelineRun = (spec: any, apiVersion = 'tekton.dev/v1') => ({ apiVersion, kind: 'PipelineRun', spec });

describe('run ServiceAccounts', () => {
  test('a TaskRun runs as spec.serviceAccountName; unset, empty or not a string is default', () => {
    expect(taskServiceAccounts({ kind: 'TaskRun', spec: { serviceAccountName: 'builder' } })).toEqual(['builder']);
    expect(taskServiceAccounts({ kind: 'TaskRun', spec: { serviceAccountName: '' } })).toEqual(['default']);
    expect(taskServiceAccounts({ kind: 'TaskRun', spec: { serviceAccountName: 7 } })).toEqual(['default']);
    expect(taskServiceAccounts({ kind: 'TaskRun' })).toEqual(['default']);
  });

  test('a PipelineRun: taskRunTemplate (v1), or spec.serviceAccountName (v1beta1) without a taskRunTemplate', () => {
    expect(runServiceAccounts(pipelineRun({ taskRunTemplate: { serviceAccountName: 'runner' } }))).toEqual(['runner']);
    expect(runServiceAccounts(pipelineRun({ serviceAccountName: 'legacy' }, 'tekton.dev/v1beta1'))).toEqual(['legacy']);
    // a taskRunTemplate decides, even without a name
    expect(runServiceAccounts(pipelineRun({ taskRunTemplate: {}, serviceAccountName: 'legacy' }))).toEqual(['default']);
    expect(runServiceAccounts(pipelineRun({}))).toEqual(['default']);
    expect(runServiceAccounts(null)).toEqual(['default']);
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
    expect(['push', 'old', 'empty', 'listed', 'other', undefined].map((t) => taskServiceAccounts(run, t)))
      .toEqual([['pusher'], ['old-pusher'], ['runner'], ['runner'], ['runner'], ['runner']]);
  });
});

describe('the default ServiceAccount of config-defaults', () => {
  const defaults = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data });

  test('its default-service-account when set; "" and a null (stored as "") are default, as Tekton then writes no name', () => {
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'tekton-runner' })])).toEqual(['tekton-runner']);
    expect(defaultServiceAccounts([defaults({ 'default-service-account': '' })])).toEqual(['default']);
    expect(defaultServiceAccounts([defaults({ 'default-service-account': null })])).toEqual(['default']);
    // a null of another key is stored as "": the ConfigMap applies
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'tekton-runner', 'default-cloud-events-sink': null })])).toEqual(['tekton-runner']);
  });

  test('several config-defaults checked together that disagree: each name (the cluster keeps one), once, "" read as default', () => {
    const other = (data: Record<string, unknown>) => ({ ...defaults(data), metadata: { name: 'config-defaults' } });
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'tekton-runner' }), other({})])).toEqual(['tekton-runner', 'default']);
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'a' }), other({ 'default-service-account': 'b' })])).toEqual(['a', 'b']);
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'a' }), other({ 'default-service-account': 'a' })])).toEqual(['a']);
    expect(defaultServiceAccounts([defaults({}), other({ 'default-service-account': '' })])).toEqual(['default']);
    // a run or task that names none may run as either; one that names its own runs as it
    const manifests = [defaults({ 'default-service-account': 'a' }), other({})];
    expect(taskServiceAccounts({ kind: 'TaskRun', spec: {} }, undefined, manifests)).toEqual(['a', 'default']);
    expect(runServiceAccounts(pipelineRun({ taskRunTemplate: {} }), manifests)).toEqual(['a', 'default']);
    expect(taskServiceAccounts({ kind: 'TaskRun', spec: { serviceAccountName: 'builder' } }, undefined, manifests)).toEqual(['builder']);
  });

  test('a config-defaults the API server refuses (a value that is not a string) never applies', () => {
    expect(defaultServiceAccounts([defaults({ 'default-service-account': 'tekton-runner', 'default-timeout-minutes': 60 })])).toEqual(['default']);
  });

  test("a Tekton operator's object writes it, over the ConfigMap: its typed field, then options unless disabled; an object it cannot read writes nothing", () => {
    const config = (pipeline: Record<string, unknown>) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline } });
    const cm = defaults({ 'default-service-account': 'from-configmap' });
    expect(defaultServiceAccounts([cm, config({ 'default-service-account': 'builder' })])).toEqual(['builder']);
    // the operator writes its own config-defaults, which names no account: Tekton's default, or the ConfigMap's, which the
    // operator's apply keeps when kubectl did not apply the ConfigMap
    expect(defaultServiceAccounts([cm, config({})])).toEqual(['default', 'from-configmap']);
    const options = (data: Record<string, unknown>, disabled?: unknown) => ({ configMaps: { 'config-defaults': { data } }, ...(disabled === undefined ? {} : { disabled }) });
    expect(defaultServiceAccounts([config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }) })])).toEqual(['runner']);
    expect(defaultServiceAccounts([config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }, true) })])).toEqual(['builder']);
    expect(defaultServiceAccounts([cm, config({ 'default-service-account': 'builder', 'options': options({ 'default-service-account': 'runner' }, 'true') })])).toEqual(['from-configmap']);
    expect(defaultServiceAccounts([cm, config({ 'default-service-account': 'builder', 'disable-creds-init': 'true' })])).toEqual(['from-configmap']);
    // another name is refused by the operator's webhook
    expect(defaultServiceAccounts([cm, { ...config({ 'default-service-account': 'builder' }), metadata: { name: 'platform' } }])).toEqual(['from-configmap']);
  });
});
