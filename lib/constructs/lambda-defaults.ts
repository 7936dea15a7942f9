/**
 * The one place Lambda defaults live. Every function of the connector is a ServiceFunction: the newest
 * Node.js runtime Lambda offers on ARM64, bundled by esbuild (minified, AWS SDK inside the bundle, source
 * maps only when context `sourceMaps=on` asks), X-Ray tracing, a KMS-encrypted log group with retention,
 * and a role of its own that starts with nothing but its log group.
 */
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { REPO_ROOT } from '../paths';
import { LAMBDA_BUNDLING } from './lambda-bundling';
import type { EnvironmentVariable } from '../../lambdas/platform/contracts/environment';

export const LAMBDA_DEFAULTS = {
  /**
   * nodejs24.x, the newest Node.js runtime Lambda supports
   * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html). The code keeps to Node 20 APIs, so
   * the same modules run unchanged in the local runtime on Node 20; every handler is an async (event,
   * context) function, which is all Node 24 on Lambda accepts (it dropped callback handlers).
   */
  runtime: lambda.Runtime.NODEJS_24_X,
  architecture: lambda.Architecture.ARM_64,
  /** more memory buys CPU: the bundled SDK initialises noticeably faster from 512 MB */
  memoryMb: 512,
  timeout: Duration.seconds(10),
  logRetention: logs.RetentionDays.ONE_MONTH,
} as const;

/**
 * The values of every variable a function may be given (platform/contracts/environment.ts); each function
 * receives those its needs name (lib/function-needs.ts). Names, ARNs and URLs only: secret values are
 * read at runtime from META_SECRET_ARN.
 */
export type CommonEnvironment = Record<EnvironmentVariable, string>;

export interface ServiceFunctionProps {
  /** absolute path of the handler module; it exports `handler` */
  entry: string;
  description: string;
  environment: Record<string, string>;
  /** ship source maps and run with `--enable-source-maps` (context `sourceMaps=on`) */
  sourceMaps?: boolean;
  /** the bundle's module aliases (lambda-bundling.ts `bundlingAliases`, from the function's needs) */
  alias: Readonly<Record<string, string>>;
  timeout?: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  /** encrypts the function's log group (telemetry-key.ts) */
  logKey: kms.IKey;
}

export class ServiceFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LAMBDA_DEFAULTS.logRetention,
      encryptionKey: props.logKey,
    });
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
      environment: {
        ...props.environment,
        ...(props.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: props.sourceMaps === true,
        ...(props.sourceMaps ? { sourcesContent: false } : {}),
        target: LAMBDA_BUNDLING.target,
        tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
        // the runtime's SDK version drifts under us, and loading it unbundled from the runtime doubled the
        // cold import (docs/bundles.md); the bundled one is the one we tested
        externalModules: [],
        bundleAwsSDK: true,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        esbuildArgs: Object.fromEntries(
          Object.entries(props.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
      },
    });

    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords, added by active tracing: X-Ray has no ' +
        'resource-level permissions (test/infra asserts no other action is granted on "*").',
    });
    acknowledge(this.role, {
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        "The role's one policy is generated by CDK from this function's entry in lib/function-needs.ts, names every " +
        'resource, and belongs to this role alone; a customer managed policy would hold the same statements ' +
        'under a second name without narrowing anything.',
    });
    acknowledge(this.fn, {
      id: 'NIST.800.53.R5-LambdaInsideVPC',
      reason:
        'Everything the function reaches is a public AWS API (DynamoDB, KMS, Secrets Manager, SQS, EventBridge, ' +
        'S3) over TLS with IAM, or Meta on the internet; no VPC resource exists to protect, and a VPC would add ' +
        'NAT gateways (cost, a single egress path) or a dozen interface endpoints without reducing exposure.',
    });
  }
}
