/**
 * fast-check generators of SecurePipeline apps: valid ones, and the same with one
 * defect injected.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Capability, Coschedule, EgressPeer, EgressPort, ParamConstraint, Relaxation, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun,
  SecureTask, StepProps, TektonFeatureFlags, TrustDomain,
} from '../../src';

/** One task of a generated pipeline. */
export interface TaskSpec {
  readonly name: string;
  readonly steps: number;
  readonly constraint: 'none' | 'git-sha' | 'image-tag' | 'one-of';
  readonly usesOutput: boolean;
  readonly trusted: boolean;
  readonly runAfter: number[];
  readonly hermetic: boolean;
  readonly egress: Array<{ cidr: string; port: number }>;
  readonly digest: string;
}

/** A generated pipeline. */
export interface PipelineSpec {
  readonly tasks: TaskSpec[];
  readonly sourceSize: number;
  readonly wideEgress: Array<{ cidr: string; port: number }>;
}

const NAME = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const DIGEST = fc.stringMatching(/^[a-f0-9]{64}$/);
/**
 * CIDR blocks the library accepts: in canonical form (no bits set beyond the prefix length) and
 * at most a /16's worth of addresses each.
 */
const CIDR = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 32 }))
  .map(([a, b, bits]) => `${a}.${b}.0.0/${bits}`);
const PORT = fc.integer({ min: 1, max: 65535 });
const ALLOWANCE = fc.record({ cidr: CIDR, port: PORT });

/** Valid pipelines: 1-6 tasks with unique names, a DAG over earlier tasks only. */
export const validPipeline: fc.Arbitrary<PipelineSpec> = fc.uniqueArray(NAME, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc.record({
    tasks: fc.tuple(...names.map((name, i) => fc.record({
      name: fc.constant(name),
      steps: fc.integer({ min: 1, max: 3 }),
      constraint: fc.constantFrom('none' as const, 'git-sha' as const, 'image-tag' as const, 'one-of' as const),
      usesOutput: fc.boolean(),
      trusted: fc.boolean(),
      runAfter: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { maxLength: i }).map((xs) => (i === 0 ? [] : xs)),
      hermetic: fc.boolean(),
      egress: fc.array(ALLOWANCE, { maxLength: 2 }),
      digest: DIGEST,
    }))).map((tasks) => tasks.map((t) => (t.hermetic ? { ...t, egress: [] } : t))),
    sourceSize: fc.integer({ min: 1, max: 20 }),
    wideEgress: fc.array(ALLOWANCE, { maxLength: 2 }),
  }));

/** A defect injected into one place of a valid pipeline, and the rule that must refuse it. */
export interface Defect {
  readonly name: string;
  readonly rule: RuleId;
  /** Changes to one step of the first task. */
  readonly step?: Partial<StepProps>;
  /** Relaxing this makes the defect acceptable (undefined: it cannot be relaxed). */
  readonly relaxable: boolean;
  /** Changes elsewhere, applied while building. */
  readonly apply?: (b: Built) => void;
}

/** What `build` made, for defects that change the graph. */
export interface Built {
  readonly chart: Chart;
  readonly pipeline: SecurePipeline;
  readonly tasks: SecureTask[];
}

export const DEFECTS: Defect[] = [
  { name: 'tagged image', rule: RuleId.IMAGE_DIGEST, relaxable: true, step: { image: 'docker.io/library/alpine:3.20' } },
  { name: 'root step', rule: RuleId.RUN_AS_NON_ROOT, relaxable: true, step: { runAsUser: 0 } },
  { name: 'privilege escalation', rule: RuleId.NO_PRIVILEGE_ESCALATION, relaxable: true, step: { allowPrivilegeEscalation: true } },
  { name: 'added capability', rule: RuleId.DROP_ALL_CAPABILITIES, relaxable: true, step: { addCapabilities: [Capability.NET_BIND_SERVICE] } },
  { name: 'writable root', rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, relaxable: true, step: { writableRootFilesystem: true } },
  { name: 'no shebang', rule: RuleId.SCRIPT_SHEBANG, relaxable: true, step: { script: 'echo "$VALUE"\n' } },
  { name: 'inline param', rule: RuleId.SCRIPT_INJECTION, relaxable: false, step: { script: '#!/bin/sh\necho $(params.value)\n' } },
  { name: 'invalid step name', rule: RuleId.VALID_NAME, relaxable: false, step: { name: 'Step_One' } },
  {
    name: 'unknown runAfter',
    rule: RuleId.VALID_DAG,
    relaxable: false,
    apply: (b) => { b.pipeline.addTask({ task: b.tasks[0], name: 'extra', runAfter: ['no-such-task'], parameters: paramsFor(b.tasks[0]), workspaces: workspacesFor(b.tasks[0]) }); },
  },
  {
    name: 'cycle',
    rule: RuleId.VALID_DAG,
    relaxable: false,
    apply: (b) => {
      b.pipeline.addTask({ task: b.tasks[0], name: 'cycle-a', runAfter: ['cycle-b'], parameters: paramsFor(b.tasks[0]), workspaces: workspacesFor(b.tasks[0]) });
      b.pipeline.addTask({ task: b.tasks[0], name: 'cycle-b', runAfter: ['cycle-a'], parameters: paramsFor(b.tasks[0]), workspaces: workspacesFor(b.tasks[0]) });
    },
  },
  {
    name: 'credentials to an untrusted task',
    rule: RuleId.CREDENTIALS_TRUSTED_TASK,
    relaxable: false,
    apply: (b) => {
      const step = hardenedStep('a'.repeat(64), 0, { env: {}, script: '#!/bin/sh\nls\n' });
      const t = new SecureTask(b.chart, 'leaky', { steps: [step], workspaces: [{ name: 'creds', domain: TrustDomain.SOURCE }] });
      b.pipeline.addTask({ task: t, workspaces: { creds: 'registry-credentials' } });
    },
  },
  {
    name: 'open egress',
    rule: RuleId.EGRESS_NO_OPEN_CIDR,
    relaxable: true,
    apply: (b) => b.pipeline.egress.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]),
  },
];

/** A hardened step that reads the task's param through env. */
export function hardenedStep(digest: string, i: number, overrides: Partial<StepProps> = {}): StepProps {
  return {
    name: `step-${i}`,
    image: `registry.example.com/tools/sh@sha256:${digest}`,
    env: { VALUE: '$(params.value)', SOURCE: '$(workspaces.source.path)' },
    script: '#!/bin/sh\nset -eu\nprintf "%s\\n" "$VALUE" > "$SOURCE/out.txt"\n',
    ...overrides,
  };
}

function constraintOf(c: TaskSpec['constraint']): ParamConstraint | undefined {
  switch (c) {
    case 'git-sha': return ParamConstraint.gitSha();
    case 'image-tag': return ParamConstraint.imageTag();
    case 'one-of': return ParamConstraint.oneOf(['fast', 'full']);
    default: return undefined;
  }
}

/** A value every constraint accepts... for its own kind. */
function valueFor(c: TaskSpec['constraint']): string {
  switch (c) {
    case 'git-sha': return '0123456789abcdef0123456789abcdef01234567';
    case 'image-tag': return 'v1.2.3';
    case 'one-of': return 'fast';
    default: return 'anything at all';
  }
}

const CONSTRAINT_OF_TASK = new WeakMap<SecureTask, TaskSpec['constraint']>();

function paramsFor(task: SecureTask): { [k: string]: string } {
  return { value: valueFor(CONSTRAINT_OF_TASK.get(task) ?? 'none') };
}

function workspacesFor(task: SecureTask): { [k: string]: string } {
  return Object.fromEntries(task.workspaceDeclarations.map((w) => [w.name, w.domain === TrustDomain.CREDENTIALS ? 'registry-credentials' : w.name]));
}

/** Build an app from a spec, optionally with a defect (and a relaxation of it). */
export function build(spec: PipelineSpec, defect?: Defect, relax?: Relaxation): App {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'prop-')) });
  const chart = new Chart(app, 'gen', { namespace: 'ci' });
  const tasks = spec.tasks.map((t, ti) => {
    const task = new SecureTask(chart, `task-${t.name}`, {
      name: t.name,
      trusted: t.trusted,
      parameters: [{ name: 'value', constraint: constraintOf(t.constraint) }],
      workspaces: [
        { name: 'source', domain: TrustDomain.SOURCE },
        ...(t.usesOutput ? [{ name: 'output', domain: TrustDomain.OUTPUT }] : []),
        ...(t.trusted ? [{ name: 'creds', domain: TrustDomain.CREDENTIALS }] : []),
      ],
      steps: Array.from({ length: t.steps }, (_, i) => hardenedStep(t.digest, i, ti === 0 && i === 0 && defect?.step
        ? { ...defect.step, relaxations: relax ? [relax] : undefined } : {})),
    });
    CONSTRAINT_OF_TASK.set(task, t.constraint);
    return task;
  });
  const pipeline = new SecurePipeline(chart, 'pipeline', {
    parameters: [{ name: 'value', defaultValue: 'x' }],
    workspaces: [
      { name: 'source', domain: TrustDomain.SOURCE },
      { name: 'output', domain: TrustDomain.OUTPUT },
      { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS },
    ],
    relaxations: relax && !defect?.step ? [relax] : undefined,
  });
  spec.tasks.forEach((t, i) => {
    const pt = pipeline.addTask({
      task: tasks[i],
      runAfter: t.runAfter.map((j) => spec.tasks[j].name),
      parameters: paramsFor(tasks[i]),
      workspaces: workspacesFor(tasks[i]),
      hermetic: t.hermetic,
    });
    for (const e of t.egress) pt.allowEgressTo(EgressPeer.cidr(e.cidr), [EgressPort.tcp(e.port)]);
  });
  for (const e of spec.wideEgress) pipeline.egress.allow(EgressPeer.cidr(e.cidr), [EgressPort.tcp(e.port)]);
  defect?.apply?.({ chart, pipeline, tasks });
  // tasks bind source and output, two claims: the cluster's coschedule must allow that (AFFINITY_ASSISTANT_CLAIMS)
  new TektonFeatureFlags(chart, 'flags', { coschedule: Coschedule.DISABLED });
  new SecurePipelineRun(chart, 'run', {
    pipeline,
    workspaces: {
      'source': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(spec.sourceSize) }),
      'output': RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }),
      'registry-credentials': RunWorkspace.secret('registry-push'),
    },
  });
  return app;
}
