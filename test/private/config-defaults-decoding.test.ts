import { configDefaultDecodeFailure, configDefaultsUnreadable, tektonDecodesConfigDefault } from '../../src/private/config-defaults-decoding';
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

  test('where the decoding fails: the path as written, the value, the Go type; of two failures the first in the sorted order of the keys', () => {
    const failure = (key: string, text: string) => configDefaultDecodeFailure(key, decodeYamlText(text)!.value);
    expect(failure('default-pod-template', 'securityContext: {runAsUser: 1.5}')).toEqual({ path: 'securityContext.runAsUser', value: 1.5, type: 'int64' });
    expect(failure('default-pod-template', 'volumes: [{name: a}, {name: b, secret: {items: [{key: k, path: p, mode: x}]}}]'))
      .toEqual({ path: 'volumes[1].secret.items[0].mode', value: 'x', type: 'int32' });
    expect(failure('default-pod-template', 'tolerations: [{tolerationSeconds: x}]\nhostNetwork: "1"')).toEqual({ path: 'hostNetwork', value: '1', type: 'bool' });
    expect(failure('default-pod-template', '[1]')).toEqual({ path: '', value: [1], type: 'pod.Template' });
    expect(failure('default-pod-template', 'securityContext: {runAsUser: 1}')).toBeUndefined();
  });

  test('integers beyond 2^53 are read by the digits sigs.k8s.io/yaml writes: an integer\'s own, a float\'s shortest padded with zeros', () => {
    const failure = (key: string, text: string) => {
      const decoded = decodeYamlText(text)!;
      return configDefaultDecodeFailure(key, decoded.value, decoded.integerText);
    };
    expect(failure('default-pod-template', 'securityContext: {runAsUser: 9223372036854775807, fsGroup: -9223372036854775808}')).toBeUndefined();
    expect(failure('default-pod-template', 'securityContext: {supplementalGroups: [1, 9223372036854775807]}')).toBeUndefined();
    expect(failure('default-pod-template', 'securityContext: {runAsUser: 9223372036854775808}'))
      .toEqual({ path: 'securityContext.runAsUser', value: 9223372036854775808n, type: 'int64' });
    expect(failure('default-pod-template', 'securityContext: {supplementalGroups: [1, 9223372036854775808]}'))
      .toEqual({ path: 'securityContext.supplementalGroups[1]', value: 9223372036854775808n, type: 'int64' });
    // a float: 9223372036854775807.0 is 2^63, written 9223372036854776000
    expect(failure('default-pod-template', 'securityContext: {runAsUser: 9223372036854775807.0}')?.path).toBe('securityContext.runAsUser');
    expect(configDefaultsUnreadable({ 'default-pod-template': 'securityContext: {supplementalGroups: [1, 9223372036854775808]}' })[0].problem)
      .toBe("does not decode into Tekton's pod.Template (securityContext.supplementalGroups[1] is 9223372036854775808, where encoding/json takes a whole number, unquoted (int64))");
  });

  test('the keys of a whole config-defaults Tekton cannot read, in the order NewDefaultsFromMap reads them; a null is "", other values the API server refuses are not judged', () => {
    expect(configDefaultsUnreadable({
      'default-step-ref-concurrency-limit': 'x', 'default-pod-template': '[1]', 'default-timeout-minutes': null, 'default-max-matrix-combinations-count': 5,
    }).map((u) => [u.key, u.value, u.tektonError])).toEqual([
      ['default-timeout-minutes', '', 'failed parsing default config "default-timeout-minutes"'],
      ['default-pod-template', '[1]', 'failed to unmarshal [1]'],
      ['default-step-ref-concurrency-limit', 'x', 'failed parsing default config "default-step-ref-concurrency-limit"'],
    ]);
    expect(configDefaultsUnreadable({ 'default-timeout-minutes': '60', '_example': 'a: [', 'default-task-run-workspace-binding': '[' })).toEqual([]);
  });
});
