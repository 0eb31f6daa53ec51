import type { Actor } from '../model/types.js';

/** Longest affiliation chain followed; registries are shallow, this only stops runaway data. */
const MAX_CHAIN = 16;

/**
 * The affiliation chain of a registry actor, starting with the actor itself and ending with the
 * top of the chain (consulate → foreign ministry → government). Stops at an affiliation that is not
 * in the registry and at a cycle, so bad registry data cannot loop forever.
 *
 * @example affiliationChain('consulate-la', actorsById).map((a) => a.id) // ['consulate-la', 'mfa', 'gov']
 */
export function affiliationChain(actorId: string, actorsById: ReadonlyMap<string, Actor>): Actor[] {
  const chain: Actor[] = [];
  const seen = new Set<string>();
  let current = actorsById.get(actorId);
  while (current && !seen.has(current.id) && chain.length < MAX_CHAIN) {
    chain.push(current);
    seen.add(current.id);
    current = current.affiliation ? actorsById.get(current.affiliation) : undefined;
  }
  return chain;
}

/** The top of an actor's affiliation chain; an id unknown to the registry is its own root. */
export function rootActorId(actorId: string, actorsById: ReadonlyMap<string, Actor>): string {
  const chain = affiliationChain(actorId, actorsById);
  return chain.length ? chain[chain.length - 1]!.id : actorId;
}

/** Roles whose holders speak for a foreign government as officials (DISARM T0097.111). */
export const OFFICIAL_ROLES: ReadonlySet<Actor['role']> = new Set([
  'head_of_state',
  'head_of_government',
  'minister',
  'party_official',
  'diplomat',
]);

/** Whether the Vienna Conventions' non-interference duty can attach: accredited diplomats and consular posts. */
export function isDiplomatic(actor: Actor): boolean {
  return actor.role === 'diplomat' || actor.role === 'consulate' || actor.kind === 'mission';
}

/** Whether the actor is an institution (ministry, consulate, party organ) rather than a person or outlet. */
export function isInstitution(actor: Actor): boolean {
  return actor.kind === 'mission' || (actor.kind === 'organization' && actor.role !== 'state_media');
}
