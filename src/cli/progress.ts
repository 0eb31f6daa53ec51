import { safeTerminal } from '../util/escape.js';

/**
 * A progress bar on stderr, drawn only when stderr is a TTY and redrawn at most every 100 ms, with
 * the time left at the phase's average rate so far (once it has run a second and done 1 %).
 * Without a TTY it stays silent: scripts read the final summary line instead.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;
  private started = Date.now();
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly enabled: boolean,
    private label: string,
    private total: number,
    private unit: 'bytes' | 'items' = 'bytes',
    /** The clock (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Start a new phase with its own label, total and (when given) unit. */
  phase(label: string, total: number, unit: 'bytes' | 'items' = this.unit): void {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.done = 0;
    this.started = this.now();
    this.draw(true);
  }

  update(done: number): void {
    this.done = done;
    this.draw(false);
  }

  add(n: number): void {
    this.update(this.done + n);
  }

  /** Print a line above the bar. */
  log(line: string): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.stream.write(line + '\n');
    this.draw(true);
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = this.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const ratio = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const width = 30;
    const filled = Math.round(ratio * width);
    const amount =
      this.unit === 'bytes'
        ? `${formatBytes(this.done)}/${formatBytes(this.total)}`
        : `${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}`;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const elapsed = (now - this.started) / 1000;
    const eta = ratio >= 0.01 && ratio < 1 && elapsed >= 1 ? ` ETA ${formatDuration((elapsed * (1 - ratio)) / ratio)}` : '';
    this.stream.write(`\r\x1b[2K${safeTerminal(this.label, 40)} ${bar} ${(ratio * 100).toFixed(0)}% ${amount}${eta}`);
    this.drawn = true;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** `45s`, `3m 05s`, `1h 02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
