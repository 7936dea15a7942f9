/**
 * Meta's error object, typed. Classification decides what the service does next (retry, mark the
 * connection expired, report a missing permission, give up) and says why.
 */
export interface MetaErrorBody {
  message: string;
  type?: string;
  code: number;
  errorSubcode?: number;
  errorUserTitle?: string;
  errorUserMsg?: string;
  isTransient?: boolean;
  fbtraceId?: string;
}

export type GraphErrorCategory = 'token' | 'rate_limit' | 'transient' | 'permission' | 'invalid' | 'network';

export class MetaGraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: MetaErrorBody,
    /** ms until Meta says access returns (from usage headers), when it said so */
    readonly retryAfterMs: number | null = null,
  ) {
    super(
      `Meta Graph error ${body.code}${body.errorSubcode ? `/${body.errorSubcode}` : ''}: ${body.message}`,
    );
    this.name = 'MetaGraphError';
  }

  get code(): number {
    return this.body.code;
  }

  get subcode(): number | undefined {
    return this.body.errorSubcode;
  }

  get category(): GraphErrorCategory {
    return classifyGraphError(this.httpStatus, this.body).category;
  }
}

/** A request that never got an answer: timeout, reset, DNS. Meta may or may not have acted on a write. */
export class MetaNetworkError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'MetaNetworkError';
  }
}

export interface GraphErrorClass {
  category: GraphErrorCategory;
  reason: string;
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const TRANSIENT_CODES = new Set([1, 2, 341, 368]);

export function classifyGraphError(httpStatus: number, body: MetaErrorBody): GraphErrorClass {
  const { code } = body;
  if (code === 190 || code === 102 || code === 463 || code === 467) {
    return { category: 'token', reason: tokenReason(body.errorSubcode) };
  }
  if (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code < 80100) || httpStatus === 429) {
    return { category: 'rate_limit', reason: `rate_limited_code_${code}` };
  }
  if (code === 10 || (code >= 200 && code < 300))
    return { category: 'permission', reason: `permission_missing_code_${code}` };
  if (TRANSIENT_CODES.has(code) || body.isTransient === true || httpStatus >= 500) {
    return { category: 'transient', reason: `transient_code_${code}` };
  }
  return { category: 'invalid', reason: `rejected_code_${code}` };
}

function tokenReason(subcode: number | undefined): string {
  switch (subcode) {
    case 458:
      return 'app_removed_by_user';
    case 459:
      return 'user_checkpointed';
    case 460:
      return 'password_changed';
    case 463:
      return 'token_expired';
    case 464:
      return 'user_unconfirmed';
    case 492:
      return 'page_role_removed';
    default:
      return 'token_invalid';
  }
}
