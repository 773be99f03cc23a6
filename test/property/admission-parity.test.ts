/**
 * Differential property: the rule catalogue and TektonAdmissionPolicies (evaluated with the API
 * server's own CEL admission code, conformance/cmd/vap-eval) agree on every Tekton object drawn
 * by admission-parity-generators.ts, rule by rule, for the rules the policies enforce:
 *
 * (a) when the catalogue has a finding of such a rule that no record the policies honour
 *     relaxes, the policies refuse the object for that rule;
 * (b) when the policies refuse the object naming a rule, the catalogue has such a finding of it.
 *
 * The policies see each object as the API server hands it to admission: decoded with Tekton's CRDs
 * (TEKTON_CRDS: pruned, the nulls of declared fields dropped, metadata coerced); an object the
 * API server refuses for its CRD's schema never reaches them and is not compared (few are drawn).
 *
 * The deliberate differences the construct documents are explicit exclusions below, each with
 * the sentence of TektonAdmissionPolicies' doc comment (and README.md's admission section) it
 * rests on. Seeded and bounded (PROPERTY_SEED, PARITY_RUNS to scale) so that the file stays
 * within seconds; one vap-eval process serves the whole file.
 */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { HARDENED_SC, LABELLED_CODE, NAMESPACE, PINNED_IMAGE, SERVICE_ACCOUNT, tektonObject } from './admission-parity-generators';
import { Finding, RuleCatalogue, RuleId, TektonAdmissionPolicies } from '../../src';
import { honouredRelaxations } from '../../src/policy/engine/annotations';
import { coveringRelaxation, evaluateManifests } from '../../src/policy/engine/evaluate';
import { PIPELINE_POD_LABELS } from '../../src/private/annotations';
import { ContainerView, containersOf } from '../../src/private/containers';
import { storedForm } from '../../src/private/stored-form';
import { describeWithVapEval, TEKTON_CRDS, VapEvaluator } from '../helpers/vap-eval';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);
const SCALE = Number(process.env.PARITY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

/** The rules the policies enforce (and so compare), but RBAC_NO_ESCALATION (run status) and VALID_SPEC (their own limits). */
const COMPARED: readonly RuleId[] = [
  RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.NOT_PRIVILEGED, RuleId.DROP_ALL_CAPABILITIES,
  RuleId.SECCOMP_RUNTIME_DEFAULT, RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION, RuleId.WORKSPACE_PER_RUN, RuleId.SCRIPT_INJECTION,
  RuleId.ARGUMENT_INJECTION, RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED, RuleId.MOUNT_PATH_FIXED, RuleId.RUN_POD_OVERRIDES,
  RuleId.RUN_POD_SECURITY_CONTEXT, RuleId.RUN_TOKEN_AUTOMOUNT, RuleId.RUN_SERVICE_ACCOUNT,
];

/** A SCRIPT_INJECTION finding of a run's label's $(NAME) the kubelet pastes into a shell's code or a positional parameter. */
const PASTED_LABEL = /, which the kubelet fills from valueFrom\.fieldRef metadata\.labels\[[^\]]*\], (which callers choose \(a word, which can name a program\), and pastes into the code where|a word callers choose)/;

/**
 * The findings of each rule that the policies enforce; the others are deliberate differences:
 * - ARGUMENT_INJECTION: option values that programs run are not read (Limits), but the runners' package and code options;
 * - RUN_AS_NON_ROOT: "nor a non-zero runAsUser on steps" (Limits: not enforced here; a runAsGroup of 0 is);
 * - RUN_POD_SECURITY_CONTEXT and RUN_TOKEN_AUTOMOUNT: "nor the settings the catalogue requires rather than
 *   forbids of run pod templates (`automountServiceAccountToken: false`: one set to `true` is refused; a pod securityContext with
 *   runAsNonRoot, fsGroup and a seccomp profile)": only a root identity, a seccompProfile whose type is written
 *   other than RuntimeDefault or Localhost, a projected token and a template that mounts the token again are refused.
 */
const ENFORCED: Partial<Record<RuleId, (f: Finding) => boolean>> = {
  // "The option values ARGUMENT_INJECTION knows programs run (`git --upload-pack=…`, `tar --to-command=…`, `rsync -e …`) … are not read (but
  // the package and code options of the runners above, before their first `--`)"
  [RuleId.ARGUMENT_INJECTION]: (f) => !/^(is the value of (?!(npx|npm|uvx|uv|pipx|bunx|pnpm|yarn)'s -)|reaches \S+'s configuration: )/.test(f.problem),
  // "A script that runs as code an env var holding a value callers can choose (`eval "$X"`, …), or a script's `args` that its code runs so
  // (`eval "$1"`), is not read: CEL cannot read shell" (and of `sh -c CODE NAME ARG…` only a few forms are: POSITIONAL_REFUSAL, compared (b)
  // alone); but "a run's label's `$(NAME)` … is refused anywhere in the code of a shell … and in the arguments after it", and in a script's `args`
  [RuleId.SCRIPT_INJECTION]: (f) => !/^runs as code /.test(f.problem) || PASTED_LABEL.test(f.problem),
  [RuleId.RUN_AS_NON_ROOT]: (f) => !f.property?.endsWith('runAsUser'),
  // a root identity, and a seccompProfile type written other than RuntimeDefault or Localhost (Tekton's init containers take it)
  [RuleId.RUN_POD_SECURITY_CONTEXT]: (f) => /root/.test(f.problem) || (/seccompProfile\.type$/.test(f.property ?? '') && f.value !== undefined),
  // a projected token, and a template's automountServiceAccountToken set to true (its run-wide 'is not false' finding of value true)
  [RuleId.RUN_TOKEN_AUTOMOUNT]: (f) => f.problem !== 'is not false' || f.value === 'true',
  // RUN_POD_OVERRIDES' Limits: "The admission policies do not judge … nor a pod template's credential volume a task mounts, whose steps are the
  // Task's or Pipeline's"
  [RuleId.RUN_POD_OVERRIDES]: (f) => !/, which its (step|sidecar) '[^']*' mounts at .*: whoever writes the run chooses a credential the task holds/.test(f.problem),
};

/**
 * Rules whose refusals by the policies are not compared with the catalogue (b):
 * - RUN_SERVICE_ACCOUNT: "PipelineRuns name an allowed ServiceAccount … `default` is never allowed": the
 *   allow-list is the cluster admin's, wider than the catalogue's "never default" (a run that names none,
 *   or another one, is refused by the policies only).
 */
const REFUSED_BEYOND_CATALOGUE: readonly RuleId[] = [RuleId.RUN_SERVICE_ACCOUNT];

/**
 * Refusals not compared with the catalogue (b), by message: "A run's label's `$(NAME)` … is refused (SCRIPT_INJECTION) anywhere
 * in the code of a shell and in every argument after it …, in a script's `args` …, and in the string of `env -S`. The catalogue
 * reads the shell's code for where the word runs …, and reads neither `env -S` nor an env var that copies a label, so the
 * policies refuse more" (the catalogue's findings of it are still compared, (a)).
 */
const REFUSED_BEYOND_CATALOGUE_AS: readonly RegExp[] = [/^A step, sidecar, stepTemplate or StepAction pastes a run's label, which callers choose, into code: /];

/**
 * Refusals of a Task or a Pipeline not compared with the catalogue (b), by message: "no task spec (a Task's, a Pipeline's task's or one
 * a run embeds, whose runs carry no spec to refuse) projects a ServiceAccount token into its pods (RUN_TOKEN_AUTOMOUNT)": the catalogue
 * reports such a volume on the runs checked with the Task or Pipeline that refer to it, and on a run's own embedded specs (compared).
 */
const REFUSED_BEYOND_CATALOGUE_ON_DEFINITIONS: readonly RegExp[] = [/^A task spec \(a Task's, a Pipeline's task or one a run embeds\) projects a ServiceAccount token /];

/**
 * SCRIPT_INJECTION and ARGUMENT_INJECTION refusals not compared with the catalogue (b) for an object that runs bun (a command or args
 * holding bun, by basename): "`bun` whatever its sub-command, stricter than the catalogue, which reads `bun x …` as a package runner,
 * as bunx, and the arguments after the file of `bun run FILE` or `bun FILE` as data" (and, a runner "which run[s] a command of [its]
 * own", its workingDir: `bun run build.ts` with a caller's workingDir is refused); the catalogue's findings of it are still compared,
 * (a), its ARGUMENT_INJECTION there with a refusal of either rule: "a caller's package or program there … is refused as
 * SCRIPT_INJECTION". The rest of the object is compared in full: the object again with bun's containers running `true`
 * (withoutContainers).
 */
const BUN = /(^|\/)bun$/;

/** Whether the container `v` runs bun (its command or args, with the stepTemplate's, hold bun by basename). */
function runsBunIn(v: ContainerView): boolean {
  return [v.effective?.command, v.effective?.args].some((l) => Array.isArray(l) && l.some((a) => typeof a === 'string' && BUN.test(a)));
}

/** Whether a container of `obj` (a step, sidecar or stepTemplate anywhere in it) runs bun. */
function runsBun(obj: unknown): boolean {
  return containersOf(obj).some(runsBunIn);
}

/**
 * SCRIPT_INJECTION refusals not compared with the catalogue (b) for an object with a container that gives python's `-c CODE`, node's,
 * perl's or ruby's `-e CODE` a caller's value after the code: "a caller's value they refuse in the arguments after the code of
 * `python3 -c`, `node -e`, `perl -e` or `ruby -e`, whatever the code, the catalogue reads as the data the interpreter gives the code
 * (`sys.argv` …) where it cannot be an option and the fixed code names no evaluator"; the catalogue's
 * findings are still compared (a), and the rest of the object in full: the object again with those containers running `true`.
 */
const ARGV_INTERPRETER = /(^|\/)(python[0-9.]*|node|nodejs|perl[0-9.]*|ruby[0-9.]*)$/;

/** Whether the container `v` gives an interpreter's `-c`/`-e` code a substitution after it (ARGV_INTERPRETER). */
function givesArgvIn(v: ContainerView): boolean {
  const argv = [...(v.effective?.command ?? []), ...(v.effective?.args ?? [])].filter((a: unknown) => typeof a === 'string') as string[];
  const at = argv.findIndex((a) => ARGV_INTERPRETER.test(a));
  if (at < 0) return false;
  const code = argv.findIndex((a, k) => k > at && /^-[A-Za-z]*[ce]$/.test(a));
  return code > at && argv.slice(code + 2).some((a) => a.includes('$('));
}

/** Whether a container of `obj` gives one (givesArgvIn). */
function givesArgv(obj: unknown): boolean {
  return containersOf(obj).some(givesArgvIn);
}

/**
 * `obj` with the containers `pick` chooses running `true ok` in place of what they ran (their command, args and script; args given,
 * so that a stepTemplate's are not merged in): what the policies and the catalogue say of the rest of it.
 */
function withoutContainers(obj: any, pick: (v: ContainerView) => boolean): any {
  const o = structuredClone(obj);
  for (const v of containersOf(o)) {
    if (!pick(v) || v.container === null || typeof v.container !== 'object') continue;
    v.container.command = ['true'];
    v.container.args = ['ok'];
    delete v.container.script;
  }
  return o;
}

/**
 * Refusals compared (b) with the catalogue's findings of a caller's value that `sh -c CODE NAME ARG…` gets as a positional parameter and its code
 * runs, which (a) leaves out (ENFORCED): "Of `sh -c CODE NAME ARG…` with a caller's value in an ARG, the code is read on one command line for a
 * few forms … Any other way the code runs it … is the catalogue's alone".
 */
const POSITIONAL_REFUSAL = /^A step, sidecar, stepTemplate or StepAction passes a substitution callers can choose as a positional parameter /;

/** The catalogue's SCRIPT_INJECTION finding of such a positional parameter. */
const POSITIONAL_FINDING = /^runs as code \S+, which holds .* and which the shell gets as a positional parameter: /;

/** The pod templates of a run (v1 and v1beta1 fields). */
function podTemplatesOf(obj: any): any[] {
  const spec = obj.spec ?? {};
  return [spec.podTemplate, spec.taskRunTemplate?.podTemplate, ...(spec.taskRunSpecs ?? []).flatMap((t: any) => [t.podTemplate, t.taskPodTemplate])]
    .filter((p) => p !== undefined && p !== null);
}

/**
 * The object without what the policies do not read (doc, Limits: "A run's pod-level `runAsNonRoot`, `runAsUser`, `runAsGroup`
 * and `seccompProfile`, which Kubernetes applies to the containers that set none, are not read for the steps and sidecars of
 * the task specs the run embeds"): not credited to a container that sets none (the policies refuse it, the catalogue does
 * not), nor held against a step that runs a StepAction (which sets them itself, as the policies require of every StepAction).
 */
function withoutPodDefaults(obj: any): any {
  const o = structuredClone(obj);
  for (const p of podTemplatesOf(o)) {
    if (p.securityContext === null || typeof p.securityContext !== 'object') continue;
    for (const f of ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile']) delete p.securityContext[f];
  }
  return o;
}

/**
 * The object with each value a run gives its own params replaced by an event's (doc, Limits: "A run's own param values are
 * not trusted"): the catalogue takes a constant a run in a manifest gives for the spec it embeds as its author's, but the
 * policies cannot tell such a value from one Triggers or another tool filled in before the run was created.
 */
function withRunValuesUnknown(obj: any): any {
  if (obj.kind !== 'TaskRun' && obj.kind !== 'PipelineRun') return obj;
  const o = structuredClone(obj);
  for (const p of Array.isArray(o.spec?.params) ? o.spec.params : []) {
    if (typeof p?.name !== 'string') continue;
    // a string, each element of an array, each key of an object (the catalogue takes each constant as fixed)
    if (typeof p.value === 'string') p.value = `$(tt.params.${p.name})`;
    else if (Array.isArray(p.value)) p.value = p.value.map((_: unknown, i: number) => `$(tt.params.${p.name}-${i})`);
    else if (p.value !== null && typeof p.value === 'object') p.value = Object.fromEntries(Object.keys(p.value).map((k) => [k, `$(tt.params.${p.name}-${k})`]));
  }
  return o;
}

/**
 * Findings no record the policies honour relaxes (doc: "… and the RUN_POD_OVERRIDES checks of the labels a pipeline's NetworkPolicies
 * select its pods by (`secure-tekton/pipeline` …; a `tekton.dev/` label in a PipelineRun's taskRunSpecs, and `tekton.dev/pipeline`,
 * `pipelineTask`, `pipelineRun` or `memberOf` on a Task or on a TaskRun the controller did not make …) are never exempt"); the
 * catalogue's rule relaxes them ("but the admission policies honour none for them").
 */
function neverExempt(f: Finding): boolean {
  const key = /(^|\.)metadata\.labels\['([^']*)'\]$/.exec(f.property ?? '')?.[2];
  return f.rule === RuleId.RUN_POD_OVERRIDES && key !== undefined && (key.startsWith('tekton.dev/') || PIPELINE_POD_LABELS.includes(key));
}

/** The rules whose findings on a run's task specs the pod-level settings can settle (see withoutPodDefaults). */
const POD_CREDITED: readonly RuleId[] = [RuleId.RUN_AS_NON_ROOT, RuleId.SECCOMP_RUNTIME_DEFAULT];

/**
 * A refusal of the policies that a finding of another rule of the catalogue accounts for:
 * - DROP_ALL_CAPABILITIES: a capability beyond baseline in a step that a record exempts from it is refused "whatever the
 *   records" (doc: "SYS_ADMIN is refused whatever the records"), as the catalogue's NOT_PRIVILEGED finds it;
 * - ARGUMENT_INJECTION: "Wrappers (`env`, `timeout`, `nice` …) are read approximately … without one [an argument named like
 *   an interpreter], the wrapper's own arguments count as the program's": `env -S 'sh -c …'` is SCRIPT_INJECTION to the
 *   catalogue, which then leaves its workingDir and arguments to that rule.
 */
const FOUND_AS: Partial<Record<RuleId, RuleId[]>> = {
  [RuleId.DROP_ALL_CAPABILITIES]: [RuleId.NOT_PRIVILEGED],
  [RuleId.ARGUMENT_INJECTION]: [RuleId.SCRIPT_INJECTION],
};

/** The policy configurations drawn: the default honoured records, every one the policies can honour, and none. */
const ALL_EXEMPTABLE: RuleId[] = [
  RuleId.IMAGE_DIGEST, RuleId.RUN_AS_NON_ROOT, RuleId.NO_PRIVILEGE_ESCALATION, RuleId.DROP_ALL_CAPABILITIES, RuleId.SECCOMP_RUNTIME_DEFAULT,
  RuleId.WORKSPACE_PER_RUN, RuleId.NO_HOST_ACCESS, RuleId.DEFAULT_ISOLATION, RuleId.RUN_POD_OVERRIDES, RuleId.RUN_POD_SECURITY_CONTEXT,
  RuleId.RUN_TOKEN_AUTOMOUNT, RuleId.ARGUMENT_INJECTION, RuleId.EXPANSION_INJECTION, RuleId.SECRET_REFERENCE_FIXED, RuleId.MOUNT_PATH_FIXED,
];

function emitted(honoured?: RuleId[]): { vaps: any[]; honoured: RuleId[] } {
  const chart = new Chart(Testing.app(), 'parity', { namespace: NAMESPACE });
  const p = new TektonAdmissionPolicies(chart, 'admission', {
    namespaces: [NAMESPACE], allowedServiceAccounts: [SERVICE_ACCOUNT], ...(honoured !== undefined ? { honouredRelaxations: honoured } : {}),
  });
  return { vaps: Testing.synth(chart).filter((o: any) => o.kind === 'ValidatingAdmissionPolicy'), honoured: p.honouredRelaxations };
}

const CONFIGS = [emitted(), emitted(ALL_EXEMPTABLE), emitted([])];

/** The message of the validation that refuses, whatever the records say, capabilities beyond baseline in a step exempt from DROP_ALL_CAPABILITIES. */
const BEYOND_BASELINE = /^A step, sidecar or StepAction that a relaxation record exempts from DROP_ALL_CAPABILITIES adds a capability/;

/** The rule a refusal message names; the baseline capabilities refusal is the catalogue's NOT_PRIVILEGED (which no record relaxes). */
function refusalRule(message: string): string {
  if (BEYOND_BASELINE.test(message)) return RuleId.NOT_PRIVILEGED;
  return /\[([A-Z_]+)\]\. /.exec(message)?.[1] ?? message;
}

/** The catalogue's unrelaxed findings (after the records the policies honour) of the compared rules, by rule; those ENFORCED leaves out too with `all`. */
function catalogueFindings(obj: any, honoured: readonly RuleId[], all = false): Map<RuleId, Finding[]> {
  const stored = storedForm(obj);
  const records = honouredRelaxations(stored, 'object', (r) => RuleCatalogue.isRelaxable(r)).filter((r) => honoured.includes(r.rule));
  const out = new Map<RuleId, Finding[]>();
  for (const check of evaluateManifests([obj])[0].checks) {
    if (!COMPARED.includes(check.rule)) continue;
    const enforced = all ? () => true : ENFORCED[check.rule] ?? (() => true);
    const open = check.findings.filter((f) => enforced(f) && (neverExempt(f) || coveringRelaxation(f, records) === undefined));
    if (open.length > 0) out.set(check.rule, open);
  }
  return out;
}

const evaluator = new VapEvaluator();

/** Where policyRefusals puts what the API server refuses the object for (its CRD's schema) before any policy runs. */
const INVALID = 'invalid';

/**
 * Where policyRefusals puts the refusals of REFUSED_BEYOND_CATALOGUE_AS, and those of REFUSED_BEYOND_CATALOGUE_ON_DEFINITIONS of a Task or
 * Pipeline (compared only with the catalogue's findings, (a)).
 */
const BEYOND = 'beyond';

/** Where policyRefusals puts the refusals of POSITIONAL_REFUSAL (compared only with the catalogue's findings of POSITIONAL_FINDING, (b)). */
const POSITIONAL = 'positional';

/**
 * The policies' refusals of a CREATE of `obj` by a user, by rule; evaluation errors under `error`, those of REFUSED_BEYOND_CATALOGUE_AS under `beyond`,
 * those of POSITIONAL_REFUSAL under `positional`.
 */
async function policyRefusals(obj: any, vaps: any[]): Promise<Map<string, string[]>> {
  const result = await evaluator.evaluate({
    policies: vaps,
    // as drawn, not storedForm: the API server decodes the object with Tekton's CRDs before admission (what their schemas do not declare pruned, the nulls of
    // the fields they declare dropped, metadata coerced), and refuses one its schema does not admit before any policy runs
    crds: [...TEKTON_CRDS],
    requests: [{ operation: 'CREATE', object: obj, namespaceName: NAMESPACE, userInfo: { username: 'jane@example.com' } }],
  });
  const compileErrors = result.policies.flatMap((p) => p.compileErrors);
  if (compileErrors.length > 0) throw new Error(`policies do not compile: ${JSON.stringify(compileErrors)}`);
  const out = new Map<string, string[]>();
  if (result.requests[0].invalid) out.set(INVALID, result.requests[0].invalid);
  for (const v of result.requests[0].verdicts) {
    if (v.error) throw new Error(`policy ${v.policy}: ${v.error}`);
    for (const d of v.denials) {
      if (d.evaluation !== 'error' && (REFUSED_BEYOND_CATALOGUE_AS.some((m) => m.test(d.message))
        || (['Task', 'Pipeline'].includes(obj?.kind) && REFUSED_BEYOND_CATALOGUE_ON_DEFINITIONS.some((m) => m.test(d.message))))) {
        out.set(BEYOND, [...out.get(BEYOND) ?? [], d.message]);
        continue;
      }
      if (d.evaluation !== 'error' && POSITIONAL_REFUSAL.test(d.message)) {
        out.set(POSITIONAL, [...out.get(POSITIONAL) ?? [], d.message]);
        continue;
      }
      const rule = d.evaluation === 'error' ? 'error' : refusalRule(d.message);
      out.set(rule, [...out.get(rule) ?? [], d.message]);
    }
  }
  return out;
}

/** What the API server refused drawn objects for before the policies (their CRD's schema), one entry per object. */
const refusedBySchema: string[] = [];

/**
 * Where the two enforcers disagree about `obj`, as lines (empty when they agree); below `depth` 2, again for the object without the
 * containers an exclusion covers (bun's, those of the catalogue's positional findings), so that it covers them alone.
 */
async function disagreements(obj: any, config: { vaps: any[]; honoured: RuleId[] }, depth = 0): Promise<string[]> {
  const findings = catalogueFindings(withRunValuesUnknown(obj), config.honoured);
  const uncredited = catalogueFindings(withoutPodDefaults(withRunValuesUnknown(obj)), config.honoured);
  const refusals = await policyRefusals(obj, config.vaps);
  const out: string[] = [];
  // the API server refuses it for its CRD's schema before any policy runs: the object is never stored, nothing to compare
  if (refusals.has(INVALID)) {
    refusedBySchema.push(refusals.get(INVALID)!.join(' | '));
    return [];
  }
  if (refusals.has('error')) out.push(`policies could not evaluate: ${refusals.get('error')!.join(' | ')}`);
  for (const [rule, fs] of findings) {
    if (POD_CREDITED.includes(rule) && !uncredited.has(rule)) continue;
    // NOT_PRIVILEGED's capabilities are refused by the DROP_ALL_CAPABILITIES validations
    // and bun's, read as an interpreter whatever its sub-command: "a caller's package or program there, `bun x $(params.x)`, its
    // ARGUMENT_INJECTION, is refused as SCRIPT_INJECTION"
    const refusedFor = rule === RuleId.NOT_PRIVILEGED ? [rule, RuleId.DROP_ALL_CAPABILITIES]
      : rule === RuleId.ARGUMENT_INJECTION && runsBun(obj) ? [rule, RuleId.SCRIPT_INJECTION] : [rule];
    const beyond = rule === RuleId.SCRIPT_INJECTION && refusals.has(BEYOND);
    if (!refusedFor.some((r) => refusals.has(r)) && !beyond) {
      out.push(`catalogue finds ${rule} (${fs.map((f) => `${f.target ?? '*'} ${f.property ?? ''} ${f.problem}`).join('; ')}), the policies admit it`);
    }
  }
  if (refusals.has(POSITIONAL)) {
    const positional = (catalogueFindings(withRunValuesUnknown(obj), config.honoured, true).get(RuleId.SCRIPT_INJECTION) ?? [])
      .filter((f) => POSITIONAL_FINDING.test(f.problem));
    if (positional.length === 0) {
      out.push(`policies refuse a positional parameter run as code (${refusals.get(POSITIONAL)!.join(' | ')}), the catalogue has no such finding`);
    } else if (depth < 2) {
      // a finding covers the refusal of its own container alone: without those containers, any other refusal needs its finding
      const found = new Set(positional.map((f) => f.target));
      out.push(...(await disagreements(withoutContainers(obj, (v) => found.has(v.target)), config, depth + 1))
        .map((line) => `without the containers of the catalogue's positional findings (${[...found].join(', ')}): ${line}`));
    }
  }
  if (depth < 2 && runsBun(obj)) {
    out.push(...(await disagreements(withoutContainers(obj, runsBunIn), config, depth + 1)).map((line) => `without bun's containers: ${line}`));
  }
  if (depth < 2 && givesArgv(obj)) {
    out.push(...(await disagreements(withoutContainers(obj, givesArgvIn), config, depth + 1))
      .map((line) => `without the containers giving an interpreter's code a caller's value: ${line}`));
  }
  for (const [rule, messages] of refusals) {
    if (rule === 'error' || !COMPARED.includes(rule as RuleId) || REFUSED_BEYOND_CATALOGUE.includes(rule as RuleId)) continue;
    if ((rule === RuleId.SCRIPT_INJECTION || rule === RuleId.ARGUMENT_INJECTION) && runsBun(obj)) continue;
    if (rule === RuleId.SCRIPT_INJECTION && givesArgv(obj)) continue;
    const foundAs = [rule, ...FOUND_AS[rule as RuleId] ?? []];
    const found = POD_CREDITED.includes(rule as RuleId) ? uncredited : findings;
    if (!foundAs.some((r) => found.has(r as RuleId))) out.push(`policies refuse for ${rule} (${messages.join(' | ')}), the catalogue has no unrelaxed finding`);
  }
  return out;
}

describeWithVapEval('the catalogue and the admission policies agree on drawn Tekton objects', () => {
  beforeAll(() => evaluator.start());
  afterAll(() => evaluator.stop());

  test('rule by rule, both ways, but for the documented differences', async () => {
    await fc.assert(fc.asyncProperty(tektonObject, fc.constantFrom(0, 1, 2), async (obj, c) => {
      expect(await disagreements(obj, CONFIGS[c])).toEqual([]);
    }), runs(300));
    // the generators draw objects the API server stores: those it refuses (a seccompProfile without its required type) stay few,
    // so the comparison keeps its power
    expect(refusedBySchema.length).toBeLessThan(runs(300).numRuns / 10);
  }, 120_000 * Math.max(1, SCALE));

  test("pwsh's parameters as PowerShell reads them, Windows PowerShell's first operand, cmd's code, their names as Windows finds them: each labelled command of pwsh, pwsh-preview, powershell and cmd, drawn or not", async () => {
    const commands = LABELLED_CODE.filter((c) => /(^|[/\\])(pwsh|powershell|cmd)[^/\\]*$/i.test(String((c.command as string[] | undefined)?.[0] ?? '')));
    expect(commands.length).toBeGreaterThan(20);
    // (each command's disagreements, all of them named)
    const lines: string[] = [];
    for (const c of commands) {
      const obj = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 't', namespace: NAMESPACE },
        spec: { steps: [{ name: 's0', image: PINNED_IMAGE, securityContext: HARDENED_SC, ...structuredClone(c) }] },
      };
      lines.push(...(await disagreements(obj, CONFIGS[0])).map((line) => `${JSON.stringify(c.command)}: ${line}`));
    }
    expect(lines).toEqual([]);
  });

  // (both sides read these alike before, wrongly: each side's verdict as PowerShell's CommandLineParameterParser and cmd.exe read the command)
  test('and each side refuses or finds the label where PowerShell or cmd runs it as code, and admits a script file\'s own -c', async () => {
    const verdicts: ReadonlyArray<readonly [string[], boolean]> = [
      [['pwsh', '/NoProfile', '-ec', '$(TOOL)'], true],
      [['pwsh', ' -c', 'Write-Output $(TOOL)'], true],
      [['pwsh', '-c ', 'Write-Output', '$(TOOL)'], true],
      [['powershell.exe', '-Command', 'Write-Output', '$(TOOL)'], true],
      [['PowerShell.EXE', 'Write-Output', '$(TOOL)'], true],
      [['C:\\Program Files\\PowerShell\\7\\pwsh.exe', '-c', 'Write-Output', '$(TOOL)'], true],
      [['cmd', '/c', 'echo $(TOOL)'], true],
      [['cmd.exe', '/c', 'echo $(TOOL)'], true],
      [['C:\\Windows\\System32\\CMD.EXE', '/s', '/k', 'echo', '$(TOOL)'], true],
      [['pwsh', '-NoProfile', '-File', './deploy.ps1', '-Command', 'status', '-Target', '$(TOOL)'], false],
      [['pwsh', './b.ps1', '-Comm', '$(TOOL)'], false],
      [['pwsh', '/scripts/build.ps1', '-c', '$(TOOL)'], false],
      [['powershell', '-File', 'b.ps1', '-c', '$(TOOL)'], false],
      [['pwsh.exe', '-File', 'b.ps1', '$(TOOL)'], false],
      [['powershell', '-Foo', '-File', 'b.ps1', '$(TOOL)'], true],
      [['powershell', '--File', 'b.ps1', '$(TOOL)'], true],
      [['powershell', '-Version', '-File', 'b.ps1', '$(TOOL)'], true],
      [['powershell', '-ep', '-ExecutionPolicy', 'x', '-File', 'b.ps1', '$(TOOL)'], true],
      [['powershell', '-nop', '-WindowStyle', 'Hidden', '/ep', 'Bypass', '-f', 'b.ps1', '$(TOOL)'], false],
    ];
    const lines: string[] = [];
    for (const [command, code] of verdicts) {
      const c = LABELLED_CODE.find((x) => JSON.stringify(x.command) === JSON.stringify(command));
      expect([command, c !== undefined]).toEqual([command, true]);
      const obj = {
        apiVersion: 'tekton.dev/v1',
        kind: 'Task',
        metadata: { name: 't', namespace: NAMESPACE },
        spec: { steps: [{ name: 's0', image: PINNED_IMAGE, securityContext: HARDENED_SC, ...structuredClone(c) }] },
      };
      const refused = [...(await policyRefusals(obj, CONFIGS[0].vaps)).values()].flat().some((m) => /pastes a run's label/.test(m));
      const found = catalogueFindings(obj, CONFIGS[0].honoured).has(RuleId.SCRIPT_INJECTION);
      if (refused !== code || found !== code) lines.push(`${JSON.stringify(command)}: policies ${refused ? 'refuse' : 'admit'}, the catalogue ${found ? 'finds' : 'does not find'} it`);
    }
    expect(lines).toEqual([]);
  });

  describe('an exclusion covers the containers it is about alone: a disagreement in another container of the object is still found', () => {
    /** A Task of hardened steps, each running `command` and args. */
    const task = (...commands: string[][]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 't', namespace: NAMESPACE },
      spec: {
        params: [{ name: 'x' }],
        steps: commands.map((command, i) => ({
          name: `s${i}`,
          image: PINNED_IMAGE,
          command,
          securityContext: HARDENED_SC,
        })),
      },
    });
    /** The default configuration with the first SCRIPT_INJECTION validation whose message `pick` takes refusing every object. */
    const refusingAll = (pick: (message: string) => boolean) => {
      const config = structuredClone(CONFIGS[0]);
      const v = config.vaps.flatMap((p: any) => p.spec.validations).find((x: any) => x.message.includes('[SCRIPT_INJECTION]') && pick(x.message));
      v.expression = 'false';
      return config;
    };
    const evaluated = ['sh', '-c', 'eval "$1"', '_', '$(params.x)'];
    const printed = ['sh', '-c', 'echo "$1"', '_', '$(params.x)'];

    test('as drawn, with the policies as emitted, they agree', async () => {
      expect(await disagreements(task(evaluated, printed), CONFIGS[0])).toEqual([]);
      expect(await disagreements(task(['bun', 'x', '$(params.x)'], printed), CONFIGS[0])).toEqual([]);
    });

    test("a positional refusal the catalogue's finding in another step does not account for", async () => {
      const lines = await disagreements(task(evaluated, printed), refusingAll((m) => POSITIONAL_REFUSAL.test(m)));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^without the containers of the catalogue's positional findings \(step\/s0\): policies refuse a positional parameter run as code /);
    });

    test('a SCRIPT_INJECTION refusal in an object that runs bun in another step', async () => {
      const lines = await disagreements(task(['bun', 'x', '$(params.x)'], printed), refusingAll((m) => !POSITIONAL_REFUSAL.test(m)));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^without bun's containers: policies refuse for SCRIPT_INJECTION \(/);
    });
  });
});
