import { invocation } from '../../private/argv';
import { asArray } from '../../private/containers';
import { untrustedSubstitutions } from '../../private/substitutions';
import { Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
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
 * step runs a script: its arguments are its `"$@"`, data to it like env, in any
 * position. `workingDir` takes none.
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
    decidesFrom:
      'The `command`, `args` and `workingDir` of every step (the stepTemplate merged under it), stepTemplate and sidecar of '
      + 'Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and '
      + '`pipelineSpec`s followed to any depth), and of every StepAction, read as one argv whose program is found through '
      + 'wrappers (`env`, `timeout`, `nice`, `tini` ...). A substitution whose value can come from outside the task (as '
      + 'SCRIPT_INJECTION reads them) is a finding when it chooses the program, starts an argument before a literal `--`, '
      + "expands an array param (`[*]`), is in `args` while neither `command` nor `script` is set (the image's entrypoint "
      + 'runs), or is in `workingDir`. After a literal prefix (`--destination=$(params.image)`) or after `--` it is inert; '
      + "the arguments of interpreters are SCRIPT_INJECTION's. The `args` of a step with a `script` and no `command` are the "
      + 'script\'s `"$@"`: data, like env, wherever they start and however they expand.',
    limits:
      'Which options a program has, and which option values it runs, are not known: a substitution behind a literal prefix '
      + 'passes even where the prefix is an option whose value becomes a command (`git clone --upload-pack=$(params.x)`, '
      + "`rsync --rsh=$(params.x)`). The image's entrypoint is not known either, so without `command` or `script` every "
      + "substitution in `args` is refused, even where the entrypoint treats it as data. A SecureTask's param constraint is "
      + 'accepted as proof that a value cannot start with `-`. Pods, Deployments and other workloads are not read, nor the '
      + 'init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged only '
      + 'when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.ARGUMENT_INJECTION, {
      props: 'A SecureTask records this relaxation itself for a step whose only findings are constrained params starting an argument, '
        + 'since its `validate-params` step refuses values starting with `-`; the record lapses when the step changes.',
    }),
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
    // the args of a step with a script are the script's "$@": data it never parses as code or options
    const scriptArgs = command.length === 0 && typeof view.container?.script === 'string';
    let afterSeparator = false;
    argv.forEach((text, i) => {
      if (scriptArgs) return;
      const found = untrustedSubstitutions(text, view.chosenWorkspacePaths);
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
    if (typeof wd === 'string' && untrustedSubstitutions(wd, view.chosenWorkspacePaths).length > 0) {
      problems.push({ property: 'workingDir', value: untrustedSubstitutions(wd, view.chosenWorkspacePaths)[0].text, problem: 'lets the caller choose the working directory' });
    }
    return problems;
  },
  { includeStepTemplate: true },
);
