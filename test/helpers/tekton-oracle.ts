/**
 * Tekton's own admission code as a test oracle: builds conformance/cmd/tekton-validate
 * (Tekton Pipelines' defaulting and validation, the version pinned in conformance/go.mod)
 * and runs it on manifests. See conformance/README.md.
 *
 * Without Go, `describeWithOracle` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';

/** The Go module of the oracle. */
export const CONFORMANCE_DIR = path.resolve(__dirname, '..', '..', 'conformance');
/** Where the binary is built (git-ignored). */
export const ORACLE_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'tekton-validate');

/** The first build downloads the modules and compiles Tekton and Kubernetes: minutes on 2 cores. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** One Tekton object's verdict (a line of the oracle's output). */
export interface OracleVerdict {
  /** The file as passed to the oracle, or `-` for standard input. */
  readonly file: string;
  /** 0-based index of the YAML document (or JSON value) in the file. */
  readonly index: number;
  /** 0-based index in the `items` of a List document. */
  readonly item?: number;
  readonly apiVersion: string;
  readonly kind: string;
  /** `metadata.name`, or `metadata.generateName` when there is no name. */
  readonly name: string;
  /** Whether Tekton's webhook admits the object on CREATE. */
  readonly valid: boolean;
  /** Tekton's error-level messages (each a FieldError: `message: path`). */
  readonly errors: string[];
  /** Tekton's warning-level messages. */
  readonly warnings?: string[];
  /** With `mergedSteps`, for a tekton.dev/v1 Task: its steps as Tekton merges them with its stepTemplate (or an error). */
  readonly mergedSteps?: any[] | string;
}

/** The oracle's last line. */
export interface OracleSummary {
  /** The Tekton Pipelines version built in, e.g. `v1.15.0`. */
  readonly tekton: string;
  readonly files: number;
  readonly objects: number;
  readonly valid: number;
  readonly invalid: number;
  /** Documents that are not Tekton objects. */
  readonly skipped: number;
  readonly unreadable: number;
}

export interface OracleResult {
  readonly verdicts: OracleVerdict[];
  readonly summary: OracleSummary;
  /** Output lines about inputs that could not be read or parsed. */
  readonly unreadable: Array<{ file: string; index?: number; error: string }>;
  /** 0 all valid, 1 some invalid, 2 unreadable input. */
  readonly exitCode: number;
}

export interface OracleOptions {
  /** Feature flags to override (`--flags`); the default is what TektonFeatureFlags writes with no props. */
  readonly flags?: Record<string, string>;
  /** Add each v1 Task's steps as Tekton merges them with its stepTemplate (`--merged-steps`). */
  readonly mergedSteps?: boolean;
}

/** Whether a CI run is under way (a missing Go is then a failure). */
export function inCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

let goChecked: boolean | undefined;

/** Whether `go` can be run. */
export function goAvailable(): boolean {
  if (goChecked === undefined) {
    const r = spawnSync('go', ['version'], { encoding: 'utf8' });
    goChecked = !r.error && r.status === 0;
  }
  return goChecked;
}

/** The binaries built (or found fresh) by this test process, by path. */
const builtBinaries = new Set<string>();

/**
 * Runs a built conformance command once (`args`, `input` on standard input) and reads its answer: one JSON line per item
 * asked, in order. Throws with the command's stderr when it fails or answers for another number of items
 * (`<command> <verb> N of <count> <items>`).
 */
export function runJsonLines<T>(
  binary: string, args: readonly string[], input: string | undefined, count: number, says: { command: string; verb: string; items: string },
): T[] {
  const r = spawnSync(binary, args, { input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${says.command} failed (exit ${r.status}): ${r.stderr}`);
  const out = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as T);
  if (out.length !== count) throw new Error(`${says.command} ${says.verb} ${out.length} of ${count} ${says.items}: ${r.stderr}`);
  return out;
}

/**
 * Builds `./cmd/<command>` of the conformance module (or of the module in `moduleDir`, a directory of
 * conformance/ with a go.mod of its own) into `binary` once per test process (and not at all while
 * the binary is newer than every go.mod, go.sum and .go file of conformance/); returns
 * the binary's path. `what` names it in errors, `docs` is where to read about it. Workers build
 * side by side safely: each writes its own file and renames it into place.
 */
export function buildGoCommand(command: string, binary: string, what: string, docs: string, timeoutMs: number, moduleDir = CONFORMANCE_DIR): string {
  if (builtBinaries.has(binary)) return binary;
  if (!goAvailable()) {
    throw new Error(`${what} needs Go (https://go.dev/dl/) on the PATH: see ${docs}`);
  }
  if (!isFresh(binary)) {
    const tmp = `${binary}.${process.pid}.tmp`;
    const r = spawnSync('go', ['build', '-buildvcs=false', '-o', tmp, `./cmd/${command}`], {
      cwd: moduleDir,
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    if (r.error || r.status !== 0) {
      fs.rmSync(tmp, { force: true });
      throw new Error(`building ${what} failed (exit ${r.status}): ${r.error?.message ?? ''}\n${r.stdout}${r.stderr}`);
    }
    fs.renameSync(tmp, binary);
  }
  builtBinaries.add(binary);
  return binary;
}

/** Builds the oracle (see buildGoCommand); returns the binary's path. */
export function buildOracle(): string {
  return buildGoCommand('tekton-validate', ORACLE_BINARY, 'the Tekton oracle', 'conformance/README.md', BUILD_TIMEOUT_MS);
}

/** Whether the binary is newer than every source of the module. */
function isFresh(binary: string): boolean {
  if (!fs.existsSync(binary)) return false;
  const built = fs.statSync(binary).mtimeMs;
  const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'bin' ? [] : sources(p);
    return /\.go$|^go\.(mod|sum)$/.test(e.name) ? [p] : [];
  });
  return sources(CONFORMANCE_DIR).every((f) => fs.statSync(f).mtimeMs < built);
}

function flagArgs(options: OracleOptions): string[] {
  return [...Object.entries(options.flags ?? {}).flatMap(([k, v]) => ['--flags', `${k}=${v}`]), ...(options.mergedSteps ? ['--merged-steps'] : [])];
}

function exec(args: string[], input?: string): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(buildOracle(), args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
}

function parse(stdout: string, stderr: string, status: number): OracleResult {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  const summary = lines.find((l) => l.summary)?.summary;
  if (!summary) throw new Error(`the Tekton oracle gave no summary (exit ${status}):\n${stdout}${stderr}`);
  return {
    verdicts: lines.filter((l) => l.kind !== undefined && l.valid !== undefined),
    unreadable: lines.filter((l) => l.error !== undefined),
    summary,
    exitCode: status,
  };
}

/** Runs the oracle on the given objects, as one multi-document YAML stream on standard input. */
export function runOracle(objects: any[], options: OracleOptions = {}): OracleResult {
  const yaml = objects.map((o) => stringify(o)).join('---\n');
  const r = exec([...flagArgs(options), '-'], yaml);
  return parse(r.stdout, r.stderr, r.status);
}

/** Runs the oracle on files or directories (recursing into *.yaml, *.yml and *.json). */
export function runOracleOnPaths(paths: string[], options: OracleOptions = {}): OracleResult {
  const r = exec([...flagArgs(options), ...paths]);
  return parse(r.stdout, r.stderr, r.status);
}

/** The feature flags the oracle uses (its built-in ones with `options.flags` on top). */
export function oracleFlags(options: OracleOptions = {}): Record<string, string> {
  const r = exec([...flagArgs(options), '--print-flags']);
  if (r.status !== 0) throw new Error(`tekton-validate --print-flags failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The notices printed by this test process (each once). */
const noticesPrinted = new Set<string>();

/** What `describeWithGo` says of a Go command's tests. */
export interface GoTests {
  /** The command's name in the CI test's title (`the Tekton oracle`). */
  readonly what: string;
  /** The CI failure's message: why CI needs it. */
  readonly inCI: string;
  /** The notice printed once when its tests are skipped. */
  readonly skipped: string;
  /** Builds the command; returns its path. */
  readonly build: () => string;
  /** How long a first build may take. */
  readonly buildTimeoutMs: number;
}

/**
 * `describe` for tests that run a Go command of the conformance module: builds it first (with a
 * timeout long enough for a first build). Without Go: skipped with one notice, or failing in CI.
 */
export function describeWithGo(name: string, fn: () => void, go: GoTests): void {
  if (!goAvailable()) {
    if (inCI()) {
      describe(name, () => {
        test(`Go is installed (${go.what} needs it in CI)`, () => {
          throw new Error(go.inCI);
        });
      });
      return;
    }
    if (!noticesPrinted.has(go.skipped)) {
      noticesPrinted.add(go.skipped);
      // eslint-disable-next-line no-console
      console.warn(go.skipped);
    }
    describe.skip(name, fn);
    return;
  }
  describe(name, () => {
    beforeAll(() => { go.build(); }, go.buildTimeoutMs);
    fn();
  });
}

/**
 * A conformance command that answers one JSON request a line, one answer a line in order (netpol-eval, psa-eval,
 * rbac-eval, tekton-convert): built into conformance/bin/<command> with a timeout long enough for a first build.
 */
export interface JsonLinesCommand {
  /** Its directory under conformance/cmd/ (conformance/<module>/cmd/) and its binary's name. */
  readonly command: string;
  /**
   * The directory of conformance/ that holds its own Go module (chains: Tekton Chains' dependencies would change the versions
   * the conformance module builds with). @default - the conformance module
   */
  readonly module?: string;
  /** What the tests compare with it, as the notices say when Go is missing ("the RBAC rules with Kubernetes' own matching of PolicyRules"). */
  readonly compares: string;
  /** How an error counts its answers: `<command> <verb> N of <count> <items>`. */
  readonly verb: string;
  readonly items: string;
}

/** The first build of a conformance command downloads the modules and compiles them: minutes on 2 cores. */
export const GO_COMMAND_BUILD_TIMEOUT_MS = 20 * 60_000;

/** Builds a JSON-lines command (see buildGoCommand) into conformance/bin (git-ignored); returns the binary's path. */
export function buildJsonLinesCommand(c: JsonLinesCommand): string {
  return buildGoCommand(c.command, path.join(CONFORMANCE_DIR, 'bin', c.command), c.command, 'conformance/README.md', GO_COMMAND_BUILD_TIMEOUT_MS,
    path.join(CONFORMANCE_DIR, c.module ?? ''));
}

/** Asks a JSON-lines command `requests` in one run: one answer per request, in order (see runJsonLines). */
export function runJsonLinesCommand<T>(c: JsonLinesCommand, requests: readonly unknown[]): T[] {
  if (requests.length === 0) return [];
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return runJsonLines<T>(buildJsonLinesCommand(c), [], input, requests.length, { command: c.command, verb: c.verb, items: c.items });
}

/** `describe` for tests that run a JSON-lines command (see describeWithGo). */
export function describeWithJsonLinesCommand(c: JsonLinesCommand, name: string, fn: () => void): void {
  const dir = `conformance/${c.module !== undefined ? `${c.module}/` : ''}cmd/${c.command}`;
  describeWithGo(name, fn, {
    what: c.command,
    inCI: `Go is not on the PATH: CI compares ${c.compares} (${dir}), install Go 1.26 or newer`,
    skipped: `Go is not on the PATH: the tests that compare ${c.compares} (${dir}) are skipped. `
      + 'Install Go 1.26 or newer to run them.',
    build: () => buildJsonLinesCommand(c),
    buildTimeoutMs: GO_COMMAND_BUILD_TIMEOUT_MS,
  });
}

/** `describe` for tests that run the oracle (see describeWithGo). */
export function describeWithOracle(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'the Tekton oracle',
    inCI: 'Go is not on the PATH: CI runs the Tekton oracle (conformance/), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the Tekton oracle tests (conformance/) are skipped. Install Go 1.26 or newer to run them.',
    build: buildOracle,
    buildTimeoutMs: BUILD_TIMEOUT_MS,
  });
}
