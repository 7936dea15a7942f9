/** `npm run ops -- replay` window arguments: ISO-8601, `now`, or an offset into the past. */
import { parseTime, replay } from '../../scripts/ops/replay';
import type { OpsTarget } from '../../scripts/ops/target';

const NOW = new Date('2026-11-02T12:00:00Z');

test('times are ISO-8601, now, or -N s/m/h/d from now', () => {
  expect(parseTime('2026-11-02T10:00:00Z', NOW)).toEqual(new Date('2026-11-02T10:00:00Z'));
  expect(parseTime('now', NOW)).toEqual(NOW);
  expect(parseTime('-90m', NOW)).toEqual(new Date('2026-11-02T10:30:00Z'));
  expect(parseTime('-2h', NOW)).toEqual(new Date('2026-11-02T10:00:00Z'));
  expect(parseTime('-1d', NOW)).toEqual(new Date('2026-11-01T12:00:00Z'));
  for (const bad of ['yesterday', '+2h', '10:00', ''])
    expect(() => parseTime(bad, NOW)).toThrow(/is not a time/);
});

test('a window that ends before it starts is refused before anything is sent', async () => {
  const untouched = {} as OpsTarget;
  await expect(replay(untouched, { from: NOW, to: new Date(NOW.getTime() - 1) })).rejects.toThrow(
    /--from must be before --to/,
  );
});
