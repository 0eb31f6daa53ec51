import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { makeBundle, makeFinding, makePost, makeWatchlist, postRef, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { incidentAnchor, renderHtmlReport } from './html.js';

/** Every real tag in a document: data never contributes a raw '<', so each '<' opens a tag. */
function tags(html: string): { name: string; attrs: string[] }[] {
  const out: { name: string; attrs: string[] }[] = [];
  for (const m of html.matchAll(/<(\/?[!a-zA-Z][^\s>]*)([^>]*)>/g)) {
    const attrs = [...m[2]!.matchAll(/([^\s=]+)\s*=\s*"[^"]*"/g)].map((a) => a[1]!.toLowerCase());
    out.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return out;
}

const ALLOWED_TAGS = new Set(
  '!doctype html head meta title style body header h1 h2 h3 h4 p strong span table thead tbody tr th td code ul li div section footer br nav ol a figure figcaption svg rect g line circle text'.split(' '),
);

function hostileBundle() {
  const watchlist = makeWatchlist();
  watchlist.actors[1] = { ...watchlist.actors[1]!, name: 'Aurelio <b onmouseover=alert(2)>Vance</b>' };
  const posts = [
    makePost({ id: '1', text: '<script>alert(1)</script> no voten por @danareyes' }),
    makePost({ id: '2', text: '<img src=x onerror=alert(1)>' }),
    makePost({ id: '3', text: '=HYPERLINK("http://evil","x")', urls: ['javascript:alert(document.cookie)'] }),
    makePost({ id: '4', authorHandle: '\u001b[31mred\u001b[0m\u202eevil', text: 'a\r\nb </td></tr></table><style>body{display:none}</style>' }),
  ];
  const findings = [
    makeFinding({
      id: 'f1',
      subjects: { accounts: ['x:aureliovance'], actorIds: ['xf-president'] },
      explanation: 'matched "</td><script>alert(3)</script>"',
      evidence: posts.map(postRef),
    }),
  ];
  const incidents = buildIncidents(findings, watchlist).map((i) => ({ ...i, notes: ['"><svg onload=alert(4)>'] }));
  return makeBundle({ incidents, findings, posts, watchlist });
}

describe('renderHtmlReport safety', () => {
  const html = renderHtmlReport(hostileBundle());

  it('contains no script, no event handler, no link or external resource', () => {
    expect(html.match(/<script/gi) ?? []).toHaveLength(0);
    const all = tags(html);
    expect(all.length).toBeGreaterThan(50);
    for (const t of all) {
      expect(ALLOWED_TAGS.has(t.name.replace(/^\//, '')), t.name).toBe(true);
      for (const a of t.attrs) {
        expect(a.startsWith('on'), `${t.name} ${a}`).toBe(false);
        expect(['src', 'action', 'srcset', 'style', 'xlink:href'].includes(a), `${t.name} ${a}`).toBe(false);
        if (a === 'href') expect(t.name).toBe('a');
      }
    }
    // The only links are the table of contents' anchors into this page.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(3);
    for (const h of hrefs) expect(h).toMatch(/^#[A-Za-z0-9_-]+$/);
    for (const h of hrefs) expect(html).toContain(`id="${h.slice(1)}"`);
    expect(all.filter((t) => t.name === 'style')).toHaveLength(1);
  });

  it('shows hostile text escaped and inert', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)');
    expect(html).toContain('<code>javascript:alert(document.cookie)</code>');
    expect(html).toContain('Aurelio &lt;b onmouseover=alert(2)&gt;Vance&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(4)&gt;');
    expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;style&gt;');
  });

  it('makes terminal escapes and bidi overrides visible instead of passing them through', () => {
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(html).toContain('\\u001b[31mred');
    expect(html).toContain('\\u202eevil');
  });

  it('sets the CSP and declares the charset', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).toContain('<meta charset="utf-8">');
  });
});

describe('renderHtmlReport content', () => {
  const { watchlist, posts, findings } = velorianScenario();
  const incidents = buildIncidents(findings, watchlist);
  const bundle = makeBundle({ incidents, findings, posts, watchlist });
  const html = renderHtmlReport(bundle);

  it('has the header, notice and summary', () => {
    expect(html).toContain('Vigil case report: US House, US-CA-99 (election 2026-11-03)');
    expect(html).toContain('Generated 2026-10-05T09:30:00.000Z');
    expect(html).toContain('Indicators, not verdicts.');
    expect(html).toMatch(/<th>Incidents<\/th><td>3<\/td>/);
    expect(html).toMatch(/<th>Findings<\/th><td>6 \(coordination 1, directive 2, foreign_money 1, harassment 1, threat 1\)<\/td>/);
  });

  it('shows each incident with subject, chain, timeline, techniques, legal caveats', () => {
    for (const i of incidents) expect(html).toContain(`id="${incidentAnchor(i.id)}"`);
    for (const i of incidents) expect(html).toContain(`<a href="#${incidentAnchor(i.id)}">`);
    expect(html).toContain('<strong>Government of Veloria</strong>');
    expect(html).toContain('answers to Consulate General of Veloria in Los Angeles &rarr; Velorian Ministry of Foreign Affairs &rarr; Government of Veloria');
    expect(html).toContain('<code>T0139.001</code> Discourage');
    expect(html).toContain('Binds accredited diplomatic and consular staff and posts, not a head of state posting from home.');
    expect(html).toContain('Como dice el Presidente: no voten por @danareyes.');
    // timeline in time order inside the government's incident
    const gov = html.slice(html.indexOf(`id="${incidentAnchor('inc:us-ca-99:xf-gov')}"`));
    expect(gov.indexOf('x:2001')).toBeLessThan(gov.indexOf('x:2002'));
  });

  it('lists evidence with ledger seq, source, capture time and hash, and the ledger head', () => {
    const entry = bundle.evidence.find((e) => e.ref === 'x:2002')!;
    expect(html).toContain(
      `<tr><td>${entry.seq}</td><td><code>x:2002</code></td><td><code>${entry.source.file}:${entry.source.line}</code></td><td>${entry.capturedAt}</td><td class="hash">${entry.sha256}</td><td>matches</td></tr>`,
    );
    expect(html).toContain('fec:4092020000000001');
    expect(html).toContain(bundle.ledger.head);
    expect(html).toContain('chain verified');
  });

  it('says when the ledger is broken or a stored record changed', () => {
    const broken = renderHtmlReport({ ...bundle, ledger: { ...bundle.ledger, ok: false, brokenSeq: 3, problem: 'entry 3 was changed' } });
    expect(broken).toContain('chain broken at entry 3');
    expect(broken).not.toContain('chain verified');
    const changed = renderHtmlReport({ ...bundle, ledger: { ...bundle.ledger, changedRefs: ['x:2002'] } });
    expect(changed).toContain('1 stored record(s) changed since capture');
    expect(changed).toMatch(/<code>x:2002<\/code>.*changed since capture<\/span><\/td><\/tr>/);
  });

  it('quotes at most ten evidence posts per timeline row and lists the rest in the evidence table', () => {
    const many = Array.from({ length: 13 }, (_, i) => makePost({ id: `m${i}`, text: `copy ${i}` }));
    const f = makeFinding({ id: 'big', kind: 'coordination', detail: { groupId: 'g' }, evidence: many.map(postRef) });
    const out = renderHtmlReport(makeBundle({ incidents: buildIncidents([f], watchlist), findings: [f], posts: many, watchlist }));
    expect(out.match(/class="excerpt"/g)).toHaveLength(10);
    expect(out).toContain('and 3 more (see the evidence table)');
    expect(out.match(/<td>matches<\/td>/g)).toHaveLength(13);
  });

  it('survives a stored finding with a broken score', () => {
    const f = { ...findings[0]!, score: Number.NaN };
    const out = renderHtmlReport({ ...bundle, findings: [f, ...findings.slice(1)] });
    expect(out).toMatch(/<td class="nw">directive<\/td><td class="nw">&mdash;<\/td>/);
  });

  it('renders a bundle with no incidents', () => {
    const empty = renderHtmlReport({ ...bundle, incidents: [], findings: [], posts: [], evidence: [], race: null });
    expect(empty).toContain('Vigil case report: All races');
    expect(empty).toContain('No incidents.');
  });
});

describe('renderHtmlReport reading aids (issue 10 part 6)', () => {
  const CAVEAT = 'Caveat: citizens abroad may lawfully give; a foreign address prompts an inquiry, it proves nothing.';
  const money = (n: number, committee: string) =>
    makeFinding({
      id: `money:${n}`,
      kind: 'foreign_money',
      subjects: { accounts: [`fec:committee:${committee}`], actorIds: [] },
      targets: { candidateIds: ['cand-holt'], raceIds: ['us-ca-99'] },
      score: 0.5,
      observedAt: `2026-09-1${n}T00:00:00.000Z`,
      explanation: [`Row ${n}: $2,900 to ${committee}.`, 'Indicators:', `- state_zz: STATE is ZZ (row ${n})`, `- zip_non_us: ZIP has letters (row ${n})`, CAVEAT].join('\n'),
      evidence: [{ kind: 'contribution', ref: `fec:row${n}`, source: { file: 'itcont.txt', line: n }, sha256: `${n}`.repeat(64).slice(0, 64) }],
    });

  it('lists indicators as a list, says the shared caveat once, and keeps the candidate committee out of Accounts', () => {
    const watchlist = makeWatchlist();
    watchlist.races[0]!.candidates[1]!.fecCommitteeIds = ['C00HOLT'];
    const findings = [money(1, 'C00HOLT'), money(2, 'C00HOLT'), money(3, 'C00OTHER')];
    const html = renderHtmlReport(makeBundle({ incidents: buildIncidents(findings, watchlist), findings, posts: [], watchlist }));
    expect(html.split(escapeText(CAVEAT)).length - 1).toBe(1);
    expect(html).toContain('<ul><li>state_zz: STATE is ZZ (row 1)</li><li>zip_non_us: ZIP has letters (row 1)</li></ul>');
    expect(html).toContain('Candidate committees receiving the money: <code>fec:committee:C00HOLT</code>');
    expect(html).toMatch(/Accounts \(1\): <code>fec:committee:C00OTHER<\/code>/);
    expect(html).toContain('<table class="evidence-table">');
  });

  it('draws each coordinated group as a static SVG laid out at export time, the same on every run', () => {
    const { watchlist, posts, findings } = velorianScenario();
    const hostile = posts.map((p) => (p.authorHandle === 'vel_fan1' ? { ...p, authorHandle: '<script>alert(1)</script>' } : p));
    const coord = findings.map((f) => (f.id === 'f-coord-1' ? { ...f, subjects: { ...f.subjects, accounts: f.subjects.accounts.map((a) => (a === 'x:vel_fan1' ? 'x:<script>alert(1)</script>' : a)) } } : f));
    const bundle = makeBundle({ incidents: buildIncidents(coord, watchlist), findings: coord, posts: hostile, watchlist });
    const html = renderHtmlReport(bundle);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    const svg = svgs[0]!;
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.toMatch(/<script|<foreignObject|<image|href=/i);
    // The consulate is a registry account: drawn red.
    expect(svg).toMatch(/fill="#b3261e"[^>]*><title>x:ConsuladoXFLA \(registry: xf-consulate-la\)/);
    const again = renderHtmlReport({ ...bundle, generatedAt: bundle.generatedAt });
    expect(again.match(/<svg[\s\S]*?<\/svg>/g)![0]).toBe(svg);
  });
});

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
