import { MetaGraphError, MetaNetworkError } from '../../../lambdas/platform/core/graph/graph-error';
import {
  decideOnError,
  nothingToDo,
  RetryLater,
} from '../../../lambdas/modules/publishing/core/publish-target';
import type { PostRecord, TargetState } from '../../../lambdas/modules/publishing/core/post';
import { describeFailure } from '../../../lambdas/modules/publishing/core/failure-reasons';

const EARLY = { finalAttempt: false };
const LAST = { finalAttempt: true };
const graph = (status: number, code: number, subcode?: number, userMsg?: string) =>
  new MetaGraphError(status, {
    message: `error ${code}`,
    code,
    errorSubcode: subcode,
    errorUserMsg: userMsg,
  });

describe('decideOnError: retry, fail with a reason, or report', () => {
  it('a lost answer retries (the retry reads Meta back); on the last delivery the outcome is unknown', () => {
    const lost = new MetaNetworkError('POST feed got no answer', true);
    expect(decideOnError(lost, EARLY, true)).toEqual({ action: 'retry', reason: 'meta_unreachable' });
    expect(decideOnError(lost, LAST, true)).toEqual({ action: 'fail', reason: 'outcome_unknown' });
    expect(decideOnError(lost, LAST, false)).toEqual({ action: 'fail', reason: 'meta_unavailable' });
  });

  it('transient and rate-limit errors retry, and fail only on the last delivery', () => {
    for (const err of [graph(500, 2), graph(400, 4), graph(400, 32)]) {
      expect(decideOnError(err, EARLY, true).action).toBe('retry');
      expect(decideOnError(err, LAST, true)).toEqual({ action: 'fail', reason: 'meta_unavailable' });
    }
  });

  it("permanent refusals fail at once with Meta's words", () => {
    expect(decideOnError(graph(400, 100, 2207052, 'The media could not be fetched'), EARLY, true)).toEqual({
      action: 'fail',
      reason: 'rejected_code_100',
      metaMessage: 'The media could not be fetched',
    });
    expect(decideOnError(graph(403, 200), EARLY, true)).toMatchObject({
      action: 'fail',
      reason: 'permission_missing_code_200',
    });
    expect(decideOnError(graph(400, 9, 2207042), EARLY, true)).toMatchObject({
      action: 'fail',
      reason: 'publishing_limit_reached',
    });
  });

  it('a container still processing goes back to the queue, and fails after the last delivery', () => {
    const wait = new RetryLater('container_in_progress');
    expect(decideOnError(wait, EARLY, false)).toEqual({ action: 'retry', reason: 'container_in_progress' });
    expect(decideOnError(wait, LAST, false)).toEqual({
      action: 'fail',
      reason: 'container_still_processing',
    });
  });

  it('a container that says PUBLISHED is reported published even when its media cannot be listed', () => {
    expect(decideOnError(new RetryLater('published_media_not_listed_yet'), LAST, false)).toEqual({
      action: 'published_without_id',
      reason: 'published_id_not_found',
    });
  });
});

describe('describeFailure: plain words for the calendar', () => {
  it.each([
    ['not_approved', undefined, /not approved/],
    ['content_changed_after_approval', undefined, /changed after it was approved/],
    ['token_invalid_password_changed', undefined, /password was changed.*Reconnect/],
    ['token_invalid_something_new', undefined, /no longer accepts.*Reconnect/],
    ['publishing_limit_reached', '50 posts in 24 hours', /publishing limit \(50 posts in 24 hours\)/],
    ['media_not_processed', 'Error (2207026)', /could not process the media \(Error \(2207026\)\)/],
    ['permission_missing_code_200', '(#200) no', /missing a permission.*\(#200\) no/],
    ['rejected_code_506', 'Duplicate status message', /Meta refused the post\. Meta said: Duplicate/],
  ])('%s', (reason, said, words) => {
    const f = describeFailure(reason, said);
    expect(f.reason).toBe(reason);
    expect(f.message).toMatch(words);
    expect(f.message).not.toMatch(/_/);
  });
});

describe('nothingToDo: a job for a target that is already settled does nothing, and says why', () => {
  const KEY = 'facebook_page:111111';
  const post = (state?: Partial<TargetState>): PostRecord => ({
    tenantId: 't',
    id: 'post_1',
    message: 'Hi',
    media: [],
    targets: [{ type: 'facebook_page', id: '111111' }],
    status: 'publishing',
    targetStates: state ? { [KEY]: { connectionId: 'c', status: 'pending', ...state } } : {},
    createdBy: 'u',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  it.each([
    [undefined, 'post_deleted'],
    [post(), 'target_removed'],
    [post({ status: 'published' }), 'already_published'],
    [post({ status: 'failed' }), 'already_failed'],
    [post({ status: 'pending' }), null],
    [post({ status: 'publishing', writeStartedAt: '2026-01-01T00:00:00Z' }), null],
  ])('%#', (p, reason) => expect(nothingToDo(p, KEY)).toBe(reason));
});
