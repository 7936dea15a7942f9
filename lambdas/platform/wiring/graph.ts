/**
 * The one Graph HTTP client a function uses, built from its runtime: the pinned version,
 * `appsecret_proof` from the Meta secret, retries and usage-header throttling logged and counted, every
 * call counted by status and error code (and a subsegment when tracing is on), and the app-wide pause
 * while Meta is down, shared with every other function through the table. A module's own slice of the
 * Graph API (its gateway) is built over it.
 */
import { GraphClient } from '../adapters/graph/graph-client';
import { graphCallMetrics, observeGraphCalls } from '../adapters/graph/graph-call-observer';
import { meteredGate } from '../adapters/graph/graph-pause-metrics';
import { DynamoGraphPauseStore } from '../adapters/graph/graph-pause-store';
import { graphCallTracing } from '../adapters/observability/graph-call-tracing';
import { DEFAULT_OUTAGE_POLICY, scaleOutagePolicy } from '../core/graph/graph-outage';
import { GraphPauseGate } from '../core/graph/graph-pause';
import { waitSeverity } from '../core/observability/wait-severity';
import type { GraphConfig, Runtime, TableConfig } from './runtime';

export type GraphRuntime = Runtime<GraphConfig & TableConfig, 'dynamo' | 'secrets'>;

export function graphAccess(rt: GraphRuntime): { client: GraphClient; pause: GraphPauseGate } {
  const { logger } = rt;
  const { metrics, tracer } = rt.telemetry;
  const timeScale = rt.config.retryTimeScale ?? 1;
  const pause = new GraphPauseGate({
    store: new DynamoGraphPauseStore(rt.clients.dynamo, rt.config.tableName),
    clock: rt.clock,
    policy: scaleOutagePolicy(DEFAULT_OUTAGE_POLICY, timeScale),
    // the shared pause is re-read once a second: how soon another function's pause, or its end, is seen
    // is part of the same clock
    refreshMs: 1e3 * timeScale,
    onChange: (t) => {
      metrics.count('graphPauses', { Change: t.change });
      if (t.change === 'paused') logger.warn('graph paused', { ...t.pause });
      else logger.info('graph recovered', { pausedForMs: t.pausedForMs });
    },
  });
  const client = new GraphClient({
    baseUrl: rt.config.metaGraphUrl,
    version: rt.config.metaGraphVersion,
    appSecret: async () => (await rt.clients.secrets.metaApp()).appSecret,
    fetch: rt.clients.fetch,
    onRetry: (info) => logger.info('graph retry', info),
    onThrottle: (info) => {
      const dims = { Scope: 'app', Severity: waitSeverity(info.reason) } as const;
      metrics.count('graphRateLimitWaits', dims);
      metrics.timing('graphRateLimitWaitTime', info.delayMs, dims);
      logger.info('graph throttle', info);
    },
    gate: meteredGate(pause, metrics),
    observer: observeGraphCalls(graphCallMetrics(metrics), ...(tracer ? [graphCallTracing(tracer)] : [])),
  });
  return { client, pause };
}
