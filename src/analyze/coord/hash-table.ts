/**
 * Open-addressing hash table from an integer pair `(a, b)` to a count. Pairs are counted in place
 * while walking the time windows, so the k² pairs of a popular object are never materialised.
 */
export class PairCounter {
  private ka: Int32Array;
  private kb: Int32Array;
  private val: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.ka = new Int32Array(cap).fill(-1);
    this.kb = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    let i = h & this.mask;
    for (;;) {
      const k = this.ka[i];
      if (k === -1 || (k === a && this.kb[i] === b)) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Add `n` to the count of `(a, b)`; both must be ≥ 0. Returns the new count. */
  add(a: number, b: number, n = 1): number {
    let i = this.slot(a, b);
    if (this.ka[i] === -1) {
      if ((this.size + 1) * 2 > this.ka.length) {
        this.grow();
        i = this.slot(a, b);
      }
      this.ka[i] = a;
      this.kb[i] = b;
      this.size++;
    }
    return (this.val[i] += n);
  }

  /** Count of `(a, b)`, 0 when absent. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.ka[i] === -1 ? 0 : this.val[i];
  }

  /** Whether `(a, b)` has been added. */
  has(a: number, b: number): boolean {
    return this.ka[this.slot(a, b)] !== -1;
  }

  /** All entries as parallel arrays. */
  entries(): { a: Int32Array; b: Int32Array; count: Int32Array } {
    const a = new Int32Array(this.size);
    const b = new Int32Array(this.size);
    const count = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.ka.length; i++) {
      if (this.ka[i] === -1) continue;
      a[n] = this.ka[i];
      b[n] = this.kb[i];
      count[n++] = this.val[i];
    }
    return { a, b, count };
  }

  private grow(): void {
    const { ka, kb, val } = this;
    const cap = ka.length * 2;
    this.ka = new Int32Array(cap).fill(-1);
    this.kb = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] === -1) continue;
      const j = this.slot(ka[i], kb[i]);
      this.ka[j] = ka[i];
      this.kb[j] = kb[i];
      this.val[j] = val[i];
    }
  }
}
