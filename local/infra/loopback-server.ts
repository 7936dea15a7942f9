/** A local endpoint's HTTP server on a free loopback port, and a close that does not wait for idle sockets. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(server: http.Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // keep-alive sockets of the SDK clients would hold close() open
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
