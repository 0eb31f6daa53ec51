/**
 * CSV export for spreadsheets: incidents.csv, findings.csv and evidence.csv. RFC 4180 with CRLF
 * record separators, through csvRow (util/escape.ts). Free-text cells (titles, notes, legal
 * provisions, explanations, post text, source file names) get the formula guard: a leading `'`
 * before = + - @ TAB CR. Identifier cells (incident, finding, race, candidate, actor ids, accounts,
 * refs, handles, URLs, hashes) are written exactly, so that evidence.csv joins findings.csv and the
 * input (a Telegram channel `-1001234567890`, a phone-number handle `+15551234567`); with
 * `spreadsheetSafe` every cell gets the guard. Numbers we compute (scores, sequence numbers, line
 * numbers) stay numeric. The `'` prefix is not part of the data: the JSON export is lossless
 * (formats.md §9).
 */
import { evidenceItems, indexBundle, type CaseBundle } from '../cases/bundle.js';
import { csvRow, type CsvGuard } from '../util/escape.js';
import { sha256 } from '../util/hash.js';

/** One CSV file of an export. */
export interface CsvFile {
  name: string;
  content: string;
  /** Data rows, header excluded. */
  rows: number;
}

const EOL = '\r\n';

/** Options of the CSV export. */
export interface CsvOptions {
  /** Formula guard on every cell, identifiers included (the files then no longer join the input). */
  spreadsheetSafe?: boolean;
}

interface Table {
  header: string[];
  rows: unknown[][];
  /** Names of the free-text columns, which get the formula guard. */
  text: string[];
}

/** The free-text columns of each file: written by people or by the accounts Vigil watches, never joined on. */
const TEXT_COLUMNS = {
  incidents: ['title', 'legal_provisions', 'notes'],
  findings: ['explanation'],
  evidence: ['source_file', 'text'],
};

function render(t: Table, opts: CsvOptions = {}): string {
  const guard: CsvGuard = opts.spreadsheetSafe ? 'all' : new Set(t.text.map((name) => t.header.indexOf(name)));
  return [csvRow(t.header), ...t.rows.map((r) => csvRow(r, guard))].join(EOL) + EOL;
}

const list = (values: readonly string[]) => values.join(' ');

/** incidents.csv: one row per incident. */
export function incidentsCsv(bundle: CaseBundle, opts: CsvOptions = {}): string {
  return render(incidentsTable(bundle), opts);
}

function incidentsTable(bundle: CaseBundle): Table {
  return {
    header: ['incident_id', 'race_id', 'subject', 'title', 'first_seen', 'last_seen', 'score', 'status', 'findings', 'disarm_techniques', 'legal_provisions', 'notes'],
    rows: bundle.incidents.map((i) => [
      i.id,
      i.raceId,
      i.subject,
      i.title,
      i.firstSeen,
      i.lastSeen,
      i.score,
      i.status,
      i.findingIds.length,
      list(i.techniques.map((t) => t.id)),
      i.legal.map((l) => l.provision).join(' | '),
      i.notes.join(' | '),
    ]),
    text: TEXT_COLUMNS.incidents,
  };
}

/** findings.csv: one row per (incident, finding); a finding in two incidents appears twice. */
export function findingsCsv(bundle: CaseBundle, opts: CsvOptions = {}): string {
  return render(findingsTable(bundle), opts);
}

function findingsTable(bundle: CaseBundle): Table {
  const ix = indexBundle(bundle);
  const rows: unknown[][] = [];
  for (const i of bundle.incidents) {
    for (const id of i.findingIds) {
      const f = ix.findingsById.get(id);
      if (!f) continue;
      rows.push([
        i.id,
        f.id,
        f.kind,
        f.observedAt,
        f.score,
        list(f.targets.raceIds),
        list(f.targets.candidateIds),
        list(f.subjects.actorIds),
        list(f.subjects.accounts),
        f.explanation,
        list(f.evidence.map((e) => e.ref)),
      ]);
    }
  }
  return {
    header: ['incident_id', 'finding_id', 'kind', 'observed_at', 'score', 'race_ids', 'candidate_ids', 'actor_ids', 'accounts', 'explanation', 'evidence_refs'],
    rows,
    text: TEXT_COLUMNS.findings,
  };
}

/** evidence.csv: one row per evidence ref of the bundle's findings, with its ledger entry and post. */
export function evidenceCsv(bundle: CaseBundle, opts: CsvOptions = {}): string {
  return render(evidenceTable(bundle), opts);
}

function evidenceTable(bundle: CaseBundle): Table {
  const rows = evidenceItems(bundle).map(({ ref, kind, source, sha256, entry, post }) => [
    entry?.seq ?? '',
    ref,
    kind,
    source.file,
    source.line ?? '',
    source.offset ?? '',
    entry?.capturedAt ?? '',
    sha256,
    entry?.hash ?? '',
    post?.platform ?? '',
    post?.authorHandle ?? '',
    post?.createdAt ?? '',
    post?.text ?? '',
    post ? list(post.urls) : '',
  ]);
  return {
    header: ['ledger_seq', 'ref', 'kind', 'source_file', 'source_line', 'source_offset', 'captured_at', 'sha256', 'entry_hash', 'platform', 'author', 'posted_at', 'text', 'urls'],
    rows,
    text: TEXT_COLUMNS.evidence,
  };
}

/** All CSV files of a bundle (bare names; the exporter prefixes the bundle's stem). */
export function toCsvFiles(bundle: CaseBundle, opts: CsvOptions = {}): CsvFile[] {
  const tables: [string, Table][] = [
    ['incidents.csv', incidentsTable(bundle)],
    ['findings.csv', findingsTable(bundle)],
    ['evidence.csv', evidenceTable(bundle)],
  ];
  return tables.map(([name, t]) => ({ name, content: render(t, opts), rows: t.rows.length }));
}

/**
 * Export manifest for the CSV files (formats.md §9.6): per-file name (as written), SHA-256 and row
 * count, the time of the bundle and the escaping mode, so an evidence package can be checked later
 * and readers know which cells may carry a leading `'` added by Vigil.
 */
export function csvManifest(bundle: CaseBundle, files: CsvFile[], opts: CsvOptions = {}): string {
  const manifest = {
    generator: 'vigil',
    generatedAt: bundle.generatedAt,
    race: bundle.race?.id ?? null,
    escaping: opts.spreadsheetSafe
      ? "RFC 4180; spreadsheet-safe: every cell starting with = + - @ TAB or CR is prefixed with ' (not part of the data), identifiers included. The JSON export is lossless."
      : `RFC 4180; free-text cells (${Object.values(TEXT_COLUMNS).flat().join(', ')}) starting with = + - @ TAB or CR are prefixed with ' (not part of the data); identifiers are written exactly. The JSON export is lossless.`,
    ledgerHead: bundle.ledger.head,
    files: files.map((f) => ({ name: f.name, rows: f.rows, sha256: sha256(f.content) })),
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
