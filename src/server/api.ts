import { EventEmitter } from 'node:events';
import { affiliationChain } from '../cases/actors.js';
import type { IncidentEvent } from '../live/pipeline.js';
import type { Finding, FindingKind, IncidentStatus, Post, Race, Watchlist } from '../model/types.js';
import { decodeSearchCursor } from '../store/search.js';
import type { PostFilter, Store } from '../store/store.js';
import { safeTerminal } from '../util/escape.js';
import type { TargetStatus } from '../alerts/webhook.js';
import { entryForToken, presentedToken, roleForToken, type Role, type TokenEntry } from './auth.js';
import { incidentEvidence, incidentExport, incidentList, incidentPatch, incidentView } from './cases.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { accountView, findingsHourly } from './accounts.js';
import { leadPatch, leadsList, leadView } from './leads.js';
import { groupExport, groupWave, loadGroups } from './networks.js';
import { OPENAPI_PATH, openApiDocument } from './openapi.js';
import { searchPostsOfKind } from './post-kind.js';
import { encodeCursor, decodeCursor, paginate, parseLimit } from './paging.js';
import type { MentionCounter } from './mentions.js';
import { incidentKey, timeline, Views, type IncidentRow } from './views.js';

/** A request as the API sees it; the HTTP layer has already read (and size-limited) the body. */
export interface ApiRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/races?limit=10`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A binary file (a zip export) sent instead of `body`. */
  binary?: Buffer;
}

/** An alert the dashboard lists as "newest alerts". */
export interface AlertRecord {
  at: string;
  type: IncidentEvent['type'];
  incidentId: string;
  raceId: string;
  title: string;
  score: number;
  previousScore?: number;
}

export interface ApiOptions {
  store: Store;
  watchlist: Watchlist;
  /** Access tokens; none = every request is an analyst (allowed on loopback binds only, see `serve`). */
  tokens: TokenEntry[];
  /** Emits `incident` (IncidentEvent) and `batch` events: the live pipeline. */
  live?: EventEmitter;
  /** Webhook targets' delivery status, for `GET /api/v1/alerts`. */
  alertTargets?: () => TargetStatus[];
  /** Start an import of a file (analyst); absent = imports are not available on this server. */
  startImport?: (file: string, format?: string) => Promise<{ id: string }>;
  importStatus?: (id: string) => unknown;
  /** Access log; lines never hold tokens or query strings. */
  log?: (line: string) => void;
  /** Candidate mentions for the timeline's backdrop. */
  mentions?: MentionCounter;
}

/** A post search as the API takes it: a race by id, which the server resolves to terms for the store. */
interface PostQuery extends Omit<PostFilter, 'raceTerms'> {
  raceId?: string;
}

type Handler = (ctx: Ctx) => Promise<unknown> | unknown;
interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  pattern: RegExp;
  role: Role | 'public';
  handler: Handler;
}
interface Ctx {
  params: string[];
  query: URLSearchParams;
  body: () => unknown;
  role: Role;
  /** Who is acting, for the audit trail: the token's name, else its role (`local analyst` without tokens). */
  by: string;
  setHeader: (name: string, value: string) => void;
}

const ALERTS_KEY = 'server:recent-alerts';
const STATUSES: IncidentStatus[] = ['open', 'reviewing', 'confirmed', 'dismissed'];
const KINDS: FindingKind[] = ['directive', 'harassment', 'threat', 'coordination', 'amplification', 'foreign_money'];

/**
 * The JSON API (`/api/v1/…`): races, candidates, actors, incidents with findings and evidence, posts,
 * networks, exports, alerts. Pure request → response, so tests call `request` in-process; the HTTP
 * layer (http.ts) adds body limits, static files and the SSE stream.
 */
export class VigilApi {
  readonly views: Views;
  readonly alerts: AlertRecord[] = [];
  private readonly routes: Route[];

  constructor(readonly options: ApiOptions) {
    this.views = new Views(options.store, options.watchlist);
    options.live?.on('incident', (ev: IncidentEvent) => {
      void this.views.refresh([ev.incident.raceId]);
      this.alerts.unshift({ at: ev.at, type: ev.type, incidentId: ev.incident.id, raceId: ev.incident.raceId, title: ev.incident.title, score: ev.incident.score, previousScore: ev.previousScore });
      if (this.alerts.length > 100) this.alerts.length = 100;
      // Kept in the store so the overview's "newest alerts" survive a restart.
      void options.store.setState(ALERTS_KEY, JSON.stringify(this.alerts)).catch(() => undefined);
    });
    const r = (method: Route['method'], path: string, role: Route['role'], handler: Handler): Route => ({
      method,
      role,
      handler,
      pattern: new RegExp(`^${path.replace(/:[a-z]+/g, '([^/]+)')}$`),
    });
    this.routes = [
      r('GET', OPENAPI_PATH, 'public', () => openApiDocument()),
      r('POST', '/api/v1/session', 'public', (c) => this.session(c)),
      r('GET', '/api/v1/me', 'viewer', (c) => ({ role: c.role, name: c.by })),
      r('GET', '/api/v1/overview', 'viewer', () => this.overview()),
      r('GET', '/api/v1/races', 'viewer', (c) => this.races(c)),
      r('GET', '/api/v1/races/:id', 'viewer', (c) => this.race(c)),
      r('GET', '/api/v1/races/:id/incidents', 'viewer', (c) => this.raceIncidents(c)),
      r('GET', '/api/v1/races/:id/timeline', 'viewer', (c) => this.raceTimeline(c)),
      r('GET', '/api/v1/races/:id/candidates', 'viewer', (c) => ({ items: this.mustRace(c.params[0]).candidates })),
      r('GET', '/api/v1/incidents', 'viewer', (c) => incidentList({ ...this.options, views: this.views }, c.query)),
      r('GET', '/api/v1/incidents/:id', 'viewer', (c) => incidentView(this.options, c.params[0]!, c.query)),
      r('PATCH', '/api/v1/incidents/:id', 'analyst', async (c) => {
        const out = await incidentPatch(this.options, c.params[0]!, c.body(), c.by);
        this.views.invalidate();
        return out;
      }),
      r('GET', '/api/v1/incidents/:id/evidence', 'viewer', (c) => incidentEvidence(this.options, c.params[0]!, c.query)),
      r('GET', '/api/v1/incidents/:id/export', 'viewer', async (c) => {
        const file = await incidentExport(this.options, c.params[0]!, c.query);
        c.setHeader('content-disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
        return { raw: file.raw, mediaType: file.mediaType };
      }),
      r('GET', '/api/v1/actors', 'viewer', (c) => this.actors(c)),
      r('GET', '/api/v1/actors/:id', 'viewer', (c) => this.actor(c)),
      r('GET', '/api/v1/posts', 'viewer', (c) => this.posts(c)),
      r('GET', '/api/v1/networks', 'viewer', (c) => this.networks(c)),
      r('GET', '/api/v1/networks/:id', 'viewer', (c) => this.networkView(c)),
      r('GET', '/api/v1/networks/:id/export', 'viewer', (c) => this.networkExport(c)),
      r('GET', '/api/v1/networks/:id/wave', 'viewer', async (c) => ({ items: await groupWave(this.options.store, await this.network(c)) })),
      r('GET', '/api/v1/accounts/:id', 'viewer', async (c) => accountView(this.options.store, this.views, await this.groups(), c.params[0]!)),
      r('GET', '/api/v1/leads', 'viewer', (c) => leadsList(this.options.store, c.query)),
      r('GET', '/api/v1/leads/:id', 'viewer', (c) => leadView(this.options.store, c.params[0]!)),
      r('PATCH', '/api/v1/leads/:id', 'analyst', async (c) => {
        const lead = await leadPatch(this.options.store, this.options.watchlist, c.params[0]!, c.body());
        this.views.invalidate();
        return lead;
      }),
      r('GET', '/api/v1/alerts', 'viewer', () => ({ items: this.alerts, targets: this.options.alertTargets?.() ?? [] })),
      r('POST', '/api/v1/imports', 'analyst', (c) => this.startImport(c)),
      r('GET', '/api/v1/imports/:id', 'analyst', (c) => this.importStatus(c)),
    ];
  }

  /** Load the alerts kept by an earlier run (call once before serving). */
  async restoreAlerts(): Promise<void> {
    const saved = await this.options.store.getState(ALERTS_KEY);
    if (!saved) return;
    try {
      const list = JSON.parse(saved) as AlertRecord[];
      if (Array.isArray(list)) this.alerts.push(...list.slice(0, 100 - this.alerts.length));
    } catch {
      /* an unreadable record is dropped: it is a convenience list, not evidence */
    }
  }

  /** Convenience for tests: `await api.request('GET', '/api/v1/races', { token })`. */
  request(method: string, url: string, init: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: Buffer | undefined;
    if (init.body !== undefined) {
      body = Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body));
      headers['content-type'] ??= 'application/json';
    }
    return this.handle({ method, url, headers, body });
  }

  /** Authenticate the request, e.g. for the SSE stream that http.ts serves itself. */
  authenticate(headers: ApiRequest['headers']): Role | undefined {
    return this.identify(headers)?.role;
  }

  /** The role a request's token grants and the name of whoever holds it (the audit trail's author). */
  identify(headers: ApiRequest['headers']): { role: Role; by: string } | undefined {
    if (!this.options.tokens.length) return { role: 'analyst', by: 'local analyst' };
    const token = presentedToken(headers);
    const entry = token ? entryForToken(this.options.tokens, token) : undefined;
    return entry && { role: entry.role, by: entry.name ?? entry.role };
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const started = performance.now();
    const url = new URL(req.url, 'http://local');
    const headers: Record<string, string> = {};
    let role: Role | undefined;
    let by: string | undefined;
    let status = 200;
    let payload: unknown;
    try {
      const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
      if (!matching.length) throw notFound(`route ${url.pathname}`);
      const route = matching.find((r) => r.method === req.method);
      if (!route) {
        headers.allow = matching.map((r) => r.method).join(', ');
        throw new ApiError(405, 'method_not_allowed', `server: ${req.method} is not allowed on ${url.pathname}`);
      }
      if (route.role !== 'public') {
        const who = this.identify(req.headers);
        role = who?.role;
        by = who?.by;
        if (!role) {
          headers['www-authenticate'] = 'Bearer realm="vigil"';
          throw new ApiError(401, 'unauthorized', 'server: a valid access token is required');
        }
        if (route.role === 'analyst' && role !== 'analyst') throw new ApiError(403, 'forbidden', 'server: this needs an analyst token');
      }
      const params = route.pattern.exec(url.pathname)!.slice(1).map((p) => {
        try {
          return decodeURIComponent(p);
        } catch {
          throw badRequest('path is not valid percent-encoding');
        }
      });
      payload = await route.handler({
        params,
        query: url.searchParams,
        role: role ?? 'viewer',
        by: by ?? 'anonymous',
        setHeader: (n, v) => (headers[n] = v),
        body: () => parseJsonBody(req),
      });
      if (req.method === 'POST' && route.role !== 'public') status = 202;
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, 'internal', 'server: internal error', { cause: err });
      status = e.status;
      payload = { error: { code: e.code, message: e.message } };
      if (status === 500) this.options.log?.(`error ${safeTerminal(String((err as Error)?.stack ?? err), 2000)}`);
    }
    // Access log: method, path without query, status, time, role. Never a token or a query string.
    this.options.log?.(`${req.method} ${safeTerminal(url.pathname, 200)} ${status} ${(performance.now() - started).toFixed(1)}ms ${role ?? '-'}`);
    if (typeof payload === 'object' && payload !== null && 'raw' in payload && (typeof (payload as { raw: unknown }).raw === 'string' || Buffer.isBuffer((payload as { raw: unknown }).raw))) {
      const raw = payload as { raw: string | Buffer; mediaType: string };
      if (typeof raw.raw !== 'string') return { status, headers: { 'content-type': raw.mediaType, ...headers }, body: '', binary: raw.raw };
      return { status, headers: { 'content-type': raw.mediaType, ...headers }, body: raw.raw };
    }
    return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(payload) };
  }

  // ------------------------------------------------------------ handlers

  private session(c: Ctx): unknown {
    const body = c.body() as { token?: unknown };
    if (typeof body?.token !== 'string' || body.token.length > 512) throw badRequest('body must be {"token": "…"}');
    const role = this.options.tokens.length ? roleForToken(this.options.tokens, body.token) : 'analyst';
    if (!role) throw new ApiError(401, 'unauthorized', 'server: token not recognised');
    // HttpOnly so page script never reads it; SameSite=Strict so other sites cannot ride on it.
    c.setHeader('set-cookie', `vigil_token=${encodeURIComponent(body.token)}; HttpOnly; SameSite=Strict; Path=/`);
    return { role };
  }

  private mustRace(id: string) {
    const race = this.views.race(id);
    if (!race) throw notFound(`race ${JSON.stringify(id)}`);
    return race;
  }

  private async raceSummary(id: string) {
    const race = this.mustRace(id);
    const v = await this.views.raceView(race);
    return {
      id: race.id,
      office: race.office,
      jurisdiction: race.jurisdiction,
      electionDate: race.electionDate,
      candidates: race.candidates.map((c) => ({ id: c.id, name: c.name, party: c.party ?? null })),
      incidents: v.incidents.length,
      incidentsByKind: v.incidentsByKind,
      findings: v.findings.length,
      findingsByKind: v.findingsByKind,
      topScore: v.incidents[0]?.score ?? 0,
    };
  }

  private async overview() {
    const races = [];
    for (const r of this.options.watchlist.races) races.push(await this.raceSummary(r.id));
    return { races, alerts: this.alerts.slice(0, 20), posts: await this.options.store.countPosts() };
  }

  private async races(c: Ctx) {
    const sorted = [...this.options.watchlist.races].sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = paginate(sorted, (r) => r.id, c.query.get('cursor'), parseLimit(c.query.get('limit')));
    const items = [];
    for (const r of page.items) items.push(await this.raceSummary(r.id));
    return { items, next: page.next };
  }

  private race(c: Ctx) {
    return this.raceSummary(c.params[0]);
  }

  private async raceIncidents(c: Ctx) {
    const v = await this.views.raceView(this.mustRace(c.params[0]));
    const country = c.query.get('country')?.toUpperCase();
    const kind = c.query.get('kind');
    const status = c.query.get('status');
    if (kind && !KINDS.includes(kind as FindingKind)) throw badRequest(`kind must be one of ${KINDS.join(', ')}`);
    if (status && !STATUSES.includes(status as IncidentStatus)) throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
    let rows: IncidentRow[] = v.incidents;
    if (country || kind || status) {
      rows = rows.filter((r) => (!country || r.countries.includes(country)) && (!kind || r.kinds.includes(kind as IncidentRow['kinds'][number])) && (!status || r.status === status));
    }
    const countries = [...new Set(v.incidents.flatMap((r) => r.countries))].sort();
    return { ...paginate(rows, incidentKey, c.query.get('cursor'), parseLimit(c.query.get('limit'))), facets: { countries, kinds: Object.keys(v.incidentsByKind).sort() } };
  }

  private async raceTimeline(c: Ctx) {
    const bucket = c.query.get('bucket') ?? 'day';
    if (bucket !== 'hour' && bucket !== 'day') throw badRequest('bucket must be hour or day');
    const v = await this.views.raceView(this.mustRace(c.params[0]));
    const buckets: { t: string; counts: Record<string, number>; mentions?: Record<string, number> }[] = timeline(v.findings, bucket);
    const mentions = this.options.mentions;
    if (mentions) {
      const series = mentions.series(v.race.id, bucket);
      for (const b of buckets) b.mentions = series.get(b.t) ?? {};
      const have = new Set(buckets.map((b) => b.t));
      for (const [t, m] of series) if (!have.has(t)) buckets.push({ t, counts: {}, mentions: m });
      buckets.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    }
    return { bucket, buckets, findings: v.findings.length, mentionsReady: mentions ? mentions.ready : false };
  }

  private actors(c: Ctx) {
    const country = c.query.get('country')?.toUpperCase();
    const list = this.options.watchlist.actors.filter((a) => !country || a.country === country).sort((a, b) => (a.id < b.id ? -1 : 1));
    return paginate(list, (a) => a.id, c.query.get('cursor'), parseLimit(c.query.get('limit')));
  }

  private actorCache: { version: number; byId: Map<string, Promise<unknown>> } = { version: -1, byId: new Map() };

  /** An actor's page is built from the race views only, so it is kept until they change. */
  private actor(c: Ctx) {
    const id = c.params[0];
    if (!this.views.actorsById.has(id)) throw notFound(`actor ${JSON.stringify(id)}`);
    if (this.actorCache.version !== this.views.version) this.actorCache = { version: this.views.version, byId: new Map() };
    const byId = this.actorCache.byId;
    let v = byId.get(id);
    if (!v) {
      v = this.buildActor(id);
      byId.set(id, v);
      v.catch(() => byId.delete(id));
    }
    return v;
  }

  private async buildActor(id: string) {
    const actor = this.views.actorsById.get(id)!;
    const members = this.options.watchlist.actors.filter((a) => affiliationChain(a.id, this.views.actorsById).some((x) => x.id === actor.id));
    const memberIds = new Set(members.map((m) => m.id));
    const incidents: IncidentRow[] = [];
    const findings: Finding[] = [];
    for (const race of this.options.watchlist.races) {
      const v = await this.views.raceView(race);
      const mine = v.findings.filter((f) => f.subjects.actorIds.some((a) => memberIds.has(a)));
      findings.push(...mine);
      // An incident is this actor's when it is the subject or one of its findings names the actor
      // (a head of state whose post leads an incident filed under the government).
      const held = new Set(mine.flatMap((f) => v.incidentsOfFinding.get(f.id) ?? []));
      incidents.push(...v.incidents.filter((i) => memberIds.has(i.subject) || held.has(i.id)));
    }
    const refs = [...new Set(findings.flatMap((f) => f.evidence.filter((e) => e.kind === 'post').map((e) => e.ref)))].slice(0, 50);
    const posts = [];
    for (const ref of refs) {
      const colon = ref.indexOf(':');
      const p = colon > 0 ? await this.options.store.getPost(ref.slice(0, colon), ref.slice(colon + 1)) : undefined;
      if (p) posts.push(publicPost(p));
    }
    return {
      actor,
      chain: affiliationChain(actor.id, this.views.actorsById),
      members: members.filter((m) => m.id !== actor.id).map((m) => ({ id: m.id, name: m.name, role: m.role })),
      incidents,
      posts,
      activity: findingsHourly(findings),
    };
  }

  private async posts(c: Ctx) {
    const query: PostQuery = {
      q: c.query.get('q') ?? undefined,
      author: c.query.get('author')?.replace(/^@/, '') ?? undefined,
      raceId: c.query.get('race') ?? undefined,
      since: c.query.get('since') ?? undefined,
      until: c.query.get('until') ?? undefined,
    };
    for (const k of ['since', 'until'] as const) if (query[k] && !Number.isFinite(Date.parse(query[k]!))) throw badRequest(`${k} must be an ISO date`);
    if (query.q && query.q.length > 200) throw badRequest('q is longer than 200 characters');
    if (query.author && query.author.length > 200) throw badRequest('author is longer than 200 characters');
    const { raceId, ...filter } = query;
    const raceTerms = raceId ? raceTermsOf(this.mustRace(raceId)) : undefined;
    const limit = parseLimit(c.query.get('limit'), 50, 200);
    const after = decodeCursor(c.query.get('cursor'));
    if (after !== undefined) {
      try {
        decodeSearchCursor(after);
      } catch {
        throw badRequest('cursor is not valid');
      }
    }
    const kind = c.query.get('kind');
    if (kind && !KINDS.includes(kind as FindingKind)) throw badRequest(`kind must be one of ${KINDS.join(', ')}`);
    if (raceId) this.mustRace(raceId);
    const r = kind
      ? await searchPostsOfKind(this.options.store, this.views, { ...filter, kind: kind as FindingKind, raceId }, after, limit)
      : await this.options.store.searchPosts({ ...filter, raceTerms, after, limit });
    return { items: r.posts.map(publicPost), next: r.next === undefined ? undefined : encodeCursor(r.next) };
  }

  private async networks(c: Ctx) {
    const groups = await this.groups();
    const list = [...groups.values()].map((g) => ({ id: g.id, label: g.label, accounts: g.nodes.filter((n) => !n.source).length, score: g.score, raceIds: g.raceIds })).sort((a, b) => (a.id < b.id ? -1 : 1));
    return paginate(list, (g) => g.id, c.query.get('cursor'), parseLimit(c.query.get('limit')));
  }

  private async network(c: Ctx) {
    const g = (await this.groups()).get(c.params[0]);
    if (!g) throw notFound(`network ${JSON.stringify(c.params[0])}`);
    return g;
  }

  /** A group with the incidents its finding is filed in (the network page links back to them). */
  private async networkView(c: Ctx) {
    const g = await this.network(c);
    const incidents = [];
    for (const raceId of g.raceIds) {
      const race = this.views.race(raceId);
      if (!race) continue;
      const v = await this.views.raceView(race);
      const ids = new Set(v.incidentsOfFinding.get(g.findingId) ?? []);
      for (const i of v.incidents) if (ids.has(i.id)) incidents.push({ id: i.id, title: i.title, raceId });
    }
    return { ...g, incidents };
  }

  private async networkExport(c: Ctx) {
    const format = c.query.get('format') ?? 'gexf';
    if (format !== 'gexf' && format !== 'graphml') throw badRequest('format must be gexf or graphml');
    const file = groupExport(await this.network(c), format);
    c.setHeader('content-disposition', `attachment; filename="${file.name}"`);
    return { raw: file.content, mediaType: file.mediaType };
  }

  private groupCache: { version: number; groups: ReturnType<typeof loadGroups> } | undefined;

  /** Coordinated groups (networks.ts), read from the store's coordination findings; kept until the views change. */
  groups() {
    const version = this.views.version;
    if (this.groupCache?.version !== version) {
      const groups = loadGroups(this.options.store, this.options.watchlist);
      this.groupCache = { version, groups };
      groups.catch(() => {
        if (this.groupCache?.groups === groups) this.groupCache = undefined;
      });
    }
    return this.groupCache.groups;
  }

  private async startImport(c: Ctx) {
    if (!this.options.startImport) throw new ApiError(404, 'not_available', 'server: imports are not enabled (start `vigil serve` with --import-dir)');
    const body = c.body() as { file?: unknown; format?: unknown };
    if (typeof body?.file !== 'string' || body.file.length > 1000) throw badRequest('body must be {"file": "name inside the import folder"}');
    if (body.format !== undefined && typeof body.format !== 'string') throw badRequest('format must be a string');
    return this.options.startImport(body.file, body.format as string | undefined);
  }

  private importStatus(c: Ctx) {
    const s = this.options.importStatus?.(c.params[0]);
    if (!s) throw notFound(`import ${JSON.stringify(c.params[0])}`);
    return s;
  }
}

/** Parse a JSON request body; requires `Content-Type: application/json` (which HTML forms cannot send). */
function parseJsonBody(req: ApiRequest): unknown {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type', 'server: send the body as application/json');
  try {
    return JSON.parse((req.body ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    throw badRequest('body is not valid JSON');
  }
}

/** A post as the API sends it: without the raw record (evidence hashes stay). */
function publicPost(p: Post) {
  const { raw: _raw, ...rest } = p;
  return rest;
}

/**
 * Terms that tie a post to a race: its candidates' names, aliases and handles, and its district
 * (`US-CA-35` → `CA-35`). The store matches each as a folded phrase in the post text, which is where
 * a mention (`@handle`) is written too; names match as whole words, as in analyze's matchEntities.
 */
export function raceTermsOf(race: Pick<Race, 'jurisdiction' | 'candidates'>): string[] {
  const terms: string[] = [];
  for (const c of race.candidates) {
    terms.push(c.name, ...c.aliases);
    for (const hs of Object.values(c.handles)) terms.push(...hs);
  }
  const parts = race.jurisdiction.split('-');
  if (parts.length >= 3) terms.push(parts.slice(1).join('-'));
  return terms.filter((t) => t.trim() !== '');
}
