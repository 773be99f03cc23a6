/**
 * What synth writes is what it checked, whatever code runs during the synth: a validation
 * that adds or patches an object runs before the check (the app is checked when its charts
 * are first read), an object created while the app is checked is checked too, the checked
 * JSON is frozen until the files are written, and an object that was not checked (created
 * later, or from another app) is refused before any file is written. Each case was a way to
 * write an unchecked privileged Task.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, Yaml, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { SecureTask } from '../../../src';
import { SecureTektonError } from '../../../src/policy/errors';

const IMAGE = 'docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4';
const PRIVILEGED = 'Task \'ci/late\' \'evil\' step \'c\': securityContext.privileged "true" is true [NOT_PRIVILEGED]';

const evil = (): any => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Task',
  metadata: { name: 'evil', namespace: 'ci' },
  spec: { steps: [{ name: 'c', image: IMAGE, script: '#!/bin/sh\necho\n', securityContext: { privileged: true } }] },
});

function newApp(yamlOutputType?: YamlOutputType): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')), yamlOutputType });
}

function secure(chart: Chart): SecureTask {
  return new SecureTask(chart, 'unit-test', { steps: [{ name: 'test', image: IMAGE, script: '#!/bin/sh\ngo test ./...\n' }] });
}

/** Every file synth wrote (or the synthYaml string), as one text. */
function written(app: App, method: 'synth' | 'synthYaml'): string {
  if (method === 'synthYaml') return app.synthYaml();
  app.synth();
  const walk = (d: string): string[] => fs.readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return fs.statSync(p).isDirectory() ? walk(p) : [p];
  });
  return walk(app.outdir).map((f) => fs.readFileSync(f, 'utf8')).join('---\n');
}

/** The message synth refused with; nothing may have been written. */
function refusal(app: App, method: 'synth' | 'synthYaml' = 'synth'): string {
  try {
    written(app, method);
  } catch (e) {
    expect(e).toBeInstanceOf(SecureTektonError);
    if (fs.existsSync(app.outdir)) expect(fs.readdirSync(app.outdir)).toEqual([]);
    return (e as Error).message;
  }
  throw new Error('synth was not refused');
}

const MODES: Array<[string, YamlOutputType | undefined, 'synth' | 'synthYaml']> = [
  ['synth, a file per chart', undefined, 'synth'],
  ['synth, one file', YamlOutputType.FILE_PER_APP, 'synth'],
  ['synth, a file per object', YamlOutputType.FILE_PER_RESOURCE, 'synth'],
  ['synth, a folder per chart', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, 'synth'],
  ['synthYaml', undefined, 'synthYaml'],
];

describe.each(MODES)('%s', (_, yamlOutputType, method) => {
  test('an object a validation adds is checked (the app is checked after every validation)', () => {
    const app = newApp(yamlOutputType);
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new Construct(chart, 'hook').node.addValidation({
      validate: () => {
        if (!chart.node.tryFindChild('late')) new ApiObject(chart, 'late', evil());
        return [];
      },
    });
    expect(refusal(app, method)).toContain(PRIVILEGED);
  });

  test('a JSON patch a validation adds is checked', () => {
    const app = newApp(yamlOutputType);
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new Construct(chart, 'hook').node.addValidation({
      validate: () => {
        const task = chart.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Task')!;
        task.addJsonPatch(JsonPatch.add('/spec/steps/0/securityContext/privileged', true));
        return [];
      },
    });
    expect(refusal(app, method)).toContain('securityContext.privileged "true" is true [NOT_PRIVILEGED]');
  });

  test('what a validation does to the JSON an object gives it changes nothing that is written', () => {
    const app = newApp(yamlOutputType);
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new Construct(chart, 'hook').node.addValidation({
      validate: () => {
        for (const o of chart.node.findAll().filter(ApiObject.isApiObject)) {
          for (const step of o.toJson().spec?.steps ?? []) step.securityContext = { ...step.securityContext, privileged: true };
        }
        return [];
      },
    });
    const text = written(app, method);
    expect(text).toContain('kind: Task');
    expect(text).not.toContain('privileged: true');
  });

  test('an object a Lazy creates while the app is checked is checked too', () => {
    const app = newApp(yamlOutputType);
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'cm', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: {
        k: Lazy.any({
          produce: () => {
            if (!chart.node.tryFindChild('late')) new ApiObject(chart, 'late', evil());
            return 'v';
          },
        }),
      },
    });
    expect(refusal(app, method)).toContain(PRIVILEGED);
  });
});

test('objects that keep creating objects while the app is checked are refused after a few rounds', () => {
  const app = newApp();
  const chart = new Chart(app, 'ci', { namespace: 'ci' });
  secure(chart);
  let n = 0;
  const chain = (): ApiObject => new ApiObject(chart, `cm${n}`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm${n++}` },
    data: { next: Lazy.any({ produce: () => (chain(), 'x') }) },
  });
  chain();
  expect(refusal(app)).toBe("ConfigMap 'ci/cm4' 'cm4': node.path \"ci/cm4\" is still being created while synth checks the app, after 4 rounds of objects "
    + "created by the objects checked before them [VALID_SPEC]. Create the object where the app is built (in a construct's constructor), not inside a Lazy that runs during synth.");
});

test('an App whose synth writes its charts itself writes only what was checked', () => {
  class DirApp extends App {
    public synth(): void {
      fs.mkdirSync(this.outdir, { recursive: true });
      for (const c of this.charts) Yaml.save(path.join(this.outdir, `${c.node.id}.yaml`), c.toJson());
    }
  }
  class YamlApp extends App {
    public synthYaml(): string {
      return Yaml.stringify(...this.charts.flatMap((c) => c.toJson()));
    }
  }
  for (const [app, method] of [[new DirApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) }), 'synth'], [new YamlApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) }), 'synthYaml']] as const) {
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'late', evil());
    expect(refusal(app, method)).toContain(PRIVILEGED);
  }
});

describe('code that runs while the files are written', () => {
  const LATE = 'is not an object synth checked: it was created after the check (by code that runs while the files are written, such as a toJson() override), '
    + "or it belongs to another app [VALID_SPEC]. Create the object in this app where the app is built (in a construct's constructor), not in code that runs during synth.";
  const FIX = 'Add each object as an ApiObject construct of the chart and change objects with JSON patches '
    + "(apiObject.addJsonPatch(JsonPatch.replace('/spec/x', value))), not in toJson(): synth checks those; or remove the toJson() override.";

  test('a chart\'s toJson() cannot change another chart\'s checked objects: they are read-only until the files are written', () => {
    const app = newApp();
    const a = new Chart(app, 'a', { namespace: 'ci' });
    secure(a);
    class Own extends Chart {
      public toJson(): any[] {
        for (const o of a.node.findAll().filter(ApiObject.isApiObject)) {
          if (o.kind === 'Task') o.toJson().spec.steps[0].securityContext.privileged = true;
        }
        return super.toJson();
      }
    }
    new Own(app, 'b', { namespace: 'other' });
    expect(refusal(app)).toBe('Own \'b\': toJson() "Cannot assign to read only property \'privileged\' of object \'#<Object>\'" changes an object after synth '
      + `checked it (the checked objects are read-only until the files are written) [VALID_SPEC]. ${FIX}`);
  });

  test('an object a chart\'s toJson() creates in another chart is refused', () => {
    const app = newApp();
    let second: Chart | undefined;
    class Own extends Chart {
      public toJson(): any[] {
        if (second && !second.node.tryFindChild('late')) new ApiObject(second, 'late', evil());
        return super.toJson();
      }
    }
    // the charts are read in the order they were created: the override runs before b is read
    secure(new Own(app, 'a', { namespace: 'ci' }));
    second = new Chart(app, 'b', { namespace: 'ci' });
    expect(refusal(app)).toBe(`Chart 'b': toJson() "Task/evil" ${LATE}`);
  });

  test('a copy a chart\'s toJson() returns is matched by its text, and the checked object is written in its place', () => {
    const app = newApp();
    class Own extends Chart {
      public toJson(): any[] {
        return super.toJson().map((o: any) => {
          if (o.kind !== 'Task') return o;
          const copy = JSON.parse(JSON.stringify(o));
          // reads clean once (when compared), privileged afterwards
          let reads = 0;
          Object.defineProperty(copy.spec.steps[0].securityContext, 'privileged', { enumerable: true, get: () => reads++ > 0 });
          return copy;
        });
      }
    }
    secure(new Own(app, 'b', { namespace: 'ci' }));
    expect(written(app, 'synth')).not.toContain('privileged: true');
  });

  test('a chart of another app, added to the charts, is refused', () => {
    const other = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    const foreign = new Chart(other, 'foreign', { namespace: 'ci' });
    new ApiObject(foreign, 'late', evil());
    class Mixed extends App {
      public get charts(): Chart[] {
        return [...super.charts, foreign];
      }
    }
    const app = new Mixed({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    secure(new Chart(app, 'ci', { namespace: 'ci' }));
    expect(refusal(app)).toBe(`Chart 'foreign': toJson() "Task/evil" ${LATE}`);
  });
});

describe('an object kubectl reads as a list (any kind with items) is refused: kubectl applies each item, which synth does not check', () => {
  const FIX = "Write each item as an ApiObject construct of its own (with the item's apiVersion, kind and metadata) and leave items out.";
  const PROBLEM = 'makes kubectl read the object as a list and apply each item, which synth does not check [VALID_SPEC]';

  test('a List of a privileged Task', () => {
    const app = newApp();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'l', { apiVersion: 'v1', kind: 'List', items: [evil()] });
    // cdk8s names an ApiObject without a name after its path
    expect(refusal(app)).toBe(`List 'ci/l' 'ci-l-c80e60d2': items "List/ci-l-c80e60d2 items [Task/evil]" ${PROBLEM}. ${FIX}`);
  });

  test('any kind with items: a PodList of a privileged Pod', () => {
    const app = newApp();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'l', {
      apiVersion: 'v1',
      kind: 'PodList',
      metadata: { name: 'pods' },
      items: [{ metadata: { name: 'root' }, spec: { containers: [{ name: 'c', image: IMAGE, securityContext: { privileged: true } }] } }],
    } as any);
    expect(refusal(app, 'synthYaml')).toBe(`PodList 'ci/l' 'pods': items "PodList/pods items [(no kind)/root]" ${PROBLEM}. ${FIX}`);
  });

  test('items added to a library object by a JSON patch are refused as the construct\'s', () => {
    const app = newApp();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    const task = secure(chart);
    const obj = task.node.findAll().find(ApiObject.isApiObject)!;
    obj.addJsonPatch(JsonPatch.add('/items', [evil()]));
    expect(refusal(app)).toBe(`SecureTask 'ci/unit-test': items "Task/unit-test items [Task/evil]" ${PROBLEM}. ${FIX}`);
  });

  test('items that are not a list are refused too (kubectl fails on them, nothing of it is checked)', () => {
    const app = newApp();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'l', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, items: 'all' } as any);
    expect(refusal(app)).toBe(`ConfigMap 'ci/l' 'cm': items "ConfigMap/cm items \\"all\\"" ${PROBLEM}. ${FIX}`);
  });
});

describe('an App whose synth writes the objects without asking the charts', () => {
  /** Writes every ApiObject of the app to its own file, as its toJson() gives it. */
  function writeObjects(app: App): void {
    fs.mkdirSync(app.outdir, { recursive: true });
    for (const o of app.node.findAll().filter(ApiObject.isApiObject)) Yaml.save(path.join(app.outdir, `${o.node.path.replace(/\//g, '_')}.yaml`), [o.toJson()]);
  }

  test('a subclass\'s synth is checked before it runs', () => {
    class ObjectsApp extends App {
      public synth(): void {
        writeObjects(this);
      }
    }
    const app = new ObjectsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    new ApiObject(chart, 'late', evil());
    expect(refusal(app)).toContain(PRIVILEGED);
  });

  test('a synth given to the app itself (a class field, or assigned later) is checked before it runs', () => {
    class FieldApp extends App {
      public synth = (): void => writeObjects(this);
    }
    const field = new FieldApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    const assigned = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    for (const app of [field, assigned]) {
      const chart = new Chart(app, 'ci', { namespace: 'ci' });
      secure(chart);
      new ApiObject(chart, 'late', evil());
    }
    assigned.synth = () => writeObjects(assigned);
    expect(refusal(field)).toContain(PRIVILEGED);
    expect(refusal(assigned)).toContain(PRIVILEGED);
  });

  test('a class field of a subclass made after the check is attached cannot hide the check: making the app fails', () => {
    class Secured extends App {
      constructor() {
        super({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
        secure(new Chart(this, 'ci', { namespace: 'ci' }));
      }
    }
    class Unchecked extends Secured {
      public synth = (): void => writeObjects(this);
    }
    expect(() => new Unchecked()).toThrow(/Cannot redefine property: synth/);
  });

  test('what it writes is what was checked, frozen until it returns', () => {
    class ObjectsApp extends App {
      public synth(): void {
        const task = this.node.findAll().find(ApiObject.isApiObject)!;
        expect(() => {
          task.toJson().metadata.name = 'other';
        }).toThrow(TypeError);
        writeObjects(this);
      }
    }
    const app = new ObjectsApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'what-is-written-')) });
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    secure(chart);
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['ci_unit-test_Resource.yaml']);
  });
});
