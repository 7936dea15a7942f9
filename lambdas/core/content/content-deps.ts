import type { ConnectionActorDeps, PostRepository, SettingsRepository } from '../ports';
import type { ContentGraph, ContentRepository } from './content-ports';

export interface ContentDeps extends ConnectionActorDeps {
  settings: SettingsRepository;
  content: ContentRepository;
  contentGraph: ContentGraph;
  /** the calendar, read to link its published posts to their content */
  posts: Pick<PostRepository, 'get'>;
}
