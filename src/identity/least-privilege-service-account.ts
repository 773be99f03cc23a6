import { isDeepStrictEqual } from 'util';
import { ApiObject, Chart, JsonPatch, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import type { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { grantOrigin } from '../private/grant-origins';
import { inertGrant } from '../private/grant-shapes';
import { chartNamespaceOf, namespaceOf, writtenObjectOf } from '../private/kplus';
import { safeText } from '../private/text';
import { notWritten } from '../private/written-objects';

const KIND = 'LeastPrivilegeServiceAccount';

/** The ApiGrant prop that writes each field of a Role rule. */
const GRANT_PROPS = new Map([['apiGroups', 'apiGroup'], ['resources', 'resource'], ['verbs', 'verbs'], ['resourceNames', 'resourceNames']]);

/**
 * Kubernetes API verbs a grant may name.
 */
export enum ApiVerb {
  /** Read one named object. */
  GET = 'get',
  /**
   * List objects: with resourceNames, only a list that selects a named object by
   * `metadata.name` (refused on secrets unless relaxed).
   */
  LIST = 'list',
  /**
   * Watch objects: with resourceNames, only a watch that selects a named object by
   * `metadata.name` (refused on secrets unless relaxed).
   */
  WATCH = 'watch',
  /**
   * Create objects: with resourceNames, only a server-side apply (or a create by
   * PUT) of a named object, since a plain create carries no name when it is
   * authorized. Refused on pods, workloads and secrets unless relaxed.
   */
  CREATE = 'create',
  /** Replace objects (refused on pods, workloads, secrets, ServiceAccounts and RBAC objects unless relaxed). */
  UPDATE = 'update',
  /** Patch objects (refused on pods, workloads, secrets, ServiceAccounts and RBAC objects unless relaxed). */
  PATCH = 'patch',
  /** Delete objects (refused on RBAC objects, admission control and nodes unless relaxed). */
  DELETE = 'delete',
}

/**
 * Access to named objects of one resource type.
 *
 * @example
 * const grant: ApiGrant = { resource: 'configmaps', verbs: [ApiVerb.GET, ApiVerb.UPDATE], resourceNames: ['release-notes'] };
 */
export interface ApiGrant {
  /** API group, without its version (`apps`, `tekton.dev`); the core group's name is `''`, not `core`. @default '' (the core group) */
  readonly apiGroup?: string;
  /** Resource type, plural and lower case as RBAC matches it, e.g. `configmaps` (not `configmap` or `cm`). */
  readonly resource: string;
  /** Verbs. */
  readonly verbs: ApiVerb[];
  /** The objects, by name; at least one, never "" (which names no object). */
  readonly resourceNames: string[];
}

/**
 * One RBAC rule as emitted (for inspection).
 */
export interface GrantedRule {
  /** API groups. */
  readonly apiGroups: string[];
  /** Resources. */
  readonly resources: string[];
  /** Verbs. */
  readonly verbs: string[];
  /** Object names. */
  readonly resourceNames: string[];
}

/** Id of the LeastPrivilegeServiceAccount a SecurePipeline makes beside a ServiceAccount given to it (SecurePipeline's GRANTS_ID). */
const PIPELINE_GRANTS_ID = 'SecureTektonGrants';

/** Per app (its root construct): the LeastPrivilegeServiceAccount that holds the grants of each ServiceAccount given, by namespace and name. */
const HOLDERS = new WeakMap<object, Map<string, LeastPrivilegeServiceAccount>>();

/** The identity of a ServiceAccount given: its namespace (or the chart's, where its Role is written) and its name. */
function holderKey(scope: Construct, serviceAccount: kplus.IServiceAccount): string {
  return `${namespaceOf(serviceAccount) ?? chartNamespaceOf(scope) ?? ''}/${serviceAccount.name}`;
}

/**
 * Props of a LeastPrivilegeServiceAccount.
 */
export interface LeastPrivilegeServiceAccountProps {
  /** `metadata.name` of the ServiceAccount (also names the Role and RoleBinding). @default - the construct id, or the name of `serviceAccount` */
  readonly name?: string;
  /**
   * A ServiceAccount defined elsewhere to grant to, instead of writing one: a
   * cdk8s-plus `ServiceAccount` of this app, or one imported by name
   * (`ServiceAccount.fromServiceAccountName`). No second ServiceAccount is
   * written; the grants go to a Role of its name bound to it, and Secrets read
   * through `grantReadSecret` are added to its `secrets:` when it is defined in
   * this app (a cdk8s-plus `ServiceAccount`). Its token settings are its own:
   * runs of a SecurePipeline mount no token whatever the ServiceAccount says.
   * It must be in this construct's chart namespace, where the Role and RoleBinding
   * are written (cdk8s-plus imports one by name into `default` unless given
   * `{ namespaceName }`). One LeastPrivilegeServiceAccount holds the grants of a
   * ServiceAccount: a SecurePipeline given the same ServiceAccount later grants through
   * this one, and a second one for it is refused.
   * @default - a new ServiceAccount that mounts no token
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /** Relaxations for the ServiceAccount, Role and RoleBinding. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A ServiceAccount whose permissions are derived from grants.
 *
 * The ServiceAccount never mounts its token by default. Each grant adds a rule on
 * named objects to one namespaced Role, bound by one RoleBinding; without grants
 * there is no Role at all. Wildcards, grants without resourceNames, list/watch on
 * secrets and escalation paths (escalation verbs, exec/attach/proxy/token
 * subresources, writes to pods, workloads, secrets, ServiceAccounts, RBAC objects,
 * admission control, nodes or namespaces) are refused at synth unless relaxed; a resource
 * name "" is refused at once; cluster-wide RBAC is never emitted.
 *
 *
 * It is a cdk8s-plus `IServiceAccount`: a cdk8s-plus Pod or Deployment given it
 * runs as this ServiceAccount, and a cdk8s-plus RoleBinding can bind it.
 *
 * @example
 * const sa = new LeastPrivilegeServiceAccount(chart, 'build-runner');
 * sa.grantReadSecret('git-deploy-key');
 */
export class LeastPrivilegeServiceAccount extends Construct implements kplus.IServiceAccount {
  /**
   * The LeastPrivilegeServiceAccount of this app that holds the grants of a ServiceAccount defined
   * elsewhere (given as `serviceAccount`), if one was made: by namespace and name, as the Role it writes.
   * @internal
   */
  public static _holderOf(scope: Construct, serviceAccount: kplus.IServiceAccount): LeastPrivilegeServiceAccount | undefined {
    return HOLDERS.get(scope.node.root)?.get(holderKey(scope, serviceAccount));
  }

  /** `metadata.name` of the ServiceAccount. */
  public readonly name: string;
  /**
   * The written ServiceAccount: this construct's own, or that of the cdk8s-plus
   * ServiceAccount it was given; undefined for one imported by name.
   */
  public readonly serviceAccount?: ApiObject;
  /** `apiVersion` of a ServiceAccount (`v1`). */
  public readonly apiVersion: string = 'v1';
  /** API group of ServiceAccounts (the core group, ''). */
  public readonly apiGroup: string = '';
  /** `kind` (`ServiceAccount`). */
  public readonly kind: string = 'ServiceAccount';
  /** Resource type in RBAC rules (`serviceaccounts`). */
  public readonly resourceType: string = 'serviceaccounts';

  private readonly grants: GrantedRule[] = [];
  private readonly secrets = new Set<string>();
  private readonly pullSecrets = new Set<string>();
  private readonly policy: ConstructPolicy;
  private readonly existing?: kplus.IServiceAccount;
  private role?: ApiObject;

  constructor(scope: Construct, id: string, props: LeastPrivilegeServiceAccountProps = {}) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.existing = props.serviceAccount;
    if (this.existing && props.name !== undefined && props.name !== this.existing.name) {
      throw this.policy.error({
        property: 'name',
        value: props.name,
        problem: `differs from the name of serviceAccount '${this.existing.name}' (${this.existing.node.path})`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Leave name out: a ServiceAccount given as serviceAccount keeps its own name.',
      });
    }
    if (this.existing instanceof LeastPrivilegeServiceAccount) {
      throw this.policy.error({
        property: 'serviceAccount',
        value: this.existing.name,
        problem: `is already a LeastPrivilegeServiceAccount (${this.existing.node.path})`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Grant to that LeastPrivilegeServiceAccount itself: a second one would write a second Role of the same name.',
      });
    }
    if (this.existing) this.checkSameNamespace(this.existing);
    if (this.existing) this.holdGrantsOf(this.existing);
    this.name = this.existing?.name ?? props.name ?? id;
    this.policy.checkName('name', this.name);
    this.policy.relax(props.relaxations);
    this.serviceAccount = this.existing ? writtenObjectOf(this.existing) : this.policy.emit(new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: this.name },
      automountServiceAccountToken: false,
      secrets: Lazy.any({ produce: () => (this.secrets.size ? [...this.secrets].map((name) => ({ name })) : undefined) }) as any,
      imagePullSecrets: Lazy.any({ produce: () => (this.pullSecrets.size ? [...this.pullSecrets].map((name) => ({ name })) : undefined) }) as any,
    }));
    // no rule judges a ServiceAccount's own setting: its own is held to mounting no token, as written
    if (!this.existing) this.policy.check(() => this.tokenMountProblems());
  }

  /**
   * One LeastPrivilegeServiceAccount per ServiceAccount given: a second would write a second Role and
   * RoleBinding of its name (refused as UNIQUE_OBJECTS, in the words of neither construct's props).
   */
  private holdGrantsOf(existing: kplus.IServiceAccount): void {
    const root = this.node.root;
    const held = HOLDERS.get(root) ?? new Map<string, LeastPrivilegeServiceAccount>();
    HOLDERS.set(root, held);
    const key = holderKey(this, existing);
    const holder = held.get(key);
    if (holder !== undefined) {
      const pipelines = holder.node.id === PIPELINE_GRANTS_ID;
      throw this.policy.error({
        property: 'serviceAccount',
        value: existing.name,
        problem: `already has its grants held by LeastPrivilegeServiceAccount '${holder.node.path}'${pipelines ? ' (made for the SecurePipelines given it as serviceAccount)' : ''}: `
          + `a second would write a second Role and RoleBinding '${existing.name}'`,
        rule: RuleId.VALID_REFERENCE,
        fix: pipelines
          ? `Grant through the pipeline's: pipeline.serviceAccount (of a SecurePipeline given serviceAccount '${existing.name}') is that LeastPrivilegeServiceAccount, `
            + 'or make this LeastPrivilegeServiceAccount before the pipelines and give it to them as serviceAccount.'
          : `Grant through LeastPrivilegeServiceAccount '${holder.node.path}' (give it, not the ServiceAccount, wherever one is needed).`,
      });
    }
    held.set(key, this);
  }

  /**
   * The Role and RoleBinding are written in this construct's chart namespace, and a run finds its
   * ServiceAccount in its own namespace: a given ServiceAccount of another namespace would get the
   * grants while the one that runs here gets none (cdk8s-plus imports by name into 'default').
   */
  private checkSameNamespace(existing: kplus.IServiceAccount): void {
    const expected = chartNamespaceOf(this);
    const actual = namespaceOf(existing);
    if (expected === undefined || actual === expected) return;
    throw this.policy.error({
      property: 'serviceAccount',
      value: existing.name,
      problem: actual === undefined
        ? `is written without a namespace (kubectl applies it in its current one), where this construct writes its Role and RoleBinding in '${expected}': `
          + `it is in '${expected}' only if kubectl's namespace is, and runs in '${expected}' find their ServiceAccount there`
        : `is in namespace '${actual}', where this construct writes its Role and RoleBinding in '${expected}': `
          + `the grants would go to ServiceAccount '${existing.name}' of namespace '${actual}', not to the one that runs in '${expected}' `
          + "(cdk8s-plus places a ServiceAccount imported by name in 'default' unless given a namespaceName)",
      rule: RuleId.VALID_REFERENCE,
      fix: (writtenObjectOf(existing) === undefined
        ? `Import it with its namespace (ServiceAccount.fromServiceAccountName(scope, '${existing.node.id}', '${existing.name}', { namespaceName: '${expected}' }))`
        : `Write ServiceAccount '${existing.name}' in namespace '${expected}' (its metadata's namespace, or its chart's)`)
        + (actual === undefined ? '.' : `, or create this LeastPrivilegeServiceAccount in a chart of namespace '${actual}'.`),
    });
  }

  /**
   * This construct's ServiceAccount as written mounts its token (an escape-hatch patch of
   * `automountServiceAccountToken`): every pod that runs as it and leaves the setting to it (a
   * TaskRun made by hand, a cdk8s-plus Pod or Deployment given it) would get a token with its grants.
   */
  private tokenMountProblems(): RefusalOptions[] {
    const sa = this.serviceAccount;
    if (sa === undefined || notWritten(sa, this) !== undefined) return [];
    const written = sa.toJson()?.automountServiceAccountToken;
    if (written === false) return [];
    return [{
      property: 'automountServiceAccountToken',
      value: written === undefined ? undefined : safeText(written),
      problem: (written === undefined
        ? 'is not set (an escape-hatch patch removed it, and Kubernetes then mounts the token), where LeastPrivilegeServiceAccount writes false'
        : 'is not false, as LeastPrivilegeServiceAccount writes it (an escape-hatch patch)')
        + ': every pod that runs as this ServiceAccount and leaves the setting to it (a TaskRun made by hand, a cdk8s-plus Pod or Deployment given it) '
        + 'would mount a token that holds its grants',
      rule: RuleId.VALID_SPEC,
      fix: "Remove the patch of automountServiceAccountToken; give the token to the one task that calls the API with a grant (pipeline.addTask({ task }).grantApi({ resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['<name>'] })), which mounts it for that task's pod alone, "
        + 'or to the one cdk8s-plus Pod or Deployment that calls the API (automountServiceAccountToken: true in its props), which mounts it for its own pods.',
    }];
  }

  /** The name RBAC rules use for this ServiceAccount (`metadata.name`). */
  public get resourceName(): string | undefined {
    return this.name;
  }

  /** The ServiceAccount's namespace: the one it was given or its chart's. */
  public get namespaceName(): string | undefined {
    return this.existing ? namespaceOf(this.existing) : Chart.of(this).namespace;
  }

  /** As an RBAC subject (cdk8s-plus `ISubject`): this ServiceAccount in its namespace. */
  public toSubjectConfiguration(): kplus.SubjectConfiguration {
    return { kind: this.kind, name: this.name, apiGroup: this.apiGroup, namespace: this.namespaceName };
  }

  /** The rules granted so far, in the order granted (duplicates merged). */
  public get rules(): GrantedRule[] {
    return this.grants.map((g) => ({
      apiGroups: [...g.apiGroups], resources: [...g.resources], verbs: [...g.verbs], resourceNames: [...g.resourceNames],
    }));
  }

  /** Names of the Secrets listed under the ServiceAccount's `secrets:`. */
  public get secretNames(): string[] {
    return [...this.secrets];
  }

  /**
   * Let the ServiceAccount read one Secret: `get` on that Secret by name, and the
   * Secret listed under `secrets:`. Granting twice is harmless.
   */
  public grantReadSecret(secretName: string): GrantedRule {
    this.listIn('secrets', secretName);
    return this.grantApi({ resource: 'secrets', verbs: [ApiVerb.GET], resourceNames: [secretName] });
  }

  /**
   * Lists a Secret under `secrets:` or `imagePullSecrets:` of the ServiceAccount: this
   * construct's own writes both lists; a cdk8s-plus ServiceAccount of this app writes its own
   * `secrets:`, and gets `imagePullSecrets:` added to its object; one imported by name is
   * written elsewhere, so listing there is refused rather than lost.
   */
  private listIn(list: 'secrets' | 'imagePullSecrets', secretName: string): void {
    const listed = list === 'secrets' ? this.secrets : this.pullSecrets;
    if (listed.has(secretName)) return;
    if (this.existing) {
      const written = writtenObjectOf(this.existing);
      if (list === 'secrets' && typeof (this.existing as any).addSecret === 'function') {
        (this.existing as kplus.ServiceAccount).addSecret(kplus.Secret.fromSecretName(this, `Secret-${secretName}`, secretName));
      } else if (written) {
        const current = written.toJson()?.[list];
        written.addJsonPatch(Array.isArray(current) ? JsonPatch.add(`/${list}/-`, { name: secretName }) : JsonPatch.add(`/${list}`, [{ name: secretName }]));
      } else {
        throw this.policy.error({
          property: 'serviceAccount',
          value: this.existing.name,
          problem: `is imported by name, so its ${list} are written elsewhere: '${secretName}' cannot be listed there from this app`,
          rule: RuleId.VALID_REFERENCE,
          fix: `List '${secretName}' under ${list} of ServiceAccount '${this.existing.name}' where it is defined, or give a ServiceAccount of this app `
            + '(a cdk8s-plus ServiceAccount), or none (the construct then writes its own).',
        });
      }
    }
    listed.add(secretName);
  }

  /**
   * List a Secret under `secrets:` without any RBAC grant: for readers that hold their
   * own permission to read it, such as Tekton Chains, which pushes signatures with the
   * registry Secrets listed on the run's ServiceAccount. Listing twice is harmless.
   */
  public listSecret(secretName: string): void {
    this.policy.checkName('secretName', secretName);
    this.listIn('secrets', secretName);
  }

  /**
   * List a Secret under `imagePullSecrets:` without any RBAC grant: for registry credentials
   * that Tekton Chains pushes signatures with (it reads both lists of the run's ServiceAccount).
   * Unlike `secrets:`, Tekton's creds-init does not mount these into every step, and the
   * kubelet may pull the run's images with them. Listing twice is harmless.
   */
  public listImagePullSecret(secretName: string): void {
    this.policy.checkName('secretName', secretName);
    this.listIn('imagePullSecrets', secretName);
  }

  /** Names of the Secrets listed under the ServiceAccount's `imagePullSecrets:`. */
  public get imagePullSecretNames(): string[] {
    return [...this.pullSecrets];
  }

  /** Grant verbs on named objects of one resource type. Granting the same thing twice is harmless. */
  public grantApi(grant: ApiGrant): GrantedRule {
    if (grant.verbs.length === 0) {
      throw this.policy.error({
        property: 'verbs',
        problem: 'is empty: the API server refuses a Role rule without verbs',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the verbs the task needs, e.g. verbs: [ApiVerb.GET].',
      });
    }
    if (grant.resourceNames.includes('')) {
      throw this.policy.error({
        property: 'resourceNames',
        value: '',
        problem: 'names no object: the API server matches it to the requests that name none (create, list, watch), which reach every object',
        rule: RuleId.VALID_SPEC,
        fix: 'Name each object; to reach every object, grant resourceNames: [] and relax RBAC_NO_WILDCARD with a reason.',
      });
    }
    const inert = inertGrant(grant, Object.values(ApiVerb));
    if (inert !== undefined) throw this.policy.error({ ...inert, rule: RuleId.VALID_SPEC });
    const rule: GrantedRule = {
      apiGroups: [grant.apiGroup ?? ''],
      resources: [grant.resource],
      verbs: [...new Set(grant.verbs)],
      resourceNames: [...new Set(grant.resourceNames)],
    };
    const existing = this.grants.find((g) => JSON.stringify(g) === JSON.stringify(rule));
    if (existing) return existing;
    this.grants.push(rule);
    this.ensureRole();
    return rule;
  }

  /**
   * A finding on the Role's `rules[i]` restated as the i-th grant (grantApi, grantReadSecret,
   * in the order granted), in the terms of ApiGrant; a rule an escape-hatch patch changed keeps
   * its YAML path.
   */
  private attributeRule(f: Finding, json: any): Attribution | undefined {
    const i = Number(/^rules\[(\d+)\]$/.exec(f.location ?? '')?.[1]);
    const g = this.grants[i];
    if (g === undefined || !isDeepStrictEqual(json?.rules?.[i], g)) return undefined;
    const property = GRANT_PROPS.get(f.property);
    if (property === undefined) return undefined;
    const origin = grantOrigin(g);
    return {
      location: `grant #${i + 1}${property === 'resource' ? '' : ` (${g.resources[0]})`}${origin ? `, ${origin.made}` : ''}`,
      property,
      value: f.value,
      problem: f.problem,
      ...(origin ? { fix: origin.fix, thenRelaxHint: true } : {}),
    };
  }

  private ensureRole(): void {
    if (this.role) return;
    const namespace = this.namespaceName;
    if (!namespace) {
      throw this.policy.error({
        property: 'namespace',
        problem: 'is not set on the chart',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the chart a namespace (the Chart\'s namespace prop): the RoleBinding must name the ServiceAccount\'s namespace.',
      });
    }
    this.role = this.policy.emit(new k8s.KubeRole(this, 'Role', {
      metadata: { name: this.name },
      rules: Lazy.any({ produce: () => this.rules }) as any,
    }), (f, json) => this.attributeRule(f, json));
    this.policy.emit(new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: this.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace }],
    }));
  }
}
