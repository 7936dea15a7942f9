/**
 * S3, locally: fauxqs's S3 emulator (the same fauxqs worker that serves SQS answers S3's REST API,
 * path-style: `/<bucket>/<key>`), behind a small front that does the part of S3 fauxqs leaves out and a
 * tenant's export depends on: a GET without credentials is refused (the bucket is private), and a presigned
 * URL (SigV4 query authentication) is checked, both its signature and its expiry.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html
 *
 * Requests that carry an Authorization header (the SDK's own calls) go to fauxqs as they are; like the
 * other local endpoints, fauxqs does not check their signatures. Objects live in fauxqs's memory, so
 * they last until the runtime stops.
 */
import http from 'node:http';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { silentLog, type LocalLog } from '../log';
import { listenOnLoopback, type LoopbackServer } from './loopback-server';

export interface S3EndpointOptions {
  /** fauxqs's endpoint, `http://127.0.0.1:<port>` */
  upstream: string;
  /** the only credentials presigned URLs may be signed with (the local clients') */
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** ms since epoch; tests move it to see a link expire */
  now?: () => number;
  log?: LocalLog;
}

/** `url` is the S3 client's endpoint (path-style). */
export type S3Endpoint = LoopbackServer;

/** SigV4 presigned URLs live at most seven days. */
const MAX_EXPIRES_SECONDS = 604800;
/** S3 accepts a request date up to 15 minutes in the future (clock skew). */
const MAX_SKEW_MS = 15 * 60_000;

export async function startS3Endpoint(options: S3EndpointOptions): Promise<S3Endpoint> {
  const log = options.log ?? silentLog;
  const now = options.now ?? Date.now;
  const upstream = new URL(options.upstream);

  const forward = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', (err) => {
      log.error('s3', `${req.method} ${req.url} failed`, err);
      if (!res.headersSent) sendS3Error(res, 500, 'InternalError', 'We encountered an internal error.');
      else res.destroy();
    });
    req.pipe(outgoing);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    if (url.searchParams.has('X-Amz-Signature') || url.searchParams.has('X-Amz-Algorithm')) {
      const refusal = checkPresigned(req, url, options, now());
      if (refusal) {
        req.resume();
        return sendS3Error(res, refusal.status, refusal.code, refusal.message, refusal.extra);
      }
      return forward(req, res);
    }
    if (req.headers.authorization) return forward(req, res);
    req.resume();
    sendS3Error(res, 403, 'AccessDenied', 'Access Denied');
  });
  return listenOnLoopback(server);
}

interface Refusal {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, string>;
}

function checkPresigned(
  req: http.IncomingMessage,
  url: URL,
  options: S3EndpointOptions,
  nowMs: number,
): Refusal | undefined {
  const q = url.searchParams;
  const badQuery = (message: string): Refusal => ({
    status: 400,
    code: 'AuthorizationQueryParametersError',
    message,
  });
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    return badQuery('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const credential = (q.get('X-Amz-Credential') ?? '').split('/');
  const date = q.get('X-Amz-Date') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  const signedHeaders = q.get('X-Amz-SignedHeaders') ?? '';
  const signature = q.get('X-Amz-Signature') ?? '';
  if (credential.length !== 5 || credential[4] !== 'aws4_request')
    return badQuery('Error parsing the X-Amz-Credential parameter; the Credential is mal-formed.');
  if (!/^\d{8}T\d{6}Z$/.test(date) || credential[1] !== date.slice(0, 8))
    return badQuery("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  if (!Number.isInteger(expires) || expires < 1)
    return badQuery('X-Amz-Expires should be a number greater than 0');
  if (expires > MAX_EXPIRES_SECONDS)
    return badQuery(`X-Amz-Expires must be less than a week (in seconds) that is; ${MAX_EXPIRES_SECONDS}`);
  if (credential[0] !== options.credentials.accessKeyId)
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };

  const expected = presignSignature(req, url, options.credentials.secretAccessKey, credential, signedHeaders);
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };

  const signedAt = Date.parse(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  if (signedAt - nowMs > MAX_SKEW_MS)
    return { status: 403, code: 'AccessDenied', message: 'Request is not valid yet' };
  const expiresAt = signedAt + expires * 1000;
  if (nowMs > expiresAt)
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
      extra: {
        'X-Amz-Expires': String(expires),
        Expires: new Date(expiresAt).toISOString(),
        ServerTime: new Date(nowMs).toISOString(),
      },
    };
  return undefined;
}

/**
 * SigV4 over the canonical request S3 builds for a presigned URL: the path as sent (S3 does not encode it
 * twice), the query without X-Amz-Signature, the signed headers, and UNSIGNED-PAYLOAD.
 */
function presignSignature(
  req: http.IncomingMessage,
  url: URL,
  secretAccessKey: string,
  credential: string[],
  signedHeaders: string,
): string {
  const query = [...url.searchParams]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headerNames = signedHeaders.split(';').filter(Boolean);
  const headers = headerNames
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method ?? 'GET',
    url.pathname,
    query,
    headers,
    signedHeaders,
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const [, day, region, service] = credential as [string, string, string, string, string];
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    url.searchParams.get('X-Amz-Date'),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, 'utf8');
  for (const part of [day, region, service, 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, uppercase hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function sendS3Error(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
) {
  const requestId = randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase();
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>`,
    ...Object.entries(extra).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`),
    `<RequestId>${requestId}</RequestId></Error>`,
  ].join('');
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
