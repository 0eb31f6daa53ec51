/**
 * Accuracy of `vigil leads` extraction on a labelled set of fictional articles, EN/ES/PT: lead
 * detection, allegation-level precision and recall (one item per article and kind; kinds predicted on
 * an article that should give no lead are false positives), registry-actor matching and race /
 * candidate matching (precision and recall over (article, id) pairs, and the share of articles whose
 * set is exactly right), and, where the labels have them, accusers, quoted posts (author handle) and
 * responses (kind, and speaker with kind).
 *
 * A set is a .jsonl file (watchlist bench/leads/watchlist.yaml unless --watch FILE) or a folder with
 * its own articles.jsonl and watchlist.yaml.
 *
 * Run: npx tsx bench/leads-accuracy.ts [bench/leads/heldout.jsonl | bench/leads/w2] [--watch FILE] [--verbose] [--trace]
 * (--trace: with --verbose, how each sentence of a wrong article was read: speaker, verb, mechanism;
 * --brief: one line per wrong article, the extra (+) and missing (-) items of each field).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileWatchlist } from '../src/analyze/match/compile.js';
import { extractLead, US_BODIES } from '../src/leads/extract.js';
import type { BackgroundFrame } from '../src/leads/frames.js';
import { readText } from '../src/leads/read.js';
import { foldHandle, foldText } from '../src/util/normalize.js';
import { loadWatchlist } from '../src/watch/load.js';

interface Item {
  id: string;
  lang: string;
  title: string;
  text: string;
  expect: {
    lead: boolean;
    allegations: string[];
    actor_ids: string[];
    race_ids: string[];
    candidate_ids: string[];
    accusers?: string[];
    quoted_posts?: { author_handle: string | null; date?: string | null }[];
    responses?: { speaker: string; kind: string }[];
  };
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const trace = args.includes('--trace');
/** One line per wrong article: what was extra (+) and missing (-) per field. */
const brief = args.includes('--brief');
const watchAt = args.indexOf('--watch');
/** --frames: per background frame, the kinds and registry actors its sentences add, right or wrong against the labels. */
const framesTally = args.includes('--frames');
/** --defer F,G: MEASUREMENT, sentences of these background frames count only when the news gives no kind. */
const deferAt = args.indexOf('--defer');
const defer = deferAt >= 0 ? new Set(args[deferAt + 1]!.split(',') as BackgroundFrame[]) : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (watchAt < 0 || i !== watchAt + 1) && (deferAt < 0 || i !== deferAt + 1));
const target = positional[0] ?? 'bench/leads/set.jsonl';
const isDir = existsSync(target) && statSync(target).isDirectory();
const setFile = isDir ? join(target, 'articles.jsonl') : target;
const watchFile = watchAt >= 0 ? args[watchAt + 1]! : isDir ? join(target, 'watchlist.yaml') : 'bench/leads/watchlist.yaml';
const set = readFileSync(setFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Item);
const cw = compileWatchlist(await loadWatchlist(watchFile));

type Counts = { tp: number; fp: number; fn: number; exact: number; n: number };
const counts = (): Counts => ({ tp: 0, fp: 0, fn: 0, exact: 0, n: 0 });
const c = {
  lead: counts(), allegations: counts(), actors: counts(), races: counts(), candidates: counts(),
  accusers: counts(), quote_author: counts(), response_kind: counts(), response: counts(),
};
const shown = new Set<keyof typeof c>(['lead', 'allegations', 'actors', 'races', 'candidates']);

/** Precision/recall over lists: each wanted item pairs with at most one got item it is `same` as. */
function score<T>(k: Counts, got: T[], want: T[], same: (g: T, w: T) => boolean = (g, w) => g === w): void {
  const free = [...got];
  let tp = 0;
  for (const w of want) {
    const i = free.findIndex((g) => same(g, w));
    if (i >= 0) {
      free.splice(i, 1);
      tp++;
    }
  }
  k.tp += tp;
  k.fp += free.length;
  k.fn += want.length - tp;
  k.n++;
  if (!free.length && tp === want.length) k.exact++;
}
const uniq = (xs: string[]) => [...new Set(xs)];
/**
 * US bodies as Spanish and Portuguese copy names them, by their English names: the extractor names a
 * responder in English ("State Department"), a writer labels it in the article's words ("el Departamento
 * de Estado de EE UU"); both are the same body. The extractor's own table (`US_BODIES`), after the
 * article and country words a label may carry. Likewise a registry actor by any of its names.
 */
const canonical = (name: string): string => {
  const bare = name.replace(/^(?:el|la|o|a) /, '').replace(/ de (?:ee uu|eeuu|estados unidos|eua)$/, '').replace(/ \(?fec\)?$/, '');
  const us = US_BODIES.find(([re]) => re.test(bare));
  return us ? foldText(us[1]) : name;
};
/** A registry actor's names: the extractor names a responder by its registry name, a writer by the alias the article uses ("TVT"). */
const actorOfName = new Map<string, string>();
for (const a of cw.actors) for (const n of [a.name, ...a.aliases]) actorOfName.set(foldText(n).replace(/^(?:the|el|la|o|a) /, ''), a.id);
const actorOf = (name: string) => actorOfName.get(name.replace(/^(?:the|el|la|o|a) /, ''));
/**
 * Names as labelled by someone else: the same when one holds the other's words ("Inés Quiroga" ⊂
 * "Ambassador Inés Quiroga"), or when both are names of one registry actor.
 */
function sameName(g: string, w: string): boolean {
  const a = ` ${canonical(foldText(g))} `;
  const b = ` ${canonical(foldText(w))} `;
  if (a.trim() === '' || b.trim() === '') return false;
  const ga = actorOf(a.trim());
  return a.includes(b) || b.includes(a) || (ga !== undefined && ga === actorOf(b.trim()));
}

const tally: Record<string, { kindRight: number; kindWrong: number; actorRight: number; actorWrong: number }> = {};
for (const item of set) {
  const article = readText(`Title: ${item.title}\n\n${item.text}\n`, `${setFile}#${item.id}`);
  const read: string[] = [];
  const added: { frames: string[]; kinds: string[]; accused: string[] }[] = [];
  const out = extractLead(article, cw, {
    defer,
    trace: (t) => {
      if (trace) read.push(`  ${t.read ?? '-'}${t.frames.length ? ` {${t.frames.join(',')}}` : ''} [${t.type ?? ''}: ${t.speaker.slice(0, 40)} | ${t.verb ?? ''}] ${t.text.slice(0, 140)}`);
      added.push(t);
    },
  });
  if (framesTally) {
    for (const t of added) {
      for (const f of t.frames.length ? t.frames : ['(news)']) {
        const k = (tally[f] ??= { kindRight: 0, kindWrong: 0, actorRight: 0, actorWrong: 0 });
        for (const x of t.kinds) item.expect.allegations.includes(x) ? k.kindRight++ : k.kindWrong++;
        for (const x of t.accused) if (!x.startsWith('?')) item.expect.actor_ids.includes(x) ? k.actorRight++ : k.actorWrong++;
      }
    }
  }
  const lead = 'lead' in out ? out.lead : null;
  const e = item.expect;
  score(c.lead, lead ? ['lead'] : [], e.lead ? ['lead'] : []);
  const got = {
    allegations: lead?.allegations ?? [],
    actors: lead ? uniq(lead.accused.filter((a) => a.actor_id).map((a) => a.actor_id!)) : [],
    races: lead?.race_ids ?? [],
    candidates: lead?.candidate_ids ?? [],
    accusers: lead?.accusers ?? [],
    quoted: (lead?.quoted_posts ?? []).map((q) => (q.author_handle ? foldHandle(q.author_handle) : '-')),
    responses: (lead?.responses ?? []).map((r) => ({ speaker: r.speaker, kind: r.kind as string })),
  };
  score(c.allegations, uniq(got.allegations), uniq(e.allegations));
  // Matching is measured on the articles that should give a lead (elsewhere it is the lead figure).
  if (e.lead) {
    score(c.actors, got.actors, uniq(e.actor_ids));
    score(c.races, uniq(got.races), uniq(e.race_ids));
    score(c.candidates, uniq(got.candidates), uniq(e.candidate_ids));
  }
  if (e.accusers) {
    shown.add('accusers');
    score(c.accusers, got.accusers, e.accusers, sameName);
  }
  if (e.quoted_posts) {
    shown.add('quote_author');
    score(c.quote_author, got.quoted, e.quoted_posts.map((q) => (q.author_handle ? foldHandle(q.author_handle) : '-')));
  }
  if (e.responses) {
    shown.add('response_kind').add('response');
    score(c.response_kind, got.responses.map((r) => r.kind), e.responses.map((r) => r.kind));
    score(c.response, got.responses, e.responses, (g, w) => g.kind === w.kind && sameName(g.speaker, w.speaker));
  }
  const sorted = (xs: string[]) => uniq(xs).sort();
  const wrong =
    JSON.stringify([sorted(got.allegations), sorted(got.actors), sorted(got.races), sorted(got.candidates), !!lead]) !==
    JSON.stringify([sorted(e.allegations), sorted(e.actor_ids), sorted(e.race_ids), sorted(e.candidate_ids), e.lead]);
  if (brief && wrong) {
    const diff = (g: string[], w: string[]) => [...uniq(g).filter((x) => !w.includes(x)).map((x) => `+${x}`), ...uniq(w).filter((x) => !g.includes(x)).map((x) => `-${x}`)].join(' ');
    const fields: [string, string[], string[]][] = [['allegations', got.allegations, e.allegations], ['actors', got.actors, e.actor_ids], ['races', got.races, e.race_ids], ['candidates', got.candidates, e.candidate_ids]];
    console.log(`${item.id} ${item.lang}${!!lead !== e.lead ? ` lead ${e.lead ? `missed (${'none' in out ? out.none.reason : ''})` : 'extra'}` : ''} ${fields.map(([n, g, w]) => [n, diff(g, e.lead ? w : [])] as const).filter(([, d]) => d).map(([n, d]) => `${n}: ${d}`).join('; ')}`);
  }
  if (verbose && wrong) console.log(item.id, item.lang, { got: { lead: !!lead, ...got, responses: undefined, quoted: undefined }, want: { ...e, responses: undefined, quoted_posts: undefined }, ...('none' in out ? { none: out.none.reason } : {}) });
  if (verbose && wrong && trace) console.log(read.join('\n'));
  if (verbose && lead && (e.accusers || e.quoted_posts || e.responses)) {
    const detail = { accusers: [got.accusers, e.accusers], quoted: [got.quoted, e.quoted_posts?.map((q) => q.author_handle)], responses: [got.responses.map((r) => `${r.speaker}: ${r.kind}`), e.responses?.map((r) => `${r.speaker}: ${r.kind}`)] };
    console.log(item.id, 'detail [got, want]', JSON.stringify(detail));
  }
}

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : 'n/a');
console.log(`leads bench: ${setFile} (watchlist ${watchFile}), ${set.length} fictional articles (${['en', 'es', 'pt'].map((l) => `${set.filter((i) => i.lang === l).length} ${l}`).join(', ')})`);
for (const [name, k] of Object.entries(c)) {
  if (!shown.has(name as keyof typeof c)) continue;
  const p = k.tp / (k.tp + k.fp);
  const r = k.tp / (k.tp + k.fn);
  console.log(`${name.padEnd(14)} precision ${pct(p)}  recall ${pct(r)}  F1 ${pct((2 * p * r) / (p + r))}  exact per article ${pct(k.exact / k.n)} (${k.exact}/${k.n})  tp ${k.tp} fp ${k.fp} fn ${k.fn}`);
}
if (framesTally) for (const [f, k] of Object.entries(tally)) console.log(`frame ${f}: kinds right ${k.kindRight} wrong ${k.kindWrong}; actors right ${k.actorRight} wrong ${k.actorWrong}`);
