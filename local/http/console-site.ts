/**
 * Serves the built operator console at /console/ like CloudFront does in AWS: files from the build with
 * the same security headers, `index.html` for any other path (the SPA routes itself), and `config.json`
 * made here, since locally people sign in with dev tokens and call the API on this same origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { CONSOLE_SECURITY_HEADERS, consoleContentSecurityPolicy } from '../../lib/console/security-headers';

export const CONSOLE_PREFIX = '/console/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface ConsoleSiteOptions {
  /** the build (console/dist) */
  dir: string;
  /** what `config.json` answers */
  config: () => unknown;
}

export interface ConsoleSite {
  handles(pathname: string): boolean;
  serve(method: string, pathname: string, res: http.ServerResponse, requestId: string): void;
}

export function createConsoleSite(options: ConsoleSiteOptions): ConsoleSite {
  const root = path.resolve(options.dir);
  const headers = {
    ...CONSOLE_SECURITY_HEADERS,
    'content-security-policy': consoleContentSecurityPolicy({ connect: [] }),
  };
  const send = (
    res: http.ServerResponse,
    status: number,
    type: string,
    body: Buffer | string,
    extra: Record<string, string>,
    head: boolean,
  ) => {
    res.writeHead(status, {
      ...headers,
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      ...extra,
    });
    res.end(head ? undefined : body);
  };
  return {
    handles: (pathname) => pathname === '/console' || pathname.startsWith(CONSOLE_PREFIX),
    serve(method, pathname, res, requestId) {
      const head = method === 'HEAD';
      const id = { 'apigw-requestid': requestId };
      if (method !== 'GET' && !head) {
        return send(res, 405, 'text/plain', 'Method Not Allowed', { ...id, allow: 'GET, HEAD' }, false);
      }
      if (pathname === '/console') {
        res.writeHead(301, { ...id, location: CONSOLE_PREFIX }).end();
        return;
      }
      const rel = pathname.slice(CONSOLE_PREFIX.length);
      if (rel === 'config.json') {
        return send(
          res,
          200,
          TYPES['.json']!,
          JSON.stringify(options.config()),
          { ...id, 'cache-control': 'no-store' },
          head,
        );
      }
      const index = path.join(root, 'index.html');
      if (!fs.existsSync(index)) {
        return send(
          res,
          503,
          'text/plain; charset=utf-8',
          'The console is not built: run `npm run console:build`.',
          id,
          head,
        );
      }
      // dot files (the build stamp) and anything outside the build are never served
      const file = path.resolve(root, rel);
      const inside = file.startsWith(`${root}${path.sep}`) && !rel.split('/').some((s) => s.startsWith('.'));
      if (inside && rel !== '' && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
        const immutable = rel.startsWith('assets/');
        return send(
          res,
          200,
          TYPES[path.extname(file)] ?? 'application/octet-stream',
          fs.readFileSync(file),
          { ...id, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
          head,
        );
      }
      if (rel.startsWith('assets/')) return send(res, 404, 'text/plain', 'Not Found', id, head);
      return send(
        res,
        200,
        TYPES['.html']!,
        fs.readFileSync(index),
        { ...id, 'cache-control': 'no-cache' },
        head,
      );
    },
  };
}
