import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as csi from '../imports/secrets-store-secrets-store.csi.x-k8s.io';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { nonEmpty } from '../private/arrays';
import { goHttpsHost } from '../private/go-url';
import { isDns1123Subdomain } from '../private/names';
import { own } from '../private/own';
import { isSecretKey, REQUIRED_SECRET_KEYS } from '../private/secret-types';
import { dotRefusal, fileRefusal, vaultRequestPath } from '../private/secrets-store';

const KIND = 'VaultSecretProviderClass';
/** The audience of the token the provider logs in with unless the props give another: the one the provider takes from the driver by default. */
const DEFAULT_AUDIENCE = 'vault';

/**
 * One secret the provider fetches from Vault and writes as a file.
 */
export interface VaultObject {
  /**
   * File name in the mounted volume, and the name `secretObjects` refer to: letters, digits,
   * `.`, `_` and `-`, at most 255, not `.` and not starting with `..`.
   */
  readonly objectName: string;
  /** Vault path, e.g. `secret/data/ci/registry` (KV v2 paths contain `/data/`); not empty. */
  readonly secretPath: string;
  /**
   * Key inside the Vault secret; not empty (without a key the provider writes the whole Vault
   * response, every key of the secret, into the file).
   */
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
  /** Key in the Kubernetes Secret, e.g. `.dockerconfigjson`: letters, digits, `-`, `_` and `.`. */
  readonly key: string;
  /** A declared `objects[].objectName`. */
  readonly objectName: string;
}

/**
 * A Kubernetes Secret the driver keeps in sync with Vault while a pod mounts the volume.
 */
export interface SyncedSecret {
  /** Name of the Secret (a DNS-1123 subdomain). */
  readonly secretName: string;
  /** Its type. */
  readonly secretType: SyncedSecretType;
  /**
   * Its keys, at least one, each once: with those its type requires (`.dockerconfigjson`;
   * `ssh-privatekey`; `username` or `password`; `tls.crt` and `tls.key`, and no other for TLS).
   */
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
  /**
   * Vault Kubernetes-auth role the pod's ServiceAccount logs in as: letters, digits, `_`, `-`
   * and `.`, beginning and ending with a letter, digit or `_` (the names Vault gives roles).
   */
  readonly roleName: string;
  /** The secrets to fetch; `objectName`s must be unique. */
  readonly objects: VaultObject[];
  /** Vault Enterprise namespace. @default - none */
  readonly vaultNamespace?: string;
  /** Mount path of the Kubernetes auth method. Not together with `vaultAuthMountPath`. @default - the provider's default (`kubernetes`) */
  readonly vaultKubernetesMountPath?: string;
  /** Mount path of the auth method (newer provider versions). Not together with `vaultKubernetesMountPath`. @default - the provider's default */
  readonly vaultAuthMountPath?: string;
  /**
   * CA certificate file that signs Vault's certificate, as a path in the Vault CSI provider's
   * container (the provider reads it, not the run's pod: mount it into the provider's DaemonSet).
   * @default - the system roots
   */
  readonly vaultCACertPath?: string;
  /**
   * Audience of the ServiceAccount token the provider logs in to Vault with. Without one the provider
   * asks for a token of the API server's own audience, which whoever reads it at Vault could use
   * against the cluster until it expires (VAULT_TOKEN_AUDIENCE): give the Vault role the same
   * audience (`vault write auth/kubernetes/role/<name> audience=vault ...`), or Vault's TokenReview
   * refuses the token and the pod never starts. A cloud token exchange's audience (`sts.amazonaws.com`,
   * `api://AzureADTokenExchange`, `<project>.svc.id.goog`, a Google workload identity pool's) is refused
   * too: where the ServiceAccount is federated with that cloud, whoever reads the token at Vault could
   * exchange it for the ServiceAccount's cloud role (relax VAULT_TOKEN_AUDIENCE with a reason if not).
   * @default 'vault'
   */
  readonly audience?: string;
  /**
   * Kubernetes Secrets to keep in sync with the fetched objects. The driver (with its secret sync
   * on) writes each into the namespace when a pod mounts the class, overwriting a Secret of that
   * name, and it stays until the last pod that mounts the class is deleted: whoever may read
   * Secrets in the namespace, or mount one in a pod, reads the Vault values then, without the
   * Vault role. Sync only what a consumer outside the pod needs (Chains' registry credential).
   * @default - none
   */
  readonly secretObjects?: SyncedSecret[];
  /** Relaxations for the SecretProviderClass. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A `secrets-store.csi.x-k8s.io/v1` SecretProviderClass for the HashiCorp Vault provider.
 *
 * The address must be https and TLS verification stays on (`vaultSkipTLSVerify:
 * "false"` is written explicitly); `objects` are typed and serialized to the YAML
 * string the provider expects, each read with GET (no `method` is written). Bind it to a run with `RunWorkspace.csi(spc)`: it is
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
  public readonly namespaceName?: string;
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
    this.namespaceName = Chart.of(this).namespace;
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
      audience: props.audience ?? DEFAULT_AUDIENCE,
    };
    this.apiObject = this.policy.emit(new csi.SecretProviderClass(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        provider: 'vault',
        parameters,
        secretObjects: nonEmpty(this.synced.map((s) => ({
          secretName: s.secretName,
          type: s.secretType,
          data: s.data.map((d) => ({ key: d.key, objectName: d.objectName })),
        }))),
      },
    }), (f) => attributeParameter(f, props));
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
        fix: `Reach Vault over https${httpsAddress(props.vaultAddress)} (give vaultCACertPath for a private CA); this rule cannot be relaxed.`,
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
    // Vault's auth methods create roles at role/<name> with the framework's GenericNameRegex: the provider sends the
    // name as written, and a name no role can have is never found, so the login fails and the pod never starts
    if (!VAULT_ROLE_NAME.test(props.roleName)) {
      throw this.error({
        property: 'roleName',
        value: props.roleName,
        problem: 'is not a name a Vault role can have (letters, digits, "_", "-" and ".", beginning and ending with a letter, digit or "_"): '
          + 'the provider logs in with it as written, Vault finds no such role, and the pod never starts',
        rule: RuleId.VALID_NAME,
        fix: `Give the role's name as vault list auth/kubernetes/role lists it${VAULT_ROLE_NAME.test(props.roleName.trim()) ? `: roleName: '${props.roleName.trim()}'` : ''}.`,
      });
    }
    if (props.vaultKubernetesMountPath && props.vaultAuthMountPath) {
      throw this.error({
        property: 'vaultAuthMountPath',
        value: props.vaultAuthMountPath,
        problem: 'is set together with vaultKubernetesMountPath: the Vault CSI provider refuses the mount ("cannot set both vaultKubernetesMountPath and '
          + 'vaultAuthMountPath"), so the pod never starts',
        rule: RuleId.VALID_SPEC,
        fix: 'Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones.',
      });
    }
    if (this.objects.length === 0) {
      throw this.error({
        property: 'objects',
        problem: 'is empty: the Vault CSI provider refuses the mount ("no secrets configured - the provider will not read any secret material"), so the pod never starts',
        rule: RuleId.VALID_SPEC,
        fix: 'Declare at least one object to fetch.',
      });
    }
    this.objects.forEach((o, i) => {
      const first = this.objects.findIndex((other) => other.objectName === o.objectName);
      if (first < i) {
        throw this.error({
          property: `objects[${i}].objectName`,
          value: o.objectName,
          problem: `is also objects[${first}].objectName: the Vault CSI provider refuses the mount ("each \`objectName\` within a SecretProviderClass must be `
            + `unique, but the following keys were duplicated: ${o.objectName}"), so the pod never starts`,
          rule: RuleId.VALID_NAME,
          fix: 'Give each object a distinct objectName, the name of the file it is written to.',
        });
      }
    });
    this.objects.forEach((o, i) => {
      const refused = objectNameRefusal(o.objectName);
      if (refused !== undefined) {
        throw this.error({
          property: `objects[${i}].objectName`,
          value: typeof o.objectName === 'string' ? o.objectName : String(o.objectName),
          problem: refused,
          rule: RuleId.VALID_NAME,
          fix: 'Name the file the object is written to with letters, digits, ".", "_" and "-" only, at most 255 of them, not "." and not starting '
            + 'with "..", e.g. objectName: \'password\'.',
        });
      }
    });
    this.objects.forEach((o, i) => {
      const at = `objects[${i}]`;
      if (typeof o.secretPath !== 'string' || o.secretPath.trim() === '') {
        throw this.error({
          property: `${at}.secretPath`,
          value: o.secretPath,
          problem: 'is empty (the provider would read the root of Vault\'s API, /v1/): Vault serves no secret there, and the Vault CSI provider fails the mount, '
            + 'so the pod never starts',
          rule: RuleId.VALID_SPEC,
          fix: `Give the Vault path of the secret, e.g. secretPath: 'secret/data/ci/${o.objectName}'.`,
        });
      }
      const requested = vaultRequestPath(o.secretPath);
      if (requested !== undefined) {
        throw this.error({
          property: `${at}.secretPath`,
          value: o.secretPath,
          problem: `makes the provider request ${requested} (it prefixes /v1/ and its Vault client joins the path as Go's path.Join does, the query aside), `
            + 'the root of Vault\'s API or outside it: Vault serves no secret there, and the Vault CSI provider fails the mount, so the pod never starts',
          rule: RuleId.VALID_SPEC,
          fix: `Give the Vault path of the secret, e.g. secretPath: 'secret/data/ci/${o.objectName}'.`,
        });
      }
      if (typeof o.secretKey !== 'string' || o.secretKey === '') {
        throw this.error({
          property: `${at}.secretKey`,
          value: o.secretKey,
          problem: 'is empty (the provider then writes the whole Vault response, every key of the secret, into the file)',
          rule: RuleId.VALID_SPEC,
          fix: 'Name the one key of the Vault secret the file holds, e.g. secretKey: \'password\'.',
        });
      }
      for (const [field, text] of [['secretPath', o.secretPath], ['secretKey', o.secretKey]] as const) {
        if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
          throw this.error({
            property: `${at}.${field}`,
            value: text,
            problem: 'holds a lone UTF-16 surrogate, which no YAML text can carry (the provider refuses the objects)',
            rule: RuleId.VALID_SPEC,
            fix: `Write the ${field} as well-formed text.`,
          });
        }
      }
      if (/^(secret|kv)\//.test(o.secretPath) && !o.secretPath.includes('/data/')) {
        this.warnings.push(`${at}.secretPath "${o.secretPath}" has no "/data/": a KV version 2 engine needs "<mount>/data/<path>".`);
      }
    });
    this.synced.forEach((s, i) => this.checkSynced(s, i));
    this.checkDistinct('secretObjects', this.synced.map((s) => s.secretName), 'secretName',
      'Give each synced Secret a distinct secretName, or sync every key in one Secret.');
  }

  /** A synced Secret the driver can create: a valid name, keys the API server accepts for its type. */
  private checkSynced(s: SyncedSecret, index: number): void {
    const at = `secretObjects[${index}]`;
    if (!isDns1123Subdomain(s.secretName)) {
      throw this.error({
        property: `${at}.secretName`,
        value: s.secretName,
        problem: 'is not a name a Secret can have (a DNS-1123 subdomain: lower-case letters, digits, "-" and "."), so the driver cannot create it',
        rule: RuleId.VALID_NAME,
        fix: 'Give the synced Secret a name such as secretName: \'registry-push\'.',
      });
    }
    if (s.data.length === 0) {
      throw this.error({
        property: `${at}.data`,
        problem: 'is empty (the driver syncs no Secret without data)',
        rule: RuleId.VALID_SPEC,
        fix: `Map at least one key to an object: data: [{ key: '<key>', objectName: '${this.objectNames[0]}' }].`,
      });
    }
    s.data.forEach((d, j) => {
      if (!isSecretKey(d.key)) {
        throw this.error({
          property: `${at}.data[${j}].key`,
          value: d.key,
          problem: 'is not a key a Secret can hold (letters, digits, "-", "_" and ".", not "." or starting with ".."), so the API server refuses the Secret',
          rule: RuleId.VALID_NAME,
          fix: 'Use a key such as \'token\' or \'.dockerconfigjson\'.',
        });
      }
    });
    this.checkDistinct(`${at}.data`, s.data.map((d) => d.key), 'key', 'Give each key of the Secret once, each filled from one object.');
    const keys = new Set(s.data.map((d) => d.key));
    const missing = (own(REQUIRED_SECRET_KEYS, s.secretType) ?? []).filter((oneOf) => !oneOf.some((k) => keys.has(k)));
    if (missing.length > 0) {
      throw this.error({
        property: `${at}.data`,
        value: [...keys].join(','),
        problem: `has no key ${missing.map((oneOf) => oneOf.join(' or ')).join(' and ')}, without which the API server refuses a Secret of type ${s.secretType} (the driver never creates it)`,
        rule: RuleId.VALID_SPEC,
        fix: `Add { key: '${missing[0][0]}', objectName: '<object>' } to data, or sync it as SyncedSecretType.OPAQUE.`,
      });
    }
    if (s.secretType === SyncedSecretType.TLS) {
      const other = s.data.findIndex((d) => d.key !== 'tls.crt' && d.key !== 'tls.key');
      if (other >= 0) {
        throw this.error({
          property: `${at}.data[${other}].key`,
          value: s.data[other].key,
          problem: 'is not tls.crt or tls.key, the only keys the driver fills in a kubernetes.io/tls Secret (it refuses to sync any other)',
          rule: RuleId.VALID_SPEC,
          fix: 'Sync the other object in a second Secret of type SyncedSecretType.OPAQUE.',
        });
      }
    }
    s.data.forEach((d, j) => {
      if (!this.objectNames.includes(d.objectName)) {
        throw this.error({
          property: `${at}.data[${j}].objectName`,
          value: d.objectName,
          problem: 'is not a declared object',
          rule: RuleId.VALID_REFERENCE,
          fix: `Use one of: ${this.objectNames.join(', ')}.`,
        });
      }
    });
  }

  /** Refuses the second of two equal `field`s of the list `list`, naming both by index as the props hold them. */
  private checkDistinct(list: string, names: readonly string[], field: string, fix: string): void {
    names.forEach((name, i) => {
      const first = names.indexOf(name);
      if (first < i) {
        throw this.error({
          property: `${list}[${i}].${field}`,
          value: name,
          problem: `is also ${list}[${first}].${field}`,
          rule: RuleId.VALID_NAME,
          fix,
        });
      }
    });
  }
}

/**
 * Why an object's name is no file the Secrets Store CSI driver writes for the construct (undefined when it is one): the driver
 * writes each object as a file of that path in the volume (kubernetes-sigs/secrets-store-csi-driver v1.6 pkg/util/fileutil,
 * whose atomic writer keeps its own `..data` link and `..<time>` directories beside the files), and the construct writes each
 * as a plain name of the volume's top directory.
 */
function objectNameRefusal(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'is not a string';
  if (name === '') return 'is empty: the Secrets Store CSI driver refuses a file with an empty path ("invalid path: must not be empty"), so the pod never starts';
  const driver = dotRefusal(name) ?? fileRefusal(name);
  if (driver !== undefined) return `${driver}: the Secrets Store CSI driver cannot write it and fails the mount, so the pod never starts`;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return 'holds a character other than letters, digits, ".", "_" and "-" (VaultSecretProviderClass writes each object as a file of the volume\'s top directory)';
  }
  return undefined;
}

/**
 * `: vaultAddress: '<the https address>'` for an address that is one but for white space around
 * it, an `http` scheme or a missing `//`; '' when there is no obvious one.
 */
function httpsAddress(address: unknown): string {
  if (typeof address !== 'string') return '';
  const trimmed = address.trim();
  const m = /^(https?):(?:\/\/)?(.*)$/i.exec(trimmed);
  const candidate = goHttpsHost(trimmed) !== undefined ? trimmed : m ? `https://${m[2]}` : undefined;
  return candidate !== undefined && goHttpsHost(candidate) !== undefined ? `: vaultAddress: '${candidate.replace(/[\\']/g, (c) => `\\${c}`)}'` : '';
}

/**
 * A name a Vault role can have: Vault's auth methods (Kubernetes, JWT) serve roles at
 * `role/<name>` with the plugin framework's `GenericNameRegex`, `\w(([\w-.]+)?\w)?` (Go's `\w`
 * is ASCII), and look a login's role up by that name lower-cased.
 */
const VAULT_ROLE_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;

/** The props the construct writes each parameter from. */
const PROP_OF_PARAMETER: Readonly<Record<string, keyof VaultSecretProviderClassProps>> = {
  vaultAddress: 'vaultAddress',
  roleName: 'roleName',
  objects: 'objects',
  vaultNamespace: 'vaultNamespace',
  vaultKubernetesMountPath: 'vaultKubernetesMountPath',
  vaultAuthMountPath: 'vaultAuthMountPath',
  vaultCACertPath: 'vaultCACertPath',
  audience: 'audience',
};

/** A finding on a parameter the construct wrote from a prop, restated as that prop. */
function attributeParameter(f: Finding, props: VaultSecretProviderClassProps): Attribution | undefined {
  const prop = f.property.startsWith('parameters.') ? PROP_OF_PARAMETER[f.property.slice('parameters.'.length)] : undefined;
  if (prop === undefined || props[prop] === undefined) return undefined;
  const fix = f.rule === RuleId.VAULT_TOKEN_AUDIENCE ? AUDIENCE_PROP_FIX : f.fix;
  return {
    property: prop,
    value: f.value,
    problem: f.problem,
    ...(fix === undefined ? {} : { fix }),
    // a fix of the props' own says nothing of relaxing, as the rule's did not
    ...(fix === f.fix ? {} : { thenRelaxHint: true }),
  };
}

/** VAULT_TOKEN_AUDIENCE's fix in the words of the props (the rule's own names the YAML parameter). */
const AUDIENCE_PROP_FIX = `Leave audience out of the props (the construct then writes audience: '${DEFAULT_AUDIENCE}') or write one only Vault accepts, `
  + `and give the Vault role the same audience (vault write auth/kubernetes/role/<role> audience=${DEFAULT_AUDIENCE} …).`;

/** `objects` as the provider reads it: a YAML list of double-quoted scalars. */
function objectsYaml(objects: readonly VaultObject[]): string {
  return objects.map((o) => [
    `- objectName: ${yamlQuoted(o.objectName)}`,
    `  secretPath: ${yamlQuoted(o.secretPath)}`,
    `  secretKey: ${yamlQuoted(o.secretKey)}`,
  ].join('\n')).join('\n') + '\n';
}

/**
 * `text` as a YAML double-quoted scalar that reads back as `text`: JSON's quoting (a JSON string
 * is a YAML one), with DEL and the C1 controls escaped too (a YAML parser refuses DEL, and reads
 * NEL, U+2028 and U+2029 as line breaks that fold into a space), and the byte order mark.
 */
function yamlQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
