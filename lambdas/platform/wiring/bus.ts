/** The bus a function publishes on: domain events and internal commands, one failure policy. */
import { BusCommandPublisher, BusEventPublisher, EventBridgeBus } from '../adapters/events/event-bus';
import type { CommandPublisher, EventPublisher } from '../core/ports';
import type { BusConfig, Runtime } from './runtime';

export function busAccess(rt: Runtime<BusConfig, 'eventBridge'>): {
  bus: EventBridgeBus;
  events: EventPublisher;
  commands: CommandPublisher;
} {
  const bus = new EventBridgeBus(rt.clients.eventBridge, rt.config.eventBusName);
  return { bus, events: new BusEventPublisher(bus), commands: new BusCommandPublisher(bus) };
}
