/**
 * The operator console in AWS: its build in a private S3 bucket, served only through CloudFront (origin
 * access control), with security headers from a response headers policy (the same CSP the local runtime
 * sends, lib/console/security-headers.ts), access logs for both, and a `config.json` next to index.html
 * telling the SPA where the API is and how people sign in.
 */
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { buildConsoleSync, CONSOLE_DIR, consoleSourceHash } from '../../scripts/console-build';
import { CONSOLE_SECURITY_HEADERS, consoleContentSecurityPolicy } from '../console/security-headers';
import { acknowledge } from '../nag';

/** where the SPA lives on its origin; Vite builds it for this base */
export const CONSOLE_PATH = '/console/';

/**
 * Requests for /console/<route> are the SPA's own routes: they get index.html. `/` and `/console` go to
 * /console/. Files (a dot in the last segment) are served as they are.
 */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '${CONSOLE_PATH}' } } };
  }
  if (uri.indexOf('${CONSOLE_PATH}') === 0 && uri.slice(uri.lastIndexOf('/')).indexOf('.') === -1) {
    request.uri = '${CONSOLE_PATH}index.html';
  }
  return request;
}`;

export interface ConsoleSiteProps {
  /** origins the SPA calls besides its own: the API and the sign-in issuer (the CSP's connect-src) */
  connectSources: string[];
  /** a custom domain with its us-east-1 ACM certificate */
  domain?: { name: string; certificateArn: string };
  webAclArn?: string;
  /** a directory holding a built console (tests); default: Vite builds console/ during synth */
  build?: string;
}

export class ConsoleSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** `https://<host>`: what the API's CORS and the OAuth return-URL allow-list must accept */
  readonly origin: string;
  /** `https://<host>/console/` */
  readonly url: string;
  private readonly build: string | undefined;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.build = props.build;
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL (CloudFront developer guide, "standard logging")
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Operator console: CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy({ connect: props.connectSources }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: CONSOLE_SECURITY_HEADERS['permissions-policy'],
            override: true,
          },
        ],
      },
    });

    const routing = new cloudfront.Function(this, 'SpaRouting', {
      code: cloudfront.FunctionCode.fromInline(SPA_ROUTING),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Operator console: SPA routes to index.html',
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Meta Business Connector operator console',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
        functionAssociations: [{ function: routing, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });
    const host = props.domain?.name ?? this.distribution.distributionDomainName;
    this.origin = `https://${host}`;
    this.url = `${this.origin}${CONSOLE_PATH}`;

    this.acknowledgeFindings(props);
  }

  /**
   * Uploads the build and `config.json`. Called once the API and the sign-in exist, since the config
   * names them. Everything is sent `no-cache`: CloudFront and browsers revalidate (a 304 when unchanged),
   * so a deploy is live at once without an invalidation.
   */
  deploy(config: Record<string, unknown>, logKey?: kms.IKey): s3deploy.BucketDeployment {
    const logGroup = new logs.LogGroup(this, 'DeployLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
      ...(logKey ? { encryptionKey: logKey } : {}),
    });
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      sources: [this.buildSource(), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      cacheControl: [s3deploy.CacheControl.noCache()],
      memoryLimit: 256,
      logGroup,
    });
    this.acknowledgeDeploymentFindings(deployment);
    return deployment;
  }

  private buildSource(): s3deploy.ISource {
    if (this.build) return s3deploy.Source.asset(this.build);
    return s3deploy.Source.asset(CONSOLE_DIR, {
      assetHash: consoleSourceHash(),
      assetHashType: AssetHashType.CUSTOM,
      exclude: ['dist', 'node_modules', '.build-lock'],
      bundling: {
        // never pulled: the local build below always succeeds or throws
        image: DockerImage.fromRegistry('node:22-alpine'),
        local: {
          tryBundle(outputDir: string) {
            buildConsoleSync(outputDir);
            return true;
          },
        },
      },
    });
  }

  private acknowledgeFindings(props: ConsoleSiteProps): void {
    acknowledge(
      this.logBucket,
      {
        id: 'AwsSolutions-S1',
        reason:
          'This bucket receives the access logs of the console bucket and its CloudFront distribution; logging a log bucket to itself would loop.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketLoggingEnabled',
        reason:
          'This bucket receives the access logs of the console bucket and its CloudFront distribution; logging a log bucket to itself would loop.',
      },
      {
        id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
        reason:
          'S3 server access logs can be delivered only to a bucket encrypted with SSE-S3 (Amazon S3 user guide, "Enabling Amazon S3 server access logging"); it is encrypted with SSE-S3.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'Access logs of a static console expire after 90 days; a second-region copy would keep request logs longer and elsewhere than they are needed.',
      },
    );
    acknowledge(
      this.bucket,
      {
        id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
        reason:
          'The bucket holds only the console build, which every browser downloads through CloudFront; it is encrypted with SSE-S3, and a customer-managed key would protect nothing secret.',
      },
      {
        id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
        reason:
          'The bucket holds only the console build, which every deployment uploads again from the repository; a replica would be a copy of a copy.',
      },
    );
    acknowledge(this.distribution, {
      id: 'AwsSolutions-CFR1',
      reason:
        'The console is for the business’s own staff, wherever they work; every action it offers goes through the API’s JWT authorizer, so a geo restriction would add no protection.',
    });
    if (!props.webAclArn)
      acknowledge(this.distribution, {
        id: 'AwsSolutions-CFR2',
        reason:
          'Only static files are served here; the API they call has its own JWT authorizer and stage throttling. Pass -c consoleWebAclArn=<web ACL> to put a WAF in front of the console.',
      });
    if (!props.domain)
      acknowledge(this.distribution, {
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security policy cannot be set; pass consoleDomainName and consoleCertificateArn to enforce TLSv1.2_2021.',
      });
  }

  /** CDK's copy job: the provider function CloudFormation invokes while it deploys the console. */
  private acknowledgeDeploymentFindings(deployment: s3deploy.BucketDeployment): void {
    const provider = Stack.of(this).node.children.find((c: IConstruct) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    const bucketArn = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const runsOnlyOnDeploy =
      'CDK’s BucketDeployment provider runs only when CloudFormation deploys the console, which invokes it synchronously and fails the deployment on an error';
    for (const owner of [deployment.handlerRole, ...(provider ? [provider] : [])]) {
      acknowledge(
        owner,
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: `${runsOnlyOnDeploy}; this managed policy lets it write its own logs.`,
        },
        ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
          id: `AwsSolutions-IAM5[Action::${action}]` as const,
          reason: `${runsOnlyOnDeploy}; it syncs the build from the CDK asset bucket into the console bucket with these S3 action groups.`,
        })),
        ...[
          'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
          `Resource::<${bucketArn}.Arn>/*`,
        ].map((resource) => ({
          id: `AwsSolutions-IAM5[${resource}]` as const,
          reason: `${runsOnlyOnDeploy}; it reads the build from the CDK asset bucket and writes every object under the console prefix.`,
        })),
        {
          id: 'AwsSolutions-L1',
          reason: `${runsOnlyOnDeploy}; aws-cdk-lib chooses its runtime and moves it with its upgrades.`,
        },
        {
          id: 'Serverless-LambdaLatestVersion',
          reason: `${runsOnlyOnDeploy}; aws-cdk-lib chooses its runtime.`,
        },
        { id: 'Serverless-LambdaDLQ', reason: `${runsOnlyOnDeploy}, so a failure is never lost.` },
        { id: 'NIST.800.53.R5-LambdaDLQ', reason: `${runsOnlyOnDeploy}, so a failure is never lost.` },
        {
          id: 'Serverless-LambdaTracing',
          reason: `${runsOnlyOnDeploy}; its few S3 calls are in its log, and CloudFormation records the outcome.`,
        },
        {
          id: 'NIST.800.53.R5-LambdaConcurrency',
          reason: `${runsOnlyOnDeploy}: one invocation per deployment, never concurrent traffic.`,
        },
        {
          id: 'NIST.800.53.R5-LambdaInsideVPC',
          reason: `${runsOnlyOnDeploy}; it reaches only S3 and touches no tenant data, so a VPC would add endpoints and cost without protecting anything.`,
        },
        {
          id: 'NIST.800.53.R5-IAMNoInlinePolicy',
          reason: `${runsOnlyOnDeploy}; aws-cdk-lib grants it inline, scoped to the asset and console buckets.`,
        },
      );
    }
  }
}
