/**
 * The classifier on ../shared/data/abuse-dev (real texts from research datasets, see its README): harassment
 * and threat precision/recall/F1 per source and language, next to a keyword baseline (any word of the
 * bundled profanity/slur lexicon, the kind of list a newsroom would start from). A bench, never a test:
 * the texts are third-party and stay outside the repository.
 *
 *   npx tsx bench/classify-realworld.ts [--errors N] [--source NAME] [--half odd|even]
 *
 * --half: only the texts whose id number is odd (or even); with a model whose thresholds were chosen on the
 * other half (scripts/train-classifier.ts --abuse-dev-half), a real-world figure nothing was chosen on.
 *
 * --labels-md DIR: score against labels.md instead of the datasets' own labels: DIR holds one JSONL file per
 * independent annotator (`id, harassment, threat`, ids only, no text), who labelled a sample of these texts by
 * labels.md alone; only the texts every annotator labelled alike are scored. Also prints the annotators'
 * agreement and how the datasets' labels themselves score against labels.md (what a perfect labels.md
 * classifier would score against the datasets' labels, read backwards).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyPost } from '../src/analyze/classify/classify.js';
import { idHalf } from '../src/analyze/classify/corpus.js';
import { keywordBaseline } from '../src/analyze/classify/lexicon.js';
import { compileWatchlist } from '../src/analyze/match/compile.js';
import { loadWatchlist } from '../src/watch/load.js';

const dir = fileURLToPath(new URL('../../shared/data/abuse-dev/', import.meta.url));
if (!existsSync(`${dir}posts.jsonl`)) {
  console.log(`abuse-dev not found at ${dir}: nothing to measure`);
  process.exit(0);
}
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const showErrors = Number(arg('--errors') ?? 0);
const onlySource = arg('--source');
const half = arg('--half');

/** With --labels-md: the datasets' own harassment label of each relabelled text. */
const sourceLabels = new Map<string, boolean>();
interface Gold { id: string; lang: string; source: string; gold_harassment: boolean; gold_threat: boolean | null }
interface Input { id: string; platform: string; author_handle: string; created_at: string; text: string }
const gold = new Map<string, Gold>();
for (const l of readFileSync(`${dir}posts.jsonl`, 'utf8').split('\n')) if (l.trim()) { const g = JSON.parse(l) as Gold; gold.set(g.id, g); }
const inputs: Input[] = readFileSync(`${dir}inputs.jsonl`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Input);
const cw = compileWatchlist(await loadWatchlist(`${dir}watch.json`));
const labelsDir = arg('--labels-md');
if (labelsDir) {
  const files = readdirSync(labelsDir).filter((f) => f.endsWith('.jsonl')).sort();
  if (files.length < 1) throw new Error(`--labels-md ${labelsDir}: no .jsonl annotator files`);
  const byAnnotator = files.map((f) => new Map(readFileSync(`${labelsDir}/${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => { const x = JSON.parse(l) as { id: string; harassment: boolean; threat: boolean }; return [x.id, x] as const; })));
  let both = 0, agreeH = 0;
  for (const [id, first] of byAnnotator[0]!) {
    const g = gold.get(id);
    const all = byAnnotator.map((m) => m.get(id));
    if (!g || all.some((x) => !x)) continue;
    both++;
    const agrees = all.every((x) => x!.harassment === first.harassment && x!.threat === first.threat);
    if (all.every((x) => x!.harassment === first.harassment)) agreeH++;
    if (!agrees) continue;
    sourceLabels.set(id, g.gold_harassment);
    gold.set(id, { ...g, gold_harassment: first.harassment, gold_threat: first.threat });
  }
  for (const id of [...gold.keys()]) if (!sourceLabels.has(id)) gold.delete(id);
  console.log(`labels.md relabels (${files.join(', ')}): ${both} texts labelled by all, harassment agreement ${((100 * agreeH) / Math.max(1, both)).toFixed(1)} %, ${gold.size} scored (all labels alike)`);
}

type Counts = { tp: number; fp: number; fn: number };
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const tally = (c: Counts, want: boolean, got: boolean) => { if (want && got) c.tp++; else if (got) c.fp++; else if (want) c.fn++; };
const f1 = (c: Counts) => { const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1; const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1; return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 }; };
const groups = new Map<string, { n: number; h: Counts; t: Counts; kh: Counts; kt: Counts; sh: Counts }>();
const errors: string[] = [];
const REAL = (s: string) => s !== 'HateCheck' && s !== 'MHC';
for (const p of inputs) {
  const g = gold.get(p.id);
  if (!g || (onlySource && g.source !== onlySource) || (half && idHalf(g.id) !== half)) continue;
  const got = classifyPost({ id: p.id, platform: p.platform, authorHandle: p.author_handle, text: p.text, hashtags: [], mentions: [] }, cw);
  const kw = keywordBaseline(p.text);
  for (const key of [`${g.source} (${g.lang})`, REAL(g.source) ? 'all real-world sources' : 'all functional tests', 'all']) {
    let e = groups.get(key);
    if (!e) groups.set(key, (e = { n: 0, h: zero(), t: zero(), kh: zero(), kt: zero(), sh: zero() }));
    e.n++;
    tally(e.h, g.gold_harassment, got.harassment);
    tally(e.kh, g.gold_harassment, kw.harassment);
    if (sourceLabels.has(g.id)) tally(e.sh, g.gold_harassment, sourceLabels.get(g.id)!);
    if (g.gold_threat !== null) { tally(e.t, g.gold_threat, got.threat); tally(e.kt, g.gold_threat, kw.threat); }
  }
  if (errors.length < showErrors && (g.gold_harassment !== got.harassment || (g.gold_threat !== null && g.gold_threat !== got.threat)))
    errors.push(`${g.id} ${g.source} want h=${g.gold_harassment} t=${g.gold_threat} got h=${got.harassment} t=${got.threat} | ${p.text.slice(0, 220).replace(/\s+/g, ' ')}`);
}
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const fmt = (c: Counts) => { const m = f1(c); return `P ${pct(m.p)} R ${pct(m.r)} F1 ${pct(m.f)}`; };
console.log('abuse-dev (HateBR, HatEval 2019, OLID, ETHOS, HateCheck, Multilingual HateCheck; see its README for citations)');
console.log(`${'group'.padEnd(28)} ${'n'.padStart(5)}  harassment (Vigil)          keyword list                 | threat (Vigil)               keyword list`);
for (const [k, e] of [...groups].sort()) console.log(`${k.padEnd(28)} ${String(e.n).padStart(5)}  ${fmt(e.h)}  ${fmt(e.kh)} | ${e.t.tp + e.t.fn + e.t.fp ? fmt(e.t) : '—'.padEnd(28)}  ${e.kt.tp + e.kt.fn + e.kt.fp ? fmt(e.kt) : '—'}`);
if (labelsDir) for (const [k, e] of [...groups].sort()) console.log(`${k.padEnd(28)} the datasets' own harassment labels against labels.md: ${fmt(e.sh)}`);
for (const e of errors) console.log(e);
