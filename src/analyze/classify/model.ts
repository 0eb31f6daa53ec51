/**
 * The statistical stage of the classifier: a linear model over hashed features (character 3–5-grams
 * and word 1–2-grams of the post with watched names masked, plus the rule stage's findings, lexicon
 * grades and constructions), with a softmax over the four directive classes and a logistic output each
 * for harassment and threat. Trained by scripts/train-classifier.ts on the project's own corpus
 * (test/fixtures/corpus); weights in model-weights.json.
 *
 * Names are masked before n-grams ("vote for Delgado" and "vote for Ramos" are one feature), so the
 * model learns constructions, not the names of one watchlist. Features are hashed (FNV-1a) into
 * DIM buckets; scoring is one pass over the text and a few thousand multiply-adds, no allocation per
 * n-gram.
 */
import committed from './model-weights.json' with { type: 'json' };

/** Hash space (power of two). */
export const DIM = 1 << 19;
export const OUTPUTS = ['dir_null', 'vote_for', 'vote_against', 'abstain', 'harassment', 'threat'] as const;
export const N_OUT = OUTPUTS.length;

/** Shortest character n-gram: 3-grams of common words ("ome", " we") carry spurious weight on a corpus this size. */
export const MIN_GRAM = 4;
export const MIN_FEATURES = 60;
/**
 * Each of a post's n text n-grams adds its weight times 1/sqrt(max(n, MIN_FEATURES)): long posts do not
 * saturate, and a two-word reply is not amplified into certainty by a handful of features.
 */
export function featureScale(n: number): number {
  return 1 / Math.sqrt(Math.max(n, MIN_FEATURES));
}
/**
 * The bias and the named features (the rule stage's findings, lexicon grades, constructions) keep the
 * scale of a short post however long the post is: scaled with the text, an explicit call the rules found
 * faded in a long post until unrelated sentences outweighed it ("Do NOT vote for X." followed by a line
 * about a bill hearing scored p=0.03 for a directive; bench/classify-speed.ts's templates).
 */
export const NAMED_SCALE = featureScale(MIN_FEATURES);

/** A place to cache a word's summed unigram and n-gram weights (features.ts keeps one per distinct word). */
export interface WordSlot {
  vec?: Float64Array;
  vecOf?: Model;
}

/** Input of the model: masked folded text and named rule features. */
export interface ModelInput {
  /** Optional per-word cache slots, parallel to `words`. */
  slots?: WordSlot[];
  /** Folded words with watched candidates as `cand`, races as `race`, registry actors as `actor`, other handles as `user`, links as `url`. */
  words: string[];
  /** Named features from the rule stage ("r:dir=vote_for", "lex:slur", "cx:intent"…). */
  features: string[];
  /** 1 for the words the text n-grams skip (features.ts `outsideFocus`: sentences far from every watched name and cue). */
  outside?: Uint8Array;
}

/** A word bigram's bucket from the two words' own hashes (murmur3's finaliser): no string is built. */
export function bigramHash(ha: number, hb: number): number {
  let h = (Math.imul(ha, 0x9e3779b1) ^ hb) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 units, with a seed per feature family. */
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Feature indexes of an input (with repeats: a feature that occurs twice counts twice, capped by the
 * caller's normalisation). `names`, when given, receives the feature's readable name (for explanations
 * and training reports; slow path only).
 */
export function featureIndexes(input: ModelInput, out: number[], names?: string[]): number {
  let n = 0;
  const mask = DIM - 1;
  const push = (h: number, name?: () => string) => {
    out[n++] = h & mask;
    if (names) names.push(name!());
  };
  // bias and named features first: the first namedCount(input) indexes take NAMED_SCALE, the rest the text's scale
  push(fnv('bias', 0), () => 'bias');
  for (const f of input.features) push(fnv(f, 3), () => f);
  const w = input.words;
  const skip = input.outside;
  for (let i = 0; i < w.length; i++) {
    if (skip?.[i]) continue;
    const a = w[i]!;
    if (names) {
      push(fnv(a, 1), () => `w:${a}`);
      if (hasCharGrams(a)) {
        const padded = ` ${a} `;
        for (let len = MIN_GRAM; len <= 5; len++) for (let s = 0; s + len <= padded.length; s++) push(fnv(padded.slice(s, s + len), 10 + len), () => `c:${padded.slice(s, s + len)}`);
      }
    } else {
      const k = wordFeatureIndexes(a, WORD_IDX);
      for (let j = 0; j < k; j++) out[n++] = WORD_IDX[j]!;
    }
    if (i + 1 < w.length && !skip?.[i + 1]) push(bigramHash(fnv(a, 2), fnv(w[i + 1]!, 2)), () => `w:${a} ${w[i + 1]}`);
  }
  return n;
}

/** How many of featureIndexes' leading indexes are the bias and named features (scaled by NAMED_SCALE). */
export function namedCount(input: ModelInput): number {
  return 1 + input.features.length;
}

/** The scale of index `i` of `n` from featureIndexes, `named` of them leading (namedCount). */
export function indexScale(i: number, named: number, n: number): number {
  return i < named ? NAMED_SCALE : featureScale(n - named);
}

/** Trained weights: row-major [DIM][N_OUT] Float32, and decision thresholds chosen on the dev split. */
export interface Model {
  weights: Float32Array;
  /**
   * Decision thresholds; `uncued` is added to a hostile label's threshold when no hostile cue is in the
   * text; `constructed` is the threat score enough when a threat construction is aimed at someone.
   */
  thresholds: { directive: number; harassment: number; threat: number; veto?: number; uncued?: number; uncuedHarassment?: number; uncuedThreat?: number; constructed?: number };
  meta: Record<string, unknown>;
}

export interface ModelScores {
  /** Softmax over [null, vote_for, vote_against, abstain]. */
  directive: [number, number, number, number];
  harassment: number;
  threat: number;
}

const IDX: number[] = new Array(4096);
const Z = new Float64Array(N_OUT);
const T = new Float64Array(N_OUT);

/** Per model, per distinct word: the summed weights of its unigram and character n-grams, and their count. */
const wordCache = new WeakMap<Model, Map<string, Float64Array>>();
/**
 * Per model, one bit per row: whether any of its weights is non-zero. Four rows in five are zero, and a
 * zero row adds nothing (z never is -0, so skipping +0 changes no sum), so scoring reads this 64 KB map
 * instead of missing the cache on the 12 MB weight table for them (bench/classify-speed.ts). Like the word
 * cache, it assumes a model's weights do not change once it scores.
 */
const nonZero = new WeakMap<Model, Uint32Array>();
function nonZeroRows(model: Model): Uint32Array {
  let bits = nonZero.get(model);
  if (!bits) {
    bits = new Uint32Array(DIM >>> 5);
    const W = model.weights;
    for (let r = 0; r < DIM; r++) for (let o = 0; o < N_OUT; o++) if (W[r * N_OUT + o] !== 0) bits[r >>> 5]! |= 1 << (r & 31);
    nonZero.set(model, bits);
  }
  return bits;
}
/** FNV-1a hashes of named features (a closed set, mostly the same strings: see features.ts), bounded. */
const featureHashes = new Map<string, number>();
function featureHash(f: string): number {
  let h = featureHashes.get(f);
  if (h === undefined) {
    if (featureHashes.size > 100_000) featureHashes.clear();
    featureHashes.set(f, (h = fnv(f, 3)));
  }
  return h;
}
const WORD_IDX: number[] = new Array(256);
const BIAS_ROW = fnv('bias', 0) & (DIM - 1);
const PLACEHOLDERS = new Set(['cand', 'user', 'url', 'race', 'actor']);
/** Character n-grams for real words of up to 30 letters (placeholders and hostile megawords get none). */
const hasCharGrams = (a: string) => a.length > 1 && a.length <= 30 && !PLACEHOLDERS.has(a);

/** Unigram and character n-gram indexes of one word (the per-word part of featureIndexes). */
function wordFeatureIndexes(a: string, out: number[]): number {
  let n = 0;
  const mask = DIM - 1;
  out[n++] = fnv(a, 1) & mask;
  if (hasCharGrams(a)) {
    const padded = ` ${a} `;
    for (let len = MIN_GRAM; len <= 5; len++) {
      for (let s = 0; s + len <= padded.length; s++) {
        let h = (0x811c9dc5 ^ (10 + len)) >>> 0;
        for (let k = s; k < s + len; k++) {
          h ^= padded.charCodeAt(k);
          h = Math.imul(h, 0x01000193);
        }
        out[n++] = (h >>> 0) & mask;
      }
    }
  }
  return n;
}

/**
 * Score an input. Equal to summing the weights of `featureIndexes(input)` (model.test.ts checks it),
 * but a word's unigram and character n-grams always add the same vector, so that vector is cached per
 * distinct word: a post costs about one map lookup per word instead of fifteen hashes (bench/classify-speed.ts).
 */
export function scoreModel(model: Model, input: ModelInput): ModelScores {
  let cache = wordCache.get(model);
  if (!cache) wordCache.set(model, (cache = new Map()));
  const W = model.weights;
  const bits = nonZeroRows(model);
  const z = Z.fill(0);
  const mask = DIM - 1;
  addRow(z, W, bits, BIAS_ROW);
  for (const f of input.features) addRow(z, W, bits, featureHash(f) & mask);
  for (let o = 0; o < N_OUT; o++) z[o]! *= NAMED_SCALE;
  const t = T.fill(0);
  let n = 0;
  const w = input.words;
  const slots = input.slots;
  const skip = input.outside;
  let prev = -1; // the previous word's bigram hash, -1 at the start and after a skipped word
  for (let i = 0; i < w.length; i++) {
    if (skip?.[i]) {
      prev = -1;
      continue;
    }
    const a = w[i]!;
    const slot = slots?.[i];
    let v = slot && slot.vecOf === model ? slot.vec : slot ? undefined : cache.get(a);
    if (!v) {
      v = new Float64Array(N_OUT + 2);
      const k = wordFeatureIndexes(a, WORD_IDX);
      for (let j = 0; j < k; j++) for (let o = 0; o < N_OUT; o++) v[o]! += W[WORD_IDX[j]! * N_OUT + o]!;
      v[N_OUT] = k;
      v[N_OUT + 1] = fnv(a, 2);
      if (slot) {
        slot.vec = v;
        slot.vecOf = model;
      } else {
        if (cache.size > 200_000) cache.clear(); // bounded: hostile input may be all distinct words
        cache.set(a, v);
      }
    }
    for (let o = 0; o < N_OUT; o++) t[o]! += v[o]!;
    n += v[N_OUT]!;
    // the word's bigram hash sits after its weights (cached with them)
    const h = v[N_OUT + 1]!;
    if (prev >= 0) {
      n++;
      addRow(t, W, bits, bigramHash(prev, h) & mask);
    }
    prev = h;
  }
  // Each text occurrence adds its weight, scaled by 1/sqrt(n) so long posts do not saturate.
  const scale = featureScale(n);
  for (let o = 0; o < N_OUT; o++) z[o]! += t[o]! * scale;
  return toScores(z);
}

/** Add row `r` of the weights to `z`, unless the row is all zeros (a module function: a closure per scored post cost an allocation and a context slot per count). */
function addRow(z: Float64Array, W: Float32Array, bits: Uint32Array, r: number): void {
  if (!(bits[r >>> 5]! & (1 << (r & 31)))) return;
  const row = r * N_OUT;
  for (let o = 0; o < N_OUT; o++) z[o]! += W[row + o]!;
}

/** The plain form of scoreModel (for its test): sum the weights of every feature index. */
export function scoreModelPlain(model: Model, input: ModelInput): ModelScores {
  const n = featureIndexes(input, IDX);
  const named = namedCount(input);
  const z = new Float64Array(N_OUT);
  for (let i = 0; i < n; i++) for (let o = 0; o < N_OUT; o++) z[o]! += model.weights[IDX[i]! * N_OUT + o]! * indexScale(i, named, n);
  return toScores(z);
}

export function toScores(z: ArrayLike<number>): ModelScores {
  const m = Math.max(z[0]!, z[1]!, z[2]!, z[3]!);
  const e = [Math.exp(z[0]! - m), Math.exp(z[1]! - m), Math.exp(z[2]! - m), Math.exp(z[3]! - m)];
  const s = e[0]! + e[1]! + e[2]! + e[3]!;
  return {
    directive: [e[0]! / s, e[1]! / s, e[2]! / s, e[3]! / s],
    harassment: 1 / (1 + Math.exp(-z[4]!)),
    threat: 1 / (1 + Math.exp(-z[5]!)),
  };
}

/** Top contributing features of one output (slow path, for explanations). */
export function topFeatures(model: Model, input: ModelInput, output: number, k = 5): { name: string; weight: number }[] {
  const idx: number[] = [];
  const names: string[] = [];
  const n = featureIndexes(input, idx, names);
  const named = namedCount(input);
  const byName = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const w = model.weights[idx[i]! * N_OUT + output]! * indexScale(i, named, n);
    byName.set(names[i]!, (byName.get(names[i]!) ?? 0) + w);
  }
  return [...byName]
    .filter(([name, w]) => w > 0 && name !== 'bias')
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, weight]) => ({ name, weight: Math.round(weight * 1000) / 1000 }));
}

/** Serialised form: sparse rows (feature index + N_OUT weights) as base64 Int32/Int16 pairs. */
export interface ModelFile {
  format: 'vigil-linear-1';
  dim: number;
  outputs: readonly string[];
  scale: number;
  rows: string;
  values: string;
  thresholds: Model['thresholds'];
  meta: Record<string, unknown>;
}

export function serializeModel(weights: Float32Array, thresholds: Model['thresholds'], meta: Record<string, unknown>, minWeight = 0.002): ModelFile {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max / 32767 || 1;
  const rows: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < DIM; r++) {
    let keep = false;
    for (let o = 0; o < N_OUT; o++) if (Math.abs(weights[r * N_OUT + o]!) >= minWeight) keep = true;
    if (!keep) continue;
    rows.push(r);
    for (let o = 0; o < N_OUT; o++) values.push(Math.round(weights[r * N_OUT + o]! / scale));
  }
  return {
    format: 'vigil-linear-1',
    dim: DIM,
    outputs: OUTPUTS,
    scale,
    rows: Buffer.from(new Int32Array(rows).buffer).toString('base64'),
    values: Buffer.from(new Int16Array(values).buffer).toString('base64'),
    thresholds,
    meta,
  };
}

export function deserializeModel(file: ModelFile): Model {
  if (file.format !== 'vigil-linear-1' || file.dim !== DIM || file.outputs.length !== N_OUT) throw new Error('classify: model-weights.json has an unknown format; rerun scripts/train-classifier.ts');
  const rb = Buffer.from(file.rows, 'base64');
  const vb = Buffer.from(file.values, 'base64');
  const rows = new Int32Array(rb.buffer, rb.byteOffset, rb.byteLength / 4);
  const values = new Int16Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength));
  const weights = new Float32Array(DIM * N_OUT);
  for (let i = 0; i < rows.length; i++) for (let o = 0; o < N_OUT; o++) weights[rows[i]! * N_OUT + o] = values[i * N_OUT + o]! * file.scale;
  return { weights, thresholds: file.thresholds, meta: file.meta };
}

let loaded: Model | null | undefined;
/** The committed model (model-weights.json, written by scripts/train-classifier.ts), deserialised once. */
export function defaultModel(): Model | null {
  if (loaded === undefined) loaded = deserializeModel(committed as unknown as ModelFile);
  return loaded;
}

/** For tests and training: use this model instead of the committed one (null: rules only). */
export function setDefaultModel(model: Model | null | undefined): void {
  loaded = model;
}
