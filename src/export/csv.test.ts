import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { makeBundle, makeFinding, makePost, makeWatchlist, postRef, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { evidenceCsv, findingsCsv, incidentsCsv, toCsvFiles } from './csv.js';

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF records, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

const HOSTILE = ['=HYPERLINK("http://evil","x")', '+SUM(1,2)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\t=1+1', '\r=1+1'];

describe('CSV export', () => {
  const watchlist = makeWatchlist();
  const posts = HOSTILE.map((text, i) => makePost({ id: `9${i}`, text, authorHandle: i === 0 ? '=cmd' : 'plain' }));
  posts.push(makePost({ id: '99', text: 'line one\r\nline "two", with comma' }));
  const findings = [
    makeFinding({ id: 'f1', subjects: { accounts: ['x:aureliovance'], actorIds: ['xf-president'] }, explanation: '=1+2 matched', evidence: posts.map(postRef), score: 0.85 }),
  ];
  const bundle = makeBundle({ incidents: buildIncidents(findings, watchlist), findings, posts, watchlist });

  it('neutralises formula triggers in free-text cells', () => {
    const rows = records(evidenceCsv(bundle));
    for (const [i, text] of HOSTILE.entries()) {
      const row = rows.find((r) => r['ref'] === `x:9${i}`)!;
      expect(row['text']).toBe(`'${text}`);
    }
    expect(records(findingsCsv(bundle))[0]!['explanation']).toBe("'=1+2 matched");
  });

  it('with spreadsheetSafe, no cell of any file starts with a trigger, ids included', () => {
    expect(records(evidenceCsv(bundle, { spreadsheetSafe: true })).find((r) => r['ref'] === 'x:90')!['author']).toBe("'=cmd");
    for (const f of toCsvFiles(bundle, { spreadsheetSafe: true })) for (const r of parseCsv(f.content)) for (const cell of r) expect(cell, f.name).not.toMatch(/^[=+\-@\t\r]/);
  });

  // Issue 11: ids that begin with + - = @ were rewritten ('-1001234567890), so evidence.csv no
  // longer joined findings.csv.
  it('writes identifiers exactly, so evidence.csv joins findings.csv and the input', () => {
    const ids = [
      makePost({ platform: 'telegram', id: '-1001234567890', authorHandle: '-1001234567890', text: 'channel post', urls: ['-relative/link'] }),
      makePost({ platform: 'x', id: '-42', authorHandle: '+15551234567', text: '=not a formula to us' }),
      makePost({ platform: 'x', id: '@7', authorHandle: '@handle', text: 'plain' }),
      makePost({ platform: 'x', id: '=8', authorHandle: '=cmd', text: 'plain' }),
    ];
    const f = makeFinding({
      id: '-finding',
      subjects: { accounts: ids.map((p) => `${p.platform}:${p.authorHandle}`), actorIds: ['+actor'] },
      targets: { candidateIds: ['cand-reyes'], raceIds: ['us-ca-99'] },
      evidence: ids.map(postRef),
    });
    const b = makeBundle({ incidents: buildIncidents([f], watchlist), findings: [f], posts: ids, watchlist });
    const findingRows = records(findingsCsv(b));
    const accounts = new Set(findingRows.flatMap((r) => r['accounts']!.split(' ')));
    const refs = new Set(findingRows.flatMap((r) => r['evidence_refs']!.split(' ')));
    expect(findingRows[0]!['finding_id']).toBe('-finding');
    expect(findingRows[0]!['actor_ids']).toBe('+actor');
    const evidence = records(evidenceCsv(b));
    expect(evidence).toHaveLength(ids.length);
    for (const row of evidence) {
      expect(refs.has(row['ref']!), row['ref']).toBe(true);
      expect(accounts.has(`${row['platform']}:${row['author']}`), row['author']).toBe(true);
    }
    expect(evidence.map((r) => r['author']).sort()).toEqual(['+15551234567', '-1001234567890', '=cmd', '@handle']);
    expect(evidence.find((r) => r['ref'] === 'telegram:-1001234567890')!['urls']).toBe('-relative/link');
    // Free text keeps its guard.
    expect(evidence.find((r) => r['ref'] === 'x:-42')!['text']).toBe("'=not a formula to us");
  });

  it('keeps computed numbers numeric and round-trips quotes, commas and line breaks', () => {
    const f = records(findingsCsv(bundle))[0]!;
    expect(f['score']).toBe('0.85');
    const ev = records(evidenceCsv(bundle));
    expect(ev.find((r) => r['ref'] === 'x:99')!['text']).toBe('line one\r\nline "two", with comma');
    expect(ev.map((r) => r['ledger_seq'])).toEqual(bundle.evidence.map((e) => String(e.seq)));
    expect(ev[0]!['sha256']).toBe(bundle.evidence[0]!.sha256);
  });

  it('writes CRLF records and counts data rows', () => {
    const { watchlist: w, posts: p, findings: fs } = velorianScenario();
    const b = makeBundle({ incidents: buildIncidents(fs, w), findings: fs, posts: p, watchlist: w });
    const files = toCsvFiles(b);
    expect(files.map((x) => [x.name, x.rows])).toEqual([
      ['incidents.csv', 3], // the actor, the candidate's safety, foreign-marked money (issue 8)
      ['findings.csv', 6],
      ['evidence.csv', 8],
    ]);
    expect(incidentsCsv(b).endsWith('\r\n')).toBe(true);
    expect(incidentsCsv(b).split('\r\n')[0]).toBe(
      'incident_id,race_id,subject,title,first_seen,last_seen,score,status,findings,disarm_techniques,legal_provisions,notes',
    );
  });
});
