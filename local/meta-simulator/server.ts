/**
 * The HTTP front door: `/_sim/*` control routes, the login dialog at `[/{version}]/dialog/oauth`, and
 * everything else as a Graph call.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildControlRouter } from './control-routes';
import { handleGraphRequest, splitVersion } from './graph-pipeline';
import { sendHtml, sendJson } from './http-io';
import { renderLoginDialog } from './login-dialog';
import type { SimulatorCore } from './simulator-core';

export function createSimulatorServer(core: SimulatorCore): Server {
  const control = buildControlRouter();
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const handled = (async () => {
      if (url.pathname === '/_sim' || url.pathname.startsWith('/_sim/')) {
        await control.handle(core, req, res, url);
        return;
      }
      if (
        splitVersion(url.pathname).path === '/dialog/oauth' &&
        (req.method ?? 'GET').toUpperCase() === 'GET'
      ) {
        const page = renderLoginDialog(core, url.searchParams);
        sendHtml(res, page.status, page.html);
        return;
      }
      await handleGraphRequest(core, req, res, url);
    })();
    handled.catch((err: unknown) => {
      console.error('[meta-simulator] request failed', err);
      if (!res.headersSent)
        sendJson(res, 500, {
          error: {
            message: 'An unknown error occurred',
            type: 'OAuthException',
            code: 1,
            is_transient: true,
            fbtrace_id: 'Asimulatorfailure',
          },
        });
      else res.destroy();
    });
  });
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
