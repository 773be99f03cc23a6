/**
 * Keys of a struct that no prop of the library is spelled as: a `snake_case` key. A Python
 * struct class (`StepProps(working_dir=...)`) and keyword arguments reach the library in the
 * TypeScript names (`workingDir`), but jsii passes a `dict` given for a struct as it is written,
 * so `{"working_dir": "/src"}` arrived as a key the library never reads, and the prop was
 * silently left at its default. Every prop of the library is camelCase, so such a key is refused.
 */

/** The problem and fix for a snake_case key of a struct, in the props' words; undefined when it has none. */
export interface StructKeyProblem {
  readonly property: string;
  readonly problem: string;
  readonly fix: string;
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/**
 * The first own key of `struct` written in snake_case (`working_dir`), with the refusal's words:
 * `structName` is the struct's class (`StepProps`), `prefix` what goes before the key in the
 * property (`params[0].`).
 */
export function snakeCaseKeyProblem(struct: unknown, structName: string, prefix = ''): StructKeyProblem | undefined {
  if (struct === null || typeof struct !== 'object' || Array.isArray(struct)) return undefined;
  const key = Object.keys(struct).find((k) => SNAKE_CASE.test(k));
  if (key === undefined) return undefined;
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    property: `${prefix}${key}`,
    problem: `is not a prop of ${structName}, so it would be ignored: a Python dict reaches the library with its keys as written, and ${structName} names it ${camel}`,
    fix: `Write ${structName}(${key}=...) (its keyword arguments are translated), or the key as ${structName} names it: ${camel}.`,
  };
}
