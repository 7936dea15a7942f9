/**
 * The Graph client's calls as X-Ray subsegments and as metrics, against the running simulator: each
 * exchange is named by its method and path template and carries its status and Meta's error code, and
 * nothing of the token, the proof, the query or the ids reaches a trace or a dimension.
 */
// the segment alone: the SDK's entry point would turn on async hooks for this whole test process
import Segment from 'aws-xray-sdk-core/dist/lib/segments/segment';
import * as z from 'zod';
import { startMetaSimulator, DEFAULT_WORLD_IDS as W, type MetaSimulator } from '../../local/meta-simulator';
import { GraphClient } from '../../lambdas/platform/adapters/graph/graph-client';
import {
  graphCallMetrics,
  observeGraphCalls,
} from '../../lambdas/platform/adapters/graph/graph-call-observer';
import { meteredGate } from '../../lambdas/platform/adapters/graph/graph-pause-metrics';
import { graphCallTracing } from '../../lambdas/platform/adapters/observability/graph-call-tracing';
import { graphPathTemplate } from '../../lambdas/platform/core/graph/graph-path-template';
import { GraphPauseGate, type GraphPauseStore } from '../../lambdas/platform/core/graph/graph-pause';
import { GraphPausedError, type GraphPause } from '../../lambdas/platform/core/graph/graph-outage';
import { RecordingMetrics } from '../support/recording-metrics';

const APP = { appId: '100000000000011', appSecret: 'observability-test-secret' };
const APP_TOKEN = `${APP.appId}|${APP.appSecret}`;
let sim: MetaSimulator;
beforeAll(async () => {
  sim = await startMetaSimulator({ port: 0, ...APP });
});
afterAll(async () => {
  await sim.close();
});

/** The invocation's segment, as the tracer hands it out in Lambda. */
function traced() {
  const segment = new Segment('observability-test');
  return { segment, tracer: { isTracingEnabled: () => true, getSegment: () => segment } };
}

function client(baseUrl: string, metrics: RecordingMetrics, tracer: Parameters<typeof graphCallTracing>[0]) {
  return new GraphClient({
    baseUrl,
    version: 'v26.0',
    appSecret: async () => APP.appSecret,
    sleep: async () => {},
    observer: observeGraphCalls(graphCallMetrics(metrics), graphCallTracing(tracer)),
  });
}

const Page = z.object({ id: z.string() });

describe('the path template', () => {
  it.each([
    ['1234567890/leads', '/{id}/leads'],
    ['/act_42/campaigns', '/act_{id}/campaigns'],
    ['101_202/comments', '/{id}/comments'],
    ['me/permissions', '/me/permissions'],
    ['oauth/access_token', '/oauth/access_token'],
    ['t_10224/messages?fields=message', '/{id}/messages'],
    ['17841400000000000/media_publish', '/{id}/media_publish'],
  ])('%s → %s', (path, template) => {
    expect(graphPathTemplate(path)).toBe(template);
  });
});

describe('each Graph call', () => {
  it('is a subsegment with its method, path template and status, and a GraphCalls count', async () => {
    const metrics = new RecordingMetrics();
    const { segment, tracer } = traced();
    const graph = client(sim.url, metrics, tracer);
    await graph.get(W.bakeryPageId, { token: APP_TOKEN, query: { fields: 'id,name' }, schema: Page });
    const refused = await graph
      .get(`${W.bakeryPageId}/no_such_edge`, { token: APP_TOKEN, schema: Page })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ httpStatus: 400 });
    const code = (refused as { body: { code: number } }).body.code;

    const [ok, error] = segment.subsegments!.map((s) => s.toJSON());
    const host = new URL(sim.url).host;
    expect(ok).toMatchObject({
      name: host,
      namespace: 'remote',
      annotations: { graph_method: 'GET', graph_path: '/{id}', graph_status: 200 },
      http: { request: { method: 'GET', url: `${sim.url}/v26.0/{id}` }, response: { status: 200 } },
    });
    expect(ok!.error).toBeUndefined();
    expect(ok!.in_progress).toBeUndefined();
    expect(error).toMatchObject({
      annotations: { graph_path: '/{id}/no_such_edge', graph_status: 400, graph_error_code: code },
      error: true,
    });
    // what a trace must never carry: the token, the proof, the query, the ids
    const trace = JSON.stringify(segment.subsegments!.map((s) => s.toJSON()));
    for (const secret of [APP.appSecret, 'appsecret_proof', 'access_token', 'fields', W.bakeryPageId])
      expect(trace).not.toContain(secret);

    expect(metrics.byDimensions('graphCalls')).toEqual([
      { dimensions: { Status: '200', ErrorCode: 'none' }, total: 1 },
      { dimensions: { Status: '400', ErrorCode: String(code) }, total: 1 },
    ]);
    expect(metrics.calls.filter((c) => c.metric === 'graphCallDuration')).toHaveLength(2);
  });

  it('that gets no answer is a fault with no status, counted as Status none, once per attempt', async () => {
    const metrics = new RecordingMetrics();
    const { segment, tracer } = traced();
    // nothing listens on port 9 of this machine
    const graph = client('http://127.0.0.1:9', metrics, tracer);
    await expect(graph.get('me', { token: APP_TOKEN, schema: Page })).rejects.toMatchObject({
      name: 'MetaNetworkError',
    });
    const attempts = segment.subsegments!.map((s) => s.toJSON());
    expect(attempts.length).toBeGreaterThan(1);
    for (const a of attempts) {
      expect(a).toMatchObject({ fault: true, annotations: { graph_path: '/me' } });
      expect(a.annotations.graph_status).toBeUndefined();
    }
    expect(metrics.byDimensions('graphCalls')).toEqual([
      { dimensions: { Status: 'none', ErrorCode: 'none' }, total: attempts.length },
    ]);
  });

  it('adds nothing to a trace while the tracer is disabled', async () => {
    // a disabled tracer still hands out a dummy segment: the observer must not even ask for it
    let asked = 0;
    const watched = {
      isTracingEnabled: () => false,
      getSegment: () => {
        asked++;
        return new Segment('dummy');
      },
    };
    const metrics = new RecordingMetrics();
    await client(sim.url, metrics, watched).get(W.bakeryPageId, { token: APP_TOKEN, schema: Page });
    expect(asked).toBe(0);
    expect(metrics.total('graphCalls')).toBe(1);
  });

  it('refused by the app-wide pause is counted as paused, not as a call to Meta', async () => {
    const pause: GraphPause = {
      untilMs: Date.now() + 60_000,
      sinceMs: Date.now(),
      level: 0,
      reason: 'graph_failing',
      cause: 'transient_code_2',
    };
    const store: GraphPauseStore = { get: async () => pause, put: async () => {}, clear: async () => {} };
    const metrics = new RecordingMetrics();
    const graph = new GraphClient({
      baseUrl: sim.url,
      version: 'v26.0',
      appSecret: async () => APP.appSecret,
      sleep: async () => {},
      gate: meteredGate(new GraphPauseGate({ store, clock: { now: () => new Date() } }), metrics),
      observer: graphCallMetrics(metrics),
    });
    await expect(graph.get(W.bakeryPageId, { token: APP_TOKEN, schema: Page })).rejects.toBeInstanceOf(
      GraphPausedError,
    );
    expect(metrics.total('graphCallsPaused')).toBeGreaterThanOrEqual(1);
    expect(metrics.total('graphCalls')).toBe(0);
  });
});
