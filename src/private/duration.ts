import { Duration } from 'cdk8s';

/** `Duration` as Tekton writes it, e.g. `1h0m0s`. */
export function durationString(d: Duration): string {
  const total = Math.round(d.toSeconds());
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}h${m}m${s}s`;
}

/**
 * What keeps a timeout from being one Tekton runs with: a fraction of a second (Tekton
 * writes whole seconds, and cdk8s cannot convert it), or less than one second (Tekton reads
 * zero as no timeout at all). Undefined for a whole number of seconds, at least one.
 */
export function timeoutProblem(d: Duration): string | undefined {
  const ms = d.toMilliseconds({ integral: false });
  if (!(ms >= 1000)) return 'is shorter than one second (Tekton reads zero as no timeout)';
  if (ms % 1000 !== 0) return 'is not a whole number of seconds, which Tekton writes timeouts in';
  return undefined;
}

/** A duration as a message shows it, whatever it holds: `1h0m0s`, or `1500 millis`. */
export function durationText(d: Duration): string {
  const ms = d.toMilliseconds({ integral: false });
  return ms % 1000 === 0 ? durationString(d) : `${ms} millis`;
}
