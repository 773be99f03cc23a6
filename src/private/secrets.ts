/**
 * Secret material recognised by its structure, never by entropy: what a value
 * holds when it is a credential whatever its name. Each detector names the kind
 * of material for messages; none returns the material itself.
 *
 * - Private keys: a PEM block `-----BEGIN <…> PRIVATE KEY[ BLOCK]-----` (PKCS#1,
 *   PKCS#8, encrypted PKCS#8, SEC1 EC, DSA, OpenSSH, PGP) followed by a body of at
 *   least 32 base64 characters (line breaks and JSON `\n` escapes allowed, PEM
 *   headers such as Proc-Type skipped); an RFC 4716 `---- BEGIN SSH2 ENCRYPTED
 *   PRIVATE KEY ----` block; a PuTTY key file (`PuTTY-User-Key-File-2/3:` with
 *   `Private-Lines:`). Either block base64-encoded as a whole (a kubeconfig's
 *   `client-key-data`, a value a script pipes to `base64 -d`): a run of base64
 *   characters, line breaks allowed, that begins with the encoding of `-----BEGIN`
 *   or `---- BEGIN` and decodes to such a block.
 * - GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and 36 letters or digits;
 *   `github_pat_`, 22 letters or digits, `_`, 59 letters or digits.
 * - GitLab tokens: `glpat-`, `gldt-`, `glrt-`, `glptt-`, `gloas-`, `glft-`,
 *   `glsoat-`, `glimt-`, `glagent-`, `glcbt-` and at least 20 of `[0-9A-Za-z_-]`.
 * - Slack: `xoxb-`, `xoxp-`, `xoxa-`, `xoxo-`, `xoxs-`, `xoxr-`, `xoxe-`,
 *   `xoxe.xoxp-` tokens (digits, `-`, then at least 10 of `[0-9A-Za-z-]`), `xapp-`
 *   app tokens, and incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`).
 * - AWS secret access keys: 40 of `[A-Za-z0-9/+]` after `aws_secret_access_key`
 *   `=` or `:` (the credentials file and its env form), as the value of a name
 *   containing `secret_access_key` (`AWS_SECRET_ACCESS_KEY`), or next to an access
 *   key ID `AKIA…`/`ASIA…` in the same value. An access key ID alone is an identifier.
 * - JSON Web Tokens: three base64url parts whose first two decode to JSON objects,
 *   the header with an `alg` other than `none` (ServiceAccount tokens, OIDC tokens).
 * - Registry credentials: a Docker config JSON (`auths`, or the legacy
 *   `.dockercfg` map) with an `auth`, `password`, `identitytoken` or `registrytoken`.
 *   Also base64-encoded as a whole (the value of a `.dockerconfigjson` key pasted
 *   outside a Secret): a run of base64 characters, line breaks allowed, that
 *   begins with the encoding of `{` and a quote or white space and decodes to one.
 * - Passwords in URLs: `scheme://user:password@host` with a non-empty password
 *   that is not a reference (`$(params.x)`, `${VAR}`, `$VAR`, `{{ x }}`) or a
 *   placeholder (`<password>`, `***`, `xxx`, `...`).
 *
 * Placeholders are not material: a token whose random part is one repeated
 * character (`ghp_xxxx…`), AWS's documented `…EXAMPLE…` keys.
 */

const PEM_PRIVATE = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
const SSH2_PRIVATE = /---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----/;
/**
 * A base64 text that begins with `-----BEGIN` or `---- BEGIN` (`LS0tLS1CRUdJTi`, `LS0tLSBCRUdJTi`),
 * not inside a longer base64 word, with what follows it on its line and the lines after (white
 * space removed before decoding; a private key's base64 is a few kilobytes at most).
 */
const BASE64_BEGIN = /(?<![A-Za-z0-9+/])LS0tLS(?:1CRUdJTi|BCRUdJTi)[A-Za-z0-9+/=\s]{0,16384}/g;
/**
 * A base64 text that begins with `{"`, `{ `, `{` and a tab or a line break (`eyJ`, `eyA`, `ewk`,
 * `ewo`, `ew0`), as a JSON object's encoding does, not inside a longer base64 word, with at least
 * 20 more characters (a config with credentials is longer) and what follows it as BASE64_BEGIN.
 */
const BASE64_JSON = /(?<![A-Za-z0-9+/])e(?:yJ|yA|wk|wo|w0)[A-Za-z0-9+/=\s]{20,65536}/g;
const PUTTY_HEADER = /PuTTY-User-Key-File-[23]: /;
const PUTTY_PRIVATE_LINES = /Private-Lines: *[0-9]+/;
const GITHUB = /(?<![A-Za-z0-9_])(?:gh[pousr]_([A-Za-z0-9]{36})|github_pat_([A-Za-z0-9]{22}_[A-Za-z0-9]{59}))(?![A-Za-z0-9_])/g;
const GITLAB = /(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glptt|gloas|glft|glsoat|glimt|glagent|glcbt)-([0-9A-Za-z_-]{20,})/g;
const SLACK = /(?<![A-Za-z0-9_-])(?:xox(?:[abposr]|e(?:\.xox[bp])?)-[0-9]+-([0-9A-Za-z-]{10,})|xapp-[0-9]+-[A-Z0-9]+-[0-9]+-([a-z0-9]{20,}))/g;
const SLACK_WEBHOOK = /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]+\/[A-Z0-9]+\/([A-Za-z0-9]{20,})/g;
const AWS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z0-9])/g;
const AWS_SECRET_ASSIGNED = /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
/** What AWS_SECRET_ASSIGNED requires: `aws`, in any case. */
const AWS_LETTERS = /aws/i;
const FORTY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const JWT = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{4,})\.(eyJ[A-Za-z0-9_-]{4,})\.([A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g;

/**
 * A Tekton (or Tekton Triggers) variable reference, whole: `$(` a root Tekton or Triggers gives, then names by `.` or in
 * brackets (`["a.b"]`, `['a']`, `[0]`, `[*]`), then `)`: `$(params.x)`, `$(tasks.t.results.r[*])`, `$(tt.params.p)`.
 */
const REFERENCE = /\$\((?:params|context|tasks|steps|step|workspaces|results|resources|inputs|outputs|credentials|tt|body|header|extensions)(?:\.[A-Za-z0-9_-]+|\[(?:"[^"\\\]\n]*"|'[^'\\\]\n]*'|\*|[0-9]+)\])+\)/g;

/** Whether the match `m` of `text` lies inside a Tekton or Triggers variable reference (REFERENCE), whole. */
function inReference(text: string, m: RegExpMatchArray): boolean {
  if (!text.includes('$(')) return false;
  const start = m.index!;
  const end = start + m[0].length;
  for (const r of text.matchAll(REFERENCE)) if (r.index! < start && end < r.index! + r[0].length) return true;
  return false;
}

/** A random part that is one character repeated, or says it is an example. */
function placeholder(part: string): boolean {
  return /^(.)\1*$/s.test(part.replace(/[_-]/g, '')) || /EXAMPLE/i.test(part);
}

function firstMatch(re: RegExp, text: string, accept: (m: RegExpMatchArray) => boolean = () => true): boolean {
  for (const m of text.matchAll(re)) if (accept(m)) return true;
  return false;
}

/** Whether a PEM private-key header at `index` is followed by a body of key material. */
function pemBody(text: string, index: number, header: string): boolean {
  let rest = text.slice(index + header.length, index + header.length + 2048);
  // JSON-escaped line breaks (a key inside a service-account JSON file)
  rest = rest.replace(/\\r|\\n/g, '\n');
  // RFC 1421 headers (Proc-Type, DEK-Info) before a blank line
  rest = rest.replace(/^\s*(?:[A-Za-z-]+: [^\n]*\n)+\s*\n/, '\n');
  const body = (/^\s*([A-Za-z0-9+/=\s]*)/.exec(rest)?.[1] ?? '').replace(/\s/g, '');
  return body.length >= 32 && !placeholder(body.replace(/=+$/, ''));
}

/** Whether `text` holds a PEM or SSH2 private-key block (written out, not encoded). */
function privateKeyBlock(text: string): boolean {
  if (!text.includes('PRIVATE KEY')) return false;
  for (const m of text.matchAll(PEM_PRIVATE)) {
    if (pemBody(text, m.index!, m[0])) return true;
  }
  return SSH2_PRIVATE.test(text);
}

/** Whether `text` holds a private-key block base64-encoded as a whole. */
function encodedPrivateKey(text: string): boolean {
  return firstMatch(BASE64_BEGIN, text, (m) => {
    // the base64 up to its padding: what follows the run's end (another word after white space) is not part of it
    const encoded = m[0].replace(/\s/g, '').replace(/=.*$/, '');
    return privateKeyBlock(Buffer.from(encoded, 'base64').toString('latin1'));
  });
}

/** Whether `text` holds a Docker config with credentials base64-encoded as a whole. */
function encodedDockerCredentials(text: string): boolean {
  return firstMatch(BASE64_JSON, text, (m) => {
    const decoded = Buffer.from(m[0].replace(/\s/g, '').replace(/=.*$/, ''), 'base64').toString('utf8');
    // the object ends at its last brace: what the run took in after the encoding decodes to noise
    return dockerCredentials(decoded.slice(0, decoded.lastIndexOf('}') + 1));
  });
}

function base64urlJson(part: string): any {
  try {
    const json = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a Docker config (`config.json` or `.dockercfg`) in `text` holds credentials. */
function dockerCredentials(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || trimmed.length > 1_000_000) return false;
  let config: any;
  try {
    config = JSON.parse(trimmed);
  } catch {
    return false;
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) return false;
  // config.json has `auths`; the legacy .dockercfg is the map itself, keyed by registry
  const entries = config.auths && typeof config.auths === 'object'
    ? Object.values(config.auths)
    : Object.entries(config).filter(([registry]) => /^(?:https?:\/\/)?[A-Za-z0-9.-]+(?::[0-9]+)?(?:\/\S*)?$/.test(registry) && /[.:]/.test(registry)).map(([, e]) => e);
  return entries.some((e: any) => e && typeof e === 'object'
    && ['auth', 'password', 'identitytoken', 'registrytoken'].some((k) => typeof e[k] === 'string' && e[k] !== ''));
}

/** A password in a URL that is written out, not referenced or left as a placeholder. */
function literalPassword(password: string): boolean {
  if (password === '') return false;
  if (/\$\(|\$\{|\$[A-Za-z_]|\{\{|%\(|^%[a-z]$/.test(password)) return false;
  return !/^(?:<[^>]*>|\*+|x+|X+|\.\.\.|…)$/.test(password);
}

/** Whether `c` may be in a URL scheme (RFC 3986: a letter, then letters, digits, `+`, `.`, `-`). */
function isSchemeChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d;
}
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
/** Where the authority of a URL ends: the first of these, or the end of the text. */
const AUTHORITY_END = /[\s/?#"'`<>\\]/g;

/**
 * Whether `text` holds a URL with a password in its userinfo. Linear in the text: each `://`
 * is found with indexOf and its scheme read backwards (never before the end of the previous
 * `scheme://`), where a regular expression for `scheme://` retried from every letter of a long
 * run of letters takes quadratic time.
 */
function urlWithPassword(text: string): boolean {
  let from = 0;
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 1)) {
    let b = sep;
    while (b > from && isSchemeChar(text.charCodeAt(b - 1))) b--;
    while (b < sep && !isLetter(text.charCodeAt(b))) b++;
    if (b === sep) continue;
    const start = sep + 3;
    AUTHORITY_END.lastIndex = start;
    const end = AUTHORITY_END.exec(text)?.index ?? text.length;
    from = start;
    const authority = text.slice(start, end);
    const at = authority.lastIndexOf('@');
    if (at < 0) continue;
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0) continue;
    let password = userinfo.slice(colon + 1);
    try {
      password = decodeURIComponent(password);
    } catch {
      // left as written
    }
    if (literalPassword(password)) return true;
  }
  return false;
}

/** Whether an AWS secret access key is in `text`: assigned by name, or next to an access key ID. */
function awsSecret(text: string): boolean {
  if (AWS_LETTERS.test(text) && firstMatch(AWS_SECRET_ASSIGNED, text, (m) => !placeholder(m[1]))) return true;
  if (!(text.includes('AKIA') || text.includes('ASIA')) || !firstMatch(AWS_KEY_ID, text, (m) => !placeholder(m[0]))) return false;
  return firstMatch(FORTY, text, (m) => awsSecretShape(m[0]));
}

/** Whether a 40-character value has the shape of a secret access key (not a hex digest, not an example). */
function awsSecretShape(value: string): boolean {
  return /^[A-Za-z0-9/+]{40}$/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && !/^[0-9a-f]{40}$/.test(value) && !placeholder(value);
}

/**
 * The kind of secret material in `text` (e.g. "a private key"), or undefined.
 * `name`, when the text is the value of a named entry (an env variable, a key, a
 * param), lets a bare AWS secret access key be recognised by its name.
 */
export function secretMaterialIn(text: string, name?: string): string | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  if (name !== undefined) return materialIn(text, name);
  // the same texts come again and again (a finding's problem and fix, shared by many findings, each read where
  // it is redacted and where it is reported): each is searched once (the outcome depends on the text alone)
  const known = KINDS.get(text);
  if (known !== undefined) return known === NONE ? undefined : known;
  const kind = materialIn(text);
  if (KINDS.size >= 8_192) KINDS.clear();
  KINDS.set(text, kind ?? NONE);
  return kind;
}

/** What `secretMaterialIn` found in a text given without a name (NONE: nothing). */
const KINDS = new Map<string, string>();
const NONE = '';

/** `secretMaterialIn`, searched afresh. */
function materialIn(text: string, name?: string): string | undefined {
  // each detector is tried only where the text holds the literal its pattern requires
  // (most values hold none: the searches below are skipped, never their outcome changed)
  if (privateKeyBlock(text)) return 'a private key';
  if (text.includes('LS0tLS') && encodedPrivateKey(text)) return 'a base64-encoded private key';
  // a PuTTY key: a header, and its Private-Lines after it (searched once, from the first header)
  const putty = text.includes('PuTTY-User-Key-File-') ? PUTTY_HEADER.exec(text) : null;
  if (putty && PUTTY_PRIVATE_LINES.test(text.slice(putty.index))) return 'a private key';
  // a token's shape in the name a Tekton or Triggers variable reference gives (`$(params.ghp_…)`) is no token: the reference
  // holds the value, not the name (a token beside a reference, or in a command substitution, `$(echo ghp_…)`, stays one)
  if ((text.includes('gh') || text.includes('github_pat_')) && firstMatch(GITHUB, text, (m) => !placeholder(m[1] ?? m[2]) && !inReference(text, m))) return 'a GitHub token';
  if (text.includes('gl') && firstMatch(GITLAB, text, (m) => !placeholder(m[1]) && !inReference(text, m))) return 'a GitLab token';
  if ((text.includes('xox') || text.includes('xapp-')) && firstMatch(SLACK, text, (m) => !placeholder(m[1] ?? m[2]) && !inReference(text, m))) return 'a Slack token';
  if (text.includes('hooks.slack.com/') && firstMatch(SLACK_WEBHOOK, text, (m) => !placeholder(m[1]))) return 'a Slack webhook URL';
  if (awsSecret(text)) return 'an AWS secret access key';
  if (name !== undefined && /secret_?access_?key/i.test(name.replace(/[^A-Za-z_]/g, '_')) && awsSecretShape(text.trim())) return 'an AWS secret access key';
  if (text.includes('eyJ') && firstMatch(JWT, text, (m) => {
    const header = base64urlJson(m[1]);
    return typeof header?.alg === 'string' && header.alg.toLowerCase() !== 'none' && base64urlJson(m[2]) !== undefined && !inReference(text, m);
  })) return 'a JSON Web Token';
  if (dockerCredentials(text)) return 'registry credentials';
  if ((text.includes('ey') || text.includes('ew')) && encodedDockerCredentials(text)) return 'base64-encoded registry credentials';
  if (text.includes('://') && urlWithPassword(text)) return 'a URL with a password';
  return undefined;
}
