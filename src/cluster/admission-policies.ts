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
/** A character that does not count as visible in a reason (RE2; as `visibleLength` counts). */
const INVISIBLE = '[\\s\\p{Cc}\\p{Cf}\\p{Z}\\p{M}]';
/** One relaxation record line the policies honour: `<target or *>: <reason of MIN_REASON_LENGTH visible characters>` (RE2). */
const RECORD_LINE = `^[^\\s:]+: (?:${INVISIBLE}*[^${INVISIBLE.slice(1, -1)}]){${MIN_REASON_LENGTH}}`;

/** A CEL single-quoted string literal of any text (backslashes and quotes escaped). */
function celString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

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

/** CEL over a PipelineSpec `p`: its tasks and finally tasks that embed a taskSpec. */
function embeddedTasks(p: string): string {
  return `((has(${p}.tasks) ? ${p}.tasks : []) + (has(${p}.finally) ? ${p}.finally : [])).filter(t, has(t.taskSpec))`;
}

/** CEL: the admitted object's own TaskSpec (a Task's spec, a TaskRun's taskSpec), as a list of zero or one. */
const OWN_TASK_SPECS = [
  '!has(object.spec) ? [] :',
  "object.kind == 'Task' ? [object.spec] :",
  "object.kind == 'TaskRun' && has(object.spec.taskSpec) ? [object.spec.taskSpec] : []",
].join(' ');

/** CEL: the pipeline tasks of a Pipeline or PipelineRun that embed a taskSpec (their targets are `task/<name>/...`). */
const EMBEDDED_TASKS = [
  '!has(object.spec) ? [] :',
  `object.kind == 'Pipeline' ? ${embeddedTasks('object.spec')} :`,
  `object.kind == 'PipelineRun' && has(object.spec.pipelineSpec) ? ${embeddedTasks('object.spec.pipelineSpec')} : []`,
].join(' ');

/** The task specs a container check runs over, each with the CEL of its target prefix and of the targets above it. */
const SPEC_SCOPES: ReadonlyArray<{ readonly each: string; readonly spec: string; readonly prefix: string; readonly above: string[] }> = [
  { each: 'variables.ownTaskSpecs.all(s, ', spec: 's', prefix: "''", above: [] },
  { each: 'variables.embeddedTasks.all(t, ', spec: 't.taskSpec', prefix: "'task/' + t.name + '/'", above: ["'task/' + t.name"] },
];

/**
 * CEL over a step `c` of TaskSpec `spec` (or a sidecar `c`, which has no template):
 * `test` holds for the securityContext field at `path` as Tekton runs the container,
 * that is the container's own value, else the stepTemplate's; `ifUnset` when neither sets it.
 */
function securityField(spec: string, path: readonly string[], test: (value: string) => string, ifUnset: boolean, fromTemplate: boolean): string {
  const field = ['securityContext', ...path];
  const fallback = fromTemplate
    ? `(${hasPath(spec, ['stepTemplate', ...field])} ? ${test([spec, 'stepTemplate', ...field].join('.'))} : ${ifUnset})`
    : String(ifUnset);
  return `(${hasPath('c', field)} ? ${test(['c', ...field].join('.'))} : ${fallback})`;
}

/**
 * CEL: for every step (with its template) and every sidecar of every TaskSpec of
 * the object, `check` holds, or `exempt` does for the container's relaxation
 * target (`step/<name>`, or `task/<task>/step/<name>` in a Pipeline).
 */
function everyContainer(check: (spec: string, fromTemplate: boolean) => string, exempt: (target: string, above: string[]) => string): string {
  return SPEC_SCOPES.map(({ each, spec, prefix, above }) => {
    const all = (field: string, kind: string, fromTemplate: boolean) =>
      `(!has(${spec}.${field}) || ${spec}.${field}.all(c, ${check(spec, fromTemplate)} || ${exempt(`${prefix} + '${kind}/' + c.name`, above)}))`;
    return `${each}${all('steps', 'step', true)} && ${all('sidecars', 'sidecar', false)})`;
  }).join(' && ');
}

/** Name of the variable that holds the object's honoured relaxation records of `rule`. */
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

  /**
   * The variable holding the object's relaxation records of `rule` that the
   * policies honour (one `<target>: <reason>` per line, as the library writes them,
   * with a reason of at least 10 visible characters), if the rule is honoured.
   */
  private relaxedVariables(rules: readonly RuleId[]): Array<{ name: string; expression: string }> {
    return rules.filter((r) => this.honours(r)).map((rule) => {
      const key = literal(RELAXATION_ANNOTATION_PREFIX + rule);
      return {
        name: relaxedVariable(rule),
        expression: `has(object.metadata.annotations) && ${key} in object.metadata.annotations`
          + ` ? object.metadata.annotations[${key}].split('\\n').filter(l, l.matches(${celString(RECORD_LINE)})) : []`,
      };
    });
  }

  /**
   * CEL: whether an honoured record of `rule` covers the part of the object at
   * `target` (a CEL string expression): one for the whole object (`*`), for that
   * target, or for a target above it (`above`) — the scope synth and the audit apply.
   */
  private exempt(rule: RuleId): (target: string, above: string[]) => string {
    if (!this.honours(rule)) return () => 'false';
    return (target, above) => `variables.${relaxedVariable(rule)}.exists(l, l.startsWith('*: ')`
      + [target, ...above].map((t) => ` || l.startsWith(${t} + ': ')`).join('') + ')';
  }

  /** A validation of `rule` with its message; the check itself exempts what the records cover. */
  private validation(rule: RuleId, check: string, problem: string, fix: string): ValidationDef {
    const relax = this.honours(rule)
      ? `, or record a relaxation: annotation ${RELAXATION_ANNOTATION_PREFIX}${rule}: "<target, or * for the whole object>: <why, at least ${MIN_REASON_LENGTH} characters>"`
      : '';
    return { expression: check, message: `${problem} [${rule}]. ${fix}${relax}.` };
  }

  private imageDigest(): PolicyDef {
    const rule = RuleId.IMAGE_DIGEST;
    const pinned = (image: string) => `${image}.matches('${DIGEST_PATTERN}')`;
    const exempt = this.exempt(rule);
    const fix = 'Use <repository>@sha256:<64 hex digest>';
    const overSpecs = (check: (spec: string, prefix: string, above: string[]) => string) =>
      SPEC_SCOPES.map(({ each, spec, prefix, above }) => `${each}${check(spec, prefix, above)})`).join(' && ');
    return {
      what: 'image-digest',
      resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'],
      matchConditions: [],
      variables: [...this.specVariables(), ...this.relaxedVariables([rule])],
      validations: [
        // a step without image runs a StepAction (ref) or takes the stepTemplate's, checked below
        this.validation(rule, overSpecs((spec, prefix, above) => `!has(${spec}.steps) || ${spec}.steps.all(c, !has(c.image) || ${pinned('c.image')}`
          + ` || ${exempt(`${prefix} + 'step/' + c.name`, above)})`),
        'A step image is not pinned by digest', fix),
        this.validation(rule, overSpecs((spec, prefix, above) => `!has(${spec}.sidecars) || ${spec}.sidecars.all(c, (has(c.image) && ${pinned('c.image')})`
          + ` || ${exempt(`${prefix} + 'sidecar/' + c.name`, above)})`),
        'A sidecar image is not pinned by digest', fix),
        this.validation(rule, overSpecs((spec, prefix, above) => `!has(${spec}.stepTemplate) || !has(${spec}.stepTemplate.image)`
          + ` || ${pinned(`${spec}.stepTemplate.image`)} || ${exempt(`${prefix} + 'stepTemplate'`, above)}`),
        'A stepTemplate image is not pinned by digest', fix),
      ],
    };
  }

  /** The variables every container check iterates over. */
  private specVariables(): Array<{ name: string; expression: string }> {
    return [{ name: 'ownTaskSpecs', expression: OWN_TASK_SPECS }, { name: 'embeddedTasks', expression: EMBEDDED_TASKS }];
  }

  private stepSecurityContext(): PolicyDef {
    const where = 'neither itself nor through the stepTemplate';
    return {
      what: 'step-security-context',
      resources: ['tasks', 'pipelines', 'pipelineruns', 'taskruns'],
      matchConditions: [],
      variables: [
        ...this.specVariables(),
        ...this.relaxedVariables([
          RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT,
        ]),
      ],
      validations: [
        this.validation(RuleId.RUN_AS_NON_ROOT,
          everyContainer((s, t) => securityField(s, ['runAsNonRoot'], (v) => `${v} == true`, false, t), this.exempt(RuleId.RUN_AS_NON_ROOT)),
          `A step or sidecar does not set securityContext.runAsNonRoot: true (${where})`,
          'Set runAsNonRoot: true with a non-zero runAsUser'),
        this.validation(RuleId.NO_PRIVILEGE_ESCALATION,
          everyContainer((s, t) => securityField(s, ['allowPrivilegeEscalation'], (v) => `${v} == false`, false, t),
            this.exempt(RuleId.NO_PRIVILEGE_ESCALATION)),
          `A step or sidecar does not set securityContext.allowPrivilegeEscalation: false (${where})`,
          'Set allowPrivilegeEscalation: false'),
        // never exempt: NOT_PRIVILEGED cannot be relaxed
        this.validation(RuleId.NOT_PRIVILEGED,
          everyContainer((s, t) => securityField(s, ['privileged'], (v) => `${v} != true`, true, t), this.exempt(RuleId.NOT_PRIVILEGED)),
          'A step or sidecar sets securityContext.privileged: true',
          'Remove it or set privileged: false; this rule cannot be relaxed'),
        this.validation(RuleId.DROP_ALL_CAPABILITIES,
          everyContainer((s, t) => `(${securityField(s, ['capabilities', 'drop'], (v) => `'ALL' in ${v}`, false, t)}`
            + ` && ${securityField(s, ['capabilities', 'add'], (v) => `size(${v}) == 0`, true, t)})`, this.exempt(RuleId.DROP_ALL_CAPABILITIES)),
          `A step or sidecar does not drop ALL capabilities in securityContext.capabilities (${where}), or adds some back`,
          'Set capabilities: { drop: [ALL] } and add none'),
        this.validation(RuleId.SECCOMP_RUNTIME_DEFAULT,
          everyContainer((s, t) => securityField(s, ['seccompProfile', 'type'], (v) => `${v} in ['RuntimeDefault', 'Localhost']`, false, t),
            this.exempt(RuleId.SECCOMP_RUNTIME_DEFAULT)),
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
    const exempt = this.exempt(rule);
    const every = (check: string) => `!has(object.spec) || !has(object.spec.workspaces) || object.spec.workspaces.all(w, (${check})`
      + ` || ${exempt("'workspace/' + w.name", [])})`;
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
