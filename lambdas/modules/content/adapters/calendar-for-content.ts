/**
 * What the content module reads of the publishing calendar, over the publishing module's store.
 * Transitional: publishing has not moved into lambdas/modules yet, so this adapter reaches its repository
 * directly; when it moves, this becomes a client of its public contracts.
 */
import type { PostStore as PostRepository } from '../../publishing/contracts/store';
import type { CalendarPost, ContentCalendar } from '../ports';

export class CalendarForContent implements ContentCalendar {
  constructor(private readonly posts: Pick<PostRepository, 'get'>) {}

  get(tenantId: string, postId: string): Promise<CalendarPost | undefined> {
    return this.posts.get(tenantId, postId);
  }
}
