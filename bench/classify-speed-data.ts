/**
 * The speed bench's synthetic data (bench/classify-speed.ts; also classified by bench/classify-fingerprint.ts):
 * from a seed, a watchlist of 500 races / 1,500 candidates / 2,000 actors with fictional names, and posts in
 * English, Spanish and Portuguese (directives, harassment, reports, neutral chatter, hashtags, handles).
 */
import type { ClassifiablePost } from '../src/analyze/classify/classify.js';
import { US_STATES } from '../src/analyze/match/districts.js';
import type { Actor, Race, Watchlist } from '../src/model/types.js';
import { seededRandom } from '../src/util/random.js';

/** The watchlist, then `count` posts, from one seeded stream (the same seed gives the same data). */
export function speedData(seed: number, count: number): { watchlist: Watchlist; posts: ClassifiablePost[] } {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const SYL = ['ka', 'lo', 'mi', 'ra', 'ven', 'tos', 'bel', 'dri', 'qua', 'zan', 'mor', 'fel', 'ris', 'tan', 'gui', 'sal', 'pe', 'no', 'ux', 'ha', 'jo', 'ber', 'cal', 'vi'];
  const word = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += pick(SYL);
    return s[0]!.toUpperCase() + s.slice(1);
  };

  function buildWatchlist(): Watchlist {
    const states = Object.keys(US_STATES);
    const races: Race[] = [];
    let c = 0;
    for (let r = 0; r < 500; r++) {
      const candidates = [];
      for (let k = 0; k < 3; k++, c++) {
        const first = word(2);
        const last = word(3);
        candidates.push({
          id: `cand-${c}`,
          name: `${first} ${last}`,
          aliases: rand() < 0.5 ? [`${first.slice(0, 3)} ${last}`] : [],
          handles: { x: [`${first}${last}${c}`], bluesky: [`${last.toLowerCase()}${c}.bsky.social`] },
          fecCommitteeIds: [],
        });
      }
      races.push({ id: `race-${r}`, office: 'US House', jurisdiction: `US-${states[r % states.length]}-${1 + Math.floor(r / states.length) + (r % 7) * 10}`, electionDate: '2026-11-03', candidates });
    }
    const actors: Actor[] = [];
    for (let a = 0; a < 2000; a++) {
      actors.push({
        id: `actor-${a}`,
        kind: a % 10 === 0 ? 'organization' : 'person',
        name: `${word(2)} ${word(3)}`,
        aliases: [],
        country: 'XV',
        role: pick(['minister', 'diplomat', 'consulate', 'state_media', 'party_official'] as const),
        affiliation: a >= 10 ? `actor-${Math.floor(a / 10) * 10 - 10}` : undefined,
        handles: { x: [`actor_${a}_${word(1).toLowerCase()}`] },
        sources: [],
      });
    }
    return { races, actors, webhooks: [] };
  }

  function buildPosts(w: Watchlist, count: number): ClassifiablePost[] {
    const cands = w.races.flatMap((r) => r.candidates);
    const filler = [
      'The weather in the valley was great this weekend and the market had fresh bread.',
      'Hoy hubo tráfico en la autopista y llegamos tarde al trabajo, como siempre.',
      'Hoje o jogo foi incrível, o estádio estava cheio e a torcida cantou o tempo todo.',
      'New bill on water rights heads to committee next week; hearings begin Tuesday.',
    ];
    const templates: ((n: string, h: string) => string)[] = [
      (n) => `Do NOT vote for ${n}. ${pick(filler)}`,
      (n, h) => `No voten por @${h} este noviembre, hermanos. #NoVotenPor${n.split(' ')[1]}`,
      (n) => `Não votem em ${n}! Ele é contra nós.`,
      (n) => `Vote for ${n} on November 3rd! ${pick(filler)}`,
      (n) => `${n} is a disgrace and a rat, go back where you came from`,
      (n) => `We know where you live, ${n}.`,
      (n) => `The minister urged voters not to vote for ${n}, according to a report.`,
      (n) => `${n} voted for the infrastructure bill yesterday. ${pick(filler)}`,
      () => pick(filler),
      () => `${pick(filler)} ${pick(filler)}`,
    ];
    const posts: ClassifiablePost[] = [];
    for (let i = 0; i < count; i++) {
      const c = pick(cands);
      const actor = rand() < 0.2 ? pick(w.actors) : undefined;
      posts.push({
        id: String(i),
        platform: 'x',
        authorHandle: actor ? actor.handles.x![0]! : `user_${Math.floor(rand() * 1e6)}`,
        // Half the posts get a second sentence: mean length about that of a tweet.
        text: rand() < 0.5 ? pick(templates)(c.name, c.handles.x![0]!) : `${pick(templates)(c.name, c.handles.x![0]!)} ${pick(filler)}`,
        hashtags: [],
        mentions: [],
        createdAt: '2026-10-20T12:00:00Z',
      });
    }
    return posts;
  }
  const watchlist = buildWatchlist();
  return { watchlist, posts: buildPosts(watchlist, count) };
}
