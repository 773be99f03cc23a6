import { asArray, containersOf, isTekton, pipelineSpecsOf } from '../../private/containers';
import { isEventListener, LISTENER_CONTAINER, LISTENER_POD_TEXT, LISTENER_TEMPLATE, listenerPod } from '../../private/listener-pods';
import {
  affinityAssistantTemplateOf, CONFIG_DEFAULTS_OBJECT_TEXT, configDefaultsKeyReaches, DEFAULT_AA_POD_TEMPLATE_KEY, DEFAULT_AA_POD_TEMPLATE_TEXT,
  DEFAULT_POD_TEMPLATE_KEY, DEFAULT_POD_TEMPLATE_TEXT, inConfigDefaultsReading, isConfigDefaultsNamed, podTemplatesOf,
} from '../../private/pods';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation, MERGED_STEP, BUILD_STRATEGIES } from '../rule-builders';
import { RuleId } from '../rule-id';

/** SELinux types the Pod Security `baseline` profile allows. */
const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** The sysctls the Pod Security `baseline` profile allows (Kubernetes 1.29+: the namespaced, safe set). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);

const isObject = (x: unknown): x is Record<string, any> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Annotations that reach the pods Tekton makes, with where they are. */
interface AnnotationsPlace {
  readonly annotations: unknown;
  readonly path: string;
  readonly where: { readonly location?: string; readonly target?: string };
  /** Whose pods they reach, for messages. @default "the run's pods" */
  readonly pods?: string;
}

/**
 * The annotations Tekton copies to the pods: a run's, a Task's and a Pipeline's (copied to
 * the runs made from them), a PipelineRun's `taskRunSpecs[].metadata` (copied to that
 * task's TaskRun) and an embedded pipeline task spec's `metadata` (copied to its TaskRun).
 */
function profileAnnotations(manifest: any): AnnotationsPlace[] {
  // an EventListener's pod template's annotations are its pod's (deployment.go MakeDeployment; a customResource's, custom.go MakeCustomObject)
  const listener = listenerPod(manifest);
  if (listener !== undefined) return [{ annotations: listener.annotations, path: `${listener.template}.metadata.annotations`, where: {}, pods: "the listener's pod" }];
  if (!isObject(manifest) || !isTekton(manifest) || !['PipelineRun', 'TaskRun', 'Task', 'Pipeline'].includes(manifest.kind)) return [];
  const out: AnnotationsPlace[] = [{ annotations: manifest.metadata?.annotations, path: 'metadata.annotations', where: {} }];
  if (manifest.kind === 'PipelineRun') {
    asArray(manifest.spec?.taskRunSpecs).forEach((t, i) => out.push({
      annotations: t?.metadata?.annotations,
      path: `spec.taskRunSpecs[${i}].metadata.annotations`,
      where: { location: `task '${jsString(t?.pipelineTaskName)}'`, target: `task/${jsString(t?.pipelineTaskName)}` },
    }));
  }
  for (const place of pipelineSpecsOf(manifest)) {
    for (const [list, tasks] of [['tasks', place.spec.tasks], ['finally', place.spec.finally]] as const) {
      asArray(tasks).forEach((t, i) => out.push({
        annotations: t?.taskSpec?.metadata?.annotations,
        path: `${place.path}.${list}[${i}].taskSpec.metadata.annotations`,
        where: { location: `${place.prefix}task '${jsString(t?.name)}'`, target: `${place.targetPrefix}task/${jsString(t?.name)}` },
      }));
    }
  }
  return out;
}

/** Annotations that set a pod's AppArmor or seccomp profile (Tekton copies a run's annotations to its pods). */
const PROFILE_ANNOTATION = /^(container\.apparmor\.security\.beta\.kubernetes\.io\/.+|seccomp\.security\.alpha\.kubernetes\.io\/pod|container\.seccomp\.security\.alpha\.kubernetes\.io\/.+)$/;

/**
 * The AppArmor profile name the kernel reads as no profile (aa_lookupn_profile: the namespace's unconfined profile, which is in
 * no list of loaded profiles). It compares only as many characters as the name asked for has (`strncmp(hname, "unconfined", n)`),
 * so where no loaded profile has the name, any beginning of it (`u`, `unconf`) is no profile too. The kubelet passes a Localhost
 * profile's name to the runtime as written: CRI-O hands it to the OCI runtime, whose change_onexec to it runs the container
 * unconfined; containerd looks it up among the loaded profiles and does not start the container.
 */
const UNCONFINED = 'unconfined';

/** Whether a Localhost AppArmor profile's name is one the kernel may read as no profile: `unconfined` or a beginning of it. */
const unconfinedName = (name: unknown): name is string => typeof name === 'string' && name !== '' && UNCONFINED.startsWith(name);

/** The prefix of the AppArmor annotation's form of a Localhost profile. */
const LOCALHOST_ANNOTATION = 'localhost/';

/** Said of a Localhost AppArmor profile `name` (UNCONFINED or a beginning of it), which turns AppArmor off `where`. */
const localhostUnconfined = (name: string, where = ''): string => `names the Localhost AppArmor profile ${JSON.stringify(name)}, which the kernel `
  + `reads as no profile${name === UNCONFINED ? '' : ' (a beginning of "unconfined", where no loaded profile has that name)'}: it turns AppArmor `
  + `off${where} (CRI-O runs the container unconfined; containerd, which finds no loaded profile of that name, does not start it)`;

/** The fix of a Localhost AppArmor profile named UNCONFINED or a beginning of it. */
const LOCALHOST_FIX = 'Set appArmorProfile to { type: RuntimeDefault } (no localhostProfile), or name in localhostProfile a profile loaded on '
  + 'the nodes (not "unconfined" nor a beginning of it).';

/** The fix of an AppArmor annotation `localhost/unconfined`. */
const LOCALHOST_ANNOTATION_FIX = 'Remove the annotation (the runtime\'s default profile applies), or give it runtime/default or localhost/<a profile '
  + 'loaded on the nodes>.';

/** The prefix of an AppArmor profile annotation. */
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

/** Whether a field is set: null is not (Go decodes it as the zero value, "" or nil). */
const set = (x: unknown): boolean => x !== undefined && x !== null;

/** The SELinux, /proc and AppArmor settings of a securityContext that weaken isolation. */
function weakened(sc: any): Array<{ field: string; value: string; problem: string; fix?: string }> {
  const out: Array<{ field: string; value: string; problem: string; fix?: string }> = [];
  const se = sc?.seLinuxOptions;
  if (set(se?.type) && se.type !== '' && !SELINUX_TYPES.has(se.type)) out.push({ field: 'seLinuxOptions.type', value: jsString(se.type), problem: 'is not a container SELinux type' });
  for (const f of ['user', 'role']) if (set(se?.[f]) && se[f] !== '') out.push({ field: `seLinuxOptions.${f}`, value: jsString(se[f]), problem: 'sets an SELinux identity' });
  if (set(sc?.procMount) && sc.procMount !== 'Default') out.push({ field: 'procMount', value: jsString(sc.procMount), problem: 'unmasks /proc' });
  if (sc?.appArmorProfile?.type === 'Unconfined') out.push({ field: 'appArmorProfile.type', value: 'Unconfined', problem: 'turns AppArmor off' });
  const localhost = sc?.appArmorProfile?.localhostProfile;
  if (sc?.appArmorProfile?.type === 'Localhost' && unconfinedName(localhost)) {
    out.push({ field: 'appArmorProfile.localhostProfile', value: localhost, problem: localhostUnconfined(localhost), fix: LOCALHOST_FIX });
  }
  return out;
}

/**
 * Containers keep the isolation the runtime gives them: a container SELinux
 * type and no SELinux identity, a masked /proc, AppArmor on (in the
 * securityContext, and in profile annotations of a run, which Tekton copies to
 * its pods), and only the sysctls the Pod Security `baseline` profile allows.
 */
export const DEFAULT_ISOLATION = manifestRule(
  {
    id: RuleId.DEFAULT_ISOLATION,
    severity: Severity.MEDIUM,
    title: 'Containers keep the default SELinux type, a masked /proc, AppArmor and safe sysctls',
    rationale:
      'These are the kernel\'s guards around a container; each one turned off is one fewer thing between a compromised step and the node.',
    fix: 'Remove the seLinuxOptions, procMount, Unconfined AppArmor profile or unsafe sysctl (and the profile annotations of the run).',
    decidesFrom:
      'The securityContext of every step (' + MERGED_STEP + ') and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every '
      + "StepAction; and the pod securityContext of every pod template of a run (a TaskRun's `podTemplate`; a PipelineRun's "
      + 'run-wide `taskRunTemplate.podTemplate`, v1, or `podTemplate`, v1beta1, and its per-task `taskRunSpecs[].podTemplate` '
      + 'or v1beta1 `taskPodTemplate`): a `seLinuxOptions.type` other than `container_t`, `container_init_t`, '
      + '`container_kvm_t` or `container_engine_t`, any `seLinuxOptions.user` or `role`, a `procMount` other than `Default` '
      + 'and `appArmorProfile.type: Unconfined`, or `type: Localhost` with `localhostProfile: unconfined` or a beginning of it (`unconf`), a name the kernel reads as '
      + 'no profile where no loaded profile has it (CRI-O runs the container unconfined; containerd, which finds no loaded profile of that name, does not start it); in '
      + "pod templates, a sysctl outside the Pod Security baseline's safe set "
      + '(Kubernetes 1.29); and AppArmor or seccomp profile annotations whose value is `unconfined` in any case, or an AppArmor one `localhost/unconfined` (or a beginning of it), wherever '
      + 'Tekton copies them to the pods: on PipelineRuns, TaskRuns, Tasks and Pipelines, in a PipelineRun\'s '
      + '`taskRunSpecs[].metadata` and in the `metadata` of an embedded pipeline task spec.' + DEFAULT_POD_TEMPLATE_TEXT
      + DEFAULT_AA_POD_TEMPLATE_TEXT + ' Its `securityContext` is judged as a run pod template\'s: it is the assistant pod\'s, '
      + 'whose container mounts the PipelineRun\'s workspace claims.' + CONFIG_DEFAULTS_OBJECT_TEXT + BUILD_STRATEGIES
      + ' The pod of a Tekton Triggers EventListener (`triggers.tekton.dev`) is read as its controller makes it (' + LISTENER_POD_TEXT + '): its '
      + 'container\'s and pod\'s securityContext as above, and the profile annotations of `' + LISTENER_TEMPLATE + '.metadata` (of a customResource\'s, '
      + 'its `spec.template.metadata`), each at the field that gives it.',
    limits:
      'Which Localhost profile (but `unconfined`), SELinux level or safe sysctl value is used is '
      + 'not judged. The safe set is that of Kubernetes 1.29 and later: a kubelet of 1.28 or earlier refuses a pod that sets '
      + '`net.ipv4.tcp_keepalive_time`, `tcp_keepalive_intvl`, `tcp_keepalive_probes` or `tcp_fin_timeout` (SysctlForbidden), '
      + 'which is not reported (POD_SECURITY_ADMITTED reports it where a Namespace enforces baseline or restricted, whatever '
      + 'the version: it reads a later one as 1.28, the oldest Kubernetes the library targets). Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to the pod '
      + 'itself; a Task named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax:
      "`{ rule: RuleId.DEFAULT_ISOLATION, reason: '<why>' }` with the finding's target: `RelaxationTarget.step('<name>')` "
      + '(or `sidecar`, and `RelaxationTarget.task(...)` around it in an embedded spec) for a container, '
      + "`RelaxationTarget.task('<task>')` for a per-task pod template, none for the run-wide template or the run's "
      + "annotations. Give it to the construct's `relaxations` (SecureTask, SecurePipelineRun, a step's props) or to "
      + '`Relaxations.of(construct).add(...)`; in YAML for the audit: '
      + relaxAnnotation(RuleId.DEFAULT_ISOLATION, 'step/<name>: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m) => containersOf(m).length > 0 || podTemplatesOf(m).length > 0 || profileAnnotations(m).length > 0
      || affinityAssistantTemplateOf(m) !== undefined || isConfigDefaultsNamed(m) || isEventListener(m),
  },
  (manifest, context) => {
    const problems: Problem[] = [];
    for (const view of containersOf(manifest)) {
      for (const w of weakened(view.effective?.securityContext)) {
        problems.push({
          location: view.location, target: view.target, property: `securityContext.${w.field}`, value: w.value, problem: w.problem, ...(w.fix ? { fix: w.fix } : {}),
        });
      }
    }
    // an EventListener's container and pod, as Triggers' controller makes them
    const listener = listenerPod(manifest, context?.manifests);
    if (listener !== undefined) {
      for (const w of weakened(listener.container.securityContext)) {
        problems.push({
          location: `container '${LISTENER_CONTAINER}'`, property: listener.field(`securityContext.${w.field}`, false).property, value: w.value, problem: w.problem, ...(w.fix ? { fix: w.fix } : {}),
        });
      }
      const sc = listener.spec.securityContext;
      for (const w of weakened(sc)) {
        problems.push({ property: listener.podField(`securityContext.${w.field}`).property, value: w.value, problem: w.problem, ...(w.fix ? { fix: w.fix } : {}) });
      }
      for (const s of asArray(sc?.sysctls)) {
        if (!SAFE_SYSCTLS.has(s?.name)) problems.push({ property: listener.podField('securityContext.sysctls').property, value: jsString(s?.name), problem: 'is not a safe sysctl' });
      }
    }
    // the Affinity Assistant's pod securityContext (config-defaults), as a run-wide template's
    // a config-defaults ConfigMap beside a Tekton operator's object: each template as the operator's apply leaves it (none where
    // the operator writes its own over it, else in the reading that keeps it, named)
    const assistant = affinityAssistantTemplateOf(manifest, context?.manifests);
    const reach = (key: string) => configDefaultsKeyReaches(manifest, context?.manifests, key);
    const templates = [
      ...podTemplatesOf(manifest, context?.manifests).map((pod) => ({ pod, reach: reach(DEFAULT_POD_TEMPLATE_KEY) })),
      ...(assistant === undefined ? [] : [{ pod: assistant, reach: reach(DEFAULT_AA_POD_TEMPLATE_KEY) }]),
    ].filter((t) => t.reach.reaches);
    for (const { pod, reach: reached } of templates) {
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      const sc = pod.template?.securityContext;
      const said = (problem: string) => inConfigDefaultsReading(problem, reached);
      for (const w of weakened(sc)) {
        problems.push({ ...where, property: `${pod.path}.securityContext.${w.field}`, value: w.value, problem: said(w.problem), ...(w.fix ? { fix: w.fix } : {}) });
      }
      for (const s of asArray(sc?.sysctls)) {
        if (!SAFE_SYSCTLS.has(s?.name)) {
          problems.push({ ...where, property: `${pod.path}.securityContext.sysctls`, value: jsString(s?.name), problem: said('is not a safe sysctl') });
        }
      }
    }
    for (const a of profileAnnotations(manifest)) {
      for (const [key, value] of Object.entries(isObject(a.annotations) ? a.annotations : {})) {
        if (PROFILE_ANNOTATION.test(key) && jsString(value).toLowerCase() === 'unconfined') {
          problems.push({ ...a.where, property: `${a.path}["${key}"]`, value: jsString(value), problem: `turns a profile off in ${a.pods ?? "the run's pods"}` });
        } else if (key.startsWith(APPARMOR_ANNOTATION) && key.length > APPARMOR_ANNOTATION.length && typeof value === 'string'
          && value.startsWith(LOCALHOST_ANNOTATION) && unconfinedName(value.slice(LOCALHOST_ANNOTATION.length))) {
          problems.push({
            ...a.where,
            property: `${a.path}["${key}"]`,
            value,
            problem: localhostUnconfined(value.slice(LOCALHOST_ANNOTATION.length), ` in ${a.pods ?? "the run's pods"}`),
            fix: LOCALHOST_ANNOTATION_FIX,
          });
        }
      }
    }
    return problems;
  },
);
