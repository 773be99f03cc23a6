/**
 * Options whose value a program runs as a command (or reads as a file of commands): a
 * substitution there is code, however literal the option name before it. Known for the
 * tools CI steps run with fetched or built content (git, tar, rsync, scp, sftp, zip, buildah, cosign, npx and `npm exec`, the package
 * runners, gdb's, vim's and at's files of commands; ssh runs its
 * arguments as a remote command, which SCRIPT_INJECTION judges whole);
 * any other program's options are not known.
 */
import { basename } from './argv';
import { GIT_VALUE_SHORTS, gitSubcommandIndex, SHORT_VALUES, shortGroupValue } from './configured-code';
import { own } from './own';

/** An option that takes its value in the same argument (`--rsh=x`, `-ex`) or the next (`-e x`). */
interface CommandOption {
  /** As written: `--upload-pack`, `-e`. */
  readonly name: string;
  /** What its value is, for messages. */
  readonly runs: string;
  /** The git sub-commands it belongs to, after their name (undefined: wherever it stands). */
  readonly subs?: RegExp;
  /** A global option of git: before its sub-command alone (git 2.39 git.c handle_options). */
  readonly global?: true;
  /** Read by its whole name alone, never abbreviated (spf13/pflag takes no prefix of a long option: `--ke=x` is refused). */
  readonly exact?: true;
  /**
   * The value runs only where it starts so (cosign's `pkcs11:`): the literal text of the value before the substitution must be a start
   * of such a value, or hold one whole (`k8s://$(params.x)` cannot become a `pkcs11:` URI).
   */
  readonly runsWhen?: RegExp;
}

const GIT: readonly CommandOption[] = [
  { name: '--upload-pack', runs: 'runs on the remote side as a command (over ssh, or locally for a local path)' },
  // clone's alone in git 2.39 (builtin/clone.c); fetch's and push's -u are flags, add's and commit's others
  { name: '-u', runs: 'runs as the upload-pack command', subs: /^clone$/ },
  { name: '--receive-pack', runs: 'runs as the receive-pack command' },
  { name: '--exec', runs: 'runs as the upload-pack or receive-pack command' },
  { name: '--config', runs: 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it', subs: /^clone$/ },
  // git's own -c before the sub-command, clone's --config after it (commit's -c is --reedit-message)
  { name: '-c', runs: 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it', global: true },
  { name: '-c', runs: 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it', subs: /^clone$/ },
  { name: '--config-env', runs: 'sets a git configuration value from an env var, and keys such as core.sshCommand run it', global: true },
  { name: '--exec-path', runs: 'names the directory git runs its sub-commands from', global: true },
  // clone's and init's: the templates, hooks among them, are copied into the new repository, and clone runs its post-checkout hook
  // (git 2.55 builtin/clone.c)
  { name: '--template', runs: 'names the template directory, whose hooks git copies into the new repository (clone runs post-checkout)', subs: /^(clone|init)$/ },
  { name: '--git-dir', runs: 'names the repository whose configuration and hooks git runs', global: true },
  // (grep's, commit's, am's and apply's -C are others)
  { name: '-C', runs: 'names the directory git runs in, whose repository configuration and hooks it runs', global: true },
];
const TAR: readonly CommandOption[] = [
  { name: '--to-command', runs: 'runs as a command for each file extracted' },
  { name: '--use-compress-program', runs: 'runs as the compressor' },
  { name: '-I', runs: 'runs as the compressor' },
  { name: '--checkpoint-action', runs: 'runs as a command at each checkpoint (exec=)' },
  { name: '--info-script', runs: 'runs as a command at the end of each volume' },
  { name: '--new-volume-script', runs: 'runs as a command at the end of each volume' },
  { name: '-F', runs: 'runs as a command at the end of each volume' },
  { name: '--rsh-command', runs: 'runs as the remote shell' },
  { name: '--rmt-command', runs: 'runs as the remote tape command' },
];
const RSYNC: readonly CommandOption[] = [
  { name: '--rsh', runs: 'runs as the remote shell' },
  { name: '-e', runs: 'runs as the remote shell' },
  { name: '--rsync-path', runs: 'runs on the remote side as a command' },
];
const SSH: readonly CommandOption[] = [
  { name: '-o', runs: 'sets an ssh option, and ProxyCommand, LocalCommand, KnownHostsCommand or Match exec run it' },
  { name: '-F', runs: 'names the ssh configuration file, whose ProxyCommand and LocalCommand run' },
  { name: '-S', runs: 'names the control socket, through which another connection runs the session' },
];
// containers/buildah v1.44 (cmd/buildah/build.go, pkg/cli/common.go): `--runtime` names the OCI runtime it runs, and the OCI hooks
// and CDI specs of `--hooks-dir` and `--cdi-config-dir` name programs the runtime runs for each container
const BUILDAH: readonly CommandOption[] = [
  { name: '--runtime', runs: 'names the OCI runtime program it runs' },
  { name: '--hooks-dir', runs: 'names the directory of OCI hooks, whose programs run for each container' },
  { name: '--cdi-config-dir', runs: 'names the directory of CDI specs, whose hooks run for each container' },
];
// sigstore/cosign v3.1 (cmd/cosign/cli/options, pkg/signature/keys.go): `--key` of sign, verify, attest, sign-blob … names the key,
// and a `pkcs11:` URI's `module-path` names the PKCS#11 library cosign loads into its process (builds with the pkcs11key tag); cobra's
// pflag reads `--key VALUE` and `--key=VALUE` alike, and no abbreviation
const COSIGN: readonly CommandOption[] = [
  {
    name: '--key',
    runs: "names the key, and a pkcs11: URI's module-path names a library cosign (built with pkcs11key) loads and runs",
    exact: true,
    runsWhen: /^(p(k(c(s(1(1(:.*)?)?)?)?)?)?)?$/s,
  },
];
const ZIP: readonly CommandOption[] = [
  { name: '--unzip-command', runs: 'runs as the command that tests the archive' },
  { name: '-TT', runs: 'runs as the command that tests the archive' },
];
/** What a runner does with the package an option names. */
const PACKAGE_RUNS = 'names the package it installs and runs a program of (any package of the registry, a git repository or an archive URL)';
// npm 10's exec (npx, `npm exec`): `-c CODE`/`--call=CODE` runs CODE with its script shell (`sh -c`, npm run-script's), anywhere npm reads its options
const NPM_EXEC: readonly CommandOption[] = [
  { name: '--call', runs: 'runs as shell code (npm runs it with its script shell, sh -c)' },
  { name: '-c', runs: 'runs as shell code (npm runs it with its script shell, sh -c)' },
  { name: '--package', runs: PACKAGE_RUNS },
];
// the package a runner installs and runs a program of (npx's `-p`, its `--package`; npm's `-p` is `--parseable`)
const NPX: readonly CommandOption[] = [...NPM_EXEC, { name: '-p', runs: PACKAGE_RUNS }];
// uv 0.8's `--from` (uvx, `uv tool run` and `install`: the tool's package) and `--with` (a package it installs beside it, whose build runs)
const UV: readonly CommandOption[] = [
  { name: '--from', runs: PACKAGE_RUNS },
  { name: '--with', runs: 'names a package it installs for the command (a source distribution or a git repository runs its build code)' },
  { name: '--with-editable', runs: 'names a package it installs for the command (a source distribution or a git repository runs its build code)' },
];
// pipx 1.7's `--spec` (run, install), bun's bunx `-p`/`--package` (`bun x` too: bun's other words are an interpreter's), pnpm dlx's `--package` (before dlx or after it), yarn 4 dlx's
// `-p`/`--package` (clipanion's Option.Array)
const PIPX: readonly CommandOption[] = [{ name: '--spec', runs: PACKAGE_RUNS }];
const BUNX: readonly CommandOption[] = [{ name: '--package', runs: PACKAGE_RUNS }, { name: '-p', runs: PACKAGE_RUNS }];
const DLX: readonly CommandOption[] = [{ name: '--package', runs: PACKAGE_RUNS }];
const YARN_DLX: readonly CommandOption[] = [{ name: '--package', runs: PACKAGE_RUNS }, { name: '-p', runs: PACKAGE_RUNS }];

// gdb 13's files of commands (getopt_long_only: one dash or two): `-x FILE`, `--command=FILE`, `-ix`, `--init-command`; its commands
// themselves (`-ex` …) are read as shell.ts editorCommands reads them
const GDB_FILE = 'names a file of commands gdb runs as typed at its prompt, where shell, !, pipe and python run programs (any file the container can read)';
const GDB: readonly CommandOption[] = ['-x', '--x', '-command', '--command', '-ix', '--ix', '-init-command', '--init-command'].map((name) => ({ name, runs: GDB_FILE }));
// vim 9's `-S FILE` (a Vim script it sources after the first file) and `-u FILE` (its vimrc): Ex commands, where :! runs a shell
const VIM: readonly CommandOption[] = [
  { name: '-S', runs: 'names a Vim script it sources, whose Ex commands run (:! a shell, system() a program; any file the container can read)' },
  { name: '-u', runs: 'names the vimrc it reads, whose Ex commands run (:! a shell, system() a program; any file the container can read)' },
];
// at 3.2 and batch: `-f FILE` names the job's file, which atd runs with /bin/sh (their input the job otherwise)
const AT: readonly CommandOption[] = [{ name: '-f', runs: 'names the file of the job it queues, which atd runs with /bin/sh (any file the container can read)' }];

/**
 * The short options that take a value (GNU tar 1.34's, rsync 3.2's; coreutils 9.1's rm, mkdir, cp, mv, ln, touch, chmod, cat, sort, ls,
 * install, chown and chgrp, grep 3.8's, gzip 1.12's (and its gunzip and zcat, which run `gzip -d`, `gzip -cd` with the arguments): their getopt optstrings, each letter run here as `prog -L -- --bogus`, which reads `--bogus` as an option where `-L` takes
 * the `--`): in a group, the first of them takes the rest of the word or the next argument. Every short option of these programs that
 * takes one is listed (a letter not listed takes none: `rm -rf --`, `ls -la --`, `grep -rn --` end the options); sort's `-y` takes
 * the next argument only where it is all digits, so never a `--`.
 */
const VALUE_SHORTS: Readonly<Record<string, string>> = Object.fromEntries([
  // tar's and rsync's: configured-code's SHORT_VALUES, which its own readings of their options use
  ['tar', SHORT_VALUES.tar], ['gtar', SHORT_VALUES.tar], ['bsdtar', SHORT_VALUES.tar], ['rsync', SHORT_VALUES.rsync], ['at', 'qft'], ['batch', 'qft'],
  ['rm', ''], ['mkdir', 'm'], ['cp', 'St'], ['mv', 'St'], ['ln', 'St'], ['touch', 'drt'], ['chmod', ''], ['cat', ''], ['grep', 'ABCDXdefm'],
  ['sort', 'STkot'], ['ls', 'ITw'], ['install', 'gmoSt'], ['chown', ''], ['chgrp', ''], ['gzip', 'S'], ['gunzip', 'S'], ['zcat', 'S'],
]);

/**
 * The long options that take the next argument as their value where written whole without `=` (getopt_long's required arguments, popt's
 * for rsync), of the programs of VALUE_SHORTS, from their `--help` and each run here as `prog --name -- --bogus`, which read `--` as the
 * value (`--bogus` an option, or `--` refused as the value: tar's `--transform`, grep's `--max-count`); the optional ones (cp's
 * `--preserve`, `--reflink`, sort's `--check`, ls's `--color`, tar's and install's `--backup`, install's `--context`) take none. An abbreviation is not read.
 */
const VALUE_LONGS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...['tar', 'gtar'].map((name) => [name, ['add-file', 'after-date', 'blocking-factor', 'checkpoint-action', 'directory', 'exclude-from',
    'exclude-ignore-recursive', 'exclude-ignore', 'exclude-tag-all', 'exclude-tag-under', 'exclude-tag', 'exclude', 'file', 'files-from', 'format',
    'group-map', 'group', 'hole-detection', 'index-file', 'info-script', 'label', 'level', 'listed-incremental', 'mode', 'mtime', 'new-volume-script',
    'newer-mtime', 'newer', 'no-quote-chars', 'owner-map', 'owner', 'pax-option', 'quote-chars', 'quoting-style', 'record-size', 'rmt-command',
    'rsh-command', 'sort', 'sparse-version', 'starting-file', 'strip-components', 'suffix', 'tape-length', 'to-command', 'transform',
    'use-compress-program', 'volno-file', 'warning', 'xattrs-exclude', 'xattrs-include', 'xform']]),
  ['mkdir', ['mode']],
  ['cp', ['no-preserve', 'sparse', 'suffix', 'target-directory']],
  ['mv', ['suffix', 'target-directory']],
  ['ln', ['suffix', 'target-directory']],
  ['touch', ['date', 'reference', 'time']],
  ['chmod', ['reference']],
  ['install', ['group', 'mode', 'owner', 'strip-program', 'suffix', 'target-directory']],
  ['chown', ['from', 'reference']],
  ['chgrp', ['reference']],
  ...['gzip', 'gunzip', 'zcat'].map((name) => [name, ['suffix']]),
  ['grep', ['after-context', 'before-context', 'binary-files', 'context', 'devices', 'directories', 'exclude-dir', 'exclude-from', 'exclude', 'file',
    'group-separator', 'include', 'label', 'max-count', 'regexp']],
  ['sort', ['batch-size', 'buffer-size', 'compress-program', 'field-separator', 'files0-from', 'key', 'output', 'parallel', 'random-source', 'sort',
    'temporary-directory']],
  ['ls', ['block-size', 'format', 'hide', 'ignore', 'indicator-style', 'quoting-style', 'sort', 'tabsize', 'time-style', 'time', 'width']],
  ['rsync', ['address', 'backup-dir', 'block-size', 'bwlimit', 'checksum-choice', 'checksum-seed', 'chmod', 'chown', 'compare-dest', 'compress-choice',
    'compress-level', 'compress-threads', 'confine-root', 'contimeout', 'copy-as', 'copy-dest', 'debug', 'early-input', 'exclude-from', 'exclude',
    'files-from', 'filter', 'groupmap', 'iconv', 'include-from', 'include', 'info', 'link-dest', 'log-file-format', 'log-file', 'max-alloc',
    'max-delete', 'max-size', 'min-size', 'modify-window', 'only-write-batch', 'out-format', 'outbuf', 'partial-dir', 'password-file', 'port',
    'protocol', 'read-batch', 'remote-option', 'rsh', 'rsync-path', 'skip-compress', 'sockopts', 'stderr', 'stop-after', 'stop-at', 'suffix',
    'temp-dir', 'timeout', 'usermap', 'write-batch']],
]);

/**
 * The long options of git sub-commands (those of GIT_VALUE_SHORTS) that take the next argument as their value where written whole without
 * `=`, from `git <sub> -h`, each run here (git 2.39) as `git <sub> --name -- --bogus`, which refused `--bogus` as an option (or refused `--`
 * as the value: fetch's `--jobs`, `--deepen`, `--filter`, tag's `--contains`, rebase's `--empty`); clone's are option-values.ts's. An
 * abbreviation is not read.
 */
const GIT_VALUE_LONGS: Readonly<Record<string, readonly string[]>> = {
  checkout: ['orphan', 'conflict', 'pathspec-from-file'],
  switch: ['orphan', 'create', 'force-create', 'conflict'],
  commit: ['message', 'file', 'reuse-message', 'reedit-message', 'template', 'author', 'date', 'fixup', 'squash', 'trailer', 'cleanup', 'pathspec-from-file'],
  tag: ['message', 'file', 'local-user', 'sort', 'format', 'cleanup', 'contains', 'points-at'],
  fetch: ['server-option', 'jobs', 'depth', 'upload-pack', 'negotiation-tip', 'refmap', 'shallow-since', 'shallow-exclude', 'deepen', 'filter',
    'recurse-submodules-default', 'submodule-prefix'],
  push: ['push-option', 'repo', 'receive-pack', 'exec', 'recurse-submodules'],
  worktree: ['reason'],
  rebase: ['onto', 'strategy', 'strategy-option', 'exec', 'whitespace', 'empty'],
  difftool: ['tool', 'extcmd'],
};

/**
 * Short options of git sub-commands (GIT_VALUE_SHORTS) whose value is optional: only in the same word (git 2.39 rebase's and commit's
 * `-S[<keyid>]`, commit's `-u[<mode>]`, tag's `-n[<num>]`: `git commit -S -- --bogus` reads --bogus as a pathspec).
 */
const GIT_OPTIONAL_SHORTS: Readonly<Record<string, string>> = { rebase: 'S', commit: 'Su', tag: 'n' };

const BY_PROGRAM: Readonly<Record<string, readonly CommandOption[]>> = {
  git: GIT,
  tar: TAR,
  gtar: TAR,
  bsdtar: TAR,
  rsync: RSYNC,
  scp: SSH,
  sftp: SSH,
  zip: ZIP,
  buildah: BUILDAH,
  cosign: COSIGN,
  npx: NPX,
  npm: NPM_EXEC,
  uvx: UV,
  uv: UV,
  pipx: PIPX,
  bunx: BUNX,
  bun: BUNX,
  pnpm: DLX,
  yarn: YARN_DLX,
  gdb: GDB,
  ...Object.fromEntries(['vim', 'nvim', 'vi', 'ex', 'view', 'vimdiff', 'gvim', 'gview', 'gvimdiff', 'rvim', 'rview', 'rgvim', 'rgview', 'evim', 'eview']
    .map((name) => [name, VIM])),
  at: AT,
  batch: AT,
};

/**
 * The command-valued option an argument holds a value of, when the substitution at
 * `index` of `argv[i]` is (part of) that value: the option and value in one argument
 * (`--rsh=...`, `-e...`, `-oProxyCommand=...`), or the option in the argument before
 * (`-e ...`, `-o ProxyCommand=...`, `-c core.sshCommand=...`).
 */
export function commandOptionOf(
  program: string | undefined, argv: readonly string[], i: number, index: number, programIndex: number,
): (CommandOption & { readonly program: string }) | undefined {
  if (program === undefined) return undefined;
  const name = basename(program);
  const all = own(BY_PROGRAM, name);
  if (all === undefined) return undefined;
  // git's sub-command, whose options those of a sub-command are
  const subAt = name === 'git' ? programIndex + 1 + gitSubcommandIndex(argv.slice(programIndex + 1)) : -1;
  const sub = name === 'git' ? argv[subAt] : undefined;
  const options = all.filter((o) => (o.global ? i < subAt || sub === undefined
    : o.subs === undefined || (sub !== undefined && i > subAt && o.subs.test(sub))));
  const shorts = name === 'git' ? (sub === undefined ? '' : own(GIT_VALUE_SHORTS, sub) ?? '') : own(VALUE_SHORTS, name);
  // tar's traditional options, a first argument of letters without a dash (`tar xIf CMD a.tgz`): each letter that takes a
  // value takes the next argument in turn (GNU tar 1.34, the old option style)
  const first = argv[programIndex + 1];
  if (all === TAR && first !== undefined && /^[A-Za-z]+$/.test(first) && i > programIndex + 1) {
    const letter = [...first].filter((c) => VALUE_SHORTS.tar.includes(c))[i - programIndex - 2];
    const o = options.find((x) => x.name === `-${letter}`);
    if (o !== undefined) return { ...o, program: name };
  }
  const prefix = argv[i].slice(0, index);
  // getopt_long and git's parse-options take any unambiguous start of a long option (`--upload-pa`)
  const longName = (text: string) => (text.length > 2 && text.startsWith('--') ? text : undefined);
  const abbreviates = (o: CommandOption, given: string | undefined) => given !== undefined && o.name.startsWith('--')
    && (o.exact ? o.name === given : o.name.startsWith(given));
  const eq = prefix.indexOf('=');
  for (const o of options) {
    // in one argument: `--opt=value` (or an abbreviation of it), or a short option glued to its value (`-evalue`, `-oProxyCommand=value`)
    if (o.name.startsWith('--') ? eq > 0 && abbreviates(o, longName(prefix.slice(0, eq))) : prefix.startsWith(o.name) && prefix.length >= o.name.length) {
      if (o.runsWhen === undefined || o.runsWhen.test(prefix.slice(eq + 1))) return { ...o, program: name };
    }
    // the option (or an abbreviation of it) alone in the argument before
    if (i > 0 && (argv[i - 1] === o.name || abbreviates(o, longName(argv[i - 1]))) && (o.runsWhen === undefined || o.runsWhen.test(prefix))) {
      return { ...o, program: name };
    }
    // a short option last in a group of flags (`-qu`, `-xI` before it), or glued to its value after them (`-xI…`)
    if (shorts !== undefined && /^-[A-Za-z@]$/.test(o.name)) {
      const glued = shortGroupValue(prefix, o.name[1], shorts);
      if (glued !== undefined) return { ...o, program: name };
      if (i > programIndex + 1 && /^-[A-Za-z0-9@]+$/.test(argv[i - 1]) && shortGroupValue(argv[i - 1], o.name[1], shorts) === 'next') return { ...o, program: name };
    }
  }
  return undefined;
}

/** The package runners, by base name: their options that name a package (RUNNER_PACKAGE_OPTIONS' values) choose the code that runs. */
const PACKAGE_RUNNERS = /^(npx|npm|uvx|uv|pipx|bunx|bun|pnpm|pnpx|yarn)$/;

/**
 * The option of the package runner `program` (npx, `npm exec`, uvx, bunx, `pnpm dlx`, `yarn dlx` …) whose value `argv[i]` holds, from
 * `index` on, where it names a package the runner installs (commandOptionOf: `-p`, `--package`, `--from`, `--with`, `--spec`): as
 * written, with what the runner does with it (`-c`/`--call`, code npm runs, are not among them); undefined for another.
 */
export function runnerPackageOption(
  program: string | undefined, argv: readonly string[], i: number, index: number, programIndex: number,
): { readonly name: string; readonly runs: string; readonly program: string } | undefined {
  if (program === undefined || !PACKAGE_RUNNERS.test(basename(program))) return undefined;
  const option = commandOptionOf(program, argv, i, index, programIndex);
  return option === undefined || option.name === '-c' || option.name === '--call' ? undefined : option;
}

/**
 * The option word (`-xf`, `-b`, `--file`) of the program at `programIndex` whose value the `--` at `argv[i]` is, as getopt (and git's
 * parse-options) reads the program's options (VALUE_SHORTS, GIT_VALUE_SHORTS, VALUE_LONGS): the first letter of a group that takes a value
 * takes the rest of the word, or, last, the next argument whatever it is, as does a long option that takes one, written whole without `=` (GNU tar 1.34 `tar -xf -- --help` prints its help, `tar -tf --
 * a.tar` says `tar: --: Cannot open`; `cp -t -- --bogus`, `grep -e -- --bogus`, `git rebase -X -- --bogus` refuse `--bogus` as an
 * option); tar's traditional first word of letters (`tar xf -- …`) gives its letters' values the next arguments in turn. Undefined
 * where the `--` ends the options (`tar -x -f FILE --`, `ls -la --`, `git checkout -f --`), and for a program whose short options are
 * not listed, where no option is known to take it. A group holding a substitution (`-x$(params.o)`) may take it where it is the word
 * before; a long option not listed (an abbreviation too) is read as taking no next argument (git's: GIT_VALUE_LONGS).
 */
export function dashesOptionOf(
  argv: readonly string[], programIndex: number, i: number,
): { readonly word: string; readonly option: string } | undefined {
  return argv[i] === '--' ? tableOptionOf(argv, programIndex, i) : undefined;
}

/**
 * The option word whose value `argv[i]` is, whatever it holds, as dashesOptionOf reads the options of the program at `programIndex` from
 * its tables (a `--` another option took as its value ends nothing, so `-C` after `tar -xf --` takes the next argument: GNU tar 1.34
 * `tar -xf -- -C --bogus` says `tar: --: Cannot open`, no option error); a group holding a substitution is given as the option itself
 * (`-x$(params.o)`), which may take it or not. Undefined where no option of the tables takes it.
 */
export function tableOptionOf(
  argv: readonly string[], programIndex: number, i: number,
): { readonly word: string; readonly option: string } | undefined {
  const name = basename(argv[programIndex] ?? '');
  const subAt = name === 'git' ? programIndex + 1 + gitSubcommandIndex(argv.slice(programIndex + 1)) : programIndex;
  const sub = name === 'git' ? argv[subAt] : undefined;
  const shorts = name === 'git' ? (sub === undefined ? undefined : own(GIT_VALUE_SHORTS, sub)) : own(VALUE_SHORTS, name);
  if (shorts === undefined || i <= subAt) return undefined;
  const optional = sub === undefined ? '' : own(GIT_OPTIONAL_SHORTS, sub) ?? '';
  const longs = (name === 'git' ? (sub === undefined ? undefined : own(GIT_VALUE_LONGS, sub)) : own(VALUE_LONGS, name)) ?? [];
  // the option letters whose values the next arguments are, in turn
  const pending: Array<{ readonly word: string; readonly option: string }> = [];
  let k = subAt + 1;
  const first = argv[k];
  if (own(BY_PROGRAM, name) === TAR && first !== undefined && /^[A-Za-z]+$/.test(first)) {
    pending.push(...[...first].filter((c) => shorts.includes(c)).map((c) => ({ word: first, option: `-${c}` })));
    k++;
  }
  for (; k < i; k++) {
    const a = argv[k];
    if (pending.length > 0) {
      pending.shift();
      continue;
    }
    if (a === '--') return undefined;
    if (longs.includes(a.slice(2)) && a.startsWith('--')) pending.push({ word: a, option: a });
    if (!a.startsWith('-') || a.startsWith('--')) continue;
    for (let j = 1; j < a.length; j++) {
      // (a substitution may expand to letters, the last of them taking the next argument)
      if (a.startsWith('$(', j)) {
        if (k === i - 1) pending.push({ word: a, option: a });
        break;
      }
      if (!shorts.includes(a[j])) continue;
      if (j === a.length - 1 && !optional.includes(a[j])) pending.push({ word: a, option: `-${a[j]}` });
      break;
    }
  }
  return pending[0];
}
