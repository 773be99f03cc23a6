/**
 * Whether an object of the library is written by an app: a reference by name (a
 * pipeline task's `taskRef.name`, a run's `pipelineRef.name`) runs whatever object of
 * that name the run's namespace holds, so trust given to the object the construct
 * made holds only while the app writes it.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { jsString } from './text';

/** Why an app does not write an object. */
export enum NotWritten {
  /** The object belongs to another App. */
  ANOTHER_APP = 'another-app',
  /** The object, or a construct above it, was taken out of the tree. */
  REMOVED = 'removed',
}

/** Why `app` does not write `apiObject`, or undefined when it does (it is in the app's tree). */
export function notWritten(apiObject: ApiObject, app: IConstruct): NotWritten | undefined {
  if (apiObject.node.root !== app.node.root) return NotWritten.ANOTHER_APP;
  // a construct taken out with tryRemoveChild keeps its scope, so its root reads the same
  for (let c: IConstruct = apiObject; c.node.scope !== undefined; c = c.node.scope) {
    if (c.node.scope.node.tryFindChild(c.node.id) !== c) return NotWritten.REMOVED;
  }
  return undefined;
}

/** Why a reference by name would not reach the object a construct writes, and how to fix it. */
export interface UnwrittenReference {
  readonly reason: string;
  readonly fix: string;
}

/** What `unwrittenReference` needs to know of the construct, its object and the reference. */
export interface ReferencedObject {
  /** The construct's class, e.g. `SecureTask`. */
  readonly construct: string;
  /** The kind it writes, e.g. `Task`. */
  readonly kind: string;
  /** The construct's path. */
  readonly path: string;
  /** The name the reference uses (the construct's name prop). */
  readonly name: string;
  /** The object the construct writes. */
  readonly apiObject: ApiObject;
  /** The namespace the chart of the construct gives its object. */
  readonly chartNamespace: string | undefined;
  /** What holds the reference, e.g. `pipeline` (said as "the pipeline in 'ci'"). */
  readonly holder: string;
  /** The namespace the reference is looked up in when the run starts. */
  readonly namespace: string | undefined;
  /** The fix when the construct is in another App. @default - create it in this app, in a chart of the holder's namespace */
  readonly anotherAppFix?: string;
  /** Added to the fix when its object was taken out of the app. @default - nothing */
  readonly removedFixTail?: string;
}

/**
 * Why a reference by name made from `app` would not run the object `o` describes, or undefined
 * when it does: Tekton looks the name up in the run's namespace when the run starts, so the app
 * must write (and so check) that object, with that name, in that namespace.
 */
export function unwrittenReference(o: ReferencedObject, app: IConstruct): UnwrittenReference | undefined {
  const chart = o.namespace !== undefined ? `a Chart whose namespace prop is '${o.namespace}'` : 'a Chart without a namespace';
  const missing = notWritten(o.apiObject, app);
  if (missing === NotWritten.ANOTHER_APP) {
    return {
      reason: `that ${o.construct} is in another App, so this app writes no such ${o.kind}`,
      fix: o.anotherAppFix
        ?? `Create ${o.construct} '${o.path}' in this app, in a chart of the ${o.holder}'s namespace (${chart}), so that synth writes and checks its ${o.kind}.`,
    };
  }
  if (missing === NotWritten.REMOVED) {
    return {
      reason: `its ${o.kind} was taken out of the app, so the app writes no such ${o.kind}`,
      fix: `Keep the ${o.kind} of ${o.construct} '${o.path}' in the app (remove no construct on its path)${o.removedFixTail ?? ''}.`,
    };
  }
  const written = o.apiObject.toJson();
  if (written?.metadata?.name !== o.name) {
    return {
      reason: `its ${o.kind} is written as ${JSON.stringify(written?.metadata?.name)} (a patch of metadata.name)`,
      fix: `Remove the patch of metadata.name from the apiObject of ${o.construct} '${o.path}'; to name the ${o.kind}, give the ${o.construct} its name prop (name: '${jsString(o.name)}').`,
    };
  }
  const writtenNamespace = written?.metadata?.namespace;
  if (writtenNamespace !== o.namespace) {
    return {
      reason: `its ${o.kind} is written in namespace '${writtenNamespace ?? '(none)'}', the ${o.holder} in '${o.namespace ?? '(none)'}'`,
      fix: o.chartNamespace === o.namespace
        ? `Remove the patch of metadata.namespace from the apiObject of ${o.construct} '${o.path}'.`
        : `Create ${o.construct} '${o.path}' in a chart of the ${o.holder}'s namespace: ${chart}.`,
    };
  }
  // another object of that kind and name that the app writes without a namespace (or, for a reference without one, in a namespace)
  // lands where kubectl's context says: it may be the one the reference runs
  const rival = namespaceRival(o, written, app);
  if (rival !== undefined) {
    return {
      reason: rival.namespace === undefined
        ? `the app also writes ${o.kind} '${jsString(o.name)}' without a namespace (${rival.path}), which kubectl applies to the namespace of its context: it may replace this one in '${o.namespace}'`
        : `it is written without a namespace, and the app also writes ${o.kind} '${jsString(o.name)}' in '${rival.namespace}' (${rival.path}): kubectl applies this one to the namespace of its context, which may be that one`,
      fix: rival.namespace === undefined
        ? `Give ${rival.path} a namespace (its chart's namespace prop) other than '${o.namespace}', or another name.`
        : `Give the ${o.holder} and ${o.construct} '${o.path}' a namespace (their chart's namespace prop), `
          + `or give ${rival.path} another name.`,
    };
  }
  return undefined;
}

/**
 * An object of the app other than `o`'s, of its API group, kind and name, of which exactly one of the two has no
 * namespace (kubectl applies it to the namespace of its context, which may be the other's); two with one namespace are
 * UNIQUE_OBJECTS' to refuse. Objects are found by the kind cdk8s writes for them.
 */
function namespaceRival(o: ReferencedObject, written: any, app: IConstruct): { readonly path: string; readonly namespace?: string } | undefined {
  const group = (v: unknown) => (typeof v === 'string' && v.includes('/') ? v.split('/')[0] : '');
  for (const x of app.node.root.node.findAll()) {
    if (!ApiObject.isApiObject(x) || x === o.apiObject || x.kind !== o.kind || notWritten(x, app) !== undefined) continue;
    const json = x.toJson();
    if (json?.kind !== written?.kind || json?.metadata?.name !== o.name || group(json?.apiVersion) !== group(written?.apiVersion)) continue;
    // an empty namespace is none, as the API server reads it
    const namespace = json?.metadata?.namespace === '' ? undefined : json?.metadata?.namespace;
    // a construct's object (id Resource) is named by the construct
    const path = x.node.id === 'Resource' && x.node.scope !== undefined ? x.node.scope.node.path : x.node.path;
    if ((namespace === undefined) === (o.namespace === undefined || o.namespace === '')) continue;
    return { path, ...(namespace !== undefined ? { namespace: jsString(namespace) } : {}) };
  }
  return undefined;
}

/**
 * The names of the objects of a kind (of API group `tekton.dev`) that the app of `scope` writes in
 * `namespace` (an empty namespace is none, as the API server reads it), as written.
 */
export function writtenTektonNames(scope: IConstruct, kind: string, namespace: string | undefined): Set<string> {
  const wanted = namespace === '' ? undefined : namespace;
  const names = new Set<string>();
  for (const c of scope.node.root.node.findAll()) {
    if (!ApiObject.isApiObject(c) || notWritten(c, scope) !== undefined) continue;
    const o = c.toJson();
    const ns = o?.metadata?.namespace === '' ? undefined : o?.metadata?.namespace;
    if (o?.kind === kind && typeof o?.apiVersion === 'string' && o.apiVersion.startsWith('tekton.dev/') && ns === wanted && typeof o?.metadata?.name === 'string') {
      names.add(o.metadata.name);
    }
  }
  return names;
}
