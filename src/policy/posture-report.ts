import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { RuleCatalogue } from './catalogue';
import { Enforcement } from './engine/enforcement';
import { evaluateManifests, objectId, unrelaxed } from './engine/evaluate';
import { SecureTektonError } from './errors';
import { CheckResult, CheckStatus, ObjectPosture, UnwrittenPosture } from './posture';
import { RelaxationSource } from './relaxation';
import { Finding } from './rule';
import { RuleId } from './rule-id';
import { isWithin } from '../private/paths';
import { markdownLiteral } from '../private/text';

/**
 * Counts of check results, over the objects written (`PostureReport.objects`): the
 * content the app runs without writing it (`PostureReport.unwritten`) is not counted.
 */
export interface PostureSummary {
  /** Objects evaluated. */
  readonly objects: number;
  /** Checks that hold. */
  readonly passed: number;
  /** Checks that do not hold but are relaxed with a recorded reason. */
  readonly relaxed: number;
  /** Checks that do not hold. */
  readonly failed: number;
  /** Checks of rules that do not look at the object. */
  readonly notApplicable: number;
}

/**
 * Files a report was written to.
 */
export interface PostureReportFiles {
  /** The machine-readable report. */
  readonly json: string;
  /** The report for reviewers. */
  readonly markdown: string;
}

/**
 * Where `PostureReport.writeFor` writes.
 */
export interface PostureReportWriteOptions {
  /**
   * The directory to write `posture-report.json` and `posture-report.md` into; it
   * must lie outside the app's outdir, since `kubectl apply -f <outdir>/` reads every
   * `.json` and `.yaml` file there and refuses one without a `kind`.
   * @default - `<outdir>-posture`, next to the manifests directory (`dist-posture/` for `dist/`)
   */
  readonly directory?: string;
}

/**
 * The security posture of a set of manifests: every rule of the catalogue on every
 * object, passed, relaxed (with the reason recorded in the YAML), failed or not
 * applicable.
 *
 * The report of an app also holds the posture of what the app runs without writing
 * it (`unwritten`: the Task each `RemoteTask` has a resolver fetch), with the
 * relaxations of the RemoteTask that cover its findings.
 *
 * The JSON form has a stable schema (`schemaVersion`); the Markdown form is a
 * table a reviewer reads in a pull request.
 *
 * @example
 * app.synth();
 * PostureReport.writeFor(app); // posture-report.json and posture-report.md in dist-posture/, next to dist/
 */
export class PostureReport {
  /** Version of the JSON report's schema; it changes only when a field changes meaning or goes away. */
  public static readonly SCHEMA_VERSION = 1;

  /**
   * The posture of plain manifests (e.g. parsed YAML). Relaxation annotations are
   * honoured when they meet the library's rules, and reported as recorded by the
   * library when the object still carries the library's seal, else as a hand edit.
   */
  public static fromManifests(manifests: any[]): PostureReport {
    return new PostureReport(evaluateManifests(manifests.filter((m) => m !== null && typeof m === 'object' && !Array.isArray(m))));
  }

  /** The posture of everything an app synthesizes, exactly as synth checked it (runs the app's validations). */
  public static fromApp(app: App): PostureReport {
    const engine = Enforcement.of(app);
    const manifests: any[] = app.charts.flatMap((c) => c.toJson());
    const known = manifests.map((m) => engine.postureOf(m));
    const unwritten = [...engine.unwrittenPostures()];
    if (known.every((p) => p !== undefined)) return new PostureReport(known as ObjectPosture[], unwritten);
    return new PostureReport(PostureReport.fromManifests(manifests).objects, unwritten);
  }

  /**
   * Write the report of an app next to its manifests: by default into `<outdir>-posture`
   * (`dist-posture/` for `dist/`), never into the outdir, which holds only what
   * `kubectl apply -f <outdir>/` can apply. A directory inside the outdir is refused.
   */
  public static writeFor(app: App, options: PostureReportWriteOptions = {}): PostureReportFiles {
    const outdir = path.resolve(app.outdir);
    const directory = options.directory ?? path.join(path.dirname(outdir), `${path.basename(outdir)}-posture`);
    if (isWithin(outdir, directory)) {
      throw new SecureTektonError({
        construct: 'PostureReport',
        path: app.node.path,
        property: 'directory',
        value: options.directory,
        problem: `is ${path.resolve(directory) === outdir ? 'the' : 'inside the'} app's outdir '${app.outdir}', where kubectl apply -f reads every .json and .yaml file as a manifest`,
        rule: RuleId.VALID_SPEC,
        fix: `Write the report next to the manifests: PostureReport.writeFor(app), which writes to '${path.basename(outdir)}-posture', or give a directory outside '${app.outdir}'.`,
      });
    }
    return PostureReport.fromApp(app).writeTo(directory);
  }

  /** Every object's results, in manifest order. */
  public readonly objects: ObjectPosture[];
  /**
   * The results on what the app runs but does not write (a RemoteTask's Task), judged at
   * synth with the relaxations of the construct that fetches it; not in `summary`.
   */
  public readonly unwritten: UnwrittenPosture[];

  private constructor(objects: ObjectPosture[], unwritten: readonly UnwrittenPosture[] = []) {
    this.objects = objects.map(ownCopy);
    this.unwritten = unwritten.map((u) => ({ ...u, posture: ownCopy(u.posture) }));
  }

  /** Counts over every object written and rule. */
  public get summary(): PostureSummary {
    return summaryOf(this.objects);
  }

  /**
   * The machine-readable report. `unwritten` is there when the app runs content it does not
   * write (a RemoteTask's Task): each with the construct that fetches it (`fetchedBy`), the
   * source it is fetched from, and its checks as an object's; `summary` does not count them.
   */
  public toJson(): any {
    return {
      schemaVersion: PostureReport.SCHEMA_VERSION,
      summary: this.summary,
      rules: RuleCatalogue.all().map((r) => ({ id: r.id, severity: r.severity, title: r.title, relaxable: r.relaxable })),
      objects: this.objects.map((o) => ({
        object: objectId(o),
        apiVersion: o.apiVersion,
        kind: o.kind,
        ...(o.namespaceName ? { namespace: o.namespaceName } : {}),
        name: o.name,
        checks: o.checks.map(reportedCheck),
      })),
      ...(this.unwritten.length ? {
        unwritten: this.unwritten.map((u) => ({
          object: objectId(u.posture),
          apiVersion: u.posture.apiVersion,
          kind: u.posture.kind,
          ...(u.posture.namespaceName ? { namespace: u.posture.namespaceName } : {}),
          name: u.posture.name,
          fetchedBy: { kind: u.constructKind, path: u.constructPath },
          ...(u.source !== undefined ? { source: u.source } : {}),
          checks: u.posture.checks.map(reportedCheck),
        })),
      } : {}),
    };
  }

  /**
   * The report for reviewers: a summary, every relaxation with its reason, every failure, and a rule-by-rule table.
   * What the app runs without writing it (a RemoteTask's Task) is named as fetched and not written, among the
   * relaxations and failures; the summary's figures and the rule table count the objects written.
   */
  public toMarkdown(): string {
    const s = this.summary;
    const lines = [
      '# Security posture',
      '',
      `${s.objects} ${s.objects === 1 ? 'object' : 'objects'}: ${s.passed} ${s.passed === 1 ? 'check' : 'checks'} passed, ${s.relaxed} relaxed, ${s.failed} failed (${s.notApplicable} not applicable).`,
      '',
    ];
    if (this.unwritten.length) {
      const u = summaryOf(this.unwritten.map((x) => x.posture));
      lines.push(
        `Fetched, not written (checked at synth with the relaxations of the construct that fetches it; not counted above or in the rule table): ${u.objects} ${u.objects === 1 ? 'object' : 'objects'}, `
        + `${u.passed} ${u.passed === 1 ? 'check' : 'checks'} passed, ${u.relaxed} relaxed, ${u.failed} failed (${u.notApplicable} not applicable).`,
        '',
      );
    }
    // every object and content with its name in the tables
    const named = [
      ...this.objects.map((o) => ({ name: objectId(o), o })),
      ...this.unwritten.map((u) => ({ name: `${u.posture.kind} '${u.posture.name}' (fetched by ${u.constructKind} '${u.constructPath}', not written)`, o: u.posture })),
    ];
    const withStatus = (status: CheckStatus) => named.flatMap(({ name, o }) => o.checks.filter((c) => c.status === status).map((c) => ({ name, c })));
    const failed = withStatus(CheckStatus.FAILED);
    if (failed.length) {
      lines.push('## Failed', '', '| Object | Rule | Where | Problem |', '|---|---|---|---|');
      for (const { name, c } of failed) {
        for (const f of unrelaxed(c)) {
          const problem = `${f.property}${f.value !== undefined ? ` "${f.value}"` : ''} ${f.problem}`;
          lines.push(`| ${cell(name)} | \`${c.rule}\` | ${cell(f.location ?? '')} | ${cell(problem)} |`);
        }
      }
      lines.push('');
    }
    const relaxed = named.flatMap(({ name, o }) => o.checks.filter((c) => (c.relaxations ?? []).length > 0).map((c) => ({ name, c })));
    lines.push('## Relaxations', '');
    if (relaxed.length) {
      lines.push('| Object | Rule | Target | Reason | Recorded by |', '|---|---|---|---|---|');
      for (const { name, c } of relaxed) {
        for (const r of c.relaxations ?? []) {
          lines.push(`| ${cell(name)} | \`${c.rule}\` | ${cell(r.target ?? '*')} | ${cell(r.reason)} | ${r.source ?? RelaxationSource.LIBRARY} |`);
        }
      }
    } else {
      lines.push('None: every applicable rule holds.');
    }
    lines.push('', '## Rules', '', '| Rule | Severity | Passed | Relaxed | Failed | Not applicable |', '|---|---|---|---|---|---|');
    for (const r of RuleCatalogue.all()) {
      const results = this.objects.map((o) => o.checks.find((c) => c.rule === r.id)?.status);
      const n = (st: CheckStatus) => results.filter((x) => x === st).length;
      lines.push(`| \`${r.id}\` | ${r.severity} | ${n(CheckStatus.PASSED)} | ${n(CheckStatus.RELAXED)} | ${n(CheckStatus.FAILED)} | ${n(CheckStatus.NOT_APPLICABLE)} |`);
    }
    return lines.join('\n') + '\n';
  }

  /** Write `posture-report.json` and `posture-report.md` into a directory. */
  public writeTo(dir: string): PostureReportFiles {
    fs.mkdirSync(dir, { recursive: true });
    const files = { json: path.join(dir, 'posture-report.json'), markdown: path.join(dir, 'posture-report.md') };
    fs.writeFileSync(files.json, JSON.stringify(this.toJson(), null, 2) + '\n');
    fs.writeFileSync(files.markdown, this.toMarkdown());
    return files;
  }
}

/** Counts over the checks of some objects. */
function summaryOf(objects: readonly ObjectPosture[]): PostureSummary {
  const checks = objects.flatMap((o) => o.checks);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return {
    objects: objects.length,
    passed: count(CheckStatus.PASSED),
    relaxed: count(CheckStatus.RELAXED),
    failed: count(CheckStatus.FAILED),
    notApplicable: count(CheckStatus.NOT_APPLICABLE),
  };
}

/** A check as the JSON report states it. */
function reportedCheck(c: CheckResult): any {
  return {
    rule: c.rule,
    status: c.status,
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
    ...(c.relaxations?.length ? {
      relaxations: c.relaxations.map((r) => ({
        ...(r.target !== undefined ? { target: r.target } : {}),
        reason: r.reason,
        recordedBy: r.source ?? RelaxationSource.LIBRARY,
      })),
    } : {}),
    ...(c.findings.length ? { findings: c.findings.map(reportedFinding) } : {}),
  };
}

/** A finding as the JSON report states it. */
function reportedFinding(f: Finding): any {
  return { location: f.location, property: f.property, value: f.value, problem: f.problem };
}

/** A Markdown table cell that renders literally, whatever the text (names and reasons may come from YAML written by anyone). */
function cell(text: string): string {
  return markdownLiteral(text);
}

/**
 * An object's posture in objects of the report's own: the checks synth keeps are shared and frozen
 * (one per rule and status for every object without findings), and jsii, which hands a struct
 * to Python, Java and Go by reference, must tag each one it returns, which a frozen object refuses
 * (`report.objects` raised "object is not extensible" there).
 */
function ownCopy(o: ObjectPosture): ObjectPosture {
  return {
    ...o,
    checks: o.checks.map((c) => ({
      ...c,
      ...(c.relaxations !== undefined ? { relaxations: c.relaxations.map((r) => ({ ...r })) } : {}),
      findings: c.findings.map((f) => ({ ...f })),
    })),
  };
}
