import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Webhook } from '../model/types.js';
import type { IncidentEvent } from '../live/pipeline.js';
import { backoffDelay, sleep, type BackoffOptions } from '../live/backoff.js';

/** The JSON body POSTed to a webhook target. */
export interface AlertPayload {
  /** `incident.new`: a new incident at or above the target's minScore; `incident.score_crossed`: an incident's score rose to or past it. */
  event: 'incident.new' | 'incident.score_crossed';
  /** Unique per delivery (also in the `X-Vigil-Delivery` header), for receivers that deduplicate retries. */
  deliveryId: string;
  sentAt: string;
  incident: {
    id: string;
    raceId: string;
    subject: string;
    title: string;
    score: number;
    previousScore?: number;
    firstSeen: string;
    lastSeen: string;
    findingCount: number;
    techniques: string[];
  };
  /** Always sent: an alert is an indicator to review, not a finding of wrongdoing. */
  caveat: string;
}

const CAVEAT = 'Automated indicator for analyst review; it does not establish that anyone broke a law.';

/**
 * Signature header value for a body: `sha256=` and the hex HMAC-SHA256 of the exact body bytes
 * with the target's secret (the scheme GitHub webhooks use, so receivers have examples to copy).
 */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Check a received signature header in constant time. */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The alerts an incident event raises for each target, by the target's minScore (default 0). */
export function alertsFor(ev: IncidentEvent, webhooks: Webhook[], now = new Date()): { webhook: Webhook; payload: AlertPayload }[] {
  const out: { webhook: Webhook; payload: AlertPayload }[] = [];
  const i = ev.incident;
  for (const webhook of webhooks) {
    const min = webhook.minScore ?? 0;
    let event: AlertPayload['event'] | undefined;
    if (ev.type === 'new' && i.score >= min) event = 'incident.new';
    else if (ev.type === 'updated' && (ev.previousScore ?? 0) < min && i.score >= min) event = 'incident.score_crossed';
    if (!event) continue;
    out.push({
      webhook,
      payload: {
        event,
        deliveryId: randomUUID(),
        sentAt: now.toISOString(),
        incident: {
          id: i.id,
          raceId: i.raceId,
          subject: i.subject,
          title: i.title,
          score: i.score,
          previousScore: ev.previousScore,
          firstSeen: i.firstSeen,
          lastSeen: i.lastSeen,
          findingCount: i.findingIds.length,
          techniques: i.techniques.map((t) => t.id),
        },
        caveat: CAVEAT,
      },
    });
  }
  return out;
}

/** A target's delivery record, for the API and the logs. */
export interface TargetStatus {
  /** The URL without credentials or query string (they may hold secrets). */
  target: string;
  delivered: number;
  gaveUp: number;
  /** Consecutive deliveries given up on; at `suspendAfter` the target is suspended. */
  consecutiveFailures: number;
  suspended: boolean;
  /** Alerts not sent because the target was suspended. */
  skipped: number;
  lastError?: string;
}

export interface DispatcherOptions {
  webhooks: Webhook[];
  /** Tries per delivery (default 5). */
  maxAttempts?: number;
  /** Deliveries given up in a row before a target is suspended (default 3). */
  suspendAfter?: number;
  backoff?: BackoffOptions;
  /** Per-request timeout, ms (default 5000). */
  timeoutMs?: number;
  /** Called when a delivery is given up or a target suspended. */
  onReport?: (status: TargetStatus, what: 'gave_up' | 'suspended') => void;
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** Longest first path segment shown by {@link redactUrl}; longer ones may be tokens. */
const SHOWN_SEGMENT = 16;

/**
 * Redact a target URL for logs and the API: scheme, host (without credentials) and a short first
 * path segment only. Query strings and deeper paths are cut, since chat webhooks carry their secret
 * in the path (`/services/T…/B…/SECRET`, `/api/webhooks/ID/TOKEN`).
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const [first = '', ...rest] = u.pathname.slice(1).split('/');
    const shown = first.length <= SHOWN_SEGMENT ? `/${first}` : '/…';
    return `${u.protocol}//${u.host}${shown}${rest.length ? '/…' : ''}`;
  } catch {
    return '(invalid url)';
  }
}

/**
 * Sends alerts to webhook targets: one POST per alert, retried with backoff and jitter on network
 * errors, timeouts, 408, 429 and 5xx; other 4xx answers are final. A target that keeps failing is
 * reported and suspended, never retried forever.
 */
export class WebhookDispatcher {
  private readonly status = new Map<Webhook, TargetStatus>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {
    for (const w of options.webhooks) {
      const st: TargetStatus = { target: redactUrl(w.url), delivered: 0, gaveUp: 0, consecutiveFailures: 0, suspended: false, skipped: 0 };
      // Only http(s) targets: fetch would also "deliver" to data: URLs.
      if (!/^https?:$/.test(safeProtocol(w.url))) {
        st.suspended = true;
        st.lastError = 'not an http(s) URL';
      }
      this.status.set(w, st);
    }
  }

  /** Queue the alerts an incident event raises. */
  handle(ev: IncidentEvent): void {
    for (const { webhook, payload } of alertsFor(ev, this.options.webhooks)) {
      const p = this.deliver(webhook, payload).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Resolves when every queued delivery has finished (delivered or given up). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  targets(): TargetStatus[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  private async deliver(webhook: Webhook, payload: AlertPayload): Promise<void> {
    const st = this.status.get(webhook)!;
    if (st.suspended) {
      st.skipped++;
      return;
    }
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'vigil-webhook/1',
      'x-vigil-event': payload.event,
      'x-vigil-delivery': payload.deliveryId,
    };
    if (webhook.secret) headers['x-vigil-signature'] = signBody(body, webhook.secret);
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) await sleep(backoffDelay(attempt, this.options.backoff ?? { baseMs: 500, maxMs: 30_000 }));
      let retry = true;
      try {
        const res = await fetch(webhook.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000), redirect: 'manual' });
        // Only the status matters: drop the body unread rather than buffer whatever the target sends.
        await res.body?.cancel().catch(() => undefined);
        if (res.status >= 200 && res.status < 300) {
          st.delivered++;
          st.consecutiveFailures = 0;
          return;
        }
        st.lastError = `HTTP ${res.status}`;
        retry = res.status === 408 || res.status === 429 || res.status >= 500;
      } catch (err) {
        st.lastError = (err as Error).name === 'TimeoutError' ? 'timeout' : ((err as Error).cause as Error)?.message ?? (err as Error).message;
      }
      if (!retry) break;
    }
    st.gaveUp++;
    st.consecutiveFailures++;
    this.options.onReport?.({ ...st }, 'gave_up');
    if (st.consecutiveFailures >= (this.options.suspendAfter ?? 3)) {
      st.suspended = true;
      this.options.onReport?.({ ...st }, 'suspended');
    }
  }
}
