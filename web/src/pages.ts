import { api, ApiFailure, enc } from './client.js';
import { fmtScore, fmtTime, h, mount } from './dom.js';
import { caveat, link } from './links.js';

/** Alerts raised while servers ran on this store; `incidents` says what is on record when there are none. */
export function alertList(alerts: any[], incidents?: number): HTMLElement {
  if (!alerts.length) return h('p', { id: 'alerts', class: 'muted' }, incidents ? `No new or rising incidents were alerted while a server watched; the races above hold ${incidents} incidents on record.` : 'No alerts yet.');
  return h(
    'ul',
    { id: 'alerts', class: 'alerts' },
    alerts.map((a) => h('li', {}, h('span', { class: 'time' }, fmtTime(a.at)), ' ', h('span', { class: `badge ${a.type}` }, a.type === 'new' ? 'new' : 'score up'), ' ', link(`/incident/${enc(a.incidentId)}`, a.title), ` (${fmtScore(a.score)})`)),
  );
}

// ---------------------------------------------------------------- incident

export async function incidentPage(app: HTMLElement, id: string): Promise<void> {
  const data = await api(`/api/v1/incidents/${enc(id)}`);
  const i = data.incident;
  const postsByRef = new Map<string, any>(data.posts.map((p: any) => [`${p.platform}:${p.id}`, p]));
  const status = h('select', { name: 'status', 'aria-label': 'Status' }, ['open', 'reviewing', 'confirmed', 'dismissed'].map((s) => h('option', { value: s, selected: s === i.status }, s)));
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 4000, placeholder: 'Add a note (analysts)' });
  const saveMsg = h('span', { class: 'muted', role: 'status' });
  const notes = h('ul', { class: 'notes' }, i.notes.map((n: string) => h('li', {}, n)));
  const save = h('button', { type: 'button' }, 'Save');
  save.addEventListener('click', async () => {
    try {
      const text = (note as HTMLTextAreaElement).value.trim();
      const updated = await api(`/api/v1/incidents/${enc(id)}`, { method: 'PATCH', body: text ? { status: (status as HTMLSelectElement).value, note: text } : { status: (status as HTMLSelectElement).value } });
      mount(notes, updated.notes.map((n: string) => h('li', {}, n)));
      (note as HTMLTextAreaElement).value = '';
      mount(saveMsg, 'Saved.');
    } catch (err) {
      mount(saveMsg, err instanceof ApiFailure && err.status === 403 ? 'Only analysts can change incidents.' : `Not saved: ${(err as Error).message}`);
    }
  });
  mount(
    app,
    h('p', {}, data.race ? link(`/race/${enc(data.race.id)}`, `← ${data.race.office}`) : link('/', '← All races')),
    h('h1', {}, i.title),
    h('p', { class: 'summary' }, `Score ${fmtScore(i.score)} · status ${i.status} · ${i.findingIds.length} findings · ${fmtTime(i.firstSeen)} – ${fmtTime(i.lastSeen)}`),
    data.actors.length ? h('p', {}, 'Actor: ', data.actors.map((a: any, n: number) => [n ? ' → ' : '', link(`/actor/${enc(a.id)}`, `${a.name} (${a.country})`)])) : h('p', {}, `Subject: ${i.subject}`),
    caveat(),
    h('h2', {}, 'Findings'),
    h(
      'ol',
      { class: 'findings' },
      data.findings.map((f: any) =>
        h(
          'li',
          { class: 'finding' },
          h('div', {}, h('span', { class: `badge k-${f.kind}` }, f.kind), ` score ${fmtScore(f.score)} · ${fmtTime(f.observedAt)}`),
          h('p', { class: 'explanation' }, f.explanation),
          h(
            'table',
            { class: 'evidence' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Evidence'), h('th', {}, 'Source'), h('th', {}, 'SHA-256'))),
            h(
              'tbody',
              {},
              f.evidence.map((e: any) => {
                const post = postsByRef.get(e.ref);
                const where = [e.source.file, e.source.line !== undefined ? `line ${e.source.line}` : '', e.source.cursor !== undefined ? `cursor ${e.source.cursor}` : ''].filter(Boolean).join(' · ');
                return h(
                  'tr',
                  {},
                  h('td', {}, h('div', { class: 'ref' }, e.ref), post ? h('blockquote', { class: 'post-text' }, h('div', { class: 'who' }, `@${post.authorHandle} · ${fmtTime(post.createdAt)}`), h('div', { class: 'text' }, post.text)) : null),
                  h('td', { class: 'src' }, where),
                  h('td', { class: 'hash' }, h('code', {}, e.sha256)),
                );
              }),
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, 'DISARM techniques'),
    i.techniques.length ? h('ul', {}, i.techniques.map((t: any) => h('li', {}, h('strong', {}, `${t.id} ${t.name}`), ` — ${t.rationale}`))) : h('p', { class: 'muted' }, 'None mapped.'),
    h('h2', {}, 'Legal indicators'),
    i.legal.length
      ? h('ul', { class: 'legal' }, i.legal.map((l: any) => h('li', {}, h('strong', {}, `${l.jurisdiction} ${l.provision}`), ` ${l.title} — ${l.rationale}`, h('ul', { class: 'caveats' }, l.caveats.map((c: string) => h('li', {}, c))))))
      : h('p', { class: 'muted' }, 'None.'),
    h('h2', {}, 'Analyst review'),
    h('div', { class: 'review' }, h('label', {}, 'Status ', status), h('label', { class: 'note' }, 'Note', note), save, ' ', saveMsg),
    notes,
    h('h2', {}, 'Export'),
    h('p', { class: 'exports' }, ['html', 'csv', 'json', 'stix'].map((f) => [h('a', { class: 'button', href: `/api/v1/incidents/${enc(id)}/export?format=${f}`, download: true }, f.toUpperCase()), ' '])),
  );
}

// ---------------------------------------------------------------- sign-in

export function signInPage(app: HTMLElement, retry: () => void): void {
  const input = h('input', { type: 'password', name: 'token', autocomplete: 'off', 'aria-label': 'Access token' });
  const msg = h('p', { class: 'muted', role: 'status' });
  const form = h('form', {}, h('label', {}, 'Access token ', input), ' ', h('button', { type: 'submit' }, 'Sign in'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/v1/session', { method: 'POST', body: { token: (input as HTMLInputElement).value } });
      retry();
    } catch {
      mount(msg, 'That token was not accepted.');
    }
  });
  mount(app, h('h1', {}, 'Sign in'), h('p', {}, 'This server needs a viewer or analyst token.'), form);
}
