import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chainsConfig, describeRule, HARDENED_CHAINS_DATA, operatorChain, operatorConfig, operatorDeployment } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { CHAINS_TRANSPARENCY } from '../../../src/policy/rules/chains-transparency';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);

describe('CHAINS_TRANSPARENCY', () => {
  describeRule(CHAINS_TRANSPARENCY, RuleId.CHAINS_TRANSPARENCY, Severity.MEDIUM, true);

  test('applies to chains-config only', () => {
    expect(CHAINS_TRANSPARENCY.appliesTo(chainsConfig({}))).toBe(true);
    // of another namespace, read only where an operator checked with it installs Chains there
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({}, { namespace: 'openshift-pipelines' }))).toEqual([]);
  });

  test('compliant: "true"', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': 'true' }))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(chainsConfig(HARDENED_CHAINS_DATA))).toEqual([]);
  });

  test('non-compliant: manual, as a whole finding', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': 'manual', 'transparency.url': 'https://rekor.example.com' }))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      value: 'manual',
      problem: 'uploads only runs annotated chains.tekton.dev/transparency-upload',
    }]);
  });

  test('non-compliant: not set', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({}))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      problem: 'is not set, so nothing is uploaded',
    }]);
  });

  test('a private Fulcio with no transparency.url: Chains uploads its certificates to the public-good Rekor, its default', () => {
    const priv = { 'transparency.enabled': 'true', 'signers.x509.fulcio.enabled': 'true', 'signers.x509.fulcio.address': 'https://fulcio.example.internal' };
    expect(CHAINS_TRANSPARENCY.check(chainsConfig(priv))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.url']",
      problem: "is not set, so Chains uploads the private Fulcio https://fulcio.example.internal's certificates (the controller's identity, the images "
        + 'and their digests) to its default, the public-good Rekor (https://rekor.sigstore.dev), a public log that keeps them for good',
      fix: 'Set transparency.url to your Sigstore\'s Rekor ("https://rekor.example.internal"), or to "https://rekor.sigstore.dev" to publish there on purpose.',
    }]);
    // with manual uploads too, beside the manual finding
    expect(summary(CHAINS_TRANSPARENCY.check(chainsConfig({ ...priv, 'transparency.enabled': 'manual' }))).map((f) => f[1]))
      .toEqual(["data['transparency.enabled']", "data['transparency.url']"]);
    // either fix as written, the public-good Fulcio (written or Chains' default), the key file signer, and no uploads: none
    for (const data of [
      { ...priv, 'transparency.url': 'https://rekor.example.internal' },
      { ...priv, 'transparency.url': 'https://rekor.sigstore.dev' },
      { ...priv, 'signers.x509.fulcio.address': 'https://fulcio.sigstore.dev' },
      { 'transparency.enabled': 'true', 'signers.x509.fulcio.enabled': 'true' },
      { ...priv, 'signers.x509.fulcio.enabled': 'false' },
    ]) expect(CHAINS_TRANSPARENCY.check(chainsConfig(data))).toEqual([]);
    expect(summary(CHAINS_TRANSPARENCY.check(chainsConfig({ ...priv, 'transparency.enabled': 'false' }))).map((f) => f[1])).toEqual(["data['transparency.enabled']"]);
  });

  test.each([
    [undefined, 'is not set, so nothing is uploaded'],
    ['manual', 'uploads only runs annotated chains.tekton.dev/transparency-upload'],
    ['false', 'turns uploads off'],
    ['True', 'turns uploads off'],
    ['1', 'turns uploads off'],
    ['', 'turns uploads off'],
  ])('non-compliant: %s', (value, problem) => {
    const data: Record<string, string> = value === undefined ? {} : { 'transparency.enabled': value };
    expect(summary(CHAINS_TRANSPARENCY.check(chainsConfig(data)))).toEqual([[RuleId.CHAINS_TRANSPARENCY, "data['transparency.enabled']", value, problem]]);
  });

  test('non-compliant: a value that is not a string makes the API server refuse the ConfigMap, so Chains keeps its default (off)', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': true } as any))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      problem: "is not read (the API server refuses this ConfigMap: data['transparency.enabled'] is not a string), so nothing is uploaded",
    }]);
    // another key's value refuses the whole ConfigMap too
    expect(summary(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': 'true', 'storage.oci.repository.insecure': false } as any)))).toEqual([[
      RuleId.CHAINS_TRANSPARENCY, "data['transparency.enabled']", undefined,
      "is not read (the API server refuses this ConfigMap: data['storage.oci.repository.insecure'] is not a string), so nothing is uploaded",
    ]]);
  });

  test('non-compliant: an invalid key, or a binaryData key that repeats one of data, makes the API server refuse the ConfigMap', () => {
    expect(CHAINS_TRANSPARENCY.check(chainsConfig({ 'transparency.enabled': 'true', 'bad key': 'x' }))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      problem: "is not read (the API server refuses this ConfigMap: data['bad key'] is not a valid ConfigMap key), so nothing is uploaded",
    }]);
    const duplicated = { ...chainsConfig({ 'transparency.enabled': 'true' }), binaryData: { 'transparency.enabled': 'dHJ1ZQ==' } };
    expect(summary(CHAINS_TRANSPARENCY.check(duplicated))).toEqual([[
      RuleId.CHAINS_TRANSPARENCY, "data['transparency.enabled']", undefined,
      "is not read (the API server refuses this ConfigMap: binaryData['transparency.enabled'] repeats a key of data), so nothing is uploaded",
    ]]);
    // a binaryData value that is not base64 is refused too
    expect(summary(CHAINS_TRANSPARENCY.check({ ...chainsConfig({ 'transparency.enabled': 'true' }), binaryData: { 'other.key': 'yes!' } }))).toEqual([[
      RuleId.CHAINS_TRANSPARENCY, "data['transparency.enabled']", undefined,
      "is not read (the API server refuses this ConfigMap: binaryData['other.key'] is not base64), so nothing is uploaded",
    ]]);
    // a null value of data or binaryData is accepted: stored as "" (data) or as no bytes
    expect(CHAINS_TRANSPARENCY.check({ ...chainsConfig({ 'transparency.enabled': 'true', 'storage.gcs.bucket': null } as any), binaryData: { 'other.key': null } })).toEqual([]);
    // a binaryData key of its own is accepted (Chains reads only data)
    expect(CHAINS_TRANSPARENCY.check({ ...chainsConfig({ 'transparency.enabled': 'true' }), binaryData: { 'other.key': 'eA==' } })).toEqual([]);
  });
});

describe('CHAINS_TRANSPARENCY: the chains-config the Tekton operator writes', () => {
  test('applies to a TektonConfig or TektonChain of operator.tekton.dev', () => {
    expect(CHAINS_TRANSPARENCY.appliesTo(operatorConfig({}))).toBe(true);
    expect(CHAINS_TRANSPARENCY.appliesTo(operatorChain({}))).toBe(true);
    expect(CHAINS_TRANSPARENCY.appliesTo({ ...operatorChain({}), apiVersion: 'example.com/v1' })).toBe(false);
  });

  test('compliant: "true" in the typed field or under options', () => {
    expect(CHAINS_TRANSPARENCY.check(operatorConfig({ 'transparency.enabled': 'true' }))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ options: { configMaps: { 'chains-config': { data: { 'transparency.enabled': 'true' } } } } }))).toEqual([]);
  });

  test('not set: at the typed field that would set it', () => {
    expect(CHAINS_TRANSPARENCY.check(operatorConfig(undefined))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY, kind: 'TektonConfig', name: 'config', property: "spec.chain['transparency.enabled']", problem: 'is not set, so nothing is uploaded',
    }]);
  });

  test('options are applied last, unless disabled', () => {
    const options = (disabled: boolean) => ({ disabled, configMaps: { 'chains-config': { data: { 'transparency.enabled': 'manual' } } } });
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': 'true', 'options': options(false) }))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'TektonChain',
      name: 'chain',
      property: "spec.options.configMaps['chains-config'].data['transparency.enabled']",
      value: 'manual',
      problem: 'uploads only runs annotated chains.tekton.dev/transparency-upload',
    }]);
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': 'true', 'options': options(true) }))).toEqual([]);
  });

  test('a boolean is written as "true" or "false" (the operator decodes its BoolValue from either); a number refuses the object: nothing of it is read', () => {
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': true }))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': false })).map((f) => f.problem)).toEqual(
      CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': 'false' })).map((f) => f.problem));
    expect(CHAINS_TRANSPARENCY.check(operatorChain({ 'transparency.enabled': 1 }))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'TektonChain',
      name: 'chain',
      property: "spec['transparency.enabled']",
      problem: "is not read (the operator cannot read this TektonChain: spec['transparency.enabled'] is not a string), so nothing is uploaded",
    }]);
  });

  test('where the operator\'s own TektonConfig writes chains-config over the object, its defaults are judged too: "true" written there is not credited', () => {
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const fix = (kind: string) => 'Set it under spec.chain of a TektonConfig named config, checked together: the operator writes chains-config from that, '
      + `not from this ${kind}; if the operator runs with AUTOINSTALL_COMPONENTS "false", check its Deployment together, or relax this finding with that reason.`;
    const chain = operatorChain({ 'transparency.enabled': 'true' });
    expect(CHAINS_TRANSPARENCY.check(chain, context(chain))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'TektonChain',
      name: 'chain',
      property: "spec['transparency.enabled']",
      problem: "is not set in the chains-config that TektonConfig 'config' (the operator's own, with its defaults: TektonChain 'chain' is checked without "
        + 'a TektonConfig) writes over this TektonChain, so nothing is uploaded',
      fix: fix('TektonChain'),
    }]);
    // the operator's Deployment alone: it installs Chains and applies its chains-config over the ConfigMap
    const configMap = chainsConfig({ 'transparency.enabled': 'true' });
    expect(CHAINS_TRANSPARENCY.check(configMap, context(configMap, operatorDeployment('true')))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      problem: "is not set in the chains-config that TektonConfig 'config' (the operator's own, with its defaults: its Deployment 'tekton-operator' runs it "
        + 'with AUTOINSTALL_COMPONENTS "true", and no TektonConfig is checked) writes over this ConfigMap, so nothing is uploaded',
      fix: fix('ConfigMap'),
    }]);
    // a finding of the object as written is kept, and the operator's at the same field not added
    const manual = chainsConfig({ 'transparency.enabled': 'manual' });
    expect(CHAINS_TRANSPARENCY.check(manual, context(manual, operatorDeployment('true'))).map((f) => [f.value, f.problem]))
      .toEqual([['manual', 'uploads only runs annotated chains.tekton.dev/transparency-upload']]);
    // the operator runs without AUTOINSTALL_COMPONENTS "true", a TektonConfig is checked, or the object is judged alone: as written
    expect(CHAINS_TRANSPARENCY.check(chain, context(chain, operatorDeployment()))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(configMap, context(configMap, operatorDeployment()))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(configMap, context(configMap))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(chain, context(chain, operatorConfig({ 'transparency.enabled': 'true' })))).toEqual([]);
    expect(CHAINS_TRANSPARENCY.check(chain)).toEqual([]);
  });

  test("a chains-config ConfigMap of tekton-chains beside an operator that installs Chains elsewhere: judged, saying the operator's Chains does not read it", () => {
    const configMap = chainsConfig({});
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    expect(CHAINS_TRANSPARENCY.check(configMap, context(configMap, operatorConfig({}, { targetNamespace: 'ci-tekton' })))).toEqual([{
      rule: RuleId.CHAINS_TRANSPARENCY,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['transparency.enabled']",
      problem: "is not set, so nothing is uploaded (TektonConfig 'config' installs Chains in ci-tekton, whose Chains reads the chains-config there, not this "
        + 'ConfigMap: judged for a Chains installed in tekton-chains otherwise, from its release YAML)',
    }]);
  });

  test('a TektonConfig that installs no Chains writes no chains-config', () => {
    expect(CHAINS_TRANSPARENCY.check(operatorConfig({ disabled: true }))).toEqual([]);
  });

  test("the audit relaxes it by the annotation on the operator's object", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chains-transparency-'));
    const config = operatorConfig({ 'transparency.enabled': 'manual' });
    const annotated = { ...config, metadata: { ...config.metadata, annotations: { 'secure-tekton/relax.CHAINS_TRANSPARENCY': '*: uploads are manual on this cluster' } } };
    const statuses = (m: any) => {
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(m));
      return JSON.parse(audit([path.join(dir, 'config.json')], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.CHAINS_TRANSPARENCY).map((f: any) => [f.status, f.property, f.value]);
    };
    expect(statuses(config)).toEqual([['failed', "spec.chain['transparency.enabled']", 'manual']]);
    expect(statuses(annotated)).toEqual([['relaxed', "spec.chain['transparency.enabled']", 'manual']]);
  });
});
