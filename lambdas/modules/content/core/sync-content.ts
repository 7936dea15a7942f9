/**
 * Scheduled content sync: for every connection with the `insights` feature, every selected Page's
 * published posts and every selected Instagram account's media — those published outside this service
 * too — with their figures. An asset's first run reads its whole retention period; later runs read the
 * windows due (refresh-cadence.ts): the young posts every run, which also finds any post no webhook
 * announced, the settling ones weekly, the mature ones monthly.
 *
 * Calls stay far below one per post: each list call returns up to 100 posts with their figures by field
 * expansion, and the lists of all a connection's assets go to Meta together, up to 50 in one batch
 * request. Each list is answered on its own: one Meta refuses is skipped with its reason (the others go
 * on), one that did not finish in time is asked again, an invalid-metric refusal finds the metric Meta
 * stopped serving (one probe per metric, batched) and records it unavailable for the asset — reported so,
 * never as 0 — and a dead token expires the connection. The Graph client paces every call on Meta's usage
 * headers, batched ones included.
 */
import { classifyGraphError, MetaGraphError } from '../../../platform/core/graph/graph-error';
import { tokenRefused } from '../../../platform/core/graph/token-refused';
import type { AssetRoute, ContentDeps, ContentConnection } from '../ports';
import { isInvalidMetricError } from '../../../platform/core/graph/invalid-metric';
import { loadRetention } from '../../../platform/core/retention-policy';
import {
  PLATFORM_ASSET_TYPE,
  type ContentPlatform,
  type ContentRecord,
  type MetricSnapshot,
} from './content-model';
import { insightsToRead } from './content-metrics';
import {
  MAX_LISTS_PER_CALL,
  type ContentAssetState,
  type ContentListRequest,
  type ContentListResult,
} from '../ports';
import { recordOf, type AssetRef } from './content-records';
import { afterRead, windowsDue, type Band, type ReadWindow } from './refresh-cadence';

/** a list Meta did not finish within a batch is asked this many times in one run */
const MAX_ATTEMPTS = 3;

export interface ContentSyncSummary {
  connections: number;
  assets: number;
  /** Graph HTTP requests made (each batch is one) */
  graphRequests: number;
  /** list calls inside them: what Meta counts toward the rate limits */
  listCalls: number;
  /** posts and media read and stored */
  items: number;
  /** stored ones Meta no longer lists (removed or unpublished there), removed here too */
  removed: number;
  /** windows read, by age band */
  windows: Record<Band, number>;
  unavailable: Array<{ assetId: string; metric: string }>;
  /** assets (or their windows) left for the next run, with why */
  skipped: Array<{ assetId: string; reason: string }>;
}

interface Asset extends AssetRef {
  token: string;
  state: ContentAssetState;
  unavailable: Set<string>;
  windows: ReadWindow[];
  /** bands read through to their end this run */
  done: Band[];
  failed: string | null;
  items: number;
  /** Meta's ids listed in each band this run */
  seen: Map<Band, Set<string>>;
}

interface Job {
  asset: Asset;
  window: ReadWindow;
  after?: string;
  attempts: number;
}

const usable = (c: ContentConnection | undefined): c is ContentConnection =>
  !!c && (c.status === 'active' || c.status === 'expiring') && !!c.userTokenCiphertext;

/** `deadline`: no connection is started after it (the job's time budget); those left wait for the next run. */
export async function syncContent(
  deps: ContentDeps,
  opts: { tenantId?: string; deadline?: Date } = {},
): Promise<ContentSyncSummary> {
  const summary: ContentSyncSummary = {
    connections: 0,
    assets: 0,
    graphRequests: 0,
    listCalls: 0,
    items: 0,
    removed: 0,
    windows: { first_sync: 0, young: 0, settling: 0, mature: 0 },
    unavailable: [],
    skipped: [],
  };
  const routes: AssetRoute[] = [];
  for (const assetType of Object.values(PLATFORM_ASSET_TYPE))
    routes.push(
      ...(await deps.connections.listSelected(assetType)).filter(
        (r) => !opts.tenantId || r.tenantId === opts.tenantId,
      ),
    );
  const byConnection = new Map<string, AssetRoute[]>();
  for (const r of routes) {
    const key = `${r.tenantId}\u0000${r.connectionId}`;
    byConnection.set(key, [...(byConnection.get(key) ?? []), r]);
  }
  // the connection read longest ago goes first, so one the time budget left out leads the next run
  const queue: Array<{ connection: ContentConnection; routes: AssetRoute[]; lastRead: string }> = [];
  for (const group of byConnection.values()) {
    const connection = await deps.connections.get(group[0]!.tenantId, group[0]!.connectionId);
    // content performance is part of reporting: the `insights` feature asks for what it needs
    if (!usable(connection) || !connection.features.includes('insights')) continue;
    let lastRead = '~';
    for (const r of group) {
      const state = await deps.content.getAssetState(r.tenantId, r.connectionId, r.assetId);
      const at = state?.lastRun?.at ?? '';
      if (at < lastRead) lastRead = at;
    }
    queue.push({ connection, routes: group, lastRead });
  }
  queue.sort((a, b) => (a.lastRead < b.lastRead ? -1 : a.lastRead > b.lastRead ? 1 : 0));
  for (const { connection, routes: group } of queue) {
    if (opts.deadline && deps.clock.now() >= opts.deadline) {
      for (const r of group) summary.skipped.push({ assetId: r.assetId, reason: 'time_budget_spent' });
      continue;
    }
    summary.connections++;
    await syncConnection(deps, connection, group, summary);
  }
  return summary;
}

async function syncConnection(
  deps: ContentDeps,
  connection: ContentConnection,
  routes: AssetRoute[],
  summary: ContentSyncSummary,
): Promise<void> {
  const { tenantId, connectionId } = connection;
  const now = deps.clock.now();
  const retention = await loadRetention(deps.settings, tenantId);
  const catalog = await deps.connections.getAssets(tenantId, connectionId);
  const pageTokens = new Map<string, string | null>();
  const pageToken = async (pageId: string | undefined) => {
    if (!pageId) return null;
    if (!pageTokens.has(pageId)) {
      const ciphertext = await deps.connections.pageToken(tenantId, connectionId, pageId);
      pageTokens.set(
        pageId,
        ciphertext ? await deps.vault.decrypt(ciphertext, { tenantId, connectionId }) : null,
      );
    }
    return pageTokens.get(pageId) ?? null;
  };

  const assets: Asset[] = [];
  for (const route of routes) {
    const platform: ContentPlatform = route.assetType === 'pages' ? 'facebook' : 'instagram';
    const pageId =
      platform === 'facebook'
        ? route.assetId
        : catalog?.instagramAccounts.find((a) => a.id === route.assetId)?.pageId;
    const token = await pageToken(pageId);
    summary.assets++;
    if (!token) {
      summary.skipped.push({ assetId: route.assetId, reason: 'page_token_missing' });
      continue;
    }
    const state = (await deps.content.getAssetState(tenantId, connectionId, route.assetId)) ?? {
      tenantId,
      connectionId,
      assetId: route.assetId,
      platform,
    };
    const windows = windowsDue(state, now, retention.contentDays);
    for (const w of windows) summary.windows[w.band]++;
    assets.push({
      tenantId,
      connectionId,
      platform,
      assetId: route.assetId,
      token,
      state,
      unavailable: new Set(await deps.content.listUnavailable(tenantId, route.assetId)),
      windows,
      done: [],
      failed: null,
      items: 0,
      seen: new Map(windows.map((w) => [w.band, new Set<string>()])),
    });
  }

  const open = new Map<Asset, Map<Band, number>>();
  const queue: Job[] = [];
  for (const asset of assets) {
    open.set(asset, new Map(asset.windows.map((w) => [w.band, 1])));
    for (const window of asset.windows) queue.push({ asset, window, attempts: 0 });
  }
  const finishWindow = (job: Job) => {
    const left = open.get(job.asset)!;
    left.set(job.window.band, (left.get(job.window.band) ?? 1) - 1);
    if (left.get(job.window.band) === 0) job.asset.done.push(job.window.band);
  };

  let expired = false;
  while (queue.length > 0 && !expired) {
    const batch = queue.splice(0, MAX_LISTS_PER_CALL).filter((j) => !j.asset.failed);
    if (batch.length === 0) continue;
    const results = await readBatch(deps, batch, summary);
    const records: ContentRecord[] = [];
    const snapshots: MetricSnapshot[] = [];
    for (const [i, job] of batch.entries()) {
      const result = results[i]!;
      if (result.ok) {
        for (const item of result.items) {
          job.asset.seen.get(job.window.band)?.add(item.metaId);
          const made = recordOf(job.asset, item, retention, now);
          if (!made) continue;
          records.push(made.record);
          snapshots.push(made.snapshot);
          job.asset.items++;
        }
        if (result.after) {
          // the same window's next page; it is still open
          open.get(job.asset)!.set(job.window.band, (open.get(job.asset)!.get(job.window.band) ?? 0) + 1);
          queue.push({ ...job, after: result.after, attempts: 0 });
        }
        finishWindow(job);
        continue;
      }
      if (result.reason === 'not_completed') {
        if (job.attempts + 1 < MAX_ATTEMPTS) queue.push({ ...job, attempts: job.attempts + 1 });
        else fail(job.asset, 'meta_did_not_complete_the_read');
        continue;
      }
      const err = result.error;
      if (err instanceof MetaGraphError && isInvalidMetricError(err.code, err.body.message)) {
        const refused = await probeMetrics(deps, job.asset, summary);
        if (refused.length > 0 && job.attempts + 1 < MAX_ATTEMPTS) {
          queue.push({ ...job, attempts: job.attempts + 1 });
          continue;
        }
      }
      const tokenReason = await tokenRefused(deps, connection, err, 'system:content-sync');
      if (tokenReason) {
        expired = true;
        for (const a of assets) fail(a, `token_invalid_${tokenReason}`);
        break;
      }
      fail(
        job.asset,
        err instanceof MetaGraphError
          ? classifyGraphError(err.httpStatus, err.body).reason
          : 'meta_answer_unreadable',
      );
    }
    // a disconnect while the run read: its purge must not find our writes after it finished
    const still = await deps.connections.get(connection.tenantId, connection.connectionId);
    if (!usable(still)) {
      for (const a of assets) fail(a, 'connection_no_longer_active');
      break;
    }
    if (records.length > 0) await deps.content.putItems(records, snapshots);
    summary.items += records.length;
  }

  for (const asset of assets) {
    if (asset.failed) summary.skipped.push({ assetId: asset.assetId, reason: asset.failed });
    else summary.removed += await removeUnlisted(deps, asset, now);
    // a window is done only when read through to its end; a failed asset keeps what it read and tries again
    const state = afterRead(asset.state, asset.failed ? [] : asset.done, now);
    await deps.content.saveAssetState({
      ...state,
      lastRun: { at: now.toISOString(), outcome: asset.failed ?? 'ok', items: asset.items },
    });
  }
}

/** what Meta may not list yet: a post published this last hour stays until a later run says otherwise */
const SETTLE_MS = 3_600_000;
const WINDOW_CAP = 20_000;

/**
 * A window read through to its end lists every post of the asset in it: a stored one it did not list was
 * removed (or unpublished) at Meta — Instagram sends no webhook for that — and goes here too.
 */
async function removeUnlisted(deps: ContentDeps, asset: Asset, now: Date): Promise<number> {
  let removed = 0;
  for (const w of asset.windows) {
    if (!asset.done.includes(w.band)) continue;
    const seen = asset.seen.get(w.band)!;
    const stored = await deps.content.listAll(
      asset.tenantId,
      {
        assetId: asset.assetId,
        since: new Date(w.since * 1000).toISOString(),
        until: new Date(w.until * 1000 - 1).toISOString(),
      },
      WINDOW_CAP,
    );
    for (const item of stored ?? []) {
      if (seen.has(item.metaId) || Date.parse(item.publishedAt) > now.getTime() - SETTLE_MS) continue;
      await deps.content.deleteItem(asset.tenantId, item.id);
      removed++;
    }
  }
  return removed;
}

function fail(asset: Asset, reason: string): void {
  asset.failed ??= reason;
}

function requestOf(job: Job): ContentListRequest {
  return {
    platform: job.asset.platform,
    assetId: job.asset.assetId,
    token: job.asset.token,
    since: job.window.since,
    until: job.window.until,
    ...(job.after ? { after: job.after } : {}),
    insights: insightsToRead(job.asset.platform, job.asset.unavailable),
  };
}

async function readBatch(
  deps: ContentDeps,
  batch: Job[],
  summary: ContentSyncSummary,
): Promise<ContentListResult[]> {
  summary.graphRequests++;
  summary.listCalls += batch.length;
  try {
    return await deps.contentGraph.readPages(batch.map(requestOf), batch[0]!.asset.token);
  } catch (err) {
    // the batch failed as a whole (after the client's retries): each list is as failed as the batch
    return batch.map(() => ({ ok: false as const, reason: 'error' as const, error: err }));
  }
}

/**
 * Meta refused a list because one of its insights metrics is no longer served: ask for each metric on
 * its own (one batch, one post each) and record the refused ones unavailable for the asset.
 */
async function probeMetrics(deps: ContentDeps, asset: Asset, summary: ContentSyncSummary): Promise<string[]> {
  const metrics = insightsToRead(asset.platform, asset.unavailable);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  summary.graphRequests++;
  summary.listCalls += metrics.length;
  const results = await deps.contentGraph.readPages(
    metrics.map((m) => ({
      platform: asset.platform,
      assetId: asset.assetId,
      token: asset.token,
      since: now - 86_400 * 400,
      until: now + 1,
      insights: [m],
      limit: 1,
    })),
    asset.token,
  );
  const refused: string[] = [];
  for (const [i, r] of results.entries()) {
    if (r.ok || r.reason !== 'error') continue;
    if (!(r.error instanceof MetaGraphError) || !isInvalidMetricError(r.error.code, r.error.body.message))
      continue;
    const metric = metrics[i]!;
    refused.push(metric);
    asset.unavailable.add(metric);
    await deps.content.markUnavailable(asset.tenantId, asset.connectionId, asset.assetId, metric);
    summary.unavailable.push({ assetId: asset.assetId, metric });
  }
  return refused;
}
