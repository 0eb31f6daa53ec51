/**
 * From the rule stage to the model's input: the post's folded words with watched names masked
 * (`cand`, `race`, `actor`; other handles `user`; links dropped), the lexicon grades and
 * constructions found in them, and the rule stage's own findings as named features. Also keeps,
 * per masked candidate, the word where it stands, so that harassment and threats can be aimed at
 * the candidate nearest to the abuse.
 */
import type { CompiledWatchlist } from '../match/compile.js';
import type { RuleStage } from './classify.js';
import { threatConstructions, type ConstructionHit } from './constructions.js';
import { lexiconHits, SECOND_PERSON, type LexiconHit } from './lexicon.js';
import type { ModelInput } from './model.js';

export interface PostFeatures {
  input: ModelInput;
  lexicon: LexiconHit[];
  constructions: ConstructionHit[];
  /** Word index → candidate index, for masked candidate words. */
  candidateAt: Map<number, number>;
  /** Word indexes of second-person words. */
  secondPerson: number[];
  /** Word index of each folded position's word (for rule cue positions). */
  wordOfFolded: (pos: number) => number;
}

const URL_RE = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
const ABUSE_GRADES = new Set(['slur', 'dehumanizing', 'sexual', 'appearance', 'profanity']);

/** Build the model's input; call right after `ruleStage` (its folded view is a shared buffer). */
export function postFeatures(rs: RuleStage, cw: CompiledWatchlist, text: string): PostFeatures {
  const f = rs.scan.folded;
  // Original-text ranges of links: their folded characters are skipped.
  const urls: [number, number][] = [];
  for (const m of text.matchAll(URL_RE)) urls.push([m.index!, m.index! + m[0].length]);
  const inUrl = (orig: number) => urls.some(([a, b]) => orig >= a && orig < b);
  // Entity spans by folded start.
  const spanAt = new Map<number, { end: number; token: string; cand?: number }>();
  for (const h of rs.scan.entities) {
    const token = h.payload.kind === 'candidate' ? 'cand' : h.payload.kind === 'race' ? 'race' : 'actor';
    spanAt.set(h.start, { end: h.end, token, cand: h.payload.kind === 'candidate' ? h.payload.index : undefined });
  }
  const words: string[] = [];
  const wordStart: number[] = [];
  const candidateAt = new Map<number, number>();
  // The folded text as one string, so that words are slices of it (no per-character concatenation).
  let folded = '';
  for (let i = 0; i < f.n; i += 4096) folded += String.fromCharCode.apply(null, f.codes.subarray(i, Math.min(f.n, i + 4096)) as unknown as number[]);
  let from = -1;
  const flush = (to: number) => {
    if (from < 0) return;
    const at = f.origStart[from]!;
    words.push(at > 0 && f.text.charCodeAt(at - 1) === 64 /* @ */ ? 'user' : folded.slice(from, to));
    wordStart.push(from);
    from = -1;
  };
  for (let i = 0; i < f.n; ) {
    const span = spanAt.size ? spanAt.get(i) : undefined;
    if (span) {
      flush(i);
      if (span.cand !== undefined) candidateAt.set(words.length, span.cand);
      words.push(span.token);
      wordStart.push(i);
      i = span.end;
      continue;
    }
    if (f.codes[i] === 32 || (urls.length && inUrl(f.origStart[i]!))) flush(i);
    else if (from < 0) from = i;
    i++;
  }
  flush(f.n);

  const lexicon = lexiconHits(words);
  const constructions = threatConstructions(words);
  const secondPerson: number[] = [];
  for (let i = 0; i < words.length; i++) if (SECOND_PERSON.has(words[i]!)) secondPerson.push(i);
  const candWords = [...candidateAt.keys()];
  const near = (i: number, xs: number[], d: number) => xs.some((x) => Math.abs(x - i) <= d);

  const feats = new Set<string>();
  const c = rs.detail.classification;
  if (c.directive) feats.add(`r:dir=${c.directive}`);
  if (rs.detail.explicit) feats.add('r:explicit');
  if (c.harassment) feats.add('r:harass');
  if (c.threat) feats.add('r:threat');
  if (rs.suppressed) feats.add('r:suppressed');
  if (rs.condemned) feats.add('r:condemned');
  if (rs.reports) feats.add('r:report');
  if (rs.sarcasm) feats.add('r:sarcasm');
  for (const h of rs.scan.lex) feats.add(`cat:${h.payload.cat}`);
  for (let k = 0; k < f.n; k++) {
    if (f.question[f.clause[k]!]) feats.add('t:question');
    if (f.quoted[k]) feats.add('t:quoted');
  }
  if (rs.authorCandidates.length) feats.add('a:candidate');
  if (c.actor_id) feats.add('a:actor');
  const named = new Set([...rs.cands.map((h) => h.payload.index), ...rs.mentioned]);
  feats.add(named.size === 0 ? 'n:cand0' : named.size === 1 ? 'n:cand1' : 'n:cand2+');
  if (c.race_ids.length) feats.add('n:race');
  if (words[0] === 'cand') feats.add('t:starts-cand');
  if (secondPerson.length) feats.add('t:2p');
  for (const h of lexicon) {
    feats.add(`lex:${h.grade}`);
    if (ABUSE_GRADES.has(h.grade)) {
      if (near(h.word, secondPerson, 3)) feats.add(`lex2p:${h.grade}`);
      if (near(h.word, candWords, 4)) feats.add(`lexc:${h.grade}`);
    }
  }
  for (const x of constructions) {
    feats.add(`cx:${x.kind}`);
    if (near(x.word, secondPerson, 6) || near(x.word, candWords, 6)) feats.add(`cxt:${x.kind}`);
  }
  const wordOfFolded = (pos: number) => {
    let lo = 0;
    for (let i = 0; i < wordStart.length; i++) if (wordStart[i]! <= pos) lo = i;
    return lo;
  };
  void cw;
  return { input: { words, features: [...feats] }, lexicon, constructions, candidateAt, secondPerson, wordOfFolded };
}

/**
 * Candidates a hostile post is aimed at: the candidate nearest to each abuse cue (rule cues, abuse
 * lexicon hits, threat constructions); a post that addresses one candidate (a reply, a mention) aims at
 * that one when no cue is near another; otherwise every candidate named.
 */
export function hostileTargets(rs: RuleStage, pf: PostFeatures): number[] {
  const cues = [
    ...rs.abuseAt.map((p) => pf.wordOfFolded(p)),
    ...pf.lexicon.filter((h) => ABUSE_GRADES.has(h.grade)).map((h) => h.word),
    ...pf.constructions.filter((x) => x.kind !== 'counter' && x.kind !== 'electoralHarm').map((x) => x.word),
  ];
  const cand = [...pf.candidateAt];
  const addressed = rs.mentioned.length ? rs.mentioned : cand.length && cand[0]![0] === 0 ? [cand[0]![1]] : [];
  const out = new Set<number>();
  if (cand.length) {
    for (const cue of cues) {
      let best = -1;
      let dist = Infinity;
      for (const [w, idx] of cand) if (Math.abs(w - cue) < dist) [best, dist] = [idx, Math.abs(w - cue)];
      // A cue far from every named candidate in a reply is aimed at the addressee.
      if (addressed.length && dist > 8) for (const a of addressed) out.add(a);
      else if (best >= 0) out.add(best);
    }
  }
  if (!out.size) for (const a of addressed) out.add(a);
  if (!out.size) for (const [, idx] of cand) out.add(idx);
  if (!out.size) for (const m of rs.mentioned) out.add(m);
  return [...out];
}
