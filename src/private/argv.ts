/**
 * What a container's `command` and `args` mean to the kernel and to the program:
 * which program runs (after wrappers such as `env` or `timeout`), and whether it
 * is an interpreter that may run an argument as code.
 */
import { own } from './own';
import { readShellOptions, setsPosixMode } from './shell-options';

/** Python's names: versioned (`python3.11`), with the ABI flag of older builds (`python3m`), RHEL's `/usr/libexec/platform-python`. */
export const PYTHON = /^(python|pypy|platform-python)[0-9.]*m?$/;
/** Ruby's names, versioned as Debian installs them (`ruby3.1`). */
export const RUBY = /^(ruby|jruby)[0-9.]*$/;
/** Tcl's shells, versioned as Debian installs them (`tclsh8.6`, `wish8.6`). */
export const TCL = /^(tclsh|wish)[0-9.]*$/;

/**
 * Programs that run code given in their arguments or read as a program text
 * (shells, language runtimes, stream editors, query languages, remote shells,
 * command runners). An argument of one of these is treated as code.
 */
const INTERPRETERS: readonly RegExp[] = [
  /^(sh|bash|dash|ash|zsh|ksh|ksh93|rksh|rksh93|mksh|mksh-static|lksh|rmksh|rlksh|pdksh|yash|fish|csh|tcsh|rbash|busybox.*|toybox.*)$/,
  PYTHON, /^(node|nodejs|deno|bun|qjs)$/, /^perl[0-9.]*$/, RUBY, /^irb$/, /^php[0-9.]*$/, TCL,
  /^(lua|luajit)[0-9.]*$/, /^(r|rscript)$/i, /^(awk|gawk|mawk|nawk|sed|gsed|jq|yq|gojq)$/,
  /^(pwsh|pwsh-preview|powershell|cmd|osascript|expect|groovy|jshell|julia|elixir|iex|mix|erl|escript|guile|racket|sbcl|clisp)$/,
  /^(ssh|xargs|parallel|find|watch|script|su|sg|sudo|doas|runuser|chroot|nsenter|unshare|setpriv|xvfb-run|flock|entr)$/,
  /^(make|gmake|just|task|kubectl|helm|docker|podman|nerdctl|crictl)$/,
];

/**
 * How a program reads its options, as GNU getopt_long reads them unless told otherwise: `short` is its option string
 * (a letter followed by `:` takes a value, attached or the next argument; by `::` an optional value, attached only),
 * `long` its long options (`required`, `optional`: only after `=`, `none`, or a number: that many values in the next
 * arguments, bwrap's `--bind SRC DEST`), any unambiguous prefix of one accepted. `permute`: options may follow operands
 * (getopt without `+`). An option the grammar does not know (a newer version's) is read every way it may be.
 */
interface Grammar {
  readonly short: string;
  readonly long: Readonly<Record<string, 'required' | 'optional' | 'none' | number>>;
  readonly permute?: boolean;
  /** Whether the grammar lists only some of the options: then a long option is known only by its full name (a prefix may name another). */
  readonly partial?: boolean;
  /** Whether the program knows a long option only by its full name, never a prefix of it (jq). */
  readonly exact?: boolean;
  /** Options are whole words (`-p`, `--name`, `--name=VALUE`), never grouped nor abbreviated (bwrap, faketime, dbus-run-session). */
  readonly whole?: boolean;
  /** No option takes the next argument: their values follow `=` (valgrind, firejail). */
  readonly attached?: boolean;
  /** An argument that starts with `-` and is none of its options is an operand, not an option (faketime's `-1d`, su-exec's user). */
  readonly unknownOperand?: boolean;
  /** Arguments that are options of their own, outside getopt (nice's `-10`). */
  readonly words?: RegExp;
  /** The arguments that can be options: any other that starts with `-` is an operand (jq's `-1`, `-0`: a `-` then a letter or `-`). */
  readonly optionish?: RegExp;
  /** It reads no options, not even `--`: every argument is an operand (su-exec, gosu). */
  readonly operandsOnly?: boolean;
  /** It refuses an option it does not know and runs nothing (busybox's getopt32, toybox's lib/args.c): such a reading names no program. */
  readonly complete?: boolean;
}

/**
 * A wrapper, which runs the program named by a later argument: its options (a grammar), `positional`, the operands before
 * the program; `subcommands`, when given, the first operand must be one of them, whose own options follow (`perf stat -e
 * cycles make`), else the wrapper runs no program of its arguments; `chdir`, the options whose value is the directory the
 * program runs in; `binds`, the options that mount their first value over their second before it moves and runs the program.
 */
interface Wrapper extends Grammar {
  readonly positional: number;
  /** The options whose value is a program it runs too, before the program of its operands (faketime's `--date-prog`). */
  readonly programs?: readonly string[];
  readonly subcommands?: Readonly<Record<string, Grammar>>;
  readonly chdir?: readonly string[];
  readonly binds?: readonly string[];
  /** An operand it reads before its options where its first argument starts with no `-` (setarch's architecture: `setarch x86_64 -R PROG`). */
  readonly leading?: true;
  /** Options that name what a first operand would (runcon's `-t TYPE` …, instead of a CONTEXT): given one, the program is its first operand. */
  readonly replacePositional?: readonly string[];
  /** The word after which its program follows (gdb's `--args PROG ARG…`): without it, it runs no program of its arguments. */
  readonly programAfter?: readonly string[];
}

/** A grammar that knows only the options that take a value (`letters`, `long`): every other option is read every way it may be. */
function valuedOnly(letters: string, long: readonly string[], flags = ''): Grammar {
  return { short: flags + [...letters].map((c) => `${c}:`).join(''), long: Object.fromEntries(long.map((name) => [name, 'required'])), partial: true };
}

/** GNU's `--help` and `--version`. */
const STANDARD = { help: 'none', version: 'none' } as const;

/** util-linux 2.38 setarch's options (getopt_long `+hVv3BFILRSTXZ`). */
const SETARCH: Wrapper = {
  short: 'hVv3BFILRSTXZ',
  long: Object.fromEntries(['uname-2.6', 'addr-no-randomize', 'fdpic-funcptrs', 'mmap-page-zero', 'addr-compat-layout', 'read-implies-exec', '32bit',
    'short-inode', 'whole-seconds', 'sticky-timeouts', '3gb', '4gb', 'list', 'verbose', 'help', 'version'].map((name) => [name, 'none'])),
  positional: 0,
};

/**
 * The name WRAPPERS knows a wrapper by: glibc's and musl's dynamic loaders (`ld-linux-x86-64.so.2`, `ld-linux-aarch64.so.1`,
 * `ld-musl-x86_64.so.1`) are `ld.so`; setarch's names that give the architecture (util-linux installs i386, linux32, linux64, x86_64 as
 * links to it, and others by machine) are `linux64`.
 */
function wrapperName(name: string): string {
  if (/^ld(-linux(-[a-z0-9_-]+)?|-musl-[a-z0-9_]+)?\.so(\.[0-9]+)*$/.test(name)) return 'ld.so';
  return /^(linux32|linux64|i386|i486|i586|i686|x86_64|aarch64|arm64|armv7l|armv8l|ppc|ppc32|ppc64|ppc64le|s390|s390x|uname26)$/.test(name) ? 'linux64' : name;
}

/**
 * Wrappers that run the program named by a later argument: `env [-i] [-u NAME] [NAME=value]... program`,
 * `nice -n 10 program`, `timeout 5m program`, `nohup program`, `strace -f -o FILE program` …, with their options as
 * their sources read them (coreutils, util-linux, GNU time, bash's builtins, strace, …; options stop at the first operand).
 */
const WRAPPERS: Readonly<Record<string, Wrapper>> = {
  // GNU coreutils env (`+a:C:iS:u:v0`), whose operands holding `=` are assignments (envReading)
  'env': {
    short: 'a:C:iS:u:v0',
    long: {
      'argv0': 'required',
      'ignore-environment': 'none',
      'null': 'none',
      'unset': 'required',
      'chdir': 'required',
      'split-string': 'required',
      'block-signal': 'optional',
      'default-signal': 'optional',
      'ignore-signal': 'optional',
      'list-signal-handling': 'none',
      'debug': 'none',
      ...STANDARD,
    },
    positional: 0,
  },
  // coreutils nice: `-10`, `--10`, `-+10` are an adjustment of their own, then getopt `+n:`
  'nice': { short: 'n:', long: { adjustment: 'required', ...STANDARD }, words: /^-[-+]?[0-9]/, positional: 0 },
  'ionice': {
    short: 'c:n:p:P:u:tVh',
    long: { class: 'required', classdata: 'required', pid: 'required', pgid: 'required', uid: 'required', ignore: 'none', ...STANDARD },
    positional: 0,
  },
  'nohup': { short: '', long: STANDARD, positional: 0 },
  'setsid': { short: 'cfwVh', long: { ctty: 'none', fork: 'none', wait: 'none', ...STANDARD }, positional: 0 },
  'stdbuf': { short: 'i:o:e:', long: { input: 'required', output: 'required', error: 'required', ...STANDARD }, positional: 0 },
  'timeout': {
    short: 'fk:ps:v',
    long: { 'foreground': 'none', 'kill-after': 'required', 'preserve-status': 'none', 'signal': 'required', 'verbose': 'none', ...STANDARD },
    positional: 1,
  },
  // GNU time
  'time': {
    short: 'af:o:pqvV',
    long: { append: 'none', format: 'required', output: 'required', portability: 'none', quiet: 'none', verbose: 'none', ...STANDARD },
    positional: 0,
  },
  // util-linux chrt and taskset: the priority, the mask, then the program
  'chrt': {
    short: 'abdD:fiphmoP:T:rRvV',
    long: {
      'all-tasks': 'none',
      'batch': 'none',
      'deadline': 'none',
      'sched-deadline': 'required',
      'sched-period': 'required',
      'sched-runtime': 'required',
      'fifo': 'none',
      'idle': 'none',
      'max': 'none',
      'other': 'none',
      'pid': 'none',
      'rr': 'none',
      'reset-on-fork': 'none',
      'verbose': 'none',
      ...STANDARD,
    },
    positional: 1,
  },
  'taskset': { short: 'pchaV', long: { 'all-tasks': 'none', 'pid': 'none', 'cpu-list': 'none', ...STANDARD }, positional: 1 },
  'tini': { short: 'hsp:vwgle:', long: {}, positional: 0 },
  'dumb-init': { short: 'hvVcr:', long: { 'single-child': 'none', 'rewrite': 'required', 'verbose': 'none', ...STANDARD }, positional: 0 },
  // su-exec and gosu read no options: their first argument is the user, though it starts with -
  'su-exec': { short: '', long: {}, operandsOnly: true, positional: 1 },
  'gosu': { short: '', long: {}, operandsOnly: true, positional: 1 },
  // bash's builtins
  'exec': { short: 'cla:', long: {}, positional: 0 },
  // the shell's `command` runs the program past functions and aliases (`command -v` only prints its path: read as running it)
  'command': { short: 'pvV', long: {}, positional: 0 },
  'catatonit': { short: 'hgLPv', long: {}, partial: true, positional: 0 },
  // strace (strace.c: getopt_long `+a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ` and its long options)
  'strace': {
    short: 'a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ',
    long: {
      ...Object.fromEntries(['columns', 'detach-on', 'env', 'interruptible', 'stack-trace-frame-limit', 'syscall-limit', 'output', 'summary-syscall-overhead',
        'attach', 'trace-path', 'string-limit', 'summary-sort-by', 'user', 'summary-columns', 'const-print-style', 'argv0', 'trace', 'trace-fds', 'abbrev',
        'verbose', 'raw', 'signals', 'status', 'read', 'write', 'fault', 'inject', 'kvm', 'decode-pids'].map((name) => [name, 'required'])),
      ...Object.fromEntries(['output-append-mode', 'summary-only', 'summary', 'debug', 'follow-forks', 'output-separately', 'help', 'instruction-pointer',
        'kill-on-exit', 'syscall-number', 'no-abbrev', 'version', 'summary-wall-clock', 'pidns-translation', 'successful-only', 'failed-only', 'failing-only',
        'seccomp-bpf'].map((name) => [name, 'none'])),
      ...Object.fromEntries(['daemonize', 'daemonised', 'daemonized', 'stack-trace', 'stack-traces', 'relative-timestamps', 'absolute-timestamps', 'timestamps',
        'syscall-times', 'strings-in-hex', 'tips', 'quiet', 'silent', 'silence', 'decode-fds', 'secontext'].map((name) => [name, 'optional'])),
    },
    positional: 0,
  },
  // ltrace (`+cfhiLrStTVbC` and `a:A:D:e:F:l:n:o:p:s:u:w:x:X:`; its long options with no value, and `--debug`, which takes one
  // or none by its version, read every way)
  'ltrace': (() => {
    const grammar = valuedOnly('aADeFlnopsuwxX', ['align', 'config', 'indent', 'library', 'output', 'where'], 'cfhiLrStTVbC');
    return { ...grammar, long: { ...grammar.long, 'demangle': 'none', 'no-signals': 'none', ...STANDARD }, positional: 0 };
  })(),
  // valgrind's options take their values after `=`; the program is its first other argument
  'valgrind': { short: '', long: {}, attached: true, positional: 0 },
  // perf's parse-options, for the subcommands that run a program (stop at the first non-option)
  'perf': {
    short: '',
    long: {},
    positional: 0,
    subcommands: {
      stat: valuedOnly('eptGoxrCIDM', ['event', 'pid', 'tid', 'cgroup', 'output', 'field-separator', 'repeat', 'cpu', 'interval-print', 'delay', 'metrics',
        'pre', 'post', 'log-fd', 'interval-count', 'timeout', 'for-each-cgroup', 'td-level', 'control'], 'aAcdnvBSq'),
      record: valuedOnly('eptuoCcFmGDjkr', ['event', 'pid', 'tid', 'uid', 'output', 'cpu', 'count', 'freq', 'mmap-pages', 'cgroup', 'delay', 'branch-filter',
        'clockid', 'realtime', 'call-graph', 'filter', 'affinity', 'max-size', 'control', 'switch-output-event', 'synth', 'mmap-flush'], 'agRdTPnNBsqviWb'),
      trace: valuedOnly('eoptuCGmD', ['expr', 'event', 'output', 'pid', 'tid', 'uid', 'cpu', 'cgroup', 'mmap-pages', 'duration', 'filter-pids',
        'max-events', 'call-graph', 'max-stack', 'min-stack', 'delay', 'switch-on', 'switch-off'], 'sSaTv'),
    },
  },
  // fakeroot parses with getopt(1) `+l:f:i:s:ub:vh`
  'fakeroot': {
    short: 'l:f:i:s:ub:vh',
    long: { 'lib': 'required', 'faked': 'required', 'unknown-is-real': 'none', 'fd-base': 'required', ...STANDARD },
    positional: 0,
  },
  // faketime reads its options by name (any other argument ends them), then its timestamp
  'faketime': {
    short: 'mfp:', long: { 'exclude-monotonic': 'none', 'date-prog': 'required' }, whole: true, unknownOperand: true, positional: 1, programs: ['date-prog'],
  },
  // numactl (getopt `+` of its long options' letters)
  'numactl': {
    ...valuedOnly('iwpPcNCmSfoLMI', ['interleave', 'weighted-interleave', 'preferred', 'preferred-many', 'cpubind', 'cpunodebind', 'physcpubind',
      'membind', 'shm', 'file', 'offset', 'length', 'shmmode', 'shmid'], 'aHslbhV'),
    positional: 0,
  },
  // util-linux prlimit (`+c::d::e::f::i::l::m::n::q::r::s::t::u::v::x::y::p:o:vVh`: a resource's value only attached)
  'prlimit': {
    short: 'c::d::e::f::i::l::m::n::q::r::s::t::u::v::x::y::p:o:Vh',
    long: {
      core: 'optional',
      data: 'optional',
      fsize: 'optional',
      sigpending: 'optional',
      memlock: 'optional',
      rss: 'optional',
      nofile: 'optional',
      msgqueue: 'optional',
      rtprio: 'optional',
      stack: 'optional',
      cpu: 'optional',
      nproc: 'optional',
      as: 'optional',
      locks: 'optional',
      rttime: 'optional',
      nice: 'optional',
      pid: 'required',
      output: 'required',
      noheadings: 'none',
      raw: 'none',
      verbose: 'none',
      ...STANDARD,
    },
    positional: 0,
  },
  // glibc's catchsegv script: `--` and `--help`/`--version` alone, else its first argument is the program
  'catchsegv': { short: '', long: {}, whole: true, unknownOperand: true, positional: 0 },
  // firejail's options take their values after `=`
  'firejail': { short: '', long: {}, attached: true, positional: 0 },
  // bubblewrap: options with one value, and those with two or three (whole words only)
  'bwrap': {
    short: '',
    long: {
      ...Object.fromEntries(['args', 'argv0', 'userns', 'userns2', 'pidns', 'uid', 'gid', 'hostname', 'chdir', 'unsetenv', 'lock-file', 'sync-fd',
        'remount-ro', 'exec-label', 'file-label', 'proc', 'dev', 'tmpfs', 'mqueue', 'dir', 'seccomp', 'add-seccomp-fd', 'block-fd', 'userns-block-fd',
        'info-fd', 'json-status-fd', 'cap-add', 'cap-drop', 'perms', 'size', 'overlay-src', 'tmp-overlay', 'ro-overlay'].map((name) => [name, 'required'])),
      ...Object.fromEntries(['bind', 'bind-try', 'dev-bind', 'dev-bind-try', 'ro-bind', 'ro-bind-try', 'bind-fd', 'ro-bind-fd', 'setenv', 'file',
        'bind-data', 'ro-bind-data', 'symlink', 'chmod'].map((name) => [name, 2])),
      overlay: 3,
      ...Object.fromEntries(['help', 'version', 'level-prefix', 'unshare-all', 'share-net', 'unshare-user', 'unshare-user-try', 'unshare-ipc', 'unshare-pid',
        'unshare-net', 'unshare-uts', 'unshare-cgroup', 'unshare-cgroup-try', 'disable-userns', 'assert-userns-disabled', 'clearenv', 'new-session',
        'die-with-parent', 'as-pid-1'].map((name) => [name, 'none'])),
    },
    whole: true,
    positional: 0,
    chdir: ['chdir'],
    binds: ['bind', 'bind-try', 'dev-bind', 'dev-bind-try', 'ro-bind', 'ro-bind-try'],
  },
  // glibc 2.36's dynamic loader run as a program (`ld.so [OPTION]... EXECUTABLE-FILE [ARGS]`, rtld.c: whole words, a value in the
  // next argument): `/lib64/ld-linux-x86-64.so.2 /usr/bin/python3 -c …` runs python3 (run here)
  'ld.so': {
    short: '',
    long: {
      ...Object.fromEntries(['library-path', 'glibc-hwcaps-prepend', 'glibc-hwcaps-mask', 'inhibit-rpath', 'audit', 'preload', 'argv0'].map((name) => [name, 'required'])),
      ...Object.fromEntries(['list', 'verify', 'inhibit-cache', 'list-tunables', 'list-diagnostics', 'help', 'version'].map((name) => [name, 'none'])),
    },
    whole: true,
    positional: 0,
  },
  // util-linux 2.38 setarch (`setarch [ARCH] [options] [PROG [ARG…]]`: its first argument is the architecture unless it starts with `-`,
  // then getopt_long `+hVv3BFILRSTXZ`), and its names that give the architecture (linux32, linux64, i386, x86_64: SETARCH_NAMES)
  'setarch': { ...SETARCH, leading: true },
  'linux64': SETARCH,
  // gdb runs the program after `--args` (`gdb -batch -ex run --args PROG ARG…`, gdb 13: its options before it are its own)
  'gdb': { short: '', long: {}, positional: 0, programAfter: ['--args', '-args'] },
  // Debian's eatmydata script: `eatmydata [--] COMMAND`
  'eatmydata': { short: '', long: STANDARD, positional: 0 },
  // proot 5: `-q COMMAND` runs a program too (its qemu)
  'proot': {
    ...valuedOnly('rbmqwvkiRS', ['rootfs', 'bind', 'mount', 'qemu', 'pwd', 'cwd', 'verbose', 'kernel-release', 'change-id'], '0Vhl'),
    positional: 0,
    programs: ['q', 'qemu'],
  },
  // expect's unbuffer script (`unbuffer [-p] PROG [ARG…]`, run here)
  'unbuffer': { short: 'p', long: {}, positional: 0 },
  // rlwrap 0.46 (getopt_long `+…`: the options that take a value, the others read every way)
  'rlwrap': {
    ...valuedOnly('bCDefgHlMOPqsStwz', ['break-chars', 'command-name', 'history-no-dupes', 'extra-char-after-completion', 'file', 'forget-matching',
      'history-filename', 'logfile', 'multi-line-ext', 'only-cook', 'pre-given', 'quote-characters', 'histsize', 'substitute-prompt', 'set-term-name',
      'wait-before-prompt', 'filter'], 'AcEhiImnNoRrUvWX'),
    positional: 0,
  },
  // libcgroup's cgexec (`cgexec [-h] [-g CONTROLLERS:PATH] [--sticky] COMMAND`)
  'cgexec': { short: 'g:h', long: { sticky: 'none' }, positional: 0 },
  // torsocks 2.4 (`torsocks [OPTIONS] [COMMAND [ARG…]]`)
  'torsocks': {
    short: 'u:p:a:P:idqhV',
    long: { user: 'required', pass: 'required', address: 'required', port: 'required', isolate: 'none', debug: 'none', quiet: 'none', shell: 'none', ...STANDARD },
    positional: 0,
  },
  // coreutils runcon (`runcon CONTEXT COMMAND` or `runcon [-c] [-u USER] [-r ROLE] [-t TYPE] [-l RANGE] COMMAND`, getopt `+r:t:u:l:c`)
  'runcon': {
    short: 'r:t:u:l:c',
    long: { role: 'required', type: 'required', user: 'required', range: 'required', compute: 'none', ...STANDARD },
    positional: 1,
    replacePositional: ['r', 't', 'u', 'l', 'role', 'type', 'user', 'range'],
  },
  // systemd 252 systemd-run (getopt_long `+hrH:M:E:p:tPqGdSu:` and its long options as its --help lists them), which runs the command as a unit
  'systemd-run': (() => {
    const grammar = valuedOnly('HMEpu', ['host', 'machine', 'setenv', 'property', 'unit', 'description', 'slice', 'service-type', 'uid', 'gid', 'nice',
      'working-directory', 'on-active', 'on-boot', 'on-startup', 'on-unit-active', 'on-unit-inactive', 'on-calendar', 'timer-property', 'path-property',
      'socket-property'], 'hrtPqGdS');
    const flags = ['pipe', 'pty', 'quiet', 'scope', 'user', 'system', 'wait', 'collect', 'no-block', 'remain-after-exit', 'send-sighup', 'same-dir',
      'shell', 'no-ask-password', 'slice-inherit', 'on-clock-change', 'on-timezone-change', ...Object.keys(STANDARD)];
    return { ...grammar, long: { ...grammar.long, ...Object.fromEntries(flags.map((name) => [name, 'none'])) }, positional: 0 };
  })(),
  // OpenSSH's ssh-agent (`cDdksE:a:O:P:t:`, options before its command)
  'ssh-agent': { short: 'cDdksE:a:O:P:t:', long: {}, positional: 0 },
  // dbus-run-session reads its options by name, a value after `=` or in the next argument
  'dbus-run-session': { short: '', long: { 'config-file': 'required', 'dbus-daemon': 'required', ...STANDARD }, whole: true, positional: 0 },
};

/**
 * busybox's applets as busybox 1.36 reads them where they differ from WRAPPERS' GNU grammars: its env (coreutils/env.c getopt32long
 * `+i0u:*` with `--ignore-environment`, `--null`, `--unset`) has no `-S` nor `-C`, and refuses them (`busybox env -S 'sh -i'` runs
 * nothing: "invalid option -- 'S'", checked with busybox 1.35).
 */
const BUSYBOX_WRAPPERS: Readonly<Record<string, Wrapper>> = {
  ...WRAPPERS,
  env: { short: 'i0u:', long: { 'ignore-environment': 'none', 'null': 'none', 'unset': 'required' }, complete: true, positional: 0 },
};

/**
 * toybox's applets that run the program named by a later argument, with their option strings (toybox 0.8 lib/args.c: a letter
 * followed by `:`, `*`, `#` or `%` takes a value, `^` stops at the first operand, a long option by any unique prefix; an option it
 * does not know ends the run): toys/posix/env.c `^e:i0u*` (`-e FILE`, since 0.8.11, runs FILE with the command's words as its argv), nice.c
 * `^<1n#` (no `-10`), nohup.c, time.c `<1^pv`, toys/other/setsid.c `^<1wc@d`, timeout.c
 * `<2^(foreground)(preserve-status)vk:s(signal):i`, taskset.c, chrt.c `^mp#<0iRbrfo`, ionice.c `^tc#n#p#`.
 */
const TOYBOX_WRAPPERS: Readonly<Record<string, Wrapper>> = {
  env: { short: 'e:i0u:', long: {}, complete: true, positional: 0 },
  nice: { short: 'n:', long: {}, complete: true, positional: 0 },
  nohup: { short: '', long: {}, complete: true, positional: 0 },
  time: { short: 'pv', long: {}, complete: true, positional: 0 },
  setsid: { short: 'wcd', long: {}, complete: true, positional: 0 },
  timeout: { short: 'vk:s:i', long: { 'foreground': 'none', 'preserve-status': 'none', 'signal': 'required' }, complete: true, positional: 1 },
  taskset: { short: 'pac', long: { 'pid': 'none', 'all-tasks': 'none', 'cpu-list': 'none' }, complete: true, positional: 1 },
  chrt: { short: 'mp:iRbrfo', long: {}, complete: true, positional: 1 },
  ionice: { short: 'tc:n:p:', long: {}, complete: true, positional: 0 },
};

/** The names toybox's own shell answers to (toys/pending/sh.c: `sh`, `toysh`, `bash`), which sources no `$ENV` and runs no code in its prompts. */
const TOYBOX_SHELL = /^(sh|toysh|bash)$/;

/** Whether a reading of a wrapper's arguments holds only options its grammar knows (a `complete` grammar's program refuses any other). */
function knowsAll(grammar: Grammar, reading: ArgumentsRead): boolean {
  return !grammar.complete || reading.options.every((o) => (o.name.length === 1 && o.name !== ':' && grammar.short.includes(o.name))
    || (o.name.length > 1 && own(grammar.long, o.name) !== undefined));
}

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
  /**
   * The env vars of the container GNU env removes before it runs the program: `-u NAME`/`--unset=NAME` each, and `*` for
   * `-i`/`--ignore-environment`/`-`, which start the program with only env's own assignments.
   */
  readonly unsets?: readonly string[];
  /**
   * The lowest descriptor `sudo` or `doas` before the program (`runsOf`) closes, with every one above it, before it runs the
   * program (`PrivilegeReading.closeFrom`, the lowest of several); undefined where none runs it.
   */
  readonly closesFrom?: number;
  /**
   * The index in argv where the command a runner runs starts (npx, `npm exec`, `uv run`, tfcmt: runnerCommands), where the program
   * is that command's (or a wrapper's of it, `npx -- env sh -c …`): the words before are the runner's own.
   */
  readonly commandAt?: number;
}

/**
 * The words GNU coreutils env splits the string of `-S` into (coreutils 9.1 env.c `build_argv`): blanks separate words outside
 * quotes; `'…'` keeps its text but `\\` and `\'`; `"…"` and unquoted text read the escapes `\\ \' \" \$ \# \f \n \r \t \v`,
 * `\_` (a separator, a space inside `"…"`) and `\c` (the rest is ignored), and expand `${NAME}` (kept as written here: its value is
 * the container's or the image's env, read where the rules read env -S's expansions); a `#` that starts a word starts a comment;
 * a `$(…)` (Tekton's or the kubelet's, replaced before env runs) is kept as written. Undefined where env refuses the string (another escape, a `$` without
 * `{NAME}`, a quote not closed): it runs nothing.
 */
export function splitEnvString(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', '$': '$', '#': '#', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v' };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else if (c === '\\' && (text[i + 1] === '\\' || text[i + 1] === "'")) word += text[++i];
      else word += c;
      continue;
    }
    if (quote === undefined && /[ \t\n\v\f\r]/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    if (quote === undefined && c === '#' && word === undefined) break;
    if (c === "'" || c === '"') {
      if (quote === c) quote = undefined;
      else if (quote === undefined) quote = c;
      else word = (word ?? '') + c;
      if (quote !== undefined) word ??= '';
      continue;
    }
    if (c === '\\') {
      const e = text[++i];
      if (e === 'c') {
        if (quote !== undefined) return undefined;
        break;
      }
      if (e === '_') {
        if (quote === '"') {word = (word ?? '') + ' ';} else if (word !== undefined) { words.push(word); word = undefined; }
        continue;
      }
      const escaped = e === undefined ? undefined : own(ESCAPES, e);
      if (escaped === undefined) return undefined;
      word = (word ?? '') + escaped;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      // a Tekton substitution or a Kubernetes `$(VAR)`, replaced before env runs: kept as written, a part of the word
      const end = text.indexOf(')', i);
      const ref = end < 0 ? text.slice(i) : text.slice(i, end + 1);
      word = (word ?? '') + ref;
      i += ref.length - 1;
      continue;
    }
    if (c === '$') {
      const m = /^\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(text.slice(i + 1));
      if (m === null) return undefined;
      // kept as written: its value (the container's env, the image's) is read by the rules that read env -S's expansions
      word = (word ?? '') + text.slice(i, i + 1 + m[0].length);
      i += m[0].length;
      continue;
    }
    word = (word ?? '') + c;
  }
  if (quote !== undefined) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}

/** The invocation of a container without a command: the image's entrypoint runs. */
export const ENTRYPOINT: Invocation = { programIndex: -1, interpreter: false, assignments: [], splitStrings: [] };

/**
 * The arguments the program of `run` gets from `argv`: those after it, or, when env's `-S` string names it (`env -S 'kubectl
 * apply -f x'`), the words of the string after it (split as env splits it, quotes removed) followed by the rest of argv.
 */
export function argumentsOf(argv: readonly string[], run: Invocation): string[] {
  const after = argv.slice(run.programIndex + 1);
  if (run.program === undefined || !run.splitStrings.includes(run.programIndex)) return after;
  // the string written in the option's own argument (`-Ssh -i`, `-vSsh -i`, `--split-string=sh -i`) starts after the option
  const inOption = argv[run.programIndex - 1]?.match(/^(-([^-uCS][^uCS]*)?S|--s[a-z-]*)$/) === null;
  const words = splitEnvString(inOption ? argv[run.programIndex].replace(/^(-([^-uCS][^uCS]*)?S|--s[a-z-]*=)/, '') : argv[run.programIndex]) ?? [];
  const at = words.findIndex((w) => w === run.program || basename(w) === basename(run.program!));
  return at < 0 ? after : [...words.slice(at + 1), ...after];
}

/**
 * Whether a program is busybox: a name (the last part of a path) that starts with `busybox` runs busybox's own main, which runs
 * the applet its first argument names (busybox 1.36 appletlib.c run_applet_and_exit: `is_prefixed_with(name, "busybox")`):
 * `/bin/busybox.static` (Alpine's busybox-static), `busybox-x86_64` (busybox.net's binaries).
 */
export function isBusybox(program: string): boolean {
  return basename(program).startsWith('busybox');
}

/** Whether a program is toybox: a name that starts with `toybox` (toybox 0.8 main.c toy_find: the multiplexer's name works as a prefix). */
export function isToybox(program: string): boolean {
  return basename(program).startsWith('toybox');
}

/**
 * The programs of Windows nodes whose name basename reads as Windows finds the program (case-insensitively, `.exe` added when
 * missing): `powershell.exe`, `PowerShell.EXE`, `C:\Windows\System32\cmd.exe` and `pwsh.exe` are read as powershell, cmd and pwsh.
 */
const WINDOWS_PROGRAM = /^(pwsh|pwsh-preview|powershell|cmd)(?:\.exe)?$/i;

/** `/usr/bin/python3` -> `python3`; `C:\Windows\System32\cmd.exe` -> `cmd` (WINDOWS_PROGRAM). */
export function basename(program: string): string {
  // what follows the last `/` (the whole name without one), with no array made of a long word
  const name = program.slice(program.lastIndexOf('/') + 1);
  // (PowerShell's and cmd's names as Windows finds them: after a `\` too, any case, with or without `.exe`)
  const tail = name.slice(name.lastIndexOf('\\') + 1);
  const windows = tail.length > 16 ? null : WINDOWS_PROGRAM.exec(tail);
  return windows === null ? name : windows[1].toLowerCase();
}

/** Whether a program name is an interpreter or command runner. */
export function isInterpreter(program: string): boolean {
  const name = basename(program);
  return INTERPRETERS.some((re) => re.test(name));
}

/**
 * Whether the program at `i` of `argv` runs as an interpreter: one of INTERPRETERS, but bun given its `x` sub-command, bunx (bun
 * 1.2 cli.zig `which`: the first word not starting with `-`, or one starting with `-e`, names the sub-command; `x` is bunx, a
 * package runner read as npx is: SEPARATED_RUNNERS), which runs no file of its own.
 */
function interpreterAt(argv: readonly string[], i: number): boolean {
  if (!isInterpreter(argv[i])) return false;
  if (basename(argv[i]) !== 'bun') return true;
  return argv[bunSubcommandIndex(argv, i)] !== 'x';
}

/**
 * The index in `argv` of the word that names the sub-command of bun at `i` (bun 1.2 cli.zig `which`: the first word past it
 * not starting with `-`, or one starting with `-e`); `argv.length` where there is none.
 */
export function bunSubcommandIndex(argv: readonly string[], i: number): number {
  let k = i + 1;
  while (k < argv.length && argv[k].startsWith('-') && !argv[k].startsWith('-e')) k++;
  return k;
}

/** How many readings of one argv `invocations` gives at most. */
export const MAX_READINGS = 8;

/**
 * The program `argv` (command followed by args) runs, looking through wrappers
 * such as `env FOO=1 sh -c …` and `timeout 5m python …`: the first of `invocations`.
 */
export function invocation(argv: readonly string[]): Invocation {
  return invocations(argv)[0];
}

/** What the wrappers before a program have given it so far. */
interface Wrapped {
  readonly assignments: Array<{ index: number; name: string; value: string }>;
  readonly splitStrings: number[];
  readonly lookup: boolean;
  readonly chdirs: string[];
  readonly binds: Array<{ source: string; target: string }>;
  readonly unsets?: string[];
  readonly commandAt?: number;
}

/**
 * Each program `argv` may run, looking through wrappers, by their grammars: one reading when each wrapper knows every
 * option it is given; an option a wrapper does not know may take values or not, and each way names another program, so
 * each is given (at most MAX_READINGS, the first as an option that takes none). Never empty by WRAPPERS (busybox's and toybox's
 * `wrappers`, whose programs refuse an option they do not know, give none where each reading holds one).
 */
export function invocations(argv: readonly string[], wrappers = WRAPPERS): Invocation[] {
  const out: Invocation[] = [];
  walk(argv, 0, 0, { assignments: [], splitStrings: [], lookup: false, chdirs: [], binds: [] }, out, wrappers);
  // the command a runner runs (`npx -- sh -c …`, `uv run sh -c …`: runnerCommands), read as a program argv may run too, through its
  // own wrappers, after the runner's readings (`invocation` stays the runner), with the env the wrappers before the runner gave it
  for (let k = 0; k < out.length && out.length < MAX_READINGS; k++) {
    const run = out[k];
    if (run.program === undefined || run.splitStrings.includes(run.programIndex)) continue;
    for (const at of runnerCommands(argv, run.programIndex)) {
      walk(argv, at, 0, {
        assignments: [...run.assignments],
        splitStrings: [...run.splitStrings],
        lookup: run.lookup ?? false,
        chdirs: [...run.chdirs ?? []],
        binds: [...run.binds ?? []],
        ...run.unsets === undefined ? {} : { unsets: [...run.unsets] },
        commandAt: at,
      }, out);
    }
  }
  return out;
}

/**
 * Reads the wrappers of `argv` from `i` (the `hops`th), adding each program they may run to `out`; the first by `wrappers` (busybox's
 * or toybox's applet), the others by WRAPPERS (the programs the path names).
 */
function walk(argv: readonly string[], start: number, hops: number, wrapped: Wrapped, out: Invocation[], wrappers = WRAPPERS): void {
  if (out.length >= MAX_READINGS) return;
  let i = start;
  const wrapper = i < argv.length && hops < 8 ? own(wrappers, wrapperName(basename(argv[i]))) : undefined;
  if (wrapper === undefined) {
    finish(argv, i, wrapped, out);
    return;
  }
  i++;
  if (basename(argv[i - 1]) === 'env') {
    const readings = readArguments(wrapper, argv.slice(i));
    for (const reading of [readings[readings.length - 1], ...readings.slice(0, -1)]) {
      if (knowsAll(wrapper, reading)) envReading(argv, i, reading, hops, wrapped, out);
    }
    return;
  }
  const name = basename(argv[i - 1]);
  let grammar: Grammar = wrapper;
  if (wrapper.subcommands !== undefined) {
    // perf stat …: the subcommand's own options; another subcommand runs no program of its arguments
    const sub = i < argv.length ? own(wrapper.subcommands, argv[i]) : undefined;
    if (sub === undefined) {
      finish(argv, i - 1, wrapped, out);
      return;
    }
    grammar = sub;
    i++;
  }
  if (wrapper.programAfter !== undefined) {
    // gdb --args PROG …: the program after the word, whose own wrappers are read on, then gdb itself (its commands, -ex, are its own)
    const at = argv.findIndex((w, k) => k >= i && wrapper.programAfter!.includes(w));
    if (at >= 0) walk(argv, at + 1, hops + 1, wrapped, out);
    if (out.length < MAX_READINGS) finish(argv, i - 1, wrapped, out);
    return;
  }
  // (setarch's architecture, before its options)
  if (wrapper.leading === true && i < argv.length && !argv[i].startsWith('-')) i++;
  const args = argv.slice(i);
  // the main reading (every option not known taking no value) first, the others as they branch from it
  const readings = readArguments(grammar, args);
  for (const reading of [readings[readings.length - 1], ...readings.slice(0, -1)]) {
    if (!knowsAll(grammar, reading)) continue;
    // `command -v NAME`, `command -pV NAME`: the option of `command` itself, not a value of another wrapper's option
    const lookup = wrapped.lookup || (name === 'command' && reading.options.some((o) => o.name === 'v' || o.name === 'V'));
    const moves = reading.options.filter((o) => wrapper.chdir?.includes(o.name) && o.value !== undefined).map((o) => o.value!);
    const mounts = reading.options.filter((o) => wrapper.binds?.includes(o.name) && o.values?.length === 2)
      .map((o) => ({ source: o.values![0], target: o.values![1] }));
    // the directory moved to after the mounts: under the last mount over it, the same directory of the mount's source
    const chdirs = [...wrapped.chdirs, ...moves.map((dir) => {
      const mount = [...mounts].reverse().find((m) => underDirectory(dir, m.target));
      return mount === undefined ? dir : mount.source.replace(/\/+$/, '') + dir.slice(mount.target.replace(/\/+$/, '').length);
    })];
    const replaced = reading.options.some((o) => wrapper.replacePositional?.includes(o.name));
    const program = reading.operands[replaced ? 0 : wrapper.positional];
    const binds = [...wrapped.binds, ...mounts];
    walk(argv, program === undefined ? argv.length : i + program, hops + 1, { ...wrapped, lookup, chdirs, binds }, out);
    // a program an option's value names runs too, after the main reading (faketime --date-prog PROG runs PROG to read the timestamp)
    for (const o of reading.options) {
      if (wrapper.programs?.includes(o.name) && o.valueAt !== undefined && out.length < MAX_READINGS) finish(argv, i + o.valueAt, wrapped, out);
    }
  }
}

/**
 * GNU coreutils env's reading of its arguments from `start` (`reading`, by its grammar): the string of `-S`/`--split-string`
 * and the directories of `-C`/`--chdir` among its options, then a `-` (`-i`), then the operands holding `=` are assignments,
 * then the program, whose own wrappers are read on.
 */
function envReading(argv: readonly string[], start: number, reading: ArgumentsRead, hops: number, wrapped: Wrapped, out: Invocation[]): void {
  const assignments = [...wrapped.assignments];
  const splitStrings = [...wrapped.splitStrings];
  const chdirs = [...wrapped.chdirs];
  const unsets = [...wrapped.unsets ?? []];
  let split: string | undefined;
  let afterSplit: number | undefined;
  for (const o of reading.options) {
    // GNU env rebuilds its argv at -S (coreutils 9.1 env.c parse_split_string): the string's words, then the arguments after it,
    // read again from the start; what follows -S is read there (`env -S dash -i` runs `dash -i`), not as options here
    if (afterSplit !== undefined) break;
    if (o.name === 'i' || o.name === 'ignore-environment') unsets.push('*');
    if ((o.name === 'u' || o.name === 'unset') && o.value !== undefined) unsets.push(o.value);
    if ((o.name === 'S' || o.name === 'split-string') && o.value !== undefined && o.valueAt !== undefined) {
      splitStrings.push(start + o.valueAt);
      split ??= o.value;
      afterSplit = start + o.valueAt + 1;
    }
    if ((o.name === 'C' || o.name === 'chdir') && o.value !== undefined) chdirs.push(o.value);
  }
  let i = afterSplit ?? (reading.operands.length === 0 ? argv.length : start + reading.operands[0]);
  if (afterSplit === undefined && argv[i] === '-') {
    unsets.push('*');
    i++;
  }
  for (; afterSplit === undefined && i < argv.length && argv[i].includes('='); i++) {
    const eq = argv[i].indexOf('=');
    assignments.push({ index: i, name: argv[i].slice(0, eq), value: argv[i].slice(eq + 1) });
  }
  // toybox's `env -e FILE NAME ARG...` runs FILE, given NAME as its argv[0] (toys/posix/env.c execve): FILE gets the arguments after NAME
  const file = reading.options.find((o) => o.name === 'e' && o.value !== undefined)?.value;
  if (file !== undefined) {
    if (i < argv.length) {
      out.push({ program: file, programIndex: i, interpreter: isInterpreter(file), assignments, splitStrings, lookup: wrapped.lookup, chdirs });
    }
    return;
  }
  // env -S: the split string holds the program, or more of env's options and assignments, or a wrapper: read its words
  // as env's arguments again, followed by the rest of argv
  if (split !== undefined && hops < 4) {
    // (split as env splits it: quotes, escapes, `${NAME}`; a string env refuses runs nothing)
    const words = splitEnvString(split) ?? [];
    const before = out.length;
    for (const inner of invocations(['env', ...words.map((w) => w.replace(/^-S/, '-')), ...argv.slice(i)])) {
      if (inner.program === undefined || out.length >= MAX_READINGS) continue;
      out.push({
        program: inner.program,
        programIndex: inner.programIndex <= words.length ? splitStrings[0] : i + inner.programIndex - 1 - words.length,
        interpreter: inner.interpreter,
        // (the split string's own assignments, `env -S 'POSIXLY_CORRECT=1 bash -i'`, reach the program too: at its place in argv)
        assignments: [...assignments, ...inner.assignments.map((a) => ({ ...a, index: splitStrings[0] }))],
        splitStrings,
        lookup: wrapped.lookup || inner.lookup,
        chdirs: [...chdirs, ...inner.chdirs ?? []],
        unsets: [...unsets, ...inner.unsets ?? []],
      });
    }
    if (out.length > before) return;
  }
  walk(argv, i, hops + 1, { ...wrapped, assignments, splitStrings, chdirs, unsets }, out);
}

/** Adds the program at `i` of argv (none past its end) to `out`, with what its wrappers gave it. */
function finish(argv: readonly string[], i: number, wrapped: Wrapped, out: Invocation[]): void {
  const { assignments, splitStrings, lookup, chdirs, binds } = wrapped;
  const unsets = wrapped.unsets !== undefined && wrapped.unsets.length > 0 ? { unsets: wrapped.unsets } : {};
  const command = wrapped.commandAt === undefined ? {} : { commandAt: wrapped.commandAt };
  out.push(i >= argv.length ? { programIndex: i, interpreter: false, assignments, splitStrings, lookup, chdirs, binds, ...unsets, ...command }
    : {
      program: argv[i], programIndex: i, interpreter: interpreterAt(argv, i), assignments, splitStrings, lookup, chdirs, binds, ...unsets, ...command,
    });
}

/** Whether the absolute path `dir` is `target` or lies under it (trailing slashes aside). */
function underDirectory(dir: string, target: string): boolean {
  const base = target.replace(/\/+$/, '');
  return dir === target || dir === base || dir.startsWith(`${base}/`);
}

/**
 * The POSIX-like shells (bash, zsh and the Korn shells among them): their `-c` takes the command string as the first operand
 * after the options, they read a file operand or their input as shell code, and a script whose `#!` names one is shell.
 */
export const SHELL_NAMES = /^(sh|bash|dash|ash|zsh|ksh|mksh|pdksh|yash|rbash)$/;

/**
 * For a shell run as `sh -c CODE [NAME [ARG...]]` (option groups before the code, `-` or `+`
 * and letters, one of them holding `c`: `-ec`, `-ex -c`, `-c -e`, `+x -c`; none that takes a
 * value), the index in argv of NAME: NAME becomes `$0` and each ARG a positional parameter,
 * which the shell never parses as code or as an option. Undefined for every other
 * form (`-o` or `-O` among the options, a long option, `-` or `--`, an operand starting
 * with `-` or `+` where the code would be, `busybox sh`, no `-c`): its arguments stay code.
 */
export function shellDataIndex(argv: readonly string[], run: Invocation): number | undefined {
  if (run.program === undefined || !SHELL_NAMES.test(basename(run.program))) return undefined;
  if (run.splitStrings.length > 0 && run.programIndex === run.splitStrings[0]) {
    // the shell named in env -S's string: `sh -c` there takes its code from the next argument, and `sh -c CODE` holds it;
    // what follows is $0 and the positional parameters (the string's words split at blanks outside quotes)
    const words: string[] = argv[run.programIndex].match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? [];
    const at = words.indexOf(run.program);
    const options = words[at + 1];
    if (at < 0 || options === undefined || !/^[-+][A-Za-z]*c[A-Za-z]*$/.test(options) || /[oO]/.test(options)) return undefined;
    // (the code there, and its NAME and ARGs after it: those after the string are ARGs too)
    if (words.length > at + 2) return !/^[-+]/.test(words[at + 2]) ? run.programIndex + 1 : undefined;
    const code = argv[run.programIndex + 1];
    return code === undefined || /^[-+]/.test(code) ? undefined : run.programIndex + 2;
  }
  // option groups, as POSIX sh reads them (`sh -ex -c CODE`, `sh -c -e CODE`, `sh +x -c CODE`), up to the
  // first operand, the code; one of them must hold `c`. One that takes an argument (`-o name`, bash's
  // `-O name`), a long option, `-` or `--` is not followed: the code's place is not read then
  let i = run.programIndex + 1;
  let c = false;
  for (; i < argv.length && /^[-+][A-Za-z]+$/.test(argv[i]); i++) {
    if (/[oO]/.test(argv[i])) return undefined;
    // (a group of + holding c gives code too: `sh +c CODE` in bash, dash and ksh93)
    if (argv[i].includes('c')) c = true;
  }
  // an operand starting with - or + would be read as another option (or `--`), and the code come later
  const code = argv[i];
  if (!c || code === undefined || /^[-+]/.test(code)) return undefined;
  return i + 1;
}

/** jq's options that bind a name to a value as data (a string, JSON, a file's text or JSON), never its program. */
const JQ_BINDINGS = ['arg', 'argjson', 'slurpfile', 'rawfile'];

/** The long options jq 1.7 and gojq read that take no value. */
const JQ_LONG_FLAGS = ['null-input', 'raw-input', 'slurp', 'compact-output', 'tab', 'color-output', 'monochrome-output', 'ascii-output',
  'unbuffered', 'sort-keys', 'raw-output', 'raw-output0', 'join-output', 'exit-status', 'seq', 'stream', 'stream-errors', 'args', 'jsonargs',
  'debug-dump-disasm', 'debug-trace', 'build-configuration', 'help', 'version', 'yaml-input', 'yaml-output'];

/**
 * How jq (1.7 and 1.7.1's main.c, every option it reads) and gojq (cli/option.go) read their options, wherever they stand
 * (before or after the program, up to `--`), short ones grouped (`-nr`), long ones only by their full names: `--arg NAME
 * VALUE`, `--argjson`, `--slurpfile` and `--rawfile` take the two arguments after them, `--indent N` and `-L DIR` one (1.8's
 * `--library-path` too); jq's `-f` (`--from-file`) takes none (the first operand is then the program's file), gojq's takes
 * the file. jq's `-b` (`--binary`), `--debug-trace=all` and `--run-tests` (which runs the test files after it and no program)
 * take none; an argument that is `-` and no letter or `-` after it (`-1`, `-0`) is no option to jq but an operand, the program
 * or a file; jq refuses an option it does not know, which a later version may know (read every way it may be).
 */
const JQ_GRAMMARS: Readonly<Record<'jq' | 'gojq', Grammar>> = {
  jq: {
    short: 'nrjacsCMSRehVbfL:',
    long: {
      ...Object.fromEntries(JQ_LONG_FLAGS.map((name) => [name, 'none'])),
      ...Object.fromEntries(JQ_BINDINGS.map((name) => [name, 2])),
      'indent': 'required',
      'library-path': 'required',
      'from-file': 'none',
      'binary': 'none',
      'run-tests': 'none',
    },
    permute: true,
    exact: true,
    optionish: /^-[-A-Za-z]/,
  },
  gojq: {
    short: 'nrjacsCMSRehv0f:L:',
    long: {
      ...Object.fromEntries(JQ_LONG_FLAGS.map((name) => [name, 'none'])),
      ...Object.fromEntries(JQ_BINDINGS.map((name) => [name, 2])),
      'indent': 'required',
      'from-file': 'required',
    },
    permute: true,
    exact: true,
  },
};

/**
 * For jq or gojq, the indexes in argv of the name and value of each `--arg NAME VALUE`, `--argjson NAME VALUE`,
 * `--slurpfile NAME FILE` and `--rawfile NAME FILE`: jq takes the two arguments after such an option whatever they hold,
 * binds `$NAME` to the value as data (`--argjson` parses it as JSON, an error if it is not) and never reads them as its
 * program; and of the operands after the first (the program, or with `-f` the file that holds it): input files it reads as
 * JSON, or after `--args`/`--jsonargs` the values of `$ARGS.positional` (jq 1.7 main.c), not with `--run-tests`, which runs
 * the programs of the files after it. Its options are read by its grammar (JQ_GRAMMARS) wherever they are, before or after the program, past those
 * that take values (`--indent 2`, `-L DIR`); an option jq does not know is read both as taking the next argument and as
 * not, and an index is data only where every reading binds it. An operand before `--` that a substitution starts (`$(params.x)`)
 * and any argument follows is none (unless `options` is false): jq reads a value `--run-tests` there as that option.
 */
export function jqDataIndexes(argv: readonly string[], run: Invocation, spreads?: (text: string) => boolean, options = true): ReadonlySet<number> {
  // a value pasted first into an operand before `--` may be an option, which jq 1.7 reads wherever it stands (main.c isoptish: a
  // `-` then a letter or `-`): `--run-tests` stops its reading and runs the programs of the last file after it as tests
  // (jq_test.c jq_testsuite; none after it: its input, which Tekton's entrypoint does not give a step), so an operand a
  // substitution starts, with any argument after it, is no data
  // (`options` false: read as written, an operand whatever a substitution gives it)
  // last, a value `-L/DIR` (`-LDIR`: jq 1.7 reads the rest of `-L…` as a directory) makes jq load the modules its program
  // imports from DIR: no data where the program may import one (`import`, `include`, or a program file jq reads, `-f`)
  const mayBeOption = (words: readonly string[], i: number, imports: boolean) => options && /^\$\(/.test(words[i]) && (i < words.length - 1 || imports);
  const name = run.program === undefined ? '' : basename(run.program);
  if (name !== 'jq' && name !== 'gojq') return new Set();
  const start = run.programIndex + 1;
  const dataOf = (words: readonly string[]): Set<number> => {
    const readings = readArguments(JQ_GRAMMARS[name as 'jq' | 'gojq'], words.slice(start)).map((reading) => new Set([
      ...reading.options
        .filter((o) => JQ_BINDINGS.includes(o.name) && o.values?.length === 2 && o.valueAt !== undefined)
        .flatMap((o) => [start + o.valueAt!, start + o.valueAt! + 1]),
      // the operands after the first (the program, or with `-f` its file) are input files jq reads as JSON, or with `--args` and
      // `--jsonargs` the strings and JSON of `$ARGS.positional` (jq 1.7 main.c); `--run-tests` runs the programs of the files after it
      ...(reading.options.some((o) => o.name === 'run-tests') ? [] : reading.operands.slice(1)
        .filter((o, k) => !(name === 'jq' && (reading.separator === undefined || k + 1 < reading.separator)
          && mayBeOption(words, start + o, jqImports(words.slice(start), reading))))
        .map((o) => start + o)),
    ]));
    return new Set([...readings[0] ?? []].filter((i) => readings.every((r) => r.has(i))));
  };
  // an element Tekton expands from an array (`$(params.list[*])`) is no argument or several: each later argument may stand one
  // place before or after, so an index is data only where it is in each reading of every such element as none, one or two
  const spread = spreads === undefined ? [] : argv.map((_, i) => i).filter((i) => i >= start && spreads(argv[i]));
  if (spread.length > 3) return new Set([...dataOf(argv)].filter((i) => i < spread[0]));
  // each reading: the words, and for each index of argv the indexes it lands at
  let variants: Array<{ words: string[]; at: number[][] }> = [{ words: [...argv], at: argv.map((_, i) => [i]) }];
  for (const k of spread) {
    variants = variants.flatMap(({ words, at }) => [0, 1, 2].map((count) => {
      const p = at[k][0];
      const moved = words.slice(0, p).concat(Array(count).fill(words[p]), words.slice(p + 1));
      return {
        words: moved,
        at: at.map((places, i) => (i === k ? Array.from({ length: count }, (_, c) => p + c)
          : places.map((q) => (q > p ? q + count - 1 : q)))),
      };
    }));
  }
  const data = variants.map(({ words, at }) => ({ set: dataOf(words), at }));
  return new Set(argv.map((_, i) => i).filter((i) => data.every(({ set, at }) => at[i].every((q) => set.has(q)))));
}

/** Whether jq's program, in a reading of its arguments `args`, may import modules: it writes `import` or `include`, or jq reads it from a file (`-f`). */
function jqImports(args: readonly string[], reading: ArgumentsRead): boolean {
  if (reading.options.some((o) => o.name === 'f' || o.name === 'from-file')) return true;
  const program = reading.operands[0] === undefined ? undefined : args[reading.operands[0]];
  return program !== undefined && /\b(import|include)\b/.test(program);
}

/**
 * Where jq (or gojq) reads code from a file an argument names (argv indexes, in any reading of its arguments): `code`, by index,
 * `file` for the file of its program (jq's first operand with `-f`/`--from-file`, gojq's value of `-f`) and `library` for a
 * directory it searches for the modules its program imports (the value of `-L DIR`, `-LDIR`, `--library-path DIR`) where the
 * program may import one (`import`, `include`, or a program file, whose text is not at hand); `unused`, the values of `-L` in
 * every reading where the program imports none: jq loads nothing from them (jq 1.7 main.c, src/linker.c).
 */
export function jqCodeFiles(argv: readonly string[], run: Invocation): { code: ReadonlyMap<number, 'file' | 'library'>; unused: ReadonlySet<number> } {
  const code = new Map<number, 'file' | 'library'>();
  const name = run.program === undefined ? '' : basename(run.program);
  if (name !== 'jq' && name !== 'gojq') return { code, unused: new Set() };
  const start = run.programIndex + 1;
  const args = argv.slice(start);
  const readings = readArguments(JQ_GRAMMARS[name as 'jq' | 'gojq'], args);
  const libraries = (reading: ArgumentsRead) => reading.options
    .filter((o) => (o.name === 'L' || o.name === 'library-path') && o.valueAt !== undefined).map((o) => start + o.valueAt!);
  for (const reading of readings) {
    for (const o of reading.options) {
      if ((o.name === 'f' || o.name === 'from-file') && o.valueAt !== undefined) code.set(start + o.valueAt, 'file');
    }
    const fromFile = reading.options.some((o) => (o.name === 'f' || o.name === 'from-file') && o.valueAt === undefined);
    if (fromFile && reading.operands[0] !== undefined) code.set(start + reading.operands[0], 'file');
    if (jqImports(args, reading)) for (const i of libraries(reading)) if (!code.has(i)) code.set(i, 'library');
  }
  const unused = new Set(readings.length === 0 ? [] : libraries(readings[0])
    .filter((i) => readings.every((r) => !jqImports(args, r) && libraries(r).includes(i))));
  return { code, unused };
}

/** The names of the shells that source `$ENV` when interactive, as in ENV_SHELL (Debian's ksh93u+m and mksh packages name ksh93, rksh93, lksh, rmksh …). */
const ENV_SHELL_NAMES = 'sh|dash|ash|ksh|ksh93|rksh|rksh93|mksh|mksh-static|lksh|rmksh|rlksh|pdksh|yash';

/** An option word (or its value) of such a shell before the `i` group of an `env -S` #! line (readShellOptions' reading). */
const SHEBANG_OPTION = '(?:[-+][A-Za-z]*[oO][A-Za-z]*[ \\t]+[^ \\t\\r\\n]+|[-+][A-NP-Za-np-z]+|--[A-Za-z][A-Za-z0-9-]*)';

/**
 * The `#!` line of a script that runs a shell that sources `$ENV` with an option group holding `i`, RE2 and JavaScript alike:
 * `#!/bin/sh -i` (the kernel passes the rest of the line as one argument, so one group alone: dash 0.5.12 refuses
 * `#!/bin/sh -e -i`), or through env's `-S`, which splits the rest into arguments, past assignments and other option groups
 * as readShellOptions reads them (`#!/usr/bin/env -S sh -i`, `#!/usr/bin/env -S sh -e -i`, GNU coreutils 9.1 env.c), busybox's
 * shell applet among them (`#!/usr/bin/env -S busybox sh -i`; `#!/bin/busybox sh -i` gives busybox one argument, no applet's name).
 */
export const INTERACTIVE_SHEBANG = interactiveShebang(ENV_SHELL_NAMES);

/**
 * INTERACTIVE_SHEBANG with bash's names too (`#!/bin/bash -i`, `#!/usr/bin/env -S bash -i`): an interactive bash, which sources
 * `$ENV` in posix mode, which `POSIXLY_CORRECT` in the image's env or an `envFrom` source turns on unseen (RE2 and JavaScript alike).
 */
export const INTERACTIVE_ANY_SHEBANG = interactiveShebang(`${ENV_SHELL_NAMES}|bash|rbash`);

/** The start of an argument of GNU env that holds the string of `-S` (the string itself, `-SSTRING`, `--split-string=STRING`), its assignments, busybox's name. */
const SPLIT_START = '^(-([^-uCS][^uCS]*)?S|--s(p(l(i(t(-(s(t(r(i(n(g)?)?)?)?)?)?)?)?)?)?)?=)?[ \\t\\n]*([A-Za-z_][A-Za-z0-9_]*=[^ \\t\\n]*[ \\t\\n]+)*'
  + '(([^ \\t\\n]*/)?busybox[^ \\t\\n/]*[ \\t\\n]+)?';

/** A shell of `names` (an alternation) named in env -S's string, by a path or not, in quotes or not, then its option words as readShellOptions reads them. */
function splitShell(names: string, option = SHEBANG_OPTION): string {
  return `['"]?([^ \\t\\n'"]*/)?(${names})['"]?([ \\t\\n]+${option})*`;
}

/** An option group holding `i` (in quotes or not), or `-o interactive` (dash 0.5.12, mksh, ksh93; bash refuses the name and runs nothing). */
const SPLIT_INTERACTIVE = '[ \\t\\n]+([\'"]?-[A-Za-z]*i[A-Za-z]*[\'"]?|-[A-Za-z]*o[A-Za-z]*[ \\t\\n]+interactive)';

/**
 * An argument of GNU env run as `command[0]` that holds the string of `-S` (the string itself after `-S`, `-vS`, or `-SSTRING`,
 * `--split-string=STRING`), whose first words run a shell of INTERACTIVE_ANY_SHEBANG (busybox's shell applet too: `busybox sh -i`)
 * with an option group holding `i` or `-o interactive`, past assignments and other option groups as readShellOptions reads them
 * (`env -S 'sh -i'`, `env -vS 'X=1 bash -e -i'`, `env -S "'dash' -i"`): env splits the string on blanks outside quotes (GNU
 * coreutils 9.1 env.c parse_split_string; checked), RE2 and JavaScript alike. A quote inside a word (`s"h"`), escapes, `${VAR}`
 * and bash's `-o interactive` (which bash refuses: read as interactive) are not told apart.
 */
export const INTERACTIVE_SPLIT_STRING = `${SPLIT_START}${splitShell(`${ENV_SHELL_NAMES}|bash|rbash`)}${SPLIT_INTERACTIVE}([ \\t\\n'"]|$)`;

/**
 * The string of env -S (as INTERACTIVE_SPLIT_STRING) whose last words run such a shell with option words only: the arguments after
 * the string, which env appends to its words (`env -S 'sh' -i`: GNU coreutils 9.1 env.c; checked), are the shell's next ones.
 */
export const SPLIT_SHELL_OPEN = `${SPLIT_START}${splitShell(`${ENV_SHELL_NAMES}|bash|rbash`)}[ \\t\\n]*$`;

/** SHEBANG_OPTION without a group holding `c` (the shell then runs code, with no prompt). */
const NO_CODE_OPTION = '(?:[-+][A-Zabd-z]*[oO][A-Zabd-z]*[ \\t]+[^ \\t\\r\\n]+|[-+][A-NP-Zabd-np-z]+|--[A-Za-z][A-Za-z0-9-]*)';

/**
 * The string of env -S (as INTERACTIVE_SPLIT_STRING) running such a shell interactive and reading its commands with a prompt: no group
 * holding `c`, no operand in the string (`env -S 'bash -i'`, `env -S 'sh -e -i -s'`), where PS1, PS2 (and bash's PROMPT_COMMAND, PS0)
 * run code; an operand appended after the string (a script file: no prompt) is not read.
 */
export const PROMPT_SPLIT_STRING = `${SPLIT_START}${splitShell(`${ENV_SHELL_NAMES}|bash|rbash`, NO_CODE_OPTION)}`
  + `[ \\t\\n]+['"]?-[A-Zabd-z]*i[A-Zabd-z]*['"]?([ \\t\\n]+${NO_CODE_OPTION})*[ \\t\\n]*$`;

/** INTERACTIVE_SHEBANG for the shells `names` (an alternation), or, given `letter`, for an option group holding that letter. */
function interactiveShebang(names: string, letter = 'i'): string {
  return `^#![ \\t]*(?:([^ \\t\\n]*/)?(${names})[ \\t]+-[A-Za-z]*${letter}[A-Za-z]*[ \\t]*`
    + `|([^ \\t\\n]*/)?env[ \\t]+-S[ \\t]*([A-Za-z_][A-Za-z0-9_]*=[^ \\t\\r\\n]*[ \\t]+)*([^ \\t\\n]*/busybox[ \\t]+|busybox[ \\t]+)?([^ \\t\\n]*/)?(${names})`
    + `([ \\t]+${SHEBANG_OPTION})*[ \\t]+-[A-Za-z]*${letter}[A-Za-z]*([ \\t]+[^ \\t\\r\\n]+)*[ \\t]*)(\\r?\\n|$)`;
}

/**
 * The `#!` line of a script that runs a POSIX shell (bash, dash, busybox's ash …, not zsh, whose -f skips its startup files) with an
 * option group holding `f`, read as INTERACTIVE_SHEBANG reads `i` (`#!/bin/bash -f`, `#!/usr/bin/env -S bash -f`): the shell expands no
 * pattern (bash 5.2 and dash 0.5.12 run here: `echo a*` printed `a*`; `#!/bin/bash -e -f` is refused, one argument `-e -f`).
 */
export const NOGLOB_SHEBANG = interactiveShebang(`${ENV_SHELL_NAMES}|bash|rbash`, 'f');

/**
 * NOGLOB_SHEBANG for an option group holding `a` (`#!/bin/bash -a`, `#!/usr/bin/env -S bash -e -a`): the shell exports every variable it
 * assigns (bash 5.2 and dash run here: a file with such a line exported `V=1` to env; `#!/bin/bash -o allexport` gives bash one argument
 * `-o allexport`, which it refuses, running nothing).
 */
export const ALLEXPORT_SHEBANG = interactiveShebang(`${ENV_SHELL_NAMES}|bash|rbash`, 'a');

/**
 * The shells that source `$ENV` when interactive (POSIX's rule): bash only as `sh` or in posix
 * mode, zsh only emulating sh or ksh, so `bash -ic` and `zsh -i` do not (RE2 and JavaScript alike).
 */
export const ENV_SHELL = `(^|/)(${ENV_SHELL_NAMES})$`;


/** bash by its names, which sources `$ENV` when interactive in posix mode alone (RE2 and JavaScript alike). */
export const POSIX_BASH = '(^|/)r?bash$';

/**
 * The shells argv may run as `run` reads it, with the arguments each gets: the program, or where it is busybox (`busybox sh -i`,
 * `/bin/busybox ash -l`), the applet its first argument names (the last part of a path: busybox 1.36 appletlib.c busybox_main;
 * `busybox --list`, `--install`, `--help` and `--show` run none, nor does a name starting with `-`), read again through the
 * applet's own wrappers (`busybox env X=1 sh -i`, `busybox timeout 5 sh -i`, `busybox busybox sh`; its env knows no `-S`: BUSYBOX_WRAPPERS).
 * `applet`: busybox runs it. toybox likewise runs the applet its first argument names (toybox 0.8 main.c toybox_main), of which
 * those that run another program are read by their own option strings (`toybox env dash -i`, `toybox nice -n 5 sh -i`:
 * TOYBOX_WRAPPERS); its own shell (`toybox sh`) sources no `$ENV` and runs no code in its prompts, and another applet runs no shell.
 */
export function shellRuns(argv: readonly string[], run: Invocation, depth = 0): ShellRun[] {
  if (run.program === undefined) return [];
  const after = argumentsOf(argv, run);
  const toybox = isToybox(run.program);
  const unsets = run.unsets ?? [];
  if (!(isBusybox(run.program) || toybox) || after.length === 0 || after[0].startsWith('-') || depth > 3) {
    return [{ program: run.program, after, applet: false, assignments: run.assignments, unsets }];
  }
  if (toybox) {
    // toybox's own shell sources no $ENV and runs no code in its prompts; an applet that runs no other program runs no shell
    if (TOYBOX_SHELL.test(basename(after[0]))) return [];
    return invocations(after, TOYBOX_WRAPPERS).filter((inner) => inner.programIndex > 0).flatMap((inner) => shellRuns(after, inner, depth + 1)
      .map((r) => ({ ...r, assignments: [...run.assignments, ...r.assignments], unsets: [...unsets, ...r.unsets] })));
  }
  // (busybox's and toybox's env remove the container's env vars as GNU env does: `-i`, `-`, `-u NAME`)
  return invocations(after, BUSYBOX_WRAPPERS).flatMap((inner) => shellRuns(after, inner, depth + 1)
    .map((r) => ({ ...r, applet: true, assignments: [...run.assignments, ...r.assignments], unsets: [...unsets, ...r.unsets] })));
}

/**
 * A shell argv may run (shellRuns): the program, the arguments it gets, whether busybox runs it as its applet, the assignments of
 * the env wrappers before it and the container's env vars they remove (`*` for all: `env -i`, `busybox env -u ENV`).
 */
export interface ShellRun {
  readonly program: string;
  readonly after: string[];
  readonly applet: boolean;
  readonly assignments: Invocation['assignments'];
  readonly unsets: readonly string[];
}

/**
 * How argv runs an interactive shell that may source `$ENV`: `'env'` where the program (through wrappers and busybox's
 * applets, shellRuns) is such a shell (ENV_SHELL) and an option group before its first operand holds `i` (`sh -ic CODE`,
 * `sh -e -i`, `ksh -i script`: readShellOptions; busybox ash also `+i`, which it reads as `-i`, ash.c options), or, without a
 * command, its script's `#!` line runs a shell with such an option group (INTERACTIVE_SHEBANG; the script trimmed as Tekton
 * trims it). bash (and rbash) sources `$ENV` too in posix mode: `--posix`, `-posix`, `-o posix`, or `posixly`
 * (`POSIXLY_CORRECT` or `POSIX_PEDANTIC` in its environment, any value: bash 5.2 shell.c run_startup_files, variables.c),
 * `'env'` then; `'bash'` where the only such shell is an interactive bash whose posix mode is not seen: `POSIXLY_CORRECT` in
 * the image's env or an `envFrom` source would turn it on. `terminal`: the container's input and error output are a terminal
 * (`tty: true` with `stdin: true`), so a shell reading its commands from its input (no `-c`, no script file) is interactive
 * without `-i` (bash 5.2 shell.c, dash 0.5.12 options.c: `isatty(0) && isatty(2)`). `from`: the container's env var the reading
 * is for, which a shell GNU env starts without it (`env -i`, `env -`, `env -u NAME`) does not get; undefined for env's own
 * `NAME=VALUE` arguments, which reach the program after `-i` too (`env -i ENV=… sh -i`). `fixed`: the values the container's env
 * gives its env vars literally (containers.ts fixedEnvValues), which env -S's `${NAME}` expands to. Undefined where none runs.
 */
export function interactiveShellReading(
  argv: readonly string[], commandSet: boolean, script: unknown, trim: (s: string) => string, posixly = false, terminal = false, from?: string,
  fixed: ReadonlyMap<string, string> = NO_VALUES,
): 'env' | 'bash' | undefined {
  if (!commandSet) {
    if (typeof script !== 'string') return undefined;
    const text = trim(script);
    const read = shellPattern(INTERACTIVE_SHEBANG).test(text) || shebangRunsPosixInteractiveBash(text, posixly) ? 'env'
      : shellPattern(INTERACTIVE_ANY_SHEBANG).test(text) ? 'bash' : undefined;
    // `#!/usr/bin/env -S …`: the kernel (Linux binfmt_script) passes the rest of the line as one argument, then the script's
    // path, and env splits it as any string of -S (escapes, quotes, `${NAME}`: `#!/usr/bin/env -S sh\_-i` runs `sh -i`)
    const line = /^#![ \t]*([^ \t\n]+)(?:[ \t]+([^\n]*?))?[ \t]*(?:\n|$)/.exec(text);
    const split = line !== null && basename(line[1]) === 'env' && line[2] !== undefined && line[2] !== ''
      ? interactiveShellReading([line[1], line[2], '/tekton/scripts/script'], true, undefined, trim, posixly, false, from, fixed) : undefined;
    return read === 'env' || split === 'env' ? 'env' : read ?? split;
  }
  let found: 'env' | 'bash' | undefined;
  // any program argv may run (an option a wrapper does not know read every way), but one env starts without the container's
  // ENV (`env -i`, `env -u ENV`): ENV holding a caller's value does not reach it (env's own `ENV=…` after `-i` does: `from` undefined)
  for (const run of invocations(argv)) {
    for (const shell of expandedShellRuns(argv, run, fixed)) {
      if (!getsEnv(from, shell.unsets)) continue;
      const read = readShellOptions(shell.after);
      // (busybox ash reads `+i` as `-i`, ash.c options: `-i, +i`)
      const plusI = shell.applet && read.options.some((w) => /^\+[A-Za-z]*i[A-Za-z]*$/.test(w));
      if (!(read.interactive || plusI || (terminal && read.prompts))) continue;
      if (shellPattern(ENV_SHELL).test(shell.program)) return 'env';
      if (shellPattern(POSIX_BASH).test(shell.program)) {
        // (env's own NAME=VALUE arguments reach the program as the container's env does: `env POSIXLY_CORRECT=1 bash -i`)
        if (read.posix || posixly || shell.assignments.some((a) => setsPosixMode(a.name, a.value))) return 'env';
        found = 'bash';
      }
    }
  }
  return found;
}

/** No env var's value known. */
const NO_VALUES: ReadonlyMap<string, string> = new Map();

/**
 * The shells `run` runs (shellRuns) with each `${NAME}` in the words of env -S's string that name the program and its arguments
 * read as its value in `fixed` (the container's env giving it literally: `F=-i` makes `env -S 'sh ${F}'` run `sh -i`), else as
 * empty (`env -S '${UNSET}sh -i'` runs `sh -i`): coreutils 9.1 env.c expands it, into one word and before `-i` clears the
 * environment, from env's own environment, of which the image's part is not seen; the arguments appended after the string are
 * env's, never expanded.
 */
export function expandedShellRuns(argv: readonly string[], run: Invocation, fixed: ReadonlyMap<string, string> = NO_VALUES): ShellRun[] {
  const runs = shellRuns(argv, run);
  if (run.program === undefined || !run.splitStrings.includes(run.programIndex)) return runs;
  const fromString = argumentsOf(argv, run).length - (argv.length - run.programIndex - 1);
  const expand = (w: string) => w.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => fixed.get(name) ?? '');
  return runs.map((r) => (r.program !== run.program ? r
    : { ...r, program: expand(r.program), after: r.after.map((w, i) => (i < fromString ? expand(w) : w)) }));
}

/** Whether env (GNU's, busybox's, toybox's) removes the container's env var `name` before it runs the shell (`*`: every one). */
export function removes(unsets: readonly string[], name: string): boolean {
  return unsets.some((u) => u === '*' || u === name);
}

/**
 * Whether a program gets the container's env var `from` (undefined: env's own `NAME=VALUE` arguments, which it always gets), where the
 * env wrappers before it removed `unsets` (removes) and a runner that runs it kept only `keeps` (runnerKeeps; undefined: all).
 */
export function getsEnv(from: string | undefined, unsets: readonly string[] = [], keeps?: readonly string[]): boolean {
  return from === undefined || (!removes(unsets, from) && (keeps === undefined || keeps.includes(from)));
}

/**
 * Whether a container runs an interactive shell that sources `$ENV` (interactiveShellReading's `'env'`).
 */
export function runsInteractiveShell(
  argv: readonly string[], commandSet: boolean, script: unknown, trim: (s: string) => string, posixly = false, terminal = false,
): boolean {
  return interactiveShellReading(argv, commandSet, script, trim, posixly, terminal, 'ENV') === 'env';
}

/**
 * Whether a script's `#!` line runs bash interactive in posix mode, which sources `$ENV`: `#!/bin/bash -i` (Linux passes what
 * follows the program as one argument, then the script file: an option group holding `i` makes bash interactive) where the env
 * puts it in posix mode (`posixly`), or `#!/usr/bin/env -S` whose split line runs bash with an option group holding `i` and
 * `--posix`/`-o posix`, a posix-mode assignment before it (`POSIXLY_CORRECT=1 bash -i`), or `posixly` (checked with bash 5.2).
 */
function shebangRunsPosixInteractiveBash(script: string, posixly: boolean): boolean {
  const end = script.indexOf('\n');
  const line = (end < 0 ? script : script.slice(0, end)).replace(/\r$/, '');
  if (/^#![ \t]*([^ \t\n]*\/)?r?bash[ \t]+-[A-Za-z]*i[A-Za-z]*[ \t]*$/.test(line)) return posixly;
  const split = /^#![ \t]*([^ \t\n]*\/)?env[ \t]+-S[ \t]*(.*)$/.exec(line);
  if (split === null) return false;
  const words = split[2].split(/[ \t]+/).filter((w) => w !== '');
  let i = 0;
  let posix = posixly;
  for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++) {
    const eq = words[i].indexOf('=');
    posix ||= setsPosixMode(words[i].slice(0, eq), words[i].slice(eq + 1));
  }
  if (i >= words.length || !shellPattern(POSIX_BASH).test(words[i])) return false;
  const read = readShellOptions(words.slice(i + 1));
  return read.interactive && (read.posix || posix);
}

/**
 * The shells that show a prompt when interactive and reading their commands (`-i` without `-c` or a script file): bash (bash 5.2
 * runs `PROMPT_COMMAND` before each prompt, expands `PS0` after each command read and `PS1`/`PS2` at each prompt) and `sh` and
 * `rbash`, which may be bash (RE2 and JavaScript alike).
 */
export const PROMPT_COMMAND_SHELL = '(^|/)(bash|rbash|sh)$';

/** The patterns above, built once (none global: no `lastIndex` state); `shellPattern` builds and keeps any other. */
const PATTERNS = new Map<string, RegExp>();
export function shellPattern(source: string): RegExp {
  let re = PATTERNS.get(source);
  if (re === undefined) PATTERNS.set(source, re = new RegExp(source));
  return re;
}

/** The shells that expand `PS1` and `PS2` at each prompt, command substitutions included (bash 5.2, dash 0.5.12, ksh …). */
export const PROMPT_SHELL = `(^|/)(bash|rbash|${ENV_SHELL_NAMES})$`;

/**
 * Whether a container runs a shell `shell` (a pattern: PROMPT_COMMAND_SHELL, PROMPT_SHELL) interactive, reading its commands
 * with a prompt: the program (through wrappers and busybox's applets, shellRuns) given an option group holding `i` (busybox's
 * `+i` too), none holding `c`, and no script file (or `s`) (`bash -i`, `busybox sh -i`, `bash --norc -i`, `sh -e -is arg`; not `bash -ic CODE` nor `bash -i script`: readShellOptions). A script's `#!`
 * line runs its file: no prompt. `terminal`: the container's input is a terminal (`tty` and `stdin`), which makes such a shell
 * interactive without `-i`. `from`: the container's env var the reading is for, which a shell GNU env starts without it
 * (`env -i`, `env -u PS1`) does not get; undefined for env's own `NAME=VALUE` arguments (`env -i PS1=… bash -i`). `fixed`: as for
 * interactiveShellReading.
 */
export function runsPromptingShell(
  argv: readonly string[], commandSet: boolean, shell: string, terminal = false, from?: string, fixed: ReadonlyMap<string, string> = NO_VALUES,
): boolean {
  if (!commandSet) return false;
  // (a shell env starts without the container's env var `from`, `env -i bash -i`, `env -u PS1 bash -i`, gets none of its value;
  // env's own assignments, `from` undefined, reach it after -i too: `env -i PS1=… bash -i`)
  return invocations(argv).some((run) => expandedShellRuns(argv, run, fixed).some(({ program, after, applet, unsets }) => {
    if (!shellPattern(shell).test(program) || !getsEnv(from, unsets)) return false;
    const read = readShellOptions(after);
    // (busybox ash reads `+i` as `-i`)
    return (read.interactive || terminal || (applet && read.options.some((w) => /^\+[A-Za-z]*i[A-Za-z]*$/.test(w)))) && read.prompts;
  }));
}

/** su and runuser (util-linux su-common.c; `-u`/`--user` is runuser's), which permute their options. */
const SU_OPTIONS: Grammar = {
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
const RUNNERS: Readonly<Record<string, Grammar>> = {
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

/** One option as a grammar reads it: its letter or full long name (as written when not known), its value or values, the index of its word. */
interface OptionRead {
  readonly name: string;
  readonly value?: string;
  readonly values?: readonly string[];
  readonly at: number;
  /** The index of the argument that holds the value (the option's own when attached). */
  readonly valueAt?: number;
}

/** One reading of a program's arguments: its options, the indices of its operands, and how many came before `--` when given. */
interface ArgumentsRead {
  readonly options: OptionRead[];
  readonly operands: number[];
  readonly separator?: number;
}

/** How many times one reading of arguments may branch (an option not known, an array of unknown elements). */
const BRANCHES = 2;

/**
 * The long option `written` (no `--`, no `=`) names in a grammar: itself, or the long options it is a prefix of when they
 * agree on their value (getopt_long takes the first then); undefined when unknown, ambiguous, or a prefix in a grammar that
 * does not list every option (another may be the one it names).
 */
function longOption(written: string, grammar: Grammar): string | undefined {
  if (own(grammar.long, written) !== undefined) return written;
  if (written === '' || grammar.partial || grammar.whole || grammar.exact) return undefined;
  const matches = Object.keys(grammar.long).filter((k) => k.startsWith(written));
  return matches.length > 0 && matches.every((m) => grammar.long[m] === grammar.long[matches[0]]) ? matches[0] : undefined;
}

/**
 * How a program reads `args` by its grammar: each reading (at most 2^BRANCHES), an option not known read as taking
 * no value and as taking one (the rest of its group, or the next argument; bwrap's as many as its options take), an array
 * whose elements are not known (`"${OPTS[@]}"`) where an option may stand as options and as the first operand.
 */
function readArguments(grammar: Grammar, args: readonly string[]): ArgumentsRead[] {
  const readings: ArgumentsRead[] = [];
  const arities = [...new Set([0, 1, ...Object.values(grammar.long).filter((k): k is number => typeof k === 'number')])];
  const read = (start: number, options: OptionRead[], operands: number[], branches: number): void => {
    let i = start;
    let separator: number | undefined;
    const rest = (from: number) => {
      for (let k = from; k < args.length; k++) operands.push(k);
    };
    // an option not known with its word at `at`: it may take the next `n` arguments (after the main reading's none)
    const unknown = (name: string, at: number) => {
      if (branches >= BRANCHES) return;
      for (const n of arities) {
        if (n === 0 || at + n >= args.length) continue;
        const taken = { name, value: args[at + 1], values: args.slice(at + 1, at + 1 + n), at, valueAt: at + 1 };
        read(at + 1 + n, [...options, taken], [...operands], branches + 1);
      }
    };
    if (grammar.operandsOnly) rest(i);
    while (i < args.length && !grammar.operandsOnly) {
      const a = args[i];
      if (a === '--') {
        separator = operands.length;
        rest(i + 1);
        break;
      }
      const whole = grammar.whole || grammar.attached;
      const eq = a.indexOf('=');
      const written = a.startsWith('--') ? a.slice(2, eq < 0 ? undefined : eq) : undefined;
      const name = written === undefined ? (whole && a.length === 2 && a[1] !== ':' && grammar.short.includes(a[1]) ? a[1] : undefined) : longOption(written, grammar);
      const isOption = a.startsWith('-') && a !== '-' && !(grammar.unknownOperand && name === undefined) && (grammar.optionish?.test(a) ?? true);
      if (!isOption) {
        // "${OPTS[@]}" whose elements are not known: options (or none) as likely as the first operand; read both, options first
        if (UNKNOWN_ARRAY.test(a) && branches < BRANCHES) read(i + 1, [...options, { name: a, at: i }], [...operands], branches + 1);
        if (!grammar.permute) {
          rest(i);
          break;
        }
        operands.push(i);
        i++;
        continue;
      }
      if (grammar.words?.test(a) || grammar.attached) {
        options.push(eq < 0 ? { name: a, at: i } : { name: a.slice(0, eq), value: a.slice(eq + 1), at: i, valueAt: i });
        i++;
        continue;
      }
      if (written !== undefined || whole) {
        const kind = name === undefined ? undefined : written !== undefined ? grammar.long[name] : grammar.short[grammar.short.indexOf(name) + 1] === ':' ? 'required' : 'none';
        if (name === undefined || kind === undefined) {
          // an option not known: its value after = (nothing else), or the next arguments, or none
          if (eq < 0) unknown(a, i);
          options.push(eq < 0 ? { name: a, at: i } : { name: a.slice(0, eq), value: a.slice(eq + 1), at: i, valueAt: i });
          i++;
          continue;
        }
        if (eq >= 0 && written !== undefined) {
          options.push({ name, value: a.slice(eq + 1), at: i, valueAt: i });
        } else if (kind === 'required') {
          options.push({ name, value: args[i + 1], at: i, valueAt: i + 1 });
          i++;
        } else if (typeof kind === 'number') {
          options.push({ name, value: args[i + 1], values: args.slice(i + 1, i + 1 + kind), at: i, valueAt: i + 1 });
          i += kind;
        } else {
          options.push({ name, at: i });
        }
        i++;
        continue;
      }
      // a group of short options: one that takes a value takes the rest of the group (or, required, the next argument)
      let next = i + 1;
      for (let j = 1; j < a.length; j++) {
        const at = a[j] === ':' ? -1 : grammar.short.indexOf(a[j]);
        if (at < 0) {
          // not known: it may take the rest of its group or (last of it) the next argument, or nothing
          if (j + 1 < a.length && branches < BRANCHES) {
            read(next, [...options, { name: a[j], value: a.slice(j + 1), at: i, valueAt: i }], [...operands], branches + 1);
          } else if (j + 1 === a.length) {
            unknown(a[j], next - 1);
          }
          options.push({ name: a[j], at: i });
          continue;
        }
        const valued = grammar.short[at + 1] === ':';
        const optional = valued && grammar.short[at + 2] === ':';
        if (!valued) {
          options.push({ name: a[j], at: i });
          continue;
        }
        if (j + 1 < a.length) options.push({ name: a[j], value: a.slice(j + 1), at: i, valueAt: i });
        else if (optional) options.push({ name: a[j], at: i });
        else options.push({ name: a[j], value: args[next], at: i, valueAt: next++ });
        break;
      }
      i = next;
    }
    readings.push(separator === undefined ? { options, operands } : { options, operands, separator });
  };
  read(0, [], [], 0);
  return readings;
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
  return readArguments(grammar, after).map(({ options, operands, separator }) => ({
    options: options.map(({ name, value }) => (value === undefined ? { name } : { name, value })),
    operands: operands.map((k) => after[k]),
    ...separator === undefined ? {} : { separator },
  }));
}

/** GNU parallel's markers of its input sources: `:::` (the arguments that follow), `::::` (files that hold them), `+` to link them. */
const PARALLEL_SOURCE = /^::::?\+?$/;

/**
 * The command a runner (`runnerReadings`) runs by one reading of its arguments, as its sources run it; undefined when it
 * runs none (or only a shell of its own choosing, `chroot DIR`). `watch` gives its operands, joined, to `/bin/sh -c` (with
 * `-x`, `--exec`, it execs them); `flock` runs the code of `-c` (among its options, or right after the file) with
 * `$SHELL -c`, which may be bash, or the command after the file (after no file with `--fd`); `su` and `runuser` run the code
 * of `-c`, `--command` or `--session-command` with the shell `-s` (`--shell`) names, else the user's (which may be bash),
 * the command after `-u USER` (runuser), or else give the arguments after the user to that shell; `chroot` runs the command
 * after its new root; `sg` its command with `/bin/sh -c`; `script` the code of `-c` or after `--` with `$SHELL -c`;
 * `parallel` (parallelCommand); `setpriv`, `unshare`, `nsenter` and `xvfb-run` the command after their options.
 */
export function runnerArgv(program: string, reading: RunnerReading): string[] | undefined {
  const value = (...names: string[]) => reading.options.find((o) => names.includes(o.name) && o.value !== undefined)?.value;
  const has = (...names: string[]) => reading.options.some((o) => names.includes(o.name));
  const operands = reading.operands;
  const some = (argv: readonly string[]): string[] | undefined => (argv.length === 0 ? undefined : [...argv]);
  switch (basename(program)) {
    case 'watch':
      return has('x', 'exec') ? some(operands) : some(operands.length === 0 ? [] : ['sh', '-c', operands.join(' ')]);
    case 'flock': {
      const given = value('c', 'command') ?? (!has('fd') && (operands[1] === '-c' || operands[1] === '--command') ? operands[2] : undefined);
      if (given !== undefined) return ['bash', '-c', given];
      if (has('fd')) return some(operands);
      return some(operands[1] === '-c' || operands[1] === '--command' ? [] : operands.slice(1));
    }
    case 'su':
    case 'runuser': {
      const shell = value('s', 'shell') ?? 'bash';
      const given = value('c', 'command', 'session-command');
      // su refuses `-u`; runuser refuses it beside a shell, code or a login (su-common.c su_main): neither runs anything then
      if (has('u', 'user') && (basename(program) === 'su' || has('s', 'shell', 'f', 'fast', 'c', 'command', 'session-command', 'l', 'login'))) return undefined;
      if (given !== undefined) return [shell, '-c', given];
      if (has('u', 'user')) return some(operands);
      // `-` alone is --login; the user, then the arguments its shell gets
      const rest = operands.slice(operands[0] === '-' ? 2 : 1);
      return some(rest.length === 0 ? [] : [shell, ...rest]);
    }
    case 'chroot':
      return some(operands.slice(1));
    case 'sg': {
      // `-` alone (a login) first, then the group, then the command, after `-c` or not
      const rest = (operands[0] === '-' ? operands.slice(1) : operands).slice(1);
      const command = rest.length > 1 && rest[0] === '-c' ? rest[1] : rest[0];
      return command === undefined ? undefined : ['sh', '-c', command];
    }
    case 'script': {
      const given = value('c', 'command') ?? (reading.separator === undefined ? undefined : operands.slice(reading.separator).join(' '));
      return given === undefined || given === '' ? undefined : ['bash', '-c', given];
    }
    case 'parallel':
      return parallelArgv(reading);
    default:
      return some(operands);
  }
}

/**
 * What GNU parallel runs, by one reading of its arguments: its command (the operands before the first `:::` or `::::`), shell
 * code run with $SHELL (which may be bash) once for each argument of `:::`, the argument in place of each replacement string
 * (`{}`, `{.}` …) or else appended; without a command, each argument of `:::` is a command of its own, and so is each line of
 * the files `::::`, `-a` and `--arg-file` name (read as `bash FILE`, a script of those lines), or, given no source of
 * arguments, of its input (read as `bash` reading it). The arguments those files or its input give a command are not known
 * here: the command alone is read.
 */
function parallelArgv(reading: RunnerReading): string[] | undefined {
  const operands = reading.operands;
  const first = operands.findIndex((o) => PARALLEL_SOURCE.test(o));
  const command = (first < 0 ? operands : operands.slice(0, first)).join(' ');
  const args: string[] = [];
  const files = reading.options.filter((o) => (o.name === 'a' || o.name === 'arg-file') && o.value !== undefined).map((o) => o.value as string);
  let source = '';
  for (const o of first < 0 ? [] : operands.slice(first)) {
    if (PARALLEL_SOURCE.test(o)) source = o;
    else if (source.startsWith('::::')) files.push(o);
    else args.push(o);
  }
  if (command === '' && first < 0 && files.length === 0) return ['bash'];
  // a word as bash code that gives it back as one word: in double quotes, its variables and substitutions left to expand
  const quoted = (word: string) => `"${word.replace(/["\\`]/g, '\\$&')}"`;
  const lines = command === '' ? [...args, ...files.map((f) => `bash ${quoted(f)}`)]
    : args.length === 0 ? [command] : args.map((a) => (/\{[^{}]*\}/.test(command) ? command.replace(/\{[^{}]*\}/g, a) : `${command} ${a}`));
  return lines.length === 0 ? undefined : ['bash', '-c', lines.join('\n')];
}

/**
 * xargs' options as GNU findutils 4.9 reads them (getopt string `+0a:E:e::i::I:l::L:n:prs:txP:d:`): short options grouped
 * (`-rI {}`, `-0I{}`), each of `a E I L n P s d` taking the rest of its group or the next argument, each of `e i l` only the
 * rest of its group; the long ones whose value is the next argument unless given after `=`, and `--eof`, `--replace` and
 * `--max-lines`, which take one only after `=`; `--` ends them, the first other argument (`-` alone included) is the command.
 */
const XARGS_SHORT_VALUED = 'aEILnPsd';
const XARGS_SHORT_OPTIONAL = 'eil';
const XARGS_LONG_VALUED = /^--(?:arg-file|delimiter|max-args|max-procs|max-chars|process-slot-var)$/;

/**
 * xargs' arguments `after` read as its options: the index of the command it runs (`after.length` when none) and the replace
 * string `-I R`, `-i[R]` or `--replace[=R]` gives (`{}` where `-i` or `--replace` is given none), the last one written.
 */
export function xargsOptions(after: readonly string[]): { readonly commandIndex: number; readonly replace?: string } {
  let k = 0;
  let replace: string | undefined;
  while (k < after.length) {
    const a = after[k];
    if (a === '--') return { commandIndex: k + 1, ...replace === undefined ? {} : { replace } };
    if (!a.startsWith('-') || a === '-') break;
    k++;
    if (a.startsWith('--')) {
      if (a === '--replace' || a.startsWith('--replace=')) replace = a === '--replace' ? '{}' : a.slice('--replace='.length);
      else if (XARGS_LONG_VALUED.test(a)) k++;
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (XARGS_SHORT_OPTIONAL.includes(c)) {
        if (c === 'i') replace = j + 1 < a.length ? a.slice(j + 1) : '{}';
        break;
      }
      if (XARGS_SHORT_VALUED.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : after[k++];
        if (c === 'I' && value !== undefined) replace = value;
        break;
      }
    }
  }
  return { commandIndex: Math.min(k, after.length), ...replace === undefined ? {} : { replace } };
}

/** The index in xargs' arguments `after` of the command it runs (past its options and their values). */
export function xargsCommandIndex(after: readonly string[]): number {
  return xargsOptions(after).commandIndex;
}

/** OpenSSH's options that take a value (ssh.c's getopt string `1246ab:c:e:fgi:kl:m:no:p:qstvxAB:CD:E:F:GI:J:KL:MNO:P:Q:R:S:TVw:W:XYy`). */
const SSH_VALUED = 'bceilmopBDEFIJLOPQRSwW';

/**
 * The index in ssh's arguments `after` of the first word of the command it has the remote host's shell run (the words
 * from there joined by spaces), past its options, the destination and the options after it (ssh reads options again
 * after the destination); `after.length` when it is given none.
 */
export function sshCommandIndex(after: readonly string[]): number {
  let k = 0;
  let destination = false;
  while (k < after.length) {
    const a = after[k];
    if (a === '--') {
      k++;
      if (!destination && k < after.length) {
        destination = true;
        k++;
      }
      return k;
    }
    if (a.startsWith('-') && a.length > 1) {
      k++;
      for (let j = 1; j < a.length; j++) {
        if (!SSH_VALUED.includes(a[j])) continue;
        if (j + 1 === a.length) k++;
        break;
      }
      continue;
    }
    if (destination) return k;
    destination = true;
    k++;
  }
  return k;
}

/**
 * How `find` reads its arguments `after`: its starting points (the arguments before the first expression, past GNU find's
 * `-H`, `-L`, `-P`, `-D`, `-O`) and the command of each `-exec`, `-execdir`, `-ok` and `-okdir` (up to `;` or `+`).
 */
export function findArguments(after: readonly string[]): { starts: string[]; commands: string[][] } {
  let k = 0;
  while (k < after.length && /^-([HLP]|D|O\d*)$/.test(after[k])) k += after[k] === '-D' ? 2 : 1;
  const starts: string[] = [];
  for (; k < after.length && !/^[-(!]/.test(after[k]) && after[k] !== ','; k++) starts.push(after[k]);
  const commands: string[][] = [];
  for (let i = k; i < after.length; i++) {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(after[i])) continue;
    let end = i + 1;
    while (end < after.length && after[end] !== ';' && after[end] !== '\\;' && after[end] !== '+') end++;
    commands.push(after.slice(i + 1, end));
    i = end;
  }
  return { starts, commands };
}

/** The env vars a login of su and runuser keeps (util-linux su-common.c modify_environment): TERM; HOME, SHELL, USER, LOGNAME and PATH it sets itself. */
const LOGIN_KEEPS: readonly string[] = ['TERM'];

/**
 * Whether util-linux su or runuser, by one reading of its arguments (runnerReadings), runs in login mode: `-l`, `--login` (a prefix of
 * it too, as the grammar reads it), or `-` as its first operand (su-common.c: the `-` before the user).
 */
export function suLogin(reading: RunnerReading): boolean {
  return reading.operands[0] === '-' || reading.options.some((o) => o.name === 'l' || o.name === 'login');
}

/**
 * The container's env vars the command a runner runs by one reading of its arguments gets, where it does not get them all: su and
 * runuser in login mode (`-`, `-l`, `--login`; `-m` and `--preserve-environment` are ignored then) clear the environment but TERM and
 * the names `-w` (`--whitelist-environment`, comma-separated, each occurrence adding) lists, and set HOME, SHELL, USER, LOGNAME and
 * PATH of their own (util-linux su-common.c modify_environment); without login mode they keep it (HOME and SHELL replaced). Undefined
 * where it gets them all.
 */
export function runnerKeeps(program: string, reading: RunnerReading): readonly string[] | undefined {
  const name = basename(program);
  if (name !== 'su' && name !== 'runuser') return undefined;
  if (!suLogin(reading)) return undefined;
  const listed = reading.options.filter((o) => (o.name === 'w' || o.name === 'whitelist-environment') && o.value !== undefined)
    .flatMap((o) => o.value!.split(','));
  return [...LOGIN_KEEPS, ...listed];
}

/**
 * The commands a program runs for another (commandsRunBy), each with the container's env vars it gets where it does not get them
 * all (`keeps`: runnerKeeps, `su -l`'s); and sudo's and doas' (privilegeReadings): their command, or, where they start a shell
 * given none (`sudo -s`, `sudo -i`, `doas -s`), that shell reading its input (`sh`, standing for $SHELL or the user's shell). Which
 * env vars reach those is their configuration's, never in the YAML (sudoers' env_reset, env_keep, env_delete; doas.conf's keepenv
 * and setenv): any may (sudo 1.9's defaults keep PS1 and PS2 even without -E, and its -E keeps all but env_delete's; doas' keepenv all).
 */
export function commandsRunWithEnv(program: string, after: readonly string[]): Array<{ argv: string[]; keeps?: readonly string[] }> | undefined {
  const name = basename(program);
  if (name === 'xargs' || name === 'find') return commandsRunBy(program, after)?.map((argv) => ({ argv }));
  const privileged = privilegeReadings(name, after);
  if (privileged !== undefined) {
    return privileged.flatMap((r) => (r.command !== undefined ? [{ argv: after.slice(r.command) }] : r.shell ? [{ argv: ['sh'] }] : []));
  }
  return runnerReadings(name, after)?.flatMap((reading) => {
    const argv = runnerArgv(name, reading);
    const keeps = runnerKeeps(name, reading);
    return argv === undefined ? [] : [keeps === undefined ? { argv } : { argv, keeps }];
  });
}

/**
 * The commands a program runs for another, by its name and its arguments `after`: a runner's (`runnerArgv`, each
 * reading of its arguments), xargs' command (its input's words appended), each command of find's `-exec`, `-execdir`,
 * `-ok` and `-okdir`, the shell npx and `npm exec` run for the code of `-c` and pnpm dlx for its command in shell mode (runnerOptionReadings);
 * undefined for any other program.
 */
export function commandsRunBy(program: string, after: readonly string[]): string[][] | undefined {
  const name = basename(program);
  if (name === 'xargs') {
    const command = after.slice(xargsCommandIndex(after));
    return command.length === 0 ? [] : [command];
  }
  if (name === 'find') return findArguments(after).commands.filter((c) => c.length > 0);
  if (own(SEPARATED_RUNNERS, name)?.switches !== undefined) {
    const argv = [program, ...after];
    const codes = (runnerOptionReadings(argv, 0) ?? []).flatMap((r) => {
      if (r.call !== undefined) return [[r.shell, '-c', r.call]];
      if (r.command !== undefined && r.codeWord === true) return [[r.shell, '-c', argv[r.command]]];
      return r.command !== undefined && r.shellMode === true ? [[r.shell, '-c', argv.slice(r.command).join(' ')]] : [];
    });
    const distinct = codes.filter((c, k) => codes.findIndex((d) => d.join('\u0000') === c.join('\u0000')) === k);
    return distinct.length === 0 ? undefined : distinct;
  }
  const readings = runnerReadings(name, after);
  return readings?.map((reading) => runnerArgv(name, reading)).filter((argv): argv is string[] => argv !== undefined);
}

/**
 * How the runner `program` given the arguments `after` runs the program the env var SHELL names, by any reading of its
 * arguments (a phrase for a message), or undefined where it runs none: util-linux su and runuser keeping the environment
 * (`-m`, `-p`, `--preserve-environment`) without `-s` (`--shell`) and outside login mode (su-common.c: the shell of `--shell`,
 * else $SHELL where the environment is kept, else the user's; `--login` drops `-m`), but runuser's `-u USER CMD`, which
 * runs the command itself (and -u beside a shell, code or a login, or su's, which they refuse); flock running the code of `-c` (flock.c: `$SHELL -c`); script, whose shell is $SHELL with or
 * without a command (script.c); `sudo -s` and `doas -s`, with or without a command (not `sudo -i`, the target user's login shell). A SHELL
 * not set makes them fall back to the user's shell or /bin/sh.
 */
export function shellFromEnv(program: string, after: readonly string[]): string | undefined {
  const name = basename(program);
  if (name === 'script') return 'script runs as its shell';
  // sudo 1.9's -s (its front end's $SHELL, else the user's; -i runs the target user's login shell) and doas' -s (doas.c: getenv("SHELL"))
  if (name === 'sudo' || name === 'doas') {
    return (privilegeReadings(name, after) ?? []).some((r) => r.shell && r.login !== true) ? `${name} runs as its shell (-s)` : undefined;
  }
  if (name !== 'su' && name !== 'runuser' && name !== 'flock') return undefined;
  for (const reading of runnerReadings(name, after) ?? []) {
    const has = (...names: string[]) => reading.options.some((o) => names.includes(o.name));
    if (name === 'flock') {
      const code = has('c', 'command') || (!has('fd') && (reading.operands[1] === '-c' || reading.operands[1] === '--command'));
      if (code) return 'flock runs as the shell of its -c code';
      continue;
    }
    // (su refuses `-u`, runuser refuses it beside a shell, code or a login: neither runs anything; runuser's `-u USER CMD` runs CMD itself)
    if (has('u', 'user')) continue;
    if (has('m', 'p', 'preserve-environment') && !has('s', 'shell') && !suLogin(reading)) {
      return `${name} runs as its shell, keeping the environment (-m, -p) without -s`;
    }
  }
  return undefined;
}

/**
 * Programs that run the words after a `--` as a command of their own, whose options are then read afresh: tfcmt
 * (urfave/cli: `tfcmt [flags] plan|apply [flags] -- terraform plan …` runs the first word after the flags with the rest, the
 * `--` ending its flags; without it, its first operand after them: tfcmtCommand), npx and `npm exec` (`npx [options] -- <pkg> [args]`, `npm exec --package=<pkg> -- <cmd> [args]`),
 * `uv run` (`uv run [options] -- <cmd> [args]`, clap's external command). `subcommand`: the word after the program that
 * names the runner (`npm exec`); `optionsOnly`: every word between it and the `--` must be an option (a `-` first) or the
 * value of one of `valued`, else the `--` may be the command's own (`npx pkg -- x`) and is left as it is.
 */
export interface SeparatedRunner {
  readonly subcommands?: readonly string[];
  readonly optionsOnly: boolean;
  readonly valued?: readonly string[];
  /**
   * Where its first operand is the command without a `--` too (npx, `npm exec`, `uv run`): the options known to take no value; any
   * other option not in `valued` may take the next word or not (npx's npx-cli.js takes it unless it starts with `-`), read both ways.
   */
  readonly switches?: readonly string[];
  /** Its parser reads its options before the sub-command too (npm's and pnpm's nopt: `npm --yes exec …`, `pnpm --package=x dlx …`; uv's global ones). */
  readonly beforeSubcommand?: true;
  /** Sub-commands that make it another runner of SEPARATED_RUNNERS, whose options follow (`uv tool run` is uvx). */
  readonly nested?: ReadonlyArray<{ readonly words: readonly string[]; readonly runner: string }>;
  /** Its options that make it run the command and its arguments, joined, as shell code (pnpm dlx's `-c`, `--shell-mode`). */
  readonly shellMode?: readonly string[];
  /**
   * Its sub-commands whose first operand is shell code, the words after it that code's arguments (yarn 2+'s `exec`: `yarn exec
   * "tsc && babel src"`), and, for another version, the program it runs (yarn 1's `exec`).
   */
  readonly codeSubcommands?: readonly string[];
  /** Its sub-commands that name the program they run, the words after them its arguments (`yarn node -e CODE` runs node, yarn 1 to 4). */
  readonly programSubcommands?: readonly string[];
  /**
   * What it reads before its sub-command where its other options are not read there: `valued`, options that take a value (yarn's
   * `--cwd DIR`), and `operands`, words that take one operand before the sub-command (`yarn workspace NAME exec …` runs `exec` in
   * that workspace, yarn 1 and yarn 4 alike), and `iterators`, words that run the sub-command after their own options once per
   * workspace (`yarn workspaces foreach -A exec …`), with those of their options that take the next word (`valued`).
   */
  readonly leading?: {
    readonly valued: readonly string[];
    readonly operands: readonly string[];
    readonly iterators?: ReadonlyArray<{ readonly words: readonly string[]; readonly valued: readonly string[] }>;
  };
}
/**
 * npm 10's boolean settings (@npmcli/config 9 definitions.js: a type of Boolean, or a list holding it), which take no value on its
 * command line (`--<name>`; `--no-<name>` too for npm's own parser, nopt).
 */
const NPM_BOOLEANS = ['all', 'allow-same-version', 'audit', 'bin-links', 'browser', 'color', 'commit-hooks', 'description', 'dev',
  'diff-ignore-all-space', 'diff-name-only', 'diff-no-prefix', 'diff-text', 'dry-run', 'engine-strict', 'expect-results', 'force',
  'foreground-scripts', 'format-package-lock', 'fund', 'git-tag-version', 'global', 'global-style', 'if-present', 'ignore-scripts',
  'include-staged', 'include-workspace-root', 'install-links', 'json', 'legacy-bundling', 'legacy-peer-deps', 'link', 'long', 'offline',
  'omit-lockfile-registry-resolved', 'optional', 'package-lock', 'package-lock-only', 'parseable', 'prefer-dedupe', 'prefer-offline',
  'prefer-online', 'production', 'progress', 'provenance', 'read-only', 'rebuild-bundle', 'save', 'save-bundle', 'save-dev', 'save-exact',
  'save-optional', 'save-peer', 'save-prod', 'shrinkwrap', 'sign-git-commit', 'sign-git-tag', 'strict-peer-deps', 'strict-ssl', 'timing',
  'unicode', 'update-notifier', 'usage', 'version', 'versions', 'workspaces', 'workspaces-update', 'yes'].map((n) => `--${n}`);

/**
 * npm's shorthands that take no next word (definitions' `short` of a boolean, and index.js' aliases that give their own value:
 * `-d` is `--loglevel info`, `-q` `--loglevel warn`, `--local` `--no-global`).
 */
const NPM_SHORT_SWITCHES = ['-a', '-f', '-g', '-l', '-S', '-B', '-D', '-E', '-O', '-P', '-?', '-H', '-h', '-v', '-y', '-ws', '--ws', '-d', '-dd', '-ddd',
  '-q', '--quiet', '-s', '--silent', '--verbose', '--desc', '--help', '--local', '--no', '--porcelain', '--readonly', '--iwr'];

/** npm's settings of a string that its shorthands name, and the others a CI step gives (each takes the next word). */
const NPM_VALUED = ['-c', '--call', '--script-shell', '--cache', '--userconfig', '-w', '--workspace', '-L', '--location', '-m', '--message', '-C',
  '--prefix', '--reg', '--registry', '--enjoy-by', '--before', '--loglevel'];

/** pnpm 10's options of dlx and exec that take a value, its global ones (`-C`/`--dir`, `-F`/`--filter`) among them. */
const PNPM_VALUED = ['--package', '--allow-build', '-C', '--dir', '-F', '--filter', '--reporter', '--loglevel', '--cpu', '--os', '--libc'];

/** pnpm 10's switches of dlx and exec (`-c`, `--shell-mode`: shell mode). */
const PNPM_SWITCHES = ['-c', '--shell-mode', '-s', '--silent', '-r', '--recursive', '-h', '--help'];

export const SEPARATED_RUNNERS: Readonly<Record<string, SeparatedRunner>> = {
  tfcmt: { optionsOnly: false },
  // npm 10 bin/npx-cli.js: its own switches and npm's boolean settings take no value, `-p` (its `--package`, not npm's `--parseable`),
  // `-c` (`--call`), `--shell` (its `--script-shell`), `-n` (removed, its value dropped) … one; the first operand is the command (it
  // puts a `--` before it)
  npx: {
    optionsOnly: true,
    valued: ['-p', '--package', '--shell', '-n', '--npm', '--node-arg', ...NPM_VALUED],
    switches: [...NPM_BOOLEANS, ...NPM_SHORT_SWITCHES, '--no-install', '--always-spawn', '--ignore-existing',
      '--shell-auto-fallback'],
  },
  // npm's parser (nopt): `-p` is `--parseable`, `-n` `--no-yes`
  npm: {
    subcommands: ['exec', 'x'],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: ['--package', ...NPM_VALUED],
    switches: [...NPM_BOOLEANS, ...NPM_SHORT_SWITCHES, '-p', '-n'],
  },
  // uv 0.8's uvx (`uv tool run [OPTIONS] [COMMAND]...`, clap): the command names the tool's package too (`--from` another)
  uvx: {
    optionsOnly: true,
    valued: ['--from', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--default-index', '-i', '--index-url',
      '--extra-index-url', '-f', '--find-links', '--directory', '--project', '--config-file', '--cache-dir', '--color', '--python-preference',
      '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--exclude-newer', '--link-mode', '-C', '--config-setting',
      '--constraints', '--overrides', '--build-constraints', '--env-file', '-P', '--upgrade-package', '--reinstall-package', '--refresh-package',
      '--no-build-package', '--no-binary-package', '--allow-insecure-host', '--fork-strategy'],
    switches: ['--isolated', '--no-cache', '-n', '-q', '--quiet', '-v', '--verbose', '--offline', '--no-config', '--native-tls', '--preview', '-U',
      '--upgrade', '--reinstall', '--refresh', '--no-build', '--no-binary', '--no-sources', '--no-progress', '--no-python-downloads',
      '--managed-python', '--no-managed-python', '--show-resolution', '--no-index', '--compile-bytecode', '--no-env-file', '-h', '--help'],
  },
  // pipx 1.7 `pipx run [options] app ...` (argparse, REMAINDER after the app): the app names the package too (`--spec` another)
  pipx: {
    subcommands: ['run'],
    optionsOnly: true,
    valued: ['--spec', '--python', '-i', '--index-url', '--pip-args', '--backend'],
    switches: ['--no-cache', '--pypackages', '--path', '-v', '--verbose', '-q', '--quiet', '--system-site-packages', '-e', '--editable',
      '--fetch-missing-python', '-h', '--help'],
  },
  // bun 1.2's bunx (`bunx [flags] <package>[@version] [args]`): the package, or `-p`'s, whose bin it runs; `bun x` is its alias, its
  // flags before the `x` too (cli.zig reads the sub-command past them, bunx_command.zig its flags from the whole argv); bun, an
  // interpreter of its own too, runs a file given another first word (interpreterAt)
  bunx: {
    optionsOnly: true,
    valued: ['-p', '--package'],
    switches: ['--bun', '--no-install', '--verbose', '--silent', '-h', '--help'],
  },
  bun: {
    subcommands: ['x'],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: ['-p', '--package'],
    switches: ['--bun', '--no-install', '--verbose', '--silent', '-h', '--help'],
  },
  // pnpm 10's dlx (`pnpm [--package <name>] dlx [--package <name>] <command> [args]`): its parser (nopt, parse-cli-args) reads the
  // options before dlx too, up to the command, after which every word is the command's; `-c` (`--shell-mode`) runs the command and
  // its arguments with /bin/sh (execa's `shell: true` joins them with spaces); `-C`/`--dir` and `-F`/`--filter` are its global options
  // (`pnpm exec` runs a program of the project's node_modules/.bin, or any on the PATH, and has the same shell mode)
  pnpm: {
    subcommands: ['dlx', 'exec'],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: PNPM_VALUED,
    switches: PNPM_SWITCHES,
    shellMode: ['-c', '--shell-mode'],
  },
  // pnpx, pnpm's alias of `pnpm dlx`
  pnpx: {
    optionsOnly: true,
    valued: PNPM_VALUED,
    switches: PNPM_SWITCHES,
    shellMode: ['-c', '--shell-mode'],
  },
  // yarn 4's dlx (`yarn dlx [-p <package>] [-q] <command> [args]`); its exec (`yarn exec <commandName> [args]`, clipanion's String
  // and Proxy) gives its first operand to its own shell as code (plugin-essentials exec.ts: scriptUtils.executePackageShellcode, then
  // @yarnpkg/shell's execute, which parses it as a POSIX-like shell line: `;`, `&&`, `|`, `$(…)`, redirections), the words after it
  // appended to its last command as arguments of plain text (data, or its `$@`); yarn 1's exec spawns its first operand as the
  // program, the words after it its arguments (cli/commands/exec.js, no shell): both are read. `yarn workspaces foreach [options]
  // <commandName> …` (plugin-workspace-tools foreach.ts, yarn 2 to 4) runs `yarn <commandName> …` in each workspace (cli.run), its
  // options before the command name: `-j`/`--jobs` (a String), `--from`, `--include` and `--exclude` (Arrays) take the next word,
  // `--since` only after `=` (tolerateBoolean), the others are flags
  yarn: {
    subcommands: ['dlx', 'exec'],
    codeSubcommands: ['exec'],
    programSubcommands: ['node'],
    leading: {
      valued: ['--cwd'],
      operands: ['workspace'],
      iterators: [{ words: ['workspaces', 'foreach'], valued: ['-j', '--jobs', '--from', '--include', '--exclude'] }],
    },
    optionsOnly: true,
    valued: ['-p', '--package'],
    switches: ['-q', '--quiet', '-h', '--help'],
  },
  // poetry 2 `poetry run [options] COMMAND [ARG…]` (cleo; its global options before `run` too: `-C`/`--directory`, `-P`/`--project`)
  poetry: {
    subcommands: ['run'],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: ['-C', '--directory', '-P', '--project'],
    switches: ['-v', '-vv', '-vvv', '--verbose', '-q', '--quiet', '-n', '--no-interaction', '--ansi', '--no-ansi', '--no-plugins', '--no-cache', '-h', '--help'],
  },
  // pipenv 2024 `pipenv run COMMAND [ARG…]` (click: its options before the command)
  pipenv: {
    subcommands: ['run'],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: ['--python', '--pypi-mirror'],
    switches: ['--system', '-v', '--verbose', '-q', '--quiet', '--clear', '-h', '--help'],
  },
  // Bundler's `bundle exec [--keep-file-descriptors] [--gemfile=GEMFILE] COMMAND`
  bundle: { subcommands: ['exec'], optionsOnly: true, valued: ['--gemfile'], switches: ['--keep-file-descriptors', '--no-keep-file-descriptors'] },
  // `conda run [-n ENV | -p PREFIX] [--cwd DIR] [--no-capture-output] COMMAND …` (argparse, REMAINDER after the command), mamba's too
  conda: {
    subcommands: ['run'],
    optionsOnly: true,
    valued: ['-n', '--name', '-p', '--prefix', '--cwd'],
    switches: ['--live-stream', '--no-capture-output', '-v', '--verbose', '--debug', '--dev', '-h', '--help'],
  },
  // uv 0.8 `uv run [OPTIONS] [COMMAND]...` (clap, its command's words taken as they are); `uv tool run` is uvx (uvx its alias); its
  // global options (clap's `global = true`: `--directory`, `--project`, `-q` …) before the sub-command too
  uv: {
    subcommands: ['run'],
    nested: [{ words: ['tool', 'run'], runner: 'uvx' }],
    beforeSubcommand: true,
    optionsOnly: true,
    valued: ['--with', '--python', '-p', '--package', '--directory', '--project', '--env-file', '--index', '--extra', '--group', '--cache-dir',
      '--color', '--config-file', '--python-preference', '--allow-insecure-host'],
    switches: ['--frozen', '--locked', '--no-sync', '--isolated', '--all-extras', '--no-dev', '--dev', '-q', '--quiet', '-v', '--verbose', '--no-project',
      '--active', '--exact', '--all-packages', '--no-editable', '--offline', '--no-cache', '--native-tls', '--preview', '--no-config', '--no-env-file',
      '--no-progress', '--no-python-downloads', '--managed-python', '--no-managed-python', '--show-settings'],
  },
};

/**
 * The index in `argv` of the `--` after which the program at `programIndex` (SEPARATED_RUNNERS) runs the next word as a
 * command of its own, its options read afresh; undefined where the program runs none so (the `--` then ends its own options).
 */
export function separatedCommand(argv: readonly string[], programIndex: number): number | undefined {
  const runner = own(SEPARATED_RUNNERS, basename(argv[programIndex] ?? ''));
  if (runner === undefined) return undefined;
  let i = programIndex + 1;
  if (runner.subcommands !== undefined) {
    if (!runner.subcommands.includes(argv[i] ?? '')) return undefined;
    i++;
  }
  for (; i < argv.length; i++) {
    if (argv[i] === '--') return i + 1 < argv.length ? i : undefined;
    if (!runner.optionsOnly) continue;
    if (runner.valued?.includes(argv[i]) && i + 1 < argv.length && argv[i + 1] !== '--') i++;
    else if (!argv[i].startsWith('-')) return undefined;
  }
  return undefined;
}

/**
 * The indexes in `argv` where the command the runner at `programIndex` (SEPARATED_RUNNERS) runs may start: tfcmt's after its `--`
 * (separatedCommand) or tfcmtCommand; for a runner whose first operand is the command (`switches`), that operand or the word after
 * its `--`, by each reading of its options (runnerOptionReadings, which commandsRunBy reads too); empty where it runs none. npx and
 * `npm exec` run no command given `-c`/`--call`, whose code they run instead.
 */
export function runnerCommands(argv: readonly string[], programIndex: number): number[] {
  const runner = own(SEPARATED_RUNNERS, basename(argv[programIndex] ?? ''));
  if (runner === undefined) return [];
  if (runner.switches === undefined) {
    const separator = separatedCommand(argv, programIndex);
    if (separator !== undefined) return [separator + 1];
    return runner === SEPARATED_RUNNERS.tfcmt ? tfcmtCommand(argv, programIndex) : [];
  }
  return (runnerOptionReadings(argv, programIndex) ?? []).flatMap((r) => (r.command === undefined || r.shellMode === true ? [] : [r.command]));
}

/**
 * The index in `argv` from which the runner at `programIndex` runs the words as shell code (the first reading of its options that
 * does): pnpm dlx's command and its arguments in shell mode (`-c`, `--shell-mode`), which it gives to execa with `shell: true`, so
 * /bin/sh runs them joined with spaces (pnpm 10 dlx.ts); undefined where it runs none so.
 */
export function runnerShellCode(argv: readonly string[], programIndex: number): number | undefined {
  return runnerOptionReadings(argv, programIndex)?.find((r) => r.shellMode === true && r.command !== undefined)?.command;
}

/**
 * What pnpm's shell mode (runnerShellCode: `pnpm dlx`, `pnpm exec`, pnpx) does with a word of the command, the runner named as written
 * at `programIndex` of `argv` (a phrase for a message, after "is" or "it is").
 */
export function shellModeProblem(argv: readonly string[], programIndex: number): string {
  const name = basename(argv[programIndex] ?? '');
  const sub = name === 'pnpm' ? argv.slice(programIndex + 1).find((w) => w === 'dlx' || w === 'exec') : undefined;
  return `in the command ${sub === undefined ? name : `pnpm ${sub}`} runs in shell mode (-c, --shell-mode), which /bin/sh runs as code (the command `
    + 'and its arguments joined with spaces)';
}

/**
 * The code npx or `npm exec` at `programIndex` of `argv` runs given `-c` (`--call`), the first reading of its options that runs one, with
 * the index in argv of the word that holds it (`--call=CODE` too), and what is done with it (a phrase for a message, after "it is": the
 * runner and its option as written, the script shell that runs it).
 */
export function runnerCall(argv: readonly string[], programIndex: number): { code: string; at?: number; shell: string; problem: string } | undefined {
  const reading = runnerOptionReadings(argv, programIndex)?.find((r) => r.call !== undefined);
  if (reading?.call === undefined) return undefined;
  const name = basename(argv[programIndex] ?? '');
  const sub = name === 'npm' ? argv.slice(programIndex + 1).find((w) => w === 'exec' || w === 'x') : undefined;
  const runner = sub === undefined ? name : `npm ${sub}`;
  const problem = `the code of ${runner} ${reading.callOption ?? '-c'}, which npm runs with its script shell (${reading.shell} -c)`;
  return { code: reading.call, ...reading.callAt === undefined ? {} : { at: reading.callAt }, shell: reading.shell, problem };
}

/**
 * The index in `argv` of the one word the runner at `programIndex` runs as shell code, its first operand (`codeSubcommands`: `yarn
 * exec CODE`, which yarn 2 and later give their own shell; yarn 1 runs it as the program); undefined where it runs none so.
 */
export function runnerCodeWord(argv: readonly string[], programIndex: number): number | undefined {
  return runnerOptionReadings(argv, programIndex)?.find((r) => r.codeWord === true && r.command !== undefined)?.command;
}

/**
 * One reading of the options of a runner whose first operand is the command (SEPARATED_RUNNERS with `switches`): where its command
 * starts (`command`, an index of argv), or the code it runs instead (`call`): npx's and `npm exec`'s `-c` (`--call`), refused beside a
 * command (npm's exec.js: a usage error, so neither runs), run by `shell`; `shellMode`: pnpm dlx's `-c` (`--shell-mode`), which runs
 * its command and arguments joined as the code of `shell`; `codeWord`: the command's first word is shell code too (`codeSubcommands`:
 * `yarn exec`, read as the code of `shell`).
 */
interface RunnerOptionsReading {
  readonly command?: number;
  readonly call?: string;
  /** The option that gives `call`, as written (`-c`, `--call`), and the index in argv of the word that holds `call`. */
  readonly callOption?: string;
  readonly callAt?: number;
  readonly shell: string;
  readonly shellMode?: true;
  readonly codeWord?: true;
}

/**
 * The readings of the options of the runner at `programIndex` of `argv` whose first operand is the command (`switches`), each way an
 * option it does not know may be read (at most four; first as one that takes no value, then taking the next word where that does
 * not start with `-`, as npx-cli.js and nopt take it), up to its first operand after the sub-command or a `--` (the command after
 * it); its options before the sub-command too where its parser reads them there (`beforeSubcommand`: npm's and pnpm's nopt, uv's global options); a
 * sub-command that makes it another runner (`nested`: `uv tool run` is uvx). npx's and npm's `-c` (`--call`), the last given, runs
 * with the script shell (`--script-shell`, npx's `--shell`, else `sh`: libnpmexec gives it to @npmcli/run-script). Undefined for
 * another program, another sub-command, or a runner read otherwise (tfcmt).
 */
function runnerOptionReadings(argv: readonly string[], programIndex: number): RunnerOptionsReading[] | undefined {
  const name = basename(argv[programIndex] ?? '');
  const first = own(SEPARATED_RUNNERS, name);
  if (first?.switches === undefined) return undefined;
  const npm = name === 'npx' || name === 'npm';
  const out: RunnerOptionsReading[] = [];
  interface State {
    from: number;
    branches: number;
    runner: SeparatedRunner;
    sub: boolean;
    call?: string;
    callOption?: string;
    callAt?: number;
    shell: string;
    shellMode: boolean;
    codeWord: boolean;
  }
  // (the main reading first, an option not known taking no value; then the readings where it takes the next word)
  const pending: State[] = [{ from: programIndex + 1, branches: 0, runner: first, sub: first.subcommands === undefined, shell: 'sh', shellMode: false, codeWord: false }];
  let known = false;
  for (let next = pending.shift(); next !== undefined && out.length < 4; next = pending.shift()) {
    let { runner, sub, call, callOption, callAt, shell, shellMode, codeWord } = next;
    let command: number | undefined;
    // (where the sub-command may stand: right after the program, or after what `leading` reads before it)
    let lead = programIndex + 1;
    for (let i = next.from; i < argv.length; i++) {
      const a = argv[i];
      if (!sub && i === lead && runner.leading !== undefined) {
        const glued = runner.leading.valued.some((o) => a.startsWith(`${o}=`));
        if (glued || runner.leading.valued.includes(a) || runner.leading.operands.includes(a)) {
          if (!glued) i++;
          lead = i + 1;
          continue;
        }
        const iterator = runner.leading.iterators?.find((t) => t.words.every((w, k) => argv[i + k] === w));
        if (iterator !== undefined) {
          // (past its words and its options, the sub-command it runs)
          i += iterator.words.length;
          for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-' && argv[i] !== '--'; i++) if (iterator.valued.includes(argv[i])) i++;
          lead = i;
          i--;
          continue;
        }
      }
      if (a === '--') {
        if (sub && i + 1 < argv.length) command = i + 1;
        break;
      }
      if (!a.startsWith('-') || a === '-') {
        if (sub) {
          command = i;
        } else if (i === lead || runner.beforeSubcommand === true) {
          const nested = runner.nested?.find((n) => n.words.every((w, k) => argv[i + k] === w));
          if (nested !== undefined) {
            runner = SEPARATED_RUNNERS[nested.runner];
            i += nested.words.length - 1;
            sub = true;
            continue;
          }
          if (runner.programSubcommands?.includes(a) === true) {
            sub = true;
            command = i;
            break;
          }
          if (runner.subcommands!.includes(a)) {
            sub = true;
            codeWord = runner.codeSubcommands?.includes(a) === true;
            continue;
          }
        }
        break;
      }
      if (!sub && runner.beforeSubcommand !== true) break;
      const eq = a.indexOf('=');
      const option = eq < 0 ? a : a.slice(0, eq);
      let value: string | undefined;
      if (eq >= 0) {
        value = a.slice(eq + 1);
      } else if (runner.valued?.includes(option)) {
        value = argv[++i];
      } else if (!runner.switches!.includes(option) && next.branches < BRANCHES && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
        // an option not known: it takes the next word, or none
        const given = call === undefined ? {} : { call, callOption, callAt };
        pending.push({ from: i + 2, branches: next.branches + 1, runner, sub, ...given, shell, shellMode, codeWord });
      }
      if (runner.shellMode?.includes(option)) shellMode = true;
      if (value === undefined || !npm) continue;
      if (option === '-c' || option === '--call') {
        call = value;
        callOption = option;
        callAt = i;
      }
      if (option === '--script-shell' || (name === 'npx' && option === '--shell')) shell = value;
    }
    if (!sub) continue;
    known = true;
    if (call !== undefined) {
      if (command === undefined) out.push({ call, shell, ...callOption === undefined ? {} : { callOption, callAt } });
    } else if (command !== undefined) {
      out.push({ command, shell, ...shellMode ? { shellMode: true } : {}, ...codeWord ? { codeWord: true } : {} });
    }
  }
  return known ? out : undefined;
}

/** tfcmt 4's flags that take a value (`-name VALUE`, `--name VALUE`; `=` joins one), given before its sub-command or after it. */
const TFCMT_VALUED = /^--?(owner|repo|sha|build-url|log-level|pr|config|var|output)$/;

/**
 * Where the command of `tfcmt plan` or `tfcmt apply` without a `--` starts: the first operand after the sub-command and the flags
 * (urfave/cli v3 command_parse.go, as tfcmt 4 uses it: the sub-command's `command` argument, the operands after it its `args`; v3
 * reads a later word starting with `-` as tfcmt's own flag, v2 as the command's). Empty for another sub-command, or none given.
 */
function tfcmtCommand(argv: readonly string[], programIndex: number): number[] {
  let sub = false;
  for (let i = programIndex + 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a !== '-') {
      if (TFCMT_VALUED.test(a)) i++;
      continue;
    }
    if (sub) return [i];
    if (a !== 'plan' && a !== 'apply') return [];
    sub = true;
  }
  return [];
}

/**
 * sudo 1.9's options (src/parse_args.c: getopt_long `+Aa:BbC:c:D:Eeg:Hh::iKklNnPp:R:r:SsT:t:U:u:Vv`, `--preserve-env`'s list
 * only after `=`), and OpenBSD doas' and OpenDoas' (getopt `+a:C:Lnsu:`, no long options).
 */
const PRIVILEGED: Readonly<Record<string, Grammar>> = {
  sudo: {
    short: 'Aa:BbC:c:D:Eeg:Hh::iKklNnPp:R:r:SsT:t:U:u:Vv',
    long: {
      'background': 'none',
      'preserve-env': 'optional',
      'edit': 'none',
      'set-home': 'none',
      'login': 'none',
      'remove-timestamp': 'none',
      'list': 'none',
      'preserve-groups': 'none',
      'shell': 'none',
      'other-user': 'required',
      'validate': 'none',
      'askpass': 'none',
      'auth-type': 'required',
      'bell': 'none',
      'close-from': 'required',
      'login-class': 'required',
      'chdir': 'required',
      'group': 'required',
      'help': 'none',
      'host': 'required',
      'reset-timestamp': 'none',
      'no-update': 'none',
      'non-interactive': 'none',
      'prompt': 'required',
      'chroot': 'required',
      'role': 'required',
      'stdin': 'none',
      'command-timeout': 'required',
      'type': 'required',
      'user': 'required',
      'version': 'none',
    },
  },
  doas: { short: 'a:C:Lnsu:', long: {} },
};

/** sudo's long options by the letter they stand for, where the reading of its mode needs it. */
const SUDO_LETTERS: Readonly<Record<string, string>> = {
  'edit': 'e',
  'list': 'l',
  'validate': 'v',
  'remove-timestamp': 'K',
  'version': 'V',
  'help': 'h',
  'shell': 's',
  'login': 'i',
  'reset-timestamp': 'k',
  'chdir': 'D',
  'preserve-env': 'E',
  'chroot': 'R',
  'close-from': 'C',
  'user': 'u',
};

/** One reading of the arguments of `sudo` or `doas`. */
export interface PrivilegeReading {
  /** The index (in the arguments read) of the command it runs; undefined when it runs none of them. */
  readonly command?: number;
  /**
   * Whether, given no command, it starts a shell, which reads its standard input (`sudo -s`, `sudo -i`, `sudo` alone,
   * `doas -s`). With a command, `sudo -s` and `-i` run it as `$SHELL -c` of its words joined, each character but letters,
   * digits, `_`, `-` and `$` escaped: the same words, `$NAME` expanded.
   */
  readonly shell: boolean;
  /** The directories it moves to before it runs the command (`sudo -D DIR`, `--chdir`). */
  readonly chdirs: readonly string[];
  /** The root directories it makes the command's, the shell's too (`sudo -R DIR`, `--chroot`). */
  readonly roots: readonly string[];
  /** The `NAME=VALUE` arguments sudo sets in the command's environment (among its options, before `--`), by index. */
  readonly assignments: ReadonlyArray<{ readonly index: number; readonly name: string; readonly value: string }>;
  /**
   * The lowest descriptor it closes, with every one above it, before it runs the command: 3 (sudoers' `closefrom` default,
   * doas' `closefrom(STDERR_FILENO + 1)`), or N of sudo's `-C N` (`--close-from=N`), which sudoers honours only where its
   * `closefrom_override` permits (else sudo refuses to run): the descriptors below N may reach the command; Infinity where
   * the value is not written as digits (`-C "$N"`: any).
   */
  readonly closeFrom: number;
  /** sudo's `-i` (`--login`): the command, or none, runs in a login shell of the target user (its argv[0] starting with `-`). */
  readonly login?: boolean;
  /** The target user of sudo's `-u` (`--user`; the last given), else undefined (root). */
  readonly user?: string;
}

/**
 * How `sudo` or `doas` reads its arguments `after` (those after its name), by its grammar (an option it does not know read every
 * way it may be); undefined for another program. sudo reads `NAME=VALUE` among its options as the command's environment, and
 * the word after a lone `-h` that is neither an option nor such an assignment as the host; it runs no command when it edits
 * (`-e`), lists or checks (`-l`), validates (`-v`), removes or resets its timestamps alone (`-K`, `-k`), prints its help or
 * version (`-h`, `-V`), or is given options it refuses together; doas none when it checks its configuration (`-C`), clears its
 * persisted authentication (`-L`), or is given both `-s` and a command, or neither. At most MAX_READINGS readings.
 */
export function privilegeReadings(program: string, after: readonly string[]): PrivilegeReading[] | undefined {
  const name = basename(program);
  const grammar = own(PRIVILEGED, name);
  if (grammar === undefined) return undefined;
  const out: PrivilegeReading[] = [];
  type Read = { name: string; value?: string };
  const judge = (options: Read[], command: number | undefined, assignments: PrivilegeReading['assignments']): void => {
    const letters = options.map((o) => (o.name.length === 1 ? o.name : own(SUDO_LETTERS, o.name) ?? o.name));
    const has = (letter: string) => letters.includes(letter);
    const valuesOf = (letter: string) => (name === 'sudo' ? options.filter((o, k) => letters[k] === letter && o.value !== undefined).map((o) => o.value!) : []);
    const chdirs = valuesOf('D');
    const roots = valuesOf('R');
    if (name === 'doas') {
      const closeFrom = 3;
      // -C checks the configuration (and whether it permits the command); -L clears the persisted authentication and exits
      if (has('C') || has('L') || has('s') === (command !== undefined)) return void out.push({ shell: false, chdirs, roots, assignments, closeFrom });
      return void out.push(command === undefined ? { shell: true, chdirs, roots, assignments, closeFrom }
        : { command, shell: false, chdirs, roots, assignments, closeFrom });
    }
    // sudo 1.9's -C N (src/parse_args.c): a number from 3 (sudo_strtonum: blanks and a sign before it), given once, else its usage
    const closes = valuesOf('C');
    const written = closes.length === 1 && /^\s*[-+]?[0-9]+$/.test(closes[0]) ? Number(closes[0]) : undefined;
    const closeFrom = closes.length === 0 ? 3 : written ?? Infinity;
    // -h without a value (not --host, nor -hHOST) is the help
    const help = options.some((o, k) => letters[k] === 'h' && o.value === undefined);
    const shell = has('s') || has('i');
    // modes that run no command, options refused together (-i with -s or -E), -k alone
    const none = has('e') || has('l') || has('v') || has('K') || has('V') || help || (has('i') && (has('s') || options.some((o, k) => letters[k] === 'E' && o.value === undefined)))
      || (has('k') && command === undefined && !shell);
    const refused = closes.length > 1 || closeFrom < 3;
    if (none || refused) return void out.push({ shell: false, chdirs, roots, assignments, closeFrom });
    const target = { ...has('i') ? { login: true } : {}, ...valuesOf('u').length > 0 ? { user: valuesOf('u').pop() } : {} };
    out.push(command === undefined ? { shell: true, chdirs, roots, assignments, closeFrom, ...target }
      : { command, shell, chdirs, roots, assignments, closeFrom, ...target });
  };
  const read = (from: number, before: Read[], assignments: PrivilegeReading['assignments'], depth: number): void => {
    const readings = readArguments(grammar, after.slice(from));
    // the main reading (every option not known taking no value) first
    for (const reading of [readings[readings.length - 1], ...readings.slice(0, -1)]) {
      if (out.length >= MAX_READINGS) return;
      const options: Read[] = [...before, ...reading.options.map((o) => ({ name: o.name, value: o.value }))];
      const first = reading.operands.length === 0 ? undefined : from + reading.operands[0];
      const word = first === undefined ? '' : after[first];
      const last = reading.options[reading.options.length - 1];
      // sudo resumes its options after NAME=VALUE (not after `--`), and after the host named by the word after a lone -h
      const envar = !word.startsWith('/') && !word.startsWith('=') && word.includes('=');
      const host = last !== undefined && after[from + last.at] === '-h' && last.value === undefined && first === from + last.at + 1
        && !word.startsWith('-') && !envar;
      if (name === 'sudo' && first !== undefined && reading.separator !== 0 && (envar || host) && depth < 8) {
        const eq = word.indexOf('=');
        read(first + 1, host ? [...options.slice(0, -1), { name: 'h', value: word }] : options,
          host ? assignments : [...assignments, { index: first, name: word.slice(0, eq), value: word.slice(eq + 1) }], depth + 1);
        continue;
      }
      judge(options, first, assignments);
    }
  };
  read(0, [], [], 0);
  return out;
}

/**
 * The evaluators of each interpreter whose `-c`/`-e` code may get its arguments as data (`python3 -c CODE ARG…`): a name in the code
 * that can run a string as code or a command (or open a file by a name that runs one, perl's 2-argument `open` and `<>`), where the
 * code may pass what it reads from its arguments; `reads` names the arguments as the code reads them.
 */
const ARGV_READERS: ReadonlyArray<{
  readonly program: RegExp;
  readonly reads: string;
  readonly evaluators: RegExp;
  /** Whether it reads no option after its code (python's `-c CODE`); else up to its first operand or `--`. */
  readonly endsAtCode: boolean;
  /** The letters of its option groups that read the arguments as more than data, and the letters whose value is the rest of the word. */
  readonly switches?: RegExp;
  readonly valueLetters?: RegExp;
}> = [
  {
    program: PYTHON,
    reads: 'sys.argv',
    evaluators: new RegExp('\\b(eval|exec|compile|__import__|import_module|execfile|runpy|system|popen[0-9]?|spawn[a-z]*|exec[lv]p?e?|subprocess|Popen'
      + '|call|check_call|check_output|getoutput|getstatusoutput|pickle|marshal|loads?|getattr|setattr|globals|locals|vars|__builtins__|builtins|input|breakpoint|pty|ctypes|load_module|reload|shell)\\b'),
    endsAtCode: true,
  },
  {
    program: /^(node|nodejs)$/,
    reads: 'process.argv',
    evaluators: /\b(eval|Function|child_process|exec|execSync|execFile|execFileSync|spawn|spawnSync|fork|require|import|vm|runIn[A-Za-z]*|setTimeout|setInterval|setImmediate|Worker|globalThis|global|process\.binding|module)\b/,
    endsAtCode: false,
  },
  {
    program: /^perl[0-9.]*$/,
    reads: '@ARGV',
    // (perl 5.36, run here: `perl -ne print 'echo PWNED|'` and `perl -e 'print while <>' 'echo PWNED|'` ran echo; `<<>>` opens it as a file)
    evaluators: /\b(eval|system|exec|qx|open|sysopen|do|require|use|glob|readpipe|s|tr|y|sort|map|grep|dump|syscall|fork|pipe|sub|AUTOLOAD)\b|`|<[\w$]*>|&\$|->\s*\(|\$\$|\$\{/,
    endsAtCode: false,
    switches: /[snpaF]/,
    valueLetters: /[IMmxdDCiFeE]/,
  },
  {
    program: RUBY,
    reads: 'ARGV',
    evaluators: new RegExp('\\b(eval|instance_eval|class_eval|module_eval|instance_exec|class_exec|binding|system|exec|spawn|fork|syscall|open|popen[0-9]*|Open3|IO|Kernel'
      + '|Process|PTY|send|__send__|public_send|method|define_method|const_get|constantize|require|require_relative|load|autoload|Marshal|YAML|Psych|ERB|instance_variable_set)\\b|`|%x'),
    endsAtCode: false,
    switches: /s/,
    valueLetters: /[IrCExKTWUe]/,
  },
];

/**
 * For an interpreter at `run` given its code in an option (`python3 -c CODE`, `node -e CODE`, `perl -e CODE`, `ruby -e CODE`) at the
 * indexes `code` of argv (codeArguments), the indexes of the arguments after the code that it passes to the code as data, its
 * arguments as `reads` names them: every one after python's `-c CODE` (CPython 3.11, run here: `python3 -c 'import sys;
 * print(sys.argv)' a -c X --foo` printed ['-c', 'a', '-c', 'X', '--foo']); node's, perl's and ruby's read options up to their first
 * operand or `--` (node 20, perl 5.36, ruby 3.1, run here: `node -e 'console.log(process.argv)' --eval='console.log(666)'` printed
 * 666, `node -e … a --eval=…` and `… -- --eval=…` gave it as data; perl's and ruby's `-e X a -e Y` gave `a -e Y` to @ARGV, ARGV):
 * there, from that operand (or the word after `--`), none where a word before it is another option (one may take a value, or run
 * code) or `starts` says a caller's value may begin it, nor where the word after the code is one `unknown` says may start with a value
 * not known here (a variable the script does not fix: `node -e CODE "$OPT" "$X"` with OPT=--inspect runs X=--eval=CODE, node 18 run).
 * Undefined for another program, where a code word holds a caller's value (`caller`) or a word before the code is one (it may move the code).
 * `evaluator` is the first name in the code that may run what it reads as code (ARGV_READERS), undefined where none does; `switch` the
 * option group before the code whose switch reads the arguments as more than data (`-s`, perl's `-n` and `-p`), the arguments from
 * after the code then; `option` that a word after the code may be the interpreter's option (the arguments from there).
 */
export function codeArgvData(argv: readonly string[], run: Invocation, code: readonly number[], starts: (text: string) => boolean,
  caller: (text: string) => boolean, unknown: (text: string) => boolean = starts): CodeArgvData | undefined {
  const reader = ARGV_READERS.find((r) => r.program.test(basename(run.program ?? '')));
  if (reader === undefined || code.length === 0 || run.splitStrings.length > 0) return undefined;
  const last = Math.max(...code);
  const before = argv.slice(run.programIndex + 1, last + 1);
  if (code.some((i) => caller(argv[i])) || before.some((text) => starts(text))) return undefined;
  // (the switches among the options before the code that read the arguments as more than data: -s, which sets variables the
  // arguments name, and perl's -n and -p, with -a and -F that imply -n, whose loop opens each argument as `<>` does; up to a letter
  // whose value is the rest of its word)
  const after = (from: number) => argv.map((_, i) => i).filter((i) => i >= from);
  const switched = before.find((text, k) => !code.includes(run.programIndex + 1 + k) && readsArguments(text, reader));
  if (switched !== undefined) return { indexes: after(last + 1), reads: reader.reads, switch: switched };
  let from = last + 1;
  if (!reader.endsAtCode) {
    if (argv[from] === '--') from++;
    else if (from < argv.length && (argv[from].startsWith('-') || starts(argv[from]) || unknown(argv[from]))) return { indexes: after(from), reads: reader.reads, option: true };
  }
  const found = reader.evaluators.exec(code.map((i) => argv[i]).join('\n'));
  return { indexes: after(from), reads: reader.reads, ...found === null ? {} : { evaluator: found[0] } };
}

/**
 * The arguments an interpreter gives its code as data (codeArgvData): their indexes, and how the code reads them (`sys.argv`); the
 * evaluator the code names that it may give them to; the option group before the code whose switch reads them as more than data
 * (`-ne`); or, `option`, that one there may be read as the interpreter's option (no operand nor `--` after the code before it).
 */
export interface CodeArgvData {
  readonly indexes: readonly number[];
  readonly reads: string;
  readonly evaluator?: string;
  readonly switch?: string;
  readonly option?: boolean;
}

/**
 * How the interpreter `name` reads an argument after its code where codeArgvData tells it (`data`), after "an argument NAME": one it
 * may read as its own option, one a switch before the code reads as more than data, or one the code may give the evaluator it names.
 */
export function argvDataReading(name: string, data: CodeArgvData): string {
  if (data.option === true) {
    return `may read as its own option (it reads options up to its first operand or -- after the code: a value such as ${/^node/.test(name) ? '--eval=CODE' : '-eCODE'} `
      + `runs code), and only from there gives its code as data (${data.reads})`;
  }
  return `gives its code as data (${data.reads}), `
    + (data.switch !== undefined
      ? `which its switch ${data.switch} reads as more than data (-n and -p open each as <> does, where a value such as 'cmd|' runs cmd; -s sets the variable each names)`
      : `where the code names ${data.evaluator}, which may run it as code`);
}

/** Whether the option group `text` holds a switch of `reader` (up to a letter whose value is the rest of the word: `-Mstrict` none). */
function readsArguments(text: string, reader: (typeof ARGV_READERS)[number]): boolean {
  const letters = /^-([A-Za-z0-9]+)/.exec(text)?.[1] ?? '';
  const upTo = reader.valueLetters === undefined ? -1 : letters.search(reader.valueLetters);
  return reader.switches?.test(upTo < 0 ? letters : letters.slice(0, upTo + 1)) === true;
}
