/** RFC 9457 problem details: every error this API returns has this shape. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldIssue } from '../core/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export interface ProblemInput {
  status: number;
  detail: string;
  reason: string;
  errors?: FieldIssue[];
  headers?: Record<string, string>;
}

export function problem(p: ProblemInput): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...p.headers },
    body: JSON.stringify({
      type: `urn:meta-connector:problem:${p.reason}`,
      title: TITLES[p.status] ?? 'Error',
      status: p.status,
      detail: p.detail,
      reason: p.reason,
      ...(p.errors && p.errors.length > 0 ? { errors: p.errors } : {}),
    }),
  };
}
