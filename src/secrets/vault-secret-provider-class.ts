import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as csi from '../imports/secrets-store-secrets-store.csi.x-k8s.io';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { nonEmpty } from '../private/arrays';
import { goHttpsHost } from '../private/go-url';

const KIND = 'VaultSecretProviderClass';

/**
 * One secret the provider fetches from Vault and writes as a file.
 */
export interface VaultObject {
  /** File name in the mounted volume, and the name `secretObjects` refer to. */
  readonly objectName: string;
  /** Vault path, e.g. `secret/data/ci/registry` (KV v2 paths contain `/data/`). */
  readonly secretPath: string;
  /** Key inside the Vault secret. */
  readonly secretKey: string;
}

/**
 * Types of Kubernetes Secret the driver can sync.
 */
export enum SyncedSecretType {
  /** `Opaque` */
  OPAQUE = 'Opaque',
  /** `kubernetes.io/dockerconfigjson` (registry credentials, key `.dockerconfigjson`) */
  DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson',
  /** `kubernetes.io/ssh-auth` (key `ssh-privatekey`) */
  SSH_AUTH = 'kubernetes.io/ssh-auth',
  /** `kubernetes.io/basic-auth` (keys `username`, `password`) */
  BASIC_AUTH = 'kubernetes.io/basic-auth',
  /** `kubernetes.io/tls` */
  TLS = 'kubernetes.io/tls',
}

/**
 * One key of a synced Secret and the Vault object it is filled from.
 */
export interface SyncedSecretKey {
  /** Key in the Kubernetes Secret, e.g. `.dockerconfigjson`. */
  readonly key: string;
  /** A declared `objects[].objectName`. */
  readonly objectName: string;
}

/**
 * A Kubernetes Secret the driver keeps in sync with Vault while a pod mounts the volume.
 */
export interface SyncedSecret {
  /** Name of the Secret. */
  readonly secretName: string;
  /** Its type. */
  readonly type: SyncedSecretType;
  /** Its keys. */
  readonly data: SyncedSecretKey[];
}

/**
 * Props of a VaultSecretProviderClass.
 */
export interface VaultSecretProviderClassProps {
  /** `metadata.name`. @default - the construct id */
  readonly name?: string;
  /**
   * Vault address; must be an https URL with a host as Go's `url.Parse` (which the
   * provider uses) reads it: no white space around it, no `https:host` without `//`.
   */
  readonly vaultAddress: string;
  /** Vault Kubernetes-auth role the pod's ServiceAccount logs in as. */
  readonly roleName: string;
  /** The secrets to fetch; `objectName`s must be unique. */
  readonly objects: VaultObject[];
  /** Vault Enterprise namespace. @default - none */
  readonly vaultNamespace?: string;
  /** Mount path of the Kubernetes auth method. Not together with `vaultAuthMountPath`. @default - the provider's default (`kubernetes`) */
  readonly vaultKubernetesMountPath?: string;
  /** Mount path of the auth method (newer provider versions). Not together with `vaultKubernetesMountPath`. @default - the provider's default */
  readonly vaultAuthMountPath?: string;
  /** CA certificate file (on the node) that signs Vault's certificate. @default - the system roots */
  readonly vaultCACertPath?: string;
  /** Audience of the ServiceAccount token sent to Vault. @default - the provider's default */
  readonly audience?: string;
  /** Kubernetes Secrets to keep in sync with the fetched objects. @default - none */
  readonly secretObjects?: SyncedSecret[];
  /** Relaxations for the SecretProviderClass. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A `secrets-store.csi.x-k8s.io/v1` SecretProviderClass for the HashiCorp Vault provider.
 *
 * The address must be https and TLS verification stays on (`vaultSkipTLSVerify:
 * "false"` is written explicitly); `objects` are typed and serialized to the YAML
 * string the provider expects. Bind it to a run with `RunWorkspace.csi(spc)`: it is
 * mounted read-only, for the trusted task that declares the credentials workspace.
 *
 * @example
 * new VaultSecretProviderClass(chart, 'registry', {
 *   vaultAddress: 'https://vault.example.com:8200',
 *   roleName: 'ci-push',
 *   objects: [{ objectName: 'config.json', secretPath: 'secret/data/ci/registry', secretKey: 'dockerconfigjson' }],
 * });
 */
export class VaultSecretProviderClass extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** Namespace (the chart's); runs that mount it must be in the same one. */
  public readonly namespace?: string;
  /** The emitted SecretProviderClass. */
  public readonly apiObject: ApiObject;
  /** Warnings about likely mistakes that are not refused (e.g. a KV v2 path without `/data/`). */
  public readonly warnings: string[] = [];

  private readonly objects: VaultObject[];
  private readonly synced: SyncedSecret[];
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: VaultSecretProviderClassProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.namespace = Chart.of(this).namespace;
    this.objects = [...props.objects];
    this.synced = [...(props.secretObjects ?? [])];
    this.policy.checkName('name', this.name);
    this.policy.relax(props.relaxations);
    this.check(props);

    const parameters: Record<string, string> = {
      vaultAddress: props.vaultAddress,
      vaultSkipTLSVerify: 'false',
      roleName: props.roleName,
      objects: objectsYaml(this.objects),
      ...(props.vaultNamespace ? { vaultNamespace: props.vaultNamespace } : {}),
      ...(props.vaultKubernetesMountPath ? { vaultKubernetesMountPath: props.vaultKubernetesMountPath } : {}),
      ...(props.vaultAuthMountPath ? { vaultAuthMountPath: props.vaultAuthMountPath } : {}),
      ...(props.vaultCACertPath ? { vaultCACertPath: props.vaultCACertPath } : {}),
      ...(props.audience ? { audience: props.audience } : {}),
    };
    this.apiObject = this.policy.emit(new csi.SecretProviderClass(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        provider: 'vault',
        parameters,
        secretObjects: nonEmpty(this.synced.map((s) => ({
          secretName: s.secretName,
          type: s.type,
          data: s.data.map((d) => ({ key: d.key, objectName: d.objectName })),
        }))),
      },
    }));
    for (const w of this.warnings) console.warn(`[${KIND} ${this.node.path}] ${w}`);
  }

  /** Names of the declared objects. */
  public get objectNames(): string[] {
    return this.objects.map((o) => o.objectName);
  }

  /** The Secrets kept in sync. */
  public get syncedSecrets(): SyncedSecret[] {
    return [...this.synced];
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private check(props: VaultSecretProviderClassProps): void {
    if (typeof props.vaultAddress !== 'string' || goHttpsHost(props.vaultAddress) === undefined) {
      throw this.error({
        property: 'vaultAddress',
        value: props.vaultAddress,
        problem: 'is not an https:// URL',
        rule: RuleId.VAULT_TLS,
        fix: 'Reach Vault over https (give vaultCACertPath for a private CA); this rule cannot be relaxed.',
      });
    }
    if (props.roleName.trim() === '') {
      throw this.error({
        property: 'roleName',
        value: props.roleName,
        problem: 'is empty',
        rule: RuleId.VALID_SPEC,
        fix: 'Name the Vault Kubernetes-auth role the run logs in as.',
      });
    }
    if (props.vaultKubernetesMountPath && props.vaultAuthMountPath) {
      throw this.error({
        property: 'vaultAuthMountPath',
        value: props.vaultAuthMountPath,
        problem: 'is set together with vaultKubernetesMountPath',
        rule: RuleId.VALID_SPEC,
        fix: 'Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones.',
      });
    }
    if (this.objects.length === 0) {
      throw this.error({ property: 'objects', problem: 'is empty', rule: RuleId.VALID_SPEC, fix: 'Declare at least one object to fetch.' });
    }
    this.policy.checkUnique('objects', this.objectNames);
    for (const o of this.objects) {
      if (!/^[A-Za-z0-9._-]+$/.test(o.objectName) || o.objectName === '.' || o.objectName === '..') {
        throw this.error({
          property: 'objects',
          value: o.objectName,
          problem: 'is not a valid file name',
          rule: RuleId.VALID_NAME,
          fix: 'Use letters, digits, ".", "_" and "-" only.',
        });
      }
      if (/^(secret|kv)\//.test(o.secretPath) && !o.secretPath.includes('/data/')) {
        this.warnings.push(`objects[${o.objectName}].secretPath "${o.secretPath}" has no "/data/": a KV version 2 engine needs "<mount>/data/<path>".`);
      }
    }
    this.policy.checkUnique('secretObjects', this.synced.map((s) => s.secretName));
    for (const s of this.synced) {
      for (const d of s.data) {
        if (!this.objectNames.includes(d.objectName)) {
          throw this.error({
            property: `secretObjects[${s.secretName}].data[${d.key}].objectName`,
            value: d.objectName,
            problem: 'is not a declared object',
            rule: RuleId.VALID_REFERENCE,
            fix: `Use one of: ${this.objectNames.join(', ')}.`,
          });
        }
      }
    }
  }
}

/** `objects` as the provider reads it: a YAML list (JSON-quoted scalars are valid YAML). */
function objectsYaml(objects: readonly VaultObject[]): string {
  return objects.map((o) => [
    `- objectName: ${JSON.stringify(o.objectName)}`,
    `  secretPath: ${JSON.stringify(o.secretPath)}`,
    `  secretKey: ${JSON.stringify(o.secretKey)}`,
  ].join('\n')).join('\n') + '\n';
}
