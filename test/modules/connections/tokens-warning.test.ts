import { warningDue } from '../../../lambdas/modules/connections/core/watch-tokens';

describe('token expiry warnings', () => {
  it.each([
    [10, [], null],
    [6.5, [], 7],
    [6.5, [7], null],
    [2.5, [7], 3],
    [2.5, [], 3],
    [0.5, [7, 3], 1],
    [0.5, [7, 3, 1], null],
  ])('%s days left, already sent %j → %s', (daysLeft, sent, expected) => {
    expect(warningDue(daysLeft, sent)).toBe(expected);
  });
});
