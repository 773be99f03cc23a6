/**
 * The catalogue's reading of the Tekton operator's custom resources (src/private/operator-flags.ts,
 * operator-defaults.ts, operator-chains.ts: what TEKTON_FEATURE_FLAGS, the Chains rules, POD_SECURITY_ADMITTED,
 * CREDENTIALS_WITH_REPO_CODE and the rules reading config-defaults take a TektonConfig, TektonPipeline or
 * TektonChain to write) against the operator's own code (conformance/operator/cmd/operator-configmaps: the
 * operator v0.81.0's CRD schemas, its defaulting and validating webhooks, the TektonConfig reconciler's
 * TektonPipeline and TektonChain, and the transformers that write feature-flags, config-defaults and
 * chains-config; see the command's doc comment).
 *
 * For each object, the catalogue writes what the operator writes:
 * - nothing of feature-flags and config-defaults when the operator writes none (the object, or the
 *   TektonPipeline a TektonConfig makes, is refused), else every key of feature-flags and config-defaults with
 *   the operator's value (but `performance`, the YAML of the performance settings the operator writes into both
 *   ConfigMaps, which Tekton does not read, and config-defaults' `_example`, the release's comment block);
 * - nothing of chains-config when the operator writes none (the object, or the TektonChain a TektonConfig
 *   makes, is refused, or a TektonConfig installs no Chains), else every key of chains-config with the
 *   operator's value (but `performance`, which Chains does not read).
 *
 * For a TektonPipeline or TektonChain checked alone, the catalogue reads (operatorSettingsObject) what the
 * TektonConfig an operator started with AUTOINSTALL_COMPONENTS "true" creates of its own writes once its reconciler
 * has run UpdatePipeline or UpdateChain on the object; the command does that with the operator's own functions
 * (`"autoinstall"` in the request).
 *
 * Objects: hand-written adversarial ones (each typed field with the values the webhook accepts and refuses, in
 * other cases and with spaces, of the wrong type, null and ""; `options` with `disabled` in every spelling, data of
 * every type, entries that are not ConfigMaps; profiles, `spec.chain.disabled`, `targetNamespace` present, empty,
 * missing), then generated ones (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS choose others).
 */
import * as fc from 'fast-check';
import { chainsInstallOf, chainsInstallsOf, unreadByOperatorChains } from '../../src/private/chains-keys';
import { operatorChainsConfig } from '../../src/private/operator-chains';
import { operatorDefaultsKeys, operatorFeatureFlags, operatorFlagsOf } from '../../src/private/operator-flags';
import { OPERATOR_AUTOINSTALL_NAMESPACE, operatorSettingsObject } from '../../src/private/operator-objects';
import { appliedConfigDefaults } from '../../src/private/pods';
import { HARDENED_FLAG_VALUES } from '../../src/private/tekton-config';
import { describeWithOperatorConfigMaps, operatorAppliedOver, OperatorAnswer, OperatorComponent, operatorConfigMaps, operatorObjectsAppliedOver } from '../helpers/operator-configmaps';

type Data = Record<string, string>;
/** What is written of one component: none, or the data of each of its ConfigMaps. */
type Written = 'none' | Record<string, Data>;
interface Reading { readonly pipeline?: Written; readonly chain?: Written }

const NAMES: Record<string, string> = { TektonConfig: 'config', TektonPipeline: 'pipeline', TektonChain: 'chain' };
/** Keys the operator writes that neither Tekton nor Chains reads, left out of the comparison. */
const UNREAD = new Set(['performance', '_example']);

function object(kind: string, spec: Record<string, unknown>): any {
  return { apiVersion: 'operator.tekton.dev/v1alpha1', kind, metadata: { name: NAMES[kind] }, spec };
}

function strip(data: Readonly<Record<string, string>> | undefined): Data {
  return Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => !UNREAD.has(k)).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What the operator writes for a TektonPipeline (feature-flags and config-defaults) or a TektonChain (chains-config). */
function writtenOf(c: OperatorComponent, component: 'pipeline' | 'chain'): Written {
  if (c.data === undefined) return 'none';
  return component === 'pipeline'
    ? { 'feature-flags': strip(c.data['feature-flags']), 'config-defaults': strip(c.data['config-defaults']) }
    : { 'chains-config': strip(c.data['chains-config']) };
}

/** What the operator writes, from its answer. */
function operatorReading(a: OperatorAnswer, kind: string): Reading {
  if (a.error !== undefined) throw new Error(`operator-configmaps: ${a.error}`);
  const pipelineKind = kind !== 'TektonChain';
  const chainKind = kind !== 'TektonPipeline';
  if (a.refused !== undefined) return { ...(pipelineKind ? { pipeline: 'none' } : {}), ...(chainKind ? { chain: 'none' } : {}) };
  const out: { pipeline?: Written; chain?: Written } = {};
  if (pipelineKind) out.pipeline = writtenOf(a.pipeline!, 'pipeline');
  if (chainKind) out.chain = writtenOf(a.chain!, 'chain');
  return out;
}

/** What the catalogue takes the operator to write. */
function catalogueReading(m: any): Reading {
  const out: { pipeline?: Written; chain?: Written } = {};
  if (m.kind !== 'TektonChain') {
    const defaults = operatorDefaultsKeys(m);
    if (defaults === undefined) {
      out.pipeline = 'none';
    } else {
      const flags: Data = {};
      for (const [flag, f] of operatorFeatureFlags(m)) {
        if (f.value === undefined) throw new Error(`flag ${flag} unreadable in an object the catalogue reads`);
        flags[flag] = f.value;
      }
      out.pipeline = {
        'feature-flags': strip(flags),
        'config-defaults': strip(Object.fromEntries([...defaults].map(([k, v]) => [k, v.value]))),
      };
    }
  }
  if (m.kind !== 'TektonPipeline') {
    const c = operatorChainsConfig(m);
    out.chain = c.off !== undefined || c.refusals.length > 0 ? 'none' : { 'chains-config': strip(Object.fromEntries([...c.keys].map(([k, v]) => [k, v.value]))) };
  }
  return out;
}

interface Gap { readonly object: unknown; readonly operator: Reading; readonly catalogue: Reading; readonly refused?: unknown }

function compare(objects: readonly any[]): Gap[] {
  const answers = operatorConfigMaps(objects);
  const gaps: Gap[] = [];
  objects.forEach((m, i) => {
    const operator = operatorReading(answers[i], m.kind);
    const catalogue = catalogueReading(structuredClone(m));
    if (JSON.stringify(operator) !== JSON.stringify(catalogue)) {
      gaps.push({ object: m, operator, catalogue, refused: answers[i].refused ?? answers[i].pipeline?.refused ?? answers[i].chain?.refused });
    }
  });
  return gaps;
}

/**
 * For TektonPipelines and TektonChains checked alone: what the operator writes once, started with
 * AUTOINSTALL_COMPONENTS "true", it has made its own TektonConfig, whose reconciler replaces their settings
 * (UpdatePipeline, UpdateChain), against what the catalogue reads for them (the object operatorSettingsObject gives).
 */
function compareAutoinstalled(objects: readonly any[]): Gap[] {
  const answers = operatorConfigMaps(objects, { targetNamespace: OPERATOR_AUTOINSTALL_NAMESPACE });
  const gaps: Gap[] = [];
  objects.forEach((m, i) => {
    const a = answers[i];
    if (a.error !== undefined) throw new Error(`operator-configmaps: ${a.error}`);
    const component = m.kind === 'TektonPipeline' ? 'pipeline' : 'chain';
    // the object the operator admitted is found and updated; one it refused is not, and the reconciler creates its own
    if ((a.refused === undefined) !== (a.replaced === true)) throw new Error(`operator-configmaps: replaced ${a.replaced} for ${JSON.stringify(a)}`);
    const operator: Reading = { [component]: writtenOf(a[component]!, component) };
    const source = operatorSettingsObject([structuredClone(m)], m.kind);
    if (source?.replaces === undefined) throw new Error(`not read as replaced: ${JSON.stringify(m)}`);
    const catalogue: Reading = { [component]: catalogueReading(source.manifest)[component] };
    if (JSON.stringify(operator) !== JSON.stringify(catalogue)) gaps.push({ object: m, operator, catalogue, refused: a.refused });
  });
  return gaps;
}

const NS = { targetNamespace: 'tekton-pipelines' };

/** Hand-written objects: each a TektonConfig (settings under spec.pipeline / spec.chain) and the component's own object. */
function handWritten(): any[] {
  const pipelineSettings: Array<Record<string, unknown>> = [
    {},
    { 'enable-api-fields': 'alpha' }, { 'enable-api-fields': 'Beta' }, { 'enable-api-fields': 'stable ' }, { 'enable-api-fields': 'bogus' }, { 'enable-api-fields': '' },
    { 'enable-api-fields': null }, { 'enable-api-fields': 1 }, { 'enable-api-fields': true },
    { 'disable-creds-init': true }, { 'disable-creds-init': 'true' }, { 'disable-creds-init': null }, { 'set-security-context': true },
    { 'require-git-ssh-secret-known-hosts': true }, { 'running-in-environment-with-injected-sidecars': false },
    { 'trusted-resources-verification-no-match-policy': 'fail' }, { 'trusted-resources-verification-no-match-policy': 'Fail' },
    { 'trusted-resources-verification-no-match-policy': 'deny' },
    { 'results-from': 'sidecar-logs' }, { 'results-from': 'Sidecar-Logs' }, { 'results-from': 'stdout' },
    { 'enforce-nonfalsifiability': 'spire' }, { 'enforce-nonfalsifiability': 'SPIRE' },
    { coschedule: 'isolate-pipelinerun' }, { coschedule: 'pipelineruns' }, { coschedule: 'Workspaces' }, { coschedule: 'none' },
    { 'disable-inline-spec': 'pipeline,taskrun' }, { 'disable-inline-spec': 'pipeline, taskrun' }, { 'disable-inline-spec': 'Pipeline' },
    { 'disable-inline-spec': 'pipeline,' }, { 'disable-inline-spec': 'pipelinerun,taskrun,pipeline' },
    { 'max-result-size': 8192 }, { 'max-result-size': 1572864 }, { 'max-result-size': 1572863 }, { 'max-result-size': -1 },
    { 'max-result-size': 1.5 }, { 'max-result-size': '4096' }, { 'max-result-size': 2147483648 },
    { 'embedded-status': 'minimal' }, { 'enable-custom-tasks': false }, { 'enable-step-actions': true }, { 'enable-step-actions': false },
    { 'enable-tekton-oci-bundles': true }, { 'verification-mode': 'enforce' }, { 'scope-when-expressions-to-task': true },
    { 'disable-affinity-assistant': true }, { 'keep-pod-on-cancel': true }, { 'enable-cel-in-whenexpression': true }, { 'enable-param-enum': true },
    { 'default-timeout-minutes': 60 }, { 'default-timeout-minutes': 0 }, { 'default-timeout-minutes': -5 }, { 'default-timeout-minutes': '60' },
    { 'default-service-account': 'builder' }, { 'default-service-account': '' }, { 'default-service-account': 5 },
    { 'default-pod-template': 'securityContext:\n  runAsNonRoot: true\n' }, { 'default-pod-template': { securityContext: { runAsNonRoot: true } } },
    { 'default-max-matrix-combinations-count': '256' }, { 'default-forbidden-env': 'A,B' }, { 'default-resolver-type': 'git' },
    { 'default-managed-by-label-value': 'x' }, { 'default-cloud-events-sink': 'http://sink' }, { 'default-task-run-workspace-binding': 'emptyDir: {}' },
    { 'default-affinity-assistant-pod-template': 'nodeSelector: {}' },
    { options: { disabled: true, configMaps: { 'feature-flags': { data: { 'enable-api-fields': 'alpha' } } } } },
    { options: { disabled: false, configMaps: { 'feature-flags': { data: { 'enable-api-fields': 'alpha' } } } } },
    { options: { disabled: 'true' } }, { options: { disabled: null, configMaps: { 'feature-flags': { data: { 'set-security-context': 'true' } } } } },
    { 'set-security-context': false, 'options': { configMaps: { 'feature-flags': { data: { 'set-security-context': 'true' } } } } },
    { 'enable-api-fields': 'alpha', 'options': { configMaps: { 'feature-flags': { data: { 'enable-api-fields': 'Beta' } } } } },
    { options: { configMaps: { 'feature-flags': { data: { 'x': null, 'enable-api-fields': null } } } } },
    { options: { configMaps: { 'feature-flags': { data: { 'disable-creds-init': true } } } } },
    { options: { configMaps: { 'feature-flags': { data: { 'max-result-size': 4096 } } } } },
    { options: { configMaps: { 'feature-flags': { data: 'x' } } } }, { options: { configMaps: { 'feature-flags': 'x' } } },
    { options: { configMaps: 'x' } }, { options: 'x' }, { options: { configMaps: { 'feature-flags': null } } },
    { options: { configMaps: { 'feature-flags': { datas: { 'enable-api-fields': 'alpha' } } } } },
    { options: { configMaps: { 'feature-flags': { data: { 'enable-api-fields': 'alpha' }, metadata: { labels: { a: 'b' } } } } } },
    { options: { configMaps: { 'config-defaults': { data: { 'default-service-account': 'ci', 'default-timeout-minutes': '0' } } } } },
    { options: { configMaps: { 'config-defaults': { data: { 'default-pod-template': { a: 1 } } } } } },
    { 'default-service-account': 'a', 'options': { configMaps: { 'config-defaults': { data: { 'default-service-account': 'b' } } } } },
    { options: { configMaps: { 'config-observability': { data: { a: 1 } } } } },
    { options: { configMaps: { 'feature-flags': { data: { 'bad key!': 'x' } } } } },
    { options: { deployments: 'x' } }, { options: { unknown: 1 } }, { 'unknown-field': 'x' }, { performance: { 'disable-ha': true } },
  ];
  const chainSettings: Array<Record<string, unknown>> = [
    {},
    { 'artifacts.taskrun.format': 'slsa/v1' }, { 'artifacts.taskrun.format': 'slsa/v2alpha4' }, { 'artifacts.taskrun.format': '' }, { 'artifacts.taskrun.format': 1 },
    { 'artifacts.taskrun.storage': '' }, { 'artifacts.taskrun.storage': 'tekton, oci' }, { 'artifacts.taskrun.storage': 'tekton,,oci' },
    { 'artifacts.taskrun.storage': 'archivista' }, { 'artifacts.taskrun.storage': null }, { 'artifacts.oci.storage': 'OCI' },
    { 'artifacts.taskrun.signer': 'none' }, { 'artifacts.taskrun.signer': 'kms' }, { 'artifacts.oci.signer': 'x509' }, { 'artifacts.pipelinerun.signer': 'X509' },
    { 'artifacts.oci.format': 'simplesigning' }, { 'artifacts.oci.format': 'in-toto' }, { 'artifacts.pipelinerun.format': 'slsa/v2alpha3' },
    { 'artifacts.pipelinerun.enable-deep-inspection': 'true' }, { 'artifacts.pipelinerun.enable-deep-inspection': true },
    { 'artifacts.pipelinerun.enable-deep-inspection': false }, { 'artifacts.pipelinerun.enable-deep-inspection': 'True' },
    { 'transparency.enabled': 'true' }, { 'transparency.enabled': true }, { 'transparency.enabled': false }, { 'transparency.enabled': 'manual' },
    { 'transparency.enabled': 'yes' }, { 'transparency.enabled': 1 }, { 'transparency.url': 'https://rekor' },
    { 'storage.oci.repository.insecure': true }, { 'storage.oci.repository.insecure': 'true' }, { 'signers.x509.fulcio.enabled': true },
    { 'signers.x509.fulcio.provider': 'spiffe' }, { 'signers.x509.fulcio.provider': 'github-actions' }, { 'storage.oci.encoding-format': 'dsse' },
    { 'storage.oci.encoding-format': 'DSSE' }, { 'builddefinition.buildtype': 'https://tekton.dev/chains/v2/slsa' }, { 'builddefinition.buildtype': 'x' },
    { 'signers.kms.kmsref': 'gcpkms://x' }, { 'signers.kms.auth.token': 't' }, { 'storage.docdb.mongo-server-url': 'mongo://u:p@h' }, { 'builder.id': 'b' },
    { disabled: true }, { disabled: false }, { disabled: 'true' }, { disabled: null }, { generateSigningSecret: true },
    { options: { disabled: true, configMaps: { 'chains-config': { data: { 'artifacts.oci.signer': 'none' } } } } },
    { options: { configMaps: { 'chains-config': { data: { 'artifacts.oci.signer': 'none', 'transparency.enabled': null } } } } },
    { 'artifacts.taskrun.format': 'slsa/v1', 'options': { configMaps: { 'chains-config': { data: { 'artifacts.taskrun.format': 'in-toto' } } } } },
    { options: { configMaps: { 'chains-config': { data: { 'artifacts.taskrun.storage': false } } } } },
    { options: { configMaps: { 'feature-flags': { data: { a: 1 } } } } }, { options: { disabled: 'false' } },
    { controllerEnvs: [{ name: 'MONGO_SERVER_URL', value: 'x' }] }, { performance: { 'disable-ha': false } },
  ];
  const objects: any[] = [];
  for (const s of pipelineSettings) {
    objects.push(object('TektonConfig', { ...NS, pipeline: s }));
    objects.push(object('TektonPipeline', { ...NS, ...s }));
  }
  for (const s of chainSettings) {
    objects.push(object('TektonConfig', { ...NS, chain: s }));
    objects.push(object('TektonChain', { ...NS, ...s }));
  }
  // profiles, targetNamespace, and the two components' settings together
  for (const profile of [undefined, 'all', 'basic', 'lite', 'Lite', '', 'full', 1]) {
    objects.push(object('TektonConfig', { ...NS, ...(profile === undefined ? {} : { profile }), pipeline: { 'disable-creds-init': true }, chain: { 'artifacts.oci.storage': 'tekton' } }));
  }
  for (const ns of [undefined, '', null, 'ci', 7]) {
    const t = ns === undefined ? {} : { targetNamespace: ns };
    objects.push(object('TektonConfig', { ...t, pipeline: { 'set-security-context': true } }));
    objects.push(object('TektonPipeline', { ...t, 'set-security-context': true }));
    objects.push(object('TektonChain', { ...t, 'artifacts.oci.storage': 'tekton' }));
  }
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'enable-api-fields': 1 }, chain: { 'artifacts.oci.storage': 'tekton' } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'enable-api-fields': 'Beta' }, chain: { 'artifacts.oci.storage': 'tekton' } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, chain: { 'artifacts.taskrun.format': 7 } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, chain: { 'artifacts.taskrun.signer': 'none' } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, chain: { disabled: 'yes' } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, chain: { options: { disabled: 'true' } } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, trigger: { options: { disabled: 'x' } } }));
  // a component's settings that are not a map
  objects.push(object('TektonConfig', { ...NS, pipeline: 'x', chain: { 'artifacts.oci.storage': 'tekton' } }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, chain: 'x' }));
  objects.push(object('TektonConfig', { ...NS, pipeline: { 'disable-creds-init': true }, trigger: 'x' }));
  objects.push(object('TektonConfig', { ...NS, pipeline: null, chain: null }));
  return objects;
}

// generated objects: a few settings of each component from pools of the values above
const PIPELINE_VALUES: Record<string, readonly unknown[]> = {
  'enable-api-fields': ['alpha', 'beta', 'stable', 'Beta', '', null, 'x', 1],
  'disable-creds-init': [true, false, null, 'true'],
  'set-security-context': [true, false],
  'require-git-ssh-secret-known-hosts': [true, false],
  'trusted-resources-verification-no-match-policy': ['fail', 'warn', 'ignore', 'Fail', ''],
  'results-from': ['termination-message', 'sidecar-logs', 'x'],
  'coschedule': ['workspaces', 'disabled', 'isolate-pipelinerun', 'Disabled'],
  'disable-inline-spec': ['pipeline', 'taskrun,pipelinerun', 'pipeline, taskrun', 'x', ''],
  'max-result-size': [4096, 1572864, -3, '1'],
  'default-timeout-minutes': [60, 0, -1],
  'default-service-account': ['sa', '', 3],
  'default-pod-template': ['securityContext: {}', ''],
  'enforce-nonfalsifiability': ['none', 'spire', 'SPIRE'],
  'embedded-status': ['full', '', 2],
  'enable-step-actions': [true, false, 'false'],
  'keep-pod-on-cancel': [true, 1],
  'default-forbidden-env': ['A,B', null],
};
const CHAIN_VALUES: Record<string, readonly unknown[]> = {
  'artifacts.taskrun.format': ['in-toto', 'slsa/v1', 'slsa/v2alpha4', ''],
  'artifacts.taskrun.storage': ['tekton', '', 'oci, tekton', 'kafka', 'x'],
  'artifacts.oci.signer': ['x509', 'kms', 'none', ''],
  'artifacts.pipelinerun.enable-deep-inspection': ['true', true, false, 'x'],
  'transparency.enabled': ['true', 'manual', true, false, 'no'],
  'storage.oci.repository.insecure': [true, false, 'false'],
  'signers.x509.fulcio.provider': ['google', 'x', ''],
  'disabled': [true, false, 'false'],
  'artifacts.pipelinerun.storage': ['oci', 'tekton , oci', '', 'archivista'],
  'artifacts.oci.format': ['simplesigning', 'in-toto', ''],
  'storage.oci.encoding-format': ['dsse', 'sigstore-bundle', 'x'],
  'builddefinition.buildtype': ['https://tekton.dev/chains/v2/slsa-tekton', 'x'],
  'signers.x509.fulcio.enabled': [true, 'true', null],
  'builder.id': ['b', 7, ''],
};
const OPTION_DATA_VALUES: readonly unknown[] = ['true', 'alpha', '', null, 7, false];

/** Some keys of `keys`, each with one of its values. */
type Entries = ReadonlyArray<readonly [string, unknown]>;
function entries(keys: readonly string[], values: (key: string) => readonly unknown[], maxLength: number): fc.Arbitrary<Entries> {
  return fc.uniqueArray(fc.constantFrom(...keys), { maxLength })
    .chain((ks) => fc.tuple(...ks.map((k) => fc.constantFrom(...values(k)).map((v) => [k, v] as const))));
}

type Settings = Record<string, unknown>;
function settings(pool: Record<string, readonly unknown[]>, optionsMap: string, optionKeys: readonly string[]): fc.Arbitrary<Settings> {
  return fc.record({
    fields: entries(Object.keys(pool), (k) => pool[k], 6),
    options: fc.option(fc.record({
      disabled: fc.constantFrom(undefined, true, false, 'true', null),
      data: entries(optionKeys, () => OPTION_DATA_VALUES, 3),
    }), { nil: undefined }),
  }).map(({ fields, options }) => {
    const s: Settings = Object.fromEntries(fields);
    if (options !== undefined) {
      s.options = {
        ...(options.disabled === undefined ? {} : { disabled: options.disabled }),
        configMaps: { [optionsMap]: { data: Object.fromEntries(options.data) } },
      };
    }
    return s;
  });
}

const pipelineSettingsArb = settings(PIPELINE_VALUES, 'feature-flags', ['enable-api-fields', 'disable-creds-init', 'set-security-context', 'x-unknown']);
const chainSettingsArb = settings(CHAIN_VALUES, 'chains-config', ['artifacts.oci.signer', 'transparency.enabled', 'artifacts.taskrun.storage']);
const generated: fc.Arbitrary<any> = fc.oneof(
  fc.record({
    profile: fc.constantFrom(undefined, 'all', 'basic', 'lite', 'x'),
    ns: fc.constantFrom('tekton-pipelines', 'tekton-pipelines', undefined),
    pipeline: pipelineSettingsArb,
    chain: chainSettingsArb,
  }).map(({ profile, ns, pipeline, chain }) => object('TektonConfig', {
    ...(ns === undefined ? {} : { targetNamespace: ns }), ...(profile === undefined ? {} : { profile }), pipeline, chain,
  })),
  pipelineSettingsArb.map((s) => object('TektonPipeline', { ...NS, ...s })),
  chainSettingsArb.map((s) => object('TektonChain', { ...NS, ...s })),
);

function report(what: string, gaps: readonly Gap[], total: number): void {
  if (gaps.length === 0) return;
  // eslint-disable-next-line no-console
  console.log(`${what}: ${gaps.length} of ${total} objects read otherwise than the operator writes them:\n`
    + gaps.slice(0, 12).map((g) => JSON.stringify(g)).join('\n'));
}

describeWithOperatorConfigMaps("the catalogue's reading of the Tekton operator's objects against the operator's own code", () => {
  test('an object without settings: the operator writes Tekton\'s release values over its own defaults, and Chains\' with its storage defaults', () => {
    const [config] = operatorConfigMaps([object('TektonConfig', { ...NS })]);
    expect(config.refused).toBeUndefined();
    const flags = config.pipeline!.data!['feature-flags'];
    // the operator's webhook sets its typed fields, which AddConfigMapValues writes over the release's values
    expect(flags['enable-custom-tasks']).toBe('true');
    expect(flags['enable-step-actions']).toBe('false');
    expect(config.chain!.data!['chains-config']['artifacts.taskrun.storage']).toBe('oci');
  }, 120_000);

  test('every hand-written object: the catalogue reads what the operator writes', () => {
    const objects = handWritten();
    const gaps = compare(objects);
    report('hand-written objects', gaps, objects.length);
    expect(gaps).toEqual([]);
  }, 120_000);

  test('a TektonPipeline or TektonChain checked alone: what the TektonConfig the operator creates of its own writes, none of the object\'s settings', () => {
    const objects = handWritten().filter((m) => m.kind !== 'TektonConfig' && m.metadata.name === NAMES[m.kind]);
    const gaps = compareAutoinstalled(objects);
    report('objects replaced by the operator\'s own TektonConfig', gaps, objects.length);
    expect(gaps).toEqual([]);
    // and the object's own settings do reach the ConfigMaps when the operator does not make a TektonConfig of its own
    const [alone] = operatorConfigMaps([object('TektonPipeline', { ...NS, 'disable-creds-init': true })]);
    const [replaced] = operatorConfigMaps([object('TektonPipeline', { ...NS, 'disable-creds-init': true })], { targetNamespace: OPERATOR_AUTOINSTALL_NAMESPACE });
    expect([alone.pipeline!.data!['feature-flags']['disable-creds-init'], replaced.pipeline!.data!['feature-flags']['disable-creds-init']]).toEqual(['true', 'false']);
  }, 120_000);

  test('the operator\'s Deployment alone: what its installer applies over the ConfigMaps checked, as the catalogue reads it', () => {
    const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'tekton-pipelines' }, data });
    const existing = [
      cm('feature-flags', { 'coschedule': 'disabled', 'disable-creds-init': 'true', 'not-a-flag': 'x' }),
      cm('config-defaults', { 'default-timeout-minutes': '0', 'default-service-account': 'builder' }),
      cm('chains-config', { 'artifacts.taskrun.format': 'slsa/v1', 'transparency.enabled': 'true', 'storage.oci.repository': 'registry.example/sigs', 'artifacts.oci.signer': 'kms' }),
    ];
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
      spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'true' }] }] } } },
    };
    const manifests = [...existing, deployment];
    const flags = operatorFlagsOf(manifests)!;
    const [written, merged] = appliedConfigDefaults(manifests);
    const chains = chainsInstallOf(manifests)!;
    const [chainsWritten, chainsKept] = chainsInstallsOf(manifests);
    // the release's example and the operator's performance settings are no keys the catalogue reads
    const read = (data: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_example' && k !== 'performance'));
    for (const kubectlApplied of [true, false]) {
      const applied = operatorAppliedOver(OPERATOR_AUTOINSTALL_NAMESPACE, existing, kubectlApplied).applied!;
      // every flag is the operator's: it writes every key of Tekton's release
      expect(Object.fromEntries([...flags.flags].map(([k]) => [k, applied['feature-flags'][k]]))).toEqual(Object.fromEntries([...flags.flags].map(([k, f]) => [k, f.value])));
      expect(applied['feature-flags']['not-a-flag']).toBe(kubectlApplied ? undefined : 'x');
      // TEKTON_FEATURE_FLAGS judges the hardened flags of a ConfigMap beside the operator as the operator's: it writes each of them
      expect(Object.keys(HARDENED_FLAG_VALUES).filter((flag) => applied['feature-flags'][flag] === undefined || !flags.flags.has(flag))).toEqual([]);
      // config-defaults: the operator's alone (kubectl applied the ConfigMap), or the ConfigMap's keys beside it
      expect(read(applied['config-defaults'])).toEqual(kubectlApplied ? written.data : merged.data);
      // chains-config: the keys the operator writes are its own; the others are the ConfigMap's when kubectl did not apply it
      expect(read(applied['chains-config'])).toEqual(kubectlApplied ? chains.data : { ...existing[2].data, ...chains.data });
      // chainsInstallsOf reads both: the operator's keys alone, and the ConfigMap's others beside them
      expect(read(applied['chains-config'])).toEqual(kubectlApplied ? chainsWritten.data : chainsKept.data);
    }
  }, 120_000);

  test('beside an explicit TektonConfig or TektonPipeline: each reading of config-defaults and chains-config is what the installer leaves', () => {
    const cm = (name: string, data: Record<string, string>, namespace = 'tekton-pipelines') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
    const defaults = cm('config-defaults', { 'default-timeout-minutes': '0', 'default-service-account': 'builder', 'default-pod-template': 'hostPID: true' });
    const chains = cm('chains-config', { 'artifacts.taskrun.format': 'slsa/v1', 'storage.oci.repository.insecure': 'true', 'artifacts.oci.signer': 'none' });
    const objects = [
      // writes none of the ConfigMap's config-defaults keys; writes the Chains format over its own
      object('TektonConfig', { ...NS, profile: 'all' }),
      // writes some of them (typed fields, and options)
      object('TektonConfig', {
        ...NS,
        profile: 'all',
        pipeline: { 'default-service-account': 'pipeline', 'options': { configMaps: { 'config-defaults': { data: { 'default-timeout-minutes': '30' } } } } },
        chain: { 'artifacts.oci.signer': 'x509' },
      }),
      // every one of them: nothing of the ConfigMap is kept
      object('TektonConfig', { ...NS, profile: 'all', pipeline: { 'default-service-account': 'pipeline', 'default-timeout-minutes': 30, 'default-pod-template': 'hostIPC: false' } }),
      // installs no Chains: the chains-config ConfigMap is not applied over
      object('TektonConfig', { ...NS, profile: 'lite' }),
      object('TektonPipeline', { ...NS, 'default-service-account': 'pipeline' }),
    ];
    // the release's example and the operator's performance settings are no keys the catalogue reads
    const read = (data: Readonly<Record<string, unknown>> | undefined) => (data === undefined ? undefined
      : Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_example' && k !== 'performance')));
    // a ConfigMap without a namespace, which kubectl applies in its context's namespace, is read as one of the target namespace
    const bare = (m: any) => ({ ...m, metadata: { name: m.metadata.name } });
    const manual = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tekton-operator', namespace: 'tekton-operator' },
      spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'AUTOINSTALL_COMPONENTS', value: 'false' }] }] } } },
    };
    for (const kubectlApplied of [true, false]) {
      const answers = operatorObjectsAppliedOver(objects, [defaults, chains], kubectlApplied);
      objects.forEach((o, i) => {
        const applied = answers[i].applied!;
        // (the operator started with AUTOINSTALL_COMPONENTS "false", as the command's object is applied: none of its own replaces a TektonPipeline)
        for (const ours of [[o, manual, defaults, chains], [o, manual, bare(defaults), bare(chains)]]) {
          const readings = appliedConfigDefaults(ours);
          // the operator's alone when kubectl applied the ConfigMap, its keys over the ConfigMap's otherwise (the same with none kept)
          const reading = kubectlApplied || readings.length === 1 ? readings[0] : readings[1];
          expect([o.spec, kubectlApplied, read(reading.data)]).toEqual([o.spec, kubectlApplied, read(applied['config-defaults'])]);
          const installs = chainsInstallsOf(ours);
          const install = kubectlApplied || installs.length === 1 ? installs[0] : installs[1];
          expect([o.spec, kubectlApplied, applied['chains-config'] === undefined ? undefined : read(install?.data)])
            .toEqual([o.spec, kubectlApplied, read(applied['chains-config'])]);
        }
      });
    }
  }, 120_000);

  test("a chains-config of tekton-chains beside an operator that installs Chains into tekton-pipelines: the operator's apply leaves it out, and the catalogue says so", () => {
    const own = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chains-config', namespace: 'tekton-chains' }, data: { 'artifacts.oci.signer': 'none' } };
    const config = object('TektonConfig', { ...NS, profile: 'all', chain: {} });
    for (const kubectlApplied of [true, false]) {
      const applied = operatorObjectsAppliedOver([config], [own], kubectlApplied)[0].applied!;
      // the chains-config of the target namespace is what the operator writes alone: none of the other namespace's keys
      expect(applied['chains-config']['artifacts.oci.signer']).toBeUndefined();
      expect(chainsInstallsOf([config, own]).map((i) => i.data['artifacts.oci.signer'])).toEqual([undefined]);
    }
    // installed into tekton-chains, the operator applies over it: the key it does not write stays unless kubectl applied it, as the catalogue reads it
    const there = object('TektonConfig', { targetNamespace: 'tekton-chains', profile: 'all', chain: {} });
    for (const kubectlApplied of [true, false]) {
      const applied = operatorObjectsAppliedOver([there], [own], kubectlApplied)[0].applied!;
      const installs = chainsInstallsOf([there, own]);
      expect([kubectlApplied, applied['chains-config']['artifacts.oci.signer']]).toEqual([kubectlApplied, installs[kubectlApplied ? 0 : 1].data['artifacts.oci.signer']]);
    }
    expect(unreadByOperatorChains(own, [there, own])).toBeUndefined();
    expect(unreadByOperatorChains(own, [config, own])).toBe(" (TektonConfig 'config' installs Chains in tekton-pipelines, whose Chains reads the chains-config "
      + 'there, not this ConfigMap: judged for a Chains installed in tekton-chains otherwise, from its release YAML)');
  }, 120_000);

  test('generated objects: the catalogue reads what the operator writes', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 400);
    // eslint-disable-next-line no-console
    console.log(`operator-objects differential: ${numRuns} generated objects, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const objects = fc.sample(generated, { seed, numRuns });
    const gaps = compare(objects);
    report('generated objects', gaps, objects.length);
    expect(gaps).toEqual([]);
    const alone = objects.filter((m) => m.kind !== 'TektonConfig');
    const replaced = compareAutoinstalled(alone);
    report('generated objects replaced by the operator\'s own TektonConfig', replaced, alone.length);
    expect(replaced).toEqual([]);
  }, 120_000);
});
