/** Timing helpers shared by the benchmark scripts. */
import * as v8 from 'v8';
import * as vm from 'vm';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection (so one round does not pay for the previous one's garbage). */
export const gc: () => void = vm.runInNewContext('gc');

/** Milliseconds taken by fn, and its result. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seconds with two decimals, e.g. `1.23s`. */
export const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;
