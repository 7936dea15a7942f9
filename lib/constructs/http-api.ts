/**
 * The HTTP API: one route per route-table.ts ROUTES entry, the JWT authorizer on `auth: 'jwt'` routes,
 * JSON access logs and stage-wide throttling. Meta-facing routes carry no JWT: Meta's own signatures
 * (X-Hub-Signature-256, signed_request, the signed OAuth state) authenticate them inside the handler.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKey, type RouteSpec } from '../../lambdas/app/route-table';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../../lambdas/app/cors-policy';
import { acknowledge } from '../nag';

/**
 * No query strings, headers or claims: the OAuth callback's query holds the authorization code, and
 * tokens must never reach a log.
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
});

export interface ConnectorHttpApiProps {
  authorizer: HttpJwtAuthorizer;
  /** steady-state requests per second across the stage; Meta retries webhook deliveries answered 429 */
  throttleRateLimit?: number;
  throttleBurstLimit?: number;
  logRetention?: logs.RetentionDays;
  /** browser origins allowed to call the API; empty = no CorsConfiguration (no browser access) */
  corsAllowedOrigins?: readonly string[];
  /** encrypts the access logs (telemetry-key.ts) */
  logKey?: kms.IKey;
}

export class ConnectorHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  private readonly authorizer: HttpJwtAuthorizer;
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: ConnectorHttpApiProps) {
    super(scope, id);
    this.authorizer = props.authorizer;
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Meta Business Connector',
      // the stage below carries the logging and throttling the default one cannot
      createDefaultStage: false,
      // API Gateway answers preflights itself, before the JWT authorizer (cors-policy.ts is the policy)
      ...(props.corsAllowedOrigins && props.corsAllowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsAllowedOrigins],
              allowMethods: CORS_ALLOW_METHODS.map((m) => apigw.CorsHttpMethod[m]),
              allowHeaders: [...CORS_ALLOW_HEADERS],
              exposeHeaders: [...CORS_EXPOSE_HEADERS],
              maxAge: Duration.seconds(CORS_MAX_AGE_SECONDS),
              allowCredentials: false,
            },
          }
        : {}),
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
      ...(props.logKey ? { encryptionKey: props.logKey } : {}),
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 200, burstLimit: props.throttleBurstLimit ?? 400 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
  }

  /** `https://{id}.execute-api.{region}.amazonaws.com`, no trailing slash ($default stage). */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }

  addRoutes(
    routes: readonly RouteSpec[],
    handlerFor: (route: RouteSpec) => lambda.IFunction,
  ): apigw.HttpRoute[] {
    return routes.map((route) => {
      const handler = handlerFor(route);
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: this.integrationFor(handler, route.fn),
        ...(route.auth === 'jwt' ? { authorizer: this.authorizer } : {}),
      });
      if (!httpRoute) throw new Error(`no route created for ${routeKey(route)}`);
      if (route.auth === 'none') {
        acknowledge(httpRoute, {
          id: 'AwsSolutions-APIG4',
          reason:
            `${routeKey(route)} is auth: 'none' in route-table.ts by design: Meta and the OAuth browser redirect ` +
            'cannot send a tenant JWT, so the handler verifies the Meta signature or the signed single-use state; ' +
            'health and the OpenAPI document serve no tenant data.',
        });
      }
      return httpRoute;
    });
  }

  /**
   * One integration per function, shared by its routes, and one invoke permission per function for this
   * API (not one per route): 67 routes would otherwise add 67 Lambda permissions and bring the stack near
   * CloudFormation's 500-resource limit. A function still only answers the routes integrated with it.
   */
  private integrationFor(handler: lambda.IFunction, name: string): HttpLambdaIntegration {
    let integration = this.integrations.get(handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${name}-Integration`, handler, {
        scopePermissionToRoute: false,
      });
      this.integrations.set(handler, integration);
    }
    return integration;
  }
}
