/**
 * The Pod Security Standards as Pod Security Admission checks a pod
 * (k8s.io/pod-security-admission policy/check_*.go): which level a Namespace
 * enforces, and what of a pod each level refuses, by the version of the checks.
 */
import { asArray } from './containers';
import { POD_SECURITY_LABEL_PREFIX } from './pod-security';
import { parsePodSecurityVersion } from './pod-security-version';
import { jsString } from './text';

/** The levels, weakest first. */
export const POD_SECURITY_LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];

/**
 * The minor version "latest", and any later version, is read as: the oldest Kubernetes the
 * library targets. Pod Security Admission reads a version newer than its own as its own latest
 * (policy/registry.go `EvaluatePod`), so a Namespace pinned to `v1.35` gets the checks of v1.28
 * on a v1.28 cluster. Later versions relax some checks (user-namespaced pods, more sysctls, the
 * `container_engine_t` SELinux type), which are not counted on, and add a few that refuse more
 * (STRICTER_SINCE), which are applied from the version that adds them on.
 */
export const LATEST_READ_AS_MINOR = 28;

/** The level and version a Namespace enforces. */
export interface EnforcedLevel {
  /** `privileged`, `baseline` or `restricted`. */
  readonly level: string;
  /** The label's version, or "latest". */
  readonly version: string;
  /** The minor version whose checks apply (at most LATEST_READ_AS_MINOR). */
  readonly minor: number;
  /**
   * The minor version the label names (Number.MAX_SAFE_INTEGER for "latest" and a version that does
   * not parse): the checks added after LATEST_READ_AS_MINOR that only refuse more apply from theirs on
   * (STRICTER_SINCE), whatever version the cluster runs.
   */
  readonly named: number;
}

/**
 * The checks added after LATEST_READ_AS_MINOR that refuse more than before, by the minor version
 * they start at: a Namespace whose label names that version or a later one, or "latest", gets them
 * on a cluster that has them, so they are applied.
 */
export const STRICTER_SINCE = {
  /** hostProbesAndHostLifecycle: probes and lifecycle handlers with a `host` (check_hostProbesAndhostLifecycle.go). */
  hostProbes: 34,
} as const;

/**
 * The level a Namespace enforces, read as `PolicyToEvaluate` reads the labels: a level
 * that is not exactly one of the three is enforced as `restricted` (fail closed), a
 * version that does not parse as "latest"; "latest" and a version after
 * LATEST_READ_AS_MINOR get that version's checks. Undefined without an enforce label (the
 * cluster's default applies, which the manifests do not say).
 */
export function enforcedLevel(namespace: any): EnforcedLevel | undefined {
  const labels = namespace?.metadata?.labels;
  if (!labels || typeof labels !== 'object') return undefined;
  const raw = labels[`${POD_SECURITY_LABEL_PREFIX}enforce`];
  if (raw === undefined || raw === null) return undefined;
  const level = POD_SECURITY_LEVELS.includes(jsString(raw)) ? jsString(raw) : 'restricted';
  const rawVersion = labels[`${POD_SECURITY_LABEL_PREFIX}enforce-version`];
  const parsed = rawVersion === undefined || rawVersion === null ? undefined : parsePodSecurityVersion(jsString(rawVersion));
  if (parsed === undefined || parsed.latest) return { level, version: 'latest', minor: LATEST_READ_AS_MINOR, named: Number.MAX_SAFE_INTEGER };
  return { level, version: jsString(rawVersion), minor: Math.min(parsed.minor, LATEST_READ_AS_MINOR), named: parsed.minor };
}

/**
 * What is refused of a seccompProfile, a pod's or a container's (after the stepTemplate is merged):
 * the API server requires a `localhostProfile` with type `Localhost` and refuses one with any
 * other type (validation.go `validateSeccompProfileField`), and the kubelet starts no container
 * whose Localhost profile is empty (kuberuntime `fieldSeccompProfile`). `pods` names what is
 * refused in messages (`the pod`, `the pods`). Undefined when nothing is.
 */
export function seccompProfileRefusal(profile: any, pods: string): { readonly value?: string; readonly problem: string } | undefined {
  if (!obj(profile)) return undefined;
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (local === undefined || local === null) return { problem: `is not set with type Localhost (the API server refuses ${pods})` };
    if (local === '') return { value: '', problem: `is empty with type Localhost (the kubelet starts no container of ${pods})` };
    return undefined;
  }
  if (local === undefined || local === null) return undefined;
  return { value: jsString(local), problem: `is set with type "${profile.type ?? ''}" (the API server refuses ${pods}: only a Localhost profile has one)` };
}

/** Whether `level` refuses what `admittedUpTo` still admits (a level strictly stronger). */
export function refuses(level: string, admittedUpTo: string): boolean {
  return POD_SECURITY_LEVELS.indexOf(level) > POD_SECURITY_LEVELS.indexOf(admittedUpTo);
}

/** One thing of a pod that a level refuses. */
export interface PodSecurityViolation {
  /** The field, relative to the container or the pod, e.g. `securityContext.runAsUser`. */
  readonly property: string;
  /** The offending value (undefined when a required field is missing). */
  readonly value?: string;
  /** What is wrong, e.g. `runs as root`. */
  readonly problem: string;
  /** The strongest level that still admits it (`baseline` or `privileged`). */
  readonly admittedUpTo: string;
  /** Whether setting the field in the container fixes it (false: only a weaker level admits it). */
  readonly fixableInContainer: boolean;
  /** The minor version whose Pod Security added the check, for one added after the version the label is read as. @default - none */
  readonly since?: number;
}

/** What the pod a container runs in says, as far as it is known. */
export interface PodLevel {
  /** The pod's securityContext (undefined when it sets none or it is not known). */
  readonly securityContext?: any;
  /** Whether the pod runs in a user namespace (`hostUsers: false`). */
  readonly userNamespace?: boolean;
  /**
   * Why a field the container leaves unset is not set by the pod either, for messages;
   * undefined when the pod is made elsewhere and such fields are not judged.
   */
  readonly unsetBecause?: string;
}

/** The capabilities the Pod Security `baseline` profile lets a container add. */
export const BASELINE_CAPABILITY_NAMES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

const BASELINE_CAPABILITIES = new Set(BASELINE_CAPABILITY_NAMES);

const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** The profile types of a seccompProfile or an appArmorProfile that baseline allows (any other, "" included, is refused). */
const CONFINED_TYPES = ['RuntimeDefault', 'Localhost'];

/** The prefix of the AppArmor annotations (deprecated, still checked: check_appArmorProfile.go). */
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** The seccomp annotations (removed in v1.27; Pod Security checks them before v1.19: check_seccompProfile_baseline.go). */
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

const SYSCTLS: Array<[number, string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function obj(x: any): any {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? x : undefined;
}

/** Go's reading of a *bool set from YAML: only a JSON true/false is a value. */
function bool(x: any): boolean | undefined {
  return typeof x === 'boolean' ? x : undefined;
}

/** The value of a profile's type for a finding: none when it is missing or null. */
function typeValue(type: any): { readonly value?: string } {
  return type === undefined || type === null ? {} : { value: jsString(type) };
}

/** What is wrong with the type of a profile that is set, not `RuntimeDefault` or `Localhost`. */
function confinedProblem(type: any, unconfined: string): string {
  if (type === 'Unconfined') return unconfined;
  if (type === undefined || type === null) return 'is not set in a profile that is set (Pod Security reads it as "", which no level allows)';
  return 'is not "RuntimeDefault" or "Localhost"';
}

/** The hosts of a probe's or a lifecycle handler's httpGet and tcpSocket, with their fields. */
function hostsOf(handler: any, at: string): Array<{ readonly property: string; readonly host: string }> {
  return (['httpGet', 'tcpSocket'] as const)
    .map((k) => ({ property: `${at}.${k}.host`, host: obj(obj(handler)?.[k])?.host }))
    .filter((h): h is { property: string; host: string } => typeof h.host === 'string' && h.host !== '');
}

/** Checks on a securityContext that a pod and a container share (baseline). */
function sharedBaseline(sc: any, minor: number): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const base = { admittedUpTo: 'privileged', fixableInContainer: true };
  // a profile that is set must have a confined type: a missing or null type is Go's "", which no level allows
  const seccomp = obj(sc?.seccompProfile);
  if (minor >= 19 && seccomp && !CONFINED_TYPES.includes(seccomp.type)) {
    out.push({ ...base, property: 'securityContext.seccompProfile.type', ...typeValue(seccomp.type), problem: confinedProblem(seccomp.type, 'turns seccomp off') });
  }
  const selinux = obj(sc?.seLinuxOptions);
  if (selinux) {
    const types = minor >= 31 ? [...SELINUX_TYPES, 'container_engine_t'] : SELINUX_TYPES;
    // a null type is Go's "", which every level allows
    if (selinux.type !== undefined && selinux.type !== null && !types.includes(jsString(selinux.type))) {
      out.push({ ...base, property: 'securityContext.seLinuxOptions.type', value: jsString(selinux.type), problem: `is not one of ${types.filter((t) => t).join(', ')}` });
    }
    for (const f of ['user', 'role']) {
      if (typeof selinux[f] === 'string' && selinux[f] !== '') {
        out.push({ ...base, property: `securityContext.seLinuxOptions.${f}`, value: selinux[f], problem: 'sets an SELinux ' + f });
      }
    }
  }
  const appArmor = obj(sc?.appArmorProfile);
  if (appArmor && !CONFINED_TYPES.includes(appArmor.type)) {
    out.push({ ...base, property: 'securityContext.appArmorProfile.type', ...typeValue(appArmor.type), problem: confinedProblem(appArmor.type, 'turns AppArmor off') });
  }
  if (bool(obj(sc?.windowsOptions)?.hostProcess) === true) {
    out.push({ ...base, property: 'securityContext.windowsOptions.hostProcess', value: 'true', problem: 'runs a Windows host process' });
  }
  return out;
}

/**
 * What the enforced level refuses of one container (a step, a sidecar, a plain
 * container), given what its pod says. Only the violations of checks the version has.
 */
export function containerViolations(container: any, pod: PodLevel, enforced: EnforcedLevel): PodSecurityViolation[] {
  const { level, minor } = enforced;
  if (level === 'privileged') return [];
  const sc = obj(container?.securityContext) ?? {};
  const podSc = obj(pod.securityContext) ?? {};
  const out: PodSecurityViolation[] = [];
  // baseline
  if (bool(sc.privileged) === true) {
    out.push({ property: 'securityContext.privileged', value: 'true', problem: 'runs privileged', admittedUpTo: 'privileged', fixableInContainer: true });
  }
  const add = asArray(obj(sc.capabilities)?.add).map(jsString);
  const beyondBaseline = add.filter((c) => !BASELINE_CAPABILITIES.has(c));
  if (beyondBaseline.length > 0) {
    out.push({ property: 'securityContext.capabilities.add', value: beyondBaseline.join(', '), problem: 'adds capabilities beyond the baseline set', admittedUpTo: 'privileged', fixableInContainer: true });
  }
  const procMount = sc.procMount;
  if (procMount !== undefined && procMount !== null && procMount !== 'Default' && !(minor >= 35 && pod.userNamespace)) {
    out.push({ property: 'securityContext.procMount', value: jsString(procMount), problem: 'unmasks /proc', admittedUpTo: 'privileged', fixableInContainer: true });
  }
  const hostPorts = asArray(container?.ports).map((p) => obj(p)?.hostPort).filter((p) => typeof p === 'number' && p !== 0);
  if (hostPorts.length > 0) {
    out.push({ property: 'ports[].hostPort', value: hostPorts.join(', '), problem: 'opens a port on the node', admittedUpTo: 'privileged', fixableInContainer: true });
  }
  out.push(...sharedBaseline(sc, minor));
  if (enforced.named >= STRICTER_SINCE.hostProbes) {
    const hosts = [
      ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((p) => hostsOf(container?.[p], p)),
      ...['postStart', 'preStop'].flatMap((h) => hostsOf(obj(container?.lifecycle)?.[h], `lifecycle.${h}`)),
    ];
    for (const h of hosts) {
      out.push({
        property: h.property,
        value: h.host,
        problem: `${h.property.startsWith('lifecycle.') ? 'points a lifecycle handler at' : 'sends a probe to'} a host other than the pod (Pod Security checks it since v1.${STRICTER_SINCE.hostProbes})`,
        admittedUpTo: 'privileged',
        fixableInContainer: true,
        since: STRICTER_SINCE.hostProbes,
      });
    }
  }
  if (level !== 'restricted') return out;
  // restricted
  const restricted = { admittedUpTo: 'baseline', fixableInContainer: true };
  if (minor >= 8 && bool(sc.allowPrivilegeEscalation) !== false) {
    out.push({ ...restricted, property: 'securityContext.allowPrivilegeEscalation', value: sc.allowPrivilegeEscalation === undefined ? undefined : jsString(sc.allowPrivilegeEscalation), problem: 'is not false' });
  }
  const userNamespace = minor >= 35 && pod.userNamespace === true;
  if (!userNamespace) {
    const nonRoot = bool(sc.runAsNonRoot);
    if (nonRoot === false) {
      out.push({ ...restricted, property: 'securityContext.runAsNonRoot', value: 'false', problem: 'lets the container run as root' });
    } else if (nonRoot === undefined && pod.unsetBecause !== undefined && bool(podSc.runAsNonRoot) !== true) {
      out.push({ ...restricted, property: 'securityContext.runAsNonRoot', problem: `is not set, and ${pod.unsetBecause}` });
    }
    if (minor >= 23 && sc.runAsUser === 0) {
      out.push({ ...restricted, property: 'securityContext.runAsUser', value: '0', problem: 'runs as root' });
    }
  }
  // a profile the container sets is judged by baseline's check; without one the pod's must be confined
  if (minor >= 19 && !obj(sc.seccompProfile)) {
    if (pod.unsetBecause !== undefined && !CONFINED_TYPES.includes(obj(podSc.seccompProfile)?.type)) {
      out.push({ ...restricted, property: 'securityContext.seccompProfile.type', problem: `is not set, and ${pod.unsetBecause}` });
    }
  }
  if (minor >= 22) {
    const drop = asArray(obj(sc.capabilities)?.drop).map(jsString);
    if (!drop.includes('ALL')) {
      out.push({ ...restricted, property: 'securityContext.capabilities.drop', value: drop.length ? drop.join(', ') : undefined, problem: 'does not drop "ALL"' });
    }
    const beyondRestricted = add.filter((c) => c !== 'NET_BIND_SERVICE' && BASELINE_CAPABILITIES.has(c));
    if (beyondRestricted.length > 0) {
      out.push({ ...restricted, property: 'securityContext.capabilities.add', value: beyondRestricted.join(', '), problem: 'adds capabilities other than NET_BIND_SERVICE' });
    }
  }
  return out;
}

/** What a pod must not be or have whatever its containers say. */
export interface PodFields {
  readonly securityContext?: any;
  readonly hostNetwork?: any;
  readonly hostPID?: any;
  readonly hostIPC?: any;
  readonly hostUsers?: any;
  readonly volumes?: any;
}

/** What the enforced level refuses of a pod's own fields (host namespaces, volumes, the pod securityContext). */
export function podViolations(pod: PodFields, enforced: EnforcedLevel): PodSecurityViolation[] {
  const { level, minor } = enforced;
  if (level === 'privileged') return [];
  const out: PodSecurityViolation[] = [];
  const base = { admittedUpTo: 'privileged', fixableInContainer: false };
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (bool(pod[f]) === true) out.push({ ...base, property: f, value: 'true', problem: "shares the node's namespace" });
  }
  const volumes = asArray(pod.volumes).filter((v) => obj(v));
  for (const v of volumes) {
    if (v.hostPath !== undefined && v.hostPath !== null) {
      out.push({ ...base, property: `volumes['${jsString(v.name)}'].hostPath`, value: jsString(obj(v.hostPath)?.path ?? ''), problem: 'mounts a directory of the node' });
    }
  }
  const sc = obj(pod.securityContext) ?? {};
  const allowed = SYSCTLS.filter(([since]) => since <= minor).flatMap(([, names]) => names);
  // a sysctl without a name (or a null one) is Go's "", which no version allows
  const badSysctls = asArray(sc.sysctls).filter((s) => obj(s)).map((s) => s.name ?? '')
    .filter((n) => typeof n === 'string' && !allowed.includes(n)).map((n) => (n === '' ? '""' : n));
  if (badSysctls.length > 0) {
    const nameless = badSysctls.includes('""') ? ' (one without a name is "", which is not in it)' : '';
    out.push({ ...base, property: 'securityContext.sysctls', value: badSysctls.join(', '), problem: `sets sysctls outside the safe set${nameless}` });
  }
  out.push(...sharedBaseline(sc, minor).map((v) => ({ ...v, fixableInContainer: false })));
  if (level !== 'restricted') return out;
  const restricted = { admittedUpTo: 'baseline', fixableInContainer: false };
  for (const v of volumes) {
    // a volume without a source is an emptyDir: the API server defaults it so (SetDefaults_Volume) before admission
    const source = Object.keys(v).find((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
    if (source !== undefined && source !== 'hostPath' && !RESTRICTED_VOLUMES.includes(source)) {
      out.push({ ...restricted, property: `volumes['${jsString(v.name)}'].${source}`, problem: `is a volume type restricted does not allow (only ${RESTRICTED_VOLUMES.join(', ')})` });
    }
  }
  const userNamespace = minor >= 35 && bool(pod.hostUsers) === false;
  if (!userNamespace) {
    if (bool(sc.runAsNonRoot) === false) out.push({ ...restricted, property: 'securityContext.runAsNonRoot', value: 'false', problem: 'lets the containers run as root' });
    if (minor >= 23 && sc.runAsUser === 0) out.push({ ...restricted, property: 'securityContext.runAsUser', value: '0', problem: 'runs the containers as root' });
  }
  return out;
}

/**
 * What the enforced level refuses of a pod's annotations (`metadata.annotations`, relative
 * properties `annotations['<key>']`): the AppArmor annotations, at every version, whose value is not
 * empty, `runtime/default` or `localhost/<profile>`; before v1.19 the seccomp annotations, the pod's
 * and those of the containers named `containers` (undefined: any container's, where the names are
 * not known), whose value is not `runtime/default`, `docker/default` or `localhost/<profile>`.
 */
export function annotationViolations(annotations: any, containers: readonly string[] | undefined, enforced: EnforcedLevel): PodSecurityViolation[] {
  if (enforced.level === 'privileged' || !obj(annotations)) return [];
  const out: PodSecurityViolation[] = [];
  const base = { admittedUpTo: 'privileged', fixableInContainer: false };
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value !== 'string') continue;
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/')) {
      out.push({ ...base, property: `annotations['${key}']`, value, problem: 'sets an AppArmor profile other than "runtime/default" or "localhost/<profile>"' });
    }
    const container = key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX) ? key.slice(SECCOMP_CONTAINER_ANNOTATION_PREFIX.length) : undefined;
    const seccomp = key === SECCOMP_POD_ANNOTATION || (container !== undefined && (containers === undefined || containers.includes(container)));
    if (enforced.minor < 19 && seccomp && value !== 'runtime/default' && value !== 'docker/default' && !value.startsWith('localhost/')) {
      out.push({ ...base, property: `annotations['${key}']`, value, problem: 'sets a seccomp profile other than "runtime/default", "docker/default" or "localhost/<profile>"' });
    }
  }
  return out;
}
