import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as tekton from '../imports/tekton-tekton.dev';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { isKmsUri, KMS_SCHEMES_TEXT } from '../private/kms';

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
  /** Name of the Secret; it must hold exactly one key (e.g. `cosign.pub`). */
  readonly secretName: string;
  /** Its namespace. @default - the chart's namespace */
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
    return new VerificationKey(secret.secretName, secret.secretNamespace, undefined, undefined);
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
  ) {}
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
   * Regular expressions (Go RE2) matching the sources of the resources the policy
   * covers, e.g. `^https://github\.com/my-org/tekton-catalog\.git$`; at least one.
   * Anchor them with `^` and `$`: some Tekton versions match a pattern anywhere in the source.
   */
  readonly resources: string[];
  /** The keys resources must be signed with (a resource passes with any one of them); at least one. */
  readonly authorities: VerificationAuthority[];
  /** What a failed verification does; WARN needs a relaxation of VERIFICATION_ENFORCED. @default VerificationMode.ENFORCE */
  readonly mode?: VerificationMode;
  /** Relaxations for the policy. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A `tekton.dev/v1alpha1` VerificationPolicy (trusted resources): Tasks and Pipelines
 * from the matching sources must carry a signature from one of the authorities.
 *
 * `mode: enforce` is written explicitly, so a resource that fails verification fails
 * its run. Patterns must compile, inline keys must be PEM public keys and KMS keys
 * must use a supported scheme. Resources no policy matches are governed by Tekton's
 * `trusted-resources-verification-no-match-policy` feature flag (set it to `fail`).
 *
 * @example
 * new VerificationPolicy(chart, 'catalog', {
 *   resources: ['^https://github\\.com/my-org/tekton-catalog\\.git$'],
 *   authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'catalog-signing-pub' }) }],
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

  constructor(scope: Construct, id: string, props: VerificationPolicyProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.mode = props.mode ?? VerificationMode.ENFORCE;
    this.policy.checkName('name', this.name);
    this.policy.relax(props.relaxations);
    this.checkResources(props.resources);
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

    this.apiObject = this.policy.emit(new tekton.VerificationPolicy(this, 'Resource', {
      metadata: { name: this.name },
      spec: {
        resources: props.resources.map((pattern) => ({ pattern })),
        authorities,
        mode: this.mode,
      },
    }));
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private checkResources(patterns: readonly string[]): void {
    if (patterns.length === 0) {
      throw this.error({
        property: 'resources',
        problem: 'is empty',
        fix: 'Give at least one pattern of the resource sources the policy covers, e.g. \'^https://github\\.com/my-org/catalog\\.git$\'.',
        rule: RuleId.VALID_SPEC,
      });
    }
    for (const pattern of patterns) {
      if (!compilesAsRe2(pattern)) {
        throw this.error({
          property: 'resources',
          value: pattern,
          problem: 'is not a valid regular expression',
          fix: 'Tekton compiles each pattern as a Go (RE2) regular expression, which has no lookaround or backreferences: fix its syntax.',
          rule: RuleId.VALID_SPEC,
        });
      }
    }
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
      key = { data: k.pem };
    } else if (k.kmsUri !== undefined) {
      if (!isKmsUri(k.kmsUri)) {
        throw this.error({
          property: `${where}.kms`,
          value: k.kmsUri,
          problem: 'does not use a supported scheme',
          fix: `Use a ${KMS_SCHEMES_TEXT} URI.`,
          rule: RuleId.VALID_SPEC,
        });
      }
      key = { kms: k.kmsUri };
    } else {
      const namespace = k.secretNamespace ?? Chart.of(this).namespace;
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

/**
 * Whether Go's RE2, which Tekton uses, compiles `pattern`, judged with JavaScript's
 * engine: RE2-only syntax (flag groups, `(?P<name>`) is rewritten first, and
 * JavaScript-only syntax (lookaround, backreferences) is refused.
 */
function compilesAsRe2(pattern: string): boolean {
  if (/\(\?<?[=!]|\\[1-9]|\\k</.test(pattern)) return false;
  const js = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:');
  try {
    new RegExp(js);
    return true;
  } catch {
    return false;
  }
}
