/**
 * Aho–Corasick multi-pattern automaton over folded text (A. V. Aho and M. J. Corasick, "Efficient
 * string matching: an aid to bibliographic search", CACM 18(6), 1975).
 *
 * Built once from all patterns (names, aliases, handles, district phrases, lexicon phrases); the
 * goto function is completed into a dense DFA over a small alphabet (the characters that occur in
 * some pattern, plus one class for every other character), so scanning is one table lookup per
 * character. Identical pattern strings share one pattern id; callers attach their own payloads.
 */
/** Most character classes of the dense table (see the constructor). */
const MAX_CLASSES = 128;
/** First shared (hashed) class when the alphabet is larger than MAX_CLASSES. */
const HASHED_FROM = 64;

export class Automaton {
  /** Set when characters share classes: hits are then checked against the pattern text. */
  private readonly verify: readonly string[] | null = null;
  /** Number of character classes (0 = a character no pattern contains). */
  readonly classes: number;
  private readonly classOf: Uint16Array;
  /**
   * The completed transitions, as row offsets: step[s * classes + c] is the next node times `classes`,
   * bit-inverted (negative) when that node reports a pattern (its own or through its dictionary link).
   * One load and one sign test per character; the outputs are looked at only on a hit.
   */
  private readonly step: Int32Array;
  /** Pattern ids ending at each node: ids[outStart[s] .. outStart[s+1]). */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  /** Nearest proper suffix node that has outputs (0 when none). */
  private readonly dictLink: Int32Array;
  /** Length of each pattern, in folded characters. */
  readonly patternLength: Int32Array;
  readonly nodeCount: number;

  /** @param patterns folded pattern strings, non-empty; the index in this array is the pattern id. */
  constructor(patterns: readonly string[]) {
    // Alphabet: every character code used by some pattern gets a class. Names in large scripts
    // (CJK, …) could need thousands of classes and make the dense table explode, so past
    // MAX_CLASSES the most frequent characters keep a class of their own, the others share hashed
    // classes, and every hit is verified against its pattern.
    const freq = new Map<number, number>();
    for (const p of patterns) for (let i = 0; i < p.length; i++) freq.set(p.charCodeAt(i), (freq.get(p.charCodeAt(i)) ?? 0) + 1);
    const classOf = new Uint16Array(65536);
    let classes = 1;
    if (freq.size < MAX_CLASSES) {
      for (const c of freq.keys()) classOf[c] = classes++;
    } else {
      const own = [...freq].sort((a, b) => b[1] - a[1]).slice(0, HASHED_FROM - 1);
      for (const [c] of own) classOf[c] = classes++;
      for (const c of freq.keys()) if (classOf[c] === 0) classOf[c] = HASHED_FROM + (c % (MAX_CLASSES - HASHED_FROM));
      classes = MAX_CLASSES;
      this.verify = patterns;
    }
    this.classOf = classOf;
    this.classes = classes;

    // Trie with growable dense rows.
    let cap = 1024;
    let delta = new Int32Array(cap * classes).fill(-1);
    let nodes = 1;
    const ends: number[][] = [[]];
    this.patternLength = new Int32Array(patterns.length);
    patterns.forEach((p, id) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const k = s * classes + classOf[p.charCodeAt(i)]!;
        let t = delta[k]!;
        if (t < 0) {
          if (nodes === cap) {
            cap *= 2;
            const grown = new Int32Array(cap * classes).fill(-1);
            grown.set(delta);
            delta = grown;
          }
          t = nodes++;
          ends.push([]);
          delta[k] = t;
        }
        s = t;
      }
      ends[s]!.push(id);
      this.patternLength[id] = p.length;
    });
    this.nodeCount = nodes;

    // Breadth-first: failure links, completed transitions, dictionary links.
    const fail = new Int32Array(nodes);
    const dictLink = new Int32Array(nodes);
    const queue = new Int32Array(nodes);
    let head = 0;
    let tail = 0;
    for (let a = 0; a < classes; a++) {
      const t = delta[a]!;
      if (t < 0) delta[a] = 0;
      else {
        fail[t] = 0;
        queue[tail++] = t;
      }
    }
    while (head < tail) {
      const s = queue[head++]!;
      const f = fail[s]!;
      dictLink[s] = ends[f]!.length ? f : dictLink[f]!;
      for (let a = 0; a < classes; a++) {
        const k = s * classes + a;
        const t = delta[k]!;
        if (t < 0) delta[k] = delta[f * classes + a]!;
        else {
          fail[t] = delta[f * classes + a]!;
          queue[tail++] = t;
        }
      }
    }
    this.dictLink = dictLink;

    const outStart = new Int32Array(nodes + 1);
    for (let s = 0; s < nodes; s++) outStart[s + 1] = outStart[s]! + ends[s]!.length;
    const outIds = new Int32Array(outStart[nodes]!);
    for (let s = 0; s < nodes; s++) outIds.set(ends[s]!, outStart[s]!);
    this.outStart = outStart;
    this.outIds = outIds;
    const step = new Int32Array(nodes * classes);
    for (let k = 0; k < step.length; k++) {
      const t = delta[k]!;
      step[k] = outStart[t + 1]! > outStart[t]! || dictLink[t] !== 0 ? ~(t * classes) : t * classes;
    }
    this.step = step;
  }

  /**
   * Scan codes[0..n) and write every occurrence as (pattern id, end) pairs into `out`
   * (out[2i] = id, out[2i+1] = end index, exclusive). Stops adding at out's capacity.
   * @returns the number of occurrences written.
   */
  scan(codes: Uint16Array, n: number, out: Int32Array): number {
    const { classOf, step, classes, outStart, outIds, dictLink } = this;
    const max = out.length >> 1;
    let count = 0;
    let row = 0; // current node times `classes`
    for (let i = 0; i < n; i++) {
      const v = step[row + classOf[codes[i]!]!]!;
      if (v >= 0) {
        row = v;
        continue;
      }
      row = ~v;
      const s = row / classes;
      let t = outStart[s + 1]! > outStart[s]! ? s : dictLink[s]!;
      while (t !== 0) {
        for (let j = outStart[t]!, e = outStart[t + 1]!; j < e; j++) {
          if (count === max) return count;
          if (this.verify && !same(this.verify[outIds[j]!]!, codes, i + 1)) continue;
          out[2 * count] = outIds[j]!;
          out[2 * count + 1] = i + 1;
          count++;
        }
        t = dictLink[t]!;
      }
    }
    return count;
  }
}

/** Whether `pattern` ends at `end` in `codes`. */
function same(pattern: string, codes: Uint16Array, end: number): boolean {
  const start = end - pattern.length;
  if (start < 0) return false;
  for (let k = 0; k < pattern.length; k++) if (codes[start + k] !== pattern.charCodeAt(k)) return false;
  return true;
}
