/**
 * IAM around the token key, evaluated rather than just read: every grant on the key allows a call only
 * with an encryption context of exactly {tenantId, connectionId}; the key policy denies one without them;
 * and every KMS call the service's code makes (captured from the production KmsTokenVault and the inbox's
 * envelope cipher, with aws-sdk-client-mock) is allowed by the grants and denied by nothing.
 */
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { KmsTokenVault } from '../../lambdas/platform/adapters/vault/kms-vault';
import { EnvelopeCipher } from '../../lambdas/modules/inbox/core/field-cipher';
import type { WrappedDataKey } from '../../lambdas/modules/inbox/ports';
import { conditionMatches } from './kms-policy';
import { asArray, identityStatements, logicalId, synth, type Json, type Synthesized } from './synth';

type Context = Record<string, string> | undefined;
interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

let s: Synthesized;
let grants: PolicyStatement[];
let keyPolicyDenies: PolicyStatement[];

beforeAll(() => {
  s = synth({ metaAppId: '987654321012345' });
  const keyId = logicalId(s.stack, s.stack.tokenKey.key);
  grants = identityStatements(s.template)
    .filter(({ statement }) => JSON.stringify(statement.Resource).includes(`"${keyId}"`))
    .map(({ statement }) => statement as unknown as PolicyStatement);
  const key = s.template.findResources('AWS::KMS::Key')[keyId] as { Properties: Json };
  keyPolicyDenies = (key.Properties.KeyPolicy as { Statement: PolicyStatement[] }).Statement.filter(
    (st) => st.Effect === 'Deny',
  );
});

/** Whether a call with this context passes every grant's condition and meets no Deny of the key policy. */
const allowed = (context: Context) =>
  grants.every((g) => conditionMatches(g.Condition, context)) &&
  !keyPolicyDenies.some((d) => conditionMatches(d.Condition, context));

/** The KMS calls the code makes: the token vault's and the inbox data key's, as sent on the wire. */
async function contextsTheCodeSends(): Promise<Array<{ command: string; context: Context }>> {
  const kms = mockClient(KMSClient);
  try {
    // an identity "cipher" is enough to let the code run its whole path, data-key unwrap included
    kms.on(EncryptCommand).callsFake((input) => ({ CiphertextBlob: input.Plaintext }));
    kms.on(DecryptCommand).callsFake((input) => ({ Plaintext: input.CiphertextBlob }));
    const vault = new KmsTokenVault(new KMSClient({ region: 'eu-west-1' }), 'arn:aws:kms:eu-west-1:1:key/k');
    const ctx = { tenantId: 'acme', connectionId: 'con_1' };
    await vault.decrypt(await vault.encrypt('EAAG-token', ctx), ctx);
    const keys = new Map<string, WrappedDataKey>();
    const store = {
      get: async (t: string) => keys.get(t),
      putIfAbsent: async (t: string, k: WrappedDataKey) => (keys.set(t, k), k),
    };
    const clock = { now: () => new Date() };
    const sealed = await new EnvelopeCipher({ vault, keys: store, clock }).encrypt('acme', 'hi', 'msg:text');
    await new EnvelopeCipher({ vault, keys: store, clock }).decrypt('acme', sealed, 'msg:text');
    return kms.calls().map((call) => {
      const command = call.args[0] as EncryptCommand | DecryptCommand;
      return { command: command.constructor.name, context: command.input.EncryptionContext };
    });
  } finally {
    kms.restore();
  }
}

describe('the token key and its encryption context', () => {
  test('every grant and the key policy allow exactly {tenantId, connectionId}', () => {
    expect(grants.length).toBeGreaterThan(0);
    expect(keyPolicyDenies.length).toBeGreaterThan(0);
    expect(allowed({ tenantId: 't', connectionId: 'c' })).toBe(true);
    expect(allowed({ connectionId: 'c', tenantId: 't' })).toBe(true);
    const refusedContexts: Context[] = [
      undefined,
      {},
      { tenantId: 't' },
      { connectionId: 'c' },
      { tenantId: 't', connectionId: 'c', purpose: 'x' },
      { tenant: 't', connection: 'c' },
    ];
    for (const refused of refusedContexts) {
      expect([refused, allowed(refused)]).toEqual([refused, false]);
    }
  });

  test('the key policy alone already denies a call without the tenant or the connection', () => {
    const missingKeys: Context[] = [undefined, { tenantId: 't' }, { connectionId: 'c' }];
    for (const missing of missingKeys)
      expect(keyPolicyDenies.some((d) => conditionMatches(d.Condition, missing))).toBe(true);
  });

  test('every KMS call the code makes is Encrypt or Decrypt with a context the template allows', async () => {
    const calls = await contextsTheCodeSends();
    expect(calls.map((c) => c.command)).toEqual([
      'EncryptCommand', // a token
      'DecryptCommand',
      'EncryptCommand', // a tenant's inbox data key, wrapped
      'DecryptCommand', // and unwrapped by a cold process
    ]);
    for (const { context } of calls) expect([context, allowed(context)]).toEqual([context, true]);
    // the grants name no other KMS action
    const actions = new Set(grants.flatMap((g) => asArray(g.Action)));
    expect([...actions].sort()).toEqual(['kms:Decrypt', 'kms:Encrypt']);
  });
});
