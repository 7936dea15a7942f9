/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas each handler parses
 * with, so the document cannot describe an API other than the one that runs.
 */
import { z } from 'zod';
import { ROUTES, type RouteSpec } from './route-table';
import { Problem, type OperationSchemas } from './schemas/common-schemas';
import { CONNECTION_OPERATIONS } from './schemas/connection-schemas';
import { LEAD_OPERATIONS } from './schemas/lead-schemas';
import { SETTINGS_OPERATIONS } from './schemas/settings-schemas';
import { PRIVACY_OPERATIONS } from './schemas/privacy-schemas';
import { POST_OPERATIONS } from './schemas/post-schemas';
import { CAMPAIGN_OPERATIONS } from './schemas/campaign-schemas';
import { INSIGHTS_OPERATIONS } from './schemas/insights-schemas';
import { INBOX_OPERATIONS } from './schemas/inbox-schemas';

export const OPERATIONS: Record<string, OperationSchemas> = {
  ...CONNECTION_OPERATIONS,
  ...LEAD_OPERATIONS,
  ...SETTINGS_OPERATIONS,
  ...PRIVACY_OPERATIONS,
  ...POST_OPERATIONS,
  ...CAMPAIGN_OPERATIONS,
  ...INSIGHTS_OPERATIONS,
  ...INBOX_OPERATIONS,
  metaWebhookHandshake: {
    query: z.object({ 'hub.mode': z.string(), 'hub.verify_token': z.string(), 'hub.challenge': z.string() }),
    responses: { 200: { mediaType: 'text/plain', description: 'The challenge, echoed' } },
  },
  metaWebhookDelivery: {
    responses: { 200: z.object({ received: z.number().int(), deliveryId: z.string() }) },
  },
  health: { responses: { 200: z.object({ status: z.literal('ok') }) } },
  openapi: { responses: { 200: { mediaType: 'application/json', description: 'This document' } } },
};

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function parameters(route: RouteSpec, ops: OperationSchemas): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (where: 'path' | 'query', schema: z.ZodType | undefined) => {
    if (!schema) return;
    const js = toSchema(schema, 'input');
    const props = (js.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((js.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      out.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  };
  add('path', ops.params);
  add('query', ops.query);
  for (const m of route.path.matchAll(/\{(\w+)\}/g)) {
    if (!out.some((p) => p.name === m[1] && p.in === 'path')) {
      out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  return out;
}

export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    const ops = OPERATIONS[route.operationId];
    if (!ops) throw new Error(`route ${route.operationId} has no schemas`);
    const responses: Record<string, JsonSchema> = {};
    for (const [status, schema] of Object.entries(ops.responses)) {
      if (schema === null) responses[status] = { description: status === '302' ? 'Redirect' : 'No content' };
      else if ('mediaType' in schema && typeof schema.mediaType === 'string') {
        responses[status] = { description: schema.description, content: { [schema.mediaType]: {} } };
      } else {
        responses[status] = {
          description: 'Success',
          content: { 'application/json': { schema: toSchema(schema as z.ZodType, 'output') } },
        };
      }
    }
    responses.default = {
      description: 'A problem (RFC 9457)',
      content: { 'application/problem+json': { schema: toSchema(Problem, 'output') } },
    };
    const op: JsonSchema = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: parameters(route, ops),
      responses,
      security: route.auth === 'jwt' ? [{ bearerAuth: [] }] : [],
    };
    if (ops.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(ops.body, 'input') } },
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meta Business Connector API',
      version: '1',
      description: 'Connect Meta assets, ingest leads and messages, and act on Meta only with approval.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
