/**
 * The Tekton Dashboard the Tekton operator (v0.81.0) installs from a `TektonDashboard`, or from a
 * `TektonConfig` of profile `all` (on Kubernetes: its PostReconcile makes the TektonDashboard
 * with the TektonConfig's `spec.dashboard`), and whether it is the read/write one: the
 * operator applies Dashboard v0.71.0's `release-full.yaml` unless `readonly` is true
 * (pkg/reconciler/common/releases.go `ComponentDir`; `Readonly bool` has no default, so a
 * TektonDashboard without `spec`, or a TektonConfig without `spec.dashboard`, is read/write;
 * the CRDs require `readonly` once `spec`/`spec.dashboard` is written). That release binds
 * tekton-aggregate-edit, tekton-triggers-aggregate-edit and tekton-dashboard-backend-edit to
 * the dashboard's ServiceAccount cluster-wide (the dashboard's installer, `--read-write`), and
 * the dashboard has no authentication of its own: it acts with its ServiceAccount for whoever
 * reaches it (Dashboard docs/install.md, "Access control").
 */
import { apiGroupOf, isObject } from './containers';
import { isOperatorObject } from './operator-objects';

/** A read/write dashboard the object makes the operator install, and where that is written. */
export interface ReadWriteDashboard {
  /** The field that decides it, as the user writes it: `spec.readonly`, `spec.dashboard.readonly`. */
  readonly property: string;
  /** `false` as written; undefined where the field (and the object holding it) is not written. */
  readonly value?: string;
  /** What is not written, when the field is not: `spec`, `spec.dashboard`. */
  readonly unwritten?: string;
}

/** What the operator reads of `readonly` in `holder` at `path`: undefined when it installs a read-only dashboard (or the API server refuses the object). */
function readWrite(holder: unknown, path: string): ReadWriteDashboard | undefined {
  const property = `${path}.readonly`;
  if (holder === undefined || holder === null) return { property, unwritten: path };
  // a holder written without readonly, or a readonly that is no boolean, is refused by the CRD's schema (required, type: boolean)
  if (!isObject(holder) || holder.readonly !== false) return undefined;
  return { property, value: 'false' };
}

/** The read/write dashboard a TektonDashboard, or a TektonConfig of profile `all`, makes the operator install; undefined for any other object. */
export function readWriteDashboard(manifest: any): ReadWriteDashboard | undefined {
  if (isOperatorObject(manifest, ['TektonDashboard'])) return readWrite(manifest.spec, 'spec');
  if (isOperatorObject(manifest, ['TektonConfig']) && isObject(manifest.spec) && manifest.spec.profile === 'all') {
    return readWrite(manifest.spec.dashboard, 'spec.dashboard');
  }
  return undefined;
}

/** The OLM package of Red Hat OpenShift Pipelines: its operator runs with PLATFORM "openshift" (the operator's OpenShift build). */
export const OPENSHIFT_PIPELINES_PACKAGE = 'openshift-pipelines-operator-rh';

/**
 * An OLM Subscription among `manifests` (`operators.coreos.com`, kind Subscription) to Red Hat OpenShift Pipelines' operator
 * package: the operator it installs reads the cluster's TektonConfig with its OpenShift extension, whose PostReconcile makes
 * no TektonDashboard (tektoncd/operator v0.81 pkg/reconciler/openshift/tektonconfig; only the Kubernetes extension,
 * pkg/reconciler/kubernetes/tektonconfig/extension.go, makes one for profile `all`). Undefined when none is.
 */
export function openShiftPipelinesSubscription(manifests: readonly any[]): any | undefined {
  return manifests.find((m) => m?.kind === 'Subscription' && apiGroupOf(m?.apiVersion) === 'operators.coreos.com'
    && isObject(m?.spec) && m.spec.name === OPENSHIFT_PIPELINES_PACKAGE);
}
