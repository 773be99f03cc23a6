import { celFirstUndeclared, CelLiteralPaths, celMacroForm, celLiteralPaths, CelOverload, celSyntaxError, celTyping, CelType } from '../../private/cel-syntax';
import { apiGroupOf, asArray, isObject } from '../../private/containers';
import { goJsonField, otherSpelling } from '../../private/go-json';
import { labelProblem } from '../../private/labels';
import { LISTENER_CUSTOM, LISTENER_TEMPLATE, listenerPod, listenerSelectorLabels } from '../../private/listener-pods';
import { manifestNamespace } from '../../private/namespaces';
import { jsString, safeText } from '../../private/text';
import { judged, readsAs } from '../../private/trigger-interceptors';
import { CEL_INTERCEPTOR, DEPRECATED_INTERCEPTORS, TRIGGERS_GROUP } from '../../private/triggers';
import { Severity } from '../rule';
import { manifestRule, Problem, relaxAnnotation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Where a chain of interceptors is: a Trigger's, an EventListener's inline trigger's, or a trigger group's. */
type Chain = 'trigger' | 'inline' | 'group';

/** What Triggers' webhooks and sink make of an interceptor entry at `where` that is null, by the chain it is in (conformance/triggers/cmd/triggers-admit). */
const NULL_ENTRY: Readonly<Record<Chain, (where: string) => string>> = {
  trigger: () => "is null: Triggers' defaulting webhook dereferences it (a Trigger's SetDefaults reads each interceptor's ref) and fails, "
    + 'so the API server, the webhook failing closed, refuses the Trigger',
  inline: (where) => `is null: Triggers' validating webhook refuses the EventListener ("invalid value: interceptor '<nil>' must be a valid value: ${where}")`,
  group: () => "is null: Triggers' webhooks admit it in a trigger group, and the EventListener's sink, which reads each interceptor's "
    + 'webhook field in turn (pkg/sink ExecuteInterceptors), dereferences it and crashes: every event the interceptors before it '
    + "let through (every event, when none comes before it) restarts the listener, stopping every trigger it serves, and the group's Triggers never run",
};

/** What Triggers makes of an interceptor entry at `where` that names no interceptor, by the chain it is in. */
const UNNAMED_ENTRY: Readonly<Record<Chain, (where: string) => string>> = {
  trigger: (where) => `names no interceptor (no ref.name, no webhook): Triggers' validating webhook refuses the Trigger ("missing field(s): ${where}.interceptor")`,
  inline: (where) => `names no interceptor (no ref.name, no webhook): Triggers' validating webhook refuses the EventListener ("missing field(s): ${where}.interceptor")`,
  group: () => "names no interceptor (no ref.name, no webhook): Triggers' webhooks admit it in a trigger group, and the EventListener's sink "
    + "looks up a ClusterInterceptor named '' for it, finds none and stops the group there, so the group's Triggers never run",
};

const FIX = 'Write each interceptor entry as the interceptor it is meant to be ({ ref: { name: <interceptor> }, params: [...] }) or '
  + 'remove it, and give the cel interceptor a filter and overlay expressions Triggers compiles: CEL without the optional syntax that names '
  + "only body, header, extensions and requestURL (Triggers' cel interceptor logs its error for every event).";

/** The part of FIX an overlay the cel interceptor cannot write needs. */
const OVERLAY_FIX = "Give each of the cel interceptor's overlays a key that is not empty and an expression whose value the interceptor writes as JSON: "
  + 'a string, an int, a double, a bool, bytes, a list or a map with string keys (not a uint, which `int(…)` converts, nor null or a type).';

/** The part of FIX an interceptor entry Triggers cannot read needs. */
const ENTRY_FIX = 'Write the entry as the interceptor it is meant to be ({ ref: { name: <interceptor> }, params: [...] }) or remove it.';

/** The part of FIX a cel filter or overlay expression Triggers cannot compile needs. */
const CEL_FIX = 'Give the cel interceptor an expression Triggers compiles: CEL without the optional syntax (.?, [?, ? before a list element or map entry), '
  + "that names only body, header, extensions and requestURL and the variables of its own macros (Triggers' cel interceptor logs its error for "
  + 'every event).';

/** The fix of an expression CEL's type check refuses for its operands' types. */
const TYPES_FIX = 'Give each operation operands of the types it takes: compare a string with a string (requestURL == \'https://…\'), convert '
  + 'a value first where it is of another type (string(1), int(body.n), double(body.n), int(size(body.l)) + 1), read body, header and extensions, whose entries '
  + 'are of any type, where the value comes from the event, and call a method on its target (header.canonical(\'X-Token\').compareSecret(\'token\', \'hook\')).';

/** The fix of an expression that calls a function Triggers' CEL environment does not declare. */
const FUNCTION_FIX = "Call only the functions Triggers' CEL environment declares: cel-go's standard library's, those of its strings, encoders, sets, "
  + "lists and math extensions and Triggers' own (canonical, compareSecret, parseJSON, parseYAML, parseURL, marshalJSON, match, truncate, "
  + "translate, first, last); base64.decode(body.h) decodes base64 where Triggers' old decodeb64 did.";

/** The fix of an expression holding a map of constants with a bytes key. */
const BYTES_KEY_FIX = "Give the map literal keys that are strings ({'a': 1}) or ints, not bytes (b'…', bytes(…)): write the string itself.";

/** The fix of an expression selecting a field of a value that is no map. */
const SELECT_FIX = "Select fields only of maps (body, header, extensions and what is read from them): name a macro's variable apart from "
  + 'body, header, extensions and requestURL ([1].exists(x, body.a == x)), and compare a value that is no map itself (x == 1, not x.a == 1).';

/** The fix of an expression indexing by a constant cel-go cannot index with. */
const INDEX_FIX = "Index by a string or an int (body.a['k'], body.l[0]), not by bytes, null, a list, a map, a type, a timestamp or a duration.";

/** The fix of an overlay whose key goes into a list an overlay before it writes. */
const SJSON_FIX = 'Give the overlay a key that is not below the key under which an overlay before it writes a list (\'pr.number\' after \'pr\' holds a map, '
  + 'not a list), or go into the list by an index (\'labels.0\') or append to it (\'labels.-1\').';

/**
 * A key sjson reads as a path of plain names (letters, digits, `_` and `-` between dots): none of its escapes, wildcards, modifiers
 * or `:` (a name forced), so it goes where its names say.
 */
const PLAIN_PATH = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** An overlay before another: its key when it is a plain path, and the paths under which it always leaves a list, and a scalar. */
interface Written {
  readonly key?: string;
  readonly lists: readonly string[];
  readonly scalars: readonly string[];
}

/** Whether sjson reads a name of a path as an index into a list (a number, or -1 to append). */
const isIndex = (name: string) => /^[0-9]+$/.test(name) || name === '-1';

/**
 * The paths under which an overlay with the plain key `key`, after the overlays `before`, always leaves a list and a scalar: its key
 * when its value is always a list (`list`) or a scalar (`scalar`), the paths `inner` of its value (a map or list literal's entries and
 * elements) that always hold one below it, and each path its key goes into by an index where sjson builds the path (sjson v1.2.5
 * appendRawPaths, appendBuild): when nothing was written under its first name before (`a.0`, `a.-1`), or below a path where the last
 * overlay before it under that name always left a scalar (sjson replaces it by a list where the next name is a number, by an object
 * else: `a.0`, `a.b.0` after `a` an int, `a.b.0` after `a` a map holding an int under `b`), every overlay before having a plain key.
 * Where sjson builds, `-1` makes a new list whose element 0 it is; an append to a list already there makes an element whose index is
 * not known, below which no path is kept.
 */
function writtenPaths(
  before: readonly Written[], key: string, list: boolean, scalar: boolean, inner: CelLiteralPaths,
): { lists: string[]; scalars: string[] } {
  const names = key.split('.');
  const plain = before.every((w) => w.key !== undefined);
  const last = [...before].reverse().find((w) => w.key?.split('.')[0] === names[0]);
  // from the name where sjson builds the rest of the path
  let from = plain && last === undefined ? 1 : undefined;
  const replaced = plain ? last?.scalars.filter((p) => key.startsWith(`${p}.`)).map((p) => p.split('.').length)[0] : undefined;
  if (replaced !== undefined) from = replaced;
  // the names as sjson leaves them: an append where it builds is element 0 (but -1 on the scalar replaced, a key of the object it makes)
  const resolved = names.map((n, i) => (n === '-1' && from !== undefined && i >= from && !(i === from && replaced !== undefined) ? '0' : n));
  const known = (i: number) => !resolved.slice(0, i).includes('-1');
  const indexed = from === undefined ? [] : names.flatMap((n, i) => {
    if (i < from! || !isIndex(n) || !known(i)) return [];
    // a scalar replaced: by a list at a number, by an object at -1
    if (i === from && replaced !== undefined && n === '-1') return [];
    return [resolved.slice(0, i).join('.')];
  });
  if (!known(names.length)) return { lists: indexed, scalars: [] };
  const whole = resolved.join('.');
  return {
    lists: [...(list ? [whole] : []), ...inner.lists.map((p) => `${whole}.${p}`), ...indexed],
    scalars: [...(scalar ? [whole] : []), ...inner.scalars.map((p) => `${whole}.${p}`)],
  };
}

/**
 * Where the key of the overlay at `k` goes into a list an overlay before it always leaves (`a` a list, then `a.b`): the path of that
 * list, the overlay's index, and the name of the key after it that is no index (sjson: "cannot set array element for non-numeric key"),
 * when every overlay between them has a plain key of another first name (so none rewrites the list).
 */
function listPathInto(before: readonly Written[], k: number): { path: string; at: number; part: string } | undefined {
  const key = before[k].key!;
  for (let j = k - 1; j >= 0; j--) {
    const { key: written, lists } = before[j];
    if (written === undefined) return undefined;
    // the lists it goes into, and by what (a list inside a list goes by an index into the outer one)
    const into = lists.filter((l) => key.startsWith(`${l}.`)).map((path) => ({ path, part: key.slice(path.length + 1).split('.')[0] }));
    const named = into.find((i) => !isIndex(i.part));
    if (named !== undefined) return { ...named, at: j };
    if (into.length > 0) return undefined;
    // an overlay between that writes under the same first name may rewrite the list
    if (written.split('.')[0] === key.split('.')[0]) return undefined;
  }
  return undefined;
}

/** The fix of an expression converting a constant cel-go cannot convert. */
const CONVERSION_FIX = "Convert what the event holds (int(body.n)), or write the value itself (1, not int('one'); 'x', not string(null); true, not bool('yes'); "
  + "bytes that are UTF-8 for string(b'…'), b'\\xc3\\xa9', not b'\\xff').";

/** The fix of a filter whose value is never a bool. */
const BOOL_FIX = "Write the filter as a condition, an expression whose value is a bool (body.action == 'opened', "
  + "header.match('X-GitHub-Event', 'push')): Triggers lets an event through only where it is true.";

/** The fix of an overlay expression that is empty. */
const EMPTY_FIX = 'Write the expression whose value the overlay is to hold, or remove the overlay.';

/**
 * The names Triggers' CEL environment declares (pkg/interceptors/cel makeCelEnv: the request's body, header,
 * extensions and URL) and the type names cel-go declares in every environment, with `google` (the root of the
 * protobuf types' names, which are read leniently here).
 */
const DECLARED: readonly string[] = ['body', 'header', 'extensions', 'requestURL', 'int', 'uint', 'double', 'bool', 'string', 'bytes', 'list', 'map',
  'type', 'null_type', 'google'];

/** The types of the names Triggers' CEL environment declares (makeCelEnv): maps of strings to dyn, and a string. */
const VARIABLES: Readonly<Record<string, string>> = { body: 'map(string, dyn)', header: 'map(string, dyn)', extensions: 'map(string, dyn)', requestURL: 'string' };

/** A method's overloads, by the types of its target and arguments and its result's (`T`: a type parameter, as in `list(T)`). */
const method = (result: string | undefined, ...params: string[][]): CelOverload[] => params.map((ps) => ({ member: true, params: ps, result }));
/** A function's overloads (a namespace's), as `method`. */
const fn = (result: string | undefined, ...params: string[][]): CelOverload[] => params.map((ps) => ({ member: false, params: ps, result }));
/** The overloads of math's functions that return the type of their argument. */
const numeric = (...params: string[][]): CelOverload[] => params.map((ps) => ({ member: false, params: ps, result: ps[0] }));

/**
 * The functions Triggers' CEL environment adds to cel-go's standard library (pkg/interceptors/cel makeCelEnv, Triggers v0.37.0):
 * its own (triggers.go) and those of cel-go v0.30.0's strings, encoders, sets, lists and math extensions at their latest versions
 * (`math.greatest` and `math.least`, macros whose result depends on their arguments, are typed by celTyping as the extension expands them).
 */
const TRIGGERS_FUNCTIONS: Readonly<Record<string, readonly CelOverload[]>> = {
  // Triggers' own
  'match': method('bool', ['map(string, dyn)', 'string', 'string']),
  'canonical': method('string', ['map(string, dyn)', 'string']),
  'truncate': method('string', ['string', 'int']),
  'compareSecret': method('bool', ['string', 'string', 'string', 'string'], ['string', 'string', 'string']),
  'parseJSON': method('map(string, dyn)', ['string']),
  'parseYAML': method('map(string, dyn)', ['string']),
  'parseURL': method('map(string, dyn)', ['string']),
  'marshalJSON': method('string', ['map(string, dyn)'], ['list']),
  'first': method(undefined, ['list']),
  'last': method(undefined, ['list']),
  'translate': method('string', ['string', 'string', 'string']),
  // the strings extension
  'charAt': method('string', ['string', 'int']),
  'indexOf': method('int', ['string', 'string'], ['string', 'string', 'int']),
  'lastIndexOf': method('int', ['string', 'string'], ['string', 'string', 'int']),
  'lowerAscii': method('string', ['string']),
  'upperAscii': method('string', ['string']),
  'trim': method('string', ['string']),
  'replace': method('string', ['string', 'string', 'string'], ['string', 'string', 'string', 'int']),
  'split': method('list(string)', ['string', 'string'], ['string', 'string', 'int']),
  'substring': method('string', ['string', 'int'], ['string', 'int', 'int']),
  'format': method('string', ['string', 'list']),
  'join': method('string', ['list(string)'], ['list(string)', 'string']),
  // a string's (strings) or a list's (lists)
  'reverse': [...method('string', ['string']), ...method('list(T)', ['list(T)'])],
  'strings.quote': fn('string', ['string']),
  // the encoders extension
  'base64.decode': fn('bytes', ['string']),
  'base64.encode': fn('string', ['bytes']),
  'json.encode': fn('string', ['dyn']),
  // the sets extension
  'sets.contains': fn('bool', ['list(T)', 'list(T)']),
  'sets.equivalent': fn('bool', ['list(T)', 'list(T)']),
  'sets.intersects': fn('bool', ['list(T)', 'list(T)']),
  // the lists extension
  'slice': method('list(T)', ['list(T)', 'int', 'int']),
  'flatten': [...method('list(T)', ['list(list(T))']), ...method('list', ['list', 'int'])],
  // (a list of what cel-go orders: timestamps and durations too, which null is taken for)
  'sort': ['int', 'uint', 'double', 'bool', 'string', 'bytes', 'google.protobuf.Duration', 'google.protobuf.Timestamp'].flatMap((t) => method(`list(${t})`, [`list(${t})`])),
  'distinct': method('list(T)', ['list(T)']),
  'lists.range': fn('list(int)', ['int']),
  // the math extension
  'math.ceil': fn('double', ['double']),
  'math.floor': fn('double', ['double']),
  'math.round': fn('double', ['double']),
  'math.trunc': fn('double', ['double']),
  'math.isInf': fn('bool', ['double']),
  'math.isNaN': fn('bool', ['double']),
  'math.isFinite': fn('bool', ['double']),
  'math.abs': numeric(['double'], ['int'], ['uint']),
  'math.sign': numeric(['double'], ['int'], ['uint']),
  'math.sqrt': fn('double', ['double'], ['int'], ['uint']),
  'math.bitAnd': numeric(['int', 'int'], ['uint', 'uint']),
  'math.bitOr': numeric(['int', 'int'], ['uint', 'uint']),
  'math.bitXor': numeric(['int', 'int'], ['uint', 'uint']),
  'math.bitNot': numeric(['int'], ['uint']),
  'math.bitShiftLeft': numeric(['int', 'int'], ['uint', 'int']),
  'math.bitShiftRight': numeric(['int', 'int'], ['uint', 'int']),
};

/** How Triggers' CEL environment reads an expression: without the optional syntax, its functions those of TRIGGERS_FUNCTIONS and cel-go's standard library alone. */
const TRIGGERS_CEL = { optionalSyntax: false, functions: TRIGGERS_FUNCTIONS, complete: true, extensionMacros: true };

/** How to name a value of a CEL type in a sentence. */
const A_VALUE: Readonly<Record<CelType, string>> = {
  int: 'an int', uint: 'a uint', double: 'a double', string: 'a string', bytes: 'bytes', bool: 'a bool', null: 'null', list: 'a list', map: 'a map', type: 'a type',
};

/** Why Triggers' cel interceptor fails on a CEL text, what it answers then (or whether it panics), and the fix. */
interface CelProblem {
  readonly why: string;
  readonly answer: string;
  readonly panics?: boolean;
  /** Whether CEL's type check, which comes before the planner that `why` speaks of, may refuse the text for what is not typed here. */
  readonly unsure?: boolean;
  readonly fix: string;
}

/** What comes of a CEL text on `events` (every event, or every event a filter lets through). */
function outcome(problem: CelProblem, events: string): string {
  // (Triggers' webhooks do not read the interceptor's params: the object is admitted, and each event meets the interceptor's error)
  const checked = problem.unsure === true ? ' (unless CEL\'s type check, which comes first, refuses what is not typed here, a timestamp\'s or a duration\'s '
    + `value, a message or a name in backticks: then it answers ${events} with "check failed" and the trigger never runs either)` : '';
  return problem.panics === true
    ? `Triggers' cel interceptor panics on ${events}, and the core interceptors' server, whose handler net/http recovers by closing the connection, `
      + `answers nothing, so the sink stops the trigger and it never runs${checked}`
    : `Triggers' cel interceptor answers ${events} with ${problem.answer} and stops the trigger, so it never runs${checked}`;
}

/**
 * Why Triggers' cel interceptor does not compile the CEL text `text` (its environment enables no
 * optional syntax), or, for a `filter`, why what it compiles is never true, and what it answers then; or undefined.
 */
function celProblem(text: string, filter = false): CelProblem | undefined {
  if (text === '') return { why: 'that is empty (CEL cannot parse an empty expression)', answer: '"failed to parse expression"', fix: EMPTY_FIX };
  const syntax = celSyntaxError(text, { optionalSyntax: false, extensionMacros: true });
  if (syntax !== undefined) return { why: `CEL cannot parse (${syntax})`, answer: '"failed to parse expression"', fix: CEL_FIX };
  // (cel-go's first error, as it sorts them by where they are, where it refers to what the environment does not declare: a name, or a function)
  const first = celFirstUndeclared(text, DECLARED, TRIGGERS_CEL);
  const name = first !== undefined && !first.call ? first.name : undefined;
  if (name === undefined) {
    const typing = celTyping(text, VARIABLES, TRIGGERS_CEL);
    const undeclaredFn = first?.name ?? typing?.undeclaredFunction;
    if (undeclaredFn !== undefined) {
      const called = jsString(undeclaredFn);
      return {
        why: `that calls '${called}', which no function of Triggers' CEL environment is named (cel-go's standard library, the strings, encoders, sets, `
          + `lists and math extensions and Triggers' own functions), so CEL's type check fails ("undeclared reference to '${called}'")`,
        answer: '"check failed"',
        fix: celMacroForm(undeclaredFn) !== undefined ? `Call ${called} as the macro of cel-go's standard library is written, ${celMacroForm(undeclaredFn)}: called otherwise (other `
          + 'arguments, or as a method where it is a function\'s or the reverse), cel-go\'s parser expands no macro, and no function of that name is declared.'
          : FUNCTION_FIX,
      };
    }
    if (typing?.mistyped !== undefined) {
      return {
        why: 'that CEL\'s type check refuses: no overload in Triggers\' CEL environment (cel-go\'s standard library, the strings, encoders, sets, lists and math '
          + `extensions and Triggers' own functions) takes ${typing.mistyped}`,
        answer: '"check failed"',
        fix: TYPES_FIX,
      };
    }
    if (typing?.unselected !== undefined) {
      const { selection, type } = typing.unselected;
      return {
        why: `that selects a field of a value of type ${type} (${selection}; a name a macro binds is its range's element, whatever it shadows), `
          + `which CEL's type check refuses ("type '${type}' does not support field selection")`,
        answer: '"check failed"',
        fix: SELECT_FIX,
      };
    }
    if (typing?.panics !== undefined) {
      return {
        why: `that holds a map of constants with a bytes key (${typing.panics}; cel-go's optimizer makes a constant of a literal, a list or map of `
          + 'constants and a conversion of a constant, dyn(…) too), which cel-go builds when it plans the program, before it reads the '
          + 'event, and panics on ("hash of unhashable type types.Bytes")',
        answer: '',
        panics: true,
        ...(typing.unsure === true ? { unsure: true } : {}),
        fix: BYTES_KEY_FIX,
      };
    }
    if (typing?.unplanned !== undefined && typing.unplannedIndex === true) {
      return {
        why: `that indexes by a constant of a type cel-go's planner cannot index with (${typing.unplanned}; only a string, an int, a uint, a bool `
          + `or a double), which it refuses when it plans the program, before it reads the event ("${typing.unplannedError}")`,
        answer: '"failed to create a Program"',
        ...(typing.unsure === true ? { unsure: true } : {}),
        fix: INDEX_FIX,
      };
    }
    if (typing?.unplanned !== undefined) {
      const error = typing.unplannedError !== undefined ? ` ("${typing.unplannedError}")` : '';
      return {
        why: `that converts a constant cel-go cannot convert (${typing.unplanned}), which its optimizer converts when it plans the program, before it reads `
          + `the event, and fails on${error}`,
        answer: '"failed to create a Program"',
        ...(typing.unsure === true ? { unsure: true } : {}),
        fix: CONVERSION_FIX,
      };
    }
    if (filter && typing?.type !== undefined && typing.type !== 'bool') {
      return { why: `whose value is always ${A_VALUE[typing.type]}, never true`, answer: '"expression … did not return true"', fix: BOOL_FIX };
    }
    return undefined;
  }
  return {
    why: `that refers to '${jsString(name)}', which Triggers' CEL environment does not declare (it declares body, header, extensions and `
      + `requestURL), so CEL's type check fails ("undeclared reference to '${jsString(name)}'")`,
    answer: '"check failed"',
    fix: CEL_FIX,
  };
}

/** Whether Go orders `a` before `b` (UTF-8 bytes, as encoding/json sorts a map's keys: code points). */
function goBefore(a: string, b: string): boolean {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i];
  return x.length < y.length;
}

/**
 * Of the values given under keys Go reads as one field, the one the cel interceptor reads: the sink
 * makes a map of the params by name (the last of a name wins) and encoding/json writes it with its
 * keys sorted, then reads it into the interceptor's params, the last key it reads as the field winning.
 */
function effective<T extends { readonly key: string }>(given: readonly T[]): T | undefined {
  return given.reduce<T | undefined>((won, g) => (won === undefined || !goBefore(g.key, won.key) ? g : won), undefined);
}

/** How Go's encoding/json names the JSON type of a value that is not an object, in its error. */
function goJsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * Of the values given under keys Go reads as one field, the one encoding/json leaves in it: the sink's
 * map keeps the last param of a name, and a null leaves the field as the keys read before it set it.
 */
function decoded<T extends { readonly key: string; readonly value: unknown }>(given: readonly T[]): T | undefined {
  const byName = new Map<string, T>();
  given.forEach((g) => byName.set(g.key, g));
  return effective([...byName.values()].filter((g) => g.value !== null));
}

/**
 * Of the values given under keys Go reads as a slice field (`overlays`), the one encoding/json leaves in it: as `decoded`, but a
 * null read last empties the field.
 */
function decodedList<T extends { readonly key: string; readonly value: unknown }>(given: readonly T[]): T | undefined {
  const byName = new Map<string, T>();
  given.forEach((g) => byName.set(g.key, g));
  return effective([...byName.values()]);
}

/** The Go type each field of v1alpha1's deprecated `cel:` interceptor decodes into, by the JSON types it takes (null is none). */
const CEL_FIELDS: Readonly<Record<string, { readonly go: string; readonly json: string }>> = {
  filter: { go: 'CELInterceptor…filter of type string', json: 'string' },
  overlays: { go: 'CELInterceptor…overlays of type []v1alpha1.CELOverlay', json: 'array' },
};
const OVERLAY_FIELDS: Readonly<Record<string, { readonly go: string; readonly json: string }>> = {
  key: { go: 'CELOverlay…key of type string', json: 'string' },
  expression: { go: 'CELOverlay…expression of type string', json: 'string' },
};

/** The JSON type of a value as `json` names it (goJsonType's, `object` for an object). */
function jsonType(value: unknown): string {
  return isObject(value) ? 'object' : goJsonType(value);
}

/**
 * Why Triggers' webhooks cannot decode v1alpha1's deprecated interceptor field `field` whose value is `value` (at `at`): knative's
 * decoding of the object (Go's encoding/json, unknown fields refused, keys matched as Go matches them) fails on a value of
 * another JSON type than the field's (every key Go reads as the field is decoded) and on a key that is no field.
 */
function deprecatedProblem(value: unknown, at: string, field: string, object: string): Problem | undefined {
  const refused = (where: string, bad: unknown, error: string): Problem => ({
    property: where,
    value: safeText(bad),
    problem: `cannot be decoded: Triggers' webhooks (knative's decoding, Go's encoding/json) answer "${error}" and refuse the ${object}`,
    fix: FIX,
  });
  if (value === null || value === undefined) return undefined;
  const type = `v1alpha1.${field === 'cel' ? 'CEL' : field === 'github' ? 'GitHub' : field === 'gitlab' ? 'GitLab' : 'Bitbucket'}Interceptor`;
  if (!isObject(value)) return refused(at, value, `json: cannot unmarshal ${jsonType(value)} into Go struct field TriggerInterceptor…${field} of type ${type}`);
  if (field !== 'cel') return undefined;
  // an object's keys: each read as one of `fields` and of its JSON type, or null
  const fieldsOf = (obj: Record<string, unknown>, where: string, fields: typeof CEL_FIELDS): Problem | undefined => {
    for (const key of Object.keys(obj)) {
      const name = goJsonField(key, Object.keys(fields));
      if (name === undefined) return refused(`${where}.${key}`, obj[key], `json: unknown field "${key}"`);
      const v = obj[key];
      if (v !== null && jsonType(v) !== fields[name].json) return refused(`${where}.${key}`, v, `json: cannot unmarshal ${jsonType(v)} into Go struct field ${fields[name].go}`);
    }
    return undefined;
  };
  const top = fieldsOf(value, at, CEL_FIELDS);
  if (top !== undefined) return top;
  for (const key of Object.keys(value).filter((k) => readsAs(k, 'overlays'))) {
    for (const [k, o] of asArray(value[key]).entries()) {
      if (o === null) continue;
      const where = `${at}.${key}[${k}]`;
      const bad = isObject(o) ? fieldsOf(o, where, OVERLAY_FIELDS)
        : refused(where, o, `json: cannot unmarshal ${jsonType(o)} into Go struct field CELInterceptor…overlays of type v1alpha1.CELOverlay`);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

/** The values an overlay's expression may have that Triggers' cel interceptor cannot write as JSON (pkg/interceptors/cel Process). */
const UNWRITTEN: readonly CelType[] = ['uint', 'null', 'type'];

/** What Triggers' cel interceptor answers every event when it cannot decode its params. */
const UNDECODED = "Go's encoding/json cannot decode the interceptor's params, so Triggers' cel interceptor answers every event with "
  + '"failed to parse interceptor params" and stops the trigger, so it never runs';

/** How to name a JSON value of the type Go's encoding/json names (goJsonType) in a sentence. */
const A_JSON: Readonly<Record<string, string>> = { number: 'a number', bool: 'a bool', string: 'a string', array: 'a list', object: 'an object' };

/** How YAML gave a scalar that type, where a string was meant (sigs.k8s.io/yaml resolves YAML 1.1's bools). */
const YAML_SCALAR: Readonly<Record<string, string>> = {
  bool: ' (YAML reads an unquoted y, n, yes, no, on, off, true or false as a bool)',
  number: ' (YAML reads an unquoted number as one)',
};

/** The fix of a bool or number where the cel interceptor takes a string: quote it. */
function quoteFix(field: string, value: unknown): string | undefined {
  if (typeof value !== 'boolean' && typeof value !== 'number') return undefined;
  const example = typeof value === 'boolean' ? 'on' : '1.0';
  return `Quote what you wrote, so that YAML reads it as a string: ${field}: "${example}", not ${field}: ${example}.`;
}

/** The fields of an interceptor entry and of its ref (v1alpha1's deprecated ones too): with another key, Triggers' webhooks refuse the object (unknown field). */
const ENTRY_FIELDS = ['name', 'ref', 'params', 'webhook'];
const REF_FIELDS = ['name', 'kind', 'apiVersion'];

/** The problems of one chain of interceptors (at `at`), which Triggers cannot run. */
function chainProblems(interceptors: unknown, at: string, chain: Chain, v1alpha1: boolean): Problem[] {
  if (!Array.isArray(interceptors)) return [];
  const { all } = judged(interceptors, at, v1alpha1);
  const byAt = new Map(all.map((i) => [i.at, i]));
  return interceptors.flatMap((entry: unknown, j: number): Problem[] => {
    const where = `${at}[${j}]`;
    if (entry === null) return [{ property: where, value: 'null', problem: NULL_ENTRY[chain](where), fix: ENTRY_FIX }];
    if (!isObject(entry)) {
      return [{
        property: where,
        value: safeText(entry),
        problem: `is not an object: Go's encoding/json cannot read it as an interceptor ("json: cannot unmarshal ${goJsonType(entry)} into Go struct field …"), `
          + `so Triggers' webhooks refuse the ${chain === 'trigger' ? 'Trigger' : 'EventListener'}`,
        fix: ENTRY_FIX,
      }];
    }
    const interceptor = byAt.get(where);
    // a key spelled otherwise than its field is TRIGGERS_AUTHENTICATED's finding (what the sink runs is not known)
    if (interceptor === undefined || interceptor.unread !== undefined) return [];
    const known = v1alpha1 ? [...ENTRY_FIELDS, ...DEPRECATED_INTERCEPTORS] : ENTRY_FIELDS;
    const read = Object.keys(entry).every((k) => known.includes(k))
      && (entry.ref === undefined || entry.ref === null || (isObject(entry.ref) && Object.keys(entry.ref).every((k) => REF_FIELDS.includes(k))));
    if (read && interceptor.name === '' && !interceptor.webhook) return [{ property: where, problem: UNNAMED_ENTRY[chain](where), fix: ENTRY_FIX }];
    // v1alpha1's deprecated fields (`cel:`, `github:`, …), which Triggers' webhooks decode before its defaulting writes them as params
    if (v1alpha1 && read) {
      const undecoded = DEPRECATED_INTERCEPTORS.map((d) => deprecatedProblem(entry[d], `${where}.${d}`, d, chain === 'trigger' ? 'Trigger' : 'EventListener'))
        .find((p) => p !== undefined);
      if (undecoded !== undefined) return [undecoded];
    }
    if (interceptor.name !== CEL_INTERCEPTOR || !interceptor.clusterScoped || interceptor.webhook) return [];
    const problems: Problem[] = [];
    // v1alpha1's `cel:` is decoded by the webhooks (its fields typed), not by the interceptor
    const params = !interceptor.deprecated;
    const filter = decoded(interceptor.filters);
    if (params && filter !== undefined && typeof filter.value !== 'string') {
      problems.push({
        property: filter.at,
        value: safeText(filter.value),
        problem: `gives the cel interceptor a filter that is ${A_JSON[goJsonType(filter.value)] ?? 'no string'}${YAML_SCALAR[goJsonType(filter.value)] ?? ''}, `
          + `not a string: ${UNDECODED}`,
        fix: quoteFix('value', filter.value) ?? FIX,
      });
    }
    // an empty filter is none: the interceptor lets every event through
    const bad = typeof filter?.value === 'string' && filter.value !== '' ? celProblem(filter.value, true) : undefined;
    if (filter !== undefined && bad !== undefined) {
      problems.push({
        property: filter.at,
        value: filter.value as string,
        problem: `gives the cel interceptor a filter ${bad.why}: ${outcome(bad, 'every event')}`,
        fix: bad.fix,
      });
    }
    const overlays = decodedList(interceptor.overlays);
    if (params && overlays !== undefined && overlays.value !== null && !Array.isArray(overlays.value)) {
      problems.push({
        property: overlays.at,
        value: safeText(overlays.value),
        problem: `gives the cel interceptor overlays that are ${A_JSON[goJsonType(overlays.value)] ?? 'no list'}, not a list of overlays: ${UNDECODED}`,
        fix: FIX,
      });
      return problems;
    }
    // each overlay before, in order: its key when it is a plain path, and where its value always leaves a list or a scalar
    const before: Written[] = [];
    asArray(overlays?.value).forEach((o: unknown, k: number) => {
      before[k] = { lists: [], scalars: [] };
      if (params && o !== null && !isObject(o)) {
        problems.push({
          property: `${overlays!.at}[${k}]`,
          value: safeText(o),
          problem: `gives the cel interceptor an overlay that is ${A_JSON[goJsonType(o)] ?? 'no object'}, not an object with a key and an expression: ${UNDECODED}`,
          fix: FIX,
        });
        return;
      }
      // a null overlay is decoded as one without a key or an expression
      const overlay: Record<string, unknown> = isObject(o) ? o : {};
      const field = (name: string) => {
        const given = Object.keys(overlay).filter((g) => readsAs(g, name)).map((g) => ({ key: g, value: overlay[g] }));
        return decoded(given);
      };
      const key = field('key');
      const expression = field('expression');
      const mistyped = [key, expression].find((f) => params && f !== undefined && typeof f.value !== 'string');
      if (mistyped !== undefined) {
        problems.push({
          property: `${overlays!.at}[${k}].${mistyped.key}`,
          value: safeText(mistyped.value),
          problem: `gives the cel interceptor an overlay whose ${mistyped === key ? 'key' : 'expression'} is ${A_JSON[goJsonType(mistyped.value)] ?? 'no string'}`
            + `${YAML_SCALAR[goJsonType(mistyped.value)] ?? ''}, not a string: ${UNDECODED}`,
          fix: quoteFix(mistyped.key, mistyped.value) ?? FIX,
        });
        return;
      }
      // a value that is not a string (in v1alpha1's `cel:`, refused by the webhooks above) is not read here
      if (expression !== undefined && typeof expression.value !== 'string') return;
      const text = (expression?.value as string | undefined) ?? '';
      // the interceptor writes each value under its key with sjson, which refuses an empty path
      if (key === undefined || key.value === '') {
        problems.push({
          property: key !== undefined ? `${overlays!.at}[${k}].${key.key}` : `${overlays!.at}[${k}]`,
          // an overlay without a key has no value written: the problem says its key is empty (sjson is given '')
          ...(key !== undefined ? { value: '' } : {}),
          problem: 'gives the cel interceptor an overlay whose key is empty or missing, under which it cannot write the value (sjson: "path cannot be empty"): '
            + 'Triggers\' cel interceptor answers every event its filter lets through with "failed to sjson for key \'\'" and stops the trigger, so it never runs',
          fix: OVERLAY_FIX,
        });
      }
      const wrong = celProblem(text);
      const typing = wrong === undefined ? celTyping(text, VARIABLES, TRIGGERS_CEL) : undefined;
      if (typeof key?.value === 'string' && PLAIN_PATH.test(key.value)) {
        const inner = wrong === undefined && (typing?.type === 'map' || typing?.type === 'list') ? celLiteralPaths(text, VARIABLES, TRIGGERS_CEL) : { lists: [], scalars: [] };
        before[k] = {
          key: key.value,
          ...writtenPaths(before.slice(0, k), key.value, wrong === undefined && typing?.type === 'list',
            wrong === undefined && ['int', 'double', 'string', 'bool', 'bytes'].includes(typing?.type ?? ''), inner),
        };
        const into = listPathInto(before, k);
        if (into !== undefined) {
          problems.push({
            property: `${overlays!.at}[${k}].${key.key}`,
            value: key.value,
            problem: `gives the cel interceptor an overlay whose key goes into '${into.path}', where an overlay before it (${overlays!.at}[${into.at}]) always leaves `
              + `a list, by '${into.part}', which is no index: sjson cannot set it ("cannot set array element for non-numeric key '${into.part}'"), so `
              + `Triggers' cel interceptor answers every event its filter lets through with "failed to sjson for key '${jsString(key.value)}'" and stops the trigger, `
              + 'so it never runs',
            fix: SJSON_FIX,
          });
        }
      }
      // a map's keys other than strings cannot be a JSON object's
      const mapKey = typing?.known?.startsWith('map(') ? typing.known.slice(4).split(',')[0] : undefined;
      if (typing?.type !== undefined && (UNWRITTEN.includes(typing.type) || (mapKey !== undefined && mapKey !== 'string' && mapKey !== 'dyn'))) {
        problems.push({
          property: expression !== undefined ? `${overlays!.at}[${k}].${expression.key}` : `${overlays!.at}[${k}]`,
          value: text,
          problem: `gives the cel interceptor an overlay expression whose value is always ${mapKey !== undefined ? `a map with ${mapKey} keys` : A_VALUE[typing.type]}, `
            + 'which it cannot write as JSON: Triggers\' cel interceptor answers every event its filter lets through with "failed to convert overlay result to type" '
            + 'and stops the trigger, so it never runs',
          fix: OVERLAY_FIX,
        });
      }
      if (wrong === undefined) return;
      problems.push({
        property: expression !== undefined ? `${overlays!.at}[${k}].${expression.key}` : `${overlays!.at}[${k}]`,
        // an overlay without an expression has no value written: the problem says it is empty
        ...(expression !== undefined ? { value: text } : {}),
        problem: `gives the cel interceptor an overlay expression ${wrong.why}: ${outcome(wrong, 'every event its filter lets through')}`,
        fix: wrong.fix,
      });
    });
    return problems;
  });
}

/**
 * Every trigger an EventListener runs can run: each entry of its interceptors (a Trigger's, an
 * inline trigger's, a trigger group's) is an interceptor Triggers reads, and each cel filter and overlay compiles.
 * Not a security control: it finds the triggers Triggers refuses, stops on every event, or crashes on.
 */
export const TRIGGERS_RUNNABLE = manifestRule(
  {
    id: RuleId.TRIGGERS_RUNNABLE,
    severity: Severity.LOW,
    title: "Every trigger an EventListener runs can run: its interceptors are entries Triggers reads, and its cel interceptors' filters and overlays compile",
    rationale:
      'A trigger whose interceptors Triggers cannot run never creates its runs, with nothing but a line in the listener\'s log '
      + "to say so. A cel interceptor's filter that Triggers cannot compile (one that ends in `&&`, a bracket left open, a name "
      + 'it does not declare such as `payload`, operands of the wrong types such as `requestURL == 1`, a function it does not declare such as `decodeb64`), a filter that is never '
      + 'true because it is no bool (`\'x\'`), or a `filter` param that is no string stops the trigger on every event, and so does an overlay\'s expression, '
      + 'an overlay whose key is empty, goes into a list an overlay before it leaves (`a` a list, then `a.b`) or whose value the interceptor cannot write '
      + 'as JSON (`1u`, `null`), on every event the filter lets through. A v1alpha1 '
      + '`cel:` field Triggers\' webhooks cannot decode (`filter: 1`) makes them refuse the object. A null interceptor entry makes Triggers\' webhooks refuse a Trigger or an EventListener\'s '
      + 'trigger, but in a trigger group it is admitted, and the EventListener\'s sink crashes on it: whoever can reach the '
      + 'listener restarts it with any request (when no interceptor before the entry stops the event), and every trigger it '
      + 'serves misses the events sent meanwhile (TRIGGERS_AUTHENTICATED, high, reports that crash too when no interceptor before '
      + 'the entry checks who sent the event, since anyone can then cause it). A listener whose pod template replaces the labels its Deployment '
      + 'selects the pod by gets no Deployment, and one whose customResource is made in another namespace is deleted by the garbage collector: '
      + 'none of its triggers runs. Not a security control otherwise: a trigger '
      + 'reported here does not do what it says.',
    fix: FIX,
    decidesFrom:
      'EventListeners and Triggers of `triggers.tekton.dev` (v1beta1 and v1alpha1): a Trigger\'s `spec.interceptors`, the '
      + '`interceptors` of an EventListener\'s `spec.triggers` entry with a `template` (the sink runs that inline trigger), and '
      + 'the `interceptors` of its `spec.triggerGroups` entries, read as TRIGGERS_AUTHENTICATED reads them (Go\'s encoding/json, '
      + 'v1alpha1\'s deprecated fields). An entry that is null is a finding: Triggers\' defaulting webhook dereferences it in a '
      + 'Trigger, its validating webhook refuses it in an EventListener\'s trigger, and in a trigger group, which neither '
      + 'webhook looks into, the sink dereferences it (pkg/sink ExecuteInterceptors reads each entry\'s `webhook` field) and '
      + 'the EventListener\'s process crashes (the sink runs each group in a goroutine that recovers nothing). An entry that '
      + 'is not an object (a string, a number, a list) is a finding: Go cannot decode it, so the webhooks refuse the object. '
      + 'An entry that names no interceptor (no `ref.name`, no `webhook`, no deprecated field in v1alpha1) is a finding: the '
      + 'validating webhook refuses it in a Trigger and an EventListener\'s trigger, and in a trigger group the sink finds '
      + 'no ClusterInterceptor named \'\' and stops the group. The `filter` of the core `cel` ClusterInterceptor (`ref.name` '
      + '`cel`, `ref.kind` unset or ClusterInterceptor, not a `webhook` entry; v1alpha1\'s `cel:`), and each `expression` of its '
      + '`overlays`, are read as the interceptor reads them: of the keys or param names Go reads as the field, the one '
      + 'encoding/json reads last (the sink makes a map of the params by name, the last of a name winning, and writes it with its '
      + 'keys sorted before the interceptor decodes it; a null one leaves the field as those before it set it). Either is a finding when CEL\'s grammar cannot read it: a character that '
      + 'is no CEL token (`&`, `=`, `#`, a letter outside ASCII outside a string), a string left open, an operand missing (`a &&`, '
      + '`&& a`, `f(,)`), a bracket left open or closed twice, two operands without an operator, the optional syntax (`.?`, `[?`, '
      + '`?` before a list element or a map entry), which Triggers\' CEL environment does not enable ("unsupported syntax"); '
      + 'when it refers to a name as a value that the environment does not declare and no macro around it binds (Triggers '
      + 'declares `body`, `header` and `extensions`, maps of strings to dyn, and `requestURL`, a string; cel-go the type names '
      + '`int`, `uint`, `double`, `bool`, `string`, `bytes`, `list`, `map`, `type` and `null_type`, not `dyn`; `all`, `exists`, '
      + '`exists_one`, `map`, `filter` and `sortBy` bind their first argument), or calls a function it does not declare (a macro\'s name too where '
      + 'called otherwise than the macro is written, `[1].all(1)`): its type check fails ("undeclared reference"), the finding quoting the first of '
      + 'cel-go\'s errors, which it sorts by where they are (a name at the name, a function at its call\'s `(`: `.foo` of `.foo(1) && bar`); '
      + 'when CEL\'s type check finds no overload for an operation whose operands\' types are known before an event comes '
      + '(`requestURL == 1`, `\'a\' + 1`, `1 && true`, `size(1)`, `!1`, `-1u`, `1 in \'abc\'`, `1 < 1.0`, `true ? 1 : \'a\'`, `int == 1`): '
      + 'literals are typed (a list\'s or a map\'s elements too: elements of different types are dyn, as cel-go\'s checker joins them), and '
      + 'values of different kinds (each primitive type, null, a type, a list, a map), or lists or maps whose elements are so at any depth, are '
      + 'never compared, chosen between, added or searched (`body == null`, `true ? 1 : null`, `[1] == [\'a\']`, `1 in [\'a\']`, `[[1]] == [1]`); '
      + '`requestURL` is a string, `body`, '
      + '`header` and `extensions` maps of strings to dyn, an element or a field of a list or a map literal its element\'s type, the name a macro binds '
      + 'the type of its range\'s elements (a map\'s keys: `[1, 2].exists(x, x == 1.0)` and `{\'a\': 1}.exists(k, k == 1)` are refused), and the results of '
      + 'the operators, `has`, the macros (`map` a list of its transform\'s type, `filter` and `sortBy` of their range\'s elements\'), every function of '
      + 'cel-go\'s standard library (`size`, `type`, `dyn`, the conversions `int(…)`, `string(…)`, …, `contains`, `startsWith`, `endsWith`, `matches` and '
      + 'the timestamps\' getters, a timestamp or a duration being dyn here), Triggers\' own functions (`parseJSON`, `parseYAML` and `parseURL` return maps of strings to dyn, `canonical`, `truncate`, '
      + '`translate` and `marshalJSON` strings, `match` and `compareSecret` bools; `first` and `last` dyn) and those of the strings, encoders, sets, lists '
      + 'and math extensions Triggers registers (`split` returns a list of strings, `base64.decode` bytes, `lists.range` a list of ints, `math.abs` '
      + 'the type of its argument, `slice`, `distinct` and `reverse` the list they are given, …; `math.greatest` and `math.least`, macros the math extension '
      + 'expands to `math.@max` and `math.@min` of their arguments, of a list of them for three or more, the type of their numbers when of one type, dyn '
      + 'else, its parser refusing no argument, a single literal but a number or a list of them, or a literal that is no number among two or more: '
      + '`math.greatest(1, \'a\')`, "simple literal arguments must be numeric"; a list literal given alone holding one, `math.greatest([[1]])`), as cel-go v0.30.0 '
      + 'declares them, with their type parameters; a call of one of those functions that none of its overloads takes (a target or an argument of a '
      + 'known type of another primitive type, a list or a map for a primitive, null for anything but dyn, a timestamp or a duration, lists whose '
      + 'elements a type parameter cannot join, too many or too few arguments, or a method called as a function or a function as a method: '
      + '`1.split(\',\')`, `base64.decode(1)`, `null.split(\',\')`, `body.a.split()`, `[1].join()`, `{1: 2}.marshalJSON()`, `int(true)`, '
      + '`sets.intersects([1], [1.0])`, `[1].flatten()`, `compareSecret(h, \'token\', \'hook\')`, `\'1\'.int()`) is refused too, and so is a call of a function '
      + 'none of them is named (`decodeb64`, which Triggers no longer declares: "undeclared reference"; not the macros), `math.greatest` or '
      + '`math.least` of what is no number or list of numbers (`math.greatest(requestURL)`), `sortBy` over a map or by keys that are lists, maps or '
      + 'types, which cel-go does not order (`[1].sortBy(x, [x])`: "@sortByAssociatedKeys"; `sortBy` of a literal that is no list, `{\'a\': 1}.sortBy(x, x)`, '
      + 'is its parser\'s refusal, and what it makes of what is dyn is dyn), a macro over a value of a known type that is no list or map (`1.all(x, x)`) or whose predicate is of a known type '
      + 'other than bool (`[1].all(x, x)`), an ordering of a list, a map or a type whatever the other operand (`[1] < [2]`, `[1] < body.a`) or of null '
      + 'and a primitive (`null < 1`), and an arithmetic operand of a type none of the operator\'s overloads takes whatever the other (`{} + body.a`, '
      + '`true + body.a`, `\'a\' - body.a`; null is taken for a timestamp or a duration by `+` and `-`) (no '
      + 'operator has an overload across int, uint and double, nor between values of different kinds, except that cel-go\'s checker '
      + 'takes an ordering such as `1 < 1.0` once it has checked a comprehension, its environment\'s filter of the cross-type numeric comparisons '
      + 'lost with the scope it enters, so none is reported in an expression with a '
      + 'macro that binds a name; `body.c.size() + 1u` is refused, `size` being an int); what is read from the maps and the result of a function '
      + 'not typed here are dyn, which no operation refuses ("check failed"); an index of a list by a value of a known type other than int, or of '
      + 'a map whose keys\' type is known by a value of another known type (`[1][\'a\']`, `body[b\'a\']`, `{\'a\': 1}[duration(\'1s\')]`), is refused too, and so is a field selected '
      + 'on a value of a known type other than a map (`requestURL.host`, `null.a`, `[1].a`, or a macro\'s variable, of its range\'s elements\' type '
      + 'whatever declared name it shadows: `[1].exists(body, body.a == 1)`; "type \'int\' does not support field selection"); when it holds a map '
      + 'literal of constants with a bytes key (`{b\'a\': 1}`, `{bytes(\'a\'): dyn(1)}`), which cel-go\'s optimizer (Triggers compiles with '
      + '`cel.OptOptimize`; interpreter/decorators.go decOptimize) builds when it plans the program, before any event is read, and panics on '
      + '("hash of unhashable type types.Bytes"): the core interceptors\' server answers nothing and the sink stops the trigger, whatever the '
      + 'event and however the expression short-circuits (a constant: a literal, a negative number, a type\'s name such as `int`, a constant in '
      + 'parentheses, a list or map of constants, and a conversion of a constant that surely succeeds, `dyn(…)`, `type(…)`, `int(\'1\')`, '
      + '`string(1u)`, `bytes(\'a\')`, a timestamp\'s or a duration\'s, `timestamp(0)`, `duration(\'1s\')`, and the like); when it indexes by a constant '
      + 'of a type cel-go\'s planner makes no qualifier of (bytes, null, a list, a map, a type, a timestamp, a duration: `body.a[b\'a\']`, '
      + '`{b\'a\': body.a}[b\'a\']`, `body.a[null]`, `body.a[int]`, `body.a[duration(\'1s\')]`; only strings, ints, uints, bools and '
      + 'doubles; interpreter/attributes.go newQualifier), which fails when it plans the program ("invalid qualifier type: types.Bytes"); when it '
      + 'converts a constant that the optimizer, which converts constants when it plans the program, fails on (`int(null)`, `string(null)`, `timestamp(null)` and '
      + '`duration(null)`, which the checker takes null for as a timestamp or a duration; `int(\'one\')` and `uint(\'+1\')`, strings with no escape that '
      + 'are no number for Go\'s strconv.ParseInt and ParseUint in base 10 or past the type\'s range (`int(\'99999999999999999999\')`); `bool(\'yes\')`, '
      + 'none of the strings strconv.ParseBool reads; `double(\'x\')`, a string strconv.ParseFloat does not read (`\' 1\'`, `\'0x10\'`, `\'1e400\'`; '
      + '`\'inf\'`, `\'NaN\'` and Go\'s float literals are read); `timestamp(\'x\')`, a string cel-go\'s strict RFC 3339 reading or Go\'s time.Parse '
      + 'refuses (`\'2020-01-01\'`, `\'2020-02-30T00:00:00Z\'`, a lower-case `t` or `z`) or out of the years 1 to 9999 (`timestamp(253402300800)`, '
      + '"timestamp overflow"); `duration(\'1d\')`, a string Go\'s time.ParseDuration refuses (no unit, an unknown one, more than 2^63-1 '
      + 'nanoseconds); a number out of the range of the type, which cel-go\'s checked conversions refuse: `int(1e20)`, `int(9223372036854775808u)`, '
      + '`uint(-1)`, `uint(-0.5)`, "integer overflow"; bytes that are not UTF-8 converted to a string, `string(b\'\\xff\')`, "invalid UTF-8 in bytes, '
      + 'cannot convert to string"; through `dyn(…)`, `int(dyn(\'a\'))`, `uint(dyn(-1))`, which the optimizer folds first): no program '
      + 'is made ("failed to create a Program", with cel-go\'s error), whatever the event; for a '
      + 'filter, when its value is always of another type than bool (`\'x\'`, `1`, `requestURL`, `size(body)`), which is never '
      + 'true ("did not return true"); and, for an overlay, when its expression is empty or missing, which CEL cannot parse. Triggers\' cel interceptor then '
      + 'answers every event (for an overlay, every event its filter lets through) with "failed to parse expression", '
      + '"check failed" or "did not return true" and stops the trigger. An overlay whose key is empty or missing is a finding: the interceptor '
      + 'writes each value under its key with sjson, which refuses an empty path ("failed to sjson for key \'\'"), and so is one whose expression '
      + 'compiles to a value that is always a uint, null, a type or a map whose keys are of a known type other than string, which the interceptor '
      + 'cannot write as JSON ("failed to convert overlay result to type"; pkg/interceptors/cel Process), and so is one whose key goes, by a name that '
      + 'is no index (not a number, not `-1`), into a list an overlay before it always leaves: its value always a list (`a` then `a.b`), a map literal '
      + 'or list literal holding one under plain string keys or indexes (`a` is `{\'b\': [1]}`, then `a.b.c`; `a` is `[[1]]`, then `a.0.b`), or its key '
      + 'going by an index into what nothing was written under before (`a.0` or `a.-1` then `a.b`; an append there makes element 0 of a new list, '
      + '`a.-1.-1` then `a.0.b`) or into a value always a scalar the overlay before it under that name wrote, whole or inside a map or list literal '
      + '(`a` an int, then `a.0`, which sjson replaces by a list, then `a.b`; `a` is `{\'b\': 1}`, then `a.b.0`, then `a.b.c`; `a.-1` makes an object '
      + 'of it), or through a list by an index into a list inside it (`a.0.0` then `a.0.b`), the keys plain paths (letters, digits, `_` and '
      + '`-` between dots) and no overlay between them writing under the same first name (sjson v1.2.5, as Triggers v0.37.0 pins it: appendRawPaths, '
      + 'appendBuild, "cannot set array element for non-numeric key"): each stops the trigger on every event '
      + 'its filter lets through. Neither webhook reads the interceptor\'s params, so these are admitted, and each event meets the interceptor\'s '
      + 'error (v1alpha1\'s `cel:` field, whose filter and overlays its validation would parse, is moved into params by the defaulting before it). '
      + 'A finding of what cel-go\'s planner fails or panics on says so; where the expression also uses a timestamp or a duration as CEL\'s type check, '
      + 'run before the planner, may refuse (with a value of a known type, `timestamp(0) < 1`, as a function\'s argument, a method\'s target, a '
      + 'condition), or holds a message or a name in backticks, it says that the interceptor then answers "check failed" instead. What is dyn beside '
      + 'an arithmetic operand of a known type is of that type, as cel-go\'s checker narrows it to the one overload (`body.a + 1 == \'x\'` is refused). A `filter` that is not a string (a number, a bool, a list, '
      + 'an object; null is none), `overlays` that are not a list, an overlay that is not an object, and an overlay\'s `key` or '
      + '`expression` that is not a string are findings: the interceptor cannot decode its params and answers every event with '
      + '"failed to parse interceptor params" (a null `overlays` read last empties the field, as Go\'s encoding/json sets a slice to nil). In v1alpha1, '
      + 'the `cel:` field (and each deprecated interceptor field) is decoded by Triggers\' webhooks before its defaulting writes it as params: a value of '
      + 'another JSON type than its field\'s (`cel: 1`, `filter: 1`, `overlays: {}`, an overlay that is not an object, a `key` or `expression` that is not '
      + 'a string; under any key Go reads as the field, every one being decoded; null is none) or a key that is no field (`filtr`) is a finding: the '
      + 'webhooks answer "json: cannot unmarshal …" or "json: unknown field …" and refuse the object (checked against Triggers v0.37.0\'s own '
      + 'interceptor and webhooks on hand-written and generated filters, overlays and params, generated ill-typed expressions through the functions, '
      + 'macros, lists and maps too, and generated sequences of overlays\' keys). The listener itself, as Triggers\' controller makes it (v0.37.0 '
      + 'deployment.go `MakeDeployment`, custom.go `MakeCustomObject`): a label of `' + LISTENER_TEMPLATE + '.metadata.labels` that gives '
      + '`eventlistener`, `app.kubernetes.io/managed-by` or `app.kubernetes.io/part-of` another value than the controller\'s (the listener\'s name, '
      + '`EventListener`, `Triggers`; a null is "") is a finding: the controller merges the template\'s labels over its own on the pod, and selects '
      + 'the pod by its own (the Deployment\'s `spec.selector.matchLabels`), so the API server refuses the Deployment ("`selector` does not match '
      + 'template `labels`", apps validation) and the listener never gets a pod (the EventListener\'s own `metadata.labels` go under the controller\'s '
      + 'and change nothing); and so is a label of that template whose key is not a qualified name or whose value is not a label value (apimachinery\'s '
      + '`IsQualifiedName`, `IsValidLabelValue`; a null is ""): the API server refuses the Deployment\'s pod template ("spec.template.metadata.labels: '
      + 'Invalid value"), as it refuses such a label of a customResource\'s `metadata.labels` on the object the controller creates, and of a Knative '
      + 'Service\'s `spec.template.metadata.labels` on the Revision Knative Serving makes of it (keys read as Go\'s encoding/json reads them); and so is a `metadata.namespace` of `' + LISTENER_CUSTOM + '` other than the EventListener\'s (both written): the '
      + 'controller creates the object there with an owner reference to the EventListener, which Kubernetes\' garbage collector takes for absent '
      + 'across namespaces and deletes the object, again each time the controller makes it; and so is a customResource without a `kind` (under any '
      + 'spelling Go reads as it): the controller makes the object as unstructured JSON, which needs one ("Object \'Kind\' is missing").',
    limits:
      'A filter or an overlay is read with CEL\'s grammar, the names it declares and the types of its literals, operators and '
      + 'standard functions alone, leniently: what cel-go\'s parser refuses beyond the grammar (a reserved word as a name, a '
      + "macro's arguments but `math.greatest`'s and `math.least`'s, an escape, nesting past its limits) and what its type checker refuses beyond an "
      + 'undeclared name and the operations and functions typed here (an operation on the result of `first`, `last`, the timestamp and duration '
      + 'functions, whose results are not typed here beyond a call of `timestamp` or `duration` compared with, equated to or in arithmetic with a value of '
      + 'a known type, `timestamp(body.t) < 1` being reported, `timestamp(body.t) - duration(\'1s\') < 1`, `timestamp(body.t) in [1]` and `size(timestamp(0))` not; an index or a field of what a function not typed here returns; a message type; names in backticks; '
      + 'protobuf type names, `google.…`) also stop every event but are not reported; where such an expression also holds what cel-go\'s planner '
      + 'fails or panics on, that is what is reported, though its type check refuses it first (the finding says the type check may answer first '
      + 'where a timestamp or a duration is used otherwise than beside what is dyn, null or another of them, as an element, an entry, an index, '
      + 'the argument of `int`, `string`, `dyn` or `type` or a getter\'s target, and where a message or a name in backticks is written; not of a '
      + 'timestamp held in a list or map literal then read, `!({b\'a\': timestamp(0)}).f`). Since `body`, `header` and `extensions` are maps of strings to dyn, nothing read '
      + 'through them is typed before an event comes but their keys, which a macro over them binds. A filter that compiles, is a bool and is never true (`1 == 2`), an expression that fails on an '
      + 'event (a key the body lacks; `null < null`, which compiles, timestamps and durations being ordered, and fails where it is evaluated '
      + '("no such overload: _<_"; `true || null < null` lets every event through), as `[1].sortBy(x, null)` does ("list elements must be comparable"); '
      + 'a conversion of a constant the optimizer fails on beyond those above, `double(\'1_x\')`, a string with underscores, `duration(\'2562048.5h\')`, '
      + 'a duration with a fraction near 2^63 nanoseconds; a map literal with a bytes '
      + 'key and an entry that is no constant, such as `{b\'a\': body.x}` or `{b\'a\': -(1)}`, on which cel-go fails only where it is evaluated), an overlay whose value is of a type known only on the event (`dyn(1u)`, a list holding a type, a double that is infinite) or '
      + 'whose key sjson cannot follow in what the overlays before it wrote beyond what is said above (a scalar an overlay before the last under '
      + 'its first name wrote; a list only some events hold, `body.l`, on which sjson fails only on those events; a list an append made into a list '
      + 'already there, whose index is not known, `a.-1.-1` after `a` is `[1]`; a key with sjson\'s escapes, wildcards, modifiers or `:`; an overlay between under the same first name), a wrong-typed value under a key Go also reads as `filter`, `overlays`, `key` '
      + 'or `expression` that is not the one read last, and the params of other interceptors are not read. Whether the interceptors an entry names '
      + 'exist is not known here. The labels of a listener without a name (`generateName`) are not judged, nor whether the kind of a customResource '
      + 'is served or its controller admits what it holds (Knative Serving refuses a nodeSelector, tolerations or affinity unless its '
      + '`kubernetes.podspec-…` features are enabled).',
    howToRelax:
      "Findings are about the whole object: `{ rule: RuleId.TRIGGERS_RUNNABLE, reason: '<why>' }` without a target, "
      + 'given to `Relaxations.of(construct).add(...)`. In YAML for the audit: '
      + relaxAnnotation(RuleId.TRIGGERS_RUNNABLE, '*: <why>') + ' on the EventListener or Trigger.',
    relaxable: true,
    appliesTo: (m) => (m?.kind === 'EventListener' || m?.kind === 'Trigger') && apiGroupOf(m?.apiVersion) === TRIGGERS_GROUP,
  },
  (manifest) => {
    const v1alpha1 = manifest.apiVersion === `${TRIGGERS_GROUP}/v1alpha1`;
    // keys spelled otherwise than their fields are TRIGGERS_AUTHENTICATED's findings: what the sink runs is not known
    if (otherSpelling(manifest, ['spec']) !== undefined) return [];
    const spec = isObject(manifest.spec) ? manifest.spec : {};
    if (manifest.kind === 'Trigger') {
      return otherSpelling(spec, ['interceptors']) !== undefined ? [] : chainProblems(spec.interceptors, 'spec.interceptors', 'trigger', v1alpha1);
    }
    const listener = listenerProblems(manifest);
    if (otherSpelling(spec, ['triggers', 'triggerGroups']) !== undefined) return listener;
    const inline = asArray(spec.triggers).flatMap((t: any, i: number): Problem[] => {
      if (!isObject(t) || otherSpelling(t, ['name', 'template', 'triggerRef', 'interceptors']) !== undefined) return [];
      if (t.template === undefined || t.template === null) return [];
      const location = typeof t.name === 'string' && t.name !== '' ? `trigger '${jsString(t.name)}'` : `spec.triggers[${i}]`;
      return chainProblems(t.interceptors, `spec.triggers[${i}].interceptors`, 'inline', v1alpha1).map((p) => ({ ...p, location }));
    });
    // v1alpha1 has no trigger groups
    const groups = v1alpha1 ? [] : asArray(spec.triggerGroups).flatMap((g: any, i: number): Problem[] => {
      if (!isObject(g) || otherSpelling(g, ['name', 'interceptors', 'triggerSelector']) !== undefined) return [];
      const location = typeof g.name === 'string' && g.name !== '' ? `trigger group '${jsString(g.name)}'` : `spec.triggerGroups[${i}]`;
      return chainProblems(g.interceptors, `spec.triggerGroups[${i}].interceptors`, 'group', false).map((p) => ({ ...p, location }));
    });
    return [...listener, ...inline, ...groups];
  },
);

/**
 * What keeps Triggers' controller from giving an EventListener a pod that stays: labels of its kubernetesResource template that
 * replace those its Deployment selects the pod by (the API server refuses the Deployment), a customResource made in another
 * namespace than the EventListener's (the garbage collector deletes it).
 */
function listenerProblems(manifest: any): Problem[] {
  const pod = listenerPod(manifest, []);
  if (pod === undefined) return [];
  const problems: Problem[] = [];
  const name = manifest.metadata?.name;
  const labels = manifest.spec?.resources?.kubernetesResource?.spec?.template?.metadata?.labels;
  // (the template's labels are merged over the controller's: deployment.go MakeDeployment, kmeta.UnionMaps; a null is "" as Go decodes it)
  // labels the API server refuses: on the Deployment's pod template (apps validation of spec.template.metadata.labels), on a customResource's
  // object (metadata.labels, validated for every object), on a Knative Service's pod template (Knative Serving makes a Deployment of it)
  const bad = (at: string, written: Record<string, unknown> | undefined, refused: string) => {
    for (const [key, v] of Object.entries(written ?? {})) {
      const value = v === null ? '' : v;
      if (typeof value !== 'string') continue;
      const found = labelProblem(key, value);
      if (found === undefined) continue;
      problems.push({
        property: `${at}['${key}']`,
        value: found.which === 'key' ? key : value,
        problem: `${found.which === 'key' ? 'has a key that ' : ''}${found.problem}: ${refused}, so the EventListener gets no pod and none of its triggers runs`,
        fix: found.which === 'key'
          ? `Rename the label '${key}' in ${at} to a valid label key (app.example.com/role: a DNS subdomain prefix, a name of at most 63 characters), or remove it.`
          : `Change the value of the label '${key}' in ${at} to a valid label value (at most 63 letters, digits, "-", "_" and ".", `
            + 'starting and ending with a letter or digit; quote it in YAML), or move the text to an annotation.',
      });
    }
  };
  if (!pod.custom && isObject(labels)) {
    bad(`${LISTENER_TEMPLATE}.metadata.labels`, labels, "Triggers' controller puts the template's labels on the pod template of the listener's Deployment, which the API "
      + 'server refuses ("spec.template.metadata.labels: Invalid value", apps validation)');
  }
  if (pod.customLabels !== undefined) {
    bad(`${LISTENER_CUSTOM}.metadata.labels`, pod.customLabels.object, "Triggers' controller puts them on the object it creates, which the API server refuses "
      + '("metadata.labels: Invalid value")');
    if (pod.knativeService) {
      bad(`${LISTENER_CUSTOM}.spec.template.metadata.labels`, pod.customLabels.template, "Triggers' controller puts them on the Knative Service's template, "
        + 'whose metadata Knative Serving gives the Revision it makes of it (MakeRevision), which the API server refuses ("metadata.labels: Invalid value")');
    }
  }
  if (!pod.custom && typeof name === 'string' && isObject(labels)) {
    for (const [key, want] of Object.entries(listenerSelectorLabels(name))) {
      if (!(key in labels)) continue;
      const value = labels[key] === null ? '' : labels[key];
      // a value the API server refuses is reported above
      if (typeof value !== 'string' || value === want || labelProblem(key, value) !== undefined) continue;
      problems.push({
        property: `${LISTENER_TEMPLATE}.metadata.labels['${key}']`,
        value: labels[key] === null ? 'null' : value,
        problem: `replaces the label ${key}: ${want} that Triggers' controller gives the listener's pod and that its Deployment selects the pod by `
          + '(spec.selector.matchLabels): the API server refuses the Deployment ("`selector` does not match template `labels`"), so the EventListener '
          + 'gets no pod and none of its triggers runs',
        fix: `Remove the label ${key} from ${LISTENER_TEMPLATE}.metadata.labels: Triggers' controller sets it (${key}: ${want}).`,
      });
    }
  }
  // the object is made as unstructured JSON, which needs a kind (unstructured UnmarshalJSON: "Object 'Kind' is missing")
  if (pod.customKind === '') {
    problems.push({
      property: `${LISTENER_CUSTOM}.kind`,
      problem: "is missing: Triggers' controller cannot make the object of a customResource without a kind (\"Object 'Kind' is missing\"), so the "
        + 'EventListener gets no pod and none of its triggers runs',
      fix: `Give ${LISTENER_CUSTOM} the apiVersion and kind of the object Triggers is to make (apiVersion: serving.knative.dev/v1, kind: Service).`,
    });
  }
  const own = manifestNamespace(manifest);
  if (pod.custom && pod.namespace !== undefined && own !== undefined && pod.namespace !== own) {
    problems.push({
      property: `${LISTENER_CUSTOM}.metadata.namespace`,
      value: pod.namespace,
      problem: `makes Triggers' controller create the listener's object in namespace '${jsString(pod.namespace)}' with an owner reference to the EventListener `
        + `in '${jsString(own)}': Kubernetes' garbage collector takes an owner in another namespace for absent and deletes the object, which the controller `
        + 'creates again, so the listener\'s pod does not stay and its triggers miss events (meanwhile it runs in that namespace, as a ServiceAccount of that namespace)',
      fix: `Remove metadata.namespace from ${LISTENER_CUSTOM} (Triggers' controller then creates the object in the EventListener's namespace), or create the `
        + `EventListener in '${jsString(pod.namespace)}'.`,
    });
  }
  return problems;
}
