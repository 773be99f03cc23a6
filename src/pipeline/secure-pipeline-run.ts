import { ApiObject, Chart, Duration, JsonPatch, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ParamType } from './param';
import { hasDefault, passedAs, typeOf } from './param-spec';
import { RunWorkspace } from './run-workspace';
import { PipelineTask, SecurePipeline } from './secure-pipeline';
import { TrustDomain } from './trust-domain';
import { GrantedRule } from '../identity/least-privilege-service-account';
import * as tekton from '../imports/tekton-tekton.dev';
import { canonical } from '../policy/engine/annotations';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Attribution } from '../policy/engine/enforcement';
import { Relaxation } from '../policy/relaxation';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { nonEmpty, readOnce, sortedByName, sortedKeys } from '../private/arrays';
import { asArray } from '../private/containers';
import { NON_ROOT_ID } from '../private/defaults';
import { durationString, durationText, timeoutProblem } from '../private/duration';
import { looksLikeResultRef, tektonExpressions } from '../private/names';
import { objectLiteral, paddedArray, tsKey } from '../private/text';
import { unwrittenReference, UnwrittenReference, writtenTektonNames } from '../private/written-objects';

const KIND = 'SecurePipelineRun';
/** A reference to a pipeline param as the library writes it: `$(params.<name>)`, `$(params.<name>[<i>])`, `$(params.<name>.<key>)`. */
const PARAM_REFERENCE = /\$\(params\.([A-Za-z0-9_-]+)(?:\[([0-9]+)\]|\.([A-Za-z0-9_-]+))?\)/g;

/**
 * Props of a SecurePipelineRun.
 */
export interface SecurePipelineRunProps {
  /** The pipeline to run. */
  readonly pipeline: SecurePipeline;
  /** Values of string params; every pipeline param without a default must be given. @default - none */
  readonly parameters?: { [name: string]: string };
  /**
   * Values of array params; an array the pipeline indexes (`$(params.tags[2])`) needs
   * that many items (three), or the run fails.
   * @default - none
   */
  readonly arrayParameters?: { [name: string]: string[] };
  /** Values of object params, with a value for every property. @default - none */
  readonly objectParameters?: { [name: string]: { [key: string]: string } };
  /**
   * A binding for each pipeline workspace (optional ones may be left out), e.g.
   * `{ source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) }`.
   * A new, empty volume must reach a task that writes it (a `TaskWorkspace` without
   * `readOnly`) before the tasks that only read it.
   * @default - none
   */
  readonly workspaces?: { [name: string]: RunWorkspace };
  /** Overall timeout: a whole number of seconds, at least one. @default - the pipeline's timeout */
  readonly timeout?: Duration;
  /** GID that owns the workspace volumes (pod `fsGroup`). @default 65532 */
  readonly fsGroup?: number;
  /**
   * Emit `metadata.generateName` instead of a fixed name, so that every
   * `kubectl create -f` starts a new run. Synth writes such a run to
   * `<outdir>/runs/` (`kubectl create -f <outdir>/runs/`); with a fixed name it
   * stays with the objects of its chart, and `kubectl apply` starts it once.
   * @default true
   */
  readonly generateName?: boolean;
  /** `metadata.name` (or the generateName prefix). @default - `<pipeline name>-run` */
  readonly name?: string;
  /** Relaxations for the run. @default - none */
  readonly relaxations?: Relaxation[];
}

/**
 * A Tekton `PipelineRun` of a SecurePipeline: the template every run starts from.
 *
 * Each run gets fresh `volumeClaimTemplate` volumes (ReadWriteOnce), the
 * pipeline's dedicated ServiceAccount, a pod template that mounts no token and
 * runs as non-root with `fsGroup` and the RuntimeDefault seccomp profile, and a
 * timeout. By default it has a `generateName`, so `kubectl create -f` starts a
 * new run each time; `kubectl apply` refuses an object without a name, so
 * `App.synth()` writes it to `<outdir>/runs/<chart>.k8s.yaml`, apart from the
 * objects of its chart that `kubectl apply -f <outdir>/` applies. The run must be
 * in its pipeline's namespace.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * new SecurePipelineRun(chart, 'run', {
 *   pipeline,
 *   parameters: { 'git-revision': '0123456789abcdef0123456789abcdef01234567' },
 *   workspaces: { source: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) },
 * });
 */
export class SecurePipelineRun extends Construct {
  /** The emitted PipelineRun object. */
  public readonly apiObject: ApiObject;
  /** The ServiceAccount the run uses. */
  public readonly serviceAccountName: string;
  /** The overall timeout. */
  public readonly timeout: Duration;

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: SecurePipelineRunProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    // read once: the checks at synth and the run written read the same values, whatever the app does with the object afterwards
    props = readOnce(props);
    const pipeline = props.pipeline;
    this.serviceAccountName = pipeline.serviceAccountName;
    this.timeout = props.timeout ?? pipeline.timeout;
    const timeoutWrong = props.timeout === undefined ? undefined : timeoutProblem(props.timeout);
    if (timeoutWrong !== undefined) {
      throw this.policy.error({
        property: 'timeout',
        value: durationText(props.timeout!),
        problem: timeoutWrong,
        rule: RuleId.VALID_SPEC,
        fix: 'Give the run a whole number of seconds, at least one, e.g. timeout: Duration.hours(1), or leave it out for the pipeline\'s.',
      });
    }
    this.policy.relax(props.relaxations);
    // An explicit API grant is the opt-in for the token of that task's pod. The
    // pipeline's tasks are read at synth, so grants added after the run exists reach it.
    const apiTasks = () => pipeline.pipelineTasks.filter((t) => t.apiGrants.length > 0);
    const namespace = Chart.of(this).namespace;
    this.policy.derive(() => apiTasks().map((t) => ({
      rule: RuleId.RUN_TOKEN_AUTOMOUNT,
      target: `task/${t.name}`,
      location: `task '${t.name}'`,
      reason: `API grant: ${t.apiGrants.map(describeGrant).join('; ')}`,
      // only while the run, as written, mounts the token of the account holding the grant, for that
      // task of that pipeline alone: an escape-hatch patch that changes any of it drops the record
      holds: (json: any) => json?.metadata?.namespace === namespace
        && canonical(json?.spec?.pipelineRef) === canonical({ name: pipeline.name }) && json?.spec?.pipelineSpec === undefined
        // pipelineRef.name runs the Pipeline of that name in the run's namespace: the app must write it there
        && this.unwrittenPipeline(pipeline, namespace) === undefined
        && json?.spec?.taskRunTemplate?.serviceAccountName === this.serviceAccountName
        && canonical(asArray(json?.spec?.taskRunSpecs).filter((x) => x?.pipelineTaskName === t.name)) === canonical([tokenSpec(t.name)])
        // and only while the Pipeline, as written, still runs in that task what addTask gave it: the grant is not
        // for the Task an escape-hatch patch of the Pipeline swaps in
        && pipeline._runsAsAdded(t),
    })));
    const name = props.name ?? `${pipeline.name}-run`;
    const generateName = props.generateName ?? true;
    const fsGroup = props.fsGroup ?? NON_ROOT_ID;
    this.checkName(props.name, name, generateName);
    this.checkNamespace(pipeline);

    this.checkBindings(props);
    // at synth: tasks may be added to the pipeline after the run
    this.policy.check(() => this.constraintProblems(props));
    this.policy.check(() => this.writtenPipelineRefProblems(pipeline));

    const spec = (): tekton.PipelineRunSpec => ({
      pipelineRef: { name: pipeline.name },
      params: nonEmpty(sortedByName([
        ...Object.entries(props.parameters ?? {}).map(([n, value]) => ({ name: n, value })),
        ...Object.entries(props.arrayParameters ?? {}).map(([n, value]) => ({ name: n, value: [...value] })),
        ...Object.entries(props.objectParameters ?? {}).map(([n, value]) => ({ name: n, value: sortedKeys(value) })),
      ])),
      workspaces: nonEmpty(sortedByName(Object.entries(props.workspaces ?? {}).map(([n, w]) => w._render(n) as tekton.PipelineRunSpecWorkspaces))),
      timeouts: { pipeline: durationString(this.timeout) },
      taskRunSpecs: nonEmpty(apiTasks().map((t) => tokenSpec(t.name))),
      taskRunTemplate: {
        serviceAccountName: this.serviceAccountName,
        podTemplate: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NON_ROOT_ID,
            runAsGroup: NON_ROOT_ID,
            fsGroup,
            seccompProfile: { type: 'RuntimeDefault' },
          },
        },
      },
    });
    // typed through the generated L1, converted to Kubernetes JSON once
    this.apiObject = this.policy.emit(new ApiObject(this, 'Resource', {
      ...tekton.PipelineRun.GVK,
      metadata: { name },
      // read at synth: API grants added to the pipeline's tasks later reach the run
      spec: Lazy.any({ produce: () => tekton.toJson_PipelineRunSpec(spec()) }),
    }), (f) => this.ownProps(f, props) ?? this.attribute(f, pipeline, apiTasks().map((t) => t.name), namespace));
    if (generateName) {
      this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/name'), JsonPatch.add('/metadata/generateName', `${name}-`));
    }
    // findings on the run about a pipeline task (creds-init's, in CREDENTIALS_WITH_REPO_CODE) are relaxed at task/<name>
    this.policy.declareTargets(this.apiObject, () => pipeline.pipelineTasks.map((t) => `task/${t.name}`));
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  /**
   * Why `pipelineRef.name` would not run the Pipeline `pipeline` writes, or undefined when it
   * does: Tekton looks the name up in the run's namespace when the run starts, so the app must
   * write that Pipeline, with that name, in the run's namespace.
   */
  private unwrittenPipeline(pipeline: SecurePipeline, namespace: string | undefined): UnwrittenReference | undefined {
    const chart = Chart.of(pipeline);
    const path = pipeline.node.path;
    return unwrittenReference({
      construct: 'SecurePipeline',
      kind: 'Pipeline',
      path,
      name: pipeline.name,
      apiObject: pipeline.apiObject,
      chartNamespace: chart.namespace,
      holder: 'run',
      namespace,
      anotherAppFix: `Create SecurePipeline '${path}' in this app, in a chart of the run's namespace`
        + `${namespace !== undefined ? ` (a Chart whose namespace prop is '${namespace}')` : ''}.`,
    }, this);
  }

  /**
   * The run as written refers by name to a Pipeline other than the pipeline's (an escape-hatch
   * patch of pipelineRef) that the app does not write in the run's namespace: Tekton runs
   * whatever Pipeline of that name the namespace holds, which nothing checked. The pipeline's
   * own Pipeline is checkNamespace's and the API grants' to judge.
   */
  private writtenPipelineRefProblems(pipeline: SecurePipeline): RefusalOptions[] {
    const json = this.apiObject.toJson();
    const ref = json?.spec?.pipelineRef;
    if (ref === null || typeof ref !== 'object' || typeof ref.name !== 'string' || ref.resolver !== undefined || ref.name === pipeline.name) return [];
    const namespace = json?.metadata?.namespace === '' ? undefined : json?.metadata?.namespace;
    if (writtenTektonNames(this, 'Pipeline', namespace).has(ref.name)) return [];
    return [{
      property: 'pipelineRef.name',
      value: ref.name,
      problem: `names Pipeline '${ref.name}', which the app does not write${namespace !== undefined ? ` in namespace '${namespace}'` : ' without a namespace'} `
        + `(not '${pipeline.name}', the pipeline's: an escape-hatch patch changed it): the run runs whatever Pipeline '${ref.name}' the namespace holds when it starts, unchecked`,
      rule: RuleId.VALID_REFERENCE,
      fix: 'Remove the patch of pipelineRef: the SecurePipelineRun\'s pipeline prop refers to the Pipeline the app writes and checks.',
    }];
  }

  /** A finding on a field the run's own props wrote, said as those props. */
  private ownProps(f: Finding, props: SecurePipelineRunProps): Attribution | undefined {
    if (f.rule === RuleId.RUN_POD_SECURITY_CONTEXT && /podTemplate\.securityContext\.fsGroup$/.test(f.property) && props.fsGroup !== undefined) {
      return {
        property: 'fsGroup',
        value: String(props.fsGroup),
        problem: f.problem,
        fix: 'Give a non-zero GID, e.g. fsGroup: 65532 (the default), or leave fsGroup out.',
        thenRelaxHint: true,
      };
    }
    const workspace = /^workspace\/(.+)$/.exec(f.target ?? '')?.[1];
    if (f.rule === RuleId.WORKSPACE_PER_RUN && workspace !== undefined && f.property === 'volumeClaimTemplate.spec.accessModes') {
      let modes: unknown;
      try {
        modes = JSON.parse(f.value ?? '');
      } catch {
        modes = undefined;
      }
      const member = (m: unknown) => `AccessMode.${String(m).replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
      return {
        property: 'accessMode',
        value: Array.isArray(modes) ? modes.map(member).join(', ') : f.value,
        problem: f.problem.replace(/^is not ReadWriteOnce only/, 'is not ReadWriteOnce, so pods of other runs and nodes can mount the volume at once'),
        fix: 'Leave accessMode out (AccessMode.READ_WRITE_ONCE, the default).',
        thenRelaxHint: true,
      };
    }
    // a claim of one pod the run's props asked for, which the affinity assistant's pod takes
    const bound = /^workspace '(.+)'$/.exec(f.location ?? '')?.[1];
    const binding = bound === undefined ? undefined : props.workspaces?.[bound]?._render(bound);
    if (f.rule === RuleId.AFFINITY_ASSISTANT_CLAIMS && f.property === 'volumeClaimTemplate.spec.accessModes'
      && binding?.volumeClaimTemplate?.spec?.accessModes?.includes(f.value)) {
      return {
        property: 'accessMode',
        value: 'AccessMode.READ_WRITE_ONCE_POD',
        problem: f.problem.replace(/^is an access mode of the claim; /, 'asks for a claim one pod at a time may mount; '),
        fix: 'Leave accessMode out (AccessMode.READ_WRITE_ONCE, the default), which the affinity assistant keeps on the node of the run\'s pods. '
          + 'When the cluster sets coschedule to "disabled" (TektonFeatureFlags coschedule: Coschedule.DISABLED), check its feature-flags with the run, or say so in a relaxation.',
        thenRelaxHint: true,
      };
    }
    // a new volume the run's props bound to a workspace that every task receiving it mounts read-only: nothing writes it
    if (f.rule === RuleId.VALID_REFERENCE && bound !== undefined && binding !== undefined && /mounts the workspace read-only/.test(f.problem)
      && (f.property === 'emptyDir' || f.property === 'volumeClaimTemplate')) {
      const key = keyOf(bound);
      return {
        location: '',
        property: `workspaces.${bound}`,
        value: f.property === 'emptyDir' ? 'RunWorkspace.emptyDir()' : 'RunWorkspace.volumeClaimTemplate(...)',
        problem: f.problem.replace(/^is a new, empty volume, and (.*?) mounts the workspace read-only \(readOnly: true\)/,
          'is a new, empty volume, and $1 mounts the workspace read-only (readOnly: true on the SecureTask\'s workspace)'),
        fix: `Run a task that writes workspace '${bound}' before the tasks that read it (its SecureTask's workspace without readOnly), or bind it to a `
          + `volume that holds what the steps read: workspaces: { ${key}: RunWorkspace.persistentVolumeClaim('<a claim that holds it>') }. `
          + `A claim every run shares needs relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/${bound}', reason: '<why>' }] in the run's props.`,
      };
    }
    // an array the run's props give (or leave to the pipeline's default) that the pipeline indexes beyond its length
    const items = /^Give it an array of at least ([0-9]+ items?)/.exec(f.fix ?? '')?.[1];
    if (f.rule === RuleId.VALID_REFERENCE && f.property === 'spec.params' && f.value !== undefined && items !== undefined) {
      const key = keyOf(f.value);
      const given = props.arrayParameters?.[f.value];
      return {
        location: '',
        property: `arrayParameters.${f.value}`,
        value: given === undefined ? undefined : JSON.stringify(given),
        problem: f.problem.replace(/^is given an array of (.*?) \((.*?)\), /, 'is an array of $1, ')
          .replace(/^is not given, and the default /, 'is not passed, and the default '),
        fix: `Pass an array of at least ${items}: arrayParameters: { ${key}: ${paddedArray(given ?? props.pipeline.paramDeclarations.find((p) => p.name === f.value)?.defaultArray, Number.parseInt(items, 10))} }, `
          + 'or refer only to indexes it has in the '
          + `${/^[^:]*, but pipeline task '.*?' passes it to /.test(f.problem) ? 'steps of the Task it is passed to' : "pipeline's tasks"}.`,
      };
    }
    // an emptyDir the run's props bound to a workspace that one task hands on to a later one
    if (f.rule === RuleId.EMPTY_DIR_NOT_SHARED && f.property === 'emptyDir' && bound !== undefined && binding?.emptyDir !== undefined) {
      const key = keyOf(bound);
      return {
        location: '',
        property: `workspaces.${bound}`,
        value: 'RunWorkspace.emptyDir()',
        fix: `Bind it to a volume that lives as long as the run, which every task of it mounts: workspaces: { ${key}: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) }.`,
        thenRelaxHint: true,
      };
    }
    return undefined;
  }

  /** A token mounted for the API grants of a pipeline that the run's reference does not reach, said as such. */
  private attribute(f: Finding, pipeline: SecurePipeline, granted: string[], namespace: string | undefined): Attribution | undefined {
    const task = granted.find((t) => f.target === `task/${t}`);
    if (f.rule !== RuleId.RUN_TOKEN_AUTOMOUNT || task === undefined) return undefined;
    const unwritten = this.unwrittenPipeline(pipeline, namespace);
    if (unwritten === undefined) {
      const added = pipeline.pipelineTasks.find((t) => t.name === task);
      if (added === undefined || pipeline._runsAsAdded(added)) return undefined;
      return {
        property: f.property,
        value: f.value,
        problem: `${f.problem} of task '${task}' for its API grants in SecurePipeline '${pipeline.node.path}', but the Pipeline as written no longer runs in that task `
          + `what addTask gave it (${added.task.constructor.name} '${added.task.node.path}'): an escape-hatch patch of the Pipeline changed its taskRef or taskSpec, and the grant is not for what it runs now`,
        fix: 'Grant the API to the pipeline task that runs the code that calls it (pipeline.addTask({ task }).grantApi(...)), and leave the Pipeline\'s taskRef and taskSpec as addTask writes them.',
      };
    }
    return {
      property: f.property,
      value: f.value,
      problem: `${f.problem} of task '${task}' for its API grants in SecurePipeline '${pipeline.node.path}', but ${unwritten.reason}: `
        + `pipelineRef.name runs whatever Pipeline '${pipeline.name}' the run's namespace${namespace !== undefined ? ` '${namespace}'` : ''} holds when the run starts`,
      fix: unwritten.fix,
    };
  }

  /**
   * Tekton takes a run's name as a DNS-1123 subdomain of at most 63 characters; the
   * library writes names as DNS-1123 labels. With generateName the API server cuts
   * the prefix to 58 characters before it adds 5 random ones, so only a fixed name
   * can be too long.
   */
  private checkName(written: string | undefined, name: string, generateName: boolean): void {
    if (written !== undefined) {
      this.policy.checkName('name', written);
    } else if (!generateName && name.length > 63) {
      throw this.error({
        property: 'name',
        value: name,
        problem: 'is longer than 63 characters (the default name: the pipeline\'s name and "-run")',
        rule: RuleId.VALID_NAME,
        fix: 'Give the run a name of at most 63 characters (name: \'<name>\'), or keep generateName: true.',
      });
    }
  }

  /** Tekton looks the Pipeline, its Tasks and the ServiceAccount up in the run's own namespace. */
  private checkNamespace(pipeline: SecurePipeline): void {
    const namespace = Chart.of(this).namespace;
    const expected = Chart.of(pipeline).namespace;
    if (namespace !== expected) {
      throw this.error({
        property: 'pipeline',
        value: pipeline.name,
        problem: `is in namespace '${expected ?? '(none)'}', the run in '${namespace ?? '(none)'}': a PipelineRun finds its Pipeline, Tasks and ServiceAccount in its own namespace`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Create the run in a chart of the pipeline's namespace: a Chart whose namespace prop is '${expected ?? '<namespace>'}'.`,
      });
    }
  }

  /**
   * Values (given, or the pipeline's defaults) that a task's validate-params step refuses,
   * where a pipeline task passes them on with nothing else substituted: a string param
   * (`$(params.x)`, an element `$(params.list[0])`, a key `$(params.obj.key)`), each element
   * of an array param (and each element of a whole `$(params.list[*])`), each key of an
   * object param; each value a matrix fans out over, and each its includes pass.
   */
  private constraintProblems(props: SecurePipelineRunProps): RefusalOptions[] {
    const pipeline = props.pipeline;
    const given = { params: props.parameters ?? {}, arrayParameters: props.arrayParameters ?? {}, objectParameters: props.objectParameters ?? {} };
    /** A value a reference stands for, and where the run's props (or the pipeline's default) give it. */
    interface Known { readonly value: string; readonly field: string; readonly own: boolean; readonly from: string }
    const declared = new Map(pipeline.paramDeclarations.map((p) => [p.name, p]));
    const literal = (v: string | undefined): v is string => v !== undefined && !v.includes('$(');
    const lookup = (name: string, index: string | undefined, key: string | undefined): Known | undefined => {
      const p = declared.get(name);
      if (p === undefined) return undefined;
      const type = typeOf(p);
      if (type === ParamType.STRING && index === undefined && key === undefined) {
        const own = given.params[name] !== undefined;
        const value = own ? given.params[name] : p.defaultValue;
        return literal(value) ? { value, field: `parameters.${name}`, own, from: name } : undefined;
      }
      if (type === ParamType.ARRAY && index !== undefined && index !== '*') {
        const own = given.arrayParameters[name] !== undefined;
        const value = (own ? given.arrayParameters[name] : p.defaultArray ?? [])[Number(index)];
        return literal(value) ? { value, field: `arrayParameters.${name}`, own, from: name } : undefined;
      }
      if (type === ParamType.OBJECT && key !== undefined) {
        const own = given.objectParameters[name] !== undefined;
        const value = (own ? given.objectParameters[name] : p.defaultObject ?? {})[key];
        return literal(value) ? { value, field: `objectParameters.${name}.${key}`, own, from: name } : undefined;
      }
      return undefined;
    };
    /** `written` with every param reference replaced, and where the first came from; undefined when one is not known. */
    const resolve = (written: string): { value: string; source: Known } | undefined => {
      const refs = [...written.matchAll(PARAM_REFERENCE)];
      if (refs.length === 0) return undefined;
      const found = refs.map((m) => lookup(m[1], m[2], m[3]));
      if (found.some((f) => f === undefined)) return undefined;
      let i = 0;
      const value = written.replace(PARAM_REFERENCE, () => found[i++]!.value);
      return value.includes('$(') ? undefined : { value, source: found[0]! };
    };
    /** Each value a task param receives, as written and resolved. */
    const passed = (t: PipelineTask): Array<{ param: string; written: string; value: string; source: Known; verb: string }> => {
      const out: Array<{ param: string; written: string; value: string; source: Known; verb: string }> = [];
      const add = (param: string, written: string, verb = 'passes') => {
        const r = resolve(written);
        if (r !== undefined) out.push({ param, written, ...r, verb });
      };
      /** Each element of an array a param receives: a whole array param, `$(params.list[*])`, stands for each of its elements. */
      const addElements = (param: string, elements: readonly string[], verb = 'passes') => {
        for (const e of elements) {
          const whole = /^\$\(params\.([A-Za-z0-9_-]+)\[\*\]\)$/.exec(e);
          const p = whole ? declared.get(whole[1]) : undefined;
          if (whole && p !== undefined && typeOf(p) === ParamType.ARRAY) {
            const own = given.arrayParameters[whole[1]] !== undefined;
            for (const v of own ? given.arrayParameters[whole[1]] : p.defaultArray ?? []) {
              if (literal(v)) out.push({ param, written: e, value: v, source: { value: v, field: `arrayParameters.${whole[1]}`, own, from: whole[1] }, verb });
            }
          } else {
            add(param, e, verb);
          }
        }
      };
      for (const [param, written] of Object.entries<string>(t._options.parameters ?? {})) add(param, written);
      for (const [param, elements] of Object.entries<string[]>(t._options.arrayParameters ?? {})) addElements(param, elements);
      // a matrix gives each TaskRun one of its values: each must pass the task's constraint
      for (const [param, values] of Object.entries<string[]>(t._options.matrix?.parameters ?? {})) addElements(param, values, 'fans out over');
      for (const include of t._options.matrix?.include ?? []) {
        for (const [param, written] of Object.entries<string>(include.parameters)) add(param, written);
      }
      for (const [param, keys] of Object.entries<Record<string, string>>(t._options.objectParameters ?? {})) {
        for (const written of Object.values(keys)) add(param, written);
      }
      return out;
    };
    const problems: RefusalOptions[] = [];
    const reported = new Set<string>();
    for (const t of pipeline.pipelineTasks) {
      for (const { param, written, value, source, verb } of passed(t)) {
        const constraint = t.task.param(param)?.constraint;
        if (!constraint || constraint.accepts(value) || reported.has(`${source.field}\0${source.value}`)) continue;
        reported.add(`${source.field}\0${source.value}`);
        // the value passed as it is: the reference alone
        const whole = /^\$\(params\.[^()]*\)$/.test(written);
        const requires = `which param '${param}' of task '${t.task.name}' requires (pipeline task '${t.name}' ${verb} ${whole ? 'it' : `${JSON.stringify(written)}, here ${JSON.stringify(value)}`})`
          + ': its validate-params step fails every run';
        const what = `${whole ? '' : 'a value that makes '}${constraint.description}`;
        const field = source.field.split('.')[0];
        const example = field === 'parameters' ? `parameters: { '${source.from}': '...' }` : field === 'arrayParameters' ? `arrayParameters: { '${source.from}': ['...'] }` : `objectParameters: { '${source.from}': { ... } }`;
        problems.push({
          property: source.own ? source.field : field,
          value: source.own ? source.value : source.from,
          problem: source.own
            ? `is not ${what}, ${requires}`
            : `is not passed, and the pipeline's default ${JSON.stringify(source.value)} is not ${what}, ${requires}`,
          rule: RuleId.VALID_REFERENCE,
          fix: whole ? `Pass ${constraint.description}: ${example}.` : `Pass a value that makes ${JSON.stringify(written)} ${constraint.description}: ${example}.`,
        });
      }
    }
    return problems;
  }

  private checkBindings(props: SecurePipelineRunProps): void {
    const pipeline = props.pipeline;
    const params = props.parameters ?? {};
    const workspaces = props.workspaces ?? {};
    const given: Array<[string, ParamType, string[], string]> = [
      ...Object.entries(params).map(([p, v]): [string, ParamType, string[], string] => [p, ParamType.STRING, [v], 'parameters']),
      ...Object.entries(props.arrayParameters ?? {}).map(([p, v]): [string, ParamType, string[], string] => [p, ParamType.ARRAY, v, 'arrayParameters']),
      ...Object.entries(props.objectParameters ?? {}).map(([p, v]): [string, ParamType, string[], string] => [p, ParamType.OBJECT, Object.keys(v), 'objectParameters']),
    ];
    const seen = new Set<string>();
    for (const [p, as, values, field] of given) {
      const declared = pipeline.param(p);
      if (!declared) {
        throw this.error({
          property: `${field}.${p}`,
          value: values.join(', '),
          problem: `is not a param of pipeline '${pipeline.name}'`,
          fix: pipeline.paramDeclarations.length > 0 ? `Use one of: ${pipeline.paramDeclarations.map((d) => d.name).join(', ')}.`
            : `Remove '${p}' from ${field}: pipeline '${pipeline.name}' declares no params (or declare it in the SecurePipeline's parameters).`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
      if (seen.has(p)) {
        throw this.error({ property: `${field}.${p}`, problem: 'is passed twice', fix: 'Pass each param once: in parameters, arrayParameters or objectParameters.', rule: RuleId.VALID_REFERENCE });
      }
      seen.add(p);
      const type = typeOf(declared);
      if (type !== as) {
        const right = type === ParamType.ARRAY ? 'arrayParameters' : type === ParamType.OBJECT ? 'objectParameters' : 'parameters';
        throw this.error({
          property: `${field}.${p}`,
          value: values.join(', '),
          problem: `is ${type} param '${p}' of pipeline '${pipeline.name}'`,
          fix: `Pass it in ${right}: ${passedAs(declared, as === ParamType.OBJECT ? undefined : values).replace(/^[A-Za-z]+: /, '')}.`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
      if (type === ParamType.OBJECT) {
        const keys = declared.properties ?? [];
        const missing = keys.filter((k) => !values.includes(k));
        const extra = values.filter((k) => !keys.includes(k));
        if (missing.length > 0 || extra.length > 0) {
          throw this.error({
            property: `${field}.${p}`,
            value: values.join(', '),
            problem: [missing.length > 0 ? `leaves out ${missing.join(', ')}` : '', extra.length > 0 ? `has keys that are not properties of the param: ${extra.join(', ')}` : ''].filter(Boolean).join(' and '),
            fix: `Give a value for exactly its properties: objectParameters: { ${tsKey(p)}: ${objectLiteral(keys, props.objectParameters?.[p])} }.`,
            rule: RuleId.VALID_REFERENCE,
          });
        }
      }
    }
    const values = [
      ...Object.entries(params).map(([p, x]): [string, string] => [`parameters.${p}`, x]),
      ...Object.entries(props.arrayParameters ?? {}).flatMap(([p, v]) => v.map((x): [string, string] => [`arrayParameters.${p}`, x])),
      ...Object.entries(props.objectParameters ?? {}).flatMap(([p, v]) => Object.entries(v).map(([k, x]): [string, string] => [`objectParameters.${p}.${k}`, x])),
    ];
    for (const [p, value] of values) {
      const ref = tektonExpressions(value).find((e) => looksLikeResultRef(e.inner));
      if (ref) {
        throw this.error({
          property: p,
          value: ref.text,
          problem: 'is a result reference, which a run cannot pass',
          fix: 'Pass a literal value; results go from task to task inside the pipeline: addTask({ ..., parameters: { <param>: producer.result(\'<result>\') } }).',
          rule: RuleId.VALID_REFERENCE,
        });
      }
    }
    for (const p of pipeline.paramDeclarations) {
      if (!hasDefault(p) && !seen.has(p.name)) {
        const field = typeOf(p) === ParamType.ARRAY ? 'arrayParameters' : typeOf(p) === ParamType.OBJECT ? 'objectParameters' : 'parameters';
        throw this.error({
          property: field,
          value: p.name,
          problem: 'is required by the pipeline but not passed',
          fix: `Pass it: ${passedAs(p)}.`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
    }
    const declared = pipeline.workspaceDeclarations;
    for (const w of Object.keys(workspaces)) {
      if (!declared.some((d) => d.name === w)) {
        throw this.error({
          property: `workspaces.${w}`,
          value: w,
          problem: `is not a workspace of pipeline '${pipeline.name}'`,
          fix: declared.length > 0 ? `Use one of: ${declared.map((d) => d.name).join(', ')}.`
            : `Remove '${w}' from workspaces: pipeline '${pipeline.name}' declares no workspaces (or declare it in the SecurePipeline's workspaces).`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
    }
    const namespace = Chart.of(this).namespace;
    for (const [w, binding] of Object.entries(workspaces)) {
      const empty = binding._problem();
      if (empty) {
        throw this.error({ property: `workspaces.${w}`, ...empty, rule: RuleId.VALID_SPEC });
      }
      const domain = declared.find((d) => d.name === w)?.domain;
      if (binding.holdsSecrets && domain !== TrustDomain.CREDENTIALS) {
        throw this.error({
          property: `workspaces.${w}`,
          value: w,
          problem: `binds secret values to a workspace of domain '${domain}'`,
          fix: 'Bind Secrets and Vault volumes only to a workspace of domain credentials (which only trusted tasks receive): declare it in the pipeline\'s '
            + `workspaces as { name: '${w}', domain: TrustDomain.CREDENTIALS }.`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
      // a new volume holds no credentials: the task that expects them cannot authenticate
      const fresh = binding._freshVolume();
      if (fresh !== undefined && domain === TrustDomain.CREDENTIALS) {
        throw this.error({
          property: `workspaces.${w}`,
          value: `RunWorkspace.${fresh}(...)`,
          problem: `is a new, empty volume for credentials workspace '${w}' of pipeline '${pipeline.name}': the tasks that receive it find no credentials in it and cannot authenticate`,
          fix: `Bind it to the credentials: workspaces: { '${w}': RunWorkspace.secret('<Secret name>') } (or RunWorkspace.csi(<VaultSecretProviderClass>), `
            + 'or the workspace() of the GitCredential or RegistryCredential its task uses).',
          rule: RuleId.VALID_REFERENCE,
        });
      }
      const spc = binding.secretProviderClass;
      if (spc && spc.namespaceName !== namespace) {
        throw this.error({
          property: `workspaces.${w}`,
          value: spc.name,
          problem: `is a SecretProviderClass in namespace '${spc.namespaceName ?? '(none)'}', not the run's '${namespace ?? '(none)'}'`,
          fix: 'Create the SecretProviderClass in the chart (namespace) of the run: the CSI driver looks it up in the pod\'s namespace.',
          rule: RuleId.VALID_REFERENCE,
        });
      }
    }
    for (const d of declared) {
      if (!d.optional && workspaces[d.name] === undefined) {
        throw this.error({
          property: 'workspaces',
          value: d.name,
          problem: 'is required by the pipeline but not bound',
          fix: d.domain === TrustDomain.CREDENTIALS
            // a fresh volume holds no credentials: name where they are
            ? `Bind it to the credentials: workspaces: { '${d.name}': RunWorkspace.secret('<Secret name>') } (or RunWorkspace.csi(<VaultSecretProviderClass>), `
              + 'or the workspace() of the GitCredential or RegistryCredential its task uses).'
            : `Bind it: workspaces: { '${d.name}': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }) } (Size from 'cdk8s').`,
          rule: RuleId.VALID_REFERENCE,
        });
      }
    }
  }
}

/** The per-task run spec that mounts the ServiceAccount token for the pod of a task with API grants. */
function tokenSpec(task: string): tekton.PipelineRunSpecTaskRunSpecs {
  return { pipelineTaskName: task, podTemplate: { automountServiceAccountToken: true } };
}

/** `get,update tekton.dev/pipelineruns [nightly]` */
function describeGrant(g: GrantedRule): string {
  const group = g.apiGroups[0] ? `${g.apiGroups[0]}/` : '';
  return `${g.verbs.join(',')} ${group}${g.resources.join(',')} [${g.resourceNames.join(',')}]`;
}

/** A name as an object literal's key in a fix: as it is where it is an identifier, else quoted. */
function keyOf(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${name}'`;
}

