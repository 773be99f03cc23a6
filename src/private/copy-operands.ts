/**
 * The operands of the programs that copy, move or link files (`cp`, `mv`, `install`, `ln` of GNU coreutils 9.x, `rsync` 3.x):
 * what they copy and where, read past their options as each program's own grammar reads them (getopt_long: short options grouped,
 * a short option's value glued or the next word, a long option's value after `=` or, where it requires one, the next word, a long
 * option abbreviated to a prefix no other shares; rsync's popt the same way, but for abbreviations, which it takes as options it does
 * not know), options after operands included (GNU permutes them),
 * `--` ending them.
 */

/** The options of a program: the short ones that take a value, and each long one with whether it takes one (`required`, `optional`: only after `=`, `none`). */
interface Grammar {
  readonly short: string;
  readonly long: Readonly<Record<string, 'required' | 'optional' | 'none'>>;
}

const R = 'required' as const;
const O = 'optional' as const;
const N = 'none' as const;

/** coreutils 9.5 src/cp.c, mv.c, install.c, ln.c `long_options`, and rsync 3.3 options.c `long_options`. */
const GRAMMARS: Readonly<Record<string, Grammar>> = {
  cp: {
    short: 'St',
    long: {
      'archive': N,
      'attributes-only': N,
      'backup': O,
      'copy-contents': N,
      'dereference': N,
      'force': N,
      'interactive': N,
      'link': N,
      'no-clobber': N,
      'no-dereference': N,
      'no-preserve': R,
      'no-target-directory': N,
      'one-file-system': N,
      'parents': N,
      'path': N,
      'preserve': O,
      'recursive': N,
      'reflink': O,
      'remove-destination': N,
      'sparse': R,
      'strip-trailing-slashes': N,
      'suffix': R,
      'symbolic-link': N,
      'target-directory': R,
      'update': O,
      'verbose': N,
      'context': O,
      'keep-directory-symlink': N,
      'debug': N,
      'help': N,
      'version': N,
    },
  },
  mv: {
    short: 'St',
    long: {
      'backup': O,
      'context': N,
      'debug': N,
      'exchange': N,
      'force': N,
      'interactive': N,
      'no-clobber': N,
      'no-copy': N,
      'no-target-directory': N,
      'strip-trailing-slashes': N,
      'suffix': R,
      'target-directory': R,
      'update': O,
      'verbose': N,
      'help': N,
      'version': N,
    },
  },
  install: {
    short: 'mogSt',
    long: {
      'backup': O,
      'compare': N,
      'context': O,
      'debug': N,
      'directory': N,
      'group': R,
      'mode': R,
      'no-target-directory': N,
      'owner': R,
      'preserve-context': N,
      'preserve-timestamps': N,
      'strip': N,
      'strip-program': R,
      'suffix': R,
      'target-directory': R,
      'verbose': N,
      'help': N,
      'version': N,
    },
  },
  ln: {
    short: 'St',
    long: {
      'backup': O,
      'directory': N,
      'force': N,
      'interactive': N,
      'logical': N,
      'no-dereference': N,
      'no-target-directory': N,
      'physical': N,
      'relative': N,
      'suffix': R,
      'symbolic': N,
      'target-directory': R,
      'verbose': N,
      'help': N,
      'version': N,
    },
  },
  rsync: {
    // -e (--rsh), -f (--filter), -T (--temp-dir), -B (--block-size), -M (--remote-option), -@ (--modify-window)
    short: 'efTBM@',
    long: Object.fromEntries([
      ...['rsh', 'rsync-path', 'filter', 'exclude', 'include', 'exclude-from', 'include-from', 'files-from', 'chown', 'chmod', 'usermap',
        'groupmap', 'temp-dir', 'compare-dest', 'copy-dest', 'link-dest', 'backup-dir', 'suffix', 'partial-dir', 'log-file',
        'log-file-format', 'out-format', 'log-format', 'password-file', 'bwlimit', 'timeout', 'contimeout', 'port', 'sockopts', 'max-size',
        'min-size', 'max-delete', 'max-alloc', 'block-size', 'modify-window', 'compress-choice', 'zc', 'compress-level', 'zl',
        'skip-compress', 'checksum-choice', 'cc', 'checksum-seed', 'protocol', 'iconv', 'write-batch', 'only-write-batch', 'read-batch',
        'outbuf', 'remote-option', 'stop-after', 'stop-at', 'info', 'debug', 'address', 'copy-as', 'early-input', 'config', 'dparam',
        'time-limit'].map((o) => [o, R]),
    ]) as Record<string, 'required'>,
  },
};

/** The programs read here. */
export const COPY_PROGRAMS: ReadonlySet<string> = new Set(Object.keys(GRAMMARS));

/** What a copy, move or link command copies, and where. */
export interface CopyOperands {
  /** What it copies (links to): every operand but the destination. */
  readonly sources: string[];
  /** Where: the directory `-t` (`--target-directory`) gives, else the last operand; undefined where it names none. */
  readonly destination?: string;
  /** Whether `-t` gives the destination: a directory the sources go into. */
  readonly targetDirectory: boolean;
  /** Whether `-T` (`--no-target-directory`) makes the destination the copy itself, never a directory it goes into. */
  readonly noTargetDirectory: boolean;
  /** Every operand, in order (the destination among them unless `-t` gives it). */
  readonly operands: string[];
}

/** The long option `name` (written without its `--`) stands for: itself, or the one option it is a prefix of; undefined where none or several. */
function longOption(grammar: Grammar, name: string, prefixes: boolean): string | undefined {
  if (Object.prototype.hasOwnProperty.call(grammar.long, name)) return name;
  if (!prefixes) return undefined;
  const found = Object.keys(grammar.long).filter((o) => o.startsWith(name));
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The operands of `program` (cp, mv, install, ln, rsync: by its base name) given the words after it; undefined for another program.
 * `install -d` (`--directory`) creates its operands as directories: it copies nothing (no sources, no destination).
 */
export function copyOperands(program: string, args: readonly string[]): CopyOperands | undefined {
  const grammar = Object.prototype.hasOwnProperty.call(GRAMMARS, program) ? GRAMMARS[program] : undefined;
  if (grammar === undefined) return undefined;
  const operands: string[] = [];
  let target: string | undefined;
  let noTarget = false;
  let directories = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = longOption(grammar, a.slice(2, eq < 0 ? undefined : eq), program !== 'rsync');
      const takes = name === undefined ? N : grammar.long[name];
      const value = eq >= 0 ? a.slice(eq + 1) : takes === R ? args[++k] : undefined;
      if (name === 'target-directory' && program !== 'rsync') target = value;
      if (name === 'no-target-directory') noTarget = true;
      if (name === 'directory' && program === 'install') directories = true;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (let i = 1; i < a.length; i++) {
        const c = a[i];
        if (grammar.short.includes(c)) {
          const value = i + 1 < a.length ? a.slice(i + 1) : args[++k];
          if (c === 't' && program !== 'rsync') target = value;
          break;
        }
        if (c === 'T' && program !== 'rsync') noTarget = true;
        if (c === 'd' && program === 'install') directories = true;
      }
      continue;
    }
    operands.push(a);
  }
  if (directories) return { sources: [], targetDirectory: false, noTargetDirectory: noTarget, operands };
  if (target !== undefined) return { sources: operands, destination: target, targetDirectory: true, noTargetDirectory: noTarget, operands };
  return {
    sources: operands.slice(0, -1),
    ...operands.length > 0 ? { destination: operands[operands.length - 1] } : {},
    targetDirectory: false,
    noTargetDirectory: noTarget,
    operands,
  };
}

/**
 * What `dd` (GNU coreutils 9) copies and where: the file of its `if=` operand into that of its `of=` (the last of each given, as
 * dd reads them), never into a directory; undefined where it names either not (it then reads its input or writes its output).
 */
export function ddOperands(args: readonly string[]): CopyOperands | undefined {
  const { input: from, output: into } = ddFiles(args);
  return from === undefined || into === undefined ? undefined
    : { sources: [from], destination: into, targetDirectory: false, noTargetDirectory: true, operands: [from, into] };
}

/** The files of `dd`'s `if=` and `of=` operands (GNU coreutils 9: the last of each given is the one used); none where not given (it reads its input, writes its output). */
export function ddFiles(args: readonly string[]): { readonly input?: string; readonly output?: string } {
  let input: string | undefined;
  let output: string | undefined;
  for (const a of args) {
    if (a.startsWith('if=')) input = a.slice(3);
    else if (a.startsWith('of=')) output = a.slice(3);
  }
  return { ...input === undefined ? {} : { input }, ...output === undefined ? {} : { output } };
}
