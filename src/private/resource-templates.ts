/**
 * The objects a Tekton Triggers object creates when an event comes: the resource templates
 * of a TriggerTemplate (`spec.resourcetemplates`), of a Trigger's inline template
 * (`spec.template.spec.resourcetemplates`) and of an EventListener trigger's inline template
 * (`spec.triggers[].template.spec.resourcetemplates`), as the v1alpha1 and v1beta1 APIs of
 * `triggers.tekton.dev` spell them (Triggers decodes them case-sensitively). Each is a whole
 * object that Triggers substitutes `$(tt.params.x)` into and creates; those without a kind
 * are not objects. Read by the audit (each placed in its file) and by synth (each checked as
 * an object the app makes).
 */

import { nearestKind, servedVersions } from './served-kinds';

/** One step of a JSON path: a key of a mapping or an index of a sequence. */
type Segment = string | number;

/** An object another object creates, and where it is written in that object. */
export interface ResourceTemplate {
  /** The path of the template in the object that holds it, e.g. `['spec', 'resourcetemplates', 0]`. */
  readonly path: readonly Segment[];
  /** The template: the object Triggers creates (with its substitutions). */
  readonly object: Record<string, any>;
}

/**
 * Triggers' group; and Tekton Pipelines' `tekton.dev`, which serves none of these kinds (SERVED_KINDS reports the object):
 * the runs such an object would create are judged all the same, so that fixing its apiVersion reveals no finding.
 */
const TRIGGERS_API = /^(triggers\.)?tekton\.dev\//;

/** The kinds of `triggers.tekton.dev` that hold resource templates. */
export const TEMPLATE_KINDS: readonly string[] = ['TriggerTemplate', 'Trigger', 'EventListener'];

/**
 * The Triggers kind whose templates `manifest` (of Triggers' group, or of `tekton.dev`) holds: its kind, or the one
 * of those kinds its misspelled kind is nearest to (`TriggerTemplat`: SERVED_KINDS reports the kind, and its
 * templates are judged all the same, so that fixing its kind reveals no finding); undefined for any other.
 */
export function templateKindOf(manifest: Record<string, any>): string | undefined {
  if (typeof manifest.apiVersion !== 'string' || !TRIGGERS_API.test(manifest.apiVersion) || typeof manifest.kind !== 'string') return undefined;
  if (TEMPLATE_KINDS.includes(manifest.kind)) return manifest.kind;
  if (servedVersions('triggers.tekton.dev', manifest.kind)!.length > 0 || servedVersions('tekton.dev', manifest.kind)!.length > 0) return undefined;
  const near = nearestKind('triggers.tekton.dev', manifest.kind);
  return near !== undefined && TEMPLATE_KINDS.includes(near) ? near : undefined;
}

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The templates of a TriggerTemplateSpec at `path` (those that are objects with a kind). */
function templatesOf(spec: unknown, path: readonly Segment[]): ResourceTemplate[] {
  if (!isObject(spec)) return [];
  return asList(spec.resourcetemplates).flatMap((t, i): ResourceTemplate[] => (isObject(t) && typeof t.kind === 'string' && t.kind !== ''
    ? [{ path: [...path, 'resourcetemplates', i], object: t }]
    : []));
}

/**
 * The objects `manifest` creates per event, if it is a TriggerTemplate, a Trigger or an
 * EventListener, and those that the objects it creates create in turn (a template that is a
 * TriggerTemplate), each with its path from `manifest`.
 */
export function resourceTemplates(manifest: unknown): ResourceTemplate[] {
  const out: ResourceTemplate[] = [];
  // a value read from YAML may repeat (an alias), each place is an object created; one that holds itself is not followed again
  const above = new Set<unknown>();
  const visit = (m: unknown, prefix: readonly Segment[]): void => {
    above.add(m);
    for (const t of directTemplates(m)) {
      const path = [...prefix, ...t.path];
      out.push({ path, object: t.object });
      if (!above.has(t.object)) visit(t.object, path);
    }
    above.delete(m);
  };
  visit(manifest, []);
  return out;
}

/**
 * The PipelineLoop of kubeflow kfp-tekton (`custom.tekton.dev`) a `tekton.dev` CustomRun embeds as its `customSpec`: the
 * loop's controller runs it as it runs a PipelineLoop object (the spec a pipeline task embeds reaches it the same way,
 * in the CustomRun Tekton creates), so it is judged as one, in its place in the CustomRun.
 */
function customRunLoop(manifest: Record<string, any>): ResourceTemplate[] {
  const custom = isObject(manifest.spec) ? manifest.spec.customSpec : undefined;
  const loop = isObject(custom) && custom.kind === 'PipelineLoop' && typeof custom.apiVersion === 'string' && custom.apiVersion.startsWith('custom.tekton.dev/')
    && isObject(custom.spec);
  return loop ? [{ path: ['spec', 'customSpec'], object: custom }] : [];
}

/** The templates written in `manifest` itself. */
function directTemplates(manifest: unknown): ResourceTemplate[] {
  if (isObject(manifest) && manifest.kind === 'CustomRun' && typeof manifest.apiVersion === 'string' && /^tekton\.dev\//.test(manifest.apiVersion)) {
    return customRunLoop(manifest);
  }
  if (!isObject(manifest)) return [];
  const kind = templateKindOf(manifest);
  const spec = manifest.spec;
  if (kind === undefined || !isObject(spec)) return [];
  switch (kind) {
    case 'TriggerTemplate':
      return templatesOf(spec, ['spec']);
    case 'Trigger':
      return isObject(spec.template) ? templatesOf(spec.template.spec, ['spec', 'template', 'spec']) : [];
    case 'EventListener':
      return asList(spec.triggers).flatMap((t, i) => (isObject(t) && isObject(t.template)
        ? templatesOf(t.template.spec, ['spec', 'triggers', i, 'template', 'spec'])
        : []));
    default:
      return [];
  }
}

/** A template's path as findings write it: `spec.triggers[0].template.spec.resourcetemplates[1]`. */
export function templatePath(path: readonly Segment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
