import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LAYOUTS } from './columns.js';
import { MAX_LINE_BYTES, readLines } from './lines.js';
import { scanFile, scanStream, splitOnLines } from './parallel.js';
import { parseTransactionLine } from './records.js';
import { REJECT_CODES, STAT_FIELDS, type ScanConfig, type ScanResult } from './scan.js';
import { buildItcontRows } from './testing.js';
import { triggerToken } from './tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-scan-'));
const COMMITTEES = ['C00999991', 'C00999992', 'C00999993', 'C00401224'];
const config = (over: Partial<ScanConfig> = {}): ScanConfig => ({
  layout: LAYOUTS.itcont,
  watchedCommittees: [999991],
  watchedCandidates: [],
  triggerHashes: [triggerToken('veloria')],
  keepAllSignals: false,
  ...over,
});

/** The slow path: every line through the string parser. */
async function slow(bytes: Buffer) {
  const rejected: { line: number; code: string }[] = [];
  const valid = new Map<number, ReturnType<typeof parseTransactionLine> & { ok: true }>();
  for await (const batch of readLines(Readable.from([bytes]))) {
    for (const raw of batch) {
      if (raw.bytes.length === 0) continue;
      const r = parseTransactionLine(raw, LAYOUTS.itcont, 'x');
      if (r.ok) valid.set(raw.line, r);
      else rejected.push({ line: raw.line, code: r.issue.code });
    }
  }
  return { rejected, valid };
}

function rejectsOf(r: ScanResult) {
  const out: { line: number; code: string }[] = [];
  for (let i = 0; i < r.rejectMeta.length; i += 4) out.push({ line: r.rejectMeta[i]!, code: REJECT_CODES[r.rejectMeta[i + 2]!]! });
  return out;
}

function keptLines(r: ScanResult): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.keptMeta.length; i += 3) out.push(r.keptMeta[i]!);
  return out;
}

describe('byte scanner agrees with the string parser', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: same lines, rejects and committee totals, in 1, 3 and 7 ranges and as a stream`, async () => {
      const bytes = buildItcontRows({ seed, rows: 3000, committees: COMMITTEES, truncateLast: seed === 2 });
      const path = join(dir, `rows-${seed}.txt`);
      writeFileSync(path, bytes);
      const ref = await slow(bytes);
      expect(ref.rejected.length).toBeGreaterThan(20);
      const totals = new Map<string, number[]>();
      for (const { record: t } of ref.valid.values()) {
        if (t.memoCd === 'X' || t.amount <= 0) continue;
        const v = totals.get(t.cmteId) ?? [0, 0, 0, 0];
        const signal = !/^(CA|TX|AE|PR)$/.test(t.state) || /[A-Z]/i.test(t.zip);
        v[0] += t.amount; v[1] += 1;
        if (signal) { v[2] += t.amount; v[3] += 1; }
        totals.set(t.cmteId, v);
      }
      const chunked = Readable.from((function* () { for (let i = 0; i < bytes.length; i += 777) yield bytes.subarray(i, i + 777); })());
      for (const result of [
        await scanFile(path, bytes.length, config({ keepAllSignals: true }), { workers: 1, mode: 'inline' }),
        await scanFile(path, bytes.length, config({ keepAllSignals: true }), { workers: 3, mode: 'inline' }),
        await scanFile(path, bytes.length, config({ keepAllSignals: true }), { workers: 7, mode: 'inline' }),
        await scanStream(chunked, config({ keepAllSignals: true })),
      ]) {
        expect(result.lines - result.blank).toBe(ref.valid.size + ref.rejected.length);
        expect(rejectsOf(result)).toEqual(ref.rejected);
        const got = new Map<string, number[]>();
        for (let c = 0; c < result.committeeIds.length; c++) {
          got.set(`C${String(result.committeeIds[c]).padStart(8, '0')}`, [...result.committeeStats.subarray(c * STAT_FIELDS, (c + 1) * STAT_FIELDS)]);
        }
        expect(got.size).toBe(totals.size);
        for (const [id, v] of totals) {
          const g = got.get(id)!;
          v.forEach((x, k) => expect(g[k]).toBeCloseTo(x, 6));
        }
        // Kept: every valid row of the watched committee or naming it in OTHER_ID, and (keepAllSignals)
        // every row with an address signal or the trigger word.
        const must = [...ref.valid.entries()]
          .filter(([, { record: t }]) =>
            t.cmteId === 'C00999991' || t.otherId === 'C00999991' ||
            !['CA', 'TX', 'AE', 'PR'].includes(t.state) || /[A-Z]/i.test(t.zip) ||
            /VELORIA/.test(`${t.name} ${t.employer} ${t.occupation} ${t.memoText}`))
          .map(([line]) => line);
        expect(keptLines(result)).toEqual(must);
        if (seed === 2) expect(ref.rejected.at(-1)!.code).toBe('line_truncated');
      }
    });
  }

  it('keeps only watched rows by default', async () => {
    const bytes = buildItcontRows({ seed: 8, rows: 500, committees: COMMITTEES, broken: 0 });
    const ref = await slow(bytes);
    const result = await scanStream(Readable.from([bytes]), config());
    const expected = [...ref.valid.entries()].filter(([, { record: t }]) => t.cmteId === 'C00999991' || t.otherId === 'C00999991').map(([l]) => l);
    expect(expected.length).toBeGreaterThan(50);
    expect(keptLines(result)).toEqual(expected);
  });

  it('bounds the plain watched rows kept for patterns, never dropping rows with a signal', async () => {
    const bytes = buildItcontRows({ seed: 8, rows: 800, committees: COMMITTEES, broken: 0 });
    const ref = await slow(bytes);
    const result = await scanStream(Readable.from([bytes]), config({ maxPlainWatchedRows: 10 }));
    const watched = [...ref.valid.entries()].filter(([, { record: t }]) => t.cmteId === 'C00999991' || t.otherId === 'C00999991');
    const signal = (t: { state: string; zip: string }) => !['CA', 'TX', 'AE', 'PR'].includes(t.state) || /[A-Z]/i.test(t.zip);
    const plain = watched.filter(([, { record: t }]) => !signal(t) && !/VELORIA/.test(`${t.name} ${t.employer} ${t.occupation} ${t.memoText}`));
    const expected = watched.filter(([l]) => !plain.slice(10).some(([p]) => p === l)).map(([l]) => l);
    expect(plain.length).toBeGreaterThan(10);
    expect(keptLines(result)).toEqual(expected);
    expect(result.plainWatchedDropped).toBe(plain.length - 10);
  });

  it('keeps every row with an address signal when asked', async () => {
    const bytes = buildItcontRows({ seed: 9, rows: 500, committees: COMMITTEES, broken: 0 });
    const ref = await slow(bytes);
    const result = await scanStream(Readable.from([bytes]), config({ keepAllSignals: true, watchedCommittees: [], triggerHashes: [] }));
    const expected = [...ref.valid.entries()]
      .filter(([, { record: t }]) => !['CA', 'TX', 'AE', 'PR'].includes(t.state) || /[A-Z]/i.test(t.zip))
      .map(([l]) => l);
    expect(expected.length).toBeGreaterThan(50);
    expect(keptLines(result)).toEqual(expected);
  });

  it('counts rejects past the listing limit per code instead of listing them', async () => {
    const bytes = buildItcontRows({ seed: 5, rows: 2000, committees: COMMITTEES, broken: 0.2 });
    const ref = await slow(bytes);
    const result = await scanStream(Readable.from([bytes]), config({ maxRejectRecords: 5 }));
    expect(result.rejected).toBe(ref.rejected.length);
    expect(rejectsOf(result)).toEqual(ref.rejected.slice(0, 5));
    const overflow = new Map<string, number>();
    for (const r of ref.rejected.slice(5)) overflow.set(r.code, (overflow.get(r.code) ?? 0) + 1);
    expect(Object.fromEntries(REJECT_CODES.map((c, k) => [c, result.rejectOverflow[k]]).filter(([, n]) => n))).toEqual(Object.fromEntries(overflow));
  });

  it('gives the same result from worker threads as inline', async () => {
    const bytes = buildItcontRows({ seed: 4, rows: 20000, committees: COMMITTEES });
    const path = join(dir, 'rows-workers.txt');
    writeFileSync(path, bytes);
    const cfg = config({ keepAllSignals: true });
    const inline = await scanFile(path, bytes.length, cfg, { workers: 2, mode: 'inline' });
    let progress = 0;
    const threaded = await scanFile(path, bytes.length, cfg, { workers: 2, mode: 'worker', onBytes: (n) => (progress += n) });
    expect(bytes.length).toBeGreaterThan(1 << 20); // large enough to be split
    // Compare as bytes: deep equality over megabytes of typed arrays is needlessly slow.
    const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const k of Object.keys(inline) as (keyof ScanResult)[]) {
      const [x, y] = [inline[k], threaded[k]];
      if (ArrayBuffer.isView(x)) expect(bytesOf(x).equals(bytesOf(y as ArrayBufferView)), k).toBe(true);
      else expect(y, k).toEqual(x);
    }
    expect(threaded.keptMeta.length).toBeGreaterThan(1000);
    expect(progress).toBe(bytes.length);
  });

  it('splits files on line boundaries only', () => {
    const path = join(dir, 'split.txt');
    writeFileSync(path, 'a|b\nccc|d\n\ne|f');
    const size = 15;
    for (const parts of [1, 2, 3, 5, 20]) {
      const ranges = splitOnLines(path, size, parts);
      expect(ranges[0]!.start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(size);
      for (const r of ranges.slice(1)) expect([0, 4, 10, 11]).toContain(r.start);
    }
  });
});

describe('long lines (issue 11: a zip with long lines was quadratic)', () => {
  it('a line over MAX_LINE_BYTES is one line_too_long reject, the rows around it are read, the same in a file, in ranges and in a stream', async () => {
    const rows = buildItcontRows({ seed: 9, rows: 400, committees: COMMITTEES, broken: 0 });
    const lines = rows.toString('latin1').split('\n').filter(Boolean);
    const long = 'x'.repeat(3 * MAX_LINE_BYTES + 17);
    // Line 201 is long, and so is the last one (402), which has no LF.
    const bytes = Buffer.from([...lines.slice(0, 200), long, ...lines.slice(200), long].join('\n'), 'latin1');
    const path = join(dir, 'long.txt');
    writeFileSync(path, bytes);
    const inRanges = await scanFile(path, bytes.length, config({ keepAll: true }), { workers: 3, mode: 'inline' });
    // Chunks of 64 KiB: the long line spans ~50 of them.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const streamed = await scanStream(Readable.from(chunks), config({ keepAll: true }));
    for (const r of [inRanges, streamed]) {
      expect(rejectsOf(r)).toEqual([{ line: 201, code: 'line_too_long' }, { line: lines.length + 2, code: 'line_too_long' }]);
      expect(r.lines).toBe(lines.length + 2);
      expect(keptLines(r)).toHaveLength(lines.length);
      expect(r.rejectBytes.length).toBeLessThanOrEqual(2 * 2049);
    }
    expect(streamed.committeeStats).toEqual(inRanges.committeeStats);
  });

  it('a stream that is one 64 MiB line is read in linear time and bounded memory', async () => {
    const chunk = Buffer.alloc(1 << 20, 'y');
    const timeOf = async (mib: number) => {
      const t = process.hrtime.bigint();
      const r = await scanStream(Readable.from(Array.from({ length: mib }, () => chunk)), config());
      expect(rejectsOf(r)).toEqual([{ line: 1, code: 'line_too_long' }]);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    await timeOf(4); // warm up
    const small = await timeOf(16);
    const big = await timeOf(64);
    // Quadratic reading (the old concat per chunk) makes 4x the input cost ~16x; linear ~4x.
    expect(big).toBeLessThan(Math.max(small, 5) * 10);
  });
});
