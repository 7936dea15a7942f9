/**
 * The fixed world every simulator starts from and returns to on reset. Ids are constants (exported) so
 * tests and the local runtime can name the demo assets; they have Meta's lengths and prefixes.
 */
import type { IdSource } from './ids';
import { World, type LeadQuestion, type PageTask } from './world';
import { DEFAULT_PROFILE } from './ad-delivery';

export const DEFAULT_WORLD_IDS = {
  /** app-scoped id of "Dana Demo", who manages everything below */
  userId: '10231947650218873',
  /** app-scoped id of "Sam Second": no Pages, no business, for isolation tests */
  secondUserId: '10228504931176642',
  businessId: '1093847561203948',
  /** "Demo Bakery", linked to the Instagram account */
  bakeryPageId: '108472639501827',
  /** "Demo Bikes" */
  bikesPageId: '112094857362018',
  /** Instagram business account "demobakery" */
  instagramAccountId: '17841405822304914',
  bakeryLeadFormId: '1245067893412875',
  bikesLeadFormId: '1189034567231094',
  /** `act_` + adAccountNumber */
  adAccountId: 'act_1029384756102938',
  adAccountNumber: '1029384756102938',
  campaignId: '120214538870610043',
  adsetId: '120214538870640043',
  adId: '120214538870680043',
  wabaId: '104857362910384',
  phoneNumberId: '109283746501928',
  /** Conversions API dataset (pixel) that accepts CRM events */
  datasetId: '871234509876123',
} as const;

const ALL_TASKS: PageTask[] = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];

// 2026-01-15T09:00:00Z: the forms and the campaign predate every test's leads
const CREATED = 1768467600;

function standardQuestions(prefix: string): LeadQuestion[] {
  return [
    { id: `${prefix}01`, key: 'full_name', label: 'Full name', type: 'FULL_NAME' },
    { id: `${prefix}02`, key: 'email', label: 'Email', type: 'EMAIL' },
    { id: `${prefix}03`, key: 'phone_number', label: 'Phone number', type: 'PHONE' },
  ];
}

export function buildDefaultWorld(ids: IdSource): World {
  const w = new World(ids);
  const I = DEFAULT_WORLD_IDS;

  w.users.set(I.userId, { id: I.userId, name: 'Dana Demo' });
  w.users.set(I.secondUserId, { id: I.secondUserId, name: 'Sam Second' });

  w.businesses.set(I.businessId, {
    id: I.businessId,
    name: 'Demo Business',
    verificationStatus: 'verified',
    memberUserIds: [I.userId],
  });

  w.pages.set(I.bakeryPageId, {
    id: I.bakeryPageId,
    name: 'Demo Bakery',
    category: 'Bakery',
    businessId: I.businessId,
    clientBusinessIds: [],
    igAccountId: I.instagramAccountId,
    roles: [{ userId: I.userId, tasks: [...ALL_TASKS] }],
    subscribedApps: new Map(),
  });
  w.pages.set(I.bikesPageId, {
    id: I.bikesPageId,
    name: 'Demo Bikes',
    category: 'Bicycle Shop',
    businessId: I.businessId,
    clientBusinessIds: [],
    igAccountId: null,
    roles: [{ userId: I.userId, tasks: [...ALL_TASKS] }],
    subscribedApps: new Map(),
  });

  w.instagramAccounts.set(I.instagramAccountId, {
    id: I.instagramAccountId,
    username: 'demobakery',
    name: 'Demo Bakery',
    pageId: I.bakeryPageId,
    followersCount: 1280,
    mediaCount: 42,
  });

  w.leadForms.set(I.bakeryLeadFormId, {
    id: I.bakeryLeadFormId,
    pageId: I.bakeryPageId,
    name: 'Bakery catering requests',
    status: 'ACTIVE',
    locale: 'en_US',
    questions: [
      ...standardQuestions('30012874561'),
      { id: '3001287456104', key: 'preferred_pickup_day', label: 'Preferred pickup day', type: 'CUSTOM' },
    ],
    createdTime: CREATED,
  });
  w.leadForms.set(I.bikesLeadFormId, {
    id: I.bikesLeadFormId,
    pageId: I.bikesPageId,
    name: 'Bike test ride sign-up',
    status: 'ACTIVE',
    locale: 'en_US',
    questions: [
      ...standardQuestions('30029915734'),
      { id: '3002991573404', key: 'frame_size', label: 'Which frame size do you ride?', type: 'CUSTOM' },
    ],
    createdTime: CREATED,
  });

  w.adAccounts.set(I.adAccountId, {
    id: I.adAccountId,
    accountId: I.adAccountNumber,
    name: 'Demo Business Ads',
    currency: 'EUR',
    accountStatus: 1,
    timezoneName: 'Europe/Berlin',
    businessId: I.businessId,
    clientBusinessIds: [],
    userIds: [I.userId],
    dsaRecommendations: ['Demo Business GmbH'],
  });
  w.campaigns.set(I.campaignId, {
    id: I.campaignId,
    adAccountId: I.adAccountId,
    name: 'Catering leads — spring',
    objective: 'OUTCOME_LEADS',
    status: 'ACTIVE',
    createdTime: CREATED,
  });
  w.adSets.set(I.adsetId, {
    id: I.adsetId,
    campaignId: I.campaignId,
    adAccountId: I.adAccountId,
    name: 'Berlin 25-54',
    status: 'ACTIVE',
  });
  w.ads.set(I.adId, {
    id: I.adId,
    adsetId: I.adsetId,
    campaignId: I.campaignId,
    adAccountId: I.adAccountId,
    name: 'Catering form ad',
    status: 'ACTIVE',
  });
  // it has delivered every day since it was created, at 30.00 a day
  w.deliveries.set(I.adsetId, {
    adsetId: I.adsetId,
    campaignId: I.campaignId,
    dailyRate: 3000,
    startTime: CREATED,
    endTime: null,
    intervals: [{ from: CREATED, to: null }],
    profile: { ...DEFAULT_PROFILE },
  });
  w.datasets.set(I.datasetId, {
    id: I.datasetId,
    name: 'Demo Business CRM dataset',
    adAccountId: I.adAccountId,
  });

  w.wabas.set(I.wabaId, {
    id: I.wabaId,
    name: 'Demo Business WhatsApp',
    businessId: I.businessId,
    currency: 'EUR',
    timezoneId: '47',
  });
  w.phoneNumbers.set(I.phoneNumberId, {
    id: I.phoneNumberId,
    wabaId: I.wabaId,
    displayPhoneNumber: '+1 555-010-4477',
    verifiedName: 'Demo Business',
    qualityRating: 'GREEN',
  });
  // WhatsApp templates of the demo WABA: one approved, one still in review
  w.messageTemplates.push(
    {
      id: '1298374650192837',
      wabaId: I.wabaId,
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      bodyText: 'Hello {{1}}, your order {{2}} is ready for pickup.',
    },
    {
      id: '1298374650192838',
      wabaId: I.wabaId,
      name: 'spring_offer',
      language: 'en_US',
      status: 'PENDING',
      category: 'MARKETING',
      bodyText: 'Spring is here: 10% off all cakes this week.',
    },
  );
  return w;
}
