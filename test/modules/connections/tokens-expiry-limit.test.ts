import { expiryLimit } from '../../../lambdas/modules/connections/core/watch-tokens';

const NOW = new Date('2026-06-01T00:00:00Z');
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

describe('what ends a connection first', () => {
  it.each([
    [inDays(30), inDays(90), 'active', 'token_valid', 'token'],
    [inDays(5), inDays(90), 'expiring', 'token_expires_soon', 'token'],
    [inDays(-1), inDays(90), 'expired', 'token_expired', 'token'],
    [inDays(50), inDays(5), 'expiring', 'data_access_expires_soon', 'data_access'],
    [inDays(50), inDays(-1), 'expired', 'data_access_expired', 'data_access'],
    [null, inDays(3), 'expiring', 'data_access_expires_soon', 'data_access'],
    [null, null, 'active', 'token_does_not_expire', 'token'],
  ] as const)('token %s, data access %s → %s (%s)', (token, data, status, reason, limitedBy) => {
    expect(expiryLimit(token, data, NOW)).toMatchObject({ status, reason, limitedBy });
  });
});
