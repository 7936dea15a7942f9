/**
 * Meta's usage headers. `X-App-Usage` on every Graph answer and `X-Business-Use-Case-Usage` on Page-token
 * calls report, in percent of a rolling-hour budget, how much the caller has used. The budgets are small
 * enough that percentages visibly grow in tests and tunable (`POST /_sim/usage`) for benchmarks. With
 * `enforce`, a caller at 100 % is throttled the way Meta does it (code 4 for the app, 32 for a Page).
 */
import { GraphError } from './graph-errors';

const WINDOW_MS = 3600_000;

export interface UsageSettings {
  /** Graph calls per rolling hour that make 100 % of `X-App-Usage` */
  appCallBudget: number;
  /** Page-token calls per Page per rolling hour that make 100 % of its `pages` bucket */
  pageCallBudget: number;
  /** throttle callers that reach 100 % instead of only reporting it */
  enforce: boolean;
}

export const DEFAULT_USAGE_SETTINGS: UsageSettings = {
  appCallBudget: 2000,
  pageCallBudget: 1000,
  enforce: false,
};

class RollingCounter {
  private readonly stamps: number[] = [];

  add(nowMs: number): void {
    this.stamps.push(nowMs);
  }

  count(nowMs: number): number {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= nowMs - WINDOW_MS) this.stamps.shift();
    return this.stamps.length;
  }

  /** minutes until the oldest call leaves the window */
  minutesToRegain(nowMs: number): number {
    const oldest = this.stamps[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 60_000));
  }
}

function percent(count: number, budget: number): number {
  return Math.min(100, Math.ceil((count * 100) / Math.max(1, budget)));
}

export class UsageMeter {
  settings: UsageSettings = { ...DEFAULT_USAGE_SETTINGS };
  private app = new RollingCounter();
  private pages = new Map<string, RollingCounter>();

  reset(): void {
    this.settings = { ...DEFAULT_USAGE_SETTINGS };
    this.app = new RollingCounter();
    this.pages = new Map();
  }

  private pageCounter(pageId: string): RollingCounter {
    let c = this.pages.get(pageId);
    if (!c) {
      c = new RollingCounter();
      this.pages.set(pageId, c);
    }
    return c;
  }

  /** the throttle error Meta would give this call, when enforcing and over budget; checked before counting */
  throttle(pageId: string | null, nowMs: number): GraphError | null {
    if (!this.settings.enforce) return null;
    if (pageId && this.pageCounter(pageId).count(nowMs) >= this.settings.pageCallBudget) {
      return new GraphError({ code: 32, message: '(#32) Page request limit reached' });
    }
    if (this.app.count(nowMs) >= this.settings.appCallBudget) {
      return new GraphError({ code: 4, message: '(#4) Application request limit reached' });
    }
    return null;
  }

  record(pageId: string | null, nowMs: number): void {
    this.app.add(nowMs);
    if (pageId) this.pageCounter(pageId).add(nowMs);
  }

  headers(pageId: string | null, nowMs: number): Record<string, string> {
    const appPct = percent(this.app.count(nowMs), this.settings.appCallBudget);
    const out: Record<string, string> = {
      'x-app-usage': JSON.stringify({
        call_count: appPct,
        total_cputime: Math.ceil(appPct * 0.5),
        total_time: Math.ceil(appPct * 0.7),
      }),
    };
    if (pageId) {
      const counter = this.pageCounter(pageId);
      const pct = percent(counter.count(nowMs), this.settings.pageCallBudget);
      out['x-business-use-case-usage'] = JSON.stringify({
        [pageId]: [
          {
            type: 'pages',
            call_count: pct,
            total_cputime: Math.ceil(pct * 0.5),
            total_time: Math.ceil(pct * 0.7),
            estimated_time_to_regain_access: pct >= 100 ? counter.minutesToRegain(nowMs) : 0,
          },
        ],
      });
    }
    return out;
  }
}
