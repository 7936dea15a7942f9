/**
 * Simple recommendations from stored daily counters, each with the figures behind it so a person can
 * check the reasoning: a campaign whose cost per lead doubled week over week, or that spends without
 * bringing leads.
 */
import type { InsightsDeps } from '../ports';

export interface WeekFigures {
  spend: number;
  leads: number;
  costPerLead: number | null;
}

export interface Recommendation {
  campaignId: string;
  metaCampaignId: string;
  kind: 'cost_per_lead_doubled' | 'spend_without_leads';
  message: string;
  figures: { thisWeek: WeekFigures; lastWeek: WeekFigures };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

function week(points: Array<{ date: string; value: number }>, from: string, to: string) {
  return points.filter((p) => p.date >= from && p.date <= to).reduce((n, p) => n + p.value, 0);
}

function figures(spend: number, leads: number): WeekFigures {
  return {
    spend: Math.round(spend * 100) / 100,
    leads,
    costPerLead: leads > 0 ? Math.round((spend / leads) * 100) / 100 : null,
  };
}

export function judgeWeeks(thisWeek: WeekFigures, lastWeek: WeekFigures): Recommendation['kind'] | null {
  if (thisWeek.spend > 0 && thisWeek.leads === 0 && lastWeek.leads > 0) return 'spend_without_leads';
  if (
    thisWeek.costPerLead !== null &&
    lastWeek.costPerLead !== null &&
    thisWeek.costPerLead >= 2 * lastWeek.costPerLead
  ) {
    return 'cost_per_lead_doubled';
  }
  return null;
}

export async function recommendations(
  deps: Pick<InsightsDeps, 'clock' | 'campaigns' | 'insights'>,
  tenantId: string,
): Promise<Recommendation[]> {
  const now = deps.clock.now();
  const d = (days: number) => iso(new Date(now.getTime() - days * 86_400_000));
  const out: Recommendation[] = [];
  for (const c of await deps.campaigns.createdAtMeta(tenantId)) {
    const id = c.metaCampaignId;
    const spend = await deps.insights.query(tenantId, id, 'spend', d(13), d(0));
    const leads = await deps.insights.query(tenantId, id, 'leads', d(13), d(0));
    const thisWeek = figures(week(spend, d(6), d(0)), week(leads, d(6), d(0)));
    const lastWeek = figures(week(spend, d(13), d(7)), week(leads, d(13), d(7)));
    const kind = judgeWeeks(thisWeek, lastWeek);
    if (!kind) continue;
    out.push({
      campaignId: c.campaignId,
      metaCampaignId: id,
      kind,
      message:
        kind === 'cost_per_lead_doubled'
          ? `Cost per lead went from ${lastWeek.costPerLead} to ${thisWeek.costPerLead} week over week: review the audience or the creative, or pause it.`
          : `Spent ${thisWeek.spend} this week without a lead, after ${lastWeek.leads} leads the week before: check the form and the delivery.`,
      figures: { thisWeek, lastWeek },
    });
  }
  return out;
}
