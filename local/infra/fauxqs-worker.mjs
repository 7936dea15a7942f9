// Runs fauxqs (SQS emulator) on its own thread. fauxqs 1.9 is published as ESM only ("exports" has just an
// "import" condition); Jest's CommonJS module registry cannot load it, while a worker thread uses Node's own
// loader in every host (tsx, plain node, Jest). The main thread talks to it only over the SQS wire API.
import { parentPort, workerData } from 'node:worker_threads';
import { installMessageMoveTasks } from './sqs-message-move.mjs';

try {
  const { buildApp } = await import(workerData.fauxqsEntry);
  // buildApp instead of startFauxqs: startFauxqs always listens on 0.0.0.0; the local runtime stays on
  // loopback. With no `host` option, queue URLs are built from the request Host (http://127.0.0.1:<port>/...).
  const app = buildApp({ logger: false, defaultRegion: workerData.region });
  // dead-letter redrive (StartMessageMoveTask & co.), which fauxqs 1.9 lacks
  installMessageMoveTasks(app);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  parentPort.on('message', async (message) => {
    if (message && message.type === 'stop') {
      try {
        await app.close();
      } finally {
        parentPort.postMessage({ type: 'stopped' });
        parentPort.close();
      }
    }
  });
  parentPort.postMessage({ type: 'ready', address });
} catch (err) {
  parentPort.postMessage({ type: 'error', message: err && err.stack ? err.stack : String(err) });
  parentPort.close();
}
