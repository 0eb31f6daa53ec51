/**
 * JetStream workers under faults (issue 13 part 4): `vigil ingest --to nats://…` publishes, `vigil
 * worker`s store into PostgreSQL, and one of them is killed with SIGKILL between a batch's commit and
 * its ack, or NATS restarts, or PostgreSQL restarts during the run. After recovery the store must
 * equal a single-process `vigil ingest` of the same files (counts and content hashes of posts,
 * accounts and quarantine), with the per-post findings once each and logged once in the ledger.
 *
 * Needs `nats-server` on PATH and a throwaway PostgreSQL (VIGIL_TEST_POSTGRES_URL, as the store
 * suite; `.ci/run` sets both up). Its own servers are started for these tests, so that restarting
 * them disturbs no other test file: nats-server in a temporary folder, PostgreSQL through
 * scripts/test-postgres.sh (root). Without them the tests are skipped with a message.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist, detectPostFindings } from '../../src/analyze/index.js';
import { runCli } from '../../src/cli/index.js';
import { openStore } from '../../src/store/index.js';
import { loadWatchlist } from '../../src/watch/load.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WATCH = join(ROOT, 'demo', 'watchlist.yaml');
const hasNats = spawnSync('nats-server', ['--version']).status === 0;
const hasPostgres = Boolean(process.env.VIGIL_TEST_POSTGRES_URL) && process.getuid?.() === 0;
const skip = !hasNats || !hasPostgres;
if (skip) {
  console.warn(
    `worker-faults: skipped: needs ${[!hasNats && 'nats-server on PATH (apt-get install nats-server)', !hasPostgres && 'VIGIL_TEST_POSTGRES_URL and root (eval "$(scripts/test-postgres.sh)")'].filter(Boolean).join(' and ')}`,
  );
}

type Run = { child: ChildProcess; log: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> };

function cli(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, log: () => stderr, done };
}

async function ok(run: Run): Promise<string> {
  const r = await run.done;
  if (r.code !== 0) throw new Error(`exit ${r.code} ${r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stderr;
}

/** Resolve once `test()` holds (polled), or fail after `ms` with what the worker said. */
async function until(test: () => boolean, what: string, run?: Run, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${run ? `; worker said:\n${run.log().slice(-3000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A nats-server with JetStream on disk in `dir`, restartable on the same port and store. */
class Nats {
  child?: ChildProcess;
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    writeFileSync(join(dir, 'nats.conf'), `listen: 127.0.0.1:${port}\njetstream { store_dir: "${join(dir, 'js')}" }\n`);
  }
  get url() {
    return `nats://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const child = spawn('nats-server', ['-c', join(this.dir, 'nats.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let log = '';
    child.stderr!.on('data', (d) => (log += d));
    await until(() => log.includes('Server is ready'), `nats-server to start (${log})`, undefined, 10_000);
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Digests of what a schema holds: counts and an md5 over every stored field, in key order. */
async function digest(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query<{ n: string; h: string }>(sql)).rows[0]!;
    const q = (s: string) => s.replaceAll('S.', `${schema}.`);
    return {
      posts: await one(q(`SELECT count(*) n, md5(coalesce(string_agg(concat_ws(' ', platform, id, author_id, author_handle, created_at, content_hash, source::text, text, notes::text), E'\\n' ORDER BY platform, id), '')) h FROM S.posts`)),
      accounts: await one(q(`SELECT count(*) n, md5(coalesce(string_agg(concat_ws(' ', platform, id, handle, display_name, description, location, created_at), E'\\n' ORDER BY platform, id), '')) h FROM S.accounts`)),
      quarantine: await one(q(`SELECT count(*) n, md5(coalesce(string_agg(concat_ws(' ', source::text, code, reason, field, excerpt), E'\\n' ORDER BY source::text, code), '')) h FROM S.quarantine`)),
    };
  } finally {
    await client.end();
  }
}

/** Findings and ledger entries for findings in a schema: ids, and how often each was logged. */
async function findingsOf(url: string, schema: string): Promise<{ ids: string[]; logged: number; distinctLogged: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = (await client.query<{ id: string }>(`SELECT id FROM ${schema}.findings ORDER BY id COLLATE "C"`)).rows.map((r) => r.id);
    const { rows } = await client.query<{ n: string; d: string }>(`SELECT count(*) n, count(DISTINCT ref) d FROM ${schema}.evidence WHERE kind = 'finding'`);
    return { ids, logged: Number(rows[0]!.n), distinctLogged: Number(rows[0]!.d) };
  } finally {
    await client.end();
  }
}

// CI must run these: there a missing server is a failure, not a skip.
describe.runIf(skip && process.env.CI === 'true')('JetStream workers in CI', () => {
  it('has nats-server and the throwaway PostgreSQL (.ci/run starts both)', () => {
    expect({ hasNats, hasPostgres }).toEqual({ hasNats: true, hasPostgres: true });
  });
});

describe.skipIf(skip)('JetStream workers under faults', () => {
  let dir = '';
  let nats: Nats;
  let pgUrl = '';
  let pgData = '';
  const pgBin = () => execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim();
  const pgCtl = (action: string) => execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', `${pgBin()}/pg_ctl -D ${pgData} -m fast -w ${action}`], { stdio: 'ignore' });

  // Input: the demo's posts (findings for the watchlist, two bad lines) and a generated IO archive
  // of 400 accounts with repeated posts (same id and author, other text: the first read is kept)
  // and rows with a bad time (quarantined).
  let inputs: string[] = [];
  let reference: Awaited<ReturnType<typeof digest>>;
  let expectedFindings: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-workers-'));
    inputs = [join(ROOT, 'demo', 'data', 'seed-case.jsonl'), join(ROOT, 'demo', 'data', 'veradia-x-pages.jsonl'), join(dir, 'bulk.csv')];
    const lines = ['userid,tweetid,tweet_time,tweet_text,user_screen_name,user_display_name,is_retweet,hashtags'];
    for (let i = 0; i < 4000; i++) {
      const j = i < 3900 ? i : i - 3900;
      const minute = String(j % 60).padStart(2, '0');
      const time = i % 500 === 7 ? 'yesterday' : `2026-10-0${1 + (j % 9)} 1${j % 10}:${minute}`;
      lines.push(`u${j % 400},${1_000_000 + j},${time},"post ${i} about the weather #Distrito${i % 7}",acct${j % 400},"Account ${j % 400}",False,['Distrito${i % 7}']`);
    }
    writeFileSync(inputs[2]!, lines.join('\n') + '\n');
    nats = new Nats(dir, await freePort());
    await nats.start();
    const env = execFileSync(join(ROOT, 'scripts', 'test-postgres.sh')).toString();
    pgUrl = /VIGIL_TEST_POSTGRES_URL=(\S+)/.exec(env)![1]!;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    pgData = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
    await client.end();
    // The reference: one process, straight into the store.
    await ok(cli(['ingest', '--db', `${pgUrl}?schema=reference`, ...inputs]));
    reference = await digest(pgUrl, 'reference');
    const store = await openStore(`${pgUrl}?schema=reference`);
    const cw = compileWatchlist(await loadWatchlist(WATCH));
    const ids: string[] = [];
    for await (const batch of store.iteratePosts()) ids.push(...detectPostFindings(batch, cw).map((f) => f.id));
    await store.close();
    expectedFindings = ids.sort();
  }, 120_000);

  afterAll(async () => {
    await nats?.stop();
    if (pgData) {
      try {
        pgCtl('stop');
      } catch {
        // already stopped
      }
      rmSync(join(pgData, '..'), { recursive: true, force: true });
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Publish the inputs to a fresh stream; the workers' arguments for it and a schema of its own. */
  async function publish(name: string): Promise<string[]> {
    await ok(cli(['ingest', '--to', nats.url, '--stream', `t.${name}`, '--partitions', '4', ...inputs]));
    return ['worker', '--db', `${pgUrl}?schema=${name}`, '--nats', nats.url, '--stream', `t.${name}`, '--watch', WATCH, '--ack-wait', '2'];
  }

  async function expectSameAsReference(schema: string): Promise<void> {
    expect(Number(reference.posts.n)).toBeGreaterThan(6000);
    expect(await digest(pgUrl, schema)).toEqual(reference);
    const found = await findingsOf(pgUrl, schema);
    expect(found.ids).toEqual(expectedFindings);
    expect(expectedFindings.length).toBeGreaterThan(0);
    // Each finding logged once, however often its batch was delivered.
    expect(found.logged).toBe(found.ids.length);
    expect(found.distinctLogged).toBe(found.ids.length);
  }

  it('without faults, two workers store what a single ingest stores; publishing twice adds nothing', async () => {
    const args = await publish('plain');
    // A rerun of the publisher (after a crash, say): its messages are dropped by id, and would store nothing twice anyway.
    await ok(cli(['ingest', '--to', nats.url, '--stream', 't.plain', ...inputs]));
    const [a, b] = [cli([...args, '--until-idle']), cli([...args, '--until-idle'])];
    const logs = [await ok(a), await ok(b)];
    for (const log of logs) expect(count(log, / posts \(\d+ stored/g)).toBeGreaterThan(0);
    await expectSameAsReference('plain');
  }, 120_000);

  it('kill -9 of a worker between commit and ack: the batch is redelivered and stored once', async () => {
    const args = await publish('killed');
    const victim = cli([...args], { VIGIL_TEST_WORKER_HOLD_ACK_MS: '200' });
    // Killed while it holds a committed, unacknowledged batch (after a few acknowledged ones).
    await until(() => count(victim.log(), / posts \(\d+ stored/g) >= 3 && count(victim.log(), /holding the ack/g) > count(victim.log(), / posts \(\d+ stored/g), 'a held ack', victim);
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');
    const log = await ok(cli([...args, '--until-idle']));
    expect(log).toMatch(/\(delivery [2-9]\)/);
    expect(log).toMatch(/[1-9]\d* redelivered/);
    await expectSameAsReference('killed');
  }, 120_000);

  it('NATS restarts during the run: the worker waits, reconnects and finishes', async () => {
    const args = await publish('natsdown');
    const run = cli([...args, '--until-idle'], { VIGIL_TEST_WORKER_HOLD_ACK_MS: '100' });
    await until(() => count(run.log(), / posts \(\d+ stored/g) >= 3, 'three batches', run);
    await nats.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = count(run.log(), /holding the ack/g);
    await nats.start();
    const log = await ok(run);
    // Batches were stored after the restart, so the restart came mid-run.
    expect(count(log, /holding the ack/g)).toBeGreaterThan(before);
    await expectSameAsReference('natsdown');
  }, 120_000);

  it('PostgreSQL restarts during the run: failed writes are retried, nothing lost or doubled', async () => {
    const args = await publish('pgdown');
    const run = cli([...args, '--until-idle'], { VIGIL_TEST_WORKER_HOLD_ACK_MS: '100' });
    await until(() => count(run.log(), / posts \(\d+ stored/g) >= 3, 'three batches', run);
    const before = count(run.log(), / posts \(\d+ stored/g);
    pgCtl('restart');
    const log = await ok(run);
    expect(count(log, / posts \(\d+ stored/g)).toBeGreaterThan(before);
    await expectSameAsReference('pgdown');
  }, 120_000);

  it('says clearly when NATS is unreachable', async () => {
    const port = await freePort();
    const run = async (args: string[]) => {
      let stderr = '';
      const sink = new Writable({ write: (chunk, _enc, done) => ((stderr += chunk), done()) });
      const code = await runCli(args, { stdout: sink, stderr: sink, isTTY: false });
      return { code, stderr };
    };
    const w = await run(['worker', '--db', `${pgUrl}?schema=nobody`, '--nats', `nats://127.0.0.1:${port}`]);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain(`worker: cannot reach NATS at nats://127.0.0.1:${port}`);
    const i = await run(['ingest', '--to', `nats://127.0.0.1:${port}`, inputs[0]!]);
    expect(i.code).toBe(1);
    expect(i.stderr).toContain('ingest: cannot reach NATS');
  }, 60_000);
});
