/**
 * The delivery log, written after the webhook answered Meta: the record the webhook handed to the bus
 * beside the delivery's events is stored as it came. A redelivered message writes the same item again.
 */
import { DeliveryReceived } from '../contracts';
import type { DeliveryLog } from '../ports';

export type LogDeliveryOutcome = { outcome: 'recorded'; deliveryId: string; reason: 'handed_off_record' };

export async function logDelivery(
  deps: { deliveries: DeliveryLog },
  detail: unknown,
): Promise<LogDeliveryOutcome> {
  const { delivery } = DeliveryReceived.schema.parse(detail);
  await deps.deliveries.record(delivery);
  return { outcome: 'recorded', deliveryId: delivery.deliveryId, reason: 'handed_off_record' };
}
