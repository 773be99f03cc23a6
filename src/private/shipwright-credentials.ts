/**
 * The credentials the steps of a Shipwright build hold while they run repository code
 * (CREDENTIALS_WITH_REPO_CODE), read from shipwright-io/build v0.20.13:
 *
 * - `output.pushSecret` (v1alpha1 `output.credentials.name`), the BuildRun's when its `output` names one, else
 *   the Build's, is linked to the run's ServiceAccount (`secrets:`; resources/credentials.go `ApplyCredentials`,
 *   service_accounts.go `RetrieveServiceAccount`, a `.generate`d account too), so Tekton's creds-init mounts it
 *   into every step and writes it into each step's home directory, where the Secret's type is one creds-init
 *   takes (tekton-config.ts `credsInitWrites`); Shipwright's own image-processing step mounts it besides;
 * - a `secretValue` of a `paramValues` entry (a BuildRun's over its Build's) is an env variable with a
 *   `secretKeyRef` in each step whose command, args or env values name the param (params.go `addSecretEnvVar`,
 *   `isStepReferencingParameter`);
 * - a Build's or BuildRun's `spec.env` entry with a `secretKeyRef` is appended to every step that has no
 *   variable of its name (shipwright-builds.ts);
 * - an `overridable` strategy volume whose source the Build or BuildRun makes a Secret (or projected Secret)
 *   is mounted where the strategy's steps mount it;
 * - the strategy's own: a step's `env[].valueFrom.secretKeyRef`, a Secret volume of the strategy it mounts
 *   (reported on the strategy itself; the controller copies no `envFrom` of a step).
 *
 * - for a BuildRun, the Secrets creds-init takes from the ServiceAccount it runs as (creds-init-secrets.ts: those its
 *   `secrets:` list, and the pushSecrets other BuildRuns link there and leave), as for a TaskRun's.
 *
 * `source.git.cloneSecret` (v1alpha1 `source.credentials`) is none of these: Shipwright mounts it into its own
 * `source-default` step alone, which clones and runs no repository code (sources/git.go `AppendGitStep`), and
 * does not link it to the ServiceAccount.
 *
 * A step runs repository code as repo-code.ts `firstRepoCode` reads it, the source being the TaskRun's
 * workspace `source` at `/workspace/source` (resource_builders.go `generateBaseTaskSpecWorkspaces`), with
 * `$(params.shp-source-root)` and `$(params.shp-source-context)` read as paths in it.
 */
import { isBuildStrategy, SHIPWRIGHT_GROUP, SHIPWRIGHT_SOURCE_ROOT, strategyTaskSpec } from './build-strategies';
import { containersOf } from './containers';
import { accountHolds, buildRunServiceAccount, credsInitSecrets, pipelineAccountCaveat } from './creds-init-secrets';
import { featureFlagsConfigMap } from './feature-flags-config-map';
import { manifestsNamed } from './manifest-index';
import { manifestNamespace, sameNamespace } from './namespaces';
import { operatorFlagsOf } from './operator-flags';
import { CredentialProblem, firstRepoCode, RepoCode } from './repo-code';
import { buildTaskRun, isShipwrightBuild, pushSecretOf, runBuildSpec, SHIPWRIGHT_GENERATE } from './shipwright-builds';
import { credsInitWrites, disablesCredsInit } from './tekton-config';
import { jsString } from './text';

const isObject = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);
const asArray = (x: unknown): any[] => (Array.isArray(x) ? x : []);


/** Who writes a credential of a Build's run: the strategy, the Build (spec) or the BuildRun. */
type Origin = 'strategy' | 'build' | 'run';

/** A credential one step of the run holds: who gives it, what it is in words, and the fix. */
interface Held {
  readonly origin: Origin;
  readonly what: string;
  readonly fix: string;
}

/** The workspace the repository is cloned into: the TaskRun's `source`, at `/workspace/source`. */
const SOURCE_WORKSPACES = ['source'];

/** The fix of a step given a Secret through its own env or volume. */
const OWN_FIX = 'Give the Secret to a step of its own that runs no repository code (a separate push step reading the image from '
  + '$(params.shp-output-directory) or a volume), or let Shipwright push: write the image to $(params.shp-output-directory) and set the '
  + "Build's output.pushSecret, which its own image-processing step mounts.";

/** A step with `$(params.shp-source-root)` and `$(params.shp-source-context)` replaced by their paths, in the fields a command is read from. */
function withSourcePaths(step: any, context: string): any {
  if (!isObject(step)) return step;
  const values: Record<string, string> = { 'shp-source-root': SHIPWRIGHT_SOURCE_ROOT, 'shp-source-context': context };
  const replace = (s: unknown): unknown => {
    if (typeof s !== 'string') return s;
    let out = s;
    for (const [name, value] of Object.entries(values)) {
      for (const form of [`$(params.${name})`, `$(params['${name}'])`, `$(params["${name}"])`]) out = out.split(form).join(value);
    }
    return out;
  };
  const out: Record<string, any> = { ...step };
  for (const f of ['command', 'args']) if (Array.isArray(step[f])) out[f] = step[f].map(replace);
  if (typeof step.workingDir === 'string') out.workingDir = replace(step.workingDir);
  if (Array.isArray(step.env)) out.env = step.env.map((e: any) => (isObject(e) && typeof e.value === 'string' ? { ...e, value: replace(e.value) } : e));
  return out;
}

/** The first thing a strategy step runs of the repository cloned into `/workspace/source`. */
function repoCodeOf(step: any, context: string): RepoCode | undefined {
  return firstRepoCode(withSourcePaths(step, context), SOURCE_WORKSPACES);
}

/** Whether a step's command, args or env values name a param (params.go `isStepReferencingParameter`). */
function referencesParam(step: any, name: string): boolean {
  const forms = [`$(params.${name}`, `$(params['${name}']`, `$(params[${JSON.stringify(name)}]`];
  const has = (s: unknown): boolean => typeof s === 'string' && forms.some((f) => s.includes(f));
  return asArray(step?.command).some(has) || asArray(step?.args).some(has) || asArray(step?.env).some((e) => has(e?.value));
}

/** The Secrets a volume source gives: a Secret, a projected Secret. */
function volumeSecret(volume: any): string | undefined {
  if (!isObject(volume)) return undefined;
  if (isObject(volume.secret)) return `the Secret '${jsString(volume.secret.secretName ?? '')}'`;
  const projected = asArray(volume.projected?.sources).find((s) => isObject(s?.secret));
  return projected === undefined ? undefined : `the Secret '${jsString(projected.secret.name ?? '')}' (projected)`;
}

/** Whether Tekton's creds-init is on for the objects checked together (the operator's flags first, else a feature-flags ConfigMap that leaves it on). */
function credsInitOn(manifests: readonly any[]): { on: boolean; off: string } {
  const operator = operatorFlagsOf(manifests);
  if (operator !== undefined) {
    return { on: !disablesCredsInit(operator.read), off: `\`disable-creds-init: true\` under ${operator.prefix} of ${jsString(operator.name)}` };
  }
  const read = featureFlagsConfigMap(manifests, (r) => (disablesCredsInit(r) ? 0 : 1))?.read;
  return { on: !disablesCredsInit(read), off: '`disable-creds-init: "true"` in Tekton\'s feature-flags' };
}

/**
 * The pushSecret the run links to its ServiceAccount, as a credential every step holds through creds-init; undefined when
 * creds-init is off or the Secret, among the objects, is of a type creds-init does not take.
 */
function pushSecretHeld(
  manifest: any, build: any, buildAlpha: boolean, run: any, path: string | undefined, manifests: readonly any[],
): Held | undefined {
  // ApplyCredentials: the BuildRun's when its output names one, else the Build's (each read in the version it is written in)
  const own = run === undefined ? undefined : pushSecretOf(run, manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`);
  const given = own ?? pushSecretOf(build, buildAlpha);
  if (given === undefined) return undefined;
  // a `.generate`d account that exists already is run as it is, the pushSecret not linked (service_accounts.go `GenerateSA`)
  if (buildRunServiceAccount(manifest, manifests) === SHIPWRIGHT_GENERATE
    && manifestsNamed(manifests, 'ServiceAccount', String(manifest.metadata?.name ?? '')).some((a) => sameNamespace(manifestNamespace(a), manifestNamespace(manifest)))) return undefined;
  const creds = credsInitOn(manifests);
  if (!creds.on) return undefined;
  const origin: Origin = own !== undefined ? 'run' : 'build';
  const field = origin === 'run' ? `spec.${given.field}` : path === undefined ? `the Build's spec.${given.field}` : `${path}.${given.field}`;
  const secrets = manifestsNamed(manifests, 'Secret', given.name).filter((s) => sameNamespace(manifestNamespace(s), manifestNamespace(manifest)));
  const name = jsString(given.name);
  let how: string;
  if (secrets.length === 0) {
    how = `the Secret '${name}' of ${field}, which is not among the objects checked: Shipwright links it to the run's ServiceAccount, and if it is a `
      + "registry Secret (as Shipwright's documentation makes it: kubectl create secret docker-registry), Tekton's creds-init mounts it into every "
      + "step and writes it into this step's home directory (~/.docker/config.json), where code from the repository may read it";
  } else {
    const taken = secrets.find((s) => credsInitWrites(s) !== undefined);
    if (taken === undefined) return undefined;
    how = `the Secret '${name}' (${jsString(taken.type)}) of ${field}: Shipwright links it to the run's ServiceAccount, and Tekton's creds-init `
      + `mounts it into every step and writes it into this step's home directory (${credsInitWrites(taken)}), where code from the repository can read it`;
  }
  return {
    origin,
    what: how,
    fix: 'Use a strategy whose build step writes the image to $(params.shp-output-directory) without pushing it (Shipwright\'s own image-processing '
      + `step pushes it with the pushSecret mounted into that step alone), and turn creds-init off: ${creds.off}, which otherwise gives the `
      + 'Secrets of the ServiceAccount to every step.',
  };
}

/**
 * The first Secret of the ServiceAccount a BuildRun runs as that Tekton's creds-init gives every step (creds-init-secrets.ts: those
 * its `secrets:` list, those another BuildRun links to it and leaves), as for a TaskRun's: undefined when creds-init is off or none
 * is known. A `.generate`d account is new, but for one of the BuildRun's name that already exists, which the controller runs as it
 * is (service_accounts.go `GenerateSA`).
 */
function accountSecretHeld(manifest: any, manifests: readonly any[]): Held | undefined {
  if (manifest.kind !== 'BuildRun') return undefined;
  const creds = credsInitOn(manifests);
  const named = buildRunServiceAccount(manifest, manifests);
  if (!creds.on || named === undefined) return undefined;
  const alpha = manifest.apiVersion === `${SHIPWRIGHT_GROUP}/v1alpha1`;
  const field = alpha ? (manifest.spec.serviceAccount?.generate === true ? 'spec.serviceAccount.generate' : 'spec.serviceAccount.name') : 'spec.serviceAccount';
  const generated = named === SHIPWRIGHT_GENERATE;
  const account = generated ? String(manifest.metadata?.name ?? '') : named;
  // a generated account that does not exist yet is new: it holds the pushSecret alone and is deleted with the run
  if (generated && !manifestsNamed(manifests, 'ServiceAccount', account).some((a) => sameNamespace(manifestNamespace(a), manifestNamespace(manifest)))) return undefined;
  const [first, ...more] = credsInitSecrets(account, manifest, manifests, manifest);
  if (first === undefined) return undefined;
  const unset = (alpha ? manifest.spec.serviceAccount?.name : manifest.spec.serviceAccount) ?? undefined;
  const caveat = pipelineAccountCaveat(manifest, manifests);
  const runsAs = generated ? `the credentials of its ServiceAccount: the BuildRun runs as ServiceAccount '${jsString(account)}', which exists already (${field} makes a new one only if not)`
    : unset === undefined ? `the credentials of its ServiceAccount: the BuildRun runs as the namespace's ServiceAccount '${jsString(account)}' (${field} is unset${caveat === undefined ? '' : `, and ${caveat}`})`
      : `the credentials of its ServiceAccount: the BuildRun runs as ServiceAccount '${jsString(account)}' (${field})`;
  const others = more.length > 0 ? ` (and ${more.length} more)` : '';
  const what = first.known !== undefined
    ? `${runsAs}${accountHolds(first)} (${first.known.type})${others}: Tekton's creds-init mounts it into every step and writes it into this step's `
      + `home directory (${first.known.writes}), where code from the repository can read it`
    : `${runsAs}${accountHolds(first)}${others}, which is not among the objects checked: if it is a registry Secret, or a basic-auth or SSH Secret `
      + "with the `tekton.dev/…` annotation creds-init reads, Tekton's creds-init mounts it into every step and writes it into this step's home "
      + 'directory, where code from the repository may read it';
  const own = alpha ? 'spec.serviceAccount.generate: true' : 'spec.serviceAccount: ".generate"';
  const secret = `the Secret '${jsString(first.name)}'`;
  const off = `or turn creds-init off: ${creds.off}, which otherwise gives the Secrets of the ServiceAccount to every step.`;
  const fresh = "Shipwright creates one with no Secret but the run's pushSecret and deletes it after the run";
  let fix: string;
  if (generated) {
    fix = `Delete ServiceAccount '${jsString(account)}' (with ${own} Shipwright runs the BuildRun as an account of its name that exists; without one, `
      + `${fresh}), or remove ${secret} from its \`secrets:\`, ${off}`;
  } else if (first.linkedBy !== undefined) {
    const linker = first.linkedBy.replace(/ \(.*\)$/, '');
    fix = `Run the BuildRun as an account of its own (${own}: ${fresh}), or run ${linker} as one of its own too (it links ${secret} to ServiceAccount '${jsString(account)}' `
      + `again at each run) and remove the Secret from that account's \`secrets:\`, ${off}`;
  } else {
    fix = `Run the BuildRun as an account of its own (${own}: ${fresh}), or remove ${secret} from the \`secrets:\` of ServiceAccount '${jsString(account)}', ${off}`;
  }
  return { origin: 'run', what, fix };
}

/** The credentials each step of a Build's run holds, by step index. */
function heldBySteps(manifest: any, manifests: readonly any[]): { steps: any[]; held: Held[][]; context: string } | undefined {
  const run = buildTaskRun(manifest, manifests);
  const resolved = runBuildSpec(manifest, manifests);
  if (run === undefined || resolved === undefined) return undefined;
  const build = resolved.spec;
  const runSpec = manifest.kind === 'BuildRun' ? manifest.spec : undefined;
  const contextValue = run.taskRunParams?.find((p) => p.name === 'shp-source-context')?.value;
  const context = typeof contextValue === 'string' ? contextValue : SHIPWRIGHT_SOURCE_ROOT;
  const strategy = strategyTaskSpec(run.strategyManifest)!;
  const push = pushSecretHeld(manifest, build, resolved.alpha, runSpec, resolved.path, manifests);
  const account = accountSecretHeld(manifest, manifests);
  // secretValue params: the BuildRun's over the Build's
  const secretParams = new Map<string, { origin: Origin; secret: string; key: string }>();
  for (const [origin, list] of [['build', build.paramValues], ['run', runSpec?.paramValues]] as const) {
    for (const p of asArray(list)) {
      if (!isObject(p) || typeof p.name !== 'string') continue;
      const refs = [p, ...asArray(p.values)].map((v) => v?.secretValue).filter(isObject);
      if (refs.length > 0) secretParams.set(p.name, { origin, secret: jsString(refs[0].name ?? ''), key: jsString(refs[0].key ?? '') });
      else secretParams.delete(p.name);
    }
  }
  // overridable volumes given a Secret by the Build or the BuildRun
  const overridden = new Map<string, Origin>();
  for (const v of asArray(run.strategyManifest.spec.volumes)) {
    if (!isObject(v) || v.overridable !== true) continue;
    for (const [origin, list] of [['build', build.volumes], ['run', runSpec?.volumes]] as const) {
      if (asArray(list).some((b) => isObject(b) && b.name === v.name)) overridden.set(v.name, origin);
    }
  }
  const volumes = new Map(run.spec.volumes.filter(isObject).map((v) => [v.name, v]));
  const buildEnv = new Set(asArray(build.env));
  const runEnv = new Set(asArray(runSpec?.env));
  const held = run.spec.steps.map((step, i) => {
    const out: Held[] = [];
    if (!isObject(step)) return out;
    if (push !== undefined) out.push(push);
    if (account !== undefined) out.push(account);
    for (const [param, s] of secretParams) {
      if (!referencesParam(strategy.spec.steps[i], param)) continue;
      out.push({
        origin: s.origin,
        what: `the key '${s.key}' of the Secret '${s.secret}', which paramValues '${jsString(param)}' gives as its secretValue: Shipwright puts it `
          + 'into the env of this step, which names the param, where code from the repository can read it',
        fix: `Give '${jsString(param)}' no secretValue, or use the param only in a step of the strategy that runs no repository code.`,
      });
    }
    for (const e of asArray(step.env)) {
      const ref = e?.valueFrom?.secretKeyRef;
      if (!isObject(ref) || !(runEnv.has(e) || buildEnv.has(e))) continue;
      out.push({
        origin: runEnv.has(e) ? 'run' : 'build',
        what: `the Secret '${jsString(ref.name ?? '')}' in env ${jsString(e.name ?? '')}, which Shipwright adds to every step of the strategy, `
          + 'where code from the repository can read it',
        fix: `Remove env ${jsString(e.name ?? '')} from the ${runEnv.has(e) ? 'BuildRun' : 'Build'}: its spec.env reaches every step; give the Secret to a step `
          + 'of the strategy that runs no repository code.',
      });
    }
    for (const m of asArray(step.volumeMounts)) {
      const origin = overridden.get(m?.name);
      const secret = origin === undefined ? undefined : volumeSecret(volumes.get(m.name));
      if (secret === undefined || origin === undefined) continue;
      out.push({
        origin,
        what: `${secret}, which the ${origin === 'run' ? 'BuildRun' : 'Build'} gives the overridable volume '${jsString(m.name)}', mounted at `
          + `${jsString(m.mountPath ?? '')}, where code from the repository can read it`,
        fix: `Give the volume '${jsString(m.name)}' a source that holds no Secret, or mount it only in a step of the strategy that runs no repository code.`,
      });
    }
    return out;
  });
  return { steps: run.spec.steps, held, context };
}

/**
 * The steps of a Shipwright Build's or BuildRun's run (with its strategy among `manifests`) that run repository code while
 * they hold a credential the Build or BuildRun gives them (one the strategy gives is the strategy's finding; a BuildRun's
 * run reports what the BuildRun adds, a Build spec it embeds included): one finding per step, its first such credential.
 */
export function shipwrightBuildCredentialProblems(manifest: any, manifests: readonly any[] | undefined): CredentialProblem[] {
  if (manifests === undefined || !isShipwrightBuild(manifest)) return [];
  const read = heldBySteps(manifest, manifests);
  if (read === undefined) return [];
  const run = buildTaskRun(manifest, manifests)!;
  const embedded = manifest.kind === 'Build' || runBuildSpec(manifest, manifests)?.path !== undefined;
  const reported = (o: Origin): boolean => o === 'run' || (o === 'build' && embedded);
  const out: CredentialProblem[] = [];
  // the run's steps are the strategy's, in its order: each named as the strategy's view names it
  const views = containersOf(run.strategyManifest);
  read.steps.forEach((step, i) => {
    const held = read.held[i].find((h) => reported(h.origin));
    if (held === undefined) return;
    const found = repoCodeOf(step, read.context);
    if (found === undefined) return;
    out.push({
      location: `strategy ${run.strategy} ${views[i].location}`,
      target: views[i].target,
      property: found.property,
      value: found.value,
      problem: `${found.why}, while it holds ${held.what}`,
      fix: held.fix,
    });
  });
  return out;
}

/** The Secrets a strategy step reads itself: its env and the Secret volumes of the strategy it mounts (the controller copies no envFrom). */
function ownSecrets(step: any, volumes: ReadonlyMap<string, any>): string[] {
  const out: string[] = [];
  for (const e of asArray(step?.env)) {
    const ref = e?.valueFrom?.secretKeyRef;
    if (isObject(ref)) out.push(`the Secret '${jsString(ref.name ?? '')}' in env ${jsString(e?.name ?? '')}`);
  }
  for (const m of asArray(step?.volumeMounts)) {
    const secret = volumeSecret(volumes.get(m?.name));
    if (secret !== undefined) out.push(`${secret} mounted at ${jsString(m.mountPath ?? '')}`);
  }
  return out;
}

/**
 * The steps of a Shipwright build strategy that run repository code while they read a Secret themselves (env
 * `secretKeyRef`, a Secret volume of the strategy they mount; an `overridable` volume's own source is any Build's
 * choice and is judged on the Build): every BuildRun of it holds the Secret there.
 */
export function shipwrightStrategyCredentialProblems(manifest: any): CredentialProblem[] {
  const strategy = strategyTaskSpec(manifest);
  if (strategy === undefined || !isBuildStrategy(manifest)) return [];
  const overridable = new Set(asArray(manifest.spec.volumes).filter((v) => isObject(v) && v.overridable === true).map((v) => v.name));
  const volumes = new Map(strategy.spec.volumes.filter((v) => isObject(v) && !overridable.has(v.name)).map((v) => [v.name, v]));
  const out: CredentialProblem[] = [];
  // a strategy's views are its steps as its controller runs them (effective), in order
  containersOf(manifest).forEach(({ effective: step, location, target }) => {
    if (!isObject(step)) return;
    const secrets = ownSecrets(step, volumes);
    if (secrets.length === 0) return;
    const found = repoCodeOf(step, SHIPWRIGHT_SOURCE_ROOT);
    if (found === undefined) return;
    out.push({
      location,
      target,
      property: found.property,
      value: found.value,
      problem: `${found.why}, in a step that reads ${secrets[0]}${secrets.length > 1 ? ` (and ${secrets.length - 1} more)` : ''}: code from the repository can read it`,
      fix: OWN_FIX,
    });
  });
  return out;
}
