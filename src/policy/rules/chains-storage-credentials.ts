import { ARTIFACT_TYPES, chainsConfigData, storageEntries } from '../../private/chains-keys';
import { asArray, objectName } from '../../private/containers';
import { Severity } from '../rule';
import { kindIs, manifestRule, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains v0.29 defaults of `artifacts.<type>.storage`. */
const DEFAULT_STORAGE: Record<string, string> = { taskrun: 'tekton', pipelinerun: 'tekton', oci: 'oci' };
/** Secret types go-containerregistry's Kubernetes keychain reads, with their data key. */
const DOCKER_TYPES: Record<string, string> = { 'kubernetes.io/dockerconfigjson': '.dockerconfigjson', 'kubernetes.io/dockercfg': '.dockercfg' };

function namespaceOf(m: any): string | undefined {
  return typeof m?.metadata?.namespace === 'string' ? m.metadata.namespace : undefined;
}

function sameNamespace(a: any, b: any): boolean {
  const x = namespaceOf(a);
  const y = namespaceOf(b);
  return x === undefined || y === undefined || x === y;
}

/** The ServiceAccount names a run's TaskRuns and the run itself run as (unset or empty: `default`). */
function serviceAccountsOf(run: any): string[] {
  const spec = run?.spec;
  const names: unknown[] = [];
  if (run?.kind === 'TaskRun') {
    names.push(spec?.serviceAccountName);
  } else {
    names.push(spec?.taskRunTemplate !== undefined ? spec.taskRunTemplate?.serviceAccountName : spec?.serviceAccountName);
    for (const s of asArray(spec?.taskRunSpecs)) {
      if (s?.serviceAccountName !== undefined || s?.taskServiceAccountName !== undefined) names.push(s.serviceAccountName ?? s.taskServiceAccountName);
    }
    for (const s of asArray(spec?.serviceAccountNames)) names.push(s?.serviceAccountName);
  }
  return names.map((n) => (typeof n === 'string' && n !== '' ? n : 'default'));
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
      'List a kubernetes.io/dockerconfigjson Secret of the run\'s namespace under the ServiceAccount\'s `secrets:` '
      + '(`registryCredential.allowChainsToPush(pipeline.serviceAccount)`); for a credential from Vault, sync it into that '
      + 'Secret with the SecretProviderClass\'s `secretObjects` (type SyncedSecretType.DOCKER_CONFIG_JSON, key .dockerconfigjson '
      + 'from config.json).',
    decidesFrom:
      'Only with a `chains-config` ConfigMap (namespace `tekton-chains` or none) checked together that stores in `oci` '
      + '(`artifacts.taskrun.storage`, `artifacts.pipelinerun.storage`, `artifacts.oci.storage`; defaults `tekton`, `tekton`, '
      + '`oci`), and for a ServiceAccount that a PipelineRun or TaskRun checked with it runs as (`taskRunTemplate.serviceAccountName`, '
      + 'v1beta1 `serviceAccountName`, `taskRunSpecs[]`, `serviceAccountNames[]`; unset is `default`) in the same namespace. '
      + 'Among the names under its `secrets` and `imagePullSecrets` (what Chains\' keychain reads, with `UseMountSecrets`), one '
      + 'must be usable: a Secret checked with it of type `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg`, or '
      + 'one a SecretProviderClass of the namespace syncs with that type and key while a run checked with it mounts that class '
      + 'through CSI. A name that is none of the objects checked is accepted as existing on the cluster, unless a run as the '
      + 'account mounts a SecretProviderClass through CSI (the credential then comes from Vault, which Chains never reads).',
    limits:
      'Without chains-config and a run as the account checked together, nothing is judged; runs created later by triggers '
      + 'are not seen. The registry each Secret holds credentials for is not compared with the image or '
      + '`storage.oci.repository`. Credentials Chains finds otherwise (the controller\'s cloud identity on GKE, EKS or AKS, a '
      + 'config.json in the controller pod) are not seen: relax the rule then. A Secret synced by the CSI driver exists only '
      + 'while a pod mounting it exists (completed run pods keep it until they are pruned).',
    howToRelax:
      "`{ rule: RuleId.CHAINS_STORAGE_CREDENTIALS, reason: '<why>' }` without a target, given to the "
      + "LeastPrivilegeServiceAccount's `relaxations` (or the SecurePipeline's service account through "
      + '`Relaxations.of(pipeline.serviceAccount).add(...)`), e.g. when Chains pushes with the cloud identity of its controller. '
      + 'In YAML for the audit: ' + relaxAnnotation(RuleId.CHAINS_STORAGE_CREDENTIALS, '*: <why>') + ' on the ServiceAccount.',
    relaxable: true,
    appliesTo: kindIs('ServiceAccount'),
  },
  (account, context) => {
    if (context === undefined) return [];
    const config = context.manifests.map(chainsConfigData).find((d) => d !== undefined);
    if (config === undefined) return [];
    const ociKeys = ARTIFACT_TYPES
      .map((type) => `artifacts.${type}.storage`)
      .filter((key) => storageEntries(config[key] ?? DEFAULT_STORAGE[key.split('.')[1]]).includes('oci'));
    if (ociKeys.length === 0) return [];
    const name = account?.metadata?.name;
    const inNamespace = context.manifests.filter((m) => sameNamespace(m, account));
    const runs = inNamespace.filter((m) => (m?.kind === 'PipelineRun' || m?.kind === 'TaskRun') && serviceAccountsOf(m).includes(name));
    if (runs.length === 0) return [];

    const mounted = new Set(inNamespace.filter((m) => m?.kind === 'PipelineRun' || m?.kind === 'TaskRun').flatMap(csiClassesOf));
    const listed = [...new Set([...asArray(account.secrets), ...asArray(account.imagePullSecrets)]
      .map((s: any) => s?.name).filter((n: unknown): n is string => typeof n === 'string'))];
    const unusable: string[] = [];
    const absent: string[] = [];
    for (const secretName of listed) {
      const secret = inNamespace.find((m) => m?.kind === 'Secret' && m.metadata?.name === secretName);
      if (secret) {
        if (DOCKER_TYPES[secret.type] !== undefined) return [];
        unusable.push(`'${secretName}' is of type ${secret.type ?? 'Opaque'}`);
        continue;
      }
      const syncs = inNamespace.filter((m) => m?.kind === 'SecretProviderClass')
        .flatMap((spc) => asArray(spc.spec?.secretObjects).filter((o: any) => o?.secretName === secretName).map((o: any) => ({ spc, o })));
      if (syncs.length === 0) {
        absent.push(secretName);
        continue;
      }
      const docker = syncs.filter(({ o }) => DOCKER_TYPES[o.type] !== undefined && asArray(o.data).some((d: any) => d?.key === DOCKER_TYPES[o.type]));
      if (docker.some(({ spc }) => mounted.has(spc.metadata?.name))) return [];
      unusable.push(docker.length > 0
        ? `'${secretName}' is synced by SecretProviderClass '${docker[0].spc.metadata?.name}', which no run checked with it mounts, so it is never created`
        : `'${secretName}' is synced by SecretProviderClass '${syncs[0].spc.metadata?.name}' as ${syncs[0].o.type ?? 'Opaque'} without its dockerconfig key`);
    }
    const vaultRuns = runs.filter((r) => csiClassesOf(r).length > 0);
    if (absent.length > 0 && vaultRuns.length === 0) return [];

    const using = runs.map((r) => `${r.kind} '${objectName(r)}'`).join(', ');
    const stores = `Chains pushes the signatures and attestations of runs as it (${using}) with the dockerconfig Secrets it lists `
      + `(${ociKeys.join(', ')} include oci)`;
    const reasons = [...unusable];
    if (absent.length > 0) {
      const classes = [...new Set(vaultRuns.flatMap(csiClassesOf))].map((c) => `'${c}'`).join(', ');
      reasons.push(`${absent.map((n) => `'${n}'`).join(', ')} ${absent.length > 1 ? 'are' : 'is'} neither among the objects nor synced by a `
        + `SecretProviderClass, while the runs get their credentials from SecretProviderClass ${classes} through CSI, which Chains never reads`);
    }
    const problem = listed.length === 0
      ? `lists no Secret, but ${stores}`
      : `lists no Secret Chains can push with: ${reasons.join('; ')}; ${stores}`;
    return [{ property: 'secrets', value: listed.length > 0 ? listed.join(', ') : undefined, problem }];
  },
);
