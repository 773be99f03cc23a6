/**
 * How the JVM's launchers read their arguments, for what they run: `java` (JDK 21 `java --help`), `jshell` and `kotlin`/`kotlinc`.
 */

/** What a JVM launcher runs: files whose code it runs, and the class path its main class (or module) is loaded from. */
export interface JvmRun {
  /** Files it runs: `java -jar x.jar`, `java X.java` (source-file mode), `-javaagent:a.jar`, `jshell x.jsh`, `kotlin x.main.kts`. */
  readonly files: readonly string[];
  /** The class (or module) path entries its main class is loaded from, where it runs one by name (`.` where none is given). */
  readonly classPath: readonly string[];
  /** The files java reads more options from (`java @opts Main`), which may name an agent or a class path. */
  readonly argFiles?: readonly string[];
}

/** java's options whose value is the next argument (JDK 21 `java --help`); a long one may also take it after `=`. */
const JAVA_VALUED = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--upgrade-module-path', '--add-modules',
  '--enable-native-access', '--add-reads', '--add-exports', '--add-opens', '--limit-modules', '--patch-module', '--source']);

/** java's options after which it prints and exits, running no class. */
const JAVA_EXITS = new Set(['-version', '--version', '-help', '--help', '-h', '-?', '-X', '--help-extra', '--list-modules', '-d',
  '--describe-module', '--validate-modules', '-fullversion', '--full-version']);

/** The path of a JVM agent option (`-javaagent:PATH=opts`, `-agentpath:PATH=opts`): a jar or native library the JVM runs first. */
function agentPath(option: string): string | undefined {
  const m = /^-(?:javaagent|agentpath):([^=]*)/.exec(option);
  return m === null || m[1] === '' ? undefined : m[1];
}

/** The entries of a class path value (`a.jar:lib/*`; an empty entry is the working directory). */
const classPathEntries = (value: string): string[] => value.split(':').map((e) => (e === '' ? '.' : e));

/** What `java` given `after` (its words past its name) runs, or undefined where it only prints (`java -version`). */
function javaRun(after: readonly string[]): JvmRun | undefined {
  const files: string[] = [];
  const argFiles: string[] = [];
  let classPath: string[] | undefined;
  let source = false;
  let i = 0;
  for (; i < after.length && /^[-@]/.test(after[i]); i++) {
    const word = after[i];
    if (word.startsWith('@')) {
      argFiles.push(word.slice(1));
      continue;
    }
    if (JAVA_EXITS.has(word)) return undefined;
    if (word === '-jar') return { files: [...files, ...(after[i + 1] === undefined ? [] : [after[i + 1]])], classPath: [], argFiles };
    if (word === '-m' || word === '--module' || /^--module=/.test(word)) return { files, classPath: classPath ?? [], argFiles };
    const agent = agentPath(word);
    if (agent !== undefined) files.push(agent);
    const eq = word.indexOf('=');
    const option = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    if (!JAVA_VALUED.has(option)) continue;
    const value = option === word ? after[++i] ?? '' : word.slice(eq + 1);
    if (['-cp', '-classpath', '--class-path'].includes(option)) classPath = classPathEntries(value);
    if (option === '-p' || option === '--module-path') classPath = [...classPath ?? [], ...classPathEntries(value)];
    if (option === '--source') source = true;
  }
  const first = after[i];
  if (first === undefined) return files.length + argFiles.length > 0 ? { files, classPath: [], argFiles } : undefined;
  // source-file mode: a file ending .java, or any file with --source (JEP 330)
  if (source || first.endsWith('.java')) return { files: [...files, first], classPath: [], argFiles };
  return { files, classPath: classPath ?? ['.'], argFiles };
}

/** jshell's options whose value is the next argument (JDK 21 `jshell --help`). */
const JSHELL_VALUED = new Set(['--class-path', '--module-path', '--add-modules', '--add-exports', '--enable-native-access', '--startup', '--feedback', '--execution']);

/** What `jshell` given `after` runs: its load files and `--startup` files (not its predefined scripts DEFAULT, PRINTING, JAVASE, TOOLING). */
function jshellRun(after: readonly string[]): JvmRun | undefined {
  const files: string[] = [];
  for (let i = 0; i < after.length; i++) {
    const word = after[i];
    if (['--version', '-version', '--help', '-h', '-?', '--help-extra', '-X'].includes(word)) return undefined;
    const eq = word.indexOf('=');
    const option = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    if (JSHELL_VALUED.has(option)) {
      const value = option === word ? after[++i] ?? '' : word.slice(eq + 1);
      if (option === '--startup') files.push(value);
    } else if (!word.startsWith('-') && !['DEFAULT', 'PRINTING', 'JAVASE', 'TOOLING'].includes(word)) {
      files.push(word);
    }
  }
  return { files: files.filter((f) => f !== ''), classPath: [] };
}

/**
 * What `kotlin` given `after` runs (Kotlin 2 `kotlin -help`): the jar or script (`.kts`, `.main.kts`) it is given, else the class
 * it names from its class path; not code given with `-e`/`-expression`. `kotlinc -script FILE` runs the script FILE.
 */
function kotlinRun(name: string, after: readonly string[]): JvmRun | undefined {
  let classPath: string[] | undefined;
  for (let i = 0; i < after.length; i++) {
    const word = after[i];
    if (['-version', '-help', '-h', '--help'].includes(word) && name === 'kotlin') return undefined;
    if (name === 'kotlinc') {
      if (word === '-script') return { files: after.slice(i + 1).filter((w) => !w.startsWith('-')).slice(0, 1), classPath: [] };
      continue;
    }
    if (word === '-e' || word === '-expression') return undefined;
    if (word === '-cp' || word === '-classpath') {
      classPath = classPathEntries(after[++i] ?? '');
    } else if (word === '-howtorun') {
      i++;
    } else if (!word.startsWith('-')) {
      return /\.(?:jar|kts)$/.test(word) ? { files: [word], classPath: [] } : { files: [], classPath: classPath ?? ['.'] };
    }
  }
  return undefined;
}

/** The JVM launchers read here. */
export const JVM_LAUNCHER = /^(?:java|jshell|kotlin|kotlinc)$/;

/** What the JVM launcher `name` (one `JVM_LAUNCHER` matches) given `after` runs, or undefined where it runs nothing. */
export function jvmRun(name: string, after: readonly string[]): JvmRun | undefined {
  if (name === 'java') return javaRun(after);
  if (name === 'jshell') return jshellRun(after);
  return kotlinRun(name, after);
}
