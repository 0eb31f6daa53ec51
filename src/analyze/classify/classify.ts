/**
 * Per-post classification: voting directives (vote_for / vote_against / abstain) with their target
 * candidates, harassment and threats aimed at a watched candidate, and attribution of the author.
 *
 * Decisions (documented in docs and in test/fixtures/eval/README.md):
 * - A directive is a call made by the author. A post that reports, quotes with attribution,
 *   condemns or fact-checks a directive, or asks whether someone made one, is not a directive.
 * - One directive per post. When a post calls both ways ("don't vote for A, vote for B") the
 *   vote_against wins (interference campaigns are mostly against a candidate); targets are every
 *   candidate called that way.
 * - abstain has no target candidates (it is about the race; race ids say which).
 * - A candidate's own "vote for me" is campaign speech, not reported; nor is a call that names no
 *   watched candidate.
 * - A plain repost (repostOf set, or text starting "RT @user:") is not the reposter's own directive,
 *   harassment or threat: the coordination engine handles amplification. Quote posts count.
 * - A threat aimed at a candidate is also harassment (threat implies harassment).
 */
import type { Classification, Directive, Post } from '../../model/types.js';
import { foldHandle, foldText } from '../../util/normalize.js';
import { attributeActor } from '../attribution.js';
import { TITLE_FAMILIES, titleFamily, type CompiledWatchlist, type LexCategory } from '../match/compile.js';
import { foldedString, type Folded } from '../match/fold.js';
import { nextWord, originalText, previousWord, scanText, type EntityHit, type LexHit } from '../match/match.js';
import { HARASS_CATS, hostileTargets, near, postFeatures, wordOfFolded, type PostFeatures } from './features.js';
import { isHarm } from './constructions.js';
import { ABUSE_GRADES, abuseRank, lexiconWords, unaimedUse, type LexiconHit } from './lexicon.js';
import { defaultModel, scoreModel, topFeatures, type Model, type ModelScores } from './model.js';
import { knownWords, normalizeForMatching, type KnownWords } from './normalize.js';
import { RULES } from './rules/index.js';

/** The post fields the classifier reads (`createdAt`, when given, scopes attribution by validity dates). */
export type ClassifiablePost = Pick<Post, 'id' | 'platform' | 'authorHandle' | 'text' | 'hashtags' | 'mentions' | 'lang' | 'repostOf'> &
  Partial<Pick<Post, 'createdAt'>>;

/** Classification plus the matched evidence, for findings. */
export interface ClassificationDetail {
  classification: Classification;
  /** Quoted words that made each label: `{label, text}`. */
  matched: { label: 'directive' | 'harassment' | 'threat' | 'target' | 'suppressed'; text: string }[];
  /** Language the cues came from (post.lang when given). */
  lang: string;
  /** Whether the post is a plain repost (no labels by design). */
  repost: boolean;
  /** Candidate ids named in the text or the mention list, in order of appearance. */
  candidatesNamed: string[];
  /** Whether the directive was explicit (a vote phrase with a named target, not a pronoun or hashtag). */
  explicit: boolean;
}

const RT_PREFIX = /^RT @[A-Za-z0-9_]{1,50}:/;
/**
 * A messaging app's forward header on a line of its own: "[Forwarded from X]", "[Reenviado de: X]",
 * "↪️ Encaminhada de X", "🔁 Reenviado de X:". What follows is someone else's text (labels.md: a plain repost
 * is not the reposter's directive) unless the poster adds words of their own: a last paragraph, after a blank
 * line, short and adopting the forward ("Assino embaixo! Repassem", "THIS. Share it") or naming a candidate
 * of its own accord ("Exacto. Ni un voto para Varela"). A forwarded letter's own paragraphs and sign-off
 * ("Viva Quivera libre y soberana.") are not the poster's words.
 */
// One run of spaces, then the bracket with its own: "\s*[[(]?\s*" split a post of blank space between two runs
// in every way (a post is cut at MAX_TEXT before this; 20,000 spaces took 0.54 s, one run takes under 1 ms).
const FORWARD_HEADER = /^\s*(?:[[(]\s*)?(?:[\u21aa\u23e9\u{1F501}]\ufe0f?\s*)?(?:forwarded|encaminhad[ao]|reenviad[ao])\s+(?:from|de|da|do)\b[^\n]{1,80}\n/iu;
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;
/** Words that adopt or pass on a forwarded text, folded: agreement and sharing verbs in EN/ES/PT. */
const ADOPTS = /(?:^|[^\p{L}])(?:this|exactly|agree|so true|share|repost|spread|pass it on|exact[oa]|asi es|de acuerdo|compart\p{L}*|pas[ae]lo|pas[ae]nlo|reenvi\p{L}*|difund\p{L}*|assino embaixo|concordo|isso mesmo|repass\p{L}*|compartilh\p{L}*|encaminh\p{L}*|divulg\p{L}*|amen|amem)(?![\p{L}])|\u{1F4AF}|\u{1F446}/iu;
const OWN_WORDS_MAX = 20;

function forwardOnly(text: string, scan: RuleStage['scan']): boolean {
  const header = FORWARD_HEADER.exec(text);
  if (!header) return false;
  let last = -1;
  for (const m of text.slice(header[0].length).matchAll(PARAGRAPH_BREAK)) last = header[0].length + m.index! + m[0].length;
  if (last < 0 || !text.slice(last).trim()) return true;
  const own = text.slice(last);
  if (own.split(/\s+/).filter(Boolean).length > OWN_WORDS_MAX) return true;
  if (ADOPTS.test(foldText(own))) return false;
  const f = scan.folded;
  return !scan.entities.some((e) => e.payload.kind === 'candidate' && f.origStart[e.start]! >= last);
}
const MAX_QUOTE = 200;
/** Words between a vote phrase and its target (a bare verb: "vote Okafor", "votem no Pete"). */
const PHRASE_GAP = 4;
/** Words between an insult or threat and the candidate it is taken to aim at. */
const HARASS_WINDOW = 12;
const BARE_GAP = 1;

const FOR_CATS = new Set<LexCategory>(['voteFor', 'voteVerbs', 'imperativeFor', 'hashtagFor']);
const DIRECTIVE_CATS = new Set<LexCategory>(['voteFor', 'voteVerbs', 'imperativeFor', 'voteForSubject', 'hashtagFor', 'voteAgainst', 'hashtagAgainst', 'voteAgainstPronoun', 'againstAfter', 'hashtagAgainstAfter', 'abstain', 'forAfter', 'causeLeads', 'wishLeads']);
const LANGS = ['en', 'es', 'pt'] as const;
/** The directive a post gets when it calls several ways, first first (see the module comment). */
const DIRECTIVE_ORDER = ['vote_against', 'vote_for', 'abstain'] as const;
const ABSTAIN_FIRST = ['abstain', 'vote_against'] as const;
const NO_CALLS: readonly (typeof DIRECTIVE_ORDER)[number][] = [];
const NONE: readonly number[] = [];
const AGAINST_CATS = new Set<LexCategory>(['voteAgainst', 'hashtagAgainst']);
/** Words between the parts of a construction: a threat lead and its violent verb, a dogpile verb and its object. */
const THREAT_SPAN = 5;
const HARASS_SPAN = 4;
/** Words between a candidate and the outcome after a causative lead ("make sure [Lindqvist] loses"). */
const TAIL_GAP = 2;
/** Words between a candidate and a `forAfter` phrase ("Quintero no merece ni un voto"). */
const FOR_AFTER_GAP = 3;

/** Plain text for explanations: control characters out, length bounded. Renderers escape it. */
export function quoteForExplanation(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = hasControl(s) ? s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ') : s;
  return clean.length > MAX_QUOTE ? `${clean.slice(0, MAX_QUOTE)}…` : clean;
}

/**
 * Whether `s` has a character quoteForExplanation replaces (the same ranges as its regex). Most quotes
 * have none, and this loop costs less than the regex's pass (several quotes per post).
 */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

function words(f: Folded, pos: number, count: number): { texts: string[]; starts: number[] } {
  // Up to `count` words before folded position `pos`, nearest first, within pos's clause.
  const texts: string[] = [];
  const starts: number[] = [];
  let at = pos;
  while (texts.length < count) {
    const prev = previousWord(f, at);
    if (!prev || f.clause[prev[0]] !== f.clause[pos]) break;
    texts.push(foldedString(f, prev[0], prev[1]));
    starts.push(prev[0]);
    at = prev[0];
  }
  return { texts, starts };
}

interface Found {
  type: Directive;
  targets: number[];
  quote: string;
  explicit: boolean;
}

/**
 * Classify one post against a compiled watchlist.
 * @example classifyPost({id:'1', platform:'x', authorHandle:'nayibbukele', text:'... DO NOT VOTE for @NormaJTorres.', hashtags:[], mentions:[]}, cw)
 *   // {directive:'vote_against', target_candidate_ids:['c-torres'], actor_id:'sv-bukele', ...}
 */
export function classifyPost(post: ClassifiablePost, cw: CompiledWatchlist): Classification {
  return classifyPostDetail(post, cw).classification;
}

/** What the rule stage saw, for the model stage (valid until the next scan: the folded view is a shared buffer). */
export interface RuleStage {
  detail: ClassificationDetail;
  scan: ReturnType<typeof scanText>;
  cands: EntityHit[];
  mentioned: number[];
  authorCandidates: readonly number[];
  reports: number;
  condemned: boolean;
  sarcasm: boolean;
  suppressed: boolean;
  /** Harassment/threat cue positions (folded) that the rules accepted. */
  abuseAt: number[];
}

/** The rule stage: matching, directive constructions, abuse cues, attribution. */
export function ruleStage(post: ClassifiablePost, cw: CompiledWatchlist, text: string): RuleStage {
  const scan = scanText(text, cw);
  const f = scan.folded;
  const attributed = attributeActor(post.platform, post.authorHandle, cw, post.createdAt);
  const repost = !!post.repostOf || RT_PREFIX.test(text) || forwardOnly(text, scan);
  const explanation: string[] = [];
  const matched: ClassificationDetail['matched'] = [];
  if (attributed) explanation.push(`author @${quoteForExplanation(post.authorHandle)} is registry actor ${attributed.actor.id} (${attributed.actor.role}, ${attributed.actor.country})`);

  const cands: EntityHit[] = [];
  const raceIds: string[] = [];
  for (const h of scan.entities) {
    if (h.payload.kind === 'candidate') cands.push(h);
    else if (h.payload.kind === 'race' && !raceIds.includes(h.payload.id)) raceIds.push(h.payload.id);
  }
  // Candidates referenced only through the post's mention list (some sources strip them from text).
  const mentioned: number[] = [];
  if (post.mentions?.length) for (const m of post.mentions) for (const i of cw.candidateHandles.get(foldHandle(m)) ?? []) mentioned.push(i);
  const authorCandidates: readonly number[] = cw.candidateHandles.get(foldHandle(post.authorHandle ?? '')) ?? NONE;
  if (authorCandidates.length) opponentsOf(authorCandidates, scan, cands, cw);
  if (cw.titledCandidates.size) describedCandidates(scan, cands, cw);
  if (givenNames(cw).size) givenInContext(scan, cands, cw);

  const reports: LexHit[] = [];
  const sarcasm: LexHit[] = [];
  let condemned = false;
  const condemnedParagraphs: number[] = [];
  let hasCue = false;
  const langVotes = [0, 0, 0];
  for (const h of scan.lex) {
    const cat = h.payload.cat;
    if (cat === 'report') reports.push(h);
    else if (cat === 'sarcasm') sarcasm.push(h);
    else if (cat === 'condemn' || cat === 'condemnStart') {
      condemned = true;
      pushUnique(condemnedParagraphs, paragraphOf(text, f.origStart[h.start]!));
    }
    else if (DIRECTIVE_CATS.has(cat)) hasCue = true;
    if (cat !== 'electionContext') langVotes[LANGS.indexOf(h.payload.lang)]!++;
  }

  const found: Found[] = [];
  const suppressedNotes: string[] = [];
  const ctx: Ctx = { f, cw, lex: scan.lex, cands, mentioned, authorCandidates, reports, sarcasm, condemnedAt: (start) => condemnedParagraphs.length > 0 && condemnedParagraphs.includes(paragraphOf(text, f.origStart[start]!)), irony: IRONY.test(text) };
  if (hasCue) findDirectives(ctx, found, suppressedNotes);
  if (cands.length >= 2 && hasElectionContext(f, scan.lex, raceIds.length > 0)) sloganContrast(ctx, found);
  if (cands.length || mentioned.length) electoralDefeat(ctx, found);
  if (cands.length) frontedObject(ctx, found);
  if (cands.length && BALLOT_EMOJI.test(post.text ?? '')) emojiBallots(ctx, found);
  if (authorCandidates.length) selfAppeal(ctx, found);
  declaredAndShared(ctx, found);

  let directive: Directive | null = null;
  let targets: number[] = [];
  let explicit = false;
  // labels.md: "If the operative call is not to take part, the label is abstain (candidates named as the
  // reason do not make it vote_against)": an abstention call beside calls against ("don't reward her, and
  // don't vote Caldwell either: skip the Senate race") is abstain; beside a call for someone it is not.
  const abstaining = found.some((d) => d.type === 'abstain') && !found.some((d) => d.type === 'vote_for');
  for (const type of found.length ? (abstaining ? ABSTAIN_FIRST : DIRECTIVE_ORDER) : NO_CALLS) {
    const ofType = found.filter((d) => d.type === type);
    if (!ofType.length) continue;
    // labels.md: an abstention call counts only when the race is identifiable (a watched race or candidate
    // named, or an office word only one watched race has: "spoil your ballot for Congress")
    if (type === 'abstain' && !scan.entities.some((e) => e.payload.kind !== 'actor') && !mentioned.length) {
      const race = officeRace(f, cw);
      if (race === undefined) continue;
      if (!raceIds.includes(cw.races[race]!.id)) raceIds.push(cw.races[race]!.id);
    }
    directive = type;
    // abstain: the candidates named in the call (labels.md), else none (the race says which)
    // vote_against: every candidate called either way (labels.md: "both in a for+against post")
    const called = type === 'vote_against' ? found.filter((d) => d.type !== 'abstain') : ofType;
    targets = [];
    if (type === 'abstain') {
      for (const c of cands) pushUnique(targets, c.payload.index);
      for (const i of mentioned) pushUnique(targets, i);
    } else for (const d of called) for (const i of d.targets) pushUnique(targets, i);
    explicit = ofType.some((d) => d.explicit);
    for (const d of ofType) matched.push({ label: 'directive', text: quoteForExplanation(d.quote) });
    break;
  }

  // Harassment and threats need a watched candidate in the post.
  // The abuse must be near the reference (within HARASS_WINDOW words) unless the post addresses the
  // candidate by handle or mention, so that an insult about something else in a long post does not count.
  const referenced = cands.length > 0 || mentioned.length > 0;
  const addressed = mentioned.length > 0 || cands.some((c) => c.payload.via === 'handle');
  let harassment = false;
  let threat = false;
  const abuseAt: number[] = [];
  if (referenced) {
    for (const h of withConstructed(scan.lex, constructedAbuse(f, scan.lex, cands, cw))) {
      const cat = h.payload.cat;
      const isThreat = cat === 'threats';
      if (!isThreat && !HARASS_CATS.has(cat)) continue;
      if (condemned || (f.quoted[h.start] && reports.length)) continue;
      // a word inside a candidate's name is the name ("Yesi De la Cerda", "Ana Vaca")
      if (cands.some((c) => c.start <= h.start && h.end <= c.end)) continue;
      if (!addressed && !cands.some((c) => Math.abs(f.word[c.start]! - f.word[h.start]!) <= HARASS_WINDOW)) continue;
      matched.push({ label: isThreat ? 'threat' : 'harassment', text: quoteForExplanation(originalText(f, h.start, h.end)) });
      abuseAt.push(h.start);
      if (isThreat) threat = true;
      harassment = true;
    }
  }

  if (repost) {
    directive = null;
    targets = [];
    harassment = false;
    threat = false;
    matched.length = 0;
    explanation.push('plain repost: not the reposter\'s own directive, harassment or threat (amplification is left to the coordination engine)');
  }

  const targetIds = targets.map((i) => cw.candidates[i]!.id);
  for (const i of targets) addRace(raceIds, i, cw);
  for (const c of cands) addRace(raceIds, c.payload.index, cw);
  for (const i of mentioned) addRace(raceIds, i, cw);

  if (directive) {
    explanation.push(
      `${directive}${targetIds.length ? ` targeting ${targetIds.join(', ')}` : ''}: ${matched.filter((m) => m.label === 'directive').map((m) => `"${m.text}"`).join('; ')}`,
    );
    for (const i of targets) matched.push({ label: 'target', text: cw.candidates[i]!.name });
  } else if (!repost) {
    for (const note of suppressedNotes) {
      explanation.push(quoteForExplanation(note));
      matched.push({ label: 'suppressed', text: quoteForExplanation(note) });
    }
  }
  if (harassment) explanation.push(`harassment: ${matched.filter((m) => m.label === 'harassment' || m.label === 'threat').map((m) => `"${m.text}"`).join('; ')}`);
  if (threat) explanation.push(`threat: ${matched.filter((m) => m.label === 'threat').map((m) => `"${m.text}"`).join('; ')}`);

  let lang = post.lang ?? '';
  if (!lang) {
    let best = 0;
    for (let i = 0; i < LANGS.length; i++) {
      if (langVotes[i]! > best) {
        lang = LANGS[i]!;
        best = langVotes[i]!;
      }
    }
  }

  const detail: ClassificationDetail = {
    classification: {
      id: post.id,
      directive,
      target_candidate_ids: targetIds,
      harassment,
      threat,
      actor_id: attributed?.actor.id ?? null,
      race_ids: raceIds,
      explanation,
    },
    matched,
    lang: lang || 'und',
    candidatesNamed: namedCandidates(cands, mentioned, cw),
    repost,
    explicit,
  };
  return { detail, scan, cands, mentioned, authorCandidates, reports: reports.length, condemned, sarcasm: sarcasm.length > 0, suppressed: suppressedNotes.length > 0, abuseAt };
}

/** What the directive pass needs from one post. */
interface Ctx {
  f: Folded;
  cw: CompiledWatchlist;
  lex: LexHit[];
  cands: EntityHit[];
  mentioned: number[];
  authorCandidates: readonly number[];
  reports: LexHit[];
  sarcasm: LexHit[];
  /** Whether a condemnation or fact-check stands in the paragraph of folded position `start`. */
  condemnedAt: (start: number) => boolean;
  /** An irony emoji in the post (IRONY). */
  irony: boolean;
}

/**
 * The paragraph (blocks parted by a blank line) of original offset `at`. A condemnation answers the call
 * it stands beside: in a long post of several paragraphs ("no votem no Moraes" … "nada de ameaça, isso é
 * inaceitável"), one paragraph's condemnation does not make another paragraph's call a report.
 */
function paragraphOf(text: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 13)) j++;
    if (text.charCodeAt(j) === 10 && j < at) { n++; i = j; }
  }
  return n;
}

/** Why a cue at folded `start` is not the author's own call, or null. */
function suppressedBecause(ctx: Ctx, start: number): string | null {
  const { f, reports, sarcasm } = ctx;
  if (ctx.condemnedAt(start)) return 'condemned or fact-checked';
  const clause = f.clause[start]!;
  if (f.question[clause]) return 'asked as a question';
  for (const r of reports) {
    if (impersonalSubject(ctx, r.start) || selfReport(ctx, r.start)) continue;
    // in the same clause, or in the clause that introduces this one with a colon ("Banderas dijo: no voten…")
    const rc = f.clause[r.start]!;
    if (rc === clause || (rc === clause - 1 && f.colonEnd[rc])) return `reported ("${originalText(f, r.start, r.end)}")`;
  }
  if (f.quoted[start] && (reports.length || quoteAfterColon(f, start) || quoteBeforeColon(f, start) || quoteNamedAsObject(ctx, start))) return 'quoted with attribution';
  for (const h of sarcasm) if (h.start > start && f.clause[h.start] === clause) return 'sarcastic';
  return null;
}

/** Whether a reporting verb at folded `start` has an impersonal subject ("it only encourages them", "isso só incentiva"). */
function impersonalSubject(ctx: Ctx, start: number): boolean {
  const { texts: t } = words(ctx.f, start, 3);
  const imp = ctx.cw.words.impersonals;
  return imp.has(t[0] ?? '') || imp.has(t[1] ?? '') || (t.length >= 2 && imp.has(`${t[1]} ${t[0]}`)) || (t.length >= 3 && imp.has(`${t[2]} ${t[1]}`));
}

/** First-person singular subjects: "I've never told anyone how to vote", "yo les digo", "eu já disse". */
const SELF_SPEAKERS = new Set(['i', 'yo', 'eu']);

/**
 * Whether a reporting verb at folded `start` has the author as its subject ("I've never told anyone how to
 * vote before, but…", "eu sempre disse: votem…"): labels.md's reports are of someone else's directive; the
 * author's own saying is their own call. The subject is looked for in the three words before the verb,
 * up to a named candidate ("I heard Walsh say…" keeps Walsh the speaker).
 */
function selfReport(ctx: Ctx, start: number): boolean {
  const { texts: t, starts } = words(ctx.f, start, 3);
  for (let k = 0; k < t.length; k++) {
    if (isCandidateAt(ctx, starts[k]!)) return false;
    if (SELF_SPEAKERS.has(t[k]!)) return true;
  }
  return false;
}

function isCandidateAt(ctx: Ctx, pos: number): boolean {
  for (const c of ctx.cands) if (c.start <= pos && pos < c.end) return true;
  return false;
}

/** A candidate named as the subject before a verb ("Walsh votes for"): not the handle a reply opens with ("@Walsh vote her out"). */
function subjectCandidateAt(ctx: Ctx, pos: number): boolean {
  for (const c of ctx.cands) if (c.start <= pos && pos < c.end) return !(c.payload.via === 'handle' && previousWord(ctx.f, c.start) === null);
  return false;
}

/** The first candidate after a cue: within `gap` words in the same clause, or adjacent in the same hashtag. */
function candidateAfter(ctx: Ctx, end: number, gap: number, sameHashtag: boolean): EntityHit | undefined {
  const { f, cw } = ctx;
  const lastWord = f.word[end - 1]!;
  for (const c of ctx.cands) {
    if (c.start < end) continue;
    if (sameHashtag) {
      if (f.hashtag[c.start] !== f.hashtag[end - 1] || c.start > end + 1) return undefined;
      return c;
    }
    // A clause ending in a colon goes on in the next one ("Your choice is simple on Nov 3: Ibarra").
    const clause = f.clause[end - 1]!;
    if (f.clause[c.start] !== clause && !(f.clause[c.start] === clause + 1 && f.colonEnd[clause])) return undefined;
    const between = f.word[c.start]! - lastWord - 1;
    if (between > gap) return undefined;
    // Another vote phrase in between takes that candidate ("Don't vote for him, vote for Costa").
    for (const h of ctx.lex) if (h.start >= end && h.start < c.start && DIRECTIVE_CATS.has(h.payload.cat) && h.payload.cat !== 'againstAfter') return undefined;
    // "vote no Pete" (pt: em + o): a bare verb reaches over one preposition only, not "vote early, Costa"
    if (gap === BARE_GAP && between === 1) {
      const w = nextWord(f, end);
      if (!w || !cw.words.prepositions.has(foldedString(f, w[0], w[1]))) return undefined;
    }
    return c;
  }
  return undefined;
}

/** An "out"/"fuera"-type phrase right after a target ("vote Walsh out"). */
function againstAfterAt(ctx: Ctx, end: number): LexHit | undefined {
  const f = ctx.f;
  for (const h of ctx.lex) {
    if ((h.payload.cat === 'againstAfter' || h.payload.cat === 'hashtagAgainstAfter') && h.start >= end && f.word[h.start]! - f.word[end - 1]! <= 2 && f.clause[h.start] === f.clause[end - 1]) return h;
  }
  return undefined;
}

/** The candidate a pronoun refers to: the nearest one named before it, else the first named in the post. */
function resolvePronoun(ctx: Ctx, before: number): number | undefined {
  let best: EntityHit | undefined;
  for (const c of ctx.cands) if (c.end <= before) best = c;
  if (best) return best.payload.index;
  // Named only later: not a candidate that another vote phrase targets ("Don't vote for him, vote for Costa").
  const f = ctx.f;
  for (const c of ctx.cands) {
    const cued = ctx.lex.some(
      (h) => (FOR_CATS.has(h.payload.cat) || AGAINST_CATS.has(h.payload.cat)) && h.end <= c.start && h.start > before && f.word[c.start]! - f.word[h.end - 1]! <= PHRASE_GAP + 1,
    );
    if (!cued) return c.payload.index;
  }
  return ctx.mentioned[0];
}

/** Every directive call in the post (before choosing one), and notes on the calls that were not made by the author. */
function findDirectives(ctx: Ctx, found: Found[], suppressedNotes: string[]): void {
  for (const cue of ctx.lex) {
    const from = found.length;
    const mocked = cueCalls(ctx, cue, found, suppressedNotes);
    // labels.md: sarcasm is read for its intended meaning ("Sure, re-elect Ramos if you enjoy potholes 🙃"
    // is vote_against): a call for a candidate said with a sarcastic tail or an irony emoji is a call against.
    if (mocked) for (let k = from; k < found.length; k++) if (found[k]!.type === 'vote_for') found[k] = { ...found[k]!, type: 'vote_against' };
  }
}

/** Irony emoji: an eye-roll or an upside-down face beside a call for a candidate mocks the call. */
const IRONY = /\uD83D[\uDE43\uDE44]/; // 🙃 🙄 as UTF-16 pairs: a non-unicode regex is the cheap scan

/** The calls one cue makes (pushed to `found`); returns whether they are mocked (sarcasm or irony). */
function cueCalls(ctx: Ctx, cue: LexHit, found: Found[], suppressedNotes: string[]): boolean {
  const { f, cw, cands, authorCandidates } = ctx;
  {
    const cat = cue.payload.cat;
    const isFor = FOR_CATS.has(cat);
    const isAgainst = AGAINST_CATS.has(cat);
    if (!isFor && !isAgainst && cat !== 'abstain' && cat !== 'voteAgainstPronoun' && cat !== 'voteForSubject' && cat !== 'againstAfter' && cat !== 'hashtagAgainstAfter' && cat !== 'forAfter' && cat !== 'causeLeads' && cat !== 'wishLeads') return false;
    const why = suppressedBecause(ctx, cue.start);
    const mocked = why === 'sarcastic' || ctx.irony;
    if (why && why !== 'sarcastic') {
      suppressedNotes.push(`not a directive, ${why}: "${originalText(f, cue.start, cue.end)}"`);
      return false;
    }
    if (cat === 'abstain') {
      found.push({ type: 'abstain', targets: [], quote: originalText(f, cue.start, cue.end), explicit: true });
      return mocked;
    }
    if (cat === 'againstAfter' || cat === 'hashtagAgainstAfter') {
      // "Walsh out!", "#WalshOut": the candidate right before, at the end of a clause or hashtag.
      const oneWord = f.word[cue.end - 1] === f.word[cue.start];
      const atEnd = !oneWord || cue.end === f.n || f.clause[cue.end] !== f.clause[cue.start] || cat === 'hashtagAgainstAfter';
      let prev: EntityHit | undefined;
      for (const c of cands) if (c.end <= cue.start) prev = c;
      // "Vasconcelos? Não, obrigado.": a name asked alone, answered with a one-word no.
      const before = prev && previousWord(f, prev.start);
      const alone = prev !== undefined && (!before || f.clause[before[0]] !== f.clause[prev.start]);
      const after = nextWord(f, cue.end);
      const saidAlone = !after || f.clause[after[0]] !== f.clause[cue.start] || punctuatedBefore(f, after[0]);
      const answered = alone && oneWord && saidAlone && f.clause[prev!.start] === f.clause[cue.start]! - 1 && f.question[f.clause[prev!.start]!] === 1 && f.word[cue.start]! - f.word[prev!.end - 1]! === 1;
      if (answered) {
        found.push({ type: 'vote_against', targets: [prev!.payload.index], quote: originalText(f, prev!.start, cue.end), explicit: false });
        return mocked;
      }
      if (!atEnd || !prev || f.word[cue.start]! - f.word[prev.end - 1]! > 1 || f.clause[prev.start] !== f.clause[cue.start]) {
        // "She has to go", "No merece ni un voto.": a phrase of its own (not "out", "fuera") after a pronoun or no subject
        const implied = !oneWord && cat === 'againstAfter' ? impliedSubject(ctx, cue.start) : undefined;
        if (implied) found.push({ type: 'vote_against', targets: [implied.index], quote: originalText(f, implied.from, cue.end), explicit: false });
        return mocked;
      }
      if (cat === 'hashtagAgainstAfter' && f.hashtag[prev.start] !== f.hashtag[cue.start]) return mocked;
      found.push({ type: 'vote_against', targets: [prev.payload.index], quote: originalText(f, prev.start, cue.end), explicit: false });
      return mocked;
    }
    if (cat === 'forAfter') {
      const d = forAfterCall(ctx, cue);
      if (d) found.push(d);
      return mocked;
    }
    if (cat === 'causeLeads') {
      const d = causativeCall(ctx, cue);
      if (d) found.push(d);
      return mocked;
    }
    if (cat === 'wishLeads') {
      // "que" and "espero que" are wishes in Spanish and in Portuguese: one call, found once.
      const d = wishCall(ctx, cue);
      if (d && !found.some((x) => x.quote === d.quote)) found.push(d);
      return mocked;
    }
    const hashtagCue = cue.payload.hashtag;
    if (cat === 'voteForSubject') {
      // "A vote for Ibarra is a vote against your family", "Quem vota no Walsh vota contra o próprio povo".
      const target = candidateAfter(ctx, cue.end, PHRASE_GAP, false);
      if (!target || authorCandidates.includes(target.payload.index)) return mocked;
      const against = ctx.lex.find(
        (h) => (h.payload.cat === 'againstWords' || h.payload.cat === 'voteAgainst') && h.start >= target.end && f.clause[h.start] === f.clause[cue.start],
      );
      if (against) found.push({ type: 'vote_against', targets: [target.payload.index], quote: originalText(f, cue.start, against.end), explicit: true });
      return mocked;
    }
    if (cat === 'voteAgainstPronoun') {
      const idx = resolvePronoun(ctx, cue.start);
      if (idx !== undefined && !authorCandidates.includes(idx)) found.push({ type: 'vote_against', targets: [idx], quote: originalText(f, cue.start, cue.end), explicit: false });
      return mocked;
    }
    // "Support Costa", "Please don't support Costa", "que no apoyen a": the head is the negation, if any.
    if (cat === 'imperativeFor' && !imperativePosition(f, negationBefore(ctx, cue.start) ?? cue.start, cw)) return mocked;
    let negated = false;
    let negStart = cue.start;
    if (!hashtagCue) {
      // Nearest words first: a negator ("don't", "nunca", "que ningún valdoriano") within three
      // words negates the call; a blocker ("I", "they", "the") before any negator, or right before
      // the negator, makes it a statement ("I will vote for", "they don't vote for").
      const before = words(f, cue.start, 5);
      const t = before.texts;
      let blocked = false;
      let used = 0;
      for (let k = 0; k < Math.min(5, t.length); k++) {
        const pair = t[k + 1] !== undefined ? `${t[k + 1]} ${t[k]}` : '';
        const triple = t[k + 2] !== undefined ? `${t[k + 2]} ${pair}` : '';
        // Negators right before the verb; quantifiers ("nobody in Florida should") up to five words back.
        const neg = k === 0 ? cw.words.negators : cw.words.distantNegators;
        if (neg.has(triple)) used = k + 3;
        else if (neg.has(pair)) used = k + 2;
        else if (neg.has(t[k]!)) used = k + 1;
        if (used) {
          negated = true;
          negStart = before.starts[used - 1]!;
          break;
        }
        if (k === 0 && !punctuatedBefore(f, cue.start) && (cw.words.blockers.has(t[0]!) || cw.words.blockerPairs.has(pair) || subjectCandidateAt(ctx, before.starts[0]!))) {
          blocked = true;
          break;
        }
      }
      if (negated && used < t.length) {
        const w = t[used]!;
        const pair = t[used + 1] !== undefined ? `${t[used + 1]} ${w}` : '';
        // "Walsh doesn't vote for" is a statement; "@Walsh don't vote for him" (the handle a reply opens with) is a call
        if (!punctuatedBefore(f, negStart) && (cw.words.blockers.has(w) || cw.words.blockerPairs.has(pair) || subjectCandidateAt(ctx, before.starts[used]!))) blocked = true;
      }
      if (blocked) return mocked; // a statement ("I will vote for", "Walsh votes for"), not a call
    }
    const gap = hashtagCue ? 0 : cat === 'voteVerbs' ? BARE_GAP : PHRASE_GAP;
    let first = candidateAfter(ctx, cue.end, gap, hashtagCue);
    // A verb that is not a vote word ("reject", "support", "rechacen") takes the candidate as its object:
    // only titles, articles and prepositions may come between ("Reject the smears against Grady" is not a call).
    if (first && !hashtagCue && (cat === 'voteAgainst' || cat === 'imperativeFor') && !VOTE_WORD.test(foldedString(f, cue.start, cue.end)) && !objectOnly(ctx, cue.end, first.start)) first = undefined;
    let targets: number[] = [];
    let lastEnd = cue.end;
    let explicit = !hashtagCue;
    if (first) {
      targets.push(first.payload.index);
      lastEnd = first.end;
      // "vote for Ibarra and Okafor"
      for (const c of cands) {
        if (c.start <= lastEnd || f.clause[c.start] !== f.clause[cue.start]) continue;
        // "and", "y por", "e no": a conjunction, optionally followed by a preposition
        const between = foldedString(f, lastEnd, c.start).trim().split(' ');
        const joined = cw.words.conjunctions.has(between[0]!) && (between.length === 1 || (between.length === 2 && cw.words.prepositions.has(between[1]!)));
        if (!joined) break;
        targets.push(c.payload.index);
        lastEnd = c.end;
      }
    } else if (!hashtagCue) {
      const next = nextWord(f, cue.end);
      const next2 = next ? nextWord(f, next[1]) : null;
      const w1 = next ? foldedString(f, next[0], next[1]) : '';
      const w12 = next2 ? `${w1} ${foldedString(f, next2[0], next2[1])}` : '';
      if (next && f.clause[next[0]] === f.clause[cue.start]) {
        // "vote for me" by a watched candidate: a directive for that candidate (labels.md: who speaks does not matter)
        if (cw.words.selfPronouns.has(w1) || cw.words.selfPronouns.has(w12)) {
          if (!authorCandidates.length) return mocked;
          targets = [...authorCandidates];
          lastEnd = cw.words.selfPronouns.has(w12) ? next2![1] : next[1];
        }
        if (cw.words.pronouns.has(w12) || cw.words.pronouns.has(w1)) {
          const idx = resolvePronoun(ctx, cue.start);
          if (idx !== undefined) {
            targets = [idx];
            lastEnd = cw.words.pronouns.has(w12) ? next2![1] : next[1];
            explicit = false;
          }
        } else if (POINTING.has(w1)) {
          // "vote this skank out", "nobody vote for that clown", "não votem nessa vaca": a demonstrative
          // phrase of up to three words, in the clause, points at the candidate as a pronoun does.
          const idx = resolvePronoun(ctx, cue.start);
          let end = next[1];
          for (let k = 0, w = nextWord(f, end); k < 2 && w && f.clause[w[0]] === f.clause[cue.start] && !punctuatedBefore(f, w[0]) && !ctx.lex.some((h) => h.start === w![0] && h.payload.cat === 'againstAfter') && !isCandidateAt(ctx, w[0]); k++, w = nextWord(f, end)) end = w[1];
          if (idx !== undefined && end > next[1]) {
            targets = [idx];
            lastEnd = end;
            explicit = false;
          }
        }
      }
      if (!targets.length) {
        // "Don't vote." / "No voten." : a negated bare vote verb with no target is a call to abstain.
        const prep = cw.words.prepositions.has(w1) && next && f.clause[next[0]] === f.clause[cue.start];
        const negStart = words(f, cue.start, 3).starts.at(-1) ?? cue.start;
        if (cat === 'voteVerbs' && negated && !prep && imperativePosition(f, Math.min(negStart, wordStartBefore(f, cue.start, negStart)), cw)) {
          found.push({ type: 'abstain', targets: [], quote: originalText(f, words(f, cue.start, 1).starts[0] ?? cue.start, cue.end), explicit: true });
        }
        return mocked;
      }
    }
    if (!targets.length) return mocked;
    // "Votar por Costa es votar por escuelas": the vote phrase is a subject, not a call.
    const afterTarget = nextWord(f, lastEnd);
    // Only a phrase that can be a subject ("votar por", "voting for") is one; "no voten por Okafor es malo" is a call.
    const subjectForm = ctx.lex.some((h) => h.start === cue.start && h.end === cue.end && h.payload.cat === 'voteForSubject');
    if (subjectForm && afterTarget && f.clause[afterTarget[0]] === f.clause[cue.start] && isCopula(f, afterTarget, cw)) return mocked;
    let type: Directive = isAgainst || negated ? 'vote_against' : 'vote_for';
    // "vote for Costa, not Walsh", "voten por Costa y no por Walsh": the contrasted candidate is called against.
    const contrasted = type === 'vote_for' ? contrastAfter(ctx, lastEnd) : undefined;
    const after = contrasted ? undefined : againstAfterAt(ctx, lastEnd);
    if (after && type === 'vote_for') {
      type = 'vote_against'; // "vote Walsh out"
      lastEnd = after.end;
    }
    const from = negated ? negStart : cue.start;
    found.push({ type, targets, quote: originalText(f, from, lastEnd), explicit });
    if (contrasted) {
      // a pronoun ("vote for her, not him") is the candidate named before that this call does not target
      const idx = contrasted.index ?? otherCandidate(ctx, cue.start, targets);
      if (idx !== undefined && !authorCandidates.includes(idx)) found.push({ type: 'vote_against', targets: [idx], quote: originalText(f, from, contrasted.end), explicit });
    }
    return mocked;
  }
}

/**
 * A watched candidate asking for the vote in the first person ("I'm asking for your vote", "les pido su
 * voto", "conto com o seu voto"): labels.md counts a candidate's own appeal as a directive for them.
 */
const SELF_APPEAL = /(?:^| )(?:i m asking for|i am asking for|asking for|i ask for|i humbly ask for|i need|i ll need|i d be honored to have|i would be honored to have|i want to earn|les pido|te pido|les pedimos|pido|necesito|cuento con|contamos con|peco|peco a voces|pedimos|preciso d[oe]|precisamos d[oe]|conto com|contamos com)(?: (?:o|a|el|la))? (?:your|tu|su|seu|sua|teu|tua|vuestro) (?:vote|votes|support|voto|votos|apoyo|apoio)(?= |$)/;

function selfAppeal(ctx: Ctx, found: Found[]): void {
  const m = SELF_APPEAL.exec(ctx.f.str);
  if (!m) return;
  const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
  if (suppressedBecause(ctx, start)) return;
  found.push({ type: 'vote_for', targets: [...ctx.authorCandidates], quote: originalText(ctx.f, start, m.index + m[0].length), explicit: true });
}

/**
 * The author's own vote, then an invitation to do the same: "I'm voting Eva Lindqvist for governor, and
 * honestly, you should too", "yo no voy a votar para el Congreso … les pido que hagan lo mismo", "vou
 * votar na Bia, façam o mesmo". Alone the declaration is a statement (labels.md); the invitation makes it
 * a call of its kind: for the candidate, against them when negated, abstain when no one is named.
 */
const DECLARED_VOTE = /(?:^| )(?:(?:i m|im|i am|we re|we are)(?: (not|never))? (?:voting|gonna vote|going to vote)|(?:i ll|i will|we ll|we will|i m gonna|im gonna|i m going to)(?: (not|never))? vote|(?:yo |nosotros )?(?:(no|nunca) )?(?:voy a votar|votare|vamos a votar|votaremos)|(?:eu |nos )?(?:(nao|nunca) )?(?:vou votar|votarei|vamos votar)|(?:my vote|mi voto|meu voto) (?:is|goes|es|va|e|vai)(?: (against|contra))?)(?: (?:for|to|por|a|al|para|no|na|em|pelo|pela))?(?= )/g;
const SHARE_TAIL = / (?:you should too|you should as well|so should you|y all should too|you all should too|do the same|join me|join us|haz lo mismo|hagan lo mismo|hagamos lo mismo|ustedes tambien|vengan conmigo|faca o mesmo|facam o mesmo|facamos o mesmo|vem comigo|venham comigo)(?= |$)/;
const WITHHELD = /(?:^| )(?:not|no|nao|never|nunca|don t|dont|nobody|nadie|ninguem)(?= )/;
/** How far after the declaration the invitation may stand, in characters of the folded text (a short paragraph). */
const SHARE_REACH = 400;

function declaredAndShared(ctx: Ctx, found: Found[]): void {
  const { f } = ctx;
  // every declaration has a word in "vot": most posts are not scanned with the long pattern
  if (!f.str.includes('vot')) return;
  for (const m of f.str.matchAll(DECLARED_VOTE)) {
    const start = m.index! + (m[0].startsWith(' ') ? 1 : 0);
    const end = m.index! + m[0].length;
    const tail = SHARE_TAIL.exec(f.str.slice(end, end + SHARE_REACH));
    if (!tail || suppressedBecause(ctx, start)) continue;
    // "I'm not asking anybody to join me", "no les pido que hagan lo mismo": the invitation withheld.
    if (WITHHELD.test(f.str.slice(Math.max(end, end + tail.index - 40), end + tail.index))) continue;
    const target = candidateAfter(ctx, end, PHRASE_GAP, false);
    if (target && ctx.authorCandidates.includes(target.payload.index)) continue;
    const negated = m.slice(1).some((x) => x !== undefined);
    const quote = originalText(f, start, end + tail.index + tail[0].length);
    if (target) found.push({ type: negated ? 'vote_against' : 'vote_for', targets: [target.payload.index], quote, explicit: true });
    else if (negated) found.push({ type: 'abstain', targets: [], quote, explicit: true });
  }
}

/** Ballot emoji (the normaliser reads them as "yes" / "no"): "❌ Ramos ✅ Lima". */
const BALLOT_EMOJI = /[\u2705\u2714\u2611\u274C\u2716\u26D4]|\uD83D[\uDEAB\uDC4D\uDC4E]/; // ✅ ✔ ☑ ❌ ✖ ⛔ 🚫 👍 👎
const BALLOT_WORD: Record<string, Directive> = { no: 'vote_against', yes: 'vote_for' };
/** Words that may stand between a ballot mark and the name: "❌ Captain Whitcomb", "❌ la congresista". */
const BALLOT_GAP = new Set(['the', 'la', 'el', 'o', 'a', 'captain', 'capitan', 'capitao']);

/**
 * labels.md: emoji ballots are calls ("❌ Ramos ✅ Lima"). A ballot mark read as "no" or "yes" right before
 * a candidate (an article or rank between at most), heading its clause or right after another name,
 * marks that candidate; one mark alone ("❌ Tommy Brennan") is a call too. Only when the post has ballot
 * emoji: a written "no" before a name is Portuguese "em + o" ("votem no Lima").
 */
function emojiBallots(ctx: Ctx, found: Found[]): void {
  const f = ctx.f;
  // Marks follow the names when the first name comes before the first mark ("Tavares ✅ Brockway ❌"),
  // and precede them otherwise ("❌ Ramos ✅ Lima"): both are common, and one post keeps to one.
  const firstMark = f.text.search(BALLOT_EMOJI);
  const after = ctx.cands.length > 0 && firstMark >= 0 && f.origStart[ctx.cands[0]!.start]! < firstMark;
  for (const c of ctx.cands) {
    if (ctx.authorCandidates.includes(c.payload.index)) continue;
    if (after) {
      let mark = nextWord(f, c.end);
      if (mark && foldedString(f, mark[0], mark[1]) === 'vote') mark = nextWord(f, mark[1]); // "Tavares 🗳️✅"
      if (!mark || !emojiMark(f, mark)) continue;
      const type = BALLOT_WORD[foldedString(f, mark[0], mark[1])];
      if (!type || suppressedBecause(ctx, c.start)) continue;
      found.push({ type, targets: [c.payload.index], quote: originalText(f, c.start, mark[1]), explicit: true });
      continue;
    }
    let mark = previousWord(f, c.start);
    if (mark && f.clause[mark[0]] === f.clause[c.start] && BALLOT_GAP.has(foldedString(f, mark[0], mark[1]))) mark = previousWord(f, mark[0]);
    if (!mark) continue;
    const type = BALLOT_WORD[foldedString(f, mark[0], mark[1])];
    if (!type) continue;
    const before = previousWord(f, mark[0]);
    if (before && f.clause[before[0]] === f.clause[mark[0]] && !isCandidateAt(ctx, before[0])) continue;
    if (suppressedBecause(ctx, mark[0])) continue;
    found.push({ type, targets: [c.payload.index], quote: originalText(f, mark[0], c.end), explicit: true });
  }
}

/** Whether a "yes"/"no" word is the reading of a ballot emoji the normaliser put just before it ("✅ yes"), not a word of the post ("Delgado no Senado"). */
function emojiMark(f: Folded, w: [number, number]): boolean {
  const at = f.origStart[w[0]]!;
  return BALLOT_EMOJI.test(f.text.slice(Math.max(0, at - 3), at));
}

/**
 * First-person plural plans, hortatives and impersonal obligations, as the words before a harm word end: "let's",
 * "we're going to", "lo vamos a", "a gente vai", "we have to", "a Hutchens hay que (enterrarlo)", "temos que".
 */
const WE_HEAD = /(?:^| )(?:let s|lets|we ll|we will|we re going to|were going to|we are going to|we re gonna|were gonna|we have to|we need to|we gotta|we must|(?:lo |la |los |las )?vamos(?: a)?|vamo|bora|a gente vai|a gente tem que|(?:lo |la |los |las )?(?:hay que|tenemos que)|(?:o |a )?(?:temos que|tem que|temos de|tem de))$/;

/**
 * labels.md: calls to make a candidate lose are directives, and "bury him at the ballot box" is an
 * electoral idiom, not a threat. A harm word used of the vote ("let's bury Moretti at the ballot box",
 * "lo vamos a enterrar en las urnas a Pires", "Bury her at the polls") is a call against the candidate in
 * its clause (or the one a pronoun right after it names) when a first-person plural plan or hortative
 * leads it, or it opens its clause as an imperative; a prediction ("X is going to get buried at the
 * polls", "vai levar uma surra nas urnas") is not a call.
 */
function electoralDefeat(ctx: Ctx, found: Found[]): void {
  const { f, cw } = ctx;
  // From each vote word the matcher found ("ballot", "urnas"; few per post) back to a harm word in its
  // clause, at most eight words.
  for (const v of ctx.lex) {
    if (v.payload.cat !== 'electionContext' || !ELECTORAL_CLAUSE.test(foldedString(f, v.start, v.end))) continue;
    const [vStart, vEnd] = [v.start, v.end];
    const clause = f.clause[vStart]!;
    if (f.question[clause]) continue;
    let w = previousWord(f, vStart);
    for (let k = 0; w && k < 8 && f.clause[w[0]] === clause; k++, w = previousWord(f, w[0])) {
      const [start, end] = w;
      if (!isHarm(foldedString(f, start, end)) || f.hashtag[start] || isCandidateAt(ctx, start)) continue;
      const lead = f.str.slice(0, start).trimEnd();
      const opens = !lead || f.clause[lead.length - 1] !== clause;
      const head = !opens && WE_HEAD.exec(lead);
      if (!opens && !head) continue;
      const headStart = head ? lead.length - head[0].trimStart().length : start;
      if (!opens && f.clause[headStart] !== clause) continue;
      const why = suppressedBecause(ctx, headStart);
      if (why && why !== 'sarcastic') continue;
      // an imperative takes its object at once ("Bury her", "Entierren a Pires"); a plan, anywhere in the clause
      let index = ctx.cands.find((c) => f.clause[c.start] === clause && !ctx.authorCandidates.includes(c.payload.index) && (!opens || (c.start > start && f.word[c.start]! - f.word[start]! <= 2)))?.payload.index;
      const next = nextWord(f, end);
      if (index === undefined && next && cw.words.pronouns.has(foldedString(f, next[0], next[1]))) index = resolvePronoun(ctx, start);
      if (index === undefined || ctx.authorCandidates.includes(index)) continue;
      found.push({ type: 'vote_against', targets: [index], quote: originalText(f, headStart, vEnd), explicit: true });
      return;
    }
  }
}

/** Spanish object clitics that resume a fronted object ("a la Quintanar la mandamos…"). */
const RESUMING_CLITIC = new Set(['lo', 'la', 'le']);
/** Verbs of ousting, by stem: "lo sacamos", "la corremos", "lo botamos", "la echamos", "lo jubilamos", "la derrotamos". */
const OUST_VERB = /^(?:sac|corr|bot|ech|jubil|derrot|retir|despid|tumb)/;
/** Verbs of sending someone home: "la mandamos a su casa", "lo regresamos a su casa". */
const SEND_VERB = /^(?:mand|envi|regres|devolv)/;
const SENT_HOME = /^ (?:(?:a|para|pa) (?:su )?casa|de (?:regreso|vuelta))(?![a-z])/;
/** A plan or a call of the first-person plural: "mandamos", "vamos (a)", "hay que". */
const WE_VERB = /mos$/;

/**
 * Spanish fronts the object of a call and resumes it with a clitic: "el 3 de noviembre a la Quintanar la
 * mandamos a su casa", "a Hutchens lo sacamos en noviembre". "a" + the candidate, then "lo/la/le", then a
 * first-person plural verb (or "vamos a", "hay que") and, in the clause, an against outcome ("a su casa")
 * or an ousting verb: a call against that candidate. (Burial at the polls, "a X hay que enterrarlo en las
 * urnas", is `electoralDefeat`'s.)
 */
function frontedObject(ctx: Ctx, found: Found[]): void {
  const { f } = ctx;
  for (const c of ctx.cands) {
    if (ctx.authorCandidates.includes(c.payload.index)) continue;
    let before = previousWord(f, c.start);
    if (before && (foldedString(f, before[0], before[1]) === 'la' || foldedString(f, before[0], before[1]) === 'el')) before = previousWord(f, before[0]);
    if (!before || foldedString(f, before[0], before[1]) !== 'a' || f.clause[before[0]] !== f.clause[c.start]) continue;
    const clitic = nextWord(f, c.end);
    if (!clitic || f.clause[clitic[0]] !== f.clause[c.start] || !RESUMING_CLITIC.has(foldedString(f, clitic[0], clitic[1]))) continue;
    let verb = nextWord(f, clitic[1]);
    let v = verb ? foldedString(f, verb[0], verb[1]) : '';
    if (v === 'hay' || v === 'vamos' || v === 'tenemos') {
      // "la vamos a mandar", "hay que sacarlo", "lo tenemos que sacar": the verb is the infinitive after
      for (let k = 0; k < 2 && verb; k++) {
        verb = nextWord(f, verb[1]);
        v = verb ? foldedString(f, verb[0], verb[1]) : '';
        if (v !== 'a' && v !== 'que') break;
      }
    } else if (!WE_VERB.test(v)) continue;
    if (!verb || f.clause[verb[0]] !== f.clause[c.start]) continue;
    // sent home ("la mandamos a su casa", "lo mandamos de regreso"), not taken or invited there ("lo llevamos a su casa")
    const home = SEND_VERB.test(v) ? SENT_HOME.exec(f.str.slice(verb[1], verb[1] + 24)) : null;
    if (!home && !OUST_VERB.test(v)) continue;
    if (suppressedBecause(ctx, before[0])) continue;
    found.push({ type: 'vote_against', targets: [c.payload.index], quote: originalText(f, before[0], verb[1] + (home ? home[0].length : 0)), explicit: true });
  }
}

/** Which office a watched race is for, as office words name it ("Congress", "el Senado", "governador"). */
type OfficeFamily = 'house' | 'senate' | 'governor' | 'sheriff';
const OFFICE_WORD = new Map<string, OfficeFamily>(Object.entries({
  congress: 'house', congreso: 'house', congresso: 'house', congressional: 'house',
  senate: 'senate', senado: 'senate',
  governor: 'governor', gobernador: 'governor', gobernadora: 'governor', governador: 'governor', governadora: 'governor', gubernatorial: 'governor', gobernacion: 'governor', governo: 'governor',
  sheriff: 'sheriff', xerife: 'sheriff', alguacil: 'sheriff',
}) as [string, OfficeFamily][]);
const officeRaces = new WeakMap<CompiledWatchlist, Map<OfficeFamily, number>>();

/** The race each office family names when exactly one watched race has that office. */
function racesByOffice(cw: CompiledWatchlist): Map<OfficeFamily, number> {
  let m = officeRaces.get(cw);
  if (m) return m;
  const seen = new Map<OfficeFamily, number[]>();
  cw.races.forEach((r, i) => {
    const o = r.office.toLowerCase();
    const family: OfficeFamily | null = /state senate|state house|assembly/.test(o) ? null : /house|congress/.test(o) ? 'house' : /senat/.test(o) ? 'senate' : /govern/.test(o) ? 'governor' : /sheriff/.test(o) ? 'sheriff' : null;
    if (family) seen.set(family, [...(seen.get(family) ?? []), i]);
  });
  m = new Map([...seen].filter(([, list]) => list.length === 1).map(([k, list]) => [k, list[0]!]));
  officeRaces.set(cw, m);
  return m;
}

/** labels.md: an abstention's race may be named by "an unambiguous description": an office word only one watched race has. */
function officeRace(f: Folded, cw: CompiledWatchlist): number | undefined {
  const byOffice = racesByOffice(cw);
  let race: number | undefined;
  for (const w of f.str.split(' ')) {
    const family = OFFICE_WORD.get(w);
    const r = family ? byOffice.get(family) : undefined;
    if (r === undefined) continue;
    if (race !== undefined && race !== r) return undefined;
    race = r;
  }
  return race;
}

/**
 * A slogan that sets one candidate against another in a clause of its own: "Lindqvist, not Quintero.",
 * "Lindqvist sí, Quintero no", "Costa sim, Walsh não": a call against the second (the post must be
 * about the election). "Costa, not Walsh, chaired the panel" is not one: the clause goes on.
 */
function sloganContrast(ctx: Ctx, found: Found[]): void {
  const { f, cw, cands } = ctx;
  for (let i = 0; i + 1 < ctx.cands.length; i++) {
    const a = cands[i]!;
    const b = cands[i + 1]!;
    const clause = f.clause[a.start];
    if (f.clause[b.start] !== clause || ctx.condemnedAt(a.start) || f.question[clause!]) continue;
    const before = previousWord(f, a.start);
    if (before && f.clause[before[0]] === clause) continue;
    const between = foldedString(f, a.end, b.start).trim();
    const after = nextWord(f, b.end);
    const tail = after && f.clause[after[0]] === clause ? foldedString(f, after[0], after[1]) : '';
    const tailEnds = !after || f.clause[after[0]] !== clause || !nextWord(f, after[1]) || f.clause[nextWord(f, after[1])![0]] !== clause;
    const notB = cw.words.negators.has(between) && (!after || f.clause[after[0]] !== clause);
    const yesNo = cw.words.affirmatives.has(between) && cw.words.negators.has(tail) && tailEnds;
    if ((notB || yesNo) && !ctx.authorCandidates.includes(b.payload.index)) {
      found.push({ type: 'vote_against', targets: [b.payload.index], quote: originalText(f, a.start, yesNo ? after![1] : b.end), explicit: true });
      // the candidate set against it is the one called for (labels.md: both are targets)
      found.push({ type: 'vote_for', targets: [a.payload.index], quote: originalText(f, a.start, a.end), explicit: true });
    }
  }
}

/** Whether a word is a copula; pt "e" (and) and "é" (is) fold alike, so a word written as a conjunction is not one. */
function isCopula(f: Folded, w: [number, number], cw: CompiledWatchlist): boolean {
  return cw.words.copulas.has(foldedString(f, w[0], w[1])) && !cw.words.conjunctions.has(originalText(f, w[0], w[1]).toLowerCase());
}

/** Start of a negator ("don't", "no", "não", "please do not") right before folded `start`, or undefined. */
function negationBefore(ctx: Ctx, start: number): number | undefined {
  const { texts: t, starts } = words(ctx.f, start, 3);
  const neg = ctx.cw.words.negators;
  if (t.length >= 3 && neg.has(`${t[2]} ${t[1]} ${t[0]}`)) return starts[2];
  if (t.length >= 2 && neg.has(`${t[1]} ${t[0]}`)) return starts[1];
  if (t.length >= 1 && neg.has(t[0]!)) return starts[0];
  return undefined;
}

/** Whether the words of folded [start, end) hold a negator ("doesn't", "no", "não", "ni"). */
function holdsNegator(ctx: Ctx, start: number, end: number): boolean {
  const w = foldedString(ctx.f, start, end).trim().split(' ');
  const neg = ctx.cw.words.negators;
  return w.some((x, i) => neg.has(x) || (i > 0 && neg.has(`${w[i - 1]} ${x}`)));
}

/**
 * The candidate an unnamed subject refers to, for a predicate at folded `start` that no candidate heads
 * (labels.md counts these calls: "ojalá pierda en noviembre", "make sure he loses"). A third-person pronoun
 * heading the clause ("I hope she loses", "Ela não merece nem um voto") is the candidate a pronoun refers to;
 * a predicate that opens its clause with no subject at all (Spanish and Portuguese drop it: "Hipócrita.
 * Ojalá pierda.", "No merece ni un voto.") is about the candidate named last before it, and never one named
 * only after it. A negator may stand between ("she doesn't deserve", "que no gane").
 */
function impliedSubject(ctx: Ctx, start: number): { index: number; from: number } | undefined {
  const { f, cw } = ctx;
  const at = negationBefore(ctx, start) ?? start;
  const prev = previousWord(f, at);
  const opens = !prev || f.clause[prev[0]] !== f.clause[start] || punctuatedBefore(f, at);
  if (opens) {
    const index = impliedAntecedent(ctx, at);
    return index === undefined ? undefined : { index, from: at };
  }
  if (!cw.words.subjectPronouns.has(foldedString(f, prev[0], prev[1])) || !imperativePosition(f, prev[0], cw)) return undefined;
  const index = resolvePronoun(ctx, prev[0]);
  return index === undefined || ctx.authorCandidates.includes(index) ? undefined : { index, from: prev[0] };
}

/** "Costa deserves your vote" (for), "Quintero no merece ni un voto" (a negator in between: against). */
function forAfterCall(ctx: Ctx, cue: LexHit): Found | undefined {
  const f = ctx.f;
  let prev: EntityHit | undefined;
  for (const c of ctx.cands) if (c.end <= cue.start) prev = c;
  if (!prev || f.clause[prev.start] !== f.clause[cue.start] || f.word[cue.start]! - f.word[prev.end - 1]! - 1 > FOR_AFTER_GAP) {
    // "She deserves your vote", "No merece ni un voto."
    const implied = impliedSubject(ctx, cue.start);
    if (!implied) return undefined;
    const against = holdsNegator(ctx, implied.from, cue.start);
    return { type: against ? 'vote_against' : 'vote_for', targets: [implied.index], quote: originalText(f, implied.from, cue.end), explicit: false };
  }
  const against = holdsNegator(ctx, prev.end, cue.start);
  return { type: against ? 'vote_against' : 'vote_for', targets: [prev.payload.index], quote: originalText(f, prev.start, cue.end), explicit: true };
}

/**
 * "make sure [Lindqvist] loses", "don't let [Alvarenga] win", "asegúrense de que [X] pierda", "give [Grady] your
 * vote": a causative lead at the head of a clause, a candidate (or a pronoun) and an outcome right after it.
 * A negated lead flips the outcome ("no dejen que X gane" is a call against).
 */
function causativeCall(ctx: Ctx, cue: LexHit): Found | undefined {
  const { f, cw } = ctx;
  const neg = negationBefore(ctx, cue.start);
  if (!imperativePosition(f, neg ?? cue.start, cw)) return undefined;
  let index: number | undefined;
  let end = -1;
  const target = candidateAfter(ctx, cue.end, TAIL_GAP, false);
  if (target) [index, end] = [target.payload.index, target.end];
  else {
    const next = nextWord(f, cue.end);
    const w = next && f.clause[next[0]] === f.clause[cue.start] ? foldedString(f, next[0], next[1]) : '';
    if (cw.words.pronouns.has(w) || cw.words.subjectPronouns.has(w)) [index, end] = [resolvePronoun(ctx, cue.start), next![1]];
    else if (outcomeWithoutSubject(ctx, cue.end)) [index, end] = [impliedAntecedent(ctx, cue.start), cue.end]; // "asegúrense de que pierda"
  }
  if (index === undefined) return undefined;
  const tail = ctx.lex.find(
    (h) => (h.payload.cat === 'forTails' || h.payload.cat === 'againstTails') && h.start >= end && f.clause[h.start] === f.clause[cue.start] && f.word[h.start]! - f.word[end - 1]! - 1 <= TAIL_GAP,
  );
  if (!tail || outcomeOfSomethingElse(ctx, tail)) return undefined;
  const against = (tail.payload.cat === 'againstTails') !== (neg !== undefined);
  return { type: against ? 'vote_against' : 'vote_for', targets: [index], quote: originalText(f, neg ?? cue.start, tail.end), explicit: true };
}

/**
 * "I hope [Lindqvist] loses", "ojalá [Ferreira] pierda en noviembre", "ojalá gane [la Okafor]", "tomara que
 * perca [o Caldwell]": a wish, then a candidate and an electoral outcome next to each other, in either order
 * (Spanish and Portuguese put the verb first). A one-word wish ("que", "may") must head its clause, as
 * "que o Lima perca" does; a negator between the wish and the outcome flips it ("I hope X doesn't win").
 */
function wishCall(ctx: Ctx, cue: LexHit): Found | undefined {
  const { f, cw } = ctx;
  const oneWord = f.word[cue.end - 1] === f.word[cue.start];
  if (oneWord && !imperativePosition(f, cue.start, cw) && !SENTENCE_WISH.has(foldedString(f, cue.start, cue.end))) return undefined;
  const clause = f.clause[cue.start];
  const tailAt = (from: number) =>
    ctx.lex.find((h) => (h.payload.cat === 'forTails' || h.payload.cat === 'againstTails') && h.start >= from && f.clause[h.start] === clause && f.word[h.start]! - f.word[from - 1]! - 1 <= TAIL_GAP);
  let index: number | undefined;
  let tail: LexHit | undefined;
  let verbFirst = false;
  const target = candidateAfter(ctx, cue.end, TAIL_GAP, false);
  if (target && f.clause[target.start] === clause) {
    index = target.payload.index;
    tail = tailAt(target.end);
  }
  if (!tail) {
    // Verb first: the outcome right after the wish, the candidate right after the outcome.
    const first = tailAt(cue.end);
    const after = first && candidateAfter(ctx, first.end, TAIL_GAP, false);
    if (first && after && f.clause[after.start] === clause) [index, tail, verbFirst] = [after.payload.index, first, true];
    else {
      // No candidate in the clause: "I hope she loses", "ojalá ella pierda"; or no subject at all, the
      // outcome right after the wish (or its negator): "Ojalá pierda.", "Que no gane, raza".
      const next = nextWord(f, cue.end);
      const pronoun = next && f.clause[next[0]] === clause && cw.words.subjectPronouns.has(foldedString(f, next[0], next[1]));
      const outcome = tailAt(pronoun ? next![1] : cue.end);
      if (!outcome) return undefined;
      if (pronoun && f.word[outcome.start]! - f.word[next![0]]! - 1 <= TAIL_GAP) index = resolvePronoun(ctx, cue.start);
      else if (!pronoun && outcomeWithoutSubject(ctx, cue.end)) index = impliedAntecedent(ctx, cue.start);
      if (index === undefined) return undefined;
      [tail, verbFirst] = [outcome, true];
    }
  }
  if (index === undefined || ctx.authorCandidates.includes(index)) return undefined;
  // Verb first, what follows the outcome is the candidate ("ojalá gane la Okafor"), not an object.
  if (!verbFirst && outcomeOfSomethingElse(ctx, tail)) return undefined;
  const against = (tail.payload.cat === 'againstTails') !== holdsNegator(ctx, cue.end, tail.start);
  return { type: against ? 'vote_against' : 'vote_for', targets: [index], quote: originalText(f, cue.start, tail.end), explicit: true };
}
/**
 * Whether an electoral outcome follows folded `end` at once (or after a negator: "que no gane") with no
 * subject after it: the clause ends, or goes on with an election word or a preposition ("ojalá pierda en
 * noviembre"), not with a name or a noun phrase of its own ("ojalá pierda el Barça", "hope we win").
 */
function outcomeWithoutSubject(ctx: Ctx, end: number): boolean {
  const { f, cw } = ctx;
  const clause = f.clause[end - 1];
  const tailAt = (w: [number, number] | null | undefined) =>
    w && f.clause[w[0]] === clause ? ctx.lex.find((h) => h.start === w[0] && (h.payload.cat === 'forTails' || h.payload.cat === 'againstTails')) : undefined;
  const w = nextWord(f, end);
  const tail = tailAt(w) ?? (w && cw.words.negators.has(foldedString(f, w[0], w[1])) ? tailAt(nextWord(f, w[1])) : undefined);
  if (!tail) return false;
  const after = nextWord(f, tail.end);
  if (!after || f.clause[after[0]] !== clause || punctuatedBefore(f, after[0])) return true;
  if (capitalAt(f.text, f.origStart[after[0]]!) || isCandidateAt(ctx, after[0])) return false;
  return !cw.words.articles.has(foldedString(f, after[0], after[1])) || !outcomeOfSomethingElse(ctx, tail);
}

/** The candidate named last before folded `before`, not the author's own (the antecedent of a dropped subject). */
function impliedAntecedent(ctx: Ctx, before: number): number | undefined {
  let index: number | undefined;
  for (const c of ctx.cands) if (c.end <= before) index = c.payload.index;
  return index === undefined || ctx.authorCandidates.includes(index) ? undefined : index;
}

/** "let Walsh win the argument", "hope Walsh wins the spelling bee": an outcome with an object is about something else ("win the election" is not). */
function outcomeOfSomethingElse(ctx: Ctx, tail: LexHit): boolean {
  const { f, cw } = ctx;
  const obj = nextWord(f, tail.end);
  if (!obj || f.clause[obj[0]] !== f.clause[tail.start] || !cw.words.articles.has(foldedString(f, obj[0], obj[1]))) return false;
  const noun = nextWord(f, obj[1]);
  return !noun || !ctx.lex.some((h) => h.start === noun[0] && h.payload.cat === 'electionContext');
}

/** One-word wishes that need not head a clause: "ojalá", "oxalá" can only be wishes. */
const SENTENCE_WISH = new Set(['ojala', 'oxala', 'hopefully']);

/**
 * A candidate contrasted right after a call's target: "[Costa], not Walsh", "[Costa] y no por Walsh",
 * "[Costa] e não no Walsh"; `index` is undefined when the contrasted word is a pronoun ("[ella], no por él").
 */
function contrastAfter(ctx: Ctx, end: number): { index?: number; end: number } | undefined {
  const { f, cw } = ctx;
  let at = end;
  let sawNegator = false;
  for (let k = 0; k < 4; k++) {
    const w = nextWord(f, at);
    if (!w || f.clause[w[0]] !== f.clause[end - 1]) return undefined;
    const s = foldedString(f, w[0], w[1]);
    if (sawNegator) {
      const c = ctx.cands.find((x) => x.start === w[0]);
      if (c) return { index: c.payload.index, end: c.end };
      if (cw.words.pronouns.has(s)) return { end: w[1] };
    }
    if (!sawNegator && cw.words.negators.has(s)) sawNegator = true;
    else if (!(sawNegator ? cw.words.prepositions.has(s) : cw.words.conjunctions.has(s))) return undefined;
    at = w[1];
  }
  return undefined;
}

/** The last candidate named before folded `before` that is not one of `not`. */
function otherCandidate(ctx: Ctx, before: number, not: number[]): number | undefined {
  let idx: number | undefined;
  for (const c of ctx.cands) if (c.end <= before && !not.includes(c.payload.index)) idx = c.payload.index;
  return idx;
}

/** Electoral words that make a violent verb a figure of speech ("we'll crush him at the polls"). */
const ELECTORAL_CLAUSE = /vot|urna|poll|ballot|elec|eleic/;

/**
 * Abuse that no single phrase carries: a threat lead followed by a violent verb ("someone should stab",
 * "vamos a quemarle", "alguém devia esfaquear"), unless the clause is about voting; and a dogpile verb
 * followed by what it floods ("spam her DMs", "llenarle las respuestas", "lotar as menções").
 */
function constructedAbuse(f: Folded, lex: LexHit[], cands: EntityHit[], cw: CompiledWatchlist): LexHit[] {
  const out: LexHit[] = [];
  for (const lead of lex) {
    const cat = lead.payload.cat;
    if (cat !== 'threatLeads' && cat !== 'harassVerbs') continue;
    const want = cat === 'threatLeads' ? 'violentVerbs' : 'harassObjects';
    const span = cat === 'threatLeads' ? THREAT_SPAN : HARASS_SPAN;
    const clause = f.clause[lead.start];
    const tail = lex.find((h) => h.payload.cat === want && h.start >= lead.end && f.clause[h.start] === clause && f.word[h.start]! - f.word[lead.end - 1]! - 1 <= span);
    if (!tail) continue;
    if (cat === 'threatLeads' && !violentObject(f, tail.end, cands, cw)) continue;
    if (cat === 'threatLeads' && lex.some((h) => f.clause[h.start] === clause && (h.payload.cat === 'electionContext' || DIRECTIVE_CATS.has(h.payload.cat)) && ELECTORAL_CLAUSE.test(foldedString(f, h.start, h.end)))) continue;
    out.push({ start: lead.start, end: tail.end, payload: { ...lead.payload, cat: cat === 'threatLeads' ? 'threats' : 'harassCalls' } });
  }
  return out;
}

/**
 * Whether what follows a violent verb keeps it a threat. An object that is an article or a candidate's
 * possessive followed by some other noun makes it figurative ("shoot a video", "acabar con la corrupción
 * de Walsh", "burn Ibarra's record"); a candidate, a pronoun or a `threatObjects` noun there ("burn his
 * office", "quemarle la casa", "Grady's office") keeps it, and so does anything else ("get shot one day").
 */
function violentObject(f: Folded, end: number, cands: EntityHit[], cw: CompiledWatchlist): boolean {
  const w = cw.words;
  const next = nextWord(f, end);
  if (!next || f.clause[next[0]] !== f.clause[end - 1]) return true;
  let noun: [number, number] | null = null;
  const cand = cands.find((c) => c.start === next[0]);
  if (w.articles.has(foldedString(f, next[0], next[1]))) noun = nextWord(f, next[1]);
  else if (cand) {
    const after = nextWord(f, cand.end);
    if (!after || foldedString(f, after[0], after[1]) !== 's') return true;
    noun = nextWord(f, after[1]);
  } else return true;
  if (!noun) return false;
  const s = foldedString(f, noun[0], noun[1]);
  return w.threatObjects.has(s) || w.pronouns.has(s) || cands.some((c) => c.start === noun![0]);
}

/** Start of the negation before a vote verb (the word `negStart` or later, whichever is nearer). */
function wordStartBefore(f: Folded, cueStart: number, negStart: number): number {
  const prev = previousWord(f, cueStart);
  return prev && prev[0] >= negStart ? prev[0] : cueStart;
}

/** A quotation introduced by "Name:" ("Banderas to Texans: 'Do not vote for Ibarra'") is reported speech. */
function quoteAfterColon(f: Folded, start: number): boolean {
  let q = start;
  while (q > 0 && f.quoted[q - 1]) q--;
  if (f.codes[q] === 32) q++;
  const before = f.text.slice(Math.max(0, f.origStart[q]! - 6), f.origStart[q]).replace(/[\s"'\u201c\u2018\u00ab]+$/u, '');
  return before.endsWith(':');
}

/** A quotation followed by a colon is a headline's citation ("'DON'T VOTE FOR COSTA': consul under fire"). */
function quoteBeforeColon(f: Folded, start: number): boolean {
  let e = start;
  while (e < f.n && f.quoted[e]) e++;
  const after = f.text.slice(f.origEnd[e - 1], f.origEnd[e - 1]! + 4).replace(/^[\s"'\u201d\u2019\u00bb]+/u, '');
  return after.startsWith(':');
}

/** A quotation used as a noun's modifier ("the president's "do not vote for X" post") is reported. */
function quoteNamedAsObject(ctx: Ctx, start: number): boolean {
  const f = ctx.f;
  let e = start;
  while (e < f.n && f.quoted[e]) e++;
  const next = nextWord(f, e);
  const w = next ? foldedString(f, next[0], next[1]) : '';
  let b = start;
  while (b > 0 && f.quoted[b - 1]) b--;
  const prev = previousWord(f, f.codes[b] === 32 ? b + 1 : b);
  const p = prev ? foldedString(f, prev[0], prev[1]) : '';
  return ctx.cw.words.quoteNouns.has(w) || p === 's';
}

/** Vote words inside a cue: such a cue may reach its candidate over a few other words ("vote for our friend Okafor"). */
const VOTE_WORD = /vot|ballot|elect|elej|eleg|elij|urna|poll/;

/** Whether the words of folded [start, end) are only titles, articles, prepositions or conjunctions. */
function objectOnly(ctx: Ctx, start: number, end: number): boolean {
  const w = ctx.cw.words;
  const between = foldedString(ctx.f, start, end).trim();
  return !between || between.split(' ').every((x) => w.surnameContext.has(x) || w.articles.has(x) || w.prepositions.has(x));
}

/** Whether a comma, colon, semicolon or dash separates the word at folded `start` from the word before ("Still, don't vote"). */
function punctuatedBefore(f: Folded, start: number): boolean {
  const prev = previousWord(f, start);
  return !!prev && /[,:;\u2014\u2013-]/.test(f.text.slice(f.origEnd[prev[1] - 1], f.origStart[start]));
}

/** Whether a verb at folded `start` heads a call: clause start, after a comma or colon, or after "please", "todos"… */
function imperativePosition(f: Folded, start: number, cw: CompiledWatchlist): boolean {
  const prev = previousWord(f, start);
  if (!prev || f.clause[prev[0]] !== f.clause[start]) return true;
  if (punctuatedBefore(f, start)) return true;
  const w = foldedString(f, prev[0], prev[1]);
  const before = previousWord(f, prev[0]);
  const pair = before && f.clause[before[0]] === f.clause[start] ? `${foldedString(f, before[0], before[1])} ${w}` : '';
  return cw.words.imperativeLeads.has(w) || cw.words.imperativeLeads.has(pair);
}

/** Hashtags the source lists but the text lacks (some exports strip them) are scanned too, as a last line. */
function withMissingHashtags(text: string, hashtags: readonly string[] | undefined): string {
  if (!hashtags?.length) return text;
  const lower = text.toLowerCase();
  let extra = '';
  for (const h of hashtags) {
    const tag = h.replace(/^#+/, '');
    if (tag && !lower.includes(`#${tag.toLowerCase()}`)) extra += ` #${tag}`;
  }
  return extra ? `${text}\n${extra.slice(1)}` : text;
}

/**
 * Append `x` unless present: the order of first appearance, as `[...new Set(xs)]` gives, without a Set
 * and two spreads per post for lists of a few items (flatMap and the spreads showed in
 * bench/classify-speed.ts profiles).
 */
function pushUnique<T>(xs: T[], x: T): void {
  if (!xs.includes(x)) xs.push(x);
}

/** The lexicon hits, then the constructed ones (constructedAbuse usually finds none: no concatenated copy then). */
function withConstructed(lex: LexHit[], constructed: LexHit[]): LexHit[] {
  return constructed.length ? [...lex, ...constructed] : lex;
}

function addRace(raceIds: string[], candidate: number, cw: CompiledWatchlist): void {
  const id = cw.races[cw.candidateRace[candidate]!]!.id;
  if (!raceIds.includes(id)) raceIds.push(id);
}

function namedCandidates(cands: EntityHit[], mentioned: number[], cw: CompiledWatchlist): string[] {
  const ids: string[] = [];
  for (const c of cands) if (!ids.includes(c.payload.id)) ids.push(c.payload.id);
  for (const i of mentioned) if (!ids.includes(cw.candidates[i]!.id)) ids.push(cw.candidates[i]!.id);
  return ids;
}

/** Abstention phrases that are about elections by themselves ("don't bother voting"), unlike "stay home". */
const ELECTORAL_WORD = /vot|elec|urna|poll|ballot|boicot|boycott|absten|midterm|primar/;

function hasElectionContext(f: Folded, lex: LexHit[], entities: boolean): boolean {
  return (
    entities ||
    lex.some(
      (h) =>
        h.payload.cat === 'electionContext' ||
        FOR_CATS.has(h.payload.cat) ||
        AGAINST_CATS.has(h.payload.cat) ||
        (h.payload.cat === 'abstain' && ELECTORAL_WORD.test(foldedString(f, h.start, h.end))),
    )
  );
}

let ruleWords: Set<string> | undefined;
const knownByWatchlist = new WeakMap<CompiledWatchlist, KnownWords>();
/**
 * Words the normaliser may reveal: the abuse lexicon, every single word of the rule lists, and the
 * watched candidates' names ("Q u i n t a n i l l a", "Quintanillaaaa", "0kafor"), once per watchlist.
 */
function knownForNormalizing(cw: CompiledWatchlist): KnownWords {
  let known = knownByWatchlist.get(cw);
  if (known) return known;
  const fold = (x: string) => x.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (!ruleWords) {
    ruleWords = new Set(lexiconWords());
    for (const r of RULES) for (const [k, v] of Object.entries(r)) if (k !== 'lang' && Array.isArray(v)) for (const p of v as string[]) for (const w of fold(p).split(' ')) if (w.length >= 4 || !p.includes(' ')) ruleWords.add(w);
  }
  const words = new Set(ruleWords);
  for (const c of cw.candidates) for (const n of [c.name, ...c.aliases]) for (const w of fold(n).split(/[^a-z]+/)) if (w.length >= 4) words.add(w);
  knownByWatchlist.set(cw, (known = knownWords(words, abuseRank)));
  return known;
}

const DIRECTIVE_CLASSES = [null, 'vote_for', 'vote_against', 'abstain'] as const;
/** Below this model probability for the rules' own type, the model's type is taken instead. */
const RULE_TYPE_FLOOR = 0.1;
/** Harassment score enough for an abuse word in a post addressed to a candidate (the dev writers cannot tell 0.02–0.2 apart). */
const ADDRESSED_FLOOR = 0.1;

/** What the rule stage and the model saw in one post (for training and evaluation). */
export interface Staged {
  rs: RuleStage;
  pf: PostFeatures;
  rewrites: { from: string; to: string }[];
}

/** Normalise, run the rule stage and build the model's features. */
export function stagePost(post: ClassifiablePost, cw: CompiledWatchlist): Staged {
  const raw = withMissingHashtags(post.text ?? '', post.hashtags);
  const norm = normalizeForMatching(raw, knownForNormalizing(cw));
  const rs = ruleStage(post, cw, norm.text);
  const pf = postFeatures(rs, norm.text);
  return { rs, pf, rewrites: norm.rewrites };
}

/**
 * classifyPost with the matched words, language and flags that findings need.
 *
 * Stages: normalise (undo masking) → rules (matching, constructions, attribution) → model (linear,
 * over n-grams and the rules' findings) → decide. The model decides whether each label holds; the rules
 * resolve targets, races and the author's actor, and a plain repost carries no label. Without a model
 * (weights file absent) the rules decide alone.
 */
export function classifyPostDetail(post: ClassifiablePost, cw: CompiledWatchlist, model: Model | null = defaultModel()): ClassificationDetail {
  const raw = withMissingHashtags(post.text ?? '', post.hashtags);
  const norm = normalizeForMatching(raw, knownForNormalizing(cw));
  const rs = ruleStage(post, cw, norm.text);
  const d = rs.detail;
  const c = d.classification;
  if (norm.rewrites.length) c.explanation.push(`read as: ${norm.rewrites.slice(0, 5).map((r) => `"${quoteForExplanation(r.from)}" → "${quoteForExplanation(r.to)}"`).join(', ')}`);
  if (!model || d.repost) return d;
  const named = rs.cands.length + rs.mentioned.length + rs.authorCandidates.length;
  if (!named && !c.race_ids.length) return d; // nothing watched: no label can hold, and no features are built
  const pf = postFeatures(rs, norm.text); // before any other fold: the folded view is a shared buffer
  decide(d, rs, pf, windowedScores(model, pf), model, cw);
  return d;
}

/**
 * The model's scores of the whole post and of each of its windows alone (features.ts `sentenceWindows`):
 * the directive distribution of the name window least likely to be null, and the highest abuse scores of
 * any window. A multiple-instance reading: a post holds a call or abuse if one of its parts does.
 */
function windowedScores(model: Model, pf: PostFeatures): ModelScores {
  const s = scoreModel(model, pf.input);
  for (const outside of pf.windows ?? []) {
    const w = scoreModel(model, { ...pf.input, outside });
    if (w.directive[0] < s.directive[0]) s.directive = w.directive;
    s.harassment = Math.max(s.harassment, w.harassment);
    s.threat = Math.max(s.threat, w.threat);
  }
  for (const outside of pf.cueWindows ?? []) {
    const w = scoreModel(model, { ...pf.input, outside });
    s.harassment = Math.max(s.harassment, w.harassment);
    s.threat = Math.max(s.threat, w.threat);
  }
  return s;
}

/** Apply the model's scores to the rule stage's classification. */
function decide(d: ClassificationDetail, rs: RuleStage, pf: PostFeatures, s: ModelScores, model: Model, cw: CompiledWatchlist): void {
  const c = d.classification;
  const t = model.thresholds;
  const named: number[] = [];
  for (const h of rs.cands) pushUnique(named, h.payload.index);
  for (const i of rs.mentioned) pushUnique(named, i);
  // Directive: the most likely non-null class, when the null class is unlikely enough.
  const ruleType = c.directive;
  // The type: the rules' when they found a call the model finds at all plausible (the rules read
  // negation and contrast, which n-grams do not), else the model's most likely non-null class.
  let best = ruleType ? DIRECTIVE_CLASSES.indexOf(ruleType) : 1;
  // labels.md: any against-call in the post makes it vote_against; the rules miss some against-calls
  // beside a for-call ("Vote Kettering and get Quintanilla out"), the model weighs the whole post.
  if (ruleType === 'vote_for' && named.length >= 2 && s.directive[2]! > s.directive[1]!) best = 2;
  if (!ruleType || s.directive[best]! < RULE_TYPE_FLOOR) {
    best = 1;
    for (let k = 2; k < 4; k++) if (s.directive[k]! > s.directive[best]!) best = k;
  }
  // A call the rules found stands unless the model finds it unlikely (below `veto`); a call only the
  // model sees needs `directive`. Both are chosen on the dev writers.
  const type = 1 - s.directive[0]! >= (ruleType ? (t.veto ?? t.directive) : t.directive) ? DIRECTIVE_CLASSES[best]! : null;
  if (type !== ruleType) {
    if (!type) {
      c.explanation = c.explanation.filter((e) => !e.startsWith(`${ruleType}`));
      c.explanation.push(`not a directive: the model gives the rules' ${ruleType} call p=${(1 - s.directive[0]!).toFixed(2)}`);
      c.directive = null;
      c.target_candidate_ids = [];
    } else {
      let targets: number[];
      if (type === 'abstain') targets = named;
      else if (ruleType && c.target_candidate_ids.length) targets = c.target_candidate_ids.map((id) => cw.candidateById.get(id)!);
      else targets = named.length ? named : [...rs.authorCandidates];
      if (!targets.length && type !== 'abstain') return finishHostile(d, rs, pf, s, model, cw);
      c.directive = type;
      c.target_candidate_ids = targets.map((i) => cw.candidates[i]!.id);
      const top = topFeatures(model, pf.input, best).map((x) => x.name).join(', ');
      c.explanation.push(`${type} (model p=${s.directive[best]!.toFixed(2)}${ruleType ? `, rules said ${ruleType}` : ''}): ${quoteForExplanation(top)}`);
    }
  }
  if (c.directive === 'vote_against') againstWithRivals(c, rs, named, cw);
  finishHostile(d, rs, pf, s, model, cw);
}

/** First-person subjects before an abuse word make it self-directed ("I am a dumbass", "às vezes sou um desgraçado"); "being" only after "for"/"of" ("sorry for being a shithead"). */
const SELF_SUBJECTS = new Set(['i', 'im', 'am', 'myself', 'soy', 'estoy', 'sou', 'estou', 'eu', 'yo', 'posso', 'puedo']);
/** Verbs of naming: "calling Muslims trash", "chamar alguém de bicha", "decirle perra a alguien" mention a slur rather than use it. */
const NAMING_BEFORE = /^(call|calls|calling|called|llamar|llamando|llaman|llamo|llamas|decirle|decirles|dicen|chamar|chamando|chamou|chamam|chamarem)$/;

/**
 * Whether an abuse or violence word is used at someone rather than mentioned, said of oneself or
 * countered (HateCheck's functional classes, labels.md's "reports or quotations of abuse"): not inside
 * quotation marks; no first-person subject or naming verb in the three words before it, unless a "you"
 * or a name stands between; not inside a counter-speech construction; not a degree word before a noun
 * ("a fucking angel", "de una puta vez"), an owned animal ("your dog"), a third party ("esse asno" in a
 * reply) or banter ("love u bitch"): `unaimedUse`. (Other profanity without a "you" or a name beside it
 * is left to the model: requiring one cost more real replies than it saved in abuse-dev.)
 */
export function abuseUsed(h: LexiconHit, rs: RuleStage, pf: PostFeatures): boolean {
  if (rs.scan.folded.quoted[pf.wordStart[h.word] ?? 0]) return false;
  const words = pf.input.words;
  if (h.unaimed ?? unaimedUse(h, words, pf.context)) return false;
  for (let k = h.word - 1; k >= Math.max(0, h.word - 3); k--) {
    const w = words[k]!;
    if (w === 'cand' || pf.secondPerson.includes(k)) break;
    const self = SELF_SUBJECTS.has(w) || (w === 'being' && (words[k - 1] === 'for' || words[k - 1] === 'of'));
    if (self || NAMING_BEFORE.test(w)) return false;
  }
  return !pf.constructions.some((x) => x.kind === 'counter' && h.word >= x.word && h.word - x.word <= 6);
}

const IDENTITY_GRADES = new Set(['slur', 'dehumanizing', 'sexual']);
/** Harassment score enough for a slur predicated of a candidate (0–0.05 alike on the dev writers). */
const PREDICATED_FLOOR = 0.02;

/** How far back (in words) a demonstrative's abuse noun looks for the candidate it points at (`pointedBack`). */
const POINTED_REACH = 60;

/**
 * "…o vídeo da Luciana Farias. Aquela gorda ridícula não sabe…", "Aquela vaca 🐄 de vestido", "that pig":
 * a singular demonstrative right before a slur, a dehumanising, sexual or appearance word, after a watched
 * name (in a post that names one; `unaimedUse` reads it as a third party in a reply that names none),
 * points back at that candidate as a pronoun would. Not across a comma ("el comisionado ese, que se vaya…":
 * the demonstrative closes its own noun phrase), and not past a quotation, whose speaker is the nearer
 * referent ("a Villaseñor le escribieron «…». Ojalá atrapen a ese loco").
 */
export function pointedBack(h: LexiconHit, pf: PostFeatures, rs: RuleStage, candWords: readonly number[]): boolean {
  if (!IDENTITY_GRADES.has(h.grade) && h.grade !== 'appearance') return false;
  const words = pf.input.words;
  const d = h.word - 1;
  if (!POINTING.has(words[d] ?? '')) return false;
  const f = rs.scan.folded;
  const at = (i: number) => pf.wordStart[i] ?? 0;
  if (/[,;:]/.test(f.text.slice(f.origStart[at(d)], f.origStart[at(h.word)]))) return false;
  const quotedBetween = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (f.quoted[k]) return true;
    return false;
  };
  return candWords.some((w) => w < h.word && h.word - w <= POINTED_REACH && !quotedBetween(at(w), at(d)));
}

/** Whether a candidate word before `word`, in the same clause and at most six words back, is the subject of a copula between them. */
export function predicatedOf(word: number, pf: PostFeatures, rs: RuleStage, cw: CompiledWatchlist): boolean {
  const words = pf.input.words;
  const clause = rs.scan.folded.clause;
  const clauseOf = (i: number) => clause[pf.wordStart[i] ?? 0];
  for (const c of pf.candidateAt.keys()) {
    if (c >= word || word - c > 6 || clauseOf(c) !== clauseOf(word)) continue;
    for (let k = c + 1; k < word; k++) if (cw.words.copulas.has(words[k]!)) return true;
  }
  return false;
}

/**
 * Whether every mention of candidate `i` is the predicate of "a vote for X is a vote for Y" (Y: the
 * consequence the author warns of, not a call about Y).
 */
function onlyPredicated(rs: RuleStage, i: number, cw: CompiledWatchlist): boolean {
  const f = rs.scan.folded;
  const mentions = rs.cands.filter((e) => e.payload.index === i);
  if (!mentions.length) return false;
  return mentions.every((e) =>
    rs.scan.lex.some((h) => {
      if (h.payload.cat !== 'voteForSubject' || h.end > e.start || f.word[e.start]! - f.word[h.end - 1]! > 1) return false;
      // the copula right before the cue or one word earlier ("is just a vote for")
      const prev = previousWord(f, h.start);
      const copula = (w: [number, number] | null) => w !== null && f.clause[w[0]] === f.clause[h.start] && cw.words.copulas.has(foldedString(f, w[0], w[1]));
      return copula(prev) || (prev !== null && copula(previousWord(f, prev[0])));
    }),
  );
}

/** A candidate reference the rules resolved (a description, a rival, a first name in context), added where it stands to the post's entities and candidates, as a name the matcher found would be. */
function addResolved(scan: RuleStage['scan'], cands: EntityHit[], cw: CompiledWatchlist, start: number, end: number, i: number, mode: 'word' | 'given'): void {
  const hit: EntityHit = { start, end, via: 'alias', payload: { type: 'entity', kind: 'candidate', index: i, id: cw.candidates[i]!.id, via: 'alias', mode, bareOk: false, distinctive: false } };
  cands.push(hit);
  scan.entities.push(hit);
}

/** The post's entities and candidates back in text order, once references were added. */
function inTextOrder(scan: RuleStage['scan'], cands: EntityHit[]): void {
  cands.sort((a, b) => a.start - b.start);
  scan.entities.sort((a, b) => a.start - b.start);
}

/** "my opponent", "mi contrincante", "meu adversário" (folded). */
const OPPONENT = /(?:^| )(?:my|mi|mis|meu|minha|meus|minhas) (opponents?|oponentes?|contrincantes?|rival|rivales|rivais|adversari[oa]s?)(?= |$)/g;

/**
 * labels.md: a reference can be a description the watchlist resolves. Said by a candidate, "my
 * opponent" is the other candidate of their race (every other one for a plural): added to the post's
 * entities and candidates where it stands, as a name would be.
 */
function opponentsOf(authors: readonly number[], scan: RuleStage['scan'], cands: EntityHit[], cw: CompiledWatchlist): void {
  const f = scan.folded;
  let added = false;
  for (const m of f.str.matchAll(OPPONENT)) {
    const race = cw.candidateRace[authors[0]!]!;
    const rivals = cw.candidates.map((_, i) => i).filter((i) => cw.candidateRace[i] === race && !authors.includes(i));
    const plural = m[1]!.endsWith('s');
    if (!rivals.length || (rivals.length > 1 && !plural)) continue;
    added = true;
    const start = m.index! + (m[0].startsWith(' ') ? 1 : 0);
    const end = m.index! + m[0].length;
    for (const i of rivals) {
      addResolved(scan, cands, cw, start, end, i, 'word');
    }
  }
  if (added) inTextOrder(scan, cands);
}

/** Determiners and possessives before an office noun used as a description: "the congresswoman", "al sheriff", "o xerife". */
const DESCRIBING = ['the', 'our', 'your', 'this', 'la', 'el', 'al', 'del', 'nuestra', 'nuestro', 'su', 'tu', 'esa', 'ese', 'esta', 'este', 'a', 'o', 'da', 'do', 'nossa', 'nosso', 'sua', 'essa', 'esse', 'ao', 'na', 'pela', 'pelo', 'nessa', 'nesse'];
const ENGLISH_TITLES = new Set(['rep', 'representative', 'congresswoman', 'congressman', 'congressmember', 'sen', 'senator', 'gov', 'governor', 'lt', 'lieutenant', 'sheriff', 'mayor', 'councilwoman', 'councilman', 'councilmember', 'commissioner', 'colonel', 'col', 'captain', 'capt', 'judge', 'doctor', 'dr', 'pastor', 'reverend', 'rev', 'professor', 'prof', 'coach']);
/** One pass per post (folded text): a determiner, then a title word of TITLE_FAMILIES. */
const DESCRIPTION = new RegExp(`(?:^| )(${DESCRIBING.join('|')}) (${Object.values(TITLE_FAMILIES).flat().join('|')})(?= |$)`, 'g');

/** Nouns an office noun can modify: then it names a race or an office, not a person ("the sheriff race", "the governor seat"). */
const OFFICE_OF = /^(race|races|election|elections|seat|primary|contest|candidate|candidates|candidacy|ballot|line|debate|office)$/;

/**
 * labels.md: "a description the watchlist resolves ('the congresswoman who insults our homeland' + the
 * district)". An office noun after a determiner names the one candidate whose name or alias carries that
 * title ("Rep. Quiroga", "Sheriff Hollis"), within the races the post names when it names any; added to the
 * post's entities and candidates where it stands.
 */
function describedCandidates(scan: RuleStage['scan'], cands: EntityHit[], cw: CompiledWatchlist): void {
  const f = scan.folded;
  let races: Set<number> | undefined;
  let added = false;
  for (const m of f.str.matchAll(DESCRIPTION)) {
    const [, before, word] = m as unknown as [string, string, string];
    // "a" is the Portuguese article ("a deputada") but the English indefinite ("a senator who shows up")
    if (before === 'a' && ENGLISH_TITLES.has(word)) continue;
    const end = m.index! + m[0].length;
    const start = end - word.length;
    // "Rep. Quiroga": the title of a name the matcher found
    if (scan.entities.some((e) => e.start <= end + 1 && e.end > start)) continue;
    // "the sheriff race", "the governor's seat": the office noun names the race, not its holder
    let after = nextWord(f, end);
    if (after && foldedString(f, after[0], after[1]) === 's') after = nextWord(f, after[1]); // "the sheriff's office"
    if (after && OFFICE_OF.test(foldedString(f, after[0], after[1]))) continue;
    races ??= new Set(scan.entities.filter((e) => e.payload.kind === 'race').map((e) => e.payload.index));
    let pool = cw.titledCandidates.get(titleFamily(word)!) ?? [];
    if (races.size) pool = pool.filter((i) => races!.has(cw.candidateRace[i]!));
    if (pool.length !== 1) continue;
    const i = pool[0]!;
    addResolved(scan, cands, cw, start, end, i, 'word');
    added = true;
  }
  if (added) inTextOrder(scan, cands);
}

/** Words before a first name that make it a reference to a person: Spanish and Portuguese articles ("o Gus", "la Lucy", "nem a Lorraine"). */
const NAME_ARTICLES = new Set(['o', 'a', 'la', 'el', 'al', 'del', 'do', 'da', 'no', 'na', 'pelo', 'pela']);
/** Conjunctions that join two names: "Gus and Lorraine", "ni Rosy ni Kettering", "nem o Gus nem a Lorraine". */
const NAME_JOINS = new Set(['and', '&', 'or', 'y', 'e', 'o', 'ou', 'ni', 'nem']);
const givenByWatchlist = new WeakMap<CompiledWatchlist, Map<string, number>>();

/**
 * Each candidate's first names (the first word of the name, and of a two-word alias "Gus Ferreira" that ends
 * in the surname), folded, when only one candidate has it.
 */
function givenNames(cw: CompiledWatchlist): Map<string, number> {
  let m = givenByWatchlist.get(cw);
  if (m) return m;
  const owners = new Map<string, Set<number>>();
  cw.candidates.forEach((c, i) => {
    const surname = foldText(c.name).split(/\s+/).at(-1);
    for (const n of [c.name, ...c.aliases]) {
      const parts = foldText(n).split(/\s+/);
      if (parts.length < 2 || parts[0]!.length < 3 || (n !== c.name && (parts.length !== 2 || parts[1] !== surname))) continue;
      owners.set(parts[0]!, (owners.get(parts[0]!) ?? new Set()).add(i));
    }
  });
  m = new Map([...owners].filter(([, o]) => o.size === 1).map(([w, o]) => [w, [...o][0]!]));
  givenByWatchlist.set(cw, m);
  return m;
}

/**
 * labels.md: a reference can be "a first name in context". The matcher takes a first name that is also a
 * common word ("Gus", "Rosy", "Lucy") only after a vote phrase or as a vocative; two more contexts make it a
 * person: a capitalised first name after a Spanish or Portuguese article ("o Gus é brasileiro", "todos con la
 * Lucy"), and one joined by a conjunction to another candidate of its race ("better than Gus and Lorraine",
 * "ni Rosy ni Kettering"). Added to the post's entities and candidates where it stands, as a name would be.
 */
function givenInContext(scan: RuleStage['scan'], cands: EntityHit[], cw: CompiledWatchlist): void {
  const f = scan.folded;
  const given = givenNames(cw);
  let added = false;
  for (let start = 0, end = 0; start < f.n; start = end + 1) {
    end = f.str.indexOf(' ', start);
    if (end < 0) end = f.n;
    // capitalised first (a character code, no string): most words are not, and are never sliced
    if (end - start < 3 || !capitalAt(f.text, f.origStart[start]!)) continue;
    const i = given.get(f.str.slice(start, end));
    if (i === undefined || scan.entities.some((e) => e.start < end && e.end > start)) continue;
    const prev = previousWord(f, start);
    const prevWord = prev && f.clause[prev[0]] === f.clause[start] ? foldedString(f, prev[0], prev[1]) : '';
    // a candidate of the same race within two words across a conjunction, on either side
    const race = cw.candidateRace[i];
    const joined = cands.some((c) => {
      if (cw.candidateRace[c.payload.index] !== race || c.payload.index === i || f.clause[c.start] !== f.clause[start]) return false;
      const [a, b] = c.start > start ? [end, c.start] : [c.end, start];
      const between = foldedString(f, a, b).trim().split(' ');
      return between.length <= 3 && between.some((x) => NAME_JOINS.has(x)) && between.every((x) => NAME_JOINS.has(x) || NAME_ARTICLES.has(x));
    });
    if (!joined && !NAME_ARTICLES.has(prevWord)) continue;
    addResolved(scan, cands, cw, start, end, i, 'given');
    added = true;
  }
  if (added) inTextOrder(scan, cands);
}

/** Whether the character at `at` is an upper-case letter (ASCII and Latin-1 by code, the rest by Unicode class). */
function capitalAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 65 && c <= 90;
  if (c < 256) return c >= 192 && c <= 222 && c !== 215;
  return /\p{Lu}/u.test(text[at]!);
}

/** Singular demonstratives that can open a vote call's object ("vote this clown out"), EN/ES/PT. */
const POINTING = new Set(['this', 'that', 'ese', 'esa', 'este', 'esta', 'aquel', 'aquella', 'esse', 'essa', 'nesse', 'nessa', 'neste', 'nesta', 'naquele', 'naquela', 'aquele', 'aquela']);

/** First-person objects: a candidate's "send me to Washington", "denme a mí", "votem em mim". */
const SELF_OBJECT = /(?:^|[^\p{L}])(?:me|m[ií]|mim)(?![\p{L}])/iu;

/**
 * labels.md: a for+against post targets both sides. An against-call beside other candidates of the
 * same race ("Time to fire Quintanilla. Vote Kettering", "let's leave Okafor in Trenton and send me to
 * Washington") is read as that contrast: every candidate named in the race, and the author when a
 * candidate asks for their own vote.
 */
export function againstWithRivals(c: Classification, rs: RuleStage, named: number[], cw: CompiledWatchlist): void {
  const pool = new Set(named.filter((i) => !onlyPredicated(rs, i, cw)));
  if (SELF_OBJECT.test(rs.scan.folded.text)) for (const a of rs.authorCandidates) pool.add(a);
  if (pool.size < 2) return;
  const races = new Set([...pool].map((i) => cw.candidateRace[i]));
  if (races.size !== 1) return;
  const ids = new Set(c.target_candidate_ids);
  for (const i of pool) ids.add(cw.candidates[i]!.id);
  c.target_candidate_ids = [...ids];
}

function finishHostile(d: ClassificationDetail, rs: RuleStage, pf: PostFeatures, s: ModelScores, model: Model, cw: CompiledWatchlist): void {
  const c = d.classification;
  const t = model.thresholds;
  // Evidence before a hostile label: a cue in the text (a rule cue, an abuse or violence word, a
  // threat construction), or a model score far above the threshold. A model alone learns that short
  // replies to a candidate are often hostile, which is not evidence about this reply.
  const cx = pf.constructions.some((x) => x.kind !== 'counter' && x.kind !== 'electoralHarm' && x.kind !== 'likeYou' && x.kind !== 'quoted' && x.kind !== 'wellWish');
  const used = pf.lexicon.filter((h) => abuseUsed(h, rs, pf));
  // The rules' own cues are held to the same test: "decirle perra a alguien", "I am a dumbass", "ningún … merece morir".
  const ruleCue = rs.abuseAt.some((at) => abuseUsed({ grade: 'profanity', term: '', word: wordOfFolded(pf.wordStart, at) }, rs, pf));
  const abuseCue = ruleCue || cx || used.some((h) => ABUSE_GRADES.has(h.grade));
  const candWords = [...pf.candidateAt.keys()];
  const threatCue = (c.threat && ruleCue) || cx || used.some((h) => (h.grade === 'violence' || h.grade === 'death') && (near(h.word, pf.secondPerson, 3) || near(h.word, candWords, 4)));
  const hMargin = t.uncuedHarassment ?? t.uncued ?? 0;
  const tMargin = t.uncuedThreat ?? t.uncued ?? 0;
  // A threat construction aimed at the addressee or a candidate ("I'll hurt you", "X like you deserve to
  // die", "te lastimaré") is a threat unless the model finds it implausible (below `constructed`).
  const aimed = pf.input.features.some((x) => x === 'cxt:intent' || x === 'cxt:wish' || x === 'cxt:betterWithout' || x === 'cxt:knowledge' || x === 'cxt:conditional');
  // Counter-speech ("ningún … merece morir", "no one deserves to die") with no other cue: the model's
  // n-grams see the harm words, the construction says they are denied.
  // The harm word a counter construction denies ("no one deserves to be raped") is not a violence word used.
  const denied = pf.constructions.filter((x) => x.kind === 'counter').map((x) => x.harm);
  const countered = !cx && !ruleCue && denied.length > 0 && !used.some((h) => (h.grade === 'violence' || h.grade === 'death') && !denied.includes(h.word));
  // A well-wish with no threat cue ("sorry you are sick, hope you get better soon"): the model's n-grams of
  // veiled threats ("soon") are no evidence against the wish itself.
  const wellWished = !threatCue && pf.constructions.some((x) => x.kind === 'wellWish');
  const threat = !countered && !wellWished && (s.threat >= (threatCue ? t.threat : Math.min(0.99, t.threat + tMargin)) || (aimed && s.threat >= (t.constructed ?? 1)));
  // An abuse word in a post addressed to a candidate (a reply, a handle, "you") is aimed at them, unless quoted or reported.
  // So is a slur, dehumanising or sexual word right next to a watched name ("that d*ke Whitcomb", "Okafor es una z0rra").
  const addressed = rs.mentioned.length > 0 || rs.cands.some((h) => h.payload.via === 'handle');
  const addressedAbuse = !rs.reports && !rs.condemned &&
    used.some(
      (h) =>
        ((addressed && ABUSE_GRADES.has(h.grade)) ||
          (IDENTITY_GRADES.has(h.grade) && candWords.some((w) => Math.abs(w - h.word) <= 3))),
    );
  // "Quintanilla es una vendepatria y una perra faldera": the candidate is the subject of a copula whose
  // predicate holds the slur or comparison — said of them, whatever else the post says.
  const predicated = !rs.reports && !rs.condemned && used.some((h) => (IDENTITY_GRADES.has(h.grade) && predicatedOf(h.word, pf, rs, cw)) || pointedBack(h, pf, rs, candWords));
  const harassment = threat || (!(countered && !abuseCue) && s.harassment >= (abuseCue ? t.harassment : Math.min(0.99, t.harassment + hMargin))) || (addressedAbuse && s.harassment >= ADDRESSED_FLOOR) || (predicated && s.harassment >= PREDICATED_FLOOR);
  const targets = harassment ? hostileTargets(rs, pf) : [];
  const can = targets.length > 0;
  if (harassment && can && !c.harassment) c.explanation.push(`harassment (model p=${s.harassment.toFixed(2)}): ${quoteForExplanation(topFeatures(model, pf.input, 4).map((x) => x.name).join(', '))}`);
  if (threat && can && !c.threat) c.explanation.push(`threat (model p=${s.threat.toFixed(2)}): ${quoteForExplanation(topFeatures(model, pf.input, 5).map((x) => x.name).join(', '))}`);
  if (!harassment && c.harassment) c.explanation.push(`not harassment: the model gives the rules' cue p=${s.harassment.toFixed(2)}`);
  c.harassment = harassment && can;
  c.threat = threat && can;
  if (!c.harassment) d.matched = d.matched.filter((m) => m.label !== 'harassment' && m.label !== 'threat');
  // Targets: the directive's, then the candidates attacked (labels.md: filled for every positive label).
  const ids = new Set(c.target_candidate_ids);
  if (c.harassment) for (const i of targets) ids.add(cw.candidates[i]!.id);
  c.target_candidate_ids = [...ids];
  for (const id of ids) {
    const race = cw.races[cw.candidateRace[cw.candidateById.get(id)!]!]!.id;
    if (!c.race_ids.includes(race)) c.race_ids.push(race);
  }
}
