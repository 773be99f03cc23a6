import { asArray, envEntry } from '../../private/containers';
import { jsString } from '../../private/text';
import { runsTool, toolProfileOf } from '../../private/tool-profiles';
import { Severity } from '../rule';
import { containerRule, containerRelaxation, securityField } from '../rule-builders';
import { RuleId } from '../rule-id';

/** A capability name as Kubernetes compares it (the `CAP_` prefix is accepted by the runtime). */
function capability(name: unknown): string {
  return jsString(name).replace(/^CAP_/, '');
}

/**
 * Steps and sidecars that run a well-known tool give it what it needs to run (root,
 * a writable root filesystem, capabilities, a writable HOME). Not a security
 * control: a configuration refused here fails on the cluster, and the message says
 * which split or relaxation makes it work.
 */
export const TOOL_REQUIREMENTS = containerRule(
  {
    id: RuleId.TOOL_REQUIREMENTS,
    severity: Severity.LOW,
    title: 'Steps and sidecars that run a well-known tool give it what it needs to run',
    rationale:
      'Some tools cannot run hardened: kaniko needs root, a writable root filesystem and the capabilities to recreate '
      + 'the owners, modes and file capabilities of the files it unpacks; git, cosign, crane and kubectl write under $HOME. A step that denies them fails on the cluster, '
      + 'and the fix people reach for under pressure is the widest one. Knowing the tool, the library says at synth '
      + 'which narrow change (or which hardened task) makes it run.',
    fix: 'Give the tool what its profile needs (each loosening relaxed with its reason), or use the library\'s task for it '
      + '(GitClone, ContainerBuild, ImagePush, ImageVerify, Deploy).',
    decidesFrom:
      'Every step (the stepTemplate merged under it, and the run\'s pod-level securityContext for embedded specs) and sidecar '
      + 'of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s '
      + 'and `pipelineSpec`s followed to any depth), and every StepAction, whose `image` names a repository of a known tool '
      + '(tag and digest dropped, Docker Hub short names written out): kaniko (gcr.io/kaniko-project/executor, '
      + 'ghcr.io/osscontainertools/kaniko) must not have `runAsNonRoot: true` or a `runAsUser` above 0, nor '
      + '`readOnlyRootFilesystem: true`, and when `capabilities.drop` holds `ALL`, `capabilities.add` must hold CHOWN, '
      + 'DAC_OVERRIDE, FOWNER, SETUID and SETGID (to recreate owners), FSETID (kaniko sets a file\'s mode after its owner: '
      + 'without FSETID the kernel silently drops the setgid bit of a file of a group root is not in) and SETFCAP (kaniko '
      + 'writes the `security.capability` extended attributes of the layers: without SETFCAP a base image with a file '
      + 'capability fails the build); git (Tekton\'s git-init, chainguard, alpine and bitnami git), cosign, '
      + 'crane and kubectl with `readOnlyRootFilesystem: true` must have `HOME` set in `env` (or, for cosign `TUF_ROOT`, '
      + 'for crane `DOCKER_CONFIG`, for kubectl `KUBECACHEDIR`). Only a container that runs the tool is judged: one without '
      + '`script` and `command` (the image\'s entrypoint), or whose command, args or script names one of the tool\'s programs '
      + '(`executor`, `git`, `git-init`, `ssh`, `cosign`, `crane`, `kubectl`, by basename) as a word.',
    limits:
      'Only the repositories listed are known: a tool in another image (a copy on another registry, a custom image that '
      + 'bundles it) is not recognized, and an image given as a `$(params.x)` substitution is not judged; a script that '
      + 'reaches the tool through a variable or another program (`$TOOL`, `make`) is taken not to run it. Whether HOME is '
      + 'writable is WRITABLE_SCRATCH\'s (an emptyDir mounted there); the image\'s own USER and HOME are not read. A Task or '
      + 'Pipeline is judged on its own: the pod-level securityContext of a run that refers to it by name (a non-root '
      + '`runAsUser` that a kaniko step without one of its own would inherit) is not applied. Whether the namespace\'s Pod '
      + 'Security level admits what kaniko needs is not judged here, nor are a kaniko step\'s volume mounts: kaniko leaves every '
      + 'mount point of its container but `/` (as /proc/self/mountinfo lists them), and everything under it, out of the image it '
      + 'builds and out of what it unpacks from the base image, so an emptyDir at /tmp or $HOME (every SecureTask step mounts '
      + 'both; ContainerBuild\'s build step neither) drops what the Dockerfile writes there, but kaniko still runs, and '
      + 'whether the image lacks anything depends on the Dockerfile, which is not read.',
    howToRelax: containerRelaxation(RuleId.TOOL_REQUIREMENTS, { props: 'A step whose image bundles the tool in a way that needs none of it can record why.' }),
    relaxable: true,
  },
  (view) => {
    const c = view.effective;
    if (typeof c?.image !== 'string') return [];
    const profile = toolProfileOf(c.image);
    // an image of the tool used for something else (a script that runs `date`) needs nothing of it
    if (profile === undefined || !runsTool(profile, c)) return [];
    const sc = c.securityContext ?? {};
    const problems = [];
    // the narrow change first, as a step's props spell it, then the hardened task for the tool
    const or = `or ${profile.advice.charAt(0).toLowerCase()}${profile.advice.slice(1)}.`;
    const fix = `${profile.advice}.`;
    if (profile.needsRoot !== undefined) {
      if (sc.runAsNonRoot === true) {
        problems.push({ ...securityField(view, 'runAsNonRoot'), problem: `is true, but ${profile.needsRoot}`, fix: `Run it as root (runAsUser: 0, with a relaxation of RUN_AS_NON_ROOT), ${or}` });
      }
      if (typeof sc.runAsUser === 'number' && sc.runAsUser > 0) {
        problems.push({ ...securityField(view, 'runAsUser'), problem: `is not 0, but ${profile.needsRoot}`, fix: `Run it as root (runAsUser: 0, with a relaxation of RUN_AS_NON_ROOT), ${or}` });
      }
    }
    if (profile.needsWritableRoot !== undefined && sc.readOnlyRootFilesystem === true) {
      problems.push({
        ...securityField(view, 'readOnlyRootFilesystem'),
        problem: `is true, but ${profile.needsWritableRoot}`,
        fix: `Give it a writable root filesystem (writableRootFilesystem: true, with a relaxation of READ_ONLY_ROOT_FILESYSTEM), ${or}`,
      });
    }
    const caps = profile.needsCapabilities;
    if (caps !== undefined && asArray(sc.capabilities?.drop).some((d) => capability(d) === 'ALL')) {
      const added = new Set(asArray(sc.capabilities?.add).map(capability));
      const missing = caps.names.filter((n) => !added.has(n));
      if (missing.length > 0) {
        problems.push({
          property: 'securityContext.capabilities.add',
          value: missing.join(', '),
          problem: `${missing.length > 1 ? 'are' : 'is'} not added back after dropping ALL, but ${caps.why}`,
          fix: `Add ${missing.length > 1 ? 'them' : 'it'} back (addCapabilities: [${missing.map((n) => `Capability.${n}`).join(', ')}], with a relaxation of DROP_ALL_CAPABILITIES), ${or}`,
        });
      }
    }
    if (profile.needsWritableHome !== undefined && sc.readOnlyRootFilesystem === true) {
      const set = (name: string) => { const e = envEntry(c, name); return typeof e?.value === 'string' && e.value !== ''; };
      const names = ['HOME', ...(profile.homeAlternatives ?? [])];
      if (!names.some(set)) {
        problems.push({
          property: 'env.HOME',
          problem: `is not set with a read-only root filesystem, but ${profile.needsWritableHome}`,
          fix,
        });
      }
    }
    return problems;
  },
);
