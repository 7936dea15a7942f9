/**
 * One HTTP exchange with an AWS endpoint over node:http(s), with kept-alive sockets, a deadline for the
 * whole exchange and a bound on the answer's size. A deadline or a dropped connection comes back as an
 * AwsCallError named as the SDK names them (`TimeoutError`, the Node error code), so the retry decision
 * reads them the same way.
 */
import http from 'node:http';
import https from 'node:https';
import { AwsCallError } from './aws-call-error';

export interface HttpExchange {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpTransport {
  send(request: HttpExchange): Promise<HttpAnswer>;
  /** closes the kept-alive sockets */
  destroy(): void;
}

export interface TransportOptions {
  /** the whole exchange, from the request to the last byte of the answer */
  timeoutMs?: number;
  /** a bigger answer is dropped and the call fails */
  maxAnswerBytes?: number;
  /** sockets per host; several calls at once each need one */
  maxSockets?: number;
}

export function httpTransport(options: TransportOptions = {}): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxAnswerBytes ?? 4 * 1024 * 1024;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 50 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 50 }),
  };
  const send = ({ method, url, headers, body }: HttpExchange) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const req = (secure ? https : http).request(url, {
        method,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: secure ? agents['https:'] : agents['http:'],
      });
      const timer = setTimeout(
        () => req.destroy(new AwsCallError('TimeoutError', `no answer from ${url.host} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      let settled = false;
      const fail = (err: Error & { code?: string }) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        reject(err instanceof AwsCallError ? err : new AwsCallError(err.name, err.message, {}, err.code));
      };
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            fail(new AwsCallError('AnswerTooLarge', `${url.host} answered more than ${maxBytes} bytes`));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          if (settled) return;
          settled = true;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      });
      req.end(body);
    });
  return {
    send,
    destroy: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
