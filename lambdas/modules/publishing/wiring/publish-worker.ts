/**
 * The publishing module's wiring for the publish worker: the post store, the bus, its Graph slice over the
 * shared Graph client (Meta secret), the vault, and what it reads about connections.
 */
import { graphAccess } from '../../../platform/wiring/graph';
import { awsGraphWorkerRuntime, type GraphWorkerRuntime } from '../../../platform/wiring/graph-caller';
import { tableAndBus } from '../../../platform/wiring/table-and-bus';
import { ConnectionsForPublishing } from '../adapters/connections-for-publishing';
import { DynamoPostStore } from '../adapters/dynamo-post-store';
import { PublishingGraphGateway } from '../adapters/publishing-graph-gateway';
import type { PublishDeps } from '../ports';

/** The publish worker: table, bus, the Graph API (Meta secret), the vault, its queue. */
export type PublishRuntime = GraphWorkerRuntime;

export function publishFromRuntime(rt: PublishRuntime): PublishDeps {
  const p = tableAndBus(rt);
  return {
    ...p,
    vault: rt.clients.vault,
    posts: new DynamoPostStore(p.db, p.tableName),
    connections: ConnectionsForPublishing.inTable(p),
    graph: new PublishingGraphGateway(graphAccess(rt).client),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  };
}

export const awsPublishRuntime = awsGraphWorkerRuntime;
