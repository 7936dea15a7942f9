/**
 * Every Graph call the service makes is an endpoint of the Meta contract reference: each public method
 * of the two gateways runs against the strict simulator, and each of its calls must be served under a
 * contract and answered 200. A new gateway method without a case here fails the last test, so an
 * endpoint cannot be added to the client without being added to the reference.
 */
import { GraphClient } from '../../lambdas/platform/adapters/graph/graph-client';
import { InboxGraphGateway } from '../../lambdas/modules/inbox/adapters/inbox-graph-gateway';
import { ContentGraphGateway } from '../../lambdas/modules/content/adapters/content-graph-gateway';
import { LeadsGraphGateway } from '../../lambdas/modules/leads/adapters/leads-graph-gateway';
import { PublishingGraphGateway } from '../../lambdas/modules/publishing/adapters/publishing-graph-gateway';
import { AdsGraphGateway } from '../../lambdas/modules/ads/adapters/ads-graph-gateway';
import { InsightsGraphGateway } from '../../lambdas/modules/insights/adapters/insights-graph-gateway';
import { ConnectionsGraphGateway } from '../../lambdas/modules/connections/adapters/connections-graph-gateway';
import { FEATURES, scopesForFeatures } from '../../lambdas/core/scopes/scope-registry';
import { DEFAULT_WORLD_IDS as W, startMetaSimulator, type MetaSimulator } from '../../local/meta-simulator';
import {
  APP_ID,
  APP_SECRET,
  REDIRECT_URI,
  connectUser,
  consent,
  control,
  pageToken,
  type Json,
} from '../local/meta-simulator/sim-test-helpers';

let sim: MetaSimulator;
let connections: ConnectionsGraphGateway;
let inbox: InboxGraphGateway;
let leads: LeadsGraphGateway;
let content: ContentGraphGateway;
let publishing: PublishingGraphGateway;
let ads: AdsGraphGateway;
let insights: InsightsGraphGateway;
let user: string;
let page: string;
const SCOPES = scopesForFeatures([...FEATURES]).scopes.join(',');

beforeAll(async () => {
  sim = await startMetaSimulator({ appId: APP_ID, appSecret: APP_SECRET, seed: 31 });
  const client = new GraphClient({
    baseUrl: sim.url,
    version: 'v26.0',
    appSecret: async () => APP_SECRET,
    sleep: async () => undefined,
  });
  connections = new ConnectionsGraphGateway(client, {
    appId: async () => APP_ID,
    appSecret: async () => APP_SECRET,
  });
  inbox = new InboxGraphGateway(client);
  leads = new LeadsGraphGateway(client);
  content = new ContentGraphGateway(client);
  publishing = new PublishingGraphGateway(client);
  ads = new AdsGraphGateway(client);
  insights = new InsightsGraphGateway(client);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  user = (await connectUser(sim, { scope: SCOPES })).longToken;
  page = await pageToken(sim, user, W.bakeryPageId);
  await control(sim, 'DELETE', 'calls');
});
afterEach(async () => {
  const calls = (await control(sim, 'GET', 'calls')).body.calls as Json[];
  const outside = calls.filter((c) => c.contract === null || c.status !== 200);
  expect(outside.map((c) => `${c.method} ${c.path} → ${c.status} ${c.contractViolation ?? ''}`)).toEqual([]);
});

type InboxMethod = keyof InboxGraphGateway;
type LeadsMethod = keyof LeadsGraphGateway;
type ContentMethod = keyof ContentGraphGateway;
type PublishingMethod = keyof PublishingGraphGateway;
type AdsMethod = keyof AdsGraphGateway;
type InsightsMethod = keyof InsightsGraphGateway;
type ConnectionsMethod = keyof ConnectionsGraphGateway;
interface Case {
  name: string;
  covers: Array<
    | InboxMethod
    | LeadsMethod
    | ContentMethod
    | PublishingMethod
    | AdsMethod
    | InsightsMethod
    | ConnectionsMethod
  >;
  run: () => Promise<unknown>;
}

const sim$ = async (path: string, body: unknown) => (await control(sim, 'POST', path, body)).body;
const inbound = (channel: 'messenger' | 'instagram' | 'whatsapp') =>
  sim$('messages', { channel, text: 'hello' });
const DAY = 86_400;
const since = () => Math.floor(Date.now() / 1000) - 7 * DAY;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * DAY * 1000).toISOString().slice(0, 10);

/** a campaign, ad set, creative and ad made the way the ads worker makes them */
async function adObjects() {
  const campaignId = await ads.createCampaign(W.adAccountId, user, {
    name: 'C [cmp_x]',
    objective: 'OUTCOME_LEADS',
    specialAdCategories: [],
  });
  const adsetId = await ads.createAdSet(W.adAccountId, user, {
    name: 'S [cmp_x]',
    campaignId,
    dailyBudget: 4500,
    optimizationGoal: 'LEAD_GENERATION',
    startTime: new Date(Date.now() + 60_000).toISOString(),
    targeting: {
      geo_locations: { countries: ['PT'] },
      age_min: 25,
      age_max: 55,
      targeting_automation: { advantage_audience: 0 },
    },
    promotedObject: { page_id: W.bakeryPageId },
    destinationType: 'ON_AD',
    dsaBeneficiary: 'Demo Bakery Lda',
    dsaPayor: 'Demo Bakery Lda',
  });
  const creativeId = await ads.createCreative(W.adAccountId, user, {
    name: 'K [cmp_x]',
    objectStorySpec: {
      page_id: W.bakeryPageId,
      link_data: {
        message: 'Bread',
        link: 'https://example.com',
        call_to_action: { type: 'SIGN_UP', value: { lead_gen_form_id: W.bakeryLeadFormId } },
      },
    },
  });
  const adId = await ads.createAd(W.adAccountId, user, { name: 'A [cmp_x]', adsetId, creativeId });
  return { campaignId, adsetId, creativeId, adId };
}

const CASES: Case[] = [
  {
    name: 'the login code becomes a short-lived, then a long-lived token; debug_token and me',
    covers: ['exchangeCode', 'exchangeForLongLived', 'debugToken', 'getMe'],
    run: async () => {
      const { location } = await consent(sim, { scope: SCOPES });
      const short = await connections.exchangeCode(location.searchParams.get('code')!, REDIRECT_URI);
      const long = await connections.exchangeForLongLived(short.accessToken);
      expect((await connections.debugToken(long.accessToken)).isValid).toBe(true);
      expect((await connections.getMe(long.accessToken)).id).toBe(W.userId);
    },
  },
  {
    name: 'assets: Pages, businesses and their assets, Instagram, ad accounts, lead forms, WhatsApp numbers',
    covers: [
      'listPages',
      'getPage',
      'listBusinesses',
      'getBusiness',
      'listBusinessPages',
      'listBusinessAdAccounts',
      'listAdAccounts',
      'getAdAccount',
      'getInstagramAccount',
      'listLeadForms',
      'listWhatsAppNumbers',
      'wabaNumbers',
    ],
    run: async () => {
      expect((await connections.listPages(user)).map((p) => p.id)).toContain(W.bakeryPageId);
      expect((await connections.getPage(W.bakeryPageId, user)).accessToken).toEqual(expect.any(String));
      expect(await connections.listBusinesses(user)).toEqual([expect.objectContaining({ id: W.businessId })]);
      expect((await connections.getBusiness(W.businessId, user)).id).toBe(W.businessId);
      await connections.listBusinessPages(W.businessId, user);
      await connections.listBusinessAdAccounts(W.businessId, user);
      expect((await connections.listAdAccounts(user)).map((a) => a.id)).toContain(W.adAccountId);
      expect((await connections.getAdAccount(W.adAccountId, user)).currency).toBe('EUR');
      await connections.getInstagramAccount(W.instagramAccountId, page);
      expect((await connections.listLeadForms(W.bakeryPageId, page)).map((f) => f.id)).toContain(
        W.bakeryLeadFormId,
      );
      expect((await connections.listWhatsAppNumbers(W.businessId, user)).map((n) => n.id)).toContain(
        W.phoneNumberId,
      );
      expect((await connections.wabaNumbers(W.wabaId, user)).map((n) => n.id)).toEqual([W.phoneNumberId]);
    },
  },
  {
    name: 'the Page subscription: set, read back, remove; the WhatsApp account subscription',
    covers: ['subscribePage', 'pageSubscription', 'unsubscribePage', 'subscribeWaba'],
    run: async () => {
      await connections.subscribePage(W.bakeryPageId, page, ['feed', 'leadgen', 'messages', 'standby']);
      expect(await connections.pageSubscription(W.bakeryPageId, page)).toEqual([
        'feed',
        'leadgen',
        'messages',
        'standby',
      ]);
      await connections.unsubscribePage(W.bakeryPageId, page);
      expect(await connections.pageSubscription(W.bakeryPageId, page)).toEqual([]);
      await inbox.subscribeWaba(W.wabaId, user);
    },
  },
  {
    name: 'a lead, the leads of a form, and CRM stages back to Meta',
    covers: ['getLead', 'listFormLeads', 'sendConversionEvents'],
    run: async () => {
      const { leadgenId } = await sim$('leads', {
        pageId: W.bakeryPageId,
        formId: W.bakeryLeadFormId,
        fieldData: { full_name: 'Ana', email: 'ana@example.test' },
      });
      expect((await leads.getLead(leadgenId, page)).id).toBe(leadgenId);
      expect((await leads.listFormLeads(W.bakeryLeadFormId, page, new Date(0))).map((l) => l.id)).toContain(
        leadgenId,
      );
      const sent = await leads.sendConversionEvents(W.datasetId, user, [
        {
          eventName: 'Qualified',
          eventTime: Math.floor(Date.now() / 1000),
          eventId: 'e1',
          leadId: leadgenId,
          crmName: 'CRM',
        },
      ]);
      expect(sent.eventsReceived).toBe(1);
    },
  },
  {
    name: 'Page publishing: a post, a photo, a multi-photo post, recent posts, a permalink',
    covers: ['createPagePost', 'createPagePhoto', 'createPagePostWithPhotos', 'recentPagePosts', 'permalink'],
    run: async () => {
      const postId = await publishing.createPagePost(W.bakeryPageId, page, { message: 'Fresh bread' });
      await publishing.createPagePhoto(W.bakeryPageId, page, {
        url: 'https://example.com/a.jpg',
        caption: 'A',
        published: true,
      });
      const staged = await publishing.createPagePhoto(W.bakeryPageId, page, {
        url: 'https://example.com/b.jpg',
        caption: '',
        published: false,
      });
      await publishing.createPagePostWithPhotos(W.bakeryPageId, page, 'Two', [staged.photoId]);
      expect((await publishing.recentPagePosts(W.bakeryPageId, page)).map((p) => p.id)).toContain(postId);
      expect(await publishing.permalink(postId, page, 'facebook_post')).toEqual(expect.any(String));
    },
  },
  {
    name: 'Instagram publishing: container, status, publish, recent media, quota, permalink',
    covers: ['createIgContainer', 'igContainerStatus', 'igPublish', 'igRecentMedia', 'igPublishingQuota'],
    run: async () => {
      await sim$('publishing', { containerPolls: 0 });
      const container = await publishing.createIgContainer(W.instagramAccountId, page, {
        imageUrl: 'https://example.com/a.jpg',
        caption: 'Bread',
      });
      expect((await publishing.igContainerStatus(container, page)).status).toBe('FINISHED');
      const mediaId = await publishing.igPublish(W.instagramAccountId, page, container);
      expect((await publishing.igRecentMedia(W.instagramAccountId, page)).map((m) => m.id)).toContain(
        mediaId,
      );
      await publishing.igPublishingQuota(W.instagramAccountId, page);
      expect(await publishing.permalink(mediaId, page, 'instagram_media')).toEqual(expect.any(String));
    },
  },
  {
    name: 'the Marketing API: minimums, DSA defaults, campaign → ad set → creative → ad, read back by name, status',
    covers: [
      'adAccountMinimums',
      'adAccountDsa',
      'createCampaign',
      'createAdSet',
      'createCreative',
      'createAd',
      'findAdObjectByName',
      'setAdObjectStatus',
      'campaignStatus',
      'campaignLifetimeSpend',
    ],
    run: async () => {
      expect((await ads.adAccountMinimums(W.adAccountId, user))?.lowFrequency).toBe(4000);
      expect((await ads.adAccountDsa(W.adAccountId, user)).recommendations.length).toBeGreaterThan(0);
      const made = await adObjects();
      expect(await ads.findAdObjectByName('campaign', W.adAccountId, '[cmp_x]', user)).toBe(made.campaignId);
      expect(await ads.findAdObjectByName('adset', made.campaignId, '[cmp_x]', user)).toBe(made.adsetId);
      expect(await ads.findAdObjectByName('creative', W.adAccountId, '[cmp_x]', user)).toBe(made.creativeId);
      expect(await ads.findAdObjectByName('ad', made.adsetId, '[cmp_x]', user)).toBe(made.adId);
      await ads.setAdObjectStatus(made.campaignId, user, 'ACTIVE');
      expect((await ads.campaignStatus(made.campaignId, user)).effectiveStatus).toEqual(expect.any(String));
      expect(await ads.campaignLifetimeSpend(made.campaignId, user)).toBe(0);
    },
  },
  {
    name: 'insights: Page and Instagram series and totals, campaign days, report runs',
    covers: [
      'insightsSeries',
      'insightsTotals',
      'accountCampaignDays',
      'startAccountInsightsReport',
      'insightsReportStatus',
      'insightsReportDays',
    ],
    run: async () => {
      const until = Math.floor(Date.now() / 1000);
      await insights.insightsSeries(
        W.bakeryPageId,
        page,
        ['page_media_view', 'page_post_engagements'],
        since(),
        until,
      );
      await insights.insightsTotals(
        W.instagramAccountId,
        page,
        ['views', 'accounts_engaged'],
        since(),
        until,
      );
      await insights.accountCampaignDays(W.adAccountId, user, isoDay(-7), isoDay(0));
      await sim$('insights', { reportPolls: 0 });
      const run = await insights.startAccountInsightsReport(W.adAccountId, user, isoDay(-60), isoDay(0));
      expect((await insights.insightsReportStatus(run, user)).done).toBe(true);
      await insights.insightsReportDays(run, user);
    },
  },
  {
    name: 'Messenger and Instagram replies through the Page, and the thread read back',
    covers: ['sendMessenger', 'sendInstagram', 'threadMessages'],
    run: async () => {
      const m = await inbound('messenger');
      const i = await inbound('instagram');
      const msg = { text: 'Thanks!', messagingType: 'RESPONSE', tag: null } as const;
      await inbox.sendMessenger(W.bakeryPageId, page, { ...msg, recipientId: m.from });
      await inbox.sendInstagram(W.bakeryPageId, page, { ...msg, recipientId: i.from });
      expect((await inbox.threadMessages(W.bakeryPageId, page, 'instagram', i.from)).length).toBe(2);
    },
  },
  {
    name: 'comments: reply, read replies, hide, delete; a Page post and Instagram media with their comments',
    covers: [
      'replyToComment',
      'commentReplies',
      'setCommentHidden',
      'deleteComment',
      'recentPostIds',
      'postComments',
      'recentMediaIds',
      'mediaComments',
    ],
    run: async () => {
      const fb = await sim$('comments', { pageId: W.bakeryPageId, message: 'Open on Sunday?' });
      const ig = await sim$('comments', { igAccountId: W.instagramAccountId, message: 'Vegan?' });
      for (const [platform, c] of [
        ['facebook', fb],
        ['instagram', ig],
      ] as const) {
        const reply = await inbox.replyToComment(platform, c.commentId, page, 'Yes!');
        expect((await inbox.commentReplies(platform, c.commentId, page)).map((r) => r.id)).toContain(
          reply.id,
        );
        await inbox.setCommentHidden(platform, c.commentId, page, true);
        await inbox.deleteComment(reply.id, page);
      }
      expect(await inbox.recentPostIds(W.bakeryPageId, page)).toContain(fb.postId);
      await inbox.postComments(fb.postId, page, new Date(0));
      expect(await inbox.recentMediaIds(W.instagramAccountId, page)).toContain(ig.postId);
      await inbox.mediaComments(ig.postId, page);
    },
  },
  {
    name: 'WhatsApp: a text reply and a template, and the templates listed',
    covers: ['sendWhatsApp', 'listTemplates'],
    run: async () => {
      const w = await inbound('whatsapp');
      await inbox.sendWhatsApp(W.phoneNumberId, user, { to: w.from, text: 'Hello' }, 'rpl_1');
      await inbox.sendWhatsApp(
        W.phoneNumberId,
        user,
        { to: w.from, template: { name: 'order_update', language: 'en_US', parameters: ['A', 'B'] } },
        'rpl_2',
      );
      expect((await inbox.listTemplates(W.wabaId, user)).map((t) => t.name)).toContain('order_update');
    },
  },
  {
    name: "content: a Page's posts and an Instagram account's media with their figures, in one batch",
    covers: ['readPages'],
    run: async () => {
      await sim$('content', { pageId: W.bakeryPageId, count: 3, ageSeconds: DAY });
      await sim$('content', { igAccountId: W.instagramAccountId, count: 2, ageSeconds: DAY });
      const now = Math.floor(Date.now() / 1000);
      const window = { since: now - 30 * DAY, until: now + 1 };
      const [fb, ig] = await content.readPages(
        [
          {
            platform: 'facebook',
            assetId: W.bakeryPageId,
            token: page,
            ...window,
            insights: [
              'post_media_view',
              'post_total_media_view_unique',
              'post_clicks',
              'post_reactions_by_type_total',
            ],
            limit: 2,
          },
          {
            platform: 'instagram',
            assetId: W.instagramAccountId,
            token: page,
            ...window,
            insights: ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'],
          },
        ],
        page,
      );
      if (!fb?.ok || !ig?.ok) throw new Error(`batch answered ${JSON.stringify([fb, ig])}`);
      expect(fb.items).toHaveLength(2);
      expect(fb.after).toEqual(expect.any(String));
      expect(fb.items[0]).toMatchObject({
        edges: { reactions: expect.any(Number), comments: expect.any(Number) },
        insights: { post_media_view: expect.any(Number), post_reactions_by_type_total: expect.any(Object) },
      });
      expect(ig.items).toHaveLength(2);
      expect(ig.items[0]!.insights.saved).toEqual(expect.any(Number));
    },
  },
  {
    name: 'disconnect: the permissions revoked',
    covers: ['revokePermissions'],
    run: async () => {
      await connections.revokePermissions(user);
    },
  },
];

it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  await c.run();
});

it('covers every public method of the gateways', () => {
  const methods = (proto: object, privates: string[]) =>
    Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && !privates.includes(n));
  const all = [
    ...methods(ConnectionsGraphGateway.prototype, ['appToken', 'all', 'adAccounts', 'numbersOf']),
    ...methods(InboxGraphGateway.prototype, ['all', 'send']),
    ...methods(LeadsGraphGateway.prototype, []),
    ...methods(ContentGraphGateway.prototype, []),
    ...methods(PublishingGraphGateway.prototype, []),
    ...methods(AdsGraphGateway.prototype, ['create']),
    ...methods(InsightsGraphGateway.prototype, []),
  ];
  const covered = new Set(CASES.flatMap((c) => c.covers as string[]));
  expect(all.filter((m) => !covered.has(m))).toEqual([]);
});
