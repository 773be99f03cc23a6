import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ParamType, TaskParam } from './param';
import { paramDeclarationProblems, renderParamSpec } from './param-spec';
import { stepSecurityContext } from './render-step';
import { TaskResult } from './result';
import { Capability } from './step';
import { IStepAction } from './step-action-definition';
import { containerAttributor, relativeWorkingDirFix, RenderedContainer } from './step-attribution';
import { ConstructPolicy } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { nonEmpty } from '../private/arrays';
import { containerValueProblem } from '../private/container-values';
import { envInReferenceOrder } from '../private/env-order';
import { isResultName } from '../private/names';
import { isRelativeContainerPath, RELATIVE_WORKING_DIR } from '../private/paths';
import { defaultReferences, envNameFor, findReferences, pendingDefaults, Reference, stepTexts } from '../private/substitutions';

const KIND = 'SecureStepAction';

/**
 * Props of a SecureStepAction.
 */
export interface SecureStepActionProps {
  /** `metadata.name` of the StepAction, referenced by steps. @default - the construct id */
  readonly name?: string;
  /** What the step does. @default - no description */
  readonly description?: string;
  /** Image, pinned as `<repository>@sha256:<64 hex>` (a tag needs a relaxation of IMAGE_DIGEST). */
  readonly image: string;
  /**
   * Script to run; it must start with a `#!` line. Params reach it only through
   * `env` (Tekton refuses `$(params.x)` in a StepAction's script).
   * @default - no script: `command` is run
   */
  readonly script?: string;
  /** Entrypoint; not together with `script`. @default - the image's entrypoint */
  readonly command?: string[];
  /** Arguments. @default - none */
  readonly args?: string[];
  /**
   * Environment variables; values may be `$(params.x)`, and `$(NAME)` of another variable here
   * (written before the variables that reference it, as the kubelet expands only from earlier ones).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Working directory: an absolute path, such as `/workspace/source` (where Tekton mounts a task's
   * workspace `source` that sets no `mountPath`). A param here (`$(params.source)`) lets each step
   * that runs the StepAction choose the directory, which ARGUMENT_INJECTION refuses: relax it in
   * `relaxations`, with a reason, where every such step passes a path its task fixes
   * (`actionParameters: { source: '$(workspaces.source.path)' }`).
   * @default - the image's
   */
  readonly workingDir?: string;
  /**
   * Params the referencing steps pass (`StepProps.actionParameters`). A param takes no
   * `constraint`: a StepAction has no validation step of its own, so constrain the param
   * of the SecureTask whose value the step passes (its validate-params step checks it first).
   * @default - none
   */
  readonly parameters?: TaskParam[];
  /** Results the step writes to `$(step.results.<name>.path)`. @default - none */
  readonly results?: TaskResult[];
  /** UID to run as; 0 needs a relaxation of RUN_AS_NON_ROOT. @default 65532 */
  readonly runAsUser?: number;
  /** GID to run as; 0 (the root group) needs a relaxation of RUN_AS_NON_ROOT. @default 65532 */
  readonly runAsGroup?: number;
  /** Capabilities to add back after dropping ALL; any needs a relaxation of DROP_ALL_CAPABILITIES. @default - none */
  readonly addCapabilities?: Capability[];
  /** Let the step write to its root filesystem; needs a relaxation of READ_ONLY_ROOT_FILESYSTEM. @default false */
  readonly writableRootFilesystem?: boolean;
  /** Let processes gain privileges (setuid); needs a relaxation of NO_PRIVILEGE_ESCALATION. @default false */
  readonly allowPrivilegeEscalation?: boolean;
  /** Relaxations for the StepAction. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A Tekton `StepAction` (`tekton.dev/v1beta1`): one reusable step, hardened
 * like the steps of a `SecureTask`, that steps reference with `action`.
 *
 * It runs as UID 65532 with `runAsNonRoot`, no privilege escalation, all
 * capabilities dropped, the RuntimeDefault seccomp profile and a read-only root
 * filesystem; its image must be pinned by digest and params reach it through
 * `env`. The Task that runs it supplies the rest: compute resources (the
 * referencing step's `resources`), and the `/tmp` and `$HOME` emptyDirs, which
 * a SecureTask mounts through its stepTemplate for every step that references
 * a StepAction.
 *
 * @example
 * const checksum = new SecureStepAction(chart, 'checksum', {
 *   image: 'docker.io/library/alpine:3.21@sha256:56fa17d2a7e7f168a043a2712e63aed1f8543aeafdcee47c58dcffe38ed51099',
 *   parameters: [{ name: 'file' }],
 *   results: [{ name: 'sha256' }],
 *   env: { FILE: '$(params.file)' },
 *   script: '#!/bin/sh\nsha256sum "$FILE" | cut -d" " -f1 | tr -d "\\n" > $(step.results.sha256.path)\n',
 * });
 */
export class SecureStepAction extends Construct implements IStepAction {
  /** `metadata.name` of the StepAction. */
  public readonly name: string;
  /** The emitted StepAction object. */
  public readonly apiObject: ApiObject;

  private readonly params: TaskParam[];
  private readonly results: TaskResult[];
  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: SecureStepActionProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.name = props.name ?? id;
    this.params = [...(props.parameters ?? [])];
    this.results = [...(props.results ?? [])];
    this.policy.checkName('name', this.name);
    this.policy.checkUnique('parameters', this.params.map((p) => p.name));
    this.policy.checkUnique('results', this.results.map((r) => r.name));
    const invalid = containerValueProblem(props);
    if (invalid) throw this.policy.error({ ...invalid, rule: RuleId.VALID_SPEC });
    for (const p of this.params) {
      const declared = paramDeclarationProblems(p)[0];
      if (declared) throw this.policy.error(declared);
      if (p.valueType !== undefined && p.valueType !== ParamType.STRING) {
        throw this.policy.error({
          property: `parameters[${p.name}].valueType`,
          value: `ParamType.${p.valueType === ParamType.ARRAY ? 'ARRAY' : 'OBJECT'}`,
          problem: 'is not a string: steps pass a StepAction string values only (actionParameters)',
          rule: RuleId.VALID_SPEC,
          fix: 'Declare string params, one per value.',
        });
      }
      if (p.constraint) {
        throw this.policy.error({
          property: `parameters[${p.name}].constraint`,
          value: p.constraint.description,
          problem: 'is set on a StepAction param: a StepAction has no validation step of its own',
          rule: RuleId.VALID_SPEC,
          fix: 'Move the constraint to the param of the SecureTask whose value the step passes (parameters: [{ name: \'<param>\', constraint }], '
            + `actionParameters: { '${p.name}': '$(params.<param>)' }): its validate-params step checks it before the steps run.`,
        });
      }
    }
    this.checkDefaultReferences();
    for (const r of this.results) {
      if (!isResultName(r.name)) {
        throw this.policy.error({
          property: 'results',
          value: r.name,
          problem: 'is not a valid result name',
          rule: RuleId.VALID_NAME,
          fix: 'Use letters, digits, "-" and "_", starting and ending with a letter or digit.',
        });
      }
    }
    this.checkStep(props);
    this.policy.relax(props.relaxations);

    const spec = {
      description: props.description,
      image: props.image,
      ...(props.command ? { command: [...props.command] } : {}),
      ...(props.args ? { args: [...props.args] } : {}),
      ...(props.workingDir ? { workingDir: props.workingDir } : {}),
      env: nonEmpty(envInReferenceOrder(props.env ?? {})),
      params: nonEmpty(this.params.map(renderParamSpec)),
      results: nonEmpty(this.results.map((r) => ({ name: r.name, type: 'string', description: r.description }))),
      securityContext: stepSecurityContext(props),
      ...(props.script !== undefined ? { script: props.script } : {}),
    };
    const rendered = new Map<string, RenderedContainer>([[`step/${this.name}`, { role: 'step', props: { ...props, name: this.name }, relaxIn: "the SecureStepAction's props", stepAction: true }]]);
    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'StepAction',
      metadata: { name: this.name },
      spec,
    }), containerAttributor(rendered));
  }

  /** The declared param, or undefined. */
  public param(name: string): TaskParam | undefined {
    return this.params.find((p) => p.name === name);
  }

  /** Names of the declared params. */
  public get paramNames(): string[] {
    return this.params.map((p) => p.name);
  }

  /** Whether the StepAction declares this result. */
  public hasResult(name: string): boolean {
    return this.results.some((r) => r.name === name);
  }

  /**
   * A default that references params is resolved by Tekton when the run starts, from the
   * params the step passes and the other defaults (pkg/reconciler/taskrun/resources/apply.go):
   * a reference to a param the StepAction does not declare, or a cycle of defaults, fails
   * every run that uses the default. Tekton reads a default only when it holds
   * `$(params.`, and takes each match of its reference pattern with `$(params.` and `)`
   * trimmed as the name (so a bracket reference in such a default names no param).
   */
  private checkDefaultReferences(): void {
    const names = new Set(this.params.map((p) => p.name));
    const references = new Map<string, string[]>();
    for (const p of this.params) {
      const d = p.defaultValue;
      if (d === undefined || !d.includes('$(params.')) continue;
      const found = defaultReferences(d);
      const refs = found.map((r) => r.name);
      const missing = refs.find((r) => !names.has(r));
      if (missing !== undefined) {
        const match = found[refs.indexOf(missing)].written;
        const plain = /^[A-Za-z0-9_-]+$/.test(missing);
        throw this.policy.error({
          property: `parameters[${p.name}].defaultValue`,
          value: d,
          problem: `references ${plain ? `param '${missing}', which the StepAction does not declare` : `${match}, which names no param of the StepAction (Tekton reads the text between "$(params." and ")" as the name)`}: `
            + `Tekton fails every run that uses this default (parameter "${p.name}" references non-existent parameter "${missing}")`,
          rule: RuleId.VALID_REFERENCE,
          fix: plain
            ? `Declare it, e.g. parameters: [{ name: '${missing}' }, { name: '${p.name}', defaultValue: '$(params.${missing})' }], or fix the name.`
            : `Reference a declared string param as $(params.<name>), e.g. parameters: [{ name: '${p.name}', defaultValue: '$(params.${this.params.find((q) => q !== p)?.name ?? '<name>'})' }].`,
        });
      }
      references.set(p.name, refs);
    }
    // resolved as Tekton does, with every param without such a default given: what is left is a cycle
    const resolved = new Set(this.params.filter((p) => !references.has(p.name)).map((p) => p.name));
    const cycle = pendingDefaults([...references].map(([name, refs]) => ({ name, refs })), (p) => p.refs, resolved).map((p) => p.name);
    if (cycle.length > 0) {
      const p = this.param(cycle[0])!;
      throw this.policy.error({
        property: `parameters[${p.name}].defaultValue`,
        value: p.defaultValue!,
        problem: `is part of a cycle of defaults (${cycle.map((n) => `'${n}'`).join(', ')}): Tekton fails every run that uses it (circular dependency detected in parameter references)`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Give '${p.name}' a default that references no param of the cycle, e.g. parameters: [{ name: '${p.name}', defaultValue: '' }].`,
      });
    }
  }

  private checkStep(props: SecureStepActionProps): void {
    if (props.script !== undefined && props.command !== undefined) {
      throw this.policy.error({
        property: 'command',
        value: props.command.join(' '),
        problem: 'is set together with script',
        rule: RuleId.VALID_SPEC,
        fix: 'Use either script (with a #! line) or command and args, not both.',
      });
    }
    if (props.script === undefined && props.command === undefined) {
      throw this.policy.error({
        property: 'script',
        problem: 'is missing (and so is command)',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the StepAction a script starting with a #! line, or a command.',
      });
    }
    if (isRelativeContainerPath(props.workingDir)) {
      throw this.policy.error({
        property: 'workingDir',
        value: props.workingDir,
        problem: RELATIVE_WORKING_DIR,
        rule: RuleId.VALID_SPEC,
        fix: relativeWorkingDirFix(props.workingDir!, '/workspace/<name>', "the SecureStepAction's props"),
      });
    }
    for (const [property, text] of stepTexts(props)) {
      for (const ref of findReferences(text)) {
        if (ref.kind === 'params' && this.param(ref.name)) continue;
        if (ref.kind === 'other') continue;
        throw this.policy.error({ property, value: ref.text, rule: RuleId.VALID_REFERENCE, ...outsideReference(ref, property) });
      }
    }
  }
}

/**
 * Why a StepAction's reference to what is not its own is refused, and the fix. Tekton resolves a
 * StepAction into the steps of the task that runs it, then substitutes that task's params, workspaces
 * and results (taskrun.go `prepare`, then `applyParamsContextsResultsAndWorkspaces`), and its webhook
 * checks only the StepAction's params and results: the names are the running task's, so the StepAction
 * works only in tasks that declare them.
 */
function outsideReference(ref: Reference, property: string): { problem: string; fix: string } {
  if (ref.kind === 'params') return { problem: `references an undeclared param '${ref.name}'`, fix: "Declare it in the StepAction's parameters, or fix the name." };
  if (ref.kind === 'tasks') {
    return {
      problem: `references result '${ref.result}' of pipeline task '${ref.name}', which Tekton substitutes in a Pipeline only, never in a StepAction or a task's steps`,
      fix: `Declare a param, e.g. parameters: [{ name: '${ref.result}' }], pass it the result through the task's params, and use '$(params.${ref.result})'`
        + `${property === 'script' ? ' through env' : ''}.`,
    };
  }
  if (ref.kind === 'results') {
    return {
      problem: `references result '${ref.name}' of the task that runs it: Tekton substitutes it only where that task declares a result '${ref.name}'`,
      fix: `Declare it as the StepAction's own, results: [{ name: '${ref.name}' }], write it to '$(step.results.${ref.name}.path)', and let the task fetch it ($(steps.<step>.results.${ref.name})).`,
    };
  }
  const what = /^\$\(workspaces\.[^.]+\.(.+)\)$/.exec(ref.text)?.[1] ?? 'path';
  const param = `${ref.name}-${what}`;
  const env = envNameFor(`$(params.${param})`);
  const use = property === 'script'
    ? `pass it through env, env: { ${env}: '$(params.${param})' }, and use "$${env}" (quoted) in the script`
    : property === 'workingDir'
      ? `use it as workingDir: '$(params.${param})', and add relaxations: [{ rule: RuleId.ARGUMENT_INJECTION, reason: 'every step passes a workspace path of its task' }] to the SecureStepAction's props`
      : `use '$(params.${param})' in ${property}`;
  return {
    problem: `references the workspace '${ref.name}' of the task that runs it: Tekton substitutes that task's workspace of that name, and leaves the text as written in a task `
      + `without one, so the StepAction works only in tasks that name a workspace '${ref.name}'`,
    fix: `Declare a param, parameters: [{ name: '${param}' }], ${use}; each step that runs it passes the workspace: actionParameters: { '${param}': '${ref.text}' }.`,
  };
}
