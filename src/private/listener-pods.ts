/**
 * The pod of a Tekton Triggers EventListener as its controller builds it (tektoncd/triggers v0.37.0,
 * pkg/reconciler/eventlistener/resources deployment.go `MakeDeployment`, container.go `MakeContainer`):
 * the fields of `spec.resources.kubernetesResource.spec.template` Triggers' webhook admits
 * (event_listener_validation.go `podSpecMask`, `containerFieldMaskForKubernetes`) over the hardened
 * defaults the controller gives every listener with `-el-security-context` (its default, and what
 * Triggers' release sets), which take their IDs from config-defaults-triggers (pkg/apis/config/default.go).
 */
import { refusedConfigMapValues, storedConfigMapData } from './config-map-data';
import { apiGroupOf, asArray, isObject, manifestsCheckedTogether } from './containers';
import { goDecode, GoType } from './go-json';
import { parseInt64 } from './go-yaml';
import { manifestsNamed, manifestsOfKind, oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { lastOperatorObject, OPERATOR_GROUP, operatorCommonRefusals, operatorOptionsData, operatorOptionsRefusals, operatorSettings } from './operator-objects';
import { operatorConfigPipelineRefusals } from './operator-pipeline';
import { goParseBool } from './parse-bool';
import { TEKTON_NAMESPACE } from './tekton-config';
import { TRIGGERS_GROUP } from './triggers';

/** Where an EventListener's pod template is. */
export const LISTENER_TEMPLATE = 'spec.resources.kubernetesResource.spec.template';

/** Where an EventListener's custom object (a Knative Service, `MakeCustomObject`) is, whose pod template is at its `spec.template`. */
export const LISTENER_CUSTOM = 'spec.resources.customResource';

/** The name of the listener's container (container.go). */
export const LISTENER_CONTAINER = 'event-listener';

/** The ConfigMap of Triggers' defaults (config.GetDefaultsConfigName). */
export const TRIGGERS_DEFAULTS_NAME = 'config-defaults-triggers';

/** Whether a manifest is a Tekton Triggers EventListener (`triggers.tekton.dev`, any version). */
export function isEventListener(manifest: any): boolean {
  return manifest?.kind === 'EventListener' && apiGroupOf(manifest.apiVersion) === TRIGGERS_GROUP;
}

/**
 * The labels Triggers' controller selects the listener's pods by, the matchLabels of its Deployment's `spec.selector`: its
 * static resource labels (config.go DefaultStaticResourceLabels) and `eventlistener` with the listener's name (meta.go GenerateLabels).
 */
export function listenerSelectorLabels(name: string): Readonly<Record<string, string>> {
  return { 'app.kubernetes.io/managed-by': 'EventListener', 'app.kubernetes.io/part-of': 'Triggers', 'eventlistener': name };
}

/**
 * An ID or flag of config-defaults-triggers, with the key that sets it and its text; `source`, where a Tekton operator's object
 * writes the key (`TektonConfig 'config' spec.trigger.options.configMaps['config-defaults-triggers'].data['default-run-as-user']`).
 */
interface TriggersDefault<T> { readonly value: T; readonly key?: string; readonly text?: string; readonly source?: string }

/** config-defaults-triggers as Triggers reads it (`NewDefaultsFromMap`): an ID's value is undefined where its key is "" (not set). */
interface TriggersDefaults {
  readonly runAsUser: TriggersDefault<number | undefined>;
  readonly runAsGroup: TriggersDefault<number | undefined>;
  readonly fsGroup: TriggersDefault<number | undefined>;
  readonly runAsNonRoot: TriggersDefault<boolean>;
}

/** Triggers' own defaults (default.go): 65532 for every ID, runAsNonRoot true. */
const BUILT_IN: TriggersDefaults = {
  runAsUser: { value: 65532 }, runAsGroup: { value: 65532 }, fsGroup: { value: 65532 }, runAsNonRoot: { value: true },
};

const ID_KEYS = { runAsUser: 'default-run-as-user', runAsGroup: 'default-run-as-group', fsGroup: 'default-fs-group' } as const;
const RUN_AS_NON_ROOT_KEY = 'default-run-as-non-root';

/** The name the operator's webhook admits for a TektonTrigger (tektoncd/operator v0.81.0 `TriggerResourceName`). */
const OPERATOR_TRIGGER_NAME = 'trigger';

/** The config-defaults-triggers a Tekton operator's object writes: how messages name the object, and each key with where it is written. */
interface OperatorTriggersDefaults {
  readonly name: string;
  readonly data: ReadonlyMap<string, { readonly value: string; readonly path: string }>;
}

/**
 * The config-defaults-triggers the Tekton operator writes (tektoncd/operator v0.81.0) from the object among `manifests` that installs
 * Triggers: a TektonConfig `config` (of several, the last) whose `spec.trigger.disabled` is not true and whose profile is `all` or
 * `basic` ("" or unset is `basic`; `lite` installs no Triggers), else a TektonTrigger `trigger`; undefined when there is none, or the
 * API server or the operator's webhook refuses it (operatorCommonRefusals, the options the operator cannot decode, a TektonConfig's
 * pipeline settings): the operator then installs nothing. Its tektontrigger transform writes `default-service-account` (not read
 * here) into the release's config-defaults-triggers (whose data holds only `_example`), then `options.configMaps.config-defaults-triggers.data`
 * key by key unless `options.disabled` is true; its installer applies that in `spec.targetNamespace` over the ConfigMap there (a three-way
 * merge from what kubectl last applied: the keys kubectl applied that the operator does not write are removed).
 */
function operatorTriggersDefaults(manifests: readonly any[]): OperatorTriggersDefaults | undefined {
  const config = lastOperatorObject(manifests, 'TektonConfig');
  let manifest: any;
  if (config !== undefined) {
    const trigger = config.spec?.trigger;
    const profile = config.spec?.profile;
    if (isObject(trigger) && trigger.disabled === true) return undefined;
    if (isObject(trigger) && trigger.disabled !== undefined && trigger.disabled !== null && typeof trigger.disabled !== 'boolean') return undefined;
    if (!['all', 'basic', '', undefined, null].includes(profile)) return undefined;
    if (operatorCommonRefusals(config).length > 0 || operatorConfigPipelineRefusals(config).length > 0) return undefined;
    manifest = config;
  } else {
    manifest = manifestsOfKind(manifests, 'TektonTrigger')
      .filter((m) => m?.apiVersion === `${OPERATOR_GROUP}/v1alpha1` && m?.metadata?.name === OPERATOR_TRIGGER_NAME).slice(-1)[0];
    if (manifest === undefined || operatorCommonRefusals(manifest).length > 0) return undefined;
  }
  const { prefix, settings } = operatorSettings(manifest, 'trigger');
  if (manifest.kind === 'TektonTrigger' && operatorOptionsRefusals(prefix, settings, '').length > 0) return undefined;
  const name = `${manifest.kind} '${manifest.metadata.name}'`;
  const data = new Map<string, { value: string; path: string }>();
  for (const e of operatorOptionsData(prefix, settings, TRIGGERS_DEFAULTS_NAME)) {
    if (e.value === undefined) return undefined;
    data.set(e.key, { value: e.value, path: e.path });
  }
  return { name, data };
}

/**
 * config-defaults-triggers as Triggers reads it: the one a Tekton operator's object checked together writes (operatorTriggersDefaults,
 * which the operator applies over any config-defaults-triggers), else the one among `manifests` in tekton-pipelines, Triggers' system
 * namespace, or with no namespace (of several, the last, which kubectl apply keeps); an ID key by strconv.ParseInt (base 10), "" leaving
 * the ID unset; `default-run-as-non-root` by strconv.ParseBool, "" being true. One the API server refuses (a value that is not a string)
 * or whose keys do not parse (NewDefaultsFromMap fails, and the controller keeps its built-in defaults) gives the built-in ones.
 */
function triggersDefaults(manifests: readonly any[] | undefined): TriggersDefaults {
  if (manifests === undefined) return BUILT_IN;
  return oncePerSet(DEFAULTS, manifests, 'defaults', () => {
    const operator = operatorTriggersDefaults(manifests);
    let data: Readonly<Record<string, string>>;
    const sources: Record<string, string> = {};
    if (operator !== undefined) {
      data = Object.fromEntries([...operator.data].map(([k, e]) => [k, e.value]));
      for (const [k, e] of operator.data) sources[k] = `${operator.name} ${e.path}`;
    } else {
      const found = manifestsNamed(manifests, 'ConfigMap', TRIGGERS_DEFAULTS_NAME)
        .filter((m) => m?.kind === 'ConfigMap' && [undefined, TEKTON_NAMESPACE].includes(manifestNamespace(m)) && refusedConfigMapValues(m.data).length === 0);
      if (found.length === 0) return BUILT_IN;
      data = storedConfigMapData(found[found.length - 1].data) as Readonly<Record<string, string>>;
    }
    const out: { -readonly [K in keyof TriggersDefaults]: TriggersDefaults[K] } = { ...BUILT_IN };
    const at = (key: string) => (sources[key] === undefined ? {} : { source: sources[key] });
    for (const [field, key] of Object.entries(ID_KEYS) as Array<[keyof typeof ID_KEYS, string]>) {
      const text = data[key];
      if (text === undefined) continue;
      const n = parseInt64(text, 10);
      if (n === undefined && text !== '') return BUILT_IN;
      out[field] = { value: n === undefined ? undefined : Number(n), key, text, ...at(key) };
    }
    const text = data[RUN_AS_NON_ROOT_KEY];
    if (text !== undefined && text !== '') {
      const b = goParseBool(text);
      if (b === undefined) return BUILT_IN;
      out.runAsNonRoot = { value: b, key: RUN_AS_NON_ROOT_KEY, text, ...at(RUN_AS_NON_ROOT_KEY) };
    }
    return out;
  });
}
const DEFAULTS = new WeakMap<readonly any[], Map<string, TriggersDefaults>>();

/** For the rules' documentation: how the pod of an EventListener is read. */
export const LISTENER_POD_TEXT = 'tektoncd/triggers v0.37.0 `MakeDeployment`: the first container\'s `securityContext` of '
  + '`' + LISTENER_TEMPLATE + '.spec` replaces whole the hardened one Triggers gives the listener\'s container (allowPrivilegeEscalation '
  + 'false, capabilities drop ALL, runAsNonRoot from config-defaults-triggers\' `default-run-as-non-root`, seccomp RuntimeDefault, '
  + 'readOnlyRootFilesystem true, runAsUser and runAsGroup from its `default-run-as-user` and `default-run-as-group`), the pod\'s '
  + '`securityContext` the hardened pod one (runAsNonRoot true, seccomp RuntimeDefault, the IDs and `default-fs-group` of '
  + 'config-defaults-triggers), a null or absent one leaving the default; its probes, and the pod\'s nodeSelector, tolerations, '
  + 'affinity and `metadata.annotations` are the pod\'s. config-defaults-triggers is read when checked together (in tekton-pipelines or '
  + 'without a namespace; of several, the last), or, where a Tekton operator\'s object that installs Triggers is checked together (a '
  + 'TektonConfig `config` whose profile is `all` or `basic` and whose `spec.trigger.disabled` is not true, else a TektonTrigger `trigger`, '
  + 'neither refused), as the operator writes it over the one in its `spec.targetNamespace`: its `spec.trigger.options.configMaps` '
  + '(`spec.options` of a TektonTrigger) `config-defaults-triggers` data unless `options.disabled` is true, the keys kubectl applied '
  + 'that it does not write removed; read as Triggers reads it (strconv.ParseInt, ParseBool; "" leaves an ID unset; one that '
  + 'does not parse gives Triggers\' built-in defaults, 65532 and true); the controller\'s `-el-security-context` and '
  + '`-el-read-only-root-filesystem` flags are taken as true, their default. An EventListener with a `' + LISTENER_CUSTOM + '` (a Knative '
  + 'Service, `MakeCustomObject`) runs the pod of that object instead, read as Triggers decodes it (Go\'s encoding/json: keys of any case, a '
  + 'later one over an earlier one, a later list of its containers and their env, tolerations, topologySpreadConstraints or an affinity\'s terms decoded entry by entry over the earlier one\'s): the hardened container whatever `securityContext` it writes, no pod `securityContext`, the env and '
  + 'resources of its only container, the `serviceAccountName`, nodeSelector, tolerations, affinity and topologySpreadConstraints of its '
  + '`spec.template.spec` (the EventListener\'s own `spec.serviceAccountName` is not read; no other field, `hostNetwork` neither, reaches the '
  + 'pod) and the annotations of its `spec.template.metadata`, in the namespace of its `metadata.namespace` where it writes one';

/** Whether a Go pointer, map or slice field is set: not absent, not null. */
const set = (x: unknown): boolean => x !== undefined && x !== null;

/** Where a field of the listener's pod comes from, for a finding: the field's path in the EventListener, and what to say of it. */
export interface ListenerField {
  /** The path of the field in the EventListener (where it is written, or where it would be). */
  readonly property: string;
  /** Said after the problem: where a value the EventListener does not write comes from, or what its own securityContext replaced. */
  readonly note: string;
  /** The fix, where the value is config-defaults-triggers'. */
  readonly fix?: string;
}

/** The pod of an EventListener, as the controller makes it. */
export interface ListenerPod {
  /** The path of the pod template in the EventListener: `spec.resources.kubernetesResource.spec.template`, or its customResource's `spec.template`. */
  readonly template: string;
  /** Whether the pod is that of the EventListener's customResource (a Knative Service, `MakeCustomObject`) rather than of its Deployment. */
  readonly custom: boolean;
  /** The kind of its customResource as Triggers reads it ('' where it writes none); undefined without one. */
  readonly customKind?: string;
  /**
   * The labels of its customResource as Triggers' controller decodes them (encoding/json): the object's `metadata.labels`, which it puts on the
   * object it creates, and its `spec.template.metadata.labels`, the pod template's; undefined without a customResource.
   */
  readonly customLabels?: { readonly object?: Record<string, unknown>; readonly template?: Record<string, unknown> };
  /** Whether its customResource is a Knative Service (`serving.knative.dev`, kind `Service`), whose pods Knative Serving gives its queue-proxy container (KNATIVE_QUEUE_PROXY). */
  readonly knativeService: boolean;
  /** The pod's annotations (its template's `metadata.annotations`), at `${template}.metadata.annotations`. */
  readonly annotations: unknown;
  /** The namespace the pod runs in: the customResource's `metadata.namespace` where it writes one, else the EventListener's (undefined: not written). */
  readonly namespace: string | undefined;
  /** The prefix of the pod spec's fields in the EventListener: `spec.resources.kubernetesResource.spec.template.spec.`. */
  readonly prefix: string;
  /** The pod spec as the controller makes it (the fields the rules read): the listener's container, the pod securityContext, placement. */
  readonly spec: any;
  /** The listener's container as the controller makes it (its own securityContext, the pod's not merged in). */
  readonly container: any;
  /** The path of the listener's container in the EventListener. */
  readonly containerPath: string;
  /**
   * Where a container field a finding names (`securityContext.runAsUser`, `livenessProbe.httpGet.host`) comes from: with `fromPod`
   * (the default), a field the container leaves unset is the pod securityContext's where that sets it.
   */
  field(property: string, fromPod?: boolean): ListenerField;
  /** Where a pod field a finding names (`securityContext.runAsUser`, `nodeSelector`) comes from. */
  podField(property: string): ListenerField;
}

/** The fields of a pod securityContext that apply to a container that does not set them. */
const POD_LEVEL = ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile'];

/** What a container securityContext written in the EventListener takes away. */
const REPLACED = "the listener's container securityContext written in the EventListener replaces whole the one Triggers gives it "
  + '(allowPrivilegeEscalation: false, capabilities drop ALL, runAsNonRoot, seccompProfile RuntimeDefault, readOnlyRootFilesystem: true, '
  + "config-defaults-triggers' IDs)";

/**
 * The container Knative Serving adds to every pod of a Knative Service's revisions beside the Service's own (knative/serving
 * pkg/reconciler/revision/resources/queue.go `makeQueueContainer`, `queueSecurityContext` since v1.12.0: allowPrivilegeEscalation
 * false, readOnlyRootFilesystem true, runAsNonRoot true, capabilities drop ALL, seccomp RuntimeDefault; its ports are container ports,
 * none a host port).
 */
export const KNATIVE_QUEUE_PROXY: Readonly<Record<string, unknown>> = Object.freeze({
  name: 'queue-proxy',
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
});

/** The API group of Knative Serving, whose Service is the custom object an EventListener's customResource is written for. */
const KNATIVE_SERVING_GROUP = 'serving.knative.dev';

/** A pointer to a Go int, int64 or bool, which a null empties. */
const POINTER: GoType = { pointerTo: 'scalar' };

/** A pointer to a selector struct of scalar fields (`optional` is a *bool in each). */
const ref = (...fields: string[]): GoType => ({ struct: Object.fromEntries(fields.map((f) => [f, f === 'optional' ? POINTER : 'scalar'])), pointer: true });

/** corev1.EnvVar (k8s.io/api v0.35), the fields of an `env` entry. */
const ENV_VAR: GoType = {
  struct: {
    name: 'scalar',
    value: 'scalar',
    valueFrom: {
      struct: {
        fieldRef: ref('apiVersion', 'fieldPath'),
        resourceFieldRef: ref('containerName', 'resource', 'divisor'),
        configMapKeyRef: ref('name', 'key', 'optional'),
        secretKeyRef: ref('name', 'key', 'optional'),
        fileKeyRef: ref('volumeName', 'path', 'key', 'optional'),
      },
      pointer: true,
    },
  },
};

/** corev1.ResourceRequirements: its limits and requests (maps of quantities) and claims. */
const RESOURCES: GoType = { struct: { limits: { map: 'scalar' }, requests: { map: 'scalar' }, claims: { slice: ref('name', 'request') } } };

/** The containers of a custom object's pod as Triggers reads them: their env and resources. */
const CONTAINERS: GoType = { slice: { struct: { env: { slice: ENV_VAR }, resources: RESOURCES } } };

/** corev1.Toleration. */
const TOLERATION: GoType = { struct: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: POINTER } };

/** The `matchExpressions` of a label or node selector (metav1.LabelSelectorRequirement, corev1.NodeSelectorRequirement). */
const REQUIREMENTS: GoType = { slice: { struct: { key: 'string', operator: 'string', values: { slice: 'string' } } } };

/** A pointer to a metav1.LabelSelector (its `matchLabels` keys are data). */
const LABEL_SELECTOR: GoType = { struct: { matchLabels: { map: 'string' }, matchExpressions: REQUIREMENTS }, pointer: true };

/** corev1.NodeSelectorTerm. */
const NODE_SELECTOR_TERM: GoType = { struct: { matchExpressions: REQUIREMENTS, matchFields: REQUIREMENTS } };

/** The fields of a corev1.PodAffinityTerm. */
const POD_AFFINITY_TERM: Readonly<Record<string, GoType>> = {
  labelSelector: LABEL_SELECTOR,
  namespaces: { slice: 'string' },
  topologyKey: 'string',
  namespaceSelector: LABEL_SELECTOR,
  matchLabelKeys: { slice: 'string' },
  mismatchLabelKeys: { slice: 'string' },
};

/** A pointer to a corev1.PodAffinity or PodAntiAffinity. */
const POD_AFFINITY: GoType = {
  struct: {
    requiredDuringSchedulingIgnoredDuringExecution: { slice: { struct: POD_AFFINITY_TERM } },
    preferredDuringSchedulingIgnoredDuringExecution: { slice: { struct: { weight: 'scalar', podAffinityTerm: { struct: POD_AFFINITY_TERM } } } },
  },
  pointer: true,
};

/** A pointer to a corev1.Affinity. */
const AFFINITY: GoType = {
  struct: {
    nodeAffinity: {
      struct: {
        requiredDuringSchedulingIgnoredDuringExecution: { struct: { nodeSelectorTerms: { slice: NODE_SELECTOR_TERM } }, pointer: true },
        preferredDuringSchedulingIgnoredDuringExecution: { slice: { struct: { weight: 'scalar', preference: NODE_SELECTOR_TERM } } },
      },
      pointer: true,
    },
    podAffinity: POD_AFFINITY,
    podAntiAffinity: POD_AFFINITY,
  },
  pointer: true,
};

/** corev1.TopologySpreadConstraint. */
const TOPOLOGY_SPREAD_CONSTRAINT: GoType = {
  struct: {
    maxSkew: 'scalar',
    topologyKey: 'string',
    whenUnsatisfiable: 'string',
    labelSelector: LABEL_SELECTOR,
    minDomains: POINTER,
    nodeAffinityPolicy: { pointerTo: 'string' },
    nodeTaintsPolicy: { pointerTo: 'string' },
    matchLabelKeys: { slice: 'string' },
  },
};

/** A metav1.ObjectMeta: the fields Triggers keeps of a custom object's and its template's (its maps' keys are data). */
const OBJECT_META: GoType = { struct: { namespace: 'string', labels: { map: 'string' }, annotations: { map: 'string' } } };

/**
 * A knative duckv1.WithPod, the fields Triggers keeps (custom.go `MakeCustomObject`), for goDecode: a second key of a list
 * (`Tolerations` and `tolerations`, an affinity's `nodeSelectorTerms`) is decoded into the first's entries at the same index, field by
 * field, then cut to its length (encoding/json's array decoding), not taken whole; a second key of a struct over the first's fields.
 */
const WITH_POD: GoType = {
  struct: {
    kind: 'string',
    apiVersion: 'string',
    metadata: OBJECT_META,
    spec: {
      struct: {
        template: {
          struct: {
            metadata: OBJECT_META,
            spec: {
              struct: {
                serviceAccountName: 'string',
                nodeSelector: { map: 'string' },
                containers: CONTAINERS,
                tolerations: { slice: TOLERATION },
                affinity: AFFINITY,
                topologySpreadConstraints: { slice: TOPOLOGY_SPREAD_CONSTRAINT },
              },
            },
          },
        },
      },
    },
  },
};

/** The fields of a custom object Triggers reads (duckv1.WithPod, decoded by encoding/json in `MakeCustomObject`). */
export interface CustomObject {
  /** Its kind ('' where it writes none). */
  readonly kind: string;
  /** Its apiVersion ('' where it writes none). */
  readonly apiVersion: string;
  readonly namespace?: string;
  readonly annotations?: Record<string, unknown>;
  /** Its `metadata.labels` and its template's, as encoding/json decodes them (maps merged, a null emptying one). */
  readonly labels?: Record<string, unknown>;
  readonly templateLabels?: Record<string, unknown>;
  readonly pod: {
    readonly serviceAccountName?: string;
    readonly tolerations?: unknown[];
    readonly nodeSelector?: Record<string, unknown>;
    readonly affinity?: Record<string, unknown>;
    readonly topologySpreadConstraints?: unknown[];
    readonly containers?: unknown[];
  };
}

/** An EventListener's `spec.resources.customResource` as Triggers' controller decodes it (encoding/json into duckv1.WithPod); undefined where it writes none. */
export function customObject(manifest: any): CustomObject | undefined {
  const raw = manifest.spec?.resources?.customResource;
  if (!isObject(raw)) return undefined;
  // the API server stores the EventListener unstructured: encoding/json writes the keys of every object sorted by their bytes, and
  // goDecode reads a plain object's keys in that order
  const object = goDecode(undefined, raw, WITH_POD) as {
    kind?: string;
    apiVersion?: string;
    metadata?: { namespace?: string; labels?: Record<string, unknown> };
    spec?: { template?: { metadata?: { labels?: Record<string, unknown>; annotations?: Record<string, unknown> }; spec?: CustomObject['pod'] } };
  };
  const namespace = object.metadata?.namespace;
  const pod = object.spec?.template?.spec;
  return {
    kind: object.kind ?? '',
    apiVersion: object.apiVersion ?? '',
    ...(namespace === undefined || namespace === '' ? {} : { namespace }),
    annotations: object.spec?.template?.metadata?.annotations,
    labels: object.metadata?.labels,
    templateLabels: object.spec?.template?.metadata?.labels,
    pod: {
      serviceAccountName: pod?.serviceAccountName,
      tolerations: pod?.tolerations,
      nodeSelector: pod?.nodeSelector,
      affinity: pod?.affinity,
      topologySpreadConstraints: pod?.topologySpreadConstraints,
      containers: pod?.containers,
    },
  };
}

/**
 * The pod of an EventListener (`triggers.tekton.dev`) as its controller makes it; undefined for any other object. Of
 * `spec.resources.kubernetesResource.spec.template`: the first container's `securityContext` replaces whole the hardened one
 * (allowPrivilegeEscalation false, drop ALL, runAsNonRoot config-defaults-triggers' `default-run-as-non-root`, seccomp RuntimeDefault,
 * readOnlyRootFilesystem true, runAsUser and runAsGroup config-defaults-triggers'), the pod's `securityContext` the hardened pod one
 * (runAsNonRoot true, seccomp RuntimeDefault, runAsUser, runAsGroup and fsGroup config-defaults-triggers'), a null being unset; its
 * probes, resources and env, and the pod's tolerations, nodeSelector, imagePullSecrets and topologySpreadConstraints (when not empty),
 * affinity and serviceAccountName (when set) are the pod's; `metadata.annotations` are the pod's. Of a `spec.resources.customResource`
 * (which the controller makes instead, custom.go `MakeCustomObject`), decoded as encoding/json decodes it: the hardened container
 * whatever it writes, with the env and resources of its only container; no pod securityContext; its template's serviceAccountName
 * (never the EventListener's), tolerations, nodeSelector, affinity and topologySpreadConstraints, and its template's annotations; the
 * pod in its `metadata.namespace` where it writes one.
 */
export function listenerPod(manifest: any, manifests: readonly any[] | undefined = manifestsCheckedTogether()): ListenerPod | undefined {
  if (!isEventListener(manifest)) return undefined;
  // the controller makes a customResource's object where the EventListener writes one (eventlistener.go ReconcileKind), else a Deployment
  const custom = customObject(manifest);
  const template = custom === undefined ? manifest.spec?.resources?.kubernetesResource?.spec?.template : undefined;
  const pod = isObject(template) && isObject(template.spec) ? template.spec : {};
  const first = asArray(pod.containers)[0];
  const own = isObject(first) ? first : {};
  const d = triggersDefaults(manifests);
  const ids = (fields: ReadonlyArray<'runAsUser' | 'runAsGroup' | 'fsGroup'>) => Object.fromEntries(fields.filter((f) => d[f].value !== undefined).map((f) => [f, d[f].value]));
  const containerReplaced = isObject(own.securityContext);
  const podReplaced = isObject(pod.securityContext);
  const containerSc = containerReplaced ? own.securityContext : {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: d.runAsNonRoot.value,
    seccompProfile: { type: 'RuntimeDefault' },
    readOnlyRootFilesystem: true,
    ...ids(['runAsUser', 'runAsGroup']),
  };
  // a custom object's pod gets no securityContext (custom.go MakeCustomObject)
  const podSc = custom !== undefined ? undefined
    : podReplaced ? pod.securityContext : { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...ids(['runAsUser', 'runAsGroup', 'fsGroup']) };
  const container: Record<string, unknown> = { name: LISTENER_CONTAINER, securityContext: containerSc };
  const spec: Record<string, unknown> = {};
  if (custom === undefined) {
    for (const f of ['resources', 'env', 'livenessProbe', 'readinessProbe', 'startupProbe']) if (set(own[f])) container[f] = own[f];
    spec.serviceAccountName = typeof pod.serviceAccountName === 'string' && pod.serviceAccountName !== '' ? pod.serviceAccountName : manifest.spec?.serviceAccountName;
    spec.securityContext = podSc;
    spec.containers = [container];
    for (const f of ['tolerations', 'imagePullSecrets', 'topologySpreadConstraints']) if (asArray(pod[f]).length > 0) spec[f] = pod[f];
    if (isObject(pod.nodeSelector) && Object.keys(pod.nodeSelector).length > 0) spec.nodeSelector = pod.nodeSelector;
    if (set(pod.affinity)) spec.affinity = pod.affinity;
  } else {
    // the env and resources of its only container; the pod's ServiceAccount its own (the EventListener's spec.serviceAccountName is not read),
    // placement; no other field
    const containers = asArray(custom.pod.containers);
    if (containers.length === 1 && isObject(containers[0])) {
      // (decoded as encoding/json decodes them: goDecode)
      const { env, resources } = containers[0];
      if (asArray(env).length > 0) container.env = env;
      if (resources !== undefined) container.resources = resources;
    }
    if (custom.pod.serviceAccountName !== undefined && custom.pod.serviceAccountName !== '') spec.serviceAccountName = custom.pod.serviceAccountName;
    spec.containers = [container];
    for (const f of ['tolerations', 'topologySpreadConstraints'] as const) if (asArray(custom.pod[f]).length > 0) spec[f] = custom.pod[f];
    if (custom.pod.nodeSelector !== undefined && Object.keys(custom.pod.nodeSelector).length > 0) spec.nodeSelector = custom.pod.nodeSelector;
    if (custom.pod.affinity !== undefined) spec.affinity = custom.pod.affinity;
  }
  const templatePath = custom === undefined ? LISTENER_TEMPLATE : `${LISTENER_CUSTOM}.spec.template`;
  const prefix = `${templatePath}.spec.`;
  const containerPath = `${prefix}containers[0]`;
  const fromDefaults = (id: TriggersDefault<unknown> | undefined, property: string): ListenerField => {
    const { key, text, source } = id ?? {};
    // Triggers' own default: what it gives passes every rule
    if (key === undefined) return { property, note: '' };
    const gives = `which Triggers gives the pod of every EventListener that writes no securityContext of its own there${custom === undefined ? '' : ' (a customResource\'s pod gets it whatever securityContext it writes)'}`
      + `${text === '' ? ': "" leaves it unset' : ''}`;
    if (source !== undefined) {
      return {
        property,
        note: ` (${source}: ${JSON.stringify(text)}, which the operator writes into config-defaults-triggers' ${key}, ${gives})`,
        fix: custom === undefined
          ? `Change ${source}, or set ${property} in this EventListener (which then replaces Triggers' default securityContext whole).`
          : `Change ${source} (Triggers gives the container of an EventListener's customResource its default securityContext, whatever the customResource writes).`,
      };
    }
    return {
      property,
      note: ` (config-defaults-triggers' ${key}: ${JSON.stringify(text)}, ${gives})`,
      fix: custom === undefined
        ? `Change ${key} in config-defaults-triggers, or set ${property} in this EventListener (which then replaces Triggers' default securityContext whole).`
        : `Change ${key} in config-defaults-triggers (Triggers gives the container of an EventListener's customResource its default securityContext, `
          + 'whatever the customResource writes).',
    };
  };
  return {
    template: templatePath,
    custom: custom !== undefined,
    ...(custom === undefined ? {} : { customKind: custom.kind, customLabels: { object: custom.labels, template: custom.templateLabels } }),
    knativeService: custom !== undefined && custom.kind === 'Service' && apiGroupOf(custom.apiVersion) === KNATIVE_SERVING_GROUP,
    annotations: custom !== undefined ? custom.annotations : isObject(template?.metadata) ? template.metadata.annotations : undefined,
    namespace: custom?.namespace ?? manifestNamespace(manifest),
    prefix,
    spec,
    container,
    containerPath,
    field(property: string, fromPod = true): ListenerField {
      const m = /^securityContext\.([^.[]+)/.exec(property);
      const at = `${containerPath}.${property}`;
      if (m === null) return { property: at, note: '' };
      const f = m[1];
      if (containerReplaced && set(own.securityContext[f])) return { property: at, note: '' };
      if (fromPod && !set(containerSc[f]) && POD_LEVEL.includes(f) && set(podSc?.[f])) {
        const podAt = `${prefix}${property}`;
        if (podReplaced) return { property: podAt, note: '' };
        const id = d[f as 'runAsUser' | 'runAsGroup'];
        return fromDefaults(id, podAt);
      }
      if (containerReplaced) return { property: at, note: ` (${REPLACED})` };
      const id = f === 'runAsNonRoot' ? d.runAsNonRoot : f === 'runAsUser' || f === 'runAsGroup' ? d[f] : undefined;
      return fromDefaults(id, at);
    },
    podField(property: string): ListenerField {
      const at = `${prefix}${property}`;
      const m = /^securityContext\.(runAsUser|runAsGroup|fsGroup)\b/.exec(property);
      // (a custom object's pod has no securityContext)
      if (podReplaced || m === null || custom !== undefined) return { property: at, note: '' };
      const id = d[m[1] as 'runAsUser' | 'runAsGroup' | 'fsGroup'];
      return fromDefaults(id, at);
    },
  };
}
