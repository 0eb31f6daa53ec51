/**
 * Windows-1252 decoding for the FEC pipe files. Node's TextDecoder maps the `windows-1252` label to
 * plain Latin-1 unless built with full ICU, which turns 0x80–0x9F into C1 controls; real FEC text
 * uses those bytes for curly quotes, dashes and the euro sign, so we map them ourselves.
 */

/** Code points of bytes 0x80–0x9F in Windows-1252 (undefined bytes keep their Latin-1 value). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Decode bytes `[start, end)` of `buf` as Windows-1252.
 * @example decodeCp1252(Buffer.from([0x93, 0x41, 0x94])) // '“A”'
 */
export function decodeCp1252(buf: Uint8Array, start = 0, end = buf.length): string {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const latin1 = b.toString('latin1', start, end);
  // Fast path: no byte in 0x80–0x9F, so Latin-1 is already right.
  if (!/[\x80-\x9f]/.test(latin1)) return latin1;
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}
