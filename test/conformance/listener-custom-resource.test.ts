/**
 * An EventListener's customResource as the audit reads it (listener-pods.ts customObject, goDecode) against Tekton Triggers'
 * controller's own reading (conformance/triggers/cmd/triggers-custom: the API server's unstructured round trip, which sorts
 * every object's keys by their bytes, then custom.go MakeCustomObject's encoding/json decoding into duckv1.WithPod).
 *
 * Data: hand-written customResources (case-variant keys of a field in either order, three spellings of a list whose later,
 * shorter lists reuse the entries past their length, null and [] between them), then generated ones (fast-check, seed printed;
 * PROPERTY_SEED and PROPERTY_RUNS choose others): case-variant and nested keys in random order, nulls and empty lists at any depth.
 * Only customResources Go decodes without an error are compared (one it fails makes no object).
 */
import * as fc from 'fast-check';
import { customObject } from '../../src/private/listener-pods';
import { CustomDecoded, describeWithTriggersCustom, triggersCustom } from '../helpers/triggers-custom';
import { customEventListener } from '../policy/rules/fixtures';

/** A value with what Go's JSON leaves out removed: null, "", 0, false, empty lists and objects (an empty entry of a list kept as {} or ""); keys sorted. */
function normal(v: unknown): unknown {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map((e) => normal(e) ?? (e === '' ? '' : {}));
  if (typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, e]) => [k, normal(e)] as const)
    .filter(([, e]) => e !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** The audit's reading in the oracle's form. */
function audited(custom: unknown): unknown {
  const o = customObject(customEventListener(custom))!;
  const containers = o.pod.containers?.map((c: any) => ({ env: c?.env, resources: c?.resources }));
  const { kind, apiVersion, namespace, labels, templateLabels, annotations } = o;
  return normal({ kind, apiVersion, namespace, labels, templateLabels, annotations, pod: { ...o.pod, containers } });
}

/** The customResources Go decodes, each with the audit's reading and Go's where they differ. */
function compare(customs: readonly unknown[]): { compared: number; differ: Array<{ custom: unknown; audit: unknown; go: unknown }> } {
  const answers: CustomDecoded[] = triggersCustom(customs.map((c) => customEventListener(c)));
  const differ: Array<{ custom: unknown; audit: unknown; go: unknown }> = [];
  let compared = 0;
  customs.forEach((custom, i) => {
    if (answers[i].error !== undefined) return;
    compared++;
    const audit = audited(custom);
    const go = normal(answers[i]);
    if (JSON.stringify(audit) !== JSON.stringify(go)) differ.push({ custom, audit, go });
  });
  return { compared, differ };
}

const pod = (spec: Record<string, unknown>) => ({ spec: { template: { spec } } });

describeWithTriggersCustom("an EventListener's customResource: the audit reads what Triggers' controller decodes", () => {
  test('hand-written: case-variant keys in either order, a shorter later list over the entries past its length, null and []', () => {
    const customs = [
      // the API server sorts the keys: Tolerations (0x54) is decoded before tolerations (0x74), whatever the order written
      pod({ tolerations: [{ operator: 'Exists' }], Tolerations: [{ operator: 'Equal' }] }),
      pod({ Tolerations: [{ operator: 'Equal' }], tolerations: [{ operator: 'Exists' }] }),
      // TOLERATIONS, Tolerations, tolerations: the third reuses the second entry the first left past the second's length
      pod({ TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }], Tolerations: [{ key: 'b' }], tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }] }),
      pod({ tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }], Tolerations: [{ key: 'b' }], TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }] }),
      // [] and null make a new slice: nothing is reused
      pod({ TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }], Tolerations: [], tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }] }),
      pod({ TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }], Tolerations: null, tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }] }),
      // a longest list decoded before the shorter one before the last
      pod({ TOLERATIONS: [{ key: 'a' }, { key: 'b' }, { operator: 'Exists' }], Tolerations: [{ key: 'b' }], tolerations: [{}, {}, {}] }),
      // the other fields: an affinity's lists, topologySpreadConstraints, env, serviceAccountName, nodeSelector, labels, namespace
      pod({
        Affinity: {
          nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }] } },
        },
        affinity: { NodeAffinity: { RequiredDuringSchedulingIgnoredDuringExecution: { NodeSelectorTerms: [{ MatchExpressions: [{ operator: 'Exists' }] }] } } },
      }),
      pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone' }], TopologySpreadConstraints: [{ whenUnsatisfiable: 'ScheduleAnyway' }] }),
      pod({ containers: [{ env: [{ name: 'A', value: 'x' }, { name: 'B' }], Env: [{ name: 'C' }], ENV: [{ value: 'y' }, {}] }] }),
      pod({ serviceAccountName: 'a', ServiceAccountName: 'b', SERVICEACCOUNTNAME: 'c' }),
      pod({ nodeSelector: { a: '1' }, NodeSelector: null }),
      pod({ NodeSelector: { a: '1' }, nodeSelector: null }),
      { metadata: { namespace: 'a', labels: { x: '1' } }, Metadata: { Namespace: 'b', Labels: null } },
      { Spec: { template: { spec: { tolerations: [{ operator: 'Exists' }] } } }, spec: { Template: { Spec: { Tolerations: [{ key: 'k' }] } } } },
    ];
    const r = compare(customs);
    expect(r.compared).toBe(customs.length);
    expect(r.differ.map((d) => JSON.stringify(d))).toEqual([]);
  }, 120_000);

  type Shape = 'string' | 'int' | { readonly map: true } | { readonly struct: Readonly<Record<string, Shape>> } | { readonly slice: Shape };
  const requirements: Shape = { slice: { struct: { key: 'string', operator: 'string', values: { slice: 'string' } } } };
  const terms: Shape = { slice: { struct: { matchExpressions: requirements } } };
  const selector: Shape = { struct: { matchLabels: { map: true }, matchExpressions: requirements } };
  const term: Shape = { struct: { labelSelector: selector, topologyKey: 'string', namespaces: { slice: 'string' } } };
  const POD: Shape = {
    struct: {
      serviceAccountName: 'string',
      nodeSelector: { map: true },
      tolerations: { slice: { struct: { key: 'string', operator: 'string', value: 'string', effect: 'string', tolerationSeconds: 'int' } } },
      affinity: {
        struct: {
          nodeAffinity: {
            struct: {
              requiredDuringSchedulingIgnoredDuringExecution: { struct: { nodeSelectorTerms: terms } },
              preferredDuringSchedulingIgnoredDuringExecution: { slice: { struct: { weight: 'int', preference: { struct: { matchExpressions: requirements } } } } },
            },
          },
          podAntiAffinity: { struct: { requiredDuringSchedulingIgnoredDuringExecution: { slice: term } } },
        },
      },
      topologySpreadConstraints: { slice: { struct: { maxSkew: 'int', topologyKey: 'string', whenUnsatisfiable: 'string', labelSelector: selector } } },
      containers: {
        slice: {
          struct: {
            env: { slice: { struct: { name: 'string', value: 'string', valueFrom: { struct: { secretKeyRef: { struct: { name: 'string', key: 'string' } } } } } } },
            resources: { struct: { limits: { map: true }, requests: { map: true } } },
          },
        },
      },
    },
  };
  const meta: Shape = { struct: { namespace: 'string', labels: { map: true }, annotations: { map: true } } };
  const CUSTOM: Shape = { struct: { kind: 'string', metadata: meta, spec: { struct: { template: { struct: { metadata: meta, spec: POD } } } } } };

  /** A key's spellings Go reads as the same field. */
  const spellings = (f: string) => [f, f[0].toUpperCase() + f.slice(1), f.toUpperCase(), f.toLowerCase()];

  /** Values of a shape: a null or an empty list now and then, a struct's keys in several spellings in random order, lists of 0 to 3 entries. */
  function value(shape: Shape, depth: number): fc.Arbitrary<unknown> {
    const nullOr = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 8, arbitrary: a });
    if (shape === 'string') return nullOr(fc.constantFrom('a', 'b', 'Exists', 'Equal', 'NoSchedule', ''));
    if (shape === 'int') return nullOr(fc.integer({ min: 0, max: 3 }));
    if ('map' in shape) return nullOr(fc.dictionary(fc.constantFrom('a', 'b', 'cpu', 'A'), fc.constantFrom('1', '2')));
    if ('slice' in shape) return nullOr(fc.array(value(shape.slice, depth + 1), { maxLength: depth > 4 ? 1 : 3 }));
    const fields = Object.entries(shape.struct);
    const member = fc.integer({ min: 0, max: fields.length - 1 }).chain((i) =>
      fc.tuple(fc.constantFrom(...spellings(fields[i][0])), value(fields[i][1], depth + 1)));
    return nullOr(fc.array(member, { maxLength: depth < 2 ? 4 : 5 }).map((ms) => Object.fromEntries(ms)));
  }

  test('generated customResources: the audit reads what Go decodes', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261207);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 600);
    // eslint-disable-next-line no-console
    console.log(`listener customResource differential: ${numRuns} generated customResources, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const customs = fc.sample(value(CUSTOM, 0).filter((c) => c !== null), { seed, numRuns });
    const r = compare(customs);
    // eslint-disable-next-line no-console
    console.log(`listener customResource differential: ${r.compared} of ${numRuns} decoded by Go and compared, ${r.differ.length} read otherwise`);
    expect(r.compared).toBeGreaterThan(numRuns / 2);
    expect(r.differ.slice(0, 2).map((d) => JSON.stringify(d))).toEqual([]);
  }, 120_000);
});
