/**
 * Differential property: TRIGGERS_AUTHENTICATED and TektonAdmissionPolicies' triggers-authenticated
 * policy (evaluated with the API server's own CEL admission code, conformance/cmd/vap-eval) agree on
 * drawn EventListeners and Triggers (v1beta1 and v1alpha1): the policy refuses an object exactly when
 * the catalogue has a finding, with one message naming the failing triggers and their interceptors
 * as the findings do. The interceptors are drawn from every spelling Go's encoding/json reads as
 * `secretRef`, `secretName` and `secretKey` (case, U+017F, U+212A), values of every JSON type, the
 * kinds, `webhook` entries and v1alpha1's deprecated fields, and cel interceptors whose filters compare a
 * header with a Secret or only seem to. Seeded and bounded (PROPERTY_SEED,
 * PARITY_RUNS to scale); one vap-eval process serves the file.
 *
 * No CRDs are passed to vap-eval (as admission-parity passes TEKTON_CRDS): Triggers v0.37's
 * EventListener and Trigger CRDs (config/300-eventlistener.yaml, config/300-trigger.yaml) declare, at
 * both versions, only `openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }`,
 * so the API server's decoding with them prunes nothing, drops no null and refuses no field of a
 * drawn object: it would reach the policy as drawn (its metadata, fixed here, is valid).
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Finding, TektonAdmissionPolicies } from '../../src';
import { TRIGGERS_AUTHENTICATED } from '../../src/policy/rules/triggers-authenticated';
import { interceptorsNamed } from '../../src/private/trigger-interceptors';
import { ADVERSARIAL_FILTERS } from '../helpers/triggers-filters';
import { describeWithVapEval, VapEvaluator } from '../helpers/vap-eval';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);
const SCALE = Number(process.env.PARITY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

/** Spellings Go's encoding/json reads as `field` (an ASCII-lower-case name), and a few it does not. */
function spellings(field: string, camel: string): fc.Arbitrary<string> {
  const folded = [camel, field, field.toUpperCase(), camel.charAt(0).toUpperCase() + camel.slice(1)];
  if (field.includes('s')) folded.push(camel.replace('s', '\u017f'), field.toUpperCase().replace(/S/g, '\u017f'));
  if (field.includes('k')) folded.push(camel.replace(/k/i, '\u212a'), field.toUpperCase().replace('K', '\u212a'));
  return fc.constantFrom(...folded, `${camel}s`, camel.slice(1), `${camel} `);
}

const anyValue = fc.constantFrom<any>(null, '', 'w', 7, true, [], {}, ['w']);
/** A secretRef that names a Secret and a key, each under a spelling drawn, with perhaps one more key of any value. */
const namedSecret = fc.tuple(spellings('secretname', 'secretName'), spellings('secretkey', 'secretKey'),
  fc.option(fc.tuple(fc.oneof(spellings('secretname', 'secretName'), spellings('secretkey', 'secretKey')), anyValue), { nil: undefined }))
  .map(([name, key, extra]) => ({ [name]: 'github-webhook', [key]: 'token', ...(extra ? { [extra[0]]: extra[1] } : {}) }));
const secretRefValue: fc.Arbitrary<any> = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  { weight: 4, arbitrary: namedSecret },
  {
    weight: 2,
    arbitrary: fc.array(fc.tuple(fc.oneof(spellings('secretname', 'secretName'), spellings('secretkey', 'secretKey'), fc.constant('other')),
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom('github-webhook', 'token') }, { weight: 1, arbitrary: anyValue })), { maxLength: 4 })
      .map((entries) => Object.fromEntries(entries)),
  },
);
const secretRefName = fc.oneof({ weight: 4, arbitrary: spellings('secretref', 'secretRef') }, { weight: 1, arbitrary: fc.constantFrom<any>('filter', 7, null) });
const param = fc.oneof(
  {
    weight: 6,
    // a param without a value now and then
    arbitrary: fc.tuple(secretRefName, fc.oneof({ weight: 8, arbitrary: secretRefValue.map((value) => ({ value })) },
      { weight: 1, arbitrary: fc.constant({}) }))
      .map(([name, value]) => ({ name, ...value })),
  },
  { weight: 1, arbitrary: fc.constantFrom<any>('secretRef', null, { value: {} }) },
);
/** Mostly what a verifier needs (often), else anything: `likely` with weight 4 against `other`. */
const mostly = <T>(likely: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: likely }, { weight: 1, arbitrary: other });
/** The optional fields of an entry: absent mostly (undefined values are left out). */
const optional = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const kind = optional(fc.constantFrom<any>(null, '', 'ClusterInterceptor', 'NamespacedInterceptor', 'clusterinterceptor'));
const ref = fc.record({
  name: optional(mostly(fc.constantFrom<any>('github', 'gitlab', 'bitbucket'), fc.constantFrom<any>('slack', 'cel', '', 7, null))),
  kind,
}).map(defined);
const webhook = optional(fc.constantFrom<any>(null, { objectRef: { kind: 'Service', name: 'check', apiVersion: 'v1' } }));
const byRef = fc.record({
  ref: mostly(fc.record({ name: mostly(fc.constantFrom<any>('github', 'gitlab', 'bitbucket'), fc.constantFrom<any>('slack', 'cel', '', 7)), kind })
    .map(defined), fc.oneof(ref, fc.constantFrom<any>('github', null))),
  params: optional(mostly(fc.array(param, { minLength: 1, maxLength: 3 }), anyValue)),
  webhook,
}).map(defined);
const deprecatedField = optional(mostly(fc.array(fc.tuple(mostly(spellings('secretref', 'secretRef'), fc.constant('eventTypes')), secretRefValue),
  { minLength: 1, maxLength: 2 }).map((entries) => Object.fromEntries(entries)), anyValue));
const deprecated = fc.record({
  bitbucket: deprecatedField, cel: deprecatedField, github: deprecatedField, gitlab: deprecatedField, ref: optional(ref), webhook,
}).map(defined);
const COMPARE = "header.canonical('X-Token').compareSecret('token', 'webhook')";
/** Filters that compare a header with a Secret, ones that only seem to, and other values. */
const filterValue = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('', "body.action in ['opened'] && ", 'body.a.exists(x, [x].size() > 0) && ', 'body.ok || ', '!(', '"a" != " && ', 'true // '),
      fc.constantFrom(COMPARE, 'header.canonical("X-Token").compareSecret("token", "webhook", "ci")', "body.token.compareSecret('token', 'webhook')",
        "header.canonical('X-Token').compareSecret('', 'webhook')"),
      fc.constantFrom('', " && body.ref != 'main'", ')', ' && "', ' == false', ' || true', ' && body.a.all(b, b.c.all(d, d.e.all(f, [f].all(g, [g].size() > 0))))'))
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
  { weight: 1, arbitrary: fc.constantFrom<any>("header.match('X-GitHub-Event', 'push')", 'true', 7, null, ['x']) },
);
const celEntry = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      ref: fc.record({ name: fc.constant('cel'), kind }).map(defined),
      params: fc.array(fc.record({ name: fc.constantFrom<any>('filter', 'Filter', 'FILTER', 'overlays'), value: filterValue }), { minLength: 1, maxLength: 2 }),
      webhook,
    }).map(defined),
  },
  { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom('filter', 'FILTER', 'overlays'), filterValue), { minLength: 1, maxLength: 2 }).map((e) => ({ cel: Object.fromEntries(e) })) },
);
const interceptor = fc.oneof({ weight: 6, arbitrary: byRef }, { weight: 3, arbitrary: deprecated }, { weight: 3, arbitrary: celEntry },
  { weight: 1, arbitrary: anyValue });
const interceptors = fc.oneof({ weight: 9, arbitrary: fc.array(interceptor, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<any>(undefined, null, {}) });

const apiVersion = fc.constantFrom('triggers.tekton.dev/v1beta1', 'triggers.tekton.dev/v1alpha1');
const triggerObject = fc.tuple(apiVersion, interceptors).map(([v, is]) => ({
  apiVersion: v,
  kind: 'Trigger',
  metadata: { name: 'push', namespace: 'ci' },
  spec: { ...(is !== undefined ? { interceptors: is } : {}), bindings: [{ ref: 'push' }], template: { ref: 'build' } },
}));
/** Each inline trigger binds its own TriggerBinding, so that no two are equal (the policy names a nameless one by its first index). */
const eventListener = fc.tuple(apiVersion, fc.array(fc.tuple(fc.constantFrom<any>('push', 'pr', null, ''), fc.constantFrom<any>({ ref: 'build' }, null, undefined),
  interceptors), { maxLength: 3 })).map(([v, triggers]) => ({
  apiVersion: v,
  kind: 'EventListener',
  metadata: { name: 'ci', namespace: 'ci' },
  spec: {
    serviceAccountName: 'listener',
    triggers: triggers.map(([name, template, is], i) => ({
      ...(name !== null ? { name } : {}),
      ...(is !== undefined ? { interceptors: is } : {}),
      bindings: [{ ref: `b${i}` }],
      ...(template !== undefined ? { template } : {}),
    })),
  },
}));

const UNAUTHENTICATED = ': no interceptor checks who sent the event (a github, gitlab or bitbucket ClusterInterceptor, not a webhook, given a'
  + " secretRef param whose secretName and secretKey are strings that are not empty, or a cel one whose filter requires header.canonical('<header>')"
  + ".compareSecret('<key>', '<Secret>')), so anyone who can reach the EventListener starts its runs"
  + ` with a body and params of their choosing [TRIGGERS_AUTHENTICATED]. ${TRIGGERS_AUTHENTICATED.fix}`;

/** The policy's message for the catalogue's findings in `obj` (none when it has none). */
function expectedRefusals(obj: any, findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  // each finding's property is a field below its trigger's: spec.triggers[<i>]…
  // the policy names the trigger's interceptors, as a finding at them does (one at a filter or secretRef names that value)
  const v1alpha1 = obj.apiVersion === 'triggers.tekton.dev/v1alpha1';
  const what = obj.kind === 'Trigger' ? `Trigger 'push' (spec.interceptors: ${interceptorsNamed(obj.spec?.interceptors, v1alpha1)})`
    : `EventListener 'ci' ${findings.map((f) => {
      const trigger = /^spec\.triggers\[(\d+)\]/.exec(f.property);
      return `${f.location} (${trigger?.[0]}.interceptors: ${interceptorsNamed(obj.spec?.triggers?.[Number(trigger?.[1])]?.interceptors, v1alpha1)})`;
    }).join(', ')}`;
  return [`${what}${UNAUTHENTICATED}`];
}

const evaluator = new VapEvaluator();
const chart = new Chart(Testing.app(), 'parity', { namespace: 'ci' });
new TektonAdmissionPolicies(chart, 'admission', { namespaces: ['ci'], allowedServiceAccounts: ['runner'] });
const policy = Testing.synth(chart).find((o: any) => o.kind === 'ValidatingAdmissionPolicy' && o.metadata.name === 'secure-tekton-triggers-authenticated');

describeWithVapEval('TRIGGERS_AUTHENTICATED and the triggers-authenticated policy agree on drawn EventListeners and Triggers', () => {
  beforeAll(() => evaluator.start());
  afterAll(() => evaluator.stop());

  test('refused exactly when the catalogue finds, with the message its findings make', async () => {
    let refused = 0;
    let admitted = 0;
    await fc.assert(fc.asyncProperty(fc.oneof(triggerObject, eventListener), async (obj) => {
      const result = await evaluator.evaluate({ policies: [policy], requests: [{ namespaceName: 'ci', object: obj, userInfo: { username: 'jane' } }] });
      expect(result.policies[0].compileErrors).toEqual([]);
      const v = result.requests[0].verdicts[0];
      expect(v.matched).toBe(true);
      const expected = expectedRefusals(obj, TRIGGERS_AUTHENTICATED.check(obj));
      expect(v.denials.map((d) => `${d.evaluation}: ${d.message}`)).toEqual(expected.map((m) => `deny: ${m}`));
      if (expected.length > 0) refused++; else admitted++;
    }), runs(1000));
    // both verdicts are drawn often
    expect(Math.min(refused, admitted)).toBeGreaterThan(40 * SCALE);
  }, 120_000);

  test("the hand-written filters run with Triggers' own cel interceptor: refused exactly when the catalogue finds", async () => {
    const objects = ADVERSARIAL_FILTERS.map((filter) => ({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'Trigger',
      metadata: { name: 'push', namespace: 'ci' },
      spec: { interceptors: [{ ref: { name: 'cel' }, params: [{ name: 'filter', value: filter }] }], bindings: [{ ref: 'push' }], template: { ref: 'build' } },
    }));
    const result = await evaluator.evaluate({ policies: [policy], requests: objects.map((object) => ({ namespaceName: 'ci', object, userInfo: { username: 'jane' } })) });
    expect(result.policies[0].compileErrors).toEqual([]);
    const verdicts = objects.map((_, i) => ({ filter: ADVERSARIAL_FILTERS[i], denials: result.requests[i].verdicts[0].denials.map((d) => `${d.evaluation}: ${d.message}`) }));
    expect(verdicts).toEqual(objects.map((obj, i) => ({ filter: ADVERSARIAL_FILTERS[i], denials: expectedRefusals(obj, TRIGGERS_AUTHENTICATED.check(obj)).map((m) => `deny: ${m}`) })));
    // both verdicts are given
    expect(verdicts.filter((v) => v.denials.length === 0).length).toBeGreaterThan(15);
    expect(verdicts.filter((v) => v.denials.length > 0).length).toBeGreaterThan(50);
  }, 120_000);
});
