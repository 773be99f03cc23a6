/**
 * Param declarations of tasks and pipelines: how they are written (`ParamSpec`)
 * and what is refused in them, for every type.
 */
import { ParamConstraint, ParamType, PipelineParam, TaskParam } from './param';
import { RefusalOptions } from '../policy/engine/construct-policy';
import { RuleId } from '../policy/rule-id';
import { ereAsJs } from '../private/posix-ere';
import { tektonVariables } from '../private/substitutions';
import { objectLiteral, paddedArray, tsKey, tsString } from '../private/text';

/** Directory where the steps a SecureTask adds write array params, one file per param. */
export const ARRAY_PARAMS_DIR = '/tmp/params';

/** Keys of object params: what Tekton can reference as `$(params.<name>.<key>)`. */
const KEY = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/** The declared type of a param. */
export function typeOf(p: TaskParam | PipelineParam): ParamType {
  return p.valueType ?? ParamType.STRING;
}

/**
 * How a fix passes param `p` in TypeScript, so that it compiles when pasted: the prop (`parameters`, `arrayParameters` or
 * `objectParameters`) and a placeholder value of its type (`'<value>'`, `['<value>']`, `{ key: '<value>' }`); the strings
 * `given` (the value passed in the wrong prop) are kept where they fit: as the array's items, or the string when it is one.
 */
export function passedAs(p: TaskParam | PipelineParam, given?: readonly string[]): string {
  const type = typeOf(p);
  const key = tsKey(p.name);
  if (type === ParamType.ARRAY) return `arrayParameters: { ${key}: ${paddedArray(given, Math.max(1, given?.length ?? 0))} }`;
  if (type === ParamType.OBJECT) return `objectParameters: { ${key}: ${objectLiteral(p.properties ?? [])} }`;
  return `parameters: { ${key}: ${given !== undefined && given.length === 1 ? tsString(given[0]) : "'<value>'"} }`;
}

/** Whether the param has a default of its type. */
export function hasDefault(p: TaskParam | PipelineParam): boolean {
  switch (typeOf(p)) {
    case ParamType.ARRAY: return p.defaultArray !== undefined;
    case ParamType.OBJECT: return p.defaultObject !== undefined;
    default: return p.defaultValue !== undefined;
  }
}

/** A param as Tekton's `ParamSpec`. */
export function renderParamSpec(p: TaskParam | PipelineParam): any {
  const type = typeOf(p);
  const defaultValue = type === ParamType.ARRAY ? p.defaultArray : type === ParamType.OBJECT ? p.defaultObject : p.defaultValue;
  return {
    name: p.name,
    type,
    description: p.description,
    ...(type === ParamType.OBJECT ? { properties: Object.fromEntries((p.properties ?? []).map((k) => [k, { type: 'string' }])) } : {}),
    default: defaultValue === undefined ? undefined : Array.isArray(defaultValue) ? [...defaultValue] : typeof defaultValue === 'object' ? { ...defaultValue } : defaultValue,
  };
}

/**
 * What is refused in one param declaration: defaults of another type, an object
 * without properties or with keys Tekton cannot reference, a default that leaves
 * out or adds keys, defaults the constraint refuses.
 */
export function paramDeclarationProblems(p: TaskParam | PipelineParam): RefusalOptions[] {
  const type = typeOf(p);
  const at = (field: string) => `parameters[${p.name}].${field}`;
  const problems: RefusalOptions[] = [];
  const wrongDefault = (field: string, needs: ParamType) => problems.push({
    property: at(field),
    value: shown((p as any)[field]),
    problem: `is set on a param of type ${type}`,
    rule: RuleId.VALID_SPEC,
    fix: `Set valueType: ParamType.${enumName(needs)} for this default, or give the default of type ${type} (${defaultField(type)}).`,
  });
  if (type !== ParamType.STRING && p.defaultValue !== undefined) wrongDefault('defaultValue', ParamType.STRING);
  if (type !== ParamType.ARRAY && p.defaultArray !== undefined) wrongDefault('defaultArray', ParamType.ARRAY);
  if (type !== ParamType.OBJECT && p.defaultObject !== undefined) wrongDefault('defaultObject', ParamType.OBJECT);
  if (type !== ParamType.OBJECT && p.properties !== undefined) wrongDefault('properties', ParamType.OBJECT);
  if (type === ParamType.OBJECT) {
    const keys = p.properties ?? [];
    if (keys.length === 0) {
      problems.push({
        property: at('properties'),
        problem: 'is empty: an object param needs at least one key',
        rule: RuleId.VALID_SPEC,
        fix: "List its keys, e.g. properties: ['url', 'revision'].",
      });
    }
    const seen = new Set<string>();
    for (const k of keys) {
      if (!KEY.test(k) || seen.has(k)) {
        problems.push({
          property: at('properties'),
          value: k,
          problem: seen.has(k) ? 'is listed twice' : 'is not a key Tekton can reference as $(params.<name>.<key>)',
          rule: RuleId.VALID_NAME,
          fix: 'Use distinct keys of letters, digits, "_" and "-", starting with a letter or "_".',
        });
      }
      seen.add(k);
    }
    if (p.defaultObject !== undefined) {
      const given = Object.keys(p.defaultObject);
      const missing = keys.filter((k) => !given.includes(k));
      const extra = given.filter((k) => !keys.includes(k));
      if (missing.length > 0 || extra.length > 0) {
        problems.push({
          property: at('defaultObject'),
          value: given.join(', '),
          problem: [missing.length > 0 ? `leaves out ${missing.join(', ')}` : '', extra.length > 0 ? `has keys that are not properties: ${extra.join(', ')}` : ''].filter(Boolean).join(' and '),
          rule: RuleId.VALID_SPEC,
          fix: `Give a value for exactly its properties: defaultObject: ${objectLiteral(keys, p.defaultObject)}.`,
        });
      }
    }
  }
  const constraint = (p as TaskParam).constraint;
  if (constraint) {
    const broken = constraintProblem(p, constraint);
    if (broken) return [...problems, broken];
    problems.push(...defaultConstraintProblems(p, type, constraint));
  }
  return problems;
}

/**
 * A constraint the validation step cannot check as synth does: no value to accept, or a
 * pattern that is not a POSIX extended regular expression as `grep -E` reads it (synth
 * reads it as JavaScript: `\d`, `\w`, `\s`, `(?...)` and lazy quantifiers mean other things,
 * or nothing, to grep), or no regular expression at all.
 */
function constraintProblem(p: TaskParam | PipelineParam, constraint: ParamConstraint): RefusalOptions | undefined {
  const property = `parameters[${p.name}].constraint`;
  // its texts are written into the validate-params script, where Tekton replaces its variables before the shell runs
  const texts: Array<[string, string, string]> = [
    ...(constraint.values ?? []).map((v): [string, string, string] => [v, 'a value of it', 'List the values themselves']),
    ...(constraint.regex !== undefined ? [[constraint.regex, 'its pattern', 'Write the pattern itself'] as [string, string, string]] : []),
    [constraint.description, 'its description', 'Describe the values in words'],
  ];
  for (const [text, where, fix] of texts) {
    const variable = tektonVariables(text)[0];
    if (variable === undefined) continue;
    return {
      property,
      value: text,
      problem: `holds ${JSON.stringify(variable)} in ${where}: the constraint is written into the task's validate-params step, where Tekton replaces it before the shell runs, `
        + 'so the step would not check what synth checks, and the shell would read the value Tekton puts there',
      rule: RuleId.VALID_SPEC,
      fix: `${fix}, without "$(": a constraint cannot refer to another param or a result (compare them in your step, reading both through env).`,
    };
  }
  if (constraint.values !== undefined) {
    return constraint.values.length > 0 ? undefined : {
      property,
      value: 'ParamConstraint.oneOf([])',
      problem: 'accepts no value, so every run fails its validation',
      rule: RuleId.VALID_SPEC,
      fix: "List the values it accepts: ParamConstraint.oneOf(['<value>', ...]).",
    };
  }
  const regex = constraint.regex ?? '';
  // read as the step's grep -E reads it (posix-ere.ts): what grep reads otherwise than synth would is refused
  const read = ereAsJs(regex);
  let compiles = true;
  try {
    if ('source' in read) new RegExp(read.source);
  } catch {
    compiles = false;
  }
  if ('source' in read && compiles) return undefined;
  const FIX = 'Write it as grep -E reads it: bracket expressions such as [0-9] for \\d, [[:space:]] for \\s and [A-Za-z0-9_] for \\w, a group (...) without ?, '
    + 'greedy quantifiers only, and a backslash only before a special character (\\., \\+).';
  return {
    property,
    value: regex,
    problem: 'source' in read ? 'is not a regular expression' : `holds ${JSON.stringify(read.held)}, ${read.problem}`,
    rule: RuleId.VALID_SPEC,
    fix: 'source' in read || read.fix === '' ? FIX : read.fix,
  };
}

function defaultConstraintProblems(p: TaskParam | PipelineParam, type: ParamType, constraint: ParamConstraint): RefusalOptions[] {
  const values: Array<[string, string]> = type === ParamType.ARRAY
    ? (p.defaultArray ?? []).map((v, i) => [`defaultArray[${i}]`, v])
    : type === ParamType.OBJECT
      ? Object.entries(p.defaultObject ?? {}).map(([k, v]) => [`defaultObject.${k}`, v])
      : p.defaultValue !== undefined ? [['defaultValue', p.defaultValue]] : [];
  return values.filter(([, v]) => !constraint.accepts(v)).map(([field, v]) => ({
    property: `parameters[${p.name}].${field}`,
    value: v,
    problem: `is not ${constraint.description}`,
    rule: RuleId.VALID_SPEC,
    fix: 'Give a default that satisfies the constraint, or none.',
  }));
}

/** A default as a message shows it: a string as it is, a list's elements, an object's keys. */
function shown(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (v !== null && typeof v === 'object') return Object.keys(v).join(', ');
  return String(v);
}

function enumName(t: ParamType): string {
  return t === ParamType.ARRAY ? 'ARRAY' : t === ParamType.OBJECT ? 'OBJECT' : 'STRING';
}

function defaultField(t: ParamType): string {
  return t === ParamType.ARRAY ? 'defaultArray' : t === ParamType.OBJECT ? 'defaultObject' : 'defaultValue';
}

/** The name of the step that writes an array param to its file (a DNS-1123 label, unique among `taken`). */
export function arrayParamStepName(param: string, taken: ReadonlySet<string>): string {
  const base = `param-${param.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/-$/, '')}`.slice(0, 55).replace(/-$/, '');
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }
}
