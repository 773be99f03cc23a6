/**
 * Checks a Docker `config.json` for use inside a pod.
 * @returns the problem, or undefined when it is usable
 */
export function dockerConfigProblem(configJson: string): { property: string; problem: string } | undefined {
  let config: any;
  try {
    config = JSON.parse(configJson);
  } catch {
    return { property: 'configJson', problem: 'is not valid JSON' };
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    return { property: 'configJson', problem: 'is not a JSON object' };
  }
  for (const key of ['credsStore', 'credHelpers']) {
    if (config[key] !== undefined) {
      return { property: `configJson.${key}`, problem: 'names a credential helper, which does not exist in a pod (no keychain, no helper binary)' };
    }
  }
  if (!config.auths || typeof config.auths !== 'object' || Object.keys(config.auths).length === 0) {
    return { property: 'configJson.auths', problem: 'is missing or empty' };
  }
  return undefined;
}
