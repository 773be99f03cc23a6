/**
 * The ConfigMaps that Tekton objects put into the steps of their runs, by name, so that
 * a rule over RBAC can tell which ConfigMaps change what a pipeline runs.
 */
import { asArray, isObject, objectName, taskSpecsOf, viewsBySpec } from './containers';
import { manifestsOfKind, oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import {
  configDefaultsKeyReaches, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_WORKSPACE_BINDING_KEY, defaultWorkspaceBinding, inConfigDefaultsReading, podTemplatesOf,
  writesConfigDefaults,
} from './pods';
import { jsString } from './text';

/** One place where a Tekton object puts a ConfigMap into the steps of its runs. */
export interface RunConfigMap {
  /** The namespace the ConfigMap is read in (the object's); undefined when it may be any. */
  readonly namespace: string | undefined;
  /** Where, for messages: `PipelineRun 'release' workspace 'scripts'`. */
  readonly where: string;
}

const CACHE = new WeakMap<readonly any[], Map<string, ReadonlyMap<string, readonly RunConfigMap[]>>>();

/** The kinds whose objects put ConfigMaps into their runs' steps. */
const KINDS = ['PipelineRun', 'TaskRun', 'Pipeline', 'Task'];

/**
 * The ConfigMaps the Tekton objects among `manifests` put into the steps of their runs, by
 * name, built once per set: those a run binds as a workspace (`configMap`, or a
 * `projected` source), those a task spec (a Task's, or one embedded in a Pipeline or a
 * run) declares as a volume or passes into a step's, sidecar's or the stepTemplate's
 * environment (`envFrom` configMapRef, `env` configMapKeyRef), those a StepAction puts
 * into the environment of the steps that run it, those a run's pod template adds as a
 * volume or to the environment (Tekton adds both to the pod, pkg/pod/pod.go), those config-defaults'
 * `default-pod-template` adds the same way (merged into every run's template, by name, MergePodTemplateWithDefault),
 * and the one config-defaults binds to every workspace a run leaves unbound (a config-defaults ConfigMap beside a
 * Tekton operator's object as the operator's apply leaves each key, configDefaultsKeyReaches: not where the operator
 * writes the key over it, else in the reading that keeps it, named).
 */
export function runConfigMaps(manifests: readonly any[]): ReadonlyMap<string, readonly RunConfigMap[]> {
  return oncePerSet(CACHE, manifests, '', () => {
    const out = new Map<string, RunConfigMap[]>();
    const add = (name: unknown, namespace: string | undefined, where: string) => {
      if (typeof name !== 'string' || name === '') return;
      const places = out.get(name);
      if (places) places.push({ namespace, where });
      else out.set(name, [{ namespace, where }]);
    };
    for (const kind of KINDS) {
      for (const m of manifestsOfKind(manifests, kind)) {
        const namespace = manifestNamespace(m);
        const at = `${kind} '${objectName(m)}' `;
        if (kind === 'PipelineRun' || kind === 'TaskRun') {
          for (const w of asArray(m.spec?.workspaces)) {
            for (const name of bindingConfigMaps(w)) add(name, namespace, `${at}workspace '${jsString(w?.name)}'`);
          }
          for (const t of podTemplatesOf(m)) {
            if (!isObject(t.template)) continue;
            const where = `${at}${t.location === undefined ? '' : `${t.location} `}${t.path}`;
            for (const v of asArray(t.template.volumes)) for (const name of bindingConfigMaps(v)) add(name, namespace, `${where} volume '${jsString(v?.name)}'`);
            for (const name of envConfigMaps(t.template)) add(name, namespace, `${where} env`);
          }
        }
        const views = viewsBySpec(m);
        for (const { prefix, spec } of taskSpecsOf(m)) {
          for (const v of asArray(spec.volumes)) for (const name of bindingConfigMaps(v)) add(name, namespace, `${at}${prefix}volume '${jsString(v?.name)}'`);
          // its steps, then its sidecars, each named as the container views name it
          for (const c of views.get(spec) ?? []) {
            if (c.role === 'stepTemplate') continue;
            for (const name of envConfigMaps(c.container)) add(name, namespace, `${at}${prefix}${c.role} '${c.designation}' env`);
          }
          for (const name of envConfigMaps(spec.stepTemplate)) add(name, namespace, `${at}${prefix}stepTemplate env`);
        }
      }
    }
    // a StepAction's environment is the environment of every step that runs it
    for (const m of manifestsOfKind(manifests, 'StepAction')) {
      for (const name of envConfigMaps(m.spec)) add(name, manifestNamespace(m), `StepAction '${objectName(m)}' env`);
    }
    // config-defaults, as a ConfigMap or as a Tekton operator's object writes it
    for (const m of ['ConfigMap', 'TektonConfig', 'TektonPipeline'].flatMap((kind) => manifestsOfKind(manifests, kind))) {
      if (!writesConfigDefaults(m, manifests)) continue;
      // its default pod template, merged into the run's of every namespace: a run's template replaces a volume or env entry of the
      // same name (MergePodTemplateWithDefault's mergeByName), but every run that does not, checked or not, gets it: each counts
      const template = configDefaultsKeyReaches(m, manifests, DEFAULT_POD_TEMPLATE_KEY);
      for (const t of template.reaches ? podTemplatesOf(m, manifests) : []) {
        if (!isObject(t.template)) continue;
        const at = `${m.kind} '${objectName(m)}' ${t.path}`;
        for (const v of asArray(t.template.volumes)) {
          for (const name of bindingConfigMaps(v)) add(name, undefined, inConfigDefaultsReading(`${at} volume '${jsString(v?.name)}'`, template));
        }
        for (const name of envConfigMaps(t.template)) add(name, undefined, inConfigDefaultsReading(`${at} env`, template));
      }
      const binding = defaultWorkspaceBinding(m, manifests);
      // a ConfigMap beside a Tekton operator's object, as the operator's apply leaves it: none where the operator writes
      // its own binding over it, else in the reading that keeps it, named
      const reach = configDefaultsKeyReaches(m, manifests, DEFAULT_WORKSPACE_BINDING_KEY);
      if (binding === undefined || !reach.reaches) continue;
      const where = inConfigDefaultsReading(`${m.kind} '${objectName(m)}' ${binding.path}`, reach);
      // the default binding is read in the namespace of each run that gets it: any
      for (const name of bindingConfigMaps(binding.binding)) add(name, undefined, where);
    }
    return out;
  });
}

/** The ConfigMaps a workspace binding or a volume reads: `configMap.name`, and the `configMap` sources of `projected`. */
function bindingConfigMaps(source: any): unknown[] {
  if (!isObject(source)) return [];
  return [source.configMap?.name, ...asArray(source.projected?.sources).map((s: any) => s?.configMap?.name)];
}

/** The ConfigMaps a container (or a pod template) puts into its environment. */
function envConfigMaps(container: any): unknown[] {
  if (!isObject(container)) return [];
  return [
    ...asArray(container.envFrom).map((e: any) => e?.configMapRef?.name),
    ...asArray(container.env).map((e: any) => e?.valueFrom?.configMapKeyRef?.name),
  ];
}
