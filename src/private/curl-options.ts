/**
 * curl's command line, read as its own parser reads it (curl/curl src/tool_getparam.c `parse_args` and `getparameter`, 7.74 to
 * 8.22): each option in order with its value, the URLs it is given, and `--next` (`-:`), which starts a group of its own URLs and
 * options. One table of curl's options (CURL_VALUED, CURL_FLAGS, CURL_LETTERS) serves every reader of a curl command.
 */

/**
 * curl's long options that take a value (type ARG_STRING, ARG_FILENAME in 7.x; ARG_STRG, ARG_FILE, ARG_SECS, ARG_UNUM in 8.x),
 * those of 7.74, 7.88, 8.5 and 8.22, each of the same kind in all that have it (`--help`, which takes a category in 8.x alone, is not
 * listed; nor are the `--no-` and `--expand-` forms, read from the name they prefix).
 */
export const CURL_VALUED: readonly string[] = ['abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers',
  'config', 'connect-timeout', 'connect-to', 'continue-at', 'cookie', 'cookie-jar', 'create-file-mode', 'crlfile', 'curves', 'data', 'data-ascii',
  'data-binary', 'data-raw', 'data-urlencode', 'delegation', 'dns-interface', 'dns-ipv4-addr', 'dns-ipv6-addr', 'dns-servers', 'doh-url',
  'dump-header', 'ech', 'egd-file', 'engine', 'etag-compare', 'etag-save', 'expect100-timeout', 'form', 'form-string', 'ftp-account',
  'ftp-alternative-to-user', 'ftp-method', 'ftp-port', 'ftp-ssl-ccc-mode', 'happy-eyeballs-timeout-ms', 'haproxy-clientip', 'header', 'hostpubmd5',
  'hostpubsha256', 'hsts', 'httpsig-algo', 'httpsig-headers', 'httpsig-key', 'httpsig-keyid', 'interface', 'ip-tos', 'ipfs-gateway', 'json',
  'keepalive-cnt', 'keepalive-time', 'key', 'key-type', 'knownhosts', 'krb', 'krb4', 'libcurl', 'limit-rate', 'local-port', 'login-options',
  'mail-auth', 'mail-from', 'mail-rcpt', 'max-filesize', 'max-redirs', 'max-time', 'netrc-file', 'noproxy', 'oauth2-bearer', 'output', 'output-dir',
  'parallel-max', 'parallel-max-host', 'pass', 'pinnedpubkey', 'preproxy', 'proto', 'proto-default', 'proto-redir', 'proxy', 'proxy-cacert',
  'proxy-capath', 'proxy-cert', 'proxy-cert-type', 'proxy-ciphers', 'proxy-crlfile', 'proxy-header', 'proxy-key', 'proxy-key-type', 'proxy-pass',
  'proxy-pinnedpubkey', 'proxy-service-name', 'proxy-tls13-ciphers', 'proxy1.0', 'proxy-tlsauthtype', 'proxy-tlspassword', 'proxy-tlsuser',
  'proxy-user', 'pubkey', 'quote', 'random-file', 'range', 'rate', 'referer', 'request', 'request-target', 'resolve', 'retry', 'retry-delay',
  'retry-max-time', 'sasl-authzid', 'service-name', 'sigalgs', 'socks4', 'socks4a', 'socks5', 'socks5-gssapi-service', 'socks5-hostname',
  'speed-limit', 'speed-time', 'ssl-sessions', 'stderr', 'telnet-option', 'tftp-blksize', 'time-cond', 'tls-max', 'tls13-ciphers', 'tlsauthtype',
  'tlspassword', 'tlsuser', 'trace', 'trace-ascii', 'trace-config', 'unix-socket', 'upload-file', 'upload-flags', 'url', 'url-query', 'user',
  'user-agent', 'variable', 'vlan-priority', 'write-out'];

/** curl's long options that take no value (ARG_BOOL, whose `--no-` form turns them off, and ARG_NONE), of the same versions. */
export const CURL_FLAGS: readonly string[] = ['alpn', 'anyauth', 'append', 'basic', 'buffer', 'ca-native', 'cert-status', 'clobber', 'compressed',
  'compressed-ssh', 'create-dirs', 'crlf', 'digest', 'disable', 'disable-eprt', 'disable-epsv', 'disallow-username-in-url', 'doh-cert-status',
  'doh-insecure', 'dump-ca-embed', 'eprt', 'epsv', 'fail', 'fail-early', 'fail-with-body', 'false-start', 'follow', 'form-escape', 'ftp-create-dirs',
  'ftp-pasv', 'ftp-pret', 'ftp-skip-pasv-ip', 'ftp-ssl', 'ftp-ssl-ccc', 'ftp-ssl-control', 'ftp-ssl-reqd', 'get', 'globoff', 'haproxy-protocol',
  'head', 'http0.9', 'http1.0', 'http1.1', 'http2', 'http2-prior-knowledge', 'http3', 'http3-only', 'ignore-content-length', 'include', 'insecure',
  'ipv4', 'ipv6', 'junk-session-cookies', 'keepalive', 'list-only', 'location', 'location-trusted', 'mail-rcpt-allowfails', 'manual', 'metalink',
  'mptcp', 'negotiate', 'netrc', 'netrc-optional', 'next', 'npn', 'ntlm', 'ntlm-wb', 'out-null', 'parallel', 'parallel-immediate', 'path-as-is',
  'post301', 'post302', 'post303', 'progress-bar', 'progress-meter', 'proxy-anyauth', 'proxy-basic', 'proxy-ca-native', 'proxy-digest', 'proxy-http2',
  'proxy-http3', 'proxy-insecure', 'proxy-negotiate', 'proxy-ntlm', 'proxy-ssl-allow-beast', 'proxy-ssl-auto-client-cert', 'proxy-tlsv1',
  'proxytunnel', 'raw', 'remote-header-name', 'remote-name', 'remote-name-all', 'remote-time', 'remove-on-error', 'retry-all-errors',
  'retry-connrefused', 'sasl-ir', 'sessionid', 'show-error', 'show-headers', 'silent', 'skip-existing', 'socks5-basic', 'socks5-gssapi',
  'socks5-gssapi-nec', 'ssl', 'ssl-allow-beast', 'ssl-auto-client-cert', 'ssl-no-revoke', 'ssl-reqd', 'ssl-revoke-best-effort', 'sslv2', 'sslv3',
  'styled-output', 'suppress-connect-headers', 'tcp-fastopen', 'tcp-nodelay', 'test-duphandle', 'test-event', 'tftp-no-options', 'tls-earlydata',
  'tlsv1', 'tlsv1.0', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3', 'tr-encoding', 'trace-ids', 'trace-time', 'use-ascii', 'verbose', 'version', 'wdebug', 'xattr'];

/** curl's short options, each by the long option it is (`-N` is `--no-buffer`; `-i` is `--include`, `--show-headers` in 8.10 on). */
export const CURL_LETTERS: ReadonlyMap<string, string> = new Map([
  ['#', 'progress-bar'], ['0', 'http1.0'], ['1', 'tlsv1'], ['2', 'sslv2'], ['3', 'sslv3'], ['4', 'ipv4'], ['6', 'ipv6'], [':', 'next'], ['A', 'user-agent'],
  ['B', 'use-ascii'], ['C', 'continue-at'], ['D', 'dump-header'], ['E', 'cert'], ['F', 'form'], ['G', 'get'], ['H', 'header'], ['I', 'head'],
  ['J', 'remote-header-name'], ['K', 'config'], ['L', 'location'], ['M', 'manual'], ['N', 'buffer'], ['O', 'remote-name'], ['P', 'ftp-port'],
  ['Q', 'quote'], ['R', 'remote-time'], ['S', 'show-error'], ['T', 'upload-file'], ['U', 'proxy-user'], ['V', 'version'], ['X', 'request'],
  ['Y', 'speed-limit'], ['Z', 'parallel'], ['a', 'append'], ['b', 'cookie'], ['c', 'cookie-jar'], ['d', 'data'], ['e', 'referer'], ['f', 'fail'],
  ['g', 'globoff'], ['i', 'include'], ['j', 'junk-session-cookies'], ['k', 'insecure'], ['l', 'list-only'], ['m', 'max-time'], ['n', 'netrc'],
  ['o', 'output'], ['p', 'proxytunnel'], ['q', 'disable'], ['r', 'range'], ['s', 'silent'], ['t', 'telnet-option'], ['u', 'user'], ['v', 'verbose'],
  ['w', 'write-out'], ['x', 'proxy'], ['y', 'speed-time'], ['z', 'time-cond'],
]);

/** What curl reads in its arguments, in order. */
export type CurlArgument = CurlUrl | CurlOption | CurlEnd;

/** A URL: an argument that is no option (`-` alone too), or any after `--`. */
export interface CurlUrl {
  readonly kind: 'url';
  readonly text: string;
  /** The argument's index. */
  readonly at: number;
}

/** `--`: every argument after it is a URL. */
export interface CurlEnd {
  readonly kind: 'end';
  readonly at: number;
}

/**
 * An option: a long one (`--output F`, `--output=F`, `--no-verbose`, `--expand-url U`, `--verb`) or one letter of a short group (`-fsSLo F`
 * gives `-f`, `-s`, `-S`, `-L` and `-o` with `F`; a letter that takes a value takes the rest of its group, else the next argument,
 * whatever it starts with).
 */
export interface CurlOption {
  readonly kind: 'option';
  /** Its long name, without `--no-` or `--expand-` (`output` for `-o`); undefined where curl knows none (it exits, an error). */
  readonly name: string | undefined;
  /** As written: the long option's argument up to any `=` (`--no-verbose`), or the letter after a dash (`-o`). */
  readonly written: string;
  /** The argument that holds it (`-fsSLo`). */
  readonly word: string;
  /** The argument's index. */
  readonly at: number;
  /** Where it starts in `word`: 0 for a long option, the letter's index in a group. */
  readonly offset: number;
  /** Its `--no-` form (or `-N`). */
  readonly negated: boolean;
  /** Its `--expand-` form (curl 8.3 on: `{{name}}` in the value is a `--variable`'s). */
  readonly expand: boolean;
  /** Its value: the rest of the group, after `=`, or the next argument; undefined where none (a flag, or the last argument). */
  readonly value: string | undefined;
  /** The index of the argument that is its value, where it is the next one (`-o F`, not `-oF`, `--output=F`). */
  readonly valueAt: number | undefined;
}

const VALUED = new Set(CURL_VALUED);
const FLAGS = new Set(CURL_FLAGS);
const NAMES = [...CURL_VALUED, ...CURL_FLAGS];

/**
 * The long option `written` (after its `--`, `--no-` or `--expand-`) names, as curl 8.5 and before read it where that is not
 * exactly a name (7.88 run: `--VERB`, `--Output F` are `--verbose`, `--output F`): case aside, the name, else, where `abbreviated`
 * may be (no `=`, nor `--no-` or `--expand-`), the one name it begins (`--verb`; `--out` begins three: an error); else as written.
 * curl 8.6 on takes the name alone: there, a command that gives another exits, an error.
 */
function longName(written: string, abbreviated: boolean): string {
  if (VALUED.has(written) || FLAGS.has(written)) return written;
  const lower = written.toLowerCase();
  if (VALUED.has(lower) || FLAGS.has(lower)) return lower;
  const begun = abbreviated && lower !== '' ? NAMES.filter((n) => n.startsWith(lower)) : [];
  return begun.length === 1 ? begun[0] : written;
}

/**
 * curl's arguments `args` (those after the program) in the order curl reads them. A long option takes the next argument where it
 * takes a value, or its own after `=` (8.16 on; an unknown option before: the value is given all the same, so that a reader may read
 * it as curl 8.16 does); an unknown one (`name` undefined) takes none but what follows its `=`, an unknown letter the rest of its group
 * (the reading of the group stops there, as curl's does). `-:` ends its group, as in curl (the rest of the group is not read). curl's
 * parser is its own, not getopt's: POSIXLY_CORRECT changes nothing (curl 7.88 run: `POSIXLY_CORRECT=1 curl URL -v` is verbose).
 */
export function* curlArguments(args: readonly string[]): Generator<CurlArgument> {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const operand = operandAt(args, k);
    if (operand !== undefined) {
      yield* operand.read;
      if (operand.last) return;
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const written = a.slice(0, eq < 0 ? undefined : eq);
      const bare = written.slice(2);
      const negated = bare.startsWith('no-');
      const expand = !negated && bare.startsWith('expand-');
      const plain = longName(negated ? bare.slice(3) : expand ? bare.slice(7) : bare, eq < 0 && !negated && !expand);
      const valued = VALUED.has(plain);
      const name = (negated ? FLAGS.has(plain) : expand ? valued : valued || FLAGS.has(plain)) ? plain : undefined;
      const next = name !== undefined && valued && eq < 0 && k + 1 < args.length;
      const value = eq >= 0 ? a.slice(eq + 1) : next ? args[k + 1] : undefined;
      yield { kind: 'option', name, written, word: a, at: k, offset: 0, negated, expand, value, valueAt: next ? k + 1 : undefined };
      if (next) k++;
    } else {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const name = CURL_LETTERS.get(c);
        const rest = a.slice(j + 1);
        const valued = name === undefined || VALUED.has(name);
        const next = name !== undefined && valued && rest === '' && k + 1 < args.length;
        const value = !valued ? undefined : rest !== '' || name === undefined ? rest : next ? args[k + 1] : undefined;
        yield { kind: 'option', name, written: `-${c}`, word: a, at: k, offset: j, negated: c === 'N', expand: false, value, valueAt: next ? k + 1 : undefined };
        if (next) k++;
        if (valued || name === 'next') break;
      }
    }
  }
}

/**
 * What the argument at `k` of `args` is where it is no option, as curl's parser and getopt read it: a URL (an argument that does not
 * start with `-`, or `-` alone), or `--`, with every argument after it a URL; with `all` (getopt under POSIXLY_CORRECT), every argument
 * from a URL on a URL too. `last` where no argument after it is read as an option. Undefined for an option.
 */
export function operandAt(args: readonly string[], k: number, all = false): { read: Array<CurlUrl | CurlEnd>; last: boolean } | undefined {
  const a = args[k];
  if (a.startsWith('-') && a !== '-' && a !== '--') return undefined;
  const urls = (from: number, to = args.length): CurlUrl[] => args.slice(from, to).map((text, j) => ({ kind: 'url', text, at: from + j }));
  if (a === '--') return { read: [{ kind: 'end', at: k }, ...urls(k + 1)], last: true };
  return all ? { read: urls(k), last: true } : { read: urls(k, k + 1), last: false };
}

/** A line of a curl config file that gives an option: the arguments it stands for on the command line, and the line as written. */
export interface CurlConfigLine {
  /** `--NAME` for a name written without dashes (`verbose`, `header = "…"`), else the option as written (`-v`, `--verbose`), and its value where it takes one. */
  readonly args: readonly string[];
  /** The line as written, without its leading blanks. */
  readonly text: string;
  /** Its number in the file, from 1. */
  readonly number: number;
}

/**
 * The options of a curl config file (`-K FILE`, `.curlrc`), as curl's parseconfig reads each line (tool_parsecfg.c, 7.74 to 8.22;
 * 7.88 run): past leading blanks, none where the line starts with `#`, `/` or `*`; the option up to a blank, or, written without a
 * dash, up to `=` or `:` too (`verbose`, `header = …`, `header: …`, `-H …`, `--header …`); past blanks (and `=`, `:` after a name
 * without a dash), its value: a quoted one up to its closing quote with `\"`, `\\`, `\t`, `\n`, `\r`, `\v` read, else up to a blank
 * (`header = Authorization: Bearer x` gives `Authorization:`). A value the option does not take is dropped (curl warns, and the option
 * applies: `verbose = yes` turns verbose on).
 */
export function curlConfigLines(text: string): CurlConfigLine[] {
  const out: CurlConfigLine[] = [];
  text.split('\n').forEach((raw, k) => {
    const line = raw.replace(/^[ \t\v\f\r]+/, '');
    if (line === '' || '#/*'.includes(line[0])) return;
    const dashed = line.startsWith('-');
    let i = 0;
    while (i < line.length && !/\s/.test(line[i]) && (dashed || !'=:'.includes(line[i]))) i++;
    const option = line.slice(0, i);
    while (i < line.length && (/\s/.test(line[i]) || (!dashed && '=:'.includes(line[i])))) i++;
    let value: string | undefined;
    if (line[i] === '"') {
      value = '';
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) value += { t: '\t', n: '\n', r: '\r', v: '\v' }[line[++i]] ?? line[i];
        else value += line[i];
      }
    } else {
      const end = line.slice(i).search(/\s/);
      value = line.slice(i, end < 0 ? undefined : i + end);
      if (value === '') value = undefined;
    }
    const written = dashed ? option : `--${option}`;
    const used = value !== undefined && [...curlArguments([written, value])].some((o) => o.kind === 'option' && o.valueAt === 1);
    out.push({ args: used ? [written, value!] : [written], text: line.replace(/\s+$/, ''), number: k + 1 });
  });
  return out;
}

/**
 * The tokens of a `.netrc` as wget 1.21.3 and curl 7.88 read them (run): words apart from blanks, a double-quoted one's quotes dropped;
 * a comment (`#` to the end of its line) and a `macdef`'s name and lines (to the first blank one) none.
 */
export function netrcTokens(text: string): string[] {
  const tokens: string[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const words = lines[k].match(/"[^"]*"|\S+/g) ?? [];
    for (let j = 0; j < words.length; j++) {
      if (words[j].startsWith('#')) break;
      if (words[j] !== 'macdef') {
        tokens.push(words[j].replace(/^"([^"]*)"$/, '$1'));
        continue;
      }
      // (the macro's name, then its lines to the first blank one)
      while (k + 1 < lines.length && lines[k + 1].trim() !== '') k++;
      break;
    }
  }
  return tokens;
}

/**
 * The login and password of the `.netrc` entries curl 7.88 may take for a URL's `host` (run against a server that answers 401): the
 * first that is `machine HOST` of it (in any case) or `default`, keywords in any case (netrcTokens), and those before it whose machine
 * the shell may expand (`machine $HOST`); every entry where the host is not known (undefined: the shell expands it).
 */
export function curlNetrcEntries(text: string, host: string | undefined): Array<{ login?: string; password?: string }> {
  const entries: Array<{ machine?: string; login?: string; password?: string }> = [];
  const tokens = netrcTokens(text);
  for (let k = 0; k < tokens.length; k++) {
    const keyword = tokens[k].toLowerCase();
    if (keyword === 'default') entries.push({});
    else if (keyword === 'machine') entries.push({ machine: (tokens[++k] ?? '').toLowerCase() });
    else if (entries.length > 0 && (keyword === 'login' || keyword === 'password')) entries[entries.length - 1][keyword] = tokens[++k];
    else if (keyword === 'account' || keyword === 'port') k++;
  }
  // (a machine the shell expands as the script writes it, `machine $HOST`, may be the host: the entries to the first that surely is)
  const sure = host === undefined ? -1 : entries.findIndex((e) => e.machine === undefined || e.machine === host);
  const chosen = host === undefined ? entries
    : entries.filter((e, k) => (k === sure) || ((sure < 0 || k < sure) && e.machine !== undefined && /[$`]/.test(e.machine)));
  return chosen.map(({ login, password }) => ({ login, password }));
}

/**
 * The hosts curl's URL globbing gives of a URL's host (curl 7.88 tool_urlglob.c; run: `http://127.0.0.{1,9}/` and `127.0.0.[1-1]`
 * request 127.0.0.1): `{a,b}` each of its words, `[1-3]`, `[01-10]` (as wide as its first number where it starts with 0), `[a-c]`, each
 * with a step (`[1-9:2]`), in turn; undefined where a set is not closed or not read, or there are more than 1000.
 */
export function curlGlobHosts(host: string): string[] | undefined {
  let out = [''];
  for (let i = 0; i < host.length;) {
    let parts: string[];
    if (host[i] === '{' || host[i] === '[') {
      const end = host.indexOf(host[i] === '{' ? '}' : ']', i);
      if (end < 0) return undefined;
      const set = host.slice(i + 1, end);
      const range = /^(?:([a-zA-Z])-([a-zA-Z])|(\d+)-(\d+))(?::(\d+))?$/.exec(set);
      if (host[i] === '[' && range === null) return undefined;
      parts = host[i] === '{' ? set.split(',') : [];
      const step = Number(range?.[5] ?? 1);
      if (range !== null && host[i] === '[' && range[1] !== undefined) {
        for (let c = range[1].charCodeAt(0); c <= range[2].charCodeAt(0) && parts.length <= 1000; c += step) parts.push(String.fromCharCode(c));
      } else if (range !== null && host[i] === '[') {
        const width = range[3].startsWith('0') ? range[3].length : 0;
        for (let n = Number(range[3]); n <= Number(range[4]) && parts.length <= 1000; n += step) parts.push(String(n).padStart(width, '0'));
      }
      i = end + 1;
    } else {
      const next = host.slice(i).search(/[{[]/);
      parts = [host.slice(i, next < 0 ? undefined : i + next)];
      i = next < 0 ? host.length : i + next;
    }
    out = out.flatMap((p) => parts.map((x) => p + x));
    if (out.length === 0 || out.length > 1000) return undefined;
  }
  return out;
}
