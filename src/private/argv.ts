/**
 * What a container's `command` and `args` mean to the kernel and to the program:
 * which program runs (after wrappers such as `env` or `timeout`), and whether it
 * is an interpreter that may run an argument as code.
 */
import { own } from './own';

/**
 * Programs that run code given in their arguments or read as a program text
 * (shells, language runtimes, stream editors, query languages, remote shells,
 * command runners). An argument of one of these is treated as code.
 */
const INTERPRETERS: readonly RegExp[] = [
  /^(sh|bash|dash|ash|zsh|ksh|mksh|pdksh|yash|fish|csh|tcsh|rbash|busybox|toybox)$/,
  /^(python|pypy)[0-9.]*$/, /^(node|nodejs|deno|bun|qjs)$/, /^perl[0-9.]*$/, /^(ruby|irb|jruby)$/, /^php[0-9.]*$/,
  /^(lua|luajit)[0-9.]*$/, /^(r|rscript)$/i, /^(awk|gawk|mawk|nawk|sed|gsed|jq|yq|gojq)$/,
  /^(pwsh|powershell|cmd|osascript|tclsh|wish|expect|groovy|jshell|julia|elixir|iex|erl|escript|guile|racket|sbcl|clisp)$/,
  /^(ssh|xargs|parallel|find|watch|script|su|sudo|doas|runuser|chroot|nsenter|unshare|flock|entr)$/,
  /^(make|gmake|just|task|kubectl|helm|docker|podman|nerdctl|crictl)$/,
];

/**
 * How a wrapper reads its options: `valued`, the options whose value is the next argument (a short option last of a group
 * of options that take none, a long option without `=`); `positional`, the operands before the program; `arity`, options that
 * take more than one value (bwrap's `--bind SRC DEST`); `options`, when given, the only arguments it reads as its options
 * (another ends them, though it starts with `-`); `subcommands`, when given, the first operand must be one of them, whose own
 * `valued` options follow (`perf stat -e cycles make`), else the wrapper runs no program of its arguments; `chdir`, the
 * options whose value is the directory the program runs in; `binds`, the options that mount their first value over their second.
 */
interface Wrapper {
  readonly valued: RegExp;
  readonly positional: number;
  readonly arity?: Readonly<Record<string, number>>;
  readonly options?: RegExp;
  readonly subcommands?: Readonly<Record<string, RegExp>>;
  readonly chdir?: RegExp;
  /** Options whose two values are the source and the target of a bind mount it makes before it moves and runs the program. */
  readonly binds?: RegExp;
}

/**
 * The options (getopt's short ones, `letters`, and long ones, `long`) that take the next argument as their value: a letter of
 * `letters` alone or last of a group whose other letters are none of them (one before takes the rest of the group), or a long
 * option without `=`.
 */
function valuedOptions(letters: string, long: readonly string[] = []): RegExp {
  const names = long.map((name) => name.replace(/[-]/g, '\\-')).join('|');
  return new RegExp(`^(-(?!-)[^${letters}]*[${letters}]${names === '' ? '' : `|--(${names})`})$`);
}

/**
 * Wrappers that run the program named by a later argument: `env [-i] [-u NAME] [NAME=value]... program`,
 * `nice -n 10 program`, `timeout 5m program`, `nohup program`, `strace -f -o FILE program` …, each with the
 * number of option values its options take.
 */
const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  'env': { valued: /^(-u|--unset|-C|--chdir|-S|--split-string)$/, positional: 0 },
  'nice': { valued: /^(-n|--adjustment)$/, positional: 0 },
  'ionice': { valued: /^(-c|-n|-p|-P|-u|--class|--classdata)$/, positional: 0 },
  'nohup': { valued: /^$/, positional: 0 },
  'setsid': { valued: /^$/, positional: 0 },
  'stdbuf': { valued: /^(-i|-o|-e)$/, positional: 0 },
  'timeout': { valued: /^(-s|--signal|-k|--kill-after)$/, positional: 1 },
  'time': { valued: /^(-f|--format|-o|--output)$/, positional: 0 },
  'chrt': { valued: /^$/, positional: 1 },
  'taskset': { valued: /^$/, positional: 1 },
  'tini': { valued: /^(-p|-e)$/, positional: 0 },
  'dumb-init': { valued: /^(-r|--rewrite)$/, positional: 0 },
  'su-exec': { valued: /^$/, positional: 1 },
  'gosu': { valued: /^$/, positional: 1 },
  'exec': { valued: /^(-a)$/, positional: 0 },
  // the shell's `command` runs the program past functions and aliases (`command -v` only prints its path: read as running it)
  'command': { valued: /^$/, positional: 0 },
  'catatonit': { valued: /^$/, positional: 0 },
  // strace (getopt `+a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ`), ltrace (`+cfhiLrStTVb` and `a:A:D:e:F:l:n:o:p:s:u:w:x:X:`)
  'strace': {
    valued: valuedOptions('abeEIoOpPsSuUX', ['abbrev', 'argv0', 'attach', 'columns', 'const-print-style', 'detach-on', 'env', 'fault', 'inject', 'kvm',
      'output', 'raw', 'read', 'signal', 'status', 'string-limit', 'summary-columns', 'summary-sort-by', 'syscall-limit', 'trace', 'trace-fds', 'trace-path',
      'user', 'verbose', 'write']),
    positional: 0,
  },
  'ltrace': { valued: valuedOptions('aADeFlnopsuwxX', ['align', 'config', 'indent', 'library', 'output', 'where']), positional: 0 },
  // valgrind's options take their values after `=`; the program is its first other argument
  'valgrind': { valued: /^$/, positional: 0 },
  // perf's parse-options, for the subcommands that run a program (stop at the first non-option)
  'perf': {
    valued: /^$/,
    positional: 0,
    subcommands: {
      stat: valuedOptions('eptGoxrCIDM', ['event', 'pid', 'tid', 'cgroup', 'output', 'field-separator', 'repeat', 'cpu', 'interval-print', 'delay', 'metrics',
        'pre', 'post', 'log-fd', 'interval-count', 'timeout', 'for-each-cgroup', 'td-level', 'control']),
      record: valuedOptions('eptuoCcFmGDjkr', ['event', 'pid', 'tid', 'uid', 'output', 'cpu', 'count', 'freq', 'mmap-pages', 'cgroup', 'delay', 'branch-filter',
        'clockid', 'realtime', 'call-graph', 'filter', 'affinity', 'max-size', 'control', 'switch-output-event', 'synth', 'mmap-flush']),
      trace: valuedOptions('eoptuCGmD', ['expr', 'event', 'output', 'pid', 'tid', 'uid', 'cpu', 'cgroup', 'mmap-pages', 'duration', 'filter-pids',
        'max-events', 'call-graph', 'max-stack', 'min-stack', 'delay', 'switch-on', 'switch-off']),
    },
  },
  // fakeroot parses with getopt(1) `+l:f:i:s:ub:vh`
  'fakeroot': { valued: valuedOptions('lfisb', ['lib', 'faked', 'fd-base']), positional: 0 },
  // faketime reads its options by name (any other argument ends them), then its timestamp
  'faketime': { valued: /^(-p|--date-prog)$/, positional: 1, options: /^(-m|-f|-p|--exclude-monotonic|--date-prog)$/ },
  // numactl (getopt `+` of its long options' letters)
  'numactl': {
    valued: valuedOptions('iwpPcNCmSfoLMI', ['interleave', 'weighted-interleave', 'preferred', 'preferred-many', 'cpubind', 'cpunodebind', 'physcpubind',
      'membind', 'shm', 'file', 'offset', 'length', 'shmmode', 'shmid']),
    positional: 0,
  },
  // util-linux prlimit (`+c::d::e::f::i::l::m::n::q::r::s::t::u::v::x::y::p:o:vVh`: a resource's value only attached)
  'prlimit': { valued: /^(-[Vh]*[po]|--pid|--output)$/, positional: 0 },
  'catchsegv': { valued: /^$/, positional: 0 },
  // firejail's options take their values after `=`
  'firejail': { valued: /^$/, positional: 0 },
  // bubblewrap: options with one value, and those with two or three
  'bwrap': {
    valued: /^--(args|argv0|userns|userns2|pidns|uid|gid|hostname|chdir|unsetenv|lock-file|sync-fd|remount-ro|exec-label|file-label|proc|dev|tmpfs|mqueue|dir|seccomp|add-seccomp-fd|block-fd|userns-block-fd|info-fd|json-status-fd|cap-add|cap-drop|perms|size|overlay-src|tmp-overlay|ro-overlay)$/,
    positional: 0,
    arity: {
      '--bind': 2,
      '--bind-try': 2,
      '--dev-bind': 2,
      '--dev-bind-try': 2,
      '--ro-bind': 2,
      '--ro-bind-try': 2,
      '--bind-fd': 2,
      '--ro-bind-fd': 2,
      '--setenv': 2,
      '--file': 2,
      '--bind-data': 2,
      '--ro-bind-data': 2,
      '--symlink': 2,
      '--chmod': 2,
      '--overlay': 3,
    },
    chdir: /^--chdir$/,
    binds: /^--(bind|bind-try|dev-bind|dev-bind-try|ro-bind|ro-bind-try)$/,
  },
  // OpenSSH's ssh-agent (`cDdksE:a:O:P:t:`, options before its command)
  'ssh-agent': { valued: valuedOptions('aEOPt'), positional: 0 },
  'dbus-run-session': { valued: /^(--config-file|--dbus-daemon)$/, positional: 0 },
};

/** The program an argv runs, with the arguments it gets. */
export interface Invocation {
  /** The program as written (a path or a name); undefined when argv is empty (the image's entrypoint runs). */
  readonly program?: string;
  /** Index in argv of the program. */
  readonly programIndex: number;
  /** Whether the program is (or, through `busybox`, dispatches to) an interpreter. */
  readonly interpreter: boolean;
  /** The `NAME=VALUE` arguments of `env` wrappers: env vars the program runs with, like the container's env. */
  readonly assignments: ReadonlyArray<{ readonly index: number; readonly name: string; readonly value: string }>;
  /**
   * The arguments that hold the string of `env -S`/`--split-string` (`-S STRING`, `-iSSTRING`,
   * `--split-string=STRING`): env splits it into a command line (quotes, `${VAR}` and options
   * included), so it is code.
   */
  readonly splitStrings: readonly number[];
  /** Whether the shell's `command` runs it with `-v` or `-V` (a group holding either): it only looks the program up, running nothing. */
  readonly lookup?: boolean;
  /**
   * The directories `env -C DIR` (`--chdir`) and `bwrap --chdir DIR` move to before they run the program, in order (a directory
   * under the target of a bind mount of bwrap's given as the same directory of its source).
   */
  readonly chdirs?: readonly string[];
  /** The bind mounts a wrapper (`bwrap --bind SOURCE TARGET`) makes before it runs the program, in order. */
  readonly binds?: ReadonlyArray<{ readonly source: string; readonly target: string }>;
}

/** The invocation of a container without a command: the image's entrypoint runs. */
export const ENTRYPOINT: Invocation = { programIndex: -1, interpreter: false, assignments: [], splitStrings: [] };

/** `/usr/bin/python3` -> `python3`. */
export function basename(program: string): string {
  return program.split('/').pop() ?? program;
}

/** Whether a program name is an interpreter or command runner. */
export function isInterpreter(program: string): boolean {
  const name = basename(program);
  return INTERPRETERS.some((re) => re.test(name));
}

/**
 * The program `argv` (command followed by args) runs, looking through wrappers
 * such as `env FOO=1 sh -c …` and `timeout 5m python …`.
 */
export function invocation(argv: readonly string[]): Invocation {
  let i = 0;
  const assignments: Array<{ index: number; name: string; value: string }> = [];
  const splitStrings: number[] = [];
  let split: string | undefined;
  let lookup = false;
  const chdirs: string[] = [];
  const binds: Array<{ source: string; target: string }> = [];
  for (let hops = 0; i < argv.length && hops < 8; hops++) {
    const wrapper = own(WRAPPERS, basename(argv[i]));
    if (!wrapper) break;
    i++;
    if (basename(argv[i - 1]) === 'env') {
      i = envArguments(argv, i, assignments, splitStrings, (text) => { split ??= text; }, (dir) => chdirs.push(dir));
      // env -S: the split string holds the program, or more of env's options and assignments, or a wrapper: read its words
      // as env's arguments again, followed by the rest of argv
      if (split !== undefined && hops < 4) {
        const words = split.trim().split(/\s+/).filter((w) => w !== '');
        const inner = invocation(['env', ...words.map((w) => w.replace(/^-S/, '-')), ...argv.slice(i)]);
        if (inner.program !== undefined && inner.programIndex <= words.length) {
          return {
            program: inner.program,
            programIndex: splitStrings[0],
            interpreter: inner.interpreter,
            assignments,
            splitStrings,
            lookup: lookup || inner.lookup,
            chdirs: [...chdirs, ...inner.chdirs ?? []],
          };
        }
        if (inner.program !== undefined) {
          const index = i + inner.programIndex - 1 - words.length;
          return {
            program: inner.program,
            programIndex: index,
            interpreter: inner.interpreter,
            assignments,
            splitStrings,
            lookup: lookup || inner.lookup,
            chdirs: [...chdirs, ...inner.chdirs ?? []],
          };
        }
      }
      continue;
    }
    // options (and the values of options that take one), NAME=value assignments for env, then positionals
    const name = basename(argv[i - 1]);
    let valued = wrapper.valued;
    if (wrapper.subcommands !== undefined) {
      // perf stat …: the subcommand's own options; another subcommand runs no program of its arguments
      const sub = i < argv.length ? own(wrapper.subcommands, argv[i]) : undefined;
      if (sub === undefined) {
        i--;
        break;
      }
      valued = sub;
      i++;
    }
    const moves: string[] = [];
    const mounts: Array<{ source: string; target: string }> = [];
    while (i < argv.length && (argv[i].startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[i]))) {
      if (wrapper.options !== undefined && !wrapper.options.test(argv[i])) break;
      if (argv[i] === '--') {
        i++;
        break;
      }
      // `command -v NAME`, `command -pV NAME`: the option of `command` itself, not a value of another wrapper's option
      lookup ||= name === 'command' && /^-[A-Za-z]*[vV][A-Za-z]*$/.test(argv[i]);
      if (wrapper.chdir?.test(argv[i]) && i + 1 < argv.length) moves.push(argv[i + 1]);
      if (wrapper.binds?.test(argv[i]) && i + 2 < argv.length) mounts.push({ source: argv[i + 1], target: argv[i + 2] });
      i += 1 + (own(wrapper.arity ?? {}, argv[i]) ?? (valued.test(argv[i]) ? 1 : 0));
    }
    // the directory moved to after the mounts: under the last mount over it, the same directory of the mount's source
    for (const dir of moves) {
      const mount = [...mounts].reverse().find((m) => underDirectory(dir, m.target));
      chdirs.push(mount === undefined ? dir : mount.source.replace(/\/+$/, '') + dir.slice(mount.target.replace(/\/+$/, '').length));
    }
    binds.push(...mounts);
    i += wrapper.positional;
  }
  if (i >= argv.length) return { programIndex: i, interpreter: false, assignments, splitStrings, lookup, chdirs, binds };
  return { program: argv[i], programIndex: i, interpreter: isInterpreter(argv[i]), assignments, splitStrings, lookup, chdirs, binds };
}

/** Whether the absolute path `dir` is `target` or lies under it (trailing slashes aside). */
function underDirectory(dir: string, target: string): boolean {
  const base = target.replace(/\/+$/, '');
  return dir === target || dir === base || dir.startsWith(`${base}/`);
}

/** GNU env's long options that take a value, and `--split-string` (getopt_long takes any unambiguous prefix). */
const ENV_VALUED_LONG = ['unset', 'chdir'];

/**
 * GNU coreutils env's arguments from `i` (getopt `+C:iS:u:v0`, so options stop at the first
 * operand; then the operands holding `=` are assignments): records the assignments and the
 * split strings, and returns the index of the program.
 */
function envArguments(argv: readonly string[], start: number, assignments: Array<{ index: number; name: string; value: string }>,
  splitStrings: number[], onSplit: (text: string) => void, onChdir: (dir: string) => void): number {
  let i = start;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const long = a.slice(2, eq < 0 ? undefined : eq);
      if (long !== '' && 'split-string'.startsWith(long)) {
        const at = eq < 0 ? i + 1 : i;
        if (at < argv.length) {
          splitStrings.push(at);
          onSplit(eq < 0 ? argv[at] : a.slice(eq + 1));
        }
        i = at;
      } else if (long !== '' && 'chdir'.startsWith(long)) {
        const dir = eq < 0 ? argv[i + 1] : a.slice(eq + 1);
        if (dir !== undefined) onChdir(dir);
        if (eq < 0) i++;
      } else if (long !== '' && eq < 0 && ENV_VALUED_LONG.some((o) => o.startsWith(long))) {
        i++;
      }
      i++;
      continue;
    }
    // a group of short options: -u, -C and -S take the rest of the group, or the next argument
    for (let j = 1; j < a.length; j++) {
      if (!'uCS'.includes(a[j])) continue;
      const at = j + 1 < a.length ? i : i + 1;
      if (a[j] === 'S' && at < argv.length) {
        splitStrings.push(at);
        onSplit(at === i ? a.slice(j + 1) : argv[at]);
      }
      if (a[j] === 'C' && at < argv.length) onChdir(at === i ? a.slice(j + 1) : argv[at]);
      i = at;
      break;
    }
    i++;
  }
  while (i < argv.length && argv[i].includes('=')) {
    const eq = argv[i].indexOf('=');
    assignments.push({ index: i, name: argv[i].slice(0, eq), value: argv[i].slice(eq + 1) });
    i++;
  }
  return i;
}

/** Shells whose `-c` takes the command string as the first operand after the options. */
const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|mksh|pdksh|yash|rbash)$/;

/**
 * For a shell run as `sh -c CODE [NAME [ARG...]]` (the option group right after the
 * shell may combine `c` with other letters, `-ec`, but none that takes a value), the
 * index in argv of NAME: NAME becomes `$0` and each ARG a positional parameter,
 * which the shell never parses as code or as an option. Undefined for every other
 * form (other options first, `-o`, `--` or an operand starting with `-` or `+` after the
 * group, `busybox sh`, no `-c`): its arguments stay code.
 */
export function shellDataIndex(argv: readonly string[], run: Invocation): number | undefined {
  if (run.program === undefined || !SHELLS.test(basename(run.program))) return undefined;
  if (run.splitStrings.length > 0 && run.programIndex === run.splitStrings[0]) {
    // the shell named in env -S's string: `sh -c` there takes its code from the next argument, and `sh -c CODE` holds it;
    // what follows is $0 and the positional parameters (the string's words split at blanks outside quotes)
    const words: string[] = argv[run.programIndex].match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? [];
    const at = words.indexOf(run.program);
    const options = words[at + 1];
    if (at < 0 || options === undefined || !/^-[A-Za-z]*c[A-Za-z]*$/.test(options) || /[oO]/.test(options)) return undefined;
    if (words.length > at + 2) return words.length === at + 3 && !/^[-+]/.test(words[at + 2]) ? run.programIndex + 1 : undefined;
    const code = argv[run.programIndex + 1];
    return code === undefined || /^[-+]/.test(code) ? undefined : run.programIndex + 2;
  }
  const options = argv[run.programIndex + 1];
  if (options === undefined || !/^-[A-Za-z]*c[A-Za-z]*$/.test(options) || /[oO]/.test(options)) return undefined;
  // an operand starting with - or + would be read as another option (or `--`), and the code come later
  const code = argv[run.programIndex + 2];
  if (code === undefined || /^[-+]/.test(code)) return undefined;
  return run.programIndex + 3;
}

/** A short option group of a shell that holds `i` (`-i`, `-ic`, `-ei`): the shell is interactive. */
export const INTERACTIVE_OPTIONS = '^-[A-Za-z]*i[A-Za-z]*$';

/**
 * The `#!` line of a script that runs a shell with an option group holding `i` (`#!/bin/sh -i`;
 * the kernel passes the rest of the line as one argument), RE2 and JavaScript alike.
 */
export const INTERACTIVE_SHEBANG = '^#![ \\t]*([^ \\t\\n]*/)?(sh|dash|ash|ksh|mksh|pdksh|yash)[ \\t]+-[A-Za-z]*i[A-Za-z]*[ \\t]*(\\r?\\n|$)';

/**
 * The shells that source `$ENV` when interactive (POSIX's rule): bash only as `sh` or in posix
 * mode, zsh only emulating sh or ksh, so `bash -ic` and `zsh -i` do not (RE2 and JavaScript alike).
 */
export const ENV_SHELL = '(^|/)(sh|dash|ash|ksh|mksh|pdksh|yash)$';

/**
 * Whether a container runs an interactive shell that sources `$ENV`: the program (through
 * wrappers) is such a shell (ENV_SHELL) and the argument right after it an option group holding `i`
 * (`sh -ic CODE`, `bash -i script`), or, without a command, its script's `#!` line runs a shell with
 * such an option group (`#!/bin/sh -i`; the script trimmed as Tekton trims it).
 */
export function runsInteractiveShell(argv: readonly string[], commandSet: boolean, script: unknown, trim: (s: string) => string): boolean {
  if (commandSet) {
    const run = invocation(argv);
    if (run.program === undefined || !new RegExp(ENV_SHELL).test(run.program)) return false;
    const options = argv[run.programIndex + 1];
    return options !== undefined && new RegExp(INTERACTIVE_OPTIONS).test(options);
  }
  return typeof script === 'string' && new RegExp(INTERACTIVE_SHEBANG).test(trim(script));
}

/**
 * A command runner's options as GNU getopt_long reads them: `short` is its option string (a letter followed by `:`
 * takes a value, attached or the next argument; by `::` an optional value, attached only), `long` its long options
 * (`required`, `optional`: only after `=`, `none`), any unambiguous prefix of one accepted. `permute`: options may
 * follow operands (getopt without `+`).
 */
interface RunnerOptions {
  readonly short: string;
  readonly long: Readonly<Record<string, 'required' | 'optional' | 'none'>>;
  readonly permute?: boolean;
}

/** su and runuser (util-linux su-common.c; `-u`/`--user` is runuser's), which permute their options. */
const SU_OPTIONS: RunnerOptions = {
  short: 'c:fg:G:lmpPTs:u:hVw:',
  long: {
    'command': 'required',
    'session-command': 'required',
    'fast': 'none',
    'login': 'none',
    'preserve-environment': 'none',
    'pty': 'none',
    'no-pty': 'none',
    'shell': 'required',
    'group': 'required',
    'supp-group': 'required',
    'user': 'required',
    'whitelist-environment': 'required',
    'help': 'none',
    'version': 'none',
  },
  permute: true,
};

/**
 * Programs that run a command given in their operands, with their options as their sources read them (procps-ng
 * watch, util-linux flock, su, runuser, setpriv, unshare, nsenter, script, coreutils chroot, xvfb-run, shadow's sg, GNU
 * parallel).
 */
const RUNNERS: Readonly<Record<string, RunnerOptions>> = {
  'watch': {
    short: 'bCcefd::ghq:n:prs:twvx',
    long: {
      'color': 'none',
      'no-color': 'none',
      'differences': 'optional',
      'help': 'none',
      'interval': 'required',
      'beep': 'none',
      'errexit': 'none',
      'follow': 'none',
      'chgexit': 'none',
      'equexit': 'required',
      'exec': 'none',
      'precise': 'none',
      'no-rerun': 'none',
      'shotsdir': 'required',
      'no-title': 'none',
      'no-wrap': 'none',
      'version': 'none',
    },
  },
  // flock takes `-c CODE`/`--command CODE` among its options (its code the next argument) or right after the file
  'flock': {
    short: 'sexnoFuw:E:hVc:',
    long: {
      'command': 'required',
      'shared': 'none',
      'exclusive': 'none',
      'unlock': 'none',
      'nonblocking': 'none',
      'nb': 'none',
      'timeout': 'required',
      'wait': 'required',
      'conflict-exit-code': 'required',
      'close': 'none',
      'no-fork': 'none',
      'verbose': 'none',
      'fcntl': 'none',
      'start': 'required',
      'length': 'required',
      'fd': 'required',
      'help': 'none',
      'version': 'none',
    },
  },
  'chroot': { short: '', long: { 'groups': 'required', 'userspec': 'required', 'skip-chdir': 'none', 'help': 'none', 'version': 'none' } },
  'su': SU_OPTIONS,
  'runuser': SU_OPTIONS,
  'setpriv': {
    short: 'dhV',
    long: {
      'dump': 'none',
      'nnp': 'none',
      'no-new-privs': 'none',
      'inh-caps': 'required',
      'ambient-caps': 'required',
      'list-caps': 'none',
      'ruid': 'required',
      'euid': 'required',
      'rgid': 'required',
      'egid': 'required',
      'reuid': 'required',
      'regid': 'required',
      'clear-groups': 'none',
      'keep-groups': 'none',
      'init-groups': 'none',
      'groups': 'required',
      'bounding-set': 'required',
      'securebits': 'required',
      'pdeathsig': 'required',
      'ptracer': 'required',
      'selinux-label': 'required',
      'apparmor-profile': 'required',
      'landlock-access': 'required',
      'landlock-rule': 'required',
      'landlock-support': 'none',
      'list-landlock-access': 'none',
      'list-landlock-rights': 'required',
      'seccomp-filter': 'required',
      'help': 'none',
      'reset-env': 'none',
      'version': 'none',
    },
  },
  'unshare': {
    short: 'fhVmuinpCTUrR:w:S:G:cl:',
    long: {
      'help': 'none',
      'version': 'none',
      'mount': 'optional',
      'uts': 'optional',
      'ipc': 'optional',
      'net': 'optional',
      'pid': 'optional',
      'user': 'optional',
      'cgroup': 'optional',
      'time': 'optional',
      'fork': 'none',
      'kill-child': 'optional',
      'forward-signals': 'none',
      'mount-proc': 'optional',
      'mount-binfmt': 'optional',
      'map-user': 'required',
      'map-users': 'required',
      'map-group': 'required',
      'map-groups': 'required',
      'map-root-user': 'none',
      'map-current-user': 'none',
      'map-auto': 'none',
      'map-subids': 'none',
      'owner': 'required',
      'propagation': 'required',
      'setgroups': 'required',
      'keep-caps': 'none',
      'setuid': 'required',
      'setgid': 'required',
      'root': 'required',
      'wd': 'required',
      'monotonic': 'required',
      'boottime': 'required',
      'load-interp': 'required',
      'clear-env': 'none',
      'whitelist-env': 'required',
    },
  },
  'nsenter': {
    short: 'ahVt:m::u::i::n::N:p::C::U::T::S:G:r::w::W::ecFZ',
    long: {
      'all': 'none',
      'help': 'none',
      'version': 'none',
      'target': 'required',
      'mount': 'optional',
      'uts': 'optional',
      'ipc': 'optional',
      'net': 'optional',
      'net-socket': 'required',
      'pid': 'optional',
      'user': 'optional',
      'cgroup': 'optional',
      'time': 'optional',
      'setuid': 'required',
      'setgid': 'required',
      'root': 'optional',
      'wd': 'optional',
      'wdns': 'optional',
      'env': 'none',
      'no-fork': 'none',
      'join-cgroup': 'none',
      'preserve-credentials': 'none',
      'keep-caps': 'none',
      'user-parent': 'none',
      'follow-context': 'none',
    },
  },
  // shadow's sg: `sg [-] GROUP [-c] COMMAND` runs COMMAND, one argument, with /bin/sh -c (no getopt: `-` and `-l` alone)
  'sg': { short: 'l', long: {} },
  // util-linux script (getopt_long `aB:c:eE:fI:O:o:qm:T:t::Vh`, permuted): the code of -c, or the words after `--` joined,
  // with $SHELL -c; its operand before `--` is the file it writes
  'script': {
    short: 'aB:c:eE:fI:O:o:qm:T:t::Vh',
    long: {
      'append': 'none',
      'command': 'required',
      'echo': 'required',
      'return': 'none',
      'flush': 'none',
      'force': 'none',
      'log-in': 'required',
      'log-out': 'required',
      'log-io': 'required',
      'log-timing': 'required',
      'logging-format': 'required',
      'output-limit': 'required',
      'quiet': 'none',
      'timing': 'optional',
      'version': 'none',
      'help': 'none',
    },
    permute: true,
  },
  // GNU parallel (Getopt::Long, bundling, require_order): its command is shell code, run once for each argument of `:::`
  'parallel': {
    short: 'a:C:d:E:I:j:P:L:n:N:S:s:U:J:0XmkqutvrgxpMe::i::l::D::',
    long: {
      'arg-file': 'required',
      'arg-file-sep': 'required',
      'arg-sep': 'required',
      'basefile': 'required',
      'bf': 'required',
      'block': 'required',
      'block-size': 'required',
      'colsep': 'required',
      'compress-program': 'required',
      'decompress-program': 'required',
      'delay': 'required',
      'delimiter': 'required',
      'env': 'required',
      'eof': 'optional',
      'halt': 'required',
      'halt-on-error': 'required',
      'header': 'required',
      'joblog': 'required',
      'jobs': 'required',
      'load': 'required',
      'max-args': 'required',
      'max-chars': 'required',
      'max-lines': 'optional',
      'max-replace-args': 'required',
      'memfree': 'required',
      'memsuspend': 'required',
      'nice': 'required',
      'profile': 'required',
      'recend': 'required',
      'recstart': 'required',
      'replace': 'optional',
      'results': 'required',
      'res': 'required',
      'retries': 'required',
      'return': 'required',
      'rpl': 'required',
      'shard': 'required',
      'sshdelay': 'required',
      'sshlogin': 'required',
      'sshloginfile': 'required',
      'slf': 'required',
      'tagstring': 'required',
      'tempdir': 'required',
      'termseq': 'required',
      'timeout': 'required',
      'tmpdir': 'required',
      'transferfile': 'required',
      'tf': 'required',
      'workdir': 'required',
      'wd': 'required',
      'dry-run': 'none',
      'group': 'none',
      'keep-order': 'none',
      'line-buffer': 'none',
      'null': 'none',
      'pipe': 'none',
      'pipe-part': 'none',
      'progress': 'none',
      'quote': 'none',
      'tag': 'none',
      'ungroup': 'none',
      'verbose': 'none',
      'will-cite': 'none',
      'xargs': 'none',
    },
  },
  // xvfb-run parses with getopt(1) `+ade:f:hn:lp:s:w:`, then runs "$@"
  'xvfb-run': {
    short: 'ade:f:hn:lp:s:w:',
    long: {
      'auto-display': 'none',
      'auto-servernum': 'none',
      'error-file': 'required',
      'auth-file': 'required',
      'help': 'none',
      'server-num': 'required',
      'listen-tcp': 'none',
      'xauth-protocol': 'required',
      'server-args': 'required',
      'wait': 'required',
    },
  },
};

/** One reading of a runner's arguments: the options it was given (by their long name or letter) and its operands. */
export interface RunnerReading {
  /** Each option given, by its letter or its full long name, with its value (undefined for none). */
  readonly options: ReadonlyArray<{ readonly name: string; readonly value?: string }>;
  /** The operands, in order (after `--` too). */
  readonly operands: readonly string[];
  /** How many operands came before `--`, when it was given (where the operands stop being options). */
  readonly separator?: number;
}

/** A word that is all the elements of an array, left as written (its elements not known): it may expand to any number of words. */
const UNKNOWN_ARRAY = /^\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]\}$/;

/** The long option `written` (no `--`, no `=`) names: itself, or the one long option it is a prefix of; undefined when unknown or ambiguous. */
function longOption(written: string, long: RunnerOptions['long']): string | undefined {
  if (own(long, written) !== undefined) return written;
  const matches = Object.keys(long).filter((k) => k.startsWith(written));
  return written !== '' && matches.length === 1 ? matches[0] : undefined;
}

/**
 * How a command runner reads its arguments `after` (those after its name), by the grammar of its sources; undefined
 * for a program that is not such a runner. An option the grammar does not know (a newer version's) may take the next
 * argument or not, and an array whose elements are not known (`"${OPTS[@]}"`) where an option may stand may hold
 * options (or nothing) or the command: each reading is given (at most four).
 */
export function runnerReadings(program: string, after: readonly string[]): RunnerReading[] | undefined {
  const grammar = own(RUNNERS, basename(program));
  if (grammar === undefined) return undefined;
  const readings: RunnerReading[] = [];
  const read = (start: number, options: Array<{ name: string; value?: string }>, operands: string[], branches: number): void => {
    let i = start;
    let separator: number | undefined;
    while (i < after.length) {
      const a = after[i];
      if (a === '--') {
        separator = operands.length;
        operands.push(...after.slice(i + 1));
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        // "${OPTS[@]}" whose elements are not known: options (or none) as likely as the command; read both, options first
        if (UNKNOWN_ARRAY.test(a) && branches < 2) read(i + 1, [...options, { name: a }], [...operands], branches + 1);
        if (!grammar.permute) {
          operands.push(...after.slice(i));
          break;
        }
        operands.push(a);
        i++;
        continue;
      }
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        const name = longOption(a.slice(2, eq < 0 ? undefined : eq), grammar.long);
        const kind = name === undefined ? undefined : grammar.long[name];
        if (name === undefined || kind === undefined) {
          // an option not known: it takes the next argument, or it does not
          if (eq < 0 && branches < 2 && i + 1 < after.length) {
            read(i + 2, [...options, { name: a, value: after[i + 1] }], [...operands], branches + 1);
          }
          options.push({ name: a });
          i++;
          continue;
        }
        if (eq >= 0) options.push({ name, value: a.slice(eq + 1) });
        else if (kind === 'required') options.push({ name, value: after[++i] });
        else options.push({ name });
        i++;
        continue;
      }
      // a group of short options: one that takes a value takes the rest of the group (or, required, the next argument)
      let next = i + 1;
      for (let j = 1; j < a.length; j++) {
        const at = grammar.short.indexOf(a[j]);
        if (at < 0 || a[j] === ':') {
          // not known: it may take the next argument (last of its group), or not
          if (j === a.length - 1 && branches < 2 && next < after.length) {
            read(next + 1, [...options, { name: a[j], value: after[next] }], [...operands], branches + 1);
          }
          options.push({ name: a[j] });
          continue;
        }
        const valued = grammar.short[at + 1] === ':';
        const optional = valued && grammar.short[at + 2] === ':';
        if (!valued) {
          options.push({ name: a[j] });
          continue;
        }
        if (j + 1 < a.length) options.push({ name: a[j], value: a.slice(j + 1) });
        else if (optional) options.push({ name: a[j] });
        else options.push({ name: a[j], value: after[next++] });
        break;
      }
      i = next;
    }
    readings.push(separator === undefined ? { options, operands } : { options, operands, separator });
  };
  read(0, [], [], 0);
  return readings;
}
