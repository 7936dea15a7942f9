/**
 * The inbox's daily figures per asset and channel, counted from the times and directions of the messages
 * the inbox already keeps — never their text:
 * - messages in / out: by the day they were sent; replies sent: outbound messages this service sent
 *   (an approved reply);
 * - a conversation is opened by a contact's message when the thread was quiet for 24 hours before it (or
 *   it is the thread's first message), on the day of that message — Meta's own 24-hour window;
 * - its first response is the business's first message after it (from this service, Meta Business Suite or
 *   the app alike); the first-response time is the time between the two;
 * - response rate: conversations answered within 24 hours among those whose 24 hours are over; one still
 *   inside its 24 hours without an answer is pending and not counted either way.
 */
import type { Channel } from './inbox-model';
import { percentile, sketchOf, type Sketch } from './response-sketch';

export const QUIET_HOURS = 24;
export const ANSWER_WITHIN_HOURS = 24;
const HOUR_MS = 3_600_000;

export interface ThreadMessage {
  direction: 'inbound' | 'outbound';
  /** ms */
  sentAt: number;
  /** set when this service sent it (an approved reply) */
  replyId: string | null;
}

export interface Thread {
  connectionId: string;
  assetId: string;
  channel: Channel;
  messages: ThreadMessage[];
}

export interface DayFigures {
  date: string;
  connectionId: string;
  assetId: string;
  channel: Channel;
  conversationsOpened: number;
  messagesIn: number;
  messagesOut: number;
  repliesSent: number;
  /** opened conversations answered within 24 hours */
  responded: number;
  /** opened conversations not answered within 24 hours */
  unanswered: number;
  /** opened conversations still inside their 24 hours without an answer */
  pending: number;
  firstResponse: { count: number; p50Seconds: number | null; p90Seconds: number | null; sketch: Sketch };
  /** responded / (responded + unanswered); null when neither happened */
  responseRate: number | null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Counts `threads` for the given days (UTC dates); a day with no activity for a key has no row. */
export function countDays(threads: readonly Thread[], days: ReadonlySet<string>, now: Date): DayFigures[] {
  const rows = new Map<string, DayFigures & { seconds: number[] }>();
  const row = (t: Thread, date: string) => {
    const key = `${date}\u0000${t.connectionId}\u0000${t.assetId}\u0000${t.channel}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        date,
        connectionId: t.connectionId,
        assetId: t.assetId,
        channel: t.channel,
        conversationsOpened: 0,
        messagesIn: 0,
        messagesOut: 0,
        repliesSent: 0,
        responded: 0,
        unanswered: 0,
        pending: 0,
        firstResponse: { count: 0, p50Seconds: null, p90Seconds: null, sketch: {} },
        responseRate: null,
        seconds: [],
      };
      rows.set(key, r);
    }
    return r;
  };

  for (const t of threads) {
    const ms = [...t.messages].sort((a, b) => a.sentAt - b.sentAt);
    for (const [i, m] of ms.entries()) {
      const date = dayOf(m.sentAt);
      if (!days.has(date)) continue;
      const r = row(t, date);
      if (m.direction === 'inbound') r.messagesIn++;
      else {
        r.messagesOut++;
        if (m.replyId) r.repliesSent++;
      }
      const previous = ms[i - 1];
      const opens =
        m.direction === 'inbound' && (!previous || m.sentAt - previous.sentAt >= QUIET_HOURS * HOUR_MS);
      if (!opens) continue;
      r.conversationsOpened++;
      const answer = ms.slice(i + 1).find((x) => x.direction === 'outbound');
      const deadline = m.sentAt + ANSWER_WITHIN_HOURS * HOUR_MS;
      if (answer) r.seconds.push(Math.round((answer.sentAt - m.sentAt) / 1000));
      if (answer && answer.sentAt <= deadline) r.responded++;
      else if (now.getTime() > deadline) r.unanswered++;
      else r.pending++;
    }
  }

  return [...rows.values()].map(({ seconds, ...r }) => ({
    ...r,
    firstResponse: {
      count: seconds.length,
      p50Seconds: percentile(seconds, 50),
      p90Seconds: percentile(seconds, 90),
      sketch: sketchOf(seconds),
    },
    responseRate: r.responded + r.unanswered > 0 ? r.responded / (r.responded + r.unanswered) : null,
  }));
}
