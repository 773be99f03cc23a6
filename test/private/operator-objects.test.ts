import { operatorAutoinstallOff } from '../../src/private/operator-objects';

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
});
