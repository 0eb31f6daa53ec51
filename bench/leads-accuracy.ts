/**
 * Accuracy of `vigil leads` extraction on a labelled set of fictional articles (bench/leads/set.jsonl,
 * watchlist bench/leads/watchlist.yaml), EN/ES/PT: lead detection, allegation-level precision and
 * recall (one item per article and kind; kinds predicted on an article that should give no lead are
 * false positives), registry-actor matching and race / candidate matching (precision and recall over
 * (article, id) pairs, and the share of articles whose set is exactly right).
 *
 * Run: npx tsx bench/leads-accuracy.ts [bench/leads/heldout.jsonl] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { compileWatchlist } from '../src/analyze/match/compile.js';
import { extractLead } from '../src/leads/extract.js';
import { readText } from '../src/leads/read.js';
import { loadWatchlist } from '../src/watch/load.js';

interface Item {
  id: string;
  lang: string;
  title: string;
  text: string;
  expect: { lead: boolean; allegations: string[]; actor_ids: string[]; race_ids: string[]; candidate_ids: string[] };
}

const verbose = process.argv.includes('--verbose');
const setFile = process.argv.find((a) => a.endsWith('.jsonl')) ?? 'bench/leads/set.jsonl';
const set = readFileSync(setFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Item);
const cw = compileWatchlist(await loadWatchlist('bench/leads/watchlist.yaml'));

type Counts = { tp: number; fp: number; fn: number; exact: number; n: number };
const counts = (): Counts => ({ tp: 0, fp: 0, fn: 0, exact: 0, n: 0 });
const c = { lead: counts(), allegations: counts(), actors: counts(), races: counts(), candidates: counts() };
function score(k: Counts, got: string[], want: string[]): void {
  const g = new Set(got);
  const w = new Set(want);
  for (const x of g) (w.has(x) ? k.tp++ : k.fp++);
  for (const x of w) if (!g.has(x)) k.fn++;
  k.n++;
  if (g.size === w.size && [...g].every((x) => w.has(x))) k.exact++;
}

for (const item of set) {
  const article = readText(`Title: ${item.title}\n\n${item.text}\n`, `bench/leads/set.jsonl#${item.id}`);
  const out = extractLead(article, cw);
  const lead = 'lead' in out ? out.lead : null;
  score(c.lead, lead ? ['lead'] : [], item.expect.lead ? ['lead'] : []);
  const got = {
    allegations: lead?.allegations ?? [],
    actors: lead ? [...new Set(lead.accused.filter((a) => a.actor_id).map((a) => a.actor_id!))] : [],
    races: lead?.race_ids ?? [],
    candidates: lead?.candidate_ids ?? [],
  };
  score(c.allegations, got.allegations, item.expect.allegations);
  // Matching is measured on the articles that should give a lead (elsewhere it is the lead figure).
  if (item.expect.lead) {
    score(c.actors, got.actors, item.expect.actor_ids);
    score(c.races, got.races, item.expect.race_ids);
    score(c.candidates, got.candidates, item.expect.candidate_ids);
  }
  const wrong = JSON.stringify([got.allegations.slice().sort(), got.actors.sort(), got.races.slice().sort(), got.candidates.slice().sort(), !!lead]) !==
    JSON.stringify([item.expect.allegations, item.expect.actor_ids, item.expect.race_ids, item.expect.candidate_ids, item.expect.lead]);
  if (verbose && wrong) console.log(item.id, item.lang, { got: { lead: !!lead, ...got }, want: item.expect, ...('none' in out ? { none: out.none.reason } : {}) });
}

const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : 'n/a');
console.log(`leads bench: ${setFile}, ${set.length} fictional articles (${['en', 'es', 'pt'].map((l) => `${set.filter((i) => i.lang === l).length} ${l}`).join(', ')})`);
for (const [name, k] of Object.entries(c)) {
  const p = k.tp / (k.tp + k.fp);
  const r = k.tp / (k.tp + k.fn);
  console.log(`${name.padEnd(12)} precision ${pct(p)}  recall ${pct(r)}  F1 ${pct((2 * p * r) / (p + r))}  exact per article ${pct(k.exact / k.n)} (${k.exact}/${k.n})`);
}
