/**
 * Credentials written into URLs, kept out of what the library prints. A finding quotes the
 * value it is about, and a git or hub URL with `user:token@` in it would otherwise reach
 * CI logs, the posture report and code scanning through the audit's own output.
 */

/** `scheme://userinfo@`: userinfo up to the first `@` before the host's `/`, `?` or `#`. */
const USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@]+@/g;

/** `text` with the userinfo of every URL in it replaced by `***`. */
export function redactUserinfo(text: string): string {
  return text.includes('@') ? text.replace(USERINFO, '$1***@') : text;
}
