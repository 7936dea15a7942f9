/**
 * What `bin/app.ts` builds: the connector stack and the cdk-nag packs that judge it on every synth. Kept
 * apart from the entry point so a test can build exactly the same app and prove the packs pass.
 */
import { Validations, type App } from 'aws-cdk-lib';
import type { NagPack } from 'cdk-nag';
import { readConfig } from './config';
import { nagPacks } from './nag';
import { MetaConnectorStack, type MetaConnectorStackProps } from './stacks/meta-connector-stack';

export interface ConnectorApp {
  stack: MetaConnectorStack;
  packs: NagPack[];
}

export function buildConnectorApp(
  app: App,
  overrides: Omit<Partial<MetaConnectorStackProps>, 'config'> = {},
): ConnectorApp {
  const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'MetaConnector';
  const stack = new MetaConnectorStack(app, stackName, {
    config: readConfig(app.node),
    description: 'Meta Business Connector: Pages, Instagram, Lead Ads, ads and WhatsApp for a CRM',
    ...overrides,
  });
  // cdk-nag 3 packs are policy validation plugins (its README), not Aspects: a finding fails the synth
  const packs = nagPacks();
  Validations.of(app).addPlugins(...packs);
  return { stack, packs };
}
