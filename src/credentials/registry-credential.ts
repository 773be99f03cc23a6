import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ChainsControllerServiceAccount } from './chains-controller-service-account';
import { secretNameOf, secretProblems } from './secret-reference';
import { LeastPrivilegeServiceAccount } from '../identity/least-privilege-service-account';
import { RunWorkspace } from '../pipeline/run-workspace';
import { ConstructPolicy } from '../policy/engine/construct-policy';
import { Relaxation } from '../policy/relaxation';
import { RuleId } from '../policy/rule-id';
import { dockerConfigProblem } from '../private/docker-config';
import { SyncedSecretType, VaultSecretProviderClass } from '../secrets/vault-secret-provider-class';

const KIND = 'RegistryCredential';

/**
 * Props of a RegistryCredential.
 */
export interface RegistryCredentialProps {
  /**
   * Name of the `kubernetes.io/dockerconfigjson` Secret (or give `secret`).
   * @default - the name of `secret`
   */
  readonly secretName?: string;
  /**
   * The Secret as a cdk8s-plus object (a `Secret` of this app, or one imported with
   * `Secret.fromSecretName`), instead of `secretName`: it is referenced, never
   * written a second time; one defined in this app must be of type
   * `kubernetes.io/dockerconfigjson` and in the credential's namespace.
   * @default - the Secret named `secretName`
   */
  readonly secret?: kplus.ISecret;
  /**
   * Fetch it from Vault: the SecretProviderClass must fetch an object named
   * `config.json`; runs mount it through the CSI driver (`workspace()`), and a
   * `secretObjects` entry syncing `secretName` is checked when present.
   * @default - an existing Secret named `secretName`
   */
  readonly vault?: VaultSecretProviderClass;
  /**
   * A `config.json` to check (`auths` required, `credsStore`/`credHelpers` refused; keys in any case, as registry clients read them).
   * It is not written into the YAML unless `writeSecret` is set.
   * @default - nothing to check
   */
  readonly configJson?: string;
  /**
   * Write the Secret, with `configJson` as its data, into the manifest; needs a
   * relaxation of NO_SECRET_MATERIAL.
   * @default false
   */
  readonly writeSecret?: boolean;
  /** Relaxations. @default - none */
  readonly relaxations?: Relaxation[];
}

/** Key of a dockerconfigjson Secret. */
const DOCKER_CONFIG_KEY = '.dockerconfigjson';
/** File name registry clients read. */
const CONFIG_FILE = 'config.json';

/**
 * Registry push credentials: a reference to a `kubernetes.io/dockerconfigjson`
 * Secret, or to a `config.json` fetched from Vault.
 *
 * No secret value reaches the YAML unless explicitly relaxed. Bind it with
 * `workspace()` to a credentials workspace, which only trusted tasks (push)
 * receive; it is mounted read-only as `config.json`.
 *
 * The workspace needs no RBAC grant and nothing listed on the run's ServiceAccount: the
 * kubelet mounts it. Do not call `grantRead` for a push credential (see there).
 *
 * @example
 * declare const pipeline: SecurePipeline; // with a workspace 'registry-credentials' of TrustDomain.CREDENTIALS
 * const registry = new RegistryCredential(chart, 'registry', { secretName: 'registry-push' });
 * new SecurePipelineRun(chart, 'run', {
 *   pipeline,
 *   workspaces: { 'registry-credentials': registry.workspace() },
 * });
 * // for Chains' signatures: listed under imagePullSecrets:, which creds-init does not read
 * registry.allowChainsToPush(pipeline.serviceAccount);
 */
export class RegistryCredential extends Construct {
  /** Name of the Secret. */
  public readonly secretName: string;
  /** The SecretProviderClass it comes from, if any. */
  public readonly vault?: VaultSecretProviderClass;

  private readonly policy: ConstructPolicy;

  constructor(scope: Construct, id: string, props: RegistryCredentialProps) {
    super(scope, id);
    this.policy = new ConstructPolicy(this, KIND);
    this.secretName = secretNameOf(this.policy, props.secretName, props.secret);
    this.vault = props.vault;
    this.policy.checkName('secretName', this.secretName);
    this.policy.relax(props.relaxations);
    if (props.secret) {
      const secret = props.secret;
      this.policy.check(() => secretProblems(this, secret, [SyncedSecretType.DOCKER_CONFIG_JSON]));
    }

    if (props.configJson !== undefined) {
      const problem = dockerConfigProblem(props.configJson);
      if (problem) {
        throw this.policy.error({
          property: problem.property,
          problem: problem.problem,
          rule: RuleId.VALID_SPEC,
          fix: 'Give a config.json with an "auths" entry per registry (e.g. from `docker login` with no credential helper configured).',
        });
      }
    }
    if (props.vault) this.checkVault(props.vault);
    if (props.writeSecret) {
      if (props.configJson === undefined || props.vault || props.secret) {
        throw this.policy.error({
          property: 'writeSecret',
          value: 'true',
          problem: props.vault ? 'is set for a Vault credential' : props.secret ? `is set together with secret '${props.secret.name}', which is written where it is defined` : 'is set without configJson',
          rule: RuleId.VALID_SPEC,
          fix: props.secret ? 'Leave writeSecret out: the Secret given as secret is the one the credential uses.' : 'Write a Secret only from a configJson, never for a Vault credential.',
        });
      }
      this.policy.emit(new k8s.KubeSecret(this, 'Secret', {
        metadata: { name: this.secretName },
        type: SyncedSecretType.DOCKER_CONFIG_JSON,
        stringData: { [DOCKER_CONFIG_KEY]: props.configJson },
      }));
    }
  }

  /**
   * The run binding: the Secret's `.dockerconfigjson` as `config.json`, or the Vault
   * CSI volume (which holds `config.json`), read-only. Bind it to a credentials
   * workspace.
   */
  public workspace(): RunWorkspace {
    return this.vault
      ? RunWorkspace.csi(this.vault)
      : RunWorkspace.secret(this.secretName, { items: [{ key: DOCKER_CONFIG_KEY, path: CONFIG_FILE }] });
  }

  /**
   * Grant `get` on the Secret by name and list it under the ServiceAccount's `secrets:`.
   *
   * A run does not need this: `workspace()` is mounted by the kubelet. Listed under
   * `secrets:`, a `kubernetes.io/dockerconfigjson` Secret is written by Tekton's creds-init
   * (on unless the feature flag `disable-creds-init` is `"true"`) into the home directory
   * (`~/.docker/config.json`) of every step of every run as that ServiceAccount, those that
   * run the repository's code (a Dockerfile's `RUN` lines, `npm ci`, `make`) included;
   * CREDENTIALS_WITH_REPO_CODE refuses such a run. The `get` grant lets a pod that mounts the
   * ServiceAccount's token read the Secret from the API server. Use it only for runs that run
   * no repository code in any step; for Chains' signatures use `allowChainsToPush`.
   */
  public grantRead(serviceAccount: LeastPrivilegeServiceAccount): void {
    serviceAccount.grantReadSecret(this.secretName);
  }

  /**
   * Let Tekton Chains push signatures and attestations of runs as `serviceAccount`:
   * Chains v0.29 pushes with the `kubernetes.io/dockerconfigjson` Secrets listed on the
   * run's ServiceAccount in the run's namespace (`imagePullSecrets` and `secrets`), so the
   * Secret is listed under its `imagePullSecrets:` (with no RBAC grant: Chains reads it with
   * its own permissions; under `secrets:`, Tekton's creds-init would mount it into every step). A Vault
   * credential must sync `secretName` as that Secret (`secretObjects` of its
   * SecretProviderClass); the CSI driver creates it while a run mounts the volume.
   * Checked across objects by CHAINS_STORAGE_CREDENTIALS.
   */
  public allowChainsToPush(serviceAccount: LeastPrivilegeServiceAccount): void {
    if (this.vault && !this.vault.syncedSecrets.some((s) => s.secretName === this.secretName)) {
      const add = `add secretObjects: [{ secretName: '${this.secretName}', secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '${DOCKER_CONFIG_KEY}', objectName: '${CONFIG_FILE}' }] }] to the VaultSecretProviderClass.`;
      // a Secret the class does sync for registry clients: most often secretName has a typo
      const usable = this.vault.syncedSecrets.filter((s) => s.secretType === SyncedSecretType.DOCKER_CONFIG_JSON
        && s.data.some((d) => d.key === DOCKER_CONFIG_KEY && d.objectName === CONFIG_FILE)).map((s) => s.secretName);
      const synced = this.vault.syncedSecrets.map((s) => `'${s.secretName}'`).join(', ');
      throw this.policy.error({
        property: 'vault.secretObjects',
        value: this.vault.name,
        problem: `does not sync '${this.secretName}'${synced ? ` (it syncs ${synced})` : ''}, so Chains, which reads only Secrets listed on the run's ServiceAccount, never sees the credential`,
        rule: RuleId.CHAINS_STORAGE_CREDENTIALS,
        fix: usable.length > 0
          ? `Name the Secret it syncs: secretName: '${usable[0]}' in the RegistryCredential's props, or ${add}`
          : `${add.charAt(0).toUpperCase()}${add.slice(1)}`,
      });
    }
    const here = Chart.of(this).namespace;
    const there = Chart.of(serviceAccount).namespace;
    if (here !== there) {
      throw this.policy.error({
        property: 'serviceAccount',
        value: serviceAccount.name,
        problem: `is in namespace '${there ?? '(none)'}', not '${here ?? '(none)'}' where the Secret is: Chains reads the Secrets of the run's namespace only`,
        rule: RuleId.CHAINS_STORAGE_CREDENTIALS,
        fix: 'Create the credential in the chart (namespace) of the pipeline whose runs push the image.',
      });
    }
    // not under `secrets:`, which Tekton's creds-init mounts into every step of every run (unless disabled)
    serviceAccount.listImagePullSecret(this.secretName);
  }

  /**
   * List the Secret on the Tekton Chains controller's ServiceAccount (`secrets:` and
   * `imagePullSecrets:`) in `tekton-chains`.
   *
   * @deprecated Chains v0.29 pushes with the Secrets of the run's ServiceAccount in the
   * run's namespace, never with its own: use `allowChainsToPush(serviceAccount)`.
   */
  public addToChainsServiceAccount(): void {
    ChainsControllerServiceAccount.of(this).addSecret(this.secretName);
  }

  private checkVault(vault: VaultSecretProviderClass): void {
    if (!vault.objectNames.includes(CONFIG_FILE)) {
      throw this.policy.error({
        property: 'vault',
        value: vault.name,
        problem: `fetches no object named '${CONFIG_FILE}'`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Add { objectName: '${CONFIG_FILE}', ... } to its objects: registry clients read that file.`,
      });
    }
    const synced = vault.syncedSecrets.find((s) => s.secretName === this.secretName);
    const ok = synced && synced.secretType === SyncedSecretType.DOCKER_CONFIG_JSON
      && synced.data.some((d) => d.key === DOCKER_CONFIG_KEY && d.objectName === CONFIG_FILE);
    if (synced && !ok) {
      throw this.policy.error({
        property: 'vault.secretObjects',
        value: this.secretName,
        problem: `is not synced as kubernetes.io/dockerconfigjson with key ${DOCKER_CONFIG_KEY} from ${CONFIG_FILE}`,
        rule: RuleId.VALID_REFERENCE,
        fix: `Sync it as { secretType: SyncedSecretType.DOCKER_CONFIG_JSON, data: [{ key: '${DOCKER_CONFIG_KEY}', objectName: '${CONFIG_FILE}' }] }.`,
      });
    }
    if (vault.namespaceName !== Chart.of(this).namespace) {
      throw this.policy.error({
        property: 'vault',
        value: vault.name,
        problem: `is in namespace '${vault.namespaceName ?? '(none)'}', not '${Chart.of(this).namespace ?? '(none)'}'`,
        rule: RuleId.VALID_REFERENCE,
        fix: 'Create the credential in the chart of its SecretProviderClass.',
      });
    }
  }
}
