/**
 * Tenant API: the unified inbox — conversations, messages, replies and their approval, reply rules,
 * WhatsApp templates, and the inbox's daily figures.
 */
import { API_PREFIX } from '../../../platform/contracts/routes';
import { httpHandler, json } from '../../../platform/handlers/http-handler';
import { parseRequest } from '../../../platform/handlers/parse-request';
import { callerFrom } from '../../../platform/handlers/tenant-context';
import { lambdaHandler } from '../../../platform/wiring/lambda-handler';
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
import { awsInboxApiRuntime, inboxApiFromRuntime, type InboxApiRuntime } from '../wiring/api';

export function createHandler(rt: InboxApiRuntime) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, rt.config.tenantClaim);
  const { api: inbox, httpIdempotency } = inboxApiFromRuntime(rt);
  return httpHandler(
    { ...rt, httpIdempotency },
    {
      [`GET ${API_PREFIX}/conversations`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.listConversations);
        const { limit, cursor, ...filter } = query;
        return json(200, await listConversations(inbox, who.tenantId, filter, { limit, cursor }));
      },
      [`GET ${API_PREFIX}/conversations/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getConversation);
        return json(200, await getConversation(inbox, who.tenantId, params.id));
      },
      [`PATCH ${API_PREFIX}/conversations/{id}`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.patchConversation);
        return json(200, await patchConversation(inbox, who.tenantId, params.id, body, who.actor));
      },
      [`GET ${API_PREFIX}/conversations/{id}/messages`]: async (event) => {
        const who = caller(event);
        const { params, query } = parseRequest(event, OPS.listConversationMessages);
        return json(200, await listMessages(inbox, who.tenantId, params.id, query));
      },
      [`POST ${API_PREFIX}/conversations/{id}/replies`]: async (event) => {
        const who = caller(event);
        const { params, body } = parseRequest(event, OPS.createReply);
        return json(201, await createReply(inbox, who.tenantId, params.id, body, who.actor));
      },
      [`POST ${API_PREFIX}/conversations/{id}/classify`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.classifyConversation);
        return json(200, await classifyConversation(inbox, who.tenantId, params.id, who.actor));
      },
      [`GET ${API_PREFIX}/replies/{id}`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.getReply);
        return json(200, await getReply(inbox, who.tenantId, params.id));
      },
      [`POST ${API_PREFIX}/replies/{id}/approve`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.approveReply);
        return json(200, await approveReply(inbox, who.tenantId, params.id, who.actor));
      },
      [`POST ${API_PREFIX}/replies/{id}/reject`]: async (event) => {
        const who = caller(event);
        const { params } = parseRequest(event, OPS.rejectReply);
        return json(200, await rejectReply(inbox, who.tenantId, params.id, who.actor));
      },
      [`GET ${API_PREFIX}/settings/reply-approval-rules`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.getReplyApprovalRules);
        return json(200, await getReplyRules(inbox, who.tenantId));
      },
      [`PUT ${API_PREFIX}/settings/reply-approval-rules`]: async (event) => {
        const who = caller(event);
        const { body } = parseRequest(event, OPS.putReplyApprovalRules);
        return json(200, await putReplyRules(inbox, who, body));
      },
      [`GET ${API_PREFIX}/whatsapp/templates`]: async (event) => {
        const who = caller(event);
        parseRequest(event, OPS.listWhatsAppTemplates);
        return json(200, await listWhatsAppTemplates(inbox, who.tenantId));
      },
      [`GET ${API_PREFIX}/inbox/metrics`]: async (event) => {
        const who = caller(event);
        const { query } = parseRequest(event, OPS.getInboxMetrics);
        return json(200, await readInboxMetrics(inbox, who.tenantId, query));
      },
    },
  );
}

/** what `handler` builds its runtime with, from the environment the stack sets (test/infra checks the two agree) */
export const awsRuntime = (env = process.env) => awsInboxApiRuntime(env, bedrockAssistant);

export const handler = lambdaHandler(awsRuntime, createHandler);
