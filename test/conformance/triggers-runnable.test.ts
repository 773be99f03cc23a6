/**
 * TRIGGERS_RUNNABLE against Tekton Triggers' own code (github.com/tektoncd/triggers v0.37.0):
 *
 * - conformance/triggers/cmd/triggers-admit: Triggers' admission webhooks (knative's decoding,
 *   SetDefaults, Validate) and the sink's ExecuteInterceptors. Each interceptor entry the rule
 *   reports (null, not an object, naming no interceptor) is one the webhooks refuse in a Trigger and
 *   an EventListener's trigger, and one the sink panics or errs on in a trigger group, which the
 *   webhooks admit; the entries it passes are admitted and run.
 * - conformance/triggers/cmd/triggers-cel: the cel interceptor. Each filter the rule reports as one
 *   CEL cannot parse is one the interceptor refuses with "failed to parse expression", on
 *   hand-written filters and generated ones (fast-check, seed printed; PROPERTY_SEED and
 *   PROPERTY_RUNS change them).
 */
import * as fc from 'fast-check';
import { TRIGGERS_RUNNABLE } from '../../src/policy/rules/triggers-runnable';
import { describeWithTriggersAdmit, triggersAdmission } from '../helpers/triggers-admit';
import { describeWithTriggersCel, triggersInterceptors } from '../helpers/triggers-cel';
import { ADVERSARIAL_FILTERS, CS } from '../helpers/triggers-filters';

const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

const GITHUB = { ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] };
const V1BETA1 = 'triggers.tekton.dev/v1beta1';
const trigger = (interceptors: unknown[], apiVersion = V1BETA1) => ({
  apiVersion, kind: 'Trigger', metadata: { name: 'push', namespace: 'ci' }, spec: { interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});
const inline = (interceptors: unknown[], apiVersion = V1BETA1) => ({
  apiVersion,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: { serviceAccountName: 'listener', triggers: [{ name: 'push', interceptors, bindings: [{ ref: 'push' }], template: { ref: 'build' } }] },
});
const group = (interceptors: unknown[]) => ({
  apiVersion: V1BETA1,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: { serviceAccountName: 'listener', triggerGroups: [{ name: 'push', interceptors, triggerSelector: { namespaceSelector: { matchNames: ['ci'] } } }] },
});

/** Entries the rule reports, and entries it passes, each placed before and after the github interceptor. */
const REPORTED: unknown[] = [null, 'github', 7, [GITHUB], true, {}, { params: [] }, { ref: { name: '' } }, { ref: null, webhook: null }, { ref: { kind: 'ClusterInterceptor' } }];
const PASSED: unknown[] = [GITHUB, { ref: { name: 'cel' }, params: [{ name: 'filter', value: 'true' }] }, { ref: { name: 'custom', kind: 'NamespacedInterceptor' } },
  { webhook: { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } } }];

describeWithTriggersAdmit("TRIGGERS_RUNNABLE against Triggers' own webhooks and sink", () => {
  test('a null entry: the webhooks refuse a Trigger (its defaulting panics) and an inline trigger; a trigger group is admitted and crashes the sink', () => {
    const [t, l, g, g2, t1, l1] = triggersAdmission([trigger([null]), inline([null]), group([null]), group([{ ref: { name: 'cel' } }, null]),
      trigger([null], 'triggers.tekton.dev/v1alpha1'), inline([null], 'triggers.tekton.dev/v1alpha1')]);
    const NIL = 'runtime error: invalid memory address or nil pointer dereference';
    expect(t).toEqual({ admitted: false, stage: 'defaults', panic: NIL, chains: [{ at: 'spec.interceptors', panic: NIL }] });
    expect(l).toEqual({
      admitted: false,
      stage: 'validate',
      error: "invalid value: interceptor '<nil>' must be a valid value: spec.triggers[0].interceptors[0]",
      chains: [{ at: 'spec.triggers[0].interceptors', panic: NIL }],
    });
    // after an interceptor that lets the event through too
    expect(g).toEqual({ admitted: true, chains: [{ at: 'spec.triggerGroups[0].interceptors', panic: NIL }] });
    expect(g2).toEqual({ admitted: true, chains: [{ at: 'spec.triggerGroups[0].interceptors', panic: NIL }] });
    expect(t1).toMatchObject({ admitted: false, stage: 'defaults', panic: NIL });
    expect(l1).toMatchObject({ admitted: false, stage: 'validate', error: "invalid value: interceptor '<nil>' must be a valid value: spec.triggers[0].interceptors[0]" });
    for (const obj of [trigger([null]), inline([null]), group([null])]) expect(TRIGGERS_RUNNABLE.check(obj)).toHaveLength(1);
  });

  test('every entry the rule reports is refused by the webhooks, or stops or crashes the sink in a trigger group; every entry it passes is admitted and run', () => {
    const objects = [...REPORTED, ...PASSED].flatMap((e) => [[e, GITHUB], [GITHUB, e]].flatMap((is) => [trigger(is), inline(is), group(is)]));
    const answers = triggersAdmission(objects);
    const seen = objects.map((obj, i) => {
      const reported = TRIGGERS_RUNNABLE.check(obj).length > 0;
      const a = answers[i];
      const runs = a.admitted && (a.chains ?? []).every((c) => c.continue === true);
      return { obj: JSON.stringify(obj), reported, admitted: a.admitted, runs };
    });
    // reported exactly when Triggers refuses the object or its sink cannot run a chain
    expect(seen.filter((s) => s.reported === s.runs)).toEqual([]);
    // in a trigger group, the webhooks admit what the sink cannot run: null and unnamed entries
    expect(seen.filter((s) => s.reported && s.admitted).length).toBeGreaterThanOrEqual(2 * 6);
  });
});

/** Filters Triggers' cel interceptor cannot parse, written by hand. */
const UNPARSED = [
  `${CS} &&`, `&& ${CS}`, `${CS} && && true`, `${CS} &`, `${CS} & true`, `(${CS}`, `${CS})`, `${CS} &&\n`, `${CS} && (body.a || )`,
  `body.a = 'x' && ${CS}`, `${CS} && body.a ? true`, `${CS} && 'open`, `${CS} && [1, 2`, `${CS} && f(,)`, `${CS} && body..a`, `${CS} && body.a b`,
  "header.match('X-GitHub-Event', 'push') &&", '#', ' ',
];
/** Pieces of CEL text, glued at random. */
const PIECES = ['body.a', "'x'", '1', 'true', '&&', '||', '!', '==', '(', ')', '[', ']', '{', '}', ',', ':', '?', '.', 'f(', '.b', 'in', '&', '=', '#', ' ',
  '"y"', "'z", '\n', '// c\n', CS, 'has(body.a)', '[1].exists(v, v > 0)'];

describeWithTriggersCel("TRIGGERS_RUNNABLE against Triggers' own cel interceptor", () => {
  const answers = (filters: readonly string[]) => {
    const out = triggersInterceptors(filters.map((filter, i) => ({
      interceptor: 'cel' as const, params: { filter }, ...(i === 0 ? { requests: [{ body: '{}' }], secrets: [{ mode: 'none' as const }] } : {}),
    })));
    return filters.map((filter, i) => {
      const a = out[i];
      if (a.error !== undefined) throw new Error(`triggers-cel: ${a.error} (${filter})`);
      const listenerWith = { ...group([]), spec: { triggerGroups: [{ name: 'p', interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] }] }] } };
      return {
        filter,
        reported: TRIGGERS_RUNNABLE.check(listenerWith).length > 0,
        unparsed: a.results[0][0].code === 'InvalidArgument' && (a.results[0][0].message ?? '').includes('failed to parse expression'),
      };
    });
  };

  test('hand-written filters: each reported is one the interceptor cannot parse, and each written not to parse is reported (but the optional syntax)', () => {
    const seen = answers([...UNPARSED, '', ...ADVERSARIAL_FILTERS]);
    expect(seen.filter((s) => s.reported && !s.unparsed)).toEqual([]);
    expect(seen.filter((s) => UNPARSED.includes(s.filter) && !s.reported)).toEqual([]);
    // the adversarial filters written to fool TRIGGERS_AUTHENTICATED's reading (a block comment, a raw string ending in a backslash, …) that do not parse
    expect(seen.filter((s) => s.reported).length).toBeGreaterThan(UNPARSED.length + 5);
    // the rule's limit: Triggers' CEL environment does not enable the optional syntax (.?), which the grammar read here accepts
    expect(seen.filter((s) => !s.reported && s.unparsed).map((s) => s.filter)).toEqual([`${CS} && body.?a.orValue(true)`, `has(body.?a) && ${CS}`]);
  });

  test('generated text: every filter reported is one the interceptor cannot parse', () => {
    // eslint-disable-next-line no-console
    console.log(`TRIGGERS_RUNNABLE filters: seed ${SEED}, ${RUNS} runs`);
    const filters = fc.sample(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(' ')), { seed: SEED, numRuns: RUNS });
    const seen = answers(filters);
    expect(seen.filter((s) => s.reported && !s.unparsed)).toEqual([]);
    // most of what the interceptor cannot parse is reported
    const unparsed = seen.filter((s) => s.unparsed);
    expect(unparsed.filter((s) => s.reported).length).toBeGreaterThan(unparsed.length * 0.8);
  });
});
