import { Worker } from 'node:worker_threads';
import type { Finding, Post, Watchlist } from '../model/types.js';

/**
 * The per-post detectors in a worker thread, so that the live pipeline stores batch k+1 on the
 * main thread while batch k is being detected. Posts are sent without their raw record (the
 * detectors do not read it), which keeps the copy between threads small. If the worker dies, the
 * batches in flight and every later one fall back to `fallback` on the main thread.
 */
export class WorkerDetector {
  private readonly worker: Worker | undefined;
  private readonly waiting = new Map<number, { posts: Post[]; resolve: (f: Finding[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private dead = false;

  constructor(
    watchlist: Watchlist,
    private readonly fallback: (posts: Post[]) => Finding[],
  ) {
    try {
      if (import.meta.url.endsWith('.ts')) {
        // Running from source under tsx (benches, `node --import tsx`): a worker's entry module is
        // loaded before tsx's hooks, so register them in a small bootstrap first.
        const entry = new URL('./detect-worker.ts', import.meta.url).href;
        const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
        this.worker = new Worker(boot, { eval: true, workerData: { watchlist } });
      } else {
        this.worker = new Worker(new URL('./detect-worker.js', import.meta.url), { workerData: { watchlist } });
      }
    } catch {
      this.dead = true;
      return;
    }
    this.worker.unref();
    this.worker.on('message', (m: { id: number; findings?: Finding[]; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error) w.reject(new Error(`live: detection failed in the worker: ${m.error}`));
      else w.resolve(m.findings ?? []);
    });
    this.worker.on('error', () => this.die());
    this.worker.on('exit', () => this.die());
  }

  /** Whether detection still runs in the worker. */
  get alive(): boolean {
    return !this.dead;
  }

  detect(posts: Post[]): Promise<Finding[]> {
    if (this.dead || !this.worker) return Promise.resolve(this.fallback(posts));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { posts, resolve, reject });
      this.worker!.postMessage({ id, posts: posts.map((p) => ({ ...p, raw: '' })) });
    });
  }

  async close(): Promise<void> {
    this.die();
    await this.worker?.terminate();
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    // Batches in flight are detected here instead; nothing is dropped.
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      try {
        w.resolve(this.fallback(w.posts));
      } catch (err) {
        w.reject(err as Error);
      }
    }
  }
}
