/**
 * TRIGGERS_AUTHENTICATED against Tekton Triggers' own interceptors (conformance/triggers/cmd/triggers-cel:
 * github.com/tektoncd/triggers v0.37.0's core-interceptors server). The rule credits a `cel`
 * interceptor whose `filter` it reads as true only when `header.canonical(…).compareSecret(…)` is:
 * whenever it credits a filter, Triggers' cel interceptor must stop every request when no Secret
 * matches (the store answers compareSecret false) and when the Secret cannot be read (compareSecret
 * errs), whatever the request's headers, body and extensions, for the interceptor answers
 * `continue: true` only when the filter evaluates to exactly true (a filter that does not compile,
 * errs or is not a bool stops the trigger). Filters: hand-written adversarial ones, then generated
 * ones (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS change them), each run on fixed
 * adversarial requests and generated ones.
 *
 * The secretRef of the github, gitlab and bitbucket interceptors is checked the same way: whenever
 * the rule credits one of them, the interceptor stops an unsigned request (and a forged one) with
 * either store.
 */
import * as fc from 'fast-check';
import { TRIGGERS_AUTHENTICATED } from '../../src/policy/rules/triggers-authenticated';
import { describeWithTriggersCel, InterceptorQuery, InterceptorRequest, SecretStore, triggersInterceptors } from '../helpers/triggers-cel';
import { ADVERSARIAL_FILTERS as ADVERSARIAL, COMPARES, CS } from '../helpers/triggers-filters';

/** compareSecret false (no Secret holds what a request sends), and compareSecret in error (no Secret). */
const STORES: SecretStore[] = [{ mode: 'none' }, { mode: 'error' }];

const trigger = (interceptor: unknown) => ({
  apiVersion: 'triggers.tekton.dev/v1beta1',
  kind: 'Trigger',
  metadata: { name: 'push', namespace: 'ci' },
  spec: { interceptors: [interceptor], bindings: [{ ref: 'push' }], template: { ref: 'build' } },
});
/** Whether the rule credits the interceptor (a Trigger with it alone passes). */
const credited = (interceptor: unknown) => TRIGGERS_AUTHENTICATED.check(trigger(interceptor)).length === 0;
const celWith = (params: Record<string, unknown>) => ({ ref: { name: 'cel' }, params: Object.entries(params).map(([name, value]) => ({ name, value })) });

const json = (v: unknown) => JSON.stringify(v);
/** Requests a sender may write: headers a filter reads (or not), bodies with and without its fields, extensions of earlier interceptors. */
const REQUESTS: InterceptorRequest[] = [
  { body: '{}' },
  { body: '' },
  { body: 'null' },
  { body: json({ a: true, ok: true, action: 'opened', token: 'abc', s: 'abcdef', n: 3, labels: [{ name: 'ok-to-test' }], b: { c: [true] } }), header: { 'X-Token': ['abc'], 'X-Github-Event': ['push'] } },
  { body: json({ a: false, ok: false, action: 'closed', token: '', s: '', n: 0, labels: [] }), header: { 'X-Token': [''] } },
  { body: json({ a: 'true', ok: 1, action: null, s: 7, labels: 'x', b: null }), header: { 'x-token': ['abc', 'def'], 'X-Token': [] } },
  { body: json({ a: true, ok: true, x: true, k: 'v', token: 'webhook' }), header: { 'X-Token': ['webhook'], 'X-Secret': ['token'] }, extensions: { ok: true, a: true, token: 'abc' } },
  { body: json({ ok: true }), header: { 'X-Token': ['token'], 'X-Github-Event': ['pull_request'], 'Content-Type': ['application/json'] }, extensions: { x: null } },
  { body: json({ a: [], ok: {}, action: 'opened', s: 'é\u2028ß', labels: [{}] }), header: { 'X-Token': ['\u00e9'] }, extensions: { a: false } },
  { body: json({ a: true, ok: true, action: 'opened', s: 'a'.repeat(300), n: -1 }), header: { 'X-Token': ['true'], 'Authorization': ['Bearer abc'] } },
  { body: '[1, 2]', header: { 'X-Token': ['abc'] } },
  { body: json({ body: { a: true }, header: { 'X-Token': 'abc' }, a: { b: { c: true } } }), header: { 'X-Token': ['hook'] }, extensions: { body: {}, header: {} } },
];

const KEYS = ['a', 'ok', 'action', 'token', 's', 'n', 'labels', 'b', 'x', 'k', 'header', 'body'];
const VALUES = [true, false, null, 0, 1, -1, 'abc', '', 'opened', 'true', [], [true], {}, { c: true }];
/** A generated request: any of the keys with any of the values, any of a few headers. */
const generatedRequest: fc.Arbitrary<InterceptorRequest> = fc.record({
  body: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 5 }).map(json),
  header: fc.dictionary(fc.constantFrom('X-Token', 'X-Secret', 'x-token', 'X-Github-Event', 'Content-Type'),
    fc.array(fc.constantFrom('abc', '', 'token', 'webhook', 'push', 'true', 'é'), { maxLength: 2 }), { maxKeys: 3 }),
  extensions: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
});

/** What the rule credits and Triggers lets through with no Secret matching: the first such request and answer, per filter. */
interface Gap { readonly filter: string; readonly request: InterceptorRequest; readonly store: SecretStore }
function gaps(filters: readonly string[], requests: (filter: string) => InterceptorRequest[]): Gap[] {
  const queries: InterceptorQuery[] = filters.map((filter) => ({ interceptor: 'cel', params: { filter }, requests: requests(filter), secrets: STORES }));
  const answers = triggersInterceptors(queries);
  return filters.flatMap((filter, i) => {
    const a = answers[i];
    if (a.error !== undefined) throw new Error(`triggers-cel: ${a.error} (${filter})`);
    if (!credited(celWith({ filter }))) return [];
    return a.results.flatMap((perStore, r) => perStore.flatMap((answer, s) => (answer.continue
      ? [{ filter, request: queries[i].requests![r], store: STORES[s] }] : []))).slice(0, 1);
  });
}

/** A generated filter: CEL text with the comparison in every kind of position (and beside errors, macros, strings). */
const leaf: fc.Arbitrary<string> = fc.constantFrom(
  'true', 'false', 'body.a', 'body.ok == true', 'has(body.a)', "'opened' in [body.action]", "body.action == 'opened'", 'body.missing.x',
  "int('x') == 1", '1/0 == 0', 'body.n > 0', "body.s.startsWith('a')", "body.s.matches('^a')", 'size(body.s) > 3', "header.match('X-Github-Event', 'push')",
  "'abc'.contains('b')", 'extensions.ok', 'extensions.ok == true', 'has(extensions.a)', 'body.labels.size() == 0', "'a' in body", 'null == null',
  "header.canonical('X-Token') == 'abc'", "header.canonical('X-Token') != ''", 'body', '1', "'true'", 'dyn(true)', 'dyn(1)', "dyn('x')",
  "'X-Token' in header", "header['X-Token'].size() == 1", "body.s.matches('(')", 'body.a.b.c', "{'a': true}.a", "has({'a': 1}.a)", 'uint(body.n) > 0u',
  '[1, 2].map(v, v * 2)[1] == 4', "body.labels.exists(l, l.name == 'ok')", "'a' + 'b' == 'ab'", "b'\\x00' == b''",
);
const compare: fc.Arbitrary<string> = fc.constantFrom(...COMPARES);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: compare },
    { weight: 3, arbitrary: leaf },
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `${x} && ${y}`),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `${x} || ${y}`),
    tie('e').map((x) => `!(${x})`),
    tie('e').map((x) => `(${x})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, x, y]) => `${c} ? ${x} : ${y}`),
    fc.tuple(tie('e'), fc.constantFrom('== true', '== false', '!= true', '!= false', 'in [true]', 'in [false]')).map(([x, op]) => `(${x}) ${op}`),
    tie('e').map((x) => `[${x}].exists(v, v)`),
    tie('e').map((x) => `[1].all(v, ${x})`),
    tie('e').map((x) => `cel.bind(v, ${x}, v)`),
    tie('e').map((x) => `dyn(${x}) == true`),
    // text that hides an expression: in a string literal, after a comment
    tie('e').map((x) => `'${x.replace(/'/g, '"')}' != ''`),
    tie('e').map((x) => `"${x.replace(/"/g, "'")}" == ''`),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `${x} // ${y}\n`),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `${x} /* ${y} */`),
  ),
})).e;
/** A chain of top-level && operands, with the comparison among them or not, in the text forms the rule reads. */
const chain: fc.Arbitrary<string> = fc.tuple(fc.array(expr, { minLength: 1, maxLength: 4 }), fc.constantFrom(' && ', '&&', ' &&\n', '\t&& '))
  .map(([xs, sep]) => xs.join(sep));
const generatedFilter: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: chain },
  { weight: 1, arbitrary: fc.tuple(chain, compare, chain).map(([x, c, y]) => `${x} && ${c} && ${y}`) },
  { weight: 1, arbitrary: fc.tuple(chain, compare).map(([x, c]) => `${x} && ${c}`) },
  { weight: 1, arbitrary: fc.tuple(compare, chain).map(([c, y]) => `${c} && ${y}`) },
);

/** Param names Go's encoding/json reads as secretRef (ſ and the Kelvin sign fold to s and k), and some it does not. */
const SECRET_REF_NAMES = ['secretRef', 'SecretRef', 'secretref', 'SECRETREF', '\u017fecretRef', 'secretRef ', 'secret_ref', 'eventTypes'];
const SECRET_REF_VALUES: unknown[] = [
  { secretName: 'hook', secretKey: 'token' }, { SecretName: 'hook', SECRETKEY: 'token' }, { secretName: 'hook', secretKey: 'token', SecretKey: '' },
  { secretName: 'hook', secretKey: 'token', secretkey: null }, { secretName: 'hook' }, { secretKey: 'token' }, { secretName: '', secretKey: 'token' },
  { secretName: 'hook', secretKey: '' }, { secretName: 'hook', secretKey: 7 }, {}, null, undefined, 'hook', ['push'], { secretName: 'hook', \u212aey: 'x', secretKey: 'token' },
];
/** Requests an attacker sends: unsigned, with a forged signature, with a token that is not the Secret's. */
const UNSIGNED: InterceptorRequest[] = [
  { body: '{}' },
  { body: json({ ref: 'main' }), header: { 'X-Hub-Signature-256': ['sha256=' + '0'.repeat(64)], 'X-Hub-Signature': ['sha1=' + '0'.repeat(40)], 'X-Gitlab-Token': ['abc'], 'X-Github-Event': ['push'], 'X-Gitlab-Event': ['Push Hook'], 'X-Event-Key': ['repo:push'] } },
  { body: json({ ref: 'main' }), header: { 'X-Hub-Signature-256': [''], 'X-Gitlab-Token': [''] } },
  { body: 'a=1&b=2', header: { 'Content-Type': ['application/x-www-form-urlencoded'], 'X-Gitlab-Token': ['abc'] } },
];
/** A verifier's params as written in a Trigger: one to three entries with any of the names and values. */
const verifierParams = fc.array(fc.record({ name: fc.constantFrom(...SECRET_REF_NAMES), value: fc.constantFrom(...SECRET_REF_VALUES) }),
  { minLength: 0, maxLength: 3 });

/** A cel interceptor's params as written: filters under names Go reads as filter (or not), overlays. */
const celParams = fc.array(fc.record({
  name: fc.constantFrom('filter', 'Filter', 'FILTER', 'filter ', 'filters', 'overlays'),
  value: fc.constantFrom<unknown>(CS, `body.a && ${CS}`, 'true', '', null, undefined, 7, `${CS} || true`, [{ key: 'x', expression: 'true' }], { filter: 'true' }),
}), { minLength: 1, maxLength: 3 });
/** The params as the sink sends them: a map by name, a later entry of the same name replacing an earlier one, an absent value null. */
const sent = (params: ReadonlyArray<{ name: string; value: unknown }>) =>
  Object.fromEntries(params.map((p) => [p.name, p.value === undefined ? null : p.value]));

describeWithTriggersCel("TRIGGERS_AUTHENTICATED against Triggers' own interceptors", () => {
  test('the oracle: a credited filter passes when the header holds the Secret, and stops without it', () => {
    const [answer] = triggersInterceptors([{
      interceptor: 'cel',
      params: { filter: `body.a && ${CS}` },
      requests: [{ body: json({ a: true }), header: { 'X-Token': ['s3cret'] } }, { body: json({ a: true }), header: { 'X-Token': ['other'] } }],
      secrets: [{ mode: 'value', value: 's3cret' }, ...STORES],
    }]);
    expect(answer.error).toBeUndefined();
    expect(answer.results!.map((r) => r.map((a) => a.continue))).toEqual([[true, false, false], [false, false, false]]);
    expect(answer.results![0][1].message).toBe(`expression body.a && ${CS} did not return true`);
    expect(answer.results![0][2].message).toContain('failed to find secret');
    // what the interceptor does with a filter that does not compile, errs or is not a bool: it stops the trigger
    const odd = triggersInterceptors([{ interceptor: 'cel', params: { filter: `${CS} &&` }, requests: [{ body: '{}' }], secrets: [{ mode: 'value', value: '' }] },
      { interceptor: 'cel', params: { filter: "'true'" } }, { interceptor: 'cel', params: { filter: 'body.missing' } }])
      .map((a) => a.results!.map((r) => r.map((x) => x.continue)));
    expect(odd).toEqual([[[false]], [[false]], [[false]]]);
  });

  test('hand-written filters: none the rule credits passes a request with no Secret matching', () => {
    expect(ADVERSARIAL.length).toBeGreaterThan(120);
    // some of them are credited, or the comparison checks nothing
    expect(ADVERSARIAL.filter((f) => credited(celWith({ filter: f }))).length).toBeGreaterThan(15);
    expect(gaps(ADVERSARIAL, () => REQUESTS)).toEqual([]);
  });

  test('generated filters on generated requests: none the rule credits passes with no Secret matching', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 600);
    const filters = fc.sample(generatedFilter, { seed, numRuns });
    const extra = fc.sample(generatedRequest, { seed, numRuns: numRuns * 4 });
    // eslint-disable-next-line no-console
    console.log(`triggers-cel differential: ${numRuns} generated filters (${filters.filter((f) => credited(celWith({ filter: f }))).length} credited), `
      + `each on ${REQUESTS.length + 4} requests, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    expect(gaps(filters, (f) => {
      const i = filters.indexOf(f);
      return [...REQUESTS, ...extra.slice(i * 4, i * 4 + 4)];
    })).toEqual([]);
  });

  test('github, gitlab and bitbucket: none whose secretRef the rule credits passes an unsigned or forged request', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const written = fc.sample(fc.tuple(fc.constantFrom('github', 'gitlab', 'bitbucket'), verifierParams), { seed, numRuns: 600 });
    const queries: InterceptorQuery[] = written.map(([interceptor, params]) => ({
      interceptor: interceptor as 'github' | 'gitlab' | 'bitbucket',
      params: sent(params),
      requests: UNSIGNED,
      secrets: STORES,
    }));
    const answers = triggersInterceptors(queries);
    const creditedCount = written.filter(([name, params]) => credited({ ref: { name }, params })).length;
    expect(creditedCount).toBeGreaterThan(30);
    const passed = written.flatMap(([name, params], i) => {
      const a = answers[i];
      if (a.error !== undefined) throw new Error(`triggers-cel: ${a.error}`);
      return credited({ ref: { name }, params }) && a.results.some((r) => r.some((x) => x.continue)) ? [{ name, params }] : [];
    });
    expect(passed).toEqual([]);
  });

  test('cel params: no set of filter params the rule credits lets a request through with no Secret matching', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const written = fc.sample(celParams, { seed, numRuns: 300 });
    const answers = triggersInterceptors(written.map((params) => ({ interceptor: 'cel', params: sent(params), requests: REQUESTS, secrets: STORES })));
    expect(written.filter((params) => credited({ ref: { name: 'cel' }, params })).length).toBeGreaterThan(20);
    const passed = written.filter((params, i) => {
      const a = answers[i];
      if (a.error !== undefined) throw new Error(`triggers-cel: ${a.error}`);
      return credited({ ref: { name: 'cel' }, params }) && a.results.some((r) => r.some((x) => x.continue));
    });
    expect(passed).toEqual([]);
  });

  test("the rule's limit: a Secret whose key holds an empty value makes compareSecret true for a request without the header (gitlab stops it)", () => {
    const empty: SecretStore[] = [{ mode: 'value', value: '' }];
    const requests: InterceptorRequest[] = [{ body: '{}' }, { body: '{}', header: { 'X-Token': ['x'], 'X-Gitlab-Token': ['x'] } }];
    const answers = triggersInterceptors([
      { interceptor: 'cel', params: { filter: CS }, requests, secrets: empty },
      { interceptor: 'gitlab', params: { secretRef: { secretName: 'webhook', secretKey: 'token' } }, requests, secrets: empty },
    ]);
    expect(answers.map((a) => a.results!.map((r) => r[0].continue))).toEqual([[true, false], [false, false]]);
    expect(credited(celWith({ filter: CS }))).toBe(true);
  });
});
