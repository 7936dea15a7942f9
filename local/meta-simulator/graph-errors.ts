/**
 * Meta's error object and the errors the simulator raises most, with Meta's wording, codes and subcodes,
 * so the service's error classification is exercised against the real vocabulary.
 */
export interface GraphErrorInit {
  message: string;
  code: number;
  subcode?: number;
  type?: string;
  userTitle?: string;
  userMsg?: string;
  isTransient?: boolean;
  /** HTTP status; defaults to 500 for codes 1 and 2, else 400 */
  status?: number;
}

export class GraphError extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string;
  readonly userTitle: string | undefined;
  readonly userMsg: string | undefined;
  readonly isTransient: boolean;
  readonly status: number;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.name = 'GraphError';
    this.code = init.code;
    this.subcode = init.subcode;
    this.type = init.type ?? 'OAuthException';
    this.userTitle = init.userTitle;
    this.userMsg = init.userMsg;
    this.isTransient = init.isTransient ?? isTransientCode(init.code);
    this.status = init.status ?? defaultHttpStatus(init.code);
  }
}

export interface GraphErrorEnvelope {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    is_transient: boolean;
    fbtrace_id: string;
  };
}

export function errorEnvelope(err: GraphError, fbtraceId: string): GraphErrorEnvelope {
  return {
    error: {
      message: err.message,
      type: err.type,
      code: err.code,
      ...(err.subcode !== undefined ? { error_subcode: err.subcode } : {}),
      ...(err.userTitle !== undefined ? { error_user_title: err.userTitle } : {}),
      ...(err.userMsg !== undefined ? { error_user_msg: err.userMsg } : {}),
      is_transient: err.isTransient,
      fbtrace_id: fbtraceId,
    },
  };
}

export function defaultHttpStatus(code: number): number {
  return code === 1 || code === 2 ? 500 : 400;
}

/** Meta documents no exact semantics here; throttles and server faults are transient */
export function isTransientCode(code: number): boolean {
  return [1, 2, 4, 17, 32, 341, 613].includes(code) || (code >= 80000 && code < 80100);
}

/** What Meta says for a code when a fault names no message */
export function defaultMessage(code: number): string {
  switch (code) {
    case 1:
      return 'An unknown error occurred';
    case 2:
      return 'An unexpected error has occurred. Please retry your request later.';
    case 4:
      return 'Application request limit reached';
    case 10:
      return '(#10) Application does not have permission for this action';
    case 17:
      return 'User request limit reached';
    case 32:
      return 'Page request limit reached';
    case 100:
      return 'Invalid parameter';
    case 190:
      return 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.';
    case 200:
      return '(#200) Permissions error';
    case 341:
      return '(#341) Application limit reached';
    case 368:
      return 'The action attempted has been deemed abusive or is otherwise disallowed';
    case 613:
      return '(#613) Calls to this api have exceeded the rate limit.';
    default:
      if (code >= 80000 && code < 80100)
        return `(#${code}) There have been too many calls from this ad-account. Wait a bit and try again.`;
      return `(#${code}) An error occurred`;
  }
}

function fmtFacebookDate(unixS: number): string {
  // Meta writes e.g. "Tuesday, 12-Jan-21 10:00:00 PST"; the exact zone does not matter to callers
  const d = new Date(unixS * 1000);
  const day = d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mon = d.toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  const time = d.toISOString().slice(11, 19);
  return `${day}, ${dd}-${mon}-${yy} ${time} UTC`;
}

export const GraphErrors = {
  tokenRequired: () =>
    new GraphError({ code: 104, message: 'An access token is required to request this resource.' }),
  cannotParseToken: () =>
    new GraphError({ code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }),
  tokenExpired: (expiresAt: number, now: number) =>
    new GraphError({
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${fmtFacebookDate(expiresAt)}. The current time is ${fmtFacebookDate(now)}.`,
    }),
  appNotAuthorizedMessage: (appId: string) =>
    `Error validating access token: The user has not authorized application ${appId}.`,
  passwordChangedMessage: () =>
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  proofMissing: () =>
    new GraphError({
      code: 100,
      type: 'GraphMethodException',
      message: 'API calls from the server require an appsecret_proof argument',
    }),
  proofInvalid: () =>
    new GraphError({
      code: 100,
      type: 'GraphMethodException',
      message: 'Invalid appsecret_proof provided in the API argument',
    }),
  unsupported: (method: string, id: string) =>
    new GraphError({
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  nonexistingField: (field: string, nodeType: string) =>
    new GraphError({
      code: 100,
      message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
    }),
  missingPermission: (permissions: readonly string[]) =>
    new GraphError({
      code: 200,
      message: `(#200) Requires ${permissions.join(' or ')} permission to manage the object`,
    }),
  pageTokenRequired: () =>
    new GraphError({
      code: 210,
      message: '(#210) A page access token is required to request this resource.',
    }),
  userTokenRequired: () =>
    new GraphError({ code: 100, message: '(#100) This method must be called with a User access token.' }),
  appTokenRequired: () =>
    new GraphError({ code: 15, message: '(#15) This method must be called with an app access_token.' }),
  activeUserTokenRequired: () =>
    new GraphError({
      code: 2500,
      message: 'An active access token must be used to query information about the current user.',
    }),
  invalidParameter: (message: string, extra: Partial<GraphErrorInit> = {}) =>
    new GraphError({
      code: 100,
      message: message.startsWith('(#') ? message : `(#100) ${message}`,
      ...extra,
    }),
  missingParameter: (name: string) => new GraphError({ code: 100, message: `Missing ${name} parameter.` }),
};
