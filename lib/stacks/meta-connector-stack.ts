/**
 * The Meta Business Connector: composed from one construct per concern, every route, queue, rule and
 * schedule derived from the shared tables in lambdas/ (route-table.ts, topology.ts, table-schema.ts) so the
 * stack and the local runtime cannot drift apart.
 */
import { Annotations, Aws, CfnOutput, Duration, Fn, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import { ExportBucket } from '../constructs/export-bucket';
import type { Construct } from 'constructs';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  BUS_RULES,
  QUEUES,
  SCHEDULES,
  type BusRuleSpec,
  type QueueSpec,
  type ScheduleSpec,
} from '../../lambdas/app/topology';
import { API_PREFIX, HTTP_FUNCTIONS, ROUTES, type HttpFunctionName } from '../../lambdas/app/route-table';
import type { ConnectorConfig } from '../config';
import { needsFor as declaredNeeds, type FunctionKind, type FunctionNeeds } from '../function-needs';
import { repoEntry, type EntryResolver } from '../paths';
import { AlarmTopic } from '../constructs/alarms';
import { ConsoleSite } from '../constructs/console-site';
import { TenantAuth } from '../constructs/auth';
import { DataTable } from '../constructs/data-table';
import { ConnectorBus } from '../constructs/event-bus';
import { ConnectorHttpApi } from '../constructs/http-api';
import { CrmWebhook } from '../constructs/crm-webhook';
import { ConnectionNotices } from '../constructs/connection-notices';
import type { ServiceFunction } from '../constructs/lambda-defaults';
import { MetaSecrets } from '../constructs/meta-secrets';
import { QueueWorkers } from '../constructs/queue-workers';
import { Schedules } from '../constructs/schedules';
import { ServiceFunctions } from '../constructs/service-functions';
import { TelemetryKey } from '../constructs/telemetry-key';
import { TokenKey } from '../constructs/token-key';
import { WorkQueues } from '../constructs/work-queues';
import { BusinessMetrics } from '../constructs/business-metrics';
import { ObservabilityAlarms, type ObservedFunction } from '../constructs/observability-alarms';
import { ObservabilityDashboard } from '../constructs/observability-dashboard';
import { observabilityEnvironment } from '../constructs/observability-environment';
import { SERVICE_NAME } from '../../lambdas/platform/core/observability/metric-catalogue';

export const POWERTOOLS_SERVICE_NAME = SERVICE_NAME;

/** Meta-facing paths the operator enters in the Meta app dashboard (README, "The Meta app"). */
export const META_CALLBACK_PATHS = {
  webhook: `${API_PREFIX}/meta/webhook`,
  oauthRedirect: `${API_PREFIX}/meta/oauth/callback`,
  deauthorize: `${API_PREFIX}/meta/deauthorize`,
  dataDeletion: `${API_PREFIX}/meta/data-deletion`,
} as const;

export interface MetaConnectorStackProps extends StackProps {
  config: ConnectorConfig;
  /** where handler modules are bundled from; tests point missing modules at fixtures */
  resolveEntry?: EntryResolver;
  /** defaults to topology.ts; tests pass extended copies to exercise the generic wiring */
  topology?: {
    queues?: readonly QueueSpec[];
    busRules?: readonly BusRuleSpec[];
    schedules?: readonly ScheduleSpec[];
  };
  needsFor?: (kind: FunctionKind, name: string) => FunctionNeeds;
  /** a built console to upload instead of building console/ during synth (tests) */
  consoleBuild?: string;
}

export class MetaConnectorStack extends Stack {
  readonly telemetryKey: TelemetryKey;
  readonly alarms: AlarmTopic;
  readonly table: DataTable;
  readonly tokenKey: TokenKey;
  readonly secrets: MetaSecrets;
  readonly queues: WorkQueues;
  readonly bus: ConnectorBus;
  readonly auth: TenantAuth;
  readonly httpApi: ConnectorHttpApi;
  readonly httpFunctions = new Map<HttpFunctionName, ServiceFunction>();
  readonly workers: QueueWorkers;
  readonly schedules: Schedules;
  readonly publicBaseUrl: string;
  readonly crmWebhook?: CrmWebhook;
  readonly notices: ConnectionNotices;
  /** the operator console, when context `console=true` */
  readonly console?: ConsoleSite;
  /** what the console's config.json says: the API and how people sign in */
  readonly consoleSettings?: Record<string, unknown>;
  /** the business metrics as the functions write them, the service-wide alarms and the dashboard */
  readonly observability: {
    metrics: BusinessMetrics;
    alarms: ObservabilityAlarms;
    dashboard: ObservabilityDashboard;
  };

  constructor(scope: Construct, id: string, props: MetaConnectorStackProps) {
    super(scope, id, props);
    const { config } = props;

    const telemetry = (this.telemetryKey = new TelemetryKey(this, 'TelemetryKey', {
      aliasName: `alias/${this.stackName}/telemetry`,
    }));
    const alarms = (this.alarms = new AlarmTopic(this, 'Alarms', {
      key: telemetry.key,
      queuePrefix: this.stackName,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    }));
    this.table = new DataTable(this, 'Data', {
      aliasName: `alias/${this.stackName}/table`,
      ...(config.backupRetentionDays !== undefined
        ? { backupRetentionDays: config.backupRetentionDays }
        : {}),
    });
    this.tokenKey = new TokenKey(this, 'TokenKey', { aliasName: `alias/${this.stackName}/token-vault` });
    this.secrets = new MetaSecrets(this, 'MetaSecrets', { aliasName: `alias/${this.stackName}/meta-secret` });
    this.queues = new WorkQueues(this, 'Queues', { queues: props.topology?.queues ?? QUEUES, alarms });
    this.bus = new ConnectorBus(this, 'Events', {
      rules: props.topology?.busRules ?? BUS_RULES,
      queues: this.queues,
    });
    // the console first: sign-in and the API's CORS name its origin
    this.console = config.console
      ? new ConsoleSite(this, 'Console', {
          connectSources: this.consoleConnectSources(config),
          ...(config.console.domain ? { domain: config.console.domain } : {}),
          ...(config.console.webAclArn ? { webAclArn: config.console.webAclArn } : {}),
          ...(props.consoleBuild ? { build: props.consoleBuild } : {}),
        })
      : undefined;
    const consoleOrigins = this.console ? [this.console.origin] : [];
    this.auth = new TenantAuth(this, 'Auth', {
      config: config.auth,
      ...(this.console && config.auth.kind === 'cognito'
        ? {
            hostedUi: {
              domainPrefix:
                config.console?.authDomainPrefix ?? `${this.stackName.toLowerCase()}-${Aws.ACCOUNT_ID}`,
              callbackUrls: [`${this.console.url}auth/callback`],
              logoutUrls: [`${this.console.url}sign-in`],
            },
          }
        : {}),
    });
    this.httpApi = new ConnectorHttpApi(this, 'Http', {
      authorizer: this.auth.authorizer,
      corsAllowedOrigins: [...config.corsAllowedOrigins, ...consoleOrigins],
      logKey: telemetry.key,
    });
    // No cycle: functions reference the Api resource, while routes, integrations and permissions
    // reference both; nothing the Api itself depends on refers to a function.
    this.publicBaseUrl = config.publicBaseUrl ?? this.httpApi.endpoint;

    const exports = new ExportBucket(this, 'Exports');
    const functions = new ServiceFunctions(this, 'Functions', {
      exports,
      ...(config.bedrockModelId ? { bedrockModelId: config.bedrockModelId } : {}),
      environment: {
        TABLE_NAME: this.table.table.tableName,
        EXPORT_BUCKET: exports.bucket.bucketName,
        EVENT_BUS_NAME: this.bus.eventBusName,
        TOKEN_KEY_ARN: this.tokenKey.key.keyArn,
        META_SECRET_ARN: this.secrets.secret.secretArn,
        META_APP_ID: config.metaAppId,
        META_GRAPH_URL: config.metaGraphUrl,
        META_GRAPH_VERSION: config.metaGraphVersion,
        META_LOGIN_URL: config.metaLoginUrl,
        PUBLIC_BASE_URL: this.publicBaseUrl,
        RETURN_URL_ALLOWLIST: [...config.returnUrlAllowlist, ...consoleOrigins].join(','),
        TENANT_CLAIM: config.tenantClaim,
        POWERTOOLS_LOG_LEVEL: config.logLevel,
        ...observabilityEnvironment(this.stackName),
      },
      resolveEntry: props.resolveEntry ?? repoEntry,
      needsFor: props.needsFor ?? declaredNeeds,
      table: this.table,
      tokenKey: this.tokenKey,
      secrets: this.secrets,
      bus: this.bus,
      queues: this.queues,
      alarms,
      logKey: telemetry.key,
      reserveConcurrency: config.reserveConcurrency,
      sourceMaps: config.sourceMaps,
    });

    // only functions some route uses: an HTTP_FUNCTIONS entry without routes would be dead weight
    for (const name of new Set(ROUTES.map((r) => r.fn))) {
      const spec = HTTP_FUNCTIONS[name];
      this.httpFunctions.set(
        name,
        functions.create({
          kind: 'http',
          name,
          entry: spec.entry,
          description: spec.description,
          tenantApi: ROUTES.some((r) => r.fn === name && r.auth === 'jwt'),
        }),
      );
    }
    this.httpApi.addRoutes(ROUTES, (route) => this.httpFunctions.get(route.fn)!.fn);
    alarms.watchMetric(
      this.httpApi,
      'ServerErrorsAlarm',
      'The HTTP API answered 5xx',
      this.httpApi.stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    );

    this.workers = new QueueWorkers(this, 'Workers', { queues: this.queues, functions });
    this.schedules = new Schedules(this, 'Schedules', {
      schedules: props.topology?.schedules ?? SCHEDULES,
      functions,
      alarms,
    });

    if (this.console) {
      this.consoleSettings = this.consoleConfig(config);
      this.console.deploy(this.consoleSettings, telemetry.key);
    }
    // the email of whoever renews connections; the operator's by default
    const noticeEmail = config.noticeEmail ?? config.alarmEmail;
    this.notices = new ConnectionNotices(this, 'ConnectionNotices', {
      bus: this.bus.bus,
      key: telemetry.key,
      alarms,
      ...(noticeEmail ? { email: noticeEmail } : {}),
    });
    if (config.crm) {
      this.crmWebhook = new CrmWebhook(this, 'CrmWebhook', {
        bus: this.bus.bus,
        url: config.crm.url,
        events: config.crm.events,
        alarms,
      });
    }

    this.observability = this.observe(observabilityEnvironment(this.stackName).POWERTOOLS_METRICS_NAMESPACE);
    this.outputs(config);
  }

  /** The service-wide alarms and the dashboard, over every function, queue and alarm made above. */
  private observe(namespace: string): MetaConnectorStack['observability'] {
    const metrics = new BusinessMetrics(namespace, POWERTOOLS_SERVICE_NAME);
    const functions: ObservedFunction[] = [
      ...[...this.httpFunctions].map(([name, f]) => ({ label: `http ${name}`, fn: f.fn })),
      ...[...this.workers.workers].map(([name, f]) => ({ label: `queue ${name}`, fn: f.fn })),
      ...[...this.schedules.jobs].map(([name, f]) => ({ label: `schedule ${name}`, fn: f.fn })),
    ];
    const alarms = new ObservabilityAlarms(this, 'Observability', {
      alarms: this.alarms,
      metrics,
      queues: this.queues,
      functions,
    });
    const dashboard = new ObservabilityDashboard(this, 'Dashboard', {
      metrics,
      queues: this.queues,
      otherDlqs: [
        { label: 'schedule-failures', queue: this.schedules.failures },
        { label: 'connection-notices-dlq', queue: this.notices.dlq },
        ...(this.crmWebhook ? [{ label: 'crm-webhook-dlq', queue: this.crmWebhook.dlq }] : []),
      ],
      functions,
      alarms: this.node.findAll().filter((c): c is cloudwatch.Alarm => c instanceof cloudwatch.Alarm),
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${dashboard.dashboard.dashboardName}`,
      description: 'The CloudWatch dashboard of this stack (docs/operations.md)',
    });
    return { metrics, alarms, dashboard };
  }

  /**
   * Where the console's browser code may connect (its CSP): the API and the sign-in issuer. The API's
   * own endpoint can be named only when the console has a fixed domain: otherwise the API's CORS names
   * the distribution and the distribution's CSP would name the API, a cycle; then any API Gateway host of
   * the region is allowed (set publicBaseUrl or consoleDomainName to pin it).
   */
  private consoleConnectSources(config: ConnectorConfig): string[] {
    const api = config.publicBaseUrl
      ? new URL(config.publicBaseUrl).origin
      : config.console?.domain
        ? `https://${Lazy.string({ produce: () => this.httpApi.api.apiId })}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`
        : `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const issuer =
      config.auth.kind === 'external'
        ? [new URL(config.auth.issuer).origin]
        : [
            `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`,
            Lazy.string({ produce: () => this.auth.userPoolDomain?.baseUrl() ?? '' }),
          ];
    return [api, ...issuer];
  }

  /** The console's config.json: the API, and sign-in at Cognito's hosted UI or the external issuer. */
  private consoleConfig(config: ConnectorConfig): Record<string, unknown> {
    const site = this.console!;
    const auth = this.auth;
    if (config.auth.kind === 'external') {
      const clientId = config.console?.oidcClientId ?? '';
      return {
        apiUrl: this.publicBaseUrl,
        auth: {
          kind: 'oidc',
          authority: config.auth.issuer,
          clientId,
          scope: config.console?.oidcScopes ?? 'openid profile email',
          // an ID token's audience is the client: the API accepts it only if jwtAudience lists the client
          token: config.auth.audience.includes(clientId) ? 'id_token' : 'access_token',
          tenantClaim: config.tenantClaim,
        },
      };
    }
    const clientId = auth.userPoolClient!.userPoolClientId;
    return {
      apiUrl: this.publicBaseUrl,
      auth: {
        kind: 'oidc',
        authority: auth.issuer,
        clientId,
        scope: 'openid email profile',
        // the tenant is in the ID token: Cognito's access tokens carry no custom attributes
        token: 'id_token',
        tenantClaim: config.tenantClaim,
        logoutUrl: `${auth.userPoolDomain!.baseUrl()}/logout?client_id=${clientId}&logout_uri=${site.url}sign-in`,
        label: 'Amazon Cognito',
      },
    };
  }

  private outputs(config: ConnectorConfig): void {
    const out = (id: string, value: string, description: string): void => {
      new CfnOutput(this, id, { value, description });
    };
    out('ApiUrl', this.publicBaseUrl, 'Base URL of the HTTP API');
    out(
      'ConnectionNoticesTopicArn',
      this.notices.topic.topicArn,
      'Connections to renew (expiring, expired): subscribe more addresses or a chat integration here',
    );
    out(
      'WebhookUrl',
      `${this.publicBaseUrl}${META_CALLBACK_PATHS.webhook}`,
      'Meta app > Webhooks > Callback URL',
    );
    out(
      'OAuthRedirectUri',
      `${this.publicBaseUrl}${META_CALLBACK_PATHS.oauthRedirect}`,
      'Meta app > Facebook Login > Valid OAuth Redirect URIs',
    );
    out(
      'DeauthorizeCallbackUrl',
      `${this.publicBaseUrl}${META_CALLBACK_PATHS.deauthorize}`,
      'Meta app > Deauthorize callback URL',
    );
    out(
      'DataDeletionCallbackUrl',
      `${this.publicBaseUrl}${META_CALLBACK_PATHS.dataDeletion}`,
      'Meta app > Data deletion request URL',
    );
    out('EventBusName', this.bus.eventBusName, 'Subscribe to connector domain events here');
    // what `npm run ops -- replay` reads (docs/operations.md): replays go to the connector's own rules only
    out('EventBusArn', this.bus.bus.eventBusArn, 'The connector bus (replay destination)');
    out('EventArchiveArn', this.bus.archive.archiveArn, 'Archive of every bus event, for StartReplay');
    out(
      'ReplayRuleArns',
      Fn.join(
        ',',
        this.bus.rules.map((r) => r.ruleArn),
      ),
      "The connector's own bus rules: a replay resends to these only, never to the customer's rules",
    );
    out(
      'MetaSecretArn',
      this.secrets.secret.secretArn,
      'Fill appSecret and verifyToken in this secret after the first deploy',
    );
    out('JwtIssuer', this.auth.issuer, 'Issuer the tenant API accepts');
    if (this.console) out('ConsoleUrl', this.console.url, 'The operator console');
    if (this.auth.userPool && this.auth.userPoolClient) {
      out(
        'UserPoolId',
        this.auth.userPool.userPoolId,
        'Cognito user pool of tenant users (set custom:tenant_id per user)',
      );
      out(
        'UserPoolClientId',
        this.auth.userPoolClient.userPoolClientId,
        'Cognito app client of the frontend',
      );
    }
    if (this.crmWebhook) {
      out(
        'CrmWebhookTokenSecretArn',
        this.crmWebhook.secret.secretArn,
        'The X-Connector-Token value your CRM webhook must expect (aws secretsmanager get-secret-value)',
      );
      out(
        'CrmWebhookDlqUrl',
        this.crmWebhook.dlq.queueUrl,
        'Events the CRM did not accept after every retry',
      );
    }
    if (config.metaAppId === '') {
      Annotations.of(this).addWarningV2(
        'meta-connector:missing-app-id',
        'metaAppId is not set: pass -c metaAppId=<Meta app id> before deploying, or the login dialog will fail',
      );
    }
  }
}
