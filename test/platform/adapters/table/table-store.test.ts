/**
 * The base every store over the single table extends, against dynalite: conditional writes answer whether
 * they happened (and rethrow anything else), pages carry a cursor bound to their partition, and a stored
 * item comes back without the table's attributes.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '../../../../lambdas/platform/core/ports';
import {
  TableStore,
  conditionHeld,
  revisionCondition,
  whenConditionHolds,
  withoutTableAttributes,
  type TableItem,
} from '../../../../lambdas/platform/adapters/table/table-store';
import { tenantKey } from '../../../../lambdas/platform/adapters/table/keys';
import { createDynamoClients } from '../../../../local/infra/aws-clients';
import { ensureTable, startDynamoStore, type DynamoStore } from '../../../../local/infra/dynamo-store';

const TABLE = 'meta-connector';

/** A store of notes: just enough layout to reach every protected call. */
class NoteStore extends TableStore {
  put(tenantId: string, id: string, rev: number, expectedRev: number | null) {
    return this.writeItemIf(
      { ...tenantKey(tenantId, `NOTE#${id}`), entity: 'note', id, rev },
      revisionCondition(expectedRev),
    );
  }
  get(tenantId: string, id: string) {
    return this.readItem(tenantKey(tenantId, `NOTE#${id}`));
  }
  bump(tenantId: string, id: string, from: number) {
    return this.updateItemIf(tenantKey(tenantId, `NOTE#${id}`), {
      UpdateExpression: 'SET rev = :to',
      ConditionExpression: 'rev = :from',
      ExpressionAttributeValues: { ':from': from, ':to': from + 1 },
    });
  }
  remove(tenantId: string, id: string) {
    return this.removeItem(tenantKey(tenantId, `NOTE#${id}`));
  }
  page(tenantId: string, page: PageRequest) {
    const pk = `T#${tenantId}`;
    return this.queryPage(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': pk, ':p': 'NOTE#' },
      },
      page,
      { pk },
      (i) => withoutTableAttributes<{ id: string; rev: number }>(i),
    );
  }
  all(tenantId: string) {
    return this.queryEvery({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `T#${tenantId}` },
    });
  }
}

describe('TableStore', () => {
  let store: DynamoStore;
  let clients: ReturnType<typeof createDynamoClients>;
  let notes: NoteStore;
  beforeAll(async () => {
    store = await startDynamoStore();
    clients = createDynamoClients(store.endpoint);
    await ensureTable(clients.raw, TABLE);
    notes = new NoteStore(clients.doc, TABLE);
  });
  afterAll(async () => {
    clients.raw.destroy();
    await store.close();
  });

  it('creates once, then replaces only the revision it read', async () => {
    expect(await notes.put('t-rev', 'a', 1, null)).toBe(true);
    expect(await notes.put('t-rev', 'a', 1, null)).toBe(false);
    expect(await notes.put('t-rev', 'a', 2, 7)).toBe(false);
    expect(await notes.put('t-rev', 'a', 2, 1)).toBe(true);
    expect(await notes.get('t-rev', 'a')).toMatchObject({ rev: 2 });
  });

  it('a conditional update answers whether its condition held', async () => {
    await notes.put('t-upd', 'a', 1, null);
    expect(await notes.bump('t-upd', 'a', 1)).toBe(true);
    expect(await notes.bump('t-upd', 'a', 1)).toBe(false);
    expect(await notes.get('t-upd', 'a')).toMatchObject({ rev: 2 });
  });

  it('a delete answers whether there was an item', async () => {
    await notes.put('t-del', 'a', 1, null);
    expect(await notes.remove('t-del', 'a')).toBe(true);
    expect(await notes.remove('t-del', 'a')).toBe(false);
    expect(await notes.get('t-del', 'a')).toBeUndefined();
  });

  it("pages with a cursor bound to the partition, and refuses another partition's cursor", async () => {
    for (const id of ['1', '2', '3']) await notes.put('t-page', id, 1, null);
    const first = await notes.page('t-page', { limit: 2 });
    expect(first.items).toEqual([
      { id: '1', rev: 1 },
      { id: '2', rev: 1 },
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await notes.page('t-page', { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((n) => n.id)).toEqual(['3']);
    expect(second.nextCursor).toBeNull();
    await expect(notes.page('t-other', { limit: 2, cursor: first.nextCursor! })).rejects.toMatchObject({
      reason: 'invalid_cursor',
    });
    expect((await notes.all('t-page')).map((i) => i.id)).toEqual(['1', '2', '3']);
  });

  it('rethrows what is not a failed condition', async () => {
    const refused = clients.doc.send(
      new PutCommand({ TableName: 'no-such-table', Item: { pk: 'x', sk: 'y' } }),
    );
    await expect(conditionHeld(refused)).rejects.toThrow();
    await expect(whenConditionHolds(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const failed = Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' });
    await expect(whenConditionHolds(Promise.reject(failed))).resolves.toBeUndefined();
  });
});

describe('withoutTableAttributes', () => {
  it('drops the keys, index keys and entity, and whatever else is named', () => {
    const item: TableItem = {
      pk: 'T#a',
      sk: 'X#1',
      gsi1pk: 'g1',
      gsi1sk: 'g1s',
      gsi2pk: 'g2',
      gsi2sk: 'g2s',
      entity: 'x',
      expiresAt: 1,
      id: '1',
    };
    expect(withoutTableAttributes(item)).toEqual({ expiresAt: 1, id: '1' });
    expect(withoutTableAttributes(item, 'expiresAt')).toEqual({ id: '1' });
    expect(item.pk).toBe('T#a');
  });
});
