/**
 * Property tests that hunt: apps drawn from the whole input space (hunting-generators.ts):
 * the library's constructs with adversarial strings in every string position, escape-hatch
 * JSON patches at random paths with adversarial values, raw Tekton, RBAC, network, Secret,
 * ConfigMap and Namespace objects beside them, random relaxations, and known dangers at
 * every place a container or pod template can be. For each app (hunting-check.ts):
 *
 * (a) construction and synth succeed, or throw a SecureTektonError whose findings each
 *     carry a rule ID;
 * (b) when synth succeeds: kubectl reads from the files what synth checked; one object per
 *     identity; annotations within the API server's limit; the strict schemas accept every
 *     object the library made (and every one the user gave, if they accepted it as given);
 *     Tekton admits the Tekton objects (the oracle, when Go is available); the audit CLI on
 *     the files finds nothing unrelaxed and reads every relaxation as the library's (the
 *     seal holds);
 * (c) when synth refuses, nothing is written;
 * (d) formatting the error never throws, and its message carries each finding's line and
 *     rule.
 *
 * A known danger is refused with its rule; relaxed, it is written, reported relaxed and
 * sealed. Known defects of the library are kept out of the generators (see the comment in
 * hunting-generators.ts) and listed with their minimal inputs in KNOWN_DEFECTS below.
 *
 * Bounded and seeded (PROPERTY_SEED, HUNT_RUNS to scale the number of runs) so that the
 * file stays well within a minute on 2 cores.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as fc from 'fast-check';
import { discard, judge, judgeBuilt, oracleViolations, Verdict } from './hunting-check';
import {
  BuiltScenario, buildDanger, buildScenario, DangerScenario, dangerScenarioArb, DANGERS, LibrarySpec, RawSpec, scenarioArb, Scenario,
} from './hunting-generators';
import { Relaxations, RuleId } from '../../src';
import { describeWithOracle } from '../helpers/tekton-oracle';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261201);
const SCALE = Number(process.env.HUNT_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

/** Apps that were written without a violation, for the oracle. */
const writtenApps: Array<{ label: string; verdict: Verdict }> = [];

/** Keeps a written app (and its directory) for the oracle, up to 300; discards the directory of any other. */
function keep(label: string, v: Verdict): void {
  if (v.outcome === 'written' && v.violations.length === 0 && writtenApps.length < 300) writtenApps.push({ label, verdict: v });
  else discard(v);
}

afterAll(() => writtenApps.forEach((a) => discard(a.verdict)));

/** What is wrong with the outcome of a danger scenario, beyond the general properties. */
function dangerViolations(s: DangerScenario, v: Verdict): string[] {
  const danger = DANGERS.find((d) => d.name === s.danger)!;
  const rule = danger.rules[0];
  if (v.outcome === 'refused at construction') return [`refused at construction (${v.rules.join(', ')})`];
  if (s.relax === undefined) {
    if (v.outcome === 'written') return [`written: the danger '${danger.name}' was let through`];
    return danger.rules.some((r) => v.rules.includes(r)) ? [] : [`refused with ${v.rules.join(', ')}, not ${danger.rules.join(' or ')}`];
  }
  if (v.rules.includes(rule)) return [`relaxed, but still refused for ${rule}`];
  if (v.outcome === 'written' && !v.report?.findings.some((f: any) => f.rule === rule && f.status === 'relaxed' && f.reason === s.relax)) {
    return [`relaxed and written, but the audit reports no ${rule} relaxed with its reason`];
  }
  return [];
}

describe('every generated app: refused with rule IDs and nothing written, or written as checked', () => {
  test('library constructs with adversarial strings, escape-hatch patches, raw objects and relaxations', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const v = judge(s, { keepOutdir: true });
      keep('scenario', v);
      expect(v.violations).toEqual([]);
    }), runs(700));
  });

  test('known dangers at every place they can be: refused with their rule; relaxed: written, reported and sealed', () => {
    fc.assert(fc.property(dangerScenarioArb, (s) => {
      fc.pre(buildDanger(s) !== undefined);
      const v = judgeBuilt(() => buildDanger(s)!, { keepOutdir: true });
      keep(`danger '${s.danger}' in ${s.host}`, v);
      expect([...v.violations, ...dangerViolations(s, v)]).toEqual([]);
    }), runs(400));
  });
});

describeWithOracle('Tekton admits what was written', () => {
  test('every Tekton object of the written apps, read from the files as kubectl reads them', () => {
    if (writtenApps.length === 0) {
      // run on its own: draw some apps here
      for (const s of fc.sample(scenarioArb, runs(80))) keep('scenario', judge(s, { keepOutdir: true }));
    }
    expect(writtenApps.length).toBeGreaterThan(0);
    expect(oracleViolations(writtenApps)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// The regression corpus: inputs the hunt found or that sit on a boundary, stated exactly

const LIBRARY: LibrarySpec = { constraint: 'none', result: false, sidecar: false, secondStep: false, script: true, runWorkspace: 'vct', runNamed: false, strings: [] };
/** A task trusted with a secret workspace. */
const TRUSTED: LibrarySpec = { ...LIBRARY, runWorkspace: 'secret' };

const scenario = (library: Partial<LibrarySpec>, more: Partial<Scenario> = {}): Scenario => ({
  library: { ...LIBRARY, ...library }, raws: [], patches: [], relaxations: [], ...more,
});

/** An app of the library's constructs (and raw objects), with patches on the library's object of a kind. */
function patched(
  library: LibrarySpec, kind: string, ops: JsonPatch[], raws: RawSpec[] = [], relax?: { rule: RuleId; reason: string },
): () => BuiltScenario {
  return () => {
    const built = buildScenario({ library, raws, patches: [], relaxations: [] });
    const o = built.chart.node.findAll().filter(ApiObject.isApiObject).find((x) => !built.raws.includes(x) && x.kind === kind)!;
    o.addJsonPatch(...ops);
    built.patched.add(o);
    if (relax) Relaxations.of(o.node.scope!).add(relax);
    return built;
  };
}

type Expectation = { outcome: Verdict['outcome']; rules?: RuleId[] };
const written: Expectation = { outcome: 'written' };
const refused = (...rules: RuleId[]): Expectation => ({ outcome: 'refused at synth', rules });

const CORPUS: Array<[string, () => BuiltScenario, Expectation]> = [
  ['run param "yes" (a YAML 1.1 boolean)', () => buildScenario(scenario({ strings: [['run.param', 'yes']] })), written],
  ['run param "=" and "<<" (YAML 1.1 value and merge keys)', () => buildScenario(scenario({ strings: [['run.param', '='], ['pipeline.param.default', '<<']] })), written],
  ['task named "1e3" (a DNS label YAML reads as a float)', () => buildScenario(scenario({ strings: [['task.name', '1e3']] })), written],
  ['task named "null", pipeline named "0x10"', () => buildScenario(scenario({ strings: [['task.name', 'null'], ['pipeline.name', '0x10']] })), written],
  ['descriptions "\\r" and "a\\rb" (a lone carriage return)', () => buildScenario(scenario({ strings: [['task.description', '\r'], ['pipeline.description', 'a\rb']] })), written],
  ['env value "x\\n---\\ny" (a document separator inside a value)', () => buildScenario(scenario({ strings: [['step.env.value', 'x\n---\ny']] })), written],
  ['env value with NUL, ESC, BOM, zero-width and bidi characters', () => buildScenario(scenario({ strings: [['step.env.value', '\u0000\u001b[31m\ufeff\u200b\u202e']] })), written],
  ['run param of 70 000 characters', () => buildScenario(scenario({ strings: [['run.param', '0 '.repeat(35_000)]] })), written],
  ['annotation keys "<<<" and "=" (not YAML merge keys)', patched(LIBRARY, 'Task', [JsonPatch.add('/metadata/annotations', { '<<<': 'x', '=': 'y' })]), written],
  ['NaN and Infinity as escape-hatch values', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/description', NaN), JsonPatch.add('/metadata/labels', { x: Infinity })]), written],
  ['a relaxation annotation written by an escape hatch', patched(LIBRARY, 'Task', [JsonPatch.add('/metadata/annotations', { 'secure-tekton/relax.IMAGE_DIGEST': '*: the vendor image needs this' })]),
    refused(RuleId.RELAXATION_REASON)],
  ['a seal written by an escape hatch', patched(LIBRARY, 'Task', [JsonPatch.add('/metadata/annotations', { 'secure-tekton/seal': `sha256:${'0'.repeat(64)}` })]), refused(RuleId.RELAXATION_REASON)],
  ['privileged stepTemplate that no step overrides', patched(LIBRARY, 'Task', [
    JsonPatch.add('/spec/stepTemplate/securityContext/privileged', true), JsonPatch.remove('/spec/steps/0/securityContext/privileged'),
  ]), refused(RuleId.NOT_PRIVILEGED)],
  ['runAsUser -0 (written "-0", read as 0)', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/steps/0/securityContext/runAsUser', -0)]), refused(RuleId.RUN_AS_NON_ROOT)],
  ['credentials to a task reference renamed to a raw task', patched(TRUSTED, 'Pipeline', [JsonPatch.replace('/spec/tasks/0/taskRef/name', 'other')], [{ kind: 'Task', name: 'other', patches: [] }]),
    refused(RuleId.CREDENTIALS_TRUSTED_TASK)],
  ['credentials to a remote task (resolver)', patched(TRUSTED, 'Pipeline', [JsonPatch.replace('/spec/tasks/0/taskRef', { resolver: 'git', params: [{ name: 'url', value: 'https://example.com/x.git' }] })]),
    refused(RuleId.CREDENTIALS_TRUSTED_TASK)],
  ['credentials to a task reference with a trailing space', patched(TRUSTED, 'Pipeline', [JsonPatch.replace('/spec/tasks/0/taskRef/name', 'build ')]), refused(RuleId.CREDENTIALS_TRUSTED_TASK)],
  ['credentials to a finally task added by an escape hatch', patched(TRUSTED, 'Pipeline', [
    JsonPatch.add('/spec/finally', [{ name: 'b', taskRef: { name: 'other' }, workspaces: [{ name: 'source', workspace: 'source' }] }]),
  ], [{ kind: 'Task', name: 'other', patches: [] }]), refused(RuleId.CREDENTIALS_TRUSTED_TASK)],
  ['v1beta1 PipelineRun: hostNetwork in spec.podTemplate', () => buildDanger({ danger: 'host network', host: 'PipelineRunV1beta1', object: 0, pick: 0, library: LIBRARY })!, refused(RuleId.NO_HOST_ACCESS)],
  ['v1beta1 PipelineRun: hostNetwork in a taskPodTemplate', () => buildDanger({ danger: 'per-task host network', host: 'PipelineRunV1beta1', object: 0, pick: 0, library: LIBRARY })!,
    refused(RuleId.NO_HOST_ACCESS)],
  ['CAP_SYS_ADMIN added in a container of a task of a pipeline nested in a pipeline', () => buildDanger({ danger: 'added capability with CAP_ prefix', host: 'PipelineNested', object: 0, pick: 2, library: LIBRARY })!,
    refused(RuleId.DROP_ALL_CAPABILITIES)],
  ['param pasted into sh -c in a v1alpha1 StepAction', () => buildDanger({ danger: 'param pasted into sh -c', host: 'StepActionV1alpha1', object: 0, pick: 0, library: LIBRARY })!,
    refused(RuleId.SCRIPT_INJECTION)],
  ['unconfined seccomp relaxed on a raw TaskRun', () => buildDanger({ danger: 'unconfined seccomp', host: 'TaskRun', object: 0, pick: 1, relax: 'the vendor image needs this', library: LIBRARY })!,
    written],
  // fixed defects: what cdk8s writes is read back by kubectl as it was checked (D1, D2, D3, D7)
  ['D1 run param "a\\u0085b" (NEL: kubectl reads "a b")', () => buildScenario(scenario({ strings: [['run.param', 'a\u0085b']] })), refused(RuleId.VALID_SPEC)],
  ['D1 run param "a\\u2029b" (PS: kubectl refuses the file)', () => buildScenario(scenario({ strings: [['run.param', 'a\u2029b']] })), refused(RuleId.VALID_SPEC)],
  ['D1 run param "\\u2028" (LS: kubectl reads null)', () => buildScenario(scenario({ strings: [['run.param', '\u2028']] })), refused(RuleId.VALID_SPEC)],
  ['D1 run param "\\u007f" (DEL)', () => buildScenario(scenario({ strings: [['run.param', '\u007f']] })), refused(RuleId.VALID_SPEC)],
  ['D1 run param "\\uffff" (a noncharacter)', () => buildScenario(scenario({ strings: [['run.param', '\uffff']] })), refused(RuleId.VALID_SPEC)],
  ['D1 run param "\\ud800" (an unpaired surrogate)', () => buildScenario(scenario({ strings: [['run.param', '\ud800']] })), refused(RuleId.VALID_SPEC)],
  ['D2 SecureTask named "0o10" (kubectl reads 8)', () => buildScenario(scenario({ strings: [['task.name', '0o10']] })), { outcome: 'refused at construction', rules: [RuleId.VALID_NAME] }],
  ['D2 SecureTask named "0b-1" (kubectl reads -1)', () => buildScenario(scenario({ strings: [['task.name', '0b-1']] })), { outcome: 'refused at construction', rules: [RuleId.VALID_NAME] }],
  ['D2 run param "1_000" and "0o17" (kubectl reads 1000 and 15)', () => buildScenario(scenario({ strings: [['run.param', '1_000'], ['pipeline.param.default', '0o17']] })), refused(RuleId.VALID_SPEC)],
  ['D3 undefined escape-hatch value on a relaxed Task: written without the key, sealed',
    patched({ ...LIBRARY, strings: [['step.image', 'docker.io/library/alpine:3.20']] }, 'Task', [JsonPatch.add('/spec/description', undefined)], [],
      { rule: RuleId.IMAGE_DIGEST, reason: 'the vendor image needs this' }), written],
  ['D7 escape hatch adds {"<<": {hostNetwork: true}} to the run\'s pod template',
    patched(LIBRARY, 'PipelineRun', [JsonPatch.add('/spec/taskRunTemplate/podTemplate/<<', { hostNetwork: true })]), refused(RuleId.VALID_SPEC)],
  ['D7 escape hatch adds {"<<": {sidecars: [privileged sidecar]}} to a Task spec',
    patched(LIBRARY, 'Task', [JsonPatch.add('/spec/<<', { sidecars: [{ name: 'x', image: 'alpine', securityContext: { privileged: true } }] })]), refused(RuleId.VALID_SPEC)],
  ['D8 step securityContext null beside a stepTemplate (null is absent: the template applies)', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/steps/0/securityContext', null)]), written],
  ['D8 step securityContext NaN beside a stepTemplate (written null)', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/steps/0/securityContext', NaN)]), written],
  ['D8 step computeResources null beside a stepTemplate (null is absent: the template applies)', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/steps/0/computeResources', null)]), written],
  ['D8 stepTemplate securityContext null under a step', patched(LIBRARY, 'Task', [JsonPatch.add('/spec/stepTemplate/securityContext', null)]), written],
  ['D4 relaxation reason of 256 KiB (the annotations would pass the API server\'s limit)', () => buildScenario(scenario({ strings: [['step.image', 'docker.io/library/alpine:3.20']] }, {
    relaxations: [{ on: 'task', rule: RuleId.IMAGE_DIGEST, reason: 'x'.repeat(256 * 1024) }],
  })), { outcome: 'refused at construction', rules: [RuleId.RELAXATION_REASON] }],
  ['D4 annotations of 256 KiB added by an escape hatch beside a relaxation', patched({ ...LIBRARY, strings: [['step.image', 'docker.io/library/alpine:3.20']] }, 'Task',
    [JsonPatch.add('/metadata/annotations', { note: 'x'.repeat(256 * 1024 - 100) })], [], { rule: RuleId.IMAGE_DIGEST, reason: 'the vendor image needs this' }), refused(RuleId.VALID_SPEC)],
  // D6: linear time on 1 MiB values (with the quadratic searches they took minutes, past jest's timeout)
  // env values below the 128 KiB Linux passes to a program (NAME=value), scripts below what Tekton can place in the pod
  ['D6 run param of 1 MiB of letters, env value of "a://" 30 000 times', () => buildScenario(scenario({ strings: [['run.param', 'y'.repeat(2 ** 20)], ['step.env.value', 'a://'.repeat(30_000)]] })), written],
  ['an env value of 1 MiB (Linux starts no program with an env var of 128 KiB or more)', () => buildScenario(scenario({ strings: [['step.env.value', 'a://'.repeat(2 ** 18)]] })),
    { outcome: 'refused at construction', rules: [RuleId.VALID_SPEC] }],
  // a script at most as long as Tekton can place in the pod (the argument of place-scripts, below 128 KiB in base64): 90 KB
  ['D6 env values of "$(" 60 000 times and "$(steps." 15 000 times, a script of 90 KB of PuTTY key headers',
    () => buildScenario(scenario({ sidecar: true, strings: [['step.env.value', '$('.repeat(60_000)], ['sidecar.env.value', '$(steps.'.repeat(15_000)], ['step.scriptWhole', `#!/bin/sh\n${'PuTTY-User-Key-File-2: '.repeat(3_900)}`]] })),
    written],
  ['a script of 1 MiB (Tekton places it base64-encoded in one argument of sh -c, past Linux\'s 128 KiB)',
    () => buildScenario(scenario({ strings: [['step.scriptWhole', `#!/bin/sh\n${'PuTTY-User-Key-File-2: '.repeat(45_000)}`]] })),
    { outcome: 'refused at construction', rules: [RuleId.VALID_SPEC] }],
  ['D5 raw Task with the name of a trusted SecureTask (kubectl apply would keep one: it would get the credentials)',
    () => buildScenario(scenario({ runWorkspace: 'secret' }, { raws: [{ kind: 'Task', name: 'build', patches: [] }] })), refused(RuleId.UNIQUE_OBJECTS)],
  ['D5 two raw Tasks of one name, v1 and v1beta1 (one identity, two contents)', () => buildScenario(scenario({}, {
    raws: [{ kind: 'Task', name: 'c', patches: [] }, { kind: 'TaskV1beta1', name: 'c', patches: [] }],
  })), refused(RuleId.UNIQUE_OBJECTS)],
  // the same object twice, key for key: nothing to choose between, written twice
  ['D5b one raw ConfigMap written twice', () => buildScenario(scenario({}, { raws: [{ kind: 'ConfigMap', name: 'c', patches: [] }, { kind: 'ConfigMap', name: 'c', patches: [] }] })),
    written],
];

describe('regression corpus', () => {
  test.each(CORPUS)('%s', (_name, build, expected) => {
    const v = judgeBuilt(build);
    expect(v.violations).toEqual([]);
    expect(v.outcome).toBe(expected.outcome);
    for (const rule of expected.rules ?? []) expect(v.rules).toContain(rule);
  });
});

// ---------------------------------------------------------------------------------------
// Known defects: minimal inputs on which the library breaks a property today. Each is kept
// out of the generators (hunting-generators.ts) until it is fixed; then un-skip it here.

const KNOWN_DEFECTS: Array<[string, string, () => BuiltScenario]> = [];

if (KNOWN_DEFECTS.length > 0) {
  describe('known defects (excluded from the generators until fixed)', () => {
    test.skip.each(KNOWN_DEFECTS)('%s: today %s', (_name, _today, build) => {
      expect(judgeBuilt(build).violations).toEqual([]);
    });
  });
}
