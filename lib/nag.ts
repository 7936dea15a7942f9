/**
 * The one way this code acknowledges a cdk-nag finding. cdk-nag 3 reads CDK's native
 * `Validations.of(construct).acknowledge()`; findings of rules that report several (IAM5) are
 * acknowledged one by one (`AwsSolutions-IAM5[Resource::*]`), never the whole rule.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface NagAcknowledgment {
  /** `<pack>-<rule>` of the packs the app's tests run: AwsSolutions, Serverless, NIST 800-53 R5 */
  id: `${'AwsSolutions' | 'Serverless' | 'NIST.800.53.R5'}-${string}`;
  reason: string;
}

export function acknowledge(scope: IConstruct, ...acks: NagAcknowledgment[]): void {
  for (const ack of acks) {
    if (ack.reason.trim().length < 40) throw new Error(`acknowledgment of ${ack.id} needs a written reason`);
  }
  Validations.of(scope).acknowledge(...acks);
}
