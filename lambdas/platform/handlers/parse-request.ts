/** zod at the edge: path, query and body are checked before any domain code runs. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from '../contracts/zod';
import { DomainError, invalid, type FieldIssue } from '../core/errors';

export interface RequestSchemas {
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** operation schemas carry their responses too; parsing ignores them */
  responses?: unknown;
}

export type Parsed<S extends RequestSchemas> = {
  params: S['params'] extends z.ZodMiniType ? z.output<S['params']> : Record<string, never>;
  query: S['query'] extends z.ZodMiniType ? z.output<S['query']> : Record<string, never>;
  body: S['body'] extends z.ZodMiniType ? z.output<S['body']> : undefined;
};

export function rawBody(event: APIGatewayProxyEventV2): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** Nothing, whitespace or `{}`: what a client sends when it has nothing to say. */
function isEmptyBody(bytes: Buffer): boolean {
  const text = bytes.toString('utf8').trim();
  return text === '' || /^\{\s*\}$/.test(text);
}

/** zod reports a refused map key as "Invalid key in record"; the key's own issue says why. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0)
    return `this key is not accepted: ${issue.issues.map((k) => k.message).join('; ')}`;
  return issue.message;
}

function issuesOf(where: string, error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const reason = (i as { params?: { reason?: unknown } }).params?.reason;
    return {
      field: [where, ...i.path.map(String)].join('.'),
      message: messageOf(i),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  });
}

export function parseRequest<S extends RequestSchemas>(event: APIGatewayProxyEventV2, schemas: S): Parsed<S> {
  const issues: FieldIssue[] = [];
  const check = (where: string, schema: z.ZodMiniType | undefined, value: unknown) => {
    if (!schema) return where === 'body' ? undefined : {};
    const r = schema.safeParse(value);
    if (!r.success) {
      issues.push(...issuesOf(where, r.error));
      return undefined;
    }
    return r.data;
  };
  const params = check('params', schemas.params, event.pathParameters ?? {});
  const query = check('query', schemas.query, event.queryStringParameters ?? {});
  // a route that declares no query or body takes none: silently ignoring input hides client bugs
  if (!schemas.query && Object.keys(event.queryStringParameters ?? {}).length > 0) {
    issues.push({ field: 'query', message: 'this route takes no query parameters' });
  }
  if (!schemas.body && !isEmptyBody(rawBody(event))) {
    issues.push({ field: 'body', message: 'this route takes no body' });
  }
  let body: unknown;
  if (schemas.body) {
    const type = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const text = rawBody(event).toString('utf8');
    if (text.length === 0) {
      issues.push({ field: 'body', message: 'a JSON body is required' });
    } else if (type && type !== 'application/json' && !type.endsWith('+json')) {
      throw new DomainError('validation', 'Send the body as application/json', 'unsupported_media_type');
    } else {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        issues.push({ field: 'body', message: 'the body is not valid JSON' });
      }
      if (json !== undefined) body = check('body', schemas.body, json);
    }
  }
  if (issues.length > 0) throw invalid('The request is not valid', issues, 'invalid_request');
  return { params, query, body } as Parsed<S>;
}
