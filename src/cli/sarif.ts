/**
 * The audit's findings as a SARIF 2.1.0 log (what code-scanning services read): one run,
 * the catalogue's rules as the driver's rules, one result per finding, at its file relative to
 * the working folder (uriBaseId `%SRCROOT%`, which the run's originalUriBaseIds gives). Relaxed findings are
 * results suppressed in source (the relaxation record, with its reason as justification; their
 * message without the fix's sentence on how to relax them),
 * findings the platform profile accepts or the baseline holds are suppressed externally.
 * The run's invocation says whether every file was read: each one that could not be is a tool
 * execution notification (level error, at its line and column), and the invocation is then
 * not successful (the results are partial).
 */
import type * as Crypto from 'crypto';
import * as path from 'path';
import { UnreadFile } from './read-yaml';
import { findingIdentity, InternalError, ReportedFinding } from './reported-finding';
import { relaxationForm, yamlFix } from './yaml-fix';
import { RuleCatalogue } from '../policy/catalogue';
import { Severity } from '../policy/rule';
import { isWithin } from '../private/paths';

/** Node's crypto, loaded for the SARIF report alone (the other formats never hash). */
let cryptoModule: typeof Crypto | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = (): typeof Crypto => (cryptoModule ??= require('crypto') as typeof Crypto);

/** SARIF's level for a severity. */
export function sarifLevel(severity: string): 'error' | 'warning' | 'note' {
  return severity === Severity.HIGH ? 'error' : severity === Severity.MEDIUM ? 'warning' : 'note';
}

/**
 * A file as an artifact URI: relative to `cwd` with forward slashes (each segment
 * percent-encoded), or a file: URI when it lies outside.
 */
export function artifactUri(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  const outside = rel === '' || !isWithin(cwd, abs);
  const encoded = (outside ? abs : rel).split(path.sep).map((s) => encodeURIComponent(s)).join('/');
  return outside ? `file://${encoded.startsWith('/') ? '' : '/'}${encoded}` : encoded;
}

/**
 * The uriBaseId of the results' relative URIs (SARIF 2.1.0 §3.4.4): the folder the audit ran in, which the run's
 * originalUriBaseIds gives (§3.14.14); GitHub code scanning reads `%SRCROOT%` as the repository's checkout.
 */
export const SOURCE_ROOT = '%SRCROOT%';

/** The folder `cwd` as the absolute file: URI of a uriBaseId, which ends with a slash (§3.14.14). */
export function sourceRootUri(cwd: string): string {
  const uri = artifactUri(path.resolve(cwd), path.resolve(cwd));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** The SARIF log of an audit. */
export function sarifLog(
  findings: readonly ReportedFinding[],
  tool: { name: string; version: string; informationUri: string },
  cwd: string,
  unread: readonly UnreadFile[] = [],
  internalErrors: readonly InternalError[] = [],
): object {
  const rules = RuleCatalogue.all();
  const index = new Map(rules.map((r, i) => [String(r.id), i]));
  // the findings of one file share its URI (thousands of findings, hundreds of files): each file's found once, in this log
  // a relative one (a file in the working folder) with the uriBaseId of that folder; a file: URI (outside it) without
  const uris = new Map<string, { uri: string; uriBaseId?: string }>();
  const uriOf = (file: string): { uri: string; uriBaseId?: string } => {
    let at = uris.get(file);
    if (at === undefined) {
      const uri = artifactUri(file, cwd);
      at = uri.startsWith('file:') ? { uri } : { uri, uriBaseId: SOURCE_ROOT };
      uris.set(file, at);
    }
    return at;
  };
  // a finding's fingerprint: its identity (what the baseline keys on, the value included), and for a finding identical to
  // earlier ones of the run, how many came before it (in the order reported: by file and place), so that each is its own
  const seen = new Map<string, number>();
  const fingerprint = (f: ReportedFinding): string => {
    const identity = findingIdentity(f, cwd);
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    return crypto().createHash('sha256').update(n === 0 ? identity : `${identity}#${n}`).digest('hex').slice(0, 32);
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          informationUri: tool.informationUri,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id,
            shortDescription: { text: r.title },
            fullDescription: { text: r.rationale },
            // in YAML terms, with the annotation that relaxes a finding where the rule can be relaxed
            help: { text: ruleHelp(String(r.id), r.fix) },
            defaultConfiguration: { level: sarifLevel(r.severity) },
            properties: { severity: r.severity, relaxable: r.relaxable, tags: ['security', 'tekton'] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: unread.length === 0 && internalErrors.length === 0,
        ...(unread.length > 0 || internalErrors.length > 0 ? {
          toolExecutionNotifications: [
            ...unread.map((u) => ({
              level: 'error',
              message: { text: u.message },
              locations: [{
                physicalLocation: {
                  artifactLocation: uriOf(u.file),
                  ...(u.line !== undefined ? { region: { startLine: u.line, startColumn: u.column } } : {}),
                },
              }],
            })),
            // a rule that failed on an object: at the object, naming the rule
            ...internalErrors.map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [{
                physicalLocation: { artifactLocation: uriOf(e.file), region: { startLine: e.line, startColumn: e.column } },
                logicalLocations: [{ fullyQualifiedName: e.object, kind: 'object' }],
              }],
              ...(e.rule !== undefined ? { associatedRule: { id: e.rule, ...(index.has(e.rule) ? { index: index.get(e.rule) } : {}) } } : {}),
            })),
          ],
        } : {}),
      }],
      // what the relative URIs are relative to: the working folder
      originalUriBaseIds: { [SOURCE_ROOT]: { uri: sourceRootUri(cwd) } },
      columnKind: 'unicodeCodePoints',
      results: findings.map((f) => {
        const suppressions = f.status === 'relaxed'
          ? [{ kind: 'inSource', justification: f.reason ?? '' }]
          : f.status === 'accepted'
            ? [{ kind: 'external', justification: `accepted by the ${f.acceptedBy?.profile} profile: ${f.acceptedBy?.reason}` }]
            // an empty list on a failed one: SARIF wants suppressions on every result of a run or on none (§3.27.23)
            : f.status === 'baselined' ? [{ kind: 'external', justification: 'in the audit baseline' }] : [];
        const where = f.location ? ` ${f.location}` : '';
        const value = f.value !== undefined ? ` ${JSON.stringify(f.value)}` : '';
        return {
          ruleId: f.rule,
          ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
          level: sarifLevel(f.severity),
          message: { text: `${f.object}${where}: ${f.property}${value} ${f.problem}. ${f.fix}`.trim() },
          locations: [{
            physicalLocation: {
              artifactLocation: uriOf(f.file),
              region: { startLine: f.line, startColumn: f.column },
            },
            logicalLocations: [{ fullyQualifiedName: `${f.object}${f.path ? `:${f.path}` : ''}`, kind: 'object' }],
          }],
          partialFingerprints: { 'secureTektonFinding/v4': fingerprint(f) },
          suppressions,
          ...(f.baselineState ? { baselineState: f.baselineState } : {}),
        };
      }),
    }],
  };
}

/** A rule's fix as the audit gives it (YAML terms), then its relaxation annotation or that it cannot be relaxed. */
function ruleHelp(rule: string, fix: string): string {
  const form = relaxationForm(rule);
  const text = yamlFix({ rule, target: '<target>', property: "the run's serviceAccountName", fix });
  return form === undefined ? text : `${text} To keep a finding on purpose, annotate its object: ${form} (the finding's target, a reason of at least 10 visible characters).`;
}
