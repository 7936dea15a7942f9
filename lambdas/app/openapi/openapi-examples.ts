/**
 * One example per request body, shown in the OpenAPI document. A test parses each with the operation's
 * own zod schema, so an example that the API would refuse fails the build instead of misleading a reader.
 * A module declares its own (module.ts `http.examples`).
 */
import { MODULES } from '../modules';

const moduleExamples = (): Record<string, unknown> =>
  Object.assign({}, ...MODULES.map((m) => m.http?.examples ?? {}));

export const REQUEST_EXAMPLES: Record<string, unknown> = {
  ...moduleExamples(),
  createPost: {
    message: 'Doors open at 9 on Saturday.',
    media: [{ type: 'image', url: 'https://cdn.example/poster.jpg' }],
    targets: [
      { type: 'facebook_page', id: '104729384756123' },
      { type: 'instagram_account', id: '17841400000000001' },
    ],
    scheduledAt: '2026-12-05T09:00:00+01:00',
  },
  patchPost: { message: 'Doors open at 10 on Saturday.', scheduledAt: null },
  putApprovalRules: {
    rules: [{ id: 'social-team', actors: ['user:alice'], targetIds: ['104729384756123'], description: '' }],
  },
  createCampaign: {
    adAccountId: 'act_1234567890',
    name: 'Winter open day',
    objective: 'OUTCOME_LEADS',
    dailyBudget: 2000,
    startTime: '2026-12-01T08:00:00Z',
    targeting: { countries: ['FR', 'BE'], ageMin: 25, ageMax: 55 },
    creative: {
      pageId: '104729384756123',
      message: 'Book your visit',
      imageUrl: 'https://cdn.example/visit.jpg',
    },
    leadFormId: '771234567890123',
  },
  patchCampaign: { dailyBudget: 2500 },
  putSpendCaps: { caps: [{ adAccountId: 'act_1234567890', dailyCap: 5000, lifetimeCap: 100000 }] },
  backfillInsights: { since: '2026-09-01', until: '2026-09-30' },
  patchConversation: { status: 'closed', assignee: 'user:alice', labels: ['vip'], read: true },
  createReply: { type: 'text', text: 'Thanks, we will call you today.' },
  putReplyApprovalRules: {
    rules: [
      {
        id: 'templates',
        description: 'approved WhatsApp templates go out without review',
        channels: ['whatsapp'],
        types: ['template'],
        onlyPreviouslyApproved: true,
      },
    ],
  },
};
