/** What a batch of leads shares: each read once per batch, failures not remembered, nothing kept after. */
import { withBatchScope } from '../../../lambdas/modules/leads/core/batch-scope';
import type { LeadPipelineDeps } from '../../../lambdas/modules/leads/ports';

class CountingConnections {
  calls: string[] = [];
  routeReads: string[] = [];
  failNext = false;
  constructor(private readonly status: string) {}
  async get(t: string, c: string) {
    this.calls.push(`get ${t} ${c}`);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('throttled');
    }
    return { tenantId: t, connectionId: c, status: this.status };
  }
  async pageToken(t: string, c: string, p: string) {
    this.calls.push(`token ${p}`);
    return `ct-${p}`;
  }
  async routesFor(a: string) {
    this.routeReads.push(a);
    return [];
  }
  async markTokenInvalid(t: string, c: string) {
    // a method the scope does not wrap still runs on the real repository, with its own state
    this.calls.push(`expire ${t} ${c} (${this.status})`);
  }
}

function deps() {
  const connections = new CountingConnections('active');
  const health: unknown[] = [];
  const settingsReads: string[] = [];
  const mappingReads: string[] = [];
  const base = {
    connections,
    leads: { getMapping: async (t: string, f: string) => (mappingReads.push(`${t}/${f}`), { f }) },
    settings: { get: async (t: string, k: string) => (settingsReads.push(`${t}/${k}`), undefined) },
    syncState: { updatePageHealth: async (...args: unknown[]) => void health.push(args) },
  } as unknown as LeadPipelineDeps;
  return { base, connections, health, settingsReads, mappingReads, routeReads: connections.routeReads };
}

describe('withBatchScope', () => {
  it('reads routes, a connection, a Page token, a mapping and a setting once per batch, and again in the next', async () => {
    const d = deps();
    const batch = withBatchScope(d.base);
    await Promise.all([batch.connections.get('t1', 'c1'), batch.connections.get('t1', 'c1')]);
    await batch.connections.pageToken('t1', 'c1', 'p1');
    await batch.connections.pageToken('t1', 'c1', 'p1');
    await batch.connections.pageToken('t1', 'c1', 'p2');
    await batch.leads.getMapping('t1', 'f1');
    await batch.leads.getMapping('t1', 'f1');
    await batch.settings.get('t1', 'retention');
    await batch.settings.get('t2', 'retention');
    await batch.connections.routesFor('p1');
    await batch.connections.routesFor('p1');
    await batch.connections.routesFor('p2');
    expect(d.routeReads).toEqual(['p1', 'p2']);
    expect(d.connections.calls).toEqual(['get t1 c1', 'token p1', 'token p2']);
    expect(d.mappingReads).toEqual(['t1/f1']);
    expect(d.settingsReads).toEqual(['t1/retention', 't2/retention']);

    await withBatchScope(d.base).connections.get('t1', 'c1');
    expect(d.connections.calls.filter((c) => c.startsWith('get'))).toHaveLength(2);
  });

  it('does not remember a failed read', async () => {
    const d = deps();
    const batch = withBatchScope(d.base);
    d.connections.failNext = true;
    await expect(batch.connections.get('t1', 'c1')).rejects.toThrow('throttled');
    await expect(batch.connections.get('t1', 'c1')).resolves.toMatchObject({ status: 'active' });
    expect(d.connections.calls).toEqual(['get t1 c1', 'get t1 c1']);
  });

  it('writes a Page’s last delivery once per batch, and any other health change every time', async () => {
    const d = deps();
    const batch = withBatchScope(d.base);
    await batch.syncState.updatePageHealth('t1', 'c1', 'p1', { lastDeliveryAt: '2026-11-25T10:00:00Z' });
    await batch.syncState.updatePageHealth('t1', 'c1', 'p1', { lastDeliveryAt: '2026-11-25T10:00:01Z' });
    await batch.syncState.updatePageHealth('t1', 'c1', 'p2', { lastDeliveryAt: '2026-11-25T10:00:01Z' });
    await batch.syncState.updatePageHealth('t1', 'c1', 'p1', {
      lastReconciledAt: '2026-11-25T10:00:02Z',
    } as never);
    await batch.syncState.updatePageHealth('t1', 'c1', 'p1', {
      lastReconciledAt: '2026-11-25T10:00:03Z',
    } as never);
    expect(d.health.map((h) => (h as unknown[])[2])).toEqual(['p1', 'p2', 'p1', 'p1']);
  });

  it('leaves the methods it does not share working on the real repository', async () => {
    const d = deps();
    await (withBatchScope(d.base).connections as unknown as CountingConnections).markTokenInvalid('t1', 'c1');
    expect(d.connections.calls).toEqual(['expire t1 c1 (active)']);
  });
});
