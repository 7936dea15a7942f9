/**
 * What each function may touch: the one place IAM grants come from, and the environment variables that go
 * with them (environmentOf). A function gets exactly the grants its entry lists, so widening access is a
 * reviewed one-line change here rather than a policy edit elsewhere.
 *
 * Keys: HTTP_FUNCTIONS names (route-table.ts), queue names (topology.ts QUEUES, for the queue's worker) and
 * schedule names (topology.ts SCHEDULES).
 */
import type { HttpFunctionName } from '../lambdas/app/route-table';
import {
  ENVIRONMENT,
  type EnvironmentPart,
  type EnvironmentVariable,
} from '../lambdas/platform/contracts/environment';

export type TokenKeyOperation = 'encrypt' | 'decrypt';

export interface FunctionNeeds {
  /** `write`: puts and deletes only (no item can be read back), for a function that only records */
  table?: 'read' | 'write' | 'read-write';
  /** token vault key; every call must carry the {tenantId, connectionId} encryption context */
  tokenKey?: readonly TokenKeyOperation[];
  /** secretsmanager:GetSecretValue on the Meta app secret */
  metaSecret?: boolean;
  /** events:PutEvents on the connector bus */
  putEvents?: boolean;
  /** the export bucket: `write` puts and deletes export files, `read` signs download links */
  exportBucket?: 'read' | 'write';
  /** topology queue names it sends to; each also yields a QUEUE_URL_<NAME> variable */
  sendTo?: readonly string[];
  /**
   * a queue worker times its own failed messages: sqs:ChangeMessageVisibility (the next backoff step)
   * and sqs:SendMessage (a copy held while the Graph API is paused) on its own queue, and its
   * QUEUE_URL_<NAME>
   */
  timesOwnRetries?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * Lambda reserved concurrency, for functions whose runaway would hurt: it caps them (and guarantees them
   * that much), so a slow Meta or model cannot pile their invocations up until the account's concurrency is
   * gone and the webhook is throttled. Scheduled jobs default to 1 (one run at a time, schedules.ts).
   */
  reservedConcurrency?: number;
  /** why a function has no reservation: becomes the acknowledgment of cdk-nag's LambdaConcurrency */
  unreservedBecause?: string;
  /**
   * Queue workers: the SQS event source's maximum concurrency. AWS's cap for SQS-fed functions: reserved
   * concurrency would throttle batches the pollers already took, and a throttled receive counts towards
   * maxReceiveCount, dead-lettering healthy messages
   * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html).
   */
  maxConcurrency?: number;
  /** bedrock:InvokeModel on the configured model only, and BEDROCK_MODEL_ID; nothing when none is configured */
  bedrock?: boolean;
  /** calls the Graph API: its URL and pinned version (the Meta secret signs the calls) */
  graph?: boolean;
  /** builds links to this API (the OpenAPI document's server, callback URLs): PUBLIC_BASE_URL */
  publicUrl?: boolean;
  /** sends people through Meta's login dialog and back: META_LOGIN_URL and RETURN_URL_ALLOWLIST */
  oauth?: boolean;
}

/** Graph calls need the app secret for `appsecret_proof`, and page tokens from the vault. */
const GRAPH_CALLER: FunctionNeeds = {
  table: 'read-write',
  tokenKey: ['decrypt'],
  metaSecret: true,
  putEvents: true,
  graph: true,
};

/** Why the HTTP functions that call nothing slow carry no reservation (the stage throttle is in http-api.ts). */
const ANSWERS_FROM_THE_TABLE =
  'Answers from DynamoDB and the bus alone, in milliseconds: the API stage throttle (200 requests/s) bounds ' +
  'it to a few concurrent executions, and a reservation would only turn a burst of requests into 5xx errors.';

export const HTTP_FUNCTION_NEEDS: { readonly [K in HttpFunctionName]: FunctionNeeds } = {
  // readiness and the OpenAPI document: the document names this API's URL
  public: { publicUrl: true, unreservedBecause: ANSWERS_FROM_THE_TABLE },
  // verifies signatures with the app secret, hands events to the bus and parks what it cannot read: it
  // writes the table and never reads it
  'meta-webhook': {
    table: 'write',
    metaSecret: true,
    putEvents: true,
    unreservedBecause:
      'The webhook must take every delivery Meta sends: it only verifies, logs and hands off (milliseconds, bounded ' +
      'by the stage throttle), the functions that call slow services are capped so they cannot starve it, and a ' +
      'cap here would answer Meta with 5xx and delay every lead.',
  },
  // a slow Meta token exchange would pile invocations up; ten people mid-consent at once is plenty
  'oauth-callback': {
    table: 'read-write',
    tokenKey: ['encrypt', 'decrypt'],
    metaSecret: true,
    putEvents: true,
    graph: true,
    publicUrl: true,
    oauth: true,
    reservedConcurrency: 10,
  },
  // also disconnects: decrypts the token to revoke at Meta, then queues the purge on the bus. Asset listing
  // and selection call Meta synchronously: capped so a slow Graph cannot hold the account's concurrency
  connections: {
    table: 'read-write',
    tokenKey: ['encrypt', 'decrypt'],
    metaSecret: true,
    putEvents: true,
    graph: true,
    publicUrl: true,
    oauth: true,
    reservedConcurrency: 20,
  },
  // reads and writes leads; backfills and status feedback are commands on the bus for the lead worker
  leads: { table: 'read-write', putEvents: true, unreservedBecause: ANSWERS_FROM_THE_TABLE },
  // registers numbers, manages templates and profiles at Meta with the connection's token (decrypted
  // only); stores what Meta answers. Capped like the other functions that call Meta synchronously
  whatsapp: {
    table: 'read-write',
    tokenKey: ['decrypt'],
    metaSecret: true,
    graph: true,
    reservedConcurrency: 10,
  },
  // tenant settings and their audit entries live in the table; nothing leaves the account
  settings: { table: 'read-write', unreservedBecause: ANSWERS_FROM_THE_TABLE },
  // verifies Meta's signed_request with the app secret; revokes tokens and queues purges on the bus; the
  // data deletion answer names its public status page (this API's URL)
  'meta-callbacks': {
    table: 'read-write',
    metaSecret: true,
    putEvents: true,
    publicUrl: true,
    unreservedBecause: ANSWERS_FROM_THE_TABLE,
  },
  // reads stored counters; a backfill is recorded (and audited), then a command on the bus
  insights: { table: 'read-write', putEvents: true, unreservedBecause: ANSWERS_FROM_THE_TABLE },
  // launch, pause and resume call the Marketing API with the connection's token; creation is queued.
  // Capped: Marketing API calls are slow under load and each one spends the ad account's rate budget
  campaigns: { ...GRAPH_CALLER, reservedConcurrency: 10 },
  // the calendar: posts and approvals in the table; nothing goes to Meta from here. An approval due within
  // the scheduler's window queues its publish jobs itself (held on the publish queue until their second)
  posts: {
    table: 'read-write',
    putEvents: true,
    sendTo: ['publish'],
    unreservedBecause: ANSWERS_FROM_THE_TABLE,
  },
  // audit log and retention settings live in the table; exports are commands on the bus, files signed for download
  privacy: {
    table: 'read-write',
    putEvents: true,
    exportBucket: 'read',
    unreservedBecause: ANSWERS_FROM_THE_TABLE,
  },
  // conversations and replies in the table; message text sealed with the tenant's data key, which the
  // token key wraps; approved replies are commands on the bus; AI drafts can take a model call's time;
  // the inbox's daily figures.
  // Capped: each AI draft is a paid Bedrock call of up to 29 s, the costliest runaway in the stack
  inbox: {
    table: 'read-write',
    tokenKey: ['encrypt', 'decrypt'],
    putEvents: true,
    bedrock: true,
    timeoutSeconds: 29,
    reservedConcurrency: 20,
  },
  // reads synced content; sorting by a figure reads up to 10,000 items of the tenant
  performance: { table: 'read', timeoutSeconds: 15, unreservedBecause: ANSWERS_FROM_THE_TABLE },
};

/** Every queue worker decides when its failed messages come back (lambdas/core/retries). */
const QUEUE_WORKER: FunctionNeeds = { timesOwnRetries: true };

/**
 * Declared per queue of topology.ts; trim an entry when its worker lands and needs less. Every
 * worker is capped by `maxConcurrency` on its event source, sized to what Meta's rate limits and the table
 * take, instead of a reservation (see {@link FunctionNeeds.maxConcurrency}).
 */
export const QUEUE_WORKER_NEEDS: Readonly<Record<string, FunctionNeeds>> = {
  // backfills page through a whole form in one message; stays under visibility (180 s) / 3. Ten batches
  // of ten leads at once keep up with a Lead Ads burst while staying far inside Meta's app rate limit
  'lead-fetch': { ...QUEUE_WORKER, ...GRAPH_CALLER, timeoutSeconds: 60, maxConcurrency: 10 },
  // template status webhooks onto the stored templates: the table only, nothing at Meta
  'whatsapp-template-status': { ...QUEUE_WORKER, table: 'read-write', timeoutSeconds: 20, maxConcurrency: 2 },
  // stores messages (a tenant's first one creates its data key) and sends approved replies, reading back
  // a send whose answer was lost; under the queue's 60 s visibility
  inbox: {
    ...QUEUE_WORKER,
    ...GRAPH_CALLER,
    tokenKey: ['encrypt', 'decrypt'],
    timeoutSeconds: 30,
    maxConcurrency: 10,
  },
  // creates approved campaigns at Meta, paused, one job at a time; a job the ad account's pace holds
  // back goes back to the ads queue with a delay; 60 s stays under the 90 s run lease (create-at-meta.ts).
  // Few at once: the Marketing API's rate budget is per ad account and creation is rare
  ads: {
    ...QUEUE_WORKER,
    ...GRAPH_CALLER,
    sendTo: ['ads'],
    timeoutSeconds: 60,
    maxConcurrency: 5,
  },
  // backfills: reads Page, Instagram and ad-account insights, stores daily counters (under visibility 960 s)
  insights: { ...QUEUE_WORKER, ...GRAPH_CALLER, timeoutSeconds: 900, maxConcurrency: 5 },
  // polls Instagram containers (a carousel's items one by one) before handing a job back; under the
  // queue's 120 s visibility timeout. Enough at once that a minute with many due posts stays on time
  publish: { ...QUEUE_WORKER, ...GRAPH_CALLER, timeoutSeconds: 110, maxConcurrency: 10 },
  // purges connections (and the tenant's export files, which hold their data) and writes tenant exports;
  // a purge's parallel BatchWrites are heavy, a few at once is plenty
  // exports open the inbox's sealed text for the person it is about: decrypt only
  deletion: {
    ...QUEUE_WORKER,
    table: 'read-write',
    tokenKey: ['decrypt'],
    putEvents: true,
    exportBucket: 'write',
    maxConcurrency: 5,
  },
  // writes the delivery log from the records the webhook handed off: table only
  'delivery-log': { ...QUEUE_WORKER, table: 'read-write', timeoutSeconds: 20, maxConcurrency: 2 },
  // stores the Page's own posts from `feed` webhooks and links published calendar posts: table only
  content: { ...QUEUE_WORKER, table: 'read-write', timeoutSeconds: 30, maxConcurrency: 5 },
};

/** Jobs sweep every tenant's connections in one run: minutes, not the HTTP default of seconds. */
export const SCHEDULE_NEEDS: Readonly<Record<string, FunctionNeeds>> = {
  'lead-reconciliation': { ...GRAPH_CALLER, timeoutSeconds: 300 },
  'subscription-check': { ...GRAPH_CALLER, timeoutSeconds: 300 },
  // refreshing a token encrypts the new user token and Page tokens
  // reads Page, Instagram and campaign insights with the connections' tokens; stores daily counters
  'insights-sync': { ...GRAPH_CALLER, timeoutSeconds: 600 },
  // reads effective status, delivery issues and spend of managed campaigns
  'campaign-status': { ...GRAPH_CALLER, timeoutSeconds: 300 },
  // reads recent comments of selected Pages and Instagram accounts and WhatsApp templates; stores them
  'inbox-sync': { ...GRAPH_CALLER, tokenKey: ['encrypt', 'decrypt'], timeoutSeconds: 300 },
  // claims due posts and queues one publish job per target: on the bus, or delayed on the publish queue
  'due-posts': { table: 'read-write', putEvents: true, sendTo: ['publish'], timeoutSeconds: 60 },
  'token-watch': { ...GRAPH_CALLER, tokenKey: ['encrypt', 'decrypt'], timeoutSeconds: 300 },
  // reads every selected Page's and Instagram account's posts with their figures (batched lists); a dead
  // token expires its connection (an audited event)
  'content-sync': { ...GRAPH_CALLER, timeoutSeconds: 900 },
  // counts the inbox's last days from its stored conversations and messages: table only
  'inbox-metrics': { table: 'read-write', timeoutSeconds: 300 },
};

export type FunctionKind = 'http' | 'queue' | 'schedule';

const TABLES: Record<FunctionKind, Readonly<Record<string, FunctionNeeds>>> = {
  http: HTTP_FUNCTION_NEEDS,
  queue: QUEUE_WORKER_NEEDS,
  schedule: SCHEDULE_NEEDS,
};

/**
 * The environment variables a function is given: what its needs use, read through the same table the
 * function reads them with (platform/contracts/environment.ts). `tenantApi`: it serves routes behind the
 * JWT authorizer, and reads the tenant claim. Queue URLs and the Bedrock model come with `sendTo`,
 * `timesOwnRetries` and `bedrock` (service-functions.ts).
 */
export function environmentOf(needs: FunctionNeeds, options: { tenantApi: boolean }): EnvironmentVariable[] {
  const parts = new Set<EnvironmentPart>(['logging']);
  if (needs.table) parts.add('table');
  if (needs.putEvents) parts.add('bus');
  if (needs.tokenKey?.length) parts.add('vault');
  if (needs.metaSecret) parts.add('metaSecret');
  if (needs.graph) parts.add('graph');
  if (needs.exportBucket) parts.add('exportBucket');
  if (needs.publicUrl) parts.add('publicUrl');
  if (needs.oauth) parts.add('oauth');
  if (options.tenantApi) parts.add('tenantApi');
  return [...parts].flatMap((p) => ENVIRONMENT[p]);
}

/** Fails the synth, rather than deploying a function that dies on AccessDenied or holds too much. */
export function needsFor(kind: FunctionKind, name: string): FunctionNeeds {
  const needs = TABLES[kind][name];
  if (!needs) {
    throw new Error(`no IAM needs declared for ${kind} function "${name}": add it to lib/function-needs.ts`);
  }
  return needs;
}
