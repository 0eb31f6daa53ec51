import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../cases/ledger.js';
import type { Store } from './store.js';
import { makeEvidenceRef, makeFinding, makeIncident, makePost } from '../../test/builders/records.js';

/**
 * The behaviour every Store backend must have. Each backend's test file calls this with a factory
 * (SQLite always; PostgreSQL when a database URL is configured).
 */
export function storeSuite(name: string, open: () => Promise<Store>, tamper?: (store: Store, seq: number) => Promise<void>): void {
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

    it('appends evidence as a hash chain, once per (ref, sha256)', async () => {
      const first = await store.appendEvidence([makeEvidenceRef(1), makeEvidenceRef(2)], '2022-11-01T00:00:00.000Z');
      const again = await store.appendEvidence([makeEvidenceRef(2), makeEvidenceRef(3)], '2022-11-02T00:00:00.000Z');
      expect(first.map((e) => e.seq)).toEqual([1, 2]);
      expect(again.map((e) => e.seq)).toEqual([2, 3]);
      expect(again[1]!.prevHash).toBe(first[1]!.hash);
      const check = await verifyLedger(store.iterateEvidence({ batchSize: 2 }));
      expect(check).toMatchObject({ ok: true, entries: 3, head: again[1]!.hash });
    });

    if (tamper) {
      it('lets verify name the first tampered entry', async () => {
        await store.appendEvidence([1, 2, 3, 4].map(makeEvidenceRef));
        await tamper(store, 3);
        const check = await verifyLedger(store.iterateEvidence());
        expect(check).toMatchObject({ ok: false, brokenSeq: 3 });
      });
    }

    it('keeps small state values', async () => {
      expect(await store.getState('cursor')).toBeUndefined();
      await store.setState('cursor', '1');
      await store.setState('cursor', '2');
      expect(await store.getState('cursor')).toBe('2');
    });
  });
}
