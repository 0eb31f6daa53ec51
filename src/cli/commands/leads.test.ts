/**
 * `vigil leads` through the CLI (issue 12): the stable --json line, articles stored like any record,
 * the quoted post linked to the stored one, what to collect when it is missing, confirm / edit /
 * dismiss, and the STIX and CSV exports.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vigil } from '../../../test/builders/cli.js';
import { openStore } from '../../store/index.js';
import { sha256 } from '../../util/hash.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-cli-leads-'));
let n = 0;
const W = 'demo/watchlist.yaml';
const SEED = 'demo/data/articles/seed-ca35-2022.txt';

async function demoStore(): Promise<string> {
  const db = join(dir, `v${n++}.db`);
  expect((await vigil('ingest', '--db', db, 'demo/data/seed-case.jsonl')).code).toBe(0);
  expect((await vigil('analyze', '--db', db, '--watch', W)).code).toBe(0);
  return db;
}
const lines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('vigil leads', () => {
  it('--json: one line per lead in the issue\'s shape; the quoted directive linked to the stored post; the article stored with its hash', async () => {
    const db = await demoStore();
    const r = await vigil('leads', '--watch', W, '--db', db, '--input', SEED, '--json');
    expect(r.code).toBe(0);
    const [l, ...rest] = lines(r.stdout);
    expect(rest).toEqual([]);
    expect(Object.keys(l!).slice(0, 8)).toEqual(['article', 'accusers', 'accused', 'race_ids', 'candidate_ids', 'allegations', 'quoted_posts', 'responses']);
    expect(l!.accusers).toEqual(['Norma Torres']);
    expect(l!.accused.map((a: any) => a.actor_id)).toEqual(['sv-president', null, null, null]);
    expect(l!.race_ids).toEqual(['us-house-ca-35-2022']);
    expect(l!.quoted_posts).toEqual([expect.objectContaining({ author_handle: 'nayibbukele', date: '2021-04', stored_ref: 'x:seed-bukele-2021-04' })]);
    expect(l!.responses.map((x: any) => x.kind)).toEqual(['condemnation', 'counter_accusation', 'no_comment']);
    expect(l!.incident_ids).toEqual(['inc:us-house-ca-35-2022:sv-government']);
    const store = await openStore(db);
    try {
      const post = await store.getPost('news', l!.article_ref.slice('news:'.length));
      expect(post?.contentHash).toBe(sha256(readFileSync(SEED, 'utf8')));
      expect(post?.source).toEqual({ file: SEED });
    } finally {
      await store.close();
    }
  });

  it('without a store (none at the default path, no --db): leads are printed, nothing is kept, stderr says so', async () => {
    const cwd = process.cwd();
    const abs = (p: string) => join(cwd, p);
    process.chdir(mkdtempSync(join(tmpdir(), 'vigil-leads-nostore-')));
    try {
      const r = await vigil('leads', '--watch', abs(W), '--input', abs(SEED), '--json');
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/no store .*articles are not kept/);
      expect(lines(r.stdout)[0]!.accusers).toEqual(['Norma Torres']);
      expect(existsSync('.vigil')).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });

  it('says what to collect when the store lacks the quoted post', async () => {
    const db = join(dir, `empty${n++}.db`);
    const r = await vigil('leads', '--watch', W, '--db', db, SEED, '--json');
    const [l] = lines(r.stdout);
    expect(l!.quoted_posts[0].stored_ref).toBeNull();
    expect(l!.collect_next[0]).toMatch(/^no archive in the store holds @nayibbukele posts from April 2021/);
  });

  it('no allegation and non-articles are reported on stderr; feeds give one lead per item', async () => {
    const db = join(dir, `f${n++}.db`);
    const r = await vigil('leads', '--watch', W, '--db', db, 'demo/data/articles/oh19-debate-en.txt', 'test/fixtures/leads/', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/oh19-debate-en\.txt: no lead: no allegation found/);
    expect(r.stderr).toMatch(/section-front\.html: not an article \(not_article\)/);
    expect(r.stderr).toMatch(/ohio-ledger\.rss#2: not an article/);
    const got = lines(r.stdout).map((l) => [l.article, l.accused.map((a: any) => a.actor_id), l.allegations, l.responses.map((x: any) => x.kind)]);
    expect(got).toEqual([
      ['https://ohio-ledger.example/2026/10/28/hack', ['xv-government'], ['hacking'], ['no_comment']],
      ['https://ohio-ledger.example/2026/10/22/consul-pressure', ['xv-consul-barrowby'], ['threat'], ['denial', 'no_comment']],
    ]);
    expect(r.stderr).toMatch(/leads: 4 articles read, 2 leads, 2 without a lead, 2 not articles/);
  });

  it('confirm files the lead into the incident of its actor and race; edit and dismiss; exports', async () => {
    const db = await demoStore();
    const [l] = lines((await vigil('leads', '--watch', W, '--db', db, SEED, '--json')).stdout);
    const id = l!.id as string;
    const edit = await vigil('leads', '--watch', W, '--db', db, '--edit', id, '--set', 'allegations=directive;harassment;threat;coordination', '--json');
    expect(lines(edit.stdout)[0]!.allegations).toEqual(['directive', 'harassment', 'threat', 'coordination']);
    const c = await vigil('leads', '--watch', W, '--db', db, '--confirm', id, '--note', 'checked against the archive');
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(`${id} confirmed; filed in incident inc:us-house-ca-35-2022:sv-government`);
    const store = await openStore(db);
    try {
      const inc = await store.getIncident('inc:us-house-ca-35-2022:sv-government');
      expect(inc?.findingIds).toContain(`allegation:${id}`);
      const [f] = await store.listFindings({ ids: [`allegation:${id}`] });
      expect(f?.evidence.map((e) => e.ref)).toEqual([l!.article_ref, 'x:seed-bukele-2021-04']);
    } finally {
      await store.close();
    }
    // Re-reading the article keeps the analyst's decision.
    const again = lines((await vigil('leads', '--watch', W, '--db', db, SEED, '--json')).stdout);
    expect(again[0]!.status).toBe('confirmed');

    const out = join(dir, `exp${n++}`);
    expect((await vigil('leads', '--watch', W, '--db', db, '--export', 'stix', '--out', out)).code).toBe(0);
    const bundle = JSON.parse(readFileSync(join(out, 'leads.stix.json'), 'utf8'));
    const types = bundle.objects.map((o: any) => o.type);
    for (const t of ['report', 'threat-actor', 'observed-data', 'user-account', 'note', 'identity']) expect(types).toContain(t);
    const report = bundle.objects.find((o: any) => o.type === 'report');
    for (const ref of report.object_refs) expect(bundle.objects.some((o: any) => o.id === ref)).toBe(true);
    expect(bundle.objects.filter((o: any) => o.type === 'threat-actor' && o.x_vigil_proposed)).toHaveLength(3);
    expect((await vigil('leads', '--watch', W, '--db', db, '--export', 'csv', '--out', out)).code).toBe(0);
    const csv = readFileSync(join(out, 'leads.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^lead_id,status,article,/);
    expect(csv[1]).toMatch(new RegExp(`^${id},confirmed,`));

    const d = await vigil('leads', '--watch', W, '--db', db, '--dismiss', id, '--json');
    expect(lines(d.stdout)[0]!.status).toBe('dismissed');
    const store2 = await openStore(db);
    try {
      expect((await store2.getIncident('inc:us-house-ca-35-2022:sv-government'))?.findingIds).not.toContain(`allegation:${id}`);
    } finally {
      await store2.close();
    }
  });
});
