/**
 * Train the classifier's linear model (src/analyze/classify/model.ts) on the project's corpus and
 * write src/analyze/classify/model-weights.json.
 *
 * Discipline (scikit-learn's model_selection): fit on the train writers, choose thresholds on the dev
 * writer, and never look at the blind writer here (bench/classify-blind.ts reports it). Also trains on the
 * older team-written sets in test/fixtures/eval (train only), relabelled where their convention differs
 * from labels.md (a candidate's own appeal was null there: those posts are left out).
 *
 * Optimiser: AdaGrad on softmax (directive: null / vote_for / vote_against / abstain) + two logistic
 * losses (harassment, threat), L2, fixed seed, so a rerun writes the same weights.
 *
 *   npx tsx scripts/train-classifier.ts [--epochs 12] [--l2 1e-4] [--lr 0.3] [--dry-run]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyPostDetail } from '../src/analyze/classify/classify.js';
import { idHalf } from '../src/analyze/classify/corpus.js';
import { evaluate } from '../src/analyze/classify/evaluate.js';
import { defaultModel, deserializeModel, DIM, indexScale, N_OUT, serializeModel, toScores, type Model } from '../src/analyze/classify/model.js';
import { ABUSE_DEV_DIR, abuseDevDigest, examples, examplesDigest, RELABELS_DIR, trainingData, type Example, type TrainSettings } from '../src/analyze/classify/training.js';
import { compileWatchlist } from '../src/analyze/match/compile.js';
import { seededRandom } from '../src/util/random.js';
import { loadWatchlist } from '../src/watch/load.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EPOCHS = arg('epochs', 12);
const L2 = arg('l2', 1e-4);
const LR = arg('lr', 0.3);
const SEED = arg('seed', 7);
const DRY = process.argv.includes('--dry-run');
// --check: compare the digests of this code's training inputs with those recorded in the committed weights,
// and exit (seconds, no training): whether a rerun would write the committed file.
const CHECK = process.argv.includes('--check');
// --abuse-dev-half even|odd: choose thresholds on that half of abuse-dev only (by the number in its ids),
// so that bench/classify-realworld.ts --half (the other one) gives a real-world figure nothing was chosen on.
const ABUSE_HALF = process.argv.includes('--abuse-dev-half') ? process.argv[process.argv.indexOf('--abuse-dev-half') + 1] : undefined;
if (ABUSE_HALF !== undefined && ABUSE_HALF !== 'even' && ABUSE_HALF !== 'odd') throw new Error('--abuse-dev-half: even or odd');

function train(data: Example[]): Float32Array {
  const W = new Float32Array(DIM * N_OUT);
  const G = new Float32Array(DIM * N_OUT).fill(1e-6);
  const rand = seededRandom(SEED);
  const order = data.map((_, i) => i);
  const z = new Float64Array(N_OUT);
  const grad = new Float64Array(N_OUT);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    for (const k of order) {
      const ex = data[k]!;
      const n = ex.idx.length;
      z.fill(0);
      for (let i = 0; i < n; i++) {
        const f = ex.idx[i]!;
        const scale = indexScale(i, ex.named, n);
        for (let o = 0; o < N_OUT; o++) z[o]! += W[f * N_OUT + o]! * scale;
      }
      const s = toScores(z);
      for (let c = 0; c < 4; c++) grad[c] = s.directive[c]! - (ex.y === c ? 1 : 0);
      grad[4] = s.harassment - ex.h;
      grad[5] = s.threat - ex.t;
      loss -= Math.log(Math.max(1e-9, s.directive[ex.y]!));
      for (let i = 0; i < n; i++) {
        const f = ex.idx[i]!;
        const scale = indexScale(i, ex.named, n);
        for (let o = 0; o < N_OUT; o++) {
          const at = f * N_OUT + o;
          const g = grad[o]! * scale + L2 * W[at]!;
          G[at]! += g * g;
          W[at]! -= (LR * g) / Math.sqrt(G[at]!);
        }
      }
    }
    if (epoch === EPOCHS - 1 || epoch % 4 === 0) console.log(`  epoch ${epoch + 1}/${EPOCHS}: directive loss ${(loss / data.length).toFixed(4)}`);
  }
  return W;
}

// ---- data
const { trainSets, devSets, train: trainData, older } = await trainingData();
if (!trainSets.length) console.warn('train: no corpus under test/fixtures/corpus: older sets only');
const settings: TrainSettings = { epochs: EPOCHS, l2: L2, lr: LR, seed: SEED };
// What the weights and thresholds are a function of (training.ts): a rerun with equal digests writes the same file.
const inputs = {
  train: examplesDigest(trainData, settings),
  dev: examplesDigest(devSets.flatMap((s) => examples(s.posts, s.cw))),
  abuseDev: abuseDevDigest(ABUSE_DEV_DIR, RELABELS_DIR),
  abuseDevHalf: ABUSE_HALF ?? null,
};
if (CHECK) {
  const committed = defaultModel()?.meta['inputs'] as typeof inputs | undefined;
  const stale = (Object.keys(inputs) as (keyof typeof inputs)[]).filter((k) => committed?.[k] !== inputs[k]);
  console.log(stale.length ? `stale: ${stale.join(', ')} differ from model-weights.json; rerun scripts/train-classifier.ts` : 'model-weights.json is what this script would write');
  process.exit(stale.length ? 1 : 0);
}
console.log(`train: ${trainSets.map((s) => `${s.writer} ${s.posts.length}`).join(', ')} + older team sets ${older} → ${trainData.length} examples; dev: ${devSets.map((s) => `${s.writer} ${s.posts.length}`).join(', ')}`);

const weights = train(trainData);
// Thresholds are chosen, and figures printed, on the weights as written (quantised to 16 bits, small
// weights dropped): what bench/classify-corpus.ts and every user of model-weights.json score with.
const model: Model = deserializeModel(serializeModel(weights, { directive: 0.5, harassment: 0.5, threat: 0.5 }, {}));

// ---- thresholds on dev: the value maximising each label's F1 (ties: the middle of the best run). For
// the directive, the mean of its F1 and the target accuracy: both are measured, and a stricter threshold
// that trades recall for precision leaves positives without their targets.
function devF1(th: Model['thresholds']): { d: number; h: number; t: number } {
  let d = 0, h = 0, t = 0, n = 0;
  for (const s of devSets) {
    const r = evaluate(s.posts, s.cw, { ...model, thresholds: th });
    d += ((r.directiveExact.f1 + r.positiveTargetAccuracy) / 2) * s.posts.length;
    h += r.harassment.f1 * s.posts.length;
    t += r.threat.f1 * s.posts.length;
    n += s.posts.length;
  }
  return { d: d / n, h: h / n, t: t / n };
}
// Real-world texts for the uncued margins (see below): ../shared/data/abuse-dev, when present.
// Harassment is scored against labels.md itself: the project's relabels of a sample of these texts
// (bench/abuse-dev-labels: two independent annotators, the texts they labelled alike). The datasets' own
// harassment labels part from labels.md (kappa 0.23-0.26 with the annotators: criticism, abuse of third
// parties and groups marked as harassment), and abuse-dev's README says labels.md decides. Threat keeps the
// datasets' labels (violence at a person; no conflict found), over every text that has one.
function labelsMd(): Map<string, boolean> {
  const files = existsSync(RELABELS_DIR) ? readdirSync(RELABELS_DIR).filter((f) => f.endsWith('.jsonl')) : [];
  const annotators = files.map((f) => new Map(readFileSync(`${RELABELS_DIR}${f}`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => { const x = JSON.parse(l) as { id: string; harassment: boolean }; return [x.id, x.harassment] as const; })));
  const agreed = new Map<string, boolean>();
  for (const [id, h] of annotators[0] ?? []) if (annotators.every((a) => a.get(id) === h)) agreed.set(id, h);
  return agreed;
}
async function loadAbuseDev(dir: string) {
  const relabelled = labelsMd();
  const gold = new Map<string, { h: boolean | null; t: boolean | null }>();
  for (const l of readFileSync(`${dir}posts.jsonl`, 'utf8').split('\n')) if (l.trim()) { const g = JSON.parse(l) as { id: string; gold_harassment: boolean; gold_threat: boolean | null }; gold.set(g.id, { h: relabelled.get(g.id) ?? null, t: g.gold_threat }); }
  const posts = readFileSync(`${dir}inputs.jsonl`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; platform: string; author_handle: string; text: string });
  const inHalf = (id: string) => ABUSE_HALF === undefined || idHalf(id) === ABUSE_HALF;
  return { cw: compileWatchlist(await loadWatchlist(`${dir}watch.json`)), posts: posts.filter((p) => gold.has(p.id) && inHalf(p.id)).map((p) => ({ ...p, gold: gold.get(p.id)! })) };
}
const realWorld = existsSync(`${ABUSE_DEV_DIR}inputs.jsonl`) ? await loadAbuseDev(ABUSE_DEV_DIR) : null;
function realWorldF1(th: Model['thresholds']): { h: number; t: number } {
  const m = { ...model, thresholds: th };
  const h = { tp: 0, fp: 0, fn: 0 };
  const t = { tp: 0, fp: 0, fn: 0 };
  const tally = (c: typeof h, want: boolean, got: boolean) => { if (want && got) c.tp++; else if (got) c.fp++; else if (want) c.fn++; };
  for (const p of realWorld!.posts) {
    const c = classifyPostDetail({ id: p.id, platform: p.platform, authorHandle: p.author_handle, text: p.text, hashtags: [], mentions: [] }, realWorld!.cw, m).classification;
    if (p.gold.h !== null) tally(h, p.gold.h, c.harassment);
    if (p.gold.t !== null) tally(t, p.gold.t, c.threat);
  }
  const f1 = (c: typeof h) => (c.tp ? (2 * c.tp) / (2 * c.tp + c.fp + c.fn) : 0);
  return { h: f1(h), t: f1(t) };
}
const grid = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85];
const thresholds: Model['thresholds'] = { ...model.thresholds, uncuedHarassment: 0, uncuedThreat: 0 };
// The margin a hostile label needs when no hostile cue is in the text. Dev writers put hostile words in
// most short replies; real reply sections are mostly benign, and only real text shows what an uncued score
// is worth. So each hostile label's threshold and margin are chosen together, on the mean of the dev
// writers' F1 and abuse-dev's when it is at hand (../shared/data/abuse-dev: real texts from research
// datasets, only scored here, never trained on): chosen one after the other, a low threshold with a wide
// margin and a high threshold with a narrow one are never compared. Among pairs within a point of the best
// dev F1, those within a quarter point of the best mean; among those the widest margin (more evidence asked
// of uncued text), then the best threshold at that margin.
const margins = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.6, 1];
// Rounds of coordinate ascent over the settings, each chosen with the others fixed, until a round changes
// nothing (at most four). In the first round the construction floor is still unset (no construction lowers
// the threat threshold). Two fixed rounds left the threat pair chosen under the first round's floor: round 13
// kept threat 0.4 / margin 0.2 beside a floor of 0.05 under which 0.4 / 0.3 scored dev -0.2, abuse-dev +4.3.
for (let round = 1, changed = true; round <= 4 && changed && devSets.length; round++) {
  const before = JSON.stringify(thresholds);
  console.log(`  thresholds, round ${round}:`);
  const scores = grid.map((g) => devF1({ ...thresholds, directive: g }).d);
  const best = grid.filter((_, i) => scores[i]! >= Math.max(...scores) - 1e-9);
  thresholds.directive = best[Math.floor(best.length / 2)]!;
  console.log(`  threshold directive: ${thresholds.directive} (dev mean of F1 and target accuracy ${scores.map((x) => (100 * x).toFixed(1)).join(' / ')})`);
  for (const [key, marginKey] of [['harassment', 'uncuedHarassment'], ['threat', 'uncuedThreat']] as const) {
    const pairs: { g: number; u: number; f: number; dev: number; rw: number }[] = [];
    for (const g of grid) {
      for (const u of margins) {
        const th = { ...thresholds, [key]: g, [marginKey]: u };
        const r = devF1(th);
        const dev = key === 'harassment' ? r.h : r.t;
        const rw = realWorld ? realWorldF1(th) : undefined;
        const real = rw ? (key === 'harassment' ? rw.h : rw.t) : dev;
        pairs.push({ g, u, f: rw ? (dev + real) / 2 : dev, dev, rw: real });
      }
    }
    // The dev writers first, abuse-dev within their noise: among the pairs within a point of the best dev
    // F1, those within a quarter point of the best mean of dev and abuse-dev. The mean alone traded the two
    // one for one (abuse-dev's threat labels are 41 functional tests): a retrain moved the threat margin
    // 0.1 -> 0.3 for abuse-dev +4 and w5 -5 (docs/classifier.md, round 6).
    const devTop = Math.max(...pairs.map((x) => x.dev));
    const admissible = pairs.filter((x) => x.dev >= devTop - 0.01);
    const top = Math.max(...admissible.map((x) => x.f));
    const near = admissible.filter((x) => x.f >= top - (realWorld ? 0.0025 : 0.01));
    const widest = Math.max(...near.map((x) => x.u));
    // At that margin, the best threshold (the middle of those tied exactly). Not the middle of every
    // threshold near the best: with a wide margin the score is flat over most of the grid, and that middle
    // moved from 0.45 to 0.65 when a few weights moved, at a cost on the dev writers (docs/classifier.md, round 6).
    const atWidest = near.filter((x) => x.u === widest);
    const bestAt = Math.max(...atWidest.map((x) => x.f));
    const tied = atWidest.filter((x) => x.f >= bestAt - 1e-9);
    const pick = tied[Math.floor(tied.length / 2)]!;
    thresholds[key] = pick.g;
    thresholds[marginKey] = pick.u;
    console.log(`  ${key}: threshold ${pick.g}, uncued margin ${pick.u} (${realWorld ? 'mean of dev and abuse-dev' : 'dev'} F1 ${(100 * pick.f).toFixed(1)}; best ${(100 * top).toFixed(1)})`);
  }
  // The score below which the model overrules a call the rules found.
  const vetoes = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
  const vf = vetoes.map((v) => devF1({ ...thresholds, veto: v }).d);
  thresholds.veto = vetoes[vf.indexOf(Math.max(...vf))]!;
  console.log(`  directive veto: ${thresholds.veto} (dev mean of directive F1 and target accuracy ${vf.map((x) => (100 * x).toFixed(1)).join(' / ')})`);
  // The threat score enough when a threat construction is aimed at someone. Chosen as the hostile
  // thresholds are: among the floors within a point of the best dev F1, the best mean of dev and abuse-dev
  // (ties: the lowest, since an aimed construction is itself evidence of a threat). Chosen on dev alone,
  // the long-post dev writers (w74, w75: constructions that aim at nobody, "vou responder aqui") moved it
  // 0.02 -> 0.1 for dev +1.0 and abuse-dev's threats -10.8 (docs/classifier.md, round 13).
  const floors = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 1];
  const tf = floors.map((c) => devF1({ ...thresholds, constructed: c }).t);
  const rf = floors.map((c, i) => (realWorld ? (tf[i]! + realWorldF1({ ...thresholds, constructed: c }).t) / 2 : tf[i]!));
  const admissible = floors.map((_, i) => i).filter((i) => tf[i]! >= Math.max(...tf) - 0.01);
  const bestMean = Math.max(...admissible.map((i) => rf[i]!));
  thresholds.constructed = floors[admissible.find((i) => rf[i]! >= bestMean - 1e-9)!]!;
  console.log(`  constructed threat floor: ${thresholds.constructed} (dev threat F1 ${tf.map((x) => (100 * x).toFixed(1)).join(' / ')}; ${realWorld ? 'mean with abuse-dev' : 'dev'} ${rf.map((x) => (100 * x).toFixed(1)).join(' / ')})`);
  changed = JSON.stringify(thresholds) !== before;
}
model.thresholds = thresholds;

const pct = (x: number) => (100 * x).toFixed(1);
for (const s of [...trainSets, ...devSets]) {
  const r = evaluate(s.posts, s.cw, model);
  console.log(`  ${s.split} ${s.writer}: directive F1 ${pct(r.directiveExact.f1)}  targets ${pct(r.positiveTargetAccuracy)}  harassment F1 ${pct(r.harassment.f1)}  threat F1 ${pct(r.threat.f1)}`);
}
if (realWorld) {
  const rw = realWorldF1(model.thresholds);
  console.log(`  abuse-dev (scored, never trained on): harassment F1 ${pct(rw.h)} (labels.md relabels)  threat F1 ${pct(rw.t)}`);
}
if (!DRY) {
  const file = fileURLToPath(new URL('../src/analyze/classify/model-weights.json', import.meta.url));
  const meta = { trainedOn: trainSets.map((s) => s.writer), thresholdsChosenOn: devSets.map((s) => s.writer), uncuedMarginsAlsoOn: realWorld ? 'abuse-dev (harassment: the labels.md relabels)' : null, olderSets: older, examples: trainData.length, epochs: EPOCHS, l2: L2, lr: LR, seed: SEED, inputs };
  writeFileSync(file, `${JSON.stringify(serializeModel(weights, thresholds, meta))}\n`);
  console.log(`wrote ${file}`);
}
