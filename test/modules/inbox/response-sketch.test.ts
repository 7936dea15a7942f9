/** Response-time percentiles: exact nearest-rank for a day, within 1 % from merged day histograms. */
import {
  mergeSketches,
  percentile,
  sketchOf,
  sketchPercentile,
} from '../../../lambdas/modules/inbox/core/response-sketch';

it('nearest-rank percentiles of exact values', () => {
  expect(percentile([], 50)).toBeNull();
  expect(percentile([300, 93600, 600, 7200, 1800], 50)).toBe(1800);
  expect(percentile([300, 93600, 600, 7200, 1800], 90)).toBe(93600);
  expect(percentile([5, 1], 50)).toBe(1);
});

it('estimates any range from the days within 1 %', () => {
  const days = [
    [30, 45, 60, 600],
    [5, 7200, 86_400, 90],
    [1, 2, 3, 4000],
  ];
  const all = days.flat();
  const merged = mergeSketches(days.map(sketchOf));
  for (const p of [10, 50, 75, 90, 99]) {
    const exact = percentile(all, p)!;
    const estimate = sketchPercentile(merged, p)!;
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.01));
  }
  expect(sketchPercentile({}, 50)).toBeNull();
});
