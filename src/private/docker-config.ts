import { goDecode, goJsonField, goReadJson, GoType, goTypeMismatch, JsonMembers, jsonParsed, JsonText } from './go-json';

/** The fields of docker/cli's `configfile.ConfigFile` (v29) that decide whether a pod can use a config.json. */
const FIELDS = ['auths', 'credsStore', 'credHelpers'] as const;

const STRING_MAP: GoType = { map: 'string' };
/** docker/cli v29's `types.AuthConfig`. */
const AUTH_CONFIG: GoType = { struct: { username: 'string', password: 'string', auth: 'string', serveraddress: 'string', identitytoken: 'string', registrytoken: 'string' } };
/** docker/cli v29's `configfile.ConfigFile`, every field (`auths`, `credsStore` and `credHelpers` are read for what they hold too). */
const CONFIG_FILE: Readonly<Record<string, GoType>> = {
  auths: { map: AUTH_CONFIG },
  HttpHeaders: STRING_MAP,
  psFormat: 'string',
  imagesFormat: 'string',
  networksFormat: 'string',
  pluginsFormat: 'string',
  volumesFormat: 'string',
  statsFormat: 'string',
  detachKeys: 'string',
  credsStore: 'string',
  credHelpers: STRING_MAP,
  serviceInspectFormat: 'string',
  servicesFormat: 'string',
  tasksFormat: 'string',
  secretFormat: 'string',
  configFormat: 'string',
  nodesFormat: 'string',
  pruneFilters: { slice: 'string' },
  currentContext: 'string',
  cliPluginsExtraDirs: { slice: 'string' },
  proxies: { map: { struct: { httpProxy: 'string', httpsProxy: 'string', noProxy: 'string', ftpProxy: 'string', allProxy: 'string' } } },
  plugins: { map: STRING_MAP },
  aliases: STRING_MAP,
  features: STRING_MAP,
};

/**
 * Why docker/cli's `decodeAuth` (v29) refuses an `auth`, or undefined when it reads a user and password from it: Go's standard
 * base64 with its padding (line breaks ignored), holding `user:password` with a user.
 */
function authProblem(auth: string): string | undefined {
  const text = auth.replace(/[\r\n]/g, '');
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return 'is not base64 (Go\'s standard encoding, padded with =)';
  const decoded = Buffer.from(text, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon <= 0 ? 'is base64 of no user:password (a user, a colon, the password)' : undefined;
}

/** The fields of an `auths` entry that hold a credential (docker/cli v29's `types.AuthConfig`). */
const CREDENTIAL_FIELDS = ['auth', 'username', 'password', 'identitytoken', 'registrytoken'];

/**
 * Checks a Docker `config.json` for use inside a pod, as the registry clients read it: docker/cli's configfile
 * (v29), which go-containerregistry's default keychain (crane, kaniko, ko) uses, decodes it with Go's
 * encoding/json, the file's first JSON value only (`json.NewDecoder`: what follows is not read; a blank file is no
 * settings). That matches each key to a field case-insensitively (`Auths`, `CredsStore` and `CREDHELPERS` are
 * `auths`, `credsStore` and `credHelpers`; an exact spelling first) and decodes every member in turn, at every
 * depth: a repeated map field merges its entries into the map (a null empties it), a repeated string keeps the last
 * (a null changes nothing), and a value of another type fails the whole file, in a repeated key too.
 * @returns the problem, with the key as written, or undefined when it is usable
 */
export function dockerConfigProblem(configJson: string): { property: string; problem: string } | undefined {
  const read = goReadJson(configJson);
  if (read === undefined) {
    return { property: 'configJson', problem: 'is not valid JSON' };
  }
  const config = read.value ?? new JsonMembers([]);
  if (!(config instanceof JsonMembers)) {
    return { property: 'configJson', problem: 'is not a JSON object' };
  }
  // auths: each registry's entry, with the key of the member that set it, as written
  const decoded: {
    auths?: { key: string; entries: Map<string, { key: string; entry: JsonText }> };
    credsStore?: [string, string];
    credHelpers?: Record<string, [string, unknown]>;
  } = {};
  for (const { key, value } of config.members) {
    const field = goJsonField(key, FIELDS);
    if (field === undefined) continue;
    // these three fields' own types first (an auths entry's are judged with every field's, below), a helper not a string by its registry
    const bad = goTypeMismatch(value, CONFIG_FILE[field], key);
    if (bad?.at === key) return { property: `configJson.${key}`, problem: `is not a JSON ${bad.wanted}, so the registry clients cannot read the file` };
    if (bad !== undefined && field === 'credHelpers') {
      const registry = bad.at.slice(key.length + 1);
      return {
        property: `configJson.${key}`,
        problem: `names the helper ${JSON.stringify(jsonParsed(bad.value as JsonText))} for ${registry}, which is not a string, so the registry clients cannot read the file`,
      };
    }
    if (field === 'credsStore') {
      if (typeof value === 'string') decoded.credsStore = [key, value];
    } else if (field === 'auths') {
      const entries = (value as JsonMembers | null)?.members.map(({ key: registry, value: entry }) => [registry, { key, entry }] as const) ?? [];
      decoded.auths = value === null ? undefined : { key, entries: new Map([...decoded.auths?.entries ?? [], ...entries]) };
    } else {
      const helpers = Object.entries((jsonParsed(value) ?? {}) as Record<string, unknown>).map(([registry, helper]) => [registry, [key, helper]]);
      decoded.credHelpers = value === null ? undefined : { ...decoded.credHelpers, ...Object.fromEntries(helpers) };
    }
  }
  // (encoding/json fails the whole file on the first value of another type than its field's: docker/cli v29 run, `"psFormat": 1`,
  // `"auths": {"ghcr.io": "x"}` and `"username": 5` in an entry each failed the file, and so did `"username": 5, "username": "u"`)
  for (const { key, value } of config.members) {
    const field = goJsonField(key, Object.keys(CONFIG_FILE));
    const bad = field === undefined ? undefined : goTypeMismatch(value, CONFIG_FILE[field], key);
    if (bad !== undefined) {
      return { property: `configJson.${bad.at}`, problem: `is not a JSON ${bad.wanted}, so the registry clients cannot read the file` };
    }
  }
  const helper = Object.values(decoded.credHelpers ?? {}).find(([, h]) => h !== null && h !== '');
  for (const written of [decoded.credsStore?.[1] ? decoded.credsStore[0] : undefined, helper?.[0]]) {
    if (written !== undefined) {
      return { property: `configJson.${written}`, problem: 'names a credential helper, which does not exist in a pod (no keychain, no helper binary)' };
    }
  }
  if (decoded.auths === undefined || decoded.auths.entries.size === 0) {
    return { property: `configJson.${decoded.auths?.key ?? 'auths'}`, problem: 'is missing or empty' };
  }
  const entries = [...decoded.auths.entries].map(([registry, { key, entry }]) => ({
    registry, key, entry, fields: (goDecode(undefined, entry, AUTH_CONFIG) ?? {}) as Record<string, string | undefined>,
  }));
  // (docker/cli v29's LoadFromReader decodes each entry's auth, failing the file where it cannot: run, `"auth": "not base64!"` and
  // base64 of "usernocolon" or ":p" each failed it)
  for (const { registry, key, entry, fields: { auth } } of entries) {
    const problem = auth !== undefined && auth !== '' ? authProblem(auth) : undefined;
    if (problem !== undefined) {
      const authKey = (entry as JsonMembers).members.filter((m) => typeof m.value === 'string' && goJsonField(m.key, CREDENTIAL_FIELDS) === 'auth').pop()?.key;
      return { property: `configJson.${key}.${registry}.${authKey}`, problem: `${problem}, so the registry clients cannot read the file` };
    }
  }
  // (docker/cli v29 loads an entry of `{}`, null, `"auth": ""` or a registry named "": run, each read without error, and no client finds
  // a credential in it for a registry)
  if (!entries.some(({ registry, fields }) => registry !== '' && CREDENTIAL_FIELDS.some((f) => (fields[f] ?? '') !== ''))) {
    return {
      property: `configJson.${decoded.auths.key}`,
      problem: 'holds no credential for any registry: no entry with a registry name has a non-empty auth, username, password, identitytoken or '
        + 'registrytoken, so the registry clients send none and every push or pull that needs one is refused',
    };
  }
  return undefined;
}
