/**
 * The malformed-input corpus (test/fixtures/malformed, issue 11): each file through the ingest
 * pipeline into SQLite and, when VIGIL_TEST_POSTGRES_URL is set, PostgreSQL. Counts, quarantine codes
 * and notes are as expected, and both stores hold the same posts, field for field.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Post, QuarantineEntry } from '../model/types.js';
import { ingestFiles, type IngestCounts } from '../pipeline/ingest.js';
import { PostgresStore } from '../store/postgres.js';
import { SqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { fixture } from './test-helpers.js';

const url = process.env.VIGIL_TEST_POSTGRES_URL;

type Expect = { counts: Partial<IngestCounts>; codes?: [string, number | undefined][]; check?: (posts: Post[], q: QuarantineEntry[]) => void };

const CASES: Record<string, Expect> = {
  'deep.jsonl': { counts: { read: 3, stored: 2, quarantined: 1 }, codes: [['json_too_deep', undefined]] },
  'nul.jsonl': {
    counts: { read: 2, stored: 2, warned: 1 },
    check: (posts) => {
      const p = posts.find((x) => x.id === 'n1')!;
      expect(p.text).toBe('antes\u2400después');
      expect(p.notes![0]).toMatch(/^text: 1 U\+0000 \(NUL\) character at 5: NUL stored as U\+2400/);
    },
  },
  'lone-surrogate.jsonl': { counts: { read: 1, stored: 1, warned: 1 }, check: (posts) => expect(posts[0]!.text).toBe('mitad \ufffd de emoji') },
  'big-id.jsonl': { counts: { read: 2, stored: 1, quarantined: 1 }, codes: [['field_invalid', undefined]], check: (_p, q) => expect(q[0]!.reason).toContain('1583000000000000123') },
  'years.jsonl': { counts: { read: 3, stored: 3, warned: 2 }, check: (posts) => expect(posts.filter((p) => p.notes).map((p) => p.id)).toEqual(['y1', 'y2']) },
  'page-one-line.jsonl': { counts: { read: 3, stored: 1, quarantined: 2 }, codes: [['timestamp_invalid', 0], ['field_missing', 2]] },
  'jetstream-mixed.jsonl': { counts: { read: 7, stored: 1, quarantined: 1, skipped: 5 }, codes: [['field_missing', undefined]] },
  'nul-byte.csv': { counts: { read: 2, stored: 2, warned: 1 }, check: (posts) => expect(posts.find((p) => p.id === 'c1')!.raw).not.toContain('\u0000') },
  'bidi.jsonl': { counts: { read: 1, stored: 1, warned: 0 }, check: (posts) => expect(posts[0]!.text).toBe('\u202eetov on\u202c \u2066@rep_ejemplo\u2069 =cmd|x') },
  'bom-crlf.jsonl': { counts: { read: 2, stored: 2, quarantined: 0 } },
};

async function load(store: Store, file: string) {
  const { totals, failed } = await ingestFiles(store, [fixture('malformed', file)], { worker: false });
  const posts: Post[] = [];
  for await (const batch of store.iteratePosts()) posts.push(...batch);
  return { totals, failed, posts, quarantine: await store.listQuarantine() };
}

describe('malformed-input corpus', () => {
  for (const [file, want] of Object.entries(CASES)) {
    it(`${file}: ${JSON.stringify(want.counts)}${url ? ', same in PostgreSQL' : ''}`, async () => {
      const sqlite = new SqliteStore(':memory:');
      const a = await load(sqlite, file);
      await sqlite.close();
      expect(a.failed).toEqual([]);
      expect(a.totals).toMatchObject(want.counts);
      expect(a.totals.read).toBe(a.totals.stored + a.totals.duplicates + a.totals.quarantined + a.totals.skipped);
      if (want.codes) expect(a.quarantine.map((q) => [q.code, q.source.index])).toEqual(want.codes);
      want.check?.(a.posts, a.quarantine);
      if (!url) return;
      const pg = await PostgresStore.open(url, { schema: `vigil_test_${randomBytes(6).toString('hex')}` });
      try {
        const b = await load(pg, file);
        expect(b.totals).toEqual(a.totals);
        expect(b.posts).toEqual(a.posts);
        expect(b.quarantine).toEqual(a.quarantine);
      } finally {
        await pg.close();
      }
    });
  }
});
