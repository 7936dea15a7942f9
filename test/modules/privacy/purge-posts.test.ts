import { decidePost } from '../../../lambdas/modules/privacy/core/purge-posts';
import type { PostRecord } from '../../../lambdas/modules/publishing/contracts/post-records';

const NOW = '2026-06-01T00:00:00.000Z';
const post = (over: Partial<PostRecord> = {}): PostRecord => ({
  tenantId: 't',
  id: 'post_1',
  message: 'hello',
  media: [],
  targets: [
    { type: 'facebook_page', id: 'P1' },
    { type: 'instagram_account', id: 'IG1' },
  ],
  status: 'approved',
  approval: { hash: 'h', by: 'user:a', at: NOW },
  targetStates: {
    'facebook_page:P1': { connectionId: 'con_a', status: 'pending' },
    'instagram_account:IG1': { connectionId: 'con_b', status: 'pending' },
  },
  createdBy: 'user:a',
  createdAt: NOW,
  updatedAt: NOW,
  ...over,
});

describe('a purged connection and the calendar', () => {
  it('keeps posts that do not go through the connection', () => {
    expect(decidePost(post(), 'con_c', NOW)).toEqual({ action: 'keep', reason: 'not_through_connection' });
  });

  it('deletes a post whose every target goes through the connection', () => {
    const p = post({
      targetStates: {
        'facebook_page:P1': { connectionId: 'con_a', status: 'published', metaId: '1_2' },
        'instagram_account:IG1': { connectionId: 'con_a', status: 'published', metaId: '3' },
      },
      status: 'published',
    });
    expect(decidePost(p, 'con_a', NOW)).toEqual({
      action: 'delete',
      reason: 'every_target_through_connection',
    });
  });

  it('trims an unpublished post to its other targets and sends it back to draft', () => {
    const d = decidePost(post(), 'con_a', NOW);
    expect(d).toMatchObject({ action: 'trim', reason: 'other_targets_remain' });
    if (d.action !== 'trim') throw new Error('not trimmed');
    expect(d.post.targets).toEqual([{ type: 'instagram_account', id: 'IG1' }]);
    expect(Object.keys(d.post.targetStates)).toEqual(['instagram_account:IG1']);
    expect(d.post.status).toBe('draft');
    expect(d.post.approval).toBeUndefined();
    expect(JSON.stringify(d.post)).not.toContain('con_a');
  });

  it('keeps the outcome of a published post for its other targets', () => {
    const d = decidePost(
      post({
        status: 'partially_published',
        targetStates: {
          'facebook_page:P1': { connectionId: 'con_a', status: 'failed', error: 'x' },
          'instagram_account:IG1': { connectionId: 'con_b', status: 'published', metaId: '9' },
        },
      }),
      'con_a',
      NOW,
    );
    if (d.action !== 'trim') throw new Error('not trimmed');
    expect(d.post.status).toBe('published');
    expect(d.post.approval).toBeDefined();
  });
});
