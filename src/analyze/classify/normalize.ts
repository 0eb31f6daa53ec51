/**
 * Undo masking and play before matching: abusive posts are written to dodge keyword filters
 * ("p3rra", "b!tch", "f*ck", "b i t c h", "puuuuta", "vaca 🐄"). Each rewrite is kept only when it
 * reveals a word the classifier knows (a lexicon or rule word), so ordinary tokens ("4th", "COVID19",
 * "siiii") stay as written. Every rewrite is reported, so an explanation can say what was read.
 *
 * Steps, in order, per whitespace-separated token (handles, hashtags and URLs are left alone):
 * 1. letters spaced or dotted one by one ("b i t c h", "p.u.t.a") are joined;
 * 2. leet digits and symbols inside a word are read as letters (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a,
 *    $→s, !→i, |→l, +→t); `*`, `#`, `_`, `-` and `.` inside a word are wildcards for one letter, resolved
 *    against known words of the same shape (one match only), else dropped;
 * 3. runs of three or more equal letters are shortened to one or two;
 * 4. emoji used as words (animals of dehumanising comparisons, weapons, death) get the word next to them.
 */

/** Longest text normalised (UTF-16 units); fold.ts cuts at the same length. */
const MAX_TEXT = 20_000;

/** Cyrillic and Greek letters that look like Latin ones (Unicode confusables, the common subset). */
const CONFUSABLE: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', к: 'k', м: 'm', т: 't', н: 'h', в: 'b', г: 'r', ы: 'bl',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', І: 'I',
  α: 'a', ο: 'o', ρ: 'p', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', Α: 'A', Β: 'B', Ε: 'E', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X',
};
const CONFUSABLE_TEST = new RegExp(`[${Object.keys(CONFUSABLE).join('')}]`, 'u');
const CONFUSABLE_ALL = new RegExp(`[${Object.keys(CONFUSABLE).join('')}]`, 'gu');

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't', '€': 'e' };
const WILDCARD = /[*#_.\-•·]/;
/** A token worth a closer look: a mask between letters, or a letter run of three. */
const TOKEN_SUSPECT = /\p{L}[0-9@$!|+€*#_.\-•·]+\p{L}|\p{L}[0-9@$!|+€*]|(\p{L})\1\1/u;
const MASKABLE = /[0-9@$!|+€*#_.\-•·]/;

/**
 * Emoji read as words. English words only: the lexicon is matched across languages, so "vaca 🐄"
 * reads "vaca cow" and either word can carry the comparison.
 */
const EMOJI_WORDS: Record<string, string> = {
  '🐀': 'rat', '🐁': 'rat', '🐭': 'rat', '🐷': 'pig', '🐖': 'pig', '🐽': 'pig', '🐄': 'cow', '🐮': 'cow', '🐍': 'snake', '🪳': 'cockroach',
  '🐒': 'monkey', '🐵': 'monkey', '🦍': 'ape', '🐕': 'dog', '🐶': 'dog', '🐩': 'dog', '🐛': 'worm', '🪱': 'worm', '🦠': 'virus', '🐑': 'sheep',
  '🗑': 'trash', '🗑️': 'trash', '💩': 'shit', '🤡': 'clown', '🐴': 'donkey', '🫏': 'donkey', '🦨': 'skunk', '🦟': 'parasite', '🐗': 'pig',
  '🔪': 'knife', '🗡': 'knife', '🗡️': 'knife', '🔫': 'gun', '💣': 'bomb', '🪓': 'axe', '⚰': 'coffin', '⚰️': 'coffin', '🪦': 'grave',
  '💀': 'skull', '☠': 'skull', '☠️': 'skull', '🪢': 'rope', '🩸': 'blood', '🧨': 'bomb', '🎯': 'target', '🏹': 'arrow',
  // emoji ballots ("✅ Lima ❌ Ramos", "🗳️✅ Lima"): labels.md counts them as calls
  '✅': 'yes', '✔️': 'yes', '✔': 'yes', '☑️': 'yes', '☑': 'yes', '👍': 'yes', '❌': 'no', '✖️': 'no', '✖': 'no', '🚫': 'no', '👎': 'no', '⛔': 'no', '🗳️': 'vote', '🗳': 'vote',
};
const EMOJI_RE = new RegExp(`(${Object.keys(EMOJI_WORDS).sort((a, b) => b.length - a.length).join('|')})`, 'gu');

export interface Normalized {
  text: string;
  /** What was rewritten, as written → as read (for explanations). */
  rewrites: { from: string; to: string }[];
}

/**
 * Known words by length, for wildcard resolution. Built once from the words the caller knows.
 * @example const known = knownWords(['perra', 'puta']); normalizeForMatching('p*ta', known).text // 'puta'
 */
export interface KnownWords {
  has(word: string): boolean;
  /** The single known word matching a pattern where `null` letters are unknown, or undefined. */
  resolve(letters: (string | null)[]): string | undefined;
}

/**
 * `rank` orders the words a wildcard may stand for when several fit: a word is masked because it is
 * profane, so "sl*t" is read as the slur, not "slit", and "c**t" as the worst word of its shape. Words
 * ranked 0 break no tie.
 */
export function knownWords(words: Iterable<string>, rank: (word: string) => number = () => 0): KnownWords {
  const set = new Set<string>();
  const byLength = new Map<number, string[]>();
  for (const w of words) {
    if (!/^[a-zñçãõáéíóúâêôàü]{3,}$/.test(w) || set.has(w)) continue;
    set.add(w);
    let list = byLength.get(w.length);
    if (!list) byLength.set(w.length, (list = []));
    list.push(w);
  }
  return {
    has: (w) => set.has(w),
    resolve(letters) {
      let found: string | undefined;
      let best = 0;
      let tied = false;
      for (const w of byLength.get(letters.length) ?? []) {
        let ok = true;
        for (let i = 0; i < letters.length && ok; i++) if (letters[i] !== null && letters[i] !== w[i]) ok = false;
        if (!ok) continue;
        const r = rank(w);
        if (found === undefined || r > best) [found, best, tied] = [w, r, false];
        else if (r === best) tied = true;
      }
      // Ambiguous (two words of the same rank fit): leave it to the n-gram model.
      return tied ? undefined : found;
    },
  };
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Shorten runs of ≥3 equal letters to two, then one, keeping the first form that is a known word. */
function unrepeat(word: string, known: KnownWords): string | undefined {
  if (!/(\p{L})\1\1/u.test(word)) return undefined;
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (known.has(fold(two))) return two;
  const one = word.replace(/(\p{L})\1+/gu, '$1');
  if (known.has(fold(one))) return one;
  // Mixed: keep doubles that were doubles ("puuuuttaaa" → "puta" is covered above; "fuuuuck" → "fuck")
  const runsOnly = word.replace(/(\p{L})\1{2,}/gu, '$1');
  return known.has(fold(runsOnly)) ? runsOnly : undefined;
}

/** A token with masking inside letters ("p3rra", "b!tch", "f*ck", "c@ralho"), read as a known word. */
function unmask(token: string, known: KnownWords): string | undefined {
  // Keep leading/trailing punctuation apart: "b!tch!!" → core "b!tch"
  const m = /^([^\p{L}\p{N}]*)(.*?)([.,;:!?¡¿"')\]]*)$/u.exec(token);
  if (!m) return undefined;
  const [, lead, core, tail] = m as unknown as [string, string, string, string];
  if (core.length < 3 || core.length > 30 || !MASKABLE.test(core) || !/\p{L}/u.test(core)) return undefined;
  if (/^\d+(st|nd|rd|th|º|ª|o|a)?$/i.test(core)) return undefined;
  const letters: (string | null)[] = [];
  let masks = 0;
  for (const ch of fold(core)) {
    if (/\p{L}/u.test(ch)) letters.push(ch);
    else if (LEET[ch] !== undefined) {
      letters.push(LEET[ch]!);
      masks++;
    } else if (WILDCARD.test(ch)) {
      letters.push(null);
      masks++;
    } else return undefined;
  }
  if (!masks || letters.filter((l) => l !== null).length < 2) return undefined;
  const collapse = (ls: (string | null)[]) => ls.join('');
  if (!letters.includes(null)) {
    const w = collapse(letters);
    const r = known.has(w) ? w : unrepeat(w, known);
    return r ? `${lead}${r}${tail}` : undefined;
  }
  // Wildcards: one letter each ("f*ck"), or a run standing for any letters ("p***a" has the length of "puta"+1)
  const exact = known.resolve(letters);
  if (exact) return `${lead}${exact}${tail}`;
  const dropped = letters.filter((l) => l !== null).join('');
  return known.has(dropped) ? `${lead}${dropped}${tail}` : undefined;
}

function unmaskParts(token: string, known: KnownWords): string | undefined {
  const parts = token.split('-');
  const read = parts.map((p) => (p.length >= 3 ? (unmask(p, known) ?? p) : p));
  return read.some((r, i) => r !== parts[i]) ? read.join(' ') : undefined;
}

/**
 * Normalise a post's text for matching.
 * @example normalizeForMatching('@Rep she is a p3rra 🐄', known).text // '@Rep she is a perra 🐄 cow'
 */
/**
 * A cheap test for anything the normaliser could rewrite: a mask character between letters, a letter
 * run of three, single letters spaced out, or an emoji. Most posts have none and return at once.
 */
/** Latin letters (ASCII and Latin-1/Extended-A/B; the classifier's languages). */
function isLetter(c: number): boolean {
  const l = c | 32;
  return (l >= 97 && l <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
const isMask = (c: number) => (c >= 48 && c <= 57) || c === 64 || c === 36 || c === 33 || c === 124 || c === 43 || c === 42 || c === 0x20ac;
const isSep = (c: number) => c === 32 || c === 46 || c === 45 || c === 95 || c === 42;

/** `suspect`'s character classes, as bits, for code units below U+0370 (anything above is suspect at once). */
const LETTER = 1, MASK = 2, SEP = 4;
const CLASS = new Uint8Array(0x370);
for (let c = 0; c < CLASS.length; c++) CLASS[c] = (isLetter(c) ? LETTER : 0) | (isMask(c) ? MASK : 0) | (isSep(c) ? SEP : 0);
/** Class bits of s[i]; 0 past the end (no letter, mask or separator there). */
function classAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  return c < 0x370 ? CLASS[c]! : c === 0x20ac ? MASK : 0;
}

/**
 * A cheap scan for anything the normaliser could rewrite: a mask character between letters or ending a
 * word ("p3rra", "put@"), a letter run of three, single letters spaced out, or any character past Latin
 * (emoji, Greek, Cyrillic: the full pass decides). Most posts have none and return at once. (A hand-written
 * scan over a class table: the equivalent Unicode regex cost 4% of classification, and calling the
 * predicates above per character, with charCodeAt past the end giving NaN, cost 10%: bench/classify-speed.ts.)
 */
function suspect(s: string): boolean {
  const n = s.length;
  // One read per character: the next one is read ahead and carried over, the class of the previous
  // one is kept (three charCodeAt per character cost as much as the fold).
  let c = n ? s.charCodeAt(0) : 0;
  let prevLetter = false;
  for (let i = 0; i < n; i++) {
    if (c >= 0x370) return true;
    const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
    const letter = (CLASS[c]! & LETTER) !== 0;
    if (letter) {
      const d = next < 0 ? 0 : next < 0x370 ? CLASS[next]! : next === 0x20ac ? MASK : 0;
      if (d & MASK) {
        let k = i + 1;
        let digitsOnly = true;
        while (classAt(s, k) & MASK) if (s.charCodeAt(k++) > 57) digitsOnly = false;
        const e = classAt(s, k);
        if (e & LETTER || (!digitsOnly && (k >= n || s.charCodeAt(k) < 0x80) && !(e & MASK))) return true;
      }
      if (next === c && i + 2 < n && s.charCodeAt(i + 2) === c) return true;
      if (d & SEP && !prevLetter && classAt(s, i + 2) & LETTER && classAt(s, i + 3) & SEP && classAt(s, i + 4) & LETTER && !(classAt(s, i + 5) & LETTER)) return true;
    }
    prevLetter = letter;
    c = next;
  }
  return false;
}

export function normalizeForMatching(input: string, known: KnownWords): Normalized {
  const text0 = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const rewrites: Normalized['rewrites'] = [];
  if (!suspect(text0)) return { text: text0, rewrites };
  // 1. letters spaced out one by one: "b i t c h", "p.u.t.a", "f-u-c-k"
  let text = text0.replace(/(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*]){2,}\p{L}(?![\p{L}\p{N}])/gu, (run) => {
    const joined = run.replace(/[ .\-_*]/g, '');
    if (known.has(fold(joined)) || unrepeat(joined, known) !== undefined) {
      rewrites.push({ from: run, to: joined });
      return joined;
    }
    // "a b i t c h", "'s a f a g": one or two one-letter words (an article, a clitic) may run into the spaced word
    for (const skip of [1, 2]) {
      const rest = joined.slice(skip);
      if (rest.length >= 3 && (known.has(fold(rest)) || unrepeat(rest, known) !== undefined)) {
        rewrites.push({ from: run.slice(2 * skip), to: rest });
        return `${run.slice(0, 2 * skip)}${rest}`;
      }
    }
    return run;
  });
  // 1b. Cyrillic and Greek look-alikes inside Latin words ("bіtch", "сunt"): read as the Latin letter
  if (CONFUSABLE_TEST.test(text)) {
    text = text.replace(/[^\s]+/gu, (token) => {
      if (!/[A-Za-z]/.test(token) || !CONFUSABLE_TEST.test(token)) return token;
      const read = token.replace(CONFUSABLE_ALL, (ch) => CONFUSABLE[ch]!);
      rewrites.push({ from: token, to: read });
      return read;
    });
  }
  // 2–3. tokens with masks or stretched letters
  text = text.replace(/[^\s]+/gu, (token) => {
    if (token.length > 40 || !TOKEN_SUSPECT.test(token) || /^[@#]|^https?:|www\./i.test(token)) return token;
    // "limp-d*ck": a hyphen joins words; each part is read on its own when the whole is not a word
    const read = unmask(token, known) ?? unrepeat(token, known) ?? (token.includes('-') ? unmaskParts(token, known) : undefined);
    if (!read || read === token) return token;
    rewrites.push({ from: token, to: read });
    return read;
  });
  // 4. emoji as words
  if (EMOJI_RE.test(text)) {
    EMOJI_RE.lastIndex = 0;
    text = text.replace(EMOJI_RE, (e) => {
      rewrites.push({ from: e, to: EMOJI_WORDS[e]! });
      return `${e} ${EMOJI_WORDS[e]} `;
    });
  }
  EMOJI_RE.lastIndex = 0;
  return { text, rewrites };
}
