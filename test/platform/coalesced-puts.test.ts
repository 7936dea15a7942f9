/**
 * The puts a worker batch makes in one turn reach the table in batch writes, each caller learning its own
 * outcome: against dynalite, counting the requests the client sends.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CoalescedPuts } from '../../lambdas/platform/adapters/table/coalesced-puts';
import { createDynamoClients } from '../../local/infra/aws-clients';
import { ensureTable, startDynamoStore, type DynamoStore } from '../../local/infra/dynamo-store';

const TABLE = 'coalesced-puts';
let store: DynamoStore;
let clients: ReturnType<typeof createDynamoClients>;
const sent: string[] = [];

beforeAll(async () => {
  store = await startDynamoStore();
  clients = createDynamoClients(store.endpoint);
  await ensureTable(clients.raw, TABLE);
  clients.doc.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
});

afterAll(async () => {
  clients.raw.destroy();
  await store.close();
});

beforeEach(() => {
  sent.length = 0;
});

const item = (sk: string, extra: Record<string, unknown> = {}) => ({ pk: 'COALESCE#1', sk, ...extra });

async function read(sk: string) {
  const out = await clients.doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'COALESCE#1', sk } }));
  return out.Item;
}

test('thirty puts made in one turn are two batch writes, and every caller learns it was written', async () => {
  const puts = new CoalescedPuts(clients.doc, TABLE);
  await Promise.all(Array.from({ length: 30 }, (_, i) => puts.put(item(`a#${i}`))));
  expect(sent).toEqual(['BatchWriteItemCommand', 'BatchWriteItemCommand']);
  for (const i of [0, 24, 29]) expect(await read(`a#${i}`)).toMatchObject({ sk: `a#${i}` });
});

test('the same key twice in one turn is one request for it, and the last put wins', async () => {
  const puts = new CoalescedPuts(clients.doc, TABLE);
  await Promise.all([puts.put(item('dup', { copy: 1 })), puts.put(item('dup', { copy: 2 }))]);
  expect(sent).toEqual(['BatchWriteItemCommand']);
  expect(await read('dup')).toMatchObject({ copy: 2 });
});

test('puts in separate turns are separate writes', async () => {
  const puts = new CoalescedPuts(clients.doc, TABLE);
  await puts.put(item('first'));
  await puts.put(item('second'));
  expect(sent).toEqual(['BatchWriteItemCommand', 'BatchWriteItemCommand']);
});

test('when the batch fails, every caller gets the error', async () => {
  const puts = new CoalescedPuts(clients.doc, 'no-such-table');
  const outcomes = await Promise.allSettled([puts.put(item('x')), puts.put(item('y'))]);
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  expect((outcomes[0] as PromiseRejectedResult).reason.name).toBe('ResourceNotFoundException');
});
