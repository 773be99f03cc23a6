/**
 * How a POSIX-like shell (sh, bash, dash, ksh …) reads the arguments after its name, one reader for a script's commands
 * (shell.ts), a container's command and args (argv.ts) and, word for word, the admission policies' CEL (SHELL_OPTION_WORDS
 * there): bash 5.2 shell.c (parse_long_options, parse_shell_options) and dash 0.5.12 options.c (procargs, options), as run:
 *
 * - every option group up to the first operand is read, not only the first: `sh -e -i`, `bash --norc -i`, `bash -o errexit -i`,
 *   `dash +e -i` are interactive;
 * - each `o` or `O` of a group takes the next argument as its value (`-o NAME`, `-eo NAME`, `+O NAME`), as do `--rcfile` and
 *   `--init-file` (bash): a value is no option (`bash -O extglob -i` is interactive, and the `-i` of `bash -o -i` would be a value);
 * - `--` and `-` alone end the options (`bash -i -` reads its input with a prompt; `bash - -i` runs the file `-i`);
 * - bash reads a word `-NAME` naming one of its long options as that option, as it reads `--NAME` (shell.c parse_long_options:
 *   "Make --login equivalent to -login"): `bash -norc -i` and `bash -rcfile FILE -i` are interactive, `bash -posix -i` is in
 *   posix mode, and no letter of `-norc` or `-restricted` is a group's (dash 0.5.12 and the other shells refuse these words and
 *   run nothing, so they are read so for every shell);
 * - a group with `i` makes the shell interactive, as do `-o interactive` (dash 0.5.12, mksh, ksh93: bash refuses the name) and
 *   ksh93's `--interactive`;
 * - a group with `c`, of `-` or of `+` (`sh +c CODE`, `bash +ec CODE`: bash 5.2 and dash 0.5.12 read the letter whatever the
 *   sign, as ksh93 does; mksh runs a file of that name), runs its first operand as code, the operands after it being its `$0` and
 *   positional parameters;
 * - a group with `s` reads its input, the operands then being its positional parameters: one of `-`, or of `+` in bash (`bash +s a`
 *   reads its input; dash, ksh93 and mksh run the file `a`, dash's last `s` winning, so `+s` is read both ways); with neither, a first
 *   operand is a script file;
 * - a group with `l`, of `-` or of `+` (bash and dash as run), makes a login shell, which sources the profile; `+i` makes no shell
 *   interactive (bash and dash unset the flag; a shell reading a terminal is interactive all the same).
 */

/**
 * An option word of a shell: a group of letters after `-` or `+`, or a long option (`--norc`, and bash's with one dash,
 * `-init-file`), not `--` nor `-` (RE2 and JavaScript alike).
 */
export const SHELL_OPTION_WORD = '^([-+][A-Za-z]+|--?[A-Za-z][A-Za-z0-9-]*)$';

/**
 * bash 5.2's long options (shell.c long_args), with one dash or two: bash reads `-norc` as `--norc`, so these words are no
 * option groups (RE2 and JavaScript alike).
 */
export const SHELL_LONG_OPTION = '^--?(debug|debugger|dump-po-strings|dump-strings|help|init-file|login|noediting|noprofile|norc|posix|pretty-print|protected|rcfile|restricted|verbose|version|wordexp)$';

/** Those of bash's long options that take no value (SHELL_LONG_OPTION but `rcfile` and `init-file`; RE2 and JavaScript alike). */
export const SHELL_LONG_FLAG = '^--?(debug|debugger|dump-po-strings|dump-strings|help|login|noediting|noprofile|norc|posix|pretty-print|protected|restricted|verbose|version|wordexp)$';

/**
 * An option word whose value is the next argument: a group holding `o` or `O`, `--rcfile`, `--init-file` (or with one dash), where
 * it is no long option of bash's that takes none (SHELL_LONG_FLAG: the `o` of `-norc` is no group's; RE2 and JavaScript alike).
 */
export const SHELL_VALUED_OPTION = '^([-+][A-Za-z]*[oO][A-Za-z]*|--?rcfile|--?init-file)$';

/** A short option group of a shell that holds `i` (`-i`, `-ic`, `-ei`): the shell is interactive (`+i` is not). */
export const INTERACTIVE_OPTIONS = '^-[A-Za-z]*i[A-Za-z]*$';

/** How a shell reads the arguments after its name. */
export interface ShellOptions {
  /** The option words before the first operand, values excluded. */
  readonly options: readonly string[];
  /** The values of `-o`, `-O`, `--rcfile`, `--init-file` (`posix` of `-o posix`). */
  readonly values: readonly string[];
  /** An option group holds `i`, or `-o interactive` or `--interactive` is given: the shell is interactive. */
  readonly interactive: boolean;
  /** An option group holds `c` (`-c`, `+c`, `-ec`): its first operand is code. */
  readonly code: boolean;
  /** An option group holds `s` (`-s`, or bash's `+s`): it reads its commands from its input (and may run a file too: `file`). */
  readonly reads: boolean;
  /** `--posix` or `-o posix` (not `+o posix`): bash in posix mode (which sources ENV when interactive). */
  readonly posix: boolean;
  /** A group holding `p` or `-o privileged`: bash's privileged mode, which sources neither BASH_ENV nor ENV. */
  readonly privileged: boolean;
  /** `--login`, `-login` or a group holding `l` (`-l`, `+l`): a login shell, which sources the profile. */
  readonly login: boolean;
  /** `--norc` (`-norc`): an interactive bash sources no ~/.bashrc nor the file `--rcfile` names. */
  readonly norc: boolean;
  /** The file `--rcfile` or `--init-file` (`-rcfile`, `-init-file`) names, with the option as written (the last one given). */
  readonly rcfile?: { readonly option: string; readonly file: string };
  /** The index of its first operand (past `--` or `-`), the length where it has none. */
  readonly operand: number;
  /** It runs a script file, its first operand: no `c`, and no `s` or (dash) the last group holding `s` one of `+` (`sh +s build.sh`). */
  readonly file: boolean;
  /** It reads its commands from its input, showing a prompt when interactive: no `c`, and an `s` (`reads`) or no operand. */
  readonly prompts: boolean;
}

const OPTION_WORD = new RegExp(SHELL_OPTION_WORD);
const VALUED = new RegExp(SHELL_VALUED_OPTION);
const INTERACTIVE = new RegExp(INTERACTIVE_OPTIONS);
const LONG = new RegExp(SHELL_LONG_OPTION);
const LONG_FLAG = new RegExp(SHELL_LONG_FLAG);

/** Whether `word`, an option word, takes the next argument as its value (SHELL_VALUED_OPTION, not SHELL_LONG_FLAG). */
function valued(word: string): boolean {
  return VALUED.test(word) && !LONG_FLAG.test(word);
}

/**
 * Reads the arguments `after` a shell's name (see the module's doc). A word is a value where the word before it is an option
 * word that takes one (SHELL_VALUED_OPTION), as the admission policies read it (so the `-i` of `bash -o -o -i`, which bash
 * reads as an option, is read as a value).
 */
export function readShellOptions(after: readonly string[]): ShellOptions {
  const options: string[] = [];
  const values: string[] = [];
  // the names `-o NAME` sets (`+o NAME` unsets)
  const set: string[] = [];
  let i = 0;
  let rcfile: { option: string; file: string } | undefined;
  for (; i < after.length; i++) {
    if (i > 0 && valued(after[i - 1])) {
      values.push(after[i]);
      if (LONG.test(after[i - 1])) rcfile = { option: after[i - 1], file: after[i] };
      else if (/^-[A-Za-z]*o/.test(after[i - 1])) set.push(after[i]);
      continue;
    }
    if (!OPTION_WORD.test(after[i])) break;
    options.push(after[i]);
  }
  // (`--` or `-` ends the options, taken)
  const ends = i < after.length && (after[i] === '--' || after[i] === '-');
  const operand = ends ? i + 1 : i;
  // (a long option of bash's is no group)
  const groups = options.filter((w) => !LONG.test(w));
  const long = (name: string) => options.includes(`--${name}`) || options.includes(`-${name}`);
  // (`sign`: `-`, or `[-+]` for a letter both read whatever the sign: bash 5.2 shell.c parse_shell_options, dash 0.5.12 options.c)
  const group = (letter: string, sign = '-') => groups.some((w) => new RegExp(`^${sign}[A-Za-z]*${letter}[A-Za-z]*$`).test(w));
  const code = group('c', '[-+]');
  const reads = group('s', '[-+]');
  // (dash sets its s flag as the last group holding `s` says: `+s` runs the first operand as a file)
  const lastS = groups.filter((w) => /^[-+][A-Za-z]*s/.test(w)).pop();
  const file = !code && operand < after.length && (lastS === undefined || lastS.startsWith('+'));
  return {
    options,
    values,
    interactive: groups.some((w) => INTERACTIVE.test(w)) || set.includes('interactive') || options.includes('--interactive'),
    code,
    reads,
    posix: long('posix') || set.includes('posix'),
    privileged: group('p') || set.includes('privileged'),
    login: group('l', '[-+]') || long('login'),
    norc: long('norc'),
    ...(rcfile === undefined ? {} : { rcfile }),
    operand,
    file,
    prompts: !code && (reads || operand >= after.length),
  };
}

/**
 * An environment variable that starts bash in posix mode, whose interactive shell sources `ENV` (bash 5.2 shell.c, variables.c,
 * builtins/set.def `initialize_shell_options`): `POSIXLY_CORRECT` or `POSIX_PEDANTIC`, whatever its value, and `SHELLOPTS`, which
 * bash imports at start-up (but in privileged mode), holding `posix` among its `:`-separated options, or of a value not known
 * here (`null`: an env entry's `valueFrom`; one holding `$`, which the kubelet or a shell may expand).
 */
export function setsPosixMode(name: unknown, value: string | null): boolean {
  if (name === 'POSIXLY_CORRECT' || name === 'POSIX_PEDANTIC') return true;
  return name === 'SHELLOPTS' && (value === null || value.includes('$') || value.split(':').includes('posix'));
}

/** `setsPosixMode` of a container's env entry (`value`, or a `valueFrom` whose value is not known; neither is the empty string). */
export function envSetsPosixMode(e: any): boolean {
  return setsPosixMode(e?.name, e?.valueFrom !== undefined && e?.valueFrom !== null ? null : typeof e?.value === 'string' ? e.value : '');
}
