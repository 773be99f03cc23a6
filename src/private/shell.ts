/**
 * A shell script read as the shell splits it, without running anything: its simple commands,
 * each a list of words, in the order written. Quotes are removed; expansions (`$X`, `${…}`,
 * `$(…)`, backquotes, `$((…))`, `<(…)`) are kept as written in their word, and the code of each
 * command substitution is given so that it can be read in turn, those inside `${…}`, `$((…))`, an
 * array or an unquoted heredoc's body too. Comments and line continuations are passed over, a
 * heredoc's body is given with its command; `;`, `&&`, `||`, `|`, `&`, newlines and parentheses
 * end a command, and the reserved words that start one (`if`, `then`, `do`, `!`, `{`, `coproc` …)
 * are not its words. Whatever the text, reading it ends and never throws: what does not close runs to
 * the end of the text.
 */

import { argumentsOf, argvDataReading, basename, bunSubcommandIndex, codeArgvData, PYTHON, RUBY, TCL, shellPattern, commandsRunBy, runnerCall, runnerCommands, expandedShellRuns, runnerCodeWord, runnerShellCode, shellModeProblem, isBusybox, isToybox, ENV_SHELL, INTERACTIVE_SHEBANG, NOGLOB_SHEBANG, Invocation, PROMPT_COMMAND_SHELL, invocations, MAX_READINGS, privilegeReadings, removes, SHELL_NAMES, ShellRun, sshCommandIndex, xargsCommandIndex } from './argv';
import { runnerPackageOption } from './command-options';
import { allowsExtProtocol, configEnvVariables, configuredCode, gitSubcommandIndex, sftpBatchFile, sshConfigFromInput } from './configured-code';
import { COPY_PROGRAMS, copyOperands, CopyOperands, ddFiles, ddOperands } from './copy-operands';
import { curlArguments } from './curl-options';
import { executingEnv } from './executing-env';
import { ownKey } from './own';
import { readShellOptions } from './shell-options';
import { literalPattern } from './text';
import { wgetArguments, WgetrcCommand, wgetrcCommands, wgetrcError, wgetStartupFiles } from './wget-options';

/** A word of a simple command. */
export interface Word {
  /** The word with quotes removed and expansions kept as written (`"$(workspaces.src.path)/x"` is `$(workspaces.src.path)/x`). */
  readonly text: string;
  /** Whether the word holds no expansion: it is what the program gets. */
  readonly literal: boolean;
  /** The variable's name when the word is exactly one variable (`$X`, `${X}`, `"$X"`). */
  readonly variable?: string;
  /** With `variable`: whether the shell splits its value into words (it is not quoted). */
  readonly split?: boolean;
  /**
   * Whether the word, first of its command, is bash's arithmetic command `(( … ))` (the whole of it) or the unquoted `[[`
   * that opens its conditional command: the command runs no program (`compoundCommand`).
   */
  readonly compound?: boolean;
}

/** A simple command of a script. */
export interface SimpleCommand {
  /** Its words, past the reserved words that start it. */
  readonly words: readonly Word[];
  /** Whether its output is piped to the next command (`|`, `|&`; not `||`). */
  readonly pipe: boolean;
  /** The command as written, from its first word to its last (line continuations and line breaks read as spaces). */
  readonly line: string;
  /** The code of each command substitution in its words (`$(…)`, backquotes, `<(…)`, `>(…)`; not `$((…))`), outermost first. */
  readonly substitutions: readonly string[];
  /**
   * Whether it runs in the script's own shell each time the script reaches it, whatever ran before: not inside a compound
   * command (`if`, `while`, `until`, `for`, `case`, `select`, `{ … }`, a function's body) or a subshell, not after `&&`, `||`
   * or `|`, not piped and not in the background. A variable it assigns holds its value from there on.
   */
  readonly unconditional: boolean;
  /** Its heredocs, in the order written: the descriptor each feeds (0 unless written before `<<`) and its body. */
  readonly heredocs: readonly Heredoc[];
  /** The compound commands and subshells around it, outermost first. */
  readonly scope: readonly Scope[];
  /** Whether it runs each time the commands around it reach it: not after `&&`, `||` or `|`, not piped, not in the background. */
  readonly sequential: boolean;
  /** The operator before it in its list: `;` (a newline, the start, or after `&` or a compound command's words), `&&`, `||`, `|`. */
  readonly after: string;
  /** Whether `!` is written before it, inverting its status (an odd number of times: bash inverts it again for each). */
  readonly negated: boolean;
  /**
   * Whether bash runs it apart from the script's own shell, in the background or a pipe: `&` after it, `coproc` before it,
   * or a compound command around it followed by `&` or `|` (`{ exit 1; } &`, `if …; fi | cat`). An `exit` there ends no script.
   */
  readonly background: boolean;
  /**
   * Whether it follows a subshell's `)` with neither an operator nor a line break between (`( bash ) <<< "$X"`): its words
   * are the subshell's redirections, where after a line break or `;` they are a command of their own.
   */
  readonly afterSubshell: boolean;
  /** Whether `|&` pipes it, its standard error too (bash's `2>&1 |`, the `2>&1` after its own redirections); absent else. */
  readonly pipesError?: boolean;
  /** Whether `|&` pipes into it (the standard error of the command or subshell before it too: `( a ) |& b`); absent else. */
  readonly errorPiped?: boolean;
}

/**
 * A compound command (or subshell) around a command: an `if` or a `case`, each with an id of its own, and the branch the
 * command is in (an `if`'s condition is branch 0, its `then` body 1, each `elif`'s condition and body the next two, its
 * `else` the next; a case's header 0, each item the next); a `while`, `until`, `for` or `select` loop as `loop`; any other
 * (`{ … }`, a function's body, a subshell) as `other`.
 */
export interface Scope {
  readonly id: number;
  readonly kind: 'if' | 'case' | 'loop' | 'other';
  readonly branch: number;
  /** Whether the branch is a condition (an `if`'s or `elif`'s) or a case's header: it runs before the branches it chooses. */
  readonly condition: boolean;
  /** Whether the branch runs when no other does: an `else`, a case item whose pattern is `*`. */
  readonly otherwise: boolean;
  /** Whether the branch may start where the one before it ended: a case item after one ended by `;&` or `;;&`. */
  readonly continued: boolean;
  /** Whether it is a group in the script's own shell, `{ …; }`. */
  readonly group: boolean;
  /**
   * The name of the function whose body it is, where a function's definition opens it (`f() { …; }`, `f ( )\n( … )`, `function f { …; }`,
   * `function f() …`); absent for any other (`f; { …; }` is a call and a group).
   */
  readonly function?: string;
  /**
   * For a loop: the word that opens it (`while`, `until`, `for`, `select`), and whether the command is in its body (after `do`),
   * not in its condition or header.
   */
  readonly loop?: { readonly word: string; readonly body: boolean };
}

/** A heredoc of a command: the descriptor it feeds and its body (each line ending in a newline; with `<<-`, leading tabs removed). */
export interface Heredoc {
  readonly fd: number;
  readonly body: string;
  /** Whether the shell expands the body (`$X`, `$(…)`, backslash escapes): its delimiter is not quoted in any part. */
  readonly expanded: boolean;
}

/**
 * What a command reads as its standard input, written in the script: the word of its last
 * here-string (`<<< CODE`) or the body of its last heredoc on descriptor 0, whichever comes last.
 */
export function standardInput(command: SimpleCommand): string | undefined {
  return inputOn(command, 0);
}

/**
 * What a command's descriptor `fd` is once its redirections apply, left to right as bash 5.2 applies them (redir.c
 * do_redirections): `text`, the word of a here-string or the body of a heredoc (`heredoc`); `outer`, the descriptor of the shell
 * around it that it duplicates (itself when none redirects it; `<&3`, `0<&3`, `0>&3`, `<&3-` make 0 what 3 is at that point, so
 * `bash -s 3<<< CODE <&3` reads CODE while `bash 0<&3 3<<< CODE` does not); `file`, a file it opens (`read`: for reading,
 * `<`, `<>`); or `closed` (`<&-`).
 */
export type DescriptorSource =
  | { readonly kind: 'text'; readonly text: string; readonly heredoc?: Heredoc }
  | { readonly kind: 'outer'; readonly fd: number }
  | { readonly kind: 'file'; readonly target: string; readonly read: boolean }
  | { readonly kind: 'closed' };

/** The numbers that stand for the descriptors bash allocates (10 and above) for a variable a redirection names (`{fd}<<< CODE`), by name. */
const NAMED_DESCRIPTORS = new Map<string, number>();

/**
 * The number that stands for the descriptor bash 5.2 allocates for the variable `name` of a redirection `{name}<…` (redir.c:
 * the first free one from 10, whose number it assigns to the variable), the same for a name throughout: a file
 * `/dev/fd/$name` names it.
 */
function namedDescriptor(name: string): number {
  let n = NAMED_DESCRIPTORS.get(name);
  if (n === undefined) {
    n = 1_000_000 + NAMED_DESCRIPTORS.size;
    NAMED_DESCRIPTORS.set(name, n);
  }
  return n;
}

/**
 * The descriptor a redirection operator is written with, part of its word: a number (`2>`, `3<<<`) or, unquoted and right
 * before the operator, `{name}`, a variable bash 5.2 allocates a descriptor for (`{fd}<<< CODE`, `{fd}<&-`; parse.y reads
 * `{name}` as a word of its own where a blank or a quote separates it: `{fd} <<< CODE` gives the program the argument `{fd}`).
 */
const DESCRIPTOR_PREFIX = '(?:[0-9]*|\\{[A-Za-z_][A-Za-z0-9_]*\\})';

/** A heredoc's operator (`<<`, `3<<-`, `{fd}<<`), whose delimiter is part of its word. */
const HEREDOC_OPERATOR = new RegExp(`^${DESCRIPTOR_PREFIX}<<-?$`);

/** A redirection operator alone, whose word follows it (`<<< CODE`, `{fd}< FILE`). */
const HERE_OR_FILE = new RegExp(`^${DESCRIPTOR_PREFIX}(?:<<<|<|>|>>|&>|<<-?)$`);

/** `DescriptorSource` of the descriptor `fd` given the words `texts` of a command (and its heredocs, in order). */
function sourceOf(texts: readonly string[], fd: number, heredocs: readonly Heredoc[] = []): DescriptorSource {
  return redirectionTable(texts, heredocs).get(fd) ?? { kind: 'outer', fd };
}

/**
 * Every descriptor the redirections of a command's words `texts` (and its heredocs, in order) set, once they apply
 * (`DescriptorSource`; one they leave alone is not in it): what `exec 3< FILE` leaves open for the commands after it.
 */
export function redirectionTable(texts: readonly string[], heredocs: readonly Heredoc[] = []): ReadonlyMap<number, DescriptorSource> {
  const table = new Map<number, DescriptorSource>();
  const at = (n: number): DescriptorSource => table.get(n) ?? { kind: 'outer', fd: n };
  let h = 0;
  for (let k = 0; k < texts.length; k++) {
    const m = REDIRECTION.exec(texts[k]);
    if (m === null) continue;
    const operator = m[0];
    const digits = /^(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|[0-9]*)/.exec(operator)!;
    const op = operator.slice(digits[0].length);
    const n = digits[1] !== undefined ? namedDescriptor(digits[1]) : digits[0] === '' ? (op.startsWith('<') ? 0 : 1) : Number(digits[0]);
    if (op === '<<' || op === '<<-') {
      const heredoc = heredocs[h++];
      table.set(n, heredoc === undefined ? { kind: 'closed' } : { kind: 'text', text: heredoc.body, heredoc });
      continue;
    }
    const target = texts[k] !== operator ? texts[k].slice(operator.length) : texts[++k];
    if (target === undefined) break;
    if (op === '<<<') {
      table.set(n, { kind: 'text', text: target });
    } else if (op === '<&' || op === '>&') {
      // (`<&$fd`, `<&${fd}`: the descriptor a `{fd}` redirection allocated, bash 5.2 redir.c expands the word to its number)
      const d = /^([0-9]+)(-?)$/.exec(target);
      const v = /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})(-?)$/.exec(target);
      const from = d !== null ? Number(d[1]) : v !== null ? namedDescriptor(v[1] ?? v[2]) : undefined;
      if (target === '-') {
        table.set(n, { kind: 'closed' });
      } else if (from !== undefined) {
        // `n<&m`: n becomes what m is now; `n<&m-` moves m, closing it
        table.set(n, at(from));
        if (target.endsWith('-') && from !== n) table.set(from, { kind: 'closed' });
      } else if (op === '>&' && digits[0] === '') {
        // `>&file`: standard output and error to the file
        table.set(1, { kind: 'file', target, read: false });
        table.set(2, { kind: 'file', target, read: false });
      } else {
        table.set(n, { kind: 'file', target, read: op === '<&' });
      }
    } else if (op === '&>' || op === '&>>') {
      table.set(1, { kind: 'file', target, read: false });
      table.set(2, { kind: 'file', target, read: false });
    } else {
      table.set(n, { kind: 'file', target, read: op === '<' || op === '<>' });
    }
  }
  return table;
}

/** `DescriptorSource` of a command's descriptor `fd`. */
export function descriptorSource(command: SimpleCommand, fd: number): DescriptorSource {
  return sourceOf(command.words.map((w) => w.text), fd, command.heredocs);
}

/**
 * What a command reads on the descriptor `fd`, written in the script: the word of the here-string or the body of the heredoc
 * it is once its redirections apply (`3<<< CODE`, `<<< CODE` for 0, `3<<< CODE <&3` for 0 too; `descriptorSource`).
 */
export function inputOn(command: SimpleCommand, fd: number): string | undefined {
  const source = descriptorSource(command, fd);
  return source.kind === 'text' ? source.text : undefined;
}

/**
 * The file the redirections of a command's words open for reading on the descriptor `fd`, once they apply (`3< FILE`,
 * `3< <(…)`; `< FILE` for 0, `3< <(…) <&3` too).
 */
export function redirectedFrom(words: readonly string[], fd: number): string | undefined {
  const source = sourceOf(words, fd);
  return source.kind === 'file' && source.read ? source.target : undefined;
}

/** The descriptor of the shell around a command that its descriptor `fd` is once its redirections apply (`descriptorSource`), if one is. */
export function outerDescriptor(command: SimpleCommand, fd: number): number | undefined {
  const source = descriptorSource(command, fd);
  return source.kind === 'outer' ? source.fd : undefined;
}

/**
 * A literal absolute path as `cd` reaches it (bash 5.2 and dash `cd -L`, their default: `//`, `.` and `..` read from the path
 * itself, `/workspace/./source`, `/tmp/../workspace/source`); a file's path is read so too (a symbolic link that `..` climbs
 * back from is not known here). Another word as it is.
 */
export function normalDir(dir: string): string {
  if (!dir.startsWith('/') || /[$`~*?[\]]/.test(dir)) return dir;
  const parts: string[] = [];
  for (const part of dir.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * The descriptor a file a program reads names: 0 for its standard input (`STDIN_FILE`), N for `/dev/fd/N` and `/proc/self/fd/N`
 * written as the kernel reads it (procfs takes no leading zero: `/dev/fd/01`, `/proc/self/fd/03` name no file, bash 5.2 and curl
 * 7.88 run, Linux fs/proc name_to_int).
 */
export function descriptorOf(file: string): number | undefined {
  if (STDIN_FILE.test(file)) return 0;
  const m = /^\/(?:dev|proc\/self)\/fd\/(0|[1-9][0-9]*)$/.exec(file);
  // `/dev/fd/$fd`, `/dev/fd/${fd}`: the descriptor a `{fd}` redirection allocated
  // (or its value in arithmetic: `/dev/fd/$((fd))`, `/dev/fd/$(( $fd ))`)
  const v = /^\/(?:dev|proc\/self)\/fd\/\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}|\(\([ \t]*\$?(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})[ \t]*\)\))$/
    .exec(file);
  return m !== null ? Number(m[1]) : v !== null ? namedDescriptor(v[1] ?? v[2] ?? v[3] ?? v[4]) : undefined;
}

/** Reserved words that start a command: the command is what follows them. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{']);

/** The words that open a compound command (what they open), and those that close one (what they close). */
const OPENS: Readonly<Record<string, string>> = { 'if': 'if', 'while': 'loop', 'until': 'loop', 'for': 'loop', 'select': 'loop', 'case': 'case', '{': '{' };
const CLOSES: Readonly<Record<string, string>> = { 'fi': 'if', 'done': 'loop', 'esac': 'case', '}': '{' };


/** Where a case's pattern that starts at `at` ends: its `)`, past quotes and expansions (the text's length when none). */
function patternEnd(text: string, at: number): number {
  let i = text[at] === '(' ? at + 1 : at;
  for (; i < text.length && text[i] !== ')'; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"' || c === '`') i = closing(text, i);
    else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) i = closing(text, i + 1);
  }
  return i;
}

/** Characters that are only themselves in a word (a `#` inside a word too). */
const PLAIN = /[^\s\\'"$`<>()|&;]+/y;
/** The same inside double quotes: what is neither the closing quote, a backslash nor an expansion. */
const QUOTED_PLAIN = /[^"\\$`]+/y;

/** A name of a variable. */
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The heredoc operator at `at` (`<<EOF`, `<<- 'EOF'`, `<<"EOF"`, `<<\\EOF`, `<<E'O'F`): its delimiter with quotes removed,
 * whether any part of it was quoted (the body is then text, no expansion in it), whether `<<-` strips tabs, and where it ends.
 */
function heredocOperator(text: string, at: number): { delimiter: string; quoted: boolean; tabs: boolean; end: number } | undefined {
  let j = at + 2;
  const tabs = text[j] === '-';
  if (tabs) j++;
  while (text[j] === ' ' || text[j] === '\t') j++;
  let delimiter = '';
  let quoted = false;
  while (j < text.length && !/[\s;&|<>()]/.test(text[j])) {
    const c = text[j];
    if (c === "'" || c === '"') {
      const e = text.indexOf(c, j + 1);
      const close = e < 0 || text.slice(j, e).includes('\n') ? -1 : e;
      if (close < 0) break;
      delimiter += text.slice(j + 1, close);
      quoted = true;
      j = close + 1;
    } else if (c === '\\') {
      delimiter += text[j + 1] ?? '';
      quoted = true;
      j += 2;
    } else {
      delimiter += c;
      j++;
    }
  }
  return delimiter === '' && !quoted ? undefined : { delimiter, quoted, tabs, end: Math.min(j, text.length) };
}

/** A word that assigns a variable up to its `=` (`NAME=`, `NAME+=`): an array follows when `(` comes next. */
const ARRAY_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=$/;

/**
 * Where what opens at `open` ends: a `'`, `"` or backquote its closing one, a `(` (of `$(`, `<(`
 * or an array) or `{` (of `${`) its closing bracket, with quotes, substitutions and brackets
 * inside passed over; the text's length when it does not end.
 */
export function closing(text: string, open: number): number {
  const first = text[open];
  const stack: string[] = [first === '(' ? ')' : first === '{' ? '}' : first];
  for (let i = open + 1; i < text.length; i++) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top === "'") {
      if (c === "'") stack.pop();
    } else if (c === '\\') {
      i++;
      continue;
    } else if (c === top) {
      stack.pop();
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      stack.push(text[i + 1] === '(' ? ')' : '}');
      i++;
    } else if (top === '"') {
      if (c === '`') stack.push('`');
    } else if (top === '`') {
      continue;
    } else if (c === "'" || c === '"' || c === '`') {
      stack.push(c);
    } else if (c === '(' && top === ')') {
      stack.push(')');
    } else if (c === '#' && top === ')' && /[\s;&|(]/.test(text[i - 1])) {
      // a comment inside a command substitution runs to the end of its line
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    }
    if (stack.length === 0) return i;
  }
  return text.length;
}

/** The text of `$'…'` from its opening quote: its content with escapes read, and where it ends. */
function ansiC(text: string, open: number): { value: string; end: number } {
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };
  let value = '';
  let i = open + 1;
  for (; i < text.length && text[i] !== "'"; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      const next = text[++i];
      // \xHH, \uHHHH, \UHHHHHHHH, \NNN (octal) and \cX give the character they name
      const code = /^(?:x([0-9A-Fa-f]{1,2})|u([0-9A-Fa-f]{1,4})|U([0-9A-Fa-f]{1,8})|([0-7]{1,3}))/.exec(text.slice(i, i + 9));
      if (code) {
        const n = code[4] !== undefined ? parseInt(code[4], 8) % 256 : parseInt(code[1] ?? code[2] ?? code[3], 16);
        value += n <= 0x10ffff ? String.fromCodePoint(n) : '';
        i += code[0].length - 1;
      } else if (next === 'c' && i + 1 < text.length && text[i + 1] !== "'") {
        value += String.fromCharCode(text.charCodeAt(++i) % 32);
      } else {
        value += escapes[next] ?? ('\\\'"?'.includes(next) ? next : `\\${next}`);
      }
    } else {
      value += text[i];
    }
  }
  return { value, end: Math.min(i, text.length) };
}

/**
 * The code of the command substitutions that run inside a text the shell expands but does not split into commands: the
 * word of `${…}`, `$((…))`, an array's value (`heredoc` false: single quotes keep what they hold, and `<(…)`, `>(…)` run
 * too), or an unquoted heredoc's body (`heredoc`: single quotes are text there). Nested `${…}` and `$((…))` are read in place.
 */
function nestedSubstitutions(text: string, heredoc: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === "'" && !heredoc) {
      i = closing(text, i);
    } else if (c === '`') {
      const e = closing(text, i);
      out.push(text.slice(i + 1, e).replace(/\\([$`\\])/g, '$1'));
      i = e;
    } else if ((c === '$' || (!heredoc && (c === '<' || c === '>'))) && text[i + 1] === '(' && text[i + 2] !== '(') {
      const e = closing(text, i + 1);
      out.push(text.slice(i + 2, e));
      i = e;
    }
  }
  return out;
}

/** Scripts already read: the same script is read by several rules and for several workspaces (what is returned is never changed). */
const READ = new Map<string, readonly SimpleCommand[]>();

/** The simple commands of a shell script, in the order written (read once per script text). */
export function simpleCommands(script: string): readonly SimpleCommand[] {
  let commands = READ.get(script);
  if (commands === undefined) {
    commands = lex(script);
    if (READ.size >= 2_000) READ.clear();
    READ.set(script, commands);
  }
  return commands;
}

/**
 * The simple commands run by the command substitutions of `command`, at any depth
 * (`$(cat $(./list.sh))` gives `cat $(./list.sh)` and `./list.sh`).
 */
export function substitutedCommands(command: SimpleCommand, depth = 0): readonly SimpleCommand[] {
  if (depth > 16 || command.substitutions.length === 0) return [];
  let found = SUBSTITUTED.get(command);
  if (found === undefined) {
    found = command.substitutions.flatMap((code) => simpleCommands(code).flatMap((c) => [c, ...substitutedCommands(c, depth + 1)]));
    SUBSTITUTED.set(command, found);
  }
  return found;
}

/** A word of a simple command that is a redirection (`>log`, `2>&1`, `<<EOF`, `<<<`, `< in`; an operator alone takes the next word). */
const REDIRECTION = new RegExp(`^${DESCRIPTOR_PREFIX}(?:<<<|<<-?|<>|<&|>&|>>|>\\||&>>|&>|<(?!\\()|>(?!\\())`);

/** The words of a simple command read apart from its redirections (`splitRedirections`). */
export interface Redirected {
  /** The arguments the program gets. */
  readonly operands: string[];
  /** The file its standard input is redirected from (`< FILE`, `<FILE`, `0< FILE`), the last one. */
  readonly from?: string;
  /** Whether its standard output goes to a file (`> f`, `>> f`, `>| f`, `&> f`, `1> f`): a pipe after it gets nothing. */
  readonly stdoutRedirected: boolean;
  /**
   * Where its standard output goes, in the order written: each file (`> f`, `>| f`, `1> f`, `&> f`; `append` for `>>` and `&>>`),
   * and a descriptor it is duplicated to (`>&2`, `1>&3`) as `&N`.
   */
  readonly outputs: ReadonlyArray<{ readonly file: string; readonly append: boolean }>;
}

/**
 * The words of a simple command read apart from its redirections (`>log`, `2>&1`, `< in`, `<<EOF`, `<<< word`; an operator
 * alone takes the next word with it, but a heredoc's `<<`, whose body the lexer read).
 */
export function splitRedirections(words: readonly string[]): Redirected {
  const operands: string[] = [];
  let from: string | undefined;
  let stdoutRedirected = false;
  const outputs: Array<{ file: string; append: boolean }> = [];
  for (let k = 0; k < words.length; k++) {
    const m = REDIRECTION.exec(words[k]);
    if (m === null) {
      operands.push(words[k]);
      continue;
    }
    const operator = m[0];
    const heredoc = HEREDOC_OPERATOR.test(operator);
    const target = words[k] !== operator || heredoc ? words[k].slice(operator.length) : words[++k];
    if (/^0?<$/.test(operator)) from = target;
    if (/^1?(>|>>|>\||&>|&>>)$/.test(operator)) {
      stdoutRedirected = true;
      if (target !== undefined) outputs.push({ file: target, append: operator.endsWith('>>') });
    } else if (/^1?>&$/.test(operator) && target !== undefined) {
      outputs.push({ file: `&${target}`, append: false });
    }
  }
  return { operands, from, stdoutRedirected, outputs };
}

/**
 * The files a command's standard output is written to (`> f`, `>> f`, `>| f`, `&> f`, `1> f`), as written and in order, as
 * splitRedirections reads its redirections: not a descriptor it is duplicated to (`>&2`, `1>&3`), nor a process substitution.
 */
export function outputFiles(words: readonly string[]): string[] {
  return splitRedirections(words).outputs.map((o) => o.file).filter((f) => f !== '' && !f.startsWith('&'));
}

/**
 * The files `tee` (or `sponge`) writes and whether it appends (`-a`, `--append`), given its words after its name without
 * redirections: its operands past its options, `-` a file so named (coreutils 9.1), those after `--` too (`tee -- -f`).
 */
export function teeOperands(after: readonly string[]): { files: string[]; append: boolean } {
  const files: string[] = [];
  let append = false;
  let options = true;
  for (const w of after) {
    if (options && w === '--') options = false;
    else if (options && w.startsWith('-') && w !== '-') append ||= w === '--append' || (!w.startsWith('--') && w.includes('a'));
    else files.push(w);
  }
  return { files, append };
}

/** The words of a simple command without its redirections (`splitRedirections`): the arguments the program gets. */
export function withoutRedirections(words: readonly string[]): string[] {
  return splitRedirections(words).operands;
}

/**
 * A word that assigns a shell variable before a command's program (`NAME=VALUE`, `NAME+=VALUE`), or an element of an array
 * (`a[0]=VALUE`, `PROMPT_COMMAND[1]+=VALUE`: bash 5.2 reads it as an assignment, alone or before a program, never as the
 * command's name; dash runs a command named `a[0]=VALUE`, which no value makes another program).
 */
const PREFIX_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;

/**
 * The name, subscript (of `a[…]=`) and value of a word PREFIX_ASSIGNMENT matches: `written`, the text after `=`; `value`, what the
 * variable then holds, which for `NAME+=VALUE` is VALUE appended to what it held (`$NAME` then VALUE, `${NAME[i]}` then VALUE for an
 * element: bash 5.2 run, `PATH+=:/x` then `echo "$PATH"` printed the old entries, then `:/x`).
 */
function assignmentParts(word: string): { name: string; subscript?: string; value: string; written: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/.exec(word)!;
  const written = word.slice(m[0].length);
  // (`${NAME}` where what follows would extend the name: `A+=x` is `${A}x`)
  const before = m[3] === '' ? '' : m[2] !== undefined ? `\${${m[1]}[${m[2]}]}` : /^[A-Za-z0-9_]/.test(written) ? `\${${m[1]}}` : `$${m[1]}`;
  return { name: m[1], ...m[2] === undefined ? {} : { subscript: m[2] }, value: `${before}${written}`, written };
}

/**
 * The name and value of a word that assigns a variable (`NAME=VALUE`, `NAME+=VALUE`, read by `assignmentParts`: the value appended to
 * `$NAME`), before a program, alone, or as an argument of a declaration builtin; undefined for another word or an array element.
 */
export function variableAssignment(word: string): { name: string; value: string } | undefined {
  if (!PREFIX_ASSIGNMENT.test(word)) return undefined;
  const { name, subscript, value } = assignmentParts(word);
  return subscript === undefined ? { name, value } : undefined;
}

/**
 * The assignments a simple command's words begin with (`KUBECONFIG=/tmp/k kubectl apply …`: the program runs with them in its
 * environment), and the words after them: the program and its arguments.
 */
export function splitAssignments(words: readonly string[]): { assignments: Array<{ name: string; value: string }>; argv: string[] } {
  let k = 0;
  while (k < words.length && PREFIX_ASSIGNMENT.test(words[k])) k++;
  const assignments = words.slice(0, k).map((w) => {
    const { name, value } = assignmentParts(w);
    return { name, value };
  });
  return { assignments, argv: words.slice(k) };
}

/**
 * Where the arguments `words` of sudo or doas stop being theirs: at the first redirection (`sudo -s <<EOF`: the shell it starts
 * reads the heredoc).
 */
export function privilegeArgumentsEnd(words: readonly string[]): number {
  const at = words.findIndex((w) => REDIRECTION.test(w));
  return at < 0 ? words.length : at;
}

/** The files that are a program's standard input (`bash /dev/stdin <<EOF`). */
export const STDIN_FILE = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/;

/**
 * The program an argv runs, as `invocation` reads it, looking through `sudo` and `doas` (and their options),
 * `busybox APPLET` and `builtin NAME` too; its `programIndex` is in `argv`: the first of `runsOf`.
 */
export function runOf(argv: readonly string[]): Invocation {
  return runsOf(argv)[0];
}

/**
 * Each program an argv may run, as `invocations` reads its wrappers (an option a wrapper does not know read every
 * way it may be), looking through `sudo` and `doas` (their options read by their grammars, `privilegeReadings`: the command,
 * or a shell `sh` reading its input where they start one given none, or no program where they run none), `busybox APPLET`
 * and `builtin NAME` too; each `programIndex` is in `argv`. Never empty.
 */
export function runsOf(argv: readonly string[]): Invocation[] {
  const out: Invocation[] = [];
  // closes: the lowest descriptor a sudo or doas walked through closes before it runs the program
  // given: the env sudo's `NAME=VALUE` arguments set for the command (sudo 1.9, subject to its security policy), at their index in argv
  const walk = (rest: readonly string[], offset: number, hops: number, closes?: number, given: Invocation['assignments'] = []): void => {
    const closer = closes === undefined ? {} : { closesFrom: closes };
    for (const run of invocations(rest)) {
      if (out.length >= MAX_READINGS) return;
      const name = run.program === undefined ? '' : basename(run.program);
      let k = run.programIndex + 1;
      if ((isBusybox(name) || name === 'builtin') && k < rest.length && !rest[k].startsWith('-')) {
        // busybox sh, builtin eval: the applet or builtin runs
      } else if (name === 'sudo' || name === 'doas') {
        // sudo's and doas' options read by their grammars: the command each reading runs, or the shell it starts, or none
        const words = rest.slice(k);
        const end = privilegeArgumentsEnd(words);
        for (const reading of privilegeReadings(name, words.slice(0, end)) ?? []) {
          if (out.length >= MAX_READINGS) return;
          if (reading.command !== undefined && hops < 3) {
            const assignments = [...given, ...reading.assignments.map((a) => ({ ...a, index: offset + k + a.index }))];
            const closesFrom = Math.min(closes ?? Infinity, reading.closeFrom);
            walk(rest.slice(k + reading.command), offset + k + reading.command, hops + 1, closesFrom, assignments);
          } else if (reading.command === undefined && reading.shell) {
            // a shell given no command reads its standard input: the word before the redirections stands for it
            out.push({ program: 'sh', programIndex: offset + k + end - 1, interpreter: true, assignments: [], splitStrings: [] });
          } else {
            out.push({ programIndex: argv.length, interpreter: false, assignments: [], splitStrings: [] });
          }
        }
        continue;
      } else {
        const assignments = given.length === 0 ? run.assignments : [...given, ...run.assignments.map((a) => ({ ...a, index: a.index + offset }))];
        out.push({ ...run, programIndex: run.programIndex + offset, assignments, ...closer });
        continue;
      }
      if (hops < 3) walk(rest.slice(k), offset + k, hops + 1, closes, given);
      else out.push({ programIndex: argv.length, interpreter: false, assignments: [], splitStrings: [] });
    }
  };
  walk(argv, 0, 0);
  return out;
}

/** The backslash escapes echo (with `-e`, or dash's always) and printf read, by the character they stand for. */
const ESCAPES: Readonly<Record<string, string>> = { 'n': '\n', 't': '\t', 'r': '\r', 'v': '\v', 'f': '\f', 'a': '\x07', 'b': '\b', 'e': '\x1b', 'c': '', '\\': '\\' };

/** A text with echo's and printf's backslash escapes read (`\n` a line break, `\0NNN` and `\NNN` octal, `\xHH`); `\c` ends it. */
function unescaped(text: string): string {
  const cut = text.search(/\\c/);
  return (cut < 0 ? text : text.slice(0, cut)).replace(/\\(0?[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)/gs, (whole, e: string) => {
    if (/^0?[0-7]{1,3}$/.test(e)) return String.fromCharCode(parseInt(e, 8) % 256);
    if (e.startsWith('x') && e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? whole;
  });
}

/**
 * What a command prints that a shell it is piped to may read as code: the text of `echo` (its words after its options
 * `-n`, `-e`, `-E`, joined by spaces, with its escapes read and not, as bash's and dash's echo differ) or of `printf`
 * (its format filled with its arguments, repeated while arguments remain; nothing with `-v`, which assigns a variable),
 * or of `cat` given no file (or `-`), its input (`input`: its heredoc or here-string), through the wrappers `runsOf` reads;
 * undefined for any other program.
 */
export function printedBy(argv: readonly string[], input?: string): string[] | undefined {
  for (const run of runsOf(argv)) {
    if (run.program === undefined) continue;
    const name = basename(run.program);
    if (name === 'cat' && input !== undefined) {
      // past its redirections, a here-string's word too where `<<<` stands alone (`cat <<< "$X"`)
      const words = argv.slice(run.programIndex + 1);
      const files = words.filter((w, k) => !REDIRECTION.test(w) && !(k > 0 && /^[0-9]*<<<$/.test(words[k - 1])) && (!w.startsWith('-') || w === '-'));
      if (files.every((f) => f === '-')) return [input];
    }
    if (name === 'tee' && input !== undefined && !splitRedirections(argv.slice(run.programIndex + 1)).stdoutRedirected) return [input];
    if (name !== 'echo' && name !== 'printf') continue;
    // its arguments past redirections; its output sent elsewhere reaches no pipe
    const { operands: after, stdoutRedirected } = splitRedirections(argv.slice(run.programIndex + 1));
    if (stdoutRedirected) return [];
    if (name === 'echo') {
      let k = 0;
      while (k < after.length && /^-[neE]+$/.test(after[k])) k++;
      const text = after.slice(k).join(' ');
      return [...new Set([text, unescaped(text)])];
    }
    if (name === 'printf') {
      const k = after[0] === '--' ? 1 : 0;
      if (after[k]?.startsWith('-v')) return [];
      const format = after[k] ?? '';
      const args = after.slice(k + 1);
      const conversion = /%(%|[-+ #0-9.*]*[a-zA-Z])/g;
      const converts = [...format.matchAll(conversion)].some((m) => m[1] !== '%');
      // the format's text with its escapes read, each conversion given the next argument (`%b` with its escapes read)
      let out = '';
      let used = 0;
      do {
        let last = 0;
        for (const m of format.matchAll(conversion)) {
          out += unescaped(format.slice(last, m.index));
          out += m[1] === '%' ? '%' : m[1].endsWith('b') ? unescaped(args[used++] ?? '') : args[used++] ?? '';
          last = m.index + m[0].length;
        }
        out += unescaped(format.slice(last));
      } while (converts && used < args.length);
      return [out];
    }
  }
  return undefined;
}

/**
 * Whether a command passes what is piped to it on to its own output: `tee FILE…` (it copies its input to each file and to
 * its output, coreutils' tee.c) or `cat` given no file, given no input of its own and its output not redirected.
 */
function passesThrough(command: SimpleCommand): boolean {
  const argv = argvOf(command);
  const { from, stdoutRedirected } = splitRedirections(argv);
  if (stdoutRedirected || from !== undefined || standardInput(command) !== undefined) return false;
  const runs = runsOf(argv);
  return runs.length > 0 && runs.every((run) => {
    if (run.program === undefined) return false;
    const name = basename(run.program);
    // cat given no file but its input (`-`), and no option that changes what it prints but -u
    return name === 'tee' || (name === 'cat' && withoutRedirections(argv.slice(run.programIndex + 1)).every((w) => w === '-' || w === '-u' || w === '--'));
  });
}

/** ssh's options that take a value (OpenSSH 9.2), and those that give the remote command no input or run none. */
const SSH_VALUE_OPTIONS = 'bceilmopBDEFIJLOPQRSwW';
const SSH_NO_INPUT = 'nfNWsO';

/**
 * Whether ssh, given the arguments `after`, sends its input to a shell on the remote host that runs it: a destination and no remote
 * command (its login shell reads the commands), or a remote command that is a shell given no code (`sh`, `bash -s`); none given
 * an option of SSH_NO_INPUT.
 */
function remoteShellReadsInput(after: readonly string[]): boolean {
  for (let k = 0; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) {
    for (let j = 1; j < after[k].length; j++) {
      if (SSH_NO_INPUT.includes(after[k][j])) return false;
      const letter = after[k][j];
      if (SSH_VALUE_OPTIONS.includes(letter)) {
        const value = j + 1 === after[k].length ? after[++k] : after[k].slice(j + 1);
        // (`-F -` names a file `-`, which ssh fails to open and stops: "Can't open user config file -", OpenSSH 9.2)
        if (letter === 'F' && value === '-') return false;
        break;
      }
    }
  }
  const at = sshCommandIndex(after);
  if (at === 0 || !after.slice(0, at).some((w) => !w.startsWith('-'))) return false;
  const remote = after.slice(at);
  return remote.length === 0 || (SHELL_NAMES.test(basename(remote[0])) && remote.slice(1).every((w) => /^-[A-Za-z]*$/.test(w) && !w.includes('c')));
}

/** Programs that print text they derive from what is piped to them: a value piped through them stays the caller's (`base64 -d` gives any text). */
const TRANSFORMS = /^(base64|base32|basenc|tr|rev|tac|cut|head|tail|sort|uniq|fold|paste|expand|unexpand|sed|awk|gawk|mawk|grep|egrep|fgrep|jq|yq|xxd|gunzip|zcat|gzip|iconv|envsubst|dos2unix|openssl)$/;

/** The program of a command that TRANSFORMS names, its output not redirected; undefined for another. */
function transformOf(command: SimpleCommand): string | undefined {
  const argv = argvOf(command);
  if (splitRedirections(argv).stdoutRedirected) return undefined;
  const program = runOf(withoutRedirections(splitAssignments(argv).argv)).program;
  const name = program === undefined ? undefined : basename(program);
  // (grep -c, -q, -l and -L print counts, nothing or file names)
  if (name !== undefined && /grep$/.test(name) && argv.some((w) => /^-[A-Za-z]*[cqlL]/.test(w))) return undefined;
  return name !== undefined && TRANSFORMS.test(name) ? name : undefined;
}

/**
 * The command of a pipeline (`commands`, the pipe's commands before the one reading it, in order) whose output the last one
 * hands on: the last, or the one before each tee that passes its input through (`echo "$X" | tee log | sh`); with the tees.
 */
export function pipedFrom(commands: readonly SimpleCommand[]): { printer: SimpleCommand; through: SimpleCommand[] } | undefined {
  let k = commands.length - 1;
  while (k > 0 && passesThrough(commands[k])) k--;
  return k < 0 ? undefined : { printer: commands[k], through: commands.slice(k + 1) };
}

/** A command an argv runs (the argv itself, or one a program of it runs for it) and each program it may run (`runsOf`). */
export interface CommandRuns {
  readonly argv: readonly string[];
  readonly runs: readonly Invocation[];
}

/** How many commands `commandRuns` reads of one argv, the argv included. */
const MAX_COMMANDS = 16;

/**
 * An argv, and each command a program it may run (`runsOf`) runs for it (argv.ts `commandsRunBy`: a runner's command,
 * `flock L kubectl apply …`, `watch -x cosign verify …`, `su -c CODE`'s shell, xargs' command, find's `-exec` commands),
 * and theirs, to a depth of three; each with the programs it may run. The argv first; at most sixteen commands.
 */
export function commandRuns(argv: readonly string[]): CommandRuns[] {
  // the same words come again in many commands (of the versions of one task, of every rule that reads them): read once
  // (the outcome depends on the words alone, and no caller changes it); found word by word, each word's string hashed
  // once by the engine, where a key made of all the words was a new string to build and hash at every call
  const known = commandRunsNode(argv, false)?.runs;
  if (known !== undefined) return [...known];
  // (read from a copy: the words kept are never a caller's array)
  const out = readCommandRuns([...argv]);
  if (commandRunsKept >= 10_000) {
    COMMAND_RUNS.runs = undefined;
    COMMAND_RUNS.next = undefined;
    commandRunsKept = 0;
  }
  commandRunsNode(argv, true)!.runs = out;
  commandRunsKept++;
  return [...out];
}

/** A node of what `commandRuns` read: the reading of the words that lead to it, and the words that go on from there. */
interface CommandRunsNode {
  runs?: readonly CommandRuns[];
  next?: Map<string, CommandRunsNode>;
}

/** What `commandRuns` read, word by word (at most 10,000 argvs, counted by `commandRunsKept`). */
const COMMAND_RUNS: CommandRunsNode = {};
let commandRunsKept = 0;

/** The node of `argv` in COMMAND_RUNS; with `add`, made where there is none yet. */
function commandRunsNode(argv: readonly string[], add: boolean): CommandRunsNode | undefined {
  let node = COMMAND_RUNS;
  for (const word of argv) {
    let next = node.next?.get(word);
    if (next === undefined) {
      if (!add) return undefined;
      next = {};
      (node.next ??= new Map()).set(word, next);
    }
    node = next;
  }
  return node;
}

/** `commandRuns`, read afresh. */
function readCommandRuns(argv: readonly string[]): CommandRuns[] {
  const out: CommandRuns[] = [];
  const walk = (words: readonly string[], depth: number): void => {
    if (out.length >= MAX_COMMANDS) return;
    const runs = runsOf(words);
    out.push({ argv: words, runs });
    if (depth >= 3) return;
    for (const run of runs) {
      if (run.program === undefined) continue;
      for (const command of commandsRunBy(run.program, words.slice(run.programIndex + 1)) ?? []) walk(command, depth + 1);
    }
  };
  walk(argv, 0);
  return out;
}

/**
 * Whether a simple command is bash's arithmetic command (`(( $N > 1 ))`) or conditional command (`[[ $X == y ]]`): bash
 * evaluates it itself, running no program (bash 5.2's parse.y reads `((` and `[[` as compound commands); what it evaluates
 * is read with bash's expansions.
 */
export function compoundCommand(command: SimpleCommand): boolean {
  return command.words[0]?.compound === true;
}

/** The one reading of an argv that runs no program. */
function noProgram(argv: readonly string[]): CommandRuns[] {
  return [{ argv, runs: [{ programIndex: argv.length, interpreter: false, assignments: [], splitStrings: [] }] }];
}

/**
 * `commandRuns` of a simple command's words: none for an arithmetic or conditional command (`compoundCommand`), which runs
 * no program.
 */
export function commandRunsOf(command: SimpleCommand): CommandRuns[] {
  // (past the assignments before the program, which it runs with in its environment: `A=1 bash -c CODE` runs CODE)
  const argv = splitAssignments(argvOf(command)).argv;
  return compoundCommand(command) ? noProgram(argv) : commandRuns(argv);
}

/**
 * The code a simple command runs in a shell it starts, written in the script: of `sh -c CODE` (the first operand after
 * the shell's options, `sh -c -e CODE`, `sh -c -- CODE`), of a shell without a file that reads a heredoc or here-string
 * (`bash <<EOF`, `sh -s <<< CODE`), of `eval WORDS` (the words joined), and of `trap CODE SIGNAL…` (the shell runs it on
 * the signal, EXIT at the latest). Undefined for any other command.
 */
export function shellCodeOf(command: SimpleCommand): string | undefined {
  return shellCodesOf(command)[0];
}

/**
 * The code a simple command runs in a shell it starts (`shellCodeOf`), for each program it may run and each command those
 * run for it (`commandRuns`), each code once.
 */
export function shellCodesOf(command: SimpleCommand, piped?: readonly string[]): string[] {
  // without piped text the codes depend on the command alone: read once (a script is read by several rules, and again
  // each time a rule follows what its commands run)
  const known = piped === undefined ? SHELL_CODES.get(command) : undefined;
  if (known !== undefined) return [...known];
  let runs = ARGV_RUNS.get(command);
  if (runs === undefined) {
    runs = commandRunsOf(command);
    ARGV_RUNS.set(command, runs);
  }
  const codes = [...new Set(runs.flatMap(({ argv, runs: each }) => each.flatMap((run) => shellCodeOfRun(command, argv, run, piped))))];
  if (piped === undefined) SHELL_CODES.set(command, codes);
  return piped === undefined ? [...codes] : codes;
}

/** `commandRuns` of each command's words, once read (`shellCodesOf`). */
const ARGV_RUNS = new WeakMap<SimpleCommand, readonly CommandRuns[]>();
/** The codes each command runs in a shell it starts when nothing is piped to it (`shellCodesOf`), once read. */
const SHELL_CODES = new WeakMap<SimpleCommand, readonly string[]>();

/**
 * The code `command` (whose words are `argv`) runs in a shell it starts, when it runs the program `run`: none, or one, or
 * what it reads as its input, its heredoc or here-string, else each text `piped` to it may be.
 */
function shellCodeOfRun(command: SimpleCommand, argv: readonly string[], run: Invocation, piped?: readonly string[]): string[] {
  // (`command -v sh -c CODE` looks the names up, running none of them)
  if (run.program === undefined || run.lookup === true) return [];
  const name = basename(run.program);
  // what it reads on the descriptor: its own here-string or heredoc, else on its standard input what is piped to it
  // (a program xargs runs included: GNU xargs gives it /dev/null, BusyBox's, alpine's, its own input, which may still hold the value)
  const stdin = (fd = 0): string[] => {
    const source = descriptorSource(command, fd);
    return source.kind === 'text' ? [source.text] : source.kind === 'outer' && source.fd === 0 ? [...piped ?? []] : [];
  };
  // (the command's words past its assignments, as commandRunsOf reads them)
  const top = splitAssignments(argvOf(command)).argv;
  if (name === 'eval') return runByShell(top, argv, run) ? [argv.slice(run.programIndex + 1).join(' ')] : [];
  if (name === 'trap' && runByShell(top, argv, run)) {
    // `trap CODE SIGNAL...`: the shell runs CODE when a signal (or EXIT, ERR, DEBUG, RETURN) comes; `-` resets, `-l` and `-p` print
    const after = argv.slice(run.programIndex + 1);
    const operands = after[0] === '--' ? after.slice(1) : after;
    return operands.length >= 2 && operands[0] !== '-' && !/^-[lp]+$/.test(operands[0]) ? [operands[0]] : [];
  }
  if (SHELL_NAMES.test(name)) {
    const after = withoutRedirections(argv.slice(run.programIndex + 1));
    const { code, operand } = shellOperands(after);
    if (code) return after[operand] === undefined ? [] : [after[operand]];
  }
  return codeDescriptors(argv, run, runByShell(top, argv, run)).flatMap((fd) => stdin(fd));
}

/**
 * Whether the program `run` of `argv` (the words of `top`, a simple command of the script, or of a command a program of it
 * runs) is run by the shell itself, so a builtin of that name (`source`, `.`, `eval`, `trap`) is the builtin: `argv` is the
 * command's own words, and the words before the program past its assignments are `command` (not given `-v`/`-V`), `builtin`
 * or `time` (`-p`) alone. A wrapper (`sudo`, `env`, `timeout`, `nohup`, xargs, find's `-exec` …) execs the program: bash 5.2
 * runs a builtin only for a command word it finds among its builtins (execute_cmd.c execute_simple_command), and sudo 1.9
 * (src/exec.c) and coreutils' env/timeout call execve, which finds a file named `source` in PATH, none in the usual images.
 */
export function runByShell(top: readonly string[], argv: readonly string[], run: Invocation): boolean {
  if (argv.length !== top.length || argv.some((w, i) => w !== top[i])) return false;
  let i = 0;
  while (i < run.programIndex && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(argv[i])) i++;
  return argv.slice(i, run.programIndex).every((w) => /^(command|builtin|time|-p|--)$/.test(w));
}

/**
 * The file a shell, `source` or an interpreter named `name` runs, given the words `after` it: a shell's first operand past its
 * options and their values where it runs one (readShellOptions; not bash's or rbash's `+s FILE`, which reads its input), bun's
 * operand after its `run` sub-command (`bun --bun run F`), any other program's first word not starting with `-`.
 */
function fileOperand(name: string, after: readonly string[]): string | undefined {
  if (SHELL_NAMES.test(name)) {
    // (bash takes an `s` of either sign as `-s`, bash 5.2 shell.c parse_shell_options: its `+s FILE` reads its input)
    const { file, reads, operand } = readShellOptions(after);
    return file && !(reads && /^r?bash$/.test(name)) ? after[operand] : undefined;
  }
  if (name === 'bun') {
    const sub = bunSubcommandIndex(['bun', ...after], 0) - 1;
    if (after[sub] === 'run') return after.slice(sub + 1).find((w) => !w.startsWith('-'));
  }
  return after.find((w) => !w.startsWith('-'));
}

/**
 * Where a shell or an interpreter of a program file (FILE_INTERPRETERS) named `name`, given the words `after` it and no code option
 * (`coded`: an interpreter's `-c`, `-e` …), finds the file it runs: `index`, that of its first operand past its options and the values
 * of those that take one (a shell's as readShellOptions reads them, an interpreter's CODE_OPTIONS `values`, after bun's `run`
 * sub-command too), and `file`, whether that operand is the file (not a shell's that reads its input, `-s`, whose operands are its
 * positional parameters: `index` is then where they start); undefined for another program, or one given code.
 */
function runFileIndex(name: string, after: readonly string[], coded: boolean): { index: number; file: boolean } | undefined {
  if (SHELL_NAMES.test(name)) {
    // (an option word that expands a variable, `sh -$O "$X"`, ends the options read here: what it may expand to is read apart)
    const { file, reads, operand, code } = readShellOptions(after);
    if (code) return undefined;
    return { index: operand, file: file && !(reads && /^r?bash$/.test(name)) };
  }
  // (the cheap test first: most programs are none of these)
  if (coded || !FILE_INTERPRETERS.some((re) => re.test(name))) return undefined;
  const entry = CODE_OPTIONS.find((e) => e.program.test(name));
  if (entry === undefined) return undefined;
  let i = 0;
  if (name === 'bun') {
    const sub = bunSubcommandIndex(['bun', ...after], 0) - 1;
    // (bun's other sub-commands run no file of the script's: `bun install`, `bun x` a package's)
    if (sub >= 0 && sub < after.length && after[sub] !== 'run' && !/^[./~$"']/.test(after[sub]) && !after[sub].includes('/') && !/\.[cm]?[jt]sx?$/.test(after[sub])) return undefined;
    if (after[sub] === 'run') i = sub + 1;
  }
  // (a file named by an option, expect's `-f FILE`: the words up to the first operand, which may be options, come before its arguments)
  let named = false;
  for (; i < after.length && (after[i].startsWith('-') || ELIXIR_MODE.test(`${name} ${after[i]}`)) && after[i] !== '-'; i++) {
    // (every operand of elixir +elixirc is a file it compiles: code)
    if (after[i] === '+elixirc') return { index: after.length - 1, file: true };
    if (after[i] === '--') return { index: i + 1, file: !named };
    named ||= entry.file?.test(after[i]) === true;
    if (entry.pairs?.test(after[i]) === true) i += 2;
    else if (entry.values?.test(after[i])) i++;
  }
  return named ? { index: i + 1, file: false } : { index: i, file: true };
}

/**
 * The descriptors from which a shell (SHELL_NAMES, not given `-c`) or `source`/`.` at `run` of `argv` reads the code it runs:
 * 0 for a shell given `-s` or no file, or either given a file that is its standard input (`bash /dev/stdin`, `. /dev/stdin`),
 * N for a file that is the descriptor N (`source /dev/fd/3`, `bash /proc/self/fd/3`); both for a shell given `+s FILE`, whose
 * input bash reads and whose file dash runs (readShellOptions: `sh +s /dev/fd/3`), but its input alone for one named bash or
 * rbash; none for any other.
 */
function codeDescriptors(argv: readonly string[], run: Invocation, byShell = true): number[] {
  if (run.program === undefined) return [];
  const name = basename(run.program);
  let fds: Array<number | undefined>;
  if (name === 'source' || name === '.') {
    // the builtin only where the shell runs it (runByShell)
    if (!byShell) return [];
    fds = [descriptorOf(argv[run.programIndex + 1] ?? '')];
  } else if (name === 'at' || name === 'batch') {
    // at 3.2 and batch read the job from their input and queue it for atd, which runs it with /bin/sh: not with `-f FILE`, nor
    // listing, removing or printing jobs (`-l`, `-r`, `-d`, `-c`); `-q`, `-t` and `-u` take a value
    const after = withoutRedirections(argv.slice(run.programIndex + 1));
    for (let k = 0; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) {
      if (/^-[A-Za-z]*[flrdc]/.test(after[k])) return [];
      if (/^-[A-Za-z]*[qtu]$/.test(after[k])) k++;
    }
    fds = [0];
  } else {
    if (!SHELL_NAMES.test(name)) return [];
    // its arguments past redirections (an operator alone takes the next word: `<<< CODE`, `> log`)
    const after = withoutRedirections(argv.slice(run.programIndex + 1));
    const { code, reads, operand } = readShellOptions(after);
    if (code) return [];
    // (its input where it reads it, `-s` or no operand; the file it runs where it runs one, fileOperand: dash's `+s FILE` too)
    const ran = fileOperand(name, after);
    fds = [reads || operand >= after.length ? 0 : undefined, ran === undefined ? undefined : descriptorOf(ran)];
  }
  // sudo and doas close every descriptor from 3 before they run the command (sudoers' closefrom default, doas' closefrom(3)),
  // sudo given `-C N` from N (sudo 1.9 src/exec.c close_fds): one below it reaches the command
  return fds.filter((fd, k): fd is number => fd !== undefined && fds.indexOf(fd) === k && (run.closesFrom === undefined || fd < run.closesFrom));
}

/**
 * How a POSIX-like shell reads its arguments `after` (those after its name, readShellOptions): whether an option group holds
 * `c` (the code is the first operand) or `s` (it reads its input), past `-o NAME`, `-eo NAME`, `+O NAME`, `--rcfile FILE`,
 * `--init-file FILE`, `--` and `-`; `operand` is the index of its first operand.
 */
function shellOperands(after: readonly string[]): { code: boolean; reads: boolean; operand: number } {
  const { code, reads, operand } = readShellOptions(after);
  return { code, reads, operand };
}

/**
 * The code of `-c` a POSIX-like shell (SHELL_NAMES) at `run` of `argv` runs, read by its options as the shell reads them
 * (`sh -c CODE`, `bash -e -c CODE`, `bash -o pipefail -c CODE`, `sh -c -- CODE`, `bash -ec CODE`); undefined for another
 * program, or a shell given no `-c` or no code. The shell applet of busybox or toybox too (`busybox sh -c CODE`: busybox runs the
 * applet its first argument names, a path's last part, appletlib.c's busybox_main).
 */
export function shellCommandString(argv: readonly string[], run: Invocation): string | undefined {
  const after = shellArguments(argv, run);
  if (after === undefined) return undefined;
  const { code, operand } = shellOperands(after);
  return code ? after[operand] : undefined;
}

/** The arguments after the name of the POSIX-like shell at `run` of `argv` (its own or busybox's applet's); undefined for another program. */
function shellArguments(argv: readonly string[], run: Invocation): readonly string[] | undefined {
  if (run.program === undefined) return undefined;
  const after = argumentsOf(argv, run);
  if (SHELL_NAMES.test(basename(run.program))) return after;
  if (!(isBusybox(run.program) || isToybox(run.program)) || after.length === 0 || !SHELL_NAMES.test(basename(after[0]))) return undefined;
  return after.slice(1);
}

/** How `yarn exec` runs its first operand (argv.ts runnerCodeWord), for a message. */
export const YARN_EXEC_CODE = 'it is the code of yarn exec, which yarn 2 and later run with their own shell, a POSIX-like one (yarn 1 runs it as the program)';

/**
 * The option that gives the shell at `run` of `argv` its code, as written: `+c` where the first option group holding `c` is one of
 * `+` (`sh +c CODE`, `bash +ec CODE`: bash 5.2 and dash 0.5.12 read the letter whatever its sign), else `-c` (for a message).
 */
export function shellCodeOption(argv: readonly string[], run: Invocation): string {
  const after = shellArguments(argv, run) ?? [];
  const group = readShellOptions(after).options.find((w) => /^[-+][A-Za-z]*c[A-Za-z]*$/.test(w));
  return group?.startsWith('+') === true ? '+c' : '-c';
}

/**
 * The simple commands a script runs, in the order written, with the commands of the code each runs in a shell it starts
 * (`shellCodeOf`: `sh -c`, a heredoc or here-string fed to a shell, what `echo` or `printf` pipes to one, `eval`) after it, to
 * a depth of four.
 */
export function runCommands(script: string, depth = 0): SimpleCommand[] {
  const commands = simpleCommands(script);
  let pipeline: SimpleCommand[] = [];
  return commands.flatMap((c, k) => {
    pipeline = k > 0 && commands[k - 1].pipe ? [...pipeline, commands[k - 1]] : [];
    // what `echo`, `printf` or `cat <<EOF` piped to it prints (through tee): a shell reading its input runs it
    const from = pipedFrom(pipeline)?.printer;
    const piped = from !== undefined ? printedBy(argvOf(from), standardInput(from)) : undefined;
    const codes = depth < 4 ? shellCodesOf(c, piped) : [];
    return [c, ...codes.flatMap((code) => runCommands(code, depth + 1))];
  });
}

/** The commands of each command's substitutions, once read. */
const SUBSTITUTED = new WeakMap<SimpleCommand, readonly SimpleCommand[]>();

/**
 * An assignment of git's environment that allows the ext protocol: `GIT_ALLOW_PROTOCOL` listing ext (or a value not known),
 * `GIT_CONFIG_PARAMETERS` or `GIT_CONFIG_KEY_<n>` holding protocol.allow or protocol.ext.allow (git 2.39 transport.c, config.c).
 */
const EXT_ENV = /^(?:GIT_ALLOW_PROTOCOL=(?:.*[:$])?ext(?::|$)|GIT_ALLOW_PROTOCOL=.*\$|GIT_CONFIG_(?:PARAMETERS=.*|KEY_[0-9]+=)protocol(?:\.ext)?\.allow)/is;

/** A text of git configuration that allows a protocol (`[protocol "ext"]` or `[protocol]`, then `allow =`), as a script may write it to a file. */
const EXT_CONFIGURED = /\[\s*protocol(?:\.ext|\s+\\?"ext\\?")?\s*\][^[]*?allow\s*=/i;

/** git's sub-commands whose options, configuration or URLs run code: a program a variable names given one is read as git too. */
const GIT_SUBCOMMANDS = /^(clone|fetch|pull|ls-remote|push|submodule|remote|config|archive|rebase|difftool|filter-branch|send-pack|fetch-pack|bisect)$/;

/**
 * The program a command runs, for reading its options and configuration: git where a variable names it (`"$GIT" clone`,
 * `${G:-git} config …`, `"$(command -v git)" fetch`) and the word where git's sub-command stands is one of GIT_SUBCOMMANDS.
 */
function configuredProgram(program: string, after: readonly string[]): string {
  return program.startsWith('$') && GIT_SUBCOMMANDS.test(after[gitSubcommandIndex(after)] ?? '') ? 'git' : program;
}

/** An option group holding `i` (`-i`, `-il`): a shell given one is interactive. */
const INTERACTIVE_OPTION = /^-[A-Za-z]*i[A-Za-z]*$/;

/** The word's text of each word of a command. */
export function argvOf(command: SimpleCommand): string[] {
  return command.words.map((w) => w.text);
}

/** A word that is a descriptor written before a redirection operator, part of its word (`2`, `{fd}`: DESCRIPTOR_PREFIX). */
const FD_WORD = /^(?:[0-9]+|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/** Reads a script into its simple commands. */
function lex(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let substitutions: string[] = [];
  let start = -1;
  let end = -1;
  // the word being read
  let cur = '';
  let started = false;
  let quoted = false;
  let literal = true;
  let variables = 0;
  let variable: string | undefined;
  let onlyVariable = true;
  let wordStart = 0;
  // whether the word is an arithmetic command's `(( … ))`
  let arithmeticWord = false;
  // heredocs whose bodies follow the end of the line
  const heredocs: Array<{ end: string; tabs: boolean; quoted: boolean; fd: number; owner: { heredocs: Heredoc[]; substitutions: string[] } }> = [];
  // the heredocs of the command being read
  let own: Heredoc[] = [];
  // the compound commands and subshells open, innermost last; the operator before the command; whether it starts inside one
  const open: string[] = [];
  // beside each of `open`, the branch being read
  const frames: Array<{
    id: number;
    kind: Scope['kind'];
    branch: number;
    condition: boolean;
    otherwise: boolean;
    continued: boolean;
    group: boolean;
    function?: string;
    fallsThrough?: boolean;
    loop?: { word: string; body: boolean };
  }> = [];
  let frameIds = 0;
  // the function a definition's header names (`f()`, `function f`), until its body, the compound command that follows, opens
  let defined: string | undefined;
  const frame = (kind: string, word: string, header = false) => {
    const scoped = kind === 'if' || kind === 'case' || kind === 'loop' ? kind : 'other';
    frames.push({
      id: frameIds++,
      kind: scoped,
      branch: 0,
      condition: scoped === 'if' || scoped === 'case',
      otherwise: false,
      continued: false,
      group: kind === '{',
      ...scoped === 'loop' ? { loop: { word, body: false } } : {},
      ...defined !== undefined && !header ? { function: defined } : {},
    });
    if (!header) defined = undefined;
  };
  let before = ';';
  let nested = false;
  let negated = false;
  // whether the last operator ended a subshell (`)`), with no line break or other operator since
  let afterSubshell = false;
  // in `[[ … ]]`, `&&`, `||`, `<`, `>` and parentheses are the test's words; after a case's `in`, its first pattern comes
  let test = false;
  let caseIn = false;
  // after `function NAME`, its body starts a command; after `coproc`, a NAME before a compound command is not a word
  let functionHeader = false;
  let coproc = false;
  // whether `coproc` starts the command: bash runs it in a subshell, in the background
  let coprocessed = false;
  // the id of the compound command the last word closed (`}`, `fi`, `done`, `esac`), until the command ends
  let closed: number | undefined;
  // whether the last pipe was `|&`, until a command after it ends
  let errorPiped = false;

  const begin = (i: number) => {
    if (!started) wordStart = i;
    started = true;
  };
  const endWord = (i: number) => {
    if (started) {
      const first = words.length === 0 && !quoted;
      if (first && ownKey(CLOSES, cur) && open[open.length - 1]?.split(' ')[0] === CLOSES[cur]) {
        open.pop();
        closed = frames.pop()?.id;
      }
      const top = frames[frames.length - 1];
      if (first && top?.kind === 'if' && open[open.length - 1] === 'if' && (cur === 'then' || cur === 'elif' || cur === 'else')) {
        top.branch++;
        top.condition = cur === 'elif';
        top.otherwise = cur === 'else';
      }
      if (first && top?.loop !== undefined && open[open.length - 1] === 'loop' && cur === 'do') top.loop.body = true;
      if (first) nested ||= open.length > 0;
      if (first && ownKey(OPENS, cur)) {
        open.push(OPENS[cur]);
        frame(OPENS[cur], cur);
      } else if (first) {
        defined = undefined;
      }
      const coprocName = coproc && first && /^[A-Za-z_][A-Za-z0-9_]*$/.test(cur)
        && /^[ \t]*(?:[{(]|(?:while|until|for|select|if|case)(?![^\s;&|()<>]))/.test(text.slice(i, i + 16));
      coproc = first && cur === 'coproc';
      coprocessed ||= coproc;
      if ((first && RESERVED.has(cur)) || coproc || coprocName) {
        // a reserved word: the command starts after it
        if (cur === '!') negated = !negated;
      } else {
        if (words.length === 0) start = wordStart;
        end = i;
        const one = variables === 1 && onlyVariable ? variable : undefined;
        const compound = words.length === 0 && ((arithmeticWord && cur.endsWith('))')) || (!quoted && cur === '[['));
        const extra = compound ? { compound } : {};
        words.push(one !== undefined ? { text: cur, literal, variable: one, split: !quoted } : { text: cur, literal, ...extra });
        if (!quoted && cur === '[[' && words.length === 1) test = true;
        else if (!quoted && cur === ']]') test = false;
        caseIn = !quoted && cur === 'in' && words.length >= 3 && words[0].text === 'case' && open[open.length - 1] === 'case';
        // `function NAME` and `for ((…))` are followed by a compound command (`{ …; }`)
        functionHeader = words.length === 2 && !/["']/.test(text[start]) && words[0].literal
          && (words[0].text === 'function' || (words[0].text === 'for' && words[1].text.startsWith('((')));
      }
    }
    cur = ''; started = false; quoted = false; literal = true; variables = 0; variable = undefined; onlyVariable = true;
    arithmeticWord = false;
  };
  /** Ends the command at `i`, where the operator `op` is (`;` for a newline or the end of the text). */
  const endCommand = (i: number, op = ';', pipesError = false) => {
    endWord(i);
    const pipe = op === '|';
    if (words.length > 0) {
      const written = text.slice(start, end);
      // (both replacements need a line break)
      const line = written.includes('\n') ? written.replace(/\\\r?\n/g, ' ').replace(/\r?\n/g, ' ') : written;
      const unconditional = !nested && !coprocessed && open.length === 0 && before === ';' && op !== '|' && op !== '&';
      const sequential = before === ';' && op !== '|' && op !== '&';
      const scope = frames.map(({ id, kind, branch, condition, otherwise, continued, group, function: name, loop }) => {
        const plain = { id, kind, branch, condition, otherwise, continued, group };
        return { ...plain, ...name === undefined ? {} : { function: name }, ...loop === undefined ? {} : { loop: { ...loop } } };
      });
      const background = op === '&' || coprocessed;
      const command: SimpleCommand = {
        words, pipe, line, substitutions, unconditional, heredocs: own, scope, sequential, after: before, negated, afterSubshell, background,
      };
      commands.push(pipesError || errorPiped ? { ...command, ...pipesError ? { pipesError } : {}, ...errorPiped ? { errorPiped } : {} } : command);
      errorPiped = false;
    }
    if (op === '|') errorPiped = pipesError;
    // a compound command run in the background or a pipe: every command in it
    if ((op === '&' || op === '|') && closed !== undefined) {
      for (const c of commands) if (c.scope.some((s) => s.id === closed)) (c as { background: boolean }).background = true;
    }
    closed = undefined;
    afterSubshell = op === ')' && open[open.length - 1] === '(';
    own = [];
    // a subshell's parentheses are counted in `open`; after `&`, the next command runs whatever this one does
    if (words.length > 0 || op === '&&' || op === '||' || op === '|') before = op === '&' || op === '(' || op === ')' ? ';' : op;
    // (a function's definition, `f()`, `function f`, `function f()`: bash 5.2 parse.y function_def; `()` alone is no subshell)
    const header = op === '(' && /^[ \t]*\)/.test(text.slice(i + 1, i + 64));
    if (words.length > 0) {
      const named = words.length === 2 && words[0].literal && words[0].text === 'function' ? words[1] : header && words.length === 1 ? words[0] : undefined;
      defined = named?.literal === true && !/["'\\]/.test(named.text) ? named.text : undefined;
    }
    if (op === '(' && open[open.length - 1] !== 'case') {
      open.push('(');
      frame('(', '(', header);
    }
    if (op === ')' && open[open.length - 1] === '(') {
      open.pop();
      frames.pop();
    }
    words = [];
    substitutions = [];
    nested = false;
    negated = false;
    test = false;
    caseIn = false;
    functionHeader = false;
    coproc = false;
    coprocessed = false;
  };
  /** At a `$` (or a backquote): reads the expansion into the word and returns the index after it. */
  const expansion = (i: number): number => {
    const c = text[i];
    if (c === '`') {
      const e = closing(text, i);
      substitutions.push(text.slice(i + 1, e).replace(/\\([$`\\])/g, '$1'));
      cur += text.slice(i, e + 1);
      literal = false; onlyVariable = false;
      return e + 1;
    }
    const next = text[i + 1];
    if (next === '[') {
      // $[…], the old form of $((…)): arithmetic, to its closing bracket
      let e = i + 2;
      for (let depth = 1; e < text.length; e++) {
        if (text[e] === '$' && (text[e + 1] === '(' || text[e + 1] === '{')) e = closing(text, e + 1);
        else if (text[e] === '[') depth++;
        else if (text[e] === ']' && --depth === 0) break;
      }
      substitutions.push(...nestedSubstitutions(text.slice(i + 2, e), false));
      cur += text.slice(i, e + 1);
      literal = false; onlyVariable = false;
      return e + 1;
    }
    if (next === '(' || next === '{') {
      const e = closing(text, i + 1);
      const inner = text.slice(i + 2, e);
      cur += text.slice(i, e + 1);
      literal = false;
      const name = next === '{' ? /^[A-Za-z_][A-Za-z0-9_]*$/.exec(inner) : null;
      if (name) {
        variables++;
        variable = name[0];
      } else {
        onlyVariable = false;
      }
      // $((…)) is arithmetic, not a command, nor ${…}: the substitutions inside them run
      if (next === '(' && !inner.startsWith('(')) substitutions.push(inner);
      else substitutions.push(...nestedSubstitutions(inner, false));
      return e + 1;
    }
    NAME.lastIndex = i + 1;
    const name = NAME.exec(text);
    if (name) {
      literal = false;
      variables++;
      variable = name[0];
      cur += `$${name[0]}`;
      return i + 1 + name[0].length;
    }
    onlyVariable = false;
    // a special parameter ($1, $@, $?, $$ …)
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      literal = false;
      cur += `$${next}`;
      return i + 2;
    }
    // a `$` that starts no expansion is itself
    cur += '$';
    return i + 1;
  };
  /** After a newline: passes over the bodies of the heredocs the line opened, and returns where reading goes on. */
  const heredocBodies = (i: number): number => {
    let at = i;
    let body = '';
    const done = () => {
      const { quoted: asText, fd, owner } = heredocs.shift()!;
      owner.heredocs.push({ fd, body, expanded: !asText });
      if (!asText) owner.substitutions.push(...nestedSubstitutions(body, true));
      body = '';
    };
    while (heredocs.length > 0 && at < text.length) {
      const { end: delimiter, tabs } = heredocs[0];
      const nl = text.indexOf('\n', at);
      const lineEnd = nl < 0 ? text.length : nl;
      let line = text.slice(at, lineEnd);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (tabs) line = line.replace(/^\t+/, '');
      if (line === delimiter) done();
      else body += `${line}\n`;
      at = lineEnd + 1;
    }
    // a heredoc not closed runs to the end of the text
    while (heredocs.length > 0) done();
    return at;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (functionHeader && !started && !/\s/.test(c)) {
      // `function NAME`: its body, a compound command, follows
      endCommand(i);
    }
    if (caseIn && !started && !/[\s;#]/.test(c)) {
      // the case's header ends at `in`: its patterns follow
      endCommand(i);
    }
    if (!started && words.length === 0 && open[open.length - 1] === 'case' && !/[\s;#]/.test(c) && !/^esac(?![^\s;&|()<>])/.test(text.slice(i, i + 5))) {
      // a case's pattern (`a|b)`, `(*.sh)`): not a command; the commands of its item follow, to `;;`
      const pattern = patternEnd(text, i);
      const top = frames[frames.length - 1];
      if (top !== undefined) {
        top.branch++;
        top.condition = false;
        top.continued = top.fallsThrough === true;
        top.fallsThrough = false;
        // `*)`, `(*)`: the item that runs when no other pattern matches
        top.otherwise = /^\(?[ \t]*\*[ \t]*$/.test(text.slice(i, pattern));
      }
      i = pattern + 1;
      open[open.length - 1] = 'case item';
      continue;
    }
    if (c === '(' && text[i + 1] === '(' && started && !quoted && cur === 'for' && words.length === 0) endWord(i);
    // (`((` opens arithmetic only where the parenthesis after the first closes right before another, `))`: bash 5.2 parse.y
    // parse_arith_cmd; else it is a subshell in a subshell, `((eval "$X") )`, read as two `(`)
    if (!started && c === '(' && text[i + 1] === '(' && (words.length === 0 || (words.length === 1 && words[0].text === 'for' && words[0].literal))
      && text[closing(text, i + 1) + 1] === ')') {
      // an arithmetic command, `(( n > 0 ))`, or the arithmetic of `for ((i = 0; i < n; i++))`
      begin(i);
      const e = closing(text, i);
      cur += text.slice(i, e + 1);
      substitutions.push(...nestedSubstitutions(text.slice(i + 2, e - 1), false));
      literal = false; onlyVariable = false;
      arithmeticWord = words.length === 0;
      i = e + 1;
      continue;
    }
    if (test && (c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')')) {
      begin(i);
      cur += c; onlyVariable = false; i++;
      continue;
    }
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
      begin(i);
      cur += text[i + 1] ?? '';
      onlyVariable = false;
      i += 2;
      continue;
    }
    if (c === "'") {
      begin(i);
      quoted = true;
      const e = closing(text, i);
      cur += text.slice(i + 1, e);
      if (e > i + 1) onlyVariable = false;
      i = e + 1;
      continue;
    }
    if (c === '$' && text[i + 1] === "'") {
      begin(i);
      quoted = true;
      const { value, end: e } = ansiC(text, i + 1);
      cur += value;
      if (value !== '') onlyVariable = false;
      i = e + 1;
      continue;
    }
    if (c === '"' || (c === '$' && text[i + 1] === '"')) {
      begin(i);
      quoted = true;
      i += c === '$' ? 2 : 1;
      while (i < text.length && text[i] !== '"') {
        const d = text[i];
        if (d === '\\' && text[i + 1] === '\n') { i += 2; continue; }
        if (d === '\\' && i + 1 < text.length && '$`"\\'.includes(text[i + 1])) {
          cur += text[i + 1]; onlyVariable = false; i += 2;
          continue;
        }
        if (d === '$' || d === '`') {
          i = expansion(i);
          continue;
        }
        // a run of characters that are only themselves inside the quotes
        QUOTED_PLAIN.lastIndex = i;
        const run = QUOTED_PLAIN.exec(text);
        cur += run === null ? d : run[0]; onlyVariable = false;
        i += run === null ? 1 : run[0].length;
      }
      i++;
      continue;
    }
    if (c === '$' || c === '`') {
      begin(i);
      i = expansion(i);
      continue;
    }
    if (c === '#' && !started) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if ((c === '<' || c === '>') && text[i + 1] === '(') {
      // process substitution: a file the command reads or writes, fed by code
      begin(i);
      const e = closing(text, i + 1);
      substitutions.push(text.slice(i + 2, e));
      cur += text.slice(i, e + 1);
      literal = false; onlyVariable = false;
      i = e + 1;
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] === '<') {
      // a here-string: the word that follows is the command's input
      if (started && (quoted || !FD_WORD.test(cur))) endWord(i);
      begin(i);
      cur += '<<<'; onlyVariable = false; i += 3;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const h = heredocOperator(text, i);
      if (h !== undefined) {
        // `cat<<EOF`: the heredoc is a word of its own, a file descriptor (`0<<EOF`) part of it
        if (started && (quoted || !FD_WORD.test(cur))) endWord(i);
        const fd = !started ? 0 : cur.startsWith('{') ? namedDescriptor(cur.slice(1, -1)) : Number(cur);
        begin(i);
        heredocs.push({ end: h.delimiter, tabs: h.tabs, quoted: h.quoted, fd, owner: { heredocs: own, substitutions } });
        cur += `<<${h.tabs ? '-' : ''}${h.delimiter}`;
        onlyVariable = false;
        i = h.end;
        continue;
      }
    }
    if (c === '(' && started && !quoted && ARRAY_ASSIGNMENT.test(cur)) {
      // an array assignment (A=(a b), over lines too) is one word
      const e = closing(text, i);
      const value = text.slice(i, e + 1);
      cur += value;
      onlyVariable = false;
      if (/[$`]/.test(value)) literal = false;
      substitutions.push(...nestedSubstitutions(value.slice(1, -1), false));
      i = e + 1;
      continue;
    }
    if (c === '|' && started && text[i - 1] === '>' && /^(?:[0-9]*|\{[A-Za-z_][A-Za-z0-9_]*\})>$/.test(cur)) {
      // `>|`: bash's redirection that writes over a file even under `set -o noclobber`, part of the word
      cur += c; onlyVariable = false; i++;
      continue;
    }
    if (c === '|') {
      // `||` runs the next command when this one fails; `|` and `|&` pipe this one's output to it
      const or = text[i + 1] === '|';
      endCommand(i, or ? '||' : '|', !or && text[i + 1] === '&');
      i += or || text[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === '&') {
      if (text[i + 1] === '&') { endCommand(i, '&&'); i += 2; continue; }
      // `&>file`, `2>&1`, `<&3`: a redirection, part of the word
      if (text[i + 1] === '>' || (started && /[<>]$/.test(cur))) {
        if (started && !/[<>]$/.test(cur)) endWord(i);
        begin(i);
        cur += c; onlyVariable = false; i++;
        continue;
      }
      endCommand(i, '&');
      i++;
      continue;
    }
    if (c === '\n') {
      endCommand(i);
      i = heredocs.length > 0 ? heredocBodies(i + 1) : i + 1;
      continue;
    }
    if (c === ';' && open[open.length - 1] === 'case item' && (text[i + 1] === ';' || text[i + 1] === '&')) {
      // `;;`, `;&`, `;;&` end a case's item: its next pattern follows
      endCommand(i);
      open[open.length - 1] = 'case';
      const top = frames[frames.length - 1];
      // `;&` runs the next item's commands, `;;&` tests its pattern: it may start where this one ended
      if (top !== undefined) top.fallsThrough = text[i + 1] === '&' || text[i + 2] === '&';
      i += text[i + 1] === ';' && text[i + 2] === '&' ? 3 : 2;
      continue;
    }
    if (c === ';' || c === '(' || c === ')') { endCommand(i, c); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(i); i++; continue; }
    // a redirection ends the word before it (`make>log`), unless that is its descriptor (`2>&1`)
    if ((c === '<' || c === '>') && started && (quoted || !/^(?:[0-9]*|\{[A-Za-z_][A-Za-z0-9_]*\})[<>&]*$/.test(cur))) endWord(i);
    // a run of characters that are only themselves
    PLAIN.lastIndex = i;
    const run = PLAIN.exec(text);
    begin(i);
    cur += run === null ? c : run[0]; onlyVariable = false;
    i += run === null ? 1 : run[0].length;
  }
  endCommand(text.length);
  return commands;
}

/**
 * The word `text` is of a command: one of its words whose text it is, else the words from one of them on whose texts joined
 * with spaces it is (the code a runner joins from them, pnpm's shell mode), as one word expanding what those that expand do
 * (a literal word's text is what the program gets, no expansion); literal where it is none of them.
 */
function joinedWord(command: SimpleCommand, text: string): Word {
  const literal: Word = { text, literal: true };
  if (!text.includes(' ') || command.words.some((w) => w.text === text)) return literal;
  const words = command.words;
  for (let k = 0; k < words.length; k++) {
    if (!text.startsWith(words[k].text)) continue;
    let joined = words[k].text;
    let end = k;
    while (joined.length < text.length && end + 1 < words.length) joined += ` ${words[++end].text}`;
    if (joined !== text) continue;
    const expanding = words.slice(k, end + 1).filter((w) => !w.literal);
    return expanding.length === 0 ? literal : { text: expanding.map((w) => w.text).join(' '), literal: false };
  }
  return literal;
}

/**
 * The names of the variables a word's text expands (`$X`, `${X}`, `${X:-d}`, `${X%.*}`, inside a command substitution
 * too), when the word holds an expansion (`literal` false): `${#X}` (a length) and `${!X}` (indirection) are not. Quotes
 * are removed from a word's text, so in a word that mixes single quotes with an expansion (`'$A'"$B"`) each name written
 * counts.
 */
export function expandedVariables(word: { readonly text: string; readonly literal: boolean }): string[] {
  if (word.literal) return [];
  // (not V of `${V:+word}` or `${V+word}`, which give the word or nothing, never V's value)
  return [...new Set([...word.text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]|:?\+)|([A-Za-z_][A-Za-z0-9_]*))/g)].map((m) => m[1] ?? m[2]))];
}

/** A command of a script that runs the value of a variable as code (`variablesRunAsCode`). */
export interface CodeSink {
  /** The variable of those given whose value runs. */
  readonly origin: string;
  /** The variable the command expands: `origin`, or one the script assigns from it (`Y="$X"`). */
  readonly variable: string;
  /** The command as written. */
  readonly line: string;
  /** How the command runs the value: `eval`, the code of `sh -c` … */
  readonly how: string;
  /**
   * Whether it runs only a value that holds shell syntax (bash's arithmetic, a variable's name, `${X@P}`: an array subscript or
   * a command substitution in it), not any word (a program's name).
   */
  readonly syntax?: boolean;
  /**
   * Whether `variable` reaches the value only as a variable whose name the script does not fix may: an indirection `${!N}` whose
   * N it builds or reads (`N+=Z`, `read N`, `printf -v N`, `for N in ${!P*}`), or a nameref it gives such a target
   * (`local -n R=$1`); it may name any variable, this one included.
   */
  readonly indirect?: boolean;
  /** The code the interpreter runs, as written, its line breaks kept (`line` reads them as spaces): its words, where the value is an argument after it. */
  readonly code?: string;
}

/** pwsh (7, its preview build's name too) and Windows PowerShell (5.1), by name, any case. */
const PWSH = /^(pwsh|pwsh-preview|powershell)$/i;

/**
 * The letters ruby reads in one word before another of its group (ruby.c proc_options), with what each takes of the word: `-a`, `-c`, `-d`,
 * `-l`, `-n`, `-p`, `-s`, `-S`, `-v`, `-w`, `-y`, `-U`; `-0` and up to three octal digits; `-W` and a level digit; `-K` and a letter.
 */
const RUBY_FLAGS = '(?:[acdlnpsSvwyU]|0[0-7]{0,3}|W[0-9]?|K.)*';

/**
 * Programs other than POSIX shells whose option gives them their code: each option word's pattern (the code attached after it,
 * or the next argument), and the option words that take the next argument as their value (nothing attached), which is then
 * no operand: CPython 3's `-W`, `-X` and `--check-hash-based-pycs`; node's `-r`, `--require`, `--import`, `--loader`,
 * `-C` … ; perl's `-I`; ruby's `-I`, `-r`, `-C`, `-X`, `-E` and `--backtrace-limit`; php's `-c`, `-d` and `-z`; lua's `-l`; fish's `-d`, `-o`, `-p`
 * and `--features`; pwsh's parameters that take one.
 */
const CODE_OPTIONS: ReadonlyArray<{
  readonly program: RegExp;
  readonly option: RegExp;
  readonly values?: RegExp;
  readonly file?: RegExp;
  /** Options that take two values (elixir's `--boot-var VAR VALUE`). */
  readonly pairs?: RegExp;
  /** Options whose second value is the code (elixir's `--rpc-eval NODE CODE`). */
  readonly secondCode?: RegExp;
  /**
   * Single letters grouped after one `-` whose values follow the group in their order (racket's `-fe FILE EXPR`): the letters whose
   * value is code, and how many values each letter takes.
   */
  readonly letters?: { readonly code: string; readonly takes: Readonly<Record<string, number>> };
  /**
   * The option words after which (and after their value) it reads no option: its later arguments are the program's data (python's
   * `-c CODE`, guile's `-c EXPR`, sbcl's `--script FILE`), and a letter of `letters` that does so (racket's `-r FILE`).
   */
  readonly ends?: RegExp;
  readonly endLetters?: string;
  /** Code options after which every later argument is code too (pwsh's `-Command STRING ARG…`, which joins them into its command). */
  readonly rest?: RegExp;
}> = [
  // (CPython 3.11, run here: `-c CODE` ends its options, as `-` does, `python3 -c 'import sys; print(sys.argv)' -c X` printed
  // ['-c', '-c', 'X']; `python3 - -c X` gave X to the program read from its input)
  { program: PYTHON, option: /^-[bBdEhiIOPqsSuvR]*c/, values: /^(-[bBdEhiIOPqsSuvR]*[WX]|--check-hash-based-pycs)$/, ends: /^(-[bBdEhiIOPqsSuvR]*c|-$)/ },
  {
    program: /^(node|nodejs|bun)$/,
    option: /^(-[pe]+|--eval=?|--print=?)/,
    values: /^(-r|--require|--import|--loader|--experimental-loader|--input-type|-C|--conditions|--env-file|--title|--disable-warning|--redirect-warnings|--inspect-port|--debug-port)$/,
    // (node 18, run here: a later `-e` replaces the code, `node -e X -e Y` ran Y; `node - -e Y` gave the program read from its input `-e Y`)
    ends: /^-$/,
  },
  // (perl 5.36, ruby 3.1 and lua 5.4, run here: each `-e` is a line of the code, `perl -e X -e Y` ran both; `-` ends their options,
  // `perl - -e Y` gave the program read from its input `-e Y` as @ARGV, ruby's ARGV, lua's `...`)
  { program: /^perl[0-9.]*$/, option: /^-[0-9aclnpsStTuUwWX]*[eE]/, values: /^-[0-9aclnpsStTuUwWX]*I$/, ends: /^-$/ },
  // (ruby 3.1, run here: `-C`, `-X`, `-I`, `-r`, `-E`, `--disable`, `--enable`, `--dump`, `--encoding`, `--external-encoding`,
  // `--internal-encoding` and `--backtrace-limit` take the next word, `-` too: `ruby --disable - -e CODE` and `ruby -X /tmp -e CODE` ran CODE;
  // ruby 3.3's `--parser` and `--crash-report` too (ruby.c proc_long_options); `-x`, `-0`, `-F`, `-W`, `-K` and `-i` take only what follows
  // in their word, `ruby -x /tmp -e CODE` read /tmp as the file; a group's letters before e or a valued one are flags with their attached
  // values, `-Se`, `-Ue`, `-W2e`, `-0777e`, `-Kue` ran CODE and `-SX /tmp -e CODE` too: RUBY_FLAGS)
  {
    program: RUBY,
    option: new RegExp(`^-${RUBY_FLAGS}e`),
    values: new RegExp(`^(-${RUBY_FLAGS}[IrCEX]|--(disable|enable|dump|encoding|external-encoding|internal-encoding|backtrace-limit|parser|crash-report))$`),
    ends: /^-$/,
  },
  { program: /^php[0-9.]*$/, option: /^-r/, values: /^-[cdz]$/ },
  { program: /^(lua|luajit)[0-9.]*$/, option: /^-e/, values: /^-l$/, ends: /^-$/ },
  // (R 4.2, run here: `--args` ends its options, `Rscript -e 'print(commandArgs(TRUE))' --args -e Y` printed its words, ran no Y)
  { program: /^(r|rscript)$/i, option: /^-e/, ends: /^--args$/ },
  // tclsh and wish have no code option: their first operand is the file, the arguments after it `$argv` (tclsh 8.6, `-encoding NAME` before it)
  { program: TCL, option: /^(?!)/, values: /^-encoding$/ },
  // expect's getopt `+b:c:dD:f:inN-v` (exp_main_sub.c): `-c CMDS` runs code; `-f FILE` (`-b FILE`) names the file, after which its
  // options go on up to the first operand, the first of `$argv` (expect 5.45: `expect -f p.exp "$X"` runs X='-cexec touch F')
  { program: /^expect$/, option: /^-[dinNv]*c/, values: /^-[dinNv]*[bDf]$/, file: /^-[dinNv]*[bf]$/ },
  // groovy 2.4 (commons-cli, run here: `groovy a.groovy -e CODE` gives the script `-e CODE` as its args), julia 1.x (getopt_long
  // `+vhqH:e:E:L:J:C:it:p:O:g:m:`, which stops at the program file, jloptions.c; `julia script.jl ARG…` gives ARGS, its manual),
  // elixir 1.14 (`elixir [options] [.exs file] [data]`: options after the file are the script's, run here; its options as bin/elixir's
  // loop copies them, two words for -e, -r, -pr, -pa, -pz, --app, --eval, --remsh, --dot-iex, --dbg (--no-pry in 1.14), three for
  // --rpc-eval NODE CODE, the two values of --boot-var and --pipe-to: `elixir --boot-var K V a.exs -e CODE` gives a.exs
  // ["-e", CODE], run here) and escript (Erlang 25, run here:
  // `escript a.erl -eval E` gives main/1 both), whose options take no value; their code options run code, and with one the whole
  // line is read as before
  {
    program: /^groovy$/,
    option: /^(-e|--configscript)/,
    values: /^(-[abcDil]|--(autosplit|basescript|encoding|define|disableopt)|-classpath|-cp|--classpath)$/,
  },
  {
    program: /^julia$/,
    option: /^(-[vhqi]*[eE]|--(eval|print|bug-report)(=|$))/,
    values: new RegExp('^(-[vhqi]*[HJCtpOgLm]|--(banner|home|module|load|sysimage|sysimage-native-code|compiled-modules|pkgimages|cpu-target|procs|threads|gcthreads'
      + '|machine-file|color|history-file|startup-file|compile|check-bounds|output-[a-z-]+|depwarn|warn-overwrite|warn-scope|inline|polly|timeout-for-safepoint-straggler'
      + '|trace-compile|trace-dispatch|task-metrics|math-mode|handle-signals|bind-to|permalloc-pkgimg|heap-size-hint))$'),
  },
  {
    // (iex is elixir's CLI in its +iex mode: bin/iex 1.14 runs `elixir --no-halt --erl "-noshell -user Elixir.IEx.CLI" +iex "$@"`,
    // run here: `iex -e 'IO.puts(System.get_env("FOO")); System.halt()'` printed FOO's value)
    program: /^(elixir|iex)$/,
    // (--erl's switches are erl's, whose -eval runs code; -S runs a script from PATH, mix most often, whose arguments may be code,
    // `elixir -S mix run -e CODE`: read as a code option, the whole line code, and mix's task's code apart, mixCode)
    option: /^(-e|--eval|--erl|-S)$/,
    values: /^(-r|-pr|-pa|-pz|--(app|logger-otp-reports|logger-sasl-reports|cookie|name|sname|boot|erl-config|vm-args|remsh|dot-iex|dbg|no-pry))$/,
    pairs: /^--(boot-var|pipe-to)$/,
    secondCode: /^--rpc-eval$/,
  },
  { program: /^escript$/, option: /^(?!)/ },
  // guile 3.0 (--help; run here: `guile -c '(display (getenv "FOO"))'` and `guile -e '(display "e-ran")' -c 1`, which printed e-ran
  // before applying its value, run code; `-c` takes no attached value), whose -L, -C, -x and -l take one (-l FILE loads FILE); `-c EXPR`
  // and `-s FILE` end its options (its --help; run here: `guile -c '(display (command-line))' -c Y` printed `(guile -c Y)`, ran no Y)
  { program: /^guile$/, option: /^-[ce]$/, values: /^-[LCxls]$/, ends: /^-[cs]$/ },
  // racket 8.7 (--help, run here: `racket -e '(display (getenv "FOO"))'`, `racket -fe f.rkt '(display "FE")'` printed FE: grouped
  // letters take their values after the group, in order; -k three, -Y four; nothing attached), --eval as -e; `-r FILE` (`--script`) and
  // `-u FILE` (`--require-script`) end its options, "Same as -f <file> -N <file> --" (run here: `racket -r f.rkt -e E` and `racket -u f.rkt
  // -e E` ran the file alone, `racket -re f.rkt E` evaluated `--`, not E)
  {
    program: /^racket$/,
    option: /^--eval$/,
    values: /^--(load|require|lib|script|require-script|name|exec|collects|search|config|addon|compiled|warn|stdout|syslog|compile-machine)$/,
    pairs: /^--cross-compiler$/,
    letters: { code: 'e', takes: { e: 1, f: 1, t: 1, l: 1, p: 1, r: 1, u: 1, N: 1, E: 1, I: 1, X: 1, S: 1, G: 1, A: 1, R: 1, W: 1, O: 1, L: 1, Z: 1, k: 3, Y: 4 } },
    ends: /^--(script|require-script)$/,
    endLetters: 'ru',
  },
  // sbcl 2.2.9 (--help; run here: `sbcl --non-interactive --eval '(princ (sb-ext:posix-getenv "FOO"))'`; `--eval=FORM` runs nothing),
  // its runtime options and toplevel options that take a value
  // `--script FILE` (its next word, whatever it is) and `--end-toplevel-options` end its options (run here: `sbcl --script f.lisp --eval E`
  // ran the file alone, `sbcl --script --eval E` read `--eval` as the file)
  { program: /^sbcl$/, option: /^--eval$/, values: /^--(core|dynamic-space-size|control-stack-size|tls-limit|sysinit|userinit|load|script)$/, ends: /^--(script|end-toplevel-options)$/ },
  // GNU CLISP 2.49.93 (--help; run here: `clisp -q -x '(princ (ext:getenv "FOO"))'`; `-x(…)` is refused; its lispfile ends its
  // options, `clisp f.lisp -x E` runs no E), whose -B, -K, -M, -m, -L, -N, -Edomain, -p, -lp, -i, -o and -on-error take a value
  { program: /^clisp$/, option: /^-x$/, values: /^-([BKMmLNpio]|E[a-z]*|lp|on-error)$/ },
  // osascript (macOS's osascript(1): `osascript [-l language] [-s flags] [-e statement | programfile] [argument ...]`, each -e
  // one line of the script)
  { program: /^osascript$/, option: /^-e$/, values: /^-[ls]$/ },
  { program: /^fish$/, option: /^(-[A-Za-z]*[cC]|--command=?|--init-command=?)/, values: /^(-[A-Za-z]*[dop]|--features|--debug|--debug-output|--profile|--profile-startup)$/ },
  { program: /^(csh|tcsh|zsh)$/, option: /^-[A-Za-z]*c/ },
  // (pwsh's about_Pwsh: "If the value of Command is a string, Command must be the last parameter for pwsh, because all arguments following
  // it are interpreted as part of the command to execute"; `-CommandWithArgs`, `-cwa` (7.4), runs its first string, the others `$args`;
  // its parameters as PowerShell reads them, any prefix, `--` or `/`: pwshCode, which codeArguments reads them with)
  {
    program: PWSH,
    option: /^-(c|command|encodedcommand|ec|cwa|commandwithargs)$/i,
    rest: /^-(c|command)$/i,
    values: /^-(ex|executionpolicy|wd|workingdirectory|of|outputformat|if|inputformat|settingsfile|configurationname|config|custompipename|wsd|windowstyle)$/i,
  },
];

/**
 * The index in `argv` of each code argument of the program of `run` that is not a POSIX shell: `python -c CODE`,
 * `node -e CODE`, `perl -ne CODE`, `ruby -e CODE`, `php -r CODE` … (CODE_OPTIONS), up to the first operand (the script
 * file, whose arguments are its data), past the value of an option that takes one (`python3 -W ignore -c CODE`); the code
 * attached to its option (`-cCODE`, `--eval=CODE`) is its own word.
 */
export function codeArguments(argv: readonly string[], run: Invocation): Array<{ index: number; option: string }> {
  const name = basename(run.program ?? '');
  if (name === 'mix') return mixCode(argv, run.programIndex + 1, '').filter(({ index }) => index < argv.length);
  if (PWSH.test(name)) return pwshCode(argv, run.programIndex + 1, name);
  const entry = CODE_OPTIONS.find((e) => e.program.test(name));
  if (entry === undefined) return [];
  const out: Array<{ index: number; option: string }> = [];
  for (let i = run.programIndex + 1; i < argv.length && argv[i].startsWith('-') && argv[i] !== '--'; i++) {
    // (elixir's -S mix: the script, and the code of the mix task after it)
    if (argv[i] === '-S' && /^(elixir|iex)$/.test(name) && argv[i + 1] === 'mix') {
      out.push({ index: i + 1, option: '-S' }, ...mixCode(argv, i + 2, '-S mix '));
      break;
    }
    if (entry.pairs?.test(argv[i]) === true || entry.secondCode?.test(argv[i]) === true) {
      if (entry.secondCode?.test(argv[i]) === true) out.push({ index: i + 2, option: argv[i] });
      i += 2;
      continue;
    }
    const m = entry.option.exec(argv[i]);
    if (m === null && entry.letters !== undefined && /^-[A-Za-z]+$/.test(argv[i])) {
      // (the values of its grouped letters follow the group, in order)
      let next = i + 1;
      let ended = false;
      for (const letter of argv[i].slice(1)) {
        if (entry.letters.code.includes(letter)) out.push({ index: next, option: `-${letter}` });
        next += entry.letters.takes[letter] ?? 0;
        // (the letters after one that ends its options take no code)
        if (entry.endLetters?.includes(letter) === true) {
          ended = true;
          break;
        }
      }
      if (ended) break;
      i = next - 1;
      continue;
    }
    const ends = entry.ends?.test(argv[i]) === true;
    if (m === null) {
      if (entry.values?.test(argv[i])) i++;
    } else if (m[0].length < argv[i].length) {
      out.push({ index: i, option: m[0] });
    } else {
      out.push({ index: ++i, option: m[0] });
      // (every later argument, joined to it)
      if (entry.rest?.test(m[0]) === true) for (let k = i + 1; k < argv.length; k++) out.push({ index: k, option: m[0] });
    }
    if (ends || (m !== null && entry.rest?.test(m[0]) === true)) break;
  }
  return out.filter(({ index }) => index < argv.length);
}

/**
 * The code of the mix task at `argv[task]` (elixir 1.14's mix, run here: `mix run --no-mix-exs -e CODE`, `--eval=CODE`, and `mix eval
 * --no-mix-exs CODE` run CODE; `mix run f.exs -e CODE` runs the file alone, its options ending at its first operand): `run`'s `-e` and
 * `--eval` (past the values of `-r`, `--require`, `-c` and `--config`), `eval`'s first operand; `prefix` before the option named.
 */
function mixCode(argv: readonly string[], task: number, prefix: string): Array<{ index: number; option: string }> {
  const out: Array<{ index: number; option: string }> = [];
  if (argv[task] === 'run') {
    for (let i = task + 1; i < argv.length && argv[i].startsWith('-') && argv[i] !== '--'; i++) {
      if (argv[i] === '-e' || argv[i] === '--eval') out.push({ index: ++i, option: `${prefix}run ${argv[i - 1]}` });
      else if (argv[i].startsWith('--eval=')) out.push({ index: i, option: `${prefix}run --eval` });
      else if (/^(-r|--require|-c|--config)$/.test(argv[i])) i++;
    }
  } else if (argv[task] === 'eval') {
    const code = argv.findIndex((w, k) => k > task && !w.startsWith('-'));
    if (code > 0) out.push({ index: code, option: `${prefix}eval` });
  }
  return out;
}

/** vim's names (Vi IMproved and Neovim, restricted and read-only ones included: their Ex commands still run Vim script). */
const VIM = /^(vim|nvim|vi|ex|view|vimdiff|gvim|gview|gvimdiff|rvim|rview|rgvim|rgview|evim|eview)$/;

/** A prefix, at least `min` characters long, of `name`, as a regex source. */
const prefixes = (name: string, min: number): string => name.slice(0, min) + name.slice(min).split('').reduceRight((rest, c) => `(?:${c.replace('-', '\\-')}${rest})?`, '');

/**
 * A parameter of pwsh as PowerShell's CommandLineParameterParser reads one (GetSwitchKey, MatchSwitch): a word that starts with a
 * dash (`-`, `–`, `—`, `―`) or `/`, one more dash allowed, then any case of any prefix of the parameter's name down to its shortest
 * (`-c`, `-comm`, `--Command`, `/c`, `-commandwıthargs`), as the admission policies read them (admission-policies.ts pwshParameter).
 */
const pwshParameter = (names: ReadonlyArray<readonly [string, number]>): RegExp =>
  new RegExp(`^[-/\u2013\u2014\u2015][-\u2013\u2014\u2015]?(?:${names.map(([n, min]) => prefixes(n, min)).join('|').replace(/[is]/g, (c) => `[${c}${PWSH_FOLDED[c]}]`)})$`, 'i');
/** The letters PowerShell's OrdinalIgnoreCase compare (MatchSwitch) takes for `i` and `s` too: `ı` and `ſ`, whose upper case they are. */
const PWSH_FOLDED: Record<string, string> = { i: '\u0131', s: '\u017f' };
const PWSH_COMMAND = pwshParameter([['command', 1]]);
const PWSH_ENCODED = pwshParameter([['encodedcommand', 1], ['ec', 2]]);
const PWSH_WITH_ARGS = pwshParameter([['commandwithargs', 15], ['cwa', 3]]);
const PWSH_FILE = pwshParameter([['file', 1]]);
/** pwsh's other parameters that take the next argument as their value (`-ExecutionPolicy`, `-WorkingDirectory` …). */
const PWSH_VALUED = pwshParameter([['configurationname', 6], ['custompipename', 3], ['windowstyle', 1], ['outputformat', 1], ['of', 2],
  ['inputformat', 3], ['if', 2], ['executionpolicy', 2], ['ep', 2], ['encodedarguments', 8], ['ea', 2], ['settingsfile', 8],
  ['workingdirectory', 2], ['wd', 2], ['configurationfile', 17], ['token', 2], ['utctimestamp', 3]]);

/**
 * The parameters Windows PowerShell's powershell.exe reads itself before its host reads the others (MainEntry.cpp's
 * ParseCommandLineArguments, removed from PowerShell/PowerShell by b42c0017): `-Version V`, then `-RuntimeVersion V`, then `-PSConsoleFile F`,
 * each in that order at the start of its arguments alone, with its value, which its host never sees (IsParameterMatched: one dash, `-`,
 * `–`, `—` or `―`, then any case of any prefix of the name, not trimmed; `-v 2.0`, `-PSConsoleFile c.psc1`).
 */
const WINDOWS_POWERSHELL_FIRST = ['version', 'runtimeversion', 'psconsolefile'].map((n) => new RegExp(`^[-\u2013\u2014\u2015]${prefixes(n, 1)}$`, 'i'));

/**
 * The parameters Windows PowerShell 5.1's host reads, in the order it tries them (its CommandLineParameterParser as PowerShell/PowerShell
 * imported it from Windows PowerShell's sources, 60b3b304, ParseHelper and MatchSwitch, built for .NET Framework without DEBUG): after one
 * dash (`-`, `–`, `—`, `―`) or `/` alone, any prefix of the name down to its shortest, in ASCII's cases only (ToLowerInvariant, an ordinal
 * compare: `-ſta` and `--File` are none), each a switch, a parameter that takes the next argument as its value, `-Command`, whose later
 * arguments are its command, `-EncodedCommand`, whose value is, or `-File`.
 */
const WINDOWS_POWERSHELL_PARAMETERS: ReadonlyArray<readonly [RegExp, 'switch' | 'valued' | 'command' | 'encoded' | 'file']> = ([
  ['help', 1, 'switch'], ['?', 1, 'switch'], ['noexit', 3, 'switch'], ['importsystemmodules', 3, 'switch'], ['showinitialprompt', 4, 'switch'],
  ['noprofile', 3, 'switch'], ['nologo', 3, 'switch'], ['noninteractive', 4, 'switch'], ['socketservermode', 2, 'switch'], ['servermode', 1, 'switch'],
  ['namedpipeservermode', 3, 'switch'], ['configurationname', 6, 'valued'], ['command', 1, 'command'], ['windowstyle', 1, 'valued'],
  ['file', 1, 'file'], ['outputformat', 1, 'valued'], ['of', 1, 'valued'], ['inputformat', 1, 'valued'], ['if', 1, 'valued'],
  ['executionpolicy', 2, 'valued'], ['ep', 2, 'valued'], ['encodedcommand', 1, 'encoded'], ['ec', 1, 'encoded'], ['encodedarguments', 8, 'valued'],
  ['ea', 2, 'valued'], ['sta', 1, 'switch'], ['mta', 3, 'switch'],
] as const).map(([n, min, kind]) => [new RegExp(`^[-/\u2013\u2014\u2015]${n === '?' ? '\\?' : prefixes(n, min)}$`, 'i'), kind] as const);

/**
 * The code arguments of Windows PowerShell 5.1 given `argv` from `start`, past the parameters powershell.exe reads first
 * (WINDOWS_POWERSHELL_FIRST): its host's parameters read as WINDOWS_POWERSHELL_PARAMETERS, each word trimmed of .NET Framework's white space
 * (not U+FEFF) and skipped where nothing is left; every argument after `-Command`, the value of `-EncodedCommand`; up to `-File`, or the
 * first word that is no parameter it knows, an operand (`powershell Write-Output X`, about_PowerShell_exe) or not (`-Foo`, `--File`), where
 * its command starts, as if after -Command ("The first parameter we fail to recognize marks the beginning of the command string").
 */
function windowsPowerShellCode(argv: readonly string[], start: number): Array<{ index: number; option: string }> {
  const out: Array<{ index: number; option: string }> = [];
  for (let i = start; i < argv.length; i++) {
    const w = argv[i].replace(/^[\t-\r\x85\p{Z}]+|[\t-\r\x85\p{Z}]+$/gu, '');
    if (w === '') continue;
    const kind = WINDOWS_POWERSHELL_PARAMETERS.find(([parameter]) => parameter.test(w))?.[1];
    if (kind === undefined) {
      const option = /^[-/\u2013\u2014\u2015][^/\\.]*$/.test(w)
        ? '-Command (where Windows PowerShell starts it, at the first parameter it does not know)'
        : '-Command (Windows PowerShell\'s default for its first operand)';
      for (let k = i; k < argv.length; k++) out.push({ index: k, option });
      break;
    }
    if (kind === 'command') {
      for (let k = i + 1; k < argv.length; k++) out.push({ index: k, option: w });
      break;
    }
    if (kind === 'file') break;
    if (kind === 'encoded') out.push({ index: ++i, option: w });
    else if (kind === 'valued') i++;
  }
  return out.filter(({ index }) => index < argv.length);
}

/**
 * The code arguments of pwsh or Windows PowerShell `name` given `argv` from `from` (codeArguments), pwsh's parameters read as pwshParameter
 * reads them: every argument after `-Command` (joined into its command, about_Pwsh), the value of `-EncodedCommand` (base64 of its
 * command) and the first after `-CommandWithArgs` (the others are its `$args`); up to `-File` or the first operand, which pwsh 7 reads as
 * the file (its arguments data). A word that starts as a parameter (once trimmed, as GetSwitchKey trims it) and is none it takes a value
 * for is read as a switch (`-NoProfile`), which takes none (stricter: pwsh reads one it does not know as its file). Windows PowerShell's
 * as windowsPowerShellCode reads them.
 */
function pwshCode(argv: readonly string[], from: number, name: string): Array<{ index: number; option: string }> {
  const out: Array<{ index: number; option: string }> = [];
  // (Windows PowerShell's -Version, -RuntimeVersion and -PSConsoleFile first, with their values: WINDOWS_POWERSHELL_FIRST)
  let start = from;
  if (/^powershell$/i.test(name)) {
    for (const parameter of WINDOWS_POWERSHELL_FIRST) if (parameter.test(argv[start] ?? '') && start + 1 < argv.length) start += 2;
    return windowsPowerShellCode(argv, start);
  }
  for (let i = start; i < argv.length; i++) {
    // (trimmed first, as GetSwitchKey does: `" -c"` is -Command; .NET's Trim takes U+0085 too, JavaScript's trim U+FEFF too)
    const w = argv[i].replace(/^[\s\x85]+|[\s\x85]+$/g, '');
    // (a word of no parameter's characters after its dash or `/` is no parameter PowerShell knows: its file, `/scripts/build.ps1`)
    if (!/^[-/\u2013\u2014\u2015][^/\\.]*$/.test(w)) break;
    if (PWSH_COMMAND.test(w)) {
      for (let k = i + 1; k < argv.length; k++) out.push({ index: k, option: w });
      break;
    }
    if (PWSH_WITH_ARGS.test(w)) {
      out.push({ index: i + 1, option: w });
      break;
    }
    if (PWSH_FILE.test(w)) break;
    if (PWSH_ENCODED.test(w)) out.push({ index: ++i, option: w });
    else if (PWSH_VALUED.test(w)) i++;
  }
  return out.filter(({ index }) => index < argv.length);
}

/** gdb 13's options whose value it runs as a command of its own (getopt_long_only: one dash or two, any unambiguous prefix, `=` attaching it). */
const GDB_COMMAND = new RegExp(`^--?(ex|iex|${prefixes('eval-command', 2)}|${prefixes('init-eval-command', 6)})(=|$)`);

/** What the commands of gdb and vim may run. */
const EDITOR_RUNS = {
  gdb: 'as typed at its prompt, where shell, !, pipe and python run programs',
  vim: 'as an Ex command line, where :! runs a shell and system() a program',
} as const;

/**
 * The commands of gdb and vim in their arguments `after`: an `index` with its `option` where the argument is one (gdb's `-ex CMD`,
 * `-iex CMD`, `--eval-command=CMD` and its prefixes down to `-ev`, `-init-e`, which gdb 13 runs as commands typed at its prompt,
 * `shell` and `!` running a shell; vim's `-c CMD`, `-cCMD`, `+CMD` and `--cmd CMD`, which vim 9.0 runs as Ex commands, `:!`
 * running a shell), or without one where the argument is another before the end of their options, which a value that starts
 * it may turn into one. Both read options after their operands; gdb's end at `--` or `--args` (the program and its arguments
 * follow), vim's at `--`; the value of another option that takes one is skipped (vim's `-u`, `-T` …; gdb's `-x`, `-p` …, whose
 * values name files and processes, checked elsewhere or not code).
 */
export function editorCommands(name: string, after: readonly string[]): Array<{ index: number; option?: string }> {
  const out: Array<{ index: number; option?: string }> = [];
  if (name === 'gdb') {
    for (let i = 0; i < after.length && after[i] !== '--' && after[i] !== '--args'; i++) {
      const m = GDB_COMMAND.exec(after[i]);
      if (m === null) {
        if (/^--?(x|ix|command|init-command|cd|directory|d|p|pid|c|core|s|se|symbols|e|exec|data-directory|D|b|l|tty|interpreter|i)$/.test(after[i])) i++;
        else out.push({ index: i });
      } else if (m[2] === '=') {
        out.push({ index: i, option: after[i].slice(0, m[0].length - 1) });
      } else if (i + 1 < after.length) {
        out.push({ index: ++i, option: after[i - 1] });
      }
    }
  } else if (VIM.test(name)) {
    // (`-s` takes a script file, but in Ex mode, which `ex` and an earlier `-e` or `-E` start, where it is silent mode)
    let exMode = /^r?ex/.test(name);
    for (let i = 0; i < after.length && after[i] !== '--'; i++) {
      const w = after[i];
      exMode ||= /^-[A-Za-z]*[eE]/.test(w);
      if (w === '-c' || w === '--cmd') {
        if (i + 1 < after.length) out.push({ index: ++i, option: w });
      } else if (w.startsWith('-c') && w.length > 2 && !w.startsWith('--')) {
        out.push({ index: i, option: '-c' });
      } else if (w.startsWith('+') && w.length > 1) {
        out.push({ index: i, option: '+' });
      } else if (/^-[TuUiwWtq]$|^--(servername|startuptime|log)$/.test(w) || (w === '-s' && !exMode)) {
        i++;
      } else {
        out.push({ index: i });
      }
    }
  }
  return out;
}

/** awk's names (its program text runs commands: `system()`, `print | "cmd"`, `"cmd" | getline`). */
const AWK = /^(awk|gawk|mawk|nawk)$/;

/**
 * Options of awk (gawk's getopt `F:f:v:W;bcCd::D::e:E:ghi:l:L::nNo::Op::MPrSstVYZ:` and its long options) and of sed (GNU
 * sed's `nrsuEzi::l:e:f:`): those that take a value, those whose value is optional (attached only), the code options
 * (their value is program text) and the file options (their value names the program's file).
 */
const PROGRAM_OPTIONS: Readonly<Record<'awk' | 'sed', { value: string; optional: string; code: string; file: string; long: Record<string, 'code' | 'file' | 'value' | 'none'> }>> = {
  awk: {
    value: 'FfvWeEilZ',
    optional: 'dDLop',
    code: 'e',
    file: 'fE',
    long: { 'source': 'code', 'file': 'file', 'exec': 'file', 'assign': 'value', 'field-separator': 'value', 'include': 'value', 'load': 'value' },
  },
  sed: { value: 'efl', optional: 'i', code: 'e', file: 'f', long: { 'expression': 'code', 'file': 'file', 'line-length': 'value', 'sandbox': 'none' } },
};

/**
 * The index in `argv` of each argument that awk (its program text) or sed (its script: GNU sed's `e` command and `s///e`
 * flag run commands, but not with `--sandbox`) at `run` reads as its program: each code option's value (awk's `-e` and
 * `--source`, sed's `-e` and `--expression`; the value attached to its option is its own word), else, unless a file option
 * names the program's file (`-f`, awk's `-E` and `--exec`), the first operand.
 */
function programArguments(argv: readonly string[], run: Invocation): Array<{ index: number; option: string }> {
  const name = basename(run.program ?? '');
  const grammar = AWK.test(name) ? PROGRAM_OPTIONS.awk : name === 'sed' ? PROGRAM_OPTIONS.sed : undefined;
  if (grammar === undefined) return [];
  const out: Array<{ index: number; option: string }> = [];
  let file = false;
  let i = run.programIndex + 1;
  for (; i < argv.length && /^-./.test(argv[i]); i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    const long = /^--([^=]+)(=?)/.exec(a);
    if (long !== null) {
      if (name === 'sed' && long[1] === 'sandbox') return [];
      const kind = ownKey(grammar.long, long[1]) ? grammar.long[long[1]] : 'none';
      if (kind === 'code') out.push({ index: long[2] === '=' ? i : i + 1, option: `--${long[1]}` });
      file ||= kind === 'file';
      if (kind !== 'none' && long[2] !== '=') i++;
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (grammar.optional.includes(c)) break;
      if (!grammar.value.includes(c)) continue;
      const attached = k + 1 < a.length;
      if (grammar.code.includes(c)) out.push({ index: attached ? i : i + 1, option: a.slice(0, k + 1) });
      file ||= grammar.file.includes(c);
      if (!attached) i++;
      break;
    }
  }
  if (out.length === 0 && !file && i < argv.length) out.push({ index: i, option: '' });
  return out.filter(({ index }) => index < argv.length);
}

/** The program texts awk given `args` (its words past its name) runs: its `-e`/`--source` values, else its first operand unless `-f` names a file. */
export function awkProgramTexts(args: readonly string[]): string[] {
  const argv = ['awk', ...args];
  return programArguments(argv, { program: 'awk', programIndex: 0, interpreter: false, assignments: [] } as unknown as Invocation).map(({ index, option }) => {
    const word = argv[index];
    if (option === '' || !word.startsWith(option) || word === option) return word;
    return option.startsWith('--') ? word.slice(word.indexOf('=') + 1) : word.slice(option.length);
  });
}

/**
 * The indexes in `argv` of the operands awk or sed at `run` reads as data, never as its program, an option or a file of
 * its program: its input files (and awk's `var=value` assignments, whose value is a string). A code option `-e`/`--expression`,
 * awk's `--source`, gives the program, a file option `-f`/`--file`, awk's `-E`/`--exec`, names its file, else the first operand
 * is the program; only such an option before the first operand counts: awk stops reading options there (gawk 5.2's, mawk 1.3.4's
 * and busybox 1.35's awk run `awk '/src/…' -f prog.awk in.txt`'s first operand as the program, `-f` an input file), and so does
 * GNU sed where `POSIXLY_CORRECT` is in its environment (glibc getopt), which the image's env or `envFrom` may set unseen;
 * sed's options after an operand are still read (GNU getopt permutes them). None after a word `starts` says
 * a caller's value may begin (it may be an option, `--expression=…`, or one taking the next word as its value: `-f`), nor
 * with sed's `--sandbox` unread (the program is data then anyway); empty for any other program.
 */
export function programDataOperands(argv: readonly string[], run: Invocation, starts: (text: string) => boolean): Set<number> {
  const name = basename(run.program ?? '');
  const grammar = AWK.test(name) ? PROGRAM_OPTIONS.awk : name === 'sed' ? PROGRAM_OPTIONS.sed : undefined;
  const out = new Set<number>();
  if (grammar === undefined) return out;
  const operands: number[] = [];
  let program = false;
  let dashes = false;
  const awk = grammar === PROGRAM_OPTIONS.awk;
  for (let i = run.programIndex + 1; i < argv.length; i++) {
    const a = argv[i];
    if (!dashes && starts(a)) break;
    // awk reads no option after its first operand
    if (dashes || !/^-./.test(a) || (awk && operands.length > 0)) {
      operands.push(i);
      continue;
    }
    // an option after the first operand gives no program there where getopt stops at that operand
    const before = operands.length === 0;
    if (a === '--') {
      dashes = true;
      continue;
    }
    const long = /^--([^=]+)(=?)/.exec(a);
    if (long !== null) {
      const kind = ownKey(grammar.long, long[1]) ? grammar.long[long[1]] : undefined;
      // an option the grammar does not know (or a prefix of one) may take the next word: nothing after it is known
      if (kind === undefined) break;
      program ||= before && (kind === 'code' || kind === 'file');
      if (kind !== 'none' && long[2] !== '=') {
        if (i + 1 < argv.length && starts(argv[i + 1])) break;
        i++;
      }
      continue;
    }
    let known = true;
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (grammar.optional.includes(c)) break;
      if (!grammar.value.includes(c)) continue;
      program ||= before && (grammar.code.includes(c) || grammar.file.includes(c));
      if (k + 1 === a.length) {
        if (i + 1 < argv.length && starts(argv[i + 1])) known = false;
        i++;
      }
      break;
    }
    if (!known) break;
  }
  for (const i of program ? operands : operands.slice(1)) out.add(i);
  return out;
}

/**
 * elixir's modes among its options (Kernel.CLI, elixir 1.14: `+iex` reads them as before, `+elixirc` compiles every operand), by
 * `NAME WORD`.
 */
const ELIXIR_MODE = /^elixir \+(?:iex|elixirc)$/;

/** The interpreters of CODE_OPTIONS whose options end at their first operand, the program's file (not the shells, nor pwsh). */
const FILE_INTERPRETERS: readonly RegExp[] = [PYTHON, RUBY, TCL, /^((perl|php|lua|luajit)[0-9.]*|node|nodejs|bun|r|rscript|expect|groovy|julia|elixir|escript)$/i];

/**
 * The indexes in `argv` of the arguments that an interpreter at `run` given its program as a file (`python3 build.py ARG…`,
 * `node main.js ARG…`, `perl x.pl ARG…`: no code option such as `-c` or `-e`) passes to that program as its arguments
 * (`sys.argv`, `process.argv`, `@ARGV`): data to the interpreter, which reads no option after its first operand. The first
 * operand, past the options and the values of those that take one (`python3 -W ignore x.py`) or `--`, is the file (which
 * names the code: not data); none where a word up to it `starts` says a caller's value may begin (it may be an option, `-c`,
 * or move the operands); empty for any other program.
 */
export function scriptFileArguments(argv: readonly string[], run: Invocation, starts: (text: string) => boolean): Set<number> {
  const out = new Set<number>();
  const name = basename(run.program ?? '');
  const entry = CODE_OPTIONS.find((e) => e.program.test(name));
  if (entry === undefined || !FILE_INTERPRETERS.some((re) => re.test(name)) || codeArguments(argv, run).length > 0) return out;
  // (bun's `run` sub-command runs the file after it, as bun given the file does: `bun run build.ts ARG…`, bun 1.2 cli.zig)
  let i = run.programIndex + 1;
  if (name === 'bun') {
    // (its options before `run` too: `bun --bun run build.ts ARG…`)
    const sub = bunSubcommandIndex(argv, run.programIndex);
    if (argv[sub] === 'run') {
      if (argv.slice(i, sub).some(starts)) return out;
      i = sub + 1;
    }
  }
  // (a file named by an option, expect's `-f FILE`: its first operand is the first of the file's arguments)
  let named = false;
  for (; i < argv.length && (argv[i].startsWith('-') || ELIXIR_MODE.test(`${name} ${argv[i]}`)) && argv[i] !== '-'; i++) {
    if (starts(argv[i]) || argv[i] === '+elixirc') return out;
    if (argv[i] === '--') {
      i++;
      break;
    }
    named ||= entry.file?.test(argv[i]) === true;
    if (entry.pairs?.test(argv[i]) === true) {
      if (argv.slice(i + 1, i + 3).some(starts)) return out;
      i += 2;
    } else if (entry.values?.test(argv[i])) {
      if (i + 1 < argv.length && starts(argv[i + 1])) return out;
      i++;
    }
  }
  if (i >= argv.length || starts(argv[i]) || argv[i] === '-' && !named) return out;
  for (let k = named ? i : i + 1; k < argv.length; k++) out.add(k);
  return out;
}

/**
 * The files awk or sed (`name`, given `args`) read as their program, or load into it: the value of each file option (`-f`,
 * awk's `-E`, `--file`, `--exec`; `-fFILE`, `--file=FILE`), and awk's `-i`, `--include`, `-l` and `--load` (a source file it
 * includes, an extension it loads), up to the first operand.
 */
export function programFiles(name: string, args: readonly string[]): string[] {
  const grammar = AWK.test(name) ? PROGRAM_OPTIONS.awk : name === 'sed' ? PROGRAM_OPTIONS.sed : undefined;
  if (grammar === undefined) return [];
  const loads = AWK.test(name) ? 'il' : '';
  const out: string[] = [];
  for (let i = 0; i < args.length && /^-./.test(args[i]) && args[i] !== '--'; i++) {
    const a = args[i];
    const long = /^--([^=]+)(=?)(.*)$/s.exec(a);
    if (long !== null) {
      const kind = ownKey(grammar.long, long[1]) ? grammar.long[long[1]] : 'none';
      const value = long[2] === '=' ? long[3] : kind === 'none' ? undefined : args[++i];
      if (value !== undefined && (kind === 'file' || ['include', 'load'].includes(long[1]) && loads !== '')) out.push(value);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (grammar.optional.includes(c)) break;
      if (!grammar.value.includes(c)) continue;
      const value = k + 1 < a.length ? a.slice(k + 1) : args[++i];
      if (value !== undefined && (grammar.file.includes(c) || loads.includes(c))) out.push(value);
      break;
    }
  }
  return out;
}

/** The text of positional parameters (`$1`, `${2:-d}`, `$@`, `"${@}"`, `$*`, `$0`) rewritten to names of a binding `k`. */
const POSITIONAL = /\$(?:([0-9@*])|\{([0-9]+|[@*])(?=[^A-Za-z0-9_]))/g;
const positionalName = (p: string, k: number): string => `__p${p === '@' ? 'at' : p === '*' ? 'st' : p}_${k}_`;

/** A text written with the names of `positionalName` as the script wrote it (`${__p1_3_}` is `$1`). */
function displayed(text: string): string {
  if (!text.includes('__p')) return text;
  const p = (n: string) => (n === 'at' ? '@' : n === 'st' ? '*' : n);
  return text.replace(/\$\{__p([0-9]+|at|st)_[0-9]+_\}/g, (_, n: string) => `$${p(n)}`).replace(/\$\{__p([0-9]+|at|st)_[0-9]+_/g, (_, n: string) => `\${${p(n)}`)
    .replace(/\b__p([0-9]+|at|st)_[0-9]+_/g, (_, n: string) => `$${p(n)}`).replace(/\b__pe([0-9]+)_=/g, '$$$1');
}

/**
 * How many of a shell's ARGs (`operands` past its code, from $0 where `from` is 0, else from $1) are surely empty, leading: each
 * written `''` or `""` (`sh -c '$@' sh '' "$X"`), after a $0 written as one field.
 */
function leadingEmpty(command: SimpleCommand, operands: readonly string[], from: number): number {
  if (operands.length < 2 || !operands.some((o) => o === '')) return 0;
  const raws = writtenOperands(command, operands);
  if (raws === undefined || (from === 0 && (raws[0] === undefined || /[$`*?[{]/.test(raws[0])))) return 0;
  let m = 0;
  for (let j = from === 0 ? 1 : 0; j < operands.length && (raws[j] === "''" || raws[j] === '""'); j++) m++;
  return m;
}

/**
 * Code whose first `m` positional parameters are empty, with each unquoted `$N` of them standing as a whole word first in its
 * command written as an empty assignment (`__pe1_=`, shown as `$1`): the shell gives an unquoted empty expansion no field, so the
 * next word is the program (`sh -c '$1 $2' sh '' "$X"` runs the value, bash 5.2 and dash 0.5.12); and whether an unquoted `$@` or
 * `$*` so stands, whose program is then the first parameter past them (`sh -c '$@' sh '' "$X"`).
 */
function withEmptyDropped(code: string, m: number): { text: string; from: boolean } {
  if (m === 0) return { text: code, from: false };
  let from = false;
  const text = code.replace(/(^|[;&|(\n]|[;&|(\s](?:then|do|else|elif|!|\{))([ \t]*)\$(?:([0-9])|\{([0-9]+)\}|[@*]|\{[@*]\})(?=[ \t;&|)\n]|$)/g,
    (whole, before: string, blank: string, d1?: string, d2?: string) => {
      const n = d1 ?? d2;
      if (n === undefined) from = true;
      return n === undefined || Number(n) < 1 || Number(n) > m ? whole : `${before}${blank}__pe${n}_=`;
    });
  return { text, from };
}

/** Ranges of positions by a name (bindPositional's `programs` and `leads`). */
type PositionRanges = Map<string, [number, number]>;

/**
 * Code whose positional parameters hold the values `held` gives by position (0 for `$0`): each one held, and `$@` and `$*`
 * when any is, rewritten to a name of binding `k` (every `$N` after the code's first `shift`, or after a loop begins in a
 * code that shifts: it may have moved any argument there), with `for NAME;` (which reads `"$@"`) written out; and the names
 * given, by the name of the variable they hold.
 */
function bindPositional(code: string, held: ReadonlyMap<number, string>, k: number, setBy?: string): {
  text: string; names: Map<string, string>; programs: PositionRanges; positions: Map<string, number[]>; leads: PositionRanges;
} {
  const names = new Map<string, string>();
  // (for `$@` and `$*`: the positions of the parameters holding a value that each gives, the first the one whose value it is taken to hold)
  const positions = new Map<string, number[]>();
  // (for `$@` and `$*`: the positions whose parameter may be the first field, the program where it stands first, each place it is written)
  const programs = new Map<string, [number, number]>();
  // (the same, by the name and the offset written, `__pat_0_:2` for `${@:2}`, `__pat_0_:1` for `$@`: where each form starts; and `$N`'s, as
  // `${@:N:1}`'s, `__p2_0_:2` for `$2`)
  const leads = new Map<string, [number, number]>();
  const any = [...held.values()][0];
  // (and `getopts OPTSTRING NAME` with no ARG, which parses "$@": bash 5.2 and dash)
  const withFor = code.replace(/(^|[\s;&|(])for[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*(?:;|\n|[ \t]do(?![^\s;&|()<>])))/g, '$1for $2 in "$@"')
    .replace(/(^|[\s;&|(!])getopts[ \t]+((?:"[^"\n]*"|'[^'\n]*'|[^\s;&|()<>"'])+)[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*(?:;|\n|&&|\|\||\)|$))/g, '$1getopts $2 $3 "$@"');
  // a function's body has the positional parameters of its call, not these; nor do the words of the `set` that gives them,
  // which expand before it does (`set -- "$*" "$X"`: "$*" joins the ones before), nor, where it is written once, what is
  // written before it
  const bodies = functionBodies(withFor);
  const setWords = setBy ?? '';
  // (the `set` found as its line reads it, line continuations and line breaks as spaces: `set -- \` then `"$X"` on the next line)
  const setSpans = setWords === '' ? [] : lineSpans(withFor, setWords);
  for (const [from, to] of setSpans) bodies.push([from - 1, to]);
  const setAt = setBy === undefined || setSpans.length !== 1 ? undefined : setSpans[0][0];
  // a `$N` written before the first `shift` and before any loop (`do`) is the call's own N-th argument: nothing can have shifted it yet
  const firstShift = withFor.search(/(^|[\s;&|(])shift([\s;&|)]|$)/);
  const shifted = (at: number): boolean => firstShift >= 0 && (at > firstShift || /(^|[\s;&|(])do([\s;&|)]|$)/.test(withFor.slice(0, at)));
  // after shifts each of which runs once, whatever ran before, their counts known: the one that many further on (`shift 2`, which
  // shifts none where fewer are left, any between)
  const shifts = firstShift < 0 || (setBy !== undefined && setAt === undefined) ? undefined : literalShifts(withFor, bodies, setAt ?? -1);
  const origin = (p: string, at: number): string | undefined => {
    if (p === '@' || p === '*') {
      // the parameters from $1 on ($0 is none of them), past those the shifts before it moved out where their counts are known
      // (none where a `shift 2` may find fewer left and shift none); where they are not, any from $1 on
      const by = shifts?.filter(([where]) => where < at) ?? [];
      const unsure = by.some(([, count]) => count > 1) || (shifts === undefined && shifted(at));
      const past = unsure ? 0 : by.reduce((sum, [, count]) => sum + count, 0);
      // (`${@:N}` from the N-th on, `${@:0}` with $0; `${@:N:L}` L of them: bash 5.2)
      const slice = /^\$\{[@*]:[ \t]*([0-9]+)(?:[ \t]*:[ \t]*([0-9]+))?[ \t]*\}/.exec(withFor.slice(at, at + 24));
      const first = slice === null ? 1 : Number(slice[1]);
      // (the last position it may give: past the shifts, where their count is known)
      const last = slice?.[2] === undefined || unsure ? Infinity : (first === 0 ? 0 : first + past) + Number(slice[2]) - 1;
      const gives = [...held].filter(([j]) => (j === 0 ? first === 0 && last >= 0 : j >= Math.max(first, 1) + past && j <= last));
      const at0 = gives[0];
      const found = at0?.[1];
      if (at0 !== undefined && !positions.has(positionalName(p, k))) positions.set(positionalName(p, k), gives.map(([j]) => j));
      // (the first field: the N-th past the shifts, any from the N-th on where their count is not known)
      const lead = first === 0 ? 0 : first + past;
      const was = programs.get(positionalName(p, k)) ?? [lead, lead];
      const most = unsure && first > 0 ? first + mostShifted(withFor, bodies, at) : lead;
      if (found !== undefined) programs.set(positionalName(p, k), [Math.min(lead, was[0]), Math.max(most, was[1])]);
      const form = `${positionalName(p, k)}:${first}`;
      const wasForm = leads.get(form) ?? [lead, lead];
      if (found !== undefined) leads.set(form, [Math.min(lead, wasForm[0]), Math.max(most, wasForm[1])]);
      return found;
    }
    const n = Number(p);
    // (`$N` read as `${@:N:1}` is: where it starts, past the shifts before it, in `leads` by its name and N; each place it is written)
    const lead = (from: number, to: number, found: string | undefined): string | undefined => {
      const form = `${positionalName(p, k)}:${n}`;
      const was = leads.get(form) ?? [from, to];
      if (found !== undefined && n > 0) leads.set(form, [Math.min(from, was[0]), Math.max(to, was[1])]);
      return found;
    };
    if (n > 0 && shifts !== undefined) {
      const by = shifts.filter(([where]) => where < at);
      const total = by.reduce((sum, [, count]) => sum + count, 0);
      const several = by.some(([, count]) => count > 1);
      for (let j = n + total; j >= (several ? n : n + total); j--) if (held.has(j)) return lead(several ? n : n + total, n + total, held.get(j));
      return undefined;
    }
    return lead(n, n > 0 && shifted(at) ? Infinity : n, held.get(n) ?? (n > 0 && shifted(at) ? any : undefined));
  };
  const text = withFor.replace(POSITIONAL, (whole, short: string | undefined, long: string | undefined, at: number) => {
    if (bodies.some(([from, to]) => at > from && at < to) || (setAt !== undefined && at < setAt)) return whole;
    const p = short ?? long!;
    const from = origin(p, at);
    if (from === undefined) return whole;
    const name = positionalName(p, k);
    names.set(name, from);
    return short !== undefined ? `\${${name}}` : `\${${name}`;
  });
  return { text, names, programs, positions, leads };
}

/** Where a brace group or subshell that opens at `open` (`{` or `(`) ends: its closing word, past quotes and nested groups. */
function groupEnd(text: string, open: number): number {
  if (text[open] === '(') return closing(text, open);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === "'" || c === '"' || c === '`') {
      i = closing(text, i);
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      i = closing(text, i + 1);
    } else if (c === '#' && (i === 0 || /[\s;&|]/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if ((c === '{' || c === '}') && (i === 0 || /[\s;&|(){}]/.test(text[i - 1])) && /[\s;&|(){}]|^$/.test(text[i + 1] ?? '')) {
      depth += c === '{' ? 1 : -1;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

/** The shell functions a text defines (`f() { …; }`, `function f { …; }`, `f() ( … )`): each body, by the function's name. */
function functionsOf(text: string): ReadonlyMap<string, readonly string[]> {
  let out = FUNCTIONS.get(text);
  if (out === undefined) {
    out = functionsIn(text);
    if (FUNCTIONS.size >= 2_000) FUNCTIONS.clear();
    FUNCTIONS.set(text, out);
  }
  return out;
}

/** The functions of each text read (`functionsOf`). */
const FUNCTIONS = new Map<string, ReadonlyMap<string, readonly string[]>>();

/** The shell functions a text defines, read. */
function functionsIn(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { name, open, end } of functionDefinitions(text)) out.set(name, [...out.get(name) ?? [], text.slice(open + 1, end)]);
  return out;
}

/** Where the body of each shell function a text defines opens and closes. */
function functionDefinitions(text: string): Array<{ name: string; open: number; end: number }> {
  if (!/\([ \t]*\)|function[ \t]/.test(text)) return [];
  const header = /(?:^|[\s;&|(){}])(?:function[ \t]+([A-Za-z_][\w.:-]*)[ \t]*(?:\([ \t]*\))?|([A-Za-z_][\w.:-]*)[ \t]*\([ \t]*\))\s*([{(])/g;
  return [...text.matchAll(header)].map((m) => {
    const open = m.index + m[0].length - 1;
    return { name: m[1] ?? m[2], open, end: groupEnd(text, open) };
  });
}

/**
 * How many positions the `shift` commands of a code before `at` may move its positional parameters at most (not those of a
 * function's body, `bodies`): their literal counts added (`[ -n "$1" ] && shift` one, or none), unbounded where one is in a
 * loop or its count is not literal.
 */
function mostShifted(code: string, bodies: ReadonlyArray<[number, number]>, at: number): number {
  const written = [...code.matchAll(/(^|[\s;&|(])shift(?=[\s;&|)]|$)/g)];
  const commands = simpleCommands(code).filter((c) => c.words[0]?.text === 'shift');
  if (commands.length !== written.length) return Infinity;
  let most = 0;
  for (const [j, m] of written.entries()) {
    if (m.index >= at || bodies.some(([a, b]) => m.index > a && m.index < b)) continue;
    const c = commands[j];
    if (c.scope.some((f) => f.kind === 'loop') || c.words.length > 2 || (c.words.length === 2 && !/^[0-9]+$/.test(c.words[1].text))) return Infinity;
    most += c.words.length === 2 ? Number(c.words[1].text) : 1;
  }
  return most;
}

/**
 * Whether a `$@` or `$*` whose first field is one of the positions `range` gives (bindPositional's `programs`) may start with one
 * of the parameters `values` holds, where it stands first in a command: the program it runs (with `empty` leading parameters
 * surely empty dropped, the one that many further on).
 */
function choosesProgram(range: readonly [number, number] | undefined, values: ReadonlyMap<number, string>, empty?: number): boolean {
  const [from, to] = range ?? [1, 1];
  return [...values.keys()].some((j) => (j >= from && j <= to) || (empty !== undefined && j - empty >= from && j - empty <= to));
}

/**
 * The `shift` commands of a code past `from` (where each is written, and by how many it shifts), where each is a literal
 * command of its own shell that runs once each time the code does (not in a loop, a condition, a function's body or a command
 * substitution, its count a literal); undefined where one is not.
 */
function literalShifts(code: string, bodies: ReadonlyArray<[number, number]>, from: number): Array<[number, number]> | undefined {
  const written = [...code.matchAll(/(^|[\s;&|(])shift(?=[\s;&|)]|$)/g)];
  const commands = simpleCommands(code).filter((c) => c.words[0]?.text === 'shift');
  if (commands.length !== written.length) return undefined;
  const out: Array<[number, number]> = [];
  for (const [j, m] of written.entries()) {
    if (m.index < from) continue;
    const c = commands[j];
    if (bodies.some(([a, b]) => m.index > a && m.index < b) || !c.unconditional || c.words.length > 2 || (c.words.length === 2 && !/^[0-9]+$/.test(c.words[1].text))) return undefined;
    out.push([m.index, c.words.length === 2 ? Number(c.words[1].text) : 1]);
  }
  return out;
}

/**
 * The codes whose positional parameters a `set` command written `line` in `text` gives: the body of the innermost function
 * each place it is written is in, or the text where one is outside every function (or the line is not found as written).
 */
function setCodes(text: string, line: string): string[] {
  const definitions = functionDefinitions(text);
  if (definitions.length === 0 || line === '') return [text];
  const out = new Set<string>();
  for (const [i] of lineSpans(text, line)) {
    const around = definitions.filter(({ open, end }) => i > open && i < end).sort((a, b) => b.open - a.open)[0];
    out.add(around === undefined ? text : text.slice(around.open + 1, around.end));
  }
  return out.size === 0 ? [text] : [...out];
}

/**
 * Where a command whose `line` is given is written in a text (each start and end): the line as written, or with a line continuation
 * or a line break where it reads a space (`set -- \` then `"$X"` on the next line).
 */
function lineSpans(text: string, line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!text.includes('\n')) {
    for (let i = text.indexOf(line); i >= 0; i = text.indexOf(line, i + line.length)) out.push([i, i + line.length]);
    return out;
  }
  const written = new RegExp(line.split(' ').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?: |\\\\\\r?\\n|\\r?\\n)'), 'g');
  for (const m of text.matchAll(written)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The spans of the bodies of the functions a text defines (`functionDefinitions`). */
const functionBodies = (text: string): Array<[number, number]> => functionDefinitions(text).map(({ open, end }) => [open, end]);

/**
 * The env vars whose value a program runs as code (executing-env.ts), not those that only name where code or configuration is
 * loaded from (`PATH`, `HOME`, a proxy): git's and ssh's commands, pagers and editors, less's, PS4, BASH_ENV, rsync's shell,
 * the files git reads as its global and system configuration (`GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM`: the value chooses
 * one, whose core.sshCommand and aliases run commands), compilers, kubectl's diff, configure's shell, LUA_INIT, .NET's startup hooks, and the options tar and make read from the environment
 * (`TAR_OPTIONS="--checkpoint-action=exec=CMD"`, `MAKEFLAGS="--eval=…"`, GNU make 4.3's `GNUMAKEFLAGS`, zip 3.0's `ZIPOPT="-TT CMD"`), which run commands the value gives.
 */
const RUNNING_ENV = new RegExp('^(?:GIT_(?:SSH_COMMAND|SSH|PROXY_COMMAND|EXTERNAL_DIFF|PAGER|EDITOR|SEQUENCE_EDITOR|ASKPASS|CONFIG_PARAMETERS|CONFIG_GLOBAL|CONFIG_SYSTEM|CONFIG_(?:KEY|VALUE)_[0-9]+)|SSH_ASKPASS|PAGER|MANPAGER|EDITOR|VISUAL'
  + '|BROWSER|LESSOPEN|LESSCLOSE|PS4|BASH_ENV|RSYNC_RSH|CC|CXX|RUSTC_WRAPPER|RUSTC|CARGO_BUILD_RUSTC_WRAPPER|CARGO_BUILD_RUSTC|KUBECTL_EXTERNAL_DIFF'
  + '|CONFIG_SHELL|LUA_INIT|DOTNET_STARTUP_HOOKS|TAR_OPTIONS|MAKEFLAGS|GNUMAKEFLAGS|ZIPOPT)$');

/** The startup files a login or interactive shell sources (bash 5.2 shell.c run_startup_files, dash's login ~/.profile). */
const STARTUP_FILE = /(^|\/)(\.profile|\.bash_profile|\.bash_login|\.bashrc|profile|bash\.bashrc)$/;

/** The files git reads its configuration from by default (git 2.39 config.c do_git_config_sequence: system, global, XDG, the repository's), `~` for the home directory. */
const GIT_CONFIG_FILES = ['/etc/gitconfig', '~/.gitconfig', '~/.config/git/config', '.git/config'];

/** The files ssh reads its configuration from by default (OpenSSH 9.2 ssh.c process_config_files: the user's, then the system's). */
const SSH_CONFIG_FILES = ['~/.ssh/config', '/etc/ssh/ssh_config'];

/** The programs that run ssh, which reads its configuration files, for a remote repository or host (git's ssh transport, rsync's remote shell). */
const RUNS_SSH = /^(git|rsync)$/;

/** A path with the home directory written `~/` however the script writes it (`$HOME/`, `${HOME}/`). */
const homePath = (path: string): string => path.replace(/^(~|\$HOME|\$\{HOME\})\//, '~/');

/** The commands that read variables from their input. */
const READS = /^(read|mapfile|readarray)$/;

/**
 * Where the program of a command starts past the words `time` (and its `-p`), `builtin` and `command` (and its `-p`) that run it
 * as itself (`command read -r X`, `builtin printf -v V`, `command -p -- mapfile L`, `time -p cd src`; bash 5.2, each also past
 * `--`): the index of its word in `words` from `at`; `at` itself when `command -v` or `-V` only names it, or another option
 * makes the word refuse to run it (`builtin -x read`: a usage error).
 */
export function pastBuiltins(words: ReadonlyArray<{ readonly text: string; readonly literal: boolean }>, at: number): number {
  let i = at;
  while (i < words.length && words[i].literal && (words[i].text === 'builtin' || words[i].text === 'command' || words[i].text === 'time')) {
    const runner = words[i].text;
    i++;
    for (; i < words.length && words[i].literal && words[i].text.startsWith('-') && words[i].text !== '--'; i++) {
      if (runner === 'builtin' || !/^-p+$/.test(words[i].text)) return at;
    }
    if (words[i]?.text === '--' && words[i].literal) i++;
  }
  return i;
}

/**
 * `read`'s options as bash 5.2 parses them: letters grouped in a word; one that takes a value (`adinNptu`) takes the rest of its
 * word, else the next word (undefined when there is none), and ends the word; `--` ends the options. `flags` are the letters that
 * take none, `values` the others with their values in order, `names` the operands after the options.
 */
export function readOptions(operands: readonly string[]): BuiltinOptions {
  return builtinGetopt(operands, 'adinNptu');
}

/** A builtin's options as bash's internal_getopt reads them: the letters that take no value, those that take one with it, the words after. */
interface BuiltinOptions {
  readonly flags: string;
  readonly values: ReadonlyArray<readonly [string, string | undefined]>;
  readonly names: readonly string[];
}

/**
 * `mapfile`'s (`readarray`'s) options as bash 5.2 parses them (mapfile.def, `d:u:n:O:tC:c:s:`), as `readOptions` reads read's: a letter of
 * `dunOCcs` takes the rest of its word, else the next word (bash 5.2 run: `mapfile -tn2 A` read 2 lines into A, `mapfile -dn X` split at
 * `n` into X, `mapfile -tCcb -c1 Z` called cb); `names` the words after them.
 */
export function mapfileOptions(operands: readonly string[]): BuiltinOptions {
  return builtinGetopt(operands, 'dunOCcs');
}

/** `readOptions` and `mapfileOptions`: the options of a builtin whose letters `valued` take a value. */
function builtinGetopt(operands: readonly string[], valued: string): BuiltinOptions {
  let flags = '';
  const values: Array<readonly [string, string | undefined]> = [];
  let k = 0;
  for (; k < operands.length && /^-./.test(operands[k]) && operands[k] !== '--'; k++) {
    const word = operands[k];
    for (let j = 1; j < word.length; j++) {
      if (!valued.includes(word[j])) {
        flags += word[j];
        continue;
      }
      values.push([word[j], j + 1 < word.length ? word.slice(j + 1) : operands[++k]]);
      break;
    }
  }
  if (operands[k] === '--') k++;
  return { flags, values, names: operands.slice(k) };
}

/**
 * The variables `read` run with `operands` (its words past its name) assigns (`readOptions`), those that are names (none where it sets
 * REPLY): with `-a`, its last `-a`'s array alone, the names after the options left as they were (bash 5.2 run: `read -ar X` sets the array
 * `r`, `read -a A X` and `read -a B -a A` set A alone); else the names after its options, past its redirections.
 */
export function readVariables(operands: readonly string[]): string[] {
  return readNameWords(operands).filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/**
 * The words `read` run with `operands` takes for the variables it assigns, names or not (`readVariables` keeps the names): its last `-a`'s
 * array, else the words after its options, past its redirections (an expansion, `read -r "$V"`, names the variable V holds).
 */
export function readNameWords(operands: readonly string[]): string[] {
  const { values, names } = readOptions(operands);
  const arrays = values.filter(([option]) => option === 'a');
  return arrays.length > 0 ? [arrays[arrays.length - 1][1] ?? ''] : withoutRedirections(names);
}

/**
 * Whether `read` run with `operands` (its words past its name) sets REPLY: it names no array (`-a`) and no variable after its options, past
 * its redirections (bash 5.2 run: `V=CMD; read -a "$V"` and `read "$V"` set CMD, what V holds, not REPLY; with V empty, nothing).
 */
export function readSetsReply(operands: readonly string[]): boolean {
  const { values, names } = readOptions(operands);
  return !values.some(([option]) => option === 'a') && withoutRedirections(names).length === 0;
}

/**
 * The variables a `read`, `mapfile` or `readarray` command (its words past the program `words[0]`) assigns: the names after its
 * options (REPLY, MAPFILE when none: `readSetsReply`), `read -a NAME`'s array (`readVariables`); undefined for another command.
 */
function readNames(words: readonly string[]): string[] | undefined {
  const name = words[0];
  if (name !== 'read' && name !== 'mapfile' && name !== 'readarray') return undefined;
  if (name === 'read') return readSetsReply(words.slice(1)) ? ['REPLY'] : readVariables(words.slice(1));
  // (its first word past its options and redirections, MAPFILE where none: bash 5.2 run, `mapfile -t A B` set A alone)
  const first = withoutRedirections(mapfileOptions(words.slice(1)).names)[0] ?? 'MAPFILE';
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(first) ? [first] : [];
}

/**
 * Whether an awk program runs the expression `expr` (a variable's name, `ENVIRON["X"]`) as a command: as an argument of
 * `system(…)`, the command of `expr | getline`, or the command a `print` or `printf` pipes to (`print | expr`, `|&` too).
 */
function awkRunsCommand(program: string, expr: string): boolean {
  const e = literalPattern(expr);
  const name = /^[A-Za-z_]/.test(expr) ? `(?<![A-Za-z0-9_])${e}(?![A-Za-z0-9_])` : e;
  // (a pipe, not `||`)
  const pipe = '(?<!\\|)\\|(?!\\|)&?';
  return new RegExp(`\\bsystem\\s*\\([^)]*${name}|${name}\\s*${pipe}\\s*getline|${pipe}\\s*(?:\\(\\s*)?${name}`).test(program);
}

/**
 * The file `cp` or `install` copies its standard input into (`cp /dev/stdin f`, `install -m 755 /dev/fd/0 f`: the last of two
 * operands, past options; not with `-t`, `--target-directory` or `-d`), or `dd` into its `of=` reading no `if=`; undefined for any other.
 */
function stdinCopyTarget(name: string, after: readonly string[]): string | undefined {
  if (name === 'dd') {
    const { input, output } = ddFiles(after);
    return input === undefined ? output : undefined;
  }
  if (name !== 'cp' && name !== 'install') return undefined;
  // (read as coreutils reads them, copy-operands.ts: `install -d` copies nothing; with `-t DIR` the copy is DIR/stdin, not followed)
  const copy = copyOperands(name, after);
  if (copy === undefined || copy.targetDirectory || copy.sources.length !== 1 || copy.destination === undefined) return undefined;
  return /^(\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(copy.sources[0]) ? copy.destination : undefined;
}

/**
 * How git runs a caller's value in an unquoted variable that starts with literal text, where it reads one that starts an operand as
 * `--upload-pack=` (`how`, configured-code.ts): the shell splits the value into words, and git's parse-options reads a later one
 * starting with `-` as an option wherever it stands (git 2.39: `git clone https://host/r -c credential.helper=!CMD out` runs CMD as
 * it asks for credentials, an https remote's 401 included, where `--upload-pack=` is ignored over https; checked).
 */
function splitOperandHow(how: string): string {
  const sub = /^git (\S+) reads/.exec(how)?.[1] ?? 'clone';
  return `the shell splits the unquoted value into words after the literal text it starts with, and git ${sub} reads a later word `
    + 'starting with - as an option (-c credential.helper=!CMD runs CMD as git asks for credentials, over https too; --upload-pack=CMD over a local or ssh URL)';
}

/**
 * The programs that read a word starting with - as an option wherever it stands (GNU getopt_long and argp permute, rsync's popt
 * too; find's expression): what the word may be, where the shell splits a caller's value into several (`tar -xf a.tar src/$X`).
 */
const SPLIT_OPTIONS: Readonly<Record<string, string>> = {
  find: 'find reads a word starting with - as a test or action of its expression (-exec CMD ; runs CMD)',
  tar: 'tar reads a word starting with - as an option wherever it stands (--checkpoint-action=exec=CMD and --to-command=CMD run CMD)',
  wget: 'wget reads a word starting with - as an option wherever it stands (--execute=use_askpass=PROG runs PROG)',
  rsync: 'rsync reads a word starting with - as an option wherever it stands (--rsh=CMD runs CMD)',
  zip: 'zip reads a word starting with - as an option wherever it stands (-T -TT CMD runs CMD as the test of the archive)',
};

/** How find runs a caller's value given as one word where a path, a test or an action stands: as one test or action. */
const FIND_ONE_WORD = 'find reads the quoted word, where a path, a test or an action stands, as a test or action of its expression where it starts with -: '
  + 'one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes every file find visits';

/** FIND_ONE_WORD of a quoted word as written that gives a value whole (wholeValueWord: `"${X%/}"`), and how it gives it. */
const findOneWord = (raw: string, through: string): string => FIND_ONE_WORD.replace(/^find reads the quoted word, /, `find reads the quoted word ${raw} (${through}), `);

/**
 * The variable whose value a word as written (quotes kept) gives as its one field, whole where bash 5.2 may keep it so, with how
 * (`through`, empty for `"$X"` and `"${X}"`): a double-quoted `${X…}` that keeps the value's own text, where a pattern removed
 * from its start or end does not match it (`"${X%/}"`, `"${X#./}"`: X=-delete gives -delete), where it is set (`"${X:-.}"`,
 * `"${X:=d}"`, `"${X:?m}"`), a part of it (`"${X:1}"`), its case changed (`"${X,,}"`, `"${X@L}"`), a replacement that does
 * not match it (`"${X/a/b}"`) or its escapes read (`"${X@E}"`); or a double-quoted command substitution of echo or printf
 * printing that alone (`"$(echo "$X")"`, `"$(printf '%s\n' "$X")"`, backquoted alike: the shell removes the trailing line breaks).
 * Not `${X:+w}` (the word), `${#X}`, `${!X}` (the variable X names: read where X holds a fixed name by namedWhole), `${X@Q}` (quoted), a replacement of nothing at the start by a literal
 * (`"${X/#/./}"`: ./-delete), or of a leading `-` (`"${X/#-/./-}"`: ./-delete), that starts with another character than `-` and `&`,
 * nor a word holding more.
 */
export function wholeValueWord(raw: string): { readonly name: string; readonly through: string } | undefined {
  return raw.startsWith('"') && closingQuote(raw, 0) === raw.length - 1 ? wholeValue(raw.slice(1, -1)) : undefined;
}

/** wholeValueWord of the text inside the double quotes. */
function wholeValue(text: string): { readonly name: string; readonly through: string } | undefined {
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (plain !== null) return { name: plain[1], through: '' };
  if (text.startsWith('${') && closing(text, 1) === text.length - 1) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)([\s\S]*)$/.exec(text.slice(2, -1));
    if (m === null) return undefined;
    const [, name, op] = m;
    const written = `\${${name}${op}}`;
    if (op === '') return { name, through: '' };
    if (/^(?:%%?|##?)/.test(op)) return { name, through: `${written} keeps the value's own text, whole where the pattern matches none of it` };
    if (/^:?[-=?]/.test(op)) return { name, through: `${written} is the value itself where it is set${op.startsWith(':') ? ' and not empty' : ''}` };
    if (/^:/.test(op) && !/^:\+/.test(op)) return { name, through: `${written} is the part of the value the offset and length give` };
    // (bash 5.2 run: `"${X/#/./}"` is ./-delete for X=-delete; `&` in the replacement is the text matched, patsub_replacement: `"${X/#/&}"`
    // is the value whole)
    if (/^\/#\/[^-$`\\"'&]/.test(op)) return undefined;
    // (or a pattern that matches every value starting with - at its start, `-`, `\-`, `[-]`, or those followed by `*`, anchored there or
    // not (the first match is then the leftmost), replaced so: `"${X/#-/./-}"` and `"${X//-/./-}"` are ./-delete, `"${X/#-*/.}"` is ., never
    // a word starting with -, bash 5.2 run; not `"${X/#-/}"`, --delete giving -delete)
    if (/^\/[#/]?(?:-|\\-|\[-\])\*?\/[^-$`\\"'&]/.test(op)) return undefined;
    if (/^\//.test(op)) return { name, through: `${written} keeps the value's own text, whole where the pattern matches none of it` };
    if (/^(?:\^\^?|,,?|~~?|@[LUu])$|^(?:\^\^?|,,?)[\s\S]/.test(op)) return { name, through: `${written} is the value with the case of its letters changed` };
    if (op === '@E') return { name, through: `${written} is the value with its backslash escapes read` };
    return undefined;
  }
  // (a backquoted one alike, its code past the backslashes that escape $, `, \\ and " in it: `"`echo "$X"`"`, bash 5.2 keeps one word)
  const backquoted = text.startsWith('`') && text.length > 1 && closingBackquote(text, 0) === text.length - 1;
  if (backquoted || (text.startsWith('$(') && !text.startsWith('$((') && closing(text, 1) === text.length - 1)) {
    const commands = simpleCommands(backquoted ? text.slice(1, -1).replace(/\\([$`\\"])/g, '$1') : text.slice(2, -1));
    if (commands.length !== 1 || commands[0].pipe) return undefined;
    const argv = argvOf(commands[0]);
    const printed = printedBy(argv);
    const values = printed === undefined || printed.length === 0 ? [] : printed.map((t) => wholeValue(t.replace(/\n+$/, '')));
    const first = values[0];
    if (first === undefined || values.some((v) => v?.name !== first.name)) return undefined;
    const program = basename(runsOf(argv).find((r) => r.program !== undefined)?.program ?? 'echo');
    return { name: first.name, through: `${text} is what ${program} prints of the value, the value itself${first.through === '' ? '' : `, and ${first.through}`}` };
  }
  return undefined;
}

/**
 * The array a `read -a NAME`, `mapfile` or `readarray` command (its words past the program `words[0]`, the names it assigns
 * `names`: readNames) fills with the words or lines it reads; undefined for another command.
 */
function splitArray(words: readonly string[], names: readonly string[]): string | undefined {
  if (words[0] === 'mapfile' || words[0] === 'readarray') return names[0];
  return words[0] === 'read' && readOptions(words.slice(1)).values.some(([option]) => option === 'a') ? names[0] : undefined;
}

/**
 * Whether the elements `mapfile` or `readarray` (`entry`) gives keep the delimiter that ends each line (no `-t`, bash 5.2
 * mapfile.def; `-d ''` ends lines at NUL, which no argument holds, so none): `all` where what it reads ends with a line break, which
 * ends the last line whatever the delimiter (a here-string, a heredoc, or what echo without -n or printf of a format ending in \n prints to it, in a
 * process substitution or a pipe), else `last` (the last line may end with none, `< <(printf %s "$X")`); undefined where none keeps it.
 */
function mapfileKept(entry: ReadCommand): 'all' | 'last' | undefined {
  const words = argvOf(entry.command);
  const at = words.findIndex((w) => w === 'mapfile' || w === 'readarray');
  let trims = false;
  let delimiter = '\n';
  for (let i = at + 1; at >= 0 && i < words.length && /^-./.test(words[i]) && words[i] !== '--'; i++) {
    const w = words[i];
    for (let k = 1; k < w.length; k++) {
      if (w[k] === 't') trims = true;
      if (!'dnOsuCc'.includes(w[k])) continue;
      const value = k + 1 < w.length ? w.slice(k + 1) : words[++i] ?? '';
      if (w[k] === 'd') delimiter = value.slice(0, 1);
      break;
    }
  }
  // (what ends with a line break ends the last line so whatever the delimiter: `-d ,` gives `a,` then `-delete\n`)
  if (trims || delimiter === '') return undefined;
  if (descriptorSource(entry.command, 0).kind === 'text') return 'all';
  const from = redirectedFrom(words, 0);
  const printer = from?.startsWith('<(') && from.endsWith(')') ? simpleCommands(from.slice(2, -1)).at(-1)
    : from === undefined ? entry.pipeline[entry.pipeline.length - 1] : undefined;
  const argv = printer === undefined ? [] : argvOf(printer);
  const run = runsOf(argv).find((r) => r.program !== undefined);
  const name = run === undefined ? undefined : basename(run.program!);
  const options = name === 'echo' ? argv.slice(run!.programIndex + 1).filter((w) => /^-[neE]+$/.test(w)) : [];
  if (name === 'echo' && !options.some((w) => w.includes('n'))) return 'all';
  return name === 'printf' && (printedBy(argv) ?? []).every((t) => t.endsWith('\n')) && printedBy(argv)!.length > 0 ? 'all' : 'last';
}

/** find's tests and actions that take a value (GNU findutils 4.9; -fprintf two), before the next test or action. */
const FIND_VALUED = /^-(?:[acm]min|[acm]time|[ac]newer|newer(?:[aBcmt][aBcmt])?|fstype|[gu]id|group|user|i?l?name|i?path|i?wholename|i?regex|inum|links|perm|samefile|size|x?type|used|context|fprint0?|fls|files0-from|m(?:ax|in)depth|regextype|printf)$/;

/**
 * For find's arguments (`after`, past its name), the indexes of those find reads where a path, a test or an action stands (a path
 * starting with - is read as a test or action: GNU findutils 4.9, `find "$X"` with X=-delete deletes every file under .), not the value
 * of a test (`-name W`) nor a word of the command of -exec, -execdir, -ok or -okdir (up to `;` or `{} +`); undefined where find
 * refuses the command: a literal `--` past its own options, which findutils 4.9 reads as an unknown predicate before it runs anything
 * (`find . -- $X`; a `--` first ends its options, `find -- "$X"`), where every word before it is literal.
 */
export function findExpressionPlaces(after: readonly string[], literal: (k: number) => boolean): Set<number> | undefined {
  const out = new Set<number>();
  let k = 0;
  // (its own options: -H, -L, -P, -D LIST, -O LEVEL; a `--` ending them)
  for (; k < after.length && literal(k) && /^-(?:[HLP]+|D|O[0-9]*)$/.test(after[k]); k++) if (after[k] === '-D') k++;
  if (after[k] === '--' && literal(k)) k++;
  let known = true;
  for (; k < after.length; k++) {
    const w = after[k];
    if (!literal(k)) known = false;
    if (w === '--' && literal(k) && known) return undefined;
    out.add(k);
    if (!literal(k)) continue;
    if (/^-(?:exec|execdir|ok|okdir)$/.test(w)) {
      while (k + 1 < after.length && !(after[k + 1] === ';' || (after[k + 1] === '+' && after[k] === '{}'))) k++;
      k++;
    } else if (w === '-fprintf') {
      k += 2;
    } else if (FIND_VALUED.test(w)) {
      k++;
    }
  }
  return out;
}

/** A path as a command names it: `./run.sh` and `run.sh` are one file. */
export const filePath = (path: string): string => path.replace(/^(\.\/)+/, '');

/** A command substitution of printf quoting each element of an array (`$(printf "%q " "${A[@]}")`): the quote, the array's name. */
const PRINTF_QUOTED = /^\$\(\s*printf\s+(["']?)(?:%q ?)+\1\s+"\$\{([A-Za-z_][A-Za-z0-9_]*)\[@\]\}"\s*\)$/;

/**
 * bash's quoting of each element of an array as a word of code, `${A[@]@Q}` or `${A[*]@Q}` (bash 5.2 subst.c, its `Q` operator:
 * each element single-quoted), the whole word: the array's name in the second group, as PRINTF_QUOTED's.
 */
const OPERATOR_QUOTED = /^\$\{()([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]@Q\}$/;

/** A value quoted for the shell as one word, `${X@Q}` or `$(printf %q "$X")` (bash 5.2; `"%q"`, `'%q'`, `"${X}"` alike): the name. */
const SCALAR_QUOTED = /^(?:\$\{([A-Za-z_][A-Za-z0-9_]*)@Q\}|\$\(\s*printf\s+(["']?)%q\2\s+"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"\s*\))$/;

/** The programs whose operands an `eval` of literal words before a quoted value gives it as data: they print it. */
const PRINTING = new Set(['echo', 'printf']);

/**
 * Whether `eval` reads the word at `k` of its operands (`after`, as `line` writes them) back as one literal operand of a program
 * that prints it: a value quoted for the shell (SCALAR_QUOTED), written inside double quotes (not split, not expanded as a
 * pattern), after literal words of plain characters naming `echo` or `printf` (not `printf -v`), so `eval echo "${X@Q}"` runs
 * `echo` with the value, whatever it holds (bash 5.2: quotes, `$(…)`, globs, newlines come back as written).
 */
function quotedData(line: string, after: readonly string[], word: { readonly text: string; readonly literal: boolean }, k: number): boolean {
  if (word.literal || !SCALAR_QUOTED.test(word.text)) return false;
  const before = after[0] === '--' ? after.slice(1, k) : after.slice(0, k);
  if (before.length === 0 || !PRINTING.has(before[0]) || before.some((w) => !/^[A-Za-z0-9_.\/:@%+,-]+$/.test(w) || w === '-v')) return false;
  const raws = rawWords(line) ?? [];
  return raws.includes(`"${word.text}"`) && !raws.includes(word.text);
}

/** The arrays whose `${A[@]@Q}` or `${A[*]@Q}` a command as written (`line`) expands outside quotes, where the shell splits it. */
function unquotedOperatorQuoted(line: string): Set<string> {
  const out = new Set<string>();
  for (const raw of rawWords(line) ?? []) {
    for (const m of outsideQuotes(raw).matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]@Q\}/g)) out.add(m[1]);
  }
  return out;
}

/** The declaration builtins: their operands name the variables they assign (`declare -n R=X`: R refers to X). */
const DECLARES = /^(export|declare|typeset|local|readonly)$/;

/** A command of a script, with the commands piped to it and the text it was read from. */
interface ReadCommand {
  readonly command: SimpleCommand;
  /** The commands of its pipeline before it, the nearest last. */
  readonly pipeline: readonly SimpleCommand[];
  readonly source: string;
  readonly depth: number;
  /** The command that runs the code it is read from in a shell it starts (`sh -c CODE`, `eval`, `trap`, a shell's input); none at the top. */
  readonly parent?: SimpleCommand;
}

/** What a command may give a held value through (`sh`, `set`, `tee`, an output redirection): others are not read for it. */
const GIVES = /(?:^|[\s/])(?:sh|bash|dash|ash|zsh|ksh|mksh|pdksh|yash|rbash|set|tee|curl|wget|cp|install|dd)(?:\s|$)|(?:^|\s)(?:1?>|&>)(?!&)/;

/** What is read of each command once: its words and heredoc bodies as one text, whether it may give a value (GIVES), its first word. */
const SUMMARIES = new WeakMap<SimpleCommand, { readonly text: string; readonly gives: boolean; readonly program?: string; readonly bash: boolean }>();

/** What is read of a command once (`SUMMARIES`). */
function summaryOf(command: SimpleCommand): { readonly text: string; readonly gives: boolean; readonly program?: string; readonly bash: boolean } {
  let summary = SUMMARIES.get(command);
  if (summary === undefined) {
    const text = [...command.words.map((w) => w.text), ...command.heredocs.map((h) => h.body)].join(' ');
    const program = command.words.find((w) => !PREFIX_ASSIGNMENT.test(w.text))?.text;
    summary = { text, gives: GIVES.test(text), program, bash: BASH_READS.test(text) };
    SUMMARIES.set(command, summary);
  }
  return summary;
}

/**
 * The environment variables a command prints as they are, its output their values: those `printenv NAME…` names, and every one
 * (`'*'`) that `printenv` or `env` given no program prints (`env -u NAME` is taken to print it too), past `builtin` and `command`;
 * none for `env -i` or `env -`; undefined for another command. (`export -p`, `declare -p` and `set` print the values quoted for
 * the shell, which reads them back as data.)
 */
function printedEnvironment(command: SimpleCommand): readonly string[] | '*' | undefined {
  const words = command.words;
  const at = pastBuiltins(words, splitAssignments(words.map((w) => w.text)).assignments.length);
  const program = words[at];
  if (program === undefined || !program.literal) return undefined;
  const name = basename(program.text);
  const rest = withoutRedirections(words.slice(at + 1).map((w) => w.text));
  if (name === 'printenv') {
    const operands = rest.filter((w) => !w.startsWith('-'));
    return operands.length === 0 ? '*' : operands;
  }
  if (name !== 'env') return undefined;
  let clears = false;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k];
    if (w === '-i' || w === '-' || w === '--ignore-environment' || /^-[0v]*i/.test(w)) clears = true;
    else if (w === '-u' || w === '--unset') k++;
    // (a program env runs, or an option it would take a program after: not read here)
    else if (!/^-[0v]+$|^--(null|debug|unset=.*)$|^-u./.test(w) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) return undefined;
  }
  return clears ? [] : '*';
}

const NO_COMMANDS: readonly SimpleCommand[] = [];

/**
 * An indirection `${!N}` (`${!N:-d}`, `${!N#x}` …) of a name or a positional parameter, N its first group (not `${!P*}`, `${!P@}`,
 * `${!A[@]}`, which give names and keys).
 */
const INDIRECTION = /\$\{!([A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?=[}:#%/^,]|[-=?+][^}])/g;

/** A text that may print the whole environment: `env` or `printenv` given no operand (printedEnvironment). */
const WHOLE_ENVIRONMENT = /(?:^|[\s|;&(`])(?:printenv|env)(?:\s+-[-0-9A-Za-z]*)*\s*(?:$|[|;&)`>])/m;

/** What each command runs (`commandRuns` of its words past its assignments and redirections), once read. */
const PROGRAMS = new WeakMap<SimpleCommand, CommandRuns[]>();

/**
 * What a command runs: `commandRunsOf` of the program and its arguments (`$(<"$file")` runs no program; nor an arithmetic or
 * conditional command), read once.
 */
function programsOf(command: SimpleCommand): CommandRuns[] {
  let runs = PROGRAMS.get(command);
  if (runs === undefined) {
    const argv = withoutRedirections(splitAssignments(argvOf(command)).argv);
    runs = compoundCommand(command) ? noProgram(argv) : commandRuns(argv);
    PROGRAMS.set(command, runs);
  }
  return runs;
}

/** The prompts every interactive shell expands (PS0 is bash's alone). */
const SELF_PROMPT = ['PS1', 'PS2'];

/** An assignment to an element of PROMPT_COMMAND (`PROMPT_COMMAND[1]=…`). */
const PROMPT_ELEMENT = /^PROMPT_COMMAND\[[^\]]*\]\+?=/;

/** How many codes `variablesRunAsCode` reads again with positional parameters bound. */
const MAX_BINDINGS = 32;

/**
 * The commands of a shell script that run the value of one of the variables `names` (its environment) as code: a command
 * word that expands it (the value chooses the program), a word `eval` joins, the code of `sh -c` (shellCommandString) or
 * of another interpreter's code option (`python -c`, `node -e`, `perl -e`, `ruby -e` …) or input (`python3 <<EOF`), the
 * program of awk and the script of sed, a word `source` or `.` reads, `trap`'s code, a here-string, an unquoted heredoc or
 * the text `echo` or `printf` pipes to a shell that reads its input, each through the wrappers and runners `commandRuns`
 * reads; a file a command writes it to that a shell, an interpreter, `source` or the command word then runs; in bash, what
 * runs the command substitutions of an array subscript in the value: arithmetic (`$((X))`, `((X))`, `let`, `[[ X -eq 1 ]]`,
 * a subscript or offset of `${…}`, an assignment to an integer variable, `declare -i N="$X"`), the name a declaration (not `export` or
 * `readonly`, which refuse a subscript), `printf -v`, `read` or `unset` is given, the indirection
 * `${!X}`, and the prompt expansion `${X@P}`; in the code those run in turn (a literal `sh -c 'eval "$X"'`, whose shell has
 * the environment), and in command substitutions. A variable the script assigns from one of them (`Y="$X"`,
 * `Y=$(cmd "$X")`, `export Y=$X`, `local Y=$X`, the assignments before a command, `for Y in "$X"`, `printf -v Y`, what
 * `read` or `mapfile` reads from it, its own input or that of the loop or group around it, `done <<< "$X"`, a name referring
 * to it, `declare -n Y=X`, `Y=X` then `${!Y}`, and the target of a nameref assigned it) counts as it does, wherever it is
 * assigned, and so do the positional parameters it is passed as: after `sh -c CODE NAME` (or `sh -s`) to the code, to a
 * shell function of the script, by `set --`; an array's elements do not (`CMD=(tool "$X")`), but for its first where a word expands it
 * whole as the program (`a=("$X"); "${a[@]}"`), each where eval is given it or a loop runs over it; what `printenv Y` or `env` prints of
 * one exported, or a program that transforms it (`base64 -d`, `tr`) prints; and, `indirect`, an indirection or nameref whose name the
 * script does not fix. Every builtin is read past `builtin` and `command` (not `command -v`). Any other word is data. Each
 * sink once, in the order found; what the code a command runs as the value (`sh -c "$X"`, `trap "$X" EXIT`) does with that
 * value again (its `$X` chooses the program) is that command's sink, not another. `parameters`: the script's own positional parameters that hold a caller's value, each
 * with a name of its own (`args[0]`), the origin of what runs it. `posixly`: the step's env sets `POSIXLY_CORRECT` or
 * `POSIX_PEDANTIC`, so every bash the script starts runs in posix mode (an interactive one sources `ENV`: bash 5.2 shell.c).
 * `fixed`: the values the step's env gives its env vars literally (containers.ts fixedEnvValues), which the script's environment
 * holds where it writes no such name (fixedScriptValues). `unknown`: the step's env vars of values not known here (`valueFrom`, a
 * substitution). `shell`: the name of the shell that runs the script where it is known (its `#!` line's, `dash -c CODE`'s, `busybox`
 * for busybox's `sh` and `ash`), which expands its words as shellDialects says: dash refuses bash's `${V:1}`, `${V,,}`, `${V/x/i}` and
 * stops, busybox's ash and mksh the case; `sh`, or a shell not known, read both as bash and as ash. `envFrom`: the step has an
 * envFrom source, which may set any other variable to a value not known. A shell's option word that such a value, or one `read` or a
 * command substitution gives, may make interactive, or its code option, is read so, the sink saying the value is not known.
 */
export function variablesRunAsCode(
  script: string, names: ReadonlySet<string>, parameters?: ReadonlyMap<number, string>, posixly = false,
  fixed: ReadonlyMap<string, string> = new Map(), unknown: readonly string[] = [], shell?: string, envFrom = false, emptyArgs = 0,
): CodeSink[] {
  // the same script with the same names and parameters comes again (a task checked as itself and where a run embeds it): read
  // once (the outcome depends on these alone; the names and parameters in their order)
  const values = fixedScriptValues(script, fixed);
  // (the step's env vars of values not known, where the script writes none: set wherever it runs, as PATH is)
  const setNames = new Set([...ALWAYS_SET, ...fixedScriptValues(script, new Map(unknown.map((n) => [n, '']))).keys()]);
  // (with an envFrom source, any other variable but PATH, HOME and HOSTNAME may be set, to a value not known: `stepNames`, those the
  // step's env gives, which an envFrom source does not replace)
  const stepNames = envFrom ? new Set([...fixed.keys(), ...unknown, ...ALWAYS_SET]) : undefined;
  // (by the script, a string read once from its object, whose hash the engine keeps, then by the rest: the script is not written
  // again into a key of its own on every call)
  // (the WGETRC and SYSTEM_WGETRC the step's env gives, which name the wgetrc files wget reads where the script does not change them)
  const wgetrc = new Map([...fixed].filter(([name]) => /^(SYSTEM_)?WGETRC$/.test(name)));
  const key = JSON.stringify([[...names], [...parameters ?? []], posixly, [...values], [...setNames], shell ?? null, unknown, [...stepNames ?? []],
    emptyArgs, [...wgetrc]]);
  let readings = SINKS.get(script);
  const known = readings?.get(key);
  if (known !== undefined) return [...known];
  const sinks = readSinks(script, names, parameters, posixly, values, setNames, shell, new Set(unknown), stepNames, emptyArgs, wgetrc);
  if (readings === undefined) {
    if (SINKS.size >= 512) SINKS.clear();
    readings = new Map();
    SINKS.set(script, readings);
  }
  if (readings.size >= 64) readings.clear();
  readings.set(key, sinks);
  return [...sinks];
}

/** What `variablesRunAsCode` found, by its script, then by its other arguments (as JSON). */
const SINKS = new Map<string, Map<string, readonly CodeSink[]>>();

/**
 * Of the values `fixed` the step's env gives its env vars, those the script's environment holds wherever it runs: the script
 * writes the name nowhere but in an expansion that reads it (`$F`, `${F}`, `${F:-x}`; not `F=…`, `read F`, `export F`, `${F:=x}`,
 * nor a word naming it that may write it: such a variable's value is not known).
 */
/** Where a script writes the variable `name` (but as `$name`): an assignment, a declaration, `read name`, `${name:=…}` (made once per name). */
function writtenName(name: string): RegExp {
  let re = WRITTEN_NAMES.get(name);
  if (re === undefined) {
    re = new RegExp(`(?:^|[^$\\w{])${name}(?!\\w)|\\$\\{${name}:?=`);
    if (WRITTEN_NAMES.size >= 2_000) WRITTEN_NAMES.clear();
    WRITTEN_NAMES.set(name, re);
  }
  return re;
}

/** writtenName's expressions, by name. */
const WRITTEN_NAMES = new Map<string, RegExp>();

function fixedScriptValues(script: string, fixed: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of fixed) {
    // (a script that holds the name nowhere writes it nowhere: no expression to build)
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && (!script.includes(name) || !writtenName(name).test(script))) {
      values.set(name, value);
    }
  }
  return values;
}

/**
 * A word of the script (its quotes removed, `Word.text`) as the shell expands its variables: `$V`, `${V}`, `${#V}` and
 * `${V:-word}`, `${V-word}`, `${V:+word}`, `${V+word}`, `${V:=word}`, `${V=word}`, `${V:?word}`, `${V?word}` (POSIX; the word
 * expanded in turn), V read as its value in `values` and, where that has none, as unset (`unset`) or as not known. `fails`: the
 * shell runs no command (`${V:?msg}` of V unset or empty); `unread`: a variable not known, or another expansion (`${V%x}`, `$1`,
 * `$(…)`), where the word is kept as written. `dialect`: how the shell reads bash's substring, case and replacement (`${V:1}`,
 * `${V,,}`, `${V/x/i}`, bashExpanded): a word holding one it refuses fails (dash refuses them all, "Bad substitution", and runs no
 * command after). A value `ANY_VALUE` (not known) stays so through them.
 */
function expandedWord(
  text: string, values: ReadonlyMap<string, string>, unset: boolean, setVars: ReadonlySet<string> = ALWAYS_SET, dialect: Dialect = 'bash',
): { readonly text: string } | 'fails' | 'unread' {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    const plain = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (plain !== null) {
      const value = values.get(plain[0]);
      if (value === undefined && !unset) return 'unread';
      out += value ?? '';
      i += plain[0].length;
      continue;
    }
    if (text[i + 1] !== '{') return 'unread';
    // the closing brace of `${`, past those of the expansions in its word
    let depth = 0;
    let end = i + 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (end >= text.length) return 'unread';
    // POSIX's trimming, `${V#pattern}`, `${V##pattern}`, `${V%pattern}`, `${V%%pattern}`: of a value known, that value trimmed
    const trim = /^([A-Za-z_][A-Za-z0-9_]*)(##?|%%?)([^]*)$/.exec(text.slice(i + 2, end));
    if (trim !== null) {
      const known = values.get(trim[1]);
      if (known === undefined && !unset) return 'unread';
      const pattern = expandedWord(unquotedWord(trim[3]), values, unset, setVars, dialect);
      if (typeof pattern === 'string') return pattern;
      out += known === undefined ? '' : known === ANY_VALUE ? ANY_VALUE : trimmed(known, trim[2], pattern.text);
      i = end;
      continue;
    }
    // bash's substring, case and replacement of a value (`${V:1}`, `${V:0:2}`, `${V^^}`, `${V,,}`, `${V/x/i}`, `${V//x/i}`; bash 5.2)
    const bash = bashExpanded(text.slice(i + 2, end), values, unset, dialect);
    if (bash !== undefined) {
      if (bash === 'fails' || bash === 'unread') return bash;
      out += bash;
      i = end;
      continue;
    }
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+=?])([^]*))?$/.exec(text.slice(i + 2, end));
    if (m === null || (m[1] === '#' && m[4] !== undefined)) return 'unread';
    // (PATH, HOME and HOSTNAME, which every container's environment holds, and the step's env vars of values not known (`setVars`):
    // set, their value not known here)
    const always = values.get(m[2]) === undefined && setVars.has(m[2]);
    if (always && m[4] !== undefined) {
      i = end;
      if (m[4] !== '+') continue;
      const word = expandedWord(unquotedWord(m[5]), values, unset, setVars, dialect);
      if (typeof word === 'string') return word;
      out += word.text;
      continue;
    }
    const value = values.get(m[2]);
    if (value === undefined && !unset) return 'unread';
    i = end;
    if (m[1] === '#') {
      out += String((value ?? '').length);
      continue;
    }
    // (with `:`, an empty value counts as unset)
    const set = value !== undefined && (m[3] !== ':' || value !== '');
    if (m[4] === undefined || (set && m[4] !== '+')) {
      out += value ?? '';
      continue;
    }
    if (set ? m[4] !== '+' : m[4] === '+') continue;
    if (m[4] === '?') return 'fails';
    const word = expandedWord(unquotedWord(m[5]), values, unset, setVars, dialect);
    if (typeof word === 'string') return word;
    out += word.text;
  }
  return { text: out };
}

/**
 * The programs a command runs (programsOf) with its words the shell expands read first where every variable they expand is one
 * of `values` (the step's env gives it literally, the script writes it nowhere): `$S -i` with S=dash runs dash, `env -S "sh $F"`
 * with F=-i gives env `sh -i`; an unquoted `$V` is split into the words of its value. Any other word is kept as written.
 */
function expandedPrograms(command: SimpleCommand, values: ReadonlyMap<string, string>, dialect: Dialect = 'bash'): CommandRuns[] {
  if (values.size === 0) return programsOf(command);
  let changed = false;
  const texts = command.words.flatMap((w) => {
    const expanded = w.literal || !w.text.includes('$') ? undefined : expandedWord(w.text, values, false, ALWAYS_SET, dialect);
    if (expanded === undefined || typeof expanded === 'string' || expanded.text === w.text) return [w.text];
    changed = true;
    return w.split === true ? expanded.text.split(/[ \t\n]+/).filter((x) => x !== '') : [expanded.text];
  });
  if (!changed) return programsOf(command);
  const argv = withoutRedirections(splitAssignments(texts).argv);
  return compoundCommand(command) ? noProgram(argv) : commandRuns(argv);
}

/**
 * How a shell reads bash's substring, case and replacement (`${V:1}`, `${V,,}`, `${V/x/i}`), as each was run (bash 5.2, dash 0.5.12,
 * busybox 1.35 ash, mksh 59c, ksh93u+m 1.0.4): `bash` reads them all; `dash` refuses them all ("Bad substitution"); `ash` (busybox's
 * `sh` and `ash`) reads substring and replacement, its pattern's leading `#` or `%` as written (`${V/#x/i}` of `#xi` is `ii`), and
 * refuses case; `ksh` (mksh, ksh93) reads substring and replacement as bash does, anchors included, and refuses case.
 */
export type Dialect = 'bash' | 'dash' | 'ash' | 'ksh';

/**
 * The ways the shell named `shell` (a `#!` line's, `dash -c`'s, `busybox` for busybox's applets) may read bash's expansions: its
 * own where it is known; else (`sh`, which is bash, dash or busybox's ash by the image, or a shell not checked, or not known) both
 * bash's and ash's, the readings that expand them (dash's and ksh's refuse what these read).
 */
export function shellDialects(shell: string | undefined): readonly Dialect[] {
  if (shell === 'dash') return ['dash'];
  if (shell === 'busybox' || shell === 'ash') return ['ash'];
  if (shell === 'mksh' || shell === 'ksh' || shell === 'ksh93' || shell === 'lksh') return ['ksh'];
  if (shell === 'bash' || shell === 'rbash') return ['bash'];
  return ['bash', 'ash'];
}

/**
 * The text of bash's `${…}` forms of substring (`V:offset`, `V:offset:length`, a negative offset after a space), case (`V^^`, `V^`,
 * `V,,`, `V,`) and replacement (`V/pattern/string`, `V//pattern/string`, `V/#pattern/string`, `V/%pattern/string`, a glob pattern)
 * of `values`' V (bash 5.2 subst.c) as `dialect` reads them; `fails` where it refuses the form; a V not known is read as unset
 * (`unset`: empty) or not read; a V of a value not known (`ANY_VALUE`) gives one not known; undefined for another form.
 */
function bashExpanded(inner: string, values: ReadonlyMap<string, string>, unset: boolean, dialect: Dialect = 'bash'): string | 'unread' | 'fails' | undefined {
  const substring = /^([A-Za-z_][A-Za-z0-9_]*):(\s*-?[0-9]+)(?::(\s*-?[0-9]+))?$/.exec(inner);
  const casing = /^([A-Za-z_][A-Za-z0-9_]*)(\^\^|\^|,,|,)$/.exec(inner);
  const replaced = /^([A-Za-z_][A-Za-z0-9_]*)\/(\/?)([^/]*)(?:\/([^]*))?$/.exec(inner);
  const name = (substring ?? casing ?? replaced)?.[1];
  if (name === undefined) return undefined;
  if (dialect === 'dash' || (casing !== null && dialect !== 'bash')) return 'fails';
  const value = values.get(name);
  if (value === undefined) return unset ? '' : 'unread';
  if (value === ANY_VALUE) return ANY_VALUE;
  if (substring !== null) {
    const offset = Number(substring[2].trim());
    const start = offset < 0 ? Math.max(0, value.length + offset) : Math.min(offset, value.length);
    if (substring[3] === undefined) return value.slice(start);
    const length = Number(substring[3].trim());
    return length < 0 ? value.slice(start, Math.max(start, value.length + length)) : value.slice(start, start + length);
  }
  if (casing !== null) {
    const op = casing[2];
    if (op === '^^') return value.toUpperCase();
    if (op === ',,') return value.toLowerCase();
    return (op === '^' ? value.charAt(0).toUpperCase() : value.charAt(0).toLowerCase()) + value.slice(1);
  }
  const [, , all, written, by = ''] = replaced!;
  // (bash and ksh read a leading `#` or `%` of the pattern as anchoring it at the start or the end; busybox's ash as a character)
  const anchor = all === '' && dialect !== 'ash' && /^[#%]/.test(written) ? written[0] : '';
  const pattern = anchor === '' ? written : written.slice(1);
  if (pattern === '') return value;
  // (the longest match of the glob at each place, left to right; once without `//`)
  const source = pattern.replace(/[*?]|[^*?]+/g, (p) => (p === '*' ? '[^]*' : p === '?' ? '[^]' : literalPattern(p)));
  const glob = new RegExp(anchor === '#' ? `^(?:${source})` : anchor === '%' ? `(?:${source})$` : source, all === '/' ? 'g' : '');
  if (anchor !== '%') return value.replace(glob, () => by);
  // (anchored at the end: the longest suffix it matches)
  for (let n = value.length; n >= 0; n--) if (new RegExp(`^(?:${source})$`).test(value.slice(value.length - n))) return value.slice(0, value.length - n) + by;
  return value;
}

/**
 * A value not known (what `read` or a command substitution gives, an `envFrom` source's, one the kubelet fills in): a character no
 * value holds, which `expandedWord` keeps through its expansions and `ANY_READINGS` then replaces.
 */
const ANY_VALUE = '\u0001';

/** What a value not known is read as, each in turn, where it decides whether a shell is interactive: none, the letter, the option. */
const ANY_READINGS = ['', 'i', '-i'];

/** The variables every container's environment holds (the image's or the runtime's PATH and HOME, the kubelet's HOSTNAME). */
const ALWAYS_SET: ReadonlySet<string> = new Set(['PATH', 'HOME', 'HOSTNAME']);

/**
 * The word of an unquoted expansion (`${U:-"i"}`, `${U:-'i'}`) with its quotes removed, as the shell removes them (POSIX 2.6.7): the
 * text of single quotes kept as written, `$` in it escaped from the expansion that follows (read as unread).
 */
function unquotedWord(word: string): string {
  return word.replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_, single: string | undefined, double: string | undefined) => (single !== undefined
    ? single.replace(/\$/g, '\u0000') : double!.replace(/\\([$`"\\])/g, '$1')));
}

/**
 * `value` trimmed by a glob `pattern` as `${V#p}` (the shortest prefix it matches), `${V##p}` (the longest), `${V%p}` (the
 * shortest suffix), `${V%%p}` (the longest) trim it (POSIX 2.6.2): `*`, `?` and bracket expressions, other characters as written.
 */
function trimmed(value: string, op: string, pattern: string): string {
  const source = pattern.replace(/\[!?[^\]]*\]|[*?]|[^*?[]+|\[/g, (p) => (p === '*' ? '[^]*' : p === '?' ? '[^]' : p.startsWith('[') && p.length > 1
    ? `[${p[1] === '!' ? '^' : ''}${p.slice(p[1] === '!' ? 2 : 1, -1).replace(/\\/g, '\\\\')}]` : literalPattern(p)));
  const matches = (text: string) => new RegExp(`^(?:${source})$`).test(text);
  const lengths = [...Array(value.length + 1).keys()];
  const order = op.length === 2 ? lengths.reverse() : lengths;
  for (const n of order) {
    if (op[0] === '#' && matches(value.slice(0, n))) return value.slice(n);
    if (op[0] === '%' && matches(value.slice(value.length - n))) return value.slice(0, value.length - n);
  }
  return value;
}

/**
 * The literal values a script assigns its variables (`F=-i`, `export F="-i"`, an assignment before a command or env's own, `env F=-i …`;
 * its quotes removed), by name, each value once; a value holding an expansion is not one.
 */
function scriptLiteralValues(script: string): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  if (!/[A-Za-z_][A-Za-z0-9_]*=/.test(script)) return out;
  for (const command of simpleCommands(script)) {
    for (const w of command.words) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^]*)$/.exec(w.text);
      if (m === null || /[$`]/.test(m[2])) continue;
      const values = out.get(m[1]) ?? [];
      if (!values.includes(m[2])) values.push(m[2]);
      out.set(m[1], values);
    }
  }
  return out;
}

/**
 * A value that is a path, never an option a shell or an interpreter reads (`/` is no option letter) nor a builtin such as eval: one
 * starting with `/` (`O=/tmp/$(date +%s)`), what `mktemp` or `pwd` prints (`O=$(mktemp)`, `` O=`pwd` ``), and what `command -v` or
 * `which` prints for a program named literally that is no builtin (`D=$(command -v docker)`: its path).
 */
const PATH_VALUE = new RegExp('^(?:/|\\$\\(\\s*(?:mktemp|pwd)(?:\\s[^()`$;|&]*)?\\)$|`\\s*(?:mktemp|pwd)(?:\\s[^()`$;|&]*)?`$'
  + '|\\$\\(\\s*(?:command\\s+-v|which)\\s+(?!(?:eval|exec|source|command|builtin|trap|alias|\\.)\\s*\\))[A-Za-z0-9_.+-]+\\s*\\)$)');

/**
 * The variables a script gives a value not known here (but a path, PATH_VALUE): an assignment holding an expansion (`O=$(cat f)`, `` O=`cat f` ``,
 * `O="$P"`), what `read`, `mapfile`/`readarray`, `printf -v` and `getopts` assign (its NAME and OPTARG), and a `for` or `select` loop's variable.
 */
function scriptUnknownValues(script: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const m of script.matchAll(/(?:^|[\s;&|(])(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)(?=\s|;|$)/g)) out.add(m[1]);
  if (!/[A-Za-z_][A-Za-z0-9_]*=|\b(?:read|mapfile|readarray|printf|getopts)\b/.test(script)) return out;
  for (const command of simpleCommands(script)) {
    // (a command no word of which holds `=` assigns nothing: only a program of those below gives a name)
    if (!command.words.some((w) => w.text.includes('=')) && !UNKNOWN_GIVERS.test(basename(command.words[0]?.text ?? ''))) continue;
    const words = command.words.map((w) => w.text);
    const { assignments, argv } = splitAssignments(words);
    const declares = argv.length > 0 && DECLARES.test(argv[0]);
    for (const { name, value } of assignments) if (/[$`]/.test(value) && !PATH_VALUE.test(value)) out.add(name);
    for (const w of declares ? argv.slice(1) : []) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\+?=([^]*)$/.exec(w);
      if (m !== null && /[$`]/.test(m[2]) && !PATH_VALUE.test(m[2])) out.add(m[1]);
    }
    const start = pastBuiltins(argv.map((text) => ({ text, literal: true })), 0);
    const program = start < argv.length ? basename(argv[start]) : '';
    if (program === 'read') for (const n of readVariables(argv.slice(start + 1))) out.add(n);
    // (mapfile's array, its option values and redirections left out: `readNames`)
    if (program === 'mapfile' || program === 'readarray') for (const n of readNames([program, ...argv.slice(start + 1)]) ?? []) out.add(n);
    const v = argv.indexOf('-v');
    if (program === 'printf' && v > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(argv[v + 1] ?? '')) out.add(argv[v + 1]);
    if (program === 'getopts') {
      // NAME (past bash's `--`), and OPTARG, which it gives what its ARGs or the positional parameters hold
      const at = argv[start + 1] === '--' ? start + 3 : start + 2;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(argv[at] ?? '')) out.add(argv[at]);
      out.add('OPTARG');
    }
  }
  return out;
}

/** The programs that give a variable what they read (`scriptUnknownValues`). */
const UNKNOWN_GIVERS = /^(?:read|mapfile|readarray|printf|getopts|builtin|command|time)$/;

/**
 * Whether the first command of `script` that names the variable `name` assigns it a literal value each time the script runs
 * (`O=e`, `export O=e`, alone, at the top, unconditional: from there on it holds that value, whatever an envFrom source gave it).
 */
function assignedFirst(script: string, name: string): boolean {
  const named = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`);
  const first = simpleCommands(script).find((c) => c.words.some((w) => named.test(w.text)));
  if (first === undefined || !first.unconditional) return false;
  const { assignments, argv } = splitAssignments(first.words.map((w) => w.text));
  const declared = argv.length > 0 && /^(export|readonly|declare|typeset|local)$/.test(argv[0]) ? argv.slice(1).map((w) => /^([A-Za-z_][A-Za-z0-9_]*)=([^]*)$/.exec(w)) : [];
  const given = argv.length === 0 ? assignments : declared.flatMap((m) => (m === null ? [] : [{ name: m[1], value: m[2] }]));
  return given.some((a) => a.name === name && !/[$`]/.test(a.value));
}

/** `shells` in their order, those only a value not known makes interactive (`unknown`) after the others. */
function sortedKnownFirst<T extends { readonly unknown?: string }>(shells: readonly T[]): T[] {
  return [...shells.filter((s) => s.unknown === undefined), ...shells.filter((s) => s.unknown !== undefined)];
}

/**
 * The shells `run` runs as `expandedShellRuns` reads them with env -S's `${NAME}` as the step's value (`fixed`), and again with each
 * literal value the script gives a name (`assigned`: GNU env expands it from the environment the script gives it, which holds
 * what the script exported or assigned before the command, or env's own `NAME=VALUE`), each distinct shell once (at most
 * MAX_ENV_S_READINGS readings).
 */
function envSReadings(
  argv: readonly string[], run: Invocation, fixed: ReadonlyMap<string, string>, assigned: ReadonlyMap<string, readonly string[]>,
): ShellRun[] {
  const readings: Array<ReadonlyMap<string, string>> = [fixed];
  const named = new Set([...argv.join(' ').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]));
  for (const name of named) {
    for (const value of assigned.get(name) ?? []) if (readings.length < MAX_ENV_S_READINGS) readings.push(new Map([...fixed, [name, value]]));
  }
  const out = new Map<string, ShellRun>();
  for (const values of readings) for (const shell of expandedShellRuns(argv, run, values)) out.set(JSON.stringify(shell), shell);
  return [...out.values()];
}

/**
 * The readings of the variables `words` expand: the step's values (`fixed`), and again with each literal value the script gives
 * one of them (`assigned`), one at a time (at most MAX_ENV_S_READINGS).
 */
function valueReadings(
  words: readonly string[], fixed: ReadonlyMap<string, string>, assigned: ReadonlyMap<string, readonly string[]>,
): Array<ReadonlyMap<string, string>> {
  const readings: Array<ReadonlyMap<string, string>> = [fixed];
  if (assigned.size === 0) return readings;
  const named = new Set([...words.join(' ').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  for (const name of named) {
    for (const value of assigned.get(name) ?? []) if (readings.length < MAX_ENV_S_READINGS) readings.push(new Map([...fixed, [name, value]]));
  }
  return readings;
}

/** The readings of env -S's string `envSReadings` tries, at most. */
const MAX_ENV_S_READINGS = 8;

/** The names bash 5.2's `set -o NAME` takes (`set -o` lists them); `set` stops at another, changing nothing after it. */
const SET_O_NAMES = new Set(['allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof',
  'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix',
  'privileged', 'verbose', 'vi', 'xtrace']);

/**
 * Whether a simple command turns the shell's globbing off (`sign` `-`: `set -f`, `set -o noglob`, `shopt -so noglob`) or on again
 * (`+`: `set +f`, `shopt -uo noglob`), as bash 5.2 runs it: past its assignments, `builtin` and `command` (`builtin shopt -uo noglob`,
 * `command set +f`); `set`'s options up to its first operand, `-` or `--`, none where one is a letter it refuses (`set -f -Z`), those
 * before a `-o` name it refuses (`set -o nosuch -o noglob`), the last that changes noglob deciding; `shopt`'s up to its first operand
 * or `--` (`shopt -s nullglob -o noglob` is refused: `-o` is a name then), none with a letter it refuses or both `-s` and `-u`. For `+`,
 * also a command that may turn it on in code the script does not show: a program a value chooses (`$cmd`), `set` or `shopt` given an
 * expansion where an option or name stands (`set +o "$o"`), `eval` of one (`old=$(set +o); set -f; eval "$old"` restores it), `trap` of
 * one for a signal other than EXIT, and code `source` or `.` reads.
 */
function globbingChange(command: SimpleCommand, sign: '-' | '+'): boolean {
  const words = command.words;
  const at = pastBuiltins(words, splitAssignments(argvOf(command)).assignments.length);
  const program = words[at];
  if (program === undefined || compoundCommand(command)) return false;
  const rest = words.slice(at + 1);
  const shown = rest.every((w) => w.literal);
  if (!program.literal) return sign === '+';
  if (program.text === 'source' || program.text === '.' || (program.text === 'eval' && !shown)) return sign === '+';
  if (program.text === 'trap' && !shown) {
    const signals = rest.slice(rest[0]?.text === '--' ? 2 : 1);
    return sign === '+' && !signals.every((w) => w.literal && /^(EXIT|SIGEXIT|0)$/i.test(w.text));
  }
  if (program.text === 'shopt') {
    if (!shown) return sign === '+';
    const { flags, names } = builtinGetopt(rest.map((w) => w.text), '');
    return /^[psuoq]*$/.test(flags) && flags.includes('o') && flags.includes(sign === '-' ? 's' : 'u') && !flags.includes(sign === '-' ? 'u' : 's')
      && names.includes('noglob');
  }
  if (program.text !== 'set') return false;
  const changes: string[] = [];
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k];
    if (!w.literal) return sign === '+';
    if (w.text === '-' || w.text === '--' || !/^[-+]./.test(w.text)) break;
    if (!/^[-+][abefhkmnptuvxBCEHPTo]+$/.test(w.text)) return false;
    for (const letter of w.text.slice(1)) {
      if (letter === 'f') changes.push(w.text[0]);
      if (letter !== 'o' || k + 1 >= rest.length) continue;
      const name = rest[++k];
      if (!name.literal) return sign === '+';
      if (!SET_O_NAMES.has(name.text)) return changes[changes.length - 1] === sign;
      if (name.text === 'noglob') changes.push(w.text[0]);
    }
  }
  return changes[changes.length - 1] === sign;
}

/** `variablesRunAsCode`, read afresh. */
function readSinks(
  script: string, names: ReadonlySet<string>, parameters?: ReadonlyMap<number, string>, environmentPosixly = false,
  fixed: ReadonlyMap<string, string> = new Map(), setNames: ReadonlySet<string> = ALWAYS_SET, ownShell?: string,
  unknownNames: ReadonlySet<string> = new Set(), envFromBeside?: ReadonlySet<string>, emptyArgs = 0,
  wgetrcEnv: ReadonlyMap<string, string> = new Map(),
): CodeSink[] {
  // a variable is expanded only where its name is written (indirection, `${!NAME}`, names one that is written): a script
  // that writes none of the names runs none of them, nor one that reads no positional parameter
  // (outside the bodies of its functions, whose positional parameters are their calls')
  // (its leading ARGs surely empty dropped where the shell drops them: `withEmptyDropped`)
  const dropped = emptyArgs > 0 && parameters !== undefined && parameters.size > 0 ? withEmptyDropped(script, emptyArgs) : undefined;
  const own = parameters !== undefined && parameters.size > 0 && /\$(?:[0-9@*]|\{[0-9@*])|\bgetopts\b/.test(script)
    ? bindPositional(dropped?.text ?? script, parameters, 0) : undefined;
  const passed = own !== undefined && own.names.size > 0;
  // (a prompt the script's own interactive shell expands from its environment, `#!/bin/sh -i` with PS1 given, included)
  const interactiveShebang = shellPattern(INTERACTIVE_SHEBANG).test(script);
  const selfPrompt = SELF_PROMPT.filter((name) => names.has(name) && interactiveShebang);
  // (or, for the step's `ENV`, `PROMPT_COMMAND` and prompts, one that may start an interactive shell: `bash -i`, `sh -${UNSET}i`)
  // (or through a value the step's env gives the script's environment, `env -S 'sh ${F}'` with F=-i)
  // (or through a literal value the script gives a variable it writes, `export F=-i`, `F=-i env -S 'sh ${F}'`, `env F=-i env -S …`:
  // env -S's `${F}` read with each, `envSReadings`)
  const assignedValues = scriptLiteralValues(script);
  const valuesGiveOption = [...fixed.values(), ...[...assignedValues.values()].flat()].some((v) => /[-+i]/i.test(v));
  // (or through a variable whose value is not known here, which may be `i`: the step's env gives it from valueFrom or a
  // substitution, an envFrom source may set it, or the script reads it or takes it from a command's output, `read O < f; sh -$O`)
  // (the script's, and, once read below, those of the code it runs in a shell, `sh -c 'read O < f; sh -$O'`)
  const scriptUnknown = new Set(scriptUnknownValues(script));
  const anyOrigin = (name: string): string | undefined => (scriptUnknown.has(name) ? 'the script gives it what `read`, a command\'s output or a loop gives'
    : unknownNames.has(name) ? 'the step\'s env gives it from valueFrom or a substitution'
      : envFromBeside !== undefined && !envFromBeside.has(name) && !assignedFirst(script, name) ? 'an envFrom source may set it, whose keys are not known here' : undefined);
  const unknownValues = scriptUnknown.size > 0 || unknownNames.size > 0 || envFromBeside !== undefined || /\b(?:read|for|select|mapfile|readarray|printf|getopts)\b|=\S*[$`]/.test(script);
  const anyPossible = unknownValues
    && ['ENV', 'PROMPT_COMMAND', 'PS0', ...SELF_PROMPT].some((name) => names.has(name) || script.includes(name));
  // (the readings of `words` with one variable whose value is not known (anyOrigin) as such a value or empty, at most MAX_ENV_S_READINGS)
  const anyReadings = (words: readonly string[]): Array<{ values: ReadonlyMap<string, string>; name: string }> => {
    const named = new Set([...words.join(' ').matchAll(/\$\{?#?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    return [...named].filter((name) => anyOrigin(name) !== undefined).slice(0, MAX_ENV_S_READINGS / 2)
      .flatMap((name) => [ANY_VALUE, ''].map((value) => ({ values: new Map([...fixed, [name, value]]), name })));
  };
  // (the shells env -S's string runs with one `${NAME}` of a variable whose value is not known here read as such a value, by that name)
  const envSAnyReadings = (argv: readonly string[], run: Invocation): Array<ShellRun & { anyName: string }> => {
    const named = new Set([...argv.join(' ').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]));
    return [...named].filter((name) => anyOrigin(name) !== undefined).slice(0, MAX_ENV_S_READINGS)
      .flatMap((name) => expandedShellRuns(argv, run, new Map([...fixed, [name, ANY_VALUE]])).map((shell) => ({ ...shell, anyName: name })));
  };
  const startsShell = ['ENV', 'PROMPT_COMMAND', 'PS0', ...SELF_PROMPT].some((name) => names.has(name)) && (/[-+][^\s]*i/.test(script) || valuesGiveOption || anyPossible);
  // (or prints the whole environment, `env | sh`: each line NAME=VALUE, printedEnvironment)
  // (or an indirection, which may name one of them: `eval "${!N}"`; or a nameref, `local -n R=$1`)
  const wholeEnvironment = names.size > 0 && (WHOLE_ENVIRONMENT.test(script) || script.includes('${!') || /\b(?:declare|local|typeset)\s+-[A-Za-z]*n/.test(script));
  if (!passed && !startsShell && selfPrompt.length === 0 && ![...names].some((name) => script.includes(name)) && !wholeEnvironment) return [];
  // every command read: the script's, those of the code they run in a shell (to a depth of four) and of their substitutions
  const all: ReadCommand[] = [];
  const readTexts = new Set<string>();
  // how each text other than the script's is run, the first time it is read (`isolated`, below): the command that runs it
  // in a shell it starts, or whether a shell runs it as its own code (`sh -c CODE ARG…`, true) or in the script's shell (false)
  const runBy = new Map<string, { parent?: SimpleCommand; shell?: boolean; depth: number }>();
  const read = (text: string, depth: number, parent?: SimpleCommand, shell?: boolean): void => {
    readTexts.add(text);
    const was = runBy.get(text);
    const differs = was !== undefined && (was.parent !== parent || was.shell !== shell);
    if (depth > 0 && was === undefined) runBy.set(text, { parent, shell, depth });
    else if (differs) runBy.set(text, { shell: false, depth: Math.min(was.depth, depth) });
    const commands = simpleCommands(text);
    let pipeline: readonly SimpleCommand[] = NO_COMMANDS;
    commands.forEach((command, k) => {
      pipeline = k > 0 && commands[k - 1].pipe ? [...pipeline, commands[k - 1]] : NO_COMMANDS;
      all.push({ command, pipeline, source: text, depth, parent });
      for (const s of substitutedCommands(command)) all.push({ command: s, pipeline: NO_COMMANDS, source: text, depth, parent });
      if (depth < 4) {
        const piped = pipedFrom(pipeline)?.printer;
        const printed = piped === undefined ? undefined : printedBy(argvOf(piped), standardInput(piped));
        for (const code of shellCodesOf(command, printed)) read(code, depth + 1, command);
      }
    });
  };
  // the script read once, with the positional parameters it is given written as names of their own
  read(passed ? own.text : script, 0);
  for (const text of readTexts) if (text !== script) for (const name of scriptUnknownValues(text)) scriptUnknown.add(name);
  // where each command of the script's own text stands in it (its substitutions where it does), and the variables the
  // script stops at, or gives a literal number, when they do not match a pattern of digits (`digitGuards`)
  const topText = passed ? own.text : script;
  const topCommands = simpleCommands(topText);
  const position = new Map<SimpleCommand, number>();
  topCommands.forEach((command, k) => {
    position.set(command, k);
    for (const s of substitutedCommands(command)) if (!position.has(s)) position.set(s, k);
  });
  const guards = digitGuards(topCommands);
  // whether the shell expands no pattern where `command` of the script's own text runs: a `set -f` (`set -ef`, `set -o noglob`) of that
  // text before it that runs whatever ran before (SimpleCommand.unconditional), or the shell started so (its `#!` line's option group
  // holding f, `#!/bin/bash -f`; for bash, SHELLOPTS holding noglob in the step's env, which bash imports at start-up: bash 5.2 run,
  // `env SHELLOPTS=noglob bash -c 'echo a*'` printed a*, dash 0.5.12 and busybox's ash ignore it), and no command anywhere that turns it
  // back on or may (globbingChange: `set +f`, `builtin shopt -uo noglob`, `eval "$old"`, `source lib.sh`); a `#!` line with any `+` option
  // word is not read so (`#!/usr/bin/env -S bash -f +f`, `-f +o noglob`: bash 5.2 and dash expand patterns again)
  const startsNoglob = (shellPattern(NOGLOB_SHEBANG).test(script) && !/^#![^\n]*[ \t]\+[A-Za-z]/.test(script))
    || (/^r?bash$/.test(ownShell ?? '') && (fixed.get('SHELLOPTS') ?? '').split(':').includes('noglob'));
  const globbingOff = (command: SimpleCommand): boolean => {
    const here = position.get(command);
    if (here === undefined || all.some((e) => globbingChange(e.command, '+'))) return false;
    return startsNoglob || topCommands.some((c, k) => k < here && c.unconditional && globbingChange(c, '-'));
  };
  // the variables that hold a value of `names`, by the name whose value they hold; the names that refer to one
  const holds = new Map<string, string>([...names].map((n) => [n, n]));
  // those that hold only what a command given one prints (`N=$(echo "$X" | wc -l)`): not read as arithmetic
  const printed = new Set<string>();
  // of those, the positional parameters bound from one, by the name they are bound from
  const printedFrom = new Map<string, string>();
  const refers = new Map<string, string>();
  // the texts read but the code a text read runs in the same shell (eval's), which is also read where that text writes it
  const sameShellTexts = (): string[] => [...readTexts].filter((t) => {
    const parent = runBy.get(t)?.parent;
    const program = parent === undefined ? undefined : runOf(withoutRedirections(splitAssignments(argvOf(parent)).argv)).program;
    return program === undefined || !SAME_SHELL.test(basename(program)) || ![...readTexts].some((u) => u !== t && u.includes(t));
  });
  // the names an indirection of a positional parameter in a function's body resolves to, by the parameter (`f() { eval "${!1}"; }; f X`:
  // X), where every call passes a literal name there (positionalTargets)
  const positionalRefers = new Map<string, readonly string[]>();
  // the variables exported to the commands the script runs: the step's env vars, and those the script exports (`export Y`,
  // `declare -x Y=…`, every one after `set -a`), read again as commands are added
  let exportedRead = -1;
  let exportedNames = new Set<string>();
  let allExported = false;
  // whether an export the script runs reaches a command that prints the environment (`printenv Y`, `env`; exportReader)
  const reached = new Map<ReadCommand, boolean>();
  const exportReaches = (entry: ReadCommand): boolean => {
    let found = reached.get(entry);
    if (found === undefined) {
      found = exportReachesReader(entry);
      reached.set(entry, found);
    }
    return found;
  };
  const exportReachesReader = ({ command, source, parent }: ReadCommand): boolean => {
    // (in a pipeline or the background, bash runs it in a subshell, whose export ends with it)
    if (command.pipe || command.after === '|' || command.background) return false;
    // (code run in the same shell, `eval`'s, whose exports reach the commands after it: not read by position here)
    const program = parent === undefined ? undefined : runOf(withoutRedirections(splitAssignments(argvOf(parent)).argv)).program;
    if (program !== undefined && SAME_SHELL.test(basename(program))) return true;
    const commands = simpleCommands(source);
    const i = commands.indexOf(command);
    if (i < 0) return true;
    // (in the body of a function the text never calls: it never runs)
    if (command.scope.some((_, d) => neverCalled(source, commands, command, d, command))) return false;
    // (in a function's body, or printing in one: it runs where the function is called, any order)
    const inFunction = (c: SimpleCommand): boolean => c.scope.some((_, d) => functionBody(commands, c, d));
    const subshells = command.scope.filter((f, d) => f.kind === 'other' && !f.group && !functionBody(commands, command, d)).map((f) => f.id);
    return commands.some((c, j) => c !== command && exportReader(c)
      // a subshell's export reaches only the commands in it
      && subshells.every((id) => c.scope.some((f) => f.id === id))
      // after it, or in a loop with it, which may run it again
      && (j > i || inFunction(command) || inFunction(c) || c.scope.some((f) => f.kind === 'loop' && command.scope.some((g) => g.id === f.id))));
  };
  const exportedTo = (name: string): boolean => {
    if (names.has(name)) return true;
    if (exportedRead !== all.length) {
      exportedRead = all.length;
      exportedNames = new Set();
      for (const entry of all) {
        const { command } = entry;
        const words = command.words;
        const at = pastBuiltins(words, 0);
        const first = words[at];
        if (first === undefined || !first.literal) continue;
        const options = words.slice(at + 1).filter((w) => w.literal && /^[-+]/.test(w.text));
        // (`set -a`, `set -o allexport`: bash 5.2 and dash)
        const setWords = words.slice(at + 1);
        if (first.text === 'set' && (options.some((w) => /^-[A-Za-z]*a/.test(w.text))
          || setWords.some((w, k) => w.literal && w.text === 'allexport' && /^-[A-Za-z]*o$/.test(setWords[k - 1]?.text ?? '')))) allExported = true;
        if ((first.text === 'export' || (DECLARES.test(first.text) && options.some((w) => /^-[A-Za-z]*x/.test(w.text)))) && exportReaches(entry)) {
          for (const w of words.slice(at + 1)) {
            const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text);
            if (m !== null && !w.text.startsWith('-')) exportedNames.add(m[0]);
            // (a name the script does not fix, `export "$n"`, may be any: bash 5.2 exports the variable its value names; not one it assigns, `export "$n"=1`)
            else if (!w.literal && /^["']?\$/.test(w.text) && !w.text.includes('=')) allExported = true;
          }
        }
      }
    }
    return allExported || exportedNames.has(name);
  };
  // a variable holding a value that a command prints from its environment as it is (`printenv Y`, `env`: printedEnvironment), where
  // it is exported to it (or assigned before it, `Y="$X" printenv Y`)
  const environmentHeld = (command: SimpleCommand): string | undefined => {
    const env = printedEnvironment(command);
    if (env === undefined) return undefined;
    const before = splitAssignments(argvOf(command)).assignments.map((a) => a.name);
    const candidates = env === '*' ? [...holds.keys()].filter((n) => !n.startsWith('__p')) : env;
    return candidates.find((n) => holds.has(n) && (before.includes(n) || exportedTo(n)));
  };
  const held = (word: { readonly text: string; readonly literal: boolean }): string | undefined => {
    for (const v of expandedVariables(word)) if (holds.has(v)) return v;
    // what `printf %q` prints of an array's elements: each quoted as one word of shell code (bash 5.2, `"$(printf '%q ' "${A[@]}")"`, a
    // command line run as code, then), so only its first element, the program, runs as code
    // (and what `${A[@]@Q}` gives of them, quoted alike: `eval "${A[@]@Q}"` runs the first element, the others its arguments)
    const quoted = compoundArrays.size > 0 && !word.literal ? PRINTF_QUOTED.exec(word.text) ?? OPERATOR_QUOTED.exec(word.text) : null;
    if (quoted !== null && compoundArrays.has(quoted[2])) {
      return [quoted[2], `${quoted[2]}[0]`, ...unknownFirst.has(quoted[2]) ? [`${quoted[2]}[@]`] : []].find((n) => holds.has(n));
    }
    // an element of an array a compound assignment gives one (`A=(ls "$X")`: `${A[1]}`, `${A[$i]}`, `${A[@]}`; not `${#A[@]}`, `${!A[@]}`)
    if (compoundArrays.size > 0 && !word.literal && word.text.includes('[')) {
      // (or of the array a nameref declared with its literal name refers to: `declare -n R=A; eval "${R[1]}"`)
      for (const m of word.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]/g)) {
        for (const a of [m[1], ...namerefs.get(m[1]) ?? []]) {
          if (!compoundArrays.has(a)) continue;
          const k = elementIndex(m[2]);
          if (k !== undefined && holds.has(`${a}[${k}]`)) return `${a}[${k}]`;
          // (an element whose index is not known where it may be that one: `A[@]`, or past the first, `A[+]`, `A=(ls $O "$X")`)
          if (k !== undefined) {
            const any = [`${a}[@]`, ...k > 0 ? [`${a}[+]`] : []].find((n) => holds.has(n));
            if (any !== undefined) return any;
            continue;
          }
          for (const n of holds.keys()) if (n.startsWith(`${a}[`)) return n;
        }
      }
    }
    if (refers.size > 0 && !word.literal) {
      for (const m of word.text.matchAll(/\$\{!([A-Za-z_][A-Za-z0-9_]*|[0-9]+)\}/g)) if (holds.has(refers.get(m[1]) ?? '')) return refers.get(m[1]);
    }
    // an indirection whose name the script does not fix (`unresolved`, below), which may name a variable holding a value
    if (indirect.size > 0 && !word.literal && word.text.includes('${!')) {
      for (const m of word.text.matchAll(INDIRECTION)) if (holds.has(`\${!${m[1]}}`)) return `\${!${m[1]}}`;
    }
    // what a command substitution (or process substitution) prints from the environment (`eval "$(printenv Y)"`, `$(env | grep Y=)`)
    if (!word.literal && word.text.includes('env')) {
      const codes = [...substitutionCodes(word.text), ...(/^[<>]\(/.test(word.text) && word.text.endsWith(')') ? [word.text.slice(2, -1)] : [])];
      for (const code of codes) {
        if (!code.includes('env')) continue;
        for (const c of simpleCommands(code)) {
          const v = environmentHeld(c);
          if (v !== undefined) return v;
        }
      }
    }
    return undefined;
  };
  // the names held and those referring to one, each in the order added (they only grow), listed again when one is added
  let heldNames: string[] = [];
  let referNames: string[] = [];
  // whether each command writes one: true once it does (a command that wrote one still does), else how many of the names held
  // and referring it was read for (a later read looks for the names added since alone)
  const wrote = new Map<SimpleCommand, true | readonly [number, number]>();
  const writes = (command: SimpleCommand): boolean => {
    const was = wrote.get(command);
    if (was === true) return true;
    if (was !== undefined && was[0] === holds.size && was[1] === refers.size) return false;
    if (heldNames.length !== holds.size) heldNames = [...holds.keys()];
    if (referNames.length !== refers.size) referNames = [...refers.keys()];
    const text = summaryOf(command).text;
    // (or prints one from its environment, `env`, `printenv Y`: printedEnvironment)
    // (or a command substitution in it that prints one, `eval "$(env)"`, `source <(printenv)`, where no variable is named)
    let found = text.includes('env') && (environmentHeld(command) !== undefined || command.words.some((w) => !w.literal && w.text.includes('env') && /\$\(|<\(|`/.test(w.text) && held(w) !== undefined));
    // (an indirection held, `${!N}`, written with an operator too: `${!N:-d}`)
    // (an array's element, `A[1]`, by the array's name: `"${A[@]}"` expands it)
    const written = (n: string) => (n.startsWith('${!') ? n.slice(0, -1) : n.includes('[') ? `${n.slice(0, n.indexOf('['))}[` : n);
    for (let k = was?.[0] ?? 0; !found && k < heldNames.length; k++) found = text.includes(written(heldNames[k]));
    for (let k = was?.[1] ?? 0; !found && k < referNames.length; k++) found = text.includes(referNames[k]);
    // (an element of a held array through a nameref to it: `declare -n R=A`, `${R[1]}`)
    if (!found && namerefs.size > 0) {
      found = [...namerefs].some(([r, targets]) => text.includes(`${r}[`) && [...targets].some((t) => heldNames.some((h) => h.startsWith(`${t}[`))));
    }
    wrote.set(command, found ? true : [heldNames.length, referNames.length]);
    return found;
  };
  // a text of a command expands what a word of it expands (a runner's command is made of its words), or what the words it is
  // made of, joined with spaces, expand (pnpm dlx's and pnpm exec's shell mode: `pnpm dlx -c cowsay "$X"` runs `sh -c 'cowsay …'`)
  const wordOf = (command: SimpleCommand, text: string) => command.words.find((w) => w.text === text && !w.literal) ?? joinedWord(command, text);
  // what a command reads as its input holds: its here-string, its unquoted heredoc, or what a command before it in its pipeline writes
  const inputHeld = ({ command, pipeline, source }: ReadCommand): string | undefined => {
    const given = ownInput(command);
    if (given !== undefined) return given;
    // a command given no input of its own, in a compound command whose closing word redirects it (`done <<< "$X"`)
    if (pipeline.length === 0 && splitRedirections(argvOf(command)).from === undefined && command.scope.length > 0) {
      const closer = compoundInput(simpleCommands(source), command);
      if (closer !== undefined) return ownInput(closer);
    }
    for (const p of pipeline) {
      const fromEnvironment = environmentHeld(p);
      if (fromEnvironment !== undefined) return fromEnvironment;
      for (const w of p.words) {
        const v = held(w);
        if (v !== undefined) return v;
      }
      for (const h of p.heredocs) {
        const v = h.expanded ? held({ text: h.body.replace(/\\[\s\S]/g, ''), literal: false }) : undefined;
        if (v !== undefined) return v;
      }
    }
    return undefined;
  };
  // what a command's own here-string or unquoted heredoc holds, or the code of a process substitution it reads (`< <(echo "$X")`)
  // (or on the descriptor `fd`)
  const ownInput = (command: SimpleCommand, fd = 0): string | undefined => {
    const source = descriptorSource(command, fd);
    const input = source.kind === 'text' ? source.text : undefined;
    const heredoc = source.kind === 'text' ? source.heredoc : undefined;
    if (input !== undefined) {
      return heredoc === undefined ? held({ text: input, literal: !command.words.some((w) => !w.literal && w.text.endsWith(input)) })
        : heredoc.expanded ? held({ text: heredoc.body.replace(/\\[\s\S]/g, ''), literal: false }) : undefined;
    }
    const from = redirectedFrom(argvOf(command), fd);
    return from?.startsWith('<(') ? held(wordOf(command, from)) : undefined;
  };
  // the files a command writes a held value to, by path: the variable, and the command that writes it
  const files = new Map<string, { variable: string; line: string }>();
  let functions: ReadonlyMap<string, readonly string[]> = new Map();
  let functionsRead = 0;
  let bindings = 0;
  const notProgram = new Set<string>();
  const bound = new Set<string>();
  // the calls of functions that run their arguments as a command, read as that command
  const readCalls = new Set<string>();
  // the positions of the positional parameters a command gives (`positional`) that the shell splits from an unquoted value
  // (`set -- $X`, `f $X`), and the `"$@"` holding one (`"${__pat_0_}"` where `set -- $X; find . "$@"`): its words are the value's
  const splitPositions = new WeakMap<ReadonlyMap<number, string>, Set<number>>();
  // (by the `"$@"`'s name, the variable the script split into the first such position: `D` of `set -- $D`)
  const splitLists = new Map<string, string>();
  // the words a command gives as positional parameters (`positional`), each field's in order from `from`, whether each is one field
  // (`ordered`), and what gives them (`set`, `the call of f`, `bash -c`): the elements `"$@"` and `"$*"` give, and the one `$N` gives, by the
  // name of each bound (`__pat_0_`, `__p1_0_`), with where each form of it starts (bindPositional's `leads`)
  type PositionalWords = { readonly fields: readonly Word[]; readonly ordered: boolean; readonly from: number; readonly by: string };
  const positionalWords = new WeakMap<ReadonlyMap<number, string>, PositionalWords>();
  // (those of them xargs gives, each a word it split from what it reads at blanks: `echo "$X" | xargs sh -c 'find . "$@"' sh`)
  const xargsFields = new WeakSet<Word>();
  const positionalLists = new Map<string, PositionalWords & { readonly leads: PositionRanges }>();
  // the elements of each array that the shell splits from an unquoted value (`args=($X)`), by the array's name
  const splitElements = new Map<string, Word[]>();
  // the words a loop gives its variable one at a time from a value the shell splits (`for d in $X`)
  const loopWords = new Set<{ readonly text: string; readonly literal: boolean }>();
  // (the values of an array's elements the shell splits from an unquoted expansion, `args=(a $X)`: each one word of it)
  const elementWords = new Set<{ readonly text: string; readonly literal: boolean }>();
  const bind = (written: string, values: ReadonlyMap<number, string>, depth: number, shell = false, setBy?: string, empty = 0): boolean => {
    if (values.size === 0 || bindings >= MAX_BINDINGS || depth > 4) return false;
    // (and what gives them, where one `set` reads the first as its option and another gives it: `set "$X"; set -- "$X"`)
    const key = `${written}\u0000${[...values].join('\u0000')}\u0000${setBy ?? ''}\u0000${positionalWords.get(values)?.fields.map((f) => `${f.literal}${f.text}`).join('\u0000')}`;
    if (bound.has(key)) return false;
    bound.add(key);
    // (the leading ARGs surely empty dropped where the shell drops them: `sh -c '$@' sh '' "$X"` runs the value)
    const { text: code, from: lead } = withEmptyDropped(written, empty);
    const { text, names: given, programs, positions, leads } = bindPositional(code, values, bindings, setBy);
    if (given.size === 0) return false;
    const words = positionalWords.get(values);
    for (const name of given.keys()) if (words !== undefined && /^__p([0-9]+|at|st)_/.test(name)) positionalLists.set(name, { ...words, leads });
    // (any position it gives, not only the first holding a value: `set -- "$Y" $X; find . "$@"`)
    for (const [name, js] of positions) {
      const j = js.find((x) => splitPositions.get(values)?.has(x) === true);
      if (/^__pat_/.test(name) && j !== undefined) splitLists.set(name, values.get(j)!);
    }
    bindings++;
    for (const [name, from] of given) {
      holds.set(name, holds.get(from) ?? from);
      if (printed.has(from)) {
        printed.add(name);
        printedFrom.set(name, from);
      }
    }
    // `"$@"` chooses the program only where its first field holds a value: $1, past the shifts before it (`shift; "$@"`, any
    // from $1 on where one may not run, `[ -n "$1" ] && shift`), the N-th for `"${@:N}"`
    for (const name of given.keys()) if (/^__p(at|st)_/.test(name) && !choosesProgram(programs.get(name), values, lead ? empty : undefined)) notProgram.add(name);
    read(text, depth, undefined, shell);
    return true;
  };
  // the elements of each array the script assigns (`opts=(-c "core.sshCommand=$X")`, `opts+=(…)`), every assignment's in
  // text order, by name, once read: where a word expands one whole (`"${opts[@]}"`) they are the program's arguments
  let arrays: Map<string, Word[]> | undefined;
  // (the arrays a compound assignment gives anew more than once, `A=(ls); A=(a "$X")`: where each element is, not known)
  const reassigned = new Set<string>();
  const arrayElements = (name: string): Word[] | undefined => {
    if (arrays === undefined) {
      arrays = new Map();
      const given = new Set<string>();
      for (const { command } of all) {
        if (!summaryOf(command).text.includes('=(')) continue;
        for (const w of command.words) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=\(([\s\S]*)\)$/.exec(w.text);
          if (m === null) continue;
          if (m[2] === '' && given.has(m[1])) reassigned.add(m[1]);
          if (m[2] === '') given.add(m[1]);
          const elements = simpleCommands(m[3].replace(/\r?\n/g, ' ')).flatMap((c) => c.words);
          arrays.set(m[1], [...arrays.get(m[1]) ?? [], ...elements]);
        }
      }
    }
    return arrays.get(name);
  };
  // the elements an array expanded whole or sliced (`"${args[@]}"`, `"${args[@]:1}"`) gives, in order where that is known (`ordered`),
  // and the index of the first (`offset` as written, none 0; one not known, undefined); undefined where none holds a caller's value
  type Element = { readonly text: string; readonly literal: boolean; readonly variable?: string; readonly split?: boolean };
  type Given = { elements: readonly Element[]; ordered: boolean; offset: number | undefined };
  const arrayElementsGiven = (name: string, written?: string): Given | undefined => {
    // (an element written `[i]=VALUE`, `args=([1]="$X")`, is VALUE, one word; one assigned alone, `args[0]=$X`, or the array's name
    // assigned, element 0, is the value too: bash 5.2 and findutils 4.9 run with X=-delete, `args=([1]="$X")`, `args=(); args[0]="$X"`
    // and `args="$X"` then `find . "${args[@]}"` delete every file under .)
    const alone = assigned.filter((a) => a.name === name).map((a) => a.value);
    const compound = arrayElements(name);
    if (!compoundArrays.has(name) && alone.length === 0) return undefined;
    const sliceable: Element[] = [...(compound ?? []).map((e) => {
      const subscripted = /^\[[^\]]*\]\+?=([\s\S]*)$/.exec(e.text);
      return subscripted === null ? e : { text: subscripted[1], literal: e.literal };
    }), ...alone];
    if (!sliceable.some((e) => held(e) !== undefined)) return undefined;
    // (in order where the compound assignments give them so, else each may be first: elements written `[i]=`, or assigned alone)
    const listed = !holds.has(name) && !reassigned.has(name) && alone.length === 0 && !(compound ?? []).some((e) => e.text.startsWith('['));
    // (or in the order of their indexes, where each is a number, given once, and they run from 0 without a gap, which bash expands
    // them by and counts an offset in: bash 5.2 and findutils 4.9 run, `args=([0]=-name [1]="$X")` and `args=(-name); args[1]="$X"`
    // give the value as -name's, X=-delete deleting nothing)
    const indexed = assigned.filter((a) => a.name === name || a.name.startsWith(`${name}[`));
    const indexes = indexed.map((a) => elementIndex(a.name === name ? a.subscript ?? '0' : a.name.slice(name.length + 1, -1)));
    const byIndex = !listed && !reassigned.has(name) && indexes.every((i) => i !== undefined && i < indexes.length)
      && new Set(indexes).size === indexes.length;
    const elements = byIndex ? indexed.map((a, j) => ({ a, at: indexes[j]! })).sort((x, y) => x.at - y.at).map(({ a }) => a.value) : sliceable;
    return { elements, ordered: listed || byIndex, offset: written === undefined ? 0 : elementIndex(written) };
  };
  // the same of the positional parameters a binding names (`"${__pat_0_:2}"`): the words the command that gives them writes (positionalLists),
  // from where that form starts past the shifts before it (`$@` at $1, `${@:2}` at $2, bindPositional's `leads`); where it may start at
  // several, or its offset is not a number, any first
  const positionalElements = (word: ArrayWord, list: PositionalWords & { readonly leads: PositionRanges }): Given | undefined => {
    const first = /^:[ \t]*([0-9]+)(?:[ \t]*:[ \t]*[0-9]+)?[ \t]*$/.exec(word.rest)?.[1];
    const lead = word.rest !== '' && first === undefined ? undefined : list.leads.get(`${word.name}:${Number(first ?? 1)}`);
    const offset = lead === undefined || lead[0] !== lead[1] || lead[0] < list.from ? undefined : lead[0] - list.from;
    return !list.fields.some((e) => held(e) !== undefined) ? undefined : { elements: list.fields, ordered: list.ordered, offset };
  };
  // whether the positional parameter a word gives whole (`"$1"`, `"${1%/}"`, `__p1_0_` as bound) may hold a value that starts with -: read as
  // `"${@:N:1}"` is (positionalElements), the word the command that gives them writes at its place past the shifts, where that is known; not
  // the first of a `set` that reads one starting with - or + as its option (bash 5.2 run with X=-delete: `set "$X"; find d "$1"` and
  // `set -e "$X"` are invalid options, nothing deleted; `set -- "$X"; find d "$1"`, `set a "$X"; find d "$2"` and `set a "$X"; shift;
  // find d "$1"` delete every file under d)
  const positionalMayLead = (name: string): boolean => {
    const n = /^__p([0-9]+)_[0-9]+_$/.exec(name)?.[1];
    const list = n === undefined ? undefined : positionalLists.get(name);
    if (list === undefined) return true;
    const given = positionalElements({ name, subscript: '@', rest: `:${n}:1`, offset: n, length: '1' }, list);
    const at = given === undefined || !given.ordered || given.offset === undefined ? undefined : given.elements[given.offset];
    return given !== undefined && (at === undefined || held(at) !== undefined);
  };
  // the positional parameters a command gives (by position, from 1), held
  // past a word that may give several fields or none (an array expanded whole, an unquoted variable), each held value is given every
  // position it may take, up to this many after its own (`A=(ls "$X"); set -- "\${A[@]}"; eval "$2"`)
  const SPREAD = 16;
  // (a pattern that matches no file gives no field where the script sets bash's nullglob, wherever it does)
  const nullglob = /\bnullglob\b/.test(script);
  // (`by`, what gives them, as positionalWords records it; `optionable`, a set whose options no `--` or `-` ends, which reads its first
  // word as an option where the value starts with - or +: as its first parameter no such value, bash 5.2 run, `set "$X"` with X=-delete
  // is an invalid option, and `set -e "$X"` alike; but one that is an option, `--` or `-`, gives the words after it from $1: bash 5.2 run,
  // `set "$X" "$Y"` with X=-- or -e and Y=-delete gives $1 -delete, so where a later word holds a value none is known in its place)
  // (`xargsSplit`: xargs splits what it reads, which it appends, into words at blanks: xargsFields)
  const positional = (command: SimpleCommand, operands: readonly string[], from: number, appended?: ReadonlySet<string>, by = '', optionable = false,
    xargsSplit = false): Map<number, string> => {
    const values = new Map<number, string>();
    let at = from;
    let spread = 0;
    // (how many words before may give no field: `A=(ls $O "$X")`, O empty, gives X as $2)
    let none = 0;
    const fields: Word[] = [];
    let optioned = false;
    const put = (v: string | undefined, one = true, word?: Word): void => {
      for (let k = Math.max(from, at - none); v !== undefined && k <= at + spread; k++) if (!values.has(k)) values.set(k, v);
      at++;
      if (!one) none++;
      // (set's first word, as its option where it starts with - or +: no value there; not one the shell may split into several, whose
      // first may be `--`, bash 5.2 run: `set $X` with X='-- -delete' gives $1 -delete)
      const option = optionable && fields.length === 0 && word !== undefined && !word.literal && spread === 0;
      if (option) optioned = true;
      if (word !== undefined) fields.push(option ? { text: 'x', literal: true } as Word : word);
    };
    // (a word the shell gives as one field: literal, or one quoted variable)
    const one = (w: Word): boolean => w.literal || (w.variable !== undefined && w.split === false && !/^[@*]$/.test(w.variable));
    // (each operand's word as written, quotes kept, where the command's words are read alike: whether it may give no field)
    const raws = writtenOperands(command, operands);
    for (const [j, w] of operands.entries()) {
      const word = appended?.has(w) ? { text: w, literal: false } : wordOf(command, w);
      if (xargsSplit && appended?.has(w) === true) xargsFields.add(word as Word);
      const whole = compoundArrays.size > 0 ? /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(w) : null;
      const elements = whole === null || !compoundArrays.has(whole[1]) ? undefined : arrayElements(whole[1]);
      // (an array whose elements its compound assignments give in order, and no other assignment: each at its position, those after
      // an element that may be several fields or none at any position up to SPREAD past it; not one appended to where it may be
      // empty, nor one given `[k]=` elements, which bash expands in the order of their indexes)
      if (elements !== undefined && !holds.has(whole![1]) && !unknownFirst.has(whole![1]) && !reassigned.has(whole![1])
        && !elements.some((e) => e.text.startsWith('['))) {
        for (const e of elements) {
          if (!one(e)) spread = SPREAD;
          put(held(e), one(e), e);
        }
        continue;
      }
      const v = held(word);
      const raw = appended?.has(w) ? undefined : raws?.[j];
      // (a literal word with a pattern or bash's braces outside quotes, `*.txt`, `{a,b}`, may be several fields)
      const single = whole === null && one(word as Word) && !(raw !== undefined && mayGiveSeveralFields(raw));
      if (!single) spread = SPREAD;
      if (v !== undefined && raw !== undefined && unquotedExpansion(raw)) {
        const split = splitPositions.get(values) ?? new Set<number>();
        for (let k = Math.max(from, at - none); k <= at + spread; k++) split.add(k);
        splitPositions.set(values, split);
      }
      // (a word that is not one field may still never give none: a quoted one, or one with a literal part)
      put(v, single || (raw !== undefined && whole === null && !mayGiveNoField(raw, nullglob)), word as Word);
    }
    const moved = optioned && fields.slice(1).some((f) => held(f) !== undefined);
    if (by !== '') positionalWords.set(values, { fields, ordered: spread === 0 && none === 0 && !moved, from, by });
    return values;
  };
  // the positional parameters the script is given (its values named by `positional`)
  if (passed && parameters !== undefined) {
    for (const origin of parameters.values()) holds.set(origin, origin);
    for (const [name, from] of own.names) holds.set(name, from);
    for (const name of own.names.keys()) {
      if (/^__p(at|st)_/.test(name) && !choosesProgram(own.programs.get(name), parameters, dropped?.from === true ? emptyArgs : undefined)) notProgram.add(name);
    }
    bindings = 1;
  }
  // every assignment of the commands read, then the variables that hold a value of `names` through them (and through the
  // positional parameters, `read`, `for` and the files written), until none is added
  let scanned = 0;
  const assigned: Assignment[] = [];
  // the arrays a compound assignment gives elements (`A=(…)`, `A+=(…)`), each element assigned as `A[k]` (`arrayAssignments`)
  const compoundArrays = new Set<string>();
  // those of them whose first element may be one whose index is not known (`A+=(…)`, `A=($O "$X")`)
  const unknownFirst = new Set<string>();
  // where each array is assigned one element at least (`A=(tool …)`), by name: an append there on (`A+=(…)`) gives none the first
  const arrayStarts = new Map<string, Array<{ source: string; scope: readonly Scope[] }>>();
  // the names a nameref declared with a literal name refers to (`declare -n R=N`): an assignment to R assigns N
  const namerefs = new Map<string, Set<string>>();
  const assign = (a: Assignment): void => {
    assigned.push(a);
    if (a.nameref && a.refers) {
      const targets = namerefs.get(a.name) ?? new Set<string>();
      if (targets.has(a.value.text)) return;
      targets.add(a.value.text);
      namerefs.set(a.name, targets);
      for (const b of [...assigned]) if (b.name === a.name && !b.nameref) assigned.push({ ...b, name: a.value.text });
    } else if (!a.nameref) {
      for (const t of namerefs.get(a.name) ?? []) assigned.push({ ...a, name: t });
    }
  };
  const reads: Array<{ entry: ReadCommand; names: string[]; array?: string; reader?: string }> = [];
  // the arrays `read -a` and `mapfile`/`readarray` fill from a held value, split (at blanks, at lines), by name: their reader and
  // the variable read (`read -ra args <<< "$X"`, `mapfile -t args < <(echo "$X")`)
  // (and, for mapfile without -t, whether each element keeps the line break that ends it, `all` where what it reads ends with one, else
  // `last`, where the last line may have none: mapfileKept)
  const readArrays = new Map<string, { reader: string; from: string; kept?: 'all' | 'last' }>();
  // the variables held only through a name the script does not fix (CodeSink.indirect): `${!N}` of an N it builds or reads, a nameref
  // given such a target; each held as the value of the first of `names` (or of the positional parameters), which it may name
  const indirect = new Set<string>();
  const anyOrigin0 = (): string | undefined => [...names][0] ?? [...parameters?.values() ?? []][0];
  // N is fixed where every value the script gives it is a literal name, whole (not `N+=Z`, `read N`, `printf -v N`, a loop over
  // `${!P*}`, `$1`), or, given none, where the step's env gives it one; a positional parameter never is
  const fixedName = (n: string): boolean => {
    if (/^[0-9]/.test(n) || reads.some((r) => r.names.includes(n))) return false;
    const values = assigned.filter((a) => a.name === n);
    if (values.length === 0) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(fixed.get(n) ?? '');
    return values.every((a) => !a.append && !a.nameref && a.value.literal && /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?$/.test(a.value.text));
  };
  // the indirections of the texts read, by the texts read when listed
  let indirections: string[] = [];
  let indirectionsRead = 0;
  // the version of what is held (it only grows) at which each command was last read for what it gives
  const readAt: number[] = [];
  // a quoted word that is a variable the script assigns only values that start with literal text, not a `-` (`D="/packages/$X"`,
  // then `git clone "$D"`): its value never starts with the caller's (the variable is none the caller's value reaches otherwise:
  // not one of `names`, nor read by `read`); unquoted, the shell splits it, and a later word may start with the caller's value
  const startsWithText = (word: { readonly variable?: string; readonly split?: boolean }): boolean => {
    const name = word.split === false ? word.variable : undefined;
    if (name === undefined || names.has(name) || reads.some((r) => r.names.includes(name))) return false;
    const values = assigned.filter((a) => a.name === name);
    return values.length > 0 && values.every((a) => !a.nameref && /^[A-Za-z0-9_/.:@+,]/.test(a.value.text.replace(/^["']+/, '')));
  };
  // whether a word that is one quoted variable holds a value that starts with a caller's value: the env var, a positional parameter,
  // what `read` reads, or a variable each of whose assignments starts with another variable (`D="$X"`, `for d in $X`); not one a
  // command's output gives (`D=$(realpath -m "/src/$X")`), which starts as that command prints
  // (a nameref declared with a literal name is the variable it names, `declare -n R=X; find "$R"`: bash 5.2 deletes with X=-delete)
  const startsWithValue = (word: { readonly variable?: string; readonly split?: boolean }, seen: readonly string[] = []): boolean => {
    const name = word.split === false ? word.variable : undefined;
    if (name === undefined || seen.includes(name)) return false;
    if (names.has(name) || /^__p/.test(name) || reads.some((r) => r.names.includes(name))) return true;
    const values = assigned.filter((a) => a.name === name);
    return values.length > 0 && values.every((a) => (a.nameref && a.refers
      ? startsWithValue({ variable: a.value.text, split: false }, [...seen, name])
      : !a.nameref && /^\$(?:[A-Za-z_0-9@*]|\{[A-Za-z_0-9@*!])/.test(a.value.text.replace(/^"+/, ''))));
  };
  // a double-quoted indirection read as wholeValueWord reads a variable, and how: of a name the script fixes (refers: `N=X`, a function's
  // `${!1}` every call gives a literal name), the variable it names (`N=X; find "${!N}"` and `"${!N%/}"`: bash 5.2 deletes with
  // X=-delete); of one it does not (indirect: `read N`), the indirection held, which may name any; not of a nameref, `${!R}` being the
  // name R refers to, nor `${!N*}`, `${!N@}`, `${!N[@]}`
  const namedWhole = (raw: string): { readonly name: string; readonly through: string } | undefined => {
    const m = /^"\$\{!([A-Za-z_][A-Za-z0-9_]*|[0-9]+)/.exec(raw);
    if (m === null || namerefs.has(m[1]) || assigned.some((a) => a.name === m[1] && a.nameref)) return undefined;
    const target = refers.get(m[1]);
    const key = `\${!${m[1]}}`;
    const name = target === undefined ? (indirect.has(key) && holds.has(key) ? key : undefined) : /^[A-Za-z_][A-Za-z0-9_]*$/.test(target) ? target : undefined;
    const kept = name === undefined ? undefined : wholeValueWord(`"\${__indirect${raw.slice(m[0].length)}`);
    if (kept === undefined) return undefined;
    const n = /^[0-9]/.test(m[1]) ? `$${m[1]}` : m[1];
    return {
      name: name!,
      through: `${key} is the value of ${target ?? 'the variable'}${target === undefined ? '' : ', the variable'} ${n} names${target === undefined ? ', which the script does not fix' : ''}`
        + (kept.through === '' ? '' : `, and ${kept.through.replace('${__indirect', `\${!${m[1]}`)}`),
    };
  };
  // the elements of the arrays the commands read so far assign (`arr=("$X")`), by name, for a loop over one (`for c in "${arr[@]}"`)
  const loopElements = (name: string): Word[] | undefined => {
    const out: Word[] = [];
    for (const { command } of all) {
      if (!summaryOf(command).text.includes(`${name}=(`) && !summaryOf(command).text.includes(`${name}+=(`)) continue;
      for (const w of command.words) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)\+?=\(([\s\S]*)\)$/.exec(w.text);
        if (m !== null && m[1] === name) out.push(...simpleCommands(m[2].replace(/\r?\n/g, ' ')).flatMap((c) => c.words));
      }
    }
    return out.length > 0 ? out : undefined;
  };
  for (let more = true; more;) {
    more = false;
    for (; scanned < all.length; scanned++) {
      const entry = all[scanned];
      const words = entry.command.words;
      const { assignments } = splitAssignments(words.map((w) => w.text));
      // (a declaration past `builtin` and `command`, which run it as itself: `command export Y="$X"`, `builtin declare -n R=X`, bash 5.2)
      const program = pastBuiltins(words, assignments.length);
      const first = words[assignments.length];
      const run = words[program];
      const declares = assignments.length === 0 && run !== undefined && run.literal && DECLARES.test(run.text);
      const where = { at: position.get(entry.command), source: entry.source, depth: entry.depth, command: entry.command };
      const nameref = declares && words.some((w) => /^-[a-zA-Z]*n/.test(w.text));
      const assigning = declares ? words.slice(program + 1).filter((w) => PREFIX_ASSIGNMENT.test(w.text)) : words.slice(0, assignments.length);
      for (const w of assigning) {
        const parts = assignmentParts(w.text);
        const value = { text: parts.written, literal: w.literal };
        // an array's elements are followed each apart, not as the array's value: `CMD=(tool --url "$X")`, "${CMD[@]}" runs tool,
        // the value an argument, but "${CMD[2]}" is the value (`arrayAssignments`); one element assigned (`b[0]="$X"`) is taken
        // for the whole array's value
        const append = /^[^=]*\+=/.test(w.text);
        if (!value.text.startsWith('(')) {
          const named = !append && value.literal && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.text);
          const element = parts.subscript === undefined ? {} : { subscript: parts.subscript };
          assign({ name: parts.name, value, refers: named, nameref, append, ...where, ...element });
        } else if (parts.subscript === undefined && value.text.endsWith(')')) {
          compoundArrays.add(parts.name);
          // (appended to an array an assignment before it surely gives an element, in the same text, in no branch the append is not in)
          const scope = entry.command.scope;
          const started = append && (arrayStarts.get(parts.name) ?? []).some((s) => s.source === entry.source
            && s.scope.every((x, i) => scope[i] !== undefined && scope[i].id === x.id && scope[i].branch === x.branch));
          const elements = arrayAssignments(parts.name, value.text.slice(1, -1), append, !started);
          // (those the shell splits from an unquoted expansion: `args=($X)`, `args=(-v $X)`; not one written `[i]=$X`, which bash 5.2 keeps
          // one element, as arrayAssignments reads it)
          const body = value.text.slice(1, -1);
          const raw = rawWords(body);
          const given = simpleCommands(body.replace(/\r?\n/g, ' ')).flatMap((c) => c.words);
          if (raw !== undefined && raw.length === given.length) {
            const split = given.filter((g, k) => unquotedExpansion(raw[k]) && !/^\[[^\]]*\]\+?=/.test(g.text));
            if (split.length > 0) splitElements.set(parts.name, [...splitElements.get(parts.name) ?? [], ...split]);
          }
          if (elements.unknownFirst) unknownFirst.add(parts.name);
          if (!append && elements.givesOne) arrayStarts.set(parts.name, [...arrayStarts.get(parts.name) ?? [], { source: entry.source, scope }]);
          for (const e of elements.assignments) {
            assign({ name: e.name, value: e.value, refers: false, nameref: false, ...where });
            if (e.split === true) elementWords.add(e.value);
          }
        }
      }
      // (`select NAME in WORD…` gives NAME the word whose number its input holds: any of them, bash 5.2)
      if (first !== undefined && first.literal && (first.text === 'for' || first.text === 'select') && words[2]?.text === 'in') {
        // (an array expanded whole, `for c in "${arr[@]}"`: each of its elements)
        const spread = words.slice(3).flatMap((w) => {
          const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(w.text);
          return whole === null || w.literal ? [w] : loopElements(whole[1]) ?? [w];
        });
        // (the words of a value the shell splits, unquoted, `for d in $X`: each one word of it, which the loop gives NAME in turn)
        const raw = rawWords(entry.command.line);
        const splitWords = raw !== undefined && raw.length === words.length ? words.slice(3).filter((_, k) => unquotedExpansion(raw[k + 3])) : [];
        for (const w of spread) {
          if (splitWords.includes(w)) loopWords.add(w);
          assign({ name: words[1].text, value: w, refers: false, nameref: false, ...where });
        }
      }
      // `printf -v NAME FORMAT ARG…` assigns NAME what it would print: its format and arguments
      // (past `builtin` and `command`, which run the program itself)
      const target = run !== undefined && run.literal && run.text === 'printf' ? printfTarget(words.slice(program + 1)) : undefined;
      if (target !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(target.name)) {
        const rest = withoutRedirections(target.rest.map((w) => w.text));
        const value = { text: rest.join(' '), literal: target.rest.every((w) => w.literal || !rest.includes(w.text)) };
        assign({ name: target.name, value, refers: false, nameref: false, ...where });
      }
      // `getopts OPTSTRING NAME ARG…` assigns OPTARG an option's value (or, past a leading `:`, the unknown option letter) taken
      // from the ARGs it is given (bash 5.2 and dash: `getopts ab: N -b "$X"` gives OPTARG the value of X); NAME gets a letter of
      // OPTSTRING or `?`, never the caller's; without ARGs it reads the positional parameters, which the script is not given here
      const opts = run !== undefined && run.literal && run.text === 'getopts' ? getoptsArgs(words.slice(program + 1)) : undefined;
      if (opts !== undefined && opts.length > 0) {
        const rest = withoutRedirections(opts.map((w) => w.text));
        const value = { text: rest.join(' '), literal: opts.every((w) => w.literal || !rest.includes(w.text)) };
        assign({ name: 'OPTARG', value, refers: false, nameref: false, ...where });
      }
      const reader = run !== undefined && run.literal && READS.test(run.text);
      const assigns = reader ? readNames(words.slice(program).map((w) => w.text)) : undefined;
      const array = assigns === undefined ? undefined : splitArray(words.slice(program).map((w) => w.text), assigns);
      if (assigns !== undefined) reads.push({ entry, names: assigns, array, reader: words[program].text });
    }
    // what a nameref is given (`declare -n R=N`, then `R="$X"`, `read R`, `printf -v R`) its target is given
    for (const r of reads) {
      for (const n of [...r.names]) for (const t of namerefs.get(n) ?? []) if (!r.names.includes(t)) r.names.push(t);
    }
    for (let grew = true; grew;) {
      grew = false;
      // an indirection (`eval "${!N}"`) or a nameref (`local -n R=$1`) whose name the script does not fix may name a held variable
      const origin = anyOrigin0();
      if (origin !== undefined) {
        if (readTexts.size !== indirectionsRead) {
          indirectionsRead = readTexts.size;
          indirections = [...new Set([...readTexts].flatMap((t) => (t.includes('${!') ? [...t.matchAll(INDIRECTION)].map((m) => `\${!${m[1]}}`) : [])))];
        }
        for (const key of indirections) {
          if (holds.has(key) || fixedName(key.slice(3, -1)) || positionalRefers.has(key.slice(3, -1))) continue;
          const targets = /^[0-9]+$/.test(key.slice(3, -1)) ? positionalTargets(sameShellTexts(), key.slice(3, -1)) : undefined;
          if (targets !== undefined) {
            positionalRefers.set(key.slice(3, -1), targets);
            grew = true;
            continue;
          }
          holds.set(key, holds.get(origin) ?? origin);
          indirect.add(key);
          grew = true;
        }
        for (const a of assigned) {
          if (!a.nameref || a.refers || holds.has(a.name) || a.value.text === '') continue;
          holds.set(a.name, holds.get(origin) ?? origin);
          indirect.add(a.name);
          grew = true;
        }
      }
      // (a positional parameter's indirection resolved to a held name: `f() { eval "${!1}"; }; f X`)
      for (const [n, targets] of positionalRefers) {
        const target = refers.has(n) ? undefined : targets.find((t) => holds.has(t));
        if (target === undefined) continue;
        refers.set(n, target);
        grew = true;
      }
      for (const { name, value, refers: refer, nameref } of assigned) {
        // (a name the script also builds or reads is not that one alone: `n=X; n+=Z`, `n=X; read n`, read below as it may be any)
        if (refer && !refers.has(name) && holds.has(value.text) && (nameref || fixedName(name))) refers.set(name, value.text);
        if (holds.has(name)) continue;
        // `declare -n R=X`: $R is X's value
        const from = nameref && refer && holds.has(value.text) ? value.text : held(value);
        if (from !== undefined) {
          holds.set(name, holds.get(from)!);
          if (indirect.has(from)) indirect.add(name);
          if (printed.has(from) || held({ text: outsideSubstitutions(value.text), literal: value.literal }) === undefined) printed.add(name);
          grew = true;
        }
      }
      for (const { entry, names: assigns, array, reader } of reads) {
        if (assigns.every((n) => holds.has(n))) continue;
        const from = inputHeld(entry);
        if (from === undefined) continue;
        for (const n of assigns) {
          if (holds.has(n)) continue;
          holds.set(n, holds.get(from)!);
          if (n === array) {
            const kept = /^(mapfile|readarray)$/.test(reader!) ? mapfileKept(entry) : undefined;
            readArrays.set(n, { reader: reader!, from, ...kept === undefined ? {} : { kept } });
          }
          if (indirect.has(from)) indirect.add(n);
          if (printed.has(from)) printed.add(n);
        }
        grew = true;
      }
    }
    // what reads the positional parameters a held value is given as, and the files it is written to
    if (readTexts.size > functionsRead) {
      functions = new Map([...readTexts].flatMap((t) => [...functionsOf(t)]));
      functionsRead = readTexts.size;
    }
    const version = holds.size + refers.size;
    const upTo = all.length;
    for (let e = 0; e < upTo; e++) {
      const entry = all[e];
      const { command, depth } = entry;
      if (readAt[e] === version) continue;
      readAt[e] = version;
      // only a shell, set, tee, a function of the script or an output redirection gives anything
      if (!writes(command) && (entry.pipeline.length === 0 || !entry.pipeline.some(writes))) continue;
      const summary = summaryOf(command);
      if (!summary.gives && !(functions.size > 0 && functions.has(summary.program ?? ''))) continue;
      // and the commands xargs runs with what it reads (`echo "$X" | xargs sh -c 'eval "$1"' _`)
      const appended = xargsCommands(command, () => inputHeld(entry));
      for (const { argv: words, runs, splits } of [...programsOf(command), ...appended.runs] as Array<CommandRuns & Partial<XargsRuns[number]>>) {
        for (const run of runs) {
          if (run.program === undefined) continue;
          const name = basename(run.program);
          if (SHELL_NAMES.test(name)) {
            // `sh -c CODE NAME ARG…`: NAME is $0, the ARGs $1 …; `sh -s ARG… <<EOF`: the ARGs are $1 … of the code it reads
            const after = withoutRedirections(argumentsOf(words, run));
            const { code, reads: stdin, operand } = shellOperands(after);
            // (a shell xargs runs too: BusyBox's xargs, alpine's, leaves it xargs' own input, where GNU's gives it /dev/null)
            const given = code ? after[operand] : stdin ? standardInput(command) : undefined;
            const operands = after.slice(code ? operand + 1 : operand);
            const values = positional(command, operands, code ? 0 : 1, appended.words, `${name} ${code ? shellCodeOption(words, run) : '-s'}`, false, splits === true);
            if (given !== undefined) more = bind(given, values, depth + 1, true, undefined, leadingEmpty(command, operands, code ? 0 : 1)) || more;
          } else if (name === 'set' && run.programIndex === 0) {
            // `set -e -- ARG…`: the ARGs are the positional parameters of the code that runs it
            let i = setOptionsEnd(words);
            if (words[i] === '--') i++;
            if (i < words.length) {
              // in a function's body they are the body's (each call's), not the script's; outside a loop the set's own words hold
              // the ones before it
              const values = positional(command, words.slice(i), 1, undefined, 'set', !['--', '-'].includes(words[i - 1]));
              const setBy = command.scope.some((s) => s.kind === 'loop') ? undefined : command.line;
              for (const code of setCodes(entry.source, command.line)) more = bind(code, values, depth, false, setBy) || more;
            }
          } else if (run.programIndex === 0 && /^[A-Za-z_][\w.:-]*$/.test(name)) {
            for (const body of functions.get(run.program) ?? []) {
              more = bind(body, positional(command, words.slice(1), 1, undefined, `the call of ${run.program}`), depth + 1) || more;
              // a body that runs its arguments as a command (`retry() { until "$@"; do sleep 1; done; }`) runs the call's words
              // after the name as one, read so (`retry sh -c "echo $X"`, `retry eval "$X"`); past those its literal shifts may move
              // out (`retry() { local max=$1; shift; until "$@"; …`), from each of them
              // (from the N-th of them for `"${@:N}"`: `run() { "${@:2}"; }; run a "$X"` runs the value)
              const starts = positionalCommand(body);
              const raws = starts.length > 0 ? rawWords(command.line) : undefined;
              const alike = raws !== undefined && raws.length === command.words.length && raws[0] === run.program;
              for (const p of alike ? starts.filter((at) => at < raws!.length) : []) {
                const rest = raws!.slice(p).join(' ');
                if (readCalls.has(rest)) continue;
                readCalls.add(rest);
                read(rest, depth + 1);
                more = true;
              }
            }
          }
          const downloads = downloadOutput(name, words, run.programIndex, wgetrcWritten(entry.source, command, words, run.programIndex, wgetrcEnv));
          for (const download of downloads?.files ?? []) {
            // what curl -o F or wget -O F downloads from a URL the value names: the value chooses what the file holds (or from the
            // config or list of URLs it reads from its input, `curl -K -`, `wget -i -`, where its input holds the value)
            const fromUrl = download.urls.map((w) => held(wordOf(command, w))).find((x) => x !== undefined);
            const v = fromUrl ?? (downloads!.input ? inputHeld(entry) : undefined);
            const from = fromUrl === undefined ? [...entry.pipeline, command].map((c) => c.line).join(' | ') : command.line;
            if (v !== undefined && !files.has(filePath(download.file))) files.set(filePath(download.file), { variable: v, line: from });
          }
          // what cp or install copies from its input into a file (`cp /dev/stdin f <<< "$X"`, `echo "$X" | install /dev/stdin f`),
          // or dd with no if= into its of= (coreutils 9.1 reads /dev/stdin as any file, `-` as a file named so)
          const copied = stdinCopyTarget(name, withoutRedirections(words.slice(run.programIndex + 1)));
          if (copied !== undefined) {
            const v = inputHeld(entry);
            if (v !== undefined && !files.has(filePath(copied))) files.set(filePath(copied), { variable: v, line: [...entry.pipeline, command].map((c) => c.line).join(' | ') });
          }
          if (name === 'tee') {
            const v = inputHeld(entry);
            if (v !== undefined) {
              for (const f of teeOperands(withoutRedirections(words.slice(run.programIndex + 1))).files) {
                if (!files.has(filePath(f))) files.set(filePath(f), { variable: v, line: [...entry.pipeline, command].map((c) => c.line).join(' | ') });
              }
            }
          }
        }
      }
      // a command whose output goes to a file, its words or input holding a value
      const targets = outputFiles(argvOf(command)).filter((f) => !f.startsWith('/dev/'));
      if (targets.length > 0) {
        const rest = withoutRedirections(argvOf(command));
        const v = rest.map((w) => held(wordOf(command, w))).find((x) => x !== undefined) ?? environmentHeld(command) ?? inputHeld(entry);
        for (const f of targets) {
          if (v !== undefined && !files.has(filePath(f))) files.set(filePath(f), { variable: v, line: command.line });
        }
      }
    }
  }
  // a variable holds only numbers a command prints where every value given it that holds one does: each variable it
  // expands holds only such numbers, and each command substitution in it prints only numbers (`numbersPrinted`)
  const numbers = (value: { text: string; literal: boolean }): boolean =>
    expandedVariables({ text: outsideSubstitutions(value.text), literal: value.literal }).every((v) => !holds.has(v) || printed.has(v))
    && substitutionCodes(value.text).every((code) => held({ text: code, literal: false }) === undefined || numbersPrinted(code, held));
  for (let shrank = true; shrank;) {
    shrank = false;
    for (const name of [...printed]) {
      const boundFrom = printedFrom.get(name);
      const keeps = boundFrom !== undefined ? printed.has(boundFrom)
        : assigned.every((a) => a.name !== name || held(a.value) === undefined || (!a.nameref && numbers(a.value)))
          && reads.every(({ entry, names: assigns }) => {
            const from = assigns.includes(name) ? inputHeld(entry) : undefined;
            return from === undefined || printed.has(from);
          });
      if (!keeps) {
        printed.delete(name);
        shrank = true;
      }
    }
  }
  // a variable tested against a pattern of digits reads as a number where the script stops, or gives it a literal number,
  // when it does not match (`digitGuards`), after that, in the script's top level, if nothing else gives it a caller's value
  // after the test nor in a function, group or subshell before it (whose commands may run later)
  const numericAt = (name: string, command: SimpleCommand, readAs?: ReadCommand): boolean => {
    const here = position.get(command);
    if (here === undefined) return readAs !== undefined && readAs.depth > 0 && numericIn(name, readAs);
    const before = (at: number | undefined, g: DigitGuard) => at !== undefined && (g.assigns.includes(at)
      || (at < g.start && topCommands[at].scope.every((scope) => scope.kind !== 'other')));
    return guards.some((g) => g.variable === name && g.end < here
      && assigned.every((a) => a.name !== name || held(a.value) === undefined || before(a.at, g))
      && reads.every(({ entry, names: assigns }) => !assigns.includes(name) || inputHeld(entry) === undefined
        || before(position.get(entry.command), g)));
  };
  // the same in the code a shell the script starts runs as its own (`sh -c CODE`, `bash <<EOF`, not `eval`'s nor a function's,
  // which run in the script's shell): a test in that code, before the command in its top level, when nothing in that code, nor
  // in the code it runs in turn, gives the variable a caller's value after the test (what the script gives it before the
  // shell starts is tested there)
  const numericIn = (name: string, entry: ReadCommand): boolean => {
    const run = runBy.get(entry.source);
    if (run === undefined || !isolated(run)) return false;
    const place = placesIn(entry.source);
    const here = place.position.get(entry.command);
    if (here === undefined || place.guards.length === 0) return false;
    const before = (at: number | undefined, g: DigitGuard) => at !== undefined && (g.assigns.includes(at)
      || (at < g.start && place.commands[at].scope.every((scope) => scope.kind !== 'other')));
    const outside = (source: string | undefined, depth: number | undefined) => source !== entry.source && depth !== undefined && depth <= run.depth;
    return place.guards.some((g) => g.variable === name && g.end < here
      && assigned.every((a) => a.name !== name || held(a.value) === undefined || outside(a.source, a.depth)
        || (a.source === entry.source && before(a.command === undefined ? undefined : place.position.get(a.command), g)))
      && reads.every(({ entry: e, names: assigns }) => !assigns.includes(name) || inputHeld(e) === undefined || outside(e.source, e.depth)
        || (e.source === entry.source && before(place.position.get(e.command), g))));
  };
  // whether a shell the script starts runs a text as its own code, in a process of its own
  const isolated = (run: { parent?: SimpleCommand; shell?: boolean }): boolean => {
    if (run.shell !== undefined) return run.shell;
    if (run.parent === undefined) return false;
    return programsOf(run.parent).every(({ runs }) => runs.every((r) => r.program === undefined || !SAME_SHELL.test(basename(r.program))));
  };
  const places = new Map<string, { position: Map<SimpleCommand, number>; commands: readonly SimpleCommand[]; guards: DigitGuard[] }>();
  const placesIn = (text: string) => {
    let place = places.get(text);
    if (place === undefined) {
      const commands = simpleCommands(text);
      const at = new Map<SimpleCommand, number>();
      commands.forEach((command, k) => {
        at.set(command, k);
        for (const sub of substitutedCommands(command)) if (!at.has(sub)) at.set(sub, k);
      });
      place = { position: at, commands, guards: digitGuards(commands) };
      places.set(text, place);
    }
    return place;
  };
  const out: CodeSink[] = [];
  const seen = new Set<string>();
  // the origins each command runs as code whatever the value (not only its shell syntax): what the code it runs does with
  // the same value again (`sh -c "$X"`, whose code `$X` chooses the program; `trap "$X" EXIT`) is that sink, not another
  const runsValue = new WeakMap<SimpleCommand, Set<string>>();
  let current: ReadCommand | undefined;
  const sink = (variable: string, how: string, line: string, syntax = false, code?: string) => {
    const origin = holds.get(variable)!;
    const parent = current?.parent;
    if (current !== undefined && !syntax) {
      const runs = runsValue.get(current.command) ?? new Set<string>();
      const repeated = parent !== undefined && runsValue.get(parent)?.has(origin) === true;
      runs.add(origin);
      runsValue.set(current.command, runs);
      if (repeated) return;
    }
    const key = `${variable}\u0000${line}\u0000${how}`;
    if (!seen.has(key)) {
      const flags = { ...syntax ? { syntax } : {}, ...indirect.has(variable) ? { indirect: true } : {}, ...code !== undefined ? { code } : {} };
      out.push({ origin, variable: displayed(variable), line: displayed(line), how, ...flags });
    }
    seen.add(key);
  };
  // a command runs a variable as code only where it, or a command piping to it, writes its name (or that of a file written
  // from one): the others are not read further (finding what a command runs is the costly part)
  const fileNames = [...files.keys()];
  const integers = integerVariables(all.map(({ command }) => command));
  // the files git reads as its configuration: its own, those GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM or GIT_CONFIG name and those an
  // include.path or includeIf.<cond>.path names, anywhere in the script
  const gitConfigFiles = new Set(GIT_CONFIG_FILES);
  if (fileNames.length > 0) {
    for (const { command } of all) {
      command.words.forEach((w, k) => {
        const named = /^(?:export\s+)?GIT_CONFIG(?:_GLOBAL|_SYSTEM)?=(.+)$/.exec(w.text) ?? /^(?:include|includeif\..+)\.path=(.+)$/is.exec(w.text);
        if (named !== null) gitConfigFiles.add(homePath(filePath(named[1].replace(/^["']|["']$/g, ''))));
        if (/^(?:include|includeif\..+)\.path$/is.test(w.text) && command.words[k + 1] !== undefined) {
          gitConfigFiles.add(homePath(filePath(command.words[k + 1].text.replace(/^["']|["']$/g, ''))));
        }
      });
    }
  }
  const gitConfigWritten = fileNames.filter((f) => gitConfigFiles.has(homePath(f)));
  // the files ssh, scp and sftp read as their configuration: their own, and those `-F` names
  const sshConfigWritten = fileNames.filter((f) => SSH_CONFIG_FILES.includes(homePath(f)));
  const sshConfigOption = (after: readonly string[]): string[] => after.flatMap((w, k) => (w === '-F' && k + 1 < after.length ? [after[k + 1]] : /^-F./.test(w) ? [w.slice(2)] : []))
    .map((f) => filePath(f.replace(/^["']|["']$/g, '')));
  // the makefiles make reads where no -f names one, in its directory (GNU make 4.3: GNUmakefile, makefile, Makefile)
  const makefileWritten = fileNames.filter((f) => /^(GNUmakefile|makefile|Makefile)$/.test(f));
  const runsFile = (command: SimpleCommand) => fileNames.length > 0 && (command.words.some((w) => fileNames.some((f) => w.text.includes(f)))
    // make, which reads the makefile of its directory
    || (makefileWritten.length > 0 && command.words.some((w) => w.literal && /^g?make$/.test(basename(w.text))))
    // git, which reads its configuration files
    || (gitConfigWritten.length > 0 && command.words.some((w) => w.literal && basename(w.text) === 'git'))
    // ssh, scp, sftp and the programs that run ssh, which read ssh's configuration files
    || (sshConfigWritten.length > 0 && command.words.some((w) => w.literal && /^(ssh|scp|sftp|git|rsync)$/.test(basename(w.text))))
    // a login or interactive shell, which sources its startup files
    || (fileNames.some((f) => STARTUP_FILE.test(f)) && command.words.some((w) => w.literal && /^(-[A-Za-z]*[li][A-Za-z]*|\+[A-Za-z]*l[A-Za-z]*|--login)$/.test(w.text))));
  // the commands in a compound command or subshell whose closing word gives them an input that mentions a held name
  // (`{ bash; } <<< "$X"`, `done <<EOF`): each with that closing word, what it reads unless given its own input
  const fed = new Map<SimpleCommand, SimpleCommand>();
  // the texts in which an `exec` that writes one redirects a descriptor for the commands after it (`exec 3<<< "$X"`), or the
  // closing word of a compound command or subshell one above 2 for the commands inside
  const execs = new Set<string>();
  for (const text of readTexts) {
    const commands = simpleCommands(text);
    if (text.includes('exec') && commands.some((c) => c.words[0]?.literal && c.words[0].text === 'exec' && writes(c))) execs.add(text);
    commands.forEach((closer, k) => {
      if (k === 0 || closer.scope.length >= commands[k - 1].scope.length || !writes(closer)) return;
      // (one that redirects a descriptor above 2 for the commands inside: `{ source /dev/fd/3; } 3<<< "$X"`)
      if (closer.words.some((w) => /^([3-9]|[1-9][0-9]+)</.test(w.text))) execs.add(text);
      for (let m = k - 1; m >= 0 && commands[m].scope.length > closer.scope.length; m--) {
        const c = commands[m];
        const given = standardInput(c) !== undefined || splitRedirections(argvOf(c)).from !== undefined;
        if (!given && compoundInput(commands, c) === closer) fed.set(c, closer);
      }
    });
  }
  // the program a command runs and the words after it, past the assignments before it and the redirections
  // (in the string of `env -S`, `env -S 'git -c k=v fetch'`, the words after the program, split as env splits it: argumentsOf)
  const programAndArguments = (command: SimpleCommand): { program: string; after: string[] } | undefined => {
    if (compoundCommand(command)) return undefined;
    const argv = withoutRedirections(splitAssignments(argvOf(command)).argv);
    const run = runOf(argv);
    return run.program === undefined ? undefined : { program: run.program, after: argumentsOf(argv, run) };
  };
  // a script that allows git's ext:: URLs (`git config --global protocol.ext.allow always`, anywhere: git reads it from then on),
  // in git's environment (`GIT_ALLOW_PROTOCOL` naming ext, a variable's value it may hold, `GIT_CONFIG_PARAMETERS` or
  // `GIT_CONFIG_KEY_<n>` holding the key: git 2.39 transport.c, config.c) or in a file of configuration it writes (`[protocol "ext"]`
  // then `allow =`, wherever the text is)
  const extAllowed = EXT_CONFIGURED.test(script) || all.some(({ command }) => {
    if (command.words.some((w) => EXT_ENV.test(w.text))) return true;
    // (only a command with a word protocol.allow or protocol.ext.allow can allow it otherwise, or the string of env -S holding one)
    if (!command.words.some((w) => /(^|[^A-Za-z0-9.])protocol(\.ext)?\.allow([^A-Za-z0-9.]|$)/i.test(w.text))) return false;
    const direct = programAndArguments(command);
    // (the command xargs runs, with the words it reads appended: the value may be among them)
    const k = direct !== undefined && basename(direct.program) === 'xargs' ? xargsCommandIndex(direct.after) : -1;
    const run = k >= 0 && k < direct!.after.length ? { program: direct!.after[k], after: [...direct!.after.slice(k + 1), ''] } : direct;
    return run !== undefined && allowsExtProtocol(configuredProgram(run.program, run.after), run.after);
  });
  // the env vars a git command's `--config-env=core.sshCommand=VAR` reads as a key that runs code, anywhere in the script
  const configEnv = new Map<string, string>();
  for (const entry of all) {
    const { command } = entry;
    if (!command.words.some((w) => w.text.startsWith('--config-env'))) continue;
    const run = programAndArguments(command);
    for (const [name, key] of run === undefined ? [] : configEnvVariables(configuredProgram(run.program, run.after), run.after)) {
      configEnv.set(name, key);
      // one of the step's env vars holding it, which the script need not write (`git --config-env=core.sshCommand=X fetch`)
      if (names.has(name)) {
        current = entry;
        sink(name, `git --config-env reads it as the value of ${key}, which git runs as code`, command.line);
      }
    }
  }
  current = undefined;
  // the interactive shells the script runs, anywhere (an assignment of `ENV` or `PROMPT_COMMAND` before or after one may be
  // exported to it, or run again in a loop): a POSIX shell given `-i` sources the file ENV names (dash, POSIX), and a bash
  // given `-i` without `-c` reads its commands with a prompt, before each of which it runs PROMPT_COMMAND (bash 5.2 eval.c)
  // Its options are read as the shell reads them, past the values of `-o NAME`, `-O NAME`, `--rcfile FILE` and `--init-file FILE`
  // (`bash -O extglob -i`); a bash in posix mode (`--posix`, `-o posix`, POSIXLY_CORRECT in its environment) sources ENV too
  // (bash 5.2 shell.c run_startup_files), and a program a variable names (`"$SHELL" -i`, `$BASH -i`) may be either shell
  // (POSIXLY_CORRECT or POSIX_PEDANTIC, any value, in the step's env, `environmentPosixly`, or assigned in the script)
  // (SHELLOPTS exported, which after `set -o posix` holds posix, or assigned posix or a value not known: bash imports it at start-up)
  const posixly = environmentPosixly || all.some(({ command }) => command.words.some((w) => /^(POSIXLY_CORRECT|POSIX_PEDANTIC)(\+?=|$)/.test(w.text)
    || /^SHELLOPTS$/.test(w.text) || /^SHELLOPTS\+?=.*(posix|\$)/.test(w.text)));
  // the shell that expands the words of a command read: the script's own (`ownShell`), or the one a command starts to run the code
  // it is read from (`dash -c CODE`, `bash <<EOF`; through wrappers), or, for code the same shell runs (`eval`, `trap`), that of
  // the command running it; undefined where not known or several
  const shellOf = (entry: ReadCommand, depth = 0): string | undefined => {
    if (entry.parent === undefined) return ownShell;
    const shells = new Set(programsOf(entry.parent).flatMap(({ argv, runs }) => runs.flatMap((run) => {
      if (run.program === undefined) return [];
      const after = argumentsOf(argv, run);
      const name = (isBusybox(run.program) || isToybox(run.program)) && after.length > 0 ? basename(after[0]) : basename(run.program);
      // (busybox's applet `sh` or `ash` is its ash: `busybox`)
      const applet = isBusybox(run.program) || (run.programIndex > 0 && isBusybox(argv[run.programIndex - 1]));
      return SHELL_NAMES.test(name) ? [applet && /^(sh|ash)$/.test(name) ? 'busybox' : isToybox(run.program) ? `toybox ${name}` : name] : [];
    })));
    if (shells.size > 0) return shells.size === 1 ? [...shells][0] : undefined;
    const around = all.find((e) => e.command === entry.parent);
    return around === undefined || depth > 4 ? undefined : shellOf(around, depth + 1);
  };
  // (read where a finding asks for them, ENV, PROMPT_COMMAND or a prompt among the names: most scripts are given none, and
  // `sed -i` and the like are read here at length to find they start no shell)
  const readInteractiveShells = () => sortedKnownFirst(all.flatMap((entry) => {
    const { command } = entry;
    // (only a command with an option group holding `i` can start one: written so, `-${UNSET}i` that the shell expands to it, or in
    // the string of env -S, `env -S 'sh\_-i'`)
    // (or a word expanding a value the step's env gives: `env -S 'sh ${F}'` with F=-i)
    // (or a word expanding a variable whose value is not known: `read O < f; sh -$O`, anyOrigin)
    if (!command.words.some((w) => INTERACTIVE_OPTION.test(w.text) || /(^|[\s_'"])[-+]\S*i/.test(w.text)
      || ((valuesGiveOption || anyPossible) && w.text.includes('$')))) return [];
    // (each program it may run, through every wrapper and busybox's applets: `chroot / bash -i`, `runuser -u b -- bash -i`; the
    // words of env -S's string split as env splits them, its `${NAME}` read as the step's value for it or empty, argv.ts expandedShellRuns)
    const quotedAsWritten = new Set(command.words.filter((w) => w.literal).map((w) => w.text));
    // (a word that is one unquoted variable, `$V`: the shell splits its value into words, none where it is empty)
    const splitWords = new Set(command.words.filter((w) => w.split === true).map((w) => w.text));
    // (and env -S's `${NAME}` of a variable whose value is not known here, anyOrigin, as such a value: `read F < f; env -S "sh \${F}"`)
    const readings = (argv: readonly string[], run: Invocation): Array<ShellRun & { anyName?: string }> => [
      ...envSReadings(argv, run, fixed, assignedValues),
      ...(anyPossible && run.splitStrings.length > 0 ? envSAnyReadings(argv, run) : []),
    ];
    // (the shell that expands its words reads bash's `${V:1}`, `${V,,}`, `${V/x/i}` as it does, shellDialects: dash refuses them all,
    // busybox's ash and mksh the case, and the command with one never runs, "Bad substitution"; `sh` read as bash and as ash)
    const dialects = shellDialects(shellOf(entry));
    const programs = dialects.flatMap((dialect) => expandedPrograms(command, fixed, dialect).map((p) => ({ ...p, dialect })));
    return programs.flatMap(({ argv, runs, dialect }) => runs.flatMap((run) => readings(argv, run).flatMap((shell) => {
      // (a word the script's shell expands, read as it expands it: a variable the step's env gives literally, where the script
      // writes none, its value (`sh $V` with V=-i is `sh -i`), any other in an option word unset, `-${UNSET}i` and `-${V:-x}i`
      // giving `-i` and `-xi` (dash 0.5.12, bash 5.2); another word with such a variable kept as written; not a word in single
      // quotes, `'-${UNSET}i'`, which the shell passes as written; `${V:?msg}` of V unset runs no shell)
      // (and with each literal value the script gives a variable it writes, `O=i` then `sh -$O`: dash 0.5.12 sourced ENV)
      // (a value not known, ANY_VALUE, read as each of ANY_READINGS: `anything`)
      const readAfter = (values: ReadonlyMap<string, string>, anything = ''): string[] | undefined => {
        const after: string[] = [];
        for (const w of shell.after) {
          const expanded = quotedAsWritten.has(w) || !w.includes('$') ? { text: w } : expandedWord(w, values, /^[-+]/.test(w), setNames, dialect);
          if (expanded === 'fails') return undefined;
          const text = typeof expanded === 'string' ? w : expanded.text.split(ANY_VALUE).join(anything);
          // (a word of env -S's string holding a value not known, envSAnyReadings, the same)
          if (text === '' && w === ANY_VALUE) continue;
          if (expanded === 'unread') after.push(w);
          else if (splitWords.has(w)) after.push(...text.split(/[ \t\n]+/).filter((x) => x !== ''));
          else after.push(text);
        }
        return after;
      };
      const applet = shell.applet || (run.programIndex > 0 && isBusybox(argv[run.programIndex - 1]));
      const interactive = (options: ReturnType<typeof readShellOptions>) => options.interactive || (applet && options.options.some((w) => /^\+[A-Za-z]*i[A-Za-z]*$/.test(w)));
      const readOf = (values: ReadonlyMap<string, string>, anything?: string) => {
        const after = readAfter(values, anything);
        const options = after === undefined ? undefined : readShellOptions(after);
        // (`-c` with no code after its options starts no shell: dash 0.5.12 "-c requires an argument", bash 5.2 likewise)
        return options !== undefined && interactive(options) && !(options.code && options.operand >= after!.length) ? options : undefined;
      };
      const known = shell.anyName !== undefined ? undefined
        : valueReadings(shell.after, fixed, assignedValues).map((values) => readOf(values)).find((o) => o !== undefined);
      // (else, with a variable whose value is not known, `anyOrigin`, read as empty and as such a value, `read O < f; sh -$O`: it may
      // be `i`; the finding says so)
      let unknown: string | undefined;
      const fromString = shell.anyName === undefined ? undefined
        : ANY_READINGS.map((anything) => readOf(fixed, anything)).find((o) => o !== undefined);
      if (fromString !== undefined) unknown = `; $\{${shell.anyName}} may hold a value not known here (${anyOrigin(shell.anyName!)}), which may make the shell interactive (-i)`;
      const shellRead = known ?? fromString ?? (anyPossible && shell.anyName === undefined ? anyReadings(shell.after).map(({ values, name }) => {
        const found = ANY_READINGS.map((anything) => readOf(values, anything)).find((o) => o !== undefined);
        if (found !== undefined) unknown ??= `; $${name} may hold a value not known here (${anyOrigin(name)}), which may make the shell interactive (-i)`;
        return found;
      }).find((o) => o !== undefined) : undefined);
      if (shellRead === undefined) return [];
      const named = shell.program.startsWith('$');
      const posix = shellRead.posix || posixly;
      const { options, file, prompts } = shellRead;
      // (the container's env vars GNU env removes before it runs the shell, `env -i sh -i`, `env -u ENV sh -i`: their values,
      // exported by the script or given by the step, do not reach it; env's own NAME=VALUE arguments do)
      return [{ name: basename(shell.program), named, posix, options, line: command.line, file, prompts, unsets: shell.unsets, unknown }];
    })));
  }));
  let shellsRead: ReturnType<typeof readInteractiveShells> | undefined;
  const interactiveShells = () => (shellsRead ??= readInteractiveShells());
  // what a finding at the interactive shell of `line` adds where only a value not known makes it interactive (`unknown`)
  const unknownAt = (line: string): string => {
    const at = interactiveShells().filter((s) => s.line === line);
    return at.length > 0 && at.every((s) => s.unknown !== undefined) ? at[0].unknown! : '';
  };
  const envShell = shellPattern(ENV_SHELL);
  // the interactive shells that get the env var `name` of the script's environment (none env starts without it); `envOwn`: an
  // assignment of env's own, which reaches the shell it runs after `-i` too
  const reaching = (name: string, envOwn = false) => (envOwn ? interactiveShells() : interactiveShells().filter((s) => !removes(s.unsets, name)));
  const envShells = (envOwn = false) => reaching('ENV', envOwn).filter((s) => envShell.test(s.name) || s.named || (/^r?bash$/.test(s.name) && s.posix)).map((s) => s.line);
  // an interactive bash whose posix mode is not seen: POSIXLY_CORRECT in the image's env or an envFrom source turns it on unseen
  const bashEnvShells = (envOwn = false) => reaching('ENV', envOwn).filter((s) => /^r?bash$/.test(s.name) && !s.posix).map((s) => s.line);
  // a bash reads its commands with a prompt given no `-c` and no script file (or `-s`): `bash -i build.sh` shows none (bash 5.2
  // reads the file without prompting); a POSIX shell given no `-c` prompts for a script file's commands too (dash 0.5.12);
  // `sh` may be bash, as in Fedora's and UBI's images (bash run as sh runs PROMPT_COMMAND too), and a program a variable names either
  const runsCode = (s: { options: readonly string[] }) => s.options.some((w) => /^[-+][A-Za-z]*c[A-Za-z]*$/.test(w));
  const promptShells = (name: string, envOwn = false) => reaching(name, envOwn)
    .filter((s) => (shellPattern(PROMPT_COMMAND_SHELL).test(s.name) || s.named) && s.prompts).map((s) => s.line);
  const posixPromptShells = (name: string, envOwn = false) => reaching(name, envOwn)
    .filter((s) => (envShell.test(s.name) || s.named) && !runsCode(s)).map((s) => s.line);
  // the script's own shell, interactive by its #! line (`#!/bin/sh -i`: Tekton runs the script with it), prompts for each command
  const shebang = interactiveShebang ? script.slice(0, script.search(/\r?\n|$/)) : undefined;
  // the prompts a shell expands before it reads a command (promptvars in bash, on by default: a command substitution in one runs)
  const promptHow = (name: string, envOwn = false): string | undefined => {
    const bashShells = promptShells(name, envOwn);
    const posixShells = posixPromptShells(name, envOwn);
    const bash = bashShells.length > 0 ? `\`${bashShells[0]}\`` : undefined;
    const posix = shebang !== undefined ? `the script's own shell (${shebang})` : posixShells.length > 0 ? `\`${posixShells[0]}\`` : undefined;
    const by = name === 'PS0' ? bash : bash ?? posix;
    if (by === undefined) return undefined;
    const when = name === 'PS0' ? 'after it reads each command' : name === 'PS2' ? 'for each continued line' : 'before it reads each command';
    const line = bashShells.length > 0 ? bashShells[0] : shebang === undefined ? posixShells[0] : undefined;
    return `an interactive shell expands as its prompt ${when}, running the command substitutions in it, as ${by} does${line === undefined ? '' : unknownAt(line)}`;
  };
  // what an interactive shell the script runs does with the variable `name`: ENV, PROMPT_COMMAND, a prompt (`envOwn`: env's own
  // assignment, which a shell env starts after `-i` gets)
  const interactiveHow = (name: string, envOwn = false): string | undefined => {
    const sourcing = name === 'ENV' ? envShells(envOwn) : [];
    const bashSourcing = name === 'ENV' ? bashEnvShells(envOwn) : [];
    const prompting = name === 'PROMPT_COMMAND' ? promptShells(name, envOwn) : [];
    return sourcing.length > 0
      ? `an interactive shell sources as a script (the file it names, after parameter expansion), as \`${sourcing[0]}\` does${unknownAt(sourcing[0])}`
      : bashSourcing.length > 0
        ? 'an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, which POSIXLY_CORRECT '
          + `in the image's env or an envFrom source (not seen here) turns on, as \`${bashSourcing[0]}\` does${unknownAt(bashSourcing[0])}`
        : prompting.length > 0 ? `an interactive bash runs as a command before each prompt, as \`${prompting[0]}\` does${unknownAt(prompting[0])}`
          : SELF_PROMPT.includes(name) || name === 'PS0' ? promptHow(name, envOwn) : undefined;
  };
  // a variable that provably holds one literal program name (`CMD=git` then `$CMD clone …`, hadolint's style): every word of
  // every text read that names it is an assignment of that same literal (no `read`, `for`, `declare -n`, `${CMD:=…}`, nor a
  // caller's value), one of them runs unconditionally in the script's top level before the command, and no text reads a file
  // (`source`, `.`) or code (`eval`) that may assign it, nor sets IFS (which would split the value otherwise)
  const textsRead = [...readTexts];
  const programNames = new Map<string, { value: string; at: number; exported: boolean } | null>();
  const literalProgram = (name: string): { value: string; at: number; exported: boolean } | undefined => {
    let known = programNames.get(name);
    if (known === undefined) {
      known = null;
      const named = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g');
      const expanded = new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}\\})`, 'g');
      const namings = textsRead.reduce((n, t) => n + (t.match(named)?.length ?? 0), 0);
      const expansions = textsRead.reduce((n, t) => n + (t.match(expanded)?.length ?? 0), 0);
      const values = new Set<string>();
      let assignments = 0;
      let at = -1;
      let exported = false;
      for (const { command, depth, source } of all) {
        if (!summaryOf(command).text.includes(name)) continue;
        const words0 = argvOf(command);
        const split = splitAssignments(words0);
        const declares = split.assignments.length === 0 && command.words[0]?.literal === true && /^(export|readonly|local|declare|typeset)$/.test(command.words[0].text);
        const words = declares ? command.words.slice(1).filter((w) => !w.text.startsWith('-')) : command.words.slice(0, split.assignments.length);
        for (const w of words) {
          if (!w.text.startsWith(`${name}=`)) continue;
          assignments++;
          values.add(w.literal ? w.text.slice(name.length + 1) : '');
          const alone = declares || split.argv.length === 0;
          if (at < 0 && alone && command.unconditional && depth === 0 && source === topText) {
            at = position.get(command) ?? -1;
            // (`export CMD=git`, `declare -x CMD=git`: a shell the script starts sees it too)
            exported = declares && (command.words[0].text === 'export' || command.words.some((x) => /^-[A-Za-z]*x/.test(x.text)));
          }
        }
      }
      const [value] = values;
      if (!holds.has(name) && namings === expansions + assignments && values.size === 1 && /^[A-Za-z0-9_.\/+@%:,-]+$/.test(value) && at >= 0
        && !textsRead.some((t) => /(?:^|[\s;&|(`])(?:eval|source|\.)\s|IFS/.test(t))) known = { value, at, exported };
      programNames.set(name, known);
    }
    return known ?? undefined;
  };
  // the position in the script's top level of the command that starts, through shells alone, the shell whose code `entry` is
  // (`sh -c '…'`, `bash <<EOF`, nested), or undefined
  let entries: Map<SimpleCommand, ReadCommand> | undefined;
  const startedAt = (entry: ReadCommand): number | undefined => {
    entries ??= new Map(all.map((e) => [e.command, e]));
    let at: ReadCommand | undefined = entry;
    for (let hops = 0; at !== undefined && hops < 8; hops++) {
      if (at.source === topText && at.depth === 0) return hops === 0 ? undefined : position.get(at.command);
      const parent: SimpleCommand | undefined = at.parent;
      const program = parent === undefined ? undefined : parent.words[splitAssignments(argvOf(parent)).assignments.length];
      if (parent === undefined || program === undefined || !program.literal || !SHELL_NAMES.test(basename(program.text))) return undefined;
      at = entries.get(parent);
    }
    return undefined;
  };
  // the programs a command runs, its program word read as the literal its variable provably holds (`literalProgram`), else as written
  const programsIn = (entry: ReadCommand): { runs: CommandRuns[]; top: string[] } => {
    const top = withoutRedirections(splitAssignments(argvOf(entry.command)).argv);
    const first = top.length > 0 ? entry.command.words.find((w) => w.text === top[0]) : undefined;
    const name = first?.variable;
    const top0 = entry.source === topText && entry.depth === 0;
    const literal = name === undefined || first!.text !== `$${name}` && first!.text !== `\${${name}}` ? undefined : literalProgram(name);
    // (in the code of a shell the script starts itself, `sh -c '$CMD …'`, only a variable exported to it: a shell started sees its
    // environment's CMD, not an unexported one of the script's, as dash 0.5.12 and bash 5.2 run it; through no wrapper, which may
    // clear the environment, `sudo sh -c`)
    const here = top0 ? position.get(entry.command) : literal?.exported === true ? startedAt(entry) : undefined;
    if (literal === undefined || here === undefined || here <= literal.at) return { runs: programsOf(entry.command), top };
    const resolved = [literal.value, ...top.slice(1)];
    return { runs: commandRuns(resolved), top: resolved };
  };
  // a prompt the container's env gives the script's own interactive shell (`#!/bin/sh -i` with PS1 holding a caller's value)
  for (const name of selfPrompt) {
    sink(name, `the script's own shell is interactive by its #! line (${shebang!}), and expands ${name} as its prompt, running the command substitutions in it`, shebang!);
  }
  const spreadArrays = (words: readonly string[]): { after: string[]; words: Array<Word | undefined> } => {
    if (!words.some((w) => w.includes('[@]}') || w.includes('[*]}'))) return { after: [...words], words: [] };
    const spread: { after: string[]; words: Array<Word | undefined> } = { after: [], words: [] };
    for (const w of words) {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(w);
      const elements = m === null ? undefined : arrayElements(m[1]);
      if (elements === undefined) {
        spread.after.push(w);
        spread.words.push(undefined);
      } else {
        for (const e of elements) {
          spread.after.push(e.text);
          spread.words.push(e);
        }
      }
    }
    return spread;
  };
  // whether a command expands whole an array an element of which holds a caller's value
  const spreadsHeld = (command: SimpleCommand): boolean => {
    const text = summaryOf(command).text;
    if (!text.includes('[@]}') && !text.includes('[*]}')) return false;
    return [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}/g)].some((m) => (arrayElements(m[1]) ?? []).some((e) => held(e) !== undefined));
  };
  // one of the step's env vars holding it, which the script need not write: `ENV` or `PROMPT_COMMAND` and an interactive shell
  // the script runs (`bash -i < cmds`), reported at that shell
  // or a prompt (PS0 bash's, PS1 and PS2 any shell's: `sh -i < cmds` with the step's PS1 holding a caller's value, which the
  // child shell, exported it, expands: dash 0.5.12 and bash 5.2 run `$(…)` in a PS1 of their environment), where the script's own
  // shell does not already prompt with it (selfPrompt)
  const childPrompts = (name: string) => (promptShells(name).length > 0 ? promptShells(name) : posixPromptShells(name));
  // (the shells of a name read only where the step's env gives it)
  for (const name of ['ENV', 'PROMPT_COMMAND', 'PS0', 'PS1', 'PS2'] as const) {
    if (selfPrompt.includes(name) || !names.has(name)) continue;
    const shells = name === 'ENV' ? (envShells().length > 0 ? envShells() : bashEnvShells())
      : name === 'PROMPT_COMMAND' || name === 'PS0' ? promptShells(name) : childPrompts(name);
    const how = name.startsWith('PS') ? promptHow(name) : interactiveHow(name);
    const shell = all.find((e) => e.command.line === shells[0]);
    if (how === undefined || shell === undefined) continue;
    current = shell;
    sink(name, how.replace(/, as `[^`]*` does(?=;|$)/, ''), shell.command.line);
  }
  current = undefined;
  for (const entry of all) {
    const { command, pipeline } = entry;
    current = entry;
    const piped = pipeline[pipeline.length - 1];
    const writing = writes(command);
    // (piped to only through cat or tee given none, that of the first of the pipe: `{ cat | bash; } <<< "$X"`)
    const closer = piped === undefined ? fed.get(command) : pipeline.every(passesThrough) ? fed.get(pipeline[0]) : undefined;
    // (a tee between passes on what the command before it prints)
    const printing = piped === undefined ? undefined : pipedFrom(pipeline)?.printer;
    // (or through programs that transform it, `echo "$X" | base64 -d | sh`)
    const fedByPipe = piped !== undefined && (writes(piped) || (printing !== undefined && writes(printing)) || pipeline.some(writes));
    // (or fed by curl reading a configuration file the script writes a value to: `curl -K rc | sh`)
    const fedByFile = files.size > 0 && printing !== undefined
      && downloaded(printing, entry.source, wgetrcEnv).configs.some((w) => files.has(filePath(w.text)));
    const piping = fedByPipe || fedByFile;
    if (!writing && !piping && !runsFile(command) && closer === undefined && !execs.has(entry.source) && !spreadsHeld(command)) continue;
    const direct = (n: string) => holds.has(n) && !printed.has(n);
    const numeric = (n: string) => numericAt(n, command, entry);
    if (writing) bashExpansions(command, held, direct, numeric, refers, integers, (v, how) => sink(v, how, command.line, true));
    if (writing) {
      // an assignment to an env var a program runs as code (`GIT_SSH_COMMAND="$X" git fetch`, `export BASH_ENV="$X"`, `PS4="$X"`
      // then `set -x`): before a command, declared or exported, or alone (the variable may be exported already, or later)
      const texts = command.words.map((w) => w.text);
      const { assignments } = splitAssignments(texts);
      // (the builtin past `builtin` and `command`, which run it as itself: `builtin alias b="$X"`, `command export ENV="$X"`)
      const at = pastBuiltins(command.words, assignments.length);
      const first = command.words[at];
      const declares = assignments.length === 0 && first?.literal === true && DECLARES.test(first.text);
      for (const w of declares ? command.words.slice(at + 1).filter((x) => PREFIX_ASSIGNMENT.test(x.text) || PROMPT_ELEMENT.test(x.text))
        : command.words.slice(0, assignments.length)) {
        const eq = w.text.indexOf('=');
        // (an element of PROMPT_COMMAND, an array since bash 5.1, each element of which runs: `PROMPT_COMMAND[1]="$X"`)
        const name = w.text.slice(0, eq).replace(/\+$/, '').replace(/^PROMPT_COMMAND\[[^\]]*\]$/, 'PROMPT_COMMAND');
        // `ENV="$X" sh -i`: an interactive POSIX shell sources the file ENV names after parameter expansion (the command it starts)
        const program = declares ? undefined : command.words[assignments.length];
        const interactive = name === 'ENV' && program?.literal === true && SHELL_NAMES.test(basename(program.text))
          && command.words.slice(assignments.length + 1).some((x) => x.literal && /^-[A-Za-z]*i[A-Za-z]*$/.test(x.text));
        const how = RUNNING_ENV.test(name) ? executingEnv(name) : interactive ? executingEnv(name, true)
          : configEnv.has(name) ? `git --config-env reads as the value of ${configEnv.get(name)}, which git runs as code`
          // `export ENV="$X"` (or `ENV="$X"`) and an interactive shell elsewhere in the script, `PROMPT_COMMAND` and an interactive bash
            : interactiveHow(name);
        const v = how === undefined ? undefined : held({ text: w.text.slice(eq + 1), literal: w.literal });
        if (v !== undefined) sink(v, `it sets ${name}, which ${how}`, command.line, name === 'PS4');
      }
      const rest = first?.literal === true ? command.words.slice(at + 1) : [];
      // `alias NAME="$X"`: the shell puts the value in place of NAME where it is a command (dash and POSIX sh always; bash with
      // `shopt -s expand_aliases`)
      if (first?.text === 'alias') {
        for (const w of rest) {
          const eq = w.text.indexOf('=');
          const v = eq > 0 ? held({ text: w.text.slice(eq + 1), literal: w.literal }) : undefined;
          if (v !== undefined) sink(v, `alias makes it the code of ${w.text.slice(0, eq)}, which the shell runs where that is a command (sh and dash expand aliases; bash with expand_aliases)`, command.line);
        }
      }
      // `mapfile -C "$X" -c N` evaluates the value as code every N lines it reads (bash 5.2 builtins/mapfile.def run_callback), its options as
      // bash parses them, `mapfileOptions` (bash 5.2 run: `mapfile -tC"$X" -c1 A < f` and `mapfile -c1 -tC "$X" A < f` ran X's code)
      if (first?.text === 'mapfile' || first?.text === 'readarray') {
        for (const [option, value] of mapfileOptions(rest.map((w) => w.text)).values) {
          // (the word that holds it, alone or after the option's letter)
          const word = option === 'C' ? rest.find((w) => w.text === value) ?? rest.find((w) => value !== undefined && w.text.endsWith(`C${value}`)) : undefined;
          const v = word === undefined || value === undefined ? undefined : held({ text: value, literal: word.literal });
          if (v !== undefined) sink(v, `${first.text} -C runs it as code as it reads lines`, command.line);
        }
      }
      // `compgen -C "$X"` runs the value as a command (bash 5.2 pcomplete.c gen_command_matches); `complete -C "$X"` makes it the
      // command that lists the completions of a word, which an interactive bash runs when its input holds a tab
      // `compgen -W "$X"` expands the word list as the shell expands a word, its command substitutions running (bash 5.2 pcomplete.c
      // gen_wordlist_matches: `compgen -W '$(id)' x` runs id); `complete -W` when bash completes the command's words
      if (first?.text === 'compgen' || first?.text === 'complete') {
        rest.forEach((w, k) => {
          const option = w.literal && /^-[A-Za-z]*[CW]$/.test(w.text) && k + 1 < rest.length ? w.text.slice(-1) : undefined;
          const v = option === undefined ? undefined : held(rest[k + 1]);
          if (v === undefined) return;
          if (option === 'C') {
            sink(v, first.text === 'compgen' ? 'compgen -C runs it as a command'
              : 'complete -C makes it the command that lists completions, which bash runs in an interactive shell whose input holds a tab', command.line);
          } else {
            sink(v, first.text === 'compgen' ? 'compgen -W expands it as a word, which runs the command substitutions in the value'
              : 'complete -W makes it the word list bash expands, running the command substitutions in it, as it completes in an interactive shell whose input holds a tab',
            command.line, true);
          }
        });
      }
    }
    if (integers.size > 0) {
      // `read N`, `printf -v N`, `for N in` given an integer variable: bash evaluates the value as arithmetic (past `builtin` and
      // `command`: `builtin read N`)
      const past = pastBuiltins(command.words, 0);
      const [first, ...rest] = command.words.slice(past);
      const given = !first?.literal ? []
        : READS.test(first.text) ? (readNames(argvOf(command).slice(past)) ?? []).filter((n) => integers.has(n)).map(() => inputHeld(entry))
          : first.text === 'printf' ? [printfTarget(rest)].filter((t) => t !== undefined && integers.has(t.name)).flatMap((t) => t!.rest.map((w) => held(w)))
            : first.text === 'for' && rest[1]?.text === 'in' && integers.has(rest[0].text) ? rest.slice(2).map((w) => held(w)) : [];
      const v = given.find((n) => n !== undefined && direct(n) && !numericAt(n, command, entry));
      if (v !== undefined) sink(v, 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value', command.line, true);
    }
    // a call of a function of the script given an input (`f <<< "$X"`, `echo "$X" | f`): the commands of its body that read
    // their code from their input, given none of their own, read the call's
    const callee = functions.size > 0 ? command.words[splitAssignments(argvOf(command)).assignments.length]?.text : undefined;
    if (callee !== undefined && functions.has(callee) && !definesFunction(entry.source, command)) {
      const through = piped === undefined ? undefined : pipedFrom(pipeline);
      const pipedValue = through !== undefined && (printedBy(argvOf(through.printer), standardInput(through.printer)) ?? []).length > 0
        ? through.printer.words.map((w) => held(w)).find((x) => x !== undefined) : undefined;
      // its own input, or, given none, that of the compound command around it (`{ f; } <<< "$X"`), placed where that is written
      const given = piped === undefined ? ownInput(command) : pipedValue;
      const v = given ?? (piped === undefined && closer !== undefined ? ownInput(closer) : undefined);
      const callLine = through === undefined ? command.line : [through.printer, ...through.through, command].map((c) => c.line).join(' | ');
      if (v !== undefined) {
        for (const body of functions.get(callee) ?? []) {
          for (const reader of stdinReaders(body, functions)) {
            if (given !== undefined) sink(v, `${reader} in the body of ${callee} reads it as code from its input, which the call gives it`, callLine);
            else sink(v, `this redirection gives it as input to the commands around the call \`${command.line}\`, where ${reader} in the body of ${callee} reads it as code`, closer!.line);
          }
        }
      }
      // a descriptor above 0 the call's redirections give (`f 3<<< "$X"`, `f 4<<< "$X" 3<&4`, `f 3< <(echo "$X")`), or, given none
      // on it, the closing word around the call (`{ f; } 3<<< "$X"`): the commands of its body that read their code from it
      // (and one bash allocates for a variable the body reads, `f {fd}<<< "$X"` then `source /dev/fd/$fd`: named by it)
      const labels = new Map<number, string>();
      const numbered = new Set(argvOf(command).flatMap((w) => {
        const named = /^\{([A-Za-z_][A-Za-z0-9_]*)\}[<>]/.exec(w);
        if (named !== null) labels.set(namedDescriptor(named[1]), `{${named[1]}}`);
        return named !== null ? [namedDescriptor(named[1])] : /^[0-9]+[<>]/.test(w) ? [Number(/^[0-9]+/.exec(w)![0])] : [];
      }).filter((n) => n > 0));
      if (command.scope.length > 0) for (let n = 3; n <= 9; n++) numbered.add(n);
      for (const fd of numbered) {
        const label = labels.get(fd) ?? String(fd);
        const source = descriptorSource(command, fd);
        const outer = source.kind === 'outer' && source.fd > 2 ? compoundDescriptor(simpleCommands(entry.source), command, source.fd) : undefined;
        const w = source.kind === 'outer' ? (outer === undefined ? undefined : ownInput(outer, source.fd)) : ownInput(command, fd);
        if (w === undefined) continue;
        for (const body of functions.get(callee) ?? []) {
          for (const reader of stdinReaders(body, functions, 0, fd)) {
            if (outer === undefined) sink(w, `${reader} in the body of ${callee} reads it as code from descriptor ${label}, which the call gives it`, command.line);
            else sink(w, `this redirection gives it to the commands around the call \`${command.line}\` as descriptor ${label}, where ${reader} in the body of ${callee} reads it as code`, outer.line);
          }
        }
      }
    }
    // a shell's code given an input (`sh -c 'bash' <<< "$X"`, `echo "$X" | sh -c 'cat | bash'`): the commands of the code that
    // read their code from their input, given none of their own, read it (the shell reads its code from the argument)
    if (command.words.some((w) => /^[-+][a-zA-Z]*c[a-zA-Z]*$/.test(w.text))) {
      for (const { argv: words, runs } of programsOf(command)) {
        for (const run of runs) {
          const code = shellCommandString(words, run);
          const readers = code === undefined ? [] : stdinReaders(code, functions);
          const v = readers.length > 0 ? inputHeld(entry) : undefined;
          const lineOf = entry.pipeline.length > 0 ? [...entry.pipeline, command].map((c) => c.line).join(' | ') : command.line;
          if (v !== undefined) for (const reader of readers) sink(v, `${reader} in the code of ${basename(run.program!)} ${shellCodeOption(words, run)} reads it as code from the input the shell is given`, lineOf);
          // a descriptor above 2 the shell is given (`bash -c 'source /dev/fd/3' 3<<< "$X"`), given none of its own by an exec
          // before it (`exec 3<<< "$X"; bash -c 'source /dev/fd/3'`) or the closing word around it (`{ sh -c 'bash <&3'; } 3<<< "$X"`):
          // the commands of the code that read their code from it (not from 3 through sudo or doas, which close those)
          if (code === undefined || !/fd\/|[<>]&/.test(code)) continue;
          for (let fd = 3; fd <= 9; fd++) {
            if (run.closesFrom !== undefined && fd >= run.closesFrom) break;
            const inner = stdinReaders(code, functions, 0, fd);
            if (inner.length === 0) continue;
            const source = descriptorSource(command, fd);
            const outerFd = source.kind === 'outer' ? source.fd : undefined;
            const opened = outerFd === undefined ? undefined : execOpened(entry.source, command, outerFd);
            const around = outerFd === undefined || outerFd < 3 || command.scope.length === 0 ? undefined
              : compoundDescriptor(simpleCommands(entry.source), command, outerFd);
            const given = outerFd === undefined ? { v: ownInput(command, fd), line: command.line, how: 'which the shell is given' }
              : opened !== undefined ? { v: ownInput(opened.command, opened.fd), line: command.line, how: `which \`${opened.command.line}\` opened before it` }
                : around !== undefined ? { v: ownInput(around, outerFd), line: around.line, how: `which this redirection gives the commands around \`${command.line}\`` }
                  : undefined;
            if (given?.v === undefined) continue;
            for (const reader of inner) sink(given.v, `${reader} in the code of ${basename(run.program!)} ${shellCodeOption(words, run)} reads it as code from descriptor ${fd}, ${given.how}`, given.line);
          }
        }
      }
    }
    // a process substitution written to (`echo "$X" > >(sh)`, `echo "$X" | tee >(sh)`): the commands of its code that read
    // their code from their input read what the command writes there
    const argv = argvOf(command);
    argv.forEach((w, at) => {
      if (!w.startsWith('>(') || !w.endsWith(')')) return;
      const readers = stdinReaders(w.slice(2, -1), functions);
      if (readers.length === 0) return;
      const redirected = at > 0 && /^1?(>|>>|>\||&>|&>>)$/.test(argv[at - 1]);
      const rest = redirected ? argv.filter((_, i) => i !== at - 1 && i !== at) : argv;
      const program = runOf(withoutRedirections(splitAssignments(rest).argv)).program;
      const tee = !redirected && program !== undefined && basename(program) === 'tee';
      const prints = redirected && (printedBy(rest, standardInput(command)) ?? []).length > 0;
      const v = tee ? inputHeld(entry) : prints ? command.words.map((x) => held(x)).find((x) => x !== undefined) : undefined;
      const writer = program === undefined ? '' : basename(program);
      const lineOf = tee && entry.pipeline.length > 0 ? [...entry.pipeline, command].map((c) => c.line).join(' | ') : command.line;
      if (v !== undefined) for (const reader of readers) sink(v, `${reader} in ${w} reads it as code from what ${writer} writes to it`, lineOf);
    });
    // xargs appends what it reads to its command, or puts it in place of its replace-string: the command it runs then,
    // its input written as the variable that holds it
    const appended = xargsCommands(command, () => inputHeld(entry));
    const wordIn = (text: string) => (appended.words.has(text) ? { text, literal: false } : wordOf(command, text));
    // the program and its arguments, past the assignments before it and the redirections (`$(<"$file")` runs no program);
    // the commands xargs runs with what it reads first: what it reads is their arguments (`echo "$X" | xargs python3 -c`
    // gives python3 its code), not their input (GNU xargs gives them /dev/null)
    const mine = programsIn(entry);
    const allRuns: Array<CommandRuns & Partial<XargsRuns[number]>> = [...appended.runs, ...mine.runs];
    for (const { argv: words, runs, xargs, splits: xargsSplits } of allRuns) {
      const line = xargs && piped !== undefined ? `${piped.line} | ${command.line}` : command.line;
      for (const run of runs) {
        // (`command -v "$X"`, `command -V`: it looks the name up, running nothing, bash 5.2)
        if (run.program === undefined || run.lookup === true) continue;
        // (or an array whose first element holds one, expanded whole as the program word: `a=("$X"); "${a[@]}"`)
        const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(run.program);
        // (the array itself, or those a nameref to it refers to: `declare -n R=A; "${R[@]}"`)
        const arraysOf = whole === null ? [] : [whole[1], ...namerefs.get(whole[1]) ?? []];
        // (its first element: `A[0]`, or one whose index is not known where it may be the first: `A=(tool "$X")` runs tool)
        const firstHeld = (a: string) => {
          const element = arrayElements(a)?.[0];
          return (element === undefined ? undefined : held(element)) ?? [a, `${a}[0]`, ...unknownFirst.has(a) ? [`${a}[@]`] : []].find((n) => holds.has(n));
        };
        const program = whole === null ? held(wordIn(run.program)) : arraysOf.map(firstHeld).find((n) => n !== undefined);
        if (program !== undefined && !notProgram.has(program)) {
          sink(program, 'it chooses the program the command runs', line);
          continue;
        }
        const name = basename(run.program);
        const after = withoutRedirections(words.slice(run.programIndex + 1));
        // `source`, `.`, `eval` and `trap` are builtins only where the shell runs them (`sudo source F` execs a file named source)
        const byShell = !xargs && runByShell(mine.top, words, run);
        const file = files.get(filePath(run.program));
        if (file !== undefined) sink(file.variable, `it runs the file ${run.program}, which \`${file.line}\` writes it to`, line);
        // an assignment of an `env` wrapper to an env var the program runs as code (`env GIT_SSH_COMMAND="$X" git fetch`), as the shell's
        for (const a of run.assignments) {
          const how = RUNNING_ENV.test(a.name) ? executingEnv(a.name)
            : configEnv.has(a.name) ? `git --config-env reads as the value of ${configEnv.get(a.name)}, which git runs as code` : interactiveHow(a.name, true);
          const w = how === undefined ? undefined : wordIn(words[a.index]);
          const v = w === undefined ? undefined : held({ text: w.text.slice(w.text.indexOf('=') + 1), literal: w.literal });
          // (sudo's own `NAME=VALUE` arguments set the command's env as env's do: said as the program that sets it)
          const setter = words.slice(0, a.index).map((x) => basename(x)).reverse().find((x) => x === 'env' || x === 'sudo' || x === 'doas') ?? 'env';
          if (v !== undefined) sink(v, `${setter} sets ${a.name}, which ${how}`, line);
        }
        if (name === 'eval' && byShell) {
          // (an array expanded whole among them, `eval "${a[@]}"`: each of its elements)
          const spread = spreadArrays(after);
          // (`${A[@]@Q}` not quoted: the shell splits each quoted element at blanks and expands the pieces as patterns, so a file
          // name a piece matches may close its quote, `A=(ls "a *")` with a file `q';id;''`: bash 5.2 then runs id, so every element
          // is code, not the first alone)
          const split = line.includes('@Q}') ? unquotedOperatorQuoted(line) : new Set<string>();
          spread.after.forEach((w, k) => {
            const word = spread.words[k] ?? wordIn(w);
            const array = split.size > 0 ? OPERATOR_QUOTED.exec(word.text)?.[2] : undefined;
            const splits = array !== undefined && split.has(array);
            const v = splits ? held({ text: `\${${array}[@]}`, literal: false }) : held(word);
            if (v === undefined || (!splits && spread.words[k] === undefined && quotedData(line, spread.after, word, k))) return;
            sink(v, splits ? `eval runs its words as code (${word.text} not quoted: the shell splits each quoted element at blanks and expands the pieces as `
              + 'patterns, so a file name one matches may close a quote)' : 'eval runs its words as code', line);
          });
        }
        if ((name === 'source' || name === '.') && byShell) {
          // the first operand names the file it runs as shell code (a process substitution's output is the code itself); bash
          // gives the file the later ones as its positional parameters, data as a script's arguments are
          const operands = after[0] === '--' ? after.slice(1) : after;
          const v = operands.length > 0 ? held(wordIn(operands[0])) : undefined;
          if (v !== undefined) {
            sink(v, /^[<>]\(/.test(operands[0]) ? `${name} reads it as code`
              : `it names the file ${name} runs as shell code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`, line);
          }
        }
        if (name === 'trap' && byShell) {
          const operands = after[0] === '--' ? after.slice(1) : after;
          const v = operands.length >= 2 && operands[0] !== '-' ? held(wordIn(operands[0])) : undefined;
          if (v !== undefined) sink(v, 'trap runs it as code on the signals it names', line);
        }
        // the first operand of `yarn exec`, shell code to yarn 2 and later (the program to yarn 1): said as the runner's code
        const codeWordAt = runnerCodeWord(words, run.programIndex);
        const codeWord = codeWordAt === undefined ? undefined : held(wordIn(words[codeWordAt]));
        if (codeWord !== undefined) sink(codeWord, YARN_EXEC_CODE, line);
        // the value of a runner's option that names the package it installs and runs a program of (`npx -p "$X" tool`, `bunx
        // --package="$X" tool`, `uvx --from "$X" ruff`), before the command it runs (whose own words are its arguments)
        // (where its options are read as a runner's, up to the command: `yarn workspaces foreach -p …`'s -p is another option)
        const runnerCommandAt = name !== 'bun' || words.slice(run.programIndex + 1).includes('x') ? runnerCommands(words, run.programIndex) : [];
        if (runnerCommandAt.length > 0) {
          const commandAt = Math.min(...runnerCommandAt);
          for (let k = run.programIndex + 1; k < commandAt && words[k] !== '--'; k++) {
            const v = held(wordIn(words[k]));
            const option = v === undefined ? undefined : runnerPackageOption(run.program, words, k, Math.max(0, words[k].indexOf('$')), run.programIndex);
            if (option !== undefined) sink(v!, `it is the value of ${option.program}'s ${option.name}, which ${option.runs}`, line);
          }
        }
        // the words pnpm runs in shell mode (`pnpm dlx -c cowsay "$X"`): joined with spaces, the code of /bin/sh, as the runner's code
        const shellModeAt = runnerShellCode(words, run.programIndex);
        const inShellMode = shellModeAt === undefined ? undefined : words.slice(shellModeAt).map((w) => held(wordIn(w))).find((v) => v !== undefined);
        if (inShellMode !== undefined) sink(inShellMode, `it is ${shellModeProblem(words, run.programIndex)}`, line);
        const shellCode = shellCommandString(words, run);
        if (shellCode !== undefined) {
          // (the code npx -c or npm exec --call gives its script shell, `--call=CODE` too: named as the runner's, as written)
          const call = words === mine.top ? undefined
            : mine.top.map((w, k) => (/^np[mx]$/.test(basename(w)) ? runnerCall(mine.top, k) : undefined))
              .find((c) => c !== undefined && c.code === shellCode && c.shell === run.program);
          const v = held(wordIn(shellCode)) ?? (call?.at === undefined ? undefined : held(wordIn(mine.top[call.at])));
          if (v !== undefined) sink(v, `it is ${call?.problem ?? `the code of ${name} ${shellCodeOption(words, run)}`}`, line);
        }
        // a program a variable names that is given `-c CODE` as a shell is (`"$SHELL" -c "$X"`, `$SH -c …`): it may be a shell
        const programWord = wordIn(run.program);
        const namedCode = shellCode === undefined && !programWord.literal && /^\$/.test(programWord.text) ? shellCommandString(words, { ...run, program: 'sh' }) : undefined;
        const fromNamed = namedCode === undefined ? undefined : held(wordIn(namedCode));
        if (fromNamed !== undefined) sink(fromNamed, `it is the code of ${run.program} -c, which a shell there runs as code`, line);
        // a program word that is one variable the script gives what `read` or a command's output gives (`read T < f; $T "$X"`): it may
        // be `eval`, which runs its words as code
        const programName = namedCode === undefined && shellCode === undefined && programWord.variable !== undefined
          && scriptUnknown.has(programWord.variable) ? programWord.variable : undefined;
        const evaluated = programName === undefined ? undefined : after.map((w) => held(wordIn(w))).find((v) => v !== undefined);
        if (evaluated !== undefined) {
          sink(evaluated, `the program word ${run.program} expands $${programName}, which may hold a value not known here (${anyOrigin(programName!)}), `
            + 'such as eval, which runs its words as code', line);
        }
        // the script a shell runs, or an interpreter given no code option its program file, that is a process substitution
        // (`bash <(echo "$X")`, `python3 <(echo "$X")`, `bash --rcfile <(echo "$X") -i`): what it prints is the code
        if (shellCode === undefined && (SHELL_NAMES.test(name) || CODE_OPTIONS.some((e) => e.program.test(name)))) {
          const scriptAt = after.findIndex((x) => !x.startsWith('-'));
          const substituted = SHELL_NAMES.test(name) || codeArguments(words, run).length === 0
            ? after.find((w, k) => /^<\(/.test(w) && (k === scriptAt || /^--(rcfile|init-file)$/.test(after[k - 1] ?? ''))) : undefined;
          const v = substituted === undefined ? undefined : held(wordIn(substituted));
          if (v !== undefined) sink(v, `${name} reads it as code from ${substituted}, the file it runs`, line);
        }
        // the code of a shell a container runtime runs in a container (`kubectl exec pod -- sh -c "$X"`, `docker run img sh -c "$X"`,
        // `docker exec c bash -lc "$X"`): a shell's name followed by an option group holding `c`, anywhere in its arguments
        if (/^(kubectl|oc|docker|podman|nerdctl|crictl)$/.test(name)) {
          after.forEach((w, k) => {
            if (!SHELL_NAMES.test(basename(w)) || !/^[-+][A-Za-z]*c[A-Za-z]*$/.test(after[k + 1] ?? '')) return;
            const inner = after.slice(k);
            const code = shellCommandString(inner, runOf(inner));
            const v = code === undefined ? undefined : held(wordIn(code));
            if (v !== undefined) sink(v, `it is the code of ${basename(w)} ${shellCodeOption(inner, runOf(inner))}, which ${name} runs in a container`, line);
          });
        }
        if (name === 'ssh') {
          // the words after the destination are the command the remote host's shell runs, joined by spaces
          for (const w of after.slice(sshCommandIndex(after))) {
            const v = held(wordIn(w));
            if (v !== undefined) sink(v, 'ssh has the remote host\'s shell run it as a command', line);
          }
        }
        // what a program runs through its options or configuration (`git -c core.sshCommand="$X"`, `git config alias.x "$X"`,
        // `git clone "$X"` given `--upload-pack=…`, `ssh -o ProxyCommand="$X"`, `rsync -e "$X"`, `tar -I "$X"`, `make "$X"`)
        // (an array's elements where a word expands it whole, `git "${opts[@]}" fetch` given `opts=(-c "core.sshCommand=$X")`)
        const spread = spreadArrays(after);
        const sunk = new Set<string>();
        for (const part of configuredCode(configuredProgram(run.program, spread.after), spread.after, extAllowed)) {
          const word = spread.words[part.index] ?? wordIn(spread.after[part.index]);
          // (an unquoted variable the script assigns only values that start with literal text, `R="https://host/$X"` then `git clone $R`:
          // its first word is that text, but the shell splits the value, and git reads a later word as an option, not an operand)
          const split = part.leading && !word.literal && /^\$/.test(word.text) && !startsWithText(word) && word.split !== false
            && startsWithText({ ...word, split: false });
          const v = part.leading ? (!word.literal && /^\$/.test(word.text) && !startsWithText(word) ? held(word) : undefined)
            : held({ text: word.text.slice(part.start, part.end), literal: word.literal });
          if (v !== undefined) sink(v, split ? splitOperandHow(part.how) : part.how, line);
          if (v !== undefined) sunk.add(v);
        }
        // a value expanded unquoted in an argument of find or of a program that reads options after its operands (tar, wget, rsync):
        // the shell splits it into words, and a later one starting with - is read as an option or a test of find's expression
        // (bash 5.2, GNU tar 1.34, findutils 4.9: `tar -xf a.tar src/$X` with X='x --checkpoint=1 --checkpoint-action=exec=CMD'
        // and `find /src $X` with X='-exec CMD ;' run CMD; quoted, `"src/$X"`, one word, they do not)
        const splitName = /^(gtar|bsdtar)$/.test(name) ? 'tar' : name;
        const splitting = ownKey(SPLIT_OPTIONS, splitName) ? SPLIT_OPTIONS[splitName] : undefined;
        const raws = splitting === undefined ? undefined : writtenOperands(command, after);
        // (or split before: where xargs reads it, which splits what it reads at blanks, `echo "$X" | xargs find`; into the positional
        // parameters `"$@"` gives, `set -- $X; find . "$@"`; or into the elements of an array expanded whole, `A=($X); find . "${A[@]}"`)
        // (find's: where a path, a test or an action stands, which a word starting with - is one of; none where find refuses the command)
        const findPlaces = splitting === SPLIT_OPTIONS.find
          ? findExpressionPlaces(after, (k) => raws?.[k] !== undefined && wordIn(after[k]).literal) : undefined;
        after.forEach((w, k) => {
          const raw = raws?.[k];
          if (splitting === undefined || (splitting !== SPLIT_OPTIONS.find && after.slice(0, k).includes('--'))) return;
          if (splitting === SPLIT_OPTIONS.find && findPlaces === undefined) return;
          if (xargs && xargsSplits === true && appended.words.has(w)) {
            const v = held(wordIn(w));
            if (v !== undefined && !sunk.has(v)) sink(v, `xargs splits what it reads into words at blanks, and ${splitting}`, line);
            return;
          }
          if (raw === undefined) return;
          if (unquotedExpansion(raw)) {
            const word = wordIn(w);
            const v = held(word);
            // (a variable a loop gives one word of it at a time, `for d in $X; do find $d; done`: to find one word only, which can
            // be -delete but not -exec CMD ;, bash 5.2 and findutils 4.9 run; to tar, wget and rsync an option that runs a command)
            const values = word.variable === undefined ? [] : assigned.filter((a) => a.name === word.variable);
            const looped = values.length > 0 && values.every((a) => loopWords.has(a.value));
            // (or an array's element the shell split from it, `args=(a $X); find . ${args[1]}`: one word, which bash 5.2 splits no further;
            // every value the element may hold, those given at an index not known included)
            const indexed = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[(?![@*]\])([^\]]*)\]\}$/.exec(word.text);
            const at = indexed === null ? undefined : elementIndex(indexed[2]);
            const elements = indexed === null ? [] : assigned.filter((a) => (at === undefined ? a.name.startsWith(`${indexed[1]}[`)
              : [`${indexed[1]}[${at}]`, `${indexed[1]}[@]`, `${indexed[1]}[+]`].includes(a.name)));
            const element = elements.length > 0 && elements.every((a) => elementWords.has(a.value));
            // (unless the shell expands patterns: a word `*` of it gives the names in the working directory it matches, a name holding
            // blanks, `-exec touch F ;`, split again where the variable is expanded unquoted; bash 5.2 and findutils 4.9 run: X='*' beside
            // such a file touches F through `for d in $X; do find . $d; done` and `args=(a $X); find . ${args[1]}`; `set -f` before, none)
            const given = splitting === SPLIT_OPTIONS.find && (looped || element);
            const oneWord = given && globbingOff(command);
            const each = looped ? `the loop gives ${word.variable} one at a time` : `become the elements of ${indexed?.[1]} one each`;
            // (one word as the value of a test or a word of -exec's command is data: `for d in $X; do find . -name $d; done`)
            if (v !== undefined && !sunk.has(v) && !(oneWord && !findPlaces!.has(k))) {
              sink(v, oneWord ? `the shell splits the unquoted value into words, which ${each}, and find reads one starting `
                + 'with - as a test or action of its expression: one word cannot be -exec CMD ; (it takes several), but can be -delete, which deletes '
                + 'every file find visits'
                : given ? `the shell splits the unquoted value into words, which ${each}: a word of it, or the names in the working directory a `
                  + `pattern in it matches (\`*\`), which may hold blanks, split again where ${word.text} is expanded unquoted, and ${splitting}`
                  : `the shell splits the unquoted value into words, and ${splitting}`, line);
            }
            return;
          }
          // a quoted word that is a value whole, with no literal text before it, where find reads a path, a test or an action: one word,
          // which find reads as a test or action where it starts with - (`find "$X"`, `find . "$X"`, `set -- $X; find . "$1"` with
          // -delete, findutils 4.9)
          const one = wordIn(w);
          // (one that expands an array or the positional parameters, read as arrayWord reads it: their elements, below; the positional
          // parameters' where the command that gives them is read, positionalLists)
          const expansion = arrayWord(raw);
          const positionalList = expansion === undefined ? undefined : positionalLists.get(expansion.name);
          // (a positional parameter's, where the word the command that gives it writes there may start with -: positionalMayLead)
          const oneValue = splitting === SPLIT_OPTIONS.find && findPlaces!.has(k) && !one.literal && /^"\$/.test(raw) && startsWithValue(one)
            && (one.variable === undefined || positionalMayLead(one.variable)) ? held(one) : undefined;
          if (oneValue !== undefined && !sunk.has(oneValue) && !/^"\$\{?[@*]|^"\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]|^"\$\{__pat_/.test(raw) && positionalList === undefined) {
            sink(oneValue, FIND_ONE_WORD, line);
            return;
          }
          // (or one that keeps the value whole where bash may: `find "${X%/}"`, `find "$(echo "$X")"` with X=-delete, bash 5.2 and
          // findutils 4.9 delete; not `find "./${X}"`)
          const kept = oneValue === undefined && splitting === SPLIT_OPTIONS.find && findPlaces!.has(k) && !one.literal
            ? wholeValueWord(raw) ?? namedWhole(raw) : undefined;
          const keptHeld = kept?.name.startsWith('${!') === true ? kept.name : kept === undefined || kept.through === '' || kept.name.startsWith('__pat_')
            || positionalList !== undefined || !startsWithValue({ variable: kept.name, split: false }) || !positionalMayLead(kept.name) ? undefined
            : held({ text: `$${kept.name}`, literal: false });
          if (keptHeld !== undefined && !sunk.has(keptHeld)) {
            sink(keptHeld, findOneWord(displayed(raw), displayed(kept!.through)), line);
            return;
          }
          // (or an array's element, quoted, `args=(a $X); find . "${args[1]}"`: one word the shell split from the value, all of it where it
          // holds no blank, or the value whole, `args=(a "$X")`; bash 5.2 and findutils 4.9 run with X=-delete and X='-delete x' delete)
          // (its subscript read as bash reads it, arithmetic: `${args[ 1 ]}` is element 1; `${args[-1]}`, `${args[i]}` one not known, any
          // the script assigns; and an element assigned alone, `args[1]=$X`, the value whole: bash 5.2 and findutils 4.9 run with X=-delete)
          // (read with an operation that keeps it whole as wholeValueWord reads one of a variable, `"${args[1]:-.}"`, `"${args[1]%/}"`: bash 5.2
          // and findutils 4.9 run with args=(a "$X") and X=-delete delete every file under .)
          const quotedElement = splitting === SPLIT_OPTIONS.find && findPlaces!.has(k) && expansion !== undefined && !/^[@*]$/.test(expansion.subscript)
            ? expansion : undefined;
          const operation = quotedElement?.operation === undefined ? undefined : wholeValue(`\${E${quotedElement.operation}}`);
          const elementHeld = quotedElement === undefined || (quotedElement.operation !== undefined && operation === undefined)
            ? undefined : held(one);
          if (elementHeld !== undefined && !sunk.has(elementHeld)) {
            const array = quotedElement!.name;
            const index = elementIndex(quotedElement!.subscript);
            // (each value it may hold that starts with the caller's: split from it, or a value whole as wholeValueWord reads one, `"${X%/}"`)
            const wholeElement = (text: string) => wholeValueWord(/^".*"$/s.test(text) ? text : `"${text}"`);
            const through = operation === undefined ? '' : `, and ${operation.through.replace('${E', `\${${array}[${quotedElement!.subscript}]`)}`;
            const mayBe = (a: Assignment): boolean => (a.name === array
              ? index === undefined || (a.subscript === undefined ? index === 0 : [index, undefined].includes(elementIndex(a.subscript)))
              : index === undefined ? a.name.startsWith(`${array}[`) : [`${array}[${index}]`, `${array}[@]`, `${array}[+]`].includes(a.name));
            const starting = assigned.filter((a) => mayBe(a) && held(a.value) !== undefined
              && (elementWords.has(a.value) || wholeElement(a.value.text) !== undefined));
            if (starting.length > 0) {
              const ways = [...new Set(starting.map((a) => (elementWords.has(a.value) ? 'one word the shell split from the unquoted value, all of it where it holds no blank'
                : wholeElement(a.value.text)!.through === '' ? 'the value whole' : wholeElement(a.value.text)!.through)))];
              sink(elementHeld, findOneWord(raw, `an element of ${array}: ${ways.join('; or ')}${through}`), line);
              return;
            }
          }
          const list = held(wordIn(w));
          const splitFrom = list === undefined ? undefined : splitLists.get(list);
          const splitGiven = splitFrom !== undefined && /^"\$\{__pat_[0-9]+_[^}]*\}"$/.test(raw) && !sunk.has(list!) && holds.has(splitFrom);
          if (splitGiven) {
            sink(splitFrom!, `the shell splits the unquoted value into the positional parameters, whose words "$@" gives ${splitName}, and ${splitting}`, line);
          }
          const array = expansion?.subscript === '@' && /^(:[^}]*)?$/.test(expansion.rest) ? expansion.name : undefined;
          const element = array === undefined ? undefined : (splitElements.get(array) ?? []).map((e) => held(e)).find((e) => e !== undefined);
          if (element !== undefined && !sunk.has(element)) {
            sink(element, `the shell splits the unquoted value into the elements of ${array}, whose words "\${${array}[@]}" gives ${splitName}, and ${splitting}`, line);
          }
          // (or by read -a at blanks, by mapfile at lines: `read -ra args <<< "$X"; find . "${args[@]}"`, bash 5.2)
          const reading = array === undefined || element !== undefined ? undefined : readArrays.get(array);
          // (mapfile without -t keeps each line's line break in its element, which no test or action of find has: bash 5.2 and findutils 4.9
          // run, `mapfile A < <(echo "$X"); find . "${A[@]}"` with X=-delete is an unknown predicate; but the last line of what ends with
          // none, `< <(printf %s "$X")`, has none, one word that may be -delete; tar's `--checkpoint-action=exec=CMD` keeps it in CMD, and runs it)
          const keptBy = splitting === SPLIT_OPTIONS.find ? reading?.kept : undefined;
          if (reading !== undefined && holds.has(reading.from) && !sunk.has(reading.from) && keptBy !== 'all') {
            sink(reading.from, `${reading.reader === 'read' ? `read -a splits what it reads into the elements of ${array!} at blanks`
              : `${reading.reader} gives each line it reads as an element of ${array!}`}, whose words "\${${array!}[@]}" gives ${splitName}, and `
              + (keptBy === 'last' ? `each holds the delimiter that ends its line (no -t), which no test or action has, but the last where what ${reading.reader} `
                + 'reads does not end with one: find reads that word as a test or action of its expression where it starts with -: one word cannot be '
                + '-exec CMD ; (it takes several), but can be -delete, which deletes every file find visits' : splitting), line);
          }
          // (or the elements an array expanded whole or sliced gives, quoted, `args=(a "$X"); find . "${args[@]}"`, `"${args[@]:1}"`: each one
          // word, the value whole, where it stands where find reads a path, a test or an action, not as the value of a test before it in the
          // array, `args=(-name "$X")`; bash 5.2 and findutils 4.9 run with X=-delete: `"${args[@]}"`, `"${args[@]:1}"` and `"${args[@]:1:1}"` delete
          // every file under ., `"${args[@]:0:1}"` gives a alone; an offset not known, any element first)
          // (`*` joins them into one word, by IFS's first character, which starts with the first element it gives: the value whole where it
          // gives that alone; bash 5.2 run with X=-delete, args=(a "$X"): `find . "${args[*]:1}"` and `"${args[*]}"` with args=("$X") delete
          // every file under ., with args=(a "$X" b) find refuses `-delete b`; any element where the script sets IFS, blank between none)
          // (with an operation, applied to each element as wholeValueWord reads one of a variable, `"${args[@],,}"`, `"${args[@]%/}"`,
          // `"${args[@]#x}"`, or to the whole, `"${args[*]:-y}"` (`:-` is not an offset): bash 5.2 and findutils 4.9 run with args=(a "$X")
          // and X=-delete delete every file under .; not `"${args[@]:+y}"`, y; an upper-cased value may still be an operator, `!`, or -L before the paths)
          // (the positional parameters alike, `set -- a "$X"` or a function's call `f a "$X"`, then `find . "$@"`, `"${@:2}"` or `"$*"`: the words
          // the command gives them, each where it writes it, from where the form of `$@` starts past the shifts before it (positionalLists);
          // bash 5.2 and findutils 4.9 run with X=-delete: `set -- "$X"; find d "$@"`, `f() { find d "$@"; }; f "$X"`, `set a "$X"; find d "${@:2}"`
          // and `set -- "$X"; find d "$*"` delete every file under d; `set -- -name "$X"`, `set -- a "$X"` with `"$*"` and `set "$X"`, where
          // set reads a value starting with - as its option, delete nothing)
          // (where xargs gives them, any place: it splits what it reads into words at blanks, the first a test's value, `-name "$@"`, the
          // next free, `a -o -delete`)
          const splitByXargs = positionalList?.fields.some((e) => xargsFields.has(e)) === true;
          const sliced = splitting === SPLIT_OPTIONS.find && (findPlaces!.has(k) || splitByXargs) && element === undefined && reading === undefined
            && !splitGiven && expansion !== undefined && /^[@*]$/.test(expansion.subscript) ? expansion : undefined;
          const slicedOperation = sliced?.operation === undefined ? undefined : wholeValue(`\${E${sliced.operation}}`);
          const listed = sliced === undefined || (sliced.operation !== undefined && slicedOperation === undefined) ? undefined
            : positionalList !== undefined ? positionalElements(sliced, positionalList) : arrayElementsGiven(sliced.name, sliced.offset);
          if (sliced !== undefined && listed !== undefined) {
            const { elements, ordered, offset } = listed;
            const length = sliced.length === undefined ? undefined : elementIndex(sliced.length);
            const slice = !ordered || offset === undefined ? elements
              : elements.slice(offset, length === undefined ? undefined : offset + length);
            const joined = sliced.subscript === '*';
            const given = !joined || !ordered || offset === undefined || /\bIFS\b/.test(script) ? slice : slice.length === 1 ? slice : [];
            const slicePlaces = !ordered || offset === undefined ? undefined
              : findExpressionPlaces([...after.slice(0, k), ...given.map((e) => e.text), ...after.slice(k + 1)],
                (j) => (j < k ? raws?.[j] !== undefined && wordIn(after[j]).literal
                  : j < k + given.length ? given[j - k].literal : wordIn(after[j - given.length + 1]).literal));
            const at = given.findIndex((e, j) => held(e) !== undefined
              && wholeValue(e.text) !== undefined && (slicePlaces === undefined || slicePlaces.has(k + j)));
            const v = at < 0 ? undefined : held(given[at]);
            if (v !== undefined && !sunk.has(v)) {
              const e = given[at];
              const way = e.variable !== undefined && e.split === false ? 'the value whole'
                : e.variable !== undefined || loopWords.has(e) ? 'one word the shell split from the unquoted value, all of it where it holds no blank'
                  : wholeValue(e.text)!.through === '' ? 'the value whole' : wholeValue(e.text)!.through;
              const shown = positionalList !== undefined ? sliced.subscript : `${sliced.name}[${sliced.subscript}]`;
              const through = slicedOperation === undefined ? '' : `, and ${slicedOperation.through.replace('${E', `\${${shown}`)}`;
              const of = positionalList !== undefined ? `an argument of ${positionalList.by}` : `an element of ${sliced.name}`;
              // (a word xargs split from what it reads, several where the value holds blanks: `-exec CMD ;` too, bash 5.2 and findutils 4.9 run)
              if (xargsFields.has(e as Word)) sink(v, `xargs splits what it reads into words at blanks, and ${splitting}`, line);
              else sink(v, findOneWord(displayed(raw), `${of} it ${joined ? 'joins into one word, alone or first' : 'gives'}: ${way}${through}`), line);
            }
          }
        });
        if (name === 'yq' && after.some((w) => /^--security-enable-system-operator(=true)?$/.test(w))) {
          // yq's system operator, once enabled, runs commands: its expression (or the file of --from-file) is code
          for (const w of after) {
            const v = held(wordIn(w));
            if (v !== undefined) sink(v, 'it is an argument of yq --security-enable-system-operator, whose expression\'s system operator runs commands', line);
          }
        }
        // the commands gdb runs as its own (-ex, -iex …) and the Ex commands of vim (-c, +, --cmd): editorCommands; and an argument
        // before the end of their options that a value starts, which may be such an option (`--eval-command=shell …`, `+!cmd`)
        for (const { index, option } of editorCommands(name, after)) {
          const word = wordIn(after[index]);
          const v = option !== undefined ? held(word) : !word.literal && /^\$/.test(word.text) && !startsWithText(word) ? held(word) : undefined;
          if (v === undefined) continue;
          const editorRuns = `${name} runs it ${EDITOR_RUNS[name === 'gdb' ? 'gdb' : 'vim']}`;
          sink(v, option !== undefined ? `it is the command of ${name} ${option}: ${editorRuns}`
            : `it starts an argument of ${name} before the end of its options, an option where the value starts with `
            + `${name === 'gdb' ? '-ex= or --eval-command=' : '+ or -c'}: ${editorRuns}`, line);
        }
        // expect's commands of -c (Tcl: exec and spawn run programs), before its first operand, the script file (expect 5.45)
        if (name === 'expect') {
          for (let k = 0; k < after.length && after[k].startsWith('-') && after[k] !== '--'; k++) {
            const code = after[k] === '-c' ? after[++k] : /^-c./.test(after[k]) ? after[k].slice(2) : undefined;
            if (after[k] === '-D' || after[k] === '-f') k++;
            const v = code === undefined ? undefined : held(wordIn(after[k].endsWith(code) ? after[k] : code));
            if (v !== undefined) sink(v, 'it is the code of expect -c, Tcl whose exec and spawn run programs', line);
          }
        }
        const codes = codeArguments(words, run);
        const interprets = CODE_OPTIONS.some((e) => e.program.test(name));
        for (const { index, option } of codes) {
          const v = held(wordIn(words[index]));
          if (v !== undefined) sink(v, `it is the code of ${name} ${option}`, line);
        }
        // the arguments after that code the interpreter gives it as data (codeArgvData): a caller's value there where the interpreter
        // may read it as its own option (`node -e CODE "$X"`, X=--eval=CODE), a switch before the code reads it as more than data
        // (`perl -ne CODE -- "$X"`), or the fixed code names an evaluator (`python3 -c 'import sys; eval(sys.argv[1])' "$X"`)
        // (a value not known here there, a variable the script does not fix to a word that starts with a letter or a path, may be an option
        // too, after which the others may be: `node -e CODE "$OPT" "$X"` with OPT=--inspect reads X=--eval=CODE as its option, node 18 run)
        // (or a backquoted command substitution, or an unquoted pattern that starts with one, `*`, whose names in the working directory
        // may start with -: with a file opts holding --inspect=127.0.0.1:0, ``node -e CODE `cat opts` "$X"`` and, with a file of that
        // name, `node -e CODE * "$X"` ran X=--eval=CODE, bash 5.2 and node 20 run)
        const written = codes.length === 0 ? undefined : writtenOperands(command, words);
        const unfixed = (text: string) => {
          const word = wordIn(text);
          if (word.literal) return /^[*?[]/.test(text) && words.some((w, i) => w === text && (written === undefined || /^[*?[]/.test(written[i] ?? '')));
          return /^"?[$`]/.test(word.text) && !startsWithText(word);
        };
        const argvData = codes.length === 0 ? undefined : codeArgvData(words, run, codes.map((c) => c.index),
          (text) => unfixed(text) && held(wordIn(text)) !== undefined, (text) => held(wordIn(text)) !== undefined, unfixed);
        for (const i of argvData?.indexes ?? []) {
          const told = argvData!.evaluator !== undefined || argvData!.switch !== undefined || argvData!.option === true;
          const v = told ? held(wordIn(words[i])) : undefined;
          // (with the code as written, its lines kept, where the fix reads what it imports: `python3 -c 'import sys⏎import os⏎…' "$X"`)
          if (v !== undefined) sink(v, `it is an argument ${name} ${argvDataReading(name, argvData!)}`, line, false, codes.map((c) => words[c.index]).join(' '));
        }
        // a shell or another interpreter given no code option, where a word before its first operand expands a variable whose value is
        // not known here (anyOrigin: `read O < f; sh -$O "$X"`, `O=$(cat f); python3 $O "$X"`): the value may be its code option
        // (`c`, `-c`, `-e` …), which makes that operand its code
        if (unknownValues && shellCode === undefined && namedCode === undefined && codes.length === 0 && (SHELL_NAMES.test(name) || interprets)) {
          let unknown: { word: string; name: string } | undefined;
          for (const w of after) {
            const word = wordIn(w);
            const v = word.literal ? undefined : held(word);
            if (unknown !== undefined && !/^[-+]/.test(w)) {
              if (v !== undefined) {
                sink(v, `it may be the code of ${name}: ${unknown.word} before it expands $${unknown.name}, which may hold a value not known here `
                  + `(${anyOrigin(unknown.name)}), such as ${SHELL_NAMES.test(name) ? '-c' : 'a code option (-c, -e)'}`, line);
              }
              break;
            }
            const from = word.literal || v !== undefined ? undefined : [...w.matchAll(/\$\{?#?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]).find((n) => anyOrigin(n) !== undefined);
            if (unknown === undefined && from !== undefined) unknown = { word: w, name: from };
            else if (!/^[-+]/.test(w)) break;
          }
        }
        // a shell given no code option as written, where an option word before its first operand expands, as its shell expands it, to
        // a group holding `c` (`O=c` then `sh -$O "$X"`, `sh -${V:1} "$X"` with the step's V=xc): that operand is its code (dash 0.5.12)
        // (and the words as it so expands them, each reading: the file it runs is the operand past them, `O=e; sh -$O "$X"`)
        let expandedAfter: string[][] | undefined;
        if (shellCode === undefined && namedCode === undefined && SHELL_NAMES.test(name) && after.some((w) => /^[-+]\S*\$/.test(w))) {
          const dialects = shellDialects(shellOf(entry));
          let option: { word: string; text: string } | undefined;
          expandedAfter = [[...after]];
          for (const [at, w] of after.entries()) {
            const word = wordIn(w);
            if (option !== undefined || !/^[-+]/.test(w)) {
              const v = option === undefined || word.literal ? undefined : held(word);
              if (v !== undefined) sink(v, `it is the code of ${name} ${option!.text} (the shell expands ${option!.word} to ${option!.text})`, line);
              break;
            }
            if (word.literal || !w.includes('$')) continue;
            const texts = new Set<string>();
            for (const values of valueReadings([w], fixed, assignedValues)) {
              for (const dialect of dialects) {
                const expanded = expandedWord(w, values, true, setNames, dialect);
                if (typeof expanded !== 'string' && /^[-+][A-Za-z]*c[A-Za-z]*$/.test(expanded.text)) option ??= { word: w, text: expanded.text };
                if (typeof expanded !== 'string' && /^\S+$/.test(expanded.text)) texts.add(expanded.text);
              }
            }
            expandedAfter = texts.size === 0 ? []
              : expandedAfter.flatMap((r) => [...texts].map((t) => r.map((x, k) => (k === at ? t : x)))).slice(0, 8);
          }
        }
        // the file a shell given no code, or an interpreter given no code option, runs, or a word before it (`bash "$X"`, `python3 "$X"`,
        // `node -r "$X" app.js`, `bun run "$X"`): the value chooses the code that runs (which file, or an option such as -c), as it does
        // pasted into those words in `args`; the words after the file are its arguments (a shell's positional parameters, read apart)
        let fileRead = false;
        for (const reading of expandedAfter !== undefined && expandedAfter.length > 0 ? expandedAfter : [after]) {
          const fileAt = shellCode === undefined && namedCode === undefined && !fileRead ? runFileIndex(name, reading, codes.length > 0) : undefined;
          if (fileAt === undefined) continue;
          for (let k = 0; k < Math.min(fileAt.file ? fileAt.index + 1 : fileAt.index, after.length); k++) {
            const v = /^[<>]\(/.test(after[k]) ? undefined : held(wordIn(after[k]));
            if (v === undefined) continue;
            sink(v, k === fileAt.index && fileAt.file ? `it names the file ${name} runs as code, so the value chooses which file runs (any the container can read: /dev/stdin, a file in a workspace)`
              : `it is an argument of ${name} before the file it runs, where the value may be an option that gives it other code to run (${SHELL_NAMES.test(name) ? '-c, --rcfile' : '-c, -e, a module to load'}) or moves the file`, line);
            fileRead = true;
            break;
          }
        }
        for (const { index, option } of programArguments(words, run)) {
          const v = held(wordIn(words[index]));
          if (v !== undefined) {
            sink(v, AWK.test(name) ? `it is the program of ${name}${option === '' ? '' : ` ${option}`}, whose system(), pipes and getline run commands`
              : `it is the script of sed${option === '' ? '' : ` ${option}`}, whose e command and s///e flag run commands`, line);
          }
        }
        // awk's literal program running as a command a variable `-v NAME=VALUE` (`--assign`) gives it from a value, or ENVIRON["X"]
        // of an env var holding one: `awk -v c="$X" 'BEGIN { system(c) }'`, `c | getline`, `print | c` (gawk 5.2, mawk 1.3.4)
        if (AWK.test(name)) {
          const programs = programArguments(words, run).map(({ index }) => words[index]).filter((w) => wordIn(w).literal);
          const runsName = (n: string) => programs.some((p) => awkRunsCommand(p, n));
          for (let k = 0; k < after.length && programs.length > 0; k++) {
            const given = after[k] === '-v' || after[k] === '--assign' ? after[++k] : /^-v./.test(after[k]) ? after[k].slice(2)
              : after[k].startsWith('--assign=') ? after[k].slice(9) : undefined;
            const option = after[k].startsWith('--assign') || after[k - 1] === '--assign' ? '--assign' : '-v';
            const n = given === undefined ? undefined : /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(given)?.[1];
            const v = n === undefined ? undefined : held(wordIn(after[k].endsWith(given!) ? after[k] : given!));
            if (v !== undefined && runsName(n!)) sink(v, `${name} ${option} sets ${n} from it, which its program runs as a command (system(), a pipe or getline)`, line);
          }
          for (const p of programs) {
            for (const m of p.matchAll(/ENVIRON\[\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\]/g)) {
              if (holds.get(m[1]) === m[1] && awkRunsCommand(p, m[0])) sink(m[1], `${name}'s program runs ${m[0]} as a command (system(), a pipe or getline)`, line);
            }
          }
        }
        // a file a shell, an interpreter, source or awk -f or sed -f reads as its code
        if (fileNames.length > 0) {
          const readsFile = (SHELL_NAMES.test(name) && shellCode === undefined) || ((name === 'source' || name === '.') && byShell)
            || (interprets && codes.length === 0);
          const option = AWK.test(name) || name === 'sed' ? after.findIndex((w) => /^(-f|--file|-E)$/.test(w)) : -1;
          const operand = readsFile ? fileOperand(name, after) : option >= 0 ? after[option + 1] : name === 'sftp' ? sftpBatchFile(after) : undefined;
          const ran = operand === undefined ? undefined : files.get(filePath(operand));
          if (ran !== undefined) sink(ran.variable, `${name} runs the file ${operand}, which \`${ran.line}\` writes it to`, line);
        }
        // a startup file a login or interactive shell sources before its code (`echo "$X" >> ~/.bashrc` then `bash -i`,
        // `>> ~/.profile` then `bash -lc …`): bash 5.2 shell.c run_startup_files, dash's login ~/.profile
        if (files.size > 0 && SHELL_NAMES.test(name)) {
          // (`+l` makes a login shell too: bash 5.2, dash 0.5.12 and busybox 1.36 ash read `l` whatever its sign)
          const end = after.findIndex((w) => !/^[-+]/.test(w) || w === '--' || w === '-');
          const options = after.slice(0, end < 0 ? after.length : end);
          const flags = (letter: string, sign = '-') => options.some((w) => new RegExp(`^${sign}[A-Za-z]*${letter}[A-Za-z]*$`).test(w));
          const login = flags('l', '[-+]') || options.includes('--login');
          const interactive = flags('i') && name === 'bash';
          const home = (path: string) => path.replace(/^(~|\$HOME|\$\{HOME\})\//, '~/');
          const startup = [...login ? ['~/.profile', '~/.bash_profile', '~/.bash_login', '/etc/profile'] : [], ...interactive ? ['~/.bashrc', '/etc/bash.bashrc'] : []];
          for (const [path, writer] of files) {
            if (startup.includes(home(path))) sink(writer.variable, `${name} ${login ? 'as a login shell' : '-i'} sources ${path} at start, which \`${writer.line}\` writes it to`, line);
          }
        }
        // a file git reads as its configuration (`echo "$X" >> ~/.gitconfig`, or the file GIT_CONFIG_GLOBAL names, then `git fetch`):
        // its core.sshCommand, aliases, hooksPath … run commands
        if (name === 'git') {
          for (const path of gitConfigWritten) {
            const writer = files.get(path)!;
            sink(writer.variable, `git reads the file ${path} as its configuration, whose keys run commands (core.sshCommand, alias.*), and \`${writer.line}\` writes it to that file`, line);
          }
        }
        // a makefile written from it that make reads (`echo "$X" > Makefile` then `make`, `make -f /tmp/mk`): its recipes run as
        // shell commands, its $(shell …) too (GNU make 4.3); one -f (--file, --makefile) names, else the makefile of its directory
        if (/^g?make$/.test(name) && files.size > 0) {
          const named = after.flatMap((w, k) => (/^(-f|--file|--makefile)$/.test(w) && k + 1 < after.length ? [after[k + 1]]
            : /^--(file|makefile)=/.test(w) ? [w.slice(w.indexOf('=') + 1)] : /^-f./.test(w) ? [w.slice(2)] : [])).map(filePath);
          // (`-C DIR` reads the makefile of DIR)
          const moves = after.some((w) => /^(-C|--directory)/.test(w));
          for (const path of named.length > 0 ? named.filter((f) => files.has(f)) : moves ? [] : makefileWritten) {
            const writer = files.get(path)!;
            sink(writer.variable, `${name} reads the file ${path} as its makefile, whose recipes and $(shell …) run commands, and \`${writer.line}\` writes it to that file`, line);
          }
        }
        // a file ssh reads as its configuration (`echo "$X" >> ~/.ssh/config` then `ssh host`, `scp -F /tmp/c …`): its ProxyCommand,
        // LocalCommand, KnownHostsCommand and Match exec run commands; git and rsync run ssh for a remote over ssh
        if (/^(ssh|scp|sftp)$/.test(name) || RUNS_SSH.test(name)) {
          const named = /^(ssh|scp|sftp)$/.test(name) ? sshConfigOption(after).filter((f) => files.has(f)) : [];
          for (const path of [...sshConfigWritten, ...named]) {
            const writer = files.get(path)!;
            sink(writer.variable, `${RUNS_SSH.test(name) ? `${name} runs ssh for a remote over ssh, which reads` : `${name} reads`} the file ${path} as its configuration, whose`
              + ` ProxyCommand, LocalCommand and Match exec run commands, and \`${writer.line}\` writes it to that file`, line);
          }
        }
        // a shell (or source /dev/stdin, or another interpreter given no program) reading its input: a here-string, an
        // unquoted heredoc, or what echo or printf pipes to it
        const interpreter = interprets && codes.length === 0 && after.every((w) => w.startsWith('-'));
        // the descriptor it reads its code from: its standard input, or another a redirection of its own feeds (`source /dev/fd/3 3<<< CODE`)
        // sftp reads its commands from its input unless `-b FILE` names another file (OpenSSH 9.2 sftp.c), and runs `!command` in a
        // local shell
        const sftpBatch = name === 'sftp' ? sftpBatchFile(after) : undefined;
        const sftpInput = name === 'sftp' && (sftpBatch === undefined || sftpBatch === '-' || sftpBatch === '/dev/stdin');
        // a batch file that is a process substitution (`sftp -b <(echo "$X") host`): what it prints are the commands
        const sftpPrinted = sftpBatch !== undefined && sftpBatch.startsWith('<(') ? held(wordIn(sftpBatch)) : undefined;
        if (sftpPrinted !== undefined) sink(sftpPrinted, `sftp reads what ${sftpBatch} prints as its commands (-b), whose !command runs in a local shell`, line);
        // ssh reads its configuration from its input given `-F /dev/stdin` (`ssh -F /dev/stdin host <<< "$X"`): its ProxyCommand runs
        const sshFile = sshConfigFromInput(name, after);
        // ssh given no remote command, or a shell given no code as that command (`ssh host`, `ssh host bash -s`), sends its input to
        // the remote host's shell, which runs it as commands (OpenSSH 9.2); not with -n, -f, -N, -W, -s or -O, which give none or run none
        const sshShell = name === 'ssh' && sshFile === undefined && remoteShellReadsInput(after);
        const asCode = (from: string) => (sshShell ? `ssh gives the remote host's shell what it reads from ${from}, which that shell runs as commands`
          : sshFile === undefined ? `${name} reads it as code from ${from}`
            : `${name} reads it from ${from} as its configuration file (-F ${sshFile}), whose ProxyCommand, LocalCommand and Match exec run commands`);
        // (a program xargs runs too: GNU xargs 4.9 gives it /dev/null for its input, but BusyBox's xargs, alpine's, its own:
        // `printf '%s\n' a "$X" | busybox xargs -n1 sh -s` runs what X holds past xargs' first read)
        const readsInput = interpreter || sftpInput || sshFile !== undefined || sshShell;
        const described = shellCode === undefined ? codeDescriptors(words, run, byShell) : [];
        for (const fd of described.length > 0 || shellCode !== undefined || !readsInput ? described : [0]) {
          // (what the descriptor is once its redirections apply: `bash -s 3<<< CODE <&3` reads the here-string)
          const fdSource = descriptorSource(command, fd);
          const input = fdSource.kind === 'text' ? fdSource.text : undefined;
          const heredoc = fdSource.kind === 'text' ? fdSource.heredoc : undefined;
          // the descriptor of the shell around it that it is, given none of its own (`bash <&3` reads what 3 is there)
          const outerFd = fdSource.kind === 'outer' ? fdSource.fd : undefined;
          const named = fd === 0 ? 'its input' : after.find((w) => descriptorOf(w) === fd) ?? `descriptor ${fd}`;
          // a heredoc's body expands unless its delimiter is quoted (a backslash keeps `\$X` as text)
          const v = input === undefined ? undefined
            : heredoc === undefined ? held({ text: input, literal: !command.words.some((w) => !w.literal && w.text.endsWith(input)) })
              : heredoc.expanded ? held({ text: heredoc.body.replace(/\\[\s\S]/g, ''), literal: false }) : undefined;
          if (v !== undefined) sink(v, asCode(named), line);
          // the input a process substitution gives (`bash < <(echo "$X")`): what it prints is the code, as for `source <(…)`
          const substituted = input === undefined ? redirectedFrom(argvOf(command), fd) : undefined;
          const fromSubstitution = substituted !== undefined && /^<\(/.test(substituted) ? held(wordIn(substituted)) : undefined;
          if (fromSubstitution !== undefined) sink(fromSubstitution, `${asCode(named)}, what ${substituted} prints`, line);
          const stdin = outerFd === 0;
          // given none of its own on it, the descriptor an `exec` before it in its text opened for the rest of the script
          // (`exec 3<<< "$X"` then `source /dev/fd/3`, `exec < <(echo "$X")` then `bash`)
          const opened = outerFd !== undefined && (outerFd > 0 || (piped === undefined && closer === undefined))
            ? execOpened(entry.source, command, outerFd) : undefined;
          const fromExec = opened === undefined ? undefined : ownInput(opened.command, opened.fd);
          if (fromExec !== undefined) sink(fromExec, `${asCode(named)}, which \`${opened!.command.line}\` opened before it`, line);
          // given none of its own, the input the closing word of the compound command or subshell around it redirects
          // placed where that input is written, which names the reader
          const around = stdin && !xargs && closer !== undefined ? ownInput(closer) : undefined;
          if (around !== undefined) sink(around, `this redirection gives it as input to the commands around \`${command.line}\`, where ${name} reads it as code`, closer!.line);
          // a descriptor above 2 given none of its own, that the closing word around it redirects (`{ source /dev/fd/3; } 3<<< "$X"`)
          const outer = outerFd !== undefined && outerFd > 2 && command.scope.length > 0
            ? compoundDescriptor(simpleCommands(entry.source), command, outerFd) : undefined;
          const fromOuter = outer === undefined ? undefined : ownInput(outer, outerFd);
          if (fromOuter !== undefined) sink(fromOuter, `this redirection gives it to the commands around \`${command.line}\` as ${named}, where ${name} reads it as code`, outer!.line);
          // (through tee or cat, which pass it on: `curl -sL "$X" | tee install.sh | sh`)
          const downloader = stdin ? pipedFrom(pipeline) : undefined;
          const fetched = downloader === undefined ? undefined : downloaded(downloader.printer, entry.source, wgetrcEnv);
          // (the program, behind any wrapper: `sudo curl …`)
          const fetcher = fetched?.program;
          const fetchLine = downloader === undefined ? '' : [downloader.printer, ...downloader.through, command].map((c) => c.line).join(' | ');
          for (const w of fetched?.urls ?? []) {
            // what curl or wget prints from a URL the value names
            const v2 = held(w);
            if (v2 !== undefined) sink(v2, `${name} reads as code what ${fetcher} downloads with it (from the URL it names)`, fetchLine);
          }
          for (const w of fetched?.configs ?? []) {
            // what curl prints from the URLs of a configuration file the value names or holds (`curl -K <(echo "url=$X")`)
            const v2 = held(w);
            if (v2 !== undefined) sink(v2, `${name} reads as code what ${fetcher} downloads with it (from the URLs of the configuration ${w.text} gives it)`, fetchLine);
            // (a file the script writes it to: `echo "url = $X" > rc` then `curl -K rc | sh`)
            const writtenRc = v2 === undefined && w.literal ? files.get(filePath(w.text)) : undefined;
            if (writtenRc !== undefined) {
              sink(writtenRc.variable, `${name} reads as code what ${fetcher} downloads with it (from the URLs of the configuration file ${w.text}, which \`${writtenRc.line}\` writes it to)`, fetchLine);
            }
          }
          // what curl or wget prints from the URLs of the configuration or list it reads from its input, which holds the value
          // (`echo "url = $X" | curl -K - | sh`: the configuration's `url` and `next` send a download to standard output)
          const at = downloader === undefined ? -1 : pipeline.indexOf(downloader.printer);
          const fromInput = fetched?.input === undefined ? undefined
            : inputHeld({ ...entry, command: downloader!.printer, pipeline: pipeline.slice(0, at) });
          if (fromInput !== undefined) {
            const list = fetcher === 'wget' ? 'the URLs it reads from its input' : 'the URLs of the configuration it reads from its input';
            sink(fromInput, `${name} reads as code what ${fetcher} downloads with it (from ${list}, ${fetched!.input})`, [...pipeline, command].map((c) => c.line).join(' | '));
          }
          const source = pipedFrom(pipeline);
          // what printenv or env prints of the environment (`printenv Y | sh`, `env | bash`: each line NAME=VALUE, which the shell
          // runs as an assignment, the command substitutions in VALUE included, or as a command after a line break in it)
          const fromEnvironment = stdin && source !== undefined ? environmentHeld(source.printer) : undefined;
          if (fromEnvironment !== undefined) {
            const passers = [...new Set(source!.through.map((c) => basename(runOf(argvOf(c)).program ?? '')))];
            const tees = source!.through.length === 0 ? '' : ` through ${passers.join(' and ')}`;
            const printerWords = source!.printer.words;
            const printer = basename(printerWords[pastBuiltins(printerWords, splitAssignments(argvOf(source!.printer)).assignments.length)].text);
            sink(fromEnvironment, asCode(`what ${printer} prints of its environment and pipes to it${tees}`),
              [source!.printer, ...source!.through, command].map((c) => c.line).join(' | '));
          }
          // (through programs that print text they derive from it, `echo "$X" | base64 -d | sh`, `rev <<< "$X" | rev | bash`: the
          // first of the pipe that is given it, its words echo's or printf's, or its own input)
          const transformed = stdin && source !== undefined && transformOf(source.printer) !== undefined;
          let k = pipeline.length - 1;
          while (transformed && k > 0 && (transformOf(pipeline[k]) !== undefined || passesThrough(pipeline[k]))) k--;
          const origin = transformed ? pipeline[k] : undefined;
          const originValue = origin === undefined ? undefined
            : (printedBy(argvOf(origin), standardInput(origin)) ?? []).length > 0 ? origin.words.map((w) => held(w)).find((x) => x !== undefined)
              : environmentHeld(origin) ?? (transformOf(origin) !== undefined ? ownInput(origin) : undefined);
          if (originValue !== undefined) {
            const by = [...new Set(pipeline.slice(k + 1).map((c) => transformOf(c) ?? basename(runOf(argvOf(c)).program ?? '')))];
            const first = origin!.words[pastBuiltins(origin!.words, splitAssignments(argvOf(origin!)).assignments.length)]?.text ?? '';
            const derive = by.length === 1 ? 'which prints text it derives from it' : 'which print text they derive from it';
            const through = by.length === 0 ? ', which prints text it derives from it' : ` through ${by.join(' and ')}, ${derive}`;
            sink(originValue, asCode(`what ${basename(first)} pipes to it${through}`),
              [...pipeline.slice(k), command].map((c) => c.line).join(' | '));
          }
          if (stdin && source !== undefined && (printedBy(argvOf(source.printer), standardInput(source.printer)) ?? []).length > 0) {
            // echo's or printf's words (its output sent to a file reaches no pipe), through any tee that passes them on
            const { printer, through } = source;
            const passers = [...new Set(through.map((c) => basename(runOf(argvOf(c)).program ?? '')))];
            const tees = through.length === 0 ? '' : ` through ${passers.join(' and ')}`;
            for (const w of printer.words) {
              const v2 = held(w);
              if (v2 !== undefined) sink(v2, asCode(`what ${printer.words[0]?.text} pipes to it${tees}`), [printer, ...through, command].map((c) => c.line).join(' | '));
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * The last `exec` before `command` in `text` that, running no program, redirects the descriptor `fd` for the rest of the shell
 * (`exec 3<<< "$X"`, `exec < <(cmd)`); undefined when none does.
 */
function execOpened(text: string, command: SimpleCommand, fd: number, depth = 0): { command: SimpleCommand; fd: number } | undefined {
  if (!text.includes('exec') || depth > 8) return undefined;
  const commands = simpleCommands(text);
  for (let m = commands.indexOf(command) - 1; m >= 0; m--) {
    const c = commands[m];
    const argv = argvOf(c);
    if (!c.words[0]?.literal || argv[0] !== 'exec' || withoutRedirections(argv.slice(1)).length > 0) continue;
    const source = descriptorSource(c, fd);
    if (source.kind === 'outer' && source.fd === fd) continue;
    // one that provably never opens it for this command: it may run (a branch that may never run still may)
    if (neverOpensFor(text, commands, m, command)) continue;
    // one that makes it a copy of another (`exec 0<&3`): what an exec before it opened on that one
    if (source.kind === 'outer') return execOpened(text, c, source.fd, depth + 1);
    if (source.kind === 'text' || (source.kind === 'file' && source.read)) return { command: c, fd };
    // (another file, or closed: none of an exec before it reaches this command)
    return undefined;
  }
  return undefined;
}

/**
 * Whether the `exec` that is `commands[at]` provably never opens its descriptors for `reader`, a later command of `text`:
 * it runs in a subshell `reader` is not in (`( exec 3<<< "$X" )`, or piped to another command, `exec 3<<< "$X" | cat`: bash
 * 5.2 runs each command of a pipeline but the last in a subshell, execute_cmd.c execute_pipeline), or never runs: in the
 * `then` (or `elif`) branch of an `if` whose condition is `false` alone (or `! true`), in a branch after one whose condition
 * is `true` or `:` alone (or `! false`), or after `false &&` or `true ||` (a list whose status before it is that one's). Not
 * where the script defines a function named `true`, `false` or `:`, or an alias, or may (eval, `source` or `.` of a file that
 * is no descriptor, `enable -n`, which runs the one PATH finds).
 */
function neverOpensFor(text: string, commands: readonly SimpleCommand[], at: number, reader: SimpleCommand): boolean {
  const exec = commands[at];
  if (exec.pipe) return true;
  // not where the script may define a function `true`, `false` or `:`, or an alias, or run one from PATH: by a definition, eval, a file
  // it sources (a descriptor aside) or `enable -n`
  const literals = !/(^|[\s;&|(){}])(function[ \t]+)?(true|false|:)[ \t]*(\(|\{)|(^|[\s;&|(){}])function\s+(true|false|:)(\s|$)|\b(alias|eval|enable)\b/.test(text)
    && !sourcesOtherCode(text, reader);
  // a command that is `false` or `true` alone, the builtins (bash, dash and busybox ash have both)
  const status = (c: SimpleCommand): boolean | undefined => {
    if (!literals || c.pipe || c.words.length !== 1 || !c.words[0].literal) return undefined;
    const value = c.words[0].text === 'false' ? false : c.words[0].text === 'true' || c.words[0].text === ':' ? true : undefined;
    return value === undefined ? undefined : value !== c.negated;
  };
  // after an `exit` of the text's own shell that always runs before it (no function, alias or builtin `exit` may replace)
  const exitLiteral = !/(^|[\s;&|(){}])(function[ \t]+)?exit[ \t]*(\(|\{)|(^|[\s;&|(){}])function\s+exit(\s|$)|\b(alias|eval|enable)\b/.test(text)
    && !sourcesOtherCode(text, reader);
  const ends = (c: SimpleCommand) => c.unconditional && !c.pipe && exits(c) && c.words.every((w) => w.literal);
  if (exitLiteral && commands.slice(0, at).some(ends)) return true;
  for (const [d, scope] of exec.scope.entries()) {
    if (scope.kind === 'other' && !scope.group && reader.scope[d]?.id !== scope.id) return true;
    // the body of a `while` whose condition is `false` alone (`until true`, `until :`): it never runs
    if (scope.loop?.body === true && (scope.loop.word === 'while' || scope.loop.word === 'until')) {
      const header = commands.filter((c) => c.scope[d]?.id === scope.id && c.scope[d].loop?.body === false);
      if (header.length === 1 && header[0].scope.length === d + 1 && status(header[0]) === (scope.loop.word === 'until')) return true;
    }
    // the body of a function the text never calls: its name written nowhere but where it is defined
    if (scope.kind === 'other' && scope.group && neverCalled(text, commands, exec, d, reader)) return true;
    if (scope.kind !== 'if') continue;
    // the conditions of the if, by branch: the command alone in it, or undefined
    const branches = new Map<number, SimpleCommand[]>();
    for (const c of commands) {
      const s = c.scope[d];
      if (s === undefined || s.id !== scope.id || !s.condition) continue;
      branches.set(s.branch, [...branches.get(s.branch) ?? [], c]);
    }
    const condition = (branch: number): boolean | undefined => {
      const inBranch = branches.get(branch) ?? [];
      return inBranch.length === 1 && inBranch[0].scope.length === d + 1 ? status(inBranch[0]) : undefined;
    };
    if (!scope.condition && !scope.otherwise && branches.has(scope.branch - 1) && condition(scope.branch - 1) === false) return true;
    if ([...branches.keys()].some((j) => j + 1 < scope.branch && condition(j) === true)) return true;
  }
  // `false && exec …`, `true || exec …`, the command before it its list's first or after the same operator
  const before = commands[at - 1];
  if (before !== undefined && (exec.after === '&&' || exec.after === '||') && JSON.stringify(before.scope) === JSON.stringify(exec.scope)
    && (before.after === ';' || before.after === exec.after) && status(before) === (exec.after === '||')) return true;
  return false;
}

/**
 * Whether `text` reads code with `source` or `.` other than by `reader` (itself a reader of a descriptor): a file, a descriptor or
 * /dev/stdin (`source /dev/stdin < lib.sh`, `. /dev/fd/4 4< lib.sh`), whose code may define functions (`exit`, `false`) or call one.
 */
function sourcesOtherCode(text: string, reader: SimpleCommand): boolean {
  const sources = [...text.matchAll(/(^|[\s;&|(){}])(source|\.)[ \t]+/g)].length;
  const own = reader.words[0]?.literal === true && (reader.words[0].text === 'source' || reader.words[0].text === '.') ? 1 : 0;
  return sources > own;
}

/**
 * Whether the group at depth `d` around `command` (a command of `text`) is the body of a function `text` defines and never calls:
 * its name is written nowhere else in the text (a call, `trap NAME`, `export -f NAME`, a string that eval or a child shell runs),
 * and the text has no command whose program a value chooses (`$cmd`), nor lists or reads functions by other means (`compgen`,
 * `declare -F`, `typeset -f`), nor defines or runs code it does not show (eval, alias, `source` of a file that is no descriptor).
 */
/** Whether the scope `d` of `command` is the body of a function (`f() { …; }`, `f() ( … )`, `function f { …; }`) of `commands`. */
function functionBody(commands: readonly SimpleCommand[], command: SimpleCommand, d: number): boolean {
  const id = command.scope[d].id;
  const s = commands.findIndex((c) => c.scope[d]?.id === id);
  const header = commands[s - 1];
  if (s <= 0 || header.scope.length !== d) return false;
  return (header.words.length === 2 && header.words[0].literal && header.words[0].text === 'function')
    || (header.words.length === 1 && commands[s].afterSubshell);
}

/** Whether a command may print the environment, in its words or the code they hold (`printenv Y`, `env`, `sh -c 'env | sh'`). */
const exportReader = (command: SimpleCommand): boolean => /(?<![A-Za-z0-9_-])(?:printenv|env)(?![A-Za-z0-9_-])/.test(command.line);

function neverCalled(text: string, commands: readonly SimpleCommand[], command: SimpleCommand, d: number, reader: SimpleCommand): boolean {
  const id = command.scope[d].id;
  const s = commands.findIndex((c) => c.scope[d]?.id === id);
  const header = commands[s - 1];
  if (s <= 0 || header.scope.length !== d || !header.words.every((w) => w.literal)) return false;
  const named = header.words.length === 2 && header.words[0].text === 'function' ? header.words[1].text
    : header.words.length === 1 && commands[s].afterSubshell ? header.words[0].text : undefined;
  // bash calls command_not_found_handle itself, for a command it does not find
  if (named === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(named) || named === 'command_not_found_handle') return false;
  if (/\b(eval|alias|enable|compgen|complete|declare|typeset|bind|PROMPT_COMMAND)\b/.test(text) || sourcesOtherCode(text, reader)
    // code a value gives trap or a callback (`trap "$cb" EXIT`, `mapfile -C "$cb"`), which may name it
    || /(^|[\s;&|(){}])trap[ \t][^\n;&|]*[$`]/.test(text) || /(^|[\s;&|(){}])(mapfile|readarray)[ \t][^\n;&|]*-[A-Za-z]*C/.test(text)
    // set -a (allexport) exports the function to the programs the script runs, whose bash may call it
    || /(^|[\s;&|(){}])set[ \t]+([^\n;&|]*[ \t])?(-[A-Za-z]*a|-o[ \t]+allexport)/.test(text)) return false;
  // (a command word is the name as written, once quotes are removed: `"g"`, `$'\\x67'`)
  if (commands.some((c) => {
    const first = c.words[splitAssignments(c.words.map((w) => w.text)).assignments.length];
    return first !== undefined && (!first.literal || (first.text === named && c !== header));
  })) return false;
  // every other place the name is written: only its definitions (`NAME()`, `function NAME`)
  const written = [...text.matchAll(new RegExp(`(?<![A-Za-z0-9_.:-])${named}(?![A-Za-z0-9_.:-])`, 'g'))].length;
  const defined = [...text.matchAll(new RegExp(`(?:(?<![A-Za-z0-9_.:-])function[ \\t]+${named}(?![A-Za-z0-9_.:-])|(?<![A-Za-z0-9_.:-])${named}[ \\t]*\\(\\))`, 'g'))].length;
  return written === defined;
}

/**
 * Whether a command of `text` is the name of a function it defines, not a call: `f` of `f() { …; }` (the body follows the
 * words of `()`, which end like a subshell) or `function f { …; }`.
 */
/**
 * The programs that may run a function whose name they are given alone as a word, or keep it for code that runs it later (bash 5.2 run
 * here): `eval f X`, `trap f EXIT`, `compgen -F f`, `complete -F f`, `bind -x`, `mapfile -C f` (`readarray`), `time f X`, `alias`,
 * `printf -v c f`, `read c <<< f`, `set -- f X` (past `builtin` and `command`: `builtin eval f X`, `command eval f X`). No other runs
 * a function: `exec f` and `command f X` find none, `go build`, `echo build`, `unset -f build`, `command -v build`, `declare -F build`
 * run or keep none, and a program the script starts (`bash -c f`, `xargs f`, `env f`) sees one only where the script exports it
 * (`export -f f`, `declare -fx f`, `set -a`: exportsFunctions), and then only a bash that reads the name as a command.
 */
const RUNS_FUNCTION_NAMED = /^(eval|trap|compgen|complete|bind|mapfile|readarray|time|alias|printf|read|set)$/;

/**
 * Whether the argument `text` of a command whose programs are `programs` (its first word, and its program past `builtin` and
 * `command`) may call the function `name`: where the name stands as a command's would in code (after a blank, `;`, `&`, `|`, `(`, a
 * quote, `=` or a brace expansion's `{` or `,`, and before one, `}` or the end: `alias g=f`, `c=f`, `eval {f,X}`, which bash 5.2 runs
 * as `f X`), the word holding more than the name, or the name alone given to one that may run it (RUNS_FUNCTION_NAMED), or to
 * any where the script exports functions (`exported`).
 */
function mayCall(text: string, name: string, programs: readonly string[], exported: boolean): boolean {
  if (!text.includes(name)) return false;
  if (text === name) return exported || programs.some((p) => RUNS_FUNCTION_NAMED.test(p));
  return new RegExp(`(^|[\\s;&|(\`'"{,!=])${literalPattern(name)}([\\s;&|)\`'",}]|$)`).test(text);
}

/**
 * Whether a text exports a function to the programs it runs (`export -f f`, `declare -fx f`, `typeset -f -x f`), or every one it
 * defines after (`set -a`, `set -o allexport`, `shopt -so allexport`): bash 5.2 run, `export -f f; bash -c 'f X'` and
 * `set -a; f() { …; }; bash -c 'f X'` called f, `bash -c 'f X'` alone found none, and dash never imports one.
 */
function exportsFunctions(text: string): boolean {
  for (const m of text.matchAll(/(?:^|[\s;&|(])(export|declare|typeset|set|shopt)[ \t]+([^\n;&|]*)/g)) {
    const options = [...m[2].matchAll(/(?:^|[ \t])-([A-Za-z]+)/g)].map((o) => o[1]).join('');
    if (m[1] === 'export' ? options.includes('f') : m[1] === 'set' || m[1] === 'shopt' ? (m[1] === 'set' && options.includes('a')) || /-[A-Za-z]*o[ \t]+allexport/.test(m[2])
      : options.includes('f') && options.includes('x')) return true;
  }
  return false;
}

/**
 * Whether a value or an expansion may choose the program of a command (bash 5.2): its program word is not literal (`$cmd X`), or
 * holds a brace expansion or a pattern, which may give the name of a function (`{f,X}` runs `f X`, `f{,}` runs `f f`); not an
 * arithmetic or conditional command (compoundCommand).
 */
function programChosen(command: SimpleCommand): boolean {
  const program = command.words[splitAssignments(argvOf(command)).assignments.length];
  return program !== undefined && !compoundCommand(command)
    && (!program.literal || /\{[^{}\s]*(?:,|\.\.)[^{}\s]*\}|[*?]|\[[^\]]*\]/.test(program.text));
}

/**
 * Whether a command runs code the script does not show, or whose program a value may choose (programChosen), that may call one of its
 * functions: `source` or `.` of a file (`. ./lib.sh`, `source <(…)`), or code it gives eval, trap or a shell (shellCodesOf) holding an
 * expansion whose value becomes code (`eval "$Y X"`, `eval "$(cat cmd) X"`, `trap "$CB" EXIT`; bash 5.2 run: `eval "$(printf "\x66") X"`
 * called f with X) or a command whose program a value chooses (`eval '$c X'`), past `builtin` and `command`. Not the indirection `own`
 * being resolved (`f() { eval "${!1}"; }`), whose code is the value of a name a call passes, read where that name is.
 */
function runsUnshownCode(command: SimpleCommand, own: string, depth = 0): boolean {
  const words = command.words;
  const at = pastBuiltins(words, splitAssignments(argvOf(command)).assignments.length);
  const program = words[at];
  if (program === undefined || !program.literal || depth > 3) return false;
  if (program.text === 'source' || program.text === '.') return true;
  return shellCodesOf(command).some((code) => code !== own && (words.some((w, k) => k > at && !w.literal && w.text !== own && code.includes(w.text))
    || simpleCommands(code).some((c) => programChosen(c) || runsUnshownCode(c, own, depth + 1))));
}

/**
 * The names an indirection of the positional parameter `n` (`${!1}`) in the texts read resolves to, where each is in the body of a
 * function that shifts and sets none (`shift`, `set --`) and is called at least once, every call a command whose words up to the n-th
 * argument are literal (bash 5.2: `f() { eval "${!1}"; }; f X` runs X's value): the literal names passed there; undefined where any is
 * outside such a body, a call passes anything else, a command's program a value or an expansion may choose (`$cmd`, `{f,X}`:
 * programChosen), a command runs code the script does not show (`eval "$Y X"`, `source lib.sh`: runsUnshownCode), or the function's
 * name is a later word of a command that may run it (`time f X`, `trap 'f X' EXIT`: mayCall).
 */
function positionalTargets(texts: readonly string[], n: string): string[] | undefined {
  const position = Number(n);
  if (position === 0) return undefined;
  const functions = new Set<string>();
  for (const t of texts) {
    if (!t.includes(`\${!${n}`)) continue;
    const definitions = functionDefinitions(t);
    for (const m of t.matchAll(INDIRECTION)) {
      if (m[1] !== n) continue;
      const d = definitions.filter(({ open, end }) => m.index > open && m.index < end).pop();
      if (d === undefined || /(^|[\s;&|(])(shift|set)([\s;&|)]|$)/.test(t.slice(d.open, d.end))) return undefined;
      functions.add(d.name);
    }
  }
  const targets = new Set<string>();
  let calls = 0;
  const exported = texts.some(exportsFunctions);
  for (const t of texts) {
    for (const c of simpleCommands(t)) {
      const at = splitAssignments(argvOf(c)).assignments.length;
      const words = c.words.slice(at);
      // (an assignment's value that names one may run it later: `c=f; $c X`, `c=f; eval "$c X"`)
      if (c.words.slice(0, at).some((w) => [...functions].some((f) => mayCall(w.text.slice(w.text.indexOf('=') + 1), f, ['eval'], exported)))) return undefined;
      if (words.length === 0 || definesFunction(t, c)) continue;
      if (programChosen(c) || runsUnshownCode(c, `${'${'}!${n}}`)) return undefined;
      // (an argument that may call one otherwise: where it stands as a command's name in code, `eval "f $X"`, `bash -c 'f "$1"'`, or
      // the name alone given to a program that may run or keep it, `trap f EXIT`, `builtin eval f X`, `set -- f X`; not the word `f`
      // given to a program that runs no function, `find . -type f`, `go build`, `unset -f f`, `command -v f`, nor `command f`, which
      // runs none: bash 5.2 run here)
      const wrapped = words[0].text === 'command' && words[1]?.text !== undefined && functions.has(words[1].text);
      const args = wrapped ? words.slice(2) : words.slice(1);
      const programs = [words[0].text, words[pastBuiltins(words, 0)]?.text ?? ''];
      if (args.some((w) => [...functions].some((f) => mayCall(w.text, f, programs, exported)))) return undefined;
      if (!functions.has(words[0].text)) continue;
      const named = words[position];
      if (words.slice(1, position + 1).some((w) => !w.literal || REDIRECTION.test(w.text)) || named === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(named.text)) return undefined;
      targets.add(named.text);
      calls++;
    }
  }
  return calls === 0 ? undefined : [...targets];
}

function definesFunction(text: string, command: SimpleCommand): boolean {
  if (command.words.length === 2 && command.words[0].literal && command.words[0].text === 'function') return true;
  const commands = simpleCommands(text);
  const k = commands.indexOf(command);
  const next = commands[k + 1];
  return k >= 0 && next !== undefined && next.afterSubshell && next.scope.length > command.scope.length;
}

/**
 * The programs of a function's body (`body`, its text) that read their code from the body's standard input: a shell given no
 * file or `-s`, `source /dev/stdin`, an interpreter given no program, in a command given no input of its own (no here-string,
 * heredoc or `<` on 0), not piped to, nor in a compound command or subshell of the body whose closing word redirects its input.
 * With `fd` above 0, those that read their code from the body's descriptor `fd`: a shell or `source` given `/dev/fd/N` (or
 * `/proc/self/fd/N`) whose descriptor N is `fd` once its own redirections apply (`bash /dev/fd/3`, `3<&4 bash /dev/fd/3` for 4,
 * `bash <&3`), not redirected by a compound command or subshell of the body around it; a pipe does not change it.
 */
function stdinReaders(body: string, functions: ReadonlyMap<string, readonly string[]> = new Map(), depth = 0, fd = 0): string[] {
  const commands = simpleCommands(body);
  const out: string[] = [];
  let start = 0;
  commands.forEach((c, k) => {
    if (k === 0 || !commands[k - 1].pipe) start = k;
    // piped to only through commands that pass on what they read (`cat | bash`), the first given no input of its own
    if (fd === 0 && k > start && !commands.slice(start, k).every(passesThrough)) return;
    for (const { argv, runs } of programsOf(c)) {
      for (const run of runs) {
        if (run.program === undefined) continue;
        const shellCode = shellCommandString(argv, run);
        if (shellCode !== undefined) {
          // the code of a shell it runs reads the same descriptor, given none of its own (`sh -c 'bash'`, `bash -c 'source /dev/fd/3'`)
          const passedOn = descriptorSource(c, fd);
          const closed = run.closesFrom !== undefined && fd >= run.closesFrom;
          if (depth < 3 && !closed && passedOn.kind === 'outer' && passedOn.fd === fd && (fd === 0 ? compoundInput(commands, c) : compoundDescriptor(commands, c, fd)) === undefined) {
            out.push(...stdinReaders(shellCode, functions, depth + 1, fd).map((r) => `${r} in the code of ${basename(run.program!)} -c`));
          }
          continue;
        }
        const name = basename(run.program);
        const after = argv.slice(run.programIndex + 1);
        const interpreter = CODE_OPTIONS.some((e) => e.program.test(name)) && codeArguments(argv, run).length === 0 && after.every((w) => w.startsWith('-'));
        const top = withoutRedirections(splitAssignments(argvOf(c)).argv);
        const described = codeDescriptors(argv, run, runByShell(top, argv, run));
        const reads = described.includes(fd) ? fd : described[0] ?? (interpreter ? 0 : undefined);
        // (its descriptor once its redirections apply is the body's own `fd`: not a here-string, a file, or another descriptor)
        const own = reads === undefined ? undefined : descriptorSource(c, reads);
        const inner = fd === 0 ? compoundInput(commands, c) : compoundDescriptor(commands, c, fd);
        if (own?.kind === 'outer' && own.fd === fd && inner === undefined) out.push(name);
        // a function of the script it calls, whose body reads the same descriptor (to a depth of three)
        const passed = descriptorSource(c, fd);
        if (run.programIndex === 0 && depth < 3 && functions.has(run.program) && passed.kind === 'outer' && passed.fd === fd && inner === undefined) {
          for (const b of functions.get(run.program) ?? []) out.push(...stdinReaders(b, functions, depth + 1, fd).map((r) => `${r} in ${run.program}`));
        }
      }
    }
  });
  return [...new Set(out)];
}

/** xargs' options that give its replace-string (GNU's `-I R`, `-iR`, `--replace=R`, BSD's `-J R`; `-i` and `--replace` alone `{}`). */
function xargsReplace(options: readonly string[]): string | undefined {
  let replace: string | undefined;
  for (let k = 0; k < options.length; k++) {
    const o = options[k];
    if (o === '-I' || o === '-J') replace = options[k + 1];
    else if (/^-[IJ]./.test(o) || /^-i./.test(o)) replace = o.slice(2);
    else if (o === '-i' || o === '--replace') replace = '{}';
    else if (o.startsWith('--replace=')) replace = o.slice('--replace='.length);
  }
  return replace;
}

/** The commands xargs runs, each with whether it splits what it reads at blanks into several arguments. */
type XargsRuns = Array<CommandRuns & { xargs: true; splits: boolean }>;

/**
 * The commands an `xargs` of `command` runs given the variable its input holds (`held`, asked only for xargs reading its
 * standard input, no `-a FILE`): its command with `$NAME` appended, or put in place of its replace-string (`-I {}`), read
 * by `commandRuns`, and those synthetic words.
 */
function xargsCommands(command: SimpleCommand, held: () => string | undefined): { runs: XargsRuns; words: Set<string> } {
  const out: { runs: XargsRuns; words: Set<string> } = { runs: [], words: new Set() };
  if (!command.words.some((w) => w.literal && basename(w.text) === 'xargs')) return out;
  for (const { argv, runs } of programsOf(command)) {
    for (const run of runs) {
      if (run.program === undefined || basename(run.program) !== 'xargs') continue;
      const after = argv.slice(run.programIndex + 1);
      const at = xargsCommandIndex(after);
      const options = after.slice(0, at);
      if (options.some((o) => /^(-a|--arg-file)/.test(o))) continue;
      const v = held();
      if (v === undefined) return out;
      const input = `$${v}`;
      const replace = xargsReplace(options);
      const given = after.slice(at);
      const words = replace === undefined || replace === '' ? [...given.length === 0 ? ['echo'] : given, input]
        : given.map((w) => w.split(replace).join(input));
      for (const w of words) if (w.includes(input)) out.words.add(w);
      // (it splits what it reads at blanks and newlines into several arguments, GNU's and BusyBox's, but for one input item a line
      // with a replace-string, or a delimiter it is given, -0, -d)
      const splits = (replace === undefined || replace === '') && !options.some((o) => /^(-0|--null|-d|--delimiter)/.test(o));
      for (const c of commandRuns(words)) out.runs.push({ ...c, xargs: true, splits });
    }
  }
  return out;
}

/**
 * The options of curl whose value decides nothing of what it downloads from the URL it is given, only how it asks (a header, a
 * user, a token, an agent, a referer, cookies it sends or keeps) or where and how long it writes and waits: a value there is not
 * what a caller chooses the content with. Any other option's value (a proxy, `--resolve`, `--connect-to`, `--url`, a CA, a config
 * file) may choose the server or the content, and is read as a URL; so is a header that is not literally named, or is `Host`
 * (REQUEST_HEADER).
 */
const CURL_REQUEST_ONLY = new Set(['header', 'H', 'proxy-header', 'user', 'u', 'proxy-user', 'U', 'pass', 'proxy-pass', 'oauth2-bearer', 'user-agent',
  'A', 'referer', 'e', 'cookie', 'b', 'cookie-jar', 'c', 'output-dir', 'write-out', 'w', 'dump-header', 'D', 'stderr', 'trace', 'trace-ascii',
  'max-time', 'm', 'connect-timeout', 'retry', 'retry-delay', 'retry-max-time', 'max-filesize', 'limit-rate', 'speed-limit', 'Y', 'speed-time', 'y',
  'create-file-mode', 'etag-save', 'libcurl']);

/**
 * wget's options (GNU wget 1.21 main.c `option_data`; read by `wgetArguments`) that decide only how it asks, not what it downloads, by
 * their long names.
 */
const WGET_REQUEST_ONLY = new Set(['header', 'user', 'password', 'http-user', 'http-password', 'proxy-user', 'proxy-password', 'ftp-user', 'ftp-password',
  'user-agent', 'referer', 'timeout', 'tries', 'output-file', 'append-output', 'wait']);

/**
 * A header a request only carries (curl's `-H`, wget's `--header`): one named literally, other than `Host` (which chooses the site a
 * shared server or CDN serves); not one whose name a value may give (`-H "$X"`), nor curl's `@FILE` of headers.
 */
const REQUEST_HEADER = /^["']?[!#%&'*+.^_`|~0-9A-Za-z-]+["']?\s*:/;
const requestHeader = (value: string): boolean => REQUEST_HEADER.test(value) && !/^["']?host["']?\s*:/i.test(value);

/**
 * Where curl or wget (`name`, the program at `programIndex` of `argv`) writes what it downloads, and from which words: `files`, each
 * file of curl's `-o F` (`--output`) or wget's `-O F` (`--output-document`) with the words that may name what goes there; `stdout`,
 * those whose download goes to standard output (curl's default, wget's `-O -`), `stderr` to standard error (`-o /dev/stderr`); none for curl's `-O` (a name the URL gives) and
 * wget's default (likewise). curl's `-:` (`--next`) starts a group of its own URLs and outputs; curl pairs the n-th output with the n-th URL. The words that may name what it
 * downloads: its operands and the options' values that may choose the server, glued to their option too (`-x"$X"`, `-K"$X"`,
 * `--input-file=…`): not a header's or a user's value (CURL_REQUEST_ONLY, WGET_REQUEST_ONLY, REQUEST_HEADER), each option read as
 * curl's (`curlArguments`: its `--expand-` forms as the option) or wget's parser reads it (an unknown shorthand's group read as a
 * value); an output file
 * as the kernel opens it (`//`, `.`, `..`) and under its group's `--output-dir D` as D/F (curl's), one that is standard output
 * (`-o /dev/stdout`, `-o /dev/./stdout`) as `-`. `input`: the option, as written, that reads curl's
 * configuration or wget's list of URLs from its input (`-K -`, `-i /dev/stdin`), `inputPrinted` where what those URLs download may go
 * to standard output (curl's always: its configuration may give more URLs than outputs, or `next`, curl 7.88 config.c; wget's under
 * `-O -`); `configs`, the other configuration files curl reads (`-K FILE`, `-K <(…)`), whose URLs may likewise print. wget reads the
 * commands `rc` of its startup files first (wgetrcWritten: `output_document = -`, `input = -` in a ~/.wgetrc the script wrote), each of
 * its options then overriding the one it sets.
 * Undefined for another program.
 */
function downloadOutput(name: string, argv: readonly string[], programIndex: number, rc: readonly WgetrcCommand[] = []): {
  files: Array<{ file: string; urls: string[] }>;
  stdout: string[];
  stderr: string[];
  input: string | undefined;
  inputPrinted: boolean;
  configs: string[];
} | undefined {
  if (name !== 'curl' && name !== 'wget') return undefined;
  const curl = name === 'curl';
  const args = argv.slice(programIndex + 1);
  const files: Array<{ file: string; urls: string[] }> = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  // (curl's config or wget's list of URLs read from its input: `-K -`, `-i /dev/stdin`)
  let input: string | undefined;
  let inputPrinted = false;
  const configs: string[] = [];
  // each group's outputs in order (`-o F`; `-O`, a name the URL gives, as undefined), its URLs in order (operands, `--url`), and the
  // values of other options that may choose the server of every URL of the group (a proxy, `--resolve`, a Host header)
  const fresh = () => ({
    outputs: [] as Array<string | undefined>, named: false, urls: [] as string[], shared: [] as string[], dir: undefined as string | undefined,
  });
  let group = fresh();
  const close = () => {
    const all = [...group.urls, ...group.shared];
    // (a file as the kernel opens it, `//dev/stdout`, `/dev/./stdout`; in the group's `--output-dir D` as D/F, F absolute or not, and
    // `-o -` not, curl 7.88 run; standard output, `/dev/stdout`, `/proc/self/fd/1`, as `-`)
    group.outputs = group.outputs.map((file) => {
      if (file === undefined || file === '-') return file;
      const path = normalDir(curl && group.dir !== undefined ? `${group.dir}/${file}` : file);
      return path === '/dev/stdout' || descriptorOf(path) === 1 ? '-' : path === '/dev/stderr' || descriptorOf(path) === 2 ? '/dev/stderr' : path;
    });
    if (!curl) {
      // wget writes every URL to its one `-O` file (the last given), `-O -` to standard output, none without `-O`
      const file = group.outputs[group.outputs.length - 1];
      if (file === '-') inputPrinted = input !== undefined;
      if (file === '-') stdout.push(...all);
      else if (file === '/dev/stderr') stderr.push(...all);
      else if (file !== undefined) files.push({ file, urls: all });
      return;
    }
    // curl pairs the n-th output with the n-th URL (each URL takes the next `-o`/`-O`), a URL past them going to standard output,
    // or to the name it gives under `--remote-name-all`; where an option was not known, every URL counts for every output
    const pairs = !unknown;
    group.outputs.forEach((file, n) => {
      if (file !== undefined && file !== '-') files.push({ file, urls: pairs ? [...group.urls.slice(n, n + 1), ...group.shared] : all });
    });
    const printed = pairs
      ? [...group.outputs.flatMap((f, n) => (f === '-' ? group.urls.slice(n, n + 1) : [])), ...group.named ? [] : group.urls.slice(group.outputs.length)]
      : group.outputs.includes('-') || (!group.named && group.outputs.length < group.urls.length) ? group.urls : [];
    if (printed.length > 0) stdout.push(...printed, ...group.shared);
    // (those written to standard error: `-o /dev/stderr`)
    const errors = pairs ? group.outputs.flatMap((f, n) => (f === '/dev/stderr' ? group.urls.slice(n, n + 1) : [])) : group.outputs.includes('/dev/stderr') ? group.urls : [];
    if (errors.length > 0) stderr.push(...errors, ...group.shared);
  };
  // the value `text` of option `option` (curl's long name, wget's long name or letter), in `word` itself where `glued` (`-x"$X"`,
  // `--input-file=…`), else the next argument
  const value = (option: string, text: string, word: string, glued: boolean) => {
    const config = curl && option === 'config';
    if (/^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0)$/.test(text) && (config || (!curl && /^(i|input-file)$/.test(option)))) {
      input ??= glued ? word : `${word} ${text}`;
      inputPrinted ||= curl;
    } else if (config) {
      configs.push(glued ? word : text);
    } else if (!curl && /^(i|input-file)$/.test(option)) {
      // (wget reads the list of the last one alone: `-i - -i ./list` does not read its input, wget 1.21.3 run)
      input = undefined;
    }
    if (curl ? option === 'output' : option === 'O' || option === 'output-document') {
      group.outputs.push(text);
    } else if (curl && option === 'output-dir') {
      group.dir = text;
    } else if (curl && option === 'url') {
      group.urls.push(glued ? word : text);
    } else if (unknown || !(curl ? CURL_REQUEST_ONLY : WGET_REQUEST_ONLY).has(option) || (option === 'header' && !requestHeader(text))) {
      group.shared.push(glued ? word : text);
    }
  };
  // (after an option curl does not know, any value may be another's: each read as one that may choose the server)
  let unknown = false;
  if (curl) {
    for (const o of curlArguments(args)) {
      if (o.kind === 'url') {
        group.urls.push(o.text);
      } else if (o.kind === 'option' && o.name === 'next') {
        close();
        group = fresh();
      } else if (o.kind === 'option') {
        if (o.name === 'remote-name' && !o.negated) group.outputs.push(undefined);
        if (o.name === 'remote-name-all' && !o.negated) group.named = true;
        // (a letter not known: the rest of the group may be a value, read as one that may choose the server)
        if (o.name === undefined) unknown = true;
        if (o.name === undefined && o.offset > 0) group.shared.push(o.word);
        // (an `--expand-` form read as its option: `--expand-url`, `--expand-output`, curl 8.3 on)
        else if (o.value !== undefined) value(o.name ?? o.written.slice(2), o.value, o.word, o.valueAt === undefined);
      }
    }
  } else {
    // (the commands of the wgetrc files the script wrote that wget reads first, `output_document = -`: its options after them decide)
    for (const c of rc) if (c.name === 'output-document' || c.name === 'input-file') value(c.name, c.value, c.text, true);
    for (const o of wgetArguments(args)) {
      if (o.kind === 'url') {
        group.urls.push(o.text);
      } else if (o.kind === 'option' && o.command !== undefined) {
        // (a wgetrc command of `-e`, its word read as the value of `-e` itself: where it writes, or reads its list of URLs from)
        const line = o.valueAt === undefined ? o.word : `${o.word} ${args[o.valueAt]}`;
        if (o.name === 'output-document' || o.name === 'input-file') value(o.name, o.value ?? '', line, true);
      } else if (o.kind === 'option') {
        // (a letter not known: the rest of the group may be a value, read as one that may choose the server)
        if (o.name === undefined && o.offset > 0) group.shared.push(o.word);
        else if (o.value !== undefined) value(o.name ?? o.written.slice(2), o.value, o.word, o.valueAt === undefined);
      }
    }
  }
  close();
  return { files, stdout, stderr, input, inputPrinted, configs };
}

/**
 * What a command running curl or wget writes to its standard output from: the words of the URLs it is given (`urls`), those of the
 * configuration files curl reads (`configs`, `-K FILE`), and the option, as written, that reads its configuration or list of URLs
 * from its input (`input`, `-K -`, `-i -`), where what it downloads may go there. `environment`: the WGETRC and SYSTEM_WGETRC the step's
 * env gives (wgetrcWritten).
 */
function downloaded(
  command: SimpleCommand, source?: string, environment: ReadonlyMap<string, string> = new Map(),
): { program?: string; urls: Word[]; configs: Word[]; input: string | undefined } {
  const out = !splitRedirections(argvOf(command)).stdoutRedirected;
  // (and what it writes to standard error where a redirection joins that to its output: `-o /dev/stderr … 2>&1`)
  const error = redirectionTable(argvOf(command), command.heredocs).get(2);
  const joined = error?.kind === 'outer' && error.fd === 1;
  if (out || joined) {
    for (const { argv, runs } of programsOf(command)) {
      for (const run of runs) {
        const download = run.program === undefined ? undefined
          : downloadOutput(basename(run.program), argv, run.programIndex, wgetrcWritten(source, command, argv, run.programIndex, environment));
        const printed = [...out ? download?.stdout ?? [] : [], ...joined ? download?.stderr ?? [] : []];
        if (download !== undefined && (printed.length > 0 || (out && (download.configs.length > 0 || download.inputPrinted)))) {
          return {
            program: basename(run.program!),
            urls: command.words.filter((w) => printed.includes(w.text)),
            configs: out ? command.words.filter((w) => download.configs.includes(w.text)) : [],
            input: out && download.inputPrinted ? download.input : undefined,
          };
        }
      }
    }
  }
  return { urls: [], configs: [], input: undefined };
}

/**
 * The commands of the wgetrc files a script (`source`) wrote before `command` that wget, run by its words `argv` at `programIndex`,
 * reads first (WrittenFiles' wgetConfigured: ~/.wgetrc, /etc/wgetrc, `WGETRC=FILE` or `--config FILE` of the command, or WGETRC as the
 * script exported it before, `export WGETRC=FILE`, or as the step's env gives it, `environment`, where the script changes it not before),
 * where one sets where it writes or reads its URLs from (`output_document`, `input`); none for another program. A file with a line wget
 * rejects is read too (wget then exits before fetching: not read so here).
 */
function wgetrcWritten(
  source: string | undefined, command: SimpleCommand, argv: readonly string[], programIndex: number,
  environment: ReadonlyMap<string, string> = new Map(),
): WgetrcCommand[] {
  if (source === undefined || basename(argv[programIndex] ?? '') !== 'wget') return [];
  const written = wgetWrittenFiles(source, environment).get(command);
  if (written === undefined) return [];
  const { files, exported } = written;
  // (its environment: what the script exported before it, the command's assignments, and those of a wrapper before it, `env WGETRC=FILE wget`)
  const given = [
    ...splitAssignments(argvOf(command)).assignments, ...argv.slice(0, programIndex).filter((w) => PREFIX_ASSIGNMENT.test(w)).map(assignmentParts),
  ];
  const env = new Map([...exported, ...given.map((a) => [a.name, a.value] as const)]);
  return files.wgetConfigured(withoutRedirections(argv.slice(programIndex + 1)), env).rc.map((c) => c.command);
}

/** wgetWrittenFiles' reading of the last scripts read, by the script, then by the environment it was given (as JSON). */
const WGET_WRITTEN = new Map<string, Map<string, ReadonlyMap<SimpleCommand, { files: WrittenFiles; exported: ReadonlyMap<string, string> }>>>();

/**
 * What a script writes to files (WrittenFiles) before each of its commands that runs wget and the commands of its substitutions, where
 * it may write a wgetrc command that sets where wget writes or reads (`output_document`, `input`, in any case, `-` and `_` aside,
 * wget 1.21.3 run: `in_P-ut = -` reads the URLs from its input): a path as written, `~` as `$HOME`, `${NAME}` as `$NAME`; with the
 * values of WGETRC and SYSTEM_WGETRC the script exported before it (`export WGETRC=FILE`, `WGETRC=FILE` then `export WGETRC`,
 * `declare -x`; not after `unset` or `export -n`), as written, in a branch or a function too, those the step's env gives (`environment`)
 * exported from the start (HOME not: a path written under `~` is read as under `$HOME`, whatever HOME is).
 */
function wgetWrittenFiles(
  source: string, environment: ReadonlyMap<string, string> = new Map(),
): ReadonlyMap<SimpleCommand, { files: WrittenFiles; exported: ReadonlyMap<string, string> }> {
  const key = JSON.stringify([...environment]);
  const known = WGET_WRITTEN.get(source)?.get(key);
  if (known !== undefined) return known;
  const out = new Map<SimpleCommand, { files: WrittenFiles; exported: ReadonlyMap<string, string> }>();
  if (source.includes('wget') && /outputdocument|input/i.test(source.replace(/[-_]/g, ''))) {
    const commands = simpleCommands(source);
    const files = new WrittenFiles(commands, (word) => normalDir(word.replace(/^~(?=\/|$)/, '$HOME').replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, '$$$1')));
    // (a variable of the environment is the shell's, exported)
    const assigned = new Map(environment);
    const exported = new Map(environment);
    commands.forEach((c, k) => {
      if (c.line.includes('wget')) {
        const before = { files: files.copy(), exported: new Map(exported) };
        for (const s of [c, ...substitutedCommands(c)]) out.set(s, before);
      }
      const program = programOf(c);
      files.read(k, program?.name, program?.at ?? 0);
      const words = withoutRedirections(argvOf(c));
      if (program === undefined) {
        for (const a of splitAssignments(words).assignments) {
          assigned.set(a.name, a.value);
          if (exported.has(a.name)) exported.set(a.name, a.value);
        }
      } else if (/^(export|declare|typeset|unset)$/.test(program.name)) {
        const rest = words.slice(program.at + 1);
        const options = rest.filter((w) => /^[-+]/.test(w)).join('');
        const exporting = program.name === 'export' ? !/-\w*n/.test(options) : /-\w*x/.test(options);
        const unexporting = program.name === 'unset' || (program.name === 'export' ? !exporting : /\+\w*x/.test(options));
        for (const w of rest.filter((x) => !/^[-+]/.test(x) && /^(SYSTEM_)?WGETRC\b/.test(x))) {
          const a = PREFIX_ASSIGNMENT.test(w) ? assignmentParts(w) : { name: w, value: assigned.get(w) };
          if (unexporting) exported.delete(a.name);
          else if (exporting && a.value !== undefined) exported.set(a.name, a.value);
          if (program.name !== 'unset' && a.value !== undefined) assigned.set(a.name, a.value);
        }
      }
    });
  }
  if (WGET_WRITTEN.size >= 200) WGET_WRITTEN.clear();
  const readings = WGET_WRITTEN.get(source) ?? new Map();
  if (readings.size >= 16) readings.clear();
  WGET_WRITTEN.set(source, readings.set(key, out));
  return out;
}

/**
 * A text a script writes to a file (WrittenFiles): with the code that writes it, whose variables it expands (none where the shell
 * expands none, `<<'EOF'`: its `$` dropped), `literal` where the words that give it expand nothing, as bash quotes them (`echo 'x = $Y'`,
 * `echo "x = \\$Y"` write a `$Y`).
 */
export interface WrittenText {
  readonly text: string;
  readonly line?: string;
  readonly literal?: boolean;
}

/** A command of a wgetrc file wget reads: as written, the file (for a fix), and where it is and what reads it (for a message). */
export interface WgetConfigured {
  readonly command: WgetrcCommand;
  readonly file: string;
  readonly where: string;
}

/** A wgetrc file wget reads that has a line it rejects (wgetrcError): wget exits after reading it, before its arguments. */
export interface WgetrcFailed {
  readonly file: string;
  readonly number: number;
  readonly text: string;
  readonly error: string;
}

/**
 * The text a script writes to each file, read command by command in order (`read`): by the path as `pathOf` gives it (the shell's
 * expansion of the word, `~` as `$HOME`), each write's text (WrittenText). echo, printf, cat and tee write (behind sudo, doas, env and the
 * wrappers runOf reads: `echo "debug = on" | sudo tee /etc/wgetrc`, `env tee`); another program's output redirected to a file, or `rm`,
 * leaves its text not known; cp, mv, install, ln, rsync and dd copy it. Read for the config and startup files curl and wget read.
 */
export class WrittenFiles {
  /** Each file's texts, in the order written. */
  readonly texts = new Map<string, WrittenText[]>();

  constructor(private readonly commands: readonly SimpleCommand[], private readonly pathOf: (word: string) => string) {}

  /** What is written so far, to read on apart. */
  copy(): WrittenFiles {
    const out = new WrittenFiles(this.commands, this.pathOf);
    this.texts.forEach((texts, path) => out.texts.set(path, texts));
    return out;
  }

  /** Reads `commands[k]`, whose program (past its assignments, `command` and `builtin`) is `name`, its word `at`. */
  read(k: number, name: string | undefined, at: number): void {
    const c = this.commands[k];
    const argv = argvOf(c);
    const wrapped = name !== undefined && /^(sudo|doas|env|nice|nohup|setsid|stdbuf|timeout|busybox)$/.test(name) ? runOf(argv) : undefined;
    const writer = wrapped?.program === undefined ? name : basename(wrapped.program);
    const writerAt = wrapped?.program === undefined ? at : wrapped.programIndex;
    if (writer !== undefined && /^(echo|printf|cat|tee)$/.test(writer)) {
      this.record(c, k, writer, writerAt);
    } else if (this.texts.size > 0) {
      splitRedirections(argv).outputs.forEach((o) => this.texts.delete(this.pathOf(o.file)));
      if (writer === 'rm') withoutRedirections(argv.slice(writerAt + 1)).forEach((w) => this.texts.delete(this.pathOf(w)));
      const words = withoutRedirections(argv.slice(writerAt + 1));
      if (COPY_PROGRAMS.has(writer ?? '')) this.copied(writer!, copyOperands(writer!, words));
      if (writer === 'dd') this.copied(writer, ddOperands(words));
    }
  }

  // the commands of the wgetrc files wget reads (`args`, with its environment `env`: wgetStartupFiles) where the script wrote them, with
  // the code that wrote them (`lines`); one with a line wget rejects (`failed`, wgetrcError) ends them: wget exits after it (wget 1.21.3 run: `Syntax error in FILE at line N`,
  // status 2, after writing under `debug = on` what it set of it)
  wgetConfigured(args: readonly string[], env: ReadonlyMap<string, string>): { rc: WgetConfigured[]; lines: string[]; failed?: WgetrcFailed } {
    const rc: WgetConfigured[] = [];
    const lines: string[] = [];
    if (this.texts.size === 0) return { rc, lines };
    const { files, chosen } = wgetStartupFiles(args, env);
    for (const file of files) {
      const texts = this.texts.get(this.pathOf(file));
      if (texts === undefined) continue;
      texts.forEach((t) => t.line !== undefined && lines.push(t.line));
      const where = chosen === undefined ? 'which wget reads before its arguments' : `which \`${chosen.word}${chosen.valueAt === undefined ? '' : ` ${args[chosen.valueAt]}`}\` reads`;
      const text = texts.map((t) => t.text).join('');
      for (const command of wgetrcCommands(text)) rc.push({ command, file, where: `line ${command.number} of ${file}, ${where}` });
      // (a line of a write whose code expands what it writes, with a `$` or a backquote in it, `echo "verbose = $VERBOSE"`, is not
      // known: it may be one wget accepts, wget 1.21.3 run with VERBOSE=on)
      const expanded = new Set<number>();
      let at = 0;
      for (const t of texts) {
        const parts = t.text.split('\n');
        parts.forEach((part, k) => t.line !== undefined && !t.literal && /[$`]/.test(part) && expanded.add(at + k));
        at += parts.length - 1;
      }
      const error = wgetrcError(text, (k) => !expanded.has(k));
      if (error !== undefined) return { rc, lines, failed: { file, ...error } };
    }
    return { rc, lines };
  }

  // what a command's input is where it is known, with the code whose variables it expands (none where the shell expands none): its
  // here-string or heredoc, or what `echo`, `printf` or `cat <<EOF` piped to it prints, through tees (`echo verbose | tee ~/.curlrc`)
  private knownInput(k: number): WrittenText | undefined {
    const c = this.commands[k];
    const input = descriptorSource(c, 0);
    if (input.kind === 'text' && input.heredoc === undefined) return { text: input.text, line: c.line, literal: hereStringLiteral(c, input.text) };
    if (input.kind === 'text') return { text: input.text, line: input.heredoc!.expanded ? input.text : undefined };
    if (input.kind !== 'outer' || input.fd !== 0 || !this.commands[k - 1]?.pipe) return undefined;
    let first = k - 1;
    while (this.commands[first - 1]?.pipe) first--;
    const from = pipedFrom(this.commands.slice(first, k))?.printer;
    const printerAt = from === undefined ? -1 : this.commands.indexOf(from);
    const fed = printerAt < 0 ? undefined : this.knownInput(printerAt);
    const texts = from === undefined ? undefined : printedBy(argvOf(from), fed?.text);
    if (texts === undefined || texts.length === 0) return undefined;
    const text = texts[texts.length - 1];
    const printer = programOf(from!);
    const printed = printer?.name === 'echo' || printer?.name === 'printf';
    return {
      text: printer?.name === 'printf' || text.endsWith('\n') ? text : `${text}\n`,
      line: printed ? from!.line : fed?.line,
      literal: printed ? operandsLiteral(from!, printer!.at) : fed?.literal,
    };
  }

  private record(c: SimpleCommand, k: number, name: string, at: number): void {
    const argv = argvOf(c);
    const piped = this.knownInput(k);
    let files: Array<{ file: string; append: boolean }>;
    let texts: string[] | undefined;
    if (name === 'tee') {
      const operands = withoutRedirections(argv.slice(at + 1));
      const append = operands.some((w) => /^-[A-Za-z]*a/.test(w) || w === '--append');
      files = operands.filter((w) => !w.startsWith('-')).map((file) => ({ file, append }));
      texts = piped === undefined ? undefined : [piped.text];
    } else {
      const outputs = splitRedirections(argv).outputs;
      const last = outputs[outputs.length - 1];
      files = last === undefined || last.file.startsWith('&') ? [] : [last];
      texts = printedBy(withoutRedirections(argv), piped?.text);
    }
    // (`cat FILE… > DST`: the texts the script wrote to each, in order, `-` its input; not known where one is not, where an option
    // changes them, `cat -n`, or where DST is one of them, which the shell empties first)
    const catted = name === 'cat' ? withoutRedirections(argv.slice(at + 1)) : [];
    if (catted.some((w) => w !== '-' && !w.startsWith('-'))) {
      const sources = catted.filter((w) => w !== '--' && w !== '-u');
      const parts = sources.map((w) => (w === '-' ? piped === undefined ? undefined : [piped] : w.startsWith('-') ? undefined : this.texts.get(this.pathOf(w))));
      for (const { file, append } of files) {
        const path = this.pathOf(file);
        if (parts.some((x) => x === undefined) || sources.some((w) => this.pathOf(w) === path)) this.texts.delete(path);
        else this.texts.set(path, [...append ? this.texts.get(path) ?? [] : [], ...parts.flatMap((x) => x!)]);
      }
      return;
    }
    for (const { file, append } of files) {
      const path = this.pathOf(file);
      if (texts === undefined || texts.length === 0) {
        this.texts.delete(path);
        continue;
      }
      const line = name === 'cat' || name === 'tee' ? piped?.line : c.line;
      const literal = name === 'cat' || name === 'tee' ? piped?.literal : operandsLiteral(c, at);
      // (one text a write adds, echo's escapes read, as dash's echo reads them; echo, a here-string or a heredoc ends it with a line break)
      const text = texts[texts.length - 1];
      const ended = name === 'printf' || text.endsWith('\n') ? text : `${text}\n`;
      this.texts.set(path, [...append ? this.texts.get(path) ?? [] : [], { text: line === undefined ? ended.replace(/\$/g, '') : ended, line, literal }]);
    }
  }

  // `cp`, `mv`, `install`, `ln`, `rsync` or `dd` of files (GNU coreutils 9.1, rsync 3.2, run; their operands as copyOperands and ddOperands
  // read them): each target takes its source's text where the script wrote it, else its text is not known; `mv` leaves no source. The
  // target is the destination, a file in it named as the source where it is a directory (`-t DIR`, several sources, `cp /tmp/d.rc ~/`);
  // one that may be either (`cp /tmp/d.rc ~/.wgetrc`) is read as both. A symbolic link's relative source is a file of the link's
  // directory (`ln -s d.rc ~/.wgetrc` links ~/d.rc); it is read as a copy made then. A recursive copy (`cp -r`, `mv`, `rsync -a`) of a
  // directory copies each file the script wrote under it: into the destination where it is not one yet (`cp -r /tmp/conf ~/.config`), or
  // into it under the directory's name where it is (both read); rsync's `DIR/` copies what is in it into the destination, `DIR` itself
  private copied(name: string, copy: CopyOperands | undefined): void {
    if (copy?.destination === undefined) return;
    const target = copy.destination;
    for (const source of copy.sources) {
      const from = this.pathOf(source);
      const targets = [
        ...!copy.targetDirectory && copy.sources.length === 1 && !(name === 'rsync' && source.endsWith('/')) ? [this.pathOf(target)] : [],
        ...copy.noTargetDirectory ? [] : [this.pathOf(`${target}/${basename(from)}`)],
      ];
      for (const t of targets) {
        const text = this.texts.get(copy.symbolic && !copy.relative && !from.startsWith('/') ? normalDir(`${t.replace(/\/[^/]*$/, '')}/${source}`) : from);
        if (text === undefined) this.texts.delete(t);
        else this.texts.set(t, [...text]);
      }
      const under = copy.recursive ? [...this.texts.keys()].filter((p) => p.startsWith(`${from}/`)) : [];
      for (const p of under) {
        const rest = p.slice(from.length + 1);
        const into = name === 'rsync' ? [source.endsWith('/') ? target : `${target}/${basename(from)}`]
          : [...!copy.targetDirectory && copy.sources.length === 1 ? [target] : [], ...copy.noTargetDirectory ? [] : [`${target}/${basename(from)}`]];
        into.forEach((d) => this.texts.set(this.pathOf(`${d}/${rest}`), [...this.texts.get(p)!]));
        if (name === 'mv') this.texts.delete(p);
      }
      if (name === 'mv' && !targets.includes(from)) this.texts.delete(from);
    }
  }
}

/** Whether the operands of a command past its word `at` (not its redirections) hold no expansion, as bash quotes them (`'$Y'`, `\\$Y`). */
export function operandsLiteral(command: SimpleCommand, at: number): boolean {
  const words = command.words.slice(at + 1);
  const operands = withoutRedirections(words.map((w) => w.text));
  let next = 0;
  return words.every((w) => (next < operands.length && w.text === operands[next] ? (next++, w.literal) : true));
}

/** Whether the word of a command's here-string that gives `text` (`<<< 'x = $Y'`, `<<<"$Y"`) holds no expansion, as bash quotes it. */
function hereStringLiteral(command: SimpleCommand, text: string): boolean {
  return command.words.some((w, j) => (j > 0 && /^[0-9]*<<<$/.test(command.words[j - 1].text) && w.text === text && w.literal)
    || (w.literal && w.text === `<<<${text}`));
}

/** The words of a command past its assignments and `command`/`builtin`, and its program's name. */
export function programOf(command: SimpleCommand): { name: string; at: number } | undefined {
  const argv = argvOf(command);
  let at = splitAssignments(argv).assignments.length;
  while (at < argv.length && (argv[at] === 'command' || argv[at] === 'builtin') && command.words[at].literal) at++;
  const word = command.words[at];
  if (word === undefined || !word.literal) return undefined;
  return { name: basename(word.text), at };
}

/** An assignment of a script: the name, the value (a word), whether the value is a name alone, whether a nameref declares it, where. */
/**
 * The elements a compound assignment gives an array (`NAME=(ELEMENT…)`, `NAME+=(…)`; `body` the text between its parentheses),
 * each as an assignment to `NAME[k]` where its index is known, as bash 5.2 numbers them: from 0, after an element given as
 * `[k]=VALUE` from k+1; past an element the shell may split or expand to none or several (an unquoted expansion, a pattern,
 * `"${B[@]}"`) to `NAME[+]` (an index past 0 not known) or, where that element may be the first, `NAME[@]` (any index), as is
 * every element appended (`+=`; `NAME[+]` where the array may not be `empty`, holding one already); `unknownFirst` where an
 * element whose index is not known may be the first, `givesOne` where the first element is one field whatever it holds.
 */
function arrayAssignments(name: string, body: string, append: boolean, empty: boolean): {
  assignments: Array<{ name: string; value: { text: string; literal: boolean }; split?: boolean }>; unknownFirst: boolean; givesOne: boolean;
} {
  const out: Array<{ name: string; value: { text: string; literal: boolean }; split?: boolean }> = [];
  const words = simpleCommands(body.replace(/\r?\n/g, ' ')).flatMap((c) => c.words);
  // (each element as written, quotes kept: whether the shell may split it or expand it as a pattern; none where not read alike)
  const raw = rawWords(body);
  const fields = raw !== undefined && raw.length === words.length ? raw.map(oneField) : undefined;
  let index: number | undefined = append ? undefined : 0;
  // (where the index is not known: whether it may be 0)
  let first = append && empty;
  words.forEach((w, k) => {
    const given = /^\[([0-9]+)\]\+?=([\s\S]*)$/.exec(w.text);
    const at = given !== null ? Number(given[1]) : index;
    const text = given !== null ? given[2] : w.text;
    // (whether the shell splits it from an unquoted expansion: each element it gives one word of the value)
    const split = given === null && raw !== undefined && raw.length === words.length && unquotedExpansion(raw[k]) ? { split: true } : {};
    out.push({ name: `${name}[${at ?? (first ? '@' : '+')}]`, value: { text, literal: w.literal }, ...split });
    const one = given !== null || fields?.[k] === true;
    // (an element the shell may split or spread at a known index gives the ones after it too: `A=(ls $X)`, `${A[2]}`)
    if (at !== undefined && !one) out.push({ name: `${name}[${at === 0 ? '@' : '+'}]`, value: { text, literal: w.literal }, ...split });
    if (at === 0 && !one) first = true;
    index = at !== undefined && one ? at + 1 : undefined;
  });
  return {
    assignments: out, unknownFirst: out.some((e) => e.name.endsWith('[@]')), givesOne: !append && words.length > 0 && (fields?.[0] === true || /^\[[0-9]+\]\+?=/.test(words[0].text)),
  };
}

/**
 * The words of a compound assignment's body as written, quotes and expansions kept (`a "b c" --x="$Y"`: `a`, `"b c"`,
 * `--x="$Y"`; a backquoted substitution too), past comments; undefined where a quote or an expansion is not closed.
 */
function rawWords(body: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      cur += body.slice(i, i + 2);
      i++;
    } else if (c === "'" || c === '"') {
      const e = c === "'" ? body.indexOf("'", i + 1) : closingQuote(body, i);
      if (e < 0) return undefined;
      cur += body.slice(i, e + 1);
      i = e;
    } else if ((c === '$' && (body[i + 1] === '(' || body[i + 1] === '{')) || c === '`') {
      // (a backquoted command substitution is one part too, its blanks and quotes its own: find `echo "$X"`)
      const e = c === '`' ? closingBackquote(body, i) : closing(body, i + 1);
      if (e < 0 || e >= body.length) return undefined;
      cur += body.slice(i, e + 1);
      i = e;
    } else if (c === '#' && cur === '') {
      const e = body.indexOf('\n', i);
      i = e < 0 ? body.length : e;
    } else if (/\s/.test(c)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * The index of the `"` that closes the double quote at `i` (past escapes and expansions, a backquoted command substitution's own
 * quotes too: `"`echo "$X"`"` is one quoted word, bash 5.2), -1 where none.
 */
function closingQuote(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '$' && (text[k + 1] === '(' || text[k + 1] === '{')) k = closing(text, k + 1);
    else if (text[k] === '`') k = closingBackquote(text, k);
    else if (text[k] === '"') return k;
  }
  return -1;
}

/** A quoted word that expands an array or the positional parameters a binding names, read by arrayWord. */
interface ArrayWord {
  /** The array's name (`args`), or the binding's (`__pat_0_` for `$@`, `__pst_0_` for `$*`). */
  readonly name: string;
  /** The subscript as written (`1`, `i`, `@`, `*`; `@` or `*` for the positional parameters). */
  readonly subscript: string;
  /** What follows the subscript, as written (`:1:2`, `%/`; empty for none). */
  readonly rest: string;
  /** For `@` and `*`: the offset and length of a slice (`:1:2`), as written. */
  readonly offset?: string;
  readonly length?: string;
  /** An operation applied to the element (`:-.`, `%/` for an element; for `@` and `*`, one that is no slice, `,,`, `:-y`). */
  readonly operation?: string;
}

/**
 * A quoted word that expands an element of an array (`"${args[1]}"`, `"${args[1]:-.}"`), the array whole or sliced (`"${args[@]}"`,
 * `"${args[*]:1:2}"`, `"${args[@]%/}"`) or the positional parameters a binding names (`"${__pat_0_:2}"`, `"${@:2}"` as written);
 * undefined for another word, or one whose `:` bash reads as an offset that is no slice here (`"${args[@]:${i}}"`).
 */
function arrayWord(raw: string): ArrayWord | undefined {
  const m = /^"\$\{(?:([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]|(__p(at|st)_[0-9]+_))([\s\S]*)\}"$/.exec(raw);
  if (m === null) return undefined;
  const name = m[1] ?? m[3];
  const subscript = m[2] ?? (m[4] === 'at' ? '@' : '*');
  const rest = m[5];
  if (!/^[@*]$/.test(subscript)) return { name, subscript, rest, ...rest === '' ? {} : { operation: rest } };
  // (`:-`, `:=`, `:?` and `:+` are operations, not offsets)
  const slice = /^:(?![-=?+])([^:}]*)(?::([^}]*))?$/.exec(rest);
  if (slice !== null) return { name, subscript, rest, offset: slice[1], ...slice[2] === undefined ? {} : { length: slice[2] } };
  if (/^:(?![-=?+])/.test(rest)) return undefined;
  return { name, subscript, rest, ...rest === '' ? {} : { operation: rest } };
}

/**
 * The element an indexed array's subscript names where it is a number as written, read as bash 5.2 reads a subscript (arithmetic:
 * blanks around it, `${A[ 1 ]}` is element 1); undefined where bash computes it (`-1` counts from the end, `i` is a variable's value,
 * `010` octal, `1+1`).
 */
function elementIndex(subscript: string): number | undefined {
  const m = /^[ \t]*(0|[1-9][0-9]*)[ \t]*$/.exec(subscript);
  return m === null ? undefined : Number(m[1]);
}

/** The index of the backquote that closes the one at `i` (past escapes), the text's length where none. */
function closingBackquote(text: string, i: number): number {
  for (let k = i + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '`') return k;
  }
  return text.length;
}

/**
 * The words `operands` (texts of `command`'s words, in order) as written, quotes kept (`rawWords` of the command's line), where
 * the line's words are read alike (as many); each operand matched from the last word back. Undefined where they are not.
 */
function writtenOperands(command: SimpleCommand, operands: readonly string[]): Array<string | undefined> | undefined {
  const raws = rawWords(command.line);
  if (raws === undefined || raws.length !== command.words.length) return undefined;
  const out: Array<string | undefined> = [];
  let p = command.words.length - 1;
  for (let j = operands.length - 1; j >= 0; j--) {
    while (p >= 0 && command.words[p].text !== operands[j]) p--;
    out[j] = p >= 0 ? raws[p] : undefined;
    p--;
  }
  return out;
}

/** A word as written with each quoted part and escaped character made one `x`: what the shell may split, expand or match there. */
const outsideQuotes = (word: string): string => {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    // (a double quote up to the one that closes it past the expansions inside, whose own quotes it holds: `"$(echo "$X")"`)
    const end = c === '\\' ? i + 1 : c === "'" ? word.indexOf("'", i + 1) : c === '"' ? closingQuote(word, i) : -1;
    if (end < 0 || end >= word.length) {
      out += c;
    } else {
      out += 'x';
      i = end;
    }
  }
  return out;
};

/** Whether a word as written expands something outside quotes (`$X`, `src/${X}`, `$(…)`, backquotes): the shell splits what it gives. */
const unquotedExpansion = (word: string): boolean => /\$[A-Za-z_{(0-9@*]|`/.test(outsideQuotes(word));

/**
 * Whether a word as written (quotes kept) may give the shell no field: it holds nothing but unquoted expansions (`$X`, `${X}`,
 * `$(…)`, backquotes), each of which may be empty, and double-quoted lists (`"$@"`, `"${@:2}"`, `"${A[@]}"`, `"${A[@]:1}"`, `"${!A[@]}"`,
 * `"${!P@}"`: none where the list is empty, bash 5.2 subst.c). Another quoted part (`"$X"`, `"$*"`, `""`, `$'…'`) or a literal
 * character gives at least one field; a pattern matching no file stays as written, bash's default, but gives none under `nullglob`.
 */
function mayGiveNoField(word: string, nullglob = false): boolean {
  // (under nullglob a word with a pattern outside quotes that matches no file is removed, whatever else it holds)
  if (nullglob && /[*?[]/.test(outsideQuotes(word))) return true;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === '"') {
      const e = closingQuote(word, i);
      if (e < 0 || !QUOTED_LIST.test(word.slice(i + 1, e))) return false;
      i = e;
    } else if (c === '$' && (word[i + 1] === '(' || word[i + 1] === '{')) {
      const e = closing(word, i + 1);
      if (e < 0) return true;
      i = e;
    } else if (c === '$' && /[A-Za-z_]/.test(word[i + 1] ?? '')) {
      while (/[A-Za-z0-9_]/.test(word[i + 1] ?? '')) i++;
    } else if (c === '$' && /[0-9@*#?$!-]/.test(word[i + 1] ?? '')) {
      i++;
    } else if (c === '`') {
      const e = word.indexOf('`', i + 1);
      if (e < 0) return true;
      i = e;
    } else {
      return false;
    }
  }
  return true;
}

/** A double-quoted list that gives a field per element, none for none: `$@`, `${@…}`, `${A[@]…}`, `${!A[@]}`, `${!P@}` (its quotes' text). */
const QUOTED_LIST = /^\$(?:@|\{@[^}]*\}|\{!?[A-Za-z_][A-Za-z0-9_]*\[@\][^}]*\}|\{![A-Za-z_][A-Za-z0-9_]*@\})$/;

/**
 * Whether a word as written (quotes kept) may give several fields though it expands nothing: a pattern character outside quotes
 * (`*.txt`, `v?`, `[ab]`: the files it matches) or bash's brace expansion outside quotes (`{a,b}`, `{1..3}`).
 */
function mayGiveSeveralFields(word: string): boolean {
  const outside = outsideQuotes(word);
  return /[*?[]/.test(outside) || /\{[^{}\s]*(?:,|\.\.)[^{}\s]*\}/.test(outside.replace(/\$\{[^}]*\}/g, 'x'));
}

/**
 * Whether a word as written is one field whatever its expansions give (bash 5.2): nothing expanded outside quotes (`$Y`,
 * `$(…)`, backquotes), no pattern character outside quotes, and no array expanded whole (`"${B[@]}"`, which gives none or several).
 */
function oneField(word: string): boolean {
  if (/\$\{[A-Za-z_][A-Za-z0-9_]*\[[@*]\]|"\$@"|\$@|\$\*/.test(word)) return false;
  const outside = outsideQuotes(word);
  return !/[$`*?[]/.test(outside);
}

interface Assignment {
  readonly name: string;
  readonly value: { readonly text: string; readonly literal: boolean };
  readonly refers: boolean;
  readonly nameref: boolean;
  /** `N+=VALUE`: VALUE appended to what N holds. */
  readonly append?: boolean;
  /** The subscript of one element assigned, as written (`N[1]=VALUE`, `N[i]=VALUE`). */
  readonly subscript?: string;
  readonly at?: number;
  /** The text of the command that assigns it, how deep that text is read, and the command. */
  readonly source?: string;
  readonly depth?: number;
  readonly command?: SimpleCommand;
}

/**
 * The variable `printf -v NAME` assigns (bash's getopt `v:`: `-v NAME`, `-vNAME`, before `--` and the format), as written,
 * with the words after it (the format and its arguments); undefined without `-v`.
 */
function printfTarget(words: readonly Word[]): { name: string; rest: readonly Word[] } | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!w.literal || !w.text.startsWith('-') || w.text === '-' || w.text === '--') return undefined;
    if (w.text === '-v') return words[i + 1]?.literal ? { name: words[i + 1].text, rest: words.slice(i + 2) } : undefined;
    if (w.text.startsWith('-v')) return { name: w.text.slice(2), rest: words.slice(i + 1) };
  }
  return undefined;
}

/**
 * The ARGs of a `getopts OPTSTRING NAME ARG…` command (its words past the program, past a leading `--`, which bash's getopts
 * takes as the end of its own options; dash takes it for OPTSTRING and then refuses `ab:` as a variable name, running nothing)
 * whose value may reach OPTARG, as a loop of getopts reads them one after another (bash 5.2 and dash 0.5.12, checked): none where
 * no letter of a literal OPTSTRING takes a value and it does not start with `:` (OPTARG stays unset; after `:`, it is the letter
 * read, any of a value's); the value of an option that takes one (`-b "$X"`, the rest of its word: `-b"$X"`), and any word not
 * literal where an option may start, and every one after it (a value that starts with `-` may be options, `-bCODE`; one that
 * does not ends them); none after a literal operand (`file`, `-`) or `--`, where getopts stops. Undefined when it has no
 * OPTSTRING and NAME.
 */
function getoptsArgs(words: readonly Word[]): readonly Word[] | undefined {
  const from = words[0]?.literal && words[0].text === '--' ? 1 : 0;
  if (words.length < from + 2) return undefined;
  const spec = words[from];
  const args = words.slice(from + 2);
  if (!spec.literal) return args;
  // (a letter followed by `:` takes a value; a leading `:` is silent mode)
  const takes = (c: string): boolean => c !== ':' && spec.text.indexOf(c) >= 0 && spec.text[spec.text.indexOf(c) + 1] === ':';
  if (!/[^:]:/.test(spec.text)) return spec.text.startsWith(':') ? args : [];
  const out: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (!w.literal) return [...out, ...args.slice(i)];
    if (w.text === '--' || !w.text.startsWith('-') || w.text === '-') break;
    for (let k = 1; k < w.text.length; k++) {
      if (!takes(w.text[k])) continue;
      if (k === w.text.length - 1 && i + 1 < args.length) out.push(args[++i]);
      break;
    }
  }
  return out;
}

/** The programs that run code in the script's own shell: `eval`, `trap`, `source` and `.` (of `/dev/stdin`). */
const SAME_SHELL = /^(eval|trap|source|\.)$/;

/** The words that close a compound command: a redirection written after one applies to all the commands in it. */
const CLOSERS = new Set(['done', '}', 'fi', 'esac']);

/**
 * The closing word, as a command of `commands`, of the innermost compound command or subshell around `command` whose
 * redirections `redirects` holds for (given the closing command and its words after the closing word); undefined when
 * none does, or when a function's body is reached first (what it reads is its call's), or, with `pipeFeeds`, a pipe feeds
 * one of them first (`echo | ( bash )`).
 */
function enclosingRedirection(
  commands: readonly SimpleCommand[],
  command: SimpleCommand,
  redirects: (closer: SimpleCommand, rest: readonly string[]) => boolean,
  pipeFeeds: boolean,
): SimpleCommand | undefined {
  const k = commands.indexOf(command);
  if (k < 0) return undefined;
  for (let j = command.scope.length - 1; j >= 0; j--) {
    const id = command.scope[j].id;
    let m = k + 1;
    while (m < commands.length && commands[m].scope[j]?.id === id) m++;
    const closer = commands[m];
    // a subshell's `)` is no word: the redirections written right after it are read as a command of their own (`( bash ) <<< "$X"`),
    // theirs only where nothing separates them from it (after a line break or `;` they redirect nothing)
    const subshell = command.scope[j].kind === 'other' && !command.scope[j].group;
    const closes = closer !== undefined && closer.scope.length === j && closer.words[0]?.literal
      && (subshell ? closer.afterSubshell && REDIRECTION.test(closer.words[0].text) : CLOSERS.has(closer.words[0].text));
    if (closes && redirects(closer, subshell ? argvOf(closer) : argvOf(closer).slice(1))) return closer;
    // not redirected, it reads what the one around it is given (`( ( bash ) ) <<< "$X"`), unless a pipe feeds it (`echo | ( bash )`)
    // nor a function's body, which reads its call's (`f() { bash; }`: the words of `()` end like a subshell; `function f { bash; }`)
    let s = k;
    while (s > 0 && commands[s - 1].scope[j]?.id === id) s--;
    if (pipeFeeds && s > 0 && commands[s - 1].pipe) return undefined;
    const header = commands[s - 1];
    if (header !== undefined && header.scope.length === j
      && (commands[s].afterSubshell || (header.words.length === 2 && header.words[0].literal && header.words[0].text === 'function'))) return undefined;
  }
  return undefined;
}

/**
 * The closing word of the innermost compound command (`while …; do …; done`, `{ …; }`, `if`, `case`) or subshell around
 * `command` whose closing word is given a redirection of its input (`done <<< "$X"`, `} < <(cmd)`, `done <<EOF`): what every
 * command in it reads unless given its own; undefined when none is.
 */
const compoundInput = (commands: readonly SimpleCommand[], command: SimpleCommand): SimpleCommand | undefined =>
  enclosingRedirection(commands, command, (closer, rest) => standardInput(closer) !== undefined || splitRedirections(rest).from !== undefined, true);

/**
 * The closing word of the compound command or subshell around `command` that redirects descriptor `fd` (above 2) for it, the
 * innermost: `{ source /dev/fd/3; } 3<<< "$X"`, `( bash /dev/fd/3 ) 3< <(cmd)`; undefined when none does.
 */
const compoundDescriptor = (commands: readonly SimpleCommand[], command: SimpleCommand, fd: number): SimpleCommand | undefined =>
  enclosingRedirection(commands, command, (closer, rest) => inputOn(closer, fd) !== undefined || redirectedFrom(rest, fd) !== undefined, false);

/** The variable a command tests against an anchored pattern of digits and nothing else, `[[ $V =~ ^[0-9]+$ ]]`. */
function digitTest(command: SimpleCommand): string | undefined {
  const w = command.words;
  return w.length === 5 && w[0].literal && w[0].text === '[[' && w[2].literal && w[2].text === '=~' && w[3].literal && DIGITS.test(w[3].text)
    && w[4].literal && w[4].text === ']]' ? w[1].variable : undefined;
}

/** Whether a command is only the assignment of a literal number to `v` (`V=1`). */
const givesDigits = (command: SimpleCommand, v: string): boolean => command.words.length === 1 && command.words[0].literal
  && command.words[0].text.startsWith(`${v}=`) && /^[0-9]+$/.test(command.words[0].text.slice(v.length + 1));

/** Whether a command is `exit`, which ends the script (`return` outside a function does not). */
const exits = (command: SimpleCommand) => command.words[0]?.literal === true && command.words[0].text === 'exit' && !command.background
  // (bash 5.2 goes on after an exit whose redirection fails, `exit 1 2>/no/dir/log`, `exit 1 >&2` once 2 is closed: only /dev/null is sure)
  && command.heredocs.length === 0 && !/[<>]/.test(command.line.replace(/(^|\s)(\d*|&)>>?\s*\/dev\/null(?=\s|$)/g, ' '));

/**
 * A test of a variable against a pattern of digits whose failing stops the script or gives the variable a literal number,
 * in the script's top level: the variable, where the test (`start`) and what it runs when it fails (`end`) stand, and
 * the commands that give it the number.
 */
interface DigitGuard {
  readonly variable: string;
  readonly start: number;
  readonly end: number;
  readonly assigns: readonly number[];
}

/**
 * The tests of the commands of a script (its own text, in order) after which a variable holds digits:
 * `if ! [[ $V =~ DIGITS ]]; then …; exit …; fi`, `if ! [[ … ]]; then …; V=1; fi`, `[[ … ]] || exit …` and
 * `[[ … ]] || { …; exit …; }`, outside any compound command, function or subshell (which may not run).
 */
function digitGuards(commands: readonly SimpleCommand[]): DigitGuard[] {
  const out: DigitGuard[] = [];
  const indexed = commands.map((command, i) => ({ command, i }));
  commands.forEach((c, k) => {
    const v = digitTest(c);
    if (v === undefined || c.pipe || c.after !== ';') return;
    if (c.negated && c.scope.length === 1 && c.scope[0].kind === 'if' && c.scope[0].branch === 0) {
      const id = c.scope[0].id;
      const inIf = indexed.filter(({ command }) => command.scope[0]?.id === id);
      // the condition is the test alone; its `then` branch runs when the value is not digits
      if (inIf.some(({ command }) => command !== c && command.scope[0].branch === 0)) return;
      const body = inIf.filter(({ command }) => command.scope.length === 1 && command.scope[0].branch === 1 && command.sequential && !command.pipe);
      const digits = body.filter(({ command }) => givesDigits(command, v));
      if (body.some(({ command }) => exits(command)) || digits.length > 0) {
        out.push({ variable: v, start: k, end: inIf[inIf.length - 1].i, assigns: digits.map(({ i }) => i) });
      }
    } else if (!c.negated && c.unconditional) {
      const next = commands[k + 1];
      if (next?.after !== '||') return;
      if (next.scope.length === 0 && !next.pipe && (exits(next) || givesDigits(next, v))) {
        out.push({ variable: v, start: k, end: k + 1, assigns: givesDigits(next, v) ? [k + 1] : [] });
      }
      if (next.scope.length === 1 && next.scope[0].group) {
        const id = next.scope[0].id;
        const group = indexed.filter(({ command, i }) => i > k && command.scope[0]?.id === id);
        // the group's own commands that run in turn (the first runs after the test)
        const body = group.filter(({ command, i }) => command.scope.length === 1 && !command.pipe && (command.sequential || i === k + 1));
        const digits = body.filter(({ command }) => givesDigits(command, v)).map(({ i }) => i);
        if (body.some(({ command }) => exits(command)) || digits.length > 0) {
          out.push({ variable: v, start: k, end: group[group.length - 1].i, assigns: digits });
        }
      }
    }
  });
  return out;
}

/** An anchored pattern of digits (`^[0-9]+$`, `^[1-9][0-9]*$`, `^\d{1,3}$`): what matches it is a number. */
const DIGITS = /^\^(?:\[[0-9]-[0-9]\]|\[[0-9]+\]|\\d|[0-9]|[+*?]|\{[0-9]*,?[0-9]*\})+\$$/;

/** The code of each command substitution in a word's text (`$(…)`, backquotes; not `$((…))`), outermost ones. */
function substitutionCodes(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('$(') && !text.includes('`')) return out;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`' || (text[i] === '$' && text[i + 1] === '(' && text[i + 2] !== '(')) {
      const open = text[i] === '`' ? i : i + 1;
      const end = closing(text, open);
      out.push(text.slice(open + 1, end));
      i = end;
    }
  }
  return out;
}

/** The options of wc that count (it prints the counts alone when it reads its input, given no file). */
const WC_COUNTS = /^(?:-[lcwm]+|--(?:lines|bytes|words|chars))$/;

/** A date format of numeric fields (`+%H`, `+%s`, `+%Y%m%d`) and digits: it prints digits whatever date it is given. */
const DATE_DIGITS = /^\+(?:%[-_0]?[CdeHIjklmMsSuUVwWyYgG]|[0-9])+$/;

/** The options of date that change neither its output's form nor where it reads the date from but `-d`. */
const DATE_OPTIONS = /^(?:-u|--utc|--universal|-d|--date)$/;

/** The options of jq and yq that change neither where the filter is read from nor what it is. */
const JQ_FLAGS = /^(?:-[rcjaSCMsneR]+|--(?:raw-output|compact-output|join-output|slurp|null-input|exit-status|sort-keys|ascii-output|monochrome-output|color-output|seq|tab|raw-input))$/;

/**
 * Whether the output of a command substitution's code is numbers whatever it reads: each command whose output it gives
 * (not piped on) is `wc` counting its input (`wc -l`, no file named, whose name it would print), jq or yq (`yq eval`)
 * whose filter, holding no caller's value, ends in its `length` (`.items | length`, `length // 0`; not in a `try … catch`),
 * date given a literal format of numeric fields alone (`date -d "$X" +%H`), or echo of literal digits (`|| echo 0`). Commands that copy what they read (`echo "$X"`, `cat`, `tr`, `sed`, `head`, `jq -r .x` …) do not.
 */
function numbersPrinted(code: string, held: (w: { readonly text: string; readonly literal: boolean }) => string | undefined): boolean {
  const commands = simpleCommands(code);
  return commands.length > 0 && commands.every((command) => {
    if (command.pipe) return true;
    const words = command.words.filter((w, i, all) => !REDIRECTION.test(w.text) && !(i > 0 && HERE_OR_FILE.test(all[i - 1].text)));
    const name = words[0]?.literal ? basename(words[0].text) : undefined;
    const rest = words.slice(1);
    if (name === 'wc') return rest.every((w) => w.literal && WC_COUNTS.test(w.text));
    if (name === 'echo') return rest.every((w) => w.literal && /^[0-9]+$/.test(w.text));
    if (name === 'jq' || name === 'yq') {
      let i = name === 'yq' && rest[0]?.literal && (rest[0].text === 'eval' || rest[0].text === 'e') ? 1 : 0;
      for (; i < rest.length; i++) {
        // a word that may expand to an option (`-f FILE` reads the filter from a file) is no filter
        if (!rest[i].literal && /^-|^\$/.test(rest[i].text)) return false;
        if (rest[i].literal && /^--(?:arg|argjson)$/.test(rest[i].text)) i += 2;
        else if (!rest[i].literal || !JQ_FLAGS.test(rest[i].text)) break;
      }
      const filter = rest[i];
      return filter !== undefined && !filter.text.startsWith('-') && held(filter) === undefined
        && /(?:^|\|)\s*length\s*(?:\/\/\s*[0-9]+\s*)?$/.test(filter.text) && !/\b(?:try|catch)\b/.test(filter.text);
    }
    // date given a format of numeric fields alone (`+%H`, `+%s`): what the date it reads is changes the digits only
    if (name === 'date') {
      const formats = rest.filter((w) => w.text.startsWith('+'));
      return formats.length === 1 && formats[0].literal && DATE_DIGITS.test(formats[0].text) && rest.every((w, i) => w === formats[0]
        || (w.literal && DATE_OPTIONS.test(w.text)) || (i > 0 && rest[i - 1].literal && /^(?:-d|--date)$/.test(rest[i - 1].text) && !w.text.startsWith('-')));
    }
    return false;
  });
}

/** A word's text without the command substitutions in it (`$(…)`, backquotes; not `$((…))`). */
function outsideSubstitutions(text: string): string {
  if (!text.includes('$(') && !text.includes('`')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '`' || (text[i] === '$' && text[i + 1] === '(' && text[i + 2] !== '(')) {
      i = closing(text, text[i] === '`' ? i : i + 1);
      continue;
    }
    out += text[i];
  }
  return out;
}

/** What bash reads in a value in a word: arithmetic, a subscript or offset, `${X@P}`, `${!X}`. */
const BASH_READS = /\$\(\(|\$\[|\$\{!|\$\{[A-Za-z_][A-Za-z0-9_]*(?:\[|:[^-=?+]|@P)/;

/** An option group of a declaration that gives the integer attribute (`-i`, `-ix`). */
const INTEGER_FLAG = /^-[a-zA-Z]*i/;

/**
 * The variables a script's declarations give the integer attribute (`declare -i N`, `local -ri N=1`, `typeset -i`), by name:
 * bash evaluates whatever is assigned to one as arithmetic.
 */
function integerVariables(commands: readonly SimpleCommand[]): Set<string> {
  const out = new Set<string>();
  for (const command of commands) {
    const [first, ...rest] = command.words.slice(pastBuiltins(command.words, 0));
    if (first === undefined || !first.literal || !DECLARES.test(first.text) || !rest.some((w) => w.literal && INTEGER_FLAG.test(w.text))) continue;
    for (const w of rest) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.text);
      if (name !== null && w.literal && !/^[-+]/.test(w.text)) out.add(name[0]);
    }
  }
  return out;
}

/** The arithmetic operators of `[[ … ]]`, whose operands bash evaluates as arithmetic expressions. */
const TEST_ARITHMETIC = /^-(eq|ne|lt|le|gt|ge)$/;

/** The names written in an arithmetic expression (bare or expanded), but `${#NAME}`, a length. */
const arithmeticNames = (text: string): string[] => [...text.replace(/\$\{#[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\}/g, '').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]);

/**
 * The sinks of a command that bash reads in a held value beyond splitting it into words: a value it evaluates as arithmetic
 * (`$((X))`, `$[X]`, `((X))`, `let X`, `[[ $X -eq 1 ]]`, `${A[X]}`, `${S:X}`) or takes as a variable's name (a declaration's,
 * `printf -v`'s, `read`'s, `mapfile`'s, `unset`'s, the indirection `${!X}`, `declare -n R="$X"`; not `export`'s or `readonly`'s,
 * which refuse a name with a subscript) runs the command
 * substitutions of an array subscript in it (`a[$(cmd)]`); `${X@P}` expands it as a prompt, command substitutions included.
 */
function bashExpansions(
  command: SimpleCommand, held: (w: { readonly text: string; readonly literal: boolean }) => string | undefined,
  holds: (name: string) => boolean, numeric: (name: string) => boolean, refers: ReadonlyMap<string, string>,
  integers: ReadonlySet<string>, sink: (variable: string, how: string) => void,
): void {
  // (what a command substitution in it prints is read, not its code: the names of one that prints only numbers whatever it
  // reads, `$(echo "$X" | wc -l)`, do not count)
  const arithmetic = (text: string) => {
    const names = [
      ...arithmeticNames(outsideSubstitutions(text)),
      ...substitutionCodes(text).filter((code) => !numbersPrinted(code, held)).flatMap(arithmeticNames),
    ];
    const v = names.find((n) => holds(n) && !numeric(n));
    if (v !== undefined) sink(v, 'bash evaluates it as arithmetic, which runs the command substitutions of an array subscript in the value');
  };
  const words = command.words;
  // a literal word expands nothing (`sh -c '… $((N)) …'`: the code's shell reads it)
  const texts = summaryOf(command).bash ? [...words.filter((w) => !w.literal).map((w) => w.text), ...command.heredocs.filter((h) => h.expanded).map((h) => h.body.replace(/\\[\s\S]/g, ''))] : [];
  for (const text of texts) {
    if (!text.includes('$')) continue;
    for (const m of text.matchAll(/\$\(\(([\s\S]*?)\)\)|\$\[([^\]]*)\]/g)) arithmetic(m[1] ?? m[2]);
    for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\]|:(?![-=?+])([^}]*))/g)) arithmetic(m[2] ?? m[3]);
    for (const m of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)@P\}/g)) {
      if (holds(m[1])) sink(m[1], 'bash expands ${' + m[1] + '@P} as a prompt, which runs the command substitutions in the value');
    }
    for (const m of text.matchAll(/\$\{!([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      if (holds(m[1]) && !refers.has(m[1])) sink(m[1], 'the indirection ${!' + m[1] + '} takes the value as a name, which runs the command substitutions of an array subscript in it');
    }
  }
  const first = words.find((w) => !PREFIX_ASSIGNMENT.test(w.text));
  if (first?.text.startsWith('((')) arithmetic(first.text);
  // what is assigned to an integer variable (`declare -i N`, `local -i`, `typeset -i`) is evaluated as arithmetic; not
  // the assignments before a program, which go to its environment as written
  const integer = (w: Word, declared: boolean) => {
    const eq = w.text.indexOf('=');
    if (eq > 0 && PREFIX_ASSIGNMENT.test(w.text) && (declared || integers.has(w.text.slice(0, eq).replace(/\+$/, '')))) arithmetic(w.text.slice(eq + 1));
  };
  if (first === undefined && integers.size > 0) for (const w of words) integer(w, false);
  // the subscript of an array element assigned (`a[$X]=1`, alone or before a program) is evaluated as arithmetic (bash 5.2
  // arrayfunc.c, an indexed array's; an associative array's key is read so too, as in `${A[X]}`)
  for (const w of first === undefined ? words : words.slice(0, words.indexOf(first))) {
    const { subscript } = PREFIX_ASSIGNMENT.test(w.text) ? assignmentParts(w.text) : { subscript: undefined };
    if (subscript !== undefined && !w.literal) arithmetic(subscript);
  }
  if (first === undefined || !first.literal) return;
  // (past `builtin` and `command`, which run the builtin as itself: `builtin let "$X"`, `command declare "$X"`, bash 5.2)
  const written = words.indexOf(first);
  const at = pastBuiltins(words, written);
  const builtin = words[at];
  if (builtin === undefined || !builtin.literal) return;
  const rest = words.slice(at + 1);
  if (DECLARES.test(builtin.text) && written === 0) {
    const declared = rest.some((w) => w.literal && INTEGER_FLAG.test(w.text));
    if (declared || integers.size > 0) for (const w of rest) integer(w, declared);
  }
  if (builtin.text === 'for' && rest[0]?.text.startsWith('((')) arithmetic(rest[0].text);
  if (builtin.text === 'let') for (const w of rest) arithmetic(w.text);
  // `test -v NAME`, `[ -v NAME ]`, `[[ -v NAME ]]`: bash takes the value as a variable's name
  if (builtin.text === 'test' || builtin.text === '[' || builtin.text === '[[') {
    rest.forEach((w, i) => {
      const v = w.literal && w.text === '-v' && rest[i + 1] !== undefined ? held({ text: rest[i + 1].text, literal: rest[i + 1].literal }) : undefined;
      if (v !== undefined) sink(v, `${builtin.text} -v takes the value as a variable's name, which runs the command substitutions of an array subscript in it`);
    });
  }
  if (builtin.text === '[[') {
    rest.forEach((w, i) => {
      if (TEST_ARITHMETIC.test(w.text)) for (const o of [rest[i - 1], rest[i + 1]]) if (o !== undefined) arithmetic(o.text);
    });
  }
  const named = (w: Word) => {
    const v = held({ text: w.text.split('=')[0], literal: w.literal });
    if (v !== undefined) sink(v, `${builtin.text} takes the value as a variable's name, which runs the command substitutions of an array subscript in it`);
  };
  // export and readonly refuse a name that is not an identifier before they assign (bash 5.3 setattr.def `valid_identifier`:
  // `export "a[$(cmd)]=1"` is "not a valid identifier", its subscript never expanded); declare, typeset, local and unset
  // evaluate it
  if ((DECLARES.test(builtin.text) && builtin.text !== 'export' && builtin.text !== 'readonly') || builtin.text === 'unset') {
    for (const w of rest) {
      if (/^[-+]/.test(w.text) && w.literal) continue;
      named(w);
      // `declare -n R="$X"`: R refers to the variable the value names
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) && rest.some((o) => o.literal && /^-[a-zA-Z]*n/.test(o.text))) {
        const v = held({ text: w.text.slice(w.text.indexOf('=') + 1), literal: w.literal });
        if (v !== undefined) sink(v, `${builtin.text} -n takes the value as a variable's name, which runs the command substitutions of an array subscript in it`);
      }
    }
  }
  // they expand no subscript, but the name they are given is the variable they set, the text after its first = its value (bash
  // 5.2: `export "$X"` with X=`BASH_ENV=$(cmd)` exports BASH_ENV, which the next bash expands, running cmd; `GIT_CONFIG_PARAMETERS`
  // makes git run a command): a caller's value there chooses the variable and its value (not `-f`'s function names)
  if ((builtin.text === 'export' || builtin.text === 'readonly') && !rest.some((w) => w.literal && /^-[a-zA-Z]*f/.test(w.text))) {
    const also = builtin.text === 'export' && !rest.some((w) => w.literal && /^-[a-zA-Z]*n/.test(w.text))
      ? 'exports (and, after an =, its value), so the value may choose BASH_ENV or GIT_SSH_COMMAND, whose value the next bash or git runs as code'
      : 'sets (and, after an =, its value), so the value may choose PS4, whose value the shell runs as code as it traces (set -x), or PATH, where it finds the programs it runs';
    for (const w of rest) {
      if (/^[-+]/.test(w.text) && w.literal) continue;
      const v = held({ text: w.text.split('=')[0], literal: w.literal });
      if (v !== undefined) sink(v, `${builtin.text} takes the value as the name of the variable it ${also}`);
    }
  }
  if (builtin.text === 'printf') {
    const v = rest.findIndex((w) => w.literal && w.text.startsWith('-v'));
    const target = v < 0 ? undefined : rest[v].text === '-v' ? rest[v + 1] : { text: rest[v].text.slice(2), literal: rest[v].literal };
    if (target !== undefined) named(target as Word);
  }
  const assigns = readNames(words.slice(at).map((w) => w.text));
  if (assigns !== undefined) {
    const operands = withoutRedirections(rest.map((w) => w.text));
    // (the array `read -a` or mapfile fills expands no subscript, a name with one refused (bash 5.2 run, `read -a "$X"` and `mapfile "$X"` with
    // X='a[$(touch p)]': "not a valid identifier", p not created), but the name is the array it sets: X=PS4 then `set -x` ran what it read
    // as code, X=PATH left `ls` not found)
    const array = builtin.text === 'read' ? readOptions(operands).values.filter(([option]) => option === 'a').pop()?.[1]
      : /^(mapfile|readarray)$/.test(builtin.text) ? withoutRedirections(mapfileOptions(operands).names)[0] : undefined;
    // (the words it takes as names, and no other: read's with -a its last -a's array, else those past its options; mapfile's the first past its
    // options. bash 5.2 run with X='a[$(touch p)]' and X=PS4: `read -a A "$X"`, `mapfile -t A "$X"` and `mapfile -t A B "$X"` ignored the value, no p,
    // PS4 as it was, rc 0, where `read A "$X"` created p and set PS4; nor are option values names: read's `-p "$X"`, `-d`, `-i` take text, its
    // `-u`, `-t`, `-n`, `-N` and mapfile's `-n`, `-c`, `-O`, `-u`, `-s` refused the value as no number, no p; mapfile's `-C CALLBACK` is code, read apart)
    const takes = builtin.text === 'read' ? readNameWords(operands) : array === undefined ? [] : [array];
    rest.forEach((w) => {
      if (w.literal || !takes.includes(w.text) || w.text.startsWith('-')) return;
      const v = w.text === array ? held({ text: w.text, literal: w.literal }) : undefined;
      if (v === undefined) {
        named(w);
      } else {
        sink(v, `${builtin.text}${builtin.text === 'read' ? ' -a' : ''} takes the value as the name of the array it sets (bash refuses one with a subscript), so the value may `
          + 'choose PS4, whose value the shell runs as code as it traces (set -x), or PATH, where it finds the programs it runs');
      }
    });
  }
}

/**
 * The positions from which a command of `code` may run its positional parameters as a command line, quoted whole (`"$@"`,
 * `exec "$@"`, `"${@:2}"`, `"$1" "${@:2}"`, `until "$@"; do …`): each parameter one word, the first the program; none
 * where none does (`$*` and an unquoted `$@` split each further).
 */
export function positionalCommand(code: string): number[] {
  // `command "$@"`, `env "$@"` run it too, and an unquoted `$@`/`$*` splits each parameter but still runs the first field
  // (dash and bash 5.2 run: `exec $@`, `command "$@"`, `env "$@"` with args sh -c CODE run CODE); `"$*"` is one word, no program
  const position = (line: string): number | undefined => {
    const bare = line.trim().replace(/^((exec|command|env)[ \t]+)+/, '');
    if (/^("\$@"|"\$\{@\}"|"\$1" "\$\{@:2\}"|\$[@*]|\$\{[@*]\})$/.test(bare)) return 1;
    const slice = /^"\$\{@:([1-9][0-9]?)\}"$/.exec(bare);
    return slice === null ? undefined : Number(slice[1]);
  };
  // a function's body runs only where it is called (the caller reads those), not as the code's own commands
  const inBodies = new Map<string, number>();
  for (const bodies of functionsOf(code).values()) {
    for (const body of bodies) for (const c of simpleCommands(body)) inBodies.set(c.line, (inBodies.get(c.line) ?? 0) + 1);
  }
  // a literal `shift [N]` run before it moves the parameters by N; `set -- WORD…` replaces them (dash run: `shift; exec "$@"`
  // with args sh -c CODE runs `-c`, `set -- echo safe; exec "$@"` runs echo)
  // (one that may not run, `[ -n "$1" ] && shift`, `if …; then shift; fi`, may move them or not: each start between, bash 5.2 run)
  let shifted = 0;
  let maybe = 0;
  for (const command of simpleCommands(code)) {
    const words = command.words.map((w) => w.text);
    const seen = inBodies.get(command.line) ?? 0;
    if (seen > 0) {
      inBodies.set(command.line, seen - 1);
      continue;
    }
    if (words[0] === 'set' && setOptionsEnd(words) < words.length) return [];
    if (words[0] === 'shift' && words.length <= 2 && /^[0-9]*$/.test(words[1] ?? '')) {
      if (command.unconditional) shifted += Number(words[1] ?? 1);
      else maybe += Number(words[1] ?? 1);
      continue;
    }
    const at = position(command.line);
    if (at !== undefined) return Array.from({ length: Math.min(maybe, MAX_MAYBE_SHIFTED) + 1 }, (_, k) => at + shifted + k);
  }
  return [];
}

/** How many positions further on a command line run through `"$@"` is read past the shifts that may not run (positionalCommand). */
const MAX_MAYBE_SHIFTED = 4;

/** Where the options of `set` end in its words (`set -e -o pipefail -- A B`: at `--`, past `-o`/`+o` and its name), or their length. */
function setOptionsEnd(words: readonly string[]): number {
  let i = 1;
  while (i < words.length && /^[-+]/.test(words[i]) && words[i] !== '--') i += /^[-+]o$/.test(words[i]) ? 2 : 1;
  return i;
}

/** The shell functions a text defines (`f() { …; }`, `function f { …; }`, `f() ( … )`): each body, by the function's name. */
export function definedFunctions(text: string): ReadonlyMap<string, readonly string[]> {
  return functionsOf(text);
}

/** The function of `text` a command of it calls: its first word after its assignments names one `text` defines, and it is no definition. */
export function calledFunction(text: string, command: SimpleCommand): string | undefined {
  const functions = functionsOf(text);
  if (functions.size === 0) return undefined;
  const first = command.words[splitAssignments(argvOf(command)).assignments.length];
  return first?.literal && functions.has(first.text) && !definesFunction(text, command) ? first.text : undefined;
}
