/**
 * What a workspace holds, which decides which tasks may have it.
 */
export enum TrustDomain {
  /** Source code checked out for the run. Readable by user code. */
  SOURCE = 'source',
  /** Build outputs handed from one task to the next. */
  OUTPUT = 'output',
  /** Caches (dependencies, layers). Treat as attacker-writable. */
  CACHE = 'cache',
  /** Secrets: registry, git or signing credentials. Bound only to tasks marked trusted. */
  CREDENTIALS = 'credentials',
}
