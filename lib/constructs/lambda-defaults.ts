/**
 * The one place Lambda defaults live. Every function of the connector is a ServiceFunction: Node.js 22 on
 * ARM64, bundled by esbuild (minified, source maps, AWS SDK inside the bundle), X-Ray tracing, a log group
 * with retention, and a role of its own that starts with nothing but its log group.
 */
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { REPO_ROOT } from '../paths';

export const LAMBDA_DEFAULTS = {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  /** more memory buys CPU: the bundled SDK initialises noticeably faster from 512 MB */
  memoryMb: 512,
  timeout: Duration.seconds(10),
  logRetention: logs.RetentionDays.ONE_MONTH,
} as const;

/**
 * Variables every function receives; the names are a contract with the handlers
 * (lambdas/handlers/common/dependencies.ts RuntimeConfig). Values are names, ARNs and URLs only:
 * secret values are read at runtime from META_SECRET_ARN.
 */
export interface CommonEnvironment {
  TABLE_NAME: string;
  EXPORT_BUCKET: string;
  EVENT_BUS_NAME: string;
  TOKEN_KEY_ARN: string;
  META_SECRET_ARN: string;
  META_APP_ID: string;
  META_GRAPH_URL: string;
  META_GRAPH_VERSION: string;
  META_LOGIN_URL: string;
  PUBLIC_BASE_URL: string;
  /** comma-separated origins */
  RETURN_URL_ALLOWLIST: string;
  TENANT_CLAIM: string;
  POWERTOOLS_SERVICE_NAME: string;
  POWERTOOLS_LOG_LEVEL: string;
}

/** `lead-fetch` → `QUEUE_URL_LEAD_FETCH`. */
export function queueUrlVariable(queueName: string): string {
  return `QUEUE_URL_${queueName.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

export interface ServiceFunctionProps {
  /** absolute path of the handler module; it exports `handler` */
  entry: string;
  description: string;
  environment: CommonEnvironment & Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
}

export class ServiceFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: LAMBDA_DEFAULTS.logRetention });
    // An explicit role keeps AWSLambdaBasicExecutionRole (logs:* on every group) off the function.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_DEFAULTS.runtime,
      architecture: LAMBDA_DEFAULTS.architecture,
      memorySize: props.memorySize ?? LAMBDA_DEFAULTS.memoryMb,
      timeout: props.timeout ?? LAMBDA_DEFAULTS.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node22',
        tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
        // the runtime's SDK version drifts under us; the bundled one is the one we tested
        externalModules: [],
        bundleAwsSDK: true,
        // prefer ES module builds so esbuild can drop unused SDK code
        mainFields: ['module', 'main'],
      },
    });

    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords, added by active tracing: X-Ray has no ' +
        'resource-level permissions (test/infra asserts no other action is granted on "*").',
    });
    acknowledge(this.fn, {
      id: 'AwsSolutions-L1',
      reason:
        'Lambda is pinned to Node.js 22 on purpose (the code is written for Node 20 APIs and tested on 20/22); ' +
        'moving to a newer runtime is a deliberate upgrade, not a synth-time default.',
    });
  }
}
