/**
 * From the rule stage to the model's input: the post's folded words with watched names masked
 * (`cand`, `race`, `actor`; other handles `user`; links dropped), the lexicon grades and
 * constructions found in them, and the rule stage's own findings as named features. Also keeps,
 * per masked candidate, the word where it stands, so that harassment and threats can be aimed at
 * the candidate nearest to the abuse.
 */
import type { LexCategory } from '../match/compile.js';
import type { RuleStage } from './classify.js';
import { constructionFlags, threatConstructions, type ConstructionHit } from './constructions.js';
import { ABUSE_GRADES, HEARTS, LEXICON, lexiconHits, lexiconStarts, SECOND_PERSON, THIRD_PERSON, unaimedUse, type LexiconHit, type PostContext } from './lexicon.js';
import type { ModelInput, WordSlot } from './model.js';

/** What the stages need to know about one distinct word, looked up once (words repeat across posts). */
interface WordInfo extends WordSlot {
  flags: number;
  lexicon: number;
  second: boolean;
  third: boolean;
  /** The word's context feature names beside a watched name, built on first use: [L1, R1, L, R]. */
  context?: [string, string, string, string];
}
const wordInfo = new Map<string, WordInfo>();
let startsBuf = new Uint8Array(512);
let flagsBuf = new Uint32Array(512);
function infoOf(w: string): WordInfo {
  let info = wordInfo.get(w);
  if (!info) {
    if (wordInfo.size > 200_000) wordInfo.clear(); // bounded: hostile input may be all distinct words
    // every field present from the start: one object shape for all words (the model fills vec/vecOf)
    info = { flags: constructionFlags(w), lexicon: lexiconStarts(w) ? 1 : 0, second: SECOND_PERSON.has(w), third: THIRD_PERSON.has(w), context: undefined, vec: undefined, vecOf: undefined };
    wordInfo.set(w, info);
  }
  return info;
}

/**
 * Feature names of a closed set ("cat:voteFor", "lex:slur", "cx:intent"), built once: the same string
 * objects post after post, so neither the feature set nor the model's hash cache hashes a fresh string
 * (building them per post cost 2% of classification, bench/classify-speed.ts).
 */
const featureNames = new Map<string, Map<string, string>>();
function featureName(prefix: string, x: string): string {
  let byValue = featureNames.get(prefix);
  if (!byValue) featureNames.set(prefix, (byValue = new Map()));
  let name = byValue.get(x);
  if (name === undefined) byValue.set(x, (name = `${prefix}${x}`));
  return name;
}

export interface PostFeatures {
  input: ModelInput;
  /** `sentenceWindows` around the watched names: the words each leaves out, for scoring the window alone. */
  windows?: Uint8Array[];
  /** Likewise around the abuse and threat cues of a long post, for the hostile labels only. */
  cueWindows?: Uint8Array[];
  lexicon: LexiconHit[];
  constructions: ConstructionHit[];
  /** Word index → candidate index, for masked candidate words. */
  candidateAt: Map<number, number>;
  /** Word indexes of second-person words. */
  secondPerson: number[];
  /** Folded start of each word (to place the rule stage's cues among the words). */
  wordStart: number[];
  /** What the lexicon's use test needs of the whole post (hearts checked only when it has an abuse word). */
  context: PostContext;
}

/** Rule-stage categories that are harassment cues (the rest are directive cues, threats are apart). */
export const HARASS_CATS = new Set<LexCategory>(['insults', 'slurs', 'dehumanizing', 'harassCalls']);

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;

function inUrl(urls: [number, number][], orig: number): boolean {
  for (const [a, b] of urls) if (orig >= a && orig < b) return true;
  return false;
}

/** Whether any of `xs` is within `d` of `i` (word indexes). */
export function near(i: number, xs: readonly number[], d: number): boolean {
  for (const x of xs) if (Math.abs(x - i) <= d) return true;
  return false;
}

/** Build the model's input; call right after `ruleStage` (its folded view is a shared buffer). */
export function postFeatures(rs: RuleStage, text: string): PostFeatures {
  const f = rs.scan.folded;
  // Original-text ranges of links: their folded characters are skipped.
  let urls: [number, number][] | undefined;
  if (text.includes('http') || text.includes('www.')) {
    urls = [];
    for (const m of text.matchAll(URL_RE)) urls.push([m.index!, m.index! + m[0].length]);
  }
  // Entity spans by folded start.
  const ents = rs.scan.entities;
  const words: string[] = [];
  const wordStart: number[] = [];
  const candidateAt = new Map<number, number>();
  const folded = f.str;
  const hasAt = f.text.includes('@');
  let from = -1;
  let e = 0; // next entity (entities are in text order)
  const { codes, origStart, n } = f;
  let nextEnt = ents.length ? ents[0]!.start : -1;
  for (let i = 0; i <= n; ) {
    while (nextEnt >= 0 && nextEnt < i) nextEnt = ++e < ents.length ? ents[e]!.start : -1;
    const ent = nextEnt === i ? ents[e]! : undefined;
    const end = i === n || codes[i] === 32 || ent !== undefined || (urls !== undefined && inUrl(urls, origStart[i]!));
    if (end && from >= 0) {
      const at = origStart[from]!;
      words.push(hasAt && at > 0 && f.text.charCodeAt(at - 1) === 64 /* @ */ ? 'user' : folded.slice(from, i));
      wordStart.push(from);
      from = -1;
    }
    if (ent) {
      const kind = ent.payload.kind;
      if (kind === 'candidate') candidateAt.set(words.length, ent.payload.index);
      words.push(kind === 'candidate' ? 'cand' : kind === 'race' ? 'race' : 'actor');
      wordStart.push(i);
      i = Math.max(ent.end, i + 1);
      continue;
    }
    if (!end && from < 0) from = i;
    i++;
  }

  // (plain loops: TypedArray.from with a mapping function is slow in V8)
  const infos: WordInfo[] = new Array(words.length);
  // Reused buffers: allocating two typed arrays per post cost more than filling them.
  if (words.length > startsBuf.length) [startsBuf, flagsBuf] = [new Uint8Array(words.length * 2), new Uint32Array(words.length * 2)];
  const starts = startsBuf;
  const flags = flagsBuf;
  const secondPerson: number[] = [];
  const thirdPerson: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const info = (infos[i] = infoOf(words[i]!));
    starts[i] = info.lexicon;
    flags[i] = info.flags;
    if (info.second) secondPerson.push(i);
    if (info.third) thirdPerson.push(i);
  }
  const lexicon = lexiconHits(words, starts);
  const context: PostContext = { hearts: (lexicon.length > 0 || rs.abuseAt.length > 0) && HEARTS.test(text), named: rs.cands.some((c) => c.payload.via !== 'handle') };
  // Policy topics ("gun control", "control de armas") are one neutral word for the model and the
  // constructions: else "gun" reads as violence in every gun-policy argument ("if you want gun control …").
  for (const h of lexicon) {
    if (h.grade !== 'legit' || !h.term.includes(' ')) continue;
    const parts = h.term.split(' ');
    if (!parts.some((w) => LEXICON.get(w) === 'violence')) continue;
    for (let k = h.word; k < h.word + parts.length && k < words.length; k++) {
      infos[k] = infoOf((words[k] = 'topic'));
      flags[k] = infos[k]!.flags;
    }
  }
  const constructions = threatConstructions(words, flags, (w) => f.clause[wordStart[w] ?? 0]!);
  const candWords = [...candidateAt.keys()];

  const feats = new Set<string>();
  const c = rs.detail.classification;
  if (c.directive) feats.add(featureName('r:dir=', c.directive));
  if (rs.detail.explicit) feats.add('r:explicit');
  if (c.threat) feats.add('r:threat');
  if (rs.suppressed) feats.add('r:suppressed');
  if (rs.condemned) feats.add('r:condemned');
  if (rs.reports) feats.add('r:report');
  if (rs.sarcasm) feats.add('r:sarcasm');
  // Clause numbers run 0..clause[n-1] without gaps (fold.ts opens a clause only after a character), so
  // the clauses are looked at once each rather than once per character.
  let question = false;
  for (let cl = 0, last = f.n ? f.clause[f.n - 1]! : -1; cl <= last && !question; cl++) question = f.question[cl] === 1;
  let quoted = false;
  for (let k = 0; k < f.n && !quoted; k++) quoted = f.quoted[k] === 1;
  if (question) feats.add('t:question');
  if (quoted) feats.add('t:quoted');
  if (rs.authorCandidates.length) feats.add('a:candidate');
  if (c.actor_id) feats.add('a:actor');
  // distinct candidates named (a Set and two spreads per post cost more than this loop)
  const named: number[] = [];
  for (const h of rs.cands) if (!named.includes(h.payload.index)) named.push(h.payload.index);
  for (const i of rs.mentioned) if (!named.includes(i)) named.push(i);
  feats.add(named.length === 0 ? 'n:cand0' : named.length === 1 ? 'n:cand1' : 'n:cand2+');
  if (c.race_ids.length) feats.add('n:race');
  if (secondPerson.length) feats.add('t:2p');
  for (const h of lexicon) {
    // An abuse word aimed at nobody, or not at a candidate (`unaimedUse`: a degree word, an owned animal,
    // a third party, banter) is its own feature, not its grade.
    h.unaimed = unaimedUse(h, words, context);
    if (h.unaimed) {
      feats.add(`lex:${h.unaimed}`);
      continue;
    }
    // Violence and death words count only next to their target: "gun control" and "a bala de coco" are not threats.
    const aimedOnly = h.grade === 'violence' || h.grade === 'death';
    if (!aimedOnly) feats.add(featureName('lex:', h.grade));
    if (aimedOnly || ABUSE_GRADES.has(h.grade)) {
      if (near(h.word, secondPerson, 3)) feats.add(featureName('lex2p:', h.grade));
      if (near(h.word, candWords, 4)) feats.add(featureName('lexc:', h.grade));
    }
  }
  // The rules' cues count for the model unless the lexicon finds them unaimed ("de puta madre", "esse
  // asno" in a reply): the rule stage matches the word, the lexicon sees how it is used.
  const unaimedWords = lexicon.filter((h) => h.unaimed).map((h) => h.word);
  const unaimedAt = (pos: number) => unaimedWords.length > 0 && unaimedWords.includes(wordOfFolded(wordStart, pos));
  if (c.harassment && (c.threat || rs.abuseAt.some((p) => !unaimedAt(p)))) feats.add('r:harass');
  for (const h of rs.scan.lex) if (!HARASS_CATS.has(h.payload.cat) || !unaimedAt(h.start)) feats.add(featureName('cat:', h.payload.cat));
  // The words around each watched name, by position: "vote ‹cand›", "‹cand› out", "fuera ‹cand›",
  // "‹cand› deserves": the model learns what calls look like around a name in any language. Only within
  // the name's sentence: in "Votem na Bia Costa! O jogo de ontem…" the next sentence's "jogo" is not the
  // name's context (it read as a footballer namesake's).
  for (const w of candWords) {
    const own = f.clause[wordStart[w] ?? 0];
    for (let d = -3; d <= 3; d++) {
      const x = words[w + d];
      if (!d || x === undefined || x === 'cand' || f.clause[wordStart[w + d]!] !== own) continue;
      const info = infos[w + d]!;
      const context = (info.context ??= [`L1:${x}`, `R1:${x}`, `L:${x}`, `R:${x}`]);
      feats.add(context[d === -1 ? 0 : d === 1 ? 1 : d < 0 ? 2 : 3]);
    }
  }
  // A construction inside quotation marks is reported speech ("escribir 'vou massacrar…' es delito").
  for (const x of constructions) if (f.quoted[wordStart[x.word] ?? 0]) x.kind = 'quoted';
  // A construction is aimed when a "you" or a watched name is near it, or a "he"/"her"/"ella"/"dele" is and a
  // watched name came before it (long posts name the candidate once, then threaten "him").
  let firstCand = Infinity; // a loop, not Math.min(...): a hostile post may name candidates tens of thousands of times
  for (const w of candWords) if (w < firstCand) firstCand = w;
  for (const x of constructions) {
    feats.add(featureName('cx:', x.kind));
    if (near(x.word, secondPerson, 6) || near(x.word, candWords, 6) || (firstCand < x.word && near(x.word, thirdPerson, 6))) feats.add(featureName('cxt:', x.kind));
  }
  const focus = [...candWords, ...constructions.map((x) => x.word)];
  for (const h of lexicon) focus.push(h.word);
  for (let i = 0; i < words.length; i++) if (words[i] === 'race') focus.push(i);
  const outside = outsideFocus(focus, wordStart, f.clause);
  // Windows around the names (for every label), then, in a long post, around the other cues (for abuse
  // only: a call needs a name, and windows around cues cost directive precision on dev).
  const windowed = new Set<number>();
  const windows = sentenceWindows(candWords, wordStart, f.clause, windowed);
  const cueWindows = words.length > LONG_POST_WORDS ? sentenceWindows(focus.slice(candWords.length), wordStart, f.clause, windowed) : undefined;
  return { windows, cueWindows, input: { words, slots: infos, features: [...feats], outside }, lexicon, constructions, candidateAt, secondPerson, wordStart, context };
}

/** How many sentences either side of a watched name or cue the model's text n-grams read. */
export const FOCUS_SENTENCES = 2;

/**
 * The words of sentences more than FOCUS_SENTENCES away from every watched name, race, lexicon word and
 * construction (`focus`, word indexes), for the model's text n-grams to skip; undefined when none is
 * that far or nothing is in focus. A long post's other news (a recipe, a prayer request, a game) said
 * nothing about the call, yet its many n-grams outweighed the call's sentence: five writers' sets of long
 * posts scored directive recall 28–46 % on round 12's code (docs/classifier.md, round 13).
 */
export function outsideFocus(focus: readonly number[], wordStart: readonly number[], clause: Int32Array): Uint8Array | undefined {
  const n = wordStart.length;
  if (!focus.length || !n) return undefined;
  const last = clause[wordStart[n - 1]!]!;
  if (last <= FOCUS_SENTENCES) return undefined; // every sentence is within reach of any other
  const reach = new Uint8Array(last + 1);
  for (const w of focus) {
    const c = clause[wordStart[w]!]!;
    for (let k = Math.max(0, c - FOCUS_SENTENCES); k <= Math.min(last, c + FOCUS_SENTENCES); k++) reach[k] = 1;
  }
  let out: Uint8Array | undefined;
  for (let i = 0; i < n; i++) if (!reach[clause[wordStart[i]!]!]) (out ??= new Uint8Array(n))[i] = 1;
  return out;
}

/** How many sentences either side of its centre a window holds (`sentenceWindows`). */
export const WINDOW_SENTENCES = 1;
/** Posts longer than this many words also get windows around their abuse and threat cues. */
export const LONG_POST_WORDS = 40;
/**
 * At most this many windows per post (names first), each scored over the whole post: a hostile post of one
 * name per sentence would otherwise cost a scoring pass per sentence. The corpus's posts have at most 8.
 */
export const MAX_WINDOWS = 16;

/**
 * One mask per sentence holding a word of `centres` (word indexes), marking the words more than
 * WINDOW_SENTENCES sentences from it; none for a sentence in `done` (which collects the sentences used,
 * up to MAX_WINDOWS), nor where the window would hold the whole post. The model also scores each window alone and keeps the
 * likeliest reading (classify.ts `windowedScores`), since a short call or insult inside a long post is
 * diluted by the rest of the post's n-grams even inside the focus window ("Echeverri out, Okafor in.
 * Simple." then a paragraph about a bakery; "that dumb b!tch Whitlock" in a paragraph about trash pickup):
 * docs/classifier.md, round 13.
 */
export function sentenceWindows(centres: readonly number[], wordStart: readonly number[], clause: Int32Array, done = new Set<number>()): Uint8Array[] | undefined {
  const n = wordStart.length;
  if (!centres.length || !n) return undefined;
  const last = clause[wordStart[n - 1]!]!;
  const r = WINDOW_SENTENCES;
  let out: Uint8Array[] | undefined;
  for (const w of centres) {
    const c = clause[wordStart[w]!]!;
    if (done.has(c) || (c - r <= 0 && c + r >= last)) continue;
    if (done.size >= MAX_WINDOWS) break;
    done.add(c);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (Math.abs(clause[wordStart[i]!]! - c) > r) mask[i] = 1;
    (out ??= []).push(mask);
  }
  return out;
}

/** Index of the word holding folded position `pos`. */
export function wordOfFolded(wordStart: number[], pos: number): number {
  let at = 0;
  for (let i = 0; i < wordStart.length; i++) if (wordStart[i]! <= pos) at = i;
  return at;
}

/** Conjunctions and articles that join two names: "X and Y", "nem o X nem a Y". */
const JOINS = new Set(['and', '&', 'or', 'y', 'e', 'o', 'ou', 'ni', 'nem']);
const ARTICLES = new Set(['the', 'el', 'la', 'o', 'a', 'al']);

/** Groups of candidates joined by a conjunction ("Lacerda and Pizarro both need…", "nem o Gus nem a Lorraine"): one subject, one target. */
function joinedGroups(cand: [number, number][], words: readonly string[]): Map<number, number[]> | undefined {
  let groups: Map<number, number[]> | undefined;
  for (let k = 0; k + 1 < cand.length; k++) {
    const [w1, a] = cand[k]!;
    const [w2, b] = cand[k + 1]!;
    const gap = w2 - w1 - 1;
    if (gap < 1 || gap > 2 || !JOINS.has(words[w1 + 1]!) || (gap === 2 && !ARTICLES.has(words[w1 + 2]!)) || a === b) continue;
    groups ??= new Map();
    const group = groups.get(a) ?? groups.get(b) ?? [];
    for (const i of [a, b]) if (!group.includes(i)) group.push(i);
    groups.set(a, group);
    groups.set(b, group);
  }
  return groups;
}

/**
 * Candidates a hostile post is aimed at: the candidate nearest to each abuse cue (rule cues, abuse
 * lexicon hits, threat constructions); a post that addresses one candidate (a reply, a mention) aims at
 * that one when no cue is near another; otherwise every candidate named.
 */
export function hostileTargets(rs: RuleStage, pf: PostFeatures): number[] {
  const cues = [
    ...rs.abuseAt.map((p) => wordOfFolded(pf.wordStart, p)),
    ...pf.lexicon.filter((h) => ABUSE_GRADES.has(h.grade)).map((h) => h.word),
    ...pf.constructions.filter((x) => x.kind !== 'counter' && x.kind !== 'electoralHarm' && x.kind !== 'quoted' && x.kind !== 'wellWish').map((x) => x.word),
  ];
  const cand = [...pf.candidateAt];
  const addressed = rs.mentioned.length ? rs.mentioned : cand.length && cand[0]![0] === 0 ? [cand[0]![1]] : [];
  const out = new Set<number>();
  const groups = cand.length > 1 ? joinedGroups(cand, pf.input.words) : undefined;
  if (cand.length) {
    for (const cue of cues) {
      let best = -1;
      let dist = Infinity;
      for (const [w, idx] of cand) if (Math.abs(w - cue) < dist) [best, dist] = [idx, Math.abs(w - cue)];
      // A cue far from every named candidate in a reply is aimed at the addressee.
      if (addressed.length && dist > 8) for (const a of addressed) out.add(a);
      else if (best >= 0) for (const i of groups?.get(best) ?? [best]) out.add(i);
    }
  }
  if (!out.size) for (const a of addressed) out.add(a);
  if (!out.size) for (const [, idx] of cand) out.add(idx);
  if (!out.size) for (const m of rs.mentioned) out.add(m);
  return [...out];
}
