import { calicoSelects, LabelLookup, UNKNOWN_LABEL } from '../../src/private/calico-selectors';

/** Labels known to be these (others absent), with `pod.*` keys not known. */
const labels = (known: Record<string, string>): LabelLookup => (key) => (key.startsWith('pod.') ? UNKNOWN_LABEL : key in known ? known[key] : null);
const NS = labels({ 'team': 'build', 'projectcalico.org/name': 'ci' });

describe('calicoSelects', () => {
  test('all(), global(), an empty or absent selector select everything', () => {
    for (const s of ['all()', 'global()', '', '  ', undefined, null]) expect(calicoSelects(s, NS)).toBe(true);
  });

  test('comparisons, sets, has() and the string operators against known labels', () => {
    const cases: Array<[string, boolean]> = [
      ["team == 'build'", true], ['team == "web"', false], ["team != 'web'", true], ["missing != 'x'", true], ["missing == 'x'", false],
      ["team in {'a', 'build'}", true], ['team in {}', false], ["team not in {'build'}", false], ["missing not in {'x'}", true],
      ['has(team)', true], ['!has(team)', false], ['has(missing)', false],
      ["team contains 'uil'", true], ["team starts with 'bu'", true], ["team ends with 'ld'", true], ["team ends with 'bu'", false],
      ["team == 'build' && projectcalico.org/name == 'ci'", true], ["team == 'web' || projectcalico.org/name == 'ci'", true],
      ["!(team == 'build' && has(missing))", true], ["team == 'web' || !has(team)", false],
    ];
    for (const [s, want] of cases) expect([s, calicoSelects(s, NS)]).toEqual([s, want]);
  });

  test('labels not known make a result unknown unless the rest decides it', () => {
    expect(calicoSelects("pod.app == 'x'", NS)).toBeUndefined();
    expect(calicoSelects("pod.app == 'x' && team == 'build'", NS)).toBeUndefined();
    expect(calicoSelects("pod.app == 'x' && team == 'web'", NS)).toBe(false);
    expect(calicoSelects("pod.app == 'x' || team == 'build'", NS)).toBe(true);
    expect(calicoSelects('!has(pod.app)', NS)).toBeUndefined();
  });

  test('what cannot be read is unknown', () => {
    for (const s of ['team ==', "team == 'x", "team ~ 'x'", "(team == 'x'", "team in {'a' 'b'}", "team == 'x' &&", 'has(team', "team starts 'x'", 42]) {
      expect([s, calicoSelects(s, NS)]).toEqual([s, undefined]);
    }
  });
});
