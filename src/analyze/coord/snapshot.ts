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
import { packStrings, PostColumns, unpackStrings, type CoKind } from './columns.js';
import { NearDuplicateIndex, type NearDuplicateParts } from './minhash.js';
import type { PairMemory } from './engine.js';
import type { KeptPairs } from './pairs.js';

const MAGIC = 0x53434756; // "VGCS"
const FORMAT = 4;

const ARRAYS = { i32: Int32Array, f64: Float64Array, u8: Uint8Array } as const;

/** Typed arrays and strings over 1 KiB leave the JSON for the binary part. */
function encode(value: unknown): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  const put = (b: Buffer): number => {
    const start = at;
    parts.push(b);
    at += b.length;
    const pad = (8 - (at % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    at += pad;
    return start;
  };
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Int32Array || v instanceof Float64Array || v instanceof Uint8Array) {
      const type = v instanceof Int32Array ? 'i32' : v instanceof Float64Array ? 'f64' : 'u8';
      return { $a: type, at: put(Buffer.from(v.buffer, v.byteOffset, v.byteLength)), n: v.length };
    }
    if (typeof v === 'string' && v.length > 1024) {
      const encoding = /[^\u0000-\u00ff]/.test(v) ? 'utf16le' : 'latin1';
      const b = Buffer.from(v, encoding);
      return { $s: put(b), bytes: b.length, encoding };
    }
    return v;
  });
  const head = Buffer.from(json, 'utf8');
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(head.length, 4);
  const pad = Buffer.alloc((8 - ((8 + head.length) % 8)) % 8);
  return [pre, head, pad, ...parts];
}

function decode(file: Buffer): unknown {
  if (file.length < 8 || file.readUInt32LE(0) !== MAGIC) throw new Error('not a coordination snapshot');
  const len = file.readUInt32LE(4);
  const base = 8 + len + ((8 - ((8 + len) % 8)) % 8);
  return JSON.parse(file.toString('utf8', 8, 8 + len), (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$a' in v) {
      const { $a, at, n } = v as { $a: keyof typeof ARRAYS; at: number; n: number };
      const Ctor = ARRAYS[$a];
      const start = file.byteOffset + base + at;
      // A view of the file's bytes when aligned for the element size (they always are in a file read whole), else a copy.
      if (start % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(file.buffer as ArrayBuffer, start, n);
      const out = new Ctor(n);
      new Uint8Array(out.buffer).set(file.subarray(base + at, base + at + n * Ctor.BYTES_PER_ELEMENT));
      return out;
    }
    if (v && typeof v === 'object' && '$s' in v) {
      const { $s, bytes, encoding } = v as { $s: number; bytes: number; encoding: 'utf16le' | 'latin1' };
      return file.toString(encoding, base + $s, base + $s + bytes);
    }
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

interface Saved<H> {
  format: number;
  header: H;
  kinds: CoKind[];
  accounts: { text: string; lengths: Int32Array };
  accountsTable: Table;
  /** Handles per account ('' with `hasHandle` 0 where the source gave none). */
  handles: { text: string; lengths: Int32Array };
  hasHandle: Uint8Array;
  postIds: { bytes: Uint8Array; ends: Float64Array };
  author: Int32Array;
  timeMs: Float64Array;
  repostPost: Int32Array;
  repostAuthor: Int32Array;
  tables: { kind: CoKind; objects: { text: string; lengths: Int32Array }; objectsTable: Table; obj: Int32Array; post: Int32Array }[];
  textIndex?: NearDuplicateParts;
  pairing?: { settings: string; kinds: ({ kind: CoKind } & KeptPairs)[] };
}

/**
 * Write `cols`, the near-duplicate index and the pairing kept to `file`, replacing it only once
 * complete. The parts are encoded now and written by the file system's threads: `cols` and the
 * rest must not change until the promise settles. Only what
 * the engine reads is kept: not the normalised or original text per post, sources or hashes. Text
 * rows may hold their cluster (the engine rewrites them so): a cluster is named by one of its texts,
 * which stays in that cluster, so clustering the rows again gives the same objects.
 */
export async function saveSnapshot<H>(file: string, header: H, cols: PostColumns, textIndex: NearDuplicateIndex | undefined, pairMemory?: PairMemory): Promise<void> {
  const handles = cols.accounts.values.map((_, a) => cols.accountHandles[a] ?? '');
  const saved: Saved<H> = {
    format: FORMAT,
    header,
    kinds: [...cols.tables.keys()],
    accounts: packStrings(cols.accounts.values),
    accountsTable: cols.accounts.table(),
    handles: packStrings(handles),
    hasHandle: Uint8Array.from(cols.accounts.values, (_, a) => (cols.accountHandles[a] === undefined ? 0 : 1)),
    postIds: cols.postIds.parts(),
    author: cols.author.view(),
    timeMs: cols.timeMs.view(),
    repostPost: Int32Array.from(cols.repostAuthor.keys()),
    repostAuthor: Int32Array.from(cols.repostAuthor.values()),
    tables: [...cols.tables.values()].map((t) => ({
      kind: t.kind,
      objects: packStrings(t.objects.values),
      objectsTable: t.objects.table(),
      obj: t.obj.view(),
      post: t.post.view(),
    })),
    textIndex: textIndex?.parts(),
    pairing: pairMemory && { settings: pairMemory.settings, kinds: [...pairMemory.kinds].map(([kind, kept]) => ({ kind, ...kept })) },
  };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const parts = encode(saved);
  const fh = await open(tmp, 'w');
  try {
    for (const part of parts) {
      for (let done = 0; done < part.length; ) done += (await fh.write(part, done, part.length - done)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
}

/**
 * A file's bytes in one Buffer, read in chunks: readFileSync refuses files over 2 GiB, and a 10M-post
 * store's snapshot is about 2.7 GB (a Buffer holds up to 4 GiB on 64-bit Node).
 */
export function readWhole(file: string, chunk = 1 << 30): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const out = Buffer.allocUnsafe(size);
    for (let done = 0; done < size; ) {
      const n = readSync(fd, out, done, Math.min(chunk, size - done), done);
      if (n === 0) throw new Error(`${file}: ended at byte ${done} of ${size}`);
      done += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/**
 * Read a snapshot back: columns equal to the saved ones (ids interned in the same order) and the
 * index, or undefined when the file is missing, unreadable, or holds other kinds.
 */
export function loadSnapshot<H>(
  file: string,
  kinds: readonly CoKind[],
  textSimilarity: number,
  seed: number,
): { header: H; cols: PostColumns; textIndex: NearDuplicateIndex; pairMemory: PairMemory } | undefined {
  let saved: Saved<H>;
  try {
    saved = decode(readWhole(file)) as Saved<H>;
  } catch {
    return undefined;
  }
  if (saved.format !== FORMAT || saved.kinds.join() !== kinds.join()) return undefined;
  const cols = new PostColumns(kinds);
  cols.accounts.load(unpackStrings(saved.accounts), saved.accountsTable);
  unpackStrings(saved.handles).forEach((s, a) => {
    if (saved.hasHandle[a]) cols.accountHandles[a] = s;
  });
  cols.postIds.appendParts(saved.postIds);
  fill(cols.author, saved.author);
  fill(cols.timeMs, saved.timeMs);
  saved.repostPost.forEach((p, i) => cols.repostAuthor.set(p, saved.repostAuthor[i]));
  for (const t of saved.tables) {
    const table = cols.tables.get(t.kind)!;
    table.objects.load(unpackStrings(t.objects), t.objectsTable);
    fill(table.obj, t.obj);
    fill(table.post, t.post);
  }
  const pairMemory: PairMemory = { settings: saved.pairing?.settings ?? '', kinds: new Map((saved.pairing?.kinds ?? []).map(({ kind, ...kept }) => [kind, kept])) };
  return { header: saved.header, cols, textIndex: new NearDuplicateIndex(textSimilarity, seed, saved.textIndex), pairMemory };
}
