import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { buildPipelineApp } from '../../examples/build-pipeline/app';
import {
  CheckStatus, PostureReport, Relaxations, RelaxationTarget, RemoteTask, RuleCatalogue, RuleId, SecurePipeline, TaskContent, TrustDomain,
  VerificationKey, VerificationPolicy,
} from '../../src';
import { hardenedContainer, task as hardenedTask } from './rules/fixtures';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'posture-'));

describe('PostureReport of the build example', () => {
  const app = buildPipelineApp(tmp());
  const report = PostureReport.fromApp(app);
  const objects = app.charts.flatMap((c) => c.toJson());

  test('every object gets one result per rule; nothing failed', () => {
    expect(report.objects).toHaveLength(objects.length);
    for (const o of report.objects) expect(o.checks.map((c) => c.rule)).toEqual(RuleCatalogue.all().map((r) => r.id));
    expect(report.summary.failed).toBe(0);
    expect(report.summary.objects).toBe(objects.length);
    expect(report.summary.passed + report.summary.relaxed + report.summary.notApplicable).toBe(objects.length * RuleCatalogue.all().length);
  });

  test('the kaniko relaxations are reported with their recorded reasons', () => {
    const task = report.objects.find((o) => o.kind === 'Task' && o.name === 'kaniko-push')!;
    const relaxed = task.checks.filter((c) => c.status === CheckStatus.RELAXED);
    expect(relaxed.map((c) => c.rule)).toEqual([RuleId.RUN_AS_NON_ROOT, RuleId.DROP_ALL_CAPABILITIES, RuleId.READ_ONLY_ROOT_FILESYSTEM]);
    expect(relaxed[0].reason).toBe('kaniko unpacks base image layers as root (file ownership must be preserved)');
    expect(relaxed[0].relaxations).toEqual([expect.objectContaining({ target: 'step/build-and-push', rule: RuleId.RUN_AS_NON_ROOT })]);
    // three on the kaniko step, and the pipeline's record of its two trusted tasks (clone and push) holding credentials
    const pipeline = report.objects.find((o) => o.kind === 'Pipeline')!;
    const trust = pipeline.checks.find((c) => c.rule === RuleId.CREDENTIALS_TRUSTED_TASK)!;
    expect(trust.status).toBe(CheckStatus.RELAXED);
    expect(trust.relaxations!.map((r) => r.target)).toEqual(['task/clone', 'task/push']);
    // and the pipeline's record of why the push task may run kaniko beside its credentials
    const repoCode = pipeline.checks.find((c) => c.rule === RuleId.CREDENTIALS_WITH_REPO_CODE)!;
    expect(repoCode.status).toBe(CheckStatus.RELAXED);
    expect(repoCode.relaxations!.map((r) => r.target)).toEqual(['task/push']);
    // and the run's record that the cluster's coschedule allows two claims per TaskRun
    const run = report.objects.find((o) => o.kind === 'PipelineRun')!;
    expect(run.checks.find((c) => c.rule === RuleId.AFFINITY_ASSISTANT_CLAIMS)!.status).toBe(CheckStatus.RELAXED);
    expect(report.summary.relaxed).toBe(6);
  });

  test('rules that do not look at an object are not applicable', () => {
    const sa = report.objects.find((o) => o.kind === 'ServiceAccount')!;
    // every object has an identity, which UNIQUE_OBJECTS checks; CHAINS_STORAGE_CREDENTIALS looks at every ServiceAccount
    // (and judges it only with a chains-config checked together), SERVED_KINDS reads the kind and version of every object
    // of the core group, TEMPLATE_INJECTION the text of every object (Pipelines-as-Code fills the whole file); no other rule looks at a ServiceAccount
    const looking = [RuleId.UNIQUE_OBJECTS, RuleId.CHAINS_STORAGE_CREDENTIALS, RuleId.SERVED_KINDS, RuleId.TEMPLATE_INJECTION];
    expect(sa.checks.filter((c) => looking.includes(c.rule)).map((c) => c.status)).toEqual(looking.map(() => CheckStatus.PASSED));
    expect(sa.checks.filter((c) => !looking.includes(c.rule)).filter((c) => c.status !== CheckStatus.NOT_APPLICABLE).map((c) => c.rule)).toEqual([]);
    // the example grants no Role (its credentials reach their tasks as workspaces): a NetworkPolicy stands for the other kinds
    const policy = report.objects.find((o) => o.kind === 'NetworkPolicy')!;
    expect(policy.checks.find((c) => c.rule === RuleId.EGRESS_SCOPED)!.status).toBe(CheckStatus.PASSED);
    expect(policy.checks.find((c) => c.rule === RuleId.IMAGE_DIGEST)!.status).toBe(CheckStatus.NOT_APPLICABLE);
  });

  test('JSON: stable schema', () => {
    const json = report.toJson();
    expect(Object.keys(json)).toEqual(['schemaVersion', 'summary', 'rules', 'objects']);
    expect(json.schemaVersion).toBe(1);
    expect(json.rules[0]).toEqual({ id: 'IMAGE_DIGEST', severity: 'high', title: RuleCatalogue.all()[0].title, relaxable: true });
    const push = json.objects.find((o: any) => o.object === 'Task/ci/kaniko-push');
    expect(push.checks.find((c: any) => c.rule === 'RUN_AS_NON_ROOT')).toEqual({
      rule: 'RUN_AS_NON_ROOT',
      status: 'relaxed',
      reason: 'kaniko unpacks base image layers as root (file ownership must be preserved)',
      relaxations: [
        { target: 'step/build-and-push', reason: 'kaniko unpacks base image layers as root (file ownership must be preserved)', recordedBy: 'library' },
      ],
      findings: [
        { location: "step 'build-and-push'", property: 'securityContext.runAsNonRoot', value: 'false', problem: 'is not true' },
        { location: "step 'build-and-push'", property: 'securityContext.runAsUser', value: '0', problem: 'is not a non-zero UID' },
      ],
    });
    expect(push.checks.find((c: any) => c.rule === 'IMAGE_DIGEST')).toEqual({ rule: 'IMAGE_DIGEST', status: 'passed' });
  });

  test('Markdown: summary, relaxations with reasons, rule table', () => {
    const md = report.toMarkdown();
    expect(md).toContain(`${objects.length} objects: ${report.summary.passed} checks passed, 6 relaxed, 0 failed`);
    expect(md).toContain(
      '| `Task/ci/kaniko-push` | `RUN_AS_NON_ROOT` | `step/build-and-push` | `kaniko unpacks base image layers as root (file ownership must be preserved)` | library |',
    );
    expect(md).not.toContain('## Failed');
    // one object: said in the singular
    const one = new Chart(Testing.app(), 'one', { namespace: 'ci' });
    new ApiObject(one, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } });
    const single = PostureReport.fromApp(one.node.root as App);
    expect(single.toMarkdown()).toMatch(/^1 object: \d+ checks passed, 0 relaxed, 0 failed \(\d+ not applicable\)\.$/m);
    expect(md).toMatch(/\| `IMAGE_DIGEST` \| high \| 3 \| 0 \| 0 \| \d+ \|/);
  });

  test('writeFor writes both files next to the app outdir, in <outdir>-posture, never into it', () => {
    const files = PostureReport.writeFor(app);
    const dir = `${app.outdir}-posture`;
    expect(files).toEqual({ json: path.join(dir, 'posture-report.json'), markdown: path.join(dir, 'posture-report.md') });
    expect(JSON.parse(fs.readFileSync(files.json, 'utf8'))).toEqual(report.toJson());
    expect(fs.readFileSync(files.markdown, 'utf8')).toBe(report.toMarkdown());
    expect(fs.existsSync(path.join(app.outdir, 'posture-report.json'))).toBe(false);
    expect(fs.existsSync(path.join(app.outdir, 'posture-report.md'))).toBe(false);
  });

  test('writeFor writes into the directory given', () => {
    const dir = path.join(tmp(), 'reports', 'ci');
    expect(PostureReport.writeFor(app, { directory: dir })).toEqual({ json: path.join(dir, 'posture-report.json'), markdown: path.join(dir, 'posture-report.md') });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'posture-report.json'), 'utf8'))).toEqual(report.toJson());
  });
});

/**
 * Every struct a report hands out through `objects` (postures, checks, findings, relaxations), in
 * objects that are not frozen: jsii passes a struct to Python, Java and Go by reference and tags
 * each object it returns, which a frozen object refuses ("object is not extensible").
 */
function frozenStructs(report: PostureReport): string[] {
  const frozen: string[] = [];
  const seen = new Set<object>();
  report.objects.forEach((o, i) => {
    const structs: Array<[string, object]> = [[`objects[${i}]`, o]];
    o.checks.forEach((c, j) => {
      structs.push([`objects[${i}].checks[${j}]`, c]);
      c.findings.forEach((f, k) => structs.push([`objects[${i}].checks[${j}].findings[${k}]`, f]));
      (c.relaxations ?? []).forEach((r, k) => structs.push([`objects[${i}].checks[${j}].relaxations[${k}]`, r]));
    });
    for (const [where, x] of structs) {
      if (!Object.isExtensible(x)) frozen.push(`${where} is frozen`);
      if (seen.has(x)) frozen.push(`${where} is shared`);
      seen.add(x);
    }
  });
  return frozen;
}

describe('PostureReport.objects can be handed to Python, Java and Go (jsii tags each struct it returns)', () => {
  test('fromApp: no posture, check, finding or relaxation is frozen or shared with another object', () => {
    const app = buildPipelineApp(tmp());
    const report = PostureReport.fromApp(app);
    expect(report.summary.passed).toBeGreaterThan(0);
    expect(report.summary.relaxed).toBeGreaterThan(0);
    expect(frozenStructs(report)).toEqual([]);
  });

  test('fromManifests: the same, with failed and relaxed checks', () => {
    const report = PostureReport.fromManifests([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ci' }, data: { token: 'dA==' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ok', annotations: { 'secure-tekton/relax.NO_SECRET_MATERIAL': '*: demo only, throw-away' } }, data: { k: 'dg==' } },
    ]);
    expect(report.summary).toMatchObject({ failed: 1, relaxed: 1 });
    expect(frozenStructs(report)).toEqual([]);
  });
});

describe('PostureReport of insecure manifests', () => {
  const report = PostureReport.fromManifests([
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's|x', namespace: 'ci' }, data: { token: 'dA==' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ok', annotations: { 'secure-tekton/relax.NO_SECRET_MATERIAL': '*: demo only, throw-away' } }, data: { k: 'dg==' } },
    null,
  ]);

  test('failed and relaxed are told apart; non-objects are ignored', () => {
    expect(report.summary).toMatchObject({ objects: 2, failed: 1, relaxed: 1 });
  });

  test('a relaxation written by hand is honoured and reported as a hand edit', () => {
    expect(report.toJson().objects[1].checks.find((c: any) => c.rule === 'NO_SECRET_MATERIAL').relaxations).toEqual([
      { reason: 'demo only, throw-away', recordedBy: 'hand-edit' },
    ]);
  });

  test('Markdown lists the failure, every cell a literal code span', () => {
    expect(report.toMarkdown()).toContain(
      '## Failed\n\n| Object | Rule | Where | Problem |\n|---|---|---|---|\n| `Secret/ci/s\\|x` | `NO_SECRET_MATERIAL` |  | `data "token" holds secret values` |',
    );
  });

  test('a reason cannot inject Markdown: links, HTML, emphasis and table breaks stay literal', () => {
    const hostile = 'see [here](https://evil.example) <img src=x onerror=alert(1)> **now** | col `tick` ``';
    const md = PostureReport.fromManifests([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', annotations: { 'secure-tekton/relax.NO_SECRET_MATERIAL': `*: ${hostile}` } }, data: { k: 'dg==' } },
    ]).toMarkdown();
    const row = md.split('\n').find((l) => l.startsWith('| `Secret/x` | `NO_SECRET_MATERIAL`'))!;
    // a fence longer than any backtick run, padded because the text ends in backticks (CommonMark strips one space each side)
    expect(row).toBe('| `Secret/x` | `NO_SECRET_MATERIAL` | `*` | ``` see [here](https://evil.example) <img src=x onerror=alert(1)> **now** \\| col `tick` `` ``` | hand-edit |');
  });
});

describe('PostureReport.writeFor refuses a directory in the outdir, where kubectl apply -f reads every .json file', () => {
  const outdir = tmp();
  const app = new App({ outdir });
  new Chart(app, 'ci', { namespace: 'ci' });

  test('the outdir itself', () => {
    expect(() => PostureReport.writeFor(app, { directory: outdir })).toThrow(
      `PostureReport '': directory "${outdir}" is the app's outdir '${outdir}', where kubectl apply -f reads every .json and .yaml file as a manifest [VALID_SPEC]. `
      + `Write the report next to the manifests: PostureReport.writeFor(app), which writes to '${path.basename(outdir)}-posture', or give a directory outside '${outdir}'.`,
    );
  });

  test('a directory inside it, given relative to the working directory', () => {
    const inside = path.relative(process.cwd(), path.join(outdir, 'reports'));
    expect(() => PostureReport.writeFor(app, { directory: inside })).toThrow(
      `PostureReport '': directory "${inside}" is inside the app's outdir '${outdir}', where kubectl apply -f reads every .json and .yaml file as a manifest [VALID_SPEC]. `
      + `Write the report next to the manifests: PostureReport.writeFor(app), which writes to '${path.basename(outdir)}-posture', or give a directory outside '${outdir}'.`,
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a directory inside it whose name starts with two dots', () => {
    const inside = path.join(outdir, '..posture');
    expect(() => PostureReport.writeFor(app, { directory: inside })).toThrow(
      `PostureReport '': directory "${inside}" is inside the app's outdir '${outdir}', where kubectl apply -f reads every .json and .yaml file as a manifest [VALID_SPEC]. `
      + `Write the report next to the manifests: PostureReport.writeFor(app), which writes to '${path.basename(outdir)}-posture', or give a directory outside '${outdir}'.`,
    );
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a sibling whose name starts with the outdir\'s is outside it', () => {
    const sibling = `${outdir}x`;
    expect(PostureReport.writeFor(app, { directory: sibling }).json).toBe(path.join(sibling, 'posture-report.json'));
  });
});

describe('PostureReport of an app with a RemoteTask: the content it fetches, with its relaxations', () => {
  const DIGEST = 'c'.repeat(64);
  const BUNDLE = `ghcr.io/example/tekton-tasks/lint@sha256:${DIGEST}`;
  const REASON = 'the linter image runs as root (its cache lives under /root)';

  /** An app in namespace `ci` whose pipeline `runs` runs a bundle task `ci-lint` fetching Task `lint`, with `relaxations`. */
  function remoteApp(step: any, relaxations: any[] = []) {
    const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
    const policy = new VerificationPolicy(c, 'tasks', {
      resources: ['^never$'],
      authorities: [{ name: 'release', key: VerificationKey.fromSecret({ secretName: 'tasks-signing-pub' }) }],
      relaxations: [],
    });
    const content = hardenedTask({ steps: [step], workspaces: [{ name: 'source' }] });
    content.metadata = { name: 'lint' };
    const lint = RemoteTask.fromBundle(c, 'ci-lint', {
      bundle: BUNDLE, content: TaskContent.fromYaml(stringify(content)), workspaceDomains: { source: TrustDomain.SOURCE }, relaxations,
    });
    policy.addRemoteTask(lint);
    const pipeline = new SecurePipeline(c, 'runs', { workspaces: [{ name: 'source', domain: TrustDomain.SOURCE }], relaxations: [] });
    pipeline.addTask({ task: lint, workspaces: { source: 'source' } });
    return c.node.root as App;
  }
  const rootStep = hardenedContainer('lint', {
    securityContext: { ...hardenedContainer('lint').securityContext, runAsNonRoot: false, runAsUser: 0 },
  });

  test('a step relaxed to run as root: in the JSON, apart from the objects written, with the reason and the findings it covers', () => {
    const app = remoteApp(rootStep, [{ rule: RuleId.RUN_AS_NON_ROOT, target: RelaxationTarget.step('lint'), reason: REASON }]);
    const report = PostureReport.fromApp(app);
    const json = report.toJson();
    expect(Object.keys(json)).toEqual(['schemaVersion', 'summary', 'rules', 'objects', 'unwritten']);
    expect(json.schemaVersion).toBe(1);
    expect(json.unwritten).toHaveLength(1);
    const fetched = json.unwritten[0];
    expect({ ...fetched, checks: undefined }).toEqual({
      object: 'Task/lint',
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      name: 'lint',
      fetchedBy: { kind: 'RemoteTask', path: 'test/ci-lint' },
      source: 'ghcr.io/example/tekton-tasks/lint',
      checks: undefined,
    });
    expect(fetched.checks.map((c: any) => c.rule)).toEqual(RuleCatalogue.all().map((r) => r.id));
    expect(fetched.checks.find((c: any) => c.rule === 'RUN_AS_NON_ROOT')).toEqual({
      rule: 'RUN_AS_NON_ROOT',
      status: 'relaxed',
      reason: REASON,
      relaxations: [{ target: 'step/lint', reason: REASON, recordedBy: 'library' }],
      findings: [
        { location: "step 'lint'", property: 'securityContext.runAsNonRoot', value: 'false', problem: 'is not true' },
        { location: "step 'lint'", property: 'securityContext.runAsUser', value: '0', problem: 'is not a non-zero UID' },
      ],
    });
    expect(fetched.checks.find((c: any) => c.rule === 'IMAGE_DIGEST')).toEqual({ rule: 'IMAGE_DIGEST', status: 'passed' });
    expect(fetched.checks.filter((c: any) => c.status === 'relaxed' || c.status === 'failed').map((c: any) => c.rule)).toEqual(['RUN_AS_NON_ROOT']);
    // the summary counts the objects written, as before: the content is not one of them
    expect(json.summary.objects).toBe(json.objects.length);
    expect(json.objects.map((o: any) => o.object)).not.toContain('Task/lint');
    expect(json.summary.relaxed).toBe(json.objects.flatMap((o: any) => o.checks).filter((c: any) => c.status === 'relaxed').length);
    // Relaxations lists it as before, under the RemoteTask's path
    expect(Relaxations.of(app).list()).toEqual([{ rule: RuleId.RUN_AS_NON_ROOT, target: 'step/lint', reason: REASON, path: 'test/ci-lint' }]);
    // the structs handed out are the report's own
    expect(report.unwritten).toHaveLength(1);
    expect(report.unwritten[0].constructPath).toBe('test/ci-lint');
    expect(Object.isExtensible(report.unwritten[0].posture.checks[0])).toBe(true);
  });

  test('a step relaxed to run as root: in the Markdown, among the relaxations, named as fetched and not written', () => {
    const app = remoteApp(rootStep, [{ rule: RuleId.RUN_AS_NON_ROOT, target: RelaxationTarget.step('lint'), reason: REASON }]);
    const report = PostureReport.fromApp(app);
    const md = report.toMarkdown();
    const u = report.unwritten[0].posture.checks;
    const n = (s: CheckStatus) => u.filter((c) => c.status === s).length;
    expect(n(CheckStatus.RELAXED)).toBe(1);
    expect(md).toContain(
      `Fetched, not written (checked at synth with the relaxations of the construct that fetches it; not counted above or in the rule table): 1 object, ${n(CheckStatus.PASSED)} checks passed, 1 relaxed, 0 failed (${n(CheckStatus.NOT_APPLICABLE)} not applicable).`,
    );
    expect(md).toContain(`| \`Task 'lint' (fetched by RemoteTask 'test/ci-lint', not written)\` | \`RUN_AS_NON_ROOT\` | \`step/lint\` | \`${REASON}\` | library |`);
    expect(md).not.toContain('None: every applicable rule holds.');
    expect(md).not.toContain('## Failed');
  });

  test('without relaxations: the content\'s passing checks are in the JSON; the Markdown has no relaxation', () => {
    const report = PostureReport.fromApp(remoteApp(hardenedContainer('lint')));
    const fetched = report.toJson().unwritten;
    expect(fetched.map((f: any) => f.object)).toEqual(['Task/lint']);
    expect(fetched[0].checks.filter((c: any) => c.status !== 'passed' && c.status !== 'not-applicable')).toEqual([]);
    expect(fetched[0].checks.find((c: any) => c.rule === 'RUN_AS_NON_ROOT')).toEqual({ rule: 'RUN_AS_NON_ROOT', status: 'passed' });
    const md = report.toMarkdown();
    expect(md).toContain('## Relaxations\n\nNone: every applicable rule holds.');
    expect(md).toMatch(/^Fetched, not written \(.*\): 1 object, \d+ checks passed, 0 relaxed, 0 failed \(\d+ not applicable\)\.$/m);
  });

  test('an app without a RemoteTask has no unwritten content: the JSON has its four keys, the Markdown no fetched line', () => {
    const one = new Chart(Testing.app(), 'one', { namespace: 'ci' });
    new ApiObject(one, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } });
    const report = PostureReport.fromApp(one.node.root as App);
    expect(report.unwritten).toEqual([]);
    expect(Object.keys(report.toJson())).toEqual(['schemaVersion', 'summary', 'rules', 'objects']);
    expect(report.toMarkdown()).not.toContain('Fetched, not written');
  });
});
