/**
 * The metrics port over Powertools Metrics: one EMF blob per set of dimension values (EMF applies a blob's
 * dimensions to all of its metrics), names and units from the catalogue, nothing printed for an empty
 * invocation, and every blob through the given sink, also the ones Powertools flushes on its own.
 */
import type { EmfOutput } from '@aws-lambda-powertools/metrics/types';
import { EmfMetrics } from '../../lambdas/platform/adapters/observability/emf-metrics';
import { METRIC_CATALOGUE } from '../../lambdas/platform/core/observability/metric-catalogue';

function recorder() {
  const blobs: EmfOutput[] = [];
  const metrics = new EmfMetrics({
    namespace: 'EmfTest',
    serviceName: 'meta-connector',
    sink: (b) => void blobs.push(b),
  });
  return { metrics, blobs };
}

const directive = (blob: EmfOutput) => blob._aws.CloudWatchMetrics[0]!;

it('puts each combination of dimension values in a blob of its own, named and unitised by the catalogue', () => {
  const { metrics, blobs } = recorder();
  metrics.count('webhookDeliveries', { Outcome: 'handed_off' });
  metrics.count('webhookDeliveries', { Outcome: 'handed_off' });
  metrics.count('webhookDeliveries', { Outcome: 'parked' });
  metrics.count('purgedItems', {}, 250);
  metrics.timing('graphCallDuration', 41.6, {});
  expect(blobs).toEqual([]);

  metrics.publishStoredMetrics();
  expect(blobs).toHaveLength(3);
  const [root, handedOff, parked] = blobs as [EmfOutput, EmfOutput, EmfOutput];
  expect(directive(root)).toEqual({
    Namespace: 'EmfTest',
    Dimensions: [['service']],
    Metrics: [
      { Name: METRIC_CATALOGUE.purgedItems.name, Unit: 'Count' },
      { Name: METRIC_CATALOGUE.graphCallDuration.name, Unit: 'Milliseconds' },
    ],
  });
  expect(root).toMatchObject({ service: 'meta-connector', PurgedItems: 250, GraphCallDuration: 42 });
  expect(directive(handedOff).Dimensions).toEqual([['service', 'Outcome']]);
  // two counts in one invocation: values CloudWatch sums
  expect(handedOff).toMatchObject({ Outcome: 'handed_off', WebhookDeliveries: [1, 1] });
  expect(parked).toMatchObject({ Outcome: 'parked', WebhookDeliveries: 1 });
});

it('starts every invocation empty, and an invocation that counted nothing prints nothing', () => {
  const { metrics, blobs } = recorder();
  metrics.count('approvals', { Subject: 'post', By: 'rule' });
  metrics.publishStoredMetrics();
  metrics.publishStoredMetrics();
  expect(blobs).toHaveLength(1);
  metrics.count('approvals', { Subject: 'post', By: 'rule' });
  metrics.publishStoredMetrics();
  expect(blobs).toHaveLength(2);
  expect(blobs[1]).toMatchObject({ Subject: 'post', By: 'rule', Approvals: 1 });
});

it('a blob Powertools flushes early (100 values of one metric) still goes to the sink', () => {
  const { metrics, blobs } = recorder();
  const write = jest.spyOn(process.stdout, 'write');
  try {
    for (let i = 0; i < 150; i++) metrics.count('graphCalls', { Status: '200', ErrorCode: 'none' });
    metrics.publishStoredMetrics();
  } finally {
    write.mockRestore();
  }
  expect(write).not.toHaveBeenCalled();
  // flushed at 100 values, then the rest at the end of the invocation
  expect(blobs).toHaveLength(2);
  const values = blobs.flatMap((b) => [(b as Record<string, unknown>).GraphCalls].flat());
  expect(values).toHaveLength(150);
});
