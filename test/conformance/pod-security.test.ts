/**
 * POD_SECURITY_ADMITTED's reading of the Pod Security Standards (src/private/pod-security-standards.ts,
 * through the rule as it judges a Pod in a Namespace that enforces a level) against Kubernetes' own
 * checks (conformance/cmd/psa-eval: k8s.io/pod-security-admission v0.35.7). For every pod, level and
 * version: the rule refuses the pod exactly when Pod Security Admission does, and its findings name
 * the checks that refuse it (each finding's field mapped to the check ID that reads it). A fixed
 * corpus of edge cases at every level and many versions, TaskRuns (judged by the rule as TaskRuns,
 * by Pod Security as the pods Tekton makes of them: steps with the stepTemplate merged, sidecars,
 * Tekton's own init containers, the pod template), sets of Tekton objects checked together
 * (PipelineRuns of an embedded pipelineSpec or of a Pipeline, Tasks they or a TaskRun refer to,
 * StepActions, feature-flags and config-defaults: judged by the rule as those objects, by Pod
 * Security as every pod Tekton v1.15 makes of the run, its affinity assistant's included, written
 * here from Tekton's source without the rule's code), then generated runs and generated pods (fast-check, seed printed; PROPERTY_SEED
 * and PROPERTY_RUNS choose others, a tenth as many runs as pods).
 *
 * Versions: a version up to v1.28 is read as itself. "latest", a version after v1.28 and a version
 * that does not parse are read as v1.28 (LATEST_READ_AS_MINOR): there the rule must refuse what
 * v1.28 refuses together with what the checks added since refuse (DELIBERATE lists the later
 * relaxations it does not count on), and never admit what the label's own version refuses.
 */
import * as fs from 'fs';
import * as path from 'path';
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
    // a Pod's spec, a task spec (spec.taskSpec.volumes, spec.pipelineSpec.tasks[0].taskSpec.volumes), a run's pod
    // template (podTemplate.hostNetwork, taskRunTemplate.podTemplate, taskPodTemplate) or config-defaults' default one
    [/^((spec|podTemplate)|.*(PodTemplate|podTemplate|pod-template'\]))\.host(Network|PID|IPC)$/, 'hostNamespaces'],
    [/^((spec|podTemplate)|.*(taskSpec|PodTemplate|podTemplate|pod-template'\]))\.volumes\[.*\]\.hostPath$/, restricted ? 'restrictedVolumes' : 'hostPathVolumes'],
    [/^((spec|podTemplate)|.*(taskSpec|PodTemplate|podTemplate|pod-template'\]))\.volumes\[/, 'restrictedVolumes'],
    [/^((spec|podTemplate)|.*(PodTemplate|podTemplate|pod-template'\]))\.securityContext\.sysctls$/, 'sysctls'],
    [/(^|\.)(metadata\.)?annotations\['container\.apparmor\.security\.beta\.kubernetes\.io\//, 'appArmorProfile'],
    [/(^|\.)(metadata\.)?annotations\['(container\.)?seccomp\.security\.alpha\.kubernetes\.io\//, 'seccompProfile_baseline'],
    // Tekton's own containers: without set-security-context, or with the Windows securityContext (TEKTON_TOKENS)
    [/^feature-flags\.data\['set-security-context'\]$/, 'tekton:setSecurityContext'],
    [/nodeSelector\['kubernetes\.io\/os'\]$|^script$/, 'tekton:windows'],
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
  /**
   * The objects the rule judges together when there are several (a PipelineRun with its Pipeline, Tasks, StepActions,
   * Tekton's ConfigMaps), and the pods Tekton makes of them (`pod` is the first): refused when one of them is.
   */
  readonly manifests?: readonly any[];
  readonly pods?: ReadonlyArray<{ readonly metadata?: any; readonly spec: any }>;
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
    // the rule's limits: with set-security-context not "true", every Task and run in a restricted namespace is a finding
    reason: 'set-security-context not "true" is a finding in a restricted namespace at every version, also where the version\'s checks or the pod template admit Tekton\'s bare containers',
    applies: (_c, id) => id === 'tekton:setSecurityContext',
  },
  {
    // the rule's limits: a run whose pods Tekton makes for Windows in a restricted namespace is a finding
    reason: 'a pod Tekton makes for Windows is a finding in a restricted namespace at every version, also where the version\'s checks or the pod template admit the Windows securityContext',
    applies: (_c, id) => id === 'tekton:windows',
  },
  {
    // the rule's description: what a StepAction has on its own is reported on the StepAction, which any Task may run
    reason: 'a StepAction checked together is judged on its own too: what it leaves to the stepTemplate of the Task that runs it is a finding on it',
    applies: (c, id) => (c.manifests ?? []).some((m) => m.kind === 'StepAction')
      && !ruleChecks({ ...c, manifests: c.manifests?.filter((m) => m.kind !== 'StepAction') }, c.manifests).includes(id),
  },
  {
    // the rule's limits: the default pod template's securityContext and volumes are judged on a Task or Pipeline whatever
    // its runs set (and on a PipelineRun whose per-task templates replace its securityContext)
    reason: "config-defaults' default pod template is judged on a Task or Pipeline whatever its runs set, and on a PipelineRun where per-task templates replace it",
    applies: (c, id) => c.manifests !== undefined && !ruleChecks(c, undefined, (p) => !p.startsWith('config-defaults.')).includes(id),
  },
  {
    // the rule's limits: a run-wide pod template's securityContext and volumes are judged even where taskRunSpecs templates replace them
    reason: "a PipelineRun's run-wide pod template's securityContext and volumes are judged even where the taskRunSpecs templates replace them",
    applies: (c, id) => (c.manifests ?? []).some((m) => m.kind === 'PipelineRun' && (m.spec.taskRunSpecs ?? []).length > 0)
      && !ruleChecks(c, undefined, (p) => !/^(taskRunTemplate\.)?podTemplate\.(securityContext|volumes)/.test(p)).includes(id),
  },
  {
    // the rule's limits: an annotation of a Task, Pipeline or embedded taskSpec metadata is judged where the run replaces it
    reason: 'an annotation of a Task, a Pipeline or an embedded taskSpec\'s metadata is judged even where the run or its taskRunSpecs metadata sets the same key',
    applies: (c, id) => c.manifests !== undefined && ['appArmorProfile', 'seccompProfile_baseline'].includes(id) && !ruleChecks(c, undefined, (p, value) => {
      const key = /annotations\['(.*)'\]$/.exec(p)?.[1];
      return key === undefined || (c.pods ?? [c.pod]).some((p1) => p1.metadata?.annotations?.[key] === value);
    }).includes(id),
  },
  {
    // the rule's limits: a seccomp annotation of a Tekton object is judged whatever container it names
    reason: 'a seccomp annotation of a Tekton object is judged whatever container it names',
    applies: (c, id) => c.manifests !== undefined && id === 'seccompProfile_baseline' && !ruleChecks(c, undefined, (p) => {
      const named = /annotations\['container\.seccomp\.security\.alpha\.kubernetes\.io\/(.*)'\]$/.exec(p)?.[1];
      return named === undefined
        || (c.pods ?? [c.pod]).some((p1) => [...(p1.spec.initContainers ?? []), ...(p1.spec.containers ?? [])].some((x: any) => x.name === named));
    }).includes(id),
  },
  {
    // the API server refuses a volume with two sources (validation.go validateVolumeSource), before admission
    reason: 'a volume with more than one source, which the API server refuses: the rule judges each source',
    applies: (c, id) => ['restrictedVolumes', 'hostPathVolumes'].includes(id)
      && (c.pods ?? [c.pod]).some((p) => (p.spec?.volumes ?? []).some((v: any) => Object.keys(v ?? {}).filter((k) => k !== 'name' && v[k] !== null).length > 1)),
  },
];

/**
 * Checks Pod Security Admission names that the rule may leave out, because another of its findings
 * refuses the same field: with hostNetwork the API server defaults every port's hostPort to its
 * containerPort (SetDefaults_Pod), so hostPorts refuses what hostNamespaces already does.
 */
const IMPLIED: Array<{ readonly id: string; readonly by: string; readonly applies: (c: Case) => boolean }> = [
  { id: 'hostPorts', by: 'hostNamespaces', applies: (c) => (c.pods ?? [c.pod]).some((p) => p.spec?.hostNetwork === true) },
];

/**
 * The containers Tekton adds to a pod (pod.go, script.go, workingdir_init.go), which no step or sidecar is named as, and
 * the container of the affinity assistant's pod (affinity_assistant.go).
 */
const TEKTON_CONTAINERS = ['prepare', 'place-scripts', 'working-dir-initializer', 'sidecar-tekton-log-results', 'affinity-assistant'];

/** The container names an oracle detail quotes before what they must do (`containers "prepare", "step-a" must ...`). */
const quotedNames = (detail: string | undefined) => [...(detail ?? '').split(' must ')[0].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const onlyTektons = (detail: string | undefined) => {
  const names = quotedNames(detail);
  return names.length > 0 && names.every((n) => TEKTON_CONTAINERS.includes(n));
};
const namesTektons = (detail: string | undefined) => quotedNames(detail).some((n) => TEKTON_CONTAINERS.includes(n));

/**
 * The rule's findings on what Tekton gives its own containers, each standing for the checks that then refuse them (and
 * only them: a check that also names a step or sidecar must be named by the rule itself): `set-security-context` not
 * "true" (no securityContext at all), and a pod Tekton makes for Windows (WindowsSecurityContext: runAsNonRoot only).
 */
const TEKTON_TOKENS: Record<string, { readonly ids: readonly string[] }> = {
  'tekton:setSecurityContext': { ids: ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted'] },
  'tekton:windows': { ids: ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted'] },
};

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

/**
 * The checks the rule says refuse the pod (by the fields its findings name), sorted; `manifests`: what makes the pod (a Pod
 * of c.pod by default), each judged with `together` (by default the same objects).
 */
function ruleChecks(c: Case, together?: readonly any[], counted: (property: string, value?: string) => boolean = () => true): string[] {
  const manifests = c.manifests ?? [c.manifest ?? { apiVersion: 'v1', kind: 'Pod', metadata: { ...c.pod.metadata, name: 'p', namespace: 'ci' }, spec: c.pod.spec }];
  const context = ruleContext([namespace(c.level, c.version), ...(together ?? manifests)]);
  const findings = manifests.flatMap((m) => POD_SECURITY_ADMITTED.check(m, context));
  for (const f of findings) {
    if (f.rule !== RuleId.POD_SECURITY_ADMITTED) throw new Error(`unexpected finding ${JSON.stringify(f)}`);
  }
  return [...new Set(findings.filter((f) => counted(f.property ?? '', f.value)).map((f) => checkOf(f.property ?? '', levelOf(c.level), ruleMinor(c.version))))].sort();
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
  const podsOf = (c: Case) => c.pods ?? [c.pod];
  for (const c of cases) {
    for (const p of podsOf(c)) {
      requests.push({ level: c.level, version: c.version, pod: p });
      // read as v1.28 by the rule: also what v1.28 says
      requests.push({ level: c.level, version: `v1.${ruleMinor(c.version)}`, pod: p });
    }
  }
  const verdicts = psaEval(requests);
  const tally: Tally = { compared: 0, refused: 0, admitted: 0, undecodable: 0, deliberate: {}, differences: [] };
  let next = 0;
  cases.forEach((c) => {
    const mine = podsOf(c).map(() => {
      next += 2;
      return [verdicts[next - 2], verdicts[next - 1]];
    });
    // the pods of one case as one verdict: refused when one of them is, by every check that refuses one
    const joined = (vs: PsaVerdict[]): PsaVerdict => {
      const bad = vs.find((v) => v.error !== undefined);
      if (bad !== undefined) return bad;
      const ok = vs as Array<Extract<PsaVerdict, { allowed: boolean }>>;
      return { allowed: ok.every((v) => v.allowed), level: ok[0].level, version: ok[0].version, forbidden: ok.flatMap((v) => v.forbidden) };
    };
    const own = joined(mine.map((m) => m[0]));
    const read = joined(mine.map((m) => m[1]));
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
    const what = `${c.name} (${c.level} ${c.version}): ${JSON.stringify(c.manifests ?? c.pod)}`;
    // never looser: what the label's own version refuses, the rule refuses
    if (!own.allowed && rule.length === 0) {
      tally.differences.push(`${what}: Pod Security Admission refuses it (${JSON.stringify(own.error === undefined ? own.forbidden : own)}), the rule admits it`);
      return;
    }
    const details = (id: string) => [own, read].flatMap((v) => (v.error === undefined ? v.forbidden : [])).filter((f) => f.id === id);
    const implied = (id: string) => IMPLIED.some((x) => x.id === id && rule.includes(x.by) && x.applies(c))
      || Object.entries(TEKTON_TOKENS)
        .some(([token, t]) => rule.includes(token) && t.ids.includes(id) && details(id).every((f) => onlyTektons(f.detail)));
    const missing = [...expected].filter((id) => !rule.includes(id) && !implied(id));
    if (missing.length > 0) {
      const detail = [...(own.error === undefined ? own.forbidden : []), ...(read.error === undefined ? read.forbidden : [])]
        .filter((f) => missing.includes(f.id));
      tally.differences.push(`${what}: the rule does not name ${missing.join(', ')} (${JSON.stringify(detail)}); it names [${rule.join(', ')}]`);
      return;
    }
    // a token stands for the checks that refuse Tekton's own containers: explained when one of them does
    const extra = rule.filter((id) => !expected.has(id) && !(own.error === undefined && own.forbidden.some((f) => f.id === id))
      && !(TEKTON_TOKENS[id] !== undefined && TEKTON_TOKENS[id].ids.some((t) => expected.has(t) && details(t).some((f) => namesTektons(f.detail)))));
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
 * where Go leaves out null and empty lists, and an empty string in an `omitempty` field (an SELinux
 * option's) but writes a profile's `type` always ("" when unset), then a strategic merge patch of the
 * step on the template, which merges objects and replaces lists).
 */
function mergeStep(template: any, step: any, field = ''): any {
  if (template === undefined) return step;
  const out: any = { ...template };
  for (const [k, v] of Object.entries(step ?? {})) {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (v === '' && field === 'seLinuxOptions')) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) && out[k] !== null && typeof out[k] === 'object' && !Array.isArray(out[k]) ? mergeStep(out[k], v, k) : v;
  }
  if ((field === 'seccompProfile' || field === 'appArmorProfile') && (step?.type === undefined || step?.type === null)) out.type = '';
  return out;
}

/** The securityContext Tekton v1.15 gives the containers it adds to a Linux pod with set-security-context: true (security_context_config.go). */
const TEKTON_INIT_SECURITY = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/** The configuration a Tekton installation runs pods with (feature-flags and config-defaults). */
interface TektonConfig {
  /** feature-flags' set-security-context (undefined: no feature-flags checked, the rule assumes it on; Tekton's pod has it on). */
  readonly setSecurityContext?: string;
  /** feature-flags' set-security-context-read-only-root-filesystem. */
  readonly readOnlyRootFilesystem?: string;
  /** config-defaults' default-pod-template, decoded. */
  readonly defaultPodTemplate?: any;
  /** feature-flags' results-from (`sidecar-logs`: a results sidecar in the pods of tasks with results). */
  readonly resultsFrom?: string;
  /** feature-flags' coschedule (undefined: Tekton's default, "workspaces"). */
  readonly coschedule?: string;
  /** config-defaults' default-affinity-assistant-pod-template, decoded. */
  readonly defaultAAPodTemplate?: any;
}

/** The ConfigMaps that say `config` (checked with the runs). */
function configMaps(config: TektonConfig): any[] {
  const meta = (name: string) => ({ name, namespace: 'tekton-pipelines' });
  const flags = Object.fromEntries(Object.entries({
    'set-security-context': config.setSecurityContext,
    'set-security-context-read-only-root-filesystem': config.readOnlyRootFilesystem,
    'results-from': config.resultsFrom,
    'coschedule': config.coschedule,
  }).filter(([, v]) => v !== undefined));
  const defaults = Object.fromEntries(Object.entries({
    'default-pod-template': config.defaultPodTemplate,
    'default-affinity-assistant-pod-template': config.defaultAAPodTemplate,
  }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON.stringify(v)]));
  return [
    ...(Object.keys(flags).length > 0 ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('feature-flags'), data: flags }] : []),
    ...(Object.keys(defaults).length > 0 ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('config-defaults'), data: defaults }] : []),
  ];
}

/** Go's strconv.ParseBool, true only. */
const goTrue = (v: string | undefined) => v !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);

/** A Go pointer or map or slice field left nil (absent or null). */
const nil = (v: unknown) => v === undefined || v === null;

/**
 * MergePodTemplateWithDefault (pkg/apis/pipeline/pod/template.go), as far as Pod Security reads the pod: each field `tpl`
 * leaves nil is the default's, volumes merged by name (the template's first), hostNetwork true when either says so.
 */
function mergePodTemplate(tpl: any, def: any): any {
  if (nil(def)) return tpl;
  if (nil(tpl)) return def;
  const out: any = { ...tpl };
  for (const k of ['nodeSelector', 'securityContext', 'hostUsers']) if (nil(out[k])) out[k] = def[k];
  if (out.hostNetwork !== true && def.hostNetwork === true) out.hostNetwork = true;
  const named = (vs: any) => (Array.isArray(vs) ? vs : []).filter((v: any) => typeof v?.name === 'string' && v.name !== '');
  if (named(tpl.volumes).length > 0) {
    const own = named(tpl.volumes);
    out.volumes = [...own, ...named(def.volumes).filter((v: any) => !own.some((o: any) => o.name === v.name))];
  } else {
    out.volumes = def.volumes;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * A step that runs a StepAction, as Tekton resolves it (taskspec.go `resolveStepRef`): the StepAction's image and
 * securityContext in place of the step's (even when it has none), its command, args, script, env, volumeMounts when it
 * sets them, its workingDir.
 */
function resolveStep(step: any, objects: readonly any[]): any {
  if (step?.ref === undefined) return step;
  const action = objects.find((o) => o.kind === 'StepAction' && o.metadata?.name === step.ref.name)?.spec;
  if (action === undefined) throw new Error(`no StepAction ${step.ref.name}`);
  const { ref, params, ...rest } = step;
  const out: any = { ...rest, image: action.image, securityContext: action.securityContext, workingDir: action.workingDir };
  for (const k of ['command', 'args', 'env', 'volumeMounts']) if (Array.isArray(action[k]) && action[k].length > 0) out[k] = action[k];
  if (typeof action.script === 'string' && action.script !== '') out.script = action.script;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * The pod Tekton makes of a TaskRun (pod.go `Build`), as far as Pod Security reads it: the TaskRun's annotations (with a
 * Task's under them, TaskRun first); the init containers it adds (`prepare`; `place-scripts` for steps or sidecars with a
 * script, Windows when one starts with `#!win`; `working-dir-initializer` for a relative workingDir or one under
 * /workspace/), with a securityContext only with set-security-context (the Windows one on a pod whose pod template selects
 * `kubernetes.io/os: windows`); `step-<name>` per step (a StepAction's resolved, the stepTemplate merged under it) and
 * `sidecar-<name>` per sidecar; from the pod template (merged over config-defaults' default-pod-template, as the
 * defaulting webhook does) the securityContext, hostNetwork, hostUsers, nodeSelector and volumes, after the task spec's
 * volumes and Tekton's own emptyDirs. A pod template's hostPID and hostIPC are no field of Tekton's and reach no pod.
 */
function tektonPod(run: any, objects: readonly any[] = [], config: TektonConfig = {}): { metadata?: any; spec: any } {
  const task = run.spec.taskRef !== undefined ? objects.find((o) => o.kind === 'Task' && o.metadata?.name === run.spec.taskRef.name) : undefined;
  const spec = task?.spec ?? run.spec.taskSpec;
  const template = mergePodTemplate(run.spec.podTemplate, config.defaultPodTemplate) ?? {};
  const steps = (spec.steps ?? []).map((s: any) => mergeStep(spec.stepTemplate, resolveStep(s, objects)));
  const onWindowsNodes = template.nodeSelector?.['kubernetes.io/os'] === 'windows';
  const flagOn = config.setSecurityContext === undefined || goTrue(config.setSecurityContext);
  const security = (onWindows: boolean) => (!flagOn ? {} : {
    securityContext: onWindows
      ? { runAsNonRoot: true }
      : { ...TEKTON_INIT_SECURITY, ...(goTrue(config.readOnlyRootFilesystem) ? { readOnlyRootFilesystem: true } : {}) },
  });
  // with results-from: sidecar-logs, a task with results gets Tekton's results sidecar (pod.go createResultsSidecar)
  const resultsSidecar = config.resultsFrom === 'sidecar-logs' && Array.isArray(spec.results)
    ? [{ name: 'tekton-log-results', image: 'x', ...security(onWindowsNodes) }] : [];
  const sidecars = [...(spec.sidecars ?? []), ...resultsSidecar];
  const scripts = [...steps, ...sidecars].filter((s: any) => typeof s.script === 'string' && s.script !== '');
  const winScripts = [...steps, ...sidecars].some((s: any) => typeof s.script === 'string' && s.script.trim().startsWith('#!win'));
  const relativeDir = steps.some((s: any) => {
    const wd = typeof s.workingDir === 'string' ? path.posix.normalize(s.workingDir) : '';
    return wd !== '' && (!wd.startsWith('/') || wd.startsWith('/workspace/'));
  });
  const named = (prefix: string, c: any) => {
    const { name, script, ref, params, ...rest } = c;
    return { ...rest, name: `${prefix}-${name}`, image: c.image ?? 'x' };
  };
  const annotations = { ...task?.metadata?.annotations, ...run.metadata.annotations };
  return {
    ...(Object.keys(annotations).length > 0 ? { metadata: { annotations } } : {}),
    spec: {
      ...(template.securityContext !== undefined ? { securityContext: template.securityContext } : {}),
      ...(template.hostNetwork === true ? { hostNetwork: true } : {}),
      ...(template.hostUsers !== undefined ? { hostUsers: template.hostUsers } : {}),
      ...(template.nodeSelector !== undefined ? { nodeSelector: template.nodeSelector } : {}),
      initContainers: [
        { name: 'prepare', image: 'x', ...security(onWindowsNodes) },
        ...(scripts.length > 0 ? [{ name: 'place-scripts', image: 'x', ...security(winScripts) }] : []),
        ...(relativeDir ? [{ name: 'working-dir-initializer', image: 'x', ...security(onWindowsNodes) }] : []),
      ],
      containers: [...steps.map((s: any) => named('step', s)), ...sidecars.map((s: any) => named('sidecar', s))],
      volumes: [
        { name: 'tekton-internal-tools', emptyDir: {} },
        { name: 'tekton-internal-downward', downwardAPI: { items: [] } },
        ...(spec.volumes ?? []),
        ...(template.volumes ?? []),
      ],
    },
  };
}

/** Keys of `added` not yet in `to` (pipelinerun.go `addMetadataByPrecedence`). */
function addByPrecedence(to: Record<string, string>, added: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(added ?? {})) if (!(k in to)) to[k] = v;
}

/**
 * The TaskRuns a PipelineRun makes, one per pipeline task and finally task (pkg/reconciler/pipelinerun): of its own
 * pipelineSpec or of the Pipeline its pipelineRef names (whose annotations the run takes under its own); each TaskRun with
 * the task's taskSpec (or its taskRef), the pod template of `GetTaskRunSpec` (the task's taskRunSpecs podTemplate merged
 * over the run-wide one, itself merged over config-defaults' default by the defaulting webhook), the stepSpecs,
 * sidecarSpecs and computeResources of the task's taskRunSpecs, and the annotations of
 * `combineTaskRunAndTaskSpecAnnotations` (the taskRunSpecs metadata's, the run's, the embedded taskSpec metadata's).
 */
function pipelineTaskRuns(run: any, objects: readonly any[], config: TektonConfig): any[] {
  const pipeline = run.spec.pipelineSpec === undefined ? objects.find((o) => o.kind === 'Pipeline' && o.metadata?.name === run.spec.pipelineRef?.name) : undefined;
  const spec = run.spec.pipelineSpec ?? pipeline?.spec;
  if (spec === undefined) throw new Error('no pipeline');
  const v1beta1 = run.apiVersion === 'tekton.dev/v1beta1';
  const runWide = mergePodTemplate(v1beta1 ? run.spec.podTemplate : run.spec.taskRunTemplate?.podTemplate, config.defaultPodTemplate);
  const runAnnotations = { ...pipeline?.metadata?.annotations, ...run.metadata?.annotations };
  return [...(spec.tasks ?? []), ...(spec.finally ?? [])].map((t: any) => {
    let template = runWide;
    let perTask: any = {};
    for (const s of run.spec.taskRunSpecs ?? []) {
      if (s.pipelineTaskName !== t.name) continue;
      template = mergePodTemplate(v1beta1 ? s.taskPodTemplate : s.podTemplate, template);
      perTask = s;
    }
    const annotations: Record<string, string> = {};
    addByPrecedence(annotations, perTask.metadata?.annotations);
    addByPrecedence(annotations, runAnnotations);
    if (t.taskSpec !== undefined) addByPrecedence(annotations, t.taskSpec.metadata?.annotations);
    const taskSpec = t.taskSpec === undefined ? undefined : Object.fromEntries(Object.entries(t.taskSpec).filter(([k]) => !['metadata', 'apiVersion', 'kind', 'spec'].includes(k)));
    return {
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: `${run.metadata.name}-${t.name}`, namespace: 'ci', annotations },
      spec: {
        ...(taskSpec !== undefined ? { taskSpec } : { taskRef: t.taskRef }),
        ...(template !== undefined ? { podTemplate: template } : {}),
        ...(perTask.stepSpecs !== undefined ? { stepSpecs: perTask.stepSpecs } : {}),
        ...(perTask.sidecarSpecs !== undefined ? { sidecarSpecs: perTask.sidecarSpecs } : {}),
        ...(perTask.computeResources !== undefined ? { computeResources: perTask.computeResources } : {}),
      },
    };
  });
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

// ---- PipelineRuns, StepActions and Tekton's configuration ----

/** Objects checked together: a run (TaskRun or PipelineRun), what it refers to, and Tekton's configuration. */
interface TektonSet {
  readonly run: any;
  readonly objects?: readonly any[];
  readonly config?: TektonConfig;
}

/** The pods Tekton makes of a set's run. */
function tektonPods(set: TektonSet): Array<{ metadata?: any; spec: any }> {
  const objects = set.objects ?? [];
  const config = set.config ?? {};
  const runs = set.run.kind === 'PipelineRun' ? pipelineTaskRuns(set.run, objects, config) : [set.run];
  return [...runs.map((r) => tektonPod(r, objects, config)), ...(set.run.kind === 'PipelineRun' ? affinityAssistantPods(set.run, config) : [])];
}

/** Go's strconv.ParseBool, any value it reads. */
const goBool = (v: string) => ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v);

/**
 * The affinity assistant pods Tekton v1.15 makes for a PipelineRun (pkg/reconciler/pipelinerun/affinity_assistant.go
 * `createOrUpdateAffinityAssistantsAndPVCs`, `affinityAssistantStatefulSet`), as far as Pod Security reads them: under
 * coschedule "workspaces" (the default, also when Tekton cannot read the feature-flags) one per workspace the run binds
 * to a persistentVolumeClaim or a volumeClaimTemplate, under "pipelineruns" and "isolate-pipelinerun" (lower-cased:
 * setCoschedule) one per run, under "disabled" none. The pod template is the run-wide one (merged over config-defaults'
 * default-pod-template by the defaulting webhook) as an AffinityAssistantTemplate (ToAffinityAssistantTemplate) merged
 * over config-defaults' default-affinity-assistant-pod-template (MergeAAPodTemplateWithDefault): its securityContext and
 * nodeSelector are the pod's; the one container gets `securityContext: {}`, or with set-security-context the Linux
 * securityContext, the Windows one when the nodeSelector selects Windows (GetSecurityContext); the claims are mounted.
 */
function affinityAssistantPods(run: any, config: TektonConfig): Array<{ metadata?: any; spec: any }> {
  const readable = [config.setSecurityContext, config.readOnlyRootFilesystem].every((v) => v === undefined || goBool(v));
  const coschedule = readable && config.coschedule !== undefined ? config.coschedule.toLowerCase() : 'workspaces';
  const claims = (run.spec.workspaces ?? []).filter((w: any) => !nil(w?.persistentVolumeClaim) || !nil(w?.volumeClaimTemplate));
  const perRun = coschedule === 'pipelineruns' || coschedule === 'isolate-pipelinerun';
  if (coschedule === 'disabled' || (!perRun && claims.length === 0)) return [];
  const v1beta1 = run.apiVersion === 'tekton.dev/v1beta1';
  const runWide = mergePodTemplate(v1beta1 ? run.spec.podTemplate : run.spec.taskRunTemplate?.podTemplate, config.defaultPodTemplate);
  const fields = ['nodeSelector', 'tolerations', 'imagePullSecrets', 'securityContext', 'priorityClassName'];
  const own = nil(runWide) ? undefined : Object.fromEntries(fields.map((k) => [k, runWide[k]]));
  const def = config.defaultAAPodTemplate;
  let tpl: any = own;
  if (nil(own)) tpl = def;
  else if (!nil(def)) tpl = Object.fromEntries([...fields, 'serviceAccountName'].map((k) => [k, nil(own[k]) ? def[k] : own[k]]));
  tpl = tpl ?? {};
  const flagOn = config.setSecurityContext === undefined || goTrue(config.setSecurityContext);
  const securityContext = !flagOn ? {} : tpl.nodeSelector?.['kubernetes.io/os'] === 'windows'
    ? { runAsNonRoot: true }
    : { ...TEKTON_INIT_SECURITY, ...(goTrue(config.readOnlyRootFilesystem) ? { readOnlyRootFilesystem: true } : {}) };
  const assistant = (claimNames: string[]) => ({
    spec: {
      containers: [{ name: 'affinity-assistant', image: 'x', args: ['tekton_run_indefinitely'], securityContext }],
      ...(!nil(tpl.securityContext) ? { securityContext: tpl.securityContext } : {}),
      ...(!nil(tpl.nodeSelector) ? { nodeSelector: tpl.nodeSelector } : {}),
      volumes: claimNames.map((claimName, i) => ({ name: `workspace-${i}`, persistentVolumeClaim: { claimName } })),
    },
  });
  const claimName = (w: any) => w.persistentVolumeClaim?.claimName ?? `pvc-${w.name}`;
  if (perRun) return [assistant(claims.filter((w: any) => !nil(w.persistentVolumeClaim)).map(claimName))];
  return claims.map((w: any) => assistant([claimName(w)]));
}

const tekton = (kind: string, name: string, spec: any, annotations?: Record<string, string>, apiVersion = 'tekton.dev/v1') =>
  ({ apiVersion, kind, metadata: { name, namespace: 'ci', ...(annotations ? { annotations } : {}) }, spec });

/** A PipelineRun `pr` of an embedded pipelineSpec, or of Pipeline `p` when `pipeline` is a string; `more` on top of its spec. */
const pipelineRun = (pipeline: any, more: Record<string, any> = {}, annotations?: Record<string, string>, apiVersion = 'tekton.dev/v1') =>
  tekton('PipelineRun', 'pr', { ...(typeof pipeline === 'string' ? { pipelineRef: { name: pipeline } } : { pipelineSpec: pipeline }), ...more }, annotations, apiVersion);

const embedded = (name: string, steps: any[], more: Record<string, any> = {}) => ({ name, taskSpec: { steps, ...more } });
const restrictedStep = (name: string, more: Record<string, any> = {}) => stepOf(name, RESTRICTED_STEP, more);
const runWide = (podTemplate: any) => ({ taskRunTemplate: { podTemplate } });
const perTask = (...specs: any[]) => ({ taskRunSpecs: specs });
const WINDOWS = { nodeSelector: { 'kubernetes.io/os': 'windows' } };
const LINUX = { nodeSelector: { 'kubernetes.io/os': 'linux' } };
const UNCONFINED_APPARMOR = (containerName: string) => ({ [`container.apparmor.security.beta.kubernetes.io/${containerName}`]: 'unconfined' });
const BARE_STEP_POD = { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } };
const PARTIAL_STEP = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const CLAIM = { workspaces: [{ name: 'w', persistentVolumeClaim: { claimName: 'c' } }] };

/** Two restricted tasks and a finally task. */
const TWO_TASKS = { tasks: [embedded('a', [restrictedStep('s')]), embedded('b', [restrictedStep('s')])], finally: [embedded('f', [restrictedStep('s')])] };
const taskRestricted = tekton('Task', 't', { steps: [restrictedStep('s')] });
const taskPartial = tekton('Task', 't', { steps: [stepOf('s', PARTIAL_STEP)] });
const pipelineOfT = (annotations?: Record<string, string>) => tekton('Pipeline', 'p', { tasks: [{ name: 'a', taskRef: { name: 't' } }], finally: [{ name: 'f', taskRef: { name: 't' } }] }, annotations);
const stepAction = (name: string, spec: Record<string, any>) => tekton('StepAction', name, { image: 'x', ...spec }, undefined, 'tekton.dev/v1beta1');

/** Runs checked with what they refer to and Tekton's configuration, each judged by the rule as those objects and by Pod Security as the pods Tekton makes. */
const TEKTON_SETS: Array<[string, TektonSet]> = [
  // PipelineRuns of an embedded pipelineSpec
  ['pipelineSpec, restricted tasks and finally', { run: pipelineRun(TWO_TASKS) }],
  ['pipelineSpec, a privileged finally task', { run: pipelineRun({ ...TWO_TASKS, finally: [embedded('f', [stepOf('s', { ...RESTRICTED_STEP, privileged: true })])] }) }],
  ['pipelineSpec, steps leave the pod fields to the run-wide template', { run: pipelineRun({ tasks: [embedded('a', [stepOf('s', PARTIAL_STEP)])] }, runWide(BARE_STEP_POD)) }],
  ['pipelineSpec, steps leave the pod fields and no template sets them', { run: pipelineRun({ tasks: [embedded('a', [stepOf('s', PARTIAL_STEP)])] }) }],
  ['per-task template without securityContext keeps the run-wide one', {
    run: pipelineRun({ tasks: [embedded('a', [stepOf('s', PARTIAL_STEP)])] }, { ...runWide(BARE_STEP_POD), ...perTask({ pipelineTaskName: 'a', podTemplate: { nodeSelector: { pool: 'x' } } }) }),
  }],
  ['per-task securityContext replaces the run-wide one', {
    run: pipelineRun({ tasks: [embedded('a', [stepOf('s', PARTIAL_STEP)]), embedded('b', [stepOf('s', PARTIAL_STEP)])] },
      { ...runWide(BARE_STEP_POD), ...perTask({ pipelineTaskName: 'a', podTemplate: { securityContext: { runAsUser: 1000 } } }) }),
  }],
  ['per-task runAsNonRoot false on one task', {
    run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'b', podTemplate: { securityContext: { runAsNonRoot: false } } })),
  }],
  ['per-task hostNetwork', { run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'a', podTemplate: { hostNetwork: true } })) }],
  ['run-wide hostNetwork, per-task hostNetwork false (merged: still on)', {
    run: pipelineRun(TWO_TASKS, { ...runWide({ hostNetwork: true }), ...perTask({ pipelineTaskName: 'a', podTemplate: { hostNetwork: false } }) }),
  }],
  ['per-task hostPath volume', { run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'f', podTemplate: { volumes: [{ name: 'v', hostPath: { path: '/' } }] } })) }],
  ['run-wide nfs volume, per-task emptyDir of that name', {
    run: pipelineRun(TWO_TASKS, { ...runWide({ volumes: [{ name: 'v', nfs: { server: 's', path: '/' } }] }), ...perTask({ pipelineTaskName: 'a', podTemplate: { volumes: [{ name: 'v', emptyDir: {} }] } }) }),
  }],
  ['run-wide seccomp Unconfined', { run: pipelineRun(TWO_TASKS, runWide({ securityContext: { seccompProfile: { type: 'Unconfined' } } })) }],
  ['run-wide unsafe sysctl', { run: pipelineRun(TWO_TASKS, runWide({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } })) }],
  ['stepSpecs, sidecarSpecs and computeResources', {
    run: pipelineRun({ tasks: [embedded('a', [restrictedStep('s')], { sidecars: [restrictedStep('db')] })] }, perTask({
      pipelineTaskName: 'a',
      stepSpecs: [{ name: 's', computeResources: { limits: { memory: '1Gi' } } }],
      sidecarSpecs: [{ name: 'db', computeResources: { requests: { cpu: '1' } } }],
      computeResources: { limits: { cpu: '2' } },
    })),
  }],
  ['pipelineSpec, a task sidecar with a host port', { run: pipelineRun({ tasks: [embedded('a', [restrictedStep('s')], { sidecars: [restrictedStep('db', { ports: [{ containerPort: 1, hostPort: 1 }] })] })] }) }],
  ['pipelineSpec, a task hostPath volume', { run: pipelineRun({ tasks: [embedded('a', [restrictedStep('s')], { volumes: [{ name: 'v', hostPath: { path: '/' } }] })] }) }],
  ['pipelineSpec, stepTemplate restricted', { run: pipelineRun({ tasks: [embedded('a', [stepOf('s')], { stepTemplate: { securityContext: RESTRICTED_STEP } })] }) }],
  // v1beta1: the run-wide template is spec.podTemplate, a task's spec.taskRunSpecs[].taskPodTemplate
  ['v1beta1, run-wide podTemplate sets the pod fields', {
    run: pipelineRun({ tasks: [embedded('a', [stepOf('s', PARTIAL_STEP)])] }, { podTemplate: BARE_STEP_POD }, undefined, 'tekton.dev/v1beta1'),
  }],
  ['v1beta1, taskPodTemplate hostNetwork', {
    run: pipelineRun(TWO_TASKS, { taskRunSpecs: [{ pipelineTaskName: 'b', taskPodTemplate: { hostNetwork: true } }] }, undefined, 'tekton.dev/v1beta1'),
  }],
  // annotations: the PipelineRun's, the Pipeline's, a taskRunSpecs metadata's, an embedded taskSpec metadata's, a Task's
  ['PipelineRun annotated AppArmor unconfined', { run: pipelineRun(TWO_TASKS, {}, UNCONFINED_APPARMOR('step-s')) }],
  ['PipelineRun annotated seccomp unconfined', { run: pipelineRun(TWO_TASKS, {}, { 'container.seccomp.security.alpha.kubernetes.io/step-s': 'unconfined' }) }],
  ['taskRunSpecs metadata annotated AppArmor unconfined', {
    run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'a', metadata: { annotations: UNCONFINED_APPARMOR('step-s') } })),
  }],
  ['embedded taskSpec metadata annotated AppArmor unconfined', {
    run: pipelineRun({ tasks: [{ name: 'a', taskSpec: { metadata: { annotations: UNCONFINED_APPARMOR('step-s') }, steps: [restrictedStep('s')] } }] }),
  }],
  ['embedded taskSpec metadata annotated seccomp unconfined', {
    run: pipelineRun({ tasks: [{ name: 'a', taskSpec: { metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }, steps: [restrictedStep('s')] } }] }),
  }],
  ['Pipeline annotated AppArmor unconfined', { run: pipelineRun('p'), objects: [pipelineOfT(UNCONFINED_APPARMOR('step-s')), taskRestricted] }],
  ['Pipeline embedded taskSpec metadata annotated AppArmor unconfined', {
    run: pipelineRun('p'),
    objects: [tekton('Pipeline', 'p', { tasks: [{ name: 'a', taskSpec: { metadata: { annotations: UNCONFINED_APPARMOR('x') }, steps: [restrictedStep('s')] } }] })],
  }],
  ['Task annotated AppArmor unconfined', { run: pipelineRun('p'), objects: [pipelineOfT(), tekton('Task', 't', { steps: [restrictedStep('s')] }, UNCONFINED_APPARMOR('step-s'))] }],
  // pipelineRef and taskRef to objects checked together
  ['pipelineRef, restricted Task', { run: pipelineRun('p'), objects: [pipelineOfT(), taskRestricted] }],
  ['pipelineRef, Task leaves the pod fields, run sets them', { run: pipelineRun('p', runWide(BARE_STEP_POD)), objects: [pipelineOfT(), taskPartial] }],
  ['pipelineRef, Task leaves the pod fields, no run sets them', { run: pipelineRun('p'), objects: [pipelineOfT(), taskPartial] }],
  ['pipelineRef, Task leaves the pod fields, per-task template of the finally task sets them', {
    run: pipelineRun('p', perTask({ pipelineTaskName: 'f', podTemplate: BARE_STEP_POD })), objects: [pipelineOfT(), taskPartial],
  }],
  ['pipelineRef, Task runs as root', { run: pipelineRun('p'), objects: [pipelineOfT(), tekton('Task', 't', { steps: [restrictedStep('s', { securityContext: { ...RESTRICTED_STEP, runAsUser: 0 } })] })] }],
  ['pipelineRef, Pipeline embeds a privileged task', {
    run: pipelineRun('p'), objects: [tekton('Pipeline', 'p', { tasks: [embedded('a', [stepOf('s', { ...RESTRICTED_STEP, privileged: true })])] })],
  }],
  ['TaskRun of a local Task, run sets the pod fields', { run: tekton('TaskRun', 'r', { taskRef: { name: 't' }, podTemplate: BARE_STEP_POD }), objects: [taskPartial] }],
  ['TaskRun of a local Task with a hostPath volume', { run: tekton('TaskRun', 'r', { taskRef: { name: 't' } }), objects: [tekton('Task', 't', { steps: [restrictedStep('s')], volumes: [{ name: 'v', hostPath: { path: '/' } }] })] }],
  // StepActions
  ['step runs a restricted StepAction', { run: taskRun({ steps: [{ name: 's', ref: { name: 'sa' } }] }), objects: [stepAction('sa', { securityContext: RESTRICTED_STEP })] }],
  ['step runs a privileged StepAction', { run: taskRun({ steps: [{ name: 's', ref: { name: 'sa' } }] }), objects: [stepAction('sa', { securityContext: { ...RESTRICTED_STEP, privileged: true } })] }],
  ['step runs a StepAction without securityContext, stepTemplate restricted', {
    run: taskRun({ stepTemplate: { securityContext: RESTRICTED_STEP }, steps: [{ name: 's', ref: { name: 'sa' } }] }), objects: [stepAction('sa', { script: 'echo' })],
  }],
  ['step runs a StepAction without securityContext, nothing else sets it', { run: taskRun({ steps: [{ name: 's', ref: { name: 'sa' } }] }), objects: [stepAction('sa', {})] }],
  ['StepAction drops NET_RAW, stepTemplate drops ALL', {
    run: taskRun({ stepTemplate: { securityContext: RESTRICTED_STEP }, steps: [{ name: 's', ref: { name: 'sa' } }] }),
    objects: [stepAction('sa', { securityContext: { capabilities: { drop: ['NET_RAW'] } } })],
  }],
  ['StepAction runs as root in a PipelineRun', {
    run: pipelineRun({ tasks: [embedded('a', [{ name: 's', ref: { name: 'sa' } }])] }), objects: [stepAction('sa', { securityContext: { ...RESTRICTED_STEP, runAsUser: 0 } })],
  }],
  ['StepAction with a #!win script', { run: taskRun({ steps: [{ name: 's', ref: { name: 'sa' } }] }), objects: [stepAction('sa', { securityContext: RESTRICTED_STEP, script: '#!win pwsh\necho' })] }],
  // feature-flags
  ['set-security-context "false"', { run: taskRun({ steps: [restrictedStep('s')] }), config: { setSecurityContext: 'false' } }],
  ['set-security-context "true"', { run: taskRun({ steps: [restrictedStep('s', { script: 'echo' })] }), config: { setSecurityContext: 'true' } }],
  ['set-security-context "false", pod template sets runAsNonRoot and seccomp', {
    run: taskRun({ steps: [restrictedStep('s')] }, BARE_STEP_POD), config: { setSecurityContext: 'false' },
  }],
  ['set-security-context "false" on a PipelineRun', { run: pipelineRun(TWO_TASKS), config: { setSecurityContext: 'false' } }],
  ['set-security-context "true", read-only root filesystem', { run: pipelineRun(TWO_TASKS), config: { setSecurityContext: 'true', readOnlyRootFilesystem: 'true' } }],
  ['set-security-context "false", relative workingDir', { run: taskRun({ steps: [restrictedStep('s', { workingDir: 'src' })] }), config: { setSecurityContext: 'false' } }],
  ['relative workingDir', { run: taskRun({ steps: [restrictedStep('s', { workingDir: 'src' })] }) }],
  ['results-from sidecar-logs, a task with results', { run: taskRun({ steps: [restrictedStep('s')], results: [{ name: 'digest' }] }), config: { resultsFrom: 'sidecar-logs' } }],
  ['results-from sidecar-logs, set-security-context "false"', {
    run: taskRun({ steps: [restrictedStep('s')], results: [{ name: 'digest' }] }, BARE_STEP_POD), config: { resultsFrom: 'sidecar-logs', setSecurityContext: 'false' },
  }],
  ['results-from sidecar-logs on Windows nodes', { run: taskRun({ steps: [restrictedStep('s')], results: [{ name: 'digest' }] }, WINDOWS), config: { resultsFrom: 'sidecar-logs' } }],
  // config-defaults' default-pod-template
  ['default template hostNetwork', { run: taskRun({ steps: [restrictedStep('s')] }), config: { defaultPodTemplate: { hostNetwork: true } } }],
  ['default template hostNetwork, PipelineRun', { run: pipelineRun(TWO_TASKS), config: { defaultPodTemplate: { hostNetwork: true } } }],
  ['default template runAsNonRoot false', { run: taskRun({ steps: [restrictedStep('s')] }), config: { defaultPodTemplate: { securityContext: { runAsNonRoot: false } } } }],
  ['default template runAsNonRoot false, the run sets a securityContext', {
    run: taskRun({ steps: [restrictedStep('s')] }, { securityContext: { runAsUser: 1000 } }), config: { defaultPodTemplate: { securityContext: { runAsNonRoot: false } } },
  }],
  ['default template seccomp Unconfined, PipelineRun per-task securityContext', {
    run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'a', podTemplate: { securityContext: { runAsUser: 1000 } } })),
    config: { defaultPodTemplate: { securityContext: { seccompProfile: { type: 'Unconfined' } } } },
  }],
  ['default template sets the pod fields the steps leave', { run: taskRun({ steps: [stepOf('s', PARTIAL_STEP)] }), config: { defaultPodTemplate: BARE_STEP_POD } }],
  ['default template hostPath volume', { run: taskRun({ steps: [restrictedStep('s')] }), config: { defaultPodTemplate: { volumes: [{ name: 'v', hostPath: { path: '/' } }] } } }],
  ['default template hostPath volume, the run has a volume of that name', {
    run: taskRun({ steps: [restrictedStep('s')] }, { volumes: [{ name: 'v', emptyDir: {} }] }), config: { defaultPodTemplate: { volumes: [{ name: 'v', hostPath: { path: '/' } }] } },
  }],
  ['default template unsafe sysctl, Pipeline and Task', {
    run: pipelineRun('p'), objects: [pipelineOfT(), taskRestricted], config: { defaultPodTemplate: { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } } },
  }],
  // Windows: Tekton gives its containers the Windows securityContext on a pod whose template selects Windows nodes
  ['TaskRun on Windows nodes', { run: taskRun({ steps: [restrictedStep('s')] }, WINDOWS) }],
  ['TaskRun on Windows nodes, set-security-context "false"', { run: taskRun({ steps: [restrictedStep('s')] }, WINDOWS), config: { setSecurityContext: 'false' } }],
  ['PipelineRun run-wide Windows', { run: pipelineRun(TWO_TASKS, runWide(WINDOWS)) }],
  ['PipelineRun per-task Windows', { run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'b', podTemplate: WINDOWS })) }],
  ['PipelineRun run-wide Windows, every task Linux', {
    run: pipelineRun(TWO_TASKS, { ...runWide(WINDOWS), ...perTask(...['a', 'b', 'f'].map((n) => ({ pipelineTaskName: n, podTemplate: LINUX }))) }),
  }],
  ['PipelineRun run-wide Windows, one task Linux', { run: pipelineRun(TWO_TASKS, { ...runWide(WINDOWS), ...perTask({ pipelineTaskName: 'a', podTemplate: LINUX }) }) }],
  ['default template Windows', { run: taskRun({ steps: [restrictedStep('s')] }), config: { defaultPodTemplate: WINDOWS } }],
  ['default template Windows, the run selects other nodes', { run: taskRun({ steps: [restrictedStep('s')] }, { nodeSelector: {} }), config: { defaultPodTemplate: WINDOWS } }],
  ['a #!win script', { run: taskRun({ steps: [restrictedStep('s', { script: '#!win pwsh\necho' })] }) }],
  ['a #!win script in a sidecar', { run: taskRun({ steps: [restrictedStep('s')], sidecars: [restrictedStep('db', { script: '  #!win\necho' })] }) }],
  ['Windows pod template, steps meet restricted, pod seccomp', { run: taskRun({ steps: [restrictedStep('s')] }, { ...WINDOWS, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }) }],
  // several taskRunSpecs entries for one task: merged over the run-wide template in turn (GetTaskRunSpec)
  ['two taskRunSpecs entries for one task, the later one\'s securityContext null', {
    run: pipelineRun('p', perTask({ pipelineTaskName: 'a', podTemplate: BARE_STEP_POD }, { pipelineTaskName: 'a', podTemplate: { securityContext: null } }, { pipelineTaskName: 'f', podTemplate: BARE_STEP_POD })),
    objects: [pipelineOfT(), taskPartial],
  }],
  ['two taskRunSpecs entries for one task, the later one runs as root', {
    run: pipelineRun(TWO_TASKS, perTask({ pipelineTaskName: 'a', podTemplate: BARE_STEP_POD }, { pipelineTaskName: 'a', podTemplate: { securityContext: { runAsUser: 0 } } })),
  }],
  ['a per-task securityContext null keeps the run-wide one', {
    run: pipelineRun('p', { ...runWide(BARE_STEP_POD), ...perTask({ pipelineTaskName: 'a', podTemplate: { securityContext: null } }) }), objects: [pipelineOfT(), taskPartial],
  }],
  // a StepAction's params reach no securityContext (container_replacements.go)
  ['StepAction adds a capability through a param', {
    run: taskRun({ steps: [{ name: 's', ref: { name: 'sa' }, params: [{ name: 'cap', value: 'NET_BIND_SERVICE' }] }] }),
    objects: [stepAction('sa', { params: [{ name: 'cap', default: 'NET_BIND_SERVICE' }], securityContext: { ...RESTRICTED_STEP, capabilities: { drop: ['ALL'], add: ['$(params.cap)'] } } })],
  }],
  // the affinity assistant (coschedule; config-defaults' default-affinity-assistant-pod-template)
  ['a claim, default assistant template runs as root', { run: pipelineRun(TWO_TASKS, CLAIM), config: { defaultAAPodTemplate: { securityContext: { runAsUser: 0 } } } }],
  ['a volumeClaimTemplate, default assistant template seccomp Unconfined', {
    run: pipelineRun(TWO_TASKS, { workspaces: [{ name: 'w', volumeClaimTemplate: { spec: {} } }] }), config: { defaultAAPodTemplate: { securityContext: { seccompProfile: { type: 'Unconfined' } } } },
  }],
  ['no claim, default assistant template runs as root', { run: pipelineRun(TWO_TASKS), config: { defaultAAPodTemplate: { securityContext: { runAsUser: 0 } } } }],
  ['no claim, coschedule "pipelineruns", default assistant template unsafe sysctl', {
    run: pipelineRun(TWO_TASKS), config: { coschedule: 'PipelineRuns', defaultAAPodTemplate: { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } } },
  }],
  ['a claim, coschedule "disabled", default assistant template runs as root', {
    run: pipelineRun(TWO_TASKS, CLAIM), config: { coschedule: 'disabled', defaultAAPodTemplate: { securityContext: { runAsUser: 0 } } },
  }],
  ['a claim, default pod template securityContext over the default assistant template\'s', {
    run: pipelineRun(TWO_TASKS, CLAIM),
    config: { defaultPodTemplate: { securityContext: { runAsUser: 1000 } }, defaultAAPodTemplate: { securityContext: { runAsUser: 0 } } },
  }],
  ['a claim, run-wide securityContext over the default assistant template\'s', {
    run: pipelineRun(TWO_TASKS, { ...CLAIM, ...runWide({ securityContext: { fsGroup: 1 } }) }), config: { defaultAAPodTemplate: { securityContext: { seLinuxOptions: { type: 'spc_t' } } } },
  }],
  ['a claim, default assistant template on Windows', { run: pipelineRun(TWO_TASKS, CLAIM), config: { defaultAAPodTemplate: WINDOWS } }],
  ['a claim, default assistant template on Windows, the run selects other nodes', { run: pipelineRun(TWO_TASKS, { ...CLAIM, ...runWide({ nodeSelector: {} }) }), config: { defaultAAPodTemplate: WINDOWS } }],
  ['a claim, run-wide Windows, every task Linux', {
    run: pipelineRun(TWO_TASKS, { ...CLAIM, ...runWide(WINDOWS), ...perTask(...['a', 'b', 'f'].map((n) => ({ pipelineTaskName: n, podTemplate: LINUX }))) }),
  }],
  ['a claim, set-security-context "false", pod sets runAsNonRoot and seccomp', { run: pipelineRun(TWO_TASKS, { ...CLAIM, ...runWide(BARE_STEP_POD) }), config: { setSecurityContext: 'false' } }],
];

/** A set as the rule checks it: the run, what it refers to, Tekton's ConfigMaps. */
const setManifests = (set: TektonSet) => [set.run, ...(set.objects ?? []), ...configMaps(set.config ?? {})];

const TEKTON_SET_CASES: Case[] = TEKTON_SETS.flatMap(([name, set]) => {
  const pods = tektonPods(set);
  return LEVELS.flatMap((level) => VERSIONS.map((version) => ({ name, pod: pods[0], pods, manifests: setManifests(set), level, version })));
});

/** A generated step: a securityContext of its own, or a StepAction's (`ref`), now and then a script, a #!win one, a relative workingDir. */
const generatedStep = fc.record({
  securityContext: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: containerSecurity }),
  ref: rarely(fc.constant({ name: 'sa' }), 6),
  script: rarely(fc.constantFrom('echo', '#!win pwsh\necho'), 4),
  workingDir: rarely(fc.constantFrom('src', '/workspace/src', '/abs'), 8),
});
const generatedTemplate = fc.record({
  securityContext: rarely(podSecurity, 2),
  hostNetwork: rarely(bool, 6),
  nodeSelector: rarely(fc.constantFrom(WINDOWS.nodeSelector, LINUX.nodeSelector, {}), 4),
  volumes: rarely(fc.array(volume, { minLength: 1, maxLength: 2 }).map((vs) => vs.map((v, i) => ({ name: `v${i}`, ...v }))), 4),
  hostUsers: rarely(bool, 8),
}).map(defined);
const generatedTaskSpec = fc.record({
  steps: fc.array(generatedStep, { minLength: 1, maxLength: 2 }),
  stepTemplate: rarely(containerSecurity.map((sc) => ({ securityContext: sc })), 3),
  sidecars: rarely(fc.array(containerMore, { minLength: 1, maxLength: 1 }), 6),
  volumes: rarely(fc.array(volume, { minLength: 1, maxLength: 1 }).map((vs) => vs.map((v, i) => ({ name: `t${i}`, ...v }))), 6),
  annotations: rarely(fc.array(annotation, { minLength: 1, maxLength: 1 }), 8),
  results: rarely(fc.constant([{ name: 'digest' }]), 3),
}).map((g) => ({
  ...(g.results ? { results: g.results } : {}),
  ...(g.annotations ? { metadata: { annotations: Object.fromEntries(g.annotations.map(([k, v]) => [k.replace(/c0$|i0$/, 'step-s0'), v])) } } : {}),
  steps: g.steps.map(({ ref, securityContext, ...rest }, i) => (ref !== undefined ? { name: `s${i}`, ref } : { name: `s${i}`, image: 'x', ...defined(rest), ...(securityContext ? { securityContext } : {}) })),
  ...(g.stepTemplate ? { stepTemplate: g.stepTemplate } : {}),
  ...(g.sidecars ? { sidecars: g.sidecars.map((c, i) => ({ name: `c${i}`, image: 'x', ...c })) } : {}),
  ...(g.volumes ? { volumes: g.volumes } : {}),
}));

/** Generated sets: a TaskRun, or a PipelineRun of its own pipelineSpec or of a Pipeline (embedded task specs or a Task), with Tekton's configuration. */
const generatedSet: fc.Arbitrary<{ set: TektonSet; level: string; version: string }> = fc.record({
  shape: fc.constantFrom('TaskRun', 'pipelineSpec', 'pipelineRef'),
  specs: fc.array(generatedTaskSpec, { minLength: 1, maxLength: 2 }),
  finallyToo: fc.boolean(),
  byTaskRef: fc.boolean(),
  template: rarely(generatedTemplate, 1),
  perTask: rarely(fc.record({ template: generatedTemplate, annotations: rarely(fc.array(annotation, { minLength: 1, maxLength: 1 }), 1) }), 2),
  // a second taskRunSpecs entry for the same task, its securityContext now and then null
  perTaskAgain: rarely(fc.oneof(generatedTemplate, fc.constant({ securityContext: null })), 3),
  claim: rarely(fc.constantFrom({ persistentVolumeClaim: { claimName: 'c' } }, { volumeClaimTemplate: { spec: {} } }), 2),
  coschedule: rarely(fc.constantFrom('workspaces', 'pipelineruns', 'isolate-pipelinerun', 'disabled', 'PipelineRuns'), 3),
  defaultAAPodTemplate: rarely(fc.record({
    securityContext: rarely(podSecurity, 1),
    nodeSelector: rarely(fc.constantFrom(WINDOWS.nodeSelector, LINUX.nodeSelector, {}), 2),
  }).map(defined), 3),
  annotations: rarely(fc.array(annotation, { minLength: 1, maxLength: 1 }), 6),
  stepAction: containerSecurity,
  setSecurityContext: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'yes') }),
  readOnlyRootFilesystem: rarely(fc.constantFrom('true', 'false'), 6),
  defaultPodTemplate: rarely(generatedTemplate, 4),
  resultsFrom: rarely(fc.constantFrom('sidecar-logs', 'termination-message'), 3),
  level: fc.constantFrom(...LEVELS.slice(1)),
  version: fc.constantFrom(...VERSIONS),
}).map((g) => {
  const annotations = g.annotations ? Object.fromEntries(g.annotations) : undefined;
  // the StepAction only where a step runs it (alone, it is judged on its own)
  const objects: any[] = g.specs.some((spec) => spec.steps.some((st: any) => st.ref !== undefined)) ? [stepAction('sa', { securityContext: g.stepAction })] : [];
  let run: any;
  if (g.shape === 'TaskRun') {
    const { metadata, ...spec } = g.specs[0] as any;
    if (g.byTaskRef) objects.push(tekton('Task', 't', spec, metadata?.annotations));
    run = tekton('TaskRun', 'r', { ...(g.byTaskRef ? { taskRef: { name: 't' } } : { taskSpec: spec }), ...(g.template ? { podTemplate: g.template } : {}) }, annotations);
  } else {
    const names = g.specs.map((_, i) => `p${i}`);
    const tasks = g.specs.map((spec, i) => (g.byTaskRef && i === 0 ? { name: names[i], taskRef: { name: 't' } } : { name: names[i], taskSpec: spec }));
    if (g.byTaskRef) objects.push(tekton('Task', 't', Object.fromEntries(Object.entries(g.specs[0]).filter(([k]) => k !== 'metadata'))));
    const pipeline = { tasks: g.finallyToo ? tasks.slice(0, 1) : tasks, ...(g.finallyToo && tasks.length > 1 ? { finally: tasks.slice(1) } : {}) };
    const more = {
      ...(g.template ? runWide(g.template) : {}),
      ...(g.perTask ? perTask({
        pipelineTaskName: names[names.length - 1],
        podTemplate: g.perTask.template,
        ...(g.perTask.annotations ? { metadata: { annotations: Object.fromEntries(g.perTask.annotations) } } : {}),
      }, ...(g.perTaskAgain ? [{ pipelineTaskName: names[names.length - 1], podTemplate: g.perTaskAgain }] : [])) : {}),
      ...(g.claim ? { workspaces: [{ name: 'w', ...g.claim }] } : {}),
    };
    if (g.shape === 'pipelineRef') objects.push(tekton('Pipeline', 'p', pipeline));
    run = pipelineRun(g.shape === 'pipelineRef' ? 'p' : pipeline, more, annotations);
  }
  const config = defined({
    setSecurityContext: g.setSecurityContext,
    readOnlyRootFilesystem: g.readOnlyRootFilesystem,
    defaultPodTemplate: g.defaultPodTemplate,
    resultsFrom: g.resultsFrom,
    coschedule: g.coschedule,
    defaultAAPodTemplate: g.defaultAAPodTemplate,
  });
  return { set: { run, objects, config }, level: g.level, version: g.version };
});

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

  test(`PipelineRuns, StepActions, feature-flags, config-defaults and Windows: ${TEKTON_SETS.length} sets as the rule reads them, against the pods Tekton makes`, () => {
    const tally = compare(TEKTON_SET_CASES);
    expect(tally.differences).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential, Tekton sets: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    expect(tally.refused).toBeGreaterThan(TEKTON_SET_CASES.length * 0.3);
    expect(tally.admitted).toBeGreaterThan(TEKTON_SET_CASES.length * 0.1);
  });

  test('generated TaskRuns and PipelineRuns', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261204);
    const numRuns = Math.ceil(Number(process.env.PROPERTY_RUNS ?? 5000) / 10);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential: ${numRuns} generated runs, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const cases = fc.sample(generatedSet, { seed, numRuns }).map(({ set, level, version }): Case => {
      const pods = tektonPods(set);
      return { name: 'generated run', pod: pods[0], pods, manifests: setManifests(set), level, version };
    });
    const tally = compare(cases);
    expect(tally.differences.slice(0, 20)).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`pod-security differential, generated runs: ${JSON.stringify({ ...tally, differences: tally.differences.length })}`);
    expect(tally.compared).toBe(numRuns);
    expect(tally.refused).toBeGreaterThan(numRuns * 0.3);
    expect(tally.admitted).toBeGreaterThan(numRuns * 0.03);
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
