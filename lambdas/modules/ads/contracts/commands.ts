/**
 * The internal command the ads worker takes: create an approved campaign at Meta, paused. Sent by an
 * approval (a person or a spend cap), and by the worker itself, delayed, when the ad account's pace holds it
 * back. One zod schema both sides use.
 */
import * as z from '../../../platform/contracts/zod';
import { defineCommand } from '../../../platform/contracts/command-contract';

export const CampaignCreateRequested = defineCommand(
  'campaign.create-requested',
  'Create an approved campaign at Meta (campaign, ad set, creative, ad), all paused',
  z.object({ tenantId: z.string(), campaignId: z.string() }),
);
export type CampaignCreateJob = z.output<typeof CampaignCreateRequested.schema>;
