/** Tenant API: the unified inbox — conversations, messages, replies and their approval, reply rules. */
import {
  classifyConversation,
  getConversation,
  listConversations,
  listMessages,
  patchConversation,
} from '../../core/inbox/manage-inbox';
import { approveReply, createReply, getReply, rejectReply } from '../../core/inbox/manage-replies';
import { REPLY_RULES_KEY } from '../../core/inbox/reply-rules';
import { updateSetting } from '../../platform/core/update-setting';
import { lazyHandler } from '../common/aws-dependencies';
import type { AppDependencies } from '../common/dependencies';
import { httpHandler, json } from '../../platform/handlers/http-handler';
import { parseRequest } from '../../platform/handlers/parse-request';
import { callerFrom } from '../../platform/handlers/tenant-context';
import { API_PREFIX } from '../../app/route-table';
import { INBOX_OPERATIONS as OPS } from './schemas/inbox-schemas';

export function createHandler(deps: AppDependencies) {
  const caller = (e: Parameters<typeof callerFrom>[0]) => callerFrom(e, deps.config.tenantClaim);
  const inbox = deps.inbox;
  return httpHandler(deps, {
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
      return json(200, (await deps.settings.get(who.tenantId, REPLY_RULES_KEY)) ?? { rules: [] });
    },
    [`PUT ${API_PREFIX}/settings/reply-approval-rules`]: async (event) => {
      const who = caller(event);
      const { body } = parseRequest(event, OPS.putReplyApprovalRules);
      await updateSetting(deps, who, REPLY_RULES_KEY, body, { rules: body.rules.map((r) => r.id) });
      return json(200, body);
    },
    [`GET ${API_PREFIX}/whatsapp/templates`]: async (event) => {
      const who = caller(event);
      parseRequest(event, OPS.listWhatsAppTemplates);
      const items = await inbox.replies.listTemplates(who.tenantId);
      return json(200, {
        items: items.map(({ connectionId: _c, ...t }) => t),
      });
    },
  });
}

export const handler = lazyHandler(createHandler);
