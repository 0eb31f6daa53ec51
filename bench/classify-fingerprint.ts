/**
 * A fingerprint of the classifier's behaviour: classifies every post of test/fixtures/corpus/<writer>/
 * (with that writer's watchlist), of test/fixtures/eval (with its watchlist) and the speed bench's
 * synthetic posts (bench/classify-speed-data.ts), and prints a sha256 of the full results (labels,
 * targets, races, actor, explanation strings, matched words, language) per set and over all of them.
 * A change meant to be speed only must leave the total unchanged.
 *
 *   npx tsx bench/classify-fingerprint.ts [--synthetic 20000] [--dump FILE]
 *
 * --dump writes one JSON line per post (set, id, result), to diff two runs when the hash differs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyPostDetail, type ClassifiablePost } from '../src/analyze/classify/classify.js';
import { loadEvalSet, type LabeledPost } from '../src/analyze/classify/evaluate.js';
import { compileWatchlist, type CompiledWatchlist } from '../src/analyze/match/compile.js';
import { loadWatchlist } from '../src/watch/load.js';
import { speedData } from './classify-speed-data.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SYNTHETIC = Number(arg('synthetic') ?? 20_000);
const dumpFile = arg('dump');
const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

/** A labelled post as the classifier sees it (as evaluate.ts passes it). */
function asPost(p: LabeledPost): ClassifiablePost {
  return { id: p.id, platform: p.platform ?? 'x', authorHandle: p.author, text: p.text, hashtags: [], mentions: p.mentions ?? [], lang: p.lang, repostOf: p.repostOf, createdAt: p.createdAt };
}

const sets: { name: string; cw: CompiledWatchlist; posts: ClassifiablePost[] }[] = [];
const corpus = `${fixtures}corpus/`;
for (const writer of readdirSync(corpus).sort()) {
  if (!existsSync(`${corpus}${writer}/posts.jsonl`) || !existsSync(`${corpus}${writer}/watchlist.yaml`)) continue;
  const cw = compileWatchlist(await loadWatchlist(`${corpus}${writer}/watchlist.yaml`));
  sets.push({ name: `corpus/${writer}`, cw, posts: loadEvalSet(`${corpus}${writer}/posts.jsonl`).map(asPost) });
}
const evalDir = `${fixtures}eval/`;
const evalCw = compileWatchlist(await loadWatchlist(`${evalDir}watchlist.yaml`));
for (const file of readdirSync(evalDir).filter((f) => f.endsWith('.jsonl')).sort()) {
  sets.push({ name: `eval/${file}`, cw: evalCw, posts: loadEvalSet(`${evalDir}${file}`).map(asPost) });
}
const synthetic = speedData(42, SYNTHETIC);
sets.push({ name: 'synthetic', cw: compileWatchlist(synthetic.watchlist), posts: synthetic.posts });

const total = createHash('sha256');
const dump: string[] = [];
let count = 0;
for (const set of sets) {
  const h = createHash('sha256');
  for (const p of set.posts) {
    const line = JSON.stringify(classifyPostDetail(p, set.cw));
    h.update(line).update('\n');
    if (dumpFile) dump.push(JSON.stringify({ set: set.name, id: p.id, result: JSON.parse(line) as unknown }));
  }
  const digest = h.digest('hex');
  total.update(`${set.name} ${digest}\n`);
  count += set.posts.length;
  console.log(`${set.name.padEnd(22)} ${String(set.posts.length).padStart(6)} posts  ${digest.slice(0, 16)}`);
}
if (dumpFile) writeFileSync(dumpFile, `${dump.join('\n')}\n`);
console.log(`total: ${count} posts, sha256 ${total.digest('hex')}`);
