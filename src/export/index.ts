/**
 * Exporters by name. Each turns a CaseBundle into files and does nothing else: no detection, no
 * store access. `vigil export --format NAME` and `vigil report` look names up here; add a format by
 * adding an entry (and its options type to ExporterOptions).
 */
import type { CaseBundle } from '../cases/bundle.js';
import { csvManifest, toCsvFiles, type CsvOptions } from './csv.js';
import { renderHtmlReport } from './html.js';
import { toJson, type JsonOptions } from './json.js';
import { toStixBundle, type StixOptions } from './stix.js';
import { sha256 } from '../util/hash.js';

/** One file an exporter produces; `name` is a bare file name, the caller picks the folder. */
export interface ExportFile {
  name: string;
  mediaType: string;
  content: string;
}

/** Options per exporter name. */
export interface ExporterOptions {
  html: Record<string, never>;
  csv: CsvOptions;
  json: JsonOptions;
  stix: StixOptions;
}

/** An exporter: a name, a one-line description, and a pure function from bundle to files. */
export interface Exporter<O = unknown> {
  name: string;
  description: string;
  export(bundle: CaseBundle, options?: O): ExportFile[];
}

/**
 * File-name stem for a bundle: its race id (at most 100 characters), or `all-races`; unsafe characters
 * become `_`. A race id that had to be changed gets a short hash of the original, so that two ids
 * that differ only in unsafe characters (`fd/01`, `fd_01`) never overwrite each other's files.
 */
export function exportStem(bundle: CaseBundle): string {
  return safeStem(bundle.race?.id ?? 'all-races');
}

/** A file-name stem for any id (a race's, an incident's), made safe as {@link exportStem} describes. */
export function safeStem(id: string): string {
  const stem = id.slice(0, 100).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return stem === id ? stem : `${stem}-${sha256(id).slice(0, 8)}`;
}

const html: Exporter<ExporterOptions['html']> = {
  name: 'html',
  description: 'Self-contained HTML case report (no script; printable)',
  export: (bundle) => [{ name: `vigil-report-${exportStem(bundle)}.html`, mediaType: 'text/html; charset=utf-8', content: renderHtmlReport(bundle) }],
};

const csv: Exporter<ExporterOptions['csv']> = {
  name: 'csv',
  description: 'incidents.csv, findings.csv and evidence.csv (ids exact, formula guard on free text; --spreadsheet-safe: on every cell), with a manifest',
  export: (bundle, options) => {
    const stem = exportStem(bundle);
    // The manifest names the files as written, with the stem.
    const files = toCsvFiles(bundle, options).map((f) => ({ ...f, name: `${stem}-${f.name}` }));
    return [
      ...files.map((f) => ({ name: f.name, mediaType: 'text/csv; charset=utf-8', content: f.content })),
      { name: `${stem}-manifest.json`, mediaType: 'application/json', content: csvManifest(bundle, files, options) },
    ];
  },
};

const json: Exporter<ExporterOptions['json']> = {
  name: 'json',
  description: 'The whole case bundle as JSON (lossless)',
  export: (bundle, options) => [{ name: `vigil-cases-${exportStem(bundle)}.json`, mediaType: 'application/json', content: toJson(bundle, options) }],
};

const stix: Exporter<ExporterOptions['stix']> = {
  name: 'stix',
  description: 'STIX 2.1 bundle with DISARM techniques as attack-patterns',
  export: (bundle, options) => [
    { name: `vigil-stix-${exportStem(bundle)}.json`, mediaType: 'application/stix+json;version=2.1', content: JSON.stringify(toStixBundle(bundle, options), null, 2) + '\n' },
  ],
};

/** Every exporter by name. */
export const EXPORTERS: { [K in keyof ExporterOptions]: Exporter<ExporterOptions[K]> } = { html, csv, json, stix };

export type ExporterName = keyof ExporterOptions;

/** Whether `name` is a known exporter. */
export function isExporterName(name: string): name is ExporterName {
  return Object.prototype.hasOwnProperty.call(EXPORTERS, name);
}

export { renderHtmlReport, toCsvFiles, toJson, toStixBundle };
export type { CsvOptions, JsonOptions, StixOptions };
