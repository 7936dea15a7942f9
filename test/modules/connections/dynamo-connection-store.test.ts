/**
 * A disconnect must win against every worker still holding a copy of the connection read before it: the
 * production repository against dynalite, and `markExpired` (what a worker calls on a token error) on top.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionStore } from '../../../lambdas/modules/connections/adapters/dynamo-connection-store';
import { connectionSk, tenantPk } from '../../../lambdas/platform/adapters/table/keys';
import { markExpired } from '../../../lambdas/modules/connections/contracts';
import type { ConnectionRecord } from '../../../lambdas/modules/connections/contracts';
import { createDynamoClients } from '../../../local/infra/aws-clients';
import { ensureTable, startDynamoStore, type DynamoStore } from '../../../local/infra/dynamo-store';

const TABLE = 'meta-connector';
const NOW = new Date('2026-12-05T10:00:00Z');

function connection(connectionId: string): ConnectionRecord {
  return {
    tenantId: 'race-co',
    connectionId,
    status: 'active',
    metaUserId: '9001',
    features: ['leads'],
    requestedScopes: ['leads_retrieval'],
    grantedScopes: ['leads_retrieval'],
    declinedScopes: [],
    missingFeatures: [],
    userTokenCiphertext: 'kms:ciphertext-of-the-user-token',
    tokenExpiresAt: '2027-02-01T00:00:00Z',
    dataAccessExpiresAt: null,
    tokenCheckedAt: NOW.toISOString(),
    consentedAt: NOW.toISOString(),
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    selection: {
      businesses: [],
      pages: [],
      instagramAccounts: [],
      adAccounts: [],
      leadForms: [],
      whatsappNumbers: [],
    },
    createdBy: 'user:ana',
  };
}

describe('DynamoConnectionStore.update after a disconnect', () => {
  let store: DynamoStore;
  let clients: ReturnType<typeof createDynamoClients>;
  let repo: DynamoConnectionStore;
  beforeAll(async () => {
    store = await startDynamoStore();
    clients = createDynamoClients(store.endpoint);
    await ensureTable(clients.raw, TABLE);
    repo = new DynamoConnectionStore(clients.doc, TABLE);
  });
  afterAll(async () => {
    clients.raw.destroy();
    await store.close();
  });

  /** the connection as a worker read it, then the disconnect that happened after the read */
  async function readThenRevoked(connectionId: string) {
    await repo.create(connection(connectionId));
    const stale = (await repo.get('race-co', connectionId))!;
    const { userTokenCiphertext: _token, ...rest } = stale;
    await repo.update({ ...rest, status: 'revoked', statusReason: 'user_disconnected' });
    return stale;
  }

  it('refuses a stale copy: the connection stays revoked and its token does not come back', async () => {
    const stale = await readThenRevoked('con_stale');
    await expect(
      repo.update({ ...stale, status: 'expired', statusReason: 'token_invalid' }),
    ).rejects.toMatchObject({ kind: 'conflict', reason: 'connection_revoked' });
    const stored = await repo.get('race-co', 'con_stale');
    expect(stored).toMatchObject({ status: 'revoked', statusReason: 'user_disconnected' });
    expect(stored?.userTokenCiphertext).toBeUndefined();
  });

  it('markExpired on a copy read before the disconnect changes nothing, announces nothing, audits nothing', async () => {
    const stale = await readThenRevoked('con_worker');
    const published: unknown[] = [];
    const audited: unknown[] = [];
    await markExpired(
      {
        connections: repo,
        events: { publish: async (events) => void published.push(...events) },
        audit: {
          record: async (entry) => void audited.push(entry),
          list: async () => ({ items: [], nextCursor: null }),
        },
        clock: { now: () => NOW },
        ids: { next: (prefix) => `${prefix}_1` },
      },
      stale,
      'token_password_changed',
      'system:lead-fetch',
    );
    expect(await repo.get('race-co', 'con_worker')).toMatchObject({ status: 'revoked' });
    expect(published).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('a connection purged meanwhile is not written back into existence', async () => {
    await repo.create(connection('con_purged'));
    const stale = (await repo.get('race-co', 'con_purged'))!;
    const key = { pk: tenantPk('race-co'), sk: connectionSk('con_purged') };
    await clients.doc.send(new DeleteCommand({ TableName: TABLE, Key: key }));
    await expect(repo.update({ ...stale, status: 'expiring' })).rejects.toMatchObject({
      reason: 'connection_revoked',
    });
    expect(await repo.get('race-co', 'con_purged')).toBeUndefined();
  });

  it('revoking again and a fresh OAuth grant may still write a revoked connection', async () => {
    const stale = await readThenRevoked('con_again');
    const { userTokenCiphertext: _token, ...rest } = stale;
    await repo.update({ ...rest, status: 'revoked', statusReason: 'app_removed_by_user' });
    await repo.update({ ...stale, status: 'active', statusReason: 'connected' }, { reconnect: true });
    expect(await repo.get('race-co', 'con_again')).toMatchObject({
      status: 'active',
      userTokenCiphertext: 'kms:ciphertext-of-the-user-token',
    });
  });
});
