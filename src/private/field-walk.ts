/**
 * Walks a value along a tree of field names (src/private/field-names.ts): the keys a Go type
 * decoded strictly, or a structural schema, does not know.
 */
import { FieldTree, NETWORK_POLICY_FIELDS } from './field-names';
import { ownKey } from './own';

/** The tree of every value of a map node (`{ '*': tree }`: param and result `properties`), or undefined for any other tree. */
export function mapValues(tree: FieldTree): FieldTree | undefined {
  if (typeof tree !== 'object') return undefined;
  const keys = Object.keys(tree);
  return keys.length === 1 && keys[0] === '*' ? tree['*'] : undefined;
}

/** The fields of a Kubernetes ObjectMeta (k8s.io/apimachinery, the same in every kind: a NetworkPolicy's). */
export const OBJECT_META_FIELDS: FieldTree = (NETWORK_POLICY_FIELDS as Record<string, FieldTree>).metadata;

/**
 * The first key below `node` that `tree` does not know, with where it is (`at`, then `.key`
 * and `[i]` for each step down; a field the tree leaves open, 0 or a shape's name, is not walked).
 */
export function unknownField(node: unknown, tree: FieldTree, at: string): { at: string; key: string } | undefined {
  if (tree === 0 || typeof tree === 'string' || node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) {
      const found = unknownField(item, tree, `${at}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const values = mapValues(tree);
  for (const [key, value] of Object.entries(node)) {
    if (values === undefined && !ownKey(tree, key)) return { at, key };
    const found = unknownField(value, values ?? tree[key], at === '' ? key : `${at}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
