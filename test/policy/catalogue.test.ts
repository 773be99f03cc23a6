/**
 * The catalogue as a whole: unique IDs, one mutation of hardened library output
 * per rule that breaks exactly that rule, documentation, the relaxable set, and
 * YAML not made by the library checked by every rule at once. Each rule's own
 * tests are in test/policy/rules/<rule file name>.test.ts.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { ChainsConfig, HardenedNamespace, IRuleContext, LeastPrivilegeServiceAccount, RemoteTask, RuleCatalogue, RuleId, TaskContent, TektonFeatureFlags, VaultSecretProviderClass, VerificationKey, VerificationPolicy, RunWorkspace, SecurePipeline, SecurePipelineRun, SecureTask, Severity, TrustDomain } from '../../src';
import { honouredRelaxations } from '../../src/policy/engine/annotations';
import { ruleContext } from '../../src/policy/engine/context';
import { coveringRelaxation } from '../../src/policy/engine/evaluate';
import { objectsOf, only, step } from '../helpers/constructs';
import { chainsConfig, HARDENED_CHAINS_DATA, task as hardenedTask, verificationPolicy } from './rules/fixtures';

/** Hardened Task, Pipeline and PipelineRun made by the library. */
function hardened() {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  new LeastPrivilegeServiceAccount(c, 'reader').grantReadSecret('git-key');
  new ChainsConfig(c, 'chains');
  new TektonFeatureFlags(c, 'flags');
  new HardenedNamespace(c, 'ns', { name: 'team' });
  // a task fetched from a bundle pinned by digest, and the policy that matches exactly its source
  const remoteTask = RemoteTask.fromBundle(c, 'remote-task', {
    bundle: `registry.example.com/tasks/build@sha256:${'c'.repeat(64)}`,
    content: TaskContent.fromYaml(JSON.stringify(hardenedTask())),
  });
  new SecurePipeline(c, 'remote').addTask({ task: remoteTask });
  new VerificationPolicy(c, 'vp', {
    remoteTasks: [remoteTask],
    authorities: [{ name: 'k', key: VerificationKey.fromSecret({ secretName: 'signing', secretNamespace: 'tekton-pipelines' }) }],
  });
  new VaultSecretProviderClass(c, 'vault', {
    vaultAddress: 'https://vault.example.com', roleName: 'ci', objects: [{ objectName: 'k', secretPath: 'secret/data/k', secretKey: 'v' }],
  });
  const t = new SecureTask(c, 'task', {
    parameters: [{ name: 'p' }],
    steps: [step({ env: { P: '$(params.p)' } })],
    workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }],
    trusted: true,
  });
  const pipeline = new SecurePipeline(c, 'pipe', {
    workspaces: [{ name: 'src', domain: TrustDomain.SOURCE }, { name: 'creds', domain: TrustDomain.CREDENTIALS }],
  });
  pipeline.addTask({ task: t, parameters: { p: 'x' }, workspaces: { creds: 'creds' } });
  new SecurePipelineRun(c, 'run', {
    pipeline,
    workspaces: { src: RunWorkspace.volumeClaimTemplate({ storage: Size.gibibytes(1) }), creds: RunWorkspace.secret('c') },
  });
  return {
    task: only(c, 'Task'),
    pipeline: objectsOf(c, 'Pipeline').find((p: any) => p.metadata.name === 'pipe'),
    remotePipeline: objectsOf(c, 'Pipeline').find((p: any) => p.metadata.name === 'remote'),
    run: only(c, 'PipelineRun'),
    role: only(c, 'Role'),
    binding: only(c, 'RoleBinding'),
    spc: only(c, 'SecretProviderClass'),
    netpol: objectsOf(c, 'NetworkPolicy').find((p: any) => p.metadata.name === 'pipe-dns'),
    chains: objectsOf(c, 'ConfigMap').find((m: any) => m.metadata.name === 'chains-config'),
    flags: objectsOf(c, 'ConfigMap').find((m: any) => m.metadata.name === 'feature-flags'),
    ns: only(c, 'Namespace'),
    defaultDeny: objectsOf(c, 'NetworkPolicy').find((p: any) => p.metadata.name === 'default-deny'),
    vp: only(c, 'VerificationPolicy'),
    secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'git', annotations: { 'tekton.dev/git-0': 'github.com' } }, type: 'Opaque' },
    reader: objectsOf(c, 'ServiceAccount').find((s: any) => s.metadata.name === 'reader'),
  };
}

/** Checked together with a PipelineRun that binds the pipeline's `creds` workspace to a Secret (so it carries credentials). */
const withSecretRun = (pipeline: any) => ruleContext([pipeline, {
  kind: 'PipelineRun',
  metadata: { generateName: 'pipe-run-' },
  spec: { pipelineRef: { name: pipeline.metadata.name }, workspaces: [{ name: 'creds', secret: { secretName: 'registry' } }] },
}]);

const rulesOf = (manifest: any, context?: IRuleContext) => [...new Set(RuleCatalogue.check(manifest, context).map((f) => f.rule))];

type Hardened = ReturnType<typeof hardened>;

/** [rule, mutation of a hardened object that breaks exactly that rule, the objects checked with it (default: none; a pipeline: withSecretRun)] */
const breakers: Array<[RuleId, keyof Hardened, (m: any) => void, ((m: any, h: Hardened) => IRuleContext)?]> = [
  [RuleId.IMAGE_DIGEST, 'task', (m) => { m.spec.steps[0].image = 'alpine:3'; }],
  [RuleId.NOT_PRIVILEGED, 'task', (m) => { m.spec.steps[0].securityContext.privileged = true; }],
  [RuleId.RUN_AS_NON_ROOT, 'task', (m) => { m.spec.steps[0].securityContext.runAsUser = 0; }],
  [RuleId.NO_PRIVILEGE_ESCALATION, 'task', (m) => { m.spec.steps[0].securityContext.allowPrivilegeEscalation = true; }],
  [RuleId.DROP_ALL_CAPABILITIES, 'task', (m) => { m.spec.steps[0].securityContext.capabilities = { drop: ['NET_RAW'] }; }],
  [RuleId.SECCOMP_RUNTIME_DEFAULT, 'task', (m) => { m.spec.steps[0].securityContext.seccompProfile = { type: 'Unconfined' }; }],
  [RuleId.READ_ONLY_ROOT_FILESYSTEM, 'task', (m) => { m.spec.steps[0].securityContext.readOnlyRootFilesystem = false; }],
  [RuleId.WRITABLE_SCRATCH, 'task', (m) => { m.spec.steps[0].volumeMounts = []; }],
  [RuleId.COMPUTE_RESOURCES, 'task', (m) => { delete m.spec.steps[0].computeResources.limits.memory; delete m.spec.stepTemplate.computeResources.limits.memory; }],
  [RuleId.SCRIPT_SHEBANG, 'task', (m) => { m.spec.steps[0].script = 'echo hi'; }],
  [RuleId.ABSOLUTE_PATHS, 'task', (m) => { m.spec.steps[0].workingDir = 'build'; }],
  [RuleId.SCRIPT_INJECTION, 'task', (m) => { m.spec.steps[0].script = '#!/bin/sh\necho $(params.p)'; }],
  // a step that prints the file of a Secret volume it mounts
  [RuleId.SECRET_IN_LOGS, 'task', (m) => {
    m.spec.volumes.push({ name: 'reg', secret: { secretName: 'reg' } });
    m.spec.steps[0].volumeMounts.push({ name: 'reg', mountPath: '/etc/reg', readOnly: true });
    m.spec.steps[0].script = '#!/bin/sh\ncat /etc/reg/token';
  }],
  [RuleId.TEMPLATE_INJECTION, 'task', (m) => { m.metadata.labels = { title: '{{ body.pull_request.title }}' }; }],
  [RuleId.NO_HOST_ACCESS, 'task', (m) => { m.spec.volumes.push({ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }); }],
  [RuleId.DEFAULT_ISOLATION, 'task', (m) => { m.spec.steps[0].securityContext.procMount = 'Unmasked'; }],
  [RuleId.RUN_POD_OVERRIDES, 'run', (m) => { m.spec.taskRunTemplate.podTemplate.env = [{ name: 'LD_PRELOAD', value: '/x.so' }]; }],
  [RuleId.ARGUMENT_INJECTION, 'task', (m) => { delete m.spec.steps[0].script; m.spec.steps[0].command = ['git']; m.spec.steps[0].args = ['clone', '$(params.p)']; }],
  [RuleId.MOUNT_PATH_FIXED, 'task', (m) => { m.spec.workspaces = [...(m.spec.workspaces ?? []), { name: 'cache', mountPath: '/cache/$(params.p)' }]; }],
  [RuleId.SECRET_REFERENCE_FIXED, 'task', (m) => { m.spec.steps[0].env = [...m.spec.steps[0].env, { name: 'T', valueFrom: { secretKeyRef: { name: '$(params.p)', key: 'k' } } }]; }],
  [RuleId.EXPANSION_INJECTION, 'task', (m) => { m.spec.steps[0].env = [{ name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, ...m.spec.steps[0].env]; }],
  // the task holds the credentials workspace, which a run binds to a Secret
  [RuleId.CREDENTIALS_TRUSTED_TASK, 'pipeline', () => undefined],
  [RuleId.RELAXATION_REASON, 'task', (m) => { m.metadata.annotations = { 'secure-tekton/relax.NOT_PRIVILEGED': '*: the build needs a privileged daemon' }; }],
  // the run leaves the pipeline's required `creds` workspace unbound: Tekton fails it (InvalidWorkspaceBindings)
  [RuleId.VALID_REFERENCE, 'run', (m) => { m.spec.workspaces = m.spec.workspaces.filter((w: any) => w.name !== 'creds'); }, (m, h) => ruleContext([m, h.pipeline])],
  [RuleId.AFFINITY_ASSISTANT_CLAIMS, 'run', (m) => {
    // one pipeline task given the run's two claims (src and a second template)
    m.spec.workspaces.push({ name: 'cache', volumeClaimTemplate: m.spec.workspaces.find((w: any) => w.name === 'src').volumeClaimTemplate });
    m.spec.pipelineSpec = { workspaces: [{ name: 'src' }, { name: 'cache' }, { name: 'creds' }], tasks: [{ name: 'build', taskRef: { name: 'build' }, workspaces: [{ name: 'src', workspace: 'src' }, { name: 'cache', workspace: 'cache' }] }] };
    delete m.spec.pipelineRef;
  }],
  [RuleId.EMPTY_DIR_NOT_SHARED, 'run', (m) => {
    // the source workspace bound to an emptyDir, cloned into by one task and built from by the next
    m.spec.workspaces[m.spec.workspaces.findIndex((w: any) => w.name === 'src')] = { name: 'src', emptyDir: {} };
    m.spec.pipelineSpec = {
      workspaces: [{ name: 'src' }, { name: 'creds' }],
      tasks: [
        { name: 'clone', taskRef: { name: 'clone' }, workspaces: [{ name: 'output', workspace: 'src' }] },
        { name: 'build', taskRef: { name: 'build' }, runAfter: ['clone'], workspaces: [{ name: 'source', workspace: 'src' }] },
      ],
    };
    delete m.spec.pipelineRef;
  }],
  [RuleId.RBAC_NAMED_SUBJECTS, 'binding', (m) => { m.subjects.push({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }); }],
  [RuleId.WORKSPACE_PER_RUN, 'run', (m) => { m.spec.workspaces[m.spec.workspaces.findIndex((w: any) => w.name === 'src')] = { name: 'src', persistentVolumeClaim: { claimName: 'shared' } }; }],
  [RuleId.RUN_SERVICE_ACCOUNT, 'run', (m) => { m.spec.taskRunTemplate.serviceAccountName = 'default'; }],
  [RuleId.RUN_TOKEN_AUTOMOUNT, 'run', (m) => { delete m.spec.taskRunTemplate.podTemplate.automountServiceAccountToken; }],
  [RuleId.RUN_TOKEN_AUTOMOUNT, 'run', (m) => { m.spec.taskRunSpecs = [{ pipelineTaskName: 'task', podTemplate: { automountServiceAccountToken: true } }]; }],
  [RuleId.RUN_POD_SECURITY_CONTEXT, 'run', (m) => { delete m.spec.taskRunTemplate.podTemplate.securityContext.fsGroup; }],
  [RuleId.RUN_TIMEOUT, 'run', (m) => { m.spec.timeouts.pipeline = '0s'; }],
  [RuleId.RBAC_NAMESPACED, 'binding', (m) => { m.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }; }],
  [RuleId.RBAC_NO_WILDCARD, 'role', (m) => { m.rules[0].resourceNames = []; }],
  [RuleId.RBAC_NO_SECRET_LISTING, 'role', (m) => { m.rules[0].verbs = ['get', 'list']; }],
  [RuleId.RBAC_NO_ESCALATION, 'role', (m) => { m.rules[0].verbs = ['get', 'impersonate']; }],
  [RuleId.VAULT_TLS, 'spc', (m) => { m.spec.parameters.vaultAddress = 'http://vault:8200'; }],
  [RuleId.VAULT_TLS, 'spc', (m) => { m.spec.parameters.vaultSkipTLSVerify = 'true'; }],
  // an object the provider fetches with a write
  [RuleId.VAULT_READ_ONLY, 'spc', (m) => { m.spec.parameters.objects = '- objectName: cert\n  secretPath: pki/issue/web\n  method: POST\n'; }],
  // a login token of the API server's audience
  [RuleId.VAULT_TOKEN_AUDIENCE, 'spc', (m) => { delete m.spec.parameters.audience; }],
  // an object written as a setuid file
  [RuleId.SECRETS_STORE_NO_SETUID, 'spc', (m) => { m.spec.parameters.objects = '- objectName: k\n  secretPath: secret/data/k\n  secretKey: v\n  filePermission: 0o40000755\n'; }],
  [RuleId.EGRESS_NO_OPEN_CIDR, 'netpol', (m) => { m.spec.egress[0].to = [{ ipBlock: { cidr: '0.0.0.0/0' } }]; }],
  [RuleId.EGRESS_SCOPED, 'netpol', (m) => { delete m.spec.egress[0].ports; }],
  [RuleId.CHAINS_KNOWN_KEYS, 'chains', (m) => { m.data['filter.managed-by'] = 'x'; }],
  [RuleId.CHAINS_KNOWN_KEYS, 'chains', (m) => { m.data['artifacts.taskrun.signing-backend'] = 'x509'; }],
  [RuleId.CHAINS_SIGNED, 'chains', (m) => { m.data['artifacts.oci.signer'] = 'none'; }],
  [RuleId.CHAINS_SLSA_PROVENANCE, 'chains', (m) => { delete m.data['artifacts.taskrun.format']; }],
  [RuleId.CHAINS_TRANSPARENCY, 'chains', (m) => { m.data['transparency.enabled'] = 'manual'; }],
  [RuleId.CHAINS_SECURE_STORAGE, 'chains', (m) => { m.data['storage.oci.repository.insecure'] = 'true'; }],
  [RuleId.VERIFICATION_ENFORCED, 'vp', (m) => { m.spec.mode = 'warn'; }],
  [RuleId.VERIFICATION_POLICY_USED, 'vp', (m) => { m.spec.resources = [{ pattern: '^registry\\.example\\.com/tasks/other$' }]; }, (m, h) => ruleContext([m, h.remotePipeline])],
  [RuleId.REMOTE_REFERENCE_PINNED, 'remotePipeline', (m) => { m.spec.tasks[0].taskRef.params[0].value = 'registry.example.com/tasks/build:1.0'; }, (m, h) => ruleContext([m, h.vp])],
  [RuleId.REMOTE_REFERENCE_PINNED, 'task', (m) => {
    // (a step that runs a StepAction has none of the fields the StepAction gives: Tekton's webhook refuses them beside a ref)
    for (const field of ['image', 'command', 'args', 'script', 'workingDir', 'env', 'volumeMounts', 'results']) delete m.spec.steps[0][field];
    m.spec.steps[0].ref = { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/example/actions.git' }, { name: 'revision', value: 'main' }, { name: 'pathInRepo', value: 'a.yaml' }] };
  }],
  [RuleId.REMOTE_REFERENCE_VERIFIED, 'remotePipeline', (m) => { m.spec.tasks[0].taskRef.params[0].value = `registry.example.com/tasks/other@sha256:${'c'.repeat(64)}`; }, (m, h) => ruleContext([m, h.vp])],
  [RuleId.TEKTON_FEATURE_FLAGS, 'flags', (m) => { m.data['set-security-context'] = 'false'; }],
  [RuleId.NAMESPACE_RESTRICTED, 'ns', (m) => { m.metadata.labels['pod-security.kubernetes.io/warn'] = 'baseline'; }],
  [RuleId.NO_SECRET_MATERIAL, 'secret', (m) => { m.stringData = { 'ssh-privatekey': '-----BEGIN' }; }],
  // a second Task of the same name, checked with it
  [RuleId.UNIQUE_OBJECTS, 'task', (m) => { m.spec.description = 'another'; }, (m, h) => ruleContext([m, h.task])],
  // a cosign step that verifies a keyless certificate, checked with Chains signing with the signing-secrets key
  [RuleId.CHAINS_SIGNER_VERIFIED, 'task', (m) => {
    delete m.spec.steps[0].script;
    m.spec.steps[0].command = ['cosign'];
    m.spec.steps[0].args = ['verify', '--certificate-identity=ops@example.com', '--certificate-oidc-issuer=https://accounts.google.com', 'img'];
  }, (m, h) => ruleContext([m, h.chains])],
  // the account a run of an image-producing task uses lists no Secret, checked with Chains storing in OCI
  [RuleId.CHAINS_STORAGE_CREDENTIALS, 'reader', (m) => { delete m.secrets; }, (m, h) => ruleContext([m, h.chains, h.pipeline,
    { ...h.task, spec: { ...h.task.spec, results: [{ name: 'IMAGE_URL', type: 'string' }] } },
    { ...h.run, spec: { ...h.run.spec, taskRunTemplate: { ...h.run.spec.taskRunTemplate, serviceAccountName: 'reader' } } }])],
  // a volume type the restricted namespace it runs in does not admit (NO_HOST_ACCESS, which a gitRepo volume also
  // breaks, relaxed: a relaxation does not change what the namespace admits)
  [RuleId.POD_SECURITY_ADMITTED, 'task', (m) => {
    m.metadata.namespace = 'team';
    m.metadata.annotations = { ...m.metadata.annotations, 'secure-tekton/relax.NO_HOST_ACCESS': '*: the cache is cloned by the node for this test' };
    m.spec.volumes.push({ name: 'cache', gitRepo: { repository: 'https://example.com/cache.git' } });
  }, (m, h) => ruleContext([m, h.ns])],
  // the trusted task's Task, checked with the pipeline, runs `make` beside the credentials it holds
  [RuleId.CREDENTIALS_WITH_REPO_CODE, 'pipeline', () => undefined, (m, h) => {
    const t = structuredClone(h.task);
    t.spec.steps[0].script = '#!/bin/sh\nmake\n';
    return ruleContext([...withSecretRun(m).manifests, t]);
  }],
  // a task that applies the manifests its workspace holds, in the pipeline beside a task that verifies an image with cosign
  [RuleId.DEPLOY_VERIFIED_IMAGE, 'pipeline', (m) => {
    m.spec.tasks.push({ name: 'verify', taskRef: { name: 'verify' } }, { name: 'deploy', taskRef: { name: 'deploy' } });
  }, (m, h) => {
    const runs = (name: string, command: string[]) => {
      const t = structuredClone(h.task);
      t.metadata.name = name;
      // (no required workspace or param left without a value: VALID_REFERENCE)
      t.spec.workspaces = [];
      t.spec.params = [];
      delete t.spec.steps[0].script;
      t.spec.steps[0].command = command;
      return t;
    };
    return ruleContext([...withSecretRun(m).manifests, runs('verify', ['cosign', 'verify', '--key', 'k8s://ci/cosign', 'img']),
      runs('deploy', ['kubectl', 'apply', '--filename=$(workspaces.manifests.path)'])]);
  }],
  // the HardenedNamespace's default-deny policy is for its own namespace, not this one
  [RuleId.NAMESPACE_DEFAULT_DENY, 'ns', (m) => { m.metadata.name = 'other'; }, (m, h) => ruleContext([m, h.defaultDeny])],
  // crane with a read-only root and no HOME (nor DOCKER_CONFIG) set
  [RuleId.TOOL_REQUIREMENTS, 'task', (m) => {
    m.spec.steps[0].image = `gcr.io/go-containerregistry/crane@sha256:${'a'.repeat(64)}`;
    m.spec.steps[0].script = '#!/bin/sh\ncrane version\n';
    m.spec.stepTemplate.env = [];
  }],
  // a kind the API server does not serve: a typo of Namespace
  [RuleId.SERVED_KINDS, 'ns', (m) => { m.kind = 'NameSpace'; }],
  // a pipeline task that runs after a task the pipeline does not have, which Tekton's webhook refuses
  [RuleId.TEKTON_ADMITTED, 'pipeline', (m) => { m.spec.tasks[0].runAfter = ['nowhere']; }],
  // a second spelling of a volume's emptyDir, which Tekton's webhook decodes into the same field
  [RuleId.TEKTON_FIELD_NAMES, 'task', (m) => { m.spec.volumes[0].EmptyDir = { medium: 'Memory' }; }],
  // the credentials bound as a Vault CSI volume the driver refuses to mount: not read-only
  [RuleId.SECRETS_STORE_MOUNTABLE, 'run', (m) => {
    m.spec.workspaces = m.spec.workspaces.map((w: any) => (w.name === 'creds'
      ? { name: 'creds', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault' } } }
      : w));
  }],
  // (no construct writes Triggers' objects) the namespace's manifest rewritten into an EventListener whose github
  // interceptor is given no webhook secret, so it checks no signature
  [RuleId.TRIGGERS_AUTHENTICATED, 'ns', (m) => {
    for (const k of Object.keys(m)) delete m[k];
    Object.assign(m, {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: { triggers: [{ name: 'push', interceptors: [{ ref: { name: 'github' }, params: [{ name: 'eventTypes', value: ['push'] }] }], template: { ref: 'build' } }] },
    });
  }],
  // (no construct writes Triggers' objects) the namespace's manifest rewritten into a TriggerTemplate that escapes
  // the quotes of the values it pastes once more (old-escape-quotes)
  [RuleId.TRIGGERS_ESCAPED_PARAMS, 'ns', (m) => {
    for (const k of Object.keys(m)) delete m[k];
    Object.assign(m, {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'TriggerTemplate',
      metadata: { name: 'build', namespace: 'ci', annotations: { 'triggers.tekton.dev/old-escape-quotes': 'true' } },
      spec: { params: [{ name: 'title' }], resourcetemplates: [{ apiVersion: 'v1', kind: 'ConfigMap', data: { title: '$(tt.params.title)' } }] },
    });
  }],
  // (no construct writes Triggers' objects) the namespace's manifest rewritten into an EventListener whose trigger group
  // holds a null interceptor, which the sink dereferences (after the interceptor that checks the sender: before it, TRIGGERS_AUTHENTICATED's too)
  [RuleId.TRIGGERS_RUNNABLE, 'ns', (m) => {
    for (const k of Object.keys(m)) delete m[k];
    Object.assign(m, {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      metadata: { name: 'ci', namespace: 'ci' },
      spec: {
        triggerGroups: [{
          name: 'push',
          interceptors: [{ ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] }, null],
          triggerSelector: { namespaceSelector: { matchNames: ['ci'] } },
        }],
      },
    });
  }],
];

describe('rule catalogue', () => {
  test('the library output complies with every rule', () => {
    const h = hardened();
    const all = [
      h.task, h.pipeline, h.remotePipeline, h.run, h.role, h.binding, h.spc, h.secret, h.netpol, h.chains, h.flags, h.ns, h.vp, h.defaultDeny,
    ];
    for (const m of all) expect(RuleCatalogue.check(m)).toEqual([]);
    // the remote task's pipeline and the policy, checked together
    expect(RuleCatalogue.check(h.remotePipeline, ruleContext([h.remotePipeline, h.vp]))).toEqual([]);
    expect(RuleCatalogue.check(h.vp, ruleContext([h.remotePipeline, h.vp]))).toEqual([]);
  });

  test('every rule has a breaking case, and every rule ID in the catalogue is unique', () => {
    const ids = RuleCatalogue.all().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...new Set(breakers.map(([id]) => id))].sort()).toEqual([...ids].sort());
  });

  // (a rest parameter: jest passes a done callback to a test function declaring more parameters than the row has)
  test.each(breakers)('%s: the mutation breaks exactly this rule', (rule, kind, mutate, ...[context]) => {
    const h = hardened();
    const m = structuredClone(h[kind]);
    mutate(m);
    // the relaxations the library recorded for other rules (a trusted task's credentials) hold
    const recorded = honouredRelaxations(m, '', (id) => RuleCatalogue.isRelaxable(id as RuleId)).filter((r) => r.rule !== rule);
    const found = RuleCatalogue.check(m, context ? context(m, h) : kind === 'pipeline' ? withSecretRun(m) : undefined)
      .filter((f) => coveringRelaxation(f, recorded) === undefined);
    expect([...new Set(found.map((f) => f.rule))]).toEqual([rule]);
  });

  test('a credentials workspace is known from the runs that bind it, not from annotations', () => {
    const m = structuredClone(hardened().pipeline);
    // without a run binding it to secret content, nothing says `creds` holds credentials
    expect(rulesOf(m, ruleContext([m]))).toEqual([]);
    expect(RuleCatalogue.check(m, withSecretRun(m)).map((f) => [f.location, f.target, f.value])).toEqual([["task 'task'", 'task/task', 'creds']]);
    // the library's trust record is a relaxation: the audit honours it (see the engine tests)
    expect(m.metadata.annotations['secure-tekton/relax.CREDENTIALS_TRUSTED_TASK']).toMatch(/^task\/task: runs Task 'task', which SecureTask '.*' marks trusted/);
  });

  test('every rule documents itself', () => {
    for (const r of RuleCatalogue.all()) {
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.rationale.length).toBeGreaterThan(40);
      expect(r.fix.length).toBeGreaterThan(20);
      expect(Object.values(Severity)).toContain(r.severity);
    }
  });

  test('non-relaxable rules are exactly the ones that must never be waived', () => {
    expect(RuleCatalogue.all().filter((r) => !r.relaxable).map((r) => r.id).sort()).toEqual(
      [
        RuleId.NOT_PRIVILEGED, RuleId.SCRIPT_INJECTION, RuleId.RELAXATION_REASON,
        RuleId.RBAC_NAMESPACED, RuleId.VAULT_TLS, RuleId.CHAINS_KNOWN_KEYS, RuleId.UNIQUE_OBJECTS,
        RuleId.POD_SECURITY_ADMITTED, RuleId.TEKTON_FIELD_NAMES, RuleId.VALID_REFERENCE, RuleId.TEKTON_ADMITTED,
      ].sort(),
    );
    expect(RuleCatalogue.isRelaxable(RuleId.VALID_DAG)).toBe(false);
    expect(RuleCatalogue.find(RuleId.VALID_DAG)).toBeUndefined();
  });
});

describe('rules on YAML not made by the library', () => {
  const securityContext = {
    runAsNonRoot: true,
    runAsUser: 1000,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
  const image = 'alpine@sha256:' + 'b'.repeat(64);

  test('a stepTemplate securityContext covers the steps', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        stepTemplate: { securityContext, computeResources: resources },
        steps: [{ name: 's', image, command: ['true'], volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    };
    expect(RuleCatalogue.check(task)).toEqual([]);
  });

  test('a step overrides the template field by field', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        stepTemplate: { securityContext, computeResources: resources },
        steps: [{ name: 's', image, command: ['true'], securityContext: { runAsUser: 0 }, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    };
    expect(RuleCatalogue.check(task).map((f) => [f.rule, f.location, f.property, f.value])).toEqual([
      [RuleId.RUN_AS_NON_ROOT, "step 's'", 'securityContext.runAsUser', '0'],
    ]);
  });

  test('embedded taskSpecs of a Pipeline are checked, with the task in the location', () => {
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 'build', taskSpec: { steps: [{ name: 'make', image: 'gcc:13', script: '#!/bin/sh\nmake' }] } }] },
    };
    const findings = RuleCatalogue.check(pipeline);
    expect(findings.find((f) => f.rule === RuleId.IMAGE_DIGEST)).toEqual({
      rule: RuleId.IMAGE_DIGEST,
      kind: 'Pipeline',
      name: 'p',
      location: "task 'build' step 'make'",
      target: 'task/build/step/make',
      property: 'image',
      value: 'gcc:13',
      problem: 'is not pinned by digest',
      fix: 'Use "gcc@sha256:<64 hex>".',
    });
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set([
      RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES,
      RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.READ_ONLY_ROOT_FILESYSTEM, RuleId.COMPUTE_RESOURCES,
    ]));
  });

  test('a TaskRun without service account, token setting or timeout (Tekton defaults the timeout)', () => {
    const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'r' }, spec: { taskRef: { name: 't' } } };
    expect(RuleCatalogue.check(run).map((f) => [f.rule, f.property, f.problem])).toEqual([
      [RuleId.RUN_SERVICE_ACCOUNT, 'serviceAccountName', 'is not set (the namespace default is used)'],
      [RuleId.RUN_TOKEN_AUTOMOUNT, 'podTemplate.automountServiceAccountToken', 'is not false'],
      [RuleId.RUN_POD_SECURITY_CONTEXT, 'podTemplate.securityContext.runAsNonRoot', 'is not true'],
      [RuleId.RUN_POD_SECURITY_CONTEXT, 'podTemplate.securityContext.fsGroup', 'is not set'],
      [RuleId.RUN_POD_SECURITY_CONTEXT, 'podTemplate.securityContext.seccompProfile.type', 'is not RuntimeDefault'],
    ]);
  });

  test('a hand-written hardened chains-config and VerificationPolicy pass every rule, in tekton-chains or without a namespace', () => {
    expect(RuleCatalogue.check(chainsConfig({ ...HARDENED_CHAINS_DATA }))).toEqual([]);
    expect(RuleCatalogue.check(chainsConfig({ ...HARDENED_CHAINS_DATA }, {}))).toEqual([]);
    expect(RuleCatalogue.check(verificationPolicy('enforce'))).toEqual([]);
  });

  test('ConfigMaps with another name or namespace are not Chains configuration', () => {
    const bad = { 'artifacts.oci.signer': 'none', 'no.such.key': 'x' };
    expect(RuleCatalogue.check({ ...chainsConfig(bad), metadata: { name: 'feature-flags', namespace: 'tekton-chains' } })).toEqual([]);
    expect(RuleCatalogue.check(chainsConfig(bad, { namespace: 'ci' }))).toEqual([]);
  });

  test('malformed objects give no crash', () => {
    for (const m of [
      null, undefined, 42, 'x', {}, { kind: 'Task' }, { kind: 'Task', spec: { steps: 'nope' } }, { kind: 'PipelineRun', spec: null },
      chainsConfig(undefined), { kind: 'ConfigMap', metadata: { name: 'chains-config' }, data: 'x' }, { kind: 'VerificationPolicy', spec: null },
    ]) {
      expect(() => RuleCatalogue.check(m)).not.toThrow();
    }
  });
});
