import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SECRETS_STORE_CSI_DRIVER } from '../private/defaults';
import { isDns1123Subdomain } from '../private/names';
import { isSecretKey } from '../private/secret-types';
import { VaultSecretProviderClass } from '../secrets/vault-secret-provider-class';

/**
 * Access modes of a per-run volume.
 */
export enum AccessMode {
  /** Mounted read-write by one node (the default). */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /**
   * Mounted read-write by one pod. Only where the cluster sets Tekton's coschedule to
   * "disabled": otherwise the affinity assistant's pod mounts the claim for the whole run,
   * and no task pod can (AFFINITY_ASSISTANT_CLAIMS).
   */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
  /** Mounted read-write by many nodes; needs a relaxation of WORKSPACE_PER_RUN. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Mounted read-only by many nodes; needs a relaxation of WORKSPACE_PER_RUN. */
  READ_ONLY_MANY = 'ReadOnlyMany',
}

/**
 * Options of a per-run volume.
 */
export interface VolumeClaimTemplateOptions {
  /** Storage to request. */
  readonly storage: Size;
  /** Storage class. @default - the cluster's default storage class */
  readonly storageClassName?: string;
  /** Access mode; anything but ReadWriteOnce(Pod) needs a relaxation of WORKSPACE_PER_RUN. @default AccessMode.READ_WRITE_ONCE */
  readonly accessMode?: AccessMode;
}

/**
 * One Secret key mounted as a file.
 */
export interface SecretKeyFile {
  /** Key in the Secret. */
  readonly key: string;
  /** File name in the workspace. */
  readonly path: string;
}

/**
 * Options of a Secret workspace.
 */
export interface SecretWorkspaceOptions {
  /** Mount only these keys, under these file names. @default - every key, under its own name */
  readonly items?: SecretKeyFile[];
}

/**
 * One Secret or ConfigMap in a projected workspace (exactly one of them).
 */
export interface ProjectedSource {
  /** A Secret to project, by name. @default - none */
  readonly secretName?: string;
  /**
   * A Secret to project, as a cdk8s-plus object (referenced by name, never written
   * a second time), instead of `secretName`.
   * @default - none
   */
  readonly secret?: kplus.ISecret;
  /** A ConfigMap to project. @default - none */
  readonly configMapName?: string;
  /** Only these keys, under these file names. @default - every key */
  readonly items?: SecretKeyFile[];
}

/**
 * What a run binds to a pipeline workspace.
 *
 * @example
 * RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) })
 */
export class RunWorkspace {
  /** A fresh PersistentVolumeClaim for each run, deleted with the run. */
  public static volumeClaimTemplate(options: VolumeClaimTemplateOptions): RunWorkspace {
    return new RunWorkspace({
      volumeClaimTemplate: {
        spec: {
          accessModes: [options.accessMode ?? AccessMode.READ_WRITE_ONCE],
          resources: { requests: { storage: quantity(options.storage) } },
          ...(options.storageClassName ? { storageClassName: options.storageClassName } : {}),
        },
      },
    });
  }

  /**
   * An emptyDir: fresh per task pod, so only for data no other task needs (a workspace that one
   * task hands to a task that runs after it is refused: EMPTY_DIR_NOT_SHARED).
   */
  public static emptyDir(): RunWorkspace {
    return new RunWorkspace({ emptyDir: {} });
  }

  /** An existing Secret, for a credentials workspace. */
  public static secret(secretName: string, options: SecretWorkspaceOptions = {}): RunWorkspace {
    const items = options.items?.map((i) => ({ key: i.key, path: i.path }));
    return new RunWorkspace({ secret: { secretName, ...(items && items.length ? { items } : {}) } });
  }

  /**
   * A Secret given as a cdk8s-plus object (a `Secret` of this app, or one
   * imported with `Secret.fromSecretName`), for a credentials workspace: it is
   * referenced by name, never written a second time.
   */
  public static fromSecret(secret: kplus.ISecret, options: SecretWorkspaceOptions = {}): RunWorkspace {
    return RunWorkspace.secret(secret.name, options);
  }

  /**
   * Several Secrets and ConfigMaps in one read-only directory (e.g. a key and its
   * `known_hosts`). Holds secret values when any source is a Secret.
   */
  public static projected(sources: ProjectedSource[]): RunWorkspace {
    return new RunWorkspace({
      projected: {
        sources: sources.map((src) => {
          const items = src.items?.map((i) => ({ key: i.key, path: i.path }));
          const body = { ...(items && items.length ? { items } : {}) };
          const secretName = src.secretName ?? src.secret?.name;
          return secretName ? { secret: { name: secretName, ...body } } : { configMap: { name: src.configMapName, ...body } };
        }),
      },
    }, undefined, [...sources]);
  }

  /** An existing ConfigMap (read-only configuration). */
  public static configMap(name: string): RunWorkspace {
    return new RunWorkspace({ configMap: { name } });
  }

  /**
   * An existing PersistentVolumeClaim shared by every run; needs a relaxation of
   * WORKSPACE_PER_RUN (one run's leftovers are the next run's input).
   */
  public static persistentVolumeClaim(claimName: string): RunWorkspace {
    return new RunWorkspace({ persistentVolumeClaim: { claimName } });
  }

  /**
   * Secrets fetched from Vault by the Secrets Store CSI driver, mounted read-only.
   * The run must be in the SecretProviderClass's namespace.
   */
  public static csi(secretProviderClass: VaultSecretProviderClass): RunWorkspace {
    return new RunWorkspace({
      csi: { driver: SECRETS_STORE_CSI_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass: secretProviderClass.name } },
    }, secretProviderClass);
  }

  private constructor(
    private readonly binding: Record<string, any>,
    /** The SecretProviderClass a csi binding mounts. */
    public readonly secretProviderClass?: VaultSecretProviderClass,
    /** The sources of a projected binding, as given. */
    private readonly sources: ProjectedSource[] = [],
  ) {}

  /** Whether the binding mounts secret values (a Secret or a CSI volume): only credentials workspaces may. */
  public get holdsSecrets(): boolean {
    return 'secret' in this.binding || 'csi' in this.binding
      || (this.binding.projected?.sources ?? []).some((src: any) => 'secret' in src);
  }

  /**
   * `volumeClaimTemplate` or `emptyDir` for a binding to a new, empty volume (which holds no
   * credentials); undefined for any other.
   * @internal
   */
  public _freshVolume(): string | undefined {
    return ['volumeClaimTemplate', 'emptyDir'].find((f) => f in this.binding);
  }

  /**
   * What leaves the binding without a volume (an empty name, no projected source),
   * which Tekton or the API server refuses; undefined when there is none.
   * @internal
   */
  public _problem(): { value: string; problem: string; fix: string } | undefined {
    const b = this.binding;
    if (b.secret && !b.secret.secretName) {
      return { value: 'RunWorkspace.secret(\'\')', problem: 'names no Secret', fix: 'Give the Secret\'s name: RunWorkspace.secret(\'<secret name>\').' };
    }
    if (b.configMap && !b.configMap.name) {
      return { value: 'RunWorkspace.configMap(\'\')', problem: 'names no ConfigMap', fix: 'Give the ConfigMap\'s name: RunWorkspace.configMap(\'<config map name>\').' };
    }
    // names the API server refuses (a Secret, ConfigMap or claim cannot have them); a projected source's name is only
    // required by the API server, but no Secret or ConfigMap has such a name, and the pod waits for it forever
    const names: Array<[string | undefined, string, string, string]> = [
      [b.secret?.secretName, 'RunWorkspace.secret', 'Secret', 'secrets'],
      [b.configMap?.name, 'RunWorkspace.configMap', 'ConfigMap', 'configmaps'],
      [b.persistentVolumeClaim?.claimName, 'RunWorkspace.persistentVolumeClaim', 'PersistentVolumeClaim', 'persistentvolumeclaims'],
      [b.volumeClaimTemplate?.spec?.storageClassName, 'storageClassName', 'StorageClass', 'storageclasses'],
      ...this.sources.map((src, i): [string | undefined, string, string, string] => (src.configMapName !== undefined && !src.secretName && !src.secret
        ? [src.configMapName, `sources[${i}] configMapName`, 'ConfigMap', 'configmaps']
        : [src.secretName ?? src.secret?.name, `sources[${i}] ${src.secretName !== undefined ? 'secretName' : 'secret'}`, 'Secret', 'secrets'])),
    ];
    for (const [name, given, kind, resource] of names) {
      if (name && !isDns1123Subdomain(name)) {
        return {
          value: given === 'storageClassName' || given.startsWith('sources[') ? `${given} '${name}'` : `${given}('${name}')`,
          problem: `is not a name a ${kind} can have (a DNS-1123 subdomain: lower-case letters, digits, "-" and ".")`,
          fix: `Give the ${kind}'s name as kubectl get ${resource} lists it.`,
        };
      }
    }
    // the key files of a Secret or ConfigMap volume, and of each projected source (as `sources[i] `)
    const files: Array<[string, any]> = [
      ...[...(b.secret?.items ?? []), ...(b.configMap?.items ?? [])].map((i: any): [string, any] => ['', i]),
      ...(b.projected?.sources ?? []).flatMap((src: any, n: number) => [...(src.secret?.items ?? []), ...(src.configMap?.items ?? [])]
        .map((i: any): [string, any] => [`sources[${n}] `, i])),
    ];
    const badPath = files.find(([, i]) => typeof i?.path !== 'string' || !isItemPath(i.path));
    if (badPath) {
      return {
        value: `${badPath[0]}items path '${badPath[1].path}'`,
        problem: 'is not a relative path inside the volume (the API server refuses an absolute path, a ".." element or a path that starts with "..")',
        fix: "Give each key's file a relative path such as 'config.json'.",
      };
    }
    // the API server requires a key; the kubelet looks the key up, and no Secret or ConfigMap holds one of another form
    // (Tekton substitutes the run's params into a binding first: a key that holds a reference is the param's value)
    const badKey = files.find(([, i]) => typeof i?.key !== 'string' || (!isSecretKey(i.key) && !i.key.includes('$(')));
    if (badKey) {
      return {
        value: `${badKey[0]}items key '${badKey[1].key}'`,
        problem: 'is not a key a Secret or ConfigMap can hold (letters, digits, "-", "_" and ".", not "." or starting with ".."), so the pod waits for it forever',
        fix: "Give the key as kubectl get shows it, e.g. { key: 'config.json', path: 'config.json' }.",
      };
    }
    // the files of all the sources of a projected volume share one directory
    const firstSource = new Map<string, string>();
    for (const [source, i] of files) {
      if (source === '') continue;
      const earlier = firstSource.get(i.path);
      if (earlier !== undefined) {
        return {
          value: `${source}items path '${i.path}'`,
          problem: `is the path of a file of ${earlier.trim()} too (the API server refuses conflicting duplicate paths)`,
          fix: 'Give each file of a projected workspace its own path.',
        };
      }
      firstSource.set(i.path, source);
    }
    const storage = b.volumeClaimTemplate?.spec?.resources?.requests?.storage;
    if (typeof storage === 'string' && /^0[A-Za-z]*$/.test(storage)) {
      return {
        value: `storage ${storage}`,
        problem: 'requests no storage, which no volume can be provisioned for',
        fix: 'Request the size the task needs: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }).',
      };
    }
    if (b.persistentVolumeClaim && !b.persistentVolumeClaim.claimName) {
      return {
        value: 'RunWorkspace.persistentVolumeClaim(\'\')',
        problem: 'names no PersistentVolumeClaim',
        fix: 'Give the claim\'s name, or use a fresh volume per run: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }).',
      };
    }
    if (b.projected) {
      if (this.sources.length === 0) {
        return { value: 'RunWorkspace.projected([])', problem: 'has no sources', fix: 'Give at least one source: RunWorkspace.projected([{ secretName: \'<secret name>\' }]).' };
      }
      const named = this.sources.map((src) => [src.secretName, src.secret, src.configMapName].filter((x) => !!x).length);
      const i = named.findIndex((n) => n !== 1);
      if (i >= 0) {
        return {
          value: `sources[${i}]`,
          problem: named[i] === 0 ? 'names neither a Secret nor a ConfigMap'
            : this.sources[i].configMapName ? 'names both a Secret and a ConfigMap' : 'names its Secret twice (secretName and secret)',
          fix: 'Give each source exactly one of secretName, secret and configMapName.',
        };
      }
    }
    return undefined;
  }

  /**
   * The binding as written into a run's `spec.workspaces[]`.
   * @internal
   */
  public _render(name: string): Record<string, any> {
    return { name, ...this.binding };
  }
}

/** `Size` as a Kubernetes quantity: `5Gi` when whole gibibytes, else mebibytes. */
function quantity(size: Size): string {
  // kibibytes are the smallest unit of Size: exact, whatever was given
  const ki = size.toKibibytes();
  return ki % (1024 * 1024) === 0 ? `${ki / (1024 * 1024)}Gi` : ki % 1024 === 0 ? `${ki / 1024}Mi` : `${ki}Ki`;
}


/**
 * A relative path inside the volume, as the API server takes a key's `path` (`ValidateLocalNonReservedPath`): not
 * absolute, no `..` element, not starting with `..` (the kubelet's own `..data` and `..<timestamp>` entries).
 */
function isItemPath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.startsWith('..') && !path.split('/').includes('..');
}
