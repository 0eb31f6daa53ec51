/**
 * Run the byte scanner over a whole input: a plain file is split into byte ranges on line
 * boundaries and scanned by worker threads (one per core by default); a zip member or any other
 * stream is scanned in this thread as it is inflated. Results are merged with absolute line numbers.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { startWorker } from '../../util/worker.js';
import { MAX_LINE_BYTES } from './lines.js';
import { REJECT_CODES, STAT_FIELDS, TransactionScanner, type ScanConfig, type ScanResult } from './scan.js';

const READ_CHUNK = 4 << 20;

/** A byte range `[start, end)` starting at a line start and ending after an LF (or at end of file). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Split a file of `size` bytes into at most `parts` ranges that start at line starts.
 * @example splitOnLines('itcont.txt', size, 2) // [{start: 0, end: 2684354561}, {start: 2684354561, end: size}]
 */
export function splitOnLines(path: string, size: number, parts: number): ByteRange[] {
  const cuts = [0];
  const fd = openSync(path, 'r');
  try {
    const probe = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1]!);
      // Move to just after the next LF at or after pos - 1.
      let found = -1;
      let at = Math.max(0, pos - 1);
      while (at < size && found < 0) {
        const n = readSync(fd, probe, 0, probe.length, at);
        if (n <= 0) break;
        const i = probe.subarray(0, n).indexOf(0x0a);
        if (i >= 0) found = at + i + 1;
        else at += n;
      }
      pos = found < 0 ? size : found;
      if (pos > cuts[cuts.length - 1]! && pos < size) cuts.push(pos);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  const ranges: ByteRange[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) ranges.push({ start: cuts[i]!, end: cuts[i + 1]! });
  return ranges;
}

/** Scan one byte range of a file in this thread (what each worker runs). */
export function scanRange(path: string, range: ByteRange, config: ScanConfig, onBytes?: (n: number) => void): ScanResult {
  const scanner = new TransactionScanner(config);
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(READ_CHUNK + 64 * 1024);
    let have = 0; // bytes in buf not yet scanned
    let pos = range.start; // file offset of buf[have]
    let skipping = false; // inside a line over MAX_LINE_BYTES, already rejected: drop bytes to its LF
    while (pos < range.end) {
      if (have === buf.length) {
        // One line longer than the buffer: grow (bounded by the file itself).
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const want = Math.min(buf.length - have, range.end - pos);
      const n = readSync(fd, buf, have, want, pos);
      if (n <= 0) break;
      pos += n;
      const filled = have + n;
      const atEnd = pos >= range.end;
      const base = pos - filled;
      let from = 0;
      if (skipping) {
        const nl = buf.subarray(0, filled).indexOf(0x0a);
        onBytes?.(n);
        if (nl < 0) {
          have = 0;
          continue;
        }
        from = nl + 1;
        skipping = false;
      } else {
        onBytes?.(n);
      }
      const done = scanner.scan(buf, from, filled, base, atEnd);
      have = filled - done;
      if (have > MAX_LINE_BYTES) {
        scanner.tooLong(buf, done, done + 2048, base + done);
        skipping = true;
        have = 0;
        continue;
      }
      if (have > 0) buf.copy(buf, 0, done, filled);
    }
  } finally {
    closeSync(fd);
  }
  return scanner.result();
}

/** Scan a stream (a zip member, stdin) in this thread. */
export async function scanStream(stream: Readable, config: ScanConfig, onBytes?: (n: number) => void): Promise<ScanResult> {
  const scanner = new TransactionScanner(config);
  // One buffer, refilled in place: the unscanned tail of a line is moved to its start, never
  // concatenated per chunk (which made long lines quadratic), and a line over MAX_LINE_BYTES is
  // rejected and skipped to its LF, so the buffer stays under MAX_LINE_BYTES plus one chunk.
  let buf = Buffer.allocUnsafe(MAX_LINE_BYTES * 2);
  let have = 0; // unscanned bytes at buf[0, have)
  let base = 0; // absolute offset of buf[0]
  let skipping = false;
  for await (const input of stream as AsyncIterable<Buffer>) {
    onBytes?.(input.length);
    let chunk = input;
    if (skipping) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) {
        base += chunk.length;
        continue;
      }
      base += nl + 1;
      chunk = chunk.subarray(nl + 1);
      skipping = false;
    }
    if (have + chunk.length > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, have + chunk.length));
      buf.copy(bigger, 0, 0, have);
      buf = bigger;
    }
    chunk.copy(buf, have);
    have += chunk.length;
    const done = scanner.scan(buf, 0, have, base, false);
    const rest = have - done;
    if (rest > MAX_LINE_BYTES) {
      scanner.tooLong(buf, done, done + 2048, base + done);
      skipping = true;
      base += have;
      have = 0;
      continue;
    }
    if (rest > 0) buf.copy(buf, 0, done, have);
    base += done;
    have = rest;
  }
  if (have) scanner.scan(buf, 0, have, base, true);
  return scanner.result();
}

/**
 * Merge per-range results in file order: relative line numbers become absolute, committee totals add.
 */
export function mergeScanResults(parts: ScanResult[]): ScanResult {
  let lineBase = 0;
  const keptMeta: number[] = [];
  const rejectMeta: number[] = [];
  const kept: Uint8Array[] = [];
  const rejects: Uint8Array[] = [];
  const totals = new Map<number, Float64Array>();
  let rejected = 0;
  let blank = 0;
  let plainWatchedDropped = 0;
  const rejectOverflow = REJECT_CODES.map(() => 0);
  for (const p of parts) {
    p.rejectOverflow.forEach((n, k) => (rejectOverflow[k] += n));
    for (let i = 0; i < p.keptMeta.length; i += 3) keptMeta.push(p.keptMeta[i]! + lineBase, p.keptMeta[i + 1]!, p.keptMeta[i + 2]!);
    for (let i = 0; i < p.rejectMeta.length; i += 4) {
      rejectMeta.push(p.rejectMeta[i]! + lineBase, p.rejectMeta[i + 1]!, p.rejectMeta[i + 2]!, p.rejectMeta[i + 3]!);
    }
    kept.push(p.keptBytes);
    rejects.push(p.rejectBytes);
    for (let c = 0; c < p.committeeIds.length; c++) {
      const id = p.committeeIds[c]!;
      let t = totals.get(id);
      if (!t) totals.set(id, (t = new Float64Array(STAT_FIELDS)));
      for (let k = 0; k < STAT_FIELDS; k++) t[k] += p.committeeStats[c * STAT_FIELDS + k]!;
    }
    lineBase += p.lines;
    rejected += p.rejected;
    blank += p.blank;
    plainWatchedDropped += p.plainWatchedDropped;
  }
  const ids = [...totals.keys()];
  const stats = new Float64Array(ids.length * STAT_FIELDS);
  ids.forEach((id, i) => stats.set(totals.get(id)!, i * STAT_FIELDS));
  return {
    lines: lineBase,
    blank,
    rejected,
    keptBytes: Buffer.concat(kept),
    keptMeta: Float64Array.from(keptMeta),
    rejectBytes: Buffer.concat(rejects),
    rejectMeta: Float64Array.from(rejectMeta),
    rejectOverflow,
    plainWatchedDropped,
    committeeIds: Float64Array.from(ids),
    committeeStats: stats,
  };
}

export interface ParallelOptions {
  /** Number of ranges (default: available cores, at most 8). */
  workers?: number;
  /** 'worker' runs each range in a worker thread; 'inline' runs them one after another here (tests). */
  mode?: 'worker' | 'inline';
  onBytes?: (n: number) => void;
}

/** Scan a plain file by byte ranges, in parallel. */
export async function scanFile(path: string, size: number, config: ScanConfig, options: ParallelOptions = {}): Promise<ScanResult> {
  const parts = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 8), 64));
  const ranges = size > 0 ? splitOnLines(path, size, size < (1 << 20) ? 1 : parts) : [];
  if (ranges.length === 0) return new TransactionScanner(config).result();
  // Each range keeps its share of the cap on plain watched rows.
  config = { ...config, maxPlainWatchedRows: Math.ceil((config.maxPlainWatchedRows ?? 200_000) / ranges.length) };
  if ((options.mode ?? 'worker') === 'inline' || ranges.length === 1) {
    return mergeScanResults(ranges.map((r) => scanRange(path, r, config, options.onBytes)));
  }
  const results = await Promise.all(
    ranges.map(
      (range) =>
        new Promise<ScanResult>((resolve, reject) => {
          const worker = startWorker(new URL('./scan-worker.js', import.meta.url), { workerData: { path, range, config } });
          worker.on('message', (msg: { bytes?: number; result?: ScanResult }) => {
            if (msg.bytes !== undefined) options.onBytes?.(msg.bytes);
            if (msg.result) resolve(msg.result);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`fec: scan worker for ${path} [${range.start}, ${range.end}) exited with code ${code}`));
          });
        }),
    ),
  );
  return mergeScanResults(results);
}
