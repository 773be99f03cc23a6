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

/**
 * A path as written in findings and in the audit's JSON output: `spec.steps[0].image`,
 * `data['artifacts.taskrun.format']`, `metadata.annotations["a/b"]`, `objects[db-pass]` (a list
 * entry by its name). Undefined when `text` is not one.
 */
export function parsePath(text: string): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      const num = /^\[(\d+)\]/.exec(text.slice(i));
      if (num) {
        out.push(Number(num[1]));
        i += num[0].length;
        continue;
      }
      const q = text[i + 1];
      if (close < 0) return undefined;
      if (q !== '"' && q !== "'") {
        // a list entry named as written, `objects[db-pass]`: the entry of that name
        if (close === i + 1) return undefined;
        out.push(text.slice(i + 1, close));
        i = close + 1;
        continue;
      }
      const end = text.indexOf(`${q}]`, i + 2);
      if (end < 0) return undefined;
      out.push(text.slice(i + 2, end));
      i = end + 2;
      continue;
    }
    if (c === '.') {
      if (out.length === 0) return undefined;
      i++;
    }
    const m = /^[^.[\]\s'"]+/.exec(text.slice(i));
    if (!m) return undefined;
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}
