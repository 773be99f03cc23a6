/**
 * `audit <files or dirs>`: runs the rule catalogue over any Kubernetes YAML.
 * Reads the files as kubectl would (read-yaml.ts) and evaluates every rule on each object in
 * one pass; positions of findings are looked up only for the findings reported.
 * The output formats and the baseline are documented in docs/audit.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Baseline, baselineText } from './baseline';
import { findingPlace, formatPath } from './finding-path';
import { AuditProfile, platformAcceptance, PLATFORM_NAMESPACES, PLATFORM_RBAC_RULES } from './profile';
import { InputError, ManifestObject, readManifests, ReadResult, UnreadFile, unreadText } from './read-yaml';
import { FindingStatus, InternalError, ReportedFinding } from './reported-finding';
import { sarifLog } from './sarif';
import { relaxationAnnotation, relaxationForm, withoutRelaxHint, yamlFix } from './yaml-fix';
import { RuleCatalogue } from '../policy/catalogue';
import { POLICY_EXEMPTABLE_RULES, policiesReadRecordsOf } from '../policy/engine/admission-exemptions';
import { honouredRelaxations } from '../policy/engine/annotations';
import { coveringRelaxation, Crash, crashMessage, evaluateManifests, manifestId, objectId } from '../policy/engine/evaluate';
import { CheckResult, CheckStatus } from '../policy/posture';
import { RelaxationSource } from '../policy/relaxation';
import { Finding, Severity } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { RELAXATION_ANNOTATION_PREFIX } from '../private/annotations';
import { isClusterNetworkPolicy } from '../private/cluster-network-policies';
import { apiGroupOf, evaluatingOnce } from '../private/containers';
import { replacingOperatorObject } from '../private/operator-objects';
import { editDistance } from '../private/served-kinds';
import { commentLocation, commentsOf, SourceComment } from '../private/source-comments';
import { coversAddress, findingAddress } from '../private/targets';
import { placeholderOfProblem } from '../private/templates';

/** Output formats. */
export type AuditFormat = 'text' | 'json' | 'sarif';

/** The version of the `--format json` output's schema (docs/audit-output.schema.json). */
export const AUDIT_SCHEMA_VERSION = 2;

/** What to audit and how to report it. */
export interface AuditOptions {
  /** Output format. @default 'text' */
  readonly format?: AuditFormat;
  /** Only these rules (IDs). @default - every rule */
  readonly rules?: readonly string[];
  /** Not these rules (IDs). @default - none */
  readonly skipRules?: readonly string[];
  /** Only findings of at least this severity. @default 'low' */
  readonly minSeverity?: Severity;
  /** A baseline file: the findings it holds do not fail the run. @default - none */
  readonly baseline?: string;
  /**
   * Write the failed findings to this baseline file (and exit 0 when written); refused (exit 2,
   * nothing written) when a file could not be read or a rule failed on an object. @default - none
   */
  readonly writeBaseline?: string;
  /** Which findings are accepted on purpose (profile.ts). @default 'strict' */
  readonly profile?: AuditProfile;
  /** The platform namespaces of the `platform` profile. @default PLATFORM_NAMESPACES */
  readonly platformNamespaces?: readonly string[];
  /**
   * Relaxations recorded by a hand edit (an object without the library's seal, or changed
   * after synth) do not relax: their findings fail the run (reported with the record's
   * reason). @default false
   */
  readonly failOnHandEdit?: boolean;
  /** The folder artifact URIs are relative to (SARIF). @default process.cwd() */
  readonly cwd?: string;
}

/** What one audit run produced. */
export interface AuditResult {
  /**
   * 0: no new unrelaxed finding; 1: findings; 2: bad usage, a path or file that could not be
   * read, or a rule that failed on an object (the others are audited and reported: the findings
   * are partial).
   */
  readonly exitCode: number;
  /** What to print on stdout. */
  readonly stdout: string;
  /** What to print on stderr. */
  readonly stderr: string;
}

/** A ReportedFinding while it is built. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The usage line of the `audit` command. */
export const USAGE_LINE = 'usage: cdk8s-secure-tekton audit [options] <files, dirs or - (standard input)>...';

/** The usage line and where the options are, printed with every usage error. */
export const USAGE = `${USAGE_LINE}\nRun cdk8s-secure-tekton --help for the options.\n`;
const SEVERITY_ORDER: Record<string, number> = { [Severity.HIGH]: 3, [Severity.MEDIUM]: 2, [Severity.LOW]: 1 };

/** The package's name, version and home page. */
export function toolInfo(): { name: string; version: string; informationUri: string } {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    return { name: String(pkg.name), version: String(pkg.version), informationUri: String(pkg.homepage ?? '') };
  } catch {
    return { name: 'cdk8s-secure-tekton', version: 'unknown', informationUri: '' };
  }
}

/** The rule IDs the catalogue knows. */
export function knownRuleIds(): string[] {
  return RuleCatalogue.all().map((r) => String(r.id));
}

/** The rules that apply to an object of any kind (tried on a kind no rule knows). */
function genericRules(): Set<string> {
  const probe = { apiVersion: 'example.invalid/v1', kind: 'AuditProbe', metadata: { name: 'probe', annotations: { [`${RELAXATION_ANNOTATION_PREFIX}X`]: '*: probe' } } };
  return new Set(RuleCatalogue.all().filter((r) => r.appliesTo(probe)).map((r) => String(r.id)));
}

/** `a`, `a or b`, `a, b or c`. */
const orList = (words: readonly string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

const usage = (message: string): AuditResult => ({ exitCode: 2, stdout: '', stderr: `error: ${message}\n${USAGE}` });

/** Audit the given files and directories. */
export function audit(paths: string[], options: AuditOptions | AuditFormat = {}): AuditResult {
  const opts: AuditOptions = typeof options === 'string' ? { format: options } : options;
  const format = opts.format ?? 'text';
  if (paths.length === 0) return { exitCode: 2, stdout: '', stderr: USAGE };
  const known = new Set(knownRuleIds());
  for (const id of [...(opts.rules ?? []), ...(opts.skipRules ?? [])]) {
    if (!known.has(id)) {
      // rule IDs are upper case with underscores: `image_digest` or `image-digest` is IMAGE_DIGEST
      const spelled = id.toUpperCase().replace(/-/g, '_');
      // else a misspelling: the nearest ID within a third of its length in edits (`IMAGE_DIGST`)
      const within = Math.max(1, Math.min(3, Math.floor(spelled.length / 3)));
      const near = [...known].map((k) => ({ k, d: editDistance(spelled, k) })).filter((x) => x.d <= within)
        .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))[0]?.k;
      // else the start of IDs (`TEKTON`, `rbac_no`): those IDs, in order
      const starting = spelled.length >= 3 ? [...known].filter((k) => k.startsWith(spelled)).sort() : [];
      const meant = known.has(spelled) ? `; did you mean "${spelled}"?`
        : near !== undefined ? `; did you mean "${near}"?`
          : starting.length > 0 ? `; did you mean ${orList(starting.map((k) => `"${k}"`))}?` : '';
      return usage(`unknown rule "${id}" (the rules are listed in docs/rules.md)${meant}`);
    }
  }
  // a rule kept with --rule that the other filters leave out would pass silently: a contradiction
  for (const id of opts.rules ?? []) {
    if ((opts.skipRules ?? []).includes(id)) return usage(`--rule ${id} and --skip-rule ${id}: the rule is both kept and left out; give it to one of them`);
    const severity = RuleCatalogue.all().find((r) => String(r.id) === id)?.severity;
    if (opts.minSeverity !== undefined && severity !== undefined && SEVERITY_ORDER[severity] < SEVERITY_ORDER[opts.minSeverity]) {
      return usage(`--rule ${id} keeps a rule of severity ${severity}, which --min-severity ${opts.minSeverity} leaves out, so none of its findings would be reported: `
        + `lower --min-severity to ${severity}, or leave the rule out`);
    }
  }
  // a baseline to write into a folder that is not there: said before the audit runs, which may be long
  if (opts.writeBaseline !== undefined) {
    const folder = path.dirname(opts.writeBaseline);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(folder, { throwIfNoEntry: false });
    } catch (e) {
      // a file on the way to it (ENOTDIR), or a folder that cannot be searched
      return { exitCode: 2, stdout: '', stderr: `error: ${opts.writeBaseline}: cannot write the baseline (${(e as Error).message.split('\n')[0]})\n` };
    }
    if (stat === undefined) {
      return { exitCode: 2, stdout: '', stderr: `error: ${opts.writeBaseline}: cannot write the baseline: the folder ${folder} does not exist (create it, or name a file in an existing folder)\n` };
    }
    if (!stat.isDirectory()) return { exitCode: 2, stdout: '', stderr: `error: ${opts.writeBaseline}: cannot write the baseline: ${folder} is not a folder\n` };
  }
  let baseline: Baseline | undefined;
  let read: ReadResult;
  try {
    if (opts.baseline !== undefined) baseline = Baseline.load(opts.baseline);
    read = readManifests(paths, undefined, { continueOnError: true });
  } catch (e) {
    if (e instanceof InputError) return { exitCode: 2, stdout: '', stderr: `error: ${e.message}\n` };
    throw e;
  }
  const notices = [...read.notices];
  // failed findings the baseline did not hold, for the notice of entries left for the same object and rule
  const newToBaseline: Array<Parameters<Baseline['take']>[0]> = [];
  const manifests = read.objects.map((o) => o.object);
  // every object of every file together: cross-object rules see them all
  // the library never writes lists, and seals the objects a TriggerTemplate creates with the TriggerTemplate
  // a rule that throws on one object judged nothing there: an internal error of that object, the rest is audited
  const internalErrors: InternalError[] = [];
  const failedOn = (i: number, crash: Crash, object = manifestId(manifests[i])): void => {
    const source = read.objects[i];
    internalErrors.push({
      file: source.file,
      line: source.line,
      column: source.column,
      object,
      ...('rule' in crash.failed ? { rule: String(crash.failed.rule) } : {}),
      message: crashMessage(crash.failed, object, crash.error),
    });
  };
  const postures = evaluateManifests(manifests, read.objects.map((o) => o.sealed), failedOn);
  const accepted = opts.profile === 'platform' ? platformAcceptance(manifests, opts.platformNamespaces ?? PLATFORM_NAMESPACES) : [];
  const only = opts.rules && opts.rules.length > 0 ? new Set(opts.rules) : undefined;
  const skip = new Set(opts.skipRules ?? []);
  const minimum = SEVERITY_ORDER[opts.minSeverity ?? Severity.LOW];

  // files whose objects no rule looks at (rules that look at any object, such as the check
  // of relaxation records, do not count: they would look at a Helm chart's Deployment too)
  const generic = genericRules();
  const checkedFiles = new Set<string>();
  const kindsByFile = new Map<string, Set<string>>();
  const crashed = new Set(internalErrors.map((e) => e.file));
  postures.forEach((posture, i) => {
    const file = read.objects[i].file;
    // an AdminNetworkPolicy, Cilium's or Calico's policies are read by NAMESPACE_DEFAULT_DENY for the Namespaces checked
    // (SERVED_KINDS reads the kind and version of every object of the groups it knows: one it finds served is not checked by it)
    const checked = posture.checks.some((c) => c.status !== CheckStatus.NOT_APPLICABLE && !generic.has(c.rule)
      && !(c.rule === RuleId.SERVED_KINDS && c.status === CheckStatus.PASSED));
    if (checked || crashed.has(file) || isClusterNetworkPolicy(manifests[i])) checkedFiles.add(file);
    else kindsByFile.set(file, (kindsByFile.get(file) ?? new Set()).add(posture.kind));
  });
  for (const [file, kinds] of kindsByFile) {
    if (!checkedFiles.has(file)) notices.push(`${file}: no object of a kind the rules check (${[...kinds].sort().join(', ')}): read, not checked`);
  }
  // relaxation records written by hand that cover no finding: a target that names nothing of the object, or nothing left
  // to relax (at synth such a relaxation is refused; here the findings it meant stay failed, and the notice says why). The
  // library's sealed records also record trust (a trusted task may receive credentials), which need not cover a finding.
  postures.forEach((posture, i) => {
    const used = posture.checks.flatMap((c) => c.relaxations ?? []);
    const source = read.objects[i];
    let records: ReturnType<typeof honouredRelaxations>;
    try {
      records = honouredRelaxations(manifests[i], '', (rule) => RuleCatalogue.isRelaxable(rule), source.sealed);
    } catch {
      // told once, by the evaluation, which read the same records
      return;
    }
    // a record written twice (one line each) is told once
    const told = new Set<string>();
    for (const r of records) {
      const key = `${r.rule}\n${r.target ?? '*'}`;
      if (told.has(key)) continue;
      told.add(key);
      const at = () => source.locate(['metadata', 'annotations', `${RELAXATION_ANNOTATION_PREFIX}${r.rule}`]);
      const record = `${objectId(posture)}: the relaxation record "${r.target ?? '*'}: …" of ${r.rule}`;
      if (used.some((u) => u.rule === r.rule && u.target === r.target)) {
        // a field/ record relaxes here, where the admission policies exempt the finding for `*` alone (they name no field of the object)
        if (r.target?.startsWith('field/') && POLICY_EXEMPTABLE_RULES.includes(r.rule) && policiesReadRecordsOf(manifests[i])) {
          const { line, column } = at();
          notices.push(`${source.file}:${line}:${column}: ${record} relaxes its finding in this audit, but the admission policies `
            + '(TektonAdmissionPolicies) do not honour a field/ record: they exempt a finding without a target only for a record of the whole object, '
            + `so where they run they refuse the object unless the record is "*: <reason>" (which relaxes every finding of ${r.rule} in it)`);
        }
        continue;
      }
      if (r.source !== RelaxationSource.HAND_EDIT) continue;
      const { line, column } = at();
      const checks = posture.checks.filter((c) => c.rule === r.rule);
      const findings = checks.flatMap((c) => c.findings);
      // findings it covers that another record of the rule relaxes (`*` and `step/s` both written): it adds nothing
      const relaxedBy = [...new Set(findings.filter((f) => coversAddress(r.target, findingAddress(f)))
        .map((f) => coveringRelaxation(f, checks.flatMap((c) => c.relaxations ?? [])))
        .filter((u) => u !== undefined).map((u) => `"${u.target ?? '*'}: …"`))];
      if (relaxedBy.length > 0) {
        notices.push(`${source.file}:${line}:${column}: ${record} relaxes nothing: the findings it covers are relaxed by the record `
          + `${relaxedBy.join(', ')} of the same rule, so remove one of them`);
        continue;
      }
      // the targets the rule's findings of the object name, for the record to be written with
      const targets = [...new Set(findings.map((f) => findingAddress(f) ?? '*'))];
      // a rule that does not look at this kind of object at all: whatever the target, the record relaxes nothing
      const notChecked = checks.length > 0 && checks.every((c) => c.status === CheckStatus.NOT_APPLICABLE);
      // Tekton copies a Task's, Pipeline's or PipelineRun's annotations onto the runs it creates from it, where the record may count
      const copied = notChecked && ['Task', 'Pipeline', 'PipelineRun'].includes(posture.kind) && apiGroupOf(manifests[i]?.apiVersion) === 'tekton.dev';
      notices.push(`${source.file}:${line}:${column}: ${record} covers no finding of the object`
        + (copied ? `: ${r.rule} does not check a ${posture.kind}, so the record relaxes nothing here; Tekton copies the annotation onto the `
          + `runs it creates from it, where it may relax ${r.rule}'s findings: remove it unless those runs need it`
          : notChecked ? `: ${r.rule} does not check a ${posture.kind}, so the record relaxes nothing: remove it`
            : `${r.target === undefined ? ''
              // a field/ address names one finding's property and value, and covers no property below it
              : r.target.startsWith('field/') ? ` (a field/ address covers the findings at exactly that property${r.target.includes('=') ? ' and value' : ''}, none below it)`
                : ` (is "${r.target}" a step, sidecar, task or other part it has?)`}: `
          + (targets.length === 0 ? `${r.rule} finds nothing in it, so remove the record`
            : `remove it, or give the target the finding names: ${targets.map((t) => `"${t}"`).join(', ')}`)));
    }
  });

  // an operator object (cluster scoped) of one name written more than once: kubectl apply keeps the last, which the rules read
  manifests.forEach((manifest, i) => {
    const last = replacingOperatorObject(manifest, manifests);
    if (last === undefined) return;
    const here = read.objects[i];
    const there = read.objects[manifests.indexOf(last)];
    notices.push(`${here.file}:${here.line}:${here.column}: ${manifest.kind} '${manifest.metadata.name}' is written again at ${there.file}:${there.line}:${there.column}: `
      + `a ${manifest.kind} is cluster scoped, so both are one object (whatever their namespaces) and kubectl apply keeps the last; the rules read `
      + `that one, and this one's settings reach nothing: keep one ${manifest.kind} named ${manifest.metadata.name}`);
  });

  const cwd = opts.cwd ?? process.cwd();
  const findings: ReportedFinding[] = [];
  // the container views of an object are computed once for all its findings
  postures.forEach((posture, i) => evaluatingOnce(() => {
    const source = read.objects[i];
    const object = objectId(posture);
    const place = placesOf(source);
    for (const check of posture.checks) {
      try {
        reportCheck(check);
      } catch (e) {
        failedOn(i, { failed: { step: `placing the findings of rule ${check.rule}` }, error: e }, object);
      }
    }
    function reportCheck(check: CheckResult): void {
      if (check.status !== CheckStatus.FAILED && check.status !== CheckStatus.RELAXED) return;
      if ((only && !only.has(check.rule)) || skip.has(check.rule) || SEVERITY_ORDER[check.severity] < minimum) return;
      const fix = RuleCatalogue.find(check.rule)?.fix ?? '';
      for (const f of check.findings) {
        const relaxation = coveringRelaxation(f, check.relaxations ?? []);
        const at = place(f);
        const jsonPath = at.path;
        const handEdited = relaxation !== undefined && (relaxation.source ?? RelaxationSource.LIBRARY) === RelaxationSource.HAND_EDIT;
        let status: FindingStatus = relaxation && !(handEdited && opts.failOnHandEdit) ? 'relaxed' : 'failed';
        const acceptedBy = status === 'failed' && accepted[i] !== undefined && PLATFORM_RBAC_RULES.has(check.rule)
          ? { profile: 'platform' as const, reason: accepted[i]! } : undefined;
        if (acceptedBy) status = 'accepted';
        let baselineState: 'new' | 'unchanged' | undefined;
        if (baseline) {
          const candidate = {
            file: source.file,
            kind: posture.kind,
            namespace: posture.namespaceName,
            name: posture.name,
            rule: String(check.rule),
            target: f.target,
            property: f.property,
            value: f.value,
            location: f.location,
            granted: f.granted,
          };
          if (status === 'failed') {
            baselineState = baseline.take(candidate) ? 'unchanged' : 'new';
            if (baselineState === 'unchanged') status = 'baselined';
            else newToBaseline.push(candidate);
          } else {
            // a relaxed or accepted finding has a state too (SARIF wants one on every result or on none): unchanged
            // where the baseline lists it (it failed when the baseline was written), without taking its entry
            baselineState = baseline.holds(candidate) ? 'unchanged' : 'new';
          }
        }
        // built key by key (the JSON output's key order), optional keys only where set
        const reported = { file: source.file, line: at.line, column: at.column } as Writable<ReportedFinding>;
        if (jsonPath !== '') reported.path = jsonPath;
        reported.object = object;
        reported.kind = posture.kind;
        if (posture.namespaceName !== undefined) reported.namespace = posture.namespaceName;
        reported.name = posture.name;
        reported.rule = check.rule;
        reported.severity = check.severity;
        reported.status = status;
        if (relaxation) {
          reported.reason = relaxation.reason;
          reported.recordedBy = relaxation.source ?? RelaxationSource.LIBRARY;
        }
        if (acceptedBy) reported.acceptedBy = acceptedBy;
        reported.location = f.location;
        reported.target = f.target;
        // a finding without a target: the address a relaxation record names it by (field/<property>=<value>)
        if (f.target === undefined) reported.address = findingAddress(f);
        reported.property = f.property;
        reported.value = f.value;
        if (f.granted !== undefined) reported.granted = f.granted;
        reported.problem = f.problem;
        // in the terms of the YAML read (at synth the same finding's fix names the construct's props)
        const yaml = { rule: check.rule, target: f.target, location: f.location, property: f.property, value: f.value, fix: f.fix ?? fix };
        reported.fix = yamlFix(yaml);
        // a relaxed finding's fix does not say how to relax it again
        if (status === 'relaxed') reported.fix = withoutRelaxHint({ ...yaml, fix: reported.fix });
        if (baselineState) reported.baselineState = baselineState;
        findings.push(reported);
      }
    }
  }, manifests));

  const count = (s: FindingStatus) => findings.filter((f) => f.status === s).length;
  const unread = read.unread;
  const summary = {
    files: read.files.length - read.skipped.length,
    skippedFiles: read.skipped.length,
    unreadFiles: unread.length,
    internalErrors: internalErrors.length,
    objects: postures.length,
    failed: count('failed'),
    relaxed: count('relaxed'),
    accepted: count('accepted'),
    baselined: count('baselined'),
  };
  // a run that read no object checks nothing: say so, so that a wrong path does not pass unnoticed
  // (a file that could not be read says more, and fails the run)
  if (summary.objects === 0 && unread.length === 0) notices.push(`no Kubernetes object in ${paths.join(', ')}: nothing was audited`);
  // a new finding beside an entry of its object and rule that matched nothing: its value changed, or the version that
  // wrote the baseline named it otherwise (a property such as ARGUMENT_INJECTION's command[2], once command)
  const renamed = baseline === undefined ? 0 : newToBaseline.filter((c) => baseline!.leftFor(c)).length;
  if (renamed > 0) {
    notices.push(`${opts.baseline}: ${renamed} new finding${renamed === 1 ? ' is' : 's are'} of an object and rule whose entries in the baseline match no `
      + 'finding: the target, property, value, location or what is granted differs (the value changed, the finding is in another part of the object, '
      + 'it grants more or less, or the version '
      + 'that wrote the baseline named the finding otherwise); '
      + 'review them, then write the baseline again with --write-baseline');
  }
  // a file that could not be read fails the run whatever the others' findings: its objects were not
  // audited, and objects weigh each other across files (Namespaces, NetworkPolicies, RBAC, trust)
  // a rule that failed judged nothing on its object: never a pass
  let exitCode = unread.length > 0 || internalErrors.length > 0 ? 2 : summary.failed > 0 ? 1 : 0;
  // not from a partial run: the next run would accept as known what a file that could not be read, or a rule
  // that failed, hid
  const partialBecause = [
    ...(unread.length > 0 ? [`${plural(unread.length, 'file')} could not be read`] : []),
    ...(internalErrors.length > 0 ? [`${plural(internalErrors.length, 'internal error')} (a rule failed)`] : []),
  ];
  const baselineRefusal = opts.writeBaseline !== undefined && partialBecause.length > 0
    ? `error: ${opts.writeBaseline}: baseline not written: ${partialBecause.join(' and ')}, so the findings are partial\n` : '';
  if (opts.writeBaseline !== undefined && baselineRefusal === '') {
    const tool = toolInfo();
    const held = findings.filter((f) => f.status === 'failed' || f.status === 'baselined');
    try {
      fs.writeFileSync(opts.writeBaseline, baselineText(held, opts.writeBaseline, `${tool.name} ${tool.version}`));
    } catch (e) {
      return { exitCode: 2, stdout: '', stderr: `error: ${opts.writeBaseline}: cannot write the baseline (${(e as Error).message.split('\n')[0]})\n` };
    }
    notices.push(`${opts.writeBaseline}: baseline written with ${held.length} findings`);
    exitCode = 0;
  }
  const noticeLines = notices.map((n) => `notice: ${n}\n`).join('');
  // the text report lists the files that could not be read; a JSON or SARIF report goes to a
  // program, so they are also written to stderr (the build's log), as errors
  const errorLines = format === 'text' ? ''
    : [...unread.map(unreadText), ...internalErrors.map(internalErrorText)].map((e) => `error: ${e}\n`).join('');
  const stderr = noticeLines + errorLines + baselineRefusal;
  const byRule = ruleSummary(findings);
  if (format === 'json') {
    const tool = toolInfo();
    const report = {
      schemaVersion: AUDIT_SCHEMA_VERSION,
      tool: { name: tool.name, version: tool.version },
      profile: opts.profile ?? 'strict',
      summary,
      rules: byRule,
      findings: baseline === undefined ? findings : findings.map(({ baselineState: _b, ...rest }) => rest),
      unreadFiles: unread,
      internalErrors,
      notices: notices,
    };
    return { exitCode, stdout: JSON.stringify(report, null, 2) + '\n', stderr };
  }
  if (format === 'sarif') {
    return { exitCode, stdout: JSON.stringify(sarifLog(findings, toolInfo(), cwd, unread, internalErrors), null, 2) + '\n', stderr };
  }
  // a baseline just written holds every failed finding: listing them too would bury the notice
  // that says so, so the text report keeps the table by rule and the totals
  const listed = opts.writeBaseline !== undefined && baselineRefusal === '' ? [] : findings;
  return { exitCode, stdout: textReport(listed, byRule, summary, read.files, unread, internalErrors, opts.failOnHandEdit === true), stderr };
}

/** `file:line:col: internal error: …; please report it`. */
function internalErrorText(e: InternalError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Where a finding is in its file: line, column and the JSON path of the deepest node that exists. */
interface Place {
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** Where `written` is in a comment (on its line; in an overwritten entry, maybe on a later one), or its start when it is not there. */
function placeInComment(comment: SourceComment, written: string): Place {
  const at = Math.max(comment.text.indexOf(written), 0);
  const before = comment.text.slice(0, at);
  const lineStart = before.lastIndexOf('\n') + 1;
  if (lineStart === 0) return { line: comment.line, column: comment.column + [...before].length, path: '' };
  return { line: comment.line + before.split('\n').length - 1, column: [...before.slice(lineStart)].length + 1, path: '' };
}

/**
 * The place of each finding of one object. Findings of one object often share a place (the
 * rules that judge one field of every container, a rule and Pod Security on the same field):
 * each place is found once, from what `findingPath` reads of a finding. A TEMPLATE_INJECTION
 * finding is placed at the placeholder it names where its text has it as written (a line of a
 * script), one whose path goes on inside a field's YAML text (an object of a SecretProviderClass's
 * `objects`) at its line there, and one of a comment (said of the object) at the comment.
 */
function placesOf(source: ManifestObject): (f: Finding) => Place {
  const byFinding = new Map<string, Place>();
  const byPath = new Map<string, Place>();
  const text = (s: string | undefined) => (s === undefined ? '\u0001' : s);
  return (f) => {
    const written = f.rule === RuleId.TEMPLATE_INJECTION ? placeholderOfProblem(f.problem) : undefined;
    const key = `${text(f.target)}\0${text(f.location)}\0${f.property}\0${text(f.value)}\0${text(written)}`;
    let place = byFinding.get(key);
    if (place === undefined) {
      const comment = written !== undefined && f.location !== undefined
        ? commentsOf(source.object).find((c) => commentLocation(c) === f.location) : undefined;
      if (comment !== undefined) {
        place = placeInComment(comment, written!);
      } else {
        const { path: segments, inText } = findingPlace(source.object, f);
        const full = formatPath(segments);
        // a TEMPLATE_INJECTION finding's placeholder, else the line inside the field's YAML text its path goes on to
        const seek = written ?? inText?.written;
        const nth = written === undefined ? inText?.nth : undefined;
        const inTextAt = written === undefined ? inText?.offset : undefined;
        const pathKey = `${full}\0${text(seek)}\0${nth ?? 0}\0${inTextAt ?? ''}`;
        place = byPath.get(pathKey);
        if (place === undefined) {
          const at = source.locate(segments, seek, nth, inTextAt);
          place = { line: at.line, column: at.column, path: at.depth === segments.length ? full : formatPath(segments.slice(0, at.depth)) };
          byPath.set(pathKey, place);
        }
      }
      byFinding.set(key, place);
    }
    return place;
  };
}

/** One rule's counts. */
interface RuleCounts {
  readonly rule: string;
  readonly severity: string;
  readonly title: string;
  /** The annotation that relaxes one of its findings, `<target>` standing for the finding's target; absent for a rule that cannot be relaxed. */
  readonly relaxation?: string;
  failed: number;
  relaxed: number;
  accepted: number;
  baselined: number;
}

/** Counts per rule, most severe first. */
function ruleSummary(findings: readonly ReportedFinding[]): RuleCounts[] {
  const rules = new Map<string, RuleCounts>();
  for (const f of findings) {
    let r = rules.get(f.rule);
    if (r === undefined) {
      // a rule's title and relaxation annotation, once per rule
      const title = RuleCatalogue.find(f.rule as RuleId)?.title ?? '';
      const relaxation = relaxationForm(f.rule);
      r = { rule: f.rule, severity: f.severity, title, ...(relaxation ? { relaxation } : {}), failed: 0, relaxed: 0, accepted: 0, baselined: 0 };
      rules.set(f.rule, r);
    }
    r[f.status]++;
  }
  return [...rules.values()].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || (a.rule < b.rule ? -1 : 1));
}

function findingLine(f: ReportedFinding): string {
  const where = f.location ? ` ${f.location}` : '';
  // (a finding on no field, a comment's, names only its value)
  const value = f.value !== undefined ? `${f.property === '' ? '' : ' '}${JSON.stringify(f.value)}` : '';
  // under --fail-on-hand-edit a failed finding may carry the record that no longer relaxes it: say so
  const unhonoured = f.status === 'failed' && f.recordedBy === RelaxationSource.HAND_EDIT
    ? ` Its relaxation record is a hand edit, not honoured with --fail-on-hand-edit: ${f.reason}` : '';
  const tail = f.status === 'failed'
    ? `${f.fix}${unhonoured}`
    : f.status === 'relaxed'
      ? `relaxed (${f.recordedBy === RelaxationSource.HAND_EDIT ? 'hand edit' : 'recorded by the library'}): ${f.reason}`
      : `accepted by the ${f.acceptedBy?.profile} profile: ${f.acceptedBy?.reason}`;
  const tag = f.status === 'failed' ? 'FAIL' : f.status === 'relaxed' ? 'RELAXED' : 'ACCEPTED';
  return `${f.file}:${f.line}:${f.column}: ${tag} ${f.object}${where}: ${f.property}${value} ${f.problem} [${f.rule}]. ${tail}`;
}

/**
 * The human report: per file (in the order read), per rule (most severe first), one line
 * per finding with `file:line:col`; then the files that could not be read, one
 * `file:line:col: error: …` line each, and the rules that failed on an object, one `file:line:col:
 * error: internal error: …` line each; then a table per rule and the totals. Findings the
 * baseline holds are counted, not listed; `shown` is empty when a baseline was just written.
 */
function textReport(
  shown: readonly ReportedFinding[],
  byRule: readonly RuleCounts[],
  summary: Record<string, number>,
  files: readonly string[],
  unread: readonly UnreadFile[],
  internalErrors: readonly InternalError[],
  failOnHandEdit: boolean,
): string {
  const out: string[] = [];
  const listed = shown.filter((f) => f.status !== 'baselined');
  const order = new Map(files.map((f, i) => [f, i]));
  const byFile = new Map<string, ReportedFinding[]>();
  for (const f of listed) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const file of [...byFile.keys()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))) {
    out.push(file);
    const rules = new Map<string, ReportedFinding[]>();
    for (const f of byFile.get(file)!) rules.set(f.rule, [...(rules.get(f.rule) ?? []), f]);
    const severity = (list: readonly ReportedFinding[]) => SEVERITY_ORDER[list[0].severity];
    const sorted = [...rules.entries()].sort(([a, fa], [b, fb]) => severity(fb) - severity(fa) || (a < b ? -1 : 1));
    for (const [rule, list] of sorted) {
      const counts = (['failed', 'relaxed', 'accepted'] as const)
        .map((s) => [s, list.filter((f) => f.status === s).length] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
      out.push(`  ${rule} (${list[0].severity}): ${counts.join(', ')}`);
      for (const f of [...list].sort((a, b) => a.line - b.line || a.column - b.column)) out.push(`    ${findingLine(f)}`);
    }
    out.push('');
  }
  // last, next to the totals that say the findings are partial (as compilers list errors: file:line:col: error:)
  if (unread.length > 0 || internalErrors.length > 0) {
    for (const u of unread) out.push(`${u.file}${u.line !== undefined ? `:${u.line}:${u.column}` : ''}: error: ${u.message}`);
    for (const e of internalErrors) out.push(`${e.file}:${e.line}:${e.column}: error: ${e.message}`);
    out.push('');
  }
  if (byRule.length > 0) {
    const width = Math.max(4, ...byRule.map((r) => r.rule.length));
    const withBaseline = summary.baselined > 0;
    const withAccepted = summary.accepted > 0;
    const head = ['rule'.padEnd(width), 'severity', 'failed', 'relaxed', ...(withAccepted ? ['accepted'] : []), ...(withBaseline ? ['baselined'] : [])];
    out.push('Findings by rule:');
    out.push(`  ${head.join('  ')}`);
    for (const r of byRule) {
      const cells = [r.rule.padEnd(width), r.severity.padEnd(8), String(r.failed).padStart(6), String(r.relaxed).padStart(7),
        ...(withAccepted ? [String(r.accepted).padStart(8)] : []), ...(withBaseline ? [String(r.baselined).padStart(9)] : [])];
      out.push(`  ${cells.join('  ')}`);
    }
    // how to keep a failed finding on purpose, once per rule: the annotation, with the target and object of its first finding
    const failedRules = byRule.filter((r) => r.failed > 0);
    if (failedRules.length > 0) {
      // with --fail-on-hand-edit a record written by hand relaxes nothing: only one the library writes and seals at synth does
      out.push(failOnHandEdit
        ? 'To keep a finding on purpose, relax it with a reason where the app makes the object (relaxations: [...] in its props, or Relaxations.of(...)), '
          + 'so that synth writes and seals the record (one written by hand is not honoured with --fail-on-hand-edit); the record it writes:'
        : 'To keep a finding on purpose, relax it on its object with a reason (metadata.annotations; each finding\'s target is in --format json):');
      for (const r of failedRules) {
        const first = shown.find((f) => f.rule === r.rule && f.status === 'failed');
        const how = r.relaxation === undefined ? 'cannot be relaxed: fix it'
          : first === undefined ? r.relaxation : `${relaxationAnnotation(r.rule, findingAddress(first))} (on ${first.object})`;
        out.push(`  ${r.rule.padEnd(width)}  ${how}`);
      }
    }
  }
  const extra = [
    ...(summary.accepted > 0 ? [`${summary.accepted} accepted by the profile`] : []),
    ...(summary.baselined > 0 ? [`${summary.baselined} in the baseline`] : []),
    ...(summary.skippedFiles > 0 ? [`${plural(summary.skippedFiles, 'file')} skipped`] : []),
  ];
  const partial = summary.unreadFiles > 0
    ? `, ${plural(summary.unreadFiles, 'file')} could not be read: the findings are partial (${summary.unreadFiles === 1 ? 'its objects are' : 'their objects are'} `
      + 'not audited, and may change the others\' findings)' : '';
  const crashed = summary.internalErrors > 0
    ? `, ${plural(summary.internalErrors, 'internal error')}: the findings are partial (a rule that failed judged nothing on its object)` : '';
  out.push(`${plural(summary.files, 'file')}, ${plural(summary.objects, 'object')}: ${plural(summary.failed, 'finding')} failed, `
    + `${summary.relaxed} relaxed${extra.map((e) => `, ${e}`).join('')}${partial}${crashed}`);
  return out.join('\n') + '\n';
}

/** `1 file`, `2 files`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
