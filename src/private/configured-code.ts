/**
 * Where a program reads code from its own configuration or options in a script's words: git's `-c KEY=VALUE` and
 * `git config KEY VALUE` of a key whose value runs (core.sshCommand, alias.* …), the options of git's sub-commands
 * whose value runs (`--upload-pack`, `--receive-pack`, `rebase --exec` …), ssh's `-o` options that run commands, rsync's
 * remote shell, tar's and zip's commands, wget's `--execute` and the variables and options a caller's argument gives
 * make. Each is a part of a word (`text.slice(start, end)`) that, where it holds a caller's value, runs it.
 */
import { basename } from './argv';
import { own } from './own';
import { wgetArguments } from './wget-options';

/** A part of an argument the program runs (or reads as the configuration that runs) as code. */
export interface ConfiguredCode {
  /** The index of the argument in the words after the program. */
  readonly index: number;
  /** Where the part starts in the argument's text (0: the whole argument). */
  readonly start: number;
  /** Where it ends (undefined: at the end). */
  readonly end?: number;
  /** Only where the argument starts with the value (a value starting with `-` is an option, one holding `=` an assignment). */
  readonly leading?: true;
  /** How the program runs it, for messages. */
  readonly how: string;
}

/**
 * git configuration keys whose value git runs as a command, or that name code git runs or loads (git 2.39
 * Documentation/config: core.sshCommand, core.pager, pager.<cmd>, core.editor, sequence.editor, core.fsmonitor (a hook
 * command), core.hooksPath, core.askPass, core.gitProxy, alias.* (`!` runs the shell), credential.helper (`!` runs the
 * shell, else `git credential-<name>` or the absolute path), diff.external, diff.<driver>.textconv and .command,
 * merge.<driver>.driver, filter.<driver>.clean, .smudge and .process, gpg.program and gpg.<format>.program,
 * protocol.allow and protocol.<name>.allow (`ext::` URLs run their command when allowed), include.path and
 * includeIf.<cond>.path (a file of configuration), remote.<name>.uploadpack, .receivepack and .vcs, difftool.<tool>.cmd,
 * mergetool.<tool>.cmd, man.<tool>.cmd, web.browser, browser.<tool>.cmd, interactive.diffFilter,
 * uploadpack.packObjectsHook, submodule.<name>.update (`!command`) and sendemail.smtpServer).
 * Section and key names are case-insensitive; the subsection between them is any text.
 */
const GIT_CODE_KEY = new RegExp('^(?:core\\.(?:sshcommand|pager|editor|fsmonitor|hookspath|askpass|gitproxy)|sequence\\.editor'
  + '|pager\\..+|alias\\..+|credential(?:\\..+)?\\.helper|diff\\.external|diff\\..+\\.(?:textconv|command)|merge\\..+\\.driver'
  + '|filter\\..+\\.(?:clean|smudge|process)|gpg(?:\\..+)?\\.program|protocol(?:\\..+)?\\.allow|include\\.path|includeif\\..+\\.path'
  + '|remote\\..+\\.(?:uploadpack|receivepack|vcs)|(?:difftool|mergetool|man|browser)\\..+\\.(?:cmd|path)|web\\.browser'
  + '|interactive\\.difffilter|uploadpack\\.packobjectshook|submodule\\..+\\.update|sendemail\\.smtpserver)$', 'is');

/** Whether a git configuration key (as written) names one whose value runs as code. */
export function gitCodeKey(key: string): boolean {
  return GIT_CODE_KEY.test(key);
}

/** git's options before the sub-command that take the next argument as their value (git 2.39 git.c handle_options). */
const GIT_GLOBAL_VALUES = /^(-c|-C|--config-env|--git-dir|--work-tree|--namespace|--super-prefix|--exec-path|--attr-source)$/;

/** The part of a `KEY=VALUE` argument (git's `-c`, clone's `--config`) the program runs: a key it chooses, or the value of a key that runs. */
function keyValue(text: string, index: number, at: number, what: string): ConfiguredCode[] {
  const eq = text.indexOf('=', at);
  // no `=`: the whole is the key (a value `k=v` given whole, `git -c "$X"`)
  if (eq < 0) return [{ index, start: at, how: `it is the KEY=VALUE of ${what}, so the value chooses a key that runs code (core.sshCommand=…, alias.x=!…)` }];
  const key = text.slice(at, eq);
  const out: ConfiguredCode[] = [{ index, start: at, end: eq, how: `it is the key of ${what}, so the value chooses a key that runs code (core.sshCommand, alias.x)` }];
  if (gitCodeKey(key)) out.push({ index, start: eq + 1, how: `it is the value of ${what} ${key}, which git runs as code` });
  return out;
}

/** Long options of git sub-commands whose value git runs as a command (or that name one), by sub-command. */
const GIT_SUBCOMMAND_OPTIONS: Readonly<Record<string, ReadonlyArray<{ long: string; short?: string; how: string; keyValue?: true }>>> = {
  'clone': [
    { long: '--upload-pack', short: '-u', how: 'git clone runs it as the upload-pack command (over ssh, or locally for a local repository)' },
    { long: '--config', short: '-c', how: '', keyValue: true },
    { long: '--template', how: 'git clone copies the hooks of the directory it names into the repository, and runs post-checkout' },
  ],
  'fetch': [{ long: '--upload-pack', how: 'git fetch runs it as the upload-pack command (over ssh, or locally for a local repository)' }],
  'pull': [{ long: '--upload-pack', how: 'git pull runs it as the upload-pack command (over ssh, or locally for a local repository)' }],
  'ls-remote': [
    { long: '--upload-pack', how: 'git ls-remote runs it as the upload-pack command' },
    { long: '--exec', how: 'git ls-remote runs it as the upload-pack command' },
  ],
  'archive': [{ long: '--exec', how: 'git archive --remote runs it as the upload-archive command' }],
  // (git 2.39 builtin/fetch-pack.c reads `--upload-pack=` and `--exec=` before its operands)
  'fetch-pack': [
    { long: '--upload-pack', how: 'git fetch-pack runs it as the upload-pack command' },
    { long: '--exec', how: 'git fetch-pack runs it as the upload-pack command' },
  ],
  'push': [
    { long: '--receive-pack', how: 'git push runs it as the receive-pack command (over ssh, or locally for a local repository)' },
    { long: '--exec', how: 'git push runs it as the receive-pack command' },
  ],
  'send-pack': [
    { long: '--receive-pack', how: 'git send-pack runs it as the receive-pack command' },
    { long: '--exec', how: 'git send-pack runs it as the receive-pack command' },
  ],
  'rebase': [{ long: '--exec', short: '-x', how: 'git rebase runs it as a shell command after each commit' }],
  'difftool': [{ long: '--extcmd', short: '-x', how: 'git difftool runs it as the diff command' }],
  'filter-branch': ['env', 'tree', 'index', 'parent', 'msg', 'commit', 'tag-name'].map((f) => ({ long: `--${f}-filter`, how: `git filter-branch runs it as shell code (--${f}-filter)` })),
};

/** Sub-commands whose operands a value starting with `-` turns into an option that runs a command (`--upload-pack=…`, `--receive-pack=…`). */
const GIT_OPTION_OPERANDS = /^(clone|fetch|pull|ls-remote|push|fetch-pack|send-pack)$/;

/** Options of those sub-commands that take the next argument as their value (git 2.39 builtin/clone.c, fetch.c, pull.c, push.c, ls-remote.c; clone's -u is in GIT_VALUE_SHORTS: fetch's and push's -u are flags). */
const GIT_VALUE_OPTIONS = new RegExp('^(-[bojcX]|--(branch|depth|deepen|origin|reference|reference-if-able|separate-git-dir|shallow-since|shallow-exclude'
  + '|jobs|filter|server-option|bundle-uri|template|config|upload-pack|receive-pack|exec|negotiation-tip|refmap|recurse-submodules-default'
  + '|strategy|strategy-option|push-option|repo|sort))$');

/** A `KEY=VALUE` of git's configuration that allows the ext protocol: protocol.allow or protocol.ext.allow, but for never (case-insensitive, git 2.39 transport.c). */
const ALLOWS_PROTOCOL = /^protocol(\.ext)?\.allow=(?!never$)/i;

/** Sub-commands whose operands name a repository that an allowed `ext::` URL turns into a command. */
const GIT_URL_OPERANDS = /^(clone|fetch|pull|ls-remote|push|submodule|remote)$/;

/**
 * Where a short option `-<letter>` that takes a value finds it in a word that groups short options (`-qu CMD`, `-xICMD`),
 * as getopt and git's parse-options read a group: the letters before it are flags, and the first letter that takes a
 * value takes the rest of the word, or the next argument where it is last (`valueLetters`: the program's short options
 * that take one). 'next': the next argument; a number: where the value starts in the word; undefined: not there.
 */
export function shortGroupValue(word: string, letter: string, valueLetters: string): 'next' | number | undefined {
  if (!word.startsWith('-') || word.startsWith('--')) return undefined;
  for (let j = 1; j < word.length; j++) {
    const c = word[j];
    if (!/[A-Za-z0-9@]/.test(c)) return undefined;
    if (c === letter) return j + 1 === word.length ? 'next' : j + 1;
    if (valueLetters.includes(c)) return undefined;
  }
  return undefined;
}

/**
 * The short options that take a value of the git sub-commands whose options run a value (git 2.39 builtin/clone.c, rebase.c, difftool.c),
 * and of checkout and switch (builtin/checkout.c: `-b`, `-B`, `-c`, `-C` name the new branch; run here, `git checkout -b -- --bogus`
 * refuses `--bogus` as an option), fetch, push, commit, tag and worktree (its add's `-b`, `-B`), each from `git <sub> -h` and run here as
 * `git <sub> -L -- --bogus`, which refuses `--bogus` as an option (`git fetch -o -- '--upload-pack=touch P; git-upload-pack'` created P;
 * fetch's `-j` refuses `--` as its number); commit's `-S`, `-u` and tag's `-n` take one only in the same word (GIT_OPTIONAL_SHORTS).
 */
export const GIT_VALUE_SHORTS: Readonly<Record<string, string>> = {
  clone: 'bocuj', rebase: 'sSXxC', difftool: 'tx', checkout: 'bB', switch: 'cC', fetch: 'jo', push: 'o', commit: 'FmcCtSu', tag: 'mFun', worktree: 'bB',
};

/** The index in git's arguments (after the program) of its sub-command: the first word after its global options (git 2.39 git.c handle_options). */
export function gitSubcommandIndex(after: readonly string[]): number {
  let k = 0;
  for (; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) if (GIT_GLOBAL_VALUES.test(after[k])) k++;
  return k;
}

function gitCode(after: readonly string[], extAllowed: boolean): ConfiguredCode[] {
  const out: ConfiguredCode[] = [];
  let k = 0;
  // what allows a protocol other than by git's default (ext is "never" by default), for messages: the script's configuration, a
  // `-c` or `--config-env` before the sub-command, or clone's `-c` (git 2.39 transport.c get_protocol_config reads it at the transport)
  let allowedBy = extAllowed ? 'the script\'s git configuration' : undefined;
  for (; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) {
    const w = after[k];
    if (w === '-c' && k + 1 < after.length) {
      out.push(...keyValue(after[k + 1], k + 1, 0, 'git -c'));
      if (ALLOWS_PROTOCOL.test(after[k + 1])) allowedBy ??= 'the -c before it';
    }
    const configEnv = w === '--config-env' ? { text: after[k + 1] ?? '', index: k + 1, at: 0 }
      : w.startsWith('--config-env=') ? { text: w, index: k, at: '--config-env='.length } : undefined;
    if (configEnv !== undefined) {
      const eq = configEnv.text.indexOf('=', configEnv.at);
      out.push({ index: configEnv.index, start: configEnv.at, ...eq < 0 ? {} : { end: eq }, how: 'it is the key of git --config-env, so the value chooses a key that runs code (core.sshCommand)' });
      // (the env var's value, which git reads as the key's, is not known: it may be anything but never)
      if (/^protocol(\.ext)?\.allow$/i.test(configEnv.text.slice(configEnv.at, eq < 0 ? undefined : eq))) allowedBy ??= 'the --config-env before it';
    }
    if (w === '--exec-path' || w.startsWith('--exec-path=')) {
      out.push(w === '--exec-path' ? { index: k + 1, start: 0, how: 'git runs its sub-commands from the directory it names' }
        : { index: k, start: '--exec-path='.length, how: 'git runs its sub-commands from the directory it names' });
    }
    if (GIT_GLOBAL_VALUES.test(w)) k++;
  }
  const sub = after[k];
  if (sub === undefined) return out;
  // a word that is no sub-command's name where the sub-command stands: a value starting with - there is a global option
  // (git 2.39 git.c handle_options: `--exec-path=DIR` runs git's programs from DIR, `--config-env=core.sshCommand=VAR` runs VAR's value)
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(sub)) {
    out.push({ index: k, start: 0, leading: true, how: 'git reads a value starting with - before its sub-command as a global option (--exec-path=DIR runs its programs from DIR, --config-env=core.sshCommand=VAR runs the value of VAR)' });
  }
  const rest = after.slice(k + 1);
  const at = (i: number) => k + 1 + i;
  if (sub === 'config') {
    // `git config [--global|--file F|--add|--type T …] KEY VALUE` (and `git config set KEY VALUE`): sets a key; other actions read
    const words = rest[0] === 'set' ? rest.slice(1) : rest;
    const offset = rest[0] === 'set' ? 1 : 0;
    if (words.some((w) => /^(--get|--get-all|--get-regexp|--get-urlmatch|--get-color|--get-colorbool|--unset|--unset-all|-l|--list|--remove-section|--rename-section|-e|--edit|--show-origin|--show-scope|--name-only)$/.test(w))) return out;
    const operands: number[] = [];
    let separated = false;
    for (let i = 0; i < words.length; i++) {
      if (!separated && /^(-f|--file|--blob|--type|--default|--comment|--value)$/.test(words[i])) i++;
      else if (!separated && words[i] === '--') separated = true;
      else if (separated || !words[i].startsWith('-')) operands.push(i);
    }
    if (operands.length >= 2) {
      const key = words[operands[0]];
      out.push({ index: at(offset + operands[0]), start: 0, how: 'it is the key git config sets, so the value chooses a key that runs code (core.sshCommand, alias.x)' });
      if (gitCodeKey(key)) out.push({ index: at(offset + operands[1]), start: 0, how: `it is the value git config sets for ${key}, which git runs as code` });
    }
    return out;
  }
  const options = GIT_SUBCOMMAND_OPTIONS[sub] ?? [];
  // a short option alone, last in a group of flags (`-qu CMD`), or glued to its value (`-uCMD`, `-quCMD`)
  const groupValue = (i: number, letter: string) => {
    const v = shortValue(rest, i, letter, GIT_VALUE_SHORTS[sub] ?? '');
    return v === undefined ? undefined : { index: at(v.index), start: v.start };
  };
  let dashes = false;
  rest.forEach((w, i) => {
    if (dashes) return;
    if (w === '--') {
      dashes = true;
      return;
    }
    for (const o of options) {
      const long = w.startsWith('--') && w.length > 3 ? w.split('=')[0] : undefined;
      // parse-options takes any unambiguous start of a long option (`--upload-pa`)
      const named = long !== undefined && o.long.startsWith(long);
      const value = named && w.includes('=') ? { index: at(i), start: w.indexOf('=') + 1 }
        : named || w === o.short ? (i + 1 < rest.length ? { index: at(i + 1), start: 0 } : undefined)
          : o.short !== undefined ? groupValue(i, o.short[1]) : undefined;
      if (value === undefined) continue;
      if (o.keyValue) out.push(...keyValue(after[value.index], value.index, value.start, `git ${sub} ${o.long}`));
      else out.push({ ...value, how: o.how });
      // clone's `-c protocol.ext.allow=always`: the new repository's configuration, which its fetch reads
      if (o.keyValue && ALLOWS_PROTOCOL.test(after[value.index].slice(value.start))) allowedBy ??= `the ${o.long} of git ${sub}`;
    }
  });
  // a caller's value that starts an operand: one starting with `--upload-pack=` (`--receive-pack=`) is that option
  const allowsExt = allowedBy !== undefined;
  // the URL of `git submodule add` and `git remote add` (`set-url`), wherever it is: git fetches it then, or later from the remote
  const adds = allowsExt && ((sub === 'submodule' && rest[0] === 'add') || (sub === 'remote' && (rest[0] === 'add' || rest[0] === 'set-url')));
  if (GIT_OPTION_OPERANDS.test(sub) || allowsExt) {
    const shorts = GIT_VALUE_SHORTS[sub] ?? '';
    const takesNext = (w: string) => GIT_VALUE_OPTIONS.test(w) || [...shorts].some((l) => shortGroupValue(w, l, shorts) === 'next');
    let separated = false;
    rest.forEach((w, i) => {
      if (w === '--') {
        separated = true;
      } else if (!separated && GIT_OPTION_OPERANDS.test(sub) && !w.startsWith('-') && !(i > 0 && takesNext(rest[i - 1]))) {
        out.push({ index: at(i), start: 0, leading: true, how: `git ${sub} reads a value starting with --upload-pack= (or --receive-pack=) there as that option, whose command it runs` });
      } else if ((separated || (adds && i > 0 && !w.startsWith('-'))) && allowsExt && GIT_URL_OPERANDS.test(sub)) {
        out.push({ index: at(i), start: 0, how: `git ${sub} runs the command of an ext:: URL, which ${allowedBy} allows` });
      }
    });
  }
  if (sub === 'submodule' && rest.includes('foreach')) {
    rest.slice(rest.indexOf('foreach') + 1).forEach((w, i) => {
      if (!w.startsWith('-')) out.push({ index: at(rest.indexOf('foreach') + 1 + i), start: 0, how: 'git submodule foreach runs it as a shell command in each submodule' });
    });
  }
  if (sub === 'bisect' && rest[0] === 'run' && rest.length > 1) out.push({ index: at(1), start: 0, how: 'git bisect run runs it as the command that tests each commit' });
  return out;
}

/** ssh's `-o` options that run a command or load code (OpenSSH 9.2 ssh_config(5)), lower-cased. */
const SSH_CODE_OPTION = /^(proxycommand|localcommand|knownhostscommand|remotecommand|match|include|pkcs11provider|securitykeyprovider)$/i;

/**
 * The short options of a program that take a value (getopt's, popt's and argp's `x:`), by program: in a group of flags the
 * first of them takes the rest of the word as its value, or the next word where it ends the group (`-vo X`, `-oX`, `-ave X`,
 * `-aveX`, `-xvI X`). OpenSSH 9.2 ssh.c, scp.c and sftp.c; rsync 3.2 options.c; GNU tar 1.34 tar.c (wget's are read by its own
 * walker, wgetArguments).
 */
export const SHORT_VALUES: Readonly<Record<string, string>> = {
  ssh: 'bceilmopBDEFIJLOQRSwW',
  scp: 'cDFiJlopPSX',
  sftp: 'bBcDFiJlopPRsS',
  rsync: 'BefMT@',
  tar: 'bCfFgHIKLNTVX',
  // (zip 3.0's -b, -n, -P, -t, -Z, -s, -O; -TT, two letters, and the lists of -x and -i, which end at the next option, are read apart)
  zip: 'bnPtZsO',
};

/**
 * Where the value of the short option `letter` is in the word at `i` of `after`, read as a group of short options of a
 * program whose options taking a value are `takes`: undefined where the group does not give it.
 */
function shortValue(after: readonly string[], i: number, letter: string, takes: string): { index: number; start: number } | undefined {
  const v = shortGroupValue(after[i], letter, takes);
  return v === 'next' ? (i + 1 < after.length ? { index: i + 1, start: 0 } : undefined) : v === undefined ? undefined : { index: i, start: v };
}

/**
 * The file sftp reads its commands from, by `-b FILE` alone, last in a group of flags or glued (`-qb FILE`, `-bFILE`; OpenSSH 9.2
 * sftp.c getopt): undefined where none is given (it reads its input then).
 */
export function sftpBatchFile(after: readonly string[]): string | undefined {
  for (let i = 0; i < after.length && after[i].startsWith('-') && after[i] !== '--'; i++) {
    const v = shortValue(after, i, 'b', SHORT_VALUES.sftp);
    if (v !== undefined) return after[v.index].slice(v.start);
    // (the value of another option that takes one is no option)
    if ([...SHORT_VALUES.sftp].some((l) => shortGroupValue(after[i], l, SHORT_VALUES.sftp) === 'next')) i++;
  }
  return undefined;
}

/**
 * The file naming ssh's standard input that ssh's `-F` (alone, last in a group of flags or glued: `-F /dev/stdin`, `-vF
 * /dev/fd/0`, `-F/proc/self/fd/0`) names, from which it reads its configuration; undefined for another file or program. OpenSSH
 * 9.2 ssh.c closes every descriptor above 2 at start (`-F /dev/fd/3` reads nothing), and scp and sftp run ssh with their own
 * input, so ssh alone and its descriptor 0 alone count; `-` is a file of that name.
 */
export function sshConfigFromInput(name: string, after: readonly string[]): string | undefined {
  if (name !== 'ssh') return undefined;
  for (let i = 0; i < after.length; i++) {
    const v = shortValue(after, i, 'F', SHORT_VALUES.ssh);
    const file = v === undefined ? undefined : after[v.index].slice(v.start);
    if (file !== undefined && /^(\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(file)) return file;
  }
  return undefined;
}

function sshCode(name: string, after: readonly string[]): ConfiguredCode[] {
  const out: ConfiguredCode[] = [];
  const takes = SHORT_VALUES[name];
  after.forEach((_, i) => {
    const value = shortValue(after, i, 'o', takes);
    const option = value === undefined ? undefined : { text: after[value.index], index: value.index, at: value.start };
    if (option?.text !== undefined) {
      // `Key=value`, `Key value` or `Key = value`, after any blanks (OpenSSH readconf.c process_config_line strips them)
      const lead = option.text.slice(option.at).search(/[^\s]|$/);
      const at = option.at + lead;
      const sep = option.text.slice(at).search(/[=\s]/);
      const end = sep < 0 ? undefined : at + sep;
      out.push({ index: option.index, start: option.at, ...end === undefined ? {} : { end }, how: `it is the option ${name} -o sets, so the value chooses one that runs a command (ProxyCommand=…)` });
      if (end !== undefined && SSH_CODE_OPTION.test(option.text.slice(at, end))) {
        out.push({ index: option.index, start: end + 1, how: `it is the value of ${name}'s ${option.text.slice(at, end)} option, which runs it as a command` });
      }
    }
    // scp's and sftp's program for the connection (`-S program`)
    const program = name === 'ssh' ? undefined : shortValue(after, i, 'S', takes);
    if (program !== undefined) out.push({ ...program, how: `${name} runs it as the program for the connection (-S)` });
    // a configuration file given as a process substitution (`-F <(…)`): its output is the configuration, whose ProxyCommand runs
    const file = shortValue(after, i, 'F', takes);
    if (file !== undefined && after[file.index].startsWith('<(', file.start)) {
      out.push({ ...file, how: `${name} reads its output as its configuration file (-F), whose ProxyCommand, LocalCommand and Match exec run commands` });
    } else if (file !== undefined) {
      // the file it names: the value chooses a configuration (one a workspace holds, /dev/stdin), whose keys run commands
      out.push({ ...file, how: `${name} reads the file it names as its configuration (-F), so the value chooses one whose ProxyCommand, LocalCommand or Match exec runs a command` });
    }
    // sftp's local sftp server (`-D command`, run in place of ssh) and the remote one (`-s`, run by the remote host)
    const server = name === 'sftp' ? shortValue(after, i, 'D', takes) : undefined;
    if (server !== undefined) out.push({ ...server, how: 'sftp runs it as a local sftp server in place of ssh (-D)' });
    const remote = name === 'sftp' ? shortValue(after, i, 's', takes) : undefined;
    if (remote !== undefined) out.push({ ...remote, how: 'sftp has the remote host run it as the sftp server when it holds a / (-s)' });
  });
  return out;
}

/** Options whose value the program runs as a command: the long name (also taken as `--name=value`) and its short form. */
const RUNS: Readonly<Record<string, ReadonlyArray<{ long?: string; short?: string; how: string; prefix?: string }>>> = {
  rsync: [
    { long: '--rsh', short: '-e', how: 'rsync runs it as the remote shell' },
    { long: '--rsync-path', how: 'rsync runs it on the remote side as a command' },
  ],
  tar: [
    { long: '--to-command', how: 'tar runs it as a command for each file it extracts' },
    { long: '--use-compress-program', short: '-I', how: 'tar runs it as the compressor' },
    { long: '--checkpoint-action', how: 'tar runs it as a command at each checkpoint (exec=)' },
    { long: '--info-script', short: '-F', how: 'tar runs it as a command at the end of each volume' },
    { long: '--new-volume-script', how: 'tar runs it as a command at the end of each volume' },
    { long: '--rsh-command', how: 'tar runs it as the remote shell' },
    { long: '--rmt-command', how: 'tar runs it as the remote tape command' },
  ],
  zip: [
    { long: '--unzip-command', short: '-TT', how: 'zip runs it as the command that tests the archive' },
  ],
  wget: [
    { long: '--execute', short: '-e', how: 'wget runs it as a wgetrc command (use_askpass= runs a program)' },
    { long: '--use-askpass', how: 'wget runs it as the program that asks for credentials' },
  ],
};


/** The programs of RUNS whose parser reads an option after an operand (GNU getopt_long and argp permute, rsync's popt too): the option a value may be. */
const PERMUTING: Readonly<Record<string, string>> = {
  tar: '--to-command=',
  wget: '--execute=',
  rsync: '--rsh=',
  zip: '--unzip-command=',
};

/**
 * The operands of a program of PERMUTING in `after`, before `--`, where a caller's value that starts one is read as an option that
 * runs a command, since the program reads options after operands too (GNU tar 1.34 here: `tar -xf a.tar "$X"` with
 * X='--to-command=touch F' touches F; wget 1.21 `wget URL "$X"` with X='--execute=use_askpass=PROG' runs PROG): each word that
 * is no option nor the value of one (tar's old-style first word's values, a short group's value letter last, `SHORT_VALUES`, and
 * the word after a long option without `=`, which may be its value: not read).
 */
function permutedOperands(program: string, after: readonly string[]): ConfiguredCode[] {
  const option = PERMUTING[program];
  const takes = SHORT_VALUES[program];
  if (option === undefined || takes === undefined) return [];
  // (zip runs the command of --unzip-command only where it tests the archive, -T written too: zip 3.0 run here)
  if (program === 'zip' && !after.some((w) => /^(-T|--test)$/.test(w) || (/^-[A-Za-z]*T[A-Za-z]*$/.test(w) && w !== '-TT'))) return [];
  const out: ConfiguredCode[] = [];
  let i = 0;
  if (program === 'tar' && after.length > 0 && /^[A-Za-z]+$/.test(after[0])) i = 1 + [...after[0]].filter((c) => takes.includes(c)).length;
  for (; i < after.length && after[i] !== '--'; i++) {
    const w = after[i];
    if (/^--[^=]+$/.test(w) || (program === 'zip' && w === '-TT')) {
      i++;
    } else if (/^-[^-]/.test(w)) {
      const k = [...w.slice(1)].findIndex((c) => takes.includes(c));
      if (k >= 0 && k + 2 === w.length) i++;
    } else if (!w.startsWith('-')) {
      out.push({ index: i, start: 0, leading: true, how: `${program} reads a value starting with ${option} there as that option (it reads options after its operands too), whose command it runs` });
    }
  }
  return out;
}

/**
 * wget's options that run what they are given (RUNS: `--execute`, `-e`, `--use-askpass`, as abbreviated or glued) and its operands,
 * where a value starting with `--execute=` is that option (PERMUTING), each read as wget 1.21 reads its arguments (wgetArguments: a
 * value is no operand, `--referer -e` gives -e to --referer); none where a literal option is one wget does not know (it exits).
 */
function wgetCode(after: readonly string[]): ConfiguredCode[] {
  const operands: ConfiguredCode[] = [];
  const values: ConfiguredCode[] = [];
  for (const o of wgetArguments(after)) {
    if (o.kind === 'end') break;
    if (o.kind === 'url') {
      const how = `wget reads a value starting with ${PERMUTING.wget} there as that option (it reads options after its operands too), whose command it runs`;
      if (o.text !== '-') operands.push({ index: o.at, start: 0, leading: true, how });
      continue;
    }
    if (o.command !== undefined) continue;
    if (o.name === undefined && !o.word.includes('$')) return [];
    const run = RUNS.wget.find((r) => r.long === `--${o.name}`);
    if (run === undefined || o.value === undefined) continue;
    // (the next argument, or the rest of its own: `-qeCODE`, `--execute=CODE`)
    values.push(o.valueAt !== undefined ? { index: o.valueAt, start: 0, how: run.how }
      : { index: o.at, start: o.word.length - o.value.length, how: run.how });
  }
  return [...operands, ...values];
}

function optionCode(name: string, after: readonly string[]): ConfiguredCode[] {
  const program = name === 'gtar' || name === 'bsdtar' ? 'tar' : name;
  const options = RUNS[program];
  if (options === undefined) return [];
  const takes = SHORT_VALUES[program];
  const out: ConfiguredCode[] = [];
  // tar's old style, a first word of letters without `-` (`tar xIf PROG a.tar`): each letter that takes a value takes the next word
  if (program === 'tar' && after.length > 0 && /^[A-Za-z]+$/.test(after[0])) {
    let next = 1;
    for (const letter of after[0]) {
      if (!takes.includes(letter)) continue;
      const o = options.find((x) => x.short === `-${letter}`);
      if (o !== undefined && next < after.length) out.push({ index: next, start: 0, how: o.how });
      next++;
    }
  }
  out.push(...permutedOperands(program, after));
  for (let i = 0; i < after.length && after[i] !== '--'; i++) {
    const w = after[i];
    for (const o of options) {
      const long = w.startsWith('--') && w.length > 3 ? w.split('=')[0] : undefined;
      // getopt_long takes any unambiguous start of a long option
      const named = long !== undefined && o.long !== undefined && o.long.startsWith(long);
      // a short option alone, in a group of flags, last (`-ave CMD`), or with its value glued (`-eCMD`, `-aveCMD`, `-xvI"$X"`)
      const short = o.short?.length === 2 && takes !== undefined ? shortValue(after, i, o.short[1], takes) : undefined;
      if (named && w.includes('=')) out.push({ index: i, start: w.indexOf('=') + 1, how: o.how });
      else if ((named || w === o.short) && i + 1 < after.length) out.push({ index: i + 1, start: 0, how: o.how });
      else if (short !== undefined) out.push({ ...short, how: o.how });
      else if (o.short !== undefined && w.startsWith(o.short) && w.length > o.short.length && !w.startsWith('--')) out.push({ index: i, start: o.short.length, how: o.how });
    }
  }
  return out;
}

/** make's options that take the next argument as their value (GNU make 4.3). */
const MAKE_VALUES = /^(-[fCIoWlj]|--file|--makefile|--directory|--include-dir|--old-file|--assume-old|--what-if|--new-file|--assume-new|--jobs|--load-average)$/;

function makeCode(after: readonly string[]): ConfiguredCode[] {
  const out: ConfiguredCode[] = [];
  for (let i = 0; i < after.length; i++) {
    const w = after[i];
    if (MAKE_VALUES.test(w)) {
      i++;
      continue;
    }
    if (w === '--eval' || w === '-E') {
      if (i + 1 < after.length) out.push({ index: i + 1, start: 0, how: 'make evaluates it as makefile text, whose recipes and $(shell) run commands' });
      i++;
      continue;
    }
    if (w.startsWith('--eval=')) {
      out.push({ index: i, start: '--eval='.length, how: 'make evaluates it as makefile text, whose recipes and $(shell) run commands' });
      continue;
    }
    const eq = w.indexOf('=');
    // `NAME=VALUE` overrides the makefile's variable, whose value its recipes paste into the shell commands they run (SHELL= chooses the shell)
    if (eq > 0 && /^[^-$]/.test(w)) {
      out.push({ index: i, start: 0, end: eq, how: 'it chooses the variable make sets (SHELL, MAKEFLAGS …), which its recipes run' });
      out.push({ index: i, start: eq + 1, how: `make sets ${w.slice(0, eq)} to it, whose value its recipes paste into the shell commands they run` });
    } else if (!w.startsWith('-')) {
      // a target: a value holding `=` is an assignment (`SHELL=…`), one starting with `-` an option (`--eval=…`)
      out.push({ index: i, start: 0, leading: true, how: 'make reads a value holding = there as a variable assignment (SHELL=…, whose recipes run it) and one starting with - as an option (--eval=…)' });
    }
  }
  return out;
}

/**
 * Whether the arguments of a git command set a configuration that allows `ext::` URLs (`git config --global
 * protocol.ext.allow always`, `protocol.allow user`): git runs their command from then on.
 */
export function allowsExtProtocol(program: string, after: readonly string[]): boolean {
  if (basename(program) !== 'git' || !after.includes('config')) return false;
  const at = after.findIndex((w) => /^protocol(\.ext)?\.allow$/i.test(w));
  return at >= 0 && after[at + 1] !== undefined && after[at + 1].toLowerCase() !== 'never';
}

/**
 * The env vars a git command's `--config-env=KEY=ENVVAR` (before the sub-command) makes the value of a key that runs code,
 * by name, with the key: git 2.39 config.c git_config_push_env reads the variable's value as the key's.
 */
export function configEnvVariables(program: string, after: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (basename(program) !== 'git') return out;
  for (let k = 0; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) {
    const w = after[k];
    const spec = w === '--config-env' ? after[k + 1] : w.startsWith('--config-env=') ? w.slice('--config-env='.length) : undefined;
    // (the variable's name is after the last `=`: a key's subsection may hold one)
    const eq = spec?.lastIndexOf('=') ?? -1;
    if (spec !== undefined && eq > 0 && gitCodeKey(spec.slice(0, eq))) out.set(spec.slice(eq + 1), spec.slice(0, eq));
    if (GIT_GLOBAL_VALUES.test(w)) k++;
  }
  return out;
}

/**
 * The parts of the arguments `after` of the program `program` that it runs as code through its options or configuration
 * (`extAllowed`: the script's git configuration allows `ext::` URLs).
 */
/** The sub-commands of npm, pnpm and yarn that install the packages their operands name (npm 11's aliases of install among them). */
const PACKAGE_INSTALLS: Readonly<Record<string, RegExp>> = {
  npm: /^(install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|add|update|up|upgrade|udpate)$/,
  pnpm: /^(add|install|i|update|up|upgrade)$/,
  yarn: /^(add|upgrade|up)$/,
};

/**
 * The version spec of each package an install of npm, pnpm or yarn names (`npm install "lodash@$X"`): the text after the `@` that
 * follows the name (a scope's own `@` aside), which may be a `file:` path, a git or an https tarball URL instead of a version, whose
 * package the install runs the scripts of (npm 11 run here: `npm install "lodash@file:/tmp/evil.tgz"` runs evil's install script).
 */
function packageSpecCode(name: string, after: readonly string[]): ConfiguredCode[] {
  const installs = PACKAGE_INSTALLS[name];
  // (past the options before it and the value a long option or a lone short one may take there, `npm --prefix DIR install`: npm 11 run
  // here, where the sub-command is the first word that may be none)
  const sub = after.findIndex((w, i) => !w.startsWith('-') && (installs?.test(w) === true || !(i > 0 && /^(--[^=]+|-[A-Za-z])$/.test(after[i - 1]))));
  if (installs === undefined || sub < 0 || !installs.test(after[sub])) return [];
  const out: ConfiguredCode[] = [];
  after.forEach((w, i) => {
    const at = w.indexOf('@', w.startsWith('@') ? 1 : 0);
    if (i <= sub || w.startsWith('-') || at <= 0) return;
    const how = `it is the version spec of the package ${w.slice(0, at)} that ${name} ${after[sub]} installs, where a file: path, `
      + `a git or an https tarball URL names another package, whose install scripts ${name} runs`;
    out.push({ index: i, start: at + 1, how });
  });
  return out;
}

export function configuredCode(program: string, after: readonly string[], extAllowed = false): ConfiguredCode[] {
  const name = basename(program);
  if (name === 'git') return gitCode(after, extAllowed);
  if (own(PACKAGE_INSTALLS, name) !== undefined) return packageSpecCode(name, after);
  if (/^(ssh|scp|sftp)$/.test(name)) return sshCode(name, after);
  if (/^g?make$/.test(name)) return makeCode(after);
  if (name === 'wget') return wgetCode(after);
  return optionCode(name, after);
}
