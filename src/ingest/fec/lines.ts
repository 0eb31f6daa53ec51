import type { Readable } from 'node:stream';

/** One line of a pipe file, without its line ending. */
export interface RawLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte in the (uncompressed) file. */
  offset: number;
  /** The line's bytes, CR and LF removed. Valid until the next batch is requested. */
  bytes: Buffer;
  /** True for a last line that had no LF: possibly truncated. */
  unterminated: boolean;
}

/** Longest line accepted (a real itcont line is under 1 KiB); longer ones are cut for the excerpt. */
export const MAX_LINE_BYTES = 1 << 20;

/**
 * Split a byte stream into lines, in batches (one per chunk). Lines longer than MAX_LINE_BYTES are
 * returned cut to that length so a file with no newlines cannot grow memory without bound.
 */
export async function* readLines(stream: Readable, startLine = 1, startOffset = 0): AsyncGenerator<RawLine[]> {
  let line = startLine;
  let pos = startOffset; // absolute offset of the next chunk's first byte
  let carry: Buffer | null = null;
  let carryOffset = 0;
  let skipping: { head: Buffer; offset: number } | null = null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const chunkBase = pos;
    pos += chunk.length;
    const batch: RawLine[] = [];
    let buf = chunk;
    let base = chunkBase;
    let start = 0;
    if (skipping) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) continue;
      batch.push({ line: line++, offset: skipping.offset, bytes: skipping.head, unterminated: false });
      skipping = null;
      start = nl + 1;
    } else if (carry) {
      buf = Buffer.concat([carry, chunk]);
      base = carryOffset;
      carry = null;
    }
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      batch.push({ line: line++, offset: base + start, bytes: buf.subarray(start, end), unterminated: false });
      start = nl + 1;
    }
    const rest = buf.length - start;
    if (rest > MAX_LINE_BYTES) {
      skipping = { head: Buffer.from(buf.subarray(start, start + MAX_LINE_BYTES)), offset: base + start };
    } else if (rest > 0) {
      carry = Buffer.from(buf.subarray(start));
      carryOffset = base + start;
    }
    if (batch.length) yield batch;
  }
  const last = skipping ?? (carry ? { head: carry, offset: carryOffset } : null);
  if (last) yield [{ line, offset: last.offset, bytes: last.head, unterminated: true }];
}
