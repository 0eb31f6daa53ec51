/**
 * Ingest parse benchmark: an IO-archive-shaped CSV (31 Transparency Center columns) generated from
 * a seed into bench/data/, then timed three ways (median of 3 runs each):
 *
 *   1. tokenize + project 3 columns (tweetid, userid, tweet_time): the coordination engine's path;
 *   2. tokenize + project 3 columns, with retweet_tweetid (a 4th) — same path, shows projection cost;
 *   3. full parse + normalize to Post/Account batches (IO_ARCHIVE.read): the `vigil ingest` path
 *      minus the store.
 *
 * Usage: npx tsx bench/ingest-parse.ts [--rows 1000000] [--seed 1] [--file PATH] [--runs 3]
 * Prints rows/s and MB/s. No assertions: figures only.
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readCsv } from '../src/ingest/csv.js';
import { IO_ARCHIVE } from '../src/ingest/io-archive.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    file: { type: 'string' },
    runs: { type: 'string', default: '3' },
  },
});

const HEADER =
  'tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions,poll_choices';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['vote', 'Distrito99', 'ejemplo', 'noticias', 'hoy', 'elección', 'país', 'candidato', 'juntos', 'verdad', 'mañana', 'pueblo', '🇽🇽', 'https://example.org/a', '"citado"', 'sí,', 'no'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function generate(path: string, rows: number, seed: number): Promise<void> {
  const rand = mulberry32(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
  const hash = (): string => Array.from({ length: 43 }, () => B64[Math.floor(rand() * 64)]).join('') + '=';
  const users = Array.from({ length: 20000 }, (_, i) => ({
    id: rand() < 0.9 ? hash() : String(700000000 + i),
    name: `Cuenta ${i}`,
    location: rand() < 0.5 ? 'Ciudad Ejemplo' : '',
    bio: rand() < 0.5 ? 'Noticias, opinión y "análisis"' : '',
    created: `20${10 + Math.floor(rand() * 10)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
  }));
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let tweetId = 1000000000000000000n;
  let buf = '';
  for (let r = 0; r < rows; r++) {
    tweetId += BigInt(1 + Math.floor(rand() * 1000));
    const u = pick(users);
    const words = Array.from({ length: 5 + Math.floor(rand() * 20) }, () => pick(WORDS));
    if (rand() < 0.05) words.splice(3, 0, '\n');
    const isRt = rand() < 0.4;
    const rtUser = isRt ? pick(users).id : '';
    const text = (isRt ? `RT @${rtUser.slice(0, 8)}: ` : '') + words.join(' ');
    const time = `2022-10-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')} ${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
    const row = [
      tweetId.toString(), u.id, u.id, u.id, u.location, u.bio, '', String(Math.floor(rand() * 5000)), String(Math.floor(rand() * 900)),
      u.created, 'es', 'es', text, time, 'Twitter Web App', '', '', rand() < 0.05 ? (tweetId - 7n).toString() : '',
      isRt ? 'True' : 'False', rtUser, isRt ? (tweetId - 123n).toString() : '', 'absent', 'absent', '0.0', '0.0',
      `${Math.floor(rand() * 30)}.0`, `${Math.floor(rand() * 30)}.0`, rand() < 0.3 ? "['Distrito99']" : '[]',
      rand() < 0.2 ? "['https://example.org/a']" : '[]', rand() < 0.2 ? `['${pick(users).id}']` : '[]', '',
    ];
    buf += row.map(csvField).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(label: string, runs: number, bytes: number, fn: () => Promise<number>): Promise<void> {
  const secs: number[] = [];
  const cpus: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    rows = await fn();
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const s = median(secs);
  // CPU time too: the machine is shared, and wall time swings with other people's load.
  console.log(
    `${label.padEnd(44)} ${rows.toLocaleString('en')} rows  median ${s.toFixed(2)} s (cpu ${median(cpus).toFixed(2)} s)  ` +
      `${Math.round(rows / s).toLocaleString('en')} rows/s  ${(bytes / 1e6 / s).toFixed(0)} MB/s  (runs: ${secs.map((x) => x.toFixed(2)).join(', ')})`,
  );
}

async function main(): Promise<void> {
  const rows = Number(values.rows);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  let file = values.file;
  if (!file) {
    mkdirSync('bench/data', { recursive: true });
    file = join('bench/data', `io-archive-${rows}-s${seed}.csv`);
    if (!existsSync(file)) {
      const t0 = Date.now();
      await generate(file, rows, seed);
      console.log(`generated ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  const bytes = statSync(file).size;
  console.log(`file ${file}: ${(bytes / 1e6).toFixed(1)} MB, node ${process.version}`);

  const project = (columns: string[]) => async (): Promise<number> => {
    let count = 0;
    for await (const { records } of readCsv(file!, { columns })) count += records.length;
    return count;
  };
  await time('csv tokenize, project 3 columns', runs, bytes, project(['tweetid', 'userid', 'tweet_time']));
  await time('csv tokenize, project 4 columns', runs, bytes, project(['tweetid', 'userid', 'tweet_time', 'retweet_tweetid']));
  await time('io-archive parse + normalize (no store)', runs, bytes, async () => {
    let count = 0;
    let quarantined = 0;
    for await (const batch of IO_ARCHIVE.read(file!)) {
      count += batch.read;
      quarantined += batch.quarantined.length;
    }
    if (quarantined) console.log(`  (${quarantined} quarantined)`);
    return count;
  });
}

await main();
