import type { ConnectionActorDeps, PostRepository, SettingsRepository } from '../ports';
import type { MetaGraph } from '../meta/meta-graph';
import type { CommandPublisher } from '../../platform/core/ports';
import type { Metrics } from '../../platform/core/observability/metrics';

/** A job that must start at a given second: the scheduler looks a minute ahead and delays the rest. */
export interface DelayedJobSender {
  sendAt(detailType: string, detail: Record<string, unknown>, delaySeconds: number): Promise<void>;
}

export interface PublishingDeps extends ConnectionActorDeps {
  posts: PostRepository;
  settings: SettingsRepository;
  graph: MetaGraph;
  commands: CommandPublisher;
  /** detail-type of the publish job command (publish queue) */
  publishDetailType: string;
  /** present where the publish queue can be reached directly: jobs then start on the scheduled second */
  delayedJobs?: DelayedJobSender;
  /** waits between Instagram container polls, injectable so tests do not sleep */
  sleep: (ms: number) => Promise<void>;
  metrics: Metrics;
}
