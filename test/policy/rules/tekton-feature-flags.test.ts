import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeRule, operatorDeployment } from './fixtures';
import { HardenedFlag, RuleId, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { TEKTON_FEATURE_FLAGS } from '../../../src/policy/rules/tekton-feature-flags';
import { operatorFlagsOf } from '../../../src/private/operator-flags';

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

function featureFlags(data: Record<string, string> | undefined, metadata: Record<string, string | null> = { namespace: 'tekton-pipelines' }) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'feature-flags', ...metadata }, data };
}

describe('TEKTON_FEATURE_FLAGS', () => {
  describeRule(TEKTON_FEATURE_FLAGS, RuleId.TEKTON_FEATURE_FLAGS, Severity.HIGH, true);

  test('applies to feature-flags in tekton-pipelines or without a namespace, and to nothing else', () => {
    expect(TEKTON_FEATURE_FLAGS.appliesTo(featureFlags(HARDENED_DATA))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo(featureFlags(HARDENED_DATA, {}))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo(featureFlags({}, { namespace: 'tekton-pipelines-resolvers' }))).toBe(false);
    // an empty or null namespace is none: applied with -n tekton-pipelines, it is the live configuration
    expect(TEKTON_FEATURE_FLAGS.appliesTo(featureFlags({}, { namespace: '' }))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo(featureFlags({}, { namespace: null }))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo({ ...featureFlags({}), metadata: { name: 'feature-flags-x', namespace: 'tekton-pipelines' } })).toBe(false);
    expect(TEKTON_FEATURE_FLAGS.appliesTo({ kind: 'Secret', metadata: { name: 'feature-flags' } })).toBe(false);
  });

  test('compliant: every hardened value, in any case, in tekton-pipelines or without a namespace', () => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags(HARDENED_DATA))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'enable-api-fields': 'Beta', 'set-security-context': 'TRUE' }, {}))).toEqual([]);
    // flags the rule does not judge may hold anything
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'coschedule': 'disabled', 'keep-pod-on-cancel': 'true' }))).toEqual([]);
  });

  test('compliant: the booleans in every spelling Go\'s strconv.ParseBool reads as true, as Tekton reads them', () => {
    for (const value of ['1', 't', 'T', 'TRUE', 'true', 'True']) {
      expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'disable-creds-init': value, 'set-security-context': value }))).toEqual([]);
    }
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'disable-creds-init': 'F' })).map((f) => [f.value, f.problem])).toEqual([['F', 'is not "true"']]);
  });

  test('non-compliant: a value Tekton cannot read, of a hardened flag or of any other flag Tekton reads, voids the whole ConfigMap', () => {
    const voids = (why: string) => `is not a value Tekton reads (${why}): Tekton's webhook refuses the whole ConfigMap, and a controller started with it exits`;
    const bools = 'Go\'s strconv.ParseBool reads only 1, t, T, true, TRUE, True, 0, f, F, false, FALSE, False';
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'disable-creds-init': 'tRuE' }))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'ConfigMap',
      name: 'feature-flags',
      location: "flag 'disable-creds-init'",
      target: 'flag/disable-creds-init',
      property: 'data.disable-creds-init',
      value: 'tRuE',
      problem: voids(bools),
      fix: 'Set it to "true".',
    }]);
    // every hardened value is right, and one other flag makes Tekton refuse them all
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, coschedule: 'always' }))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'ConfigMap',
      name: 'feature-flags',
      location: "flag 'coschedule'",
      target: 'flag/coschedule',
      property: 'data.coschedule',
      value: 'always',
      problem: voids('Tekton reads only "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", in any case'),
      fix: 'Set it to one of "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", or remove it (Tekton then uses "workspaces").',
    }]);
    const others = (data: Record<string, unknown>) =>
      TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, ...data } as Record<string, string>)).map((f) => [f.value, f.problem, f.fix]);
    expect(others({ 'keep-pod-on-cancel': 'yes', 'max-result-size': '1572864', 'enforce-nonfalsifiability': 'SPIFFE', 'send-cloudevents-for-runs': 1 })).toEqual([
      ['1', "is not a string: a ConfigMap's data values are strings, so the API server refuses the whole ConfigMap and none of its flags reach Tekton",
        'Set it to "true" in quotes, so that YAML reads a string.'],
      ['yes', voids(bools), 'Set it to "true" or "false", or remove it (Tekton then uses "false").'],
      ['1572864', voids('it must be below 1572864 (the CRD size limit)'), 'Set it to a whole number below 1572864, or remove it (Tekton then uses "4096").'],
      ['SPIFFE', voids('Tekton reads only "none", "spire", in any case'), 'Set it to one of "none", "spire", or remove it (Tekton then uses "none").'],
    ]);
    expect(others({ 'max-result-size': '4k' })[0][1]).toBe(voids('Go\'s strconv.Atoi reads only a whole number'));
    // what Tekton reads: a sign, any case of an enum, any inline-spec list; keys it does not read are not judged
    // Go's strings.ToLower reads İ as i (JavaScript's toLowerCase does not)
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'trusted-resources-verification-no-match-policy': 'FAİL', 'results-from': 'termİnation-message' }))).toEqual([]);
    expect(others({ 'max-result-size': '-4096', 'coschedule': 'PipelineRuns', 'enforce-nonfalsifiability': 'None', 'disable-inline-spec': 'pipeline, taskrun', 'enable-step-actions': 'maybe' })).toEqual([]);
  });

  test('a null value is read as "", as the API server stores it: a finding for every reader but disable-inline-spec', () => {
    const nullIs = 'is null, which the API server stores as "" (a client-side kubectl apply over an existing feature-flags removes the key instead), and "" '
      + 'is not a value Tekton reads (%s): Tekton\'s webhook refuses the whole ConfigMap, and a controller started with it exits';
    const bools = 'Go\'s strconv.ParseBool reads only 1, t, T, true, TRUE, True, 0, f, F, false, FALSE, False';
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'disable-creds-init': null } as any))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'ConfigMap',
      name: 'feature-flags',
      location: "flag 'disable-creds-init'",
      target: 'flag/disable-creds-init',
      property: 'data.disable-creds-init',
      value: 'null',
      problem: nullIs.replace('%s', bools),
      fix: 'Set it to "true".',
    }]);
    const others = (data: Record<string, unknown>) =>
      TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, ...data } as Record<string, string>))
        .map((f) => [f.property, f.value, f.problem, f.fix]);
    expect(others({ 'enable-api-fields': null, 'coschedule': null, 'max-result-size': null, 'disable-inline-spec': null, 'enable-step-actions': null })).toEqual([
      ['data.enable-api-fields', 'null', nullIs.replace('%s', 'Tekton reads only "alpha", "beta", "stable", in any case'), 'Set it to one of "stable", "beta".'],
      ['data.coschedule', 'null', nullIs.replace('%s', 'Tekton reads only "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", in any case'),
        'Set it to one of "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", or remove it (Tekton then uses "workspaces").'],
      ['data.max-result-size', 'null', nullIs.replace('%s', 'Go\'s strconv.Atoi reads only a whole number'),
        'Set it to a whole number below 1572864, or remove it (Tekton then uses "4096").'],
    ]);
    // disable-inline-spec reads "" as no kind refused, as it reads the key unset; a key Tekton does not read is not judged
    expect(others({ 'disable-inline-spec': null, 'enable-step-actions': null })).toEqual([]);
  });

  test('non-compliant: a value of any key that is not a string (YAML 1.1 booleans, numbers, lists), as the API server refuses the ConfigMap', () => {
    const refused = "is not a string: a ConfigMap's data values are strings, so the API server refuses the whole ConfigMap and none of its flags reach Tekton";
    // what kubectl reads `yes`, `0x10`, `1e3` and `[a]` as: a boolean, numbers and a list
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({
      ...HARDENED_DATA,
      'set-security-context': true,
      'enable-api-fields': ['stable'],
      'max-result-size': 16,
      'coschedule': { a: 'b' },
      'enable-step-actions': 1000,
      'enable-tekton-oci-bundles': 12345678901234567890n,
    } as any))).toEqual([
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'enable-api-fields'",
        target: 'flag/enable-api-fields',
        property: 'data.enable-api-fields',
        value: '["stable"]',
        problem: refused,
        fix: 'Set it to one of "stable", "beta" in quotes, so that YAML reads a string.',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'set-security-context'",
        target: 'flag/set-security-context',
        property: 'data.set-security-context',
        value: 'true',
        problem: refused,
        fix: 'Set it to "true" in quotes, so that YAML reads a string.',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'max-result-size'",
        target: 'flag/max-result-size',
        property: 'data.max-result-size',
        value: '16',
        problem: refused,
        fix: 'Set it to a whole number below 1572864 in quotes, so that YAML reads a string, or remove it (Tekton then uses "4096").',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'coschedule'",
        target: 'flag/coschedule',
        property: 'data.coschedule',
        value: '{"a":"b"}',
        problem: refused,
        fix: 'Set it to one of "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun" in quotes, so that YAML reads a string, or remove it (Tekton then uses "workspaces").',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'enable-step-actions'",
        target: 'flag/enable-step-actions',
        property: 'data.enable-step-actions',
        value: '1000',
        problem: refused,
        fix: 'Give it a string value in quotes, so that YAML reads a string (Tekton does not read this key), or remove it.',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'enable-tekton-oci-bundles'",
        target: 'flag/enable-tekton-oci-bundles',
        property: 'data.enable-tekton-oci-bundles',
        value: '12345678901234567890',
        problem: refused,
        fix: 'Give it a string value in quotes, so that YAML reads a string (Tekton does not read this key), or remove it.',
      },
    ]);
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

  test('non-compliant: a single accepted value is named alone; a missing flag names Tekton\'s default', () => {
    const { 'disable-creds-init': _, ...rest } = HARDENED_DATA;
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...rest, 'trusted-resources-verification-no-match-policy': 'warn' }))).toEqual([
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'disable-creds-init'",
        target: 'flag/disable-creds-init',
        property: 'data.disable-creds-init',
        problem: 'is not set (Tekton then uses "false")',
        fix: 'Set it to "true".',
      },
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'feature-flags',
        location: "flag 'trusted-resources-verification-no-match-policy'",
        target: 'flag/trusted-resources-verification-no-match-policy',
        property: 'data.trusted-resources-verification-no-match-policy',
        value: 'warn',
        problem: 'is not "fail"',
        fix: 'Set it to "fail".',
      },
    ]);
  });

  test.each([
    ['results from sidecar logs', 'results-from', 'sidecar-logs'],
    ['an empty value', 'set-security-context', ''],
    ['a value with spaces', 'disable-creds-init', ' true'],
  ])('non-compliant: %s', (_, flag, value) => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, [flag]: value })).map((f) => [f.target, f.value])).toEqual([[`flag/${flag}`, value]]);
  });

  test('non-compliant: a key or a binaryData entry the API server refuses, which keeps the whole ConfigMap (every hardened value in it) from reaching Tekton', () => {
    const refused = 'the API server refuses the whole ConfigMap, so none of its flags reach Tekton';
    const finding = (location: string, target: string, property: string, problem: string, fix: string) => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS, kind: 'ConfigMap', name: 'feature-flags', location, target, property, problem: `${problem}: ${refused}`, fix,
    });
    const keyFix = "Remove it, or spell it as a key Tekton reads (letters, digits, '-', '_' and '.' only).";
    // a key spelled with a space after it is another key, and one the API server refuses
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({ ...HARDENED_DATA, 'trusted-resources-verification-no-match-policy ': 'fail' } as any))).toEqual([
      finding("flag 'trusted-resources-verification-no-match-policy '", 'flag/trusted-resources-verification-no-match-policy ', 'data.trusted-resources-verification-no-match-policy ',
        'is not a valid ConfigMap key', keyFix),
    ]);
    const binary = { ...featureFlags(HARDENED_DATA), binaryData: { 'results-from': 'dGVybWluYXRpb24tbWVzc2FnZQ==', 'notes': 'not base64!', 'ok': 'YQ==' } };
    expect(TEKTON_FEATURE_FLAGS.check(binary)).toEqual([
      finding("binaryData 'results-from'", 'flag/results-from', 'binaryData.results-from', 'repeats a key of data', 'Remove it from binaryData (Tekton reads only data).'),
      finding("binaryData 'notes'", 'flag/notes', 'binaryData.notes', 'is not base64', 'Remove it from binaryData (Tekton reads only data).'),
    ]);
    // binaryData the API server takes is ignored by Tekton
    expect(TEKTON_FEATURE_FLAGS.check({ ...featureFlags(HARDENED_DATA), binaryData: { ok: 'YQ==' } })).toEqual([]);
  });

  test('non-compliant: without data every hardened flag is missing, with Tekton\'s default in the problem', () => {
    const findings = TEKTON_FEATURE_FLAGS.check(featureFlags(undefined));
    expect(findings.map((f) => f.target).sort()).toEqual(Object.values(HardenedFlag).map((f) => `flag/${f}`).sort());
    expect(findings.find((f) => f.target === 'flag/disable-creds-init')).toMatchObject({ value: undefined, problem: 'is not set (Tekton then uses "false")' });
  });

  test('other ConfigMaps and feature-flags of other namespaces are not checked', () => {
    expect(TEKTON_FEATURE_FLAGS.check(featureFlags({}, { namespace: 'tekton-pipelines-resolvers' }))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...featureFlags({}), metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' } })).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...featureFlags({}), metadata: { name: 'config-observability', namespace: 'tekton-pipelines' } })).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ kind: 'Secret', metadata: { name: 'feature-flags' } })).toEqual([]);
  });
});

describe('TEKTON_FEATURE_FLAGS: the flags the Tekton operator writes for a TektonConfig or TektonPipeline', () => {
  const HARDENED_FIELDS = {
    'disable-creds-init': true,
    'require-git-ssh-secret-known-hosts': true,
    'enable-api-fields': 'stable',
    'trusted-resources-verification-no-match-policy': 'fail',
    'set-security-context': true,
  };
  const OPTIONS = { configMaps: { 'feature-flags': { data: { 'set-security-context-read-only-root-filesystem': 'true' } } } };
  const config = (pipeline: Record<string, unknown> | undefined) => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline },
  });
  const at = (flag: string, property: string, value: string | undefined, problem: string, fix: string, kind = 'TektonConfig') => ({
    rule: RuleId.TEKTON_FEATURE_FLAGS, kind, name: 'config', location: `flag '${flag}'`, target: `flag/${flag}`, property, ...(value !== undefined ? { value } : {}), problem, fix,
  });

  test('applies to TektonConfig and TektonPipeline of operator.tekton.dev only', () => {
    expect(TEKTON_FEATURE_FLAGS.appliesTo(config({}))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline' })).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.appliesTo({ ...config({}), apiVersion: 'example.com/v1' })).toBe(false);
    expect(TEKTON_FEATURE_FLAGS.appliesTo({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonChain' })).toBe(false);
  });

  test('compliant: every hardened flag set by its typed field, the one without a field under options', () => {
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: OPTIONS }))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...config(undefined), kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines', ...HARDENED_FIELDS, options: OPTIONS } })).toEqual([]);
  });

  test('an object of another name than the operator admits is refused by its webhook: that alone is reported, and no other rule reads its flags', () => {
    const named = (kind: string, name: string) => ({ ...config({ ...HARDENED_FIELDS, options: OPTIONS }), kind, metadata: { name } });
    expect(TEKTON_FEATURE_FLAGS.check(named('TektonConfig', 'platform'))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'TektonConfig',
      name: 'platform',
      property: 'metadata.name',
      value: 'platform',
      problem: 'is not "config": the operator\'s webhook refuses every TektonConfig of another name, so none of its flags reach feature-flags',
      fix: 'Name it config (metadata.name: config).',
    }]);
    expect(TEKTON_FEATURE_FLAGS.check(named('TektonPipeline', 'config'))).toEqual([{
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'TektonPipeline',
      name: 'config',
      property: 'metadata.name',
      value: 'config',
      problem: 'is not "pipeline": the operator\'s webhook refuses every TektonPipeline of another name, so none of its flags reach feature-flags',
      fix: 'Name it pipeline (metadata.name: pipeline).',
    }]);
    expect(operatorFlagsOf([named('TektonConfig', 'platform')])).toBeUndefined();
    // the TektonConfig refused, the operator creates one of its own, unless its Deployment checked together turns that off
    expect(operatorFlagsOf([named('TektonConfig', 'platform'), named('TektonPipeline', 'pipeline')])?.name)
      .toBe("TektonConfig 'config' (the operator's own, with its defaults: TektonPipeline 'pipeline' is checked without a TektonConfig)");
    expect(operatorFlagsOf([named('TektonConfig', 'platform'), named('TektonPipeline', 'pipeline'), operatorDeployment()])?.name).toBe("TektonPipeline 'pipeline'");
  });

  test('nothing set: each weak release value the operator writes, at the field that would set it', () => {
    expect(TEKTON_FEATURE_FLAGS.check(config(undefined))).toEqual([
      at('disable-creds-init', "spec.pipeline['disable-creds-init']", undefined, 'is not set, so the operator writes "false" (Tekton\'s release value)',
        'Write disable-creds-init: true under spec.pipeline.'),
      at('require-git-ssh-secret-known-hosts', "spec.pipeline['require-git-ssh-secret-known-hosts']", undefined,
        'is not set, so the operator writes "false" (Tekton\'s release value)', 'Write require-git-ssh-secret-known-hosts: true under spec.pipeline.'),
      at('trusted-resources-verification-no-match-policy', "spec.pipeline['trusted-resources-verification-no-match-policy']", undefined,
        'is not set, so the operator writes "ignore" (Tekton\'s release value)', 'Write trusted-resources-verification-no-match-policy: "fail" under spec.pipeline.'),
      at('set-security-context', "spec.pipeline['set-security-context']", undefined, 'is not set, so the operator writes "false" (Tekton\'s release value)',
        'Write set-security-context: true under spec.pipeline.'),
      at('set-security-context-read-only-root-filesystem', "spec.pipeline.options.configMaps['feature-flags'].data['set-security-context-read-only-root-filesystem']", undefined,
        'is not set, so the operator writes "false" (Tekton\'s release value)',
        'Write set-security-context-read-only-root-filesystem: "true" under spec.pipeline.options.configMaps.feature-flags.data.'),
    ]);
  });

  test('options are applied last, unless disabled; an empty string field is the default; a field of the wrong type is unreadable', () => {
    const overridden = { ...HARDENED_FIELDS, 'enable-api-fields': '', 'options': { ...OPTIONS, configMaps: { 'feature-flags': { data: { ...OPTIONS.configMaps['feature-flags'].data, 'disable-creds-init': 'false' } } } } };
    expect(TEKTON_FEATURE_FLAGS.check(config(overridden))).toEqual([
      at('disable-creds-init', "spec.pipeline.options.configMaps['feature-flags'].data['disable-creds-init']", 'false', 'is not "true"',
        'Write disable-creds-init: "true" under spec.pipeline.options.configMaps.feature-flags.data.'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: { ...OPTIONS, disabled: true } })).map((f) => f.location)).toEqual(["flag 'set-security-context-read-only-root-filesystem'"]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'disable-creds-init': 'true', 'options': OPTIONS }))).toEqual([
      at('disable-creds-init', "spec.pipeline['disable-creds-init']", '"true"',
        'is not a boolean: the operator cannot read the TektonConfig, so none of its settings reach feature-flags', 'Write disable-creds-init: true under spec.pipeline.'),
    ]);
  });

  test('options the API server refuses or the operator cannot read: a disabled written as a string, a ConfigMap or its data that is not a map', () => {
    const refused = (property: string, value: string, problem: string, fix: string) => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS, kind: 'TektonConfig', name: 'config', property, value, problem, fix,
    });
    const schema = "the API server refuses the TektonConfig (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach feature-flags";
    const operator = 'the operator cannot read the TektonConfig, so none of its settings reach feature-flags';
    const quoted = config({ ...HARDENED_FIELDS, options: { ...OPTIONS, disabled: 'true' } });
    expect(TEKTON_FEATURE_FLAGS.check(quoted)).toEqual([
      refused('spec.pipeline.options.disabled', '"true"', `is not a boolean: ${schema}`, 'Write disabled: true or disabled: false, unquoted.'),
    ]);
    expect(operatorFlagsOf([quoted])?.read).toBeUndefined();
    expect(operatorFlagsOf([config({ ...HARDENED_FIELDS, options: { ...OPTIONS, disabled: false } })])?.read).toBeDefined();
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: 'none' }))).toEqual([
      refused('spec.pipeline.options', '"none"', `is not a map: ${schema}`, 'Write options as a map (key: value lines), or remove it.'),
      at('set-security-context-read-only-root-filesystem', "spec.pipeline.options.configMaps['feature-flags'].data['set-security-context-read-only-root-filesystem']", undefined,
        'is not set, so the operator writes "false" (Tekton\'s release value)',
        'Write set-security-context-read-only-root-filesystem: "true" under spec.pipeline.options.configMaps.feature-flags.data.'),
    ]);
    const configMaps = { ...OPTIONS.configMaps, 'config-defaults': { data: { 'default-timeout-minutes': 60 } }, 'config-leader-election': ['x'] };
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: { configMaps } }))).toEqual([
      refused("spec.pipeline.options.configMaps['config-defaults'].data['default-timeout-minutes']", '60', `is not a string: ${operator}`,
        'Quote the value ("60") so that YAML reads a string.'),
      refused("spec.pipeline.options.configMaps['config-leader-election']", '["x"]', `is not a map: ${operator}`,
        'Write config-leader-election as a map (key: value lines), or remove it.'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: { disabled: null, configMaps: { 'feature-flags': { data: 'x' } } } }))).toEqual([
      refused("spec.pipeline.options.configMaps['feature-flags'].data", '"x"', `is not a map: ${operator}`, 'Write data as a map (key: value lines), or remove it.'),
      at('set-security-context-read-only-root-filesystem', "spec.pipeline.options.configMaps['feature-flags'].data['set-security-context-read-only-root-filesystem']", undefined,
        'is not set, so the operator writes "false" (Tekton\'s release value)',
        'Write set-security-context-read-only-root-filesystem: "true" under spec.pipeline.options.configMaps.feature-flags.data.'),
    ]);
  });

  test('a key under options.configMaps.feature-flags.data that is not a valid ConfigMap key: the API server refuses the feature-flags the operator writes', () => {
    const badKey = config({ ...HARDENED_FIELDS, options: { configMaps: { 'feature-flags': { data: { ...OPTIONS.configMaps['feature-flags'].data, 'enable api fields': 'stable' } } } } });
    expect(TEKTON_FEATURE_FLAGS.check(badKey)).toEqual([
      at('enable api fields', "spec.pipeline.options.configMaps['feature-flags'].data['enable api fields']", undefined,
        'is not a valid ConfigMap key: the API server refuses the feature-flags ConfigMap the operator writes with it, so none of its flags reach Tekton',
        "Remove it, or spell it as a key Tekton reads (letters, digits, '-', '_' and '.' only)."),
    ]);
    // no other rule reads its flags
    expect(operatorFlagsOf([badKey])?.read).toBeUndefined();
    expect(operatorFlagsOf([config({ ...HARDENED_FIELDS, options: OPTIONS })])?.read).toBeDefined();
  });

  test('a config-defaults field of the wrong type: the operator cannot read the object, so none of its settings reach feature-flags', () => {
    const refused = (property: string, value: string, problem: string, fix: string) => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS, kind: 'TektonConfig', name: 'config', property, value, problem, fix,
    });
    const schema = "the API server refuses the TektonConfig (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach feature-flags";
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'default-timeout-minutes': '60', 'default-service-account': 7 }))).toEqual([
      refused("spec.pipeline['default-timeout-minutes']", '"60"', `is not a whole number: ${schema}`, 'Write default-timeout-minutes: 60, a whole number unquoted.'),
      refused("spec.pipeline['default-service-account']", '7', `is not a string: ${schema}`, 'Quote the value ("7") so that YAML reads a string.'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'default-timeout-minutes': -5 }))).toEqual([
      refused("spec.pipeline['default-timeout-minutes']", '-5',
        'is negative (the operator reads it as an unsigned number): the operator cannot read the TektonConfig, so none of its settings reach feature-flags',
        'Write default-timeout-minutes: 60, a whole number of 0 or more.'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'default-timeout-minutes': 1, 'default-service-account': '' }))).toEqual([]);
    // 0 is refused by the operator's webhook (PipelineProperties' validate)
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'default-timeout-minutes': 0 }))).toEqual([
      refused("spec.pipeline['default-timeout-minutes']", '0', "is 0: the operator's webhook refuses the TektonConfig, so none of its settings reach feature-flags",
        'Write default-timeout-minutes: 60, a whole number above 0, or remove it (Tekton then uses 60).'),
    ]);
    // a pod template written as a map, not as the string the operator's field holds: the fix says how to write it
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'default-pod-template': { nodeSelector: { pool: 'ci' } } })).map((f) => f.fix))
      .toEqual(['Write default-pod-template as one string, a block (default-pod-template: |, its lines indented below it), as config-defaults holds it.']);
  });

  test('a value Tekton cannot read, in a field or under options, whatever the flag', () => {
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: { configMaps: { 'feature-flags': { data: { ...OPTIONS.configMaps['feature-flags'].data, 'coschedule': 'bogus', 'keep-pod-on-cancel': 'maybe' } } } } }))).toEqual([
      at('coschedule', "spec.pipeline.options.configMaps['feature-flags'].data['coschedule']", 'bogus',
        'is not a value Tekton reads (Tekton reads only "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", in any case): Tekton\'s webhook refuses the whole ConfigMap, and a controller started with it exits',
        'Set it to one of "disabled", "workspaces", "pipelineruns", "isolate-pipelinerun", or remove it (Tekton then uses "workspaces").'),
      at('keep-pod-on-cancel', "spec.pipeline.options.configMaps['feature-flags'].data['keep-pod-on-cancel']", 'maybe',
        "is not a value Tekton reads (Go's strconv.ParseBool reads only 1, t, T, true, TRUE, True, 0, f, F, false, FALSE, False): "
        + "Tekton's webhook refuses the whole ConfigMap, and a controller started with it exits",
        'Set it to "true" or "false", or remove it (Tekton then uses "false").'),
    ]);
  });
  test("a typed value the operator's webhook refuses (PipelineProperties' validate: exactly as written), and what every object of the operator needs: the object is refused, reported once", () => {
    const refused = (property: string, value: string, problem: string, fix: string, kind = 'TektonConfig', name = 'config') => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS, kind, name, property, value, problem, fix,
    });
    const webhook = "the operator's webhook refuses the TektonConfig, so none of its settings reach feature-flags";
    const exactly = (flag: string) => `Write ${flag} as one of the values listed, exactly (the operator's webhook neither lowercases nor trims it).`;
    // Tekton reads "Beta" as beta; the operator's webhook refuses it (the value as written, which the finding's line quotes)
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'enable-api-fields': 'Beta' }))).toEqual([
      refused("spec.pipeline['enable-api-fields']", 'Beta', `is not one of alpha, beta, stable: ${webhook}`, exactly('enable-api-fields')),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: OPTIONS, coschedule: 'bogus' }))).toEqual([
      refused("spec.pipeline['coschedule']", 'bogus', `is not one of disabled, workspaces, pipelineruns, isolate-pipelinerun: ${webhook}`, exactly('coschedule')),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'disable-inline-spec': 'pipeline, taskrun' }))).toEqual([
      refused("spec.pipeline['disable-inline-spec']", 'pipeline, taskrun',
        `is not one of pipeline, pipelinerun, taskrun (each of a comma-separated list, without spaces: " taskrun" is not): ${webhook}`, exactly('disable-inline-spec')),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'max-result-size': 1572864 }))).toEqual([
      refused("spec.pipeline['max-result-size']", '1572864', `is 1572864 or more: ${webhook}`, 'Write max-result-size: 4096, below 1572864, or remove it.'),
    ]);
    // under options the operator checks nothing: Tekton reads "Beta" as beta
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, 'enable-api-fields': undefined, 'options': { configMaps: { 'feature-flags': { data: { ...OPTIONS.configMaps['feature-flags'].data, 'enable-api-fields': 'Stable' } } } } }))).toEqual([]);
    // spec.targetNamespace is required, and a TektonConfig's profile must be one the operator knows
    const { targetNamespace: _, ...noNamespace } = config({ ...HARDENED_FIELDS, options: OPTIONS }).spec;
    expect(TEKTON_FEATURE_FLAGS.check({ ...config(undefined), spec: noNamespace })).toEqual([
      refused('spec.targetNamespace', 'null', `is not set (the operator's webhook requires the namespace to install into): ${webhook}`,
        'Set targetNamespace to the namespace the operator installs into (tekton-pipelines).'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...config(undefined), spec: { ...config({ ...HARDENED_FIELDS, options: OPTIONS }).spec, profile: 'Lite' } })).toEqual([
      refused('spec.profile', 'Lite', `is not a profile the operator knows (all, basic, lite, exactly as written): ${webhook}`,
        'Write profile: as one of all, basic, lite, or remove it (basic).'),
    ]);
    // the TektonConfig's webhook decodes its Chains settings too: one of the wrong type refuses the whole TektonConfig
    expect(TEKTON_FEATURE_FLAGS.check({ ...config(undefined), spec: { ...config({ ...HARDENED_FIELDS, options: OPTIONS }).spec, chain: { 'artifacts.taskrun.format': 7 } } })).toEqual([
      refused("spec.chain['artifacts.taskrun.format']", '7',
        "is not a string: the API server refuses the TektonConfig (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach feature-flags",
        'Quote the value ("7") so that YAML reads a string.'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check({ ...config(undefined), spec: { ...config({ ...HARDENED_FIELDS, options: OPTIONS }).spec, chain: 'x' } })).toEqual([
      refused('spec.chain', '"x"',
        "is not a map: the API server refuses the TektonConfig (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach feature-flags",
        'Write chain as a map (key: value lines), or remove it.'),
    ]);
    // and every component's options: an entry of options.configMaps is decoded as a ConfigMap, strictly
    expect(TEKTON_FEATURE_FLAGS.check(config({ ...HARDENED_FIELDS, options: { configMaps: { 'feature-flags': { datas: { a: 'b' } } } } })).filter((f) => f.property.endsWith('datas'))).toEqual([
      refused("spec.pipeline.options.configMaps['feature-flags'].datas", '{"a":"b"}',
        'is not a field of a ConfigMap: the operator cannot read the TektonConfig, so none of its settings reach feature-flags',
        'Remove datas, or spell it as a field of a ConfigMap (data, metadata, binaryData, immutable).'),
    ]);
    expect(operatorFlagsOf([config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'enable-api-fields': 'Beta' })])?.read).toBeUndefined();
  });

  describe('a feature-flags ConfigMap beside the operator: its installer writes every flag of Tekton\'s release over it', () => {
    const weak = featureFlags({ ...HARDENED_DATA, 'disable-creds-init': 'false', 'enable-api-fields': 'alpha', 'coschedule': 'sometimes' });
    const flagAt = (flag: string, value: string | undefined, problem: string, fix: string) => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'ConfigMap',
      name: 'feature-flags',
      location: `flag '${flag}'`,
      target: `flag/${flag}`,
      property: `data.${flag}`,
      ...(value !== undefined ? { value } : {}),
      problem,
      fix,
    });
    const check = (...manifests: any[]) => TEKTON_FEATURE_FLAGS.check(manifests[0], ruleContext(manifests));
    const OWN = 'TektonConfig \'config\' (the operator\'s own, with its defaults: its Deployment \'tekton-operator\' runs it with AUTOINSTALL_COMPONENTS "true", and no TektonConfig is checked)';
    const fix = (flag: string, values: string) => `Write ${flag} with ${values} under spec.pipeline of a TektonConfig named config, checked together (the operator writes `
      + 'feature-flags from it, over this ConfigMap); if the operator runs with AUTOINSTALL_COMPONENTS "false", check its Deployment together, or relax this finding with that reason.';

    test('beside a TektonConfig, the flags it writes are not judged on the ConfigMap: the TektonConfig is, with what Tekton reads', () => {
      expect(check(weak, config({ ...HARDENED_FIELDS, options: OPTIONS }))).toEqual([]);
      // a value the API server refuses keeps the ConfigMap from the cluster: still a finding
      expect(check(featureFlags({ ...HARDENED_DATA, 'disable-creds-init': true } as any), config({ ...HARDENED_FIELDS, options: OPTIONS })).map((f) => f.property)).toEqual(['data.disable-creds-init']);
      // of another namespace than the operator's target, it is judged as written
      expect(check(weak, config({ ...HARDENED_FIELDS, options: OPTIONS }), { ...config({}), spec: { targetNamespace: 'ci-tekton', pipeline: { ...HARDENED_FIELDS, options: OPTIONS } } })
        .map((f) => f.property)).toEqual(['data.disable-creds-init', 'data.enable-api-fields', 'data.coschedule']);
      // one without a namespace is read as Tekton's in tekton-pipelines: overwritten only when the operator installs there
      const elsewhere = { ...config({}), spec: { targetNamespace: 'ci-tekton', pipeline: { ...HARDENED_FIELDS, options: OPTIONS } } };
      expect(check(featureFlags(weak.data, {}), elsewhere).map((f) => f.property)).toEqual(['data.disable-creds-init', 'data.enable-api-fields', 'data.coschedule']);
      expect(check(featureFlags(weak.data, {}), config({ ...HARDENED_FIELDS, options: OPTIONS }))).toEqual([]);
      // a TektonConfig the operator cannot read writes nothing: the ConfigMap is judged as written
      expect(check(weak, config({ ...HARDENED_FIELDS, 'options': OPTIONS, 'disable-creds-init': 'yes' })).map((f) => f.property))
        .toEqual(['data.disable-creds-init', 'data.enable-api-fields', 'data.coschedule']);
    });

    test("beside the operator's Deployment alone, which creates a TektonConfig of its own: the ConfigMap is judged by what that writes over it", () => {
      const deployment = operatorDeployment('true');
      expect(check(weak, deployment)).toEqual([
        flagAt('disable-creds-init', 'false', `is overwritten by the operator: ${OWN} writes "false" (its default) into this ConfigMap, which is not "true"`, fix('disable-creds-init', '"true"')),
        flagAt('require-git-ssh-secret-known-hosts', 'true',
          `is overwritten by the operator: ${OWN} writes "false" (its default) into this ConfigMap, which is not "true"`, fix('require-git-ssh-secret-known-hosts', '"true"')),
        flagAt('trusted-resources-verification-no-match-policy', 'fail',
          `is overwritten by the operator: ${OWN} writes "ignore" (its default) into this ConfigMap, which is not "fail"`, fix('trusted-resources-verification-no-match-policy', '"fail"')),
        flagAt('set-security-context', 'true',
          `is overwritten by the operator: ${OWN} writes "false" (its default) into this ConfigMap, which is not "true"`, fix('set-security-context', '"true"')),
        flagAt('set-security-context-read-only-root-filesystem', 'true',
          `is overwritten by the operator: ${OWN} writes "false" (its default) into this ConfigMap, which is not "true"`, fix('set-security-context-read-only-root-filesystem', '"true"')),
      ]);
      // the ConfigMap's hardened values do not reach Tekton; a flag not set here is written by the operator
      const { 'set-security-context': _, ...noContext } = HARDENED_DATA;
      expect(check(featureFlags(noContext), deployment).find((f) => f.property === 'data.set-security-context')?.problem)
        .toBe(`is not set, and is written by the operator: ${OWN} writes "false" (its default) into this ConfigMap, which is not "true"`);
      // so does a TektonPipeline checked without a TektonConfig stand for it
      const pipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines' } };
      expect(check(weak, pipeline).map((f) => f.problem)[0]).toBe('is overwritten by the operator: TektonConfig \'config\' (the operator\'s own, with its defaults: '
        + 'TektonPipeline \'pipeline\' is checked without a TektonConfig) writes "false" (its default) into this ConfigMap, which is not "true"');
      // the operator's Deployment with AUTOINSTALL_COMPONENTS "false" creates none: the ConfigMap as written
      expect(check(weak, operatorDeployment()).map((f) => f.property)).toEqual(['data.disable-creds-init', 'data.enable-api-fields', 'data.coschedule']);
    });
  });

  describe('a TektonPipeline checked without a TektonConfig', () => {
    const pipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines', ...HARDENED_FIELDS, options: OPTIONS } };
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const operator = (env: unknown[], namespace = 'tekton-operator') => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace },
      spec: { template: { spec: { containers: [{ name: 'tekton-operator-lifecycle', image: 'operator', env }] } } },
    });
    const defaults = (value: unknown, namespace = 'tekton-operator') => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tekton-config-defaults', namespace }, data: { AUTOINSTALL_COMPONENTS: value },
    });
    const fromDefaults = { name: 'AUTOINSTALL_COMPONENTS', valueFrom: { configMapKeyRef: { name: 'tekton-config-defaults', key: 'AUTOINSTALL_COMPONENTS' } } };
    const replaced = {
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind: 'TektonPipeline',
      name: 'pipeline',
      target: 'key/AUTOINSTALL_COMPONENTS',
      property: 'kind',
      value: 'TektonPipeline',
      problem: 'is checked without a TektonConfig: unless the operator runs with AUTOINSTALL_COMPONENTS "false" (its release\'s default is "true"), '
        + 'it creates a TektonConfig \'config\' of its own, whose defaults then replace this TektonPipeline\'s settings, so they do not reach feature-flags',
      fix: 'Write these settings under spec.pipeline of a TektonConfig named config, checked together; if the operator runs with '
        + 'AUTOINSTALL_COMPONENTS "false", check its Deployment together with the TektonPipeline (every rule then reads its settings), or relax this finding with that reason '
        + '(annotation secure-tekton/relax.TEKTON_FEATURE_FLAGS: "key/AUTOINSTALL_COMPONENTS: <why>" on the TektonPipeline; the other rules still read the operator\'s defaults).',
    };

    test('is a finding: the operator\'s own TektonConfig replaces its settings', () => {
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline))).toEqual([replaced]);
      // the operator's Deployment with the variable "true", or read from a ConfigMap not checked together, changes nothing
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'true' }])))).toEqual([replaced]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([fromDefaults])))).toEqual([replaced]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([fromDefaults]), defaults('true')))).toEqual([replaced]);
      // a ConfigMap of another namespace is not the one the operator's container reads
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([fromDefaults]), defaults('false', 'default')))).toEqual([replaced]);
      // the kubelet keeps the last entry of a name
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }, { name: 'AUTOINSTALL_COMPONENTS', value: 'true' }])))).toEqual([replaced]);
      // a value that is not a string is refused by the API server: not known
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: false }])))).toEqual([replaced]);
      // another Deployment that sets it "true" may be the operator that runs
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }]),
        operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'true' }], 'other')))).toEqual([replaced]);
    });

    test('is no finding with a TektonConfig, or the operator\'s Deployment without AUTOINSTALL_COMPONENTS "true"', () => {
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, config({ ...HARDENED_FIELDS, options: OPTIONS })))).toEqual([]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }])))).toEqual([]);
      // the operator reads exactly "true"
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([{ name: 'AUTOINSTALL_COMPONENTS', value: 'True' }])))).toEqual([]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, operator([fromDefaults]), defaults('false')))).toEqual([]);
      // not known what is checked together
      expect(TEKTON_FEATURE_FLAGS.check(pipeline)).toEqual([]);
    });

    test('the operator\'s envFrom read as the kubelet reads it: a ConfigMap checked together that gives "false" turns autoinstall off, one not checked together may not', () => {
      const fromEnv = (envFrom: unknown[], env: unknown[] = []) => ({
        ...operator(env),
        spec: { template: { spec: { containers: [{ name: 'tekton-operator-lifecycle', image: 'operator', envFrom, env }] } } },
      });
      const source = { configMapRef: { name: 'tekton-config-defaults' } };
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, fromEnv([source]), defaults('false')))).toEqual([]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, fromEnv([source]), defaults('true')))).toEqual([replaced]);
      // env over envFrom
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, fromEnv([source], [{ name: 'AUTOINSTALL_COMPONENTS', value: 'true' }]), defaults('false'))))
        .toEqual([replaced]);
      // a later source not checked together may give it "true"
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, fromEnv([source, { configMapRef: { name: 'site' } }]), defaults('false')))).toEqual([replaced]);
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, context(pipeline, fromEnv([{ configMapRef: { name: 'site' } }, source]), defaults('false')))).toEqual([]);
    });

    test('is relaxed by its target, in the audit', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoinstall-'));
      const file = path.join(dir, 'pipeline.yaml');
      const annotations = { 'secure-tekton/relax.TEKTON_FEATURE_FLAGS': 'key/AUTOINSTALL_COMPONENTS: the operator runs with AUTOINSTALL_COMPONENTS "false"' };
      fs.writeFileSync(file, JSON.stringify({ ...pipeline, metadata: { name: 'pipeline', annotations } }));
      const found = JSON.parse(audit([file], 'json').stdout).findings.filter((f: any) => f.rule === RuleId.TEKTON_FEATURE_FLAGS);
      fs.rmSync(dir, { recursive: true });
      expect(found.map((f: any) => [f.target, f.status])).toEqual([['key/AUTOINSTALL_COMPONENTS', 'relaxed']]);
    });
  });

  describe('several objects of one kind and name (cluster scoped: one object, kubectl apply keeps the last)', () => {
    const replaced = (kind: string, name: string, count: number) => ({
      rule: RuleId.TEKTON_FEATURE_FLAGS,
      kind,
      name,
      property: 'metadata.name',
      value: name,
      problem: `names the ${kind} '${name}' that another object checked together names too (${count} in all): a ${kind} is cluster scoped, `
        + 'so they are one object whatever their namespaces, and kubectl apply keeps the last one, whose settings the operator reads; '
        + 'none of this one\'s settings reach feature-flags, and they are not judged here (the last one is)',
      fix: `Keep one ${kind} named ${name}: move the settings this one should give into the last one, and remove this one.`,
    });

    test('the ones before the last are one finding each, their settings not judged; the last is judged as written', () => {
      const weak = { ...config({ 'disable-creds-init': false }), metadata: { name: 'config', namespace: 'team-a' } };
      const hardened = config({ ...HARDENED_FIELDS, options: OPTIONS });
      const manifests = [weak, hardened];
      expect(TEKTON_FEATURE_FLAGS.check(weak, ruleContext(manifests))).toEqual([replaced('TektonConfig', 'config', 2)]);
      expect(TEKTON_FEATURE_FLAGS.check(hardened, ruleContext(manifests))).toEqual([]);
      // the other way round: the hardened one is replaced, the weak one is what the operator reads
      expect(TEKTON_FEATURE_FLAGS.check(hardened, ruleContext([hardened, weak]))).toEqual([replaced('TektonConfig', 'config', 2)]);
      expect(TEKTON_FEATURE_FLAGS.check(weak, ruleContext([hardened, weak])).map((p) => p.location)).toContain("flag 'disable-creds-init'");
      expect(operatorFlagsOf([hardened, weak])?.manifest).toBe(weak);
      // a TektonPipeline too; another name or an unserved version is not the object
      const pipeline = { ...config(undefined), kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines', ...HARDENED_FIELDS, options: OPTIONS } };
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, ruleContext([pipeline, hardened]))).toEqual([]);
      const again = { ...pipeline, metadata: { name: 'pipeline', namespace: 'x' } };
      expect(TEKTON_FEATURE_FLAGS.check(pipeline, ruleContext([pipeline, again, hardened]))).toEqual([replaced('TektonPipeline', 'pipeline', 2)]);
      expect(TEKTON_FEATURE_FLAGS.check(hardened, ruleContext([hardened, { ...weak, apiVersion: 'operator.tekton.dev/v1beta1' }]))).toEqual([]);
      expect(TEKTON_FEATURE_FLAGS.check(hardened, ruleContext([hardened, { ...weak, metadata: { name: 'other' } }]))).toEqual([]);
    });

    test('the audit names the file and line of both', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-configs-'));
      const first = path.join(dir, 'a.yaml');
      const second = path.join(dir, 'b.yaml');
      fs.writeFileSync(first, JSON.stringify({ ...config({ ...HARDENED_FIELDS, options: OPTIONS }), metadata: { name: 'config', namespace: 'one' } }));
      fs.writeFileSync(second, `# the platform's\n${JSON.stringify(config({ 'disable-creds-init': false }))}`);
      const result = JSON.parse(audit([dir], 'json').stdout);
      fs.rmSync(dir, { recursive: true });
      expect(result.notices).toContain(`${first}:1:1: TektonConfig 'config' is written again at ${second}:2:1: a TektonConfig is cluster scoped, so both are one `
        + 'object (whatever their namespaces) and kubectl apply keeps the last; the rules read that one, and this one\'s settings reach nothing: keep one '
        + 'TektonConfig named config');
      const found = result.findings.filter((f: any) => f.rule === RuleId.TEKTON_FEATURE_FLAGS);
      expect(found.filter((f: any) => f.file === first).map((f: any) => f.property)).toEqual(['metadata.name']);
      expect(found.filter((f: any) => f.file === second).map((f: any) => f.target)).toContain('flag/disable-creds-init');
    });
  });
});

describe('TEKTON_FEATURE_FLAGS: a config-defaults Tekton refuses as a whole', () => {
  const defaults = (data: Record<string, unknown>, namespace: string | undefined = 'tekton-pipelines') => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', ...(namespace === undefined ? {} : { namespace }) }, data,
  });
  const config = (pipeline: Record<string, unknown>, targetNamespace = 'tekton-pipelines') => ({
    apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace, pipeline },
  });
  const REFUSED = ', and a controller started with it exits, so none of its defaults reach Tekton';
  const at = (key: string, value: string, problem: string, fix: string, kind = 'ConfigMap', property = `data.${key}`) => ({
    rule: RuleId.TEKTON_FEATURE_FLAGS, kind, name: kind === 'ConfigMap' ? 'config-defaults' : 'config', location: `key '${key}'`, target: `key/${key}`, property, value, problem, fix,
  });

  test('applies to config-defaults ConfigMaps; a readable one, with the keys Tekton reads as they are or does not read, is no finding', () => {
    expect(TEKTON_FEATURE_FLAGS.appliesTo(defaults({}))).toBe(true);
    expect(TEKTON_FEATURE_FLAGS.check(defaults({
      'default-timeout-minutes': '+60',
      'default-pod-template': 'securityContext: {runAsNonRoot: true, runAsUser: 1.0}',
      'default-sidecar-log-polling-interval': '1.5s',
      'default-max-matrix-combinations-count': '-1',
      'default-task-run-workspace-binding': '[',
      '_example': 'a: [',
      'default-service-account': '',
    }))).toEqual([]);
  });

  test('non-compliant: each key Tekton v1.15 cannot read (NewDefaultsFromMap), and each value the API server refuses, with why, what Tekton says and a fix', () => {
    expect(TEKTON_FEATURE_FLAGS.check(defaults({
      'default-timeout-minutes': '1h',
      'default-pod-template': 'securityContext: {runAsNonRoot: true, runAsUser: 1.5}',
      'default-affinity-assistant-pod-template': 'a: [',
      'default-container-resource-requirements': 'default: [1]',
      'default-sidecar-log-polling-interval': null,
      'default-step-ref-concurrency-limit': '9223372036854775808',
      'default-max-matrix-combinations-count': 5,
    }))).toEqual([
      {
        rule: RuleId.TEKTON_FEATURE_FLAGS,
        kind: 'ConfigMap',
        name: 'config-defaults',
        location: "key 'default-max-matrix-combinations-count'",
        target: 'key/default-max-matrix-combinations-count',
        property: 'data.default-max-matrix-combinations-count',
        value: '5',
        problem: 'is not a string: the API server refuses the whole ConfigMap, so none of its defaults reach Tekton',
        fix: 'Write the value in quotes, so that YAML reads a string.',
      },
      at('default-timeout-minutes', '1h', "is not a whole number Go's strconv.ParseInt reads (decimal digits, a sign before them): Tekton's webhook refuses the whole ConfigMap "
        + `(NewDefaultsFromMap: failed parsing default config "default-timeout-minutes")${REFUSED}`, 'Set it to a whole number in quotes ("60"), or remove the key (Tekton then uses 60).'),
      at('default-pod-template', 'securityContext: {runAsNonRoot: true, runAsUser: 1.5}', "does not decode into Tekton's pod.Template (securityContext.runAsUser is 1.5, where "
        + "encoding/json takes a whole number, unquoted (int64)): Tekton's webhook refuses the whole ConfigMap (NewDefaultsFromMap: failed to unmarshal securityContext: "
        + `{runAsNonRoot: true, runAsUser: 1.5})${REFUSED}`,
      'In its YAML, write securityContext.runAsUser as a whole number, unquoted (int64); or remove the key (Tekton then uses no default pod template).'),
      at('default-affinity-assistant-pod-template', 'a: [', 'is not YAML that sigs.k8s.io/yaml reads, so Tekton cannot decode it into its pod.AffinityAssistantTemplate: '
        + `Tekton's webhook refuses the whole ConfigMap (NewDefaultsFromMap: failed to unmarshal a: [)${REFUSED}`,
      'In its YAML, write a mapping (pod.AffinityAssistantTemplate); or remove the key (Tekton then uses no default affinity assistant template).'),
      at('default-container-resource-requirements', 'default: [1]', "does not decode into Tekton's map[string]v1.ResourceRequirements (default is [1], where encoding/json takes "
        + `a mapping (v1.ResourceRequirements)): Tekton's webhook refuses the whole ConfigMap (NewDefaultsFromMap: failed to unmarshal default: [1])${REFUSED}`,
      'In its YAML, write default as a mapping (v1.ResourceRequirements); or remove the key (Tekton then uses no default requirements).'),
      at('default-sidecar-log-polling-interval', 'null', 'is null, which the API server stores as "" (a client-side kubectl apply over an existing config-defaults removes the key '
        + 'instead), and "" is not a duration Go\'s time.ParseDuration reads (a number and a unit: ns, us, ms, s, m, h; a lone 0): Tekton\'s webhook refuses the whole ConfigMap '
        + `(NewDefaultsFromMap: failed parsing default config "")${REFUSED}`, 'Set it to a Go duration in quotes ("5m", "100ms"), or remove the key (Tekton then uses 100ms).'),
      at('default-step-ref-concurrency-limit', '9223372036854775808', "is beyond the 64-bit integers Go's strconv.ParseInt reads: Tekton's webhook refuses the whole ConfigMap "
        + `(NewDefaultsFromMap: failed parsing default config "default-step-ref-concurrency-limit")${REFUSED}`,
      'Set it to a whole number in quotes ("5"), or remove the key (Tekton then uses 5).'),
    ]);
    // a long template: Tekton's error cut after its first line
    expect(TEKTON_FEATURE_FLAGS.check(defaults({ 'default-pod-template': 'nodeSelector:\n  pool: ci\nhostNetwork: "true"\n' }))[0].problem)
      .toEqual("does not decode into Tekton's pod.Template (hostNetwork is \"true\", where encoding/json takes true or false, unquoted): Tekton's webhook refuses the whole "
        + `ConfigMap (NewDefaultsFromMap: failed to unmarshal nodeSelector:…)${REFUSED}`);
  });

  test('non-compliant: a template field given under keys that differ only in case, which encoding/json reads into one field (the later over the earlier)', () => {
    // Tekton v1.15 (conformance/config-defaults' NewDefaultsFromMap) applies hostNetwork: true to every run: a null leaves a bool as it was
    const folded = (where: string, keys: string, field: string, remove: string, reads: string) => at('default-pod-template', keys,
      `sets ${where} under ${keys.split(', ').length} keys that differ only in case: Tekton decodes the template with encoding/json, which matches field `
      + 'names in any case, so it reads each of them into that field, in this order, the later over the earlier (an object merged into what the earlier '
      + "set; a list's entries each decoded over the earlier's entry at the same place, then cut to the later's length; a null clearing it but where the "
      + `field is a value of Go's own type, no pointer, slice or map, such as hostNetwork or seLinuxOptions.type): it applies to every run ${reads}, what none `
      + 'of the keys may say alone', `In its YAML, write ${field} once, under that name (remove ${remove}).`);
    expect(TEKTON_FEATURE_FLAGS.check(defaults({ 'default-pod-template': 'HostNetwork: true\nhostNetwork: null\n' }))).toEqual([
      folded('hostNetwork', 'HostNetwork, hostNetwork', 'hostNetwork', 'HostNetwork', 'hostNetwork: true'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(defaults({
      'default-pod-template': 'securityContext:\n  RunAsUser: 0\n  runAsUser: null\nvolumes:\n- name: a\n  emptyDir: {}\n  EmptyDir: null\n',
    }))).toEqual([
      folded('securityContext.runAsUser', 'RunAsUser, runAsUser', 'runAsUser', 'RunAsUser', 'no securityContext.runAsUser'),
      folded('volumes[0].emptyDir', 'EmptyDir, emptyDir', 'emptyDir', 'EmptyDir', 'volumes[0].emptyDir: {}'),
    ]);
    // a later list is decoded entry by entry over the earlier (Tekton v1.15: [{operator: Exists, effect: NoSchedule}]; of three, the
    // entries past a shorter list are those a longer one decodes over: [{key: c}, {operator: Exists, effect: NoSchedule}])
    expect(TEKTON_FEATURE_FLAGS.check(defaults({ 'default-pod-template': 'Tolerations: [{operator: Exists}]\ntolerations: [{effect: NoSchedule}]\n' }))).toEqual([
      folded('tolerations', 'Tolerations, tolerations', 'tolerations', 'Tolerations', 'tolerations: [{"operator":"Exists","effect":"NoSchedule"}]'),
    ]);
    expect(TEKTON_FEATURE_FLAGS.check(defaults({
      'default-pod-template': 'TOLERATIONS: [{key: c}, {operator: Exists}]\nTolerations: [{}]\ntolerations: [{}, {effect: NoSchedule}]\n',
    }))).toEqual([
      folded('tolerations', 'TOLERATIONS, Tolerations, tolerations', 'tolerations', 'TOLERATIONS and Tolerations',
        'tolerations: [{"key":"c"},{"operator":"Exists","effect":"NoSchedule"}]'),
    ]);
    // one key per field, in whatever case, and the keys of a map (nodeSelector's labels) are no finding
    expect(TEKTON_FEATURE_FLAGS.check(defaults({ 'default-pod-template': 'HostNetwork: false\nnodeSelector: {Pool: a, pool: b}\n' }))).toEqual([]);
  });

  test('config-defaults of another namespace is not Tekton\'s; of a Tekton operator\'s target namespace it is, as the operator\'s apply leaves it', () => {
    const bad = { 'default-timeout-minutes': 'x', 'default-step-ref-concurrency-limit': 'y' };
    expect(TEKTON_FEATURE_FLAGS.check(defaults(bad, 'ci'))).toEqual([]);
    expect(TEKTON_FEATURE_FLAGS.check(defaults(bad, undefined)).map((f) => f.property)).toEqual(['data.default-timeout-minutes', 'data.default-step-ref-concurrency-limit']);
    const other = defaults(bad, 'ci-tekton');
    // the operator writes default-timeout-minutes over it; the key it keeps beside is a finding in the reading that keeps it
    const operator = config({ 'default-timeout-minutes': 60 }, 'ci-tekton');
    expect(TEKTON_FEATURE_FLAGS.check(other, ruleContext([other, operator]))).toEqual([
      at('default-step-ref-concurrency-limit', 'y', "is not a whole number Go's strconv.ParseInt reads (decimal digits, a sign before them): Tekton's webhook refuses the whole "
        + `ConfigMap (NewDefaultsFromMap: failed parsing default config "default-step-ref-concurrency-limit")${REFUSED} (reading config-defaults with `
        + "data['default-step-ref-concurrency-limit'] that ConfigMap 'config-defaults' in ci-tekton keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
      'Set it to a whole number in quotes ("5"), or remove the key (Tekton then uses 5).'),
    ]);
    const overwritten = defaults({ 'default-timeout-minutes': 'x' }, 'ci-tekton');
    expect(TEKTON_FEATURE_FLAGS.check(overwritten, ruleContext([overwritten, operator]))).toEqual([]);
  });

  test("non-compliant: a key a Tekton operator's TektonConfig writes into config-defaults that Tekton cannot read, at the field that sets it", () => {
    const written = config({
      'disable-creds-init': true,
      'require-git-ssh-secret-known-hosts': true,
      'enable-api-fields': 'stable',
      'trusted-resources-verification-no-match-policy': 'fail',
      'set-security-context': true,
      'default-pod-template': 'hostNetwork: "true"',
      'default-max-matrix-combinations-count': 'many',
      'options': {
        configMaps: {
          'feature-flags': { data: { 'set-security-context-read-only-root-filesystem': 'true' } },
          'config-defaults': { data: { 'default-maximum-resolution-timeout': '5' } },
        },
      },
    });
    const refused = ': Tekton\'s webhook refuses the config-defaults the operator writes with it (NewDefaultsFromMap: ';
    expect(TEKTON_FEATURE_FLAGS.check(written)).toEqual([
      at('default-pod-template', 'hostNetwork: "true"', "does not decode into Tekton's pod.Template (hostNetwork is \"true\", where encoding/json takes true or false, "
        + `unquoted)${refused}failed to unmarshal hostNetwork: "true")${REFUSED}`,
      'In its YAML, write hostNetwork as true or false, unquoted; or remove the key (Tekton then uses no default pod template).', 'TektonConfig', "spec.pipeline['default-pod-template']"),
      at('default-max-matrix-combinations-count', 'many', "is not a whole number Go's strconv.ParseInt reads (decimal digits, a sign before them)"
        + `${refused}failed parsing default config "default-max-matrix-combinations-count")${REFUSED}`,
      'Set it to a whole number in quotes ("256"), or remove the key (Tekton then uses 256).', 'TektonConfig', "spec.pipeline['default-max-matrix-combinations-count']"),
      at('default-maximum-resolution-timeout', '5', "is not a duration Go's time.ParseDuration reads (a number and a unit: ns, us, ms, s, m, h; a lone 0)"
        + `${refused}failed parsing default config "5")${REFUSED}`, 'Set it to a Go duration in quotes ("5m", "100ms"), or remove the key (Tekton then uses 1m).',
      'TektonConfig', "spec.pipeline.options.configMaps['config-defaults'].data['default-maximum-resolution-timeout']"),
    ]);
  });

  test("non-compliant: a TektonConfig's config-defaults template with a field under keys that differ only in case, at the field that sets it", () => {
    const written = config({
      'disable-creds-init': true,
      'require-git-ssh-secret-known-hosts': true,
      'enable-api-fields': 'stable',
      'trusted-resources-verification-no-match-policy': 'fail',
      'set-security-context': true,
      'default-pod-template': 'HostNetwork: true\nhostNetwork: null\n',
      'options': { configMaps: { 'feature-flags': { data: { 'set-security-context-read-only-root-filesystem': 'true' } } } },
    });
    expect(TEKTON_FEATURE_FLAGS.check(written)).toEqual([
      at('default-pod-template', 'HostNetwork, hostNetwork', 'sets hostNetwork under 2 keys that differ only in case: Tekton decodes the template with encoding/json, '
        + 'which matches field names in any case, so it reads each of them into that field, in this order, the later over the earlier (an object merged into '
        + "what the earlier set; a list's entries each decoded over the earlier's entry at the same place, then cut to the later's length; a null clearing it "
        + "but where the field is a value of Go's own type, no pointer, slice or map, such as hostNetwork or seLinuxOptions.type): it applies to every run "
        + 'hostNetwork: true, what none of the keys may say alone', 'In its YAML, write hostNetwork once, under that name (remove HostNetwork).', 'TektonConfig', "spec.pipeline['default-pod-template']"),
    ]);
  });
});
