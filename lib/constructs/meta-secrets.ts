/**
 * The Meta app's secrets, one Secrets Manager secret holding JSON {appSecret, verifyToken, stateSigningKey}.
 * The stack generates the state signing key; the operator fills appSecret (from the Meta app dashboard) and
 * verifyToken (the value entered in the webhook subscription) after the first deploy. Functions only ever
 * see the ARN (META_SECRET_ARN) and read the values at runtime.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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

export class MetaSecrets extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
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
    acknowledge(this.secret, {
      id: 'AwsSolutions-SMG4',
      reason:
        'The app secret is issued by Meta and the verify token is typed into the Meta app dashboard: a rotation ' +
        'Lambda cannot change either at Meta, so rotation is an operator runbook step (reset in Meta, then update ' +
        'this secret).',
    });
  }

  grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.secret.grantRead(grantee);
  }
}
