import { Duration } from 'cdk8s';

/** `Duration` as Tekton writes it, e.g. `1h0m0s`. */
export function durationString(d: Duration): string {
  const total = Math.round(d.toSeconds());
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}h${m}m${s}s`;
}
