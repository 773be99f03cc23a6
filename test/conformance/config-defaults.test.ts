/**
 * The audit's reading of config-defaults' YAML values against Tekton v1.15's own (NewDefaultsFromMap, through
 * conformance/cmd/config-defaults): whether Tekton decodes a default pod template, affinity assistant template or container
 * requirements into its Go type, on hand-written values and on generated ones (fast-check, seed printed; PROPERTY_SEED and
 * PROPERTY_RUNS change them), and the Go types the reading follows.
 */
import * as fc from 'fast-check';
import { ruleContext } from '../../src/policy/engine/context';
import { NO_HOST_ACCESS } from '../../src/policy/rules/no-host-access';
import { POD_SECURITY_ADMITTED } from '../../src/policy/rules/pod-security-admitted';
import { RUN_POD_OVERRIDES } from '../../src/policy/rules/run-pod-overrides';
import { RUN_TOKEN_AUTOMOUNT } from '../../src/policy/rules/run-token-automount';
import { TEKTON_FEATURE_FLAGS } from '../../src/policy/rules/tekton-feature-flags';
import { configDefaultFoldedKeys, configDefaultsUnreadable, tektonDecodesConfigDefault } from '../../src/private/config-defaults-decoding';
import { CONFIG_DEFAULTS_TYPES, GoKind } from '../../src/private/config-defaults-types';
import { sortedEntries } from '../../src/private/go-json';
import { parseQuantityString } from '../../src/private/quantity';
import { decodeYamlText } from '../../src/private/lazy-yaml';
import { podTemplatesOf } from '../../src/private/pods';
import { configDefaultsKinds, describeWithConfigDefaults, tektonConfigDefaults } from '../helpers/config-defaults';
import { operatorObjectsAppliedOver } from '../helpers/operator-configmaps';

const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Whether the audit reads the key's text as Tekton does: YAML it reads, decoded into the key's Go type. */
function auditReads(key: string, text: string): boolean {
  const decoded = decodeYamlText(text);
  return decoded !== undefined && tektonDecodesConfigDefault(key, decoded.value, decoded.integerText);
}

const POD_TEMPLATES = [
  'automountServiceAccountToken: false', 'automountServiceAccountToken: no', 'automountServiceAccountToken: "false"', 'AutomountServiceAccountToken: false',
  'runtimeClassName: 5', 'schedulerName: true', 'nodeSelector: {a: 1, b: true, c: 1.5}', 'nodeSelector: {a: [1]}', 'hostNetwork: "true"', 'hostNetwork: yes',
  'volumes:\n- name: a\n  configMap: {name: 5}', 'volumes:\n- name: a\n  configMap: {name: "5", defaultMode: 420}', 'volumes:\n- name: a\n  configMap: {defaultMode: "420"}',
  'volumes:\n- name: 5\n  emptyDir: {}', 'volumes:\n- name: a\n  emptyDir: {sizeLimit: 1Gi}', 'volumes:\n- name: a\n  emptyDir: {sizeLimit: 1x}',
  'volumes:\n- name: a\n  emptyDir: {sizeLimit: 1}', 'volumes:\n- name: a\n  emptyDir: {sizeLimit: true}', 'volumes:\n- name: a\n  secret: {items: [{key: k, path: p, mode: 1.5}]}',
  'volumes:\n- name: a\n  ephemeral: {volumeClaimTemplate: {metadata: {creationTimestamp: "2020-01-01T00:00:00Z"}}}',
  'volumes:\n- name: a\n  ephemeral: {volumeClaimTemplate: {metadata: {creationTimestamp: x}}}', 'volumes:\n- name: a\n  ephemeral: {volumeClaimTemplate: {metadata: {labels: {a: 1}}}}',
  'securityContext: {runAsUser: 1.5}', 'securityContext: {runAsUser: 1.0}', 'securityContext: {runAsUser: "1"}', 'securityContext: {runAsUser: 9223372036854775807}',
  'securityContext: {runAsUser: 9223372036854775808}', 'securityContext: {runAsUser: -9223372036854775808}', 'securityContext: {runAsUser: -9223372036854775809}',
  'securityContext: {runAsUser: 9223372036854775807.0}', 'securityContext: {supplementalGroups: [1, 9223372036854775807]}', 'securityContext: {supplementalGroups: [9223372036854775808]}',
  'volumes:\n- name: a\n  secret: {defaultMode: 2147483647}', 'volumes:\n- name: a\n  secret: {defaultMode: 2147483648}', 'securityContext: {runAsUser: 18446744073709551616}',
  'securityContext: {runAsUser: 1e3}', 'securityContext: {seccompProfile: {type: 5}}', 'securityContext: {sysctls: [{name: a, value: 1}]}', 'securityContext: {supplementalGroups: [1, "2"]}',
  'env:\n- name: A\n  value: 1', 'env:\n- name: A\n  valueFrom: {configMapKeyRef: {name: 1, key: k}}', 'env:\n- {name: A, valueFrom: {resourceFieldRef: {resource: cpu, divisor: 1m}}}',
  'tolerations:\n- {key: a, tolerationSeconds: "5"}', 'tolerations:\n- {key: a, tolerationSeconds: 5}', 'dnsConfig: {options: [{name: a, value: 1}]}', 'imagePullSecrets: [x]',
  'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: a, operator: In, values: [1, 2]}]}]}}}',
  'affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: "1", podAffinityTerm: {topologyKey: a}}]}}',
  'topologySpreadConstraints: [{maxSkew: 1, labelSelector: {matchLabels: {a: 1}}}]', 'hostAliases: [{ip: 1, hostnames: [a, 2]}]', 'unknown: {a: [1]}', 'null', '', '5', '[1]',
  'volumes: {a: 1}', 'env: [null]', 'volumes:\n- name: a\n  csi: {driver: d, volumeAttributes: {a: 1}}', 'volumes:\n- name: a\n  projected: {sources: [{serviceAccountToken: {expirationSeconds: "3600"}}]}',
  'priorityClassName: [a]', 'dnsPolicy: {}', 'enableServiceLinks: 1', 'hostUsers: null',
];
const AA_TEMPLATES = ['nodeSelector: {a: 1}', 'tolerations: [{key: a, tolerationSeconds: 1.5}]', 'securityContext: {fsGroup: "1"}', 'priorityClassName: 1', 'serviceAccountName: 5',
  'imagePullSecrets: [{name: 1}]', 'affinity: {}'];
const REQUIREMENTS = ['default: {requests: {cpu: 1}}', 'default: {requests: {cpu: 1x}}', 'default: {limits: {memory: 1Gi}, claims: [{name: 1}]}', 'a: 1', 'default: [1]',
  "prefix-scripts: {requests: {cpu: '0.5'}}", 'default: {requests: [1]}'];

/** A scalar of config-defaults' generated values. */
const scalar = fc.constantFrom<unknown>('a', '5', 5, -1, 1.5, 2 ** 40, true, false, null, '1Gi', '1x', '2020-01-01T00:00:00Z', 'YQ==', '', 0);

/** A value for a Go type of CONFIG_DEFAULTS_TYPES: mostly of its kind, some of another; a struct's fields in any case, some unknown (`unknown`). */
function valueOf(type: string, depth: number, unknown = true): fc.Arbitrary<unknown> {
  const kind: GoKind | undefined = CONFIG_DEFAULTS_TYPES.types[type];
  const wrong = depth > 3 ? scalar : fc.oneof(scalar, fc.constant([1]), fc.constant({ a: 1 }));
  if (kind === undefined || depth > 5) return scalar;
  let right: fc.Arbitrary<unknown> = scalar;
  if (kind.kind === 'struct') {
    const names = Object.keys(kind.fields ?? {});
    right = fc.array(fc.tuple(fc.constantFrom(...names, ...unknown ? ['unknownField'] : []), fc.boolean()), { maxLength: 3 }).chain((picked) => fc.tuple(
      ...picked.map(([name, upper]) => valueOf(kind.fields?.[name]?.type ?? '', depth + 1, unknown).map((v) => [upper ? name.toUpperCase() : name, v] as const)),
    ).map((entries) => Object.fromEntries(entries)));
  } else if (kind.kind === 'slice') {
    right = fc.array(valueOf(kind.elem!, depth + 1, unknown), { maxLength: 2 });
  } else if (kind.kind === 'map') {
    right = fc.array(valueOf(kind.elem!, depth + 1, unknown), { maxLength: 2 }).map((vs) => Object.fromEntries(vs.map((v, i) => [`k${i}`, v])));
  }
  return fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: wrong, weight: 1 });
}

/**
 * A decoded value in a shape both readings share: Go's JSON leaves out empty values (omitempty) but a zero resource.Quantity ("0"),
 * and writes a number of a string field as a string; so without empty values (null, "", false, 0, "0", [], {}) but inside a list,
 * scalars as strings, keys sorted.
 */
function goJsonShape(value: unknown): any {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => goJsonShape(v) ?? null);
  if (value !== null && typeof value === 'object') {
    const out = Object.fromEntries(sortedEntries(value as Record<string, unknown>).map(([k, v]) => [k, goJsonShape(v)])
      .filter(([, v]) => v !== undefined));
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === null || value === '' || value === false || value === 0 || value === '0' || value === undefined) return undefined;
  return quantityValue(String(value)) ?? String(value);
}

/**
 * A scalar in resource.Quantity's grammar as the number it stands for: Tekton writes a Quantity it decoded in its canonical form
 * (`divisor: 1.5` is "1500m", `1024Mi` is "1Gi"), the audit keeps the text as written; both name one amount.
 */
function quantityValue(text: string): string | undefined {
  const nanos = parseQuantityString(text);
  return nanos === undefined ? undefined : `quantity ${nanos} nano-units`;
}

describeWithConfigDefaults("config-defaults' YAML values against Tekton's own NewDefaultsFromMap", () => {
  test('the Go types the audit follows are those Tekton decodes into', () => {
    expect(configDefaultsKinds()).toEqual(CONFIG_DEFAULTS_TYPES);
  });

  test('hand-written values: the audit reads each as Tekton does, read or refused', () => {
    const cases: Array<[string, string]> = [
      ...POD_TEMPLATES.map((t): [string, string] => ['default-pod-template', t]),
      ...AA_TEMPLATES.map((t): [string, string] => ['default-affinity-assistant-pod-template', t]),
      ...REQUIREMENTS.map((t): [string, string] => ['default-container-resource-requirements', t]),
    ];
    const answers = tektonConfigDefaults(cases.map(([key, text]) => ({ [key]: text })));
    const differ = cases.map(([key, text], i) => ({ key, text, tekton: answers[i] }))
      .filter(({ key, text, tekton }) => auditReads(key, text) !== tekton.ok);
    // (integers near 2^63, which a JavaScript number cannot tell from 2^63, are read by their digits)
    expect(differ).toEqual([]);
    // both kinds are among them
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(20);
    expect(answers.filter((a) => !a.ok).length).toBeGreaterThan(20);
  });

  test("RUN_TOKEN_AUTOMOUNT takes a run's pods to mount no token by the default template exactly when Tekton reads its automountServiceAccountToken false", () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r', namespace: 'ci' }, spec: { pipelineRef: { name: 'p' } } };
    const templates = [
      ...POD_TEMPLATES.map((t) => `automountServiceAccountToken: false\n${t}`), ...POD_TEMPLATES,
      'automountServiceAccountToken: true\nAutomountServiceAccountToken: false', 'AutomountServiceAccountToken: true\nautomountServiceAccountToken: false',
      'automountServiceAccountToken: false\nautomountServiceAccountToken: true', 'automountserviceaccounttoken: off', 'automountServiceAccountToken: "no"',
      'automountServiceAccountToken: ~', 'automountServiceAccountToken: 0',
    ];
    const answers = tektonConfigDefaults(templates.map((t) => ({ 'default-pod-template': t })));
    const differ = templates.flatMap((t, i) => {
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': t } };
      const mountsNone = RUN_TOKEN_AUTOMOUNT.check(run, ruleContext([run, defaults])).length === 0;
      return mountsNone === (answers[i].ok === true && answers[i].automountServiceAccountToken === false) ? [] : [{ t, tekton: answers[i] }];
    });
    expect(differ).toEqual([]);
    expect(answers.filter((a) => a.automountServiceAccountToken === false).length).toBeGreaterThan(20);
  });

  test('a field under keys that differ only in case: the rules read what Tekton decodes (a null leaves hostNetwork, clears a pointer; an object merges)', () => {
    const CONTROL_PLANE = 'nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n'
      + '        - {key: node-role.kubernetes.io/control-plane, operator: Exists}';
    const templates = [
      'HostNetwork: true\nhostNetwork: null', 'HostNetwork: true\nhostNetwork: false', 'HostNetwork: null\nhostNetwork: true', 'hostNetwork: true\nhoſtNetwork: null',
      `Affinity:\n  ${CONTROL_PLANE}\naffinity:\n  podAffinity: {}`, `Affinity:\n  ${CONTROL_PLANE}\naffinity: null`, `affinity:\n  podAffinity: {}\nAffinity:\n  ${CONTROL_PLANE}`,
      'hostNetwork: true', 'HostNetwork: false',
    ];
    const answers = tektonConfigDefaults(templates.map((t) => ({ 'default-pod-template': t })));
    const read = templates.map((t) => {
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': t } };
      return {
        hostNetwork: NO_HOST_ACCESS.check(defaults).some((f) => f.property?.endsWith('.hostNetwork')),
        controlPlane: RUN_POD_OVERRIDES.check(defaults).some((f) => f.problem.includes('control-plane')),
      };
    });
    expect(read).toEqual(answers.map((a) => ({
      hostNetwork: a.podTemplate?.hostNetwork === true,
      controlPlane: a.podTemplate?.affinity?.nodeAffinity !== undefined,
    })));
    expect(read.map((r) => r.hostNetwork)).toEqual([true, false, true, true, false, false, false, true, false]);
    expect(read.map((r) => r.controlPlane)).toEqual([false, false, false, false, true, false, true, false, false]);
  });

  test('a null under a second spelling leaves a field of a Go value type (not a pointer) as the first set it, at any depth: the rules read what Tekton decodes', () => {
    // encoding/json: a JSON null has no effect on a value that is not a pointer, interface, map or slice (SELinuxOptions' strings,
    // SeccompProfile's type, a Toleration's key), and clears a pointer (runAsUser, localhostProfile); keys decoded in sorted order
    const templates = [
      'securityContext: {seLinuxOptions: {Type: spc_t, type: null}}', 'securityContext: {seLinuxOptions: {type: spc_t, Type: null}}',
      'SecurityContext: {seLinuxOptions: {type: spc_t}}\nsecurityContext: {seLinuxOptions: {type: null}}',
      'securityContext: {seccompProfile: {Type: Unconfined, type: null}}', 'securityContext: {seccompProfile: {type: Localhost, LocalhostProfile: a, localhostProfile: null}}',
      'securityContext: {RunAsUser: 0, runAsUser: null}', 'securityContext: {seLinuxOptions: {type: spc_t}}',
      'tolerations: [{Key: node-role.kubernetes.io/control-plane, key: null, operator: Exists}]',
    ];
    const answers = tektonConfigDefaults(templates.map((t) => ({ 'default-pod-template': t })));
    const read = templates.map((t) => {
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': t } };
      const template = podTemplatesOf(defaults)[0]?.template ?? {};
      const sc = template.securityContext ?? {};
      return {
        seLinuxType: sc.seLinuxOptions?.type ?? '',
        seccompType: sc.seccompProfile?.type ?? '',
        localhostProfile: sc.seccompProfile?.localhostProfile ?? null,
        runAsUser: sc.runAsUser ?? null,
        tolerationKey: template.tolerations?.[0]?.key ?? '',
      };
    });
    expect(read).toEqual(answers.map((a) => {
      const sc = a.podTemplate?.securityContext ?? {};
      return {
        seLinuxType: sc.seLinuxOptions?.type ?? '',
        seccompType: sc.seccompProfile?.type ?? '',
        localhostProfile: sc.seccompProfile?.localhostProfile ?? null,
        runAsUser: sc.runAsUser ?? null,
        tolerationKey: a.podTemplate?.tolerations?.[0]?.key ?? '',
      };
    }));
    expect(read.map((r) => r.seLinuxType)).toEqual(['spc_t', 'spc_t', 'spc_t', '', '', '', 'spc_t', '']);
    // and POD_SECURITY_ADMITTED reports the SELinux type of the template a baseline namespace's run takes
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't', namespace: 'ci' }, spec: { steps: [{ name: 's', image: 'alpine', script: 'true' }] } };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r', namespace: 'ci' }, spec: { taskRef: { name: 't' } } };
    const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': templates[0] } };
    expect(POD_SECURITY_ADMITTED.check(run, ruleContext([ns, task, run, defaults])).map((f) => f.property))
      .toEqual(["config-defaults.data['default-pod-template'].securityContext.seLinuxOptions.type"]);
  });

  test('a list under keys that differ only in case: each decoded over the earlier, entry by entry, as Tekton decodes it', () => {
    const templates = [
      'Tolerations: [{operator: Exists}]\ntolerations: [{effect: NoSchedule}]',
      'TOLERATIONS: [{key: c}, {key: b}]\nTolerations: [{operator: Exists}]\ntolerations: [{effect: NoSchedule}]',
      'Tolerations: [{operator: Exists}, {key: c}]\ntolerations: []', 'Tolerations: [{operator: Exists}]\ntolerations: null',
      'Tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]\ntoleratioNs: [{}]\ntolerations: [{}, {}]',
      `Affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: a, operator: Exists}]}]}}}
affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchFields: [{key: b, operator: In, values: [x]}]}]}}}`,
      'Env: [{name: A, value: x}]\nenv: [{name: B}]', 'SecurityContext: {supplementalGroups: [1, 2]}\nsecurityContext: {supplementalGroups: [3]}',
    ];
    const answers = tektonConfigDefaults(templates.map((t) => ({ 'default-pod-template': t })));
    const read = templates.map((t) => {
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': t } };
      return goJsonShape(podTemplatesOf(defaults)[0]?.template);
    });
    expect(read).toEqual(answers.map((a) => goJsonShape(a.podTemplate)));
    expect(read.slice(0, 5).map((r) => r?.tolerations)).toEqual([
      [{ operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'c', operator: 'Exists', effect: 'NoSchedule' }], undefined, undefined,
      [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }],
    ]);
  });

  test('generated templates with fields under keys that differ only in case (fast-check): the audit reads what Tekton decodes', () => {
    const types = CONFIG_DEFAULTS_TYPES.types;
    const fields = types['pod.Template'].fields!;
    const spellings = (name: string): string[] => [name, name[0].toUpperCase() + name.slice(1), name.toUpperCase()];
    // lists more often than the others (what a later list does with the entries of an earlier is the point)
    const lists = Object.keys(fields).filter((f) => types[fields[f].type]?.kind === 'slice');
    // a list of one to three entries, mostly of its element's kind
    const listOf = (type: string) => fc.array(valueOf(types[type].elem!, 1, false), { minLength: 1, maxLength: 3 });
    const written = fc.tuple(fc.constantFrom(...Object.keys(fields), ...lists, ...lists, ...lists), fc.subarray([0, 1, 2], { minLength: 1 }));
    const entries = fc.array(written, { minLength: 1, maxLength: 3 })
      .chain((picked) => fc.tuple(...picked.flatMap(([name, which]) => which.map((i) => (lists.includes(name) ? listOf(fields[name].type)
        : valueOf(fields[name].type, 0, false))
        .map((v) => [spellings(name)[i], v] as const)))).map((kv) => Object.fromEntries(kv)));
    // (many are refused, a value of another kind somewhere: three times as many as the other tests)
    const texts = fc.sample(entries.map((v) => JSON.stringify(v)), { seed: SEED, numRuns: 3 * RUNS });
    const answers = tektonConfigDefaults(texts.map((t) => ({ 'default-pod-template': t })));
    // each field written under two keys or more, as the audit and Tekton read it
    const repeated = texts.map((t) => Object.keys(fields)
      .filter((f) => Object.keys(JSON.parse(t)).filter((k) => k.toLowerCase() === f.toLowerCase()).length > 1));
    const differ = texts.flatMap((t, i) => {
      if (answers[i].ok !== true) return [];
      const defaults = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': t } };
      const template = podTemplatesOf(defaults)[0]?.template ?? {};
      const audit = repeated[i].map((f) => goJsonShape(template[f]));
      // and TEKTON_FEATURE_FLAGS' finding says what Tekton applies
      const folded = configDefaultFoldedKeys('default-pod-template', JSON.parse(t)).filter((f) => f.path === '');
      const said = repeated[i].map((f) => goJsonShape(folded.find((k) => k.field === f)?.reads));
      const tekton = repeated[i].map((f) => goJsonShape(answers[i].podTemplate?.[f]));
      return JSON.stringify(audit) === JSON.stringify(tekton) && JSON.stringify(said) === JSON.stringify(tekton) ? [] : [{ t, audit, said, tekton }];
    });
    expect(differ).toEqual([]);
    const compared = texts.filter((_t, i) => answers[i].ok === true && repeated[i].length > 0);
    const severalEntries = compared.filter((t) => /\[\{.*\},\{/.test(t)).length;
    // eslint-disable-next-line no-console
    console.log(`config-defaults, fields under two keys: seed ${SEED}, ${texts.length} templates, ${compared.length} read by Tekton and compared, ${severalEntries} with lists of several entries`);
    expect(compared.length).toBeGreaterThan(RUNS / 10);
    // lists among them, of several entries
    expect(severalEntries).toBeGreaterThan(RUNS / 50);
  });

  test('whole ConfigMaps: the audit finds a key Tekton cannot read exactly when NewDefaultsFromMap fails, the first it names being the one Tekton fails on', () => {
    const INTS = ['60', '0', '-1', '+5', '060', '1h', '', ' 60', '60 ', '1e3', '0x10', '1_000', '\u0663', '9223372036854775807', '9223372036854775808',
      '-9223372036854775808', '-9223372036854775809', '99999999999999999999'];
    const DURATIONS = ['0', '1h', '100ms', '5', '', '1d', '-1s', '1.5h', ' 1s', '1\u00b5s', '.5s', '1h ', '2562047h47m16.854775808s', 'PT1H'];
    const data: Array<Record<string, string>> = [
      ...['default-timeout-minutes', 'default-max-matrix-combinations-count', 'default-step-ref-concurrency-limit'].flatMap((key) => INTS.map((v) => ({ [key]: v }))),
      ...['default-imagepullbackoff-timeout', 'default-create-container-error-timeout', 'default-maximum-resolution-timeout', 'default-sidecar-log-polling-interval']
        .flatMap((key) => DURATIONS.map((v) => ({ [key]: v }))),
      ...POD_TEMPLATES.map((t) => ({ 'default-pod-template': t })),
      ...AA_TEMPLATES.map((t) => ({ 'default-affinity-assistant-pod-template': t })),
      ...REQUIREMENTS.map((t) => ({ 'default-container-resource-requirements': t })),
      // keys Tekton reads as they are, and keys it does not read
      { 'default-service-account': '', 'default-forbidden-env': ',,', 'default-task-run-workspace-binding': '[', 'default-resolver-type': '5', '_example': 'a: [' },
      // several keys: Tekton fails on the first in its order, not in the order written
      { 'default-step-ref-concurrency-limit': 'x', 'default-timeout-minutes': 'y' },
      { 'default-container-resource-requirements': 'a: 1', 'default-pod-template': '[1]', 'default-affinity-assistant-pod-template': 'x: [' },
      { 'default-sidecar-log-polling-interval': '1x', 'default-max-matrix-combinations-count': '' },
      { 'default-pod-template': 'hostNetwork: true', 'default-create-container-error-timeout': '1', 'default-maximum-resolution-timeout': 'x' },
    ];
    const answers = tektonConfigDefaults(data);
    const differ = data.flatMap((d, i) => {
      const found = configDefaultsUnreadable(d);
      const tekton = answers[i];
      // Tekton's error for default-create-container-error-timeout goes on with time.ParseDuration's own
      const same = tekton.ok === true ? found.length === 0 : found.length > 0 && (tekton.error === found[0].tektonError || tekton.error!.startsWith(`${found[0].tektonError}: time: `));
      return same ? [] : [{ d, tekton, audit: found.map((f) => f.tektonError) }];
    });
    expect(differ).toEqual([]);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(40);
    expect(answers.filter((a) => !a.ok).length).toBeGreaterThan(40);
    // and TEKTON_FEATURE_FLAGS reports the ConfigMap exactly then (each key it cannot read: one finding at least)
    const reported = data.map((d) => TEKTON_FEATURE_FLAGS.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: d }).length > 0);
    expect(data.filter((_d, i) => reported[i] === (answers[i].ok === true))).toEqual([]);
  });

  test("what a Tekton operator's TektonConfig writes into config-defaults (the operator's own code): a key finding exactly when Tekton cannot read it", () => {
    const config = (pipeline: Record<string, unknown>) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
    });
    const options = (data: Record<string, string>) => ({ options: { configMaps: { 'config-defaults': { data } } } });
    const configs = [
      config({ 'default-pod-template': 'hostNetwork: true' }), config({ 'default-pod-template': 'hostNetwork: "true"' }),
      config({ 'default-pod-template': 'securityContext: {runAsUser: 1.5}' }), config({ 'default-affinity-assistant-pod-template': 'tolerations: [{tolerationSeconds: x}]' }),
      config({ 'default-max-matrix-combinations-count': '256' }), config({ 'default-max-matrix-combinations-count': 'many' }),
      config({ 'default-max-matrix-combinations-count': '' }), config({ 'default-timeout-minutes': 90 }),
      config(options({ 'default-maximum-resolution-timeout': '5' })), config(options({ 'default-sidecar-log-polling-interval': '1s' })),
      config(options({ 'default-container-resource-requirements': 'default: {requests: {cpu: 1x}}' })),
      config({ 'default-pod-template': 'hostNetwork: "true"', ...options({ 'default-pod-template': 'hostNetwork: true' }) }),
      config({ 'default-pod-template': 'a: [', 'options': { disabled: true, configMaps: { 'config-defaults': { data: { 'default-timeout-minutes': 'x' } } } } }),
    ];
    const written = operatorObjectsAppliedOver(configs, [], true).map((a) => a.applied!['config-defaults']);
    const answers = tektonConfigDefaults(written);
    const reported = configs.map((c) => TEKTON_FEATURE_FLAGS.check(c).some((f) => f.location?.startsWith("key '") === true));
    expect(configs.filter((_c, i) => reported[i] === (answers[i].ok === true))).toEqual([]);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(4);
    expect(answers.filter((a) => !a.ok).length).toBeGreaterThan(4);
  }, 120_000);

  test('generated values of the pod template (fast-check): the audit reads each as Tekton does', () => {
    // eslint-disable-next-line no-console
    console.log(`config-defaults: seed ${SEED}, ${RUNS} runs`);
    const texts = fc.sample(valueOf(CONFIG_DEFAULTS_TYPES.roots['default-pod-template'], 0).map((v) => JSON.stringify(v)), { seed: SEED, numRuns: RUNS });
    const answers = tektonConfigDefaults(texts.map((t) => ({ 'default-pod-template': t })));
    const differ = texts.filter((t, i) => auditReads('default-pod-template', t) !== answers[i].ok);
    expect(differ).toEqual([]);
    expect(answers.filter((a) => !a.ok).length).toBeGreaterThan(RUNS / 10);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(RUNS / 10);
  });
});
