/**
 * Where synth writes the objects kubectl must create rather than apply.
 *
 * `kubectl apply` needs a name: it refuses an object with only a
 * `metadata.generateName`, such as a PipelineRun that starts a new run on every
 * `kubectl create`. cdk8s writes one file per chart, so a chart holding a Task, a
 * Pipeline and a run template would give a file that neither `kubectl apply` nor
 * `kubectl create` takes whole (create refuses what exists already). During
 * `App.synth()` each chart therefore gives cdk8s only the objects to apply, and
 * the objects to create are written, exactly as checked, to
 * `<outdir>/runs/<chart>.k8s.yaml`: `kubectl apply -f <outdir>/` (which does not
 * descend into directories) applies the rest, `kubectl create -f <outdir>/runs/`
 * starts the runs. A chart left with nothing to apply writes no file of its own.
 *
 * Before cdk8s's own `App.synth` writes anything, the files it will write (a file per
 * chart, per object or a folder per chart, the runs, the construct metadata) are named as
 * cdk8s names them: two that are one file, or differ only in case (one file on a
 * case-insensitive filesystem), are refused, since one would be written over the other.
 *
 * Nothing is read back or rewritten: the split happens when cdk8s asks a chart for
 * its objects. `chart.toJson()` and `app.synthYaml()` called outside a synth still
 * return every object.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Names, Yaml, YamlOutputType } from 'cdk8s';
import { topology } from '../../private/construct-order';

/** The directory, inside the app's outdir, that holds the objects to `kubectl create`. */
export const RUNS_DIRECTORY = 'runs';

/** Whether kubectl can only create the object: it has a generateName and no name (a run template). */
export function isCreateOnly(json: any): boolean {
  const metadata = json?.metadata;
  return typeof metadata?.generateName === 'string' && metadata.generateName !== ''
    && (metadata.name === undefined || metadata.name === '');
}

/** Whether a chart gives its objects through a `toJson()` of its own (a subclass's override). */
export function hasOwnToJson(chart: Chart): boolean {
  return Object.getPrototypeOf(chart).toJson !== Chart.prototype.toJson || Object.prototype.hasOwnProperty.call(chart, 'toJson');
}

/** A chart's objects that differ from what synth checked, for a refusal. */
export interface ChartProblem {
  /** The object, as `Kind/name`. */
  readonly value: string;
  readonly problem: string;
  /** How to fix it (default: the fix for a `toJson()` override). */
  readonly fix?: string;
  /** What of the chart it is about (default: `toJson()`). */
  readonly property?: string;
  /** The chart it is about, when not the one refused. */
  readonly chart?: Chart;
}

/** What synth knows of the objects it checked. */
export interface CheckedCharts {
  /** Checks the app now, unless it was checked in this synth already (throws the refusals). */
  readonly ensure: () => void;
  /** Whether an object was checked in this synth (its JSON is what the check saw). */
  readonly isChecked: (apiObject: ApiObject) => boolean;
  /** The checked JSON of a chart's objects, each with its text when checked, for a chart with a `toJson()` of its own. */
  readonly checkedOf: (chart: Chart) => ReadonlyMap<any, string> | undefined;
  /** Builds the refusal of a chart whose objects differ from what was checked. */
  readonly refuse: (chart: Chart, problems: readonly ChartProblem[]) => Error;
}

const CREATED_LATE = 'is not an object synth checked: it was created after the check (by code that runs while the files are written, such as a toJson() override), or it belongs to another app';
const CREATED_LATE_FIX = "Create the object in this app where the app is built (in a construct's constructor), not in code that runs during synth.";

/** The ApiObjects whose closest chart is `chart`, in the chart's dependency order (as cdk8s writes them). */
function apiObjectsOf(chart: Chart): ApiObject[] {
  return topology(chart).filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart);
}

/** Refuses the objects of `chart` that synth did not check (created later, or another app's), if any. */
function refuseUnchecked(chart: Chart, objects: readonly ApiObject[], checked: CheckedCharts): void {
  const late = objects.filter((o) => !checked.isChecked(o));
  if (late.length > 0) throw checked.refuse(chart, late.map((o) => ({ value: `${o.kind}/${o.name}`, problem: CREATED_LATE, fix: CREATED_LATE_FIX })));
}

/** `Kind/name` of an object, for messages. */
function objectId(o: any): string {
  return `${String(o?.kind ?? '(no kind)')}/${String(o?.metadata?.name ?? o?.metadata?.generateName ?? '(no name)')}`;
}

/**
 * The objects of one chart, as `chart.toJson()` gives them, for a caller that has
 * already validated the app and resolved its dependencies once.
 *
 * cdk8s's `Chart.toJson()` validates the whole app and resolves its dependencies
 * again for every chart, so a synth of N charts walks the whole app N times (its own
 * synth did both already). Within one synth this gives the same objects in the same
 * order (the chart's dependency order, each object in its closest chart) with one
 * walk of the chart. A chart class with a `toJson` of its own is asked as usual, and
 * what it returns must be exactly the objects synth checked, unchanged: an object it
 * adds, changes or leaves out is refused before any file is written.
 */
function chartObjects(chart: Chart, checked: CheckedCharts | undefined): any[] {
  if (!hasOwnToJson(chart)) {
    const objects = apiObjectsOf(chart);
    if (checked !== undefined) refuseUnchecked(chart, objects, checked);
    return objects.map((o) => o.toJson());
  }
  const expected = checked?.checkedOf(chart);
  if (checked === undefined || expected === undefined) return chart.toJson();
  let objects: any[];
  try {
    objects = chart.toJson();
  } catch (e) {
    // the checked JSON is frozen for the rest of the synth
    if (e instanceof TypeError && /read[- ]only|not extensible|Cannot (add|assign|delete|define|redefine)/i.test(e.message)) {
      throw checked.refuse(chart, [{ value: e.message, problem: 'changes an object after synth checked it (the checked objects are read-only until the files are written)' }]);
    }
    throw e;
  }
  const problems: ChartProblem[] = [];
  // matched by content, not identity (objects a chart of another language returns are copies);
  // what is written is the checked object each one matched, never what toJson() returned
  const unmatched = new Map<string, any[]>();
  for (const [o, text] of expected) unmatched.set(text, [...unmatched.get(text) ?? [], o]);
  const take = (text: string): any => unmatched.get(text)?.shift();
  const written: any[] = [];
  for (const o of Array.isArray(objects) ? objects : []) {
    const text = JSON.stringify(o);
    const checkedText = expected.get(o);
    if (checkedText !== undefined && checkedText !== text) {
      take(checkedText);
      problems.push({ value: objectId(o), problem: 'changes an object after synth checked it' });
      continue;
    }
    const original = take(text);
    if (original === undefined) {
      problems.push({ value: objectId(o), problem: "returns an object synth never checked (not one of the chart's ApiObjects, or a changed copy of one)" });
    } else {
      written.push(original);
    }
  }
  for (const left of unmatched.values()) {
    for (const o of left) problems.push({ value: objectId(o), problem: 'leaves out an object that synth checked with the rest of the app' });
  }
  if (problems.length > 0) throw checked.refuse(chart, problems);
  return written;
}

/** One file (or directory) `App.synth` writes in the outdir, and what writes it. */
interface OutputFile {
  /** Its path in the outdir, with `/`. */
  readonly file: string;
  /** The chart whose id names it (or whose object it holds). */
  readonly chart: Chart;
  /** The object it holds, as `Kind/name`, for a file per object. @default - the chart's file */
  readonly object?: string;
  /** What it is, for a directory (files are written inside it). @default - the chart's or the object's file */
  readonly what?: string;
}

/** The file name cdk8s gives an object with a file of its own (`App.synth`, YamlOutputType.FILE_PER_RESOURCE and the folder per chart). */
function objectFileName(kind: unknown, name: unknown): string {
  return `${kind}.${name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** Whether cdk8s numbers the chart files (`0000-<chart>`): a chart depends on another (resolveDependencies has run). */
function chartsNumbered(charts: readonly Chart[]): boolean {
  return charts.some((c) => c.node.dependencies.some(isChart));
}

/** `0000-`, `0001-` … before the chart names when cdk8s numbers them. */
function chartNames(app: App, charts: readonly Chart[]): string[] {
  const numbered = chartsNumbered(topology(app).filter(isChart));
  return charts.map((c, i) => `${numbered ? `${i.toString().padStart(4, '0')}-` : ''}${Names.toDnsLabel(c)}`);
}

/** How a file is described in a refusal. */
function describeOutput(o: OutputFile): string {
  if (o.what !== undefined) return o.what;
  return o.object !== undefined ? `${o.object} of Chart '${o.chart.node.path}'` : `Chart '${o.chart.node.path}'`;
}

/**
 * Refuses outputs of one synth that are one file (or a file and a directory): equal paths, or
 * paths that differ only in case, one file on a case-insensitive filesystem (macOS, Windows).
 * cdk8s would write one over the other, and what is written would not be what was checked.
 */
function refuseCollisions(
  outputs: readonly OutputFile[], extraFiles: ReadonlyArray<{ readonly file: string; readonly what: string }>, checked: CheckedCharts,
): void {
  const byKey = new Map<string, OutputFile[]>();
  for (const o of outputs) {
    const key = o.file.toLowerCase();
    byKey.set(key, [...byKey.get(key) ?? [], o]);
  }
  const problems: ChartProblem[] = [];
  const add = (o: OutputFile, problem: string): void => {
    const fix = o.object !== undefined
      ? 'Give one of the objects another name (metadata.name), or write a file per chart (the App\'s yamlOutputType prop: YamlOutputType.FILE_PER_CHART).'
      : 'Give one of the charts another construct id.';
    problems.push({ chart: o.chart, value: o.file, problem: o.object !== undefined ? `holds ${o.object}, and ${problem}` : problem, fix, property: 'file' });
  };
  const caseNote = (a: string, b: string): string => (a === b ? '' : ` ("${b}", a name that differs only in case: one file on a case-insensitive filesystem such as macOS's or Windows')`);
  const CLASH = 'cdk8s writes one over the other, so the files would not hold every object synth checked';
  for (const group of byKey.values()) {
    for (let i = 1; i < group.length; i++) {
      const first = group[0];
      add(group[i], `is also the output of ${describeOutput(first)}${caseNote(group[i].file, first.file)}: ${CLASH}`);
    }
  }
  for (const extra of extraFiles) {
    for (const o of byKey.get(extra.file.toLowerCase()) ?? []) add(o, `is also the file of ${extra.what}${caseNote(o.file, extra.file)}: ${CLASH}`);
  }
  if (problems.length > 0) throw checked.refuse(problems[0].chart!, problems);
}

/**
 * The files `App.synth` (cdk8s's own) writes: those of the charts it is given (`given`, their
 * objects to apply) and the runs of every chart (`split`), in `<outdir>/runs/`; refused when
 * two are one.
 */
function refuseOutputCollisions(
  app: App, given: readonly Chart[], split: ReadonlyMap<Chart, { readonly apply: any[]; readonly create: any[] }>, checked: CheckedCharts,
): void {
  const ext = app.outputFileExtension;
  const outputs: OutputFile[] = [];
  // the runs first: a chart file that is one of them is the chart's to rename
  const runs = [...split.entries()].filter(([, s]) => s.create.length > 0).map(([chart]) => chart);
  if (runs.length > 0) {
    outputs.push({ file: RUNS_DIRECTORY, chart: runs[0], what: `the directory ${RUNS_DIRECTORY}/ of the runs to create` });
    for (const chart of runs) outputs.push({ file: `${RUNS_DIRECTORY}/${Names.toDnsLabel(chart)}${ext}`, chart });
  }
  if (app.yamlOutputType === YamlOutputType.FILE_PER_CHART) {
    chartNames(app, given).forEach((name, i) => outputs.push({ file: `${name}${ext}`, chart: given[i] }));
  } else if (app.yamlOutputType === YamlOutputType.FILE_PER_RESOURCE) {
    for (const chart of given) {
      for (const o of split.get(chart)?.apply ?? []) {
        if (o !== undefined) outputs.push({ file: `${objectFileName(o.kind, o.metadata?.name)}${ext}`, chart, object: objectId(o) });
      }
    }
  }
  refuseCollisions(outputs, constructMetadata(app), checked);
}

/** The files of `YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE`: a folder per chart, a file per object in it; refused when two are one. */
function refuseFolderCollisions(app: App, charts: readonly Chart[], checked: CheckedCharts): void {
  const outputs: OutputFile[] = [];
  chartNames(app, charts).forEach((folder, i) => {
    const chart = charts[i];
    outputs.push({ file: folder, chart, what: `the folder of Chart '${chart.node.path}'` });
    // cdk8s names each file after the ApiObject's kind and metadata name (not its JSON)
    for (const o of apiObjectsOf(chart)) {
      outputs.push({ file: `${folder}/${objectFileName(o.kind, o.metadata.name)}${app.outputFileExtension}`, chart, object: `${o.kind}/${o.metadata.name}` });
    }
  });
  refuseCollisions(outputs, constructMetadata(app), checked);
}

/** The file cdk8s writes the construct metadata to, when the app records it. */
function constructMetadata(app: App): Array<{ readonly file: string; readonly what: string }> {
  // a private field of cdk8s's App, set from its props
  return (app as any).recordConstructMetadata === true ? [{ file: 'construct-metadata.json', what: 'the construct metadata (recordConstructMetadata)' }] : [];
}

/** cdk8s's `App.charts` getter. */
const CDK8S_CHARTS = Object.getOwnPropertyDescriptor(App.prototype, 'charts')!.get!;

/** The `charts` getter of an app's class (cdk8s's, unless a subclass overrides it). */
function chartsGetter(app: App): () => Chart[] {
  for (let p = Object.getPrototypeOf(app); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, 'charts');
    if (d !== undefined) return d.get ?? (() => d.value);
  }
  return CDK8S_CHARTS;
}

const isChart = (c: unknown): c is Chart => c instanceof Chart;

/**
 * Runs `synth` (the app's own `App.synth` or `App.synthYaml`, which validate the app
 * and resolve its dependencies before they ask for its charts) with the app checked
 * when its charts are first read (`checked.ensure`), each chart's objects taken in one
 * walk of the chart (see `chartObjects`) and, for `App.synth`, the objects to create
 * written to `<outdir>/runs/`. With `YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE`,
 * where cdk8s writes each object to a file of its own without asking the charts for
 * their objects, the app is checked and every object of every chart must have been
 * checked; runs stay where cdk8s writes them. `ownSynth`: the app's `synth` is its own
 * (a subclass's, or given to the app), which names the files itself.
 */
export function synthChartsOnce(app: App, method: 'synth' | 'synthYaml', synth: () => any, checked?: CheckedCharts, ownSynth: boolean = false): any {
  // the app's charts as its class gives them; cdk8s's own getter without its graph
  const getter = chartsGetter(app);
  const allCharts = (): Chart[] => (getter === CDK8S_CHARTS ? topology(app).filter(isChart) : getter.call(app));
  // the files are cdk8s's to name when its own App.synth writes them (not an app's synth of its own)
  const cdk8sWrites = method === 'synth' && checked !== undefined && !ownSynth;
  if (method === 'synth' && app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
    // cdk8s writes each object itself (chart.toJson() is not asked): the app is checked, and
    // every object of every chart must have been, when cdk8s asks for the charts
    Object.defineProperty(app, 'charts', {
      configurable: true,
      get: () => {
        const charts = allCharts();
        if (checked === undefined) return charts;
        checked.ensure();
        for (const chart of charts) refuseUnchecked(chart, apiObjectsOf(chart), checked);
        if (cdk8sWrites) refuseFolderCollisions(app, charts, checked);
        return charts;
      },
    });
    try {
      return synth();
    } finally {
      delete (app as any).charts;
    }
  }
  const splitRuns = method === 'synth';
  let outputsChecked = false;
  const split = new Map<Chart, { readonly apply: any[]; readonly create: any[] }>();
  // cdk8s asks for the charts once the app is checked: each chart's JSON is then the checked JSON
  const splitOf = (chart: Chart): { readonly apply: any[]; readonly create: any[] } => {
    let s = split.get(chart);
    if (!s) {
      const objects = chartObjects(chart, checked);
      s = splitRuns ? { apply: objects.filter((o) => !isCreateOnly(o)), create: objects.filter(isCreateOnly) } : { apply: objects, create: [] };
      split.set(chart, s);
      const apply = s.apply;
      Object.defineProperty(chart, 'toJson', { configurable: true, writable: true, value: () => apply });
    }
    return s;
  };
  Object.defineProperty(app, 'charts', {
    configurable: true,
    get: () => {
      // checked when the charts are first read: after every validation of the app has run
      checked?.ensure();
      const given = allCharts().filter((chart) => {
        const s = splitOf(chart);
        return s.apply.length > 0 || s.create.length === 0;
      });
      // before cdk8s writes anything: no two of its files may be one
      if (cdk8sWrites && !outputsChecked) {
        outputsChecked = true;
        refuseOutputCollisions(app, given, split, checked!);
      }
      return given;
    },
  });
  try {
    const result = synth();
    const runs = [...split.entries()].filter(([, s]) => s.create.length > 0);
    if (runs.length > 0) fs.mkdirSync(path.join(app.outdir, RUNS_DIRECTORY), { recursive: true });
    for (const [chart, s] of runs) {
      Yaml.save(path.join(app.outdir, RUNS_DIRECTORY, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`), s.create);
    }
    return result;
  } finally {
    delete (app as any).charts;
    for (const chart of split.keys()) delete (chart as any).toJson;
  }
}
