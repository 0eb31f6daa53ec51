/**
 * Harassment campaigns: hostile replies and mentions aimed at one candidate from members of a
 * coordinated group or from foreign-linked accounts, as one `harassment_campaign` finding per
 * (platform, candidate), with the share of the candidate's hostile replies that came from the
 * network (../shared/reference/labels.md, "Campaign-level hostility"). A post counts as hostile when
 * the classifier labels it harassment or threat (`classifyPostDetail`, public API only) or when it
 * is merely rude (`rudeness.ts`): each post alone may be legitimate criticism; dozens from one
 * network are a campaign.
 *
 * Two passes without holding posts: `add` every batch (keeps a small record per hostile post that
 * mentions a candidate or replies to any post), then `findings` with the coordination findings of
 * the same run. Which replies are aimed at a candidate is decided in `findings`, once every
 * candidate's posts are known, so the result does not depend on the order posts arrive in; and the
 * records can be saved (`state`) and restored, so that `vigil analyze` only reads new posts.
 */
import type { EvidenceRef, Finding, Post } from '../model/types.js';
import { foldHandle } from '../util/normalize.js';
import { attribute } from './attribution.js';
import { classifyPostDetail, type ClassificationDetail } from './classify/classify.js';
import type { CompiledWatchlist } from './match/compile.js';
import { isRude } from './rudeness.js';

/** Hostile posts from the network needed for a campaign, and distinct network accounts. */
export const MIN_CAMPAIGN_POSTS = 5;
export const MIN_CAMPAIGN_ACCOUNTS = 2;
const MAX_EVIDENCE = 50;

type Level = 'threat' | 'harassment' | 'rude';

interface Hostile {
  platform: string;
  id: string;
  account: string;
  handle: string;
  /** Candidates the post mentions. */
  mentioned: string[];
  /** `platform:id` of the post it replies to (aimed at a candidate when that is a candidate's post). */
  replyTo?: string;
  level: Level;
  at: string;
  evidence: EvidenceRef;
}

/** Collects hostile posts aimed at candidates, then files campaigns. */
/** What `HarassmentCampaigns.state` saves: the records kept so far. */
export interface CampaignState {
  hostile: Hostile[];
  candidatePosts: [string, string][];
}

export class HarassmentCampaigns {
  /** platform:post id → record; a post added twice is kept once. */
  private readonly hostile = new Map<string, Hostile>();
  /** platform:folded handle → candidate id. */
  private readonly handles = new Map<string, string>();
  /** platform:post id → candidate id, for the candidates' own posts (replies to them are aimed at them). */
  private readonly candidatePosts = new Map<string, string>();

  /** `state` restores the records of an earlier run with the same watchlist. */
  constructor(
    private readonly cw: CompiledWatchlist,
    state?: CampaignState,
  ) {
    for (const c of cw.candidates) for (const [platform, hs] of Object.entries(c.handles)) for (const h of hs) this.handles.set(`${platform}:${foldHandle(h)}`, c.id);
    for (const h of state?.hostile ?? []) this.hostile.set(`${h.platform}:${h.id}`, h);
    for (const [post, candidate] of state?.candidatePosts ?? []) this.candidatePosts.set(post, candidate);
  }

  /** The records kept so far, as plain data (JSON-safe). */
  state(): CampaignState {
    return { hostile: [...this.hostile.values()], candidatePosts: [...this.candidatePosts] };
  }

  /** Look at one batch of posts; `details[i]`, when given, is `classifyPostDetail(posts[i])` (saves classifying twice). */
  add(posts: Post[], details?: (ClassificationDetail | undefined)[]): void {
    posts.forEach((p, i) => {
      const own = this.handles.get(`${p.platform}:${foldHandle(p.authorHandle)}`);
      if (own) {
        this.candidatePosts.set(`${p.platform}:${p.id}`, own);
        return;
      }
      if (p.repostOf) return;
      const mentioned = new Set<string>();
      for (const m of p.mentions) {
        const c = this.handles.get(`${p.platform}:${foldHandle(m)}`);
        if (c) mentioned.add(c);
      }
      if (!mentioned.size && !p.replyTo) return;
      const d = details?.[i] ?? classifyPostDetail(p, this.cw);
      const level: Level | undefined = d.classification.threat ? 'threat' : d.classification.harassment ? 'harassment' : isRude(p.text) ? 'rude' : undefined;
      if (!level) return;
      const h: Hostile = {
        platform: p.platform,
        id: p.id,
        account: `${p.platform}:${foldHandle(p.authorHandle)}`,
        handle: `${p.platform}:${p.authorHandle}`,
        mentioned: [...mentioned].sort(),
        level,
        at: p.createdAt,
        evidence: { kind: 'post', ref: `${p.platform}:${p.id}`, source: p.source, sha256: p.contentHash },
      };
      if (p.replyTo) h.replyTo = `${p.platform}:${p.replyTo}`;
      this.hostile.set(`${p.platform}:${p.id}`, h);
    });
  }

  /** Candidates a hostile post is aimed at: those it mentions, and the author of the post it replies to. */
  private aimedAt(h: Hostile): string[] {
    const repliedTo = h.replyTo === undefined ? undefined : this.candidatePosts.get(h.replyTo);
    return repliedTo === undefined || h.mentioned.includes(repliedTo) ? h.mentioned : [...h.mentioned, repliedTo].sort();
  }

  /**
   * One finding per (platform, candidate) whose hostile posts from the network reach the minimums.
   * The network: accounts of the `coordination` / `amplification` findings, and accounts attributed
   * to a registry actor.
   */
  findings(networkFindings: Finding[]): Finding[] {
    const network = new Map<string, { groups: Set<string>; actors: Set<string>; score: number }>();
    for (const f of networkFindings) {
      if (f.kind !== 'coordination' && f.kind !== 'amplification') continue;
      const group = typeof f.detail['groupId'] === 'string' ? (f.detail['groupId'] as string) : f.id;
      for (const a of f.subjects.accounts) {
        const i = a.indexOf(':');
        const key = `${a.slice(0, i)}:${foldHandle(a.slice(i + 1))}`;
        let n = network.get(key);
        if (!n) network.set(key, (n = { groups: new Set(), actors: new Set(), score: 0 }));
        n.groups.add(group);
        for (const id of f.subjects.actorIds) n.actors.add(id);
        n.score = Math.max(n.score, f.score);
      }
    }
    const foreign = new Map<string, string | null>();
    const actorOf = (h: Hostile): string | null => {
      if (!foreign.has(h.account)) foreign.set(h.account, attribute(h.platform, h.handle.slice(h.platform.length + 1), this.cw, h.at)?.actor.id ?? null);
      return foreign.get(h.account)!;
    };
    const byCandidate = new Map<string, Hostile[]>();
    // In (platform, id) order, as the store lists posts, whatever order they were added in.
    const hostile = [...this.hostile.values()].sort((a, b) => (a.platform !== b.platform ? (a.platform < b.platform ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const h of hostile) {
      for (const c of this.aimedAt(h)) {
        const key = `${h.platform}\u0000${c}`;
        byCandidate.set(key, [...(byCandidate.get(key) ?? []), h]);
      }
    }
    const out: Finding[] = [];
    for (const [key, all] of byCandidate) {
      const [platform, candidateId] = key.split('\u0000') as [string, string];
      const fromNetwork = all.filter((h) => network.has(h.account) || actorOf(h) !== null);
      const authors = new Map<string, number>();
      for (const h of fromNetwork) authors.set(h.handle, (authors.get(h.handle) ?? 0) + 1);
      if (fromNetwork.length < MIN_CAMPAIGN_POSTS || authors.size < MIN_CAMPAIGN_ACCOUNTS) continue;
      const groups = new Set<string>();
      const actors = new Set<string>();
      let networkScore = 0;
      for (const h of fromNetwork) {
        const n = network.get(h.account);
        if (n) {
          n.groups.forEach((g) => groups.add(g));
          n.actors.forEach((a) => actors.add(a));
          networkScore = Math.max(networkScore, n.score);
        }
        const a = actorOf(h);
        if (a) actors.add(a);
      }
      const levels = { threat: 0, harassment: 0, rude: 0 };
      for (const h of fromNetwork) levels[h.level]++;
      const share = fromNetwork.length / all.length;
      const ci = this.cw.candidateById.get(candidateId);
      const candidate = ci === undefined ? undefined : this.cw.candidates[ci];
      const raceIds = ci === undefined ? [] : [this.cw.races[this.cw.candidateRace[ci]]!.id];
      // Monotone in the share and the number of hostile posts, capped by how sure the network is.
      const score = Math.round(Math.min(1, Math.max(networkScore, 0.6) * (0.6 + 0.25 * share + 0.15 * Math.min(1, fromNetwork.length / 30))) * 1000) / 1000;
      const ordered = [...fromNetwork].sort((a, b) => (a.level === b.level ? (a.at < b.at ? -1 : 1) : a.level === 'threat' ? -1 : b.level === 'threat' ? 1 : 0));
      const first = fromNetwork.reduce((m, h) => (h.at < m ? h.at : m), fromNetwork[0]!.at);
      out.push({
        id: `harassment_campaign:${platform}:${candidateId}`,
        kind: 'harassment_campaign',
        subjects: { accounts: [...authors.keys()].sort(), actorIds: [...actors].sort() },
        targets: { candidateIds: [candidateId], raceIds },
        score,
        observedAt: first,
        explanation:
          `${fromNetwork.length} of the ${all.length} hostile replies or mentions aimed at ${candidate?.name ?? candidateId} (${Math.round(share * 100)}%) came from ` +
          `${authors.size} accounts of a coordinated or foreign-linked network: ${levels.threat} threats, ${levels.harassment} harassment, ${levels.rude} rude but not harassment on their own. ` +
          `Taken together an indicator of a harassment campaign to review, not a finding of wrongdoing.`,
        detail: {
          method: 'reply',
          candidateId,
          hostile: all.length,
          fromNetwork: fromNetwork.length,
          share: Math.round(share * 1000) / 1000,
          levels,
          groupIds: [...groups].sort(),
          accounts: [...authors].sort((a, b) => b[1] - a[1]).map(([account, posts]) => ({ account, posts })),
        },
        evidence: ordered.slice(0, MAX_EVIDENCE).map((h) => h.evidence),
      });
    }
    return out;
  }
}
