/**
 * The publishing module's wiring for the publish worker: the post store, the bus, its Graph slice over the
 * shared Graph client (Meta secret), the vault, and what it reads about connections.
 */
import { DynamoConnectionStore } from '../../connections/contracts/store';
import { busAccess } from '../../../platform/wiring/bus';
import { graphAccess } from '../../../platform/wiring/graph';
import { awsGraphWorkerRuntime, type GraphWorkerRuntime } from '../../../platform/wiring/graph-caller';
import { tableAccess } from '../../../platform/wiring/table';
import { ConnectionsForPublishing } from '../adapters/connections-for-publishing';
import { DynamoPostStore } from '../adapters/dynamo-post-store';
import { PublishingGraphGateway } from '../adapters/publishing-graph-gateway';
import type { PublishDeps } from '../ports';

/** The publish worker: table, bus, the Graph API (Meta secret), the vault, its queue. */
export type PublishRuntime = GraphWorkerRuntime;

export function publishFromRuntime(rt: PublishRuntime): PublishDeps {
  const { db, tableName, audit } = tableAccess(rt);
  const { events } = busAccess(rt);
  return {
    clock: rt.clock,
    ids: rt.ids,
    vault: rt.clients.vault,
    events,
    audit,
    metrics: rt.telemetry.metrics,
    posts: new DynamoPostStore(db, tableName),
    connections: new ConnectionsForPublishing({
      connections: new DynamoConnectionStore(db, tableName),
      events,
      audit,
      clock: rt.clock,
      ids: rt.ids,
    }),
    graph: new PublishingGraphGateway(graphAccess(rt).client),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

export const awsPublishRuntime = awsGraphWorkerRuntime;
