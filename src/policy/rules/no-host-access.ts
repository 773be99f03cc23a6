import { asArray, containersOf, taskSpecsOf } from '../../private/containers';
import { podTemplatesOf } from '../../private/pods';
import { Severity } from '../rule';
import { manifestRule, Problem } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Nothing reaches into the node: no hostPath volume (in a task spec or a run's
 * pod template), no host network, PID or IPC namespace, no host port, and no
 * Windows host process. These are what the Pod Security `baseline` profile
 * forbids about the host.
 */
export const NO_HOST_ACCESS = manifestRule(
  {
    id: RuleId.NO_HOST_ACCESS,
    severity: Severity.HIGH,
    title: 'Nothing reaches into the node: no hostPath, host namespaces, host ports or host processes',
    rationale:
      'A hostPath volume, the host network or PID namespace, or a host process hands a step the node itself: the kubelet\'s '
      + 'credentials, other pods\' files and processes, the container runtime socket.',
    fix: 'Use an emptyDir or a workspace instead of a hostPath volume; remove hostNetwork, hostPID, hostIPC, hostPort and hostProcess.',
    relaxable: true,
    appliesTo: (m) => taskSpecsOf(m).length > 0 || containersOf(m).length > 0 || podTemplatesOf(m).length > 0,
  },
  (manifest) => {
    const problems: Problem[] = [];
    for (const { prefix, targetPrefix, spec } of taskSpecsOf(manifest)) {
      const where = targetPrefix ? { location: prefix.trim(), target: targetPrefix.replace(/\/$/, '') } : {};
      for (const v of asArray(spec?.volumes)) {
        if (v?.hostPath !== undefined) problems.push({ ...where, property: 'volumes', value: String(v?.name), problem: 'mounts a directory of the node (hostPath)' });
      }
    }
    for (const view of containersOf(manifest)) {
      for (const port of asArray(view.container?.ports)) {
        if (port?.hostPort !== undefined && port.hostPort !== 0) {
          problems.push({ location: view.location, target: view.target, property: 'ports.hostPort', value: String(port.hostPort), problem: 'opens a port on the node' });
        }
      }
      if (view.effective?.securityContext?.windowsOptions?.hostProcess === true) {
        problems.push({ location: view.location, target: view.target, property: 'securityContext.windowsOptions.hostProcess', value: 'true', problem: 'runs as a process of the node' });
      }
    }
    for (const pod of podTemplatesOf(manifest)) {
      const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (pod.template?.[field] === true) problems.push({ ...where, property: `${pod.path}.${field}`, value: 'true', problem: 'shares a namespace of the node' });
      }
      for (const v of asArray(pod.template?.volumes)) {
        if (v?.hostPath !== undefined) problems.push({ ...where, property: `${pod.path}.volumes`, value: String(v?.name), problem: 'mounts a directory of the node (hostPath)' });
      }
      if (pod.template?.securityContext?.windowsOptions?.hostProcess === true) {
        problems.push({ ...where, property: `${pod.path}.securityContext.windowsOptions.hostProcess`, value: 'true', problem: 'runs the pod as processes of the node' });
      }
    }
    return problems;
  },
);
