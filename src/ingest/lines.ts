/**
 * Streaming line reader for line-oriented inputs (JSONL). Reads the file in chunks, never holds more
 * than one line of at most `maxRecordBytes`, and reports problems as items instead of throwing:
 *
 * - a UTF-8 byte-order mark at the start of the file is skipped (offsets still count it);
 * - a line longer than `maxRecordBytes` is skipped to the next newline without being buffered and
 *   reported as `record_too_large` with its first 2 KiB;
 * - a line that is not valid UTF-8 is reported as `utf8_invalid`;
 * - CRLF and LF both end a line; blank lines are not records and are skipped (line numbers still count).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DEFAULT_MAX_RECORD_BYTES, EXCERPT_BYTES } from './record.js';

/** One line: 1-based `line`, byte `offset` of its first byte, its bytes without the terminator, decoded. */
export interface Line {
  line: number;
  offset: number;
  /** Offset just after the line's terminator (or the end of the file). */
  end: number;
  bytes: Buffer;
  text: string;
}

/** A line that could not be decoded or was too long; `excerpt` holds at most 2 KiB of it. */
export interface LineProblem {
  line: number;
  offset: number;
  end: number;
  code: 'record_too_large' | 'utf8_invalid';
  /** Length of the whole line in bytes. */
  size: number;
  excerpt: Buffer;
}

/** What readLines yields. */
export type LineItem = Line | LineProblem;

/** Whether a readLines item is a problem rather than a line. */
export function isLineProblem(item: LineItem): item is LineProblem {
  return 'code' in item;
}

/** Options of readLines. */
export interface LineOptions {
  maxRecordBytes?: number;
  /** Read size (default 1 MiB); tests use tiny values to put boundaries everywhere. */
  chunkBytes?: number;
}

const NL = 0x0a;
const CR = 0x0d;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A copy of the first EXCERPT_BYTES of `pieces`, without joining all of them. */
function firstBytes(pieces: Buffer[]): Buffer {
  const keep: Buffer[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (size >= EXCERPT_BYTES) break;
    const part = piece.subarray(0, EXCERPT_BYTES - size);
    keep.push(part);
    size += part.length;
  }
  return Buffer.concat(keep, size);
}

function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== CR) return false;
  }
  return true;
}

/**
 * Yield the lines of `file` in arrays (one array per chunk read, possibly empty).
 *
 * @example for await (const items of readLines('posts.jsonl')) for (const it of items) …
 */
export async function* readLines(file: string, options: LineOptions = {}): AsyncGenerator<LineItem[]> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1024 * 1024 });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false; // inside an oversized line: count bytes, keep only the excerpt in `parts`
  let lineNo = 1;
  let lineOffset = 0;
  let base = 0; // file offset of chunk[0]
  let bomChecked = false;
  let head = Buffer.alloc(0); // first bytes until 3 are seen, for the BOM check

  const finish = (segment: Buffer, out: LineItem[], end: number): void => {
    const size = partBytes + segment.length;
    if (skipping || size > max) {
      const excerpt = skipping ? parts[0]! : firstBytes([...parts, segment]);
      out.push({ line: lineNo, offset: lineOffset, end, code: 'record_too_large', size, excerpt });
    } else {
      let bytes = parts.length ? Buffer.concat([...parts, segment], size) : segment;
      if (bytes.length && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      if (!isBlank(bytes)) {
        let text: string | undefined;
        try {
          text = decoder.decode(bytes);
        } catch {
          out.push({ line: lineNo, offset: lineOffset, end, code: 'utf8_invalid', size: bytes.length, excerpt: bytes.subarray(0, EXCERPT_BYTES) });
        }
        if (text !== undefined) out.push({ line: lineNo, offset: lineOffset, end, bytes, text });
      }
    }
    parts = [];
    partBytes = 0;
    skipping = false;
  };

  const keep = (rest: Buffer): void => {
    if (skipping) {
      partBytes += rest.length;
    } else if (partBytes + rest.length > max) {
      parts = [firstBytes([...parts, rest])]; // a copy: do not pin the big chunk
      partBytes += rest.length;
      skipping = true;
    } else if (rest.length) {
      parts.push(rest);
      partBytes += rest.length;
    }
  };

  for await (const raw of stream as AsyncIterable<Buffer>) {
    let chunk = raw;
    if (!bomChecked) {
      // Hold back until three bytes are known, so a BOM split across tiny chunks is still seen.
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      chunk = head;
      bomChecked = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        base = 3;
        lineOffset = 3;
      }
    }
    const out: LineItem[] = [];
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, pos);
      if (nl === -1) {
        keep(chunk.subarray(pos));
        break;
      }
      finish(chunk.subarray(pos, nl), out, base + nl + 1);
      lineNo++;
      lineOffset = base + nl + 1;
      pos = nl + 1;
    }
    base += chunk.length;
    yield out;
  }
  if (!bomChecked && head.length) keep(head); // a file of 1-2 bytes
  const out: LineItem[] = [];
  if (partBytes > 0 || skipping) finish(Buffer.alloc(0), out, lineOffset + partBytes);
  if (out.length) yield out;
}

/**
 * The encoding named by a UTF-16 or UTF-32 byte-order mark at the start of `file`, or undefined.
 * Such files are refused as a whole with one clear message instead of a quarantine entry per line.
 */
export async function foreignBom(file: string): Promise<string | undefined> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    const b = head.subarray(0, bytesRead);
    if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32LE';
    if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32BE';
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
    return undefined;
  } finally {
    await fh.close();
  }
}

/** The reason given for a file with a foreign byte-order mark. */
export function foreignBomReason(encoding: string): string {
  return `the file starts with a ${encoding} byte-order mark: it is ${encoding}, not UTF-8; convert it (e.g. iconv -f ${encoding} -t UTF-8) and ingest again; no records were read`;
}
