/**
 * Values of a step's, sidecar's or StepAction's props that the API server refuses whatever
 * the rules say: user and group IDs (ValidateSecurityContext: 0 to 2^31-1, whole numbers)
 * and env var names (Kubernetes 1.28's IsEnvVarName).
 */

/** The largest user or group ID Kubernetes accepts. */
const MAX_ID = 2147483647;
/** An env var name as Kubernetes 1.28 validates it. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** What the props hold that the API server refuses, in the props' words. */
export interface ContainerValueProblem {
  readonly property: string;
  readonly value: string;
  readonly problem: string;
  readonly fix: string;
}

/** The props of a container the API server checks here. */
export interface ContainerValues {
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly env?: { readonly [name: string]: string };
}

/** The first value of `c` the API server would refuse, or undefined. */
export function containerValueProblem(c: ContainerValues): ContainerValueProblem | undefined {
  for (const property of ['runAsUser', 'runAsGroup'] as const) {
    const id = c[property];
    if (id !== undefined && !(Number.isInteger(id) && id >= 0 && id <= MAX_ID)) {
      return {
        property,
        value: String(id),
        problem: `is not a whole number from 0 to ${MAX_ID}, which the API server requires of a ${property === 'runAsUser' ? 'user' : 'group'} ID`,
        fix: `Give a ${property === 'runAsUser' ? 'UID' : 'GID'} such as 65532, or leave ${property} out for the default (65532).`,
      };
    }
  }
  for (const name of Object.keys(c.env ?? {})) {
    if (!ENV_VAR_NAME.test(name)) {
      return {
        property: 'env',
        value: name,
        problem: 'is not a valid env var name: the API server refuses a name that is empty, starts with a digit or holds other characters than letters, digits, "_", "-" and "."',
        fix: "Name it with letters, digits and '_', starting with a letter or '_', e.g. 'APP_VERSION'.",
      };
    }
  }
  return undefined;
}
