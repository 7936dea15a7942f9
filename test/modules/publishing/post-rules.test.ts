import {
  approvalHash,
  decideByRules,
  validateDraft,
  type Draft,
} from '../../../lambdas/modules/publishing/core/post-rules';
import { overallStatus } from '../../../lambdas/modules/publishing/core/post';

const NOW = new Date('2026-03-01T10:00:00Z');
const PAGE = { type: 'facebook_page' as const, id: '111111' };
const IG = { type: 'instagram_account' as const, id: '222222' };
const IMAGE = { type: 'image' as const, url: 'https://cdn.example.test/a.jpg' };
const VIDEO = { type: 'video' as const, url: 'https://cdn.example.test/v.mp4' };
const draft = (d: Partial<Draft>): Draft => ({ message: 'Hello', media: [], targets: [PAGE], ...d });
const fields = (d: Partial<Draft>) => validateDraft(draft(d), NOW).map((i) => i.field);

describe("validateDraft: Meta's limits per target", () => {
  it('accepts a Page text post, a link post, photos, and an Instagram image, reel or carousel', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ link: 'https://example.test' })).toEqual([]);
    expect(fields({ media: [IMAGE, IMAGE, IMAGE] })).toEqual([]);
    expect(fields({ targets: [IG], media: [IMAGE] })).toEqual([]);
    expect(fields({ targets: [IG], media: [VIDEO] })).toEqual([]);
    expect(fields({ targets: [IG], media: [IMAGE, VIDEO] })).toEqual([]);
  });

  it('Instagram: needs media, no link, caption ≤ 2200, ≤ 30 hashtags, ≤ 20 mentions, ≤ 10 items', () => {
    expect(fields({ targets: [IG] })).toEqual(['body.media']);
    expect(fields({ targets: [IG], media: [IMAGE], link: 'https://x.test' })).toEqual(['body.link']);
    expect(fields({ targets: [IG], media: [IMAGE], message: 'x'.repeat(2201) })).toEqual(['body.message']);
    expect(fields({ targets: [IG], media: [IMAGE], message: 'x'.repeat(2200) })).toEqual([]);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ');
    expect(fields({ targets: [IG], media: [IMAGE], message: tags(30) })).toEqual([]);
    expect(fields({ targets: [IG], media: [IMAGE], message: tags(31) })).toEqual(['body.message']);
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@a.b${i}`).join(' ');
    expect(fields({ targets: [IG], media: [IMAGE], message: mentions(20) })).toEqual([]);
    expect(fields({ targets: [IG], media: [IMAGE], message: mentions(21) })).toEqual(['body.message']);
    expect(fields({ targets: [IG], media: Array(11).fill(IMAGE) })).toEqual(['body.media']);
    // an e-mail address is not a mention
    expect(fields({ targets: [IG], media: [IMAGE], message: `${mentions(20)} me@shop.test` })).toEqual([]);
  });

  it('Facebook: no video (publish_video is not requested), link or media, ≤ 10 photos, not empty', () => {
    expect(fields({ media: [IMAGE, VIDEO] })).toEqual(['body.media.1.type']);
    expect(fields({ link: 'https://x.test', media: [IMAGE] })).toEqual(['body.link']);
    expect(fields({ media: Array(11).fill(IMAGE) })).toEqual(['body.media']);
    expect(fields({ message: '' })).toEqual(['body.message']);
    expect(fields({ message: 'x'.repeat(63_207) })).toEqual(['body.message']);
  });

  it('a schedule may not lie in the past; no 10-minute minimum as Meta native scheduling is not used', () => {
    expect(fields({ scheduledAt: '2026-03-01T09:58:00.000Z' })).toEqual(['body.scheduledAt']);
    expect(fields({ scheduledAt: '2026-03-01T09:59:30.000Z' })).toEqual([]);
    expect(fields({ scheduledAt: '2026-03-01T10:01:00.000Z' })).toEqual([]);
  });

  it('both targets: the stricter rule of each applies', () => {
    expect(fields({ targets: [PAGE, IG], media: [VIDEO] })).toEqual(['body.media.0.type']);
    expect(fields({ targets: [], media: [] })).toEqual(['body.targets']);
  });
});

describe('approvalHash binds an approval to exactly what was approved', () => {
  const base = draft({ media: [IMAGE], targets: [PAGE, IG], scheduledAt: '2026-03-02T09:00:00.000Z' });
  it.each([
    ['the text', { message: 'Hello!' }],
    ['the link', { link: 'https://x.test' }],
    ['the media', { media: [{ ...IMAGE, url: 'https://cdn.example.test/b.jpg' }] }],
    ['the media type', { media: [{ ...IMAGE, type: 'video' as const }] }],
    ['the targets', { targets: [PAGE] }],
    ['the schedule', { scheduledAt: '2026-03-02T09:01:00.000Z' }],
  ])('changes with %s', (_what, change) => {
    expect(approvalHash({ ...base, ...change })).not.toBe(approvalHash(base));
  });
  it('does not depend on the order targets were listed in', () => {
    expect(approvalHash({ ...base, targets: [IG, PAGE] })).toBe(approvalHash(base));
  });
});

describe('decideByRules', () => {
  const rule = { id: 'r1', actors: ['marketer'], targetIds: [PAGE.id], description: '' };
  it('approves when the author and every target are covered, with the rule and the reason', () => {
    expect(decideByRules([rule], 'user:marketer', [PAGE])).toEqual({
      approved: true,
      ruleId: 'r1',
      reason: 'rule_matched',
    });
  });
  it('says why it does not approve', () => {
    expect(decideByRules([], 'marketer', [PAGE])).toEqual({ approved: false, reason: 'no_rules' });
    expect(decideByRules([rule], 'intern', [PAGE])).toEqual({ approved: false, reason: 'no_rule_matches' });
    // one uncovered target is enough to need a person
    expect(decideByRules([rule], 'marketer', [PAGE, IG])).toEqual({
      approved: false,
      reason: 'no_rule_matches',
    });
  });
  it('an empty list means anyone or any target', () => {
    expect(decideByRules([{ ...rule, actors: [] }], 'anyone', [PAGE]).approved).toBe(true);
    expect(decideByRules([{ ...rule, targetIds: [] }], 'marketer', [PAGE, IG]).approved).toBe(true);
  });
});

describe('overallStatus follows the targets', () => {
  const s = (...st: Array<'pending' | 'publishing' | 'published' | 'failed'>) =>
    overallStatus(st.map((status) => ({ connectionId: 'c', status })));
  it.each([
    [s('published', 'published'), 'published'],
    [s('published', 'pending'), 'publishing'],
    [s('published', 'failed'), 'partially_published'],
    [s('failed', 'failed'), 'failed'],
  ])('%s', (got, want) => expect(got).toBe(want));
});
