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

