import { asArray, isObject } from '../../private/containers';
import { goEqualFoldAscii } from '../../private/go-strings';
import { locallyReferenced } from '../../private/manifest-index';
import { isDns1123Subdomain, matchesDns1123Subdomain } from '../../private/names';
import { mayShareNamespace } from '../../private/namespaces';
import {
  CONFIG_DEFAULTS_OBJECT_TEXT, configDefaultsKeyReaches, DEFAULT_POD_TEMPLATE_KEY, DEFAULT_POD_TEMPLATE_TEXT, inConfigDefaultsReading,
  isConfigDefaultsNamed, writesConfigDefaults,
} from '../../private/pods';
import { readProviderObjects } from '../../private/provider-objects';
import {
  CLASS_ATTRIBUTE, dotRefusal, fileRefusal, isMockProviderVolume, isOpenBaoProviderClass, isVaultProviderClass, objectsRefusal,
  openBaoParameter, overridingAttributes, podSecretsStoreVolumes, ProviderObject, providerObjects, SecretsStoreVolume, vaultRequestPath,
  WORKLOAD_VOLUMES_TEXT, writtenValue,
} from '../../private/secrets-store';
import { findReferences, Reference } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

const EXAMPLE = 'csi: { driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: { secretProviderClass: <class> } }';

/**
 * Where Tekton leaves a variable of the class's name as written, with the fix: in a run's workspace
 * binding (pkg/workspace/apply.go `applyCSIVolumeSource` replaces only `driver` and
 * `nodePublishSecretRef.name`) and, but for a param the TaskRun has, in a run's pod template
 * (pkg/reconciler/taskrun/resources/apply.go `ApplyPodTemplateReplacements`, with the TaskRun's
 * params and its task's defaults alone). A task spec's volume has every variable of its task
 * replaced (`ApplyReplacements`).
 */
const KEPT: { readonly [where in SecretsStoreVolume['replaced']]?: { readonly where: string; readonly fix: string } } = {
  binding: {
    where: 'which Tekton does not replace in a workspace binding\'s volumeAttributes',
    fix: `Write the SecretProviderClass's own name in the binding (a run that picks among classes binds the one it picks): ${EXAMPLE}.`,
  },
  podTemplate: {
    where: 'which Tekton does not replace in a pod template\'s volumes (it replaces only the TaskRun\'s $(params.<name>) there)',
    fix: `Write the SecretProviderClass's own name in the pod template: ${EXAMPLE}.`,
  },
};

/**
 * Where a `$(params.<name>)` of a pod template volume is left as written: Tekton replaces it only
 * with a param of the TaskRun it makes the pod for (the TaskRun's own, or its task's default).
 */
const PARAM_KEPT = 'which Tekton replaces in a pod template\'s volumes only with a param of that name of the TaskRun it makes the pod for '
  + '(its own, or its task\'s default; a PipelineRun replaces none of its own params there, and hands the template to each TaskRun as written)';

/** The params every TaskRun whose pod a pod template volume is of has, and what says so (for a param not among them). */
interface ParamsGiven {
  readonly names: ReadonlySet<string>;
  /** Why a param not among them is missing from some TaskRun. */
  readonly missing: (name: string) => string;
}

const names = (params: unknown): string[] => asArray(params).map((p) => p?.name).filter((n): n is string => typeof n === 'string');

/** The params of every candidate task spec (embedded, or a local Task checked together) that have a default; none when no task is known. */
function defaultsOf(holder: any, run: any, context: IRuleContext | undefined): string[] {
  const specs = isObject(holder?.taskSpec) ? [holder.taskSpec]
    : context === undefined ? [] : locallyReferenced(context.manifests, holder?.taskRef, 'Task', run).map((t) => t.spec);
  if (specs.length === 0) return [];
  const withDefault = specs.map((spec) => new Set(asArray(spec?.params).filter((p) => p?.default !== undefined).map((p) => p?.name)));
  return [...withDefault[0]].filter((n): n is string => typeof n === 'string' && withDefault.every((d) => d.has(n)));
}

/** The names every set of `sets` holds. */
function common(sets: ReadonlyArray<ReadonlySet<string>>): Set<string> {
  return sets.length === 0 ? new Set() : new Set([...sets[0]].filter((n) => sets.every((s) => s.has(n))));
}

/**
 * The params every TaskRun has whose pod the pod template volume `v` of `manifest` is of: a
 * TaskRun's own params and its task's defaults; for a PipelineRun's template, those each pipeline
 * task it applies to passes (`params`, `matrix.params`) or whose task spec gives a default, of its
 * embedded pipelineSpec or of every Pipeline its local pipelineRef names among the objects; none for
 * config-defaults' default pod template, which every TaskRun of the cluster gets.
 */
function paramsGiven(manifest: any, v: SecretsStoreVolume, context: IRuleContext | undefined): ParamsGiven {
  if (manifest?.kind === 'TaskRun') {
    return {
      names: new Set([...names(manifest.spec?.params), ...defaultsOf(manifest.spec, manifest, context)]),
      missing: (name) => `the TaskRun passes no param '${name}' (nor does a task spec it embeds, or a Task checked with it, give one a default)`,
    };
  }
  if (manifest?.kind !== 'PipelineRun') {
    return { names: new Set(), missing: () => 'the default pod template is merged into every TaskRun of the cluster, whatever params it has' };
  }
  const specs = isObject(manifest.spec?.pipelineSpec) ? [manifest.spec.pipelineSpec]
    : context === undefined ? [] : locallyReferenced(context.manifests, manifest.spec?.pipelineRef, 'Pipeline', manifest).map((p) => p.spec);
  const only = v.target?.startsWith('task/') ? v.target.slice('task/'.length) : undefined;
  const tasks = specs.flatMap((spec) => [...asArray(spec?.tasks), ...asArray(spec?.finally)]).filter((t) => only === undefined || t?.name === only);
  const given = common(tasks.map((t) => new Set([...names(t?.params), ...names(t?.matrix?.params), ...defaultsOf(t, manifest, context)])));
  const which = only === undefined ? 'every pipeline task' : `pipeline task '${only}'`;
  return {
    names: given,
    missing: (name) => (tasks.length === 0
      ? `no pipeline checked with the run (its pipelineSpec, or a local Pipeline its pipelineRef names) shows that ${which} passes a param '${name}'`
      : `not ${which} passes a param '${name}' (in params or matrix.params) or has a task that gives it a default`),
  };
}

/**
 * Whether a variable of a class's name is replaced before the driver reads it, at a volume of
 * `replaced`: Tekton Triggers replaces a TriggerTemplate's `$(tt.params.<name>)` and `$(uid)` in the
 * objects it creates before Tekton reads them; Tekton, every variable of a task spec and, in a run's
 * pod template, a `$(params.<name>)` the TaskRun has (`given`).
 */
function isReplaced(ref: Reference, replaced: SecretsStoreVolume['replaced'], given: () => ParamsGiven): boolean {
  if (ref.text.startsWith('$(tt.params.') || ref.text === '$(uid)') return true;
  return replaced === 'task' || (replaced === 'podTemplate' && ref.kind === 'params' && given().names.has(ref.name));
}

/** A `{{ name }}` placeholder, which Pipelines-as-Code (and other templating) fills in before the object is applied. */
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/**
 * Why a SecretProviderClass can never be found by `name` (a non-empty string) at volume `v`, if
 * it cannot: a variable left as written where nothing replaces it, or a name that is no DNS
 * subdomain (what the API server requires of a SecretProviderClass's name), whatever its variables
 * are replaced by.
 */
function unresolvable(name: string, v: SecretsStoreVolume, given: () => ParamsGiven): { readonly problem: string; readonly fix: string } | undefined {
  const refs = findReferences(name);
  const kept = refs.find((ref) => !isReplaced(ref, v.replaced, given));
  const said = KEPT[v.replaced];
  if (kept !== undefined && said !== undefined) {
    const where = v.replaced === 'podTemplate' && kept.kind === 'params' ? `${PARAM_KEPT}, and ${given().missing(kept.name)}` : said.where;
    return {
      problem: `holds ${kept.text}, ${where}: the Secrets Store CSI driver looks up a SecretProviderClass named '${name}' as written, `
        + 'which cannot exist (the name of a SecretProviderClass is a DNS subdomain), so the pod never starts',
      fix: said.fix,
    };
  }
  // a variable replaced later stands for any value: one letter keeps every name its values can make valid
  let literal = name;
  for (const ref of refs) if (isReplaced(ref, v.replaced, given)) literal = literal.split(ref.text).join('a');
  literal = literal.replace(PLACEHOLDER, 'a');
  // a value may be empty: the length is known only of a name without variables
  if (literal === name ? isDns1123Subdomain(name) : matchesDns1123Subdomain(literal)) return undefined;
  return {
    problem: 'is not a valid object name (the name of a SecretProviderClass is a DNS subdomain: lower-case letters, digits, \'-\' and \'.\', '
      + 'at most 253 characters): the Secrets Store CSI driver finds no SecretProviderClass by that name, so the pod never starts',
    fix: `Write the SecretProviderClass's metadata.name as it is: ${EXAMPLE}.`,
  };
}

/** How one provider reads a class's parameters: its name in messages, and the parameter it reads for each. */
interface Reading {
  readonly provider: string;
  readonly role: string;
  /** The two mount paths, when both are present, and the provider's refusal. */
  readonly mounts?: { readonly kubernetes: string; readonly auth: string; readonly refusal: string };
}

/** How the Vault provider reads `params` (hashicorp/vault-csi-provider v1.7.4 internal/config `parseParameters`). */
function vaultReading(params: Record<string, unknown>): Reading {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(params, k);
  return {
    provider: 'the Vault CSI provider',
    role: 'roleName',
    ...(has('vaultKubernetesMountPath') && has('vaultAuthMountPath')
      ? { mounts: { kubernetes: 'vaultKubernetesMountPath', auth: 'vaultAuthMountPath', refusal: 'cannot set both vaultKubernetesMountPath and vaultAuthMountPath' } }
      : {}),
  };
}

/** How OpenBao's provider reads `params` (openbao/openbao-csi-provider internal/config `parseParameters`: bao…, openbao…, then vault…). */
function openBaoReading(params: Record<string, unknown>): Reading {
  const kubernetes = openBaoParameter(params, 'KubernetesMountPath');
  const auth = openBaoParameter(params, 'AuthMountPath');
  return {
    provider: 'OpenBao\'s CSI provider',
    role: openBaoParameter(params, 'RoleName') ?? 'roleName',
    ...(kubernetes !== undefined && auth !== undefined
      ? { mounts: { kubernetes, auth, refusal: 'cannot set both openbaoKubernetesMountPath and openbaoAuthMountPath' } }
      : {}),
  };
}

const NEVER_STARTS = ', so the pod never starts';

/** The encodings the providers decode a secret's value by (internal/provider `decodeValue`, compared with Go's `strings.EqualFold`). */
const ENCODINGS = ['utf-8', 'base64', 'hex'];

/**
 * What the provider refuses of a class's `params` as `reading` reads them (`parseParameters`, then
 * `validate`), and what the driver refuses of the files it is given: each at its parameter.
 */
function providerRefusals(params: Record<string, unknown>, reading: Reading): Problem[] {
  const problems: Problem[] = [];
  const role = params[reading.role];
  if (typeof role !== 'string' || role === '') {
    problems.push({
      property: `parameters.${reading.role}`,
      value: role === undefined ? undefined : jsString(role),
      target: `key/${reading.role}`,
      problem: `is ${role === undefined ? 'not set' : 'empty'}: ${reading.provider} refuses the mount ("missing 'roleName' in SecretProviderClass definition")${NEVER_STARTS}`,
      fix: 'Name the Vault Kubernetes-auth role the run logs in as.',
    });
  }
  if (reading.mounts !== undefined) {
    problems.push({
      property: `parameters.${reading.mounts.auth}`,
      value: jsString(params[reading.mounts.auth]),
      target: `key/${reading.mounts.auth}`,
      problem: `is set together with ${reading.mounts.kubernetes}: ${reading.provider} refuses the mount ("${reading.mounts.refusal}")${NEVER_STARTS}`,
      fix: 'Set one of them: vaultAuthMountPath on provider versions that support it, vaultKubernetesMountPath on older ones.',
    });
  }
  const text = params.objects ?? '';
  const at = { property: 'parameters.objects', target: 'key/objects' };
  if (typeof text !== 'string') {
    problems.push({
      ...at,
      value: jsString(text),
      problem: `is not a string: the parameters of a SecretProviderClass are strings, and ${reading.provider} reads the objects from YAML text${NEVER_STARTS}`,
      fix: 'Write objects as a block string holding a YAML list (objects: |), one mapping per object with its objectName, secretPath and secretKey.',
    });
    return problems;
  }
  const refusal = objectsRefusal(text);
  if (refusal !== undefined) {
    const read = readProviderObjects(text);
    problems.push({
      ...at,
      problem: 'providerReads' in read && read.providerReads
        ? `${refusal}: ${reading.provider} reads it, and what it fetches is not known`
        : `${refusal}: ${reading.provider} refuses the mount and fetches nothing${NEVER_STARTS}`,
      fix: 'Write objects as a YAML list of mappings, one per object with its objectName, secretPath and secretKey, each key once.',
    });
    return problems;
  }
  const objects = providerObjects(text) ?? [];
  if (objects.length === 0) {
    problems.push({
      ...at,
      problem: `is ${params.objects === undefined ? 'not set' : 'empty'}: ${reading.provider} refuses the mount ("no secrets configured - the provider will not read any secret material")${NEVER_STARTS}`,
      fix: 'Declare at least one object to fetch.',
    });
    return problems;
  }
  const seen = new Set<string>();
  const duplicated = objects.map((o) => o.objectName).filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  // each later entry of a name, by its index (the name is both entries'), naming the first
  objects.forEach((entry, i) => {
    const first = objects.findIndex((o) => o.objectName === entry.objectName);
    if (first === i) return;
    problems.push({
      property: `parameters.objects[${entry.index}].objectName`,
      value: entry.objectName,
      target: at.target,
      problem: `is also parameters.objects[${objects[first].index}].objectName: ${reading.provider} refuses the mount ("each \`objectName\` within a SecretProviderClass `
        + `must be unique, but the following keys were duplicated: ${duplicated.join(', ')}")${NEVER_STARTS}`,
      fix: 'Give each object a distinct objectName, the name of the file it is written to.',
    });
  });
  for (const entry of objects) {
    const index = entry.index;
    const which = entry.objectName === '' ? jsString(index) : entry.objectName;
    if (entry.objectName === '' && !duplicated.includes('')) {
      // written as "" (yaml.v3 also reads a null as ""): said as written, so the user finds it
      const written = entry.given.has('objectName');
      problems.push({
        property: `parameters.objects[${which}].objectName`,
        ...(written ? { value: '' } : {}),
        target: 'key/objects',
        problem: `${written ? 'is empty' : 'is not set'}: ${reading.provider} gives the driver the object as a file of that name, and the Secrets Store CSI driver refuses a file with an empty path${NEVER_STARTS}`,
        fix: 'Name the file the object is written to, e.g. objectName: \'password\'.',
      });
    } else if (entry.objectName !== '') {
      const refused = fileRefusal(entry.objectName) ?? dotRefusal(entry.objectName);
      if (refused !== undefined) {
        problems.push({
          property: `parameters.objects[${which}].objectName`,
          value: entry.objectName,
          target: 'key/objects',
          problem: `${refused}: ${reading.provider} gives the driver the object as a file of that name, and the Secrets Store CSI driver cannot write it `
            + `and fails the mount${NEVER_STARTS}`,
          fix: 'Name the file with a relative path of plain names, e.g. objectName: \'password\'.',
        });
      } else {
        // the driver writes every file in one directory (its atomic writer's writePayloadToDir, in the order of a Go map)
        const under = objects.map((o) => o.objectName).find((other) => other.startsWith(`${entry.objectName}/`));
        if (under !== undefined) {
          problems.push({
            property: `parameters.objects[${which}].objectName`,
            value: entry.objectName,
            target: 'key/objects',
            problem: `is also the directory of objectName '${under}': ${reading.provider} gives the driver both as files of those paths, and the Secrets Store `
              + 'CSI driver cannot write a file and a directory of one path ("not a directory" or "is a directory", whichever it writes first) and fails '
              + `the mount${NEVER_STARTS}`,
            fix: 'Give each object a path that is no other object\'s directory, e.g. objectName: \'password\'.',
          });
        }
      }
    }
    const undecodable = entry.filePermissionRefusal;
    if (undecodable !== undefined) {
      problems.push({
        property: `parameters.objects[${which}].filePermission`,
        value: writtenValue(text, index, 'filePermission'),
        target: 'key/objects',
        problem: `${undecodable}, which gopkg.in/yaml.v3 cannot decode into the provider's os.FileMode (a mode from 0 to 0o37777777777): `
          + `${reading.provider} refuses the objects ("cannot unmarshal … into fs.FileMode") and fetches nothing${NEVER_STARTS}`,
        fix: 'Write the mode as a number, unquoted, e.g. filePermission: 0440 (octal), or leave filePermission out (the driver writes each file 0644).',
      });
    }
    const args = entry.secretArgsRefusal;
    if (args !== undefined) {
      problems.push({
        property: `parameters.objects[${which}].secretArgs`,
        value: args.written,
        target: 'key/objects',
        problem: `holds at ${args.path} ${args.what}: ${reading.provider} sends secretArgs to Vault as the JSON body of its request, and hashes each object `
          + `as JSON for its version, and cannot encode it ("${args.error}"), so it fails the mount${NEVER_STARTS}`,
        fix: 'Give secretArgs only what JSON can carry: finite numbers, strings, booleans, lists and mappings whose keys are strings (quote a key such as "1": …, '
          + 'and write .inf or .nan quoted if Vault is to read them as text).',
      });
    }
    if (entry.secretKey !== '' && entry.encoding !== '' && !ENCODINGS.some((e) => goEqualFoldAscii(entry.encoding, e))) {
      problems.push({
        property: `parameters.objects[${which}].encoding`,
        value: entry.encoding,
        target: 'key/objects',
        problem: `is not utf-8, base64 or hex (in any case): ${reading.provider} decodes the value of secretKey by it and refuses any other `
          + `("invalid encoding type. Should be utf-8, base64, or hex"), so it fails the mount${NEVER_STARTS}`,
        fix: 'Write encoding: base64 or encoding: hex for a value Vault holds so encoded, or leave encoding out (the file holds the value as Vault returns it).',
      });
    }
    const path = entry.secretPath;
    if (path.trim() === '') {
      problems.push({
        property: `parameters.objects[${which}].secretPath`,
        ...(entry.given.has('secretPath') ? { value: path } : {}),
        target: 'key/objects',
        problem: `is empty (the provider would read the root of Vault's API, /v1/): Vault serves no secret there, and ${reading.provider} fails the mount${NEVER_STARTS}`,
        fix: `Give the Vault path of the secret, e.g. secretPath: '${secretExample(entry)}'.`,
      });
    } else {
      const requested = vaultRequestPath(path);
      if (requested !== undefined) {
        problems.push({
          property: `parameters.objects[${which}].secretPath`,
          value: path,
          target: 'key/objects',
          problem: `makes the provider request ${requested} (it prefixes /v1/ and its Vault client joins the path as Go's path.Join does, the query aside), `
            + `the root of Vault's API or outside it: Vault serves no secret there, and ${reading.provider} fails the mount${NEVER_STARTS}`,
          fix: `Give the Vault path of the secret, e.g. secretPath: '${secretExample(entry)}'.`,
        });
      }
    }
  }
  return problems;
}

/** An example secretPath for an object of `entry`'s name. */
function secretExample(entry: ProviderObject): string {
  return `secret/data/ci/${entry.objectName === '' ? '<name>' : entry.objectName}`;
}

/** The provider refusals of a class's own parameters under each reading that applies, once per parameter and problem. */
function classRefusals(manifest: any, params: Record<string, unknown>): Problem[] {
  const readings = [
    ...(isVaultProviderClass(manifest) ? [vaultReading(params)] : []),
    ...(isOpenBaoProviderClass(manifest) ? [openBaoReading(params)] : []),
  ];
  const out: Problem[] = [];
  const said = new Set<string>();
  for (const p of readings.flatMap((r) => providerRefusals(params, r))) {
    if (said.has(p.property)) continue;
    said.add(p.property);
    out.push(p);
  }
  return out;
}

/**
 * The refusals of a Vault or OpenBao SecretProviderClass: but for those that no volume checked with it
 * meets, when at least one volume that may be in its namespace (its holder names the class's namespace,
 * or either names none; config-defaults' default pod template, in any) names it (the driver copies a volume's attributes over the class's
 * parameters, so a volume can supply a roleName or objects the class leaves out). A class no volume
 * among the objects names is judged as written.
 */
function providerClassProblems(manifest: any, context: IRuleContext | undefined): Problem[] {
  const params: Record<string, unknown> = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
  const own = classRefusals(manifest, params);
  if (own.length === 0 || context === undefined) return own;
  const name = manifest.metadata?.name;
  // the driver looks the class up in the pod's namespace; config-defaults' default pod template reaches every namespace
  // (a config-defaults ConfigMap beside a Tekton operator's object, as its apply leaves it: not where the operator writes its own template)
  const reaches = (m: any) => m !== manifest
    && (writesConfigDefaults(m, context.manifests)
      ? configDefaultsKeyReaches(m, context.manifests, DEFAULT_POD_TEMPLATE_KEY).reaches
      : mayShareNamespace(m, manifest));
  const volumes = context.manifests.flatMap((m) => (reaches(m) ? podSecretsStoreVolumes(m, context.manifests) : []))
    .filter((v) => !isMockProviderVolume(v.csi) && isObject(v.csi.volumeAttributes) && v.csi.volumeAttributes[CLASS_ATTRIBUTE] === name);
  if (volumes.length === 0) return own;
  const met = new Set(volumes.flatMap((v) => classRefusals(manifest, { ...params, ...Object.fromEntries(overridingAttributes(v.csi)) }))
    .map((p) => `${p.property}\n${p.problem}`));
  return own.filter((p) => met.has(`${p.property}\n${p.problem}`));
}

/**
 * Secrets Store CSI volumes can be mounted: the driver (kubernetes-sigs/secrets-store-csi-driver
 * v1.6, pkg/secrets-store/nodeserver.go `NodePublishVolume`) fails the mount of a volume whose
 * `secretProviderClass` attribute is unset or empty ("secretProviderClass is not set") and of one
 * the kubelet does not publish read-only, which it does only for `readOnly: true` on the CSI
 * source ("Readonly is not true in request"). The kubelet retries the mount and the pod's
 * containers never start. Not a security control: a configuration refused here never runs.
 *
 * The driver then looks the class up by that name in the pod's namespace, and a SecretProviderClass's
 * name is a DNS subdomain (the API server validates a custom resource's name so): a class name that is
 * none, such as a `$(params.class)` that Tekton leaves as written (in a run's workspace binding,
 * whose CSI source Tekton substitutes into only at `driver` and `nodePublishSecretRef.name`,
 * pkg/workspace/apply.go; in a run's pod template, where it replaces only the params the TaskRun
 * has: a PipelineRun hands its template to each TaskRun as written, whose params are those its
 * pipeline task passes), is never found either.
 *
 * The driver's sanity-test provider (a `providerName` attribute of `mock_provider`, in any case)
 * mounts an empty tmpfs before either check: such a volume is not judged.
 */
export const SECRETS_STORE_MOUNTABLE = manifestRule(
  {
    id: RuleId.SECRETS_STORE_MOUNTABLE,
    severity: Severity.LOW,
    title: 'Secrets Store CSI volumes are read-only and name their SecretProviderClass, and Vault\'s and OpenBao\'s classes have what their provider needs',
    rationale:
      'The Secrets Store CSI driver mounts only a read-only volume that names an existing SecretProviderClass; it fails the mount '
      + 'of any other, and the pod that needs it never starts (a run times out without a step having run).',
    fix: `Write the volume as ${EXAMPLE} (RunWorkspace.csi(...) writes it so).`,
    decidesFrom:
      'CSI volumes of the driver `secrets-store.csi.k8s.io` in the `volumes` of task specs (Tasks, TaskRuns, Pipelines, '
      + 'PipelineRuns, embedded specs included), in the volumes of a run\'s pod templates, in the `csi` workspace bindings of '
      + 'PipelineRuns and TaskRuns and in the volumes of ' + WORKLOAD_VOLUMES_TEXT + ', as the driver\'s `NodePublishVolume` '
      + 'reads them: `readOnly` must be the boolean `true` (the kubelet asks for a read-only mount for nothing else, and the '
      + 'driver refuses any other), and the `secretProviderClass` attribute of `volumeAttributes` a non-empty string that can '
      + 'name a SecretProviderClass, whose name is a DNS subdomain (lower-case letters, digits, `-` and `.`, at most 253 '
      + 'characters). A variable counts as replaced only where something replaces it before the driver reads the name: Tekton replaces every '
      + 'variable of a task spec\'s volume; in a run\'s pod template only a `$(params.x)` the TaskRun that the pod is made for '
      + 'has (`ApplyPodTemplateReplacements`: the TaskRun\'s params and its task\'s defaults): a TaskRun\'s own template needs '
      + '`x` among the run\'s params or a default of its embedded task spec or of a local Task checked with it; a PipelineRun '
      + 'replaces none of its own params there and hands the template to each TaskRun as written, so its run-wide template '
      + 'needs every pipeline task (`finally` included; a `taskRunSpecs` template, its one task) of its embedded pipelineSpec, or of '
      + 'each local Pipeline its pipelineRef names among the objects, to pass `x` (`params` or `matrix.params`) or to have a '
      + 'task that gives it a default; and config-defaults\' default pod template, merged into every TaskRun of the cluster, '
      + 'has none replaced. Tekton replaces none in a run\'s '
      + 'workspace binding (v1.15 substitutes into its CSI source only `driver` and `nodePublishSecretRef.name`). A variable '
      + 'left as written is looked up as it is and never found; Tekton Triggers replaces a '
      + 'TriggerTemplate\'s `$(tt.params.x)` and `$(uid)` first, and a `{{ x }}` placeholder is taken to be filled in before '
      + 'the object is applied. A variable that is replaced stands for any value: the name is judged by what is written '
      + 'around it. A volume whose `providerName` attribute is `mock_provider` (the driver\'s sanity-test provider, compared '
      + 'without case) is not judged: the driver mounts it empty before either check.' + DEFAULT_POD_TEMPLATE_TEXT
      + ' SecretProviderClasses of the Vault and OpenBao providers (recognised as VAULT_TLS recognises them) are judged as the '
      + 'provider reads their parameters (hashicorp/vault-csi-provider v1.7.4 and openbao/openbao-csi-provider internal/config '
      + '`parseParameters` and `validate`; OpenBao\'s reads each parameter under the first spelling present of `bao…`, `openbao…` '
      + 'and `vault…`, and `roleName` when none is): the role must be a non-empty string; the Kubernetes and the auth mount paths '
      + 'may not both be present, even empty; `objects` must decode as gopkg.in/yaml.v3 decodes it into the providers\' `Secret`, its lines ended by NEL, LS and PS too, '
      + 'which a double-quoted `objects` writes `\\N`, `\\L` and `\\P` (a '
      + 'YAML list of mappings, of which a null entry is left out; no key written twice in a mapping it decodes, while a key of no '
      + 'field is skipped and its value never decoded; no list or mapping for a string field, which keeps a scalar as written: '
      + '`0640`, `true`, `1e3`, `.inf` are those texts, `null` and `~` leave it empty; `secretArgs` a mapping; no explicit tag '
      + 'a scalar cannot have such as `!!int x`, no invalid `!!binary`, no alias of an anchor not defined before it or inside its '
      + 'own, `<<` only of mappings, no excessive aliasing; only the first document) into at least one '
      + 'object, with no `objectName` twice (a missing one counts as empty), none empty and none a path the driver refuses to write '
      + '(kubernetes-sigs/secrets-store-csi-driver v1.6 pkg/util/fileutil `Validate`: an absolute path, a `..` element, a first name '
      + 'that starts with `..`, a name over 255 bytes or a path over 4096, a path Go\'s `filepath.Clean` changes such as `a/` or '
      + '`a//b`; and `.`, which it accepts but takes for a file of the volume\'s own directory: its cleanup removes the whole volume, '
      + 'and fails; nor the directory of another object\'s path, `a` beside `a/b`, which it cannot write both of), a `filePermission` (when given) that gopkg.in/yaml.v3 decodes into the provider\'s `os.FileMode`, a uint32 (a number '
      + 'from 0 to 0o37777777777, `0640`, `0o640` or `0x1a0`, a fraction dropped, or null; not a string such as `"0644"`, a boolean, a '
      + 'negative number, a larger one, a list or a mapping: yaml.v3 then fails the whole text, "cannot unmarshal … into fs.FileMode"), '
      + 'a `secretArgs` that Go\'s encoding/json can encode (the provider sends it as the JSON body of its request and hashes each object as '
      + 'JSON: no float `.inf`, `-.inf` or `.nan`, and no mapping with a key that is not a string, such as `{1: x}` or `{~: x}`, which yaml.v3 decodes '
      + 'into a `map[interface{}]interface{}`; "json: unsupported value: +Inf"; the first one `json.Marshal` meets is told, a map\'s keys in byte order), '
      + 'an `encoding`, for an object with a `secretKey`, of `utf-8`, `base64` or `hex` in any case (Go\'s `strings.EqualFold`), or none (internal/provider '
      + '`decodeValue` refuses any other, "invalid encoding type. Should be utf-8, base64, or hex"; without a `secretKey` the whole response is written '
      + 'and the encoding not read), '
      + 'and a `secretPath` that names a path under `/v1/` (the provider prefixes `/v1/` unless it is there, cuts off the query '
      + 'and its Vault client cleans the path with Go\'s `path.Join`: a blank one, `/`, `v1/`, `/v1/`, `?version=2` or `secret/..` '
      + 'reads the root of Vault\'s API, or a path outside it, where Vault serves no secret). The driver copies a '
      + 'volume\'s `volumeAttributes` over the class\'s parameters: when volumes checked with the class name it (by '
      + '`secretProviderClass`, mock provider\'s aside, in the class\'s namespace, where the driver looks the class up for a pod: '
      + 'their object names it, or either names none; config-defaults\' default pod template reaches every namespace), a refusal is reported only if it holds with some volume\'s attributes '
      + 'copied over. Tekton v1.15 admits a run\'s `csi` workspace binding of any driver whatever `enable-api-fields` is '
      + '(`WorkspaceBinding.Validate` asks only for a driver; the beta gate, "csi workspace type", was dropped in v0.50): the '
      + 'feature-flags are not read.' + CONFIG_DEFAULTS_OBJECT_TEXT,
    limits:
      'Whether the named SecretProviderClass exists in the pod\'s namespace or names a provider installed on the node is not '
      + 'judged here, nor whether the driver and provider are installed; of the parameters, only the Vault and OpenBao providers\' '
      + 'refusals above are (not the address, which VAULT_TLS judges, nor whether the role or the secret exists in Vault, nor an '
      + '`objects` attribute a volume gives, nor whether a value Vault returns is valid base64 or hex for its `encoding`). A `secretArgs` JSON cannot encode is a finding '
      + 'even on an object that shares an earlier one\'s `secretPath` and `method`, which the provider serves from its response cache without a request: '
      + 'it then fails only as it hashes the object for its version, which it skips when it has no HMAC key (its Secret could not be made). A volume held by an object '
      + 'without a namespace is taken to be in the class\'s. A pod template\'s '
      + '`$(params.x)` that a Task not checked with the run would give a default (a resolver\'s, another namespace\'s) is taken to '
      + 'be left as written; a matrix `include` that passes `x` to some of a task\'s TaskRuns is not counted. What a replaced '
      + 'variable\'s value makes of the name is not known. The pod templates of other kinds (custom resources, '
      + 'an operator\'s own objects) are not read. A scalar of `objects` continued over a line ended by LS or PS (U+2028, U+2029), '
      + 'which yaml.v3 keeps in the value as written, is refused, and so is text after a list that ends the document that is no YAML by itself, '
      + 'and a tab before the `#` of a comment line (yaml.v3 reads them; the finding then says so). Not a security control.',
    howToRelax:
      "`{ rule: RuleId.SECRETS_STORE_MOUNTABLE, reason: '<why>', target }` with the finding's target: "
      + "`RelaxationTarget.workspace('<name>')` for a run's CSI binding, `RelaxationTarget.task('<task>')` for a volume of a "
      + "pipeline task's embedded spec or of a run's per-task pod template, none for the object's own volumes or its run-wide "
      + "pod template, `RelaxationTarget.configKey('<parameter>')` for a SecretProviderClass's parameter; given to the "
      + "construct's `relaxations` or to `Relaxations.of(construct).add(...)`. In YAML for the audit: "
      + relaxAnnotation(RuleId.SECRETS_STORE_MOUNTABLE, 'workspace/<name>: <why>') + ' (`key/<parameter>` on a class; or `*`).',
    relaxable: true,
    appliesTo: (m: any) => isVaultProviderClass(m) || isOpenBaoProviderClass(m) || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context) => (isVaultProviderClass(manifest) || isOpenBaoProviderClass(manifest)
    ? providerClassProblems(manifest, context)
    : mountableProblems(manifest, context)),
);

/**
 * The problems of the Secrets Store CSI volumes of an object; of a config-defaults ConfigMap beside a Tekton operator's
 * object, as the operator's apply leaves its template: none where the operator writes its own over it, else in the reading that keeps it, named.
 */
function mountableProblems(manifest: any, context: IRuleContext | undefined): Problem[] {
  const reach = configDefaultsKeyReaches(manifest, context?.manifests, DEFAULT_POD_TEMPLATE_KEY);
  if (!reach.reaches) return [];
  return podSecretsStoreVolumes(manifest, context?.manifests).flatMap((v) => {
    if (isMockProviderVolume(v.csi)) return [];
    // the params the TaskRuns of a pod template have, found when a name needs them
    let known: ParamsGiven | undefined;
    const given = () => (known ??= paramsGiven(manifest, v, context));
    const at = {
      ...(v.location === undefined ? {} : { location: v.location }),
      ...(v.target === undefined ? {} : { target: v.target }),
    };
    const problems: Problem[] = [];
    if (v.csi.readOnly !== true) {
      problems.push({
        ...at,
        property: `${v.property}.readOnly`,
        value: v.csi.readOnly === undefined ? undefined : jsString(v.csi.readOnly),
        problem: 'is not the boolean true: the Secrets Store CSI driver refuses to mount a volume that is not read-only ("Readonly is not true in request"), '
          + 'so the pod never starts',
        fix: `Set readOnly: true on the csi source: ${EXAMPLE}.`,
      });
    }
    const attributes = v.csi.volumeAttributes;
    const named = attributes !== null && typeof attributes === 'object' ? attributes[CLASS_ATTRIBUTE] : undefined;
    if (typeof named !== 'string' || named === '') {
      problems.push({
        ...at,
        property: `${v.property}.volumeAttributes.${CLASS_ATTRIBUTE}`,
        value: named === undefined ? undefined : jsString(named),
        problem: 'is not set: the Secrets Store CSI driver cannot tell which SecretProviderClass to mount ("secretProviderClass is not set"), '
          + 'so the pod never starts',
        fix: `Name the SecretProviderClass of the ${v.replaced === 'workload' ? 'pod' : 'run'}'s namespace: ${EXAMPLE}.`,
      });
    } else {
      const never = unresolvable(named, v, given);
      if (never !== undefined) problems.push({ ...at, property: `${v.property}.volumeAttributes.${CLASS_ATTRIBUTE}`, value: named, ...never });
    }
    return problems.map((p) => ({ ...p, problem: inConfigDefaultsReading(p.problem, reach) }));
  });
}
