import { kubeletReferences } from './substitutions';

/**
 * A container's `env` map as the list Kubernetes reads, in the order it was written, except that
 * a variable another one references (`$(NAME)`, as the kubelet's `expansion.Expand` reads it) is
 * moved before the first variable that uses it: the kubelet expands `$(NAME)` in a value only from
 * the variables listed before it, and leaves the reference as written otherwise. A map from a
 * language without ordered maps (jsii's Go runtime passes keys sorted) then still expands.
 * In a cycle (`A: $(B)`, `B: $(A)`) the variable met first in the written order comes last.
 */
export function envInReferenceOrder(env: { readonly [name: string]: string }): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const ref of kubeletReferences(env[name]).values()) {
      if (ref !== name && Object.prototype.hasOwnProperty.call(env, ref)) visit(ref);
    }
    out.push({ name, value: env[name] });
  };
  Object.keys(env).forEach(visit);
  return out;
}
