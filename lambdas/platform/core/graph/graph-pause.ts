/**
 * The app-wide pause of the Graph API, shared by every worker: the per-ad-account pace
 * (ads/ad-account-pace.ts) generalised to the whole API. Each process keeps its own
 * {@link GraphOutageTracker}; a pause it decides, and a recovery its probe finds, are written to the
 * store, and every process re-reads the store at most once per `refreshMs`, so one worker's discovery
 * slows them all down.
 */
import { DomainError } from '../errors';
import type { Clock } from '../ports';
import { MetaGraphError, MetaNetworkError } from './graph-error';
import {
  DEFAULT_OUTAGE_POLICY,
  GraphOutageTracker,
  GraphPausedError,
  type GraphOutagePolicy,
  type GraphPause,
  type OutageTransition,
} from './graph-outage';

/** Where the pause is remembered between processes (one item). */
export interface GraphPauseStore {
  get(): Promise<GraphPause | undefined>;
  put(pause: GraphPause): Promise<void>;
  clear(): Promise<void>;
}

/** What the Graph client asks before each call and tells after it. */
export interface GraphCallGate {
  /** resolves when the call may go out; throws {@link GraphPausedError} when it must not */
  before(path: string): Promise<void>;
  /** `undefined`: Meta answered; an error: the call failed with it */
  after(path: string, error?: unknown): Promise<void>;
}

export interface GraphPauseGateOptions {
  store: GraphPauseStore;
  clock: Clock;
  policy?: GraphOutagePolicy;
  /** how often the shared pause is re-read (default 1 s) */
  refreshMs?: number;
  /** told of each pause and recovery, e.g. to log it */
  onChange?: (t: Exclude<OutageTransition, { change: 'none' }>) => void;
}

export class GraphPauseGate implements GraphCallGate {
  private readonly tracker: GraphOutageTracker;
  private readonly refreshMs: number;
  private refreshedAt = -Infinity;
  private lastWriteAt = -Infinity;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly opts: GraphPauseGateOptions) {
    this.tracker = new GraphOutageTracker(opts.policy ?? DEFAULT_OUTAGE_POLICY);
    this.refreshMs = opts.refreshMs ?? 1_000;
  }

  async before(_path: string): Promise<void> {
    await this.refresh();
    const check = this.tracker.check(this.now());
    if (!check.go) throw new GraphPausedError(check.pause, check.waitMs);
  }

  async after(path: string, error?: unknown): Promise<void> {
    const now = this.now();
    let t: OutageTransition;
    if (error === undefined || isAnswer(error)) t = this.tracker.answered(now);
    else if (error instanceof MetaGraphError || error instanceof MetaNetworkError)
      t = this.tracker.failed(error, path, now);
    else {
      // it failed before Meta saw it (a secret, a bug): says nothing about Meta
      this.tracker.released();
      return;
    }
    if (t.change === 'none') return;
    this.opts.onChange?.(t);
    try {
      if (t.change === 'paused') await this.opts.store.put(t.pause);
      else await this.opts.store.clear();
      this.lastWriteAt = this.now();
    } catch {
      // the pause still holds in this process; others find out for themselves
    }
  }

  /** the pause this process knows of, if any */
  current(): GraphPause | null {
    return this.tracker.current();
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const startedAt = this.now();
    if (startedAt - this.refreshedAt < this.refreshMs) return;
    this.refreshedAt = startedAt;
    this.refreshing = (async () => {
      try {
        const stored = await this.opts.store.get();
        // a read that started before our own last write may not show it yet
        if (startedAt >= this.lastWriteAt) this.tracker.adopt(stored ?? null);
      } catch {
        // storage hiccup: keep this process's own view
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private now(): number {
    return this.opts.clock.now().getTime();
  }
}

/** Meta answered, only not in the shape we expected: Meta is up. */
const isAnswer = (err: unknown) => err instanceof DomainError && err.reason === 'graph_response_invalid';
