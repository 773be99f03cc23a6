/**
 * What well-known tools need from their container in order to run at all, keyed
 * by image repository. The TOOL_REQUIREMENTS rule refuses a step that runs one of
 * these images without what it needs (a configuration that cannot run is a bug),
 * and the hardened tasks of `src/tasks` are built to satisfy them.
 */
import { repositoryOf } from './image-references';

/**
 * The Linux capabilities kaniko needs as root to recreate the files of the layers it unpacks:
 * owners (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID), modes (FSETID: it sets a file's mode
 * after its owner, and without FSETID the kernel drops the setgid bit of a file of a group root
 * is not in) and file capabilities (SETFCAP: it writes a layer's `security.capability`
 * xattrs, and without SETFCAP the write fails and with it the build).
 */
export const KANIKO_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'FSETID', 'SETFCAP'];

/** What one tool needs. */
export interface ToolProfile {
  /** The tool, as messages name it. */
  readonly tool: string;
  /** Image repositories that run it (registry included; Docker Hub written as `docker.io/...`). */
  readonly repositories: readonly string[];
  /** Names of its programs (basenames), as a step's command or script runs them. */
  readonly programs: readonly string[];
  /** It runs only as root (UID 0), and why. */
  readonly needsRoot?: string;
  /** It writes over its own root filesystem, and why. */
  readonly needsWritableRoot?: string;
  /** Capabilities it needs added back when ALL are dropped, and why. */
  readonly needsCapabilities?: { readonly names: readonly string[]; readonly why: string };
  /**
   * It writes under `$HOME` (why): with a read-only root filesystem, `HOME` (or one
   * of `homeAlternatives`, which the tool reads instead) must be set to a writable path.
   */
  readonly needsWritableHome?: string;
  /** Environment variables that point the tool away from `$HOME`. */
  readonly homeAlternatives?: readonly string[];
  /** What to do instead, for messages. */
  readonly advice: string;
}

/** The profiles, one per tool. */
export const TOOL_PROFILES: readonly ToolProfile[] = [
  {
    tool: 'kaniko',
    repositories: ['gcr.io/kaniko-project/executor', 'ghcr.io/osscontainertools/kaniko'],
    programs: ['executor'],
    needsRoot: 'kaniko unpacks the base image and runs the Dockerfile as root inside its own container',
    needsWritableRoot: 'kaniko builds the image by writing its layers over its own root filesystem',
    needsCapabilities: {
      names: KANIKO_CAPABILITIES,
      why: 'kaniko recreates the owners, modes (setgid bits: FSETID) and file capabilities (SETFCAP) of every file of the layers it unpacks',
    },
    advice: 'Use ContainerBuild (root, a writable root filesystem and the capabilities kaniko needs, each relaxed with its reason, '
      + 'no credentials, --no-push) in a namespace whose Pod Security level is baseline, and push its output with ImagePush',
  },
  {
    tool: 'git',
    repositories: [
      'ghcr.io/tektoncd/github.com/tektoncd/pipeline/cmd/git-init',
      'gcr.io/tekton-releases/github.com/tektoncd/pipeline/cmd/git-init',
      'cgr.dev/chainguard/git',
      'docker.io/alpine/git',
      'docker.io/bitnami/git',
    ],
    programs: ['git', 'git-init', 'ssh'],
    needsWritableHome: 'git writes its global config (safe.directory) and ssh its keys and known hosts under $HOME',
    advice: 'Set env HOME to a path with an emptyDir volume (SecureTask\'s stepTemplate sets HOME=/home/tekton), or use GitClone',
  },
  {
    tool: 'cosign',
    repositories: ['ghcr.io/sigstore/cosign/cosign', 'gcr.io/projectsigstore/cosign', 'cgr.dev/chainguard/cosign'],
    programs: ['cosign'],
    needsWritableHome: 'cosign caches the Sigstore TUF root under $HOME/.sigstore',
    homeAlternatives: ['TUF_ROOT'],
    advice: 'Set env HOME (or TUF_ROOT) to a path with an emptyDir volume, or use ImageVerify',
  },
  {
    tool: 'crane',
    repositories: ['gcr.io/go-containerregistry/crane', 'cgr.dev/chainguard/crane'],
    programs: ['crane'],
    needsWritableHome: 'crane reads registry credentials from $HOME/.docker/config.json',
    homeAlternatives: ['DOCKER_CONFIG'],
    advice: 'Set env DOCKER_CONFIG to the credentials workspace (or HOME to a path with an emptyDir volume), or use ImagePush',
  },
  {
    tool: 'kubectl',
    repositories: ['registry.k8s.io/kubectl', 'docker.io/bitnami/kubectl', 'cgr.dev/chainguard/kubectl'],
    programs: ['kubectl'],
    needsWritableHome: 'kubectl caches API discovery under $HOME/.kube/cache',
    homeAlternatives: ['KUBECACHEDIR'],
    advice: 'Set env HOME (or KUBECACHEDIR) to a path with an emptyDir volume, or use Deploy',
  },
];

/**
 * The repository of an image as registries name it: tag and digest dropped,
 * Docker Hub's short forms written out (`alpine/git` -> `docker.io/alpine/git`,
 * `golang` -> `docker.io/library/golang`, `index.docker.io/...` -> `docker.io/...`).
 */
export function canonicalRepository(image: string): string {
  const repo = repositoryOf(image.trim());
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) return repo.includes('/') ? `docker.io/${repo}` : `docker.io/library/${repo}`;
  return first === 'index.docker.io' ? `docker.io${repo.slice(first.length)}` : repo;
}

/** The profile of the tool an image runs, or undefined for an image the library knows nothing about. */
export function toolProfileOf(image: string): ToolProfile | undefined {
  const repo = canonicalRepository(image);
  return TOOL_PROFILES.find((p) => p.repositories.includes(repo));
}

/**
 * Whether a container runs the tool of its image: without a script or command the
 * image's entrypoint does; otherwise one of the tool's programs is named (by its
 * basename) as a word of the command, its args or the script.
 */
export function runsTool(profile: ToolProfile, container: { script?: unknown; command?: unknown; args?: unknown }): boolean {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const script = typeof container.script === 'string' ? container.script : '';
  const command = list(container.command);
  if (script === '' && command.length === 0) return true;
  const words = [script, ...command, ...list(container.args)].flatMap((t) => t.split(/[\s;|&()`'"<>=]+/));
  return words.some((w) => profile.programs.includes(w.split('/').pop() ?? w));
}
