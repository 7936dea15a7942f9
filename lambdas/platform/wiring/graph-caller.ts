/**
 * What a function that calls Meta on a connection's behalf is built from: the table, the bus, the Graph
 * API (its client signs with the Meta secret) and the vault (the connection's tokens) — the `GRAPH_CALLER`
 * needs of lib/function-needs.ts; a queue worker adds its queue. The modules that call Meta (ads,
 * insights, the inbox, leads, publishing, content, connections) take their runtime from here, so the
 * clients of such a function are built one way.
 */
import { awsDynamo } from './aws/dynamo';
import { awsEventBridge } from './aws/event-bridge';
import { tracedVault } from './aws/kms-vault';
import { tracedMetaSecrets } from './aws/meta-secrets';
import { awsSqs } from './aws/sqs';
import type { Traced } from './aws/traced';
import { awsRuntimeOf } from './aws-runtime';
import { busConfig, graphConfig, queueConfig, tableConfig, type Env } from './env';
import type { BusConfig, GraphConfig, PlatformClients, QueueConfig, Runtime, TableConfig } from './runtime';

export type GraphCallerClient = 'dynamo' | 'eventBridge' | 'secrets' | 'vault';

/** A Graph caller's runtime; `C` is what else its function reads from the environment. */
export type GraphCallerRuntime<C = unknown> = Runtime<
  TableConfig & BusConfig & GraphConfig & C,
  GraphCallerClient
>;

/** A queue worker that calls Meta: its queue too (it times its own retries). */
export type GraphWorkerRuntime = Runtime<
  TableConfig & BusConfig & GraphConfig & QueueConfig,
  GraphCallerClient | 'sqs'
>;

const graphCallerConfig = (env: Env) => ({ ...tableConfig(env), ...busConfig(env), ...graphConfig(env) });

const awsGraphCallerClients =
  (env: Env) =>
  (trace: Traced): Pick<PlatformClients, GraphCallerClient> => ({
    dynamo: awsDynamo(trace),
    eventBridge: awsEventBridge(trace, env),
    secrets: tracedMetaSecrets(env, trace),
    vault: tracedVault(env, trace),
  });

/** A Graph caller's runtime in Lambda, with `more` of its configuration (the tenant claim, OAuth settings). */
export const awsGraphCallerRuntimeWith = <C>(env: Env, more: (env: Env) => C): GraphCallerRuntime<C> =>
  awsRuntimeOf(env, (e) => ({ ...graphCallerConfig(e), ...more(e) }), awsGraphCallerClients(env));

export const awsGraphCallerRuntime = (env: Env = process.env): GraphCallerRuntime =>
  awsRuntimeOf(env, graphCallerConfig, awsGraphCallerClients(env));

export const awsGraphWorkerRuntime = (env: Env = process.env): GraphWorkerRuntime =>
  awsRuntimeOf(
    env,
    (e) => ({ ...graphCallerConfig(e), ...queueConfig(e) }),
    (trace) => ({ ...awsGraphCallerClients(env)(trace), sqs: awsSqs(trace) }),
  );
