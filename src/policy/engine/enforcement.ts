/**
 * Whole-app enforcement: once per synth, every `ApiObject` of the app (the
 * library's, raw ones, imported L1s, cdk8s-plus objects) is resolved once,
 * given its relaxation annotations, checked against the catalogue, sealed, and
 * written exactly as checked. Manifests the app runs without writing them (the
 * content of a task a resolver fetches) are checked the same way, with the
 * relaxations of the construct that refers to them, and so are the objects a
 * written object creates per event (a TriggerTemplate's resource templates), with
 * the relaxations of the construct that wrote it. An object kubectl reads as a
 * list (one with `items`) is refused. Every unrelaxed finding of the app is
 * reported in one `SecureTektonError`, and nothing is written.
 */
import { isDeepStrictEqual } from 'util';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AnnotationEntry, coveringRelaxation, isPolicyAnnotation, readRelaxationAnnotations, relaxationAnnotations, seal } from './annotations';
import { ruleContext } from './context';
import { evaluateObject, RuleCrashError, unrelaxed } from './evaluate';
import { foldPipelineRecords } from './pipeline-records';
import { holdsRelaxations, relaxationsIn, StoredRelaxation } from './relaxation-store';
import { CheckedCharts, hasOwnToJson, synthChartsOnce } from './run-output';
import { annotationBytes, MAX_ANNOTATION_BYTES, Misread, WrittenYaml } from './written-yaml';
import { RELAXATION_ANNOTATION_PREFIX, SEAL_ANNOTATION } from '../../private/annotations';
import { asArray } from '../../private/containers';
import { dnsLabelLike } from '../../private/names';
import { sharedIdentity } from '../../private/object-identities';
import { formatPath } from '../../private/object-meta';
import { resourceTemplates, templatePath } from '../../private/resource-templates';
import { storedForm } from '../../private/stored-form';
import { coversAddress, findingAddress, targetsOf } from '../../private/targets';
import { MAX_REASON_LENGTH, normalizeReason } from '../../private/text';
import { withFastYaml } from '../../private/yaml-writer';
import { RuleCatalogue } from '../catalogue';
import { formatRefusal, SecureTektonError, SecureTektonErrorProps } from '../errors';
import { ObjectPosture, UnwrittenPosture } from '../posture';
import { Finding } from '../rule';
import { RuleId } from '../rule-id';
import { UNIQUE_OBJECTS } from '../rules/unique-objects';

/** A finding restated in the terms of the props the user wrote. */
export interface Attribution {
  /** Where inside the construct, in its own terms (e.g. `allow() 1`). @default - the finding's location */
  readonly location?: string;
  /** The prop, e.g. `runAsUser`. */
  readonly property: string;
  /** Its value as written. @default - none */
  readonly value?: string;
  /** What is wrong with it. @default - the finding's problem */
  readonly problem?: string;
  /** How to fix it, as code for this API. @default - the rule's fix */
  readonly fix?: string;
  /** Whether the hint of how to relax the rule follows `fix` (a fix that does not say how to relax). @default false */
  readonly thenRelaxHint?: boolean;
}

/** Restates a finding on an object the construct emitted, or says it cannot (the field was not set from a prop). */
export type Attributor = (finding: Finding, json: any) => Attribution | undefined;

/** The construct that emitted an object. */
export interface Owner {
  readonly construct: IConstruct;
  readonly kind: string;
  readonly attribute?: Attributor;
  /** Whether the construct takes `relaxations` in its props (the fix hint then says so). */
  readonly relaxationsProp: () => boolean;
  /** Put before the location of every finding, e.g. `content` for a manifest the construct does not write. @default - none */
  readonly location?: string;
  /** The library construct that made this one and takes relaxations, where the fix hint points. @default - none */
  readonly madeBy?: () => { readonly kind: string; readonly path: string } | undefined;
  /** The construct refusals name instead (the one the user reaches this one through). @default - this one */
  readonly shownAs?: () => { readonly kind: string; readonly path: string } | undefined;
  /** Where a resolver fetches the manifest the construct does not write (a RemoteTask's `source`). @default - not known */
  readonly source?: string;
}

/**
 * A task spec a Pipeline object embeds (a pipeline task's `taskSpec`) in place of
 * an object the library emitted (its Task): findings inside the spec are refusals
 * of the Task's owner, in its terms, and the relaxations that apply to the Task
 * apply to the spec, their targets moved below `task/<pipelineTask>`.
 */
export interface Embedding {
  /** Name of the pipeline task whose `taskSpec` it is. */
  readonly pipelineTask: string;
  /** The emitted object whose spec is embedded (written or not). */
  readonly source: ApiObject;
}

/** A manifest the app runs but does not write, checked with the relaxations of its owner and above. */
interface Unwritten {
  readonly produce: () => any;
  readonly owner: Owner;
}

/** The rules of the constructs' structural checks (and their reference checks), which refuse in the props' terms what TEKTON_ADMITTED finds in the object written. */
const STRUCTURAL_RULES: ReadonlySet<string> = new Set([RuleId.VALID_DAG, RuleId.VALID_NAME, RuleId.VALID_SPEC, RuleId.VALID_REFERENCE]);

/** A structural check run at synth; returns refusals instead of throwing so that all are reported at once. */
type Check = () => SecureTektonErrorProps[];

/** How a structural check's refusal is relaxed (`relaxationFor`). */
export interface RelaxationForOptions {
  /** Only a relaxation with the refusal's target covers it, not one of the whole construct. */
  readonly requireTarget?: boolean;
  /** The object whose relaxation annotations record the relaxation that covers it (sealed with them). */
  readonly recordOn?: IConstruct;
}

interface Checked {
  readonly apiObject: ApiObject;
  readonly json: any;
  /** The relaxations that may apply to it (held above it, for a rule that looks at it, with a target it has). */
  readonly relaxations: StoredRelaxation[];
  /** Whether it records relaxations (and so carries the seal). */
  sealed?: boolean;
}

/** An object a checked object creates per event (a TriggerTemplate's resource template), checked with the app. */
interface Template {
  /** The written object that holds it, sealed when the template records a relaxation. */
  readonly holder: Checked;
  readonly owner: Owner;
  readonly json: any;
  readonly relaxations: StoredRelaxation[];
}

const ENGINES = new WeakMap<IConstruct, Enforcement>();
/** Marks the synth methods this copy of the module wrapped (once per class; another copy wraps again and acts on its own apps). */
const WRAPPED = Symbol('synth wrapped by this copy of the library');

/**
 * The enforcement engine of one app. Constructs of the library reach it through
 * `ConstructPolicy`; the first one attaches it to the app.
 */
export class Enforcement {
  /** The engine of the app `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): Enforcement {
    const root = scope.node.root;
    let engine = ENGINES.get(root);
    if (!engine) {
      engine = new Enforcement(root);
      ENGINES.set(root, engine);
    }
    return engine;
  }

  private readonly owners = new Map<ApiObject, Owner>();
  private readonly checks: Check[] = [];
  /** The relaxations that covered refusals of a structural check in the current synth (they are used). */
  private readonly usedByChecks = new Set<StoredRelaxation>();
  /** The relaxations that covered refusals of a structural check, by the object whose annotations record them (in the current synth). */
  private readonly recordedByChecks = new Map<IConstruct, StoredRelaxation[]>();
  private readonly unwritten: Unwritten[] = [];
  private readonly declaredCredentials = new Map<ApiObject, { readonly credentials: () => string[]; readonly others: () => string[] }>();
  private readonly declaredTargets = new Map<ApiObject, () => string[]>();
  private readonly embeddings = new Map<ApiObject, () => Embedding[]>();
  private readonly preparations: Array<() => void> = [];
  private readonly postures = new WeakMap<object, ObjectPosture>();
  /** The same postures by the object written (its toJson() is a new object on each call). */
  private readonly posturesOfObjects = new WeakMap<ApiObject, ObjectPosture>();
  /** The postures of the unwritten manifests of the last check. */
  private lastUnwrittenPostures: readonly UnwrittenPosture[] = [];
  /** What a synth asks of the check as it reads the charts: check now, was this object checked, a chart's checked objects, a refusal. */
  private readonly checkedCharts: CheckedCharts = {
    ensure: () => this.ensureChecked(),
    isChecked: (apiObject) => this.pinnedSet.has(apiObject),
    checkedOf: (chart) => (this.checkedThisSynth ? this.ownToJsonCharts.get(chart) ?? new Map() : undefined),
    refuse: (chart, problems) => {
      const findings: SecureTektonErrorProps[] = problems.map((p) => ({
        construct: (p.chart ?? chart).constructor.name,
        path: (p.chart ?? chart).node.path,
        property: p.property ?? 'toJson()',
        value: p.value,
        problem: p.problem,
        rule: RuleId.VALID_SPEC,
        fix: p.fix ?? 'Add each object as an ApiObject construct of the chart and change objects with JSON patches '
          + "(apiObject.addJsonPatch(JsonPatch.replace('/spec/x', value))), not in toJson(): synth checks those; or remove the toJson() override.",
      }));
      return new SecureTektonError(findings[0], ...findings.slice(1));
    },
  };
  /** The relaxations each construct holds, during one check (see heldBy). */
  private held: Map<IConstruct, StoredRelaxation[]> | undefined;
  private pinned: ApiObject[] = [];
  /** The objects checked (and pinned) in this synth. */
  private pinnedSet = new WeakSet<ApiObject>();
  /** Their checked JSON, frozen until the files are written. */
  private pinnedJson = new WeakSet<object>();
  /** The checked objects (with their text) of the charts with a `toJson()` of their own, during one synth. */
  private readonly ownToJsonCharts = new Map<Chart, Map<any, string>>();
  private synthDepth = 0;
  private checkedThisSynth = false;

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.validate() });
    if (root instanceof App) this.wrapSynth(root);
  }

  /** Records which construct emitted an object, and how to restate its findings in the construct's props. */
  public own(apiObject: ApiObject, owner: Owner): void {
    this.owners.set(apiObject, owner);
  }

  /** Adds a structural check run at synth. */
  public addCheck(check: Check): void {
    this.checks.push(check);
  }

  /**
   * The relaxation `construct` holds (in its props) of `rule` that covers `target` (one without a
   * target covers every target), if any: a structural check's refusal it covers is not raised, and
   * it counts as used.
   */
  public relaxationFor(construct: IConstruct, rule: string, target: string, options: RelaxationForOptions = {}): StoredRelaxation | undefined {
    const found = relaxationsIn(construct).find((r) => !r.derived && r.rule === rule
      && (r.target === undefined ? !options.requireTarget : r.target === target));
    if (found !== undefined) {
      this.usedByChecks.add(found);
      if (options.recordOn !== undefined) this.recordedByChecks.set(options.recordOn, [...this.recordedByChecks.get(options.recordOn) ?? [], found]);
    }
    return found;
  }

  /**
   * Checks, at every synth, a manifest the app runs but does not write (e.g. the
   * content of a task a resolver fetches) with the whole catalogue, the other
   * objects of the app as context, and the relaxations held by `owner.construct`
   * and the constructs above it (never the relaxation records of the manifest
   * itself, sealed or not). Its findings are refusals of the owner; it is not
   * written, and the posture report shows its posture apart from the objects written
   * (`unwrittenPostures`).
   */
  public checkUnwritten(produce: () => any, owner: Owner): void {
    this.unwritten.push({ produce, owner });
  }

  /** Records the task specs a Pipeline object embeds in place of emitted Task objects. */
  public embed(pipeline: ApiObject, embeddings: () => Embedding[]): void {
    this.embeddings.set(pipeline, embeddings);
  }

  /** Adds a step run at synth before anything is checked (e.g. taking out of the app a Task written only embedded). */
  public addPreparation(prepare: () => void): void {
    this.preparations.push(prepare);
  }

  /**
   * Records the workspaces of a Pipeline object that the library's model says carry
   * credentials (`credentials`) and those it declares with another trust domain (`others`).
   * Any other workspace the written Pipeline declares (one renamed or added by an
   * escape-hatch patch) is counted as carrying credentials: the model says nothing of it,
   * and a run may bind a Secret to it.
   */
  public declareCredentialWorkspaces(pipeline: ApiObject, credentials: () => string[], others: () => string[]): void {
    this.declaredCredentials.set(pipeline, { credentials, others });
  }

  /** The workspaces of a written Pipeline counted as carrying credentials, from the model (see declareCredentialWorkspaces). */
  private credentialsOf(pipeline: ApiObject, json: any): string[] | undefined {
    const model = this.declaredCredentials.get(pipeline);
    if (model === undefined) return undefined;
    const others = new Set(model.others());
    // Tekton refuses a pipeline task that binds a workspace the pipeline does not declare, and propagates only declared ones
    const written = asArray(json?.spec?.workspaces).map((w) => w?.name).filter((n): n is string => typeof n === 'string' && !others.has(n));
    return [...new Set([...model.credentials(), ...written])];
  }

  /**
   * Records targets of an object that its JSON does not show: the pipeline tasks of a
   * PipelineRun that refers to its Pipeline (findings on the run name them).
   */
  public declareTargets(apiObject: ApiObject, targets: () => string[]): void {
    this.declaredTargets.set(apiObject, targets);
  }

  /** The targets of an object: those of its JSON, and those declared for it. */
  private targetsOf(json: any, apiObject?: IConstruct): Set<string> {
    const out = targetsOf(json);
    const declared = apiObject !== undefined && ApiObject.isApiObject(apiObject) ? this.declaredTargets.get(apiObject) : undefined;
    for (const t of declared?.() ?? []) out.add(t);
    return out;
  }

  /**
   * The relaxations a construct holds; within a check, computed once per construct (the
   * derived ones are produced from the model once, not once per object below it).
   */
  private heldBy(c: IConstruct): StoredRelaxation[] {
    if (this.held === undefined) return relaxationsIn(c);
    let r = this.held.get(c);
    if (r === undefined) {
      r = relaxationsIn(c);
      this.held.set(c, r);
    }
    return r;
  }

  /** The posture computed for a manifest the last time the app was checked (the JSON objects synth returns). */
  public postureOf(json: object): ObjectPosture | undefined {
    return this.postures.get(json);
  }

  /**
   * The postures computed for the manifests the app runs but does not write (`checkUnwritten`) the last time
   * the app was checked, each with the construct that owns it, in the order the constructs asked for the check.
   */
  public unwrittenPostures(): readonly UnwrittenPosture[] {
    return this.lastUnwrittenPostures;
  }

  /**
   * `App.synth()` and `App.synthYaml()` validate the whole app once and then once
   * more per chart: within one of them, check once and write what was checked.
   *
   * The methods are wrapped where the app's class defines them (cdk8s's `App`), not
   * on the instance: the jsii runtime that serves Python, Java and Go calls a method
   * through the prototype of the object's class, never an instance's own property.
   * The wrapper changes nothing for an app without an engine.
   */
  private wrapSynth(app: App): void {
    for (const method of ['synth', 'synthYaml'] as const) {
      this.wrapOwnSynth(app, method);
      let owner: any = Object.getPrototypeOf(app);
      while (owner && !Object.prototype.hasOwnProperty.call(owner, method)) owner = Object.getPrototypeOf(owner);
      if (!owner || owner[method][WRAPPED] === true) continue;
      const original = owner[method];
      // a subclass's synth may write the objects without asking cdk8s's charts for them
      const own = owner !== App.prototype;
      const wrapper = function (this: App, ...args: any[]): any {
        const engine = ENGINES.get(this);
        return engine ? engine.aroundSynth(this, method, () => original.apply(this, args), own) : original.apply(this, args);
      };
      Object.defineProperty(wrapper, WRAPPED, { value: true });
      Object.defineProperty(owner, method, { configurable: true, writable: true, value: wrapper });
    }
  }

  /**
   * A synth method given to the app object itself (a class field, or assigned later) hides
   * the class's: it is wrapped too. The property cannot be redefined (a class field of a
   * subclass defined after the engine is made fails loudly rather than hiding the wrapper).
   */
  private wrapOwnSynth(app: App, method: 'synth' | 'synthYaml'): void {
    const existing = Object.getOwnPropertyDescriptor(app, method);
    if (existing && (!existing.configurable || !('value' in existing))) return;
    let current: any = existing?.value;
    let wrapped: any;
    const engine = this;
    Object.defineProperty(app, method, {
      configurable: false,
      enumerable: existing?.enumerable ?? false,
      get: () => {
        if (typeof current !== 'function') return current ?? Object.getPrototypeOf(app)[method];
        wrapped ??= function (this: App, ...args: any[]): any {
          return engine.aroundSynth(app, method, () => current.apply(this, args), true);
        };
        return wrapped;
      },
      set: (value: any) => {
        current = value;
        wrapped = undefined;
      },
    });
  }

  /**
   * One synth of the app: checked once, runs with a generateName written to <outdir>/runs/.
   * `ownSynth`: the method is the app's own (a subclass's, or given to the app), which may
   * write the objects without asking the charts: the app is checked before it runs, and
   * again when the charts are read (after the validations a call of cdk8s's synth runs).
   */
  private aroundSynth(app: App, method: 'synth' | 'synthYaml', run: () => any, ownSynth: boolean): any {
    this.synthDepth++;
    try {
      if (this.synthDepth === 1 && ownSynth) {
        this.check();
        this.checkedThisSynth = false;
      }
      // each chart's objects in one walk; runs with a generateName go to <outdir>/runs/, apart from what kubectl applies;
      // the files written by cdk8s's Yaml.stringify, through a faster writer of the same bytes, and
      // a file of checked JSON (which cdk8s's writer cannot fail on) as its objects are written
      return this.synthDepth === 1
        ? withFastYaml(() => synthChartsOnce(app, method, run, this.checkedCharts, ownSynth), (doc) => this.pinnedJson.has(doc as object))
        : run();
    } finally {
      if (--this.synthDepth === 0) {
        this.checkedThisSynth = false;
        this.unpin();
      }
    }
  }

  private unpin(): void {
    for (const o of this.pinned) delete (o as any).toJson;
    this.pinned = [];
    this.pinnedSet = new WeakSet();
    this.pinnedJson = new WeakSet();
    this.ownToJsonCharts.clear();
  }

  /** Writes exactly `json` for this object (outside a synth, only on the next read). */
  private pin(apiObject: ApiObject, json: any): void {
    const inSynth = this.synthDepth > 0;
    Object.defineProperty(apiObject, 'toJson', {
      configurable: true,
      writable: true,
      value: () => {
        if (!inSynth) delete (apiObject as any).toJson;
        return json;
      },
    });
    this.pinned.push(apiObject);
    if (!inSynth) return;
    this.pinnedSet.add(apiObject);
    // nothing that runs later in the synth can change what was checked
    deepFreeze(json);
    if (typeof json === 'object' && json !== null) this.pinnedJson.add(json);
    // a chart that gives its objects itself is held to exactly these, as checked
    const chart = Chart.of(apiObject);
    if (hasOwnToJson(chart)) {
      const texts = this.ownToJsonCharts.get(chart) ?? new Map<any, string>();
      texts.set(json, JSON.stringify(json));
      this.ownToJsonCharts.set(chart, texts);
    }
  }

  /**
   * The app's validation. Outside a synth (a chart's `toJson()`), it checks the app; during
   * a synth it does nothing: the app is checked when the synth first reads its charts, after
   * every other validation of the app has run (one that adds or patches an object is seen).
   */
  private validate(): string[] {
    if (this.synthDepth > 0) return [];
    return this.check();
  }

  /** Checks the app, unless it was checked in this synth already. */
  private ensureChecked(): void {
    if (this.synthDepth > 0 && this.checkedThisSynth) return;
    this.check();
  }

  private check(): string[] {
    this.unpin();
    const refusals: SecureTektonErrorProps[] = [];
    const collect = (f: () => SecureTektonErrorProps[]): void => {
      try {
        refusals.push(...f());
      } catch (e) {
        if (!(e instanceof SecureTektonError)) throw e;
        refusals.push(...e.findings);
      }
    };
    this.held = undefined;
    for (const prepare of this.preparations) prepare();
    this.usedByChecks.clear();
    this.recordedByChecks.clear();
    for (const check of this.checks) collect(check);
    // from here on the tree and its relaxations are fixed for this check
    this.held = new Map();

    let constructs = this.root.node.findAll();
    const checked: Checked[] = [];
    const used = new Set<StoredRelaxation>(this.usedByChecks);
    const written = new WrittenYaml();
    const seen = new Set<ApiObject>();
    // an object created while the others resolve (inside a Lazy) is checked too
    for (let round = 0; ; round++) {
      const fresh = constructs.filter((c): c is ApiObject => ApiObject.isApiObject(c) && !seen.has(c));
      if (fresh.length === 0) break;
      if (round === MAX_CREATION_ROUNDS) {
        for (const c of fresh) {
          const json = { kind: c.kind, metadata: { name: c.name } };
          refusals.push(this.refusal({ apiObject: c, json, relaxations: [] }, createdWhileCheckedFinding(c)));
        }
        break;
      }
      for (const c of fresh) {
        seen.add(c);
        collect(() => {
          const json = c.toJson();
          // what is checked is what kubectl will read from the file cdk8s writes
          for (const m of written.check(json)) refusals.push(this.refusal({ apiObject: c, json, relaxations: [] }, misreadFinding(json, m)));
          // kubectl reads an object with items as a list and applies each item, which no rule here sees
          if (isListObject(json)) refusals.push(this.refusal({ apiObject: c, json, relaxations: [] }, listFinding(json)));
          checked.push({ apiObject: c, json, relaxations: this.relaxationsFor(c, json, refusals) });
          return [];
        });
      }
      constructs = this.root.node.findAll();
    }
    const unwritten: Array<{ readonly owner: Owner; readonly json: any }> = [];
    for (const u of this.unwritten) {
      collect(() => {
        const json = u.produce();
        if (json !== undefined) unwritten.push({ owner: u.owner, json });
        return [];
      });
    }

    // the objects a TriggerTemplate (a Trigger's, an EventListener's inline template) creates per event are the
    // app's objects too: checked with the rest, as the audit of the written files reads them
    const templates: Template[] = [];
    for (const x of checked) {
      for (const t of resourceTemplates(x.json)) {
        const owner = this.templateOwner(x, t.path);
        for (const f of foreignRecords(t.object)) refusals.push(this.ownerRefusal(owner, t.object, f));
        templates.push({ holder: x, owner, json: t.object, relaxations: this.applicableRelaxations(x.apiObject, t.object) });
      }
    }

    // the rules read what the API server keeps of each object (TEKTON_FIELD_NAMES reports what it drops)
    const stored = new Map<any, any>(checked.map((x) => [x.json, storedForm(x.json)]));
    const objectOf = new Map<any, ApiObject>(checked.map((x) => [stored.get(x.json), x.apiObject]));
    for (const t of templates) stored.set(t.json, storedForm(t.json));
    // the relaxations each object is judged with, which a rule may read of it (a token mounted for an API grant)
    const relaxationsOfStored = new Map<any, readonly StoredRelaxation[]>([
      ...checked.map((x): [any, readonly StoredRelaxation[]] => [stored.get(x.json), x.relaxations]),
      ...templates.map((t): [any, readonly StoredRelaxation[]] => [stored.get(t.json), t.relaxations]),
    ]);
    const context = ruleContext([...stored.values()], (pipeline) => {
      const o = objectOf.get(pipeline);
      return o ? this.credentialsOf(o, pipeline) : undefined;
    }, (manifest) => relaxationsOfStored.get(manifest));
    // an object records exactly the relaxations that cover one of its findings, and `holder` is then sealed
    // (the object itself; for an object a template creates, the written object that holds it)
    const judge = (
      json: any, relaxations: readonly StoredRelaxation[], refuse: (f: Finding) => SecureTektonErrorProps | undefined,
      holder: Checked, by: IConstruct, recorded: readonly StoredRelaxation[] = [],
    ) => {
      const posture = evaluatedBy(by, () => evaluateObject(stored.get(json), relaxations, context));
      const covering = new Set<StoredRelaxation>();
      for (const check of posture.checks) {
        for (const f of unrelaxed(check)) {
          const r = refuse(f);
          if (r !== undefined) refusals.push(r);
        }
        for (const r of check.relaxations ?? []) covering.add(r as StoredRelaxation);
      }
      if (covering.size > 0 || recorded.length > 0) {
        covering.forEach((r) => markUsed(used, r));
        json.metadata = json.metadata ?? {};
        json.metadata.annotations = {
          ...json.metadata.annotations,
          ...relaxationAnnotations([...relaxations.filter((r) => covering.has(r)), ...recorded]),
        };
        holder.sealed = true;
      }
      return posture;
    };
    // a construct's own refusal of a reference says it in its props' terms: the catalogue's reading of the same
    // workspaces in the object it writes (VALID_REFERENCE on YAML) would say it again, so it waits for the next synth
    const refusingReferences = new Set(refusals.filter((r) => r.rule === RuleId.VALID_REFERENCE).map((r) => r.path));
    // likewise its structural refusals (a task name, the graph of its tasks) and the webhook's reading of the object (TEKTON_ADMITTED)
    const refusingStructure = new Set(refusals.filter((r) => STRUCTURAL_RULES.has(r.rule)).map((r) => r.path));
    const refuseChecked = (x: Checked, f: Finding): SecureTektonErrorProps | undefined => {
      const owner = this.owners.get(x.apiObject);
      const said = owner !== undefined && ((f.rule === RuleId.VALID_REFERENCE && refusingReferences.has(owner.construct.node.path))
        || (f.rule === RuleId.TEKTON_ADMITTED && refusingStructure.has(owner.construct.node.path)));
      return said ? undefined : this.refusal(x, f);
    };
    for (const x of checked) {
      const posture = judge(x.json, x.relaxations, (f) => refuseChecked(x, f), x, x.apiObject, this.recordedByChecks.get(x.apiObject));
      this.postures.set(x.json, posture);
      this.posturesOfObjects.set(x.apiObject, posture);
    }
    for (const t of templates) judge(t.json, t.relaxations, (f) => this.ownerRefusal(t.owner, t.json, f), t.holder, t.owner.construct);
    const unwrittenPostures: UnwrittenPosture[] = [];
    for (const u of unwritten) {
      // only the relaxations of the app count: the manifest's own records (sealed or not: anyone can compute a seal)
      // would let what a resolver fetches relax its own findings
      const relaxations = this.applicableRelaxations(u.owner.construct, u.json);
      const records = readRelaxationAnnotations(u.json, RuleCatalogue.isRelaxable).filter((e) => e.problem === undefined);
      const form = storedForm(u.json);
      relaxationsOfStored.set(form, relaxations);
      const posture = evaluatedBy(u.owner.construct, () => evaluateObject(form, relaxations, context));
      for (const check of posture.checks) {
        for (const f of unrelaxed(check)) {
          const record = records.find((e) => e.rule === f.rule && coversAddress(e.target, findingAddress(f)));
          refusals.push(this.ownerRefusal(u.owner, u.json, f, undefined, record));
        }
        for (const r of check.relaxations ?? []) markUsed(used, r as StoredRelaxation);
      }
      // the posture report shows them (relaxations above all): a reviewer sees what the app runs, written or not
      unwrittenPostures.push({
        constructPath: u.owner.construct.node.path,
        constructKind: u.owner.kind,
        ...(u.owner.source !== undefined ? { source: u.owner.source } : {}),
        posture,
      });
    }
    this.lastUnwrittenPostures = unwrittenPostures;
    const embedded = checked.flatMap((x) => this.embeddedTasks(x.apiObject, x.json).map((e) => ({ owner: { construct: e.source }, json: e.json })));
    refusals.push(...this.unusedRelaxations(constructs, used, [...unwritten, ...templates], embedded));
    // a PipelineRun's records of a rule replace its Pipeline's on the TaskRuns: it carries both (sealed below)
    foldPipelineRecords(checked.map((x) => x.json));
    // the API server refuses an object whose annotations (keys and values, the seal included) pass 256 KiB
    for (const x of checked) {
      const bytes = annotationBytes(x.json) + (x.sealed ? SEAL_BYTES : 0);
      if (bytes > MAX_ANNOTATION_BYTES) refusals.push(this.refusal(x, annotationsFinding(x.json, bytes)));
    }
    refusals.push(...this.apartAsWritten(checked, stored));
    if (refusals.length > 0) {
      // two findings restated as the same prop (runAsNonRoot and runAsUser of `runAsUser: 0`) are one refusal
      const unique = [...new Map(refusals.map((r) => [formatRefusal(r), r])).values()];
      throw new SecureTektonError(unique[0], ...unique.slice(1));
    }
    // the seal covers the relaxation records: a reader can tell the library's from a hand edit
    for (const x of checked) this.pin(x.apiObject, x.sealed ? seal(x.json) : x.json);
    if (this.synthDepth > 0) this.checkedThisSynth = true;
    return [];
  }

  /**
   * The objects of one identity that UNIQUE_OBJECTS judged copies of one object, but that differ as written: the
   * relaxation records (each says which construct gave the relaxation) and the seal are written after the rules ran,
   * so a construct of the user's made twice writes its objects twice, alike but for them. kubectl apply keeps the last
   * one applied, and the other's records with it; the audit of the written files reads the two apart too.
   */
  private apartAsWritten(checked: readonly Checked[], stored: ReadonlyMap<any, any>): SecureTektonErrorProps[] {
    // only records and seals are written after the rules ran, and only objects of one name can be copies of one object
    if (!checked.some((x) => x.sealed)) return [];
    const names = checked.map((x) => JSON.stringify(x.json?.metadata?.name));
    if (new Set(names).size === names.length) return [];
    const written = checked.map((x) => (x.sealed ? storedForm(seal(JSON.parse(JSON.stringify(x.json)))) : stored.get(x.json)));
    const context = ruleContext(written);
    const writer = (x: Checked): string => {
      const owner = this.owners.get(x.apiObject);
      const shown = owner?.shownAs?.();
      return `${shown?.kind ?? owner?.kind ?? String(x.json?.kind ?? 'ApiObject')} '${shown?.path ?? owner?.construct.node.path ?? x.apiObject.node.path}'`;
    };
    const out: SecureTektonErrorProps[] = [];
    checked.forEach((x, i) => {
      const judged = this.postures.get(x.json)?.checks.find((c) => c.rule === RuleId.UNIQUE_OBJECTS)?.findings ?? [];
      if (judged.some((f) => f.property === 'metadata.name')) return;
      // the identity the rule finds it shares, as data (not read back from the finding's words)
      const shared = sharedIdentity(written[i], context.manifests);
      for (const f of UNIQUE_OBJECTS.check(written[i], context)) {
        if (f.property !== 'metadata.name') continue;
        // the other objects of its identity that differ from it as written
        const others = shared === undefined ? []
          : checked.filter((_, j) => j !== i && shared.objects.includes(written[j]) && !isDeepStrictEqual(written[j], written[i]));
        if (shared === undefined || others.length === 0) {
          out.push(this.refusal(x, f));
          continue;
        }
        const mine = written[i].metadata?.annotations ?? {};
        const theirs = written[checked.indexOf(others[0])].metadata?.annotations ?? {};
        const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => mine[k] !== theirs[k]);
        out.push(this.refusal(x, {
          ...f,
          problem: `${shared.lead}, written by ${writer(x)} and ${others.map(writer).join(' and ')}, alike but for what the library writes after `
            + `checking them: ${keys.map((k) => `metadata.annotations[${JSON.stringify(k)}]`).join(', ')} (a relaxation record names the construct `
            + 'that gave the relaxation, and the seal covers the records); the API server keeps one, and kubectl apply the last one applied, '
            + 'so the records of the other are lost',
        }));
      }
    });
    return out;
  }

  /**
   * Who answers for an object that a written object creates per event (a TriggerTemplate's
   * resource template): the construct that wrote the holder, its findings placed at the
   * template's path in the holder.
   */
  private templateOwner(x: Checked, path: readonly (string | number)[]): Owner {
    const where = templatePath(path);
    const own = this.owners.get(x.apiObject);
    if (own) {
      return {
        construct: own.construct, kind: own.kind, relaxationsProp: own.relaxationsProp, madeBy: own.madeBy, shownAs: own.shownAs, location: [own.location, where].filter(Boolean).join(' '),
      };
    }
    const name = x.json?.metadata?.name ?? x.json?.metadata?.generateName;
    return {
      construct: x.apiObject,
      kind: String(x.json?.kind ?? 'ApiObject'),
      relaxationsProp: () => false,
      location: [typeof name === 'string' ? `'${name}'` : undefined, where].filter(Boolean).join(' '),
    };
  }

  /**
   * The relaxations that may apply to an object: held by it or a construct above
   * it, for a rule that looks at it, with a target that exists in it. Relaxation
   * annotations that did not come from the library are refused.
   */
  private relaxationsFor(apiObject: ApiObject, json: any, refusals: SecureTektonErrorProps[]): StoredRelaxation[] {
    for (const f of foreignRecords(json)) refusals.push(this.refusal({ apiObject, json, relaxations: [] }, f));
    for (const f of nestedRecords(json)) refusals.push(this.refusal({ apiObject, json, relaxations: [] }, f));
    const embedded = this.embeddedTasks(apiObject, json);
    // a relaxation given to the pipeline (not above a task it embeds) relaxes the pipeline, not that task's spec
    const own = this.applicableRelaxations(apiObject, json).map((r): StoredRelaxation => {
      const excludes = embedded
        .filter((e) => !(r.path === '' || e.source.node.path === r.path || e.source.node.path.startsWith(`${r.path}/`)))
        .map((e) => `task/${e.pipelineTask}/`);
      return excludes.length > 0 ? { ...r, excludes, translates: r } : r;
    });
    return [...own, ...this.embeddedRelaxations(apiObject, json)];
  }

  /**
   * The task specs an object embeds in place of emitted Tasks, each as the Task it
   * stands for (the source's apiVersion, kind and metadata with the embedded spec).
   */
  private embeddedTasks(apiObject: ApiObject, json: any): Array<Embedding & { readonly json: any }> {
    const embeddings = this.embeddings.get(apiObject)?.() ?? [];
    if (embeddings.length === 0) return [];
    const tasks = [...asArray(json?.spec?.tasks), ...asArray(json?.spec?.finally)];
    return embeddings.flatMap((e) => {
      const spec = tasks.find((t) => t?.name === e.pipelineTask)?.taskSpec;
      if (spec === undefined) return [];
      const source = e.source.toJson();
      return [{ ...e, json: { apiVersion: source.apiVersion, kind: source.kind, metadata: source.metadata, spec } }];
    });
  }

  /**
   * The relaxations that apply to the Task an embedded spec stands for, with
   * their targets moved below `task/<pipeline task>`: those held by its source
   * and the constructs above it that are not above the embedding object, and,
   * from the constructs above both, those limited to a part of the Task (the
   * others already cover the embedding object whole).
   */
  private embeddedRelaxations(apiObject: ApiObject, json: any): StoredRelaxation[] {
    const above = new Set<IConstruct>();
    for (let c: IConstruct | undefined = apiObject; c; c = c.node.scope) above.add(c);
    return this.embeddedTasks(apiObject, json).flatMap((e) => {
      const own: StoredRelaxation[] = [];
      for (let c: IConstruct | undefined = e.source; c; c = c.node.scope) {
        if (holdsRelaxations(c)) own.push(...this.heldBy(c).filter((r) => !above.has(c!) || r.target !== undefined));
      }
      const targets = targetsOf(e.json);
      const prefix = `task/${e.pipelineTask}`;
      return own
        .filter((r) => RuleCatalogue.find(r.rule)?.appliesTo(e.json)
          && (r.target === undefined || targets.has(r.target))
          && (!r.holds || r.holds(e.json)))
        .map((r): StoredRelaxation => ({ ...r, target: r.target === undefined ? prefix : `${prefix}/${r.target}`, holds: undefined, translates: r }));
    });
  }

  /** The relaxations held by `start` or a construct above it that may apply to `json` (see relaxationsFor). */
  private applicableRelaxations(start: IConstruct, json: any): StoredRelaxation[] {
    const applicable: StoredRelaxation[] = [];
    let targets: Set<string> | undefined;
    for (let c: IConstruct | undefined = start; c; c = c.node.scope) {
      if (!holdsRelaxations(c)) continue;
      for (const r of this.heldBy(c)) {
        const rule = RuleCatalogue.find(r.rule);
        if (!rule || !rule.appliesTo(json)) continue;
        if (r.target !== undefined && !(targets = targets ?? this.targetsOf(json, start)).has(r.target)) continue;
        if (r.holds && !r.holds(json)) continue;
        applicable.push(r);
      }
    }
    return applicable;
  }

  /**
   * Relaxations given by the user that cover no finding: a rule that looks at
   * none of the objects, a target that is not there (a typo), or a rule that holds.
   */
  private unusedRelaxations(
    constructs: IConstruct[],
    used: Set<StoredRelaxation>,
    unwritten: ReadonlyArray<{ readonly owner: Owner; readonly json: any }>,
    embedded: ReadonlyArray<{ readonly owner: Pick<Owner, 'construct'>; readonly json: any }>,
  ): SecureTektonErrorProps[] {
    const out: SecureTektonErrorProps[] = [];
    for (const c of constructs) {
      if (!holdsRelaxations(c)) continue;
      for (const r of this.heldBy(c)) {
        if (r.derived || used.has(r)) continue;
        const below = (x: IConstruct): boolean => x === c || (x.node.scope !== undefined && below(x.node.scope));
        const written = c.node.findAll().filter(ApiObject.isApiObject);
        const declared = new Map<any, ApiObject>();
        const objects = [
          ...written.map((o) => {
            const json = o.toJson();
            declared.set(json, o);
            return json;
          }),
          ...unwritten.filter((u) => below(u.owner.construct)).map((u) => u.json),
          // a Task written only inside a Pipeline, as the Task it stands for
          ...embedded.filter((e) => below(e.owner.construct) && !written.includes(e.owner.construct as ApiObject)).map((e) => e.json),
        ];
        const rule = RuleCatalogue.find(r.rule);
        const candidates = objects.filter((j) => rule?.appliesTo(j));
        const where = r.origin;
        const targets = (j: any) => this.targetsOf(j, declared.get(j));
        const missingTarget = r.target !== undefined && candidates.length > 0 && !candidates.some((j) => targets(j).has(r.target!));
        const known = [...new Set(candidates.flatMap((j) => [...targets(j)]))].sort();
        const base = { construct: where.construct, path: where.path, location: where.location, rule: RuleId.RELAXATION_REASON };
        // a construct whose objects are all unwritten (a remote task's content) checks them
        const checksOnly = objects.length > 0 && objects.length === unwritten.filter((u) => below(u.owner.construct)).length;
        const writes = `${where.construct} '${where.path}' ${checksOnly ? 'checks' : 'writes'}`;
        if (candidates.length === 0) {
          out.push({
            ...base,
            property: `${where.property}.rule`,
            value: r.rule,
            problem: `relaxes a rule that checks none of the objects ${writes}`,
            fix: 'Remove the relaxation, or give it to the construct whose object breaks the rule.',
          });
        } else if (missingTarget) {
          out.push({
            ...base,
            property: `${where.property}.target`,
            value: r.target,
            problem: `names no part of the objects ${writes}`,
            fix: known.length > 0 ? `Use one of: ${known.join(', ')}, or leave target out to cover the whole object.`
              : `The objects ${r.rule} checks there have no parts to target: give the relaxation to the construct whose object breaks the rule `
                + '(for one task\'s egress, allowEgressTo(peer, ports, { relaxations })), or leave target out to cover the whole object.',
          });
        } else if (r.target !== undefined && this.findingsElsewhere(candidates.map((j) => declared.get(j)), r.rule, r.target) !== undefined) {
          // the rule does find something there, outside the target: say where, instead of that the rule holds
          const elsewhere = this.findingsElsewhere(candidates.map((j) => declared.get(j)), r.rule, r.target)!;
          out.push({
            ...base,
            property: `${where.property}.target`,
            value: r.target,
            problem: `covers none of the findings of ${r.rule} in the objects ${writes}: `
              + (elsewhere.length === 0 ? 'they are about the whole object, not one part of it' : `they are in ${elsewhere.join(', ')}`),
            fix: elsewhere.length === 0 ? `Leave target out: relaxations: [{ rule: RuleId.${r.rule}, reason: '<why>' }].`
              : `${elsewhere.length === 1 ? 'Target it' : 'Target one of them'} (${elsewhere.map((t) => `target: '${t}'`).join(', ')}), `
                + 'or leave target out to cover the whole object.',
          });
        } else if (this.coveredBefore(candidates.map((j) => declared.get(j)), r) !== undefined) {
          // the rule does find something there, which another relaxation covers first: name it, instead of that the rule holds
          const other = this.coveredBefore(candidates.map((j) => declared.get(j)), r)!;
          out.push({
            ...base,
            property: `${where.property}.rule`,
            value: r.rule,
            problem: `covers nothing: what it would cover of ${r.rule} in the objects ${writes} is covered already by `
              + `${other.construct} '${other.path}'${other.location !== undefined ? ` ${other.location}` : ''} ${other.property}`,
            fix: 'Remove the relaxation, or the other one if this one says the reason better: one relaxation covers each finding.',
          });
        } else {
          out.push({
            ...base,
            property: `${where.property}.rule`,
            value: r.rule,
            problem: `covers nothing: ${r.rule} holds${r.target !== undefined ? ` for ${r.target}` : ''} in the objects ${writes}`
              + (written.some((o) => (this.embeddings.get(o)?.() ?? []).length > 0) ? ' (the task specs it embeds are the tasks\': their own relaxations cover them)' : ''),
            fix: 'Remove the relaxation: a relaxation that covers nothing would silently cover what a later change breaks.',
          });
        }
      }
    }
    return out;
  }

  /**
   * Where the relaxation that covers a finding of `r`'s rule on `objects` that `r` would cover too was given,
   * when another one covers one (a step's own relaxation before the task's); undefined when none does.
   */
  private coveredBefore(objects: ReadonlyArray<ApiObject | undefined>, r: StoredRelaxation): StoredRelaxation['origin'] | undefined {
    for (const check of objects.flatMap((o) => (o === undefined ? undefined : this.posturesOfObjects.get(o))?.checks ?? [])) {
      if (check.rule !== r.rule) continue;
      for (const f of check.findings) {
        if (!coversAddress(r.target, findingAddress(f))) continue;
        const other = coveringRelaxation(f, check.relaxations ?? []) as StoredRelaxation | undefined;
        if (other !== undefined && other !== r && other.origin !== undefined) return other.origin;
      }
    }
    return undefined;
  }

  /**
   * Where the unrelaxed findings of `rule` on `objects` lie when none lies in `target`: the parts they are
   * in (empty when they are all about the whole object), or undefined when there is none outside it either.
   */
  private findingsElsewhere(objects: ReadonlyArray<ApiObject | undefined>, rule: RuleId, target: string): string[] | undefined {
    const findings = objects.flatMap((o) => (o === undefined ? undefined : this.posturesOfObjects.get(o))?.checks
      .filter((c) => c.rule === rule).flatMap((c) => unrelaxed(c)) ?? []);
    if (findings.length === 0) return undefined;
    // a finding's own target, as a relaxation at synth names it (the field addresses are for records in YAML)
    if (findings.some((f) => coversAddress(target, findingAddress(f)))) return undefined;
    return [...new Set(findings.map((f) => f.target).filter((t): t is string => t !== undefined))].sort();
  }

  /** A finding as a refusal of the construct that emitted the object, in the terms of its props when it can say them. */
  private refusal(x: Checked, f: Finding): SecureTektonErrorProps {
    // a finding inside an embedded task spec is the Task's, as it would be on the Task written alone
    for (const e of f.target === undefined ? [] : this.embeddedTasks(x.apiObject, x.json)) {
      const prefix = `task/${e.pipelineTask}/`;
      const owner = this.owners.get(e.source);
      if (!owner || !f.target!.startsWith(prefix)) continue;
      const target = f.target!.slice(prefix.length);
      const lead = `task '${e.pipelineTask}'`;
      const location = f.location === lead ? undefined : f.location?.startsWith(`${lead} `) ? f.location.slice(lead.length + 1) : f.location;
      return this.ownerRefusal(owner, e.json, { ...f, kind: String(e.json.kind), name: String(e.json.metadata?.name ?? ''), target, location }, e.source);
    }
    return this.ownerRefusal(this.owners.get(x.apiObject), x.json, f, x.apiObject);
  }

  /** A finding on `json` as a refusal of `owner` (or of the object itself, when the library did not emit it). */
  private ownerRefusal(owner: Owner | undefined, json: any, f: Finding, apiObject?: ApiObject, record?: AnnotationEntry): SecureTektonErrorProps {
    const rule = RuleCatalogue.find(f.rule);
    const attribution = owner?.attribute?.(f, json);
    const relaxation = `{ rule: RuleId.${f.rule}, ${f.target !== undefined ? `target: '${f.target}', ` : ''}reason: '<why>' }`;
    const madeBy = owner?.madeBy?.();
    const restated = rule?.relaxable && record !== undefined && owner !== undefined ? restateHint(owner, record) : undefined;
    const shown = owner?.shownAs?.();
    const location = owner ? [owner.location, attribution?.location ?? f.location].filter(Boolean).join(' ') || undefined : undefined;
    // inside a pipeline task, "its props" could be read as the task's, whose relaxation would cover nothing; on a step or
    // sidecar, as the props of that container, which refuse a target (they are limited to it already): name the owner
    const ambiguous = location?.startsWith("task '") || /^(step|sidecar)\//.test(f.target ?? '');
    const whose = ambiguous && owner ? `the props of ${shown?.kind ?? owner.kind} '${shown?.path ?? owner.construct.node.path}'` : 'its props';
    const relaxHint = restated !== undefined ? restated : !rule?.relaxable ? ''
      : madeBy
        ? ` Or relax ${f.rule} with a reason in the props of ${madeBy.kind} '${madeBy.path}', which made it: relaxations: [${relaxation}].`
        : owner?.relaxationsProp()
          ? ` Or relax ${f.rule} with a reason in ${whose}: relaxations: [${relaxation}].`
          : ` Or relax ${f.rule} with a reason: Relaxations.of(${variableName(owner?.construct ?? apiObject!)}).add(${relaxation}).`;
    // an attribution with a fix of its own says how to relax; one without keeps the rule's fix and the hint
    const fix = (attribution?.fix !== undefined ? `${attribution.fix}${attribution.thenRelaxHint ? relaxHint : ''}` : undefined)
      ?? duplicateFix(owner, madeBy, json, f) ?? `${f.fix ?? rule?.fix ?? ''}${relaxHint}`;
    if (owner) {
      return {
        construct: shown?.kind ?? owner.kind,
        path: shown?.path ?? owner.construct.node.path,
        location,
        property: attribution?.property ?? f.property,
        value: attribution ? attribution.value : f.value,
        problem: attribution?.problem ?? f.problem,
        rule: f.rule,
        fix,
      };
    }
    const name = json?.metadata?.name ?? json?.metadata?.generateName;
    return {
      construct: String(json?.kind ?? 'ApiObject'),
      path: apiObject!.node.path,
      location: [typeof name === 'string' ? `'${name}'` : undefined, f.location].filter(Boolean).join(' ') || undefined,
      property: f.property,
      value: f.value,
      problem: f.problem,
      rule: f.rule,
      fix,
    };
  }
}

/**
 * The fix of a name two objects share, said as the prop that names them: the construct's
 * `name`, which defaults to its id (an id repeats when a construct of the user's is made
 * twice), or the name of the construct that made this one, which it is named after.
 */
/**
 * The posture `evaluate` gives; a rule that throws (a defect of the library) fails the synth with
 * the rule, the object and the construct that made it named.
 */
function evaluatedBy<T>(construct: IConstruct, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (e) {
    if (e instanceof RuleCrashError) throw new RuleCrashError(e.failed, `${e.object} (construct ${construct.node.path})`, e.error);
    throw e;
  }
}

function duplicateFix(
  owner: Owner | undefined, madeBy: { readonly kind: string; readonly path: string } | undefined, json: any, f: Finding,
): string | undefined {
  if (f.rule !== RuleId.UNIQUE_OBJECTS || owner === undefined || f.property !== 'metadata.name') return undefined;
  const path = owner.construct.node.path;
  // the path below the chart (`billing/lint`) tells the copies apart
  const below = (p: string): string => p.split('/').slice(1).join('-');
  if (madeBy !== undefined) {
    const suggestion = dnsLabelLike(below(madeBy.path));
    return `Give ${madeBy.kind} '${madeBy.path}' its own name (its name prop${suggestion ? `, e.g. name: '${suggestion}'` : ''}): ${owner.kind} '${path}' is named after it.`;
  }
  if (json?.metadata?.name !== owner.construct.node.id) return undefined;
  const suggestion = dnsLabelLike(below(path));
  // directly in the chart, the id is the user's own to change: the rule's fix says it
  if (suggestion === undefined || suggestion === json.metadata.name) return undefined;
  return `Give ${owner.kind} '${path}' its own name (name: '${suggestion}'): its name defaults to the construct id "${owner.construct.node.id}", `
    + 'which repeats when a construct holding it is made twice.';
}

/**
 * The fix hint of a finding that a relaxation record of a manifest the app runs but does not write
 * (a remote task's content) would cover: the record does not count, the relaxation is restated on the owner.
 */
function restateHint(owner: Owner, record: AnnotationEntry): string {
  const reason = normalizeReason(record.reason);
  const text = [...reason].length <= MAX_REASON_LENGTH ? `'${reason.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : "'<why>'";
  const relaxation = `{ rule: RuleId.${record.rule}, ${record.target !== undefined ? `target: '${record.target}', ` : ''}reason: ${text} }`;
  const written = `metadata.annotations["${RELAXATION_ANNOTATION_PREFIX}${record.rule}"] "${record.target ?? '*'}: ${reason}"`;
  return ` The content's own record ${written} is not honoured: what a resolver fetches cannot relax its own findings. `
    + `If the reason holds for this app, restate it on ${owner.kind} '${owner.construct.node.path}': `
    + `${owner.relaxationsProp() ? `relaxations: [${relaxation}] in its props, or ` : ''}Relaxations.of(${variableName(owner.construct)}).add(${relaxation}).`;
}

/** Marks a relaxation used, and the one it was moved from when it applies to an embedded task spec. */
function markUsed(used: Set<StoredRelaxation>, r: StoredRelaxation): void {
  used.add(r);
  if (r.translates) used.add(r.translates);
}

/**
 * Relaxation and seal annotations set outside the library (an escape-hatch patch, an imported
 * object, a template written by hand), as findings; they are removed from `json`.
 */
function foreignRecords(json: any): Finding[] {
  const annotations = json?.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return [];
  return Object.keys(annotations).filter(isPolicyAnnotation).map((key): Finding => {
    const value = String(annotations[key]);
    delete annotations[key];
    return {
      rule: RuleId.RELAXATION_REASON,
      kind: String(json.kind ?? ''),
      name: String(json.metadata?.name ?? ''),
      property: `metadata.annotations[${JSON.stringify(key)}]`,
      value,
      problem: 'is set outside the library (an escape-hatch patch or an imported object)',
      fix: "Remove the annotation; relax a rule with Relaxations.of(construct).add({ rule: RuleId.<RULE>, reason: '<why>' }), which writes it.",
    };
  });
}

/**
 * Relaxation and seal annotations written inside an object rather than in its own
 * `metadata.annotations` (or in those of an object a template of it creates, read as that
 * object's), as findings: Tekton copies a pipeline task's `taskSpec.metadata` and a run's
 * `taskRunSpecs[].metadata` onto the TaskRuns it creates, where the admission policies honour
 * the records, and the library writes none there. Any place is refused, not only those.
 */
function nestedRecords(json: any): Finding[] {
  const own = new Set<unknown>([json?.metadata?.annotations, ...resourceTemplates(json).map((t) => (t.object as any)?.metadata?.annotations)]);
  const out: Finding[] = [];
  const seen = new Set<unknown>();
  const path: Array<string | number> = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      path.push(k);
      if (typeof k === 'string' && isPolicyAnnotation(k) && !own.has(v)) {
        out.push({
          rule: RuleId.RELAXATION_REASON,
          kind: String(json.kind ?? ''),
          name: String(json.metadata?.name ?? json.metadata?.generateName ?? ''),
          property: formatPath(path),
          value: typeof x === 'string' ? x : JSON.stringify(x) ?? String(x),
          problem: `is a ${k === SEAL_ANNOTATION ? 'seal' : 'relaxation record'} inside the object: Tekton copies it onto the TaskRuns it creates, `
            + 'where the admission policies read it',
          fix: "Remove the annotation; relax a rule with Relaxations.of(construct).add({ rule: RuleId.<RULE>, reason: '<why>' }), "
            + "which records it in the object's own metadata.annotations.",
        });
      }
      visit(x);
      path.pop();
    }
  };
  visit(json);
  return out;
}

/** The bytes of the seal annotation (its value is `sha256:` and 64 hex digits). */
const SEAL_BYTES = SEAL_ANNOTATION.length + 'sha256:'.length + 64;

/** Annotations the API server refuses for their size, as a finding (VALID_SPEC: it cannot be relaxed). */
function annotationsFinding(json: any, bytes: number): Finding {
  return {
    rule: RuleId.VALID_SPEC,
    kind: String(json?.kind ?? ''),
    name: String(json?.metadata?.name ?? json?.metadata?.generateName ?? ''),
    property: 'metadata.annotations',
    value: `${bytes} bytes`,
    problem: `add up to more than the ${MAX_ANNOTATION_BYTES} bytes (keys and values) the API server accepts`,
    fix: 'Shorten or remove annotations (relaxation reasons are recorded in them: keep each short, and give fewer relaxations to this object).',
  };
}

/** How many times objects created while the app is checked (inside a Lazy) are checked in turn before it is refused. */
const MAX_CREATION_ROUNDS = 4;

/** An object created while the app was checked, round after round, as a finding (VALID_SPEC: it cannot be relaxed). */
function createdWhileCheckedFinding(c: ApiObject): Finding {
  return {
    rule: RuleId.VALID_SPEC,
    kind: c.kind,
    name: c.name,
    property: 'node.path',
    value: c.node.path,
    problem: `is still being created while synth checks the app, after ${MAX_CREATION_ROUNDS} rounds of objects created by the objects checked before them`,
    fix: "Create the object where the app is built (in a construct's constructor), not inside a Lazy that runs during synth.",
  };
}

/** Freezes a JSON value and everything in it, so that code that runs after the check cannot change what is written. */
function deepFreeze(value: any): void {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Object.keys(v)) stack.push(v[k]);
  }
}

/** A value kubectl would read otherwise than it was checked, as a finding (VALID_SPEC: it cannot be relaxed). */
function misreadFinding(json: any, m: Misread): Finding {
  return {
    rule: RuleId.VALID_SPEC,
    kind: String(json?.kind ?? ''),
    name: String(json?.metadata?.name ?? json?.metadata?.generateName ?? ''),
    property: m.path,
    value: m.value,
    problem: m.problem,
    fix: m.fix,
  };
}

/** Whether kubectl reads the object as a list (UnstructuredJSONScheme: any kind with an `items` field) and applies its items. */
function isListObject(json: any): boolean {
  return json !== null && typeof json === 'object' && Object.prototype.hasOwnProperty.call(json, 'items') && json.items !== undefined;
}

/** An object kubectl reads as a list, as a finding (VALID_SPEC: it cannot be relaxed). */
function listFinding(json: any): Finding {
  const id = (o: any): string => `${String(o?.kind ?? '(no kind)')}/${String(o?.metadata?.name ?? o?.metadata?.generateName ?? '(no name)')}`;
  const items = Array.isArray(json.items) ? `[${json.items.map(id).join(', ')}]` : JSON.stringify(json.items);
  return {
    rule: RuleId.VALID_SPEC,
    kind: String(json?.kind ?? ''),
    name: String(json?.metadata?.name ?? json?.metadata?.generateName ?? ''),
    property: 'items',
    value: `${id(json)} items ${items}`,
    problem: 'makes kubectl read the object as a list and apply each item, which synth does not check',
    fix: 'Write each item as an ApiObject construct of its own (with the item\'s apiVersion, kind and metadata) and leave items out.',
  };
}

/** A variable name for a construct in a fix hint: its id in lower camel case (`Resource` objects: their parent's). */
function variableName(c: IConstruct): string {
  const id = c.node.id === 'Resource' && c.node.scope ? c.node.scope.node.id : c.node.id;
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return /^[A-Za-z_]/.test(name) ? name : `construct${name}`;
}
