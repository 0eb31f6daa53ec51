/**
 * From an article's text to a lead: a pure function of the text and the compiled watchlist.
 *
 * Stages, each over sentences (quotes kept whole):
 * 1. speaker: who the sentence reports (the mention closest before the first speech verb, the
 *    phrase after "according to", or ", X said." at the end; "She said" continues the last speaker);
 * 2. responses: sentences whose speaker is an official body, a registry actor or an accused party
 *    other than the accuser, with their kind (no comment > counter-accusation > denial > condemnation);
 * 3. allegations: the other speakers' sentences with allegation cues (directive, harassment, threat,
 *    money, coordination, hacking; interference alone is "other"), and the accused they name: registry
 *    actors through the entity matcher, roles ("his cabinet", "consuls general", "El Salvador's
 *    ambassador") resolved to the registry by country and role, and names after "by"/"por" or a
 *    firm's name; what the registry lacks is proposed as a new entry with the article as source;
 *    a background sentence (frames.ts: an explainer box, a month recap, a hedge) adds its kinds, accused,
 *    targets and accuser only when the news sentences add no kind;
 * 4. quoted posts ("tweeted: …", "escribió en X: …"), their author and approximate date, and the
 *    classifier's reading of them (a directive in the quote is a directive allegation);
 * 5. the watched race and candidate: candidates the allegations name (else the accusing candidate),
 *    races named, and the races of those candidates.
 * No allegation, no watched target or no accused: no lead, with the reason.
 */
import { classifyPost } from '../analyze/classify/classify.js';
import type { CompiledWatchlist } from '../analyze/match/compile.js';
import { matchEntities, type EntityMatch } from '../analyze/match/match.js';
import { findPlaces } from '../analyze/money/gazetteer.js';
import { affiliationChain } from '../cases/actors.js';
import type { Actor, ActorRole } from '../model/types.js';
import { foldText, plain } from '../util/normalize.js';
import { backgroundFrames, DEFERRED_FRAMES, type BackgroundFrame } from './frames.js';
import { gradeLead } from './grade.js';
import {
  ALLEGATION_CUES,
  CANDIDATE_NOUN,
  INVERTED_SPEECH,
  OTHER_FRAME,
  OTHER_METHOD,
  LANG_WORDS,
  MONTHS,
  OFFICIAL_SPEAKERS,
  PRONOUN_SUBJECT,
  QUOTE_VERBS,
  RESPONSE_ACTS,
  RESPONSE_CUES,
  ROLE_PATTERNS,
  SPEECH,
  type RolePattern,
} from './lexicon.js';

const GOVERNMENT_ROLE = ROLE_PATTERNS.find((r) => r.label === 'government')!;
import type { Accused, AllegationKind, Article, Lead, LeadLang, LeadResponse, NoLead, ProposedActor, QuotedPost } from './types.js';

/** Longest article text read (a news story is a few thousand words; more is not an article). */
const MAX_TEXT = 200_000;
/** Longest sentence looked at; a longer run without a full stop is cut. */
const MAX_SENTENCE = 2_000;


const ABBREVIATIONS = /(?:^|[\s(])(?:rep|sen|gov|lt|col|capt|sgt|atty|hon|dep|gob|gen|dr|mr|mrs|ms|st|jr|sr|sra|sr|dra|nov|dec|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|u\.s|e\.u|ee\.uu|no|inc|corp|vs|pres|amb|p\.ej|etc)\.$/i;

export interface Sentence {
  text: string;
  start: number;
}

/** Sentences of a text; a quotation is never cut, and "Rep." or "U.S." does not end one. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let inQuote = false;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const s = raw.trim();
    if (s) out.push({ text: s.slice(0, MAX_SENTENCE), start: start + lead });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const wasQuote = inQuote;
    if (ch === '“' || ch === '«') inQuote = true;
    else if (ch === '”' || ch === '»') inQuote = false;
    else if (ch === '"') inQuote = !inQuote;
    // A quotation that ends its sentence ('wrote: "Vote now." The …') ends there.
    if (wasQuote && !inQuote && /[.!?]/.test(text[i - 1] ?? '')) {
      const next = text.slice(i + 1).match(/^\s+(\S)/)?.[1];
      if (next && /[\p{Lu}"“¿¡«]/u.test(next)) push(i + 1);
      continue;
    }
    if (ch === '\n' && text[i + 1] === '\n') {
      inQuote = false;
      push(i);
      continue;
    }
    if (inQuote || (ch !== '.' && ch !== '!' && ch !== '?')) continue;
    let j = i + 1;
    while (j < text.length && /["”»')\]]/.test(text[j]!)) j++;
    if (j < text.length && !/\s/.test(text[j]!)) continue;
    const next = text.slice(j).trimStart()[0] ?? '';
    if (next && !/[\p{Lu}"“¿¡«(0-9]/u.test(next)) continue;
    if (ch === '.' && ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
    if (ch === '.' && /(?:^|\s)\p{Lu}\.$/u.test(text.slice(Math.max(0, i - 3), i + 1))) continue; // "Norma J. Torres"
    push(j);
  }
  push(text.length);
  return out;
}

function detectLang(text: string): LeadLang {
  const counts = { en: 0, es: 0, pt: 0 };
  for (const w of foldText(text.slice(0, 5000)).split(' ')) {
    for (const lang of ['en', 'es', 'pt'] as const) if (LANG_WORDS[lang].has(w)) counts[lang]++;
  }
  return counts.es > counts.en && counts.es >= counts.pt ? 'es' : counts.pt > counts.en && counts.pt > counts.es ? 'pt' : 'en';
}

interface Span {
  start: number;
  end: number;
  text: string;
}

function allMatches(re: RegExp, s: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    if (m[0].length === 0) re.lastIndex++;
    if (out.length > 200) break;
  }
  return out;
}

/** A party mentioned in a sentence that could speak or be accused. */
interface Mention extends Span {
  type: 'candidate' | 'actor' | 'role' | 'official' | 'name';
  id?: string;
  role?: RolePattern;
  via?: EntityMatch['via'];
  /** For a possessive role ("Bukele's cabinet"): the registry actor that owns it. */
  ownerId?: string;
  /** For a country named as an agent ("paid by Lumeria"): its code; the mention stands for its government. */
  country?: string;
}

interface Analysed {
  s: Sentence;
  p: string;
  entities: EntityMatch[];
  mentions: Mention[];
  /** First speech or response verb. */
  verb: Span | null;
  speaker: Mention | null;
  speakerText: string;
  /** Where what the speaker says starts (after the verb), or the clause before ", X said". */
  contentStart: number;
  contentEnd: number;
  pronoun: boolean;
  /** The sentence's own narration ends here (0: all of it is someone's speech). */
  narratedEnd: number;
  /** `p` with the words of proper names blanked, where allegation cues are read ("Ridgeline Threat Research" alleges no threat). */
  cueP: string;
  /** Where the sentence's quotations are ([open, close] offsets). */
  quotes: [number, number][];
}

/**
 * `p` with the capitalised words of multi-word proper names blanked (the first word of the
 * sentence kept, as it is capitalised anyway): a firm, lab or programme named "Threat Research",
 * "Observatorio de Desinformación" or "Red Cívica" names no method. A headline in title case is
 * read as it is.
 */
export function cueText(text: string, p: string): string {
  const words = text.match(/\p{L}{4,}/gu) ?? [];
  if (words.length && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.8) return p;
  let out = p;
  for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|da|do|del|dos|das|of|for|the|y|e|and|&)\s+)?\p{Lu}[\p{L}'’-]*)+/gu)) {
    for (const w of m[0].matchAll(/\p{Lu}[\p{L}'’-]*/gu)) {
      const at = m.index! + w.index!;
      if (at === 0 || /^[\s"“«¿¡(]*$/u.test(text.slice(0, at))) continue;
      // A word of x's, not spaces: the bounded gaps of the cues ("presionó a clubes de X para que cancelaran") still count it.
      out = out.slice(0, at) + 'x'.repeat(w[0].length) + out.slice(at + w[0].length);
    }
  }
  return out;
}

/** Country codes named in a text: gazetteer country names and the registry's own country words. */
function countriesIn(text: string, countryWords: Map<string, string>): string[] {
  const out = findPlaces(text, ['country']).map((p) => p.country);
  const folded = ` ${foldText(text)} `;
  for (const [w, code] of countryWords) if (folded.includes(` ${w} `)) out.push(code);
  return [...new Set(out)];
}

/** "Embassy of Solmaria in Washington", "Government of the Republic of Veradia": the country's name. */
const COUNTRY_OF = /(?:^| )(?:of|de|da|do)(?: the| la| a)?(?: republic of| republica de| republica da)? ([a-z]{2,20}(?: [a-z]{2,20}){0,2}?)(?: (?:in|en|em) [a-z ]{2,30})?$/;
const STATE_BODY = /^(?:government|gobierno|governo|republic|republica|ministry|ministerio|foreign ministry|embassy|embajada|embaixada|consulate|consulado)/;

/**
 * Words that name a registry country, learnt from the registry: "Government of the Republic of
 * Veradia" gives "veradia", "Veradian government" gives "veradian".
 */
function registryCountryWords(actors: Actor[]): Map<string, string> {
  const out = registryCountryNames(actors);
  for (const a of actors) {
    for (const n of [a.name, ...a.aliases]) {
      const f = foldText(n);
      const adj = /^([a-z]{4,20}) (?:government|embassy|consulate|foreign ministry|ministry|state media)(?: |$)/.exec(f) ?? /^(?:gobierno|governo|embajada|embaixada|consulado|cancilleria|chancelaria|ministerio)(?: general| geral)? ([a-z]{4,20})(?: |$)/.exec(f);
      if (adj && !/^(?:general|geral)$/.test(adj[1]!)) out.set(adj[1]!, a.country);
    }
  }
  // Demonyms from the names, in the three languages: "Lumeria" gives "lumerian", "lumeriano",
  // "lumeriana", "lumerianos", "lumerianas"; "lumerian" gives the Spanish and Portuguese forms.
  for (const [w, code] of [...out]) {
    if (w.includes(' ')) continue;
    const stem = w.endsWith('an') ? w.slice(0, -2) : w.endsWith('ano') ? w.slice(0, -3) : w.endsWith('a') ? w.slice(0, -1) : null;
    if (!stem) continue;
    const base = w.endsWith('a') && !w.endsWith('ana') ? w : stem + 'a';
    for (const form of [`${base}n`, `${base}ns`, ...['o', 'a', 'os', 'as'].map((e) => `${base}n${e}`)]) if (!out.has(form)) out.set(form, code);
    // Spanish and Portuguese -ense and -eño ("Quetzara" → "quetzarense", "quetzareño"; "Solmaria" → "solmarense").
    if (w.endsWith('a')) for (const st of new Set([w.slice(0, -1), w.endsWith('ia') ? w.slice(0, -2) : w.slice(0, -1)])) for (const e of ['ense', 'enses', 'eno', 'ena', 'enos', 'enas']) if (!out.has(st + e)) out.set(st + e, code);
  }
  return out;
}

const countryWordsCache = new WeakMap<CompiledWatchlist, Map<string, string>>();
function countryWordsOf(cw: CompiledWatchlist): Map<string, string> {
  let m = countryWordsCache.get(cw);
  if (!m) countryWordsCache.set(cw, (m = registryCountryWords(cw.actors)));
  return m;
}
/** A country's name ("Veradia", "El Salvador") is a place, not an accused party. */
function isCountry(folded: string, cw: CompiledWatchlist): boolean {
  return countryWordsOf(cw).has(folded) || findPlaces(folded, ['country']).some((p) => p.name === folded);
}

/** Country names alone (no demonyms): the registry's "Government of X" words and the gazetteer's. */
function registryCountryNames(actors: Actor[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of actors) {
    for (const n of [a.name, ...a.aliases]) {
      const f = foldText(n);
      const of = COUNTRY_OF.exec(f);
      if (of && STATE_BODY.test(f)) out.set(of[1]!, a.country);
    }
  }
  return out;
}
const countryNamesCache = new WeakMap<CompiledWatchlist, Map<string, string>>();
function countryNamesOf(cw: CompiledWatchlist): Map<string, string> {
  let m = countryNamesCache.get(cw);
  if (!m) countryNamesCache.set(cw, (m = registryCountryNames(cw.actors)));
  return m;
}
/**
 * A country as the agent of the events ("paid by Lumeria", "financiados por Veradia", "traced to
 * Lumeria", "on behalf of the government of X", "unregistered agents of X") stands for its government.
 */
const COUNTRY_AGENT = /(?:(?<![\p{L}])(?:by|por|pelo|pela|traced to|linked to|tied to|on behalf of|(?:run|operated|directed|controlled|orchestrated|coordinated|organi[sz]ed) from|(?:orquestad|coordinad|organizad)[oa]s? desde|(?:orquestrad|coordenad|organizad)[oa]s? (?:de|a partir de|em)|(?:operad|dirigid|manejad|controlad)[oa]s? (?:desde|a partir de|a partir da)|en nombre de|em nome de|vinculad[ao]s? a|ligad[ao]s? a|ordered by|ordenad[ao]s? por|agents? of|agentes? (?:(?:no|nao|sin|sem) registrad[oa]s |extranjer[oa]s |estrangeir[oa]s )?(?:de|do|da|del)|intelligence (?:services?|agency) of|military intelligence of|(?:servicios?|servicos?|agencia) de inteligencia(?: militar)? de|inteligencia militar de))\s+(?:(?:the )?(?:governments?|gobiernos?|governos?|regimes?|regimen)\s+(?:of|de|da|do)\s+)?$/u;
function countryAgents(s: Sentence, p: string, cw: CompiledWatchlist): Mention[] {
  const out: Mention[] = [];
  const names = [...countryNamesOf(cw)];
  for (const place of findPlaces(s.text, ['country'])) if (!names.some(([w]) => w === place.name)) names.push([place.name, place.country]);
  for (const [w, code] of names) {
    for (const m of allMatches(new RegExp(`(?<![\\p{L}])${w.replace(/ /g, '\\s+')}(?![\\p{L}])`, 'gu'), p)) {
      if (COUNTRY_AGENT.test(p.slice(Math.max(0, m.start - 50), m.start))) out.push({ ...m, text: s.text.slice(m.start, m.end), type: 'role', role: GOVERNMENT_ROLE, country: code });
    }
  }
  // "linked to the governments of Terravera and Almeral": the agent of the first country is the second's too.
  for (const [w, code] of names) {
    for (const m of allMatches(new RegExp(`(?<![\\p{L}])${w.replace(/ /g, '\\s+')}(?![\\p{L}])`, 'gu'), p)) {
      if (out.some((x) => x.start === m.start) || !out.some((x) => /^\s+(?:and|y|e)\s+(?:(?:of|de|da|do|del)\s+)?(?:the\s+)?$/u.test(p.slice(x.end, m.start)))) continue;
      out.push({ ...m, text: s.text.slice(m.start, m.end), type: 'role', role: GOVERNMENT_ROLE, country: code });
    }
  }
  return out;
}

/** A capitalised name of up to five words on one line (a dateline's outlet does not run into the next paragraph's label). */
const NAME_RE = /\p{Lu}[\p{L}'’-]+(?:[^\S\n]+(?:(?:de|da|do|del|of|the|y|e)[^\S\n]+)?\p{Lu}[\p{L}'’-]+){0,4}/gu;
/** Markers after which an unknown capitalised name is an agent ("run by Atlántico Digital"). */
const AGENT_MARKER = /(?:(?<![\p{L}])(?:by|por|pelo|pela|from|linked to|tied to|vinculad[ao]s? a|ligad[ao]s? a|firm|company|agency|group|empresa|agencia|firma|grupo|consultora|calling itself|called|named|llamad[ao]|denominad[ao]|autodenominad[ao]|chamad[ao]|autodenominad[ao])[,:]?\s+(?:the\s+|la\s+|el\s+|a\s+)?)$/u;
const NOT_NAMES = new Set(['el salvador', 'the', 'president', 'presidente', 'state department', 'justice department', 'twitter', 'facebook', 'telegram', 'instagram']);

interface ArticleAlias {
  actor: Actor;
  rest: string;
  re: RegExp;
}
const articleAliasCache = new WeakMap<CompiledWatchlist, ArticleAlias[]>();
/** Registry aliases of three words or more that start with an article, without it: "gabinete do presidente", "partido oficialista". */
function articleAliases(cw: CompiledWatchlist): ArticleAlias[] {
  let out = articleAliasCache.get(cw);
  if (!out) {
    out = [];
    for (const actor of cw.actors) for (const alias of actor.aliases) {
      const m = /^(?:the|el|la|los|las|o|a|os|as) ([\p{L}\p{N} -]+)$/u.exec(plain(alias));
      if (m && m[1]!.split(' ').length >= 2) out.push({ actor, rest: m[1]!, re: new RegExp(`(?<![\\p{L}])${m[1]!.replace(/[ -]/g, (c) => (c === ' ' ? '\\s+' : '-'))}(?![\\p{L}])`, 'gu') });
    }
    articleAliasCache.set(cw, out);
  }
  return out;
}

/** A country's name as the subject of its clause ("Alvarena denied …", "…, and Alvarena paid"), not an owner ("Alvarena's president"). */
function countrySubject(p: string, m: Span): boolean {
  return /(?:^|[,;:—–]|(?<![\p{L}])(?:and|y|e))\s*$/u.test(p.slice(Math.max(0, m.start - 6), m.start)) && !/^['’]s(?![\p{L}])/u.test(p.slice(m.end, m.end + 3));
}

/** A title of one officer before the body's name ("secretary general of", "dirigente del", "the treasurer of the"). */
const OFFICER_OF = /(?<![\p{L}])(?:leader|secretary(?:[- ]general)?|treasurer|chair(?:man|woman)?|deputy|lawmaker|legislator|deputad[oa]|diputad[oa]|legislador[a]?|parlamentar|dirigente|lider|secretari[oa](?: general)?|secretari[oa]-geral|tesorer[oa]|tesoureir[oa])\s+(?:of|del|de|do|da)\s+(?:(?:the|el|la|o|a)\s+)?(?:[\p{L}-]+\s+)?$/u;

function sentenceMentions(s: Sentence, p: string, entities: EntityMatch[], cw: CompiledWatchlist): Mention[] {
  const mentions: Mention[] = [];
  for (const e of entities) {
    if (e.kind === 'race') continue;
    // A registry alias that is the country's bare name ("Alvarena" for its government) names the place
    // ("el presidente de Alvarena", "Alvarena's consulate", "sanctions on Alvarena", «enemiga de
    // Alvarena»); it stands for the government only as the agent ("paid by Alvarena", read below as a
    // country agent) or as a clause's subject ("Alvarena denied …").
    if (e.kind === 'actor' && isCountry(foldText(e.text), cw) && !countrySubject(p, e)) continue;
    mentions.push({ start: e.start, end: e.end, text: e.text, type: e.kind, id: e.id, via: e.via });
  }
  const taken = (a: number, b: number) => mentions.some((m) => a < m.end && m.start < b);
  // A registry alias that starts with an article ("o gabinete do presidente", "the ruling party") is also
  // written without it or contracted ("assessores do gabinete do presidente"), in a sentence naming no other country.
  let named: string[] | undefined;
  for (const { actor, rest, re } of articleAliases(cw)) {
    if (!p.includes(rest)) continue;
    named ??= countriesIn(s.text, countryWordsOf(cw));
    if (named.length && !named.includes(actor.country)) continue;
    for (const m of allMatches(re, p)) {
      // The longer name holds the shorter ones inside it ("ala juvenil del MRQ" is the youth wing, not the MRQ).
      const inside = mentions.filter((x) => x.start >= m.start && x.end <= m.end);
      for (const x of inside) mentions.splice(mentions.indexOf(x), 1);
      if (!taken(m.start, m.end)) mentions.push({ start: m.start, end: m.end, text: s.text.slice(m.start, m.end), type: 'actor', id: actor.id, via: 'alias' });
    }
  }
  for (const role of ROLE_PATTERNS) {
    for (const m of allMatches(role.re, p)) {
      // "Bukele's cabinet": the role is "cabinet", owned by the actor named before "'s".
      const poss = /^([\p{L}-]+)['’]s /u.exec(m.text);
      const start = poss ? m.start + poss[0].length : m.start;
      const owner = poss ? mentions.find((x) => x.type === 'actor' && x.end === m.start + poss[1]!.length) : undefined;
      // "Tamarinda's president": a country as the owner gives the role its country (read beside it).
      if (poss && !owner && !isCountry(foldText(poss[1]!), cw)) continue;
      // "el presidente de un club", "the president of a local association": an office of some body, no head of state.
      if (role.label === 'president' && /^\s+(?:of|de|do|da|del)\s+(?:a|an|um|uma|un|una)\s+\p{Ll}/u.test(s.text.slice(m.end, m.end + 12))) continue;
      // "president of the Vessalian-American Civic Association": the office of a body named by its name, not a country's.
      const body = role.label === 'president' ? /^\s+(?:of|de|do|da|del)\s+(?:(?:the|la|el|o|a)\s+)?(\p{Lu}[\p{L}'’-]*)/u.exec(s.text.slice(m.end, m.end + 60)) : null;
      if (body && !isCountry(foldText(body[1]!), cw) && !/^(?:republic|republica|nation|nacion|nacao)$/.test(foldText(body[1]!))) continue;
      // A title before a registry name ("Lumerian President Dario Venn") is that person, not a second party.
      const titled = mentions.some((x) => (x.type === 'actor' || x.type === 'candidate') && x.start >= m.end && /^[\s,]*$/.test(p.slice(m.end, x.start)));
      // A title before a registry person's surname ("la canciller Ferrán", "Ambassador Rendel") is that person.
      const surname = role.kind === 'person' && !titled ? /^\s+(\p{Lu}[\p{L}'’-]{3,})/u.exec(s.text.slice(m.end)) : null;
      const person = surname ? cw.actors.filter((x) => x.kind === 'person' && role.roles.includes(x.role) && foldText(x.name).split(' ').pop() === foldText(surname[1]!)) : [];
      if (person.length === 1 && !taken(start, m.end + surname![0].length)) {
        mentions.push({ start, end: m.end + surname![0].length, text: s.text.slice(start, m.end + surname![0].length), type: 'actor', id: person[0]!.id, via: 'name' });
        continue;
      }
      if (!taken(start, m.end) && !titled) mentions.push({ start, end: m.end, text: s.text.slice(start, m.end), type: 'role', role, ownerId: owner?.id });
    }
  }
  // "the government of Barrantes", "o governo do presidente X": the person owns the government, which is the party meant.
  for (const m of mentions) {
    if (m.type !== 'role' || m.role !== GOVERNMENT_ROLE || m.ownerId) continue;
    const link = /^\s+(?:of|de|do|da|del)\s+(?:(?:the|el|la|o|a)\s+)?(?:(?:president|presidente|presidenta|prime minister|primer ministro|primeiro-ministro|mandatari[oa])\s+)?/u.exec(p.slice(m.end, m.end + 40));
    // (A first name the registry does not file may stand before the surname it does: "de Ismael Barrantes".)
    const at = link ? m.end + link[0].length : -1;
    const person = link && mentions.find((x) => x.type === 'actor' && x.start >= at && /^(?:\p{Lu}[\p{L}'’-]+\s+)?$/u.test(s.text.slice(at, x.start)) && cw.actorById.get(x.id!)?.kind === 'person');
    if (person) {
      m.ownerId = person.id;
      mentions.splice(mentions.indexOf(person), 1);
    }
  }
  // "directed from Veradia by President X": the country is where the named actor sits, not a second accused.
  // "on behalf of Orvenia's ministry": the country owns the body that follows, which is the agent.
  const owns = (m: Mention) => /^['’]s\s/u.test(p.slice(m.end, m.end + 3)) && mentions.some((x) => (x.type === 'role' || x.type === 'actor' || x.type === 'official') && x.start >= m.end + 3 && x.start <= m.end + 8);
  for (const m of countryAgents(s, p, cw)) if (!taken(m.start, m.end) && !owns(m) && !mentions.some((x) => x.type === 'actor' && cw.actorById.get(x.id!)?.country === m.country)) mentions.push(m);
  // "campaign spokesman X", "portavoz de la campaña", "porta-voz da campanha": a campaign's staff, no official body.
  const ofCampaign = (m: Span) => /(?:campaign|campana|campanha)\s+$/u.test(p.slice(Math.max(0, m.start - 12), m.start)) || /^\s+(?:for|of|de|da|do|del)\s+(?:the |la |a |su |sua )?(?:campaign|campana|campanha)/u.test(p.slice(m.end, m.end + 24));
  for (const m of allMatches(OFFICIAL_SPEAKERS, p)) if (!taken(m.start, m.end) && !ofCampaign(m)) mentions.push({ ...m, text: s.text.slice(m.start, m.end), type: 'official' });
  // Unknown capitalised names after an agent marker.
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(s.text); m; m = NAME_RE.exec(s.text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end) || start === 0 || !AGENT_MARKER.test(p.slice(Math.max(0, start - 30), start))) continue;
    // "por el Distrito 145", "by Route 9": a name with a number after it is a place or a seat, not an agent.
    if (/^\s+\d/.test(s.text.slice(end, end + 3))) continue;
    // "a Delaware-registered nonprofit", "a Texas-based super PAC": a place made an adjective, not a name.
    if (/-\p{Ll}+$/u.test(m[0])) continue;
    const f = foldText(m[0]);
    // "from Quetzara's state news agency": a country's possessive owns what follows, it is no agent.
    const bare = f.replace(/ s$/, '');
    if (NOT_NAMES.has(f) || MONTHS[f] !== undefined || isCountry(f, cw) || isCountry(bare, cw) || cw.races.some((r) => foldText(r.jurisdiction) === f)) continue;
    mentions.push({ start, end, text: m[0], type: 'name' });
  }
  mentions.sort((a, b) => a.start - b.start);
  // A body named in apposition as a registry person's own ("Caio Sobral, do Partido X (PX)"; "el
  // secretario general del Movimiento X (MX), Fabián Zorrilla") is whom the person belongs to, not a
  // second party. The body's name and its abbreviation in brackets are one apposition.
  const affiliated = (org: Mention, person: Mention | undefined) => person?.type === 'actor' && cw.actorById.get(person.id!)?.affiliation === org.id;
  const drop = new Set<Mention>();
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.type !== 'actor' || cw.actorById.get(m.id!)?.kind === 'person') continue;
    let j = i;
    while (mentions[j + 1]?.id === m.id && /^\s*\($/.test(p.slice(mentions[j]!.end, mentions[j + 1]!.start))) j++;
    const last = mentions[j]!;
    const before = mentions[i - 1];
    const after = mentions[j + 1];
    const ofBefore = affiliated(m, before) && /^,\s+(?:of|from|de|del|do|da)\s+(?:(?:the|el|la|o|a)\s+)?$/u.test(p.slice(before!.end, m.start));
    const titleAfter = affiliated(m, after) && /^\)?,\s*$/u.test(p.slice(last.end, after!.start)) && /(?<![\p{L}])(?:of|de|del|do|da)\s+(?:(?:the|el|la|o|a)\s+)?(?:[\p{L}-]+\s+)?$/u.test(p.slice(Math.max(0, m.start - 30), m.start));
    if (ofBefore || titleAfter) for (let k = i; k <= j; k++) drop.add(mentions[k]!);
    // "a dirigente del MRQ", "the treasurer of the X party": an officer of the body, the one person the registry files under it.
    const officers = cw.actors.filter((x) => x.kind === 'person' && x.affiliation === m.id);
    const from = Math.max(0, m.start - 40);
    const title = officers.length === 1 && !ofBefore && !titleAfter ? OFFICER_OF.exec(p.slice(from, m.start)) : null;
    if (title) Object.assign(m, { id: officers[0]!.id, start: from + title.index, text: s.text.slice(from + title.index, m.end) });
    i = j;
  }
  // "Movimiento X (MX)": the abbreviation in brackets is the same mention again, read as the name before it is.
  for (let i = 1; i < mentions.length; i++) if (mentions[i]!.type === 'actor' && mentions[i]!.id === mentions[i - 1]!.id && /^\s*\($/.test(p.slice(mentions[i - 1]!.end, mentions[i]!.start))) drop.add(mentions[i]!);
  return mentions.filter((m) => !drop.has(m));
}

/** A pronoun for a thing as the subject of a reporting verb ("It claims that …", "Eso indica …"): no name of its own. */
const THING_PRONOUN = /^(?:it|this|that|ello|eso|esto|isso|isto)$/u;
/** A speaker that points back at the one already named. */
const CAMPAIGN_WORDS = /^(?:(?:his|her|their|su|sua|seu) )?(?:campaign|campana|campaña|campanha|researchers|investigadores|pesquisadores|group|grupo)$/iu;

/**
 * A registry actor named as the owner of what is accused ("the party of President X", "partido do
 * presidente X", "the X government" is the government, not X), as the object of the events ("after
 * he criticized President X", "a critic of X", "contra X", "hackers who praised X", "images of X", "calificó de
 * «autócrata» al presidente X", "em defesa do governo de X", "perfis que seguem apenas contas oficiais do
 * governo de X") or
 * as the one a complaint is to be taken up with ("asked the State Department to raise it with X's
 * government") is not accused himself.
 */
const OWNER_OR_OBJECT = /(?:(?<![\p{L}])(?:(?:party|partido|legenda|sigla|cabinet|gabinete|youth wing|youth organi[sz]ation|ala juvenil|ala jovem|organizacion juvenil|organizacao juvenil|juventude|outlet|broadcaster|channel|mouthpiece|arm|emisora|emissora|canal|medio|veiculo|orgao|brazo|braco)(?:\s+(?:of|de|do|da|del))(?:\s+(?:the|el|la|o|a))?(?:\s+[\p{L}-]+(?:ian|an|ano|ana|ino|ina|ense|eno|ena|ese|esa))?|(?:critic|critics|critico|critica|criticos|criticas|criticized|criticised|criticizing|criticou|criticas|praised|praising|praise of|elogi\p{L}*|alab\p{L}*|exalt\p{L}*|images? of|imagenes|imagens|photos? of|fotos|portraits? of|retratos?|(?:calific|tild|tach|qualific)\p{L}*\s+(?:de\s+)?[«"“][^»"”]{1,40}[»"”]|in defen[cs]e of|in support of|em defesa|en defensa|em apoio|en apoyo|against|contra|about|sobre|opponent|rival|adversario|adversaria|(?:broke|broken|rompi[oó]|rompeu|romper)(?:\s+\p{L}+(?:ly|mente))?\s+(?:with|con|com))(?:\s+(?:of|de|do|da|del|a|al|ao|the|el|la|o))*)(?:\s+(?:president|presidente|prime minister|primeiro-ministro|primer ministro|foreign minister|canciller|chanceler|mandatario)(?:\s+(?:of|de|da|do|del)\s+[\p{L}-]+|\s+[\p{L}-]+(?:ian|an|ano|ana|ino|ina|ense|eno|ena|ese|esa))?)?[\s,]*|(?:imitat|impersonat|imitava|imitaba|imitab|suplant|fing|pretend|posing as|pos(?:ed|es) as|disguised as|(?:se )?(?:hac|hiz)\w* pasar por|(?:se )?passa\w* por|em nome falso d)[\p{L}]*\s+(?:[\p{L}-]+\s+){0,4}|(?:follow|segu|sigu)[\p{L}]*\s+(?:only\s+|apenas\s+|solo\s+|solamente\s+|somente\s+)?(?:(?:the|las|los|as|os)\s+)?(?:official\s+)?(?:accounts|cuentas|contas|perfis|perfiles|pages|paginas)(?:\s+(?:oficiais|oficiales))?\s+(?:of|de|del|d[oa]s?)\s+(?:(?:the|el|la|o|a)\s+)?|(?:rais|took up|taken up|levant|plante|tratad)[\p{L}]*\s+(?:[\p{L}-]+\s+){0,4}(?:with|con|com)\s+(?:(?:the|el|la|o|a)\s+)?(?:[\p{L}-]+['’]s\s+)?|(?:transmitid|broadcast|aired|carried|emitid|reproduzid|reproducid|retransmitid)[\p{L}]*\s+(?:[\p{L}-]+\s+){0,4}(?:by|por|pela|pelo)\s*(?:(?:the|la|el|a|o)\s+)?|(?:interview|entrevista)\s+(?:with|to|on|a|ao|con|com|en|em|na|no)\s+(?:(?:the|la|el|o|a)\s+)?|(?:no|not|any|little|sin|sem|nao|ninguna|nenhuma)\s+(?:[\p{L}-]+\s+){0,2}(?:evidence|proof|provas?|pruebas?|indicios?|evidencias?)\s+(?:that|de que|que)\s+(?:(?:the|el|la|o|a)\s+)?|(?:which|that|que)\s+(?:is|are|was|es|e|era|foi|sao|son)\s+(?:[\p{L}]+\s+)?(?:controlled|owned|funded|financed|backed|controlad[oa]|financiad[oa]|mantid[oa]|bancad[oa])\s+(?:by|por|pelo|pela)\s+(?:(?:the|el|la|o|a)\s+)?(?:[\p{L}-]+['’]s\s+)?|(?:close to|aligned with|sympathetic to|proxim[oa]s? (?:a|ao|do|da)|cercan[oa]s? (?:a|al)|afines? (?:a|al))\s+(?:(?:the|el|la|o|a)\s+)?)$/u;
/** "he called Tavares Leme 'a president who jails reporters'", "she branded X a liar": the one so called is the object (not "called X's post …"). */
const CALLED_OBJECT = /(?<![\p{L}])(?:called|labell?ed|branded|dubbed)\s+(?:(?:president|prime minister|foreign minister|ambassador)\s+)?$/u;
/**
 * A party as the object of someone else's meeting, visit, summons or criticism ("would seek a meeting with Quedalia's
 * ambassador", "asked the State Department to summon the ambassador", "since criticising Tavorian President X", "se
 * reunió con el cónsul", "convoque al embajador"): whoever meets, summons or criticises it is the subject, not it.
 * (Not after "by": "visits by consular staff" are the staff's.)
 */
const MET_OR_CRITICISED = /(?<![\p{L}])(?:met|meet|meets|meeting|meetings|visit|visits|visited|visiting|reuni(?:o|on|u|ram|ao|oes|ones|rse|r-se)|(?:encontro|encuentro|encontrou|encontraron|encontraram)\s+(?:com|con)|summon(?:s|ed|ing)?|convo(?:que|quen|car|cou|co|caram|caron)|critici[sz](?:e|es|ed|ing)|criticou|critico|criticaron|criticaram)\s+(?:(?:with|con|com|a|al|ao|aos|o|os|the|el|la|los|las|as|to)\s+){0,2}(?:[\p{L}-]+['’]s\s+|[\p{L}-]+(?:ian|an|ano|ana|ense|eno|ena|es)\s+)?(?:(?:president|presidente|presidenta|ambassador|embajador|embajadora|embaixador|embaixadora|foreign minister|canciller|chanceler|consul|consul general|consul-geral)[\s,]+)?$/u;
function ownerOrObject(p: string, m: { start: number; end?: number; type: string; role?: RolePattern }): boolean {
  if (m.type !== 'actor' && m.type !== 'role') return false;
  const before = p.slice(Math.max(0, m.start - 60), m.start);
  return OWNER_OR_OBJECT.test(before) || MET_OR_CRITICISED.test(before) || (CALLED_OBJECT.test(before) && m.end !== undefined && !/^['’]s(?![\p{L}])/u.test(p.slice(m.end, m.end + 3)));
}

/** Someone sending money (a remittance, when it goes home): "families sending money", "los que mandan dinero", "enviam dinheiro". */
const REMITTER = /(?<![\p{L}])(?:send|sends|sending|sent|wire|wiring|enviar|envian|envia|enviam|enviando|mandar|mandan|manda|mandam|mandando)\s+(?:[\p{L}]+\s+){0,2}$/u;
/** Where a remittance goes: home, to the family. */
const REMITTED_TO = /^\s*(?:back\s+)?(?:home|a casa|para casa|a su pais|para (?:o|seu) pais|(?:to|a|para)\s+(?:their|his|her|sus?|seus?|suas?)\s+(?:families|family|relatives|parents|mothers|familias|familiares|parientes|padres|pais|maes))(?![\p{L}])/u;

/** A verb that accuses by itself: its object is the accused, whatever the charge. */
const ACCUSE_VERB = /^(?:accus|acus|blam|culp|responsabiliz)/u;
/** The object slot after an accusing verb, up to the charge: "… a CNV y al MRV de", "the consulate of", "o cônsul por". */
const ACCUSED_SLOT = /^[^.;:!?"“«]{2,140}?\s(?:of|de|por|pela|pelo|for)\s/u;

/** US bodies as named in Spanish and Portuguese copy, by their English names. */
export const US_BODIES: [RegExp, string][] = [
  [/^departamento de estado$/, 'State Department'],
  [/^departamento de justi(?:c|ç)[ai]a?$/, 'Justice Department'],
  [/^(?:comision federal electoral|comissao eleitoral federal|comision federal de elecciones)(?: \(fec\))?$/, 'Federal Election Commission'],
  [/^casa (?:blanca|branca)$/, 'White House'],
  [/^policia del capitolio$|^policia do capitolio$/, 'Capitol Police'],
];

/**
 * Who responds, as a name: the words from the speaker's mention on (a leading "Em nota, " or "Horas más
 * tarde, " dropped); a registry actor named by an alias alone ("MRN", "the embassy" resolved to it) by
 * its registry name; "a spokesperson for X" by X; US bodies in English.
 */
function responderName(a: Analysed, accused: Accused[], cw: CompiledWatchlist): string {
  const m = a.speaker;
  let t = a.speakerText;
  // What comes before the last comma ahead of the mention is an adverbial or a title, not the name.
  const cut = m && a.verb && m.start < a.verb.start ? a.s.text.slice(0, m.start).lastIndexOf(', ') : -1;
  if (cut >= 0) t = a.s.text.slice(cut + 2, a.verb!.start);
  t = t.replace(/[,\s]+$/, '');
  // "X, in an emailed statement" / "X, em nota" / "X, a través de un vocero": the adjunct goes ("the ambassador, Octavio Rendel" stays whole).
  const parts = t.split(/,\s+/);
  if (parts.length > 1 && /^\p{Ll}/u.test(parts[1]!)) t = parts[0]!;
  t = t.replace(/^(?:the|la|el(?! salvador)|los|las|o|a|os|as|un|una|um|uma)\s+/i, '').replace(/\s+/g, ' ').trim();
  const body = /^(?:spokes(?:wo)?man|spokesperson|portavoz|vocero|porta-voz)\s+(?:for|of|del?|do|da)\s+(?:the |la |el |o |a )?(.+)$/iu.exec(t);
  if (body) t = body[1]!;
  const us = US_BODIES.find(([re]) => re.test(plain(t)));
  if (us) return us[1];
  if (m && foldText(t) === foldText(m.text).replace(/^(?:the|its|la|el|los|las|o|a|os|as) /, '')) {
    if (m.type === 'actor') return cw.actorById.get(m.id!)?.name ?? t;
    if (m.type === 'role') {
      const x = accused.find((y) => y.actor_id && y.role && m.role!.roles.includes(y.role));
      if (x) return cw.actorById.get(x.actor_id!)?.name ?? t;
    }
  }
  return t || (m?.text ?? '');
}

/** A cue negated right before it ("not random trolls", "no hubo amenazas", "sem ataques", "never sought or coordinated"); a directive carries its own negation. */
const NEGATED = /(?:^|\s)(?:(?:not|no|never|nunca|nao|sin|sem|nor|ni|nem|without)\s+(?:[\p{L}-]+,?\s+(?:(?:or|nor|and|o|ni|y|ou|nem|e)\s+)?)?|(?:no|any|little|without|sin|ningun|ninguna|sem|nenhum|nenhuma)\s+(?:sign|signs|evidence|indication|proof|trace|indicios?|pruebas?|senales?|evidencias?|sinais?|provas?)\s+(?:of|that|de|que)\s+)$/u;

/** A directive denied by its subject ("nobody told me who to vote for", "nunca pidió que votaran"): a directive carries its own "not". */
const NOBODY_ASKED = /(?:^|[\s"“«¿¡(])(?:(?:nobody|no one|no-one|never|nadie|nunca|jamas|ninguem|jamais)\s+(?:[\p{L}'’-]+\s+){0,2}|(?:(?:did|does|do|has|have)(?: not|n[’']t)|not|no|nao)\s+)$/u;

/** Sameness cues ("the same text", "misma frase") and the many accounts that make them coordination. */
const SAMENESS = /^(?:same|mismo|misma|mesmo|mesma|identical|near|nearly|almost|virtually|casi|practicamente|quase|praticamente|padroes)/;
const NETWORK_WORDS = /(?<![\p{L}])(?:accounts|profiles|pages|channels|sites|outlets|influencers|creators|bots|cuentas|perfiles|paginas|canales|sitios|medios|contas|perfis|canais|sites|veiculos|robos)(?![\p{L}])/u;

const ATTACK = /(?<![\p{L}])(?:attack|atac|ataq)/u;
/** Content as the attacker, right before the attack word ("ads attacking", "videos que atacan"). */
const CONTENT_BEFORE = /(?<![\p{L}])(?:content|contenido|contenidos|conteudo|conteudos|ads|adverts|advertisements|commercials|mailers|flyers|leaflets|spots|videos|clips|segments|broadcasts|reports|articles|programs|programmes|anuncios|folletos|volantes|segmentos|reportajes|programas|anuncios|panfletos|folhetos|reportagens|materias)(?:\s+(?:that|which|que))?\s+(?:[\p{L}-]+\s+){0,1}$/u;
/**
 * Content carrying the attack further back in its clause: a spread verb or a media noun the attack is part of
 * ("amplified segments from X's state broadcaster attacking her", "publicó contenido producido por RTNV para atacar",
 * "difunden ataques", "a content calendar that included attacks"). Bounded to one clause of 90 characters.
 */
const CONTENT_CARRIED = /(?<![\p{L}])(?:content|contenido|contenidos|conteudo|conteudos|videos|clips|segments|broadcasts|segmentos|programas|reportagens|reportajes|amplif\p{L}*|shar(?:e|es|ed|ing)|repost\p{L}*|republish\p{L}*|spread(?:s|ing)?|push(?:es|ed|ing)?|difund\p{L}*|compart\p{L}*|divulg\p{L}*|replic\p{L}*|impuls\p{L}*|espalh\p{L}*|repet\p{L}*|repit\p{L}*|repeat\p{L}*)(?![\p{L}])[^.;:!?]{0,90}$/u;
/** Who makes an attack harassment: many accounts, bots, trolls, an orchestrated or coordinated effort. */
const SWARM = /(?<![\p{L}])(?:accounts|profiles|bots|trolls?|sockpuppets|network of|orchestrat|coordinat(?!or)|cuentas|perfiles|troles|red(?:es)? de|orquest|coordin(?!ador)|contas|perfis|robos|rede de|coorden(?!ador))/u;

/** What the law bars ("federal law bars foreign nationals from spending money", "la ley prohíbe"): a rule, not an act. */
const LAW_STATEMENT = /(?<![\p{L}])(?:laws?|ley|leyes|lei|leis|statute|rules?)\s+(?:[\p{L}-]+\s+){0,3}(?:bars?|prohibits?|forbids?|bans?|prohibe|prohiben|proibe|proibem|veda|vedam)(?![\p{L}])|(?:barred|prohibited|banned|prohibid[oa]s?|proibid[oa]s?)\s+(?:under|by|por|pela|pelo)\s+(?:[\p{L}-]+\s+){0,3}(?:law|ley|lei)/u;

/**
 * The article in its own voice withdrawing or refuting a claim: a correction or fact-check label, "that
 * was incorrect", "has been withdrawn", "regrets the error", a verdict of false.
 */
const RETRACTION_LABEL = /^(?:correction|correccion|correcao|fe de erratas|errata|fact[- ]?check|verificacion|verificacao|checagem)\s*:\s*/u;
const RETRACTION = /(?<![\p{L}])(?:(?:that|this) (?:was|is) (?:incorrect|false|wrong|inaccurate)|(?:has|have) been (?:withdrawn|retracted)|regrets the error|(?:conclusion|conclusao|verdict|veredicto|veredito)\s*:\s*(?:false|falso|falsa|incorrect)|(?:eso|esto|isso|isto) (?:es|era|fue|foi|e|estava) (?:incorrect|fals|erroneo|errad)|lamenta (?:el|o) (?:error|erro)|(?:fue|ha sido|foi) retirad[oa])/u;

/** Donors as data: a donor list or database, the donations in it ("lista de donantes", "base de doadores", "donor records"). */
const DONOR_DATA = /(?<![\p{L}])(?:donor (?:list|lists|database|data|records|files|information)|(?:list|database|records|data) of (?:its |their |the )?donors|(?:lista|listas|base|bases|datos|registro|registros) de (?:sus |los )?donantes|(?:lista|listas|base|bases|dados|registro|registros|cadastro) de (?:seus |os )?doadores)(?![\p{L}])/u;

/** A rumour reported as such: "speculated", "rumours", "especularon", "boatos" — nobody on the record alleges it. */
const SPECULATION = /(?<![\p{L}])(?:speculat\p{L}*|rumou?rs?|rumou?red|especul\p{L}*|rumores|boatos?)(?![\p{L}])/u;

/** A report the article takes back, by the adverb before its verb ("incorrectly reported", "informó erróneamente" reads the other way and is caught after the verb). */
const ERROR_REPORT = /(?<![\p{L}])(?:incorrectly|erroneously|mistakenly|wrongly|falsely|inaccurately|erroneamente|equivocadamente|incorrectamente|incorretamente|por error|por engano|por equivoco|indevidamente)\s+$/u;

/** US federal bodies that may be the first to tell of foreign interference (an election authority is another matter). */
const FEDERAL_BODY = /(?<![\p{L}])(?:state department|department of state|justice department|department of justice|fbi|white house|homeland security|treasury|director of national intelligence|departamento de estado|departamento de justicia|departamento de justica|casa blanca|casa branca)(?![\p{L}])/u;

/** A report verb negated before the claim it would make: "did not allege that", "the record does not show: that", "no acusó a", "no ha acusado al cónsul de…", "has not accused", "não afirmou que". */
const NEGATED_REPORT = /(?<![\p{L}])(?:did not|didn[’']t|does not|doesn[’']t|has not|have not|had not|hasn[’']t|haven[’']t|never|no|nao|nunca)\s+(?:(?:ha|han|habia|habian|tem|tinha|teve|has|have|had)\s+)?(?:allege|alleged|claim|claimed|say|said|find|found|show|shows|showed|prove|proves|proved|accuse|accused|acus\p{L}*|afirm\p{L}*|denunci\p{L}*|encontr\p{L}*|dij\p{L}*|disse|muestr\p{L}*|mostr\p{L}*|demuestr\p{L}*|demonstr\p{L}*|prueb\p{L}*|prov\p{L}*)\s+(?:that|que|a|al|ao|any|nenhum|nenhuma|ningun|ninguna|ninguno)?(?![\p{L}])/u;

/** Voting told as an act ("registered to vote", "fizeram fila para votar", "inscritos para votar"), before a vote verb. */
const VOTING_ACT = /(?<![\p{L}])(?:registered|eligible|lined up|queued|waited|registrad[oa]s?|inscrit[oa]s?|cadastrad[oa]s?|habilitad[oa]s?|apt[oa]s|fila|filas|cola|colas)(?:\s+[\p{L}]+){0,2}\s+(?:to|para)\s+$/u;

/** What an insult is aimed at when it is a grievance or an affront: a nation, a people, a community ("insulted our homeland", "an insult to every voter"). */
const AFFRONTED = /^\p{L}*\s+(?:(?:to|a|al|ao|à)\s+)?(?:(?:our|your|their|his|her|the|every|all|nuestr[oa]s?|vuestr[oa]|su|la|el|los|las|nossa|nosso|vossa|sua|a|o|os|as|toda|todo|todos|todas|cada)\s+){0,2}(?:[\p{L}-]+\s+)?(?:nation|country|homeland|people|community|patria|pais|nacion|pueblo|comunidad|patria|nacao|povo|comunidade|voters?|votantes|eleitores)(?![\p{L}])/u;

/** A fact check's verdict paragraph or line: "RATING: FALSE", "CLASSIFICAÇÃO: FALSO", "We rate this claim False", "Calificamos la afirmación como falsa". */
const VERDICT_FALSE = /(?:^|\n)(?:rating|verdict|veredicto|veredito|calificacion|classificacao|our ruling|nuestro veredicto|nosso veredito)\s*:\s*(?:false|falso|falsa|mostly false|fabricad|fake)|(?<![\p{L}])(?:we rate (?:this|the) (?:claim|post|image|video|statement) (?:as )?(?:false|mostly false|fabricated)|(?:calificamos|clasificamos) (?:esta|la|esa) (?:afirmacion|publicacion|imagen|alegacion) como (?:falsa|fals[ao])|classificamos (?:esta|a|essa) (?:alegacao|afirmacao|publicacao|imagem) como (?:falsa|falso))/u;

/** Someone taking back what they alleged: "withdrew the allegation", "retracted", "walked back", "se retractó", "retirou a denúncia". */
const ACCUSER_RETRACTS = /(?<![\p{L}])(?:(?:withdrew|withdrawn|retracted|walked back|took back)\s+(?:[^\s.;]+\s+){0,8}?(?:(?:the|her|his|their|its)\s+)?(?:claim|allegation|accusation|complaint|statement)s?|se retract(?:o|aron)|(?:retir|desist)(?:o|aron|ou|iu|aram|iram)\s+(?:[^\s.;]+\s+){0,8}?(?:de\s+)?(?:la|a|su|sua)\s+(?:acusacion|denuncia|queja|acusacao|queixa))/u;

/** A subject that says nobody did or saw it: "None of the attendees", "nadie", "ninguno de los vecinos", "nenhum dos eleitores". */
/** A purpose before the verb "intimidate": "to", "para", "in order to", "tried to" ("para intimidar", "trató de intimidarnos", "tentativa de me intimidar"; not "campanha de intimidação"). */
const INTIMIDATION_AIM = /(?:^|\s)(?:to|para|a fin de|com o objetivo de|con el fin de|de)\s+(?:(?:me|te|nos|la|lo|las|los|les|a|o|as|os|lhe|lhes)\s+)?$/u;
/** The payer after a payment word: "paid for by X", "pagos por X", "financiados pelo X". */
const PAYER_AFTER = /^\s*(?:for\s+(?:[\p{L}-]+\s+){0,3}?)?(?:by|por|pel[oa]s?)\s+([^,.;:]{2,80})/u;
const US_STATES = 'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|luisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|nueva jersey|nova jersey|new mexico|nuevo mexico|novo mexico|new york|nueva york|nova york|(?:north|south) (?:carolina|dakota)|carolina del (?:norte|sur)|carolina do (?:norte|sul)|ohio|oklahoma|oregon|pennsylvania|pensilvania|rhode island|tennessee|texas|utah|vermont|virginia|washington|wisconsin|wyoming';
/** A party marked as domestic: registered or based in a US state, local, a super PAC, American. */
const DOMESTIC_PARTY = new RegExp(`(?<![\\p{L}])(?:[\\p{L}]+-registered|registered in|based in|registrad[oa]s? (?:en|em|no|na)|sediad[oa]s? (?:em|no|na)|con sede en|local|locales|locais|super pac|pac|domestic|american|estadounidense|norte-american[oa]|${US_STATES})(?![\\p{L}])`, 'u');
/** Money said to come from outside the country, with no party named ("foreign money", "dinero del exterior"). */
const FOREIGN_SOURCE = /(?<![\p{L}])(?:foreign|abroad|overseas|extranjer\p{L}*|estrangeir\p{L}*|exterior)(?![\p{L}])/u;
/** A speaker named by a foreign office alone: a ministry, embassy, consulate, or a broadcaster's staff. */
const FOREIGN_OFFICE = /^(?:(?:the|la|el|o|a|its|su|sua)\s+)?(?:cancilleria|chancelaria|foreign ministry|ministry|ministerio|embassy|embajada|embaixada|consulate|consulado|(?:the\s+)?broadcaster['’]s|(?:the\s+)?(?:channel|network|outlet)['’]s|la televisora|a emissora|la emisora)(?![\p{L}])/u;
/** The doer said to be unknown: "did not say who was behind them", "no dijo quién", "sem dizer quem", "it is not known who". */
const UNATTRIBUTED = /(?<![\p{L}])(?:(?:did not|didn[’']t|would not|does not|declined to) (?:say|identify|name) who|without (?:saying|naming) who|(?:it is|it was|it remains) (?:not known|unclear|unknown) who|no (?:dijo|precis[oó]|identific[oó]) qui[eé]n|sin (?:decir|precisar) qui[eé]n|(?:nao|não) (?:disse|informou|identificou) quem|sem (?:dizer|informar) quem)(?![\p{L}])/u;
/** No evidence offered for it, a verb between: "no presentó pruebas de esa coordinación", "did not provide any evidence of the payments". */
const NO_EVIDENCE = /(?:^|\s)(?:not|no|nao|sin|sem|without|never|nunca)\s+(?:[\p{L}-]+\s+){1,2}(?:evidence|proof|pruebas?|provas?|evidencias?)\s+(?:of|for|de|da|do|that|que)\s+(?:(?:esa|ese|essa|esse|this|that|such|the|la|el|a|o|tal)\s+)?$/u;
/** The United States as a place ("votar nos EUA", "votar en Estados Unidos"). */
const US_PLACE = /^\s*(?:eua|estados unidos|ee ?uu|eeuu|us|u ?s|the us|the united states|america)(?![\p{L}])/u;
/** A report verb in the pluperfect: "had (already) accused", "ya había denunciado", "já tinha denunciado". */
const EARLIER_REPORT = /(?:^|\s)(?:had|habia|habian|havia|haviam|tinha|tinham)\s+(?:(?:already|earlier|previously|ya|ja|antes)\s+)?$/u;
/** A record cited as a source: "the recording", "a gravação integral", "la grabación", "the transcript", "el acta". */
const SOURCE_RECORD = /^(?:(?:the|a|an|la|el|o|um|uma|una|un)\s+)?(?:full\s+|complete\s+)?(?:recording|video|transcript|footage|minutes|record|gravacao|grabacion|transcricao|transcripcion|acta|ata|registro)(?![\p{L}])/u;
/** A speech verb negated: "has never accused the ambassador … of funding ads", "no acusó", "não afirmou". */
const NEGATED_VERB = /(?:^|\s)(?:never|not|no|nao|nunca|jamas|jamais)\s+(?:(?:ever|once|yet|ha|han|habia|habian|tem|tinha|teve)\s+)?$|n[’']t\s+$/u;
/** A candidate's denial ("Echeverría negó cualquier coordinación") is about the candidate's own side, not an allegation. */
const DENIAL_VERB = /^(?:denied|denies|deny|nego|niega|negaron|negou|nega|negaram|desmintio|desmentiu)$/u;
/**
 * A cue whose clause has no one as its subject, a general remark ("no foreign government should be harassing any
 * candidate", "nenhum governo estrangeiro deve intimidar eleitores", "ninguna organización lo ha denunciado como
 * injerencia"): a negative quantifier, its noun phrase, a modal or auxiliary, up to three words, then the cue.
 */
const NEGATIVE_CLASS = /(?:^|\s)(?:no|nenhum|nenhuma|ningun|ninguna|ninguno|nadie|ninguem|nobody|no one)\s+(?:[\p{L}'’-]+\s+){0,4}(?:should|must|can|could|may|would|will|has|have|had|is|was|were|are|deve|devem|deveria|deveriam|pode|podem|debe|deben|deberia|deberian|puede|pueden|ha|han|habia|tem|teve|tinha)\s+(?:[\p{L}'’-]+\s+){0,3}$/u;
const NEGATIVE_SUBJECT = /^(?:none|nobody|no one|no-one|neither|nadie|ninguno|ninguna|nenhum|nenhuma|ninguem)(?![\p{L}])/u;

/** US election authorities, whose findings about a foreign party are allegations, not answers to one. */
const ELECTION_AUTHORITY = /(?<![\p{L}])(?:elections?|electoral|elecciones|eleicoes|eleitoral|secretary of state|secretary of the commonwealth|county clerk|registrar of voters)(?![\p{L}])/u;
function isElectionAuthority(a: { speaker: Mention | null; speakerText: string }): boolean {
  const who = plain(a.speaker?.type === 'official' ? `${a.speaker.text} ${a.speakerText}` : a.speakerText);
  return (a.speaker === null || a.speaker.type === 'official') && ELECTION_AUTHORITY.test(who) && !/(?<![\p{L}])(?:candidate|campaign|candidat[oa]|campana|campanha)(?![\p{L}])/u.test(who);
}

/** An official named by office alone ("the spokesperson", "the board", "el portavoz"): the one the sentence before named. */
const BARE_OFFICIAL = /^(?:the |el |la |o |a )?(?:spokes(?:wo)?man|spokesperson|office|board|division|officials?|portavoz|vocero|oficina|junta|porta-voz|divisao|gabinete)$/u;

/** A class of states, not one: "foreign governments", "adversarios extranjeros", "potências estrangeiras". */
const GENERIC_CLASS = /(?<![\p{L}])(?:foreign (?:governments|actors|adversaries|powers|states|countries)|(?:gobiernos|actores|adversarios|potencias|paises) extranjer[oa]s|(?:governos|atores|adversarios|potencias|paises) estrangeir[oa]s)(?![\p{L}])/u;

/** How parties name themselves: "Partido da Renovação", "Movimiento Patria Nueva", "Aliança Popular", "the ruling party". */
const PARTY_NAME = /(?:^| )(?:party|partido|partito|movement|movimiento|movimento|alliance|alianza|alianca|front|frente|union|union|uniao|liga|league|bloque|bloco)(?: |$)/;

/** Words that put a rival candidate's remark on the affair: the foreign hand, the allegation, the post. */
const ABOUT_THE_AFFAIR = /(?<![\p{L}])(?:foreign|abroad|extranjer[oa]s?|estrangeir[oa]s?|allegations?|accusations?|acusaci(?:on|ones)|acusac(?:ao|oes)|denuncias?|the post|la publicacion|a publicacao|el mensaje|a mensagem|interference|injerencia|interferencia|ingerencia)(?![\p{L}])/u;

/** Response kinds from weakest to strongest, when one responder answers in several sentences. */
const RESPONSE_STRENGTH: LeadResponse['kind'][] = ['other', 'condemnation', 'no_comment', 'denial', 'counter_accusation'];

/** The city after a mission ("consulate in Boston", "consulado de Solmaria en Los Ángeles"). */
const MISSION_CITY = /^(?:\s+(?:of|de|da|do|del)\s+\p{Lu}[\p{L}]+)?\s+(?:in|en|em|at|no|na)\s+(\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?)(?:\s+(?:and|y|e)\s+(\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?))?/u;

/** What comes before the doer of an act: "by", "working for", "staff of", "a serviço de", "gente del". */
const AGENT_BEFORE = /(?<![\p{L}])(?:by|por|pel[oa]s?|(?:came|come|sent|calls?) from|from|desde|(?:salier|vin|vier|sai)\w* d[eoa]l?|linked to|tied to|working for|on behalf of|a servico d[aeo]s?|trabaja\w* para|trabalha\w* para|a mando d[aeo]|(?:orders|instructions|instrucciones|ordenes|instrucoes|ordens)(?: direct(?:a|o)?s)? (?:of|from|de|del|da|do)|at the behest of|staff(?: members)?|employees?|officials|funcionari[oa]s?|empleados?|gente|militantes|members)\s+(?:[\p{L}'’-]+\s+){0,4}$/u;

/** A person speaking for the accuser already named ("the group's legal director", "a coordenadora do estudo"). */
const MEMBER_OF = /^(?:(?:the |el |la |o |a )?[\p{L}'’-]+(?:['’]s)? )?(?:legal |research |policy |executive |managing )?(?:director|directora|diretor|diretora|spokes(?:wo)?man|spokesperson|portavoz|vocero|porta-voz|coordinator|coordinador[a]?|coordenador[a]?|analyst|analista|head|chief|jefe|jefa|chefe|researcher|investigador[a]?|pesquisador[a]?|author|autor[a]?)\b/u;

/** The accuser as a name: articles and appositions dropped; a description with the name after it gives the name. */
function accuserName(speakerText: string): string | null {
  // A sentence adverb before the subject, an auxiliary after it, an age in apposition ("Now two community leaders",
  // "The FBI has", "Júlio Cabral, 58") are no part of the name.
  let t = speakerText.replace(/[,:.\s]+$/, '').trim().replace(/^(?:now|today|also|later|meanwhile|still|ahora|hoy|agora|hoje)\s+(?=\S)/iu, '').replace(/\s+(?:has|have|had)$/u, '').replace(/,\s+\d{1,3}$/u, '');
  // "Dana, Nevada elections director Renata Oyelaran": a reporter's vocative to the host goes.
  t = t.replace(/^\p{Lu}[\p{Ll}'’-]+,\s+(?=.*\p{Lu}[\p{L}'’-]+\s+\p{Lu})/u, '');
  const parts = t.split(/,\s+/);
  const named = parts.find((x, i) => i > 0 && /^(?:\p{Lu}[\p{L}'’.-]+)(?: (?:de |da |do |del )?\p{Lu}[\p{L}'’.-]+)+$/u.test(x));
  const described = parts.length > 1 && (/^(?:a|an|the|una?|uma?|based|with|who|que)(?!\p{L})/iu.test(parts[1]!) || (/^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)+$/u.test(parts[0]!) && /^\p{Ll}/u.test(parts[1]!)));
  t = named ?? (described ? parts[0]! : t);
  t = t.replace(/^(?:the|a|an|la|el|los|las|o|os|as|un|una|um|uma)\s+/i, '').trim();
  // "firma de ciberseguridad Halvorsen Threat Research", "campaign manager Lena Ortiz": the name after its description.
  const titled = /^(?:\p{Ll}[\p{L}-]*\s+){1,5}(\p{Lu}[\p{L}'’.-]*(?:\s+(?:de |da |do |del |of )?\p{Lu}[\p{L}'’.-]*){0,5})$/u.exec(t.split(/,\s+/)[0]!);
  if (titled) t = titled[1]!;
  // "researchers at the Digital Civics Lab at Biscayne State University", "ao Diário X o diretor de investigação da
  // Ridgeline", "Laboratorio X de la Universidad Y": the body named, not its researchers, its host or the outlet told.
  t = t.replace(/^(?:to|a|al|ao|à)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,4}(?:(?:the|el|la|o|a)\s+)?(?=\p{Ll})/u, '');
  const at = /^(?:[\p{Ll}-]+\s+){1,4}(?:at|from|with|of|de|del|da|do|en|em)\s+(?:(?:the|la|el|o|a)\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s+(?:de |da |do |del |of |for )?\p{Lu}[\p{L}'’.-]*)*)/u.exec(t);
  if (at) t = at[1]!;
  t = t.replace(/\s+(?:at|of|de la|de|da|do|del)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’.-]*\s+)*(?:University|Universidad|Universidade|College|Instituto|Institute)(?:\s+.*)?$/u, '').replace(/\s+(?:at|of|de la|de|da|do|del)\s+(?:the\s+)?(?:University|Universidad|Universidade|College|Instituto|Institute)\b.*$/u, '');
  // "Centro de Estudos X divulgado nesta quinta-feira", "Lab Y released on Monday": the name without the participle after it.
  const tail = /^(\p{Lu}[\p{L}'’.-]*(?:\s+(?:de |da |do |del |dos |das |of |for )?\p{Lu}[\p{L}'’.-]*)+)\s+(?:released|published|issued|divulgad[oa]|publicad[oa]|lanzad[oa]|lançad[oa]|presentad[oa]|apresentad[oa])(?![\p{L}])/u.exec(t);
  if (tail) t = tail[1]!;
  return t || null;
}

/**
 * A document as the subject: the speaker is its author ("a complaint by X", "un informe de X"); a
 * document with no author named (a message, a video, the statement) says nobody is the accuser.
 */
const DOCUMENT_SUBJECT = /^(?:(?:a|an|the|its|her|his|their|one|this) )?(?:[\p{L}-]+ ){0,2}(?:complaint|reports?|lawsuit|study|filing|petition|statement|messages?|posts?|videos?|images?|memes?|graphic|screenshot|documents?|analysis|investigation|records?|invoices?|emails?|article|story)\b|^(?:(?:una?|la|el|los|las|su|sus) )?(?:[\p{L}-]+ ){0,2}(?:denuncia|queja|demanda|informe|estudio|comunicado|mensaje|video|imagen|imagenes|memes?|documentos?|analisis|investigacion|registros?|capturas?|articulo|reportaje|nota)\b|^(?:(?:uma?|a|o|os|as|seu|sua) )?(?:[\p{L}-]+ ){0,2}(?:queixa|denuncia|acao|relatorio|estudo|nota|mensagem|video|imagem|imagens|memes?|documentos?|analise|investigacao|registros?|artigo|reportagem|materia)\b/u;

/** ", X said." at the end, with a time or manner adjunct after the verb (", a firm said on Tuesday."). */
const TRAILING = /,\s*([^,]{2,90}?)\s+(?:said|says|say|finds|find|found|concluded|reported|wrote|alleged|alleges|allege|claims|claim|dijo|dijeron|dice|dicen|afirma|afirman|afirmo|afirmaron|denuncia|denuncian|denuncio|concluyo|encontro|segun|disse|disseram|diz|dizem|afirma|afirmam|afirmou|afirmaram|denunciou|denunciam|concluiu|constatou)(?:\s+(?:on|in|this|last|late|early|earlier|el|este|esta|en|el pasado|nesta|neste|na|no|em|on its|in its)\b[^,]{0,40})?\s*[.!]?$/u;
/** An auxiliary right before a reporting verb makes it passive. */
const PASSIVE_AUX = /(?:^|\s)(?:was|were|been|being|is|are|be|fue|fueron|sido|ser|foi|foram|seria|seriam|teria|teriam|esta|estava|estaba)\s+(?:[\p{L}]+(?:ly|mente)\s+)?$/u;
const ACCORDING = /^(?:according to|segun|segundo|de acuerdo con|de acordo com)\s/u;

/** Where the sentence's quotations are: [open, close] offsets of each pair of quotation marks. */
function quoteSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let open = text.search(QUOTE_OPEN); open >= 0; ) {
    const close = text.indexOf(QUOTE_CLOSE[text[open]!]!, open + 1);
    if (close < 0) break;
    out.push([open, close]);
    const next = text.slice(close + 1).search(QUOTE_OPEN);
    if (next < 0) break;
    open = close + 1 + next;
  }
  return out;
}

/** A response verb after an article or a preposition is a noun ("mensajes de rechazo", "the denial"). */
const RESPONSE_NOUN = /(?:^|\s)(?:de|del|do|da|el|la|los|las|un|una|su|sus|um|uma|otro|otra|outro|outra|este|esta|ese|esa|esse|essa|cada|the|a|an|of|its|their|his|her|another|this|each)\s+$/u;

/**
 * A prepositional phrase before the subject and its comma ("In a campaign statement, ", "Em entrevista a
 * uma rádio de Porto Firme, ", "En un comunicado, "): an adverbial, not who speaks.
 */
const LEADING_ADVERBIAL = /^(?:(?:in|on|at|during|after|before|via|through|as|since|within|en|em|no|na|num|numa|durante|tras|apos|depois de|antes de|a traves de|por medio de|mediante|pelo|pela|como|desde)\s[^,]{2,80}|since then|later|earlier|meanwhile|separately|additionally|in addition|afterwards?|then|por separado|por otro lado|ademas|separadamente|alem disso|por outro lado|luego|despues|entonces|mas tarde|depois|entao|mais tarde|desde entonces|desde entao),\s*/iu;

/** A dateline before the sentence: "HOUSTON, Sept. 16 (Statewire) — ", "FRAMINGHAM, Massachusetts, 21 de outubro (Correio) — ". */
const DATELINE_LEAD = /^(?:\p{Lu}[\p{Lu} .'’-]{2,40}(?![\p{Ll}])[^—–]{0,80}|[^—–]{0,60})[—–]\s*/u;

/**
 * The outlet that told the story first, opening the sentence: "As first reported by the X Ledger, …", "Según informó el
 * diario X, …", "Como informou o Y, …". It sources the whole sentence; when the clause after it has its own reporting verb
 * ("…, Rep. Whitcombe says …"), that clause's subject is the speaker, not the outlet.
 */
const REPORTED_FIRST = /^(?:as (?:first |originally |previously |earlier )?(?:reported|revealed|published|disclosed) (?:by|in)|(?:segun|como|conforme|segundo) (?:lo )?(?:(?:inform|public|revel|report|adelant)(?:o|aron)|(?:notici|inform|public|revel|antecip)(?:ou|aram)))\s[^,]{2,80},\s*/u;

function analyse(s: Sentence, cw: CompiledWatchlist, previous: Analysed | undefined): Analysed {
  const lead = /^\p{Lu}[\p{Lu} .'’-]{2,40}(?![\p{Ll}])[^—–]{0,80}[—–]\s*/u.exec(s.text)?.[0].length ?? 0;
  const source = REPORTED_FIRST.exec(plain(s.text.slice(lead)));
  if (source) {
    const rest = analyse({ text: s.text.slice(0, lead) + s.text.slice(lead + source[0].length), start: s.start }, cw, previous);
    if (rest.verb) return rest;
  }
  const p = plain(s.text);
  const entities = matchEntities(s.text, cw);
  const mentions = sentenceMentions(s, p, entities, cw);
  // A candidate named by surname alone ("Whitfield told reporters") is that candidate.
  NAME_RE.lastIndex = 0;
  for (let m = NAME_RE.exec(s.text); m; m = NAME_RE.exec(s.text)) {
    if (m[0].includes(' ') || mentions.some((x) => m!.index < x.end && x.start < m!.index + m![0].length)) continue;
    const f = foldText(m[0]);
    const found = f.length >= 4 ? cw.candidates.filter((c) => foldText(c.name).split(' ').pop() === f) : [];
    if (found.length === 1) mentions.push({ start: m.index, end: m.index + m[0].length, text: m[0], type: 'candidate', id: found[0]!.id });
  }
  mentions.sort((a, b) => a.start - b.start);
  // A passive ("was traced to", "fue denunciado", "foi apontado") reports no speaker: its agent is the accused or the source.
  const quotes = quoteSpans(s.text);
  // An aside between dashes ("the ads — ominous spots that accuse her of … — were paid for by …") is no reporting clause either.
  const datelineEnd = /^\p{Lu}[\p{Lu} .'’-]{2,40}(?![\p{Ll}])[^—–]{0,80}[—–]\s*/u.exec(s.text)?.[0].length ?? 0;
  const asides = [...s.text.slice(datelineEnd).matchAll(/\s[—–]\s[^—–]{3,200}?\s[—–]\s/gu)].map((m) => [datelineEnd + m.index!, datelineEnd + m.index! + m[0].length] as [number, number]);
  const quoted = (at: number) => quotes.some(([a, b]) => at > a && at < b) || asides.some(([a, b]) => at > a && at < b);
  const found = [...allMatches(SPEECH, p), ...allMatches(RESPONSE_ACTS, p)].filter((v) => !PASSIVE_AUX.test(p.slice(Math.max(0, v.start - 24), v.start)) && !RESPONSE_NOUN.test(p.slice(Math.max(0, v.start - 12), v.start))).sort((a, b) => a.start - b.start);
  // A verb inside a quotation is what the speaker says, not the sentence's reporting verb ('"… pointed to the address", said the candidate').
  const unquoted = found.filter((v) => !quoted(v.start));
  const verbs = unquoted.length ? unquoted : found;
  let verb = verbs[0] ?? null;
  let speaker: Mention | null = null;
  let speakerText = '';
  let contentStart = 0;
  let contentEnd = s.text.length;
  const pronoun = PRONOUN_SUBJECT.test(p);
  const trailing = TRAILING.exec(p);
  let inverted = INVERTED_SPEECH.exec(p);
  // After a comma (not a quote), ", said X" must end the sentence ("…, said Rocha." / "…, said X, a lawyer."):
  // ", said the consulate orchestrated …" is an apposition and its verb.
  if (inverted && !/["”»]/.test(inverted[0].slice(0, 2))) {
    const rest = p.slice(inverted.index + inverted[0].length - 1);
    if (!/^[,\s]*[.!]?\s*$/.test(rest) && !/^,/.test(rest)) inverted = null;
  }
  if (verb && ACCORDING.test(p.slice(verb.start))) {
    const comma = s.text.indexOf(',', verb.end);
    // "CLAIM, according to X[, …]": what X says comes before; "According to X, CLAIM": after.
    // …but "Within minutes, according to X, CLAIM": a short adverbial before, the claim after.
    const atEnd = verb.start > 0 && /[,—–]\s*$/.test(s.text.slice(0, verb.start)) && !(verb.start < 40 && comma > 0 && s.text.length - comma > 40);
    const end = comma > 0 ? comma : s.text.length;
    speaker = mentions.find((m) => m.start >= verb!.end && m.start < end) ?? null;
    speakerText = s.text.slice(verb.end, end).replace(/[.!?\s]+$/, '').trim();
    if (atEnd) {
      contentStart = 0;
      contentEnd = verb.start;
    } else contentStart = end;
  } else if (inverted && (!verb || verb.start >= inverted.index)) {
    // '"…," said Maren Tolliver, the lab's director.': the speaker follows the verb.
    const start = inverted.index + inverted[0].indexOf(inverted[2]!, inverted[0].indexOf(inverted[1]!) + inverted[1]!.length);
    speaker = mentions.find((m) => m.start >= start && m.start < start + inverted[2]!.length) ?? null;
    speakerText = s.text.slice(start, start + inverted[2]!.length).trim();
    contentStart = 0;
    contentEnd = inverted.index;
    verb = { start: inverted.index, end: start, text: inverted[1]! };
  } else if (trailing && (!verb || verb.start >= trailing.index || !mentions.some((m) => m.end <= verb!.start && m.type !== 'candidate'))) {
    // ", X found." at the end is the source of the whole clause before it, unless that clause has
    // its own speaker ("The embassy denied it, a spokesman said" keeps the embassy); a candidate there
    // is the object ("Phishing against Oyelaran staff traced to X, a reporter finds").
    const matched = trailing.index + trailing[0].indexOf(trailing[1]!);
    const verbAt = matched + trailing[1]!.length;
    // '"…, and he owes Floridians an explanation," campaign spokesman X said.': the speaker starts after the quotation.
    const close = quotes.filter(([, b]) => b >= matched && b < verbAt).at(-1)?.[1];
    const start = close !== undefined ? close + 1 : matched;
    speaker = mentions.find((m) => m.start >= start) ?? null;
    speakerText = s.text.slice(start, verbAt).replace(/^[\s,]+/, '').trim();
    contentStart = 0;
    contentEnd = close !== undefined ? close + 1 : trailing.index;
    verb = { start: verbAt, end: trailing.index + trailing[0].length, text: '' };
  } else if (verb) {
    // Mentions inside a quotation before the verb are what is quoted, not who speaks ('"The president …," the minister told').
    const lastClose = quotes.filter(([, b]) => b < verb!.start).at(-1)?.[1] ?? -1;
    let before = mentions.filter((m) => m.end <= verb!.start && !quoted(m.start));
    // "The two-term Democrat, who faces Republican X, said": a relative clause after the subject names someone else.
    const relative = /^([^,]{3,60}),\s+(?:who|which|que|quien|quienes|cujo|cuja)\s/u.exec(s.text.slice(lastClose + 1, verb.start).replace(DATELINE_LEAD, ''));
    if (relative) {
      const headEnd = s.text.indexOf(relative[1]!, lastClose + 1) + relative[1]!.length;
      if (!before.some((m) => m.end <= headEnd)) before = [];
    }
    // The first mention of the clause that holds the verb is the subject ("El Salvador's ambassador …, Milena Mayorga, did not").
    speaker = before[0] ?? null;
    // "Daniel Okoro, campaign manager for Marcus Oyelaran, said": the name before the apposition speaks, not the candidate in it.
    const lead = /^(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,3}),\s+\p{Ll}/u.exec(s.text);
    if (speaker && lead && speaker.start > lead[1]!.length && !isCountry(foldText(lead[1]!), cw) && !NOT_NAMES.has(foldText(lead[1]!))) speaker = null;
    // A dateline ("COLUMBUS, Ohio — ") is not part of the subject.
    speakerText = s.text.slice(lastClose + 1, verb.start).replace(DATELINE_LEAD, '').replace(/^[\p{L}\s-]{4,16}:\s+/u, (x) => (RETRACTION_LABEL.test(plain(x)) ? '' : x)).replace(/^\p{Lu}[\p{Lu}\s.,'’]{1,40}(?:\([^)]{1,40}\)\s*)?\s-\s/u, '').replace(/[,\s]+$/, '').replace(/^[\s,]+/, '').trim();
    if (relative && !before.length) speakerText = relative[1]!.replace(DATELINE_LEAD, '').trim();
    // "In a campaign statement, the Democrat said", "Em entrevista a uma rádio de X, afirmou": a leading adverbial is no subject.
    const adverbial = LEADING_ADVERBIAL.exec(plain(speakerText) + (/,\s*$/.test(s.text.slice(0, verb.start)) ? ', ' : ''));
    if (adverbial && !before.some((m) => m.start >= s.text.indexOf(speakerText) + adverbial[0].length)) before = [];
    if (adverbial) speakerText = speakerText.slice(Math.min(adverbial[0].length, speakerText.length)).trim();
    contentStart = verb.end;
    if (!speaker && pronoun && previous?.speaker) speaker = previous.speaker;
    if (!speaker && pronoun && previous?.speakerText) speakerText = previous.speakerText;
    // No subject, or only an adverbial ("Em nota, afirmou", "Más tarde, dijo"): Spanish and Portuguese
    // drop the subject; the speaker of the sentence before goes on.
    const bare = speakerText.replace(/^[^,]{0,30},\s*/, '');
    if (!speaker && !before.length && previous?.verb && (speakerText === '' || /^(?:he|she|they|it|ele|ela|eles|elas|ella|ellos|ellas)$/i.test(bare) || (/^\p{Lu}?[^,\p{Lu}]{0,40}$/u.test(speakerText) && /,\s*$/.test(s.text.slice(0, verb.start) || ',')) || (bare === '' && speakerText.endsWith(',')))) {
      speaker = previous.speaker;
      speakerText = previous.speakerText;
    }
  }
  // "según dijo", "segundo ela", "according to her": the speaker already named goes on; '«…», afirmou.' with
  // no subject after the quotation too.
  const quoteThenVerb = verb && /["”»],?\s+$/u.test(s.text.slice(0, verb.start)) && /^\p{L}+\s*[.!]?$/u.test(s.text.slice(verb.start).trim());
  if (verb && previous && (quoteThenVerb || (ACCORDING.test(p.slice(verb.start)) && /^(?:dijo|afirmo|ella|el|ellos|ellas|disse|afirmou|ela|ele|eles|elas|her|him|them)$/u.test(plain(speakerText))))) {
    speaker = previous.speaker;
    speakerText = previous.speakerText;
    // The whole sentence is theirs, minus the verb ("… en los que, según dijo, se le advierte que …").
    contentStart = 0;
    contentEnd = quoteThenVerb ? verb.start : s.text.length;
  }
  // "A complaint filed with the FEC by the watchdog X alleges": the document's author speaks, not the FEC.
  const doc = DOCUMENT_SUBJECT.exec(plain(speakerText));
  let documentOnly = false;
  if (doc && verb) {
    const by = /(?:^|\s)(?:by|of|from|por|pelo|pela|de|del|do|da|dos|das)\s+(?:the |el |la |los |las |o |a |os |as )?(?:watchdog |group |grupo |(?:researchers|analysts|experts|investigadores|pesquisadores|especialistas|analistas) (?:at|from|of|de|del|do|da) (?:the |la |el |o |a )?)?(\p{Lu}.{2,80})$/u.exec(speakerText.slice(doc[0].length));
    speakerText = by ? by[1]!.trim() : '';
    documentOnly = !by;
    speaker = by ? mentions.find((m) => (m.type === 'name' || m.type === 'candidate') && speakerText.includes(m.text)) ?? null : null;
  }
  if (speakerText.length > 100) speakerText = speaker ? speaker.text : speakerText.slice(0, 100);
  // '…," she said.': a pronoun after the quote is the speaker already named.
  speakerText = speakerText.replace(/^[\s"“”«»'’,.:;]+/u, '');
  let pronounAfter = false;
  if (!speaker && /^(?:she|he|they|ella|el|ellos|ellas|ela|ele|eles|elas)$/iu.test(speakerText)) {
    pronounAfter = true;
    speakerText = '';
  }
  // What the article narrates in its own voice: the whole sentence with no speech verb or with an
  // authorless document as its source, else the words before the speech verb ("The president urged
  // voters … , which the candidate called interference").
  const narratedEnd = !verb || documentOnly ? s.text.length : contentStart > 0 ? verb.start : 0;
  return { s, p, entities, mentions, verb, speaker, speakerText, contentStart, contentEnd, pronoun: pronoun || documentOnly || pronounAfter, narratedEnd, cueP: cueText(s.text, p), quotes };
}

/** A transcript's speaker label at the start of a paragraph: "OKAFOR: ", "HOST (DEBORAH LYNN): ", "OYENTE (EFRAÍN): ". */
const SPEAKER_LABEL = /^([\p{Lu}][\p{Lu}'’.\- ]{1,40}?)(?:\s*\(([^)]{1,40})\))?:\s+/u;
/** Labels of the newsroom (its speech is the article's narration) and of callers named in brackets. */
const NEWSROOM_LABEL = /^(?:host|co host|anchor(?: lead in)?|lead in|reporter|correspondent|interviewer|moderator|presenter|narrator|vo|conductora?|locutora?|presentadora?|periodista|reporter[oa]|entrevistadora?|apresentadora?|ancora|narradora?)(?: |$)/;
/** A fact check's labels: the claim checked is reported, not said by the desk; the rating is the desk's verdict. */
const CLAIM_LABEL = /^(?:claim|the claim|afirmacion|alegacion|alegacao|afirmacao|rating|verdict|veredicto|veredito|calificacion|classificacao|our ruling|nuestro veredicto|nosso veredito)$/;
/** A newsroom member introduced in the copy ("Luis Arteaga reports from Phoenix", "Our business reporter Omar Haddad-Rios"). */
const NEWSROOM_NAME = /(?<![\p{L}])(?:[Rr]eporter|[Cc]orrespondent|[Cc]orresponsal|[Rr]eporter[oa]|[Rr]epórter|[Cc]orrespondente|[Pp]eriodista|[Jj]ournalist|[Jj]ornalista|[Ee]nviad[oa] especial)[^\S\n]+(\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+){0,3})|(\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+){0,3})[^\S\n]+(?:reports|reporting|reporta|informa) (?:from|desde|de)(?![\p{L}])/gu;
const CALLER_LABEL = /^(?:caller|listener|guest|oyente|invitad[oa]|ouvinte|convidad[oa])$/;

/** Surnames of the newsroom: a label's title ("ANCHOR DANA FELLOWES") or the copy ("Luis Arteaga reports", "la periodista Yesenia Carvajal") says so, and "FELLOWES:" after is the same. */
function newsroomOf(full: string): Set<string> {
  const newsroom = new Set<string>();
  for (const m of full.matchAll(NEWSROOM_NAME)) newsroom.add(foldText(m[1] ?? m[2]!).split(' ').pop()!);
  for (const m of full.matchAll(/(?:^|\n)([\p{Lu}][\p{Lu}'’.\- ]{1,40}?):/gu)) if (NEWSROOM_LABEL.test(foldText(m[1]!)) && foldText(m[1]!).includes(' ')) newsroom.add(foldText(m[1]!).split(' ').pop()!);
  return newsroom;
}

/** Head nouns of bodies and of the officers who speak for them, which an article names in full once and then by the noun. */
const DESCRIBED_BODY = /^(?:lab|laboratory|laboratorio|committee|comite|comission|comissao|comision|commission|observatory|observatorio|institute|instituto|coalition|coalicion|coalizao|director|directora|diretor|diretora)$/;

/**
 * A description the article names elsewhere: "the lab" → "Civic Signals Lab", "a comissão" → "Comissão
 * Seleta …" (a name holding the head noun); "la directora" → "Noor Castellanos-Reid" (the person the noun
 * titles: "elections director Noor Castellanos-Reid", "la directora electoral de Arizona, Noor …").
 */
function namedInArticle(description: string, full: string): string | null {
  const head = foldText(description).split(' ').pop() ?? '';
  if (!DESCRIBED_BODY.test(head)) return null;
  const names = [...full.matchAll(NAME_RE)].map((m) => m[0]).filter((n) => n.includes(' ') && foldText(n).split(' ').includes(head));
  if (names.length) return names.sort((a, b) => b.length - a.length)[0]!;
  const stem = head.replace(/(?:as|os|es|a|o|s)$/, '');
  if (stem.length < 4) return null;
  const p = plain(full);
  for (let at = p.indexOf(stem); at >= 0; at = p.indexOf(stem, at + 1)) {
    if (at > 0 && /\p{L}/u.test(p[at - 1]!)) continue;
    const titled = /^\p{L}{0,3}(?:[^\S\n]+(?:\p{Ll}[\p{L}-]*|\p{Lu}[\p{L}-]+(?=,)))*,?[^\S\n]+(\p{Lu}[\p{L}'’-]+(?:[^\S\n]+\p{Lu}[\p{L}'’-]+)+)/u.exec(full.slice(at + stem.length, at + stem.length + 90));
    if (titled) return titled[1]!;
  }
  return null;
}

/** An interview's labels at the start of a line: the desk asks ("Q:", "P:" for pregunta, pergunta), the one interviewed answers ("A:", "R:"). */
const INTERVIEW_LABEL = /^(?:(Q|P|Pregunta|Pergunta)|(A|R|Respuesta|Resposta)):\s+/u;
/** The desk saying whom it interviewed: "We spoke to X", "Conversamos con X", "Entrevistamos X". */
const SPOKE_TO = /(?<![\p{L}])(?:we (?:spoke|talked) (?:to|with)|we interviewed|(?:hablamos|conversamos) con|entrevistamos(?: a)?|(?:falamos|conversamos) com)[^\S\n]+/iu;
const FULL_NAME = /^\p{Lu}[\p{L}'’-]+(?:[^\S\n]+(?:(?:de|da|do|del|dos)[^\S\n]+)?\p{Lu}[\p{L}'’-]+){1,3}/u;

/**
 * Whom a question-and-answer interview is with (its answers are that person's words), when the article has both kinds of
 * label: the one the desk says it spoke to, else the name after the title's "Entrevista:" / "Interview:", else the first
 * full name of the introduction after its dateline.
 */
function intervieweeOf(full: string): string | null {
  const lines = full.split('\n');
  const first = lines.findIndex((l) => INTERVIEW_LABEL.test(l));
  if (first < 0 || !lines.slice(first).some((l) => INTERVIEW_LABEL.exec(l)?.[1]) || !lines.slice(first).some((l) => INTERVIEW_LABEL.exec(l)?.[2])) return null;
  const intro = lines.slice(0, first).join('\n');
  const spoke = SPOKE_TO.exec(intro);
  const toName = spoke ? FULL_NAME.exec(intro.slice(spoke.index + spoke[0].length))?.[0] : undefined;
  if (toName) return toName;
  const titled = /^(?:entrevista|interview|q&a)\s*:\s*/iu.exec(lines[0]!);
  const titleName = titled ? FULL_NAME.exec(lines[0]!.slice(titled[0].length))?.[0] : undefined;
  if (titleName) return titleName;
  for (const line of lines.slice(1, first)) {
    const body = line.replace(DATELINE_LEAD, '');
    for (const m of body.matchAll(NAME_RE)) if (FULL_NAME.test(m[0]) && m[0] === FULL_NAME.exec(m[0])![0]) return m[0];
  }
  return null;
}

/** The sentence without its first `n` characters, analysed again. */
function reanalyse(a: Analysed, n: number, cw: CompiledWatchlist, previous: Analysed | undefined): Analysed {
  return analyse({ text: a.s.text.slice(n).trimStart(), start: a.s.start + n + (a.s.text.slice(n).length - a.s.text.slice(n).trimStart().length) }, cw, previous);
}

/**
 * Who speaks in a broadcast transcript or a long quotation:
 * - a paragraph under a speaker label ("OKAFOR: …") is that speaker's words, every sentence of it;
 *   the label resolves to the full name the article gives ("Daniel Okafor") or to a candidate or
 *   registry person by surname; the newsroom's labels (HOST, ANCHOR, CONDUCTORA) are narration;
 * - a sentence that is all quotation ('"Let me be very clear. …"') is the words of the speaker of the
 *   sentence before, or of the person the sentence before names ("O'Connell spoke … Here's what she said.").
 */
function speakersOfTranscripts(full: string, analysed: Analysed[], cw: CompiledWatchlist): void {
  const names = [...full.matchAll(NAME_RE)].map((m) => m[0]);
  const labelSpeaker = (label: string): { text: string; mention: Mention | null } => {
    const last = foldText(label).split(' ').pop() ?? '';
    const full = names.filter((n) => n.includes(' ') && foldText(n).split(' ').pop() === last).sort((x, y) => y.length - x.length)[0];
    const cand = cw.candidates.filter((c) => foldText(c.name).split(' ').pop() === last);
    if (cand.length === 1) return { text: cand[0]!.name, mention: { start: 0, end: 0, text: cand[0]!.name, type: 'candidate', id: cand[0]!.id } };
    const actor = cw.actors.filter((x) => x.kind === 'person' && foldText(x.name).split(' ').pop() === last);
    if (actor.length === 1) return { text: actor[0]!.name, mention: { start: 0, end: 0, text: actor[0]!.name, type: 'actor', id: actor[0]!.id } };
    return { text: full ?? label.toLowerCase().replace(/(?:^|\s)\p{L}/gu, (x) => x.toUpperCase()), mention: null };
  };
  const speakAs = (a: Analysed, text: string, mention: Mention | null) => {
    a.speaker = mention;
    a.speakerText = text;
    a.verb = { start: 0, end: 0, text: '' };
    a.contentStart = 0;
    a.contentEnd = a.s.text.length;
    a.narratedEnd = 0;
    a.pronoun = false;
  };
  const newsroom = newsroomOf(full);
  const interview = intervieweeOf(full);
  let label: { at: number; speaker: { text: string; mention: Mention | null } | null } | null = null;
  for (let i = 0; i < analysed.length; i++) {
    let a = analysed[i]!;
    const paraStart = full.lastIndexOf('\n', a.s.start - 1) + 1;
    if (a.s.start === paraStart) {
      const m = SPEAKER_LABEL.exec(a.s.text);
      const qa = interview ? INTERVIEW_LABEL.exec(a.s.text) : null;
      label = null;
      if (qa) {
        a = analysed[i] = reanalyse(a, qa[0].length, cw, analysed[i - 1]);
        label = { at: paraStart, speaker: qa[2] ? labelSpeaker(interview!) : null };
      } else if (m && !/\p{Ll}/u.test(m[1]!) && m[1]!.trim().length >= 2) {
        const main = foldText(m[1]!);
        a = analysed[i] = reanalyse(a, m[0].length, cw, analysed[i - 1]);
        const desk = NEWSROOM_LABEL.test(main) || CLAIM_LABEL.test(main) || newsroom.has(main);
        label = { at: paraStart, speaker: desk ? null : labelSpeaker(CALLER_LABEL.test(main) && m[2] ? m[2] : m[1]!) };
      }
    } else if (label && label.at !== paraStart) label = null;
    if (label?.speaker) {
      speakAs(a, label.speaker.text, label.speaker.mention);
      continue;
    }
    // A sentence that is one quotation from start to end, with no label: the speaker before goes on.
    const t = a.s.text;
    const close = t[0] ? t.lastIndexOf(QUOTE_CLOSE[t[0]] ?? '\u0000') : -1;
    if (!QUOTE_OPEN.test(t[0] ?? '') || (close > 0 && close < t.length - 2)) continue;
    const prev = analysed[i - 1];
    if (!prev) continue;
    if (prev.speaker && prev.speaker.type !== 'official') speakAs(a, prev.speakerText || prev.speaker.text, prev.speaker);
    else if (prev.speakerText && !PRONOUN_SUBJECT.test(plain(prev.speakerText)) && !/\b(?:she|he|they|ella|ela|ele)$/.test(plain(prev.speakerText))) speakAs(a, prev.speakerText, null);
    else {
      const named = [prev, analysed[i - 2]].flatMap((x) => x?.mentions.filter((m) => m.type === 'candidate') ?? []).at(0);
      if (named) speakAs(a, named.text, named);
    }
  }
}

/** `2021-04` from "In April 2021" / "en abril de 2021" / "em abril de 2021"; `2021-04-03` with a day. */
export function approximateDate(p: string): string | null {
  const mdy = /(?<![\p{L}])([a-z]{3,10})\.? (\d{1,2}),? (\d{4})(?!\d)/u.exec(p);
  if (mdy && MONTHS[mdy[1]!]) return iso(+mdy[3]!, MONTHS[mdy[1]!]!, +mdy[2]!);
  const dmy = /(?<!\d)(\d{1,2}) (?:de )?([a-z]{3,10}) (?:de |of )?(\d{4})(?!\d)/u.exec(p);
  if (dmy && MONTHS[dmy[2]!]) return iso(+dmy[3]!, MONTHS[dmy[2]!]!, +dmy[1]!);
  const my = /(?<![\p{L}])([a-z]{3,10}) (?:de |of )?(\d{4})(?!\d)/u.exec(p);
  if (my && MONTHS[my[1]!]) return iso(+my[2]!, MONTHS[my[1]!]!);
  const isoDate = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(p);
  if (isoDate) return iso(+isoDate[1]!, +isoDate[2]!, +isoDate[3]!);
  return null;
}

function iso(y: number, m: number, d?: number): string | null {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || (d !== undefined && (d < 1 || d > 31))) return null;
  const mm = String(m).padStart(2, '0');
  return d === undefined ? `${y}-${mm}` : `${y}-${mm}-${String(d).padStart(2, '0')}`;
}

const QUOTE_OPEN = /["“«]/;
const QUOTE_CLOSE: Record<string, string> = { '"': '"', '“': '”', '«': '»' };

function platformOf(verb: string): string {
  const m = /(twitter|facebook|instagram|telegram|tiktok)/.exec(verb);
  if (m) return m[1] === 'twitter' ? 'x' : m[1]!;
  return 'x';
}

function handleOf(ids: { actor?: Actor; candidateHandles?: Record<string, string[]> }, platform: string): string | null {
  const handles = ids.actor?.handles ?? ids.candidateHandles ?? {};
  const list = handles[platform] ?? (platform === 'x' ? handles['twitter'] : undefined) ?? Object.values(handles)[0];
  return list?.[0] ?? null;
}

/** A registry person named by surname alone right before a posting verb ("Montcastel tweeted"). */
function surnameActor(before: string, cw: CompiledWatchlist): Actor | undefined {
  const last = foldText(before).split(' ').pop();
  if (!last || last.length < 4) return undefined;
  const found = cw.actors.filter((x) => x.kind === 'person' && foldText(x.name).split(' ').pop() === last);
  return found.length === 1 ? found[0] : undefined;
}

/** Dates in a text with where they are: full, day and month (the year given), month and year, ISO. */
function datesIn(p: string, year: number | null): { at: number; date: string }[] {
  const out: { at: number; date: string }[] = [];
  const push = (at: number, d: string | null) => d && out.push({ at, date: d });
  for (const m of p.matchAll(/(?<![\p{L}])([a-z]{3,10})\.? (\d{1,2})(?:,? (\d{4}))?(?![\d])/gu)) if (MONTHS[m[1]!]) push(m.index!, m[3] ? iso(+m[3], MONTHS[m[1]!]!, +m[2]!) : year ? iso(year, MONTHS[m[1]!]!, +m[2]!) : null);
  for (const m of p.matchAll(/(?<!\d)(\d{1,2}) (?:de )?([a-z]{3,10})(?: (?:de |of )?(\d{4}))?(?![\p{L}\d])/gu)) if (MONTHS[m[2]!]) push(m.index!, m[3] ? iso(+m[3], MONTHS[m[2]!]!, +m[1]!) : year ? iso(year, MONTHS[m[2]!]!, +m[1]!) : null);
  for (const m of p.matchAll(/(?<![\p{L}])(?:(?:en|em|in) )?([a-z]{3,10})(?: (?:de |of )?(\d{4}))?(?![\p{L}\d])/gu)) {
    const month = MONTHS[m[1]!];
    // A month alone only after "in"/"en"/"em" ("publicado em março"); "may" and "mar" alone are words.
    if (month && (m[2] || (/^(?:en|em|in) /.test(m[0]) && m[1]!.length > 3 && year))) push(m.index!, iso(m[2] ? +m[2] : year!, month));
  }
  for (const m of p.matchAll(/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g)) push(m.index!, iso(+m[1]!, +m[2]!, +m[3]!));
  // The most precise reading at one place ("march 14" over "march").
  return out.sort((x, y) => x.at - y.at || y.date.length - x.date.length).filter((d, i, all) => i === 0 || all[i - 1]!.at !== d.at);
}

/** Private messages and speeches are quoted too, but they are not posts (a WhatsApp chain, a rally). */
const NOT_A_POST = /(?<![\p{L}])(?:whatsapp|text message|sms|speech|rally|discurso|mitin|comicio|mensaje de texto|mensagem de texto|radio|emisora|emissora)(?![\p{L}])/u;
/** What says a quotation is a post: a posting verb, an account or a handle, a caption. */
const POST_CUE = /(?<![\p{L}])(?:tweet\w*|post(?:ed|s)?|publish\w*|wrote|writing|escribiendo|escrevendo|read|captioned|caption|account|public(?:o|ou|ara|aron|aram|ado|ada)|publicacion|publicacao|tuit\w*|trino|escribio|escreveu|posteo|postou|cuenta|conta|perfil|legenda|leyenda|con el texto|com o texto|in a post|en un mensaje|dice|diz|says)(?![\p{L}])|@[A-Za-z0-9_]/u;
/** A posting verb: the sentence tells that someone posted. */
const POSTED = /(?<![\p{L}])(?:tweeted|posted|wrote on|escribio en|tuiteo|publico en|escreveu no|tuitou|publicou no|postou)(?![\p{L}])/u;
const HANDLE = /@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/g;
/** "el mandatario", "the president", "o primeiro-ministro": the head accused, when there is one. */
const HEAD_NOUN = /(?:^|\s)(?:el|la|the|o|a)\s+(?:mandatari[oa]|president[ea]?|primeiro-ministro|primer ministro|prime minister|premier|jefe de estado|chefe de estado)\s*$/u;

/**
 * The quoted posts of a sentence: each quotation with a posting cue before it (within 160
 * characters, no sentence break) or a posting verb right after it ('"…," escribió Alcaraz'). Author:
 * the nearest @handle, else the registry actor or candidate named (their handle on that platform), a
 * registry surname, the head accused for "the president"/"el mandatario", a pronoun for the head
 * accused. Date: the nearest date before the quote, else after it, else in the sentence before, else
 * the article's; a day without a year takes the article's year.
 */
function quotedPosts(a: Analysed, cw: CompiledWatchlist, lastActor: Actor | undefined, articleDate: string | null, prev: Analysed | undefined, year: number | null): QuotedPost[] {
  const out: QuotedPost[] = [];
  if (NOT_A_POST.test(a.p)) return out;
  const text = a.s.text;
  // A later quotation needs its own posting cue after the one before ("published on his account: «…» … a statement: «…»").
  let prevClose = -1;
  for (let open = text.search(QUOTE_OPEN); open >= 0 && open < text.length; ) {
    const openCh = text[open]!;
    const close = text.indexOf(QUOTE_CLOSE[openCh]!, open + 1);
    if (close < 0) break;
    const next = text.slice(close + 1).search(QUOTE_OPEN);
    const quote = text.slice(open + 1, close).trim().replace(/[,.]$/, '');
    const beforeText = a.p.slice(Math.max(0, open - 160, prevClose + 1), open);
    const cueBefore = POST_CUE.test(beforeText);
    // '"…," the president wrote': a short subject may stand before the posting verb.
    const afterVerb = /^[,.]?["”»]?,?\s+((?:[\p{L}'’.-]+\s+){0,3}?)(tweeted|posted|wrote|escribio|tuiteo|publico|escreveu|tuitou|publicou|postou)(?![\p{L}])/u.exec(a.p.slice(close));
    // A quotation inside what a speaker says ("said that the post 'was an order'") is not a post unless a posting cue is right there.
    const inSpeech = a.verb && !afterVerb && a.verb.end <= open && !POST_CUE.test(a.p.slice(a.verb.start, open));
    if (quote.length >= 8 && (cueBefore || afterVerb) && !inSpeech) {
      const platform = platformOf(a.p.slice(Math.max(0, open - 160), close + 80));
      const scopeStart = afterVerb ? close : Math.max(0, open - 160);
      const scopeEnd = afterVerb ? Math.min(text.length, close + 160) : open;
      const handles = [...text.slice(scopeStart, scopeEnd).matchAll(HANDLE)].map((m) => m[1]!);
      const inScope = a.mentions.filter((m) => m.start >= scopeStart && m.end <= scopeEnd && (m.type === 'actor' || m.type === 'candidate'));
      let author: string | null = null;
      let authorId: string | null = null;
      const who = afterVerb ? inScope[0] : inScope[inScope.length - 1];
      // A surname right before the posting words ("Montcastel tweeted:", "Montcastel escribió en X:") or right after the verb.
      const words = (afterVerb ? text.slice(close + afterVerb[0].length, close + afterVerb[0].length + 40) : text.slice(scopeStart, scopeEnd)).split(/[\s,.:;]+/).filter(Boolean);
      const near = afterVerb?.[1] ? afterVerb[1].split(/\s+/).filter(Boolean) : afterVerb ? words.slice(0, 3) : words.slice(-5);
      const sur = near.map((w) => surnameActor(w, cw)).find(Boolean);
      if (handles.length) {
        author = afterVerb ? handles[0]! : handles[handles.length - 1]!;
        const owner = [...cw.actors].find((x) => Object.values(x.handles ?? {}).flat().some((h) => h.toLowerCase() === author!.toLowerCase()));
        authorId = owner?.id ?? who?.id ?? null;
      } else if (who?.type === 'actor') {
        const actor = cw.actorById.get(who.id!);
        author = actor ? handleOf({ actor }, platform) : null;
        authorId = who.id!;
      } else if (who?.type === 'candidate') {
        const c = cw.candidates[cw.candidateById.get(who.id!)!];
        author = c ? handleOf({ candidateHandles: c.handles }, platform) : null;
        authorId = who.id!;
      } else if (sur) {
        author = handleOf({ actor: sur }, platform);
        authorId = sur.id;
      } else if (lastActor && (PRONOUN_SUBJECT.test(a.p.slice(0, open).replace(/^.*, /, '')) || (afterVerb?.[1] && HEAD_NOUN.test(` ${afterVerb[1]}`)) || HEAD_NOUN.test(beforeText.replace(/(?:tweeted|posted|wrote|escribio|tuiteo|publico|escreveu|tuitou|publicou|postou)[^\p{L}]*$/u, '')) || HEAD_NOUN.test(a.p.slice(close, close + 40).replace(/^[^a-z]*(?:escribio|wrote|escreveu|publico|publicou|tuiteo|tweeted|posted)/u, ' ').split(',')[0]!))) {
        author = handleOf({ actor: lastActor }, platform);
        authorId = lastActor.id;
      } else if (prev?.speaker?.type === 'actor' && !prev.quotes.length && POSTED.test(prev.p)) {
        // "President Maldonado wrote on X to his followers. The post read: «…»": the one who posted, the sentence before.
        const actor = cw.actorById.get(prev.speaker.id!);
        author = actor ? handleOf({ actor }, platform) : null;
        authorId = prev.speaker.id!;
      }
      const before = datesIn(a.p.slice(0, open), year);
      const after = datesIn(a.p.slice(close), year);
      const date = before.at(-1)?.date ?? after[0]?.date ?? (prev ? datesIn(prev.p, year).at(-1)?.date : undefined) ?? articleDate;
      out.push({ author_handle: author, text: quote, date, platform, author_id: authorId });
    }
    prevClose = close;
    if (next < 0) break;
    open = close + 1 + next;
  }
  return out;
}

/** The dateline: "WASHINGTON —", "SAN SALVADOR (AP) —", "COLUMBUS, Ohio, Oct. 3 —". */
export function dateline(text: string): { place: string; date?: string } | null {
  const m = /^\s*([\p{Lu}][\p{Lu} .'’-]{1,40}?)(?:,\s*([\p{L}. ]{2,20}?))?(?:,\s*([\p{L}.]{3,10}\.? \d{1,2}(?:, \d{4})?))?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s/u.exec(text);
  if (!m || m[1]!.trim().length < 3) return null;
  const place = [m[1]!.trim(), m[2]?.trim()].filter(Boolean).join(', ');
  const date = m[3] ? approximateDate(plain(m[3])) : null;
  return date ? { place, date } : { place };
}

/** Proposed registry id: `proposed:<country>-<slug>`. */
function proposedId(country: string | undefined, label: string): string {
  return `proposed:${(country ?? 'xx').toLowerCase()}-${foldText(label).replace(/ /g, '-')}`.slice(0, 120);
}

function governmentOf(country: string, cw: CompiledWatchlist, head: Actor | undefined): string | undefined {
  if (head) return affiliationChain(head.id, cw.actorById).at(-1)?.id;
  return cw.actors.find((a) => a.country === country && !a.affiliation)?.id;
}

function countryName(code: string, cw: CompiledWatchlist, countryWords: Map<string, string>): string {
  for (const [w, c] of countryWords) if (c === code && !w.endsWith('n')) return w.replace(/\b\p{L}/gu, (x) => x.toUpperCase());
  return code;
}

export interface ExtractOptions {
  /** Where the lead's accused proposals say they come from (the article's reference). */
  sourceLabel?: string;
  /** Told, for each sentence, who it reports and how it was read (for the accuracy bench's --verbose). */
  trace?: (t: { text: string; speaker: string; type: string | null; verb: string | null; read: 'own words' | 'attributed' | 'narrated' | 'quoted post' | null; frames: BackgroundFrame[]; kinds: AllegationKind[]; accused: string[] }) => void;
  /** Background frames whose sentences count only when the news gives no kind (default `DEFERRED_FRAMES`; the bench's --defer measures others). */
  defer?: ReadonlySet<BackgroundFrame>;
}

/**
 * The lead of one article, or why there is none.
 * @example extractLead(article, compileWatchlist(watchlist)) // {lead: {accusers: ['Norma Torres'], …}}
 */
export function extractLead(article: Article, cw: CompiledWatchlist, options: ExtractOptions = {}): { lead: Lead } | { none: NoLead } {
  const articleRef = article.url ?? (article.source.index !== undefined ? `${article.source.file}#${article.source.index}` : article.source.file);
  const body = article.text.slice(0, MAX_TEXT);
  const full = article.title && !body.startsWith(article.title) ? `${article.title}.\n\n${body}` : body;
  const lang = detectLang(full);
  const countryWords = countryWordsOf(cw);
  const articleDate = article.publishedAt ? article.publishedAt.slice(0, 10) : null;

  const analysed: Analysed[] = [];
  for (const s of splitSentences(full)) analysed.push(analyse(s, cw, analysed[analysed.length - 1]));
  speakersOfTranscripts(full, analysed, cw);

  // The head accused: the first registry actor named by anyone but an official responder.
  const accusedIds = new Set<string>();
  const accused: Accused[] = [];
  const proposed: ProposedActor[] = [];
  const accusers: string[] = [];
  const accuserIds = new Set<string>();
  const allegations = new Set<AllegationKind>();
  const allegationText: string[] = [];
  const targetCandidates = new Set<string>();
  const raceIds = new Set<string>();
  const responses: LeadResponse[] = [];
  const quoted: QuotedPost[] = [];
  let head: Actor | undefined;

  const isOfficial = (m: Mention | null) => !!m && (m.type === 'official' || (m.type === 'role' && (m.role!.label === 'ambassador' || m.role!.label === 'embassy' || m.role!.label === 'ministry' || m.role!.label === 'government')));

  // A role's country: named next to it ("El Salvador's ambassador", "consulado de Veradia", "Tavorian
  // state TV"), else the owner's in "Bukele's cabinet", else the head accused's.
  const roleCountry = (a: Analysed, m: Mention): string | undefined => {
    if (m.country) return m.country;
    // "the government" or "the president" alone is as likely the US one or a club's: these need their
    // country right beside them ("Tamarinda's president", "el presidente de Solmaria", "governo tamarindense").
    const tight = m.role === GOVERNMENT_ROLE || m.role?.kind === 'person' && (m.role.label === 'president' || m.role.label === 'foreign minister');
    const span = tight ? 25 : 40;
    let before = a.s.text.slice(Math.max(0, m.start - span), m.start);
    let after = a.s.text.slice(m.end, m.end + span);
    // …and in its own clause: "whose parents came from Veradia, said no foreign government" names none.
    if (tight) [before, after] = [before.split(/[,;]/).pop()!, after.split(/[,;]/)[0]!];
    const near = before + a.s.text.slice(m.start, m.end) + after;
    // "his foreign minister", "su canciller": the possessive points at the head accused already named.
    const possessive = /(?:^|\s)(?:his|her|its|their|su|sus|seu|sua)\s+$/u.test(a.p.slice(Math.max(0, m.start - 8), m.start)) || /^(?:his|her|its|their|su|seu|sua)\s/u.test(a.p.slice(m.start, m.end));
    const named = countriesIn(near, countryWords)[0] ?? (m.ownerId ? cw.actorById.get(m.ownerId)?.country : undefined) ?? (tight && !(possessive && m.role !== GOVERNMENT_ROLE) ? undefined : head?.country);
    // "el embajador de un país extranjero" in an article that names the ambassador: that one's country.
    // (Not inside a quotation: "he called X 'a president who jails reporters'" names nobody.)
    const inQuote = a.quotes.some(([o, c]) => m.start > o && m.start < c);
    return named ?? (m.role && m.role !== GOVERNMENT_ROLE && !inQuote ? articleActors.find((x) => m.role!.roles.includes(x.role) && x.kind === m.role!.kind)?.country : undefined);
  };

  const missionCity = (role: RolePattern): string | undefined => {
    for (const x of analysed) {
      for (const r of allMatches(role.re, x.p)) {
        const c = MISSION_CITY.exec(x.s.text.slice(r.end))?.[1];
        if (c && !isCountry(foldText(c), cw)) return c;
      }
    }
    return undefined;
  };
  const articleActors = [...new Set(analysed.flatMap((x) => x.entities.filter((e) => e.kind === 'actor').map((e) => e.id)))].map((id) => cw.actorById.get(id)!).filter(Boolean);
  /** Missions accused only through a person's role ("the consul" with no consul filed by that role): the person, once named, is the one meant. */
  const standIns = new Set<string>();
  const addAccused = (a: Analysed, m: Mention) => {
    if (m.type === 'actor') {
      if (accusedIds.has(m.id!)) {
        // Found first by role ("El Salvador's president"), then by name: the name is what the lead shows.
        const byRole = accused.find((x) => x.actor_id === m.id && x.via === 'role');
        if (byRole) Object.assign(byRole, { name: m.text, via: m.via === 'handle' ? 'handle' : m.via === 'alias' ? 'alias' : 'name' });
        return;
      }
      accusedIds.add(m.id!);
      const actor = cw.actorById.get(m.id!)!;
      head ??= actor;
      accused.push({ name: m.text, actor_id: m.id!, via: m.via === 'handle' ? 'handle' : m.via === 'alias' ? 'alias' : 'name', role: actor.role, country: actor.country });
      return;
    }
    if (m.type === 'name') {
      if (accused.some((x) => foldText(x.name) === foldText(m.text))) return;
      // A body the article describes as domestic ("Michigan Forward Values, a super PAC registered in the state", "a
      // Texas-registered firm, Lone Star Outreach") is no foreign party to propose for the registry.
      const after = /^,?\s+(?:a|an|un|una|um|uma)\s+([^,.;]{3,60})/u.exec(a.p.slice(m.end, m.end + 70))?.[1] ?? '';
      const before = /(?:^|\s)(?:a|an|un|una|um|uma)\s+([^,.;]{3,60}),\s*$/u.exec(a.p.slice(Math.max(0, m.start - 70), m.start))?.[1] ?? '';
      if (DOMESTIC_PARTY.test(after) || DOMESTIC_PARTY.test(before)) return;
      const id = proposedId(undefined, m.text);
      const country = countriesIn(a.s.text, countryWords)[0];
      accused.push({ name: m.text, actor_id: null, country });
      if (!proposed.some((p) => p.id === id)) proposed.push({ id, kind: 'organization', name: m.text, country, role: 'other', sources: [options.sourceLabel ?? articleRef], mention: a.s.text.slice(0, 300) });
      return;
    }
    if (m.type !== 'role') return;
    const role = m.role!;
    const country = roleCountry(a, m);
    // A role with no country ("the consulate", "the president") names nobody foreign yet.
    if (!country) return;
    const owner = m.ownerId ? cw.actorById.get(m.ownerId) : head;
    const possessive = !!m.ownerId || /^(?:members of )?(?:his|her|su|seu)\b|^(?:miembros|membros|integrantes) de su\b/.test(a.p.slice(m.start, m.end));
    const written = a.s.text.slice(m.start, m.end);
    if (accused.some((x) => foldText(x.name) === foldText(written))) return;
    let all = cw.actors.filter((x) => x.country === country && role.roles.includes(x.role));
    // A registry entry filed under another role that names itself by the role's word ("Ministry of Foreign Affairs of Velmora", role other).
    const roleWord = foldText(written).split(' ').pop() ?? '';
    if (!all.length && roleWord.length > 3) all = cw.actors.filter((x) => x.country === country && [x.name, ...x.aliases].some((n) => foldText(n).split(' ').includes(roleWord)));
    // "the ambassador" is a person, "the embassy" a mission: the registry entry of the role's kind when there is one.
    // A government is the top of its country's chain, not any organisation of role "other".
    // Of several top-level entries (the government and a ruling party), the one named as the government.
    const top = all.filter((x) => !x.affiliation);
    const named = top.filter((x) => [x.name, ...x.aliases].some((n) => /(?:^| )(?:government|gobierno|governo)(?: |$)/.test(foldText(n))));
    const sameKind = role === GOVERNMENT_ROLE ? (named.length ? named : top) : all.filter((x) => x.kind === role.kind);
    // A person may stand for a mission and a mission for its staff ("consular officials" → the consulate);
    // a body (a party, a cabinet) is never one of its members ("the ruling party" is not its secretary).
    let kindFits = sameKind.length ? sameKind : role.kind === 'organization' ? [] : all;
    // A party filed under no party role is the one body of its country that names itself as a party or movement.
    if (!kindFits.length && role.label === 'political party') kindFits = cw.actors.filter((x) => x.country === country && x.kind === 'organization' && [x.name, ...x.aliases].some((n) => PARTY_NAME.test(foldText(n))));
    // Of a consulate and an embassy (both missions), "the consulate" is the one of role consulate.
    const primary = kindFits.filter((x) => x.role === role.roles[0]);
    const fits = primary.length ? primary : kindFits;
    let match: Actor | undefined;
    // "its consulate in Boston": a mission of another city is not the one the registry has.
    // A bare "the consulate" is the one the article places ("the consulate in Boston" elsewhere).
    // Consuls are placed like their consulate ("los cónsules de X en Florida" is no consulate in Las Vegas).
    const placed = role.kind === 'mission' || role.roles[0] === 'consulate';
    const here = MISSION_CITY.exec(a.s.text.slice(m.end));
    const city = here?.[1] ?? (placed ? missionCity(role) : undefined);
    if (city && placed && !isCountry(foldText(city), cw)) {
      // "its consulates general in Phoenix and Las Vegas": a mission of either city.
      const cities = [city, here?.[2]].filter((c): c is string => !!c).map(foldText);
      const inCity = fits.filter((x) => [x.name, ...x.aliases].some((n) => cities.some((c) => foldText(n).includes(c))));
      fits.splice(0, fits.length, ...inCity);
    }
    if (fits.length === 1) match = fits[0];
    else if (fits.length > 1) {
      const words = new Set(foldText(a.s.text).split(' ').filter((w) => w.length > 3));
      match = fits.find((x) => foldText(x.name).split(' ').some((w) => w.length > 3 && words.has(w) && !/^(?:consul|consulate|consulado|general|embassy|embajada|ministry|ministerio)$/.test(w)));
    }
    if (match && !accusedIds.has(match.id)) {
      accusedIds.add(match.id);
      head ??= match;
      accused.push({ name: written, actor_id: match.id, via: 'role', role: match.role, country: match.country });
      if (role.kind === 'person' && match.kind !== 'person') standIns.add(match.id);
      return;
    }
    if (match) return;
    if (fits.length > 1) {
      accused.push({ name: written, actor_id: null, role: role.roles[0], country });
      return;
    }
    const label = possessive && owner ? `${role.label} of ${owner.name}` : `${role.label} of ${countryName(country, cw, countryWords)}`;
    const name = label.charAt(0).toUpperCase() + label.slice(1);
    const id = proposedId(country, possessive && owner ? `${owner.id}-${role.label}` : role.label);
    accused.push({ name: written, actor_id: null, role: role.roles[0], country });
    if (!proposed.some((p) => p.id === id)) {
      proposed.push({ id, kind: role.kind, name, country, role: role.roles[0]!, affiliation: country ? governmentOf(country, cw, head) : undefined, sources: [options.sourceLabel ?? articleRef], mention: written });
    }
  };

  // A day without a year ("on March 14") is in the article's year (quoted posts' dates).
  const years = [...full.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)].map((m) => +m[0]);
  const year = articleDate ? +articleDate.slice(0, 4) : years.length ? Math.max(...years.filter((y) => years.filter((z) => z === y).length === Math.max(...years.map((x) => years.filter((z) => z === x).length)))) : null;
  // Pass 1: allegation sentences (speakers who are not official responders and not accused actors).
  let otherMethod = false;
  // Harassment named by a word other than "attack": an article about a break-in calls the break-in an attack.
  let harassedByName = false;
  // "To intimidate" beside a threat is what the threat was for ("ameaçou atrasar passaportes … para intimidar eleitores"), not a second method.
  let harassedBeyondIntimidation = false;
  /** Kinds cued in `text`; `before` is the sentence ahead of it, where a negation may stand ("«Nadie nos dijo por quién votar»"). */
  const cuesIn = (quotedText: string, before = ''): AllegationKind[] => {
    // Quotation marks inside a cue ('urged voters to "stay home"') do not break it.
    const text = quotedText.replace(/["“”«»]/g, '');
    // "here to sell lithium, not to vote": a purpose contrasted after a comma, no instruction about the vote.
    // "registrados para votar na cidade", "lined up to vote in the first round": the act of voting described, no instruction.
    // "aprendeu a votar nos EUA": where one votes, not for whom.
    const place = (k: AllegationKind, m: Span) => k === 'directive' && /(?:em|en|n[ao]s?)$/u.test(m.text) && (US_PLACE.test(text.slice(m.end, m.end + 20)) || countriesIn(text.slice(m.end, m.end + 24).split(/[,.;:]/)[0]!, countryWords).length > 0);
    const contrast = (k: AllegationKind, m: Span) => place(k, m) || k === 'directive' && ((/^not to vote/.test(m.text) && /(?:,|(?<![\p{L}])(?:and|but))\s*$/u.test(text.slice(Math.max(0, m.start - 6), m.start))) || VOTING_ACT.test(text.slice(Math.max(0, m.start - 30), m.start)));
    // "has insulted our nation", "insults Querandía", "an insult to every Tervan-American": the foreign side's grievance
    // against the candidate or an opinion of the act, not insults hurled at anyone.
    const affront = (k: AllegationKind, m: Span) => k === 'harassment' && /^insult/.test(m.text) && (AFFRONTED.test(text.slice(m.end, m.end + 50)) || countriesIn(text.slice(m.end, m.end + 30).split(/[,.;:]/)[0]!, countryWords).length > 0 || (/(?:^|\s)(?:an|un|um)\s+$/.test(text.slice(Math.max(0, m.start - 4), m.start)) && /^\p{L}*\s+(?:to|a|al|ao|para)\s/u.test(text.slice(m.end, m.end + 12))));
    // Other senses: "a quarterly threat report", "relatório de ameaças" (a genre); "shared payment records", "contas de
    // pagamento" (infrastructure linking accounts); "voted against funding" (a bill); a claim under a negated report
    // ("did not allege that either government had spent money").
    const otherSense = (k: AllegationKind, m: Span) => {
      const ahead = (before + text.slice(0, m.start)).slice(-160);
      const after = text.slice(m.end, m.end + 24);
      if (k === 'threat' && (/^\p{L}*\s+(?:report|reports|assessment|assessments|landscape|intelligence|analysis)(?![\p{L}])/u.test(after) || /(?:relatorio|relatorios|informe|informes|reporte|boletim|boletin|analise|analisis)\s+(?:\p{L}+\s+)?(?:de|sobre)\s+$/u.test(ahead))) return true;
      // "the broadcaster, which is funded by X's government": how an outlet is funded describes it, it alleges no payment.
      if (k === 'money' && /(?<![\p{L}])(?:which|that|que)\s+(?:is|are|was|were|es|son|era|e|foi|sao)\s+(?:\p{L}+\s+)?$/u.test(ahead)) return true;
      // …and so does an apposition ("o Instituto Ponte Atlântica, um centro cultural financiado por empresas X", "a PAC funded by Florida donors").
      if (k === 'money' && /^(?:funded|financed|financiad|bancad|patrocinad)/u.test(text.slice(m.start, m.start + 12)) && /,\s+(?:a|an|um|uma|un|una)\s+(?:[\p{L}-]+\s+){1,5}$/u.test(ahead)) return true;
      // "families sending money home to Quedalia", "mandan dinero a sus familias": remittances flow to the foreign country, not from it.
      if (k === 'money' && REMITTER.test(ahead.slice(-40)) && (REMITTED_TO.test(after + text.slice(m.end + 24, m.end + 40)) || countriesIn(text.slice(m.end, m.end + 30), countryWords).length > 0)) return true;
      if (k === 'money' && (/^\p{L}*\s+(?:records|accounts|methods|details|data|infrastructure|processors?)(?![\p{L}])/u.test(after) || /(?:contas|cuentas|registros|dados|datos|metodos|meios|medios)\s+de\s+$/u.test(ahead) || /(?<![\p{L}])(?:voted|votes|vote|voting|votou|voto|voto|votaron|votaram)\s+(?:against|for|contra|a favor de|em favor de)\s+$/u.test(ahead))) return true;
      // (A colon that opens what is not shown, "does not show: that …", keeps the negation.)
      return NEGATED_REPORT.test(ahead.split(/(?<![\p{L}])(?:but|pero|mas|porem|sino)(?![\p{L}])|;|:(?!\s*(?:that|que)(?![\p{L}]))/u).pop()!.replace(/:\s*(?=(?:that|que)(?![\p{L}]))/u, ' '));
    };
    const general = (m: Span) => NEGATIVE_CLASS.test((before + text.slice(0, m.start)).slice(-80).split(/[,;:.!?]/).pop()!);
    const kinds = ALLEGATION_CUES.filter(([k, re]) => allMatches(re, text).some((m) => !contrast(k, m) && !affront(k, m) && !otherSense(k, m) && !general(m) && !NO_EVIDENCE.test((before + text.slice(0, m.start)).slice(-48)) && !(k === 'directive' ? NOBODY_ASKED : NEGATED).test((before + text.slice(0, m.start)).slice(-30)))).map(([k]) => k);
    // "stolen in the attack" beside a break-in is the hacking, not harassment.
    // "the same text" is coordination among many accounts, not one author posting it twice or a flyer.
    const coordination = allMatches(ALLEGATION_CUES.find(([k]) => k === 'coordination')![1], text);
    if (kinds.includes('coordination') && coordination.every((m) => SAMENESS.test(m.text)) && !NETWORK_WORDS.test(text)) kinds.splice(kinds.indexOf('coordination'), 1);
    // An email "posing as the consulate" beside a break-in is the phishing lure, not fake personas.
    if (kinds.includes('coordination') && kinds.includes('hacking') && coordination.every((m) => /^(?:pos|se hac|haciendose|se passa|fazendo)/.test(m.text))) kinds.splice(kinds.indexOf('coordination'), 1);
    const harassment = allMatches(ALLEGATION_CUES.find(([k]) => k === 'harassment')![1], text);
    const attackOnly = harassment.every((m) => ATTACK.test(m.text));
    // Content attacking a candidate ("videos attacking her", "attack ads", "reportagens que atacam") is campaign speech whoever boosts it.
    const byContent = harassment.every((m) => CONTENT_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start)) || CONTENT_CARRIED.test(text.slice(Math.max(0, m.start - 120), m.start)) || /^(?:attack (?:ads?|mailers?|videos?|spots?))/.test(text.slice(m.start, m.start + 20)));
    if (kinds.includes('hacking') && kinds.includes('harassment') && attackOnly) kinds.splice(kinds.indexOf('harassment'), 1);
    // "Attack" alone is harassment when a swarm does it ("accounts attacking her", "ataques orquestados");
    // ads, videos and paid creators "attacking" a candidate are campaign speech, a method outside the kinds.
    if (kinds.includes('harassment') && attackOnly && (!SWARM.test(text) || byContent)) {
      kinds.splice(kinds.indexOf('harassment'), 1);
      if (!kinds.includes('other')) kinds.push('other');
    }
    if (kinds.includes('harassment') && harassment.some((m) => !/^(?:attack|atac|ataq)/.test(m.text))) harassedByName = true;
    if (kinds.includes('harassment') && harassment.some((m) => !(/^(?:intimidate|intimidar)/.test(text.slice(m.start, m.start + 12)) && INTIMIDATION_AIM.test(text.slice(Math.max(0, m.start - 20), m.start))))) harassedBeyondIntimidation = true;
    const method = allMatches(OTHER_METHOD, text).some((m) => !otherSense('other', m));
    if (method) otherMethod = true;
    if ((method || allMatches(OTHER_FRAME, text).some((m) => !otherSense('other', m))) && !kinds.includes('other')) kinds.push('other');
    return kinds;
  };
  let lastAccuser: string | null = null;
  /** The federal body that told of the events first, when one did (it is then the accuser, not a responder). */
  let accusingBody: Analysed | null = null;
  const lastAccuserIsBody = () => lastAccuser === null || (!!accusingBody && lastAccuser === responderName(accusingBody, accused, cw));
  /** The candidate whose campaign the accuser speaks for ("Daniel Okafor, campaign manager for Ana Paula Ferreira", "vocera de la campaña de Ochoa"). */
  const campaignOf = (name: string): string | undefined => {
    const at = full.indexOf(name);
    if (at < 0 || name.length < 4) return undefined;
    const around = full.slice(Math.max(0, at - 80), at + name.length + 100);
    if (!/(?:campaign|campa(?:n|ñ)a|campanha)/iu.test(around)) return undefined;
    const ids = [...new Set(matchEntities(around, cw).filter((e) => e.kind === 'candidate').map((e) => e.id))];
    const bySurname = cw.candidates.filter((c) => new RegExp(`(?<![\\p{L}])${foldText(c.name).split(' ').pop()}(?![\\p{L}])`, 'u').test(foldText(around))).map((c) => c.id);
    const all = [...new Set([...ids, ...bySurname])];
    return all.length === 1 ? all[0] : undefined;
  };
  const titleAccusers = new Set<string>();
  /**
   * The accuser going on about the allegation just made, naming who did it but no new method ("Those
   * signs were handed out by staff of the Solmaran consulate"): the party after "by", "working for",
   * "staff of" is accused too.
   */
  const agentsGoOn = (a: Analysed, continuation: boolean): boolean => {
    const prev = analysed[analysed.indexOf(a) - 1];
    if (!lastAccuser || !prev || allegationText.at(-1) !== prev.s.text) return false;
    const who = a.speaker?.type === 'candidate' ? cw.candidates[cw.candidateById.get(a.speaker.id!)!]?.name : accuserName(a.speakerText);
    if (!continuation && who !== lastAccuser) return false;
    const agents = a.mentions.filter((m) => m.start >= a.contentStart && (m.type === 'actor' || (m.type === 'role' && !isOfficial(m) && roleCountry(a, m))) && AGENT_BEFORE.test(a.p.slice(Math.max(0, m.start - 50), m.start)) && !ownerOrObject(a.p, m));
    if (!agents.length) return false;
    allegationText.push(a.s.text);
    for (const m of agents) addAccused(a, m);
    return true;
  };
  /**
   * Money paid by a party marked as domestic ("a Michigan-registered marketing firm … paid for promoted posts", "foram
   * pagos por comitê local", "a super PAC registered in the state that has spent money"), in a sentence that names no
   * foreign party and no foreign source: a payment, not a foreign one, whatever country the voters come from.
   */
  const moneyCue = ALLEGATION_CUES.find(([k]) => k === 'money')![1];
  const domesticPayment = (a: Analysed, start: number, end: number): boolean => {
    if (FOREIGN_SOURCE.test(a.p) || a.mentions.some((m) => m.type === 'actor' || (m.type === 'role' && roleCountry(a, m)))) return false;
    const hits = allMatches(moneyCue, a.cueP.slice(start, end));
    return hits.length > 0 && hits.every((h) => {
      const at = start + h.start;
      const agent = PAYER_AFTER.exec(a.p.slice(start + h.end, start + h.end + 100))?.[1] ?? a.p.slice(Math.max(start, at - 120), at);
      return DOMESTIC_PARTY.test(agent);
    });
  };
  /**
   * The parties an accuser accuses by the verb itself ("Lindqvist acusó a CNV y al MRV de hacer campaña por su rival",
   * "accused the consulate of …"), in a sentence whose charge names no kind: accused once the same accuser makes an
   * allegation elsewhere in the article. (The object slot ends at "of"/"de"/"por"; a party after it is what they did.)
   */
  const byVerb: { a: Analysed; accuser: string; parties: Mention[] }[] = [];
  const accusedByVerb = (a: Analysed): void => {
    if (!a.verb || !ACCUSE_VERB.test(plain(a.verb.text))) return;
    const slot = ACCUSED_SLOT.exec(a.p.slice(a.verb.end, a.verb.end + 160));
    if (!slot) return;
    const end = a.verb.end + slot[0].length;
    const parties = a.mentions.filter((m) => m.start >= a.verb!.end && m.end <= end && (m.type === 'actor' || (m.type === 'role' && !isOfficial(m) && roleCountry(a, m))) && !ownerOrObject(a.p, m));
    const accuser = a.speaker?.type === 'candidate' ? cw.candidates[cw.candidateById.get(a.speaker.id!)!]?.name : accuserName(a.speakerText);
    if (parties.length && accuser) byVerb.push({ a, accuser, parties });
  };
  const attributed = (a: Analysed): boolean => {
    // A headline's semicolon joins two stories ("X says officials orchestrated harassment; ambassador hits back"): what X says ends there.
    const semicolon = a === analysed[0] && article.title ? a.s.text.indexOf(';', a.contentStart) : -1;
    if (semicolon > 0 && semicolon < a.contentEnd) a.contentEnd = semicolon;
    const cues = cuesIn(a.cueP.slice(a.contentStart, a.contentEnd), a.p.slice(0, a.contentStart));
    const speakerIsCandidate = a.speaker?.type === 'candidate';
    const continuation = a.pronoun && lastAccuser !== null && !a.speaker;
    // An election authority reporting what a foreign party did ("election officials said consular staff urged …") accuses; other officials answer.
    const at = analysed.indexOf(a);
    const before = analysed[at - 1];
    // A federal body that is the first to tell of the events, in the headline or the lead ("State Department says X
    // paid influencers"), makes the allegation; after an accuser has spoken it answers. Its spokesperson goes on for it.
    const federal = (x: Analysed) => x.speaker?.type === 'official' && FEDERAL_BODY.test(plain(`${x.speaker.text} ${x.speakerText}`));
    if (!accusingBody && lastAccuser === null && at <= 2 && federal(a)) accusingBody = a;
    const forBody = !!accusingBody && (a === accusingBody || (federal(a) && plain(a.speakerText).includes(plain(accusingBody.speaker!.text).replace(/^(?:the|el|la|o|a) /, ''))) || BARE_OFFICIAL.test(plain(a.speakerText)) || /^(?:the |el |la |o |a )?(?:department|departamento)(?: spokes(?:wo)?man| spokesperson)?$|^(?:a|un|uma?) (?:department|departamento) (?:spokes(?:wo)?man|spokesperson|portavoz|porta-voz)$/.test(plain(a.speakerText.replace(/^in a statement,\s*/i, ''))));
    const authority = isElectionAuthority(a) || (!!before && isElectionAuthority(before) && BARE_OFFICIAL.test(plain(a.speakerText))) || (forBody && lastAccuserIsBody());
    const speakerOk = a.verb && (speakerIsCandidate || continuation || authority || (a.speaker?.type !== 'actor' && !isOfficial(a.speaker) && a.speakerText.length > 0) || (a.pronoun && lastAccuser !== null));
    if (speakerOk && !cues.length) {
      accusedByVerb(a);
      return agentsGoOn(a, continuation);
    }
    if (!speakerOk || !cues.length) return false;
    // A foreign party speaking (a registry actor, an office such as "el mandatario", a mission) answers or is accused; it does not accuse.
    if (a.speaker && (a.speaker.type === 'actor' || a.speaker.type === 'role' || (isOfficial(a.speaker) && !authority)) && !continuation) return false;
    // …and so does one named by its office alone, with no country beside it ("según un comunicado de la Cancillería",
    // "the broadcaster's bureau chief"): the accused's side answering, its counter-charge no allegation.
    if (!a.speaker && !authority && !continuation && FOREIGN_OFFICE.test(plain(a.speakerText))) return false;
    // An authority that declines to comment, or states what the law bars, answers; it alleges nothing.
    if (authority && (allMatches(RESPONSE_CUES[0]![1], a.p).length || LAW_STATEMENT.test(a.p))) return false;
    // "An earlier version … incorrectly reported that X accused …": the article reports its own error, nobody alleges.
    if (a.verb && ERROR_REPORT.test(a.p.slice(Math.max(0, a.verb.start - 24), a.verb.start))) return false;
    // "Mayhew ya había denunciado en septiembre un hackeo …": an earlier allegation told as background to this one.
    if (a.verb && allegations.size && EARLIER_REPORT.test(a.p.slice(Math.max(0, a.verb.start - 24), a.verb.start))) return false;
    // "…has never accused the ambassador of funding ads": the report verb negated, nobody alleges.
    if (a.verb && NEGATED_VERB.test(a.p.slice(Math.max(0, a.verb.start - 16), a.verb.start))) return false;
    // A candidate denying ("negó cualquier coordinación con el diplomático") answers for the own side.
    if (speakerIsCandidate && a.verb && DENIAL_VERB.test(plain(a.verb.text))) return false;
    // "None of the attendees said they had been told how to vote": a negative subject reports that nothing happened.
    if (NEGATIVE_SUBJECT.test(plain(a.speakerText))) return false;
    // "Ninguna autoridad … ha presentado denuncias …, según X", "X said that no one had been paid": the claim's own subject is nobody.
    if (NEGATIVE_SUBJECT.test(plain(a.s.text.slice(a.contentStart, a.contentEnd)).replace(/^[\s,:;"“«—–-]*(?:(?:that|que)\s+)?/u, ''))) return false;
    // "The party denied paying influencers": a denial restates the allegation, it does not make one.
    if (!speakerIsCandidate && a.verb && allMatches(RESPONSE_ACTS, a.verb.text ? plain(a.verb.text) : '').length) return false;
    const order = { actor: 0, candidate: 1, name: 2, role: 3, official: 4 } as const;
    // Registry names before roles, so "state broadcaster VN24" is VN24 by name, not by role.
    let inContent = a.mentions.filter((m) => m.start >= a.contentStart && m.end <= a.contentEnd).sort((x, y) => order[x.type] - order[y.type] || x.start - y.start);
    // "X reviewed the state channel's broadcasts and found …": the party named before the verb, other than the speaker.
    if (!inContent.some((m) => m.type === 'actor' || m.type === 'role') && a.contentStart > 0 && a.verb) {
      // The speaker mention too when it is not the subject ("A researcher … reviewed the state channel's broadcasts and found").
      const subjectEnd = a.s.text.search(/,|\s(?:who|que|which)\s/);
      inContent = inContent.concat(a.mentions.filter((m) => (m !== a.speaker || m.start > (subjectEnd < 0 ? 40 : subjectEnd)) && m.end <= a.verb!.start && (m.type === 'actor' || (m.type === 'role' && !isOfficial(m)))));
    }
    const namesAccused = inContent.some((m) => m.type === 'actor' || m.type === 'role' || m.type === 'name');
    // "…received abusive calls but did not say who was behind them": the accuser herself attributes them to nobody.
    if (UNATTRIBUTED.test(a.p) && !a.mentions.some((m) => m.start >= a.contentStart && m.end <= a.contentEnd && (m.type === 'actor' || m.type === 'role'))) return false;
    // Another candidate denying any part in it ("Dunleavy said he wanted nothing to do with foreign money") answers; he accuses nobody.
    if (speakerIsCandidate && accusers.length && !accuserIds.has(a.speaker!.id!) && !namesAccused && allMatches(RESPONSE_CUES.find(([k]) => k === 'denial')![1], a.p.slice(a.contentStart, a.contentEnd)).length) return false;
    // "foreign governments could try to hack voter rolls": a class of states is no one accused (a hearing, a column).
    if (!namesAccused && GENERIC_CLASS.test(a.p.slice(a.contentStart, a.contentEnd))) return false;
    // Interference alone, with nobody accused in the sentence, is not yet an allegation: a new speaker
    // condemning "any foreign interference" is a response; the accuser going on about it counts.
    // Attacks with no swarm behind them are `other` too, but a method all the same ("attacks run out of Solmaria").
    const generic = cues.every((c) => c === 'other') && !allMatches(OTHER_METHOD, a.p).length && !allMatches(OTHER_FRAME, a.p).length && !ATTACK.test(a.cueP.slice(a.contentStart, a.contentEnd));
    // A candidate calling what the article reported interference ("Oyelaran called the remarks foreign interference") is its first accuser.
    const firstCandidate = speakerIsCandidate && !accusers.length && accused.length > 0;
    if (!namesAccused && generic && !firstCandidate && (!accused.length || !(continuation || a.pronoun))) return false;
    // A new speaker calling what happened unacceptable, naming nobody, condemns: a response, not an allegation.
    // ("The rival's campaign condemned the threats": the verb itself condemns.)
    if (!namesAccused && !continuation && accusers.length && allMatches(RESPONSE_CUES.find(([k]) => k === 'condemnation')![1], a.p.slice(a.verb ? a.verb.start : a.contentStart, a.contentEnd)).length) return false;
    let accuser: string | null = null;
    if (speakerIsCandidate) {
      const c = cw.candidates[cw.candidateById.get(a.speaker!.id!)!]!;
      accuser = c.name;
      accuserIds.add(c.id);
    } else if (a.speaker?.type === 'actor' || continuation || (a.pronoun && lastAccuser) || THING_PRONOUN.test(plain(a.speakerText))) {
      // "It alleges …", "Isso mostra …": the document or message the sentence before named, whose author (if any) goes on.
      accuser = lastAccuser;
    } else {
      accuser = accuserName(a.speakerText);
      // "Maren Tolliver, the lab's director", "Ana Ruiz, portavoz del observatorio": a member speaking for the accuser already named.
      // (The apposition where the article first names the speaker: a quotation after it goes on with that name.)
      const at = a.speakerText ? full.indexOf(a.speakerText) : -1;
      const apposition = a.speakerText.split(/,\s+/).slice(1).join(', ') || (at >= 0 ? /^,\s+([^,.;]{3,80})/u.exec(full.slice(at + a.speakerText.length))?.[1] ?? '' : '');
      // The body named in the apposition speaks ("portavoz de la coalición Pilsen Vota" → Pilsen Vota); "the lab's director" is
      // the accuser already named. A campaign's staff keep their own names (campaignOf ties them to the candidate).
      if (accuser && apposition && MEMBER_OF.test(plain(apposition)) && !/(?:campaign|campana|campanha)/u.test(plain(apposition))) {
        const body = /(\p{Lu}[\p{L}'’.-]*(?:\s+(?:de |da |do |del |of )?\p{Lu}[\p{L}'’.-]*)*)/u.exec(apposition)?.[1]?.replace(/['’]s$/u, '');
        // (An acronym alone — "diretora da ONG" — is a kind of body, not its name.)
        if (body && (/\p{Ll}/u.test(body) || (lastAccuser && foldText(lastAccuser).includes(foldText(body))))) accuser = body;
        else if (lastAccuser) accuser = lastAccuser;
      }
      // "the campaign", "la campaña", "the researchers", "the candidate", "the group's director": the speaker already named.
      if (accuser && lastAccuser && (CAMPAIGN_WORDS.test(accuser) || CANDIDATE_NOUN.test(plain(accuser)) || MEMBER_OF.test(plain(accuser)))) accuser = lastAccuser;
      else if (accuser && (CANDIDATE_NOUN.test(plain(accuser)) || CAMPAIGN_WORDS.test(accuser) || PRONOUN_SUBJECT.test(plain(accuser)))) {
        // "His campaign says …", "the candidate said" with no accuser yet: the candidate the sentence before names.
        const prev = analysed[analysed.indexOf(a) - 1];
        // …else the one this sentence names ("… Whitfield parece insultar …, denunció su campaña").
        const c = prev?.mentions.filter((m) => m.type === 'candidate').at(-1) ?? a.mentions.find((m) => m.type === 'candidate');
        accuser = c ? cw.candidates[cw.candidateById.get(c.id!)!]!.name : null;
        if (c) accuserIds.add(c.id!);
      }
    }
    // An allegation spread over two sentences ("… sharing segments from Lumeria Today." "… pushed out the
    // same segments"): the foreign party of the sentence before, when this one names none.
    const prev = analysed[analysed.indexOf(a) - 1];
    if (!inContent.some((m) => m.type === 'actor' || m.type === 'role' || m.type === 'name') && prev && !(prev.speaker && (isOfficial(prev.speaker) || prev.speaker.type === 'actor') && prev.verb)) {
      inContent = inContent.concat(prev.mentions.filter((m) => (m.type === 'actor' || (m.type === 'role' && (!isOfficial(m) || (m.role === GOVERNMENT_ROLE && !allMatches(RESPONSE_ACTS, prev.p).length)))) && !ownerOrObject(prev.p, m)).map((m) => ({ ...m, carried: prev })));
    }
    if (!accuser) return false;
    if (a === analysed[0] && article.title) titleAccusers.add(accuser);
    // One accuser named twice ("Researchers" in the title, "Researchers at the Lab" in the text): the longer name.
    const same = accusers.findIndex((x) => foldText(x).includes(foldText(accuser!)) || foldText(accuser!).includes(foldText(x)));
    if (same >= 0) {
      if (accuser.length > accusers[same]!.length && !accuserIds.size) accusers[same] = accuser;
      accuser = accusers[same]!;
    } else accusers.push(accuser);
    lastAccuser = accuser;
    if (!speakerIsCandidate) {
      const c = campaignOf(accuser);
      if (c) accuserIds.add(c);
    }
    // Money is a payment from someone to someone: a sentence that names no foreign party and no foreign source
    // ("a client had paid for the messages", "People were worried about sending money to their mothers", "a Michigan
    // firm paid for promoted posts") tells of money, not of foreign money.
    if (cues.includes('money') && ((!namesAccused && !FOREIGN_SOURCE.test(a.p) && !countriesIn(a.s.text, countryWords).length) || domesticPayment(a, a.contentStart, a.contentEnd))) cues.splice(cues.indexOf('money'), 1);
    for (const c of cues) allegations.add(c);
    allegationText.push(a.s.text);
    for (const m of inContent) {
      const from = (m as Mention & { carried?: Analysed }).carried ?? a;
      if (m.type === 'candidate' && !accuserIds.has(m.id!)) targetCandidates.add(m.id!);
      if (!ownerOrObject(from.p, m)) addAccused(from, m);
    }
    for (const e of a.entities) if (e.kind === 'race') raceIds.add(e.id);
      return true;
  };

  /**
   * What the article itself narrates ("The president asked voters … not to vote for Zárate", "a network
   * … was run from the state broadcaster's newsroom, according to a report") is an allegation when it
   * has a cue and a foreign party in it: a registry actor or a role with a country. The accuser is
   * whoever the article quotes elsewhere. A response sentence (an official body, or an accused party
   * denying or declining) is no narration of the events.
   */
  // Candidates the narration names are targets unless they turn out to be accusers ("… asks for votes for Whitfield, and Oyelaran reacts").
  const narratedCandidates = new Set<string>();
  const narrated = (a: Analysed): void => {
    if (!a.narratedEnd) return;
    // "Some of her supporters had speculated online that the ads were paid for from abroad": a rumour, nobody alleges it.
    if (SPECULATION.test(a.p.slice(0, a.narratedEnd))) return;
    if (a.verb && a.speaker && (isOfficial(a.speaker) || a.speaker.type === 'actor' || a.speaker.type === 'role') && allMatches(RESPONSE_ACTS, a.p).length) return;
    if (a.speaker && isOfficial(a.speaker)) return;
    // "In a statement, Tamarinda's foreign ministry rejected …": a foreign party answering before its verb, whatever came first.
    if (a.verb && allMatches(RESPONSE_ACTS, plain(a.verb.text)).length && a.mentions.some((m) => m.end <= a.verb!.start && (m.type === 'actor' || m.type === 'official' || (m.type === 'role' && roleCountry(a, m))))) return;
    // A quoted post inside the narration is the poster's words ("who attacks our homeland"), read by the classifier, not the article's.
    const own = a.cueP.slice(0, a.narratedEnd);
    const text = allMatches(QUOTE_VERBS, a.p).length || POST_CUE.test(a.p) ? own.replace(/["“«][^"”»]*["”»]/g, (q) => ' '.repeat(q.length)) : own;
    const cues = cuesIn(text);
    if (cues.includes('money') && domesticPayment(a, 0, a.narratedEnd)) cues.splice(cues.indexOf('money'), 1);
    if (!cues.length) return;
    const inside = a.mentions.filter((m) => m.end <= a.narratedEnd && !ownerOrObject(a.p, m));
    const foreign = inside.filter((m) => m.type === 'actor' || (m.type === 'role' && roleCountry(a, m)));
    if (!foreign.length) return;
    for (const c of cues) allegations.add(c);
    allegationText.push(a.s.text);
    for (const m of inside.sort((x, y) => (x.type === 'actor' ? 0 : 1) - (y.type === 'actor' ? 0 : 1) || x.start - y.start)) {
      if (m.type === 'candidate') narratedCandidates.add(m.id!);
      if (m.type === 'actor' || m.type === 'role') addAccused(a, m);
    }
    for (const e of a.entities) if (e.kind === 'race') raceIds.add(e.id);
  };
  /**
   * The accused's own words: a foreign party (registry actor, or a role with its country) reported as
   * telling voters how to vote ("the ambassador said the community should re-elect Whitfield") is the
   * directive itself, as a quoted post of it would be. A denial ("never asked anyone not to vote") is not.
   */
  const ownWords = (a: Analysed): boolean => {
    const m = a.speaker;
    if (!a.verb || !m || !(m.type === 'actor' || (m.type === 'role' && roleCountry(a, m)))) return false;
    if (allMatches(RESPONSE_ACTS, plain(a.verb.text)).length) return false;
    const content = a.p.slice(a.contentStart, a.contentEnd);
    if (!cuesIn(a.cueP.slice(a.contentStart, a.contentEnd), a.p.slice(0, a.contentStart)).includes('directive')) return false;
    if (RESPONSE_CUES.some(([k, re]) => (k === 'denial' || k === 'no_comment') && allMatches(re, content).length)) return false;
    allegations.add('directive');
    allegationText.push(a.s.text);
    addAccused(a, m);
    for (const x of a.mentions) if (x.type === 'candidate' && x.start >= a.contentStart && !accuserIds.has(x.id!)) targetCandidates.add(x.id!);
    for (const e of a.entities) if (e.kind === 'race') raceIds.add(e.id);
    return true;
  };
  /**
   * A post the article quotes, by a registry actor, telling voters how to vote about a watchlist candidate ("on November 3,
   * not one vote for Whitcombe", "NO voten por @RepQuintanar"): the directive itself, as the accused's own words are,
   * whoever reports it. (A post about a vote abroad names no candidate of the watchlist.)
   */
  const directiveCue = ALLEGATION_CUES.find(([k]) => k === 'directive')![1];
  const postedDirective = (a: Analysed, i: number): boolean => {
    let found = false;
    for (const post of quotedPosts(a, cw, head, articleDate, analysed[i - 1], year)) {
      const actor = post.author_id ? cw.actorById.get(post.author_id) : undefined;
      const text = plain(post.text);
      if (!actor || !allMatches(directiveCue, text).some((m) => !NOBODY_ASKED.test(text.slice(Math.max(0, m.start - 30), m.start)))) continue;
      const folded = ` ${foldText(post.text)} `;
      const named = cw.candidates.filter((c) => matchEntities(post.text, cw).some((e) => e.kind === 'candidate' && e.id === c.id) || folded.includes(` ${foldText(c.name).split(' ').pop()} `));
      if (!named.length) continue;
      found = true;
      allegations.add('directive');
      addAccused(a, { start: 0, end: 0, text: actor.name, type: 'actor', id: actor.id });
      for (const c of named) if (!accuserIds.has(c.id)) targetCandidates.add(c.id);
    }
    if (found) {
      allegationText.push(a.s.text);
      for (const e of a.entities) if (e.kind === 'race') raceIds.add(e.id);
    }
    return found;
  };
  // The article withdrawing or refuting what it reports, in its own voice ("Correction: …", "That was
  // incorrect.", "Conclusión: falso."): what it narrates is no allegation; someone on the record must make one.
  let retractedByAccuser = false;
  const retracted = analysed.some((a) => RETRACTION_LABEL.test(a.p) || ((!a.verb || !a.speakerText) && RETRACTION.test(a.p))) || VERDICT_FALSE.test(plain(full));
  const frames = backgroundFrames(full, analysed.map((a) => a.s), year);
  const defer = options.defer ?? DEFERRED_FRAMES;
  /** What background sentences added (kinds, accused, targets): counted only when the news adds no kind. */
  const deferred = { kinds: new Set<AllegationKind>(), accused: [] as Accused[], accusers: [] as string[], candidates: new Set<string>(), narrated: new Set<string>(), races: new Set<string>(), head: undefined as Actor | undefined };
  const backgroundAt = new Set<number>();
  for (const [i, a] of analysed.entries()) {
    const before = allegationText.length;
    const was: { kinds: Set<AllegationKind>; accused: number; accusers: number; lastAccuser: string | null; candidates: Set<string>; narrated: Set<string>; races: Set<string>; head: Actor | undefined } = { kinds: new Set(allegations), accused: accused.length, accusers: accusers.length, lastAccuser, candidates: new Set(targetCandidates), narrated: new Set(narratedCandidates), races: new Set(raceIds), head };
    const read = ownWords(a) ? 'own words' : attributed(a) ? 'attributed' : (narrated(a), allegationText.length > before ? 'narrated' : postedDirective(a, i) ? 'quoted post' : null);
    const kinds = [...allegations].filter((k) => !was.kinds.has(k));
    const added = accused.slice(was.accused);
    options.trace?.({ text: a.s.text, speaker: a.speakerText, type: a.speaker?.type ?? null, verb: a.verb?.text ?? null, read, frames: frames[i]!, kinds, accused: added.map((x) => x.actor_id ?? `?${x.name}`) });
    // A post quoted word for word is evidence the article shows, whatever frames it ("In April 2021, X tweeted: …").
    if (!frames[i]!.some((f) => defer.has(f)) || quotedPosts(a, cw, head, articleDate, analysed[i - 1], year).length) continue;
    backgroundAt.add(i);
    // Set aside what this background sentence added; the news may not need it.
    for (const k of kinds) {
      allegations.delete(k);
      deferred.kinds.add(k);
    }
    for (const x of accused.splice(was.accused)) {
      if (x.actor_id) accusedIds.delete(x.actor_id);
      deferred.accused.push(x);
    }
    for (const [now, then, aside] of [[targetCandidates, was.candidates, deferred.candidates], [narratedCandidates, was.narrated, deferred.narrated], [raceIds, was.races, deferred.races]] as const) {
      for (const id of now) if (!then.has(id)) {
        now.delete(id);
        aside.add(id);
      }
    }
    if (!was.head && head) {
      deferred.head ??= head;
      head = was.head;
    }
    // Who made an earlier allegation is no accuser of this one; who says what could not be verified still speaks of this one.
    if (accusers.length > was.accusers && frames[i]!.some((f) => defer.has(f) && f !== 'hedge')) {
      deferred.accusers.push(...accusers.splice(was.accusers));
      lastAccuser = was.lastAccuser;
    }
  }
  // An article that is all background (a recap piece, an explainer that names the allegation only as history): its background is its news.
  if (!allegations.size && deferred.kinds.size) {
    for (const k of deferred.kinds) allegations.add(k);
    for (const x of deferred.accused) {
      if (x.actor_id && accusedIds.has(x.actor_id)) continue;
      if (x.actor_id) accusedIds.add(x.actor_id);
      accused.push(x);
    }
    for (const id of deferred.candidates) targetCandidates.add(id);
    for (const id of deferred.narrated) narratedCandidates.add(id);
    for (const id of deferred.races) raceIds.add(id);
    for (const x of deferred.accusers) if (!accusers.includes(x)) accusers.push(x);
    head ??= deferred.head;
    backgroundAt.clear();
  }
  if (allegations.size) for (const x of byVerb) if (!backgroundAt.has(analysed.indexOf(x.a))) if (accusers.some((y) => foldText(y).includes(foldText(x.accuser)) || foldText(x.accuser).includes(foldText(y)))) for (const m of x.parties) addAccused(x.a, m);
  // An allegation whose sentences name nobody ("the notice was a deliberate attempt to take votes from
  // her") is about the foreign party the article's narration names first (not an answering one).
  if (allegations.size && !accused.length) {
    for (const a of analysed) {
      if ((a.verb && allMatches(RESPONSE_ACTS, a.p).length) || SPECULATION.test(a.p)) continue;
      const foreign = a.mentions.filter((m) => (m.type === 'actor' || (m.type === 'role' && roleCountry(a, m))) && !ownerOrObject(a.p, m) && !NEGATED.test(a.p.slice(Math.max(0, m.start - 24), m.start).replace(/(?:foreign|extranjer[oa]|estrangeir[oa])\s+$/, '')));
      for (const m of foreign) addAccused(a, m);
      if (accused.length) break;
    }
  }
  // The newsroom reports, it does not accuse ("CARVAJAL: …", "our correspondent Héctor Linares"); a description
  // the article names elsewhere is that name ("the lab", "la directora", "a comissão").
  const newsroom = newsroomOf(full);
  for (let i = accusers.length - 1; i >= 0; i--) {
    const x = accusers[i]!;
    if (newsroom.has(foldText(x).split(' ').pop()!)) accusers.splice(i, 1);
    else if (!/\p{Lu}/u.test(x.split(' ').pop()!)) {
      const name = namedInArticle(x, full);
      if (name && !accusers.some((y, j) => j !== i && (foldText(y).includes(foldText(name)) || foldText(name).includes(foldText(y))))) accusers[i] = name;
      else if (name) accusers.splice(i, 1);
    }
  }
  // A description ("a private cybersecurity firm", "una exproductora de una de las emisoras") gives way
  // to the names the article gives.
  if (accusers.some((x) => /\p{Lu}/u.test(x))) for (let i = accusers.length - 1; i >= 0; i--) if (!/\p{Lu}/u.test(accusers[i]!)) accusers.splice(i, 1);
  // "Cônsul de Serralta" in the title, "o cônsul-geral …, Amadeu Teixeira Falcão" in the text: the consul the registry
  // files under the consulate, not the consulate the bare role stood in for.
  for (let i = accused.length - 1; i >= 0; i--) {
    const id = accused[i]!.actor_id;
    if (id && standIns.has(id) && accused.some((y) => y.actor_id && cw.actorById.get(y.actor_id)?.kind === 'person' && cw.actorById.get(y.actor_id)?.affiliation === id)) accused.splice(i, 1);
  }
  // An ambiguous role ("the consulate" with two missions of that country) that a later mention resolved.
  for (let i = accused.length - 1; i >= 0; i--) {
    const x = accused[i]!;
    if (!x.actor_id && x.role && accused.some((y) => y.actor_id && y.country === x.country && y.role === x.role)) accused.splice(i, 1);
  }
  // Interference with no specific method: "other" only when nothing more precise was alleged.
  if (allegations.size > 1 && !otherMethod) allegations.delete('other');
  if (allegations.has('hacking') && !harassedByName) allegations.delete('harassment');
  if (allegations.has('threat') && !harassedBeyondIntimidation) allegations.delete('harassment');
  // A break-in that took the campaign's donor list: the donations are the data stolen, not foreign money
  // ("donaciones por debajo del umbral de reporte", "los quetzarenses que financian a Lugo").
  if (allegations.has('hacking') && allegations.has('money')) {
    const moneyCue = ALLEGATION_CUES.find(([k]) => k === 'money')![1];
    const hits = allegationText.flatMap((t) => allMatches(moneyCue, plain(t)).map((m) => m.text));
    if (allegationText.some((t) => DONOR_DATA.test(plain(t))) && hits.every((h) => /^(?:donat|donac|doac|don[aoe]|financ|contribu)/.test(h))) allegations.delete('money');
  }
  // A headline's "Congresswoman" or "Researchers" gives way to the names the text gives.
  for (const t of titleAccusers) if (accusers.length > 1 && accusers.indexOf(t) >= 0) accusers.splice(accusers.indexOf(t), 1);

  // Pass 2: responses and quoted posts.
  /** What a candidate is said to have done: interfering or meddling (not negated), the accused turning the charge around. */
  const interferenceBy = (a: Analysed): boolean => {
    const other = ALLEGATION_CUES.find(([k]) => k === 'other')![1];
    return a.mentions.some((m) => m.type === 'candidate') && allMatches(other, a.p.slice(a.contentStart)).some((h) => !NEGATED.test(a.p.slice(0, a.contentStart + h.start).slice(-30)));
  };
  let respondedAt = -2;
  const responderActor = new Map<LeadResponse, string>();
  for (const [i, a] of analysed.entries()) {
    const posts = quotedPosts(a, cw, head, articleDate, analysed[i - 1], year);
    quoted.push(...posts);
    if (allegationText.includes(a.s.text)) continue;
    // A sentence that quotes a post reports the post, not an answer to the allegation.
    if (posts.length) continue;
    if (a.verb && !a.speaker) {
      // An accused party the registry lacks answering ("Atlântico Digital negou as acusações").
      const name = accused.find((x) => !x.actor_id && a.s.text.slice(0, a.verb!.start).includes(x.name));
      if (name) {
        const start = a.s.text.indexOf(name.name);
        a.speaker = { start, end: start + name.name.length, text: name.name, type: 'name' };
        a.speakerText = name.name;
      }
    }
    if (!a.verb) continue;
    // "And the Justice Department?" "It declined to comment": a bare pronoun is the body the sentence before names,
    // when that sentence has no speaker of its own.
    const before = analysed[i - 1];
    if (/^(?:it|they|he|she|ele|ela|eles|elas|el|ella|ellos|ellas)$/iu.test(plain(a.speakerText).trim()) && before && !before.verb && respondedAt !== i - 1) {
      const named = before.mentions.filter((m) => m.type === 'official' || m.type === 'actor' || m.type === 'role').at(-1);
      if (named) {
        a.speaker = named;
        a.speakerText = named.text;
      }
    }
    // Declining to comment is a response whoever declines ("Radio Sol 1490 declinó comentar").
    const declines = !!a.speakerText && allMatches(RESPONSE_CUES[0]![1], a.p.slice(a.verb.start)).length > 0;
    if (!a.speaker && !declines) continue;
    const sp = a.speaker;
    // An accused party answering: by name, or by a role that the accused of that role and country fill ("The consulate, in a statement, said").
    const accusedRole = sp?.type === 'role' && accused.some((x) => x.role && sp.role!.roles.includes(x.role) && (!roleCountry(a, sp) || x.country === roleCountry(a, sp!)));
    // A candidate who accuses nobody (the rival, the accused's ally) answering is a response too.
    const rival = sp?.type === 'candidate' && !accuserIds.has(sp.id!);
    const official = declines || isOfficial(sp) || accusedRole || rival || (sp?.type === 'actor' && !accuserIds.has(sp.id!)) || ((sp?.type === 'role' || sp?.type === 'name') && accused.some((x) => foldText(x.name) === foldText(sp.text)));
    if (!official) continue;
    const after = a.p.slice(a.verb.start);
    let kind: LeadResponse['kind'] = 'other';
    for (const [k, re] of RESPONSE_CUES) {
      const hits = allMatches(re, after);
      if (k === 'counter_accusation') {
        // Only an accusation aimed back at the accuser or a candidate counts: "accused X of …", or X
        // said to have interfered or meddled ("Renfrew has spent two years meddling", "a própria candidata interferiu").
        const aimed = hits.some((h) => a.mentions.some((m) => m.start >= a.verb!.start + h.end && m.start < a.verb!.start + h.end + 40 && m.type === 'candidate'));
        if (!aimed && !interferenceBy(a)) continue;
      } else if (!hits.length) continue;
      kind = k;
      break;
    }
    // A rival's words count as a response when they are about the affair: a response act, the accused, or the foreign hand.
    if (rival && kind === 'other' && !a.mentions.some((m) => m.type === 'actor' || m.type === 'role') && !ABOUT_THE_AFFAIR.test(a.p)) continue;
    const speaker = rival ? cw.candidates[cw.candidateById.get(sp!.id!)!]!.name : responderName(a, accused, cw);
    // "He said …", "Disse que …" after a response: the same responder going on; one response per responder, its strongest kind.
    const prevResponse = responses.at(-1);
    const goesOn = prevResponse && respondedAt === i - 1 && (sp === analysed[i - 1]?.speaker || /^(?:he|she|they|it|el|ella|ellos|ele|ela|eles|elas)?$/iu.test(plain(a.speakerText).trim()));
    // The registry actor answering, by name before the verb or by its role ("the ambassador", "la embajadora"): the
    // same actor named again is the same responder ("Ambassador X said …" then "The envoy added …").
    const named = a.mentions.find((m) => m.type === 'actor' && m.start < a.verb!.start);
    const c = sp?.type === 'role' ? roleCountry(a, sp) : undefined;
    const byRole = sp?.type === 'role' && c ? cw.actors.filter((x) => x.country === c && sp.role!.roles.includes(x.role) && x.kind === sp.role!.kind) : [];
    const actorId = named?.id ?? (byRole.length === 1 ? byRole[0]!.id : undefined);
    const same = goesOn ? prevResponse : responses.find((r) => foldText(r.speaker) === foldText(speaker) || (!!actorId && responderActor.get(r) === actorId));
    if (same) {
      if (RESPONSE_STRENGTH.indexOf(kind) > RESPONSE_STRENGTH.indexOf(same.kind)) same.kind = kind;
    } else {
      const r = { speaker, kind, text: a.s.text.slice(0, 500) };
      responses.push(r);
      if (actorId) responderActor.set(r, actorId);
    }
    respondedAt = i;
  }

  // Quoted posts: the classifier reads them; a directive in the quote is a directive allegation when the
  // quote also says it in so many words ("DO NOT VOTE for", "remember it in November"): a post that only
  // runs the candidate down ("X is not your friend. Think before you vote") is the campaign it belongs to.
  for (const q of quoted) {
    const c = classifyPost({ id: 'quoted', platform: q.platform, authorHandle: q.author_handle ?? '', text: q.text, hashtags: [], mentions: [], lang }, cw);
    const directive = !!c.directive && allMatches(directiveCue, plain(q.text)).length > 0;
    if (directive && allegations.size) allegations.add('directive');
    for (const id of c.target_candidate_ids) targetCandidates.add(id);
    for (const id of c.race_ids) raceIds.add(id);
    // A post telling voters whom to back or reject names its targets ("el voto útil es por Luis Pineda. Ramona Ochoa no nos representa").
    if (directive || (q.author_id && accusedIds.has(q.author_id))) for (const e of matchEntities(q.text, cw)) if (e.kind === 'candidate') targetCandidates.add(e.id);
    // The author of a quoted post is accused when the post is the directive or the allegation quotes it, not for a reply.
    if (q.author_id && cw.actorById.has(q.author_id) && allegations.size && !accusedIds.has(q.author_id) && (directive || allegationText.some((t) => t.includes(q.text)))) {
      const actor = cw.actorById.get(q.author_id)!;
      accusedIds.add(actor.id);
      accused.push({ name: actor.name, actor_id: actor.id, via: 'handle', role: actor.role, country: actor.country });
    }
  }
  if (allegations.size > 1 && !otherMethod) allegations.delete('other');

  // The target: candidates the allegation names, else the accusing candidate; races named and theirs.
  for (const id of narratedCandidates) if (!accuserIds.has(id)) targetCandidates.add(id);
  if (!targetCandidates.size) for (const id of accuserIds) targetCandidates.add(id);
  for (const id of targetCandidates) {
    const i = cw.candidateById.get(id);
    if (i !== undefined) raceIds.add(cw.races[cw.candidateRace[i]!]!.id);
  }
  // Narration alone (nobody in the article alleges it) must name its target itself: a trade or
  // election-abroad story that mentions a watched race elsewhere is no allegation about that race.
  if (allegations.size && !accusers.length && !raceIds.size && !targetCandidates.size) return { none: { article: articleRef, reason: 'no_watched_target', message: 'the allegation names no watched race or candidate' } };
  // A race the article names elsewhere counts when the allegation names a candidate of no race yet.
  if (!raceIds.size && (allegations.size || targetCandidates.size)) for (const a of analysed) for (const e of a.entities) if (e.kind === 'race') raceIds.add(e.id);
  // An allegation someone makes that names no target is about the race whose candidates the article
  // names ("…listed Congresswoman X and her rival Y"), when they all run in one race: the race, no candidate.
  if (!raceIds.size && accusers.length && allegations.size) {
    const races = new Set(analysed.flatMap((a) => a.mentions.filter((m) => m.type === 'candidate').map((m) => cw.races[cw.candidateRace[cw.candidateById.get(m.id!)!]!]!.id)));
    if (races.size === 1) raceIds.add([...races][0]!);
  }

  // An accuser withdrawing the claim ("Marquette later withdrew the allegation", "se retractó", "retirou a denúncia") no longer makes it.
  for (const a of analysed) {
    const taken = ACCUSER_RETRACTS.exec(a.p);
    if (!taken) continue;
    // Who takes it back: the speaker, else the candidate or the name before the words ("Dunleavy later withdrew the claim").
    const before = a.mentions.find((m) => m.type === 'candidate' && m.end <= taken.index);
    const who = a.speaker?.type === 'candidate' ? cw.candidates[cw.candidateById.get(a.speaker.id!)!]?.name : before ? cw.candidates[cw.candidateById.get(before.id!)!]?.name : a.pronoun ? lastAccuser : accuserName(a.speakerText || a.s.text.slice(0, taken.index));
    const i = who ? accusers.findIndex((x) => foldText(x).includes(foldText(who)) || foldText(who).includes(foldText(x))) : -1;
    if (i >= 0) accusers.splice(i, 1);
    if (!accusers.length) retractedByAccuser = true;
  }
  // After a correction or a fact check, only a named accuser keeps the claim on the record (not "a review by this station", "we").
  // (The outlet is the article's own voice: a headline's "CORRECCIÓN: …" read as a speaker's label, the agency of
  // the dateline's parentheses, "MIAMI, 15 oct (ADS) — … a ADS atribuiu …", are no accuser.)
  const outlet = /^[^\n]{0,80}?\(([^)]{2,30})\)\s*[—–-]/u.exec(body)?.[1];
  // Nor is a record the correction cites ("Segundo a gravação integral do encontro…"): a source, not someone on the record.
  const ownVoice = (x: string) => /^(?:we|nosotros|nos)$/iu.test(x) || RETRACTION_LABEL.test(`${plain(x)}: `) || (!!outlet && plain(x) === plain(outlet)) || SOURCE_RECORD.test(plain(x));
  if ((retracted || retractedByAccuser) && !accusers.some((x) => /\p{Lu}/u.test(x) && !ownVoice(x))) return { none: { article: articleRef, reason: 'no_allegation', message: 'no allegation: the article corrects or refutes the claim it reports, and nobody on the record makes it' } };
  if (!allegations.size) return { none: { article: articleRef, reason: 'no_allegation', message: 'no allegation found: nobody in the article alleges directives, harassment, threats, money, coordination, hacking or interference' } };
  if (!raceIds.size && !targetCandidates.size) return { none: { article: articleRef, reason: 'no_watched_target', message: 'the allegation names no watched race or candidate' } };
  if (!accused.length) return { none: { article: articleRef, reason: 'no_accused', message: 'the allegation names nobody accused' } };

  const lead: Lead = {
    id: `lead-${article.sha256.slice(0, 16)}`,
    article: articleRef,
    title: article.title,
    lang,
    accusers,
    accused,
    race_ids: [...raceIds].sort(),
    candidate_ids: [...targetCandidates].sort(),
    allegations: ALLEGATION_CUES.map(([k]) => k).filter((k) => allegations.has(k)),
    quoted_posts: quoted,
    responses,
    dateline: dateline(body),
    published_at: article.publishedAt ?? null,
    allegation_text: allegationText,
    proposed_actors: proposed,
    incident_ids: [],
    collect_next: [],
    grade: undefined as never,
    article_ref: `news:${article.id}`,
    article_sha256: article.sha256,
    status: 'suggested',
    notes: [],
  };
  lead.grade = gradeLead(lead, full, cw);
  return { lead };
}

/** Registry roles of the proposal kinds, for docs and tests. */
export const PROPOSAL_ROLES: ActorRole[] = ROLE_PATTERNS.flatMap((r) => r.roles);
