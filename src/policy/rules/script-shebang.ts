import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Every script starts with a `#!` line. */
export const SCRIPT_SHEBANG = containerRule(
  {
    id: RuleId.SCRIPT_SHEBANG,
    severity: Severity.LOW,
    title: 'Every script starts with a #! line',
    rationale: 'Without one Tekton runs the script with the image\'s default shell, which differs between images; the interpreter should be stated, not guessed.',
    fix: 'Start the script with an interpreter line such as "#!/bin/sh".',
    relaxable: true,
  },
  (view) => {
    const script = view.container?.script;
    if (typeof script !== 'string') return [];
    return script.startsWith('#!')
      ? []
      : [{ property: 'script', value: script.split('\n')[0], problem: 'does not start with a #! line' }];
  },
);
