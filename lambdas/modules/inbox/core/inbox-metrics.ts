/**
 * The inbox figures: an hourly job recounts the last days of every tenant with an inbox (a reply to
 * yesterday's conversation changes yesterday's figures) from the conversations and messages the inbox
 * stores, and keeps the result as daily counters per asset and channel for 13 months — after the
 * messages themselves are gone. `GET /inbox/metrics` reads them back, day by day and over the range.
 */
import { invalid } from '../../../platform/core/errors';
import type { Clock } from '../../../platform/core/ports';
import type { InboxConnections, InboxRepository } from '../ports';
import type { Channel } from './inbox-model';
import { fixedTtlFor } from '../../../platform/core/retention-policy';
import {
  ANSWER_WITHIN_HOURS,
  countDays,
  QUIET_HOURS,
  type DayFigures,
  type Thread,
} from './count-conversations';
import { mergeSketches, sketchPercentile } from './response-sketch';

export interface InboxDayRow extends DayFigures {
  tenantId: string;
  computedAt: string;
  /** epoch seconds: 13 months after the day it describes */
  expiresAt: number;
}

export interface InboxMetricsFilter {
  since: string;
  until: string;
  assetId?: string;
  channel?: string;
}

export interface InboxMetricsRepository {
  putDays(rows: InboxDayRow[]): Promise<void>;
  /** rows of the days in [since, until] (YYYY-MM-DD), narrowed by asset and channel */
  query(tenantId: string, filter: InboxMetricsFilter): Promise<InboxDayRow[]>;
}

export interface InboxMetricsDeps {
  clock: Clock;
  connections: Pick<InboxConnections, 'get' | 'listSelected'>;
  inbox: Pick<InboxRepository, 'listConversations' | 'listMessages'>;
  inboxMetrics: InboxMetricsRepository;
}

/** today and the two days before: an answer comes within a day of its conversation's last day */
export const RECOUNT_DAYS = 3;
const DAY_MS = 86_400_000;
const PAGE = 100;

export interface InboxMetricsSummary {
  tenants: number;
  conversations: number;
  messages: number;
  rows: number;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function syncInboxMetrics(
  deps: InboxMetricsDeps,
  opts: { tenantId?: string; days?: number } = {},
): Promise<InboxMetricsSummary> {
  const summary: InboxMetricsSummary = { tenants: 0, conversations: 0, messages: 0, rows: 0 };
  const tenants = new Set<string>();
  for (const kind of ['pages', 'instagramAccounts', 'whatsappNumbers'] as const)
    for (const r of await deps.connections.listSelected(kind)) {
      if (opts.tenantId && r.tenantId !== opts.tenantId) continue;
      const c = await deps.connections.get(r.tenantId, r.connectionId);
      if (c && (c.features.includes('inbox') || c.features.includes('whatsapp'))) tenants.add(r.tenantId);
    }
  const now = deps.clock.now();
  const todayMs = Date.parse(`${iso(now.getTime())}T00:00:00Z`);
  const count = opts.days ?? RECOUNT_DAYS;
  const days = new Set(Array.from({ length: count }, (_, i) => iso(todayMs - i * DAY_MS)));
  // a day's first message needs the day before to tell whether it opened a conversation
  const fromMs = todayMs - (count - 1) * DAY_MS - QUIET_HOURS * 3_600_000;
  for (const tenantId of tenants) {
    summary.tenants++;
    const threads = await recentThreads(deps, tenantId, fromMs, summary);
    // a revoked connection's data is being purged: counting it would leave counters behind the purge
    const live = new Map<string, boolean>();
    for (const id of new Set(threads.map((t) => t.connectionId))) {
      const c = await deps.connections.get(tenantId, id);
      live.set(id, !!c && c.status !== 'revoked');
    }
    const rows = countDays(
      threads.filter((t) => live.get(t.connectionId)),
      days,
      now,
    ).map((r): InboxDayRow => ({
      ...r,
      tenantId,
      computedAt: now.toISOString(),
      expiresAt: fixedTtlFor('insight', new Date(`${r.date}T00:00:00Z`)).expiresAt,
    }));
    await deps.inboxMetrics.putDays(rows);
    summary.rows += rows.length;
  }
  return summary;
}

/** every conversation with a message since `fromMs`, with its messages since then (times and directions) */
async function recentThreads(
  deps: InboxMetricsDeps,
  tenantId: string,
  fromMs: number,
  summary: InboxMetricsSummary,
): Promise<Thread[]> {
  const threads: Thread[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.inbox.listConversations(tenantId, {}, { limit: PAGE, cursor });
    let older = false;
    for (const c of page.items) {
      // newest activity first: the first one quiet since `fromMs` ends the walk
      if (!c.lastMessageAt || Date.parse(c.lastMessageAt) < fromMs) {
        older = true;
        break;
      }
      summary.conversations++;
      const messages: Thread['messages'] = [];
      let mc: string | undefined;
      for (;;) {
        const mp = await deps.inbox.listMessages(tenantId, c.id, { limit: PAGE, cursor: mc });
        let done = false;
        for (const m of mp.items) {
          const at = m.sentAt ? Date.parse(m.sentAt) : NaN;
          if (!Number.isFinite(at)) continue;
          if (at < fromMs) {
            done = true;
            break;
          }
          messages.push({ direction: m.direction, sentAt: at, replyId: m.replyId });
        }
        if (done || !mp.nextCursor) break;
        mc = mp.nextCursor;
      }
      summary.messages += messages.length;
      threads.push({ connectionId: c.connectionId, assetId: c.assetId, channel: c.channel, messages });
    }
    if (older || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return threads;
}

const sum = (rows: InboxDayRow[], k: keyof Pick<InboxDayRow, Summed>) => rows.reduce((n, r) => n + r[k], 0);
type Summed =
  | 'conversationsOpened'
  | 'messagesIn'
  | 'messagesOut'
  | 'repliesSent'
  | 'responded'
  | 'unanswered'
  | 'pending';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /inbox/metrics`: each day's counters and the range's totals (percentiles estimated within 1 %). */
export async function readInboxMetrics(
  deps: Pick<InboxMetricsDeps, 'inboxMetrics' | 'clock'>,
  tenantId: string,
  q: { since?: string; until?: string; assetId?: string; channel?: Channel },
) {
  const until = q.until ?? iso(deps.clock.now().getTime());
  const since = q.since ?? iso(Date.parse(`${until}T00:00:00Z`) - 29 * DAY_MS);
  if (!DAY_RE.test(since) || !DAY_RE.test(until) || since > until)
    throw invalid('since must be a day on or before until', [
      { field: 'query.since', message: 'after until' },
    ]);
  const rows = (
    await deps.inboxMetrics.query(tenantId, { since, until, assetId: q.assetId, channel: q.channel })
  ).sort((a, b) => (a.date + a.assetId + a.channel < b.date + b.assetId + b.channel ? -1 : 1));
  const sketch = mergeSketches(rows.map((r) => r.firstResponse.sketch));
  const responded = sum(rows, 'responded');
  const unanswered = sum(rows, 'unanswered');
  return {
    since,
    until,
    definitions: {
      conversationOpenedAfterQuietHours: QUIET_HOURS,
      answeredWithinHours: ANSWER_WITHIN_HOURS,
    },
    days: rows.map((r) => ({
      date: r.date,
      assetId: r.assetId,
      channel: r.channel,
      conversationsOpened: r.conversationsOpened,
      messagesIn: r.messagesIn,
      messagesOut: r.messagesOut,
      repliesSent: r.repliesSent,
      responded: r.responded,
      unanswered: r.unanswered,
      pending: r.pending,
      firstResponseCount: r.firstResponse.count,
      firstResponseP50Seconds: r.firstResponse.p50Seconds,
      firstResponseP90Seconds: r.firstResponse.p90Seconds,
      responseRate: r.responseRate,
      computedAt: r.computedAt,
    })),
    totals: {
      conversationsOpened: sum(rows, 'conversationsOpened'),
      messagesIn: sum(rows, 'messagesIn'),
      messagesOut: sum(rows, 'messagesOut'),
      repliesSent: sum(rows, 'repliesSent'),
      responded,
      unanswered,
      pending: sum(rows, 'pending'),
      firstResponseCount: rows.reduce((n, r) => n + r.firstResponse.count, 0),
      firstResponseP50Seconds: sketchPercentile(sketch, 50),
      firstResponseP90Seconds: sketchPercentile(sketch, 90),
      responseRate: responded + unanswered > 0 ? responded / (responded + unanswered) : null,
    },
  };
}
