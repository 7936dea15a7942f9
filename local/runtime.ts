/**
 * The local runtime: the service's own handler modules wired to local stand-ins for AWS, all in this
 * process. Only adapters and endpoints differ from AWS:
 *
 *   API Gateway + Lambda → local/http/api-server.ts (payload 2.0 events, JWT checked like the authorizer)
 *   DynamoDB             → dynalite (real wire API), table from table-schema.ts, TTL by a sweeper
 *   SQS + event sources  → fauxqs (real wire API, redrive) + one poller per queue worker
 *   EventBridge          → local PutEvents endpoint with BUS_RULES → SQS delivery
 *   KMS                  → local KMS endpoint (Encrypt/Decrypt/GenerateDataKey wire API, context-bound)
 *   Secrets Manager      → local Secrets Manager endpoint (GetSecretValue/PutSecretValue), seeded from env
 *   S3                   → fauxqs's S3 behind a front that checks presigned URLs
 *   Scheduler            → timers for SCHEDULES
 *   Meta                 → local/meta-simulator
 *
 * KMS, Secrets Manager and S3 are reached by the production adapters (KmsTokenVault, the Powertools
 * secrets provider, S3ExportStore), built by the same function the Lambda composition root uses.
 *
 * Start-up order: the API server binds first (so its URL is known to the simulator and the JWT issuer)
 * but holds requests until everything else is wired.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { JWTPayload } from 'jose';
import { dynamoDbApi } from '../lambdas/platform/adapters/aws-http/dynamodb-api';
import { eventBridgeApi } from '../lambdas/platform/adapters/aws-http/event-bridge-api';
import { secretsManagerApi } from '../lambdas/platform/adapters/aws-http/secrets-manager-api';
import { DYNAMODB, EVENTBRIDGE, SECRETS_MANAGER } from '../lambdas/platform/adapters/aws-http/services';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MetaAppSecrets } from '../lambdas/platform/core/ports';
import {
  buildDependencies,
  type AppDependencies,
  type InfrastructureClients,
  type RuntimeConfig,
} from '../lambdas/handlers/common/dependencies';
import { QUEUES } from '../lambdas/app/topology';
import { handlerEntry } from '../lambdas/platform/contracts/topology';
import { QUEUE_WORKER_NEEDS, SCHEDULE_NEEDS } from '../lib/function-needs';
import { API_PREFIX, HTTP_FUNCTIONS, ROUTES } from '../lambdas/app/route-table';
import { LOCAL_DEFAULT_CORS_ORIGINS, parseCorsOrigins } from '../lambdas/app/cors-policy';
import type { MetaSimulator, MetaSimulatorOptions } from './meta-simulator/simulator-options';
import { createLog } from './log';
import { REPO_ROOT } from './paths';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  createDynamoClients,
  createKmsClient,
  createS3Client,
  localJsonClient,
  localS3Objects,
  createSqsClient,
} from './infra/aws-clients';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { ensureTable, startDynamoStore } from './infra/dynamo-store';
import { startQueueBroker } from './infra/queue-broker';
import {
  startEventBus,
  type BusEventFilter,
  type BusEventRecord,
  type LocalEventBus,
} from './infra/event-bus';
import { LOCAL_META_SECRET_NAME, metaAppSecretsFromEnv, metaSecretString } from './infra/dev-meta-app';
import { LocalKmsKey } from './infra/local-kms-key';
import { startKmsEndpoint } from './infra/kms-endpoint';
import { startSecretsManagerEndpoint } from './infra/secrets-manager-endpoint';
import { startS3Endpoint } from './infra/s3-endpoint';
import { upgradeLocalVaultCiphertexts } from './infra/local-vault-upgrade';
import { awsServiceAdapters } from '../lambdas/handlers/common/aws-dependencies';
import { createDevJwt, devIssuerFor, type DevJwt, type IssueTokenOptions } from './infra/dev-jwt';
import { startSqsPoller, type SqsPoller } from './infra/sqs-poller';
import { startCrmForwarder, type CrmForwarder } from './infra/crm-forwarder';
import { noticeMailer, type Notice } from './infra/notice-mailer';
import { checkCrmUrl, CRM_RETRY, parseCrmEvents } from '../lambdas/app/crm-forwarding';
import { createTtlSweeper, type TtlSweeper } from './infra/ttl-sweeper';
import { createScheduler, type Scheduler } from './infra/scheduler';
import { createHandlerLoader, HandlerUnavailableError } from './lambda/handler-loader';
import { startApiServer, type ApiServer } from './http/api-server';
import { createConsoleSite } from './http/console-site';
import { DeterministicAssistant } from '../lambdas/modules/inbox/adapters/deterministic-assistant';
import type { EmfOutput } from '@aws-lambda-powertools/metrics/types';
import { quietTelemetry } from '../lambdas/platform/handlers/telemetry';

export const LOCAL_TABLE_NAME = 'meta-connector';
export const LOCAL_EVENT_BUS_NAME = 'meta-connector';
export const DEFAULT_GRAPH_VERSION = 'v26.0';
/** EMF blobs the runtime keeps for runtime.metrics() */
const MAX_EMF_BLOBS = 10_000;
export const LOCAL_EXPORT_BUCKET = 'meta-connector-exports';
/** the CDK stack names its alias `alias/<stack>/token-vault` */
export const LOCAL_TOKEN_KEY_ALIAS = 'alias/meta-connector/token-vault';

export interface LocalRuntimeOptions {
  /** API port; default PORT or 3000; 0 = any free port (tests) */
  port?: number;
  /** simulator port; default META_SIM_PORT or 3100; 0 = any free port (tests) */
  simPort?: number;
  /** state directory (dynalite data, vault key, JWT key); null/absent = everything in memory */
  dataDir?: string | null;
  /**
   * the clock the workers' retry schedules and the Graph outage pause run on (RuntimeConfig
   * `retryTimeScale`): 1 by default, as in AWS; tests run it faster so retries and dead-lettering fit
   * their time budget, through the same SQS calls
   */
  retryTimeScale?: number;
  /** print the runtime's own log lines and the handlers' INFO logs (default false: quiet tests) */
  log?: boolean;
  /** start the Meta simulator (default true) */
  simulator?: boolean;
  /** run schedules and the TTL sweeper on timers (default true; tests can call runSchedule/sweepTtl) */
  timers?: boolean;
  /** TTL sweep period (default 60 s) */
  ttlSweepIntervalMs?: number;
  /** environment to read configuration from (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** the operator console's build, served at /console/ (default console/dist; null = not served) */
  consoleDir?: string | null;
  /** sees every event the bus accepts (tests check the public ones against their contracts) */
  onBusEvent?: (record: BusEventRecord) => void;
  /** how long the secrets provider caches the Meta app secret (default: the production 300 s) */
  secretsMaxAgeSeconds?: number;
  /** the S3 front's clock, ms since epoch (tests move it to see a presigned link expire) */
  s3Now?: () => number;
}

export interface LocalRuntime {
  apiUrl: string;
  simUrl: string | undefined;
  busUrl: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
  /** the local KMS, Secrets Manager and S3 endpoints, and what the service uses there */
  kms: { endpoint: string; keyArn: string };
  secretsManager: { endpoint: string; metaSecretArn: string };
  s3: { endpoint: string; exportBucket: string };
  config: RuntimeConfig;
  deps: AppDependencies;
  clients: InfrastructureClients;
  /** the dev Meta app (also given to the simulator) */
  metaApp: MetaAppSecrets;
  jwt: { issuer: string; audience: string; tenantClaim: string };
  simulator: MetaSimulator | undefined;
  issueToken(tenantId: string, options?: IssueTokenOptions): Promise<string>;
  /** a token of exactly these claims, signed with the dev key (tests forge careless issuers with it) */
  signToken(claims: JWTPayload): Promise<string>;
  /** recent bus events, oldest first */
  events(filter?: BusEventFilter): BusEventRecord[];
  /** resolves when every event published so far is in its rules' queues (PutEvents answers before that) */
  busSettled(): Promise<void>;
  clearEvents(): void;
  /** the EMF blobs the handlers flushed, oldest first: what CloudWatch would get, kept here, never printed */
  metrics(): EmfOutput[];
  runSchedule(name: string): Promise<void>;
  /** one TTL pass; resolves to the number of expired items deleted */
  sweepTtl(): Promise<number>;
  queues: {
    urls: Record<string, string>;
    dlqUrls: Record<string, string>;
    arns: Record<string, string>;
    dlqArns: Record<string, string>;
  };
  /** the bus, its archive and its rules, for StartReplay (local/infra/bus-replays.ts) */
  replay: { busArn: string; archiveArn: string; ruleArns: string[] };
  /** set with CRM_WEBHOOK_URL: where events are forwarded, and the DLQ of those that were not accepted */
  crm: (Pick<CrmForwarder, 'dlqUrl' | 'idle'> & { url: string; token: string }) | undefined;
  /** the connection notices the SNS topic would mail (NOTICE_EMAIL), oldest first */
  notices(): Notice[];
  stop(): Promise<void>;
}

type Closer = () => Promise<void> | void;

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const log = createLog(options.log ?? false);
  const dataDir = options.dataDir ?? null;
  const timers = options.timers ?? true;
  // Entry points (the API server) close first so no request runs against half-closed infrastructure;
  // everything else closes in reverse start order (pollers before the SQS client, clients before servers).
  const entryClosers: Closer[] = [];
  const closers: Closer[] = [];
  const closeAll = async () => {
    // keep going when one fails so nothing is left open
    for (const close of [...entryClosers.splice(0), ...closers.splice(0).reverse()]) {
      try {
        await close();
      } catch (err) {
        log.error('runtime', 'error while stopping', err);
      }
    }
  };

  let deps: AppDependencies | undefined;
  let bus: LocalEventBus | undefined;
  let scheduler: Scheduler | undefined;
  let sweeper: TtlSweeper | undefined;
  let jwt: DevJwt | undefined;
  let markReady!: () => void;
  let markFailed!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => undefined); // observed here; requests waiting on it answer 503

  const loader = createHandlerLoader(REPO_ROOT, () => {
    if (!deps) throw new HandlerUnavailableError('dependencies', 'the local runtime is not ready yet');
    return deps;
  });

  try {
    const started = Date.now();
    const api: ApiServer = await startApiServer({
      port: options.port ?? numberFrom(env.PORT, 3000),
      cors: { allowedOrigins: localCorsOrigins(env) },
      routes: ROUTES,
      functions: HTTP_FUNCTIONS,
      loader,
      ready,
      jwt: {
        verify: (token) => jwt!.verify(token),
        jwks: () => jwt!.jwks(),
      },
      control: {
        events: (filter) => bus?.events(filter) ?? [],
        clearEvents: () => bus?.clear(),
        runSchedule: (name) => scheduler!.runNow(name),
        sweepTtl: () => sweeper!.sweepOnce(),
        issueToken: (tenantId) => jwt!.issue(tenantId),
      },
      ...(options.consoleDir === null
        ? {}
        : {
            site: createConsoleSite({
              dir: options.consoleDir ?? path.join(REPO_ROOT, 'console', 'dist'),
              // same origin as the API; people sign in with dev tokens (POST /_local/token)
              config: () => ({ apiUrl: '', auth: { kind: 'local', tenantClaim: jwt!.tenantClaim } }),
            }),
          }),
      log,
    });
    entryClosers.push(() => api.close());
    const apiUrl = api.url;

    const metaApp = metaAppSecretsFromEnv(env);
    const kmsKey = LocalKmsKey.load(dataDir ? path.join(dataDir, 'vault.key') : null);
    const [store, broker, devJwt, simulator, kms, secretsManager] = await Promise.all([
      startDynamoStore({ path: dataDir ? path.join(dataDir, 'dynamodb') : null }).then(track(closers)),
      startQueueBroker().then(track(closers)),
      createDevJwt({
        issuer: devIssuerFor(api.port),
        tenantClaim: env.TENANT_CLAIM || undefined,
        keyFile: dataDir ? path.join(dataDir, 'jwt-key.json') : null,
      }),
      options.simulator === false
        ? Promise.resolve(undefined)
        : startSimulator({
            port: options.simPort ?? numberFrom(env.META_SIM_PORT, 3100),
            appId: metaApp.appId,
            appSecret: metaApp.appSecret,
            graphVersion: env.META_GRAPH_VERSION || DEFAULT_GRAPH_VERSION,
            webhookUrl: `${apiUrl}${API_PREFIX}/meta/webhook`,
            deauthorizeUrl: `${apiUrl}${API_PREFIX}/meta/deauthorize`,
            dataDeletionUrl: `${apiUrl}${API_PREFIX}/meta/data-deletion`,
          }).then(track(closers)),
      startKmsEndpoint({ key: kmsKey, alias: LOCAL_TOKEN_KEY_ALIAS, log }).then(track(closers)),
      startSecretsManagerEndpoint({
        secrets: { [LOCAL_META_SECRET_NAME]: metaSecretString(env) },
        log,
      }).then(track(closers)),
    ]);
    const s3Front = await startS3Endpoint({
      upstream: broker.endpoint,
      credentials: LOCAL_CREDENTIALS,
      region: LOCAL_REGION,
      now: options.s3Now,
      log,
    }).then(track(closers));
    jwt = devJwt;

    const dynamo = createDynamoClients(store.endpoint);
    const sqs = createSqsClient(broker.endpoint);
    closers.push(() => sqs.destroy());
    closers.push(() => dynamo.raw.destroy());
    const retryTimeScale = options.retryTimeScale ?? timeScaleFrom(env.RETRY_TIME_SCALE);
    const crmSettings = localCrmSettings(env);
    const crm = crmSettings
      ? await startCrmForwarder({
          ...crmSettings,
          sqs,
          log,
          // EventBridge's retry of an API destination, on the same retry clock (never below 20 ms)
          backoffBaseMs: Math.max(20, Math.round(1000 * retryTimeScale)),
        }).then(track(closers))
      : undefined;
    const notices = noticeMailer({ to: env.NOTICE_EMAIL ?? null, log });
    bus = await startEventBus({
      busName: LOCAL_EVENT_BUS_NAME,
      queueUrls: broker.queueUrls,
      sqs,
      log,
      onEvent: (record) => {
        crm?.handle(record);
        notices.handle(record);
        options.onBusEvent?.(record);
      },
    });
    closers.push(() => bus!.close());
    const eventBridgeClient = localJsonClient(EVENTBRIDGE, bus.url);
    closers.push(() => eventBridgeClient.destroy());
    const eventBridge = eventBridgeApi(eventBridgeClient);
    const tableWritesClient = localJsonClient(DYNAMODB, store.endpoint);
    closers.push(() => tableWritesClient.destroy());

    const kmsClient = createKmsClient(kms.url);
    const secretsClient = localJsonClient(SECRETS_MANAGER, secretsManager.url);
    const s3 = createS3Client(s3Front.url);
    const exportObjects = localS3Objects(s3Front.url, LOCAL_EXPORT_BUCKET);
    closers.push(() => kmsClient.destroy());
    closers.push(() => secretsClient.destroy());
    closers.push(() => s3.destroy());
    closers.push(() => exportObjects.destroy());

    if (await ensureTable(dynamo.raw as DynamoDBClient, LOCAL_TABLE_NAME))
      log.info('dynamo', `created table ${LOCAL_TABLE_NAME}`);
    await s3.send(new CreateBucketCommand({ Bucket: LOCAL_EXPORT_BUCKET }));
    if (dataDir) {
      const upgraded = await upgradeLocalVaultCiphertexts({
        db: dynamo.doc,
        tableName: LOCAL_TABLE_NAME,
        key: kmsKey,
        markerFile: path.join(dataDir, 'vault.kms'),
      });
      if (upgraded > 0) log.info('kms', `rewrote ${upgraded} local vault ciphertexts for the local KMS`);
    }
    const metaSecretArn = secretsManager.arnOf(LOCAL_META_SECRET_NAME);

    const config: RuntimeConfig = {
      tableName: LOCAL_TABLE_NAME,
      eventBusName: LOCAL_EVENT_BUS_NAME,
      queueUrls: { ...broker.queueUrls },
      metaGraphUrl: env.META_GRAPH_URL || simulator?.url || 'https://graph.facebook.com',
      metaGraphVersion: env.META_GRAPH_VERSION || DEFAULT_GRAPH_VERSION,
      metaLoginUrl: env.META_LOGIN_URL || simulator?.url || 'https://www.facebook.com',
      publicBaseUrl: env.PUBLIC_BASE_URL || apiUrl,
      returnUrlAllowlist: (env.RETURN_URL_ALLOWLIST ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      allowLocalhostReturnUrls: true,
      tenantClaim: devJwt.tenantClaim,
      retryTimeScale,
    };
    // no X-Ray locally; EMF kept in memory (the newest blobs), so neither tests nor npm start print it
    const emfBlobs: EmfOutput[] = [];
    const telemetry = quietTelemetry((blob) => {
      // past the cap the older half goes at once: one copy per few thousand blobs, not one per blob
      if (emfBlobs.push(blob) > MAX_EMF_BLOBS) emfBlobs.splice(0, emfBlobs.length - MAX_EMF_BLOBS / 2);
    });
    const clients: InfrastructureClients = {
      telemetry,
      dynamo: dynamo.doc,
      sqs: sqs as SQSClient,
      eventBridge,
      tableWrites: dynamoDbApi(tableWritesClient),
      ...awsServiceAdapters(
        { kms: kmsClient, secretsManager: secretsManagerApi(secretsClient), exportObjects },
        {
          tokenKeyArn: kms.keyArn,
          metaSecretArn,
          metaAppId: metaApp.appId,
          secretsMaxAgeSeconds: options.secretsMaxAgeSeconds,
        },
      ),
      fetch: globalThis.fetch,
      // AI drafts without a model: deterministic, offline, and never logged
      assistant: new DeterministicAssistant(),
      // quiet tests: handler logs at ERROR and above unless POWERTOOLS_LOG_LEVEL says otherwise
      ...(options.log
        ? {}
        : {
            logger: new Logger({
              serviceName: 'meta-connector',
              logLevel: (env.POWERTOOLS_LOG_LEVEL as 'ERROR') || 'ERROR',
            }),
          }),
    };
    deps = buildDependencies(config, clients);

    const pollers: SqsPoller[] = QUEUES.filter((q) => q.worker).map((q) =>
      startSqsPoller({
        sqs,
        loader,
        log,
        concurrency: 5,
        binding: {
          queueName: q.name,
          queueUrl: broker.queueUrls[q.name]!,
          queueArn: broker.queueArns[q.name]!,
          batchSize: q.batchSize,
          entry: handlerEntry('queues', q.worker!),
          functionName: `worker-${q.name}`,
          visibilityTimeoutSeconds: broker.visibilityTimeouts[q.name]!,
          functionTimeoutSeconds: workerTimeoutSeconds(q),
        },
      }),
    );
    // pollers stop before the SQS client is destroyed (closers run in reverse)
    closers.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));

    sweeper = createTtlSweeper({
      client: dynamo.doc,
      tableName: LOCAL_TABLE_NAME,
      intervalMs: options.ttlSweepIntervalMs,
      log,
    });
    if (timers) sweeper.start();
    closers.push(() => sweeper!.stop());
    scheduler = createScheduler({
      loader,
      timers,
      log,
      // a job gets its deployed timeout (a long sync must not be cut at the HTTP default)
      timeoutMsFor: (spec) => {
        const s = SCHEDULE_NEEDS[spec.name]?.timeoutSeconds;
        return s === undefined ? undefined : s * 1000;
      },
    });
    closers.push(() => scheduler!.stop());

    markReady();
    log.info('runtime', `ready in ${Date.now() - started} ms`);

    let stopped: Promise<void> | undefined;
    return {
      apiUrl,
      simUrl: simulator?.url,
      busUrl: bus.url,
      dynamoEndpoint: store.endpoint,
      sqsEndpoint: broker.endpoint,
      kms: { endpoint: kms.url, keyArn: kms.keyArn },
      secretsManager: { endpoint: secretsManager.url, metaSecretArn },
      s3: { endpoint: s3Front.url, exportBucket: LOCAL_EXPORT_BUCKET },
      config,
      deps,
      clients,
      metaApp,
      jwt: { issuer: devJwt.issuer, audience: devJwt.audience, tenantClaim: devJwt.tenantClaim },
      simulator,
      issueToken: (tenantId, opts) => devJwt.issue(tenantId, opts),
      signToken: (claims) => devJwt.signClaims(claims),
      events: (filter) => bus!.events(filter),
      busSettled: () => bus!.settled(),
      clearEvents: () => bus!.clear(),
      metrics: () => [...emfBlobs],
      runSchedule: (name) => scheduler!.runNow(name),
      sweepTtl: () => sweeper!.sweepOnce(),
      queues: {
        urls: { ...broker.queueUrls },
        dlqUrls: { ...broker.dlqUrls },
        arns: { ...broker.queueArns },
        dlqArns: { ...broker.dlqArns },
      },
      crm:
        crm && crmSettings
          ? { url: crmSettings.url, token: crmSettings.token, dlqUrl: crm.dlqUrl, idle: () => crm.idle() }
          : undefined,
      replay: { busArn: bus.busArn, archiveArn: bus.archiveArn, ruleArns: Object.values(bus.ruleArns) },
      notices: () => notices.sent(),
      stop: () => (stopped ??= closeAll()),
    };
  } catch (err) {
    markFailed(err);
    await closeAll();
    throw err;
  }
}

/**
 * A queue worker's function timeout as the stack sets it (lib/constructs/queue-workers.ts): its own from
 * QUEUE_WORKER_NEEDS, else a sixth of the queue's visibility timeout (AWS's guidance), at least 3 s.
 */
function workerTimeoutSeconds(q: (typeof QUEUES)[number]): number {
  return (
    QUEUE_WORKER_NEEDS[q.name]?.timeoutSeconds ?? Math.max(3, Math.floor(q.visibilityTimeoutSeconds / 6))
  );
}

/** Registers a started component's close() as soon as it exists, so a failed start-up still cleans up. */
function track(closers: Closer[]) {
  return <T extends { close(): Promise<void> }>(component: T): T => {
    closers.push(() => component.close());
    return component;
  };
}

function timeScaleFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new Error(`RETRY_TIME_SCALE must be a number in (0, 1]: ${value}`);
  return n;
}

/** The dev token the local forwarder sends when CRM_WEBHOOK_SECRET is not set (printed by npm start). */
export const DEV_CRM_TOKEN = 'local-dev-crm-token';

/** CRM_WEBHOOK_URL turns the forwarder on; CRM_EVENTS, CRM_WEBHOOK_SECRET and CRM_RETRY_ATTEMPTS tune it. */
function localCrmSettings(env: NodeJS.ProcessEnv) {
  if (!env.CRM_WEBHOOK_URL) return undefined;
  const named = <T>(key: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new Error(`${key}: ${(err as Error).message}`);
    }
  };
  const attempts = env.CRM_RETRY_ATTEMPTS;
  return {
    url: named('CRM_WEBHOOK_URL', () => checkCrmUrl(env.CRM_WEBHOOK_URL!, { allowLoopbackHttp: true })),
    events: named('CRM_EVENTS', () => parseCrmEvents(env.CRM_EVENTS)),
    token: env.CRM_WEBHOOK_SECRET || DEV_CRM_TOKEN,
    retry: {
      retryAttempts: attempts
        ? Math.min(CRM_RETRY.retryAttempts, Math.max(0, Number(attempts) || 0))
        : CRM_RETRY.retryAttempts,
      maxEventAgeSeconds: CRM_RETRY.maxEventAgeSeconds,
    },
  };
}

/** CORS_ALLOWED_ORIGINS (comma-separated, `:*` = any port); unset = a dev server on localhost, any port */
function localCorsOrigins(env: NodeJS.ProcessEnv): string[] {
  const value = env.CORS_ALLOWED_ORIGINS;
  if (value === undefined) return [...LOCAL_DEFAULT_CORS_ORIGINS];
  try {
    return parseCorsOrigins(value, { portWildcard: true });
  } catch (err) {
    throw new Error(`CORS_ALLOWED_ORIGINS: ${(err as Error).message}`);
  }
}

function numberFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port number: ${value}`);
  return n;
}

/**
 * The simulator is another engineer's module; it is loaded at run time so a missing or half-built
 * simulator gives one clear error instead of a compile failure in this file.
 */
async function startSimulator(options: MetaSimulatorOptions): Promise<MetaSimulator> {
  const dir = path.join(REPO_ROOT, 'local', 'meta-simulator');
  if (!['index.ts', 'index.js'].some((f) => fs.existsSync(path.join(dir, f)))) {
    throw new Error(
      'The Meta simulator (local/meta-simulator/index.ts exporting startMetaSimulator) is not available yet; start with { simulator: false } to run without it.',
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(dir) as { startMetaSimulator?: (o: MetaSimulatorOptions) => Promise<MetaSimulator> };
  if (typeof mod.startMetaSimulator !== 'function') {
    throw new Error('local/meta-simulator does not export startMetaSimulator(options)');
  }
  return mod.startMetaSimulator(options);
}
