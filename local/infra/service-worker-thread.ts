/**
 * An emulator on a worker thread (fauxqs, dynalite): started from a module that posts `{type: 'ready',
 * ...}` once it listens or `{type: 'error', message}` if it cannot, and stopped with `{type: 'stop'}`.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export interface ServiceWorkerThread<R> {
  /** the worker's ready message */
  ready: R;
  close(): Promise<void>;
}

export async function startServiceWorkerThread<R extends { type: 'ready' }>(
  name: string,
  file: string,
  workerData: unknown,
): Promise<ServiceWorkerThread<R>> {
  const worker = new Worker(file, { workerData });
  let ready: R;
  try {
    ready = await waitForReady<R>(name, worker);
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  const close = async () => {
    const exited = once(worker, 'exit');
    worker.postMessage({ type: 'stop' });
    // a graceful stop takes milliseconds; never let a stuck close hang the caller (or Jest)
    const timer = setTimeout(() => void worker.terminate(), 3000);
    await exited;
    clearTimeout(timer);
  };
  return { ready, close };
}

function waitForReady<R>(name: string, worker: Worker): Promise<R> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'ready') {
        cleanup();
        resolve(message as R);
      } else if (message.type === 'error') {
        cleanup();
        reject(new Error(`${name} failed to start: ${message.message}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`${name} worker exited during start-up (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
