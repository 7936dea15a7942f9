/**
 * The `/_sim` control surface: JSON in, JSON out, no Graph auth. Route files register handlers here;
 * inputs are validated with zod and a bad one is a 400 with a readable reason.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as z from 'zod';
import { BodyError, parseBody, readRawBody, sendHtml, sendJson, sendRedirect } from './http-io';
import { matchPattern } from './route-registry';
import type { SimulatorCore } from './simulator-core';

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'ControlError';
  }
}

export interface ControlContext {
  core: SimulatorCore;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export type ControlResult =
  { status: number; json: unknown } | { status: number; html: string } | { status: 302; location: string };

export interface ControlRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** under `/_sim`, e.g. `/users/:id/revoke` */
  pattern: string;
  handle: (c: ControlContext) => ControlResult | Promise<ControlResult>;
}

export function ok(json: unknown, status = 200): ControlResult {
  return { status, json };
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const reason = result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`)
      .join('; ');
    throw new ControlError(400, 'invalid_request', reason);
  }
  return result.data;
}

export class ControlRouter {
  private readonly routes: ControlRoute[] = [];

  add(...routes: ControlRoute[]): this {
    this.routes.push(...routes);
    return this;
  }

  async handle(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/_sim/, '') || '/';
    try {
      const candidates = this.routes.filter((r) => matchPattern(r.pattern, path) !== null);
      const route = candidates.find((r) => r.method === method);
      if (!route) {
        throw candidates.length > 0
          ? new ControlError(405, 'method_not_allowed', `${method} is not supported on /_sim${path}`)
          : new ControlError(404, 'not_found', `no control route /_sim${path}`);
      }
      const body = parseBody(await readRawBody(req), req.headers['content-type']);
      const result = await route.handle({
        core,
        params: matchPattern(route.pattern, path) ?? {},
        query: url.searchParams,
        body,
      });
      if ('location' in result) sendRedirect(res, result.location);
      else if ('html' in result) sendHtml(res, result.status, result.html);
      else sendJson(res, result.status, result.json);
    } catch (err) {
      if (err instanceof ControlError)
        sendJson(res, err.status, { error: err.errorCode, reason: err.reason });
      else if (err instanceof BodyError)
        sendJson(res, err.status, { error: 'invalid_body', reason: err.message });
      else {
        console.error('[meta-simulator] control route failed', err);
        sendJson(res, 500, { error: 'internal', reason: (err as Error).message });
      }
    }
  }
}
