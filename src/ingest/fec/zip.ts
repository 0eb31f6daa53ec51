/**
 * A small ZIP reader: lists the central directory (ZIP64 included, since `indiv24.zip` holds an
 * 11 GB member) and streams one member through zlib without unpacking to disk.
 * Format: PKWARE APPNOTE.TXT 6.3 (§4.3.7 local header, §4.3.12 central directory, §4.3.14–16 ZIP64).
 * Member names are untrusted: they are only compared and printed (escaped), never used as paths.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { IngestFormatError } from '../../errors.js';
import { safeTerminal } from '../../util/escape.js';

/** One member of a ZIP archive, from the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; others are refused when opened. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
const MAX_CD_BYTES = 64 * 1024 * 1024;

/** True when the file starts with a ZIP local-header or empty-archive signature. */
export async function isZipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead < 4) return false;
    const sig = head.readUInt32LE(0);
    return sig === LFH_SIG || sig === EOCD_SIG;
  } finally {
    await fh.close();
  }
}

/** The members of a ZIP file, in central-directory order. Throws IngestFormatError on a damaged archive. */
export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const tailLen = Math.min(fileSize, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, fileSize - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new IngestFormatError(`fec: ${path}: not a ZIP archive (no end-of-central-directory record)`);
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR_SIG) {
        throw new IngestFormatError(`fec: ${path}: ZIP64 archive without a ZIP64 locator`);
      }
      const z64Offset = Number(tail.readBigUInt64LE(loc + 8));
      const z64 = Buffer.alloc(56);
      await fh.read(z64, 0, 56, z64Offset);
      if (z64.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw new IngestFormatError(`fec: ${path}: bad ZIP64 end record`);
      count = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    if (cdSize > MAX_CD_BYTES || cdOffset + cdSize > fileSize) {
      throw new IngestFormatError(`fec: ${path}: central directory out of bounds`);
    }
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG) {
        throw new IngestFormatError(`fec: ${path}: damaged central directory at entry ${n + 1}`);
      }
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let size = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      // Bit 11: UTF-8 name; otherwise CP437, which for the ASCII names FEC uses reads the same as Latin-1.
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      // Lengths are untrusted: a record must fit in the directory, and each extra field in the record.
      if (extraEnd + commentLen > cd.length) {
        throw new IngestFormatError(`fec: ${path}: damaged central directory at entry ${n + 1} (record runs past its end)`);
      }
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (e + 4 + len > extraEnd) throw new IngestFormatError(`fec: ${path}: damaged extra field in entry ${n + 1}`);
        if (id === 0x0001) {
          const wanted = 8 * [size, compressedSize, localHeaderOffset].filter((v) => v === 0xffffffff).length;
          if (len < wanted) throw new IngestFormatError(`fec: ${path}: short ZIP64 field in entry ${n + 1}`);
          let q = e + 4;
          if (size === 0xffffffff) (size = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (compressedSize === 0xffffffff) (compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, method, compressedSize, size, localHeaderOffset, encrypted: (flags & 1) === 1 });
      p = extraEnd + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Stream the uncompressed bytes of one member. */
export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.encrypted) throw new IngestFormatError(`fec: ${path}: member ${memberName(entry)} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new IngestFormatError(`fec: ${path}: member ${memberName(entry)} uses unsupported compression ${entry.method}`);
  }
  const fh = await open(path, 'r');
  let dataStart: number;
  let fileSize: number;
  try {
    fileSize = (await fh.stat()).size;
    const lfh = Buffer.alloc(30);
    await fh.read(lfh, 0, 30, entry.localHeaderOffset);
    if (lfh.readUInt32LE(0) !== LFH_SIG) {
      throw new IngestFormatError(`fec: ${path}: bad local header for member ${memberName(entry)}`);
    }
    dataStart = entry.localHeaderOffset + 30 + lfh.readUInt16LE(26) + lfh.readUInt16LE(28);
  } finally {
    await fh.close();
  }
  if (dataStart + entry.compressedSize > fileSize) {
    throw new IngestFormatError(`fec: ${path}: member ${memberName(entry)} runs past the end of the archive`);
  }
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = createReadStream(path, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
    highWaterMark: 1 << 20,
  });
  if (entry.method === 0) return raw;
  const inflate = createInflateRaw({ chunkSize: 1 << 20 });
  const limited = sizeLimit(entry.size, () => new IngestFormatError(`fec: ${path}: member ${memberName(entry)} inflates past its declared ${entry.size} bytes`));
  // pipe() does not pass errors on: forward them so the reader sees a damaged member.
  raw.on('error', (err) => limited.destroy(err));
  inflate.on('error', (err) => limited.destroy(err));
  limited.on('close', () => raw.destroy());
  return raw.pipe(inflate).pipe(limited);
}

/** A member name for messages: quoted, cut, control codes escaped (names are untrusted). */
function memberName(entry: ZipEntry): string {
  return `"${safeTerminal(entry.name, 200)}"`;
}

/** Pass bytes through, failing once more than `limit` have passed (a zip bomb, or a lying header). */
function sizeLimit(limit: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(error());
      else done(null, chunk);
    },
  });
}
