/**
 * Programs whose options are known to take a value, read as their flag parser reads them, so that a caller's value in the
 * argument after such an option is that option's value, never an option of its own. git's parse-options reads them as pflag does
 * for what is read here (below); curl's are read as curl reads them (curl-options.ts). spf13/pflag 1.0 (cobra's parser),
 * flag.go `parseArgs`, `parseLongArg`, `parseSingleShortArg`: `--name VALUE` takes the next argument whatever it starts with
 * where the flag has no `NoOptDefVal` (every flag but bools and those given one), `--name=VALUE` its own; `-abc` reads each
 * letter as a shorthand, one that takes a value taking the rest of the group, or, last, the next argument; `--` ends the
 * options; any other argument is an operand (interspersed, unless the command calls `SetInterspersed(false)`: then the first
 * operand ends the options), and an unknown flag is an error (the program runs nothing). kaniko's executor is known by its path as
 * written (its image's documented entrypoint); git and curl by their base name; a cobra program with sub-commands by its base name
 * and the sub-command right after it (cobra 1.x `Find`), whose flag set holds the root's persistent flags too.
 */

import { gitSubcommandIndex } from './configured-code';
import { curlArguments } from './curl-options';

/** The options of a program, as far as known: any other option makes the reading give up. */
export interface PflagProgram {
  /** Long options that take a value (`--dockerfile`). */
  readonly valued: readonly string[];
  /** Long options that take none (bools: `NoOptDefVal` "true"). */
  readonly flags: readonly string[];
  /** Shorthands that take a value. */
  readonly shortValued: string;
  /** Shorthands that take none. */
  readonly shortFlags: string;
  /** The first operand ends the options (`flags.SetInterspersed(false)`). */
  readonly stopsAtOperand?: true;
  /** Long options read past, whose value is never cleared: it may run code (cosign's `--key pkcs11:…?module-path=`). */
  readonly notData?: readonly string[];
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

/** buildah's root persistent flags (containers/buildah cmd/buildah/main.go, v1.44; v1.17's those of them it has, of the same types). */
const BUILDAH_ROOT = {
  valued: ['registries-conf', 'registries-conf-dir', 'short-name-alias-conf', 'root', 'runroot', 'cgroup-manager', 'storage-driver', 'imagestore',
    'storage-opt', 'userns-uid-map', 'userns-gid-map', 'default-mounts-file', 'log-level', 'cpu-profile', 'memory-profile'],
  flags: ['debug', 'transient-store'],
};

/**
 * `buildah build` (`bud`, `build-using-dockerfile`; cmd/buildah/build.go and pkg/cli/common.go `GetBudFlags`, `GetLayerFlags`,
 * `GetFromAndBudFlags`, v1.44, each flag of the same kind in v1.17, v1.23, v1.29 and v1.39 where it has it): `SetInterspersed(false)`.
 * `--pull` takes no next argument (a bool until v1.2x, then a string with `NoOptDefVal`).
 */
const BUILDAH_BUILD: PflagProgram = {
  valued: [...BUILDAH_ROOT.valued, 'add-host', 'annotation', 'arch', 'authfile', 'blob-cache', 'build-arg', 'build-arg-file', 'build-context', 'cache-from',
    'cache-to', 'cache-ttl', 'cap-add', 'cap-drop', 'cdi-config-dir', 'cert-dir', 'cgroup-parent', 'cgroupns', 'compression-format',
    'compression-level', 'cpp-flag', 'cpu-period', 'cpu-profile', 'cpu-quota', 'cpu-shares', 'cpuset-cpus', 'cpuset-mems', 'creds', 'cw',
    'decryption-key', 'device', 'dns', 'dns-option', 'dns-search', 'env', 'file', 'format', 'from', 'group-add', 'hooks-dir', 'ignorefile',
    'iidfile', 'iidfile-raw', 'ipc', 'isolation', 'jobs', 'label', 'layer-label', 'logfile', 'loglevel', 'manifest', 'memory', 'memory-swap',
    'metadata-file', 'mount', 'network', 'os', 'os-feature', 'os-version', 'output', 'pid', 'platform', 'retry', 'retry-delay', 'runtime',
    'runtime-flag', 'rusage-logfile', 'sbom', 'sbom-image-output', 'sbom-image-purl-output', 'sbom-merge-strategy', 'sbom-output',
    'sbom-purl-output', 'sbom-scanner-command', 'sbom-scanner-image', 'secret', 'security-opt', 'shm-size', 'sign-by', 'signature-policy',
    'source-date-epoch', 'source-policy-file', 'ssh', 'tag', 'target', 'timestamp', 'ulimit', 'unsetannotation', 'unsetenv', 'unsetlabel',
    'userns', 'userns-gid-map-group', 'userns-uid-map-user', 'uts', 'variant', 'volume'],
  flags: [...BUILDAH_ROOT.flags, 'all-platforms', 'compat-volumes', 'compress', 'created-annotation', 'disable-compression', 'disable-content-trust',
    'force-compression', 'force-rm', 'http-proxy', 'identity-label', 'inherit-annotations', 'inherit-labels', 'layers', 'log-rusage', 'logsplit',
    'no-cache', 'no-hostname', 'no-hosts', 'omit-history', 'pull', 'pull-always', 'pull-never', 'quiet', 'rewrite-timestamp', 'rm', 'save-stages',
    'skip-unused-stages', 'squash', 'stage-labels', 'stdin', 'tls-verify'],
  shortValued: 'cfmotv',
  shortFlags: 'Dq',
  stopsAtOperand: true,
};

/** `buildah push` (cmd/buildah/push.go, v1.44 and v1.17): `SetInterspersed(false)`. */
const BUILDAH_PUSH: PflagProgram = {
  valued: [...BUILDAH_ROOT.valued, 'authfile', 'blob-cache', 'cert-dir', 'creds', 'digestfile', 'format', 'compression-format', 'compression-level',
    'retry', 'retry-delay', 'sign-by', 'signature-policy', 'encryption-key', 'encrypt-layer'],
  flags: [...BUILDAH_ROOT.flags, 'all', 'disable-compression', 'force-compression', 'quiet', 'rm', 'remove-signatures', 'tls-verify'],
  shortValued: 'f',
  shortFlags: 'Dq',
  stopsAtOperand: true,
};

/**
 * `git clone`, read as git's parse-options reads it (git 2.55 parse-options.c `get_arg`: an option that takes a value takes the next
 * argument whatever it starts with; builtin/clone.c, interspersed; each option of the same kind in git 2.39 and 2.30 where it has it):
 * `--recurse-submodules` (and `--recursive`) takes its value only after `=` (PARSE_OPT_OPTARG); `-u`, `-c`, `--upload-pack`,
 * `--config` and `--template` run their value, as COMMAND_OPTIONS reads them first. An abbreviation or a `--no-` form is not listed.
 */
const GIT_CLONE: PflagProgram = {
  valued: ['jobs', 'template', 'reference', 'reference-if-able', 'origin', 'branch', 'revision', 'upload-pack', 'depth', 'shallow-since', 'shallow-exclude',
    'separate-git-dir', 'ref-format', 'config', 'server-option', 'filter', 'bundle-uri'],
  flags: ['verbose', 'quiet', 'progress', 'reject-shallow', 'no-checkout', 'bare', 'naked', 'mirror', 'local', 'no-hardlinks', 'shared',
    'recurse-submodules', 'recursive', 'dissociate', 'single-branch', 'tags', 'no-tags', 'shallow-submodules', 'ipv4', 'ipv6',
    'also-filter-submodules', 'remote-submodules', 'sparse'],
  shortValued: 'jobuc',
  shortFlags: 'vqnls46',
};

/**
 * `skopeo copy` (containers/skopeo cmd/skopeo/copy.go, utils.go and main.go's persistent flags, v1.20, each flag of the same kind
 * in v1.9): the `src-` and `dest-` image flags, the `OptionalBoolFlag`s (`--tls-verify`, `--dest-tls-verify`: `NoOptDefVal` "true")
 * taking no next argument; the `NewOptionalStringValue` ones (`--dest-creds`, `--format`, `--multi-arch`) take one. The root's
 * `TraverseChildren` parses no flag of the root where the sub-command comes right after the program.
 */
const SKOPEO_COPY: PflagProgram = {
  valued: ['tls-details', 'policy', 'registries.d', 'override-arch', 'override-os', 'override-variant', 'command-timeout', 'registries-conf', 'tmpdir',
    'user-agent-prefix', 'authfile', 'screds', 'dcreds', ...['src-', 'dest-'].flatMap((p) => ['authfile', 'creds', 'username', 'password', 'registry-token',
      'cert-dir', 'shared-blob-dir', 'daemon-host'].map((n) => p + n)), 'dest-compress-format', 'dest-compress-level', 'retry-times', 'retry-delay',
    'sign-by', 'sign-by-sq-fingerprint', 'sign-by-sigstore', 'sign-by-sigstore-private-key', 'sign-passphrase-file', 'format', 'additional-tag',
    'multi-arch', 'sign-identity', 'digestfile', 'encryption-key', 'encrypt-layer', 'decryption-key', 'image-parallel-copies'],
  flags: ['debug', 'insecure-policy', 'require-signed', 'tls-verify', 'src-tls-verify', 'dest-tls-verify', 'src-no-creds', 'dest-no-creds', 'dest-compress',
    'dest-decompress', 'dest-oci-accept-uncompressed-layers', 'dest-precompute-digests', 'dest-force-compress-format', 'remove-signatures',
    'preserve-digests', 'quiet', 'all'],
  shortValued: 'f',
  shortFlags: 'qa',
};

/**
 * `cosign sign` (sigstore/cosign cmd/cosign/cli/options sign.go, rekor.go, fulcio.go, oidc.go, security_key.go, annotations.go,
 * registry.go, experimental.go and root.go's persistent flags, v3.1, each of the same kind in v2.2 and v2.4; no `NoOptDefVal`).
 * `--key` is read past but its value is not data: a `pkcs11:` URI's `module-path` names a library the pkcs11key builds load.
 */
const COSIGN_SIGN: PflagProgram = {
  valued: ['annotations', 'attachment', 'bundle', 'certificate', 'certificate-chain', 'fulcio-auth-flow', 'fulcio-url', 'identity-token', 'key',
    'oidc-client-id', 'oidc-client-secret-file', 'oidc-issuer', 'oidc-provider', 'oidc-redirect-url', 'output-certificate', 'output-file',
    'output-payload', 'output-signature', 'payload', 'registry-cacert', 'registry-client-cert', 'registry-client-key', 'registry-password',
    'registry-referrers-mode', 'registry-server-name', 'registry-token', 'registry-username', 'rekor-url', 'sign-container-identity',
    'signing-config', 'slot', 'timeout', 'timestamp-client-cacert', 'timestamp-client-cert', 'timestamp-client-key', 'timestamp-server-name',
    'timestamp-server-url', 'trusted-root'],
  flags: ['allow-http-registry', 'allow-insecure-registry', 'insecure-skip-verify', 'issue-certificate', 'k8s-keychain', 'new-bundle-format',
    'oidc-disable-ambient-providers', 'record-creation-timestamp', 'recursive', 'sk', 'tlog-upload', 'upload', 'use-signing-config', 'verbose', 'yes'],
  shortValued: 'at',
  shortFlags: 'rdy',
  notData: ['key'],
};

/** cobra programs with sub-commands, by base name: each sub-command's flag set (its own and the root's persistent flags). */
const COBRA_PROGRAMS: Readonly<Record<string, Readonly<Record<string, PflagProgram>>>> = {
  buildah: { 'build': BUILDAH_BUILD, 'bud': BUILDAH_BUILD, 'build-using-dockerfile': BUILDAH_BUILD, 'push': BUILDAH_PUSH },
  skopeo: { copy: SKOPEO_COPY },
  cosign: { sign: COSIGN_SIGN },
};

/** The flag set that reads the arguments from `start` on, of the program at `programIndex`: a known program, or a known sub-command right after one. */
function knownFlagSet(argv: readonly string[], programIndex: number): { readonly program: PflagProgram; readonly start: number } | undefined {
  const path = argv[programIndex] ?? '';
  const byPath = PFLAG_PROGRAMS.get(path);
  if (byPath !== undefined) return { program: byPath, start: programIndex + 1 };
  if (basenameOf(path) === 'git') {
    // git's own options before the sub-command, none of them from a substitution (git.c handle_options)
    const subAt = programIndex + 1 + gitSubcommandIndex(argv.slice(programIndex + 1));
    if (argv[subAt] !== 'clone' || argv.slice(programIndex + 1, subAt).some((a) => a.includes('$('))) return undefined;
    return { program: GIT_CLONE, start: subAt + 1 };
  }
  const subs = Object.prototype.hasOwnProperty.call(COBRA_PROGRAMS, basenameOf(path)) ? COBRA_PROGRAMS[basenameOf(path)] : undefined;
  const sub = argv[programIndex + 1];
  if (subs === undefined || sub === undefined || !Object.prototype.hasOwnProperty.call(subs, sub)) return undefined;
  return { program: subs[sub], start: programIndex + 2 };
}

const basenameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * The option (`--dockerfile`, `-f`) whose value `argv[i]` is, where the program at `programIndex` is a known one (PFLAG_PROGRAMS,
 * or a sub-command of one of COBRA_PROGRAMS) and every argument between them is read as its parser reads it: undefined where the
 * program is not known, an option before it is not (or a shorthand group holds a letter not known), a `--` comes first, an operand
 * came first where the command stops at one, or an argument read before it may be an option or several arguments: one that
 * starts with a substitution (`$(…)`) outside an option's value, one that holds a substitution in an option's name or before a
 * shorthand group's value, or an option's value that may expand to several (`[*]`). A substitution in an option's value in the same
 * argument (`--tls-verify=$(params.x)`, `-t$(params.x)`) stays in that argument, and so does one in an operand behind a literal
 * first character that is no `-` (`docker://$(params.image)`). curl's arguments are read by `curlArguments`, as curl reads them.
 */
export function optionValueOf(argv: readonly string[], programIndex: number, i: number): string | undefined {
  if (basenameOf(argv[programIndex] ?? '') === 'curl' && i > programIndex) return curlOptionValueOf(argv.slice(programIndex + 1, i + 1));
  const known = knownFlagSet(argv, programIndex);
  if (known === undefined || i < known.start) return undefined;
  const { program } = known;
  for (let k = known.start; k < i; k++) {
    const a = argv[k];
    if (a === '--' || a.includes('[*]')) return undefined;
    // where a substitution starts (the rest of the argument may be anything)
    const sub = a.indexOf('$(');
    const literal = sub < 0 ? a : a.slice(0, sub);
    // an operand (`-` alone too): pflag reads on past it, unless the command stops at it
    if (!a.startsWith('-') || a === '-') {
      if (literal === '' || program.stopsAtOperand) return undefined;
      continue;
    }
    if (literal === '-' || literal === '--') return undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      // the name, all literal
      if (sub >= 0 && (eq < 0 || eq > sub)) return undefined;
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (program.flags.includes(name)) continue;
      if (!program.valued.includes(name)) return undefined;
      if (eq >= 0) continue;
      if (k + 1 === i) return program.notData?.includes(name) ? undefined : a;
      // (the value, whatever it holds, unless it may expand to several)
      if (argv[k + 1].includes('[*]')) return undefined;
      k++;
      continue;
    }
    const letters = a.slice(1);
    for (let j = 0; j < letters.length; j++) {
      // a substitution before a shorthand that takes the rest as its value
      if (sub >= 0 && j + 1 >= sub) return undefined;
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

/**
 * The option (`--data`, `-o`) whose value the last of curl's arguments `args` is, read as `optionValueOf` reads a pflag program's:
 * undefined where an argument before it may be an option or several arguments, a `--` comes first, or an option before it is not
 * known (its `--no-` and `--expand-` forms too).
 */
function curlOptionValueOf(args: readonly string[]): string | undefined {
  const i = args.length - 1;
  if (args.slice(0, i).some((a) => a.includes('[*]'))) return undefined;
  for (const o of curlArguments(args)) {
    if (o.at >= i || o.kind === 'end') return undefined;
    // where a substitution starts (the rest of the argument may be anything)
    const sub = args[o.at].indexOf('$(');
    if (o.kind === 'url') {
      if (sub === 0) return undefined;
      continue;
    }
    // the option as written (a long one's name, the letters of a group up to this one's), all literal
    if (sub >= 0 && (o.offset > 0 ? o.offset >= sub : sub < o.written.length)) return undefined;
    if (o.name === undefined || (o.offset === 0 && (o.negated || o.expand))) return undefined;
    if (o.valueAt === i) return o.written;
  }
  return undefined;
}
