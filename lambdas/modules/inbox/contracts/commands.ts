/**
 * The internal command the inbox worker takes: an approved reply or moderation to carry out at Meta.
 * The API (or a tenant rule) approves, the worker sends; one zod schema both sides use.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const ReplySendRequested = defineCommand(
  'inbox.reply-send-requested',
  'Send one approved inbox reply or moderation at Meta',
  z.object({
    tenantId: z.string().check(z.minLength(1)),
    replyId: z.string().check(z.regex(/^rpl_[0-9a-z]{26}$/)),
  }),
);
export type ReplySendCommand = z.output<typeof ReplySendRequested.schema>;
