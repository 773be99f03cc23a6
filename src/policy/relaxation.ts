import { RuleId } from './rule-id';

/**
 * An explicit, reasoned waiver of one rule: the only way to loosen a check,
 * on the library's constructs and on any other object of the app alike.
 *
 * @example
 * const relaxation: Relaxation = { rule: RuleId.RUN_AS_NON_ROOT, target: RelaxationTarget.step('build'), reason: 'kaniko unpacks the base image as root' };
 */
export interface Relaxation {
  /** The rule to relax. */
  readonly rule: RuleId;
  /**
   * Why; at least 10 visible characters (whitespace, zero-width and control
   * characters do not count). Written into the YAML and the posture report.
   */
  readonly reason: string;
  /**
   * The part of the object it is limited to, e.g. `RelaxationTarget.step('push')`
   * or `RelaxationTarget.featureFlag('disable-creds-init')`. A target
   * covers that part and what lies below it, nothing else: a relaxation of step
   * `a` covers neither step `b` nor a sidecar named `a`.
   * @default - the whole object (for a relaxation given in a step's props, that step)
   */
  readonly target?: string;
}

/**
 * Builds relaxation targets (see `Relaxation.target`).
 *
 * @example
 * RelaxationTarget.task('build', RelaxationTarget.step('compile')) // 'task/build/step/compile'
 */
export class RelaxationTarget {
  /** A step of a Task (or of a pipeline task's embedded spec, below `task(...)`). */
  public static step(name: string): string {
    return `step/${name}`;
  }

  /** A sidecar of a Task. */
  public static sidecar(name: string): string {
    return `sidecar/${name}`;
  }

  /** The stepTemplate of a Task. */
  public static stepTemplate(): string {
    return 'stepTemplate';
  }

  /** A pipeline task (`finally` tasks included), or a part of its embedded spec. */
  public static task(name: string, below?: string): string {
    return below === undefined ? `task/${name}` : `task/${name}/${below}`;
  }

  /** A workspace binding of a run. */
  public static workspace(name: string): string {
    return `workspace/${name}`;
  }

  /**
   * A volume of a TaskRun's pod template (`podTemplate.volumes`), e.g. for a credential it gives a step that mounts it.
   *
   * @example
   * RelaxationTarget.volume('registry-creds') // 'volume/registry-creds'
   */
  public static volume(name: string): string {
    return `volume/${name}`;
  }

  /**
   * One of Tekton's feature flags by its name, e.g. `'disable-creds-init'` (the value of
   * `HardenedFlag.DISABLE_CREDS_INIT`: TypeScript may pass the member, which is that string;
   * Python, Java and Go pass the name, as their enum members are not strings).
   */
  public static featureFlag(flag: string): string {
    return `flag/${flag}`;
  }

  /** One key of a ConfigMap, e.g. a `chains-config` key. */
  public static configKey(key: string): string {
    return `key/${key}`;
  }

  /**
   * One Pod Security Admission mode of a Namespace by its name: `'enforce'`, `'audit'` or
   * `'warn'` (the values of `PodSecurityMode`: TypeScript may pass the member, which is that
   * string; Python, Java and Go pass the name, as their enum members are not strings).
   */
  public static podSecurityMode(mode: string): string {
    return `mode/${mode}`;
  }

  private constructor() {}
}

/**
 * Who wrote a relaxation into an object.
 */
export enum RelaxationSource {
  /** The library, at synth: the object still carries the seal it wrote. */
  LIBRARY = 'library',
  /** A hand edit or another tool: the object has no seal, or was changed after synth. */
  HAND_EDIT = 'hand-edit',
}

/**
 * A relaxation as recorded.
 */
export interface RecordedRelaxation {
  /** The relaxed rule. */
  readonly rule: RuleId;
  /** The reason given (one line). */
  readonly reason: string;
  /** Construct path of the construct it was given to (at synth), or the object it was read from (audit). */
  readonly path: string;
  /** The part of the object it is limited to. @default - the whole object */
  readonly target?: string;
  /** Who recorded it. @default RelaxationSource.LIBRARY */
  readonly source?: RelaxationSource;
}
