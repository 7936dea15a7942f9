/**
 * The one Graph HTTP client a function uses, built from its runtime: the pinned version,
 * `appsecret_proof` from the Meta secret, retries and usage-header throttling logged, and the app-wide
 * pause while Meta is down, shared with every other function through the table. A module's own slice
 * of the Graph API (its gateway) is built over it.
 */
import { GraphClient } from '../adapters/graph/graph-client';
import { DynamoGraphPauseStore } from '../adapters/graph/graph-pause-store';
import { DEFAULT_OUTAGE_POLICY, scaleOutagePolicy } from '../core/graph/graph-outage';
import { GraphPauseGate } from '../core/graph/graph-pause';
import type { GraphConfig, Runtime, TableConfig } from './runtime';

export type GraphRuntime = Runtime<GraphConfig & TableConfig, 'dynamo' | 'secrets'>;

export function graphAccess(rt: GraphRuntime): { client: GraphClient; pause: GraphPauseGate } {
  const { logger } = rt;
  const pause = new GraphPauseGate({
    store: new DynamoGraphPauseStore(rt.clients.dynamo, rt.config.tableName),
    clock: rt.clock,
    policy: scaleOutagePolicy(DEFAULT_OUTAGE_POLICY, rt.config.retryTimeScale ?? 1),
    onChange: (t) =>
      t.change === 'paused'
        ? logger.warn('graph paused', { ...t.pause })
        : logger.info('graph recovered', { pausedForMs: t.pausedForMs }),
  });
  const client = new GraphClient({
    baseUrl: rt.config.metaGraphUrl,
    version: rt.config.metaGraphVersion,
    appSecret: async () => (await rt.clients.secrets.metaApp()).appSecret,
    fetch: rt.clients.fetch,
    onRetry: (info) => logger.info('graph retry', info),
    onThrottle: (info) => logger.info('graph throttle', info),
    gate: pause,
  });
  return { client, pause };
}
