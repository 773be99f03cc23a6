import { asArray } from './containers';

/** The `rules` of a Role or ClusterRole, with a location for each. */
export function rbacRulesOf(manifest: any): Array<{ location: string; rule: any }> {
  if (manifest?.kind !== 'Role' && manifest?.kind !== 'ClusterRole') return [];
  return asArray(manifest.rules).map((rule, i) => ({ location: `rules[${i}]`, rule }));
}
