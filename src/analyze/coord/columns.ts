import type { SourceRef } from '../../model/types.js';

/**
 * Columnar storage for the coordination engine: dense integer ids for strings, growable typed
 * arrays, and one table of co-action rows per kind. Hot data never lives in one object per post.
 */

/** A code unit above Latin-1: such a string is kept as UTF-16LE. */
const WIDE = /[^\u0000-\u00ff]/;

/** A `PooledStrings`' memory: the code units, and per string its end byte × 2 + 1 when stored as UTF-16. */
export interface PoolParts {
  bytes: Uint8Array;
  ends: Float64Array;
}

/**
 * Many strings as the bytes of their code units in one buffer: Latin-1 (one byte each) when every
 * code unit is below 256, else UTF-16LE (so lone surrogates in hostile text stay exact), decoded only
 * when asked for. Millions of texts and ids are then a few buffers, not a JS string each for the
 * garbage collector to mark on every major GC, and a snapshot saves and loads them as two arrays.
 */
export class PooledStrings {
  private bytes = new Uint8Array(1 << 16);
  private buffer = Buffer.from(this.bytes.buffer);
  private used = 0;
  private readonly ends = new FloatColumn();

  get size(): number {
    return this.ends.length;
  }

  push(s: string): number {
    // Native scans and copies: a loop over code units in JS cost several times more at millions of texts.
    const wide = WIDE.test(s);
    this.reserve(wide ? 2 * s.length : s.length);
    this.used += this.buffer.write(s, this.used, wide ? 'utf16le' : 'latin1');
    this.ends.push(2 * this.used + (wide ? 1 : 0));
    return this.ends.length - 1;
  }

  value(i: number): string {
    const start = i ? Math.floor(this.ends.data[i - 1] / 2) : 0;
    const e = this.ends.data[i];
    return this.buffer.toString(e % 2 ? 'utf16le' : 'latin1', start, Math.floor(e / 2));
  }

  /** Whether string `i` is `s`: lengths compared first, then the decoded string (a short-lived copy, cheaper than a loop over code units). */
  equals(i: number, s: string): boolean {
    const start = i ? Math.floor(this.ends.data[i - 1] / 2) : 0;
    const e = this.ends.data[i];
    const bytes = Math.floor(e / 2) - start;
    if (bytes !== (e % 2 ? 2 * s.length : s.length)) return false;
    return this.value(i) === s;
  }

  /** The memory of strings `[from, size)` (views, valid until the next push), with ends as if they began the pool. */
  parts(from = 0): PoolParts {
    const first = from ? Math.floor(this.ends.data[from - 1] / 2) : 0;
    const ends = this.ends.view().subarray(from);
    return { bytes: this.bytes.subarray(first, this.used), ends: first ? ends.map((e) => e - 2 * first) : ends };
  }

  /** Take `parts()` as this empty pool's memory, without copying. */
  adopt(p: PoolParts): void {
    if (this.size) throw new Error('PooledStrings.adopt: not empty');
    if (!p.ends.length) return;
    const bytes = roomOf(p.bytes);
    this.bytes = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    this.buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
    this.used = p.bytes.length;
    this.ends.data = roomOf(p.ends);
    this.ends.length = p.ends.length;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const next = new Uint8Array(grownCapacity(this.bytes.length, this.used + n));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
    this.buffer = Buffer.from(next.buffer);
  }
}

/**
 * Dense ids for strings, in first-seen order. An open-addressing table over a hash computed from
 * the string's code units: on 10M-row archives this is several times cheaper than a
 * `Map<string, number>` fed with freshly decoded strings, and it allocates nothing per lookup. The
 * strings are kept as bytes (`PooledStrings`): interning one copies its code units, reading one
 * decodes it.
 */
export class Interner {
  private readonly pool = new PooledStrings();
  private slotId = new Int32Array(1 << 10).fill(-1);
  private slotHash = new Int32Array(1 << 10);
  private mask = (1 << 10) - 1;

  /** String `id`. */
  value(id: number): string {
    return this.pool.value(id);
  }

  /** Every string by id, decoded into a fresh array (tests, small lists: hot paths use `value`). */
  get values(): string[] {
    return Array.from({ length: this.size }, (_, id) => this.pool.value(id));
  }

  /** The strings' memory from id `from` on (snapshot.ts). */
  parts(from = 0): PoolParts {
    return this.pool.parts(from);
  }

  private static hash(s: string): number {
    let h = 0x811c9dc5 ^ s.length;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  }

  /** Slot holding `s`, or the empty slot where it would go. */
  private slot(s: string, h: number): number {
    let i = h & this.mask;
    for (;;) {
      const id = this.slotId[i];
      if (id === -1 || (this.slotHash[i] === h && this.pool.equals(id, s))) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Id of `s`, assigning the next id when it is new. */
  id(s: string): number {
    const h = Interner.hash(s);
    const i = this.slot(s, h);
    const found = this.slotId[i];
    if (found !== -1) return found;
    const id = this.pool.push(s);
    this.slotId[i] = id;
    this.slotHash[i] = h;
    if (this.size * 2 > this.slotId.length) this.grow();
    return id;
  }

  /** Id of `s` or -1, without assigning. */
  find(s: string): number {
    return this.slotId[this.slot(s, Interner.hash(s))];
  }

  get size(): number {
    return this.pool.size;
  }

  /** The hash table, to save beside `values` (snapshot.ts): loading it back hashes no string. */
  table(): { slotId: Int32Array<ArrayBuffer>; slotHash: Int32Array<ArrayBuffer> } {
    return { slotId: this.slotId, slotHash: this.slotHash };
  }

  /** Fill an empty interner with saved `parts()` and the `table()` saved with them. */
  load(parts: PoolParts, table: { slotId: Int32Array<ArrayBuffer>; slotHash: Int32Array<ArrayBuffer> }): void {
    if (this.size) throw new Error('Interner.load: not empty');
    this.pool.adopt(parts);
    this.slotId = table.slotId;
    this.slotHash = table.slotHash;
    this.mask = table.slotId.length - 1;
  }

  /**
   * Append strings known to be distinct and new (a snapshot's later parts), each placed as `id` would
   * place it: the table ends as the one the run that interned them built.
   */
  append(values: readonly string[]): void {
    for (const s of values) {
      const h = Interner.hash(s);
      let i = h & this.mask;
      while (this.slotId[i] !== -1) i = (i + 1) & this.mask;
      this.slotId[i] = this.pool.push(s);
      this.slotHash[i] = h;
      if (this.size * 2 > this.slotId.length) this.grow();
    }
  }

  private grow(): void {
    const { slotId, slotHash } = this;
    const cap = slotId.length * 2;
    this.slotId = new Int32Array(cap).fill(-1);
    this.slotHash = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < slotId.length; i++) {
      if (slotId[i] === -1) continue;
      let j = slotHash[i] & this.mask;
      while (this.slotId[j] !== -1) j = (j + 1) & this.mask;
      this.slotId[j] = slotId[i];
      this.slotHash[j] = slotHash[i];
    }
  }
}

/**
 * Arrays whose buffer past their end is free for them to grow into: snapshot.ts reads each part with
 * room after it (`withRoom`), so a column that takes one as its memory appends a run's new posts in
 * place instead of copying itself whole on the first push (at 10M posts, gigabytes per incremental run).
 */
const ROOMY = new WeakSet<ArrayBufferView>();

type Grown = Int32Array | Float64Array | Uint8Array;

/** A zeroed array of `n` elements in a buffer with room for about a sixteenth more, for `roomOf`. */
export function withRoom(make: typeof Int32Array | typeof Float64Array | typeof Uint8Array, n: number): Grown {
  const out = new make(new ArrayBuffer((n + Math.max(1024, n >> 4)) * make.BYTES_PER_ELEMENT), 0, n);
  ROOMY.add(out);
  return out;
}

/** `a` over all of its buffer when it was made by `withRoom`, else `a` itself: the memory a column may fill. */
export function roomOf<T extends Grown>(a: T): T {
  if (!ROOMY.has(a) || a.byteOffset !== 0) return a;
  return new (a.constructor as new (buffer: ArrayBufferLike) => T)(a.buffer);
}

/**
 * The next capacity of a growing column that must hold `needed`: doubling while small, then a
 * quarter more each time, so that a column of millions (or one loaded from a snapshot at its exact
 * size, then appended to) leaves at most a quarter unused.
 */
export function grownCapacity(capacity: number, needed: number): number {
  let cap = Math.max(capacity, 1024);
  while (cap < needed) cap = cap < 1 << 20 ? cap * 2 : Math.ceil(cap * 1.25);
  return cap;
}

/** A growable Int32Array. */
export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  private grow(): void {
    const next = new Int32Array(grownCapacity(this.data.length, this.length + 1));
    next.set(this.data);
    this.data = next;
  }
  /** The filled part (a view, not a copy). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * An account id for some posts (the author of the post a repost reposts), as one Int32 per post
 * (-1 for none) rather than a Map entry per repost: a third of a large archive's posts are reposts.
 */
export class PostAccounts {
  private column = new IntColumn();
  private count = 0;

  get(post: number): number | undefined {
    const v = post < this.column.length ? this.column.data[post] : -1;
    return v < 0 ? undefined : v;
  }

  set(post: number, account: number): void {
    while (this.column.length <= post) this.column.push(-1);
    if (this.column.data[post] < 0) this.count++;
    this.column.data[post] = account;
  }

  get size(): number {
    return this.count;
  }

  /** (post, account) in post order. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    const d = this.column.data;
    for (let p = 0; p < this.column.length; p++) if (d[p] >= 0) yield [p, d[p]];
  }

  /** The account per post, -1 for none (a view). */
  view(): Int32Array {
    return this.column.view();
  }

  /** Set the posts `at + i` whose entry in `data` is an account (≥ 0). */
  append(data: Int32Array, at: number): void {
    for (let i = 0; i < data.length; i++) if (data[i] >= 0) this.set(at + i, data[i]);
  }

  /** Take a `view()` saved earlier as this empty column's content. */
  adopt(data: Int32Array): void {
    if (this.column.length) throw new Error('PostAccounts.adopt: not empty');
    if (!data.length) return;
    this.column.data = roomOf(data);
    this.column.length = data.length;
    for (let p = 0; p < data.length; p++) if (data[p] >= 0) this.count++;
  }
}

/** A growable Float64Array. */
export class FloatColumn {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(grownCapacity(this.data.length, this.length + 1));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Many short strings (post ids) kept as UTF-8 bytes in one buffer: 10M ids cost ~20 bytes each
 * instead of a JS string apiece. Ids stay exact; they are decoded only when written out.
 */
export class StringPool {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private readonly ends = new FloatColumn();
  private static readonly encoder = new TextEncoder();
  private static readonly decoder = new TextDecoder();

  get size(): number {
    return this.ends.length;
  }

  push(s: string): number {
    this.reserve(s.length * 3);
    // Ids are nearly always ASCII: copy code units directly, else encode.
    let ascii = true;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) {
        ascii = false;
        break;
      }
      this.bytes[this.used + i] = c;
    }
    this.used += ascii ? s.length : StringPool.encoder.encodeInto(s, this.bytes.subarray(this.used)).written;
    this.ends.push(this.used);
    return this.ends.length - 1;
  }

  /** Append raw bytes `src[start, end)` (already UTF-8). */
  pushBytes(src: Uint8Array, start: number, end: number): number {
    this.reserve(end - start);
    this.bytes.set(src.subarray(start, end), this.used);
    this.used += end - start;
    this.ends.push(this.used);
    return this.ends.length - 1;
  }

  /** The raw parts (for sending to another thread). */
  parts(): { bytes: Uint8Array; ends: Float64Array } {
    return { bytes: this.bytes.slice(0, this.used), ends: this.ends.view().slice() };
  }

  /** The raw parts as views of the pool's memory (valid until the next push). */
  views(): { bytes: Uint8Array; ends: Float64Array } {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.view() };
  }

  /** Take `parts()` of another pool as this empty pool's memory, without copying. */
  adopt(p: { bytes: Uint8Array; ends: Float64Array }): void {
    if (this.size) throw new Error('StringPool.adopt: not empty');
    if (!p.ends.length) return;
    const bytes = roomOf(p.bytes);
    this.bytes = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
    this.used = p.bytes.length;
    this.ends.data = roomOf(p.ends);
    this.ends.length = p.ends.length;
  }

  /** Append every string of another pool's `parts()`. */
  appendParts(p: { bytes: Uint8Array; ends: Float64Array }): void {
    this.reserve(p.bytes.length);
    this.bytes.set(p.bytes, this.used);
    for (let i = 0; i < p.ends.length; i++) this.ends.push(this.used + p.ends[i]);
    this.used += p.bytes.length;
  }

  get(i: number): string {
    const start = i === 0 ? 0 : this.ends.data[i - 1];
    return StringPool.decoder.decode(this.bytes.subarray(start, this.ends.data[i]));
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const next = new Uint8Array(grownCapacity(this.bytes.length, this.used + n));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }
}

/** Kinds of co-action. `text` covers exact and near-duplicate text. */
export type CoKind = 'repost' | 'link' | 'hashtag' | 'reply' | 'mention' | 'text';
export const CO_KINDS: readonly CoKind[] = ['repost', 'link', 'hashtag', 'reply', 'mention', 'text'];

/** Rows `(object, post)` of one co-action kind; account and time come from the post. */
export class CoTable {
  readonly objects = new Interner();
  readonly obj = new IntColumn();
  readonly post = new IntColumn();
  constructor(readonly kind: CoKind) {}

  add(object: string, post: number): void {
    this.obj.push(this.objects.id(object));
    this.post.push(post);
  }

  /** Add a row for an object id already interned in `objects`. */
  addId(objectId: number, post: number): void {
    this.obj.push(objectId);
    this.post.push(post);
  }

  get rows(): number {
    return this.obj.length;
  }
}

/**
 * Everything the engine needs about a set of posts: per post its author (dense account id), time
 * (epoch milliseconds) and native id; per co-action kind a table of rows.
 */
export class PostColumns {
  readonly accounts = new Interner();
  readonly postIds = new StringPool();
  readonly author = new IntColumn();
  /** Epoch milliseconds (integers), so sorting and window tests are exact. */
  readonly timeMs = new FloatColumn();
  /** Original text per post, kept only when targets are matched against a watchlist. */
  readonly rawText: string[] = [];
  /** Where each post came from and its hash, when posts arrive as `Post` objects (store path). */
  readonly evidence: { source: SourceRef[]; sha256: string[] } = { source: [], sha256: [] };
  /** Handle per account id when the source gives one. */
  readonly accountHandles: string[] = [];
  /** Author (account id) of the reposted post, per repost post index, when the source tells. */
  readonly repostAuthor = new PostAccounts();
  readonly tables = new Map<CoKind, CoTable>();

  constructor(kinds: readonly CoKind[]) {
    for (const k of kinds) this.tables.set(k, new CoTable(k));
  }

  /** Add a post; returns its dense index. */
  addPost(postId: string, account: string, timeMs: number): number {
    this.postIds.push(postId);
    this.author.push(this.accounts.id(account));
    this.timeMs.push(Math.round(timeMs));
    return this.author.length - 1;
  }

  get posts(): number {
    return this.author.length;
  }
}

/**
 * Many strings as one string and their lengths: posting one long string between threads is a
 * copy, posting millions of short ones is millions of allocations.
 */
export interface PackedStrings {
  text: string;
  lengths: Int32Array;
}

export function packStrings(values: readonly string[]): PackedStrings {
  return { text: values.join(''), lengths: Int32Array.from(values, (v) => v.length) };
}

export function unpackStrings(p: PackedStrings): string[] {
  const out: string[] = new Array(p.lengths.length);
  let at = 0;
  for (let i = 0; i < p.lengths.length; i++) {
    out[i] = p.text.slice(at, at + p.lengths[i]);
    at += p.lengths[i];
  }
  return out;
}

/** Everything in a `PostColumns`, as plain data a worker can post back. */
export interface ColumnsParts {
  accounts: PoolParts;
  postIds: { bytes: Uint8Array; ends: Float64Array };
  author: Int32Array;
  timeMs: Float64Array;
  tables: { kind: CoKind; objects: PoolParts; obj: Int32Array; post: Int32Array }[];
  accountHandles: [number, string][];
  repostAuthor: [number, number][];
  rawText: [number, string][];
}

function sparse(a: string[]): [number, string][] {
  const out: [number, string][] = [];
  a.forEach((v, i) => out.push([i, v]));
  return out;
}

/** Pool memory copied out (transferable, and safe from later pushes). */
function copyParts(p: PoolParts): PoolParts {
  return { bytes: p.bytes.slice(), ends: p.ends.slice() };
}

/** The ids in `into` of the strings of another interner's `parts()`, interning those it lacks. */
function idsOf(p: PoolParts, into: Interner): Int32Array {
  const pool = new PooledStrings();
  pool.adopt(p);
  return Int32Array.from({ length: pool.size }, (_, i) => into.id(pool.value(i)));
}

/** Export columns for `postMessage` (typed arrays are copied once, then transferable). */
export function columnsParts(c: PostColumns): ColumnsParts {
  return {
    accounts: copyParts(c.accounts.parts()),
    postIds: c.postIds.parts(),
    author: c.author.view().slice(),
    timeMs: c.timeMs.view().slice(),
    tables: [...c.tables.values()].map((t) => ({ kind: t.kind, objects: copyParts(t.objects.parts()), obj: t.obj.view().slice(), post: t.post.view().slice() })),
    accountHandles: sparse(c.accountHandles),
    repostAuthor: [...c.repostAuthor],
    rawText: sparse(c.rawText),
  };
}

/** Append another part's posts and rows to `c`, re-interning its account and object ids. */
export function appendColumns(c: PostColumns, p: ColumnsParts): void {
  const offset = c.posts;
  const acc = idsOf(p.accounts, c.accounts);
  c.postIds.appendParts(p.postIds);
  for (let i = 0; i < p.author.length; i++) {
    c.author.push(acc[p.author[i]]);
    c.timeMs.push(p.timeMs[i]);
  }
  for (const t of p.tables) {
    const table = c.tables.get(t.kind);
    if (!table) continue;
    const map = idsOf(t.objects, table.objects);
    for (let r = 0; r < t.obj.length; r++) table.addId(map[t.obj[r]], t.post[r] + offset);
  }
  for (const [a, h] of p.accountHandles) c.accountHandles[acc[a]] ??= h;
  for (const [post, a] of p.repostAuthor) c.repostAuthor.set(post + offset, acc[a]);
  for (const [post, t] of p.rawText) c.rawText[post + offset] = t;
}
