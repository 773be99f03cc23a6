import { isBuildStrategy, strategyTaskSpec } from '../../private/build-strategies';
import { asArray, containersOf, specPlace, taskSpecsOf } from '../../private/containers';
import { isEventListener, LISTENER_CONTAINER, LISTENER_TEMPLATE, listenerPod } from '../../private/listener-pods';
import { CONFIG_DEFAULTS_OBJECT_TEXT, configDefaultsKeyReaches, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_POD_TEMPLATE_TEXT, inConfigDefaultsReading, isConfigDefaultsNamed, podTemplatesOf } from '../../private/pods';
import { buildRunFailure, isShipwrightBuild, runBuildSpec } from '../../private/shipwright-builds';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { BUILD_STRATEGIES, followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The problem of a gitRepo volume: the kubelet runs `git` on the node for it (k8s pkg/volume/git_repo/git_repo.go SetUpAt). */
const GIT_REPO_PROBLEM = 'makes the kubelet run git clone and git checkout on the node, as root, with the repository and revision '
  + 'the pod names (gitRepo; CVE-2024-10220, CVE-2025-1767)';
const GIT_REPO_FIX = 'Remove the gitRepo volume: use a step that clones into an emptyDir or a workspace.';

/**
 * The handlers of a container the kubelet runs itself, from the node's network namespace: the
 * probes and the lifecycle hooks, with their `httpGet` and `tcpSocket` (Pod Security baseline
 * hostProbesAndHostLifecycle, Kubernetes 1.34, refuses a `host` in any of them).
 */
const KUBELET_HANDLERS: readonly string[] = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'];

/** The problem of a host in a probe or lifecycle handler. */
const HANDLER_HOST_PROBLEM = 'makes the kubelet connect, from the node\'s network, to the host it names instead of the pod: a port '
  + 'only the node reaches (its loopback, the kubelet, etcd on a control-plane node) or the cloud metadata address; Pod Security '
  + 'baseline refuses it (hostProbesAndHostLifecycle, Kubernetes 1.34)';

/** The `host` fields of a container's probes and lifecycle handlers that name a host (a non-empty string), with their paths. */
function handlerHosts(container: any): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const handler of KUBELET_HANDLERS) {
    const h = handler.split('.').reduce((x: any, k) => (x !== null && typeof x === 'object' ? x[k] : undefined), container);
    for (const action of ['httpGet', 'tcpSocket']) {
      const host = h !== null && typeof h === 'object' ? h[action]?.host : undefined;
      // null is Go's "": the pod's IP
      if (typeof host === 'string' && host !== '') out.push([`${handler}.${action}.host`, host]);
    }
  }
  return out;
}

/** The problems of one volume of a task spec or pod template, placed at `property`. */
function volumeProblems(v: any, property: string): Problem[] {
  const out: Problem[] = [];
  if (v?.hostPath !== undefined) out.push({ property, value: jsString(v?.name), problem: 'mounts a directory of the node (hostPath)' });
  if (v?.gitRepo !== undefined) out.push({ property, value: jsString(v?.name), problem: GIT_REPO_PROBLEM, fix: GIT_REPO_FIX });
  return out;
}

/**
 * The volumes of a Shipwright Build or BuildRun (a BuildRun's embedded Build spec's too) read without the strategy it names:
 * Shipwright gives an overridable strategy volume of that name the source as written (v0.20.13 volumes.go MergeBuildVolumes),
 * and refuses the build where the strategy has no such volume or does not let it be overridden.
 */
function shipwrightOwnVolumes(manifest: any, manifests: readonly any[] | undefined): Problem[] {
  const embedded = manifest.kind !== 'BuildRun' ? undefined
    : manifest.apiVersion === 'shipwright.io/v1alpha1' ? { spec: manifest.spec.buildSpec, path: 'buildSpec.' } : { spec: manifest.spec.build?.spec, path: 'build.spec.' };
  const places = [{ spec: manifest.spec, path: '' }, ...(embedded !== undefined && embedded.spec !== null && typeof embedded.spec === 'object' ? [embedded] : [])];
  // the strategy of the Build spec it runs (a BuildRun's Build checked with it too)
  const strategy = runBuildSpec(manifest, manifests)?.spec.strategy;
  const named = strategy === null || typeof strategy !== 'object' ? 'the strategy it runs'
    : `${strategy.kind === 'ClusterBuildStrategy' ? 'ClusterBuildStrategy' : 'BuildStrategy'} '${jsString(strategy.name ?? '')}'`;
  return places.flatMap(({ spec, path }) => asArray(spec?.volumes).flatMap((v) => volumeProblems(v, `${path}volumes`).map((p) => ({
    ...p,
    problem: `${p.problem}, which Shipwright gives the strategy's volume of that name where the strategy lets it be overridden (${named} is not checked `
      + 'with it; where it does not, Shipwright refuses the build)',
  }))));
}

/**
 * Nothing reaches into the node: no hostPath or gitRepo volume (in a task spec or a
 * run's pod template), no host network, PID or IPC namespace, no host port, and no
 * Windows host process. Pod Security `baseline` forbids all but gitRepo, which
 * `restricted` forbids.
 */
export const NO_HOST_ACCESS = followingLoops(
  {
    id: RuleId.NO_HOST_ACCESS,
    severity: Severity.HIGH,
    title: 'Nothing reaches into the node: no hostPath or gitRepo volumes, host namespaces, host ports or host processes',
    rationale:
      'A hostPath volume, the host network or PID namespace, or a host process hands a step the node itself: the kubelet\'s '
      + 'credentials, other pods\' files and processes, the container runtime socket. A gitRepo volume makes the kubelet run '
      + 'git on the node as root with the repository the pod names, and its hooks and config have run code there '
      + '(CVE-2024-10220, CVE-2025-1767). A probe or lifecycle hook with a `host` makes the kubelet send requests from the '
      + 'node\'s network to where the Task says: the node\'s loopback, the kubelet, the cloud metadata address.',
    fix: 'Use an emptyDir or a workspace instead of a hostPath volume, and a step that clones into an emptyDir or a workspace instead of a '
      + 'gitRepo volume; remove hostNetwork, hostPID, hostIPC, hostPort, hostProcess and the host of probes and lifecycle hooks.',
    decidesFrom:
      '`hostPath` and `gitRepo` volumes in the `spec.volumes` of every task spec of Tasks, TaskRuns, Pipelines and PipelineRuns (embedded '
      + 'specs included); a non-zero `ports[].hostPort` of every sidecar (a step\'s or stepTemplate\'s `ports` never reach the '
      + 'pod: v1 has none, and Tekton drops v1beta1\'s when it converts the object to v1) and '
      + 'a `host` (a non-empty string) in the `httpGet` or `tcpSocket` of every sidecar\'s `livenessProbe`, `readinessProbe`, '
      + '`startupProbe` and `lifecycle` `postStart` and `preStop` (the kubelet runs them from the node\'s network; a step has none: '
      + 'v1 has none, and Tekton drops v1beta1\'s), '
      + '`securityContext.windowsOptions.hostProcess: true` of every step '
      + "(stepTemplate merged), sidecar and StepAction; and in every pod template of a run (a TaskRun's `podTemplate`; a "
      + "PipelineRun's run-wide `taskRunTemplate.podTemplate`, v1, or `podTemplate`, v1beta1, and its per-task "
      + '`taskRunSpecs[].podTemplate` or v1beta1 `taskPodTemplate`): `hostNetwork`, `hostPID` or `hostIPC` set to `true`, '
      + '`hostPath` and `gitRepo` volumes and `securityContext.windowsOptions.hostProcess: true`.' + DEFAULT_POD_TEMPLATE_TEXT
      + CONFIG_DEFAULTS_OBJECT_TEXT + BUILD_STRATEGIES + ' Its `spec.volumes` are judged as a Task\'s, and one `overridable: true` is a finding '
      + 'whatever its source: a Build or BuildRun may replace its source with any (shipwright-io/build v0.20.13 volumes.go '
      + '`MergeBuildVolumes`; validate/volumes.go checks only that the volume is overridable), a hostPath of the node included. A Build\'s '
      + 'or BuildRun\'s own `spec.volumes` (a BuildRun\'s embedded Build spec\'s too) whose strategy is not checked with it are judged as '
      + 'written: a hostPath or gitRepo there is a finding, which Shipwright mounts where the strategy lets that volume be overridden. A Build or '
      + 'BuildRun its controller refuses before it creates a TaskRun (VALID_REFERENCE\'s finding) mounts nothing and is not judged here. '
      + 'A `host` in the probes of a Tekton Triggers EventListener\'s container (`triggers.tekton.dev`, `' + LISTENER_TEMPLATE + '.spec.containers[0]`), '
      + 'which Triggers\' controller gives the listener\'s pod (its webhook admits no host namespace, volume or port there: podSpecMask; the '
      + 'controller copies neither the probes nor `hostNetwork` of a `spec.resources.customResource` into the object it makes).',
    limits:
      "Other ways to the node are other rules' concern (privileged containers, capabilities), and a PersistentVolume or CSI "
      + 'driver that maps a node directory is not recognised. Pods, Deployments and other workloads are not read, nor the '
      + 'init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged only '
      + 'when it is given as an object. config-defaults\' `default-affinity-assistant-pod-template` is not judged: its only '
      + 'host field, `securityContext.windowsOptions.hostProcess`, needs `hostNetwork`, which the Affinity Assistant\'s pod '
      + 'never has, so the API server refuses it (k8s validateWindowsHostProcessPod).',
    howToRelax:
      "`{ rule: RuleId.NO_HOST_ACCESS, reason: '<why>' }` with the finding's target: none for a Task's or TaskRun's own "
      + "volumes or the run-wide pod template, `RelaxationTarget.task('<task>')` for an embedded spec's volumes or a per-task "
      + "pod template, `RelaxationTarget.step('<name>')` or `RelaxationTarget.sidecar('<name>')` for a host port or host "
      + "process. Give it to the construct's `relaxations` (SecureTask, SecurePipelineRun) or to "
      + '`Relaxations.of(construct).add(...)`; in YAML for the audit: ' + relaxAnnotation(RuleId.NO_HOST_ACCESS, '*: <why>')
      + ' (or `"sidecar/<name>: <why>"` ...).',
    relaxable: true,
    // (any config-defaults ConfigMap: one in a Tekton operator's target namespace is read beside the operator's object)
    appliesTo: (m) => taskSpecsOf(m).length > 0 || containersOf(m).length > 0 || podTemplatesOf(m).length > 0 || isConfigDefaultsNamed(m)
      || isShipwrightBuild(m) || isEventListener(m),
  },
  (manifest, context) => {
    const problems: Problem[] = [];
    for (const embedded of taskSpecsOf(manifest)) {
      const { spec } = embedded;
      const where = specPlace(embedded);
      for (const v of asArray(spec?.volumes)) problems.push(...volumeProblems(v, 'volumes').map((p) => ({ ...where, ...p })));
    }
    // a Shipwright Build or BuildRun whose strategy is not checked with it: the sources its volumes give (taskSpecsOf reads the run otherwise)
    // (not one the controller fails before its TaskRun: it mounts nothing, VALID_REFERENCE's finding)
    if (isShipwrightBuild(manifest) && taskSpecsOf(manifest).length === 0 && buildRunFailure(manifest, context?.manifests) === undefined) {
      problems.push(...shipwrightOwnVolumes(manifest, context?.manifests));
    }
    // a Shipwright build strategy's volumes are those of the TaskRun its controller creates
    for (const v of strategyTaskSpec(manifest)?.spec.volumes ?? []) problems.push(...volumeProblems(v, 'volumes'));
    // and an overridable one's source is any Build's or BuildRun's choice (Shipwright v0.20.13 volumes.go MergeBuildVolumes)
    if (isBuildStrategy(manifest)) {
      for (const v of asArray(manifest.spec.volumes)) {
        if (v?.overridable !== true) continue;
        problems.push({
          property: 'volumes',
          value: jsString(v.name),
          problem: 'is overridable: a Build or BuildRun may give it any source, a hostPath of the node included, which Shipwright\'s controller puts '
            + 'in the pod as given (it checks only that the strategy lets the volume be overridden)',
          fix: 'Remove overridable: true (every build then gets the strategy\'s own source), or relax NO_HOST_ACCESS where the namespace\'s Pod Security refuses hostPath volumes.',
        });
      }
    }
    for (const view of containersOf(manifest)) {
      // a step's or stepTemplate's ports never reach the pod (v1beta1's are dropped in the conversion to v1): effective has none
      for (const port of asArray(view.effective?.ports)) {
        if (port?.hostPort !== undefined && port.hostPort !== 0) {
          problems.push({ location: view.location, target: view.target, property: 'ports.hostPort', value: jsString(port.hostPort), problem: 'opens a port on the node' });
        }
      }
      // only a sidecar's: v1 steps and stepTemplates have no probes or lifecycle (v1beta1's are dropped in the conversion to v1)
      if (view.role === 'sidecar') {
        for (const [property, host] of handlerHosts(view.effective)) {
          problems.push({ location: view.location, target: view.target, property, value: host, problem: HANDLER_HOST_PROBLEM, fix: 'Remove the host: the kubelet then connects to the pod\'s own IP.' });
        }
      }
      if (view.effective?.securityContext?.windowsOptions?.hostProcess === true) {
        problems.push({ location: view.location, target: view.target, property: 'securityContext.windowsOptions.hostProcess', value: 'true', problem: 'runs as a process of the node' });
      }
    }
    // an EventListener's container: the probes its kubernetesResource template gives it (the only other fields Triggers' webhook admits are
    // its resources, env and securityContext, and the pod's placement, service account and securityContext)
    const listener = listenerPod(manifest, context?.manifests);
    if (listener !== undefined) {
      for (const [property, host] of handlerHosts(listener.container)) {
        problems.push({ location: `container '${LISTENER_CONTAINER}'`, property: listener.field(property).property, value: host, problem: HANDLER_HOST_PROBLEM, fix: 'Remove the host: the kubelet then connects to the pod\'s own IP.' });
      }
    }
    // config-defaults' template beside a Tekton operator's object: only in the reading that keeps it, named (none where the operator writes its own)
    const defaults = configDefaultsKeyReaches(manifest, context?.manifests, DEFAULT_POD_TEMPLATE_KEY);
    for (const pod of defaults.reaches ? podTemplatesOf(manifest, context?.manifests) : []) {
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (pod.template?.[field] === true) problems.push({ ...where, property: `${pod.path}.${field}`, value: 'true', problem: 'shares a namespace of the node' });
      }
      for (const v of asArray(pod.template?.volumes)) problems.push(...volumeProblems(v, `${pod.path}.volumes`).map((p) => ({ ...where, ...p })));
      if (pod.template?.securityContext?.windowsOptions?.hostProcess === true) {
        problems.push({ ...where, property: `${pod.path}.securityContext.windowsOptions.hostProcess`, value: 'true', problem: 'runs the pod as processes of the node' });
      }
    }
    // (a ConfigMap has no task spec or container: every problem is its template's)
    return defaults.reading === undefined ? problems : problems.map((p) => ({ ...p, problem: inConfigDefaultsReading(p.problem, defaults) }));
  },
  // of a PipelineLoop's run, the pod templates alone: its task specs and containers are read in the loop itself (taskSpecsOf, containersOf)
  (p) => p.property.startsWith('taskRunTemplate.podTemplate') || (p.location?.startsWith("taskRunSpec '") ?? false),
);
