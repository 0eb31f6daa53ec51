/**
 * The coordination engine's input for one platform, saved between runs of `vigil analyze`: the
 * columns (accounts, post ids, authors, times, every co-action row), the near-duplicate index and
 * what pairing kept (per kind, the sorted active rows and every account pair's co-actions:
 * `KeptPairs` in pairs.ts). A later run loads them, appends the posts stored since, pairs only the
 * co-actions the new rows can form and adds them to the kept counts; the participation filter,
 * chance model and communities span the platform and are recomputed from the counts and rows, so
 * the result is the one a run over all posts gives (docs/analyze.md).
 *
 * A snapshot is a chain of segments: a base file (`FILE`) holding everything, then one delta file
 * per later run (`FILE.1`, `FILE.2`, …) holding only what that run added: the tails of the columns
 * and tables, the LSH buckets it created, the handles of the accounts it saw post, and whole the few
 * parts that change in place (each text's cluster, the kept pairing: small beside the rest). Each
 * delta names the segment it follows, so a file left by a killed run is not taken for the next one.
 * Once the deltas together pass a fraction of the base (`COMPACT_AT`), the run writes a base again
 * and removes them: an incremental run writes ~1 % of the file instead of all of it.
 *
 * Each file: 8 bytes (magic `VGCS`, header length), the header as JSON, then each typed array at an
 * 8-byte aligned offset. Strings are the interners' own memory (`PooledStrings`: Latin-1 or UTF-16LE
 * code units, so lone surrogates in hostile text survive), saved and loaded as bytes: loading
 * millions of texts makes no JS string.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PooledStrings, PostColumns, roomOf, withRoom, type CoKind, type PoolParts } from './columns.js';
import { mergeBuckets, NearDuplicateIndex, type BandBuckets } from './minhash.js';
import type { PairMemory } from './engine.js';
import type { KeptPairs } from './pairs.js';

const MAGIC = 0x53434756; // "VGCS"
const FORMAT = 7;

const ARRAYS = { i32: Int32Array, f64: Float64Array, u8: Uint8Array } as const;

/** Bytes read or written at a time, so no copy of a whole part is made. */
const CHUNK = 1 << 24;

/** A part of the file: its length now, its bytes when it is written, piece by piece. */
interface Part {
  bytes: number;
  pieces(): Iterable<Uint8Array>;
}

/**
 * The header as JSON and the parts after it: the typed arrays (strings are in `PooledStrings`' bytes),
 * each at an 8-byte aligned offset, written from their own memory `chunk` bytes at a time.
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
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Int32Array || v instanceof Float64Array || v instanceof Uint8Array) {
      const type = v instanceof Int32Array ? 'i32' : v instanceof Float64Array ? 'f64' : 'u8';
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      const pieces = function* () {
        for (let k = 0; k < bytes.length; k += chunk) yield bytes.subarray(k, k + chunk);
      };
      return { $a: type, at: put({ bytes: v.byteLength, pieces }), n: v.length };
    }
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

/** Read a snapshot part by part: each typed array into its own memory. */
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
  return JSON.parse(head.toString('utf8'), (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$a' in v) {
      const { $a, at, n } = v as { $a: keyof typeof ARRAYS; at: number; n: number };
      const out = withRoom(ARRAYS[$a], n);
      readAt(fd, new Uint8Array(out.buffer, 0, out.byteLength), base + at, chunk);
      return out;
    }
    return v;
  });
}

type Table = { slotId: Int32Array<ArrayBuffer>; slotHash: Int32Array<ArrayBuffer> };

/** Deltas are written while together they stay under this fraction of the base's bytes. */
const COMPACT_AT = 0.25;

/** Where a segment starts: the counts of the chain before it (all 0 for a base). */
interface Counts {
  posts: number;
  accounts: number;
  /** Rows and objects per table, in `kinds` order. */
  tables: { rows: number; objects: number }[];
}

function countsOf(cols: PostColumns): Counts {
  return { posts: cols.posts, accounts: cols.accounts.size, tables: [...cols.tables.values()].map((t) => ({ rows: t.rows, objects: t.objects.size })) };
}

/** What `loadSnapshot` read, for `saveSnapshot` to append to. */
export interface SnapshotChain {
  /** The last segment read, which the next one names. */
  segment: string;
  /** Segments read (the base is 1): the next delta's file number. */
  segments: number;
  baseBytes: number;
  deltaBytes: number;
  /** The columns' counts once loaded: where the next delta starts. */
  counts: Counts;
}

/** One file of a chain. Strings are `PooledStrings`' memory: their code units and ends. */
interface Segment<H> {
  format: number;
  header: H;
  kinds: CoKind[];
  /** This segment's id, and the one of the segment it follows (none for a base). */
  segment: string;
  prev?: string;
  from: Counts;
  /** Accounts interned since `from`; a base also keeps the hash table (loading hashes no string). */
  accounts: PoolParts;
  accountsTable?: Table;
  /** Handles of `account` (every account in a base): '' with `has` 0 where the last post gave none. */
  handles: { account?: Int32Array; value: PoolParts; has: Uint8Array };
  postIds: { bytes: Uint8Array; ends: Float64Array };
  author: Int32Array;
  timeMs: Float64Array;
  /** Per post since `from`, the reposted post's author (-1 for none or unknown). */
  repostAuthor: Int32Array;
  tables: { kind: CoKind; objects: PoolParts; objectsTable?: Table; obj: Int32Array; post: Int32Array }[];
  /** Each text's cluster (whole), and the LSH buckets first seen since `from` (all in a base). */
  textIndex?: { root: Int32Array; bands: BandBuckets[] };
  pairing?: { settings: string; kinds: ({ kind: CoKind } & KeptPairs)[] };
}

/** Take `data` as the column's content when it is empty (kept as is when `data` is: a column grows by doubling), else append it. */
function append<T extends Int32Array | Float64Array>(column: { data: T; length: number; push(v: number): void }, data: T): void {
  if (!data.length) return;
  if (column.length) {
    for (let i = 0; i < data.length; i++) column.push(data[i]);
    return;
  }
  column.data = roomOf(data);
  column.length = data.length;
}

/** The segment holding what `cols` and the rest added since `from` (everything when `from` is all 0). */
function segmentOf<H>(header: H, cols: PostColumns, textIndex: NearDuplicateIndex | undefined, pairMemory: PairMemory | undefined, from: Counts, prev?: string): Segment<H> {
  const base = !prev;
  const kinds = [...cols.tables.keys()];
  const seen = new Uint8Array(cols.accounts.size);
  const author = cols.author.view();
  let handleAccounts: Int32Array | undefined;
  if (!base) {
    // The accounts whose handle this run may have set: those that posted since `from`.
    for (let p = from.posts; p < author.length; p++) seen[author[p]] = 1;
    const list: number[] = [];
    for (let a = 0; a < seen.length; a++) if (seen[a]) list.push(a);
    handleAccounts = Int32Array.from(list);
  }
  const handleOf = (a: number) => cols.accountHandles[a];
  const handleList = handleAccounts ? Array.from(handleAccounts) : Array.from({ length: cols.accounts.size }, (_, a) => a);
  const ids = cols.postIds.views();
  const firstByte = from.posts ? ids.ends[from.posts - 1] : 0;
  const repost = cols.repostAuthor.view();
  const textAt = kinds.indexOf('text');
  const fromTexts = textAt >= 0 ? from.tables[textAt].objects : 0;

  return {
    format: FORMAT,
    header,
    kinds,
    segment: randomUUID(),
    prev,
    from,
    accounts: cols.accounts.parts(from.accounts),
    accountsTable: base ? cols.accounts.table() : undefined,
    handles: {
      account: handleAccounts,
      value: poolOf(handleList.map((a) => handleOf(a) ?? '')),
      has: Uint8Array.from(handleList, (a) => (handleOf(a) === undefined ? 0 : 1)),
    },
    postIds: base ? ids : { bytes: ids.bytes.subarray(firstByte), ends: ids.ends.slice(from.posts).map((e) => e - firstByte) },
    author: author.subarray(from.posts),
    timeMs: cols.timeMs.view().subarray(from.posts),
    repostAuthor: repost.length > from.posts ? repost.subarray(from.posts) : new Int32Array(0),
    tables: [...cols.tables.values()].map((t, k) => ({
      kind: t.kind,
      objects: t.objects.parts(from.tables[k].objects),
      objectsTable: base ? t.objects.table() : undefined,
      obj: t.obj.view().subarray(from.tables[k].rows),
      post: t.post.view().subarray(from.tables[k].rows),
    })),
    textIndex: textIndex && { root: textIndex.roots(), bands: textIndex.bucketsSince(fromTexts) },
    pairing: pairMemory && { settings: pairMemory.settings, kinds: [...pairMemory.kinds].map(([kind, kept]) => ({ kind, ...kept })) },
  };
}

function poolOf(values: readonly string[]): PoolParts {
  const pool = new PooledStrings();
  for (const v of values) pool.push(v);
  return pool.parts();
}

function stringsOf(parts: PoolParts): string[] {
  const pool = new PooledStrings();
  pool.adopt(parts);
  return Array.from({ length: pool.size }, (_, i) => pool.value(i));
}

/** Write `head` and `parts` to `file`, under a temporary name renamed once complete. */
async function writeFile(file: string, head: Buffer, parts: Part[]): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
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

/** Options of `saveSnapshot`. */
export interface SaveOptions {
  /** The chain `cols` was loaded from: only what was added since is written, as a delta, while deltas stay small. */
  after?: SnapshotChain;
  /** Code units or bytes encoded at a time (tests set small ones). */
  chunk?: number;
  /** Deltas are written while together they stay under this fraction of the base (default `COMPACT_AT`). */
  compactAt?: number;
}

/**
 * Save `cols`, the near-duplicate index and the pairing kept beside `file`: as the next delta of the
 * chain `after` when the deltas stay under `compactAt` of the base, else as a new base (then the
 * old deltas are removed). Each file replaces its name only once complete. The parts are encoded
 * while they are written, from `cols` itself: `cols` and the rest must not change until the promise
 * settles. Only what the engine reads is kept: not the normalised or original text per post,
 * sources or hashes. Text rows may hold their cluster (the engine rewrites them so): a cluster is
 * named by one of its texts, which stays in that cluster, so clustering the rows again gives the
 * same objects (and loading maps every row through the last segment's clusters).
 */
export async function saveSnapshot<H>(file: string, header: H, cols: PostColumns, textIndex: NearDuplicateIndex | undefined, pairMemory?: PairMemory, options: SaveOptions = {}): Promise<void> {
  const { after, chunk = CHUNK, compactAt = COMPACT_AT } = options;
  mkdirSync(dirname(file), { recursive: true });
  if (after) {
    const delta = encode(segmentOf(header, cols, textIndex, pairMemory, after.counts, after.segment), chunk);
    const bytes = delta.head.length + delta.parts.reduce((n, p) => n + p.bytes, 0);
    if (after.deltaBytes + bytes <= compactAt * after.baseBytes) return writeFile(`${file}.${after.segments}`, delta.head, delta.parts);
  }
  const base = encode(segmentOf(header, cols, textIndex, pairMemory, { posts: 0, accounts: 0, tables: [...cols.tables.keys()].map(() => ({ rows: 0, objects: 0 })) }), chunk);
  await writeFile(file, base.head, base.parts);
  // The old deltas follow the old base: never read again.
  for (let k = 1; existsSync(`${file}.${k}`); k++) await unlink(`${file}.${k}`);
}

/** Read one segment file, or undefined when it is missing or unreadable. */
function readSegment<H>(file: string, chunk: number): { segment: Segment<H>; bytes: number } | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      return { segment: decode(fd, chunk) as Segment<H>, bytes: fstatSync(fd).size };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

const sameCounts = (x: Counts, y: Counts) => JSON.stringify(x) === JSON.stringify(y);

/** Options of `loadSnapshot`. */
export interface LoadOptions<H> {
  /** Stop at the first segment whose header this accepts (undefined when none does); else read the whole chain. */
  until?: (header: H) => boolean;
  chunk?: number;
}

/**
 * Read a snapshot back: the base, then each delta that follows it, applied in order, giving columns
 * equal to the saved ones (ids interned in the same order), the index and the pairing kept, with
 * the chain read (for the next save). Undefined when the base is missing, unreadable or of other
 * kinds, or no segment is accepted by `until`. Read part by part (`chunk` bytes a read), so memory
 * holds each part once, never a whole file.
 */
export function loadSnapshot<H>(
  file: string,
  kinds: readonly CoKind[],
  textSimilarity: number,
  seed: number,
  options: LoadOptions<H> = {},
): { header: H; cols: PostColumns; textIndex: NearDuplicateIndex; pairMemory: PairMemory; chain: SnapshotChain } | undefined {
  const { until, chunk = CHUNK } = options;
  const cols = new PostColumns(kinds);
  let last: Segment<H> | undefined;
  let baseBytes = 0;
  let deltaBytes = 0;
  let segments = 0;
  let root: Int32Array | undefined;
  // Per band, the base's buckets and each delta's (disjoint keys), merged once all are read.
  const bands: BandBuckets[][] = [];
  for (;;) {
    const read = readSegment<H>(segments ? `${file}.${segments}` : file, chunk);
    const s = read?.segment;
    if (!s || s.format !== FORMAT || s.kinds.join() !== kinds.join() || s.prev !== last?.segment || !sameCounts(s.from, countsOf(cols))) break;
    applySegment(cols, s, segments === 0);
    if (s.textIndex) {
      root = s.textIndex.root;
      s.textIndex.bands.forEach((b, k) => (bands[k] ??= []).push(b));
    }
    if (segments === 0) baseBytes = read.bytes;
    else deltaBytes += read.bytes;
    segments++;
    last = s;
    if (until?.(s.header)) break;
  }
  if (!last || (until && !until(last.header))) return undefined;
  const text = cols.tables.get('text');
  if (text && root) {
    // Rows of earlier segments hold the clusters of their run; clusters only merge, so the last run's cluster of each is one lookup.
    const obj = text.obj.view();
    for (let r = 0; r < obj.length; r++) obj[r] = root[obj[r]];
  }
  // The base's buckets stay as read (16 lists, ~1.2 GB at 10M posts); the deltas' few, merged, are the index's recent level.
  const recent = bands.map(([, ...deltas]) => (deltas.length ? deltas.reduce((x, y) => mergeBuckets(x, y)) : { keys: new Float64Array(0), first: new Int32Array(0) }));
  const textIndex = new NearDuplicateIndex(textSimilarity, seed, root && { root, bands: bands.map(([base]) => base), recent });
  const pairMemory: PairMemory = { settings: last.pairing?.settings ?? '', kinds: new Map((last.pairing?.kinds ?? []).map(({ kind, ...kept }) => [kind, kept])) };
  return { header: last.header, cols, textIndex, pairMemory, chain: { segment: last.segment, segments, baseBytes, deltaBytes, counts: countsOf(cols) } };
}

/** Append one segment's posts, rows and strings to `cols` (a base into empty columns, taking its memory). */
function applySegment<H>(cols: PostColumns, s: Segment<H>, base: boolean): void {
  const firstAccount = cols.accounts.size;
  // A base's strings become the interners' memory; a delta's few are decoded and appended.
  if (base) cols.accounts.load(s.accounts, s.accountsTable!);
  else cols.accounts.append(stringsOf(s.accounts));
  const { account, has } = s.handles;
  const value = new PooledStrings();
  value.adopt(s.handles.value);
  for (let k = 0; k < value.size; k++) {
    const a = account ? account[k] : firstAccount + k;
    if (has[k]) cols.accountHandles[a] = value.value(k);
    else delete cols.accountHandles[a];
  }
  if (base) cols.postIds.adopt(s.postIds);
  else cols.postIds.appendParts(s.postIds);
  const firstPost = cols.posts;
  append(cols.author, s.author);
  append(cols.timeMs, s.timeMs);
  if (base) cols.repostAuthor.adopt(s.repostAuthor);
  else cols.repostAuthor.append(s.repostAuthor, firstPost);
  for (const t of s.tables) {
    const table = cols.tables.get(t.kind)!;
    if (base) table.objects.load(t.objects, t.objectsTable!);
    else table.objects.append(stringsOf(t.objects));
    append(table.obj, t.obj);
    append(table.post, t.post);
  }
}
