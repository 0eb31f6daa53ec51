import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.js';

/** A stream that keeps what is written. */
function sink(): NodeJS.WritableStream & { text: string } {
  const s = { text: '', write: (chunk: string) => ((s.text += chunk), true) };
  return s as unknown as NodeJS.WritableStream & { text: string };
}

describe('Progress', () => {
  it('shows the time left at the phase rate so far, from a second and 1 % in', () => {
    let now = 0;
    const out = sink();
    const p = new Progress(out, true, 'analyze posts', 1000, 'items', () => now);
    now = 500;
    p.update(100);
    expect(out.text).not.toContain('ETA');
    now = 10_000;
    p.update(250); // 250 in 10 s: 750 more take 30 s
    expect(out.text).toMatch(/25% 250\/1,000 ETA 30s$/);
  });

  it('starts the clock again with each phase', () => {
    let now = 0;
    const out = sink();
    const p = new Progress(out, true, 'one', 10, 'items', () => now);
    now = 100_000;
    p.phase('two', 100);
    now = 102_000;
    p.update(50);
    expect(out.text).toMatch(/two .* 50% 50\/100 ETA 2s$/);
  });

  it('writes nothing without a TTY', () => {
    const out = sink();
    const p = new Progress(out, false, 'x', 10, 'items');
    p.update(5);
    p.finish();
    expect(out.text).toBe('');
  });

  it('formats durations', () => {
    expect([formatDuration(7.4), formatDuration(185), formatDuration(3725)]).toEqual(['7s', '3m 05s', '1h 02m']);
  });
});
