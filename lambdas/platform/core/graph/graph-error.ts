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
  /** the least wait before trying again that Meta documents for this limit (rate limits only) */
  minWaitMs?: number;
}

/**
 * Meta's error codes and what each means for the caller, from Meta's tables:
 * Graph API https://developers.facebook.com/docs/graph-api/guides/error-handling, Marketing API
 * https://developers.facebook.com/docs/marketing-api/error-reference, WhatsApp Cloud API
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/ (its
 * "Throttling errors" are rate limits to wait out, not failures), and the rate-limiting page
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting (BUC codes 80000–80099, e.g.
 * 80004 ads, 80007 a WhatsApp account).
 */
const TOKEN_CODES = new Set([
  190, 102, 463, 467,
  // WhatsApp: "AuthException — we were unable to authenticate the app user"
  0,
]);
const RATE_LIMIT_CODES = new Set([
  4, 17, 32, 613,
  // WhatsApp: Cloud API throughput, spam rate limit, (business, consumer) pair rate limit,
  // register/deregister rate limit
  130429, 131048, 131056, 133016,
]);
/** how long Meta says to wait for a limit, where it says (pair rate: one message every 6 s) */
const RATE_LIMIT_WAIT_MS: Readonly<Record<number, number>> = { 130429: 1_000, 131056: 6_000 };
const TRANSIENT_CODES = new Set([
  1, 2,
  // "application limit reached: temporary issue due to downtime or throttling"
  341,
  // WhatsApp: something went wrong, service unavailable, account in maintenance, server unavailable
  131000, 131016, 131057, 133004,
]);
/** "3 API Method: capability or permissions issue" joins 10 and 200–299 */
const PERMISSION_CODES = new Set([3, 10]);

export function classifyGraphError(httpStatus: number, body: MetaErrorBody): GraphErrorClass {
  const { code } = body;
  if (TOKEN_CODES.has(code)) return { category: 'token', reason: tokenReason(body.errorSubcode) };
  if (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code < 80100) || httpStatus === 429) {
    const wait = RATE_LIMIT_WAIT_MS[code];
    return {
      category: 'rate_limit',
      reason: `rate_limited_code_${code}`,
      ...(wait ? { minWaitMs: wait } : {}),
    };
  }
  if (PERMISSION_CODES.has(code) || (code >= 200 && code < 300))
    return { category: 'permission', reason: `permission_missing_code_${code}` };
  // a policy block is lifted by Meta's review, not by trying again in a few seconds; a person must look
  if (code === 368) return { category: 'invalid', reason: 'blocked_for_policy_code_368' };
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

/**
 * The reason Meta refused a token (a changed password, the app removed, expired), or null when the
 * failure is anything else: the caller marks its connection expired instead of retrying.
 */
export function tokenRefusalReason(err: unknown): string | null {
  if (!(err instanceof MetaGraphError)) return null;
  const cls = classifyGraphError(err.httpStatus, err.body);
  return cls.category === 'token' ? cls.reason : null;
}
