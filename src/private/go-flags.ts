/**
 * Programs whose options are known to take a value, read as their flag parser reads them, so that a caller's value in the
 * argument after such an option is that option's value, never an option of its own. spf13/pflag 1.0 (cobra's parser),
 * flag.go `parseArgs`, `parseLongArg`, `parseSingleShortArg`: `--name VALUE` takes the next argument whatever it starts with
 * where the flag has no `NoOptDefVal` (every flag but bools and those given one), `--name=VALUE` its own; `-abc` reads each
 * letter as a shorthand, one that takes a value taking the rest of the group, or, last, the next argument; `--` ends the
 * options; any other argument is an operand (interspersed), and an unknown flag is an error (the program runs nothing). A program
 * is known by its path as written (an image's documented entrypoint), never by a base name another program may share.
 */

/** The options of a program pflag reads, as far as known: any other option makes the reading give up. */
interface PflagProgram {
  /** Long options that take a value (`--dockerfile`). */
  readonly valued: readonly string[];
  /** Long options that take none (bools: `NoOptDefVal` "true"). */
  readonly flags: readonly string[];
  /** Shorthands that take a value. */
  readonly shortValued: string;
  /** Shorthands that take none. */
  readonly shortFlags: string;
}

/**
 * kaniko's executor (GoogleContainerTools/kaniko cmd/executor/cmd/root.go `addKanikoOptionsFlags`, v1.23): the flags it
 * registers with `StringVarP`, `VarP`, `IntVar`, `DurationVarP`, `Var` (values) and `BoolVarP` (none). Its other flags (logging,
 * `--force`, later versions' and the vendored ones) are not listed, so an argument after one is read as now.
 */
const KANIKO_EXECUTOR: PflagProgram = {
  valued: ['dockerfile', 'context', 'context-sub-path', 'bucket', 'destination', 'snapshot-mode', 'custom-platform', 'build-arg',
    'push-retry', 'image-fs-extract-retry', 'kaniko-dir', 'tar-path', 'target', 'cache-repo', 'cache-dir', 'digest-file',
    'image-name-with-digest-file', 'image-name-tag-with-digest-file', 'oci-layout-path', 'cache-ttl', 'insecure-registry',
    'skip-tls-verify-registry', 'registry-certificate', 'registry-client-cert', 'registry-mirror', 'label', 'git', 'ignore-path',
    'snapshotMode', 'customPlatform', 'tarPath'],
  flags: ['insecure', 'skip-tls-verify', 'insecure-pull', 'skip-tls-verify-pull', 'single-snapshot', 'reproducible', 'no-push',
    'no-push-cache', 'cache', 'compressed-caching', 'cleanup', 'ignore-var-run', 'skip-unused-stages', 'use-new-run',
    'cache-copy-layers', 'cache-run-layers', 'force-build-metadata'],
  shortValued: 'fcbd',
  shortFlags: '',
};

/** The known programs, by their path as written in `command`. */
const PFLAG_PROGRAMS: ReadonlyMap<string, PflagProgram> = new Map([['/kaniko/executor', KANIKO_EXECUTOR]]);

/**
 * The option (`--dockerfile`, `-f`) whose value `argv[i]` is, where the program at `programIndex` is a known one (PFLAG_PROGRAMS)
 * and every argument between them is read as its parser reads it: undefined where the program is not known, an option before
 * it is not (or a shorthand group holds a letter not known), a `--` comes first, or an argument read before it holds a
 * substitution (`$(…)`) outside an option's value (it may be an option, or expand to several arguments), or an option's value
 * that may expand to several (`[*]`).
 */
export function pflagValueOf(argv: readonly string[], programIndex: number, i: number): string | undefined {
  const program = PFLAG_PROGRAMS.get(argv[programIndex] ?? '');
  if (program === undefined || i <= programIndex) return undefined;
  for (let k = programIndex + 1; k < i; k++) {
    const a = argv[k];
    if (a.includes('$(') || a === '--') return undefined;
    // an operand (`-` alone too): pflag reads on past it
    if (!a.startsWith('-') || a === '-') continue;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (program.flags.includes(name)) continue;
      if (!program.valued.includes(name)) return undefined;
      if (eq >= 0) continue;
      if (k + 1 === i) return a;
      // (the value, whatever it holds, unless it may expand to several)
      if (argv[k + 1].includes('[*]')) return undefined;
      k++;
      continue;
    }
    const letters = a.slice(1);
    for (let j = 0; j < letters.length; j++) {
      const c = letters[j];
      if (program.shortFlags.includes(c)) continue;
      if (!program.shortValued.includes(c)) return undefined;
      // the rest of the group is its value, else the next argument
      if (j < letters.length - 1) break;
      if (k + 1 === i) return `-${c}`;
      if (argv[k + 1].includes('[*]')) return undefined;
      k++;
    }
  }
  return undefined;
}
