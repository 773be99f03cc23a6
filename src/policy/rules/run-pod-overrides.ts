import { PIPELINE_POD_LABELS, SECURE_PIPELINE_LABEL } from '../../private/annotations';
import { LabelLookup, UNKNOWN_LABEL } from '../../private/calico-selectors';
import { isClusterNetworkPolicy, podEgressAllowances } from '../../private/cluster-network-policies';
import { asArray, isObject } from '../../private/containers';
import { executingEnv } from '../../private/executing-env';
import { isEventListener, LISTENER_TEMPLATE, listenerPod } from '../../private/listener-pods';
import { locallyReferenced, manifestsOfKind } from '../../private/manifest-index';
import { manifestNamespace, sameNamespace } from '../../private/namespaces';
import { isNetworkPolicy, isolatesEgress, policyId, selectsLookup } from '../../private/network-policies';
import { substitutedStrings } from '../../private/pod-template-params';
import {
  affinityAssistantTemplateOf, appliedConfigDefaults, CONFIG_DEFAULTS_OBJECT_TEXT, configDefaultsEnv, configDefaultsKeyObject,
  configDefaultsKeyReaches, DEFAULT_AA_POD_TEMPLATE_KEY, DEFAULT_AA_POD_TEMPLATE_TEXT, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_POD_TEMPLATE_TEXT,
  inConfigDefaultsReading, isConfigDefaultsNamed, podTemplatesOf, PodTemplateView, writesConfigDefaults,
} from '../../private/pods';
import { podTemplateVolumesOf, taskSpecContainers, templateCredentials } from '../../private/run-volumes';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { PARAM_SUBSTITUTION_PATTERN, untrustedSubstitutions } from '../../private/substitutions';
import { jsString, quoted } from '../../private/text';
import { Severity } from '../rule';
import { followingLoops, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Node labels and taints that mark the control plane. */
const CONTROL_PLANE = new Set(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']);

/** Priority classes of the cluster's own components. */
const SYSTEM_PRIORITY = new Set(['system-node-critical', 'system-cluster-critical']);

/**
 * The node-affinity keys a pod template's affinity selects on: an expression with the operator
 * `DoesNotExist` keeps the pods off the nodes that have the key, so it selects none.
 */
function affinityKeys(affinity: any): string[] {
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const preferred = asArray(affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).map((p) => p?.preference);
  const expressions = [...asArray(required), ...preferred].flatMap((term) => [...asArray(term?.matchExpressions), ...asArray(term?.matchFields)]);
  return expressions.filter((e) => e?.operator !== 'DoesNotExist').map((e) => jsString(e?.key));
}

/**
 * A run's pod templates change nothing about what its steps run or where:
 * no `env` for every step (LD_PRELOAD, BASH_ENV, NODE_OPTIONS … would
 * reach trusted tasks too), no `hostAliases` or replaced DNS servers (redirected
 * registries and git hosts; added DNS search domains too), no scheduling onto control-plane nodes (node
 * selectors, affinity, tolerations of their taints or of every taint) and no
 * system priority class.
 */
export const RUN_POD_OVERRIDES = followingLoops(
  {
    id: RuleId.RUN_POD_OVERRIDES,
    severity: Severity.MEDIUM,
    title: 'Run pod templates change neither what steps run nor where they run, and runs set none of the labels Tekton gives their pods nor labels by which another policy gives them egress',
    rationale:
      'Whoever creates a run writes its pod templates: env for every step injects code into trusted tasks, host aliases '
      + 'and DNS servers redirect registries and git hosts, and control-plane nodes hold the cluster\'s keys.',
    fix: 'Remove env, hostAliases, dnsConfig (and dnsPolicy None), control-plane node selectors, affinity and tolerations, and system priority classes from the pod templates.',
    decidesFrom:
      "Every pod template of a run (a TaskRun's `podTemplate`; a PipelineRun's run-wide `taskRunTemplate.podTemplate`, v1, "
      + 'or `podTemplate`, v1beta1, and its per-task `taskRunSpecs[].podTemplate` or v1beta1 `taskPodTemplate`): any `env` '
      + 'entry; non-empty `hostAliases`; `dnsPolicy: None`; non-empty `dnsConfig.nameservers` or `dnsConfig.searches` (the kubelet appends '
      + 'these domains to the pod\'s search list, under which a name of fewer dots than ndots (5 under the cluster\'s DNS; the node\'s own with `dnsPolicy: Default` or `hostNetwork`) is looked up before as written; but not the domains '
      + 'the cluster\'s DNS gives the pod itself, `<namespace>.svc.cluster.local` of the run\'s `metadata.namespace` (a run without one: the namespace it is created in '
      + 'is not known, so that domain is reported), `svc.cluster.local` and `cluster.local`, '
      + 'a trailing dot or not, which the kubelet lists first and does not repeat (pkg/kubelet/network/dns), where the pod\'s `dnsPolicy` is '
      + '`ClusterFirst` (or unset) without `hostNetwork`, or `ClusterFirstWithHostNet`: its template\'s, else the run-wide template\'s under a '
      + 'task\'s, else that of the `default-pod-template` of a config-defaults checked with the run, as Tekton merges them; the message quotes each '
      + 'other entry as written); `nodeSelector` keys and '
      + 'node-affinity expression keys (required or preferred) `node-role.kubernetes.io/control-plane` or '
      + '`node-role.kubernetes.io/master` (but with the operator `DoesNotExist`, which keeps the pods off those nodes); tolerations of those keys, or with `operator: Exists` and no key (an empty or null '
      + 'one included, which Tekton decodes as none); and '
      + '`priorityClassName` `system-node-critical` or `system-cluster-critical`; and a param (`$(params.…)`, or a '
      + 'TriggerTemplate\'s `$(tt.params.…)`) in a string Tekton v1.15 substitutes the TaskRun\'s params into '
      + '(ApplyPodTemplateReplacements), so that a caller could pick any of the above, or a Secret to mount: `nodeSelector` keys '
      + 'and values; the `key`, `value`, `operator` and `effect` of `tolerations`; node-affinity expression keys and values; '
      + 'the label and namespace selectors (`matchLabels` keys and values, expression keys and values), `topologyKey` and '
      + '`namespaces` of pod affinity and anti-affinity terms; the `securityContext`\'s `seLinuxOptions`, `windowsOptions`, '
      + '`supplementalGroupsPolicy`, `sysctls` names and values, `fsGroupChangePolicy`, `seccompProfile`, `appArmorProfile` '
      + 'and `seLinuxChangePolicy`; `runtimeClassName`, `schedulerName` and `priorityClassName`; `imagePullSecrets` names; '
      + '`hostAliases`; the `topologyKey` and `labelSelector` of `topologySpreadConstraints`; `dnsPolicy` and `dnsConfig`; '
      + 'volumes\' `name`, `configMap` and `secret` names and item keys and paths, `persistentVolumeClaim.claimName`, '
      + 'projected `configMap` and `secret` names and `serviceAccountToken.audience`, CSI `nodePublishSecretRef.name` and '
      + '`volumeAttributes` values; and `env` names, values and `valueFrom` references. Elsewhere in a pod template Tekton '
      + 'leaves `$(params.…)` as it is written. An `env` entry of a name the `default-forbidden-env` of a config-defaults checked with it '
      + 'lists (split at commas, trimmed; beside a Tekton operator, a name every reading of config-defaults lists) is no finding: Tekton drops '
      + 'it from the pod template (pod.go). A volume of a run\'s pod template that holds credentials (a Secret, a projected Secret, a CSI '
      + 'volume; not the Secrets Store driver\'s `mock_provider`; a projected ServiceAccount token is RUN_TOKEN_AUTOMOUNT\'s) that a step or '
      + 'sidecar of a task of the run mounts (its embedded spec, or the Task a local `taskRef` names, of a PipelineRun\'s `pipelineSpec` or '
      + 'the Pipeline its local `pipelineRef` names; a per-task template for its task), and the task does not define: Tekton adds the template\'s '
      + 'volumes to the pod after the task\'s, so whoever writes the run chooses a credential the task holds; one finding per volume of a template, '
      + 'naming each task that mounts it. Tekton merges the templates by volume name, the upper one\'s kept (MergePodTemplateWithDefault: a '
      + '`taskRunSpecs` template\'s over the run-wide one\'s for its task, the run\'s over `default-pod-template`\'s), so a volume another of that name '
      + 'replaces is none. Such a volume of the `default-pod-template` of a config-defaults is a finding on the ConfigMap where a task spec checked '
      + 'with it mounts it (a Task\'s, a TaskRun\'s or a pipeline task\'s embedded spec; but a TaskRun\'s own whose pod template gives a volume '
      + 'of that name): Tekton gives it to every TaskRun.' + DEFAULT_POD_TEMPLATE_TEXT + DEFAULT_AA_POD_TEMPLATE_TEXT + ' Its '
      + '`nodeSelector`, `tolerations` and `priorityClassName` are judged as above (where the assistant runs, the pods of the '
      + 'tasks must run too); Tekton substitutes no params into it, so a `$(params.…)` there is no finding. Labels: a key under '
      + '`tekton.dev/` or ' + `\`${SECURE_PIPELINE_LABEL}\`` + ' in a PipelineRun\'s `taskRunSpecs[].metadata.labels` (it wins over the labels Tekton gives the task\'s TaskRun '
      + `and pod), and ${PIPELINE_POD_LABELS.map((l) => `\`${l}\``).join(', ')} in the `
      + '`metadata.labels` of a TaskRun no PipelineRun owns (its pod gets them) or of a Task (copied onto its TaskRuns that lack '
      + "them): the pipeline's NetworkPolicies select a task's pods by these labels. " + `\`${SECURE_PIPELINE_LABEL}\`` + ' is the label a SecurePipeline '
      + 'writes on its Pipeline, its own name, which Tekton copies onto each PipelineRun of it (the run\'s own label winning) and from there '
      + 'onto every TaskRun and pod (tektoncd/pipeline v1.15 storePipelineSpecAndMergeMeta, createChildResourceLabels, combineTaskRunAndTaskSpecLabels): '
      + "it is a finding in a Pipeline's `metadata.labels` with a value other than the Pipeline's `metadata.name` (a Pipeline's name is unique "
      + "in its namespace, so only the pipeline's own Pipeline gives it), in a PipelineRun's `metadata.labels` unless it is the "
      + '`pipelineRef.name` of a run of a Pipeline by name (no resolver: the value Tekton copies anyway), and in the `taskSpec.metadata.labels` '
      + 'a pipeline task of a Pipeline or of a PipelineRun\'s `pipelineSpec` embeds (at any depth of embedded `pipelineSpec`; Tekton copies '
      + 'them onto the TaskRun where the PipelineRun lacks the label, as a run embedding its pipelineSpec does). Other labels a run chooses for its pods (a '
      + "PipelineRun's `metadata.labels`, which Tekton copies onto each TaskRun and pod, its `taskRunSpecs[].metadata.labels` for one "
      + "task's, a TaskRun's own `metadata.labels`), when a policy checked with the run allows egress to the pods it selects and selects "
      + 'the run\'s pods with those labels but not without them: a NetworkPolicy in the run\'s namespace (or without one) that isolates '
      + 'egress, by its `podSelector`; a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy with an egress rule that names a peer '
      + 'or ports, by its `endpointSelector`; a Calico NetworkPolicy or GlobalNetworkPolicy (projectcalico.org, crd.projectcalico.org) '
      + 'with an egress `Allow` (or a `Pass` in the default tier), by its `selector` (a Calico expression not read exactly counts as '
      + 'selecting); an AdminNetworkPolicy (or Admin tier ClusterNetworkPolicy) with an egress `Allow` (`Accept`), by its `subject`. '
      + 'A label value with a `$(…)` (a TriggerTemplate\'s `$(tt.params.x)`) may be any value. Policies are additive, so whoever '
      + 'writes the run gives its tasks that egress.' + CONFIG_DEFAULTS_OBJECT_TEXT
      + ' A Shipwright Build\'s or BuildRun\'s `nodeSelector` and `tolerations` (`shipwright.io` v1beta1, a '
      + 'BuildRun\'s embedded Build spec\'s too), which its controller writes into the pod template of the TaskRun it creates '
      + '(shipwright-io/build v0.20.13, resource_builders.go), are judged so where written; a toleration without a key is refused by '
      + 'Shipwright\'s validation (validate/tolerations.go) and never reaches a pod; v1alpha1 has neither field, which the API server prunes. A Build\'s or BuildRun\'s `spec.env` (and an '
      + 'embedded Build spec\'s) reaches every step of the strategy it runs, as a run pod template\'s env reaches every task (Shipwright '
      + 'appends it to each step: executor_generator.go, resource_builders.go `applyBuildStrategySteps`): a variable a program runs as code or '
      + 'loads code or configuration by (`LD_PRELOAD`, `BASH_ENV`, `NODE_OPTIONS`, `PATH`, `GIT_SSH_COMMAND`, proxies and CA bundles, … as '
      + 'ARGUMENT_INJECTION reads them) is a finding whatever its value: the Build\'s author runs code in the strategy\'s steps, those that '
      + 'push with its credentials or run with its privileges too. A Tekton Triggers EventListener\'s (`triggers.tekton.dev`) `nodeSelector`, '
      + '`affinity` and `tolerations` of `' + LISTENER_TEMPLATE + '.spec`, which its controller gives the listener\'s pod (deployment.go '
      + '`MakeDeployment`; an empty one none), and those of the `spec.template.spec` of its `spec.resources.customResource` (a Knative Service '
      + 'the controller makes instead, custom.go `MakeCustomObject`, read as Go\'s encoding/json decodes it, keys of any case), are judged as a run pod '
      + 'template\'s where written (Triggers\' webhook admits none of the other fields judged here: podSpecMask, and an env entry only from a Secret).',
    limits:
      'Only these fields are judged: `dnsConfig.options` (whose `ndots` sends more names through the search list, the node\'s and '
      + 'the cluster\'s domains alone where no search domain is added), `runtimeClassName`, `schedulerName` and `imagePullSecrets` are accepted. '
      + 'The cluster\'s own search domains are known under the cluster domain Kubernetes uses by default, `cluster.local`: in a cluster of '
      + 'another domain, a run\'s `cluster.local` is an added domain not reported. Control-plane nodes are known '
      + 'by those two label keys only: one chosen by `kubernetes.io/hostname` or a custom label, or tolerated through another '
      + 'taint key, is not recognised. The Affinity Assistant\'s template is judged whether or not the assistant is on '
      + '(feature-flags `coschedule`), and its `serviceAccountName` and `imagePullSecrets` are accepted. Only the runs '
      + 'checked are judged: runs that `tkn` or other tools create later are not seen '
      + '(the runs a TriggerTemplate, or a Trigger\'s or an EventListener\'s inline template, creates are checked as written, '
      + 'their `$(tt.params.x)` as what an event chooses). A TaskRun whose `ownerReferences` name a PipelineRun is taken as one '
      + 'the PipelineRun controller made, and its labels are not judged (the admission policies check who creates it). A run\'s '
      + 'labels are judged against the policies checked with it only: a policy applied later, or one selecting the pods by labels '
      + 'the Pipeline or Task gives them, is not (the library refuses the latter at synth for its pipelines). A BaselineAdminNetworkPolicy '
      + '(Baseline tier) is not counted: it applies only to pods no NetworkPolicy isolates. The admission policies do not judge run '
      + 'labels against other policies: a ValidatingAdmissionPolicy sees the run alone, not the policies of the namespace; nor a pod template\'s '
      + 'credential volume a task mounts, whose steps are the Task\'s or Pipeline\'s. A Pipeline or Task a resolver '
      + 'fetches is never seen by the audit: its labels reach the run\'s pods (a fetched Pipeline\'s ' + `\`${SECURE_PIPELINE_LABEL}\`` + ' whatever its name, '
      + "so a Pipeline of the same name in another namespace, fetched by the cluster resolver, would give its runs' pods the label of this namespace's "
      + 'pipeline of that name). The admission policies refuse them: Tekton v1.15 dry-run creates each fetched Pipeline and Task in the run\'s '
      + 'namespace, as its controller and under a random name, before it uses it (pkg/reconciler/apiserver DryRunValidate), so a fetched Pipeline\'s '
      + 'label is never its name there, and the run fails before any TaskRun exists. A pipeline task that runs a pipeline (`pipelineRef` or '
      + '`pipelineSpec`, alpha) gets a PipelineRun Tekton creates with every label of the parent run (v1.15 createChildPipelineRun), '
      + `\`${SECURE_PIPELINE_LABEL}\`` + ' included, so its tasks take the egress of the parent pipeline\'s tasks of their names: it is a finding in a '
      + 'Pipeline that carries the label, and the admission policies refuse such a child PipelineRun (a run by name that sets the label its '
      + 'Pipeline lacks is not seen here). A relaxation record relaxes the findings of these labels here '
      + `(\`${SECURE_PIPELINE_LABEL}\`` + ', and the `tekton.dev/` ones of taskRunSpecs, Tasks and TaskRuns), but the admission policies honour none for '
      + "them: whoever writes the object (or publishes what a resolver fetches) writes the record too, and would give its pods a pipeline's egress, or "
      + "another task's.",
    howToRelax:
      "`{ rule: RuleId.RUN_POD_OVERRIDES, reason: '<why>' }` without a target for the run-wide pod template, with `target: "
      + "RelaxationTarget.task('<pipeline task>')` for a per-task one, given to the SecurePipelineRun's `relaxations` or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: ' + relaxAnnotation(RuleId.RUN_POD_OVERRIDES, '*: <why>')
      + ' or `"task/<name>: <why>"` on the run; `"*: <why>"` on the config-defaults ConfigMap for its `default-pod-template`.',
    relaxable: true,
    appliesTo: (m) => m?.kind === 'PipelineRun' || m?.kind === 'TaskRun' || m?.kind === 'Task' || m?.kind === 'Pipeline' || writesConfigDefaults(m) || isConfigDefaultsNamed(m)
      || isShipwrightBuild(m) || isEventListener(m),
  },
  (manifest, context) => {
    if (isShipwrightBuild(manifest)) return shipwrightPodProblems(manifest);
    if (isEventListener(manifest)) return listenerPlacement(manifest, context?.manifests);
    // a config-defaults ConfigMap beside a Tekton operator's object: each template as the operator's apply leaves it (none
    // where the operator writes its own over it, else in the reading that keeps it, named)
    const reach = (key: string) => configDefaultsKeyReaches(manifest, context?.manifests, key);
    const forbidden = context === undefined ? NONE_FORBIDDEN : configDefaultsEnv(context.manifests).forbidden;
    const said = (problems: Problem[], key: string) => {
      const r = reach(key);
      return r.reaches ? problems.map((p) => ({ ...p, problem: inConfigDefaultsReading(p.problem, r) })) : [];
    };
    const views = podTemplatesOf(manifest, context?.manifests);
    const dns = podDnsBase(manifest, views, context?.manifests);
    const problems = [
      ...said(views.flatMap((pod) => overrides(pod, true, forbidden, dns(pod))), DEFAULT_POD_TEMPLATE_KEY),
      ...tektonLabels(manifest),
      ...labelEgress(manifest, context?.manifests ?? []),
      ...said(templateMounts(manifest, views, context?.manifests), DEFAULT_POD_TEMPLATE_KEY),
    ];
    // the Affinity Assistant's template: Tekton substitutes no params into it (affinity_assistant.go)
    const assistant = affinityAssistantTemplateOf(manifest, context?.manifests);
    if (assistant === undefined) return problems;
    return problems.concat(said(overrides(assistant, false).map((p) => ({ ...p, problem: p.problem + ASSISTANT })), DEFAULT_AA_POD_TEMPLATE_KEY));
  },
);

/**
 * The task specs a run's pod templates reach: its own (`''`) for a TaskRun; a PipelineRun's pipeline tasks, of its pipelineSpec or the
 * Pipeline its local pipelineRef names.
 */
function runTaskSpecs(manifest: any, manifests: readonly any[] | undefined): Array<{ owner: any; specTarget: string; holder: any; task?: string }> {
  if (manifest?.kind === 'TaskRun') return [{ owner: manifest, specTarget: '', holder: manifest.spec }];
  if (manifest?.kind !== 'PipelineRun') return [];
  const owners = isObject(manifest.spec?.pipelineSpec) ? [{ owner: manifest, spec: manifest.spec.pipelineSpec }]
    : locallyReferenced(manifests ?? [], manifest.spec?.pipelineRef, 'Pipeline', manifest).map((p) => ({ owner: p, spec: p.spec }));
  return owners.flatMap(({ owner, spec }) => [...asArray(spec?.tasks), ...asArray(spec?.finally)].filter(isObject)
    .map((t) => ({ owner, specTarget: `task/${jsString(t.name)}/`, holder: t, task: jsString(t.name) })));
}

/** A task spec checked together, with how a message names it and the object and spec target it is read from. */
interface CheckedTaskSpec {
  readonly owner: any;
  readonly specTarget: string;
  readonly holder: any;
  readonly said: string;
}

/**
 * The task specs the `default-pod-template` of a config-defaults reaches among the objects checked with it: every Task's, a TaskRun's
 * embedded one, and each pipeline task's embedded spec of a Pipeline or a PipelineRun's `pipelineSpec` (a `taskRef` is read where its
 * Task is, once).
 */
function checkedTaskSpecs(manifests: readonly any[]): CheckedTaskSpec[] {
  const out: CheckedTaskSpec[] = [];
  for (const m of manifests) {
    const name = jsString(m?.metadata?.name ?? m?.metadata?.generateName ?? '');
    if (m?.kind === 'Task' || (m?.kind === 'TaskRun' && isObject(m.spec?.taskSpec))) {
      out.push({ owner: m, specTarget: '', holder: m.kind === 'Task' ? { taskSpec: m.spec } : m.spec, said: `${m.kind} '${name}'` });
    }
    const pipeline = m?.kind === 'Pipeline' ? m.spec : m?.kind === 'PipelineRun' ? m.spec?.pipelineSpec : undefined;
    for (const t of [...asArray(pipeline?.tasks), ...asArray(pipeline?.finally)]) {
      if (!isObject(t) || !isObject(t.taskSpec)) continue;
      out.push({ owner: m, specTarget: `task/${jsString(t.name)}/`, holder: t, said: `task '${jsString(t.name)}' of ${m.kind} '${name}'` });
    }
  }
  return out;
}

/**
 * The volumes of a run's own pod templates (`views`) that hold credentials (a Secret, a projected Secret, a CSI volume: run-volumes'
 * templateCredentials) and that a step or sidecar of a task of the run mounts: whoever writes the run chooses the credential the task
 * holds; of a config-defaults' `default-pod-template`, those a task spec checked with it mounts: Tekton merges it into every run's.
 * One finding per volume of a template, naming each task that mounts it. A projected ServiceAccount token is RUN_TOKEN_AUTOMOUNT's.
 */
function templateMounts(manifest: any, views: readonly PodTemplateView[], manifests: readonly any[] | undefined): Problem[] {
  if (!views.some((v) => asArray(v.template?.volumes).length > 0)) return [];
  const defaults = manifest?.kind !== 'TaskRun' && manifest?.kind !== 'PipelineRun';
  const specs: CheckedTaskSpec[] = defaults ? checkedTaskSpecs(manifests ?? [])
    : runTaskSpecs(manifest, manifests).map((s) => ({ ...s, said: s.task === undefined ? 'the task' : `task '${s.task}'` }));
  // by template and volume, the tasks that mount it
  const found = new Map<any, { pod: PodTemplateView; said: string; name: string; tasks: Array<{ task: string; by: string }> }>();
  const own = new Set(views.flatMap((v) => asArray(v.template?.volumes)));
  for (const { owner, specTarget, holder, said } of specs) {
    const containers = taskSpecContainers(owner, specTarget, holder, manifests);
    // the volumes of these templates that reach the spec (not those a run's upper template replaces)
    const reaching = podTemplateVolumesOf(defaults ? owner : manifest, specTarget, manifests).filter((t) => own.has(t.volume));
    for (const c of templateCredentials(containers, reaching)) {
      const pod = views.find((v) => asArray(v.template?.volumes).includes(c.template.volume));
      if (pod === undefined || c.said.startsWith('a ServiceAccount token')) continue;
      let entry = found.get(c.template.volume);
      if (entry === undefined) found.set(c.template.volume, entry = { pod, said: c.said, name: c.name, tasks: [] });
      entry.tasks.push({ task: said, by: c.by });
    }
  }
  return [...found.values()].map(({ pod, said, name, tasks }): Problem => {
    const one = tasks.length === 1;
    const given = one ? `${tasks[0].task} ${said}, which its ${tasks[0].by}`
      : `${said} to ${tasks.slice(0, -1).map((t) => t.task).join(', ')} and ${tasks[tasks.length - 1].task}, which each mounts (${tasks.map((t) => `${t.task}: ${t.by}`).join('; ')})`;
    const holds = one ? 'the task holds, which its Task or Pipeline does not give it' : 'the tasks hold, which their Task or Pipeline does not give them';
    return {
      ...(pod.perTask ? { location: pod.location, target: pod.target } : {}),
      property: `${pod.path}.volumes`,
      value: name,
      problem: defaults
        ? `gives ${given}: Tekton merges the default pod template into every run's (a volume of that name a run's pod template gives replaces it), `
          + `so every TaskRun of ${one ? 'the task holds a credential its Task or Pipeline does not give it' : 'these tasks holds a credential their Task or Pipeline does not give them'}`
        : `gives ${given}: whoever writes the run chooses a credential ${holds}`,
      fix: defaults
        ? 'Remove the volume from the default pod template: give the credential in the Task or Pipeline (a volume of the task, or a workspace bound '
          + 'to the Secret) to a task trusted to run no user code.'
        : 'Remove the volume from the pod template: give the credential in the Task or Pipeline (a volume of the task, or a workspace bound to '
          + 'the Secret) to a task trusted to run no user code.',
    };
  });
}

const SHIPWRIGHT_FIX = 'Remove the control-plane node selector and toleration from the Build or BuildRun.';

/**
 * A Shipwright Build's or BuildRun's env vars (`spec.env`, a BuildRun's embedded Build spec's too) that a program runs as code,
 * or loads code or configuration by (executing-env.ts): Shipwright appends them to every step of the strategy (v0.20.13
 * executor_generator.go `mergeEnvironmentVariables`, resource_builders.go `applyBuildStrategySteps`), as a run pod template's
 * env reaches every container, whatever its value.
 */
function shipwrightEnvProblems(places: ReadonlyArray<{ readonly spec: any; readonly path: string }>): Problem[] {
  return places.flatMap(({ spec, path }) => asArray(spec?.env).flatMap((e): Problem[] => {
    const name = typeof e?.name === 'string' ? e.name : undefined;
    const what = name === undefined ? undefined : executingEnv(name);
    if (name === undefined || what === undefined) return [];
    const value = e.valueFrom !== undefined && e.valueFrom !== null ? 'valueFrom' : jsString(e.value ?? '');
    return [{
      property: `${path === 'spec' ? '' : `${path}.`}env[${name}]`,
      value,
      problem: `reaches every step of the build strategy (Shipwright appends a Build's and a BuildRun's env to each), and is what ${what}: `
        + "the Build's author runs code in the strategy's steps, those that push with its credentials or run with its privileges too",
      fix: `Remove ${name} from the env of the Build or BuildRun (set it on the strategy's step that needs it), or relax RUN_POD_OVERRIDES where `
        + "the strategy's steps hold nothing the Build's author may not use.",
    }];
  }));
}

/**
 * A Shipwright Build's or BuildRun's `nodeSelector` and `tolerations` (a BuildRun's embedded Build spec's too), which
 * its controller writes into the TaskRun's pod template (shipwright-io/build v0.20.13, resource_builders.go
 * `applyNodeSelectors`, `applyTolerations`), judged where written. A toleration without a key is refused by
 * Shipwright's validation (validate/tolerations.go: the key must be a qualified name), so no run gets it; v1alpha1 has neither field
 * (the API server prunes them).
 */
function shipwrightPodProblems(manifest: any): Problem[] {
  const embedded = manifest.kind !== 'BuildRun' ? undefined
    : manifest.apiVersion === 'shipwright.io/v1alpha1' ? { spec: manifest.spec.buildSpec, path: 'buildSpec' } : { spec: manifest.spec.build?.spec, path: 'build.spec' };
  const places = [{ spec: manifest.spec, path: 'spec' }, ...(embedded !== undefined && embedded.spec && typeof embedded.spec === 'object' ? [embedded] : [])];
  // v1alpha1 has no nodeSelector or tolerations: the API server prunes them, so no pod gets them
  const alpha = manifest.apiVersion === 'shipwright.io/v1alpha1';
  return [...(alpha ? [] : places).flatMap(({ spec, path }) => {
    const tolerations = asArray(spec.tolerations).filter((t) => typeof t?.key === 'string' && t.key !== '');
    const template = { nodeSelector: spec.nodeSelector, tolerations };
    return overrides({ path, perTask: false, template }, false).map((p) => ({
      ...p,
      property: path === 'spec' ? p.property!.slice('spec.'.length) : p.property,
      fix: SHIPWRIGHT_FIX,
    }));
  }), ...shipwrightEnvProblems(places)];
}

/**
 * The placement an EventListener's kubernetesResource (or customResource) template gives the listener's pod (`nodeSelector`, `affinity`, `tolerations`:
 * Triggers' controller copies them into the Deployment, deployment.go `MakeDeployment`), judged as a run's pod template; the
 * webhook admits no other field of those RUN_POD_OVERRIDES reads (podSpecMask), and the container's env only from a Secret.
 */
function listenerPlacement(manifest: any, manifests: readonly any[] | undefined): Problem[] {
  const pod = listenerPod(manifest, manifests);
  if (pod === undefined) return [];
  const template = { nodeSelector: pod.spec.nodeSelector, affinity: pod.spec.affinity, tolerations: pod.spec.tolerations };
  // the ServiceAccount the pod runs as (the template's, else the EventListener's; a customResource's own alone), else the namespace's default
  const sa = pod.spec.serviceAccountName;
  const account = typeof sa === 'string' && sa !== '' ? `ServiceAccount '${jsString(sa)}'` : "its namespace's default ServiceAccount";
  return overrides({ path: pod.prefix.replace(/\.$/, ''), perTask: false, template }, false).map((p) => ({
    ...p,
    problem: `${p.problem} (the listener's pod, which holds the token of ${account})`,
    fix: `Remove the control-plane node selector, affinity and toleration from the EventListener's ${pod.prefix.replace(/\.$/, '')}.`,
  }));
}

const SECURE_PIPELINE_FIX = `Remove the label: a SecurePipeline writes ${SECURE_PIPELINE_LABEL} on its Pipeline, with the Pipeline's name, and Tekton copies it onto the pods of its runs.`;

const REMOVE_LABEL = "Remove the label: Tekton sets it (a task's egress comes from PipelineTask.allowEgressTo, not from labels the run chooses).";

/**
 * Labels a run or Task sets where Tekton would set them: a PipelineRun's
 * `taskRunSpecs[].metadata.labels` take precedence over the labels Tekton gives the task's
 * TaskRun (combineTaskRunAndTaskSpecLabels, addMetadataByPrecedence), a TaskRun's labels go to
 * its pod (pod.go makeLabels), and a Task's labels to each of its TaskRuns that lacks them. The
 * pipeline's NetworkPolicies select a task's pods by `tekton.dev/pipeline` and
 * `tekton.dev/pipelineTask`: such a label gives a pod another task's (or pipeline's) egress.
 */
function tektonLabels(manifest: any): Problem[] {
  const labelsOf = (holder: any): Array<[string, string]> =>
    (isObject(holder?.labels) ? Object.entries(holder.labels).map(([k, v]) => [k, jsString(v)]) : []);
  if (manifest?.kind === 'Pipeline') return [...pipelineLabel(manifest), ...childPipelineRuns(manifest), ...embeddedTaskLabels(manifest.spec, '')];
  if (manifest?.kind === 'PipelineRun') {
    return [...runPipelineLabel(manifest), ...embeddedTaskLabels(manifest.spec?.pipelineSpec, ''), ...asArray(manifest.spec?.taskRunSpecs).flatMap((entry, i) => {
      const task = jsString(entry?.pipelineTaskName ?? '');
      return labelsOf(entry?.metadata).filter(([key]) => key.startsWith('tekton.dev/') || key === SECURE_PIPELINE_LABEL).map(([key, value]): Problem => ({
        location: `taskRunSpec '${task}'`,
        target: `task/${task}`,
        property: `taskRunSpecs[${i}].metadata.labels['${key}']`,
        value,
        problem: `sets a label ${key === SECURE_PIPELINE_LABEL ? 'Tekton copies from the Pipeline onto' : 'Tekton gives'} the task's TaskRun and pod, and wins over Tekton's: `
          + 'the NetworkPolicies that select pods by it (the egress of another pipeline task, or of another pipeline) would select this task\'s pods',
        fix: key === SECURE_PIPELINE_LABEL ? SECURE_PIPELINE_FIX : REMOVE_LABEL,
      }));
    })];
  }
  // a TaskRun the PipelineRun controller made carries these labels rightly (it owns the TaskRun)
  const owned = asArray(manifest?.metadata?.ownerReferences).some((o) => o?.kind === 'PipelineRun');
  if ((manifest?.kind !== 'TaskRun' && manifest?.kind !== 'Task') || owned) return [];
  return labelsOf(manifest.metadata).filter(([key]) => PIPELINE_POD_LABELS.includes(key)).map(([key, value]): Problem => ({
    property: `metadata.labels['${key}']`,
    value,
    problem: `${manifest.kind === 'Task' ? 'is copied onto every TaskRun of the Task that lacks it, and from there onto its pod' : 'is copied onto the TaskRun\'s pod'}: `
      + 'Tekton gives it only to the TaskRuns of a PipelineRun, and the NetworkPolicies that select that pipeline task\'s pods (its egress) would select this one',
    fix: REMOVE_LABEL,
  }));
}

/**
 * A Pipeline's `secure-tekton/pipeline` label that is not its own name: Tekton copies a
 * Pipeline's labels onto each PipelineRun of it (under the run's own) and from there onto every
 * TaskRun and pod (storePipelineSpecAndMergeMeta, createChildResourceLabels), and a
 * SecurePipeline's NetworkPolicies select its pods by it. A Pipeline's name is unique in its
 * namespace, so only the pipeline's own Pipeline may give it.
 */
function pipelineLabel(manifest: any): Problem[] {
  const labels = manifest?.metadata?.labels;
  if (!isObject(labels) || !(SECURE_PIPELINE_LABEL in labels)) return [];
  const value = labels[SECURE_PIPELINE_LABEL] === null ? '' : jsString(labels[SECURE_PIPELINE_LABEL]);
  const name = manifest?.metadata?.name;
  if (typeof name === 'string' && name !== '' && value === name) return [];
  return [{
    property: `metadata.labels['${SECURE_PIPELINE_LABEL}']`,
    value,
    problem: `is not the Pipeline's own name (${typeof name === 'string' && name !== '' ? `'${name}'` : 'none: generateName'}): Tekton copies it onto the TaskRuns and pods `
      + "of the Pipeline's runs, and the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them",
    fix: `Remove the label${typeof name === 'string' && name !== '' ? `, or give it the Pipeline's name: ${SECURE_PIPELINE_LABEL}: ${name}` : ''}.`,
  }];
}

/**
 * The pipeline tasks of a Pipeline carrying `secure-tekton/pipeline` that run a pipeline (`pipelineRef` or
 * `pipelineSpec`, alpha): Tekton creates a child PipelineRun for each with every label of the run, that one
 * among them (tektoncd/pipeline v1.15 createChildPipelineRun, createChildResourceLabels: only
 * `tekton.dev/pipeline` is replaced), and from there its TaskRuns and pods, each with the child pipeline's
 * task name as `tekton.dev/pipelineTask`: the NetworkPolicies of this pipeline would give a task of the pipeline
 * it runs (a Pipeline a resolver fetches) the egress of this pipeline's task of that name.
 */
function childPipelineRuns(manifest: any): Problem[] {
  const labels = manifest?.metadata?.labels;
  if (!isObject(labels) || !(SECURE_PIPELINE_LABEL in labels)) return [];
  const value = labels[SECURE_PIPELINE_LABEL] === null ? '' : jsString(labels[SECURE_PIPELINE_LABEL]);
  return (['tasks', 'finally'] as const).flatMap((list) => asArray(manifest.spec?.[list]).flatMap((t, i): Problem[] => {
    const field = t?.pipelineRef !== undefined && t?.pipelineRef !== null ? 'pipelineRef' : t?.pipelineSpec !== undefined && t?.pipelineSpec !== null ? 'pipelineSpec' : undefined;
    if (field === undefined) return [];
    const name = jsString(t?.name ?? '');
    return [{
      location: `task '${name}'`,
      target: `task/${name}`,
      property: `${list}[${i}].${field}`,
      value: field === 'pipelineRef' ? jsString(t.pipelineRef?.name ?? t.pipelineRef?.resolver ?? '') : '',
      problem: `runs a pipeline, whose PipelineRun Tekton creates with the labels of this Pipeline's run, ${SECURE_PIPELINE_LABEL}: ${value} among them, `
        + `and copies them onto its TaskRuns and pods: the NetworkPolicies of pipeline '${value}' would give each task of the pipeline it runs the egress `
        + 'of the task of its name here',
      fix: `Run the tasks of that pipeline as tasks of this one (taskRef or taskSpec), or remove the ${SECURE_PIPELINE_LABEL} label from this Pipeline.`,
    }];
  }));
}

/**
 * A PipelineRun's own `secure-tekton/pipeline` label: it wins over the Pipeline's
 * (storePipelineSpecAndMergeMeta, kmap.Union) and reaches every TaskRun and pod of the run. The
 * value Tekton would copy anyway, that of a run of a Pipeline by name (`pipelineRef.name`, no
 * resolver; the Pipeline of that name carries no other), is accepted: Tekton writes it on the runs
 * it reconciles.
 */
function runPipelineLabel(manifest: any): Problem[] {
  const labels = manifest?.metadata?.labels;
  if (!isObject(labels) || !(SECURE_PIPELINE_LABEL in labels)) return [];
  const value = labels[SECURE_PIPELINE_LABEL] === null ? '' : jsString(labels[SECURE_PIPELINE_LABEL]);
  const ref = manifest?.spec?.pipelineRef;
  if (isObject(ref) && (ref.resolver === undefined || ref.resolver === null || ref.resolver === '') && typeof ref.name === 'string' && ref.name === value) return [];
  return [{
    property: `metadata.labels['${SECURE_PIPELINE_LABEL}']`,
    value,
    problem: "sets the label a SecurePipeline's NetworkPolicies select its pods by, which Tekton copies from the Pipeline onto the run's TaskRuns and pods, "
      + "the run's own winning: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this run's pods",
    fix: SECURE_PIPELINE_FIX,
  }];
}

/**
 * A `secure-tekton/pipeline` label in the `metadata` of a task spec a pipeline task embeds (in
 * `tasks` or `finally`, and in the pipelineSpec a pipeline task embeds, at any depth): Tekton
 * copies it onto the task's TaskRun and pod where the PipelineRun lacks it
 * (combineTaskRunAndTaskSpecLabels), as a run embedding its pipelineSpec does.
 */
function embeddedTaskLabels(spec: any, outer: string, seen = new Set<unknown>()): Problem[] {
  // a spec that holds itself (a JavaScript cycle, never YAML's) is read once
  if (!isObject(spec) || seen.has(spec)) return [];
  seen.add(spec);
  return (['tasks', 'finally'] as const).flatMap((list) => asArray(spec[list]).flatMap((t): Problem[] => {
    const name = jsString(t?.name ?? '');
    const location = `${outer}task '${name}'`;
    const labels = t?.taskSpec?.metadata?.labels;
    const own: Problem[] = isObject(labels) && SECURE_PIPELINE_LABEL in labels ? [{
      location,
      target: `task/${name}`,
      property: `taskSpec.metadata.labels['${SECURE_PIPELINE_LABEL}']`,
      value: labels[SECURE_PIPELINE_LABEL] === null ? '' : jsString(labels[SECURE_PIPELINE_LABEL]),
      problem: "is copied onto the task's TaskRun and pod where the PipelineRun does not carry the label (a run that embeds its pipelineSpec, or a run "
        + 'of a Pipeline without it): the NetworkPolicies of the pipeline it names (that pipeline\'s egress) would select this task\'s pods',
      fix: SECURE_PIPELINE_FIX,
    }] : [];
    return [...own, ...embeddedTaskLabels(t?.pipelineSpec, `${location} pipelineSpec `, seen)];
  }));
}

/** The labels a run sets on the pods of its tasks, other than Tekton's own keys, with where it sets them. */
interface RunLabels {
  readonly labels: ReadonlyArray<[string, string]>;
  readonly at: string;
  readonly location?: string;
  readonly target?: string;
}

/**
 * The labels a run chooses for its pods: a PipelineRun's `metadata.labels` (Tekton copies them
 * onto every TaskRun, and from there onto the pods: `createChildResourceLabels` in the
 * PipelineRun reconciler, `makeLabels` in pkg/pod/pod.go, tektoncd/pipeline v1.15), with each
 * `taskRunSpecs[]` entry's `metadata.labels` for its task's pods, and a TaskRun's own (no
 * PipelineRun owns it). Keys under `tekton.dev/` are judged as such (tektonLabels).
 */
function runLabels(manifest: any): RunLabels[] {
  const own = (holder: any): Array<[string, string]> => (isObject(holder?.labels)
    ? Object.entries(holder.labels).filter(([k]) => !k.startsWith('tekton.dev/')).map(([k, v]) => [k, v === null ? '' : jsString(v)]) : []);
  if (manifest?.kind === 'PipelineRun') {
    const wide = own(manifest.metadata);
    return [
      { labels: wide, at: 'metadata.labels' },
      ...asArray(manifest.spec?.taskRunSpecs).map((entry, i) => {
        const task = jsString(entry?.pipelineTaskName ?? '');
        return { labels: own(entry?.metadata), at: `taskRunSpecs[${i}].metadata.labels`, location: `taskRunSpec '${task}'`, target: `task/${task}` };
      }),
    ].filter((r) => r.labels.length > 0);
  }
  const owned = asArray(manifest?.metadata?.ownerReferences).some((o) => o?.kind === 'PipelineRun');
  return manifest?.kind === 'TaskRun' && !owned ? [{ labels: own(manifest.metadata), at: 'metadata.labels' }].filter((r) => r.labels.length > 0) : [];
}

/**
 * The NetworkPolicies and the policies of the network plugin checked with a run, in its namespace
 * (or without one), that select its pods by the labels the run chooses and allow them egress: with
 * the run's labels they may select the pods, without them they do not. Policies are additive
 * (and a Cilium rule, a Calico Allow, an AdminNetworkPolicy Allow add to the NetworkPolicies), so
 * whoever writes the run gives its tasks that egress.
 */
function labelEgress(manifest: any, manifests: readonly any[]): Problem[] {
  const sets = runLabels(manifest);
  if (sets.length === 0) return [];
  const namespace = manifestNamespace(manifest);
  const networkPolicies = manifestsOfKind(manifests, 'NetworkPolicy').filter((p) => isNetworkPolicy(p) && isolatesEgress(p)
    && asArray(p?.spec?.egress).length > 0 && sameNamespace(manifestNamespace(p), namespace));
  const others = manifests.filter(isClusterNetworkPolicy);
  if (networkPolicies.length === 0 && others.length === 0) return [];
  return sets.flatMap((set) => {
    const keys = new Set(set.labels.map(([k]) => k));
    const values = new Map(set.labels);
    // a value a TriggerTemplate's params fill in ($(tt.params.x)) is the event's to choose
    const withLabels: LabelLookup = (k) => (values.has(k) && !values.get(k)!.includes('$(') ? values.get(k)! : UNKNOWN_LABEL);
    const without: LabelLookup = (k) => (keys.has(k) ? null : UNKNOWN_LABEL);
    // the labels of the run a selector names, for the finding
    const named = (sel: unknown) => set.labels.filter(([k]) => JSON.stringify(sel ?? {}).includes(JSON.stringify(k).slice(1, -1)));
    const finding = (object: string, selects: string, field: string, sel: unknown, why: string): Problem => {
      const by = named(sel);
      const shown = by.length > 0 ? by : set.labels;
      return {
        ...(set.location === undefined ? {} : { location: set.location, target: set.target }),
        property: shown.length === 1 ? `${set.at}['${shown[0][0]}']` : set.at,
        value: shown.length === 1 ? shown[0][1] : shown.map(([k, v]) => `${k}: ${v}`).join(', '),
        problem: `makes ${object} select the run's pods (${selects}), which allows them egress (${field}): ${why}, so whoever writes the run gives its `
          + 'tasks what that policy allows, beyond the egress of their pipeline',
        fix: "Remove the label from the run (or give it a value that policy does not select), or narrow that policy's selector so that it leaves Tekton's pods "
          + 'out (matchExpressions: [{ key: tekton.dev/taskRun, operator: DoesNotExist }]).',
      };
    };
    const fromNetworkPolicies = networkPolicies
      .filter((p) => selectsLookup(p?.spec?.podSelector, withLabels) !== false && selectsLookup(p?.spec?.podSelector, without) === false)
      .map((p) => finding(policyId(p), `its podSelector ${JSON.stringify(p?.spec?.podSelector ?? {})}`, 'spec.egress[0]', p?.spec?.podSelector, 'NetworkPolicies are additive'));
    const before = new Set(podEgressAllowances(others, namespace, without).map((e) => `${e.object}\0${e.field}`));
    const fromOthers = podEgressAllowances(others, namespace, withLabels).filter((e) => !before.has(`${e.object}\0${e.field}`))
      .map((e) => finding(e.object, e.selects, e.field, e.selects, 'the network plugin adds what its policies allow to what NetworkPolicies allow'));
    return [...fromNetworkPolicies, ...fromOthers];
  });
}

const NONE_FORBIDDEN: ReadonlySet<string> = new Set();

/** Why added DNS search domains redirect (kubelet appendDNSConfig, then the resolver's ndots). */
const SEARCHES = 'adds DNS search domains: a host name of fewer dots than ndots (5 where the cluster\'s DNS serves the pod, so github.com; '
  + 'the node\'s own under its resolver, often 1) is looked up under each of them before as written, so whoever answers for one of those domains can answer for the registries and git hosts the steps reach';

/** Said of a finding in the Affinity Assistant's template. */
const ASSISTANT = " (the Affinity Assistant's pod, where the pods of each PipelineRun's tasks that share a workspace must follow it)";

/**
 * What a pod template's search list starts from besides its own fields: the namespace of its pods (a run's, when written), and
 * the templates Tekton merges under it (MergePodTemplateWithDefault, each field of the upper template kept where set): the
 * run-wide one under a task's, config-defaults' `default-pod-template` under both (of several readings, each).
 */
interface PodDnsBase {
  readonly namespace?: string;
  readonly runWide?: any;
  /** Read only for a template with search domains (rare). */
  readonly defaults: () => readonly any[];
}

const NO_DNS_BASE: PodDnsBase = { defaults: () => [] };

/** The PodDnsBase of each pod template of `manifest` (those of a run; a config-defaults' own template has none under it). */
function podDnsBase(manifest: any, views: readonly PodTemplateView[], manifests: readonly any[] | undefined): (pod: PodTemplateView) => PodDnsBase {
  const run = manifest?.kind === 'PipelineRun' || manifest?.kind === 'TaskRun';
  if (!run) return () => NO_DNS_BASE;
  const runWide = views.find((v) => !v.perTask)?.template;
  let read: readonly any[] | undefined;
  // config-defaults' default templates checked with the run
  const defaults = () => read ??= manifests === undefined ? [] : [...new Set(appliedConfigDefaults(manifests)
    .map((d) => configDefaultsKeyObject(d, DEFAULT_POD_TEMPLATE_KEY)))].flatMap((o) => podTemplatesOf(o, manifests).map((v) => v.template));
  const namespace = manifestNamespace(manifest);
  return (pod) => ({ namespace, runWide: pod.perTask ? runWide : undefined, defaults });
}

/** The cluster domain Kubernetes uses by default (the kubelet's `clusterDomain`). */
const CLUSTER_DOMAIN = 'cluster.local';

/**
 * The search domains the kubelet gives a pod of the cluster's DNS itself, before those of `dnsConfig.searches`
 * (pkg/kubelet/network/dns `generateSearchesForDNSClusterFirst`: `<namespace>.svc.<domain>`, `svc.<domain>`, `<domain>`;
 * `appendDNSConfig` then drops a repeated entry): none when the pod's `dnsPolicy` (its template's, else the one Tekton merges
 * under it) is `Default` or `None`, or `ClusterFirst` with `hostNetwork` (the node's resolver then), or not known.
 */
function clusterSearches(template: any, base: PodDnsBase): ReadonlySet<string> {
  const defaults = base.defaults();
  const own = [template, base.runWide].find((t) => t?.dnsPolicy !== undefined && t?.dnsPolicy !== null);
  // unset (or empty, which the API server defaults) is ClusterFirst; hostNetwork is true where any template merged sets it
  const policies = own !== undefined ? [own.dnsPolicy] : defaults.length === 0 ? [''] : defaults.map((t) => t?.dnsPolicy ?? '');
  const hostNetwork = [template, base.runWide, ...defaults].some((t) => t?.hostNetwork === true);
  const clusterFirst = policies.every((p) => p === 'ClusterFirstWithHostNet' || ((p === 'ClusterFirst' || p === '') && !hostNetwork));
  if (!clusterFirst) return NO_SEARCHES;
  return new Set([`svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...(base.namespace === undefined ? [] : [`${base.namespace}.svc.${CLUSTER_DOMAIN}`])]);
}

const NO_SEARCHES: ReadonlySet<string> = new Set();

/** Whether a search domain as written is one of `cluster`'s (a trailing dot names the same domain: the API server allows it). */
function clusterSearch(domain: unknown, cluster: ReadonlySet<string>): boolean {
  return typeof domain === 'string' && cluster.has(domain.endsWith('.') ? domain.slice(0, -1) : domain);
}

/** The problems of one pod template; `params` when Tekton substitutes the run's params into it. */
function overrides(pod: PodTemplateView, params: boolean, forbidden: ReadonlySet<string> = NONE_FORBIDDEN, dns: PodDnsBase = NO_DNS_BASE): Problem[] {
  if (!pod.template || typeof pod.template !== 'object') return [];
  // config-defaults' default-forbidden-env: Tekton drops an env entry of a name it lists from every pod template (pod.go)
  const t = forbidden.size > 0 && Array.isArray(pod.template.env)
    ? { ...pod.template, env: pod.template.env.filter((e: any) => !(typeof e?.name === 'string' && forbidden.has(e.name))) } : pod.template;
  const where = pod.perTask ? { location: pod.location, target: pod.target } : {};
  const problems: Problem[] = [];
  const add = (field: string, value: string | undefined, problem: string) => problems.push({ ...where, property: `${pod.path}.${field}`, value, problem });
  for (const e of asArray(t.env)) add('env', jsString(e?.name), 'sets an environment variable in every step of the pods');
  if (asArray(t.hostAliases).length > 0) add('hostAliases', asArray(t.hostAliases).map((h) => h?.ip).join(', '), 'redirects host names in every container');
  if (t.dnsPolicy === 'None') add('dnsPolicy', 'None', 'replaces the cluster DNS');
  if (asArray(t.dnsConfig?.nameservers).length > 0) add('dnsConfig.nameservers', asArray(t.dnsConfig.nameservers).join(', '), 'adds DNS servers');
  // the kubelet appends them to the search list: a name of fewer dots than ndots is tried under each before as written
  // (but those the cluster's DNS gives the pod already: the kubelet drops a repeated one, so they change nothing)
  const searches = asArray(t.dnsConfig?.searches);
  const added = searches.length === 0 ? [] : searches.filter((d) => !clusterSearch(d, clusterSearches(t, dns)));
  if (added.length > 0) add('dnsConfig.searches', added.map((d) => quoted(d)).join(', '), SEARCHES);
  for (const key of Object.keys(t.nodeSelector ?? {})) if (CONTROL_PLANE.has(key)) add('nodeSelector', key, 'schedules onto control-plane nodes');
  for (const key of affinityKeys(t.affinity)) if (CONTROL_PLANE.has(key)) add('affinity', key, 'schedules onto control-plane nodes');
  for (const tol of asArray(t.tolerations)) {
    // a null key is Go's "" (encoding/json leaves the string empty): with Exists, every taint
    if (tol?.operator === 'Exists' && (tol.key === undefined || tol.key === null || tol.key === '')) add('tolerations', 'Exists', 'tolerates every taint, the control plane\'s included');
    else if (CONTROL_PLANE.has(tol?.key)) add('tolerations', jsString(tol.key), 'tolerates the control plane\'s taint');
  }
  if (SYSTEM_PRIORITY.has(t.priorityClassName)) add('priorityClassName', t.priorityClassName, 'takes the priority of the cluster\'s own components');
  if (!params) return problems;
  // Tekton substitutes the TaskRun's params into these strings of the pod template (ApplyPodTemplateReplacements),
  // so a param could pick any of the above; elsewhere `$(params.x)` stays as it is written
  for (const [field, value] of substitutedStrings(t)) {
    const param = untrustedSubstitutions(value).find((f) => PARAM.test(f.text));
    if (param !== undefined) add(field, param.text, 'lets a caller choose it: Tekton substitutes the TaskRun\'s params into the pod template, so a param can pick control-plane nodes, DNS, a system priority or any of the fields above');
  }
  return problems;
}

/** A param substitution (see PARAM_SUBSTITUTION_PATTERN). */
const PARAM = new RegExp(`^${PARAM_SUBSTITUTION_PATTERN}`);

