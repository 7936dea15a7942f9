/**
 * The API client: openapi-fetch over the types generated from the service's OpenAPI document, so every
 * path, parameter and body is checked by the compiler. One middleware adds the bearer token; problems
 * (RFC 9457) become `ApiProblem`s that pages show generically, field by field.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Api = ReturnType<typeof createClient<paths>>;
export type Schemas = components['schemas'];

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly reason: string | undefined,
    readonly errors: FieldIssue[],
  ) {
    super(detail || title);
  }

  static from(response: Response, body: unknown): ApiProblem {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
    const errors = Array.isArray(b.errors)
      ? (b.errors as unknown[]).flatMap((e) =>
          e && typeof e === 'object' && 'field' in e && 'message' in e
            ? [{ field: String(e.field), message: String(e.message) }]
            : [],
        )
      : [];
    return new ApiProblem(
      response.status,
      text('title') ?? response.statusText ?? 'Request failed',
      text('detail') ?? text('message') ?? '',
      text('reason'),
      errors,
    );
  }

  /** the issues of one request field (`body.targeting.countries` matches `targeting.countries` and below) */
  issuesFor(name: string): FieldIssue[] {
    const full = name.includes('.') && /^(body|query|params)\./.test(name) ? name : `body.${name}`;
    return this.errors.filter((e) => e.field === full || e.field.startsWith(`${full}.`));
  }
}

export function createApi(options: {
  baseUrl: string;
  token: () => string | undefined;
  onUnauthorized: () => void;
}): Api {
  const api = createClient<paths>({ baseUrl: options.baseUrl });
  api.use({
    onRequest({ request }) {
      const token = options.token();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized();
      return response;
    },
  });
  return api;
}

/** The data of a successful answer, or the answer's problem thrown. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const result = await call;
  if (!result.response.ok || result.error !== undefined) throw ApiProblem.from(result.response, result.error);
  return result.data as T;
}
