/**
 * Entity matching: one pass of the compiled automaton over the folded text, then whole-word,
 * handle, surname and hashtag checks, then leftmost-longest selection. The classifier uses the same
 * scan (`scanText`) to get the lexicon hits in the same pass.
 */
import type { CompiledWatchlist, DistrictPayload, EntityKind, EntityPayload, EntityVia, LexPayload, OfficePayload, StatePayload, StatewideOffice } from './compile.js';
import { commonWords } from './common-words.js';
import { affixKey, PAYLOAD_TYPES } from './compile.js';
import { STATE_CONNECTORS } from './districts.js';
import { foldWithOffsets, foldedString, type Folded } from './fold.js';

/** An entity found in a text; offsets are UTF-16 offsets into the original text. */
export interface EntityMatch {
  kind: EntityKind;
  id: string;
  start: number;
  end: number;
  /** The words as written in the original text. */
  text: string;
  via: EntityVia;
}

/** An entity hit in folded coordinates. */
export interface EntityHit {
  start: number;
  end: number;
  payload: EntityPayload;
  via: EntityVia;
}

/** A lexicon hit in folded coordinates; one per payload (a phrase can be in several lists). */
export interface LexHit {
  start: number;
  end: number;
  payload: LexPayload;
}

export interface ScanResult {
  folded: Folded;
  entities: EntityHit[];
  lex: LexHit[];
}

/** At most this many raw automaton hits are considered per text (bounded work on hostile input). */
const MAX_HITS = 4096;
const HITS = new Int32Array(MAX_HITS * 2);
const SPACE = 32;
const ENTITY = PAYLOAD_TYPES.indexOf('entity');
const LEX = PAYLOAD_TYPES.indexOf('lex');

/** Articles and short prepositions: not enough context for a lower-case surname. */
const WEAK_CONTEXT = new Set(['la', 'el', 'a', 'o', 'da', 'do', 'de', 'na', 'no', 'los', 'las', 'os', 'as', 'the', 'esa', 'ese', 'essa', 'esse', 'y', 'e', 'and', 'or', 'ou']);

/** Month and weekday names (EN/ES/PT, with abbreviations): a capital after a surname that does not continue the name ("Vote Okafor Nov 3"). */
const CALENDAR = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun ' +
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre ene abr ago dic ' +
    'lunes martes miercoles jueves viernes sabado domingo ' +
    'janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro fev set out dez ' +
    'segunda terca quarta quinta sexta'
  ).split(' '),
);

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

/** isUpper of the UTF-16 unit at `i` (false past the end); ASCII by its code, without a one-character string. */
function upperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c >= 65 && c <= 90 : isUpper(text[i] ?? '');
}

/** Folded range [start, end) of the word ending just before folded position `pos` (which starts a word), or null. */
export function previousWord(f: Folded, pos: number): [number, number] | null {
  if (pos < 2 || f.codes[pos - 1] !== SPACE) return null;
  const end = pos - 1;
  let start = end;
  while (start > 0 && f.codes[start - 1] !== SPACE) start--;
  return [start, end];
}

/** Folded range of the word starting just after folded position `end` (which ends a word), or null. */
export function nextWord(f: Folded, end: number): [number, number] | null {
  if (end >= f.n - 1 || f.codes[end] !== SPACE) return null;
  const start = end + 1;
  let e = start;
  while (e < f.n && f.codes[e] !== SPACE) e++;
  return [start, e];
}

/** Whether a word starts with a capital followed by a lower-case letter ("Fernando", not "POR"). */
function titlecase(f: Folded, start: number): boolean {
  const o = f.origStart[start]!;
  return upperAt(f.text, o) && o + 1 < f.text.length && !upperAt(f.text, o + 1);
}

/**
 * A surname alone is a candidate reference only with some context: inside a hashtag; or written
 * with a capital and not right after another capitalized name ("Fernando Torres") nor right before
 * one ("Costa Rica"); or, in lower case, right after a title or a vote phrase ("rep torres",
 * "vote for torres").
 */
function acceptSurname(f: Folded, start: number, end: number, cw: CompiledWatchlist, p: EntityPayload): boolean {
  if (f.hashtag[start]) return true;
  const prev = previousWord(f, start);
  const prevWord = prev && f.clause[prev[0]] === f.clause[start] ? foldedString(f, prev[0], prev[1]) : null;
  const capital = upperAt(f.text, f.origStart[start]!);
  if (p.mode === 'given' && !(capital && p.distinctive)) return (prevWord !== null && afterVotePhrase(f, prev!, prevWord, start, cw)) || (capital && vocative(f, start, end));
  if (!capital) {
    if ((p.distinctive || p.listed) && p.mode === 'surname') return true;
    return prevWord !== null && afterVotePhrase(f, prev!, prevWord, start, cw);
  }
  if (prev && prevWord !== null && titlecase(f, prev[0]) && !cw.words.surnameContext.has(prevWord) && onlySpaceBetween(f, prev[1], start)) {
    const before = previousWord(f, prev[0]);
    const prevStartsClause = !before || f.clause[before[0]] !== f.clause[prev[0]];
    if (!prevStartsClause) return false;
  }
  if (p.listed) return true;
  const next = nextWord(f, end);
  if (next && f.clause[next[0]] === f.clause[start] && titlecase(f, next[0]) && !f.hashtag[next[0]] && onlySpaceBetween(f, end, next[0]) && !CALENDAR.has(foldedString(f, next[0], next[1]))) return false;
  return true;
}

/**
 * Whether a name is set off as a vocative: at the start of the post (after any handles) or after a comma,
 * and before a comma, a full stop, "!", "?" or the end ("Helena, you'll regret this", "Nice house, Denise.").
 * A first name that is also a common word names the addressee there (labels.md: "a first name in context").
 */
function vocative(f: Folded, start: number, end: number): boolean {
  const t = f.text;
  let i = f.origStart[start]! - 1;
  while (i >= 0 && (t.charCodeAt(i) <= 32 || t.charCodeAt(i) === 0xa0)) i--;
  // skip reply handles before the name ("@ana_fan Helena, …")
  while (i >= 0 && t.charCodeAt(i) > 32) {
    let k = i;
    while (k >= 0 && t.charCodeAt(k) > 32) k--;
    if (t.charCodeAt(k + 1) !== 64) break;
    i = k;
    while (i >= 0 && t.charCodeAt(i) <= 32) i--;
  }
  if (i >= 0 && t[i] !== ',') return false;
  let j = f.origEnd[end - 1]!;
  while (j < t.length && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 0xa0)) j++;
  return j >= t.length || ',.!?'.includes(t[j]!);
}

/** Whether only white space separates folded positions `end` (end of a word) and `start` in the original ("Echeverri, Dios" is two names, "Costa Rica" one). */
function onlySpaceBetween(f: Folded, end: number, start: number): boolean {
  for (let i = f.origEnd[end - 1]!, e = f.origStart[start]!; i < e; i++) if (f.text.charCodeAt(i) > 32 && f.text.charCodeAt(i) !== 0xa0) return false;
  return true;
}

/** Whether the word before a name is a title or ends a vote phrase ("rep torres", "vote for torres", "votem no okafor"). */
function afterVotePhrase(f: Folded, prev: [number, number], prevWord: string, start: number, cw: CompiledWatchlist): boolean {
  if (!WEAK_CONTEXT.has(prevWord)) return cw.words.surnameContext.has(prevWord);
  // "votem no okafor": a weak word counts when it ends a vote phrase
  const before = previousWord(f, prev[0]);
  return !!before && f.clause[before[0]] === f.clause[start] && cw.words.surnamePairs.has(`${foldedString(f, before[0], before[1])} ${prevWord}`);
}

function entityAccepted(f: Folded, p: EntityPayload, start: number, end: number, cw: CompiledWatchlist): boolean {
  const codes = f.codes;
  const wordStart = start === 0 || codes[start - 1] === SPACE;
  const wordEnd = end === f.n || codes[end] === SPACE;
  if (p.mode === 'compact') {
    const h = f.hashtag[start]!;
    if (!h || f.hashtag[end - 1] !== h) return false;
    return start === f.hashtagSpan[2 * h - 2] || end === f.hashtagSpan[2 * h - 1];
  }
  if (!wordStart || !wordEnd) return false;
  if (p.mode === 'handle') {
    const o = f.origStart[start]!;
    return p.bareOk || (o > 0 && (f.text.charCodeAt(o - 1) === 64 || f.text.charCodeAt(o - 1) === 0xff20));
  }
  if (p.mode === 'surname' || p.mode === 'given') return acceptSurname(f, start, end, cw, p);
  return true;
}

function lexAccepted(f: Folded, p: LexPayload, start: number, end: number): boolean {
  if (p.hashtag) {
    const h = f.hashtag[start]!;
    if (!h || f.hashtag[end - 1] !== h) return false;
    const hs = f.hashtagSpan[2 * h - 2]!;
    const he = f.hashtagSpan[2 * h - 1]!;
    return p.cat === 'hashtagAgainstAfter' ? end === he && start > hs : start === hs && end < he;
  }
  if (!(start === 0 || f.codes[start - 1] === SPACE) || !(end === f.n || f.codes[end] === SPACE)) return false;
  if (p.cat === 'condemnStart') return start === 0;
  return true;
}

function byStartThenLongest(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || b.end - a.end;
}

/** Keep the leftmost-longest hits that do not overlap; hits with the same span are all kept. */
function leftmostLongest<T extends { start: number; end: number }>(hits: T[]): T[] {
  if (hits.length < 2) return hits;
  if (hits.length > 16) hits.sort(byStartThenLongest);
  else {
    // A few hits (the usual case): insertion sort, stable like Array.prototype.sort, so the same order,
    // without the work array sort allocates (it showed in heap profiles of bench/classify-speed.ts).
    for (let i = 1; i < hits.length; i++) {
      const h = hits[i]!;
      let j = i - 1;
      for (; j >= 0 && byStartThenLongest(hits[j]!, h) > 0; j--) hits[j + 1] = hits[j]!;
      hits[j + 1] = h;
    }
  }
  const out: T[] = [];
  let lastStart = -1;
  let lastEnd = -1;
  for (const h of hits) {
    if (h.start === lastStart && h.end === lastEnd) out.push(h);
    else if (h.start >= lastEnd) {
      out.push(h);
      lastStart = h.start;
      lastEnd = h.end;
    }
  }
  return out;
}

/**
 * Join district-number phrases with an adjacent state name into race references:
 * "<number phrase> of|de|da|in <state>", "<state>['s] <number phrase or ordinal>"; a number phrase
 * alone ("35th district") names a race only when one watched race has that number.
 */
function joinDistricts(
  f: Folded,
  districts: { start: number; end: number; p: DistrictPayload }[],
  states: { start: number; end: number; code: string }[],
  cw: CompiledWatchlist,
  out: EntityHit[],
): void {
  for (const d of districts) {
    let race: number | undefined;
    let start = d.start;
    let end = d.end;
    let stateNamed = false;
    const next = nextWord(f, d.end);
    if (next && STATE_CONNECTORS.has(foldedString(f, next[0], next[1]))) {
      const s = states.find((x) => x.start === next[1] + 1);
      if (s) {
        stateNamed = true;
        race = cw.raceByStateDistrict.get(`${s.code}:${d.p.num}`);
        end = s.end;
      }
    }
    if (!stateNamed) {
      const prev = previousWord(f, d.start);
      const before = prev && foldedString(f, prev[0], prev[1]) === 's' ? prev[0] : d.start;
      const s = states.find((x) => x.end === before - 1);
      if (s) {
        stateNamed = true;
        race = cw.raceByStateDistrict.get(`${s.code}:${d.p.num}`);
        start = s.start;
      }
    }
    if (!stateNamed && d.p.form === 'district') race = cw.raceByUniqueNumber.get(d.p.num);
    // "Senate District 34" is another chamber's seat unless a race of that office claims it (chamberForms)
    const before = previousWord(f, d.start);
    if (before && CHAMBER_WORDS.has(foldedString(f, before[0], before[1]))) continue;
    if (race === undefined) continue;
    const r = cw.races[race]!;
    out.push({ start, end, payload: { type: 'entity', kind: 'race', index: race, id: r.id, via: 'district', mode: 'word', bareOk: false, distinctive: false }, via: 'district' });
  }
}

/** Chamber words before "district N" (see chamberForms in districts.ts). */
const CHAMBER_WORDS = new Set(['senate', 'assembly', 'house', 'legislative', 'senatorial', 'senado', 'asamblea', 'camara', 'assembleia']);

/** Fold a text and run the automaton once: accepted entity hits and lexicon hits, folded coordinates. */
export function scanText(text: string, cw: CompiledWatchlist): ScanResult {
  const f = foldWithOffsets(text);
  const count = cw.automaton.scan(f.codes, f.n, HITS);
  const entities: EntityHit[] = [];
  const lex: LexHit[] = [];
  let districts: { start: number; end: number; p: DistrictPayload }[] | undefined;
  let states: { start: number; end: number; code: string }[] | undefined;
  let offices: { start: number; end: number; office: StatewideOffice }[] | undefined;
  const { payloadStart, payloadIds, payloads, payloadTypes, hashtagOnly, automaton } = cw;
  for (let i = 0; i < count; i++) {
    const pattern = HITS[2 * i]!;
    const end = HITS[2 * i + 1]!;
    const start = end - automaton.patternLength[pattern]!;
    const whole = (start === 0 || f.codes[start - 1] === SPACE) && (end === f.n || f.codes[end] === SPACE);
    // Every payload type needs a whole word or a hashtag (entityAccepted, lexAccepted, the word check
    // below): a hit inside a word is dropped before its payloads, scattered objects, are read.
    if (!whole && !f.hashtag[start]) continue;
    for (let j = payloadStart[pattern]!, e = payloadStart[pattern + 1]!; j < e; j++) {
      const id = payloadIds[j]!;
      if (hashtagOnly[id] && !f.hashtag[start]) continue; // entityAccepted and lexAccepted would say no
      const type = payloadTypes[id];
      if (type === ENTITY) {
        const p = payloads[id] as EntityPayload;
        if (entityAccepted(f, p, start, end, cw)) entities.push({ start, end, payload: p, via: f.hashtag[start] ? 'hashtag' : p.via });
      } else if (type === LEX) {
        const p = payloads[id] as LexPayload;
        if (lexAccepted(f, p, start, end)) lex.push({ start, end, payload: p });
      } else if (whole) {
        const p = payloads[id] as DistrictPayload | OfficePayload | StatePayload;
        if (p.type === 'district') (districts ??= []).push({ start, end, p });
        else if (p.type === 'office') (offices ??= []).push({ start, end, office: p.office });
        else (states ??= []).push({ start, end, code: p.code });
      }
    }
  }
  if (districts) joinDistricts(f, districts, states ?? [], cw, entities);
  if (offices) statewideRaces(f, offices, states ?? [], cw, entities);
  if (cw.fuzzySurnames.size) fuzzySurnames(f, cw, entities);
  // One entity per span: the same entity matched twice at one place (name and compact form) once.
  const chosen = leftmostLongest(entities);
  const unique = chosen.length < 2 ? chosen : chosen.filter((h, i) => !chosen.some((o, j) => j < i && o.start === h.start && o.end === h.end && o.payload.kind === h.payload.kind && o.payload.index === h.payload.index));
  // A neutral phrase cancels every cue it overlaps, even one that starts earlier ("should hang" in
  // "should hang his head"), so it is applied before the leftmost-longest choice.
  const neutral = lex.filter((h) => h.payload.cat === 'neutral');
  const kept = neutral.length ? lex.filter((h) => !neutral.some((n) => h.start < n.end && n.start < h.end)) : lex;
  const lexChosen = leftmostLongest(kept);
  return { folded: f, entities: unique, lex: lexChosen };
}

/** Nouns that make an office word name a race ("governor's race", "eleição para governador", "the Senate line"). */
const RACE_NOUNS = new Set(['race', 'election', 'elections', 'line', 'primary', 'eleicao', 'eleicoes', 'corrida', 'disputa', 'eleccion', 'elecciones', 'carrera', 'contienda', 'casilla', 'boleta', 'cargo', 'seat', 'vaga', 'escano']);

/**
 * Statewide races have no district number: "the Massachusetts Senate race", "Senado de
 * Massachusetts", "MA Senate", or an office word beside a race noun when one watched race has that
 * office ("carrera para gobernador"). "Senator" is a person, not a race, and is not an office word.
 */
function statewideRaces(f: Folded, offices: { start: number; end: number; office: StatewideOffice }[], states: { start: number; end: number; code: string }[], cw: CompiledWatchlist, out: EntityHit[]): void {
  for (const o of offices) {
    let race: number | undefined;
    for (const s of states) race ??= cw.raceByStateOffice.get(`${s.code}:${o.office}`);
    const prev = previousWord(f, o.start);
    if (race === undefined && prev && prev[1] - prev[0] === 2) {
      const code = f.text.slice(f.origStart[prev[0]]!, f.origEnd[prev[1] - 1]!);
      if (/^[A-Z]{2}$/.test(code)) race = cw.raceByStateOffice.get(`${code}:${o.office}`);
    }
    // A named state that has no such watched race means another race ("Georgia governor's race").
    if (race === undefined && !states.length && cw.raceByUniqueOffice.has(o.office)) {
      // two words either side: "governor's race", "carrera para gobernador"
      const next = nextWord(f, o.end);
      const near = [prev, prev && previousWord(f, prev[0]), next, next && nextWord(f, next[1])];
      if (near.some((w) => w && f.clause[w[0]] === f.clause[o.start] && RACE_NOUNS.has(foldedString(f, w[0], w[1])))) race = cw.raceByUniqueOffice.get(o.office);
    }
    if (race === undefined) continue;
    const r = cw.races[race]!;
    out.push({ start: o.start, end: o.end, payload: { type: 'entity', kind: 'race', index: race, id: r.id, via: 'district', mode: 'word', bareOk: false, distinctive: false }, via: 'district' });
  }
}

/**
 * labels.md counts a misspelt name as a reference: a capitalised word of six letters or more, no
 * common word, one edit (insertion, deletion, substitution, swap) from exactly one distinctive surname
 * ("Bustamente" for Bustamante), accepted with the context rules of a surname.
 */
function fuzzySurnames(f: Folded, cw: CompiledWatchlist, entities: EntityHit[]): void {
  const { codes } = f;
  for (let start = 0; start < f.n; ) {
    // the next space of the folded string ends the word (indexOf: a native search, not a loop per character)
    let end = f.str.indexOf(' ', start);
    if (end < 0) end = f.n;
    if (end - start >= 6 && upperAt(f.text, f.origStart[start]!) && !overlapsAny(entities, start, end)) {
      const head = cw.fuzzySurnames.get(affixKey(codes[start]!, codes[start + 1]!, codes[start + 2]!, 0));
      const tail = cw.fuzzySurnames.get(affixKey(codes[end - 3]!, codes[end - 2]!, codes[end - 1]!, 1));
      const word = head || tail ? foldedString(f, start, end) : '';
      // A common word is never read as a misspelt name: asked first, it spares the comparisons with every
      // surname of the same affix ("November" against the "nov…" surnames: most of fuzzySurnames' time
      // in bench/classify-speed.ts).
      if (word && !commonWords().has(word)) {
        let found: EntityPayload | undefined;
        let ambiguous = false;
        for (const list of [head, tail]) {
          for (const { surname, payload } of list ?? []) {
            if (surname === word || !withinOneEdit(word, surname)) continue;
            if (found && found.id !== payload.id) ambiguous = true;
            found = payload;
          }
        }
        if (found && !ambiguous && acceptSurname(f, start, end, cw, found)) entities.push({ start, end, payload: found, via: f.hashtag[start] ? 'hashtag' : found.via });
      }
    }
    start = end + 1;
  }
}

/**
 * Whether a hit overlaps folded [start, end). (A function, not a closure in fuzzySurnames' loop: capturing
 * the loop's `let` variables gave every word of every post its own context object.)
 */
function overlapsAny(hits: readonly EntityHit[], start: number, end: number): boolean {
  for (const h of hits) if (h.start < end && start < h.end) return true;
  return false;
}

/** Optimal string alignment distance ≤ 1 (one insertion, deletion, substitution or adjacent swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return sameTail(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2));
  return a.length > b.length ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

/**
 * `a.slice(i) === b.slice(j)` without the two slices: a word with a common three-letter affix is
 * compared with dozens of surnames, and the slices were most of fuzzySurnames' allocations.
 */
function sameTail(a: string, i: number, b: string, j: number): boolean {
  const n = Math.max(0, a.length - i);
  if (n !== Math.max(0, b.length - j)) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** Original text of a folded range. */
export function originalText(f: Folded, start: number, end: number): string {
  return f.text.slice(f.origStart[start]!, f.origEnd[end - 1]!);
}

/**
 * Candidates, races and registry actors named in a text: by handle (with or without '@'), full
 * name, alias, surname in context, district phrase ("CA-35", "distrito 35 de California") or inside
 * a hashtag. Case and accent insensitive; whole words only; overlapping names resolve to the
 * longest.
 * @example matchEntities('DO NOT VOTE for @NormaJTorres', cw) // [{kind:'candidate', id:'c-torres', via:'handle', ...}]
 */
export function matchEntities(text: string, cw: CompiledWatchlist): EntityMatch[] {
  const { folded, entities } = scanText(text, cw);
  return entities.map((h) => ({
    kind: h.payload.kind,
    id: h.payload.id,
    start: folded.origStart[h.start]!,
    end: folded.origEnd[h.end - 1]!,
    text: originalText(folded, h.start, h.end),
    via: h.via,
  }));
}
