/**
 * Read side of reporting: load one race's (or every race's) incidents, findings, evidence posts and
 * ledger entries from a Store into a CaseBundle. Uses only the Store interface, so it works the same
 * over SQLite and PostgreSQL.
 */
import { UsageError } from '../errors.js';
import type { Actor, EvidenceEntry, Finding, Incident, Post, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';
import { affiliationChain } from './actors.js';
import { sha256 } from '../util/hash.js';
import { postKey, type CaseBundle } from './bundle.js';
import { buildIncidents } from './incidents.js';
import { postFields, verifyLedger } from './ledger.js';
import { changedFields } from './ledger-verify.js';

/** Posts fetched at once; keeps a PostgreSQL pool from being flooded. */
const POST_FETCH_CONCURRENCY = 32;

/**
 * Load a case bundle.
 *
 * Incidents come from the store (they carry the analyst's status and notes). When the store holds
 * none for the race yet, they are built from the stored findings with {@link buildIncidents} (and
 * not written: writing is the caller's job). The whole ledger is verified on the way, and the bundle
 * keeps the entries its findings point at.
 *
 * @param raceId a watchlist race id; omitted = all races
 * @throws UsageError when `raceId` is not in the watchlist
 */
export async function loadCaseBundle(
  store: Store,
  watchlist: Watchlist,
  raceId?: string,
  options: { now?: Date } = {},
): Promise<CaseBundle> {
  const race = raceId === undefined ? null : watchlist.races.find((r) => r.id === raceId);
  if (race === undefined) throw new UsageError(`cases: race ${JSON.stringify(raceId)} is not in the watchlist`);

  // A merged incident's findings are reported in the incident it was merged into.
  let incidents: Incident[] = (await store.listIncidents(raceId === undefined ? undefined : { raceId })).filter((i) => !i.mergedInto);
  let findings: Finding[];
  if (incidents.length) {
    const ids = [...new Set(incidents.flatMap((i) => i.findingIds))];
    findings = ids.length ? await store.listFindings({ ids }) : [];
  } else {
    const all = await store.listFindings();
    incidents = buildIncidents(all, watchlist).filter((i) => raceId === undefined || i.raceId === raceId);
    const used = new Set(incidents.flatMap((i) => i.findingIds));
    findings = all.filter((f) => used.has(f.id));
  }
  findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const refs = new Set(findings.flatMap((f) => f.evidence.map((e) => e.ref)));
  const postRefs = [...new Set(findings.flatMap((f) => f.evidence.filter((e) => e.kind === 'post').map((e) => e.ref)))].sort();
  const posts: Post[] = [];
  for (let i = 0; i < postRefs.length; i += POST_FETCH_CONCURRENCY) {
    const got = await Promise.all(
      postRefs.slice(i, i + POST_FETCH_CONCURRENCY).map((ref) => {
        const colon = ref.indexOf(':');
        return colon < 0 ? undefined : store.getPost(ref.slice(0, colon), ref.slice(colon + 1));
      }),
    );
    for (const p of got) if (p) posts.push(p);
  }

  // One pass over the ledger: verify the chain and keep the entries this bundle needs. verifyLedger
  // stops at the first broken entry; the rest is still read so the evidence table stays complete.
  const evidence: EvidenceEntry[] = [];
  let total = 0;
  let last = '';
  const iterator = store.iterateEvidence()[Symbol.asyncIterator]();
  const take = (batch: EvidenceEntry[]) => {
    for (const e of batch) {
      total++;
      last = e.hash;
      if (refs.has(e.ref)) evidence.push(e);
    }
  };
  async function* batches(): AsyncGenerator<EvidenceEntry[]> {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      take(r.value);
      yield r.value;
    }
  }
  const check = await verifyLedger(batches());
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) take(r.value);

  // The chain proves the ledger is intact; re-hashing proves the stored posts still match it: the
  // raw record and every field shown or exported (text, author, …).
  const postsByRef = new Map(posts.map((p) => [postKey(p), p]));
  const changed = (e: EvidenceEntry, post: Post) => sha256(post.raw) !== e.sha256 || (e.fields !== undefined && changedFields(e.fields, postFields(post)).length > 0);
  const changedRefs = [...new Set(evidence.filter((e) => e.kind === 'post' && postsByRef.has(e.ref) && changed(e, postsByRef.get(e.ref)!)).map((e) => e.ref))];

  const actorsById = new Map(watchlist.actors.map((a) => [a.id, a]));
  const actors = new Map<string, Actor>();
  const actorIds = [...incidents.map((i) => i.subject), ...findings.flatMap((f) => f.subjects.actorIds)];
  for (const id of actorIds) for (const a of affiliationChain(id, actorsById)) actors.set(a.id, a);

  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    race,
    races: race ? [race] : watchlist.races,
    incidents,
    findings,
    posts,
    evidence,
    actors: [...actors.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    ledger: {
      ...(check.ok
        ? { entries: check.entries, head: check.head, ok: true }
        : { entries: total, head: last, ok: false, brokenSeq: check.brokenSeq, problem: check.reason }),
      ...(changedRefs.length ? { changedRefs } : {}),
    },
  };
}
