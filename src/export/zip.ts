import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * A ZIP archive of several export files, handed over as one download (the dashboard's CSV button).
 * Entries are deflated by fflate; names are stored as UTF-8.
 */
export function zipFiles(files: { name: string; content: string | Buffer }[], modified = new Date()): Buffer {
  const entries: Zippable = {};
  for (const f of files) entries[f.name] = [typeof f.content === 'string' ? strToU8(f.content) : new Uint8Array(f.content), { mtime: modified }];
  return Buffer.from(zipSync(entries));
}
