/**
 * STIX 2.1 export of a case bundle (../shared/reference/formats.md §7).
 *
 * What is emitted:
 * - `identity` Vigil (the producer, `created_by_ref` of everything) and one per targeted candidate;
 * - `threat-actor` per registry actor, `located-at` a `location` with its country, `related-to` the
 *   actor it answers to (affiliation);
 * - per incident: a `campaign` (`attributed-to` its registry actors or an `intrusion-set` for a
 *   coordination group, `targets` candidates, `uses` DISARM `attack-pattern`s), a `note` with the
 *   legal indicators and caveats, a `sighting` of the campaign over the evidence, and a `report`
 *   that lists all of it;
 * - per evidence post: an `observed-data` over the author's `user-account` SCO, with the source file,
 *   capture time and SHA-256 in an external reference, and a `note` holding the post text; other
 *   evidence (campaign-finance rows) becomes a `note` on the campaign with the same details.
 *
 * Ids are deterministic (UUIDv5 over stable names), and `created` comes from the data, so re-exporting
 * the same cases gives the same objects; a grown incident gets a later `modified`. SCO ids follow the
 * spec's UUIDv5 rule so the same account gets the same id in every producer.
 *
 * DISARM techniques carry `external_references: [{source_name: 'DISARM', external_id: 'T0…', url}]`.
 * The DISARM bundle itself uses `mitre-attack` as source name and its own ids; pass
 * {@link attackPatternIdsFromDisarm} of that bundle to reuse them so OpenCTI/MISP merge instead of
 * duplicating. Notes and locations are valid against their own schemas but fall outside OASIS
 * `bundle.json`'s list (a known gap of that schema).
 */
import { createHash } from 'node:crypto';
import { DISARM_TECHNIQUES, disarmUrl } from '../cases/disarm.js';
import { indexBundle, type CaseBundle } from '../cases/bundle.js';
import type { Actor, Candidate, Finding, Incident, Post } from '../model/types.js';

/** STIX namespace for deterministic SCO ids (STIX 2.1 §2.9). */
const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Vigil's own namespace for deterministic SDO/SRO ids. Never change it: ids would all move. */
const VIGIL_NAMESPACE = '6d1f0b9e-3c55-5f0e-9a0e-2f4c5b7a9d31';
/** `created` of objects that describe reference data (Vigil, registry actors, DISARM techniques). */
const REFERENCE_EPOCH = '2026-01-01T00:00:00.000Z';

/** Any STIX object as plain JSON. */
export type StixObject = Record<string, unknown> & { type: string; id: string };
/** A STIX 2.1 bundle (no `spec_version` at this level in 2.1). */
export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** Options of {@link toStixBundle}. */
export interface StixOptions {
  /** DISARM technique id → attack-pattern id to reuse (see {@link attackPatternIdsFromDisarm}). */
  attackPatternIds?: ReadonlyMap<string, string>;
}

/** RFC 4122 version-5 UUID of `name` in `namespace`. */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function sdoId(type: string, stableName: string): string {
  return `${type}--${uuidv5(`${type}:${stableName}`, VIGIL_NAMESPACE)}`;
}

/** Spec account-type vocabulary where it has the platform; other platforms keep their own name. */
const ACCOUNT_TYPES: Record<string, string> = { x: 'twitter', twitter: 'twitter', facebook: 'facebook' };

/** RFC 3339 UTC with milliseconds, as STIX wants; `fallback` when the value is not a time. */
function stixTime(value: string | undefined, fallback: string): string {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/**
 * Map DISARM technique ids to the attack-pattern ids of a DISARM STIX bundle
 * (`generated_files/DISARM_STIX/DISARM.json`), so exports can reuse them.
 */
export function attackPatternIdsFromDisarm(disarmBundle: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const objects = (disarmBundle as { objects?: unknown })?.objects;
  if (!Array.isArray(objects)) return out;
  for (const o of objects as Record<string, unknown>[]) {
    if (o?.['type'] !== 'attack-pattern' || typeof o['id'] !== 'string' || !Array.isArray(o['external_references'])) continue;
    for (const ref of o['external_references'] as Record<string, unknown>[]) {
      const ext = ref?.['external_id'];
      if (typeof ext === 'string' && /^T\d{4}(\.\d{3})?$/.test(ext)) out.set(ext, o['id'] as string);
    }
  }
  return out;
}

/**
 * Build a STIX 2.1 bundle from a case bundle. Pure: the same input gives the same output.
 *
 * @example JSON.stringify(toStixBundle(bundle), null, 2)
 */
export function toStixBundle(bundle: CaseBundle, options: StixOptions = {}): StixBundle {
  const ix = indexBundle(bundle);
  const objects = new Map<string, StixObject>();
  const put = (o: StixObject): string => {
    if (!objects.has(o.id)) objects.set(o.id, o);
    return o.id;
  };
  const vigilId = sdoId('identity', 'vigil');
  const common = (type: string, id: string, created: string, modified = created) => ({
    type,
    spec_version: '2.1',
    id,
    created_by_ref: vigilId,
    created,
    modified: later(modified, created),
  });
  const generated = stixTime(bundle.generatedAt, REFERENCE_EPOCH);
  const relationship = (type: string, source: string, target: string, created: string, extra: Record<string, unknown> = {}) =>
    put({
      ...common('relationship', sdoId('relationship', `${type}|${source}|${target}`), created),
      relationship_type: type,
      source_ref: source,
      target_ref: target,
      ...extra,
    });

  put({
    type: 'identity',
    spec_version: '2.1',
    id: vigilId,
    created: REFERENCE_EPOCH,
    modified: REFERENCE_EPOCH,
    name: 'Vigil',
    identity_class: 'system',
    description: 'Vigil election-interference monitor. Its findings are indicators for analysts, not verdicts.',
  });
  const disarmMarking = put({
    type: 'marking-definition',
    spec_version: '2.1',
    id: sdoId('marking-definition', 'disarm-cc-by-sa-4.0'),
    created_by_ref: vigilId,
    created: REFERENCE_EPOCH,
    name: 'DISARM Foundation',
    definition_type: 'statement',
    definition: { statement: 'DISARM technique ids and names: CC-BY-SA-4.0 DISARM Foundation' },
  });

  // Registry actors, their countries and affiliations.
  const actorObjectId = (a: Actor) => sdoId('threat-actor', `actor:${a.id}`);
  for (const a of bundle.actors) {
    const id = put({
      ...common('threat-actor', actorObjectId(a), REFERENCE_EPOCH),
      name: a.name,
      description: `Actor registry entry ${a.id}: ${a.kind}, ${a.role.replace(/_/g, ' ')}, country ${a.country}.`,
      threat_actor_types: ['nation-state'],
      ...(a.aliases.length ? { aliases: [...a.aliases] } : {}),
      resource_level: 'government',
      external_references: [{ source_name: 'vigil-registry', external_id: a.id }],
    });
    const loc = put({
      ...common('location', sdoId('location', `country:${a.country}`), REFERENCE_EPOCH),
      name: a.country,
      country: a.country,
    });
    relationship('located-at', id, loc, REFERENCE_EPOCH);
  }
  for (const a of bundle.actors) {
    const parent = a.affiliation ? ix.actorsById.get(a.affiliation) : undefined;
    if (parent) {
      relationship('related-to', actorObjectId(a), actorObjectId(parent), REFERENCE_EPOCH, {
        description: `${a.name} answers to ${parent.name} (registry affiliation).`,
      });
    }
  }

  const candidates = new Map<string, { candidate: Candidate; raceId: string }>();
  for (const race of bundle.races) for (const c of race.candidates) candidates.set(c.id, { candidate: c, raceId: race.id });
  const candidateObject = (candidateId: string): string => {
    const known = candidates.get(candidateId);
    return put({
      ...common('identity', sdoId('identity', `candidate:${candidateId}`), REFERENCE_EPOCH),
      name: known ? known.candidate.name : candidateId,
      identity_class: 'individual',
      description: known ? `Candidate in race ${known.raceId}${known.candidate.party ? ` (${known.candidate.party})` : ''}.` : `Candidate ${candidateId}.`,
    });
  };

  const techniqueObject = (id: string): string => {
    const info = DISARM_TECHNIQUES[id];
    return put({
      ...common('attack-pattern', options.attackPatternIds?.get(id) ?? sdoId('attack-pattern', `disarm:${id}`), REFERENCE_EPOCH),
      name: info?.name ?? id,
      ...(info ? { kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: info.phase }] } : {}),
      external_references: [{ source_name: 'DISARM', external_id: id, url: disarmUrl(id) }],
      object_marking_refs: [disarmMarking],
    });
  };

  // Evidence posts: observed-data over the author's account, and a note holding the text.
  const evidenceDone = new Map<string, { observed: string; note: string }>();
  const evidenceObjects = (ref: string): { observed: string; note: string } | undefined => {
    const done = evidenceDone.get(ref);
    if (done) return done;
    const post = ix.postsByKey.get(ref);
    if (!post) return undefined;
    const entry = ix.evidenceByRef.get(ref);
    const account = userAccount(post);
    put(account);
    const created = stixTime(entry?.capturedAt ?? post.createdAt, generated);
    const seen = stixTime(post.createdAt, created);
    const where = `${post.source.file}${post.source.line !== undefined ? `:${post.source.line}` : post.source.offset !== undefined ? `@${post.source.offset}` : ''}`;
    const od = put({
      ...common('observed-data', sdoId('observed-data', `post:${ref}`), created),
      first_observed: seen,
      last_observed: seen,
      number_observed: 1,
      object_refs: [account.id],
      external_references: [
        {
          source_name: 'vigil-evidence',
          external_id: ref,
          description: `Source ${where}; captured ${entry?.capturedAt ?? 'not in ledger'}${entry ? `; ledger seq ${entry.seq}` : ''}.`,
          hashes: { 'SHA-256': entry?.sha256 ?? post.contentHash },
        },
      ],
    });
    const note = put({
      ...common('note', sdoId('note', `post:${ref}`), created),
      abstract: `Post ${ref} by ${post.authorHandle} on ${post.platform}`,
      content: post.text,
      ...(post.lang ? { lang: post.lang } : {}),
      object_refs: [od],
    });
    evidenceDone.set(ref, { observed: od, note });
    return { observed: od, note };
  };

  for (const incident of bundle.incidents) emitIncident(incident);

  function emitIncident(incident: Incident): void {
    const findings = incident.findingIds.map((id) => ix.findingsById.get(id)).filter((f): f is Finding => f !== undefined);
    const created = stixTime(incident.firstSeen, generated);
    const modified = stixTime(incident.lastSeen, created);
    const refs: string[] = [];
    const confidence = Math.round(Math.min(1, Math.max(0, incident.score)) * 100);
    const campaign = put({
      ...common('campaign', sdoId('campaign', incident.id), created, modified),
      name: incident.title,
      description: `Vigil incident ${incident.id} in race ${incident.raceId}: ${findings.length} finding(s), status ${incident.status}. Indicators, not verdicts.`,
      first_seen: created,
      last_seen: modified,
      confidence,
      external_references: [{ source_name: 'vigil-incident', external_id: incident.id }],
    });
    refs.push(campaign);

    const subjectActor = ix.actorsById.get(incident.subject);
    const attributed = new Set<string>();
    if (subjectActor) attributed.add(actorObjectId(subjectActor));
    for (const f of findings) for (const id of f.subjects.actorIds) { const a = ix.actorsById.get(id); if (a) attributed.add(actorObjectId(a)); }
    if (incident.subject.startsWith('group:')) {
      const accounts = [...new Set(findings.flatMap((f) => f.subjects.accounts))].sort();
      attributed.add(
        put({
          ...common('intrusion-set', sdoId('intrusion-set', incident.subject), created, modified),
          name: `Coordinated network ${incident.subject.slice('group:'.length)}`,
          description: `Accounts that acted together: ${accounts.slice(0, 200).join(', ')}${accounts.length > 200 ? `, and ${accounts.length - 200} more` : ''}.`,
          first_seen: created,
          last_seen: modified,
        }),
      );
    }
    for (const target of attributed) {
      refs.push(target, relationship('attributed-to', campaign, target, created, { confidence }));
    }
    for (const candidateId of [...new Set(findings.flatMap((f) => f.targets.candidateIds))].sort()) {
      const target = candidateObject(candidateId);
      refs.push(target, relationship('targets', campaign, target, created));
    }
    for (const t of incident.techniques) {
      const ap = techniqueObject(t.id);
      refs.push(ap, relationship('uses', campaign, ap, created, { description: t.rationale }));
    }

    const observed: string[] = [];
    const evidence = new Map(findings.flatMap((f) => f.evidence).map((e) => [e.ref, e]));
    for (const ref of [...evidence.keys()].sort()) {
      const ev = evidenceObjects(ref);
      if (ev) {
        refs.push(ev.observed, ev.note);
        observed.push(ev.observed);
        continue;
      }
      // No SCO fits a campaign-finance row (or a post missing from the store): describe it in a note.
      const e = evidence.get(ref)!;
      const entry = ix.evidenceByRef.get(ref);
      const source = entry?.source ?? e.source;
      refs.push(
        put({
          ...common('note', sdoId('note', `evidence:${incident.id}:${ref}`), created, modified),
          abstract: `Evidence record ${ref} (${e.kind})`,
          content: `Source ${source.file}${source.line !== undefined ? `:${source.line}` : ''}; SHA-256 ${entry?.sha256 ?? e.sha256}; ${
            entry ? `ledger seq ${entry.seq}, captured ${entry.capturedAt}` : 'not in ledger'
          }.`,
          object_refs: [campaign],
          external_references: [{ source_name: 'vigil-evidence', external_id: ref, hashes: { 'SHA-256': entry?.sha256 ?? e.sha256 } }],
        }),
      );
    }
    if (observed.length) {
      refs.push(
        put({
          ...common('sighting', sdoId('sighting', incident.id), created, modified),
          sighting_of_ref: campaign,
          observed_data_refs: observed,
          where_sighted_refs: [vigilId],
          first_seen: created,
          last_seen: modified,
          count: observed.length,
        }),
      );
    }

    const legal = incident.legal.map(
      (l) => `${l.provision} (${l.title}), ${l.jurisdiction}: ${l.rationale}\nCaveats:\n${l.caveats.map((c) => `- ${c}`).join('\n')}`,
    );
    refs.push(
      put({
        ...common('note', sdoId('note', `legal:${incident.id}`), created, modified),
        abstract: 'Legal indicators with caveats (indicators, not verdicts)',
        content: legal.length ? legal.join('\n\n') : 'No legal indicator selected for this incident.',
        object_refs: [campaign],
      }),
    );
    put({
      ...common('report', sdoId('report', incident.id), created, later(generated, modified)),
      name: incident.title,
      description: `Vigil case for incident ${incident.id}. Score ${incident.score}. Indicators, not verdicts.`,
      report_types: ['campaign'],
      published: generated,
      object_refs: [...new Set(refs)],
    });
  }

  const scope = bundle.race ? bundle.race.id : '*';
  return { type: 'bundle', id: `bundle--${uuidv5(`bundle:${scope}:${generated}`, VIGIL_NAMESPACE)}`, objects: [...objects.values()] };
}

/** The author's account as a `user-account` SCO with its spec-defined deterministic id. */
function userAccount(post: Post): StixObject {
  const idProps = {
    account_login: post.authorHandle,
    account_type: ACCOUNT_TYPES[post.platform.toLowerCase()] ?? post.platform.toLowerCase(),
    user_id: post.authorId,
  };
  // Keys are already in sorted order, so this is the JCS canonical form the spec hashes.
  const id = `user-account--${uuidv5(JSON.stringify(idProps), STIX_SCO_NAMESPACE)}`;
  return { type: 'user-account', spec_version: '2.1', id, ...idProps };
}

