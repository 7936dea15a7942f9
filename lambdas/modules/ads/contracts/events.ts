/**
 * The public events of the ads module (docs/events.md lists them with every other module's). Built
 * through {@link campaignEvent}: a field the contract does not name never leaves.
 */
import * as z from '../../../platform/contracts/zod';
import { eventBuilder, eventFields, type EventContract } from '../../../platform/contracts/event-contract';

const { id, nullableString } = eventFields;

const campaignRef = {
  campaignId: id,
  metaCampaignId: nullableString,
  adAccountId: id,
};

export const CAMPAIGN_EVENTS = {
  'campaign.launched': {
    description: 'A campaign was started (or resumed) at Meta through the API.',
    payload: z.object({ ...campaignRef, resumed: z.boolean() }),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
      resumed: false,
    },
  },
  'campaign.paused': {
    description: 'A campaign was paused at Meta through the API.',
    payload: z.object(campaignRef),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
    },
  },
  'campaign.status-changed': {
    description:
      "Meta's effective status or delivery issues of a campaign changed (status sync, every 15 minutes). " +
      'Was `campaign.status_changed` before version 1 of the contracts.',
    payload: z.object({
      ...campaignRef,
      from: nullableString.check(z.describe("Meta's effective status before; null on the first sync")),
      to: z.string(),
      issues: z.array(z.string()),
      spend: z.number().check(z.describe('lifetime spend in the account currency (major units)')),
      statusNow: z
        .optional(z.enum(['active', 'paused']))
        .check(z.describe('set when the campaign followed a change made in Ads Manager')),
    }),
    example: {
      campaignId: 'cmp_01jg8zv3d4e5f6g7h8j9k0m1n2',
      metaCampaignId: '120214538870610043',
      adAccountId: 'act_1029384756102938',
      from: 'ACTIVE',
      to: 'CAMPAIGN_PAUSED',
      issues: [],
      spend: 84.2,
      statusNow: 'paused',
    },
  },
} as const satisfies Record<string, EventContract>;

export type CampaignEventType = keyof typeof CAMPAIGN_EVENTS;

export const campaignEvent = eventBuilder(CAMPAIGN_EVENTS);
