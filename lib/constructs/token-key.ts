/**
 * The token vault's KMS key. Each Meta token is encrypted directly under it with the encryption context
 * {tenantId, connectionId}, so a ciphertext copied to another tenant's item does not decrypt.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { TokenKeyOperation } from '../function-needs';

/** Keys of the encryption context (lambdas/core/ports.ts EncryptionContext). */
export const TOKEN_CONTEXT_KEYS = ['tenantId', 'connectionId'] as const;

const ACTIONS: Record<TokenKeyOperation, string> = { encrypt: 'kms:Encrypt', decrypt: 'kms:Decrypt' };

const CRYPTO_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * The call is allowed only with an encryption context of exactly these keys: `Null: false` on
 * `kms:EncryptionContext:<key>` requires each key, and `ForAllValues:StringEquals` on the multivalued
 * `kms:EncryptionContextKeys` refuses any other key. ForAllValues alone would also allow a request with no
 * context at all (an empty set matches), which the Null conditions rule out.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-keys
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html
 * Every KMS call the service makes passes: KmsTokenVault sends exactly {tenantId, connectionId}, also when
 * it wraps a tenant's inbox data key (connectionId "inbox-data-key").
 */
export const TOKEN_CONTEXT_CONDITIONS = {
  Null: Object.fromEntries(TOKEN_CONTEXT_KEYS.map((k) => [`kms:EncryptionContext:${k}`, 'false'])),
  'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...TOKEN_CONTEXT_KEYS] },
};

export interface TokenKeyProps {
  aliasName: string;
}

export class TokenKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: TokenKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Meta connector token vault (encryption context: tenantId, connectionId)',
      enableKeyRotation: true,
      alias: props.aliasName,
      // losing the key loses every stored token: never delete it with the stack
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // Enforced in the key policy too, so no identity policy (even an admin's) can use the key without
    // the tenant binding. One Deny per key because conditions inside one statement are ANDed.
    for (const contextKey of TOKEN_CONTEXT_KEYS) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `DenyCryptoWithout${contextKey[0]!.toUpperCase()}${contextKey.slice(1)}`,
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: CRYPTO_ACTIONS,
          resources: ['*'],
          conditions: { Null: { [`kms:EncryptionContext:${contextKey}`]: 'true' } },
        }),
      );
    }
  }

  /** Grants exactly the listed operations, and only with the tenant's encryption context. */
  grant(grantee: iam.IGrantable, operations: readonly TokenKeyOperation[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...new Set(operations.map((op) => ACTIONS[op]))],
      resourceArns: [this.key.keyArn],
      conditions: TOKEN_CONTEXT_CONDITIONS,
    });
  }
}
