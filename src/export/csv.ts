/**
 * CSV export for spreadsheets: incidents.csv, findings.csv and evidence.csv. RFC 4180 with CRLF
 * record separators; every text cell goes through csvRow (util/escape.ts), which quotes and
 * neutralises formula triggers (= + - @ TAB CR) with a leading `'`. Numbers we compute (scores,
 * sequence numbers, line numbers) are written as numbers so they stay numeric. The `'` prefix is not
 * part of the data: the JSON export is the lossless one (formats.md §9).
 */
import { evidenceItems, indexBundle, type CaseBundle } from '../cases/bundle.js';
import { csvRow } from '../util/escape.js';
import { sha256 } from '../util/hash.js';

/** One CSV file of an export. */
export interface CsvFile {
  name: string;
  content: string;
  /** Data rows, header excluded. */
  rows: number;
}

const EOL = '\r\n';

interface Table {
  header: string[];
  rows: unknown[][];
}

function render(t: Table): string {
  return [csvRow(t.header), ...t.rows.map(csvRow)].join(EOL) + EOL;
}

const list = (values: readonly string[]) => values.join(' ');

/** incidents.csv: one row per incident. */
export function incidentsCsv(bundle: CaseBundle): string {
  return render(incidentsTable(bundle));
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
  };
}

/** findings.csv: one row per (incident, finding); a finding in two incidents appears twice. */
export function findingsCsv(bundle: CaseBundle): string {
  return render(findingsTable(bundle));
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
  };
}

/** evidence.csv: one row per evidence ref of the bundle's findings, with its ledger entry and post. */
export function evidenceCsv(bundle: CaseBundle): string {
  return render(evidenceTable(bundle));
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
  };
}

/** All CSV files of a bundle. */
export function toCsvFiles(bundle: CaseBundle): CsvFile[] {
  const tables: [string, Table][] = [
    ['incidents.csv', incidentsTable(bundle)],
    ['findings.csv', findingsTable(bundle)],
    ['evidence.csv', evidenceTable(bundle)],
  ];
  return tables.map(([name, t]) => ({ name, content: render(t), rows: t.rows.length }));
}

/**
 * Export manifest for the CSV files (formats.md §9.6): per-file SHA-256 and row count, the time of
 * the bundle and the escaping mode, so an evidence package can be checked later and readers know
 * that a leading `'` in a text cell was added by Vigil.
 */
export function csvManifest(bundle: CaseBundle, files: CsvFile[]): string {
  const manifest = {
    generator: 'vigil',
    generatedAt: bundle.generatedAt,
    race: bundle.race?.id ?? null,
    escaping:
      "RFC 4180; text cells starting with = + - @ TAB or CR are prefixed with ' (not part of the data). The JSON export is lossless.",
    ledgerHead: bundle.ledger.head,
    files: files.map((f) => ({ name: f.name, rows: f.rows, sha256: sha256(f.content) })),
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
