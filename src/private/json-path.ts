/**
 * A JSON path as findings and the audit's JSON output write it: `spec.steps[0].image`,
 * `data["artifacts.taskrun.format"]`, `metadata.annotations["a/b"]`.
 */

/** A key written after a `.`: letters, digits, `_`, `$` and `-`, not starting with a digit or `-`. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** The path written with its keys that are not identifiers in `["..."]` (JSON's quoting) and its indexes in `[n]`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
