import { chainsConfigOf, chainsConfigView, chainsInstallOf, chainsInstallsOf } from '../../src/private/chains-keys';
import { isOperatorChainsConfig, operatorChainsConfig } from '../../src/private/operator-chains';
import { chainsConfig, operatorChain, operatorConfig, operatorDeployment } from '../policy/rules/fixtures';

describe('operatorChainsConfig: the chains-config the Tekton operator writes', () => {
  test('a TektonConfig or TektonChain of operator.tekton.dev only', () => {
    expect(isOperatorChainsConfig(operatorConfig({}))).toBe(true);
    expect(isOperatorChainsConfig(operatorChain({}))).toBe(true);
    expect(isOperatorChainsConfig({ ...operatorChain({}), apiVersion: 'example.com/v1' })).toBe(false);
    expect(isOperatorChainsConfig({ ...operatorChain({}), kind: 'TektonPipeline' })).toBe(false);
  });

  test("nothing set: the operator's defaults, which store TaskRuns and PipelineRuns in oci", () => {
    expect(chainsConfigView(operatorConfig(undefined))?.data).toEqual({
      'artifacts.taskrun.format': 'in-toto',
      'artifacts.taskrun.storage': 'oci',
      'artifacts.pipelinerun.format': 'in-toto',
      'artifacts.pipelinerun.storage': 'oci',
      'artifacts.oci.format': 'simplesigning',
      'artifacts.oci.storage': 'oci',
    });
  });

  test('typed fields: an empty string is not written, an empty storage is, a boolean is written as text; options last unless disabled', () => {
    const chain = {
      'artifacts.taskrun.format': '',
      'artifacts.pipelinerun.storage': '',
      'signers.x509.fulcio.enabled': true,
      'storage.oci.repository.insecure': false,
      'transparency.enabled': 'manual',
      'builder.id': null,
      'options': { configMaps: { 'chains-config': { data: { 'transparency.enabled': 'true', 'storage.archivista.url': null } } } },
    };
    const view = chainsConfigView(operatorConfig(chain))!;
    expect(view.data).toEqual({
      'artifacts.taskrun.format': 'in-toto',
      'artifacts.taskrun.storage': 'oci',
      'artifacts.pipelinerun.format': 'in-toto',
      'artifacts.pipelinerun.storage': '',
      'artifacts.oci.format': 'simplesigning',
      'artifacts.oci.storage': 'oci',
      'signers.x509.fulcio.enabled': 'true',
      'storage.oci.repository.insecure': 'false',
      'transparency.enabled': 'true',
      'storage.archivista.url': '',
    });
    expect(view.property('transparency.enabled')).toBe("spec.chain.options.configMaps['chains-config'].data['transparency.enabled']");
    expect(view.property('artifacts.taskrun.format')).toBe("spec.chain['artifacts.taskrun.format']");
    expect(view.property('signers.kms.auth.oidc.token-path')).toBe("spec.chain.options.configMaps['chains-config'].data['signers.kms.auth.oidc.token-path']");
    expect(chainsConfigView(operatorConfig({ ...chain, options: { ...chain.options, disabled: true } }))!.data['transparency.enabled']).toBe('manual');
    expect(chainsConfigView(operatorChain({ 'transparency.enabled': 'true' }))!.property('transparency.enabled')).toBe("spec['transparency.enabled']");
  });

  test('a field of the wrong type: the operator cannot read the object, which sets nothing', () => {
    const view = chainsConfigView(operatorChain({ 'transparency.enabled': 1, 'artifacts.oci.format': 'simplesigning' }))!;
    expect(view.data).toEqual({});
    expect(view.unset).toBe("is not read (the operator cannot read this TektonChain: spec['transparency.enabled'] is not a string)");
    // a boolean in a BoolValue field is decoded as "true" or "false"
    expect(chainsConfigView(operatorChain({ 'transparency.enabled': true }))!.data['transparency.enabled']).toBe('true');
    expect(chainsConfigView(operatorChain({ 'artifacts.pipelinerun.enable-deep-inspection': false }))!.data['artifacts.pipelinerun.enable-deep-inspection']).toBe('false');
    expect(operatorChainsConfig(operatorConfig({ 'storage.oci.repository.insecure': 'false', 'disabled': 'no' })).refusals).toEqual([
      { path: "spec.chain['storage.oci.repository.insecure']", written: 'false', problem: 'is not a boolean', reason: 'type' },
      { path: 'spec.chain.disabled', written: 'no', problem: 'is not a boolean', reason: 'type' },
    ]);
  });

  test("a typed value the operator's webhook refuses: the TektonChain is refused, and sets nothing; under options nothing is checked", () => {
    const view = chainsConfigView(operatorConfig({ 'artifacts.taskrun.format': 'slsa/v2alpha4', 'artifacts.oci.storage': 'oci, archivista' }))!;
    expect(view.data).toEqual({});
    expect(view.unset).toBe("is not read (the operator refuses the TektonChain this TektonConfig writes: spec.chain['artifacts.taskrun.format'] "
      + 'is not a value the operator accepts there (in-toto, slsa/v1, slsa/v2alpha2, slsa/v2alpha3))');
    expect(operatorChainsConfig(operatorConfig({ 'artifacts.oci.storage': 'oci, archivista', 'artifacts.oci.signer': '' })).refusals).toEqual([
      { path: "spec.chain['artifacts.oci.storage']", written: 'archivista', problem: 'is not a value the operator accepts there (tekton, oci, gcs, docdb, grafeas, kafka)', reason: 'value' },
    ]);
    const options = { configMaps: { 'chains-config': { data: { 'artifacts.taskrun.format': 'slsa/v2alpha4' } } } };
    expect(chainsConfigView(operatorChain({ options }))!.data['artifacts.taskrun.format']).toBe('slsa/v2alpha4');
  });

  test('a TektonConfig that installs no Chains writes no chains-config; a TektonChain ignores disabled', () => {
    expect(chainsConfigView(operatorConfig({ disabled: true }))).toBeUndefined();
    expect(chainsConfigView(operatorConfig({}, { profile: 'lite' }))).toBeUndefined();
    expect(chainsConfigView(operatorConfig({}, { profile: 'all' }))).toBeDefined();
    expect(chainsConfigView(operatorChain({ disabled: true }))?.data['artifacts.oci.storage']).toBe('oci');
  });

  test('chainsConfigOf: a TektonConfig that installs Chains over its TektonChain over the ConfigMap', () => {
    const configMap = chainsConfig({ 'transparency.enabled': 'false' });
    const chain = operatorChain({ 'transparency.enabled': 'manual' });
    const config = operatorConfig({ 'transparency.enabled': 'true' });
    expect(chainsConfigOf([config, chain, configMap])?.['transparency.enabled']).toBe('true');
    expect(chainsConfigOf([chain, configMap, operatorDeployment()])?.['transparency.enabled']).toBe('manual');
    // a TektonConfig without Chains removes its TektonChain: only a ConfigMap installed otherwise is left
    expect(chainsConfigOf([operatorConfig({ disabled: true }), chain, configMap])?.['transparency.enabled']).toBe('false');
    expect(chainsConfigOf([operatorConfig({ disabled: true }), chain])).toBeUndefined();
    expect(chainsConfigOf([configMap])?.['transparency.enabled']).toBe('false');
  });

  test('chainsInstallOf: without a TektonConfig, the one the operator creates of its own, whose defaults replace a TektonChain\'s settings', () => {
    const chain = operatorChain({ 'transparency.enabled': 'true', 'targetNamespace': 'chains' });
    const configMap = chainsConfig({ 'transparency.enabled': 'true' });
    const defaults = {
      'artifacts.oci.format': 'simplesigning',
      'artifacts.oci.storage': 'oci',
      'artifacts.pipelinerun.format': 'in-toto',
      'artifacts.pipelinerun.storage': 'oci',
      'artifacts.taskrun.format': 'in-toto',
      'artifacts.taskrun.storage': 'oci',
    };
    expect(chainsInstallOf([chain, configMap])).toEqual({ data: defaults, namespace: 'tekton-pipelines' });
    // a TektonPipeline alone shows the operator installed too: its TektonConfig installs Chains
    const tektonPipeline = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonPipeline', metadata: { name: 'pipeline' }, spec: { targetNamespace: 'tekton-pipelines' } };
    expect(chainsInstallOf([tektonPipeline, configMap])).toEqual({ data: defaults, namespace: 'tekton-pipelines' });
    // Chains runs in the target namespace the operator's Deployment gives its TektonConfig
    const operator = operatorDeployment('true');
    operator.spec.template.spec.containers[0].env.push({ name: 'DEFAULT_TARGET_NAMESPACE', value: 'ci-tekton' });
    expect(chainsInstallOf([chain, operator])).toEqual({ data: defaults, namespace: 'ci-tekton' });
    // the operator's Deployment turns that off: the TektonChain, else the ConfigMap
    expect(chainsInstallOf([chain, configMap, operatorDeployment()])).toEqual({ data: { ...defaults, 'transparency.enabled': 'true' }, namespace: 'chains' });
    expect(chainsInstallOf([tektonPipeline, configMap, operatorDeployment()])).toEqual({ data: { 'transparency.enabled': 'true' }, namespace: 'tekton-chains' });
    expect(chainsInstallOf([configMap, operatorDeployment()])).toEqual({ data: { 'transparency.enabled': 'true' }, namespace: 'tekton-chains' });
    // the operator's Deployment alone, AUTOINSTALL_COMPONENTS "true": its TektonConfig installs Chains, whose chains-config it applies over the ConfigMap
    expect(chainsInstallOf([configMap, operatorDeployment('true')])).toEqual({ data: defaults, namespace: 'tekton-pipelines' });
    expect(chainsInstallOf([configMap, operator])).toEqual({ data: defaults, namespace: 'ci-tekton' });
  });

  test("chainsInstallsOf: a chains-config ConfigMap of the operator's target namespace read alone and with the operator's keys over its own", () => {
    const configMap = chainsConfig({ 'artifacts.oci.storage': 'tekton', 'transparency.enabled': 'true', 'storage.oci.repository': 'registry.example/sigs' }, { namespace: 'tekton-pipelines' });
    const config = operatorConfig({ 'transparency.enabled': 'false' });
    const written = chainsInstallsOf([config])[0].data;
    expect(chainsInstallsOf([config, configMap])).toEqual([
      {
        data: written,
        namespace: 'tekton-pipelines',
        reading: "as TektonConfig 'config' writes it alone, if kubectl apply created ConfigMap 'chains-config' in tekton-pipelines",
        readingFix: expect.stringContaining('Make chains-config the same'),
      },
      {
        // artifacts.oci.storage (its default oci) and transparency.enabled are the operator's: only storage.oci.repository is the ConfigMap's
        data: { ...written, 'storage.oci.repository': 'registry.example/sigs' },
        namespace: 'tekton-pipelines',
        reading: "with data['storage.oci.repository'] that ConfigMap 'chains-config' in tekton-pipelines keeps beside what TektonConfig 'config' writes, unless kubectl apply created it",
        readingFix: expect.stringContaining('Make chains-config the same'),
        configMap,
        keptKeys: ['storage.oci.repository'],
        writer: "TektonConfig 'config'",
      },
    ]);
    // only the keys the operator does not write stay
    const kept = chainsInstallsOf([operatorConfig({}), configMap]);
    expect(kept.map((i) => i.data['transparency.enabled'])).toEqual([undefined, 'true']);
    expect(kept[1].data['artifacts.oci.storage']).toBe('oci');
    // a ConfigMap of another namespace, one the API server refuses, or an operator object the operator cannot read: one reading
    expect(chainsInstallsOf([operatorConfig({}), chainsConfig({ 'transparency.enabled': 'true' })])).toHaveLength(1);
    expect(chainsInstallsOf([operatorConfig({}), chainsConfig({ 'transparency.enabled': true } as any, { namespace: 'tekton-pipelines' })])).toHaveLength(1);
    expect(chainsInstallsOf([operatorConfig({ 'transparency.enabled': 7 }), configMap])).toEqual([{ data: {}, namespace: 'tekton-pipelines' }]);
    // without the operator, the ConfigMap of tekton-chains alone
    expect(chainsInstallsOf([chainsConfig({ 'transparency.enabled': 'true' })])).toEqual([{ data: { 'transparency.enabled': 'true' }, namespace: 'tekton-chains' }]);
    // a TektonChain its own (AUTOINSTALL_COMPONENTS off): its target namespace
    const chain = operatorChain({ targetNamespace: 'chains' });
    expect(chainsInstallsOf([chain, chainsConfig({ 'transparency.enabled': 'true' }, { namespace: 'chains' }), operatorDeployment()]).map((i) => i.data['transparency.enabled'])).toEqual([undefined, 'true']);
  });

  test('what refuses the whole object refuses its chains-config: a targetNamespace not set, and for a TektonConfig its profile and its pipeline settings, which its webhook checks', () => {
    const { targetNamespace: _, ...noNamespace } = operatorChain({}).spec;
    const chain = { ...operatorChain({}), spec: noNamespace };
    expect(chainsConfigView(chain)!.data).toEqual({});
    expect(chainsConfigView(chain)!.unset).toBe("is not read (the operator's webhook refuses this TektonChain: spec.targetNamespace is not set (the operator's webhook requires the namespace to install into))");
    expect(chainsConfigView(operatorConfig({}, { pipeline: { 'enable-api-fields': 'Beta' } }))!.unset)
      .toBe("is not read (the operator's webhook refuses this TektonConfig: spec.pipeline['enable-api-fields'] is not one of alpha, beta, stable)");
    expect(chainsConfigView(operatorConfig({}, { pipeline: { 'disable-creds-init': 'true' } }))!.unset)
      .toBe("is not read (the operator cannot read this TektonConfig: spec.pipeline['disable-creds-init'] is not a boolean)");
    expect(chainsConfigView(operatorConfig({}, { profile: 'full' }))!.data).toEqual({});
    expect(chainsConfigView(operatorConfig('x' as any))!.unset).toBe('is not read (the operator cannot read this TektonConfig: spec.chain is not a map)');
    // its pipeline's options are decoded even when disabled
    expect(chainsConfigView(operatorConfig({}, { pipeline: { options: { disabled: true, configMaps: { 'feature-flags': { data: { a: 1 } } } } } }))!.data).toEqual({});
    // the values of the Chains settings alone refuse only the TektonChain it writes, and the other readings are kept apart
    expect(operatorChainsConfig(operatorConfig({ 'artifacts.taskrun.signer': 'none' }, { pipeline: { 'enable-api-fields': 'Beta' } })).ownRefusals.map((r) => r.path))
      .toEqual(["spec.chain['artifacts.taskrun.signer']"]);
  });

  test('options disabled: the operator applies none of its data, but decodes it all the same (a value that is not a string refuses the object)', () => {
    const options = (data: Record<string, unknown>) => ({ options: { disabled: true, configMaps: { 'chains-config': { data } } } });
    expect(chainsConfigView(operatorChain(options({ 'artifacts.oci.signer': 'none' })))!.data['artifacts.oci.signer']).toBeUndefined();
    expect(chainsConfigView(operatorChain(options({ 'artifacts.oci.signer': false })))!.data).toEqual({});
  });
});
