/**
 * Where a caller's value lands, as Tekton v1.15 substitutes it (conformance/cmd/tekton-substitute runs
 * the PipelineRun and TaskRun reconcilers' own ApplyParameters, propagation, ApplyContexts,
 * ApplyWorkspaces and matrix fan-out), against where the injection rules think it lands
 * (src/private/param-enums.ts `runFixedReferences`, src/private/substitutions.ts).
 *
 * Each value a caller chooses (a PipelineRun's params of a Pipeline it names, declared or not; a
 * TaskRun's params of a Task it names) is a canary `CANARY<n>;$(id)"'`; each value the manifest's
 * author writes (a run's own params where it embeds its spec, defaults, a pipeline task's constants,
 * matrix values) is a marker, a digest-pinned image reference or, for some, an unpinned one. Every
 * step of every task spec is a probe of one substitution text: in a script (SCRIPT_INJECTION claims a
 * finding for any caller's value there), as the only argument of a step without command or script
 * (ARGUMENT_INJECTION: the image's entrypoint), as the program (ARGUMENT_INJECTION), as the workingDir (ARGUMENT_INJECTION), in an env
 * value after a Secret env var (EXPANSION_INJECTION) and as the image (IMAGE_DIGEST: an image not
 * pinned by digest); sidecars probe the same places, a stepTemplate its image, workingDir, args and env (judged on the
 * template or on the steps that inherit them), a step's CEL `when` expression SCRIPT_INJECTION's claim there, and the
 * Secret references of volumes (secret, projected secret and token audience, CSI) and of a step's env SECRET_REFERENCE_FIXED's.
 * Steps that run StepActions (resolved as Tekton does, the step's params pasted into the StepAction) probe the same places,
 * claimed on the Task's step or on the StepAction it runs; the CEL `when` of pipeline and finally tasks (after the pipeline
 * level's substitution; a task's result counts as a caller's value there) is SCRIPT_INJECTION's; a volumeMount's name, mountPath
 * and subPath, an envFrom prefix and a workspace's mountPath MOUNT_PATH_FIXED's. Pipelines run in a pipeline task's pipelineSpec, once or twice
 * nested. After Tekton's substitution, a canary in such a place with no finding of the
 * rule that claims it, or an image not pinned with no IMAGE_DIGEST finding, is a gap. A finding
 * where Tekton pastes only the author's values is the rules' documented strictness (a matrix, a
 * default that holds a substitution, a Task's or a Pipeline's params whatever run gives them):
 * counted, not failed.
 *
 * PROPERTY_SEED and SUBSTITUTION_RUNS choose the generated runs; SUBSTITUTION_VERBOSE prints the counts and
 * the runs Tekton refuses, SUBSTITUTION_STRICT each finding where Tekton pastes only the author's values,
 * SUBSTITUTION_DUMP=<label> the request of one case (for conformance/bin/tekton-substitute).
 */
import { RuleId } from '../../src';
import { ARGUMENT_INJECTION } from '../../src/policy/rules/argument-injection';
import { EXPANSION_INJECTION } from '../../src/policy/rules/expansion-injection';
import { IMAGE_DIGEST } from '../../src/policy/rules/image-digest';
import { MOUNT_PATH_FIXED } from '../../src/policy/rules/mount-path-fixed';
import { SCRIPT_INJECTION } from '../../src/policy/rules/script-injection';
import { SECRET_REFERENCE_FIXED } from '../../src/policy/rules/secret-reference-fixed';
import { formatPath } from '../../src/private/json-path';
import { describeWithTektonSubstitute, SubstituteRequest, tektonSubstitute } from '../helpers/tekton-substitute';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261205);
const RUNS = Number(process.env.SUBSTITUTION_RUNS ?? 300);

const HEX = 'a'.repeat(64);
const PINNED = `registry.example.com/tools/sh@sha256:${HEX}`;
const pinnedImage = (image: string): boolean => /@sha256:[0-9a-f]{64}$/.test(image);

/** A seeded generator (Park and Miller's minimal standard). */
function prng(seed: number): () => number {
  let state = (Math.abs(Math.floor(seed)) % 2147483646) + 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** Values: canaries for callers', markers for the author's (pinned, or not where `unpinned`). */
class Values {
  private n = 0;
  canary(): string {
    return `CANARY${this.n++};$(id)"'`;
  }
  /** A canary that keeps a quoted CEL string compiling and changes what it decides (Tekton refuses a TaskRun whose CEL does not compile). */
  celCanary(): string {
    return `CANARY${this.n++}' == 'x' || 'a`;
  }
  marker(unpinned = false): string {
    const n = this.n++;
    return unpinned ? `registry.example.com/fixed${n}:latest` : `registry.example.com/fixed${n}@sha256:${HEX}`;
  }
}

/** Whether a finding's property is in `field`: the field itself, or one of its elements as ARGUMENT_INJECTION names them (`args[2]`). */
const inField = (property: string | undefined, field: string) => property === field || (property ?? '').startsWith(`${field}[`);

/** The kinds of probe step, each the place one rule claims a finding for a caller's value. */
type Probe = 'script' | 'args' | 'cmd' | 'wd' | 'env' | 'image' | 'when';
const PROBES: readonly Probe[] = ['script', 'args', 'cmd', 'wd', 'env', 'image'];
const CLAIMS: Record<Probe, { rule: RuleId; property: string }> = {
  script: { rule: RuleId.SCRIPT_INJECTION, property: 'script' },
  args: { rule: RuleId.ARGUMENT_INJECTION, property: 'args' },
  cmd: { rule: RuleId.ARGUMENT_INJECTION, property: 'command' },
  wd: { rule: RuleId.ARGUMENT_INJECTION, property: 'workingDir' },
  env: { rule: RuleId.EXPANSION_INJECTION, property: 'env.V' },
  image: { rule: RuleId.IMAGE_DIGEST, property: 'image' },
  when: { rule: RuleId.SCRIPT_INJECTION, property: 'when[0].cel' },
};

/**
 * The steps (or sidecars) that probe where the substitution `text` lands: one container per place, named `<probe>-<i>`; a
 * whole array or object (`[*]`) only as an argument, the one place Tekton admits it.
 */
function probeSteps(texts: readonly string[]): any[] {
  return texts.flatMap((text, i) => PROBES.filter((probe) => probe === 'args' || !text.includes('[*]')).map((probe) => {
    const name = `${probe}-${i}`;
    switch (probe) {
      case 'script': return { name, image: PINNED, script: `#!/bin/sh\necho ${text}\n` };
      case 'args': return { name, image: PINNED, args: [text] };
      case 'cmd': return { name, image: PINNED, command: [text, 'version'] };
      case 'wd': return { name, image: PINNED, command: ['true'], workingDir: text };
      case 'env': return {
        name,
        image: PINNED,
        command: ['true'],
        env: [SECRET_ENV, { name: 'V', value: text }],
      };
      default: return { name, image: text, command: ['true'] };
    }
  }));
}

/**
 * Steps whose CEL `when` expression quotes `text` (Tekton compiles the CEL before it substitutes, so the text is quoted;
 * with `enable-cel-in-whenexpression`), named `when-<i>`: SCRIPT_INJECTION claims them.
 */
function probeWhens(texts: readonly string[]): any[] {
  return texts.filter((t) => !t.includes('[*]')).map((text, i) => ({ name: `when-${i}`, image: PINNED, command: ['true'], when: [{ cel: `'${text}' == 'x'` }] }));
}

/**
 * Volumes whose Secret references hold `text`, named `vol-<i>`, and steps whose env reads the Secret and key `text`
 * names, `secret-<i>`: SECRET_REFERENCE_FIXED claims them (Tekton substitutes into both).
 */
function probeVolumes(texts: readonly string[]): any[] {
  return texts.filter((t) => !t.includes('[*]')).map((text, i) => ({
    name: `vol-${i}`,
    projected: { sources: [{ secret: { name: text } }, { serviceAccountToken: { audience: text, path: 't' } }] },
  })).flatMap((v, i) => [v, { name: `vol-${i}-s`, secret: { secretName: texts.filter((t) => !t.includes('[*]'))[i] } }, {
    name: `vol-${i}-c`,
    csi: { driver: 'secrets-store.csi.k8s.io', nodePublishSecretRef: { name: texts.filter((t) => !t.includes('[*]'))[i] }, volumeAttributes: { secretProviderClass: texts.filter((t) => !t.includes('[*]'))[i] } },
  }]);
}
function probeSecretEnv(texts: readonly string[]): any[] {
  return texts.filter((t) => !t.includes('[*]')).map((text, i) => ({
    name: `secret-${i}`, image: PINNED, command: ['true'], env: [{ name: 'S', valueFrom: { secretKeyRef: { name: text, key: text } } }],
  }));
}

/** The volume the mount probes mount. */
const SCRATCH = { name: 'scratch', emptyDir: {} };

/**
 * Steps (or sidecars) that mount the volume `scratch` where `text` says (`mount-<i>`) or its part `text` names (`subpath-<i>`),
 * or mount the volume `text` names (`volname-<i>`), steps whose envFrom prefix is `text` (`prefix-<i>`: the prefix names the env
 * vars a ConfigMap gives, `LD_` before a key `PRELOAD`), and workspaces declared at a mount path under `/w/<i>/` that holds
 * `text`: MOUNT_PATH_FIXED claims them.
 */
function probeMounts(texts: readonly string[]): any[] {
  return texts.filter((t) => !t.includes('[*]')).flatMap((text, i) => [
    { name: `mount-${i}`, image: PINNED, command: ['true'], volumeMounts: [{ name: 'scratch', mountPath: text }] },
    { name: `subpath-${i}`, image: PINNED, command: ['true'], volumeMounts: [{ name: 'scratch', mountPath: `/sub/${i}`, subPath: text }] },
    { name: `volname-${i}`, image: PINNED, command: ['true'], volumeMounts: [{ name: text, mountPath: `/vol/${i}` }] },
    { name: `prefix-${i}`, image: PINNED, command: ['true'], envFrom: [{ prefix: text, configMapRef: { name: 'cfg' } }] },
  ]);
}
function probeWorkspaces(texts: readonly string[]): any[] {
  // under a directory of its own: Tekton refuses two workspaces at one path once substituted
  return texts.filter((t) => !t.includes('[*]')).map((text, i) => ({ name: `ws-${i}`, mountPath: `/w/${i}/${text}`, optional: true }));
}

/**
 * Steps that run a StepAction (`<probe>-sa<i>`, the StepAction named `sa-<step>`) that pastes its param `x`, which the
 * step gives `text`, where the probe says (args through a default `pre-$(params.x)`, command, workingDir, env after a Secret
 * env, image, a Secret env's name and key, a volumeMount's mountPath, subPath and name, an envFrom prefix), and steps with a CEL `when` that quotes
 * `text` and run a StepAction (`when-sa<i>`, with `cel`): Tekton resolves the StepAction into the step, the step's params
 * given the task's values first, and substitutes the task's params into the step after.
 */
function probeStepActions(texts: readonly string[], cel = false): { steps: any[]; actions: any[] } {
  const steps: any[] = [];
  const actions: any[] = [];
  const x = [{ name: 'x' }];
  const kinds: Record<string, any> = {
    args: { params: [...x, { name: 'y', default: 'pre-$(params.x)' }], image: PINNED, args: ['$(params.y)'] },
    cmd: { params: x, image: PINNED, command: ['$(params.x)', 'version'] },
    wd: { params: x, image: PINNED, command: ['true'], workingDir: '$(params.x)' },
    env: { params: x, image: PINNED, command: ['true'], env: [SECRET_ENV, { name: 'V', value: '$(params.x)' }] },
    image: { params: x, image: '$(params.x)', command: ['true'] },
    secret: { params: x, image: PINNED, command: ['true'], env: [{ name: 'S', valueFrom: { secretKeyRef: { name: '$(params.x)', key: '$(params.x)' } } }] },
    mount: { params: [...x, { name: 'v', default: 'scratch' }], image: PINNED, command: ['true'], volumeMounts: [{ name: '$(params.v)', mountPath: '$(params.x)' }] },
    subpath: { params: [...x, { name: 'v', default: 'scratch' }], image: PINNED, command: ['true'], volumeMounts: [{ name: '$(params.v)', mountPath: '/sub', subPath: '$(params.x)' }] },
    volname: { params: x, image: PINNED, command: ['true'], volumeMounts: [{ name: '$(params.x)', mountPath: '/vol' }] },
    prefix: { params: x, image: PINNED, command: ['true'], envFrom: [{ prefix: '$(params.x)', configMapRef: { name: 'cfg' } }] },
  };
  texts.filter((t) => !t.includes('[*]')).forEach((text, i) => {
    for (const [probe, spec] of Object.entries(kinds)) {
      const name = `${probe}-sa${i}`;
      steps.push({ name, ref: { name: `sa-${name}` }, params: [param('x', text)] });
      actions.push({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: meta(`sa-${name}`), spec });
    }
    if (cel) {
      const name = `when-sa${i}`;
      steps.push({ name, ref: { name: `sa-${name}` }, when: [{ cel: `'${text}' == 'x'` }] });
      actions.push({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: meta(`sa-${name}`), spec: { image: PINNED, command: ['true'] } });
    }
  });
  return { steps, actions };
}

/** A case whose steps run `actions` (audited with it, and given to Tekton in the run's namespace). */
function withStepActions(c: Case, actions: readonly any[]): Case {
  if (actions.length === 0) return c;
  return { ...c, stepActions: actions, request: { ...c.request, stepActions: actions } };
}

/** The places of a volume probe, each with the property SECRET_REFERENCE_FIXED reports it at. */
const VOLUME_PLACES: ReadonlyArray<{ property: string; read: (v: any) => string | undefined }> = [
  { property: 'secret.secretName', read: (v) => v.secret?.secretName },
  { property: 'projected.sources[0].secret.name', read: (v) => v.projected?.sources?.[0]?.secret?.name },
  { property: 'projected.sources[1].serviceAccountToken.audience', read: (v) => v.projected?.sources?.[1]?.serviceAccountToken?.audience },
  { property: 'csi.nodePublishSecretRef.name', read: (v) => v.csi?.nodePublishSecretRef?.name },
  { property: 'csi.volumeAttributes.secretProviderClass', read: (v) => v.csi?.volumeAttributes?.secretProviderClass },
];

const SECRET_ENV = { name: 'S', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } };

/**
 * A stepTemplate that probes where `text` lands in the steps that inherit it: its image (IMAGE_DIGEST, a step without
 * an image takes it), its workingDir and args (ARGUMENT_INJECTION), its env after a Secret env (EXPANSION_INJECTION,
 * which judges it in the steps it is merged into); never `[*]`, which Tekton admits in a step's args only.
 */
function probeTemplate(text: string): any {
  return { image: text, workingDir: text, args: [text], env: [SECRET_ENV, { name: 'V', value: text }] };
}

/** The places of a stepTemplate probe, each with the rule and property that claim it. */
const TEMPLATE_CLAIMS: ReadonlyArray<{ rule: RuleId; property: string; read: (t: any) => string | undefined }> = [
  { rule: RuleId.IMAGE_DIGEST, property: 'image', read: (t) => t.image },
  { rule: RuleId.ARGUMENT_INJECTION, property: 'workingDir', read: (t) => t.workingDir },
  { rule: RuleId.ARGUMENT_INJECTION, property: 'args', read: (t) => (t.args === undefined ? undefined : t.args.join(' ')) },
  { rule: RuleId.EXPANSION_INJECTION, property: 'env.V', read: (t) => (t.env ?? []).find((e: any) => e.name === 'V')?.value },
];

/** One case: the object the rules audit, the run Tekton substitutes, and a label for messages. */
interface Case {
  readonly label: string;
  readonly audited: any;
  readonly request: SubstituteRequest;
  /** The pipeline task names in `audited` (none for a Task or TaskRun). */
  readonly pipelineTasks: boolean;
  /** The StepActions the steps' refs name, audited with `audited` (in one context). */
  readonly stepActions?: readonly any[];
}

const RULES = [SCRIPT_INJECTION, ARGUMENT_INJECTION, EXPANSION_INJECTION, IMAGE_DIGEST, SECRET_REFERENCE_FIXED, MOUNT_PATH_FIXED];

interface Outcome {
  readonly gaps: string[];
  strict: number;
  checked: number;
  /** The places where Tekton pastes a caller's value (or an image not pinned). */
  landed: number;
  /** Of those, the ones in sidecars, stepTemplates, steps that run a StepAction, mount paths and pipeline tasks' when. */
  readonly landedIn: { sidecar: number; stepTemplate: number; stepAction: number; mount: number; pipelineWhen: number };
  readonly refused: string[];
}

const emptyOutcome = (): Outcome => ({
  gaps: [], strict: 0, checked: 0, landed: 0, landedIn: { sidecar: 0, stepTemplate: 0, stepAction: 0, mount: 0, pipelineWhen: 0 }, refused: [],
});

/** The gaps of one case: a canary (or an unpinned image) Tekton pastes where the claiming rule reports nothing. */
function judge(c: Case, answer: ReturnType<typeof tektonSubstitute>[number]): Outcome {
  const out = emptyOutcome();
  const whensSeen = new Set<string>();
  if (answer.error !== undefined) {
    out.refused.push(`${c.label}: ${answer.error}`);
    return out;
  }
  const manifests = [c.audited, ...(c.stepActions ?? [])];
  const context = { manifests, credentialWorkspaces: () => [] };
  const findings = RULES.flatMap((r) => manifests.flatMap((m) => r.check(m, context)));
  // a step that ran a StepAction: the place is claimed on the Task's step or on the StepAction it ran (`sa-<step>`)
  const onStepAction = (rule: RuleId, step: string, property: string | RegExp) => findings.some((f) => f.rule === rule && f.kind === 'StepAction'
    && f.name === `sa-${step}` && (typeof property === 'string' ? inField(f.property, property) : property.test(f.property ?? '')));
  for (const tr of answer.taskRuns ?? []) {
    if (tr.error !== undefined || tr.taskSpec === undefined) {
      out.refused.push(`${c.label} ${tr.pipelineTask ?? ''}: ${tr.error}`);
      continue;
    }
    // a pipeline task of a pipeline task's pipelineSpec is `<outer>/<inner>`
    const where = c.pipelineTasks ? (tr.pipelineTask ?? '').split('/').map((n) => `task/${n}/`).join('') : '';
    const containers = [
      ...(tr.taskSpec.steps ?? []).map((container: any) => ({ container, role: 'step' })),
      ...(tr.taskSpec.sidecars ?? []).map((container: any) => ({ container, role: 'sidecar' })),
    ];
    for (const { container: step, role } of containers) {
      const probe = (step.name as string).split('-')[0] as Probe;
      const claim = CLAIMS[probe];
      if (claim === undefined) continue;
      const pasted: string = probe === 'script' ? step.script : probe === 'args' ? (step.args ?? []).join(' ') : probe === 'cmd' ? (step.command ?? []).join(' ')
        : probe === 'wd' ? step.workingDir ?? '' : probe === 'when' ? step.when?.[0]?.cel ?? '' : probe === 'env' ? (step.env ?? []).find((e: any) => e.name === 'V')?.value ?? ''
          : step.image ?? '';
      const reported = findings.some((f) => f.rule === claim.rule && f.target === `${where}${role}/${step.name}` && inField(f.property, claim.property))
        || onStepAction(claim.rule, step.name, claim.property);
      const caller = pasted.includes('CANARY') || (probe === 'image' && !pinnedImage(pasted));
      out.checked += 1;
      if (caller) out.landed += 1;
      if (caller && role === 'sidecar') out.landedIn.sidecar += 1;
      if (caller && (step.name as string).includes('-sa')) out.landedIn.stepAction += 1;
      if (caller && !reported) {
        out.gaps.push(`${c.label}: ${where}${role}/${step.name}: Tekton pastes ${JSON.stringify(pasted)} (params ${JSON.stringify(tr.params ?? [])}) and ${claim.rule} reports nothing`);
      } else if (!caller && reported) {
        out.strict += 1;
        if (process.env.SUBSTITUTION_STRICT) console.log(`strict ${c.label}: ${where}${role}/${step.name}: ${JSON.stringify(pasted)} ${JSON.stringify(c.request)}`);
      }
    }
    // Secret references: a volume's (on the task spec), a step's env (on the step)
    const secretPlaces = [
      ...(tr.taskSpec.volumes ?? []).flatMap((vol: any) => VOLUME_PLACES.map((pl) => ({
        pasted: pl.read(vol), target: where.replace(/\/$/, ''), property: `volumes.${vol.name}.${pl.property}`,
      }))),
      ...(tr.taskSpec.steps ?? []).filter((st: any) => (st.name as string).startsWith('secret-')).flatMap((st: any) => ['name', 'key'].map((k) => ({
        pasted: st.env?.[0]?.valueFrom?.secretKeyRef?.[k] as string | undefined, target: `${where}step/${st.name}`, property: `env.S.valueFrom.secretKeyRef.${k}`, step: st.name as string,
      }))),
    ];
    for (const { pasted, target, property, step } of secretPlaces as Array<{ pasted?: string; target: string; property: string; step?: string }>) {
      if (pasted === undefined) continue;
      const caller = pasted.includes('CANARY');
      const reported = findings.some((f) => f.rule === RuleId.SECRET_REFERENCE_FIXED && (f.target ?? '') === target && f.property === property)
        || (step !== undefined && onStepAction(RuleId.SECRET_REFERENCE_FIXED, step, property));
      out.checked += 1;
      if (caller) out.landed += 1;
      if (caller && !reported) {
        out.gaps.push(`${c.label}: ${target} ${property}: Tekton pastes ${JSON.stringify(pasted)} (params ${JSON.stringify(tr.params ?? [])}) and SECRET_REFERENCE_FIXED reports nothing`);
      } else if (!caller && reported) {
        out.strict += 1;
      }
    }
    // a stepTemplate: reported on the template or on a step it is merged into
    const template = tr.taskSpec.stepTemplate;
    for (const claim of template === undefined ? [] : TEMPLATE_CLAIMS) {
      const pasted = claim.read(template);
      if (pasted === undefined) continue;
      const caller = pasted.includes('CANARY') || (claim.property === 'image' && !pinnedImage(pasted));
      // the steps that set no value of their own there inherit the template's
      const inheriting = new Set((tr.taskSpec.steps ?? []).filter((s: any) => claim.read(s) === undefined).map((s: any) => `${where}step/${s.name}`));
      const reported = findings.some((f) => f.rule === claim.rule && inField(f.property, claim.property)
        && (f.target === `${where}stepTemplate` || inheriting.has(f.target)));
      out.checked += 1;
      if (caller) out.landed += 1;
      if (caller) out.landedIn.stepTemplate += 1;
      if (caller && !reported) {
        out.gaps.push(`${c.label}: ${where}stepTemplate: Tekton pastes ${JSON.stringify(pasted)} into ${claim.property} (params ${JSON.stringify(tr.params ?? [])}) and ${claim.rule} reports nothing`);
      } else if (!caller && reported) {
        out.strict += 1;
      }
    }
    // where a volume is mounted: a step's or sidecar's volumeMounts (mountPath, subPath), a workspace's mountPath; and which volume
    // (name: the finding names the mount as written, which Tekton has substituted here)
    const mountPlaces: Array<{ pasted?: string; target: string; property: string | RegExp; step?: string; onAction?: RegExp }> = [
      ...containers.filter(({ container }) => /^(mount|subpath|volname)-/.test(container.name)).flatMap(({ container, role }) => asList(container.volumeMounts)
        .flatMap((m: any) => ((container.name as string).startsWith('volname-') ? ['name'] : ['mountPath', 'subPath']).map((k) => ({
          pasted: m[k] as string | undefined,
          target: `${where}${role}/${container.name}`,
          property: k === 'name' ? /^volumeMounts[.[][^]*\.name$/ : formatPath(['volumeMounts', m.name, k]),
          step: role === 'step' ? container.name as string : undefined,
          // a StepAction's volumeMount is named by a param
          onAction: new RegExp(`^volumeMounts[.[][^]*\\.${k}$`),
        })))),
      // which env vars a ConfigMap gives: a step's or sidecar's envFrom prefix
      ...containers.filter(({ container }) => /^prefix-/.test(container.name)).map(({ container, role }) => ({
        pasted: asList(container.envFrom)[0]?.prefix as string | undefined,
        target: `${where}${role}/${container.name}`,
        property: 'envFrom[0].prefix',
        step: role === 'step' ? container.name as string : undefined,
        onAction: /^envFrom\[0\]\.prefix$/,
      })),
      ...asList(tr.taskSpec.workspaces).map((w: any) => ({ pasted: w.mountPath as string | undefined, target: where.replace(/\/$/, ''), property: `workspaces.${w.name}.mountPath` })),
    ];
    for (const { pasted, target, property, step, onAction } of mountPlaces) {
      if (pasted === undefined) continue;
      const caller = pasted.includes('CANARY');
      const reported = findings.some((f) => f.rule === RuleId.MOUNT_PATH_FIXED && (f.target ?? '') === target
        && (typeof property === 'string' ? f.property === property : property.test(f.property ?? '')))
        || (step !== undefined && onAction !== undefined && onStepAction(RuleId.MOUNT_PATH_FIXED, step, onAction));
      out.checked += 1;
      if (caller) out.landed += 1;
      if (caller) out.landedIn.mount += 1;
      if (caller && !reported) {
        out.gaps.push(`${c.label}: ${target} ${property}: Tekton pastes ${JSON.stringify(pasted)} (params ${JSON.stringify(tr.params ?? [])}) and MOUNT_PATH_FIXED reports nothing`);
      } else if (!caller && reported) {
        out.strict += 1;
      }
    }
    // the pipeline task's CEL when expressions, once the pipeline level substituted them (a result is a task's output)
    asList(tr.when).forEach((w: any, i: number) => {
      if (typeof w?.cel !== 'string') return;
      const target = where.replace(/\/$/, '');
      const key = `${target} when[${i}]`;
      if (whensSeen.has(key)) return;
      whensSeen.add(key);
      const caller = w.cel.includes('CANARY') || w.cel.includes('$(tasks.');
      const reported = findings.some((f) => f.rule === RuleId.SCRIPT_INJECTION && f.target === target && f.property === `when[${i}].cel`);
      out.checked += 1;
      if (caller) out.landed += 1;
      if (caller) out.landedIn.pipelineWhen += 1;
      if (caller && !reported) {
        out.gaps.push(`${c.label}: ${target} when[${i}].cel: Tekton pastes ${JSON.stringify(w.cel)} (params ${JSON.stringify(tr.params ?? [])}) and SCRIPT_INJECTION reports nothing`);
      } else if (!caller && reported) {
        out.strict += 1;
      }
    });
  }
  return out;
}

const asList = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/** Runs the cases through Tekton and the rules. */
function judgeAll(cases: readonly Case[]): Outcome {
  // SUBSTITUTION_DUMP=<label>: the request of one case, to run conformance/bin/tekton-substitute with
  const dump = cases.find((c) => c.label === process.env.SUBSTITUTION_DUMP);
  if (dump !== undefined) console.log(JSON.stringify(dump.request));
  const answers = tektonSubstitute(cases.map((c) => c.request));
  const all = emptyOutcome();
  cases.forEach((c, i) => {
    const o = judge(c, answers[i]);
    all.gaps.push(...o.gaps);
    all.refused.push(...o.refused);
    all.strict += o.strict;
    all.checked += o.checked;
    all.landed += o.landed;
    all.landedIn.sidecar += o.landedIn.sidecar;
    all.landedIn.stepTemplate += o.landedIn.stepTemplate;
    all.landedIn.stepAction += o.landedIn.stepAction;
    all.landedIn.mount += o.landedIn.mount;
    all.landedIn.pipelineWhen += o.landedIn.pipelineWhen;
  });
  return all;
}

const meta = (name: string) => ({ name, namespace: 'ci' });
const param = (name: string, value: unknown) => ({ name, value });

/** A case of a Task, run by a TaskRun by taskRef whose params are a caller's. */
function taskCase(label: string, spec: any, runParams: any[]): Case {
  const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: meta('t'), spec };
  return {
    label,
    audited: t,
    request: { run: { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: meta('tr'), spec: { taskRef: { name: 't' }, params: runParams } }, tasks: [t] },
    pipelineTasks: false,
  };
}

/** A case of a TaskRun that embeds its task spec (its params are the author's). */
function taskRunCase(label: string, spec: any, runParams: any[]): Case {
  const run = { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: meta('tr'), spec: { taskSpec: spec, params: runParams } };
  return { label, audited: run, request: { run }, pipelineTasks: false };
}

/** A case of a Pipeline, run by a PipelineRun by pipelineRef whose params are a caller's. */
function pipelineCase(label: string, spec: any, runParams: any[]): Case {
  const p = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: meta('p'), spec };
  return {
    label,
    audited: p,
    request: { run: { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: meta('pr'), spec: { pipelineRef: { name: 'p' }, params: runParams } }, pipeline: p },
    pipelineTasks: true,
  };
}

/** A case of a PipelineRun that embeds its pipeline spec (its params are the author's). */
function pipelineRunCase(label: string, spec: any, runParams: any[]): Case {
  const run = { apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: meta('pr'), spec: { pipelineSpec: spec, params: runParams } };
  return { label, audited: run, request: { run }, pipelineTasks: true };
}

/** Hand-written cases: each an edge of Tekton's substitution. */
function handWritten(): Case[] {
  const v = new Values();
  const cases: Case[] = [];
  // a Pipeline's pipeline task passes constants; a run may give any param by any name and type
  const undeclared = ['p', 'a.b', 'obj', 'arr'];
  for (const type of ['string', 'array', 'object'] as const) {
    const value = () => (type === 'string' ? v.canary() : type === 'array' ? [v.canary(), v.canary()] : { k: v.canary(), b: v.canary() });
    cases.push(pipelineCase(`pipeline, run gives undeclared ${type}s`, {
      params: [{ name: 'x', type: 'string' }],
      tasks: [{
        name: 'a',
        params: [param('p', v.marker()), param('a.b', v.marker()), param('obj', { k: v.marker(), b: v.marker() }), param('arr', [v.marker()])],
        taskSpec: {
          params: [{ name: 'p' }, { name: 'a.b' }, { name: 'obj', type: 'object', properties: { k: {}, b: {} } }, { name: 'arr', type: 'array' }],
          steps: probeSteps(['$(params.p)', '$(params["p"])', "$(params['p'])", '$(params["a.b"])', '$(params.obj.k)', '$(params.obj.b)',
            '$(params.arr[0])', '$(params.arr[*])', 'x-$(params.p)', '$(params.x)']),
        },
      }],
      finally: [{ name: 'f', params: [param('p', v.marker())], taskSpec: { params: [{ name: 'p' }], steps: probeSteps(['$(params.p)', '$(params.x)']) } }],
    }, [param('x', v.canary()), ...undeclared.map((n) => param(n, value())), param('q', type === 'string' ? v.canary() : value())]));
  }
  // a run's param whose name spans the text around a constant the pipeline task passes (Tekton replaces the exact text
  // `$(params.<name>)` of each param a run gives, in an order a Go map decides where two match at one place)
  cases.push(pipelineCase('pipeline, run param names that span a constant', {
    tasks: [{
      name: 'a',
      params: [param('p', v.marker()), param('q', v.marker())],
      taskSpec: {
        params: [{ name: 'p' }, { name: 'q' }],
        steps: [
          { name: 'script-0', image: PINNED, script: '#!/bin/sh\necho $(params.p) && (cd dir)\n' },
          { name: 'script-1', image: PINNED, script: '#!/bin/sh\necho $(params.p)$(params.q)\n' },
          { name: 'args-0', image: PINNED, args: ['$(params.p) x)'] },
        ],
      },
    }],
  }, [param('p) && (cd dir', v.canary()), param('p)$(params.q', v.canary()), param('p) x', v.canary())]));
  // a constant the pipeline task passes that forms, with the text around it, a substitution the task level fills
  cases.push(pipelineCase('pipeline, a passed constant that forms a substitution', {
    params: [{ name: 'x' }],
    tasks: [{
      name: 'a',
      params: [param('d', '$'), param('o', '$('), param('x', '$(params.x)')],
      taskSpec: { params: [{ name: 'd' }, { name: 'o' }, { name: 'x' }], steps: probeSteps(['$(params.d)(params.x)', '$(params.o)params.x)', 'a$(params.d)(params.x)b']) },
    }],
  }, [param('x', v.canary()), param('d', v.canary()), param('o', v.canary())]));
  cases.push(pipelineRunCase('pipelinerun, a passed constant that forms a substitution', {
    params: [{ name: 'x' }, { name: 'd' }],
    tasks: [{
      name: 'a',
      params: [param('d', '$'), param('x', '$(params.x)')],
      taskSpec: { params: [{ name: 'd' }, { name: 'x' }], steps: probeSteps(['$(params.d)(params.x)', '$(params.d)(context.taskRun.name)']) },
    }],
  }, [param('x', v.marker(true)), param('d', v.marker())]));
  // a pipeline in a pipeline: a child PipelineRun given the outer pipeline task's params (feature-flags' alpha)
  const nested = (outerParams: any[], inner: any) => ({
    params: [{ name: 'a' }, { name: 'i', default: v.marker(true) }],
    tasks: [{ name: 'outer', params: outerParams, pipelineSpec: inner }],
    finally: [{ name: 'fin', params: outerParams, pipelineSpec: inner }],
  });
  const inner = {
    params: [{ name: 'b', type: 'string' }, { name: 'c', type: 'string' }, { name: 'e', type: 'string', default: v.marker(true) }],
    tasks: [{
      name: 'inner',
      params: [param('x', '$(params.b)'), param('y', v.marker())],
      taskSpec: { params: [{ name: 'x', type: 'string' }, { name: 'y', type: 'string' }, { name: 'z', type: 'string', default: v.marker(true) }], steps: probeSteps(['$(params.x)', '$(params.y)', '$(params.z)', '$(params.b)', '$(params.c)', '$(params.e)']) },
    }],
  };
  const alpha = { 'enable-api-fields': 'alpha' };
  const withFlags = (c: Case): Case => ({ ...c, request: { ...c.request, featureFlags: alpha } });
  cases.push(withFlags(pipelineCase('pipeline, a pipeline task\'s pipelineSpec', nested([param('b', '$(params.a)'), param('c', v.marker(true))], inner),
    [param('a', v.canary()), param('b', v.canary()), param('x', v.canary()), param('y', v.canary()), param('e', v.canary())])));
  cases.push(withFlags(pipelineRunCase('pipelinerun, a pipeline task\'s pipelineSpec', nested([param('b', '$(params.i)'), param('c', v.marker())], inner),
    [param('a', v.marker(true)), param('x', v.marker(true)), param('e', v.marker())])));
  // a pipeline task's pipelineSpec given a whole array and object of the pipeline: they replace the inner defaults' elements and keys
  const whole = (runParams: any[], label: string, kind: typeof pipelineCase) => withFlags(kind(label, {
    params: [{ name: 'all', type: 'array' }, { name: 'tool', type: 'object', properties: { k: { type: 'string' } } }],
    tasks: [{
      name: 'outer',
      params: [param('images', '$(params.all[*])'), param('tools', '$(params.tool[*])')],
      pipelineSpec: {
        params: [{ name: 'images', type: 'array', default: [v.marker()] }, { name: 'tools', type: 'object', properties: { k: { type: 'string' } }, default: { k: v.marker() } }],
        tasks: [{ name: 't', taskSpec: { steps: probeSteps(['$(params.images[0])', '$(params["images"][0])', '$(params.tools.k)']) } }],
      },
    }],
  }, runParams));
  cases.push(whole([param('all', [v.canary()]), param('tool', { k: v.canary() })], 'pipeline, a pipeline task\'s pipelineSpec given a whole array and object', pipelineCase));
  cases.push(whole([param('all', [v.marker(true)]), param('tool', { k: v.marker(true) })], 'pipelinerun, a pipeline task\'s pipelineSpec given a whole array and object', pipelineRunCase));
  // a default that holds another param, a value that holds a substitution of the next level
  cases.push(pipelineRunCase('pipelinerun, defaults and values that hold substitutions', {
    params: [{ name: 'a' }, { name: 'd', default: 'pre-$(params.a)' }, { name: 'e', default: v.marker(true) }, { name: 'b', default: v.marker() }],
    tasks: [{
      name: 'a',
      params: [param('p', '$(params.d)'), param('q', '$(params.b)'), param('r', '$(params.e)')],
      taskSpec: {
        params: [{ name: 'p' }, { name: 'q' }, { name: 'r' }, { name: 'b', default: v.marker(true) }, { name: 'z', default: '$(params.b)' }],
        steps: probeSteps(['$(params.p)', '$(params.q)', '$(params.r)', '$(params.b)', '$(params.z)', '$(params.a)', '$(params.e)']),
      },
    }],
  }, [param('a', v.marker(true)), param('u', '$(params.b)')]));
  // a pipeline task that passes a whole array or object of the pipeline: its TaskRun is given that array or object
  cases.push(pipelineRunCase('pipelinerun, whole arrays and objects passed on', {
    params: [
      { name: 'images', type: 'array' },
      { name: 'tools', type: 'object', properties: { k: {} }, default: { k: v.marker(true) } },
      { name: 'build', type: 'object', properties: { k: {} }, default: { k: v.marker() } },
    ],
    tasks: [{
      name: 'a',
      params: [param('img', '$(params.images[*])'), param('build', '$(params.tools[*])')],
      taskSpec: {
        params: [{ name: 'img', type: 'array', default: [v.marker()] }, { name: 'build', type: 'object', properties: { k: {} } }],
        steps: probeSteps(['$(params.img[0])', '$(params.build.k)', '$(params.img[*])']),
      },
    }],
  }, [param('images', [v.marker(true)])]));
  // a matrix: its values are the author's in a PipelineRun, a caller's in a Pipeline's run
  cases.push(pipelineCase('pipeline, matrix and include', {
    params: [{ name: 'xs', type: 'array' }, { name: 'y' }],
    tasks: [{
      name: 'm',
      matrix: { params: [param('m', '$(params.xs[*])')], include: [{ name: 'i', params: [param('n', '$(params.y)')] }] },
      params: [param('c', v.marker())],
      taskSpec: { params: [{ name: 'm' }, { name: 'n', default: v.marker() }, { name: 'c' }], steps: probeSteps(['$(params.m)', '$(params.n)', '$(params.c)']) },
    }],
  }, [param('xs', [v.canary(), v.canary()]), param('y', v.canary()), param('c', v.canary())]));
  cases.push(pipelineRunCase('pipelinerun, a matrix over the task\'s pinned defaults', {
    params: [{ name: 'images', type: 'array', default: [v.marker(true), v.marker()] }],
    tasks: [{
      name: 'm',
      matrix: { params: [param('m', '$(params.images[*])'), param('n', [v.marker(true)])], include: [{ name: 'i', params: [param('o', v.marker(true))] }] },
      taskSpec: {
        params: [{ name: 'm', default: v.marker() }, { name: 'n', default: v.marker() }, { name: 'o', default: v.marker() }],
        steps: probeSteps(['$(params.m)', '$(params.n)', '$(params.o)']),
      },
    }],
  }, []));
  // a Task: every param a caller's, defaults the author's but any run may replace them
  cases.push(taskCase('task, params and defaults', {
    params: [{ name: 'a' }, { name: 'd', default: v.marker(true) }, { name: 'o', type: 'object', properties: { k: {} }, default: { k: v.marker() } }, { name: 'arr', type: 'array', default: [v.marker()] }],
    steps: probeSteps(['$(params.a)', '$(params.d)', '$(params.o.k)', '$(params.arr[*])', '$(params.arr[0])', '$( params.a)', '$(inputs.params.a)', '$(context.taskRun.name)']),
  }, [param('a', v.canary()), param('o', { k: v.canary() })]));
  // sidecars and a stepTemplate: Tekton substitutes them as it does steps
  const texts = ['$(params.a)', '$(params.o.k)', '$(params.arr[0])', '$(params.arr[*])', '$(params.d)'];
  const sidecarSpec = (template: string) => ({
    params: [{ name: 'a' }, { name: 'd', default: v.marker(true) }, { name: 'o', type: 'object', properties: { k: {} } }, { name: 'arr', type: 'array' }],
    stepTemplate: probeTemplate(template),
    steps: [...probeSteps(texts), ...probeSecretEnv(texts)],
    sidecars: probeSteps(texts.filter((t) => !t.includes('[*]'))),
    volumes: probeVolumes(texts),
  });
  for (const template of texts.filter((t) => !t.includes('[*]'))) {
    cases.push(taskCase(`task, sidecars and a stepTemplate of ${template}`, sidecarSpec(template),
      [param('a', v.canary()), param('o', { k: v.canary() }), param('arr', [v.canary(), v.canary()])]));
    cases.push(pipelineCase(`pipeline, sidecars and a stepTemplate of ${template}`, {
      params: [{ name: 'x' }, { name: 'xs', type: 'array' }],
      tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', '$(params.xs[*])')], taskSpec: sidecarSpec(template) }],
    }, [param('x', v.canary()), param('xs', [v.canary()]), param('d', v.canary())]));
  }
  // the CEL `when` expressions of steps
  const cel = { 'enable-cel-in-whenexpression': 'true' };
  const whenTexts = ['$(params.a)', '$(params["a"])', '$(params.o.k)', '$(params.arr[0])', '$(params.d)', '$(context.taskRun.name)'];
  const whenParams = [{ name: 'a' }, { name: 'd', default: v.marker(true) }, { name: 'o', type: 'object', properties: { k: {} } }, { name: 'arr', type: 'array' }];
  const celCase = (c: Case): Case => ({ ...c, request: { ...c.request, featureFlags: cel } });
  cases.push(celCase(taskCase('task, CEL when of steps', { params: whenParams, steps: probeWhens(whenTexts) },
    [param('a', v.celCanary()), param('o', { k: v.celCanary() }), param('arr', [v.celCanary()])])));
  cases.push(celCase(pipelineCase('pipeline, CEL when of steps', {
    params: [{ name: 'x' }],
    tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', [v.marker()])], taskSpec: { params: whenParams, steps: probeWhens(whenTexts) } }],
  }, [param('x', v.celCanary()), param('d', v.celCanary())])));
  cases.push(celCase(taskRunCase('taskrun, CEL when of steps', { params: whenParams, steps: probeWhens(whenTexts) },
    [param('a', v.marker()), param('o', { k: v.marker() }), param('arr', [v.marker()])])));
  // steps that run StepActions: the step's params, given the task's values, pasted into the StepAction's fields
  const saTexts = ['$(params.a)', '$(params["a"])', '$(params.o.k)', '$(params.arr[0])', '$(params.d)', 'x$(params.a)'];
  const saParams = [{ name: 'a' }, { name: 'd', default: v.marker(true) }, { name: 'o', type: 'object', properties: { k: {} } }, { name: 'arr', type: 'array' }];
  const sa = probeStepActions(saTexts);
  cases.push(withStepActions(taskCase('task, steps that run StepActions', { params: saParams, volumes: [SCRATCH], steps: sa.steps },
    [param('a', v.canary()), param('o', { k: v.canary() }), param('arr', [v.canary()])]), sa.actions));
  cases.push(withStepActions(pipelineCase('pipeline, steps that run StepActions', {
    params: [{ name: 'x' }, { name: 'xs', type: 'array' }],
    tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', '$(params.xs[*])')], taskSpec: { params: saParams, volumes: [SCRATCH], steps: sa.steps } }],
    finally: [{ name: 'f', params: [param('a', v.marker()), param('o', { k: v.marker() }), param('arr', [v.marker()])], taskSpec: { params: saParams, volumes: [SCRATCH], steps: sa.steps } }],
  }, [param('x', v.canary()), param('xs', [v.canary()]), param('d', v.canary())]), sa.actions));
  cases.push(withStepActions(taskRunCase('taskrun, steps that run StepActions', { params: saParams, volumes: [SCRATCH], steps: sa.steps },
    [param('a', v.marker()), param('o', { k: v.marker() }), param('arr', [v.marker()])]), sa.actions));
  const saCel = probeStepActions(whenTexts, true);
  const celOnly = { steps: saCel.steps.filter((st) => st.name.startsWith('when-')), actions: saCel.actions.filter((a) => a.metadata.name.startsWith('sa-when-')) };
  cases.push(celCase(withStepActions(taskCase('task, CEL when of steps that run StepActions', { params: whenParams, steps: celOnly.steps },
    [param('a', v.celCanary()), param('o', { k: v.celCanary() }), param('arr', [v.celCanary()])]), celOnly.actions)));
  cases.push(celCase(withStepActions(pipelineCase('pipeline, CEL when of steps that run StepActions', {
    params: [{ name: 'x' }],
    tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', [v.marker()])], taskSpec: { params: whenParams, steps: celOnly.steps } }],
  }, [param('x', v.celCanary()), param('d', v.celCanary())]), celOnly.actions)));
  // the CEL when expressions of pipeline tasks and finally tasks (input and values are compared as data: no rule claims them)
  const noop = { steps: [{ name: 'noop', image: PINNED, command: ['true'] }] };
  const ptTexts = ['$(params.x)', '$(params["x"])', '$(params.o.k)', '$(params.arr[0])', '$(params.d)', '$(tasks.a.results.r)', '$(context.pipelineRun.name)', 'x-$(params.x)'];
  const ptWhens = (whens: readonly string[]) => ({
    // typed in full: Tekton gives a pipeline task's pipelineSpec no defaults before it validates it
    params: [{ name: 'x', type: 'string' }, { name: 'd', type: 'string', default: v.marker(true) }, { name: 'o', type: 'object', properties: { k: { type: 'string' } } }, { name: 'arr', type: 'array' }],
    tasks: [
      { name: 'a', taskSpec: { results: [{ name: 'r' }], steps: [{ name: 'noop', image: PINNED, script: 'echo -n x > $(results.r.path)' }] } },
      ...whens.map((text, i) => ({ name: `w${i}`, when: [{ input: text, operator: 'in', values: [text] }, { cel: `'${text}' == 'x'` }], taskSpec: noop })),
    ],
    finally: whens.map((text, i) => ({ name: `f${i}`, when: [{ cel: `'${text}' == 'x'` }], taskSpec: noop })),
  });
  const celAlpha = { 'enable-cel-in-whenexpression': 'true', 'enable-api-fields': 'alpha' };
  const withCelAlpha = (c: Case): Case => ({ ...c, request: { ...c.request, featureFlags: celAlpha } });
  cases.push(withCelAlpha(pipelineCase('pipeline, CEL when of pipeline tasks and finally tasks', ptWhens(ptTexts),
    [param('x', v.celCanary()), param('o', { k: v.celCanary() }), param('arr', [v.celCanary()]), param('d', v.celCanary())])));
  cases.push(withCelAlpha(pipelineRunCase('pipelinerun, CEL when of pipeline tasks and finally tasks', ptWhens(ptTexts),
    [param('x', v.marker()), param('o', { k: v.marker() }), param('arr', [v.marker()])])));
  // the same in a pipeline task's pipelineSpec, nested twice: the child PipelineRuns are given the outer task's params
  const wrap = (nestedSpec: any, name: string) => ({
    params: [{ name: 'x', type: 'string' }, { name: 'o', type: 'object', properties: { k: { type: 'string' } } }, { name: 'arr', type: 'array' }],
    tasks: [{ name, params: [param('x', '$(params.x)'), param('o', '$(params.o[*])'), param('arr', '$(params.arr[*])')], pipelineSpec: nestedSpec }],
  });
  cases.push(withCelAlpha(pipelineCase('pipeline, CEL when of pipeline tasks nested twice', wrap(wrap(ptWhens(ptTexts), 'n0'), 'n1'),
    [param('x', v.celCanary()), param('o', { k: v.celCanary() }), param('arr', [v.celCanary()]), param('d', v.celCanary())])));
  cases.push(withCelAlpha(pipelineRunCase('pipelinerun, CEL when of pipeline tasks nested twice', wrap(wrap(ptWhens(ptTexts), 'n0'), 'n1'),
    [param('x', v.marker()), param('o', { k: v.marker() }), param('arr', [v.marker()])])));
  // where volumes and workspaces are mounted
  const mountTexts = ['$(params.a)', '$(params["a"])', '$(params.o.k)', '$(params.arr[0])', '$(params.d)', '/x/$(params.a)', '$(context.taskRun.name)'];
  const mountSpec = () => ({
    params: saParams,
    volumes: [SCRATCH],
    workspaces: probeWorkspaces(mountTexts),
    steps: probeMounts(mountTexts),
    sidecars: probeMounts(mountTexts.slice(0, 2)),
  });
  cases.push(taskCase('task, mount paths and subPaths', mountSpec(), [param('a', v.canary()), param('o', { k: v.canary() }), param('arr', [v.canary()])]));
  cases.push(pipelineCase('pipeline, mount paths and subPaths', {
    params: [{ name: 'x' }],
    tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', [v.marker()])], taskSpec: mountSpec() }],
  }, [param('x', v.canary()), param('d', v.canary())]));
  cases.push(pipelineRunCase('pipelinerun, mount paths and subPaths', {
    params: [{ name: 'x' }],
    tasks: [{ name: 'a', params: [param('a', '$(params.x)'), param('o', { k: v.marker() }), param('arr', [v.marker()])], taskSpec: mountSpec() }],
  }, [param('x', '/fixed/dir')]));
  cases.push(taskRunCase('taskrun, mount paths and subPaths', mountSpec(), [param('a', '/fixed'), param('o', { k: 'k' }), param('arr', ['e'])]));
  // a TaskRun embeds its spec: its params are the author's; one holds a substitution a later level fills
  cases.push(taskRunCase('taskrun, values the author wrote', {
    params: [{ name: 'a' }, { name: 'd', default: v.marker(true) }, { name: 'z', default: '$(params.a)' }],
    steps: probeSteps(['$(params.a)', '$(params.d)', '$(params.u)', '$(params.z)', '$(params.v)']),
  }, [param('a', v.marker()), param('u', v.marker(true)), param('v', '$(params.a)')]));
  return cases;
}

/** The types a generated param takes, a string twice as often. */
const TYPES = ['string', 'string', 'array', 'object'];

/** Names of params, adversarial ones among them. */
const NAMES = ['a', 'b', 'p', 'a.b', 'x-y', 'o', 'arr', 'd'];

/** Substitution texts Tekton admits for `params`, as their types allow (a dotted name only in brackets). */
function referencesOf(
  params: ReadonlyArray<{ name: string; type: string }>, pick: <T>(xs: readonly T[]) => T, chance: (p: number) => boolean,
): string[] {
  const texts = params.flatMap(({ name, type }) => {
    const spellings = [...(name.includes('.') ? [] : [`params.${name}`]), `params["${name}"]`, `params['${name}']`];
    const forms = type === 'array' ? spellings.flatMap((p) => [`$(${p}[*])`, `$(${p}[0])`, `x$(${p}[1])`])
      : type === 'object' ? [`$(params.${name}.k)`, `$(params.${name}.l)`, `-$(params.${name}.k)`, `$(params.${name}[*])`]
        : spellings.flatMap((p) => [`$(${p})`, `x$(${p})y`]);
    return forms.filter(() => chance(0.3));
  }).slice(0, 6);
  return texts.length > 0 ? texts : params.length > 0 ? [`$(params["${pick(params).name}"])`] : ['$(context.taskRun.name)'];
}

/** Generated cases of every kind. */
function generated(seed: number, count: number): Case[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const v = new Values();
  const cases: Case[] = [];
  for (let n = 0; n < count; n++) {
    const kind = pick(['task', 'taskrun', 'pipeline', 'pipelinerun'] as const);
    const caller = kind === 'task' || kind === 'pipeline';
    const runValue = () => (caller ? v.canary() : v.marker(chance(0.3)));
    const typed = (type: string, f: () => string) => (type === 'array' ? [f(), f()] : type === 'object' ? { k: f(), l: f() } : f());
    // one type per name in a case (Tekton refuses a pipeline param and a task param of one name but two types); no dotted object
    const typeOf = new Map(NAMES.map((name) => [name, name.includes('.') ? pick(['string', 'array']) : pick(TYPES)]));
    const taskParams = NAMES.filter(() => chance(0.5)).map((name) => ({ name, type: typeOf.get(name)! }));
    const declared = taskParams.map((p) => ({
      name: p.name,
      type: p.type,
      // typed in full: Tekton gives a pipeline task's pipelineSpec no defaults before it validates it
      ...(p.type === 'object' ? { properties: { k: { type: 'string' }, l: { type: 'string' } } } : {}),
      ...(chance(0.4) ? { default: typed(p.type, () => (chance(0.2) && p.type === 'string' ? `$(params.${pick(NAMES)})` : v.marker(chance(0.3)))) } : {}),
    }));
    const texts = referencesOf(declared, pick, chance);
    // steps that run StepActions, mount probes (steps, sidecars, workspaces), Secret references, each now and then
    const actions = chance(0.3) ? probeStepActions(texts) : { steps: [], actions: [] };
    const mounts = chance(0.3);
    const spec = {
      params: declared,
      ...(chance(0.3) && texts.some((t) => !t.includes('[*]')) ? { stepTemplate: probeTemplate(pick(texts.filter((t) => !t.includes('[*]')))) } : {}),
      volumes: [SCRATCH, ...(chance(0.3) ? probeVolumes(texts) : [])],
      ...(mounts ? { workspaces: probeWorkspaces(texts) } : {}),
      steps: [...probeSteps(texts), ...(chance(0.3) ? probeSecretEnv(texts) : []), ...actions.steps, ...(mounts ? probeMounts(texts) : [])],
      ...(chance(0.3) ? { sidecars: [...probeSteps(texts.filter((t) => !t.includes('[*]'))), ...(mounts ? probeMounts(texts) : [])] } : {}),
    };
    const runParams = (names: readonly string[], typeOfName: (name: string) => string) => names.filter(() => chance(0.7))
      .map((name) => param(name, typed(typeOfName(name), runValue)));
    const typeOfTask = (name: string) => typeOf.get(name)!;
    if (kind === 'task' || kind === 'taskrun') {
      const given = runParams([...declared.map((p) => p.name), ...(chance(0.5) ? [pick(NAMES)] : [])], typeOfTask);
      // Tekton refuses a run that misses a param without a default (ValidateResolvedTask): keep them given
      for (const p of declared) {
        if (p.default === undefined && !given.some((g) => g.name === p.name)) given.push(param(p.name, typed(p.type, runValue)));
      }
      cases.push(withStepActions((kind === 'task' ? taskCase : taskRunCase)(`generated ${n} ${kind}`, spec, [...new Map(given.map((g) => [g.name, g])).values()]), actions.actions));
      continue;
    }
    // a pipeline: its params, a pipeline task passing some task params (constants or pipeline params), a run giving any
    const pipelineParams = NAMES.filter(() => chance(0.4)).map((name) => ({ name, type: typeOf.get(name)! }))
      .map((p) => ({ ...p, ...(p.type === 'object' ? { properties: { k: { type: 'string' }, l: { type: 'string' } } } : {}), ...(chance(0.4) ? { default: typed(p.type, () => v.marker(chance(0.3))) } : {}) }));
    const passValue = (type: string): unknown => {
      const same = pipelineParams.filter((p) => p.type === type);
      if (same.length > 0 && chance(0.5)) {
        const from = pick(same).name;
        return type === 'string' ? pick([`$(params.${from})`, `pre-$(params.${from})`]) : type === 'array' ? `$(params.${from}[*])` : `$(params.${from}[*])`;
      }
      return typed(type, () => v.marker(chance(0.3)));
    };
    const passed = declared.filter(() => chance(0.6)).map((p) => param(p.name, passValue(p.type)));
    const stringParam = declared.find((p) => p.type === 'string' && !passed.some((q) => q.name === p.name));
    // a matrix of the author's values, or of an array of the pipeline's (a caller's in a Pipeline)
    const arrayParam = pipelineParams.find((p) => p.type === 'array' && p.name !== stringParam?.name);
    const matrixValue = arrayParam !== undefined && chance(0.5) ? `$(params.${arrayParam.name}[*])` : [v.marker(), v.marker(true)];
    const matrix = stringParam !== undefined && chance(0.3) ? { params: [param(stringParam.name, matrixValue)] } : undefined;
    // Tekton refuses a pipeline task that gives no value of a param without a default (ValidateResolvedTask): pass them
    for (const p of declared) {
      const passes = passed.some((q) => q.name === p.name) || (matrix !== undefined && p.name === stringParam?.name);
      if (p.default === undefined && !passes) passed.push(param(p.name, passValue(p.type)));
    }
    // a CEL when of a string param of the pipeline (with enable-cel-in-whenexpression)
    const celOf = pipelineParams.filter((p) => p.type === 'string' && !p.name.includes('.'));
    const when = celOf.length > 0 && chance(0.4) ? { when: [{ cel: `'$(params.${pick(celOf).name})' == 'x'` }] } : {};
    const pt = { name: 't', params: passed, ...(matrix ? { matrix } : {}), ...when, taskSpec: spec };
    const innermost = { params: pipelineParams, ...(chance(0.3) ? { tasks: [{ name: 'other', taskSpec: { steps: [{ name: 'noop', image: PINNED, command: ['true'] }] } }], finally: [pt] } : { tasks: [pt] }) };
    // the pipeline in a pipeline task's pipelineSpec, once or twice: each level passes every param of the next on
    let pipelineSpec: any = innermost;
    for (let depth = pick([0, 0, 1, 2]), d = 0; d < depth; d++) {
      // (a whole array or object only in dotted notation, which no dotted name has: its own constant then)
      const pass = pipelineParams.map((p) => param(p.name, p.type === 'string' ? `$(params["${p.name}"])`
        : p.name.includes('.') ? typed(p.type, () => v.marker()) : `$(params.${p.name}[*])`));
      pipelineSpec = { params: pipelineParams, tasks: [{ name: `n${d}`, params: pass, pipelineSpec }] };
    }
    // an undeclared param a run gives may be of any type
    const typeOfPipeline = (name: string) => (pipelineParams.some((p) => p.name === name) ? typeOf.get(name)! : pick(TYPES));
    const given = runParams([...pipelineParams.map((p) => p.name), ...NAMES.filter(() => chance(0.2))], typeOfPipeline);
    for (const p of pipelineParams) {
      if (p.default === undefined && !given.some((g) => g.name === p.name)) given.push(param(p.name, typed(p.type, runValue)));
    }
    const made = (kind === 'pipeline' ? pipelineCase : pipelineRunCase)(`generated ${n} ${kind}`, pipelineSpec, [...new Map(given.map((g) => [g.name, g])).values()]);
    cases.push(withStepActions({ ...made, request: { ...made.request, featureFlags: { 'enable-api-fields': 'alpha', 'enable-cel-in-whenexpression': 'true' } } }, actions.actions));
  }
  return cases;
}

describeWithTektonSubstitute('the injection rules against Tekton\'s own substitution (conformance/cmd/tekton-substitute)', () => {
  test('hand-written runs: every caller\'s value Tekton pastes into a probed place is reported by the rule that claims it', () => {
    const o = judgeAll(handWritten());
    if (process.env.SUBSTITUTION_VERBOSE) console.log(`hand-written: ${o.checked} places checked (${o.landed} with a caller's value, ${o.landedIn.stepAction} in steps that run StepActions, ${o.landedIn.mount} in mount paths, ${o.landedIn.pipelineWhen} in pipeline tasks' when), ${o.strict} strict, refused:\n${o.refused.join('\n')}\ngaps:\n${o.gaps.join('\n')}`);
    expect(o.refused).toEqual([]);
    expect(o.checked).toBeGreaterThan(100);
    expect(o.landed).toBeGreaterThan(50);
    expect(o.landedIn.sidecar).toBeGreaterThan(20);
    expect(o.landedIn.stepTemplate).toBeGreaterThan(20);
    expect(o.landedIn.stepAction).toBeGreaterThan(20);
    expect(o.landedIn.mount).toBeGreaterThan(20);
    expect(o.landedIn.pipelineWhen).toBeGreaterThan(10);
    expect(o.gaps).toEqual([]);
  });

  test("a whole $(params.<p>) of an array a PipelineRun's own pipelineSpec is given: Tekton expands it, SCRIPT_INJECTION reads each position", () => {
    // sh -c CODE NAME ARG…: the canary's place in Tekton's command is the positional parameter the rule reads it as
    const code = ['sh', '-c', 'echo "$1"; eval "$2"', '_', '$(params.name)'];
    const taskSpec = (type?: string) => ({ params: [{ name: 'name', ...(type ? { type } : {}), default: 'main' }], steps: [{ name: 's', image: PINNED, command: code }] });
    const run = (params: any[], pipelineSpec: any) => ({ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: meta('pr'), spec: { params, pipelineSpec } });
    const given = (value: any) => [{ name: 'name', value }];
    const cases: Array<[string, any, Readonly<Record<string, string>>?]> = [
      ['the run gives an array the pipeline declares', run(given(['main', 'CANARY']), { params: [{ name: 'name', type: 'array' }], tasks: [{ name: 't', taskSpec: taskSpec() }] })],
      ['the run gives an array the pipeline does not declare', run(given(['main', 'CANARY']), { tasks: [{ name: 't', taskSpec: taskSpec() }] })],
      ['the pipeline\'s array default', run([], { params: [{ name: 'name', type: 'array', default: ['main', 'CANARY'] }], tasks: [{ name: 't', taskSpec: taskSpec() }] })],
      ['a pipeline task\'s pipelineSpec given an array', run([{ name: 'ref', value: 'CANARY' }], {
        params: [{ name: 'ref', type: 'string' }],
        tasks: [{ name: 'outer', params: [{ name: 'name', value: ['main', '$(params.ref)'] }], pipelineSpec: { tasks: [{ name: 't', taskSpec: taskSpec('string') }] } }],
      }), { 'enable-api-fields': 'alpha' }],
    ];
    const answers = tektonSubstitute(cases.map(([, r, featureFlags]) => ({ run: r, ...(featureFlags ? { featureFlags } : {}) })));
    cases.forEach(([label, r], i) => {
      const command = answers[i].taskRuns?.[0]?.taskSpec?.steps?.[0]?.command;
      // Tekton: the canary is $2 (argv[3] is $0)
      expect([label, command?.indexOf('CANARY') - 3]).toEqual([label, 2]);
      // the rule, with the canary as a value callers choose (a TriggerTemplate's), reads $2 as it
      const audited = JSON.parse(JSON.stringify(r).replace(/CANARY/g, '$(tt.params.ref)'));
      expect([label, SCRIPT_INJECTION.check(audited).map((f) => f.value)]).toEqual([label, ['eval "$2"']]);
    });
    // a param the pipeline declares a string: Tekton refuses the run's array
    const refused = tektonSubstitute([{ run: run(given(['main', 'CANARY']), { params: [{ name: 'name', type: 'string' }], tasks: [{ name: 't', taskSpec: taskSpec() }] }) }]);
    expect(refused[0].error).toMatch(/inconsistent types/);
  });

  test(`generated runs (seed ${SEED}, ${RUNS} runs): the same`, () => {
    const cases = generated(SEED, RUNS);
    const o = judgeAll(cases);
    if (process.env.SUBSTITUTION_VERBOSE) console.log(`${o.checked} places checked (${o.landed} with a caller's value, ${o.landedIn.sidecar} in sidecars, ${o.landedIn.stepTemplate} in stepTemplates, ${o.landedIn.stepAction} in steps that run StepActions, ${o.landedIn.mount} in mount paths, ${o.landedIn.pipelineWhen} in pipeline tasks' when), ${o.strict} findings where Tekton pastes only the author's values, ${o.refused.length} runs refused:\n${o.refused.join('\n')}`);
    // most runs are admitted and substituted
    expect(o.refused.length).toBeLessThan(cases.length / 3);
    expect(o.checked).toBeGreaterThan(RUNS * 5);
    expect(o.landed).toBeGreaterThan(RUNS);
    expect(o.landedIn.sidecar).toBeGreaterThan(RUNS / 5);
    expect(o.landedIn.stepTemplate).toBeGreaterThan(RUNS / 10);
    expect(o.landedIn.stepAction).toBeGreaterThan(RUNS / 5);
    expect(o.landedIn.mount).toBeGreaterThan(RUNS / 5);
    expect(o.landedIn.pipelineWhen).toBeGreaterThan(RUNS / 50);
    expect(o.gaps.slice(0, 20)).toEqual([]);
  });
});
