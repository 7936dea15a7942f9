/**
 * How often a post's figures are read: a post gathers most of its views in its first days, so it is read
 * every run (daily) while young, weekly while it settles, monthly after that, until it leaves the
 * tenant's retention. Posts are read in time windows of a Page's list (up to 100 per call, figures by
 * field expansion), not one by one, so a refresh costs a few calls per asset whatever its number of posts.
 * The young window also heals gaps: a post no webhook announced is found on the next daily run.
 */
import type { ContentAssetState } from '../ports';

export const YOUNG_DAYS = 28;
export const SETTLING_DAYS = 90;
export const SETTLING_EVERY_DAYS = 7;
export const MATURE_EVERY_DAYS = 30;
/** a daily schedule drifts by minutes: a band due "every 7 days" is due a little before */
const SLACK_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type Band = 'first_sync' | 'young' | 'settling' | 'mature';

export interface ReadWindow {
  band: Band;
  /** Unix seconds: published at or after / before */
  since: number;
  until: number;
  reason:
    | 'first_sync_of_the_retention_period'
    | 'young_posts_read_every_run'
    | 'settling_posts_read_weekly'
    | 'mature_posts_read_monthly';
}

const s = (ms: number) => Math.floor(ms / 1000);
const due = (readAt: string | undefined, everyDays: number, nowMs: number) =>
  !readAt || Date.parse(readAt) <= nowMs - everyDays * DAY_MS + SLACK_MS;

/** The windows of an asset's posts to read now, each with why; `horizonDays` is the tenant's retention. */
export function windowsDue(
  state: ContentAssetState | undefined,
  now: Date,
  horizonDays: number,
): ReadWindow[] {
  const nowMs = now.getTime();
  // one second ahead: a post published this very second is in
  const until = s(nowMs) + 1;
  const horizon = s(nowMs - horizonDays * DAY_MS);
  if (!state?.firstSyncAt)
    return [{ band: 'first_sync', since: horizon, until, reason: 'first_sync_of_the_retention_period' }];
  const young = Math.max(horizon, s(nowMs - YOUNG_DAYS * DAY_MS));
  const settling = Math.max(horizon, s(nowMs - SETTLING_DAYS * DAY_MS));
  const out: ReadWindow[] = [{ band: 'young', since: young, until, reason: 'young_posts_read_every_run' }];
  if (settling < young && due(state.settlingReadAt, SETTLING_EVERY_DAYS, nowMs))
    out.push({ band: 'settling', since: settling, until: young, reason: 'settling_posts_read_weekly' });
  if (horizon < settling && due(state.matureReadAt, MATURE_EVERY_DAYS, nowMs))
    out.push({ band: 'mature', since: horizon, until: settling, reason: 'mature_posts_read_monthly' });
  return out;
}

/** The state after the windows read through to their end (a failed one is tried again next run). */
export function afterRead(state: ContentAssetState, read: readonly Band[], at: Date): ContentAssetState {
  const iso = at.toISOString();
  if (read.includes('first_sync'))
    return { ...state, firstSyncAt: iso, youngReadAt: iso, settlingReadAt: iso, matureReadAt: iso };
  return {
    ...state,
    ...(read.includes('young') ? { youngReadAt: iso } : {}),
    ...(read.includes('settling') ? { settlingReadAt: iso } : {}),
    ...(read.includes('mature') ? { matureReadAt: iso } : {}),
  };
}
