import type { AuditEntry } from './audit-entry';
import type { AuditLog, Clock, IdGenerator } from './ports';

/**
 * Records who did what. The entry's id and time are stamped here, once for every use case: the time is
 * the clock's now, unless the caller gives the moment it already stamped its own writes with, so the
 * audit line and the change it describes carry the same time.
 */
export function recordAudit(
  deps: { audit: AuditLog; ids: IdGenerator; clock: Clock },
  { at = deps.clock.now(), ...entry }: Omit<AuditEntry, 'id' | 'at'> & { at?: Date | string },
): Promise<void> {
  return deps.audit.record({
    ...entry,
    id: deps.ids.next('aud'),
    at: typeof at === 'string' ? at : at.toISOString(),
  });
}
