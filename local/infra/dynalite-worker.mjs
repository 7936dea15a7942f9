// Runs dynalite (DynamoDB emulator) on its own thread. dynalite does all its work in JavaScript (request
// validation, LevelDB encoding, index upkeep); on the main thread it competed with the handlers it serves,
// and under load it was the largest share of the local runtime's CPU. The main thread only talks to it
// over the DynamoDB wire API, exactly as before.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

try {
  const dynalite = require('dynalite');
  // zero state-transition delays so CreateTable is immediately ACTIVE
  const server = dynalite({
    ...(workerData.path ? { path: workerData.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  parentPort.on('message', (message) => {
    if (message && message.type === 'stop') {
      // Node 20 closes idle keep-alive sockets on close(); force the rest so shutdown never hangs.
      server.closeAllConnections();
      server.close(() => {
        parentPort.postMessage({ type: 'stopped' });
        parentPort.close();
      });
    }
  });
  parentPort.postMessage({ type: 'ready', port: server.address().port });
} catch (err) {
  parentPort.postMessage({ type: 'error', message: err && err.stack ? err.stack : String(err) });
  parentPort.close();
}
