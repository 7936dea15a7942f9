/**
 * The ads module's wiring: from the platform's shared pieces it builds only the adapters the ads use cases
 * take — its campaign store, its Marketing API slice, the ad accounts' pace, what it reads about
 * connections — for the ads worker (which can hold a job on its own queue) and the status sync; the
 * campaigns API adds its own parts (campaigns-api.ts).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDelayedJobSender } from '../../../platform/adapters/queue/delayed-job-sender';
import { DynamoAdPaceStore } from '../../../platform/adapters/table/ad-pace-store';
import { INGEST_SOURCE } from '../../../platform/contracts/topology';
import { graphAccess } from '../../../platform/wiring/graph';
import {
  awsGraphCallerRuntime,
  awsGraphWorkerRuntime,
  type GraphCallerRuntime,
  type GraphWorkerRuntime,
} from '../../../platform/wiring/graph-caller';
import { tableAndBus } from '../../../platform/wiring/table-and-bus';
import { AdsGraphGateway } from '../adapters/ads-graph-gateway';
import { ConnectionsForAds } from '../adapters/connections-for-ads';
import { DynamoCampaignStore } from '../adapters/dynamo-campaign-store';
import { ADS_QUEUE } from '../queue';
import type { AdsDeps } from '../ports';

/** What every ads function has: the table, the bus, the Graph API (Meta secret) and the vault. */
export type AdsRuntime = GraphCallerRuntime;

export function adsFromRuntime(rt: AdsRuntime, extra: Pick<AdsDeps, 'delayedJobs'> = {}): AdsDeps {
  const p = tableAndBus(rt);
  return {
    ...p,
    vault: rt.clients.vault,
    campaigns: new DynamoCampaignStore(p.db, p.tableName),
    connections: ConnectionsForAds.inTable(p),
    graph: new AdsGraphGateway(graphAccess(rt).client),
    paces: new DynamoAdPaceStore(p.db, p.tableName),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...extra,
  };
}

/** The status sync: the common parts only. */
export const awsAdsRuntime = awsGraphCallerRuntime;

/** The ads worker: its own queue too (retries it times, and jobs the ad account's pace holds back). */
export type AdsWorkerRuntime = GraphWorkerRuntime;

function delayedJobsOf(sqs: SQSClient, queueUrls: Record<string, string>): Pick<AdsDeps, 'delayedJobs'> {
  const url = queueUrls[ADS_QUEUE.name];
  return url ? { delayedJobs: new SqsDelayedJobSender(sqs, url, INGEST_SOURCE) } : {};
}

export const adsWorkerFromRuntime = (rt: AdsWorkerRuntime): AdsDeps =>
  adsFromRuntime(rt, delayedJobsOf(rt.clients.sqs, rt.config.queueUrls));

export const awsAdsWorkerRuntime = awsGraphWorkerRuntime;
