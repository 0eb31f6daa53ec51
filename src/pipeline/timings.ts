/**
 * Where a long run's time and memory go, phase by phase (`vigil analyze --json` prints them in its
 * summary, bench/analyze.ts lists them). Each phase records its wall time, the process's resident
 * memory when it ended and the peak resident memory so far, so the phase that raised the peak is
 * the first whose `peakMb` reaches the run's.
 */
import { memoryUsage, resourceUsage } from 'node:process';

export interface PhaseTiming {
  phase: string;
  seconds: number;
  /** Resident memory at the end of the phase (MB). */
  rssMb: number;
  /** Peak resident memory of the process so far (MB). */
  peakMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

export class PhaseClock {
  readonly phases: PhaseTiming[] = [];
  private last = performance.now();

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
    const seen = this.phases.find((p) => p.phase === phase);
    if (seen) Object.assign(seen, { seconds: seen.seconds + seconds, rssMb, peakMb });
    else this.phases.push({ phase, seconds, rssMb, peakMb });
  }

  /** Restart the lap clock without recording (time already accounted for with `add`). */
  skip(): void {
    this.last = performance.now();
  }

  /** The phases with seconds rounded to milliseconds. */
  result(): PhaseTiming[] {
    return this.phases.map((p) => ({ ...p, seconds: Math.round(p.seconds * 1000) / 1000 }));
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
