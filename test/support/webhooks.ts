/** Signed webhook deliveries sent straight to the API, and the parked bodies read back from the table. */
import { createHmac } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntimeFixture } from './local-runtime';

export const signBody = (secret: string, body: Buffer | string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface DeliveryAnswer {
  status: number;
  contentType: string;
  json: any;
}

/** POSTs the exact bytes to the webhook, signed with the app secret unless `signature` says otherwise. */
export async function postDelivery(
  rt: LocalRuntimeFixture,
  body: Buffer | string,
  signature: string | null = signBody(rt.runtime.metaApp.appSecret, body),
): Promise<DeliveryAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(`${rt.runtime.apiUrl}/api/v1/meta/webhook`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', json };
}

/** The parked body of one delivery, its parts put back together in order; null when nothing was parked. */
export async function parkedBody(rt: LocalRuntimeFixture, deliveryId: string): Promise<Buffer | null> {
  const parts: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await rt.runtime.deps.clients.dynamo.send(
      new QueryCommand({
        TableName: rt.runtime.config.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'deliveryId = :id',
        ExpressionAttributeValues: { ':pk': 'DELIVERIES#PARKED', ':id': deliveryId },
        ExclusiveStartKey: start,
      }),
    );
    parts.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  if (parts.length === 0) return null;
  parts.sort((a, b) => a.part - b.part);
  if (parts.length !== parts[0]!.parts) throw new Error(`parked ${parts.length} of ${parts[0]!.parts} parts`);
  return Buffer.concat(parts.map((p) => Buffer.from(p.body, 'base64')));
}

/** The first part of a parked delivery (it carries the delivery record), or undefined. */
export async function parkedRecord(
  rt: LocalRuntimeFixture,
  deliveryId: string,
): Promise<Record<string, any> | undefined> {
  const page = await rt.runtime.deps.clients.dynamo.send(
    new QueryCommand({
      TableName: rt.runtime.config.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'deliveryId = :id AND part = :zero',
      ExpressionAttributeValues: { ':pk': 'DELIVERIES#PARKED', ':id': deliveryId, ':zero': 0 },
    }),
  );
  return page.Items?.[0];
}
