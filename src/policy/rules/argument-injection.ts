import { invocation } from '../../private/argv';
import { asArray } from '../../private/containers';
import { untrustedSubstitutions } from '../../private/substitutions';
import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/**
 * Substitutions that callers can choose neither pick the program nor start an
 * argument.
 *
 * Tekton pastes every `$(…)` into the argument before the program sees it. A
 * value in the program's place (or in a wrapper's, `env $(params.x)`) chooses
 * what runs; a value at the start of an argument can be an option
 * (`--upload-pack=…`, `-oProxyCommand=…`), and an array param (`[*]`) expands to
 * several arguments. Inert: a value after `--`, or inside an argument after a
 * literal prefix (`--destination=$(params.image)`, `https://host/$(params.repo)`),
 * of a program named in `command` that is not an interpreter (those are
 * SCRIPT_INJECTION). When `command` is not set, the image's entrypoint runs,
 * which may be an interpreter: any substitution in `args` is refused, unless the
 * step runs a script (whose arguments are data to it). `workingDir` takes none.
 * A SecureTask whose param is constrained records that the validation step
 * refuses values starting with `-`, as a relaxation of this rule.
 */
export const ARGUMENT_INJECTION = containerRule(
  {
    id: RuleId.ARGUMENT_INJECTION,
    severity: Severity.HIGH,
    title: 'Params and results neither choose the program nor start an argument',
    rationale:
      'A value that picks the program runs whatever the caller names; a value at the start of an argument can turn into an '
      + 'option such as git\'s --upload-pack or ssh\'s -oProxyCommand, which run commands.',
    fix: 'Pass the value through env, put it after a literal "--" or behind a literal prefix such as "--flag=", or constrain the param.',
    relaxable: true,
  },
  (view) => {
    const c = view.effective;
    const command = asArray(c?.command).map(String);
    const args = asArray(c?.args).map(String);
    const argv = [...command, ...args];
    // without a command the image's entrypoint (or the script) gets the args
    const run = command.length > 0 ? invocation(argv) : { programIndex: -1, interpreter: false, program: undefined };
    if (run.interpreter) return []; // SCRIPT_INJECTION
    const problems: Array<{ property: string; value: string; problem: string }> = [];
    const place = (i: number) => (i < command.length ? 'command' : 'args');
    const unknownEntrypoint = command.length === 0 && typeof view.container?.script !== 'string';
    let afterSeparator = false;
    argv.forEach((text, i) => {
      const found = untrustedSubstitutions(text);
      if (i > run.programIndex && text === '--') afterSeparator = true;
      if (found.length === 0) return;
      const first = found[0].text;
      if (i <= run.programIndex && run.program !== undefined) {
        problems.push({ property: place(i), value: first, problem: 'chooses the program that runs' });
      } else if (unknownEntrypoint) {
        problems.push({ property: place(i), value: first, problem: "reaches the arguments of the image's entrypoint, which may run them as code" });
      } else if (found.some((f) => f.expands)) {
        problems.push({ property: place(i), value: found.find((f) => f.expands)!.text, problem: 'expands to several arguments, any of which can be an option' });
      } else if (!afterSeparator && found[0].index === 0) {
        problems.push({ property: place(i), value: first, problem: "starts an argument, so a value starting with '-' becomes an option" });
      }
    });
    const wd = c?.workingDir;
    if (typeof wd === 'string' && untrustedSubstitutions(wd).length > 0) {
      problems.push({ property: 'workingDir', value: untrustedSubstitutions(wd)[0].text, problem: 'lets the caller choose the working directory' });
    }
    return problems;
  },
  { includeStepTemplate: true },
);
