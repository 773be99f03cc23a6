import { policyPatternMatches } from '../../src/private/go-regexp';
import {
  clusterDefaultNamespace, clusterSource, clusterSourcePattern, describeReference, hubBuildSource, hubSource, hubSourcePattern, hubBaseUrl,
  defaultResolverType, gitDefaultUrl, hubDefaultsOf, ociRepository, RELEASE_HUB_DEFAULTS, remoteReferencesOf, sourceOf, sourcePatternOf, sourceUnder,
} from '../../src/private/remote-refs';

const DIGEST = 'a'.repeat(64);
const ref = (resolver: string, params: Record<string, unknown>) => ({
  resolver,
  params: Object.entries(params).map(([name, value]) => ({ name, value })),
});
const only = (taskRef: any) => remoteReferencesOf({ kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 't', taskRef }] } })[0];

describe('remote references', () => {
  test.each([
    ['gcr.io/tekton-releases/catalog/upstream/git-clone:0.9@sha256:' + DIGEST, 'gcr.io/tekton-releases/catalog/upstream/git-clone'],
    ['docker.io/example/tasks@sha256:' + DIGEST, 'index.docker.io/example/tasks'],
    ['example/tasks:1', 'index.docker.io/example/tasks'],
    ['tasks', 'index.docker.io/library/tasks'],
    ['localhost:5000/tasks', 'localhost:5000/tasks'],
    ['registry.example.com:443/a/b/c', 'registry.example.com:443/a/b/c'],
    // localhost is a registry, without a port too; alone it is a Docker Hub name
    ['localhost/tasks@sha256:' + DIGEST, 'localhost/tasks'],
    ['localhost/a/b:1', 'localhost/a/b'],
    ['localhost@sha256:' + DIGEST, 'index.docker.io/library/localhost'],
    ['ghcr.io/x/y:-1@sha256:' + DIGEST, 'ghcr.io/x/y'],
  ])('the bundles resolver names %s as %s (go-containerregistry)', (bundle, repository) => {
    expect(ociRepository(bundle)).toBe(repository);
  });

  test('references go-containerregistry refuses have no source', () => {
    expect(ociRepository('Example/Tasks')).toBeUndefined();
    expect(ociRepository('gcr.io/a b')).toBeUndefined();
    // exactly one '@', then sha256 and 64 lower-case hex; a ':' with no tag after it
    for (const bundle of [`ghcr.io/x/y@sha256:${DIGEST}@sha256:${DIGEST}`, `ghcr.io/x/y@@sha256:${DIGEST}`, `ghcr.io/x/y:@sha256:${DIGEST}`, 'ghcr.io/x/y:',
      `ghcr.io/x/y:t:u@sha256:${DIGEST}`, 'ghcr.io/x/y@sha256:abc', `ghcr.io/x/y@sha512:${DIGEST}${DIGEST}`, `ghcr.io/x/y@sha256:${DIGEST.toUpperCase()}`, `LOCALHOST/x@sha256:${DIGEST}`]) {
      expect([bundle, ociRepository(bundle)]).toEqual([bundle, undefined]);
    }
  });

  test('hub and cluster sources', () => {
    expect(hubSource('https://artifacthub.io', 'artifact', 'task', 'tekton-catalog-tasks', 'git-clone', '0.9')).toBe('https://artifacthub.io/api/v1/packages/tekton-task/tekton-catalog-tasks/git-clone/0.9.0');
    expect(hubSource('https://hub.example.com/', 'tekton', 'task', 'Tekton', 'git-clone', '0.9.1')).toBe('https://hub.example.com/v1/resource/Tekton/task/git-clone/0.9/yaml');
    expect(clusterSource('tasks', 'task', 'git-clone', 'u')).toBe('/apis/tekton.dev/v1/namespaces/tasks/task/git-clone@u');
    expect(policyPatternMatches(clusterSourcePattern('tasks', 'task', 'git-clone'), clusterSource('tasks', 'task', 'git-clone', '3f2a0c6e-8b1d-4c1e-9d55-0a1b2c3d4e5f'))).toBe(true);
    expect(policyPatternMatches(clusterSourcePattern('tasks', 'task', 'git-clone'), clusterSource('tasks', 'task', 'git-clone-2', 'u'))).toBe(false);
  });

  test('sources of references, as Tekton names them, and the patterns that match exactly them', () => {
    const bundle = only(ref('bundles', { bundle: `ghcr.io/x/y@sha256:${DIGEST}`, name: 'y', kind: 'task' }));
    expect(sourceOf(bundle)).toBe('ghcr.io/x/y');
    expect(sourcePatternOf(bundle)).toBe('^ghcr\\.io/x/y$');
    expect(sourceOf(only(ref('git', { url: 'https://github.com/x/y.git', revision: 'r', pathInRepo: 'p' })))).toBe('https://github.com/x/y.git');
    expect(sourceOf(only(ref('git', { url: 'https://github.com/x/y.git', repo: 'y', revision: 'r' })))).toBeUndefined();
    expect(sourceOf(only(ref('hub', { catalog: 'c', name: 'n', version: '1.2' })))).toBe('https://artifacthub.io/api/v1/packages/tekton-task/c/n/1.2.0');
    expect(sourceOf(only(ref('hub', { name: 'n', version: '~1.2' })))).toBeUndefined();
    // the hub resolver reads the version as goversion.NewConstraint does: a `v`, an `=` and spaces name the same release, under
    // the version the hub lists (go-version's String(), then <major>.<minor> on a Tekton Hub); build metadata is ignored
    for (const version of ['v1.2', '=1.2.0', ' = v01.2 ', '\t1.2.0\n', '1.2.0+b1']) {
      expect([version, sourceOf(only(ref('hub', { catalog: 'c', name: 'n', version })))]).toEqual([version, 'https://artifacthub.io/api/v1/packages/tekton-task/c/n/1.2.0']);
      expect([version, sourceOf(only(ref('hub', { type: 'tekton', url: 'https://hub.example.com', catalog: 'c', name: 'n', version })))])
        .toEqual([version, 'https://hub.example.com/v1/resource/c/task/n/1.2/yaml']);
    }
    // not a constraint go-version reads (`v` after the spaces only), or not one release
    for (const version of ['v 1.2', 'V1.2', '==1.2', '>=1.2', '1.2.0-rc1', '\v1.2']) expect([version, sourceOf(only(ref('hub', { catalog: 'c', name: 'n', version })))]).toEqual([version, undefined]);
    // the hub resolver's url param replaces the configured hub; a substituted one is the caller's
    expect(sourceOf(only(ref('hub', { catalog: 'c', name: 'n', version: '1.2', url: 'https://hub.example.com//' })))).toBe('https://hub.example.com/api/v1/packages/tekton-task/c/n/1.2.0');
    expect(sourceOf(only(ref('hub', { catalog: 'c', name: 'n', version: '1.2', url: '$(params.hub)' })))).toBeUndefined();
    expect(hubBaseUrl('http://hub.example.com:8080/x/')).toBe('http://hub.example.com:8080/x');
    expect(hubBaseUrl('hub.example.com')).toBeUndefined();
    expect(hubBaseUrl('file:///etc')).toBeUndefined();
    expect(sourceOf(only(ref('http', { url: 'https://x/t.yaml' })))).toBe('https://x/t.yaml');
    expect(sourcePatternOf(only(ref('cluster', { name: 'n', namespace: 'ns' })))).toBe(clusterSourcePattern('ns', 'task', 'n'));
    // a kind left out or "" is the resolver's default-kind, which must be what the reference fetches (else the run fails)
    const pipelineRef = (params: Record<string, unknown>) => remoteReferencesOf({ kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineRef: ref('cluster', params) } })[0];
    expect(sourceOf(pipelineRef({ name: 'n', namespace: 'ns' }))).toBe(clusterSource('ns', 'pipeline', 'n', '00000000-0000-0000-0000-000000000000'));
    expect(sourcePatternOf(pipelineRef({ name: 'n', namespace: 'ns', kind: '' }))).toBe(clusterSourcePattern('ns', 'pipeline', 'n'));
    expect(sourceOf(pipelineRef({ name: 'n', namespace: 'ns', kind: 'task' }))).toBe(clusterSource('ns', 'task', 'n', '00000000-0000-0000-0000-000000000000'));
    expect(sourceOf(pipelineRef({ name: 'n', namespace: 'ns', kind: '$(params.kind)' }))).toBeUndefined();
    // an Artifact Hub version also names its +<build> releases (the hub resolver reads it as a constraint); a Tekton Hub's source ends in <major>.<minor>
    const artifact = sourcePatternOf(only(ref('hub', { catalog: 'c', name: 'n', version: '1.2' })))!;
    expect(artifact).toBe('^https://artifacthub\\.io/api/v1/packages/tekton-task/c/n/1\\.2\\.0(?:\\+[0-9A-Za-z~-]+(?:\\.[0-9A-Za-z~-]+)*)?$');
    for (const [source, matches] of [['1.2.0', true], ['1.2.0+b', true], ['1.2.0+20240101.abc-1~x', true], ['1.2.0+', false], ['1.2.0+a..b', false], ['1.2.0-rc1', false], ['1.2.1', false]] as const) {
      expect(policyPatternMatches(artifact, `https://artifacthub.io/api/v1/packages/tekton-task/c/n/${source}`)).toBe(matches);
    }
    expect(hubSourcePattern('https://hub.example.com/v1/resource/Tekton/task/n/1.2/yaml', 'tekton')).toBe('^https://hub\\.example\\.com/v1/resource/Tekton/task/n/1\\.2/yaml$');
    expect(hubBuildSource(only(ref('hub', { catalog: 'c', name: 'n', version: '1.2' })))).toBe('https://artifacthub.io/api/v1/packages/tekton-task/c/n/1.2.0+build.1');
    expect(hubBuildSource(only(ref('hub', { type: 'tekton', name: 'n', version: '1.2', url: 'https://hub.example.com' })))).toBeUndefined();
    expect(sourceOf(only(ref('custom', { url: 'x' })))).toBeUndefined();
    expect(describeReference(only(ref('git', { org: 'o', repo: 'r' })))).toBe('git o/r');
    expect(describeReference(only(ref('custom', {})))).toBe('custom');
  });

  describe('the hub resolver\'s defaults in a hubresolver-config checked together', () => {
    const config = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines-resolvers') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hubresolver-config', ...(namespace ? { namespace } : {}) }, data,
    });
    const hub = only(ref('hub', { name: 'git-clone', version: '0.9' }));
    const artifact = (base: string, catalog = 'tekton-catalog-tasks', kind = 'task') => `${base}/api/v1/packages/tekton-${kind}/${catalog}/git-clone/0.9.0`;

    test('none, or one in another namespace: the release\'s', () => {
      expect(hubDefaultsOf([])).toEqual([RELEASE_HUB_DEFAULTS]);
      expect(hubDefaultsOf([config({ 'default-type': 'tekton' }, 'other')])).toEqual([RELEASE_HUB_DEFAULTS]);
      expect(sourceUnder(hub, hubDefaultsOf([]))).toBe(artifact('https://artifacthub.io'));
    });

    test('its default type, kind and catalogs, and one Artifact Hub or Tekton Hub URL (a YAML list, trimmed of blanks and trailing slashes)', () => {
      expect(sourceUnder(hub, hubDefaultsOf([config({ 'artifact-hub-urls': '- " https://hub.example.com// "\n' })]))).toBe(artifact('https://hub.example.com'));
      expect(sourceUnder(hub, hubDefaultsOf([config({ 'default-kind': 'pipeline', 'default-artifact-hub-pipeline-catalog': 'mine' }, undefined)])))
        .toBe(artifact('https://artifacthub.io', 'mine', 'pipeline'));
      expect(sourceUnder(hub, hubDefaultsOf([config({ 'default-type': 'tekton', 'default-tekton-hub-catalog': 'Mine', 'tekton-hub-urls': '[https://api.hub.example.com/]' })])))
        .toBe('https://api.hub.example.com/v1/resource/Mine/task/git-clone/0.9/yaml');
      // a reference's own url and params are taken over the defaults
      expect(sourceUnder(only(ref('hub', { name: 'git-clone', version: '0.9', url: 'https://artifacthub.io', type: 'artifact' })),
        hubDefaultsOf([config({ 'default-type': 'tekton', 'artifact-hub-urls': '- https://hub.example.com' })]))).toBe(artifact('https://artifacthub.io'));
    });

    test('what the resolver falls back from (blank, not a list of http(s) URLs) is its environment\'s URL: the release\'s Artifact Hub, no Tekton Hub', () => {
      for (const value of ['', '  ', 'https://hub.example.com', '- ftp://hub.example.com', '- 1', '[]', '- [a']) {
        expect([value, sourceUnder(hub, hubDefaultsOf([config({ 'artifact-hub-urls': value })]))]).toEqual([value, artifact('https://artifacthub.io')]);
      }
      expect(sourceUnder(hub, hubDefaultsOf([config({ 'default-type': 'tekton' })]))).toBeUndefined();
    });

    test('not known: several hub URLs (tried in order, any may serve it), or ConfigMaps that disagree (the cluster may keep any)', () => {
      expect(sourceUnder(hub, hubDefaultsOf([config({ 'artifact-hub-urls': '- https://hub.example.com\n- https://artifacthub.io\n' })]))).toBeUndefined();
      expect(sourceUnder(hub, hubDefaultsOf([config({}), config({ 'default-artifact-hub-task-catalog': 'mine' }, undefined)]))).toBeUndefined();
      expect(sourceUnder(hub, hubDefaultsOf([config({}), config({ 'default-kind': 'task' }, undefined)]))).toBe(artifact('https://artifacthub.io'));
    });
  });

  describe("config-defaults' default-resolver-type", () => {
    const defaults = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace ? { namespace } : {}) }, data,
    });
    const NONE = 'which no config-defaults checked with it sets (Tekton ships it empty, and then refuses the reference)';

    test('as the config-defaults Tekton reads among the manifests set it: missing and null are ""', () => {
      expect(defaultResolverType(undefined)).toEqual({ why: NONE });
      expect(defaultResolverType([])).toEqual({ why: NONE });
      // another namespace's ConfigMap is not Tekton's
      expect(defaultResolverType([defaults({ 'default-resolver-type': 'git' }, 'ci')])).toEqual({ why: NONE });
      expect(defaultResolverType([defaults({ 'default-resolver-type': 'git' })])).toEqual({ value: 'git' });
      expect(defaultResolverType([defaults({ 'default-resolver-type': null })])).toEqual({ value: '' });
      expect(defaultResolverType([defaults({}), defaults({ 'default-resolver-type': '' }, undefined)])).toEqual({ value: '' });
      expect(defaultResolverType([defaults({}), defaults({ 'default-resolver-type': 'hub' }, undefined)]))
        .toEqual({ why: 'which the config-defaults checked with it set differently ("", "hub"; the cluster may keep any)' });
    });

    test("beside a Tekton operator's object: a value only one reading of config-defaults gives names that reading", () => {
      const config = (pipeline: Record<string, unknown> = {}) => ({
        apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
      });
      expect(defaultResolverType([defaults({ 'default-resolver-type': 'git' }), config()])).toEqual({
        why: 'which the config-defaults checked with it set differently ("" (reading config-defaults as TektonConfig \'config\' writes it alone, if kubectl '
          + 'apply created ConfigMap \'config-defaults\' in tekton-pipelines), "git" (reading config-defaults with data[\'default-resolver-type\'] that '
          + 'ConfigMap \'config-defaults\' in tekton-pipelines keeps beside what TektonConfig \'config\' writes, unless kubectl apply created it); the cluster may keep any)',
      });
      // the operator writes it over the ConfigMap's: one value in every reading
      expect(defaultResolverType([defaults({ 'default-resolver-type': 'git', 'default-timeout-minutes': '30' }),
        config({ options: { configMaps: { 'config-defaults': { data: { 'default-resolver-type': 'hub' } } } } })])).toEqual({ value: 'hub' });
    });

    test('given to the references that name neither a resolver nor a name, where Tekton\'s defaulting writes it', () => {
      const git = [defaults({ 'default-resolver-type': 'git' })];
      const params = [{ name: 'url', value: 'https://example.com/x.git' }];
      const pipeline = { kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 't', taskRef: { params } }, { name: 'n', pipelineRef: { params } }, { name: 'l', taskRef: { name: 'local' } }] } };
      expect(remoteReferencesOf(pipeline, git).map((r) => [r.location, r.resolver, r.defaultedResolver])).toEqual([["task 't'", 'git', { known: true }]]);
      expect(remoteReferencesOf(pipeline).map((r) => [r.location, r.resolver, r.defaultedResolver])).toEqual([["task 't'", '', { known: false, why: NONE }]]);
      expect(remoteReferencesOf(pipeline, [defaults({})])).toEqual([]);
      expect(describeReference(remoteReferencesOf(pipeline)[0])).toBe("a reference through config-defaults' default-resolver-type");
    });
  });

  test("cluster-resolver-config's default-namespace, as the ConfigMaps checked together set it", () => {
    const config = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines-resolvers') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-resolver-config', ...(namespace ? { namespace } : {}) }, data,
    });
    expect(clusterDefaultNamespace(undefined)).toBeUndefined();
    expect(clusterDefaultNamespace([config({ 'default-namespace': 'tasks' })])).toBe('tasks');
    expect(clusterDefaultNamespace([config({ 'default-namespace': 'tasks' }), config({ 'default-namespace': 'tasks' }, undefined)])).toBe('tasks');
    expect(clusterDefaultNamespace([config({ 'default-namespace': 'tasks' }), config({ 'default-namespace': 'x' }, undefined)])).toBeUndefined();
    expect(clusterDefaultNamespace([config({ 'default-namespace': 'tasks' }, 'ci')])).toBeUndefined();
    for (const data of [{}, { 'default-namespace': '' }, { 'default-namespace': ' ' }, { 'default-namespace': null }]) expect(clusterDefaultNamespace([config(data)])).toBeUndefined();
    // given to a cluster reference that leaves its namespace out (or ""), and read into its source
    const pipeline = { kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 't', taskRef: ref('cluster', { name: 'build' }) }] } };
    const [reference] = remoteReferencesOf(pipeline, [config({ 'default-namespace': 'tasks' })]);
    expect(reference.resolverDefaults).toEqual(new Map([['namespace', 'tasks']]));
    expect(sourceOf(reference)).toBe('/apis/tekton.dev/v1/namespaces/tasks/task/build@00000000-0000-0000-0000-000000000000');
    expect(sourcePatternOf(reference)).toBe(clusterSourcePattern('tasks', 'task', 'build'));
    expect(remoteReferencesOf(pipeline)[0].resolverDefaults).toBeUndefined();
  });

  test("git-resolver-config's default-url, of the entry a configKey names, as the ConfigMaps checked together set it", () => {
    const config = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines-resolvers') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'git-resolver-config', ...(namespace ? { namespace } : {}) }, data,
    });
    const URL = 'https://github.com/example/tasks.git';
    expect(gitDefaultUrl(undefined)).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': URL })])).toBe(URL);
    expect(gitDefaultUrl([config({ 'default.default-url': URL })])).toBe(URL);
    // apiVersion /v1 is the core group's v1 to kubectl and the API server (ParseGroupVersion): the ConfigMap reaches the resolver
    expect(gitDefaultUrl([{ ...config({ 'default-url': URL }), apiVersion: '/v1' }])).toBe(URL);
    expect(gitDefaultUrl([{ ...config({ 'default-url': URL }), apiVersion: 'example.com/v1' }])).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': URL, 'default.default-url': URL })])).toBe(URL);
    // both spellings of the default entry with different values: Go's map order picks either
    expect(gitDefaultUrl([config({ 'default-url': URL, 'default.default-url': 'https://example.com/x.git' })])).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': URL, 'gitlab.default-url': 'https://gitlab.com/x.git' })], 'gitlab')).toBe('https://gitlab.com/x.git');
    expect(gitDefaultUrl([config({ 'default-url': URL })], 'gitlab')).toBeUndefined();
    // a key of more than one '.' makes the resolver refuse the ConfigMap; "", another namespace, two that disagree: not known
    expect(gitDefaultUrl([config({ 'default-url': URL, 'a.b.c': 'x' })])).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': '' })])).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': URL }, 'ci')])).toBeUndefined();
    expect(gitDefaultUrl([config({ 'default-url': URL }), config({ 'default-url': 'https://example.com/x.git' }, undefined)])).toBeUndefined();
    // given to a git reference without url and repo, and read into its source
    const pipeline = (params: Record<string, unknown>) => ({ kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 't', taskRef: ref('git', params) }] } });
    const manifests = [config({ 'default-url': URL, 'gitlab.default-url': 'https://gitlab.com/x.git' })];
    expect(sourceOf(remoteReferencesOf(pipeline({ revision: 'a'.repeat(40), pathInRepo: 'x.yaml' }), manifests)[0])).toBe(URL);
    expect(sourceOf(remoteReferencesOf(pipeline({ url: '', configKey: 'gitlab', pathInRepo: 'x.yaml' }), manifests)[0])).toBe('https://gitlab.com/x.git');
    expect(sourceOf(remoteReferencesOf(pipeline({ configKey: '$(params.key)', pathInRepo: 'x.yaml' }), manifests)[0])).toBeUndefined();
    expect(sourceOf(remoteReferencesOf(pipeline({ repo: 'tasks', org: 'example', pathInRepo: 'x.yaml' }), manifests)[0])).toBeUndefined();
    expect(sourceOf(remoteReferencesOf(pipeline({ pathInRepo: 'x.yaml' }))[0])).toBeUndefined();
  });
});
