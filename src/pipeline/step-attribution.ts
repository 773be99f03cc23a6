/**
 * Restates findings on a rendered step or sidecar in the props the user wrote
 * (`runAsUser: 0`, not `securityContext.runAsNonRoot "false"`), with a fix that
 * is code for this API. A finding on a field the props did not produce (an
 * escape-hatch patch) is left as the engine states it.
 */
import { Capability, type StepProps } from './step';
import type { Attribution, Attributor } from '../policy/engine/enforcement';
import { Finding } from '../policy/rule';
import { RuleId } from '../policy/rule-id';
import { DEFAULT_RESOURCES, HOME_PATH, TMP_PATH } from '../private/defaults';
import { kubeletRefusedName, repositoryOf } from '../private/image-references';
import { envNameFor, untrustedSubstitutions } from '../private/substitutions';
import { tsString } from '../private/text';

/**
 * The fix for a relative `workingDir`: the path under `base` (where a workspace is mounted) or under `/`. A
 * caller's value there (`data/$(params.x)`) is cut with the rest of the path: ARGUMENT_INJECTION refuses a
 * working directory a caller chooses, so a fix that kept it would be refused in turn.
 */
export function relativeWorkingDirFix(workingDir: string, base: string, relaxIn: string): string {
  const chosen = untrustedSubstitutions(workingDir)[0];
  if (chosen === undefined) return `Give an absolute path, e.g. workingDir: '${base}/${workingDir}' or '/${workingDir}'.`;
  const dir = workingDir.slice(0, workingDir.lastIndexOf('/', chosen.index) + 1).replace(/\/+$/, '');
  const fixed = dir === '' ? `'${base}'` : `'${base}/${dir}' or '/${dir}'`;
  return `Give an absolute path, e.g. workingDir: ${fixed}: ${chosen.text} there lets a caller choose the working directory [${RuleId.ARGUMENT_INJECTION}]; `
    + `if it must, write '${base}/${workingDir}' and add relaxations: [{ rule: RuleId.${RuleId.ARGUMENT_INJECTION}, reason: '<why>' }] to ${relaxIn}.`;
}

/** A step or sidecar of a task, by its relaxation target (`step/<name>`, `sidecar/<name>`). */
export interface RenderedContainer {
  readonly role: 'step' | 'sidecar';
  readonly props: StepProps;
  /** Where a relaxation for it goes, e.g. `the SecureStepAction's props`. @default - `<role> '<name>'` */
  readonly relaxIn?: string;
  /**
   * The library class that wrote the container's props (a hardened task such as
   * ContainerBuild): the user cannot change them, so no fix says to.
   * @default - the user wrote them
   */
  readonly writtenBy?: string;
  /**
   * The container is a StepAction's: the steps that run it give its params, and it names no workspace
   * of a task (SecureStepAction refuses `$(workspaces.…)`).
   * @default false
   */
  readonly stepAction?: boolean;
}

function relaxHint(rule: RuleId, c: RenderedContainer): string {
  return `or add relaxations: [{ rule: RuleId.${rule}, reason: '<why>' }] to ${c.relaxIn ?? `${c.role} '${c.props.name}'`}.`;
}

type ResourceProp = keyof typeof DEFAULT_RESOURCES;

/** The `resources` prop that renders each rendered `computeResources` field. */
const RESOURCE_PROPS: Record<string, ResourceProp> = {
  'computeResources.requests.cpu': 'cpuRequest',
  'computeResources.limits.cpu': 'cpuLimit',
  'computeResources.requests.memory': 'memoryRequest',
  'computeResources.limits.memory': 'memoryLimit',
};

/** A quantity that works for each prop, for fixes. */
const RESOURCE_EXAMPLES: Record<ResourceProp, { readonly value: string; readonly large: string; readonly units: string }> = {
  cpuRequest: { value: '500m', large: '4', units: 'm: thousandths of a CPU' },
  cpuLimit: { value: '1', large: '4', units: 'm: thousandths of a CPU' },
  memoryRequest: { value: '256Mi', large: '4Gi', units: 'Ki, Mi, Gi: powers of 1024; k, M, G: of 1000' },
  memoryLimit: { value: '1Gi', large: '4Gi', units: 'Ki, Mi, Gi: powers of 1024; k, M, G: of 1000' },
};

/** A COMPUTE_RESOURCES finding on a rendered quantity, said as the `resources` prop that wrote it. */
function resourcesAttribution(f: Finding, c: RenderedContainer): Attribution | undefined {
  const prop = RESOURCE_PROPS[f.property];
  const rendered: Record<ResourceProp, string | undefined> = { ...DEFAULT_RESOURCES, ...c.props.resources };
  // a value the props did not render (an escape-hatch patch) stays as the engine states it
  if (prop === undefined || f.value === undefined || rendered[prop] !== f.value) return undefined;
  const example = RESOURCE_EXAMPLES[prop];
  const said = (p: ResourceProp) => `resources.${p} "${rendered[p]}"${c.props.resources?.[p] === undefined ? ' (the default)' : ''}`;
  const limitOf = /^is above limits\.(cpu|memory) /.exec(f.problem)?.[1];
  if (limitOf !== undefined) {
    const limit: ResourceProp = limitOf === 'cpu' ? 'cpuLimit' : 'memoryLimit';
    return {
      property: `resources.${prop}`,
      value: f.value,
      problem: `is above ${said(limit)}, which the API server refuses`,
      fix: `Raise the limit with it, resources: { ${prop}: '${f.value}', ${limit}: '${f.value}' }, or lower ${prop} to at most "${rendered[limit]}", ${relaxHint(f.rule, c)}`,
    };
  }
  const fix = /^is not a Kubernetes quantity/.test(f.problem)
    ? `Write a quantity such as resources: { ${prop}: '${example.value}' } (${example.units})`
    : /^is (zero|negative)/.test(f.problem)
      ? `Give a quantity above zero, such as resources: { ${prop}: '${example.value}' }`
      : /^is above /.test(f.problem)
        ? `Give the most the step may use, such as resources: { ${prop}: '${example.large}' }`
        : undefined;
  if (fix === undefined) return undefined;
  return { property: `resources.${prop}`, value: f.value, fix: `${fix}, ${relaxHint(f.rule, c)}` };
}

/**
 * A WRITABLE_SCRATCH finding on the `HOME` or `TMPDIR` the props set (the rule's `volumeMounts` at the path), said as
 * that env var: the task mounts its emptyDirs at /tmp and /home/tekton (a directory under them is on them).
 */
function envScratchAttribution(f: Finding, c: RenderedContainer): Attribution | undefined {
  const names = (['TMPDIR', 'HOME'] as const).filter((n) => f.value !== undefined && c.props.env?.[n] === f.value);
  if (f.property !== 'volumeMounts' || names.length === 0) return undefined;
  // (both set to the path: one finding each, alike, said once; the property names the first)
  const props = names.map((n) => `env.${n}`).join(' and ');
  const defaults = names.map((n) => (n === 'HOME' ? HOME_PATH : TMP_PATH));
  // a workspace mounted there that is read-only, as the rule says it
  const readOnly = /^has no emptyDir volume mounted: (workspace .*)$/.exec(f.problem)?.[1];
  return {
    property: `env.${names[0]}`,
    value: f.value,
    problem: readOnly !== undefined ? `is not writable: ${readOnly}`
      : `is not under ${TMP_PATH} or ${HOME_PATH}, where the emptyDir volumes are mounted: the ${c.role}'s root filesystem is read-only, so it cannot write there`,
    fix: `Remove ${props} (${names.length > 1 ? `their defaults, ${defaults.join(' and ')}, are emptyDir volumes` : `the default, ${defaults[0]}, is an emptyDir volume`}), `
      + `or set ${names.length > 1 ? 'them' : 'it'} to a directory under ${TMP_PATH} or ${HOME_PATH} that the ${c.role} creates before use `
      + `(mkdir -p "$${names[0]}"), ${relaxHint(f.rule, c)}`,
  };
}

/** `$(NAME)` of an env var, which the kubelet expands in command and args (a Tekton variable holds a `.` or `[`). */
const KUBELET_EXPANSION = /^\$\(([^.()[\]\s]+)\)$/;

/**
 * Where a literal `--` ends the options: not right after an option that takes it as its value (GNU tar's `-xf --` reads the `--` as
 * the archive, and the argument after it as an option).
 */
const DASHES_PLACE = "a literal '--' where it ends the options (after the last option and its value, as in -xf FILE --, never right after an option that takes a value, as in -xf --)";

/** What each rule's findings mean in terms of the props, when the props caused them. */
function attribute(f: Finding, c: RenderedContainer): Attribution | undefined {
  const p = c.props;
  // props a hardened task wrote: the finding is said as the engine states it (its fix and
  // Relaxations.of hint apply), but for a namespace's refusal, whose way out is the namespace
  if (c.writtenBy !== undefined && f.rule !== RuleId.POD_SECURITY_ADMITTED) return undefined;
  switch (f.rule) {
    case RuleId.IMAGE_DIGEST:
      if (f.property !== 'image' || f.value !== p.image) return undefined;
      // a name the kubelet cannot parse: the rule's fix writes it as the registry names it (no relaxation starts the pod)
      if (p.image !== undefined && kubeletRefusedName(p.image) !== undefined) return { property: 'image', value: p.image, fix: f.fix };
      return { property: 'image', value: p.image, fix: `Pin it as "${repositoryOf(p.image ?? f.value ?? '')}@sha256:<64 hex>", ${relaxHint(f.rule, c)}` };
    case RuleId.RUN_AS_NON_ROOT:
      if (f.property === 'securityContext.runAsGroup') {
        if (p.runAsGroup !== 0) return undefined;
        return {
          property: 'runAsGroup',
          value: '0',
          problem: `runs in the root group: every file of the image or a volume that group root may write, the ${c.role} may write`,
          fix: `Remove runAsGroup (the default is GID 65532), ${relaxHint(f.rule, c)}`,
        };
      }
      if (p.runAsUser !== 0) return undefined;
      return { property: 'runAsUser', value: '0', problem: 'runs as root', fix: `Remove runAsUser (the default is UID 65532), ${relaxHint(f.rule, c)}` };
    case RuleId.NO_PRIVILEGE_ESCALATION:
      if (p.allowPrivilegeEscalation !== true) return undefined;
      return { property: 'allowPrivilegeEscalation', value: 'true', problem: 'lets processes gain privileges', fix: `Remove allowPrivilegeEscalation, ${relaxHint(f.rule, c)}` };
    case RuleId.NOT_PRIVILEGED: {
      // a capability beyond baseline reaches the YAML only from JavaScript (Capability lists baseline's): said as addCapabilities
      if (f.property !== 'securityContext.capabilities.add' || !Array.isArray(p.addCapabilities) || p.addCapabilities.length === 0) return undefined;
      const typed = new Set<unknown>(Object.values(Capability));
      const kept = p.addCapabilities.filter((x) => typed.has(x));
      const beyond = p.addCapabilities.filter((x) => !typed.has(x)).map((x) => JSON.stringify(x));
      return {
        property: 'addCapabilities',
        value: p.addCapabilities.map(String).join(', '),
        // one fix: what is left once the values beyond baseline are removed (nothing: addCapabilities goes)
        fix: (kept.length > 0
          ? `Remove ${beyond.join(', ')} from addCapabilities (it takes only Capability values), leaving addCapabilities: [${kept.map((x) => `Capability.${x}`).join(', ')}]`
          : `Remove addCapabilities (it takes only Capability values, and ${beyond.join(', ')} ${beyond.length > 1 ? 'are none' : 'is none'})`)
          + '; this rule cannot be relaxed.',
      };
    }
    case RuleId.DROP_ALL_CAPABILITIES:
      if (!p.addCapabilities || p.addCapabilities.length === 0) return undefined;
      return { property: 'addCapabilities', value: p.addCapabilities.join(', '), problem: 'adds capabilities back', fix: `Remove addCapabilities, ${relaxHint(f.rule, c)}` };
    case RuleId.READ_ONLY_ROOT_FILESYSTEM:
      if (p.writableRootFilesystem !== true) return undefined;
      return { property: 'writableRootFilesystem', value: 'true', problem: 'makes the root filesystem writable', fix: `Remove writableRootFilesystem (write to /tmp or $HOME instead), ${relaxHint(f.rule, c)}` };
    case RuleId.WRITABLE_SCRATCH: {
      if (p.mountScratch !== false) return envScratchAttribution(f, c);
      return {
        property: 'mountScratch',
        value: 'false',
        problem: 'leaves the step nowhere to write: its root filesystem is read-only and nothing is mounted at /tmp or $HOME',
        fix: `Remove mountScratch, or make the root writable as well (writableRootFilesystem: true, with a relaxation of READ_ONLY_ROOT_FILESYSTEM), ${relaxHint(f.rule, c)}`,
      };
    }
    case RuleId.COMPUTE_RESOURCES:
      return resourcesAttribution(f, c);
    case RuleId.SCRIPT_SHEBANG:
      if (f.property !== 'script' || typeof p.script !== 'string') return undefined;
      return { property: 'script', value: f.value, fix: `Start the script with an interpreter line such as "#!/bin/sh", ${relaxHint(f.rule, c)}` };
    case RuleId.SCRIPT_INJECTION: {
      // a script that runs an env var as code, or the kubelet's `$(NAME)` of an env var pasted into code: the value is in env
      // already, and the rule's fix says how to make it data (env: { NAME: '$(NAME)' } would name the variable itself); code
      // that runs another value (a positional parameter, `eval "$1"`) has no substitution to pass through env
      if (f.value === undefined || /^runs as code the value of env var /.test(f.problem) || !/^\$\(.*\)$/.test(f.value)
        || KUBELET_EXPANSION.test(f.value)) return undefined;
      const env = envNameFor(f.value);
      // how the code reads it then, as the rule says for the program that runs it (a shell's code, python3 -c, a runner's command)
      const read = /\}\] and (.*)\.$/.exec(f.fix ?? '')?.[1];
      return {
        property: f.property,
        value: f.value,
        fix: `Pass it through env instead: env: { ${env}: ${tsString(f.value)} }, and ${read ?? `use "$${env}" (quoted) in the ${f.property === 'script' ? 'script' : 'command'}`}.`,
      };
    }
    case RuleId.ARGUMENT_INJECTION: {
      if (f.value === undefined) return undefined;
      const env = envNameFor(f.value);
      const param = /^\$\(params\.([^)[\]]+)\)$/.exec(f.value)?.[1];
      // the validate-params step runs before the steps, not before the sidecars, and a StepAction has none (a constraint on its param is refused)
      const constrain = c.role === 'step' && c.stepAction !== true && param !== undefined && /^starts an argument/.test(f.problem)
        ? `constrain param '${param}' (e.g. constraint: ParamConstraint.pattern('^[a-z0-9][a-z0-9./:@-]*$', '<what it is>')), which the validation step then checks, `
        : '';
      // an env var the program runs, or the program itself: neither is made safe by env or a prefix
      const executing = /^env\.(.+)$/.exec(f.property)?.[1];
      // `$(NAME)` of another env var the kubelet expands (written before it): keep that variable, and stop expanding it here
      const expanded = KUBELET_EXPANSION.exec(f.value)?.[1];
      if (executing !== undefined && expanded !== undefined) {
        return {
          property: f.property,
          value: f.value,
          fix: `Give ${executing} a value written in the step that does not expand ${f.value} (the program reads ${expanded} from the env itself, as data), `
            + `${relaxHint(f.rule, c)}`,
        };
      }
      if (executing !== undefined) {
        return {
          property: f.property,
          value: f.value,
          fix: `Give ${executing} a value written in the step, and pass '${f.value}' under a name the program does not run (env: { ${env}: '${f.value}' }), `
            + `${constrain}${relaxHint(f.rule, c)}`,
        };
      }
      if (f.property === 'workingDir') {
        // a directory: env and a literal prefix do not make it data, and a `cd "$DIR"` in the code would leave the caller the same choice
        return {
          property: f.property,
          value: f.value,
          fix: c.stepAction === true
            ? "Give workingDir a literal path, such as '/workspace/<name>' (where Tekton mounts a task's workspace of that name that sets no mountPath), "
              + `or, where every step that runs it passes a path its task fixes (actionParameters: { ${param === undefined ? "'<param>'" : /^[A-Za-z_$][\w$]*$/.test(param) ? param : `'${param}'`}: '$(workspaces.<name>.path)' }), `
              + `add relaxations: [{ rule: RuleId.${f.rule}, reason: '<why>' }] to ${c.relaxIn ?? `${c.role} '${p.name}'`}.`
            : `Give workingDir a path the task fixes, such as '$(workspaces.<name>.path)' or a directory under it ('$(workspaces.<name>.path)/<dir>'), ${relaxHint(f.rule, c)}`,
        };
      }
      if (f.problem === 'chooses the program that runs') {
        return {
          property: f.property,
          value: f.value,
          fix: `Write the program into ${f.property} (to run one of several, give each its own step or task, chosen with a when expression), ${relaxHint(f.rule, c)}`,
        };
      }
      if (c.stepAction === true && expanded === undefined) {
        // a StepAction's command or args: env alone leaves the program the same value, unless a script reads it as data
        return {
          property: f.property,
          value: f.value,
          fix: `Put it after ${DASHES_PLACE} or behind a literal prefix the program reads as data (such as ${tsString(`--file=${f.value}`)}), `
            + `read it from env in a script instead (env: { ${env}: ${tsString(f.value)} }, then "$${env}", quoted, after a '--'), ${relaxHint(f.rule, c)}`,
        };
      }
      return {
        property: f.property,
        value: f.value,
        // (an env var's `$(NAME)` is in env already: reading it from there is the fix)
        fix: `${expanded === undefined ? `Pass it through env instead (env: { ${env}: ${tsString(f.value)} })` : `Read ${expanded} from the env in the program or a script ("$${expanded}") instead`}, `
          + `${constrain}put it after ${DASHES_PLACE} or behind a literal prefix such as '--flag=', ${relaxHint(f.rule, c)}`,
      };
    }
    case RuleId.NO_SECRET_MATERIAL: {
      // a value written into env: the API gives steps secrets as files only
      const name = /^env\[([^\]]+)\]\.value$/.exec(f.property)?.[1];
      if (name === undefined || p.env?.[name] === undefined) return undefined;
      return {
        property: `env.${name}`,
        problem: f.problem,
        fix: 'Remove it from env and give the step the secret as a file: a workspace of TrustDomain.CREDENTIALS that the run binds to a Secret '
          + '(RunWorkspace.secret, or RegistryCredential.workspace()/GitCredential.workspace()) or to a Vault CSI volume (RunWorkspace.csi), '
          + relaxHint(f.rule, c),
      };
    }
    case RuleId.TOOL_REQUIREMENTS: {
      // what the tool needs, said as the prop that gives it
      const as: Record<string, { property: string; value: string; what: string }> = {
        'securityContext.runAsNonRoot': { property: 'runAsUser', value: String(p.runAsUser ?? 'unset (UID 65532)'), what: 'runs it as a non-root user' },
        'securityContext.runAsUser': { property: 'runAsUser', value: String(p.runAsUser ?? 'unset (UID 65532)'), what: 'runs it as a non-root user' },
        'securityContext.readOnlyRootFilesystem': {
          property: 'writableRootFilesystem', value: String(p.writableRootFilesystem ?? 'unset (false)'), what: 'gives it a read-only root filesystem',
        },
        'securityContext.capabilities.add': {
          property: 'addCapabilities',
          value: p.addCapabilities && p.addCapabilities.length > 0 ? p.addCapabilities.join(', ') : 'unset (none)',
          what: `does not add ${f.value ?? 'the capabilities it needs'} back`,
        },
      };
      const prop = as[f.property];
      const but = f.problem.indexOf(', but ');
      if (prop === undefined || but < 0 || f.fix === undefined) return undefined;
      return { property: prop.property, value: prop.value, problem: `${prop.what}${f.problem.slice(but)}`, fix: `${f.fix.replace(/\.$/, '')}, ${relaxHint(f.rule, c)}` };
    }
    case RuleId.POD_SECURITY_ADMITTED: {
      // what the namespace refuses, said as the prop that caused it; the rule's fix after its first clause stays
      const asProp = ((): { property: string; value: string; remove: string; rule: RuleId } | undefined => {
        if ((f.property === 'securityContext.runAsNonRoot' || f.property === 'securityContext.runAsUser') && p.runAsUser === 0) {
          return { property: 'runAsUser', value: '0', remove: 'Remove runAsUser (the default is UID 65532)', rule: RuleId.RUN_AS_NON_ROOT };
        }
        if (f.property === 'securityContext.capabilities.add' && p.addCapabilities && p.addCapabilities.length > 0) {
          return { property: 'addCapabilities', value: f.value ?? p.addCapabilities.join(', '), remove: 'Remove addCapabilities', rule: RuleId.DROP_ALL_CAPABILITIES };
        }
        if (f.property === 'securityContext.allowPrivilegeEscalation' && p.allowPrivilegeEscalation === true) {
          return { property: 'allowPrivilegeEscalation', value: 'true', remove: 'Remove allowPrivilegeEscalation', rule: RuleId.NO_PRIVILEGE_ESCALATION };
        }
        return undefined;
      })();
      if (asProp === undefined || f.fix === undefined) return undefined;
      const refusedBy = f.problem.indexOf(', which namespace');
      const what = asProp.property === 'runAsUser' ? 'runs as root' : asProp.property === 'addCapabilities' ? 'adds capabilities' : 'lets processes gain privileges';
      // a step whose per-step rule is relaxed needs it (the relaxation says why): only another namespace or a lower level helps
      const needed = c.writtenBy !== undefined || (p.relaxations ?? []).some((r) => r?.rule === asProp.rule);
      const wayOut = f.fix.replace(/^Change [^,]*, /, '');
      return {
        property: asProp.property,
        value: asProp.value,
        problem: refusedBy >= 0 ? `${what}${f.problem.slice(refusedBy)}` : f.problem,
        fix: needed ? `${wayOut.charAt(0).toUpperCase()}${wayOut.slice(1)}` : `${asProp.remove}, ${wayOut}`,
      };
    }
    default:
      return undefined;
  }
}

/** The attributor of a task's Task object. */
export function containerAttributor(containers: ReadonlyMap<string, RenderedContainer>): Attributor {
  return (f: Finding) => {
    const c = f.target !== undefined ? containers.get(f.target) : undefined;
    return c ? attribute(f, c) : undefined;
  };
}
