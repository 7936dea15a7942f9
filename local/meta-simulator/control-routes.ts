/**
 * The control surface: state, call log, faults, reset, clock, usage budgets, plus the route files for
 * consent, leads, webhooks and people. Add new `/_sim` route files here.
 */
import * as z from 'zod';
import { adsControlRoutes } from './control-ads-routes';
import { leadControlRoutes } from './control-lead-routes';
import { type ControlContext, ControlError, ControlRouter, ok, parseInput } from './control-router';
import { userControlRoutes } from './control-user-routes';
import { webhookControlRoutes } from './control-webhook-routes';
import { inboxControlRoutes } from './control-inbox-routes';
import { whatsappControlRoutes } from './whatsapp-management-routes';
import { contentControlRoutes } from './content-routes';
import { FaultSpecSchema } from './faults';
import { loginControlRoutes } from './login-dialog';
import { stateSnapshot } from './state-snapshot';

const ClockSchema = z.object({ advanceSeconds: z.number().int().min(0) });
const MorePagesSchema = z.object({ count: z.number().int().min(1).max(500) });
const PublishingSchema = z
  .object({
    containerPolls: z.number().int().min(0).max(100),
    containerOutcome: z.enum(['FINISHED', 'ERROR', 'EXPIRED']),
    quotaUsage: z.number().int().min(0),
    quotaTotal: z.number().int().min(1),
  })
  .partial();
const UsageSchema = z.object({
  appCallBudget: z.number().int().positive().optional(),
  pageCallBudget: z.number().int().positive().optional(),
  enforce: z.boolean().optional(),
});

function addFault(c: ControlContext) {
  const spec = parseInput(FaultSpecSchema, c.body);
  return ok({ id: c.core.faults.add(spec).id });
}

function removeFault(c: ControlContext) {
  if (!c.core.faults.remove(c.params.id ?? ''))
    throw new ControlError(404, 'unknown_fault', `no fault ${c.params.id ?? ''}`);
  return ok({ removed: true });
}

export function buildControlRouter(): ControlRouter {
  return new ControlRouter()
    .add(...loginControlRoutes, ...leadControlRoutes, ...webhookControlRoutes, ...userControlRoutes)
    .add(...inboxControlRoutes)
    .add(...whatsappControlRoutes)
    .add(...contentControlRoutes)
    .add(...adsControlRoutes)
    .add(
      { method: 'GET', pattern: '/state', handle: (c) => ok(stateSnapshot(c.core)) },
      {
        // more Pages for the demo user and business, for load tests and benchmarks
        method: 'POST',
        pattern: '/pages',
        handle: (c) => {
          const { count } = parseInput(MorePagesSchema, c.body);
          const w = c.core.world;
          const template = [...w.pages.values()][0]!;
          const ids: string[] = [];
          for (let i = 0; i < count; i++) {
            const id = w.newId(15, '1');
            w.pages.set(id, {
              ...template,
              id,
              name: `Demo Page ${i + 1}`,
              igAccountId: null,
              subscribedApps: new Map(),
            });
            ids.push(id);
          }
          return ok({ pageIds: ids });
        },
      },
      {
        method: 'POST',
        pattern: '/publishing',
        handle: (c) => {
          Object.assign(c.core.world.publishing, parseInput(PublishingSchema, c.body));
          return ok(c.core.world.publishing);
        },
      },
      { method: 'GET', pattern: '/calls', handle: (c) => ok({ calls: c.core.calls.list() }) },
      {
        method: 'DELETE',
        pattern: '/calls',
        handle: (c) => {
          c.core.calls.clear();
          return ok({ cleared: true });
        },
      },
      { method: 'POST', pattern: '/faults', handle: addFault },
      { method: 'GET', pattern: '/faults', handle: (c) => ok({ faults: c.core.faults.list() }) },
      {
        method: 'DELETE',
        pattern: '/faults',
        handle: (c) => {
          c.core.faults.clear();
          return ok({ cleared: true });
        },
      },
      { method: 'DELETE', pattern: '/faults/:id', handle: removeFault },
      {
        method: 'POST',
        pattern: '/reset',
        handle: (c) => {
          c.core.reset();
          return ok({ reset: true });
        },
      },
      {
        method: 'POST',
        pattern: '/clock',
        handle: (c) => {
          c.core.clock.advance(parseInput(ClockSchema, c.body).advanceSeconds);
          return ok({ now: c.core.now() });
        },
      },
      { method: 'GET', pattern: '/usage', handle: (c) => ok(c.core.usage.settings) },
      {
        method: 'POST',
        pattern: '/usage',
        handle: (c) => {
          const input = parseInput(UsageSchema, c.body);
          const s = c.core.usage.settings;
          if (input.appCallBudget !== undefined) s.appCallBudget = input.appCallBudget;
          if (input.pageCallBudget !== undefined) s.pageCallBudget = input.pageCallBudget;
          if (input.enforce !== undefined) s.enforce = input.enforce;
          return ok(s);
        },
      },
    );
}
