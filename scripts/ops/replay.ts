/**
 * Replay: resends the bus archive's events of a time window to the connector's own rules with EventBridge's
 * StartReplay (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html), then
 * follows it (DescribeReplay) until it ends. Harmless by design: every worker is idempotent (leads by
 * leadgen id, posts by their lease and Meta read-back, replies by their send record), so events that were
 * handled the first time change nothing; only those lost to the incident do work.
 */
import { randomBytes } from 'node:crypto';
import { DescribeReplayCommand, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import type { OpsTarget } from './target';

export interface ReplayOptions {
  from: Date;
  to: Date;
  /** default `ops-<from>-<random>` */
  name?: string;
  wait?: boolean;
  timeoutMs?: number;
  pollMs?: number;
}

export interface ReplayOutcome {
  name: string;
  /** EventBridge's state: STARTING/RUNNING (when not waited for), COMPLETED, CANCELLED, FAILED */
  state: string;
  reason?: string;
  lastReplayed?: Date;
}

const DONE = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

export async function replay(target: OpsTarget, options: ReplayOptions): Promise<ReplayOutcome> {
  if (!(options.from.getTime() < options.to.getTime())) throw new Error('--from must be before --to');
  const name =
    options.name ??
    `ops-${options.from
      .toISOString()
      .replace(/[-:]|\.\d+Z$/g, '')
      .replace('T', '-')}-${randomBytes(3).toString('hex')}`;
  const { archiveArn, busArn, ruleArns } = await target.replayTargets();
  await target.eventBridge.send(
    new StartReplayCommand({
      ReplayName: name,
      Description: `npm run ops -- replay ${options.from.toISOString()} to ${options.to.toISOString()}`,
      EventSourceArn: archiveArn,
      EventStartTime: options.from,
      EventEndTime: options.to,
      Destination: { Arn: busArn, FilterArns: ruleArns },
    }),
  );
  const describe = async (): Promise<ReplayOutcome> => {
    const r = await target.eventBridge.send(new DescribeReplayCommand({ ReplayName: name }));
    return {
      name,
      state: r.State ?? 'UNKNOWN',
      ...(r.StateReason ? { reason: r.StateReason } : {}),
      ...(r.EventLastReplayedTime ? { lastReplayed: r.EventLastReplayedTime } : {}),
    };
  };
  if (options.wait === false) return describe();
  const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
  for (;;) {
    const outcome = await describe();
    if (DONE.has(outcome.state) || Date.now() > deadline) return outcome;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
  }
}

/** `2026-11-02T10:00:00Z`, `now`, or an offset from now: `-90m`, `-2h`, `-1d`. */
export function parseTime(value: string, now = new Date()): Date {
  if (value === 'now') return now;
  const offset = /^-(\d+)([smhd])$/.exec(value);
  if (offset) {
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[offset[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now.getTime() - Number(offset[1]) * unit);
  }
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new Error(
      `"${value}" is not a time: use ISO-8601 (2026-11-02T10:00:00Z), now, or -90m / -2h / -1d`,
    );
  return date;
}
