/**
 * Command line: `cdk8s-secure-tekton audit [--format text|json] <files or dirs>...`
 */
import { audit, AuditFormat } from './audit';

const USAGE = 'usage: cdk8s-secure-tekton audit [--format text|json] <files or dirs>...\n';

/** Runs the command line and returns the exit code. */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command !== 'audit') {
    process.stderr.write(USAGE);
    return 2;
  }
  let format: AuditFormat = 'text';
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = arg === '--format' ? rest[++i] : arg.startsWith('--format=') ? arg.slice('--format='.length) : undefined;
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

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
