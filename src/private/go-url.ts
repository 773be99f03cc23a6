/**
 * Go's `net/url.Parse` (src/net/url/url.go, Go 1.25), for the parts that decide
 * where a Go client connects: the scheme (lower-cased, as Go does), the
 * authority (userinfo and host[:port]) and whether the text parses at all.
 * Go rejects what this rejects; where newer Go versions reject more (e.g. colons
 * in a host), the client fails to connect, which never weakens a check built on
 * this parser.
 */

/** A URL as Go's `url.Parse` reads it. */
export interface GoUrl {
  /** The scheme, lower-cased ("" when there is none). */
  readonly scheme: string;
  /** The opaque part of `scheme:opaque` (no `//`), else "". */
  readonly opaque: string;
  /** The user name of the userinfo, percent-decoded. @default - no userinfo */
  readonly username?: string;
  /** The password of the userinfo, percent-decoded. @default - no password */
  readonly password?: string;
  /** host[:port] of the authority, percent-decoded ("" when there is none). */
  readonly host: string;
  /** The host without port and brackets (Go's `URL.Hostname()`). */
  readonly hostname: string;
}

const HEX = /^[0-9A-Fa-f]$/;

/** How a Go release's `url.Parse` reads a URL where releases differ. */
export interface GoUrlOptions {
  /**
   * Go 1.26's check of an http or https host (`urlstrictcolons`, on for a module of `go 1.26` or later): a host with
   * two colons or more outside brackets is an error ("invalid port"), where earlier releases take the last colon's part
   * as the port. @default false
   */
  readonly strictColons?: boolean;
}

/** `text` as Go's `url.Parse` reads it, or undefined where it returns an error. */
export function goParseUrl(text: string, options: GoUrlOptions = {}): GoUrl | undefined {
  const hash = text.indexOf('#');
  const raw = hash < 0 ? text : text.slice(0, hash);
  if (hash >= 0 && unescape(text.slice(hash + 1), 'fragment') === undefined) return undefined;
  // stringContainsCTLByte
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return undefined;
  }
  if (raw === '*') return { scheme: '', opaque: '', host: '', hostname: '' };
  const split = getScheme(raw);
  if (!split) return undefined;
  const scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, host: '', hostname: '' };
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) return undefined;
  }
  let user: { username: string; password?: string } | undefined;
  let host = '';
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const parsed = parseAuthority(authority, options.strictColons === true && (scheme === 'http' || scheme === 'https'));
    if (!parsed) return undefined;
    user = parsed.user;
    host = parsed.host;
  }
  if (unescape(rest, 'path') === undefined) return undefined;
  return { scheme, opaque: '', ...user, host, hostname: hostnameOf(host) };
}

function getScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') return i === 0 ? undefined : { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseAuthority(authority: string, strictColons: boolean): { user?: { username: string; password?: string }; host: string } | undefined {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1), strictColons);
  if (host === undefined) return undefined;
  if (at < 0) return { host };
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return undefined;
  const colon = userinfo.indexOf(':');
  const username = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'userinfo');
  const password = colon < 0 ? undefined : unescape(userinfo.slice(colon + 1), 'userinfo');
  if (username === undefined || (colon >= 0 && password === undefined)) return undefined;
  return { user: colon < 0 ? { username } : { username, password }, host };
}

function parseHost(host: string, strictColons: boolean): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validOptionalPort(host.slice(close + 1))) return undefined;
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const a = unescape(host.slice(0, zone), 'host');
      const b = unescape(host.slice(zone, close), 'zone');
      const c = unescape(host.slice(close), 'host');
      return a === undefined || b === undefined || c === undefined ? undefined : a + b + c;
    }
  } else {
    // Go 1.26 takes the port from the first colon of an http(s) host, so a second colon makes it invalid
    const colon = strictColons ? host.indexOf(':') : host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return undefined;
  }
  return unescape(host, 'host');
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** Go's `URL.Hostname()`. */
function hostnameOf(host: string): string {
  let name = host;
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) name = host.slice(0, colon);
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}

type Mode = 'host' | 'zone' | 'userinfo' | 'path' | 'fragment';

/** Characters a host may hold unescaped (Go's `shouldEscape(c, encodeHost)` is false). */
const HOST_CHARS = /^[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]$/;

/** Go's `unescape`: percent-decoding with the checks of each part of a URL; undefined where Go returns an error. */
function unescape(s: string, mode: Mode): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !HEX.test(s[i + 1]) || !HEX.test(s[i + 2])) return undefined;
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25') return undefined;
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && !HOST_CHARS.test(String.fromCharCode(v))) return undefined;
      bytes.push(v);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && s.charCodeAt(i) < 0x80 && !HOST_CHARS.test(c)) return undefined;
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The host a Go HTTP client connects to with TLS for `address`, or undefined
 * when Go reads no https URL with a host there.
 */
export function goHttpsHost(address: string, options: GoUrlOptions = {}): string | undefined {
  const url = goParseUrl(address, options);
  return url && url.scheme === 'https' && url.hostname !== '' ? url.hostname : undefined;
}
