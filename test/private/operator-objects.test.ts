import { OPERATOR_AUTOINSTALLED_CONFIG, operatorAutoinstallOff, operatorSettingsObject } from '../../src/private/operator-objects';

describe('operatorAutoinstallOff: whether the operator checked together runs without AUTOINSTALL_COMPONENTS "true"', () => {
  const deployment = (env: unknown, namespace: string | undefined = 'tekton-operator', apiVersion = 'apps/v1') => ({
    apiVersion,
    kind: 'Deployment',
    metadata: { name: 'tekton-operator', ...(namespace !== undefined ? { namespace } : {}) },
    spec: { template: { spec: { containers: [{ name: 'tekton-operator-webhook' }, { name: 'tekton-operator-lifecycle', env }] } } },
  });
  const value = (v: unknown) => [{ name: 'AUTOINSTALL_COMPONENTS', value: v }];
  const fromConfigMap = [{ name: 'AUTOINSTALL_COMPONENTS', valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key: 'AUTOINSTALL_COMPONENTS' } } }];
  const defaults = (v: unknown, namespace: string | undefined = 'tekton-operator') => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tekton-config-defaults', ...(namespace !== undefined ? { namespace } : {}) }, data: { AUTOINSTALL_COMPONENTS: v },
  });

  test('a value other than exactly "true" (os.Getenv(...) == "true"), as value or from a ConfigMap of its namespace', () => {
    expect(operatorAutoinstallOff([deployment(value('false'))])).toBe(true);
    expect(operatorAutoinstallOff([deployment(value('TRUE'))])).toBe(true);
    // an entry without a value sets the variable to ""
    expect(operatorAutoinstallOff([deployment([{ name: 'AUTOINSTALL_COMPONENTS' }])])).toBe(true);
    expect(operatorAutoinstallOff([deployment(fromConfigMap), defaults('false')])).toBe(true);
    expect(operatorAutoinstallOff([deployment(fromConfigMap, undefined), defaults('false', undefined)])).toBe(true);
  });

  test('"true", or what is not known, is not off', () => {
    expect(operatorAutoinstallOff([])).toBe(false);
    expect(operatorAutoinstallOff([deployment(value('true'))])).toBe(false);
    expect(operatorAutoinstallOff([deployment([{ name: 'OTHER', value: 'false' }])])).toBe(false);
    // the last entry of a name is the one the container gets
    expect(operatorAutoinstallOff([deployment([...value('false'), ...value('true')])])).toBe(false);
    expect(operatorAutoinstallOff([deployment([...value('true'), ...value('false')])])).toBe(true);
    // not a string: the API server refuses the Deployment
    expect(operatorAutoinstallOff([deployment(value(false))])).toBe(false);
    // the ConfigMap, or its key, is not checked together, or is of another namespace
    expect(operatorAutoinstallOff([deployment(fromConfigMap)])).toBe(false);
    expect(operatorAutoinstallOff([deployment(fromConfigMap), defaults('true')])).toBe(false);
    expect(operatorAutoinstallOff([deployment(fromConfigMap), defaults('false', 'other')])).toBe(false);
    expect(operatorAutoinstallOff([deployment(fromConfigMap), defaults(undefined)])).toBe(false);
    expect(operatorAutoinstallOff([deployment([{ name: 'AUTOINSTALL_COMPONENTS', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }])])).toBe(false);
    // not a Deployment of apps
    expect(operatorAutoinstallOff([deployment(value('false'), 'tekton-operator', 'extensions.example/v1')])).toBe(false);
    // of two operators, one creates the TektonConfig
    expect(operatorAutoinstallOff([deployment(value('false')), deployment(value('true'), 'other')])).toBe(false);
  });

  test('the kubelet\'s reading of the entries: a null ConfigMap value is "", an optional key the ConfigMap lacks leaves the variable as it was', () => {
    // a null is stored as "": os.Getenv gives "", not "true"
    expect(operatorAutoinstallOff([deployment(fromConfigMap), defaults(null)])).toBe(true);
    const optional = [{ name: 'AUTOINSTALL_COMPONENTS', valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key: 'AUTOINSTALL_COMPONENTS', optional: true } } }];
    const without = { ...defaults('x'), data: { DEFAULT_TARGET_NAMESPACE: 'tekton-pipelines' } };
    // the key missing, optional: the variable keeps the value of an entry before it, else the image's own (not known)
    expect(operatorAutoinstallOff([deployment(optional), without])).toBe(false);
    expect(operatorAutoinstallOff([deployment([...value('true'), ...optional]), without])).toBe(false);
    expect(operatorAutoinstallOff([deployment([...value('false'), ...optional]), without])).toBe(true);
    expect(operatorAutoinstallOff([deployment(optional), defaults('true')])).toBe(false);
    // without optional the container does not start; a key only in binaryData is not one the kubelet reads
    expect(operatorAutoinstallOff([deployment(fromConfigMap), without])).toBe(false);
    expect(operatorAutoinstallOff([deployment([...value('false'), ...optional]), { ...without, binaryData: { AUTOINSTALL_COMPONENTS: 'dHJ1ZQ==' } }])).toBe(true);
    // a ConfigMap the API server refuses (a value that is not a string) does not exist; nor, when it is not checked, is it known
    expect(operatorAutoinstallOff([deployment(optional), { ...without, data: { A: 1 } }])).toBe(false);
    expect(operatorAutoinstallOff([deployment(optional)])).toBe(false);
    // an entry that sets it is read over envFrom
    const envFrom = deployment([...value('false'), ...optional]);
    envFrom.spec.template.spec.containers[1] = { ...envFrom.spec.template.spec.containers[1], envFrom: [{ configMapRef: { name: 'env' } }] } as any;
    expect(operatorAutoinstallOff([envFrom, without])).toBe(true);
    // a value with $ is expanded from other variables: "$(A)" may be "true"
    expect(operatorAutoinstallOff([deployment([{ name: 'A', value: 'true' }, ...value('$(A)')])])).toBe(false);
    expect(operatorAutoinstallOff([deployment(value('$$(A)'))])).toBe(false);
  });
});

describe('operatorSettingsObject: the object whose settings the operator writes', () => {
  const object = (kind: string, name: string) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind, metadata: { name }, spec: { targetNamespace: 'tekton-pipelines' } });
  const off = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
    spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }] }] } } },
  };

  test('a TektonConfig over everything; without one, the operator\'s own unless turned off, then the component\'s own object', () => {
    const config = object('TektonConfig', 'config');
    const pipeline = object('TektonPipeline', 'pipeline');
    const chain = object('TektonChain', 'chain');
    expect(operatorSettingsObject([pipeline, config], 'TektonPipeline')).toEqual({ manifest: config, name: "TektonConfig 'config'" });
    expect(operatorSettingsObject([pipeline], 'TektonPipeline')).toEqual({
      manifest: OPERATOR_AUTOINSTALLED_CONFIG,
      name: "TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' is checked without a TektonConfig)",
      replaces: pipeline,
      autoinstalled: true,
    });
    expect(operatorSettingsObject([chain], 'TektonPipeline')?.replaces).toBe(chain);
    expect(operatorSettingsObject([pipeline], 'TektonChain')?.manifest).toBe(OPERATOR_AUTOINSTALLED_CONFIG);
    expect(operatorSettingsObject([pipeline, off], 'TektonPipeline')).toEqual({ manifest: pipeline, name: "TektonPipeline 'pipeline'" });
    expect(operatorSettingsObject([pipeline, off], 'TektonChain')).toBeUndefined();
    // of another name the operator's webhook refuses it: nothing shows the operator installed
    expect(operatorSettingsObject([object('TektonPipeline', 'other')], 'TektonPipeline')).toBeUndefined();
    expect(operatorSettingsObject([], 'TektonChain')).toBeUndefined();
  });

  test('the operator\'s Deployment without any of its objects: its own TektonConfig, unless it turns AUTOINSTALL_COMPONENTS off', () => {
    const operator = (env: unknown[]) => ({ ...off, spec: { template: { spec: { containers: [{ name: 'c', env }] } } } });
    const flags = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', namespace: 'tekton-pipelines' }, data: { 'enable-api-fields': 'stable' } };
    const on = operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'true' }]);
    expect(operatorSettingsObject([flags, on], 'TektonPipeline')).toEqual({
      manifest: OPERATOR_AUTOINSTALLED_CONFIG,
      name: "TektonConfig 'config' (the operator's own, with its defaults: its Deployment 'tekton-operator' runs it with AUTOINSTALL_COMPONENTS \"true\", and no TektonConfig is checked)",
      autoinstalled: true,
    });
    expect(operatorSettingsObject([on], 'TektonChain')?.manifest).toBe(OPERATOR_AUTOINSTALLED_CONFIG);
    // a value not known (the image's own environment, or envFrom) may be "true"
    expect(operatorSettingsObject([operator([{ name: 'AUTOINSTALL_COMPONENTS', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }])], 'TektonPipeline')?.name)
      .toBe("TektonConfig 'config' (the operator's own, with its defaults: its Deployment 'tekton-operator' runs it with AUTOINSTALL_COMPONENTS of a value not known, and no TektonConfig is checked)");
    expect(operatorSettingsObject([flags, off], 'TektonPipeline')).toBeUndefined();
    // no container names AUTOINSTALL_COMPONENTS: not the operator (the variable unset is "", no TektonConfig created)
    expect(operatorSettingsObject([flags, operator([{ name: 'OTHER', value: 'true' }])], 'TektonPipeline')).toBeUndefined();
    expect(operatorSettingsObject([flags], 'TektonChain')).toBeUndefined();
  });

  test('DEFAULT_TARGET_NAMESPACE: the target namespace of the operator\'s own TektonConfig; "" has its webhook refuse it, so none is created', () => {
    const pipeline = object('TektonPipeline', 'pipeline');
    const operator = (env: unknown[]) => ({ ...off, spec: { template: { spec: { containers: [{ name: 'c', env }] } } } });
    const on = { name: 'AUTOINSTALL_COMPONENTS', value: 'true' };
    const at = (manifests: any[]) => operatorSettingsObject(manifests, 'TektonChain')?.manifest?.spec?.targetNamespace;
    expect(at([pipeline, operator([on, { name: 'DEFAULT_TARGET_NAMESPACE', value: 'ci-tekton' }])])).toBe('ci-tekton');
    expect(operatorSettingsObject([pipeline, operator([on, { name: 'DEFAULT_TARGET_NAMESPACE', value: 'ci-tekton' }])], 'TektonChain')?.manifest)
      .toBe(operatorSettingsObject([pipeline, operator([on, { name: 'DEFAULT_TARGET_NAMESPACE', value: 'ci-tekton' }])], 'TektonPipeline')?.manifest);
    // from the release's tekton-config-defaults
    const defaults = (ns: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tekton-config-defaults', namespace: 'tekton-operator' }, data: { AUTOINSTALL_COMPONENTS: 'true', DEFAULT_TARGET_NAMESPACE: ns } });
    const fromDefaults = (key: string) => ({ name: key, valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key } } });
    const release = operator([fromDefaults('AUTOINSTALL_COMPONENTS'), fromDefaults('DEFAULT_TARGET_NAMESPACE')]);
    expect(at([pipeline, release, defaults('openshift-pipelines')])).toBe('openshift-pipelines');
    // "" (the operator's config/base, before its overlays set it) or null: no TektonConfig is created, the TektonPipeline is read
    expect(operatorAutoinstallOff([release, defaults('')])).toBe(true);
    expect(operatorAutoinstallOff([release, defaults(null)])).toBe(true);
    expect(operatorSettingsObject([pipeline, release, defaults('')], 'TektonPipeline')?.manifest).toBe(pipeline);
    expect(operatorAutoinstallOff([operator([on, { name: 'DEFAULT_TARGET_NAMESPACE' }])])).toBe(true);
    // not known (no entry: the image's own environment), or two operators that disagree: the release's namespace
    expect(operatorAutoinstallOff([operator([on])])).toBe(false);
    expect(at([pipeline, operator([on])])).toBe('tekton-pipelines');
    expect(at([pipeline, release])).toBe('tekton-pipelines');
    expect(at([pipeline, operator([on, { name: 'DEFAULT_TARGET_NAMESPACE', value: 'a' }]), { ...operator([on, { name: 'DEFAULT_TARGET_NAMESPACE', value: 'b' }]), metadata: { name: 'x' } }]))
      .toBe('tekton-pipelines');
  });

  test('the operator\'s own TektonConfig is createInstance\'s: profile all, the release\'s target namespace, nothing else set', () => {
    expect(OPERATOR_AUTOINSTALLED_CONFIG).toEqual({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { profile: 'all', targetNamespace: 'tekton-pipelines' },
    });
    expect(Object.isFrozen(OPERATOR_AUTOINSTALLED_CONFIG.spec)).toBe(true);
  });
});
