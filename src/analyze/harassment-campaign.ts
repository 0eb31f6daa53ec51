/**
 * Harassment campaigns: hostile replies and mentions aimed at one candidate from members of a
 * coordinated group or from foreign-linked accounts, as one `harassment_campaign` finding per
 * (platform, candidate), with the share of the candidate's hostile replies that came from the
 * network (../shared/reference/labels.md, "Campaign-level hostility"). A post counts as hostile when
 * the classifier labels it harassment or threat (`classifyPostDetail`, public API only) or when it
 * is merely rude (`rudeness.ts`): each post alone may be legitimate criticism; dozens from one
 * network are a campaign.
 *
 * Two passes without holding posts: `add` every batch (keeps a small record per hostile post aimed
 * at a candidate), then `findings` with the coordination findings of the same run.
 */
import type { EvidenceRef, Finding, Post } from '../model/types.js';
import { foldHandle } from '../util/normalize.js';
import { attribute } from './attribution.js';
import { classifyPostDetail } from './classify/classify.js';
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
  candidateIds: string[];
  level: Level;
  at: string;
  evidence: EvidenceRef;
}

/** Collects hostile posts aimed at candidates, then files campaigns. */
export class HarassmentCampaigns {
  private readonly hostile: Hostile[] = [];
  /** platform:folded handle → candidate id. */
  private readonly handles = new Map<string, string>();
  /** platform:post id → candidate id, for the candidates' own posts (replies to them are aimed at them). */
  private readonly candidatePosts = new Map<string, string>();

  constructor(private readonly cw: CompiledWatchlist) {
    for (const c of cw.candidates) for (const [platform, hs] of Object.entries(c.handles)) for (const h of hs) this.handles.set(`${platform}:${foldHandle(h)}`, c.id);
  }

  /** Look at one batch of posts. */
  add(posts: Post[]): void {
    for (const p of posts) {
      const own = this.handles.get(`${p.platform}:${foldHandle(p.authorHandle)}`);
      if (own) {
        this.candidatePosts.set(`${p.platform}:${p.id}`, own);
        continue;
      }
      if (p.repostOf) continue;
      const aimed = new Set<string>();
      for (const m of p.mentions) {
        const c = this.handles.get(`${p.platform}:${foldHandle(m)}`);
        if (c) aimed.add(c);
      }
      const repliedTo = p.replyTo ? this.candidatePosts.get(`${p.platform}:${p.replyTo}`) : undefined;
      if (repliedTo) aimed.add(repliedTo);
      if (!aimed.size) continue;
      const d = classifyPostDetail(p, this.cw);
      const level: Level | undefined = d.classification.threat ? 'threat' : d.classification.harassment ? 'harassment' : isRude(p.text) ? 'rude' : undefined;
      if (!level) continue;
      this.hostile.push({
        platform: p.platform,
        id: p.id,
        account: `${p.platform}:${foldHandle(p.authorHandle)}`,
        handle: `${p.platform}:${p.authorHandle}`,
        candidateIds: [...aimed].sort(),
        level,
        at: p.createdAt,
        evidence: { kind: 'post', ref: `${p.platform}:${p.id}`, source: p.source, sha256: p.contentHash },
      });
    }
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
    for (const h of this.hostile) {
      for (const c of h.candidateIds) {
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
