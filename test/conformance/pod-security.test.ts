/**
 * POD_SECURITY_ADMITTED's reading of the Pod Security Standards (src/private/pod-security-standards.ts,
 * through the rule as it judges a Pod in a Namespace that enforces a level) against Kubernetes' own
 * checks (conformance/cmd/psa-eval: k8s.io/pod-security-admission v0.35.7). For every pod, level and
 * version: the rule refuses the pod exactly when Pod Security Admission does, and its findings name
 * the checks that refuse it (each finding's field mapped to the check ID that reads it). A fixed
 * corpus of edge cases at every level and many versions, TaskRuns (judged by the rule as TaskRuns,
 * by Pod Security as the pods Tekton makes of them: steps with the stepTemplate merged, sidecars,
 * Tekton's own init containers, the pod template), then generated pods (fast-check, seed printed;
 * PROPERTY_SEED and PROPERTY_RUNS choose others).
 *
 * Versions: a version up to v1.28 is read as itself. "latest", a version after v1.28 and a version
 * that does not parse are read as v1.28 (LATEST_READ_AS_MINOR): there the rule must refuse what
 * v1.28 refuses together with what the checks added since refuse (DELIBERATE lists the later
 * relaxations it does not count on), and never admit what the label's own version refuses.
 */
import * as fs from 'fs';
import * as fc from 'fast-check';
import { RuleId } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { POD_SECURITY_ADMITTED } from '../../src/policy/rules/pod-security-admitted';
import { LATEST_READ_AS_MINOR } from '../../src/private/pod-security-standards';
import { parsePodSecurityVersion } from '../../src/private/pod-security-version';
import { describeWithPsaEval, PsaRequest, PsaVerdict, psaEval } from '../helpers/psa-eval';

/** The newest version whose checks the oracle has (a later one is read as it). */
const ORACLE_NEWEST = 35;

/** Checks added after LATEST_READ_AS_MINOR that refuse more (the rule applies them to "latest" and later versions). */
const STRICTER_CHECKS: Record<string, number> = { hostProbesAndHostLifecycle: 34 };

const LEVELS = ['privileged', 'baseline', 'restricted', 'Restricted'];
const VERSIONS = [
  'v1.0', 'v1.7', 'v1.8', 'v1.18', 'v1.19', 'v1.21', 'v1.22', 'v1.23', 'v1.24', 'v1.25', 'v1.27', 'v1.28',
  'v1.29', 'v1.31', 'v1.32', 'v1.34', 'v1.35', 'v1.40', 'latest', 'v1.028', 'x',
];

/** The minor version Kubernetes evaluates a label at (a label that does not parse is "latest"). */
function oracleMinor(version: string): number {
  const parsed = parsePodSecurityVersion(version);
  return parsed === undefined || parsed.latest ? ORACLE_NEWEST : Math.min(parsed.minor, ORACLE_NEWEST);
}

/** The minor version the rule reads a label as. */
function ruleMinor(version: string): number {
  return Math.min(oracleMinor(version), LATEST_READ_AS_MINOR);
}

/** The level a label enforces (fail closed: anything but the three names is restricted). */
function levelOf(level: string): string {
  return ['privileged', 'baseline', 'restricted'].includes(level) ? level : 'restricted';
}

/**
 * The Pod Security check that refuses what a finding names, at `level` and `minor` (where a
 * restricted check overrides a baseline one, the restricted one: check_*.go OverrideCheckIDs).
 */
function checkOf(property: string, level: string, minor: number): string {
  const restricted = level === 'restricted';
  const rules: Array<[RegExp, string]> = [
    [/^securityContext\.privileged$/, 'privileged'],
    [/(^|\.)securityContext\.capabilities\.add$/, restricted && minor >= 22 ? 'capabilities_restricted' : 'capabilities_baseline'],
    [/(^|\.)securityContext\.capabilities\.drop$/, 'capabilities_restricted'],
    [/(^|\.)securityContext\.procMount$/, restricted && minor >= 35 ? 'procMount_restricted' : 'procMount'],
    [/^ports\[\]\.hostPort$/, 'hostPorts'],
    [/(^|\.)securityContext\.seccompProfile(\.type)?$/, restricted && minor >= 19 ? 'seccompProfile_restricted' : 'seccompProfile_baseline'],
    [/(^|\.)securityContext\.seLinuxOptions\.(type|user|role)$/, 'seLinuxOptions'],
    [/(^|\.)securityContext\.appArmorProfile(\.type)?$/, 'appArmorProfile'],
    [/(^|\.)securityContext\.windowsOptions\.hostProcess$/, 'windowsHostProcess'],
    [/(^|\.)securityContext\.allowPrivilegeEscalation$/, 'allowPrivilegeEscalation'],
    [/(^|\.)securityContext\.runAsNonRoot$/, 'runAsNonRoot'],
    [/(^|\.)securityContext\.runAsUser$/, 'runAsUser'],
    // a Pod's spec, a TaskRun's task spec (spec.taskSpec.volumes) or pod template (podTemplate.hostNetwork)
    [/^(spec|podTemplate)\.host(Network|PID|IPC)$/, 'hostNamespaces'],
    [/^(spec|spec\.taskSpec|podTemplate)\.volumes\[.*\]\.hostPath$/, restricted ? 'restrictedVolumes' : 'hostPathVolumes'],
    [/^(spec|spec\.taskSpec|podTemplate)\.volumes\[/, 'restrictedVolumes'],
    [/^(spec|podTemplate)\.securityContext\.sysctls$/, 'sysctls'],
    [/^metadata\.annotations\['container\.apparmor\.security\.beta\.kubernetes\.io\//, 'appArmorProfile'],
    [/^metadata\.annotations\['(container\.)?seccomp\.security\.alpha\.kubernetes\.io\//, 'seccompProfile_baseline'],
    [/^(livenessProbe|readinessProbe|startupProbe|lifecycle\.(postStart|preStop))\.(httpGet|tcpSocket)\.host$/, 'hostProbesAndHostLifecycle'],
  ];
  const hit = rules.find(([re]) => re.test(property));
  if (hit === undefined) throw new Error(`no Pod Security check reads ${property}`);
  return hit[1];
}

/** One pod at one level and version. */
interface Case {
  readonly name: string;
  readonly pod: { readonly metadata?: any; readonly spec: any };
  /** The object the rule judges when it is not the Pod itself (a TaskRun whose pod is `pod`). */
  readonly manifest?: any;
  readonly level: string;
  readonly version: string;
}

/**
 * Where the rule refuses on purpose what Pod Security Admission admits, each with why. Each
 * returns whether the check `id` the rule names and the oracle does not is explained.
 */
const DELIBERATE: Array<{ readonly reason: string; readonly applies: (c: Case, id: string) => boolean }> = [
  {
    // the rule's limits: plain pods are read as Linux pods; Tekton never sets spec.os
    reason: 'a Windows pod (spec.os.name: windows) is read as a Linux pod: the Windows relaxations of v1.25 are not applied',
    applies: (c, id) => c.pod.spec?.os?.name === 'windows' && oracleMinor(c.version) >= 25
      && ['allowPrivilegeEscalation', 'seccompProfile_restricted', 'capabilities_restricted'].includes(id),
  },
  {
    // the API server refuses a volume with two sources (validation.go validateVolumeSource), before admission
    reason: 'a volume with more than one source, which the API server refuses: the rule judges each source',
    applies: (c, id) => ['restrictedVolumes', 'hostPathVolumes'].includes(id)
      && (c.pod.spec?.volumes ?? []).some((v: any) => Object.keys(v ?? {}).filter((k) => k !== 'name' && v[k] !== null).length > 1),
  },
];

/**
 * Checks Pod Security Admission names that the rule may leave out, because another of its findings
 * refuses the same field: with hostNetwork the API server defaults every port's hostPort to its
 * containerPort (SetDefaults_Pod), so hostPorts refuses what hostNamespaces already does.
 */
const IMPLIED: Array<{ readonly id: string; readonly by: string; readonly applies: (c: Case) => boolean }> = [
  { id: 'hostPorts', by: 'hostNamespaces', applies: (c) => c.pod.spec?.hostNetwork === true },
];

/**
 * Why the rule refuses a pod that the label's own version admits where v1.28 refuses it (the rule's
 * limits: versions after LATEST_READ_AS_MINOR are read as it, and what they relax is not counted on).
 */
const RELAXED_LATER = `a relaxation of a version after v1.${LATEST_READ_AS_MINOR} (user-namespaced pods, sysctls, the SELinux type container_engine_t) is not counted on`;

/** The namespace `ci` that enforces `level` at `version`. */
function namespace(level: string, version: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'ci', labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': version } },
  };
}

/** The checks the rule says refuse the pod (by the fields its findings name), sorted; `manifest`: what makes the pod (a Pod of c.pod by default). */
function ruleChecks(c: Case): string[] {
  const manifest = c.manifest ?? { apiVersion: 'v1', kind: 'Pod', metadata: { ...c.pod.metadata, name: 'p', namespace: 'ci' }, spec: c.pod.spec };
  const findings = POD_SECURITY_ADMITTED.check(manifest, ruleContext([namespace(c.level, c.version), manifest]));
  for (const f of findings) {
    if (f.rule !== RuleId.POD_SECURITY_ADMITTED) throw new Error(`unexpected finding ${JSON.stringify(f)}`);
  }
  return [...new Set(findings.map((f) => checkOf(f.property ?? '', levelOf(c.level), ruleMinor(c.version))))].sort();
}

/** How the pods of a run compared. */
interface Tally {
  /** Pods compared (those that decode). */
  compared: number;
  /** Pods both refuse. */
  refused: number;
  /** Pods both admit. */
  admitted: number;
  /** Pods that do not decode (a value of the wrong type: the API server refuses them before admission). */
  undecodable: number;
  /** Refusals explained by DELIBERATE, by reason. */
  deliberate: Record<string, number>;
  differences: string[];
}

/** Compares every case (all of them judged by one psa-eval process). */
function compare(cases: readonly Case[]): Tally {
  const requests: PsaRequest[] = [];
  for (const c of cases) {
    requests.push({ level: c.level, version: c.version, pod: c.pod });
    // read as v1.28 by the rule: also what v1.28 says
    requests.push({ level: c.level, version: `v1.${ruleMinor(c.version)}`, pod: c.pod });
  }
  const verdicts = psaEval(requests);
  const tally: Tally = { compared: 0, refused: 0, admitted: 0, undecodable: 0, deliberate: {}, differences: [] };
  cases.forEach((c, i) => {
    const own = verdicts[2 * i];
    const read = verdicts[2 * i + 1];
    if (own.error !== undefined || read.error !== undefined) {
      tally.undecodable++;
      return;
    }
    tally.compared++;
    const ids = (v: PsaVerdict) => (v.error === undefined ? v.forbidden.map((f) => f.id) : []);
    const stricter = ids(own).filter((id) => STRICTER_CHECKS[id] !== undefined && oracleMinor(c.version) >= STRICTER_CHECKS[id]);
    const expected = new Set([...ids(read), ...stricter]);
    let rule: string[];
    try {
      rule = ruleChecks(c);
    } catch (e) {
      tally.differences.push(`${c.name} (${c.level} ${c.version}): ${(e as Error).message}`);
      return;
    }
    const what = `${c.name} (${c.level} ${c.version}): ${JSON.stringify(c.pod)}`;
    // never looser: what the label's own version refuses, the rule refuses
    if (!own.allowed && rule.length === 0) {
      tally.differences.push(`${what}: Pod Security Admission refuses it (${JSON.stringify(own.error === undefined ? own.forbidden : own)}), the rule admits it`);
      return;
    }
    const implied = (id: string) => IMPLIED.some((x) => x.id === id && rule.includes(x.by) && x.applies(c));
    const missing = [...expected].filter((id) => !rule.includes(id) && !implied(id));
    if (missing.length > 0) {
      const detail = [...(own.error === undefined ? own.forbidden : []), ...(read.error === undefined ? read.forbidden : [])]
        .filter((f) => missing.includes(f.id));
      tally.differences.push(`${what}: the rule does not name ${missing.join(', ')} (${JSON.stringify(detail)}); it names [${rule.join(', ')}]`);
      return;
    }
    const extra = rule.filter((id) => !expected.has(id) && !(own.error === undefined && own.forbidden.some((f) => f.id === id)));
    const unexplained: string[] = [];
    for (const id of extra) {
      const why = DELIBERATE.find((d) => d.applies(c, id));
      if (why === undefined) unexplained.push(id);
      else tally.deliberate[why.reason] = (tally.deliberate[why.reason] ?? 0) + 1;
    }
    if (unexplained.length > 0) {
      tally.differences.push(`${what}: the rule names ${unexplained.join(', ')}, which Pod Security Admission does not (it refuses for [${[...expected].join(', ')}])`);
      return;
    }
    if (rule.length > 0) tally.refused++;
    else tally.admitted++;
    if (rule.length > 0 && own.allowed) tally.deliberate[RELAXED_LATER] = (tally.deliberate[RELAXED_LATER] ?? 0) + 1;
  });
  // PSA_DIFFERENCES=<file>: every difference of the run appended there, one a line (jest shortens long failures)
  if (process.env.PSA_DIFFERENCES) fs.appendFileSync(process.env.PSA_DIFFERENCES, tally.differences.map((d) => d + '\n').join(''));
  return tally;
}

/** A container that meets restricted, with `securityContext` on top of its own. */
function container(name: string, securityContext: any = {}, more: Record<string, any> = {}): any {
  return {
    name,
    image: 'registry.example/x@sha256:' + 'a'.repeat(64),
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
      ...securityContext,
    },
    ...more,
  };
}

/** A pod of one restricted container `c`, with `spec` on top. */
function pod(spec: Record<string, any> = {}, annotations?: Record<string, string>): { metadata?: any; spec: any } {
  return { ...(annotations ? { metadata: { annotations } } : {}), spec: { containers: [container('c')], ...spec } };
}

/** A pod whose container `c` has this securityContext on top of the restricted one. */
const withContainer = (securityContext: any, more: Record<string, any> = {}) => pod({ containers: [container('c', securityContext, more)] });

/** The edge cases, each judged at every level and version. */
const CORPUS: Array<[string, { metadata?: any; spec: any }]> = [
  ['restricted container', pod()],
  ['bare container, no securityContext', pod({ containers: [{ name: 'c', image: 'x' }] })],
  ['bare container, pod sets runAsNonRoot and seccomp', pod({ containers: [{ name: 'c', image: 'x' }], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } })],
  // privileged
  ['privileged', withContainer({ privileged: true })],
  ['privileged false', withContainer({ privileged: false })],
  ['privileged null', withContainer({ privileged: null })],
  ['privileged init container', pod({ initContainers: [container('i', { privileged: true })] })],
  ['privileged ephemeral container', pod({ ephemeralContainers: [container('e', { privileged: true })] })],
  // Windows host process
  ['hostProcess container', withContainer({ windowsOptions: { hostProcess: true } })],
  ['hostProcess pod', pod({ securityContext: { windowsOptions: { hostProcess: true } } })],
  ['hostProcess false', pod({ securityContext: { windowsOptions: { hostProcess: false, runAsUserName: 'x' } } })],
  // host namespaces
  ['hostNetwork', pod({ hostNetwork: true })],
  ['hostPID', pod({ hostPID: true })],
  ['hostIPC', pod({ hostIPC: true })],
  ['host namespaces false', pod({ hostNetwork: false, hostPID: false, hostIPC: false })],
  // volumes
  ...['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim',
    'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk',
    'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image']
    .map((source): [string, { spec: any }] => [`volume ${source}`, pod({ volumes: [{ name: 'v', [source]: source === 'hostPath' ? { path: '/var/run' } : {} }] })]),
  // the API server defaults a volume without a source to an emptyDir
  ['volume without a source', pod({ volumes: [{ name: 'v' }] })],
  ['volume with a null source', pod({ volumes: [{ name: 'v', hostPath: null }] })],
  // with hostNetwork the API server defaults a port's hostPort to its containerPort
  ['hostNetwork with a container port', pod({ hostNetwork: true, containers: [container('c', {}, { ports: [{ containerPort: 8080 }] })] })],
  ['volume with two sources, hostPath second', pod({ volumes: [{ name: 'v', configMap: { name: 'x' }, hostPath: { path: '/' } }] })],
  ['volume with two sources, nfs first', pod({ volumes: [{ name: 'v', nfs: { server: 'x', path: '/' }, secret: { secretName: 'x' } }] })],
  // host ports
  ['hostPort 8080', withContainer({}, { ports: [{ containerPort: 80, hostPort: 8080 }] })],
  ['hostPort 0', withContainer({}, { ports: [{ containerPort: 80, hostPort: 0 }] })],
  ['hostPort on an init container', pod({ initContainers: [container('i', {}, { ports: [{ containerPort: 80, hostPort: 1 }] })] })],
  // capabilities
  ...[['ALL'], ['all'], ['All'], ['CAP_ALL'], [], ['NET_RAW', 'ALL']]
    .map((drop): [string, { spec: any }] => [`drop ${JSON.stringify(drop)}`, withContainer({ capabilities: { drop } })]),
  ['capabilities null', withContainer({ capabilities: null })],
  ['capabilities empty', withContainer({ capabilities: {} })],
  ...[['NET_BIND_SERVICE'], ['net_bind_service'], ['CAP_NET_BIND_SERVICE'], ['CHOWN'], ['SYS_ADMIN'], ['CAP_SYS_ADMIN'], ['sys_admin'], ['ALL'], [''], ['KILL', 'NET_RAW']]
    .map((add): [string, { spec: any }] => [`add ${JSON.stringify(add)}`, withContainer({ capabilities: { drop: ['ALL'], add } })]),
  // AppArmor
  ...['RuntimeDefault', 'Localhost', 'Unconfined', 'unconfined', '']
    .flatMap((type): Array<[string, { spec: any }]> => [
      [`container AppArmor ${type || '""'}`, withContainer({ appArmorProfile: { type, ...(type === 'Localhost' ? { localhostProfile: 'p' } : {}) } })],
      [`pod AppArmor ${type || '""'}`, pod({ securityContext: { appArmorProfile: { type, ...(type === 'Localhost' ? { localhostProfile: 'p' } : {}) } } })],
    ]),
  ['container AppArmor without a type', withContainer({ appArmorProfile: {} })],
  ['AppArmor null', withContainer({ appArmorProfile: null })],
  ...['unconfined', 'runtime/default', 'localhost/p', '', 'Unconfined']
    .map((value): [string, { metadata?: any; spec: any }] => [`AppArmor annotation ${value || '""'}`, pod({}, { 'container.apparmor.security.beta.kubernetes.io/c': value })]),
  ['AppArmor annotation for no container', pod({}, { 'container.apparmor.security.beta.kubernetes.io/nobody': 'unconfined' })],
  ['AppArmor annotation, bare prefix', pod({}, { 'container.apparmor.security.beta.kubernetes.io/': 'unconfined' })],
  // seccomp
  ...['RuntimeDefault', 'Localhost', 'Unconfined', 'unconfined', '']
    .flatMap((type): Array<[string, { spec: any }]> => [
      [`container seccomp ${type || '""'}`, withContainer({ seccompProfile: { type, ...(type === 'Localhost' ? { localhostProfile: 'p' } : {}) } })],
      [`pod seccomp ${type || '""'}, container none`, pod({
        containers: [container('c', { seccompProfile: undefined })],
        securityContext: { seccompProfile: { type, ...(type === 'Localhost' ? { localhostProfile: 'p' } : {}) } },
      })],
    ]),
  ['container seccomp without a type', withContainer({ seccompProfile: {} })],
  ['container seccomp null, pod RuntimeDefault', pod({ containers: [container('c', { seccompProfile: null })], securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })],
  ['container seccomp unset, pod unset', withContainer({ seccompProfile: undefined })],
  ['pod seccomp Unconfined, container RuntimeDefault', pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } })],
  ['ephemeral container without seccomp, pod Localhost', pod({
    ephemeralContainers: [container('e', { seccompProfile: undefined })],
    securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p' } },
  })],
  ['ephemeral container without seccomp, pod unset', pod({ ephemeralContainers: [container('e', { seccompProfile: undefined })] })],
  ...['unconfined', 'runtime/default', 'docker/default', 'localhost/p', '']
    .flatMap((value): Array<[string, { metadata?: any; spec: any }]> => [
      [`seccomp pod annotation ${value || '""'}`, pod({}, { 'seccomp.security.alpha.kubernetes.io/pod': value })],
      [`seccomp container annotation ${value || '""'}`, pod({}, { 'container.seccomp.security.alpha.kubernetes.io/c': value })],
    ]),
  ['seccomp annotation for no container', pod({}, { 'container.seccomp.security.alpha.kubernetes.io/nobody': 'unconfined' })],
  ['seccomp annotation for an ephemeral container', pod({ ephemeralContainers: [container('e')] }, { 'container.seccomp.security.alpha.kubernetes.io/e': 'unconfined' })],
  // SELinux
  ...['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', 'Container_t']
    .flatMap((type): Array<[string, { spec: any }]> => [
      [`container SELinux type ${type || '""'}`, withContainer({ seLinuxOptions: { type, level: 's0:c1,c2' } })],
      [`pod SELinux type ${type || '""'}`, pod({ securityContext: { seLinuxOptions: { type } } })],
    ]),
  ['SELinux type null', withContainer({ seLinuxOptions: { type: null } })],
  ['SELinux user', withContainer({ seLinuxOptions: { user: 'system_u' } })],
  ['SELinux role', pod({ securityContext: { seLinuxOptions: { role: 'system_r' } } })],
  ['SELinux empty user and role', withContainer({ seLinuxOptions: { user: '', role: '' } })],
  // /proc
  ...['Default', 'Unmasked', '', 'default']
    .map((procMount): [string, { spec: any }] => [`procMount ${procMount || '""'}`, withContainer({ procMount })]),
  ['procMount Unmasked in a user namespace', pod({ hostUsers: false, containers: [container('c', { procMount: 'Unmasked' })] })],
  // sysctls
  ...['kernel.shm_rmid_forced', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_slow_start_after_idle',
    'kernel.msgmax', 'net.ipv4.ip_forward', '']
    .map((name): [string, { spec: any }] => [`sysctl ${name || '""'}`, pod({ securityContext: { sysctls: [{ name, value: '1' }] } })]),
  ['sysctl without a name', pod({ securityContext: { sysctls: [{ value: '1' }] } })],
  ['sysctls empty', pod({ securityContext: { sysctls: [] } })],
  // allowPrivilegeEscalation
  ['allowPrivilegeEscalation true', withContainer({ allowPrivilegeEscalation: true })],
  ['allowPrivilegeEscalation unset', withContainer({ allowPrivilegeEscalation: undefined })],
  ['allowPrivilegeEscalation null', withContainer({ allowPrivilegeEscalation: null })],
  ['allowPrivilegeEscalation unset on an ephemeral container', pod({ ephemeralContainers: [container('e', { allowPrivilegeEscalation: undefined })] })],
  // runAsNonRoot, runAsUser
  ['runAsNonRoot false', withContainer({ runAsNonRoot: false })],
  ['runAsNonRoot unset, pod true', pod({ containers: [container('c', { runAsNonRoot: undefined })], securityContext: { runAsNonRoot: true } })],
  ['runAsNonRoot unset, pod unset', withContainer({ runAsNonRoot: undefined })],
  ['runAsNonRoot true, pod false', pod({ securityContext: { runAsNonRoot: false } })],
  ['runAsNonRoot unset, pod false', pod({ containers: [container('c', { runAsNonRoot: undefined })], securityContext: { runAsNonRoot: false } })],
  ['runAsNonRoot unset, pod unset, user namespace', pod({ hostUsers: false, containers: [container('c', { runAsNonRoot: undefined })] })],
  ['runAsNonRoot false, hostUsers true', pod({ hostUsers: true, containers: [container('c', { runAsNonRoot: false })] })],
  ['runAsUser 0', withContainer({ runAsUser: 0 })],
  ['runAsUser 1000', withContainer({ runAsUser: 1000 })],
  ['pod runAsUser 0', pod({ securityContext: { runAsUser: 0 } })],
  ['pod runAsUser 0, container 1000', pod({ containers: [container('c', { runAsUser: 1000 })], securityContext: { runAsUser: 0 } })],
  ['runAsUser 0 in a user namespace', pod({ hostUsers: false, containers: [container('c', { runAsUser: 0, runAsNonRoot: false })] })],
  // Windows pods
  ['Windows pod with a bare container', pod({ os: { name: 'windows' }, containers: [{ name: 'c', image: 'x', securityContext: { runAsNonRoot: true } }] })],
  ['Windows pod adding SYS_ADMIN', pod({ os: { name: 'windows' }, containers: [container('c', { capabilities: { add: ['SYS_ADMIN'] } })] })],
  ['Windows pod, seccomp Unconfined', pod({ os: { name: 'windows' }, containers: [container('c', { seccompProfile: { type: 'Unconfined' } })] })],
  ['Linux pod with a bare container', pod({ os: { name: 'linux' }, containers: [{ name: 'c', image: 'x', securityContext: { runAsNonRoot: true } }] })],
  // probes and lifecycle handlers with a host
  ['liveness probe httpGet host', withContainer({}, { livenessProbe: { httpGet: { port: 80, host: '10.0.0.1' } } })],
  ['readiness probe tcpSocket host', withContainer({}, { readinessProbe: { tcpSocket: { port: 80, host: 'node' } } })],
  ['startup probe httpGet without host', withContainer({}, { startupProbe: { httpGet: { port: 80 } } })],
  ['startup probe httpGet empty host', withContainer({}, { startupProbe: { httpGet: { port: 80, host: '' } } })],
  ['preStop httpGet host', withContainer({}, { lifecycle: { preStop: { httpGet: { port: 80, host: 'x' } } } })],
  ['postStart tcpSocket host on an init container', pod({ initContainers: [container('i', {}, { lifecycle: { postStart: { tcpSocket: { port: 80, host: 'x' } } } })] })],
  // several at once
  ['everything wrong', pod({
    hostNetwork: true,
    volumes: [{ name: 'v', hostPath: { path: '/' } }, { name: 'w', nfs: { server: 's', path: '/' } }],
    securityContext: { runAsUser: 0, sysctls: [{ name: 'kernel.msgmax', value: '1' }], seccompProfile: { type: 'Unconfined' } },
    initContainers: [{ name: 'i', image: 'x', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } } }],
    containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 1, hostPort: 1 }], securityContext: { procMount: 'Unmasked', seLinuxOptions: { type: 'spc_t' } } }],
  }, { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined', 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' })],
  // wrong types: the API server refuses them before admission
  ['privileged "true"', withContainer({ privileged: 'true' })],
];

const ALL_CASES: Case[] = CORPUS.flatMap(([name, p]) => LEVELS.flatMap((level) => VERSIONS.map((version) => ({ name, pod: p, level, version }))));

// ---- generated pods ----

/** `arb` now and then, else undefined (a field left out): most generated pods break one or two checks, some none. */
const rarely = <T>(arb: fc.Arbitrary<T>, weight = 5): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** The fields of a record that are not undefined. */
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const capability = fc.constantFrom('ALL', 'all', 'NET_BIND_SERVICE', 'net_bind_service', 'CHOWN', 'KILL', 'SYS_ADMIN', 'CAP_SYS_ADMIN', 'NET_RAW', '');
const bool = fc.constantFrom(true, false, null);
const profile = (types: Array<string | null>) => fc.record({ type: fc.constantFrom(...types), localhostProfile: fc.constant('p') }, { requiredKeys: [] });
const seccomp = profile(['RuntimeDefault', 'Localhost', 'Unconfined', '', 'runtimeDefault', null]);
const appArmor = profile(['RuntimeDefault', 'Localhost', 'Unconfined', '', 'unconfined', null]);
const seLinux = fc.record({
  type: fc.constantFrom('', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t', 'spc_t', null),
  user: fc.constantFrom('', 'system_u', null),
  role: fc.constantFrom('', 'system_r', null),
  level: fc.constant('s0:c1,c2'),
}, { requiredKeys: [] });
const windows = fc.record({ hostProcess: bool, runAsUserName: fc.constant('u') }, { requiredKeys: [] });
const shared = {
  runAsNonRoot: rarely(bool),
  runAsUser: rarely(fc.constantFrom(0, 1000, null)),
  seccompProfile: rarely(fc.option(seccomp)),
  seLinuxOptions: rarely(fc.option(seLinux)),
  appArmorProfile: rarely(fc.option(appArmor)),
  windowsOptions: rarely(fc.option(windows)),
};
/** A container securityContext: restricted, with a few fields changed or left out. */
const containerSecurity = fc.record({
  ...shared,
  privileged: rarely(bool),
  allowPrivilegeEscalation: rarely(bool),
  procMount: rarely(fc.constantFrom('Default', 'Unmasked', '', null)),
  capabilities: rarely(fc.option(fc.record(
    { add: fc.array(capability, { maxLength: 3 }), drop: fc.array(capability, { maxLength: 2 }) },
    { requiredKeys: [] },
  ))),
  unset: rarely(fc.subarray(['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile', 'capabilities'], { minLength: 1 })),
}).map(({ unset, ...changed }) => {
  const sc: Record<string, unknown> = { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] }, ...defined(changed) };
  for (const k of unset ?? []) delete sc[k];
  return sc;
});
const sysctlName = fc.constantFrom('kernel.shm_rmid_forced', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_rmem', 'kernel.msgmax', '');
const podSecurity = fc.record({
  ...shared,
  sysctls: rarely(fc.array(fc.record({ name: sysctlName, value: fc.constant('1') }, { requiredKeys: ['value'] }), { maxLength: 2 })),
}).map(defined);
const host = fc.record({ port: fc.constant(80), host: fc.constantFrom('', '10.0.0.1') }, { requiredKeys: ['port'] });
const handler = fc.oneof(host.map((h) => ({ httpGet: h })), host.map((h) => ({ tcpSocket: h })));
const containerMore = fc.record({
  securityContext: fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 10, arbitrary: containerSecurity },
  ),
  ports: rarely(fc.array(fc.record({ containerPort: fc.constant(80), hostPort: fc.constantFrom(0, 8080) }, { requiredKeys: ['containerPort'] }), { maxLength: 2 })),
  livenessProbe: rarely(handler),
  lifecycle: rarely(fc.record({ preStop: handler })),
}).map(defined);
const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'configMap', 'nfs', 'persistentVolumeClaim', 'projected', 'csi', 'ephemeral', 'image', 'gitRepo', 'downwardAPI', 'flexVolume'];
const volume = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('emptyDir', 'secret', 'configMap').map((s) => [s]) },
  { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...VOLUME_SOURCES), { minLength: 0, maxLength: 2 }) },
).map((sources) => Object.fromEntries(sources.map((s) => [s, s === 'hostPath' ? { path: '/' } : {}])));
const annotation = fc.tuple(
  fc.constantFrom('container.apparmor.security.beta.kubernetes.io/c0', 'container.apparmor.security.beta.kubernetes.io/other',
    'seccomp.security.alpha.kubernetes.io/pod', 'container.seccomp.security.alpha.kubernetes.io/c0', 'container.seccomp.security.alpha.kubernetes.io/i0'),
  fc.constantFrom('unconfined', 'runtime/default', 'docker/default', 'localhost/p', ''),
);

const generatedCase: fc.Arbitrary<Case> = fc.record({
  containers: fc.array(containerMore, { minLength: 1, maxLength: 3 }),
  initContainers: fc.array(containerMore, { maxLength: 2 }),
  ephemeralContainers: rarely(fc.array(containerMore, { minLength: 1, maxLength: 1 }), 3),
  spec: fc.record({
    hostNetwork: rarely(bool, 8),
    hostPID: rarely(bool),
    hostIPC: rarely(bool),
    hostUsers: rarely(bool, 3),
    os: rarely(fc.constantFrom({ name: 'linux' }, { name: 'windows' }), 3),
    securityContext: rarely(podSecurity, 1),
  }).map(defined),
  volumes: fc.array(volume, { maxLength: 2 }),
  annotations: rarely(fc.array(annotation, { minLength: 1, maxLength: 2 }), 3),
  level: fc.constantFrom(...LEVELS.slice(1)),
  version: fc.constantFrom(...VERSIONS),
}).map((g) => {
  const named = (prefix: string, cs: any[]) => cs.map((c, i) => ({ name: `${prefix}${i}`, image: 'x', ...c }));
  const spec: any = {
    ...g.spec,
    containers: named('c', g.containers),
    ...(g.initContainers.length ? { initContainers: named('i', g.initContainers) } : {}),
    ...(g.ephemeralContainers ? { ephemeralContainers: named('e', g.ephemeralContainers) } : {}),
    ...(g.volumes.length ? { volumes: g.volumes.map((v, i) => ({ name: `v${i}`, ...v })) } : {}),
  };
  return { name: 'generated', pod: { ...(g.annotations ? { metadata: { annotations: Object.fromEntries(g.annotations) } } : {}), spec }, level: g.level, version: g.version };
});

// ---- TaskRuns, and the pods Tekton makes of them ----

/**
 * Tekton's merge of the stepTemplate under a step (MergeStepsWithStepTemplate: both encoded to JSON,
 * where Go leaves out null and empty lists, then a strategic merge patch of the step on the template,
 * which merges objects and replaces lists).
 */
function mergeStep(template: any, step: any): any {
  if (template === undefined) return step;
  const out: any = { ...template };
  for (const [k, v] of Object.entries(step ?? {})) {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && out[k] !== null && typeof out[k] === 'object' && !Array.isArray(out[k]) ? mergeStep(out[k], v) : v;
  }
  return out;
}

/** The securityContext Tekton v1.15 gives the containers it adds to a Linux pod with set-security-context: true (pod.go). */
const TEKTON_INIT_SECURITY = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/**
 * The pod Tekton makes of a TaskRun with an embedded task spec (pod.go `Build`), as far as Pod
 * Security reads it: the TaskRun's annotations; the init containers it adds (`prepare`, and
 * `place-scripts` for steps with a script); `step-<name>` per step, with the stepTemplate merged
 * under it, and `sidecar-<name>` per sidecar; the pod template's securityContext, host namespaces
 * and volumes with the task spec's volumes and its own emptyDirs.
 */
function tektonPod(run: any): { metadata?: any; spec: any } {
  const spec = run.spec.taskSpec;
  const template = run.spec.podTemplate ?? {};
  const steps = (spec.steps ?? []).map((s: any) => mergeStep(spec.stepTemplate, s));
  const named = (prefix: string, c: any) => {
    const { name, script, ...rest } = c;
    return { ...rest, name: `${prefix}-${name}`, image: c.image ?? 'x' };
  };
  return {
    ...(run.metadata.annotations ? { metadata: { annotations: run.metadata.annotations } } : {}),
    spec: {
      ...(template.securityContext !== undefined ? { securityContext: template.securityContext } : {}),
      ...Object.fromEntries(['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => template[k] !== undefined).map((k) => [k, template[k]])),
      initContainers: [
        { name: 'prepare', image: 'x', securityContext: TEKTON_INIT_SECURITY },
        ...(steps.some((s: any) => s.script !== undefined) ? [{ name: 'place-scripts', image: 'x', securityContext: TEKTON_INIT_SECURITY }] : []),
      ],
      containers: [...steps.map((s: any) => named('step', s)), ...(spec.sidecars ?? []).map((s: any) => named('sidecar', s))],
      volumes: [
        { name: 'tekton-internal-tools', emptyDir: {} },
        { name: 'tekton-internal-downward', downwardAPI: { items: [] } },
        ...(spec.volumes ?? []),
        ...(template.volumes ?? []),
      ],
    },
  };
}

/** A TaskRun `r` in `ci` of an embedded task spec, with this pod template and annotations. */
function taskRun(taskSpec: any, podTemplate?: any, annotations?: Record<string, string>): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'r', namespace: 'ci', ...(annotations ? { annotations } : {}) },
    spec: { taskSpec, ...(podTemplate !== undefined ? { podTemplate } : {}) },
  };
}

const RESTRICTED_STEP = { allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] } };
const POD_TEMPLATE = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };
const stepOf = (name: string, securityContext?: any, more: Record<string, any> = {}) => ({ name, image: 'x', ...(securityContext ? { securityContext } : {}), ...more });

/** TaskRuns, each judged by the rule as a TaskRun and by Pod Security as the pod Tekton makes of it. */
const TASK_RUNS: Array<[string, any]> = [
  ['restricted step', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] })],
  ['bare step, no pod template', taskRun({ steps: [stepOf('a', undefined, { script: 'echo' })] })],
  ['bare step, pod template sets runAsNonRoot and seccomp', taskRun({ steps: [stepOf('a', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } })] }, POD_TEMPLATE)],
  ['stepTemplate restricted, steps set nothing', taskRun({ stepTemplate: { securityContext: RESTRICTED_STEP }, steps: [stepOf('a'), stepOf('b')] })],
  ['stepTemplate drops ALL, step adds NET_BIND_SERVICE', taskRun({
    stepTemplate: { securityContext: RESTRICTED_STEP },
    steps: [stepOf('a', { capabilities: { add: ['NET_BIND_SERVICE'] } })],
  })],
  ['stepTemplate adds CHOWN, step an empty add (Go leaves it out)', taskRun({
    stepTemplate: { securityContext: { ...RESTRICTED_STEP, capabilities: { drop: ['ALL'], add: ['CHOWN'] } } },
    steps: [stepOf('a', { capabilities: { add: [] } })],
  })],
  ['stepTemplate drops ALL, step drops NET_RAW (the list is replaced)', taskRun({
    stepTemplate: { securityContext: RESTRICTED_STEP },
    steps: [stepOf('a', { capabilities: { drop: ['NET_RAW'] } })],
  })],
  ['stepTemplate privileged, step privileged false', taskRun({ stepTemplate: { securityContext: { ...RESTRICTED_STEP, privileged: true } }, steps: [stepOf('a', { privileged: false })] })],
  ['stepTemplate privileged, step says nothing', taskRun({ stepTemplate: { securityContext: { ...RESTRICTED_STEP, privileged: true } }, steps: [stepOf('a')] })],
  ['step runs as root', taskRun({ steps: [stepOf('a', { ...RESTRICTED_STEP, runAsUser: 0 })] })],
  ['step seccomp Localhost, pod none', taskRun({ steps: [stepOf('a', { ...RESTRICTED_STEP, seccompProfile: { type: 'Localhost', localhostProfile: 'p' } })] })],
  ['step seccomp Unconfined', taskRun({ steps: [stepOf('a', { ...RESTRICTED_STEP, seccompProfile: { type: 'Unconfined' } })] })],
  ['step AppArmor unconfined', taskRun({ steps: [stepOf('a', { ...RESTRICTED_STEP, appArmorProfile: { type: 'unconfined' } })] })],
  ['sidecar with a host port', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], sidecars: [stepOf('db', RESTRICTED_STEP, { ports: [{ containerPort: 5432, hostPort: 5432 }] })] })],
  ['sidecar probing a host', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], sidecars: [stepOf('db', RESTRICTED_STEP, { readinessProbe: { tcpSocket: { port: 5432, host: 'db' } } })] })],
  ['sidecar without securityContext', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], sidecars: [stepOf('db')] }, POD_TEMPLATE)],
  ['task spec hostPath volume', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }] })],
  ['task spec volume without a source', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], volumes: [{ name: 'data' }] })],
  ['task spec nfs volume', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)], volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] })],
  ['pod template hostNetwork', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, { hostNetwork: true })],
  ['pod template unsafe sysctl', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } })],
  ['pod template runAsNonRoot false', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, { securityContext: { runAsNonRoot: false } })],
  ['pod template seccomp Unconfined', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, { securityContext: { seccompProfile: { type: 'Unconfined' } } })],
  ['run annotated with an AppArmor profile', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, undefined, { 'container.apparmor.security.beta.kubernetes.io/step-a': 'unconfined' })],
  ['run annotated with a seccomp profile', taskRun({ steps: [stepOf('a', RESTRICTED_STEP)] }, undefined, { 'container.seccomp.security.alpha.kubernetes.io/step-a': 'unconfined' })],
];

const TASK_RUN_CASES: Case[] = TASK_RUNS.flatMap(([name, run]) => LEVELS.flatMap((level) => VERSIONS.map((version) => ({
  name, pod: tektonPod(run), manifest: run, level, version,
}))));

describeWithPsaEval('POD_SECURITY_ADMITTED against Pod Security Admission (k8s.io/pod-security-admission)', () => {
  test(`the corpus: ${CORPUS.length} pods at ${LEVELS.length} levels and ${VERSIONS.length} versions`, () => {
    const tally = compare(ALL_CASES);
    expect(tally.differences).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential, corpus: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    expect(tally.undecodable).toBe(LEVELS.length * VERSIONS.length);
    expect(tally.refused).toBeGreaterThan(ALL_CASES.length * 0.3);
    expect(tally.admitted).toBeGreaterThan(ALL_CASES.length * 0.1);
  });

  test(`TaskRuns: ${TASK_RUNS.length} runs as the rule reads them, against the pods Tekton makes of them`, () => {
    const tally = compare(TASK_RUN_CASES);
    expect(tally.differences).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential, TaskRuns: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    expect(tally.refused).toBeGreaterThan(TASK_RUN_CASES.length * 0.3);
    expect(tally.admitted).toBeGreaterThan(TASK_RUN_CASES.length * 0.1);
  });

  test('generated pods', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261204);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 5000);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential: ${numRuns} generated pods, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const tally = compare(fc.sample(generatedCase, { seed, numRuns }));
    expect(tally.differences.slice(0, 20)).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential, generated: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    expect(tally.compared).toBe(numRuns);
    expect(tally.refused).toBeGreaterThan(numRuns * 0.5);
    expect(tally.admitted).toBeGreaterThan(numRuns * 0.03);
  });
});
