import { KNATIVE_QUEUE_PROXY, listenerPod } from '../../src/private/listener-pods';
import { psaEval, describeWithPsaEval } from '../helpers/psa-eval';
import { customEventListener, eventListener, triggersDefaults } from '../policy/rules/fixtures';

/** The hardened container securityContext Triggers' controller gives the listener (container.go MakeContainer) with its built-in defaults. */
const HARDENED = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
  runAsUser: 65532,
  runAsGroup: 65532,
};

describe('listenerPod', () => {
  test('an EventListener without kubernetesResource: Triggers\' hardened container and pod, with its built-in IDs and the listener\'s ServiceAccount', () => {
    expect(listenerPod(eventListener(), [])?.spec).toEqual({
      serviceAccountName: 'el-sa',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 },
      containers: [{ name: 'event-listener', securityContext: HARDENED }],
    });
    expect(listenerPod({ ...eventListener(), apiVersion: 'tekton.dev/v1' }, [])).toBeUndefined();
  });

  test('a container securityContext, even {}, replaces the hardened one whole; null leaves it; the template\'s placement and probes are the pod\'s', () => {
    expect(listenerPod(eventListener({ spec: { containers: [{ securityContext: {} }] } }), [])?.container.securityContext).toEqual({});
    expect(listenerPod(eventListener({ spec: { containers: [{ securityContext: null }] } }), [])?.container.securityContext).toEqual(HARDENED);
    const pod = listenerPod(eventListener({
      spec: {
        serviceAccountName: 'other',
        nodeSelector: {},
        tolerations: [{ operator: 'Exists' }],
        securityContext: { runAsUser: 0 },
        containers: [{ livenessProbe: { httpGet: { host: 'x', port: 80 } } }],
      },
    }), []);
    expect(pod?.spec).toEqual({
      serviceAccountName: 'other',
      tolerations: [{ operator: 'Exists' }],
      securityContext: { runAsUser: 0 },
      containers: [{ name: 'event-listener', securityContext: HARDENED, livenessProbe: { httpGet: { host: 'x', port: 80 } } }],
    });
  });

  test('config-defaults-triggers (tekton-pipelines or no namespace) gives the IDs, read as strconv reads them; one that does not parse gives none of its keys', () => {
    const of = (data: Record<string, string>) => listenerPod(eventListener(), [triggersDefaults(data)])?.spec;
    expect(of({ 'default-run-as-user': '0', 'default-run-as-non-root': 'FALSE', 'default-fs-group': '' })).toEqual({
      serviceAccountName: 'el-sa',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 0, runAsGroup: 65532 },
      containers: [{ name: 'event-listener', securityContext: { ...HARDENED, runAsNonRoot: false, runAsUser: 0 } }],
    });
    expect(of({ 'default-run-as-user': '0', 'default-run-as-non-root': 'no' })).toEqual(listenerPod(eventListener(), [])?.spec);
    expect(of({ 'default-run-as-user': '1_000' })).toEqual(listenerPod(eventListener(), [])?.spec);
    expect(of({ 'default-run-as-user': '+7' })?.securityContext.runAsUser).toBe(7);
  });

  test('the pod runs as the template\'s ServiceAccount where it names one, else as the EventListener\'s spec.serviceAccountName', () => {
    expect(listenerPod(eventListener({ spec: { serviceAccountName: 'other' } }), [])?.spec.serviceAccountName).toBe('other');
    expect(listenerPod(eventListener({ spec: { serviceAccountName: '' } }), [])?.spec.serviceAccountName).toBe('el-sa');
    expect(listenerPod(eventListener({ spec: {} }), [])?.spec.serviceAccountName).toBe('el-sa');
  });

  test('config-defaults-triggers is read only where Triggers reads it (its own namespace, tekton-pipelines, or none written): one of another namespace is not applied', () => {
    const data = { 'default-run-as-user': '0', 'default-run-as-non-root': 'false' };
    const inCi = { ...triggersDefaults(data), metadata: { name: 'config-defaults-triggers', namespace: 'ci' } };
    const unset = { ...triggersDefaults(data), metadata: { name: 'config-defaults-triggers' } };
    expect(listenerPod(eventListener(), [inCi])?.spec).toEqual(listenerPod(eventListener(), [])?.spec);
    const root = { ...HARDENED, runAsNonRoot: false, runAsUser: 0 };
    expect(listenerPod(eventListener(), [unset])?.container.securityContext).toEqual(root);
    expect(listenerPod(eventListener(), [inCi, triggersDefaults(data)])?.container.securityContext).toEqual(root);
  });

  test('a Tekton operator\'s TektonConfig or TektonTrigger that installs Triggers writes config-defaults-triggers: its options\' data, over the ConfigMap in its targetNamespace', () => {
    const options = (data: any, disabled?: boolean) => ({ options: { ...(disabled === undefined ? {} : { disabled }), configMaps: { 'config-defaults-triggers': { data } } } });
    const tektonConfig = (spec: any) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'openshift-pipelines', ...spec } });
    const tektonTrigger = (spec: any, name = 'trigger') => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonTrigger', metadata: { name }, spec: { targetNamespace: 'openshift-pipelines', ...spec } });
    const root = { ...HARDENED, runAsNonRoot: false, runAsUser: 0 };
    const of = (...m: any[]) => listenerPod(eventListener(), m)?.container.securityContext;
    const data = { 'default-run-as-user': '0', 'default-run-as-non-root': 'false' };
    expect(of(tektonConfig({ trigger: options(data) }))).toEqual(root);
    expect(of(tektonConfig({ profile: 'all', trigger: options(data) }))).toEqual(root);
    expect(of(tektonTrigger(options(data)))).toEqual(root);
    // the ConfigMap in the target namespace (or tekton-pipelines) holds what the operator writes, its keys kubectl applied removed
    expect(of(tektonConfig({}), triggersDefaults(data))).toEqual(HARDENED);
    expect(of(tektonConfig({ trigger: options({ 'default-run-as-user': '1000' }) }), { ...triggersDefaults(data), metadata: { name: 'config-defaults-triggers', namespace: 'openshift-pipelines' } }))
      .toEqual({ ...HARDENED, runAsUser: 1000 });
    // the TektonConfig's settings replace the TektonTrigger's
    expect(of(tektonTrigger(options(data)), tektonConfig({}))).toEqual(HARDENED);
    // options disabled, or a value Triggers cannot parse: its built-in defaults
    expect(of(tektonConfig({ trigger: options(data, true) }))).toEqual(HARDENED);
    expect(of(tektonConfig({ trigger: options({ ...data, 'default-run-as-user': '0x0' }) }))).toEqual(HARDENED);
    // no Triggers from the operator (lite, disabled), an object it refuses (no targetNamespace, a value that is not a string, another name):
    // the ConfigMap checked is read
    for (const operator of [
      tektonConfig({ profile: 'lite', trigger: options({}) }), tektonConfig({ trigger: { disabled: true, ...options({}) } }),
      { ...tektonConfig({ trigger: options({}) }), spec: { trigger: options({}) } }, tektonConfig({ trigger: options({ 'default-run-as-user': 1000 }) }),
      tektonTrigger(options({}), 'triggers'), tektonTrigger(options({ 'default-fs-group': 5 })),
    ]) expect(of(operator, triggersDefaults(data))).toEqual(root);
    // where a finding names it: the field of the operator's object that writes the key
    const pod = listenerPod(eventListener(), [tektonConfig({ trigger: options(data) })]);
    expect(pod?.field('securityContext.runAsUser')).toEqual({
      property: 'spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.runAsUser',
      note: " (TektonConfig 'config' spec.trigger.options.configMaps['config-defaults-triggers'].data['default-run-as-user']: \"0\", which the operator writes "
        + "into config-defaults-triggers' default-run-as-user, which Triggers gives the pod of every EventListener that writes no securityContext of its own there)",
      fix: "Change TektonConfig 'config' spec.trigger.options.configMaps['config-defaults-triggers'].data['default-run-as-user'], or set "
        + "spec.resources.kubernetesResource.spec.template.spec.containers[0].securityContext.runAsUser in this EventListener (which then replaces Triggers' default securityContext whole).",
    });
    expect(listenerPod(customEventListener({ spec: { template: { spec: { containers: [{}] } } } }), [tektonTrigger(options(data))])?.podField('securityContext.runAsUser').note).toBe('');
    expect(listenerPod(customEventListener({ spec: { template: { spec: { containers: [{}] } } } }), [tektonTrigger(options(data))])?.field('securityContext.runAsNonRoot').fix).toBe(
      "Change TektonTrigger 'trigger' spec.options.configMaps['config-defaults-triggers'].data['default-run-as-non-root'] (Triggers gives the container of an "
      + "EventListener's customResource its default securityContext, whatever the customResource writes).");
  });

  test('a customResource: its object\'s pod as MakeCustomObject makes it, the hardened container whatever securityContext it writes, no pod securityContext, its own ServiceAccount', () => {
    const el = customEventListener({
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { namespace: 'prod' },
      spec: {
        template: {
          metadata: { annotations: { a: 'b' } },
          spec: {
            serviceAccountName: 'deployer',
            hostNetwork: true,
            imagePullSecrets: [{ name: 'pull' }],
            securityContext: { runAsUser: 0 },
            nodeSelector: { zone: 'a' },
            affinity: { nodeAffinity: {} },
            containers: [{ securityContext: { privileged: true }, env: [{ name: 'A', value: 'b' }], resources: { limits: { cpu: '1' } }, livenessProbe: { httpGet: { host: 'x' } } }],
          },
        },
      },
    });
    const pod = listenerPod(el, [])!;
    expect(pod.spec).toEqual({
      serviceAccountName: 'deployer',
      nodeSelector: { zone: 'a' },
      affinity: { nodeAffinity: {} },
      containers: [{ name: 'event-listener', securityContext: HARDENED, env: [{ name: 'A', value: 'b' }], resources: { limits: { cpu: '1' } } }],
    });
    expect([pod.custom, pod.namespace, pod.annotations, pod.template, pod.containerPath]).toEqual([
      true, 'prod', { a: 'b' }, 'spec.resources.customResource.spec.template', 'spec.resources.customResource.spec.template.spec.containers[0]',
    ]);
    // the EventListener's spec.serviceAccountName is not the custom object's; of two containers, neither's env
    const bare = listenerPod(customEventListener({ spec: { template: { spec: { containers: [{ env: [{ name: 'A' }] }, {}] } } } }), [])!;
    expect(bare.spec).toEqual({ containers: [{ name: 'event-listener', securityContext: HARDENED }] });
    expect(bare.namespace).toBe('ci');
  });

  test("a customResource's container env and resources are decoded as encoding/json decodes them (knative duckv1.WithPod, Go 1.26 run): keys of any case, a second key's array over the first's elements", () => {
    const of = (pod: any) => listenerPod(customEventListener({ spec: { template: { spec: pod } } }), [])!.container;
    const secret = { secretKeyRef: { name: 's', key: 'k' } };
    // a later key of the field (in the order of their bytes, as the API server stores them: Env before env) decodes its array element by
    // element over the earlier one's: the entry now named B keeps A's value and secret, Z is cut
    expect(of({ containers: [{ env: [{ NAME: 'B' }], Env: [{ name: 'A', value: 'x', valueFrom: secret }, { name: 'Z' }] }] }).env)
      .toEqual([{ name: 'B', value: 'x', valueFrom: secret }]);
    expect(of({ containers: [{ ENV: [{ Name: 'A', name: 'C', VALUE: 'v', ValueFrom: { SecretKeyRef: { NAME: 's', Key: 'k' } } }] }] }).env)
      .toEqual([{ name: 'C', value: 'v', valueFrom: secret }]);
    // a null empties the slice, [] leaves none; a null valueFrom (a pointer) empties it
    expect(of({ containers: [{ Env: [{ name: 'A' }], env: null }] }).env).toBeUndefined();
    expect(of({ containers: [{ Env: [{ name: 'A' }], env: [] }] }).env).toBeUndefined();
    expect(of({ containers: [{ env: [{ name: 'A', valueFrom: secret }, { name: 'A', valueFrom: null }] }] }).env).toEqual([{ name: 'A', valueFrom: secret }, { name: 'A' }]);
    // resources: the maps of every key merged, their keys as written (data)
    expect(of({ containers: [{ resources: { limits: { cpu: '1' } }, Resources: { Limits: { memory: '1Gi' }, LIMITS: { CPU: '2' } } }] }).resources)
      .toEqual({ limits: { cpu: '1', memory: '1Gi', CPU: '2' } });
    // the containers of two keys: the second's decoded over the first's, so the one container holds the first's env
    expect(of({ Containers: [{ env: [{ name: 'A', value: 'x' }] }], containers: [{ resources: { requests: { cpu: '1' } } }] })).toEqual({
      name: 'event-listener', securityContext: HARDENED, env: [{ name: 'A', value: 'x' }], resources: { requests: { cpu: '1' } },
    });
    // and of two spec keys
    expect(listenerPod(customEventListener({ spec: { template: { SPEC: { containers: [{ env: [{ name: 'A' }] }] }, spec: { Containers: [{ Env: [{ Value: 'y' }] }] } } } }), [])!.container.env)
      .toEqual([{ name: 'A', value: 'y' }]);
  });

  test('a customResource is a Knative Service where its apiVersion is of serving.knative.dev and its kind Service (read as encoding/json reads them)', () => {
    const of = (o: any) => listenerPod(customEventListener(o), [])?.knativeService;
    expect(of({ apiVersion: 'serving.knative.dev/v1', kind: 'Service' })).toBe(true);
    expect(of({ APIVERSION: 'serving.knative.dev/v1', Kind: 'Service' })).toBe(true);
    expect(of({ apiVersion: 'serving.knative.dev/v1', kind: 'service' })).toBe(false);
    expect(of({ apiVersion: 'v1', kind: 'Service' })).toBe(false);
    expect(of({ kind: 'Service' })).toBe(false);
    expect(listenerPod(eventListener(), [])?.knativeService).toBe(false);
  });

  test('a customResource is decoded as Go\'s encoding/json decodes it: keys of any case, later ones over earlier ones, maps merged, a null emptying a map or list', () => {
    const pod = listenerPod(customEventListener({
      Metadata: { NAMESPACE: 'prod' },
      // (the API server sorts the keys: Spec is decoded before spec)
      Spec: { template: { spec: { nodeSelector: { a: '1' }, tolerations: [{ operator: 'Exists' }] } } },
      spec: { Template: { Metadata: { Annotations: { x: 'y' } }, SPEC: { NodeSelector: { b: '2' }, Tolerations: null, serviceaccountname: 'sa', Affinity: { podAffinity: {} } } } },
    }), [])!;
    expect(pod.spec).toEqual({
      serviceAccountName: 'sa',
      nodeSelector: { a: '1', b: '2' },
      affinity: { podAffinity: {} },
      containers: [{ name: 'event-listener', securityContext: HARDENED }],
    });
    expect([pod.namespace, pod.annotations]).toEqual(['prod', { x: 'y' }]);
    expect(listenerPod(customEventListener({ spec: { template: { spec: { NodeSelector: { a: '1' }, nodeSelector: null } } } }), [])?.spec.nodeSelector).toBeUndefined();
    expect(listenerPod(customEventListener({ spec: { template: { spec: { nodeSelector: null, NodeSelector: { a: '1' } } } } }), [])?.spec.nodeSelector).toBeUndefined();
    expect(listenerPod(customEventListener({ spec: { template: { spec: { nodeSelector: { a: '1' }, NodeSelector: null } } } }), [])?.spec.nodeSelector).toEqual({ a: '1' });
    // the placement's own fields too, two keys of a field merged, a label selector's keys kept as written (they are data)
    const required = { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }] }] };
    const placed = listenerPod(customEventListener({
      spec: {
        template: {
          spec: {
            Tolerations: [{ Operator: 'Exists', EFFECT: 'NoSchedule' }],
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } },
            Affinity: {
              NodeAffinity: { PreferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }] },
              podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'x', labelSelector: { MatchLabels: { Key: 'a' } } }] },
            },
          },
        },
      },
    }), [])!;
    expect([placed.spec.tolerations, placed.spec.affinity]).toEqual([[{ operator: 'Exists', effect: 'NoSchedule' }], {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: required,
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: {} }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'x', labelSelector: { matchLabels: { Key: 'a' } } }] },
    }]);
  });
  // encoding/json (Go 1.26, run here) decodes a second key of a slice field into the first's entries at the same index, then cuts it to its length:
  // tolerations [{operator: Exists},{key: b}] then Tolerations [{effect: NoSchedule}] give [{operator: Exists, effect: NoSchedule}]; a null entry keeps
  // the entry there; a labelSelector's matchLabels merge
  test("a customResource's second key of tolerations, topologySpreadConstraints or an affinity's list is decoded into the first's entries, not taken whole", () => {
    const spec = (s: any) => listenerPod(customEventListener({ spec: { template: { spec: s } } }), [])!.spec;
    expect(spec({ Tolerations: [{ operator: 'Exists' }, { key: 'b' }], tolerations: [{ effect: 'NoSchedule' }] }).tolerations)
      .toEqual([{ operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec({ Tolerations: [{ operator: 'Exists', key: 'a' }], tolerations: [null, { key: 'c' }] }).tolerations)
      .toEqual([{ key: 'a', operator: 'Exists' }, { key: 'c' }]);
    expect(spec({
      TopologySpreadConstraints: [{ topologyKey: 'zone', labelSelector: { matchLabels: { a: '1' } } }],
      topologySpreadConstraints: [{ LabelSelector: { matchLabels: { b: '2' } } }],
    }).topologySpreadConstraints).toEqual([{ topologyKey: 'zone', labelSelector: { matchLabels: { a: '1', b: '2' } } }]);
    // an affinity's lists too: DoesNotExist of the control-plane key, then a term whose expression writes only Exists, is Exists of that key
    const term = (e: any) => ({ nodeSelectorTerms: [{ matchExpressions: [e] }] });
    expect(spec({
      Affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term({ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' }) } },
      affinity: { NodeAffinity: { RequiredDuringSchedulingIgnoredDuringExecution: { NodeSelectorTerms: [{ MatchExpressions: [{ operator: 'Exists' }] }] } } },
    }).affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }) } });
    // a null empties the list; an empty list leaves none
    expect(spec({ TOLERATIONS: [{ operator: 'Exists' }], tolerations: null }).tolerations).toBeUndefined();
    expect(spec({ Tolerations: [{ operator: 'Exists' }], tolerations: [] }).tolerations).toBeUndefined();
    // in the order of the keys' bytes whatever the order written: tolerations (0x74) after Tolerations (0x54)
    expect(spec({ tolerations: [{ operator: 'Exists' }], Tolerations: [{ operator: 'Equal' }] }).tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec({ Tolerations: [{ operator: 'Equal' }], tolerations: [{ operator: 'Exists' }] }).tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec({ serviceAccountName: 'a', ServiceAccountName: 'b' }).serviceAccountName).toBe('a');
    // a later list decoded over the entries an earlier longer one left past a shorter one's length (golang/go#21092); [] and null make a new list
    const reused = { TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }, { key: 'x' }], Tolerations: [{ key: 'b' }], tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }] };
    expect(spec(reused).tolerations).toEqual([{ key: 'c' }, { operator: 'Exists', effect: 'NoSchedule' }]);
    expect(spec({ ...reused, Tolerations: [] }).tolerations).toEqual([{ key: 'c' }, { effect: 'NoSchedule' }]);
    expect(spec({ ...reused, Tolerations: null }).tolerations).toEqual([{ key: 'c' }, { effect: 'NoSchedule' }]);
    expect(spec({ containers: [{ ENV: [{ name: 'A' }, { name: 'B', value: 'x' }], Env: [{ name: 'C' }], env: [{}, {}] }] }).containers[0].env)
      .toEqual([{ name: 'C' }, { name: 'B', value: 'x' }]);
  });
});

describeWithPsaEval('listenerPod: the pods Kubernetes\' Pod Security Admission judges', () => {
  test('restricted admits the hardened listener (a customResource\'s too), and refuses one whose container securityContext sets only readOnlyRootFilesystem or nothing, or that config-defaults-triggers runs as root', () => {
    const pods = [
      listenerPod(eventListener(), []),
      listenerPod(eventListener({ spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true } }] } }), []),
      listenerPod(eventListener({ spec: { containers: [{ securityContext: {} }] } }), []),
      listenerPod(eventListener(), [triggersDefaults({ 'default-run-as-user': '0', 'default-run-as-non-root': 'false' })]),
      // a customResource's pod: no pod securityContext, the hardened container whatever it writes
      listenerPod(customEventListener({ spec: { template: { spec: { containers: [{ securityContext: { privileged: true } }] } } } }), []),
    ].map((p) => ({ level: 'restricted', version: 'v1.28', pod: { spec: p!.spec } }));
    const verdicts = psaEval(pods).map((v) => (v.error !== undefined ? v.error : v.forbidden.map((f) => f.id).sort()));
    expect(verdicts).toEqual([
      [],
      ['allowPrivilegeEscalation', 'capabilities_restricted'],
      ['allowPrivilegeEscalation', 'capabilities_restricted'],
      ['runAsNonRoot', 'runAsUser'],
      [],
    ]);
  });

  test("restricted admits a Knative Service's pod: the listener's hardened container beside Knative Serving's queue-proxy, with no pod securityContext", () => {
    const knative = listenerPod(customEventListener({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', spec: { template: { spec: { containers: [{}] } } } }), [])!;
    expect(knative.knativeService).toBe(true);
    expect(knative.spec.securityContext).toBeUndefined();
    const ports = [8012, 8022, 9090, 9091].map((containerPort) => ({ containerPort }));
    const pod = { spec: { ...knative.spec, containers: [...knative.spec.containers, { ...KNATIVE_QUEUE_PROXY, ports }] } };
    expect(psaEval([{ level: 'restricted', version: 'latest', pod }]).map((v) => (v.error !== undefined ? v.error : v.forbidden))).toEqual([[]]);
  });
});
