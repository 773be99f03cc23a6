/**
 * Where an API grant came from when a library construct made it for the user (Deploy's
 * `grantTo` grants the pipeline's ServiceAccount what its `objects` name): a finding on the
 * grant is then said in the terms of that construct's props.
 */

/** The construct and prop a grant was made for, and the fix in their terms. */
export interface GrantOrigin {
  /** E.g. `which Deploy 'c/deploy' grantTo made for objects[1] (services/x)`. */
  readonly made: string;
  /** The fix in the terms of those props. */
  readonly fix: string;
}

const ORIGINS = new WeakMap<object, GrantOrigin>();

/** Records the origin of a granted rule (the first one recorded holds). */
export function recordGrantOrigin(rule: object, origin: GrantOrigin): void {
  if (!ORIGINS.has(rule)) ORIGINS.set(rule, origin);
}

/** The origin recorded for a granted rule, if any. */
export function grantOrigin(rule: object): GrantOrigin | undefined {
  return ORIGINS.get(rule);
}
