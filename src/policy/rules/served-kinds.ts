import { templateKindOf } from '../../private/resource-templates';
import {
  apiVersionOf, groupName, groupsServing, nearestGroup, nearestKind, OPEN_GROUPS, SERVED_TABLE, servedVersions, Serving,
} from '../../private/served-kinds';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The group and version of an apiVersion as kubectl parses it (`v1` is the core group's); undefined for one it cannot parse. */
function groupVersion(apiVersion: unknown): { group: string; version: string } | undefined {
  if (typeof apiVersion !== 'string' || apiVersion === '') return undefined;
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  return parts.length === 2 ? { group: parts[0], version: parts[1] } : undefined;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The versions of a kind and who serves them: `v1 and v1beta1 (Tekton Pipelines v1.15)`, `v1 (Kubernetes 1.30 on) and v1beta1 (...)`. */
function servedText(servings: readonly Serving[]): string {
  const byWhom = [...new Set(servings.map((s) => s.by))];
  return listed(byWhom.map((by) => `${listed(servings.filter((s) => s.by === by).map((s) => s.version))} (${by})`));
}

/** The version to write in `group`: the one written if served there, else the newest. */
function versionToWrite(servings: readonly Serving[], written: string): string {
  return servings.some((s) => s.version === written) ? written : servings[0].version;
}

/** What kubectl says, and what follows. */
const refused = (kind: string, apiVersion: string): string =>
  `so no client can create the object: kubectl apply fails with no matches for kind "${kind}" in version "${apiVersion}", and nothing of it reaches the cluster`;

/** An apiVersion not written (absent, null or empty): kubectl maps the kind in no group it serves. */
const unset = (apiVersion: unknown): boolean => apiVersion === undefined || apiVersion === null || apiVersion === '';

/** The finding of an object of a kind the table serves, written without an apiVersion. */
function withoutApiVersion(manifest: any, kind: string): Problem[] {
  const groups = groupsServing(kind);
  // an empty one passes kubectl's validation, and its REST mapping then finds a kind of the core group (the server takes the path's version)
  if (groups.length === 0 || (manifest.apiVersion === '' && groups.includes(''))) return [];
  // kubectl's client-side validation (k8s.io/kubectl pkg/validation getObjectKind) stops an absent one; an empty one reaches the REST mapping
  const said = manifest.apiVersion === ''
    ? `is written with an empty apiVersion, so kubectl looks for the kind in the core group and refuses the object (kubectl apply fails with no matches for kind "${kind}" in group "")`
    : 'is written without an apiVersion: apiVersion is not set, so kubectl refuses the object (kubectl apply fails with error validating data: apiVersion not set)';
  const [first] = groups;
  const servings = servedVersions(first, kind)!;
  return [{
    property: 'kind',
    value: kind,
    problem: `${said} and nothing of it reaches the cluster `
      + `(Triggers' webhook likewise refuses a TriggerTemplate whose resource template has none); ${listed(groups.map((g) => `${groupName(g)} serves ${kind} as ${servedText(servedVersions(g, kind)!)}`))}, `
      + 'and the rules that read its kind alone judge it as that kind all the same',
    fix: `Write apiVersion: ${apiVersionOf(first, servings[0].version)} (with the fields of that version).`,
  }];
}

/**
 * The kinds of `tekton.dev` that Tekton Pipelines removed (tektoncd/pipeline docs/deprecations.md,
 * docs/pipelineresources.md, docs/migrating-v1beta1-to-v1.md, docs/migrating-v1alpha1.Run-to-v1beta1.CustomRun.md):
 * why v1.15 serves none, and what to write in its place.
 */
const REMOVED_TEKTON_KINDS: Record<string, { why: string; fix: string }> = {
  PipelineResource: {
    why: 'Tekton Pipelines removed PipelineResources (TEP-0074), with the `resources` of Tasks, Pipelines and their runs',
    fix: 'Remove the PipelineResource, and pass what it held to the tasks as params (a URL, a revision, an image reference) and '
      + 'workspaces (a git-clone Task fills one with the repository), as Tekton\'s docs/pipelineresources.md describes.',
  },
  Condition: {
    why: 'Tekton Pipelines removed Conditions, replaced by the when expressions of a pipeline task',
    fix: 'Remove the Condition, and guard the pipeline task with when: [{ input: ..., operator: in, values: [...] }] on a param, '
      + 'or on a result of a task that runs the check.',
  },
  Run: {
    why: 'Tekton Pipelines removed the v1alpha1 Run (TEP-0114), replaced by the v1beta1 CustomRun',
    fix: 'Write apiVersion: tekton.dev/v1beta1 and kind: CustomRun, with spec.ref written as spec.customRef and spec.spec as '
      + 'spec.customSpec.',
  },
  ClusterTask: {
    why: 'Tekton Pipelines removed ClusterTasks, replaced by the cluster resolver',
    fix: 'Write kind: Task in a namespace of its own, and have runs fetch it with taskRef: { resolver: cluster, params: '
      + '[{ name: kind, value: task }, { name: name, value: <name> }, { name: namespace, value: <namespace> }] }.',
  },
};

/** The finding of an object whose group, kind or version is not served; none when it is, or its group is not one the table knows. */
function unserved(manifest: any): Problem[] {
  const kind = manifest?.kind;
  if (typeof kind !== 'string' || kind === '') return [];
  if (unset(manifest.apiVersion)) return withoutApiVersion(manifest, kind);
  const gv = groupVersion(manifest?.apiVersion);
  if (gv === undefined) return [];
  const apiVersion = manifest.apiVersion as string;
  const versions = servedVersions(gv.group, kind);
  if (versions === undefined) {
    // a group of no API the rules know: a typo of one that serves the kind
    const near = nearestGroup(gv.group, kind);
    if (near === undefined) return [];
    const servings = servedVersions(near, kind)!;
    return [{
      property: 'apiVersion',
      value: apiVersion,
      problem: `names the API group ${gv.group}, which serves no kind the rules know; ${near} serves ${kind} as ${servedText(servings)}, `
        + `${refused(kind, apiVersion)} (unless a CRD of the cluster defines ${kind} in ${gv.group})`,
      fix: `Write apiVersion: ${apiVersionOf(near, versionToWrite(servings, gv.version))}.`,
    }];
  }
  if (versions.some((s) => s.version === gv.version)) return [];
  if (versions.length > 0) {
    const to = versionToWrite(versions, gv.version);
    return [{
      property: 'apiVersion',
      value: apiVersion,
      problem: `is not a version ${groupName(gv.group)} serves ${kind} at: it serves ${kind} as ${servedText(versions)}, ${refused(kind, apiVersion)}`,
      fix: `Write apiVersion: ${apiVersionOf(gv.group, to)} (with the fields of that version).`,
    }];
  }
  const near = nearestKind(gv.group, kind);
  if (OPEN_GROUPS.has(gv.group)) {
    // other CRDs define kinds in this group: only a near spelling of a kind the table knows is a typo
    if (near === undefined) return [];
    return [{
      property: 'kind',
      value: kind,
      problem: `is no kind ${groupName(gv.group)} serves as the rules know it (${listed(Object.keys(SERVED_TABLE[gv.group]))} of ${servedText(SERVED_TABLE[gv.group][near])}), `
        + `${refused(kind, apiVersion)} (unless a CRD of the cluster defines ${kind} in ${gv.group}); no rule checks it as the ${near} it is nearest to`,
      fix: `Write kind: ${near} (the kind of ${groupName(gv.group)} nearest to "${kind}").`,
    }];
  }
  const elsewhere = groupsServing(kind);
  if (elsewhere.length > 0) {
    const [first] = elsewhere;
    const servings = servedVersions(first, kind)!;
    return [{
      property: 'apiVersion',
      value: apiVersion,
      problem: `names an API group that serves no kind ${kind}: ${listed(elsewhere.map((g) => `${groupName(g)} serves it as ${servedText(servedVersions(g, kind)!)}`))}, `
        + refused(kind, apiVersion),
      fix: `Write apiVersion: ${apiVersionOf(first, versionToWrite(servings, gv.version))}.`,
    }];
  }
  const kinds = Object.keys(SERVED_TABLE[gv.group]);
  // a kind Tekton Pipelines served once and removed: the object has no kind to move to, only a replacement to write; in another
  // group the table knows too (no group serves it), and spelled in another case (kinds are case-sensitive: apimachinery
  // meta/restmapper.go looks the kind up as written, so `clustertask` is no kind either)
  const removedName = Object.keys(REMOVED_TEKTON_KINDS).find((k) => k.toLowerCase() === kind.toLowerCase());
  if (removedName !== undefined && (removedName === kind || near === undefined || near.toLowerCase() !== kind.toLowerCase())) {
    const other = gv.group === 'tekton.dev' ? '' : ', nor does any other API group';
    const cased = removedName === kind ? '' : '; kinds are case-sensitive';
    return [{
      property: 'kind',
      value: kind,
      problem: `is no kind ${groupName(gv.group)} serves (its kinds are ${listed(kinds)}${cased})${other}: ${REMOVED_TEKTON_KINDS[removedName].why}, `
        + `${refused(kind, apiVersion)}; no rule checks it`,
      fix: REMOVED_TEKTON_KINDS[removedName].fix,
    }];
  }
  // a misspelled Triggers kind that holds templates: they are read as that kind's (resource-templates.ts)
  const templated = templateKindOf(manifest);
  if (templated !== undefined && near !== templated) {
    return [{
      property: 'kind',
      value: kind,
      problem: `is no kind ${groupName(gv.group)} serves (its kinds are ${listed(kinds)}), ${refused(kind, apiVersion)}; its resource templates are judged `
        + `as those of the ${templated} of triggers.tekton.dev it is nearest to, and no rule reads its own fields as that kind's`,
      fix: `Write apiVersion: ${apiVersionOf('triggers.tekton.dev', versionToWrite(servedVersions('triggers.tekton.dev', templated)!, gv.version))} and kind: ${templated}.`,
    }];
  }
  return [{
    property: 'kind',
    value: kind,
    problem: `is no kind ${groupName(gv.group)} serves (${kinds.length === 0 ? 'it serves none' : `its kinds are ${listed(kinds)}`}), `
      + `${refused(kind, apiVersion)}; `
      + (templated !== undefined
        ? `its resource templates are judged as those of the ${templated} it is nearest to, and no rule reads its own fields as that kind's`
        : 'no rule checks it as the kind it was meant to be'),
    fix: near !== undefined && servedVersions(gv.group, near)!.length > 0
      ? `Write kind: ${near} (the kind of ${groupName(gv.group)} nearest to "${kind}"), or the apiVersion of the API group that serves ${kind}.`
      : `Write one of the kinds ${groupName(gv.group)} serves, or the apiVersion of the API group that serves ${kind}.`,
  }];
}

/**
 * Objects of the API groups the rules read are of a kind and version their API server serves.
 * Not a security control as such: an object the API server cannot map is never created, and a
 * typo in its kind or apiVersion would otherwise leave it unchecked by every other rule.
 */
export const SERVED_KINDS = manifestRule(
  {
    id: RuleId.SERVED_KINDS,
    severity: Severity.LOW,
    title: 'Objects of the API groups the rules read are of a kind and version their API server serves',
    rationale:
      'kubectl apply maps each object\'s apiVersion and kind to a resource through the API server\'s discovery, kind and version '
      + 'matched exactly: an object of a kind or version the server does not serve fails ("no matches for kind") and never '
      + 'reaches the cluster, and so does every PipelineRun a TriggerTemplate of such a kind would create. The other rules read '
      + 'an object by its kind and group, so a typo (`kind: Pipelin`, `apiVersion: tekton.dev/v1` on a TriggerTemplate) would '
      + 'otherwise leave it unchecked by all of them, with nothing but a notice to say so. Not a security control: an object '
      + 'reported here does not run at all.',
    fix: 'Write the apiVersion and kind the API server serves for the object (the finding names them).',
    decidesFrom:
      'The `apiVersion` (its API group and version, as kubectl parses it: `v1` is the core group) and the `kind` of every object '
      + 'whose group is one the rules read: `tekton.dev` (Tekton Pipelines v1.15\'s CRDs: CustomRun v1beta1; Pipeline, PipelineRun, '
      + 'Task and TaskRun v1 and v1beta1; StepAction v1beta1 and v1alpha1; VerificationPolicy v1alpha1), `resolution.tekton.dev` '
      + '(ResolutionRequest v1beta1 and v1alpha1), `triggers.tekton.dev` (Tekton Triggers v0.37: ClusterInterceptor and '
      + 'Interceptor v1alpha1; ClusterTriggerBinding, EventListener, Trigger, TriggerBinding and TriggerTemplate v1beta1 and '
      + 'v1alpha1), `operator.tekton.dev` (the Tekton operator v0.81\'s fourteen kinds, v1alpha1: TektonConfig, TektonPipeline, '
      + 'TektonChain, TektonTrigger, …), `secrets-store.csi.x-k8s.io` (the Secrets Store CSI driver v1.6: SecretProviderClass '
      + 'and SecretProviderClassPodStatus v1 and v1alpha1), `pipelinesascode.tekton.dev` (Pipelines-as-Code v0.43: Repository '
      + 'v1alpha1), `custom.tekton.dev` (kubeflow kfp-tekton v2.0.5\'s custom tasks: BreakTask, ExitHandler, KfpTask and PipelineLoop '
      + 'v1alpha1; other projects define custom tasks in this group too, so a kind it does not list is a finding only when it is near '
      + 'one it lists, as below: `PipelineLop`), and Kubernetes\' core group, `apps`, `batch`, '
      + '`rbac.authorization.k8s.io`, `networking.k8s.io`, `admissionregistration.k8s.io` and `extensions` (the kinds any '
      + 'release from 1.28 to 1.35 serves, alpha versions included, as the create operations of their OpenAPI documents list '
      + 'them; `extensions` serves nothing since 1.22). A kind that group serves at other versions is a finding on `apiVersion`, '
      + 'naming the versions; a kind it does not serve but another of these groups does (`tekton.dev/v1` TriggerTemplate, '
      + '`extensions/v1beta1` Deployment, `v1` Task) is a finding on `apiVersion`, naming the group that serves it; any other '
      + 'kind is a finding on `kind`, naming the nearest kind of the group (the same name in another case, else one at most a '
      + 'third of its length in edits away), but for a kind of `tekton.dev` that Tekton Pipelines removed (PipelineResource, '
      + 'Condition, the v1alpha1 Run, ClusterTask), whose finding says so and whose fix names what replaces it (params and '
      + 'workspaces, a `when` expression, a v1beta1 CustomRun, a Task the cluster resolver fetches), also written in another group '
      + 'these groups hold (`triggers.tekton.dev/v1beta1` ClusterTask: no group serves it) or in another case (`clustertask`: kinds '
      + 'are case-sensitive, kubectl and the API server find no kind spelled so). An object of a kind these groups serve written without an apiVersion (absent or null: '
      + 'kubectl\'s validation stops it with "apiVersion not set"; empty: kubectl looks the kind up in the core group, so only a '
      + 'kind the core group does not serve fails) is a finding on `kind` naming the apiVersion to write; the rules that read '
      + 'its kind alone still judge it. An apiVersion whose group is none of these but at most two edits (case aside) from '
      + 'one that serves the kind (`tekton.dv/v1` Task) is a finding too. The objects of a TriggerTemplate\'s `resourcetemplates` '
      + 'are judged as objects of their own; those of a TriggerTemplate, Trigger or EventListener written with `tekton.dev` '
      + 'instead of `triggers.tekton.dev`, or of a kind misspelled in either group (`kind: TriggerTemplat`, the one of the three '
      + 'its kind is nearest to, as above), are read all the same, so the rules judge the runs it would create once its '
      + 'apiVersion or kind is fixed; the finding says so.',
    limits:
      'What a cluster serves beyond these releases is not known: a newer version of a CRD (a Triggers `v1`), a kind an operator '
      + 'or CRD adds to one of these groups, or an older Tekton that served other versions; relax the finding for such a '
      + 'cluster. An alpha version of Kubernetes is taken as served (the API server serves it only when its runtime-config enables '
      + 'it). A kind without an apiVersion that none of these groups serves (a kustomization.yaml\'s `kind: Kustomization`) is '
      + 'not judged; an apiVersion kubectl cannot parse (two `/`) is the reader\'s to refuse, and an '
      + 'object with `items` is a list kubectl applies item by item (the audit reads each item). Kinds other projects define in '
      + '`custom.tekton.dev` (tektoncd/experimental\'s TaskLoop, …) are not judged, nor any other group (any other CRD), nor '
      + 'whether a CRD of these groups is installed at all. An object whose kind or group is misspelled is read as the kind it is '
      + 'nearest to only for its resource templates (a Triggers kind); the rules that read its own fields judge it once its kind '
      + 'is fixed. A resource template without an apiVersion is reported as an object of its own with kubectl\'s refusal '
      + '(Triggers\' webhook refuses its TriggerTemplate: `missing field(s): spec.resourcetemplates[0].apiVersion`).',
    howToRelax:
      "Findings are about the whole object: `{ rule: RuleId.SERVED_KINDS, reason: '<why>' }` without a target, given to "
      + '`Relaxations.of(construct).add(...)` of the ApiObject written with that kind (the library\'s own constructs write only '
      + `kinds and versions these releases serve). In YAML for the audit: ${relaxAnnotation(RuleId.SERVED_KINDS, '*: <why>')} on `
      + 'the object, e.g. for a cluster whose CRD serves that version.',
    relaxable: true,
    appliesTo: (m: any) => {
      // an object with `items` is a list to kubectl, which applies each item (the audit reads the items; synth refuses it, VALID_SPEC)
      if (m !== null && typeof m === 'object' && Object.prototype.hasOwnProperty.call(m, 'items')) return false;
      const kind = m?.kind;
      if (typeof kind !== 'string' || kind === '') return false;
      if (unset(m.apiVersion)) return groupsServing(kind).length > 0 && !(m.apiVersion === '' && groupsServing(kind).includes(''));
      const gv = groupVersion(m.apiVersion);
      return gv !== undefined && (servedVersions(gv.group, kind) !== undefined || nearestGroup(gv.group, kind) !== undefined);
    },
  },
  unserved,
);
