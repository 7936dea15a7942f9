/** Helpers for the ads tests: a valid draft, what the simulated Marketing API holds, waiting on a status. */
import type { HttpClient, LocalRuntimeFixture } from './local-runtime';
import { connectAndSelect, eventually, simJson } from './meta-connect';
import { DEFAULT_WORLD_IDS as W } from '../../local/meta-simulator';

export const DAY_MS = 86_400_000;

/** What an ads test selects: the bakery Page, the ad account and the bakery lead form. */
export const ADS_SELECTION = {
  pages: [W.bakeryPageId],
  adAccounts: [W.adAccountId],
  leadForms: [W.bakeryLeadFormId],
};

/** Connects a tenant with the ads selection; returns the connection id. */
export const connectAdsTenant = (rt: LocalRuntimeFixture, tenantId: string, features = ['ads', 'leads']) =>
  connectAndSelect(rt, tenantId, ADS_SELECTION, { features });

/**
 * a lead campaign at 45.00 EUR a day (above Meta's low-frequency floor for conversions) for a week,
 * starting in a minute, aimed at Portugal: in the EU, so it names its beneficiary and payer
 */
export const draftBody = (name: string, extra: Record<string, unknown> = {}) => ({
  adAccountId: W.adAccountId,
  name,
  objective: 'OUTCOME_LEADS',
  dailyBudget: 4500,
  dsa: { beneficiary: 'Demo Bakery Lda' },
  startTime: new Date(Date.now() + 60_000).toISOString(),
  endTime: new Date(Date.now() + 7 * DAY_MS + 60_000).toISOString(),
  targeting: { countries: ['PT'], ageMin: 25, ageMax: 55 },
  creative: { pageId: W.bakeryPageId, message: 'Order your bread online' },
  leadFormId: W.bakeryLeadFormId,
  ...extra,
});

export const simState = async (rt: LocalRuntimeFixture) => (await simJson(rt, '/_sim/state')).json;

/** the objects the simulated Meta holds for one of our campaigns (their names carry its id) */
export async function atMeta(rt: LocalRuntimeFixture, campaignId: string) {
  const s = await simState(rt);
  const mine = (x: { name: string }) => x.name.includes(`[${campaignId}]`);
  return {
    campaigns: s.campaigns.filter(mine),
    adSets: s.adSets.filter(mine),
    creatives: s.creatives.filter(mine),
    ads: s.ads.filter(mine),
  };
}

export const untilStatus = (api: HttpClient, id: string, status: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const c = (await api.get(`/api/v1/campaigns/${id}`)).json;
      return c.status === status ? c : undefined;
    },
    timeoutMs,
    100,
  );

export const advanceSimClock = (rt: LocalRuntimeFixture, seconds: number) =>
  simJson(rt, '/_sim/clock', { body: { advanceSeconds: seconds } });
