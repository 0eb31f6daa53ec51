import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Start a worker thread from a module beside the caller, given as its built `.js` URL
 * (`new URL('./x-worker.js', import.meta.url)`). When only the `.ts` source exists (tests and benches
 * run from sources), the worker loads it through tsx instead.
 */
export function startWorker(jsUrl: URL, options: WorkerOptions = {}): Worker {
  if (existsSync(fileURLToPath(jsUrl))) return new Worker(jsUrl, options);
  const ts = new URL(jsUrl.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(ts))) throw new Error(`worker: neither ${fileURLToPath(jsUrl)} nor its .ts source exists`);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(ts.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
