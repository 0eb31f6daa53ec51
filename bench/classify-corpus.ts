/**
 * The classifier on the project's corpus (test/fixtures/corpus), per split, writer and language:
 * precision, recall and F1 per label, and target accuracy as labels.md defines it (over every post
 * positive in the gold). The train writers show fit, the dev writer shows what thresholds were chosen
 * on, the blind writer is the honest figure: nothing is tuned on it.
 *
 * `--joined`: each set's posts joined to off-topic posts of the other writers of its split, as training
 * joins them (training.ts joinedPosts, seeds 1–3): a call or an insult must hold inside a long post of
 * unrelated chatter, and labels.md gives the joined post the same labels. It scores only the joined posts.
 *
 *   npx tsx bench/classify-corpus.ts [--rules-only] [--errors WRITER] [--split blind] [--joined]
 */
import { loadCorpus } from '../src/analyze/classify/corpus.js';
import { evaluate, type EvalReport, type Prf } from '../src/analyze/classify/evaluate.js';
import { defaultModel } from '../src/analyze/classify/model.js';
import { joinedPosts, offTopicPosts } from '../src/analyze/classify/training.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const model = process.argv.includes('--rules-only') ? null : defaultModel();
const errorsOf = arg('--errors');
const onlySplit = arg('--split');
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const f = (m: Prf) => `${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`;
console.log(`model: ${model ? JSON.stringify(model.meta) : 'none (rules only)'}`);
console.log(`${'set'.padEnd(22)} ${'n'.padStart(4)}  directive P/R/F1     targets  harassment P/R/F1    threat P/R/F1        actor`);
const line = (name: string, r: EvalReport) =>
  console.log(`${name.padEnd(22)} ${String(r.posts).padStart(4)}  ${f(r.directiveExact)}  ${pct(r.positiveTargetAccuracy)}   ${f(r.harassment)}  ${f(r.threat)}  ${pct(r.actorAccuracy)}`);
const JOIN_SEEDS = [1, 2, 3];
const corpus = (await loadCorpus()).filter((s) => !onlySplit || s.split === onlySplit);
if (process.argv.includes('--joined')) {
  for (const split of new Set(corpus.map((s) => s.split))) {
    const offTopic = offTopicPosts(corpus.filter((s) => s.split === split));
    for (const s of corpus.filter((x) => x.split === split)) s.posts = JOIN_SEEDS.flatMap((seed) => joinedPosts(s.posts, s.cw, offTopic, s.writer, seed).map((p) => ({ ...p, id: `${p.id}${seed}` })));
  }
  console.log(`joined: posts joined to off-topic posts of the other writers of their split (seeds ${JOIN_SEEDS.join(', ')})`);
}
for (const s of corpus) {
  line(`${s.split} ${s.writer}`, evaluate(s.posts, s.cw, model));
  for (const lang of ['en', 'es', 'pt', 'mixed']) {
    const posts = s.posts.filter((p) => p.lang === lang);
    if (posts.length) line(`  ${lang}`, evaluate(posts, s.cw, model));
  }
  if (errorsOf === s.writer) for (const e of evaluate(s.posts, s.cw, model).errors) console.log(`    ${e.id} ${e.field}: want ${JSON.stringify(e.want)} got ${JSON.stringify(e.got)} | ${e.text}`);
}
