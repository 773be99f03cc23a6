import { asArray } from '../../private/containers';
import { Severity } from '../rule';
import { containerRule, securityField } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Paths that must stay writable (through emptyDir volumes) when the root filesystem is read-only. */
function writablePaths(container: any): string[] {
  const home = asArray(container?.env).find((e) => e?.name === 'HOME')?.value;
  return typeof home === 'string' && home !== '' ? ['/tmp', home] : ['/tmp'];
}

/** Steps and sidecars have a read-only root filesystem, with emptyDir volumes for /tmp and $HOME. */
export const READ_ONLY_ROOT_FILESYSTEM = containerRule(
  {
    id: RuleId.READ_ONLY_ROOT_FILESYSTEM,
    severity: Severity.MEDIUM,
    title: 'Steps and sidecars have a read-only root filesystem, with emptyDir for /tmp and $HOME',
    rationale: 'A writable root lets a compromised step replace the binaries the next command runs; scratch space belongs on emptyDir volumes.',
    fix: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes at /tmp and $HOME.',
    relaxable: true,
  },
  (view) => {
    const c = view.effective;
    if (c?.securityContext?.readOnlyRootFilesystem !== true) {
      return [{ ...securityField(view, 'readOnlyRootFilesystem'), problem: 'is not true' }];
    }
    // a StepAction's volumes are the Task's: only whether it writes its root filesystem is its own
    if (!view.volumesKnown) return [];
    const emptyDirs = new Set(view.volumes.filter((v) => v?.emptyDir).map((v) => v.name));
    return writablePaths(c)
      .filter((path) => !asArray(c.volumeMounts).some((m) => m?.mountPath === path && emptyDirs.has(m.name)))
      .map((path) => ({ property: 'volumeMounts', value: path, problem: 'has no emptyDir volume mounted' }));
  },
);
