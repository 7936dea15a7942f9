/** One HTTP request exactly as given — a GET with a body included, which fetch refuses to send. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

export function rawRequest(
  url: string,
  method: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const sized =
    body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: sized }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
