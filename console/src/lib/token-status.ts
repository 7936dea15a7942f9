/** What a person should know about a connection's token: it is gone, expiring soon, or fine. */
import type { Connection } from '../api/api-context';

const DAY = 86_400_000;

export function tokenWarning(
  c: Connection,
  now = Date.now(),
): { tone: 'warn' | 'error'; text: string } | null {
  if (c.status === 'revoked')
    return { tone: 'error', text: 'Disconnected: nothing is read from or sent to Meta.' };
  if (c.status === 'expired')
    return { tone: 'error', text: 'The Meta token expired: connect the account again to resume.' };
  const ends = [c.tokenExpiresAt, c.dataAccessExpiresAt].filter((t): t is string => !!t).map(Date.parse);
  const first = ends.length > 0 ? Math.min(...ends) : null;
  if (c.status === 'expiring' || (first !== null && first - now < 7 * DAY)) {
    const days = first === null ? null : Math.max(0, Math.ceil((first - now) / DAY));
    return {
      tone: 'warn',
      text: `Meta access ends ${days === null ? 'soon' : days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}: connect the account again to extend it.`,
    };
  }
  return null;
}
