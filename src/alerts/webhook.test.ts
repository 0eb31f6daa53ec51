import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../model/types.js';
import type { IncidentEvent } from '../live/pipeline.js';
import { alertsFor, redactUrl, signBody, verifySignature, WebhookDispatcher, type TargetStatus } from './webhook.js';

const incident = (score: number): Incident => ({
  id: 'inc:fd-01:gov-sy',
  raceId: 'fd-01',
  subject: 'gov-sy',
  title: 'Government of Sylvania: directive in Freedonia District 1',
  findingIds: ['f1', 'f2'],
  firstSeen: '2026-10-20T12:00:00.000Z',
  lastSeen: '2026-10-20T12:05:00.000Z',
  score,
  techniques: [{ id: 'T0049', name: 'Flooding the Information Space', rationale: 'x' }],
  legal: [],
  status: 'open',
  notes: [],
});

/** A local receiver: answers each request with the next status in `script` (then 200). */
async function receiver(script: number[]) {
  const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=abc`, got };
}
let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  servers = [];
});

const FAST = { baseMs: 2, maxMs: 10 };

describe('signatures', () => {
  it('is HMAC-SHA256 of the exact body, checked in constant time', () => {
    const body = '{"a":1}';
    // Independent computation of the expected value.
    expect(signBody(body, 's3cret')).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    expect(verifySignature(body, 's3cret', signBody(body, 's3cret'))).toBe(true);
    expect(verifySignature(body + ' ', 's3cret', signBody(body, 's3cret'))).toBe(false);
    expect(verifySignature(body, 'other', signBody(body, 's3cret'))).toBe(false);
    expect(verifySignature(body, 's3cret', undefined)).toBe(false);
  });
});

describe('alertsFor', () => {
  const hooks = [{ url: 'http://a.invalid/', minScore: 0.7 }, { url: 'http://b.invalid/' }];
  it('alerts on new incidents at or above minScore and on upward crossings only', () => {
    const ev = (type: 'new' | 'updated', score: number, previousScore?: number): IncidentEvent => ({ type, incident: incident(score), previousScore, at: '' });
    expect(alertsFor(ev('new', 0.5), hooks).map((a) => a.webhook.url)).toEqual(['http://b.invalid/']);
    expect(alertsFor(ev('new', 0.7), hooks).map((a) => a.payload.event)).toEqual(['incident.new', 'incident.new']);
    expect(alertsFor(ev('updated', 0.8, 0.6), hooks).map((a) => [a.webhook.url, a.payload.event])).toEqual([['http://a.invalid/', 'incident.score_crossed']]);
    expect(alertsFor(ev('updated', 0.9, 0.8), hooks)).toEqual([]);
    expect(alertsFor(ev('updated', 0.6, 0.8), hooks)).toEqual([]);
  });
});

describe('WebhookDispatcher against a local receiver', () => {
  it('delivers a signed payload after retrying 5xx and 429', async () => {
    const r = await receiver([503, 429]);
    const d = new WebhookDispatcher({ webhooks: [{ url: r.url, secret: 'k' }], backoff: FAST });
    d.handle({ type: 'new', incident: incident(0.9), at: '' });
    await d.idle();
    expect(r.got).toHaveLength(3);
    const last = r.got[2];
    expect(verifySignature(last.body, 'k', last.headers['x-vigil-signature'] as string)).toBe(true);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({ event: 'incident.new', incident: { id: 'inc:fd-01:gov-sy', score: 0.9, findingCount: 2, techniques: ['T0049'] } });
    expect(payload.caveat).toMatch(/does not establish/);
    expect(new Set(r.got.map((g) => g.headers['x-vigil-delivery'])).size).toBe(1); // retries keep the delivery id
    expect(d.targets()[0]).toMatchObject({ delivered: 1, gaveUp: 0, suspended: false, target: r.url.replace(/\?.*/, '') });
  });

  it('does not retry a 4xx answer, gives up after maxAttempts, and suspends a target that keeps failing', async () => {
    const r = await receiver([400, 500, 500, 500, 500, 500, 500, 500, 500]);
    const reports: [TargetStatus, string][] = [];
    const d = new WebhookDispatcher({ webhooks: [{ url: r.url }], backoff: FAST, maxAttempts: 3, suspendAfter: 3, onReport: (s, w) => reports.push([s, w]) });
    for (let i = 0; i < 5; i++) {
      d.handle({ type: 'new', incident: incident(0.9), at: '' });
      await d.idle();
    }
    // 1 (400, final) + 3 + 3 tries, then suspended: the 4th and 5th alerts are not sent.
    expect(r.got).toHaveLength(7);
    expect(reports.map(([, w]) => w)).toEqual(['gave_up', 'gave_up', 'gave_up', 'suspended']);
    expect(d.targets()[0]).toMatchObject({ gaveUp: 3, suspended: true, skipped: 2, lastError: 'HTTP 500' });
    expect(JSON.stringify(reports)).not.toContain('token=abc');
  });

  it('reports a target that refuses connections', async () => {
    // A port that was just free: bind, read it, close.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const d = new WebhookDispatcher({ webhooks: [{ url: `http://127.0.0.1:${port}/hook` }], backoff: FAST, maxAttempts: 2 });
    d.handle({ type: 'new', incident: incident(0.9), at: '' });
    await d.idle();
    expect(d.targets()[0]).toMatchObject({ gaveUp: 1, delivered: 0 });
    expect(d.targets()[0].lastError).toMatch(/ECONNREFUSED/);
  });

  it('never sends to a target that is not http(s)', async () => {
    const d = new WebhookDispatcher({ webhooks: [{ url: 'data:text/plain,x' }, { url: 'not a url' }], backoff: FAST });
    d.handle({ type: 'new', incident: incident(0.9), at: '' });
    await d.idle();
    expect(d.targets().map((t) => [t.suspended, t.skipped, t.lastError])).toEqual([
      [true, 1, 'not an http(s) URL'],
      [true, 1, 'not an http(s) URL'],
    ]);
  });
});

describe('secrets and bounds', () => {
  it('redactUrl keeps scheme, host and a short first segment, never credentials, queries or path tokens', () => {
    expect(redactUrl('https://user:pw@hooks.example.test/services/T0001/B0001/abcdefSECRET123?x=1')).toBe('https://hooks.example.test/services/…');
    expect(redactUrl('https://chat.example.test/api/webhooks/1234567890/tokenTOKENtoken')).toBe('https://chat.example.test/api/…');
    expect(redactUrl('https://relay.example.test/0123456789abcdef0123456789abcdef')).toBe('https://relay.example.test/…');
    expect(redactUrl('http://127.0.0.1:9/alerts')).toBe('http://127.0.0.1:9/alerts');
    expect(redactUrl('not a url')).toBe('(invalid url)');
  });

  it('does not buffer an endless answer from a target', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const d = new WebhookDispatcher({ webhooks: [{ url }], backoff: FAST, timeoutMs: 60_000 });
    d.handle({ type: 'new', incident: incident(0.9), at: '' });
    await d.idle();
    expect(d.targets()[0]).toMatchObject({ delivered: 1, gaveUp: 0 });
    server.closeAllConnections();
  }, 5_000);
});
