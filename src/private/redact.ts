import { secretMaterialIn } from './secrets';

/**
 * Credentials written into URLs, kept out of what the library prints. A finding quotes the
 * value it is about, and a git or hub URL with `user:token@` (or `?private_token=`) in it would
 * otherwise reach CI logs, the posture report and code scanning through the audit's own output.
 */

/**
 * `scheme://userinfo@`: userinfo up to the last `@` before the host's `/`, `?` or `#`, as Go's
 * net/url and git read it (a password may hold an `@`).
 */
const USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#]*@/g;

/** A query parameter that carries a credential (`?private_token=…`, a signed URL's signature), and its value. */
const QUERY_SECRET = /([?&](?:[A-Za-z0-9_.-]*(?:token|secret|password|passwd|signature|sig|key|auth|credential)[A-Za-z0-9_.-]*)=)[^&#\s]+/gi;

/** `text` with the userinfo of every URL in it, and the values of query parameters named as credentials, replaced by `***`. */
export function redactUserinfo(text: string): string {
  const withoutUser = text.includes('@') ? text.replace(USERINFO, '$1***@') : text;
  return withoutUser.includes('=') ? withoutUser.replace(QUERY_SECRET, '$1***') : withoutUser;
}

/** A double-quoted part of a finding's text (`"…"`, `\"` inside it kept). */
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

/**
 * `text` without the secret material it quotes (secrets.ts `secretMaterialIn`: a private key, a token,
 * a JSON Web Token, registry credentials …): each double-quoted part that holds some reads
 * `"<kind>, left out"`, and a text that still holds some after that (material quoted otherwise) is
 * replaced whole by `holds <kind>, left out of this report`. A rule's message may quote the value it
 * is about; NO_SECRET_MATERIAL reports the material itself, and no report quotes it again.
 */
export function redactSecretMaterial(text: string): string {
  if (secretMaterialIn(text) === undefined) return text;
  const quoted = text.replace(QUOTED, (whole, inner: string) => {
    const kind = secretMaterialIn(inner);
    return kind === undefined ? whole : `"<${kind}, left out>"`;
  });
  const left = secretMaterialIn(quoted);
  return left === undefined ? quoted : `holds ${left}, left out of this report`;
}

/** A run of a path between its brackets, quotes and spaces (`env`, `ghp_…`, `params.x`). */
const PATH_RUN = /[^[\]'"\s]+/g;

/**
 * A finding's `property` or `target` (a path such as `env[NAME].value` or `data['KEY']`) without
 * the secret material a name in it holds: an env variable, a param or a ConfigMap key named with a
 * token. Each run between brackets, quotes and spaces that holds some, or each of its dotted parts
 * that does, reads `<kind, left out>`, so that the rest of the path still says where the finding is.
 */
export function redactSecretMaterialInPath(path: string): string {
  if (secretMaterialIn(path) === undefined) return path;
  const redacted = path.replace(PATH_RUN, (run) => {
    const kind = secretMaterialIn(run);
    if (kind === undefined) return run;
    const parts = run.split('.');
    const byPart = parts.map((p) => {
      const k = secretMaterialIn(p);
      return k === undefined ? p : `<${k}, left out>`;
    }).join('.');
    // material that spans dots (a JSON Web Token) goes as one
    return secretMaterialIn(byPart) === undefined ? byPart : `<${kind}, left out>`;
  });
  const left = secretMaterialIn(redacted);
  return left === undefined ? redacted : `<${left}, left out>`;
}
