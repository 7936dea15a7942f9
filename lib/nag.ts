/**
 * The one way this code acknowledges a cdk-nag finding, and the packs every synth runs. cdk-nag 3 reads
 * CDK's native `Validations.of(construct).acknowledge()`; findings of rules that report several (IAM5) are
 * acknowledged one by one (`AwsSolutions-IAM5[Resource::*]`), never the whole rule.
 */
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Rule ids are `<pack name>-<rule>`: `AwsSolutions-L1`, `Serverless-LambdaDLQ`, `NIST.800.53.R5-LambdaDLQ`. */
export const NAG_PACK_NAMES = ['AwsSolutions', 'Serverless', 'NIST.800.53.R5'] as const;
export type NagPackName = (typeof NAG_PACK_NAMES)[number];

/** The packs `bin/app.ts` runs on every synth; a test fails if one goes missing. */
export function nagPacks(): NagPack[] {
  return [
    new AwsSolutionsChecks(undefined, { verbose: true }),
    new ServerlessChecks(undefined, { verbose: true }),
    new NIST80053R5Checks(undefined, { verbose: true }),
  ];
}

export interface NagAcknowledgment {
  id: `${NagPackName}-${string}`;
  reason: string;
}

export function acknowledge(scope: IConstruct, ...acks: NagAcknowledgment[]): void {
  for (const ack of acks) {
    if (!NAG_PACK_NAMES.some((pack) => ack.id.startsWith(`${pack}-`)))
      throw new Error(`acknowledgment of ${ack.id} names no pack this app runs`);
    if (ack.reason.trim().length < 40) throw new Error(`acknowledgment of ${ack.id} needs a written reason`);
  }
  Validations.of(scope).acknowledge(...acks);
}

/** The same finding acknowledged in every pack that reports it (they share rule names, e.g. LambdaDLQ). */
export function acknowledgeInPacks(
  scope: IConstruct,
  packs: readonly NagPackName[],
  rule: string,
  reason: string,
): void {
  acknowledge(scope, ...packs.map((pack) => ({ id: `${pack}-${rule}` as const, reason })));
}
