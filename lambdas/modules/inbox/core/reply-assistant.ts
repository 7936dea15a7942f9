/**
 * AI assistance behind a port: a suggested reply and a classification of one conversation. Adapters get
 * the tenant's own conversation and nothing else (no other tenant's data, no cross-conversation memory)
 * and must not log the prompt or the answer. Amazon Bedrock in AWS, a deterministic drafter locally.
 */
import type { Channel, ClassificationLabel } from '../contracts/vocabulary';

export interface ConversationTurn {
  from: 'customer' | 'business';
  text: string;
  at: string;
}

export interface AssistInput {
  channel: Channel;
  /** oldest first */
  turns: ConversationTurn[];
  /** the most characters the channel takes in one reply */
  maxChars: number;
}

export { CLASSIFICATION_LABELS, type ClassificationLabel } from '../contracts/vocabulary';

export interface ReplyAssistant {
  /** e.g. `bedrock:<model id>` or `local-deterministic`: recorded with each AI draft */
  readonly name: string;
  draftReply(input: AssistInput): Promise<{ text: string }>;
  classify(input: AssistInput): Promise<{ label: ClassificationLabel; confidence: number }>;
}
