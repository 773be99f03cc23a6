/**
 * Scripts a shell script writes from a literal into a file, and the files a script or a step's command runs: a step that
 * writes its code with `printf '%s' "<base64>" | base64 -d > /scripts/run.sh` (or `cat > f <<'EOF'`, `echo '…' > f`,
 * `printf '%s' '…' > f`) and then runs it (`/scripts/run.sh`, `bash f`, `source f`, a later step's `command`) runs the
 * literal's text as a script.
 */
import { argumentsOf, basename, SHELL_NAMES } from './argv';
import { argvOf, filePath, pipedFrom, printedBy, runsOf, SimpleCommand, simpleCommands, splitRedirections, standardInput, teeOperands, withoutRedirections } from './shell';
import { readShellOptions } from './shell-options';

/** A script written into a file from a literal. */
export interface WrittenScript {
  /** The file as written (`./` removed). */
  readonly path: string;
  /** What the file holds once written. */
  readonly text: string;
  /** Whether it is decoded from base64 (`base64 -d`). */
  readonly decoded: boolean;
  /** The writing command (its pipeline) as written, long base64 literals shortened. */
  readonly line: string;
  /** The index of the writing command in the script's simple commands. */
  readonly at: number;
}

/** A file a script runs: the command that runs it, and its index among the script's simple commands. */
export interface FileRun {
  readonly path: string;
  /** The shell that runs it, where a shell's name does (`bash f`); else its `#!` line chooses. */
  readonly shell?: string;
  readonly line: string;
  readonly at: number;
}

/** The largest literal (and decoded text) read: 512 KiB; Tekton's own limit on all scripts of a pod is 128 KiB of base64. */
const MAX_TEXT = 512 * 1024;
/** The most scripts read as written by one script. */
const MAX_SCRIPTS = 32;

const WRITTEN = new Map<string, readonly WrittenScript[]>();
const RUN = new Map<string, readonly FileRun[]>();

function cached<T>(cache: Map<string, T>, key: string, read: () => T): T {
  let found = cache.get(key);
  if (found === undefined) {
    found = read();
    if (cache.size >= 2_000) cache.clear();
    cache.set(key, found);
  }
  return found;
}

/** A word that names a file as written: no expansion, no pattern. */
const PLAIN_PATH = /^[^$`*?[\s]+$/;

/**
 * The one file a command's standard output is written to (`> f`, `>| f`, `>> f`, `1> f`, `&> f`), and whether it appends, as
 * splitRedirections reads its redirections; none where it writes to two, or duplicates it to a descriptor (`>&2`).
 */
function outputFile(words: readonly string[]): { file: string; append: boolean } | undefined {
  const { outputs } = splitRedirections(words);
  return outputs.length === 1 && !outputs[0].file.startsWith('&') ? outputs[0] : undefined;
}

/**
 * base64 as coreutils 9.1 decodes it (`base64 -d`): newlines ignored, and with `-i` (`--ignore-garbage`) every character
 * outside the alphabet; padded groups may follow one another (`aGk=aGk=`). Undefined where base64 would stop at a
 * character it refuses (it then fails, `set -e` ending the script), or without its padding (it decodes it, then fails).
 */
export function base64Decoded(text: string, ignoreGarbage: boolean): string | undefined {
  if (text.length > MAX_TEXT) return undefined;
  const clean = ignoreGarbage ? text.replace(/[^A-Za-z0-9+/=]/g, '') : text.replace(/\n/g, '');
  if (!/^(?:(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=))*(?:[A-Za-z0-9+/]{4})*$/.test(clean)) return undefined;
  const decoded = clean.split(/(?<==)(?=[^=])/).map((chunk) => Buffer.from(chunk, 'base64').toString('utf8')).join('');
  return decoded.includes('\0') ? undefined : decoded;
}

/** The options of base64 that decode, and that ignore garbage; undefined where it reads a file or is not decoding. */
function base64Options(after: readonly string[]): { ignore: boolean } | undefined {
  let decode = false;
  let ignore = false;
  for (let k = 0; k < after.length; k++) {
    const w = after[k];
    if (w === '--decode') {decode = true;} else if (w === '--ignore-garbage') {ignore = true;} else if (w === '-w' || w === '--wrap' || w === '-b' || w === '--break') {k++;} else if (/^--(wrap|break)=/.test(w)) {continue;} else if (/^-[diDw0-9]+$/.test(w)) {
      decode ||= /[dD]/.test(w);
      ignore ||= w.includes('i');
    } else if (w !== '-') {return undefined;}
  }
  return decode ? { ignore } : undefined;
}

/** Whether the command's words are all literal and its heredocs expand nothing. */
function literalCommand(command: SimpleCommand): boolean {
  return command.words.every((w) => w.literal) && command.heredocs.every((h) => !h.expanded || !/[$`\\]/.test(h.body));
}

/** A line for a message: base64 literals longer than 24 characters shortened. */
const shortLine = (line: string): string => line.replace(/([A-Za-z0-9+/]{12})[A-Za-z0-9+/=]{12,}/g, '$1…');

/** The text a command prints (echo, printf, cat of its heredoc), its redirections aside; undefined where not one text. */
function printedText(command: SimpleCommand): string[] | undefined {
  if (!literalCommand(command)) return undefined;
  const printed = printedBy(withoutRedirections(argvOf(command)), standardInput(command));
  return printed === undefined || printed.length === 0 ? undefined : printed;
}

/**
 * The texts a command prints from literals, and whether decoded: what `base64 -d` (`--decode`, `-D`) decodes from a literal that
 * `printf`, `echo` or a here-string or heredoc gives it, and what `printf`, `echo` or `cat` of a heredoc prints, its words all
 * literal (`pipeline`: the commands piped into it, in order); undefined for another.
 */
function literalOutput(command: SimpleCommand, pipeline: readonly SimpleCommand[]): { texts: string[]; decoded: boolean } | undefined {
  const argv = argvOf(command);
  const run = runsOf(withoutRedirections(argv))[0];
  const name = run?.program === undefined ? '' : basename(run.program);
  if (name === 'base64' && command.words.every((w) => w.literal)) {
    const options = base64Options(withoutRedirections(argv).slice(run.programIndex + 1));
    const own = standardInput(command);
    const from = pipedFrom(pipeline)?.printer;
    const input = own !== undefined ? (literalCommand(command) ? [own] : undefined) : from === undefined ? undefined : printedText(from);
    return options === undefined || input === undefined ? undefined
      : { texts: input.map((t) => base64Decoded(t, options.ignore)).filter((t): t is string => t !== undefined), decoded: true };
  }
  if (/^(echo|printf|cat)$/.test(name) && pipeline.length === 0) {
    // (echo ends its line unless given -n)
    const line = name === 'echo' && !withoutRedirections(argv).slice(run.programIndex + 1).some((w) => /^-[eE]*n[neE]*$/.test(w)) ? '\n' : '';
    const texts = printedText(command)?.map((t) => t + line);
    return texts === undefined ? undefined : { texts, decoded: false };
  }
  return undefined;
}

/** The files `tee` writes and whether it appends (shell.ts `teeOperands`), given its words without redirections; undefined for another program. */
function teeFiles(argv: readonly string[]): { files: string[]; append: boolean } | undefined {
  const run = runsOf(argv)[0];
  return run?.program === undefined || basename(run.program) !== 'tee' ? undefined : teeOperands(argv.slice(run.programIndex + 1));
}

/**
 * The scripts a shell script writes from literals into files (read once per text): what a command prints from literals
 * (literalOutput) into a file its output is redirected to (`>>` adding to what the script wrote there), or into the files `tee`
 * writes given that text on its input (`tee f <<'EOF'`, `printf '%s' '…' | tee f`).
 */
export function scriptsWritten(script: string): readonly WrittenScript[] {
  return cached(WRITTEN, script, () => {
    const commands = simpleCommands(script);
    const out: WrittenScript[] = [];
    let pipeline: SimpleCommand[] = [];
    const add = (file: string, append: boolean, texts: readonly string[], decoded: boolean, at: number, line: string) => {
      for (const text of new Set(texts)) {
        if (text.length > MAX_TEXT) continue;
        const path = filePath(file);
        const before = append ? out.filter((w) => w.path === path).pop()?.text ?? '' : '';
        out.push({ path, text: before + text, decoded, line, at });
      }
    };
    commands.forEach((command, at) => {
      const before = pipeline;
      pipeline = at > 0 && commands[at - 1].pipe ? [...pipeline, commands[at - 1]] : [];
      if (out.length >= MAX_SCRIPTS) return;
      const argv = argvOf(command);
      // (the line for a message, made only for a command that writes a file)
      const line = () => shortLine([...pipeline, command].map((c) => c.line).join(' | '));
      const tee = command.line.includes('tee') ? teeFiles(withoutRedirections(argv)) : undefined;
      if (tee !== undefined) {
        // (its input: its own here-string or heredoc, literal, or what the command before it prints)
        const own = standardInput(command);
        const given = own !== undefined ? (literalCommand(command) ? { texts: [own], decoded: false } : undefined)
          : pipeline.length === 0 ? undefined : literalOutput(pipeline[pipeline.length - 1], before);
        const files = given === undefined ? [] : tee.files.filter((f) => PLAIN_PATH.test(f));
        for (const file of files) add(file, tee.append, given!.texts, given!.decoded, at, line());
        return;
      }
      if (command.pipe) return;
      const target = outputFile(argv);
      if (target === undefined || !PLAIN_PATH.test(target.file)) return;
      const printed = literalOutput(command, pipeline);
      if (printed !== undefined) add(target.file, target.append, printed.texts, printed.decoded, at, line());
    });
    return out;
  });
}

/**
 * The script operand of a shell given the words after it, as readShellOptions reads them: `'input'` where it reads its code from its
 * input (no operand, or `-s`), undefined where it is given code (`-c`).
 */
function shellOperand(after: readonly string[]): string | 'input' | undefined {
  const read = readShellOptions(after);
  return read.code ? undefined : read.file ? after[read.operand] : 'input';
}

/** The file an argv runs: its program named by a path (`./f`, `/scripts/f`), a shell's script operand (`bash f`), `source f`, `. f`. */
export function fileRunBy(argv: readonly string[]): { path: string; shell?: string } | undefined {
  for (const run of runsOf(argv)) {
    if (run.program === undefined) continue;
    const name = basename(run.program);
    if (run.program.includes('/') && !SHELL_NAMES.test(name) && PLAIN_PATH.test(run.program)) return { path: filePath(run.program) };
    const after = argumentsOf(argv, run);
    if (name === 'source' || name === '.') return after[0] !== undefined && PLAIN_PATH.test(after[0]) ? { path: filePath(after[0]) } : undefined;
    if (SHELL_NAMES.test(name)) {
      // (none where it is given code, -c, or reads its input: fileReadBy)
      const operand = shellOperand(after);
      return operand !== undefined && operand !== 'input' && PLAIN_PATH.test(operand) ? { path: filePath(operand), shell: name } : undefined;
    }
  }
  return undefined;
}

/** A command substitution of `cat f` or `< f` alone, quoted or not (its second group the file). */
const CAT_SUBSTITUTION = /^("?)\$\(\s*(?:cat\s+|<\s*)([^$`*?[\s()"';&|<>]+)\s*\)\1$/;

/** A process substitution of `cat f` or `< f` alone (its group the file). */
const CAT_PROCESS = /^<\(\s*(?:cat\s+|<\s*)([^$`*?[\s()"';&|<>]+)\s*\)$/;

/**
 * The file a command runs (fileRunBy), or that a shell it runs reads as its code from its input (`sh < f`, `bash -s < f`, bash 5.2
 * and dash: the file's text run as a script), given its words with their redirections and, where a pipe feeds it, the command
 * before it (`cat f | sh`; `line` then that command's line and the pipe, to write before the command's own); or that eval runs
 * or source reads from what `cat f` prints (`eval "$(cat f)"`, `source <(cat f)`).
 */
export function fileReadBy(words: readonly string[], piped?: SimpleCommand): { path: string; shell?: string; line?: string } | undefined {
  const argv = withoutRedirections(words);
  const run = fileRunBy(argv);
  if (run !== undefined) return run;
  // (none without a substitution, an input redirection or a pipe into it)
  if (piped === undefined && !words.some((w) => w.includes('<') || w.includes('$('))) return undefined;
  // (what cat prints of it, run by eval, `eval "$(cat f)"`, `eval "$(< f)"`, or sourced, `source <(cat f)`: in the shell itself)
  const first = runsOf(argv)[0];
  const name = first?.program === undefined ? '' : basename(first.program);
  const operands = first === undefined ? [] : argumentsOf(argv, first);
  const catted0 = operands.length !== 1 ? undefined : name === 'eval' ? CAT_SUBSTITUTION.exec(operands[0])?.[2]
    : name === 'source' || name === '.' ? CAT_PROCESS.exec(operands[0])?.[1] : undefined;
  if (catted0 !== undefined) return { path: filePath(catted0) };
  const shell = runsOf(argv).find((r) => r.program !== undefined && SHELL_NAMES.test(basename(r.program)));
  if (shell === undefined || shellOperand(argumentsOf(argv, shell)) !== 'input') return undefined;
  const from = splitRedirections(words).from;
  // (or what `cat f` pipes to it, its words all literal)
  const printer = from === undefined && piped !== undefined && piped.words.every((w) => w.literal) ? withoutRedirections(argvOf(piped)) : undefined;
  const catted = printer !== undefined && printer.length === 2 && basename(printer[0]) === 'cat' ? printer[1] : undefined;
  const file = from ?? catted;
  if (file === undefined || !PLAIN_PATH.test(file) || file === '-') return undefined;
  return { path: filePath(file), shell: basename(shell.program!), ...catted === undefined ? {} : { line: `${piped!.line} | ` } };
}

/** The files a shell script runs (read once per text), each with the command that runs it. */
export function filesRun(script: string): readonly FileRun[] {
  return cached(RUN, script, () => simpleCommands(script).flatMap((command, at, commands) => {
    if (!command.words[0]?.literal) return [];
    const found = fileReadBy(argvOf(command), at > 0 && commands[at - 1].pipe ? commands[at - 1] : undefined);
    if (found === undefined) return [];
    return [{ path: found.path, ...found.shell === undefined ? {} : { shell: found.shell }, line: shortLine(`${found.line ?? ''}${command.line}`), at }];
  }));
}

/** The file a step's command runs (`command: [/scripts/run.sh]`, `command: [bash, /scripts/run.sh]`). */
export function fileRunByCommand(argv: readonly string[]): { path: string; shell?: string } | undefined {
  return argv.length === 0 ? undefined : fileRunBy(argv);
}
