import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { NAMESPACE_NAME_LABEL, RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';
import { MIN_REASON_LENGTH } from '../private/text';

const KIND = 'TektonAdmissionPolicies';

/**
 * API versions of ValidatingAdmissionPolicy and its binding.
 */
export enum AdmissionApiVersion {
  /**
   * Beta, served by Kubernetes 1.28 and 1.29 once enabled: feature gate
   * `ValidatingAdmissionPolicy=true` and `--runtime-config=admissionregistration.k8s.io/v1beta1=true`.
   */
  V1BETA1 = 'admissionregistration.k8s.io/v1beta1',
  /** GA, served by Kubernetes 1.30 and later. */
  V1 = 'admissionregistration.k8s.io/v1',
}

/**
 * What the cluster does with a request that a policy refuses (the binding's `validationActions`).
 */
export enum EnforcementAction {
  /** The request is refused: the object is never stored. */
  DENY = 'Deny',
  /** Weaker: the object is stored and the client gets a warning. */
  WARN = 'Warn',
  /** Weaker: the object is stored and the violation is recorded in the audit log only. */
  AUDIT = 'Audit',
}

/**
 * Props of TektonAdmissionPolicies.
 */
export interface TektonAdmissionPoliciesProps {
  /** Namespaces the policies hold in (DNS-1123 labels; at least one), matched by their `kubernetes.io/metadata.name` label. */
  readonly namespaces: string[];
  /**
   * The only ServiceAccounts PipelineRuns and TaskRuns may run as (DNS-1123 labels;
   * at least one, never `default`), e.g. each SecurePipeline's `serviceAccountName`.
   */
  readonly allowedServiceAccounts: string[];
  /** API version of the emitted policies and bindings. @default AdmissionApiVersion.V1BETA1 (Kubernetes 1.28) */
  readonly apiVersion?: AdmissionApiVersion;
  /** What happens to a request a policy refuses; WARN and AUDIT let it through. @default EnforcementAction.DENY */
  readonly enforcementAction?: EnforcementAction;
  /**
   * Rules whose relaxation annotation (`secure-tekton/relax.<RULE>` on the admitted
   * object, with a reason of at least 10 characters, as the library writes it) exempts
   * that object from the rule's check. Whoever may write a Task, Pipeline or run may
   * write the annotation too: give `[]` to make the policies hold for every object.
   * Only IMAGE_DIGEST, RUN_AS_NON_ROOT, NO_PRIVILEGE_ESCALATION, DROP_ALL_CAPABILITIES,
   * SECCOMP_RUNTIME_DEFAULT and WORKSPACE_PER_RUN can be listed.
   *
   * @default - all six, so that the library's own relaxed output (e.g. kaniko running as root, with its reason) is admitted
   */
  readonly honouredRelaxations?: RuleId[];
  /**
   * User name of the Tekton controller. Its TaskRuns are exempt from the workspace
   * policy: it binds each TaskRun of a PipelineRun to the PersistentVolumeClaim it
   * created from the PipelineRun's `volumeClaimTemplate` (checked on the PipelineRun).
   *
   * @default 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller'
   */
  readonly tektonControllerUsername?: string;
  /** Prefix of the policy and binding names (they are cluster-scoped); a DNS-1123 label. @default 'secure-tekton' */
  readonly namePrefix?: string;
}

/** The rules whose relaxation annotation the policies can honour. */
const EXEMPTABLE: readonly RuleId[] = [
  RuleId.IMAGE_DIGEST,
  RuleId.RUN_AS_NON_ROOT,
  RuleId.NO_PRIVILEGE_ESCALATION,
  RuleId.DROP_ALL_CAPABILITIES,
  RuleId.SECCOMP_RUNTIME_DEFAULT,
  RuleId.WORKSPACE_PER_RUN,
];

const DEFAULT_CONTROLLER_USERNAME = 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller';
const SERVICE_ACCOUNT_USERNAME = /^system:serviceaccount:([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/;

/** Image reference pinned by digest (RE2, partial match like every CEL `matches`). */
const DIGEST_PATTERN = '@sha256:[a-f0-9]{64}$';
/** A reason of at least MIN_REASON_LENGTH characters once trimmed (CEL string literal, hence the doubled backslashes). */
const REASON_PATTERN = `\\\\S[\\\\s\\\\S]{${MIN_REASON_LENGTH - 2},}\\\\S`;

/** One validation of a policy. */
interface ValidationDef {
  readonly expression: string;
  readonly message: string;
}

/** One policy: what it matches and what it checks. */
interface PolicyDef {
  readonly what: string;
  readonly resources: string[];
  readonly matchConditions: Array<{ name: string; expression: string }>;
  readonly variables: Array<{ name: string; expression: string }>;
  readonly validations: ValidationDef[];
}

/** CEL: `has()` of every step of a field path, e.g. `has(c.a) && has(c.a.b)`. */
function hasPath(base: string, path: readonly string[]): string {
  return path.map((_, i) => `has(${[base, ...path.slice(0, i + 1)].join('.')})`).join(' && ');
}

/** CEL string literal (the values are DNS-1123 names or fixed identifiers: no quote can occur). */
function literal(value: string): string {
  return `'${value}'`;
}

/** CEL list of string literals. */
function list(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

/** CEL over the embedded tasks of a PipelineSpec `p`: their taskSpecs. */
function embeddedTaskSpecs(p: string): string {
  return `((has(${p}.tasks) ? ${p}.tasks : []) + (has(${p}.finally) ? ${p}.finally : [])).filter(t, has(t.taskSpec)).map(t, t.taskSpec)`;
}

/** CEL: every TaskSpec of the admitted object (Task, Pipeline, PipelineRun, TaskRun; embedded ones included). */
const TASK_SPECS = [
  '!has(object.spec) ? [] :',
  "object.kind == 'Task' ? [object.spec] :",
  "object.kind == 'TaskRun' ? (has(object.spec.taskSpec) ? [object.spec.taskSpec] : []) :",
  `object.kind == 'Pipeline' ? ${embeddedTaskSpecs('object.spec')} :`,
  `object.kind == 'PipelineRun' && has(object.spec.pipelineSpec) ? ${embeddedTaskSpecs('object.spec.pipelineSpec')} : []`,
].join(' ');

/**
 * CEL over a step `c` of TaskSpec `s` (or a sidecar `c`, which has no template):
 * `test` holds for the securityContext field at `path` as Tekton runs the container,
 * that is the container's own value, else the stepTemplate's; `ifUnset` when neither sets it.
 */
function securityField(path: readonly string[], test: (value: string) => string, ifUnset: boolean, fromTemplate: boolean): string {
  const field = ['securityContext', ...path];
  const fallback = fromTemplate
    ? `(${hasPath('s', ['stepTemplate', ...field])} ? ${test(['s', 'stepTemplate', ...field].join('.'))} : ${ifUnset})`
    : String(ifUnset);
  return `(${hasPath('c', field)} ? ${test(['c', ...field].join('.'))} : ${fallback})`;
}

/** CEL: `check` holds for every step (with its template) and every sidecar of every TaskSpec. */
function everyContainer(check: (fromTemplate: boolean) => string): string {
  return `variables.taskSpecs.all(s, (!has(s.steps) || s.steps.all(c, ${check(true)})) && (!has(s.sidecars) || s.sidecars.all(c, ${check(false)})))`;
}

/** Name of the variable that tells whether the object carries a relaxation of `rule`. */
function relaxedVariable(rule: RuleId): string {
  return 'relaxed' + rule.toLowerCase().split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * ValidatingAdmissionPolicies (with their bindings) that enforce the library's key
 * invariants in the cluster, for Tekton objects created by any means (defence in
 * depth): `kubectl apply` of hand-written YAML, other tools, the Tekton controller.
 *
 * Four policies, each matching CREATE and UPDATE of `tekton.dev/v1` objects
 * (`matchPolicy: Equivalent`, so v1beta1 requests are converted and checked too),
 * `failurePolicy: Fail`, bound to the given namespaces:
 * - `<prefix>-image-digest`: every step, sidecar and stepTemplate image of a Task,
 *   Pipeline, PipelineRun or TaskRun (embedded taskSpecs included) is pinned by
 *   digest; steps that run a StepAction (`ref`) have no image and are skipped.
 * - `<prefix>-step-security-context`: every step (its own securityContext, else its
 *   stepTemplate's, field by field) and sidecar sets `runAsNonRoot: true`,
 *   `allowPrivilegeEscalation: false`, not `privileged: true`, drops ALL
 *   capabilities and adds none, and a RuntimeDefault or Localhost seccomp profile.
 * - `<prefix>-run-service-account`: PipelineRuns name an allowed ServiceAccount in
 *   `taskRunTemplate` (and in any `taskRunSpecs[]` that sets one), TaskRuns in
 *   `serviceAccountName`; `default` is never allowed.
 * - `<prefix>-run-workspaces`: run workspaces bind no existing PersistentVolumeClaim,
 *   and `volumeClaimTemplate`s ask for ReadWriteOnce or ReadWriteOncePod only.
 *
 * A relaxation annotation of a rule listed in `honouredRelaxations` exempts the
 * object that carries it (the whole object, not one step) from that rule.
 * `privileged` and the ServiceAccount allow-list are never exempt. Limits: an object
 * created before the policies is checked when it is next updated (install them before
 * the first run); Tasks and Pipelines fetched by a resolver (git, bundles, hub) are
 * never admitted as objects, so only the TaskRuns that embed their specs are checked
 * (verify them with a VerificationPolicy).
 *
 * @example
 * new TektonAdmissionPolicies(chart, 'admission', {
 *   namespaces: ['ci'],
 *   allowedServiceAccounts: ['build-and-push-runner'],
 * });
 */
export class TektonAdmissionPolicies extends Construct {
  /** Namespaces the policies hold in. */
  public readonly namespaces: string[];
  /** ServiceAccounts runs may use. */
  public readonly allowedServiceAccounts: string[];
  /** API version of the emitted objects. */
  public readonly apiVersion: AdmissionApiVersion;
  /** What happens to a refused request. */
  public readonly enforcementAction: EnforcementAction;
  /** Rules whose relaxation annotation exempts an object. */
  public readonly honouredRelaxations: RuleId[];
  /** User name of the Tekton controller. */
  public readonly tektonControllerUsername: string;
  /** Names of the policies (each binding has the name of its policy). */
  public readonly policyNames: string[];
  /** The emitted ValidatingAdmissionPolicies. */
  public readonly policies: ApiObject[];
  /** The emitted ValidatingAdmissionPolicyBindings, one per policy. */
  public readonly bindings: ApiObject[];

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: TektonAdmissionPoliciesProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.namespaces = [...(props.namespaces ?? [])];
    this.allowedServiceAccounts = [...(props.allowedServiceAccounts ?? [])];
    this.apiVersion = props.apiVersion ?? AdmissionApiVersion.V1BETA1;
    this.enforcementAction = props.enforcementAction ?? EnforcementAction.DENY;
    this.honouredRelaxations = [...(props.honouredRelaxations ?? EXEMPTABLE)];
    this.tektonControllerUsername = props.tektonControllerUsername ?? DEFAULT_CONTROLLER_USERNAME;
    const prefix = props.namePrefix ?? 'secure-tekton';
    this.checkProps(prefix);

    const defs = [this.imageDigest(), this.stepSecurityContext(), this.runServiceAccount(), this.runWorkspaces()];
    this.policyNames = defs.map((d) => `${prefix}-${d.what}`);
    this.policies = defs.map((d, i) => this.admissionPolicy(d, this.policyNames[i]));
    this.bindings = defs.map((d, i) => this.binding(d, this.policyNames[i]));
    // cdk8s gives every object the chart's namespace; these are cluster-scoped.
    if (Chart.of(this).namespace) {
      [...this.policies, ...this.bindings].forEach((o) => o.addJsonPatch(JsonPatch.remove('/metadata/namespace')));
    }
  }

  private checkProps(prefix: string): void {
    if (this.namespaces.length === 0) {
      throw this.error({
        property: 'namespaces',
        problem: 'is empty',
        fix: 'List at least one namespace for the policies to hold in.',
        rule: RuleId.VALID_SPEC,
      });
    }
    this.namespaces.forEach((ns) => this.policy.checkName('namespaces', ns));
    this.policy.checkUnique('namespaces', this.namespaces);
    if (this.allowedServiceAccounts.length === 0) {
      throw this.error({
        property: 'allowedServiceAccounts',
        problem: 'is empty, so no run could be admitted',
        fix: "List the ServiceAccounts your runs use, e.g. each SecurePipeline's serviceAccountName.",
        rule: RuleId.VALID_SPEC,
      });
    }
    for (const sa of this.allowedServiceAccounts) {
      this.policy.checkName('allowedServiceAccounts', sa);
      if (sa === 'default') {
        throw this.error({
          property: 'allowedServiceAccounts',
          value: sa,
          problem: "is the namespace's default ServiceAccount, which every pod gets when none is named",
          fix: "List the dedicated ServiceAccounts your runs use instead, e.g. each SecurePipeline's serviceAccountName.",
          rule: RuleId.VALID_SPEC,
        });
      }
    }
    this.policy.checkUnique('allowedServiceAccounts', this.allowedServiceAccounts);
    for (const rule of this.honouredRelaxations) {
      if (!EXEMPTABLE.includes(rule)) {
        throw this.error({
          property: 'honouredRelaxations',
          value: rule,
          problem: 'is not a rule these policies can exempt',
          fix: `Use some of: ${EXEMPTABLE.join(', ')}.`,
          rule: RuleId.VALID_SPEC,
        });
      }
    }
    if (!SERVICE_ACCOUNT_USERNAME.test(this.tektonControllerUsername)) {
      throw this.error({
        property: 'tektonControllerUsername',
        value: this.tektonControllerUsername,
        problem: 'is not a ServiceAccount user name',
        fix: `Use "system:serviceaccount:<namespace>:<name>", e.g. "${DEFAULT_CONTROLLER_USERNAME}".`,
        rule: RuleId.VALID_SPEC,
      });
    }
    this.policy.checkName('namePrefix', prefix);
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  private honours(rule: RuleId): boolean {
    return this.honouredRelaxations.includes(rule);
  }

  /** The variable telling whether the object carries a relaxation of `rule` with a reason, if honoured. */
  private relaxedVariables(rules: readonly RuleId[]): Array<{ name: string; expression: string }> {
    return rules.filter((r) => this.honours(r)).map((rule) => {
      const key = literal(RELAXATION_ANNOTATION_PREFIX + rule);
      return {
        name: relaxedVariable(rule),
        expression: `has(object.metadata.annotations) && ${key} in object.metadata.annotations`
          + ` && object.metadata.annotations[${key}].matches('${REASON_PATTERN}')`,
      };
    });
  }

  /** A validation of `rule`, skipped for an object carrying an honoured relaxation of it. */
  private validation(rule: RuleId, check: string, problem: string, fix: string): ValidationDef {
    const exempt = this.honours(rule);
    const relax = exempt
      ? `, or annotate the object with ${RELAXATION_ANNOTATION_PREFIX}${rule}: "<why, at least ${MIN_REASON_LENGTH} characters>"`
      : '';
    return {
      expression: exempt ? `variables.${relaxedVariable(rule)} || (${check})` : check,
      message: `${problem} [${rule}]. ${fix}${relax}.`,
    };
  }

  private imageDigest(): PolicyDef {
    const rule = RuleId.IMAGE_DIGEST;
    const pinned = (image: string) => `${image}.matches('${DIGEST_PATTERN}')`;
    const fix = 'Use <repository>@sha256:<64 hex digest>';
    return {
      what: 'image-digest',
      resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'],
      matchConditions: [],
      variables: [{ name: 'taskSpecs', expression: TASK_SPECS }, ...this.relaxedVariables([rule])],
      validations: [
        // a step without image runs a StepAction (ref) or takes the stepTemplate's, checked below
        this.validation(rule, `variables.taskSpecs.all(s, !has(s.steps) || s.steps.all(c, !has(c.image) || ${pinned('c.image')}))`,
          'A step image is not pinned by digest', fix),
        this.validation(rule, `variables.taskSpecs.all(s, !has(s.sidecars) || s.sidecars.all(c, has(c.image) && ${pinned('c.image')}))`,
          'A sidecar image is not pinned by digest', fix),
        this.validation(rule, `variables.taskSpecs.all(s, !has(s.stepTemplate) || !has(s.stepTemplate.image) || ${pinned('s.stepTemplate.image')})`,
          'A stepTemplate image is not pinned by digest', fix),
      ],
    };
  }

  private stepSecurityContext(): PolicyDef {
    const where = 'neither itself nor through the stepTemplate';
    return {
      what: 'step-security-context',
      resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'],
      matchConditions: [],
      variables: [
        { name: 'taskSpecs', expression: TASK_SPECS },
        ...this.relaxedVariables([
          RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT,
        ]),
      ],
      validations: [
        this.validation(RuleId.RUN_AS_NON_ROOT,
          everyContainer((t) => securityField(['runAsNonRoot'], (v) => `${v} == true`, false, t)),
          `A step or sidecar does not set securityContext.runAsNonRoot: true (${where})`,
          'Set runAsNonRoot: true with a non-zero runAsUser'),
        this.validation(RuleId.NO_PRIVILEGE_ESCALATION,
          everyContainer((t) => securityField(['allowPrivilegeEscalation'], (v) => `${v} == false`, false, t)),
          `A step or sidecar does not set securityContext.allowPrivilegeEscalation: false (${where})`,
          'Set allowPrivilegeEscalation: false'),
        // never exempt: NOT_PRIVILEGED cannot be relaxed
        this.validation(RuleId.NOT_PRIVILEGED,
          everyContainer((t) => securityField(['privileged'], (v) => `${v} != true`, true, t)),
          'A step or sidecar sets securityContext.privileged: true',
          'Remove it or set privileged: false; this rule cannot be relaxed'),
        this.validation(RuleId.DROP_ALL_CAPABILITIES,
          everyContainer((t) => securityField(['capabilities', 'drop'], (v) => `'ALL' in ${v}`, false, t)
            + ' && ' + securityField(['capabilities', 'add'], (v) => `size(${v}) == 0`, true, t)),
          `A step or sidecar does not drop ALL capabilities in securityContext.capabilities (${where}), or adds some back`,
          'Set capabilities: { drop: [ALL] } and add none'),
        this.validation(RuleId.SECCOMP_RUNTIME_DEFAULT,
          everyContainer((t) => securityField(['seccompProfile', 'type'], (v) => `${v} in ['RuntimeDefault', 'Localhost']`, false, t)),
          `A step or sidecar has no securityContext.seccompProfile.type RuntimeDefault or Localhost (${where})`,
          'Set seccompProfile: { type: RuntimeDefault }'),
      ],
    };
  }

  private runServiceAccount(): PolicyDef {
    const rule = RuleId.RUN_SERVICE_ACCOUNT;
    const allowed = list(this.allowedServiceAccounts);
    const fix = `Use one of: ${this.allowedServiceAccounts.join(', ')}`;
    // never exempt: the allow-list is the cluster admin's decision, not the run author's
    return {
      what: 'run-service-account',
      resources: ['pipelineruns', 'taskruns'],
      matchConditions: [],
      variables: [],
      validations: [
        this.validation(rule,
          "object.kind != 'PipelineRun' || (has(object.spec) && has(object.spec.taskRunTemplate) && has(object.spec.taskRunTemplate.serviceAccountName)"
          + ` && object.spec.taskRunTemplate.serviceAccountName in ${allowed})`,
          'The PipelineRun does not name an allowed ServiceAccount in spec.taskRunTemplate.serviceAccountName', fix),
        this.validation(rule,
          "object.kind != 'PipelineRun' || !(has(object.spec) && has(object.spec.taskRunSpecs))"
          + ` || object.spec.taskRunSpecs.all(t, !has(t.serviceAccountName) || t.serviceAccountName in ${allowed})`,
          'A PipelineRun spec.taskRunSpecs[].serviceAccountName is not an allowed ServiceAccount',
          `${fix}, or leave it unset so that the taskRunTemplate's applies`),
        this.validation(rule,
          `object.kind != 'TaskRun' || (has(object.spec) && has(object.spec.serviceAccountName) && object.spec.serviceAccountName in ${allowed})`,
          'The TaskRun does not name an allowed ServiceAccount in spec.serviceAccountName', fix),
      ],
    };
  }

  private runWorkspaces(): PolicyDef {
    const rule = RuleId.WORKSPACE_PER_RUN;
    const every = (check: string) => `!has(object.spec) || !has(object.spec.workspaces) || object.spec.workspaces.all(w, ${check})`;
    const modes = 'w.volumeClaimTemplate.spec.accessModes';
    return {
      what: 'run-workspaces',
      resources: ['pipelineruns', 'taskruns'],
      matchConditions: [{
        name: 'not-a-taskrun-of-the-tekton-controller',
        expression: `!(object.kind == 'TaskRun' && request.userInfo.username == ${literal(this.tektonControllerUsername)})`,
      }],
      variables: this.relaxedVariables([rule]),
      validations: [
        this.validation(rule, every('!has(w.persistentVolumeClaim)'),
          'A run workspace binds an existing PersistentVolumeClaim (spec.workspaces[].persistentVolumeClaim), which runs share',
          'Use a volumeClaimTemplate, so that each run gets a fresh volume'),
        this.validation(rule,
          every(`!has(w.volumeClaimTemplate) || (${hasPath('w.volumeClaimTemplate', ['spec', 'accessModes'])}`
            + ` && size(${modes}) > 0 && ${modes}.all(m, m in ['ReadWriteOnce', 'ReadWriteOncePod']))`),
          'A run workspace volumeClaimTemplate asks for no access mode or one other than ReadWriteOnce and ReadWriteOncePod'
          + ' (spec.workspaces[].volumeClaimTemplate.spec.accessModes)',
          'Use accessModes: [ReadWriteOnce]'),
      ],
    };
  }

  private admissionPolicy(def: PolicyDef, name: string): ApiObject {
    return this.policy.emit(new ApiObject(this, def.what, {
      apiVersion: this.apiVersion,
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          matchPolicy: 'Equivalent',
          resourceRules: [{
            apiGroups: ['tekton.dev'],
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
            resources: def.resources,
            scope: 'Namespaced',
          }],
        },
        ...(def.matchConditions.length ? { matchConditions: def.matchConditions } : {}),
        ...(def.variables.length ? { variables: def.variables } : {}),
        validations: def.validations.map((v) => ({ expression: v.expression, message: v.message, reason: 'Invalid' })),
      },
    }));
  }

  private binding(def: PolicyDef, name: string): ApiObject {
    return this.policy.emit(new ApiObject(this, `${def.what}-binding`, {
      apiVersion: this.apiVersion,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name },
      spec: {
        policyName: name,
        validationActions: [this.enforcementAction],
        matchResources: {
          matchPolicy: 'Equivalent',
          namespaceSelector: {
            matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...this.namespaces] }],
          },
        },
      },
    }));
  }
}
