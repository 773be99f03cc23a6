/**
 * The one helper every construct of the library composes (jsii does not allow a
 * shared base class here): record relaxations, register what it emits, add
 * structural checks, and build refusals from an options object.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { canonical } from './annotations';
import { Attributor, Embedding, Enforcement, RelaxationForOptions } from './enforcement';
import { checkedRelaxation, deriveRelaxations, recordRelaxations, StoredRelaxation } from './relaxation-store';
import { WrittenYaml } from './written-yaml';
import { dnsLabelLike, firstDuplicate, isDns1123Label } from '../../private/names';
import { RuleCatalogue } from '../catalogue';
import { SecureTektonError, SecureTektonErrorProps } from '../errors';
import type { Relaxation } from '../relaxation';
import { Finding } from '../rule';
import { RuleId } from '../rule-id';

/** A value for a message: at most 120 characters. */
function truncated(text: string): string {
  const chars = [...text];
  return chars.length <= 120 ? text : `${chars.slice(0, 120).join('')}… (${chars.length} characters)`;
}

/** Names are probed once per process (a name reads the same way in every app). */
const WRITTEN = new WrittenYaml();

/** A refusal as a construct states it; the construct kind and path are added. */
export interface RefusalOptions {
  /** Where inside the construct, e.g. `step 'compile'`. */
  readonly location?: string;
  /** The prop as the user wrote it. */
  readonly property: string;
  /** The offending value. */
  readonly value?: string;
  /** What is wrong. */
  readonly problem: string;
  /** The rule. */
  readonly rule: RuleId;
  /** How to fix it, as code for this API. */
  readonly fix: string;
}

/** The policy of each construct of the library, to tell a construct another one made. */
const POLICIES = new WeakMap<IConstruct, ConstructPolicy>();

/** The policy side of one construct of the library. */
export class ConstructPolicy {
  private readonly engine: Enforcement;
  private takesRelaxations = false;
  /** The construct its refusals name instead of this one, when the user reaches it only through that one. */
  private shownAs?: () => { readonly kind: string; readonly path: string } | undefined;

  constructor(private readonly construct: IConstruct, private readonly kind: string) {
    this.engine = Enforcement.of(construct);
    POLICIES.set(construct, this);
  }

  /**
   * The library construct that made this one, when it is its scope and takes relaxations in
   * its props (a SecurePipeline's EgressPolicy and ServiceAccount): its relaxations cover what
   * it made, whose props the user never wrote.
   */
  private madeBy(): { readonly kind: string; readonly path: string } | undefined {
    const scope = this.construct.node.scope;
    const parent = scope === undefined ? undefined : POLICIES.get(scope);
    return parent?.takesRelaxations ? { kind: parent.kind, path: parent.construct.node.path } : undefined;
  }

  /**
   * Names another construct in this one's refusals, when set and `shown` gives one: the
   * construct the user reaches this one through (a SecurePipeline's `egress`), whose props
   * the refusals then name.
   */
  public showAs(shown: () => { readonly kind: string; readonly path: string } | undefined): void {
    this.shownAs = shown;
  }

  /** Checks relaxations given in props and records them on the construct, optionally limited to a target. */
  public relax(relaxations: readonly Relaxation[] | undefined, scope?: { readonly target: string; readonly location: string }): StoredRelaxation[] {
    if (scope === undefined) this.takesRelaxations = true;
    return recordRelaxations(this.construct, this.kind, relaxations, scope);
  }

  /**
   * Checks relaxations the construct gives itself in code (a hardened task's own step), as
   * `Relaxations.of(x).add` checks them: a relaxable rule and a reason of at least 10 visible
   * characters, limited to `scope`. `call` names them in refusals, e.g. `_relaxEmittedStep('build')`.
   */
  public checkOwnRelaxations(
    relaxations: readonly Relaxation[], call: string, scope: { readonly target: string; readonly location: string },
  ): StoredRelaxation[] {
    return relaxations.map((r, i) => checkedRelaxation(r, {
      construct: this.kind,
      path: this.construct.node.path,
      location: scope.location,
      property: `${call}[${i}]`,
    }, scope.target));
  }

  /** Relaxations the library derives from its model, produced when needed (so later changes reach them). */
  public derive(produce: () => ReadonlyArray<Omit<StoredRelaxation, 'path' | 'origin' | 'derived'> & { readonly location?: string }>): void {
    deriveRelaxations(this.construct, () => produce().map((r) => ({
      ...r,
      path: this.construct.node.path,
      derived: true,
      origin: { construct: this.kind, path: this.construct.node.path, location: r.location, property: 'relaxations' },
    })));
  }

  /** Registers an object the construct emits; `attribute` restates its findings in the construct's props. */
  public emit<T extends ApiObject>(apiObject: T, attribute?: Attributor): T {
    this.engine.own(apiObject, {
      construct: this.construct,
      kind: this.kind,
      attribute,
      relaxationsProp: () => this.takesRelaxations,
      madeBy: () => this.madeBy(),
      shownAs: () => this.shownAs?.(),
    });
    return apiObject;
  }

  /**
   * Checks a manifest the construct makes the app run without writing it (the
   * content of a task a resolver fetches) with the whole catalogue at synth, with
   * the construct's relaxations; its findings are refusals of the construct, their
   * location prefixed with `location`. The posture report shows its posture, with
   * `source` (where a resolver fetches it from).
   */
  public checkUnwritten(
    produce: () => any,
    options: { readonly location?: string; readonly attribute?: Attributor; readonly source?: string } = {},
  ): void {
    this.engine.checkUnwritten(produce, {
      construct: this.construct,
      kind: this.kind,
      attribute: options.attribute,
      location: options.location,
      source: options.source,
      relaxationsProp: () => this.takesRelaxations,
      madeBy: () => this.madeBy(),
      shownAs: () => this.shownAs?.(),
    });
  }

  /**
   * Registers the task specs a Pipeline object embeds in place of Task objects the
   * library emitted: their findings and relaxations are the Tasks'.
   */
  public embed(pipeline: ApiObject, embeddings: () => Embedding[]): void {
    this.engine.embed(pipeline, embeddings);
  }

  /** A step run at synth before anything is checked. */
  public prepare(run: () => void): void {
    this.engine.addPreparation(run);
  }

  /**
   * Registers the credentials workspaces the model knows for a Pipeline object, and those it
   * declares with another trust domain (any other workspace of the written object counts as credentials).
   */
  public declareCredentialWorkspaces(pipeline: ApiObject, credentials: () => string[], others: () => string[]): void {
    this.engine.declareCredentialWorkspaces(pipeline, credentials, others);
  }

  /** Registers targets of an object its JSON does not show (the pipeline tasks of a run that refers to its Pipeline). */
  public declareTargets(apiObject: ApiObject, targets: () => string[]): void {
    this.engine.declareTargets(apiObject, targets);
  }

  /** A structural check run at synth, with every other check and the catalogue; it returns its refusals. */
  public check(run: () => RefusalOptions[]): void {
    this.engine.addCheck(() => run().map((o) => this.refusal(o)));
  }

  /**
   * A structural check whose refusals the construct's own relaxations (its props) may cover:
   * each refusal comes with the relaxation target it is of (`task/build`); a relaxation of its
   * rule with that target, or with none (unless `options.requireTarget`), covers it and counts as
   * used, and is recorded in the annotations of `options.recordOn` when given. `holders` are the
   * constructs whose relaxations count (by default this one alone).
   */
  public checkRelaxable(
    run: () => ReadonlyArray<RefusalOptions & { readonly target: string }>,
    holders: () => readonly IConstruct[] = () => [this.construct],
    options: RelaxationForOptions = {},
  ): void {
    this.engine.addCheck(() => run()
      .filter((o) => holders().every((h) => this.engine.relaxationFor(h, o.rule, o.target, options) === undefined))
      .map(({ target: _target, ...o }) => this.refusal(o)));
  }

  /**
   * Holds objects that no rule of the catalogue judges (the admission policies, a pipeline's
   * deny-all NetworkPolicy) to what the construct emitted: at synth, one whose apiVersion, kind,
   * name, namespace or spec differs from what it
   * was when this is called (an escape-hatch patch), or that was taken out of the app, is
   * refused. Call it once the objects are complete; `fix` (or what it gives at synth) says how to change them through props.
   */
  public holdAsEmitted(objects: readonly ApiObject[], fix: string | (() => string)): void {
    const held = (json: any) => ({
      apiVersion: json?.apiVersion, kind: json?.kind, name: json?.metadata?.name, namespace: json?.metadata?.namespace, spec: json?.spec,
    });
    const emitted = objects.map((o) => ({ o, json: held(o.toJson()) }));
    // a construct taken out of the app writes nothing: it is held to nothing
    const inApp = (c: IConstruct): boolean => {
      for (let x = c; x.node.scope !== undefined; x = x.node.scope) if (x.node.scope.node.tryFindChild(x.node.id) !== x) return false;
      return true;
    };
    this.check(() => (!inApp(this.construct) ? [] : emitted.flatMap(({ o, json }): RefusalOptions[] => {
      const where = `${json.kind} '${json.name}'`;
      if (!inApp(o)) {
        return [{
          location: where,
          property: 'node.path',
          value: o.node.path,
          rule: RuleId.VALID_SPEC,
          fix: typeof fix === 'string' ? fix : fix(),
          problem: 'was taken out of the app, so the cluster would not hold the rule it enforces',
        }];
      }
      const written = held(o.toJson());
      const changed = (['apiVersion', 'kind', 'name', 'namespace'] as const).find((k) => written[k] !== json[k])
        ?? [...new Set([...Object.keys(json.spec ?? {}), ...Object.keys(written.spec ?? {})])].sort()
          .map((k) => `spec.${k}`).find((k) => canonical(written.spec?.[k.slice(5)]) !== canonical(json.spec?.[k.slice(5)]))
        ?? (canonical(written.spec) !== canonical(json.spec) ? 'spec' : undefined);
      if (changed === undefined) return [];
      const value = changed.startsWith('spec') ? (changed === 'spec' ? written.spec : written.spec?.[changed.slice(5)])
        : written[changed as 'apiVersion' | 'kind' | 'name' | 'namespace'];
      return [{
        location: where,
        property: changed === 'name' || changed === 'namespace' ? `metadata.${changed}` : changed,
        value: value === undefined ? '(removed)' : truncated(typeof value === 'string' ? value : JSON.stringify(value)),
        rule: RuleId.VALID_SPEC,
        fix: typeof fix === 'string' ? fix : fix(),
        problem: `differs from what ${this.kind} wrote (an escape-hatch patch): no rule of the catalogue judges this object, which decides what the cluster admits`,
      }];
    })));
  }

  /** A refusal of this construct. */
  public refusal(o: RefusalOptions): SecureTektonErrorProps {
    const shown = this.shownAs?.();
    return { construct: shown?.kind ?? this.kind, path: shown?.path ?? this.construct.node.path, ...o };
  }

  /** The error for a refusal of this construct. */
  public error(o: RefusalOptions): SecureTektonError {
    return new SecureTektonError(this.refusal(o));
  }

  /** Throws every finding of a rule run at construction (if any), as refusals of this construct. */
  public throwFindings(findings: readonly Finding[]): void {
    if (findings.length === 0) return;
    const [first, ...more] = findings.map((f) => this.refusal({
      location: f.location,
      property: f.property,
      value: f.value,
      problem: f.problem,
      rule: f.rule,
      fix: f.fix ?? RuleCatalogue.find(f.rule)?.fix ?? '',
    }));
    throw new SecureTektonError(first, ...more);
  }

  /** Throws unless `name` is a DNS-1123 label. */
  public checkName(property: string, name: string, location?: string): void {
    if (!isDns1123Label(name)) {
      // a construct's name defaults to its id: say so, and offer one
      const fromId = property === 'name' && location === undefined && name === this.construct.node.id;
      const suggestion = dnsLabelLike(name);
      throw this.error({
        location,
        property,
        value: name,
        problem: fromId ? 'is not a DNS-1123 label (the name defaults to the construct id)' : 'is not a DNS-1123 label',
        rule: RuleId.VALID_NAME,
        fix: fromId && suggestion !== undefined
          ? `Give the construct a name (name: '${suggestion}') or a lower-case id: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.`
          : 'Use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
      });
    }
    // a label such as 0o10 that cdk8s writes unquoted and kubectl reads as a number
    const misread = WRITTEN.valueProblem(name);
    if (misread !== undefined) {
      throw this.error({
        location,
        property,
        value: name,
        problem: misread.problem,
        rule: RuleId.VALID_NAME,
        fix: `Use a name that starts with a letter, e.g. '${/^[0-9]/.test(name) ? 'v' : 'x'}${name}'.`,
      });
    }
  }

  /** Throws on the first name that appears twice. */
  public checkUnique(property: string, names: readonly string[], location?: string): void {
    const dup = firstDuplicate(names);
    if (dup !== undefined) {
      throw this.error({
        location,
        property,
        value: dup,
        problem: 'is declared twice',
        rule: property === 'tasks' ? RuleId.VALID_DAG : RuleId.VALID_NAME,
        fix: 'Give each one a distinct name.',
      });
    }
  }
}
