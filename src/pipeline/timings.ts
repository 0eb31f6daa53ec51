/**
 * Where a long run's time and memory go, phase by phase (`vigil analyze --json` prints them in its
 * summary, bench/analyze.ts lists them). Each phase records its wall time, the time this thread's
 * garbage collector paused it, the process's resident memory when it ended and the peak resident
 * memory so far, so the phase that raised the peak is the first whose `peakMb` reaches the run's.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { memoryUsage, resourceUsage } from 'node:process';

export interface PhaseTiming {
  phase: string;
  seconds: number;
  /** Of which this thread was paused by garbage collection. */
  gcSeconds: number;
  /** Resident memory at the end of the phase (MB). */
  rssMb: number;
  /** Peak resident memory of the process so far (MB). */
  peakMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export class PhaseClock {
  readonly phases: PhaseTiming[] = [];
  private last = performance.now();
  /** When each recorded stretch ran (ms) and its phase's index: GC pauses are reported late, by start time. */
  private readonly stretches: { start: number; end: number; phase: number }[] = [];
  private readonly pauses: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.pauses.push(...list.getEntries()));

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Close the phase that ran since the last lap under `phase`. */
  lap(phase: string): void {
    const now = performance.now();
    this.add(phase, (now - this.last) / 1000);
    this.last = now;
  }

  /** Add `seconds` to `phase` (summing phases that alternate, e.g. reading and processing batches). */
  add(phase: string, seconds: number): void {
    const rssMb = mb(memoryUsage.rss());
    const peakMb = Math.round(resourceUsage().maxRSS / 1024);
    let index = this.phases.findIndex((p) => p.phase === phase);
    if (index >= 0) Object.assign(this.phases[index], { seconds: this.phases[index].seconds + seconds, rssMb, peakMb });
    else index = this.phases.push({ phase, seconds, gcSeconds: 0, rssMb, peakMb }) - 1;
    const end = performance.now();
    this.stretches.push({ start: end - seconds * 1000, end, phase: index });
  }

  /** Restart the lap clock without recording (time already accounted for with `add`). */
  skip(): void {
    this.last = performance.now();
  }

  /** The phases with seconds rounded to milliseconds, each with the GC pauses that began in it. */
  async result(): Promise<PhaseTiming[]> {
    // Pauses are queued as entries once the event loop turns; a loop of synchronous batches never lets it.
    await new Promise((resolve) => setImmediate(resolve));
    this.pauses.push(...this.observer.takeRecords());
    this.observer.disconnect();
    const gc = this.phases.map(() => 0);
    for (const pause of this.pauses) {
      // Stretches are in time order: the last that began before the pause.
      let lo = 0;
      let hi = this.stretches.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.stretches[mid].start <= pause.startTime) lo = mid + 1;
        else hi = mid;
      }
      const s = this.stretches[lo - 1];
      if (s && pause.startTime < s.end) gc[s.phase] += pause.duration / 1000;
    }
    const ms = (x: number) => Math.round(x * 1000) / 1000;
    return this.phases.map((p, i) => ({ ...p, seconds: ms(p.seconds), gcSeconds: ms(p.gcSeconds + gc[i]) }));
  }
}

/** Yield what `batches` yields, adding the time spent waiting for each batch to `clock` under `phase`. */
export async function* timedBatches<T>(batches: AsyncIterable<T>, clock: PhaseClock, phase: string): AsyncGenerator<T> {
  const it = batches[Symbol.asyncIterator]();
  try {
    for (;;) {
      const start = performance.now();
      const next = await it.next();
      clock.add(phase, (performance.now() - start) / 1000);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await it.return?.();
  }
}
