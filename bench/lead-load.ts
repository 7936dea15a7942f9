/**
 * Lead load for the benchmarks: the simulator creates and delivers leads at a fixed rate, and a watcher
 * notes when each one becomes readable through `GET /leads`.
 */
import { connectTenant } from './connect';
import { atRate, json, type RuntimeHandle } from './support';

export interface LeadTarget {
  page: string;
  form: string;
}

/** The first Page of the simulated world and its lead form, connected for the bench tenant. */
export async function leadTarget(rt: RuntimeHandle): Promise<LeadTarget> {
  const state = await json(`${rt.simUrl}/_sim/state`);
  const page = state.json.pages[0].id as string;
  const form = state.json.leadForms.find((f: any) => f.pageId === page).id as string;
  // a real app with this volume has a matching budget; throttling is measured on its own
  await json(`${rt.simUrl}/_sim/usage`, { body: { appCallBudget: 1_000_000, pageCallBudget: 1_000_000 } });
  await connectTenant(rt, [page]);
  return { page, form };
}

/** Creates `total` leads at `perSecond`, each delivered by its webhook; leadgen id → when it was sent. */
export async function sendLeads(
  rt: RuntimeHandle,
  target: LeadTarget,
  total: number,
  perSecond: number,
): Promise<Map<string, number>> {
  return atRate(total, perSecond, async (i) => {
    const res = await json(`${rt.simUrl}/_sim/leads`, {
      body: {
        pageId: target.page,
        formId: target.form,
        fieldData: { full_name: `Bench ${i}`, email: `b${i}@example.test` },
        deliver: true,
      },
    });
    return res.json.leadgenId as string;
  });
}

export interface LeadWatcher {
  /** leadgen id → when it was first seen readable */
  seenAt: Map<string, number>;
  /** waits until every id is seen, or `timeoutMs` passes; true when all were */
  waitFor(ids: Iterable<string>, timeoutMs: number): Promise<boolean>;
  /** stops polling, then reads the whole listing once: stored copies per leadgen id */
  finish(): Promise<Map<string, number>>;
}

/**
 * Reads the whole lead list every 250 ms (the measurement must not become the load). The list is
 * ordered by Meta's creation time, not by arrival, so a retried lead sorts among older ones: a first page
 * only would see it late.
 */
export function watchLeads(rt: RuntimeHandle): LeadWatcher {
  const seenAt = new Map<string, number>();
  const readAll = async (): Promise<Map<string, number>> => {
    const copies = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const res: any = await json(`${rt.apiUrl}/api/v1/leads?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
        token: rt.token,
      });
      const now = performance.now();
      for (const l of res.json?.items ?? []) {
        if (!seenAt.has(l.leadgenId)) seenAt.set(l.leadgenId, now);
        copies.set(l.leadgenId, (copies.get(l.leadgenId) ?? 0) + 1);
      }
      cursor = res.json?.nextCursor ?? null;
    } while (cursor);
    return copies;
  };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await readAll();
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    seenAt,
    async waitFor(ids, timeoutMs) {
      const wanted = [...ids];
      const until = performance.now() + timeoutMs;
      while (wanted.some((id) => !seenAt.has(id)) && performance.now() < until)
        await new Promise((r) => setTimeout(r, 100));
      return wanted.every((id) => seenAt.has(id));
    },
    async finish() {
      polling = false;
      await poller;
      return readAll();
    },
  };
}
