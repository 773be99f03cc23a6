/**
 * Values of a step's, sidecar's or StepAction's props that the API server refuses whatever
 * the rules say: user and group IDs (ValidateSecurityContext: 0 to 2^31-1, whole numbers)
 * and env var names (Kubernetes 1.28's IsEnvVarName); and env vars and arguments longer than
 * Linux lets a container's process start with.
 */
import { MAX_ARG_STRLEN } from './place-scripts';
import { jsString } from './text';

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

/** The props of a container the API server checks here, and the lengths Linux limits. */
export interface ContainerValues {
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly env?: { readonly [name: string]: string };
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

/** An env var (`NAME=value`) or argument longer than Linux passes to a program, in the props' words. */
function tooLong(property: string, text: string): ContainerValueProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes < MAX_ARG_STRLEN) return undefined;
  return {
    property,
    value: `${bytes} bytes`,
    problem: `is longer than Linux passes to a program: every env var (NAME=value) and every argument must be shorter than ${MAX_ARG_STRLEN} bytes `
      + '(its final NUL makes the limit), or the container does not start ("argument list too long")',
    fix: 'Put the data in a file (a workspace, or a ConfigMap bound to one) and pass its path.',
  };
}

/** The first value of `c` the API server would refuse, or undefined. */
export function containerValueProblem(c: ContainerValues): ContainerValueProblem | undefined {
  for (const property of ['runAsUser', 'runAsGroup'] as const) {
    const id = c[property];
    if (id !== undefined && !(Number.isInteger(id) && id >= 0 && id <= MAX_ID)) {
      return {
        property,
        value: jsString(id),
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
  // a value that is not a string is another check's (strings only are written)
  const texts: Array<[string, unknown]> = [
    ...Object.entries(c.env ?? {}).map(([name, value]): [string, unknown] => [`env.${name}`, typeof value === 'string' ? `${name}=${value}` : undefined]),
    ...(Array.isArray(c.command) ? c.command : []).map((a, i): [string, unknown] => [`command[${i}]`, a]),
    ...(Array.isArray(c.args) ? c.args : []).map((a, i): [string, unknown] => [`args[${i}]`, a]),
  ];
  for (const [property, text] of texts) {
    const problem = typeof text === 'string' ? tooLong(property, text) : undefined;
    if (problem) return problem;
  }
  return undefined;
}
