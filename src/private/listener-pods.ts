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
import { parseInt64 } from './go-yaml';
import { manifestsNamed, oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { goParseBool } from './parse-bool';
import { TEKTON_NAMESPACE } from './tekton-config';
import { TRIGGERS_GROUP } from './triggers';

/** Where an EventListener's pod template is. */
export const LISTENER_TEMPLATE = 'spec.resources.kubernetesResource.spec.template';

/** The name of the listener's container (container.go). */
export const LISTENER_CONTAINER = 'event-listener';

/** The ConfigMap of Triggers' defaults (config.GetDefaultsConfigName). */
export const TRIGGERS_DEFAULTS_NAME = 'config-defaults-triggers';

/** Whether a manifest is a Tekton Triggers EventListener (`triggers.tekton.dev`, any version). */
export function isEventListener(manifest: any): boolean {
  return manifest?.kind === 'EventListener' && apiGroupOf(manifest.apiVersion) === TRIGGERS_GROUP;
}

/** An ID or flag of config-defaults-triggers, with the key that sets it and its text. */
interface TriggersDefault<T> { readonly value: T; readonly key?: string; readonly text?: string }

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

/**
 * The config-defaults-triggers among `manifests` (in tekton-pipelines, Triggers' system namespace, or with no namespace; of
 * several, the last, which kubectl apply keeps) as Triggers reads it: an ID key by strconv.ParseInt (base 10), "" leaving the ID
 * unset; `default-run-as-non-root` by strconv.ParseBool, "" being true. One the API server refuses (a value that is not a string)
 * or whose keys do not parse (NewDefaultsFromMap fails, and the controller keeps its built-in defaults) gives the built-in ones.
 */
function triggersDefaults(manifests: readonly any[] | undefined): TriggersDefaults {
  if (manifests === undefined) return BUILT_IN;
  return oncePerSet(DEFAULTS, manifests, 'defaults', () => {
    const found = manifestsNamed(manifests, 'ConfigMap', TRIGGERS_DEFAULTS_NAME)
      .filter((m) => m?.kind === 'ConfigMap' && [undefined, TEKTON_NAMESPACE].includes(manifestNamespace(m)) && refusedConfigMapValues(m.data).length === 0);
    if (found.length === 0) return BUILT_IN;
    const data = storedConfigMapData(found[found.length - 1].data) as Readonly<Record<string, string>>;
    const out: { -readonly [K in keyof TriggersDefaults]: TriggersDefaults[K] } = { ...BUILT_IN };
    for (const [field, key] of Object.entries(ID_KEYS) as Array<[keyof typeof ID_KEYS, string]>) {
      const text = data[key];
      if (text === undefined) continue;
      const n = parseInt64(text, 10);
      if (n === undefined && text !== '') return BUILT_IN;
      out[field] = { value: n === undefined ? undefined : Number(n), key, text };
    }
    const text = data[RUN_AS_NON_ROOT_KEY];
    if (text !== undefined && text !== '') {
      const b = goParseBool(text);
      if (b === undefined) return BUILT_IN;
      out.runAsNonRoot = { value: b, key: RUN_AS_NON_ROOT_KEY, text };
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
  + 'without a namespace; of several, the last), as Triggers reads it (strconv.ParseInt, ParseBool; "" leaves an ID unset; one that '
  + 'does not parse gives Triggers\' built-in defaults, 65532 and true); the controller\'s `-el-security-context` and '
  + '`-el-read-only-root-filesystem` flags are taken as true, their default';

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
 * The pod of an EventListener (`triggers.tekton.dev`) as its controller makes it; undefined for any other object. Of
 * `spec.resources.kubernetesResource.spec.template`: the first container's `securityContext` replaces whole the hardened one
 * (allowPrivilegeEscalation false, drop ALL, runAsNonRoot config-defaults-triggers' `default-run-as-non-root`, seccomp RuntimeDefault,
 * readOnlyRootFilesystem true, runAsUser and runAsGroup config-defaults-triggers'), the pod's `securityContext` the hardened pod one
 * (runAsNonRoot true, seccomp RuntimeDefault, runAsUser, runAsGroup and fsGroup config-defaults-triggers'), a null being unset; its
 * probes, resources and env, and the pod's tolerations, nodeSelector, imagePullSecrets and topologySpreadConstraints (when not empty),
 * affinity and serviceAccountName (when set) are the pod's; `metadata.annotations` are the pod's.
 */
export function listenerPod(manifest: any, manifests: readonly any[] | undefined = manifestsCheckedTogether()): ListenerPod | undefined {
  if (!isEventListener(manifest)) return undefined;
  const template = manifest.spec?.resources?.kubernetesResource?.spec?.template;
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
  const podSc = podReplaced ? pod.securityContext : { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...ids(['runAsUser', 'runAsGroup', 'fsGroup']) };
  const container: Record<string, unknown> = { name: LISTENER_CONTAINER, securityContext: containerSc };
  for (const f of ['resources', 'env', 'livenessProbe', 'readinessProbe', 'startupProbe']) if (set(own[f])) container[f] = own[f];
  const spec: Record<string, unknown> = {
    serviceAccountName: typeof pod.serviceAccountName === 'string' && pod.serviceAccountName !== '' ? pod.serviceAccountName : manifest.spec?.serviceAccountName,
    securityContext: podSc,
    containers: [container],
  };
  for (const f of ['tolerations', 'imagePullSecrets', 'topologySpreadConstraints']) if (asArray(pod[f]).length > 0) spec[f] = pod[f];
  if (isObject(pod.nodeSelector) && Object.keys(pod.nodeSelector).length > 0) spec.nodeSelector = pod.nodeSelector;
  if (set(pod.affinity)) spec.affinity = pod.affinity;
  const prefix = `${LISTENER_TEMPLATE}.spec.`;
  const containerPath = `${prefix}containers[0]`;
  const fromDefaults = (key: string | undefined, text: string | undefined, property: string): ListenerField => (key === undefined
    // Triggers' own default: what it gives passes every rule
    ? { property, note: '' }
    : {
      property,
      note: ` (config-defaults-triggers' ${key}: ${JSON.stringify(text)}, which Triggers gives the pod of every EventListener that writes no securityContext of its own there`
        + `${text === '' ? ': "" leaves it unset' : ''})`,
      fix: `Change ${key} in config-defaults-triggers, or set ${property} in this EventListener (which then replaces Triggers' default securityContext whole).`,
    });
  return {
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
      if (fromPod && !set(containerSc[f]) && POD_LEVEL.includes(f) && set(podSc[f])) {
        const podAt = `${prefix}${property}`;
        if (podReplaced) return { property: podAt, note: '' };
        const id = d[f as 'runAsUser' | 'runAsGroup'];
        return fromDefaults(id.key, id.text, podAt);
      }
      if (containerReplaced) return { property: at, note: ` (${REPLACED})` };
      const id = f === 'runAsNonRoot' ? d.runAsNonRoot : f === 'runAsUser' || f === 'runAsGroup' ? d[f] : undefined;
      return fromDefaults(id?.key, id?.text, at);
    },
    podField(property: string): ListenerField {
      const at = `${prefix}${property}`;
      const m = /^securityContext\.(runAsUser|runAsGroup|fsGroup)\b/.exec(property);
      if (podReplaced || m === null) return { property: at, note: '' };
      const id = d[m[1] as 'runAsUser' | 'runAsGroup' | 'fsGroup'];
      return fromDefaults(id.key, id.text, at);
    },
  };
}
