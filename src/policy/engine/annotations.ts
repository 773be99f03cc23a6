/**
 * How relaxations are written into an object, read back from one, and how the
 * library seals what it wrote.
 *
 * One annotation per relaxed rule, `secure-tekton/relax.<RULE>`, one line per
 * relaxation: `<target>: <reason>`, where the target is `*` for the whole
 * object. Reasons are single lines, so a reason cannot forge a second entry.
 * A line without a target is not honoured (synth, the audit and the admission
 * policies read the records the same way).
 */
import type * as Crypto from 'crypto';
import { RELAXATION_ANNOTATION_PREFIX, SEAL_ANNOTATION } from '../../private/annotations';
import { coversAddress, findingAddress, isTarget, targetInObject } from '../../private/targets';
import { jsString, MIN_REASON_LENGTH, visibleLength } from '../../private/text';
import { RecordedRelaxation, RelaxationSource } from '../relaxation';
import { Finding, IRuleContext } from '../rule';
import { RuleId } from '../rule-id';

/** Whether a rule may be relaxed (the catalogue knows; passed in so that this module does not depend on it). */
export type IsRelaxable = (rule: RuleId) => boolean;

/** The target written for a relaxation of the whole object. */
export const WHOLE_OBJECT = '*';

/** What a relaxation annotation line says. */
export interface AnnotationEntry {
  readonly rule: string;
  readonly target?: string;
  readonly reason: string;
  /** The line as the annotation writes it (the whole value, when that is not a string). */
  readonly line: string;
  /** Why the audit does not honour it, if it does not. */
  readonly problem?: string;
}

/** The relaxation annotations recording `relaxations`. */
export function relaxationAnnotations(relaxations: ReadonlyArray<Pick<RecordedRelaxation, 'rule' | 'target' | 'reason'>>): Record<string, string> {
  const lines = new Map<string, string[]>();
  for (const r of relaxations) {
    const key = `${RELAXATION_ANNOTATION_PREFIX}${r.rule}`;
    const line = `${r.target ?? WHOLE_OBJECT}: ${r.reason}`;
    const list = lines.get(key) ?? [];
    if (!list.includes(line)) list.push(line);
    lines.set(key, list);
  }
  return Object.fromEntries([...lines].map(([k, v]) => [k, v.join('\n')]));
}

/** Whether an annotation key is one the library writes for relaxations or sealing. */
export function isPolicyAnnotation(key: string): boolean {
  return key.startsWith(RELAXATION_ANNOTATION_PREFIX) || key === SEAL_ANNOTATION;
}

/** Every relaxation annotation line of a manifest, with the reason it is not honoured, if any. */
export function readRelaxationAnnotations(manifest: any, isRelaxable: IsRelaxable): AnnotationEntry[] {
  const annotations = manifest?.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return [];
  const out: AnnotationEntry[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(RELAXATION_ANNOTATION_PREFIX)) continue;
    const rule = key.slice(RELAXATION_ANNOTATION_PREFIX.length);
    if (typeof value !== 'string') {
      out.push({ rule, reason: jsString(value), line: jsString(value), problem: 'is not a string' });
      continue;
    }
    for (const line of recordLines(value)) out.push(readLine(rule, line, isRelaxable));
  }
  return out;
}

/** A record line, `<target>: <reason>` (the target `*` or a target path). */
export const RECORD_LINE = /^([^\s:]+): (.*)$/;

/** The lines of a relaxation annotation's value that hold anything. */
export function recordLines(value: string): string[] {
  return value.split(/\r?\n/).filter((line) => line.trim() !== '');
}

function readLine(rule: string, line: string, isRelaxable: IsRelaxable): AnnotationEntry {
  const m = RECORD_LINE.exec(line);
  const scoped = m !== null && (m[1] === WHOLE_OBJECT || isTarget(m[1]));
  const target = scoped && m[1] !== WHOLE_OBJECT ? m[1] : undefined;
  const reason = (scoped ? m[2] : line).trim();
  const base = { rule, reason, line, ...(target !== undefined ? { target } : {}) };
  if (!Object.values(RuleId).includes(rule as RuleId)) return { ...base, problem: 'names no rule' };
  if (!isRelaxable(rule as RuleId)) return { ...base, problem: 'names a rule that cannot be relaxed' };
  if (!scoped) return { ...base, problem: 'names no target (write "*: <reason>" for the whole object, or "step/<name>: <reason>" …)' };
  if (visibleLength(reason) < MIN_REASON_LENGTH) return { ...base, problem: `has a reason of fewer than ${MIN_REASON_LENGTH} visible characters` };
  return base;
}

/**
 * The relaxations an object's annotations record that meet the library's rules, and who recorded them.
 * `sealed`: whether the records are the library's (by default, whether the object carries its seal;
 * an item of a list never is, an object a TriggerTemplate creates is when the TriggerTemplate is).
 */
export function honouredRelaxations(
  manifest: any, path: string, isRelaxable: IsRelaxable, sealed: boolean = isSealed(manifest),
): RecordedRelaxation[] {
  const source = sealed ? RelaxationSource.LIBRARY : RelaxationSource.HAND_EDIT;
  return readRelaxationAnnotations(manifest, isRelaxable)
    .filter((e) => e.problem === undefined)
    .map((e) => {
      // a TaskRun of a pipeline task reads its Pipeline's records for that task as its own
      const target = targetInObject(manifest, e.target);
      return { rule: e.rule as RuleId, reason: e.reason, path, source, ...(target !== undefined ? { target } : {}) };
    });
}

/**
 * JSON with object keys sorted (by UTF-16 code units), undefined-valued keys left out and
 * anything JSON cannot hold as `null`, so that equal objects give equal text. Built as one
 * list of parts, joined once.
 */
export function canonical(value: any): string {
  const parts: string[] = [];
  const write = (v: any): void => {
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        write(v[i]);
      }
      parts.push(']');
    } else if (v && typeof v === 'object') {
      parts.push('{');
      let first = true;
      for (const k of Object.keys(v).sort()) {
        if (v[k] === undefined) continue;
        if (!first) parts.push(',');
        first = false;
        parts.push(JSON.stringify(k), ':');
        write(v[k]);
      }
      parts.push('}');
    } else {
      parts.push(JSON.stringify(v) ?? 'null');
    }
  };
  write(value);
  return parts.join('');
}

/** The seal of an object: a digest of everything but the seal annotation itself. */
export function sealOf(manifest: any): string {
  const copy = { ...manifest, metadata: { ...manifest?.metadata, annotations: { ...manifest?.metadata?.annotations } } };
  delete copy.metadata.annotations[SEAL_ANNOTATION];
  if (Object.keys(copy.metadata.annotations).length === 0) delete copy.metadata.annotations;
  // (node's crypto is loaded when a seal is computed: an audit of objects without one never needs it)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof Crypto;
  return `sha256:${createHash('sha256').update(canonical(copy)).digest('hex')}`;
}

/**
 * Whether the object carries the seal the library wrote and is unchanged since.
 * The seal tells edits apart from what was synthesized; it is not a signature
 * (anyone can compute it): authenticity is the job of signing (Chains, trusted
 * resources).
 */
export function isSealed(manifest: any): boolean {
  const written = manifest?.metadata?.annotations?.[SEAL_ANNOTATION];
  return typeof written === 'string' && written === sealOf(manifest);
}

/** Adds the seal annotation to a manifest (in place) and returns it. */
export function seal(manifest: any): any {
  manifest.metadata = manifest.metadata ?? {};
  manifest.metadata.annotations = manifest.metadata.annotations ?? {};
  delete manifest.metadata.annotations[SEAL_ANNOTATION];
  manifest.metadata.annotations[SEAL_ANNOTATION] = sealOf(manifest);
  return manifest;
}

/** A relaxation as a rule reads it: its rule and target, and the parts below the target it leaves out. */
export type ContextRelaxation = Pick<RecordedRelaxation, 'rule' | 'target' | 'reason'> & { readonly excludes?: readonly string[] };

/** The relaxation that covers a finding, if any (same rule, and a target at or above the finding's, or its `field/` address). */
export function coveringRelaxation<R extends Pick<RecordedRelaxation, 'rule' | 'target'> & { readonly excludes?: readonly string[] }>(
  finding: Pick<Finding, 'rule' | 'target'> & { readonly property?: string; readonly value?: string }, relaxations: readonly R[],
): R | undefined {
  // a finding without a target is at `field/<property>=<value>` (findingAddress): a record of that address covers it alone
  return relaxations.find((r) => r.rule === finding.rule && coversAddress(r.target, findingAddress(finding))
    && !(r.excludes ?? []).some((prefix) => finding.target?.startsWith(prefix)));
}

/** The relaxations of an object that a context knows (at synth: those the app gives the object), by context. */
const KNOWN_RELAXATIONS = new WeakMap<IRuleContext, (manifest: any) => readonly ContextRelaxation[] | undefined>();

/**
 * The relaxations of the relaxable rule `rule` that apply to `manifest` when checked in `context`,
 * for a rule that judges by what another rule's relaxation allows (a token RUN_TOKEN_AUTOMOUNT is
 * relaxed for is mounted on purpose): those the context knows (at synth, those the app gives the
 * object, the library's own records such as an API grant's among them), else the records of the
 * object's annotations that the audit honours.
 */
export function relaxationsOf(context: IRuleContext | undefined, manifest: any, rule: RuleId): ContextRelaxation[] {
  const known = context === undefined ? undefined : KNOWN_RELAXATIONS.get(context)?.(manifest);
  if (known !== undefined) return known.filter((r) => r.rule === rule);
  return honouredRelaxations(manifest, '', (r) => r === rule);
}


/** Tells rules checked in `context` the relaxations of its objects (see relaxationsOf): at synth, those the app gives each object. */
export function knowRelaxations(context: IRuleContext, relaxations: (manifest: any) => readonly ContextRelaxation[] | undefined): void {
  KNOWN_RELAXATIONS.set(context, relaxations);
}
