/**
 * Starting worker threads of this folder: the built `.js` file, or (when running from sources under
 * tsx, in tests and benches) the `.ts` file through tsx's loader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Start `./<name>.js` (or `.ts`) as a worker with `workerData`. */
export function startWorker(name: string, workerData: unknown, transferList: ArrayBuffer[] = []): Worker {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData, transferList });
  const ts = new URL(`./${name}.ts`, import.meta.url).href;
  const shim = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(shim, { eval: true, workerData, transferList });
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
