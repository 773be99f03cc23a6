/**
 * The `chains-config` that the Tekton operator writes for a TektonConfig (`spec.chain`) or a
 * TektonChain (`spec`) of `operator.tekton.dev`, read as the operator writes it
 * (tektoncd/operator: the Chain's setDefaults, then AddConfigMapValues of its ChainProperties
 * over the release's chains-config, whose data is empty, then
 * `options.configMaps.chains-config.data`, applied last unless `options.disabled` is true):
 * each key's value with the path of the field that sets it, to judge as Chains reads the
 * ConfigMap and to point findings at that field.
 */
import { isObject } from './containers';
import { isOperatorObject, operatorAutoinstallReads, operatorCommonRefusals, operatorOptionsData, operatorOptionsPath, OperatorOptionsRefusal, operatorOptionsRefusals, operatorSettings } from './operator-objects';
import { operatorConfigPipelineRefusals } from './operator-pipeline';
import { jsString } from './text';


/**
 * How a ChainProperties field is typed, by its JSON name (the chains-config key it writes):
 * `string` is written unless empty; `storage` (a *string) is written as it is, "" included;
 * `boolValue` (the operator's BoolValue, a string in its CRD, which its decoding also takes as a
 * boolean: the defaulting webhook writes `true` back as "true" before the API server checks the
 * CRD's types) is written unless empty; `bool` (a *bool) is written as "true" or "false".
 */
export type OperatorChainsFieldType = 'string' | 'storage' | 'boolValue' | 'bool';

/** The chains-config keys ChainProperties holds as typed fields, with their type. */
export const OPERATOR_CHAINS_FIELDS: ReadonlyMap<string, OperatorChainsFieldType> = new Map<string, OperatorChainsFieldType>([
  ['artifacts.taskrun.format', 'string'],
  ['artifacts.taskrun.storage', 'storage'],
  ['artifacts.taskrun.signer', 'string'],
  ['artifacts.pipelinerun.format', 'string'],
  ['artifacts.pipelinerun.storage', 'storage'],
  ['artifacts.pipelinerun.signer', 'string'],
  ['artifacts.pipelinerun.enable-deep-inspection', 'boolValue'],
  ['artifacts.oci.format', 'string'],
  ['artifacts.oci.storage', 'storage'],
  ['artifacts.oci.signer', 'string'],
  ['storage.gcs.bucket', 'string'],
  ['storage.oci.repository', 'string'],
  ['storage.oci.repository.insecure', 'bool'],
  ['storage.oci.encoding-format', 'string'],
  ['storage.docdb.url', 'string'],
  ['storage.docdb.mongo-server-url', 'string'],
  ['storage.docdb.mongo-server-url-dir', 'string'],
  ['storage.grafeas.projectid', 'string'],
  ['storage.grafeas.noteid', 'string'],
  ['storage.grafeas.notehint', 'string'],
  ['builder.id', 'string'],
  ['builddefinition.buildtype', 'string'],
  ['signers.x509.fulcio.enabled', 'bool'],
  ['signers.x509.fulcio.address', 'string'],
  ['signers.x509.fulcio.issuer', 'string'],
  ['signers.x509.fulcio.provider', 'string'],
  ['signers.x509.identity.token.file', 'string'],
  ['signers.x509.tuf.mirror.url', 'string'],
  ['signers.kms.kmsref', 'string'],
  ['signers.kms.auth.address', 'string'],
  ['signers.kms.auth.token', 'string'],
  ['signers.kms.auth.token-path', 'string'],
  ['signers.kms.auth.oidc.path', 'string'],
  ['signers.kms.auth.oidc.role', 'string'],
  ['signers.kms.auth.spire.sock', 'string'],
  ['signers.kms.auth.spire.audience', 'string'],
  ['transparency.enabled', 'boolValue'],
  ['transparency.url', 'string'],
]);

/**
 * What the operator's setDefaults writes for a field left unset (a format left empty, a
 * storage left out): these differ from Chains' own defaults for the TaskRun and PipelineRun
 * storage (`oci`, where Chains uses `tekton`).
 */
export const OPERATOR_CHAINS_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['artifacts.taskrun.format', 'in-toto'],
  ['artifacts.taskrun.storage', 'oci'],
  ['artifacts.pipelinerun.format', 'in-toto'],
  ['artifacts.pipelinerun.storage', 'oci'],
  ['artifacts.oci.format', 'simplesigning'],
  ['artifacts.oci.storage', 'oci'],
]);

/**
 * The values the operator's webhook accepts in a typed field, where it checks them
 * (TektonChainSpec.ValidateChainConfig; a storage is checked entry by entry, trimmed; "" is
 * always accepted): it refuses a TektonChain with any other, the one a TektonConfig writes too.
 * Values under `options` are not checked.
 */
export const OPERATOR_CHAINS_VALUES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['artifacts.taskrun.format', ['in-toto', 'slsa/v1', 'slsa/v2alpha2', 'slsa/v2alpha3']],
  ['artifacts.pipelinerun.format', ['in-toto', 'slsa/v1', 'slsa/v2alpha2', 'slsa/v2alpha3']],
  ...['taskrun', 'pipelinerun', 'oci'].map((type) => [`artifacts.${type}.storage`, ['tekton', 'oci', 'gcs', 'docdb', 'grafeas', 'kafka']] as [string, string[]]),
  ...['taskrun', 'pipelinerun', 'oci'].map((type) => [`artifacts.${type}.signer`, ['x509', 'kms']] as [string, string[]]),
  ['artifacts.oci.format', ['simplesigning']],
  ['storage.oci.encoding-format', ['dsse', 'sigstore-bundle']],
  ['signers.x509.fulcio.provider', ['google', 'spiffe', 'github', 'filesystem']],
  ['transparency.enabled', ['true', 'false', 'manual']],
  ['artifacts.pipelinerun.enable-deep-inspection', ['true', 'false']],
  ['builddefinition.buildtype', ['https://tekton.dev/chains/v2/slsa', 'https://tekton.dev/chains/v2/slsa-tekton']],
]);

/** What the operator's webhook refuses for a value of the object it does not accept, for messages. */
export function operatorRefusesWhat(manifest: any): string {
  return manifest?.kind === 'TektonConfig' ? 'the TektonChain this TektonConfig writes' : 'the TektonChain';
}

/** Whether the object is a TektonConfig or TektonChain of the Tekton operator. */
export function isOperatorChainsConfig(manifest: any): boolean {
  return isOperatorObject(manifest, ['TektonConfig', 'TektonChain']);
}

/** The prefix of the object's Chains settings: `spec.chain` of a TektonConfig, `spec` of a TektonChain. */
export function operatorChainsPrefix(manifest: any): string {
  return operatorSettings(manifest, 'chain').prefix;
}

/** Where a key's value is written under `options`. */
export function chainsOptionsPath(prefix: string, key: string): string {
  return operatorOptionsPath(prefix, 'chains-config', key);
}

/** Where a key is set (or would be): its typed field, else under `options`. */
export function operatorChainsPath(prefix: string, key: string): string {
  return OPERATOR_CHAINS_FIELDS.has(key) ? `${prefix}['${key}']` : chainsOptionsPath(prefix, key);
}

/** One key the operator writes into chains-config. */
export interface OperatorChainsKey {
  /** The value written. */
  readonly value: string;
  /** `field` (a typed field), `options` (the options' ConfigMap data), or `default` (the operator's default). */
  readonly from: 'field' | 'options' | 'default';
  /** The path of the field that sets it. */
  readonly path: string;
  /** The value as written in the object (null for a null under options), for messages. */
  readonly written?: unknown;
}

/** A field the operator cannot read (or the API server refuses): the object then sets nothing. */
export interface OperatorChainsRefusal {
  /** The path of the field. */
  readonly path: string;
  /** The value as YAML read it. */
  readonly written: unknown;
  /** What is wrong with it (`is not a string`). */
  readonly problem: string;
  /** `type`: the operator cannot read the object; `value`: its webhook refuses the value. */
  readonly reason: 'type' | 'value';
  /** For a part of `options`: the refusal as the options' reader gives it. */
  readonly options?: OperatorOptionsRefusal;
}

/** What the operator makes of a TektonConfig's or TektonChain's Chains settings. */
export interface OperatorChainsConfig {
  /** The prefix of its Chains settings. */
  readonly prefix: string;
  /** Why the operator installs no Chains for it (a TektonConfig's `spec.chain.disabled`, `spec.profile` lite), with the field. */
  readonly off?: { readonly path: string; readonly value: string; readonly why: string };
  /**
   * The fields it cannot read, in the order written, then what refuses the object as a whole
   * (a `targetNamespace` not set, a TektonConfig's profile or pipeline settings its webhook
   * refuses): with any, the object writes nothing.
   */
  readonly refusals: readonly OperatorChainsRefusal[];
  /** Of `refusals`, those of the Chains settings themselves (for a TektonConfig, those of `spec.chain`). */
  readonly ownRefusals: readonly OperatorChainsRefusal[];
  /** Every Chains key it writes into chains-config (not its own `performance`, which Chains ignores). */
  readonly keys: ReadonlyMap<string, OperatorChainsKey>;
}

const CACHE = new WeakMap<object, OperatorChainsConfig>();

/** The chains-config the operator writes for a TektonConfig or TektonChain (cached per object). */
export function operatorChainsConfig(manifest: any): OperatorChainsConfig {
  const cached = isObject(manifest) ? CACHE.get(manifest) : undefined;
  if (cached !== undefined) return cached;
  const { prefix, settings } = operatorSettings(manifest, 'chain');
  const refusals: OperatorChainsRefusal[] = [];
  // a TektonConfig's spec.chain that is not a map: the webhook cannot decode the TektonConfig
  const chain = manifest?.kind === 'TektonConfig' ? manifest?.spec?.chain : undefined;
  if (chain !== undefined && chain !== null && !isObject(chain)) {
    const r: OperatorOptionsRefusal = { path: prefix, written: chain, problem: 'is not a map', by: 'schema' };
    refusals.push({ path: r.path, written: r.written, problem: r.problem, reason: 'type', options: r });
  }
  const keys = new Map<string, OperatorChainsKey>();
  for (const [key, value] of OPERATOR_CHAINS_DEFAULTS) keys.set(key, { value, from: 'default', path: `${prefix}['${key}']` });
  for (const [key, type] of OPERATOR_CHAINS_FIELDS) {
    const path = `${prefix}['${key}']`;
    const v = settings[key];
    // the API server drops a null of a field its schema does not make nullable: unset
    if (v === undefined || v === null) continue;
    if (type === 'bool' ? typeof v !== 'boolean' : typeof v !== 'string' && !(type === 'boolValue' && typeof v === 'boolean')) {
      refusals.push({ path, written: v, problem: `is not a ${type === 'bool' ? 'boolean' : 'string'}`, reason: 'type' });
      continue;
    }
    // a boolean of a BoolValue field is decoded as "true" or "false"
    const text: string = jsString(v);
    const accepted = OPERATOR_CHAINS_VALUES.get(key);
    const entries = type === 'storage' ? text.split(',').map((e: string) => e.trim()) : [text];
    const refused = accepted === undefined ? undefined : entries.find((e: string) => e !== '' && !accepted.includes(e));
    if (refused !== undefined) {
      refusals.push({ path, written: refused, problem: `is not a value the operator accepts there (${accepted!.join(', ')})`, reason: 'value' });
    }
    // an empty string field is not written (a storage, a *string, is: "" turns the artifact type off)
    if (text === '' && type !== 'storage') continue;
    keys.set(key, { value: text, from: 'field', path, written: v });
  }
  const disabled = settings.disabled;
  if (disabled !== undefined && disabled !== null && typeof disabled !== 'boolean') {
    refusals.push({ path: `${prefix}.disabled`, written: disabled, problem: 'is not a boolean', reason: 'type' });
  }
  for (const r of operatorOptionsRefusals(prefix, settings, 'chains-config')) {
    refusals.push({ path: r.path, written: r.written, problem: r.problem, reason: 'type', options: r });
  }
  for (const e of operatorOptionsData(prefix, settings, 'chains-config')) {
    if (e.value === undefined) refusals.push({ path: e.path, written: e.written, problem: 'is not a string', reason: 'type' });
    else keys.set(e.key, { value: e.value, from: 'options', path: e.path, written: e.written });
  }
  const ownRefusals = [...refusals];
  // what refuses the whole object: for a TektonConfig, its pipeline settings too (its webhook checks them)
  const whole = [...operatorCommonRefusals(manifest), ...(manifest?.kind === 'TektonConfig' ? operatorConfigPipelineRefusals(manifest) : [])];
  for (const r of whole) refusals.push({ path: r.path, written: r.written, problem: r.problem, reason: 'type', options: r });
  let off: OperatorChainsConfig['off'];
  if (manifest?.kind === 'TektonConfig') {
    // the TektonConfig reconciler installs Chains (a TektonChain) only when spec.chain.disabled is false and the
    // profile is all or basic (basic when unset), and removes it otherwise
    const profile = manifest?.spec?.profile;
    if (disabled === true) off = { path: `${prefix}.disabled`, value: 'true', why: 'turns Tekton Chains off: the operator removes its TektonChain' };
    else if (profile === 'lite') off = { path: 'spec.profile', value: 'lite', why: 'installs no Tekton Chains (only the profiles all and basic do): the operator removes its TektonChain' };
  }
  const result: OperatorChainsConfig = { prefix, refusals, ownRefusals, keys, ...(off ? { off } : {}) };
  if (isObject(manifest)) CACHE.set(manifest, result);
  return result;
}

/** For the Chains rules' decidesFrom: how a Tekton operator's object is read. */
export const OPERATOR_CHAINS_DECIDES =
  ' A Tekton operator\'s TektonConfig (`spec.chain`) or TektonChain (`spec`) of `operator.tekton.dev` is judged by the '
  + 'chains-config the operator writes for it: its defaults (`in-toto` for `artifacts.taskrun.format` and '
  + '`artifacts.pipelinerun.format`, `simplesigning` for `artifacts.oci.format`, and `oci` for each `artifacts.<type>.storage`, '
  + 'where Chains itself stores TaskRuns and PipelineRuns in `tekton`), over them what its typed fields set (a string field '
  + 'left empty is not written, a storage field written "" is, `storage.oci.repository.insecure` and '
  + '`signers.x509.fulcio.enabled` take `true` or `false`), and last `options.configMaps.chains-config.data` unless '
  + '`options.disabled` is true; each finding is at the field that sets the key, or would (a key without a typed field is '
  + 'set under `options`). A field of the wrong type (a number where the operator takes a string, a string where it takes a '
  + 'boolean; `transparency.enabled` and `artifacts.pipelinerun.enable-deep-inspection` also take a boolean, which the '
  + 'operator writes as "true" or "false") means '
  + 'the operator cannot read the object: none of its settings reach chains-config; so does what its webhook refuses of the '
  + 'whole object (a `spec.targetNamespace` not set; for a TektonConfig, a `spec.profile` other than all, basic or lite, and '
  + 'pipeline settings it refuses, as TEKTON_FEATURE_FLAGS reports them); so does a part of `options` of the wrong '
  + 'type (a `disabled` that is not a boolean, `"true"` quoted, or an `options` that is not a map, which the API server '
  + 'refuses; an entry of `options.configMaps` or its `data` that is not a map, or a value of another ConfigMap\'s `data` '
  + 'that is not a string, or a field of an entry a ConfigMap does not have, which the operator cannot read, `options.disabled` '
  + 'or not: it decodes them all the same); nor do they when a typed field holds a '
  + 'value the operator\'s webhook does not accept (it checks the formats, storages and signers, `artifacts.oci.format`, '
  + '`storage.oci.encoding-format`, `signers.x509.fulcio.provider`, `transparency.enabled`, '
  + '`artifacts.pipelinerun.enable-deep-inspection` and `builddefinition.buildtype` against lists of its own, which leave '
  + 'out a signer `none`, the format `slsa/v2alpha4` and the storage `archivista`): it refuses the TektonChain (for a '
  + 'TektonConfig, the one it writes). Values under `options` are not checked by the operator. A TektonConfig whose '
  + '`spec.chain.disabled` is true or whose `spec.profile` is `lite` installs no Chains and writes no chains-config. '
  + 'Beside an object that installs Chains, a `chains-config` ConfigMap without a namespace, which kubectl applies in its '
  + 'context\'s namespace (not known here), is judged as one of the operator\'s target namespace, the one namespace whose '
  + 'chains-config the operator\'s Chains reads, and so is one of tekton-chains when that is the target namespace: the keys the operator does not write, in the reading that keeps them, named '
  + '(CHAINS_KNOWN_KEYS the same, but for its credentials, which whoever may read the ConfigMaps of the namespace it lands in '
  + 'reads whether Chains does or not, and what makes the API server refuse the whole ConfigMap: both judged as written).';

/** For the Chains rules' limits: what is not known of the operator. */
export const OPERATOR_CHAINS_WEBHOOK_LIMITS =
  ' For the operator, what a platform extension of the operator writes (OpenShift\'s) is not known, nor are the checks '
  + 'of its webhook other than those of the Chains fields (the TektonChain\'s name, `controllerEnvs`, '
  + '`performance`). A `chains-config` ConfigMap of tekton-chains checked with an operator\'s object that installs Chains '
  + 'into another target namespace (`spec.targetNamespace` of a TektonConfig or TektonChain checked) is still judged, its findings saying that the operator\'s Chains (which reads the '
  + 'chains-config of its own namespace) does not read it: a Chains installed in tekton-chains from its release YAML, which '
  + 'the objects checked may not show, would; with a Deployment `tekton-chains-controller` of its namespace checked too, '
  + 'it is judged as written.';

/**
 * For the decidesFrom of the Chains rules that judge one object by chainsConfigProblems: the
 * chains-config the operator's own TektonConfig writes over a TektonChain or ConfigMap.
 */
export const OPERATOR_CHAINS_REPLACED =
  ' Where no TektonConfig is checked and a TektonPipeline `pipeline`, a TektonChain `chain` or the operator\'s Deployment '
  + 'checked together shows an operator running with `AUTOINSTALL_COMPONENTS` not turned off (its release\'s default is "true"), the '
  + 'operator creates a TektonConfig `config` of its own and writes chains-config from its defaults: its reconciler replaces a '
  + 'TektonChain\'s settings, and its installer applies chains-config over a ConfigMap checked (every key it writes is set, the '
  + 'others kubectl applied removed). A TektonChain `chain` or a chains-config ConfigMap is then judged as written and by what '
  + 'the operator writes over it, a finding of the latter at the object\'s field for the key where the object\'s own reading '
  + 'finds nothing there: a value written on the object is not credited.';

/**
 * For the decidesFrom of the Chains rules that judge one object: a chains-config ConfigMap of the
 * operator's target namespace, which its installer applies its own chains-config over.
 */
export const OPERATOR_CHAINS_KEPT =
  ' A `chains-config` ConfigMap of another namespace than `tekton-chains` is judged only where a Tekton operator\'s object (or its '
  + 'own TektonConfig, as above) checked together installs Chains there (its target namespace): the operator\'s installer applies '
  + 'its chains-config over it with a three-way merge, which sets every key the operator writes (judged on the operator\'s object) and '
  + 'keeps the others unless kubectl apply created the ConfigMap, so those keys are judged in chains-config as the operator writes '
  + 'it with them, each finding at the ConfigMap\'s key and saying so (`reading chains-config with data[\'k\'] that ConfigMap '
  + '\'chains-config\' in tekton-pipelines keeps beside what TektonConfig \'config\' writes, unless kubectl apply created it`). '
  + 'A ConfigMap in `tekton-chains` or without a namespace is judged as written, each of its keys the way it holds in that reading '
  + 'too (these rules judge each key on its own, or with keys the operator writes, judged on its object).';

/** For the Chains rules' limits: OPERATOR_CHAINS_WEBHOOK_LIMITS, and where a TektonChain without a TektonConfig is judged. */
export const OPERATOR_CHAINS_REPLACED_LIMITS = OPERATOR_CHAINS_WEBHOOK_LIMITS
  + ' That the operator\'s own TektonConfig replaces a TektonChain checked without a TektonConfig is also a finding of '
  + 'CHAINS_SIGNED; a ConfigMap applied after the operator has installed Chains stays until the operator applies its '
  + 'chains-config again (its installer set skips a ConfigMap that still carries the hash it last applied), which is read '
  + 'here as what the operator writes and, as written, by the judgement of the object itself.';

/** For the limits of the Chains rules that judge an operator's object as written: one a later object of its kind and name replaces. */
export const OPERATOR_REPLACED_LIMITS = 'A TektonConfig `config` or TektonChain `chain` before a later one of its kind and name checked together (they '
  + 'are cluster scoped: one object, of which kubectl apply keeps the last) is still judged as written, though its settings reach nothing; '
  + 'the cross-object rules read the last, the audit names both places in a notice, and TEKTON_FEATURE_FLAGS reports such a TektonConfig.';

/** For the Chains rules' limits: OPERATOR_CHAINS_WEBHOOK_LIMITS, and where a TektonChain without a TektonConfig is judged. */
export const OPERATOR_CHAINS_LIMITS = OPERATOR_CHAINS_WEBHOOK_LIMITS
  + ' A TektonChain checked without a TektonConfig is read as it stands here; that an operator running with '
  + '`AUTOINSTALL_COMPONENTS` "true" (its release\'s default) replaces its settings with those of a TektonConfig `config` '
  + 'of its own is a finding of CHAINS_SIGNED.' + ' ' + OPERATOR_REPLACED_LIMITS;

/** For the cross-object Chains rules' decidesFrom: which chains-config the operator's objects stand for. */
export const OPERATOR_CHAINS_OF =
  ' A Tekton operator\'s TektonConfig checked together that installs Chains (of several, the last) stands for '
  + 'chains-config, as the operator writes it (its defaults store every artifact type in `oci`), else the one it creates of '
  + 'its own (below), else its TektonChain (a TektonConfig replaces it, and removes it when it installs no Chains), else the '
  + 'ConfigMap. The operator\'s installer applies its chains-config over a `chains-config` ConfigMap of its target namespace '
  + '(or without a namespace) checked together with a three-way merge (manifestival, from kubectl\'s last-applied '
  + 'configuration): every key it writes takes its value, the keys kubectl last applied that it does not write are removed, '
  + 'and those of a ConfigMap created otherwise (`kubectl create`, Helm, server-side apply) stay. Which one the cluster holds is '
  + 'not known, so chains-config is read both ways, as the operator writes it alone and, for each such ConfigMap the API server '
  + 'accepts with a key the operator does not write, with that ConfigMap\'s other keys beside the operator\'s: a finding of '
  + 'either reading is one, and one that only some readings have says which (`reading chains-config as … writes it alone, if '
  + 'kubectl apply created ConfigMap …`, or `with data[\'k\'] that ConfigMap … keeps beside what … writes`), its fix to set '
  + 'those keys on the operator\'s object (which it then writes) or remove them from the ConfigMap.'
  + operatorAutoinstallReads('TektonChain') + ' Chains then runs in the `DEFAULT_TARGET_NAMESPACE` the operator\'s Deployment '
  + 'checked together gives, else in `tekton-pipelines`, that of the operator\'s release for Kubernetes.';

/** For CHAINS_KNOWN_KEYS' decidesFrom: what it judges of the operator's objects. */
export const OPERATOR_KNOWN_KEYS =
  ' There every key the object sets (a typed field, or a key under `options`) is judged as a key of the ConfigMap: a key '
  + 'under `options` not documented for Chains v0.29.2 or not a valid ConfigMap key, a credential in '
  + '`signers.kms.auth.token` or `storage.docdb.mongo-server-url` (which the operator copies into chains-config), a value '
  + 'not allowed (a null under `options` is written as ""); and so is every field the operator cannot read, and every '
  + 'typed value its webhook refuses.';

/** For CHAINS_SIGNED's decidesFrom: the TektonConfig that installs no Chains. */
export const OPERATOR_CHAINS_OFF =
  ' Such a TektonConfig (`spec.chain.disabled` true, `spec.profile` `lite`) is a finding: nothing is signed.';

/** For CHAINS_SIGNER_VERIFIED's decidesFrom: Chains installed by the operator. */
export const OPERATOR_CHAINS_NAMESPACE =
  ' Chains installed by the operator runs in its `spec.targetNamespace`: the key of the signing-secrets Secret is then '
  + '`k8s://<targetNamespace>/signing-secrets`, and the SPIFFE ID path `/ns/<targetNamespace>/sa/tekton-chains-controller`.';
