/**
 * The CDK app (`npx cdk synth|deploy`; cdk.json runs it with tsx). Configuration comes from context, see
 * lib/config.ts; the AwsSolutions, Serverless and NIST 800-53 R5 packs of cdk-nag run on every synth and
 * fail it on an unacknowledged finding (lib/connector-app.ts).
 */
import { App } from 'aws-cdk-lib';
import { buildConnectorApp } from '../lib/connector-app';

buildConnectorApp(new App());
