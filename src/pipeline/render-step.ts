import { StepProps } from './step';
import * as tekton from '../imports/tekton-tekton.dev';
import { sortedByName, nonEmpty } from '../private/arrays';
import { DEFAULT_RESOURCES, HOME_PATH, HOME_VOLUME, NON_ROOT_ID, TMP_PATH, TMP_VOLUME } from '../private/defaults';
import { durationString } from '../private/duration';
import { envInReferenceOrder } from '../private/env-order';

/** The hardened securityContext of a step, loosened only where its props say so. */
export function stepSecurityContext(step: Partial<StepProps>): tekton.TaskSpecStepsSecurityContext {
  const user = step.runAsUser ?? NON_ROOT_ID;
  return {
    runAsNonRoot: user !== 0,
    runAsUser: user,
    runAsGroup: step.runAsGroup ?? NON_ROOT_ID,
    allowPrivilegeEscalation: step.allowPrivilegeEscalation ?? false,
    privileged: false,
    readOnlyRootFilesystem: !(step.writableRootFilesystem ?? false),
    capabilities: {
      drop: ['ALL'],
      ...(step.addCapabilities && step.addCapabilities.length > 0 ? { add: [...step.addCapabilities] } : {}),
    },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Requests and limits, with the defaults filled in. */
export function stepResources(step: Partial<StepProps>): tekton.TaskSpecStepsComputeResources {
  const r = { ...DEFAULT_RESOURCES, ...step.resources };
  return {
    requests: {
      cpu: tekton.TaskSpecStepsComputeResourcesRequests.fromString(r.cpuRequest),
      memory: tekton.TaskSpecStepsComputeResourcesRequests.fromString(r.memoryRequest),
    },
    limits: {
      cpu: tekton.TaskSpecStepsComputeResourcesLimits.fromString(r.cpuLimit),
      memory: tekton.TaskSpecStepsComputeResourcesLimits.fromString(r.memoryLimit),
    },
  };
}

/** The emptyDir volumes behind `/tmp` and `$HOME`. */
export const SCRATCH_VOLUMES = [
  { name: TMP_VOLUME, emptyDir: {} },
  { name: HOME_VOLUME, emptyDir: {} },
];

/** A hardened Tekton step. */
export function renderStep(step: StepProps): tekton.TaskSpecSteps {
  if (step.action !== undefined) return renderActionStep(step);
  return {
    ...renderContainer(step, []),
    ...(step.onError !== undefined ? { onError: step.onError } : {}),
    ...(step.timeout !== undefined ? { timeout: durationString(step.timeout) } : {}),
  };
}

/**
 * A step that runs a StepAction (`ref`): Tekton refuses image, command, args,
 * script, env, workingDir and volumeMounts beside a ref; resources, the
 * securityContext, onError and timeout stay the step's. Its `/tmp` and `$HOME`
 * come from the stepTemplate (renderStepTemplate with scratch mounts).
 */
function renderActionStep(step: StepProps): tekton.TaskSpecSteps {
  return {
    name: step.name,
    ref: { name: step.action!.name },
    params: nonEmpty(sortedByName(Object.entries(step.actionParameters ?? {}).map(([name, value]) => ({ name, value })))),
    computeResources: stepResources(step),
    securityContext: stepSecurityContext(step),
    ...(step.onError !== undefined ? { onError: step.onError } : {}),
    ...(step.timeout !== undefined ? { timeout: durationString(step.timeout) } : {}),
  } as tekton.TaskSpecSteps;
}

/** A hardened sidecar: like a step, plus `HOME` (the stepTemplate does not reach sidecars). */
export function renderSidecar(sidecar: StepProps): tekton.TaskSpecSidecars {
  return renderContainer(sidecar, [{ name: 'HOME', value: HOME_PATH }]);
}

function renderContainer(step: StepProps, extraEnv: Array<{ name: string; value: string }>): tekton.TaskSpecSteps {
  return {
    name: step.name,
    image: step.image ?? '',
    ...(step.command ? { command: [...step.command] } : {}),
    ...(step.args ? { args: [...step.args] } : {}),
    ...(step.workingDir ? { workingDir: step.workingDir } : {}),
    env: nonEmpty([...extraEnv, ...envInReferenceOrder(step.env ?? {})]),
    computeResources: stepResources(step),
    securityContext: stepSecurityContext(step),
    ...(step.mountScratch === false ? {} : {
      volumeMounts: [
        { name: TMP_VOLUME, mountPath: TMP_PATH },
        { name: HOME_VOLUME, mountPath: HOME_PATH },
      ],
    }),
    ...(step.script !== undefined ? { script: step.script } : {}),
  };
}

/**
 * The hardened stepTemplate every task carries: it also covers steps Tekton or a
 * StepAction adds. With `scratch`, it mounts the `/tmp` and `$HOME` emptyDirs too,
 * for the steps that run a StepAction (they cannot mount volumes of their own).
 */
export function renderStepTemplate(scratch = false): tekton.TaskSpecStepTemplate {
  return {
    env: [{ name: 'HOME', value: HOME_PATH }],
    securityContext: stepSecurityContext({}),
    computeResources: stepResources({}),
    ...(scratch ? {
      volumeMounts: [
        { name: TMP_VOLUME, mountPath: TMP_PATH },
        { name: HOME_VOLUME, mountPath: HOME_PATH },
      ],
    } : {}),
  };
}
