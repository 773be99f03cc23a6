/**
 * The strings of a run's pod template into which Tekton substitutes the TaskRun's params
 * (v1.15 `ApplyPodTemplateReplacements`, pkg/reconciler/taskrun/resources/apply.go), as a
 * tree: the catalogue's RUN_POD_OVERRIDES walks it over a template, and the admission
 * policies turn it into CEL, so that both read exactly these fields.
 */

/** A node of the tree: the strings substituted at and below one place of a pod template. */
export interface SubstitutedNode {
  /** The string here is substituted. */
  leaf?: boolean;
  /** Fields of the object here, by name. */
  fields?: Record<string, SubstitutedNode>;
  /** Every element of the list here. */
  each?: SubstitutedNode;
  /** The map here: its keys are substituted too (`nodeSelector`, `matchLabels`), or its values only (`volumeAttributes`). */
  map?: { keys: boolean; values: SubstitutedNode };
}

function labelSelector(at: string): string[] {
  return [`${at}.matchLabels{}`, `${at}.matchExpressions[].key`, `${at}.matchExpressions[].values[]`];
}
function nodeSelectorTerm(at: string): string[] {
  return ['matchExpressions', 'matchFields'].flatMap((f) => [`${at}.${f}[].key`, `${at}.${f}[].values[]`]);
}
function podAffinityTerm(at: string): string[] {
  return [...labelSelector(`${at}.labelSelector`), `${at}.topologyKey`, ...labelSelector(`${at}.namespaceSelector`), `${at}.namespaces[]`];
}
function podAffinity(at: string): string[] {
  return [
    ...podAffinityTerm(`${at}.requiredDuringSchedulingIgnoredDuringExecution[]`),
    ...podAffinityTerm(`${at}.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm`),
  ];
}
const SC = 'securityContext';

/**
 * Every place of a pod template Tekton v1.15 substitutes params into, in ApplyPodTemplateReplacements'
 * order, as paths: `.` between fields, `[]` for every element of a list, `{}` for every key
 * and value of a map, `{=}` for every value of a map.
 */
export const POD_TEMPLATE_SUBSTITUTED_PATHS: readonly string[] = [
  'nodeSelector{}',
  ...['key', 'value', 'operator', 'effect'].map((f) => `tolerations[].${f}`),
  ...nodeSelectorTerm('affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[]'),
  ...nodeSelectorTerm('affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[].preference'),
  ...podAffinity('affinity.podAffinity'),
  ...podAffinity('affinity.podAntiAffinity'),
  ...['user', 'role', 'type', 'level'].map((f) => `${SC}.seLinuxOptions.${f}`),
  ...['gmsaCredentialSpecName', 'gmsaCredentialSpec', 'runAsUserName'].map((f) => `${SC}.windowsOptions.${f}`),
  `${SC}.supplementalGroupsPolicy`,
  `${SC}.sysctls[].name`, `${SC}.sysctls[].value`,
  `${SC}.fsGroupChangePolicy`,
  `${SC}.seccompProfile.type`, `${SC}.seccompProfile.localhostProfile`,
  `${SC}.appArmorProfile.type`, `${SC}.appArmorProfile.localhostProfile`,
  `${SC}.seLinuxChangePolicy`,
  'runtimeClassName', 'schedulerName', 'priorityClassName',
  'imagePullSecrets[].name',
  'hostAliases[].ip', 'hostAliases[].hostnames[]',
  'topologySpreadConstraints[].topologyKey', ...labelSelector('topologySpreadConstraints[].labelSelector'),
  'dnsPolicy',
  'dnsConfig.nameservers[]', 'dnsConfig.searches[]', 'dnsConfig.options[].name', 'dnsConfig.options[].value',
  'volumes[].name',
  'volumes[].configMap.name', 'volumes[].configMap.items[].key', 'volumes[].configMap.items[].path',
  'volumes[].secret.secretName', 'volumes[].secret.items[].key', 'volumes[].secret.items[].path',
  'volumes[].persistentVolumeClaim.claimName',
  'volumes[].projected.sources[].configMap.name', 'volumes[].projected.sources[].secret.name',
  'volumes[].projected.sources[].serviceAccountToken.audience',
  'volumes[].csi.nodePublishSecretRef.name', 'volumes[].csi.volumeAttributes{=}',
  'env[].name', 'env[].value',
  'env[].valueFrom.configMapKeyRef.name', 'env[].valueFrom.configMapKeyRef.key',
  'env[].valueFrom.secretKeyRef.name', 'env[].valueFrom.secretKeyRef.key',
  'env[].valueFrom.fieldRef.fieldPath',
  'env[].valueFrom.resourceFieldRef.resource', 'env[].valueFrom.resourceFieldRef.containerName',
];

/** The paths as one tree (see SubstitutedNode). */
export const POD_TEMPLATE_SUBSTITUTED: SubstitutedNode = (() => {
  const root: SubstitutedNode = {};
  for (const path of POD_TEMPLATE_SUBSTITUTED_PATHS) {
    let node = root;
    for (const segment of path.split('.')) {
      const [, name, suffix] = /^([^[{]+)((?:\[\]|\{\}|\{=\})*)$/.exec(segment)!;
      node.fields ??= {};
      node = node.fields[name] ??= {};
      for (const s of suffix.match(/\[\]|\{\}|\{=\}/g) ?? []) {
        if (s === '[]') {
          node = node.each ??= {};
        } else {
          node.map ??= { keys: false, values: {} };
          if (s === '{}') node.map.keys = true;
          node = node.map.values;
        }
      }
    }
    node.leaf = true;
  }
  return root;
})();

/**
 * Every string of the pod template `template` that Tekton substitutes params into, map keys
 * included, in the template's own order, with its path (`nodeSelector.<key>`,
 * `tolerations[0].operator`).
 */
export function substitutedStrings(template: unknown, node: SubstitutedNode = POD_TEMPLATE_SUBSTITUTED, at = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (node.leaf && typeof template === 'string') out.push([at, template]);
  if (template === null || typeof template !== 'object') return out;
  if (Array.isArray(template)) {
    if (node.each) template.forEach((v, i) => out.push(...substitutedStrings(v, node.each, `${at}[${i}]`)));
    return out;
  }
  for (const [key, value] of Object.entries(template)) {
    const path = at === '' ? key : `${at}.${key}`;
    if (node.map) {
      if (node.map.keys) out.push([path, key]);
      out.push(...substitutedStrings(value, node.map.values, path));
    } else if (node.fields?.[key]) {
      out.push(...substitutedStrings(value, node.fields[key], path));
    }
  }
  return out;
}
