/**
 * Compile a watchlist once into one Aho–Corasick automaton over folded text that holds every
 * candidate name, alias, surname and handle, every race's district phrases, every registry actor's
 * names and handles, and the classifier lexicons of every language; plus the handle maps used by
 * attribution. Matching and classification then cost about one table lookup per character.
 */
import type { Actor, Candidate, Race, Watchlist } from '../../model/types.js';
import { foldHandle, foldText } from '../../util/normalize.js';
import { RULES, type LanguageRules } from '../classify/rules/index.js';
import { Automaton } from './automaton.js';
import { commonWords } from './common-words.js';
import { chamberForms, districtNumberForms, parseJurisdiction, raceCodeForms, stateNames, US_STATES } from './districts.js';

export type EntityKind = 'candidate' | 'race' | 'actor';
export type EntityVia = 'handle' | 'name' | 'alias' | 'district' | 'hashtag';

/** Lexicon categories (one per phrase list of LanguageRules that the automaton holds). */
export type LexCategory =
  | 'voteFor'
  | 'voteVerbs'
  | 'imperativeFor'
  | 'voteAgainst'
  | 'voteAgainstPronoun'
  | 'voteForSubject'
  | 'againstWords'
  | 'againstAfter'
  | 'forAfter'
  | 'causeLeads'
  | 'wishLeads'
  | 'forTails'
  | 'againstTails'
  | 'abstain'
  | 'hashtagFor'
  | 'hashtagAgainst'
  | 'hashtagAgainstAfter'
  | 'report'
  | 'sarcasm'
  | 'condemn'
  | 'condemnStart'
  | 'electionContext'
  | 'insults'
  | 'slurs'
  | 'dehumanizing'
  | 'harassCalls'
  | 'harassVerbs'
  | 'harassObjects'
  | 'threatLeads'
  | 'violentVerbs'
  | 'threats'
  | 'neutral';

const LEX_CATEGORIES: readonly LexCategory[] = [
  'voteFor', 'voteVerbs', 'imperativeFor', 'voteAgainst', 'voteAgainstPronoun', 'voteForSubject', 'againstWords', 'againstAfter', 'forAfter', 'causeLeads', 'wishLeads', 'forTails', 'againstTails', 'abstain', 'hashtagFor', 'hashtagAgainst', 'hashtagAgainstAfter',
  'report', 'sarcasm', 'condemn', 'condemnStart', 'electionContext', 'insults', 'slurs', 'dehumanizing', 'harassCalls', 'harassVerbs', 'harassObjects', 'threatLeads', 'violentVerbs', 'threats', 'neutral',
];
const HASHTAG_CATEGORIES = new Set<LexCategory>(['hashtagFor', 'hashtagAgainst', 'hashtagAgainstAfter']);

/**
 * How an entity pattern may match:
 * - word: whole words;
 * - handle: whole words, after '@' (or without it when the handle is one long word);
 * - surname: whole words, with context (see `acceptSurname` in match.ts);
 * - given: a candidate's first name alone: right after a title or a vote phrase ("vote Walt"), or
 *   capitalised when it is no common word ("a Deolinda é nossa"), as a surname is;
 * - compact: a name without spaces, only inside a hashtag, touching its start or end.
 */
export type EntityMode = 'word' | 'handle' | 'surname' | 'given' | 'compact';

export interface EntityPayload {
  type: 'entity';
  kind: EntityKind;
  /** Index into `candidates`, `races` or `actors`. */
  index: number;
  id: string;
  via: Exclude<EntityVia, 'hashtag'>;
  mode: EntityMode;
  /** For handles: may match without '@'. */
  bareOk: boolean;
  /** For surnames: not a common word of any language, so lower case needs no context ("vote that liar quintanilla out"); for first names, capitalised needs none. */
  distinctive: boolean;
  /** A surname the watchlist lists as an alias on its own: only the given-name-before test applies (`acceptSurname`). */
  listed?: boolean;
}

export interface LexPayload {
  type: 'lex';
  cat: LexCategory;
  lang: LanguageRules['lang'];
  /** Hashtag-only cue (compact form). */
  hashtag: boolean;
}

/** A district-number phrase ("35th district", "distrito 35", or the ordinal "35th" alone). */
export interface DistrictPayload {
  type: 'district';
  num: number;
  /** `district` phrases name a district alone; `ordinal` ones only right after a state name. */
  form: 'district' | 'ordinal';
}

/** An office word of a statewide race ("senate", "gobernadora"); see `statewideRaces` in match.ts. */
export interface OfficePayload {
  type: 'office';
  office: StatewideOffice;
}

export type StatewideOffice = 'senate' | 'governor';

/** Folded words that name a statewide office's race in EN/ES/PT (not "senator": that is a person). */
const OFFICE_WORDS: Record<StatewideOffice, string[]> = {
  senate: ['senate', 'senado', 'senatorial', 'us senate', 'senado federal', 'senado dos eua', 'senado de eeuu'],
  governor: ['governor', 'governors', 'gobernador', 'gobernadora', 'governador', 'governadora', 'gubernatorial', 'gobernacion'],
};

/** A US state name ("california", "nueva york"). */
export interface StatePayload {
  type: 'state';
  code: string;
}

export type Payload = EntityPayload | LexPayload | DistrictPayload | StatePayload | OfficePayload;
/** Payload types in the order of `CompiledWatchlist.payloadTypes`. */
export const PAYLOAD_TYPES = ['entity', 'lex', 'district', 'office', 'state'] as const satisfies readonly Payload['type'][];

/** Word lists of every language merged into sets of folded words/phrases. */
export interface WordSets {
  negators: Set<string>;
  distantNegators: Set<string>;
  blockers: Set<string>;
  blockerPairs: Set<string>;
  pronouns: Set<string>;
  copulas: Set<string>;
  quoteNouns: Set<string>;
  imperativeLeads: Set<string>;
  selfPronouns: Set<string>;
  subjectPronouns: Set<string>;
  conjunctions: Set<string>;
  prepositions: Set<string>;
  /** Articles and possessives (objects of outcome and violent verbs). */
  articles: Set<string>;
  /** Impersonal subjects of reporting verbs ("it only encourages them"). */
  impersonals: Set<string>;
  /** Nouns and prepositions that keep a violent verb a threat ("burn his office"). */
  threatObjects: Set<string>;
  /** "yes" words of slogan contrasts ("Lindqvist sí, Quintero no"). */
  affirmatives: Set<string>;
  /** Words after which a surname alone is taken as a candidate: titles and the last word of vote phrases. */
  surnameContext: Set<string>;
  /** The last two words of every vote phrase: a lower-case surname after a weak word ("no", "la") counts when the two words before it end a vote phrase ("votem no okafor"). */
  surnamePairs: Set<string>;
}

/** A watchlist compiled for matching: build once with `compileWatchlist`, share freely (read-only). */
export interface CompiledWatchlist {
  watchlist: Watchlist;
  races: Race[];
  candidates: Candidate[];
  /** Race index of each candidate. */
  candidateRace: Int32Array;
  actors: Actor[];
  actorById: Map<string, Actor>;
  candidateById: Map<string, number>;
  automaton: Automaton;
  /** Payload ids of pattern p: payloadIds[payloadStart[p] .. payloadStart[p+1]). */
  payloadStart: Int32Array;
  payloadIds: Int32Array;
  payloads: Payload[];
  /**
   * `PAYLOAD_TYPES.indexOf(payloads[i].type)`: the hit loop in match.ts reads the type from here, since
   * `payload.type` over five object shapes is a megamorphic load on the hottest path of a scan.
   */
  payloadTypes: Uint8Array;
  /** 1 for payloads that match only inside a hashtag (compact names, hashtag cues): skipped unread elsewhere. */
  hashtagOnly: Uint8Array;
  /** platform → folded handle → actors (several when a handle changed hands; see attribute()). */
  actorHandles: Map<string, Map<string, Actor[]>>;
  /** `CA:35` → race index. */
  raceByStateDistrict: Map<string, number>;
  /** District number → race index, only for numbers that one watched race has. */
  raceByUniqueNumber: Map<number, number>;
  /** `MA:senate` → index of the watched statewide race. */
  raceByStateOffice: Map<string, number>;
  /** Statewide office → race index, only when one watched race has that office. */
  raceByUniqueOffice: Map<StatewideOffice, number>;
  /** folded handle (any platform) → candidate indexes. */
  candidateHandles: Map<string, number[]>;
  /** Title family ("house", "sheriff"…) → candidates whose name or an alias starts with such a title ("Rep. Quiroga", "Sheriff Hollis"). */
  titledCandidates: Map<string, number[]>;
  /** Misspellings: `affixKey` of the first and of the last three letters of each distinctive surname → surnames (see `fuzzySurnames` in match.ts). */
  fuzzySurnames: Map<number, { surname: string; payload: EntityPayload }[]>;
  words: WordSets;
}

/**
 * Titles and office nouns by family, folded (EN/ES/PT): an alias starting with one ("Rep. Quiroga",
 * "Congresswoman Quiroga", "Lt. Gov. Ferreira") says which office the candidate holds, and a post's
 * "the congresswoman", "la congresista del 7", "o xerife" can then name them (see `describedCandidates`).
 */
export const TITLE_FAMILIES: Record<string, string[]> = {
  house: ['rep', 'representative', 'congresswoman', 'congressman', 'congressmember', 'congresista', 'diputada', 'diputado', 'deputada', 'deputado', 'congressista'],
  senate: ['sen', 'senator', 'senadora', 'senador'],
  governor: ['gov', 'governor', 'gobernador', 'gobernadora', 'governador', 'governadora'],
  lieutenant: ['lt', 'lieutenant', 'vicegobernador', 'vicegobernadora', 'vicegovernador', 'vicegovernadora'],
  sheriff: ['sheriff', 'sherif', 'alguacil', 'xerife', 'exsheriff'],
  mayor: ['mayor', 'alcalde', 'alcaldesa', 'prefeito', 'prefeita'],
  council: ['councilwoman', 'councilman', 'councilmember', 'concejal', 'concejala', 'vereador', 'vereadora'],
  commissioner: ['commissioner', 'comisionado', 'comisionada', 'comissario', 'comissaria'],
  // Personal titles rather than offices ("Colonel Whitcombe", "Dr. Lima", "Pastor Ruiz"): a watchlist alias that
  // starts with one lets "the colonel", "el coronel", "o pastor" name its candidate in the same way.
  colonel: ['colonel', 'col', 'coronel', 'coronela'],
  captain: ['captain', 'capt', 'capitan', 'capitana', 'capitao', 'capita'],
  judge: ['judge', 'juez', 'jueza', 'juiz', 'juiza'],
  doctor: ['doctor', 'dr', 'doctora', 'dra', 'doutor', 'doutora'],
  pastor: ['pastor', 'pastora', 'reverend', 'rev', 'reverendo', 'reverenda'],
  professor: ['professor', 'prof', 'profesor', 'profesora', 'professora'],
  coach: ['coach'],
};
const TITLE_FAMILY = new Map(Object.entries(TITLE_FAMILIES).flatMap(([family, words]) => words.map((w) => [w, family] as const)));
/** The title family of a folded word, if any. */
export function titleFamily(word: string): string | undefined {
  return TITLE_FAMILY.get(word);
}

const ALIAS_ARTICLES = new Set(['the', 'el', 'la', 'o', 'a']);
function titledCandidates(candidates: Candidate[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const families = new Set<string>();
    for (const a of [c.name, ...c.aliases]) {
      // "el coronel Whitcombe", "a deputada Lima": the title after an article
      const words = foldText(a).split(' ');
      const family = titleFamily((ALIAS_ARTICLES.has(words[0]!) ? words[1] : words[0]) ?? '');
      if (family) families.add(family);
    }
    for (const f of families) out.set(f, [...(out.get(f) ?? []), i]);
  });
  return out;
}

/** Platform names that mean the same network. */
export function canonicalPlatform(platform: string): string {
  const p = platform.toLowerCase();
  return p === 'twitter' ? 'x' : p;
}

/** "TORRES, NORMA J." (FEC style) → "NORMA J. TORRES"; other names unchanged. */
function naturalOrder(name: string): string {
  const i = name.indexOf(',');
  if (i < 0) return name;
  return `${name.slice(i + 1).trim()} ${name.slice(0, i).trim()}`.trim();
}

function lastWord(s: string): string {
  const i = s.lastIndexOf(' ');
  return i < 0 ? s : s.slice(i + 1);
}

/**
 * Build the automaton and maps for a watchlist.
 * @example const cw = compileWatchlist(await loadWatchlist('watch.yaml')); classifyPost(post, cw);
 */
export function compileWatchlist(w: Watchlist): CompiledWatchlist {
  const races = w.races;
  const candidates: Candidate[] = [];
  const candidateRaceList: number[] = [];
  races.forEach((r, ri) => {
    for (const c of r.candidates) {
      candidates.push(c);
      candidateRaceList.push(ri);
    }
  });
  const actors = w.actors;

  // pattern string → payloads
  const byPattern = new Map<string, Payload[]>();
  const add = (pattern: string, payload: Payload) => {
    if (!pattern) return;
    let list = byPattern.get(pattern);
    if (!list) byPattern.set(pattern, (list = []));
    list.push(payload);
  };
  const entity = (pattern: string, kind: EntityKind, index: number, id: string, via: EntityPayload['via'], mode: EntityMode, bareOk = false) =>
    add(pattern, { type: 'entity', kind, index, id, via, mode, bareOk, distinctive: false });
  const common = commonWords();
  const distinctive = (w: string) => w.length >= 5 && !common.has(w);
  // the lexicon's titles and the title families' words ("Sheriff Rey": an office word is no first name)
  const titles = new Set([...RULES.flatMap((r) => r.titles.map(foldText)), ...TITLE_FAMILY.keys()]);

  const candidateHandles = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    const names = [c.name, ...c.aliases].map(naturalOrder).map(foldText).filter((s) => s.length >= 3);
    // "Norma J. Torres" is also written "Norma Torres": first and last word of a longer name.
    const full = names[0]?.split(' ') ?? [];
    if (full.length >= 3) names.push(`${full[0]} ${full[full.length - 1]}`);
    // A listed alias that is only the name's surname ("Tapia" for Arnulfo Tapia) matches in any case and
    // before any word, as the writer of the watchlist meant, but not right after another given name: "vote
    // for Lorena Tapia", "Coach Whitlock" name namesakes.
    const surnameOfName = full.length >= 2 ? full[full.length - 1] : undefined;
    names.forEach((n, k) => {
      if (k > 0 && n === surnameOfName) add(n, { type: 'entity', kind: 'candidate', index: i, id: c.id, via: 'alias', mode: 'surname', bareOk: false, distinctive: distinctive(n), listed: true });
      else entity(n, 'candidate', i, c.id, k === 0 ? 'name' : 'alias', 'word');
      const compact = n.replace(/ /g, '');
      if (compact !== n) entity(compact, 'candidate', i, c.id, k === 0 ? 'name' : 'alias', 'compact');
      // Surname alone (last word; also the second word of three-word names: "María López García").
      const words = n.split(' ');
      if (words.length >= 2) {
        const surnames = new Set([words[words.length - 1]!]);
        // Also the second word and the double surname of three-word names ("María López García",
        // "Deolinda Carvalho-Reis" written "a senhora Carvalho-Reis").
        // Not of longer aliases or common words: 'Grant "The Sheriff" Hollis' has no surname "the".
        if (words.length === 3 && !common.has(words[1]!)) surnames.add(words[1]!).add(words.slice(1).join(' '));
        for (const s of surnames) {
          if (s.length < 3) continue;
          add(s, { type: 'entity', kind: 'candidate', index: i, id: c.id, via: k === 0 ? 'name' : 'alias', mode: 'surname', bareOk: false, distinctive: distinctive(s) });
          entity(s, 'candidate', i, c.id, k === 0 ? 'name' : 'alias', 'compact');
        }
      }
    });
    // labels.md: "a first name in context".
    // Also the first word of an alias "Nickname Surname" ("Gus Ferreira"), when it is written as a name, not a title.
    for (const a of c.aliases) {
      const parts = naturalOrder(a).split(/\s+/);
      const first = foldText(parts[0] ?? '');
      if (parts.length === 2 && foldText(parts[1]!) === full[full.length - 1] && /^\p{Lu}\p{Ll}+$/u.test(parts[0]!) && first.length >= 3 && first !== full[0] && !titles.has(first))
        // a nickname the watchlist lists ("Gus", "Quim") is distinctive at any length when it is no common word
        add(first, { type: 'entity', kind: 'candidate', index: i, id: c.id, via: 'alias', mode: 'given', bareOk: false, distinctive: !common.has(first) });
    }
    if (full.length >= 2 && full[0]!.length >= 3) add(full[0]!, { type: 'entity', kind: 'candidate', index: i, id: c.id, via: 'name', mode: 'given', bareOk: false, distinctive: distinctive(full[0]!) });
    for (const list of Object.values(c.handles)) {
      for (const h of list) {
        const folded = foldText(h);
        const fh = foldHandle(h);
        entity(folded, 'candidate', i, c.id, 'handle', 'handle', !folded.includes(' ') && folded.length >= 6);
        const known = candidateHandles.get(fh);
        if (!known) candidateHandles.set(fh, [i]);
        else if (!known.includes(i)) known.push(i);
      }
    }
  });

  // Districts: per-race codes ("ca 35"); number phrases and state names are joined in match.ts.
  const raceByStateDistrict = new Map<string, number>();
  const numberCount = new Map<number, number[]>();
  races.forEach((r, i) => {
    const d = parseJurisdiction(r.jurisdiction);
    if (!d) return;
    for (const p of raceCodeForms(d)) entity(p, 'race', i, r.id, 'district', 'word');
    if (Number.isFinite(d.num)) for (const p of chamberForms(r.office, d.num)) entity(p, 'race', i, r.id, 'district', 'word');
    if (d.country !== 'US' || !Number.isFinite(d.num)) return;
    // a state seat is not the congressional district of the same number ("Texas's 27th")
    if (!d.chamber) raceByStateDistrict.set(`${d.state}:${d.num}`, i);
    numberCount.set(d.num, [...(numberCount.get(d.num) ?? []), i]);
  });
  const raceByUniqueNumber = new Map<number, number>();
  for (const [num, list] of numberCount) {
    if (list.length === 1) raceByUniqueNumber.set(num, list[0]!);
    const forms = districtNumberForms(num);
    for (const p of forms.district) add(p, { type: 'district', num, form: 'district' });
    for (const p of forms.ordinal) add(p, { type: 'district', num, form: 'ordinal' });
  }
  for (const code of Object.keys(US_STATES)) for (const name of stateNames(code)) add(name, { type: 'state', code });
  // Statewide races ("US-MA", office "US Senate"): named by office word plus state, or by office word
  // alone next to a race noun when one watched race has that office ("governor's race").
  const raceByStateOffice = new Map<string, number>();
  const officeRaces = new Map<StatewideOffice, number[]>();
  races.forEach((r, i) => {
    const parts = r.jurisdiction.toUpperCase().split('-');
    const office: StatewideOffice | null = /senat|senad/i.test(r.office) && !/state senate|senado estatal/i.test(r.office) ? 'senate' : /govern|gobern/i.test(r.office) ? 'governor' : null;
    if (parts.length !== 2 || parts[0] !== 'US' || !office) return;
    raceByStateOffice.set(`${parts[1]}:${office}`, i);
    officeRaces.set(office, [...(officeRaces.get(office) ?? []), i]);
  });
  const raceByUniqueOffice = new Map<StatewideOffice, number>();
  for (const [office, list] of officeRaces) {
    if (list.length === 1) raceByUniqueOffice.set(office, list[0]!);
    for (const w of OFFICE_WORDS[office]) add(w, { type: 'office', office });
  }

  const actorHandles = new Map<string, Map<string, Actor[]>>();
  actors.forEach((a, i) => {
    [a.name, ...a.aliases].map(foldText).forEach((n, k) => {
      if (n.length >= 3) entity(n, 'actor', i, a.id, k === 0 ? 'name' : 'alias', 'word');
    });
    for (const [platform, list] of Object.entries(a.handles)) {
      const p = canonicalPlatform(platform);
      let map = actorHandles.get(p);
      if (!map) actorHandles.set(p, (map = new Map()));
      for (const h of list) {
        const fh = foldHandle(h);
        const known = map.get(fh);
        if (!known) map.set(fh, [a]);
        else if (!known.includes(a)) known.push(a);
        const folded = foldText(h);
        entity(folded, 'actor', i, a.id, 'handle', 'handle', !folded.includes(' ') && folded.length >= 6);
      }
    }
  });

  // A name, alias or surname shared by two different entities says nothing about which one is
  // meant: drop it (handles stay: they are unique per platform).
  // A first name yields to any other name it collides with ("Costa" as one's first name, another's surname).
  for (const [pattern, list] of byPattern) {
    const entityOf = (p: Payload): p is EntityPayload => p.type === 'entity' && p.mode !== 'handle';
    const key = (p: EntityPayload) => `${p.kind}:${p.id}`;
    const given = list.filter((p) => entityOf(p) && p.mode === 'given') as EntityPayload[];
    const others = list.filter((p) => entityOf(p) && p.mode !== 'given') as EntityPayload[];
    const dropGiven = given.length > 0 && (new Set(given.map(key)).size > 1 || others.length > 0);
    const kept = dropGiven ? list.filter((p) => !(entityOf(p) && p.mode === 'given')) : list;
    const ids = new Set(kept.filter(entityOf).map(key));
    byPattern.set(pattern, ids.size > 1 ? kept.filter((p) => !entityOf(p)) : kept);
  }

  // Misspelt surnames ("Bustamente", "Petibone"): distinctive surnames of six letters or more that
  // survived the ambiguity pass, under their first three and their last three letters (one edit
  // leaves one of the two intact), so that most words cost two lookups and no allocation.
  const fuzzySurnames = new Map<number, { surname: string; payload: EntityPayload }[]>();
  for (const [pattern, list] of byPattern) {
    if (pattern.length < 6 || pattern.includes(' ')) continue;
    const p = list.find((x): x is EntityPayload => x.type === 'entity' && x.mode === 'surname' && !!x.distinctive);
    if (!p) continue;
    const n = pattern.length;
    for (const key of [affixKey(pattern.charCodeAt(0), pattern.charCodeAt(1), pattern.charCodeAt(2), 0), affixKey(pattern.charCodeAt(n - 3), pattern.charCodeAt(n - 2), pattern.charCodeAt(n - 1), 1)]) {
      const known = fuzzySurnames.get(key);
      if (!known) fuzzySurnames.set(key, [{ surname: pattern, payload: p }]);
      else if (!known.some((k) => k.surname === pattern)) known.push({ surname: pattern, payload: p });
    }
  }

  // Lexicons of every language.
  const words: WordSets = {
    negators: new Set(),
    distantNegators: new Set(),
    blockers: new Set(),
    blockerPairs: new Set(),
    pronouns: new Set(),
    copulas: new Set(),
    quoteNouns: new Set(),
    imperativeLeads: new Set(),
    selfPronouns: new Set(),
    subjectPronouns: new Set(),
    conjunctions: new Set(),
    prepositions: new Set(),
    articles: new Set(),
    impersonals: new Set(),
    threatObjects: new Set(),
    affirmatives: new Set(),
    surnameContext: new Set(),
    surnamePairs: new Set(),
  };
  for (const rules of RULES) {
    for (const cat of LEX_CATEGORIES) {
      const hashtag = HASHTAG_CATEGORIES.has(cat);
      for (const phrase of rules[cat]) {
        const folded = foldText(phrase);
        add(folded, { type: 'lex', cat, lang: rules.lang, hashtag });
        // Hashtag cues also in one word, for hashtags written without capitals (#novotenpor...).
        if (hashtag && folded.includes(' ')) add(folded.replace(/ /g, ''), { type: 'lex', cat, lang: rules.lang, hashtag });
      }
    }
    for (const key of ['negators', 'distantNegators', 'blockers', 'blockerPairs', 'pronouns', 'copulas', 'quoteNouns', 'imperativeLeads', 'selfPronouns', 'subjectPronouns', 'conjunctions', 'prepositions', 'articles', 'impersonals', 'threatObjects', 'affirmatives'] as const) {
      for (const v of rules[key]) words[key].add(foldText(v) || v);
    }
    for (const t of rules.titles) words.surnameContext.add(foldText(t));
    for (const cat of ['voteFor', 'voteVerbs', 'imperativeFor', 'voteAgainst'] as const) {
      for (const p of rules[cat]) {
        const folded = foldText(p);
        words.surnameContext.add(lastWord(folded));
        const parts = folded.split(' ');
        if (parts.length >= 2) words.surnamePairs.add(parts.slice(-2).join(' '));
      }
    }
    for (const c of rules.conjunctions) words.surnameContext.add(foldText(c) || c);
  }

  const patterns: string[] = [];
  const payloads: Payload[] = [];
  const starts: number[] = [0];
  const ids: number[] = [];
  for (const [pattern, list] of byPattern) {
    if (!list.length) continue;
    patterns.push(pattern);
    for (const p of list) {
      ids.push(payloads.length);
      payloads.push(p);
    }
    starts.push(ids.length);
  }

  return {
    watchlist: w,
    races,
    candidates,
    candidateRace: Int32Array.from(candidateRaceList),
    actors,
    actorById: new Map(actors.map((a) => [a.id, a])),
    candidateById: new Map(candidates.map((c, i) => [c.id, i])),
    automaton: new Automaton(patterns),
    payloadStart: Int32Array.from(starts),
    payloadIds: Int32Array.from(ids),
    payloads,
    payloadTypes: Uint8Array.from(payloads, (p) => PAYLOAD_TYPES.indexOf(p.type)),
    hashtagOnly: Uint8Array.from(payloads, (p) => ((p.type === 'entity' && p.mode === 'compact') || (p.type === 'lex' && p.hashtag) ? 1 : 0)),
    actorHandles,
    candidateHandles,
    titledCandidates: titledCandidates(candidates),
    raceByStateDistrict,
    raceByUniqueNumber,
    raceByStateOffice,
    raceByUniqueOffice,
    fuzzySurnames,
    words,
  };
}

/**
 * One number for three UTF-16 codes and a side (0: word start, 1: word end). Below 2^28 (a small
 * integer, which V8 hashes without boxing it) when the codes are below 512, as folded Latin letters
 * are; from 2^30 up otherwise, so the two ranges never meet.
 */
export function affixKey(a: number, b: number, c: number, side: number): number {
  if ((a | b | c) < 512) return ((a * 512 + b) * 512 + c) * 2 + side;
  return 2 ** 30 + ((a * 65536 + b) * 65536 + c) * 2 + side;
}
