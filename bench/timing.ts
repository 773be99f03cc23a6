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

/**
 * Runs fn `warmup` times untimed, then `rounds` times timed, with a full GC before
 * each run. Returns the round times (ms), their median, and the warm-up's last result.
 */
export function measure<T>(fn: () => T, warmup: number, rounds: number): { times: number[]; median: number; warm?: T } {
  let warm: T | undefined;
  for (let i = 0; i < warmup; i++) {
    gc();
    warm = fn();
  }
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    gc();
    const r = time(fn);
    times.push(r.ms);
  }
  gc();
  return { times, median: median(times), warm };
}

export const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;
