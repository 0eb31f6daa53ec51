/**
 * The classifier on the lead's blind hold-out set (test/fixtures/lead-holdout): posts written without
 * looking at the rules, about other fictional races and actors, and given WITHOUT a language tag, as
 * an outside evaluator would. Prints the same figures as bench/classify-accuracy.ts.
 *
 *   npx tsx bench/classify-blind.ts [--errors]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWatchlist } from '../src/analyze/match/compile.js';
import { evaluate, type LabeledPost, type Prf } from '../src/analyze/classify/evaluate.js';
import { loadWatchlist } from '../src/watch/load.js';

const dir = fileURLToPath(new URL('../test/fixtures/lead-holdout/', import.meta.url));
const cw = compileWatchlist(await loadWatchlist(`${dir}watchlist.yaml`));
type Line = { id: string; author_handle: string; text: string; label: { directive: LabeledPost['directive']; target_candidate_ids: string[]; harassment: boolean; threat: boolean; actor_id: string | null } };
const posts: LabeledPost[] = readFileSync(`${dir}posts.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Line)
  .map((p) => ({
    id: p.id,
    lang: '',
    author: p.author_handle,
    text: p.text,
    directive: p.label.directive,
    targets: p.label.directive ? p.label.target_candidate_ids : [],
    harassment: p.label.harassment,
    threat: p.label.threat,
    actor: p.label.actor_id,
  }));
const r = evaluate(posts, cw);
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const row = (name: string, m: Prf) => `  ${name.padEnd(18)} P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}   (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
console.log(`lead blind hold-out: ${r.posts} posts, no language tags`);
console.log(row('directive (any)', r.directiveAny));
console.log(row('directive (type)', r.directiveExact));
console.log(`  target accuracy    ${pct(r.targetAccuracy)} over ${r.targetPairs} directive posts`);
console.log(row('harassment', r.harassment));
console.log(row('threat', r.threat));
console.log(`  actor accuracy     ${pct(r.actorAccuracy)}`);
if (process.argv.includes('--errors')) for (const e of r.errors) console.log(`  ${e.id} ${e.field}: want ${JSON.stringify(e.want)} got ${JSON.stringify(e.got)} — ${e.text}`);
