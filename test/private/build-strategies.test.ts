import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RuleCatalogue, RuleId } from '../../src';
import { audit } from '../../src/cli/audit';
import { ARGUMENT_INJECTION } from '../../src/policy/rules/argument-injection';
import { COMPUTE_RESOURCES } from '../../src/policy/rules/compute-resources';
import { EXPANSION_INJECTION } from '../../src/policy/rules/expansion-injection';
import { IMAGE_DIGEST } from '../../src/policy/rules/image-digest';
import { NO_HOST_ACCESS } from '../../src/policy/rules/no-host-access';
import { NO_PRIVILEGE_ESCALATION } from '../../src/policy/rules/no-privilege-escalation';
import { RUN_AS_NON_ROOT } from '../../src/policy/rules/run-as-non-root';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { isBuildStrategy, strategyTaskSpec } from '../../src/private/build-strategies';
import { containersOf } from '../../src/private/containers';
import { runFixedReferences } from '../../src/private/param-enums';

const DIGEST = 'sha256:' + '0'.repeat(64);
const HARDENED = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
};
const RESOURCES = { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '1', memory: '1Gi' } };

/** A hardened strategy step `build` with these fields over it. */
const step = (fields: Record<string, any> = {}) => ({
  name: 'build',
  image: `registry.example.com/builder@${DIGEST}`,
  command: ['/bin/builder'],
  args: ['--verbose'],
  securityContext: HARDENED,
  resources: RESOURCES,
  ...fields,
});

/** A v1beta1 ClusterBuildStrategy `s` with this spec. */
const strategy = (spec: Record<string, any>, apiVersion = 'shipwright.io/v1beta1', kind = 'ClusterBuildStrategy') =>
  ({ apiVersion, kind, metadata: { name: 's' }, spec });

const finding = (rule: RuleId, property: string, value: string | undefined, problem: string, fix?: string) => ({
  rule,
  kind: 'ClusterBuildStrategy',
  name: 's',
  location: "step 'build'",
  target: 'step/build',
  property,
  ...(value === undefined ? {} : { value }),
  problem,
  ...(fix === undefined ? {} : { fix }),
});

describe('build strategies read as the TaskRun steps Shipwright makes of them', () => {
  test('only shipwright.io v1beta1 and v1alpha1 BuildStrategy and ClusterBuildStrategy objects with a spec', () => {
    expect(isBuildStrategy(strategy({ steps: [] }))).toBe(true);
    expect(isBuildStrategy(strategy({ buildSteps: [] }, 'shipwright.io/v1alpha1', 'BuildStrategy'))).toBe(true);
    expect(isBuildStrategy(strategy({ steps: [] }, 'shipwright.io/v1'))).toBe(false);
    expect(isBuildStrategy(strategy({ steps: [] }, 'example.com/v1beta1'))).toBe(false);
    expect(isBuildStrategy(strategy({ steps: [] }, 'shipwright.io/v1beta1', 'Build'))).toBe(false);
    expect(isBuildStrategy({ ...strategy({}), spec: [] })).toBe(false);
    expect(isBuildStrategy(null)).toBe(false);
  });

  test('malformed strategies give no crash and no step', () => {
    const m = strategy({ steps: [null, 'x', 5, []], parameters: [null, 'p'], volumes: 'v', securityContext: 'root' });
    expect(containersOf(m).map((v) => v.path)).toEqual(['spec.steps[0]', 'spec.steps[1]', 'spec.steps[2]', 'spec.steps[3]']);
    for (const rule of RuleCatalogue.all()) expect(() => rule.check(m)).not.toThrow();
    expect(containersOf(strategy({ steps: 'x' }))).toEqual([]);
  });

  test('a step keeps the fields the controller copies, params get their type and default, the controller\'s params are declared', () => {
    const s = strategyTaskSpec(strategy({
      parameters: [
        { name: 'dockerfile', description: 'd', default: 'Dockerfile' },
        { name: 'build-args', description: 'a', type: 'array', defaults: ['A=1'] },
        { name: 'target', description: 't' },
      ],
      steps: [step({ script: 'never run', ports: [{ containerPort: 80, hostPort: 80 }], stdin: true })],
      volumes: [{ name: 'cache', overridable: true, description: 'c', emptyDir: {} }],
    }))!;
    expect(s.stepsPath).toBe('spec.steps');
    expect(s.spec.steps).toEqual([step()]);
    expect(s.spec.params).toEqual([
      { name: 'dockerfile', type: 'string', description: 'd', default: 'Dockerfile' },
      { name: 'build-args', type: 'array', description: 'a', default: ['A=1'] },
      { name: 'target', type: 'string', description: 't' },
      { name: 'shp-output-image', type: 'string' },
      { name: 'shp-output-insecure', type: 'string' },
      { name: 'shp-source-context', type: 'string' },
      { name: 'shp-source-root', type: 'string' },
      { name: 'shp-output-directory', type: 'string' },
    ]);
    expect(s.spec.volumes).toEqual([{ name: 'cache', emptyDir: {} }]);
  });

  test('spec.securityContext gives runAsUser and runAsGroup to the steps that leave them unset (null included)', () => {
    const s = strategyTaskSpec(strategy({
      securityContext: { runAsUser: 1001, runAsGroup: 1002 },
      steps: [step({ name: 'a', securityContext: undefined }), step({ name: 'b', securityContext: { runAsUser: 5, runAsGroup: null } })],
    }))!;
    expect(s.effective.map((e) => e.securityContext)).toEqual([{ runAsUser: 1001, runAsGroup: 1002 }, { runAsUser: 5, runAsGroup: 1002 }]);
    // as written on the view, as run in effective
    const [a] = containersOf(strategy({ securityContext: { runAsUser: 1001, runAsGroup: 1002 }, steps: [step({ securityContext: undefined })] }));
    expect([a.container.securityContext, a.effective.securityContext, a.path, a.templatePath]).toEqual([undefined, { runAsUser: 1001, runAsGroup: 1002 }, 'spec.steps[0]', 'spec']);
  });

  test('a v1alpha1 strategy\'s buildSteps, with its legacy variables converted as Shipwright converts them', () => {
    const s = strategyTaskSpec(strategy({
      parameters: [{ name: 'x', description: 'x' }],
      buildSteps: [step({
        command: ['/bin/sh', '-c', 'build -f $(params.DOCKERFILE)'],
        args: ['$(build.dockerfile)', '$(build.builder.image)'],
        env: [{ name: 'IMG', value: '$(build.builder.image)' }],
        workingDir: '$(build.dockerfile)',
      })],
    }, 'shipwright.io/v1alpha1'))!;
    expect(s.stepsPath).toBe('spec.buildSteps');
    expect(s.spec.steps[0].command).toEqual(['/bin/sh', '-c', 'build -f $(params.dockerfile)']);
    expect(s.spec.steps[0].args).toEqual(['$(params.dockerfile)', '$(params.builder-image)']);
    expect(s.spec.steps[0].env).toEqual([{ name: 'IMG', value: '$(params.builder-image)' }]);
    // ConvertFrom replaces in command, args and env values only
    expect(s.spec.steps[0].workingDir).toBe('$(build.dockerfile)');
    expect(s.spec.params.slice(0, 3)).toEqual([
      { name: 'x', type: 'string', description: 'x' },
      { name: 'dockerfile', type: 'string', default: 'Dockerfile' },
      { name: 'builder-image', type: 'string' },
    ]);
    expect(containersOf(strategy({ buildSteps: [step()] }, 'shipwright.io/v1alpha1')).map((v) => v.path)).toEqual(['spec.buildSteps[0]']);
    // a v1beta1 strategy's steps are copied as written
    expect(strategyTaskSpec(strategy({ steps: [step({ args: ['$(build.dockerfile)'] })] }))!.spec.steps[0].args).toEqual(['$(build.dockerfile)']);
  });

  test('the controller fixes shp-source-root, shp-output-insecure and shp-output-directory; every other param is a caller\'s', () => {
    const [v] = containersOf(strategy({ parameters: [{ name: 'p', description: 'p', default: 'fixed?' }], steps: [step()] }));
    const fixed = runFixedReferences(v);
    expect([...fixed.keys()].filter((k) => k.startsWith('params.')).sort()).toEqual(['params.shp-output-directory', 'params.shp-output-insecure', 'params.shp-source-root']);
    expect(fixed.get('params.shp-source-root')?.value).toBe('/workspace/source');
    expect(fixed.get('params.shp-source-root')?.spannable).toBe(false);
  });

  test('container rules judge each step, with fixes in the strategy\'s terms', () => {
    expect(NO_PRIVILEGE_ESCALATION.check(strategy({ steps: [step()] }))).toEqual([]);
    expect(NO_PRIVILEGE_ESCALATION.check(strategy({ steps: [step({ securityContext: { ...HARDENED, allowPrivilegeEscalation: true } })] }))).toEqual([
      finding(RuleId.NO_PRIVILEGE_ESCALATION, 'securityContext.allowPrivilegeEscalation', 'true', 'is not false'),
    ]);
    expect(IMAGE_DIGEST.check(strategy({ steps: [step({ image: 'moby/buildkit:v0.32.2-rootless' })] }))).toEqual([
      { ...finding(RuleId.IMAGE_DIGEST, 'image', 'moby/buildkit:v0.32.2-rootless', 'is not pinned by digest'), fix: 'Use "moby/buildkit@sha256:<64 hex>".' },
    ]);
    // a parameter's default is no pin: a Build or BuildRun gives the value
    const chosen = strategy({ parameters: [{ name: 'builder-image', description: 'b', default: `x@${DIGEST}` }], steps: [step({ image: '$(params.builder-image)' })] });
    expect(IMAGE_DIGEST.check(chosen)).toEqual([{
      ...finding(RuleId.IMAGE_DIGEST, 'image', '$(params.builder-image)', 'is chosen by each run through $(params.builder-image): its default is pinned by digest, but a run can pass any image'),
      fix: 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
    }]);
    // the strategy's root group reaches the step
    const ownUser = step({ securityContext: { ...HARDENED, runAsUser: undefined } });
    const rootGroup = strategy({ securityContext: { runAsUser: 1000, runAsGroup: 0 }, steps: [ownUser] });
    expect(RUN_AS_NON_ROOT.check(rootGroup)).toEqual([
      finding(RuleId.RUN_AS_NON_ROOT, 'securityContext.runAsGroup', '0',
        'is the root group: every file of the image or a volume that group root may write, the container may write (as at pod level, RUN_POD_SECURITY_CONTEXT)'),
      // and Shipwright's own steps, whatever the strategy's steps set (UpdateSecurityContext)
      {
        rule: RuleId.RUN_AS_NON_ROOT,
        kind: 'ClusterBuildStrategy',
        name: 's',
        property: 'spec.securityContext.runAsGroup',
        value: '0',
        problem: "is the GID Shipwright's controller gives its own steps of every BuildRun in place of its configuration's (the source retrieval that clones the "
          + "Build's repository, the image processing that pushes the image with the output credentials, the waiter), whatever the strategy's steps set for "
          + 'themselves: they run in the root group',
        fix: 'Set spec.securityContext.runAsUser and runAsGroup to non-zero IDs (a step of the strategy may still set its own).',
      },
    ]);
    expect(COMPUTE_RESOURCES.check(strategy({ steps: [step({ resources: { requests: RESOURCES.requests } })] }))).toEqual(['cpu', 'memory'].map((r) => finding(
      RuleId.COMPUTE_RESOURCES, `resources.limits.${r}`, undefined, 'is not set',
      "Set resources.requests and .limits for cpu and memory on the strategy's step (a Build's or BuildRun's stepResources may replace them for its builds).",
    )));
    expect(RuleCatalogue.all().filter((r) => r.appliesTo(strategy({ steps: [step()] }))).map((r) => r.id)).toContain(RuleId.SCRIPT_INJECTION);
  });

  test('NO_HOST_ACCESS: the strategy\'s volumes and its steps\' host processes', () => {
    const m = strategy({
      steps: [step({ securityContext: { ...HARDENED, windowsOptions: { hostProcess: true } } })],
      volumes: [{ name: 'sock', overridable: false, hostPath: { path: '/var/run/docker.sock' } }, { name: 'tmp', emptyDir: {} }],
    });
    expect(NO_HOST_ACCESS.check(m)).toEqual([
      { rule: RuleId.NO_HOST_ACCESS, kind: 'ClusterBuildStrategy', name: 's', property: 'volumes', value: 'sock', problem: 'mounts a directory of the node (hostPath)' },
      finding(RuleId.NO_HOST_ACCESS, 'securityContext.windowsOptions.hostProcess', 'true', 'runs as a process of the node'),
    ]);
    expect(NO_HOST_ACCESS.check(strategy({ steps: [step()], volumes: [{ name: 'tmp', emptyDir: {} }] }))).toEqual([]);
  });

  test('NO_HOST_ACCESS: an overridable volume, whose source any Build or BuildRun replaces (shipwright-io/build v0.20.13 MergeBuildVolumes)', () => {
    const m = strategy({ steps: [step()], volumes: [{ name: 'cache', overridable: true, emptyDir: {} }, { name: 'tmp', overridable: false, emptyDir: {} }] });
    expect(NO_HOST_ACCESS.check(m)).toEqual([{
      rule: RuleId.NO_HOST_ACCESS,
      kind: 'ClusterBuildStrategy',
      name: 's',
      property: 'volumes',
      value: 'cache',
      problem: "is overridable: a Build or BuildRun may give it any source, a hostPath of the node included, which Shipwright's controller puts in the pod as "
        + 'given (it checks only that the strategy lets the volume be overridden)',
      fix: "Remove overridable: true (every build then gets the strategy's own source), or relax NO_HOST_ACCESS where the namespace's Pod Security refuses hostPath volumes.",
    }]);
    // "true" is no boolean to the CRD's schema: the API server refuses it
    expect(NO_HOST_ACCESS.check(strategy({ steps: [step()], volumes: [{ name: 'cache', overridable: 'true', emptyDir: {} }] }))).toEqual([]);
  });

  test('SCRIPT_INJECTION and ARGUMENT_INJECTION: a strategy param, the output image and the context directory are a Build\'s or BuildRun\'s', () => {
    const m = strategy({
      parameters: [{ name: 'dockerfile', description: 'd', default: 'Dockerfile' }],
      steps: [step({
        command: ['/bin/sh', '-c'],
        args: ['cd $(params.shp-source-root) && build -f $(params.dockerfile) -o $(params.shp-output-directory) --insecure=$(params.shp-output-insecure) $(params.shp-source-context)'],
      })],
    });
    expect(SCRIPT_INJECTION.check(m).map((f) => [f.location, f.property, f.value, f.problem, f.fix])).toEqual(['dockerfile', 'shp-source-context'].map((p) => {
      const env = p.toUpperCase().replace(/-/g, '_');
      return ["step 'build'", 'args[0]', `$(params.${p})`, 'pastes a substitution into the arguments of /bin/sh, which runs them as code',
        `Pass it through env instead: env: [{ name: '${env}', value: '$(params.${p})' }] and use "$${env}" (quoted) in the shell code sh runs, as data.`];
    }));
    expect(ARGUMENT_INJECTION.check(strategy({ steps: [step({ command: ['/kaniko/executor'], args: ['$(params.shp-output-image)', '--context=$(params.shp-source-context)'] })] }))).toEqual([
      finding(RuleId.ARGUMENT_INJECTION, 'args[0]', '$(params.shp-output-image)', "starts an argument, so a value starting with '-' becomes an option"),
    ]);
    const goflags = ARGUMENT_INJECTION.check(strategy({ parameters: [{ name: 'go-flags', description: 'f' }], steps: [step({ env: [{ name: 'GOFLAGS', value: '$(params.go-flags)' }] })] }));
    expect(goflags.map((f) => [f.property, f.fix])).toEqual([['env.GOFLAGS', expect.stringMatching(/^Give GOFLAGS a fixed value written in the strategy /)]]);
  });
});

describe('the source context a strategy\'s step is given', () => {
  test('ARGUMENT_INJECTION: it starts an argument as data, as the controller makes it /workspace/source joined with the contextDir', () => {
    // after shipwright-io/build samples/v1beta1/buildstrategy/kaniko: `--context $(params.shp-source-context)`, and source-to-image's
    // `s2i build $(params.shp-source-context) $(params.builder-image) ...`; path.Join("/workspace/source", "../-x") is "/-x"
    const m = strategy({
      parameters: [{ name: 'builder-image', description: 'b' }],
      steps: [step({
        command: ['/usr/local/bin/s2i', 'build', '$(params.shp-source-context)', '$(params.builder-image)', '--as-dockerfile', '/gen-source/Dockerfile.gen'],
        args: ['--context', '$(params.shp-source-context)', '--path', '$(params["shp-source-context"])'],
      })],
    });
    expect(ARGUMENT_INJECTION.check(m)).toEqual([
      finding(RuleId.ARGUMENT_INJECTION, 'command[3]', '$(params.builder-image)', "starts an argument, so a value starting with '-' becomes an option"),
    ]);
    // another param of that name in a Task is a caller's as before
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { params: [{ name: 'shp-source-context' }], steps: [step({ args: ['$(params.shp-source-context)'] })] } };
    expect(ARGUMENT_INJECTION.check(task).map((f) => [f.property, f.problem])).toEqual([['args[0]', "starts an argument, so a value starting with '-' becomes an option"]]);
  });
});

describe('a v1alpha1 strategy\'s legacy variables', () => {
  test('are judged as the params Shipwright converts them to, the variable written named', () => {
    const m = strategy({
      buildSteps: [step({ command: ['/bin/tool'], args: ['--tag=$(build.builder.image)'], env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'reg', key: 'token' } } }] })],
    }, 'shipwright.io/v1alpha1');
    expect(EXPANSION_INJECTION.check(m)).toEqual([finding(RuleId.EXPANSION_INJECTION, 'args[0]', '$(params.builder-image)',
      "reaches the kubelet's $(NAME) expansion in a container whose env holds Secret values (TOKEN): a caller who passes $(TOKEN) gets the Secret's value here"
      + ' (written $(build.builder.image), which Shipwright converts to $(params.builder-image))')]);
    // the same text in a v1beta1 strategy is no param: Tekton leaves it as written
    expect(EXPANSION_INJECTION.check({ ...m, apiVersion: 'shipwright.io/v1beta1', spec: { steps: m.spec.buildSteps } })).toEqual([]);
  });
});

describe('the audit reads build strategies', () => {
  const YAML = `apiVersion: shipwright.io/v1beta1
kind: BuildStrategy
metadata:
  name: kaniko-like
spec:
  parameters:
    - name: dockerfile
      description: The Dockerfile
      default: Dockerfile
  securityContext:
    runAsUser: 1000
    runAsGroup: 0
  steps:
    - name: build
      image: registry.example.com/builder:v1
      securityContext:
        runAsNonRoot: true
        allowPrivilegeEscalation: true
        capabilities:
          drop: [ALL]
        seccompProfile:
          type: RuntimeDefault
        readOnlyRootFilesystem: true
      command: [/bin/sh]
      args:
        - -c
        - build --dockerfile=$(params.dockerfile) --root=$(params.shp-source-root)
      resources:
        requests: {cpu: 250m, memory: 64Mi}
        limits: {cpu: "1", memory: 1Gi}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
      ports:
        - containerPort: 80
          hostPort: 80
  volumes:
    - name: tmp
      emptyDir: {}
`;

  test('findings at the strategy\'s file:line, with its field paths', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'strategies-')));
    const file = path.join(dir, 'strategy.yaml');
    fs.writeFileSync(file, YAML);
    const r = audit([file]);
    expect(r.stdout.split('\n').filter((l) => l.includes('FAIL')).map((l) => l.trim().replace(`${file}:`, ''))).toEqual([
      "15:7: FAIL BuildStrategy/kaniko-like step 'build': image \"registry.example.com/builder:v1\" is not pinned by digest [IMAGE_DIGEST]. Use \"registry.example.com/builder@sha256:<64 hex>\".",
      "18:9: FAIL BuildStrategy/kaniko-like step 'build': securityContext.allowPrivilegeEscalation \"true\" is not false [NO_PRIVILEGE_ESCALATION]. Set securityContext.allowPrivilegeEscalation: false.",
      "12:5: FAIL BuildStrategy/kaniko-like step 'build': securityContext.runAsGroup \"0\" is the root group: every file of the image or a volume that group root may write, the container may write (as at pod level, RUN_POD_SECURITY_CONTEXT) [RUN_AS_NON_ROOT]. Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and a runAsGroup other than 0 if any (65532 for both, for example).",
      '12:5: FAIL BuildStrategy/kaniko-like: spec.securityContext.runAsGroup "0" is the GID Shipwright\'s controller gives its own steps of every BuildRun in place of its '
        + "configuration's (the source retrieval that clones the Build's repository, the image processing that pushes the image with the output credentials, the waiter), "
        + "whatever the strategy's steps set for themselves: they run in the root group [RUN_AS_NON_ROOT]. Set spec.securityContext.runAsUser and runAsGroup to non-zero IDs "
        + '(a step of the strategy may still set its own).',
      "27:11: FAIL BuildStrategy/kaniko-like step 'build': args[1] \"$(params.dockerfile)\" pastes a substitution into the arguments of /bin/sh, which runs them as code [SCRIPT_INJECTION]. Pass it through env instead: env: [{ name: 'DOCKERFILE', value: '$(params.dockerfile)' }] and use \"$DOCKERFILE\" (quoted) in the shell code sh runs, as data.",
    ]);
    // the ports the controller never copies reach no pod: no NO_HOST_ACCESS finding
    expect(r.stdout).not.toContain('NO_HOST_ACCESS');
    expect(r.stderr).toBe('');
  });

  test('relaxed on the strategy as on a Task', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'strategies-')));
    const file = path.join(dir, 'strategy.yaml');
    fs.writeFileSync(file, YAML.replace('  name: kaniko-like\n', '  name: kaniko-like\n  annotations:\n    secure-tekton/relax.NO_PRIVILEGE_ESCALATION: "step/build: buildkit rootless needs it"\n'));
    const out = JSON.parse(audit([file], 'json').stdout);
    expect(out.findings.filter((f: any) => f.rule === 'NO_PRIVILEGE_ESCALATION').map((f: any) => [f.status, f.reason, f.line, f.path])).toEqual([
      ['relaxed', 'buildkit rootless needs it', 20, 'spec.steps[0].securityContext.allowPrivilegeEscalation'],
    ]);
  });
});
