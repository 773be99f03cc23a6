import { goJsonField, GoType, goTypeMismatch } from './go-json';

/** The fields of docker/cli's `configfile.ConfigFile` (v29) that decide whether a pod can use a config.json. */
const FIELDS = ['auths', 'credsStore', 'credHelpers'] as const;

/**
 * The members of a JSON object text in order, duplicates kept, each value parsed: what JSON.parse folds
 * into one (the last of a repeated key) and encoding/json decodes one after the other.
 */
function jsonMembers(text: string): Array<{ readonly key: string; readonly value: unknown }> {
  const members: Array<{ key: string; value: unknown }> = [];
  let i = text.indexOf('{') + 1;
  const blank = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  /** The end of the string token that starts at i. */
  const stringEnd = (start: number) => {
    let j = start + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  for (blank(); text[i] === '"'; blank()) {
    const keyEnd = stringEnd(i);
    const key = JSON.parse(text.slice(i, keyEnd));
    i = keyEnd;
    blank();
    i++; // ':'
    blank();
    const start = i;
    for (let depth = 0; ;) {
      const c = text[i];
      if (c === '"') {
        i = stringEnd(i);
      } else if (c === '{' || c === '[') {
        depth++;
        i++;
      } else if (depth > 0 && (c === '}' || c === ']')) {
        depth--;
        i++;
      } else if (depth === 0 && (c === ',' || c === '}' || c === undefined)) {
        break;
      } else {
        i++;
      }
    }
    members.push({ key, value: JSON.parse(text.slice(start, i)) });
    if (text[i] === ',') i++;
    blank();
  }
  return members;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

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

/**
 * Checks a Docker `config.json` for use inside a pod, as the registry clients read it: docker/cli's configfile
 * (v29), which go-containerregistry's default keychain (crane, kaniko, ko) uses, decodes it with Go's
 * encoding/json. That matches each key to a field case-insensitively (`Auths`, `CredsStore` and `CREDHELPERS` are
 * `auths`, `credsStore` and `credHelpers`; an exact spelling first) and decodes every member in turn: a repeated map
 * field merges its entries into the map (a null empties it), a repeated string keeps the last (a null changes
 * nothing), and a value of another type fails the whole file.
 * @returns the problem, with the key as written, or undefined when it is usable
 */
export function dockerConfigProblem(configJson: string): { property: string; problem: string } | undefined {
  let config: any;
  try {
    config = JSON.parse(configJson);
  } catch {
    return { property: 'configJson', problem: 'is not valid JSON' };
  }
  if (!isMap(config)) {
    return { property: 'configJson', problem: 'is not a JSON object' };
  }
  const decoded: { auths?: Record<string, unknown>; credsStore?: [string, string]; credHelpers?: Record<string, [string, unknown]> } = {};
  for (const { key, value } of jsonMembers(configJson)) {
    const field = goJsonField(key, FIELDS);
    if (field === undefined) continue;
    // these three fields' own types first (an auths entry's are judged with every field's, below), a helper not a string by its registry
    const bad = goTypeMismatch(value, CONFIG_FILE[field], key);
    if (bad?.at === key) return { property: `configJson.${key}`, problem: `is not a JSON ${bad.wanted}, so the registry clients cannot read the file` };
    if (bad !== undefined && field === 'credHelpers') {
      const registry = bad.at.slice(key.length + 1);
      return {
        property: `configJson.${key}`,
        problem: `names the helper ${JSON.stringify((value as Record<string, unknown>)[registry])} for ${registry}, which is not a string, so the registry clients cannot read the file`,
      };
    }
    if (field === 'credsStore') {
      if (typeof value === 'string') decoded.credsStore = [key, value];
    } else if (field === 'auths') {
      decoded.auths = value === null ? undefined : { ...decoded.auths, ...(value as Record<string, unknown>) };
    } else {
      const helpers = Object.entries(value ?? {}).map(([registry, helper]) => [registry, [key, helper]]);
      decoded.credHelpers = value === null ? undefined : { ...decoded.credHelpers, ...Object.fromEntries(helpers) };
    }
  }
  // (encoding/json fails the whole file on the first value of another type than its field's: docker/cli v29 run, `"psFormat": 1`,
  // `"auths": {"ghcr.io": "x"}` and `"username": 5` in an entry each failed the file)
  for (const { key, value } of jsonMembers(configJson)) {
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
  if (decoded.auths === undefined || Object.keys(decoded.auths).length === 0) {
    return { property: 'configJson.auths', problem: 'is missing or empty' };
  }
  // (docker/cli v29's LoadFromReader decodes each entry's auth, failing the file where it cannot: run, `"auth": "not base64!"` and
  // base64 of "usernocolon" or ":p" each failed it)
  for (const [registry, entry] of Object.entries(decoded.auths)) {
    if (!isMap(entry)) continue;
    const authKey = Object.keys(entry).filter((k) => goJsonField(k, ['auth']) === 'auth').pop();
    const auth = authKey === undefined ? undefined : entry[authKey];
    const problem = typeof auth === 'string' && auth !== '' ? authProblem(auth) : undefined;
    if (problem !== undefined) {
      return { property: `configJson.auths.${registry}.${authKey}`, problem: `${problem}, so the registry clients cannot read the file` };
    }
  }
  return undefined;
}
