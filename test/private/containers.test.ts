/**
 * Every place a container can come from is seen by the container rules.
 */
import { RuleCatalogue, RuleId } from '../../src';
import { containersOf, fixedEnvValues, mergeEnv, mergeTemplate, mergeVolumeMounts, viewsBySpec } from '../../src/private/containers';
import { describeWithOracle, runOracle } from '../helpers/tekton-oracle';

const PINNED = 'registry.example.com/tools/sh@sha256:' + 'a'.repeat(64);
const privileged = (name: string) => ({ name, image: PINNED, script: '#!/bin/sh\ntrue', securityContext: { privileged: true } });
const privilegedFindings = (m: any) => RuleCatalogue.check(m).filter((f) => f.rule === RuleId.NOT_PRIVILEGED).map((f) => [f.location, f.target]);

describe('container places', () => {
  test('each view carries its designation, the target of its task spec and its target, computed once', () => {
    const taskSpec = { stepTemplate: { image: PINNED }, steps: [{ image: PINNED }, { name: 'build', image: PINNED }, { name: '', image: PINNED }], sidecars: [{ name: 'db', image: PINNED }] };
    const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineSpec: { tasks: [{ name: 't', taskSpec }] } } };
    expect(containersOf(run).map((v) => [v.role, v.designation, v.specTarget, v.target, v.location])).toEqual([
      ['stepTemplate', 'stepTemplate', 'task/t/', 'task/t/stepTemplate', "task 't' stepTemplate"],
      ['step', 'unnamed-0', 'task/t/', 'task/t/step/unnamed-0', "task 't' step 'unnamed-0'"],
      ['step', 'build', 'task/t/', 'task/t/step/build', "task 't' step 'build'"],
      ['step', 'unnamed-2', 'task/t/', 'task/t/step/unnamed-2', "task 't' step 'unnamed-2'"],
      ['sidecar', 'db', 'task/t/', 'task/t/sidecar/db', "task 't' sidecar 'db'"],
    ]);
    const task = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'x' }, spec: taskSpec };
    expect(containersOf(task).map((v) => [v.designation, v.specTarget, v.target])).toEqual([
      ['stepTemplate', '', 'stepTemplate'], ['unnamed-0', '', 'step/unnamed-0'], ['build', '', 'step/build'], ['unnamed-2', '', 'step/unnamed-2'], ['db', '', 'sidecar/db'],
    ]);
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'clone' }, spec: { image: PINNED } };
    expect(containersOf(action).map((v) => [v.designation, v.specTarget, v.target])).toEqual([['clone', '', 'step/clone']]);
  });

  test('viewsBySpec: the views of each task spec as written, those of its first place for a spec written once and reached twice', () => {
    const shared = { steps: [{ name: 'a', image: PINNED }, { image: PINNED }] };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec: { tasks: [{ name: 'one', taskSpec: shared }, { name: 'two', taskSpec: shared }] } };
    const views = viewsBySpec(pipeline);
    expect(views.size).toBe(1);
    expect(views.get(shared)!.map((v) => [v.designation, v.target])).toEqual([['a', 'task/one/step/a'], ['unnamed-1', 'task/one/step/unnamed-1']]);
    // both places are views of containersOf all the same
    expect(containersOf(pipeline).map((v) => v.target)).toEqual(['task/one/step/a', 'task/one/step/unnamed-1', 'task/two/step/a', 'task/two/step/unnamed-1']);
  });

  test('a StepAction (v1alpha1 and v1beta1) is one step, checked like any', () => {
    for (const apiVersion of ['tekton.dev/v1alpha1', 'tekton.dev/v1beta1']) {
      const action = { apiVersion, kind: 'StepAction', metadata: { name: 'clone' }, spec: { image: 'alpine:latest', script: 'echo $(params.url)', securityContext: { privileged: true, runAsUser: 0 } } };
      const rules = new Set(RuleCatalogue.check(action).map((f) => f.rule));
      expect([...rules]).toEqual(expect.arrayContaining([
        RuleId.IMAGE_DIGEST, RuleId.NOT_PRIVILEGED, RuleId.RUN_AS_NON_ROOT, RuleId.SCRIPT_INJECTION, RuleId.SCRIPT_SHEBANG,
      ]));
      expect(privilegedFindings(action)).toEqual([["stepAction 'clone'", 'step/clone']]);
    }
  });

  test('a StepAction is not judged on volumes it cannot declare', () => {
    const action = { apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 'a' }, spec: { image: PINNED, securityContext: { readOnlyRootFilesystem: true } } };
    expect(RuleCatalogue.check(action).filter((f) => f.rule === RuleId.READ_ONLY_ROOT_FILESYSTEM)).toEqual([]);
  });

  test('a pipeline task\'s own pipelineSpec is walked, to any depth (Tekton sets none)', () => {
    let spec: any = { tasks: [{ name: 'leaf', taskSpec: { steps: [privileged('s')] } }] };
    for (let i = 0; i < 3; i++) spec = { tasks: [{ name: `p${i}`, pipelineSpec: spec }] };
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'outer' }, spec };
    expect(privilegedFindings(pipeline)).toEqual([["task 'p2' task 'p1' task 'p0' task 'leaf' step 's'", 'task/p2/task/p1/task/p0/task/leaf/step/s']]);
    // nine levels and more were skipped without a word before
    for (let i = 3; i < 40; i++) spec = { tasks: [{ name: `p${i}`, pipelineSpec: spec }] };
    const deep = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'outer' }, spec };
    expect(privilegedFindings(deep)).toHaveLength(1);
    expect(privilegedFindings(deep)[0][1]).toMatch(/^task\/p39\/.*\/task\/p0\/task\/leaf\/step\/s$/);
  });

  test('a pipelineSpec that holds itself (a JavaScript cycle) is walked once', () => {
    const spec: any = { tasks: [{ name: 'leaf', taskSpec: { steps: [privileged('s')] } }] };
    spec.tasks.push({ name: 'again', pipelineSpec: spec });
    const pipeline = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'outer' }, spec };
    expect(privilegedFindings(pipeline)).toEqual([["task 'leaf' step 's'", 'task/leaf/step/s']]);
  });

  test("a PipelineLoop (kfp-tekton's custom task) is walked as a Pipeline of its pipelineSpec: as an object, and embedded as a pipeline task's custom task spec", () => {
    const inner = { params: [{ name: 'message', type: 'string' }], tasks: [{ name: 'echo', taskSpec: { steps: [privileged('s')] } }] };
    const loop = { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', metadata: { name: 'each' }, spec: { iterateParam: 'message', pipelineSpec: inner } };
    expect(privilegedFindings(loop)).toEqual([["task 'echo' step 's'", 'task/echo/step/s']]);
    const embedded = (apiVersion: string, kind: string) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 'loop', params: [{ name: 'message', value: ['a', 'b'] }], taskSpec: { apiVersion, kind, spec: { iterateParam: 'message', pipelineSpec: inner } } }] },
    });
    expect(privilegedFindings(embedded('custom.tekton.dev/v1alpha1', 'PipelineLoop'))).toEqual([["task 'loop' task 'echo' step 's'", 'task/loop/task/echo/step/s']]);
    // a loop in a loop
    const nested = { ...loop, spec: { ...loop.spec, pipelineSpec: { tasks: [{ name: 'outer', taskSpec: { apiVersion: 'custom.tekton.dev/v1alpha1', kind: 'PipelineLoop', spec: { pipelineSpec: inner } } }] } } };
    expect(privilegedFindings(nested)).toEqual([["task 'outer' task 'echo' step 's'", 'task/outer/task/echo/step/s']]);
    // another kind or group of custom task, a loop that names its Pipeline (judged on its own), a loop in a List are not read so
    expect(privilegedFindings(embedded('custom.tekton.dev/v1alpha1', 'TaskLoop'))).toEqual([]);
    expect(privilegedFindings(embedded('example.dev/v1alpha1', 'PipelineLoop'))).toEqual([]);
    expect(privilegedFindings({ ...loop, apiVersion: 'example.dev/v1' })).toEqual([]);
    expect(privilegedFindings({ ...loop, spec: { iterateParam: 'message', pipelineRef: { name: 'echo' } } })).toEqual([]);
    // its params are the CustomRun's, which any run gives: a param pasted into a script is a caller's value there
    const pasted = {
      ...loop,
      spec: {
        ...loop.spec,
        pipelineSpec: {
          params: inner.params,
          tasks: [{
            name: 'echo',
            params: [{ name: 'm', value: '$(params.message)' }],
            taskSpec: { params: [{ name: 'm' }], steps: [{ name: 's', image: PINNED, script: '#!/bin/sh\necho "$(params.m)"' }] },
          }],
        },
      },
    };
    expect(RuleCatalogue.check(pasted).filter((f) => f.rule === RuleId.SCRIPT_INJECTION).map((f) => [f.location, f.property, f.value])).toEqual([["task 'echo' step 's'", 'script', '$(params.m)']]);
  });

  test('an embedded taskSpec with a custom-task spec beside its steps: both are walked', () => {
    const pipeline = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: { tasks: [{ name: 't', taskSpec: { steps: [privileged('outer')], spec: { steps: [privileged('inner')] } } }] },
    };
    expect(privilegedFindings(pipeline)).toEqual([["task 't' step 'outer'", 'task/t/step/outer'], ["task 't' step 'inner'", 'task/t/step/inner']]);
  });

  test('v1beta1 objects and PipelineRuns with an embedded pipelineSpec are walked', () => {
    const task = { apiVersion: 'tekton.dev/v1beta1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [privileged('s')] } };
    expect(privilegedFindings(task)).toEqual([["step 's'", 'step/s']]);
    const run = { apiVersion: 'tekton.dev/v1beta1', kind: 'PipelineRun', metadata: { name: 'r' }, spec: { pipelineSpec: { tasks: [{ name: 'x', taskSpec: { steps: [privileged('s')] } }] } } };
    expect(privilegedFindings(run)).toEqual([["task 'x' step 's'", 'task/x/step/s']]);
  });

  test('a kind named Task in another API group is not a Tekton Task', () => {
    expect(containersOf({ apiVersion: 'example.com/v1', kind: 'Task', metadata: { name: 't' }, spec: { steps: [privileged('s')] } })).toEqual([]);
  });

  test('a null in a step\'s securityContext is left out at every depth, as Go writes it: the template\'s value stays, but for a field Go always writes', () => {
    const task = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't' },
      spec: {
        stepTemplate: { securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, capabilities: { drop: ['ALL'] } } },
        steps: [{ name: 's', image: PINNED, securityContext: { runAsNonRoot: null, seccompProfile: { type: null }, capabilities: { drop: null, add: ['NET_RAW'] } } }],
      },
    };
    const step = containersOf(task).find((v) => v.role === 'step')!;
    expect(step.effective.securityContext).toEqual({
      runAsNonRoot: true,
      // SeccompProfile.Type has no omitempty: Go writes the step's "" over the template's
      seccompProfile: { type: '' },
      capabilities: { drop: ['ALL'], add: ['NET_RAW'] },
    });
  });

  test('an empty list, string or false of an omitempty field is left out at every depth: the template\'s value stays', () => {
    const template = {
      securityContext: { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] }, seLinuxOptions: { type: 'spc_t' }, seccompProfile: { type: 'Localhost', localhostProfile: 'a.json' } },
      computeResources: { limits: { cpu: '1' } },
      volumeMounts: [{ name: 'v', mountPath: '/tmp', readOnly: true, subPath: 's' }],
      env: [{ name: 'A', value: 'a' }],
      args: ['x'],
    };
    const step = {
      name: 's',
      image: PINNED,
      securityContext: { capabilities: { add: [], drop: [] }, seLinuxOptions: { type: '' }, seccompProfile: { type: 'RuntimeDefault' }, privileged: false },
      computeResources: { limits: {}, requests: null },
      volumeMounts: [{ name: 'v', mountPath: '/tmp', readOnly: false, subPath: '' }],
      env: [{ name: 'A', value: '' }],
      args: [],
    };
    const merged = mergeTemplate(template, step);
    expect(merged.securityContext).toEqual({
      capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] },
      seLinuxOptions: { type: 'spc_t' },
      // the step's type over the template's profile (the API server refuses a localhostProfile beside RuntimeDefault)
      seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'a.json' },
      // a *bool is written when false
      privileged: false,
    });
    expect(merged.computeResources).toEqual({ limits: { cpu: '1' } });
    expect(merged.volumeMounts).toEqual([{ name: 'v', mountPath: '/tmp', readOnly: true, subPath: 's' }]);
    expect(merged.env).toEqual([{ name: 'A', value: 'a' }]);
    expect(merged.args).toEqual(['x']);
  });

  test('malformed specs are walked without crashing', () => {
    for (const spec of [null, 1, 'x', [], { tasks: 'x' }, { tasks: [null, 1, { name: 'a', taskSpec: [] }, { name: 'b', pipelineSpec: 'x' }] }]) {
      expect(() => RuleCatalogue.check({ apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'p' }, spec })).not.toThrow();
    }
  });
});

describe('mergeEnv: a step\'s env over its stepTemplate\'s, as Tekton merges them', () => {
  const v = (name: string, value: string) => ({ name, value });
  const secret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: 's', key: name.toLowerCase() } } });
  const names = (env: any[]) => env.map((e) => e.name);

  test('the step\'s entries first, in its order; the template\'s others after, or before a step entry replacing one written after them', () => {
    expect(names(mergeEnv([v('X', 'x')], [secret('TOKEN')]))).toEqual(['TOKEN', 'X']);
    expect(names(mergeEnv([secret('TOKEN')], [v('X', 'x')]))).toEqual(['X', 'TOKEN']);
    expect(names(mergeEnv([v('A', 'a'), secret('TOKEN'), v('B', 'b')], [v('B', 'bb'), v('X', 'x'), v('A', 'aa')]))).toEqual(['TOKEN', 'B', 'X', 'A']);
    // the step's value wins; a step valueFrom over a template value is the step's entry alone
    expect(mergeEnv([v('A', 'a'), secret('T')], [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }, v('T', 'plain')]))
      .toEqual([{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }, v('T', 'plain')]);
    expect(mergeEnv([], [v('A', 'a')])).toEqual([v('A', 'a')]);
    expect(mergeEnv([v('A', 'a')], [])).toEqual([v('A', 'a')]);
  });
});

/** JSON with the keys of every object sorted (Go writes a struct's fields in their declared order). */
const canonical = (x: any): string => JSON.stringify(x, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));

describe('mergeVolumeMounts: a step\'s volumeMounts over its stepTemplate\'s, keyed by mountPath', () => {
  test('the step\'s mount replaces the template\'s at the same path; the step\'s first', () => {
    expect(mergeVolumeMounts([{ name: 'v', mountPath: '/a' }, { name: 'w', mountPath: '/b' }], [{ name: 'v2', mountPath: '/a' }, { name: 'w', mountPath: '/c' }]))
      .toEqual([{ name: 'v2', mountPath: '/a' }, { name: 'w', mountPath: '/c' }, { name: 'w', mountPath: '/b' }]);
  });
});

describeWithOracle('mergeEnv agrees with Tekton\'s MergeStepsWithStepTemplate', () => {
  test('on 300 generated pairs of stepTemplate and step env and volumeMounts', () => {
    let state = 2024;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const entry = (name: string) => pick<any>([
      { name, value: `${name.toLowerCase()}-${Math.floor(next() * 3)}` },
      { name, valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name, valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
      { name, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
    /** Distinct names in a random order. */
    const env = () => {
      const pool = ['A', 'B', 'C', 'D', 'E', 'F'];
      const out: any[] = [];
      for (let n = Math.floor(next() * 5); n > 0; n--) out.push(entry(pool.splice(Math.floor(next() * pool.length), 1)[0]));
      return out;
    };
    /** Mounts at distinct paths in a random order. */
    const mounts = () => {
      const pool = ['/a', '/b', '/c', '/d', '/tmp'];
      const out: any[] = [];
      for (let n = Math.floor(next() * 4); n > 0; n--) {
        out.push({ name: pick(['v', 'w', 'x']), mountPath: pool.splice(Math.floor(next() * pool.length), 1)[0], ...(next() < 0.3 ? { readOnly: true } : {}) });
      }
      return out;
    };
    const cases = Array.from({ length: 300 }, () => ({ template: env(), step: env(), templateMounts: mounts(), stepMounts: mounts() }));
    const tasks = cases.map((c, i) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: `t${i}` },
      spec: {
        stepTemplate: { env: c.template, volumeMounts: c.templateMounts },
        steps: [{ name: 's', image: 'alpine', script: '#!/bin/sh\ntrue\n', env: c.step, volumeMounts: c.stepMounts }],
        volumes: ['v', 'w', 'x'].map((name) => ({ name, emptyDir: {} })),
      },
    }));
    const verdicts = runOracle(tasks, { mergedSteps: true }).verdicts;
    expect(verdicts).toHaveLength(cases.length);
    // at least a third of the pairs interleave the template's entries with the step's
    expect(cases.filter((c) => c.template.length > 0 && c.step.length > 0).length).toBeGreaterThan(100);
    const differ = cases.flatMap((c, i) => {
      const merged = (verdicts[i].mergedSteps as any[])[0];
      const go = [merged.env ?? [], merged.volumeMounts ?? []];
      const ts = [mergeEnv(c.template, c.step), mergeVolumeMounts(c.templateMounts, c.stepMounts)];
      return canonical(go) === canonical(ts) ? [] : [`${JSON.stringify(c)}: Tekton ${canonical(go)}, mergeEnv and mergeVolumeMounts ${canonical(ts)}`];
    });
    expect(differ).toEqual([]);
  });
});

describeWithOracle('mergeTemplate agrees with Tekton\'s MergeStepsWithStepTemplate on the fields Go writes', () => {
  test('on 400 generated pairs of stepTemplate and step with nulls, empty lists, empty strings and false at every depth', () => {
    let state = 1728;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const ABSENT = Symbol('absent');
    /** An object of the fields whose picked value is not ABSENT. */
    const some = (choices: Record<string, readonly any[]>) =>
      Object.fromEntries(Object.entries(choices).map(([k, xs]) => [k, pick(xs)]).filter(([, v]) => v !== ABSENT));
    const profile = () => pick<any>([ABSENT, null, {}, { type: null }, { type: 'RuntimeDefault' }, { type: 'Localhost', localhostProfile: 'a.json' }, { localhostProfile: 'b.json' }, { type: 'Unconfined' }]);
    const securityContext = () => (next() < 0.2 ? pick<any>([ABSENT, null, {}]) : some({
      capabilities: [ABSENT, null, {}, { add: [] }, { drop: [] }, { add: ['SYS_ADMIN'] }, { drop: ['ALL'] }, { add: ['NET_RAW'], drop: [] }, { add: null, drop: ['ALL'] }],
      privileged: [ABSENT, null, true, false],
      runAsNonRoot: [ABSENT, null, true, false],
      runAsUser: [ABSENT, null, 0, 1000],
      allowPrivilegeEscalation: [ABSENT, null, true, false],
      readOnlyRootFilesystem: [ABSENT, null, false],
      procMount: [ABSENT, null, 'Default', 'Unmasked'],
      seccompProfile: [profile()],
      appArmorProfile: [profile()],
      seLinuxOptions: [ABSENT, null, {}, { type: '' }, { type: 'spc_t' }, { user: 'u', level: '' }],
      windowsOptions: [ABSENT, {}, { hostProcess: false }, { hostProcess: true, runAsUserName: 'x' }, { runAsUserName: '' }],
    }));
    const computeResources = () => pick<any>([ABSENT, null, {}, { limits: {} }, { limits: null }, { limits: { cpu: '1' } },
      { requests: { memory: '128Mi' }, limits: { cpu: '100m' } }, { claims: [] }, { claims: [{ name: 'a' }] }]);
    const mounts = () => pick<any>([ABSENT, null, [], ['/a', '/b'].filter(() => next() < 0.6).map((mountPath) => ({
      name: pick(['v', 'w']), mountPath, ...some({ readOnly: [ABSENT, true, false], subPath: [ABSENT, '', 'x'] }),
    }))]);
    const env = () => pick<any>([ABSENT, null, [], ['A', 'B'].filter(() => next() < 0.6).map((name) => pick<any>([
      { name, value: pick(['', 'x']) },
      { name, valueFrom: { secretKeyRef: some({ name: [ABSENT, 's'], key: [ABSENT, 'k'] }) } },
      { name, valueFrom: { resourceFieldRef: { resource: 'limits.cpu', ...some({ divisor: [ABSENT, '1m'] }) } } },
    ]))]);
    const container = () => some({
      securityContext: [securityContext()],
      computeResources: [computeResources()],
      volumeMounts: [mounts()],
      env: [env()],
      args: [ABSENT, null, [], ['x']],
      workingDir: [ABSENT, '', '/w'],
      imagePullPolicy: [ABSENT, '', 'Always'],
    });
    const cases = Array.from({ length: 400 }, () => ({ template: container(), step: { name: 's', image: 'alpine', ...container() } }));
    // enough pairs where the step writes an empty list the template fills (capabilities.add or .drop)
    const caps = (c: any) => c?.securityContext?.capabilities;
    expect(cases.filter((c) => ['add', 'drop'].some((k) => Array.isArray(caps(c.step)?.[k]) && caps(c.step)[k].length === 0 && caps(c.template)?.[k]?.length > 0)).length)
      .toBeGreaterThan(10);
    const tasks = cases.map((c, i) => ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: `t${i}` }, spec: { stepTemplate: c.template, steps: [c.step] } }));
    const verdicts = runOracle(tasks, { mergedSteps: true }).verdicts;
    expect(verdicts).toHaveLength(cases.length);
    const FIELDS = ['securityContext', 'computeResources', 'volumeMounts', 'env', 'args', 'workingDir', 'imagePullPolicy'];
    /** The fields compared, an empty object or list as absent. */
    const fields = (step: any) => Object.fromEntries(FIELDS.map((f) => [f, step?.[f]])
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) ? v.length === 0 : typeof v === 'object' && v !== null && Object.keys(v).length === 0)));
    const differ = cases.flatMap((c, i) => {
      const go = fields((verdicts[i].mergedSteps as any[])[0]);
      const ts = fields(mergeTemplate(c.template, c.step));
      return canonical(go) === canonical(ts) ? [] : [`${JSON.stringify(c)}: Tekton ${canonical(go)}, mergeTemplate ${canonical(ts)}`];
    });
    expect(differ).toEqual([]);
  });
});

describe('fixedEnvValues', () => {
  test('a literal value (none: empty) by name, the last entry winning; one the kubelet fills or expands left out', () => {
    expect([...fixedEnvValues([
      { name: 'A', value: '-i' }, { name: 'B' }, { name: 'C', value: 'x' }, { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'D', value: '$(params.x)' }, { name: 'E', value: '$(A)' }, { name: 'F', value: 'a' }, { name: 'F', value: 'b' }, { value: 'no name' }, null,
    ])]).toEqual([['A', '-i'], ['B', ''], ['E', '-i'], ['F', 'b']]);
  });

  test('the kubelet\'s $(NAME) of an earlier entry with a literal value is that value, $$ one $; another reference left out', () => {
    expect([...fixedEnvValues([
      { name: 'A', value: '-i' }, { name: 'B', value: 'x$(A)y' }, { name: 'C', value: '$$(A)' }, { name: 'D', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'E', value: '$(D)' }, { name: 'F', value: '$(LATER)' }, { name: 'LATER', value: 'z' }, { name: 'G', value: '$(params.x)' }, { name: 'H', value: '$(A' },
    ])]).toEqual([['A', '-i'], ['B', 'x-iy'], ['C', '$(A)'], ['LATER', 'z']]);
  });
});
