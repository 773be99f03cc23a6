/**
 * Audit baselines: the failed findings a repository has accepted for now, so that only new
 * ones fail a build. An entry identifies a finding by what stays when the file is edited
 * around it (never by line): the file (relative to the baseline file's folder, with forward
 * slashes), the object's kind, namespace and name, the rule, the target, the property, the
 * value the finding names (so that a binding to `view` made a binding to `cluster-admin`, or a
 * changed image, is a new finding) and the part of the object it is in where its target does
 * not name it (its location: `rules[2]`, `direction 'Egress'`, `task 'build' step 'push'`),
 * so that a hole accepted in one place does not hide one in another, and what the finding says its
 * object grants where its value does not say it (`granted`: the verbs of an RBAC rule, so that a
 * Role's `get` on secrets widened to `get, list, watch` is a new finding). Entries are matched one
 * to one, so two identical findings need two entries. A baseline of an older version is read as it
 * was written: a version 3 one's entries (without what is granted) match whatever is granted, a
 * version 2 one's (without locations either) whatever the location too.
 */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from './read-yaml';

/** The version of the baseline file format (4: entries have what the finding says is granted; 3: the finding's location). */
export const BASELINE_SCHEMA_VERSION = 4;
/** The oldest version read: 2 (without locations); 1 did not record values. */
const OLDEST_READ = 2;

/** What identifies a finding across edits. */
export interface BaselineEntry {
  readonly file: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly rule: string;
  readonly target?: string;
  readonly property: string;
  /** The value the finding names, when it names one. */
  readonly value?: string;
  /** Where in the object the finding is, when the finding says (`rules[2]`, `direction 'Egress'`). */
  readonly location?: string;
  /** What the finding says its object grants, where its value does not say it (`get, list, watch`). */
  readonly granted?: string;
}

/** A finding as the baseline sees it: its file as the audit named it. */
export interface BaselineCandidate extends Omit<BaselineEntry, 'file'> {
  readonly file: string;
}

/** `file` as written in a baseline kept in `baselineDir`. */
export function baselinePath(file: string, baselineDir: string): string {
  return path.relative(baselineDir, path.resolve(file)).split(path.sep).join('/');
}

/**
 * The identity of an entry, one string: what is granted last, and only where the finding says it, so that the identity of
 * every other finding is the one version 3 gave it.
 */
export function entryKey(e: BaselineEntry): string {
  return JSON.stringify([e.file, e.kind, e.namespace ?? '', e.name, e.rule, e.target ?? '', e.property, e.value ?? null, e.location ?? null,
    ...(e.granted !== undefined ? [e.granted] : [])]);
}

/**
 * An entry for a finding: without what it grants for a baseline of a version before 4, and without its location for one
 * before 3, which did not record them.
 */
function entryOf(c: BaselineCandidate, dir: string, version = BASELINE_SCHEMA_VERSION): BaselineEntry {
  return {
    file: baselinePath(c.file, dir),
    kind: c.kind,
    ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
    name: c.name,
    rule: c.rule,
    ...(c.target !== undefined ? { target: c.target } : {}),
    property: c.property,
    ...(c.value !== undefined ? { value: c.value } : {}),
    ...(c.location !== undefined && version >= 3 ? { location: c.location } : {}),
    ...(c.granted !== undefined && version >= 4 ? { granted: c.granted } : {}),
  };
}

/** A loaded baseline: `take` consumes the entry that matches a finding, if one is left. */
export class Baseline {
  /** Read a baseline file. Throws InputError when it cannot be read or is not a baseline. */
  public static load(file: string): Baseline {
    let data: any;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a baseline not written yet: the command that writes it
      if (code === 'ENOENT') throw new InputError(`${file}: cannot read the baseline (no such file): write it first with --write-baseline ${file}`);
      throw new InputError(`${file}: cannot read the baseline (${(e as Error).message.split('\n')[0]})`);
    }
    const version = data !== null && typeof data === 'object' ? data.schemaVersion : undefined;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_READ || version > BASELINE_SCHEMA_VERSION || !Array.isArray(data.findings)) {
      const old = version === 1
        ? '; a schemaVersion 1 baseline did not record the findings\' values: write it again with --write-baseline' : '';
      throw new InputError(`${file}: not an audit baseline (schemaVersion ${OLDEST_READ} to ${BASELINE_SCHEMA_VERSION} and a findings list expected)${old}`);
    }
    const counts = new Map<string, number>();
    data.findings.forEach((e: any, i: number) => {
      const ok = e !== null && typeof e === 'object' && ['file', 'kind', 'name', 'rule', 'property'].every((k) => typeof e[k] === 'string')
        && ['namespace', 'target', 'value', 'location', 'granted'].every((k) => e[k] === undefined || typeof e[k] === 'string');
      if (!ok) throw new InputError(`${file}: baseline entry ${i} is not an object with file, kind, name, rule and property strings`);
      // (an entry with a field its version did not have is keyed as that version reads it: without; version 2 had no
      // location, 3 nothing granted)
      const key = entryKey({ ...e, location: version >= 3 ? e.location : undefined, granted: version >= 4 ? e.granted : undefined });
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return new Baseline(path.dirname(path.resolve(file)), counts, version);
  }

  /** The entries as read, none taken. */
  private readonly written: ReadonlySet<string>;

  private constructor(private readonly dir: string, private readonly counts: Map<string, number>, private readonly version: number) {
    this.written = new Set(counts.keys());
  }

  /** Whether the baseline file lists the finding (whether or not a finding took its entry). */
  public holds(c: BaselineCandidate): boolean {
    return this.written.has(entryKey(entryOf(c, this.dir, this.version)));
  }

  /**
   * Whether an entry not taken is of the finding's file, object and rule: the finding is new only
   * by its target, property, value, location or what it grants (a value changed, a grant widened, or a version names the
   * finding otherwise).
   */
  public leftFor(c: BaselineCandidate): boolean {
    const object = JSON.stringify(JSON.parse(entryKey(entryOf(c, this.dir, this.version))).slice(0, 5));
    return [...this.counts].some(([key, n]) => n > 0 && JSON.stringify(JSON.parse(key).slice(0, 5)) === object);
  }

  /** Whether the baseline holds the finding (each entry matches one finding). */
  public take(c: BaselineCandidate): boolean {
    const key = entryKey(entryOf(c, this.dir, this.version));
    const n = this.counts.get(key) ?? 0;
    if (n === 0) return false;
    this.counts.set(key, n - 1);
    return true;
  }
}

/** The text of a baseline file holding these findings, in a stable order. */
export function baselineText(findings: readonly BaselineCandidate[], baselineFile: string, generatedBy: string): string {
  const dir = path.dirname(path.resolve(baselineFile));
  const entries = findings.map((f) => entryOf(f, dir)).sort((a, b) => (entryKey(a) < entryKey(b) ? -1 : entryKey(a) > entryKey(b) ? 1 : 0));
  return JSON.stringify({ schemaVersion: BASELINE_SCHEMA_VERSION, generatedBy, findings: entries }, null, 2) + '\n';
}
