import { chainsConfig, describeRule, HARDENED_CHAINS_DATA, operatorChain, operatorConfig } from './fixtures';
import { RuleCatalogue, RuleId, Severity } from '../../../src';
import { CHAINS_KNOWN_KEYS } from '../../../src/policy/rules/chains-known-keys';
import { chainsConfigView } from '../../../src/private/chains-keys';

/** [rule, property, value, problem] of each finding. */
const summary = (findings: ReturnType<typeof RuleCatalogue.check>) => findings.map((f) => [f.rule, f.property, f.value, f.problem]);

describe('CHAINS_KNOWN_KEYS', () => {
  describeRule(CHAINS_KNOWN_KEYS, RuleId.CHAINS_KNOWN_KEYS, Severity.HIGH, false);

  test('applies to chains-config in any namespace (elsewhere than tekton-chains, for credentials only), and to nothing else', () => {
    expect(CHAINS_KNOWN_KEYS.appliesTo(chainsConfig({}))).toBe(true);
    expect(CHAINS_KNOWN_KEYS.appliesTo(chainsConfig({}, {}))).toBe(true);
    expect(CHAINS_KNOWN_KEYS.appliesTo(chainsConfig({}, { namespace: 'ci' }))).toBe(true);
    expect(CHAINS_KNOWN_KEYS.appliesTo({ ...chainsConfig({}), metadata: { name: 'feature-flags', namespace: 'tekton-chains' } })).toBe(false);
    expect(CHAINS_KNOWN_KEYS.appliesTo({ ...chainsConfig({}), kind: 'Secret' })).toBe(false);
  });

  test('compliant: documented keys, allowed values, storage lists with spaces or empty', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'storage.docdb.mongo-server-url-path': '/etc/mongo/url', 'builder.id': 'https://ci.example.com' }))).toEqual([]);
  });

  test('compliant: every spelling of a boolean Go\'s strconv.ParseBool reads, which Chains uses for its boolean keys', () => {
    for (const value of ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']) {
      expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.x509.fulcio.enabled': value, 'storage.oci.repository.insecure': value }))).toEqual([]);
    }
    expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.x509.fulcio.enabled': 'yes' })))).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, "data['signers.x509.fulcio.enabled']", 'yes', 'is not one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False'],
    ]);
  });

  test('Fulcio providers: the names cosign registers in Chains v0.29.2, not the ones its docs/config.md gives', () => {
    for (const value of ['spiffe', 'github-actions', 'google-workload-identity', 'google-impersonate', 'buildkite-agent', 'envvar', 'filesystem', 'filesystem-custom-path']) {
      expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.x509.fulcio.provider': value }))).toEqual([]);
    }
    // ProvideFrom("github") fails: Chains drops the x509 signer and signs nothing
    const allowed = 'is not one of spiffe, github-actions, google-workload-identity, google-impersonate, buildkite-agent, envvar, filesystem, filesystem-custom-path';
    for (const value of ['github', 'google', 'Spiffe', '']) {
      expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.x509.fulcio.provider': value })))).toEqual([
        [RuleId.CHAINS_KNOWN_KEYS, "data['signers.x509.fulcio.provider']", value, allowed],
      ]);
    }
  });

  test('non-compliant: an unknown key, with the reason it is unknown in the fix', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ ...HARDENED_CHAINS_DATA, 'artifacts.oci.signing-backend': 'kms' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: 'data',
      value: 'artifacts.oci.signing-backend',
      problem: 'is not a documented chains-config key',
      fix: '"artifacts.oci.signing-backend" is not a Chains v0.29 key (the signer is artifacts.oci.signer), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
    }]);
  });

  test('non-compliant: a key from a later Chains version, and a mis-cased key, with their fixes', () => {
    const unknown = (key: string, hint: string) => ({
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: 'data',
      value: key,
      problem: 'is not a documented chains-config key',
      fix: `"${key}" is not a Chains v0.29 key${hint}, so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.`,
    });
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'filter.managed-by': 'x', 'Artifacts.oci.signer': 'none' }))).toEqual([
      unknown('filter.managed-by', ' (filters were added after v0.29.2)'),
      unknown('Artifacts.oci.signer', ''),
    ]);
  });

  test('non-compliant: undocumented pubsub keys, which v0.29.2 reads but no artifact storage can use, with a fix that says so', () => {
    const fix = (key: string, more = '') => `"${key}" is not documented for Chains v0.29: v0.29.2 reads it, but no artifact storage can select its pubsub backend `
      + `(the storage keys accept "kafka", which names no backend), so it has no effect${more}: remove it; this rule cannot be relaxed.`;
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.pubsub.topic': 'y', 'storage.pubsub.provider': 'kafka' })).map((f) => [f.property, f.value, f.problem, f.fix])).toEqual([
      ['data', 'storage.pubsub.topic', 'is not a documented chains-config key', fix('storage.pubsub.topic')],
      ['data', 'storage.pubsub.provider', 'is not a documented chains-config key',
        fix('storage.pubsub.provider', ', and a value other than inmemory or kafka makes the whole configuration fail to load')],
    ]);
  });

  test('non-compliant: credentials, whose values are never repeated', () => {
    const findings = CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.kms.auth.token': 'hvs.s3cr3t', 'storage.docdb.mongo-server-url': 'mongodb://u:pw@h' }));
    expect(summary(findings)).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, "data['signers.kms.auth.token']", undefined, 'puts a credential in a ConfigMap'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['storage.docdb.mongo-server-url']", undefined, 'puts a credential in a ConfigMap'],
    ]);
    expect(findings[0]).toEqual({
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.kms.auth.token']",
      problem: 'puts a credential in a ConfigMap',
      fix: 'Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath); this rule cannot be relaxed.',
    });
    expect(JSON.stringify(findings)).not.toMatch(/s3cr3t|pw@/);
  });

  test('a chains-config in another namespace (a Tekton operator\'s target namespace): only its credentials are findings', () => {
    const elsewhere = chainsConfig({
      'signers.kms.auth.token': 'hvs.s3cr3t',
      'storage.docdb.mongo-server-url': 'mongodb://u:pw@h',
      'artifacts.taskrun.format': 'slsa/v3',
      'no.such.key': 'x',
    }, { namespace: 'tekton-pipelines' });
    const findings = CHAINS_KNOWN_KEYS.check(elsewhere);
    expect(findings.map((f) => [f.kind, f.name, f.property, f.value, f.problem, f.fix])).toEqual([
      ['ConfigMap', 'chains-config', "data['signers.kms.auth.token']", undefined, 'puts a credential in a ConfigMap',
        'Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath); this rule cannot be relaxed.'],
      ['ConfigMap', 'chains-config', "data['storage.docdb.mongo-server-url']", undefined, 'puts a credential in a ConfigMap', expect.stringMatching(/; this rule cannot be relaxed\.$/)],
    ]);
    expect(JSON.stringify(findings)).not.toMatch(/s3cr3t|pw@/);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.taskrun.format': 'slsa/v3' }, { namespace: 'ci' }))).toEqual([]);
    expect(CHAINS_KNOWN_KEYS.check({ ...chainsConfig({}, { namespace: 'ci' }), data: ['signers.kms.auth.token'] })).toEqual([]);
  });

  test('non-compliant: values Chains refuses, each bad storage entry on its own', () => {
    expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({
      'artifacts.taskrun.format': 'slsa/v3',
      'artifacts.pipelinerun.storage': 'oci, s3,',
      'artifacts.oci.storage': 'archivista',
      'transparency.enabled': 'yes',
    })))).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.taskrun.format']", 'slsa/v3', 'is not one of in-toto, slsa/v1, slsa/v2alpha3, slsa/v2alpha4'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.pipelinerun.storage']", 's3', 'is not one of tekton, oci, gcs, docdb, grafeas, archivista'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.pipelinerun.storage']", 'oci, s3,', 'has an empty entry (spaces or a comma alone between commas, or at either end), which is no storage backend: Chains refuses it, and with it the whole configuration (it keeps the one it had, or its controller exits at start)'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['artifacts.oci.storage']", 'archivista', 'is not one of tekton, oci, gcs, docdb, grafeas'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['transparency.enabled']", 'yes', 'is not one of true, false, manual'],
    ]);
    // a list of nothing but spaces or commas is no empty list to Chains: its entries trim to "", which it refuses (once each)
    const empty = (type: string, value: string) => ({
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: `data['artifacts.${type}.storage']`,
      value,
      problem: 'has an empty entry (spaces or a comma alone between commas, or at either end), which is no storage backend: Chains refuses it, and with it the whole configuration (it keeps the one it had, or its controller exits at start)',
      fix: 'Remove the empty entry (write "oci", not "oci,"), or write exactly "" to turn the artifact type\'s storage off; this rule cannot be relaxed.',
    });
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.taskrun.storage': ' , ', 'artifacts.pipelinerun.storage': ' ' }))).toEqual([
      empty('taskrun', ' , '), empty('pipelinerun', ' '),
    ]);
  });

  test('non-compliant: a refused value, as a whole finding', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.oci.signer': 'cosign' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.oci.signer']",
      value: 'cosign',
      problem: 'is not one of x509, kms, none',
    }]);
  });

  test('non-compliant: a value that is not a string, each on its own (the API server refuses the ConfigMap)', () => {
    const problem = "is not a string: a ConfigMap's data values are strings, so the API server refuses the whole ConfigMap and none of its settings reach Chains";
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.taskrun.format': 'slsa/v1', 'transparency.enabled': true, 'storage.oci.repository.insecure': 0 } as any))).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['transparency.enabled']",
        value: 'true',
        problem,
        fix: 'Quote the value ("true") so YAML reads it as a string; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['storage.oci.repository.insecure']",
        value: '0',
        problem,
        fix: 'Quote the value ("0") so YAML reads it as a string; this rule cannot be relaxed.',
      },
    ]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'builder.id': ['a'], 'storage.gcs.bucket': { name: 'b' }, 'storage.oci.repository.insecure': 12345678901234567890n } as any))
      .map((f) => [f.property, f.value, f.fix])).toEqual([
      ["data['builder.id']", '["a"]', 'Give the key a string value (quoted in YAML); this rule cannot be relaxed.'],
      ["data['storage.gcs.bucket']", '{"name":"b"}', 'Give the key a string value (quoted in YAML); this rule cannot be relaxed.'],
      ["data['storage.oci.repository.insecure']", '12345678901234567890', 'Quote the value ("12345678901234567890") so YAML reads it as a string; this rule cannot be relaxed.'],
    ]);
    // an unknown key is reported as such too; a credential only as a credential
    expect(summary(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'transparency.enabeld': true, 'signers.kms.auth.token': 12345 } as any)))).toEqual([
      [RuleId.CHAINS_KNOWN_KEYS, 'data', 'transparency.enabeld', 'is not a documented chains-config key'],
      [RuleId.CHAINS_KNOWN_KEYS, "data['transparency.enabeld']", 'true', problem],
      [RuleId.CHAINS_KNOWN_KEYS, "data['signers.kms.auth.token']", undefined, 'puts a credential in a ConfigMap'],
    ]);
  });

  test('a null value is stored as "": a finding where Chains reads "" otherwise than the key unset, else read as ""', () => {
    const nullIs = 'is null, which the API server stores as "" (a client-side kubectl apply over an existing chains-config removes the key instead)';
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.taskrun.format': null } as any))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['artifacts.taskrun.format']",
      value: 'null',
      problem: `${nullIs}: Chains reads "" as a value it does not allow, so the whole configuration fails to load, and an unset key as "in-toto", `
        + 'so what it reads depends on how the ConfigMap is applied',
      fix: 'Write the value meant, quoted (remove the key for Chains\' default "in-toto"); this rule cannot be relaxed.',
    }]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'artifacts.oci.storage': null, 'transparency.url': null, 'signers.x509.tuf.mirror.url': null } as any))
      .map((f) => [f.property, f.value, f.problem])).toEqual([
      ["data['artifacts.oci.storage']", 'null', `${nullIs}: Chains reads "" as no storage, which turns the artifact type off, and an unset key as "oci", `
        + 'so what it reads depends on how the ConfigMap is applied'],
      ["data['transparency.url']", 'null', `${nullIs}: Chains reads "" as an empty value, and an unset key as "https://rekor.sigstore.dev", `
        + 'so what it reads depends on how the ConfigMap is applied'],
      ["data['signers.x509.tuf.mirror.url']", 'null', `${nullIs}: Chains reads "" as an empty value, and an unset key as "https://tuf-repo-cdn.sigstore.dev", `
        + 'so what it reads depends on how the ConfigMap is applied'],
    ]);
    // "" read as the key unset: a boolean "" is a value the rule refuses, as written; a free value "" is none
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'signers.x509.fulcio.enabled': null, 'transparency.enabled': null, 'storage.gcs.bucket': null, 'signers.kms.kmsref': null } as any))
      .map((f) => [f.property, f.value, f.problem])).toEqual([
      ["data['signers.x509.fulcio.enabled']", 'null', `${nullIs}, and "" is not one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False`],
      ["data['transparency.enabled']", 'null', `${nullIs}, and "" is not one of true, false, manual`],
    ]);
  });

  test('non-compliant: a binaryData value the API server cannot decode (not base64, not a string)', () => {
    const refused = 'the API server refuses the whole ConfigMap and none of its settings reach Chains';
    const withBinary = (binaryData: Record<string, unknown>) => ({ ...chainsConfig({ 'transparency.enabled': 'true' }), binaryData });
    expect(CHAINS_KNOWN_KEYS.check(withBinary({ a: 'not base64!', b: 1, c: 'aGk', d: 'aGk=', e: 'aG\nk=', f: null, g: '' }))).toEqual([
      { property: "binaryData['a']", problem: `is not base64: ${refused}` },
      { property: "binaryData['b']", problem: `is not a string: ${refused}` },
      { property: "binaryData['c']", problem: `is not base64: ${refused}` },
    ].map((p) => ({ rule: RuleId.CHAINS_KNOWN_KEYS, kind: 'ConfigMap', name: 'chains-config', ...p, fix: 'Remove binaryData from chains-config (Chains reads only data); this rule cannot be relaxed.' })));
  });

  test('non-compliant: a key the API server refuses (data or binaryData), and a binaryData key that repeats one of data', () => {
    const refused = 'the API server refuses the whole ConfigMap and none of its settings reach Chains';
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'transparency.enabled': 'true', 'bad key': 'x', '..hidden': 'y' }))).toEqual(['bad key', '..hidden'].map((key) => ({
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: 'data',
      value: key,
      problem: `is not a valid ConfigMap key (only letters, digits, '-', '_' and '.', not starting with '..'): ${refused}`,
      fix: 'Remove the key or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
    })));
    const manifest = { ...chainsConfig({ 'transparency.enabled': 'true' }), binaryData: { 'transparency.enabled': 'dHJ1ZQ==', 'a/b': 'eA==', 'other.key': 'eA==' } };
    expect(CHAINS_KNOWN_KEYS.check(manifest)).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "binaryData['transparency.enabled']",
        problem: `repeats a key of data: ${refused}`,
        fix: 'Remove binaryData from chains-config (Chains reads only data); this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "binaryData['a/b']",
        problem: `is not a valid ConfigMap key: ${refused}`,
        fix: 'Remove binaryData from chains-config (Chains reads only data); this rule cannot be relaxed.',
      },
    ]);
  });

  test("beside a Tekton operator's object that installs Chains: a ConfigMap without a namespace as the other Chains rules judge it, one of tekton-chains saying the operator's Chains does not read it", () => {
    const context = (...manifests: any[]) => ({ manifests, credentialWorkspaces: () => [] });
    const TOKEN = {
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['signers.kms.auth.token']",
      problem: 'puts a credential in a ConfigMap',
      fix: 'Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath); this rule cannot be relaxed.',
    };
    const signer = (suffix: string) => ({
      rule: RuleId.CHAINS_KNOWN_KEYS, kind: 'ConfigMap', name: 'chains-config', property: "data['artifacts.oci.signer']", value: 'nonee', problem: `is not one of x509, kms, none${suffix}`,
    });
    // without a namespace: the operator writes artifacts.taskrun.format over it (not judged); the keys it does not write only in the reading that keeps them;
    // the credential as written (whoever may read the namespace's ConfigMaps reads it)
    const loose = chainsConfig({ 'artifacts.oci.signer': 'nonee', 'artifacts.taskrun.format': 'bogus', 'signers.kms.auth.token': 's3cret' }, {});
    expect(CHAINS_KNOWN_KEYS.check(loose, context(loose, operatorConfig({})))).toEqual([
      signer(" (reading chains-config with data['artifacts.oci.signer'], data['signers.kms.auth.token'] that ConfigMap 'chains-config' without a namespace keeps "
        + "beside what TektonConfig 'config' writes, unless kubectl apply created it)"),
      TOKEN,
    ]);
    // the operator writes the signer too: only the credential is left
    expect(CHAINS_KNOWN_KEYS.check(loose, context(loose, operatorConfig({ 'artifacts.oci.signer': 'x509' })))).toEqual([TOKEN]);
    // alone: every key as written
    expect(CHAINS_KNOWN_KEYS.check(loose, context(loose)).map((f) => f.property)).toEqual(["data['artifacts.oci.signer']", "data['artifacts.taskrun.format']", "data['signers.kms.auth.token']"]);
    // of tekton-chains, beside an operator that installs Chains in tekton-pipelines: judged, saying its Chains does not read it (the credential as it is)
    const explicit = chainsConfig({ 'artifacts.oci.signer': 'nonee', 'signers.kms.auth.token': 's3cret' });
    expect(CHAINS_KNOWN_KEYS.check(explicit, context(explicit, operatorConfig({})))).toEqual([
      signer(" (TektonConfig 'config' installs Chains in tekton-pipelines, whose Chains reads the chains-config there, not this ConfigMap: judged for a Chains "
        + 'installed in tekton-chains otherwise, from its release YAML)'),
      TOKEN,
    ]);
  });
});

describe('CHAINS_KNOWN_KEYS: the chains-config the Tekton operator writes', () => {
  test('compliant: typed fields with allowed values, documented keys under options', () => {
    expect(CHAINS_KNOWN_KEYS.check(operatorConfig(undefined))).toEqual([]);
    expect(CHAINS_KNOWN_KEYS.check(operatorChain({
      'artifacts.taskrun.storage': 'oci, tekton',
      'signers.x509.fulcio.enabled': true,
      'transparency.enabled': 'true',
      'options': { configMaps: { 'chains-config': { data: { 'storage.archivista.url': 'https://archivista.example.com' } } } },
    }))).toEqual([]);
  });

  test('an empty entry of a typed storage list, which the operator writes and Chains refuses', () => {
    expect(CHAINS_KNOWN_KEYS.check(operatorConfig({ 'artifacts.taskrun.storage': 'oci,' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'TektonConfig',
      name: 'config',
      property: "spec.chain['artifacts.taskrun.storage']",
      value: 'oci,',
      problem: 'has an empty entry (spaces or a comma alone between commas, or at either end), which is no storage backend: Chains refuses it, and with it the whole '
        + 'configuration (it keeps the one it had, or its controller exits at start)',
      fix: 'Remove the empty entry (write "oci", not "oci,"), or write exactly "" to turn the artifact type\'s storage off; this rule cannot be relaxed.',
    }]);
  });

  test('a credential in a typed field, a value not allowed, an unknown key and a null under options', () => {
    const chain = {
      'signers.kms.auth.token': 'hvs.secret',
      'artifacts.oci.storage': 'oci,s3',
      'options': { configMaps: { 'chains-config': { data: { 'artifacts.taskrun.signing-backend': 'kms', 'storage.oci.encoding-format': null } } } },
    };
    const findings = CHAINS_KNOWN_KEYS.check(operatorConfig(chain));
    expect(JSON.stringify(findings)).not.toContain('hvs.secret');
    expect(findings).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain['artifacts.oci.storage']",
        value: 's3',
        problem: 'is not a value the operator accepts there (tekton, oci, gcs, docdb, grafeas, kafka): its webhook refuses the TektonChain this TektonConfig writes, '
          + 'so none of its settings reach chains-config',
        fix: 'Use one of those values, or write the key under spec.chain.options.configMaps.chains-config.data, which the operator does not check; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain['signers.kms.auth.token']",
        problem: 'puts a credential in the TektonConfig and in the chains-config ConfigMap the operator writes',
        fix: 'Mount the token from a Secret into the Chains controller and set signers.kms.auth.token-path (KmsSigning.authTokenPath); this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain.options.configMaps['chains-config'].data",
        value: 'artifacts.taskrun.signing-backend',
        problem: 'is not a documented chains-config key',
        fix: '"artifacts.taskrun.signing-backend" is not a Chains v0.29 key (the signer is artifacts.taskrun.signer), so Chains ignores it: remove it or use a key documented in Chains v0.29 docs/config.md; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain.options.configMaps['chains-config'].data['storage.oci.encoding-format']",
        value: 'null',
        problem: 'is null, which the operator writes as "", and "" is not one of dsse, sigstore-bundle',
      },
    ]);
  });

  test("options the API server refuses or the operator cannot read: a disabled written as a string, another ConfigMap's data that is not text", () => {
    const options = { disabled: 'true', configMaps: { 'chains-config': { data: { 'transparency.enabled': 'true' } }, 'config-logging': { data: { 'loglevel.controller': 1 } } } };
    const found = CHAINS_KNOWN_KEYS.check(operatorConfig({ options }));
    expect(found).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: 'spec.chain.options.disabled',
        value: '"true"',
        problem: "is not a boolean: the API server refuses the TektonConfig (the operator's CRD types the field; with an untyped CRD the operator cannot read it), so none of its settings reach chains-config",
        fix: 'Write disabled: true or disabled: false, unquoted; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonConfig',
        name: 'config',
        property: "spec.chain.options.configMaps['config-logging'].data['loglevel.controller']",
        value: '1',
        problem: 'is not a string: the operator cannot read the TektonConfig, so none of its settings reach chains-config',
        fix: 'Quote the value ("1") so that YAML reads a string; this rule cannot be relaxed.',
      },
    ]);
    expect(chainsConfigView(operatorConfig({ options }))?.data).toEqual({});
    expect(chainsConfigView(operatorConfig({ options: { ...options, disabled: true, configMaps: { 'chains-config': options.configMaps['chains-config'] } } }))?.data['transparency.enabled']).toBeUndefined();
  });

  test('a boolean in a BoolValue field (transparency.enabled, enable-deep-inspection) is written as "true" or "false": the operator\'s decoding takes it', () => {
    expect(CHAINS_KNOWN_KEYS.check(operatorChain({ 'transparency.enabled': true, 'artifacts.pipelinerun.enable-deep-inspection': false }))).toEqual([]);
  });

  test('a field the operator cannot read: each one, with the value as written', () => {
    const chain = { 'transparency.enabled': 7, 'signers.x509.fulcio.enabled': 'true', 'options': { configMaps: { 'chains-config': { data: { 'builder.id': 7 } } } } };
    expect(CHAINS_KNOWN_KEYS.check(operatorChain(chain))).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonChain',
        name: 'chain',
        property: "spec['signers.x509.fulcio.enabled']",
        value: 'true',
        problem: 'is not a boolean: the operator cannot read the TektonChain, so none of its settings reach chains-config',
        fix: 'Write signers.x509.fulcio.enabled: true or false (unquoted); this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonChain',
        name: 'chain',
        property: "spec['transparency.enabled']",
        value: '7',
        problem: 'is not a string: the operator cannot read the TektonChain, so none of its settings reach chains-config',
        fix: 'Quote the value ("7") so YAML reads it as a string; this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'TektonChain',
        name: 'chain',
        property: "spec.options.configMaps['chains-config'].data['builder.id']",
        value: '7',
        problem: 'is not a string: the operator cannot read the TektonChain, so none of its settings reach chains-config',
        fix: 'Quote the value ("7") so YAML reads it as a string; this rule cannot be relaxed.',
      },
    ]);
  });
});

describe('CHAINS_KNOWN_KEYS: storage.oci.repository and storage.gcs.bucket Chains cannot store in', () => {
  test('a repository go-containerregistry refuses or reads as another registry, and a bucket URL: findings with the value meant', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'https://ghcr.io/MyOrg/sigs:v1', 'storage.gcs.bucket': 'gs://b12/x' }))).toEqual([
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['storage.oci.repository']",
        value: 'https://ghcr.io/MyOrg/sigs:v1',
        problem: "has a scheme: go-containerregistry's name.NewRepository, which Chains reads it with, takes \"https:\" for the registry, so every store there fails and Chains keeps no signature or attestation",
        fix: 'Write "ghcr.io/myorg/sigs" (<registry>/<path> in lower case, without scheme, tag or digest); this rule cannot be relaxed.',
      },
      {
        rule: RuleId.CHAINS_KNOWN_KEYS,
        kind: 'ConfigMap',
        name: 'chains-config',
        property: "data['storage.gcs.bucket']",
        value: 'gs://b12/x',
        problem: "is not a Cloud Storage bucket name (only lower-case letters, digits, '-', '_' and '.'; no gs:// and no path): Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation",
        fix: 'Write "b12" (the bucket name alone, in lower case); this rule cannot be relaxed.',
      },
    ]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'x' }))[0].fix)
      .toBe('Write <registry>/<path> in lower case, without scheme, tag or digest; this rule cannot be relaxed.');
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'ghcr.io' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository']",
      value: 'ghcr.io',
      problem: "names a registry but no repository in it: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as Docker Hub's "
        + 'repository "index.docker.io/library/ghcr.io", so Chains would push every signature and attestation to Docker Hub, not to ghcr.io',
      fix: 'Write "ghcr.io/<path>": the registry, then the repository\'s path in it, in lower case; this rule cannot be relaxed.',
    }]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'sigs' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.oci.repository']",
      value: 'sigs',
      problem: "names no registry and no Docker Hub user or organisation: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as "
        + '"index.docker.io/library/sigs", a repository of Docker Hub\'s official images, which only Docker pushes to, so every store there fails and Chains keeps '
        + 'no signature or attestation',
      fix: 'Write "<user>/sigs" for a Docker Hub user or organisation, or "<registry>/<path>/sigs" for another registry; this rule cannot be relaxed.',
    }]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'myorg/sigs' }))).toEqual([]);
    // go-containerregistry v0.21.0's name.NewRepository (run here) reads these as index.docker.io/library/sigs too
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'docker.io/sigs' })).map((f) => [f.problem, f.fix])).toEqual([[
      "names Docker Hub (docker.io) but no user or organisation on it: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as "
        + '"index.docker.io/library/sigs", a repository of Docker Hub\'s official images, which only Docker pushes to, so every store there fails and Chains keeps '
        + 'no signature or attestation',
      'Write "docker.io/<user>/sigs" for a Docker Hub user or organisation, or "<registry>/<path>/sigs" for another registry; this rule cannot be relaxed.',
    ]]);
    for (const repository of ['library/sigs', 'index.docker.io/library/sigs']) {
      expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': repository })).map((f) => f.problem)).toEqual([
        "names \"library\", the namespace of Docker Hub's official images: go-containerregistry's name.NewRepository, which Chains reads it with, reads it as "
          + '"index.docker.io/library/sigs", a repository of Docker Hub\'s official images, which only Docker pushes to, so every store there fails and Chains keeps '
          + 'no signature or attestation',
      ]);
    }
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'docker.io/myorg/sigs' }))).toEqual([]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'https://ghcr.io' }))[0].fix)
      .toBe('Write <registry>/<path> in lower case, without scheme, tag or digest; this rule cannot be relaxed.');
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.gcs.bucket': 'b' }))).toEqual([{
      rule: RuleId.CHAINS_KNOWN_KEYS,
      kind: 'ConfigMap',
      name: 'chains-config',
      property: "data['storage.gcs.bucket']",
      value: 'b',
      problem: 'is not a Cloud Storage bucket name: it is 1 characters long, and a bucket name has 3 to 63 (up to 222 with dots, each dot-separated part 1 to 63): '
        + 'Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation',
      fix: "Write the bucket name alone: 3 to 63 of lower-case letters, digits, '-', '_' and '.' (up to 222 with dots, each dot-separated part 1 to 63), "
        + 'starting and ending with a letter or digit; this rule cannot be relaxed.',
    }]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.gcs.bucket': 'gs://provenance-' }))[0].problem)
      .toBe('is not a Cloud Storage bucket name (only lower-case letters, digits, \'-\', \'_\' and \'.\'; no gs:// and no path): '
        + 'Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation');
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.gcs.bucket': 'provenance-' }))[0].problem).toMatch(/^is not a Cloud Storage bucket name: it ends with "-", /);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.gcs.bucket': 'my..provenance' }))[0].problem)
      .toBe('is not a Cloud Storage bucket name: it holds "..", an empty dot-separated part, and each part of a bucket name has 1 to 63 characters: '
        + 'Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation');
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.gcs.bucket': 'my-g00gle-sigs' })).map((f) => [f.problem, f.fix])).toEqual([[
      'is not a Cloud Storage bucket name: it holds "g00gle", which Cloud Storage reserves as a close misspelling of "google": '
        + 'Chains passes it to the storage client as the bucket, so every store there fails and Chains keeps no signature or attestation',
      "Write the bucket name alone: 3 to 63 of lower-case letters, digits, '-', '_' and '.' (up to 222 with dots, each dot-separated part 1 to 63), "
        + 'starting and ending with a letter or digit; this rule cannot be relaxed.',
    ]]);
  });

  test('set by a Tekton operator\'s TektonConfig (a typed field or its options), at the field that sets it', () => {
    const config = operatorConfig({ 'storage.oci.repository': 'ghcr.io/MyOrg/sigs', 'options': { configMaps: { 'chains-config': { data: { 'storage.gcs.bucket': 'gs://provenance' } } } } });
    expect(CHAINS_KNOWN_KEYS.check(config).map((f) => [f.property, f.value, f.fix])).toEqual([
      ["spec.chain['storage.oci.repository']", 'ghcr.io/MyOrg/sigs', 'Write "ghcr.io/myorg/sigs" (<registry>/<path> in lower case, without scheme, tag or digest); this rule cannot be relaxed.'],
      ["spec.chain.options.configMaps['chains-config'].data['storage.gcs.bucket']", 'gs://provenance', 'Write "provenance" (the bucket name alone, in lower case); this rule cannot be relaxed.'],
    ]);
    expect(CHAINS_KNOWN_KEYS.check(operatorConfig({ 'storage.oci.repository': 'ghcr.io/myorg/sigs' }))).toEqual([]);
  });

  test('compliant: a repository name.NewRepository reads, a bucket name, and "" (Chains\' default, next to the image)', () => {
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': 'ghcr.io/myorg/signatures', 'storage.gcs.bucket': 'provenance' }))).toEqual([]);
    expect(CHAINS_KNOWN_KEYS.check(chainsConfig({ 'storage.oci.repository': '', 'storage.gcs.bucket': '' }))).toEqual([]);
  });
});
