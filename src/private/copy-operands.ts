/**
 * The operands of the programs that copy, move or link files (`cp`, `mv`, `install`, `ln` of GNU coreutils 9.x, `rsync` 3.x):
 * what they copy and where, read past their options as each program's own grammar reads them (getopt_long: short options grouped,
 * a short option's value glued or the next word, a long option's value after `=` or, where it requires one, the next word, a long
 * option abbreviated to a prefix no other shares; rsync's popt the same way, but for abbreviations, which it takes as options it does
 * not know), options after operands included (GNU permutes them),
 * `--` ending them.
 */

import { findArguments, xargsOptions } from './argv';

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
  /**
   * Whether it copies what lies under a directory it is given: `cp -r` (`-R`, `-a`, `--recursive`, `--archive`), `mv`, `rsync -r`
   * (`-a`, `--recursive`, `--archive`), and rsync's `--files-from`, whose list names files under its source directories (rsync 3.2:
   * `rsync --files-from=list / dst` copies `secret/token` of the list).
   */
  readonly recursive: boolean;
  /**
   * Whether it makes symbolic links (`ln -s`, `--symbolic`), which a reader follows to their source: a relative source names a file
   * from the link's directory, unless `relative` (coreutils 9.1 run: `ln -s d.rc ~/.wgetrc` links `~/d.rc`).
   */
  readonly symbolic?: boolean;
  /**
   * Whether `ln -s` is given `-r` (`--relative`): it names the source from the working directory and writes the link relative to the
   * link's directory, which resolves to that file (coreutils 9.1 run: `ln -sr /creds/token /results/out` links `../creds/token`).
   */
  readonly relative?: boolean;
  /**
   * Whether what it writes of an operand that is a symbolic link is what the link points to (cp and install; undefined for the
   * others): install always; cp where the last of `-L` (`--dereference`), `-H`, `-P` (`--no-dereference`), `-d`, `-a` (`--archive`)
   * is `-L` or `-H` (which follows those given as operands), or where none is given and it does not copy recursively or makes hard
   * links (`-l`), or where it makes symbolic links to the operands (`-s`) (coreutils 9.1 cp.c, run: `cp /v/token d/` copies the
   * file a Secret volume's `token -> ..data/token` points to, `cp -r /v/token d/` and `cp -a` the link).
   */
  readonly followsLinks?: boolean;
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
  let recursive = program === 'mv';
  let symbolic = false;
  let relative = false;
  // (cp: how the last of -L, -H, -P, -d, -a set it, `always`, `operands` or `never`; -l, -s)
  let dereference: 'always' | 'operands' | 'never' | undefined;
  let hardLinks = false;
  let symbolicLinks = false;
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
      if (program === 'ln' && name === 'symbolic') symbolic = true;
      if (program === 'ln' && name === 'relative') relative = true;
      if (program === 'cp' && name === 'dereference') dereference = 'always';
      if (program === 'cp' && (name === 'no-dereference' || name === 'archive')) dereference = 'never';
      if (program === 'cp' && name === 'link') hardLinks = true;
      if (program === 'cp' && name === 'symbolic-link') symbolicLinks = true;
      const written = a.slice(2, eq < 0 ? undefined : eq);
      if ((program === 'cp' && (name === 'recursive' || name === 'archive')) || (program === 'rsync' && /^(recursive|archive|files-from)$/.test(written))) recursive = true;
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
        if (program === 'ln' && c === 's') symbolic = true;
        if (program === 'ln' && c === 'r') relative = true;
        if (program === 'cp' && /[LHPda]/.test(c)) dereference = c === 'L' ? 'always' : c === 'H' ? 'operands' : 'never';
        if (program === 'cp' && c === 'l') hardLinks = true;
        if (program === 'cp' && c === 's') symbolicLinks = true;
        if ((program === 'cp' && /[rRa]/.test(c)) || (program === 'rsync' && /[ra]/.test(c))) recursive = true;
      }
      continue;
    }
    operands.push(a);
  }
  const links = {
    ...symbolic ? { symbolic: true, ...relative ? { relative: true } : {} } : {},
    ...program === 'install' ? { followsLinks: true } : {},
    ...program === 'cp' ? { followsLinks: symbolicLinks || (dereference === undefined ? !recursive || hardLinks : dereference !== 'never') } : {},
  };
  if (directories) return { sources: [], targetDirectory: false, noTargetDirectory: noTarget, operands, recursive: false };
  if (target !== undefined) {
    return { sources: operands, destination: target, targetDirectory: true, noTargetDirectory: noTarget, operands, recursive, ...links };
  }
  return {
    sources: operands.slice(0, -1),
    ...operands.length > 0 ? { destination: operands[operands.length - 1] } : {},
    targetDirectory: false,
    noTargetDirectory: noTarget,
    operands,
    recursive,
    ...links,
  };
}

/**
 * What `dd` (GNU coreutils 9) copies and where: the file of its `if=` operand into that of its `of=` (the last of each given, as
 * dd reads them), never into a directory; undefined where it names either not (it then reads its input or writes its output).
 */
export function ddOperands(args: readonly string[]): CopyOperands | undefined {
  const { input: from, output: into } = ddFiles(args);
  return from === undefined || into === undefined ? undefined
    : { sources: [from], destination: into, targetDirectory: false, noTargetDirectory: true, operands: [from, into], recursive: false };
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

/** What an archiver writes: the files and directories it takes (each whole), and the archive it writes them into (`-` its output). */
interface ArchiveOperands {
  /** What it archives, each with what lies under it; relative to `directory` where one is given. */
  readonly sources: string[];
  /** The directory the sources are named from (tar's `-C DIR`, the last before them). */
  readonly directory?: string;
  /** The archive's file; `-` or undefined: its standard output. */
  readonly archive?: string;
}

/** GNU tar 1.34's short options that take a value (the next word in an old-style group or a dash group, or glued). */
const TAR_VALUED = 'bCfFgHIKLNTVX';

/**
 * What `tar` creates an archive of (GNU tar 1.34: `-c`, `--create`, or a first word of old-style letters holding `c`), given the
 * words after it, `-C DIR` applying to the names after it; undefined where it creates none (`-x`, `-t`).
 */
export function tarCreates(args: readonly string[]): ArchiveOperands | undefined {
  let create = false;
  let archive: string | undefined;
  let directory: string | undefined;
  const sources: string[] = [];
  let sourceDirectory: string | undefined;
  const letters = (group: string, k: number, glued: boolean): number => {
    for (let i = 0; i < group.length; i++) {
      const c = group[i];
      if (c === 'c') create = true;
      if (!TAR_VALUED.includes(c)) continue;
      const value = glued && i + 1 < group.length ? group.slice(i + 1) : args[++k];
      if (c === 'f') archive = value;
      if (c === 'C') directory = value;
      if (glued) break;
    }
    return k;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (k === 0 && !a.startsWith('-')) {
      // (old style: `tar czf out.tgz dir`, each valued letter taking the next word in order)
      k = letters(a, k, false);
    } else if (a.startsWith('--')) {
      const [name, value] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), undefined];
      if (name === 'create') {create = true;} else if (/^(file|directory|files-from|exclude-from|listed-incremental|use-compress-program|to-command|info-script|new-volume-script|volno-file|newer|after-date|label|tape-length|blocking-factor|format|owner|group|mode|mtime|transform|xform|exclude)$/.test(name)) {
        const v = value ?? args[++k];
        if (name === 'file') archive = v;
        if (name === 'directory') directory = v;
      }
    } else if (a.startsWith('-') && a !== '-') {
      k = letters(a.slice(1), k, true);
    } else {
      if (sources.length === 0) sourceDirectory = directory;
      sources.push(a);
    }
  }
  if (!create) return undefined;
  return { sources, ...sourceDirectory === undefined ? {} : { directory: sourceDirectory }, ...archive === undefined ? {} : { archive } };
}

/**
 * What `zip` (Info-ZIP 3.0) archives, given the words after it: its first operand is the archive (`-` its output), the others what
 * it takes; a directory's files only with `-r` (`-R`, `--recurse-paths`), else its entry alone (`recursive`).
 */
export function zipCreates(args: readonly string[]): (ArchiveOperands & { readonly recursive: boolean }) | undefined {
  const operands: string[] = [];
  let recursive = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('--')) {
      if (a === '--recurse-paths' || a === '--recurse-patterns') recursive = true;
      if (/^--(temp-path|suffixes|from-date|before-date|password|output-file|unicode|compression-method)$/.test(a)) k++;
    } else if (a.startsWith('-') && a !== '-') {
      if (/[rR]/.test(a)) recursive = true;
      // (a valued option alone: -b PATH, -n SUFFIXES, -t DATE, -tt DATE, -P PASSWORD, -O FILE, -Z METHOD)
      if (/^-(b|n|t|tt|P|O|Z)$/.test(a)) k++;
    } else {
      operands.push(a);
    }
  }
  if (operands.length === 0) return undefined;
  return { archive: operands[0], sources: operands.slice(1), recursive };
}

/**
 * The archive `cpio -o` (`--create`) writes (GNU cpio 2.13: its output, or `-F`/`-O FILE`, `--file=FILE`), or the directory `cpio -p`
 * (`--pass-through`) copies into; both take the names of their input. Undefined for another mode (`-i`).
 */
export function cpioWrites(args: readonly string[]): { readonly archive?: string; readonly directory?: string } | undefined {
  let mode: 'o' | 'p' | undefined;
  let archive: string | undefined;
  const operands: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--create') {mode = 'o';} else if (a === '--pass-through') {mode = 'p';} else if (a.startsWith('--file=')) {archive = a.slice(7);} else if (a.startsWith('--')) {continue;} else if (a.startsWith('-') && a !== '-') {
      for (let i = 1; i < a.length; i++) {
        if (a[i] === 'o') mode = 'o';
        if (a[i] === 'p') mode = 'p';
        if ('FOIEHMRCs'.includes(a[i])) {
          const value = i + 1 < a.length ? a.slice(i + 1) : args[++k];
          if (a[i] === 'F' || a[i] === 'O') archive = value;
          break;
        }
      }
    } else {operands.push(a);}
  }
  if (mode === 'o') return archive === undefined ? {} : { archive };
  return mode === 'p' && operands.length > 0 ? { directory: operands[operands.length - 1] } : undefined;
}

/**
 * The command `xargs` (GNU findutils 4.9) runs, past its options as argv.ts' `xargsOptions` reads them, and the string it
 * replaces with each name it reads (`-I R`, `-IR`, `-iR`, `--replace[=R]`, `{}` where none given); undefined where it names none.
 */
export function xargsCommand(args: readonly string[]): { readonly command: string[]; readonly replace?: string } | undefined {
  const { commandIndex, replace } = xargsOptions(args);
  if (commandIndex >= args.length) return undefined;
  return { command: args.slice(commandIndex), ...replace === undefined ? {} : { replace } };
}

/**
 * The start points of `find` (argv.ts' `findArguments`; `.` where none) and the commands its `-exec`, `-execdir`, `-ok` and `-okdir`
 * run, each ended by `;` or `+`, `{}` in them the file found.
 */
export function findCommands(args: readonly string[]): { readonly starts: string[]; readonly commands: string[][] } {
  const { starts, commands } = findArguments(args);
  return { starts: starts.length === 0 ? ['.'] : starts, commands };
}
