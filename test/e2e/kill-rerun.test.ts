/**
 * Crash safety through the CLI (issue 11): `kill -9` during ingest and during analyze, then the same
 * command again. The rerun must finish, store every record exactly once (read = stored + duplicates +
 * quarantined + skipped), give the same findings and incidents as an uninterrupted run, and leave a
 * database that passes `PRAGMA integrity_check`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO = join(ROOT, 'demo');
const WATCH = join(DEMO, 'watchlist.yaml');
const DEMO_FILES = ['seed-case.jsonl', 'veradia-x-pages.jsonl', 'news.csv'].map((f) => join(DEMO, 'data', f));
const POSTS = 30_000;

function cli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** A number from the database, read beside the writer (WAL); undefined while it cannot be read yet. */
function peek(db: string, sql: string): number | undefined {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare(sql).get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return undefined;
  }
}

function checkDb(db: string): { posts: number; distinct: number; integrity: string; findings: number; incidents: number } {
  const conn = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => (conn.prepare(sql).get() as { n: number | string }).n;
    return {
      posts: one('SELECT count(*) AS n FROM posts') as number,
      distinct: one("SELECT count(DISTINCT platform || ' ' || id) AS n FROM posts") as number,
      integrity: one('SELECT integrity_check AS n FROM pragma_integrity_check') as string,
      findings: one('SELECT count(*) AS n FROM findings') as number,
      incidents: one('SELECT count(*) AS n FROM incidents') as number,
    };
  } finally {
    conn.close();
  }
}

function counts(stdout: string): number[] {
  const m = /([\d,]+) read, ([\d,]+) stored, ([\d,]+) duplicates, ([\d,]+) quarantined, ([\d,]+) skipped/.exec(stdout);
  if (!m) throw new Error(`no summary in: ${stdout}`);
  return m.slice(1).map((n) => Number(n.replace(/,/g, '')));
}

describe('kill -9 and rerun', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-kill-'));
  const big = join(dir, 'big.jsonl');
  writeFileSync(
    big,
    Array.from({ length: POSTS }, (_, i) =>
      JSON.stringify({ id: `k${i}`, platform: 'x', author_handle: `acct${i % 900}`, created_at: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString(), text: `post ${i % 997} #Distrito99`, hashtags: ['Distrito99'] }),
    ).join('\n') + '\n',
  );
  const db = join(dir, 'vigil.db');

  it('during ingest: the rerun stores every record once and the database is sound', async () => {
    const run = cli(['ingest', '--db', db, ...DEMO_FILES, big]);
    // Kill once some batches of the big file are committed, well before the end.
    for (;;) {
      const n = peek(db, "SELECT count(*) AS n FROM posts WHERE id LIKE 'k%'");
      if (n !== undefined && n > 0) break;
      if (run.child.exitCode !== null) throw new Error('ingest ended before it could be killed');
      await new Promise((r) => setTimeout(r, 20));
    }
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    const partial = checkDb(db).posts;
    expect(partial).toBeLessThan(POSTS);

    const again = await cli(['ingest', '--db', db, ...DEMO_FILES, big]).done;
    expect(again.code).toBe(0);
    const [read, stored, duplicates, quarantined, skipped] = counts(again.stdout);
    expect(read).toBe(stored + duplicates + quarantined + skipped);
    const after = checkDb(db);
    expect(after.integrity).toBe('ok');
    expect(after.posts).toBe(after.distinct);
    expect(after.posts).toBe(partial + stored);
    expect(after.posts).toBe(stored + duplicates);
  }, 180_000);

  it('during analyze: the rerun gives the findings and incidents of an uninterrupted run', async () => {
    const clean = join(dir, 'clean.db');
    copyFileSync(db, clean);
    const t = Date.now();
    const reference = await cli(['analyze', '--db', clean, '--watch', WATCH]).done;
    expect(reference.code).toBe(0);
    const took = Date.now() - t;
    const expected = checkDb(clean);
    expect(expected.findings).toBeGreaterThan(0);

    // The kill lands at a fraction of the reference run's time; machines speed up and slow down, so when
    // analyze has already finished, the store is restored and the kill comes earlier.
    const pristine = join(dir, 'pristine.db');
    copyFileSync(db, pristine);
    let wasRunning = false;
    for (const fraction of [0.5, 0.25, 0.1, 0.03]) {
      for (const side of ['-wal', '-shm', '-journal']) rmSync(`${db}${side}`, { force: true }); // a killed run's WAL belongs to its own copy
      copyFileSync(pristine, db);
      const run = cli(['analyze', '--db', db, '--watch', WATCH]);
      await new Promise((r) => setTimeout(r, Math.max(100, took * fraction)));
      wasRunning = run.child.exitCode === null;
      run.child.kill('SIGKILL');
      await run.done;
      if (wasRunning) break;
    }
    expect(wasRunning, 'analyze finished before the kill: raise POSTS').toBe(true);
    expect(checkDb(db).integrity).toBe('ok');

    const again = await cli(['analyze', '--db', db, '--watch', WATCH]).done;
    expect(again.code).toBe(0);
    const after = checkDb(db);
    expect(after.integrity).toBe('ok');
    expect([after.findings, after.incidents]).toEqual([expected.findings, expected.incidents]);
  }, 180_000);
});
