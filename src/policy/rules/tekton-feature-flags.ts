import { RELAXATION_ANNOTATION_PREFIX } from '../../private/annotations';
import { CONFIG_DEFAULTS_YAML_KEYS, ConfigDefaultsUnreadable, configDefaultFoldedKeys, configDefaultsUnreadable, FoldedKeys } from '../../private/config-defaults-decoding';
import { configMapRefusals, nullValueText, storedConfigMapData, writtenValue } from '../../private/config-map-data';
import { goToLower } from '../../private/go-strings';
import { decodeYamlText } from '../../private/lazy-yaml';
import { manifestNamespace } from '../../private/namespaces';
import { isOperatorPipelineConfig, operatorDefaultsKeys, operatorFeatureFlags, OperatorFlag, operatorFlagBadKeys, operatorFlagsOf, operatorFlagsRefusals, operatorPrefix } from '../../private/operator-flags';
import {
  OPERATOR_AUTOINSTALL_ENV, OPERATOR_AUTOINSTALL_LIMITS, OPERATOR_OBJECT_NAMES, operatorAutoinstallDecides, operatorAutoinstallProblem,
  operatorOptionsFix, operatorOptionsRefuser, operatorSettingsObject, replacedOperatorProblem,
} from '../../private/operator-objects';
import { own } from '../../private/own';
import { goParseBool } from '../../private/parse-bool';
import { configDefaultsData, configDefaultsKeyWritten, inConfigDefaultsReading, isConfigDefaults, isConfigDefaultsNamed } from '../../private/pods';
import { FEATURE_FLAG_READERS, featureFlagDefault, featureFlagRefusal, MAX_RESULT_SIZE_LIMIT, HARDENED_FLAG_VALUES, TEKTON_NAMESPACE, UPSTREAM_FEATURE_FLAGS } from '../../private/tekton-config';
import { IRuleContext, Severity } from '../rule';
import { isFeatureFlags, manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** `"a"` or `one of "a", "b"`, for messages. */
function describeValues(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length === 1 ? quoted[0] : `one of ${quoted.join(', ')}`;
}

/** Whether `value` (which Tekton reads) is a hardened value of `flag`. */
function hardened(flag: string, value: string, accepted: readonly string[]): boolean {
  return own(FEATURE_FLAG_READERS, flag) === 'bool' ? goParseBool(value) === (accepted[0] === 'true') : accepted.includes(goToLower(value));
}

/** A value Tekton cannot read, for messages. */
const refusal = (why: string): string => `is not a value Tekton reads (${why}): Tekton's webhook refuses the whole ConfigMap, and a controller started with it exits`;

/** A value the API server refuses (not a string), for messages. */
const NOT_A_STRING = 'is not a string: a ConfigMap\'s data values are strings, so the API server refuses the whole ConfigMap and none of its flags reach Tekton';

/**
 * What is wrong with `written` (a value of `flag` as YAML read it) when Tekton cannot read it,
 * or undefined: a value that is not a string is refused by the API server; a null is stored as
 * "", which Tekton reads like any "".
 */
function unreadable(flag: string, written: unknown): { readonly value: string; readonly problem: string } | undefined {
  if (written !== null && typeof written !== 'string') return { value: writtenValue(written), problem: NOT_A_STRING };
  const why = featureFlagRefusal(flag, written ?? '');
  if (why === undefined) return undefined;
  return written === null ? { value: 'null', problem: `${nullValueText('feature-flags')}, and "" ${refusal(why)}` } : { value: written, problem: refusal(why) };
}

/** What Tekton reads for `flag`, for fixes. */
function readable(flag: string): string {
  const reader = own(FEATURE_FLAG_READERS, flag);
  if (reader === 'bool') return '"true" or "false"';
  if (reader === 'int') return `a whole number below ${MAX_RESULT_SIZE_LIMIT}`;
  return Array.isArray(reader) ? describeValues(reader) : 'a string';
}

/** How to write `values` into the field `f` is, for fixes: a typed field takes a boolean or a string, the options' data strings. */
function writeAs(flag: string, f: OperatorFlag, values: readonly string[], prefix: string): string {
  if (f.type === 'bool' && f.from !== 'options') return `Write ${flag}: ${values[0]} under ${prefix}.`;
  const under = f.type !== undefined && f.from !== 'options' ? prefix : `${prefix}.options.configMaps.feature-flags.data`;
  return `Write ${flag}: ${values.map((v) => JSON.stringify(v)).join(' or ')} under ${under}.`;
}

/** A config-defaults key Tekton cannot read, for messages: why, and that the whole ConfigMap is refused (`what` names it). */
const defaultsRefusal = (u: ConfigDefaultsUnreadable, what: string): string =>
  `${u.problem}: Tekton's webhook refuses ${what} (NewDefaultsFromMap: ${shortError(u.tektonError)}), and a controller started with it exits, so none of its defaults reach Tekton`;

/** Tekton's error, for messages: a long one (a template's whole text) cut. */
const shortError = (text: string): string => {
  const line = text.split('\n')[0];
  return line.length > 80 || line !== text ? `${line.slice(0, 80)}…` : text;
};

/** The fix of a config-defaults key Tekton cannot read. */
function defaultsFix(u: ConfigDefaultsUnreadable): string {
  const unset = `or remove the key (Tekton then uses ${u.unset})`;
  return u.key === 'default-pod-template' || u.key === 'default-affinity-assistant-pod-template' || u.key === 'default-container-resource-requirements'
    ? `In its YAML, write ${u.takes}; ${unset}.`
    : `Set it to ${u.takes}, ${unset}.`;
}

/**
 * The keys of a config-defaults ConfigMap Tekton reads (in tekton-pipelines, with no namespace, or a Tekton operator's
 * target namespace) that make Tekton refuse it as a whole: a value the API server refuses (not a string, a key it does not
 * take), and a key Tekton v1.15's NewDefaultsFromMap cannot read (configDefaultsUnreadable), where it reaches Tekton (a key a
 * Tekton operator writes over never does; one it keeps beside what it writes, in that reading).
 */
function configDefaultsRefusals(manifest: any, context: IRuleContext | undefined): Problem[] {
  if (!isConfigDefaults(manifest, context?.manifests)) return [];
  const written = manifest.data !== null && typeof manifest.data === 'object' ? manifest.data : {};
  const problems: Problem[] = [];
  for (const r of configMapRefusals(written, manifest.binaryData)) {
    problems.push({
      location: `${r.field === 'data' ? 'key' : 'binaryData'} '${r.key}'`,
      target: `key/${r.key}`,
      property: `${r.field}.${r.key}`,
      ...(r.field === 'data' && r.problem === 'is not a string' ? { value: writtenValue(written[r.key]) } : {}),
      problem: `${r.problem}: the API server refuses the whole ConfigMap, so none of its defaults reach Tekton`,
      fix: r.field === 'binaryData' ? 'Remove it from binaryData (Tekton reads only data).'
        : r.problem === 'is not a string' ? 'Write the value in quotes, so that YAML reads a string.'
          : 'Remove it, or spell it as a key Tekton reads (letters, digits, \'-\', \'_\' and \'.\' only).',
    });
  }
  for (const u of configDefaultsUnreadable(written)) {
    const reach = configDefaultsKeyWritten(manifest, context?.manifests, u.key);
    if (!reach.reaches) continue;
    const problem = defaultsRefusal(u, 'the whole ConfigMap');
    problems.push({
      location: `key '${u.key}'`,
      target: `key/${u.key}`,
      property: `data.${u.key}`,
      value: written[u.key] === null ? 'null' : u.value,
      problem: inConfigDefaultsReading(written[u.key] === null ? `${nullValueText('config-defaults')}, and "" ${problem}` : problem, reach),
      fix: defaultsFix(u),
    });
  }
  // a template Tekton reads whose field is given twice, in two cases: what it applies is none of the keys alone
  if (problems.length > 0) return problems;
  for (const key of CONFIG_DEFAULTS_YAML_KEYS) {
    const text = written[key];
    if (typeof text !== 'string') continue;
    const reach = configDefaultsKeyWritten(manifest, context?.manifests, key);
    if (!reach.reaches) continue;
    for (const f of configDefaultFoldedKeys(key, decodeYamlText(text)?.value)) {
      problems.push({
        location: `key '${key}'`,
        target: `key/${key}`,
        property: `data.${key}`,
        value: f.keys.join(', '),
        problem: inConfigDefaultsReading(foldedProblem(f), reach),
        fix: foldedFix(f),
      });
    }
  }
  return problems;
}

/** The fix of keys of a config-defaults template that Tekton reads into one field. */
const foldedFix = (f: FoldedKeys): string => `In its YAML, write ${f.field} once, under that name (remove ${f.keys.filter((k) => k !== f.field).join(' and ')}).`;

/** Keys of a config-defaults template that Tekton reads into one field, for messages. */
function foldedProblem(f: FoldedKeys): string {
  const where = f.path === '' ? f.field : `${f.path}.${f.field}`;
  return `sets ${where} under ${f.keys.length} keys that differ only in case: Tekton decodes the template with encoding/json, which matches `
    + 'field names in any case, so it reads each of them into that field, in this order, the later over the earlier (an object '
    + 'merged into what the earlier set; a list\'s entries each decoded over the earlier\'s entry at the same place, then cut to '
    + 'the later\'s length; a null clearing it but where the field is a value of Go\'s own type, no pointer, slice or map, such as '
    + `hostNetwork or seLinuxOptions.type): it applies to every run ${f.reads === undefined ? `no ${where}` : `${where}: ${writtenValue(f.reads)}`}, `
    + 'what none of the keys may say alone';
}

/**
 * The config-defaults keys a Tekton operator's TektonConfig or TektonPipeline writes that Tekton cannot read
 * (configDefaultsUnreadable), at the field that sets each: Tekton's webhook refuses the config-defaults the operator writes.
 */
function operatorDefaultsProblems(manifest: any): Problem[] {
  const data = configDefaultsData(manifest);
  if (data === undefined) return [];
  const keys = operatorDefaultsKeys(manifest)!;
  const refusals = configDefaultsUnreadable(data).map((u): Problem => {
    const k = keys.get(u.key)!;
    return {
      location: `key '${u.key}'`,
      target: `key/${u.key}`,
      property: k.path,
      value: typeof k.written === 'string' ? k.written : writtenValue(k.written),
      problem: defaultsRefusal(u, 'the config-defaults the operator writes with it'),
      fix: defaultsFix(u),
    };
  });
  if (refusals.length > 0) return refusals;
  // a template whose field is given under keys that differ only in case, as on the ConfigMap
  return CONFIG_DEFAULTS_YAML_KEYS.filter((key) => typeof data[key] === 'string' && keys.has(key)).flatMap((key) =>
    configDefaultFoldedKeys(key, decodeYamlText(data[key] as string)?.value).map((f): Problem => ({
      location: `key '${key}'`,
      target: `key/${key}`,
      property: keys.get(key)!.path,
      value: f.keys.join(', '),
      problem: foldedProblem(f),
      fix: foldedFix(f),
    })));
}

/**
 * The flags the Tekton operator writes for a TektonConfig or TektonPipeline, judged as the
 * ConfigMap is: each finding at the field that sets the flag (or would).
 */
function operatorProblems(manifest: any, context: IRuleContext | undefined): Problem[] {
  const admitted = own(OPERATOR_OBJECT_NAMES, manifest.kind);
  if (manifest.metadata?.name !== admitted) {
    return [{
      property: 'metadata.name',
      value: writtenValue(manifest.metadata?.name ?? null),
      problem: `is not "${admitted}": the operator's webhook refuses every ${manifest.kind} of another name, so none of its flags reach feature-flags`,
      fix: `Name it ${admitted} (metadata.name: ${admitted}).`,
    }];
  }
  // one of several objects of the kind and name: the last is the object, this one's settings reach nothing
  const replacedBy = replacedOperatorProblem(manifest, context?.manifests, 'feature-flags');
  if (replacedBy !== undefined) return [replacedBy];
  const prefix = operatorPrefix(manifest);
  const flags = operatorFeatureFlags(manifest);
  const problems: Problem[] = [];
  // a TektonPipeline without a TektonConfig: the operator's own TektonConfig replaces its settings
  const replaced = operatorAutoinstallProblem(manifest, context?.manifests, 'feature-flags',
    `${RELAXATION_ANNOTATION_PREFIX}${RuleId.TEKTON_FEATURE_FLAGS}: "key/${OPERATOR_AUTOINSTALL_ENV}: <why>"`);
  if (replaced !== undefined) problems.push({ ...replaced, target: 'key/AUTOINSTALL_COMPONENTS' });
  // a field the operator's webhook refuses is reported once, as refused: nothing of the object is written
  const refused = new Set(operatorFlagsRefusals(manifest).map((r) => r.path));
  const push = (flag: string, f: OperatorFlag, p: Omit<Problem, 'location' | 'target' | 'property'>): void => {
    if (refused.has(f.path)) return;
    problems.push({ location: `flag '${flag}'`, target: `flag/${flag}`, property: f.path, ...p });
  };
  const cannotRead = (f: OperatorFlag): string => `${f.unreadable}: the operator cannot read the ${manifest.kind}, so none of its settings reach feature-flags`;
  for (const r of operatorFlagsRefusals(manifest)) {
    problems.push({
      property: r.path,
      value: typeof r.written === 'string' && r.by !== 'webhook' ? JSON.stringify(r.written) : writtenValue(r.written),
      problem: `${r.problem}: ${operatorOptionsRefuser(r, manifest.kind)}, so none of its settings reach feature-flags`,
      fix: operatorOptionsFix(r),
    });
  }
  for (const { key, path } of operatorFlagBadKeys(manifest)) {
    problems.push({
      location: `flag '${key}'`,
      target: `flag/${key}`,
      property: path,
      problem: 'is not a valid ConfigMap key: the API server refuses the feature-flags ConfigMap the operator writes with it, so none of its flags reach Tekton',
      fix: 'Remove it, or spell it as a key Tekton reads (letters, digits, \'-\', \'_\' and \'.\' only).',
    });
  }
  for (const [flag, accepted] of Object.entries(HARDENED_FLAG_VALUES)) {
    const f = flags.get(flag);
    if (f === undefined) continue;
    const why = f.value === undefined ? undefined : featureFlagRefusal(flag, f.value);
    if (f.value === undefined) {
      push(flag, f, { value: f.written, problem: cannotRead(f), fix: writeAs(flag, f, accepted, prefix) });
    } else if (why !== undefined) {
      push(flag, f, { value: f.written ?? f.value, problem: refusal(why), fix: writeAs(flag, f, accepted, prefix) });
    } else if (!hardened(flag, f.value, accepted)) {
      push(flag, f, {
        // a flag left unset has no value written: the operator's is told in the problem
        value: f.from === 'default' ? undefined : f.value,
        problem: f.from === 'default' ? `is not set, so the operator writes ${JSON.stringify(f.value)} (Tekton's release value)` : `is not ${describeValues(accepted)}`,
        fix: writeAs(flag, f, accepted, prefix),
      });
    }
  }
  // the config-defaults it writes, which Tekton refuses as a whole for one key it cannot read
  problems.push(...operatorDefaultsProblems(manifest));
  for (const [flag, f] of flags) {
    if (own(HARDENED_FLAG_VALUES, flag) !== undefined || f.from === 'default') continue;
    const why = f.value === undefined ? undefined : featureFlagRefusal(flag, f.value);
    if (f.value !== undefined && why === undefined) continue;
    push(flag, f, {
      value: f.written ?? f.value,
      problem: f.value === undefined ? cannotRead(f) : refusal(why!),
      fix: `Set it to ${readable(flag)}, or remove it (Tekton then uses ${JSON.stringify(featureFlagDefault(flag))}).`,
    });
  }
  return problems;
}

/** What the operator writes over a feature-flags ConfigMap (operatorOverwrites). */
interface OperatorOverwrite {
  /** How messages name the operator's object. */
  readonly name: string;
  /** Every flag it writes. */
  readonly flags: ReadonlyMap<string, OperatorFlag>;
  /** Whether that object is checked here, and judged by this rule itself (not the operator's own TektonConfig). */
  readonly judged: boolean;
}

/**
 * What a Tekton operator among the manifests writes over a feature-flags ConfigMap of its
 * target namespace (one without a namespace only when that is tekton-pipelines), from the object operatorFlagsOf reads (a
 * TektonConfig, a TektonPipeline, or the TektonConfig it creates of its own, which its Deployment
 * or a lone TektonPipeline or TektonChain stands for): its installer's three-way apply sets every
 * key it writes (every key of Tekton's release among them), whether kubectl applied the ConfigMap
 * or not. Undefined when there is none, or when the operator writes nothing (it cannot read its
 * object, or Tekton a value it writes).
 */
function operatorOverwrites(manifest: any, manifests: readonly any[]): OperatorOverwrite | undefined {
  const source = operatorFlagsOf(manifests);
  if (source?.read === undefined) return undefined;
  // a ConfigMap without a namespace is read as Tekton's, in tekton-pipelines: overwritten only when the operator installs there
  const target = source.manifest?.spec?.targetNamespace;
  if (typeof target === 'string' && (manifestNamespace(manifest) ?? TEKTON_NAMESPACE) !== target) return undefined;
  const autoinstalled = operatorSettingsObject(manifests, 'TektonPipeline')?.autoinstalled === true;
  return { name: source.name, flags: source.flags, judged: !autoinstalled };
}

/** Tekton's `feature-flags` ConfigMap carries the hardened value of every security-relevant flag. */
export const TEKTON_FEATURE_FLAGS = manifestRule(
  {
    id: RuleId.TEKTON_FEATURE_FLAGS,
    severity: Severity.HIGH,
    title: 'Tekton\'s feature-flags ConfigMap sets every security-relevant flag to its hardened value',
    rationale: 'These flags apply to every run in the cluster, and several of Tekton\'s defaults are weak: creds-init copies the ServiceAccount\'s credentials into every step, '
      + 'SSH Git secrets work without known_hosts, runs that no VerificationPolicy matches skip verification, and the containers Tekton injects run without a '
      + 'restricted securityContext. Alpha API fields and sidecar-log results (which need the controller to read every pod log) widen what a run can do.',
    fix: 'Write each flag with its hardened value (TektonFeatureFlags does).',
    decidesFrom:
      'The ConfigMap named `feature-flags` in namespace `tekton-pipelines` (or with no namespace). Eight flags must '
      + 'hold their hardened values: `disable-creds-init` "true", `require-git-ssh-secret-known-hosts` '
      + '"true", `enable-api-fields` "stable" or "beta", `send-cloudevents-for-runs` "true", '
      + '`trusted-resources-verification-no-match-policy` "fail", `results-from` "termination-message", '
      + '`set-security-context` "true" and `set-security-context-read-only-root-filesystem` "true"; an unset flag is a '
      + "finding (the message names Tekton v1.15's release value). Values are read as Tekton v1.15 reads them: the booleans "
      + "with Go's `strconv.ParseBool` (`1`, `t`, `True` …), the others lower-cased. Every other key Tekton v1.15 reads "
      + '(`coschedule`, `max-result-size`, `enforce-nonfalsifiability`, the other booleans …) must hold a value Tekton can '
      + 'read: one it cannot makes Tekton refuse the whole ConfigMap (its webhook refuses it; a controller started with it '
      + 'exits), so none of the hardened values would apply. Values are read as the API server stores them: a null (`key:`, '
      + '`key: ~`) is "", which only `disable-inline-spec` reads (a client-side kubectl apply over an existing feature-flags removes the key '
      + 'instead); a value of any key that is not a string (`true`, `yes`, `0x10` or `1e3` unquoted, a list) is a finding, as '
      + 'the API server refuses the whole ConfigMap; so is a key it refuses (not a valid ConfigMap key: letters, digits, `-`, `_` '
      + 'and `.`, so `trusted-resources-verification-no-match-policy ` with a space after it, or `a b`) and a `binaryData` entry it '
      + 'refuses (not base64, or a key of `data` again; Tekton reads only `data`). '
      + 'A Tekton operator\'s TektonConfig (`spec.pipeline`) or TektonPipeline (`spec`) of `operator.tekton.dev` is judged '
      + 'by the feature-flags the operator (v0.81) writes for it: Tekton\'s release values, over them the values its webhook gives '
      + 'every typed field left unset (the release\'s, but `enable-step-actions` false, and `enable-custom-tasks` true and '
      + '`max-result-size` 4096 added), over them the flags its typed fields set '
      + '(a boolean field takes `true` or `false`, a string field left empty takes the default), and last the '
      + '`options.configMaps.feature-flags.data` it applies unless `options.disabled` is true; each finding is at the field '
      + 'that sets the flag, or would (a flag without a typed field is set under `options`). A field of the wrong type is a '
      + 'finding (a flag\'s, or a config-defaults field\'s: `default-timeout-minutes` takes a whole number of 1 or more, '
      + '`default-service-account`, `default-pod-template` ... a string): the operator cannot read the object. So is a part of `options` of the wrong type, which refuses the whole '
      + 'object: a `disabled` that is not a boolean (`"true"` quoted; `yes` unquoted is true) or an `options` that is not a map, '
      + 'which the API server refuses (the operator\'s CRD types them), and an entry of `options.configMaps` or its `data` '
      + 'that is not a map, or a value of another ConfigMap\'s `data` that is not a string, which the operator cannot read; and a key of '
      + '`options.configMaps.feature-flags.data` that is not a valid ConfigMap key, as the API server refuses the feature-flags the operator writes with it. So is a name other than the one its webhook admits (a TektonConfig '
      + '`config`, a TektonPipeline `pipeline`): it refuses the object, whose flags no other rule then reads. So is what else '
      + 'its webhook refuses: a typed value it does not accept exactly as written (`enable-api-fields` alpha, beta or stable, '
      + '`Beta` refused where Tekton would lowercase it; `trusted-resources-verification-no-match-policy`, `results-from`, '
      + '`enforce-nonfalsifiability`, `coschedule`, each entry of `disable-inline-spec`, untrimmed; a `max-result-size` of '
      + '1572864 or more; a `default-timeout-minutes` of 0), a `spec.targetNamespace` not set, a TektonConfig\'s `spec.profile` '
      + 'other than all, basic or lite, a field of an `options.configMaps` entry a ConfigMap does not have, and, in a '
      + 'TektonConfig, a Chains setting or another component\'s `options` of the wrong type, as its webhook decodes the whole object. '
      + 'A feature-flags ConfigMap of the operator\'s target namespace (one without a namespace, read as Tekton\'s in `tekton-pipelines`, '
      + 'only when that is the target) checked with such an object that the '
      + 'operator can read, or with the operator\'s own TektonConfig (a TektonPipeline or TektonChain checked without a TektonConfig, '
      + 'or the operator\'s Deployment alone, not turning `AUTOINSTALL_COMPONENTS` off), is read as the operator\'s installer leaves '
      + 'it: its three-way apply writes every flag the operator writes (every key of Tekton\'s release among them) over the '
      + 'ConfigMap, whether kubectl applied it or not, so only its other keys are judged as written; the flags the operator writes '
      + 'are judged on the TektonConfig or TektonPipeline checked, and for the operator\'s own TektonConfig on the ConfigMap, as its '
      + 'defaults (`is overwritten by the operator: TektonConfig \'config\' (the operator\'s own …) writes "false" (its default) into '
      + 'this ConfigMap`). A value the API server refuses (not a string) is still a finding: the ConfigMap is not applied. '
      + 'TektonConfig and TektonPipeline are cluster scoped: several of one kind named `config` (or `pipeline`), in whatever files or '
      + 'namespaces, are one object, of which kubectl apply keeps the last; that one is judged (and read by the other rules), and each '
      + 'before it is one finding at `metadata.name` (`names the TektonConfig \'config\' that another object checked together names too`), '
      + 'its settings not judged; the audit adds a notice naming the file and line of each. '
      + 'Tekton\'s `config-defaults` ConfigMap (in `tekton-pipelines`, with no namespace, or in a Tekton operator\'s target namespace checked '
      + 'with the operator\'s object) is judged for what makes it refused as a whole, so that none of its defaults reach Tekton (the other '
      + 'rules then read none of them): a key whose value is not a string, or that is not a valid key, which the API server refuses; '
      + 'and each key Tekton v1.15\'s `NewDefaultsFromMap` cannot read, which its webhook refuses (and a controller started with it '
      + 'exits): `default-timeout-minutes`, `default-max-matrix-combinations-count` and `default-step-ref-concurrency-limit` that '
      + 'Go\'s `strconv.ParseInt` does not read (`1h`, empty, beyond 64 bits), `default-imagepullbackoff-timeout`, '
      + '`default-create-container-error-timeout`, `default-maximum-resolution-timeout` and `default-sidecar-log-polling-interval` '
      + 'that `time.ParseDuration` does not read (`5`, empty), and a `default-pod-template`, '
      + '`default-affinity-assistant-pod-template` or `default-container-resource-requirements` that is not YAML or that encoding/json '
      + 'cannot decode into its Go type at any depth after sigs.k8s.io/yaml\'s conversion (`securityContext: {runAsUser: 1.5}`, '
      + '`hostNetwork: "true"`, a quantity that does not parse): each finding at the key, with the path in the template and the Go type it '
      + 'takes, and Tekton\'s own error (`failed parsing default config "default-timeout-minutes"`). A null is stored as "", which no '
      + 'such key reads. A template Tekton reads with a field given under two keys or more that differ only in case (`HostNetwork: true` then `hostNetwork: null`) is a finding at the key, naming the field, the keys and what Tekton applies: encoding/json reads each into the field, in the order of their bytes, an object merged into what the earlier set, a list\'s entries each decoded over the earlier\'s at the same place (`Tolerations: [{operator: Exists}]` then `tolerations: [{effect: NoSchedule}]` is `[{operator: Exists, effect: NoSchedule}]`) and a null clearing it but where the field is a value of Go\'s own type, no pointer, slice or map (pod.Template\'s `hostNetwork`, `schedulerName`, at any depth `seLinuxOptions.type`, `seccompProfile.type`, a toleration\'s `key`), which the other rules follow for the default pod template; on a TektonConfig or TektonPipeline too, at the field that writes the template. Beside a Tekton operator\'s object, a key it writes over is not judged, and one its apply keeps beside what it '
      + 'writes is judged in that reading. The config-defaults keys a TektonConfig or TektonPipeline writes (its typed fields, and '
      + '`options.configMaps.config-defaults.data`) are judged the same way, at the field that sets each.'
      + operatorAutoinstallDecides('TektonPipeline', 'spec.pipeline', 'feature-flags', 'key/AUTOINSTALL_COMPONENTS'),
    limits:
      "Tekton's other ConfigMaps (`config-spire` ...) are not read, and a feature-flags or config-defaults "
      + 'ConfigMap in another namespace, or one a controller reads under another name (`CONFIG_FEATURE_FLAGS_NAME`), is not '
      + 'recognised. A config-defaults ConfigMap that Tekton cannot read alone, '
      + 'for a key a Tekton operator checked with it writes over, is still taken by the other rules to apply none of its templates. Keys Tekton v1.15 does not read (`enable-step-actions`, `enable-tekton-oci-bundles` …) are not judged. '
      + 'For the operator, what a platform extension of the operator writes (OpenShift\'s) is not known, nor the checks of '
      + 'its webhook on the settings of the other components of a TektonConfig (triggers, results, the pruner ...) but the '
      + 'types of their `options`, nor the decoding of the `deployments` and `statefulSets` of `options` beyond being maps. '
      + OPERATOR_AUTOINSTALL_LIMITS + ' It is not known which TektonPipeline a TektonConfig\'s replaces; the other rules that read flags (POD_SECURITY_ADMITTED, '
      + 'CREDENTIALS_WITH_REPO_CODE, AFFINITY_ASSISTANT_CLAIMS) read the operator\'s object checked with them over the '
      + 'ConfigMap, a TektonConfig over a TektonPipeline, and for a TektonPipeline or TektonChain checked without a TektonConfig '
      + 'the defaults of the TektonConfig the operator creates of its own, unless its Deployment checked together turns that off.',
    howToRelax:
      "`{ rule: RuleId.TEKTON_FEATURE_FLAGS, reason: '<why>', target: "
      + "RelaxationTarget.featureFlag('disable-creds-init') }`, one per flag (without a target it covers every "
      + "flag), given to TektonFeatureFlags' `relaxations` (every weaker prop value needs one) or to "
      + '`Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TEKTON_FEATURE_FLAGS, 'flag/disable-creds-init: <why>') + '; on a TektonPipeline checked without a '
      + 'TektonConfig, ' + relaxAnnotation(RuleId.TEKTON_FEATURE_FLAGS, 'key/AUTOINSTALL_COMPONENTS: <why>')
      + ' (the reason: the operator runs with `AUTOINSTALL_COMPONENTS` "false"); a config-defaults key Tekton cannot read, on the '
      + 'config-defaults ConfigMap or the operator\'s object: ' + relaxAnnotation(RuleId.TEKTON_FEATURE_FLAGS, 'key/default-pod-template: <why>') + '.',
    relaxable: true,
    appliesTo: (m) => isFeatureFlags(m) || isOperatorPipelineConfig(m) || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    if (isOperatorPipelineConfig(manifest)) return operatorProblems(manifest, context);
    if (isConfigDefaultsNamed(manifest)) return configDefaultsRefusals(manifest, context);
    const over = context === undefined ? undefined : operatorOverwrites(manifest, context.manifests);
    const written = manifest.data !== null && typeof manifest.data === 'object' ? manifest.data : {};
    // as the API server stores it: a null is ""
    const data = storedConfigMapData(written);
    const problems: Problem[] = [];
    const flagProblem = (flag: string, problem: Omit<Problem, 'location' | 'target' | 'property'>): void => {
      problems.push({ location: `flag '${flag}'`, target: `flag/${flag}`, property: `data.${flag}`, ...problem });
    };
    /** `to` (a value for a fix), said to be quoted when the value written is not a string (null is stored as a string). */
    const quoted = (flag: string, to: string): string => written[flag] !== null && typeof written[flag] !== 'string' ? `${to} in quotes, so that YAML reads a string` : to;
    for (const [flag, accepted] of Object.entries(HARDENED_FLAG_VALUES)) {
      const value = data[flag];
      const refused = value === undefined ? undefined : unreadable(flag, written[flag]);
      const operator = over?.flags.get(flag)?.value;
      // a value the API server refuses keeps the ConfigMap from the cluster; otherwise the operator's value is the one Tekton reads
      if (operator !== undefined && refused?.problem !== NOT_A_STRING) {
        if (over!.judged || hardened(flag, operator, accepted)) continue;
        flagProblem(flag, {
          value: value === undefined ? undefined : writtenValue(written[flag]),
          problem: `${value === undefined ? 'is not set, and is written by the operator' : 'is overwritten by the operator'}: ${over!.name} writes `
            + `${JSON.stringify(operator)} (its default) into this ConfigMap, which is not ${describeValues(accepted)}`,
          fix: `Write ${flag} with ${describeValues(accepted)} under spec.pipeline of a TektonConfig named config, checked together (the operator writes `
            + `feature-flags from it, over this ConfigMap); if the operator runs with ${OPERATOR_AUTOINSTALL_ENV} "false", check its Deployment together, or relax `
            + 'this finding with that reason.',
        });
        continue;
      }
      if (value === undefined) {
        flagProblem(flag, { value: undefined, problem: `is not set (Tekton then uses ${JSON.stringify(own(UPSTREAM_FEATURE_FLAGS, flag))})`, fix: `Set it to ${describeValues(accepted)}.` });
      } else if (refused !== undefined) {
        flagProblem(flag, { ...refused, fix: `Set it to ${quoted(flag, describeValues(accepted))}.` });
      } else if (!hardened(flag, value as string, accepted)) {
        flagProblem(flag, { value: value as string, problem: `is not ${describeValues(accepted)}`, fix: `Set it to ${describeValues(accepted)}.` });
      }
    }
    // a key the API server refuses (and any binaryData it refuses) voids the whole ConfigMap
    const refusals = configMapRefusals(written, manifest.binaryData).filter((r) => r.field === 'binaryData' || r.problem !== 'is not a string');
    for (const r of refusals) {
      problems.push({
        location: `${r.field === 'data' ? 'flag' : 'binaryData'} '${r.key}'`,
        target: `flag/${r.key}`,
        property: `${r.field}.${r.key}`,
        problem: `${r.problem}: the API server refuses the whole ConfigMap, so none of its flags reach Tekton`,
        fix: r.field === 'data'
          ? 'Remove it, or spell it as a key Tekton reads (letters, digits, \'-\', \'_\' and \'.\' only).'
          : 'Remove it from binaryData (Tekton reads only data).',
      });
    }
    // every other flag Tekton reads: one it cannot read voids the whole ConfigMap; any key whose value is not a string
    // makes the API server refuse it
    for (const flag of Object.keys(data)) {
      if (own(HARDENED_FLAG_VALUES, flag) !== undefined || refusals.some((r) => r.field === 'data' && r.key === flag)) continue;
      const refused = own(FEATURE_FLAG_READERS, flag) === undefined && typeof data[flag] === 'string' ? undefined : unreadable(flag, written[flag]);
      if (refused === undefined) continue;
      // a string the operator overwrites never reaches Tekton
      if (refused.problem !== NOT_A_STRING && over?.flags.get(flag)?.value !== undefined) continue;
      const fix = own(FEATURE_FLAG_READERS, flag) === undefined
        ? 'Give it a string value in quotes, so that YAML reads a string (Tekton does not read this key), or remove it.'
        : `Set it to ${quoted(flag, readable(flag))}, or remove it (Tekton then uses ${JSON.stringify(featureFlagDefault(flag))}).`;
      flagProblem(flag, { ...refused, fix });
    }
    return problems;
  },
);
