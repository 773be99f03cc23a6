import { Construct } from 'constructs';
import { requirePinnedImage, taskRefusal, typeText } from './refusal';
import { ApiVerb, GrantedRule } from '../identity/least-privilege-service-account';
import { EgressPeer, EgressPort } from '../network/egress-policy';
import { PipelineTask } from '../pipeline/secure-pipeline';
import { SecureTask } from '../pipeline/secure-task';
import { TrustDomain } from '../pipeline/trust-domain';
import { RuleId } from '../policy/rule-id';
import { formatCidr, maskTo, parseCidr, strictCidrText } from '../private/cidr';
import { registerConstructKind } from '../private/construct-kinds';
import { recordGrantOrigin } from '../private/grant-origins';
import { KUBECTL_IMAGE } from '../private/images';
import { isDns1123Subdomain } from '../private/names';

const KIND = 'Deploy';
/** A relative path inside a workspace: segments that never start with "." (so never ".."), or "." itself. */
const RELATIVE_PATH = '^(\\.|[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*)$';
/** The field manager of the server-side apply: the owner of the fields the task sets. */
const FIELD_MANAGER = 'tekton-deploy';

/**
 * One object the manifests may create or change, by name.
 *
 * @example
 * { apiGroup: 'apps', resource: 'deployments', name: 'app' }
 */
export interface DeployObject {
  /** API group. @default '' (the core group) */
  readonly apiGroup?: string;
  /** Resource type, plural and lower case, e.g. `deployments`. */
  readonly resource: string;
  /** `metadata.name` of the object. */
  readonly name: string;
}

/**
 * Props of a Deploy.
 */
export interface DeployProps {
  /** `metadata.name` of the Task. @default - the construct id */
  readonly name?: string;
  /**
   * The objects the manifests create or change, by name: the only objects the
   * task's ServiceAccount may touch (see `grantTo`).
   */
  readonly objects: DeployObject[];
  /**
   * The manifests (a file or a directory, read recursively) relative to the
   * `manifests` workspace. Written into the Task, not a param: kubectl is a
   * command runner, so no run-time value reaches its arguments. kubectl applies
   * every `.yaml`, `.yml` and `.json` file under a directory and fails the task on
   * one that is not a Kubernetes object (a CI workflow, a `package.json`): when the
   * workspace is the checkout, name the directory that holds the manifests alone.
   * @default "." - the whole workspace: bind one that holds manifests only
   */
  readonly path?: string;
  /** The kubectl image, pinned by digest. @default - kubectl v1.31.2 from registry.k8s.io, pinned by digest */
  readonly kubectlImage?: string;
}

/**
 * How a pipeline task that runs a Deploy reaches the API server.
 */
export interface DeployGrantOptions {
  /**
   * The API server's endpoint addresses as the pod's NetworkPolicy sees them (the
   * endpoints of the `kubernetes` Service, `kubectl get endpoints kubernetes`), as
   * CIDR blocks: the only egress the task gets besides DNS.
   */
  readonly apiServerCidrs: string[];
  /** The port of those endpoints (often 6443 on self-managed clusters). @default 443 */
  readonly apiServerPort?: number;
}

/**
 * A trusted task that applies manifests with `kubectl apply --server-side` into
 * the run's namespace, with a ServiceAccount that may change only the objects it
 * names.
 *
 * - workspaces: `manifests` (read-only), e.g. the checkout or a rendered output;
 *   `path` (a prop, never `..`) names the file or directory to apply in it.
 *
 * `grantTo(pipelineTask, options)` grants the pipeline's ServiceAccount `patch` and
 * `create` on exactly the named objects (a server-side apply creates an object with
 * a PATCH that names it, so `create` can be limited by name; a plain `create`
 * carries no name and matches no rule), mounts its token in this task's pod alone,
 * and gives the task egress to the API server only. Objects without a namespace go
 * to the run's namespace (kubectl's default in a pod), where the Role is: a
 * manifest of another namespace is refused by RBAC. Writing workloads
 * (deployments, statefulsets, jobs …) lets the task start pods as any
 * ServiceAccount of the namespace: the catalogue refuses it
 * (RBAC_NO_ESCALATION) until the pipeline relaxes it with its reason. The token is
 * the pipeline's ServiceAccount's: grant it nothing else (credentials reach the
 * other tasks as workspaces, which the kubelet mounts without any grant).
 *
 * kubectl runs as UID 65532 with a read-only root filesystem; its discovery cache
 * is in `$HOME`, an emptyDir.
 *
 * The apply does not force conflicts: a field that another field manager set to
 * another value (an earlier `kubectl apply` without `--server-side`, Helm, an HPA's
 * `replicas`) fails the task with kubectl's list of conflicts. Take such fields over
 * once by hand (`kubectl apply --server-side --field-manager=tekton-deploy
 * --force-conflicts`), or leave them out of the manifests.
 *
 * @example
 * const deploy = new Deploy(chart, 'deploy', {
 *   objects: [{ apiGroup: 'apps', resource: 'deployments', name: 'app' }, { resource: 'services', name: 'app' }],
 *   path: 'deploy',
 * });
 * const task = pipeline.addTask({ task: deploy, runAfter: [verify], workspaces: { manifests: 'source' } });
 * deploy.grantTo(task, { apiServerCidrs: ['10.0.0.1/32'], apiServerPort: 6443 });
 */
export class Deploy extends SecureTask {
  /** The objects the task may create or change. */
  public readonly objects: DeployObject[];

  /** The API server endpoints (`<cidr> <port>`) each pipeline task was given egress to: several pipelines may name a task alike. */
  private readonly egressGranted = new Map<PipelineTask, Set<string>>();
  private readonly granted = new Set<object>();

  constructor(scope: Construct, id: string, props: DeployProps) {
    checkObjects(scope, id, props);
    const path = props.path ?? '.';
    if (typeof path !== 'string' || !new RegExp(RELATIVE_PATH).test(path)) {
      throw taskRefusal(scope, id, KIND, {
        property: 'path',
        value: textOf(path),
        problem: typeof path === 'string' ? 'is not a path relative to the manifests workspace (segments may not start with ".")' : `is ${typeText(path)}, not a path`,
        rule: RuleId.VALID_SPEC,
        fix: "Give a relative path such as 'deploy' or 'deploy/app.yaml'.",
      });
    }
    requirePinnedImage(scope, id, KIND, 'kubectlImage', props.kubectlImage);
    super(scope, id, {
      name: props.name,
      description: `Apply the manifests (server-side) to the run's namespace; may change only: ${props.objects.map(describe).join(', ')}.`,
      trusted: true,
      workspaces: [{ name: 'manifests', domain: TrustDomain.SOURCE, readOnly: true, description: 'The manifests to apply' }],
      steps: [{
        name: 'apply',
        image: props.kubectlImage ?? KUBECTL_IMAGE,
        command: ['kubectl'],
        args: [
          'apply',
          '--server-side',
          `--field-manager=${FIELD_MANAGER}`,
          '--recursive',
          `--filename=$(workspaces.manifests.path)/${path}`,
        ],
        resources: { cpuRequest: '50m', cpuLimit: '500m', memoryRequest: '64Mi', memoryLimit: '256Mi' },
      }],
    });
    this.objects = props.objects.map((o) => ({ ...o }));
    // without grantTo the pod has no token, no permission and no egress: kubectl apply cannot work
    this._checkAtSynth(() => this._runBy.map((r) => r.pipelineTask).filter((t) => !this.granted.has(t)).map((t) => ({
      location: `pipeline task '${t.name}'`,
      property: 'grantTo',
      problem: 'is not called for this pipeline task, so its pod gets no ServiceAccount token, no permission on the objects and no egress to the '
        + 'API server: kubectl apply fails on every run',
      rule: RuleId.VALID_SPEC,
      fix: 'Call grantTo with the PipelineTask addTask returned: deploy.grantTo(task, { apiServerCidrs: [\'<API server endpoint>/32\'] }) '
        + '(the endpoints of kubectl get endpoints kubernetes).',
    })));
  }

  /**
   * Let `pipelineTask` (which runs this Deploy) apply the named objects: `patch`
   * and `create` on each by name for the pipeline's ServiceAccount, the token
   * mounted in that task's pod only, and egress to the API server only.
   * Calling it twice is harmless.
   */
  public grantTo(pipelineTask: PipelineTask, options: DeployGrantOptions): GrantedRule[] {
    if (pipelineTask.task !== this) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'grantTo',
        value: pipelineTask.name,
        problem: `runs task '${pipelineTask.task.name}', not this Deploy`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Pass the PipelineTask that addTask({ task: <this Deploy> }) returned.',
      });
    }
    if (pipelineTask._options.hermetic) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'grantTo',
        value: pipelineTask.name,
        problem: 'runs this Deploy as a hermetic task (hermetic: true in its addTask), which has no egress, but kubectl apply needs the API server',
        rule: RuleId.VALID_SPEC,
        fix: 'Remove hermetic: true from the addTask({ task: <this Deploy>, ... }) options.',
      });
    }
    if (options.apiServerCidrs.length === 0) {
      throw taskRefusal(this.node.scope!, this.node.id, KIND, {
        property: 'apiServerCidrs',
        problem: 'is empty, so the task cannot reach the API server',
        rule: RuleId.VALID_SPEC,
        fix: 'Give the endpoint addresses of the kubernetes Service (kubectl get endpoints kubernetes), e.g. [\'10.0.0.1/32\'].',
      });
    }
    checkApiServer(this, options);
    const byResource = new Map<string, { apiGroup: string; resource: string; names: string[]; indices: number[] }>();
    this.objects.forEach((o, i) => {
      const key = `${o.apiGroup ?? ''}/${o.resource}`;
      const entry = byResource.get(key) ?? { apiGroup: o.apiGroup ?? '', resource: o.resource, names: [], indices: [] };
      entry.names.push(o.name);
      entry.indices.push(i);
      byResource.set(key, entry);
    });
    const rules = [...byResource.values()].map((r) => {
      const rule = pipelineTask.grantApi({
        apiGroup: r.apiGroup,
        resource: r.resource,
        verbs: [ApiVerb.PATCH, ApiVerb.CREATE],
        resourceNames: r.names,
      });
      // a finding on the grant is said of the objects the user named
      const named = r.indices.map((i) => `objects[${i}] (${describe(this.objects[i])})`).join(', ');
      recordGrantOrigin(rule, {
        made: `which Deploy '${this.node.path}' grantTo made for ${named}`,
        fix: `Take ${r.indices.length > 1 ? 'them' : 'it'} out of the Deploy's objects.`,
      });
      return rule;
    });
    this.granted.add(pipelineTask);
    const port = options.apiServerPort ?? 443;
    const granted = this.egressGranted.get(pipelineTask) ?? new Set<string>();
    this.egressGranted.set(pipelineTask, granted);
    for (const cidr of options.apiServerCidrs) {
      const key = `${cidr} ${port}`;
      if (granted.has(key)) continue;
      granted.add(key);
      pipelineTask.allowEgressTo(EgressPeer.cidr(cidr), [EgressPort.tcp(port)]);
    }
    return rules;
  }
}

/**
 * The API server's endpoints as grantTo takes them: a few addresses each, written as the
 * NetworkPolicy will hold them, never link-local (where a cloud's metadata service hands out
 * the node's credentials), and a port.
 */
function checkApiServer(deploy: Deploy, options: DeployGrantOptions): void {
  const refuse = (property: string, value: string, problem: string, fix: string) =>
    taskRefusal(deploy.node.scope!, deploy.node.id, KIND, { property, value, problem, rule: RuleId.VALID_SPEC, fix });
  const example = "e.g. apiServerCidrs: ['10.0.0.1/32'] (kubectl get endpoints kubernetes lists them)";
  options.apiServerCidrs.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) throw refuse(`apiServerCidrs[${i}]`, String(text), 'is not a CIDR block (an address and a prefix length)', `Give each endpoint address as a CIDR block, ${example}.`);
    if (formatCidr(cidr) !== text || cidr.ambiguities.length > 0) {
      // an IPv4-mapped IPv6 address prints back as written, but network plugins read it differently and strict validation refuses it
      const canonical = strictCidrText(cidr);
      throw refuse(`apiServerCidrs[${i}]`, text, `is not written as the block it is (${canonical})`, `Write it as '${canonical}', or give each endpoint address, ${example}.`);
    }
    if (cidr.bits - cidr.prefix > 8) {
      throw refuse(`apiServerCidrs[${i}]`, text, `spans ${(2n ** BigInt(cidr.bits - cidr.prefix)).toLocaleString('en-US')} addresses, and the task would get egress to all of them: `
        + 'the API server\'s endpoints are a few addresses', `Give each endpoint address as a /${cidr.bits} block, ${example}.`);
    }
    if (LINK_LOCAL.some((l) => l.family === cidr.family && maskTo(cidr.network, l.prefix, l.bits) === l.network)) {
      throw refuse(`apiServerCidrs[${i}]`, text, 'is link-local, where a cloud\'s metadata service hands out the node\'s credentials, never the API server',
        `Give the endpoint addresses of the kubernetes Service, ${example}.`);
    }
  });
  const port = options.apiServerPort;
  if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
    throw refuse('apiServerPort', String(port), 'is not a port from 1 to 65535', 'Give the port of the kubernetes Service\'s endpoints, e.g. 6443, or leave apiServerPort out for 443.');
  }
}

/** The link-local blocks. */
const LINK_LOCAL = ['169.254.0.0/16', 'fe80::/10'].map((c) => parseCidr(c)!);

/** A prop value as a refusal quotes it: a string as it is, anything else (a plain JavaScript caller's) as JSON. */
function textOf(value: unknown): string | undefined {
  return value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
}

function describe(o: DeployObject): string {
  return `${o.resource}${o.apiGroup ? `.${o.apiGroup}` : ''}/${o.name}`;
}

function checkObjects(scope: Construct, id: string, props: DeployProps): void {
  const refuse = (property: string, value: string | undefined, problem: string, fix: string) =>
    taskRefusal(scope, id, KIND, { property, value, problem, rule: RuleId.VALID_SPEC, fix });
  // a caller in plain JavaScript may leave the required list out
  if (!Array.isArray(props.objects) || props.objects.length === 0) {
    throw refuse('objects', undefined, 'is empty, so the task may change nothing', "Name each object the manifests hold, e.g. { apiGroup: 'apps', resource: 'deployments', name: 'app' }.");
  }
  const seen = new Set<string>();
  props.objects.forEach((o, i) => {
    // RegExp.test reads a value that is no string as its text: undefined would pass as the resource 'undefined'
    if (typeof o.resource !== 'string' || !/^[a-z][a-z0-9]*$/.test(o.resource)) {
      throw refuse(`objects[${i}].resource`, textOf(o.resource), `is ${typeof o.resource === 'string' ? '' : `${typeText(o.resource)}, `}not a resource type (plural, lower case, e.g. deployments)`,
        'Use the plural resource name kubectl api-resources lists.');
    }
    if (o.apiGroup !== undefined && o.apiGroup !== '' && (typeof o.apiGroup !== 'string' || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(o.apiGroup))) {
      throw refuse(`objects[${i}].apiGroup`, textOf(o.apiGroup), `is ${typeof o.apiGroup === 'string' ? '' : `${typeText(o.apiGroup)}, `}not an API group`,
        "Use the group without version, e.g. 'apps', or leave it out for the core group.");
    }
    if (!isDns1123Subdomain(o.name)) {
      throw refuse(`objects[${i}].name`, o.name, 'is not an object name (a DNS-1123 subdomain)', 'Name one object exactly: no wildcards, no empty name.');
    }
    const key = `${o.apiGroup ?? ''}/${o.resource}/${o.name}`;
    if (seen.has(key)) throw refuse(`objects[${i}]`, describe(o), 'is named twice', 'Name each object once.');
    seen.add(key);
  });
}

registerConstructKind(Deploy, KIND);
