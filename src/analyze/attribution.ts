/**
 * Attribution: a post's author handle matched against the actor registry, per platform, with the
 * affiliation chain (consulate → foreign ministry → government).
 *
 * - Handles compare without '@' and case-insensitively; `twitter` and `x` are one platform.
 * - Validity: when the post time is known, an actor is attributed only if the time falls within its
 *   validFrom..validTo (dates inclusive, UTC). A handle held by several actors over time (an
 *   office's account passing from one holder to the next) resolves to the one valid then. Without a
 *   post time, validity is not checked and the actor with the latest validFrom wins.
 * - The chain follows `affiliation` links and stops at a cycle or a missing id.
 */
import type { Actor } from '../model/types.js';
import { foldHandle } from '../util/normalize.js';
import { canonicalPlatform, type CompiledWatchlist } from './match/compile.js';

/** Longest affiliation chain followed (registries are shallow; this bounds hostile data). */
const MAX_CHAIN = 32;

function validAt(actor: Actor, at: string): boolean {
  const day = at.slice(0, 10);
  if (actor.validFrom && day < actor.validFrom.slice(0, 10)) return false;
  if (actor.validTo && day > actor.validTo.slice(0, 10)) return false;
  return true;
}

/** The actor, then the actor it answers to, and so on; cycle-safe. */
export function affiliationChain(actor: Actor, cw: CompiledWatchlist): Actor[] {
  const chain = [actor];
  const seen = new Set([actor.id]);
  let current = actor;
  while (current.affiliation && chain.length < MAX_CHAIN) {
    const next = cw.actorById.get(current.affiliation);
    if (!next || seen.has(next.id)) break;
    chain.push(next);
    seen.add(next.id);
    current = next;
  }
  return chain;
}

const chains = new WeakMap<CompiledWatchlist, Map<string, Actor[]>>();

/** attribute() under another name, for modules that already use `attribute` for something else. */
export function attributeActor(platform: string, handle: string, cw: CompiledWatchlist, at?: string): { actor: Actor; chain: Actor[] } | null {
  if (!platform || !handle) return null;
  const found = cw.actorHandles.get(canonicalPlatform(platform))?.get(foldHandle(handle));
  if (!found?.length) return null;
  let valid = found;
  if (at && found.some((a) => a.validFrom || a.validTo)) {
    const day = /^\d{4}-\d{2}-\d{2}/.test(at) ? at : Number.isNaN(Date.parse(at)) ? '' : new Date(at).toISOString();
    if (day) valid = found.filter((a) => validAt(a, day));
  }
  if (!valid.length) return null;
  const actor = valid.length === 1 ? valid[0]! : valid.reduce((best, a) => ((a.validFrom ?? '') > (best.validFrom ?? '') ? a : best));
  let cache = chains.get(cw);
  if (!cache) chains.set(cw, (cache = new Map()));
  let chain = cache.get(actor.id);
  if (!chain) cache.set(actor.id, (chain = affiliationChain(actor, cw)));
  return { actor, chain };
}

/**
 * The registry actor behind an author handle on a platform, with its affiliation chain
 * (the actor first). `at` (ISO time of the post) applies the actor's validity dates.
 * @example attribute('x', '@NayibBukele', cw) // {actor: {id:'sv-bukele', ...}, chain: [bukele, government]}
 */
export function attribute(platform: string, handle: string, cw: CompiledWatchlist, at?: string): { actor: Actor; chain: Actor[] } | null {
  return attributeActor(platform, handle, cw, at);
}
