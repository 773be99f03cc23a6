/**
 * Options whose value a program runs as a command (or reads as a file of commands): a
 * substitution there is code, however literal the option name before it. Known for the
 * tools CI steps run with fetched or built content (git, tar, rsync, scp, sftp, zip; ssh runs its
 * arguments as a remote command, which SCRIPT_INJECTION judges whole);
 * any other program's options are not known.
 */
import { basename } from './argv';
import { own } from './own';

/** An option that takes its value in the same argument (`--rsh=x`, `-ex`) or the next (`-e x`). */
interface CommandOption {
  /** As written: `--upload-pack`, `-e`. */
  readonly name: string;
  /** What its value is, for messages. */
  readonly runs: string;
}

const GIT: readonly CommandOption[] = [
  { name: '--upload-pack', runs: 'runs on the remote side as a command (over ssh, or locally for a local path)' },
  { name: '-u', runs: 'runs as the upload-pack command' },
  { name: '--receive-pack', runs: 'runs as the receive-pack command' },
  { name: '--exec', runs: 'runs as the upload-pack or receive-pack command' },
  { name: '--config', runs: 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it' },
  { name: '-c', runs: 'sets a git configuration value, and keys such as core.sshCommand, core.fsmonitor or alias.* run it' },
  { name: '--config-env', runs: 'sets a git configuration value from an env var, and keys such as core.sshCommand run it' },
  { name: '--exec-path', runs: 'names the directory git runs its sub-commands from' },
  { name: '--git-dir', runs: 'names the repository whose configuration and hooks git runs' },
  { name: '-C', runs: 'names the directory git runs in, whose repository configuration and hooks it runs' },
];
const TAR: readonly CommandOption[] = [
  { name: '--to-command', runs: 'runs as a command for each file extracted' },
  { name: '--use-compress-program', runs: 'runs as the compressor' },
  { name: '-I', runs: 'runs as the compressor' },
  { name: '--checkpoint-action', runs: 'runs as a command at each checkpoint (exec=)' },
  { name: '--info-script', runs: 'runs as a command at the end of each volume' },
  { name: '--new-volume-script', runs: 'runs as a command at the end of each volume' },
  { name: '-F', runs: 'runs as a command at the end of each volume' },
  { name: '--rsh-command', runs: 'runs as the remote shell' },
  { name: '--rmt-command', runs: 'runs as the remote tape command' },
];
const RSYNC: readonly CommandOption[] = [
  { name: '--rsh', runs: 'runs as the remote shell' },
  { name: '-e', runs: 'runs as the remote shell' },
  { name: '--rsync-path', runs: 'runs on the remote side as a command' },
];
const SSH: readonly CommandOption[] = [
  { name: '-o', runs: 'sets an ssh option, and ProxyCommand, LocalCommand, KnownHostsCommand or Match exec run it' },
  { name: '-F', runs: 'names the ssh configuration file, whose ProxyCommand and LocalCommand run' },
  { name: '-S', runs: 'names the control socket, through which another connection runs the session' },
];
const ZIP: readonly CommandOption[] = [
  { name: '--unzip-command', runs: 'runs as the command that tests the archive' },
  { name: '-TT', runs: 'runs as the command that tests the archive' },
];

const BY_PROGRAM: Readonly<Record<string, readonly CommandOption[]>> = {
  git: GIT, tar: TAR, gtar: TAR, bsdtar: TAR, rsync: RSYNC, scp: SSH, sftp: SSH, zip: ZIP,
};

/**
 * The command-valued option an argument holds a value of, when the substitution at
 * `index` of `argv[i]` is (part of) that value: the option and value in one argument
 * (`--rsh=...`, `-e...`, `-oProxyCommand=...`), or the option in the argument before
 * (`-e ...`, `-o ProxyCommand=...`, `-c core.sshCommand=...`).
 */
export function commandOptionOf(
  program: string | undefined, argv: readonly string[], i: number, index: number,
): (CommandOption & { readonly program: string }) | undefined {
  if (program === undefined) return undefined;
  const name = basename(program);
  const options = own(BY_PROGRAM, name);
  if (options === undefined) return undefined;
  const prefix = argv[i].slice(0, index);
  // getopt_long and git's parse-options take any unambiguous start of a long option (`--upload-pa`)
  const longName = (text: string) => (text.length > 2 && text.startsWith('--') ? text : undefined);
  const abbreviates = (o: CommandOption, given: string | undefined) => given !== undefined && o.name.startsWith('--') && o.name.startsWith(given);
  const eq = prefix.indexOf('=');
  for (const o of options) {
    // in one argument: `--opt=value` (or an abbreviation of it), or a short option glued to its value (`-evalue`, `-oProxyCommand=value`)
    if (o.name.startsWith('--') ? eq > 0 && abbreviates(o, longName(prefix.slice(0, eq))) : prefix.startsWith(o.name) && prefix.length >= o.name.length) {
      return { ...o, program: name };
    }
    // the option (or an abbreviation of it) alone in the argument before
    if (i > 0 && (argv[i - 1] === o.name || abbreviates(o, longName(argv[i - 1])))) return { ...o, program: name };
  }
  return undefined;
}
