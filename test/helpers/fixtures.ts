/**
 * Minimal hardened manifests for the helper tests. Each function returns a fresh object that tests may mutate.
 */

const IMAGE = 'cgr.dev/chainguard/git:2.45@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function stepSecurityContext(): any {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 65532,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** An ECDSA P-256 public key in PEM (PKIX), as `cosign public-key` prints one. */
export const PUBLIC_KEY_PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEKwK54JQ1qIL3kEdO8zVqN+VB29Jp\n'
  + '6W0yU4CtTOnYG+R6Hfz3NNGhFzdeDDbkDc0Jq7G9JUurIdh0vVQEUjUBGw==\n-----END PUBLIC KEY-----\n';

export function task(): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Task',
    metadata: { name: 'git-clone', namespace: 'ci', labels: { 'app.kubernetes.io/part-of': 'ci' } },
    spec: {
      params: [
        { name: 'url', type: 'string', description: 'Repository URL.' },
        { name: 'revision', type: 'string', default: 'main' },
      ],
      results: [{ name: 'commit', type: 'string', description: 'The checked out commit.' }],
      workspaces: [{ name: 'source' }],
      stepTemplate: {
        securityContext: stepSecurityContext(),
        computeResources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '1Gi' } },
      },
      steps: [{
        name: 'clone',
        image: IMAGE,
        script: [
          '#!/bin/sh',
          'set -eu',
          'git clone "$(params.url)" "$(workspaces.source.path)"',
          'git -C "$(workspaces.source.path)" checkout "$(params.revision)"',
          'git -C "$(workspaces.source.path)" rev-parse HEAD > "$(results.commit.path)"',
        ].join('\n'),
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
    },
  };
}

/** An inline task spec (as in Pipeline `tasks[].taskSpec` or TaskRun `spec.taskSpec`). */
export function taskSpec(): any {
  return {
    params: [{ name: 'commit', type: 'string' }],
    stepTemplate: { securityContext: stepSecurityContext() },
    steps: [{ name: 'print', image: IMAGE, script: '#!/bin/sh\necho "$(params.commit)"' }],
  };
}

/** Runs `git-clone` (by reference), then an inline task that uses its result. */
export function pipeline(): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: { name: 'build', namespace: 'ci' },
    spec: {
      params: [{ name: 'url', type: 'string' }],
      workspaces: [{ name: 'shared' }],
      tasks: [
        {
          name: 'clone',
          taskRef: { kind: 'Task', name: 'git-clone' },
          params: [{ name: 'url', value: '$(params.url)' }],
          workspaces: [{ name: 'source', workspace: 'shared' }],
        },
        {
          name: 'report',
          params: [{ name: 'commit', value: '$(tasks.clone.results.commit)' }],
          taskSpec: { ...taskSpec(), metadata: { labels: { step: 'report' } } },
        },
      ],
      finally: [{ name: 'done', params: [{ name: 'commit', value: 'none' }], taskSpec: taskSpec() }],
    },
  };
}

export function pipelineRun(): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'build-run', namespace: 'ci' },
    spec: {
      pipelineRef: { name: 'build' },
      params: [{ name: 'url', value: 'https://example.com/repo.git' }],
      timeouts: { pipeline: '1h0m0s' },
      taskRunTemplate: {
        serviceAccountName: 'pipeline-runner',
        podTemplate: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
      workspaces: [{
        name: 'shared',
        volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      }],
    },
  };
}

export function taskRun(): any {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'TaskRun',
    metadata: { name: 'report-run', namespace: 'ci' },
    spec: {
      serviceAccountName: 'pipeline-runner',
      params: [{ name: 'commit', value: 'abc123' }],
      taskSpec: taskSpec(),
      podTemplate: { securityContext: { runAsNonRoot: true } },
    },
  };
}

export function serviceAccount(): any {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'pipeline-runner', namespace: 'ci' },
    automountServiceAccountToken: false,
  };
}

export function role(): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pipeline-runner', namespace: 'ci' },
    rules: [{ apiGroups: ['tekton.dev'], resources: ['taskruns'], verbs: ['get', 'list'] }],
  };
}

export function roleBinding(): any {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'pipeline-runner', namespace: 'ci' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pipeline-runner' },
    subjects: [{ kind: 'ServiceAccount', name: 'pipeline-runner', namespace: 'ci' }],
  };
}

/** Allows DNS and HTTPS egress only (ports given as a number and as a name). */
export function networkPolicy(): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'pipeline-egress', namespace: 'ci' },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/managed-by': 'tekton-pipelines' } },
      policyTypes: ['Ingress', 'Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 'dns-tcp' }],
        },
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
      ],
    },
  };
}

export function secretProviderClass(): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name: 'registry-credentials', namespace: 'ci' },
    spec: {
      provider: 'vault',
      parameters: {
        vaultAddress: 'https://vault.example.com:8200',
        roleName: 'ci',
        objects: '- objectName: "token"\n  secretPath: "secret/data/ci"\n  secretKey: "token"\n',
      },
    },
  };
}
