import { nestsDeeperThan } from '../../../lambdas/core/webhooks/json-depth';

const depth = (s: string, limit: number) => nestsDeeperThan(Buffer.from(s), limit);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not the brackets inside strings', () => {
    expect(depth('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(depth('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(depth(`{"a":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(depth('{"a":"\\"[[[[","b":[]}', 2)).toBe(false);
    expect(depth('{"a":"\\\\","b":[[[]]]}', 3)).toBe(true);
  });

  it('measures 100,000 levels without recursion', () => {
    expect(depth('['.repeat(100_000) + ']'.repeat(100_000), 64)).toBe(true);
    expect(depth('[]'.repeat(100_000), 1)).toBe(false);
  });
});
