/**
 * A tenant's export: its Meta-derived data (connections, assets, leads, settings, sync state) as JSON
 * Lines, one object per stored item with its kind. Secrets never leave: token ciphertexts and Page tokens
 * are left out. The file is kept where the ExportStore puts it, behind a time-limited link.
 */
import { notFound } from '../../platform/core/errors';
import type {
  AuditLog,
  Clock,
  CommandPublisher,
  ExportRepository,
  ExportStore,
  IdGenerator,
} from './export-ports';

export interface ExportDeps {
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  exports: ExportRepository;
  store: ExportStore;
  commands: CommandPublisher;
  exportDetailType: string;
}

const SECRET_ENTITIES = new Set(['page-token']);
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

export async function requestExport(deps: ExportDeps, tenantId: string, actor: string) {
  const record = {
    tenantId,
    id: deps.ids.next('exp'),
    status: 'pending' as const,
    requestedAt: deps.clock.now().toISOString(),
    requestedBy: actor,
  };
  await deps.exports.save(record);
  await deps.audit.record({
    tenantId,
    id: deps.ids.next('aud'),
    at: record.requestedAt,
    actor,
    action: 'export.requested',
    target: `export:${record.id}`,
    result: 'success',
  });
  await deps.commands.send(deps.exportDetailType, { tenantId, exportId: record.id, requestedBy: actor });
  return { id: record.id, status: record.status, requestedAt: record.requestedAt };
}

export function exportLine(item: Record<string, unknown>): string | null {
  if (SECRET_ENTITIES.has(String(item.entity))) return null;
  const clean: Record<string, unknown> = { kind: item.entity ?? 'item' };
  for (const [k, v] of Object.entries(item)) if (!SECRET_FIELDS.has(k) && k !== 'entity') clean[k] = v;
  return JSON.stringify(clean);
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
      if (item.entity === 'export') continue;
      const line = exportLine(item);
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
  await deps.audit.record({
    tenantId,
    id: deps.ids.next('aud'),
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
