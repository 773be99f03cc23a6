/**
 * How Tekton Chains v0.29 signs images and attestations and where it finds registry credentials,
 * read from `chains-config` data, and what a `cosign verify` step accepts.
 */
import { argumentsOf, basename, Invocation } from './argv';
import { dataKey, parsesTrue, storageEntries } from './chains-keys';
import { envEntry } from './containers';
import { repositoryOf } from './image-references';
import { isKmsUri } from './kms';
import { ownKey } from './own';
import { interpreterOf, readsAsShell } from './repo-code';
import { commandRuns, runCommands, shellCommandString, SimpleCommand, splitAssignments, substitutedCommands } from './shell';
import { jsString } from './text';

/** How a keyless verification that trusts only the public-good Fulcio's root begins its problem (ImageVerify restates it). */
export const PUBLIC_FULCIO_ROOT = "checks the certificate against the public-good Fulcio's root (no SIGSTORE_ROOT_FILE)";
/** How a verification task's CHAINS_SIGNER_VERIFIED fix ends: the relaxation in its props, for the whole task (every look). */
export const RELAX_SIGNER_VERIFIED = ' Or, for images Chains does not sign, relax CHAINS_SIGNER_VERIFIED in its props: '
  + "relaxations: [{ rule: RuleId.CHAINS_SIGNER_VERIFIED, reason: '<why>' }].";

/** The Secret the x509 signer reads its key from (`x509.pem` or `cosign.key`). */
export const CHAINS_SIGNING_SECRET = 'tekton-chains/signing-secrets';

/**
 * The SPIFFE ID path SPIRE gives the Chains controller with the registration template
 * of SPIRE's Kubernetes integrations (`/ns/<namespace>/sa/<service account>`).
 */
export const CHAINS_SPIFFE_PATH = '/ns/tekton-chains/sa/tekton-chains-controller';

/** The signing-secrets Secret and the controller's SPIFFE ID path of Chains installed in `namespace`. */
function installedIn(namespace: string | undefined): { readonly secret: string; readonly spiffePath: string } {
  return namespace === undefined || namespace === 'tekton-chains'
    ? { secret: CHAINS_SIGNING_SECRET, spiffePath: CHAINS_SPIFFE_PATH }
    : { secret: `${namespace}/signing-secrets`, spiffePath: `/ns/${namespace}/sa/tekton-chains-controller` };
}

/** The OIDC issuers of the Fulcio providers whose identity Chains can be told to use. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** The public-good Fulcio, Chains' default `signers.x509.fulcio.address`. */
const PUBLIC_GOOD_FULCIO = 'https://fulcio.sigstore.dev';

/** Whether a Fulcio address is the public-good instance's (scheme and host in any case, a trailing slash, the default port). */
function isPublicGoodFulcio(address: string): boolean {
  try {
    const url = new URL(address.trim());
    return url.protocol === 'https:' && url.hostname === 'fulcio.sigstore.dev' && url.port === '' && /^\/*$/.test(url.pathname);
  } catch {
    return false;
  }
}

/** Well-known issuers that never issue SPIFFE IDs. */
const NON_SPIFFE_ISSUERS = [GITHUB_ACTIONS_ISSUER, GOOGLE_ISSUER, 'https://oauth2.sigstore.dev/auth'];

/** What Chains signs with for one artifact type, as its configuration says. */
export type ChainsSigner = (
  | { readonly kind: 'unsigned'; readonly key: string; readonly value?: string; readonly defaultValue?: string; readonly why: string }
  | { readonly kind: 'key' }
  | { readonly kind: 'kms'; readonly keyRef?: string }
  | { readonly kind: 'keyless'; readonly provider?: string; readonly fulcioAddress: string }
) & {
  /** What it signs, for messages: `images`, `TaskRun attestations` … */
  readonly signs: string;
  /** The key that chooses the signer, for messages: `artifacts.oci.signer` … */
  readonly signerKey: string;
  /** The namespace Chains runs in, when not tekton-chains (a Tekton operator's `targetNamespace`). */
  readonly namespace?: string;
};

/** The artifact types a cosign subcommand verifies, as `artifacts.<type>.*` name them, with what they sign and their default storage. */
const VERIFIED: Record<'oci' | 'taskrun' | 'pipelinerun', { readonly signs: string; readonly one: string; readonly storage: string }> = {
  oci: { signs: 'images', one: 'image', storage: 'oci' },
  taskrun: { signs: 'TaskRun attestations', one: 'TaskRun attestation', storage: 'tekton' },
  pipelinerun: { signs: 'PipelineRun attestations', one: 'PipelineRun attestation', storage: 'tekton' },
};

/** The signer of one artifact type of a chains-config's data (`artifacts.<type>.*`, `signers.*`), with Chains v0.29 defaults. */
function signerOf(data: Record<string, string>, type: 'oci' | 'taskrun' | 'pipelinerun'): ChainsSigner {
  const { signs, one, storage: defaultStorage } = VERIFIED[type];
  const signerKey = `artifacts.${type}.signer`;
  const storageKey = `artifacts.${type}.storage`;
  const storage = data[storageKey];
  if (!storageEntries(storage ?? defaultStorage).includes('oci')) {
    return {
      kind: 'unsigned',
      signs,
      signerKey,
      key: dataKey(storageKey),
      ...(storage !== undefined ? { value: storage } : { defaultValue: defaultStorage }),
      why: storage === '' ? `Chains signs no ${one}` : `Chains does not write ${signs === 'images' ? 'image signatures' : signs} to the registry, where cosign looks for them`,
    };
  }
  const signer = data[signerKey] ?? 'x509';
  if (signer === 'kms') return { kind: 'kms', keyRef: data['signers.kms.kmsref'], signs, signerKey };
  if (signer !== 'x509') return { kind: 'unsigned', key: dataKey(signerKey), value: signer, why: `Chains signs no ${one}`, signs, signerKey };
  if (!parsesTrue(data['signers.x509.fulcio.enabled'])) return { kind: 'key', signs, signerKey };
  const provider = data['signers.x509.fulcio.provider'];
  // a token file with no provider makes Chains read that file
  return {
    kind: 'keyless',
    provider: provider ?? (data['signers.x509.identity.token.file'] ? 'filesystem' : undefined),
    // Chains v0.29's default signers.x509.fulcio.address
    fulcioAddress: data['signers.x509.fulcio.address'] || PUBLIC_GOOD_FULCIO,
    signs,
    signerKey,
  };
}

/** The image signer of a chains-config's data (`artifacts.oci.*`, `signers.*`), with Chains v0.29 defaults. */
export function imageSigner(data: Record<string, string>, namespace?: string): ChainsSigner {
  return { ...signerOf(data, 'oci'), ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * The signers of the attestations `cosign verify-attestation` finds next to an image: Chains
 * signs and stores a TaskRun's with `artifacts.taskrun.*` and a PipelineRun's with
 * `artifacts.pipelinerun.*` (v0.29 pkg/artifacts/signable.go). Two that sign alike are one.
 */
export function attestationSigners(data: Record<string, string>, namespace?: string): ChainsSigner[] {
  const where = namespace !== undefined ? { namespace } : {};
  const taskrun: ChainsSigner = { ...signerOf(data, 'taskrun'), ...where };
  const pipelinerun: ChainsSigner = { ...signerOf(data, 'pipelinerun'), ...where };
  const same = (a: ChainsSigner, b: ChainsSigner) => a.kind !== 'unsigned' && a.kind === b.kind
    && (a.kind !== 'kms' || a.keyRef === (b as typeof a).keyRef) && (a.kind !== 'keyless' || a.provider === (b as typeof a).provider);
  if (same(taskrun, pipelinerun)) {
    return [{ ...taskrun, signs: 'TaskRun and PipelineRun attestations', signerKey: 'artifacts.taskrun.signer and artifacts.pipelinerun.signer' }];
  }
  return [taskrun, pipelinerun];
}

/** A cosign flag of a verification as written, with the values it may take. */
export interface VerifyFlag {
  /** The argument as written, e.g. `--certificate-identity=$(params.identity)`. */
  readonly written: string;
  /** The values it may take (params resolved); empty when none is known. */
  readonly values: readonly string[];
  /** Where it is set when not in the verification's own field: `env[COSIGN_KEY]` for cosign's environment variable. */
  readonly property?: string;
}

/** What a rule reports about one verification: where, the value, and the problem. */
export interface VerificationMismatch {
  readonly written: string;
  readonly property?: string;
  readonly value?: string;
  readonly problem: string;
}

/** Where a mismatch is: the flag as written (and its field when it is an environment variable), or `verify`. */
function at(flag: VerifyFlag | undefined): Pick<VerificationMismatch, 'written' | 'property'> {
  return flag === undefined ? { written: 'verify' } : { written: flag.written, ...(flag.property !== undefined ? { property: flag.property } : {}) };
}

/** A `cosign verify` (or `verify-attestation`) a container runs, with the flags the rules read. */
export interface CosignVerification {
  /** `command` or `args`: the field that holds the flags. */
  readonly property: string;
  /** `verify` (image signatures) or `verify-attestation` (attestations). */
  readonly subcommand: 'verify' | 'verify-attestation';
  readonly key?: VerifyFlag;
  readonly identity?: VerifyFlag;
  readonly identityRegexp?: VerifyFlag;
  readonly issuer?: VerifyFlag;
  readonly issuerRegexp?: VerifyFlag;
  /** `--insecure-ignore-tlog`, a boolean flag (bare means true). */
  readonly ignoreTlog?: VerifyFlag;
  /** `--private-infrastructure`, a boolean flag that also skips the transparency log. */
  readonly privateInfrastructure?: VerifyFlag;
  /** Whether cosign is given a Fulcio root of its own (`SIGSTORE_ROOT_FILE` in the env or named in the script), instead of the public-good one from its TUF mirror. */
  readonly ownRoot?: boolean;
}

/** cosign flags that take a value, as far as the rules read them. */
const FLAGS: Record<string, keyof Omit<CosignVerification, 'property' | 'subcommand' | 'ignoreTlog' | 'privateInfrastructure'>> = {
  'key': 'key',
  'certificate-identity': 'identity',
  'certificate-identity-regexp': 'identityRegexp',
  'certificate-oidc-issuer': 'issuer',
  'certificate-oidc-issuer-regexp': 'issuerRegexp',
};

/** Whether an image is cosign's (its repository's last path element is `cosign`). */
function isCosignImage(image: unknown): boolean {
  return typeof image === 'string' && basename(repositoryOf(image)) === 'cosign';
}

/** A `COSIGN_<FLAG>` variable of the container's env: its value as written, and the values it may take. */
interface CosignEnv {
  readonly written: string;
  readonly values: readonly string[];
  /** Where it is set when not in the container's env (`script`: an assignment the script makes), for the finding's field. */
  readonly property?: string;
}

/** cosign's boolean flags the rules read. */
const BOOLEAN_FLAGS: Record<string, 'ignoreTlog' | 'privateInfrastructure'> = {
  'insecure-ignore-tlog': 'ignoreTlog',
  'private-infrastructure': 'privateInfrastructure',
};

/** cosign's global flags (its root command's) that take a value, in the next argument when not after `=`. */
const COSIGN_VALUED = new Set(['-t', '--timeout', '--output-file']);
/** cosign's global flags that take none (cobra's bool flags: a value only after `=`). */
const COSIGN_SWITCHES = new Set(['-d', '--verbose', '-h', '--help']);

/**
 * The subcommands cosign may run given its arguments after the program, as cobra finds it: the first argument that is not a
 * flag nor the value of one (`cosign -t 5m verify`, `cosign --output-file out verify`); a flag cosign's root does not know
 * (a newer version's) is read both ways, taking the next argument and not. `manifest verify` and `dockerfile verify` are
 * `verify` (of each image the file names, with verify's flags).
 */
function cosignSubcommands(rest: readonly string[]): string[] {
  const out: string[] = [];
  const read = (i: number, branches: number): void => {
    while (i < rest.length && rest[i].startsWith('-') && rest[i] !== '-') {
      const w = rest[i];
      if (w === '--') { i++; break; }
      // a group of short switches (`-dh`), or ending in -t (`-dt 5m`)
      const group = /^-([dh]*)(t?)$/.exec(w);
      if (w.includes('=') || COSIGN_SWITCHES.has(w) || (group !== null && group[2] === '')) { i++; continue; }
      if (COSIGN_VALUED.has(w) || group !== null) { i += 2; continue; }
      // not known: it may take the next argument or not
      if (branches < 4) read(i + 2, branches + 1);
      i++;
    }
    // `cosign manifest verify`, `cosign dockerfile verify`: verify each image a manifest or a Dockerfile names, as verify does
    if (i < rest.length) out.push((rest[i] === 'manifest' || rest[i] === 'dockerfile') && rest[i + 1] === 'verify' ? 'verify' : rest[i]);
  };
  read(0, 0);
  return out;
}

/**
 * The flags of a `cosign verify` given its arguments after the program; undefined for another
 * subcommand. A flag not given takes the value of its environment variable `COSIGN_<FLAG>`
 * (`-` as `_`), as cosign's `BindViper` sets it, when the container's env sets one that is not empty.
 */
function verifyFlags(
  property: string, rest: readonly string[], values: (word: string) => string[], env: (name: string) => CosignEnv | undefined,
): CosignVerification | undefined {
  const subcommand = cosignSubcommands(rest).find((sub) => sub === 'verify' || sub === 'verify-attestation');
  if (subcommand !== 'verify' && subcommand !== 'verify-attestation') return undefined;
  const out: Record<string, VerifyFlag> = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--?([a-z-]+)(?:=(.*))?$/s.exec(rest[i]);
    const bool = m && ownKey(BOOLEAN_FLAGS, m[1]) ? BOOLEAN_FLAGS[m[1]] : undefined;
    if (m && bool) {
      // a boolean flag never takes the next argument
      out[bool] = { written: rest[i], values: m[2] === undefined ? ['true'] : values(m[2]) };
      continue;
    }
    const field = m && ownKey(FLAGS, m[1]) ? FLAGS[m[1]] : undefined;
    if (!m || !field) continue;
    let value = m[2];
    let written = rest[i];
    if (value === undefined && i + 1 < rest.length) {
      value = rest[++i];
      written = `${written} ${value}`;
    }
    if (value === undefined) continue;
    out[field] = { written, values: values(value) };
  }
  for (const [flag, field] of [...Object.entries(FLAGS), ...Object.entries(BOOLEAN_FLAGS)]) {
    if (out[field] !== undefined) continue;
    const name = `COSIGN_${flag.toUpperCase().replace(/-/g, '_')}`;
    const set = env(name);
    if (set !== undefined) out[field] = { written: set.written, values: set.values, property: set.property ?? `env[${name}]` };
  }
  return { property, subcommand, ...out };
}

/**
 * The cosign verifications a container runs: through `command` and `args` (or the args
 * of an image named `cosign`), and the simple commands of a shell `script` (or of
 * `sh -c`), whose words `"$NAME"` are read from the container's `env`. `resolve` gives
 * the values a `$(params.x)` may take.
 */
export function cosignVerifications(container: any, resolve: (param: string) => string[]): CosignVerification[] {
  const command: string[] = Array.isArray(container?.command) ? container.command.map(jsString) : [];
  const args: string[] = Array.isArray(container?.args) ? container.args.map(jsString) : [];
  const argv = [...command, ...args];
  const env = (name: string): string[] => {
    const entry = envEntry(container, name);
    return typeof entry?.value === 'string' ? substitute(entry.value, resolve) : [];
  };
  // cosign's own variables: set when the env has the name with a value that is not empty (viper reads
  // an empty one as unset), or one Tekton or the kubelet fills in (valueFrom, a substitution: values unknown)
  const cosignEnv = (name: string): CosignEnv | undefined => {
    const entry = envEntry(container, name);
    if (entry === undefined || entry === null) return undefined;
    if (typeof entry.value === 'string') return entry.value === '' ? undefined : { written: entry.value, values: substitute(entry.value, resolve) };
    return entry.valueFrom !== undefined && entry.valueFrom !== null ? { written: 'valueFrom', values: [] } : undefined;
  };
  const out: CosignVerification[] = [];
  const property = command.length > 0 && args.length === 0 ? 'command' : 'args';
  const literal = (word: string) => substitute(word, resolve);
  // each program the argv may run (a wrapper's option not known read every way): the verifications of any of them
  // and each command a runner of it runs (`flock L cosign verify …`, `watch -x cosign verify …`)
  for (const { argv: ran, runs } of command.length > 0 ? commandRuns(argv) : []) {
    for (const run of distinctRuns(runs)) {
      if (run.program !== undefined && basename(run.program) === 'cosign') {
        // its arguments (the words of env -S's string after it too)
        const v = verifyFlags(property, argumentsOf(ran, run), literal, cosignEnv);
        if (v) out.push(v);
      } else {
        // `sh -c CODE`, `bash -e -c CODE`, `bash -o pipefail -c CODE`
        const code = shellCommandString(ran, run);
        if (code !== undefined) out.push(...scriptVerifications(code, property, env, cosignEnv, resolve));
      }
    }
  }
  if (command.length === 0 && isCosignImage(container?.image) && typeof container?.script !== 'string') {
    const v = verifyFlags('args', args, literal, cosignEnv);
    if (v) out.push(v);
  }
  // cosign reads SIGSTORE_ROOT_FILE from its environment: the container's env, or a script that exports it
  const ownRoot = cosignEnv('SIGSTORE_ROOT_FILE') !== undefined
    || [container?.script, ...argv].some((t) => typeof t === 'string' && t.includes('SIGSTORE_ROOT_FILE=')
      && /(^|[\s;&|(])(export\s+)?SIGSTORE_ROOT_FILE=[^\s;&|]/m.test(t));
  // (a script that runs no cosign gives no verification, whatever reads it: its `#!` line not read)
  if (typeof container?.script === 'string' && mayVerify(container.script)) {
    // the interpreter its `#!` line names, past env's options and assignments (`#!/usr/bin/env -S bash -e`) and busybox; sh without one
    const interpreter = interpreterOf(container.script);
    if (interpreter === undefined || readsAsShell(interpreter.words)) out.push(...scriptVerifications(container.script, 'script', env, cosignEnv, resolve));
  }
  return ownRoot ? out.map((v) => ({ ...v, ownRoot })) : out;
}

/** The `cosign verify` commands of a shell text. */
function scriptVerifications(
  text: string, property: string, env: (name: string) => string[],
  cosignEnv: (name: string) => CosignEnv | undefined, resolve: (param: string) => string[],
): CosignVerification[] {
  const out: CosignVerification[] = [];
  const { exported, commands } = cosignCommandsOf(text);
  for (const { words, assignments, runs } of commands) {
    const byText = new Map(words.map((w) => [w.text, w]));
    const values = (value: string): string[] => {
      const w = byText.get(value);
      if (w?.variable !== undefined) return env(w.variable);
      // Tekton replaces a `$(params.x)` in the script before the shell reads it
      if (w && !w.literal && !PARAM_WORD.test(w.text)) return [];
      return substitute(value, resolve);
    };
    // a flag written `--key=$KEY`: its value is the part after `=`
    const flagValues = (value: string): string[] => {
      const v = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(value);
      return v ? env(v[1]) : values(value);
    };
    // the assignments before its program are its environment (`COSIGN_KEY=… cosign verify …`), over what the script exports
    const commandEnv = (name: string): CosignEnv | undefined => {
      const value = assignments.find((a) => a.name === name)?.value ?? exported.get(name);
      if (value === undefined) return cosignEnv(name);
      // viper reads an empty one as unset
      return value === '' ? undefined : { written: `${name}=${value}`, values: substitute(value, resolve), property };
    };
    for (const { argv, run } of runs) {
      const v = verifyFlags(property, argv.slice(run.programIndex + 1), flagValues, commandEnv);
      if (v) out.push(v);
    }
  }
  return out;
}

/** A simple command of a shell text that runs cosign (itself or through a runner): its words, its assignments, each run of cosign. */
interface CosignCommand {
  readonly words: SimpleCommand['words'];
  readonly assignments: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly runs: ReadonlyArray<{ readonly argv: readonly string[]; readonly run: Invocation }>;
}

/**
 * What scriptVerifications reads of a shell text alone, whatever the container's env and params: the variables it exports
 * (`export COSIGN_KEY=…`, `declare -x`: cosign reads them from its environment), and, in order, each simple command (and those its
 * command substitutions run, `out=$(cosign verify …)`) that runs cosign, with the runs of cosign (a runner's too, `flock L cosign
 * verify …`). Read once per text (the same script comes in every object that holds its task); what is kept is frozen (the map of
 * exports is read only here).
 */
function cosignCommandsOf(text: string): { readonly exported: ReadonlyMap<string, string>; readonly commands: readonly CosignCommand[] } {
  const known = COSIGN_COMMANDS.get(text);
  if (known !== undefined) return known;
  // (a text that cannot name cosign read as no command: nothing it exports is asked for)
  const all = mayRunCosign(text) ? runCommands(text).flatMap((c) => [c, ...substitutedCommands(c)]) : [];
  const exported = new Map<string, string>();
  for (const { words } of all) {
    const argv = words.map((w) => w.text);
    if (argv[0] !== 'export' && !(argv[0] === 'declare' && argv.slice(1).some((w) => /^-[a-zA-Z]*x/.test(w)))) continue;
    for (const { name, value } of splitAssignments(argv.slice(1).filter((w) => !w.startsWith('-'))).assignments) exported.set(name, value);
  }
  const commands: CosignCommand[] = [];
  for (const { words } of all) {
    const { assignments, argv: words0 } = splitAssignments(words.map((w) => w.text));
    const runs = commandRuns(words0).flatMap(({ argv, runs: each }) => distinctRuns(each).map((run) => ({ argv, run })))
      .filter(({ run }) => run.program !== undefined && basename(run.program) === 'cosign');
    if (runs.length > 0) {
      const kept = { assignments: Object.freeze(assignments.map((a) => Object.freeze(a))), runs: Object.freeze(runs.map((r) => Object.freeze(r))) };
      commands.push(Object.freeze({ words, ...kept }));
    }
  }
  const read = Object.freeze({ exported, commands: Object.freeze(commands) });
  if (COSIGN_COMMANDS.size >= 2_000) COSIGN_COMMANDS.clear();
  COSIGN_COMMANDS.set(text, read);
  return read;
}

/**
 * Whether a shell text may run a program named cosign, read cheaply: the name written in it once its quotes, dollars, backslashes
 * and blanks are removed (`co'sign'`, `co\<newline>sign`, `co$'s'ign` and `co$"s"ign`, whose `$'…'` and `$"…"` bash reads as
 * quotes), or a text that may make letters otherwise (an escape by number, `$'\143osign'`,
 * `\x63`, `\u0063`, or printf, which joins its arguments, `printf '%ssign' co | sh`). The shell reader expands no variable nor
 * brace of a program's word, so a text that fails both runs no cosign wherever a command of it is read.
 */
function mayRunCosign(text: string): boolean {
  // (a text written `cosign` holds it so stripped too: that found without a copy)
  return text.includes('cosign') || /\\[0-7xuU]/.test(text) || text.includes('printf') || text.replace(/['"$\\\s]/g, '').includes('cosign');
}

/**
 * Whether a script may give a verification: where its reading is kept (cosignCommandsOf), it runs cosign; else it may name cosign
 * (mayRunCosign; one that cannot is kept as read, no command of it read).
 */
function mayVerify(script: string): boolean {
  let known = COSIGN_COMMANDS.get(script);
  if (known === undefined && !mayRunCosign(script)) known = cosignCommandsOf(script);
  return known === undefined || known.commands.length > 0;
}

/** cosignCommandsOf's readings, by text. */
const COSIGN_COMMANDS = new Map<string, { readonly exported: ReadonlyMap<string, string>; readonly commands: readonly CosignCommand[] }>();

/** Of the programs an argv may run (`runsOf`), one for each place in argv. */
function distinctRuns(runs: readonly Invocation[]): Invocation[] {
  return runs.filter((run, k) => runs.findIndex((other) => other.programIndex === run.programIndex) === k);
}

/** A word that is one `$(params.x)`, which Tekton replaces by the param's value. */
const PARAM_WORD = /^\$\(\s*params\.[A-Za-z0-9_.-]+\s*\)$/;

/** The values a text may take with each whole `$(params.x)` replaced (any other substitution: none known). */
function substitute(text: string, resolve: (param: string) => string[]): string[] {
  const whole = /^\$\(\s*params\.([A-Za-z0-9_.-]+)\s*\)$/.exec(text.trim());
  if (whole) return resolve(whole[1]);
  return text.includes('$') || text.includes('`') ? [] : [text];
}

/** Why a verification cannot accept what Chains signs with, for each value that cannot; empty when it can. */
export function signerMismatches(signer: ChainsSigner, v: CosignVerification): VerificationMismatch[] {
  const out: VerificationMismatch[] = [];
  const keyless = v.identity ?? v.identityRegexp ?? v.issuer ?? v.issuerRegexp;
  const { signs, signerKey } = signer;
  const { secret, spiffePath } = installedIn(signer.namespace);
  switch (signer.kind) {
    case 'unsigned':
      out.push({ ...at(v.key ?? keyless), problem: `can never verify ${unsignedWhat(v)}: ${unsignedWhy(signer)}` });
      break;
    case 'key':
      if (!v.key) {
        out.push({ ...at(keyless), problem: `verifies a keyless certificate, but Chains signs ${signs} with the key in the ${secret} Secret (signers.x509.fulcio.enabled is not true): its signatures carry no certificate` });
      }
      for (const value of v.key?.values ?? []) {
        if (isKmsUri(value)) {
          out.push({ ...at(v.key), value, problem: `verifies against a KMS key, but Chains signs ${signs} with the key in the ${secret} Secret (${signerKey} x509, no Fulcio)` });
        }
      }
      break;
    case 'kms':
      if (!v.key) {
        out.push({ ...at(keyless), problem: `verifies a keyless certificate, but Chains signs ${signs} with the KMS key ${signer.keyRef ?? '(signers.kms.kmsref unset)'} (${signerKey} kms): its signatures carry no certificate` });
      }
      for (const value of v.key?.values ?? []) {
        if (isKmsUri(value) && value !== signer.keyRef) {
          out.push({ ...at(v.key), value, problem: `is not the KMS key Chains signs ${signs} with (signers.kms.kmsref ${signer.keyRef ?? 'unset'})` });
        } else if (value === `k8s://${secret}`) {
          // only the x509 signer reads signing-secrets (Chains v0.29 allSigners builds the kms signer from signers.kms.* alone)
          out.push({
            ...at(v.key),
            value,
            problem: `verifies against the key in the ${secret} Secret, but Chains signs ${signs} with the KMS key `
              + `${signer.keyRef ?? '(signers.kms.kmsref unset)'} (${signerKey} kms) and never with that Secret`,
          });
        }
      }
      break;
    case 'keyless':
      if (v.key) {
        out.push({ ...at(v.key), value: v.key.values.join(', ') || undefined, problem: `verifies against a key, but Chains signs ${signs} keyless (signers.x509.fulcio.enabled true) with a short-lived Fulcio certificate whose key nobody keeps` });
      }
      out.push(...identityMismatches(signer.provider, v, spiffePath));
      // without SIGSTORE_ROOT_FILE cosign trusts only the public-good Fulcio's root (from its TUF mirror)
      if (!v.key && !v.ownRoot && !isPublicGoodFulcio(signer.fulcioAddress)) {
        out.push({
          ...at(keyless),
          problem: `${PUBLIC_FULCIO_ROOT}, but Chains signs ${signs} with certificates `
            + `of the Fulcio at ${signer.fulcioAddress} (signers.x509.fulcio.address), which that root does not certify`,
        });
      }
      break;
  }
  return out;
}

/** What a verification looks for, for messages. */
function unsignedWhat(v: CosignVerification): string {
  return v.subcommand === 'verify-attestation' ? 'an attestation Chains makes' : 'an image Chains handles';
}

/** Why Chains signs or stores nothing a verification can find, for messages. */
function unsignedWhy(signer: ChainsSigner & { kind: 'unsigned' }): string {
  const is = signer.value !== undefined ? `is "${signer.value}"` : `is not set (Chains' default "${signer.defaultValue}")`;
  return `${signer.key} ${is}, so ${signer.why}`;
}

/**
 * Why a verification cannot accept what Chains signs with, given every signer whose artifacts
 * it may find (a TaskRun's or a PipelineRun's attestation): none when one of them passes; those
 * of every signer that stores something otherwise; one for all when none stores anything.
 */
export function verificationMismatches(signers: readonly ChainsSigner[], v: CosignVerification): VerificationMismatch[] {
  const stored = signers.filter((s) => s.kind !== 'unsigned');
  if (stored.length === 0) {
    const keyless = v.identity ?? v.identityRegexp ?? v.issuer ?? v.issuerRegexp;
    const why = signers.map((s) => unsignedWhy(s as ChainsSigner & { kind: 'unsigned' })).join('; and ');
    return [{ ...at(v.key ?? keyless), problem: `can never verify ${unsignedWhat(v)}: ${why}` }];
  }
  const each = stored.map((s) => signerMismatches(s, v));
  return each.some((m) => m.length === 0) ? [] : each.flat();
}

/** Identities and issuers that cannot be in the certificate Fulcio gives Chains with this provider. */
function identityMismatches(provider: string | undefined, v: CosignVerification, spiffePath: string): VerificationMismatch[] {
  const out: VerificationMismatch[] = [];
  const each = (flag: VerifyFlag | undefined, bad: (value: string) => string | undefined) => {
    for (const value of flag?.values ?? []) {
      const problem = bad(value);
      if (problem) out.push({ ...at(flag), value, problem });
    }
  };
  if (provider === 'spiffe') {
    const expected = `spiffe://<trust domain>${spiffePath}`;
    each(v.identity, (value) => {
      if (!value.startsWith('spiffe://')) return `cannot match the SPIFFE ID Chains signs with (signers.x509.fulcio.provider spiffe): ${expected}`;
      const path = value.slice('spiffe://'.length).replace(/^[^/]*/, '');
      return path === spiffePath ? undefined : `is not the SPIFFE ID SPIRE gives the Chains controller (${expected}, its namespace and ServiceAccount)`;
    });
    each(v.issuer, (value) => (NON_SPIFFE_ISSUERS.includes(value)
      ? 'is not a SPIRE OIDC issuer: with signers.x509.fulcio.provider spiffe the certificate names the issuer of the SPIRE JWT-SVID (its OIDC discovery URL)' : undefined));
  } else if (provider === 'github-actions') {
    each(v.identity, (value) => (value.startsWith('https://github.com/') ? undefined : 'cannot match the GitHub Actions workflow identity Chains signs with (signers.x509.fulcio.provider github-actions): https://github.com/<owner>/<repo>/<workflow>@<ref>'));
    each(v.issuer, (value) => (value === GITHUB_ACTIONS_ISSUER ? undefined : `is not the issuer of GitHub Actions tokens (${GITHUB_ACTIONS_ISSUER}), which Chains signs with (signers.x509.fulcio.provider github-actions)`));
  } else if (provider === 'google-workload-identity' || provider === 'google-impersonate') {
    each(v.identity, (value) => (/^[^@\s/:]+@[^@\s/:]+$/.test(value) ? undefined : `cannot match the Google service account e-mail Chains signs with (signers.x509.fulcio.provider ${provider})`));
    each(v.issuer, (value) => (value === GOOGLE_ISSUER ? undefined : `is not the issuer of Google service account tokens (${GOOGLE_ISSUER}), which Chains signs with (signers.x509.fulcio.provider ${provider})`));
  }
  return out;
}

/**
 * Whether a verification is judged against keyless signatures: every signer of `signers`
 * that stores what it looks for and that it accepts signs through Fulcio (of those it
 * accepts, when it accepts any).
 */
export function verifiesKeyless(signers: readonly ChainsSigner[], v: CosignVerification): boolean {
  const stored = signers.filter((s) => s.kind !== 'unsigned');
  const accepted = stored.filter((s) => signerMismatches(s, v).length === 0);
  const judged = accepted.length > 0 ? accepted : stored;
  return judged.length > 0 && judged.every((s) => s.kind === 'keyless');
}

/**
 * Where cosign looks for the signatures a container verifies, against where Chains
 * writes them (`storage.oci.repository`, else next to the image; always next to the image
 * with `storage.oci.encoding-format: sigstore-bundle`, whose OCI 1.1 referrers Chains v0.29
 * writes beside their subject and ignores the repository): a problem, or undefined when
 * they can be the same. `COSIGN_REPOSITORY` is read from the container's `env`.
 */
export function signatureRepositoryMismatch(
  data: Record<string, string>, container: any, resolve: (param: string) => string[],
): { property: string; value?: string; problem: string } | undefined {
  const bundle = data['storage.oci.encoding-format'] === 'sigstore-bundle';
  const chains = bundle ? undefined : data['storage.oci.repository'];
  const entry = envEntry(container, 'COSIGN_REPOSITORY');
  const where = chains ? `in ${chains} (storage.oci.repository)`
    : bundle ? 'next to each image, as OCI 1.1 referrers (storage.oci.encoding-format sigstore-bundle, which ignores storage.oci.repository)'
      : 'next to each image (storage.oci.repository is not set)';
  if (entry === undefined) {
    return chains ? { property: 'env', problem: `does not set COSIGN_REPOSITORY, so cosign looks for signatures next to the image, but Chains writes them ${where}` } : undefined;
  }
  if (typeof entry.value !== 'string') return undefined;
  const values = substitute(entry.value, resolve);
  const other = values.find((v) => v !== chains);
  if (other === undefined) return undefined;
  return {
    property: 'env[COSIGN_REPOSITORY]',
    value: entry.value,
    problem: `${other === entry.value ? '' : `gives "${other}", which `}makes cosign look for signatures there, but Chains writes them ${where}`,
  };
}

/**
 * A verification that checks the transparency log (cosign's default) while Chains uploads
 * nothing there: `transparency.enabled` neither `true` nor `manual` (unset is off in
 * Chains v0.29). Undefined when it can pass, or when `manual` leaves it to each run.
 * A keyless signature (`keyless`: the signers the verification is judged against sign
 * through Fulcio) cannot pass at all once its certificate has expired: without a Rekor
 * entry cosign needs a signed timestamp, and Chains v0.29 makes none, so skipping the
 * log does not help.
 */
export function transparencyMismatch(
  data: Record<string, string>, v: CosignVerification, keyless = false,
): VerificationMismatch | undefined {
  const enabled = data['transparency.enabled'];
  if (enabled === 'true' || enabled === 'manual') return undefined;
  const why = enabled === undefined ? 'is not set (off)' : `is "${enabled}"`;
  if (keyless) {
    return {
      ...at(v.ignoreTlog ?? v.privateInfrastructure),
      problem: 'can verify a keyless signature only until its short-lived Fulcio certificate expires (about 10 minutes): Chains uploads no signature '
        + `to the transparency log (${dataKey('transparency.enabled')} ${why}) and makes no signed timestamp, so cosign then has no proof the certificate `
        + 'was valid when it signed and fails ("expected a signed timestamp to verify an expired certificate"), --insecure-ignore-tlog or not: '
        + 'turn transparency on (transparency.enabled "true")',
    };
  }
  // --private-infrastructure sets --insecure-ignore-tlog too (cosign's verify command)
  const on = (flag: VerifyFlag | undefined) => flag !== undefined && flag.values.length > 0 && flag.values.every(parsesTrue);
  if (on(v.ignoreTlog) || on(v.privateInfrastructure)) return undefined;
  return {
    ...at(v.ignoreTlog),
    problem: `checks the transparency log, but Chains uploads no signature to it (${dataKey('transparency.enabled')} ${why}), `
      + 'so no entry is ever found: turn transparency on (the secure choice) or give cosign --insecure-ignore-tlog=true',
  };
}

/**
 * What Tekton Chains reads a TaskRun's or PipelineRun's result of this name as (its type hints, matched as Chains does:
 * pkg/artifacts signable.go and structured.go compare suffixes with `strings.HasSuffix`, `IMAGES` and the `CHAINS-GIT_`
 * names whole, case-sensitively), or undefined for a result Chains does not read.
 */
export function chainsTypeHint(name: string): string | undefined {
  const pair = /^(.*?)(IMAGE_URL|IMAGE_DIGEST)$/.exec(name);
  if (pair !== null) {
    return `part of the image ${pair[1]}IMAGE_URL@${pair[1]}IMAGE_DIGEST, which Chains signs and names as the subject of the provenance`;
  }
  if (name === 'IMAGES') return 'the list of images Chains signs and names as subjects of the provenance';
  if (/(?:ARTIFACT_URI|ARTIFACT_DIGEST|ARTIFACT_OUTPUTS)$/.test(name)) return 'an artifact Chains names as a subject of the provenance';
  if (name.endsWith('ARTIFACT_INPUTS') || name === 'CHAINS-GIT_URL' || name === 'CHAINS-GIT_COMMIT') {
    return 'a source Chains records as a material of the provenance';
  }
  return undefined;
}
