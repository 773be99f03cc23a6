/**
 * wget's command line, read as its own parser reads it (GNU Wget 1.21 src/main.c `option_data`, `init_switches` and `main`, with
 * glibc's getopt_long): each option in order with its value, the URLs it is given, and `--`. One table of wget's options
 * (WGET_OPTIONS) serves every reader of a wget command.
 */

import { CurlEnd, CurlOption, CurlUrl, netrcTokens, operandAt } from './curl-options';

/**
 * How a wget option takes a value: `value`, always (`--output-document F`, `--output-document=F`, `-O F`, `-OF`); `boolean`, only
 * after `=` of its long form (`--quiet=off`), with a `--no-` form that takes none (`--no-quiet`); `optional`, only after `=`
 * (`--parent=no`); `none`, never.
 */
export type WgetOptionKind = 'value' | 'boolean' | 'optional' | 'none';

/**
 * wget's options (GNU Wget 1.21 main.c `option_data`, as Debian builds it: with SSL, IPv6, HSTS, zlib and xattr; without c-ares or
 * metalink): the long name, its letter (or none), how it takes a value, and the wgetrc command it sets (init.c `commands`, as
 * `-e`/`--execute` names it: case, `-` and `_` aside). `--append-output` sets `logfile` too, but is named by none.
 */
export const WGET_OPTIONS: ReadonlyArray<readonly [string, string, WgetOptionKind, string]> = [
  ['accept', 'A', 'value', 'accept'], ['accept-regex', '', 'value', 'acceptregex'], ['adjust-extension', 'E', 'boolean', 'adjustextension'],
  ['append-output', 'a', 'value', ''], ['ask-password', '', 'boolean', 'askpassword'], ['auth-no-challenge', '', 'boolean', 'authnochallenge'],
  ['background', 'b', 'boolean', 'background'], ['backup-converted', 'K', 'boolean', 'backupconverted'], ['backups', '', 'boolean', 'backups'],
  ['base', 'B', 'value', 'base'], ['bind-address', '', 'value', 'bindaddress'], ['body-data', '', 'value', 'bodydata'],
  ['body-file', '', 'value', 'bodyfile'], ['ca-certificate', '', 'value', 'cacertificate'], ['ca-directory', '', 'value', 'cadirectory'],
  ['cache', '', 'boolean', 'cache'], ['certificate', '', 'value', 'certificate'], ['certificate-type', '', 'value', 'certificatetype'],
  ['check-certificate', '', 'boolean', 'checkcertificate'], ['clobber', '', 'optional', ''], ['compression', '', 'value', 'compression'],
  ['config', '', 'value', 'chooseconfig'], ['connect-timeout', '', 'value', 'connecttimeout'], ['continue', 'c', 'boolean', 'continue'],
  ['convert-file-only', '', 'boolean', 'convertfileonly'], ['convert-links', 'k', 'boolean', 'convertlinks'],
  ['content-disposition', '', 'boolean', 'contentdisposition'], ['content-on-error', '', 'boolean', 'contentonerror'],
  ['cookies', '', 'boolean', 'cookies'], ['crl-file', '', 'value', 'crlfile'], ['cut-dirs', '', 'value', 'cutdirs'],
  ['debug', 'd', 'boolean', 'debug'], ['default-page', '', 'value', 'defaultpage'], ['delete-after', '', 'boolean', 'deleteafter'],
  ['directories', '', 'boolean', 'dirstruct'], ['directory-prefix', 'P', 'value', 'dirprefix'], ['dns-cache', '', 'boolean', 'dnscache'],
  ['dns-timeout', '', 'value', 'dnstimeout'], ['domains', 'D', 'value', 'domains'], ['dont-remove-listing', '', 'none', ''],
  ['dot-style', '', 'value', 'dotstyle'], ['egd-file', '', 'value', 'egdfile'], ['exclude-directories', 'X', 'value', 'excludedirectories'],
  ['exclude-domains', '', 'value', 'excludedomains'], ['execute', 'e', 'value', ''], ['follow-ftp', '', 'boolean', 'followftp'],
  ['follow-tags', '', 'value', 'followtags'], ['force-directories', 'x', 'boolean', 'dirstruct'], ['force-html', 'F', 'boolean', 'forcehtml'],
  ['ftp-password', '', 'value', 'ftppassword'], ['ftp-user', '', 'value', 'ftpuser'],
  ['ftps-clear-data-connection', '', 'boolean', 'ftpscleardataconnection'], ['ftps-fallback-to-ftp', '', 'boolean', 'ftpsfallbacktoftp'],
  ['ftps-implicit', '', 'boolean', 'ftpsimplicit'], ['ftps-resume-ssl', '', 'boolean', 'ftpsresumessl'], ['glob', '', 'boolean', 'glob'],
  ['header', '', 'value', 'header'], ['help', 'h', 'none', ''], ['host-directories', '', 'boolean', 'addhostdir'], ['hsts', '', 'boolean', 'hsts'],
  ['hsts-file', '', 'value', 'hstsfile'], ['html-extension', 'E', 'boolean', 'adjustextension'], ['htmlify', '', 'boolean', 'htmlify'],
  ['http-keep-alive', '', 'boolean', 'httpkeepalive'], ['http-passwd', '', 'value', 'httppassword'], ['http-password', '', 'value', 'httppassword'],
  ['http-user', '', 'value', 'httpuser'], ['https-only', '', 'boolean', 'httpsonly'], ['ignore-case', '', 'boolean', 'ignorecase'],
  ['ignore-length', '', 'boolean', 'ignorelength'], ['ignore-tags', '', 'value', 'ignoretags'],
  ['include-directories', 'I', 'value', 'includedirectories'], ['inet4-only', '4', 'boolean', 'inet4only'],
  ['inet6-only', '6', 'boolean', 'inet6only'], ['input-file', 'i', 'value', 'input'], ['iri', '', 'boolean', 'iri'],
  ['keep-badhash', '', 'boolean', 'keepbadhash'], ['keep-session-cookies', '', 'boolean', 'keepsessioncookies'], ['level', 'l', 'value', 'reclevel'],
  ['limit-rate', '', 'value', 'limitrate'], ['load-cookies', '', 'value', 'loadcookies'], ['local-encoding', '', 'value', 'localencoding'],
  ['rejected-log', '', 'value', 'rejectedlog'], ['max-redirect', '', 'value', 'maxredirect'], ['method', '', 'value', 'method'],
  ['mirror', 'm', 'boolean', 'mirror'], ['netrc', '', 'boolean', 'netrc'], ['no', 'n', 'value', ''], ['no-clobber', '', 'boolean', 'noclobber'],
  ['no-config', '', 'boolean', 'noconfig'], ['no-parent', '', 'boolean', 'noparent'], ['output-document', 'O', 'value', 'outputdocument'],
  ['output-file', 'o', 'value', 'logfile'], ['page-requisites', 'p', 'boolean', 'pagerequisites'], ['parent', '', 'optional', ''],
  ['passive-ftp', '', 'boolean', 'passiveftp'], ['password', '', 'value', 'password'], ['pinnedpubkey', '', 'value', 'pinnedpubkey'],
  ['post-data', '', 'value', 'postdata'], ['post-file', '', 'value', 'postfile'], ['prefer-family', '', 'value', 'preferfamily'],
  ['preserve-permissions', '', 'boolean', 'preservepermissions'], ['ciphers', '', 'value', 'ciphers'], ['private-key', '', 'value', 'privatekey'],
  ['private-key-type', '', 'value', 'privatekeytype'], ['progress', '', 'value', 'progress'], ['show-progress', '', 'boolean', 'showprogress'],
  ['protocol-directories', '', 'boolean', 'protocoldirectories'], ['proxy', '', 'boolean', 'useproxy'], ['proxy__compat', 'Y', 'value', 'useproxy'],
  ['proxy-passwd', '', 'value', 'proxypassword'], ['proxy-password', '', 'value', 'proxypassword'], ['proxy-user', '', 'value', 'proxyuser'],
  ['quiet', 'q', 'boolean', 'quiet'], ['quota', 'Q', 'value', 'quota'], ['random-file', '', 'value', 'randomfile'],
  ['random-wait', '', 'boolean', 'randomwait'], ['read-timeout', '', 'value', 'readtimeout'], ['recursive', 'r', 'boolean', 'recursive'],
  ['referer', '', 'value', 'referer'], ['regex-type', '', 'value', 'regextype'], ['reject', 'R', 'value', 'reject'],
  ['reject-regex', '', 'value', 'rejectregex'], ['relative', 'L', 'boolean', 'relativeonly'], ['remote-encoding', '', 'value', 'remoteencoding'],
  ['remove-listing', '', 'boolean', 'removelisting'], ['report-speed', '', 'boolean', 'reportspeed'],
  ['restrict-file-names', '', 'boolean', 'restrictfilenames'], ['retr-symlinks', '', 'boolean', 'retrsymlinks'],
  ['retry-connrefused', '', 'boolean', 'retryconnrefused'], ['retry-on-host-error', '', 'boolean', 'retryonhosterror'],
  ['retry-on-http-error', '', 'value', 'retryonhttperror'], ['save-cookies', '', 'value', 'savecookies'],
  ['save-headers', '', 'boolean', 'saveheaders'], ['secure-protocol', '', 'value', 'secureprotocol'],
  ['server-response', 'S', 'boolean', 'serverresponse'], ['span-hosts', 'H', 'boolean', 'spanhosts'], ['spider', '', 'boolean', 'spider'],
  ['start-pos', '', 'value', 'startpos'], ['strict-comments', '', 'boolean', 'strictcomments'], ['timeout', 'T', 'value', 'timeout'],
  ['timestamping', 'N', 'boolean', 'timestamping'], ['if-modified-since', '', 'boolean', 'ifmodifiedsince'], ['tries', 't', 'value', 'tries'],
  ['unlink', '', 'boolean', 'unlink'], ['trust-server-names', '', 'boolean', 'trustservernames'], ['use-askpass', '', 'value', 'useaskpass'],
  ['use-server-timestamps', '', 'boolean', 'useservertimestamps'], ['user', '', 'value', 'user'], ['user-agent', 'U', 'value', 'useragent'],
  ['verbose', 'v', 'boolean', 'verbose'], ['version', 'V', 'none', ''], ['wait', 'w', 'value', 'wait'], ['waitretry', '', 'value', 'waitretry'],
  ['warc-cdx', '', 'boolean', 'warccdx'], ['warc-compression', '', 'boolean', 'warccompression'], ['warc-dedup', '', 'value', 'warccdxdedup'],
  ['warc-digests', '', 'boolean', 'warcdigests'], ['warc-file', '', 'value', 'warcfile'], ['warc-header', '', 'value', 'warcheader'],
  ['warc-keep-log', '', 'boolean', 'warckeeplog'], ['warc-max-size', '', 'value', 'warcmaxsize'], ['warc-tempdir', '', 'value', 'warctempdir'],
  ['xattr', '', 'boolean', 'xattr'],
];

/** What wget reads in its arguments, in order: a URL and `--` as curl's are (an argument that is no option, `-` alone too, or any after `--`). */
export type WgetArgument = CurlUrl | WgetOption | CurlEnd;

/**
 * An option: a long one (`--output-document F`, `--output-document=F`, `--no-quiet`, `--quiet=off`, `--qui`), one letter of a short
 * group (`-qO-` gives `-q` and `-O` with `-`: a letter that takes a value takes the rest of its group, else the next argument,
 * whatever it starts with), or a wgetrc command of `-e`/`--execute` (`-e debug=on`, given after its `-e` option, `command` set).
 */
export interface WgetOption extends Omit<CurlOption, 'name' | 'written' | 'negated' | 'expand'> {
  /**
   * Its long name, without `--no-` (`output-document` for `-O`; `debug` for `-e debug=on`); undefined where wget knows none, or where
   * an abbreviation begins several (`--de`; either way it exits, an error), or a command of `-e` names no option.
   */
  readonly name: string | undefined;
  /** As written: the long option's argument up to any `=` (`--no-verbose`), the letter after a dash (`-O`), or `-e`/`--execute`. */
  readonly written: string;
  /** Its `--no-` form. */
  readonly negated: boolean;
  /** The wgetrc command as written, for one of `-e`/`--execute` (`debug` of `-e debug=on`). */
  readonly command?: string;
}

const BY_NAME = new Map(WGET_OPTIONS.map((o) => [o[0], o] as const));
// (the last of a letter's options is the one getopt's map keeps: `-E` is `--html-extension`, which sets what `--adjust-extension` does)
const BY_LETTER = new Map(WGET_OPTIONS.filter((o) => o[1] !== '').map((o) => [o[1], o] as const));
// (every name getopt_long knows: each option's, and `no-NAME` of each boolean one)
const LONG_NAMES = [...WGET_OPTIONS.map((o) => o[0]), ...WGET_OPTIONS.filter((o) => o[2] === 'boolean').map((o) => `no-${o[0]}`)];
const BY_COMMAND = new Map<string, string>();
for (const [name, , , command] of WGET_OPTIONS) if (command !== '' && !BY_COMMAND.has(command)) BY_COMMAND.set(command, name);

/**
 * The long option `written` (after its `--`) names, as getopt_long reads it: the name exactly (case and all), else the one name it
 * begins (`--deb` is `--debug`, `--no-verb` is `--no-verbose`); undefined where it begins none or several (`--de`: wget exits, an
 * error, run with wget 1.21.3).
 */
function longName(written: string): string | undefined {
  if (BY_NAME.has(written) || LONG_NAMES.includes(written)) return written;
  const begun = written === '' ? [] : LONG_NAMES.filter((n) => n.startsWith(written));
  return begun.length === 1 ? begun[0] : undefined;
}

/**
 * The option a wgetrc command of `-e` sets (init.c `parse_line`: `NAME = VALUE`, blanks around either side, the name of letters,
 * digits, `-` and `_`, matched with `-` and `_` dropped and case aside), with its value; undefined where the line is not of that form
 * (wget exits, an error).
 */
export function wgetCommand(line: string): { command: string; name: string | undefined; value: string } | undefined {
  const m = /^\s*([A-Za-z0-9_-]*)\s*=\s*([^]*?)\s*$/.exec(line);
  if (m === null) return undefined;
  return { command: m[1], name: BY_COMMAND.get(m[1].replace(/[-_]/g, '').toLowerCase()), value: m[2] };
}

/**
 * What a boolean option of wget sets: true for `--quiet`, `-q`, `--quiet=on` (`yes`, `1`, case aside), `-e quiet=on`; false for
 * `--no-quiet`, `--quiet=off` (`no`, `0`); undefined for another value (wget exits, an error).
 */
export function wgetBoolean(option: WgetOption): boolean | undefined {
  if (option.negated) return false;
  if (option.value === undefined) return true;
  const v = option.value.toLowerCase();
  return v === 'on' || v === 'yes' || v === '1' ? true : v === 'off' || v === 'no' || v === '0' ? false : undefined;
}

/**
 * wget's arguments `args` (those after the program) in the order wget reads them: getopt_long's, which reads a word that starts with
 * `-` as an option wherever it stands, before `--`; with `posixlyCorrect` (POSIXLY_CORRECT in wget's environment, set to anything),
 * before the first argument that is no option, after which every one is a URL (wget 1.21.3 run: `POSIXLY_CORRECT=1 wget URL -q`
 * fetches `-q` as a URL). A long option that takes a value takes the next argument
 * without `=`; one that does not takes only what follows its `=`; an unknown one (`name` undefined) takes none but what follows its
 * `=`, an unknown letter the rest of its group (the reading of the group stops there). `-e`/`--execute` is given, then the wgetrc
 * command it runs as the option it sets, of the same place and word.
 */
export function* wgetArguments(args: readonly string[], posixlyCorrect = false): Generator<WgetArgument> {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    let given: WgetOption | undefined;
    const operand = operandAt(args, k, posixlyCorrect);
    if (operand !== undefined) {
      yield* operand.read;
      if (operand.last) return;
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const written = a.slice(0, eq < 0 ? undefined : eq);
      const long = longName(written.slice(2));
      const negated = long !== undefined && !BY_NAME.has(long);
      const name = negated ? long?.slice(3) : long;
      const next = name !== undefined && !negated && BY_NAME.get(name)?.[2] === 'value' && eq < 0 && k + 1 < args.length;
      const value = eq >= 0 ? a.slice(eq + 1) : next ? args[k + 1] : undefined;
      given = { kind: 'option', name, written, word: a, at: k, offset: 0, negated, value, valueAt: next ? k + 1 : undefined };
      yield given;
      if (next) k++;
    } else {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const name = BY_LETTER.get(c)?.[0];
        const rest = a.slice(j + 1);
        const valued = name === undefined || BY_NAME.get(name)?.[2] === 'value';
        const next = name !== undefined && valued && rest === '' && k + 1 < args.length;
        const value = !valued ? undefined : rest !== '' || name === undefined ? rest : next ? args[k + 1] : undefined;
        const option: WgetOption = { kind: 'option', name, written: `-${c}`, word: a, at: k, offset: j, negated: false, value, valueAt: next ? k + 1 : undefined };
        yield option;
        if (name === 'execute') given = option;
        if (next) k++;
        if (valued) break;
      }
    }
    if (given?.name === 'execute' && given.value !== undefined) {
      const run = wgetCommand(given.value);
      if (run !== undefined) yield { ...given, name: run.name, negated: false, value: run.value, command: run.command };
    }
  }
}

/**
 * The startup files wget 1.21.3 reads before its arguments `args` (main.c and init.c, run), given its environment `env`: the file of the
 * first `--config FILE` (`--config=FILE`) alone, none where a `--no-config` comes before it; else the system one, $SYSTEM_WGETRC's or
 * /etc/wgetrc, then the user's, $WGETRC's where set (and not empty) or $HOME/.wgetrc (`$HOME` as written where HOME is not known).
 * `chosen`: the option that chose them, if one did. Each path as written there, read in order.
 */
export function wgetStartupFiles(args: readonly string[], env: ReadonlyMap<string, string>): { files: string[]; chosen?: WgetOption } {
  const found = [...wgetArguments(args, env.has('POSIXLY_CORRECT'))]
    .find((o) => o.kind === 'option' && o.command === undefined && (o.name === 'config' || o.name === 'no-config'));
  const chosen = found?.kind === 'option' ? found : undefined;
  const files = chosen === undefined ? [env.get('SYSTEM_WGETRC') ?? '/etc/wgetrc', env.get('WGETRC') || `${env.get('HOME') ?? '$HOME'}/.wgetrc`]
    : chosen.name === 'config' && chosen.value !== undefined ? [chosen.value] : [];
  return chosen === undefined ? { files } : { files, chosen };
}

/**
 * The wgetrc commands wget 1.21.3 knows that no option sets (init.c `commands`: old names, the dots' and proxies' settings, `robots`;
 * each run here with `-e NAME=…`, which exits for a command it does not know), `-`, `_` and case aside.
 */
const RC_ONLY = new Set(['alwaysrest', 'dotbytes', 'dotsinline', 'dotspacing', 'ftpproxy', 'ftppasswd', 'htmlextension', 'httpproxy', 'httppasswd',
  'httpsproxy', 'login', 'noproxy', 'numtries', 'passwd', 'proxypasswd', 'robots', 'showalldnsentries']);

/** The boolean commands whose value is not `on`/`off` alone (`checkcertificate = quiet`, `restrictfilenames = unix`, run). */
const NOT_BOOLEAN = new Set(['backups', 'checkcertificate', 'reportspeed', 'restrictfilenames']);

/** A line of a wgetrc file that wget rejects: its number (from 1), its text without the blanks around it, and why. */
export interface WgetrcRejected {
  readonly number: number;
  readonly text: string;
  readonly error: string;
}

/**
 * The first line of a wgetrc file that wget 1.21.3 rejects (init.c `run_wgetrc`, run): one not of the form `NAME = VALUE` (`Syntax
 * error in FILE at line N`), a command it does not know (`Unknown command`), or a boolean one given another value than on, off, yes,
 * no, 1, 0 (`debug = maybe`: `Invalid boolean`). wget reads the whole file (setting each command it can, `debug = on` writing each
 * value it sets), then exits (status 2) without reading the next file, its options or its URLs. Only a line `known(index)` (from 0)
 * holds as written counts: one whose text the shell expands when it writes it (`verbose = $VERBOSE`, `$OPT = 1`) may become one
 * wget accepts (VERBOSE=on, OPT=debug: run), so it is none.
 */
export function wgetrcError(text: string, known: (index: number) => boolean = () => true): WgetrcRejected | undefined {
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k].trim();
    if (line === '' || line.startsWith('#') || !known(k)) continue;
    const run = wgetCommand(line);
    const command = run?.command.replace(/[-_]/g, '').toLowerCase();
    const option = run?.name === undefined ? undefined : BY_NAME.get(run.name);
    const error = run === undefined ? 'a syntax error'
      : run.name === undefined && !RC_ONLY.has(command!) ? `a command wget does not know (\`${run.command}\`)`
        : option?.[2] === 'boolean' && !NOT_BOOLEAN.has(command!) && !/^(on|off|yes|no|1|0)$/i.test(run.value) ? `not a boolean (\`${run.value}\`)` : undefined;
    if (error !== undefined) return { number: k + 1, text: line, error };
  }
  return undefined;
}

/** A command of a wgetrc file (`debug = on`, `header = Authorization: …`): the option it sets, its value, the line as written and its number. */
export interface WgetrcCommand {
  readonly command: string;
  /** The long option it sets (`debug`); undefined where it names none. */
  readonly name: string | undefined;
  readonly value: string;
  /** The line as written, without the blanks around it. */
  readonly text: string;
  /** Its number in the file, from 1. */
  readonly number: number;
}

/**
 * The commands of a wgetrc file (`/etc/wgetrc`, `~/.wgetrc`, `$WGETRC`, `--config FILE`), as wget 1.21 init.c `run_wgetrc` reads
 * each line with `parse_line`, as `-e` does (wgetCommand): blank lines and those that start with `#` past their blanks are none; a
 * line of another form is none either (wget warns, and exits after reading the file).
 */
export function wgetrcCommands(text: string): WgetrcCommand[] {
  const out: WgetrcCommand[] = [];
  text.split('\n').forEach((raw, k) => {
    const line = raw.trim();
    const run = line === '' || line.startsWith('#') ? undefined : wgetCommand(line);
    if (run !== undefined) out.push({ ...run, text: line, number: k + 1 });
  });
  return out;
}

/**
 * The hosts a `.netrc` gives wget 1.21.3 a user for (netrc.c; run against a server that answers 401): each `machine HOST` entry with a
 * `login` after it, before the next `machine` or `default`, HOST lowercased (wget matches a URL's host in any case, its port aside, and
 * reads `machine HOST:PORT` as no host of a URL). Not a `default` entry's (wget takes none for http), nor what a `macdef` holds (to a
 * blank line), nor a comment (`#` to the end of its line); keywords are lowercase (`MACHINE` is none), a token's double quotes dropped.
 */
export function wgetNetrcHosts(text: string): string[] {
  return wgetNetrcMachines(text).filter((e) => e.login !== undefined).map((e) => e.machine);
}

/** The `machine HOST` entries of a `.netrc` as wget 1.21.3 reads them (wgetNetrcHosts), HOST lowercased, with their login and password. */
function wgetNetrcMachines(text: string): Array<{ machine: string; login?: string; password?: string }> {
  const entries: Array<{ machine: string; login?: string; password?: string }> = [];
  const tokens = netrcTokens(text);
  let machine: { machine: string; login?: string; password?: string } | undefined;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k] === 'default') machine = undefined;
    else if (tokens[k] === 'machine') entries.push(machine = { machine: tokens[++k]?.toLowerCase() ?? '' });
    else if (tokens[k] === 'login' && tokens[++k] !== undefined && machine !== undefined) machine.login = tokens[k];
    else if (tokens[k] === 'password' && machine !== undefined && tokens[k + 1] !== undefined) machine.password = tokens[++k];
    else if (/^(password|passwd|account|port)$/.test(tokens[k])) k++;
  }
  return entries.filter((e) => e.machine !== '');
}

/**
 * The login and password of the `.netrc` entries wget 1.21.3 may take for a URL's `host` where a user or password is not given
 * (http.c, netrc.c; run against a server that answers 401): the first `machine HOST` entry of it (in any case), where it has a login,
 * and that login is the `user` given where one is (`--user me` takes `login me`'s password, none where the first entry is `login bob`);
 * and those before it whose machine the shell may expand (`machine $HOST`); every entry where the host is not known (undefined). None
 * of `default` (not read for http).
 */
export function wgetNetrcEntries(text: string, host: string | undefined, user?: string): Array<{ login: string; password?: string }> {
  const entries = wgetNetrcMachines(text);
  const sure = host === undefined ? -1 : entries.findIndex((e) => e.machine === host);
  const chosen = host === undefined ? entries : entries.filter((e, k) => k === sure || ((sure < 0 || k < sure) && /[$`]/.test(e.machine)));
  return chosen.filter((e): e is { machine: string; login: string; password?: string } => e.login !== undefined
    && (user === undefined || /[$`]/.test(user) || /[$`]/.test(e.login) || e.login === user)).map(({ login, password }) => ({ login, password }));
}

/** The host of a URL wget is given (`https://me@Host:8443/x`, `host/x`), lowercased; undefined where the shell expands it (`$H/x`). */
export function wgetUrlHost(url: string): string | undefined {
  const authority = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '').replace(/[/?#][\s\S]*$/, '').replace(/^[\s\S]*@/, '');
  if (/[$`]/.test(authority)) return undefined;
  return (authority.startsWith('[') ? authority.replace(/\][\s\S]*$/, ']') : authority.replace(/:[\s\S]*$/, '')).toLowerCase();
}
