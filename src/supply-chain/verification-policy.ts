import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as tekton from '../imports/tekton-tekton.dev';
import { RemoteTask } from '../pipeline/remote-task';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { compilesAsRe2 } from '../private/go-regexp';
import { isKmsUri, KMS_SCHEMES_TEXT } from '../private/kms';
import { namespaceOf, writtenObjectOf } from '../private/kplus';
import { dnsLabelLike, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { publicKeyPemProblem } from '../private/public-keys';
import { tsString } from '../private/text';

const KIND = 'VerificationPolicy';

const PEM_BEGIN = '-----BEGIN PUBLIC KEY-----';
const PEM_END = '-----END PUBLIC KEY-----';

/**
 * What Tekton does when a resource fails verification.
 */
export enum VerificationMode {
  /** `enforce`: the TaskRun or PipelineRun fails. */
  ENFORCE = 'enforce',
  /** `warn`: it runs anyway and a warning is logged; needs a relaxation of VERIFICATION_ENFORCED. */
  WARN = 'warn',
}

/**
 * Hash algorithms a verification key is used with.
 */
export enum HashAlgorithm {
  /** `sha224` */
  SHA224 = 'sha224',
  /** `sha256` (Tekton's default) */
  SHA256 = 'sha256',
  /** `sha384` */
  SHA384 = 'sha384',
  /** `sha512` */
  SHA512 = 'sha512',
}

/**
 * A Secret holding one public key.
 */
export interface PublicKeySecret {
  /**
   * Name of the Secret; it must hold exactly one key (e.g. `cosign.pub`). Or give `secret`.
   * @default - the name of `secret`
   */
  readonly secretName?: string;
  /**
   * The Secret as a cdk8s-plus object (a `Secret` of this app, or one imported
   * with `Secret.fromSecretName`), instead of `secretName`: referenced, never
   * written a second time.
   * @default - the Secret named `secretName`
   */
  readonly secret?: kplus.ISecret;
  /** Its namespace. @default - the namespace of `secret` when it is defined in this app, else the chart's namespace */
  readonly secretNamespace?: string;
}

/**
 * The public key an authority verifies signatures with.
 *
 * @example
 * VerificationKey.fromSecret({ secretName: 'tekton-signing-pub', secretNamespace: 'tekton-pipelines' })
 */
export class VerificationKey {
  /** A key in a Secret. */
  public static fromSecret(secret: PublicKeySecret): VerificationKey {
    return new VerificationKey(secret.secretName ?? secret.secret?.name, secret.secretNamespace, undefined, undefined, secret);
  }

  /** An inline PEM public key (`-----BEGIN PUBLIC KEY-----`). */
  public static fromPem(pem: string): VerificationKey {
    return new VerificationKey(undefined, undefined, pem, undefined);
  }

  /** A key in a KMS: a gcpkms://, awskms://, azurekms:// or hashivault:// URI. */
  public static fromKms(uri: string): VerificationKey {
    return new VerificationKey(undefined, undefined, undefined, uri);
  }

  private constructor(
    /** Name of the Secret, for Secret keys. */
    public readonly secretName: string | undefined,
    /** Namespace of the Secret, when given. */
    public readonly secretNamespace: string | undefined,
    /** The PEM, for inline keys. */
    public readonly pem: string | undefined,
    /** The URI, for KMS keys. */
    public readonly kmsUri: string | undefined,
    private readonly given?: PublicKeySecret,
  ) {}

  /** @internal The Secret as given to `fromSecret`. */
  public get _secret(): PublicKeySecret | undefined {
    return this.given;
  }
}

/**
 * One key resources may be signed with.
 */
export interface VerificationAuthority {
  /** Name of the authority; unique in the policy. */
  readonly name: string;
  /** The public key. */
  readonly key: VerificationKey;
  /** Hash algorithm the key is used with. @default - Tekton's default, HashAlgorithm.SHA256 */
  readonly hashAlgorithm?: HashAlgorithm;
}

/**
 * Props of a VerificationPolicy.
 */
export interface VerificationPolicyProps {
  /** `metadata.name`. @default - the construct id */
  readonly name?: string;
  /**
   * The remote tasks the policy covers: each adds the pattern that matches exactly
   * its source (`RemoteTask.sourcePattern`). Add more with `addRemoteTask`.
   * @default - none (then `resources` must name at least one pattern)
   */
  readonly remoteTasks?: RemoteTask[];
  /**
   * More patterns: regular expressions (Go RE2) matching the sources of the
   * resources the policy covers, e.g. `^https://github\.com/my-org/tekton-catalog\.git$`.
   * Tekton v1.15 matches the whole source (it wraps a pattern in `^(?:…)$` unless it
   * starts with `^` and ends with `$`); anchor them anyway, as older versions match a
   * pattern anywhere in the source.
   * @default - none (then `remoteTasks` must name at least one task)
   */
  readonly resources?: string[];
  /** The keys resources must be signed with (a resource passes with any one of them); at least one. */
  readonly authorities: VerificationAuthority[];
  /** What a failed verification does; WARN needs a relaxation of VERIFICATION_ENFORCED. @default VerificationMode.ENFORCE */
  readonly mode?: VerificationMode;
  /** Relaxations for the policy. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A `tekton.dev/v1alpha1` VerificationPolicy (trusted resources): Tasks and Pipelines
 * that a resolver fetches from the matching sources must carry a signature from one
 * of the authorities before they run.
 *
 * Tekton verifies only what a resolver fetches (bundles, git, hub, cluster, http),
 * never a Task referenced by name, and uses the policies of the run's namespace:
 * build the policy from the `RemoteTask`s it protects (`remoteTasks`), which gives
 * one pattern matching exactly each task's source. A policy that matches no source
 * the app's pipelines fetch is refused (VERIFICATION_POLICY_USED), and so is a
 * remote task that no policy matches (REMOTE_REFERENCE_VERIFIED).
 *
 * `mode: enforce` is written explicitly, so a resource that fails verification fails
 * its run. Patterns must compile, inline keys must be PEM public keys and KMS keys
 * must use a supported scheme. Resources no policy matches are governed by Tekton's
 * `trusted-resources-verification-no-match-policy` feature flag (set it to `fail`).
 *
 * @example
 * const gitClone = RemoteTask.fromBundle(chart, 'git-clone', {
 *   bundle: 'ghcr.io/example/tekton-tasks@sha256:4b0c8c0d29b0ed5ae3c34e8d27ff7d4a6e2dfcff6f56a4a9b7c5b4d6e3f2a1b0',
 *   content: TaskContent.fromFile('tasks/git-clone.yaml'),
 * });
 * new VerificationPolicy(chart, 'tasks', {
 *   remoteTasks: [gitClone], // matches its bundle's repository, exactly
 *   authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'tasks-signing-pub' }) }],
 * });
 */
export class VerificationPolicy extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** What a failed verification does. */
  public readonly mode: VerificationMode;
  /** The emitted VerificationPolicy. */
  public readonly apiObject: ApiObject;

  private readonly policy: ConstructPolicy;
  private readonly patterns: string[] = [];
  private readonly tasks: RemoteTask[] = [];

  constructor(scope: Construct, id: string, props: VerificationPolicyProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.mode = props.mode ?? VerificationMode.ENFORCE;
    this.policy.checkName('name', this.name);
    this.policy.relax(props.relaxations);
    this.checkResources(props.resources ?? [], props.remoteTasks ?? []);
    this.patterns.push(...props.resources ?? []);
    (props.remoteTasks ?? []).forEach((t) => this.addRemoteTask(t));
    if (props.authorities.length === 0) {
      throw this.error({
        property: 'authorities',
        problem: 'is empty',
        fix: 'Give at least one authority with the public key the resources are signed with.',
        rule: RuleId.VALID_SPEC,
      });
    }
    this.policy.checkUnique('authorities', props.authorities.map((a) => a.name));
    const authorities = props.authorities.map((a) => this.authority(a));

    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      ...tekton.VerificationPolicy.GVK,
      metadata: { name: this.name },
      // remote tasks may be added after construction: render the patterns at synth
      spec: Lazy.any({
        produce: () => tekton.toJson_VerificationPolicySpec({
          resources: this.resources.map((pattern) => ({ pattern })),
          authorities,
          mode: this.mode,
        }),
      }),
    }));
  }

  /**
   * Cover a remote task: adds the pattern that matches exactly its source (once,
   * however often it is added).
   */
  public addRemoteTask(task: RemoteTask): void {
    if (!this.tasks.includes(task)) this.tasks.push(task);
  }

  /** The patterns written, in order: `resources`, then one per remote task (duplicates once). */
  public get resources(): string[] {
    return [...new Set([...this.patterns, ...this.tasks.map((t) => t.sourcePattern)])];
  }

  /** The remote tasks the policy covers. */
  public get remoteTasks(): RemoteTask[] {
    return [...this.tasks];
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private checkResources(patterns: readonly string[], tasks: readonly RemoteTask[]): void {
    if (patterns.length === 0 && tasks.length === 0) {
      throw this.error({
        property: 'resources',
        problem: 'is empty',
        fix: 'Give the remote tasks the policy covers (remoteTasks: [task]), or at least one pattern of the resource sources it covers, e.g. \'^https://github\\.com/my-org/catalog\\.git$\'.',
        rule: RuleId.VALID_SPEC,
      });
    }
    patterns.forEach((pattern, i) => {
      // a plain JavaScript caller may write the CRD's shape, { pattern: '...' }
      if (typeof pattern !== 'string') {
        const given = (pattern as any)?.pattern;
        throw this.error({
          property: `resources[${i}]`,
          value: JSON.stringify(pattern) ?? String(pattern),
          problem: 'is not a string',
          fix: `Give each pattern as a string: resources: [${typeof given === 'string' ? tsString(given) : "'^https://github\\.com/my-org/catalog\\.git$'"}].`,
          rule: RuleId.VALID_SPEC,
        });
      }
      if (!compilesAsRe2(pattern)) {
        throw this.error({
          property: 'resources',
          value: pattern,
          problem: 'is not a valid regular expression',
          fix: 'Tekton compiles each pattern as a Go (RE2) regular expression, which has no lookaround or backreferences: fix its syntax.',
          rule: RuleId.VALID_SPEC,
        });
      }
    });
  }

  /** The CRD's authority, after checking its key. */
  private authority(a: VerificationAuthority): tekton.VerificationPolicySpecAuthorities {
    const where = `authorities[${a.name}].key`;
    const k = a.key;
    let key: tekton.VerificationPolicySpecAuthoritiesKey;
    if (k.pem !== undefined) {
      const pem = k.pem.trim();
      if (!pem.startsWith(PEM_BEGIN) || !pem.endsWith(PEM_END)) {
        // Only the first line is quoted: the value might be a private key.
        throw this.error({
          property: `${where}.data`,
          value: pem.split('\n')[0],
          problem: 'is not a PEM public key',
          fix: `Give the public key in PEM ("${PEM_BEGIN}" ... "${PEM_END}", e.g. cosign.pub), never a private key.`,
          rule: RuleId.VALID_SPEC,
        });
      }
      const problem = publicKeyPemProblem(pem);
      if (problem !== undefined) {
        throw this.error({
          property: `${where}.data`,
          value: pem.split('\n')[0],
          problem: `${problem}: Tekton could not load the key, and every run this policy matches would fail`,
          fix: 'Give the RSA, ECDSA (P-256, P-384 or P-521) or Ed25519 public key the resources are signed with, in PEM as `cosign public-key` prints it.',
          rule: RuleId.VALID_SPEC,
        });
      }
      key = { data: k.pem };
    } else if (k.kmsUri !== undefined) {
      if (!isKmsUri(k.kmsUri)) {
        throw this.error({
          property: `${where}.kms`,
          value: k.kmsUri,
          problem: 'is not a key reference sigstore accepts (Tekton could not load the key, and verification would fail every run)',
          fix: `Use a key reference of the form ${KMS_SCHEMES_TEXT}.`,
          rule: RuleId.VALID_SPEC,
        });
      }
      key = { kms: k.kmsUri };
    } else {
      const given = k._secret?.secret;
      if (given && k._secret?.secretName !== undefined && k._secret.secretName !== given.name) {
        throw this.error({
          property: `${where}.secretRef.name`,
          value: k._secret.secretName,
          problem: `differs from the name of secret '${given.name}' (${given.node.path})`,
          fix: 'Give either secretName or secret to VerificationKey.fromSecret, not both.',
          rule: RuleId.VALID_REFERENCE,
        });
      }
      if (k.secretName === undefined) {
        throw this.error({
          property: `${where}.secretRef.name`,
          problem: 'is not set',
          fix: "Name the Secret: VerificationKey.fromSecret({ secretName: '<name>' }), or give it as a cdk8s-plus object: VerificationKey.fromSecret({ secret }).",
          rule: RuleId.VALID_SPEC,
        });
      }
      // Tekton gets the Secret when it verifies: a name no Secret can have fails every run the policy matches
      const unloadable = 'Tekton could not load the key, and every run this policy matches would fail';
      if (!isDns1123Subdomain(k.secretName)) {
        const like = k.secretName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/-+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 253);
        throw this.error({
          property: `${where}.secretRef.name`,
          value: k.secretName,
          problem: `is not a DNS-1123 subdomain, so no Secret has this name: ${unloadable}`,
          fix: `Give the Secret's name: at most 253 lower-case letters, digits, '-' and '.', e.g. VerificationKey.fromSecret({ secretName: '${isDns1123Subdomain(like) ? like : 'cosign-pub'}' }).`,
          rule: RuleId.VALID_SPEC,
        });
      }
      const namespace = k.secretNamespace ?? (given && writtenObjectOf(given) ? namespaceOf(given) : undefined) ?? Chart.of(this).namespace;
      if (namespace !== undefined && !isDns1123Label(namespace)) {
        throw this.error({
          property: `${where}.secretRef.namespace`,
          value: namespace,
          problem: `is not a DNS-1123 label, so no namespace has this name: ${unloadable}`,
          fix: `Give the namespace of the Secret: at most 63 lower-case letters, digits and '-', e.g. secretNamespace: '${dnsLabelLike(namespace) ?? 'tekton-pipelines'}'.`,
          rule: RuleId.VALID_SPEC,
        });
      }
      if (namespace === undefined) {
        throw this.error({
          property: `${where}.secretRef.namespace`,
          problem: 'is not set',
          fix: 'Give secretNamespace, or a namespace to the chart: Tekton looks the Secret up in the namespace named here.',
          rule: RuleId.VALID_SPEC,
        });
      }
      key = { secretRef: { name: k.secretName, namespace } };
    }
    return { name: a.name, key: { ...key, hashAlgorithm: a.hashAlgorithm } };
  }
}
