/**
 * Exactness against CooRTweet 2.1.3 itself (issue 8, item 7): on the 50,000-post reference archive
 * of test/fixtures/coortweet-ref, co-repost, co-link and co-hashtag edges must be CooRTweet's —
 * same pairs, same weights, account ids byte for byte — both from the engine and in the edges.csv
 * that `vigil coordination` writes with its defaults. The hashed ids are base64, so some begin with
 * `+`: a spreadsheet guard on id cells would rewrite them (issue 8: 731 of 29,952 edges).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MultiGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { beforeAll, describe, expect, it } from 'vitest';
import { PostColumns, type CoKind } from '../../src/analyze/coord/columns.js';
import { runEngine, type EngineResult } from '../../src/analyze/coord/engine.js';
import { readIoArchiveColumns } from '../../src/analyze/coord/io-columns.js';
import { readIoArchiveParallel } from '../../src/analyze/coord/io-parallel.js';
import { vigil } from '../builders/cli.js';

const DIR = new URL('../fixtures/coortweet-ref/', import.meta.url).pathname;
const FILES: Record<'repost' | 'link' | 'hashtag', string> = { repost: 'ct_retweet', link: 'ct_url', hashtag: 'ct_hashtag' };
const KINDS = Object.keys(FILES) as ('repost' | 'link' | 'hashtag')[];

interface RefEdge {
  key: string;
  weight: number;
  aboveThreshold: boolean;
}

/** CooRTweet's edges of one kind, keyed `a\tb` with a < b (the file is undirected, in igraph's order). */
function referenceEdges(kind: keyof typeof FILES): Map<string, RefEdge> {
  const lines = gunzipSync(readFileSync(join(DIR, `${FILES[kind]}.edges.csv.gz`))).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('from,to,weight,weight_threshold');
  const out = new Map<string, RefEdge>();
  for (const line of lines.slice(1)) {
    const [from, to, weight, flag] = line.split(',');
    const key = from < to ? `${from}\t${to}` : `${to}\t${from}`;
    out.set(key, { key, weight: Number(weight), aboveThreshold: flag === '1' });
  }
  return out;
}

function engineEdges(r: EngineResult, kind: CoKind): Map<string, number> {
  const k = r.kinds.find((x) => x.kind === kind)!;
  const out = new Map<string, number>();
  for (let e = 0; e < k.edges.a.length; e++) {
    const a = r.cols.accounts.value(k.edges.a[e]);
    const b = r.cols.accounts.value(k.edges.b[e]);
    out.set(a < b ? `${a}\t${b}` : `${b}\t${a}`, k.edges.weight[e]);
  }
  return out;
}

/** Differences between two edge maps, as readable lines (empty when identical). */
function diff(ours: Map<string, number>, ref: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, w] of ref) if (ours.get(k) !== w) out.push(`${k.replace('\t', ' ')}: CooRTweet ${w}, Vigil ${ours.get(k) ?? 'none'}`);
  for (const [k, w] of ours) if (!ref.has(k)) out.push(`${k.replace('\t', ' ')}: Vigil ${w}, CooRTweet none`);
  return out;
}

let tweets = '';
const ref = new Map<string, Map<string, RefEdge>>();

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ctref-'));
  tweets = join(dir, 'tweets.csv');
  writeFileSync(tweets, gunzipSync(readFileSync(join(DIR, 'tweets.csv.gz'))));
  for (const kind of KINDS) ref.set(kind, referenceEdges(kind));
});

describe('CooRTweet 2.1.3 reference (50k posts, time_window 60, min_participation 2)', () => {
  it('the engine gives CooRTweet edges, weights and the 0.5-quantile cut for each co-action', async () => {
    // One run reads on one thread, the other on two (the worker must get the same options).
    const read = async (threads: number): Promise<PostColumns> => {
      const cols = new PostColumns(KINDS);
      const r = threads === 1 ? await readIoArchiveColumns(tweets, cols, { urls: 'as-written' }) : await readIoArchiveParallel(tweets, cols, { urls: 'as-written', threads, minParallelBytes: 0 });
      expect(r).toMatchObject({ read: 50_000, quarantined: 0 });
      if (threads > 1) expect(r.threads).toBe(threads);
      return cols;
    };
    const all = runEngine(await read(1), { kinds: KINDS, timeWindow: 60, minParticipation: 2, threshold: { minWeight: 1 } });
    const cut = runEngine(await read(2), { kinds: KINDS, timeWindow: 60, minParticipation: 2, threshold: { edgeWeight: 0.5 } });
    for (const kind of KINDS) {
      const expected = ref.get(kind)!;
      expect(expected.size).toBeGreaterThan(5000);
      expect(diff(engineEdges(all, kind), new Map([...expected].map(([k, e]) => [k, e.weight]))), `co-${kind}`).toEqual([]);
      const above = new Map([...expected.values()].filter((e) => e.aboveThreshold).map((e) => [e.key, e.weight]));
      expect(diff(engineEdges(cut, kind), above), `co-${kind} above the quantile`).toEqual([]);
    }
  });

  it('counts a post that lists a tag twice as two rows, like CooRTweet; --distinct-hashtags differs on those pairs', async () => {
    const serial = new PostColumns(['hashtag']);
    await readIoArchiveColumns(tweets, serial, { distinctHashtags: true });
    const r = runEngine(serial, { kinds: ['hashtag'], threshold: { minWeight: 1 } });
    const d = diff(engineEdges(r, 'hashtag'), new Map([...ref.get('hashtag')!].map(([k, e]) => [k, e.weight])));
    // The reader thread of a two-thread read gets the option too.
    const parallel = new PostColumns(['hashtag']);
    await readIoArchiveParallel(tweets, parallel, { distinctHashtags: true, threads: 2, minParallelBytes: 0 });
    expect(parallel.tables.get('hashtag')!.rows).toBe(serial.tables.get('hashtag')!.rows);
    // The archive has 77 repeated-tag rows; most of them sit on pairs that co-act anyway, and the
    // pairs they do change (weights, or edges that exist only through a doubled row) differ.
    expect(d.length).toBeGreaterThan(0);
  });

  it('`vigil coordination` with its defaults writes CooRTweet edges with ids byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-ctref-cli-'));
    const edgesFile = join(dir, 'edges.csv');
    const gexfFile = join(dir, 'net.gexf');
    const res = await vigil('coordination', '--input', tweets, '--format', 'io-archive', '--min-weight', '1', '--edges', edgesFile, '--gexf', gexfFile);
    expect(res.code, res.stderr).toBe(0);
    const lines = readFileSync(edgesFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('account_a,account_b,co_action,weight,first_at,last_at');
    const ours = new Map<string, Map<string, number>>(KINDS.map((k) => [k, new Map()]));
    for (const line of lines.slice(1)) {
      const [a, b, kind, weight] = line.split(',');
      ours.get(kind)!.set(`${a}\t${b}`, Number(weight));
    }
    let plusIds = 0;
    for (const kind of KINDS) {
      const expected = new Map([...ref.get(kind)!].map(([k, e]) => [k, e.weight]));
      expect(diff(ours.get(kind)!, expected), `co-${kind}`).toEqual([]);
      for (const k of expected.keys()) if (/(^|\t)[+\-=@]/.test(k)) plusIds++;
    }
    // The check above is only meaningful if some ids start with a formula character.
    expect(plusIds).toBeGreaterThan(100);
    // The same network read back by another GEXF parser: every edge, its co-action, ids exact.
    const g = parse(MultiGraph, readFileSync(gexfFile, 'utf8'));
    const fromGexf = g.mapEdges((_e, a, s, t) => `${s}\t${t}\t${a['co_action']}\t${a['weight']}`).sort();
    expect(fromGexf).toEqual(lines.slice(1).map((l) => l.split(',').slice(0, 4).join('\t')).sort());
  });
});
