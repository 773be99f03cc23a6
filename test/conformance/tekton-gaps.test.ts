/**
 * Inputs Tekton v1.15's admission webhook rejects, which the library refuses first,
 * each with its own rule. For every gap:
 * (a) the oracle (conformance/) rejects the YAML Tekton would get, with Tekton's
 *     message: the gap is real;
 * (b) the library refuses the construct input, with the exact message.
 * The YAML of (a) is what the library writes for the valid neighbour of the input,
 * with the one bad value patched in.
 */
import { Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  ParamConstraint, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, SecureTaskProps, StepProps, TrustDomain,
} from '../../src';
import { SecureTektonError } from '../../src/policy/errors';
import { PINNED, step } from '../helpers/constructs';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

const isTekton = (o: any) => typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/');
const gapChart = () => new Chart(Testing.app(), 'gap', { namespace: 'ci' });
const of = (objects: any[], kind: string) => objects.find((o) => o.kind === kind);

/** The Tekton objects a chart writes. */
function tekton(build: (c: Chart) => void): any[] {
  const c = gapChart();
  build(c);
  return Testing.synth(c).filter(isTekton);
}

/** A task with one step, the props on top. */
function task(props: Partial<SecureTaskProps> = {}, c = gapChart()): SecureTask {
  return new SecureTask(c, 't', { steps: [step()], ...props });
}

/** The Task the library writes for `props`, patched. */
function taskYaml(props: Partial<SecureTaskProps>, patch: (spec: any) => void): any[] {
  const objects = tekton((c) => task(props, c));
  patch(of(objects, 'Task').spec);
  return objects;
}

/** Two tasks `a` (result `r`) and `b` (param `x`); `f` adds to the pipeline. */
function pipeline(f: (p: SecurePipeline, producer: SecureTask, consumer: SecureTask) => void, c = gapChart()): SecurePipeline {
  const producer = new SecureTask(c, 'producer', { results: [{ name: 'r' }], steps: [step()] });
  const consumer = new SecureTask(c, 'consumer', { parameters: [{ name: 'x' }], steps: [step({ env: { X: '$(params.x)' } })] });
  const p = new SecurePipeline(c, 'p', { parameters: [{ name: 'revision' }] });
  f(p, producer, consumer);
  return p;
}

/** The Pipeline the library writes for `f`, patched. */
function pipelineYaml(f: (p: SecurePipeline, producer: SecureTask, consumer: SecureTask) => void, patch: (spec: any) => void): any[] {
  const objects = tekton((c) => pipeline(f, c));
  patch(of(objects, 'Pipeline').spec);
  return objects.filter((o) => o.kind === 'Pipeline');
}

/** a -> b, b's param x bound to `value`. */
const dag = (value: string) => (p: SecurePipeline, producer: SecureTask, consumer: SecureTask) => {
  p.addTask({ task: producer, name: 'a' });
  p.addTask({ task: consumer, name: 'b', parameters: { x: value }, runAfter: ['a'] });
};
/** a, then finally f (param x bound to `value`). */
const withFinally = (value: string) => (p: SecurePipeline, producer: SecureTask, consumer: SecureTask) => {
  p.addTask({ task: producer, name: 'a' });
  p.addFinally({ task: consumer, name: 'f', parameters: { x: value } });
};
/** Sets b's param x (the second task) in the written spec. */
const setParam = (list: 'tasks' | 'finally', index: number, value: string) => (spec: any) => {
  spec[list][index].params = [{ name: 'x', value }];
};

/** A run of a pipeline with param `revision` and workspace `src`. */
function run(props: Partial<ConstructorParameters<typeof SecurePipelineRun>[2]>, c = gapChart(), pipelineName = 'p'): SecurePipelineRun {
  const t = new SecureTask(c, 't', { workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], steps: [step()] });
  const p = new SecurePipeline(c, 'p', {
    name: pipelineName,
    serviceAccountName: 'runner',
    parameters: [{ name: 'revision' }],
    workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'conf', domain: TrustDomain.CREDENTIALS, optional: true }],
  });
  p.addTask({ task: t, workspaces: { src: 'src' } });
  return new SecurePipelineRun(c, 'r', { pipeline: p, parameters: { revision: 'main' }, workspaces: { src: RunWorkspace.emptyDir() }, ...props });
}

/** The PipelineRun the library writes for `props`, patched. */
function runYaml(props: Partial<ConstructorParameters<typeof SecurePipelineRun>[2]>, patch: (run: any) => void): any[] {
  const objects = tekton((c) => run(props, c));
  const r = of(objects, 'PipelineRun');
  patch(r);
  return [r];
}

interface Gap {
  /** What the input is. */
  readonly name: string;
  /** The Tekton objects the webhook would get. */
  readonly yaml: () => any[];
  /** One of Tekton's error messages for them, exactly. */
  readonly tekton: string;
  /** The construct input; throws, or synthesizes (refusals at synth). */
  readonly input: () => unknown;
  readonly rule: RuleId;
  /** The library's message, exactly. */
  readonly message: string;
}

/** Synthesizes the chart of what `f` builds (refusals at synth). */
const synth = (f: () => IConstruct) => () => {
  Testing.synth(Chart.of(f()));
};

const EMPTY_PIPELINE_FIX = 'Add at least one task: pipeline.addTask({ task: <SecureTask> }).';
const PIPELINE_CONTEXT = '$(context.pipelineRun.name), $(context.pipelineRun.namespace), $(context.pipelineRun.uid), $(context.pipeline.name), $(context.pipelineTask.retries)';
const TASK_CONTEXT = '$(context.taskRun.name), $(context.taskRun.namespace), $(context.taskRun.uid), $(context.task.name), $(context.task.retry-count)';
const LABEL_FIX = 'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.';
const STEP_RESULT_FIX = 'Pass the value to the next step in a file under /tmp (every step of the task mounts the same one), or to other tasks as a task result.';
const ARTIFACT_PROBLEM = 'references an artifact, which Tekton refuses while enable-artifacts is off (TektonFeatureFlags leaves it off)';
const WORKSPACE_FIX = (name: string) => `Give each workspace a mount path of its own, outside /tmp and /home/tekton themselves (e.g. leave mountPath out: /workspace/${name}).`;
const PREFIX_PROBLEM = 'does not start with a variable prefix Tekton knows (params, tasks, finally, context, workspaces, results)';
const PREFIX_FIX = 'Fix the prefix, e.g. $(params.<name>); Tekton refuses any other $(…) of letters, digits, ".", "-" and "_" in a pipeline task\'s params, shell command substitutions included.';
const TEKTON_PREFIX = (e: string, path: string) =>
  `invalid value: invalid variable reference "${e}", must start with a valid prefix: params, tasks, finally, context, workspaces, or results; if you meant a shell variable, use \${VAR} instead: ${path}`;
const STATUS_TEKTON = (path: string) => `invalid value: pipeline tasks can not refer to execution status of any other pipeline task or aggregate status of tasks: ${path}`;
const withStep = (s: Partial<StepProps>, props: Partial<SecureTaskProps> = {}) => () => task({ steps: [step(s)], ...props });
const stepsOf = (s: Partial<StepProps>) => [step({ name: 'first' }), step({ name: 'second', ...s })];

const GAPS: Gap[] = [
  // SecurePipeline: no tasks
  {
    name: 'a pipeline with no tasks',
    yaml: () => pipelineYaml((p, producer) => { p.addTask({ task: producer }); }, (spec) => { spec.tasks = []; delete spec.params; }),
    tekton: 'expected at least one, got none: spec.description, spec.params, spec.resources, spec.tasks, spec.workspaces',
    input: () => { const c = gapChart(); new SecurePipeline(c, 'p'); Testing.synth(c); },
    rule: RuleId.VALID_SPEC,
    message: `SecurePipeline 'gap/p': tasks is empty [VALID_SPEC]. ${EMPTY_PIPELINE_FIX}`,
  },
  {
    name: 'a pipeline with only finally tasks',
    yaml: () => pipelineYaml((p, producer) => { p.addTask({ task: producer }); }, (spec) => { spec.finally = spec.tasks; spec.tasks = []; }),
    tekton: 'invalid value: spec.tasks is empty but spec.finally has 1 tasks: spec.finally',
    input: synth(() => pipeline((p, producer) => { p.addFinally({ task: producer, name: 'cleanup' }); })),
    rule: RuleId.VALID_DAG,
    message: "SecurePipeline 'gap/p': finally \"cleanup\" runs after the pipeline's tasks, but it has none [VALID_DAG]. "
      + 'Add the work with pipeline.addTask(...); addFinally is for what runs after it (clean-up, notifications).',
  },

  // SecurePipelineRun: names
  {
    name: 'a run name that is not a DNS name',
    yaml: () => runYaml({ generateName: false }, (r) => { r.metadata.name = 'Nightly_Build'; }),
    tekton: 'invalid resource name "Nightly_Build": must be a valid DNS label: metadata.name',
    input: () => run({ name: 'Nightly_Build', generateName: false }),
    rule: RuleId.VALID_NAME,
    message: `SecurePipelineRun 'gap/r': name "Nightly_Build" is not a DNS-1123 label [VALID_NAME]. ${LABEL_FIX}`,
  },
  {
    name: 'a generateName base that is not a DNS name',
    yaml: () => runYaml({}, (r) => { r.metadata.generateName = 'Nightly_Build-'; }),
    tekton: 'invalid resource name "Nightly_Build-xxxxx": must be a valid DNS label: metadata.name',
    input: () => run({ name: 'Nightly_Build' }),
    rule: RuleId.VALID_NAME,
    message: `SecurePipelineRun 'gap/r': name "Nightly_Build" is not a DNS-1123 label [VALID_NAME]. ${LABEL_FIX}`,
  },
  {
    name: 'a run name longer than 63 characters',
    yaml: () => runYaml({ generateName: false }, (r) => { r.metadata.name = 'n'.repeat(64); }),
    tekton: 'Invalid resource name: length must be no more than 63 characters: metadata.name',
    input: () => run({ name: 'n'.repeat(64), generateName: false }),
    rule: RuleId.VALID_NAME,
    message: `SecurePipelineRun 'gap/r': name "${'n'.repeat(64)}" is not a DNS-1123 label [VALID_NAME]. ${LABEL_FIX}`,
  },
  {
    name: 'a fixed default run name longer than 63 characters (a long pipeline name and "-run")',
    yaml: () => runYaml({ generateName: false }, (r) => { r.metadata.name = `${'p'.repeat(61)}-run`; }),
    tekton: 'Invalid resource name: length must be no more than 63 characters: metadata.name',
    input: () => run({ generateName: false }, gapChart(), 'p'.repeat(61)),
    rule: RuleId.VALID_NAME,
    message: `SecurePipelineRun 'gap/r': name "${'p'.repeat(61)}-run" is longer than 63 characters (the default name: the pipeline's name and "-run") [VALID_NAME]. `
      + 'Give the run a name of at most 63 characters (name: \'<name>\'), or keep generateName: true.',
  },

  // SecurePipeline: execution status outside finally
  ...([
    ['$(tasks.a.status)', 'the status of a task'],
    ['$(tasks.status)', 'the aggregate status of the tasks'],
    ['$(tasks.a.reason)', 'the reason of a task'],
  ] as const).map(([ref, what]): Gap => ({
    name: `${what} in a task that is not a finally task: ${ref}`,
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, ref)),
    tekton: STATUS_TEKTON('spec.tasks[1].params[x].value'),
    input: synth(() => pipeline(dag(ref))),
    rule: RuleId.VALID_DAG,
    message: `SecurePipeline 'gap/p' task 'b': parameters.x "${ref}" reads the execution status of tasks, which only a finally task can [VALID_DAG]. `
      + 'Read it in a task added with addFinally, which runs after every other task.',
  })),
  {
    name: 'the status of a finally task in a finally task',
    yaml: () => pipelineYaml((p, producer, consumer) => {
      p.addTask({ task: producer, name: 'a' });
      p.addFinally({ task: producer, name: 'f' });
      p.addFinally({ task: consumer, name: 'g', parameters: { x: 'v' } });
    }, (spec) => { spec.finally[1].params = [{ name: 'x', value: '$(tasks.f.status)' }]; }),
    tekton: 'invalid value: pipeline task f is not defined in the pipeline: spec.finally[1].params[x].value',
    input: synth(() => pipeline((p, producer, consumer) => {
      p.addTask({ task: producer, name: 'a' });
      p.addFinally({ task: producer, name: 'f' });
      p.addFinally({ task: consumer, name: 'g', parameters: { x: '$(tasks.f.status)' } });
    })),
    rule: RuleId.VALID_REFERENCE,
    message: "SecurePipeline 'gap/p' task 'g': parameters.x \"$(tasks.f.status)\" references task 'f', which is not a task of the pipeline (finally tasks excluded) [VALID_REFERENCE]. "
      + 'Use one of: a; or $(tasks.status) for all of them.',
  },

  // context variables
  {
    name: 'an unknown $(context.pipelineRun…) variable in a pipeline task',
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(context.pipelineRun.id)')),
    tekton: 'non-existent variable in "$(context.pipelineRun.id)": spec.tasks.value',
    input: synth(() => pipeline(dag('$(context.pipelineRun.id)'))),
    rule: RuleId.VALID_REFERENCE,
    message: `SecurePipeline 'gap/p' task 'b': parameters.x "$(context.pipelineRun.id)" is not a context variable of a pipeline [VALID_REFERENCE]. Use one of: ${PIPELINE_CONTEXT}.`,
  },
  {
    name: 'an unknown $(context.pipelineTask…) variable in a finally task',
    yaml: () => pipelineYaml(withFinally('v'), setParam('finally', 0, '$(context.pipelineTask.name)')),
    tekton: 'non-existent variable in "$(context.pipelineTask.name)": spec.finally.value',
    input: synth(() => pipeline(withFinally('$(context.pipelineTask.name)'))),
    rule: RuleId.VALID_REFERENCE,
    message: `SecurePipeline 'gap/p' task 'f': parameters.x "$(context.pipelineTask.name)" is not a context variable of a pipeline [VALID_REFERENCE]. Use one of: ${PIPELINE_CONTEXT}.`,
  },
  {
    name: 'an unknown $(context.task…) variable in a step',
    yaml: () => taskYaml({}, (spec) => { spec.steps[0].env = [{ name: 'RUN', value: '$(context.task.uid)' }]; }),
    tekton: 'non-existent variable in "$(context.task.uid)": spec.steps[0].env[RUN]',
    input: withStep({ env: { RUN: '$(context.task.uid)' } }),
    rule: RuleId.VALID_REFERENCE,
    message: `SecureTask 'gap/t' step 'run': env.RUN "$(context.task.uid)" is not a context variable of a task [VALID_REFERENCE]. Use one of: ${TASK_CONTEXT}.`,
  },
  {
    name: 'an unknown $(context.taskRun…) variable in a step',
    yaml: () => taskYaml({}, (spec) => { spec.steps[0].args = ['--run=$(context.taskRun.id)']; spec.steps[0].command = ['make']; delete spec.steps[0].script; }),
    tekton: 'non-existent variable in "--run=$(context.taskRun.id)": spec.steps[0].args[0]',
    input: withStep({ script: undefined, command: ['make'], args: ['--run=$(context.taskRun.id)'] }),
    rule: RuleId.VALID_REFERENCE,
    message: `SecureTask 'gap/t' step 'run': args "$(context.taskRun.id)" is not a context variable of a task [VALID_REFERENCE]. Use one of: ${TASK_CONTEXT}.`,
  },

  // variable prefixes in a pipeline task's params
  {
    name: 'an invalid variable prefix in a pipeline task: $(param.x)',
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(param.revision)')),
    tekton: TEKTON_PREFIX('$(param.revision)', 'spec.tasks[1].params[x].value'),
    input: synth(() => pipeline(dag('$(param.revision)'))),
    rule: RuleId.VALID_REFERENCE,
    message: `SecurePipeline 'gap/p' task 'b': parameters.x "$(param.revision)" ${PREFIX_PROBLEM} [VALID_REFERENCE]. ${PREFIX_FIX}`,
  },
  {
    name: 'a shell command substitution in a pipeline task: $(date)',
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, 'build-$(date)')),
    tekton: TEKTON_PREFIX('$(date)', 'spec.tasks[1].params[x].value'),
    input: synth(() => pipeline(dag('build-$(date)'))),
    rule: RuleId.VALID_REFERENCE,
    message: `SecurePipeline 'gap/p' task 'b': parameters.x "$(date)" ${PREFIX_PROBLEM} [VALID_REFERENCE]. ${PREFIX_FIX}`,
  },

  // param references
  {
    name: 'a param reference with three dot-separated parts in a step',
    yaml: () => taskYaml({ parameters: [{ name: 'x' }] }, (spec) => { spec.steps[0].env = [{ name: 'X', value: '$(params.x.y.z)' }]; }),
    tekton: 'Invalid referencing of parameters in "$(params.x.y.z)"! Only two dot-separated components after the prefix "params" are allowed.: spec.steps[0].env[X]',
    input: withStep({ env: { X: '$(params.x.y.z)' } }, { parameters: [{ name: 'x' }] }),
    rule: RuleId.VALID_REFERENCE,
    message: 'SecureTask \'gap/t\' step \'run\': env.X "$(params.x.y.z)" has more than two dot-separated parts after "params" [VALID_REFERENCE]. '
      + 'Reference a param as $(params.<name>), or as $(params["<name>"]) when its name has dots.',
  },
  {
    name: 'a param reference with three dot-separated parts in a pipeline task',
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(params.revision.a.b)')),
    tekton: 'Invalid referencing of parameters in "$(params.revision.a.b)"! Only two dot-separated components after the prefix "params" are allowed.: spec.tasks[1].params[x]',
    input: synth(() => pipeline(dag('$(params.revision.a.b)'))),
    rule: RuleId.VALID_REFERENCE,
    message: 'SecurePipeline \'gap/p\' task \'b\': parameters.x "$(params.revision.a.b)" has more than two dot-separated parts after "params" [VALID_REFERENCE]. '
      + 'Reference a param as $(params.<name>), or as $(params["<name>"]) when its name has dots.',
  },

  // result names
  {
    name: 'a result name Tekton\'s pattern refuses',
    yaml: () => taskYaml({ results: [{ name: 'digest' }] }, (spec) => { spec.results[0].name = 'digest_'; }),
    tekton: 'invalid key name "digest_": spec.results[0].name\nName must consist of alphanumeric characters, \'-\', \'_\', and must start and end with an alphanumeric character '
      + '(e.g. \'MyName\',  or \'my-name\',  or \'my_name\', regex used for validation is \'^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$\')',
    input: () => task({ results: [{ name: 'digest_' }] }),
    rule: RuleId.VALID_NAME,
    message: 'SecureTask \'gap/t\': results "digest_" is not a valid result name [VALID_NAME]. Use letters, digits, "-" and "_", starting and ending with a letter or digit '
      + '(Tekton reads a "." in $(tasks.<task>.results.<name>) as the key of an object result).',
  },
  {
    name: 'a result name with a dot (Tekton takes the name, not the step that writes it)',
    yaml: () => taskYaml({ results: [{ name: 'digest' }] }, (spec) => {
      spec.results[0].name = 'image.digest';
      spec.steps[0].script = '#!/bin/sh\nprintf x > $(results.image.digest.path)\n';
    }),
    tekton: 'Invalid referencing of parameters in "#!/bin/sh\nprintf x > $(results.image.digest.path)\n"! Only two dot-separated components after the prefix "results" are allowed.: spec.steps[0].script',
    input: () => task({ results: [{ name: 'image.digest' }] }),
    rule: RuleId.VALID_NAME,
    message: 'SecureTask \'gap/t\': results "image.digest" is not a valid result name [VALID_NAME]. Use letters, digits, "-" and "_", starting and ending with a letter or digit '
      + '(Tekton reads a "." in $(tasks.<task>.results.<name>) as the key of an object result).',
  },

  // sidecar names
  {
    name: 'the reserved sidecar name tekton-log-results',
    yaml: () => taskYaml({ sidecars: [{ name: 'db', image: PINNED }] }, (spec) => { spec.sidecars[0].name = 'tekton-log-results'; }),
    tekton: 'Invalid: cannot use reserved sidecar name tekton-log-results : spec.sidecars.name',
    input: () => task({ sidecars: [{ name: 'tekton-log-results', image: PINNED }] }),
    rule: RuleId.VALID_NAME,
    message: 'SecureTask \'gap/t\' sidecar \'tekton-log-results\': name "tekton-log-results" is the name of the sidecar Tekton adds to read results (results-from: sidecar-logs) [VALID_NAME]. '
      + 'Give the sidecar another name.',
  },

  // mount paths
  {
    name: 'a workspace mounted at /tmp, where every step mounts its scratch emptyDir',
    yaml: () => taskYaml({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] }, (spec) => { spec.workspaces[0].mountPath = '/tmp'; }),
    tekton: 'workspace mount path "/tmp" must be unique: spec.workspaces[0].mountpath',
    input: () => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/tmp' }] }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t': workspaces[src].mountPath "/tmp" is where every step mounts its scratch emptyDir (/tmp) [VALID_SPEC]. ${WORKSPACE_FIX('src')}`,
  },
  {
    name: 'a workspace mounted at $HOME (/home/tekton/, cleaned)',
    yaml: () => taskYaml({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] }, (spec) => { spec.workspaces[0].mountPath = '/home/tekton/'; }),
    tekton: 'workspace mount path "/home/tekton" must be unique: spec.workspaces[0].mountpath',
    input: () => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/home/tekton/' }] }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t': workspaces[src].mountPath "/home/tekton/" is where every step mounts its $HOME emptyDir (/home/tekton) [VALID_SPEC]. ${WORKSPACE_FIX('src')}`,
  },
  {
    name: 'two workspaces at one mount path',
    yaml: () => taskYaml({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/src' }, { name: 'out', domain: TrustDomain.OUTPUT }] },
      (spec) => { spec.workspaces[1].mountPath = '/src/'; }),
    tekton: 'workspace mount path "/src" must be unique: spec.workspaces[1].mountpath',
    input: () => task({ workspaces: [{ name: 'src', domain: TrustDomain.SOURCE, mountPath: '/src' }, { name: 'out', domain: TrustDomain.OUTPUT, mountPath: '/src/' }] }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t': workspaces[out].mountPath "/src/" is the mount path of workspace 'src' too [VALID_SPEC]. ${WORKSPACE_FIX('out')}`,
  },
  {
    name: 'a workspace mounted at the default mount path of another',
    yaml: () => taskYaml({ workspaces: [{ name: 'out', domain: TrustDomain.OUTPUT, mountPath: '/out' }, { name: 'src', domain: TrustDomain.SOURCE }] },
      (spec) => { spec.workspaces[0].mountPath = '/workspace/src'; }),
    tekton: 'workspace mount path "/workspace/src" must be unique: spec.workspaces[1].mountpath',
    input: () => task({ workspaces: [{ name: 'out', domain: TrustDomain.OUTPUT, mountPath: '/workspace/src' }, { name: 'src', domain: TrustDomain.SOURCE }] }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t': workspaces[out].mountPath "/workspace/src" is the mount path of workspace 'src' too [VALID_SPEC]. ${WORKSPACE_FIX('out')}`,
  },

  // SecurePipelineRun: params and workspaces
  {
    name: 'a result reference in a run param',
    yaml: () => runYaml({}, (r) => { r.spec.params[0].value = '$(tasks.build.results.digest)'; }),
    tekton: 'invalid value: cannot use result expressions in [tasks.build.results.digest] as PipelineRun parameter values: spec.params[revision].value',
    input: () => run({ parameters: { revision: '$(tasks.build.results.digest)' } }),
    rule: RuleId.VALID_REFERENCE,
    message: 'SecurePipelineRun \'gap/r\': parameters.revision "$(tasks.build.results.digest)" is a result reference, which a run cannot pass [VALID_REFERENCE]. '
      + 'Pass a literal value; results go from task to task inside the pipeline: addTask({ ..., parameters: { <param>: producer.result(\'<result>\') } }).',
  },
  ...([
    ['a Secret with no name', () => RunWorkspace.secret(''), 'missing field(s): spec.workspaces[1].secret.secretName',
      'RunWorkspace.secret(\'\')', 'names no Secret', 'Give the Secret\'s name: RunWorkspace.secret(\'<secret name>\').'],
    ['a ConfigMap with no name', () => RunWorkspace.configMap(''), 'missing field(s): spec.workspaces[1].configmap.name',
      'RunWorkspace.configMap(\'\')', 'names no ConfigMap', 'Give the ConfigMap\'s name: RunWorkspace.configMap(\'<config map name>\').'],
    ['a PersistentVolumeClaim with no name', () => RunWorkspace.persistentVolumeClaim(''), 'missing field(s): spec.workspaces[1].persistentvolumeclaim.claimname',
      'RunWorkspace.persistentVolumeClaim(\'\')', 'names no PersistentVolumeClaim',
      'Give the claim\'s name, or use a fresh volume per run: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }).'],
    ['a projected volume with no sources', () => RunWorkspace.projected([]), 'missing field(s): spec.workspaces[1].projected.sources',
      'RunWorkspace.projected([])', 'has no sources', 'Give at least one source: RunWorkspace.projected([{ secretName: \'<secret name>\' }]).'],
  ] as const).map(([what, bad, tektonMessage, value, problem, fix]): Gap => ({
    name: `a run workspace of ${what}`,
    // the binding exactly as the library renders it
    // (conf holds credentials: a Secret's binding, replaced)
    yaml: () => runYaml({ workspaces: { src: RunWorkspace.emptyDir(), conf: RunWorkspace.secret('conf') } }, (r) => { r.spec.workspaces[1] = bad()._render('conf'); }),
    tekton: tektonMessage,
    input: () => run({ workspaces: { src: RunWorkspace.emptyDir(), conf: bad() } }),
    rule: RuleId.VALID_SPEC,
    message: `SecurePipelineRun 'gap/r': workspaces.conf "${value}" ${problem} [VALID_SPEC]. ${fix}`,
  })),

  // Windows scripts
  {
    name: 'a Windows script (#!win)',
    yaml: () => taskYaml({}, (spec) => { spec.steps[0].script = '#!win pwsh.exe -File\nWrite-Host hi\n'; }),
    tekton: 'windows script support requires "enable-api-fields" feature gate to be "alpha" but it is "beta": ',
    input: withStep({ script: '#!win pwsh.exe -File\nWrite-Host hi\n' }),
    rule: RuleId.VALID_SPEC,
    message: 'SecureTask \'gap/t\' step \'run\': script "#!win pwsh.exe -File" is a Windows script: Tekton runs those only with enable-api-fields "alpha", '
      + 'and a SecureTask hardens its steps for Linux nodes (a UID, seccomp, a read-only root) [VALID_SPEC]. '
      + 'Start the script with a Unix interpreter line such as "#!/bin/sh", or use command and args.',
  },

  // step results
  {
    name: 'a step-result substitution in a script',
    yaml: () => taskYaml({ steps: stepsOf({}) }, (spec) => { spec.steps[1].script = '#!/bin/sh\necho $(steps.first.results.sha)\n'; }),
    tekton: 'stepResult substitutions are only allowed in env, command and args. Found usage in: spec.steps[1].script',
    input: () => task({ steps: stepsOf({ script: '#!/bin/sh\necho $(steps.first.results.sha)\n' }) }),
    rule: RuleId.VALID_REFERENCE,
    message: 'SecureTask \'gap/t\' step \'second\': script "$(steps.first.results.sha)" is a step-result substitution, which Tekton allows only in env, command and args [VALID_REFERENCE]. '
      + STEP_RESULT_FIX,
  },
  {
    name: 'a step-result substitution in workingDir',
    yaml: () => taskYaml({ steps: stepsOf({}) }, (spec) => { spec.steps[1].workingDir = '$(steps.first.results.dir)'; }),
    tekton: 'stepResult substitutions are only allowed in env, command and args. Found usage in: spec.steps[1].workingDir',
    input: () => task({ steps: stepsOf({ workingDir: '$(steps.first.results.dir)' }) }),
    rule: RuleId.VALID_REFERENCE,
    message: 'SecureTask \'gap/t\' step \'second\': workingDir "$(steps.first.results.dir)" is a step-result substitution, which Tekton allows only in env, command and args [VALID_REFERENCE]. '
      + STEP_RESULT_FIX,
  },

  // artifacts
  {
    name: 'a step artifact reference with enable-artifacts off',
    yaml: () => taskYaml({ steps: stepsOf({}) }, (spec) => { spec.steps[1].env = [{ name: 'SBOM', value: '$(steps.first.outputs.sbom)' }]; }),
    tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.steps[1]',
    input: () => task({ steps: stepsOf({ env: { SBOM: '$(steps.first.outputs.sbom)' } }) }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t' step 'second': env.SBOM "$(steps.first.outputs.sbom)" ${ARTIFACT_PROBLEM} [VALID_SPEC]. `
      + 'Pass the value as a task result: write it to $(results.<name>.path) and declare the result.',
  },
  {
    name: 'the artifacts path in a script with enable-artifacts off',
    yaml: () => taskYaml({}, (spec) => { spec.steps[0].script = '#!/bin/sh\ncat sbom.json > $(step.artifacts.path)\n'; }),
    tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.steps[0]',
    input: withStep({ script: '#!/bin/sh\ncat sbom.json > $(step.artifacts.path)\n' }),
    rule: RuleId.VALID_SPEC,
    message: `SecureTask 'gap/t' step 'run': script "$(step.artifacts.path)" ${ARTIFACT_PROBLEM} [VALID_SPEC]. `
      + 'Pass the value as a task result: write it to $(results.<name>.path) and declare the result.',
  },
  {
    name: 'a task artifact reference in a pipeline task with enable-artifacts off',
    yaml: () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(tasks.a.outputs.image)')),
    tekton: 'feature flag enable-artifacts should be set to true to use artifacts feature.: spec.tasks[1].params',
    input: synth(() => pipeline(dag('$(tasks.a.outputs.image)'))),
    rule: RuleId.VALID_SPEC,
    message: `SecurePipeline 'gap/p' task 'b': parameters.x "$(tasks.a.outputs.image)" ${ARTIFACT_PROBLEM} [VALID_SPEC]. `
      + 'Pass a task result instead: parameters: { <param>: producer.result(\'<result>\') }.',
  },

  // results of finally tasks
  {
    name: 'a result of a finally task in a pipeline task: $(finally.f.results.r)',
    yaml: () => pipelineYaml((p, producer, consumer) => {
      p.addTask({ task: consumer, name: 'b', parameters: { x: 'v' } });
      p.addFinally({ task: producer, name: 'f' });
    }, (spec) => { spec.tasks[0].params = [{ name: 'x', value: '$(finally.f.results.r)' }]; }),
    tekton: 'invalid value: couldn\'t add link between b and f: task b depends on f but f wasn\'t present in Pipeline: spec.tasks',
    input: synth(() => pipeline((p, producer, consumer) => {
      p.addTask({ task: consumer, name: 'b', parameters: { x: '$(finally.f.results.r)' } });
      p.addFinally({ task: producer, name: 'f' });
    })),
    rule: RuleId.VALID_DAG,
    message: 'SecurePipeline \'gap/p\' task \'b\': parameters.x "$(finally.f.results.r)" references a result of finally task \'f\' [VALID_DAG]. '
      + 'Finally tasks run last: no task can use their results.',
  },
];

/** The library's error for a gap's input. */
function refusal(f: () => unknown): SecureTektonError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureTektonError) return e;
    throw e;
  }
  throw new Error('the library did not refuse the input');
}

describe('the library refuses first, with its own rule and an exact message', () => {
  test('the gaps have distinct names', () => {
    expect(new Set(GAPS.map((g) => g.name)).size).toBe(GAPS.length);
  });

  test.each(GAPS.map((g) => [g.name, g] as const))('%s', (_name, gap) => {
    const e = refusal(gap.input);
    expect(e.findings.map((f) => f.rule)).toEqual([gap.rule]);
    expect(e.message).toBe(gap.message);
  });
});

describeWithOracle('Tekton v1.15 rejects the YAML it would get (the gap is real)', () => {
  test.each(GAPS.map((g) => [g.name, g] as const))('%s', (_name, gap) => {
    const r = runOracle(gap.yaml());
    const invalid = r.verdicts.filter((v) => !v.valid);
    expect(invalid).toHaveLength(1);
    expect(invalid[0].errors).toContain(gap.tekton);
  });
});

/** Forms Tekton v1.15 admits; each states what the library does with it. */
const TEKTON_ADMITS: Array<[string, () => any[], string]> = [
  ['params that differ only in case', () => taskYaml({ parameters: [{ name: 'Revision' }, { name: 'revision' }] }, () => undefined),
    'the library accepts them too'],
  ['an unknown $(context.foo) and an invalid prefix $(param.x) in a step', () => taskYaml({ parameters: [{ name: 'x' }] }, (spec) => {
    spec.steps[0].env = [{ name: 'A', value: '$(context.foo)' }, { name: 'B', value: '$(param.x)' }];
  }), 'the library accepts them too: in a step, $(…) may be the shell\'s or Kubernetes\' own'],
  ['an unknown $(context.foo) and $(context.task.name) in a pipeline task', () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(context.foo) $(context.task.name)')),
    'the library accepts them too'],
  ['an unknown context variable in any pipeline task but the last (Tekton checks only the last one of tasks and of finally)',
    () => pipelineYaml((p, producer, consumer) => {
      p.addTask({ task: consumer, name: 'b', parameters: { x: 'v' } });
      p.addTask({ task: producer, name: 'a' });
    }, (spec) => { spec.tasks[0].params = [{ name: 'x', value: '$(context.pipelineRun.id)' }]; }),
    'the library refuses it in every task'],
  ['the status of a task in a param that also holds a result reference (Tekton then skips the status check)',
    () => pipelineYaml(dag('v'), setParam('tasks', 1, '$(tasks.a.status) $(tasks.a.results.r)')), 'the library refuses it'],
  ['a result name with a dot', () => taskYaml({ results: [{ name: 'digest' }] }, (spec) => { spec.results[0].name = 'image.digest'; }),
    'the library refuses it: Tekton reads $(tasks.t.results.image.digest) as key "digest" of result "image", and refuses $(results.image.digest.path) in a script'],
  ['a step-result substitution in env', () => taskYaml({ steps: stepsOf({}) }, (spec) => { spec.steps[1].env = [{ name: 'SHA', value: '$(steps.first.results.sha)' }]; }),
    'the library refuses it: the steps of a SecureTask declare no results, so the reference cannot resolve'],
  ['a step named like one of Tekton\'s init containers (prepare, place-scripts, working-dir-initializer)',
    () => taskYaml({ steps: [step({ name: 'prepare' }), step({ name: 'place-scripts' }), step({ name: 'working-dir-initializer' })] }, () => undefined),
    'the library accepts it: Tekton prefixes step containers with "step-"'],
  ['a fixed name with dots, a DNS-1123 subdomain', () => runYaml({ generateName: false }, (r) => { r.metadata.name = 'nightly.build'; }),
    'the library refuses it: it writes every name as a DNS-1123 label'],
  ['a generateName prefix longer than 58 characters (the API server cuts it before it adds 5 random ones)',
    () => runYaml({}, (r) => { r.metadata.generateName = `${'n'.repeat(70)}-`; }),
    'the library accepts the default <pipeline>-run- of a pipeline name of up to 63 characters; a name it is given must be a DNS-1123 label'],
  ['a projected source that names neither a Secret nor a ConfigMap (the API server refuses the pod)',
    () => runYaml({ workspaces: { src: RunWorkspace.emptyDir(), conf: RunWorkspace.projected([{ configMapName: 'x' }]) } },
      (r) => { r.spec.workspaces.find((w: any) => w.name === 'conf').projected.sources = [{ configMap: {} }]; }),
    'the library refuses it'],
  ['a pipeline with params but no tasks', () => pipelineYaml((p, producer) => { p.addTask({ task: producer }); }, (spec) => { spec.tasks = []; }),
    'the library refuses it: a pipeline without tasks does nothing'],
];

describeWithOracle('forms Tekton v1.15 admits (not gaps)', () => {
  test.each(TEKTON_ADMITS.map(([name, yaml, what]) => ({ name, yaml, what })))('$name: admitted; $what', ({ yaml }) => {
    const r = runOracle(yaml());
    expect(r.verdicts.filter((v) => !v.valid).map((v) => v.errors)).toEqual([]);
  });
});

describe('what the library does with the forms Tekton admits', () => {
  test('params that differ only in case are accepted (each gets its own check variable)', () => {
    const t = task({ parameters: [{ name: 'Revision', constraint: ParamConstraint.gitSha() }, { name: 'revision', constraint: ParamConstraint.gitSha() }] });
    const env = Testing.synth(Chart.of(t)).find((o: any) => o.kind === 'Task').spec.steps[0].env;
    expect(env).toEqual([{ name: 'PARAM_REVISION', value: '$(params.Revision)' }, { name: 'PARAM_REVISION_1', value: '$(params.revision)' }]);
  });

  test('an unknown context variable in the first of two pipeline tasks is refused', () => {
    expect(refusal(synth(() => pipeline((p, producer, consumer) => {
      p.addTask({ task: consumer, name: 'b', parameters: { x: '$(context.pipelineRun.id)' } });
      p.addTask({ task: producer, name: 'a' });
    }))).message).toBe(`SecurePipeline 'gap/p' task 'b': parameters.x "$(context.pipelineRun.id)" is not a context variable of a pipeline [VALID_REFERENCE]. Use one of: ${PIPELINE_CONTEXT}.`);
  });

  test('the status of a task next to a result reference is refused', () => {
    expect(refusal(synth(() => pipeline(dag('$(tasks.a.status) $(tasks.a.results.r)')))).message).toBe(
      'SecurePipeline \'gap/p\' task \'b\': parameters.x "$(tasks.a.status)" reads the execution status of tasks, which only a finally task can [VALID_DAG]. '
      + 'Read it in a task added with addFinally, which runs after every other task.');
  });

  test('a step-result substitution in env is refused: only steps that run a StepAction declare results', () => {
    expect(refusal(() => task({ steps: stepsOf({ env: { SHA: '$(steps.first.results.sha)' } }) })).message).toBe(
      'SecureTask \'gap/t\' step \'second\': env.SHA "$(steps.first.results.sha)" references result \'sha\' of step \'first\', which no earlier step declares (only steps that run a StepAction have results) [VALID_REFERENCE]. '
      + STEP_RESULT_FIX);
  });

  test('a fixed run name with dots is refused as not a DNS-1123 label', () => {
    expect(refusal(() => run({ name: 'nightly.build', generateName: false })).message).toBe(
      `SecurePipelineRun 'gap/r': name "nightly.build" is not a DNS-1123 label [VALID_NAME]. ${LABEL_FIX}`);
  });

  test('the default generateName of a pipeline with a 63-character name is accepted', () => {
    const r = run({}, gapChart(), 'p'.repeat(63));
    const m = Testing.synth(Chart.of(r)).find((o: any) => o.kind === 'PipelineRun');
    expect(m.metadata.generateName).toBe(`${'p'.repeat(63)}-run-`);
  });

  test.each([
    [[{ configMapName: '' }], 'sources[0]', 'names neither a Secret nor a ConfigMap'],
    [[{ configMapName: 'ca' }, { secretName: 'key', configMapName: 'ca' }], 'sources[1]', 'names both a Secret and a ConfigMap'],
  ])('a projected source that names %#: refused', (sources, value, problem) => {
    expect(refusal(() => run({ workspaces: { src: RunWorkspace.emptyDir(), conf: RunWorkspace.projected(sources) } })).message).toBe(
      `SecurePipelineRun 'gap/r': workspaces.conf "${value}" ${problem} [VALID_SPEC]. Give each source exactly one of secretName, secret and configMapName.`);
  });

  test('a pipeline with params but no tasks is refused', () => {
    expect(refusal(synth(() => pipeline(() => undefined))).message).toBe(`SecurePipeline 'gap/p': tasks is empty [VALID_SPEC]. ${EMPTY_PIPELINE_FIX}`);
  });
});
