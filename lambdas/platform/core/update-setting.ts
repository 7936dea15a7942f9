import type { AuditLog, Clock, IdGenerator, SettingsRepository } from './ports';

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
  await deps.audit.record({
    tenantId: who.tenantId,
    id: deps.ids.next('aud'),
    at,
    actor: who.actor,
    action: 'settings.update',
    target: `settings:${key}`,
    result: 'success',
    details,
  });
  return value;
}
