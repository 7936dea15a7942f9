/**
 * What the content module reads about connections: the shared transitional reader over the connections
 * store (lambdas/adapters/dynamodb/connection-reader.ts), held to content's port. When the connections
 * module moves, this becomes a client of its contracts and nothing else in content changes.
 */
import { ConnectionReader } from '../../../adapters/dynamodb/connection-reader';
import type { ContentConnections } from '../ports';

export class ConnectionsForContent extends ConnectionReader implements ContentConnections {}
