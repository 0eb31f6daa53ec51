/**
 * Starting worker threads of this folder: the built `.js` file, or (when running from sources under
 * tsx, in tests and benches) the `.ts` file through tsx's loader.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker as startModuleWorker } from '../../util/worker.js';

/** Start `./<name>.js` (or `.ts`) of this folder as a worker with `workerData`. */
export function startWorker(name: string, workerData: unknown, transferList: ArrayBuffer[] = []): Worker {
  return startModuleWorker(new URL(`./${name}.js`, import.meta.url), { workerData, transferList });
}

/** Run a one-shot worker that posts `{ type: 'done', result }` once. */
export function runWorker<T>(name: string, workerData: unknown, transferList: ArrayBuffer[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startWorker(name, workerData, transferList);
    worker.on('message', (m: { type: string; result: T }) => {
      if (m.type === 'done') resolve(m.result);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`coord: ${name} thread exited with code ${code}`)));
  });
}
