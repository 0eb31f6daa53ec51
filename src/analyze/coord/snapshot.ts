/**
 * The coordination engine's input for one platform, saved between runs of `vigil analyze`: the
 * columns (accounts, post ids, authors, times, every co-action row), the near-duplicate index and
 * what pairing kept (per kind, the sorted active rows and every account pair's co-actions:
 * `KeptPairs` in pairs.ts). A later run loads them, appends the posts stored since, pairs only the
 * co-actions the new rows can form and adds them to the kept counts; the participation filter,
 * chance model and communities span the platform and are recomputed from the counts and rows, so
 * the result is the one a run over all posts gives (docs/analyze.md).
 *
 * File: 8 bytes (magic `VGCS`, header length), the header as JSON, then each typed array and long
 * string at an 8-byte aligned offset: Latin-1 when every code unit is below 256 (one byte each),
 * else UTF-16LE (so lone surrogates in hostile text survive).
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PostColumns, type CoKind } from './columns.js';
import { NearDuplicateIndex, type NearDuplicateParts } from './minhash.js';
import type { PairMemory } from './engine.js';
import type { KeptPairs } from './pairs.js';

const MAGIC = 0x53434756; // "VGCS"
const FORMAT = 5;

const ARRAYS = { i32: Int32Array, f64: Float64Array, u8: Uint8Array } as const;

/**
 * Bytes read or string code units encoded at a time, so no copy of a whole part is made. A list of
 * strings is read back in segments of at most 8 chunks of code units (one V8 string stops at 2^29).
 */
const CHUNK = 1 << 24;

const WIDE = /[^\u0000-\u00ff]/;

/** Many strings, written one after another in segments (never joined into one), read back as a list. */
class StringList {
  constructor(readonly values: readonly string[]) {}
}

/** A part of the file: its length now, its bytes when it is written, piece by piece. */
interface Part {
  bytes: number;
  pieces(): Iterable<Uint8Array>;
}

/**
 * Code units of `values[from, to)` encoded piece by piece into one buffer, reused: each piece is
 * written before the next is asked for (fresh buffers of 16 MiB each raised the writer's memory).
 */
function* encodeStrings(values: readonly string[], from: number, to: number, encoding: BufferEncoding, chunk: number): Iterable<Uint8Array> {
  let total = 0;
  for (let k = from; k < to && total < chunk; k++) total += values[k].length;
  const buffer = Buffer.allocUnsafe(2 * Math.min(chunk, total));
  let i = from;
  while (i < to) {
    const group: string[] = [];
    let units = 0;
    for (; i < to && (units === 0 || units + values[i].length <= chunk); i++) {
      group.push(values[i]);
      units += values[i].length;
    }
    // A value longer than the chunk goes in slices (utf16le and latin1 encode each code unit alone).
    const text = group.join('');
    for (let at = 0; at < text.length; at += chunk) yield buffer.subarray(0, buffer.write(text.slice(at, at + chunk), 0, encoding));
  }
}

/**
 * The header as JSON and the parts after it: typed arrays (their own bytes, not copied), strings over
 * 1 KiB and string lists, each at an 8-byte aligned offset. Strings are Latin-1 when every code unit
 * is below 256 (one byte each), else UTF-16LE (so lone surrogates in hostile text survive). Nothing
 * is encoded until the parts are written, and then one piece at a time.
 */
function encode(value: unknown, chunk: number): { head: Buffer; parts: Part[] } {
  const parts: Part[] = [];
  let at = 0;
  const put = (part: Part): number => {
    const start = at;
    parts.push(part);
    at += part.bytes;
    const pad = (8 - (at % 8)) % 8;
    if (pad) parts.push({ bytes: pad, pieces: () => [Buffer.alloc(pad)] });
    at += pad;
    return start;
  };
  const strings = (values: readonly string[], from: number, to: number) => {
    let units = 0;
    let wide = false;
    for (let i = from; i < to; i++) {
      units += values[i].length;
      wide ||= WIDE.test(values[i]);
    }
    const encoding: BufferEncoding = wide ? 'utf16le' : 'latin1';
    const bytes = wide ? 2 * units : units;
    return { $s: put({ bytes, pieces: () => encodeStrings(values, from, to, encoding, chunk) }), bytes, encoding };
  };
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Int32Array || v instanceof Float64Array || v instanceof Uint8Array) {
      const type = v instanceof Int32Array ? 'i32' : v instanceof Float64Array ? 'f64' : 'u8';
      return { $a: type, at: put({ bytes: v.byteLength, pieces: () => [new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] }), n: v.length };
    }
    if (v instanceof StringList) {
      const { values } = v;
      const segments: { text: ReturnType<typeof strings>; count: number }[] = [];
      for (let from = 0; from < values.length; ) {
        let to = from + 1;
        for (let units = values[from].length; to < values.length && units + values[to].length <= 8 * chunk; to++) units += values[to].length;
        segments.push({ text: strings(values, from, to), count: to - from });
        from = to;
      }
      return { $list: segments, lengths: Int32Array.from(values, (s) => s.length) };
    }
    if (typeof v === 'string' && v.length > 1024) return strings([v], 0, 1);
    return v;
  });
  const head = Buffer.from(json, 'utf8');
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(head.length, 4);
  const pad = Buffer.alloc((8 - ((8 + head.length) % 8)) % 8);
  return { head: Buffer.concat([pre, head, pad]), parts };
}

/** Fill `into` from `fd` at `position`, `chunk` bytes a read. */
function readAt(fd: number, into: Uint8Array, position: number, chunk: number): void {
  for (let done = 0; done < into.length; ) {
    const n = readSync(fd, into, done, Math.min(chunk, into.length - done), position + done);
    if (n === 0) throw new Error(`coord snapshot: the file ends before byte ${position + done + 1}`);
    done += n;
  }
}

/** Read a snapshot part by part: each typed array into its own memory, each string decoded from its bytes alone. */
function decode(fd: number, chunk: number): unknown {
  const size = fstatSync(fd).size;
  const pre = Buffer.alloc(8);
  if (size < 8) throw new Error('not a coordination snapshot');
  readAt(fd, pre, 0, chunk);
  if (pre.readUInt32LE(0) !== MAGIC) throw new Error('not a coordination snapshot');
  const len = pre.readUInt32LE(4);
  const base = 8 + len + ((8 - ((8 + len) % 8)) % 8);
  const head = Buffer.alloc(len);
  readAt(fd, head, 8, chunk);
  const text = (v: { $s: number; bytes: number; encoding: BufferEncoding }): string => {
    const bytes = Buffer.allocUnsafe(v.bytes);
    readAt(fd, bytes, base + v.$s, chunk);
    return bytes.toString(v.encoding);
  };
  return JSON.parse(head.toString('utf8'), (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$a' in v) {
      const { $a, at, n } = v as { $a: keyof typeof ARRAYS; at: number; n: number };
      const out = new ARRAYS[$a](n);
      readAt(fd, new Uint8Array(out.buffer), base + at, chunk);
      return out;
    }
    if (v && typeof v === 'object' && '$list' in v) {
      // Children are revived first: each segment's text is a string by now, `lengths` an Int32Array.
      const { $list, lengths } = v as { $list: { text: string; count: number }[]; lengths: Int32Array };
      const out: string[] = new Array(lengths.length);
      let i = 0;
      for (const { text: joined, count } of $list) {
        for (let k = 0, at = 0; k < count; k++, i++) out[i] = joined.slice(at, (at += lengths[i]));
      }
      return out;
    }
    if (v && typeof v === 'object' && '$s' in v) return text(v as { $s: number; bytes: number; encoding: BufferEncoding });
    return v;
  });
}

type Table = { slotId: Int32Array<ArrayBuffer>; slotHash: Int32Array<ArrayBuffer> };

/** Take `data` as the column's content (kept as is when empty: a column grows by doubling). */
function fill<T extends Int32Array | Float64Array>(column: { data: T; length: number }, data: T): void {
  if (!data.length) return;
  column.data = data;
  column.length = data.length;
}

/** What a snapshot holds; string lists are `StringList`s when written (`L`), arrays when read. */
interface Saved<H, L = string[]> {
  format: number;
  header: H;
  kinds: CoKind[];
  accounts: L;
  accountsTable: Table;
  /** Handles per account ('' with `hasHandle` 0 where the source gave none). */
  handles: L;
  hasHandle: Uint8Array;
  postIds: { bytes: Uint8Array; ends: Float64Array };
  author: Int32Array;
  timeMs: Float64Array;
  /** Per post, the reposted post's author (-1 for none or unknown). */
  repostAuthor: Int32Array;
  tables: { kind: CoKind; objects: L; objectsTable: Table; obj: Int32Array; post: Int32Array }[];
  textIndex?: NearDuplicateParts;
  pairing?: { settings: string; kinds: ({ kind: CoKind } & KeptPairs)[] };
}

/**
 * Write `cols`, the near-duplicate index and the pairing kept to `file`, replacing it only once
 * complete. The parts are encoded while they are written (`chunk` code units or bytes at a time),
 * from `cols` itself: `cols` and the rest must not change until the promise settles. Only what
 * the engine reads is kept: not the normalised or original text per post, sources or hashes. Text
 * rows may hold their cluster (the engine rewrites them so): a cluster is named by one of its texts,
 * which stays in that cluster, so clustering the rows again gives the same objects.
 */
export async function saveSnapshot<H>(
  file: string,
  header: H,
  cols: PostColumns,
  textIndex: NearDuplicateIndex | undefined,
  pairMemory?: PairMemory,
  chunk = CHUNK,
): Promise<void> {
  const handles = cols.accounts.values.map((_, a) => cols.accountHandles[a] ?? '');
  const saved: Saved<H, StringList> = {
    format: FORMAT,
    header,
    kinds: [...cols.tables.keys()],
    accounts: new StringList(cols.accounts.values),
    accountsTable: cols.accounts.table(),
    handles: new StringList(handles),
    hasHandle: Uint8Array.from(cols.accounts.values, (_, a) => (cols.accountHandles[a] === undefined ? 0 : 1)),
    postIds: cols.postIds.views(),
    author: cols.author.view(),
    timeMs: cols.timeMs.view(),
    repostAuthor: cols.repostAuthor.view(),
    tables: [...cols.tables.values()].map((t) => ({
      kind: t.kind,
      objects: new StringList(t.objects.values),
      objectsTable: t.objects.table(),
      obj: t.obj.view(),
      post: t.post.view(),
    })),
    textIndex: textIndex?.parts(),
    pairing: pairMemory && { settings: pairMemory.settings, kinds: [...pairMemory.kinds].map(([kind, kept]) => ({ kind, ...kept })) },
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const { head, parts } = encode(saved, chunk);
  const fh = await open(tmp, 'w');
  try {
    const write = async (b: Uint8Array) => {
      for (let done = 0; done < b.length; ) done += (await fh.write(b, done, b.length - done)).bytesWritten;
    };
    await write(head);
    for (const part of parts) for (const piece of part.pieces()) await write(piece);
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/**
 * Read a snapshot back: columns equal to the saved ones (ids interned in the same order) and the
 * index, or undefined when the file is missing, unreadable, or holds other kinds. Read part by part
 * (`chunk` bytes a read), so memory holds each part once, never the whole file.
 */
export function loadSnapshot<H>(
  file: string,
  kinds: readonly CoKind[],
  textSimilarity: number,
  seed: number,
  chunk = CHUNK,
): { header: H; cols: PostColumns; textIndex: NearDuplicateIndex; pairMemory: PairMemory } | undefined {
  let saved: Saved<H>;
  try {
    const fd = openSync(file, 'r');
    try {
      saved = decode(fd, chunk) as Saved<H>;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  if (saved.format !== FORMAT || saved.kinds.join() !== kinds.join()) return undefined;
  const cols = new PostColumns(kinds);
  cols.accounts.load(saved.accounts, saved.accountsTable);
  saved.handles.forEach((s, a) => {
    if (saved.hasHandle[a]) cols.accountHandles[a] = s;
  });
  cols.postIds.adopt(saved.postIds);
  fill(cols.author, saved.author);
  fill(cols.timeMs, saved.timeMs);
  cols.repostAuthor.adopt(saved.repostAuthor);
  for (const t of saved.tables) {
    const table = cols.tables.get(t.kind)!;
    table.objects.load(t.objects, t.objectsTable);
    fill(table.obj, t.obj);
    fill(table.post, t.post);
  }
  const pairMemory: PairMemory = { settings: saved.pairing?.settings ?? '', kinds: new Map((saved.pairing?.kinds ?? []).map(({ kind, ...kept }) => [kind, kept])) };
  return { header: saved.header, cols, textIndex: new NearDuplicateIndex(textSimilarity, seed, saved.textIndex), pairMemory };
}
