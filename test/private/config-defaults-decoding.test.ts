import { tektonDecodesConfigDefault } from '../../src/private/config-defaults-decoding';
import { decodeYamlText } from '../../src/private/lazy-yaml';

const reads = (key: string, text: string) => tektonDecodesConfigDefault(key, decodeYamlText(text)!.value);

describe('tektonDecodesConfigDefault: config-defaults values as Tekton v1.15 decodes them', () => {
  test('a number or a boolean is a string where the Go field is one, but not through an embedded struct', () => {
    expect(reads('default-pod-template', 'runtimeClassName: 5\nnodeSelector: {a: true}\nenv: [{name: A, value: 1}]')).toBe(true);
    expect(reads('default-pod-template', 'volumes: [{name: 5, emptyDir: {}}]')).toBe(true);
    expect(reads('default-pod-template', 'volumes: [{name: a, configMap: {name: 5}}]')).toBe(false);
  });

  test('numbers, quantities, times and nulls', () => {
    expect(reads('default-pod-template', 'securityContext: {runAsUser: 1.0, fsGroup: null}')).toBe(true);
    expect(reads('default-pod-template', 'securityContext: {runAsUser: 1.5}')).toBe(false);
    expect(reads('default-pod-template', 'securityContext: {runAsUser: "1"}')).toBe(false);
    expect(reads('default-container-resource-requirements', 'default: {requests: {cpu: 1, memory: 1Gi}}')).toBe(true);
    expect(reads('default-container-resource-requirements', 'default: {requests: {cpu: 1x}}')).toBe(false);
    expect(reads('default-pod-template', 'volumes: [{name: a, ephemeral: {volumeClaimTemplate: {metadata: {creationTimestamp: "2020-02-30T00:00:00Z"}}}}]')).toBe(false);
    expect(reads('default-pod-template', 'volumes: [{name: a, ephemeral: {volumeClaimTemplate: {metadata: {creationTimestamp: "2020-02-29T00:00:00Z"}}}}]')).toBe(true);
  });

  test('fields matched in any case, unknown fields dropped, a whole of another JSON type refused', () => {
    expect(reads('default-pod-template', 'AutomountServiceAccountToken: "false"')).toBe(false);
    expect(reads('default-pod-template', 'unknown: [1]\nautomountServiceAccountToken: no')).toBe(true);
    expect(reads('default-pod-template', '[1]')).toBe(false);
    expect(reads('default-affinity-assistant-pod-template', 'serviceAccountName: 5')).toBe(true);
    expect(reads('default-affinity-assistant-pod-template', 'tolerations: [{tolerationSeconds: 1.5}]')).toBe(false);
  });
});
