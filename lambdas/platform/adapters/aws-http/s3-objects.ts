/**
 * The S3 object operations the tenant exports use, over S3's REST API: PutObject, DeleteObject and a
 * presigned GetObject URL (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html). S3's SDK client is about
 * 100 KiB of a bundle, two thirds of it its schema table, for these three requests (docs/bundles.md).
 *
 * An object is addressed on the bucket's virtual host, as the SDK does by default; under a configured
 * endpoint (`AWS_ENDPOINT_URL_S3`, the local runtime) path-style, `/<bucket>/<key>`.
 */
import { AwsCallError } from './aws-call-error';
import { dnsSuffix } from './endpoint';
import type { HttpTransport } from './http-transport';
import { requestIdOf, retriedCall, type CallPolicy } from './retried-call';
import { signable, signatureV4, type AwsCredentials } from './sigv4';

export interface S3ObjectsOptions extends CallPolicy {
  bucket: string;
  region: string;
  /** path-style under this endpoint; the bucket's virtual host when absent */
  endpoint?: URL;
  credentials: () => AwsCredentials;
  transport: HttpTransport;
  /** the signing time; the tests pin it */
  now?: () => Date;
}

/** A presigned URL lives at most seven days. */
export const MAX_LINK_SECONDS = 604_800;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const CONTENT_SHA256 = 'x-amz-content-sha256';

export class S3Objects {
  private readonly signer: ReturnType<typeof signatureV4>;

  constructor(private readonly options: S3ObjectsOptions) {
    this.signer = signatureV4(
      { signingName: 's3', region: options.region, credentials: options.credentials },
      true,
    );
  }

  get bucket(): string {
    return this.options.bucket;
  }

  destroy(): void {
    this.options.transport.destroy();
  }

  async putObject(key: string, body: string, contentType: string): Promise<void> {
    await this.send('PutObject', 'PUT', key, body, { 'content-type': contentType });
  }

  /** S3 answers a delete of a missing key with success. */
  async deleteObject(key: string): Promise<void> {
    await this.send('DeleteObject', 'DELETE', key, '', {});
  }

  /** A GET anyone holding the URL can make until it expires; the payload is unsigned, as S3 requires. */
  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_LINK_SECONDS)
      throw new RangeError(`a presigned URL lives 1 to ${MAX_LINK_SECONDS} seconds, not ${expiresInSeconds}`);
    const url = this.objectUrl(key);
    const request = signable({
      method: 'GET',
      url,
      headers: { [CONTENT_SHA256]: UNSIGNED_PAYLOAD },
      body: '',
    });
    const presigned = await this.signer.presign(request, {
      expiresIn: expiresInSeconds,
      // the payload's hash is UNSIGNED-PAYLOAD, and no header is left for the holder of the URL to send
      unsignableHeaders: new Set([CONTENT_SHA256]),
      unhoistableHeaders: new Set([CONTENT_SHA256]),
      ...(this.options.now ? { signingDate: this.options.now() } : {}),
    });
    const query = Object.entries(presigned.query ?? {})
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(String(v))}`)
      .join('&');
    return `${url.href}?${query}`;
  }

  objectUrl(key: string): URL {
    const path = key.split('/').map(rfc3986).join('/');
    const { endpoint, bucket, region } = this.options;
    if (endpoint) return new URL(`${endpoint.pathname.replace(/\/$/, '')}/${bucket}/${path}`, endpoint);
    return new URL(`https://${bucket}.s3.${region}.${dnsSuffix(region)}/${path}`);
  }

  private send(
    operation: string,
    method: 'PUT' | 'DELETE',
    key: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<void> {
    const url = this.objectUrl(key);
    const attempt = async () => {
      const signed = await this.signer.sign(
        signable({ method, url, headers, body }),
        this.options.now ? { signingDate: this.options.now() } : {},
      );
      return this.options.transport.send({ method, url, headers: signed.headers, body });
    };
    return retriedCall({ service: 'S3', operation, region: this.options.region }, this.options, attempt, {
      read: () => undefined,
      error: (answer) => s3Error(answer.status, answer.body, requestIdOf(answer)),
    });
  }
}

/** S3's errors are XML: `<Error><Code>NoSuchBucket</Code><Message>…</Message></Error>`. */
export function s3Error(status: number, body: string, requestId?: string): AwsCallError {
  const code =
    /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? (status >= 500 ? 'InternalError' : `Http${status}`);
  const message = /<Message>([^<]{0,500})<\/Message>/.exec(body)?.[1] ?? `HTTP ${status}`;
  return new AwsCallError(code, message, { httpStatusCode: status, ...(requestId ? { requestId } : {}) });
}

/** Percent-encoding as SigV4 and S3 expect: every byte but the unreserved `A-Za-z0-9-._~`. */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
