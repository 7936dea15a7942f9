/**
 * The inbox slice of the composition root: its repositories, the field cipher over the vault, the inbox
 * Graph gateway and the reply assistant (Bedrock in AWS when configured, the deterministic one locally).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../../platform/core/errors';
import type { InboxDeps } from '../../core/inbox/inbox-deps';
import { EnvelopeCipher } from '../../core/inbox/field-cipher';
import type { ReplyAssistant } from '../../core/inbox/reply-assistant';
import { DynamoInboxRepository } from '../../adapters/dynamodb/inbox-repository';
import { DynamoReplyRepository } from '../../adapters/dynamodb/reply-repository';
import { DynamoDataKeyStore } from '../../adapters/dynamodb/data-key-store';
import { InboxGraphGateway } from '../../adapters/meta-graph/inbox-graph-gateway';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import { REPLY_SEND_REQUESTED } from '../../app/topology';

type Shared = Omit<InboxDeps, 'inbox' | 'replies' | 'cipher' | 'inboxGraph' | 'assistant' | 'sendDetailType'>;

/** Without an assistant, asking for an AI draft is refused with a reason; everything else works. */
const noAssistant: ReplyAssistant = {
  name: 'none',
  draftReply: () => {
    throw new DomainError(
      'conflict',
      'AI drafts are not configured for this deployment',
      'assistant_not_configured',
    );
  },
  classify: () => {
    throw new DomainError(
      'conflict',
      'AI drafts are not configured for this deployment',
      'assistant_not_configured',
    );
  },
};

export function inboxDependencies(
  shared: Shared,
  db: DynamoDBDocumentClient,
  tableName: string,
  graphClient: GraphClient,
  assistant: ReplyAssistant | undefined,
): InboxDeps {
  return {
    ...shared,
    inbox: new DynamoInboxRepository(db, tableName),
    replies: new DynamoReplyRepository(db, tableName),
    cipher: new EnvelopeCipher({
      vault: shared.vault,
      keys: new DynamoDataKeyStore(db, tableName),
      clock: shared.clock,
    }),
    inboxGraph: new InboxGraphGateway(graphClient),
    assistant: assistant ?? noAssistant,
    sendDetailType: REPLY_SEND_REQUESTED,
  };
}
