/**
 * Environment variables that programs run as code, or read as options, configuration or code
 * paths (ARGUMENT_INJECTION, and the admission policies that check the same): a caller's value
 * in one of them runs the caller's code.
 */
import { own } from './own';

/** What runs the value of an environment variable as code (or loads code or configuration it names), by name. */
export const EXECUTING_ENV: Readonly<Record<string, string>> = {
  ...Object.fromEntries(['GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_PROXY_COMMAND', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_ASKPASS']
    .map((n) => [n, 'git runs as a command'])),
  ...Object.fromEntries(['GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_DIR', 'GIT_TEMPLATE_DIR', 'GIT_EXEC_PATH']
    .map((n) => [n, 'git reads configuration, hooks or programs from (core.sshCommand, aliases and hooks run commands)'])),
  ...Object.fromEntries(['HOME', 'XDG_CONFIG_HOME'].map((n) => [n, 'tools read their configuration from (git aliases, ~/.npmrc, ~/.ssh/config run commands)'])),
  PATH: 'the shell looks programs up in',
  SSH_ASKPASS: 'ssh runs as a program',
  ...Object.fromEntries(['PAGER', 'MANPAGER', 'EDITOR', 'VISUAL', 'BROWSER'].map((n) => [n, 'tools such as git run as a command'])),
  ...Object.fromEntries(['SHELLOPTS', 'BASHOPTS'].map((n) => [n, 'bash turns on the options of at start (noexec runs nothing, so a check passes without checking)'])),
  ...Object.fromEntries(['LESSOPEN', 'LESSCLOSE'].map((n) => [n, 'less runs as a command'])),
  PS4: 'bash expands as code under `set -x` (a command substitution in it runs)',
  BASH_ENV: 'bash sources as a script (the file it names) before a non-interactive script',
  RSYNC_RSH: 'rsync runs as its remote shell',
  TAR_OPTIONS: 'tar reads as options (--checkpoint-action=exec runs a command)',
  NODE_OPTIONS: 'node reads as options (--require and --import run code)',
  PERL5OPT: 'perl reads as options (-M loads a module)',
  RUBYOPT: 'ruby reads as options (-r loads a library)',
  PYTHONWARNINGS: 'python reads as warning filters (a category names a module it imports)',
  GOFLAGS: 'go reads as flags (-toolexec runs a program)',
  MAKEFLAGS: 'make reads as options and variable assignments (SHELL, and commands it runs)',
  GNUMAKEFLAGS: 'make reads as options and variable assignments (SHELL, and commands it runs)',
  ZIPOPT: 'zip reads as options (-TT runs a command)',
  TF_CLI_ARGS: 'terraform reads as arguments',
  ...Object.fromEntries(['CC', 'CXX', 'RUSTC_WRAPPER', 'RUSTC', 'CARGO_BUILD_RUSTC_WRAPPER', 'CARGO_BUILD_RUSTC'].map((n) => [n, 'builds run as the compiler'])),
  CARGO_HOME: 'cargo reads its configuration from (a build.rustc-wrapper or a target runner runs)',
  GRADLE_USER_HOME: 'gradle runs the init scripts of (init.d)',
  PIP_CONFIG_FILE: 'pip reads as its configuration (an index-url installs packages, whose build code runs, from anywhere)',
  ...Object.fromEntries(['CURL_HOME', 'WGETRC'].map((n) => [n, 'curl or wget reads options from (where files are written, which hosts are trusted, programs wget runs)'])),
  PHPRC: 'php reads php.ini from (auto_prepend_file runs code)',
  ...Object.fromEntries(['GIT_SSL_NO_VERIFY', 'NODE_TLS_REJECT_UNAUTHORIZED', 'GOINSECURE', 'GONOSUMDB', 'GONOSUMCHECK', 'GOSUMDB', 'GOPROXY', 'GOPRIVATE',
    'PIP_TRUSTED_HOST', 'HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'https_proxy', 'http_proxy', 'all_proxy', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS']
    .map((n) => [n, 'tools read to decide how they verify what they fetch (a caller\'s value lets them fetch, and build or run, code from anywhere)'])),
  ...Object.fromEntries(['DOCKER_HOST', 'DOCKER_CONTEXT', 'CONTAINER_HOST', 'CONTAINER_CONNECTION', 'BUILDKIT_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY']
    .map((n) => [n, 'the container CLIs (docker, podman, buildctl) read to choose and verify the daemon or build service they send registry credentials to, '
      + 'which builds and runs what they ask'])),
  DOCKER_CONFIG: 'the docker CLI reads config.json from (the registry credentials it sends, a credential helper it runs, the context that names its daemon)',
  REGISTRY_AUTH_FILE: 'podman, buildah and skopeo read registry credentials from, and where their login writes them',
  CONTAINERS_REGISTRIES_CONF: 'podman, buildah and skopeo read as registries.conf (where a registry\'s images are pushed and pulled, its mirrors, which are reached '
    + 'without TLS verification)',
  CONTAINERS_CONF: 'podman and buildah read as containers.conf (the OCI runtime and helper programs they run, the remote service they use)',
  BUILD_REGISTRY_SOURCES: 'buildah reads as the registries it may use and those it reaches without TLS verification',
  ...Object.fromEntries(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'JAVA_OPTS', 'MAVEN_OPTS', 'GRADLE_OPTS', 'SBT_OPTS']
    .map((n) => [n, 'the JVM reads as options (-javaagent runs code)'])),
  CLASSPATH: 'the JVM loads classes from',
  ...Object.fromEntries(['LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'GCONV_PATH'].map((n) => [n, 'the dynamic loader or libc loads libraries from'])),
  OPENSSL_CONF: 'OpenSSL reads as its configuration (which loads engines and providers)',
  DOTNET_STARTUP_HOOKS: '.NET loads and runs as startup assemblies',
  LUA_INIT: 'lua runs as code',
  ...Object.fromEntries(['PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'NODE_PATH', 'PERL5LIB', 'PERLLIB', 'RUBYLIB']
    .map((n) => [n, 'the interpreter loads modules from'])),
  KUBECONFIG: 'kubectl reads as its configuration (an exec credential plugin runs a command)',
  KUBECTL_EXTERNAL_DIFF: 'kubectl diff runs as a command',
  MAKEFILES: 'make reads as makefiles (whose recipes run)',
  CONFIG_SHELL: 'configure scripts run as their shell',
  GIT_COMMON_DIR: 'git reads configuration and hooks from',
  ...Object.fromEntries(['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL'].map((n) => [n, 'pip installs packages (and runs their build code) from'])),
  RUSTFLAGS: 'rustc reads as flags (-C linker= runs a program)',
  BUNDLE_GEMFILE: 'bundler evaluates as Ruby (the Gemfile it names)',
  ...Object.fromEntries(['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'].map((n) => [n, 'the AWS tools read as configuration (credential_process runs a command)'])),
};

/** What runs the value of an env var as code when the shell is interactive (`sh -i`, `bash -ic`, `#!/bin/sh -i`), by name. */
export const INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  ENV: 'an interactive shell sources as a script (the file it names, after parameter expansion)',
};

/**
 * What runs the value of an env var as code where the step runs an interactive shell that reads its commands with a prompt
 * (`bash -i`, `bash -li` with its input: bash 5.2 eval.c and parse.y), by name; `PROMPT_COMMAND` and `PS0` by bash (or a `sh`
 * that is bash), `PS1` and `PS2` by POSIX shells too (dash 0.5.12 runs a command substitution in them).
 */
export const PROMPT_ENV: Readonly<Record<string, string>> = {
  PROMPT_COMMAND: 'an interactive bash runs as a command before each prompt',
  PS0: 'an interactive bash expands after reading each command (a command substitution in it runs)',
  PS1: 'an interactive shell expands at each prompt (a command substitution in it runs)',
  PS2: 'an interactive shell expands at each continuation prompt (a command substitution in it runs)',
};

/** The names of PROMPT_ENV that bash alone reads (PROMPT_COMMAND_SHELL), the others any shell of PROMPT_SHELL. */
export const BASH_PROMPT_ENV: readonly string[] = ['PROMPT_COMMAND', 'PS0'];

/**
 * What an interactive bash whose posix mode is not seen does with `ENV` (`bash -i`, `#!/bin/bash -i`): bash 5.2 sources it in
 * posix mode (shell.c run_startup_files), which `POSIXLY_CORRECT` (or `POSIX_PEDANTIC`) in its environment turns on, any value;
 * by the container's `envFrom` (`envFrom`: its keys are not seen) or the image's env (never seen).
 */
export function posixBashEnv(envFrom: boolean): string {
  return 'an interactive bash sources as a script (the file it names, after parameter expansion) in posix mode, which POSIXLY_CORRECT '
    + (envFrom ? "from the container's envFrom (whose keys are not seen here) or the image's env" : "in the image's env (not seen here)")
    + ' turns on';
}

/**
 * Where a step runs shells that read env vars as code: interactive (`ENV`), prompting as bash does, or as any shell does (PROMPT_ENV);
 * `posixBash`, what reads `ENV` where the only interactive shell is a bash whose posix mode is not seen (posixBashEnv).
 */
export interface ShellReading {
  readonly interactive?: boolean;
  readonly posixBash?: string;
  readonly bashPrompt?: boolean;
  readonly prompt?: boolean;
}

/**
 * What reads an env var's value as code, or undefined (also `GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>`,
 * `npm_config_*` and `TF_CLI_ARGS_*`). `ENV` counts only where the step runs an interactive shell
 * (`interactive`: POSIX shells source it then); PROMPT_ENV's only where it runs one that reads its commands with a prompt
 * (`bashPrompt` for bash's, `prompt` for any shell's).
 */
export function executingEnv(name: string, interactive = false, shells: ShellReading = {}): string | undefined {
  const prompted = BASH_PROMPT_ENV.includes(name) ? shells.bashPrompt === true : shells.prompt === true;
  return own(EXECUTING_ENV, name) ?? (interactive ? own(INTERACTIVE_ENV, name) : undefined)
    ?? (name === 'ENV' ? shells.posixBash : undefined)
    ?? (prompted ? own(PROMPT_ENV, name) : undefined)
    ?? EXECUTING_ENV_FAMILIES.find(([re]) => re.test(name))?.[1];
}

/** Families of names, each an RE2 pattern (also valid JavaScript) and what reads them. */
const FAMILIES: ReadonlyArray<readonly [string, string]> = [
  ['GIT_CONFIG_(KEY|VALUE)_[0-9]+', 'git reads as configuration (core.sshCommand, core.pager and aliases run commands)'],
  ['[nN][pP][mM]_[cC][oO][nN][fF][iI][gG]_.*', 'npm reads as configuration (script-shell and node-options run code)'],
  ['TF_CLI_ARGS_\\w+', 'terraform reads as arguments'],
  ['CARGO_TARGET_\\w+_(RUNNER|LINKER)', 'cargo runs as a command'],
];
const EXECUTING_ENV_FAMILIES = FAMILIES.map(([source, what]) => [new RegExp(`^(?:${source})$`), what] as const);

/** The names executingEnv reads by pattern, as one RE2 pattern (for the admission policies). */
export const EXECUTING_ENV_PATTERN = `^(${FAMILIES.map(([source]) => source).join('|')})$`;
