/**
 * TRIGGERS_ESCAPED_PARAMS against Tekton Triggers' own resolution of events into the objects a
 * trigger creates (conformance/triggers/cmd/triggers-resolve: github.com/tektoncd/triggers v0.37.0's
 * ResolveTrigger, ResolveParams, ResolveResources and the JSON reading of pkg/resources Create, the
 * params pasted in every order, as the sink pastes them in the order of a Go map).
 *
 * For a TriggerTemplate (with or without the annotation triggers.tekton.dev/old-escape-quotes), a
 * Trigger's bindings (inline, by TriggerBinding, by ClusterTriggerBinding) and events whose strings
 * hold quotes, backslashes, JSON punctuation, unicode escapes and `$(…)`, Triggers' output says
 * whether the event's sender can
 *
 *  - change the structure of a created object: the object Create reads has other fields, fields
 *    elsewhere or values of other types than the template with each param's value written in the
 *    strings it is pasted into (its JSON text as Triggers holds it, read as the JSON string's
 *    content), or
 *  - make Triggers create nothing: a text Create does not read as JSON (the sink then creates
 *    neither it nor the templates after it).
 *
 * Whenever a sender can, the rule must report the Trigger or its TriggerTemplate, but for the
 * documented exceptions below (each says why, and the hand-written cases show each one). The rule's
 * own claim that a value escaped the old way "cannot write a field" is checked too: with the
 * annotation, no object Create reads has another structure. Templates: hand-written adversarial
 * cases, then generated ones (fast-check, seed printed; PROPERTY_SEED and PROPERTY_RUNS change them).
 */
import * as fc from 'fast-check';
import { TRIGGERS_ESCAPED_PARAMS } from '../../src/policy/rules/triggers-escaped-params';
import { describeWithTriggersResolve, ResolveAnswer, resolveTriggers, TriggerEvent } from '../helpers/triggers-resolve';

const OLD_ESCAPE = 'triggers.tekton.dev/old-escape-quotes';

/** A trigger's bindings and template, and the events to send it. */
interface Case {
  readonly name: string;
  readonly annotated: boolean;
  readonly resourcetemplates: readonly Record<string, unknown>[];
  /** The TriggerTemplate's params (a default is pasted when no binding gives the param). */
  readonly params?: readonly { name: string; default?: string }[];
  /** Each `{name, value}` bound inline, in a TriggerBinding or in a ClusterTriggerBinding. */
  readonly bound: readonly { name: string; value: string; via?: 'inline' | 'TriggerBinding' | 'ClusterTriggerBinding' }[];
  readonly events: readonly TriggerEvent[];
}

/** The objects the audit reads: the TriggerTemplate, the Trigger, the bindings it names. */
function manifests(c: Case) {
  const via = (v: string) => c.bound.filter((b) => (b.via ?? 'inline') === v).map(({ name, value }) => ({ name, value }));
  const template = {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'TriggerTemplate',
    metadata: { name: 'build', namespace: 'ci', ...(c.annotated ? { annotations: { [OLD_ESCAPE]: 'true' } } : {}) },
    spec: { ...(c.params !== undefined ? { params: c.params } : {}), resourcetemplates: c.resourcetemplates },
  };
  const tb = via('TriggerBinding');
  const ctb = via('ClusterTriggerBinding');
  const triggerBindings = tb.length > 0 ? [{ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerBinding', metadata: { name: 'tb', namespace: 'ci' }, spec: { params: tb } }] : [];
  const clusterTriggerBindings = ctb.length > 0 ? [{ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'ClusterTriggerBinding', metadata: { name: 'ctb' }, spec: { params: ctb } }] : [];
  const bindings = [
    ...via('inline'),
    ...(tb.length > 0 ? [{ ref: 'tb' }] : []),
    ...(ctb.length > 0 ? [{ ref: 'ctb', kind: 'ClusterTriggerBinding' }] : []),
  ];
  const trigger = {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'Trigger',
    metadata: { name: 'push', namespace: 'ci' },
    spec: { bindings, template: { ref: 'build' } },
  };
  return { template, trigger, triggerBindings, clusterTriggerBindings, bindings };
}

/** Whether the rule reports the Trigger or its TriggerTemplate, checked together with the bindings. */
function reported(c: Case): boolean {
  const m = manifests(c);
  const all = [m.template, m.trigger, ...m.triggerBindings, ...m.clusterTriggerBindings];
  const context = { manifests: all, credentialWorkspaces: () => [] };
  return TRIGGERS_ESCAPED_PARAMS.check(m.trigger, context).length + TRIGGERS_ESCAPED_PARAMS.check(m.template, context).length > 0;
}

/**
 * Whether the rule reports the same trigger written with the template inline (`template.spec`, which
 * Triggers resolves without annotations), as a Trigger and as an EventListener's trigger.
 */
function reportedInline(c: Case): boolean {
  const m = manifests(c);
  const template = { spec: m.template.spec };
  const trigger = { ...m.trigger, spec: { ...m.trigger.spec, template } };
  const listener = {
    apiVersion: 'triggers.tekton.dev/v1beta1',
    kind: 'EventListener',
    metadata: { name: 'listener', namespace: 'ci' },
    spec: { triggers: [{ name: 'push', bindings: m.bindings, template }] },
  };
  const context = { manifests: [trigger, listener, ...m.triggerBindings, ...m.clusterTriggerBindings], credentialWorkspaces: () => [] };
  const onTrigger = TRIGGERS_ESCAPED_PARAMS.check(trigger, context).length > 0;
  const onListener = TRIGGERS_ESCAPED_PARAMS.check(listener, context).length > 0;
  if (onTrigger !== onListener) throw new Error(`the rule judges the inline trigger of ${c.name} one way as a Trigger and the other as an EventListener's`);
  return onTrigger;
}

const UID = '00000000-0000-0000-0000-000000000000';
const VARIABLE = /\$\(tt\.params\.([^)]*)\)/g;

/** Whether a param's value is a string's JSON escaping without its quotes (else it is JSON text Triggers pastes with its quotes). */
function isEscapedString(value: string): boolean {
  try {
    JSON.parse(`"${value}"`);
    return true;
  } catch {
    return false;
  }
}

/** A param's value as the string it stands for once Triggers has pasted it into a JSON string (its JSON text when it is not a string's escaping). */
function meant(value: string): string {
  try {
    return JSON.parse(`"${value}"`);
  } catch {
    return value;
  }
}

/** `template` with each param's value written in the strings (and keys) that paste it, `$(` as Triggers escapes it. */
function expected(template: unknown, params: ReadonlyMap<string, string>): unknown {
  // then $(uid), which Triggers replaces after the params (the command's fixed uid)
  const text = (s: string) => s.replace(VARIABLE, (all, name) => (params.has(name) ? meant(params.get(name)!).split('$(').join('$$(') : all))
    .split('$(uid)').join(UID);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [text(k), walk(x)]));
    return v;
  };
  return walk(template);
}

/** The structure of a value: its keys, its types, and the apiVersion, kind and namespace of an object. */
function structure(v: unknown, path = ''): unknown {
  if (typeof v === 'string') return ['apiVersion', 'kind', 'metadata.namespace'].includes(path) ? `string:${v}` : 'string';
  if (Array.isArray(v)) return v.map((x) => structure(x, `${path}[]`));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, structure((v as any)[k], path === '' ? k : `${path}.${k}`)]));
  }
  return v === null ? 'null' : typeof v;
}

/** What an event's sender made Triggers do: nothing wrong, create nothing, or create an object of another structure. */
type Harm = 'none' | 'fails' | 'moves';

function harmOf(c: Case, answer: ResolveAnswer): { harm: Harm; absent?: boolean; detail?: string; params?: Map<string, string> } {
  if (answer.error !== undefined) {
    if (answer.stage === 'params') return { harm: 'fails', absent: true, detail: answer.error };
    throw new Error(`triggers-resolve: ${answer.stage}: ${answer.error}`);
  }
  const params = new Map(answer.params.map((p) => [p.name, p.value]));
  let harm: Harm = 'none';
  let detail: string | undefined;
  for (const outcome of answer.results) {
    outcome.forEach((r, i) => {
      if (r.error !== undefined) {
        harm = 'fails';
        detail = `${r.error}: ${r.json}`;
      } else if (harm === 'none' && JSON.stringify(structure(r.object)) !== JSON.stringify(structure(expected(c.resourcetemplates[i], params)))) {
        harm = 'moves';
        detail = r.json;
      }
    });
  }
  return { harm, detail, params };
}

/** The params bound to a `$(…)` of the event (whose value its sender writes). */
const fromEvent = (c: Case) => new Set(c.bound.filter((b) => b.value.includes('$(')).map((b) => b.name));

/** Variables written in the keys of the resource templates. */
function pastedInKeys(c: Case): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      for (const m of k.matchAll(VARIABLE)) out.add(m[1]);
      walk(x);
    }
  };
  walk(c.resourcetemplates);
  return out;
}

/**
 * Why a case the rule does not report may let a sender change what Triggers creates, when the rule
 * knowingly leaves it to others or says it does not know (its `limits`); undefined when none applies.
 */
function exception(c: Case, absent: boolean, params?: ReadonlyMap<string, string>): string | undefined {
  if (absent) {
    // ResolveParams refuses a path the event does not answer: whether an event has a field is its sender's, whatever the escaping
    return 'the event lacks a field a binding reads (no default): Triggers creates nothing, whatever the escaping';
  }
  const sent = fromEvent(c);
  const pasted = JSON.stringify(c.resourcetemplates);
  const fixed = [...c.bound.filter((b) => !b.value.includes('$(')).map((b) => ({ name: b.name, text: b.value })),
    ...(c.params ?? []).filter((p) => p.default !== undefined && !c.bound.some((b) => b.name === p.name))
      .map((p) => ({ name: p.name, text: p.default! }))];
  if (fixed.some((f) => !isEscapedString(f.text) && pasted.includes(JSON.stringify(`$(tt.params.${f.name})`).slice(1, -1)))) {
    // a fixed text or default with a quote or a bare backslash pasted as it is breaks the object on every event: the template's author's, not the sender's
    return "a binding's fixed text or a template's default that is no JSON string's content is pasted: Triggers creates nothing on any event, whatever its sender writes";
  }
  if ([...pastedInKeys(c)].some((p) => sent.has(p))) {
    // a key written from the event is a field the sender names, by the template's design; the objects are judged by the other rules
    return "a template pastes a param of the event into a key: the sender names that field by the template's design";
  }
  const text = (name: string) => params?.get(name);
  if (c.bound.some((b) => /\$\((?:\{?\.?)(?:extensions\b|[^)]*\[(?:\d|'|"|\?))/.test(b.value)
    && text(b.name) !== undefined && !isEscapedString(text(b.name)!))) {
    // the rule's limits: an element by index, a bracket path, a filter and an extension are read as strings
    return 'a binding reads an element by index, a bracket path, a filter or an extension, which the rule reads as a string (its limits)';
  }
  return undefined;
}

// ---- hand-written cases ----

const run = (params: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'PipelineRun',
  metadata: { generateName: 'build-', labels: { app: 'ci' } },
  spec: {
    pipelineRef: { name: 'build' },
    params: Object.entries(params).map(([name, value]) => ({ name, value })),
    serviceAccountName: 'builder',
    ...extra,
  },
});
const taskRun = (script: string) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'TaskRun',
  metadata: { generateName: 'check-' },
  spec: {
    taskSpec: { steps: [{ name: 'check', image: 'alpine', script, securityContext: { runAsNonRoot: true } }] },
  },
});

/** Strings a sender may write: quotes, backslashes, JSON punctuation, unicode, `$(…)` of Tekton and Triggers. */
const TRICKY = [
  'plain title',
  'a "quoted" title',
  '", "serviceAccountName": "admin", "x": "',
  '\\", \\"kind\\": \\"Secret',
  'back\\slash\\',
  '\\u0022',
  '"}]}, {"name": "evil", "value": "',
  '$(tt.params.sha) $(tt.params.pr) $(uid)',
  '$(tt.params.pr)',
  '$(params.revision) $(context.taskRun.name) $$(x)',
  'é ß \u2028 \u0000 <&> \ud83d\ude00',
  ']}:{,1',
  '0,1:2}]',
  '',
  '$(tt.params.note)$(tt.params.title)$(tt.params.x)',
];

const github = (s: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  ref: `refs/heads/${s}`,
  after: 'a'.repeat(40),
  number: 7,
  pull_request: { title: s, body: null, head: { sha: 'b'.repeat(40), ref: s }, labels: [{ name: s }, { name: 'ok' }], user: { login: 'x' } },
  commits: [{ id: 'c'.repeat(40), message: s }, { id: 'd'.repeat(40), message: 'second' }],
  head_commit: { message: s, author: { name: s } },
  ...extra,
});
const EVENTS: TriggerEvent[] = TRICKY.map((s) => ({ body: github(s), header: { 'X-Github-Event': ['pull_request'], 'X-Title': [s] }, extensions: { note: s } }));
/** Events whose strings are JSON punctuation and digits alone, which may make an object's JSON text JSON again outside its string. */
const PUNCTUATION_EVENTS: TriggerEvent[] = [
  // {",":":"} pasted into "a $(tt.params.pr) b" is "a {",":":"} b": the strings "a {", ":" and "} b" around a comma and a colon, a field of the sender's
  { body: JSON.stringify({ ref: ',', number: 1, pull_request: { ',': ':' }, commits: [{ ',': ':' }], head_commit: { ',': ':' } }) },
  ...[']}:{,1', '0', ',', '}:[', '1]}]:[{'].map((s) => ({ body: github(s), header: {}, extensions: {} })),
];

interface HandCase extends Case {
  /** What the rule does: report it, pass it (Triggers makes nothing else of any event), or pass it for a documented exception. */
  readonly expect: 'reported' | 'harmless' | 'exception';
  /** For a case the rule reports though no event does harm: why it is knowingly stricter. */
  readonly stricter?: string;
}

const HAND: HandCase[] = [
  {
    name: 'strings of the event pasted into strings, escaped by default',
    annotated: false,
    resourcetemplates: [run({ title: 'PR: $(tt.params.title)', sha: '$(tt.params.sha)', ref: '$(tt.params.ref)' }), taskRun('echo "$(tt.params.title)"')],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }, { name: 'sha', value: '$(body.pull_request.head.sha)', via: 'TriggerBinding' },
      { name: 'ref', value: 'x-$(body.ref)-$(header.X-Title)', via: 'ClusterTriggerBinding' }],
    events: EVENTS,
    expect: 'harmless',
  },
  {
    name: 'strings pasted into nested objects and arrays, a number field and a label value',
    annotated: false,
    resourcetemplates: [run({ n: '$(tt.params.n)' }, { timeouts: { pipeline: '$(tt.params.n)h' }, workspaces: [{ name: 'w', subPath: '$(tt.params.title)/x' }] })],
    bound: [{ name: 'n', value: '$(body.number)' }, { name: 'title', value: '$(body.head_commit.message)' }],
    events: EVENTS,
    expect: 'harmless',
  },
  {
    name: 'the old-escape annotation, a title pasted',
    annotated: true,
    resourcetemplates: [run({ title: '$(tt.params.title)' }), taskRun('echo $(tt.params.title)')],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: 'the old-escape annotation, only a SHA pasted',
    annotated: true,
    resourcetemplates: [run({ sha: '$(tt.params.sha)' })],
    bound: [{ name: 'sha', value: '$(body.pull_request.head.sha)' }],
    events: EVENTS,
    expect: 'reported',
    stricter: 'the annotation is reported whatever the bindings give its params (its limits)',
  },
  {
    name: 'the pull request object pasted into a string',
    annotated: false,
    resourcetemplates: [run({ pr: '$(tt.params.pr)' }), taskRun('echo $(tt.params.pr)')],
    bound: [{ name: 'pr', value: '$(body.pull_request)' }],
    events: [...EVENTS, ...PUNCTUATION_EVENTS],
    expect: 'reported',
  },
  {
    name: 'a wildcard and a filter pasted',
    annotated: false,
    resourcetemplates: [run({ labels: '$(tt.params.labels)' })],
    bound: [{ name: 'labels', value: '$(body.pull_request.labels[*].name)' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: 'the headers and the whole body pasted',
    annotated: false,
    resourcetemplates: [run({ h: '$(tt.params.h)', b: '$(tt.params.b)' })],
    bound: [{ name: 'h', value: '$(header)' }, { name: 'b', value: '$(body)', via: 'TriggerBinding' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: 'an object bound but not pasted, while a string of the event is',
    annotated: false,
    resourcetemplates: [run({ title: '$(tt.params.title)' })],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }, { name: 'pr', value: '$(body.pull_request)' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: 'the old-escape annotation with an object bound but not pasted',
    annotated: true,
    resourcetemplates: [run({ title: '$(tt.params.title)' })],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }, { name: 'pr', value: '$(body.pull_request)', via: 'TriggerBinding' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: 'an object bound but not pasted, while only a commit SHA of the event is',
    annotated: false,
    resourcetemplates: [run({ sha: '$(tt.params.sha)' })],
    bound: [{ name: 'sha', value: '$(body.pull_request.head.sha)' }, { name: 'pr', value: '$(body.pull_request)' }],
    events: EVENTS,
    expect: 'reported',
    stricter: 'any param bound to the event may carry a variable: the rule does not know which fields the sender cannot write (a SHA)',
  },
  {
    name: 'a wildcard that matches one string',
    annotated: false,
    resourcetemplates: [run({ id: '$(tt.params.id)' })],
    bound: [{ name: 'id', value: '$(body.commits[*].id)' }],
    events: TRICKY.map((s) => ({ body: JSON.stringify({ commits: [{ id: s }] }) })),
    expect: 'reported',
    stricter: 'a path that may select several values is reported, though one value is pasted as a string (its text)',
  },
  {
    name: 'an object bound but not pasted, nor any param of the event',
    annotated: false,
    resourcetemplates: [run({ fixed: '$(tt.params.fixed)' })],
    params: [{ name: 'fixed', default: 'main' }],
    bound: [{ name: 'pr', value: '$(body.pull_request)' }],
    events: EVENTS,
    expect: 'harmless',
  },
  {
    name: "a template param's default with a quote, not pasted, while a string of the event is",
    annotated: false,
    resourcetemplates: [run({ title: '$(tt.params.title)' })],
    params: [{ name: 'title' }, { name: 'pr', default: 'say "hi"' }],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: "a binding's fixed text with a backslash, not pasted, while a string of the event is",
    annotated: false,
    resourcetemplates: [run({ title: '$(tt.params.title)' })],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }, { name: 'pr', value: 'C:\\go\\src', via: 'TriggerBinding' }],
    events: EVENTS,
    expect: 'reported',
  },
  {
    name: "a binding's fixed text with a quote, pasted",
    annotated: false,
    resourcetemplates: [run({ greeting: '$(tt.params.greeting)', title: '$(tt.params.title)' })],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }, { name: 'greeting', value: 'say "hi"' }],
    events: EVENTS,
    expect: 'exception',
  },
  {
    name: 'an empty object pasted (no string in it)',
    annotated: false,
    resourcetemplates: [run({ x: '$(tt.params.x)' })],
    bound: [{ name: 'x', value: '$(body.pull_request.head)' }],
    events: [{ body: JSON.stringify({ pull_request: { head: {} } }) }],
    expect: 'reported',
    stricter: 'an object or array that holds no string is pasted harmlessly but reported all the same (its limits)',
  },
  {
    name: 'a commit by index (an object) pasted',
    annotated: false,
    resourcetemplates: [run({ c: '$(tt.params.c)' })],
    bound: [{ name: 'c', value: '$(body.commits[0])' }],
    events: EVENTS,
    expect: 'exception',
  },
  {
    name: 'a bracket path to an object pasted',
    annotated: false,
    resourcetemplates: [run({ c: '$(tt.params.c)' })],
    bound: [{ name: 'c', value: "$(body['pull_request'])" }],
    events: EVENTS,
    expect: 'exception',
  },
  {
    name: 'a filter that matches several labels',
    annotated: false,
    resourcetemplates: [run({ c: '$(tt.params.c)' })],
    bound: [{ name: 'c', value: '$(body.pull_request.labels[?(@.name != "")].name)' }],
    events: EVENTS,
    expect: 'exception',
  },
  {
    name: 'an extension that is an object',
    annotated: false,
    resourcetemplates: [run({ c: '$(tt.params.c)' })],
    bound: [{ name: 'c', value: '$(extensions.note)' }],
    events: TRICKY.map((s) => ({ body: github(s), extensions: { note: { text: s } } })),
    expect: 'exception',
  },
  {
    name: 'a key written from the event',
    annotated: false,
    resourcetemplates: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'pr-', labels: { '$(tt.params.title)': 'x', 'app': 'ci' } }, data: { a: 'b' } }],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }],
    events: EVENTS,
    expect: 'exception',
  },
  {
    name: 'an event without the field a binding reads',
    annotated: false,
    resourcetemplates: [run({ title: '$(tt.params.title)' })],
    bound: [{ name: 'title', value: '$(body.pull_request.title)' }],
    events: [{ body: '{}' }, { body: JSON.stringify({ pull_request: [] }) }],
    expect: 'exception',
  },
];

describeWithTriggersResolve("TRIGGERS_ESCAPED_PARAMS and Tekton Triggers' own resolution of events", () => {
  /** For each case: whether the rule reports it, and the harm Triggers lets an event do (with the first event that does it). */
  function judge(cases: readonly Case[]) {
    const queries = cases.flatMap((c) => {
      const m = manifests(c);
      return c.events.map((event) => ({
        template: { metadata: m.template.metadata, spec: m.template.spec },
        bindings: m.bindings,
        triggerBindings: m.triggerBindings,
        clusterTriggerBindings: m.clusterTriggerBindings,
        event,
      }));
    });
    const answers = resolveTriggers(queries);
    let k = 0;
    return cases.map((c) => {
      let worst: { harm: Harm; absent?: boolean; detail?: string; params?: Map<string, string>; event?: TriggerEvent } = { harm: 'none' };
      let moved: string | undefined;
      for (const event of c.events) {
        const h = harmOf(c, answers[k++]);
        if (h.harm === 'moves' && moved === undefined) moved = h.detail;
        // a harm of the escaping counts before an absent field
        if (h.harm !== 'none' && (worst.harm === 'none' || (worst.absent === true && h.absent !== true))) worst = { ...h, event };
      }
      if (worst.harm === 'none' && [...pastedInKeys(c)].some((p) => fromEvent(c).has(p))) {
        // the key Triggers writes is the sender's text, a field the sender names (of the same structure as the template with that text in it)
        worst = { harm: 'moves', detail: 'a key of the template written from the event' };
      }
      return { c, reported: reported(c), ...worst, moved };
    });
  }

  const gaps = (judged: ReturnType<typeof judge>) => judged
    .filter((j) => j.harm !== 'none' && exception(j.c, j.absent === true, j.params) === undefined
      // an inline template has no annotations: Triggers makes the same of it as of an unannotated TriggerTemplate
      && (!j.reported || (!j.c.annotated && !reportedInline(j.c))))
    .map((j) => `${j.c.name}: ${j.harm} (${j.detail}) with ${JSON.stringify(j.event)}${j.reported ? ' (reported only with a TriggerTemplate)' : ''}`);
  /** The rule's claim: a value escaped the old way cannot write a field (the object is not created instead). */
  const fieldsWrittenDespiteOldEscape = (judged: ReturnType<typeof judge>) => judged
    .filter((j) => j.c.annotated && j.moved !== undefined && exception(j.c, false, j.params) === undefined)
    .map((j) => `${j.c.name}: ${j.moved}`);

  test('hand-written cases: Triggers makes what each case says, and the rule reports every harm but the documented exceptions', () => {
    const judged = judge(HAND);
    const got = judged.map((j) => ({
      name: j.c.name,
      expect: j.reported ? 'reported' : j.harm === 'none' ? 'harmless' : exception(j.c, j.absent === true, j.params) !== undefined ? 'exception' : `gap: ${j.harm}`,
    }));
    expect(got).toEqual(HAND.map((c) => ({ name: c.name, expect: c.expect })));
    // a sender who writes the object's strings in JSON punctuation gives the run a field of their own
    expect(judged.filter((j) => j.moved !== undefined).map((j) => j.c.name)).toEqual(['the pull request object pasted into a string']);
    // the cases the rule is knowingly stricter on: reported, and no event does harm
    expect(judged.filter((j) => j.reported && j.harm === 'none').map((j) => j.c.name))
      .toEqual(HAND.filter((c) => c.stricter !== undefined).map((c) => c.name));
    // each documented exception is a harm Triggers lets an event do
    expect(judged.filter((j) => (j.c as HandCase).expect === 'exception' && j.harm === 'none').map((j) => j.c.name)).toEqual([]);
    expect(gaps(judged)).toEqual([]);
    expect(fieldsWrittenDespiteOldEscape(judged)).toEqual([]);
  });

  // ---- generated cases ----

  const NAMES = ['title', 'sha', 'pr', 'x'];
  /** Binding values: strings of the event, objects and arrays the rule knows, and fixed texts. */
  const VALUES = [
    '$(body.pull_request.title)', '$(body.pull_request.head.sha)', '$(body.ref)', 'pre-$(body.pull_request.head.ref)-post',
    '$(body.commits[0].message)', '$(body.number)', '$(body.pull_request.body)', '$(header.X-Title)', '{.body.head_commit.message}',
    '$(body.pull_request)', '$(body.commits)', '$(body.head_commit)', '$(body.pull_request.labels)', '$(body.commits[*].message)',
    '$(body.pull_request.labels[*].name)', '$(header)', '$(body)', '$(body..name)',
    'main', 'fixed text', 'say "hi"', 'C:\\go\\src', 'tab\\there',
  ];
  const sender = fc.oneof(
    fc.constantFrom(...TRICKY),
    fc.array(fc.constantFrom('"', '\\', '{', '}', '[', ']', ':', ',', '$', '(', ')', 'tt.params.', 'pr', 'title', 'note', 'x', 'u0022', '1', ' ', 'é', '\n', '<'), { maxLength: 12 }).map((xs) => xs.join('')),
  );
  const generatedEvent: fc.Arbitrary<TriggerEvent> = fc.tuple(sender, sender, sender).map(([a, b, h]) => ({
    body: JSON.stringify({
      ref: a,
      number: 7,
      pull_request: { title: a, body: b, head: { sha: b, ref: a }, labels: [{ name: a }, { name: b }], user: { login: b } },
      commits: [{ id: 'c', message: b }],
      head_commit: { message: a, author: { name: b } },
    }),
    header: { 'X-Title': [h] },
  }));
  /** A string of a template: the variable alone, or within text. */
  const pasting = (name: string) => fc.constantFrom(`$(tt.params.${name})`, `a $(tt.params.${name}) b`, `"$(tt.params.${name})"`, `\\$(tt.params.${name})\\`);
  const generatedTemplate = (names: string[]) => fc.tuple(
    fc.subarray(names, { minLength: 1 }).chain((ns) => fc.tuple(...ns.map((n) => pasting(n)))),
    fc.constantFrom('params', 'script', 'label', 'nested'),
  ).map(([strings, where]) => {
    const s = strings.join(' ');
    if (where === 'params') return run(Object.fromEntries(strings.map((x, i) => [`p${i}`, x])));
    if (where === 'script') return taskRun(s);
    if (where === 'label') return { ...run({}), metadata: { generateName: 'b-', labels: { title: s, app: 'ci' } } };
    return run({ a: 'b' }, { taskRunSpecs: [{ pipelineTaskName: 't', podTemplate: { nodeSelector: { n: s } } }], timeouts: { pipeline: '1h' } });
  });
  const boundNames = fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 });
  const generatedCase: fc.Arbitrary<Case> = fc.tuple(boundNames, fc.boolean()).chain(([names, note]) => fc.record({
    name: fc.constant('generated'),
    annotated: fc.boolean(),
    bound: fc.tuple(...names.map((n) => fc.record({
      name: fc.constant(n),
      value: fc.constantFrom(...VALUES),
      via: fc.constantFrom('inline' as const, 'TriggerBinding' as const, 'ClusterTriggerBinding' as const),
    }))),
    // a param no binding gives, with a default (pasted or not)
    params: fc.constantFrom('', 'plain', 'say "hi"', 'C:\\go', 'a\\u0041', 'line\n').map((d) => [{ name: 'note', default: d }]),
    resourcetemplates: fc.array(generatedTemplate(note ? [...names, 'note'] : names), { minLength: 1, maxLength: 2 }),
    events: fc.array(generatedEvent, { minLength: 2, maxLength: 3 }),
  }));

  test('generated cases: whenever an event makes Triggers create nothing or an object of another structure, the rule reports the trigger', () => {
    const seed = Number(process.env.PROPERTY_SEED ?? 20261205);
    const numRuns = Number(process.env.PROPERTY_RUNS ?? 300);
    const cases = fc.sample(generatedCase, { seed, numRuns }).map((c, i) => ({
      ...c,
      name: `generated ${i}: ${JSON.stringify({ annotated: c.annotated, bound: c.bound, resourcetemplates: c.resourcetemplates })}`,
      // the fixed events of the hand-written cases, and the generated ones
      events: [...c.events, EVENTS[1], EVENTS[7], EVENTS[8], EVENTS[EVENTS.length - 1], PUNCTUATION_EVENTS[0]],
    }));
    // eslint-disable-next-line no-console
    console.log(`triggers-templates: ${cases.length} generated cases, seed ${seed} (PROPERTY_SEED=${seed} to run them again)`);
    const judged = judge(cases);
    expect(gaps(judged)).toEqual([]);
    expect(fieldsWrittenDespiteOldEscape(judged)).toEqual([]);
    // the generator reaches each kind of outcome
    expect(new Set(judged.map((j) => j.harm))).toEqual(new Set(['none', 'fails']));
    expect(judged.some((j) => j.moved !== undefined && j.reported)).toBe(true);
    expect(judged.some((j) => j.reported && j.harm === 'none')).toBe(true);
  });
});
