/**
 * Seeded generator of a Twitter/X information-operations archive (tweets file, 31 columns, see
 * ../shared/reference/formats.md §2) with realistic background activity and planted coordinated
 * groups, plus a ground-truth JSON beside it.
 *
 *   npx tsx bench/gen-io-archive.ts --posts 1000000 --seed 1 --out bench/data/io-1m.csv
 *   → bench/data/io-1m.csv and bench/data/io-1m.truth.json
 *
 * Background: heavy-tailed account activity (Pareto weights), a daily cycle, originals with
 * Zipf-distributed hashtags and links (tracking parameters added at random, so URL normalisation
 * matters), reposts whose targets follow a heavy-tailed popularity (so chance co-reposts of viral
 * posts happen), replies. Timestamps have minute precision, as in the real archives.
 * Planted groups: small sets of accounts that repeatedly repost a leader, share a link or push a
 * hashtag within ~40 seconds of each other. Everything is fictional; ids are synthetic.
 * Same seed and arguments give the same bytes.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/util/random.js';

export const IO_HEADER =
  'tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,retweet_count,hashtags,urls,user_mentions,poll_choices';

/** Ground truth of one planted group. */
export interface PlantedGroup {
  id: string;
  /** Main co-action the group performs. */
  kind: 'repost' | 'link' | 'hashtag';
  /** Author ids (the `userid` column) of every member. */
  accounts: string[];
  /** Screen name of the account the group amplifies (repost groups). */
  leader?: string;
  events: number;
}

export interface GroundTruth {
  seed: number;
  posts: number;
  accounts: number;
  startTime: string;
  days: number;
  groups: PlantedGroup[];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const WORDS = (
  'vorn elda quist marrow tolen brask fen ivory lutra casp dovel harn mesk ondra pell quade rusk ' +
  'sarn tivo ulm varn wex yarl zenn alto brine corra delft emmer farra gorse helm irra jask kelp ' +
  'lorn mire nask oast pryn quell rime sedge tarn umber vesk wold yew zorn vote ballot district ' +
  'council mayor reform market harbour festival rain bridge school road'
).split(' ');
const LANGS = ['en', 'es', 'fr', 'de', 'und'];
const CLIENTS = ['Twitter Web App', 'Twitter for Android', 'Twitter for iPhone', 'TweetDeck'];
const DOMAINS = ['news.example', 'daily-fen.example', 'harbour-times.example', 'vorn.example', 'blog.example'];

function hashId(rand: () => number): string {
  let s = '';
  for (let i = 0; i < 43; i++) s += B64[Math.floor(rand() * 64)];
  return s + '=';
}

/** Minute-precision time `YYYY-MM-DD HH:MM` for epoch seconds. */
function minuteString(cache: Map<number, string>, sec: number): string {
  const minute = Math.floor(sec / 60);
  let s = cache.get(minute);
  if (s === undefined) {
    s = new Date(minute * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    cache.set(minute, s);
  }
  return s;
}

function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function pyList(items: string[]): string {
  return items.length ? csvQuote(`[${items.map((x) => `'${x}'`).join(', ')}]`) : '[]';
}

/** Generate an archive; returns the ground truth. */
export function generate(opts: { posts: number; seed: number; out: string; days?: number }): GroundTruth {
  const rand = seededRandom(opts.seed);
  const N = opts.posts;
  const days = opts.days ?? 30;
  const start = Date.UTC(2024, 2, 1) / 1000;
  const span = days * 86400;
  const minuteCache = new Map<number, string>();

  // Accounts with Pareto(1.2) activity weights, cumulative for sampling.
  const nAccounts = Math.max(50, Math.round(N / 20));
  const ids: string[] = new Array(nAccounts);
  const cum = new Float64Array(nAccounts);
  let total = 0;
  for (let i = 0; i < nAccounts; i++) {
    ids[i] = hashId(rand);
    total += Math.min(2000, Math.pow(1 - rand(), -1 / 1.2));
    cum[i] = total;
  }
  const pickAccount = (): number => {
    const x = rand() * total;
    let lo = 0;
    let hi = nAccounts - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Daily cycle: busy afternoons and evenings, quiet nights (rejection sampling).
  const pickTime = (): number => {
    for (;;) {
      const t = rand() * span;
      const hour = (t % 86400) / 3600;
      if (rand() < 0.25 + 0.75 * Math.sin((Math.PI * hour) / 24) ** 2) return start + t;
    }
  };
  const zipf = (n: number, a: number): number => Math.min(n - 1, Math.floor(n * Math.pow(rand(), a)));
  const nTags = Math.max(100, Math.round(N / 50));
  const nUrls = Math.max(100, Math.round(N / 5));
  const tag = (k: number): string => `${WORDS[k % WORDS.length]}${Math.floor(k / WORDS.length) || ''}`;
  const url = (k: number, r: () => number): string => {
    let u = `https://${DOMAINS[k % DOMAINS.length]}/story/${k}`;
    const roll = r();
    if (roll < 0.2) u += `?utm_source=tw&utm_medium=social`;
    else if (roll < 0.25) u += `/?fbclid=${Math.floor(r() * 1e9)}`;
    if (r() < 0.1) u = u.replace('https://', 'HTTPS://').replace('.example', '.EXAMPLE');
    return u;
  };
  const text = (words: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(rand() * WORDS.length)]);
    const roll = rand();
    if (roll < 0.03) parts.push('"quoted", yes');
    else if (roll < 0.05) parts.push('line one\nline two');
    return parts.join(' ');
  };

  // Originals that reposts can point at: author and time, decided up front.
  const nOriginals = Math.max(10, Math.round(N * 0.5));
  const origAuthor = new Int32Array(nOriginals);
  const origTime = new Float64Array(nOriginals);
  for (let i = 0; i < nOriginals; i++) {
    origAuthor[i] = pickAccount();
    origTime[i] = pickTime();
  }
  let nextId = 0n;
  const tweetId = (): string => (1_700_000_000_000_000_000n + nextId++).toString();
  const origId = (i: number): string => (1_600_000_000_000_000_000n + BigInt(i)).toString();

  // Planted groups.
  const nGroups = Math.max(4, Math.round(N / 50_000));
  const groups: PlantedGroup[] = [];
  type Planned = { author: string; screen: string; time: number; kind: PlantedGroup['kind']; target: string; leaderScreen?: string; leaderId?: string; text: string };
  const planned: Planned[] = [];
  const kinds: PlantedGroup['kind'][] = ['repost', 'link', 'hashtag'];
  for (let g = 0; g < nGroups; g++) {
    const kind = kinds[g % 3];
    const size = 8 + Math.floor(rand() * 23);
    const members: string[] = [];
    for (let m = 0; m < size; m++) members.push(hashId(rand));
    const leaderScreen = `fict_voice_${String(g).padStart(3, '0')}`;
    const leaderId = `${900000000 + g}`;
    const events = 15 + Math.floor(rand() * 25);
    groups.push({ id: `planted-${g}`, kind, accounts: members, leader: kind === 'repost' ? leaderScreen : undefined, events });
    for (let e = 0; e < events; e++) {
      const t0 = pickTime();
      const target =
        kind === 'repost' ? `${1_800_000_000_000_000_000n + BigInt(g * 1000 + e)}` : kind === 'link' ? `https://push-${g}.example/a/${e}` : `campaign${g}x${e % 3}`;
      const msg = text(8);
      for (const member of members) {
        if (rand() < 0.75) planned.push({ author: member, screen: member, time: t0 + rand() * 40, kind, target, leaderScreen, leaderId, text: msg });
      }
    }
  }

  mkdirSync(dirname(opts.out), { recursive: true });
  const fd = openSync(opts.out, 'w');
  let buf = IO_HEADER + '\n';
  const flush = (): void => {
    writeSync(fd, buf);
    buf = '';
  };
  const row = (cells: string[]): void => {
    buf += cells.join(',') + '\n';
    if (buf.length > 1 << 20) flush();
  };
  const user = (id: string, screen = id): string[] => [id, id, screen, '', '', '', '12', '40', '2020-01-05', 'en'];
  const stats = ['absent', 'absent', '0.0', '0.0', '0.0', '0.0'];

  let nextOriginal = 0;
  let plannedLeft = planned.length;
  let plannedIdx = 0;
  // Shuffle planned posts into the stream so file order is not group order.
  for (let i = planned.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [planned[i], planned[j]] = [planned[j], planned[i]];
  }
  for (let i = 0; i < N; i++) {
    if (plannedLeft > 0 && rand() * (N - i) < plannedLeft) {
      const p = planned[plannedIdx++];
      plannedLeft--;
      const time = minuteString(minuteCache, p.time);
      const lang = 'en';
      if (p.kind === 'repost') {
        row([tweetId(), ...user(p.author), lang, csvQuote(`RT @${p.leaderScreen}: ${p.text}`), time, CLIENTS[0], '', '', '', 'True', p.leaderId!, p.target, ...stats, '[]', '[]', '[]', '']);
      } else if (p.kind === 'link') {
        const u = rand() < 0.5 ? `${p.target}?utm_campaign=${Math.floor(rand() * 100)}` : p.target;
        row([tweetId(), ...user(p.author), lang, csvQuote(`${p.text} ${u}`), time, CLIENTS[1], '', '', '', 'False', '', '', ...stats, '[]', pyList([u]), '[]', '']);
      } else {
        row([tweetId(), ...user(p.author), lang, csvQuote(`${p.text} #${p.target}`), time, CLIENTS[1], '', '', '', 'False', '', '', ...stats, pyList([p.target]), '[]', '[]', '']);
      }
      continue;
    }
    const roll = rand();
    const lang = LANGS[Math.floor(rand() * LANGS.length)];
    if (roll < 0.4) {
      // Repost of an original; popularity heavy-tailed, delay mostly minutes to hours.
      const o = zipf(nOriginals, 2.5);
      const a = pickAccount();
      const t = origTime[o] + 30 + -Math.log(1 - rand()) * 3 * 3600;
      const author = ids[origAuthor[o]];
      row([tweetId(), ...user(ids[a]), lang, csvQuote(`RT @${author}: ${text(6)}`), minuteString(minuteCache, t), CLIENTS[0], '', '', '', 'True', author, origId(o), ...stats, '[]', '[]', '[]', '']);
    } else if (roll < 0.5) {
      const o = Math.floor(rand() * nOriginals);
      const a = pickAccount();
      const t = origTime[o] + -Math.log(1 - rand()) * 3600;
      row([tweetId(), ...user(ids[a]), lang, csvQuote(text(10)), minuteString(minuteCache, t), CLIENTS[2], ids[origAuthor[o]], origId(o), '', 'False', '', '', ...stats, '[]', '[]', '[]', '']);
    } else {
      // Original post (ids in the 16… range so reposts can point at them), each emitted once.
      const o = nextOriginal < nOriginals ? nextOriginal++ : Math.floor(rand() * nOriginals);
      const tags: string[] = [];
      const urls: string[] = [];
      if (rand() < 0.35) for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) tags.push(tag(zipf(nTags, 3)));
      if (rand() < 0.35) urls.push(url(zipf(nUrls, 2), rand));
      const body = `${text(12)}${tags.map((h) => ` #${h}`).join('')}${urls.map((u) => ` ${u}`).join('')}`;
      row([o === nextOriginal - 1 ? origId(o) : tweetId(), ...user(ids[origAuthor[o]]), lang, csvQuote(body), minuteString(minuteCache, origTime[o]), CLIENTS[3], '', '', '', 'False', '', '', ...stats, pyList(tags), pyList(urls), '[]', '']);
    }
  }
  flush();
  closeSync(fd);
  return { seed: opts.seed, posts: N, accounts: nAccounts + groups.reduce((s, g) => s + g.accounts.length, 0), startTime: new Date(start * 1000).toISOString(), days, groups };
}

/** Path of the ground-truth file written next to an archive. */
export function truthPath(out: string): string {
  return out.replace(/\.csv$/, '') + '.truth.json';
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (isMain) {
  const { values } = parseArgs({
    options: { posts: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'bench/data/io-1m.csv' } },
  });
  const t0 = Date.now();
  const truth = generate({ posts: Number(values.posts), seed: Number(values.seed), out: values.out! });
  writeFileSync(truthPath(values.out!), JSON.stringify(truth, null, 1));
  console.log(`gen-io-archive: ${truth.posts} posts, ${truth.groups.length} planted groups -> ${values.out} (+ ${truthPath(values.out!)}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
