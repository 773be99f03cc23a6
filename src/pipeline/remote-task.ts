import * as fs from 'fs';
import { Construct } from 'constructs';
import { ParamType, TaskParam } from './param';
import { SecureTask } from './secure-task';
import { ITaskDefinition, TaskReference } from './task-definition';
import { TrustDomain } from './trust-domain';
import { TaskWorkspace } from './workspace';
import { InputError, parseManifests } from '../cli/read-yaml';
import { ConstructPolicy, RefusalOptions } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { TEKTON_FIELD_NAMES } from '../policy/rules/tekton-field-names';
import { asArray, containersOf } from '../private/containers';
import { FieldTree } from '../private/field-names';
import { OBJECT_META_FIELDS, unknownField } from '../private/field-walk';
import { exactPattern } from '../private/go-regexp';
import { lowerCasedDigest, unsupportedDigestAlgorithm } from '../private/image-references';
import { isDns1123Label } from '../private/names';
import { declaredParamType, paramValueType } from '../private/param-types';
import {
  BUNDLE_DIGEST, clusterSource, clusterSourcePattern, COMMIT, DEFAULT_ARTIFACT_HUB_URL, DEFAULT_HUB_CATALOGS,
  exactHubVersionFix, HUB_VERSION_MISSING, hubResolverVersion, hubSource, hubSourcePattern, hubVersionProblem, ociRepository,
  UNSUPPORTED_DIGEST_TEXT, UPPER_CASE_DIGEST,
} from '../private/remote-refs';
import { recordFetchedReference, recordTrust, trustedAsMade } from '../private/task-refs';

const KIND = 'RemoteTask';
/** Why content the resolver's decoding refuses is refused. */
const STRICT = 'Tekton decodes what the resolver serves strictly and refuses it, so every run would fail';
/**
 * The fields of Tekton's Task (v1 and v1beta1) as its strict decoding knows them, through its
 * metadata (ObjectMeta); its spec is walked along TEKTON_FIELD_NAMES's tree of the version.
 */
const TASK_FIELDS: FieldTree = { apiVersion: 0, kind: 0, metadata: OBJECT_META_FIELDS, spec: 0 };

/** Whether `text` is one JSON value (and whitespace). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The resolvers a RemoteTask can be fetched with.
 */
export enum TaskResolver {
  /** `bundles`: an OCI image (a Tekton bundle), pinned by digest. */
  BUNDLES = 'bundles',
  /** `git`: a file in a git repository, at one commit. */
  GIT = 'git',
  /** `hub`: a catalog of Artifact Hub (or a Tekton Hub), at one version. */
  HUB = 'hub',
  /** `cluster`: a Task in another namespace of the cluster, as it is at run time. */
  CLUSTER = 'cluster',
}

/**
 * The hub the hub resolver asks.
 */
export enum HubType {
  /** `artifact`: Artifact Hub (https://artifacthub.io unless the cluster's resolver says otherwise). */
  ARTIFACT = 'artifact',
  /** `tekton`: a Tekton Hub, whose URL the cluster's resolver configures (there is no default). */
  TEKTON = 'tekton',
}

/**
 * The content of a remote task: what the resolver fetches, given to the app so
 * that it is checked at synth like every object the app writes.
 *
 * @example
 * declare const gitClone: SecureTask;
 * TaskContent.fromFile('tasks/git-clone.yaml'); // the YAML vendored in the repository
 * TaskContent.fromSecureTask(gitClone);          // a SecureTask of this app, the Task published to the bundle
 */
export class TaskContent {
  /** A file holding the Task as the resolver serves it (YAML or JSON, one object), read at synth from the working directory. */
  public static fromFile(path: string): TaskContent {
    return new TaskContent(path, path, undefined, undefined);
  }

  /** The Task as YAML (or JSON) text, one object. */
  public static fromYaml(yaml: string): TaskContent {
    return new TaskContent('YAML', undefined, yaml, undefined);
  }

  /**
   * A SecureTask of the same app: the Task it writes is the content (sign it and
   * publish it where the reference points). It is checked where it is written,
   * with its own relaxations.
   */
  public static fromSecureTask(task: SecureTask): TaskContent {
    return new TaskContent(`SecureTask '${task.node.path}'`, undefined, undefined, task);
  }

  /** For messages: where the content comes from (the file, `YAML`, or the SecureTask). */
  public readonly description: string;
  /** The file, for content read from a file. */
  public readonly path?: string;
  /** The text, for content given as YAML. */
  public readonly yaml?: string;
  /** The SecureTask, for content written by this app. */
  public readonly secureTask?: SecureTask;

  private constructor(description: string, path: string | undefined, yaml: string | undefined, secureTask: SecureTask | undefined) {
    this.description = description;
    this.path = path;
    this.yaml = yaml;
    this.secureTask = secureTask;
  }
}

/**
 * What every remote task is given besides its reference.
 */
export interface RemoteTaskOptions {
  /** The content the reference fetches; it is checked at synth with every rule of the catalogue. */
  readonly content: TaskContent;
  /**
   * The trust domain of each workspace the content declares (a SecureTask's come
   * with it).
   * @default - none: a content that declares workspaces is refused until each has one
   */
  readonly workspaceDomains?: { [workspace: string]: TrustDomain };
  /**
   * The content runs no user code and may receive credentials workspaces. Only for
   * content pinned to a digest or commit (bundles, git): a hub version or a cluster
   * Task can change under the reference. Nor for content whose steps run a StepAction
   * (`ref`), which the step takes its image, script and securityContext from and
   * trusted-resources verification does not cover; SecureTask content may, when each is
   * a SecureStepAction the app writes in the namespace of every pipeline that runs this task.
   * @default - false (for SecureTask content: that SecureTask's `trusted`)
   */
  readonly trusted?: boolean;
  /**
   * Relaxations of the rules the content breaks (limit one to a step with
   * `target`); not for SecureTask content, which its SecureTask's relaxations cover.
   * Like the content, they are not written in the YAML; the posture report holds them
   * (`PostureReport.unwritten`, the JSON's `unwritten`, and the Relaxations table of the
   * Markdown, which names the content as fetched by this RemoteTask and not written), and
   * `Relaxations.of(app).list()` lists them, under the RemoteTask's path.
   * @default - none
   */
  readonly relaxations?: Relaxation[];
}

/**
 * A task in a Tekton bundle (an OCI image), pinned by digest.
 */
export interface BundleTaskProps extends RemoteTaskOptions {
  /** The bundle, pinned by digest: `<registry>/<repository>@sha256:<64 hex>` (a tag before the digest is allowed). */
  readonly bundle: string;
  /** The entry of the bundle (its `dev.tekton.image.name` annotation). @default - the content's `metadata.name` */
  readonly name?: string;
}

/**
 * A task in a git repository, at one commit.
 */
export interface GitTaskProps extends RemoteTaskOptions {
  /** The repository, as `git clone` takes it (`https://…`, `ssh://…` or `git@host:path`). */
  readonly url: string;
  /** The commit: 40 hex (64 for a SHA-256 repository); never a branch or tag. */
  readonly revision: string;
  /** The file that holds the Task, relative to the repository root. */
  readonly pathInRepo: string;
}

/**
 * A task of a hub catalog, at one exact version.
 */
export interface HubTaskProps extends RemoteTaskOptions {
  /**
   * The exact version: `<major>.<minor>` or `<major>.<minor>.<patch>`, never a range;
   * `<major>.<minor>` (or a patch of 0) on a Tekton Hub, which lists no patch. A `v` or an
   * `=` before it (`v0.9.0`, `= 0.9`) is read as the resolver reads it, the same release,
   * and written into the reference as given (spaces around it are refused). The hub
   * resolver reads it as a constraint (`= 0.9`) and fetches the greatest listed release
   * that satisfies it, build metadata ignored: on Artifact Hub, `0.9` and `0.9.0` are also
   * served by a `0.9.0+<build>` release the catalog's publisher adds.
   */
  readonly version: string;
  /** The name in the catalog. @default - the content's `metadata.name` */
  readonly name?: string;
  /** Which hub. @default HubType.ARTIFACT */
  readonly hubType?: HubType;
  /** The catalog. @default - `tekton-catalog-tasks` on Artifact Hub, `Tekton` on a Tekton Hub (written explicitly) */
  readonly catalog?: string;
  /**
   * The hub's API URL: written as the reference's `url` param, which the hub resolver
   * fetches from in place of the hub the cluster configures (Tekton v1.15 hub resolver
   * `Resolve`), and the source a VerificationPolicy matches.
   * @default - no `url` param: the Artifact Hub the cluster's hub resolver is configured with, read as https://artifacthub.io; required for a Tekton Hub
   */
  readonly hubUrl?: string;
}

/**
 * A Task in a namespace of the cluster.
 */
export interface ClusterTaskProps extends RemoteTaskOptions {
  /** The namespace that holds the Task. */
  readonly namespaceName: string;
  /** The Task's name. @default - the content's `metadata.name` */
  readonly name?: string;
}

interface Resolved {
  readonly resolver: TaskResolver;
  readonly params: { [name: string]: string };
  readonly source: string;
  readonly sourcePattern: string;
}

/**
 * A task fetched by a Tekton resolver, pinned, whose content the app checks.
 *
 * The pipeline task that runs it writes `taskRef: { resolver, params }` with a
 * pin Tekton cannot move: a bundle digest, a git commit, or (weaker: a name, not
 * a digest) an exact hub version. The content is given to the app
 * (`TaskContent`), checked at synth with every rule of the catalogue (with this
 * construct's relaxations) without being written, and its params, workspaces and
 * results drive the pipeline's checks. Tekton verifies the signature of what a
 * resolver fetches when a VerificationPolicy of the run's namespace matches its
 * source: build one from the remote tasks (`remoteTasks: [task]`).
 *
 * `fromCluster` refers to a Task as another namespace holds it at run time:
 * nothing pins it, so every pipeline that runs it must relax
 * REMOTE_REFERENCE_PINNED for that task.
 *
 * @example
 * declare const pipeline: SecurePipeline;
 * declare const key: VerificationKey;
 * const clone = RemoteTask.fromBundle(chart, 'git-clone', {
 *   bundle: 'ghcr.io/example/tekton-tasks/git-clone@sha256:4b0c8c0d29b0ed5ae3c34e8d27ff7d4a6e2dfcff6f56a4a9b7c5b4d6e3f2a1b0',
 *   content: TaskContent.fromFile('tasks/git-clone.yaml'),
 *   workspaceDomains: { output: TrustDomain.SOURCE, 'ssh-directory': TrustDomain.CREDENTIALS },
 *   trusted: true,
 * });
 * pipeline.addTask({ task: clone, parameters: { url: '$(params.git-url)', revision: '$(params.git-revision)' } });
 * new VerificationPolicy(chart, 'tasks', { remoteTasks: [clone], authorities: [{ name: 'release', key }] });
 */
export class RemoteTask extends Construct implements ITaskDefinition {
  /** A task in a Tekton bundle, pinned by digest. */
  public static fromBundle(scope: Construct, id: string, props: BundleTaskProps): RemoteTask {
    return new RemoteTask(scope, id, props, (t, name) => t.bundle(props, name));
  }

  /** A task in a git repository, at one commit. */
  public static fromGit(scope: Construct, id: string, props: GitTaskProps): RemoteTask {
    return new RemoteTask(scope, id, props, (t) => t.git(props));
  }

  /**
   * A task of a hub catalog, at one exact version (a name, not a digest: prefer a bundle or a commit).
   *
   * A hub version is a constraint, not a pin: the hub resolver fetches the greatest release
   * the hub lists that equals it, build metadata ignored, so the catalog's publisher can
   * satisfy `0.9` with a new `0.9.0+<build>` release of other content. The pattern this
   * task gives a VerificationPolicy (`sourcePattern`) matches those releases too, so that
   * Tekton verifies their signature rather than running them unmatched.
   */
  public static fromHub(scope: Construct, id: string, props: HubTaskProps): RemoteTask {
    return new RemoteTask(scope, id, props, (t, name) => t.hub(props, name));
  }

  /**
   * A Task in a namespace of the cluster, as it is at run time: unpinned, so each
   * pipeline that runs it must relax REMOTE_REFERENCE_PINNED for that task.
   */
  public static fromCluster(scope: Construct, id: string, props: ClusterTaskProps): RemoteTask {
    return new RemoteTask(scope, id, props, (t, name) => t.cluster(props, name));
  }

  /** The Task's name (the content's `metadata.name`): the default name of pipeline tasks that run it. */
  public readonly name: string;
  /** Whether the task may receive credentials workspaces. */
  public readonly trusted: boolean;
  /** The resolver that fetches it. */
  public readonly resolver: TaskResolver;
  /**
   * The source Tekton matches VerificationPolicy patterns against: the bundle's
   * repository, the git URL, the hub's URL of the version, or (cluster) the
   * object's path with `<uid>` for its uid.
   */
  public readonly source: string;
  /** The pattern that matches exactly this source (any uid for a cluster Task, any `+<build>` release of an Artifact Hub version). */
  public readonly sourcePattern: string;
  /** The content, as given. */
  public readonly content: TaskContent;

  /**
   * The pipelines that run this task: its runs look the content's StepActions up in their namespaces.
   * @internal
   */
  public readonly _runBy: Array<{ readonly namespace: () => string | undefined }> = [];

  private readonly resolverParameters: { [name: string]: string };
  private readonly secureTask?: SecureTask;
  private readonly params: TaskParam[];
  private readonly workspaces: TaskWorkspace[];
  private readonly results: string[];
  private readonly policy: ConstructPolicy;

  private constructor(scope: Construct, id: string, props: RemoteTaskOptions, resolve: (t: RemoteTask, contentName: string) => Resolved) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.content = props.content;
    const secureTask = props.content.secureTask;
    this.secureTask = secureTask;
    const manifest = secureTask ? undefined : this.readContent(props.content);
    if (secureTask && secureTask.node.root !== this.node.root) {
      throw this.error({
        property: 'content',
        value: props.content.description,
        problem: 'is not in this app, so the Task it writes is not checked here',
        rule: RuleId.VALID_SPEC,
        fix: "Create the SecureTask in this app (in a chart of its own, the file you sign and publish), or give the published Task's YAML: content: TaskContent.fromFile('<file>').",
      });
    }
    this.name = secureTask ? secureTask.name : manifest.metadata.name;
    if (secureTask) {
      this.params = secureTask.paramNames.map((n) => secureTask.param(n)!);
      this.workspaces = secureTask.workspaceDeclarations;
      this.results = [];
    } else {
      this.params = this.contentParams(manifest);
      this.workspaces = this.contentWorkspaces(manifest, props.workspaceDomains);
      this.results = asArray(manifest.spec.results).map((r) => r?.name).filter((n): n is string => typeof n === 'string');
    }

    const resolved = resolve(this, this.name);
    this.resolver = resolved.resolver;
    this.resolverParameters = resolved.params;
    // the reference whose content is checked: what a pipeline writes is held to it
    recordFetchedReference(this, { resolver: resolved.resolver, resolverParameters: resolved.params });
    this.source = resolved.source;
    this.sourcePattern = resolved.sourcePattern;

    this.trusted = props.trusted ?? (secureTask !== undefined ? trustedAsMade(secureTask) : false);
    recordTrust(this, this.trusted);
    this.checkTrust(props);
    if (this.trusted && manifest !== undefined) this.checkContentActions(manifest);
    if (secureTask !== undefined) this.policy.check(() => this.secureTaskActionProblems(secureTask, props));

    this.policy.relax(props.relaxations);
    if (manifest !== undefined) {
      // where the API server would drop (or Tekton's webhook rename) a key, the resolver's strict decoding refuses the content
      this.policy.throwFindings(TEKTON_FIELD_NAMES.check(JSON.parse(JSON.stringify(manifest))).map((f) => ({
        ...f,
        location: 'content',
        problem: `is not a field of ${String(manifest.apiVersion)} Task there${f.fix?.startsWith('Write the key as') ? ' (the decoding matches field names with case)' : ''}: ${STRICT}`,
      })));
      this.policy.checkUnwritten(() => JSON.parse(JSON.stringify(manifest)), { location: 'content', source: this.source });
    }
  }

  /** How a pipeline task refers to it: the resolver and its params. */
  public get taskReference(): TaskReference {
    return { resolver: this.resolver, resolverParameters: { ...this.resolverParameters } };
  }

  /** The declared param, or undefined. */
  public param(name: string): TaskParam | undefined {
    return this.params.find((p) => p.name === name);
  }

  /** The declared workspace, or undefined. */
  public workspace(name: string): TaskWorkspace | undefined {
    return this.workspaces.find((w) => w.name === name);
  }

  /** Whether the content declares this result. */
  public hasResult(name: string): boolean {
    return this.secureTask ? this.secureTask.hasResult(name) : this.results.includes(name);
  }

  /**
   * The names of the results the content declares.
   * @internal
   */
  public get _resultNames(): string[] {
    return this.secureTask ? this.secureTask._resultNames : [...this.results];
  }

  /** Names of the declared params. */
  public get paramNames(): string[] {
    return this.params.map((p) => p.name);
  }

  /** The declared workspaces. */
  public get workspaceDeclarations(): TaskWorkspace[] {
    return [...this.workspaces];
  }

  private error(o: RefusalOptions): Error {
    return this.policy.error(o);
  }

  /**
   * The one Task the content holds, read as kubectl reads YAML, refused where Tekton's strict
   * decoding of the resolver's data (one object: the first document, or JSON) would fail every run.
   */
  private readContent(content: TaskContent): any {
    const refuse = (problem: string, fix: string): Error => this.error({ property: 'content', value: content.description, problem, rule: RuleId.VALID_SPEC, fix });
    let text = content.yaml;
    if (content.path !== undefined) {
      try {
        text = fs.readFileSync(content.path, 'utf8');
      } catch (e) {
        throw refuse(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 'Give the path of the Task file, relative to the directory synth runs in.');
      }
    }
    // data that starts with '{' is decoded as JSON (yaml.IsJSONBuffer): one JSON value, then only whitespace
    if (/^[ \t\r\n]*\{/.test(text ?? '') && !isJson(text ?? '')) {
      throw refuse(`starts with "{", so Tekton decodes it as JSON, and it is not one JSON object alone (text after the object, such as '---', or YAML flow style): ${STRICT}`,
        'Give the Task as one JSON object with nothing after it, or as YAML in block style.');
    }
    let objects: Array<Record<string, any>>;
    try {
      const read = parseManifests(text ?? '', content.path ?? 'content');
      // kubectl opens a List; Tekton decodes the resolver's data as one object of its own scheme, where no List is
      if (read.some((o) => o.sealed === false)) {
        throw refuse('is a List: Tekton decodes what the resolver serves as one object of its own API, and a List is not one, so every run would fail',
          'Give the Task itself, not a List holding it.');
      }
      objects = read.map((o) => o.object);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw refuse(`is not readable YAML (${e.message})`, 'Give the Task exactly as the resolver serves it.');
    }
    if (objects.length !== 1) {
      throw refuse(`holds ${objects.length} objects`, 'Give exactly one Task: the one the reference fetches.');
    }
    // the resolver's data is decoded strictly (serializer.EnableStrict): a key written twice is refused, where kubectl keeps the last
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    const documents = yaml.parseAllDocuments(text ?? '', { prettyErrors: true });
    const duplicate = documents.flatMap((d) => d.errors).find((e) => e.code === 'DUPLICATE_KEY');
    if (duplicate !== undefined) {
      const at = duplicate.linePos?.[0];
      throw refuse(`writes a key twice${at ? ` (line ${at.line}, column ${at.col})` : ''}: ${STRICT}`,
        'Write each key once, as in the file the reference fetches.');
    }
    // only the first document is decoded (kubectl skips empty ones): it must be the Task
    const first = documents[0];
    if (first !== undefined && (first.contents === null || (yaml.isScalar(first.contents) && first.contents.value === null))) {
      throw refuse(`has a first document that is empty (nothing but comments, or null, before the next '---'): Tekton decodes only the first document of what the resolver serves, ${STRICT}`,
        "Remove the empty document: start the file with the Task (or with '---' and then the Task).");
    }
    const task = objects[0];
    if (task.kind !== 'Task' || !['tekton.dev/v1', 'tekton.dev/v1beta1'].includes(task.apiVersion)) {
      throw refuse(`is a ${String(task.apiVersion)} ${String(task.kind)}, not a Task`, 'Give the Task the reference fetches (tekton.dev/v1 or v1beta1).');
    }
    // decoded strictly into Tekton's Task: a key the Go type does not have (matched with case) fails every run
    const unknown = unknownField(task, TASK_FIELDS, '');
    if (unknown !== undefined) {
      const property = unknown.at === '' ? unknown.key : `${unknown.at}.${unknown.key}`;
      throw this.error({
        location: 'content',
        property,
        value: unknown.key,
        rule: RuleId.VALID_SPEC,
        problem: unknown.at === '' ? `is not a field of ${task.apiVersion} Task: ${STRICT}`
          : `is not a field of an object's metadata${unknown.at === 'metadata' ? '' : ' there'}: ${STRICT}`,
        fix: unknown.at === '' ? `Remove ${property}: a Task has only ${Object.keys(TASK_FIELDS).join(', ')}.`
          : unknown.at === 'metadata' ? `Remove ${property}, or write it as a label or an annotation (metadata.annotations).`
            : `Remove ${property}, or write ${unknown.at} with the fields Kubernetes gives it.`,
      });
    }
    const name = task.metadata?.name;
    if (typeof name !== 'string' || !isDns1123Label(name)) {
      throw refuse(`has metadata.name ${JSON.stringify(name)}, which is not a DNS-1123 label`, 'Give the Task a valid metadata.name.');
    }
    if (task.spec === null || typeof task.spec !== 'object' || Array.isArray(task.spec) || asArray(task.spec.steps).length === 0) {
      throw refuse('has no steps', 'Give the Task the reference fetches, with its steps.');
    }
    return task;
  }

  /**
   * The content's params with their types, as Tekton reads them: the declared `type`, else
   * object when `properties` are given, else the default's shape, else string (ParamSpec
   * SetDefaults); with the keys of an object param and the default of the param's type.
   */
  private contentParams(manifest: any): TaskParam[] {
    return asArray(manifest.spec.params).map((p) => {
      if (typeof p?.name !== 'string') {
        throw this.error({ property: 'content', value: this.content.description, problem: 'declares a param without a name', rule: RuleId.VALID_SPEC, fix: 'Give every param of the Task a name.' });
      }
      const d = p.default;
      const hasProperties = p.properties !== undefined && p.properties !== null;
      // as SetDefaults types it (param-types.ts): a `type` that is no text is kept for the refusal below
      const type = p.type !== undefined && p.type !== null && typeof p.type !== 'string' ? p.type : declaredParamType(p);
      if (!Object.values(ParamType).includes(type)) {
        throw this.error({
          property: 'content',
          value: this.content.description,
          problem: `declares param '${p.name}' of type ${JSON.stringify(type)}, which Tekton refuses`,
          rule: RuleId.VALID_SPEC,
          fix: 'Give it type string, array or object, as in the Task the reference fetches.',
        });
      }
      // Tekton decodes enum as a list of strings, and its ParamSpec validation refuses a non-empty one unless enable-param-enum is on
      const enumIsList = Array.isArray(p.enum) && p.enum.every((e: unknown) => typeof e === 'string');
      if (p.enum !== undefined && p.enum !== null && !enumIsList) {
        throw this.error({
          property: 'content',
          value: this.content.description,
          problem: `declares param '${p.name}' with enum ${JSON.stringify(p.enum)}, which is not a list of strings: Tekton cannot decode the fetched Task, and every run with it fails`,
          rule: RuleId.VALID_SPEC,
          fix: 'Fetch a Task whose params declare no enum.',
        });
      }
      if (enumIsList && p.enum.length > 0) {
        throw this.error({
          property: 'content',
          value: this.content.description,
          problem: `declares param '${p.name}' with an enum (${p.enum.map((e: unknown) => JSON.stringify(e)).join(', ')}), which Tekton refuses while the feature flag `
            + 'enable-param-enum is off (its default, and TektonFeatureFlags leaves it off): the fetched Task fails validation and every run with it',
          rule: RuleId.VALID_SPEC,
          fix: `Fetch a Task whose params declare no enum, or write the task as a SecureTask whose param '${p.name}' has constraint: ParamConstraint.oneOf([...]).`,
        });
      }
      const properties = hasProperties && typeof p.properties === 'object' && !Array.isArray(p.properties) ? Object.keys(p.properties) : undefined;
      return {
        name: p.name,
        ...(typeof p.description === 'string' ? { description: p.description } : {}),
        ...(type !== ParamType.STRING ? { valueType: type as ParamType } : {}),
        ...(type === ParamType.OBJECT ? { properties: properties ?? [] } : {}),
        // a default of the param's type makes it optional (one of another type is refused by Tekton's validation of the content)
        // (a number, a bool or a list or map holding one is a string to Go's decoding: its JSON text, as the resolver hands it over)
        ...(type === ParamType.STRING && paramValueType(d) === 'string' ? { defaultValue: typeof d === 'string' ? d : JSON.stringify(d) } : {}),
        ...(type === ParamType.ARRAY && Array.isArray(d) ? { defaultArray: d.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) } : {}),
        ...(type === ParamType.OBJECT && d !== null && typeof d === 'object' && !Array.isArray(d)
          ? { defaultObject: Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) } : {}),
      };
    });
  }

  private contentWorkspaces(manifest: any, domains: { [workspace: string]: TrustDomain } = {}): TaskWorkspace[] {
    const declared = asArray(manifest.spec.workspaces).filter((w) => typeof w?.name === 'string');
    const names = declared.map((w) => String(w.name));
    for (const name of Object.keys(domains)) {
      if (!names.includes(name)) {
        throw this.error({
          property: `workspaceDomains.${name}`,
          value: domains[name],
          problem: `is not a workspace of the content (${names.join(', ') || 'it declares none'})`,
          rule: RuleId.VALID_REFERENCE,
          fix: 'Give a trust domain to each workspace the content declares, and to no other.',
        });
      }
      if (!Object.values(TrustDomain).includes(domains[name])) {
        throw this.error({
          property: `workspaceDomains.${name}`,
          value: String(domains[name]),
          problem: 'is not a trust domain',
          rule: RuleId.VALID_SPEC,
          fix: 'Use a member of TrustDomain, e.g. TrustDomain.SOURCE.',
        });
      }
    }
    const missing = names.filter((n) => domains[n] === undefined);
    if (missing.length > 0) {
      throw this.error({
        property: 'workspaceDomains',
        problem: `gives no trust domain to ${missing.length > 1 ? 'workspaces' : 'workspace'} ${missing.map((n) => `'${n}'`).join(', ')} of the content`,
        rule: RuleId.VALID_SPEC,
        fix: `Give each workspace the trust domain of what it holds (SOURCE, OUTPUT, CACHE or CREDENTIALS), e.g. workspaceDomains: { ${missing.map((n) => `'${n}': TrustDomain.SOURCE`).join(', ')} }.`,
      });
    }
    return declared.map((w) => ({
      name: String(w.name),
      domain: domains[w.name],
      ...(typeof w.description === 'string' ? { description: w.description } : {}),
      ...(typeof w.readOnly === 'boolean' ? { readOnly: w.readOnly } : {}),
      ...(typeof w.optional === 'boolean' ? { optional: w.optional } : {}),
      ...(typeof w.mountPath === 'string' ? { mountPath: w.mountPath } : {}),
    }));
  }

  private checkTrust(props: RemoteTaskOptions): void {
    if (this.trusted && (this.resolver === TaskResolver.HUB || this.resolver === TaskResolver.CLUSTER)) {
      const how = this.resolver === TaskResolver.HUB
        ? 'the hub serves what its catalog publishes under a version, which can be other content than the one checked here'
        : 'the cluster resolver fetches the Task as it is at run time, which can be other content than the one checked here';
      throw this.error({
        property: 'trusted',
        value: props.trusted === undefined ? `true (from ${this.content.description})` : 'true',
        problem: `marks trusted a task whose content the reference does not pin: ${how}`,
        rule: RuleId.REMOTE_REFERENCE_PINNED,
        fix: 'Publish the task as a bundle pinned by digest (RemoteTask.fromBundle) or in git at a commit (RemoteTask.fromGit) to trust it, or leave trusted out.',
      });
    }
    for (const w of this.workspaces) {
      if (w.domain === TrustDomain.CREDENTIALS && !this.trusted) {
        throw this.error({
          property: this.content.secureTask ? 'trusted' : `workspaceDomains.${w.name}`,
          value: this.content.secureTask ? 'false' : w.domain,
          problem: `gives the credentials domain to workspace '${w.name}' of a task not marked trusted`,
          rule: RuleId.CREDENTIALS_TRUSTED_TASK,
          fix: 'Mark the task trusted (trusted: true) only if its content runs no user code; otherwise give the credential to a separate trusted task.',
        });
      }
    }
  }

  /**
   * A trusted task runs no StepAction of its content: a step's `ref` runs a StepAction
   * the app neither writes nor checks (by name: whatever the run's namespace holds when
   * the run starts; through a resolver: whatever it fetches), whose image, script and
   * securityContext the step takes, and which trusted-resources verification of the task
   * does not cover.
   */
  private checkContentActions(manifest: any): void {
    for (const { role, container, designation: step } of containersOf(manifest)) {
      const ref = role === 'step' ? container?.ref : undefined;
      if (ref === undefined || ref === null) continue;
      const resolver = typeof ref.resolver === 'string' && ref.resolver !== '' ? ref.resolver : undefined;
      const name = String(ref.name);
      throw this.error({
        location: `content step '${step}'`,
        property: resolver !== undefined ? 'ref.resolver' : 'ref.name',
        value: resolver ?? name,
        problem: (resolver !== undefined
          ? `runs a StepAction the ${resolver} resolver fetches when the run starts, which this app neither writes nor checks`
          : `runs StepAction '${name}' by name, which this app neither writes nor checks: the step's ref runs whatever StepAction '${name}' the run's namespace holds when the run starts`)
          + ', with its own image, script and securityContext, in a task marked trusted (trusted: true); trusted-resources verification does not cover StepActions',
        rule: RuleId.VALID_REFERENCE,
        fix: `Write the StepAction's image and script into step '${step}' of the content in place of its ref, or build the task as a SecureTask whose step runs a SecureStepAction of this app (content: TaskContent.fromSecureTask(task)), or leave trusted out and give the credentials to a separate trusted task.`,
      });
    }
  }

  /**
   * A trusted task whose content is a SecureTask runs only SecureStepActions the app writes,
   * with their names, in the namespace of every pipeline that runs this task: its runs look
   * the steps' StepActions up there (not where the SecureTask's Task is written).
   */
  private secureTaskActionProblems(secureTask: SecureTask, props: RemoteTaskOptions): RefusalOptions[] {
    if (!trustedAsMade(this) || this._runBy.length === 0) return [];
    const holders = this._runBy.map((r) => ({ holder: 'pipeline', namespace: r.namespace() }));
    const trusted = props.trusted === undefined ? `trusted (from ${this.content.description})` : 'trusted (trusted: true)';
    return secureTask._actionProblems(holders).map((o) => ({
      ...o,
      location: `content ${o.location}`,
      problem: `${o.problem}, in a task marked ${trusted}; trusted-resources verification does not cover StepActions`,
    }));
  }

  /** Refuses a resolver param that is not a literal (Tekton substitutes `$(…)` in it at run time). */
  private literal(property: string, value: string): void {
    if (typeof value !== 'string' || value.includes('$(') || value.trim() !== value || value === '') {
      throw this.error({
        property,
        value: typeof value === 'string' ? value : String(value),
        problem: typeof value === 'string' && value.includes('$(')
          ? 'is substituted at run time, so what the reference fetches is not known at synth'
          : 'is empty or has leading or trailing whitespace',
        rule: RuleId.VALID_SPEC,
        fix: 'Give a literal value: the reference must say exactly what it fetches.',
      });
    }
  }

  private entryName(property: string, given: string | undefined, contentName: string): string {
    if (given === undefined) return contentName;
    this.literal(property, given);
    if (given !== contentName) {
      throw this.error({
        property,
        value: given,
        problem: `is not the content's metadata.name '${contentName}'`,
        rule: RuleId.VALID_SPEC,
        fix: 'Leave name out (it is the content\'s), or give the content of that entry.',
      });
    }
    return given;
  }

  private bundle(props: BundleTaskProps, contentName: string): Resolved {
    this.literal('bundle', props.bundle);
    const repository = ociRepository(props.bundle);
    const lowered = lowerCasedDigest(props.bundle);
    if (repository === undefined && lowered !== undefined && ociRepository(lowered) !== undefined) {
      throw this.error({
        property: 'bundle',
        value: props.bundle,
        problem: `${UPPER_CASE_DIGEST}: the bundles resolver cannot parse the reference, so every run would fail`,
        rule: RuleId.VALID_SPEC,
        fix: `Write the digest in lower case: bundle: '${lowered}'.`,
      });
    }
    const algorithm = unsupportedDigestAlgorithm(props.bundle);
    const digested = props.bundle.slice(0, props.bundle.lastIndexOf('@'));
    if (repository === undefined && algorithm !== undefined && ociRepository(digested) !== undefined) {
      throw this.error({
        property: 'bundle',
        value: props.bundle,
        problem: `has a ${algorithm} digest: ${UNSUPPORTED_DIGEST_TEXT}, so every run would fail`,
        rule: RuleId.VALID_SPEC,
        fix: `Pin it by its sha256 digest: bundle: '${digested}@sha256:<64 hex>' (crane digest ${digested} prints it).`,
      });
    }
    if (repository === undefined) {
      throw this.error({
        property: 'bundle',
        value: props.bundle,
        problem: 'is not an OCI image reference',
        rule: RuleId.VALID_SPEC,
        fix: "Give the bundle as '<registry>/<repository>@sha256:<64 hex>'.",
      });
    }
    if (!BUNDLE_DIGEST.test(props.bundle)) {
      throw this.error({
        property: 'bundle',
        value: props.bundle,
        problem: 'is not pinned by digest: the tag can be moved to other content',
        rule: RuleId.REMOTE_REFERENCE_PINNED,
        fix: `Pin it: bundle: '${props.bundle.split('@')[0]}@sha256:<64 hex>' (crane digest ${props.bundle.split('@')[0]} prints the digest).`,
      });
    }
    const name = this.entryName('name', props.name, contentName);
    return {
      resolver: TaskResolver.BUNDLES,
      params: { bundle: props.bundle, name, kind: 'task' },
      source: repository,
      sourcePattern: exactPattern(repository),
    };
  }

  private git(props: GitTaskProps): Resolved {
    this.literal('url', props.url);
    // the git resolver's own check (it refuses local paths and unknown schemes)
    if (!/^([^@]+@[^:]+|(git|ssh|ftps?|https?):\/\/)/.test(props.url)) {
      throw this.error({
        property: 'url',
        value: props.url,
        problem: 'is not a URL the git resolver accepts',
        rule: RuleId.VALID_SPEC,
        fix: "Give an https://, ssh:// or git@host:path URL, e.g. url: 'https://github.com/example/tekton-tasks.git'.",
      });
    }
    this.literal('revision', props.revision);
    if (!COMMIT.test(props.revision)) {
      throw this.error({
        property: 'revision',
        value: props.revision,
        problem: 'is not a full commit SHA: a branch or tag can be moved to other content',
        rule: RuleId.REMOTE_REFERENCE_PINNED,
        fix: `Give the commit: revision: '<40 hex>' (git rev-parse ${props.revision} prints it).`,
      });
    }
    this.literal('pathInRepo', props.pathInRepo);
    if (props.pathInRepo.split(/[\\/]/).includes('..')) {
      throw this.error({
        property: 'pathInRepo',
        value: props.pathInRepo,
        problem: 'has a ".." component, which the git resolver refuses',
        rule: RuleId.VALID_SPEC,
        fix: "Give the path from the repository root, e.g. pathInRepo: 'tasks/git-clone.yaml'.",
      });
    }
    return {
      resolver: TaskResolver.GIT,
      params: { url: props.url, revision: props.revision, pathInRepo: props.pathInRepo },
      source: props.url,
      sourcePattern: exactPattern(props.url),
    };
  }

  private hub(props: HubTaskProps, contentName: string): Resolved {
    const type = props.hubType ?? HubType.ARTIFACT;
    if (props.version === undefined) {
      throw this.error({ property: 'version', problem: `${HUB_VERSION_MISSING}, so every run would fail`, rule: RuleId.VALID_SPEC, fix: exactHubVersionFix(type, (v) => `'${v}'`) });
    }
    this.literal('version', props.version);
    // judged as REMOTE_REFERENCE_PINNED judges a hub reference's version
    const versionProblem = hubVersionProblem(props.version, type, (v) => `'${v}'`);
    if (versionProblem !== undefined) {
      throw this.error({
        property: 'version',
        value: props.version,
        problem: versionProblem.problem,
        rule: versionProblem.unpinned ? RuleId.REMOTE_REFERENCE_PINNED : RuleId.VALID_SPEC,
        fix: versionProblem.fix,
      });
    }
    const catalog = props.catalog ?? DEFAULT_HUB_CATALOGS[`${type}/task`];
    this.literal('catalog', catalog);
    const name = this.entryName('name', props.name, contentName);
    const hubUrl = props.hubUrl ?? (type === HubType.ARTIFACT ? DEFAULT_ARTIFACT_HUB_URL : undefined);
    if (hubUrl === undefined || !/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(hubUrl)) {
      throw this.error({
        property: 'hubUrl',
        value: hubUrl,
        problem: hubUrl === undefined ? 'is missing: a Tekton Hub has no default URL' : 'is not an https URL',
        rule: RuleId.VALID_SPEC,
        fix: "Give the hub's API URL, e.g. hubUrl: 'https://api.hub.example.com': it is written as the reference's url param, which the hub resolver fetches from.",
      });
    }
    const source = hubSource(hubUrl, type, 'task', catalog, name, hubResolverVersion(props.version)!)!;
    return {
      resolver: TaskResolver.HUB,
      // the url param comes before the hub the cluster configures: what is fetched is under the source the policy matches
      params: { catalog, type, kind: 'task', name, version: props.version, ...(props.hubUrl !== undefined ? { url: props.hubUrl } : {}) },
      source,
      // a version is a constraint: Artifact Hub also serves it from a release with build metadata (0.9.0+<build>)
      sourcePattern: hubSourcePattern(source, type),
    };
  }

  private cluster(props: ClusterTaskProps, contentName: string): Resolved {
    this.policy.checkName('namespaceName', props.namespaceName);
    const name = this.entryName('name', props.name, contentName);
    return {
      resolver: TaskResolver.CLUSTER,
      params: { kind: 'task', name, namespace: props.namespaceName },
      source: clusterSource(props.namespaceName, 'task', name, '<uid>'),
      sourcePattern: clusterSourcePattern(props.namespaceName, 'task', name),
    };
  }
}
