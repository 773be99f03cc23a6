/**
 * What Tekton Pipelines v1.15's admission webhook refuses in Pipelines, Tasks and runs because a feature flag
 * (`feature-flags` ConfigMap) leaves a field off: the alpha and beta fields of `enable-api-fields`
 * (`config.ValidateEnabledAPIFields`), a `when`'s `cel` (`enable-cel-in-whenexpression`), a param's `enum`
 * (`enable-param-enum`) and the embedded specs `disable-inline-spec` lists; and which flags the webhook reads, as
 * the manifests checked together say.
 */
import { celFirstUndeclared, celMacroForm, celSyntaxError, celTyping, celUndeclaredReferences } from './cel-syntax';
import { asArray, isObject } from './containers';
import { featureFlagsConfigMap } from './feature-flags-config-map';
import { goToLower, goTrimSpace } from './go-strings';
import { oncePerSet } from './manifest-index';
import { manifestNamespace } from './namespaces';
import { OperatorFlagsSource, operatorFlagsOf } from './operator-flags';
import { declaredParamType } from './param-types';
import { goParseBool } from './parse-bool';
import { goFieldPath, PipelineRefusal } from './pipeline-admission';
import { untrustedSubstitutions } from './substitutions';
import { featureFlagDefault, TEKTON_NAMESPACE } from './tekton-config';
import { jsString } from './text';

/** The feature flags the webhook validates with, and how messages say where they come from. */
export interface AdmissionFlags {
  /** `enable-api-fields` as Tekton reads it: `alpha`, `beta` or `stable`. */
  readonly apiFields: string;
  readonly cel: boolean;
  readonly paramEnum: boolean;
  readonly artifacts: boolean;
  readonly concise: boolean;
  /** The kinds `disable-inline-spec` lists (`pipeline`, `pipelinerun`, `taskrun`). */
  readonly noInline: readonly string[];
  /** `as Tekton's default`, `as the feature-flags checked with it set it`. */
  readonly source: string;
  /** The Tekton operator's object that writes the feature-flags, where one is checked with them: fixes name its fields. */
  readonly operator?: OperatorFlagsSource;
}

/** The prop of the library's TektonFeatureFlags that writes a flag to a value, for an app: `apiFields: ApiFields.BETA`. */
function constructProp(flag: string, value: string): string | undefined {
  if (flag === 'enable-api-fields') return `apiFields: ApiFields.${value.toUpperCase()}`;
  if (flag === 'disable-inline-spec') return `disableInlineSpec without InlineSpecKind.${value === 'pipelinerun' ? 'PIPELINE_RUN' : value === 'taskrun' ? 'TASK_RUN' : 'PIPELINE'}`;
  return undefined;
}

/**
 * Where a fix sets a flag to `value`: the feature-flags ConfigMap (and the prop of TektonFeatureFlags that writes it, where
 * there is one), or the field of the operator's object that writes it.
 */
function flagPlace(flags: AdmissionFlags, flag: string, value: string): { key: string; quoted: boolean; place: string } {
  const op = flags.operator;
  const f = op?.flags.get(flag);
  if (op === undefined || f === undefined) {
    const prop = constructProp(flag, value);
    return { key: flag, quoted: true, place: `the feature-flags ConfigMap (namespace ${TEKTON_NAMESPACE}${prop === undefined ? '' : `; TektonFeatureFlags ${prop}`})` };
  }
  // a typed field takes its type as written (a bool unquoted); the options' data are strings
  const quoted = f.path.startsWith(`${op.prefix}.options`) || f.type !== 'bool';
  const writes = 'the operator writes the feature-flags ConfigMap from it, over any ConfigMap of that name';
  // none checked: the operator creates its own with its defaults, which a TektonConfig written with the others replaces
  if (op.autoinstalled) {
    const replaced = op.replaces === undefined ? '' : `, whose settings replace those of ${op.replaces.kind} '${jsString(op.replaces.metadata?.name)}'`;
    return { key: f.path, quoted, place: `a TektonConfig 'config' written with the others (${writes}; without one, it creates its own, with its defaults${replaced})` };
  }
  return { key: f.path, quoted, place: `${op.name} (${writes})` };
}

/** `Set <flag>: <value> in <where it is set>`. */
function setFlag(flags: AdmissionFlags, flag: string, value: string): string {
  const { key, quoted, place } = flagPlace(flags, flag, value);
  return `Set ${key}: ${quoted ? `"${value}"` : value} in ${place}`;
}

/** `<flag> in <where it is set>`, for a fix that takes `listed` out of it. */
function flagIn(flags: AdmissionFlags, flag: string, listed: string): string {
  const { key, place } = flagPlace(flags, flag, listed);
  return `${key} in ${place}`;
}

const API_LEVEL: Record<string, number> = { stable: 0, beta: 1, alpha: 2 };

/** The flags of a read `data` (a missing key: Tekton's default). */
function flagsOf(read: Readonly<Record<string, string>> | undefined, source: string, operator?: OperatorFlagsSource): AdmissionFlags {
  const value = (key: string) => read?.[key] ?? featureFlagDefault(key);
  const api = goToLower(value('enable-api-fields'));
  return {
    apiFields: API_LEVEL[api] === undefined ? featureFlagDefault('enable-api-fields') : api,
    cel: goParseBool(value('enable-cel-in-whenexpression')) === true,
    paramEnum: goParseBool(value('enable-param-enum')) === true,
    artifacts: goParseBool(value('enable-artifacts')) === true,
    concise: goParseBool(value('enable-concise-resolver-syntax')) === true,
    noInline: value('disable-inline-spec').split(',').filter((k) => k !== ''),
    source,
    ...(operator ? { operator } : {}),
  };
}

/** Of two readings, what both admit: the lower API level, a flag on only in both, every kind either disables. */
function stricter(a: AdmissionFlags, b: AdmissionFlags, source: string): AdmissionFlags {
  return {
    apiFields: API_LEVEL[a.apiFields] <= API_LEVEL[b.apiFields] ? a.apiFields : b.apiFields,
    cel: a.cel && b.cel,
    paramEnum: a.paramEnum && b.paramEnum,
    artifacts: a.artifacts && b.artifacts,
    concise: a.concise && b.concise,
    noInline: [...new Set([...a.noInline, ...b.noInline])],
    source,
  };
}

/** How many of the gates read here a reading leaves closed (of several ConfigMaps, the one closing most is read). */
function closed(f: AdmissionFlags): number {
  return 2 - API_LEVEL[f.apiFields] + (f.cel ? 0 : 1) + (f.paramEnum ? 0 : 1) + (f.artifacts ? 0 : 1) + (f.concise ? 0 : 1) + f.noInline.length;
}

/** Tekton's default flags. */
export const DEFAULT_ADMISSION_FLAGS = flagsOf(undefined, 'as Tekton\'s default');

/**
 * The flags the webhook validates with, as the manifests checked together say: a Tekton operator's (it overwrites the
 * ConfigMap it manages), else the feature-flags ConfigMap (of several, the one that leaves the most gates closed), else
 * Tekton's defaults. A ConfigMap Tekton cannot read leaves its defaults; one without a namespace is read beside the
 * defaults, the stricter kept, since kubectl apply puts it in the context's namespace, where Tekton may not read it.
 */
export function admissionFlags(manifests: readonly any[] | undefined): AdmissionFlags {
  if (manifests === undefined) return DEFAULT_ADMISSION_FLAGS;
  // read once per set: asked for each Tekton object checked with it
  return oncePerSet(FLAGS, manifests, 'flags', () => flagsOfSet(manifests));
}
const FLAGS = new WeakMap<readonly any[], Map<'flags', AdmissionFlags>>();

/** `admissionFlags` of a set of manifests, read afresh. */
function flagsOfSet(manifests: readonly any[]): AdmissionFlags {
  const operator = operatorFlagsOf(manifests);
  if (operator !== undefined) {
    return operator.read === undefined
      ? flagsOf(undefined, `as Tekton's default (the feature-flags the operator writes for ${jsString(operator.name)} do not reach Tekton)`, operator)
      : flagsOf(operator.read, `as the operator writes it for ${jsString(operator.name)}`, operator);
  }
  const reading = (read: Readonly<Record<string, string>> | undefined, manifest: any, name: string): AdmissionFlags => {
    if (read === undefined) return flagsOf(undefined, `as Tekton's default (Tekton cannot read ${name})`);
    const own = flagsOf(read, `as ${name} set it`);
    return manifestNamespace(manifest) === undefined
      ? stricter(own, DEFAULT_ADMISSION_FLAGS, `as ${name}, which name no namespace (${TEKTON_NAMESPACE} is where Tekton reads them), or Tekton's default, set it`)
      : own;
  };
  const chosen = featureFlagsConfigMap(manifests, (read, manifest) => closed(reading(read, manifest, '')));
  return chosen === undefined ? DEFAULT_ADMISSION_FLAGS : reading(chosen.read, chosen.manifest, chosen.name);
}

/** A reference to a step's or a task's artifacts (internal/artifactref), or the path of a step's or a Task's artifacts. */
const STEP_ARTIFACT = /\$\(steps\.[^.]+\.(?:inputs|outputs)\.[^.)]+\)/;
const TASK_ARTIFACT = /\$\(tasks\.[^.]+\.(?:inputs|outputs)\.[^.)]+\)/;
const isArtifactReference = (v: string) => STEP_ARTIFACT.test(v) || TASK_ARTIFACT.test(v) || v.includes('$(step.artifacts.path)') || v.includes('$(artifacts.path)');
/** The strings of a param's value: a string, an array's elements, an object's values. */
const paramStrings = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : isObject(v) ? Object.values(v).filter((x): x is string => typeof x === 'string') : []);
const ARTIFACTS_MESSAGE = 'feature flag enable-artifacts should be set to true to use artifacts feature.';
const artifactsFix = (flags: AdmissionFlags) => `${setFlag(flags, 'enable-artifacts', 'true')}, or pass the files another way (a workspace, a result).`;

/**
 * The references to a step's results and artifacts Tekton's webhook takes in a few fields of a step alone (container_validation.go,
 * pkg/internal/resultref `StepResultRegex`, internal/artifactref): the results in env, command and args (not a script), the
 * artifacts in those and a script.
 */
const STEP_REFERENCE_USES = [
  {
    noun: 'results',
    allowed: 'env, command or args',
    script: true,
    refers: (v: string) => /\$\(steps\..*?\.results\..*?\)/.test(v),
    message: 'stepResult substitutions are only allowed in env, command and args. Found usage in',
  },
  {
    noun: 'artifacts',
    allowed: 'env, command, args or script',
    script: false,
    refers: (v: string) => STEP_ARTIFACT.test(v) || v.includes('$(step.artifacts.path)'),
    message: 'stepArtifact substitutions are only allowed in env, command, args and script. Found usage in',
  },
];

/**
 * A param default's string value as Go reads it (`ParamValue.UnmarshalJSON`): a string itself, a bool or a safe integer as its
 * JSON text; undefined for what has none (an array or object of strings) or whose JSON text is not read here (a fraction).
 */
function defaultString(d: unknown): string | undefined {
  if (typeof d === 'string') return d;
  if (typeof d === 'boolean') return String(d);
  if (typeof d === 'number' && Number.isSafeInteger(d)) return String(d);
  return undefined;
}

/** The names cel-go's standard environment declares as values: its types\' names (and `google`, which begins the protobuf types\'). */
const CEL_TYPE_NAMES: readonly string[] = ['int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map', 'type', 'null_type', 'dyn', 'google'];

/**
 * Why cel-go surely fails to compile `text` in the environment Tekton compiles a when expression's cel in (`cel.NewEnv()`: the standard
 * library, no variable, no optional syntax, no extension), or undefined where it compiles or where that is not decided here (what
 * cel-syntax does not type: a timestamp's or duration's value, a message).
 */
export function celCompileError(text: string): string | undefined {
  const reading = { optionalSyntax: false, complete: true, extensionMacros: false };
  const syntax = celSyntaxError(text, reading);
  if (syntax !== undefined) {
    return `since it does not parse (${syntax}${text.includes('$(') ? '; a Tekton variable outside quotes is no CEL' : ''})`;
  }
  // (cel-go's first error where it refers to what the environment does not declare: a name, or a function it calls; a call of an extension's
  // function, `base64.encode(…)`, refers to an undeclared name first, `base64`, then calls an undeclared function)
  const first = celFirstUndeclared(text, CEL_TYPE_NAMES, reading);
  const namespace = celNamespace(text);
  if (first !== undefined && !first.call && first.name === namespace && celTyping(text, {}, reading)?.undeclaredFunction !== undefined) {
    return `since it refers to ${jsString(namespace)} (as ${jsString(namespace)}.…(…)), and the environment declares no variable and none of cel-go's extensions`;
  }
  if (first !== undefined && !first.call) return `since it refers to ${jsString(first.name)}, and the environment declares no variable`;
  if (first !== undefined) return `since it calls ${jsString(first.name)}, which is no function of cel-go's standard library`;
  const typing = celTyping(text, {}, reading);
  if (typing?.mistyped === undefined && typing?.unselected === undefined) return undefined;
  if (typing?.mistyped !== undefined) return `since its type check fails: no overload of cel-go's standard library takes ${typing.mistyped}`;
  if (typing?.unselected !== undefined) return `since its type check fails: it selects a field of a value of type ${typing.unselected.type} (${typing.unselected.selection})`;
  return undefined;
}

/** The words of CEL's grammar that cel-go's parser refuses as names ("reserved identifier"), and those of its literals and `in`. */
const CEL_RESERVED = /(?<![\w.])(?:as|break|const|continue|else|for|function|if|import|let|loop|package|namespace|return|var|void|while)(?!\w)/;

/**
 * cel-go's error (`Issues.Err().Error()`) for a when expression's cel that does not compile in Tekton's environment, as Tekton's webhook gives it as
 * the second path of its error, where it is known here: a `$` outside a string (each a "token recognition error", when the text parses once they are
 * blanked), or names the environment does not declare (each reference an "undeclared reference", when nothing else is refused); undefined for the
 * rest, and for a text of other characters than printable ASCII, tabs and line breaks (whose columns cel-go counts otherwise).
 */
export function celGoError(text: string): string | undefined {
  if (!/^[\x20-\x7e\n\t]*$/.test(text)) return undefined;
  const reading = { optionalSyntax: false, complete: true, extensionMacros: false };
  const lines = text.split('\n');
  // cel-go's Error.ToDisplayString: the location (a 1-based column), the message, the line (tabs as spaces) and a caret under the column
  const shown = (at: number, message: string) => {
    const line = text.slice(0, at).split('\n').length;
    const column = at - (text.lastIndexOf('\n', at - 1) + 1);
    return `ERROR: <input>:${line}:${column + 1}: ${message}\n | ${lines[line - 1].replace(/\t/g, ' ')}\n | ${'.'.repeat(column)}^`;
  };
  // the code outside string literals and comments, each of those blanked to spaces of its length (offsets kept)
  const code = text.replace(/[rRbB]{0,2}('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")|\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
  const dollars = [...code.matchAll(/\$/g)].map((m) => m.index!);
  if (celSyntaxError(text, reading) !== undefined) {
    if (dollars.length === 0) return undefined;
    const blanked = [...text].map((c, i) => (dollars.includes(i) ? ' ' : c)).join('');
    if (celSyntaxError(blanked, reading) !== undefined || CEL_RESERVED.test(code)) return undefined;
    return dollars.map((at) => shown(at, 'Syntax error: token recognition error at: \'$\'')).join('\n');
  }
  if (CEL_RESERVED.test(code)) return undefined;
  const refs = celUndeclaredReferences(text, CEL_TYPE_NAMES, reading);
  if (refs === undefined || refs.length === 0) return undefined;
  return refs.map((r) => shown(r.at, `undeclared reference to '${r.name}' (in container '')`)).join('\n');
}

/**
 * The fix of a when expression's cel that `celCompileError` refuses, in the words of the expression: where quoting each Tekton
 * variable written outside a string (`$(params.env)`) or written as a CEL name (`params.env`) as a CEL string gives an expression that
 * compiles, that expression as the YAML to write; otherwise what to change for the cause cel-go fails on.
 */
export function celCompileFix(text: string): string {
  const quoted = celQuoteVariables(text);
  if (quoted !== text && celCompileError(quoted) === undefined) {
    const quote = 'Quote each of Tekton\'s variables as a CEL string: Tekton replaces them as text before it evaluates the expression, and declares no '
      + `variable, so write cel: ${JSON.stringify(quoted)}`;
    // (a value a caller chooses pasted into the CEL text is code there, SCRIPT_INJECTION's finding: a comparison with a constant is
    // written as input, operator and values, which Tekton compares as data)
    const pasted = untrustedSubstitutions(quoted).map((o) => o.text);
    if (pasted.length === 0) return `${quote}.`;
    const literal = '\'([^\'\\\\\n]*)\'';
    const compared = new RegExp(`^\\s*(?:'(\\$\\([^()']*\\))'\\s*(==|!=)\\s*${literal}|${literal}\\s*(==|!=)\\s*'(\\$\\([^()']*\\))')\\s*$`).exec(quoted);
    const risk = `pastes ${pasted[0]} into code that a caller's value can rewrite (SCRIPT_INJECTION)`;
    if (compared !== null) {
      const [input, op, value] = compared[1] !== undefined ? [compared[1], compared[2], compared[3]] : [compared[6], compared[5], compared[4]];
      return `Write the condition as input, operator and values, which Tekton compares as data: when: [{ input: '${input}', operator: ${op === '==' ? 'in' : 'notin'}, `
        + `values: ['${value}'] }]. Quoted as a CEL string (cel: ${JSON.stringify(quoted)}) it compiles, but ${risk}.`;
    }
    return `${quote}; that ${risk}: where the condition compares the value with constants, write it as input, operator and values instead `
      + `(when: [{ input: '${pasted[0]}', operator: in, values: ['<allowed>'] }]).`;
  }
  const reading = { optionalSyntax: false, complete: true, extensionMacros: false };
  // (typed where it refers to no undeclared name first, but a namespace of a function it does not declare, `base64.encode(…)`)
  const parses = celSyntaxError(quoted, reading) === undefined;
  const first = parses ? celFirstUndeclared(quoted, CEL_TYPE_NAMES, reading) : undefined;
  const typed = parses ? celTyping(quoted, {}, reading) : undefined;
  const namespaced = first !== undefined && first.name === celNamespace(quoted) && typed?.undeclaredFunction !== undefined;
  const typing = first === undefined || first.call || namespaced ? typed : undefined;
  const then = quoted !== text ? `Quote each of Tekton's variables as a CEL string (${JSON.stringify(quoted)}), and ` : '';
  const start = (word: string) => (then === '' ? `${word[0].toUpperCase()}${word.slice(1)}` : `${then}${word}`);
  const namespace = typing === undefined ? undefined : celNamespace(quoted);
  if (namespace !== undefined) {
    return `${start('write')} the condition with the functions of cel-go's standard library alone (contains, startsWith, endsWith, matches, size, `
      + `int, string): Tekton loads none of cel-go's extensions, so ${jsString(namespace)}.…(…) is not there.`;
  }
  // (the first Tekton variable quoted as a string, for an example in the expression's words)
  const variable = /'\$\([^()']*\)'/.exec(quoted)?.[0];
  const fn = typing?.undeclaredFunction;
  // (a macro's name called otherwise than the macro is written: a function cel-go's standard library does not have)
  const form = fn === undefined || fn === 'sortBy' ? undefined : celMacroForm(fn);
  if (form !== undefined) {
    return `${start('call')} ${jsString(fn!)} as the macro of cel-go's standard library is written, ${form}: called otherwise (other arguments, or as a `
      + 'method where it is a function\'s or the reverse), cel-go\'s parser expands no macro, and no function of that name is declared.';
  }
  if (fn !== undefined) {
    const instead = ['lowerAscii', 'upperAscii'].includes(fn) ? `; to compare without case, use matches with (?i) (${variable ?? '\'$(params.env)\''}.matches('(?i)^prod$'))` : '';
    return `${start('call')} only functions of cel-go's standard library (contains, startsWith, endsWith, matches, size, int, string): `
      + `Tekton loads none of cel-go's extensions, so ${jsString(fn)} is not there${instead}.`;
  }
  // a macro over a Tekton variable, a string once replaced (`params.list.exists(e, e == 'a')`): an array param's elements are compared as values
  const macro = /^'(all|exists|exists_one|map|filter)' applied to string,/.exec(typing?.mistyped ?? '')?.[1];
  if (macro !== undefined && variable !== undefined) {
    const list = variable.slice(1, -2);
    return `Test the values as data: a Tekton variable is a string once replaced, which ${macro} cannot run over (${JSON.stringify(quoted)} does not compile `
      + `either); to test an array param's elements, write input, operator and values (when: [{ input: '<value>', operator: in, values: ['${list}[*])'] }]).`;
  }
  if (typing?.mistyped !== undefined) {
    const n = variable ?? '\'$(params.n)\'';
    return `${start('compare')} values of one type: a Tekton variable is a string once replaced, so compare it with a string `
      + `(${n} == '1') or convert it (int(${n}) == 1).`;
  }
  return 'Write a CEL expression that compiles without variables: Tekton replaces its own variables as text before it evaluates the expression, so quote '
    + 'each one as a string (\'$(params.env)\' == \'prod\').';
}

/**
 * A CEL text with each Tekton variable outside its string literals quoted as a string: a `$(…)` as written, a name Tekton's variables
 * begin with (`params.env`, `tasks.build.results.digest`, `context.pipelineRun.name`) as its `$(…)`.
 */
function celQuoteVariables(text: string): string {
  const token = /([rRbB]{0,2}(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))|(\$\([^()]*(?:\([^()]*\)[^()]*)*\))|(?<![\w.$])((?:params|tasks|context)(?:\.[A-Za-z_]\w*(?:-[A-Za-z_]\w*)*(?![\w-]|\s*\())+)/g;
  return text.replace(token, (whole: string, literal: string | undefined, variable: string | undefined, name: string | undefined) => {
    if (literal !== undefined) return literal;
    if (variable !== undefined) return `'${variable}'`;
    return name === undefined ? whole : `'$(${name})'`;
  });
}

/**
 * The first name that begins a call of a namespace's function in a CEL text that parses (`base64` of `base64.encode(b)`), neither a
 * type's name nor one a macro binds, read once string literals and comments are blanked: for a message only.
 */
function celNamespace(text: string): string | undefined {
  const code = text.replace(/[rRbB]{0,2}('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")/g, '\'\'').replace(/\/\/[^\n]*/g, '');
  const bound = new Set([...code.matchAll(/\.\s*(?:all|exists|exists_one|map|filter)\s*\(\s*([A-Za-z_]\w*)\s*,/g)].map((m) => m[1]));
  for (const m of code.matchAll(/(?<![\w.]\s*)([A-Za-z_]\w*)\s*\.\s*[A-Za-z_]\w*\s*\(/g)) {
    if (!CEL_TYPE_NAMES.includes(m[1]) && !bound.has(m[1]) && !['true', 'false', 'null', 'in'].includes(m[1])) return m[1];
  }
  return undefined;
}

/** A field behind a gate, where it is written. */
interface Gated {
  /** Tekton's message (without paths). */
  readonly message: string;
  /** The paths Tekton appends (none for `ValidateEnabledAPIFields`). */
  readonly paths: readonly string[];
  readonly property: string;
  readonly value?: string;
  readonly where?: { location: string; target: string };
  readonly what: string;
  readonly fix: string;
}

/**
 * The refusals of the object (as the webhook receives it: admissionForm) for its gated fields under `flags`, in the
 * order of the object. Tekton merges errors of one message into one, its paths joined: each is one finding, at the
 * first field written, naming the others.
 */
export function featureGateRefusals(manifest: any, flags: AdmissionFlags): PipelineRefusal[] {
  if (!isObject(manifest) || !isObject(manifest.spec)) return [];
  const found: Gated[] = [];
  const kind = manifest.kind;
  const v1beta1 = manifest.apiVersion === 'tekton.dev/v1beta1';
  // given to the validating webhook: the defaulting webhook's patch drops an empty list (Go's omitempty)
  const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  const api = (feature: string, level: 'alpha' | 'beta', property: string, where?: Gated['where']) => {
    if (API_LEVEL[flags.apiFields] >= API_LEVEL[level]) return;
    const wanted = level === 'alpha' ? '"alpha"' : '"alpha" or "beta"';
    found.push({
      message: `${feature} requires "enable-api-fields" feature gate to be ${wanted} but it is "${flags.apiFields}"`,
      paths: [],
      property,
      ...(where ? { where } : {}),
      what: `is ${level === 'alpha' ? 'an alpha' : 'a beta'} field: Tekton's webhook admits it only while the feature flag enable-api-fields is ${wanted}, `
        + `and it is "${flags.apiFields}" (${flags.source})`,
      fix: `${setFlag(flags, 'enable-api-fields', level)}, or remove ${property.split('.').pop()} from the ${kind}.`,
    });
  };
  const inline = (listed: string, property: string) => {
    if (!flags.noInline.includes(listed)) return;
    found.push({
      message: 'must not set the field(s)',
      paths: [property],
      property,
      what: `is an embedded spec, which the feature flag disable-inline-spec disables for a ${listed === 'pipeline' ? 'Pipeline\'s pipeline tasks' : kind} `
        + `(it lists "${listed}": "${flags.noInline.join(',')}", ${flags.source})`,
      fix: `Reference the ${property.endsWith('pipelineSpec') ? 'Pipeline' : 'Task'} by name instead of embedding it, or remove "${listed}" from ${flagIn(flags, 'disable-inline-spec', listed)}.`,
    });
  };
  const ref = (r: unknown, at: string, where?: Gated['where']) => {
    if (!isObject(r)) return;
    // a name like a URL (RefNameLikeUrl: a match of [\w-]+:\/\/* anywhere in it)
    if (!flags.concise && typeof r.name === 'string' && /[\w-]+:\//.test(r.name)) {
      found.push({
        message: 'feature flag enable-concise-resolver-syntax should be set to true to use concise resolver syntax',
        paths: [],
        property: `${at}.name`,
        value: r.name,
        ...(where ? { where } : {}),
        what: `names what to fetch in the concise resolver syntax: Tekton's webhook admits it only while the feature flag enable-concise-resolver-syntax is "true", and it is "false" (${flags.source})`,
        fix: `${setFlag(flags, 'enable-concise-resolver-syntax', 'true')}, or give the resolver its params (params: [{ name: ..., value: ... }]) in place of the name.`,
      });
    }
    if (present(r.params)) api('resolver params', 'beta', `${at}.params`, where);
    if (typeof r.resolver === 'string' && r.resolver !== '') api('resolver', 'beta', `${at}.resolver`, where);
  };
  // validateParamEnums: the flag, then whatever the flags, an enum of a param not of type string (as the defaulting webhook types it),
  // a value given twice, a default (a string's, as Go reads it) not in it
  const enums = (params: unknown, at: string, paths: (name: string) => string[], where?: Gated['where']) => {
    asArray(params).forEach((p: any, i: number) => {
      if (!isObject(p) || typeof p.name !== 'string' || asArray(p.enum).length === 0) return;
      const name = jsString(p.name);
      if (!flags.paramEnum) {
        found.push({
          message: 'feature flag `enable-param-enum` should be set to true to use Enum',
          paths: paths(p.name),
          property: `${at}[${i}].enum`,
          ...(where ? { where } : {}),
          what: `restricts the param ${name} to a list of values: Tekton's webhook admits an enum only while the feature flag enable-param-enum is "true", and it is "false" (${flags.source})`,
          fix: `${setFlag(flags, 'enable-param-enum', 'true')}, or remove the enum of ${name}.`,
        });
      }
      const values: unknown[] = p.enum;
      if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) return;
      const type = declaredParamType(p);
      if (type !== 'string') {
        found.push({
          message: 'enum can only be set with string type param',
          paths: paths(p.name),
          property: `${at}[${i}].enum`,
          ...(where ? { where } : {}),
          what: `restricts the param ${name}, of type ${jsString(type)}${typeof p.type === 'string' && p.type !== '' ? '' : ' (as Tekton infers it from its default or properties)'}, to a list of values, `
            + 'which only a string param may have',
          fix: `Remove the enum of ${name}, or make it a string param (type: string).`,
        });
      }
      const seen = new Set<string>();
      const reported = new Set<string>();
      values.forEach((v, j) => {
        if (seen.has(v) && !reported.has(v)) {
          reported.add(v);
          found.push({
            message: `parameter enum value ${v} appears more than once`,
            paths: paths(p.name),
            property: `${at}[${i}].enum[${j}]`,
            value: v,
            ...(where ? { where } : {}),
            what: `is given more than once in the enum of the param ${name}`,
            fix: `Give each value of the enum of ${name} once.`,
          });
        }
        seen.add(v);
      });
      const dflt = defaultString(p.default);
      if (dflt !== undefined && dflt !== '' && !values.includes(dflt)) {
        found.push({
          message: `param default value ${dflt} not in the enum list`,
          paths: paths(p.name),
          property: `${at}[${i}].default`,
          value: dflt,
          ...(where ? { where } : {}),
          what: `is not one of the values of the enum of the param ${name} (${values.map((v) => `"${jsString(v)}"`).join(', ')}), which its default must be`,
          fix: `Make the default of ${name} one of its enum's values, or add it to the enum.`,
        });
      }
    });
  };
  // a reference to a step's results or artifacts in a field of the step Tekton does not substitute them in
  // (validateStepResultReference, validateStepArtifactsReference: whatever the flags, once the step passes enable-artifacts'
  // check): the step as Tekton merges its stepTemplate under it (a field the step leaves empty is the template's; the template's
  // volume mounts and envFrom with the step's); one finding per step and kind, naming the step's other fields
  const stepReferenceUses = (st: any, template: any, s: string, at: string, where?: Gated['where']) => {
    for (const use of STEP_REFERENCE_USES) {
      const uses: Array<{ property: string; path: string; value: string }> = [];
      const add = (property: string, path: string, value: unknown) => {
        if (typeof value === 'string' && use.refers(value)) uses.push({ property, path, value });
      };
      add(`${s}.name`, `${s}.name`, st.name);
      for (const field of ['image', ...use.script ? ['script'] : [], 'imagePullPolicy', 'workingDir']) {
        const own = typeof st[field] === 'string' && st[field] !== '';
        add(own ? `${s}.${field}` : `${at}.stepTemplate.${field}`, `${s}.${field}`, own ? st[field] : template[field]);
      }
      for (const [from, c] of [[s, st], [`${at}.stepTemplate`, template]] as Array<[string, any]>) {
        asArray(c.envFrom).forEach((e: any, j: number) => {
          if (!isObject(e)) return;
          add(`${from}.envFrom[${j}].prefix`, `${s}.envFrom.prefix`, e.prefix);
          if (isObject(e.configMapRef)) add(`${from}.envFrom[${j}].configMapRef.name`, `${s}.envFrom.configMapRef`, e.configMapRef.name);
          if (isObject(e.secretRef)) add(`${from}.envFrom[${j}].secretRef.name`, `${s}.envFrom.secretRef`, e.secretRef.name);
        });
        for (const [list, keys] of [['volumeMounts', ['name', 'mountPath', 'subPath']], ['volumeDevices', ['name', 'devicePath']]] as Array<[string, string[]]>) {
          asArray(c[list]).forEach((v: any, j: number) => {
            if (isObject(v)) for (const k of keys) add(`${from}.${list}[${j}].${k}`, `${s}.${list}.${k}`, v[k]);
          });
        }
      }
      if (uses.length === 0) continue;
      const others = [...new Set(uses.slice(1).map((u) => u.property))];
      found.push({
        message: use.message,
        paths: [...new Set(uses.map((u) => u.path))],
        property: uses[0].property,
        value: uses[0].value,
        ...(where ? { where } : {}),
        what: `refers to a step's ${use.noun} where Tekton's webhook refuses a reference to them: only ${use.allowed} may hold one`
          + (others.length === 0 ? '' : `; so do ${others.join(', ')}`),
        fix: `Pass the ${use.noun === 'results' ? 'result' : 'artifact'}'s value through ${use.allowed} (env: [{ name: OUT, value: $(steps.<step>.${use.noun === 'results' ? 'results.<result>' : 'outputs.<artifact>'}) }]) and use it from there.`,
      });
    }
  };
  const taskSpec = (spec: unknown, at: string, where?: Gated['where']) => {
    if (!isObject(spec)) return;
    enums(spec.params, `${at}.params`, (n) => [`${at}.params[${n}]`], where);
    asArray(spec.steps).forEach((st: any, i: number) => {
      if (!isObject(st)) return;
      const s = `${at}.steps[${i}]`;
      // a reference to artifacts (Step.Validate returns with it, before the step's other checks), in the step as Tekton merges
      // the stepTemplate under it (TaskSpec.Validate validates the merged steps): the template's env entries of names the step does
      // not set, its command and args where the step has none, named where the template writes them
      if (!flags.artifacts) {
        const template = isObject(spec.stepTemplate) ? spec.stepTemplate : {};
        const fields: Array<[string, unknown]> = [[`${s}.script`, st.script]];
        const list = (field: 'command' | 'args') => (asArray(st[field]).length > 0 ? asArray(st[field]).map((v: unknown, j: number) => [`${s}.${field}[${j}]`, v] as [string, unknown])
          : asArray(template[field]).map((v: unknown, j: number) => [`${at}.stepTemplate.${field}[${j}]`, v] as [string, unknown]));
        fields.push(...list('command'), ...list('args'));
        const own = new Set(asArray(st.env).filter((e: any) => isObject(e) && typeof e.name === 'string').map((e: any) => e.name));
        for (const e of asArray(template.env)) if (isObject(e) && typeof e.name === 'string' && !own.has(e.name)) fields.push([`${at}.stepTemplate.env[${e.name}].value`, e.value]);
        for (const e of asArray(st.env)) if (isObject(e) && typeof e.name === 'string') fields.push([`${s}.env[${e.name}].value`, e.value]);
        const refers = fields.find(([, v]) => typeof v === 'string' && isArtifactReference(v));
        if (refers !== undefined) {
          const fromTemplate = refers[0].startsWith(`${at}.stepTemplate.`);
          found.push({
            message: ARTIFACTS_MESSAGE,
            paths: [s],
            property: refers[0],
            value: refers[1] as string,
            ...(where ? { where } : {}),
            what: `refers to artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${flags.source})`
              + (fromTemplate ? `; the stepTemplate gives it to ${s}` : ''),
            fix: artifactsFix(flags),
          });
          return;
        }
      }
      stepReferenceUses(st, isObject(spec.stepTemplate) ? spec.stepTemplate : {}, s, at, where);
      if (typeof st.script === 'string' && goTrimSpace(st.script).startsWith('#!win')) api('windows script support', 'alpha', `${s}.script`, where);
      if (present(st.stdoutConfig)) api('step stdout stream support', 'alpha', `${s}.stdoutConfig`, where);
      if (present(st.stderrConfig)) api('step stderr stream support', 'alpha', `${s}.stderrConfig`, where);
      if (asArray(st.workspaces).length > 0) api('step workspaces', 'beta', `${s}.workspaces`, where);
      ref(st.ref, `${s}.ref`, where);
    });
    asArray(spec.sidecars).forEach((sc: any, i: number) => {
      if (isObject(sc) && asArray(sc.workspaces).length > 0) api('sidecar workspaces', 'beta', `${at}.sidecars[${i}].workspaces`, where);
    });
  };
  // with enable-cel-in-whenexpression on (validateWhenExpressionFields): a cel beside input, operator or values, else one cel-go's
  // parser or checker refuses in an environment of its standard library and no variable (cel.NewEnv()), as far as it is read here
  const celRefusal = (w: any, at: string, where?: Gated['where']) => {
    const values = w.values === undefined || w.values === null ? [] : w.values;
    const input = w.input ?? '';
    const operator = w.operator ?? '';
    if (input !== '' || operator !== '' || asArray(values).length > 0) {
      if (typeof input !== 'string' || typeof operator !== 'string' || !Array.isArray(values) || !values.every((v) => typeof v === 'string')) return;
      const beside = [input !== '' ? 'input' : '', operator !== '' ? 'operator' : '', values.length > 0 ? 'values' : ''].filter((f) => f !== '');
      found.push({
        // Go's %v of the *WhenExpression: its input, operator, values and cel
        message: `cel and input+operator+values cannot be set in one WhenExpression: &{${input} ${operator} [${values.join(' ')}] ${w.cel}}`,
        paths: [],
        property: `${at}.cel`,
        value: w.cel,
        ...(where ? { where } : {}),
        what: `is a CEL expression beside ${beside.join(', ')} in one when expression: Tekton's webhook admits either a cel or an input, operator and values`,
        fix: `Write the condition either as cel or as input, operator and values: remove ${beside.join(', ')} from ${at}, or the cel.`,
      });
      return;
    }
    const why = celCompileError(w.cel);
    if (why === undefined) return;
    // cel-go's error, Tekton's second path, where it is known here
    const goError = celGoError(w.cel);
    found.push({
      message: 'invalid cel expression: %s with err: %s',
      // (Tekton gives the expression and cel-go's error as the error's two paths: each joined to the field as knative joins paths)
      paths: [goFieldPath(`${at}.${w.cel}`), ...(goError === undefined ? [] : [goFieldPath(`${at}.${goError}`)])],
      property: `${at}.cel`,
      value: w.cel,
      ...(where ? { where } : {}),
      what: `does not compile as CEL, ${why}: Tekton's webhook compiles a when expression's cel, with cel-go's standard library and no variable declared, `
        + `while the feature flag enable-cel-in-whenexpression is "true" (${flags.source})`,
      fix: celCompileFix(w.cel),
    });
  };
  const pipelineSpec = (spec: unknown, at: string) => {
    if (!isObject(spec)) return;
    enums(spec.params, `${at}.params`, (n) => [`${at}.finally.params[${n}]`, `${at}.tasks.params[${n}]`]);
    // the first pipeline task (of tasks, then finally) whose params refer to a task's artifacts (validateArtifactReference)
    if (!flags.artifacts) {
      const refers = (['tasks', 'finally'] as const).flatMap((list) => asArray(spec[list]).flatMap((t: any, i: number) => asArray(isObject(t) ? t.params : undefined)
        .flatMap((x: any, j: number) => (isObject(x) ? paramStrings(x.value) : []).filter((v) => TASK_ARTIFACT.test(v))
          .map((v) => ({ list, i, j, v, name: isObject(t) && typeof t.name === 'string' ? t.name : undefined })))))[0];
      if (refers !== undefined) {
        found.push({
          message: ARTIFACTS_MESSAGE,
          paths: [`${at}.${refers.list}[${refers.i}].params`],
          property: `${at}.${refers.list}[${refers.i}].params[${refers.j}].value`,
          value: refers.v,
          ...(refers.name === undefined ? {} : { where: { location: `pipeline task '${jsString(refers.name)}'`, target: `task/${jsString(refers.name)}` } }),
          what: `refers to a task's artifacts: Tekton's webhook admits a reference to them only while the feature flag enable-artifacts is "true", and it is "false" (${flags.source})`,
          fix: artifactsFix(flags),
        });
      }
    }
    for (const list of ['tasks', 'finally']) {
      asArray(spec[list]).forEach((t: any, i: number) => {
        if (!isObject(t)) return;
        const p = `${at}.${list}[${i}]`;
        const where = typeof t.name === 'string' ? { location: `pipeline task '${jsString(t.name)}'`, target: `task/${jsString(t.name)}` } : undefined;
        if (present(t.taskRef)) {
          if (isObject(t.taskRef) && typeof t.taskRef.resolver === 'string' && t.taskRef.resolver !== '') api('taskref.resolver', 'beta', `${p}.taskRef.resolver`, where);
          if (isObject(t.taskRef) && asArray(t.taskRef.params).length > 0) api('taskref.params', 'beta', `${p}.taskRef.params`, where);
          ref(t.taskRef, `${p}.taskRef`, where);
        }
        if (present(t.pipelineRef)) api('pipelineRef', 'alpha', `${p}.pipelineRef`, where);
        if (present(t.pipelineSpec)) api('pipelineSpec', 'alpha', `${p}.pipelineSpec`, where);
        if (present(t.taskSpec)) inline('pipeline', `${p}.taskSpec`);
        if (present(t.pipelineSpec)) inline('pipeline', `${p}.pipelineSpec`);
        if (typeof t.onError === 'string' && t.onError !== '' && !t.onError.startsWith('$(params')) api('OnError', 'beta', `${p}.onError`, where);
        if (isObject(t.matrix) && (asArray(t.matrix.params).length > 0 || asArray(t.matrix.include).length > 0)) api('matrix', 'beta', `${p}.matrix`, where);
        asArray(t.when).forEach((w: any, j: number) => {
          if (!isObject(w) || typeof w.cel !== 'string' || w.cel === '') return;
          if (flags.cel) {
            celRefusal(w, `${p}.when[${j}]`, where);
            return;
          }
          found.push({
            message: `feature flag enable-cel-in-whenexpression should be set to true to use CEL: ${w.cel} in WhenExpression`,
            paths: [`${p}.when[${j}]`],
            property: `${p}.when[${j}].cel`,
            value: w.cel,
            ...(where ? { where } : {}),
            what: `is a CEL expression: Tekton's webhook admits one in a when expression only while the feature flag enable-cel-in-whenexpression is "true", and it is "false" (${flags.source})`,
            fix: `${setFlag(flags, 'enable-cel-in-whenexpression', 'true')}, or write the condition as input, operator and values.`,
          });
        });
        taskSpec(t.taskSpec, `${p}.taskSpec`, where);
      });
    }
  };
  const spec = manifest.spec;
  if (kind === 'Pipeline') pipelineSpec(spec, 'spec');
  if (kind === 'Task') taskSpec(spec, 'spec');
  // a StepAction's script (StepActionSpec.Validate; its params' enums are not validated)
  if (kind === 'StepAction' && typeof spec.script === 'string' && goTrimSpace(spec.script).startsWith('#!win')) api('windows script support', 'alpha', 'spec.script');
  if (kind === 'TaskRun') {
    ref(spec.taskRef, 'spec.taskRef');
    if (present(spec.debug)) api('debug', 'alpha', 'spec.debug');
    const [steps, sidecars] = v1beta1 ? ['stepOverrides', 'sidecarOverrides'] : ['stepSpecs', 'sidecarSpecs'];
    if (present(spec[steps])) api(steps, 'beta', `spec.${steps}`);
    if (present(spec[sidecars])) api(sidecars, 'beta', `spec.${sidecars}`);
    if (present(spec.computeResources)) api('computeResources', 'beta', 'spec.computeResources');
    if (present(spec.taskSpec)) inline('taskrun', 'spec.taskSpec');
    taskSpec(spec.taskSpec, 'spec.taskSpec');
  }
  if (kind === 'PipelineRun') {
    ref(spec.pipelineRef, 'spec.pipelineRef');
    const [steps, sidecars] = v1beta1 ? ['stepOverrides', 'sidecarOverrides'] : ['stepSpecs', 'sidecarSpecs'];
    asArray(spec.taskRunSpecs).forEach((s: any, i: number) => {
      if (!isObject(s)) return;
      for (const f of [steps, sidecars, 'computeResources']) if (present(s[f])) api(f, 'beta', `spec.taskRunSpecs[${i}].${f}`);
    });
    if (present(spec.pipelineSpec)) inline('pipelinerun', 'spec.pipelineSpec');
    pipelineSpec(spec.pipelineSpec, 'spec.pipelineSpec');
  }
  // Tekton merges the errors of one message: a message with fields is one finding per field written (quoting its own
  // fields, as the webhook lists them: sorted), one without (ValidateEnabledAPIFields') one finding, naming the others
  const byMessage = new Map<string, Gated[]>();
  for (const g of found) byMessage.set(g.message, [...(byMessage.get(g.message) ?? []), g]);
  const refusal = (g: Gated, what: string): PipelineRefusal => ({
    ...(g.where ?? {}),
    property: g.property,
    ...(g.value === undefined ? {} : { value: g.value }),
    what,
    tekton: `${g.message}: ${[...g.paths].sort().join(', ')}`,
    fix: g.fix,
  });
  return [...byMessage.values()].flatMap((all) => {
    if (all[0].paths.length > 0) return all.map((g) => refusal(g, g.what));
    const others = [...new Set(all.slice(1).map((g) => g.property))];
    return [refusal(all[0], others.length === 0 ? all[0].what : `${all[0].what}; so ${others.length === 1 ? 'is' : 'are'} ${others.join(', ')}, of one error`)];
  });
}
