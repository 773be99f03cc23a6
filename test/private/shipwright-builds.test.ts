import { RuleCatalogue } from '../../src';
import { ruleContext } from '../../src/policy/engine/context';
import { ARGUMENT_INJECTION } from '../../src/policy/rules/argument-injection';
import { COMPUTE_RESOURCES } from '../../src/policy/rules/compute-resources';
import { NO_HOST_ACCESS } from '../../src/policy/rules/no-host-access';
import { NO_SECRET_MATERIAL } from '../../src/policy/rules/no-secret-material';
import { RUN_AS_NON_ROOT } from '../../src/policy/rules/run-as-non-root';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { evaluatingOnce } from '../../src/private/containers';
import { buildRunFailure, buildTaskRun, isShipwrightBuild } from '../../src/private/shipwright-builds';

const DIGEST = 'sha256:' + '0'.repeat(64);
const HARDENED = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
};

/** A buildah-like ClusterBuildStrategy, after shipwright-io/build's samples (buildah-shipwright-managed-push). */
const strategy = (fields: Record<string, any> = {}, kind = 'ClusterBuildStrategy') => ({
  apiVersion: 'shipwright.io/v1beta1',
  kind,
  metadata: { name: 'buildah', ...(kind === 'BuildStrategy' ? { namespace: 'builds' } : {}) },
  spec: {
    volumes: [{ name: 'buildah-cache', overridable: true, emptyDir: {} }, { name: 'fixed', emptyDir: {} }],
    parameters: [{ name: 'dockerfile', default: 'Dockerfile' }],
    steps: [{
      name: 'build',
      image: `quay.io/containers/buildah@${DIGEST}`,
      command: ['/bin/bash'],
      args: ['-c', 'buildah bud -f "$DOCKERFILE" -t "$(params.shp-output-image)" $(params.dockerfile)'],
      env: [{ name: 'DOCKERFILE', value: '$(params.dockerfile)' }],
      securityContext: HARDENED,
      resources: { requests: { cpu: '250m', memory: '65Mi' }, limits: { cpu: '500m', memory: '1Gi' } },
      volumeMounts: [{ name: 'buildah-cache', mountPath: '/var/lib/containers/storage' }, { name: 'fixed', mountPath: '/fixed' }],
    }],
    ...fields,
  },
});

/** A Build of the sample Go application (shipwright-io/build samples, build_buildah_shipwright_managed_push_cr.yaml). */
const build = (fields: Record<string, any> = {}) => ({
  apiVersion: 'shipwright.io/v1beta1',
  kind: 'Build',
  metadata: { name: 'buildah-golang-build', namespace: 'builds' },
  spec: {
    source: { type: 'Git', git: { url: 'https://github.com/shipwright-io/sample-go' }, contextDir: 'docker-build' },
    strategy: { name: 'buildah', kind: 'ClusterBuildStrategy' },
    paramValues: [{ name: 'dockerfile', value: 'Dockerfile' }],
    output: { image: 'registry.example.com/build-examples/taxi-app' },
    ...fields,
  },
});

/** A BuildRun of that Build (buildrun_buildah_cr.yaml). */
const buildRun = (fields: Record<string, any> = {}) => ({
  apiVersion: 'shipwright.io/v1beta1',
  kind: 'BuildRun',
  metadata: { name: 'buildah-golang-buildrun', namespace: 'builds' },
  spec: { build: { name: 'buildah-golang-build' }, ...fields },
});

/** The findings of `rule` on `manifest`, checked together with `others`, as [location, property, value, problem]. */
const findings = (rule: { check: (m: any, c?: any) => any[] }, manifest: any, ...others: any[]) => {
  const manifests = [manifest, ...others];
  return evaluatingOnce(() => rule.check(manifest, ruleContext(manifests)), manifests).map((f) => [f.location, f.property, f.value, f.problem]);
};

describe('Shipwright Builds and BuildRuns read with their strategy', () => {
  test('isShipwrightBuild: Builds and BuildRuns of shipwright.io v1beta1 and v1alpha1 with a spec', () => {
    expect(isShipwrightBuild(build())).toBe(true);
    expect(isShipwrightBuild(buildRun())).toBe(true);
    expect(isShipwrightBuild({ ...build(), apiVersion: 'shipwright.io/v1alpha1' })).toBe(true);
    expect(isShipwrightBuild({ ...build(), apiVersion: 'build.openshift.io/v1' })).toBe(false);
    expect(isShipwrightBuild({ ...build(), spec: 'x' })).toBe(false);
  });

  test('the TaskRun of a Build: each step gets the Build\'s env after its own (a name of its own kept), the stepResources of its name', () => {
    const b = build({
      env: [{ name: 'DOCKERFILE', value: 'other' }, { name: 'GOFLAGS', value: '-mod=vendor' }],
      strategy: { name: 'buildah', kind: 'ClusterBuildStrategy', stepResources: [{ name: 'build', resources: { limits: { cpu: '2' } } }] },
    });
    const run = buildTaskRun(b, [b, strategy()])!;
    expect(run.strategy).toBe("ClusterBuildStrategy 'buildah'");
    expect(run.spec.steps[0].env).toEqual([{ name: 'DOCKERFILE', value: '$(params.dockerfile)' }, { name: 'GOFLAGS', value: '-mod=vendor' }]);
    expect(run.spec.steps[0].resources).toEqual({ limits: { cpu: '2' } });
    expect(run.taskRunParams).toBeUndefined();
    expect(run.controllerParams?.map((p) => p.name)).toEqual(['shp-source-root', 'shp-output-insecure', 'shp-output-directory']);
  });

  test('the TaskRun of a BuildRun: its env over the Build\'s, its paramValues over the Build\'s, the output image and context directory fixed', () => {
    const b = build({ env: [{ name: 'A', value: 'build' }] });
    const r = buildRun({
      env: [{ name: 'A', value: 'run' }],
      paramValues: [{ name: 'dockerfile', secretValue: { name: 'files', key: 'df', format: '--file=${SECRET_VALUE}' } }],
      output: { image: 'registry.example.com/other' },
    });
    const run = buildTaskRun(r, [r, b, strategy()])!;
    expect(run.spec.steps[0].env).toEqual([{ name: 'DOCKERFILE', value: '$(params.dockerfile)' }, { name: 'A', value: 'run' }]);
    // a Build's name given twice: the BuildRun's replaces the last, which the kubelet reads (MergeEnvVars keeps the last index of a name)
    const twice = build({ env: [{ name: 'A', value: 'first' }, { name: 'A', value: 'second' }] });
    const over = buildRun({ env: [{ name: 'A', value: 'run' }, { name: 'B', value: '1' }, { name: 'B', value: '2' }] });
    expect(buildTaskRun(over, [over, twice, strategy()])!.spec.steps[0].env).toEqual([
      { name: 'DOCKERFILE', value: '$(params.dockerfile)' }, { name: 'A', value: 'first' }, { name: 'A', value: 'run' }, { name: 'B', value: '1' }, { name: 'B', value: '2' },
    ]);
    expect(run.taskRunParams).toEqual([
      { name: 'dockerfile', value: '--file=$(SHP_SECRET_PARAM_DOCKERFILE)' },
      { name: 'shp-output-image', value: 'registry.example.com/other' },
      { name: 'shp-output-insecure', value: 'false' },
      { name: 'shp-source-root', value: '/workspace/source' },
      { name: 'shp-source-context', value: '/workspace/source/docker-build' },
      { name: 'shp-output-directory', value: '/workspace/output-image' },
    ]);
  });

  test('a v1alpha1 Build\'s builder.image and dockerfile are its builder-image and dockerfile params (build_conversion.go), fixed in its BuildRuns', () => {
    // after shipwright-io/build samples/v1alpha1: the source-to-image strategy, build_source-to-image_cr.yaml and its BuildRun
    const s2i = {
      apiVersion: 'shipwright.io/v1alpha1',
      kind: 'ClusterBuildStrategy',
      metadata: { name: 'source-to-image' },
      spec: {
        buildSteps: [{
          name: 's2i-build-as-dockerfile',
          image: `quay.io/openshift-pipeline/s2i@${DIGEST}`,
          command: ['/usr/local/bin/s2i', 'build', '$(params.shp-source-context)', '$(build.builder.image)', '--as-dockerfile', '/gen-source/Dockerfile.gen'],
          env: [{ name: 'DOCKERFILE', value: '$(build.dockerfile)' }],
          securityContext: HARDENED,
        }],
      },
    };
    const b = {
      apiVersion: 'shipwright.io/v1alpha1',
      kind: 'Build',
      metadata: { name: 's2i-nodejs-build' },
      spec: {
        source: { url: 'https://github.com/shipwright-io/sample-nodejs', contextDir: 'source-build/' },
        strategy: { name: 'source-to-image', kind: 'ClusterBuildStrategy' },
        builder: { image: 'docker.io/centos/nodejs-10-centos7' },
        dockerfile: 'Containerfile',
        output: { image: 'registry.example.com/build-examples/nodejs-ex' },
      },
    };
    const r = { apiVersion: 'shipwright.io/v1alpha1', kind: 'BuildRun', metadata: { name: 's2i-nodejs-buildrun' }, spec: { buildRef: { name: 's2i-nodejs-build' } } };
    expect(buildTaskRun(r, [r, b, s2i])!.taskRunParams!.slice(0, 2)).toEqual([
      { name: 'dockerfile', value: 'Containerfile' },
      { name: 'builder-image', value: 'docker.io/centos/nodejs-10-centos7' },
    ]);
    expect(findings(ARGUMENT_INJECTION, r, b, s2i)).toEqual([]);
    // the Build itself: any BuildRun may give builder-image, as the strategy shows by itself: reported on the strategy alone,
    // with the variable it writes (before, the Build repeated it as $(params.builder-image), a name no file of it holds)
    expect(findings(ARGUMENT_INJECTION, b, s2i)).toEqual([]);
    expect(findings(ARGUMENT_INJECTION, s2i)).toEqual([[
      "step 's2i-build-as-dockerfile'", 'command[3]', '$(params.builder-image)',
      'starts an argument, so a value starting with \'-\' becomes an option (written $(build.builder.image), which Shipwright converts to $(params.builder-image))',
    ]]);
    // a v1beta1 Build's fields of those names are no params: its BuildRun gives the strategy's builder-image (no default) no value, and
    // the controller fails it before any TaskRun (validate/params.go), so it is not read as run
    const beta = { ...b, apiVersion: 'shipwright.io/v1beta1', spec: { ...b.spec, source: { type: 'Git', git: { url: b.spec.source.url } } } };
    const betaRun = { ...r, apiVersion: 'shipwright.io/v1beta1', spec: { build: { name: 's2i-nodejs-build' } } };
    expect(buildRunFailure(betaRun, [betaRun, beta, s2i])).toEqual({
      reason: 'MissingParameterValues', message: 'The following parameters are required but no value has been provided: builder-image', field: 'spec.paramValues', linked: true,
    });
    expect(buildTaskRun(betaRun, [betaRun, beta, s2i])).toBeUndefined();
    const given = { ...betaRun, spec: { ...betaRun.spec, paramValues: [{ name: 'builder-image', value: 'docker.io/centos/nodejs-10-centos7' }] } };
    expect(buildTaskRun(given, [given, beta, s2i])!.taskRunParams!.map((p) => p.name)).not.toContain('dockerfile');
  });

  test('the strategy is found by kind and name: a BuildStrategy (also when kind is unset) in the Build\'s namespace only', () => {
    const namespaced = strategy({}, 'BuildStrategy');
    expect(buildTaskRun(build({ strategy: { name: 'buildah' } }), [namespaced])?.strategy).toBe("BuildStrategy 'buildah'");
    expect(buildTaskRun(build({ strategy: { name: 'buildah', kind: 'BuildStrategy' } }), [{ ...namespaced, metadata: { name: 'buildah', namespace: 'other' } }])).toBeUndefined();
    expect(buildTaskRun(build(), [namespaced])).toBeUndefined();
    expect(buildTaskRun(build({ strategy: { name: 'buildah', kind: 'Other' } }), [strategy()])).toBeUndefined();
    // a BuildRun whose Build is not checked with it, and one that embeds its Build spec
    expect(buildTaskRun(buildRun(), [strategy()])).toBeUndefined();
    expect(buildTaskRun(buildRun({ build: { spec: build().spec } }), [strategy()])?.strategy).toBe("ClusterBuildStrategy 'buildah'");
  });

  test('NO_HOST_ACCESS: a BuildRun\'s hostPath over an overridable strategy volume; one over a volume not overridable fails the BuildRun and is not read', () => {
    const hostPath = { hostPath: { path: '/var/lib/containers' } };
    const r = buildRun({ volumes: [{ name: 'buildah-cache', ...hostPath }] });
    expect(findings(NO_HOST_ACCESS, r, build(), strategy())).toEqual([
      ["strategy ClusterBuildStrategy 'buildah'", 'volumes', 'buildah-cache', 'mounts a directory of the node (hostPath)'],
    ]);
    // one over a volume not overridable: the controller fails the BuildRun (validate/volumes.go), which mounts nothing
    const refused = buildRun({ volumes: [{ name: 'buildah-cache', ...hostPath }, { name: 'fixed', ...hostPath }] });
    expect(buildRunFailure(refused, [refused, build(), strategy()])).toEqual({
      reason: 'VolumeNotOverridable', message: 'Volume "fixed" is not overridable in the Strategy', field: 'spec.volumes', linked: true,
    });
    expect(findings(NO_HOST_ACCESS, refused, build(), strategy())).toEqual([]);
    // the Build's own volumes are read the same way
    expect(findings(NO_HOST_ACCESS, build({ volumes: [{ name: 'buildah-cache', ...hostPath }] }), strategy()).map((f) => f[3])).toEqual([
      'mounts a directory of the node (hostPath)',
    ]);
    expect(findings(NO_HOST_ACCESS, build(), strategy())).toEqual([]);
    // a hostPath the strategy itself has is reported on the strategy alone
    const onHost = strategy({ volumes: [{ name: 'buildah-cache', hostPath: { path: '/var/lib/containers' } }, { name: 'fixed', emptyDir: {} }] });
    expect(findings(NO_HOST_ACCESS, onHost).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    expect(findings(NO_HOST_ACCESS, build(), onHost)).toEqual([]);
  });

  test('NO_HOST_ACCESS: a param given twice is read as the controller reads it, the first entry of its name (params.go FindParamValueByName), so the run is judged', () => {
    const hostPath = { hostPath: { path: '/' } };
    // the second entry gives the string param values, which the validation never reads (the first is found) and the TaskRun leaves out (the param has a default)
    const twice = [{ name: 'dockerfile', value: 'Dockerfile' }, { name: 'dockerfile', values: [{ value: 'x' }] }];
    const b = build({ paramValues: twice, volumes: [{ name: 'buildah-cache', ...hostPath }] });
    expect(buildRunFailure(b, [b, strategy()])).toBeUndefined();
    expect(findings(NO_HOST_ACCESS, b, strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    const r = buildRun({ volumes: [{ name: 'buildah-cache', ...hostPath }] });
    expect(findings(NO_HOST_ACCESS, r, b, strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    expect(buildTaskRun(r, [r, b, strategy()])?.taskRunParams?.filter((p) => p.name === 'dockerfile')).toEqual([{ name: 'dockerfile', value: 'Dockerfile' }]);
    // a BuildRun's own list is read the same way where its Build gives none; beside the Build's, the last of a name wins (OverrideParams' map)
    const own = buildRun({ paramValues: twice, volumes: [{ name: 'buildah-cache', ...hostPath }] });
    expect(findings(NO_HOST_ACCESS, own, build({ paramValues: [] }), strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    expect(buildRunFailure(own, [own, build(), strategy()])).toEqual({
      reason: 'WrongParameterValueType', message: 'The values for the following parameters are using the wrong type: dockerfile', field: 'spec.paramValues', linked: true,
    });
  });

  test('a BuildRun with no namespace beside Builds of its Build\'s name in several namespaces: refused only where each refuses it, else read with one that runs', () => {
    const hostPath = { hostPath: { path: '/' } };
    const r = { ...buildRun(), metadata: { name: 'buildah-golang-buildrun' } };
    const runs = { ...build({ volumes: [{ name: 'buildah-cache', ...hostPath }] }), metadata: { name: 'buildah-golang-build', namespace: 'a' } };
    const refused = { ...build({ paramValues: [{ name: 'bogus', value: 'x' }] }), metadata: { name: 'buildah-golang-build', namespace: 'b' } };
    expect(buildRunFailure(r, [r, runs, refused, strategy()])).toBeUndefined();
    expect(findings(NO_HOST_ACCESS, r, runs, refused, strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    expect(findings(NO_HOST_ACCESS, r, refused, runs, strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    // refused by both, it is refused (with the last one's reason)
    const refusedToo = { ...refused, metadata: { name: 'buildah-golang-build', namespace: 'a' } };
    expect(buildRunFailure(r, [r, refusedToo, refused, strategy()])?.reason).toBe('BuildRegistrationFailed');
  });

  test('v1alpha1 has no stepResources, nodeSelector, tolerations, schedulerName or runtimeClassName: the API server prunes them, so they fail nothing', () => {
    const alphaRun = (spec: Record<string, any>) => ({ apiVersion: 'shipwright.io/v1alpha1', kind: 'BuildRun', metadata: { name: 'web-1', namespace: 'builds' }, spec });
    const hostPath = { hostPath: { path: '/' } };
    const spec = { ...build().spec, volumes: [{ name: 'buildah-cache', ...hostPath }] };
    for (const pruned of [{ nodeSelector: { a: 'b' } }, { tolerations: [{ operator: 'Exists' }] }, { schedulerName: 's' }, { runtimeClassName: 'r' },
      { stepResources: [{ name: 'push', resources: {} }] }]) {
      const r = alphaRun({ buildSpec: spec, ...pruned });
      expect(buildRunFailure(r, [r, strategy()])).toBeUndefined();
      expect(findings(NO_HOST_ACCESS, r, strategy()).map((f) => f[3])).toEqual(['mounts a directory of the node (hostPath)']);
    }
    const stepResources = [{ name: 'build', resources: { limits: { cpu: '1' } } }, { name: 'push', resources: {} }];
    const alphaBuild = { ...build({ strategy: { name: 'buildah', kind: 'ClusterBuildStrategy', stepResources }, volumes: [{ name: 'buildah-cache', ...hostPath }] }), apiVersion: 'shipwright.io/v1alpha1' };
    expect(buildRunFailure(alphaBuild, [alphaBuild, strategy()])).toBeUndefined();
    expect(buildTaskRun(alphaBuild, [alphaBuild, strategy()])?.spec.steps[0].resources).toEqual(strategy().spec.steps[0].resources);
    const byName = alphaRun({ buildRef: { name: 'buildah-golang-build' }, stepResources });
    expect(buildRunFailure(byName, [byName, alphaBuild, strategy()])).toBeUndefined();
    // v1beta1 has them
    const beta = build({ strategy: { name: 'buildah', kind: 'ClusterBuildStrategy', stepResources } });
    expect(buildRunFailure(beta, [beta, strategy()])?.reason).toBe('UndefinedStepResource');
  });

  test('NO_HOST_ACCESS: a Build\'s hostPath over an overridable strategy volume that has a hostPath of its own is the Build\'s (the strategy\'s finding is of its own path)', () => {
    const cacheOnHost = strategy({
      volumes: [{ name: 'buildah-cache', overridable: true, hostPath: { path: '/var/cache/buildah' } }, { name: 'fixed', emptyDir: {} }],
    });
    cacheOnHost.metadata = { name: 'buildah', annotations: { 'secure-tekton/relax.NO_HOST_ACCESS': '*: the node-wide cache of /var/cache/buildah' } } as any;
    const rootOfNode = build({ volumes: [{ name: 'buildah-cache', hostPath: { path: '/' } }] });
    expect(findings(NO_HOST_ACCESS, rootOfNode, cacheOnHost)).toEqual([
      ["strategy ClusterBuildStrategy 'buildah'", 'volumes', 'buildah-cache', 'mounts a directory of the node (hostPath)'],
    ]);
    expect(buildTaskRun(rootOfNode, [rootOfNode, cacheOnHost])?.replacedVolumes).toEqual(['buildah-cache']);
    // the strategy's own source given again is the strategy's finding alone
    const same = build({ volumes: [{ name: 'buildah-cache', description: 'the cache', hostPath: { path: '/var/cache/buildah' } }] });
    expect(buildTaskRun(same, [same, cacheOnHost])?.replacedVolumes).toEqual([]);
    expect(findings(NO_HOST_ACCESS, same, cacheOnHost)).toEqual([]);
  });

  test('NO_HOST_ACCESS: a Build\'s or BuildRun\'s hostPath volume whose strategy is not checked with it, which Shipwright mounts where the strategy lets it', () => {
    const hostPath = { hostPath: { path: '/' } };
    const b = build({ volumes: [{ name: 'buildah-cache', ...hostPath }] });
    const NOT_CHECKED = (strategyName: string) => 'mounts a directory of the node (hostPath), which Shipwright gives the strategy\'s volume of that name where the '
      + `strategy lets it be overridden (${strategyName} is not checked with it; where it does not, Shipwright refuses the build)`;
    expect(findings(NO_HOST_ACCESS, b)).toEqual([[undefined, 'volumes', 'buildah-cache', NOT_CHECKED("ClusterBuildStrategy 'buildah'")]]);
    // a BuildRun's own, and its embedded Build spec's, named after the Build's strategy
    const r = buildRun({ volumes: [{ name: 'buildah-cache', ...hostPath }] });
    expect(findings(NO_HOST_ACCESS, r, build())).toEqual([[undefined, 'volumes', 'buildah-cache', NOT_CHECKED("ClusterBuildStrategy 'buildah'")]]);
    expect(findings(NO_HOST_ACCESS, r)).toEqual([[undefined, 'volumes', 'buildah-cache', NOT_CHECKED('the strategy it runs')]]);
    const embedded = buildRun({ build: { spec: b.spec } });
    expect(findings(NO_HOST_ACCESS, embedded).map((f) => f[1])).toEqual(['build.spec.volumes']);
    // with the strategy, the run is judged instead
    expect(findings(NO_HOST_ACCESS, b, strategy()).map((f) => f[0])).toEqual(["strategy ClusterBuildStrategy 'buildah'"]);
    expect(findings(NO_HOST_ACCESS, build({ volumes: [{ name: 'buildah-cache', emptyDir: {} }] }))).toEqual([]);
  });

  test('two strategies or Builds of one identity: the run is read with the last one, which kubectl apply keeps (UNIQUE_OBJECTS reports both)', () => {
    const other = strategy({ volumes: [{ name: 'buildah-cache', overridable: true, emptyDir: {} }, { name: 'fixed', emptyDir: {} }] });
    const first = strategy({ volumes: [{ name: 'buildah-cache', emptyDir: {} }, { name: 'fixed', emptyDir: {} }] });
    // a ClusterBuildStrategy's namespace is none: one in "builds" and one in "other" are one object
    first.metadata = { name: 'buildah', namespace: 'builds' } as any;
    other.metadata = { name: 'buildah', namespace: 'other' } as any;
    const b = build({ volumes: [{ name: 'buildah-cache', hostPath: { path: '/' } }] });
    expect(buildTaskRun(b, [b, first, other])?.strategyManifest).toBe(other);
    expect(findings(NO_HOST_ACCESS, b, first, other)).toEqual([
      ["strategy ClusterBuildStrategy 'buildah'", 'volumes', 'buildah-cache', 'mounts a directory of the node (hostPath)'],
    ]);
    const r = buildRun();
    const b2 = build({ env: [{ name: 'X', value: 'second' }] });
    // a Build without a namespace beside BuildStrategies of its name in two namespaces: the kubectl context decides, none is read
    const inA = { ...strategy({}, 'BuildStrategy'), metadata: { name: 'buildah', namespace: 'a' } };
    const inB = { ...strategy({ volumes: [{ name: 'buildah-cache', overridable: true, emptyDir: {} }, { name: 'fixed', emptyDir: {} }] }, 'BuildStrategy'), metadata: { name: 'buildah', namespace: 'b' } };
    const nowhere = { ...build({ strategy: { name: 'buildah', kind: 'BuildStrategy' }, volumes: [{ name: 'buildah-cache', hostPath: { path: '/' } }] }), metadata: { name: 'b' } };
    expect(buildTaskRun(nowhere, [nowhere, inA, inB])).toBeUndefined();
    expect(findings(NO_HOST_ACCESS, nowhere, inA, inB).map((f) => [f[0], f[1], f[2]])).toEqual([[undefined, 'volumes', 'buildah-cache']]);
    expect(buildTaskRun(nowhere, [nowhere, inB])?.strategyManifest).toBe(inB);
    expect(buildTaskRun(r, [r, build(), b2, strategy()])?.spec.steps[0].env).toEqual([{ name: 'DOCKERFILE', value: '$(params.dockerfile)' }, { name: 'X', value: 'second' }]);
  });

  test('SCRIPT_INJECTION: what the strategy shows by itself is reported on the strategy alone; a BuildRun\'s values are fixed', () => {
    expect(findings(SCRIPT_INJECTION, strategy()).map((f) => [f[0], f[1], f[3]])).toEqual([0, 1].map(() => [
      "step 'build'", 'args[1]', 'pastes a substitution into the arguments of /bin/bash, which runs them as code',
    ]));
    expect(findings(SCRIPT_INJECTION, build(), strategy())).toEqual([]);
    expect(findings(SCRIPT_INJECTION, buildRun(), build(), strategy())).toEqual([]);
  });

  test('ARGUMENT_INJECTION: a Build\'s env that gives BASH_ENV a param, which the strategy does not', () => {
    const b = build({ env: [{ name: 'BASH_ENV', value: '$(params.dockerfile)' }] });
    const manifests = [b, strategy()];
    const found = evaluatingOnce(() => ARGUMENT_INJECTION.check(b, ruleContext(manifests)), manifests);
    expect(found.map((f) => [f.location, f.target, f.property, f.value, f.problem, f.fix])).toEqual([[
      "strategy ClusterBuildStrategy 'buildah' step 'build'", 'step/build', 'env.BASH_ENV', '$(params.dockerfile)',
      'sets BASH_ENV, which bash sources as a script (the file it names) before a non-interactive script',
      'Give BASH_ENV a fixed value written in the strategy (pass $(params.dockerfile) to the program some other way), or, if the param is constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.',
    ]]);
    // a BuildRun's fixed value is no caller's
    expect(findings(ARGUMENT_INJECTION, buildRun(), b, strategy())).toEqual([]);
  });

  test('COMPUTE_RESOURCES: a Build\'s stepResources that leave out the memory limit, with the strategy\'s fix', () => {
    const b = build({ strategy: { name: 'buildah', kind: 'ClusterBuildStrategy', stepResources: [{ name: 'build', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1' } } }] } });
    const manifests = [b, strategy()];
    const found = evaluatingOnce(() => COMPUTE_RESOURCES.check(b, ruleContext(manifests)), manifests);
    expect(found.map((f) => [f.location, f.property, f.problem, f.fix])).toEqual([[
      "strategy ClusterBuildStrategy 'buildah' step 'build'", 'resources.limits.memory', 'is not set',
      'Set resources.requests and .limits for cpu and memory on the strategy\'s step (a Build\'s or BuildRun\'s stepResources may replace them for its builds).',
    ]]);
  });

  test('RUN_AS_NON_ROOT: a strategy\'s root step is reported on the strategy, not again on its Builds; without the strategy, no step is read', () => {
    const root = strategy({ steps: [{ ...strategy().spec.steps[0], securityContext: { ...HARDENED, runAsUser: 0, runAsNonRoot: false } }] });
    expect(findings(RUN_AS_NON_ROOT, root).map((f) => [f[0], f[1], f[3]])).toEqual([
      ["step 'build'", 'securityContext.runAsNonRoot', 'is not true'],
      ["step 'build'", 'securityContext.runAsUser', 'is not a non-zero UID'],
    ]);
    expect(findings(RUN_AS_NON_ROOT, build(), root)).toEqual([]);
    expect(findings(RUN_AS_NON_ROOT, buildRun(), build(), root)).toEqual([]);
    expect(findings(RUN_AS_NON_ROOT, build())).toEqual([]);
  });

  test('NO_SECRET_MATERIAL: a Build\'s or BuildRun\'s own env and paramValues, whether or not the strategy is checked with it, once', () => {
    const token = 'ghp_R7mQ2xLk9VtB4nWc8ZpH3sJf6YdA1eGu5oKi';
    const b = build({ env: [{ name: 'REGISTRY_TOKEN', value: token }] });
    const expected = [[undefined, 'env[REGISTRY_TOKEN].value', undefined, 'env[REGISTRY_TOKEN].value holds a GitHub token']];
    const shown = (f: any[]) => f.map(([l, p, , problem]) => [l, p, undefined, `${p} ${problem}`]);
    expect(shown(findings(NO_SECRET_MATERIAL, b))).toEqual(expected);
    expect(shown(findings(NO_SECRET_MATERIAL, b, strategy()))).toEqual(expected);
    const r = buildRun({ build: { spec: build().spec }, paramValues: [{ name: 'dockerfile', values: [{ value: token }] }] });
    expect(shown(findings(NO_SECRET_MATERIAL, r, strategy()))).toEqual([[undefined, 'paramValues[dockerfile].value', undefined, 'paramValues[dockerfile].value holds a GitHub token']]);
    // and a strategy's own parameter default
    expect(shown(findings(NO_SECRET_MATERIAL, strategy({ parameters: [{ name: 'token', default: token }] })))).toEqual([
      [undefined, 'parameters[token].default', undefined, 'parameters[token].default holds a GitHub token'],
    ]);
  });

  test('RuleCatalogue.check reads a Build with the strategy in its context', () => {
    const b = build({ volumes: [{ name: 'buildah-cache', hostPath: { path: '/' } }] });
    expect(RuleCatalogue.check(b, ruleContext([b, strategy()])).map((f) => f.rule)).toEqual(['NO_HOST_ACCESS']);
    expect(RuleCatalogue.check(b, ruleContext([b, strategy()])).map((f) => f.location)).toEqual(["strategy ClusterBuildStrategy 'buildah'"]);
    // without it, the Build's own volume, which the strategy may let it give
    expect(RuleCatalogue.check(b, ruleContext([b])).map((f) => [f.rule, f.location, f.property])).toEqual([['NO_HOST_ACCESS', undefined, 'volumes']]);
  });
});
