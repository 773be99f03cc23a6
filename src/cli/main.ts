/**
 * Command line: `cdk8s-secure-tekton audit [options] <files or dirs>...` (see HELP, and
 * docs/audit.md).
 *
 * Exit codes: 0 no new unrelaxed finding, 1 findings, 2 bad usage, a path or file that could not
 * be read (the others are still audited and reported), and also any unexpected failure (one
 * line on stderr, never a stack trace).
 */
import * as fs from 'fs';
import { audit, AuditFormat, AuditOptions, toolInfo, USAGE, USAGE_LINE } from './audit';
import { AuditProfile } from './profile';
import { Severity } from '../policy/rule';
import { editDistance } from '../private/served-kinds';

export { USAGE };

/** `--help`. */
export const HELP = `${USAGE_LINE}

Runs the cdk8s-secure-tekton rule catalogue over Kubernetes and Tekton YAML (or JSON) files
and directories, read as kubectl reads them. Directories are walked recursively for .yaml,
.yml and .json files; - reads standard input (kubectl kustomize overlay | ... audit -). A
file with no Kubernetes object (Helm values, CI workflows, JSON patches) or a kustomize
patch a kustomization lists is skipped with a notice on stderr; a file with no kind the
rules check is read (counted among the files audited) but not checked, with a notice.
Every file is read: one that cannot be (malformed YAML, what kubectl cannot decode, a path
that does not exist) is reported as file:line:col: error: ..., after the findings of the
others, which are then partial (objects weigh each other across files): exit code 2.

Options:
  --format text|json|sarif   output format (default text): text is grouped by file and rule
                             with file:line:col per finding and a summary per rule; json has
                             a versioned schema (docs/audit-output.schema.json); sarif is
                             SARIF 2.1.0 for code scanning
  --rule ID[,ID...]          report only these rules (repeatable)
  --skip-rule ID[,ID...]     do not report these rules (repeatable)
  --min-severity LEVEL       report only findings of at least low, medium or high
  --profile strict|platform  strict (default) accepts nothing; platform accepts the four
                             RBAC rules' findings on bindings whose subjects are all
                             ServiceAccounts of the platform namespaces and whose role is
                             among the audited files, and on Roles and
                             ClusterRoles only such bindings bind (a ClusterRole without an
                             aggregation label that folds it into users' roles): Tekton's
                             and Chains' controllers and webhooks; see docs/audit.md
  --platform-namespace NS    a platform namespace for --profile platform (repeatable;
                             default tekton-pipelines, tekton-pipelines-resolvers,
                             tekton-chains, openshift-pipelines)
  --fail-on-hand-edit        relaxations recorded by a hand edit (no seal, or changed after
                             synth) do not relax: their findings fail the run
  --baseline FILE            findings held in this baseline do not fail the run
  --write-baseline FILE      write the failed findings to FILE as a baseline (exit 0);
                             not written when a file could not be read or a rule
                             failed on an object (exit 2)
  -h, --help                 this help
  -v, --version              the version

Exit codes:
  0  no finding failed (relaxed, accepted and baselined findings do not fail)
  1  at least one finding failed
  2  bad usage, a path or file that could not be read (malformed YAML, with
     file:line:col; the other files are audited, their findings partial), or an
     internal error (a rule that failed on an object, at its file:line:col; the
     other rules and objects are audited)

Relaxations are read from the objects' annotations:
  secure-tekton/relax.<RULE>: "<target or *>: <reason of at least 10 visible characters>"
The target is the one a finding names (step/<name>, task/<name>, workspace/<name>...; below
it too) or, for a finding without one, its address field/<property>=<value> (that finding
alone); --format json gives each finding's target or address, and * covers every finding of
the rule in the object.
See docs/audit.md and docs/rules.md, in the package (node_modules/cdk8s-secure-tekton/docs/).
`;

let pipeHandled = false;

/** A reader that goes away (`| head`) ends the run quietly instead of an unhandled EPIPE. */
function ignoreClosedPipes(): void {
  if (pipeHandled) return;
  pipeHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.exit(2);
    });
  }
}

const FORMATS = ['text', 'json', 'sarif'];
const SEVERITIES = ['low', 'medium', 'high'];
const PROFILES = ['strict', 'platform'];
/** Options that take a value. */
const VALUED = new Set(['--format', '--rule', '--skip-rule', '--min-severity', '--profile', '--platform-namespace', '--baseline', '--write-baseline']);

/** What each option that takes a value other than a file takes, and an example of it. */
const VALUE_OF: Readonly<Record<string, string>> = {
  '--format': 'format', '--rule': 'rule IDs', '--skip-rule': 'rule IDs', '--min-severity': 'severity', '--profile': 'profile', '--platform-namespace': 'namespace',
};
const VALUE_EXAMPLE: Readonly<Record<string, string>> = {
  '--format': 'json', '--rule': 'IMAGE_DIGEST', '--skip-rule': 'IMAGE_DIGEST', '--min-severity': 'high', '--profile': 'platform', '--platform-namespace': 'tekton-pipelines',
};

/** Every option `audit` takes. */
const OPTIONS = [...VALUED, '--fail-on-hand-edit', '--help', '--version'];

/**
 * The option meant by unknown option `name`: the nearest within a third of its length in edits (one to three), else
 * the one option that begins with it or holds it (`--fail-on`, `--severity`).
 */
function meantOption(name: string): string | undefined {
  // a format or profile written as an option of its own (--json, --sarif, --platform): the option and its value
  const word = name.replace(/^-+/, '').toLowerCase();
  if (FORMATS.includes(word)) return `--format ${word}`;
  if (PROFILES.includes(word)) return `--profile ${word}`;
  const within = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  const near = OPTIONS.map((o) => ({ o, d: editDistance(name.toLowerCase(), o) })).filter((x) => x.d <= within)
    .sort((a, b) => a.d - b.d || a.o.localeCompare(b.o))[0]?.o;
  if (near !== undefined) return near;
  const bare = name.replace(/^-+/, '').toLowerCase();
  const holding = bare.length >= 3 ? OPTIONS.filter((o) => o.includes(bare)) : [];
  return holding.length === 1 ? holding[0] : undefined;
}

/** `; did you mean "<v>"?` for a value of `valid` written in another case (`JSON`, `High`), else nothing. */
function inCase(value: string, valid: readonly string[]): string {
  const meant = valid.find((v) => v === value.toLowerCase());
  return meant !== undefined ? `; did you mean "${meant}"?` : '';
}

/** `args` as a command line a POSIX shell reads back as they are: each quoted where it needs to be. */
function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
}

/**
 * `argv` without the command `audit` where it stands after options or files (`--format json audit dist`): the first
 * argument that reads `audit` and is not the value of an option before it, up to `--`.
 */
function withoutLateCommand(argv: readonly string[]): string[] {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (VALUED.has(arg)) {
      i++;
    } else if (arg === 'audit') {
      return [...argv.slice(0, i), ...argv.slice(i + 1)];
    }
  }
  return [...argv];
}

/** The usage error for a first argument that is not the command `audit`: the command line meant. */
function commandError(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command.toLowerCase() === 'help') {
    return usageError(`unknown command "${command}": the command is audit; its options: cdk8s-secure-tekton --help`);
  }
  if (editDistance(command.toLowerCase(), 'audit') <= 2) {
    return usageError(`unknown command "${command}"; did you mean "audit"? cdk8s-secure-tekton ${shellLine(['audit', ...rest])}`);
  }
  if (command.startsWith('-') && command !== '-') {
    return usageError(`unknown command "${command}": the command is audit, and options come after it: cdk8s-secure-tekton ${shellLine(['audit', ...withoutLateCommand(argv)])}`);
  }
  // a file or dir given first: the command left out
  if (command === '-' || fs.existsSync(command)) {
    return usageError(`unknown command "${command}": the command is audit, and files come after it: cdk8s-secure-tekton ${shellLine(['audit', ...withoutLateCommand(argv)])}`);
  }
  return usageError(`unknown command "${command}": the command is audit`);
}

function version(): string {
  return toolInfo().version;
}

function usageError(message: string): number {
  process.stderr.write(`error: ${message}\n${USAGE}`);
  return 2;
}

function run(argv: string[]): number {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (command !== 'audit') return commandError(argv);
  const options: { -readonly [K in keyof AuditOptions]: AuditOptions[K] } = {};
  const rules: string[] = [];
  const skipRules: string[] = [];
  const platformNamespaces: string[] = [];
  const paths: string[] = [];
  // the last option that took the next argument as its value, when that argument is a file or dir (or -)
  let tookPath: { readonly name: string; readonly value: string } | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(HELP);
      return 0;
    }
    if (arg === '--version' || arg === '-v') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    if (arg === '--fail-on-hand-edit') {
      options.failOnHandEdit = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.has(name)) {
      const meant = meantOption(name);
      return usageError(`unknown option "${arg}"${meant !== undefined ? `; did you mean "${meant}"?` : ''}`);
    }
    let value: string;
    if (eq > 0) {
      value = arg.slice(eq + 1);
    } else {
      if (i + 1 >= rest.length) return usageError(`${name} needs a value`);
      value = rest[++i];
      if (name !== '--baseline' && name !== '--write-baseline' && (value === '-' || (/[/.]/.test(value) && fs.existsSync(value)))) tookPath = { name, value };
    }
    switch (name) {
      case '--format':
        if (!FORMATS.includes(value)) return usageError(`unknown format "${value}" (text, json or sarif)${inCase(value, FORMATS)}`);
        options.format = value as AuditFormat;
        break;
      case '--rule':
      case '--skip-rule': {
        const ids = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
        if (ids.length === 0) return usageError(`${name} needs a rule ID`);
        (name === '--rule' ? rules : skipRules).push(...ids);
        break;
      }
      case '--min-severity':
        if (!SEVERITIES.includes(value)) return usageError(`unknown severity "${value}" (low, medium or high)${inCase(value, SEVERITIES)}`);
        options.minSeverity = value as Severity;
        break;
      case '--profile':
        if (!PROFILES.includes(value)) return usageError(`unknown profile "${value}" (strict or platform)${inCase(value, PROFILES)}`);
        options.profile = value as AuditProfile;
        break;
      case '--platform-namespace':
        if (value === '') return usageError('--platform-namespace needs a namespace');
        platformNamespaces.push(value);
        break;
      case '--baseline':
        options.baseline = value;
        break;
      default:
        options.writeBaseline = value;
    }
  }
  if (platformNamespaces.length > 0) {
    if (options.profile !== 'platform') return usageError('--platform-namespace needs --profile platform');
    options.platformNamespaces = platformNamespaces;
  }
  if (rules.length > 0) options.rules = rules;
  if (skipRules.length > 0) options.skipRules = skipRules;
  if (paths.length === 0 && tookPath !== undefined) {
    // `--skip-rule dist/`: the option's value left out, so it took the files
    const { name, value } = tookPath;
    return usageError(`no files to audit: ${name} took "${value}" as its value; give ${name} its ${VALUE_OF[name]} before the files, e.g. `
      + `cdk8s-secure-tekton audit ${name} ${VALUE_EXAMPLE[name]} ${shellLine([value])}`);
  }
  if (paths.length === 0) return usageError('no files to audit: give files, dirs or - (standard input) after the options');
  const result = audit(paths, options);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

/** Runs the command line and returns the exit code. */
export function main(argv: string[]): number {
  ignoreClosedPipes();
  try {
    return run(argv);
  } catch (e) {
    const message = e instanceof RangeError && /call stack/i.test(e.message)
      ? 'the input is nested too deeply'
      : (e instanceof Error ? e.message : String(e)).split('\n')[0];
    process.stderr.write(`error: internal error: ${message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
