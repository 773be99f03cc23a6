import { chainsConfig, describeRule, HARDENED_CHAINS_DATA, operatorChain, operatorConfig, operatorDeployment } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_SLSA_PROVENANCE } from '../../../src/policy/rules/chains-slsa-provenance';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);
const finding = (type: string, value: string | undefined, problem: string) => ({
  rule: RuleId.CHAINS_SLSA_PROVENANCE,
  kind: 'ConfigMap',
  name: 'chains-config',
  property: `data['artifacts.${type}.format']`,
  value,
  problem,
});
const NOT_SLSA = 'is not a SLSA format (in-toto, slsa/v1, slsa/v2alpha3, slsa/v2alpha4)';
const NOT_SET = 'is not set, so Chains writes its in-toto default';

describe('CHAINS_SLSA_PROVENANCE', () => {
  describeRule(CHAINS_SLSA_PROVENANCE, RuleId.CHAINS_SLSA_PROVENANCE, Severity.LOW, true);

  test('applies to chains-config only', () => {
    expect(CHAINS_SLSA_PROVENANCE.appliesTo(chainsConfig({}))).toBe(true);
    expect(CHAINS_SLSA_PROVENANCE.appliesTo({ kind: 'ConfigMap', metadata: { name: 'other', namespace: 'tekton-chains' }, data: {} })).toBe(false);
  });

  test('compliant: every SLSA format, in-toto (the other name of slsa/v1 in Chains) included', () => {
    for (const format of ['slsa/v1', 'in-toto', 'slsa/v2alpha3', 'slsa/v2alpha4']) {
      expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': format, 'artifacts.pipelinerun.format': format }))).toEqual([]);
    }
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig(HARDENED_CHAINS_DATA))).toEqual([]);
  });

  test('non-compliant: the format left to the default (in-toto written explicitly is not)', () => {
    expect(summary(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': 'in-toto' })))).toEqual([
      [RuleId.CHAINS_SLSA_PROVENANCE, "data['artifacts.pipelinerun.format']", undefined, NOT_SET],
    ]);
  });

  test('non-compliant: nothing set', () => {
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig(undefined))).toEqual([finding('taskrun', undefined, NOT_SET), finding('pipelinerun', undefined, NOT_SET)]);
  });

  test('non-compliant: a mis-cased or unknown format', () => {
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': 'SLSA/v1', 'artifacts.pipelinerun.format': 'slsa/v2' }))).toEqual([
      finding('taskrun', 'SLSA/v1', NOT_SLSA),
      finding('pipelinerun', 'slsa/v2', NOT_SLSA),
    ]);
  });

  test('non-compliant: formats in a ConfigMap the API server refuses (a value that is not a string) are not read', () => {
    const unread = "is not read (the API server refuses this ConfigMap: data['transparency.enabled'] is not a string), so Chains writes its in-toto default";
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': 'slsa/v1', 'artifacts.pipelinerun.format': 'slsa/v1', 'transparency.enabled': true } as any)))
      .toEqual([finding('taskrun', undefined, unread), finding('pipelinerun', undefined, unread)]);
  });

  test('a null value is stored as "": read as "", and it does not make the API server refuse the ConfigMap', () => {
    // builder.id null is "" (CHAINS_KNOWN_KEYS reports it): the formats are still read
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': 'slsa/v1', 'artifacts.pipelinerun.format': 'slsa/v1', 'builder.id': null } as any))).toEqual([]);
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ 'artifacts.taskrun.format': null, 'artifacts.pipelinerun.format': 'slsa/v1' } as any)))
      .toEqual([finding('taskrun', '', NOT_SLSA)]);
  });

  test('non-compliant: signer none or an empty storage list turns the type off, so no provenance is recorded in any format', () => {
    const formats = { 'artifacts.taskrun.format': 'slsa/v1', 'artifacts.pipelinerun.format': 'slsa/v2alpha4' };
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ ...formats, 'artifacts.taskrun.signer': 'none' }))).toEqual([{
      rule: RuleId.CHAINS_SLSA_PROVENANCE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.taskrun.signer']",
      value: 'none',
      problem: 'turns TaskRun artifacts off: Chains v0.29 neither formats nor stores them, so it records no provenance for them',
      fix: 'Sign with x509 or kms (or leave artifacts.taskrun.signer out for Chains\' default, x509): Chains records no provenance for a signer "none".',
    }]);
    // a list of nothing but spaces or commas turns nothing off: Chains refuses the whole configuration (CHAINS_KNOWN_KEYS' finding)
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ ...formats, 'artifacts.pipelinerun.storage': ' , ' }))).toEqual([]);
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ ...formats, 'artifacts.pipelinerun.storage': '' }))).toEqual([{
      rule: RuleId.CHAINS_SLSA_PROVENANCE,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.pipelinerun.storage']",
      value: '',
      problem: 'turns PipelineRun artifacts off: Chains v0.29 neither formats nor stores them, so it records no provenance for them',
      fix: 'Name where it is stored (e.g. "oci" or "tekton"), or leave artifacts.pipelinerun.storage out for Chains\' default.',
    }]);
    // the OCI type does not carry run provenance; a signer other than none keeps the type on
    expect(CHAINS_SLSA_PROVENANCE.check(chainsConfig({ ...formats, 'artifacts.oci.signer': 'none', 'artifacts.taskrun.signer': 'kms', 'artifacts.pipelinerun.storage': 'tekton, oci' }))).toEqual([]);
  });
});

describe('CHAINS_SLSA_PROVENANCE: the chains-config the Tekton operator writes', () => {
  test("compliant: the operator's default format, in-toto, is written into chains-config", () => {
    expect(CHAINS_SLSA_PROVENANCE.check(operatorConfig(undefined))).toEqual([]);
    expect(CHAINS_SLSA_PROVENANCE.check(operatorChain({ 'artifacts.taskrun.format': 'slsa/v2alpha3', 'artifacts.pipelinerun.format': '' }))).toEqual([]);
  });

  test('a storage written empty turns the type off; a format under options that is not SLSA', () => {
    const chain = { 'artifacts.taskrun.storage': '', 'options': { configMaps: { 'chains-config': { data: { 'artifacts.pipelinerun.format': 'tekton' } } } } };
    expect(CHAINS_SLSA_PROVENANCE.check(operatorConfig(chain))).toEqual([
      {
        rule: RuleId.CHAINS_SLSA_PROVENANCE,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain['artifacts.taskrun.storage']",
        value: '',
        problem: 'turns TaskRun artifacts off: Chains v0.29 neither formats nor stores them, so it records no provenance for them',
        fix: 'Name where it is stored (e.g. "oci" or "tekton"), or leave artifacts.taskrun.storage out for the operator\'s default, oci.',
      },
      {
        rule: RuleId.CHAINS_SLSA_PROVENANCE,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain.options.configMaps['chains-config'].data['artifacts.pipelinerun.format']",
        value: 'tekton',
        problem: 'is not a SLSA format (in-toto, slsa/v1, slsa/v2alpha3, slsa/v2alpha4)',
      },
    ]);
  });
  test('where the operator\'s own TektonConfig writes chains-config over the object: its defaults (in-toto, stored in oci) record SLSA provenance', () => {
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const chain = operatorChain({ 'artifacts.taskrun.format': 'slsa/v2alpha3', 'artifacts.pipelinerun.format': 'slsa/v2alpha3' });
    expect(CHAINS_SLSA_PROVENANCE.check(chain, context(chain))).toEqual([]);
    // what is written on the object is judged all the same
    const off = chainsConfig({ 'artifacts.taskrun.format': 'in-toto', 'artifacts.pipelinerun.format': 'in-toto', 'artifacts.taskrun.storage': '' });
    expect(CHAINS_SLSA_PROVENANCE.check(off, context(off, operatorDeployment('true'))).map((f) => f.property)).toEqual(["data['artifacts.taskrun.storage']"]);
  });
});
