import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, fieldHash, findingRecord, postFields, verifyLedger } from '../cases/ledger.js';
import type { EvidenceEntry, LedgerCheckpoint, Post } from '../model/types.js';
import { verifyStoreLedger } from '../cases/ledger-verify.js';
import type { PostSearch, Store } from './store.js';
import { makeEvidenceRef, makeFinding, makeIncident, makePost } from '../../test/builders/records.js';

/**
 * The behaviour every Store backend must have. Each backend's test file calls this with a factory
 * (SQLite always; PostgreSQL when a database URL is configured).
 */
export function storeSuite(
  name: string,
  open: () => Promise<Store>,
  tamper?: (store: Store, seq: number) => Promise<void>,
  /** Run SQL on the backend directly (as an attacker with database access would). */
  exec?: (store: Store, sql: string) => Promise<void>,
): void {
  describe(`Store: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores posts once per (platform, id) and counts duplicates', async () => {
      const a = makePost({ id: '1' });
      const b = makePost({ id: '2' });
      expect(await store.putPosts([a, b])).toEqual({ stored: 2, duplicates: 0 });
      expect(await store.putPosts([a, makePost({ id: '3' }), b])).toEqual({ stored: 1, duplicates: 2 });
      expect(await store.putPosts([makePost({ id: '1', platform: 'bluesky' })])).toEqual({ stored: 1, duplicates: 0 });
      expect(await store.countPosts()).toBe(4);
    });

    it('round-trips every post field, 19-digit ids exactly', async () => {
      const post = makePost({
        id: '1453216549873459201',
        lang: 'es',
        urls: ['https://example.org/a'],
        hashtags: ['NoVotenPorX'],
        mentions: ['cand'],
        replyTo: '9007199254740993',
        repostOf: '9007199254740995',
        repostOfAuthor: 'u9',
        quoteOf: '12',
        text: 'texto con acentos: á é <script>',
      });
      await store.putPosts([post]);
      expect(await store.getPost('x', '1453216549873459201')).toEqual(post);
      expect(await store.getPost('x', 'nope')).toBeUndefined();
    });

    it('gives the text, source and hash of the posts asked for, as getPost does', async () => {
      const posts = [makePost({ id: '21', text: 'first =cmd|' }), makePost({ id: '22', text: 'second' }), makePost({ id: '21', platform: 'bluesky', text: 'other platform' })];
      await store.putPosts(posts);
      const found = await store.getPostEvidence('x', ['22', 'nope', '21', '22']);
      expect([...found.keys()].sort()).toEqual(['21', '22']);
      for (const id of ['21', '22']) {
        const post = (await store.getPost('x', id))!;
        expect(found.get(id)).toEqual({ text: post.text, source: post.source, contentHash: post.contentHash });
      }
    });

    it('iterates all posts in batches', async () => {
      const posts = Array.from({ length: 25 }, (_, i) => makePost({ id: String(1000 + i) }));
      await store.putPosts(posts);
      const seen: string[] = [];
      let batches = 0;
      for await (const batch of store.iteratePosts({ batchSize: 10 })) {
        batches++;
        seen.push(...batch.map((p) => p.id));
      }
      expect(batches).toBe(3);
      expect(seen).toEqual(posts.map((p) => p.id));
    });

    it('gives the creation times of the accounts asked for, keeping a known time when a later record lacks it', async () => {
      await store.putAccounts([
        { platform: 'x', id: '7', handle: 'a', createdAt: '2026-05-01T10:00:00.000Z' },
        { platform: 'x', id: '8', handle: 'b' },
        { platform: 'x', id: '9', handle: 'd', createdAt: '2026-05-02T10:00:00.000Z' },
        { platform: 'bluesky', id: '7', handle: 'c', createdAt: '2020-01-01T00:00:00.000Z' },
      ]);
      await store.putAccounts([{ platform: 'x', id: '7', handle: 'a2' }]);
      expect([...(await store.accountCreatedTimes('x', ['7', '8', '404', '7']))]).toEqual([['7', '2026-05-01T10:00:00.000Z']]);
      expect([...(await store.accountCreatedTimes('x', ['9']))]).toEqual([['9', '2026-05-02T10:00:00.000Z']]);
      expect((await store.accountCreatedTimes('x', [])).size).toBe(0);
    });

    it('keeps quarantine entries with their location and reason', async () => {
      await store.putQuarantine([
        { source: { file: 'a.jsonl', line: 3, offset: 10 }, code: 'json_malformed', reason: 'bad', excerpt: '{' },
        { source: { file: 'a.jsonl', line: 4 }, code: 'field_missing', reason: 'no id', field: 'id' },
      ]);
      expect(await store.countQuarantine()).toBe(2);
      // Re-reading the same file quarantines each bad record once.
      await store.putQuarantine([{ source: { file: 'a.jsonl', line: 4 }, code: 'field_missing', reason: 'no id', field: 'id' }]);
      expect(await store.countQuarantine()).toBe(2);
      const [first, second] = await store.listQuarantine();
      expect(first).toEqual({ source: { file: 'a.jsonl', line: 3, offset: 10 }, code: 'json_malformed', reason: 'bad', excerpt: '{' });
      expect(second!.field).toBe('id');
    });

    it('keeps one quarantine entry per record of a line, by its index (issue 11), and each once', async () => {
      const entries = [0, 1, 2].map((index) => ({ source: { file: 'page.json', line: 1, offset: 0, index }, code: 'field_invalid', reason: `r${index}` }));
      await store.putQuarantine(entries);
      await store.putQuarantine(entries);
      expect(await store.countQuarantine()).toBe(3);
      expect((await store.listQuarantine()).map((q) => q.source.index)).toEqual([0, 1, 2]);
    });

    it('keeps a post whose text holds U+0000 or a lone surrogate, replaced with a note, the same in every store (issue 11)', async () => {
      const post = makePost({ id: 'nul', text: 'a\u0000b\u0000 \ud800 🐦', authorHandle: 'h\u0000', raw: '{"text":"a\\u0000b"}' });
      expect(await store.putPosts([post])).toEqual({ stored: 1, duplicates: 0 });
      const back = (await store.getPost('x', 'nul'))!;
      // PostgreSQL cannot hold U+0000; unreplaced, a lone surrogate came back as one U+FFFD from one store, three from the other.
      expect([back.text, back.authorHandle, back.contentHash]).toEqual(['a\u2400b\u2400 \ufffd 🐦', 'h\u2400', post.contentHash]);
      expect(back.notes).toEqual([expect.stringMatching(/^authorHandle: 1 U\+0000 \(NUL\) character at 1; text: 2 U\+0000 \(NUL\) characters at 1, 3, 1 lone surrogate at 5: NUL stored as U\+2400/)]);
      await store.putAccounts([{ platform: 'x', id: 'u\u0000', handle: 'h\u0000', description: 'd\u0000' }]);
      await store.putQuarantine([{ source: { file: 'f' }, code: 'csv_malformed', reason: 'r\u0000', excerpt: '\u0000\udc00' }]);
      expect((await store.listQuarantine())[0]).toMatchObject({ reason: 'r\u2400', excerpt: '\u2400\ufffd' });
    });

    it('round-trips hostile text unchanged: bidi controls, quotes, backslashes, SQL, emoji, 100,000 characters', async () => {
      const texts = ['\u202eevil\u2066', "'; DROP TABLE posts; --", 'back\\slash "q" \\u0000', '🐦‍🔥 \u00e9\u0301', '<script>alert(1)</script>', 'x'.repeat(100_000)];
      await store.putPosts(texts.map((text, i) => makePost({ id: `h${i}`, text, authorHandle: text.slice(0, 40) })));
      for (const [i, text] of texts.entries()) {
        const back = (await store.getPost('x', `h${i}`))!;
        expect([back.text, back.authorHandle, back.notes]).toEqual([text, text.slice(0, 40), undefined]);
      }
    });

    it('replaces findings by id and filters by kind and race', async () => {
      await store.putFindings([
        makeFinding({ id: 'f1' }),
        makeFinding({ id: 'f2', kind: 'threat', targets: { candidateIds: [], raceIds: ['race-b'] } }),
      ]);
      await store.putFindings([makeFinding({ id: 'f1', score: 0.1 })]);
      expect((await store.listFindings()).map((f) => f.id).sort()).toEqual(['f1', 'f2']);
      expect((await store.listFindings({ ids: ['f1'] }))[0]!.score).toBe(0.1);
      expect((await store.listFindings({ kind: 'threat' })).map((f) => f.id)).toEqual(['f2']);
      expect((await store.listFindings({ raceId: 'race-a' })).map((f) => f.id)).toEqual(['f1']);
      expect(await store.deleteFindings(['threat', 'coordination'])).toBe(1);
      expect((await store.listFindings()).map((f) => f.id)).toEqual(['f1']);
    });

    it('keeps analyst status and notes when incidents are recomputed', async () => {
      await store.putIncidents([makeIncident()]);
      await store.setIncidentStatus('inc:race-a:actor-a', 'reviewing', 'checked the consulate handle');
      await store.putIncidents([makeIncident({ score: 0.9, findingIds: ['a', 'b'] })]);
      const inc = await store.getIncident('inc:race-a:actor-a');
      expect(inc).toMatchObject({ status: 'reviewing', notes: ['checked the consulate handle'], score: 0.9, findingIds: ['a', 'b'] });
      await expect(store.setIncidentStatus('missing', 'open')).rejects.toMatchObject({ code: 'store' });
      expect(await store.listIncidents({ raceId: 'race-b' })).toEqual([]);
    });

    describe('case workflow (issue 10)', () => {
      const ID = 'inc:race-a:actor-a';

      it('keeps who did what and when, in order, with the status before each change', async () => {
        await store.putIncidents([makeIncident()]);
        const a1 = await store.recordCaseAction(ID, { assignee: 'Ana Ruiz' }, 'lead');
        const a2 = await store.recordCaseAction(ID, { status: 'reviewing', note: 'consul handle checked <b>' }, 'Ana Ruiz');
        await store.recordCaseAction(ID, { status: 'confirmed' }, 'Ana Ruiz');
        const trail = await store.listCaseActions(ID);
        expect(trail.map((a) => [a.by, a.status ?? null, a.previousStatus ?? null, a.note ?? null, a.assignee ?? null])).toEqual([
          ['lead', null, null, null, 'Ana Ruiz'],
          ['Ana Ruiz', 'reviewing', 'open', 'consul handle checked <b>', null],
          ['Ana Ruiz', 'confirmed', 'reviewing', null, null],
        ]);
        expect(trail[0]).toEqual(a1);
        expect(a2.seq).toBeGreaterThan(a1.seq);
        expect(Date.parse(a2.at)).toBeGreaterThanOrEqual(Date.parse(a1.at));
        expect(await store.getIncident(ID)).toMatchObject({ status: 'confirmed', assignee: 'Ana Ruiz', notes: ['consul handle checked <b>'] });
        expect(await store.listCaseActions('inc:other')).toEqual([]);
      });

      it('hands an incident back, and keeps assignee and trail when analyze recomputes it', async () => {
        await store.putIncidents([makeIncident()]);
        await store.recordCaseAction(ID, { assignee: 'Ana Ruiz' }, 'lead');
        await store.putIncidents([makeIncident({ score: 0.95 })]);
        expect(await store.getIncident(ID)).toMatchObject({ assignee: 'Ana Ruiz', score: 0.95 });
        expect((await store.listIncidents())[0]!.assignee).toBe('Ana Ruiz');
        await store.recordCaseAction(ID, { assignee: null }, 'lead');
        expect(await store.getIncident(ID)).not.toHaveProperty('assignee');
        expect(await store.listCaseActions(ID)).toHaveLength(2);
        await expect(store.recordCaseAction('missing', { note: 'x' }, 'lead')).rejects.toMatchObject({ code: 'store' });
        expect(await store.listCaseActions('missing')).toEqual([]);
      });

      it('keeps the latest decision on each finding, whatever re-runs do to the finding', async () => {
        await store.putIncidents([makeIncident({ findingIds: ['f1', 'f2'] })]);
        await store.putFindings([makeFinding({ id: 'f1' }), makeFinding({ id: 'f2' })]);
        await store.recordCaseAction(ID, { finding: { id: 'f1', decision: 'dismissed' }, note: 'a namesake' }, 'Ana Ruiz');
        await store.recordCaseAction(ID, { finding: { id: 'f2', decision: 'confirmed' } }, 'Ana Ruiz');
        await store.recordCaseAction(ID, { finding: { id: 'f2', decision: 'dismissed' } }, 'Ben Ode');
        // analyze clears and rewrites findings: decisions are not theirs to clear.
        await store.deleteFindings(['directive']);
        await store.putFindings([makeFinding({ id: 'f1', score: 0.2 }), makeFinding({ id: 'f2' })]);
        const d = await store.findingDecisions(['f1', 'f2', 'f3']);
        expect([...d.keys()].sort()).toEqual(['f1', 'f2']);
        expect(d.get('f1')).toMatchObject({ by: 'Ana Ruiz', finding: { id: 'f1', decision: 'dismissed' }, note: 'a namesake' });
        expect(d.get('f2')).toMatchObject({ by: 'Ben Ode', finding: { id: 'f2', decision: 'dismissed' } });
        expect((await store.getIncident(ID))!.status).toBe('open');
      });

      it('merges an incident into another: the target holds both sets of findings, across re-runs, until undone', async () => {
        const B = 'inc:race-a:actor-b';
        await store.putFindings([
          makeFinding({ id: 'f1', kind: 'directive', score: 0.6, observedAt: '2022-10-02T00:00:00.000Z' }),
          makeFinding({ id: 'f2', kind: 'coordination', score: 0.5, observedAt: '2022-10-01T00:00:00.000Z' }),
        ]);
        const analyzed = () => store.putIncidents([makeIncident({ findingIds: ['f1'], score: 0.6 }), makeIncident({ id: B, subject: 'actor-b', findingIds: ['f2'], score: 0.5 })]);
        await analyzed();
        await store.recordCaseAction(B, { mergeInto: ID, note: 'same operation' }, 'Ana Ruiz');
        const check = async () => {
          const target = (await store.getIncident(ID))!;
          expect(target).toMatchObject({ findingIds: ['f2', 'f1'], mergedFrom: [B], score: 0.8, firstSeen: '2022-10-01T00:00:00.000Z', lastSeen: '2022-10-02T00:00:00.000Z' });
          expect(await store.getIncident(B)).toMatchObject({ mergedInto: ID, findingIds: ['f2'] });
          const listed = await store.listIncidents({ raceId: 'race-a' });
          expect(listed.map((i) => [i.id, i.mergedInto ?? null, i.findingIds.length])).toEqual([
            [ID, null, 2],
            [B, ID, 1],
          ]);
        };
        await check();
        await analyzed(); // analyze runs again
        await check();
        expect((await verifyStoreLedger(store)).problems).toEqual([]);
        await store.recordCaseAction(B, { mergeInto: null }, 'Ana Ruiz');
        expect(await store.getIncident(ID)).toMatchObject({ findingIds: ['f1'], score: 0.6 });
        expect(await store.getIncident(ID)).not.toHaveProperty('mergedFrom');
        expect(await store.getIncident(B)).not.toHaveProperty('mergedInto');
        if (!exec) return;
        await exec(store, `UPDATE incidents SET merged_into = '${ID}' WHERE id = '${B}'`);
        expect((await verifyStoreLedger(store)).problems).toEqual([expect.objectContaining({ ref: `incident:${B}`, fields: ['merge'] })]);
      });

      it('splits findings off into a new incident of the race: kept across re-runs, logged on both, until undone', async () => {
        const at = (h: number) => `2022-10-0${h}T00:00:00.000Z`;
        const findings = () => [
          makeFinding({ id: 'f1', kind: 'directive', score: 0.6, observedAt: at(1) }),
          makeFinding({ id: 'f2', kind: 'coordination', score: 0.5, observedAt: at(2) }),
          makeFinding({ id: 'f3', kind: 'coordination', score: 0.4, observedAt: at(3) }),
        ];
        const analyzed = async () => {
          await store.deleteFindings(['directive', 'coordination']);
          await store.putFindings(findings());
          await store.putIncidents([makeIncident({ findingIds: ['f1', 'f2', 'f3'], score: 0.9, firstSeen: at(1), lastSeen: at(3) })]);
        };
        await analyzed();
        await store.recordCaseAction(ID, { status: 'reviewing' }, 'Ana Ruiz');
        const action = await store.recordCaseAction(ID, { split: { findings: ['f3', 'f2'] }, note: 'a second network' }, 'Ana Ruiz');
        const S = action.split!.into!;
        expect(S).toMatch(/^inc:race-a:actor-a:split-[0-9a-f]{12}$/);
        const check = async () => {
          expect(await store.getIncident(ID)).toMatchObject({ findingIds: ['f1'], splitInto: [S], score: 0.6, firstSeen: at(1), lastSeen: at(1), status: 'reviewing' });
          const split = (await store.getIncident(S))!;
          expect(split).toMatchObject({ raceId: 'race-a', subject: 'actor-a', splitFrom: { incident: ID, findings: ['f2', 'f3'] }, findingIds: ['f2', 'f3'], firstSeen: at(2), lastSeen: at(3), status: 'open', notes: [] });
          expect(split.score).toBeLessThan(0.9);
          const listed = await store.listIncidents({ raceId: 'race-a' });
          expect(listed.map((i) => [i.id, i.findingIds])).toEqual([
            [ID, ['f1']],
            [S, ['f2', 'f3']],
          ]);
        };
        await check();
        await analyzed(); // analyze runs again: it rewrites the findings and the original incident
        await check();
        // Each history links the other; the same choice gives the same id.
        expect((await store.listCaseActions(ID)).at(-1)).toMatchObject({ by: 'Ana Ruiz', split: { findings: ['f2', 'f3'], into: S }, note: 'a second network' });
        expect(await store.listCaseActions(S)).toEqual([expect.objectContaining({ by: 'Ana Ruiz', splitFrom: { incident: ID, findings: ['f2', 'f3'] } })]);
        expect((await verifyStoreLedger(store)).problems).toEqual([]);
        await store.recordCaseAction(S, { status: 'confirmed' }, 'Ben Ode');
        await expect(store.recordCaseAction(ID, { split: { findings: ['f1'], into: 'inc:nope' } }, 'Ana Ruiz')).rejects.toMatchObject({ code: 'store' });
        // Undo: the findings go back; the split keeps its page and history but is no longer listed.
        await store.recordCaseAction(S, { splitFrom: null }, 'Ben Ode');
        expect(await store.getIncident(ID)).toMatchObject({ findingIds: ['f1', 'f2', 'f3'], score: 0.9 });
        expect(await store.getIncident(ID)).not.toHaveProperty('splitInto');
        expect(await store.getIncident(S)).toMatchObject({ splitUndone: ID, findingIds: [], status: 'confirmed' });
        expect((await store.listIncidents()).map((i) => i.id)).toEqual([ID]);
        expect((await store.listCaseActions(ID)).at(-1)).toMatchObject({ by: 'Ben Ode', unsplit: S });
        await expect(store.recordCaseAction(S, { splitFrom: null }, 'Ben Ode')).rejects.toMatchObject({ code: 'store' });
        expect((await verifyStoreLedger(store)).problems).toEqual([]);
        // Split the same findings again: the same incident comes back, with what the analyst set on it.
        const again = await store.recordCaseAction(ID, { split: { findings: ['f2', 'f3'] } }, 'Ana Ruiz');
        expect(again.split!.into).toBe(S);
        expect(await store.getIncident(S)).toMatchObject({ findingIds: ['f2', 'f3'], status: 'confirmed' });
        // A finding analyze adds later goes to the original; moving it too extends the split.
        await store.putFindings([makeFinding({ id: 'f4', kind: 'coordination', score: 0.3, observedAt: at(4) })]);
        await store.putIncidents([makeIncident({ findingIds: ['f1', 'f2', 'f3', 'f4'], score: 0.9 })]);
        expect((await store.getIncident(ID))!.findingIds).toEqual(['f1', 'f4']);
        await store.recordCaseAction(ID, { split: { findings: ['f4'], into: S } }, 'Ana Ruiz');
        expect((await store.getIncident(S))!.findingIds).toEqual(['f2', 'f3', 'f4']);
        expect((await store.getIncident(ID))!.findingIds).toEqual(['f1']);
        expect((await verifyStoreLedger(store)).problems).toEqual([]);
        if (!exec) return;
        // Moving a finding back in the database, or deleting the split, is found.
        const json = name === 'postgres' ? `'["f2","f3"]'::jsonb` : `'["f2","f3"]'`;
        await exec(store, `UPDATE incidents SET split_findings = ${json} WHERE id = '${S}'`);
        expect((await verifyStoreLedger(store)).problems).toEqual([expect.objectContaining({ code: 'action_changed', ref: `incident:${S}`, fields: ['split'] })]);
        await exec(store, `DELETE FROM incidents WHERE id = '${S}'`);
        expect((await verifyStoreLedger(store)).problems).toEqual([expect.objectContaining({ code: 'action_changed', ref: `incident:${ID}`, fields: ['split'] })]);
      });

      it('logs each action in the ledger; verify names an edited trail, status or assignee', async () => {
        await store.putIncidents([makeIncident()]);
        await store.recordCaseAction(ID, { assignee: 'Ana Ruiz', status: 'reviewing' }, 'lead');
        await store.recordCaseAction(ID, { finding: { id: 'f1', decision: 'dismissed' } }, 'Ana Ruiz');
        expect((await verifyStoreLedger(store)).problems).toEqual([]);
        if (!exec) return;
        const body = name === 'postgres' ? "replace(body::text, 'Ana Ruiz', 'Someone Else')::jsonb" : "replace(body, 'Ana Ruiz', 'Someone Else')";
        await exec(store, `UPDATE case_actions SET body = ${body} WHERE seq = 2`);
        await exec(store, "UPDATE incidents SET assignee = 'Someone Else'");
        const problems = (await verifyStoreLedger(store)).problems;
        expect(problems).toEqual([expect.objectContaining({ code: 'action_changed', ref: `incident:${ID}`, fields: ['assignee', 'history'] })]);
      });
    });

    it('appends evidence as a hash chain, once per (ref, sha256)', async () => {
      const first = await store.appendEvidence([makeEvidenceRef(1), makeEvidenceRef(2)], '2022-11-01T00:00:00.000Z');
      const again = await store.appendEvidence([makeEvidenceRef(2), makeEvidenceRef(3)], '2022-11-02T00:00:00.000Z');
      expect(first.map((e) => e.seq)).toEqual([1, 2]);
      expect(again.map((e) => e.seq)).toEqual([2, 3]);
      expect(again[1]!.prevHash).toBe(first[1]!.hash);
      const check = await verifyLedger(store.iterateEvidence({ batchSize: 2 }));
      expect(check).toMatchObject({ ok: true, entries: 3, head: again[1]!.hash });
    });

    describe('ledger (issue 11)', () => {
      const all = async () => {
        const out: EvidenceEntry[] = [];
        for await (const batch of store.iterateEvidence()) out.push(...batch);
        return out;
      };

      it("gives a post's entry the hashes of every field of the post as stored", async () => {
        const post = makePost({ id: '77', text: 'fictional text', urls: ['https://example.org/x'], notes: ['a note from ingest'] });
        await store.putPosts([post]);
        const [entry] = await store.appendEvidence([{ kind: 'post', ref: 'x:77', source: post.source, sha256: post.contentHash }]);
        const stored = (await store.getPost('x', '77'))!;
        expect(entry!.fields).toEqual(postFields(stored));
        expect(Object.keys(entry!.fields!)).toEqual(expect.arrayContaining(['text', 'authorHandle', 'createdAt', 'urls', 'source', 'notes']));
        expect(entry!.fields).not.toHaveProperty('raw');
        expect(entryHash(entry!)).toBe(entry!.hash);
        // A ref not in the store is logged without field hashes (only its raw SHA-256 is known).
        const [other] = await store.appendEvidence([makeEvidenceRef(5)]);
        expect(other!.fields).toBeUndefined();
        expect((await all()).map((e) => e.seq)).toEqual([1, 2]);
      });

      it('logs each finding as stored, again only when it differs from its latest entry', async () => {
        await store.putFindings([makeFinding({ id: 'f1', score: 0.5 })]);
        await store.putFindings([makeFinding({ id: 'f1', score: 0.5 })]);
        await store.putFindings([makeFinding({ id: 'f1', score: 0.7 })]);
        await store.putFindings([makeFinding({ id: 'f1', score: 0.5 })]);
        const entries = await all();
        expect(entries.map((e) => [e.kind, e.ref])).toEqual(Array(3).fill(['finding', 'finding:f1']));
        const [stored] = await store.listFindings({ ids: ['f1'] });
        expect(entries[2]!.sha256).toBe(findingRecord(stored!).sha256);
        expect(entries[0]!.fields!.score).not.toBe(entries[1]!.fields!.score);
        expect(entries[0]!.fields!.explanation).toBe(entries[1]!.fields!.explanation);
      });

      it('logs every analyst action: status and note', async () => {
        await store.putIncidents([makeIncident()]);
        await store.setIncidentStatus('inc:race-a:actor-a', 'reviewing', 'checked the consulate handle');
        await store.setIncidentStatus('inc:race-a:actor-a', 'confirmed');
        const entries = await all();
        expect(entries.map((e) => [e.kind, e.ref])).toEqual(Array(2).fill(['action', 'incident:inc:race-a:actor-a']));
        expect(entries[0]!.fields).toEqual({ by: fieldHash('vigil'), status: fieldHash('reviewing'), note: fieldHash('checked the consulate handle') });
        expect(entries[1]!.fields).toEqual({ by: fieldHash('vigil'), status: fieldHash('confirmed') });
        // A failed action logs nothing.
        await expect(store.setIncidentStatus('missing', 'open', 'x')).rejects.toMatchObject({ code: 'store' });
        expect(await all()).toHaveLength(2);
      });

      it('verifies what it logged as it reads it back, and names a post field or status edited in the database', async () => {
        const posts = [
          makePost({ id: '1', text: 'texto con acentos: á é', urls: ['https://example.org/a'], createdAt: '2022-10-01T12:00:00Z' }),
          makePost({ id: '2', authorHandle: 'Consul_X', source: { file: 'b.jsonl', line: 2, offset: 10, index: 1 } }),
        ];
        await store.putPosts(posts);
        await store.putFindings([makeFinding({ id: 'f1', detail: { z: 1, a: [0.30000000000000004, 'x'] }, evidence: posts.map((p) => ({ kind: 'post', ref: `x:${p.id}`, source: p.source, sha256: p.contentHash })) })]);
        await store.putIncidents([makeIncident()]);
        await store.setIncidentStatus('inc:race-a:actor-a', 'confirmed', 'checked');
        await store.appendEvidence(posts.map((p) => ({ kind: 'post', ref: `x:${p.id}`, source: p.source, sha256: p.contentHash })));
        const clean = await verifyStoreLedger(store);
        expect(clean.problems).toEqual([]);
        expect(clean.entries).toBe(4);
        if (!exec) return;
        await exec(store, "UPDATE posts SET author_handle = 'someone_else' WHERE id = '2'");
        await exec(store, "UPDATE incidents SET status = 'dismissed'");
        expect((await verifyStoreLedger(store)).problems).toMatchObject([
          { code: 'post_changed', ref: 'x:2', fields: ['authorHandle'] },
          { code: 'action_changed', fields: ['status'] },
        ]);
      });

      it('keeps signed checkpoints, oldest first', async () => {
        const cp = (n: number): LedgerCheckpoint => ({
          format: 'vigil-checkpoint/1',
          origin: 'vigil-ledger/test',
          treeSize: n,
          rootHash: String(n).repeat(64).slice(0, 64),
          timestamp: `2026-10-0${n}T00:00:00.000Z`,
          keyId: '0123456789abcdef',
          publicKey: 'AAAA',
          signature: `sig${n}`,
        });
        expect(await store.listCheckpoints()).toEqual([]);
        await store.putCheckpoint(cp(3));
        await store.putCheckpoint(cp(1));
        expect(await store.listCheckpoints()).toEqual([cp(3), cp(1)]);
      });
    });

    if (tamper) {
      it('lets verify name the first tampered entry', async () => {
        await store.appendEvidence([1, 2, 3, 4].map(makeEvidenceRef));
        await tamper(store, 3);
        const check = await verifyLedger(store.iterateEvidence());
        expect(check).toMatchObject({ ok: false, brokenSeq: 3 });
      });
    }

    describe('searchPosts', () => {
      const ids = (r: { posts: { id: string }[] }) => r.posts.map((p) => p.id);
      const all = async (filter: Omit<PostSearch, 'limit' | 'after'>, limit = 3, from?: string) => {
        const out: string[] = [];
        let after = from;
        for (let pages = 0; pages < 100; pages++) {
          const r = await store.searchPosts({ ...filter, after, limit });
          out.push(...ids(r));
          if (!r.next) return out;
          after = r.next;
        }
        throw new Error('searchPosts: too many pages');
      };

      it('matches folded words: case and accents ignored, whole words only', async () => {
        await store.putPosts([
          makePost({ id: '1', text: 'Élection à MONTRÉAL ce soir' }),
          makePost({ id: '2', text: 'election day in montreal' }),
          makePost({ id: '3', text: 'natural selection, montrealers' }),
        ]);
        expect((await all({ q: 'ELECTION' })).sort()).toEqual(['1', '2']);
        expect((await all({ q: 'Montréal' })).sort()).toEqual(['1', '2']);
        // Words together and in order.
        expect(await all({ q: 'election day' })).toEqual(['2']);
        expect(await all({ q: 'day election' })).toEqual([]);
      });

      it('filters by author handle or id, case-insensitively, and by time (since inclusive, until exclusive)', async () => {
        await store.putPosts([
          makePost({ id: '1', authorHandle: 'Consul_X', authorId: 'u9', createdAt: '2022-10-01T00:00:00.000Z' }),
          makePost({ id: '2', authorHandle: 'consul_x', authorId: 'u9', createdAt: '2022-10-02T00:00:00.000Z' }),
          makePost({ id: '3', authorHandle: 'other', authorId: 'U10', createdAt: '2022-10-03T00:00:00.000Z' }),
        ]);
        expect(await all({ author: '@CONSUL_x' })).toEqual(['2', '1']);
        expect(await all({ author: 'u10' })).toEqual(['3']);
        expect(await all({ since: '2022-10-02T00:00:00.000Z' })).toEqual(['3', '2']);
        expect(await all({ until: '2022-10-02T00:00:00.000Z' })).toEqual(['1']);
        expect(await all({ author: 'u9', since: '2022-10-01T12:00:00Z', until: '2022-10-03T00:00:00Z' })).toEqual(['2']);
      });

      it('pages newest first with a keyset cursor: no duplicates, no gaps, ties broken by platform and id', async () => {
        // 30 posts over 7 distinct times on two platforms, so many share a time.
        const posts = Array.from({ length: 30 }, (_, i) =>
          makePost({
            id: `p${(i * 7) % 30}`,
            platform: i % 2 ? 'bluesky' : 'x',
            createdAt: new Date(Date.UTC(2022, 9, 1 + (i % 7))).toISOString(),
            text: i % 3 ? 'rally downtown' : 'weather',
          }),
        );
        await store.putPosts(posts);
        const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
        const expected = [...posts]
          .sort((a, b) => desc(a.createdAt, b.createdAt) || desc(a.platform, b.platform) || desc(a.id, b.id))
          .map((p) => p.id);
        for (const limit of [1, 4, 7, 30, 100]) expect(await all({}, limit)).toEqual(expected);
        const rally = posts.filter((p) => p.text.startsWith('rally')).map((p) => p.id);
        const paged = await all({ q: 'rally' }, 4);
        expect(new Set(paged).size).toBe(paged.length);
        expect(paged.sort()).toEqual(rally.sort());
        // A post newer than the cursor appears neither twice nor in place of another on later pages.
        const first = await store.searchPosts({ limit: 5 });
        await store.putPosts([makePost({ id: 'late', createdAt: '2030-01-01T00:00:00.000Z' })]);
        const rest = await all({}, 5, first.next);
        expect([...ids(first), ...rest]).toEqual(expected);
      });

      it('matches a race by any of its terms as whole phrases', async () => {
        await store.putPosts([
          makePost({ id: '1', text: 'Rufus Firefly speaks tonight' }),
          makePost({ id: '2', text: 'thanks @firefly_hq for the flyers', mentions: ['firefly_hq'] }),
          makePost({ id: '3', text: 'results for FD-01 are in' }),
          makePost({ id: '4', text: 'fireflies and a rufus hummingbird' }),
          makePost({ id: '5', text: 'Firefly rufus' }),
        ]);
        const raceTerms = ['Rufus Firefly', 'firefly_hq', 'FD-01'];
        expect((await all({ raceTerms })).sort()).toEqual(['1', '2', '3']);
        expect(await all({ raceTerms, q: 'tonight' })).toEqual(['1']);
        expect(await all({ raceTerms: ['***'] })).toEqual([]);
      });

      it('treats query syntax as words (no FTS/tsquery injection) and bounds the query', async () => {
        await store.putPosts([
          makePost({ id: '1', text: 'meet NEAR the harbour OR the bridge' }),
          makePost({ id: '2', text: 'harbour bridge' }),
        ]);
        for (const q of ['"', '*', 'NEAR(', ')', 'OR', '" * NEAR( ) OR', 'text:*', "'; DROP TABLE posts; --", '!(&|<->)']) {
          await expect(store.searchPosts({ q, limit: 10 })).resolves.toBeDefined();
        }
        // "harbour OR bridge" is the three words in order, not a disjunction.
        expect(await all({ q: 'harbour OR the bridge' })).toEqual(['1']);
        expect(await all({ q: 'NEAR(harbour bridge)' })).toEqual([]);
        expect(await all({ q: '*' })).toEqual([]);
        expect(await all({ q: 'x'.repeat(100_000) })).toEqual([]);
        expect(await store.countPosts()).toBe(2);
      });

      it('pages a generated store as a sort of all matches would (stored roughly in time order, then an older archive)', async () => {
        // 1,200 posts over 6 zone-map blocks of the SQLite store; ids and platforms break the ties.
        const posts = Array.from({ length: 1200 }, (_, i) =>
          makePost({
            id: `g${(i * 37) % 1200}`,
            platform: i % 4 ? 'x' : 'bluesky',
            createdAt: new Date(Date.UTC(2022, 9, 1) + (i < 900 ? 50_000 + i * 10 + (i % 7) * 15 : i * 20) * 60_000).toISOString(),
            text: `all ${i % 2 ? 'odd' : 'even'} ${i % 9 === 4 ? 'blue red' : 'red blue'} ${i % 150 === 1 ? 'Rufus Firefly' : ''}`,
          }),
        );
        await store.putPosts(posts);
        const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
        const newestFirst = [...posts].sort((a, b) => desc(a.createdAt, b.createdAt) || desc(a.platform, b.platform) || desc(a.id, b.id));
        const has = (p: Post, phrase: string) => ` ${p.text.toLowerCase().split(/ +/).join(' ')} `.includes(` ${phrase} `);
        const since = '2022-10-20T00:00:00.000Z';
        const cases: [Omit<PostSearch, 'limit' | 'after'>, (p: Post) => boolean][] = [
          [{ q: 'all' }, () => true],
          [{ q: 'odd' }, (p) => has(p, 'odd')],
          [{ q: 'blue red' }, (p) => has(p, 'blue red')],
          [{ raceTerms: ['Rufus Firefly'] }, (p) => has(p, 'rufus firefly')],
          [{ q: 'even', since }, (p) => has(p, 'even') && p.createdAt >= since],
          [{ q: 'red blue', until: since }, (p) => has(p, 'red blue') && p.createdAt < since],
        ];
        for (const [filter, keep] of cases) {
          const expected = newestFirst.filter(keep).map((p) => p.id);
          expect(await all(filter, 25), JSON.stringify(filter)).toEqual(expected);
        }
      });

      it('indexes posts stored during a bulk load', async () => {
        await store.putPosts([makePost({ id: '1', text: 'before the load' })]);
        await store.bulkLoad(async () => {
          await store.putPosts([makePost({ id: '2', text: 'during the load' }), makePost({ id: '1', text: 'duplicate load' })]);
        });
        await store.putPosts([makePost({ id: '3', text: 'after the load' })]);
        expect((await all({ q: 'load' })).sort()).toEqual(['1', '2', '3']);
        expect(await all({ q: 'duplicate' })).toEqual([]);
      });
    });

    it('keeps small state values', async () => {
      expect(await store.getState('cursor')).toBeUndefined();
      await store.setState('cursor', '1');
      await store.setState('cursor', '2');
      expect(await store.getState('cursor')).toBe('2');
    });
  });
}
