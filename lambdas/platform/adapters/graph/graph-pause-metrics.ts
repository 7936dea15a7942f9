/**
 * The app-wide Graph pause in numbers: each call it refuses (`GraphCallsPaused`), so a pause that lasts
 * while work waits shows, and raises the sustained-pause alarm.
 */
import { GraphPausedError } from '../../core/graph/graph-outage';
import type { GraphCallGate } from '../../core/graph/graph-pause';
import type { Metrics } from '../../core/observability/metrics';

export function meteredGate(gate: GraphCallGate, metrics: Metrics): GraphCallGate {
  return {
    async before(path) {
      try {
        await gate.before(path);
      } catch (err) {
        if (err instanceof GraphPausedError) metrics.count('graphCallsPaused', {});
        throw err;
      }
    },
    after: (path, error) => gate.after(path, error),
  };
}
