/**
 * Turn the paths a user gives (files, FEC zips, directories) into readable FEC sources, each with
 * its kind. A zip is read in place: each member is streamed through zlib, nothing is unpacked to disk.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { IngestFormatError } from '../../errors.js';
import type { QuarantineEntry } from '../../model/types.js';
import { safeTerminal } from '../../util/escape.js';
import { kindFromName, type FecKind } from './columns.js';
import { isZipFile, listZipEntries, openZipEntry, type ZipEntry } from './zip.js';

/** One readable FEC input: a plain file or one member of a zip. */
export interface FecSource {
  /** Name used in messages, findings and quarantine: the path, or `path!member` for a zip member. */
  file: string;
  path: string;
  member?: ZipEntry;
  kind: FecKind;
  /** Uncompressed size in bytes (for progress). */
  size: number;
  /** Whether byte ranges can be read directly (plain files only). */
  splittable: boolean;
  /** Open the bytes; a byte range `[start, end)` is allowed only when splittable. */
  open(range?: { start: number; end: number }): Promise<Readable>;
}

export interface ExpandResult {
  sources: FecSource[];
  /** Inputs that were not read: unexpected zip members, unknown files in a directory. */
  skipped: QuarantineEntry[];
  /** Notes for the log (for example by_date parts not read because the whole file is present). */
  notes: string[];
}

function plainSource(path: string, kind: FecKind, size: number): FecSource {
  return {
    file: path,
    path,
    kind,
    size,
    splittable: true,
    open: async (range) =>
      createReadStream(path, {
        highWaterMark: 1 << 20,
        ...(range ? { start: range.start, end: Math.max(range.start, range.end) - 1 } : {}),
      }),
  };
}

async function zipSources(path: string, kindHint: FecKind | undefined, out: ExpandResult): Promise<void> {
  const entries = await listZipEntries(path);
  const known = entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => ({ e, kind: kindFromName(e.name) }));
  // A large indiv zip carries itcont.txt and a by_date/ breakdown of the same rows: read one, never both.
  const hasWhole = known.some((k) => k.kind === 'itcont' && !k.e.name.includes('/'));
  for (const { e, kind } of known) {
    const unsafe = e.name.startsWith('/') || e.name.split(/[\\/]/).includes('..');
    const isByDate = kind === 'itcont' && e.name.includes('/');
    if (isByDate && hasWhole) {
      out.notes.push(`fec: ${path}: skipped ${safeTerminal(e.name, 100)} (by_date part; itcont.txt in the same zip holds these rows)`);
      continue;
    }
    if (!kind || unsafe || (kindHint && kind !== kindHint && !(kindHint === 'itcont' && isByDate))) {
      out.skipped.push({
        source: { file: `${path}!${e.name.slice(0, 200)}` },
        code: 'zip_member_unexpected',
        reason: `fec: ${path}: unexpected member ${JSON.stringify(e.name.slice(0, 200))} (expected ${kindHint ?? 'an FEC bulk file'}); not read`,
      });
      continue;
    }
    const file = `${path}!${e.name}`;
    out.sources.push({
      file,
      path,
      member: e,
      kind,
      size: e.size,
      splittable: false,
      open: async (range) => {
        if (range) throw new IngestFormatError(`fec: ${file}: a zip member cannot be read by byte range`);
        return openZipEntry(path, e);
      },
    });
  }
}

/**
 * Expand user inputs. Directories are listed one level deep; files whose kind cannot be told from
 * the name are reported in `skipped` (a directory) or raise IngestFormatError (named explicitly).
 * `kindOverride` gives the kind of explicitly named plain files whose name does not tell it
 * (e.g. a renamed itcont extract).
 */
export async function expandFecInputs(paths: string[], kindOverride?: FecKind): Promise<ExpandResult> {
  const out: ExpandResult = { sources: [], skipped: [], notes: [] };
  for (const path of paths) {
    let st;
    try {
      st = await stat(path);
    } catch (err) {
      throw new IngestFormatError(`fec: cannot read input ${path}: ${(err as Error).message}`, { cause: err });
    }
    const files: { path: string; explicit: boolean }[] = st.isDirectory()
      ? (await readdir(path)).sort().map((n) => ({ path: join(path, n), explicit: false }))
      : [{ path, explicit: true }];
    for (const f of files) {
      const fst = await stat(f.path);
      if (!fst.isFile()) continue;
      const kind = kindFromName(f.path) ?? (f.explicit ? kindOverride : undefined);
      if (f.path.toLowerCase().endsWith('.zip') || (await isZipFile(f.path))) {
        try {
          await zipSources(f.path, kindFromName(f.path), out);
        } catch (err) {
          if (!(err instanceof IngestFormatError)) throw err;
          // A damaged archive is one bad input: say so and go on with the others.
          out.skipped.push({ source: { file: f.path }, code: 'zip_unreadable', reason: err.message });
        }
      } else if (kind) {
        out.sources.push(plainSource(f.path, kind, fst.size));
      } else if (f.explicit) {
        throw new IngestFormatError(`fec: cannot tell the FEC file kind of ${f.path} from its name; use --kind`);
      } else {
        out.notes.push(`fec: ${safeTerminal(f.path, 200)}: not an FEC bulk file name; skipped`);
      }
    }
  }
  return out;
}
