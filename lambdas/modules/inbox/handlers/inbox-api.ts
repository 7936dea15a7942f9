/**
 * Tenant API: the unified inbox — conversations, messages, replies and their approval, reply rules,
 * WhatsApp templates, and the inbox's daily figures.
 */
import { API_PREFIX } from '../../../platform/contracts/routes';
import type { Env } from '../../../platform/wiring/env';
import { lambdaExports } from '../../../platform/wiring/lambda-handler';
import { tenantApi } from '../../../platform/wiring/tenant-api';
import { bedrockAssistant } from '../adapters/bedrock-converse-client';
import { INBOX_OPERATIONS as OPS } from '../contracts/http';
import { readInboxMetrics } from '../core/inbox-metrics';
import {
  classifyConversation,
  getConversation,
  listConversations,
  listMessages,
  patchConversation,
} from '../core/manage-inbox';
import {
  approveReply,
  createReply,
  getReplyRules,
  getReply,
  listWhatsAppTemplates,
  putReplyRules,
  rejectReply,
} from '../core/manage-replies';
import { INBOX_MODULE } from '../module';
import { awsInboxApiRuntime, inboxApiFromRuntime, type InboxApiRuntime } from '../wiring/api';

export function createHandler(rt: InboxApiRuntime) {
  const inbox = inboxApiFromRuntime(rt);
  // a reply's answer carries its text: its stored copy is sealed with the tenant's data key
  return tenantApi(
    rt,
    INBOX_MODULE,
    (route) => ({
      [`GET ${API_PREFIX}/conversations`]: route(OPS.listConversations, (who, { query }) => {
        const { limit, cursor, ...filter } = query;
        return listConversations(inbox, who.tenantId, filter, { limit, cursor });
      }),
      [`GET ${API_PREFIX}/conversations/{id}`]: route(OPS.getConversation, (who, { params }) =>
        getConversation(inbox, who.tenantId, params.id),
      ),
      [`PATCH ${API_PREFIX}/conversations/{id}`]: route(OPS.patchConversation, (who, { params, body }) =>
        patchConversation(inbox, who.tenantId, params.id, body, who.actor),
      ),
      [`GET ${API_PREFIX}/conversations/{id}/messages`]: route(
        OPS.listConversationMessages,
        (who, { params, query }) => listMessages(inbox, who.tenantId, params.id, query),
      ),
      [`POST ${API_PREFIX}/conversations/{id}/replies`]: route(
        OPS.createReply,
        (who, { params, body }) => createReply(inbox, who.tenantId, params.id, body, who.actor),
        201,
      ),
      [`POST ${API_PREFIX}/conversations/{id}/classify`]: route(OPS.classifyConversation, (who, { params }) =>
        classifyConversation(inbox, who.tenantId, params.id, who.actor),
      ),
      [`GET ${API_PREFIX}/replies/{id}`]: route(OPS.getReply, (who, { params }) =>
        getReply(inbox, who.tenantId, params.id),
      ),
      [`POST ${API_PREFIX}/replies/{id}/approve`]: route(OPS.approveReply, (who, { params }) =>
        approveReply(inbox, who.tenantId, params.id, who.actor),
      ),
      [`POST ${API_PREFIX}/replies/{id}/reject`]: route(OPS.rejectReply, (who, { params }) =>
        rejectReply(inbox, who.tenantId, params.id, who.actor),
      ),
      [`GET ${API_PREFIX}/settings/reply-approval-rules`]: route(OPS.getReplyApprovalRules, (who) =>
        getReplyRules(inbox, who.tenantId),
      ),
      [`PUT ${API_PREFIX}/settings/reply-approval-rules`]: route(OPS.putReplyApprovalRules, (who, { body }) =>
        putReplyRules(inbox, who, body),
      ),
      [`GET ${API_PREFIX}/whatsapp/templates`]: route(OPS.listWhatsAppTemplates, (who) =>
        listWhatsAppTemplates(inbox, who.tenantId),
      ),
      [`GET ${API_PREFIX}/inbox/metrics`]: route(OPS.getInboxMetrics, (who, { query }) =>
        readInboxMetrics(inbox, who.tenantId, query),
      ),
    }),
    inbox.cipher,
  );
}

export const { awsRuntime, handler } = lambdaExports(
  (env: Env = process.env) => awsInboxApiRuntime(env, bedrockAssistant),
  createHandler,
);
