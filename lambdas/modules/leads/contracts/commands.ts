/**
 * The internal commands the lead worker takes: the API asks for a backfill or for a status to be sent
 * to Meta, the worker does it. Each is one zod schema both sides use.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const LeadBackfillRequested = defineCommand(
  'lead.backfill-requested',
  "Fetch a form's leads since a time and store the missing ones",
  z.object({
    tenantId: z.string(),
    connectionId: z.string(),
    formId: z.string(),
    pageId: z.string(),
    /** ISO time */
    since: z.string(),
    requestedBy: z.string(),
    requestId: z.string(),
  }),
);
export type LeadBackfillRequest = z.output<typeof LeadBackfillRequested.schema>;

export const LeadStatusFeedbackRequested = defineCommand(
  'lead.status-feedback-requested',
  "Send a lead's new CRM stage to Meta (Conversions API for CRM)",
  z.object({
    tenantId: z.string(),
    leadId: z.string(),
    leadgenId: z.string(),
    connectionId: z.string(),
    status: z.string(),
    changedAt: z.string(),
    actor: z.string(),
  }),
);
export type StatusFeedbackCommand = z.output<typeof LeadStatusFeedbackRequested.schema>;
