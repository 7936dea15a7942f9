/**
 * Backfill on request: a tenant asks for a date range (or the last N days) of its insights; the request
 * is recorded and audited, the insights worker runs it, and the record says when it ran and what it stored,
 * so a caller can follow it (`GET /insights/backfills/{id}`).
 */
import { notFound } from '../../../platform/core/errors';
import { sendCommand } from '../../../platform/contracts/command-contract';
import { InsightsBackfillRequested } from '../contracts/commands';
import type { InsightsBackfillStore, InsightsDeps } from '../ports';
import { syncInsights, type SyncRange, type SyncSummary } from './sync-insights';
import { recordAudit } from '../../../platform/core/record-audit';

export type BackfillRange = { days: number } | { since: string; until: string };

export interface BackfillRecord {
  tenantId: string;
  id: string;
  status: 'queued' | 'running' | 'completed';
  range: BackfillRange;
  requestedBy: string;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  summary?: Omit<SyncSummary, 'unavailable'> & { unavailable: number };
}

export type { InsightsBackfillStore };

/** longer than the insights worker may run (900 s): a run not finished by then died, and may run again */
const RUN_LEASE_MS = 16 * 60_000;

export type BackfillDeps = InsightsDeps;

export async function requestBackfill(
  deps: Pick<InsightsDeps, 'clock' | 'ids' | 'backfills' | 'audit' | 'commands'>,
  who: { tenantId: string; actor: string },
  range: BackfillRange,
): Promise<BackfillRecord> {
  const now = deps.clock.now().toISOString();
  const record: BackfillRecord = {
    tenantId: who.tenantId,
    id: deps.ids.next('ibf'),
    status: 'queued',
    range,
    requestedBy: who.actor,
    requestedAt: now,
  };
  await deps.backfills.save(record);
  await recordAudit(deps, {
    tenantId: who.tenantId,
    at: now,
    actor: who.actor,
    action: 'insights.backfill',
    target: `insights-backfill:${record.id}`,
    result: 'success',
    details: { ...range },
  });
  await sendCommand(deps.commands, InsightsBackfillRequested, {
    tenantId: who.tenantId,
    requestId: record.id,
    requestedBy: who.actor,
    ...range,
  });
  return record;
}

/** Runs a requested backfill once; a duplicate delivery finds it running or done and leaves it. */
export async function runBackfill(
  deps: BackfillDeps,
  tenantId: string,
  id: string,
): Promise<{ outcome: 'completed'; record: BackfillRecord } | { outcome: 'skipped'; reason: string }> {
  const record = await deps.backfills.get(tenantId, id);
  if (!record) return { outcome: 'skipped', reason: 'backfill_unknown' };
  const now = deps.clock.now();
  const startedAt = now.toISOString();
  if (
    !(await deps.backfills.claim(
      tenantId,
      id,
      startedAt,
      new Date(now.getTime() - RUN_LEASE_MS).toISOString(),
    ))
  )
    return {
      outcome: 'skipped',
      reason: `backfill_${record.status === 'completed' ? 'completed' : 'running'}`,
    };
  const range: SyncRange = { ...record.range, tenantId };
  let s: Awaited<ReturnType<typeof syncInsights>>;
  try {
    s = await syncInsights(deps, range);
  } catch (err) {
    // give the claim back, or the queue's retry would find the run "running" and drop it
    await deps.backfills.save({ ...record, status: 'queued' }).catch(() => undefined);
    throw err;
  }
  const done: BackfillRecord = {
    ...record,
    status: 'completed',
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    summary: { ...s, unavailable: s.unavailable.length },
  };
  await deps.backfills.save(done);
  return { outcome: 'completed', record: done };
}

export async function getBackfill(deps: Pick<BackfillDeps, 'backfills'>, tenantId: string, id: string) {
  const r = await deps.backfills.get(tenantId, id);
  if (!r) throw notFound(`Backfill ${id}`);
  const { tenantId: _t, ...view } = r;
  return view;
}
