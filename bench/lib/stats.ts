/** Small statistics helpers for latency samples. */

/** Percentile by nearest rank on a sorted copy (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(xs: number[]): number {
  const s = Float64Array.from(xs).sort();
  return percentile(s, 50);
}

/** Round to `d` decimals (keeps JSON results readable). */
export function round(x: number, d = 2): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
