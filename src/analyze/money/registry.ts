/**
 * Registry matching for FEC free-text fields (contributor NAME, EMPLOYER, OCCUPATION, IE spender and
 * payee): a small token-set matcher, so word order ("BUKELE, NAYIB" vs "Nayib Bukele"), case and
 * accents do not matter. An alias matches when every one of its significant tokens is in the field.
 * We use this instead of analyze/match because FEC fields are short, upper-case, comma-inverted
 * names where phrase matching in order would miss most hits.
 */
import type { Actor } from '../../model/types.js';
import { foldText } from '../../util/normalize.js';
import { triggerToken, type TriggerToken } from '../../ingest/fec/tokens.js';

/** Words that carry no identity on their own (English and Spanish articles and prepositions). */
const STOPWORDS = new Set('of the and de del la las los el en y for in at to a an da do dos das di du le les et von der und'.split(' '));

/** Words naming a government body; with a foreign country they make an employer a foreign-government indicator. */
export const INSTITUTION_WORDS = new Set(
  ('embassy embassies embajada embaixada ambassade botschaft consulate consulado consulat konsulat consular consul ' +
    'ministry ministerio ministere ministerium ministero government gobierno gouvernement regierung governo ' +
    'cancilleria presidency presidencia').split(' '),
);

export interface CompiledAlias {
  actorId: string;
  country: string;
  alias: string;
  tokens: string[];
}

/** A registry compiled for matching. */
export interface CompiledRegistry {
  aliases: CompiledAlias[];
  /** One rare token per alias: the scanner keeps rows holding any of them for a close look. */
  triggerTokens: Set<string>;
}

export interface RegistryMatch {
  actorId: string;
  country: string;
  /** The alias that matched, as written in the registry. */
  alias: string;
}

/** Significant folded tokens of a text. */
export function significantTokens(text: string): string[] {
  return foldText(text.slice(0, 2000))
    .split(' ')
    .filter((t) => t !== '' && !STOPWORDS.has(t));
}

/**
 * Compile actor names and aliases. Aliases that are too weak to match alone (one token shorter
 * than 5 letters, such as the abbreviation "NI") are left out.
 */
export function compileRegistry(actors: Actor[]): CompiledRegistry {
  const aliases: CompiledAlias[] = [];
  const triggerTokens = new Set<string>();
  for (const actor of actors) {
    const seen = new Set<string>();
    for (const alias of [actor.name, ...actor.aliases]) {
      const tokens = [...new Set(significantTokens(alias))];
      if (tokens.length === 0 || (tokens.length === 1 && tokens[0]!.length < 5)) continue;
      const key = [...tokens].sort().join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      aliases.push({ actorId: actor.id, country: actor.country, alias, tokens });
      // The longest token is the rarest in practice; ties go to the later token (surnames come last).
      const trigger = tokens.reduce((best, t) => (t.length >= best.length ? t : best), '');
      triggerTokens.add(trigger);
    }
  }
  return { aliases, triggerTokens };
}

/** Actors whose alias tokens all appear in `text` (one match per actor, first alias wins). */
export function matchRegistry(text: string, registry: CompiledRegistry): RegistryMatch[] {
  if (!text || registry.aliases.length === 0) return [];
  const tokens = new Set(significantTokens(text));
  const out: RegistryMatch[] = [];
  const seen = new Set<string>();
  for (const a of registry.aliases) {
    if (seen.has(a.actorId)) continue;
    if (a.tokens.every((t) => tokens.has(t))) {
      seen.add(a.actorId);
      out.push({ actorId: a.actorId, country: a.country, alias: a.alias });
    }
  }
  return out;
}

/** Trigger tokens for the byte scanner: registry triggers and institution words (plus any extra words). */
export function triggerHashes(registry: CompiledRegistry, extraWords: Iterable<string> = []): TriggerToken[] {
  const words = new Set<string>([...registry.triggerTokens, ...INSTITUTION_WORDS, ...extraWords]);
  return [...words].map(triggerToken);
}
