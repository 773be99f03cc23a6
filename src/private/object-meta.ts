import { jsString } from './text';
/**
 * What kubectl checks of a document before it takes it as an object: cli-runtime's
 * metadataValidatingDecoder decodes it into TypeMeta and ObjectMeta (k8s.io/apimachinery
 * meta/v1) with encoding/json's rules, keys case-sensitive (util/json), and refuses the
 * document ("unable to decode") when a field there has the wrong type. null is every field's
 * zero value; keys it does not know are ignored.
 */

/** A step of a path: a key or an index. */
type Step = string | number;

/** Why kubectl cannot decode the document: where (from the object) and what it needed. */
export interface MetadataError {
  readonly path: Step[];
  readonly message: string;
}

type FieldType = 'string' | 'int64' | 'bool' | 'time' | 'any' | 'labels' | 'strings' | { readonly [field: string]: FieldType } | readonly [FieldType];

const OWNER_REFERENCE: FieldType = { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' };
const MANAGED_FIELDS_ENTRY: FieldType = {
  manager: 'string', operation: 'string', apiVersion: 'string', time: 'time', fieldsType: 'string', fieldsV1: 'any', subresource: 'string',
};

/** metadataOnlyObject: TypeMeta inline, ObjectMeta as metadata. */
const METADATA_ONLY_OBJECT: FieldType = {
  apiVersion: 'string',
  kind: 'string',
  metadata: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'time',
    deletionTimestamp: 'time',
    deletionGracePeriodSeconds: 'int64',
    labels: 'labels',
    annotations: 'labels',
    ownerReferences: [OWNER_REFERENCE],
    finalizers: 'strings',
    managedFields: [MANAGED_FIELDS_ENTRY],
  },
};

/** time.Parse(time.RFC3339, s) (metav1.Time's UnmarshalJSON): the forms and ranges it accepts. */
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d?):(\d\d):(\d\d)(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d))$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > (month === 2 && leap ? 29 : DAYS[month - 1])) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  // the offset's hours up to 24 and minutes up to 60, as Go's parser allows
  return m[7] === undefined || (Number(m[7]) <= 24 && Number(m[8]) <= 60);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a sequence';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a number' : `the number ${v}`;
  return 'a boolean';
}

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

/**
 * The number at a path as the JSON kubectl decodes writes it: as written in a JSON document; for
 * YAML, an integer beyond 2^53 (undefined for other numbers, which JavaScript writes as
 * sigs.k8s.io/yaml does).
 */
export type NumberLiteral = (path: Step[]) => string | undefined;

/** `path` is where v is; it is copied only into an error. */
function check(v: unknown, type: FieldType, path: Step[], literal?: NumberLiteral): MetadataError | undefined {
  if (v === null || v === undefined || type === 'any') return undefined;
  const wrong = (needed: string): MetadataError => ({ path: [...path], message: `must be ${needed}, not ${describe(v)}` });
  if (type === 'string') return typeof v === 'string' ? undefined : wrong('a string');
  if (type === 'bool') return typeof v === 'boolean' ? undefined : wrong('a boolean');
  if (type === 'int64') {
    // (2^63 - 1 and 2^63 are the same number here: which was written is told by the literal)
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -(2 ** 63) || v > 2 ** 63) return wrong('an integer (int64)');
    const written = literal?.([...path]);
    if (written !== undefined && /[.eE]/.test(written)) return { path: [...path], message: `must be an integer (int64), not ${written} (encoding/json reads no fraction or exponent into one)` };
    // without the literal, ±2^63 came from a float, which the JSON writes as 9223372036854776000
    const digits = written ?? jsString(v);
    const n = BigInt(digits);
    return n < MIN_INT64 || n > MAX_INT64 ? { path: [...path], message: `must be an integer (int64) from ${MIN_INT64} to ${MAX_INT64}, not ${digits}` } : undefined;
  }
  if (type === 'time') {
    if (typeof v !== 'string') return wrong('an RFC 3339 time');
    return isRfc3339(v) ? undefined : { path: [...path], message: `must be an RFC 3339 time (2006-01-02T15:04:05Z), not ${JSON.stringify(v)}` };
  }
  if (type === 'labels' || (typeof type === 'object' && !Array.isArray(type))) {
    if (typeof v !== 'object' || Array.isArray(v)) return wrong('a mapping');
    const o = v as Record<string, unknown>;
    for (const k in o) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      // a label's value: only a non-string is checked (most are strings)
      const x = o[k];
      if (type === 'labels' && (typeof x === 'string' || x === null)) continue;
      const field = type === 'labels' ? 'string' : Object.prototype.hasOwnProperty.call(type, k) ? (type as Record<string, FieldType>)[k] : undefined;
      if (field === undefined) continue;
      path.push(k);
      const e = check(x, field, path, literal);
      path.pop();
      if (e) return e;
    }
    return undefined;
  }
  if (!Array.isArray(v)) return wrong('a sequence');
  const item: FieldType = type === 'strings' ? 'string' : (type as readonly [FieldType])[0];
  for (let i = 0; i < v.length; i++) {
    path.push(i);
    const e = check(v[i], item, path, literal);
    path.pop();
    if (e) return e;
  }
  return undefined;
}

/** Why kubectl cannot decode the document's type and object metadata, or undefined when it can. */
export function metadataError(document: Record<string, unknown>, literal?: NumberLiteral): MetadataError | undefined {
  return check(document, METADATA_ONLY_OBJECT, [], literal);
}

/** A path as the message writes it: `metadata.labels["app.kubernetes.io/name"]`, `metadata.finalizers[0]`. */
export function formatPath(path: readonly Step[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `${i === 0 ? '' : '.'}${s}` : `[${JSON.stringify(s)}]`)).join('');
}
