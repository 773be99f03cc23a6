import * as fc from 'fast-check';
import { describeRule } from './fixtures';
import { PodSecurityMode, RuleId, Severity } from '../../../src';
import { NAMESPACE_RESTRICTED } from '../../../src/policy/rules/namespace-restricted';

function ns(labels: Record<string, string> | undefined) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels } };
}

const restricted = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

describe('NAMESPACE_RESTRICTED', () => {
  describeRule(NAMESPACE_RESTRICTED, RuleId.NAMESPACE_RESTRICTED, Severity.MEDIUM, true);

  test('applies to Namespaces only', () => {
    expect(NAMESPACE_RESTRICTED.appliesTo(ns(undefined))).toBe(true);
    expect(NAMESPACE_RESTRICTED.appliesTo({ kind: 'Pod', metadata: { labels: restricted } })).toBe(false);
  });

  test('compliant: the three modes restricted, whatever the versions', () => {
    expect(NAMESPACE_RESTRICTED.check(ns(restricted))).toEqual([]);
    expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/enforce-version': 'v1.28' }))).toEqual([]);
  });

  test('non-compliant: a weaker level, with the mode as location and target', () => {
    expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/enforce': 'privileged' }))).toEqual([{
      rule: RuleId.NAMESPACE_RESTRICTED,
      kind: 'Namespace',
      name: 'ci',
      location: "mode 'enforce'",
      target: 'mode/enforce',
      property: "metadata.labels['pod-security.kubernetes.io/enforce']",
      value: 'privileged',
      problem: 'is not "restricted"',
      fix: 'Set it to "restricted".',
    }]);
  });

  const unset = (mode: string) => ({
    rule: RuleId.NAMESPACE_RESTRICTED,
    kind: 'Namespace',
    name: 'ci',
    location: `mode '${mode}'`,
    target: `mode/${mode}`,
    property: `metadata.labels['pod-security.kubernetes.io/${mode}']`,
    problem: 'is not set (the cluster default applies, usually privileged)',
    fix: 'Set it to "restricted".',
  });

  test('non-compliant: enforced but not audited (warn follows a restricted enforce, as Pod Security Admission defaults it)', () => {
    expect(NAMESPACE_RESTRICTED.check(ns({ 'pod-security.kubernetes.io/enforce': 'restricted' }))).toEqual([unset('audit')]);
  });

  test('non-compliant: warn does not follow an enforce level that is not a valid restricted', () => {
    for (const enforce of ['baseline', 'Restricted']) {
      const findings = NAMESPACE_RESTRICTED.check(ns({ 'pod-security.kubernetes.io/enforce': enforce, 'pod-security.kubernetes.io/audit': 'restricted' }));
      expect(findings.map((f) => f.target)).toEqual(['mode/enforce', 'mode/warn']);
    }
  });

  test('non-compliant: audit has no default', () => {
    expect(NAMESPACE_RESTRICTED.check(ns({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' }))).toEqual([unset('audit')]);
  });

  test.each(['baseline', 'Restricted', 'restricted ', ''])('non-compliant: warn %j', (level) => {
    expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/warn': level })).map((f) => [f.target, f.value, f.problem]))
      .toEqual([['mode/warn', level, 'is not "restricted"']]);
  });

  test('non-compliant: an unlabelled namespace misses every mode', () => {
    expect(NAMESPACE_RESTRICTED.check(ns(undefined)).map((f) => [f.target, f.problem])).toEqual(
      Object.values(PodSecurityMode).map((mode) => [`mode/${mode}`, 'is not set (the cluster default applies, usually privileged)']),
    );
  });

  test('other kinds are not checked', () => {
    expect(NAMESPACE_RESTRICTED.check({ kind: 'ConfigMap', metadata: { name: 'ci' } })).toEqual([]);
  });

  describe('versions', () => {
    const version = (mode: string, value: string, problem: string) => ({
      rule: RuleId.NAMESPACE_RESTRICTED,
      kind: 'Namespace',
      name: 'ci',
      location: `mode '${mode}'`,
      target: `mode/${mode}`,
      property: `metadata.labels['pod-security.kubernetes.io/${mode}-version']`,
      value,
      problem,
      fix: 'Set it to "latest" or "v1.23" or later, or remove it.',
    });
    const OLD = 'is older than v1.23, whose restricted profile is the first with every restricted check';
    const INVALID = 'is not "latest" or "v1.<minor>" (the API server refuses the Namespace)';

    test.each(['latest', 'v1.23', 'v1.28', 'v1.35', 'v1.99', 'v1.100', 'v1.9223372036854775807'])('compliant: %s for every mode', (v) => {
      expect(NAMESPACE_RESTRICTED.check(ns({
        ...restricted, 'pod-security.kubernetes.io/enforce-version': v, 'pod-security.kubernetes.io/audit-version': v, 'pod-security.kubernetes.io/warn-version': v,
      }))).toEqual([]);
    });

    test.each(['v1.0', 'v1.8', 'v1.19', 'v1.21', 'v1.22'])('non-compliant: %s lacks restricted checks', (v) => {
      expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/enforce-version': v }))).toEqual([version('enforce', v, OLD)]);
      expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/audit-version': v }))).toEqual([version('audit', v, OLD)]);
      expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/warn-version': v }))).toEqual([version('warn', v, OLD)]);
    });

    test.each(['1.28', 'v1.028', 'v1.', 'v1', 'v2.0', 'V1.28', 'Latest', 'LATEST', 'latest ', ' v1.28', 'v1.28.0', 'v1.28\n', 'v1.-1', 'v1.9223372036854775808', ''])(
      'non-compliant: %j is no version', (v) => {
        expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/enforce-version': v }))).toEqual([version('enforce', v, INVALID)]);
      });

    test('a weaker level and an old version of the same mode are two findings under its target', () => {
      expect(NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/audit': 'baseline', 'pod-security.kubernetes.io/audit-version': 'v1.20' }))
        .map((f) => [f.target, f.property])).toEqual([
        ['mode/audit', "metadata.labels['pod-security.kubernetes.io/audit']"],
        ['mode/audit', "metadata.labels['pod-security.kubernetes.io/audit-version']"],
      ]);
    });

    test('warn that follows enforce takes the enforce version, reported once on enforce', () => {
      expect(NAMESPACE_RESTRICTED.check(ns({
        'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.20', 'pod-security.kubernetes.io/audit': 'restricted',
      }))).toEqual([version('enforce', 'v1.20', OLD)]);
    });

    test('property: a v1.<minor> version is a finding exactly below v1.23', () => {
      fc.assert(fc.property(fc.nat(10_000), (minor) => {
        const findings = NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/warn-version': `v1.${minor}` }));
        expect(findings.map((f) => f.problem)).toEqual(minor < 23 ? [OLD] : []);
      }));
    });

    test('property: any other text is no version unless it is "latest" or v1.<minor> without leading zeros', () => {
      fc.assert(fc.property(fc.string({ maxLength: 8 }), (v) => {
        const valid = v === 'latest' || /^v1\.(0|[1-9][0-9]*)$/.test(v);
        const findings = NAMESPACE_RESTRICTED.check(ns({ ...restricted, 'pod-security.kubernetes.io/audit-version': v }));
        if (!valid) expect(findings.map((f) => f.problem)).toEqual([INVALID]);
      }));
    });
  });
});
