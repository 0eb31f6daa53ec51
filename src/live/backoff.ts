/**
 * Reconnect delays: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential
 * Backoff And Jitter", 2015): the delay is uniform in [0, min(max, base * 2^attempt)], so that many
 * clients dropped at once do not reconnect in lock-step.
 */
export interface BackoffOptions {
  /** First ceiling in ms (default 250). */
  baseMs?: number;
  /** Largest ceiling in ms (default 30 000). */
  maxMs?: number;
  /** Random source in [0, 1); tests pass a seeded one. */
  rng?: () => number;
}

/** Delay in ms before reconnect attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 250;
  const max = options.maxMs ?? 30_000;
  const rng = options.rng ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.floor(rng() * ceiling);
}


/** Resolve after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
