/**
 * The Meta app's secrets, one Secrets Manager secret holding JSON {appSecret, verifyToken, stateSigningKey}.
 * The stack generates the state signing key; the operator fills appSecret (from the Meta app dashboard) and
 * verifyToken (the value entered in the webhook subscription) after the first deploy. Functions only ever
 * see the ARN (META_SECRET_ARN) and read the values at runtime.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface MetaSecretValue {
  appSecret: string;
  verifyToken: string;
  stateSigningKey: string;
}

/** Empty means "not configured yet": the handlers must refuse to verify against an empty secret. */
const OPERATOR_FILLED: Omit<MetaSecretValue, 'stateSigningKey'> = { appSecret: '', verifyToken: '' };

export interface MetaSecretsProps {
  aliasName: string;
}

export class MetaSecrets extends Construct {
  readonly secret: secretsmanager.Secret;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: MetaSecretsProps) {
    super(scope, id);
    // A key of its own rather than aws/secretsmanager: its policy is the customer's, and every decrypt of the
    // app secret shows in CloudTrail under it; grantRead below allows decrypts only through Secrets Manager.
    this.key = new kms.Key(this, 'Key', {
      description: 'Meta connector app secret, verify token and OAuth state signing key',
      enableKeyRotation: true,
      alias: props.aliasName,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      encryptionKey: this.key,
      description: 'Meta app secret, webhook verify token and OAuth state signing key (JSON)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify(OPERATOR_FILLED),
        generateStringKey: 'stateSigningKey' satisfies keyof MetaSecretValue,
        passwordLength: 64,
        excludePunctuation: true,
      },
      // a redeploy after a stack deletion must not lose the operator's values
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const noAutomaticRotation =
      'The app secret is issued by Meta and the verify token is typed into the Meta app dashboard: a rotation ' +
      'Lambda cannot change either at Meta, so rotation is an operator runbook step (reset in Meta, then update ' +
      'this secret with the old value as previous; docs/operations.md).';
    acknowledge(
      this.secret,
      { id: 'AwsSolutions-SMG4', reason: noAutomaticRotation },
      { id: 'NIST.800.53.R5-SecretsManagerRotationEnabled', reason: noAutomaticRotation },
    );
  }

  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.secret.grantRead(grantee);
  }
}
