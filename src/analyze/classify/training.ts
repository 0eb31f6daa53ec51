/**
 * What scripts/train-classifier.ts trains on and chooses thresholds on, as data: the examples (feature
 * indexes and labels) it builds from the corpus, and digests of them that it records in
 * model-weights.json. The model's inputs are the rule stage's output (normaliser, matcher, lexicon,
 * constructions, rule findings), so any change there changes what a retrain would learn from: the
 * digests let a unit test (training.test.ts) tell, in seconds, whether the committed weights are still
 * the ones the script would write, without retraining.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWatchlist, type CompiledWatchlist } from '../match/compile.js';
import { foldHandle } from '../../util/normalize.js';
import { seededRandom } from '../../util/random.js';
import { loadWatchlist } from '../../watch/load.js';
import { stagePost, type ClassifiablePost } from './classify.js';
import { loadCorpus, type CorpusSet } from './corpus.js';
import { loadEvalSet, type LabeledPost } from './evaluate.js';
import { featureIndexes, namedCount } from './model.js';

/** One training example: the post's feature indexes (with repeats) and its labels. */
export interface Example {
  id: string;
  idx: Int32Array;
  /** How many leading indexes are the bias and named features (model.ts namedCount). */
  named: number;
  /** Directive class: index into CLASSES. */
  y: number;
  h: number;
  t: number;
}

export const CLASSES = [null, 'vote_for', 'vote_against', 'abstain'] as const;

/** The older team-written sets trained on beside the corpus (test/fixtures/eval, train only). */
const EVAL_DIR = fileURLToPath(new URL('../../../test/fixtures/eval/', import.meta.url));
const OLDER_SETS = ['dev', 'dev-2', 'heldout', 'heldout-b', 'heldout-c', 'heldout-d'];

const asClassifiable = (p: LabeledPost): ClassifiablePost => ({ id: p.id, platform: p.platform ?? 'x', authorHandle: p.author, text: p.text, hashtags: [], mentions: p.mentions ?? [], repostOf: p.repostOf });

/** Whether the rule stage finds anything watched in the post (classifyPostDetail's gate: else no label can hold). */
function namesWatched(rs: ReturnType<typeof stagePost>['rs']): boolean {
  return rs.cands.length > 0 || rs.mentioned.length > 0 || rs.authorCandidates.length > 0 || rs.detail.classification.race_ids.length > 0;
}

/** Examples of the posts the model scores: not plain reposts, and naming something watched (classifyPostDetail's gate). */
export function examples(posts: LabeledPost[], cw: CompiledWatchlist): Example[] {
  const out: Example[] = [];
  const buf: number[] = [];
  for (const p of posts) {
    const { rs, pf } = stagePost(asClassifiable(p), cw);
    if (rs.detail.repost) continue;
    if (!namesWatched(rs)) continue;
    const n = featureIndexes(pf.input, buf);
    out.push({ id: p.id, idx: Int32Array.from(buf.slice(0, n)), named: namedCount(pf.input), y: CLASSES.indexOf(p.directive ?? null), h: p.harassment || p.threat ? 1 : 0, t: p.threat ? 1 : 0 });
  }
  return out;
}

/**
 * Election words in the three languages. An off-topic post that has one ("No voten, ninguno sirve", a
 * consulate's polling-place notice) could change what the post it is joined to asks ("X is up six points"
 * + "don't vote" reads as abstention in X's race), so such posts are not joined.
 */
const ELECTION_WORDS = /\b(vot|elei|elec|ballot|boleta|urna|polls?\b|candidat|campa|endors|primar)/i;

/**
 * Off-topic posts: labelled negative on every label, naming nothing watched in their own writer's
 * watchlist and no election word (chatter, small talk, sport, other news). `joinedPosts` joins them to
 * training posts.
 */
export function offTopicPosts(sets: readonly CorpusSet[]): { writer: string; text: string }[] {
  const out: { writer: string; text: string }[] = [];
  for (const s of sets) {
    for (const p of s.posts) {
      if (p.directive || p.harassment || p.threat || p.repostOf || ELECTION_WORDS.test(p.text.normalize('NFD').replace(/\p{M}/gu, ''))) continue;
      if (!namesWatched(stagePost(asClassifiable(p), s.cw).rs)) out.push({ writer: s.writer, text: p.text });
    }
  }
  return out;
}

/** The share of training posts that are also trained on joined to off-topic text (joinedPosts). */
export const JOINED_SHARE = 0.5;

/**
 * Training posts joined to one or two off-topic posts of other writers, labels unchanged (labels.md: a
 * call stays a call, and abuse stays abuse, beside unrelated sentences). Without them the model learnt
 * that the words of off-topic chatter (football, the weather, a committee hearing) mean "no call", since
 * in short posts they only ever appear in null ones: "Do NOT vote for X. Great game today, the stadium was
 * packed." was vetoed (docs/classifier.md, round 13). Joined on both sides alike, whatever the label, so
 * where the chatter sits says nothing either.
 * An off-topic post that names something in this writer's watchlist is not used. Seeded: the same posts
 * give the same joins.
 */
export function joinedPosts(posts: readonly LabeledPost[], cw: CompiledWatchlist, offTopic: readonly { writer: string; text: string }[], writer: string, seed: number): LabeledPost[] {
  const rand = seededRandom(seed);
  const pool = offTopic.filter((o) => o.writer !== writer);
  const out: LabeledPost[] = [];
  if (!pool.length) return out;
  for (const p of posts) {
    if (rand() >= JOINED_SHARE || p.repostOf) continue;
    const parts: string[] = [];
    for (let k = rand() < 0.7 ? 1 : 2; k > 0; k--) {
      const o = pool[Math.floor(rand() * pool.length)]!;
      if (!namesWatched(stagePost({ id: 'off-topic', platform: p.platform ?? 'x', authorHandle: 'someone_else', text: o.text, hashtags: [], mentions: [] }, cw).rs)) parts.push(o.text);
    }
    if (!parts.length) continue;
    const sep = rand() < 0.5 ? ' ' : '\n\n';
    // A reply keeps its leading @addressee, and an off-topic reply is never put first (it would readdress the post).
    const before = rand() < 0.5 && !/^\s*[@.]/.test(p.text) && !parts.some((x) => /^\s*@/.test(x));
    const text = before ? `${parts.join(sep)}${sep}${p.text}` : `${p.text}${sep}${parts.join(sep)}`;
    out.push({ ...p, id: `${p.id}+joined`, text });
  }
  return out;
}

export interface TrainingData {
  trainSets: CorpusSet[];
  devSets: CorpusSet[];
  /** Training examples in the script's order: train writers (by name), then the older sets. */
  train: Example[];
  /** Examples from the older team sets (part of `train`). */
  older: number;
}

/**
 * The training data: the corpus's train writers and the older team sets, less the older posts whose
 * convention differs from labels.md (a candidate's own appeal was null there). Blind writers are not read.
 */
export async function trainingData(): Promise<TrainingData> {
  const corpus = await loadCorpus(undefined, ['train', 'dev']);
  const trainSets = corpus.filter((s) => s.split === 'train');
  const devSets = corpus.filter((s) => s.split === 'dev');
  const train: Example[] = [];
  const offTopic = offTopicPosts(trainSets);
  trainSets.forEach((s, i) => {
    train.push(...examples(s.posts, s.cw));
    train.push(...examples(joinedPosts(s.posts, s.cw, offTopic, s.writer, 1000 + i), s.cw));
  });
  const evalCw = compileWatchlist(await loadWatchlist(`${EVAL_DIR}watchlist.yaml`));
  const candidateHandles = new Set(evalCw.candidates.flatMap((c) => Object.values(c.handles).flat().map(foldHandle)));
  let older = 0;
  for (const set of OLDER_SETS) {
    const posts = loadEvalSet(`${EVAL_DIR}${set}.jsonl`).filter((p) => !candidateHandles.has(foldHandle(p.author)));
    const ex = examples(posts, evalCw);
    older += ex.length;
    train.push(...ex);
  }
  return { trainSets, devSets, train, older };
}

/** The optimiser's settings (the script's defaults; each is a command-line option). */
export interface TrainSettings {
  epochs: number;
  l2: number;
  lr: number;
  seed: number;
}

/** sha256 of examples and settings: equal digests, equal weights (training is deterministic). */
export function examplesDigest(data: readonly Example[], settings?: TrainSettings): string {
  const h = createHash('sha256');
  if (settings) h.update(JSON.stringify(settings));
  for (const ex of data) {
    h.update(`${ex.id}\u0000${ex.y}${ex.h}${ex.t}${ex.idx.length}/${ex.named}\u0000`);
    h.update(new Uint8Array(ex.idx.buffer, ex.idx.byteOffset, ex.idx.byteLength));
  }
  return h.digest('hex');
}

/**
 * sha256 of the files outside the repository that thresholds are chosen on (../shared/data/abuse-dev and
 * the project's labels.md relabels of it), or null when abuse-dev is absent. Contents only, no text kept.
 */
export function abuseDevDigest(abuseDir: string, relabelsDir: string): string | null {
  if (!existsSync(`${abuseDir}inputs.jsonl`)) return null;
  const h = createHash('sha256');
  for (const f of ['inputs.jsonl', 'posts.jsonl', 'watch.json']) h.update(readFileSync(`${abuseDir}${f}`));
  if (existsSync(relabelsDir)) for (const f of readdirSync(relabelsDir).filter((x) => x.endsWith('.jsonl')).sort()) h.update(readFileSync(`${relabelsDir}${f}`));
  return h.digest('hex');
}

export const ABUSE_DEV_DIR = fileURLToPath(new URL('../../../../shared/data/abuse-dev/', import.meta.url));
export const RELABELS_DIR = fileURLToPath(new URL('../../../bench/abuse-dev-labels/', import.meta.url));
