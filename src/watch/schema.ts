import { z } from 'zod';
import type { Actor, Candidate, Race, Watchlist } from '../model/types.js';

/**
 * The watchlist file schema (YAML or JSON). Keys are snake_case in the file and camelCase in code.
 * Every object is strict: an unknown key is an error naming its path, because a misspelt key
 * (`handels:`) would otherwise silently switch off matching.
 */

const ID = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be letters, digits, ".", "_", ":" or "-"');

const ISO_DATE = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'must be a date YYYY-MM-DD');

/** `handles: { x: [NormaJTorres] }`: any platform name, each a list of handles without '@'. */
const HANDLES = z
  .record(
    z.string().regex(/^[a-z][a-z0-9_-]*$/, 'platform names are lower case, e.g. x, bluesky, mastodon'),
    z.array(z.string().min(1).max(320).transform((h) => h.replace(/^@+/, ''))),
  )
  .default({});

const CANDIDATE = z.strictObject({
  id: ID,
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  // Ballot-measure committees and nonpartisan seats have none: `party: null` is read as no party.
  party: z.string().nullish().transform((p) => p ?? undefined),
  handles: HANDLES,
  fec_candidate_id: z.string().regex(/^[HSP][0-9A-Z]{8}$/, 'must be an FEC candidate id such as H0CA35000').optional(),
  fec_committee_ids: z.array(z.string().regex(/^C\d{8}$/, 'must be an FEC committee id such as C00123456')).default([]),
});

const RACE = z.strictObject({
  id: ID,
  office: z.string().min(1),
  jurisdiction: z
    .string()
    // Case is not meaning, and a space inside a place name separates its words as a hyphen does:
    // `US-MA-Brockton` is `US-MA-BROCKTON`, `US-AZ-Cholla County` is `US-AZ-CHOLLA-COUNTY`.
    .transform((j) => j.trim().replace(/\s+/g, '-').toUpperCase())
    .pipe(
      z
        .string()
        // A state legislative seat names its chamber before the district (US-CA-AD-53: Assembly District 53);
        // a county or city office names its place, in as many words as it has (US-TX-CAMERON, US-MA-PORT-ELLERY,
        // US-NJ-ESSEX-02: a county commission district).
        .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3}(-[A-Z0-9]{1,24}){0,4})?$/, 'must look like US, US-CA, US-CA-35, US-CA-AD-53, US-TX-CAMERON or US-MA-PORT-ELLERY (country-subdivision-[chamber-]district, or a county or city)'),
    ),
  election_date: ISO_DATE,
  candidates: z.array(CANDIDATE).default([]),
});

const ACTOR = z.strictObject({
  id: ID,
  kind: z.enum(['person', 'organization', 'mission', 'media']),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  // ISO 3166-1 alpha-2, user-assigned codes (XK, AA, QM–QZ, XA–XZ, ZZ) included: any two capitals.
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as SV or XK'),
  role: z.enum(['head_of_state', 'head_of_government', 'minister', 'party_official', 'diplomat', 'consulate', 'state_media', 'other']),
  affiliation: ID.optional(),
  handles: HANDLES,
  valid_from: ISO_DATE.optional(),
  valid_to: ISO_DATE.optional(),
  sources: z.array(z.string()).default([]),
});

const WEBHOOK = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
  min_score: z.number().min(0).max(1).optional(),
});

export const WATCHLIST_SCHEMA = z.strictObject({
  races: z.array(RACE).default([]),
  actors: z.array(ACTOR).default([]),
  webhooks: z.array(WEBHOOK).default([]),
});

export type WatchlistFile = z.input<typeof WATCHLIST_SCHEMA>;

/** Map the parsed file to the in-code shape. */
export function toWatchlist(parsed: z.output<typeof WATCHLIST_SCHEMA>): Watchlist {
  const races: Race[] = parsed.races.map((r) => ({
    id: r.id,
    office: r.office,
    jurisdiction: r.jurisdiction,
    electionDate: r.election_date,
    candidates: r.candidates.map(
      (c): Candidate => ({
        id: c.id,
        name: c.name,
        aliases: c.aliases,
        party: c.party,
        handles: c.handles,
        fecCandidateId: c.fec_candidate_id,
        fecCommitteeIds: c.fec_committee_ids,
      }),
    ),
  }));
  const actors: Actor[] = parsed.actors.map((a) => ({
    id: a.id,
    kind: a.kind,
    name: a.name,
    aliases: a.aliases,
    country: a.country,
    role: a.role,
    affiliation: a.affiliation,
    handles: a.handles,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    sources: a.sources,
  }));
  return {
    races,
    actors,
    webhooks: parsed.webhooks.map((w) => ({ url: w.url, secret: w.secret, minScore: w.min_score })),
  };
}
