import { asArray, isObject } from '../../private/containers';
import { SECRETS_STORE_CSI_DRIVER } from '../../private/defaults';
import { CONFIG_DEFAULTS_OBJECT_TEXT, DEFAULT_POD_TEMPLATE_TEXT, isConfigDefaultsNamed } from '../../private/pods';
import {
  CHOSEN_VARIABLES_LIMIT, CHOSEN_VARIABLES_TEXT, ChosenVariable, chosenVariable, cloudStsAudience, expansions, isApiServerAudience,
  isMockProviderVolume, isOpenBaoProviderClass, isVaultOrOpenBaoClass, isVaultProviderClass, mayBeApiServerAudience, mayBeCloudStsAudience,
  podSecretsStoreProblems, podSecretsStoreVolumes, Replacing, withNote, WORKLOAD_VOLUMES_TEXT,
} from '../../private/secrets-store';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** The parameter both providers read for the audience of the token they log in with (no `vault…` or `bao…` spelling). */
const AUDIENCE = 'audience';

/** How one provider picks its token: its name in messages, and the audience whose driver token it takes when `audience` is empty. */
interface TokenReading {
  readonly provider: string;
  readonly fallback: string;
}

const VAULT: TokenReading = { provider: 'the Vault CSI provider', fallback: 'vault' };
const OPENBAO: TokenReading = { provider: 'OpenBao\'s CSI provider', fallback: 'openbao' };

/**
 * How the providers that may serve a class pick their token: Vault's for a class VAULT_TLS takes for Vault's or whose
 * provider's name holds `vault`; OpenBao's for one it takes for OpenBao's or whose provider's name holds `bao`.
 */
function readingsOf(manifest: any): TokenReading[] {
  const provider = typeof manifest.spec.provider === 'string' ? manifest.spec.provider : '';
  return [
    ...(isVaultProviderClass(manifest) || /vault/i.test(provider) ? [VAULT] : []),
    ...(isOpenBaoProviderClass(manifest) || /bao/i.test(provider) ? [OPENBAO] : []),
  ];
}


/**
 * The audiences every CSIDriver `secrets-store.csi.k8s.io` checked with the object asks the kubelet for tokens of
 * (`spec.tokenRequests[].audience`), which the driver hands the provider in `csi.storage.k8s.io/serviceAccount.tokens`;
 * undefined when none is checked.
 */
function driverAudiences(context: IRuleContext | undefined): ReadonlySet<string> | undefined {
  const drivers = (context?.manifests ?? []).filter((m) => m?.kind === 'CSIDriver' && typeof m.apiVersion === 'string'
    && m.apiVersion.startsWith('storage.k8s.io/') && m.metadata?.name === SECRETS_STORE_CSI_DRIVER);
  if (drivers.length === 0) return undefined;
  const each = drivers.map((d) => new Set(asArray(d.spec?.tokenRequests).map((t) => t?.audience).filter((a): a is string => typeof a === 'string' && a !== '')));
  return new Set([...each[0]].filter((a) => each.every((s) => s.has(a))));
}

const REPLAY = 'so Vault, and whoever reads the login on its way, can use the token against the Kubernetes API as the pod\'s ServiceAccount until it expires';

/**
 * The problem of an empty (or unset) audience under `readings`, or undefined when the CSIDriver checked with it asks the
 * kubelet for a token of each provider's fallback audience (which the provider then logs in with): what happens first,
 * then why, in a sentence of its own.
 */
function emptyProblem(state: string, readings: readonly TokenReading[], context: IRuleContext | undefined): string | undefined {
  const asked = driverAudiences(context);
  const missing = readings.filter((r) => !asked?.has(r.fallback));
  if (missing.length === 0) return undefined;
  const one = missing.length === 1;
  const uses = one
    ? `the provider uses a token of audience '${missing[0].fallback}'`
    : missing.map((r, i) => `${r.provider} ${i === 0 ? 'uses a token' : 'one'} of audience '${r.fallback}'`).join(' and ');
  const none = asked === undefined ? 'no CSIDriver checked with it does' : 'the CSIDriver checked with it does not';
  return `is ${state}: ${missing.map((r) => r.provider).join(' and ')} then ${one ? 'logs' : 'log'} in to Vault with a ServiceAccount token of the API server's `
    + `own audience, ${REPLAY}. ${state === 'empty' ? 'With an empty audience' : 'Without an audience'}, ${uses} if the CSIDriver ${SECRETS_STORE_CSI_DRIVER} `
    + `has the kubelet make ${one ? 'one' : 'them'} (spec.tokenRequests), and ${none}, so ${one ? 'it requests' : 'they request'} a token with no audience, `
    + 'which the API server issues for its own';
}

/** The fix of an empty (or unset) audience of a class: a dedicated one, else the fallback tokens asked of the driver. */
function emptyFix(state: string, readings: readonly TokenReading[]): string {
  const requests = readings.map((r) => `{ audience: ${r.fallback} }`).join(', ');
  return 'Set the audience parameter to one only Vault accepts, such as audience: vault (which VaultSecretProviderClass sets by default), and give the Vault '
    + 'role the same audience (vault write auth/kubernetes/role/<role> audience=vault …); or, to leave it '
    + `${state}, add ${requests} to spec.tokenRequests of the CSIDriver ${SECRETS_STORE_CSI_DRIVER} and give the Vault role that audience.`;
}

const API_SERVER_PROBLEM = `is the API server's own audience: the provider logs in to Vault with a ServiceAccount token of that audience, ${REPLAY}`;

const VOLUME_FIX = 'Remove the audience attribute (leave only secretProviderClass in volumeAttributes) and set a dedicated audience in the '
  + 'SecretProviderClass (VaultSecretProviderClass sets audience: vault).';

/** The problem of an audience that holds a variable replaced by a value from outside before the provider reads it. */
const chosenProblem = (v: ChosenVariable) => `holds ${v.text}, ${v.replacedBy}: whoever gives that value chooses the audience of the ServiceAccount `
  + `token the provider logs in to Vault with, the API server's own included, ${REPLAY}`;

const CHOSEN_FIX = 'Write a dedicated audience in the SecretProviderClass, not a variable: audience: vault (which VaultSecretProviderClass sets by default), '
  + 'and give the Vault role the same audience (vault write auth/kubernetes/role/<role> audience=vault …).';

/**
 * The problem of the audience `value` a class or volume gives the provider (of a volume that `replaced` says, or a class's), or
 * undefined for a dedicated one.
 */
function audienceProblem(
  value: unknown, readings: readonly TokenReading[], context: IRuleContext | undefined, replaced: Replacing,
): string | undefined {
  if (value === undefined || value === null) return emptyProblem('not set', readings, context);
  const text = jsString(value);
  if (text === '') return emptyProblem('empty', readings, context);
  // its variables from outside take known values only (an enum): each audience they make is judged as written
  const expanded = typeof value === 'string' ? expansions(value, replaced) : undefined;
  if (expanded !== undefined) {
    for (const e of expanded) {
      const found = audienceProblem(e.text, readings, context, 'workload');
      if (found !== undefined) return withNote({ problem: found }, e.note).problem;
    }
    return undefined;
  }
  const chosen = typeof value === 'string' ? chosenVariable(value, replaced) : undefined;
  if (chosen !== undefined) {
    // a value from outside that the text around it lets become the API server's audience (or none), or a cloud's token exchange's
    if (mayBeApiServerAudience(value as string, replaced)) return chosenProblem(chosen);
    const cloud = mayBeCloudStsAudience(value as string, replaced);
    return cloud === undefined ? undefined : `holds ${chosen.text}, ${chosen.replacedBy}: whoever gives that value can make the audience `
      + `"${cloud.audience}", ${cloud.cloud}: ${cloudExchange('may')}`;
  }
  if (isApiServerAudience(text)) return API_SERVER_PROBLEM;
  const cloud = cloudStsAudience(text);
  return cloud === undefined ? undefined : `is ${cloud}: ${cloudExchange('can')}`;
}

/** What a token of a cloud's token exchange audience lets Vault and whoever reads the login do. */
const cloudExchange = (can: string) => `where the pod's ServiceAccount is federated with that cloud, Vault, and whoever reads the login on its way, ${can} `
  + 'exchange the token the provider logs in with for the cloud credentials of the ServiceAccount\'s role until it expires';

/**
 * The Vault and OpenBao CSI providers log in with a ServiceAccount token of a dedicated audience.
 *
 * Both providers (hashicorp/vault-csi-provider v1.7 internal/config `parseParameters` and internal/auth
 * `AuthRequest`; openbao/openbao-csi-provider likewise) read the class's `audience` parameter. When the driver
 * hands them tokens (`csi.storage.k8s.io/serviceAccount.tokens`, filled when the CSIDriver object has
 * `tokenRequests`), they take the one of that audience, or of `vault` (OpenBao's: `openbao`) when it is empty;
 * without one, they create a token for the pod with a TokenRequest whose audiences are that parameter, none when
 * it is empty, and the API server then issues it for its own audiences. Vault's Kubernetes auth sends the token to
 * the API server's TokenReview, and the token stays valid at the API server for its 15 minutes: whoever reads
 * it at Vault (an audit device that logs it, a plugin, a proxy in front of Vault) calls the Kubernetes API as the
 * pod's ServiceAccount. An audience that holds a variable Tekton or Tekton Triggers replaces with a value from outside
 * (a run's param, an event's value: private/secrets-store `chosenVariable`) is chosen by whoever gives that value.
 */
export const VAULT_TOKEN_AUDIENCE = manifestRule(
  {
    id: RuleId.VAULT_TOKEN_AUDIENCE,
    severity: Severity.MEDIUM,
    title: 'The Vault and OpenBao CSI providers log in with a ServiceAccount token of a dedicated audience, never the API server\'s',
    rationale:
      'The provider sends the pod\'s ServiceAccount token to Vault to log in: a token of the API server\'s audience is also a '
      + 'credential for the Kubernetes API, so Vault, its audit logs and anything on the way can act as the pod\'s ServiceAccount '
      + 'until it expires; a token of a cloud\'s token exchange audience (sts.amazonaws.com, api://AzureADTokenExchange) can be '
      + 'exchanged there for the cloud role the ServiceAccount is federated with; a token of a dedicated audience is refused by both.',
    fix: 'Set the audience parameter to one only Vault accepts (audience: vault, which VaultSecretProviderClass sets by default) and '
      + 'the same audience on the Vault role (vault write auth/kubernetes/role/<role> audience=vault …).',
    decidesFrom:
      'SecretProviderClasses of the Vault or OpenBao provider (recognised as VAULT_READ_ONLY recognises them), as both providers '
      + 'read them (hashicorp/vault-csi-provider v1.7.4 internal/config `parseParameters` and internal/auth `AuthRequest`; '
      + 'openbao/openbao-csi-provider likewise): the `audience` parameter (no `vault…` or `bao…` spelling) unset or empty is a '
      + 'finding, as the provider then takes the token the driver hands it for audience `vault` (OpenBao\'s: `openbao`; a class '
      + 'either provider may serve needs both), and without one requests a token with no audience, which the API server issues '
      + 'for its own; it is no finding when every CSIDriver `secrets-store.csi.k8s.io` checked with the class has a '
      + '`spec.tokenRequests` entry of that audience. An audience that is the API server\'s by default is a finding too: its '
      + 'in-cluster name (`kubernetes`, `kubernetes.default`, `kubernetes.default.svc`, `kubernetes.default.svc.<domain>`, as a '
      + 'bare host or an http(s) URL, case aside) or the service-account issuer of a GKE, EKS or AKS cluster. So is the audience a cloud\'s '
      + 'token exchange takes a ServiceAccount token of for the cloud role it is federated with (case aside): `sts.amazonaws.com` (also '
      + '`sts.<region>.amazonaws.com`, `.com.cn`) and `pods.eks.amazonaws.com` (EKS), `api://AzureADTokenExchange` (also `…China`, '
      + '`…USGov`), `<project>.svc.id.goog` (GKE Workload Identity) and `//iam.googleapis.com/projects/…/providers/…` (Google workload '
      + 'identity federation, also `https:`). The Secrets Store CSI '
      + 'driver copies a CSI volume\'s `volumeAttributes` over the class\'s parameters, so an `audience` attribute, empty or the API '
      + 'server\'s, is judged the same way (an empty one needs both fallbacks asked for), in the `volumes` of task specs, the '
      + 'volumes of runs\' pod templates, the `csi` workspace bindings of PipelineRuns and TaskRuns and the volumes of '
      + WORKLOAD_VOLUMES_TEXT + ' (but a volume of the driver\'s `mock_provider`).' + DEFAULT_POD_TEMPLATE_TEXT + CONFIG_DEFAULTS_OBJECT_TEXT
      + ' An audience that holds a variable replaced by a value from outside before the provider reads it is a finding too where the text '
      + 'around the variable lets that value make it the API server\'s own or empty (`https://$(params.host)`, not `vault-$(params.env)`), '
      + 'or one of a cloud\'s token exchange above (`$(params.project).svc.id.goog`, `sts.$(params.region).amazonaws.com`, '
      + '`api://$(params.app)`; not `vault-$(params.env)`, which could only be `vault-….svc.id.goog`, of a project whose ID starts with '
      + '`vault-`), '
      + 'since whoever gives the value chooses it: ' + CHOSEN_VARIABLES_TEXT + '.',
    limits:
      'The API server\'s own audiences (`--api-audiences`, else its `--service-account-issuer`) are not visible: an issuer other than '
      + 'the spellings above (a self-managed cluster\'s own URL) is taken for a dedicated audience. A CSIDriver not checked with the '
      + 'class is not seen: without one, an empty audience is a finding whatever the cluster\'s driver asks for. A volume\'s audience '
      + 'is judged without its class (which provider serves it is not looked up). Whether the Vault role checks the audience '
      + '(`audience` on the role) is Vault\'s, not visible here. The pod templates of other kinds (custom resources, an operator\'s '
      + 'own objects) are not read. An audience whose text before a value from outside may begin a Google Cloud project ID '
      + '(`vault-$(params.env)`, `vault-$(tt.params.env)`) is taken for dedicated: any value makes it a cloud\'s token exchange audience '
      + 'only as `vault-<rest>.svc.id.goog`, the Workload Identity pool of a GKE cluster in a project whose ID begins `vault-`, and the '
      + 'cluster\'s project is not visible here; a finding would be false in every other cluster for a common audience per environment. '
      + 'In a cluster of such a project, give the param an `enum` (each value is then judged as written) or write the audience out.'
      + CHOSEN_VARIABLES_LIMIT,
    howToRelax:
      "`{ rule: RuleId.VAULT_TOKEN_AUDIENCE, reason: '<why>', target: RelaxationTarget.configKey('audience') }` for a class, given to the "
      + "construct's `relaxations` or to `Relaxations.of(construct).add(...)`; a volume's finding has the volume's target "
      + "(`RelaxationTarget.workspace('<name>')` for a run's binding, `RelaxationTarget.task('<task>')` for a pipeline task's, none for the "
      + 'object\'s own volumes). In YAML for the audit: ' + relaxAnnotation(RuleId.VAULT_TOKEN_AUDIENCE, 'key/audience: <why>') + ' (or `*`).',
    relaxable: true,
    appliesTo: (m: any) => isVaultOrOpenBaoClass(m) || podSecretsStoreVolumes(m).length > 0 || isConfigDefaultsNamed(m),
  },
  (manifest, context): Problem[] => {
    if (isVaultOrOpenBaoClass(manifest)) {
      const params = isObject(manifest.spec.parameters) ? manifest.spec.parameters : {};
      const value = params[AUDIENCE];
      const readings = readingsOf(manifest);
      const problem = audienceProblem(value, readings, context, 'class');
      const unset = value === undefined || value === null;
      const chosen = typeof value === 'string' && chosenVariable(value, 'class') !== undefined;
      return problem === undefined ? [] : [{
        property: `parameters.${AUDIENCE}`,
        ...(unset ? {} : { value: jsString(value) }),
        target: `key/${AUDIENCE}`,
        problem,
        ...(unset || jsString(value) === '' ? { fix: emptyFix(unset ? 'unset' : 'empty', readings) } : chosen ? { fix: CHOSEN_FIX } : {}),
      }];
    }
    return podSecretsStoreProblems(manifest, context?.manifests, (v): Problem[] => {
      const attributes = v.csi.volumeAttributes;
      if (isMockProviderVolume(v.csi) || !isObject(attributes) || !Object.prototype.hasOwnProperty.call(attributes, AUDIENCE)) return [];
      const value = attributes[AUDIENCE];
      const problem = audienceProblem(value, [VAULT, OPENBAO], context, v);
      return problem === undefined ? [] : [{
        ...(v.location === undefined ? {} : { location: v.location }),
        ...(v.target === undefined ? {} : { target: v.target }),
        property: `${v.property}.volumeAttributes.${AUDIENCE}`,
        value: jsString(value),
        problem: `${problem} (the Secrets Store CSI driver gives the provider the volume's attributes in place of the SecretProviderClass's parameters)`,
        fix: VOLUME_FIX,
      }];
    });
  },
);
