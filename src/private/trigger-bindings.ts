/**
 * What Tekton Triggers pastes for a binding value (tektoncd/triggers pkg/template): each
 * `$(…)` of the value is a JSONPath into the event (`body`, `header`, `extensions`), and its
 * result replaces it. A single string result is pasted as its JSON escaping without the quotes;
 * any other result (an object, an array, several values, which become a JSON array) is pasted as
 * its JSON text, quotes and all.
 */
import { ownKey } from './own';
import { WEBHOOK_FIELDS } from './webhook-fields';

/**
 * The `$(…)` expressions of a binding value as Triggers finds them (`findTektonExpressions`):
 * after each `$(`, the text up to the first `)` that closes no `(` opened after it.
 */
export function bindingExpressions(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split('$(').slice(1)) {
    let depth = 0;
    for (let i = 0; i < part.length; i++) {
      if (part[i] === '(') {depth++;} else if (part[i] === ')' && --depth < 0) {
        out.push(part.slice(0, i));
        break;
      }
    }
  }
  return out;
}

/**
 * Whether `path` (field names from the event's body, joined by dots) is an object or an array in
 * one of the webhook events GitHub, GitLab or Bitbucket Cloud send, as the Go types of their
 * clients declare them (WEBHOOK_FIELDS): `pull_request.milestone`, `object_attributes.last_commit`,
 * `pullrequest.source`. A path that is a string in another event is an object all the same.
 */
export function webhookContainer(path: string): boolean {
  const names = path.split('.');
  return Object.values(WEBHOOK_FIELDS).some((types) => {
    // the types the path so far has in one of the events
    let at = [''];
    for (const [i, n] of names.entries()) {
      const held = at.flatMap((t) => (ownKey(types, t) && ownKey(types[t], n) ? types[t][n] : []));
      if (held.length === 0) return false;
      if (i === names.length - 1) return true;
      at = held.filter((t) => t !== '[]' && t !== '{}');
    }
    return false;
  });
}

/**
 * Why Triggers pastes the result of a binding's expression (the text inside `$(…)`) as JSON text
 * with its quotes, or undefined when it is a string of the event (or not known here). The
 * expression is read as Triggers relaxes it (`{…}` and a leading `.` optional).
 */
export function pastedAsJson(expression: string): string | undefined {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expression);
  if (m === null) return undefined;
  const path = m[1] ?? m[2];
  if (path === 'body') return 'the whole event body, an object';
  if (path === 'header') return "the event's headers, an object";
  if (path === 'extensions') return "the interceptors' extensions, an object";
  if (!/^(?:body|header|extensions)[.[]/.test(path)) return undefined;
  // a wildcard, a recursive descent, a slice or a union: several values are a JSON array
  if (/\*|\.\.|\[[^\]]*[:,][^\]]*\]/.test(path.replace(/\[\?\((?:[^()]|\([^()]*\))*\)\]/g, ''))) {
    return 'a path that selects several values, a JSON array when more than one matches';
  }
  if (path.startsWith('body.') && webhookContainer(path.slice('body.'.length))) {
    return 'an object or an array in the events GitHub, GitLab and Bitbucket send';
  }
  return undefined;
}
