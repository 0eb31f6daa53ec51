import { affiliationChain } from '../cases/actors.js';
import type { Actor, Finding, FindingKind, Incident, Race, Watchlist } from '../model/types.js';
import type { Store } from '../store/store.js';

/** An incident as listed: the stored incident plus what the list filters need. */
export interface IncidentRow {
  id: string;
  raceId: string;
  subject: string;
  title: string;
  score: number;
  status: Incident['status'];
  /** Who holds the incident (case workflow), null when nobody does. */
  assignee: string | null;
  firstSeen: string;
  lastSeen: string;
  findingCount: number;
  /** Finding kinds inside, sorted. */
  kinds: FindingKind[];
  /** ISO countries of the registry actors involved (subject chain and finding actors), sorted. */
  countries: string[];
  techniques: string[];
}

/** Everything the race page needs, computed once per store change. */
export interface RaceView {
  race: Race;
  incidents: IncidentRow[];
  /** Incidents holding at least one finding of each kind. */
  incidentsByKind: Partial<Record<FindingKind, number>>;
  /** Findings of each kind (what the overview's "By kind" counts). */
  findingsByKind: Partial<Record<FindingKind, number>>;
  /** Ids of the incidents holding each finding (account and actor pages). */
  incidentsOfFinding: Map<string, string[]>;
  findings: Finding[];
}

/**
 * Read models over the store for the API, cached until the store changes: live batches that change
 * findings `refresh` them in the background, analyst edits `invalidate` them. The cache keeps the
 * race page's calls cheap under many concurrent dashboards.
 */
export class Views {
  /** Race views served now; a refresh replaces each one when its rebuild is done. */
  private races = new Map<string, Promise<RaceView>>();
  private refreshing: Promise<void> | undefined;
  private readonly pending = new Set<string>();
  readonly actorsById: Map<string, Actor>;
  version = 0;

  constructor(
    private readonly store: Store,
    readonly watchlist: Watchlist,
  ) {
    this.actorsById = new Map(watchlist.actors.map((a) => [a.id, a]));
  }

  /** Drop every view now: the next request rebuilds (analyst edits, imports). */
  invalidate(): void {
    this.races.clear();
    this.version++;
  }

  /**
   * Rebuild cached views in the background (all, or only the races given) while requests keep
   * getting the current ones: live batches arrive many times a second and requests should not wait
   * on each rebuild. Races asked for during a refresh are rebuilt right after it.
   */
  refresh(raceIds?: Iterable<string>): Promise<void> {
    this.version++;
    for (const id of raceIds ?? this.races.keys()) this.pending.add(id);
    if (this.refreshing) return this.refreshing;
    const run = async () => {
      await Promise.resolve(); // gather the races named in the same tick
      while (this.pending.size) {
        const ids = [...this.pending];
        this.pending.clear();
        for (const id of ids) {
          const race = this.race(id);
          if (!race || !this.races.has(id)) continue; // not cached: the next request builds it
          const fresh = await this.build(race).catch(() => undefined);
          if (fresh) this.races.set(id, Promise.resolve(fresh));
        }
      }
    };
    // Cleared in a callback, never inside `run`, so a finished refresh is never left in place.
    const p = run().finally(() => {
      if (this.refreshing === p) this.refreshing = undefined;
    });
    this.refreshing = p;
    return p;
  }

  /** Resolves once no refresh is running (the SSE stream waits on it, so clients fetch fresh views). */
  settled(): Promise<void> {
    return this.refreshing ?? Promise.resolve();
  }

  race(id: string): Race | undefined {
    return this.watchlist.races.find((r) => r.id === id);
  }

  raceView(race: Race): Promise<RaceView> {
    let v = this.races.get(race.id);
    if (!v) {
      v = this.build(race);
      this.races.set(race.id, v);
      v.catch(() => this.races.delete(race.id));
    }
    return v;
  }

  private async build(race: Race): Promise<RaceView> {
    // A merged incident is shown through the one it was merged into (cases/workflow.ts foldMerges).
    const incidents = (await this.store.listIncidents({ raceId: race.id })).filter((i) => !i.mergedInto);
    const ids = [...new Set(incidents.flatMap((i) => i.findingIds))];
    const findings = ids.length ? await this.store.listFindings({ ids }) : [];
    const byId = new Map(findings.map((f) => [f.id, f]));
    const incidentsByKind: Partial<Record<FindingKind, number>> = {};
    const rows = incidents.map((i): IncidentRow => {
      const kinds = new Set<FindingKind>();
      const countries = new Set<string>();
      const actorIds = [i.subject];
      for (const fid of i.findingIds) {
        const f = byId.get(fid);
        if (!f) continue;
        kinds.add(f.kind);
        actorIds.push(...f.subjects.actorIds);
      }
      for (const a of actorIds) for (const c of affiliationChain(a, this.actorsById)) countries.add(c.country);
      for (const k of kinds) incidentsByKind[k] = (incidentsByKind[k] ?? 0) + 1;
      return {
        id: i.id,
        raceId: i.raceId,
        subject: i.subject,
        title: i.title,
        score: i.score,
        status: i.status,
        assignee: i.assignee ?? null,
        firstSeen: i.firstSeen,
        lastSeen: i.lastSeen,
        findingCount: i.findingIds.length,
        kinds: [...kinds].sort(),
        countries: [...countries].sort(),
        techniques: i.techniques.map((t) => t.id),
      };
    });
    // Highest score first; the id breaks ties so the order (and the cursor) is stable.
    rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    findings.sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0));
    const findingsByKind: Partial<Record<FindingKind, number>> = {};
    for (const f of findings) findingsByKind[f.kind] = (findingsByKind[f.kind] ?? 0) + 1;
    const incidentsOfFinding = new Map<string, string[]>();
    for (const i of incidents) for (const f of i.findingIds) incidentsOfFinding.set(f, [...(incidentsOfFinding.get(f) ?? []), i.id]);
    return { race, incidents: rows, incidentsByKind, findingsByKind, incidentsOfFinding, findings };
  }
}

/** Sort key of an incident row (score descending, then id) for keyset pagination. */
export function incidentKey(r: Pick<IncidentRow, 'score' | 'id'>): string {
  return `${(1 - r.score).toFixed(9)}|${r.id}`;
}

/** Findings counted per time bucket and kind (the race timeline). */
export function timeline(findings: Finding[], bucket: 'hour' | 'day'): { t: string; counts: Partial<Record<FindingKind, number>> }[] {
  const len = bucket === 'hour' ? 13 : 10; // `2026-10-20T14` or `2026-10-20`
  const out = new Map<string, Partial<Record<FindingKind, number>>>();
  for (const f of findings) {
    const t = f.observedAt.slice(0, len);
    let c = out.get(t);
    if (!c) out.set(t, (c = {}));
    c[f.kind] = (c[f.kind] ?? 0) + 1;
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, counts]) => ({ t: bucket === 'hour' ? `${t}:00:00Z` : t, counts }));
}
