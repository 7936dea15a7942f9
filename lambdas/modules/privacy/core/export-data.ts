/**
 * A tenant's export: its Meta-derived data (connections, assets, leads, posts and content, the inbox,
 * campaigns, insights, settings, audit) as JSON Lines, one object per stored item with its kind, inbox
 * text readable. Secrets and the service's own machinery never leave (export-kinds.ts): token
 * ciphertexts, Page tokens, data keys, replay records. The file is kept where the ExportStore puts it,
 * behind a time-limited link.
 */
import { notFound } from '../../../platform/core/errors';
import { sendCommand } from '../../../platform/contracts/command-contract';
import { ExportRequested } from '../contracts/commands';
import type { ExportDeps } from '../ports';
import { exportTreatment, SEALED_FIELDS } from './export-kinds';
import { recordAudit } from '../../../platform/core/record-audit';

export type { ExportDeps } from '../ports';

const SECRET_FIELDS = new Set([
  'userTokenCiphertext',
  'ciphertext',
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
]);

export async function requestExport(
  deps: Pick<ExportDeps, 'clock' | 'ids' | 'audit' | 'exports' | 'commands'>,
  tenantId: string,
  actor: string,
) {
  const record = {
    tenantId,
    id: deps.ids.next('exp'),
    status: 'pending' as const,
    requestedAt: deps.clock.now().toISOString(),
    requestedBy: actor,
  };
  await deps.exports.save(record);
  await recordAudit(deps, {
    tenantId,
    at: record.requestedAt,
    actor,
    action: 'export.requested',
    target: `export:${record.id}`,
    result: 'success',
  });
  await sendCommand(deps.commands, ExportRequested, { tenantId, exportId: record.id, requestedBy: actor });
  return { id: record.id, status: record.status, requestedAt: record.requestedAt };
}

export function exportLine(item: Record<string, unknown>): string | null {
  if (!exportTreatment(String(item.entity)).include) return null;
  const clean: Record<string, unknown> = { kind: item.entity ?? 'item' };
  for (const [k, v] of Object.entries(item)) {
    if (SECRET_FIELDS.has(k) || k === 'entity') continue;
    // an item's own `kind` (a message's, say) must not hide which kind of item the line is
    clean[k === 'kind' ? 'itemKind' : k] = v;
  }
  return JSON.stringify(clean);
}

/**
 * The item with its sealed fields opened. A field that no longer opens (its key is gone) is exported as
 * null with the reason beside it, never as ciphertext.
 */
async function openSealed(
  cipher: ExportDeps['cipher'],
  tenantId: string,
  item: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const fields = SEALED_FIELDS[String(item.entity)];
  if (!fields || typeof item.id !== 'string') return item;
  const open: Record<string, unknown> = { ...item };
  for (const f of fields) {
    const sealed = item[f.sealed];
    delete open[f.sealed];
    if (typeof sealed !== 'string') {
      open[f.readable] = null;
      continue;
    }
    try {
      open[f.readable] = await cipher.decrypt(tenantId, sealed, f.aad({ id: item.id }));
    } catch {
      open[f.readable] = null;
      open[`${f.readable}Unreadable`] = 'key_unavailable';
    }
  }
  return open;
}

export async function buildExport(deps: ExportDeps, tenantId: string, exportId: string) {
  const record = await deps.exports.get(tenantId, exportId);
  if (!record) return { outcome: 'unknown_export' as const };
  if (record.status === 'completed') return { outcome: 'already_done' as const };
  const lines: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.exports.tenantItems(tenantId, cursor);
    for (const item of page.items) {
      if (!exportTreatment(String(item.entity)).include) continue;
      const line = exportLine(await openSealed(deps.cipher, tenantId, item));
      if (line) lines.push(line);
    }
    cursor = page.cursor;
  } while (cursor);
  const { location, bytes } = await deps.store.write(tenantId, exportId, lines);
  const completedAt = deps.clock.now().toISOString();
  await deps.exports.save({
    ...record,
    status: 'completed',
    completedAt,
    location,
    items: lines.length,
    bytes,
  });
  await recordAudit(deps, {
    tenantId,
    at: completedAt,
    actor: record.requestedBy,
    action: 'export.completed',
    target: `export:${exportId}`,
    result: 'success',
    details: { items: lines.length, bytes },
  });
  return { outcome: 'completed' as const, items: lines.length };
}

export async function getExport(
  deps: Pick<ExportDeps, 'exports' | 'store'>,
  tenantId: string,
  exportId: string,
) {
  const r = await deps.exports.get(tenantId, exportId);
  if (!r) throw notFound(`Export ${exportId}`);
  return {
    id: r.id,
    status: r.status,
    requestedAt: r.requestedAt,
    completedAt: r.completedAt ?? null,
    items: r.items ?? null,
    bytes: r.bytes ?? null,
    format: 'application/x-ndjson',
    downloadUrl: r.location ? await deps.store.downloadUrl(r.location) : null,
  };
}
