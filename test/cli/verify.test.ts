/**
 * `vigil verify` as a user runs it (issue 11, "Evidence ledger"): the demo analysed, a report written
 * with its checkpoint, then each reproduction from the issue applied to a copy of the store. Each
 * must exit 1 and name what changed; the untouched store must say "ledger ok" and how it is anchored.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { vigil } from '../builders/cli.js';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const WATCH = join(DEMO, 'watchlist.yaml');
const FILES = ['seed-case.jsonl', 'veradia-x-pages.jsonl'].map((f) => join(DEMO, 'data', f));

describe('vigil verify (issue 11)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-verify-'));
  const db = join(dir, 'vigil.db');
  const key = join(dir, 'keys', 'ledger-key.pem');
  let checkpointFile = '';
  let entries = 0;
  let copies = 0;

  /** A copy of the analysed, reported store (WAL checkpointed by close), and `sql` run on it. */
  async function tampered(sql: string): Promise<string> {
    const copy = join(dir, `copy-${++copies}.db`);
    copyFileSync(db, copy);
    const store = await openSqliteStore(copy);
    store.database.exec(sql);
    await store.close();
    return copy;
  }
  const verify = (path: string, ...more: string[]) => vigil('verify', '--db', path, '--key', key, '--checkpoint', checkpointFile, ...more);

  beforeAll(async () => {
    expect((await vigil('init', '--out', join(dir, 'w.yaml'), '--key', key)).stdout).toMatch(/ledger signing key .* \(key id [0-9a-f]{16}, created\)/);
    expect(existsSync(key.replace(/\.pem$/, '.pub.pem'))).toBe(true);
    expect((await vigil('ingest', '--db', db, ...FILES)).code).toBe(0);
    expect((await vigil('analyze', '--db', db, '--watch', WATCH)).code).toBe(0);
    const report = await vigil('report', '--db', db, '--watch', WATCH, '--out', join(dir, 'reports'), '--key', key, '--all');
    expect(report.stdout).toMatch(/ledger ok: \d+ entries, root [0-9a-f]{16}…, checkpoint signed by key/);
    const files = readdirSync(join(dir, 'reports'));
    expect(files.sort()).toEqual(['vigil-checkpoint-all-races.json', 'vigil-ledger-proofs-all-races.json', 'vigil-report-all-races.html']);
    checkpointFile = join(dir, 'reports', 'vigil-checkpoint-all-races.json');
    entries = (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { treeSize: number }).treeSize;
    expect(entries).toBeGreaterThan(5);
  });

  it('says ledger ok, anchored, on the untouched store', async () => {
    const ok = await verify(db);
    expect(ok.stdout).toMatch(new RegExp(`^ledger ok: ${entries} entries, root [0-9a-f]{64}, head [0-9a-f]{64}; consistent with \\d+ signed checkpoint\\(s\\), the largest ${entries} entries`));
    expect(ok.code).toBe(0);
    const json = JSON.parse((await verify(db, '--json')).stdout) as { ok: boolean; entries: number };
    expect(json).toMatchObject({ ok: true, entries });
  });

  it("names the post and field for an edited text or author_handle", async () => {
    const text = await verify(await tampered("UPDATE posts SET text = 'forged' WHERE id = 'seed-bukele-2021-04'"));
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/ledger BROKEN at entry \d+ \(x:seed-bukele-2021-04\): the stored post changed since capture: text/);
    const author = await verify(await tampered("UPDATE posts SET author_handle = 'innocent' WHERE id = 'seed-bukele-2021-04'"));
    expect(author.stdout).toMatch(/\(x:seed-bukele-2021-04\): the stored post changed since capture: authorHandle/);
  });

  it('detects deleting the last entry, the last five, or all of them', async () => {
    const one = await verify(await tampered(`DELETE FROM evidence WHERE seq = ${entries}`));
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`entry ${entries} is gone`);
    const five = await verify(await tampered(`DELETE FROM evidence WHERE seq > ${entries - 5}`));
    expect(five.stdout).toContain(`entries ${entries - 4}..${entries} are gone`);
    const all = await verify(await tampered('DELETE FROM evidence'));
    expect(all.stdout).toContain(`all ${entries} entries are gone`);
    expect(all.stdout).not.toMatch(/ledger ok/);
  });

  it('names an edited finding, and a changed analyst status', async () => {
    const finding = await verify(await tampered("UPDATE findings SET body = json_set(body, '$.score', 0.01) WHERE rowid = (SELECT min(rowid) FROM findings)"));
    expect(finding.code).toBe(1);
    expect(finding.stdout).toMatch(/finding .* differs from its ledger entry \d+: score changed/);
    const status = await verify(await tampered("UPDATE incidents SET status = 'dismissed' WHERE rowid = (SELECT min(rowid) FROM incidents)"));
    expect(status.stdout).toMatch(/incident .*: status differs from the 0 analyst action\(s\) logged for it/);
  });

  it('detects a ledger recomputed end to end (entry edited, chain rehashed) against the checkpoint', async () => {
    // Rewrite the capture time of entry 2 and rehash every entry after it with Vigil's own code.
    const copy = await tampered('SELECT 1');
    const store = await openSqliteStore(copy);
    const { entryHash } = await import('../../src/cases/ledger.js');
    const rows: import('../../src/model/types.js').EvidenceEntry[] = [];
    for await (const batch of store.iterateEvidence()) rows.push(...batch);
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const body = { ...r, prevHash: prev, capturedAt: r.seq === 2 ? '2000-01-01T00:00:00.000Z' : r.capturedAt } as Omit<typeof r, 'hash'> & { hash?: string };
      delete body.hash;
      const hash = entryHash(body);
      store.database.prepare('UPDATE evidence SET captured_at = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(body.capturedAt, prev, hash, r.seq);
      prev = hash;
    }
    await store.close();
    const withoutAnchor = await vigil('verify', '--db', copy, '--key', join(dir, 'no-key-here', 'k.pem'));
    expect(withoutAnchor.code).toBe(2); // --key must exist when given
    const result = await verify(copy);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rewritten or forked: the first \d+ entries no longer hash to the root/);
  });

  it('refuses a checkpoint signed by another key', async () => {
    const other = join(dir, 'other', 'k.pem');
    await vigil('init', '--out', join(dir, 'w2.yaml'), '--key', other);
    const result = await vigil('verify', '--db', db, '--key', other, '--checkpoint', checkpointFile);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/does not verify: signed by key [0-9a-f]{16}, not by the trusted key/);
  });

  it('writes a checkpoint and proofs with every export too', async () => {
    const out = join(dir, 'export');
    const result = await vigil('export', '--db', db, '--watch', WATCH, '--format', 'csv', '--out', out, '--key', key);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/vigil-checkpoint-all-races\.json/);
    const proofs = JSON.parse(readFileSync(join(out, 'vigil-ledger-proofs-all-races.json'), 'utf8')) as { checkpoint: { treeSize: number }; consistency?: { fromSize: number }; items: unknown[] };
    expect(proofs.items.length).toBeGreaterThan(0);
    expect(proofs.consistency?.fromSize).toBeLessThanOrEqual(proofs.checkpoint.treeSize);
    // A tampered store gets its export, marked, and no checkpoint.
    const bad = await tampered("UPDATE posts SET text = 'forged' WHERE id = 'seed-bukele-2021-04'");
    const out2 = join(dir, 'export2');
    const broken = await vigil('export', '--db', bad, '--watch', WATCH, '--format', 'json', '--out', out2, '--key', key);
    expect(broken.stderr).toMatch(/LEDGER BROKEN \(no checkpoint signed\)/);
    expect(readdirSync(out2).some((f) => f.includes('checkpoint'))).toBe(false);
  });

  it('lets a recipient check the proofs and the JSON export without the store', async () => {
    const out = join(dir, 'json');
    expect((await vigil('export', '--db', db, '--watch', WATCH, '--format', 'json', '--out', out, '--key', key)).code).toBe(0);
    const proofs = join(out, 'vigil-ledger-proofs-all-races.json');
    const bundle = join(out, 'vigil-cases-all-races.json');
    const pub = key.replace(/\.pem$/, '.pub.pem');
    const ok = await vigil('verify', '--proofs', proofs, '--bundle', bundle, '--public-key', pub, '--checkpoint', checkpointFile);
    expect(ok.stdout).toMatch(/^proofs ok: \d+ inclusion proofs in \d+ entries, root [0-9a-f]{64}, signed .* by key [0-9a-f]{16}; extends the checkpoint of \d+ entries; the exported records match/);
    expect(ok.code).toBe(0);
    // A forged export: one post's text and one finding's score changed after the fact.
    const doc = JSON.parse(readFileSync(bundle, 'utf8')) as { posts: { id: string; text: string }[]; findings: { id: string; score: number }[] };
    doc.posts.find((p) => p.id === 'seed-bukele-2021-04')!.text = 'forged';
    doc.findings[0]!.score = 0.01;
    const forged = join(out, 'forged.json');
    writeFileSync(forged, JSON.stringify(doc));
    const bad = await vigil('verify', '--proofs', proofs, '--bundle', forged, '--public-key', pub);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/\(x:seed-bukele-2021-04\): the exported post differs from the one the checkpoint covers: text/);
    expect(bad.stdout).toMatch(/the exported finding .* is not the one the checkpoint covers/);
    // A proof that was tampered with.
    const p = JSON.parse(readFileSync(proofs, 'utf8')) as { items: { proof: string[] }[] };
    p.items[0]!.proof[0] = '00'.repeat(32);
    writeFileSync(join(out, 'bad-proofs.json'), JSON.stringify(p));
    expect((await vigil('verify', '--proofs', join(out, 'bad-proofs.json'), '--public-key', pub)).stdout).toMatch(/does not lead to the checkpoint's root/);
  });

  // Last: it wipes the reported store itself, whose location the key folder remembers.
  it("detects deleting everything, the store's checkpoints and ledger id included, without a checkpoint file", async () => {
    const store = await openSqliteStore(db);
    store.database.exec("DELETE FROM evidence; DELETE FROM checkpoints; DELETE FROM state WHERE key = 'ledger:log_id'");
    await store.close();
    const result = await vigil('verify', '--db', db, '--key', key);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`all ${entries} entries are gone`);
    // And a new report refuses to sign over it.
    const report = await vigil('report', '--db', db, '--watch', WATCH, '--out', join(dir, 'after'), '--key', key, '--all');
    expect(report.stdout).toMatch(/LEDGER BROKEN \(no checkpoint signed\)/);
  });
});
