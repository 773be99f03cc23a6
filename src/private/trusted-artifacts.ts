import { asArray, isObject, mergeTemplate, stepDesignation } from './containers';
import { repositoryOf } from './image-references';
import { paramClonesOf, writtenFromRepoOf } from './repo-code';
import { jsString } from './text';

/**
 * A directory a step of the task fills with the repository's files, as a later container of the task sees it: `path` in that
 * container, filled by step `step` with a Trusted Artifact (konflux-ci/build-trusted-artifacts) `artifact` restored by the
 * argument `argument` (`use <artifact>=<path>`), or, where `artifact` is undefined, with a clone of the repository a param names
 * by the command line `argument`.
 */
export interface Restored {
  readonly path: string;
  readonly step: string;
  readonly artifact?: string;
  readonly argument: string;
  /** Where the path is a copy a later step's script made of such a directory into the volume: that step, its command line, the directory as it saw it. */
  readonly copy?: { readonly step: string; readonly line: string; readonly from: string };
}

/** An absolute path as written, less its trailing slashes and `.` parts; undefined for one with a substitution or relative. */
function plainPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('$')) return undefined;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  return parts.includes('..') ? undefined : `/${parts.join('/')}`;
}

/** A volumeMount's subPath as a path inside its volume (`''` for none); undefined for one with a substitution. */
function subPathOf(mount: any): string | undefined {
  const sub = mount?.subPath ?? mount?.subPathExpr;
  if (sub === undefined || sub === null || sub === '') return '';
  return typeof sub === 'string' && !sub.includes('$') ? plainPath(`/${sub}`) : undefined;
}

/**
 * The `<artifact>=<path>` pairs a container restores with the build-trusted-artifacts image: its entrypoint
 * (`/usr/local/bin/entrypoint`, the image's ENTRYPOINT, named as the command or not) given `use` first, which entrypoint.sh
 * passes on with the words after it to use-archive (use-oci.sh), or use-archive named as the command. use-oci.sh exits before it
 * restores anything when a word is an option (`-…`, entrypoint.sh's `--store` included), skips a pair with no artifact before its
 * `=`, and takes the artifact before the first `=` and the destination after the last one (`${pair/=*}`, `${pair/*=}`), which
 * `realpath` resolves from the working directory (a relative one is read from a `workingDir` alone).
 */
function usePairs(container: any): Array<{ artifact: string; path: string; argument: string }> {
  const image = typeof container?.image === 'string' ? repositoryOf(container.image) : undefined;
  if (image === undefined || !/(^|\/)build-trusted-artifacts$/.test(image) || typeof container?.script === 'string') return [];
  const command = asArray(container?.command).map(jsString);
  const argv = [...command, ...asArray(container?.args).map(jsString)];
  let pairs: string[];
  let verb: string;
  if (command.length === 0 || /(^|\/)entrypoint$/.test(command[0])) {
    const rest = command.length === 0 ? argv : argv.slice(1);
    if (rest[0] !== 'use') return [];
    [pairs, verb] = [rest.slice(1), 'use'];
  } else if (/(^|\/)use-archive$/.test(command[0])) {
    [pairs, verb] = [argv.slice(1), command[0]];
  } else {
    return [];
  }
  if (pairs.some((a) => a.startsWith('-'))) return [];
  const workingDir = plainPath(container?.workingDir);
  return pairs.filter((a) => a.indexOf('=') > 0).flatMap((a) => {
    const destination = a.slice(a.lastIndexOf('=') + 1);
    const path = destination.startsWith('/') ? destination : workingDir === undefined || destination === '' ? undefined : `${workingDir}/${destination}`;
    return path === undefined ? [] : [{ artifact: a.slice(0, a.indexOf('=')), path, argument: `${verb} ${a}` }];
  });
}

/**
 * The emptyDir volumes Tekton v1.15 mounts in every step at a path the step mounts nothing at (pkg/pod/pod.go
 * `implicitVolumeMounts`): what a step writes there, the steps after it see.
 */
const IMPLICIT_MOUNTS = [{ name: 'tekton-internal-workspace', path: '/workspace' }, { name: 'tekton-internal-home', path: '/tekton/home' }];

/** The volume mounts of a container: name, absolute path and subPath of each; Tekton's implicit ones where it mounts nothing there. */
function mountsOf(container: any): Array<{ name: string; path: string; sub: string }> {
  const own = asArray(container?.volumeMounts).filter(isObject).flatMap((m) => {
    const path = plainPath(m.mountPath);
    const sub = subPathOf(m);
    return typeof m.name === 'string' && path !== undefined && sub !== undefined ? [{ name: m.name, path, sub }] : [];
  });
  const written = asArray(container?.volumeMounts).filter(isObject).map((m) => m.mountPath);
  return [...own, ...IMPLICIT_MOUNTS.filter((i) => !written.some((w) => plainPath(w) === i.path)).map((i) => ({ ...i, sub: '' }))];
}

/** The paths a task spec's workspaces are mounted at (`mountPath`, else `/workspace/<name>`); undefined for one not known. */
function workspacePaths(spec: any): Array<string | undefined> {
  return asArray(spec?.workspaces).filter(isObject).map((w) => (typeof w.mountPath === 'string' && w.mountPath !== ''
    ? plainPath(w.mountPath) : typeof w.name === 'string' ? `/workspace/${w.name}` : undefined));
}

/**
 * For each of a task spec's steps (in order: `steps`, as written: a step that runs a StepAction restores nothing here), the
 * directories the steps before it restored Trusted Artifacts into or cloned the repository a param names into, where this step
 * sees them: the restored path lies in a volume of the task that the restoring step mounts (the one whose mount path is its
 * longest prefix), and this step mounts that volume (its part holding the path, for a subPath); Tekton's `/workspace` and `/tekton/home` emptyDirs are among them. A path in no volume stays in the
 * restoring step's own filesystem; one in a workspace is the workspace's (every step mounting it sees it as such), not read here.
 */
export function restoredBefore(spec: any, steps: readonly any[]): Restored[][] {
  const reading = readingOf(spec, steps);
  return steps.map((_, k) => reading.at(k)!);
}

/**
 * `restoredBefore(spec, steps)[k]`, reading the steps before step `k` only (undefined where there is no step `k`): each finding
 * asks for one step's, and the steps after the last one asked for are never read.
 */
export function restoredBeforeStep(spec: any, steps: readonly any[], k: number): Restored[] | undefined {
  return readingOf(spec, steps).at(k);
}

/** The reading of a task spec's steps, kept per task spec and list of steps (the manifests are not changed while the rules read them). */
function readingOf(spec: any, steps: readonly any[]): RestoredReading {
  const bySteps = isObject(spec) ? RESTORED.get(spec) : undefined;
  const known = bySteps?.get(steps);
  if (known !== undefined) return known;
  const reading = new RestoredReading(spec, steps);
  if (isObject(spec)) RESTORED.set(spec, (bySteps ?? new WeakMap()).set(steps, reading));
  return reading;
}

/** restoredBefore's readings, by task spec and list of steps. */
const RESTORED = new WeakMap<object, WeakMap<readonly any[], RestoredReading>>();

/**
 * restoredBefore's reading of one task spec's steps, as far as asked: step `k`'s directories are those the steps before it left in
 * `seen`, read in order (what the last step fills, no step after it sees: it is never read).
 */
class RestoredReading {
  private readonly template: any;
  private readonly workspaces: string[];
  /** What the steps read so far filled: the volume, the path inside it, what filled it. */
  private readonly seen: Array<{ volume: string; inside: string; filled: Omit<Restored, 'path'> }> = [];
  /** Each step's directories, once found (from the steps before it). */
  private readonly visible: Restored[][] = [];
  /** Each step's container (its stepTemplate merged) and mounts, once found. */
  private readonly containers: Array<{ container: any; mounts: Array<{ name: string; path: string; sub: string }> }> = [];
  /** How many steps were read (their writes are in `seen`). */
  private read = 0;

  constructor(spec: any, private readonly steps: readonly any[]) {
    this.template = isObject(spec?.stepTemplate) ? spec.stepTemplate : undefined;
    this.workspaces = workspacePaths(spec).filter((w): w is string => w !== undefined);
  }

  /** The directories step `k` sees; undefined where there is no step `k`. */
  at(k: number): Restored[] | undefined {
    if (!Number.isInteger(k) || k < 0 || k >= this.steps.length) return undefined;
    while (this.read < k) this.readStep(this.read++);
    return this.visibleAt(k);
  }

  private containerAt(k: number): { container: any; mounts: Array<{ name: string; path: string; sub: string }> } {
    if (this.containers[k] === undefined) {
      const container = mergeTemplate(this.template, this.steps[k]);
      this.containers[k] = { container, mounts: mountsOf(container) };
    }
    return this.containers[k];
  }

  /** Step `k`'s directories, from what the steps before it filled (read when `seen` holds those and no more). */
  private visibleAt(k: number): Restored[] {
    if (this.visible[k] === undefined) {
      const visible: Restored[] = [];
      for (const r of this.seen) {
        for (const m of this.containerAt(k).mounts.filter((n) => n.name === r.volume)) {
          if (m.sub !== '' && r.inside !== m.sub && !r.inside.startsWith(`${m.sub}/`)) continue;
          const rest = r.inside.slice(m.sub.length);
          visible.push({ ...r.filled, path: m.path === '/' ? rest || '/' : `${m.path}${rest}` });
        }
      }
      this.visible[k] = visible;
    }
    return this.visible[k];
  }

  /** What step `k` fills, into `seen`, for the steps after it. */
  private readStep(k: number): void {
    const { container, mounts } = this.containerAt(k);
    const visible = this.visibleAt(k);
    // named as the container views name it: an unnamed step by its index (unnamed-<k>)
    const step = stepDesignation(this.steps[k], k);
    const inWorkspace = (path: string) => this.workspaces.some((w) => path === w || path.startsWith(`${w}/`));
    // where this step writes into its volumes: a path in the one whose mount path is its longest prefix
    const into = (path: string, filled: Omit<Restored, 'path'>) => {
      if (inWorkspace(path)) return;
      const holder = mounts.filter((m) => m.path === '/' || path === m.path || path.startsWith(`${m.path}/`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (holder !== undefined) this.seen.push({ volume: holder.name, inside: `${holder.sub}${holder.path === '/' ? path : path.slice(holder.path.length)}`, filled });
    };
    // a copy its script makes of a directory the steps before it filled (`cp -r source /var/workdir/build`), as the script's own commands read it
    for (const r of visible) {
      const key = '\u0001';
      for (const w of writtenFromRepoOf(container, [key], { [key]: r.path })) {
        if (w.path !== r.path && !w.path.startsWith(`${r.path}/`)) into(w.path, { step: r.step, artifact: r.artifact, argument: r.argument, copy: { step, line: w.line, from: r.copy?.from ?? r.path } });
      }
    }
    const clones = paramClonesOf(container).map((c) => ({ artifact: undefined, path: c.path, argument: c.line }));
    for (const pair of [...usePairs(container), ...clones]) {
      const path = plainPath(pair.path);
      if (path !== undefined && path !== '/') into(path, { step, artifact: pair.artifact, argument: pair.argument });
    }
  }
}
