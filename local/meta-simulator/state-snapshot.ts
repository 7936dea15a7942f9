/** `GET /_sim/state`: the world as plain JSON, for tests to assert on what the service did at "Meta". */
import { metaTime } from './leads-routes';
import { campaignSpendMinor } from './ad-delivery';
import { campaignEffectiveStatus } from './ads-routes';
import type { SimulatorCore } from './simulator-core';

export function stateSnapshot(core: SimulatorCore): Record<string, unknown> {
  const w = core.world;
  const now = core.now();
  return {
    now,
    appId: core.appId,
    users: [...w.users.values()].map((u) => ({ id: u.id, name: u.name })),
    businesses: [...w.businesses.values()].map((b) => ({
      id: b.id,
      name: b.name,
      memberUserIds: [...b.memberUserIds],
    })),
    pages: [...w.pages.values()].map((p) => ({
      id: p.id,
      name: p.name,
      category: p.category,
      businessId: p.businessId,
      instagramAccountId: p.igAccountId,
      roles: p.roles.map((r) => ({ userId: r.userId, tasks: [...r.tasks] })),
      subscribedApps: [...p.subscribedApps.entries()].map(([id, fields]) => ({
        id,
        subscribedFields: [...fields],
      })),
    })),
    instagramAccounts: [...w.instagramAccounts.values()].map((a) => ({
      id: a.id,
      username: a.username,
      name: a.name,
      pageId: a.pageId,
    })),
    leadForms: [...w.leadForms.values()].map((f) => ({
      id: f.id,
      name: f.name,
      pageId: f.pageId,
      status: f.status,
      questions: f.questions.map((q) => ({ ...q })),
    })),
    leads: [...w.leads.values()].map((l) => ({
      id: l.id,
      formId: l.formId,
      pageId: l.pageId,
      adId: l.adId,
      createdTime: metaTime(l.createdTime),
      isOrganic: l.isOrganic,
      platform: l.platform,
      fieldData: l.fieldData.map((f) => ({ name: f.name, values: [...f.values] })),
    })),
    adAccounts: [...w.adAccounts.values()].map((a) => ({
      id: a.id,
      accountId: a.accountId,
      name: a.name,
      currency: a.currency,
    })),
    // spend in minor units of the account currency, grown with the simulator's clock (ad-delivery.ts)
    campaigns: [...w.campaigns.values()].map((c) => ({
      ...c,
      effectiveStatus: campaignEffectiveStatus(c, w),
      spendMinor: Math.round(campaignSpendMinor(w, c.id, now)),
    })),
    adSets: [...w.adSets.values()].map((a) => {
      const d = w.deliveries.get(a.id);
      return { ...a, ...(d ? { dailyRate: d.dailyRate, startTime: d.startTime, endTime: d.endTime } : {}) };
    }),
    creatives: [...w.creatives.values()].map((c) => ({ ...c })),
    ads: [...w.ads.values()].map((a) => ({ ...a })),
    whatsappBusinessAccounts: [...w.wabas.values()].map((x) => ({ ...x })),
    phoneNumbers: [...w.phoneNumbers.values()].map((n) => ({ ...n })),
    datasets: [...w.datasets.values()].map((d) => ({ ...d })),
    posts: w.posts.map((p) => ({ ...p })),
    messages: w.messages.map((m) => ({ ...m })),
    comments: [...w.comments.values()].map((c) => ({ ...c, from: { ...c.from } })),
    messageTemplates: w.messageTemplates.map((t) => ({ ...t })),
    wabaSubscriptions: [...w.wabaSubscribedApps.entries()].map(([wabaId, apps]) => ({
      wabaId,
      apps: [...apps],
    })),
    conversionEvents: w.conversionEvents.map((e) => ({ ...e })),
    // token values stay out: only what a test needs to reason about lifetimes and revocation
    tokens: [...w.tokens.values()].map((t) => ({
      type: t.type,
      userId: t.userId,
      pageId: t.pageId,
      scopes: [...t.scopes],
      issuedAt: t.issuedAt,
      expiresAt: t.expiresAt,
      valid: !t.invalidated && (t.expiresAt === 0 || t.expiresAt > now),
    })),
  };
}
