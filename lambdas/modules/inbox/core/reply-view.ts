import type { InboxDeps } from '../ports';
import { fieldAad } from './inbox-model';
import type { ReplyRecord } from './reply-model';

/** What the API shows of a reply: its text for the tenant, never an approval hash or a ciphertext. */
export async function replyView(deps: Pick<InboxDeps, 'cipher'>, r: ReplyRecord) {
  return {
    id: r.id,
    conversationId: r.conversationId,
    channel: r.channel,
    assetId: r.assetId,
    type: r.type,
    source: r.source,
    text: r.textCipher ? await deps.cipher.decrypt(r.tenantId, r.textCipher, fieldAad.replyText(r.id)) : null,
    template: r.template,
    tag: r.tag,
    targetMetaId: r.targetMetaId,
    status: r.status,
    statusReason: r.statusReason,
    approval: r.approval ? { by: r.approval.by, at: r.approval.at, ruleId: r.approval.ruleId } : null,
    metaId: r.metaId,
    sentAt: r.sentAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
