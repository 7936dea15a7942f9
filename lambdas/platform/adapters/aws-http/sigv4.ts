/**
 * Signature Version 4, with the SDK's own signer (@smithy/signature-v4) over Node's SHA-256, so a request
 * is signed exactly as the SDK signs it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html). The JSON
 * services and S3 differ in two settings: S3 wants the payload's hash in `x-amz-content-sha256` and its
 * object keys encoded once, not twice (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpExchange } from './http-transport';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Adds the signature's headers to a request about to be sent. */
export type RequestSigner = (request: HttpExchange) => Promise<Record<string, string>>;

/** The SDK's checksum interface over node:crypto: an HMAC when given a key, a plain hash otherwise. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

export interface SignerOptions {
  signingName: string;
  region: string;
  credentials: () => AwsCredentials;
  /** the signing time; the tests pin it */
  now?: () => Date;
}

export function signatureV4(options: SignerOptions, s3 = false): SignatureV4 {
  return new SignatureV4({
    service: options.signingName,
    region: options.region,
    credentials: async () => options.credentials(),
    sha256: NodeSha256,
    applyChecksum: s3,
    uriEscapePath: !s3,
  });
}

/** The request as the signer takes it. */
export const signable = ({ method, url, headers, body }: HttpExchange) => ({
  method,
  protocol: url.protocol,
  hostname: url.hostname,
  ...(url.port ? { port: Number(url.port) } : {}),
  path: url.pathname,
  query: Object.fromEntries(url.searchParams),
  headers: { ...headers, host: url.host },
  body,
});

export function sigV4Signer(options: SignerOptions, s3 = false): RequestSigner {
  const signer = signatureV4(options, s3);
  return async (request) => {
    const signed = await signer.sign(signable(request), options.now ? { signingDate: options.now() } : {});
    return signed.headers;
  };
}
