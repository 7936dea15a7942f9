import { batchMemo, onceRoutesAndConnections, onceSettings } from '../../lambdas/platform/core/batch-memo';

/** A port that counts its reads, with one method no scope replaces. */
class CountingConnections {
  reads: string[] = [];
  async routesFor(assetId: string) {
    this.reads.push(`routes:${assetId}`);
    return [{ tenantId: 't', connectionId: 'c', assetId }];
  }
  async get(tenantId: string, connectionId: string) {
    this.reads.push(`get:${tenantId}/${connectionId}`);
    return { tenantId, connectionId };
  }
  async other() {
    this.reads.push('other');
    return this.reads.length;
  }
}

describe('onceRoutesAndConnections', () => {
  it('reads routes and a connection once per batch, keeps other methods on the port, and a new batch reads again', async () => {
    const port = new CountingConnections();
    const scoped = onceRoutesAndConnections(port, batchMemo());
    await Promise.all([
      scoped.routesFor('p1'),
      scoped.routesFor('p1'),
      scoped.get('t', 'c'),
      scoped.get('t', 'c'),
    ]);
    await scoped.other();
    await scoped.other();
    expect(port.reads).toEqual(['routes:p1', 'get:t/c', 'other', 'other']);
    await onceRoutesAndConnections(port, batchMemo()).get('t', 'c');
    expect(port.reads.filter((r) => r === 'get:t/c')).toHaveLength(2);
  });
});

describe('onceSettings', () => {
  it('reads each setting once per batch, and again after a failed read', async () => {
    let reads = 0;
    let fail = true;
    const settings = {
      async get<T>(_tenantId: string, key: string): Promise<T | undefined> {
        reads++;
        if (fail) throw new Error('throttled');
        return key as unknown as T;
      },
    };
    const scoped = onceSettings(settings, batchMemo());
    await expect(scoped.get('t', 'retention')).rejects.toThrow('throttled');
    fail = false;
    expect(await scoped.get<string>('t', 'retention')).toBe('retention');
    expect(await scoped.get<string>('t', 'retention')).toBe('retention');
    expect(reads).toBe(2);
  });
});
