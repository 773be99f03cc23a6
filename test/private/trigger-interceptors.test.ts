import { interceptorsNamed, judged } from '../../src/private/trigger-interceptors';

describe('the interceptors of a trigger as the sink runs them', () => {
  const github = { ref: { name: 'github' }, params: [{ name: 'secretRef', value: { secretName: 'hook', secretKey: 'token' } }] };

  test('named as a finding and the admission policy name them', () => {
    expect(interceptorsNamed([github, { ref: { name: 'cel' } }], false)).toBe('github, cel');
    expect(interceptorsNamed([{ ref: { name: 'mine', kind: 'NamespacedInterceptor' } }, { webhook: { objectRef: {} } }, {}], false))
      .toBe('mine (NamespacedInterceptor), webhook, (unnamed)');
    expect(interceptorsNamed(undefined, false)).toBe('(none)');
    // v1alpha1's deprecated fields: named after the first one set, as Triggers' defaulting does
    expect(interceptorsNamed([{ gitlab: { secretRef: { secretName: 's', secretKey: 'k' } } }], true)).toBe('gitlab');
  });

  test('each interceptor checks the sender (undefined), does not mean to (null), or says why it does not', () => {
    const { checks } = judged([github, { ref: { name: 'github' } }, { ref: { name: 'cel' }, params: [{ name: 'filter', value: 'true' }] },
      { ref: { name: 'github' }, Params: [] }], 'spec.interceptors', false);
    expect(checks[0]).toBeUndefined();
    expect(checks[1]).toEqual({ at: 'spec.interceptors[1]', problem: 'runs the github interceptor without a secretRef param: it then checks no signature and passes every request' });
    expect(checks[2]).toBeNull();
    expect(checks[3]?.at).toBe('spec.interceptors[3].Params');
  });
});
