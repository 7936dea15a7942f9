/**
 * The composition root. Handlers receive an {@link AppDependencies}; what differs between AWS and the
 * local runtime is only which clients, endpoints and vault are passed to {@link buildDependencies}.
 */
import type { PlatformClients, RuntimeConfig } from '../../platform/wiring/runtime';
import type { ExportStore } from '../../modules/privacy/ports';
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  AuditLog,
  Clock,
  EventPublisher,
  IdGenerator,
  SecretsProvider,
  SettingsRepository,
  TokenVault,
} from '../../platform/core/ports';
import type { ConnectionStore as ConnectionRepository } from '../../modules/connections/contracts/store';
import type { SyncStateRepository } from '../../core/ports';
import { DynamoConnectionStore } from '../../modules/connections/contracts/store';
import type { GraphClient } from '../../platform/adapters/graph/graph-client';
import { systemClock, timeOrderedIds } from '../../platform/adapters/system/clock-and-ids';
import type { CommandPublisher } from '../../platform/core/ports';
import { DynamoSyncState } from '../../adapters/dynamodb/sync-state-repository';
import { IDEMPOTENT_CREATES, ROUTES } from '../../app/route-table';
import { idempotencyGate, type IdempotencyGate } from '../../platform/handlers/idempotency';
import type { ReplyAssistant } from '../../modules/inbox/ports';
import type { GraphPauseGate } from '../../platform/core/graph/graph-pause';
import { SERVICE_NAME } from '../../platform/wiring/basics';
import { busAccess } from '../../platform/wiring/bus';
import { graphAccess } from '../../platform/wiring/graph';
import { tableAccess } from '../../platform/wiring/table';
import type { IdempotencyStore } from '../../platform/core/idempotency/idempotent-request';
import { DynamoIdempotencyStore } from '../../platform/adapters/table/idempotency-store';
import type { Metrics } from '../../platform/core/observability/metrics';
import { quietTelemetry, type Telemetry } from '../../platform/handlers/telemetry';

export type { RuntimeConfig };

/** The platform's clients and what the functions not yet moved into a module add to them. */
export interface InfrastructureClients extends PlatformClients {
  /** where tenant exports are written (S3: AWS's, or fauxqs's in the local runtime) */
  exports?: ExportStore;
  /** the HTTP client the Graph adapter uses; global fetch by default */
  fetch?: typeof fetch;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** AI drafts and classification (Bedrock in AWS, a deterministic one locally); absent = not offered */
  assistant?: ReplyAssistant;
  /** tracer and EMF metrics (telemetry.ts); absent = quiet: no traces, metrics dropped */
  telemetry?: Telemetry;
}

export interface AppDependencies {
  config: RuntimeConfig;
  clients: InfrastructureClients;
  logger: Logger;
  /** the tracer and the EMF metrics the handler wrappers' middlewares flush */
  telemetry: Telemetry;
  /** business metrics (core/observability/metric-catalogue.ts) */
  metrics: Metrics;
  clock: Clock;
  ids: IdGenerator;
  vault: TokenVault;
  secrets: SecretsProvider;
  events: EventPublisher;
  audit: AuditLog;
  connections: ConnectionRepository;
  graphClient: GraphClient;
  /** the app-wide pause of the Graph API while Meta is down, shared through the table */
  graphPause: GraphPauseGate;
  /** watermarks of the scheduled syncs and the Page health shown on a connection */
  syncState: SyncStateRepository;
  /** internal commands (backfill, purge) sent through the bus to the workers */
  commands: CommandPublisher;
  settings: SettingsRepository;
  /** `Idempotency-Key` records of the API's creates */
  idempotency: IdempotencyStore;
  /** which creates honour `Idempotency-Key`, for the HTTP wrapper */
  httpIdempotency: IdempotencyGate;
}

export function buildDependencies(config: RuntimeConfig, clients: InfrastructureClients): AppDependencies {
  const clock = clients.clock ?? systemClock;
  const ids = clients.ids ?? timeOrderedIds(clock);
  const logger = clients.logger ?? new Logger({ serviceName: SERVICE_NAME });
  const telemetry = clients.telemetry ?? quietTelemetry();
  const metrics: Metrics = telemetry.metrics;
  const rt = { config, clients, logger, telemetry, clock, ids };
  const { db, audit, settings } = tableAccess(rt);
  const { client: graphClient, pause: graphPause } = graphAccess(rt);
  const connections = new DynamoConnectionStore(db, config.tableName);
  const { events, commands } = busAccess(rt);
  const idempotency = new DynamoIdempotencyStore(db, config.tableName);
  const syncState = new DynamoSyncState(db, config.tableName);
  return {
    config,
    clients,
    logger,
    telemetry,
    metrics,
    clock,
    ids,
    vault: clients.vault,
    secrets: clients.secrets,
    events,
    audit,
    connections,
    graphClient,
    graphPause,
    syncState,
    commands,
    settings,
    idempotency,
    httpIdempotency: idempotencyGate(ROUTES, IDEMPOTENT_CREATES, {
      store: idempotency,
      tenantClaim: config.tenantClaim,
    }),
  };
}
