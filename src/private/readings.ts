/**
 * The readings of a ConfigMap a Tekton operator writes over one of its target namespace
 * (config-defaults, chains-config): the operator's installer applies what it writes with
 * manifestival's three-way merge (tektoncd/operator v0.81.0, tektoninstallerset's
 * EnsureNamespaceScopedResources), so every key it writes takes its value, the keys kubectl last
 * applied that it does not write are removed, and those of a ConfigMap created otherwise (kubectl
 * create, Helm, server-side apply) stay. Which one the cluster holds is not known: each is a
 * reading, named in the findings only some of them have.
 */
import { manifestNamespace } from './namespaces';

/** One reading: how messages name it, with more than one, and the fix that makes the readings one. */
export interface ConfigMapReading {
  /** With more than one reading: which one this is (`as TektonConfig 'config' writes it alone, …`). */
  readonly reading?: string;
  /** With `reading`: how to make the readings one, the fix of a finding only some of them have. @default - the finding's own */
  readonly readingFix?: string;
}

/** The path of a key in a ConfigMap, for messages: `data['artifacts.oci.signer']`. */
export function dataKey(key: string): string {
  return `data['${key}']`;
}

/** How messages name a ConfigMap by its namespace: `ConfigMap 'config-defaults' in tekton-pipelines`, or `without a namespace`. */
export function namedConfigMap(manifest: any, name: string): string {
  const namespace = manifestNamespace(manifest);
  return `ConfigMap '${name}' ${namespace === undefined ? 'without a namespace' : `in ${namespace}`}`;
}

/** The reading of what the operator's object (`writer`) writes alone: the ConfigMaps `kept` were applied with kubectl. */
export function writtenAloneReading(writer: string, kept: readonly any[], name: string): string {
  return `as ${writer} writes it alone, if kubectl apply created ${kept.map((m) => namedConfigMap(m, name)).join(', ')}`;
}

/** The reading of a ConfigMap whose `keys` the operator's object (`writer`) does not write, which its apply keeps. */
export function keptReading(writer: string, manifest: any, keys: readonly string[], name: string): string {
  return `with ${keys.map(dataKey).join(', ')} that ${namedConfigMap(manifest, name)} keeps beside what ${writer} writes, unless kubectl apply created it`;
}

/** A problem found in a reading, said to be so: ` (reading <name> <reading>)` after its text. */
export function inReading(text: string, name: string, reading: string | undefined): string {
  return reading === undefined ? text : `${text} (reading ${name} ${reading})`;
}

/**
 * What a rule finds over the readings of ConfigMap `name` (`judge` of each): a problem every
 * reading finds as it is, one only some find once, with ` (reading <name> …)` after its text,
 * naming the first reading that finds it, and the reading's fix (the problem's own when it has none).
 */
export function readingsProblems<R extends ConfigMapReading, P extends { readonly problem: string; readonly fix?: string }>(
  name: string,
  readings: readonly R[],
  judge: (reading: R) => readonly P[],
): P[] {
  const found = readings.map((r) => judge(r));
  const key = (p: P) => JSON.stringify(p);
  const seen = new Set<string>();
  const out: P[] = [];
  found.forEach((problems, i) => {
    for (const p of problems) {
      const k = key(p);
      if (seen.has(k)) continue;
      seen.add(k);
      const everywhere = found.every((other) => other.some((q) => key(q) === k));
      const reading = readings[i].reading;
      const fix = readings[i].readingFix ?? p.fix;
      out.push(everywhere || reading === undefined ? p
        : { ...p, problem: inReading(p.problem, name, reading), ...(fix === undefined ? {} : { fix }) });
    }
  });
  return out;
}

/**
 * What each reading gives (`of` each), each item once (by `key`): without a reading when every reading gives it, else
 * with the first reading that does, as readingsProblems names a problem only some readings have.
 */
export function acrossReadings<R extends ConfigMapReading, T>(
  readings: readonly R[],
  of: (reading: R) => readonly T[],
  key: (item: T) => string,
): Array<{ readonly item: T; readonly reading?: string }> {
  const found = readings.map((r) => new Map(of(r).map((item) => [key(item), item])));
  const out: Array<{ readonly item: T; readonly reading?: string }> = [];
  const seen = new Set<string>();
  found.forEach((items, i) => {
    for (const [k, item] of items) {
      if (seen.has(k)) continue;
      seen.add(k);
      const reading = found.every((other) => other.has(k)) ? undefined : readings[i].reading;
      out.push(reading === undefined ? { item } : { item, reading });
    }
  });
  return out;
}
