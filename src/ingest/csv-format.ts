/**
 * The part every CSV-based format shares: stream the rows, report an empty file, a wrong delimiter,
 * missing header columns, broken and ragged rows, and hand each good row to the format's mapper.
 */
import { stat } from 'node:fs/promises';
import { readCsv, suspectDelimiter, type CsvRecord } from './csv.js';
import { foreignBom, foreignBomReason } from './lines.js';
import { BatchBuilder, DEFAULT_BATCH_SIZE, type IngestBatch, type ReadOptions } from './record.js';
import type { SourceRef } from '../model/types.js';

/** What a CSV-based format tells the shared reader: its columns, required ones and row mapper. */
export interface CsvFormatSpec {
  format: string;
  /** Columns to decode, in the order the mapper receives them. */
  columns: readonly string[];
  /**
   * Header columns that must be present. Each entry lists accepted names for one column
   * (aliases); the first is the one named in messages.
   */
  required: readonly (readonly string[])[];
  /** Add the row's post (and accounts) to the batch, or throw RecordIssue. */
  map(values: (string | undefined)[], record: CsvRecord, source: SourceRef, batch: BatchBuilder): void;
}

const ERROR_TEXT: Record<NonNullable<CsvRecord['error']>, string> = {
  unterminated_quote: 'a quoted field is not closed before the end of the file',
  stray_quote: 'text follows a closing quote (a quote inside a field must be doubled: "")',
  record_too_large: 'the row is over the record size limit; skipped',
  utf8_invalid: 'the row is not valid UTF-8',
};

/** Stream `file` as a CSV of the given spec, in IngestBatches. */
export async function* readCsvFormat(file: string, spec: CsvFormatSpec, options: ReadOptions = {}): AsyncGenerator<IngestBatch> {
  const batch = new BatchBuilder(spec.format, file, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const bom = await foreignBom(file);
  if (bom) {
    batch.bytesRead = (await stat(file)).size;
    batch.quarantine({ file, line: 1, offset: 0 }, 'utf8_invalid', foreignBomReason(bom));
    yield batch.take()!;
    return;
  }
  let headerChecked = false;
  let headerLength = 0;
  for await (const { header, records, bytesRead } of readCsv(file, { columns: spec.columns, maxRecordBytes: options.maxRecordBytes, text: true })) {
    if (!headerChecked) {
      headerChecked = true;
      const problem = checkHeader(file, header, spec, batch);
      if (problem) {
        batch.bytesRead = (await stat(file)).size;
        yield batch.take()!;
        return;
      }
      headerLength = header.length;
    }
    for (const rec of records) {
      const source: SourceRef = { file, line: rec.line, offset: rec.offset };
      if (rec.error) {
        const code = rec.error === 'record_too_large' || rec.error === 'utf8_invalid' ? rec.error : 'csv_malformed';
        batch.quarantine(source, code, ERROR_TEXT[rec.error], { raw: rec.bytes });
      } else if (rec.fieldCount !== headerLength) {
        batch.quarantine(source, 'csv_ragged', `the row has ${rec.fieldCount} fields, the header has ${headerLength}`, { raw: rec.bytes });
      } else {
        batch.attempt(source, rec.bytes, () => spec.map(rec.values, rec, source, batch));
      }
      if (batch.full) {
        batch.bytesRead = rec.offset + rec.bytes.length;
        yield batch.take()!;
      }
    }
    batch.bytesRead = bytesRead;
  }
  if (!headerChecked) {
    const { size } = await stat(file);
    batch.bytesRead = size;
    batch.quarantine({ file }, 'file_empty', size ? 'the file holds only blank lines, no header and no rows' : 'the file is empty (0 bytes), no header and no rows');
  }
  const last = batch.take();
  if (last) yield last;
}

/** Quarantine a header that cannot be read (wrong delimiter, missing columns); true if so. */
function checkHeader(file: string, header: readonly string[], spec: CsvFormatSpec, batch: BatchBuilder): boolean {
  const source: SourceRef = { file, line: 1, offset: 0 };
  const delimiter = suspectDelimiter(header);
  if (delimiter) {
    const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
    batch.quarantine(
      source,
      'delimiter_wrong',
      `the header has one column but contains ${name}: the file seems to use ${name} as its delimiter, and this format is comma-separated (RFC 4180). Convert it (e.g. with csvformat) and ingest again; no rows were read`,
      { raw: header[0] },
    );
    return true;
  }
  const missing = spec.required.filter((names) => !names.some((n) => header.includes(n))).map((names) => names[0]!);
  if (missing.length) {
    batch.quarantine(
      source,
      'field_missing',
      `the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; no rows were read`,
      { field: missing[0], raw: header.join(',') },
    );
    return true;
  }
  return false;
}
