/**
 * Domain errors. Each one maps to a problem+json status at the HTTP edge; none of them may carry a
 * token or lead field value in its message, because messages reach logs and API clients.
 */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'upstream'
  | 'rate_limited'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
  upstream: 502,
  internal: 500,
};

export interface FieldIssue {
  /** dotted path of the offending field, e.g. `body.returnUrl` */
  field: string;
  message: string;
  /** a stable code when the check has one (the URL guard's `ip_loopback`, …) */
  reason?: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly reason: string = kind,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = STATUS[kind];
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} was not found`);

export const invalid = (message: string, issues: FieldIssue[] = [], reason = 'invalid_input'): DomainError =>
  new DomainError('validation', message, reason, issues);
