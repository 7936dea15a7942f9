/**
 * The local runtime: the service's own handler modules wired to local stand-ins for AWS, all in this
 * process. Only adapters and endpoints differ from AWS (DESIGN §5):
 *
 *   API Gateway + Lambda → local/http/api-server.ts (payload 2.0 events, JWT checked like the authorizer)
 *   DynamoDB             → dynalite (real wire API), table from table-schema.ts, TTL by a sweeper
 *   SQS + event sources  → fauxqs (real wire API, redrive) + one poller per queue worker
 *   EventBridge          → local PutEvents endpoint with BUS_RULES → SQS delivery
 *   KMS / Secrets        → LocalVault (AES-256-GCM, context as AAD) / static secrets from env
 *   Scheduler            → timers for SCHEDULES
 *   Meta                 → local/meta-simulator
 *
 * Start-up order: the API server binds first (so its URL is known to the simulator and the JWT issuer)
 * but holds requests until everything else is wired.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { JWTPayload } from 'jose';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MetaAppSecrets } from '../lambdas/core/ports';
import {
  buildDependencies,
  type AppDependencies,
  type InfrastructureClients,
  type RuntimeConfig,
} from '../lambdas/handlers/common/dependencies';
import { QUEUES } from '../lambdas/handlers/common/topology';
import { QUEUE_WORKER_NEEDS } from '../lib/function-needs';
import { API_PREFIX, HTTP_FUNCTIONS, ROUTES } from '../lambdas/handlers/http/route-table';
import type { MetaSimulator, MetaSimulatorOptions } from './meta-simulator/simulator-options';
import { createLog } from './log';
import { REPO_ROOT } from './paths';
import { createDynamoClients, createEventBridgeClient, createSqsClient } from './infra/aws-clients';
import { ensureTable, startDynamoStore } from './infra/dynamo-store';
import { startQueueBroker } from './infra/queue-broker';
import {
  startEventBus,
  type BusEventFilter,
  type BusEventRecord,
  type LocalEventBus,
} from './infra/event-bus';
import { LocalVault } from './infra/local-vault';
import { StaticSecretsProvider, metaAppSecretsFromEnv } from './infra/static-secrets';
import { createDevJwt, devIssuerFor, type DevJwt, type IssueTokenOptions } from './infra/dev-jwt';
import { startSqsPoller, type SqsPoller } from './infra/sqs-poller';
import { FileExportStore } from './infra/file-export-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createTtlSweeper, type TtlSweeper } from './infra/ttl-sweeper';
import { createScheduler, type Scheduler } from './infra/scheduler';
import { createHandlerLoader, HandlerUnavailableError } from './lambda/handler-loader';
import { startApiServer, type ApiServer } from './http/api-server';
import { DeterministicAssistant } from '../lambdas/adapters/ai/deterministic-assistant';

export const LOCAL_TABLE_NAME = 'meta-connector';
export const LOCAL_EVENT_BUS_NAME = 'meta-connector';
export const DEFAULT_GRAPH_VERSION = 'v25.0';

export interface LocalRuntimeOptions {
  /** API port; default PORT or 3000; 0 = any free port (tests) */
  port?: number;
  /** simulator port; default META_SIM_PORT or 3100; 0 = any free port (tests) */
  simPort?: number;
  /** state directory (dynalite data, vault key, JWT key); null/absent = everything in memory */
  dataDir?: string | null;
  /** 1 s visibility timeouts so failed messages are retried (and dead-lettered) quickly */
  fastRetries?: boolean;
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
}

export interface LocalRuntime {
  apiUrl: string;
  simUrl: string | undefined;
  busUrl: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
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
  clearEvents(): void;
  runSchedule(name: string): Promise<void>;
  /** one TTL pass; resolves to the number of expired items deleted */
  sweepTtl(): Promise<number>;
  queues: { urls: Record<string, string>; dlqUrls: Record<string, string>; arns: Record<string, string> };
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
  let exportStore: FileExportStore | undefined;
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
        exportDownload: (url) => exportStore!.serve(url),
      },
      log,
    });
    entryClosers.push(() => api.close());
    const apiUrl = api.url;

    const metaApp = metaAppSecretsFromEnv(env);
    const [store, broker, devJwt, simulator] = await Promise.all([
      startDynamoStore({ path: dataDir ? path.join(dataDir, 'dynamodb') : null }).then(track(closers)),
      startQueueBroker(options.fastRetries ? { visibilityTimeoutOverrideSeconds: 1 } : {}).then(
        track(closers),
      ),
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
    ]);
    jwt = devJwt;

    const dynamo = createDynamoClients(store.endpoint);
    const sqs = createSqsClient(broker.endpoint);
    closers.push(() => sqs.destroy());
    closers.push(() => dynamo.raw.destroy());
    bus = await startEventBus({ busName: LOCAL_EVENT_BUS_NAME, queueUrls: broker.queueUrls, sqs, log });
    closers.push(() => bus!.close());
    const eventBridge: EventBridgeClient = createEventBridgeClient(bus.url);
    closers.push(() => eventBridge.destroy());

    if (await ensureTable(dynamo.raw as DynamoDBClient, LOCAL_TABLE_NAME))
      log.info('dynamo', `created table ${LOCAL_TABLE_NAME}`);

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
    };
    const clients: InfrastructureClients = {
      dynamo: dynamo.doc,
      sqs: sqs as SQSClient,
      eventBridge,
      vault: new LocalVault({ keyFile: dataDir ? path.join(dataDir, 'vault.key') : null }),
      secrets: new StaticSecretsProvider(metaApp),
      exports: (exportStore = new FileExportStore({
        dir: dataDir ? path.join(dataDir, 'exports') : mkdtempSync(path.join(tmpdir(), 'mbc-exports-')),
        baseUrl: apiUrl,
      })),
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
          entry: `lambdas/handlers/queues/${q.worker}.ts`,
          functionName: `worker-${q.worker}`,
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
    scheduler = createScheduler({ loader, timers, log });
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
      config,
      deps,
      clients,
      metaApp,
      jwt: { issuer: devJwt.issuer, audience: devJwt.audience, tenantClaim: devJwt.tenantClaim },
      simulator,
      issueToken: (tenantId, opts) => devJwt.issue(tenantId, opts),
      signToken: (claims) => devJwt.signClaims(claims),
      events: (filter) => bus!.events(filter),
      clearEvents: () => bus!.clear(),
      runSchedule: (name) => scheduler!.runNow(name),
      sweepTtl: () => sweeper!.sweepOnce(),
      queues: {
        urls: { ...broker.queueUrls },
        dlqUrls: { ...broker.dlqUrls },
        arns: { ...broker.queueArns },
      },
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
