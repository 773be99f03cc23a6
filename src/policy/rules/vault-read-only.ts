import { isObject } from '../../private/containers';
import { CONFIG_DEFAULTS_OBJECT_TEXT, DEFAULT_POD_TEMPLATE_TEXT, isConfigDefaultsNamed } from '../../private/pods';
import {
  CHOSEN_VARIABLES_LIMIT, CHOSEN_VARIABLES_TEXT, chosenVariable, expansions, isMockProviderVolume, isVaultOrOpenBaoClass,
  pastedObjectsProblem, podSecretsStoreProblems, podSecretsStoreVolumes, readProviderObjects, Replacing, withNote,
  WORKLOAD_VOLUMES_TEXT,
} from '../../private/secrets-store';
import { jsString } from '../../private/text';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The methods by which Vault reads (http/logical.go: GET a read, or a list with `?list=true`; LIST a list), matched as written. */
const READS: ReadonlySet<string> = new Set(['GET', 'LIST']);

/** What Vault makes of the methods that write (http/logical.go `buildLogicalRequestNoAuth`), as written. */
const WRITES: ReadonlyMap<string, string> = new Map([
  ['POST', 'an update'],
  ['PUT', 'an update'],
  ['PATCH', 'a patch'],
  ['DELETE', 'a delete'],
]);

const FIX = 'Leave method out of the object (the provider then reads it with GET), and write to Vault elsewhere with a token of its own '
  + '(a step that issues the certificate it needs).';
const VOLUME_FIX = 'Remove the objects attribute (leave only secretProviderClass in volumeAttributes) and read each object with GET in the '
  + 'SecretProviderClass (VaultSecretProviderClass writes no method).';

/** The problem of an object's method (as yaml.v3 decodes it) that is no read, or undefined for a read (unset, null and empty are GET). */
function methodProblem(text: string, path: string, body: boolean): string | undefined {
  if (text === '' || READS.has(text)) return undefined;
  const op = WRITES.get(text);
  const at = path !== '' ? ` for secretPath '${path}'` : '';
  if (op !== undefined) {
    return `makes the provider send a ${text} request${at}${body ? ' with secretArgs as its body' : ''} each time a pod mounts the volume `
      + '(and, with the driver\'s secret rotation on, every rotation interval while it runs): '
      + `Vault serves it as ${op}, a write done with the Vault role of every pod that mounts it, not a read`;
  }
  return 'is not a method by which Vault reads (GET or LIST, matched as written, case included): the provider sends it as written, and Vault '
    + 'refuses it or answers with no secret, so the pod never starts';
}

const CHOSEN_FIX = 'Write each object in the SecretProviderClass without variables, and leave method out (the provider then reads it with GET).';

/**
 * The methods of an `objects` text that are no read, at `property` (`parameters.objects`, or a volume's attribute), of a class or of a
 * volume that `replaced` says: a variable replaced by a value from outside before the provider reads the text lets that value write any
 * method (a finding on the whole text; a method that holds one is not judged as written).
 */
function objectsProblems(
  text: unknown, property: string, at: { location?: string; target?: string }, replaced: Replacing, fix?: string,
): Problem[] {
  if (typeof text !== 'string') return [];
  // its variables from outside take known values only (an enum): each text they make is judged as written
  const expanded = expansions(text, replaced);
  if (expanded !== undefined) return expanded.flatMap((e) => objectsProblems(e.text, property, at, 'workload', fix).map((p) => withNote(p, e.note)));
  const chosen = pastedObjectsProblem(text, replaced,
    'any object\'s method (a line such as "method: POST"), a write done with the Vault role of every pod that mounts the volume');
  const pasted: Problem[] = chosen === undefined ? [] : [{ ...at, property, value: text, problem: chosen, fix: fix ?? CHOSEN_FIX }];
  return [...pasted, ...writtenProblems(text, property, at, replaced, fix)];
}

/** The methods of an `objects` text that are no read, as written (a method holding a variable replaced from outside left out). */
function writtenProblems(
  text: string, property: string, at: { location?: string; target?: string }, replaced: Replacing, fix?: string,
): Problem[] {
  const reading = readProviderObjects(text);
  const withFix = fix === undefined ? {} : { fix };
  if ('refusal' in reading && !reading.unreadable) {
    // yaml.v3 refuses the text (a list or mapping for a string field, a key written twice …): the provider fetches nothing
    return [];
  }
  if ('refusal' in reading) {
    // a text this rule cannot read may still be one the provider reads: it says nothing of a method only when it names none
    return /(^|[\s{,])["']?method["']?\s*:/m.test(text)
      ? [{
        ...at,
        property,
        problem: 'cannot be read as a YAML list of objects, and names a method: whether an object is fetched with anything but GET is not known',
        ...withFix,
      }]
      : [];
  }
  return reading.objects.flatMap(({ index, objectName, method, secretPath, secretArgs }): Problem[] => {
    if (chosenVariable(method, replaced) !== undefined) return [];
    const problem = methodProblem(method, secretPath, secretArgs);
    if (problem === undefined) return [];
    const which = objectName !== '' ? objectName : jsString(index);
    return [{ ...at, property: `${property}[${which}].method`, value: method, problem, ...withFix }];
  });
}


/**
 * The Vault and OpenBao CSI providers only read from Vault.
 *
 * Both providers (hashicorp/vault-csi-provider internal/config `parseParameters` and
 * internal/client `generateSecretRequest`; openbao/openbao-csi-provider likewise) decode the
 * `objects` parameter with gopkg.in/yaml.v3 and send each object's `method` as written (GET when
 * it is empty), with its `secretArgs` as a JSON body, logged in with the role of the pod that
 * mounts the volume. Vault matches the method as written (http/logical.go): GET and LIST read,
 * POST and PUT update, PATCH patches, DELETE deletes; anything else is refused or answered
 * without a secret. A POST to `pki/issue/<role>`, `transit/…` or `auth/token/create` writes to
 * Vault on every mount. A variable Tekton or Tekton Triggers replaces with a value from outside in the text
 * (private/secrets-store `chosenVariable`) lets whoever gives it write a method.
 */
export const VAULT_READ_ONLY = manifestRule(
  {
    id: RuleId.VAULT_READ_ONLY,
    severity: Severity.MEDIUM,
    title: 'The Vault and OpenBao CSI providers only read: every object is fetched with GET or LIST',
    rationale:
      'The Vault and OpenBao CSI providers send each object\'s `method` as written, with its `secretArgs` as the body, logged in with '
      + 'the Vault role of the pod that mounts the volume: a POST or PUT to `pki/issue/…`, `transit/…`, `auth/token/create` or any other '
      + 'path writes to Vault each time any pod mounts the class (and again at every rotation, when the driver rotates secrets), and a '
      + 'reviewer who sees a secret path takes it for a read.',
    fix: FIX,
    decidesFrom:
      'The `objects` parameter of SecretProviderClasses of the Vault or OpenBao provider (recognised as VAULT_TLS recognises them, '
      + 'or whose `provider` holds `vault` or `bao` in any case, such as `vault-east` or `Vault`: the driver reaches a provider by '
      + 'the socket its `-endpoint` flag names, and a class of a second Vault provider needs no `vault…` parameter), and '
      + 'the `objects` attribute of Secrets Store CSI volumes (which the driver copies over the class\'s parameters, whatever provider '
      + 'the class names) in the `volumes` of task specs, the volumes of runs\' pod templates, the `csi` workspace bindings of '
      + 'PipelineRuns and TaskRuns and the volumes of ' + WORKLOAD_VOLUMES_TEXT + ' (but a volume of the driver\'s `mock_provider`, which it '
      + 'mounts empty without calling any provider).' + DEFAULT_POD_TEMPLATE_TEXT + CONFIG_DEFAULTS_OBJECT_TEXT + ' The text is '
      + 'decoded as YAML, as the providers decode it (gopkg.in/yaml.v3 into a list of their `Secret` struct, keys matched as written; '
      + 'a key written in a mapping wins over one a `<<` merges in, wherever the `<<` stands; the method is the scalar as written, '
      + '`true` or `1e3` sent as such), '
      + 'and each entry\'s `method` must be unset, null or empty (the provider then sends GET), `GET` or `LIST`: Vault matches the '
      + 'method as written, case included (http/logical.go), and reads only for those. `POST` and `PUT` (an update), `PATCH` and '
      + '`DELETE` write; any other value (`post`, `HEAD`) is refused or answered without a secret, and the mount fails. A '
      + '`secretArgs` body sent with GET is not read by Vault (its content is NO_SECRET_MATERIAL\'s). A text that holds a variable '
      + 'replaced by a value from outside before the provider reads it is a finding, since that value, pasted into the YAML, can end a line '
      + 'and write any method: ' + CHOSEN_VARIABLES_TEXT + '.',
    limits:
      'What the Vault role may do is Vault\'s policy, which the manifest does not show: a write the role may not do fails the mount. '
      + 'An `objects` text that is no YAML (the parser stops on it) is a finding only when it names a `method` (the provider most '
      + 'likely refuses it too); a text gopkg.in/yaml.v3 refuses as it decodes it, as SECRETS_STORE_MOUNTABLE reads it (an entry '
      + 'whose `method` is a list or mapping, a key written twice), makes the provider refuse the whole text (nothing is '
      + 'fetched) and is not a finding. The classes of other providers are not read (their objects have no method), nor a class '
      + 'of a provider whose name holds neither `vault` nor `bao`, without any `vault…`, `bao…` or `openbao…` parameter (a Vault '
      + 'provider an operator named otherwise). The pod '
      + 'templates of other kinds (custom resources, an operator\'s own objects) are not read.' + CHOSEN_VARIABLES_LIMIT,
    howToRelax:
      "`{ rule: RuleId.VAULT_READ_ONLY, reason: '<why>', target: RelaxationTarget.configKey('objects') }` for a class's objects, given to "
      + "the construct's `relaxations` or to `Relaxations.of(construct).add(...)`; a volume's finding has the volume's target "
      + "(`RelaxationTarget.workspace('<name>')` for a run's binding, `RelaxationTarget.task('<task>')` for a pipeline task's, none for the "
      + 'object\'s own volumes). In YAML for the audit: ' + relaxAnnotation(RuleId.VAULT_READ_ONLY, 'key/objects: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m: any) => isVaultOrOpenBaoClass(m) || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context) => {
    if (isVaultOrOpenBaoClass(manifest)) {
      const params = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
      return objectsProblems(params.objects, 'parameters.objects', { target: 'key/objects' }, 'class');
    }
    // the driver mounts a volume of its mock_provider empty, without calling any provider
    return podSecretsStoreProblems(manifest, context?.manifests, (v) => (isMockProviderVolume(v.csi) ? [] : objectsProblems(
      isObject(v.csi.volumeAttributes) ? v.csi.volumeAttributes.objects : undefined,
      `${v.property}.volumeAttributes.objects`,
      { ...(v.location === undefined ? {} : { location: v.location }), ...(v.target === undefined ? {} : { target: v.target }) },
      v,
      VOLUME_FIX,
    )));
  },
);
