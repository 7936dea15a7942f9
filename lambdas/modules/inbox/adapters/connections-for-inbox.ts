/**
 * What the inbox reads about connections: the shared transitional reader over the connections store
 * (lambdas/adapters/dynamodb/connection-reader.ts), held to the inbox's port. When the connections module
 * moves, this becomes a client of its contracts and nothing else in the inbox changes.
 */
import { ConnectionReader } from '../../../adapters/dynamodb/connection-reader';
import type { InboxConnections } from '../ports';

export class ConnectionsForInbox extends ConnectionReader implements InboxConnections {}
