/**
 * Shared by the infrastructure tests: synthesizes the stack without bundling (esbuild would dominate the
 * run time) and offers the policy, environment and acknowledgment walkers the assertions use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Validations, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { readConfig } from '../../lib/config';
import { nagPacks } from '../../lib/nag';
import { REPO_ROOT } from '../../lib/paths';
import { MetaConnectorStack, type MetaConnectorStackProps } from '../../lib/stacks/meta-connector-stack';

export const FIXTURE_ENTRY = path.join(__dirname, 'fixtures', 'placeholder-handler.ts');

/** Handler modules that were missing and replaced by the fixture, for the test log. */
export const substitutedEntries = new Set<string>();

/** The real module when it exists; the fixture until it lands. */
export function entryOrFixture(relativeEntry: string): string {
  const real = path.join(REPO_ROOT, relativeEntry);
  if (fs.existsSync(real)) return real;
  substitutedEntries.add(relativeEntry);
  return FIXTURE_ENTRY;
}

export interface Synthesized {
  stack: MetaConnectorStack;
  template: Template;
}

export function synth(
  context: Record<string, unknown>,
  overrides: Omit<Partial<MetaConnectorStackProps>, 'config'> = {},
): Synthesized {
  // CDK's built-in CloudFormation schema check costs ~8 s per synth under Jest; `cdk synth` still runs it
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
  const stack = new MetaConnectorStack(app, 'MetaConnectorTest', {
    config: readConfig(app.node),
    resolveEntry: entryOrFixture,
    ...overrides,
  });
  return { stack, template: Template.fromStack(stack) };
}

export type Json = Record<string, unknown>;

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: Json;
}

export const asArray = <T>(x: T | T[] | undefined): T[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies), by resource id. */
export function identityStatements(template: Template): Array<{ owner: string; statement: Statement }> {
  const out: Array<{ owner: string; statement: Statement }> = [];
  for (const [id, res] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
    for (const s of (res as Json & { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties
      .PolicyDocument.Statement) {
      out.push({ owner: id, statement: s });
    }
  }
  for (const [id, res] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    const policies =
      (res as { Properties: { Policies?: Array<{ PolicyDocument: { Statement: Statement[] } }> } }).Properties
        .Policies ?? [];
    for (const p of policies)
      for (const s of p.PolicyDocument.Statement) out.push({ owner: id, statement: s });
  }
  return out;
}

/** Actions a function's role is allowed, from the policies attached to that role. */
export function allowedActions(template: Template, roleLogicalId: string): Set<string> {
  const actions = new Set<string>();
  for (const res of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const props = (
      res as { Properties: { Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } } }
    ).Properties;
    if (!props.Roles.some((r) => r.Ref === roleLogicalId)) continue;
    for (const s of props.PolicyDocument.Statement) {
      if (s.Effect === 'Allow') asArray(s.Action).forEach((a) => actions.add(a));
    }
  }
  return actions;
}

export function logicalId(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

/** Findings of every pack bin/app.ts runs, left after acknowledgments, as "rule at path" lines. */
export function nagFindings(scope: IConstruct): string[] {
  return nagPacks().flatMap((pack) =>
    pack
      .validateScope(scope)
      .violations.flatMap((v) =>
        v.violatingResources.map(
          (r) => `${v.severity} ${v.ruleName} at ${r.constructPath ?? '?'}: ${v.description}`,
        ),
      ),
  );
}

export interface RecordedAcknowledgment {
  path: string;
  id: string;
  reason: string;
  onStack: boolean;
}

/** Every `Validations.acknowledge` in the tree (cdk-nag 3's replacement for NagSuppressions). */
export function acknowledgments(stack: Stack): RecordedAcknowledgment[] {
  const out: RecordedAcknowledgment[] = [];
  for (const c of [stack.node.scope!, ...stack.node.findAll()]) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
          onStack: c === stack || c === stack.node.scope,
        });
      }
    }
  }
  return out;
}
