/**
 * The Secrets Tekton's creds-init takes from a ServiceAccount into every step of a run as that account
 * (Tekton v1.15 `MatchingAnnotations`, tekton-config.ts `credsInitWrites`): those the account lists under
 * `secrets:`, and those a Shipwright BuildRun among the objects links to it (shipwright-io/build v0.20.13).
 *
 * Shipwright's controller adds the run's `output.pushSecret` (the BuildRun's when its `output` names one, else
 * the Build's; v1alpha1 `output.credentials.name`) to the `secrets:` of the ServiceAccount the BuildRun runs as
 * (resources/credentials.go `ApplyCredentials`, service_accounts.go `RetrieveServiceAccount`) and never removes
 * it: `DeleteServiceAccount` deletes only the account it generated for the BuildRun (`.generate`), so a
 * named account, or the namespace's `pipeline` (else `default`) a BuildRun without one runs as, keeps it for
 * every later TaskRun, PipelineRun and BuildRun run as that account.
 */
import { manifestsNamed, manifestsOfKind } from './manifest-index';
import { manifestNamespace, mayShareNamespace, sameNamespace } from './namespaces';
import { buildRunFailure, isShipwrightBuild, pushSecretOf, runBuildSpec, SHIPWRIGHT_GENERATE } from './shipwright-builds';
import { credsInitWrites } from './tekton-config';
import { jsString } from './text';

/** A Secret creds-init takes from a ServiceAccount: what it writes of it, unknown for one not among the objects. */
export interface CredsInitSecret {
  readonly name: string;
  /** Its type and the files of the home directory creds-init writes, or undefined when the Secret is not among the objects (its type is not known). */
  readonly known?: { readonly type: string; readonly writes: string };
  /** For a Secret a Shipwright BuildRun links to the account (not listed there in the objects): the BuildRun and its field, in words. */
  readonly linkedBy?: string;
}

/**
 * The ServiceAccount a Shipwright BuildRun runs as (service_accounts.go `RetrieveServiceAccount`): `spec.serviceAccount`
 * (v1alpha1 `spec.serviceAccount.name`), `.generate` for one the controller makes for it (v1alpha1 `generate: true`),
 * unset the namespace's `pipeline` when one is among the objects (`getDefaultNamespaceSA`), else `default`; undefined
 * for a name no account has (empty, not a string).
 */
export function buildRunServiceAccount(run: any, manifests: readonly any[]): string | undefined {
  const spec = run?.spec;
  const alpha = run?.apiVersion === 'shipwright.io/v1alpha1';
  if (alpha && spec?.serviceAccount?.generate === true) return SHIPWRIGHT_GENERATE;
  const value = alpha ? spec?.serviceAccount?.name : spec?.serviceAccount;
  if (value === undefined || value === null) {
    const pipeline = manifestsNamed(manifests, 'ServiceAccount', 'pipeline').some((a) => mayShareNamespace(a, run));
    return pipeline ? 'pipeline' : 'default';
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * For a BuildRun that names no ServiceAccount and none named `pipeline` is among the objects of its namespace (`buildRunServiceAccount`
 * reads `default`): the words that say the cluster's `pipeline` account, if the namespace has one, is run as instead (Shipwright's
 * `getDefaultNamespaceSA` reads `pipeline` first; the Tekton operator on OpenShift makes one in each namespace unless TektonConfig's
 * `createRbacResource` param is "false": rbac.go `ensureSA`); undefined otherwise.
 */
export function pipelineAccountCaveat(run: any, manifests: readonly any[]): string | undefined {
  const spec = run?.spec;
  const alpha = run?.apiVersion === 'shipwright.io/v1alpha1';
  const value = alpha ? (spec?.serviceAccount?.generate === true ? SHIPWRIGHT_GENERATE : spec?.serviceAccount?.name) : spec?.serviceAccount;
  if ((value !== undefined && value !== null) || buildRunServiceAccount(run, manifests) !== 'default') return undefined;
  return "no ServiceAccount 'pipeline' is among the objects checked: Shipwright runs it as 'pipeline' where the namespace has one, as the Tekton "
    + "operator on OpenShift makes in each namespace unless TektonConfig's createRbacResource param is \"false\"";
}

/**
 * The pushSecrets Shipwright BuildRuns among `manifests` (but `except`) link to the ServiceAccount `account` in the namespace
 * of `run` and leave there (not one the controller fails before it reads the account, `buildRunFailure` not `linked`): name and the
 * BuildRun's field in words.
 */
function linkedPushSecrets(account: string, run: any, manifests: readonly any[], except: any): Array<{ name: string; by: string }> {
  const out: Array<{ name: string; by: string }> = [];
  // (the BuildRuns among them, in input order, from the index of the set: not a scan of every object for each run)
  for (const m of manifestsOfKind(manifests, 'BuildRun')) {
    if (m === except || !isShipwrightBuild(m) || !mayShareNamespace(m, run)) continue;
    if (buildRunServiceAccount(m, manifests) !== account) continue;
    // one the controller fails before it reads its account (its own fields, its Build not registered) links nothing
    if (buildRunFailure(m, manifests)?.linked === false) continue;
    const alpha = m.apiVersion === 'shipwright.io/v1alpha1';
    const own = pushSecretOf(m.spec, alpha);
    const resolved = own === undefined ? runBuildSpec(m, manifests) : undefined;
    const fromBuild = resolved === undefined ? undefined : pushSecretOf(resolved.spec, resolved.alpha);
    const given = own ?? fromBuild;
    if (given === undefined) continue;
    const field = own !== undefined ? `spec.${own.field}` : resolved!.path !== undefined ? `${resolved!.path}.${given.field}` : `its Build's spec.${given.field}`;
    const caveat = pipelineAccountCaveat(m, manifests);
    out.push({ name: given.name, by: `BuildRun '${jsString(m.metadata?.name ?? '')}' (${field}${caveat === undefined ? '' : `; it names no ServiceAccount, and ${caveat}`})` });
  }
  return out;
}

/**
 * The Secrets Tekton's creds-init takes into every step of a run in `run`'s namespace as the
 * ServiceAccount `account`: those listed under the `secrets:` of every account of that name among the objects
 * the run may share a namespace with, then those a Shipwright BuildRun among the objects (but `except`) links to it;
 * of each, those among the objects with a type and annotations creds-init reads first, then those not among the
 * objects. Empty when nothing is known of the account.
 */
export function credsInitSecrets(account: string, run: any, manifests: readonly any[], except?: any): CredsInitSecret[] {
  const known = new Map<string, CredsInitSecret>();
  const unknown = new Map<string, CredsInitSecret>();
  const read = (name: string, secrets: readonly any[], linkedBy?: string): void => {
    if (known.has(name) || unknown.has(name)) return;
    const by = linkedBy === undefined ? {} : { linkedBy };
    if (secrets.length === 0) {
      unknown.set(name, { name, ...by });
      return;
    }
    const taken = secrets.find((x) => credsInitWrites(x) !== undefined);
    if (taken !== undefined) known.set(name, { name, known: { type: jsString(taken.type), writes: credsInitWrites(taken)! }, ...by });
  };
  const accounts = manifestsNamed(manifests, 'ServiceAccount', account).filter((a) => mayShareNamespace(a, run));
  for (const sa of accounts) {
    for (const name of (Array.isArray(sa.secrets) ? sa.secrets : []).map((e: any) => e?.name)) {
      if (typeof name !== 'string' || name === '') continue;
      const found = manifestsNamed(manifests, 'Secret', name).filter((x) => mayShareNamespace(x, run) && mayShareNamespace(x, sa));
      // the token Secret Kubernetes made for the account, listed in an account read from a cluster: creds-init does not take it
      if (found.length === 0 && isLegacyTokenName(name, account)) continue;
      read(name, found);
    }
  }
  // an account the controller generated for one BuildRun is deleted with it: nothing stays linked
  if (account !== SHIPWRIGHT_GENERATE) {
    for (const link of linkedPushSecrets(account, run, manifests, except)) {
      read(link.name, manifestsNamed(manifests, 'Secret', link.name).filter((x) => mayShareNamespace(x, run)
        && (accounts.length === 0 || accounts.some((sa) => sameNamespace(manifestNamespace(x), manifestNamespace(sa))))), link.by);
    }
  }
  return [...known.values(), ...[...unknown.values()].filter((u) => !known.has(u.name))];
}

/**
 * The names the ServiceAccounts `account` among the objects (those the run may share a namespace with) list under `secrets:` that
 * `credsInitSecrets` leaves out: a name Kubernetes' token controller gives the account's token Secret (`isLegacyTokenName`) with no Secret
 * of that name among the objects. While that token Secret exists no other Secret can have its name; a Secret made under the name once
 * it is gone (the cluster's LegacyServiceAccountTokenCleanUp deletes an unused one, the account's YAML keeps listing it) holds what its
 * maker puts there, not a credential the account was given, and one among the objects is read by its type as any other.
 */
export function legacyTokensLeftOut(account: string, run: any, manifests: readonly any[]): string[] {
  const out = new Set<string>();
  for (const sa of manifestsNamed(manifests, 'ServiceAccount', account).filter((a) => mayShareNamespace(a, run))) {
    for (const name of (Array.isArray(sa.secrets) ? sa.secrets : []).map((e: any) => e?.name)) {
      if (typeof name !== 'string' || !isLegacyTokenName(name, account)) continue;
      if (manifestsNamed(manifests, 'Secret', name).some((x) => mayShareNamespace(x, run) && mayShareNamespace(x, sa))) continue;
      out.add(name);
    }
  }
  return [...out];
}

/** The characters of the suffix Kubernetes' name generator appends (apimachinery util/rand `String`). */
const GENERATED_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/**
 * Whether a name is one Kubernetes' token controller gives the `kubernetes.io/service-account-token` Secret it makes for the account
 * (`<account>-token-` cut to 58 characters, then 5 generated characters: tokens_controller.go `createSecret`, names.go
 * `SimpleNameGenerator`), which a ServiceAccount read from a cluster lists under `secrets:` (before Kubernetes 1.24, or where such a
 * Secret was made). creds-init takes no Secret of that type (dockercreds and gitcreds `MatchingAnnotations` read basic-auth, ssh-auth,
 * dockercfg and dockerconfigjson Secrets only).
 */
export function isLegacyTokenName(name: string, account: string): boolean {
  const base = `${account}-token-`.slice(0, 58);
  return name.length === base.length + 5 && name.startsWith(base) && GENERATED_SUFFIX.test(name.slice(base.length));
}

/** How a ServiceAccount holds a Secret, said after the account in a message: listed under its `secrets:`, or linked there by a BuildRun that leaves it. */
export function accountHolds(secret: CredsInitSecret): string {
  return secret.linkedBy === undefined
    ? `, whose \`secrets:\` list the Secret '${jsString(secret.name)}'`
    : `, to whose \`secrets:\` Shipwright links the Secret '${jsString(secret.name)}', the pushSecret of ${secret.linkedBy}, and leaves it there after that run`;
}
