/**
 * A disconnect's deletion request, through the privacy module's contract: recorded with its confirmation
 * code in the table, each connection's purge queued for the deletion worker.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, CommandPublisher } from '../../../platform/core/ports';
import { DynamoDeletionRequests } from '../../privacy/contracts/store';
import { startDeletionRequest } from '../../privacy/contracts/deletion-requests';
import type { DeletionRequester } from '../ports';

export class PrivacyDeletionRequests implements DeletionRequester {
  constructor(
    private readonly deps: {
      db: DynamoDBDocumentClient;
      tableName: string;
      clock: Clock;
      commands: CommandPublisher;
    },
  ) {}

  async request(input: Parameters<DeletionRequester['request']>[0], actor: string) {
    const { db, tableName, clock, commands } = this.deps;
    const deletions = new DynamoDeletionRequests(db, tableName);
    const r = await startDeletionRequest({ clock, deletions, commands }, input, actor);
    return { code: r.code, status: r.status };
  }
}
