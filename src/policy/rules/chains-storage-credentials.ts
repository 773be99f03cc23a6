import { ARTIFACT_TYPES, artifactTypeOffBy, ChainsInstall, chainsInstallsOf, chainsReadingsProblems, parsesTrue, storageEntries } from '../../private/chains-keys';
import { asArray, objectName } from '../../private/containers';
import { mayShareNamespace } from '../../private/namespaces';
import { OPERATOR_CHAINS_OF } from '../../private/operator-chains';
import { own } from '../../private/own';
import { CONFIG_DEFAULTS_READINGS_TEXT, inConfigDefaultsReading, OPERATOR_DEFAULTS_OF } from '../../private/pods';
import { defaultAccountReading, runServiceAccounts, taskServiceAccounts } from '../../private/run-accounts';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { kindIs, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains v0.29 defaults of `artifacts.<type>.storage`. */
const DEFAULT_STORAGE: Record<string, string> = { taskrun: 'tekton', pipelinerun: 'tekton', oci: 'oci' };
/** Secret types go-containerregistry's Kubernetes keychain reads, with their data key. */
const DOCKER_TYPES: Record<string, string> = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' };


/** Whether a result name is a type hint that makes Chains push for an image (`*IMAGE_URL`, `IMAGES`, `*ARTIFACT_URI`, `*ARTIFACT_OUTPUTS`). */
function isImageHint(name: unknown): boolean {
  return typeof name === 'string' && (name.endsWith('IMAGE_URL') || name === 'IMAGES' || name.endsWith('ARTIFACT_URI') || name.endsWith('ARTIFACT_OUTPUTS'));
}

/** The first image type hint among the results of a task or pipeline spec. */
function imageHint(spec: any): string | undefined {
  return asArray(spec?.results).map((r: any) => r?.name).find(isImageHint);
}

/** Which artifact types Chains v0.29 pushes to OCI registries, as a chains-config says. */
interface OciPushes {
  /** A TaskRun's image signatures or attestation (`artifacts.oci.storage`, `artifacts.taskrun.storage`). */
  readonly taskRun: boolean;
  /** A PipelineRun's attestation (`artifacts.pipelinerun.storage`): a PipelineRun has no image artifact of its own. */
  readonly pipelineRun: boolean;
  /** `artifacts.pipelinerun.enable-deep-inspection`: the PipelineRun's attestation takes its subjects from its TaskRuns too. */
  readonly deepInspection: boolean;
}

/**
 * The ServiceAccounts Chains pushes with for a run, each with what makes it push: a task
 * the run runs (its spec embedded, or a Task of the namespace checked with it) declares an
 * image type hint among its results while TaskRuns push, or the pipeline declares one while
 * PipelineRun attestations go to OCI (pushed with the run's template account: Chains
 * extracts no OCI artifact from a PipelineRun, `SupportsOCIArtifact` false), or, with deep
 * inspection, any of its tasks does (the attestation names the images of its TaskRuns).
 * Tasks whose spec is not among the objects are not seen.
 */
function pushingAccounts(run: any, inNamespace: readonly any[], pushes: OciPushes, manifests: readonly any[]): Map<string, string> {
  const out = new Map<string, string>();
  const spec = run?.spec;
  const taskSpec = (holder: any) => holder?.taskSpec
    ?? (typeof holder?.taskRef?.name === 'string' && !holder.taskRef.resolver
      ? inNamespace.find((m) => m?.kind === 'Task' && m.metadata?.name === holder.taskRef.name)?.spec : undefined);
  // each account the run may push as (several defaults when config-defaults checked together disagree)
  // (a default account only some readings of a Tekton operator's config-defaults give: named with the reading)
  const add = (accounts: readonly string[], why: string, pipelineTask?: string) => accounts.forEach((account) => {
    if (out.has(account)) return;
    const reading = defaultAccountReading(run, pipelineTask, account, manifests);
    out.set(account, reading === undefined ? why : inConfigDefaultsReading(`${why}, as its default account`, { reading }));
  });
  if (run?.kind === 'TaskRun') {
    const hint = pushes.taskRun ? imageHint(taskSpec(spec)) : undefined;
    if (hint) add(taskServiceAccounts(run, undefined, manifests), `result ${hint}`);
    return out;
  }
  const template = runServiceAccounts(run, manifests);
  const pipeline = spec?.pipelineSpec
    ?? (typeof spec?.pipelineRef?.name === 'string' && !spec.pipelineRef.resolver
      ? inNamespace.find((m) => m?.kind === 'Pipeline' && m.metadata?.name === spec.pipelineRef.name)?.spec : undefined);
  const pipelineHint = pushes.pipelineRun ? imageHint(pipeline) : undefined;
  if (pipelineHint) add(template, `pipeline result ${pipelineHint}`);
  for (const pt of [...asArray(pipeline?.tasks), ...asArray(pipeline?.finally)]) {
    const hint = imageHint(taskSpec(pt));
    if (!hint) continue;
    if (pushes.taskRun) add(taskServiceAccounts(run, pt?.name, manifests), `task '${jsString(pt?.name)}' result ${hint}`, pt?.name);
    if (pushes.pipelineRun && pushes.deepInspection) add(template, `task '${jsString(pt?.name)}' result ${hint} in the PipelineRun's attestation (deep inspection)`);
  }
  return out;
}

/** The SecretProviderClass names a run mounts through CSI workspaces. */
function csiClassesOf(run: any): string[] {
  return asArray(run?.spec?.workspaces)
    .map((w: any) => w?.csi?.volumeAttributes?.secretProviderClass)
    .filter((n: unknown): n is string => typeof n === 'string');
}

/**
 * The ServiceAccount a run uses lists a registry Secret that Tekton Chains can read,
 * when Chains stores signatures or attestations in OCI registries.
 */
export const CHAINS_STORAGE_CREDENTIALS = manifestRule(
  {
    id: RuleId.CHAINS_STORAGE_CREDENTIALS,
    severity: Severity.MEDIUM,
    title: 'The ServiceAccounts of runs list a registry Secret that Tekton Chains can read to push signatures and attestations',
    rationale:
      'Chains v0.29 pushes image signatures and attestations to the registry with the credentials of the run\'s '
      + 'ServiceAccount in the run\'s namespace (the dockerconfig Secrets listed under its `secrets` and `imagePullSecrets`), '
      + 'never with a credential mounted into a task pod, such as a Vault CSI volume, nor with the Secrets of its own '
      + 'ServiceAccount in tekton-chains. Without one the push is anonymous and fails: images stay unsigned and every '
      + 'verification after them fails.',
    fix:
      'List a kubernetes.io/dockerconfigjson Secret of the run\'s namespace under the ServiceAccount\'s `imagePullSecrets:` '
      + '(not `secrets:`, which Tekton\'s creds-init mounts into every step) '
      + '(`registryCredential.allowChainsToPush(pipeline.serviceAccount)`); for a credential from Vault, sync it into that '
      + 'Secret with the SecretProviderClass\'s `secretObjects` (type SyncedSecretType.DOCKER_CONFIG_JSON, key .dockerconfigjson '
      + 'from config.json).',
    decidesFrom:
      'Only with a `chains-config` ConfigMap (namespace `tekton-chains` or none; of several, the one Chains reads: in '
      + '`tekton-chains` over one without a namespace, the last of those) checked together that stores in `oci` '
      + '(`artifacts.taskrun.storage`, `artifacts.pipelinerun.storage`, `artifacts.oci.storage`; defaults `tekton`, `tekton`, '
      + '`oci`; a type whose `artifacts.<type>.signer` is `none` is off and stores nothing), and for a ServiceAccount that a PipelineRun or TaskRun of its namespace checked with it pushes with. A TaskRun '
      + 'pushes, when `artifacts.taskrun.storage` or `artifacts.oci.storage` includes `oci`, for a task whose spec (embedded, or '
      + 'a Task of the namespace referenced by name) declares a result Chains reads as an image (a name ending in `IMAGE_URL`, '
      + '`ARTIFACT_URI` or `ARTIFACT_OUTPUTS`, or `IMAGES`), as the task\'s `taskRunSpecs[]` entry, '
      + 'else the run\'s `taskRunTemplate.serviceAccountName` (v1beta1 `serviceAccountName`). A PipelineRun pushes only its '
      + 'attestation (Chains takes no image artifact from it), when `artifacts.pipelinerun.storage` includes `oci`, for a '
      + 'pipeline that declares such a result, or, with `artifacts.pipelinerun.enable-deep-inspection` true (Go `ParseBool`), '
      + 'for any of its tasks that declares one (the attestation then names the images of its TaskRuns), as '
      + '`taskRunTemplate.serviceAccountName`. Unset is the `default-service-account` of a `config-defaults` ConfigMap checked together (not one the API server refuses for a value that is not a string; of several that disagree, each one\'s), else `default`' + OPERATOR_DEFAULTS_OF + CONFIG_DEFAULTS_READINGS_TEXT + ' Chains pushes nothing '
      + 'for a run without images. '
      + 'Among the names under its `secrets` and `imagePullSecrets` (what Chains\' keychain reads, with `UseMountSecrets`), one '
      + 'must be usable: a Secret checked with it of type `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`, or '
      + 'one a SecretProviderClass of the namespace syncs with that type and key while a run checked with it mounts that class '
      + 'through CSI. A name that is none of the objects checked is accepted as existing on the cluster, unless a run as the '
      + 'account mounts a SecretProviderClass through CSI (the credential then comes from Vault, which Chains never reads).' + OPERATOR_CHAINS_OF,
    limits:
      'Without chains-config, a run as the account and the spec of its image-producing task checked together, nothing is '
      + 'judged: tasks fetched by a resolver (RemoteTask) and runs created later by triggers are not seen. The registry each '
      + 'Secret holds credentials for is not compared with the image or `storage.oci.repository`. Credentials Chains finds '
      + "otherwise (the controller's cloud identity on GKE, EKS or AKS, a config.json in the controller pod) are not seen: "
      + 'relax the rule then. A Secret synced by the CSI driver exists only while a pod mounting it exists (completed run '
      + 'pods keep it until they are pruned), and only where the driver is installed with secret sync on '
      + '(`syncSecret.enabled`), which the manifests do not say.',
    howToRelax:
      "`{ rule: RuleId.CHAINS_STORAGE_CREDENTIALS, reason: '<why>' }` without a target, given to the SecurePipeline's "
      + "`relaxations` (they cover the ServiceAccount it creates), the LeastPrivilegeServiceAccount's `relaxations`, or "
      + '`Relaxations.of(pipeline.serviceAccount).add(...)`, e.g. when Chains pushes with the cloud identity of its controller. '
      + 'In YAML for the audit: ' + relaxAnnotation(RuleId.CHAINS_STORAGE_CREDENTIALS, '*: <why>') + ' on the ServiceAccount.',
    relaxable: true,
    appliesTo: kindIs('ServiceAccount'),
  },
  (account, context) => {
    if (context === undefined) return [];
    // each chains-config Chains may read (the operator's apply may keep a ConfigMap's own keys): a finding of any is one
    return chainsReadingsProblems(chainsInstallsOf(context.manifests), (install) => accountProblems(account, install, context.manifests));
  },
);

/** What CHAINS_STORAGE_CREDENTIALS finds on a ServiceAccount with the chains-config of `install`. */
function accountProblems(account: any, install: ChainsInstall, manifests: readonly any[]): Problem[] {
  const config = install.data;
  // a type Chains turns off (signer none, storage written empty) is neither signed nor stored: it pushes nothing
  const ociKeys = ARTIFACT_TYPES
    .filter((type) => artifactTypeOffBy(config, type) === undefined)
    .map((type) => `artifacts.${type}.storage`)
    .filter((key) => storageEntries(config[key] ?? own(DEFAULT_STORAGE, key.split('.')[1])).includes('oci'));
  if (ociKeys.length === 0) return [];
  const pushes: OciPushes = {
    taskRun: ociKeys.includes('artifacts.taskrun.storage') || ociKeys.includes('artifacts.oci.storage'),
    pipelineRun: ociKeys.includes('artifacts.pipelinerun.storage'),
    deepInspection: parsesTrue(config['artifacts.pipelinerun.enable-deep-inspection']),
  };
  const name = account?.metadata?.name;
  const inNamespace = manifests.filter((m) => mayShareNamespace(m, account));
  const runs = inNamespace
    .filter((m) => m?.kind === 'PipelineRun' || m?.kind === 'TaskRun')
    .map((run) => ({ run, why: pushingAccounts(run, inNamespace, pushes, manifests).get(name) }))
    .filter((r): r is { run: any; why: string } => r.why !== undefined);
  if (runs.length === 0) return [];

  const mounted = new Set(inNamespace.filter((m) => m?.kind === 'PipelineRun' || m?.kind === 'TaskRun').flatMap(csiClassesOf));
  const listed = [...new Set([...asArray(account.secrets), ...asArray(account.imagePullSecrets)]
    .map((s: any) => s?.name).filter((n: unknown): n is string => typeof n === 'string'))];
  const unusable: string[] = [];
  const absent: string[] = [];
  // Secrets a SecretProviderClass syncs as dockerconfig, which no run mounts: the fix is to mount the class
  const unmounted: { secretName: string; spc: string }[] = [];
  for (const secretName of listed) {
    const secret = inNamespace.find((m) => m?.kind === 'Secret' && m.metadata?.name === secretName);
    if (secret) {
      if (own(DOCKER_TYPES, secret.type) !== undefined) return [];
      unusable.push(`'${secretName}' is of type ${secret.type ?? 'Opaque'}`);
      continue;
    }
    const syncs = inNamespace.filter((m) => m?.kind === 'SecretProviderClass')
      .flatMap((spc) => asArray(spc.spec?.secretObjects).filter((o: any) => o?.secretName === secretName).map((o: any) => ({ spc, o })));
    if (syncs.length === 0) {
      absent.push(secretName);
      continue;
    }
    const docker = syncs.filter(({ o }) => {
      const key = own(DOCKER_TYPES, o.type);
      return key !== undefined && asArray(o.data).some((d: any) => d?.key === key);
    });
    if (docker.some(({ spc }) => mounted.has(spc.metadata?.name))) return [];
    if (docker.length > 0) unmounted.push({ secretName, spc: jsString(docker[0].spc.metadata?.name) });
    unusable.push(docker.length > 0
      ? `'${secretName}' is synced by SecretProviderClass '${jsString(docker[0].spc.metadata?.name)}', which no run checked with it mounts, so it is never created`
      : `'${secretName}' is synced by SecretProviderClass '${jsString(syncs[0].spc.metadata?.name)}' as ${syncs[0].o.type ?? 'Opaque'} without its dockerconfig key`);
  }
  const vaultRuns = runs.map((r) => r.run).filter((r) => csiClassesOf(r).length > 0);
  if (absent.length > 0 && vaultRuns.length === 0) return [];

  const using = runs.map(({ run, why }) => `${run.kind} '${objectName(run)}', ${why}`).join('; ');
  const stores = `Chains pushes the signatures and attestations of the images of runs as it (${using}) with the dockerconfig Secrets it lists `
    + `(${ociKeys.join(', ')} ${ociKeys.length > 1 ? 'include' : 'includes'} oci)`;
  const reasons = [...unusable];
  if (absent.length > 0) {
    const classes = [...new Set(vaultRuns.flatMap(csiClassesOf))].map((c) => `'${c}'`).join(', ');
    reasons.push(`${absent.map((n) => `'${n}'`).join(', ')} ${absent.length > 1 ? 'are' : 'is'} neither among the objects nor synced by a `
      + `SecretProviderClass, while the runs get their credentials from SecretProviderClass ${classes} through CSI, which Chains never reads`);
  }
  const problem = listed.length === 0
    ? `lists no Secret, but ${stores}`
    : `lists no Secret Chains can push with: ${reasons.join('; ')}; ${stores}`;
  // where the fix goes: the list that holds names, else imagePullSecrets (creds-init mounts `secrets:` into every step)
  const property = asArray(account.secrets).length > 0 ? 'secrets' : 'imagePullSecrets';
  return [{ property, ...(listed.length > 0 ? { value: listed.join(', ') } : {}), problem, ...(unmounted.length > 0 ? { fix: mountFix(unmounted) } : {}) }];
}

/** The fix for dockerconfig Secrets that only a SecretProviderClass no run mounts would create. */
function mountFix(unmounted: readonly { secretName: string; spc: string }[]): string {
  const { secretName, spc } = unmounted[0];
  return `Mount SecretProviderClass '${spc}' in the run: bind the credentials workspace of its pushing task with `
    + `RunWorkspace.csi(<the VaultSecretProviderClass '${spc}'>) (a RegistryCredential with vault gives it as registryCredential.workspace()), `
    + `not with RunWorkspace.secret('${secretName}'): the CSI driver creates Secret '${secretName}' only while a pod mounts the class. `
    + 'Or list a kubernetes.io/dockerconfigjson Secret that exists under the ServiceAccount\'s `imagePullSecrets:` '
    + '(`registryCredential.allowChainsToPush(pipeline.serviceAccount)`).';
}
