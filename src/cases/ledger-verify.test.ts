/**
 * Ledger tamper tests (issue 11, "Evidence ledger"): each reproduction from the issue is a case that
 * `verify` must detect and name, on the SQLite store. The attacker here can write the store (SQL)
 * and run Vigil's own code, but does not hold the signing key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../../test/builders/records.js';
import { velorianScenario } from '../../test/fixtures/cases/builders.js';
import { toJson } from '../export/json.js';
import { renderHtmlReport } from '../export/html.js';
import { evidenceCsv } from '../export/csv.js';
import type { EvidenceEntry, LedgerCheckpoint } from '../model/types.js';
import { SqliteStore } from '../store/sqlite.js';
import { sha256 as sha } from '../util/hash.js';
import { loadCaseBundle } from './case-bundle-builder.js';
import { loadOrCreateKey, signCheckpoint, storeName, type LedgerKey } from './checkpoint.js';
import { buildIncidents } from './incidents.js';
import { GENESIS_HASH, entryHash, leafData, postFields, splitPostRef } from './ledger.js';
import { applySeal, bundleLedgerRefs, inclusionItemOk, sealLedger, verifyStoreLedger, type LedgerProblem } from './ledger-verify.js';
import { verifyConsistency } from './merkle.js';

const INCIDENT = 'inc:us-ca-99:xf-president';

/** A store as `vigil analyze` leaves it for the Velorian scenario, with one analyst action, sealed once. */
async function analysedStore(key: LedgerKey): Promise<{ store: SqliteStore; path: string; cp: LedgerCheckpoint }> {
  const s = velorianScenario();
  const path = join(mkdtempSync(join(tmpdir(), 'vigil-ledger-')), 'vigil.db');
  const store = new SqliteStore(path);
  await store.putPosts(s.posts);
  await store.putFindings(s.findings);
  const incidents = buildIncidents(s.findings, s.watchlist);
  await store.putIncidents(incidents);
  await store.appendEvidence(s.findings.flatMap((f) => f.evidence), '2026-10-02T08:00:00.000Z');
  await store.setIncidentStatus(incidents.find((i) => i.id === INCIDENT)?.id ?? incidents[0]!.id, 'reviewing', 'consul account confirmed');
  const sealed = await sealLedger(store, key, { storeName: storeName(path) });
  expect(sealed.verification.problems).toEqual([]);
  return { store, path, cp: sealed.checkpoint! };
}

function sql(store: SqliteStore, text: string, ...params: unknown[]): void {
  store.database.prepare(text).run(...params);
}

/**
 * What an attacker with Vigil's code does after editing records: recompute every post entry's raw
 * SHA-256 and field hashes from the store, then the whole chain, so that chain and records agree again.
 */
async function recomputeLedger(store: SqliteStore): Promise<void> {
  const rows: EvidenceEntry[] = [];
  for await (const batch of store.iterateEvidence()) rows.push(...batch);
  sql(store, 'DELETE FROM evidence');
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    const body: Omit<EvidenceEntry, 'hash'> = { seq: r.seq, ref: r.ref, kind: r.kind, source: r.source, capturedAt: r.capturedAt, sha256: r.sha256, prevHash };
    if (r.fields) body.fields = r.fields;
    const key = r.kind === 'post' ? splitPostRef(r.ref) : undefined;
    const post = key && (await store.getPost(key[0], key[1]));
    if (post) {
      body.sha256 = sha(post.raw);
      body.fields = postFields(post);
    }
    const hash = entryHash(body);
    sql(
      store,
      'INSERT INTO evidence (seq, ref, kind, source, captured_at, sha256, fields, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      body.seq, body.ref, body.kind, JSON.stringify(body.source), body.capturedAt, body.sha256, body.fields ? JSON.stringify(body.fields) : null, prevHash, hash,
    );
    prevHash = hash;
  }
}

const codes = (problems: LedgerProblem[]) => problems.map((p) => p.code);

describe('ledger verify: tampering named (issue 11)', () => {
  let key: LedgerKey;
  let store: SqliteStore;
  let cp: LedgerCheckpoint;
  const check = (checkpoints: LedgerCheckpoint[] = [cp]) =>
    verifyStoreLedger(store, { checkpoints: checkpoints.map((checkpoint) => ({ checkpoint, from: 'test' })), trustedKey: key.publicKey });

  beforeEach(async () => {
    key = (await loadOrCreateKey(join(mkdtempSync(join(tmpdir(), 'vigil-key-')), 'ledger-key.pem'))).key;
    ({ store, cp } = await analysedStore(key));
    return () => store.close();
  });

  it('holds on an untouched store, anchored by the checkpoint', async () => {
    const v = await check();
    expect(v.problems).toEqual([]);
    expect(v.entries).toBe(cp.treeSize);
    expect(v.root).toBe(cp.rootHash);
    expect(v.anchoredBy).toHaveLength(1);
    expect(v.legacyEntries).toBe(0);
  });

  it("names the post and the field when a stored post's text is edited", async () => {
    sql(store, "UPDATE posts SET text = 'Vote for the other one' WHERE id = '2002'");
    const v = await check();
    expect(v.problems).toMatchObject([{ code: 'post_changed', ref: 'x:2002', fields: ['text'] }]);
    expect(v.problems[0]!.message).toMatch(/text/);
  });

  it("names the post and the field when a stored post's author_handle is edited", async () => {
    sql(store, "UPDATE posts SET author_handle = 'someone_else' WHERE id = '3001'");
    expect((await check()).problems).toMatchObject([{ code: 'post_changed', ref: 'x:3001', fields: ['authorHandle'] }]);
  });

  it('names times, links and the raw record too', async () => {
    sql(store, "UPDATE posts SET created_at = '2026-09-01T00:00:00.000Z', urls = '[\"https://example.org/forged\"]' WHERE id = '2001'");
    sql(store, "UPDATE posts SET raw = raw || ' ' WHERE id = '4001'");
    expect((await check()).problems).toMatchObject([
      { code: 'post_changed', ref: 'x:2001', fields: ['createdAt', 'urls'] },
      { code: 'raw_changed', ref: 'x:4001', fields: ['raw'] },
    ]);
  });

  it('flags a forged post in the exports themselves (HTML, CSV row, JSON)', async () => {
    sql(store, "UPDATE posts SET text = 'forged words' WHERE id = '2002'");
    const bundle = await loadCaseBundle(store, velorianScenario().watchlist);
    expect(bundle.ledger.changedRefs).toEqual(['x:2002']);
    const refs = bundleLedgerRefs(bundle);
    applySeal(bundle, await sealLedger(store, key, { keep: (e) => refs.has(e.ref) }));
    expect(bundle.ledger.ok).toBe(false);
    expect(bundle.ledger.checkpoint).toBeUndefined(); // a broken ledger is not signed
    expect(renderHtmlReport(bundle)).toMatch(/changed since capture/);
    expect(JSON.parse(toJson(bundle)).ledger).toMatchObject({ ok: false, changedRefs: ['x:2002'] });
    expect(evidenceCsv(bundle)).toContain('forged words'); // the CSV shows what is stored; the manifest and JSON say it is not what was captured
  });

  it('detects deleting the last entry, the last five, and all entries against the checkpoint', async () => {
    const n = cp.treeSize;
    sql(store, 'DELETE FROM evidence WHERE seq = ?', n);
    let v = await check();
    expect(codes(v.problems)).toContain('truncated');
    expect(v.problems.find((p) => p.code === 'truncated')!.message).toMatch(new RegExp(`entry ${n} is gone`));

    sql(store, 'DELETE FROM evidence WHERE seq > ?', n - 5);
    v = await check();
    expect(v.problems.find((p) => p.code === 'truncated')!.message).toMatch(new RegExp(`entries ${n - 4}\\.\\.${n} are gone`));

    sql(store, 'DELETE FROM evidence');
    v = await check();
    expect(v.problems.find((p) => p.code === 'truncated')!.message).toMatch(new RegExp(`all ${n} entries are gone`));
    expect(v.entries).toBe(0);
  });

  it('names an edited finding and the fields changed', async () => {
    sql(store, "UPDATE findings SET body = json_set(body, '$.score', 0.01, '$.explanation', 'nothing here') WHERE id = 'f-dir-president'");
    expect((await check()).problems).toMatchObject([{ code: 'finding_changed', ref: 'finding:f-dir-president', fields: ['explanation', 'score'] }]);
  });

  it('names an analyst status or note changed outside Vigil', async () => {
    const id = (store.database.prepare("SELECT id FROM incidents WHERE status = 'reviewing'").get() as { id: string }).id;
    sql(store, "UPDATE incidents SET status = 'dismissed', notes = '[]' WHERE id = ?", id);
    expect((await check()).problems).toMatchObject([{ code: 'action_changed', ref: `incident:${id}`, fields: ['status', 'notes'] }]);
    // Through the store, the change is logged and holds.
    await store.setIncidentStatus(id, 'reviewing', 'consul account confirmed');
    sql(store, "UPDATE incidents SET notes = '[\"consul account confirmed\"]' WHERE id = ?", id);
    expect((await check()).problems).toMatchObject([{ code: 'action_changed', fields: ['notes'] }]);
  });

  it('names a split edited outside Vigil: its trail row, its origin cleared, a split forged in the database', async () => {
    const incident = (await store.listIncidents()).find((i) => i.findingIds.length > 1)!;
    const ID = incident.id;
    const moved = incident.findingIds.slice(-1);
    const S = (await store.recordCaseAction(ID, { split: { findings: moved } }, 'Ana Ruiz')).split!.into!;
    expect((await check()).problems).toEqual([]);
    // The split's own history row says someone else split it.
    sql(store, "UPDATE case_actions SET body = replace(body, 'Ana Ruiz', 'Ben Ode') WHERE incident_id = ?", S);
    expect((await check()).problems).toMatchObject([{ code: 'action_changed', ref: `incident:${S}`, fields: ['history'] }]);
    sql(store, "UPDATE case_actions SET body = replace(body, 'Ben Ode', 'Ana Ruiz') WHERE incident_id = ?", S);
    // Passed off as one of analyze's incidents: no longer a split, its findings back in the original.
    sql(store, 'UPDATE incidents SET split_from = NULL, split_findings = NULL WHERE id = ?', S);
    expect((await check()).problems).toMatchObject([
      { code: 'action_changed', ref: `incident:${ID}`, fields: ['split'] },
      { code: 'action_changed', ref: `incident:${S}`, fields: ['split'] },
    ]);
    sql(store, 'UPDATE incidents SET split_from = ?, split_findings = ? WHERE id = ?', ID, JSON.stringify(moved), S);
    expect((await check()).problems).toEqual([]);
    // A split nobody made: a row written straight into the database.
    sql(store, "INSERT INTO incidents (id, race_id, status, notes, body, split_from, split_findings) SELECT 'inc:forged', race_id, 'open', '[]', json_set(body, '$.id', 'inc:forged'), id, ? FROM incidents WHERE id = ?", JSON.stringify(incident.findingIds.slice(0, 1)), ID);
    expect((await check()).problems.map((p) => [p.code, p.ref, p.fields])).toEqual(
      expect.arrayContaining([
        ['action_changed', `incident:${ID}`, ['split']],
        ['action_changed', 'incident:inc:forged', ['split']],
      ]),
    );
  });

  it('detects an edit with the whole chain recomputed, only against the checkpoint', async () => {
    sql(store, "UPDATE posts SET text = 'rewritten', author_handle = 'nobody' WHERE id = '2002'");
    await recomputeLedger(store);
    // Chain and records agree again: without an anchor nothing is left to see (docs/security.md).
    expect((await verifyStoreLedger(store)).problems).toEqual([]);
    const v = await check();
    expect(codes(v.problems)).toEqual(['rewritten']);
    expect(v.problems[0]!.message).toMatch(new RegExp(`first ${cp.treeSize} entries no longer hash to the root`));
  });

  it('detects a fork: entries removed and others appended up to the same size', async () => {
    sql(store, 'DELETE FROM evidence WHERE seq > ?', cp.treeSize - 2);
    await store.appendEvidence([
      { kind: 'post', ref: 'x:9001', source: { file: 'forged.jsonl', line: 1 }, sha256: sha('a') },
      { kind: 'post', ref: 'x:9002', source: { file: 'forged.jsonl', line: 2 }, sha256: sha('b') },
    ]);
    const v = await check();
    expect(v.entries).toBe(cp.treeSize);
    expect(codes(v.problems)).toContain('rewritten');
  });

  it('refuses checkpoints not signed by the trusted key, and checkpoints of another ledger', async () => {
    const other = (await loadOrCreateKey(join(mkdtempSync(join(tmpdir(), 'vigil-key-')), 'k.pem'))).key;
    const forged = signCheckpoint(other, { logId: cp.origin.split('/')[1]!, treeSize: cp.treeSize, rootHash: cp.rootHash });
    expect((await check([forged])).problems).toMatchObject([{ code: 'bad_signature' }]);
    expect((await check([{ ...cp, treeSize: cp.treeSize - 1 }])).problems).toMatchObject([{ code: 'bad_signature' }]);
    const elsewhere = signCheckpoint(key, { logId: 'another', treeSize: cp.treeSize, rootHash: cp.rootHash });
    expect((await check([elsewhere])).problems).toMatchObject([{ code: 'other_ledger' }]);
  });

  it('grows consistently: a later seal proves consistency with the earlier checkpoint', async () => {
    await store.putIncidents([makeIncident({ id: 'inc:extra', raceId: 'us-ca-99' })]);
    await store.setIncidentStatus('inc:extra', 'open', 'second look');
    const sealed = await sealLedger(store, key);
    const next = sealed.checkpoint!;
    expect(next.treeSize).toBe(cp.treeSize + 1);
    const c = sealed.consistency!;
    expect(c).toMatchObject({ fromSize: cp.treeSize, fromRoot: cp.rootHash, toSize: next.treeSize, toRoot: next.rootHash });
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(verifyConsistency(c.fromSize, c.toSize, hex(c.fromRoot), hex(c.toRoot), c.proof.map(hex))).toBe(true);
    expect(verifyConsistency(c.fromSize, c.toSize, hex(c.toRoot), hex(c.toRoot), c.proof.map(hex))).toBe(false);
  });

  it("gives inclusion proofs a third party can check from the exported records and the checkpoint", async () => {
    const bundle = await loadCaseBundle(store, velorianScenario().watchlist);
    const refs = bundleLedgerRefs(bundle);
    applySeal(bundle, await sealLedger(store, key, { keep: (e) => refs.has(e.ref) }));
    const exported = JSON.parse(toJson(bundle)) as typeof bundle;
    const checkpoint = exported.ledger.checkpoint!;
    const proofs = exported.inclusionProofs!;
    expect(proofs.map((p) => p.ref)).toEqual(expect.arrayContaining(['x:2002', 'finding:f-dir-consul']));
    for (const item of proofs) expect(inclusionItemOk(item, checkpoint), item.ref).toBe(true);
    // The leaf is rebuilt from the exported post and its ledger entry: a forged export would not match.
    const entry = exported.evidence.find((e) => e.ref === 'x:2002')!;
    const post = exported.posts.find((p) => p.id === '2002')!;
    const item = proofs.find((p) => p.ref === 'x:2002')!;
    expect(leafData({ ...entry, fields: postFields(post) })).toBe(item.leaf);
    expect(leafData({ ...entry, fields: postFields({ ...post, text: 'forged' }) })).not.toBe(item.leaf);
    expect(inclusionItemOk({ ...item, leaf: leafData({ ...entry, fields: postFields({ ...post, text: 'forged' }) }) }, checkpoint)).toBe(false);
  });
});
