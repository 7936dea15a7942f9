/**
 * An internal command: work one function asks another to do, sent on the bus with the ingest source
 * (topology.ts INGEST_SOURCE) and routed by its detail-type to the worker's queue (a bus rule).
 * The schema is the one contract between the two sides: the producer sends what it parses, the worker
 * reads with the same schema, and a bus rule names the detail-type from here.
 */
import type * as z from './zod';
import type { CommandPublisher } from '../core/ports';

export interface CommandContract<S extends z.ZodMiniObject = z.ZodMiniObject> {
  detailType: string;
  description: string;
  schema: S;
}

export function defineCommand<S extends z.ZodMiniObject>(
  detailType: string,
  description: string,
  schema: S,
): CommandContract<S> {
  return { detailType, description, schema };
}

/** Sends a command through its contract: a detail the contract refuses never leaves. */
export async function sendCommand<S extends z.ZodMiniObject>(
  commands: CommandPublisher,
  contract: CommandContract<S>,
  detail: z.input<S>,
): Promise<void> {
  await commands.send(contract.detailType, contract.schema.parse(detail) as Record<string, unknown>);
}
