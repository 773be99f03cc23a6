/**
 * The argument Tekton writes the scripts of a TaskRun's pod into (pkg/pod/script.go,
 * `convertScripts`): its `place-scripts` init container runs `sh -c` with one argument that
 * holds, for each step and then each sidecar with a script, the lines that name the script's
 * file and its text, base64-encoded. Linux refuses to run a program with one argument of
 * MAX_ARG_STRLEN bytes or more, its final NUL included ("argument list too long").
 */
import { goTrimSpace } from './go-strings';

/** Linux's limit on the length of one argument: 32 pages of 4 KiB, the final NUL included. */
export const MAX_ARG_STRLEN = 131072;

/** What Tekton puts before a script without `#!`. */
const DEFAULT_PREAMBLE = '#!/bin/sh\nset -e\n';

/** The lines of one script but its base64 text and its file's name: `scriptfile="…"`, touch and chmod, the heredoc and the decode. */
const LINES = 'scriptfile=""\ntouch ${scriptfile} && chmod +x ${scriptfile}\ncat > ${scriptfile} << \'_EOF_\'\n\n_EOF_\n'
  + '/tekton/bin/entrypoint decode-script "${scriptfile}"\n';

/** The length of the part of one script: its file is `/tekton/scripts/<prefix>-<i>-<5 random>`. */
function partLength(script: string, prefix: string, i: number): number {
  const text = goTrimSpace(script).startsWith('#!') ? script : DEFAULT_PREAMBLE + script;
  const base64 = 4 * Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
  const file = `/tekton/scripts/${prefix}-${i}-xxxxx`;
  return LINES.length + file.length + base64;
}

/**
 * The length of the argument of `sh -c` in the place-scripts init container, for the scripts of
 * the steps and sidecars as written (undefined: one without a script). Tekton substitutes the paths
 * of workspaces and results into the scripts first, which changes it by a few bytes. Windows scripts
 * (`#!win`) are written otherwise and not counted.
 */
export function placeScriptsArgumentLength(steps: ReadonlyArray<string | undefined>, sidecars: ReadonlyArray<string | undefined>): number {
  let length = 0;
  steps.forEach((s, i) => { if (s) length += partLength(s, 'script', i); });
  sidecars.forEach((s, i) => { if (s) length += partLength(s, 'sidecar-script', i); });
  return length;
}
