/**
 * The Kubernetes API server's own ValidatingAdmissionPolicy code as a test oracle:
 * builds conformance/cmd/vap-eval (k8s.io/apiserver's admission plugin, CEL
 * environment and cost budgets; see conformance/cmd/vap-eval/README.md) and evaluates policies
 * on admission requests with it.
 *
 * `VapEvaluator` keeps one `vap-eval --serve` process per test file, which compiles
 * each distinct policy once; `evaluateCases` runs a batch synchronously.
 *
 * Without Go, `describeWithVapEval` skips its tests with one notice, except in CI
 * (`CI` set and not "false" or "0"), where a missing Go is a failure.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as path from 'path';
import { buildGoCommand, CONFORMANCE_DIR, describeWithGo, runJsonLines } from './tekton-oracle';

/** Where the binary is built (git-ignored). */
export const VAP_EVAL_BINARY = path.join(CONFORMANCE_DIR, 'bin', 'vap-eval');

/** The first build downloads the modules and compiles k8s.io/apiserver and Tekton: minutes on 2 cores. */
export const VAP_EVAL_BUILD_TIMEOUT_MS = 20 * 60_000;

/** Tekton v1.15's CustomResourceDefinitions (structure-only copies, schemas/README.md), for `VapCase.crds`. */
export const TEKTON_CRDS: readonly string[] = ['300-task', '300-taskrun', '300-pipeline', '300-pipelinerun', '300-stepaction']
  .map((name) => path.join(CONFORMANCE_DIR, '..', 'schemas', 'tekton', `${name}.json`));

/** The API server's runtime cost limits (k8s.io/apiserver/pkg/apis/cel). */
export const PER_CALL_LIMIT = 1_000_000;
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;

/** One admission request. */
export interface AdmissionRequestInput {
  /** CREATE (default), UPDATE, DELETE, CONNECT. */
  readonly operation?: string;
  readonly object?: any;
  readonly oldObject?: any;
  /** The Namespace object; by default one named as the object's namespace, with its kubernetes.io/metadata.name label. */
  readonly namespace?: any;
  readonly namespaceName?: string;
  readonly userInfo?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  /** Plural resource; by default derived from the kind. */
  readonly resource?: string;
  readonly subResource?: string;
  readonly name?: string;
  readonly dryRun?: boolean;
}

/** One case: policies (with bindings) and the requests to evaluate. */
export interface VapCase {
  /** Kubernetes version to compile every policy for; by default 1.28 for v1beta1, 1.30 for v1. */
  readonly kubernetesVersion?: string;
  readonly policies: any[];
  /** A policy without a binding is bound everywhere with action Deny. */
  readonly bindings?: any[];
  readonly params?: any;
  /**
   * Files of CustomResourceDefinitions (e.g. TEKTON_CRDS): each request's object and oldObject of their kinds is
   * decoded first as the API server decodes a request body (unknown fields pruned, nulls of fields that are neither
   * nullable nor defaulted dropped, metadata coerced, defaults applied). Without them, objects reach the policies as given.
   */
  readonly crds?: string[];
  readonly requests: AdmissionRequestInput[];
}

export interface CompileError {
  readonly field: string;
  readonly error: string;
}

export interface PolicyReport {
  readonly name: string;
  readonly apiVersion: string;
  readonly kubernetesVersion: string;
  /** The environment the API server checks new expressions with (one minor version below). */
  readonly compatibilityVersion: string;
  /** What the API server refuses when the policy is created. */
  readonly compileErrors: CompileError[];
  readonly runtimeCompileErrors?: CompileError[];
}

export interface Decision {
  /** Index in spec.validations, -1 for a match condition or configuration error. */
  readonly validation: number;
  readonly message: string;
  readonly reason?: string;
  /** `deny` (false) or `error` (not evaluated, refused under failurePolicy Fail). */
  readonly evaluation: 'deny' | 'error';
}

export interface CostReport {
  /** What the request cost of the policy's runtime budget. */
  readonly total: number;
  readonly budget: number;
  readonly matchConditions: number;
  readonly perCallLimit: number;
  /** Each expression's own cost (variables evaluated apart). */
  readonly expressions: Array<{ field: string; cost: number; error?: string }>;
  /** The highest cost of one expression. */
  readonly max: number;
  readonly exceeded?: boolean;
}

export interface PolicyVerdict {
  readonly policy: string;
  readonly binding?: string;
  /** The policy's (and binding's) match rules select the request. */
  readonly matched: boolean;
  readonly matchedResource?: string;
  /** The object was converted to the matched version (matchPolicy Equivalent). */
  readonly converted?: boolean;
  /** The match conditions hold. */
  readonly matchConditions?: boolean;
  readonly allowed: boolean;
  readonly denials: Decision[];
  readonly warnings?: string[];
  readonly audit?: Decision[];
  readonly response?: string;
  readonly cost?: CostReport;
  readonly error?: string;
}

export interface RequestReport {
  readonly index: number;
  readonly operation: string;
  readonly kind: string;
  readonly name: string;
  readonly allowed: boolean;
  /**
   * With `crds`: what the API server refuses the object for before any policy runs (its ObjectMeta, its CRD's
   * OpenAPI schema, embedded metadata, list-type invariants); `verdicts` is then empty.
   */
  readonly invalid?: string[];
  /** One per policy, in the order of the case's policies. */
  readonly verdicts: PolicyVerdict[];
}

export interface CaseResult {
  readonly policies: PolicyReport[];
  readonly requests: RequestReport[];
  readonly error?: string;
}

/** Builds vap-eval (see buildGoCommand); returns the binary's path. */
export function buildVapEval(): string {
  return buildGoCommand('vap-eval', VAP_EVAL_BINARY, 'vap-eval', 'conformance/cmd/vap-eval/README.md', VAP_EVAL_BUILD_TIMEOUT_MS);
}

/** Evaluates cases in one run of vap-eval (synchronous). */
export function evaluateCases(cases: VapCase[], kubernetesVersion?: string): CaseResult[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const args = ['--serve', ...(kubernetesVersion ? ['--kubernetes-version', kubernetesVersion] : [])];
  const results = runJsonLines<CaseResult>(buildVapEval(), args, input, cases.length, { command: 'vap-eval', verb: 'answered', items: 'cases' });
  results.forEach(checkCase);
  return results;
}

function checkCase(r: CaseResult): void {
  if (r.error) throw new Error(`vap-eval could not evaluate the case: ${r.error}`);
}

/** One `vap-eval --serve` process: cases in, results out, in order. */
export class VapEvaluator {
  private child?: ChildProcessWithoutNullStreams;
  private buffer = '';
  private stderr = '';
  private readonly pending: Array<{ resolve: (r: CaseResult) => void; reject: (e: Error) => void }> = [];

  /** Starts the process (builds vap-eval first when needed). */
  public start(): void {
    if (this.child) return;
    const child = spawn(buildVapEval(), ['--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.receive(chunk));
    child.stderr.on('data', (chunk: string) => { this.stderr += chunk; });
    child.on('exit', (code) => this.failAll(new Error(`vap-eval exited (${code}): ${this.stderr}`)));
    child.on('error', (e) => this.failAll(e));
    this.child = child;
  }

  /** Ends the process. */
  public stop(): void {
    const child = this.child;
    this.child = undefined;
    if (child) {
      child.removeAllListeners('exit');
      child.stdin.end();
    }
  }

  /** Evaluates one case. */
  public evaluate(c: VapCase): Promise<CaseResult> {
    this.start();
    return new Promise((resolve, reject) => {
      this.pending.push({
        resolve: (r) => {
          try {
            checkCase(r);
            resolve(r);
          } catch (e) {
            reject(e);
          }
        },
        reject,
      });
      this.child!.stdin.write(JSON.stringify(c) + '\n');
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim() === '') continue;
      const waiting = this.pending.shift();
      if (!waiting) continue;
      try {
        waiting.resolve(JSON.parse(line));
      } catch (e) {
        waiting.reject(e as Error);
      }
    }
  }

  private failAll(e: Error): void {
    this.child = undefined;
    for (const waiting of this.pending.splice(0)) waiting.reject(e);
  }
}

/** `describe` for tests that run vap-eval (see describeWithGo). */
export function describeWithVapEval(name: string, fn: () => void): void {
  describeWithGo(name, fn, {
    what: 'vap-eval',
    inCI: 'Go is not on the PATH: CI evaluates the admission policies with vap-eval (conformance/), install Go 1.26 or newer',
    skipped: 'Go is not on the PATH: the admission policy tests that run the API server\'s CEL (conformance/cmd/vap-eval) are skipped. '
        + 'Install Go 1.26 or newer to run them.',
    build: buildVapEval,
    buildTimeoutMs: VAP_EVAL_BUILD_TIMEOUT_MS,
  });
}
