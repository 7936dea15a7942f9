/**
 * Signature Version 4 for a JSON call, with the SDK's own signer (@smithy/signature-v4) over Node's
 * SHA-256, so a request is signed exactly as the SDK signs it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
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

export function sigV4Signer(options: {
  signingName: string;
  region: string;
  credentials: () => AwsCredentials;
  /** the signing time; the tests pin it */
  now?: () => Date;
}): RequestSigner {
  const signer = new SignatureV4({
    service: options.signingName,
    region: options.region,
    credentials: async () => options.credentials(),
    sha256: NodeSha256,
    // x-amz-content-sha256 is S3's; the JSON services hash the payload themselves
    applyChecksum: false,
  });
  return async ({ url, headers, body }) => {
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: {},
        headers: { ...headers, host: url.host },
        body,
      },
      options.now ? { signingDate: options.now() } : {},
    );
    return signed.headers;
  };
}
