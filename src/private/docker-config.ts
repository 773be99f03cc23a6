import { goJsonField } from './go-json';

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
    const wrongType = field === 'credsStore' ? value !== null && typeof value !== 'string' : value !== null && !isMap(value);
    if (wrongType) {
      return { property: `configJson.${key}`, problem: `is not a JSON ${field === 'credsStore' ? 'string' : 'object'}, so the registry clients cannot read the file` };
    }
    if (field === 'credsStore') {
      if (typeof value === 'string') decoded.credsStore = [key, value];
    } else if (field === 'auths') {
      decoded.auths = value === null ? undefined : { ...decoded.auths, ...(value as Record<string, unknown>) };
    } else {
      const bad = Object.entries(value ?? {}).find(([, h]) => h !== null && typeof h !== 'string');
      if (bad !== undefined) return { property: `configJson.${key}`, problem: `names the helper ${JSON.stringify(bad[1])} for ${bad[0]}, which is not a string, so the registry clients cannot read the file` };
      const helpers = Object.entries(value ?? {}).map(([registry, helper]) => [registry, [key, helper]]);
      decoded.credHelpers = value === null ? undefined : { ...decoded.credHelpers, ...Object.fromEntries(helpers) };
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
  return undefined;
}
