import type { AuditLog, Clock, IdGenerator, SettingsRepository } from './ports';
import { recordAudit } from './record-audit';

/** Every settings change is stored and audited together, with who made it and what changed. */
export async function updateSetting<T>(
  deps: { settings: SettingsRepository; audit: AuditLog; clock: Clock; ids: IdGenerator },
  who: { tenantId: string; actor: string },
  key: string,
  value: T,
  details: Record<string, unknown>,
): Promise<T> {
  const at = deps.clock.now().toISOString();
  await deps.settings.put(who.tenantId, key, value, at);
  await recordAudit(deps, {
    tenantId: who.tenantId,
    at,
    actor: who.actor,
    action: 'settings.update',
    target: `settings:${key}`,
    result: 'success',
    details,
  });
  return value;
}
