/**
 * Compliant / non-compliant pairs for the cluster configuration rules, over plain
 * manifests (as the audit of YAML not made by this library sees them).
 */
import { HardenedFlag, PodSecurityMode, RuleCatalogue, RuleId, Severity } from '../../../src';
import { NAMESPACE_RESTRICTED } from '../../../src/policy/rules/namespace-restricted';
import { TEKTON_FEATURE_FLAGS } from '../../../src/policy/rules/tekton-feature-flags';

const HARDENED_DATA = {
  'disable-creds-init': 'true',
  'require-git-ssh-secret-known-hosts': 'true',
  'enable-api-fields': 'stable',
  'send-cloudevents-for-runs': 'true',
  'trusted-resources-verification-no-match-policy': 'fail',
  'results-from': 'termination-message',
  'set-security-context': 'true',
  'set-security-context-read-only-root-filesystem': 'true',
};

function featureFlags(data: Record<string, string> | undefined, metadata: Record<string, string> = { namespace: 'tekton-pipelines' }) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', ...metadata }, data };
}

function ns(labels: Record<string, string> | undefined) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ci', labels } };
}

describe('TEKTON_FEATURE_FLAGS', () => {
  test('is registered, relaxable and high severity', () => {
    expect(RuleCatalogue.find(RuleId.TEKTON_FEATURE_FLAGS)).toBe(TEKTON_FEATURE_FLAGS);
    expect(TEKTON_FEATURE_FLAGS.relaxable).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.severity).toBe(Severity.HIGH);
  });

  test('compliant: every hardened value, in any case, in tekton-pipelines or without a namespace', () => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags(HARDENED_DATA))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'enable-api-fields': 'Beta', 'set-security-context': 'TRUE' }, {}))).toEqual([]);
  });

  test('non-compliant: a weaker value, with the flag as location and target', () => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'enable-api-fields': 'alpha' }))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'ConfigMap',
      name: 'feature-flags',
      location: "flag 'enable-api-fields'",
      target: 'flag/enable-api-fields',
      property: 'data.enable-api-fields',
      value: 'alpha',
      problem: 'is not one of "stable", "beta"',
      fix: 'Set it to one of "stable", "beta".',
    }]);
  });

  test('non-compliant: without data every hardened flag is missing, with Tekton\'s default in the problem', () => {
    const findings = TEKTON_FEATURE_FLAGS.check(featureFlags(undefined));
    expect(findings.map((f) => f.target).sort()).toEqual(Object.values(HardenedFlag).map((f) => `flag/${f}`).sort());
    expect(findings.find((f) => f.target === 'flag/disable-creds-init')).toMatchObject({ value: undefined, problem: 'is not set (Tekton then uses "false")' });
  });

  test('other ConfigMaps and feature-flags of other namespaces are not checked', () => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({}, { namespace: 'tekton-pipelines-resolvers' }))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...featureFlags({}), metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' } })).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ kind: 'Secret', metadata: { name: 'feature-flags' } })).toEqual([]);
  });
});

describe('NAMESPACE_RESTRICTED', () => {
  const restricted = {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  };

  test('is registered, relaxable and medium severity', () => {
    expect(RuleCatalogue.find(RuleId.NAMESPACE_RESTRICTED)).toBe(NAMESPACE_RESTRICTED);
    expect(NAMESPACE_RESTRICTED.relaxable).toBe(true);
    expect(NAMESPACE_RESTRICTED.severity).toBe(Severity.MEDIUM);
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

  test('non-compliant: an unlabelled namespace misses every mode', () => {
    expect(NAMESPACE_RESTRICTED.check(ns(undefined)).map((f) => [f.target, f.problem])).toEqual(
      Object.values(PodSecurityMode).map((mode) => [`mode/${mode}`, 'is not set (the cluster default applies, usually privileged)']),
    );
  });

  test('other kinds are not checked', () => {
    expect(NAMESPACE_RESTRICTED.check({ kind: 'ConfigMap', metadata: { name: 'ci' } })).toEqual([]);
  });
});
