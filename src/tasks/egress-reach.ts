import { EgressAllowance, EgressPort, EgressProtocol } from '../network/egress-policy';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';

/**
 * A host a hardened task's pod certainly connects to over TCP, as its props (or a literal
 * param of the pipeline task) make it certain.
 */
export interface NeededEndpoint {
  /** The host as a refusal names it (`github.com`), or what names it (`the registry the image param names`). */
  readonly host: string;
  /** The TCP port; undefined when only a run's value names it (then only a task with no egress at all is refused). */
  readonly port?: number;
  /** The port the fix gives when `port` is undefined (the protocol's default). */
  readonly fixPort?: number;
  /** Why the host and port are these, as the refusal says it: `SSH, as credential 'ci/git' says`. */
  readonly how: string;
  /** The host's role in the fix, when not the need's: `the TUF mirror`. */
  readonly role?: string;
}

/**
 * What a hardened task does with its endpoints, as its refusals say it.
 */
export interface EgressNeed {
  /** The construct kind, as the hermetic fix names it: `GitClone`. */
  readonly kind: string;
  /** What connects: `the clone`. */
  readonly subject: string;
  /** What fails without it: `git fetch fails on every run`. */
  readonly failure: string;
  /** The hosts' role in the fix: `the git host`. */
  readonly role: string;
}

/** An egress port as the user wrote it. */
function portText(p: EgressPort): string {
  if (p.endPort !== undefined) return `EgressPort.tcpRange(${p.port}, ${p.endPort})`;
  return `EgressPort.${p.protocol === EgressProtocol.UDP ? 'udp' : 'tcp'}(${p.port})`;
}

/** Whether an allowance reaches TCP `port` (an allowance without ports reaches every port). */
function reachesPort(a: EgressAllowance, port: number): boolean {
  return a.ports.length === 0 || a.ports.some((p) => p.protocol === EgressProtocol.TCP && p.port <= port && port <= (p.endPort ?? p.port));
}

/** Whether an allowance reaches some TCP port. */
function reachesTcp(a: EgressAllowance): boolean {
  return a.ports.length === 0 || a.ports.some((p) => p.protocol === EgressProtocol.TCP);
}

/**
 * The refusals of a pipeline task whose pod the pipeline's NetworkPolicies (its own
 * `allowEgressTo` / `egress.allowForTask`, the pipeline's `egress.allow`; none when hermetic)
 * let reach nothing on the TCP port of an endpoint its task certainly connects to: the task
 * fails on every run. Only ports are judged: a host's addresses are resolved at run time. An
 * endpoint whose port only a run's value names is judged only when the task reaches no TCP
 * port at all. With no egress at all (or hermetic), one refusal names the first endpoint
 * whose port is known; otherwise one names each port left out.
 */
export function egressRefusals(task: PipelineTask, need: EgressNeed, endpoints: readonly NeededEndpoint[]): RefusalOptions[] {
  if (endpoints.length === 0) return [];
  const reaches = (e: NeededEndpoint) => `${need.subject} reaches ${e.host} on ${e.port !== undefined ? `TCP port ${e.port}` : 'a TCP port'} (${e.how}): ${need.failure}`;
  const fix = (e: NeededEndpoint) => `allowEgressTo(EgressPeer.cidr('<addresses of ${e.host}>'), [EgressPort.tcp(${e.port ?? e.fixPort ?? 443})])`;
  const onPort = (e: NeededEndpoint) => (e.port !== undefined ? 'that port' : 'its port');
  const common = { location: `pipeline task '${task.name}'`, rule: RuleId.VALID_SPEC };
  const first = endpoints.find((e) => e.port !== undefined) ?? endpoints[0];
  if (task._options.hermetic) {
    return [{
      ...common,
      property: 'hermetic',
      value: 'true',
      problem: `gives the task no egress, but ${reaches(first)}`,
      fix: `Remove hermetic: true from the addTask({ task: <this ${need.kind}>, ... }) options, and give the task egress to ${first.role ?? need.role}: ${fix(first)} on the PipelineTask addTask returned.`,
    }];
  }
  const { pipelineWide, own, ownGivenBy, hermetic } = task._egressAllowances();
  if (hermetic) {
    // hermetic through the pipeline's egress.markHermetic, not addTask's option
    return [{
      ...common,
      property: 'egress.markHermetic',
      value: task.name,
      problem: `gives the task no egress, but ${reaches(first)}`,
      fix: `Remove the pipeline's egress.markHermetic('${task.name}') call, and give the task egress to ${first.role ?? need.role}: ${fix(first)} on the PipelineTask addTask returned.`,
    }];
  }
  const all = [...own, ...pipelineWide];
  if (all.length === 0) {
    return [{
      ...common,
      property: 'allowEgressTo',
      problem: `is not called for this pipeline task (nor egress.allow for its pipeline), so its pod reaches nothing but DNS, and ${reaches(first)}`,
      fix: `Give the task egress to ${first.role ?? need.role} on ${onPort(first)}: ${fix(first)} on the PipelineTask addTask returned.`,
    }];
  }
  const written = (allowances: readonly EgressAllowance[]) => [...new Set(allowances.flatMap((a) => a.ports.map(portText)))].join(', ');
  // said of the ports the user gave: the task's own, and the pipeline-wide ones beside them
  const also = own.length > 0 && pipelineWide.length > 0 ? ` (and so does egress.allow's "${written(pipelineWide)}")` : '';
  const missing = endpoints.filter((e) => !all.some((a) => (e.port !== undefined ? reachesPort(a, e.port) : reachesTcp(a))));
  // one refusal for each port left out
  const ports = new Set<number | undefined>();
  return missing.filter((e) => !ports.has(e.port) && ports.add(e.port)).map((e) => ({
    ...common,
    property: own.length > 0 ? ownGivenBy : 'egress.allow',
    value: written(own.length > 0 ? own : pipelineWide),
    problem: `leaves out ${e.port !== undefined ? `TCP port ${e.port}` : 'every TCP port'}${also}, but ${reaches(e)}`,
    fix: `Give the task egress to ${e.role ?? need.role} on ${onPort(e)} too: ${fix(e)} on the PipelineTask addTask returned.`,
  }));
}

/**
 * Refuses at synth each pipeline task running `task` whose pipeline's egress reaches nothing on
 * the port of an endpoint `endpointsOf` gives for it (see egressRefusals).
 */
export function checkEgressAtSynth(task: SecureTask, need: EgressNeed, endpointsOf: (t: PipelineTask) => readonly NeededEndpoint[]): void {
  task._checkAtSynth(() => task._runBy.flatMap(({ pipelineTask: t }) => (t instanceof PipelineTask ? egressRefusals(t, need, endpointsOf(t)) : [])));
}
