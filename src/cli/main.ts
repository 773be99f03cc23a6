/**
 * Command line: `cdk8s-secure-tekton audit [--format text|json] <files or dirs>...`
 *
 * Exit codes: 0 no unrelaxed finding, 1 findings, 2 bad usage or input, and also any
 * unexpected failure (one line on stderr, never a stack trace).
 */
import { audit, AuditFormat } from './audit';

const USAGE = 'usage: cdk8s-secure-tekton audit [--format text|json] <files or dirs>...\n';

let pipeHandled = false;

/** A reader that goes away (`| head`) ends the run quietly instead of an unhandled EPIPE. */
function ignoreClosedPipes(): void {
  if (pipeHandled) return;
  pipeHandled = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.exit(2);
    });
  }
}

function run(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command !== 'audit') {
    process.stderr.write(USAGE);
    return 2;
  }
  let format: AuditFormat = 'text';
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    }
    const value = arg === '--format' ? rest[++i] ?? '' : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
    if (value !== undefined) {
      if (value !== 'text' && value !== 'json') {
        process.stderr.write(`error: unknown format "${value}"\n${USAGE}`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`error: unknown option "${arg}"\n${USAGE}`);
      return 2;
    } else {
      paths.push(arg);
    }
  }
  const result = audit(paths, format);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

/** Runs the command line and returns the exit code. */
export function main(argv: string[]): number {
  ignoreClosedPipes();
  try {
    return run(argv);
  } catch (e) {
    const message = e instanceof RangeError && /call stack/i.test(e.message)
      ? 'the input is nested too deeply'
      : (e instanceof Error ? e.message : String(e)).split('\n')[0];
    process.stderr.write(`error: internal error: ${message}\n`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
