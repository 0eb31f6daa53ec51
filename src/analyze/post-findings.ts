/**
 * Per-post findings: one Finding per (post, kind) for directive, harassment and threat.
 *
 * - id `${kind}:${platform}:${postId}`: stable, so re-running does not duplicate findings.
 * - A plain repost yields none (it is not the reposter's own call; the coordination engine scores
 *   amplification).
 * - Score in 0..1: a base per kind, raised when the author is a registry actor (more for heads of
 *   state and government, ministers and missions), when the directive is explicit (a vote phrase
 *   with a named target rather than a pronoun or hashtag), and when a district or race is named.
 * - The explanation is plain text quoting the matched words (post text is hostile: renderers escape it).
 */
import type { Actor, Finding, FindingKind, Post } from '../model/types.js';
import { classifyPostDetail, quoteForExplanation, type ClassificationDetail } from './classify/classify.js';
import { attributeActor } from './attribution.js';
import type { CompiledWatchlist } from './match/compile.js';

const BASE: Record<'directive' | 'harassment' | 'threat', number> = { directive: 0.5, harassment: 0.45, threat: 0.6 };
const ROLE_WEIGHT: Partial<Record<Actor['role'], number>> = {
  head_of_state: 0.3,
  head_of_government: 0.3,
  minister: 0.25,
  diplomat: 0.25,
  consulate: 0.25,
  state_media: 0.2,
  party_official: 0.15,
  other: 0.15,
};

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

/** Findings for one post from its classification detail. */
export function findingsForPost(post: Post, detail: ClassificationDetail, cw: CompiledWatchlist): Finding[] {
  const c = detail.classification;
  if (detail.repost) return [];
  const kinds: ('directive' | 'harassment' | 'threat')[] = [];
  if (c.directive) kinds.push('directive');
  if (c.harassment) kinds.push('harassment');
  if (c.threat) kinds.push('threat');
  if (!kinds.length) return [];

  const attributed = attributeActor(post.platform, post.authorHandle, cw, post.createdAt);
  const chain = (attributed?.chain ?? []).map((a) => ({ id: a.id, name: a.name, role: a.role, country: a.country }));
  const explicitRace = c.race_ids.length > 0;
  const author = `@${quoteForExplanation(post.authorHandle)}`;
  const who = attributed
    ? `${author} (registry: ${attributed.actor.name}, ${attributed.actor.role}, ${attributed.actor.country}${chain.length > 1 ? `; answers to ${chain.slice(1).map((a) => a.name).join(' -> ')}` : ''})`
    : `${author} (not in the registry)`;

  return kinds.map((kind): Finding => {
    const words = detail.matched.filter((m) => m.label === kind).map((m) => `"${m.text}"`);
    let score = BASE[kind];
    if (attributed) score += ROLE_WEIGHT[attributed.actor.role] ?? 0.15;
    if (kind === 'directive' && detail.explicit) score += 0.1;
    if (explicitRace) score += 0.05;
    const targetNames = c.target_candidate_ids.map((id) => cw.candidates[cw.candidateById.get(id)!]?.name ?? id);
    const what =
      kind === 'directive'
        ? `${c.directive?.replace('_', ' ')}${targetNames.length ? ` ${targetNames.join(', ')}` : ''}`
        : kind;
    return {
      id: `${kind}:${post.platform}:${post.id}`,
      kind: kind as FindingKind,
      subjects: { accounts: [`${post.platform}:${post.authorHandle}`], actorIds: attributed ? [attributed.actor.id] : [] },
      // Harassment and threats target the candidates the post names.
      targets: { candidateIds: kind === 'directive' ? [...c.target_candidate_ids] : [...detail.candidatesNamed], raceIds: [...c.race_ids] },
      score: round(score),
      observedAt: post.createdAt,
      explanation: `${who} posted a ${kind === 'directive' ? 'voting directive' : kind} (${what}); matched ${words.join(', ') || '(no words)'}. An indicator for review, not a finding of wrongdoing.`,
      detail: {
        directive: c.directive,
        chain,
        matched: detail.matched.filter((m) => m.label !== 'suppressed').map((m) => ({ label: m.label, text: m.text })),
        lang: detail.lang,
      },
      evidence: [{ kind: 'post', ref: `${post.platform}:${post.id}`, source: post.source, sha256: post.contentHash }],
    };
  });
}

/**
 * Directive, harassment and threat findings for a batch of posts.
 * @example const findings = detectPostFindings(batch.posts, compileWatchlist(watchlist));
 */
export function detectPostFindings(posts: Post[], cw: CompiledWatchlist): Finding[] {
  const out: Finding[] = [];
  for (const post of posts) out.push(...findingsForPost(post, classifyPostDetail(post, cw), cw));
  return out;
}
