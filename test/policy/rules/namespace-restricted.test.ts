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

  test('non-compliant: enforced, but neither audited nor warned about', () => {
    const finding = (mode: string) => ({
      rule: RuleId.NAMESPACE_RESTRICTED,
      kind: 'Namespace',
      name: 'ci',
      location: `mode '${mode}'`,
      target: `mode/${mode}`,
      property: `metadata.labels['pod-security.kubernetes.io/${mode}']`,
      problem: 'is not set (the cluster default applies, usually privileged)',
      fix: 'Set it to "restricted".',
    });
    expect(NAMESPACE_RESTRICTED.check(ns({ 'pod-security.kubernetes.io/enforce': 'restricted' }))).toEqual([finding('audit'), finding('warn')]);
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
});
