import { isBuildStrategy } from '../../private/build-strategies';
import { CHAINS_KEYS, chainsConfigData, dataKey } from '../../private/chains-keys';
import { apiGroupOf, asArray, containersOf, isPipelineLoop, isTekton, pipelineSpecsOf, specPlace, taskSpecsOf } from '../../private/containers';
import { manifestNamespace } from '../../private/namespaces';
import { own } from '../../private/own';
import { REQUIRED_SECRET_KEYS, SERVICE_ACCOUNT_NAME_ANNOTATION, SERVICE_ACCOUNT_TOKEN_TYPE } from '../../private/secret-types';
import { secretMaterialIn } from '../../private/secrets';
import { podSecretsStoreVolumes, WORKLOAD_VOLUMES_TEXT } from '../../private/secrets-store';
import { isShipwrightBuild } from '../../private/shipwright-builds';
import { jsString } from '../../private/text';
import { TRIGGERS_GROUP } from '../../private/triggers';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const TEKTON_KINDS = ['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction', 'CustomRun'];
/** The kinds of Tekton Triggers whose params are read. */
const TRIGGERS_KINDS = ['TriggerTemplate', 'TriggerBinding', 'ClusterTriggerBinding', 'Trigger', 'EventListener'];
const isTriggers = (m: any): boolean => TRIGGERS_KINDS.includes(m?.kind) && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP;

const FIX_CONFIGMAP = 'Move the value into a Secret (or sync it from Vault with VaultSecretProviderClass secretObjects) and reference that Secret instead.';
const FIX_ENV = 'Read it from a Secret: env valueFrom.secretKeyRef, or a workspace bound to a Secret or a Vault CSI volume.';
const FIX_STEP = 'Read it at run time from a Secret (a workspace bound to a Secret or a Vault CSI volume, or env valueFrom.secretKeyRef) instead of writing it into the step.';
const FIX_PARAM = 'Pass a reference, not the value: keep it in a Secret bound as a workspace (or a Vault CSI volume) and give the param its name or path.';

const isMap = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** The strings in a param value: a string, an array of strings, or an object of strings. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (isMap(value)) return Object.values(value).filter((v): v is string => typeof v === 'string');
  return [];
}

/** A finding for the first secret material among `texts`, if any. */
function scan(texts: readonly string[], name: string | undefined, at: Omit<Problem, 'problem'>): Problem[] {
  for (const text of texts) {
    const kind = secretMaterialIn(text, name);
    if (kind) return [{ ...at, problem: `holds ${kind}` }];
  }
  return [];
}

/** Env values of a container or pod template, by variable name. */
function envProblems(env: unknown, propertyPrefix: string, at: { location?: string; target?: string }): Problem[] {
  return asArray(env).flatMap((e) => (isMap(e) && typeof e.value === 'string'
    ? scan([e.value], jsString(e.name ?? ''), { ...at, property: `${propertyPrefix}env[${jsString(e.name ?? '')}].value`, fix: FIX_ENV })
    : []));
}

/** Param values (`value`) or defaults (`default`) of a params list. */
function paramProblems(params: unknown, field: 'value' | 'default', propertyPrefix: string, at: { location?: string; target?: string }): Problem[] {
  return asArray(params).flatMap((p) => (isMap(p)
    ? scan(strings(p[field]), jsString(p.name ?? ''), { ...at, property: `${propertyPrefix}params[${jsString(p.name ?? '')}].${field}`, fix: FIX_PARAM })
    : []));
}

/** Values given inline in a trigger's bindings (`{ name, value }`) and its interceptors' params, at `prefix`. */
function triggerProblems(trigger: any, prefix: string, at: { location?: string }): Problem[] {
  const problems: Problem[] = [];
  for (const b of asArray(trigger?.bindings)) {
    if (isMap(b) && typeof b.value === 'string') {
      problems.push(...scan([b.value], jsString(b.name ?? ''), { ...at, property: `${prefix}bindings[${jsString(b.name ?? '')}].value`, fix: FIX_PARAM }));
    }
  }
  asArray(trigger?.interceptors).forEach((icpt, i) => problems.push(...paramProblems(icpt?.params, 'value', `${prefix}interceptors[${i}].`, at)));
  return problems;
}

/**
 * Secret material in Tekton Triggers' objects: a TriggerTemplate's param defaults (pasted into the runs it creates), a
 * TriggerBinding's param values, and the inline bindings and interceptor params of Triggers and EventListeners.
 */
function triggersProblems(manifest: any): Problem[] {
  const spec = isMap(manifest.spec) ? manifest.spec : {};
  switch (manifest.kind) {
    case 'TriggerTemplate': return paramProblems(spec.params, 'default', '', {});
    case 'TriggerBinding':
    case 'ClusterTriggerBinding': return paramProblems(spec.params, 'value', '', {});
    case 'Trigger': return triggerProblems(spec, '', {});
    default: return asArray(spec.triggers).flatMap((t) => triggerProblems(t, `triggers[${jsString(t?.name ?? '')}].`, { location: `trigger '${jsString(t?.name ?? '')}'` }));
  }
}

/** A Shipwright paramValues list: `value`, and the `value` of each of `values`. */
function paramValueProblems(params: unknown, prefix: string): Problem[] {
  return asArray(params).flatMap((p) => {
    if (!isMap(p)) return [];
    const name = jsString(p.name ?? '');
    const values = [p, ...asArray(p.values)].filter((v) => isMap(v) && typeof v.value === 'string').map((v) => v.value);
    return scan(values, name, { property: `${prefix}paramValues[${name}].value`, fix: FIX_PARAM });
  });
}

/**
 * Secret material in Shipwright's objects: a strategy's steps (env values, commands, args) and parameter defaults; a
 * Build's or BuildRun's own `env` and `paramValues` (of an embedded Build spec too), read once in the object that writes them.
 */
function shipwrightProblems(manifest: any): Problem[] {
  const spec = manifest.spec;
  if (isBuildStrategy(manifest)) {
    const problems: Problem[] = [];
    for (const view of containersOf(manifest)) {
      const c = view.container;
      // (Shipwright copies no script into the steps it makes)
      if (isMap(c)) problems.push(...containerProblems(c, { location: view.location, target: view.target }, false));
    }
    for (const p of asArray(spec.parameters)) {
      if (!isMap(p)) continue;
      const name = jsString(p.name ?? '');
      problems.push(...scan([...strings(p.default), ...strings(p.defaults)], name, { property: `parameters[${name}].default`, fix: FIX_PARAM }));
    }
    return problems;
  }
  const embedded = manifest.kind !== 'BuildRun' ? undefined : manifest.apiVersion === 'shipwright.io/v1alpha1'
    ? { spec: spec.buildSpec, prefix: 'buildSpec.' } : { spec: spec.build?.spec, prefix: 'build.spec.' };
  const problems = [...envProblems(spec.env, '', {}), ...paramValueProblems(spec.paramValues, '')];
  if (embedded !== undefined && isMap(embedded.spec)) {
    problems.push(...envProblems(embedded.spec.env, embedded.prefix, {}), ...paramValueProblems(embedded.spec.paramValues, embedded.prefix));
  }
  return problems;
}

/** Secret material in a container's env values, its `script` where `script` is read, its command and args. */
function containerProblems(c: Record<string, any>, at: { location?: any; target?: string }, script: boolean): Problem[] {
  const problems = envProblems(c.env, '', at);
  if (script && typeof c.script === 'string') problems.push(...scan([c.script], undefined, { ...at, property: 'script', fix: FIX_STEP }));
  for (const field of ['command', 'args', 'workingDir'] as const) problems.push(...scan(strings(c[field]), undefined, { ...at, property: field, fix: FIX_STEP }));
  return problems;
}

const FIX_CUSTOM = 'Read it at run time from a Secret the custom task\'s controller is given (a workspace, or a param naming the Secret) instead of writing it into the custom task\'s spec.';

/** A JSON path step: `.key`, or `['key']` for a key that is not an identifier. */
const pathStep = (key: string): string => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `['${key}']`);

/**
 * Secret material in every string of a custom task's spec, which Tekton hands to its controller as written (a CustomRun's
 * `customSpec.spec`; a pipeline task's `taskSpec.spec`, marshalled into the CustomRun it creates): each string found is one
 * finding, named by its path below `property`. `skip` says which keys of the spec itself another reader reads.
 */
function customSpecProblems(
  spec: Record<string, any>, property: string, at: { location?: string; target?: string }, skip: (key: string) => boolean,
): Problem[] {
  const problems: Problem[] = [];
  const walk = (value: unknown, path: string, name: string | undefined, seen: Set<unknown>): void => {
    if (typeof value === 'string') {
      problems.push(...scan([value], name, { ...at, property: path, fix: FIX_CUSTOM }));
    } else if (Array.isArray(value) && !seen.has(value)) {
      seen.add(value);
      value.forEach((v, i) => walk(v, `${path}[${i}]`, name, seen));
    } else if (isMap(value) && !seen.has(value)) {
      seen.add(value);
      for (const [key, v] of Object.entries(value)) walk(v, `${path}${pathStep(key)}`, key, seen);
    }
  };
  const seen = new Set<unknown>([spec]);
  for (const [key, v] of Object.entries(spec)) if (!skip(key)) walk(v, `${property}${pathStep(key)}`, key, seen);
  return problems;
}

/** Secret material in the labels and annotations of an embedded spec's `metadata` (a pipeline task's `taskSpec.metadata`, a CustomRun's `customSpec.metadata`). */
function embeddedMetadataProblems(metadata: unknown, property: string, at: { location?: string; target?: string }): Problem[] {
  if (!isMap(metadata)) return [];
  return (['labels', 'annotations'] as const).flatMap((field) => (isMap(metadata[field]) ? Object.entries(metadata[field]) : [])
    .flatMap(([key, value]) => (typeof value === 'string'
      ? scan([value], key, { ...at, property: `${property}.${field}['${key}']`, fix: FIX_METADATA })
      : [])));
}

/**
 * The parts of a pipeline task's custom task spec that the task-spec readers already read: its steps, sidecars and
 * stepTemplate (containersOf), its params' defaults (taskSpecsOf), a PipelineLoop's pipelineSpec (pipelineSpecsOf).
 */
function customTaskSpecProblems(taskSpec: Record<string, any>, at: { location?: string; target?: string }): Problem[] {
  const spec = taskSpec.spec;
  if (!isMap(spec)) return [];
  const loop = isPipelineLoop(taskSpec);
  const problems = customSpecProblems(spec, 'taskSpec.spec', at, (key) => (loop ? key === 'pipelineSpec' : ['steps', 'sidecars', 'stepTemplate', 'params'].includes(key)));
  // a param's other fields (its description, an enum) are not read as a default is
  if (!loop) {
    asArray(spec.params).forEach((p, i) => {
      if (isMap(p)) problems.push(...customSpecProblems(p, `taskSpec.spec.params[${i}]`, at, (key) => key === 'default'));
    });
  }
  return problems;
}

/** Secret material in a Tekton object: containers, params and pod templates. */
function tektonProblems(manifest: any): Problem[] {
  const problems: Problem[] = [];
  // steps, sidecars, stepTemplates and StepActions, as written (a template's values once)
  for (const view of containersOf(manifest)) {
    const c = view.container;
    if (!isMap(c)) continue;
    const at = { location: view.location, target: view.target };
    problems.push(...containerProblems(c, at, true));
    // the params a step passes to the StepAction it runs
    if (view.role === 'step' && manifest.kind !== 'StepAction') problems.push(...paramProblems(c.params, 'value', '', at));
    // and to the resolver that fetches it (a git url with a token)
    if (view.role === 'step' && isMap(c.ref)) problems.push(...paramProblems(c.ref.params, 'value', 'ref.', at));
  }
  // param defaults of tasks, StepActions and pipelines; values pipeline tasks pass
  for (const embedded of taskSpecsOf(manifest)) problems.push(...paramProblems(embedded.spec.params, 'default', '', specPlace(embedded)));
  if (manifest.kind === 'StepAction' && isMap(manifest.spec)) problems.push(...paramProblems(manifest.spec.params, 'default', '', {}));
  for (const embedded of pipelineSpecsOf(manifest)) {
    const { prefix, targetPrefix, spec } = embedded;
    problems.push(...paramProblems(spec.params, 'default', '', specPlace(embedded)));
    for (const t of [...asArray(spec.tasks), ...asArray(spec.finally)]) {
      if (!isMap(t)) continue;
      const at = { location: `${prefix}task '${jsString(t.name)}'`, target: `${targetPrefix}task/${jsString(t.name)}` };
      problems.push(...paramProblems(t.params, 'value', '', at));
      problems.push(...paramProblems(t.taskRef?.params, 'value', 'taskRef.', at));
      problems.push(...paramProblems(t.pipelineRef?.params, 'value', 'pipelineRef.', at));
      problems.push(...paramProblems(t.matrix?.params, 'value', 'matrix.', at));
      for (const include of asArray(t.matrix?.include)) problems.push(...paramProblems(include?.params, 'value', 'matrix.include.', at));
      // a custom task's spec, which Tekton hands to its controller as written, in the CustomRun it creates
      if (isMap(t.taskSpec)) problems.push(...customTaskSpecProblems(t.taskSpec, at));
      // the labels and annotations Tekton gives the TaskRun or CustomRun it creates for the task
      if (isMap(t.taskSpec)) problems.push(...embeddedMetadataProblems(t.taskSpec.metadata, 'taskSpec.metadata', at));
    }
  }
  // what a run passes: params, and env of its pod templates
  const spec = manifest.spec;
  if (manifest.kind === 'PipelineRun' || manifest.kind === 'TaskRun') {
    problems.push(...paramProblems(spec?.params, 'value', '', {}));
    // the params of the resolver that fetches the Task or Pipeline: a git url with a token ends up in the run's provenance
    problems.push(...paramProblems(spec?.taskRef?.params, 'value', 'taskRef.', {}));
    problems.push(...paramProblems(spec?.pipelineRef?.params, 'value', 'pipelineRef.', {}));
    problems.push(...envProblems(spec?.podTemplate?.env, 'podTemplate.', {}));
  }
  // a CustomRun's params, stored in it as written (its custom task's controller reads them)
  if (manifest.kind === 'CustomRun') {
    problems.push(...paramProblems(spec?.params, 'value', '', {}));
    // and its custom task's spec, which its controller reads as written (a PipelineLoop's included: no other reading of it reads its strings)
    if (isMap(spec?.customSpec) && isMap(spec.customSpec.spec)) problems.push(...customSpecProblems(spec.customSpec.spec, 'customSpec.spec', {}, () => false));
    if (isMap(spec?.customSpec)) problems.push(...embeddedMetadataProblems(spec.customSpec.metadata, 'customSpec.metadata', {}));
  }
  if (manifest.kind === 'PipelineRun') {
    problems.push(...envProblems(spec?.taskRunTemplate?.podTemplate?.env, 'taskRunTemplate.podTemplate.', {}));
    for (const t of asArray(spec?.taskRunSpecs)) {
      const at = { location: `task '${jsString(t?.pipelineTaskName)}'`, target: `task/${jsString(t?.pipelineTaskName)}` };
      problems.push(...envProblems(t?.podTemplate?.env, 'taskRunSpecs.podTemplate.', at));
      problems.push(...envProblems(t?.taskPodTemplate?.env, 'taskRunSpecs.taskPodTemplate.', at));
    }
  }
  return problems;
}

const FIX_SPC = 'Keep the value in Vault (or a Secret) and reference it: a SecretProviderClass names where secrets are, never what they are.';

/** Secret material in a SecretProviderClass's parameters (`objects` included: a `secretArgs` body is written there). */
function providerClassProblems(manifest: any): Problem[] {
  const params = isMap(manifest.spec) && isMap(manifest.spec.parameters) ? manifest.spec.parameters : {};
  return Object.entries(params).flatMap(([key, value]) => (typeof value === 'string'
    ? scan([value], key, { property: `parameters.${key}`, target: `key/${key}`, fix: FIX_SPC })
    : []));
}

/**
 * Secret material in the attributes of Secrets Store CSI volumes (which the driver hands to the provider as parameters), of
 * Tekton objects, Pods and workloads alike.
 */
function volumeAttributeProblems(manifest: any): Problem[] {
  return podSecretsStoreVolumes(manifest).flatMap((v) => (isMap(v.csi.volumeAttributes) ? Object.entries(v.csi.volumeAttributes) : [])
    .flatMap(([key, value]) => (typeof value === 'string'
      ? scan([value], key, {
        ...(v.location === undefined ? {} : { location: v.location }),
        ...(v.target === undefined ? {} : { target: v.target }),
        property: `${v.property}.volumeAttributes.${key}`,
        fix: FIX_SPC,
      })
      : [])));
}

/** A name kubectl takes as written on a command line (a DNS subdomain, as ServiceAccount and namespace names are). */
const PLAIN_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The fix of a service-account-token Secret, with the command that requests a short-lived token of its ServiceAccount in its
 * namespace, where the Secret names them (`<serviceaccount>` where it does not).
 */
function tokenSecretFix(annotations: unknown, ns: string | undefined): string {
  const account = isMap(annotations) ? annotations[SERVICE_ACCOUNT_NAME_ANNOTATION] : undefined;
  const who = typeof account === 'string' && PLAIN_NAME.test(account) ? account : '<serviceaccount>';
  const where = ns !== undefined && PLAIN_NAME.test(ns) ? ` -n ${ns}` : '';
  return `Write no Secret of type ${SERVICE_ACCOUNT_TOKEN_TYPE}: mount a short-lived token where a pod needs the API (a projected `
    + 'serviceAccountToken volume with an audience and expirationSeconds), or request one for the time it is needed (kubectl create token '
    + `${who}${where} --duration=1h); if a system outside the cluster can take no other token, relax the rule with that reason.`;
}
const FIX_TOKEN_SYNC = `Sync the object as a Secret of another type (type: Opaque; VaultSecretProviderClass offers no ${SERVICE_ACCOUNT_TOKEN_TYPE}), `
  + 'and mount a short-lived token where a pod needs the API (a projected serviceAccountToken volume with an audience and expirationSeconds).';

/**
 * What Kubernetes' token controller puts into a Secret of type service-account-token: a legacy token, without expiry, of
 * the ServiceAccount its annotation names (the API server refuses the Secret without one), in the namespace `ns`.
 */
function mintedToken(annotations: unknown, ns: string | undefined): string {
  return `a token of ${tokenAccount(annotations)} that never expires (valid until the Secret is deleted), readable by whoever can read Secrets in `
    + namespaceText(ns);
}

/** The ServiceAccount a service-account-token Secret's annotation names, as a finding says it. */
function tokenAccount(annotations: unknown): string {
  const account = isMap(annotations) ? annotations[SERVICE_ACCOUNT_NAME_ANNOTATION] : undefined;
  return typeof account === 'string' && account !== ''
    ? `ServiceAccount '${account}'`
    : `the ServiceAccount a ${SERVICE_ACCOUNT_NAME_ANNOTATION} annotation names (without one the API server refuses the Secret)`;
}

/** The namespace `ns`, as a finding says it. */
const namespaceText = (ns: string | undefined): string => (ns === undefined ? 'its namespace' : `namespace '${ns}'`);

/**
 * The field of a Secret whose `token` the API server stores, where it is not empty: `stringData` is written over `data`. The token
 * controller fills only an empty token (secretUpdateNeeded), so it keeps one written there.
 */
function writtenToken(manifest: any): string | undefined {
  if (isMap(manifest.stringData) && Object.prototype.hasOwnProperty.call(manifest.stringData, 'token')) {
    return typeof manifest.stringData.token === 'string' && manifest.stringData.token !== '' ? 'stringData.token' : undefined;
  }
  return isMap(manifest.data) && typeof manifest.data.token === 'string' && manifest.data.token !== '' ? 'data.token' : undefined;
}

/** A Secret of type service-account-token, which Kubernetes fills with a token that does not expire. */
function tokenSecretProblems(manifest: any): Problem[] {
  if (manifest.type !== SERVICE_ACCOUNT_TOKEN_TYPE) return [];
  const written = writtenToken(manifest);
  const annotations = manifest.metadata?.annotations;
  const ns = manifestNamespace(manifest);
  return [{
    property: 'type',
    value: SERVICE_ACCOUNT_TOKEN_TYPE,
    problem: written === undefined ? `makes Kubernetes' token controller fill the Secret with ${mintedToken(annotations, ns)}`
      : `makes the token written in ${written} a token of ${tokenAccount(annotations)} that never expires (valid until the Secret is deleted) `
        + `where the cluster signed it for this Secret, readable by whoever can read Secrets in ${namespaceText(ns)}: Kubernetes' token `
        + 'controller keeps it (it fills only an empty token)',
    fix: tokenSecretFix(manifest.metadata?.annotations, manifestNamespace(manifest)),
  }];
}

/**
 * The Secrets a SecretProviderClass syncs as type service-account-token: the Secrets Store CSI driver writes them with the
 * entry's annotations (its type trimmed of white space, secretutil `GetSecretType`), in the pod's namespace, the class's.
 */
function syncedTokenProblems(manifest: any): Problem[] {
  return asArray(manifest.spec?.secretObjects).flatMap((o, i): Problem[] => (isMap(o) && typeof o.type === 'string' && o.type.trim() === SERVICE_ACCOUNT_TOKEN_TYPE
    ? [{
      property: `secretObjects[${i}].type`,
      value: o.type,
      problem: `makes the Secrets Store CSI driver write Secret '${jsString(o.secretName)}', which Kubernetes' token controller fills with `
        + mintedToken(o.annotations, manifestNamespace(manifest)),
      fix: FIX_TOKEN_SYNC,
    }]
    : []));
}

const FIX_SYNCED_METADATA = 'Remove the value from the secretObjects annotation or label (keep it in Vault and sync it as data): the '
  + 'SecretProviderClass holds it for whoever can get the class, and the driver writes it onto the synced Secret\'s metadata.';

/**
 * Secret material in the annotations and labels a SecretProviderClass's `secretObjects` entries give the Secrets the
 * Secrets Store CSI driver syncs (it writes them onto each Secret's metadata): the class carries them as written.
 */
function syncedMetadataProblems(manifest: any): Problem[] {
  return asArray(manifest.spec?.secretObjects).flatMap((o, i) => (['annotations', 'labels'] as const)
    .flatMap((field) => (isMap(o) && isMap(o[field]) ? Object.entries(o[field]) : [])
      .flatMap(([key, value]) => (typeof value === 'string'
        ? scan([value], key, { property: `secretObjects[${i}].${field}['${key}']`, fix: FIX_SYNCED_METADATA })
        : []))));
}

const FIX_METADATA = 'Remove the value from the annotation or label (keep it in a Secret or Vault and reference it): an object\'s metadata '
  + 'is read by whoever can get the object, and copied into the runs, events and logs made from it.';

/**
 * Secret material in an object's annotations and labels (a URL with a token for a Pipelines-as-Code remote task, a key
 * kept in `kubectl.kubernetes.io/last-applied-configuration`): values of the object every reader of its kind sees.
 */
function metadataProblems(manifest: any): Problem[] {
  const meta = isMap(manifest?.metadata) ? manifest.metadata : {};
  return (['annotations', 'labels'] as const).flatMap((field) => (isMap(meta[field]) ? Object.entries(meta[field]) : [])
    .flatMap(([key, value]) => (typeof value === 'string'
      ? scan([value], key, { property: `metadata.${field}['${key}']`, fix: FIX_METADATA })
      : [])));
}

/** Secret material in a ConfigMap's data and binaryData (keys Chains refuses as credentials are CHAINS_KNOWN_KEYS'). */
function configMapProblems(manifest: any): Problem[] {
  const chains = chainsConfigData(manifest) !== undefined;
  const problems: Problem[] = [];
  for (const [field, decode] of [['data', (v: string) => v], ['binaryData', (v: string) => Buffer.from(v, 'base64').toString('utf8')]] as const) {
    const entries = isMap(manifest[field]) ? Object.entries(manifest[field]) : [];
    for (const [key, value] of entries) {
      if (typeof value !== 'string' || (chains && field === 'data' && CHAINS_KEYS.get(key)?.secret)) continue;
      const property = field === 'data' ? dataKey(key) : `binaryData['${key}']`;
      problems.push(...scan([decode(value)], key, { property, target: `key/${key}`, fix: FIX_CONFIGMAP }));
    }
  }
  return problems;
}

/** The findings of an object but for its metadata's. */
function ownProblems(manifest: any): Problem[] {
  if (manifest?.kind === 'Secret') {
    const held = ['data', 'stringData']
      .filter((field) => manifest[field] && Object.keys(manifest[field]).length > 0)
      .map((field) => ({ property: field, value: Object.keys(manifest[field]).join(','), problem: 'holds secret values' }));
    const keys = new Set(['data', 'stringData'].flatMap((field) => (isMap(manifest[field]) ? Object.keys(manifest[field]) : [])));
    const missing = (own(REQUIRED_SECRET_KEYS, jsString(manifest.type)) ?? []).filter((oneOf) => !oneOf.some((k) => keys.has(k)));
    const typed = [...held, ...tokenSecretProblems(manifest)];
    return missing.length === 0 ? typed : [...typed, {
      property: 'type',
      value: jsString(manifest.type),
      problem: `needs ${missing.map((oneOf) => oneOf.join(' or ')).join(' and ')}, without which the API server refuses the Secret, and whose value `
        + 'is secret: no Secret of this type can be written both admitted and without secret values',
      fix: 'Write no Secret: reference an existing one (kplus.Secret.fromSecretName, or secretName on the credential) created outside the '
        + 'manifests, or sync it from Vault (VaultSecretProviderClass secretObjects).',
    }];
  }
  if (manifest?.kind === 'ConfigMap') return configMapProblems(manifest);
  if (manifest?.kind === 'SecretProviderClass') return [...providerClassProblems(manifest), ...syncedTokenProblems(manifest), ...syncedMetadataProblems(manifest)];
  if (TEKTON_KINDS.includes(manifest?.kind) && isTekton(manifest)) return [...tektonProblems(manifest), ...volumeAttributeProblems(manifest)];
  if (isTriggers(manifest)) return triggersProblems(manifest);
  if (isBuildStrategy(manifest) || isShipwrightBuild(manifest)) return shipwrightProblems(manifest);
  // a Pod's or workload's Secrets Store CSI volumes
  return volumeAttributeProblems(manifest);
}

/**
 * No secret material in the manifests: Secrets carry no values, and ConfigMaps,
 * Tekton objects and runs carry no credentials.
 *
 * - A Secret with a non-empty `data` or `stringData` holds values, whatever they are.
 * - A Secret of type `kubernetes.io/service-account-token`, written as such or synced by a
 *   SecretProviderClass's `secretObjects`, is filled by Kubernetes' token controller with a
 *   token of the ServiceAccount it names that never expires.
 * - Elsewhere, material is recognised by its structure, never by entropy (see
 *   private/secrets.ts for the exact list): private keys (PEM, OpenSSH, PGP,
 *   PuTTY; a PEM block also base64-encoded, as in a kubeconfig), GitHub, GitLab and Slack tokens, AWS secret access keys (named, or next
 *   to an access key ID), JSON Web Tokens, Docker configs with credentials (also
 *   base64-encoded), and
 *   URLs with a password that is written out (references such as `$(params.x)`
 *   or `${TOKEN}` are not material).
 * - Where: ConfigMap `data` and `binaryData` values; the env values, scripts,
 *   commands, args, workingDirs and StepAction params of steps, sidecars, stepTemplates and
 *   StepActions (embedded specs included); param defaults of Tasks, Pipelines and
 *   StepActions (and TriggerTemplates); the param values of TriggerBindings, of the
 *   inline bindings and interceptors of Triggers and EventListeners, of pipeline tasks (matrix included) and of
 *   PipelineRuns and TaskRuns; env of run pod templates; every string of a custom task's spec
 *   (a CustomRun's `customSpec.spec`, a pipeline task's `taskSpec.spec`). chains-config keys that
 *   CHAINS_KNOWN_KEYS refuses as credentials are left to it; its URLs are read here.
 *   The annotations and labels of Secrets, ConfigMaps, SecretProviderClasses and Tekton objects.
 *   SecretProviderClass parameters, and the attributes of Secrets Store CSI volumes that
 *   the driver hands to the provider as parameters (of Tekton objects, Pods and workloads).
 *
 * A finding names the place and the kind of material, never the value.
 */
export const NO_SECRET_MATERIAL = manifestRule(
  {
    id: RuleId.NO_SECRET_MATERIAL,
    severity: Severity.HIGH,
    title: 'Secrets carry no values, and ConfigMaps and Tekton objects carry no credentials',
    rationale: 'Manifests are committed, reviewed, cached in CI logs and artifacts; a secret value there is a secret published. Reference existing Secrets or sync them from Vault. '
      + 'The same holds for a private key, token or password written into a ConfigMap, an env value, a script or a param: it is published with the manifest. '
      + 'A Secret of type kubernetes.io/service-account-token is filled by the cluster with a ServiceAccount token that never expires, usable by '
      + 'whoever can read the namespace\'s Secrets long after the manifest is gone.',
    fix: 'Reference an existing Secret or sync it from Vault (VaultSecretProviderClass secretObjects).',
    decidesFrom:
      "A Secret's `data` and `stringData`: any entry is a finding, whatever its value; and a Secret of a type whose keys the API "
      + 'server requires (`kubernetes.io/dockerconfigjson`, `dockercfg`, `basic-auth`, `ssh-auth`, `tls`) without them, which it '
      + 'refuses (with them, their values are the finding); and a Secret of type `kubernetes.io/service-account-token`, which '
      + "Kubernetes' token controller fills with a token of the ServiceAccount its `kubernetes.io/service-account.name` "
      + 'annotation names, one that never expires (a legacy token, valid until the Secret is deleted; where `stringData.token`, or else '
      + '`data.token`, is not empty the controller keeps that one, and the finding says so), as it does for an entry of '
      + "a SecretProviderClass's `spec.secretObjects` of that type (its `type` trimmed, as the Secrets Store CSI driver reads "
      + 'it), which the driver writes with the entry\'s annotations. Elsewhere, material recognised by '
      + 'its structure, never by entropy: PEM, OpenSSH, PGP and PuTTY private keys, the PEM and SSH2 blocks also base64-encoded as a '
      + 'whole (a kubeconfig\'s `client-key-data`, a value a script pipes to `base64 -d`); GitHub, GitLab and Slack tokens and Slack '
      + 'webhook URLs; AWS secret access keys named as such or next to an access key ID; signed JSON Web Tokens; Docker '
      + 'configs with credentials, written out or base64-encoded as a whole (a `.dockerconfigjson` value); URLs with a written-out password. It is looked for in the annotations and labels of Secrets, ConfigMaps, '
      + 'SecretProviderClasses and Tekton objects (a Pipelines-as-Code remote task\'s URL with a token, a value kept in '
      + '`kubectl.kubernetes.io/last-applied-configuration`: whoever can get the object reads them), and in the annotations and labels '
      + 'a SecretProviderClass\'s `spec.secretObjects` entries give the Secrets the driver syncs (it writes them onto each '
      + 'Secret\'s metadata); in ConfigMap `data` and base64-decoded '
      + '`binaryData`; in the env values, scripts, commands, args and `workingDir` of steps, sidecars, stepTemplates and StepActions (the kubelet hands `workingDir` to the container runtime as written, in the pod spec whoever can get the pod reads); in '
      + 'the param defaults of Tasks, Pipelines, StepActions and TriggerTemplates (which paste them into the runs they create); in '
      + 'the param values of TriggerBindings and ClusterTriggerBindings and the inline `bindings` values and interceptor `params` of '
      + 'Triggers and EventListeners (`triggers.tekton.dev`); in the param values steps pass to StepActions, pipeline '
      + 'tasks pass (matrix included), runs and CustomRuns (`tekton.dev/v1beta1`, whose annotations and labels are read too) pass, and those they pass to a resolver (`ref.params`, `taskRef.params`, '
      + '`pipelineRef.params`: a git `url` with a token is kept in the run\'s provenance and its ResolutionRequest); in every string of a '
      + 'custom task\'s spec, named by its path: a CustomRun\'s `customSpec.spec` and a pipeline task\'s `taskSpec.spec` (Tekton v1.15 marshals '
      + 'the latter as written into the CustomRun it creates, whose controller reads it), but for what is read as a task spec\'s (its steps, '
      + 'sidecars, stepTemplate and param defaults) or a pipeline\'s (a PipelineLoop\'s `pipelineSpec`, in a pipeline task); in the labels and '
      + 'annotations of a pipeline task\'s `taskSpec.metadata` and a CustomRun\'s `customSpec.metadata` (Tekton gives them the TaskRun or '
      + 'CustomRun it creates); and in '
      + 'the env of run pod templates (Tekton v1 and v1beta1, embedded specs included); in the env values, commands, args, `workingDir` and '
      + '`parameters` defaults (`defaults` of an array) of Shipwright\'s BuildStrategies and ClusterBuildStrategies (`shipwright.io` v1beta1, '
      + 'v1alpha1 `buildSteps`), and in the `env` values and `paramValues` (`value`, each of `values`) of its Builds and BuildRuns (a '
      + 'BuildRun\'s embedded `build.spec`, v1alpha1 `buildSpec`, too), which the controller writes into the TaskRun it creates, read '
      + 'once, in the object that writes them, whether or not the strategy is checked with them; in the `spec.parameters` values of '
      + 'SecretProviderClasses (a `vaultAddress` with a password, a token, a `secretArgs` body in `objects`) and the '
      + '`volumeAttributes` of Secrets Store CSI volumes, which the driver hands to the provider as parameters: in the `volumes` '
      + 'of task specs, of runs\' pod templates, in runs\' `csi` workspace bindings, and in the volumes of ' + WORKLOAD_VOLUMES_TEXT
      + ' (config-defaults\' `default-pod-template` is read as ConfigMap data). No finding of any rule quotes the '
      + 'credentials of a URL: `https://user:token@host` is reported as `https://***@host`.',
    limits:
      "Credentials of other shapes (a random password, another vendor's API key, a token without a known prefix) are not "
      + "recognised, and placeholders (one repeated character, AWS's EXAMPLE keys) are ignored, as is a token's shape in the name "
      + 'a Tekton or Triggers variable reference gives (`$(params.ghp_…)`, `$(tasks.t.results.<name>)`, `$(tt.params.<name>)`): the '
      + 'reference holds the value, and the name is no material (a token beside it, or in a command substitution `$(echo ghp_…)`, is). Pods, Deployments and other '
      + "workloads are read for the attributes of their Secrets Store CSI volumes only (not their env, commands, args, annotations or labels); custom resources other than Tekton's, Shipwright's and SecretProviderClasses are not read, a custom task's spec is read as strings, whatever its controller makes of them (a value it decodes is not decoded here); chains-config keys that hold "
      + 'credentials are left to CHAINS_KNOWN_KEYS. Whether a service-account-token Secret\'s ServiceAccount exists, and what '
      + 'its roles allow, is not read (the controller deletes the Secret of a ServiceAccount that does not exist). Material is judged where it is '
      + 'written, not in the readings of config-defaults beside a Tekton operator\'s object: a `default-pod-template` the operator writes over, '
      + 'or one kept only where kubectl apply did not create the ConfigMap, is still stored in the object as written, which whoever can get it reads.',
    howToRelax:
      "`{ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>', target }` with the finding's target: "
      + "`RelaxationTarget.configKey('<key>')` for a ConfigMap key or a SecretProviderClass parameter, `RelaxationTarget.workspace('<name>')` for a run's CSI binding, a step, sidecar or stepTemplate target or "
      + "`RelaxationTarget.task('<task>')` in Tekton objects, none for a Secret's data or type, an annotation or label, a SecretProviderClass's `secretObjects`, the object's own param defaults, a "
      + "run's params or its run-wide pod template, a CustomRun's `customSpec.spec` (a pipeline task's `taskSpec.spec` is `RelaxationTarget.task('<task>')`). Give it to the construct's `relaxations` (a RegistryCredential with "
      + '`writeSecret: true` needs one) or to `Relaxations.of(construct).add(...)`; in YAML for the audit: '
      + relaxAnnotation(RuleId.NO_SECRET_MATERIAL, 'key/<key>: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m: any) => m?.kind === 'Secret' || m?.kind === 'ConfigMap' || m?.kind === 'SecretProviderClass' || (TEKTON_KINDS.includes(m?.kind) && isTekton(m)) || isTriggers(m)
      || isBuildStrategy(m) || isShipwrightBuild(m) || podSecretsStoreVolumes(m).length > 0,
  },
  (manifest) => {
    const kind = manifest?.kind;
    const metadata = kind === 'Secret' || kind === 'ConfigMap' || kind === 'SecretProviderClass' || (TEKTON_KINDS.includes(kind) && isTekton(manifest)) || isTriggers(manifest)
      ? metadataProblems(manifest) : [];
    return [...ownProblems(manifest), ...metadata];
  },
);
