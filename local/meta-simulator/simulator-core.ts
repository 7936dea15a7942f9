/**
 * All the state of one simulator instance: options, targets, the world, the clock, faults, the call log,
 * usage counters, the Graph route table and the answers held back by `timeout-after-success` faults.
 * Nothing lives at module level, so tests can run several simulators side by side.
 */
import type { ServerResponse } from 'node:http';
import { SimClock } from './clock';
import { CallLog } from './call-log';
import { buildDefaultWorld } from './default-world';
import { FaultStore } from './faults';
import { buildGraphRoutes } from './graph-routes';
import { IdSource, randomSeed } from './ids';
import type { GraphRouteRegistry } from './route-registry';
import type { MetaSimulatorOptions, SimulatorTargets } from './simulator-options';
import { UsageMeter } from './usage-meter';
import { AdsUsageMeter } from './ads-usage';
import type { World } from './world';

export class SimulatorCore {
  readonly appId: string;
  readonly appSecret: string;
  readonly appName = 'Meta Business Connector (simulated)';
  readonly graphVersion: string;
  readonly requireAppSecretProof: boolean;
  readonly seed: number;
  readonly clock = new SimClock();
  readonly faults = new FaultStore();
  readonly calls = new CallLog();
  readonly usage = new UsageMeter();
  /** the Marketing API's per-ad-account buckets (ads-usage.ts) */
  readonly adsUsage = new AdsUsageMeter();
  readonly registry: GraphRouteRegistry = buildGraphRoutes();
  targets: SimulatorTargets;
  world: World;
  /** http://host:port, known once the server listens */
  origin = '';
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: MetaSimulatorOptions) {
    this.appId = options.appId;
    this.appSecret = options.appSecret;
    this.graphVersion = options.graphVersion ?? 'v26.0';
    this.requireAppSecretProof = options.requireAppSecretProof ?? true;
    this.seed = options.seed ?? randomSeed();
    this.targets = {
      ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
      ...(options.deauthorizeUrl ? { deauthorizeUrl: options.deauthorizeUrl } : {}),
      ...(options.dataDeletionUrl ? { dataDeletionUrl: options.dataDeletionUrl } : {}),
    };
    this.world = buildDefaultWorld(new IdSource(this.seed));
  }

  now(): number {
    return this.clock.nowS();
  }

  traceId(): string {
    return this.world.ids.fbtraceId();
  }

  setTargets(t: SimulatorTargets): void {
    for (const key of ['webhookUrl', 'deauthorizeUrl', 'dataDeletionUrl'] as const) {
      if (key in t) {
        const v = t[key];
        if (v) this.targets[key] = v;
        else delete this.targets[key];
      }
    }
  }

  reset(): void {
    this.world = buildDefaultWorld(new IdSource(this.seed));
    this.clock.reset();
    this.faults.clear();
    this.calls.clear();
    this.usage.reset();
    this.adsUsage.reset();
  }

  /** never answer: keep the socket open, or cut it after `delayMs` */
  holdOpen(res: ServerResponse, delayMs: number | undefined): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
    if (delayMs !== undefined) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        res.socket?.destroy();
      }, delayMs);
      this.timers.add(t);
    }
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  releaseHeld(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }
}
