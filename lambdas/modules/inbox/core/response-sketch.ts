/**
 * First-response times kept as an aggregate: a day's exact median and 90th percentile, plus a sparse
 * histogram of logarithmic buckets (each 2 % wide) so the percentiles of any range of days can be
 * estimated from the days' counters alone, within 1 % — no response time of any one conversation is kept.
 * Percentiles are nearest-rank: the p-th percentile of n values is the ⌈p·n/100⌉-th smallest.
 */

/** relative accuracy of an estimate */
const ALPHA = 0.01;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = Math.log(GAMMA);

/** bucket index → count; values of a second or less share bucket 0 */
export type Sketch = Record<string, number>;

const bucketOf = (seconds: number) => (seconds <= 1 ? 0 : Math.ceil(Math.log(seconds) / LOG_GAMMA));
/** the bucket's representative value: within ALPHA of every value in it */
const valueOf = (bucket: number) => (bucket === 0 ? 1 : (2 * GAMMA ** bucket) / (GAMMA + 1));

export function sketchOf(values: readonly number[]): Sketch {
  const out: Sketch = {};
  for (const v of values) {
    const b = String(bucketOf(v));
    out[b] = (out[b] ?? 0) + 1;
  }
  return out;
}

export function mergeSketches(sketches: readonly Sketch[]): Sketch {
  const out: Sketch = {};
  for (const s of sketches) for (const [b, n] of Object.entries(s)) out[b] = (out[b] ?? 0) + n;
  return out;
}

/** nearest-rank percentile of exact values; null when there are none */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** nearest-rank percentile estimated from a sketch, rounded to the second; null when it is empty */
export function sketchPercentile(sketch: Sketch, p: number): number | null {
  const buckets = Object.entries(sketch)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen >= rank) return Math.round(valueOf(b));
  }
  return Math.round(valueOf(buckets[buckets.length - 1]![0]));
}
