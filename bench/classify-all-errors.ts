/**
 * Every train and dev writer (never the blind ones): directive F1, target accuracy and the ids of the
 * directive and target errors, one line each, so two builds' error sets can be diffed.
 *   npx tsx bench/classify-all-errors.ts > a.txt
 */
import { loadCorpus } from '../src/analyze/classify/corpus.js';
import { evaluate } from '../src/analyze/classify/evaluate.js';
import { defaultModel } from '../src/analyze/classify/model.js';

const model = process.argv.includes('--rules-only') ? null : defaultModel();
for (const s of await loadCorpus(undefined, ['train', 'dev'])) {
  const r = evaluate(s.posts, s.cw, model);
  console.log(`${s.split} ${s.writer} ${(100 * r.directiveExact.f1).toFixed(1)} ${(100 * r.positiveTargetAccuracy).toFixed(1)} ${(100 * r.harassment.f1).toFixed(1)} ${(100 * r.threat.f1).toFixed(1)}`);
  for (const e of r.errors) if (e.field === 'directive' || e.field === 'targets') console.log(`E ${e.id} ${e.field} want ${JSON.stringify(e.want)} got ${JSON.stringify(e.got)} | ${e.text.replace(/\n/g, ' ').slice(0, 200)}`);
}
