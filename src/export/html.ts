/**
 * The HTML case report: one self-contained, printable file per race (or for all races) with
 * incidents, timelines, DISARM techniques, legal indicators, the evidence table and the ledger head.
 *
 * Safety: the page carries no script at all and a CSP that forbids everything but inline styles and
 * data: images. Every piece of text, trusted or not, goes through {@link text}: control characters and
 * bidi overrides become visible escapes, then HTML metacharacters are escaped. URLs are shown as text,
 * never as links, so `javascript:` and look-alike links stay inert.
 */
import { leadsSection } from '../leads/html.js';
import { affiliationChain } from '../cases/actors.js';
import { evidenceItems, indexBundle, type BundleIndex, type CaseBundle, type EvidenceItem } from '../cases/bundle.js';
import { memberActors, sortByTime } from '../cases/incidents.js';
import type { Actor, Finding, Incident, Race, SourceRef } from '../model/types.js';
import { coActionEdges } from '../server/networks.js';
import { escapeHtml, safeTerminal } from '../util/escape.js';
import { networkSvg, type PictureEdge, type PictureNode } from './network-svg.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
/** Longest post excerpt shown in a timeline. */
const EXCERPT_CHARS = 280;
/** Longest other text (explanations, rationales, notes). */
const TEXT_CHARS = 4000;
/** Accounts listed per incident before "and N more". */
const MAX_ACCOUNTS = 50;
/** Evidence items quoted per timeline row; a coordination finding can hold thousands (all are in the evidence table). */
const MAX_EXCERPTS = 10;
/** Network pictures drawn per incident (its largest coordinated groups). */
const MAX_PICTURES = 3;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #333;padding-bottom:.2em;margin-top:2em}
h3{margin:.2em 0}.meta{color:#555}
.notice{border:2px solid #a15c00;background:#fff6e5;padding:.6em .9em;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #bbb;padding:.3em .45em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.nw,th{white-space:nowrap;overflow-wrap:normal;word-break:normal}
.timeline td:nth-child(4){width:34%}.timeline td:nth-child(5){width:46%}
table.evidence-table{table-layout:fixed}.evidence-table th:nth-child(1){width:4.5em}.evidence-table th:nth-child(2){width:22%}.evidence-table th:nth-child(3){width:22%}
.evidence-table th:nth-child(4){width:8.5em}.evidence-table th:nth-child(6){width:9em}
nav.toc{border:1px solid #ccc;background:#fafafa;padding:.4em 1em;border-radius:4px}nav.toc ol{margin:.2em 0;padding-left:1.4em}
.explanation p{margin:.15em 0}.explanation ul{margin:.15em 0 .15em 1.1em;padding:0}
svg.network{max-width:100%;height:auto;display:block;margin:.4em 0}.legend{font-size:.85em;color:#444}.k-registry{color:#b3261e;font-weight:bold}.k-source{color:#c0620f;font-weight:bold}
figure{margin:.6em 0}figcaption{font-size:.9em}
th{background:#eee}code,.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;word-break:break-all}
.incident{border:1px solid #999;border-radius:6px;padding:.8em 1em;margin:1.2em 0;break-inside:avoid-page}
.score{font-weight:bold}.excerpt{white-space:pre-wrap;background:#f6f6f6;padding:.2em .4em;display:block;margin:.2em 0}
.caveats{margin:.2em 0 .6em 1.2em;color:#333}.bad{color:#a00;font-weight:bold}.ok{color:#060;font-weight:bold}
ul{margin:.3em 0}
@media print{body{margin:0;max-width:none;font-size:11px}.incident{break-inside:avoid}h2{break-after:avoid}}
`;

/** Hostile-safe text: visible control characters, newlines folded to spaces, bounded, HTML-escaped. */
function text(value: unknown, max = TEXT_CHARS): string {
  const s = value === null || value === undefined ? '' : String(value);
  return escapeHtml(safeTerminal(s.replace(/\r\n|[\r\n]/g, ' '), max));
}

/** A score with two decimals; a missing or broken one shows as a dash instead of failing the report. */
function score(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '&mdash;';
}

/** An ISO time split into date and time lines so narrow timeline columns stay readable. */
function timeCell(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(.{1,40})$/.exec(value);
  return m ? `${text(m[1])}<br>${text(m[2])}` : text(value);
}

function sourceText(source: SourceRef): string {
  const at = source.line !== undefined ? `:${source.line}` : source.offset !== undefined ? ` @ byte ${source.offset}` : '';
  return `${source.file}${at}${source.cursor ? ` (cursor ${source.cursor})` : ''}`;
}

function raceTitle(race: Race | null): string {
  return race ? `${race.office}, ${race.jurisdiction} (election ${race.electionDate})` : 'All races';
}

function actorLine(actor: Actor, ix: BundleIndex): string {
  const chain = affiliationChain(actor.id, ix.actorsById);
  const up = chain.slice(1).map((a) => a.name);
  return `<strong>${text(actor.name)}</strong> <span class="meta">(${text(actor.id)})</span>: ${text(actor.kind)}, ${text(actor.role.replace(/_/g, ' '))}, country ${text(actor.country)}${
    up.length ? `; answers to ${up.map((n) => text(n)).join(' &rarr; ')}` : ''
  }${actor.aliases.length ? `; also known as ${text(actor.aliases.join(', '))}` : ''}`;
}

function subjectBlock(incident: Incident, findings: Finding[], ix: BundleIndex): string {
  // The race's own candidate committees receive the money: they are recipients, not accounts acting.
  const candidateCommittees = new Set((ix.racesById.get(incident.raceId)?.candidates ?? []).flatMap((c) => c.fecCommitteeIds.map((id) => `fec:committee:${id}`)));
  const subject = ix.actorsById.get(incident.subject);
  const parts: string[] = [];
  if (subject) parts.push(`<p>Subject: ${actorLine(subject, ix)}</p>`);
  else parts.push(`<p>Subject: <code>${text(incident.subject)}</code></p>`);
  const members = memberActors(findings, ix.actorsById).filter((a) => a.id !== incident.subject);
  if (members.length) parts.push(`<p>Registry actors in this incident:</p><ul>${members.map((a) => `<li>${actorLine(a, ix)}</li>`).join('')}</ul>`);
  const all = [...new Set(findings.flatMap((f) => f.subjects.accounts))].sort();
  const recipients = all.filter((a) => candidateCommittees.has(a));
  const accounts = all.filter((a) => !candidateCommittees.has(a));
  if (recipients.length) parts.push(`<p>Candidate committees receiving the money: ${recipients.map((a) => `<code>${text(a, 200)}</code>`).join(', ')}</p>`);
  if (accounts.length) {
    const shown = accounts.slice(0, MAX_ACCOUNTS).map((a) => `<code>${text(a, 200)}</code>`).join(', ');
    parts.push(`<p>Accounts (${accounts.length}): ${shown}${accounts.length > MAX_ACCOUNTS ? `, and ${accounts.length - MAX_ACCOUNTS} more` : ''}</p>`);
  }
  return parts.join('\n');
}

/**
 * An explanation as written by its detector: lines, and `- ` lines as a bullet list (money findings
 * list their indicators so). Lines in `skip` (a caveat shown once for the section) are left out.
 */
function explanationHtml(explanation: string, skip: Set<string>): string {
  const out: string[] = [];
  let bullets: string[] = [];
  const flush = () => {
    if (bullets.length) out.push(`<ul>${bullets.map((b) => `<li>${text(b)}</li>`).join('')}</ul>`);
    bullets = [];
  };
  for (const line of explanation.split(/\r\n|[\r\n]/)) {
    const t = line.trim();
    if (!t || skip.has(t)) continue;
    if (t.startsWith('- ')) bullets.push(t.slice(2));
    else {
      flush();
      out.push(`<p>${text(t)}</p>`);
    }
  }
  flush();
  return out.join('');
}

/** Caveat lines (`Caveat: …`) that every finding of the section that has one repeats: said once above the table. */
function sharedCaveats(findings: Finding[]): string[] {
  const counts = new Map<string, number>();
  for (const f of findings) for (const l of new Set(f.explanation.split(/\r\n|[\r\n]/).map((x) => x.trim()))) if (/^caveat\b/i.test(l)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([l]) => l);
}

/** The nodes and edges of a coordination or amplification finding, from its detail and evidence posts. */
function pictureOf(f: Finding, ix: BundleIndex, registry: Map<string, string>): { nodes: PictureNode[]; edges: PictureEdge[] } {
  const d = f.detail;
  const posts = f.evidence.flatMap((e) => ix.postsByKey.get(e.ref) ?? []);
  const edges: PictureEdge[] = [];
  if (Array.isArray(d.edges)) {
    for (const e of d.edges as unknown[]) {
      if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') edges.push({ source: e[0], target: e[1], weight: Number(e[2] ?? 1) || 1, kind: typeof e[3] === 'string' ? e[3] : 'co-action' });
    }
  } else edges.push(...coActionEdges(posts));
  const nodes = new Map<string, PictureNode>();
  for (const a of f.subjects.accounts) nodes.set(a, { id: a, label: a.slice(a.indexOf(':') + 1), activity: 0, actorId: registry.get(a.toLowerCase()) });
  // The authors the members reposted: the amplified source, drawn apart.
  const amplifies = new Map<string, PictureEdge>();
  for (const p of posts) {
    if (!p.repostOfAuthor) continue;
    const from = `${p.platform}:${p.authorHandle}`;
    const to = `${p.platform}:${p.repostOfAuthor}`;
    if (from === to) continue;
    if (!nodes.has(to)) nodes.set(to, { id: to, label: p.repostOfAuthor, activity: 0, actorId: registry.get(to.toLowerCase()), source: true });
    const e = amplifies.get(`${from}\u0000${to}`) ?? { source: from, target: to, weight: 0, kind: 'amplifies' };
    e.weight++;
    amplifies.set(`${from}\u0000${to}`, e);
  }
  edges.push(...amplifies.values());
  for (const e of edges) for (const id of [e.source, e.target]) {
    const n = nodes.get(id);
    if (n) n.activity += e.weight;
  }
  return { nodes: [...nodes.values()], edges };
}

/** Static pictures of the incident's largest coordinated groups, with a legend. */
function networkBlock(findings: Finding[], ix: BundleIndex, registry: Map<string, string>): string {
  const groups = findings.filter((f) => (f.kind === 'coordination' || f.kind === 'amplification') && f.subjects.accounts.length > 1);
  if (!groups.length) return '';
  const pictures = [...groups]
    .sort((a, b) => b.subjects.accounts.length - a.subjects.accounts.length || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_PICTURES)
    .map((f) => {
      const { nodes, edges } = pictureOf(f, ix, registry);
      const pic = networkSvg(nodes, edges, `Network of ${f.id}`);
      return `<figure><figcaption><code>${text(f.id, 300)}</code>: ${pic.shown < pic.total ? `the ${pic.shown} most active of ${pic.total} accounts` : `${pic.total} accounts`}, ${edges.length} links</figcaption>${pic.svg}</figure>`;
    });
  return `<h4>Networks</h4>
<p class="legend">Laid out with ForceAtlas2 when this report was written. Dot size: activity; <span class="k-registry">red, ringed</span>: registry accounts; <span class="k-source">orange</span>: authors the group amplified; blue: other members. Line width: weight; solid: co-repost, dashed: shared link, dotted: shared hashtag, orange: repost of the amplified author.${groups.length > MAX_PICTURES ? ` The ${MAX_PICTURES} largest of ${groups.length} groups are drawn.` : ''}</p>
${pictures.join('\n')}`;
}

function evidenceCell(f: Finding, ix: BundleIndex): string {
  const more = f.evidence.length - MAX_EXCERPTS;
  return f.evidence
    .slice(0, MAX_EXCERPTS)
    .map((e) => {
      const post = ix.postsByKey.get(e.ref);
      if (!post) return `<div><code>${text(e.ref, 300)}</code> <span class="meta">${text(sourceText(e.source), 300)}</span></div>`;
      const urls = post.urls.length ? `<div class="meta">Links (text only): ${post.urls.map((u) => `<code>${text(u, 300)}</code>`).join(' ')}</div>` : '';
      return `<div><code>${text(e.ref, 300)}</code> by <code>@${text(post.authorHandle, 100)}</code> at ${text(post.createdAt)}<span class="excerpt">${text(post.text, EXCERPT_CHARS)}</span>${urls}</div>`;
    })
    .join('')
    .concat(more > 0 ? `<div class="meta">and ${more} more (see the evidence table)</div>` : '');
}

/** A fragment id for an incident's section (ids hold colons; anchors stay plain). */
export function incidentAnchor(id: string): string {
  return `incident-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function incidentSection(incident: Incident, ix: BundleIndex, registry: Map<string, string>): string {
  const findings = sortByTime(incident.findingIds.map((id) => ix.findingsById.get(id)).filter((f): f is Finding => f !== undefined));
  const caveats = sharedCaveats(findings);
  const skip = new Set(caveats);
  const timeline = findings
    .map(
      (f) =>
        `<tr><td class="nw">${timeCell(f.observedAt)}</td><td class="nw">${text(f.kind)}</td><td class="nw">${score(f.score)}</td><td class="explanation">${explanationHtml(f.explanation, skip)}</td><td>${evidenceCell(f, ix)}</td></tr>`,
    )
    .join('\n');
  const caveatBlock = caveats.map((c) => `<p class="notice">${text(c)} <span class="meta">(applies to every row below that has one)</span></p>`).join('\n');
  const techniques = incident.techniques.length
    ? `<ul>${incident.techniques.map((t) => `<li><code>${text(t.id)}</code> ${text(t.name)}: ${text(t.rationale)}</li>`).join('')}</ul>`
    : '<p class="meta">None suggested.</p>';
  const legal = incident.legal.length
    ? incident.legal
        .map(
          (l) =>
            `<div><strong>${text(l.provision)}</strong> (${text(l.jurisdiction)}): ${text(l.title)}<br>${text(l.rationale)}<ul class="caveats">${l.caveats
              .map((c) => `<li>${text(c)}</li>`)
              .join('')}</ul></div>`,
        )
        .join('\n')
    : '<p class="meta">No legal indicator selected.</p>';
  const notes = incident.notes.length ? `<ul>${incident.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : '<p class="meta">No analyst notes.</p>';
  return `<section class="incident" id="${incidentAnchor(incident.id)}">
<h3>${text(incident.title)}</h3>
<p class="meta">Incident <code>${text(incident.id, 300)}</code> &middot; race ${text(incident.raceId)} &middot; ${text(incident.firstSeen)} to ${text(incident.lastSeen)} &middot; <span class="score">score ${score(incident.score)}</span> &middot; status ${text(incident.status)}${incident.assignee ? ` &middot; held by ${text(incident.assignee, 80)}` : ''}</p>
${subjectBlock(incident, findings, ix)}
${networkBlock(findings, ix, registry)}
<h4>Timeline</h4>
${caveatBlock}
<table class="timeline"><thead><tr><th>Observed</th><th>Kind</th><th>Score</th><th>Explanation</th><th>Evidence</th></tr></thead><tbody>
${timeline}
</tbody></table>
<h4>DISARM techniques (suggested)</h4>
${techniques}
<h4>Legal indicators (may be relevant; not findings of law)</h4>
${legal}
<h4>Analyst notes</h4>
${notes}
</section>`;
}

function evidenceRows(bundle: CaseBundle, ix: BundleIndex): string {
  const changed = new Set(bundle.ledger.changedRefs ?? []);
  const status = (r: EvidenceItem) =>
    !r.entry ? '<span class="bad">not in ledger</span>' : changed.has(r.ref) ? '<span class="bad">changed since capture</span>' : r.post ? 'matches' : '';
  return evidenceItems(bundle, ix)
    .map(
      (r) =>
        `<tr><td>${r.entry?.seq ?? ''}</td><td><code>${text(r.ref, 300)}</code></td><td><code>${text(sourceText(r.source), 500)}</code></td><td>${text(
          r.entry?.capturedAt ?? '',
        )}</td><td class="hash">${text(r.sha256, 128)}</td><td>${status(r)}</td></tr>`,
    )
    .join('\n');
}

/** The Merkle root and the signed checkpoint written beside the report, when the ledger was sealed. */
function ledgerAnchor(bundle: CaseBundle): string {
  const { root, checkpoint } = bundle.ledger;
  if (!root) return '';
  const signed = checkpoint
    ? ` Signed checkpoint (${checkpoint.treeSize} entries, ${text(checkpoint.timestamp)}, key <code>${text(checkpoint.keyId)}</code>) in the vigil-checkpoint file beside this report, with inclusion proofs in the vigil-ledger-proofs file.`
    : ' <span class="bad">No checkpoint was signed: the ledger did not verify.</span>';
  return ` Merkle root (RFC 6962): <code class="hash">${text(root, 128)}</code>.${signed}`;
}

/**
 * Render a case bundle as one self-contained HTML document.
 *
 * @example writeFileSync('ca-99.html', renderHtmlReport(bundle))
 */
export function renderHtmlReport(bundle: CaseBundle): string {
  const ix = indexBundle(bundle);
  const kinds = new Map<string, number>();
  for (const f of bundle.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
  const ledger = bundle.ledger.ok
    ? `<span class="ok">chain verified</span>`
    : `<span class="bad">chain broken${bundle.ledger.brokenSeq !== undefined ? ` at entry ${bundle.ledger.brokenSeq}` : ''}</span>${bundle.ledger.problem ? `: ${text(bundle.ledger.problem)}` : ''}`;
  const changed = bundle.ledger.changedRefs?.length
    ? `; <span class="bad">${bundle.ledger.changedRefs.length} stored record(s) changed since capture</span>`
    : '';
  const races = bundle.races
    .map((r) => `<li>${text(r.id)}: ${text(raceTitle(r))}; candidates ${r.candidates.map((c) => `${text(c.name)}${c.party ? ` (${text(c.party)})` : ''}`).join(', ')}</li>`)
    .join('');
  const incidents = [...bundle.incidents].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const registry = new Map<string, string>();
  for (const a of bundle.actors) for (const [platform, hs] of Object.entries(a.handles)) for (const h of hs) registry.set(`${platform}:${h}`.toLowerCase(), a.id);
  const leads = leadsSection(bundle.leads);
  const toc = `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>
<li><a href="#summary">Summary</a></li>
<li><a href="#incidents">Incidents (${incidents.length})</a>${incidents.length ? `<ol>${incidents.map((i) => `<li><a href="#${incidentAnchor(i.id)}">${text(i.title, 300)}</a> <span class="meta">score ${score(i.score)}, ${text(i.status)}</span></li>`).join('')}</ol>` : ''}</li>
${leads ? '<li><a href="#leads">Leads</a></li>' : ''}
<li><a href="#evidence">Evidence</a></li>
<li><a href="#ledger">Ledger</a></li>
</ol></nav>`;
  const title = `Vigil case report: ${raceTitle(bundle.race)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${text(title)}</h1>
<p class="meta">Generated ${text(bundle.generatedAt)} by Vigil.</p>
<p class="notice"><strong>Indicators, not verdicts.</strong> This report lists patterns that automated detectors found and the provisions they may be relevant to, with caveats. It makes no legal determination about anyone; every item needs review by an analyst, and legal questions by a lawyer. Post text below is quoted as captured, from accounts that may be hostile.</p>
</header>
${toc}
<h2 id="summary">Summary</h2>
<table><tbody>
<tr><th>Incidents</th><td>${bundle.incidents.length}</td></tr>
<tr><th>Findings</th><td>${bundle.findings.length}${kinds.size ? ` (${[...kinds].sort().map(([k, n]) => `${text(k)} ${n}`).join(', ')})` : ''}</td></tr>
<tr><th>Evidence posts</th><td>${bundle.posts.length}</td></tr>
<tr><th>Ledger</th><td>${bundle.ledger.entries} entries, ${ledger}${changed}</td></tr>
</tbody></table>
<h3>Races</h3>
<ul>${races || '<li>None</li>'}</ul>
<h2 id="incidents">Incidents</h2>
${incidents.length ? incidents.map((i) => incidentSection(i, ix, registry)).join('\n') : '<p>No incidents.</p>'}
${leads ? `<div id="leads">${leads}</div>` : ''}
<h2 id="evidence">Evidence</h2>
<table class="evidence-table"><thead><tr><th>Ledger seq</th><th>Ref</th><th>Source</th><th>Captured at</th><th>SHA-256</th><th>Record</th></tr></thead><tbody>
${evidenceRows(bundle, ix)}
</tbody></table>
<footer id="ledger">
<p>Ledger head (hash of entry ${bundle.ledger.entries}): <code class="hash">${text(bundle.ledger.head, 128)}</code>.${ledgerAnchor(bundle)} Check it with <code>vigil verify</code>.</p>
</footer>
</body>
</html>
`;
}
