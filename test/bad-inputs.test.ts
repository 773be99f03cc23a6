/**
 * The bad-input catalogue: one row per distinct bad input, across every construct,
 * each with the exact message (construct path, property, value, rule ID and fix).
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import {
  AccessMode, ApiVerb, Capability, ChainsConfig, ChainsSigner, Deploy, EgressPeer, EgressPort, GitClone, GitCredential,
  HardenedNamespace, ImageSigner, ImageVerificationTask, ImageVerify, LeastPrivilegeServiceAccount, ParamConstraint, PodSecurityLevel,
  RegistryCredential, RuleId, RunWorkspace,
  SecurePipeline, SecurePipelineRun, SecureTask, StepProps, SyncedSecretType, TektonFeatureFlags, TrustDomain, VaultSecretProviderClass,
  VerificationKey, VerificationMode, VerificationPolicy,
} from '../src';
import { PINNED, step } from './helpers/constructs';
import { SecureTektonError } from '../src/policy/errors';

const ns = () => new Chart(Testing.app(), 'bad', { namespace: 'ci' });
const KANIKO = `gcr.io/kaniko-project/executor:v1.23.2@sha256:${'e'.repeat(64)}`;
const synth = (c: Chart) => Testing.synth(c);

/** A chart with one task and a pipeline over it; `f` adds the bad part. */
function withTask(props: Partial<ConstructorParameters<typeof SecureTask>[2]>, synthIt = true) {
  const c = ns();
  new SecureTask(c, 't', { steps: [step()], ...props });
  if (synthIt) synth(c);
}
const withStep = (s: Partial<StepProps>) => withTask({ steps: [step(s)] });

function pipelineWith(f: (c: Chart, p: SecurePipeline, t: SecureTask) => void) {
  const c = ns();
  const t = new SecureTask(c, 't', { parameters: [{ name: 'url' }], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }], results: [{ name: 'sha' }], steps: [step()] });
  const p = new SecurePipeline(c, 'p', {
    parameters: [{ name: 'repo' }],
    workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
  });
  f(c, p, t);
  synth(c);
}

function run(props: Partial<ConstructorParameters<typeof SecurePipelineRun>[2]>) {
  const c = ns();
  const p = new SecurePipeline(c, 'p', { parameters: [{ name: 'repo' }], workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }] });
  p.addTask({ task: new SecureTask(c, 't', { steps: [step()] }) });
  new SecurePipelineRun(c, 'r', { pipeline: p, parameters: { repo: 'x' }, workspaces: { src: RunWorkspace.emptyDir() }, ...props });
  synth(c);
}

const vault = (props: Partial<ConstructorParameters<typeof VaultSecretProviderClass>[2]> = {}, c = ns()) => new VaultSecretProviderClass(c, 'v', {
  vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: [{ objectName: 'config.json', secretPath: 'secret/data/r', secretKey: 'c' }], ...props,
});

const KEY = 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

const CASES: Array<[string, RuleId, () => unknown, string]> = [
  // SecureTask: steps
  ['unpinned image', RuleId.IMAGE_DIGEST, () => withStep({ image: 'golang:1.22' }),
    "SecureTask 'bad/t' step 'run': image \"golang:1.22\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"golang@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'run'."],
  ['root step', RuleId.RUN_AS_NON_ROOT, () => withStep({ runAsUser: 0 }),
    "SecureTask 'bad/t' step 'run': runAsUser \"0\" runs as root [RUN_AS_NON_ROOT]. Remove runAsUser (the default is UID 65532), or add relaxations: [{ rule: RuleId.RUN_AS_NON_ROOT, reason: '<why>' }] to step 'run'."],
  ['privilege escalation', RuleId.NO_PRIVILEGE_ESCALATION, () => withStep({ allowPrivilegeEscalation: true }),
    "SecureTask 'bad/t' step 'run': allowPrivilegeEscalation \"true\" lets processes gain privileges [NO_PRIVILEGE_ESCALATION]. Remove allowPrivilegeEscalation, or add relaxations: [{ rule: RuleId.NO_PRIVILEGE_ESCALATION, reason: '<why>' }] to step 'run'."],
  ['added capability', RuleId.DROP_ALL_CAPABILITIES, () => withStep({ addCapabilities: [Capability.SETUID] }),
    "SecureTask 'bad/t' step 'run': addCapabilities \"SETUID\" adds capabilities back [DROP_ALL_CAPABILITIES]. Remove addCapabilities, or add relaxations: [{ rule: RuleId.DROP_ALL_CAPABILITIES, reason: '<why>' }] to step 'run'."],
  ['writable root filesystem', RuleId.READ_ONLY_ROOT_FILESYSTEM, () => withStep({ writableRootFilesystem: true }),
    "SecureTask 'bad/t' step 'run': writableRootFilesystem \"true\" makes the root filesystem writable [READ_ONLY_ROOT_FILESYSTEM]. Remove writableRootFilesystem (write to /tmp or $HOME instead), or add relaxations: [{ rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: '<why>' }] to step 'run'."],
  ['script without #!', RuleId.SCRIPT_SHEBANG, () => withStep({ script: 'make' }),
    "SecureTask 'bad/t' step 'run': script \"make\" does not start with a #! line [SCRIPT_SHEBANG]. Start the script with an interpreter line such as \"#!/bin/sh\", or add relaxations: [{ rule: RuleId.SCRIPT_SHEBANG, reason: '<why>' }] to step 'run'."],
  ['inline $(params.x) in a script', RuleId.SCRIPT_INJECTION, () => withTask({ parameters: [{ name: 'ref' }], steps: [step({ script: '#!/bin/sh\ngit checkout $(params.ref)' })] }),
    "SecureTask 'bad/t' step 'run': script \"$(params.ref)\" pastes a substitution into a script [SCRIPT_INJECTION]. Pass it through env instead: env: { REF: '$(params.ref)' }, and use \"$REF\" (quoted) in the script."],
  ['inline $(params.x) in sh -c args', RuleId.SCRIPT_INJECTION, () => withTask({ parameters: [{ name: 'ref' }], steps: [step({ script: undefined, command: ['bash', '-c'], args: ['git checkout $(params.ref)'] })] }),
    "SecureTask 'bad/t' step 'run': args[0] \"$(params.ref)\" pastes a substitution into the arguments of bash, which runs them as code [SCRIPT_INJECTION]. Pass it through env instead: env: { REF: '$(params.ref)' }, and use \"$REF\" (quoted) in the shell code bash runs, as data."],
  ['unpinned sidecar', RuleId.IMAGE_DIGEST, () => withTask({ sidecars: [{ name: 'db', image: 'postgres:16' }] }),
    "SecureTask 'bad/t' sidecar 'db': image \"postgres:16\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"postgres@sha256:<64 hex>\", or add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to sidecar 'db'."],
  ['script and command', RuleId.VALID_SPEC, () => withStep({ command: ['make'] }),
    "SecureTask 'bad/t' step 'run': command \"make\" is set together with script [VALID_SPEC]. Use either script (with a #! line) or command and args, not both."],
  ['neither script nor command', RuleId.VALID_SPEC, () => withStep({ script: undefined }),
    "SecureTask 'bad/t' step 'run': script is missing (and so is command) [VALID_SPEC]. Give the step a script starting with a #! line, or a command."],
  ['invalid step name', RuleId.VALID_NAME, () => withStep({ name: 'Run Tests' }),
    "SecureTask 'bad/t' step 'Run Tests': name \"Run Tests\" is not a DNS-1123 label [VALID_NAME]. Use at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit."],
  ['duplicate step', RuleId.VALID_NAME, () => withTask({ steps: [step(), step()] }),
    "SecureTask 'bad/t': steps \"run\" is declared twice [VALID_NAME]. Give each one a distinct name."],
  ['undeclared param in env', RuleId.VALID_REFERENCE, () => withStep({ env: { X: '$(params.nope)' } }),
    "SecureTask 'bad/t' step 'run': env.X \"$(params.nope)\" references an undeclared param 'nope' [VALID_REFERENCE]. Declare it (parameters: [{ name: 'nope' }] in the SecureTask's props), or fix the name (the task declares no param)."],
  ['default breaking its constraint', RuleId.VALID_SPEC, () => withTask({ parameters: [{ name: 'tag', defaultValue: 'v1;rm', constraint: ParamConstraint.imageTag() }] }),
    "SecureTask 'bad/t': parameters[tag].defaultValue \"v1;rm\" is not an image tag [VALID_SPEC]. Give a default that satisfies the constraint, or none."],
  ['credentials workspace on an untrusted task', RuleId.CREDENTIALS_TRUSTED_TASK, () => withTask({ workspaces: [{ name: 'key', domain: TrustDomain.CREDENTIALS }] }),
    "SecureTask 'bad/t': workspaces \"key\" is a credentials workspace on a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Mark the task trusted (trusted: true) only if it runs no user code; otherwise give the credential to a separate trusted task."],
  ['reason shorter than 10 characters', RuleId.RELAXATION_REASON, () => withStep({ relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'legacy' }] }),
    "SecureTask 'bad/t' step 'run': relaxations[0].reason \"legacy\" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report."],
  ['relaxing a rule that cannot be relaxed', RuleId.RELAXATION_REASON, () => withTask({ relaxations: [{ rule: RuleId.NOT_PRIVILEGED, reason: 'docker in docker build' }] }),
    "SecureTask 'bad/t': relaxations[0].rule \"NOT_PRIVILEGED\" names a rule that cannot be relaxed [RELAXATION_REASON]. Remove this relaxation and comply with the rule."],

  // SecurePipeline
  ['unknown runAfter', RuleId.VALID_DAG, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, parameters: { url: 'x' }, workspaces: { src: 'src' }, runAfter: ['fetch'] }); }),
    "SecurePipeline 'bad/p' task 't': runAfter \"fetch\" names a task that is not in the pipeline [VALID_DAG]. Use one of: t."],
  ['cycle', RuleId.VALID_DAG, () => pipelineWith((_c, p, t) => {
    p.addTask({ task: t, name: 'a', parameters: { url: 'x' }, workspaces: { src: 'src' }, runAfter: ['b'] });
    p.addTask({ task: t, name: 'b', parameters: { url: '$(tasks.a.results.sha)' }, workspaces: { src: 'src' } });
  }), "SecurePipeline 'bad/p' task 'a': runAfter \"a -> b -> a\" forms a cycle [VALID_DAG]. Remove one runAfter or result reference so that the tasks form a DAG."],
  ['duplicate pipeline task', RuleId.VALID_DAG, () => pipelineWith((_c, p, t) => {
    p.addTask({ task: t, parameters: { url: 'x' }, workspaces: { src: 'src' } });
    p.addTask({ task: t, parameters: { url: 'x' }, workspaces: { src: 'src' } });
  }), "SecurePipeline 'bad/p': tasks \"t\" is declared twice [VALID_DAG]. Give each one a distinct name."],
  ['invalid pipeline name', RuleId.VALID_NAME, () => new SecurePipeline(ns(), 'Build_All'),
    "SecurePipeline 'bad/Build_All': name \"Build_All\" is not a DNS-1123 label (the name defaults to the construct id) [VALID_NAME]. Give the construct a name (name: 'build-all') or a lower-case id: at most 63 lower-case letters, digits and \"-\", starting and ending with a letter or digit."],
  ['unknown task param', RuleId.VALID_REFERENCE, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, parameters: { url: 'x', depth: '1' }, workspaces: { src: 'src' } }); }),
    "SecurePipeline 'bad/p' task 't': parameters.depth \"1\" is not a param of task 't' [VALID_REFERENCE]. Use one of: url."],
  ['undeclared pipeline param', RuleId.VALID_REFERENCE, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, parameters: { url: '$(params.git-url)' }, workspaces: { src: 'src' } }); }),
    "SecurePipeline 'bad/p' task 't': parameters.url \"$(params.git-url)\" references an undeclared pipeline param 'git-url' [VALID_REFERENCE]. Use a param the pipeline declares ('repo'), or declare it: add { name: 'git-url' } to the SecurePipeline's parameters."],
  ['missing required task param', RuleId.VALID_REFERENCE, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, workspaces: { src: 'src' } }); }),
    "SecurePipeline 'bad/p' task 't': parameters \"url\" is required by the task but not passed [VALID_REFERENCE]. Pass it in the task's addTask(...) options: parameters: { url: '<value>' }."],
  ['undeclared result', RuleId.VALID_REFERENCE, () => pipelineWith((_c, p, t) => {
    p.addTask({ task: t, name: 'a', parameters: { url: 'x' }, workspaces: { src: 'src' } });
    p.addTask({ task: t, name: 'b', parameters: { url: '$(tasks.a.results.digest)' }, workspaces: { src: 'src' } });
  }), "SecurePipeline 'bad/p' task 'b': parameters.url \"$(tasks.a.results.digest)\" references result 'digest' that task 'a' does not declare [VALID_REFERENCE]. Use a result it declares ('sha'), or declare 'digest' in the props of SecureTask 'bad/t': results: [{ name: 'sha' }, { name: 'digest' }], and write it from a step (to the file $(results.digest.path))."],
  ['unbound task workspace', RuleId.VALID_REFERENCE, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, parameters: { url: 'x' } }); }),
    "SecurePipeline 'bad/p' task 't': workspaces \"src\" is required by the task but not bound [VALID_REFERENCE]. Bind it in the task's addTask(...) options: workspaces: { src: 'src' }."],
  ['credentials bound to an untrusted task', RuleId.CREDENTIALS_TRUSTED_TASK, () => pipelineWith((_c, p, t) => { p.addTask({ task: t, parameters: { url: 'x' }, workspaces: { src: 'creds' } }); }),
    "SecurePipeline 'bad/p' task 't': workspaces.src \"creds\" is a credentials workspace bound to a task not marked trusted [CREDENTIALS_TRUSTED_TASK]. Bind credentials only to a task that runs no user code (trusted: true in its SecureTask props), or move the step that needs them into a task of its own."],
  ['task timeout over the pipeline timeout', RuleId.VALID_SPEC, () => pipelineWith((_c, p, t) => {
    p.addTask({ task: t, parameters: { url: 'x' }, workspaces: { src: 'src' }, timeout: Duration.hours(2) });
  }), "SecurePipeline 'bad/p' task 't': timeout \"2h0m0s\" is longer than the pipeline timeout 1h0m0s [VALID_SPEC]. "
    + "Give the task at most the pipeline's timeout (timeout: Duration.hours(1) in its addTask options, or none: the pipeline's then applies), "
    + "or lengthen the pipeline's (timeout: Duration.hours(2) in the SecurePipeline props)."],

  // SecurePipelineRun
  ['RWX volume', RuleId.WORKSPACE_PER_RUN, () => run({ workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1), accessMode: AccessMode.READ_WRITE_MANY }) } }),
    "SecurePipelineRun 'bad/r' workspace 'src': accessMode \"AccessMode.READ_WRITE_MANY\" is not ReadWriteOnce, so pods of other runs and nodes can mount the volume at once [WORKSPACE_PER_RUN]. Leave accessMode out (AccessMode.READ_WRITE_ONCE, the default). Or relax WORKSPACE_PER_RUN with a reason in its props: relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/src', reason: '<why>' }]."],
  ['shared PVC', RuleId.WORKSPACE_PER_RUN, () => run({ workspaces: { src: RunWorkspace.persistentVolumeClaim('cache') } }),
    "SecurePipelineRun 'bad/r' workspace 'src': persistentVolumeClaim.claimName \"cache\" is a shared PersistentVolumeClaim [WORKSPACE_PER_RUN]. Use a volumeClaimTemplate with accessModes [ReadWriteOnce] (RunWorkspace.volumeClaimTemplate). Or relax WORKSPACE_PER_RUN with a reason in its props: relaxations: [{ rule: RuleId.WORKSPACE_PER_RUN, target: 'workspace/src', reason: '<why>' }]."],
  ['missing run param', RuleId.VALID_REFERENCE, () => run({ parameters: {} }),
    "SecurePipelineRun 'bad/r': parameters \"repo\" is required by the pipeline but not passed [VALID_REFERENCE]. Pass it: parameters: { repo: '<value>' }."],
  ['Secret on a source workspace', RuleId.VALID_REFERENCE, () => run({ workspaces: { src: RunWorkspace.secret('token') } }),
    "SecurePipelineRun 'bad/r': workspaces.src \"src\" binds secret values to a workspace of domain 'source' [VALID_REFERENCE]. Bind Secrets and Vault volumes only to a workspace of domain credentials (which only trusted tasks receive): "
      + "declare it in the pipeline's workspaces as { name: 'src', domain: TrustDomain.CREDENTIALS }."],

  // Identity
  ['RBAC wildcard API group', RuleId.RBAC_NO_WILDCARD, () => { const c = ns(); new LeastPrivilegeServiceAccount(c, 'sa').grantApi({ apiGroup: '*', resource: 'configmaps', verbs: [ApiVerb.GET], resourceNames: ['x'] }); synth(c); },
    "LeastPrivilegeServiceAccount 'bad/sa' grant #1 (configmaps): apiGroup \"*\" is a wildcard [RBAC_NO_WILDCARD]. Grant each verb on each named resource (resourceNames). Or relax RBAC_NO_WILDCARD with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_WILDCARD, reason: '<why>' }]."],
  ['list on secrets', RuleId.RBAC_NO_SECRET_LISTING, () => { const c = ns(); new LeastPrivilegeServiceAccount(c, 'sa').grantApi({ resource: 'secrets', verbs: [ApiVerb.WATCH], resourceNames: ['x'] }); synth(c); },
    "LeastPrivilegeServiceAccount 'bad/sa' grant #1 (secrets): verbs \"watch\" lists or watches secrets [RBAC_NO_SECRET_LISTING]. Grant get on the named Secret instead. Or relax RBAC_NO_SECRET_LISTING with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_SECRET_LISTING, reason: '<why>' }]."],
  ['pods/exec', RuleId.RBAC_NO_ESCALATION, () => { const c = ns(); new LeastPrivilegeServiceAccount(c, 'sa').grantApi({ resource: 'pods/attach', verbs: [ApiVerb.CREATE], resourceNames: ['x'] }); synth(c); },
    "LeastPrivilegeServiceAccount 'bad/sa' grant #1: resource \"pods/attach\" is an escalation subresource [RBAC_NO_ESCALATION]. Remove the verb or subresource. Or relax RBAC_NO_ESCALATION with a reason in its props: relaxations: [{ rule: RuleId.RBAC_NO_ESCALATION, reason: '<why>' }]."],

  // Vault and credentials
  ['http Vault address', RuleId.VAULT_TLS, () => vault({ vaultAddress: 'http://vault:8200' }),
    "VaultSecretProviderClass 'bad/v': vaultAddress \"http://vault:8200\" is not an https:// URL [VAULT_TLS]. Reach Vault over https: vaultAddress: 'https://vault:8200' (give vaultCACertPath for a private CA); this rule cannot be relaxed."],
  ['both Vault mount paths', RuleId.VALID_SPEC, () => vault({ vaultKubernetesMountPath: 'k8s', vaultAuthMountPath: 'auth/k8s' }),
    "VaultSecretProviderClass 'bad/v': vaultAuthMountPath \"auth/k8s\" is set together with vaultKubernetesMountPath: the Vault CSI provider refuses the mount (\"cannot set both vaultKubernetesMountPath and vaultAuthMountPath\"), so the pod never starts [VALID_SPEC]. Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones."],
  ['duplicate Vault objectName', RuleId.VALID_NAME, () => vault({ objects: [{ objectName: 'a', secretPath: 'secret/data/a', secretKey: 'k' }, { objectName: 'a', secretPath: 'secret/data/b', secretKey: 'k' }] }),
    "VaultSecretProviderClass 'bad/v': objects[1].objectName \"a\" is also objects[0].objectName: the Vault CSI provider refuses the mount (\"each `objectName` "
    + 'within a SecretProviderClass must be unique, but the following keys were duplicated: a"), so the pod never starts [VALID_NAME]. Give each object a distinct '
    + 'objectName, the name of the file it is written to.'],
  ['secretObjects of an undeclared object', RuleId.VALID_REFERENCE, () => vault({ secretObjects: [{ secretName: 's', secretType: SyncedSecretType.OPAQUE, data: [{ key: 'k', objectName: 'token' }] }] }),
    "VaultSecretProviderClass 'bad/v': secretObjects[0].data[0].objectName \"token\" is not a declared object [VALID_REFERENCE]. Use one of: config.json."],
  ['credsStore in config.json', RuleId.VALID_SPEC, () => new RegistryCredential(ns(), 'r', { secretName: 'push', configJson: '{"auths":{"r":{}},"credsStore":"osxkeychain"}' }),
    "RegistryCredential 'bad/r': configJson.credsStore names a credential helper, which does not exist in a pod (no keychain, no helper binary) [VALID_SPEC]. Give a config.json with an \"auths\" entry per registry (e.g. from `docker login` with no credential helper configured)."],
  ['Secret data in the manifest', RuleId.NO_SECRET_MATERIAL, () => { const c = ns(); new RegistryCredential(c, 'r', { secretName: 'push', configJson: '{"auths":{"r.io":{"auth":"dTpw"}}}', writeSecret: true }); synth(c); },
    "RegistryCredential 'bad/r': stringData \".dockerconfigjson\" holds secret values [NO_SECRET_MATERIAL]. Reference an existing Secret or sync it from Vault (VaultSecretProviderClass secretObjects). Or relax NO_SECRET_MATERIAL with a reason in its props: relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>' }]."],
  // the step API gives secrets as files only: the fix says how, and the relaxation goes in the step's props
  ['a token in a step\'s env', RuleId.NO_SECRET_MATERIAL, () => withStep({ env: { GITHUB_TOKEN: `ghp_${'A1b2C3d4E5'.repeat(3)}123456` } }),
    "SecureTask 'bad/t' step 'run': env.GITHUB_TOKEN holds a GitHub token [NO_SECRET_MATERIAL]. Remove it from env and give the step the secret as a file: "
      + 'a workspace of TrustDomain.CREDENTIALS that the run binds to a Secret (RunWorkspace.secret, or RegistryCredential.workspace()/GitCredential.workspace()) '
      + "or to a Vault CSI volume (RunWorkspace.csi), or add relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: '<why>' }] to step 'run'."],
  ['SSH without known_hosts', RuleId.VALID_SPEC, () => new GitCredential(ns(), 'g', { secretName: 'key', url: 'git@github.com:a/b.git' }),
    "GitCredential 'bad/g': knownHosts is missing for an SSH credential [VALID_SPEC]. Give the host keys of github.com (e.g. from the host's published fingerprints, or `ssh-keyscan github.com` checked against them)."],
  ['basic-auth over http', RuleId.VALID_SPEC, () => new GitCredential(ns(), 'g', { secretName: 'key', url: 'http://git.example.com/a.git', knownHosts: KEY }),
    "GitCredential 'bad/g': url \"http://git.example.com/a.git\" is neither an https:// nor an SSH URL [VALID_SPEC]. Use https://host/path (basic-auth) or git@host:path / ssh://host/path (SSH); plain http and git:// send credentials in clear."],

  // Egress
  ['open CIDR', RuleId.EGRESS_NO_OPEN_CIDR, () => { const c = ns(); const p = new SecurePipeline(c, 'p'); p.addTask({ task: new SecureTask(c, 't', { steps: [step()] }) }); p.egress.allow(EgressPeer.cidr('::/0'), [EgressPort.tcp(443)]); synth(c); },
    "SecurePipeline 'bad/p' egress.allow() #1: peer \"::/0\" opens egress to every address [EGRESS_NO_OPEN_CIDR]. Allow the specific CIDR blocks the task needs (the git host, the registry). Or relax EGRESS_NO_OPEN_CIDR with a reason in the props of SecurePipeline 'bad/p', which made it: relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: '<why>' }]."],
  ['invalid CIDR', RuleId.VALID_SPEC, () => new SecurePipeline(ns(), 'p').egress.allow(EgressPeer.cidr('10.0.0.0/40'), [EgressPort.tcp(443)]),
    "SecurePipeline 'bad/p' egress.allow() #1: peer \"10.0.0.0/40\" is not a CIDR block [VALID_SPEC]. Write an IPv4 or IPv6 block with its prefix length, e.g. \"203.0.113.0/24\"."],
  ['port out of range', RuleId.VALID_SPEC, () => new SecurePipeline(ns(), 'p').egress.allow(EgressPeer.cidr('10.0.0.0/8'), [EgressPort.tcp(65536)]),
    "SecurePipeline 'bad/p' egress.allow() #1: ports \"65536\" is not a port between 1 and 65535 [VALID_SPEC]. Use a port number from 1 to 65535."],

  // Supply chain and cluster
  ['Chains signer none', RuleId.CHAINS_SIGNED, () => { const c = ns(); new ChainsConfig(c, 'chains', { oci: { signer: ChainsSigner.NONE } }); synth(c); }, "ChainsConfig 'bad/chains': data['artifacts.oci.signer'] \"none\" does not sign with x509 or kms [CHAINS_SIGNED]. Sign with x509 (the key in the signing-secrets Secret, or keyless through Fulcio) or kms. Or relax CHAINS_SIGNED with a reason in its props: relaxations: [{ rule: RuleId.CHAINS_SIGNED, reason: '<why>' }]."],
  ['unknown chains key', RuleId.CHAINS_KNOWN_KEYS, () => new ChainsConfig(ns(), 'chains', { additionalSettings: { 'artifacts.taskrun.signing-backend': 'x509' } }), "ChainsConfig 'bad/chains': data \"artifacts.taskrun.signing-backend\" is not a documented chains-config key [CHAINS_KNOWN_KEYS]. \"artifacts.taskrun.signing-backend\" is not a Chains v0.29 key (the signer is artifacts.taskrun.signer), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed."],
  ['VerificationPolicy in warn mode', RuleId.VERIFICATION_ENFORCED, () => {
    const c = ns();
    new VerificationPolicy(c, 'vp', { resources: ['^x$'], authorities: [{ name: 'k', key: VerificationKey.fromSecret({ secretName: 's', secretNamespace: 'ci' }) }], mode: VerificationMode.WARN, relaxations: [{ rule: RuleId.VERIFICATION_POLICY_USED, reason: 'the pipelines that fetch from x are synthesized by another app' }] });
    synth(c);
  }, "VerificationPolicy 'bad/vp': spec.mode \"warn\" lets resources that fail verification run [VERIFICATION_ENFORCED]. Set spec.mode \"enforce\" (VerificationMode.ENFORCE, the default). Or relax VERIFICATION_ENFORCED with a reason in its props: relaxations: [{ rule: RuleId.VERIFICATION_ENFORCED, reason: '<why>' }]."],
  ['weaker feature flag', RuleId.TEKTON_FEATURE_FLAGS, () => { const c = ns(); new TektonFeatureFlags(c, 'ff', { writableInjectedRootFilesystem: true }); synth(c); }, "TektonFeatureFlags 'bad/ff' flag 'set-security-context-read-only-root-filesystem': writableInjectedRootFilesystem \"true\" writes set-security-context-read-only-root-filesystem: \"false\", weaker than the hardened value [TEKTON_FEATURE_FLAGS]. Remove writableInjectedRootFilesystem (the default is hardened), or add relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag('set-security-context-read-only-root-filesystem'), reason: '<why>' }] to the props."],
  ['namespace below restricted', RuleId.NAMESPACE_RESTRICTED, () => { const c = ns(); new HardenedNamespace(c, 'n', { name: 'ci', warn: PodSecurityLevel.BASELINE }); synth(c); }, "HardenedNamespace 'bad/n' mode 'warn': warn \"PodSecurityLevel.BASELINE\" is weaker than restricted [NAMESPACE_RESTRICTED]. Remove warn (the default is PodSecurityLevel.RESTRICTED), or add relaxations: [{ rule: RuleId.NAMESPACE_RESTRICTED, target: RelaxationTarget.podSecurityMode('warn'), reason: '<why>' }] to the props."],
  ['http OIDC issuer for image verification', RuleId.VALID_SPEC, () => new ImageVerificationTask(ns(), 'verify', { certificateIdentity: 'dev@example.com', oidcIssuer: 'http://issuer' }),
    "ImageVerificationTask 'bad/verify': oidcIssuer \"http://issuer\" is not an https URL [VALID_SPEC]. Give an https URL, e.g. 'https://token.actions.githubusercontent.com'."],
  ['kaniko as a hardened step', RuleId.TOOL_REQUIREMENTS, () => withStep({
    image: KANIKO,
    command: ['/kaniko/executor'],
    script: undefined,
    runAsUser: 0,
    writableRootFilesystem: true,
    relaxations: [
      { rule: RuleId.RUN_AS_NON_ROOT, reason: 'kaniko unpacks the base image as root' },
      { rule: RuleId.READ_ONLY_ROOT_FILESYSTEM, reason: 'kaniko writes the layers over its own root' },
    ],
  }), "SecureTask 'bad/t' step 'run': addCapabilities \"unset (none)\" does not add CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID, SETFCAP back, "
    + 'but kaniko recreates the owners, modes (setgid bits: FSETID) and file capabilities (SETFCAP) of every file of the layers it unpacks [TOOL_REQUIREMENTS]. Add them back (addCapabilities: [Capability.CHOWN, '
    + 'Capability.DAC_OVERRIDE, Capability.FOWNER, Capability.SETUID, Capability.SETGID, Capability.FSETID, Capability.SETFCAP], with a relaxation of DROP_ALL_CAPABILITIES), or use ContainerBuild (root, '
    + 'a writable root filesystem and the capabilities kaniko needs, each relaxed with its reason, no credentials, --no-push) in a namespace whose Pod Security level '
    + "is baseline, and push its output with ImagePush, or add relaxations: [{ rule: RuleId.TOOL_REQUIREMENTS, reason: '<why>' }] to step 'run'."],
  ['git clone of a whole number of commits', RuleId.VALID_SPEC, () => new GitClone(ns(), 'clone', { depth: -2 }),
    "GitClone 'bad/clone': depth \"-2\" is not a whole number of commits from 0 to 2147483647 [VALID_SPEC]. Use depth: 1 (the commit alone), a larger number, or 0 for the whole history."],
  ['unbounded signature wait', RuleId.VALID_SPEC, () => new ImageVerify(ns(), 'verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://issuer.example.com', identity: 'dev@example.com' }), attempts: 1000 }),
    "ImageVerify 'bad/verify': attempts \"1000\" is not a whole number from 1 to 20 [VALID_SPEC]. Use attempts: 5 (the default) or another bound; the task's timeout must cover attempts x retryDelay."],
  ['deploy of every object', RuleId.VALID_SPEC, () => new Deploy(ns(), 'deploy', { objects: [{ resource: 'configmaps', name: '*' }] }),
    "Deploy 'bad/deploy': objects[0].name \"*\" is not an object name (a DNS-1123 subdomain) [VALID_SPEC]. Name one object exactly: no wildcards, no empty name."],
];

/** The message a case throws, or a failure when it does not throw the library's error. */
function thrown(f: () => unknown): SecureTektonError {
  try {
    f();
  } catch (e) {
    if (e instanceof SecureTektonError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

test('the catalogue has at least 40 distinct bad inputs', () => {
  expect(new Set(CASES.map(([name]) => name)).size).toBe(CASES.length);
  expect(CASES.length).toBeGreaterThanOrEqual(40);
});

test.each(CASES)('%s [%s]', (_name, rule, f, message) => {
  const e = thrown(f);
  expect(e.rule).toBe(rule);
  // every message names the construct path, the rule ID and a fix
  expect(e.message).toMatch(/^[A-Za-z]+ 'bad\/[^']+'/);
  expect(e.message).toContain(`[${rule}]. `);
  expect(e.message).toBe(message);
});

test('PINNED is a valid pinned image (sanity of the fixtures)', () => {
  expect(PINNED).toMatch(/@sha256:[a-f0-9]{64}$/);
});

test('the relaxations a refusal suggests work where it says: in the step\'s props, or in the props of the construct that made the refused one', () => {
  const token = `ghp_${'A1b2C3d4E5'.repeat(3)}123456`;
  expect(() => withStep({ env: { GITHUB_TOKEN: token }, relaxations: [{ rule: RuleId.NO_SECRET_MATERIAL, reason: 'a test token with no scope' }] })).not.toThrow();
  expect(() => withStep({
    image: KANIKO,
    script: undefined,
    command: ['/kaniko/executor'],
    args: ['--no-push'],
    relaxations: [{ rule: RuleId.TOOL_REQUIREMENTS, reason: 'a kaniko build that is expected to fail in this test' }],
  })).not.toThrow();
  const c = ns();
  const p = new SecurePipeline(c, 'p', { relaxations: [{ rule: RuleId.EGRESS_NO_OPEN_CIDR, reason: 'the linter fetches from anywhere' }] });
  p.addTask({ task: new SecureTask(c, 't', { steps: [step()] }) });
  p.egress.allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]);
  expect(() => synth(c)).not.toThrow();
});
