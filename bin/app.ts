/**
 * The CDK app (`npx cdk synth|deploy`; cdk.json runs it with tsx). Configuration comes from context, see
 * lib/config.ts; AwsSolutions checks run on every synth and fail it on an unacknowledged finding.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from '../lib/config';
import { MetaConnectorStack } from '../lib/stacks/meta-connector-stack';

const app = new App();
const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'MetaConnector';
new MetaConnectorStack(app, stackName, {
  config: readConfig(app.node),
  description: 'Meta Business Connector: Pages, Instagram, Lead Ads, ads and WhatsApp for a CRM',
});
// cdk-nag 3 is a policy validation plugin (its README), not an Aspect
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
