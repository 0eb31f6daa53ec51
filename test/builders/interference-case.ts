/**
 * Generated interference cases (fictional people and accounts), seeded with util/random, in the
 * shapes of issue 8:
 *  - leader + sock network: a registered head of state posts directives against a watched
 *    candidate; the same network (two party officials, a consulate, state TV and low-activity socks
 *    created in batches) reposts each one 5–90 s later, about half post near-copies 30–300 s later,
 *    link pushers post the state-TV article within one calendar minute on several days (some with
 *    utm variants), some members send hostile replies to the candidate and a few send threats;
 *  - state outlet + link-pushing ring: the outlet posts articles, a ring pushes each within a minute;
 *  - decoys: organic virality (a popular domestic post reposted by hundreds over hours, the
 *    directives reposted by ordinary accounts minutes to hours later), a domestic grassroots
 *    campaign ("vote for her", the candidate's own appeals) and a namesake (a footballer's
 *    "player of the month" vote);
 *  - a busy background of ordinary accounts (common hashtags, popular links, replies, reposts).
 * `planted: false` gives the same archive without any planted coordination (calibration).
 */
import type { Account, Post, Watchlist } from '../../src/model/types.js';
import { seededRandom } from '../../src/util/random.js';
import { sha256 } from '../../src/util/hash.js';

export interface CaseOptions {
  seed?: number;
  /** Plant the network and the ring (false: the no-coordination archive of the same shape). */
  planted?: boolean;
  /** Ordinary background accounts (default 600). */
  background?: number;
  /** Sock accounts of the leader's network besides the four registry members (default 31). */
  socks?: number;
  directives?: number;
}

export interface CaseTruth {
  /** Accounts (handles) that coordinate: the network and the ring. */
  coordinated: string[];
  /** Network members that post the state-TV article together. */
  linkPushers: string[];
  /** Members that send hostile replies or threats. */
  harassers: string[];
  /** Accounts that must never be in an interference incident. */
  decoys: { organic: string[]; supporters: string[]; namesake: string[] };
  /** Registry actor ids and their handles. */
  leader: string;
  directivePosts: string[];
  article: string;
}

export interface InterferenceCase {
  posts: Post[];
  accounts: Account[];
  watchlist: Watchlist;
  truth: CaseTruth;
}

const DAY = 86_400_000;
const START = Date.parse('2026-09-01T00:00:00Z');
const SPAN_DAYS = 42;
const COMMON_TAGS = ['news', 'ohio', 'weather', 'football', 'music', 'food', 'election', 'traffic', 'jobs', 'local', 'weekend', 'school'];
const POPULAR_LINKS = ['https://news.example.com/today', 'https://sports.example.com/scores', 'https://weather.example.org/forecast', 'https://video.example.net/watch?v=abc'];
const WORDS = 'the a city park coffee rain bus game school market bridge lunch music river festival road shop night team library weekend'.split(' ');

/** The watchlist of the generated cases. */
export function caseWatchlist(): Watchlist {
  return {
    webhooks: [],
    races: [
      {
        id: 'us-house-oh-31-2026',
        office: 'US House',
        jurisdiction: 'US-OH-31',
        electionDate: '2026-11-03',
        candidates: [
          { id: 'quill', name: 'Dana Quill', aliases: ['Rep. Quill'], party: 'DEM', handles: { x: ['DanaQuillOH'] }, fecCommitteeIds: [] },
          { id: 'brandt', name: 'Oskar Brandt', aliases: [], party: 'REP', handles: { x: ['BrandtForOhio'] }, fecCommitteeIds: [] },
        ],
      },
    ],
    actors: [
      { id: 'zr-government', kind: 'organization', name: 'Government of Zarovia', aliases: [], country: 'XZ', role: 'other', handles: {}, sources: ['fictional'] },
      { id: 'zr-president', kind: 'person', name: 'Ilan Voss', aliases: ['President Voss'], country: 'XZ', role: 'head_of_state', affiliation: 'zr-government', handles: { x: ['president_voss'] }, sources: ['fictional'] },
      { id: 'zr-party-1', kind: 'person', name: 'Mira Kell', aliases: [], country: 'XZ', role: 'party_official', affiliation: 'zr-government', handles: { x: ['mira_kell_zp'] }, sources: ['fictional'] },
      { id: 'zr-party-2', kind: 'person', name: 'Teo Brask', aliases: [], country: 'XZ', role: 'party_official', affiliation: 'zr-government', handles: { x: ['teo_brask_zp'] }, sources: ['fictional'] },
      { id: 'zr-mfa', kind: 'organization', name: 'Zarovian Foreign Ministry', aliases: [], country: 'XZ', role: 'other', affiliation: 'zr-government', handles: {}, sources: ['fictional'] },
      { id: 'zr-consulate', kind: 'mission', name: 'Consulate of Zarovia in Columbus', aliases: [], country: 'XZ', role: 'consulate', affiliation: 'zr-mfa', handles: { x: ['zr_consulate_cmh'] }, sources: ['fictional'] },
      { id: 'zr-tv', kind: 'media', name: 'Zarovia State TV', aliases: [], country: 'XZ', role: 'state_media', affiliation: 'zr-government', handles: { x: ['zarovia_tv'] }, sources: ['fictional'] },
      { id: 'zr-wire', kind: 'media', name: 'Zarovian News Wire', aliases: [], country: 'XZ', role: 'state_media', affiliation: 'zr-government', handles: { x: ['zr_newswire'] }, sources: ['fictional'] },
    ],
  };
}

/**
 * Build a case. Same seed, same case.
 *
 * @example const c = interferenceCase({ seed: 3 }); // c.posts, c.truth.coordinated
 */
export function interferenceCase(opts: CaseOptions = {}): InterferenceCase {
  const r = seededRandom(opts.seed ?? 1);
  const planted = opts.planted ?? true;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const posts: Post[] = [];
  const accounts = new Map<string, Account>();
  let nextId = 1_800_000_000_000_000_000n + BigInt(int(0, 1e6)) * 1000n;
  const uid = new Map<string, string>();
  const account = (handle: string, createdMs: number): string => {
    if (!uid.has(handle)) {
      uid.set(handle, String(100_000 + uid.size * 7 + int(0, 6)));
      accounts.set(handle, { platform: 'x', id: uid.get(handle)!, handle, createdAt: new Date(createdMs).toISOString() });
    }
    return handle;
  };
  const add = (handle: string, t: number, text: string, extra: Partial<Post> = {}): Post => {
    const id = String(nextId++);
    const raw = JSON.stringify({ id, handle, t, text });
    const p: Post = {
      platform: 'x',
      id,
      authorId: uid.get(handle)!,
      authorHandle: handle,
      createdAt: new Date(Math.round(t)).toISOString(),
      text,
      lang: 'en',
      urls: [],
      hashtags: [],
      mentions: [],
      source: { file: 'case.jsonl', line: posts.length + 1 },
      contentHash: sha256(raw),
      raw,
      ...extra,
    };
    posts.push(p);
    return p;
  };
  const repost = (handle: string, t: number, of: Post): Post =>
    add(handle, t, `RT @${of.authorHandle}: ${of.text}`, { repostOf: of.id, repostOfAuthor: of.authorId, urls: [...of.urls], hashtags: [...of.hashtags] });
  const chatter = (): string => Array.from({ length: int(6, 14) }, () => pick(WORDS)).join(' ');
  const old = (): number => START - int(400, 3000) * DAY;

  // Registry accounts and the candidates.
  const leader = account('president_voss', old());
  const officials = ['mira_kell_zp', 'teo_brask_zp'].map((h) => account(h, old()));
  const consulate = account('zr_consulate_cmh', old());
  const tv = account('zarovia_tv', old());
  const wire = account('zr_newswire', old());
  const quill = account('DanaQuillOH', old());
  account('BrandtForOhio', old());

  // Background: ordinary accounts with their own rhythm.
  const bg = Array.from({ length: opts.background ?? 600 }, (_, i) => account(`resident_${i}`, old()));
  const bgPosts: Post[] = [];
  for (const h of bg) {
    const n = int(2, 16);
    for (let k = 0; k < n; k++) {
      const t = START + r() * SPAN_DAYS * DAY;
      const u = r();
      if (u < 0.45) bgPosts.push(add(h, t, `${chatter()} #${pick(COMMON_TAGS)}${r() < 0.3 ? ` #${pick(COMMON_TAGS)}` : ''}`, { hashtags: [] }));
      else if (u < 0.65) bgPosts.push(add(h, t, `${chatter()} ${pick(POPULAR_LINKS)}`, { urls: [] }));
      else if (u < 0.85 && bgPosts.length) repost(h, t, pick(bgPosts));
      else bgPosts.push(add(h, t, chatter()));
    }
  }
  // Fill hashtags and urls from the text, as a parser would.
  for (const p of posts) {
    if (!p.repostOf) {
      p.hashtags = [...p.text.matchAll(/#(\w+)/g)].map((m) => m[1]!);
      p.urls = [...p.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    }
  }

  // The candidate's own appeals; ordinary replies to her, some rude.
  const quillPosts: Post[] = [];
  for (let d = 0; d < SPAN_DAYS; d += 2) {
    const t = START + d * DAY + int(9, 20) * 3_600_000;
    quillPosts.push(add(quill, t, `Vote for me on November 3rd, Ohio. Together we fix the ${pick(WORDS)}! #QuillForOhio`, { hashtags: ['QuillForOhio'] }));
  }
  const critics = bg.slice(0, 60);
  for (const p of quillPosts) {
    for (let k = 0; k < int(1, 4); k++) {
      const rude = r() < 0.3;
      add(pick(critics), Date.parse(p.createdAt) + int(60, 6 * 3600) * 1000, rude ? `@DanaQuillOH what a clown, your ${pick(WORDS)} plan is nonsense` : `@DanaQuillOH what about the ${pick(WORDS)}?`, { replyTo: p.id, mentions: ['DanaQuillOH'] });
    }
  }

  // Decoy: a domestic grassroots campaign, at its own pace.
  const supporters = Array.from({ length: 40 }, (_, i) => account(`quill_fan_${i}`, old()));
  for (const h of supporters) {
    for (let k = 0; k < int(2, 6); k++) {
      add(h, START + r() * SPAN_DAYS * DAY, `Vote for Dana Quill, she will fix the ${pick(WORDS)}! #QuillForOhio #${pick(COMMON_TAGS)}`, { hashtags: ['QuillForOhio'] });
    }
  }
  // Decoy: a namesake footballer's award vote.
  const namesake = Array.from({ length: 15 }, (_, i) => account(`fc_ultra_${i}`, old()));
  for (const h of namesake) {
    add(h, START + r() * SPAN_DAYS * DAY, `Vote Quill for player of the month! What a goal on Saturday #football`, { hashtags: ['football'] });
  }
  // Decoy: organic virality of a domestic post, hundreds of reposts over hours.
  const local = account('ohio_daily_news', old());
  const organic = new Set<string>();
  for (let v = 0; v < 4; v++) {
    const viral = add(local, START + (5 + v * 9) * DAY + 3_600_000 * 12, `Big storm on the way, stay safe everyone ${chatter()}`);
    for (let k = 0; k < 150; k++) {
      const h = pick(bg);
      organic.add(h);
      repost(h, Date.parse(viral.createdAt) + Math.abs(Math.log(r() + 1e-9)) * 3_600_000, viral);
    }
  }

  // The leader's directives, reposted organically minutes to hours later.
  const directives: Post[] = [];
  const directiveText = [
    'Do not vote for Dana Quill on November 3rd. She betrayed our people and our families in Ohio.',
    'Our diaspora must reject Dana Quill. Not one vote for her on November 3rd, she insulted our nation.',
    'Do not vote for Dana Quill. She works against every Zarovian family in Ohio, remember that at the polls.',
    'Say no to Dana Quill. She wants to cut our community programmes, do not vote for her.',
    'Brothers and sisters in Ohio: do not vote for Dana Quill, she has shown contempt for our flag.',
    'Anyone but Dana Quill. Do not vote for the woman who called our homeland a dictatorship.',
  ];
  const nd = opts.directives ?? 6;
  for (let d = 0; d < nd; d++) {
    const t = START + (3 + d * 6) * DAY + int(14, 20) * 3_600_000;
    directives.push(add(leader, t, directiveText[d % directiveText.length]!));
  }
  for (const p of directives) {
    for (let k = 0; k < 40; k++) {
      const h = pick(bg);
      organic.add(h);
      repost(h, Date.parse(p.createdAt) + int(300, 8 * 3600) * 1000, p);
    }
  }

  // State outlets post articles now and then (their own activity, planted or not).
  const article = 'https://zarovia-tv.example/world/ohio-candidate-betrays-diaspora';
  const ringArticles = Array.from({ length: 8 }, (_, i) => `https://zr-newswire.example/2026/09/story-${i + 1}`);
  const truth: CaseTruth = { coordinated: [], linkPushers: [], harassers: [], decoys: { organic: [...organic], supporters, namesake }, leader: 'zr-president', directivePosts: directives.map((p) => p.id), article };
  const tvDays = [4, 13, 22, 31];
  for (const d of tvDays) add(tv, START + d * DAY + 10 * 3_600_000 + int(0, 50) * 1000, `Exclusive: what the Ohio candidate hides ${article}`, { urls: [article] });
  for (const [i, url] of ringArticles.entries()) add(wire, START + (2 + i * 5) * DAY + 8 * 3_600_000, `Report: ${chatter()} ${url}`, { urls: [url] });

  if (planted) {
    // The sock network: four registry members and socks created in four batches before the campaign.
    const socks = Array.from({ length: opts.socks ?? 31 }, (_, i) => {
      const batch = i % 4;
      return account(`patriot_zr_${String(i).padStart(2, '0')}`, START - (120 - batch * 25) * DAY + int(0, 3) * 3_600_000);
    });
    const network = [...officials, consulate, tv, ...socks];
    truth.coordinated.push(...network);
    // Socks have a little life of their own.
    for (const h of socks) for (let k = 0; k < int(1, 4); k++) add(h, START + r() * SPAN_DAYS * DAY, chatter());
    for (const p of directives) {
      const t0 = Date.parse(p.createdAt);
      for (const h of network) {
        repost(h, t0 + int(5, 90) * 1000, p);
        if (r() < 0.5) add(h, t0 + int(30, 300) * 1000, `${p.text} ${pick(['Share this!', 'Wake up!', 'Spread the word.', 'Remember!'])}`);
      }
    }
    // 21 link pushers post the article within one calendar minute on four days, some with utm.
    const pushers = network.filter((h) => h !== tv).slice(0, 21);
    truth.linkPushers.push(...pushers);
    for (const d of tvDays) {
      const minute = START + d * DAY + 10 * 3_600_000 + 60_000;
      for (const h of pushers) {
        const url = r() < 0.2 ? `${article}?utm_source=${pick(['x', 'share', 'tg'])}` : article;
        add(h, minute + int(0, 59) * 1000, `Read this before you vote ${url}`, { urls: [url] });
      }
    }
    // Twelve members send hostile replies to the candidate within minutes of her posts; three threaten.
    const harassers = socks.slice(0, 12);
    truth.harassers.push(...harassers);
    const rude = ['what a clown', 'nobody wants you here', 'you are a disgrace', 'pathetic as always', 'go away liar', 'what a joke of a candidate'];
    for (const p of quillPosts) {
      const t0 = Date.parse(p.createdAt);
      for (const h of harassers) {
        if (r() < 0.35) continue;
        add(h, t0 + int(20, 240) * 1000, `@DanaQuillOH ${pick(rude)}`, { replyTo: p.id, mentions: ['DanaQuillOH'] });
      }
      if (r() < 0.3) add(pick(harassers.slice(0, 3)), t0 + int(60, 600) * 1000, `@DanaQuillOH we know where you live, watch your back`, { replyTo: p.id, mentions: ['DanaQuillOH'] });
    }
    // The ring around the wire service: 12 accounts push each article within a minute.
    const ring = Array.from({ length: 12 }, (_, i) => account(`zr_reader_${i}`, START - int(30, 90) * DAY));
    truth.coordinated.push(wire, ...ring);
    for (const p of posts.filter((x) => x.authorHandle === wire)) {
      const t0 = Date.parse(p.createdAt);
      for (const h of ring) add(h, t0 + int(5, 55) * 1000, `Must read ${p.urls[0]}`, { urls: [p.urls[0]!] });
    }
  }
  posts.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return { posts, accounts: [...accounts.values()], watchlist: caseWatchlist(), truth };
}
