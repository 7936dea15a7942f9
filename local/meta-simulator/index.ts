/**
 * The Meta simulator: a local server that answers like Meta's Graph API and Facebook Login for everything
 * the service calls, plus `/_sim` control routes for tests. See README.md beside this file.
 */
import { SimulatorCore } from './simulator-core';
import { createSimulatorServer, listen } from './server';
import type { MetaSimulator, MetaSimulatorOptions } from './simulator-options';

export type { MetaSimulator, MetaSimulatorOptions } from './simulator-options';
export { DEFAULT_WORLD_IDS } from './default-world';
export { signRequest, parseSignedRequest } from './signed-request';
export { appSecretProof } from './token-auth';

export async function startMetaSimulator(options: MetaSimulatorOptions): Promise<MetaSimulator> {
  const core = new SimulatorCore(options);
  const server = createSimulatorServer(core);
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  core.origin = url;
  let closed: Promise<void> | null = null;
  return {
    url,
    setTargets: (t) => core.setTargets(t),
    reset: () => core.reset(),
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        core.releaseHeld();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
