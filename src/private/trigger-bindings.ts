/**
 * What Tekton Triggers pastes for a binding value (tektoncd/triggers pkg/template): each
 * `$(…)` of the value is a JSONPath into the event (`body`, `header`, `extensions`), and its
 * result replaces it. A single string result is pasted as its JSON escaping without the quotes;
 * any other result (an object, an array, several values, which become a JSON array) is pasted as
 * its JSON text, quotes and all.
 */

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
 * Fields of GitHub, GitLab and Bitbucket Cloud webhook events (paths from the body) whose value
 * is always an object or an array in the events those hosts send.
 */
export const CONTAINER_FIELDS: ReadonlySet<string> = new Set([
  // GitHub
  'pull_request', 'pull_request.head', 'pull_request.base', 'pull_request.user', 'pull_request.labels', 'pull_request.assignees',
  'pull_request.requested_reviewers', 'pull_request.head.repo', 'pull_request.base.repo', 'pull_request.head.user', 'pull_request.base.user',
  'repository', 'repository.owner', 'sender', 'organization', 'installation', 'enterprise', 'commits', 'head_commit', 'head_commit.author',
  'head_commit.committer', 'head_commit.added', 'head_commit.removed', 'head_commit.modified', 'pusher', 'issue', 'issue.user',
  'issue.labels', 'comment', 'comment.user', 'review', 'release', 'label', 'changes', 'check_run', 'check_suite', 'workflow_run',
  'workflow_job', 'deployment', 'merge_group',
  // GitLab
  'project', 'object_attributes', 'object_attributes.last_commit', 'object_attributes.source', 'object_attributes.target', 'user',
  'labels', 'merge_request', 'assignees', 'reviewers',
  // Bitbucket Cloud
  'actor', 'pullrequest', 'pullrequest.source', 'pullrequest.destination', 'pullrequest.author', 'push', 'push.changes', 'repository.links',
]);

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
  if (path.startsWith('body.') && CONTAINER_FIELDS.has(path.slice('body.'.length))) {
    return 'an object or an array in the events GitHub, GitLab and Bitbucket send';
  }
  return undefined;
}
