import {
  argumentsOf, basename, commandsRunWithEnv, ENTRYPOINT, Invocation, invocations, isInterpreter, PROMPT_COMMAND_SHELL, PROMPT_SHELL,
  getsEnv, interactiveShellReading, runnerCodeWord, runnerCommands, runnerShellCode, shellModeProblem, runsPromptingShell, shellFromEnv,
} from '../../private/argv';
import { commandOptionOf, dashesOptionOf, tableOptionOf } from '../../private/command-options';
import { configuredCode } from '../../private/configured-code';
import { asArray, ContainerView, fixedEnvValues, kubeletExpand } from '../../private/containers';
import { executingEnv, INTERACTIVE_ENV, posixBashEnv, PROMPT_ENV, ShellReading } from '../../private/executing-env';
import { SEVERAL_FEATURE_FLAGS } from '../../private/feature-flags-config-map';
import { goTrimSpace } from '../../private/go-strings';
import { OPERATOR_FLAGS_OF } from '../../private/operator-flags';
import { optionValueOf } from '../../private/option-values';
import { PARAM_ENUM_FLAG, paramEnumFlag } from '../../private/param-enum-flag';
import { enumGap, runFixedReferences } from '../../private/param-enums';
import { declaredParamType } from '../../private/param-types';
import { editorCommands } from '../../private/shell';
import { envSetsPosixMode, setsPosixMode } from '../../private/shell-options';
import { singleElements } from '../../private/single-elements';
import { callerAfter, envWithCallerValues, labelEnv, LabelReference, labelReferences, untrustedSubstitutions } from '../../private/substitutions';
import { jsString } from '../../private/text';
import { IRuleContext, Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** How the shells a container runs read an env var: sourcing `ENV` (interactive), expanding prompts (`shells`). */
interface ShellsRead {
  readonly interactive: boolean;
  readonly shells: ShellReading;
}

/**
 * What a program the container runs does with the env var `name` (executingEnv), read for the container's env var `from` (undefined
 * for env's own `NAME=VALUE`), with `note` saying which value not known here makes it so (empty where a known value does).
 */
type WhatFor = (name: string, from: string | undefined) => { readonly what: string; readonly note: string } | undefined;

/**
 * What a value not known here (an `envFrom` source's, a `valueFrom`'s, a substitution's) is read as, in turn, where the kubelet's
 * `$(NAME)` or env -S's `${NAME}` puts it in argv: nothing, an option letter, the option, a shell, a shell given the option.
 */
const ANY_VALUES = ['', 'i', '-i', 'sh', 'sh -i'];

/** The env vars only the shells a container runs read (ENV, the prompts): their reading depends on argv's. */
const SHELL_READ: ReadonlySet<string> = new Set([...Object.keys(INTERACTIVE_ENV), ...Object.keys(PROMPT_ENV)]);

/** At most this many variables whose value is not known are read with each of ANY_VALUES (one at a time). */
const MAX_UNKNOWN_NAMES = 16;

/** An argv as the kubelet and env -S may give it to the programs: argv, env -S's `${NAME}` values (`fixed`), the value not known it reads. */
interface ArgvReading {
  readonly argv: readonly string[];
  readonly fixed: ReadonlyMap<string, string>;
  readonly note: string;
  /**
   * For the first reading: each `$(NAME)` of argv the kubelet fills with a value the container's env gives, the reading with it
   * left as written, and the note that says so (read only where the first reading runs a variable, to tell whether the value made
   * the shell interactive).
   */
  readonly pasted?: ReadonlyArray<{ readonly without: ArgvReading; readonly note: string }>;
}

/**
 * The note of a `$(NAME)` the kubelet fills with `value`: it pastes the value into the arguments of the program before the word
 * that holds it (`sh $(FLAGS)`, FLAGS `-i`: sh's).
 */
function pastedNote(argv: readonly string[], name: string, value: string): string {
  const at = argv.findIndex((a) => a.includes(`$(${name})`));
  const program = invocations(argv).filter((run) => run.program !== undefined && run.programIndex < at)
    .sort((a, b) => b.programIndex - a.programIndex)[0]?.program ?? (at > 0 ? argv[0] : undefined);
  const whose = program === undefined ? 'the arguments' : `${basename(program)}'s arguments`;
  // (the value names the program run: `timeout 5m $(SHELL_PATH) -i`)
  const runs = invocations(argv.map((a) => kubeletExpand(a, (n) => (n === name ? value : undefined)))).some((run) => run.programIndex === at);
  return `; the kubelet pastes $(${name}) (${JSON.stringify(value)}) into ${whose}, which makes ${runs ? 'it run an interactive shell' : 'the shell interactive'}`;
}

/**
 * The readings of a container's argv for the shells it runs: the kubelet's `$(NAME)` expanded with the values its env gives
 * literally (`sh $(F)` with `F: -i` runs `sh -i`; `env -S $(S)` with `S: sh -i` too), env -S's `${NAME}` with them (`fixed`),
 * then, for each variable (at most MAX_UNKNOWN_NAMES) whose value is not known here and that either names, each of ANY_VALUES
 * for it: one the container's env gives from `valueFrom` or a substitution (or a `$(…)` the kubelet does not resolve here), or,
 * in a container with an `envFrom` source (whose keys are not known), any other (the kubelet applies envFrom first, env over it);
 * the other such variables left as written (none defined) and, where there are others, given empty values (`sh $(A)$(B)` runs
 * `sh -i` with A empty and B `-i`).
 */
function argvReadings(argv: readonly string[], script: unknown, env: readonly any[], envFrom: boolean): ArgvReading[] {
  const values = fixedEnvValues(env);
  const named = new Set(env.map((e) => e?.name).filter((n): n is string => typeof n === 'string'));
  const origin = (name: string): string | undefined => (values.has(name) ? undefined
    : named.has(name) ? "the container's env gives it from valueFrom or a substitution"
      : envFrom ? 'an envFrom source may set it, whose keys are not known here' : undefined);
  const base = argv.map((a) => kubeletExpand(a, (n) => values.get(n)));
  // each $(NAME) of argv the env fills, left as written in a reading of its own
  const filled = [...new Set(argv.flatMap((a) => [...a.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1])))]
    .filter((n) => values.has(n)).slice(0, MAX_UNKNOWN_NAMES);
  const pasted = filled.map((name) => ({
    without: { argv: argv.map((a) => kubeletExpand(a, (n) => (n === name ? undefined : values.get(n)))), fixed: values, note: '' },
    note: pastedNote(argv, name, values.get(name)!),
  }));
  const readings: ArgvReading[] = [{ argv: base, fixed: values, note: '', ...(pasted.length > 0 ? { pasted } : {}) }];
  // (a script's `#!/usr/bin/env -S` line's `${NAME}` too)
  const line = typeof script === 'string' ? /^[^\n]*/.exec(goTrimSpace(script))![0] : '';
  const texts = [...argv, line];
  const kubelet = new Set(texts.flatMap((t) => [...t.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((m) => m[1])));
  const braced = new Set(texts.flatMap((t) => [...t.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1])));
  const unknown = [...new Set([...kubelet, ...braced])].filter((n) => origin(n) !== undefined).slice(0, MAX_UNKNOWN_NAMES);
  for (const name of unknown) {
    const form = kubelet.has(name) ? `$(${name})` : `\${${name}}`;
    const note = `; ${form} may hold a value not known here (${origin(name)}), which may make the shell interactive (-i)`;
    for (const v of ANY_VALUES) {
      const expanded = argv.map((a) => kubeletExpand(a, (n) => (n === name ? v : values.get(n))));
      readings.push({ argv: expanded, fixed: new Map([...values, [name, v]]), note });
    }
    if (unknown.length === 1) continue;
    // (the others given empty values; a name env -S finds unset it reads as empty already)
    const others = new Set(unknown.filter((n) => n !== name));
    for (const v of ANY_VALUES) {
      const expanded = argv.map((a) => kubeletExpand(a, (n) => (n === name ? v : others.has(n) ? '' : values.get(n))));
      readings.push({ argv: expanded, fixed: new Map([...values, [name, v]]), note });
    }
  }
  return readings;
}

/**
 * argv and the commands the programs it may run run for it (argv.ts commandsRunBy: xargs' command, find's `-exec`, a runner's),
 * to a depth of three: `xargs env -S 'sh -i'` runs `sh -i` with the container's env (xargs gives it no words of its input here,
 * the container's input being none but where `stdin` is set). A program that env starts without `from` (`env -i xargs sh -i`) is left out,
 * and so is a command su or runuser runs in login mode without `from` (`su - root -- -i`; `su -l -w ENV` keeps it: runnerKeeps).
 */
function commandArgvs(argv: readonly string[], from: string | undefined, depth = 0): Array<readonly string[]> {
  const out: Array<readonly string[]> = [argv];
  if (depth >= 3) return out;
  for (const run of invocations(argv)) {
    if (run.program === undefined || !run.interpreter || !getsEnv(from, run.unsets)) continue;
    for (const inner of commandsRunWithEnv(run.program, argumentsOf(argv, run)) ?? []) {
      // (a command su or runuser runs in login mode gets a clean environment: `su - -c 'sh -i'` sources no ENV of the container)
      if (!getsEnv(from, [], inner.keeps)) continue;
      out.push(...commandArgvs(inner.argv, from, depth + 1));
    }
  }
  return out;
}

/**
 * A container's own env values that a program runs as code and that a caller can choose: a
 * substitution Tekton makes, or `$(NAME)` the kubelet expands from an env var defined before it
 * that holds one (read in the order Tekton gives the pod: the stepTemplate's env, then the step's).
 */
function envProblems(
  view: ContainerView, env: ReturnType<typeof envWithCallerValues>, labels: ReturnType<typeof labelEnv>, whatFor: WhatFor,
): Array<{ property: string; value: string; problem: string; fix?: string }> {
  const own = new Set(asArray(view.container?.env).map((e) => e?.name));
  const fixed = runFixedReferences(view);
  // a stepTemplate's entry is reported on the stepTemplate, unless only the step's env makes it hold a caller's value
  const templateEnv = asArray(view.template?.env);
  const onTemplate = view.template !== undefined
    ? new Set(envWithCallerValues(templateEnv, view.chosenWorkspacePaths, fixed).values.map((v) => v.entry?.name)) : new Set<string>();
  const labelOnTemplate = view.template !== undefined ? new Set(labelEnv(templateEnv).values.map((v) => v.entry?.name)) : new Set<string>();
  const values = [
    ...env.values.map((v) => ({ ...v, label: undefined, template: onTemplate })),
    ...labels.values.map((v) => ({ entry: v.entry, found: v.found, label: v.found, template: labelOnTemplate })),
  ];
  // a stepTemplate's entry is reported on the stepTemplate where its own view finds it: a name any program reads, or one
  // a shell of the template's own command and args reads, which a step without its own inherits; a name only the shells
  // a step runs read (ENV, the prompts) is reported on that step (Tekton merges the template's env into every step)
  const inherits = view.template !== undefined && (view.template.command !== undefined || view.template.args !== undefined)
    && view.container?.command === undefined && view.container?.args === undefined;
  return values.flatMap(({ entry: e, found, label, template }) => {
    const fromTemplate = !own.has(e.name);
    const templateReports = fromTemplate && template.has(e.name) && (inherits || executingEnv(e.name) !== undefined);
    const read = templateReports ? undefined : whatFor(e.name, e.name);
    if (read === undefined) return [];
    return [{
      property: `env.${jsString(e.name)}`,
      value: found.text,
      problem: `sets ${jsString(e.name)}${fromTemplate ? ' (in the stepTemplate)' : ''}, which ${read.what}${read.note}`
        + (label !== undefined ? ` (${labelText(label)})`
          : found.envVar !== undefined ? ` (the kubelet expands ${found.text}, which holds a value callers can choose)` : ''),
      fix: `Give ${jsString(e.name)} a fixed value written in the Task (pass ${found.text} to the program some other way), or, if the `
        + `${label !== undefined ? "run's labels are" : 'param is'} constrained to safe values, relax ARGUMENT_INJECTION for this step with the reason.`,
    }];
  });
}

/**
 * Shipwright's `shp-source-context` param as a substitution (`$(params.shp-source-context)`, or in brackets): its controller
 * gives it `path.Join("/workspace/source", contextDir)` (v0.20.13 resource_builders.go), which starts with '/' whatever the
 * Build's contextDir holds.
 */
const SHIPWRIGHT_SOURCE_CONTEXT = /^\$\(params(?:\.shp-source-context|\[(["'])shp-source-context\1\])\)$/;

/** An enum value that cannot start an option where a substitution starts an argument: not empty, no '-' first, no `$(` Tekton could replace. */
const safeAtArgumentStart = (v: unknown): boolean => typeof v === 'string' && v !== '' && !v.startsWith('-') && !v.includes('$(');

/**
 * What a param's `enum` does to a substitution that starts an argument (`args: [$(params.mode)]`):
 * undefined when it leaves the finding as it is (no enum, or one with a value that starts with
 * '-'), `cleared` when Tekton lets no value through that starts with '-', else why it does not
 * (the flag is not known to be on, or an embedded task spec is substituted before any enum is
 * checked). The enum is the Task's (a StepAction's is never checked against what a step passes);
 * an empty value, which Tekton's check skips, leaves the rest of the argument first, which must
 * then be literal text that starts no option.
 */
function enumAtArgumentStart(
  view: ContainerView, context: IRuleContext | undefined, text: string, reference: string,
): { readonly cleared: true } | { readonly cleared: false; readonly problem: string; readonly fix: string } | undefined {
  const param = /^\$\(\s*(?:inputs\.)?params\.([^.)[\]\s]+)\s*\)$/.exec(reference)?.[1];
  if (param === undefined || view.stepActionParams) return undefined;
  const choices = view.params.find((p) => p?.name === param)?.enum;
  if (!Array.isArray(choices) || choices.length === 0 || !choices.every(safeAtArgumentStart)) return undefined;
  const rest = text.slice(reference.length);
  if (rest.startsWith('-') || rest.startsWith('$')) return undefined;
  const values = choices.map((v: string) => JSON.stringify(v)).join(', ');
  const gap = enumGap(view, param, safeAtArgumentStart);
  if (gap !== undefined) {
    return { cleared: false, problem: `: the enum of "${param}" (${values}) allows none, but ${gap.problem}`, fix: gap.fix };
  }
  const flag = paramEnumFlag(context?.manifests);
  if (flag.on) return { cleared: true };
  return {
    cleared: false,
    problem: `: the enum of "${param}" (${values}) allows none, but Tekton checks a run's value against it only while the feature flag `
      + `${PARAM_ENUM_FLAG} is "true", and ${flag.source}`,
    fix: `Set ${PARAM_ENUM_FLAG}: "true" in Tekton's feature-flags ConfigMap (namespace tekton-pipelines) and audit it with this object, or put the value `
      + 'after a literal "--" or behind a literal prefix that makes it data.',
  };
}

/** What a finding says of a run's label the kubelet passes on (see labelEnv). */
function labelText(label: LabelReference): string {
  if (label.text.startsWith('valueFrom.')) return `the kubelet fills it from ${label.text}: a run's label, a value callers can choose`;
  // an env var that copies the label: the kubelet expanded the label's $(NAME) into its value, through any copies between
  const copied = label.copies === undefined ? '' : [...label.copies.through, label.copies.label].map((n) => `, into whose value it expanded $(${n})`).join('');
  return `the kubelet expands ${label.text}${copied}, which it fills from valueFrom.fieldRef ${label.path}: a run's label, a value callers can choose`;
}

/** The fix of a param or result that chooses the program: a constraint does not cover it, nor does a "--" before it. */
/** The fix of a caller's value in the args of an image's entrypoint: no prefix makes it data until the program is known. */
const ENTRYPOINT_FIX = 'Name the program in the step\'s command (the image\'s entrypoint, e.g. command: [\'/kaniko/executor\']), so that its args are read as '
  + 'that program reads them, and keep the value behind a literal prefix that makes it data (such as "--destination=") or after a literal "--"; or pass '
  + 'the value through env to a script. Until the program is named, no prefix makes it data: the entrypoint may be a shell that runs its args.';

/** The fix of a caller's value after a `--` that the option of `word` before it takes as its value (`-xf --`, `--branch --`). */
function dashesFix(word: string): string {
  return `Write the "--" after that option's value (${word} VALUE --), where it ends the options, or put the value behind a literal prefix `
    + 'that makes it data, or pass it through env to a script.';
}

/** The fix of a value a program runs as a command or shell code (an option's, a runner's shell mode). */
const COMMAND_FIX = 'Write the command literally into the step (never from a param or result), or pass the value through env to a script that checks it.';

/** pnpm's shell mode (argv.ts runnerShellCode, shellModeProblem): its command and arguments, joined, are shell code. */
function pnpmShellMode(argv: readonly string[], programIndex: number): string {
  return `is ${shellModeProblem(argv, programIndex)}`;
}

/** How `yarn exec` runs its first operand (argv.ts runnerCodeWord). */
const YARN_EXEC_PROBLEM = 'is the code of yarn exec, which yarn 2 and later run with their own shell, a POSIX-like one (yarn 1 runs it as the program)';

const PROGRAM_FIX = 'Write the program literally into the step\'s command, never from a param or result (to run one of several, give each its own step '
  + 'or task, chosen with a when expression); "--" before it or a constraint on the param does not make it data.';

const ARRAY_FIX = 'Put the array after a literal "--", where its items are operands, or give the program the options it needs as literal '
  + 'arguments and pass the caller\'s values as string params behind a literal prefix that makes them data (Tekton checks an enum of string params only); '
  + 'or, if the callers are trusted to choose the options, relax ARGUMENT_INJECTION for this step with the reason.';

/** The fix of a finding of a run's label in `command` or `args`. */
function labelFix(label: LabelReference): string {
  return `Write the program, its wrappers' arguments and its options (and the values of options that run code) literally in the step; pass ${label.text} `
    + "(a run's label, never starting with '-') only as data to a fixed program, or check it against the values allowed first.";
}

/**
 * Substitutions that callers can choose neither pick the program nor start an
 * argument.
 *
 * Tekton pastes every `$(…)` into the argument before the program sees it. A
 * value in the program's place (or in a wrapper's, `env $(params.x)`) chooses
 * what runs; a value at the start of an argument can be an option
 * (`--upload-pack=…`, `-oProxyCommand=…`), and an array param (`[*]`) expands to
 * several arguments. Inert: a value after `--`, or inside an argument after a
 * literal prefix (`--destination=$(params.image)`, `https://host/$(params.repo)`), or
 * the word after an option that a known program's parser reads as taking a value
 * (`buildah bud -t $(params.image)`, `git clone --branch $(params.rev)`; see the limits),
 * of a program named in `command` that is not an interpreter (those are
 * SCRIPT_INJECTION). When `command` is not set, the image's entrypoint runs,
 * which may be an interpreter: any substitution in `args` is refused, unless the
 * step runs a script: its arguments are its `"$@"`, data to it like env, in any
 * position. `workingDir` takes none.
 * A SecureTask whose param is constrained records that the validation step
 * refuses values starting with `-`, as a relaxation of this rule.
 * A run's label that the kubelet fills an env var from (`metadata.labels[...]`)
 * is one word that never starts with `-`: its `$(NAME)` counts only where a word
 * picks what runs (the program, a wrapper's argument, the entrypoint's args, an
 * option that runs its value or is named by it, an env var that runs code).
 */
export const ARGUMENT_INJECTION = containerRule(
  {
    id: RuleId.ARGUMENT_INJECTION,
    severity: Severity.HIGH,
    title: 'Params and results neither choose the program, nor start an argument, nor set an environment variable that runs code',
    rationale:
      'A value that picks the program runs whatever the caller names; a value at the start of an argument can turn into an '
      + 'option such as git\'s --upload-pack or ssh\'s -oProxyCommand, which run commands.',
    fix: 'Pass the value through env, put it after a literal "--" or behind a literal prefix that makes it data (such as "--destination=", never an option whose value runs, such as git\'s "--upload-pack="), '
      + 'or, where it starts an argument, declare the param with an `enum` of values none of which starts with "-" (Tekton refuses a run\'s other values '
      + 'while the feature flag enable-param-enum is "true") or give a SecureTask\'s param a constraint.',
    decidesFrom:
      'The `command`, `args` and `workingDir` of every step (the stepTemplate merged under it), stepTemplate and sidecar of '
      + 'Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, or no apiVersion; embedded `taskSpec`s and '
      + '`pipelineSpec`s followed to any depth), and of every StepAction, read as one argv whose program is found through '
      + 'wrappers (`env`, `timeout`, `nice`, `tini` ...), each past its options as its own option grammar reads them (option groups, '
      + 'a value attached or in the next argument, an unambiguous prefix of a long option: `timeout --kill 5 10m git ...`); an option '
      + 'a wrapper does not know may take the next argument or not, and each program that makes possible is judged (a finding of any '
      + 'is one). A substitution whose value can come from outside the task (as '
      + 'SCRIPT_INJECTION reads them) is a finding when it chooses the program, starts an argument (or follows only dashes, '
      + '`--$(params.option)`) before a literal `--`, '
      + "expands an array param (`[*]`), is in `args` while neither `command` nor `script` is set (the image's entrypoint "
      + 'runs), or is in `workingDir`. After a literal prefix (`--destination=$(params.image)`), after `--` (not one that is the value of the option before it, as a known program reads it: `git clone --branch -- $(params.x)` is a finding, and so is `tar -xf -- $(params.f)`, whose `-f` takes the `--` (GNU tar 1.34), as the short options that take a value of tar, rsync, at, rm, mkdir, cp, mv, ln, touch, chmod, cat, grep, sort, ls, install, chown, chgrp, gzip (gunzip, zcat) and git\'s clone, rebase, difftool, checkout, switch, fetch, push, commit, tag and worktree are read (the last letter of a group, or tar\'s traditional first word, `tar xf -- $(params.f)`; `git fetch -o -- $(params.x)`, `install -t -- $(params.x)`), and those programs\' long options that take one, written whole (`tar --file --`, `git checkout --orphan --`); `tar -x -f FILE --`, `ls -la --`, `git checkout -f --`, `git commit -m MSG --` and any `--` of a program whose options are not listed end the options, and a long option not listed, or abbreviated, is read as taking no next argument; after such a `--`, the value of an option that takes one is inert as well: `tar -xf -- -C $(params.x)`, whose `-C` takes it as its directory), or as the word after an option that a known program reads as taking a value (`buildah bud -t $(params.IMAGE)`, as the limits say) it is inert; '
      + "the arguments of interpreters are SCRIPT_INJECTION's (not the arguments of the wrappers before one, "
      + 'which choose what runs: `env -$(params.x) sh -c …`). The `args` of a step with a `script` and no `command` are the '
      + 'script\'s `"$@"`: data, like env, wherever they start and however they expand, except for a Windows script '
      + '(`#!win <interpreter> <options>`), which Tekton runs as `<interpreter> <options> <file> <args>`: there any '
      + 'substitution in `args` is a finding, as an interpreter such as `powershell -Command` or `cmd /c` reads them as code. Env values are data too, except '
      + 'those of variables that programs run as code or read as options, configuration or code paths: git\'s '
      + '(`GIT_SSH_COMMAND`, `GIT_SSH`, `GIT_PROXY_COMMAND`, `GIT_EXTERNAL_DIFF`, `GIT_PAGER`, `GIT_EDITOR`, '
      + '`GIT_SEQUENCE_EDITOR`, `GIT_ASKPASS`, `GIT_CONFIG_PARAMETERS`, `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM`, '
      + '`GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>`, `GIT_DIR`, `GIT_TEMPLATE_DIR`, `GIT_EXEC_PATH`), `HOME`, '
      + '`XDG_CONFIG_HOME`, `PATH`, `SSH_ASKPASS`, `PAGER`, `EDITOR`, `VISUAL`, `BROWSER`, `LESSOPEN`, `LESSCLOSE`, `PS4`, '
      + '`BASH_ENV`, `RSYNC_RSH`, `TAR_OPTIONS`, `NODE_OPTIONS`, `PERL5OPT`, `RUBYOPT`, `PYTHONWARNINGS`, `GOFLAGS`, '
      + '`MAKEFLAGS`, `GNUMAKEFLAGS`, `ZIPOPT`, `TF_CLI_ARGS` and `TF_CLI_ARGS_*`, `npm_config_*`, `CC`, `CXX`, `RUSTC`, `RUSTC_WRAPPER`, the JVM\'s '
      + '(`JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS`, `_JAVA_OPTIONS`, `JAVA_OPTS`, `MAVEN_OPTS`, `GRADLE_OPTS`, `CLASSPATH`), '
      + '`LD_PRELOAD`, `LD_AUDIT`, `LD_LIBRARY_PATH`, `GCONV_PATH`, `OPENSSL_CONF`, `DOTNET_STARTUP_HOOKS`, `LUA_INIT`, '
      + '`PYTHONPATH`, `PYTHONHOME`, `PYTHONSTARTUP`, `NODE_PATH`, `PERL5LIB`, `PERLLIB`, `RUBYLIB`, `KUBECONFIG`, '
      + '`KUBECTL_EXTERNAL_DIFF`, `MAKEFILES`, `CONFIG_SHELL`, `GIT_COMMON_DIR`, `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, '
      + '`RUSTFLAGS`, `BUNDLE_GEMFILE`, `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE`, `MANPAGER`, `SHELLOPTS` and `BASHOPTS` '
      + '(`noexec`), `CARGO_BUILD_RUSTC_WRAPPER`, `CARGO_BUILD_RUSTC`, `CARGO_HOME`, `CARGO_TARGET_*_RUNNER` and `_LINKER`, '
      + '`GRADLE_USER_HOME`, `SBT_OPTS`, `PIP_CONFIG_FILE`, `CURL_HOME`, `WGETRC`, `PHPRC`, those that choose the daemon or build service the container '
      + 'CLIs send registry credentials to and build and run on (`DOCKER_HOST`, `DOCKER_CONTEXT`, `DOCKER_CERT_PATH`, `DOCKER_TLS_VERIFY`, podman\'s '
      + '`CONTAINER_HOST` and `CONTAINER_CONNECTION`, buildctl\'s `BUILDKIT_HOST`) or where they read credentials and registries (`DOCKER_CONFIG`, '
      + '`REGISTRY_AUTH_FILE`, `CONTAINERS_REGISTRIES_CONF`, `CONTAINERS_CONF`, buildah\'s `BUILD_REGISTRY_SOURCES`; not the repository pushed to, '
      + '`KO_DOCKER_REPO`, which gets that registry\'s credentials only), and those that decide how tools verify '
      + 'what they fetch (`GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED`, `GOINSECURE`, `GONOSUMDB`, `GONOSUMCHECK`, `GOSUMDB`, '
      + '`GOPROXY`, `GOPRIVATE`, `PIP_TRUSTED_HOST`, the `*_PROXY` variables, `SSL_CERT_FILE`, `SSL_CERT_DIR`, `REQUESTS_CA_BUNDLE`, '
      + '`CURL_CA_BUNDLE`, `NODE_EXTRA_CA_CERTS`), and `ENV` where the step runs an interactive shell, which '
      + 'sources it (a POSIX shell, sh, dash, ash, ksh, mksh, pdksh or yash, also as the applet busybox runs, `busybox sh -i`, '
      + '`/bin/busybox ash -i`, `busybox env X=1 sh -i`, and as any program whose name starts with busybox, `/bin/busybox.static sh -i`, `busybox-x86_64 ash -i`: busybox 1.36 appletlib.c runs the applet its first argument names, a path\'s last part, '
      + 'and ash.c sources `ENV` when interactive, reading `+i` as `-i`; `busybox --list …` and a name starting with `-` run none; '
      + 'and an interactive bash, which sources `ENV` in posix mode: by its options or `POSIXLY_CORRECT` the step sets, and, where '
      + 'neither is seen, reported as such, since `POSIXLY_CORRECT` (any value) from the container\'s `envFrom`, whose keys are not seen, '
      + 'or from the image\'s env, never seen, turns it on: a bash kept from running the value only by a variable the rule cannot see '
      + 'is refused (bash 5.2 shell.c run_startup_files; `#!/bin/bash -i` too); zsh reads `ENV` only in sh or ksh '
      + 'emulation; an option group before the shell\'s first operand holds `i`, read as bash 5.2 and dash 0.5.12 read them: '
      + 'every group, long options, past the values of `-o`, `-O`, `--rcfile` and `--init-file`, `--` or `-` ending them, `sh -ic`, '
      + '`sh -e -i`, `ksh -i script`, `dash -o errexit -i`, or, without a command, the script\'s `#!` line runs a shell with one, '
      + '`#!/bin/sh -i`, `#!/usr/bin/env -S sh -e -i`), and `PROMPT_COMMAND`, `PS0`, `PS1` '
      + 'and `PS2` where the step runs a shell that reads its commands with a prompt: the program (through wrappers) is bash, '
      + '`rbash` or `sh` (which may be bash), or for `PS1` and `PS2` also dash, ash, ksh, mksh, pdksh or yash, given '
      + 'before its first operand an option group holding `i`, none holding `c`, and no operand or a group holding `s` (`command: [bash, -i]`, `[bash, --norc, -i]`, '
      + '`args: [-li]`: bash 5.2 runs `PROMPT_COMMAND` before each prompt, even at the end of its input, `bash -i < /dev/null`, '
      + 'and runs the command substitutions of `PS0`, `PS1` and `PS2` as it expands them; dash 0.5.12 those of `PS1` and `PS2`; '
      + 'not `bash -ic CODE`, `bash -i script`, nor a script\'s `#!/bin/bash -i` line, which runs its file with no prompt): a '
      + 'substitution callers can choose in the value of one of these (a container\'s own `env`, the stepTemplate\'s on '
      + 'the stepTemplate, or a `NAME=VALUE` argument of an `env` wrapper before the program, read as GNU env reads its '
      + 'options: `env -u NAME GIT_SSH_COMMAND=... git`, beside an interpreter too), or in the name of such an argument, is a '
      + 'finding; the other `NAME=VALUE` arguments of `env` are data like env, and the string of `env -S` is SCRIPT_INJECTION\'s. The kubelet expands `$(NAME)` in env values, `command` and `args` from the env vars '
      + 'defined before (`$$(NAME)` is its escape): an env var that holds a value callers can choose passes it on that way. '
      + 'So does one the kubelet fills from a run\'s annotation (`valueFrom.fieldRef` `metadata.annotations[...]`: Tekton copies '
      + 'the run\'s annotations onto the pod) or from a ConfigMap or Secret whose name holds such a substitution. One the kubelet '
      + 'fills from a run\'s label (`valueFrom.fieldRef` `metadata.labels[...]`, no `value`: Tekton copies the run\'s labels onto '
      + 'the pod too) holds a value callers choose that the API server admits only empty or as one word of at most 63 letters, '
      + 'digits, `-`, `_` and `.` starting and ending with a letter or digit: never an option, but a word that can name a '
      + 'program, an option or an env var. Its `$(NAME)` is a finding where such a word picks what runs: as the program or in a '
      + 'wrapper\'s arguments (`$(TOOL)`, `timeout 5m $(TOOL)`, `env -C $(DIR) sh -c …`), in `args` that reach the image\'s '
      + 'entrypoint or a `#!win` script\'s interpreter, in the value of an option that runs it (below: `--upload-pack=$(TOOL)`), '
      + 'behind only dashes (`--$(TOOL)`) before a literal `--`, in the name of an `env NAME=VALUE` argument, and in the value of '
      + 'an env var programs run as code (`env GIT_SSH_COMMAND=$(TOOL) git`, a container\'s `GIT_SSH_COMMAND` filled from a '
      + 'label or holding `$(TOOL)`); at the start of an argument, behind any other literal prefix or after `--` it is data. An '
      + 'env var whose `value` holds such a `$(NAME)` holds the label\'s word in turn (the kubelet expands a value from the env vars '
      + 'defined before it, as `makeEnvironmentVariables` does: `B: $(TOOL)`, then `$(B)` as the program; copies of copies too), '
      + 'read with the text its value writes around it (`B: --$(TOOL)` behind only dashes, `B: --upload-pack=$(TOOL)`); one defined '
      + 'before the label\'s, or escaped (`$$(TOOL)`), holds the text as written. A substitution `$(params.<name>)` that starts an '
      + 'argument is no finding when the Task\'s (not a StepAction\'s) param declares an `enum` whose values are none empty, none '
      + 'start with `-` and none hold `$(`, what follows it in the argument is literal text that does not start with `-`, and the '
      + 'feature flag `enable-param-enum` is "true" (strconv.ParseBool) in the feature-flags checked together: Tekton v1.15 '
      + 'then fails a TaskRun or PipelineRun whose value is not listed (`ValidateEnumParam`, which lets an empty value through, so '
      + 'the rest of the argument comes first then), and only then. Without the flag known to be on, the finding says that the enum '
      + 'binds only under it and which feature-flags leave it off; in a pipeline task\'s embedded `taskSpec` the enum binds only as '
      + 'IMAGE_DIGEST reads it (the pipeline task passes the param, or the pipeline\'s own enum or the run fixes it). In a Shipwright '
      + 'build strategy\'s step (and a Build\'s run of it), `$(params.shp-source-context)` that starts an argument is no finding '
      + 'either: the controller gives it `/workspace/source` joined with the Build\'s `source.contextDir` by Go\'s `path.Join` '
      + '(v0.20.13 resource_builders.go), which starts with `/` whatever the contextDir holds.'
      + OPERATOR_FLAGS_OF + SEVERAL_FEATURE_FLAGS,
    limits:
      'An enum clears only a substitution that starts an argument: one that chooses the program, follows only dashes, is the '
      + 'value of an option that runs it or reaches the entrypoint stays a finding whatever its enum lists, and a feature-flags '
      + 'ConfigMap that is not checked with the object leaves the flag unknown (off), and one without a namespace does not turn it on (kubectl apply puts it in the context\'s namespace, which the audit cannot know); the admission policies, which see the object '
      + 'alone, read no enum and refuse such a substitution whatever the param lists. '
      + 'Other environment variables a program reads as code are not known (a tool\'s own `*_OPTS`), nor `envFrom` (its keys, `ENV` among them, are not seen); an interactive bash counts as a shell that may source `ENV` '
      + 'whatever its options say (`bash +o posix -i` included: the image\'s `POSIXLY_CORRECT` is read at start), and its finding says posix mode is seen where its options (`--posix`, `-posix`, `-o posix`), '
      + 'the container\'s env (`POSIXLY_CORRECT`, `POSIX_PEDANTIC`, or `SHELLOPTS` naming `posix` or from `valueFrom` or a `$(…)`: bash imports it at start-up) or an assignment of `env` before it (`env POSIXLY_CORRECT=1 bash -i`) turn it on; '
      + 'a script\'s `#!/bin/bash -i` line runs it interactive, and `#!/usr/bin/env -S` splits its line (`bash --posix -i`), but `#!/bin/bash --posix -i` gives bash one argument it refuses; '
      + 'a shell\'s options and env\'s assignments in the string of `env -S` as the container\'s command (`env -S \'sh -i\'`, `env -S \'POSIXLY_CORRECT=1 bash -i\'`) are read here, split as GNU env 9.1 splits it (env.c `build_argv`: quotes, the escapes `\\_` and `\\c`, a `#` comment; `env -S \'"sh" -i\'` and `env -S \'sh\\_-i\'` run `sh -i`; a `${NAME}` in the words that name the shell and its options is read as the value the container\'s env gives NAME literally (a `value` holding no `$`, or whose `$(NAME)` are earlier such entries, which the kubelet expands, `$$` one `$`; the last entry of the name, the stepTemplate\'s merged in), which env expands from its own environment before `-i` clears it (`env -S \'sh ${F}\'` with `F` set to `-i` runs `sh -i`), and else as empty, `env -S \'${UNSET}sh -i\'` and `env -S \'sh -${UNSET}i\'` running `sh -i`, and, for a variable whose value is not known here (one the container\'s env gives from `valueFrom` or a substitution, or, in a container with an `envFrom` source, whose keys are not seen, any name the env does not give: the kubelet applies envFrom first, env over it), also as any value, the finding saying so (`…; ${F} may hold a value not known here (an envFrom source may set it, whose keys are not known here), which may make the shell interactive (-i)`; at most sixteen such names, each read as empty, `i`, `-i`, `sh` and `sh -i`, the others left as written and given empty values: `sh $(A)$(B)` runs `sh -i` with A empty and B `-i`); the image\'s env is not seen) (the policies\' reading of it is below), and so is the rest of a script\'s `#!/usr/bin/env -S` line, which the kernel passes to env as one argument (`#!/usr/bin/env -S sh\\_-i`); a shell GNU env starts without the container\'s `ENV` (`env -i sh -i`, `env - sh -i`, `env -u ENV sh -i`, `env -iS \'sh -i\'`; busybox\'s and toybox\'s env alike, `busybox env -u ENV sh -i`: busybox 1.36 coreutils/env.c) sources none of it, nor a prompt var after `env -i` or `env -u` of that var (`env -u PS1 bash -i`: bash 5.2 sets its own prompt; the policies refuse them all), while env\'s own `NAME=VALUE` after `-i` or `-` reaches the shell (`env -i ENV=$(params.x) sh -i`, `env -i PS1=$(params.x) bash -i`: findings; one given before a later env\'s `-i` counts all the same, `env ENV=$(params.x) env -i sh -i`), and `#!/usr/bin/env -S busybox sh -i` runs busybox\'s shell (`#!/bin/busybox sh -i` runs nothing: busybox gets `sh -i` as one applet name); a container given a terminal (`tty` with `stdin`) '
      + 'makes a shell that reads its input interactive without `-i`, as `-o interactive` (and ksh93\'s `--interactive`) does; a shell '
      + 'that `toybox` runs as its applet (`toybox sh -i`, toybox main.c toybox_main) is not read as one, as it need not be: toybox\'s sh '
      + '(toys/pending/sh.c, 2026) sources no `ENV` or startup file and expands only backslash escapes in `PS1`/`PS2`, with no command '
      + 'substitution and no `PROMPT_COMMAND`; a shell toybox\'s applets that run another program run is read (`toybox env X=1 dash -i`, '
      + '`toybox nice -n 5 sh -i`, `toybox timeout 5 ksh -i`, `toybox env -e /bin/dash x -i`): env, nice, nohup, time, setsid, timeout, '
      + 'taskset, chrt and ionice, by their option strings in toys/ (toybox 0.8.13; one given an option it does not know runs nothing, '
      + '`toybox nice -10 sh -i`; `env -e` is 0.8.11\'s), not its others that run a program (chroot, nsenter, unshare, su, xargs, '
      + 'watch, flock, linux32), as for GNU\'s; busybox\'s env knows no `-S` (busybox 1.36 coreutils/env.c `+i0u:*`), so '
      + '`busybox env -S \'sh -i\'` runs nothing; neither is read: posh, '
      + 'zsh in sh or ksh emulation, or a shell by a name not listed (a `#!` script runs its file and the image\'s entrypoint is not known: '
      + 'neither counts); a shell '
      + 'made interactive otherwise (`set -i` is refused by shells, an interactive '
      + 'shell started by the script itself, `bash -i < cmds` in a script: SCRIPT_INJECTION\'s) does not make `ENV` or the prompt variables count (a '
      + 'bash run as sh by a script\'s `#!/bin/sh -i` line sources `ENV`, and its own `ENV`, `PROMPT_COMMAND` and `PS1` '
      + 'assignments in a script are SCRIPT_INJECTION\'s); an image whose startup files (`/etc/bash.bashrc`) set `PS1` over the '
      + 'env\'s still counts. The admission policies read a shell\'s options in the first six words after it, and refuse a shell given '
      + 'more option words than that where a later argument may make it interactive (a group of `-` or `+` holding `i`, `interactive`, '
      + '`--interactive`: `bash -e -u -x -o pipefail -o errexit -i`, and, past its first operand too, `sh -e -u -x -v -f -C build.sh -i`) or '
      + 'its input is a terminal (`sh -e -u -x -v -f -C build.sh` is admitted) where `ENV`, `PROMPT_COMMAND`, `PS0`, `PS1` or `PS2` (in env, or `env NAME=VALUE`) holds a '
      + 'caller\'s value, with a message saying to group its options (`bash -eux -o pipefail`); they take the word after any `-o`, `-O`, `--rcfile` or `--init-file` for its value, as '
      + 'the catalogue does (the `-i` of `bash -o -o -i`, an option to bash, is read as a value). Both read a word naming one of bash\'s '
      + 'long options with one dash (`-norc`, `-rcfile FILE`, `-posix`) as that option for every shell, as bash 5.2 reads it before its '
      + 'first option group (dash and the other shells refuse such a word, and bash after a group). '
      + 'The admission policies read busybox\'s shell applet as the first later element naming a shell (`busybox grep sh -i` with `ENV` from a param is refused there, not here), '
      + 'and a caller\'s value between busybox and that shell (`busybox env X=$(params.x) sh`) as a wrapper\'s argument, refused under this rule where the catalogue finds it under SCRIPT_INJECTION. In the string of `env -S` (env as `command[0]`: `env -S \'sh -i\'`, '
      + '`/usr/bin/env -S \'bash -i\'`, `env -vS \'X=1 sh -e -i\'`, `env \'-Ssh -i\'`, `--split-string=sh -i`), which env splits on blanks outside quotes (coreutils 9.1 env.c), '
      + 'they read the first words as a shell (in quotes or not, busybox\'s applet too: `env -S "\'dash\' -i"`, `env -S \'busybox sh -i\'`) and its '
      + 'option groups holding `i` or `-o interactive` (bash refuses that name and runs nothing: refused all the same), or an `-i` among the six '
      + 'arguments after the string, which env appends to its words (`env -S \'sh -e\' -i`), for `ENV`, and for the prompt variables where no '
      + 'group holds `c` and no operand is in the string (an operand appended after it is not read: `env -S \'bash -i\' build.sh` with `PS1` '
      + 'from a param is refused there, not here); a string holding a backslash, a quote (other than around a whole shell or option word, also inside one: `s"h"`, `sh -"i"`), `#`, `${`, or a vertical tab, form feed or carriage return, which env reads as blanks (`sh\\_-i`, `${UNSET}sh -i`, `env -S \'sh #x\' -i`), or whose first word is one of env\'s options or a wrapper (`env -S \'timeout 5 sh -i\'`), which they do not read word by word, counts as running an interactive bash with a prompt, as does a script\'s `#!…env` line holding one of those (`#!/usr/bin/env -S sh\\_-i`) or a word that may make a shell interactive (`-i`, `+i`, `interactive`) behind options their pattern does not read (`#!/usr/bin/env -vS sh -i`, `--split-string=sh -i`): refused where `ENV` or a prompt variable holds a caller\'s value, even where this rule reads no interactive shell there (`env -S \'sh -c "make all"\'`). '
      + 'The admission policies read `env NAME=VALUE` and the string of `env -S` where `env` is `command[0]` and behind wrappers (`command[0]` a wrapper: the first element named env, '
      + 'before the interpreter the command runs where it runs one) as env run directly: `timeout 5 env -S \'sh -i\' bash` with `ENV` from a param, and `nice env BASH_ENV=$(params.x) bash build.sh`, are refused; '
      + '`timeout 5m env -S \'make all\'` is admitted beside such a var. They read a `$(` in that string as a string not read word by word (the kubelet expands `$(F)` there before env: `env -S \'sh $(F)\'` with `F: -i` runs `sh -i`), '
      + 'and a shell\'s option word, or its first operand where no group holds `c`, holding a `$(NAME)` that is none of Tekton\'s variables as a group holding `i` with no code given '
      + '(the kubelet expands it from the container\'s env, an envFrom source\'s too: `sh -$(O)` with `O: i`, `sh $(F)` with `F: $(G)` and `G: -i`): refused beside a caller\'s `ENV` or prompt var, where this rule reads the value: '
      + 'the kubelet\'s `$(NAME)` in command and args (k8s.io/kubernetes expansion: the value of the container\'s env var, into one word, `$$` one `$`, a `$(NAME)` of no env var left as written) is read with the value the container\'s env gives literally (`sh $(F)` with `F: -i` runs `sh -i`, `env -S $(S)` with `S: sh -i` too, `sh $(F)` with `F: -e -i` runs the file `-e -i`; where the shell is interactive only by such a value, the finding says so: '
      + '`the kubelet pastes $(F) ("-i") into sh\'s arguments, which makes the shell interactive`), '
      + 'and, for one whose value is not known here (`valueFrom`, a substitution, a caller\'s value, any name beside an `envFrom` source), also as any value, as env -S\'s `${NAME}` above, the finding saying so (`…; $(FLAGS) may hold a value not known here (…)`). '
      + 'The commands xargs and find\'s `-exec` run (and the other runners SCRIPT_INJECTION reads) are read for the shells they start, with the container\'s env (`xargs env -S \'sh -i\'`, `find . -exec sh -i \\;`: GNU xargs 4.9 and find source ENV there, checked; xargs\' input, none in a container without `stdin`, is not read; one env starts without `ENV`, `env -i xargs sh -i`, is not); su and runuser run theirs with the container\'s env (HOME and SHELL their own: `su root -- -i`, `runuser -u root -- sh -i`, `su -p`), '
      + 'but in login mode (`-` first, `-l`, `--login`, `-m` ignored beside it) with TERM and the names `-w` lists alone (util-linux su-common.c modify_environment): `su - root -- -i` sources no `ENV` of the container, `su -l -w ENV root -- -i` does; '
      + 'the admission policies read a login only where su\'s first argument asks for it (`su - builder`, `su -l`, `su --login`) and no `-w` is given anywhere (stricter: `su -m -l` is no login there), and a runner\'s command (`chroot / sh -i`, `unshare -r sh -i`, `flock /tmp/l sh -i`, `su root -- -i`) by its words alone: a shell named after the runner and, after it, a word that may make it interactive (any such word after su or runuser), read as an interactive bash with a prompt (`find . -exec sh -c make -i ;` is refused there, not here). '
      + 'They read a stepTemplate\'s `ENV` and prompt variables beside the shell each step runs (Tekton merges the stepTemplate\'s env into its steps), '
      + 'as this rule does: `ENV` from a param in `stepTemplate.env` with a step whose command is `sh -i` is reported at the step (`sets "ENV" (in the stepTemplate)`), '
      + 'and at the stepTemplate where the shell is its own command, which steps without a command of their own inherit. '
      + 'An argument repeated in argv is read where it first occurs; a run '
      + 'pod template\'s env, which Tekton also substitutes, is RUN_POD_OVERRIDES\' (it refuses any). '
      + 'Which options a program has, and which option values it runs, are known only for git (`--upload-pack`, clone\'s `-u` (git 2.39\'s other sub-commands have none or a flag `-u`: `git add -u $(params.x)` is an operand), '
      + '`--receive-pack`, `--exec`, `-c` (git\'s own before the sub-command, clone\'s after it: commit\'s `-c` is `--reedit-message`), clone\'s `--config`, clone\'s and init\'s `--template` (its hooks are copied into the new repository, and clone runs post-checkout: git 2.55 builtin/clone.c), and, before the sub-command alone, `--config-env`, `--exec-path`, `--git-dir` and `-C` (grep\'s `-C` is a number of lines)), buildah (`--runtime`, the OCI runtime it runs, `--hooks-dir` and `--cdi-config-dir`, whose OCI hooks and CDI specs name programs run for each container: buildah v1.44), tar (`--to-command`, `--use-compress-program`, `-I`, '
      + '`--checkpoint-action`, `--info-script`, `--new-volume-script`, `-F`, `--rsh-command`, `--rmt-command`), rsync '
      + '(`--rsh`, `-e`, `--rsync-path`), scp and sftp (`-o`, `-F`, `-S`), zip (`--unzip-command`, `-TT`) and cosign (`--key`, of any sub-command, '
      + 'by its whole name alone as pflag reads it, where the literal text before the substitution could start a `pkcs11:` URI, whose `module-path` '
      + 'names a library cosign built with pkcs11key loads: `--key $(params.key)` and `--key=$(params.key)` alike, not `--key k8s://$(params.ns)/k`), '
      + 'npx and `npm exec` (`-c`, `--call`, whose code npm runs with its script shell): a '
      + 'substitution in the value of one of those (in its argument or the next, the long ones also abbreviated, as '
      + 'getopt_long and git read them: `--upload-pa=`) is a finding; so is one behind a literal prefix where git or wget runs it '
      + 'through its configuration, as SCRIPT_INJECTION reads a script\'s (`git config core.sshCommand "ssh $(params.x)"`, the value '
      + 'of a key that runs its value; `git rebase -x`, `git submodule foreach`; wget\'s `-e`, `--execute` and `--use-askpass`), or the version spec of a package `npm install`, `pnpm add` or `yarn add` names '
      + '(`lodash@$(params.x)`: a `file:` path, a git or an https tarball URL installs another package and runs its install scripts); behind any other literal '
      + "prefix it passes, even where another program's option runs its value. A short option of git clone, tar or rsync "
      + "last in a group of flags, or glued to its value after them, is read as getopt and git's parse-options read a group, the first letter "
      + 'that takes a value taking the rest (`git clone -qu $(params.x)`, `tar -xI $(params.x)`, `tar -xI$(params.x)`; not `git clone -bu`, whose `u` is the branch), '
      + "and tar's traditional options, a first argument of letters without a dash, give their values in turn (`tar xIf $(params.x) a.tgz`). "
      + 'Which options take a value, so that a substitution starting the next argument is that value and never an option, is known for '
      + 'these programs alone, each read as its parser reads it, with the options of the versions named (an option not listed, a `--no-` '
      + 'form or an abbreviation keeps the finding): kaniko\'s executor, by its path `/kaniko/executor` (Shipwright\'s kaniko strategy: '
      + '`--dockerfile $(params.dockerfile)`), the flags kaniko v1.23\'s root.go registers, read as spf13/pflag 1.0 reads them (flag.go: '
      + '`--flag VALUE` takes the next argument whatever it starts with where the flag has no `NoOptDefVal`, as bools have; a shorthand '
      + 'last in its group too; operands between); by their base name (`/usr/bin/buildah`), `buildah build` (`bud`) and `buildah push`, the sub-command right after the program '
      + '(cobra\'s `Find`; `buildah --root /r bud …` is not read), their flags and the root\'s persistent ones in buildah v1.44, each of '
      + 'the same kind in v1.17, v1.23, v1.29 and v1.39 where it has it (`--pull` takes no next argument), read as pflag reads them, no '
      + 'option after the first operand (`SetInterspersed(false)`: OpenShift\'s s2i Tasks\' `buildah bud … -t $(params.IMAGE) .`); '
      + '`skopeo copy`, its flags in skopeo v1.20 and v1.9 (`--dest-creds $(params.creds)`; `--tls-verify`, `--src-tls-verify` and '
      + '`--dest-tls-verify` take no next argument: `NoOptDefVal` "true"); '
      + '`cosign sign`, its flags in cosign v3.1, v2.4 and v2.2 (`-a $(params.annotation)`), where `--key` is read past; '
      + '`git clone`, after git\'s own options, none from a substitution, read as git 2.55\'s parse-options reads it (`get_arg` takes the '
      + 'next argument whatever it starts with; `--branch $(params.revision)`, `-qb`), its options of the same kind in git 2.30 and 2.39 '
      + '(`--recurse-submodules` takes its value only after `=`); and curl, read as its own parser reads it (tool_getparam.c, 8.22), the '
      + 'options of curl 7.74, 7.88, 8.5 and 8.22 of the same kind in each that has them (`-o $(params.file)`, `-H $(params.header)`; '
      + '`--help` and `-h` not listed). An earlier option that holds a substitution in its value within its own argument '
      + '(`--tls-verify=$(params.TLSVERIFY)`, `-t$(params.tag)`) keeps it there and is read past, as is an operand whose literal text '
      + 'before the substitution starts with another character than `-` (`docker://$(params.image)`); one whose substitution starts '
      + 'the argument, follows only dashes, is in the option\'s name (`--$(params.x)=1`) or before a shorthand that takes the rest '
      + '(`-q$(params.x)`), an array\'s element or `--` before it keeps the finding, as does any other program (kubevirt\'s '
      + '`disk-uploader --pushtimeout $(params.x)`, whose go-arg parser is not read; a program named `executor`; another '
      + 'sub-command of buildah, skopeo, cosign or git; docker, podman, kubectl and helm are command '
      + 'runners, whose arguments SCRIPT_INJECTION reads). The value of an '
      + 'option read so is data as it is behind the option\'s literal `--name=` (`--authfile $(params.auth)`, `--build-arg '
      + '$(params.arg)`, `-o $(params.file)`): an option whose value runs (above: `-u`, `--template`, `--runtime`) stays a finding; '
      + 'what a file or registry an option names holds is not judged here. The '
      + 'admission policies do not read any program\'s options and refuse such a value. '
      + "The image's entrypoint is not known either, so without `command` or `script` every "
      + "substitution in `args` is refused, even where the entrypoint treats it as data. A SecureTask's param constraint is "
      + 'accepted as proof that a value cannot start with `-`. Pods, Deployments and other workloads are not read, nor the '
      + 'init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged only '
      + 'when it is given as an object. A label\'s `$(NAME)` in the string of `env -S` is SCRIPT_INJECTION\'s. The '
      + 'admission policies read the env vars filled from a label without order (a name counts wherever it is filled so), and, in a '
      + 'container that has one, count every env var whose value holds a `$(…)` reference as holding a label (every copy, '
      + 'and copy of a copy, of a label, and beyond: a copy of an env var that holds none), do not '
      + 'read the values of options that run them (`rsync -e $(TOOL)` passes, as a param behind a literal prefix does), and, '
      + 'behind a wrapper that runs no interpreter (`timeout 5m git clone $(TOOL)`), refuse a label\'s `$(NAME)` in any element '
      + 'but env\'s assignments and `-S` string, where the catalogue reads the wrapper\'s grammar for the program. '
      + 'A whole element that is an array param (`$(params.ARGS)`, `$(params["ARGS"])`: its `type` array, or no type and an array default) is read as '
      + 'the items Tekton expands it into, several arguments any of which can be an option. A runner that runs the words after its `--` as a command '
      + 'of its own (tfcmt\'s plan and apply, npx, `npm exec`, `uv run`; for all but tfcmt only a `--` that follows their options alone) ends only '
      + 'its own options there: the command after it reads its options afresh (`tfcmt plan -- terraform -chdir=dir $(params.action)`), and a value '
      + 'naming that command chooses the program; npx, `npm exec`, `uv run`, tfcmt and the package runners uvx (`uv tool run`), `pipx run`, bunx (`bun x`, its flags '
      + 'before the `x` too: bun finds its sub-command past them, and `bun x` runs no file of its own as bun given another word does), `pnpm dlx` (pnpx), `pnpm exec` and `yarn dlx` '
      + 'run their first operand after their options as the command without a `--` too (npm\'s and pnpm\'s options before `exec` and `dlx`, and uv\'s global ones, read too: '
      + '`pnpm --package=x dlx sh -c …`, `uv --directory dir run …`) '
      + '(`npx eslint …`, `uv run sh -c …`, `tfcmt plan terraform plan`: urfave/cli\'s `command` argument; npx\'s npx-cli.js puts a `--` before it, while npm\'s '
      + 'parser takes the first `--` after `npm exec tool` out of its arguments; an option the catalogue does not know read both as taking the next word and not). '
      + 'The option that names the package a runner installs and runs a program of chooses the code that runs (npx\'s `-p` and `--package`, `npm exec --package`, '
      + 'uv\'s `--from` and `--with`, `pipx run --spec`, bunx\'s `-p`, `pnpm dlx --package`, `yarn dlx -p` and `--package`); `pnpm dlx`, `pnpm exec` and pnpx in shell mode (`-c`, `--shell-mode`) run their command and arguments, joined with '
      + 'spaces, with /bin/sh: a value there is shell code. `yarn exec` gives its first operand to yarn\'s own shell (yarn 2 and later: plugin-essentials\' '
      + 'exec runs it with @yarnpkg/shell, a POSIX-like shell line: `;`, `&&`, `|`, `$(…)`, redirections), the words after it appended to its last command as '
      + 'arguments; yarn 1 runs that operand as the program (no shell): a value there is read as code, the words after it as arguments '
      + '(after yarn\'s `--cwd DIR` and `workspace NAME` before the sub-command too, `yarn workspace web exec …`, and after `workspaces foreach` and its options, '
      + 'which runs `yarn exec …` in each workspace: `yarn workspaces foreach -A --jobs 2 exec …`). '
      + 'gdb\'s and vim\'s commands in `command` and `args` are read as SCRIPT_INJECTION reads them in a script: gdb\'s `-ex`, `-iex`, `--eval-command` '
      + '(and the prefixes gdb takes), which it runs as typed at its prompt (`shell`, `!`, `pipe`, `python` run programs), and vim\'s `-c`, `+CMD` and `--cmd`, '
      + 'Ex command lines (`:!` runs a shell; in restricted mode, `-Z` or rvim, vim 9 refuses `:!` and system() with E145, but its Ex commands still write '
      + 'files: `:w`, writefile()); a value there is code. So are the files of commands they read (gdb\'s `-x`, `--command`, `-ix`; vim\'s `-u` and `-S`) '
      + 'and the job file of `at -f` and `batch -f`, which atd runs with /bin/sh. '
      + 'An interpreter a runner runs so is a program the step runs, as one behind `env` is: its arguments SCRIPT_INJECTION\'s (`npx -- sh -c $(params.x)`, '
      + 'not `npx -- sh -c \'echo "$1"\' _ $(params.x)`, whose value is data), and it reads ENV and the prompts (`npx -- sh -i`); the wrappers between the runner\'s `--` and it '
      + 'choose what runs (`npx -- env -$(params.x) sh -c …`). A caller\'s `SHELL` (in env, or `env SHELL=…`) '
      + 'is reported beside a runner that runs the program it names: util-linux su and runuser keeping the environment (`-m`, `-p`, '
      + '`--preserve-environment`) without `-s` and outside login mode (not runuser\'s `-u USER CMD`), flock running `-c` code, script, and '
      + '`sudo -s` and `doas -s` (with or without a command; not `sudo -i`, which runs the target user\'s login shell). The command sudo or doas '
      + 'runs, or the shell `sudo -s`, `sudo -i` and `doas -s` start given none (reading its input: interactive on a terminal), is read for ENV and the '
      + 'prompts as any command the step runs, with every env var of the container: which reach it is decided by sudoers (env_reset, env_keep, env_delete) '
      + 'and doas.conf (keepenv, setenv), neither in the YAML (sudo 1.9\'s defaults keep PS1 and PS2 even without -E). '
      + 'The admission policies refuse a param starting an argument whatever its type, read a literal `--` as ending the options of the whole line '
      + '(also one that the option before it takes as its value, which the catalogue reports for a known program: they admit `tar -xf -- $(params.f)` '
      + 'and `git clone --branch -- $(params.x)`) '
      + 'but beside a runner (tfcmt, npx, npm, uvx, uv, pipx, bunx, bun, pnpm, pnpx, yarn), where none does (they refuse `tfcmt plan -- terraform '
      + '$(params.action)`, and `npx -- sh -c $(params.x)` as starting an argument; stricter: `npx eslint -- $(params.x)` and the shell\'s `$1` after '
      + '`npx -- sh -c CODE _` too), refuse a caller\'s value in a runner\'s option that names its package or code before its first `--` '
      + '(`-p`, `-c`, `--package`, `--from`, `--spec`, `--with`, `--call`, abbreviated too; stricter: past the runner\'s command where no `--` is given, '
      + '`uvx ruff check --from=$(params.x)`), and refuse a caller\'s '
      + 'SHELL in the container\'s env beside su, runuser, flock, script, sudo or doas whatever their options (stricter: `su -s /bin/sh`, `sudo -i`), '
      + 'not in the stepTemplate\'s env nor set by `env SHELL=…`.',
    howToRelax: containerRelaxation(RuleId.ARGUMENT_INJECTION, {
      props: 'A SecureTask records this relaxation itself for a step (never a sidecar: Tekton starts sidecars before the steps) '
        + 'whose only findings are constrained params starting an argument, '
        + 'since its `validate-params` step refuses values starting with `-`; the record lapses when the step changes, and when '
        + 'a patch changes the `validate-params` step, the step template, the declaration of one of those params, or puts the '
        + 'check after the step.',
    }),
    relaxable: true,
  },
  (view, context) => {
    const c = view.effective;
    const command = asArray(c?.command).map(jsString);
    const args = asArray(c?.args).map(jsString);
    const argv = [...command, ...args];
    // without a command the image's entrypoint (or the script) gets the args
    // each program argv may run (an option a wrapper does not know read every way): a finding of any is one
    const runs = command.length > 0 ? invocations(argv) : [ENTRYPOINT];
    // one walk of the env: the kubelet expands $(NAME) in env values, command and args from env vars that may hold a caller's value
    // params the run in the same manifest fixes to a constant: no caller chooses them
    const fixed = runFixedReferences(view);
    const callerValues = envWithCallerValues(asArray(c?.env), view.chosenWorkspacePaths, fixed);
    // a shell run interactive (`sh -ic`, `#!/bin/sh -i`) sources $ENV
    // (bash given POSIXLY_CORRECT or POSIX_PEDANTIC, whatever their value, starts in posix mode and sources $ENV when interactive)
    // (or through an env wrapper's assignment: `env POSIXLY_CORRECT=1 bash -i`; or SHELLOPTS naming posix, which bash imports at start-up)
    const posixly = asArray(c?.env).some(envSetsPosixMode)
      || runs.flatMap((run) => run.assignments).some((a) => setsPosixMode(a.name, a.value));
    // (a container given a terminal, `tty: true` with `stdin: true` as a sidecar may be, makes a shell reading its input interactive)
    const terminal = view.container?.tty === true && view.container?.stdin === true;
    // one that reads its commands with a prompt (`bash -i`) runs PROMPT_COMMAND and expands PS0, PS1 and PS2
    // (an interactive bash whose posix mode is not seen: POSIXLY_CORRECT from envFrom or the image's env would make it source ENV)
    const envFrom = asArray(c?.envFrom).length > 0;
    // for the container's env var `from` (a shell GNU env starts without it, `env -i`, `env -u PS1`, gets none of its value), or
    // for env's own NAME=VALUE arguments (`from` undefined), which reach the program after `-i` too
    // (env -S's `${NAME}` is the value the container's env gives NAME literally: `F=-i` makes `env -S 'sh ${F}'` run `sh -i`)
    // (the kubelet's `$(NAME)` in command and args, and env -S's `${NAME}`, read with the values the env gives, and with each value a
    // variable whose value is not known here may hold: argvReadings; the commands xargs, find's -exec and runners run: commandArgvs)
    const readings = argvReadings(argv, view.container?.script, asArray(c?.env), envFrom);
    const commandSet = command.length > 0;
    const shellsFor = (reading: ArgvReading, from: string | undefined): ShellsRead => {
      const argvs = commandSet ? commandArgvs(reading.argv, from) : [reading.argv];
      const script = view.container?.script;
      const read = argvs.map((a) => interactiveShellReading(a, commandSet, script, goTrimSpace, posixly, terminal, from, reading.fixed));
      const shell = read.includes('env') ? 'env' : read.includes('bash') ? 'bash' : undefined;
      const prompting = (pattern: string) => argvs.some((a) => runsPromptingShell(a, commandSet, pattern, terminal, from, reading.fixed));
      return {
        interactive: shell === 'env',
        shells: {
          ...(shell === 'bash' ? { posixBash: posixBashEnv(envFrom) } : {}),
          bashPrompt: prompting(PROMPT_COMMAND_SHELL),
          prompt: prompting(PROMPT_SHELL),
        },
      };
    };
    // (read once per container env var, or env's own assignments: undefined; the readings in order, the first that makes the var run)
    const reads = new Map<string | undefined, ShellsRead[]>();
    // (the runner that runs the program SHELL names, read once per container env var or for env's own assignments)
    const shellRunners = new Map<string | undefined, string | undefined>();
    const shellRunner = (from: string | undefined): string | undefined => {
      if (!shellRunners.has(from)) {
        const runners = (commandSet ? commandArgvs(readings[0].argv, from) : []).flatMap((a) => invocations(a)
          .filter((run) => run.program !== undefined && getsEnv(from, run.unsets))
          .map((run) => shellFromEnv(run.program!, argumentsOf(a, run))));
        shellRunners.set(from, runners.find((r) => r !== undefined));
      }
      return shellRunners.get(from);
    };
    const whatFor: WhatFor = (name, from) => {
      const runner = name === 'SHELL' ? shellRunner(from) : undefined;
      if (runner !== undefined) return { what: runner, note: '' };
      if (!reads.has(from)) reads.set(from, []);
      const cached = reads.get(from)!;
      for (let k = 0; k < readings.length; k++) {
        if (cached.length <= k) cached.push(shellsFor(readings[k], from));
        const what = executingEnv(name, cached[k].interactive, cached[k].shells);
        if (what !== undefined) {
          // a value the env gives that the kubelet pastes into the arguments, without which no shell reads the variable
          const pastes = (readings[k].pasted ?? []).filter(({ without }) => {
            const alone = shellsFor(without, from);
            return executingEnv(name, alone.interactive, alone.shells) === undefined;
          });
          return { what, note: readings[k].note + pastes.map((p) => p.note).join('') };
        }
        // (a name no shell reads runs the same in every reading)
        if (!SHELL_READ.has(name) && k === 0) return undefined;
      }
      return undefined;
    };
    type Found = { property: string; value: string; problem: string; fix?: string };
    // env vars the kubelet fills from a run's label: one word callers choose (never an option), expanded in env values, command and args
    const labels = labelEnv(asArray(c?.env));
    const all: Found[] = envProblems(view, callerValues, labels, whatFor);
    // the element as the user wrote it: `command[2]`, `args[0]`
    const place = (i: number) => (i < command.length ? `command[${i}]` : `args[${i - command.length}]`);
    // the findings of every reading, each as often as the reading that gives it most often does
    const emitted = new Map<string, number>();
    for (const run of runs) {
      const here = new Map<string, number>();
      for (const found of runProblems(run)) {
        const key = `${found.property}\u0000${found.value}\u0000${found.problem}`;
        here.set(key, (here.get(key) ?? 0) + 1);
        if (here.get(key)! > (emitted.get(key) ?? 0)) {
          all.push(found);
          emitted.set(key, here.get(key)!);
        }
      }
    }
    return all;
    /** The finding of a run's label at argv[i]. */
    function labelProblem(i: number, label: LabelReference, problem: string): Found {
      return { property: place(i), value: label.text, problem: `${problem} (${labelText(label)})`, fix: labelFix(label) };
    }
    /** The findings of argv when it runs `run`. */
    function runProblems(run: Invocation): Found[] {
      const problems: Found[] = [];
      // `env NAME=VALUE ... program`: env vars the program runs with, judged as the container's env
      for (const { index, name, value } of run.assignments) {
        const chosenName = untrustedSubstitutions(name, view.chosenWorkspacePaths, callerValues.names, fixed)[0];
        const read = whatFor(name, undefined);
        const what = read === undefined ? undefined : `${read.what}${read.note}`;
        const found = chosenName
        ?? (what === undefined ? undefined : untrustedSubstitutions(value, view.chosenWorkspacePaths, callerValues.names, fixed)[0]);
        if (found !== undefined) {
          problems.push({
            property: place(index),
            value: found.text,
            problem: chosenName !== undefined ? 'lets the caller choose which env var env sets for the program'
              : `sets ${name} through env, which ${what}` + (found.envVar !== undefined ? ` (the kubelet expands ${found.text}, which holds a value callers can choose)` : ''),
          });
        }
        // a run's label is a word: it can name the env var (GIT_SSH_COMMAND) or the program that one runs
        const labelName = labelReferences(name, labels.labels, labels.copies)[0];
        const label = labelName ?? (what === undefined ? undefined : labelReferences(value, labels.labels, labels.copies)[0]);
        if (label !== undefined) {
          problems.push({
            property: place(index),
            value: label.text,
            problem: (labelName !== undefined ? 'lets the caller choose which env var env sets for the program' : `sets ${name} through env, which ${what}`)
              + ` (${labelText(label)})`,
            fix: labelFix(label),
          });
        }
      }
      const data = new Set<number>([...run.assignments.map((a) => a.index), ...run.splitStrings]);
      // the command a runner runs (`npx -- …`): the runner's own reading judges its words (runAt), but for the wrappers
      // before an interpreter there (`npx -- env -$(params.x) sh -c …`), whose words choose what runs
      if (run.commandAt !== undefined && !run.interpreter) return problems;
      if (run.interpreter) {
        // the interpreter's arguments are SCRIPT_INJECTION's; the wrappers' own arguments before it (`strace -$(params.x) make`,
        // `env -$(params.x) sh -c …`) still choose what runs
        const before = callerAfter(argv, view.chosenWorkspacePaths, callerValues.names, fixed, singleElements(view.pipelineTask));
        argv.forEach((text, i) => {
          if (i >= run.programIndex || i < (run.commandAt ?? 0) || data.has(i)) return;
          const found = untrustedSubstitutions(text, view.chosenWorkspacePaths, callerValues.names, fixed, before[i]);
          if (found.length > 0) problems.push({ property: place(i), value: found[0].text, problem: 'chooses the program that runs', fix: PROGRAM_FIX });
          // a run's label in a wrapper's argument: a word, which can still choose what runs (`chroot $(DIR) sh`, `env -C $(DIR) ./x`)
          const label = labelReferences(text, labels.labels, labels.copies)[0];
          if (label !== undefined) problems.push(labelProblem(i, label, 'chooses the program that runs'));
        });
        return problems;
      }
      const script = view.container?.script;
      // a Windows script (#!win <interpreter> <options>) runs as `<interpreter> <options> <file> <args>`,
      // and an interpreter such as `powershell -Command` or `cmd /c` reads the args as code
      // Tekton trims with Go's strings.TrimSpace (U+0085 is space, a byte-order mark is not)
      const windows = typeof script === 'string' && goTrimSpace(script).startsWith('#!win');
      const unknownEntrypoint = command.length === 0 && (typeof script !== 'string' || windows);
      // the args of a step with a (POSIX) script are the script's "$@": data it never parses as code or options
      const scriptArgs = command.length === 0 && typeof script === 'string' && !windows;
      let option: ReturnType<typeof commandOptionOf>;
      let configured: string | undefined;
      let array: string | undefined;
      const env = callerValues.names;
      // an element Tekton may expand to none or several moves a caller's value after it
      const moves = callerAfter(argv, view.chosenWorkspacePaths, env, fixed, singleElements(view.pipelineTask));
      // the command a runner runs after its `--` (`tfcmt plan -- terraform $(params.action)`): a program of its own, whose options
      // start afresh (an interpreter's words are SCRIPT_INJECTION's, read as data here)
      const words = wordsRead(argv, run, separatedCommands(argv, run), (i) => scriptArgs || data.has(i));
      // the words a runner runs as shell code (pnpm dlx's command and arguments in shell mode)
      const shellCodeAt = run.program === undefined ? undefined : runnerShellCode(argv, run.programIndex);
      // (and the one word `yarn exec` runs as code: its first operand)
      const codeWordAt = run.program === undefined ? undefined : runnerCodeWord(argv, run.programIndex);
      const inShellCode = (i: number) => (shellCodeAt !== undefined && i >= shellCodeAt) || i === codeWordAt;
      const shellCodeProblem = (i: number) => (i === codeWordAt ? YARN_EXEC_PROBLEM : pnpmShellMode(argv, run.programIndex));
      const editors = new Map<Invocation, ReadonlyMap<number, string>>();
      /** What gdb or vim (`current`) runs the command at argv[i] as, the value of an option that gives it a command (editorCommandsOf). */
      const editorCommand = (current: Invocation, i: number) => {
        if (!editors.has(current)) editors.set(current, editorCommandsOf(argv, current));
        return editors.get(current)!.get(i);
      };
      argv.forEach((text, i) => {
      // env's assignments are env (above), its split string SCRIPT_INJECTION's; an interpreter's words a runner runs SCRIPT_INJECTION's
        const word = words[i];
        if (word === undefined || word.code) return;
        const { current, afterSeparator } = word;
        const found = untrustedSubstitutions(text, view.chosenWorkspacePaths, env, fixed, moves[i]);
        if (found.length === 0) return;
        const first = found[0].text;
        let editor: string | undefined;
        if (inShellCode(i)) {
          problems.push({ property: place(i), value: first, problem: shellCodeProblem(i), fix: COMMAND_FIX });
        } else if ((i <= run.programIndex && run.program !== undefined) || (current !== run && i === current.programIndex)) {
          problems.push({ property: place(i), value: first, problem: 'chooses the program that runs', fix: PROGRAM_FIX });
        } else if ((editor = editorCommand(current, i)) !== undefined) {
          problems.push({ property: place(i), value: first, problem: editor, fix: COMMAND_FIX });
        } else if (unknownEntrypoint) {
          problems.push({
            property: place(i),
            value: first,
            problem: windows ? 'reaches the arguments of the interpreter that the #!win line names (Tekton runs it with the script file, then the args), which may run them as code'
              : "reaches the arguments of the image's entrypoint, which may run them as code",
            ...(windows ? {} : { fix: ENTRYPOINT_FIX }),
          });
        } else if (found.some((f) => f.expands)) {
          problems.push({ property: place(i), value: found.find((f) => f.expands)!.text, problem: 'expands to several arguments, any of which can be an option' });
        } else if (afterSeparator) {
          return;
        } else if ((option = commandOptionOf(current.program, argv, i, found[0].index, current.programIndex)) !== undefined) {
        // the value of an option that runs it (`--upload-pack=`, `-oProxyCommand=`, `-e` before it): code, whatever it starts with
          problems.push({
            property: place(i),
            value: first,
            problem: `is the value of ${option.program}'s ${jsString(option.name)}, which ${option.runs}`,
            fix: COMMAND_FIX,
          });
        } else if ((configured = configuredAt(current, argv, i, found[0].index)) !== undefined) {
          // behind a literal prefix, where the program runs it through its configuration (`git config core.sshCommand "ssh $(params.x)"`)
          problems.push({
            property: place(i),
            value: first,
            problem: `reaches ${basename(current.program!)}'s ${PACKAGE_MANAGERS.test(basename(current.program!)) ? 'package specs' : 'configuration'}: ${configured}`,
            fix: PACKAGE_MANAGERS.test(basename(current.program!)) ? PACKAGE_FIX : COMMAND_FIX,
          });
        } else if (found[0].index === 0 && (array = wholeArrayParam(view, text)) !== undefined) {
          // `$(params.ARGS)` of an array param, as the whole element: Tekton puts each of its items in its place
          problems.push({
            property: place(i),
            value: first,
            problem: `is the whole of array param ${JSON.stringify(array)}, which Tekton expands into its items: several arguments, any of which can be an option`,
            fix: ARRAY_FIX,
          });
        } else if (found[0].index === 0) {
          // the value of an option a known program's parser reads as taking one (`/kaniko/executor --dockerfile $(params.x)`,
          // `buildah bud -t $(params.x)`, `git clone --branch $(params.x)`, `curl -o $(params.x)`: it takes the next argument whatever
          // it starts with)
          if (run.splitStrings.length === 0 && optionValueOf(argv, current.programIndex, i) !== undefined) return;
          const dashes = word.valueDashes;
          // after a `--` an option took as its value, the value of the next option of the program's tables (`tar -xf -- -C $(params.x)`:
          // -C takes it whatever it starts with), unless a substitution in the group before may end it
          if (dashes !== undefined && tableOptionOf(argv, current.programIndex, i)?.option.includes('$(') === false) return;
          // Shipwright's source context is `/workspace/source` joined with the Build's contextDir (Go's path.Join): it starts with '/'
          if (view.controllerParams !== undefined && SHIPWRIGHT_SOURCE_CONTEXT.test(first)) return;
          // a param whose enum lets no value through that starts with '-' (while Tekton checks it) starts no option
          const bound = enumAtArgumentStart(view, context, text, first);
          if (bound?.cleared === true) return;
          const starts = "starts an argument, so a value starting with '-' becomes an option" + (dashes === undefined ? ''
            : dashes.word.includes('$(') ? ` (the '--' before it may be the value of ${jsString(dashes.word)}, so it may end no options)`
              : ` (the '--' before it is the value of ${dashes.word === dashes.option ? jsString(dashes.word) : `the ${dashes.option} of ${jsString(dashes.word)}`}, so it ends no options)`);
          const dashesFixed = dashes === undefined ? {} : { fix: dashesFix(dashes.word) };
          problems.push(bound === undefined ? { property: place(i), value: first, problem: starts, ...dashesFixed }
            : { property: place(i), value: first, problem: starts + bound.problem, fix: bound.fix });
        } else if (/^-+$/.test(text.slice(0, found[0].index))) {
        // `--$(params.x)`: the caller writes the option's name (`--config=core.fsmonitor=...`)
          problems.push({ property: place(i), value: first, problem: 'follows only dashes, so the caller chooses which option it is' });
        }
      });
      // a run's label: one word that never starts with '-' (nor holds '=', '/' or a space), or nothing; it chooses the program (in
      // the program's or a wrapper's place), reaches an entrypoint or a #!win interpreter, is the value of an option that runs it,
      // or names the option behind only dashes; at the start of an argument, behind another literal prefix or after `--` it is data
      argv.forEach((text, i) => {
        const word = words[i];
        if (word === undefined || word.code) return;
        const { current, afterSeparator: afterDashes } = word;
        for (const label of labelReferences(text, labels.labels, labels.copies)) {
          let labelOption: ReturnType<typeof commandOptionOf>;
          let editor: string | undefined;
          if (inShellCode(i)) {
            problems.push(labelProblem(i, label, shellCodeProblem(i)));
          } else if ((i <= run.programIndex && run.program !== undefined) || (current !== run && i === current.programIndex)) {
            problems.push(labelProblem(i, label, 'chooses the program that runs'));
          } else if ((editor = editorCommand(current, i)) !== undefined) {
            problems.push(labelProblem(i, label, editor));
          } else if (unknownEntrypoint) {
            problems.push(labelProblem(i, label, windows
              ? 'reaches the arguments of the interpreter that the #!win line names (Tekton runs it with the script file, then the args), which may run them as code'
              : "reaches the arguments of the image's entrypoint, which may run them as code"));
          } else if (afterDashes) {
            return;
          } else if ((labelOption = commandOptionOf(current.program, argv.map((a, k) => (k === i ? label.before : a)), i, label.before.length,
            current.programIndex)) !== undefined) {
            // the element as the kubelet writes it: a copy's own text before the label's value included
            problems.push(labelProblem(i, label, `is the value of ${labelOption.program}'s ${jsString(labelOption.name)}, which ${labelOption.runs}`));
          } else if (/^-+$/.test(label.before)) {
            problems.push(labelProblem(i, label, 'follows only dashes, so the caller chooses which option it is'));
          } else {
            continue;
          }
          return;
        }
      });
      // an interpreter's working directory is SCRIPT_INJECTION's (which reads none), as its arguments are
      const wd = c?.workingDir;
      const chosenDir = typeof wd === 'string' ? untrustedSubstitutions(wd, view.chosenWorkspacePaths, undefined, fixed)[0] : undefined;
      if (chosenDir !== undefined) problems.push({ property: 'workingDir', value: chosenDir.text, problem: 'lets the caller choose the working directory' });
      return problems;
    }
  },
  { includeStepTemplate: true, stepActionsInTask: true },
);

/** How ARGUMENT_INJECTION reads one word of argv: the program it belongs to, and whether a `--` of that program ends its options before it. */
interface WordRead {
  /** The program whose word it is: `run`, or the command a runner of it runs (separatedCommands) from that command's first word on. */
  readonly current: Invocation;
  /** A `--` of the program's (not one a runner ends its options with before a command that is no interpreter) at or before it. */
  readonly afterSeparator: boolean;
  /** It is a word after an interpreter a runner runs (`npx -- sh -c …`): SCRIPT_INJECTION's. */
  readonly code: boolean;
  /** The option (`--branch`, `-f`) whose value a `--` before it is, as written in `word` (`-xf`), which therefore ended no options. */
  readonly valueDashes?: { readonly word: string; readonly option: string };
}

/**
 * Each word of argv as `run` reads it (WordRead), in one pass, the commands its runners run (`commands`, in order, each with the `--`
 * its runner takes out of its arguments, `consumes`) taken in turn;
 * undefined for a word `skipped` (data: env's assignments, its split string, a script's args), which ends no options either.
 */
function wordsRead(
  argv: readonly string[], run: Invocation, commands: ReadonlyArray<Invocation & { consumes?: number }>, skipped: (i: number) => boolean,
): Array<WordRead | undefined> {
  let next = 0;
  let current = run;
  let afterSeparator = false;
  let valueDashes: WordRead['valueDashes'];
  return argv.map((text, i) => {
    if (skipped(i)) return undefined;
    while (next < commands.length && commands[next].programIndex <= i) {
      current = commands[next++];
      valueDashes = undefined;
    }
    if (i > current.programIndex && text === '--' && !commands.some((r) => (r.programIndex === i + 1 && !r.interpreter) || r.consumes === i)) {
      // (a `--` that is the value of the option before it, as a known program reads it, ends nothing: `git clone --branch -- --upload-pack=…`,
      // `tar -xf -- --to-command=…`, whose -f takes it)
      const known = optionValueOf(argv, current.programIndex, i);
      const option = known === undefined ? dashesOptionOf(argv, current.programIndex, i) : { word: known, option: known };
      if (option === undefined) afterSeparator = true;
      else if (!afterSeparator) valueDashes = option;
    }
    const code = current !== run && current.interpreter && i > current.programIndex;
    return { current, afterSeparator, code, ...valueDashes === undefined ? {} : { valueDashes } };
  });
}

/**
 * The commands the runners of `run` run after their `--` (argv.ts separatedCommand), in order, each read as the program it
 * names (a runner's command may be a runner in turn); none after an interpreter, whose words are code.
 */
function separatedCommands(argv: readonly string[], run: Invocation): Array<Invocation & { consumes?: number }> {
  const out: Array<Invocation & { consumes?: number }> = [];
  let at = run.program === undefined ? undefined : run.programIndex;
  while (at !== undefined && out.length < 4) {
    // (the main reading of the runner's options)
    const start = runnerCommands(argv, at)[0];
    if (start === undefined) break;
    const program = argv[start];
    const interpreter = isInterpreter(program);
    // npm's parser (nopt) takes the first `--` out of the arguments: after a command given as `npm exec`'s first operand, that one
    // (`npm exec tool -- $(params.x)` runs `tool $(params.x)`); npx puts its own `--` before its first operand, the command gets a later one
    const consumes = basename(argv[at]) === 'npm' && argv[start - 1] !== '--' ? argv.indexOf('--', start) : -1;
    out.push({ program, programIndex: start, interpreter, assignments: [], splitStrings: [], ...consumes < 0 ? {} : { consumes } });
    at = interpreter ? undefined : start;
  }
  return out;
}

/**
 * The arguments of gdb or vim at `run` that it runs as commands of its own (shell.ts editorCommands, as SCRIPT_INJECTION reads them
 * in a script), by their index in `argv`, each with what it runs them as: gdb's `-ex`, `-iex`, `--eval-command` (and the prefixes gdb
 * takes), typed at its prompt, where `shell`, `!`, `pipe` and `python` run programs; vim's `-c`, `+CMD` and `--cmd`, Ex command lines,
 * where `:!` runs a shell and system() a program, but in restricted mode (`-Z` before its `--`, or a name starting with `r`: rvim,
 * rview), which refuses those (vim 9's E145) yet lets them write any file the container can (`:w`, writefile()). Empty for another
 * program.
 */
function editorCommandsOf(argv: readonly string[], run: Invocation): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  if (run.program === undefined) return out;
  const name = basename(run.program);
  const after = argv.slice(run.programIndex + 1);
  const commands = editorCommands(name, after);
  if (commands.length === 0) return out;
  const end = after.indexOf('--');
  const restricted = name.startsWith('r') || (end < 0 ? after : after.slice(0, end)).some((w) => /^-[A-Za-z]*Z[A-Za-z]*$/.test(w));
  for (const { index, option } of commands) {
    if (option === undefined) continue;
    const runs = name === 'gdb' ? 'typed at its prompt, where shell, !, pipe and python run programs'
      : restricted ? 'an Ex command line; its restricted mode (-Z, rvim) refuses :! and system(), but its Ex commands still write any file the container can (:w, writefile())'
        : 'an Ex command line, where :! runs a shell and system() a program';
    out.set(run.programIndex + 1 + index, `is the command of ${name}'s ${option}, which it runs as ${runs}`);
  }
  return out;
}

/**
 * The array param whose substitution is the whole of `text` (`$(params.ARGS)`, `$(params["ARGS"])`), which Tekton replaces with
 * the param's items, one argument each; a param without `type` (nor `properties`) is an array when its default is a list of strings (SetDefaults, param-types.ts).
 */
function wholeArrayParam(view: ContainerView, text: string): string | undefined {
  const m = /^\$\(params(?:\.([^.)[\]\s'"]+)|\[(["'])([^"'\]]+)\2\])\)$/.exec(text);
  const name = m?.[1] ?? m?.[3];
  if (name === undefined) return undefined;
  const spec = view.params.find((p) => p?.name === name);
  return spec !== undefined && declaredParamType(spec) === 'array' ? name : undefined;
}

/** The package managers whose install's package specs configuredCode reads (`npm install lodash@$(params.x)`). */
const PACKAGE_MANAGERS = /^(npm|pnpm|yarn)$/;

/** The fix of a caller's value in the version spec of a package an install names. */
const PACKAGE_FIX = 'Write the package\'s version literally (or pin it in package.json and the lockfile), never from a caller\'s value, or check the value '
  + 'against the versions allowed (a pattern such as ^[0-9]+\\.[0-9]+\\.[0-9]+$) before the install.';

/**
 * How git or wget runs the part of `argv[i]` at `index` through its configuration or options (configuredCode: the
 * value git config sets for a key that runs it, wget's `-e` …), or undefined; not a value that only starts an argument
 * (which the rule reads apart).
 */
function configuredAt(run: Invocation, argv: readonly string[], i: number, index: number): string | undefined {
  // (make, ssh and the other command runners are SCRIPT_INJECTION's, which reads all their arguments)
  if (run.program === undefined || i <= run.programIndex || !/^(git|wget|npm|pnpm|yarn)$/.test(basename(run.program))) return undefined;
  const at = i - run.programIndex - 1;
  const part = configuredCode(run.program, argv.slice(run.programIndex + 1))
    .find((p) => p.index === at && !p.leading && index >= p.start && (p.end === undefined || index < p.end));
  return part?.how;
}
