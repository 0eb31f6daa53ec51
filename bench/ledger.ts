/**
 * Ledger benchmark: a SQLite store with N posts, each logged as evidence (field hashes computed from
 * the stored post), then the full verify (chain, every post re-read and re-hashed field by field,
 * Merkle root) and one seal (verify + Ed25519 checkpoint). Prints entries/s for each step, peak RSS,
 * and inclusion/consistency proof sizes. Data: fictional posts generated from the index.
 *
 *   npx tsx bench/ledger.ts [--posts 200000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateKey } from '../src/cases/checkpoint.js';
import { sealLedger, verifyStoreLedger } from '../src/cases/ledger-verify.js';
import type { Post } from '../src/model/types.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { sha256 } from '../src/util/hash.js';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '200000' } } });
const n = Number(values.posts);
const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-ledger-'));
const store = new SqliteStore(join(dir, 'v.db'));
const post = (i: number): Post => {
  const raw = JSON.stringify({ id: String(i), text: `fictional post number ${i} about the fictional race` });
  return {
    platform: 'x', id: String(i), authorId: `u${i % 997}`, authorHandle: `account_${i % 997}`, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    text: `fictional post number ${i} about the fictional race`, urls: [`https://example.org/${i % 50}`], hashtags: ['Distrito99'], mentions: [],
    source: { file: 'bench.jsonl', line: i + 1 }, contentHash: sha256(raw), raw,
  };
};
const time = async <T>(label: string, count: number, f: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await f();
  const s = (performance.now() - t) / 1000;
  console.log(`${label.padEnd(26)} ${s.toFixed(2)} s  ${Math.round(count / s).toLocaleString('en-US')} entries/s`);
  return r;
};
for (let i = 0; i < n; i += 10_000) await store.putPosts(Array.from({ length: Math.min(10_000, n - i) }, (_, j) => post(i + j)));
await time('append (fields from store)', n, async () => {
  for (let i = 0; i < n; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, n - i) }, (_, j) => post(i + j));
    await store.appendEvidence(batch.map((p) => ({ kind: 'post', ref: `x:${p.id}`, source: p.source, sha256: p.contentHash })));
  }
});
const v = await time('verify', n, () => verifyStoreLedger(store));
if (v.problems.length) throw new Error(`bench: ${v.problems.length} problems`);
const { key } = await loadOrCreateKey(join(dir, 'key.pem'));
const sealed = await time('seal (verify + sign)', n, () => sealLedger(store, key));
console.log(`inclusion proof: ${v.tree.inclusionProof(Math.floor(n / 3)).length} hashes; consistency ${Math.floor(n / 2)} -> ${n}: ${v.tree.consistencyProof(Math.floor(n / 2)).length} hashes`);
console.log(`checkpoint ${sealed.checkpoint!.treeSize} entries, root ${sealed.checkpoint!.rootHash.slice(0, 16)}…; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
await store.close();
rmSync(dir, { recursive: true, force: true });
