/**
 * Strict timestamp parsing for ingest. Every format normalizes its time to ISO 8601 UTC with
 * milliseconds (`2022-10-20T14:03:11.000Z`), and rejects values that are not real calendar times
 * (`2022-13-45`, hour 25) instead of letting `Date` roll them over.
 */

/** Options of parseTimestamp. */
export interface TimeOptions {
  /** Accept a value without `Z` or offset and read it as UTC (IO archives document UTC without a zone). */
  assumeUtc?: boolean;
}

// Bounded: fixed-width fields, at most 20 fraction digits (cut to milliseconds), nothing else.
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,20}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const MIN_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Parse an ISO 8601 date-time (`T` or space separator; minutes, seconds or fractions; `Z` or an
 * offset) into `toISOString()` form, or return undefined when it is not a valid time.
 * A value without a time of day (`2022-10-20`) or without a zone is accepted only with `assumeUtc`.
 *
 * @example parseTimestamp('2019-01-23 14:05', { assumeUtc: true }) // '2019-01-23T14:05:00.000Z'
 */
export function parseTimestamp(value: string, options: TimeOptions = {}): string | undefined {
  // Archives are mostly in time order with minute precision: consecutive rows repeat the same value.
  const assumeUtc = options.assumeUtc === true;
  if (value === memo.value && assumeUtc === memo.assumeUtc) return memo.result;
  const fast = fastPath(value, options);
  const result = fast ?? parseGeneral(value, options);
  memo.value = value;
  memo.assumeUtc = assumeUtc;
  memo.result = result;
  return result;
}

const memo: { value: string | undefined; assumeUtc: boolean; result: string | undefined } = { value: undefined, assumeUtc: false, result: undefined };

function parseGeneral(value: string, options: TimeOptions): string | undefined {
  if (value.length > 60) return undefined;
  const m = ISO_RE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if ((!zone || h === undefined) && !options.assumeUtc) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Not Date.UTC(year, …): it reads years 0..99 as 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const t = date.getTime() - offsetMinutes * 60_000;
  // Years 1..9999 only, so that every result has the `YYYY-MM-DDTHH:MM:SS.sssZ` shape.
  if (!(t >= MIN_TIME && t <= MAX_TIME)) return undefined;
  return new Date(t).toISOString();
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The shapes that millions of rows use, without regex or Date: IO archive `YYYY-MM-DD HH:MM`
 * (with assumeUtc), X `YYYY-MM-DDTHH:MM:SS.sssZ` and `YYYY-MM-DDTHH:MM:SSZ`. Undefined means "use the general parser"
 * (which also rejects what is invalid).
 */
function fastPath(s: string, options: TimeOptions): string | undefined {
  const len = s.length;
  if ((len !== 16 && len !== 20 && len !== 24) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  const hour = digits(s, 11, 13);
  const minute = digits(s, 14, 16);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return undefined;
  }
  if (len === 16 && options.assumeUtc && s.charCodeAt(10) === 32) return `${s.slice(0, 10)}T${s.slice(11)}:00.000Z`;
  if (len === 24 && s.charCodeAt(10) === 84 && s.charCodeAt(16) === 58 && s.charCodeAt(19) === 46 && s.charCodeAt(23) === 90) {
    const second = digits(s, 17, 19);
    if (second >= 0 && second <= 59 && digits(s, 20, 23) >= 0) return s;
  }
  if (len === 20 && s.charCodeAt(10) === 84 && s.charCodeAt(16) === 58 && s.charCodeAt(19) === 90) {
    const second = digits(s, 17, 19);
    if (second >= 0 && second <= 59) return `${s.slice(0, 19)}.000Z`;
  }
  return undefined;
}

/**
 * Seconds since the epoch (a decimal string or number, as Telegram's `date_unixtime`) to ISO UTC.
 * Only for formats that document epoch seconds.
 */
export function parseEpochSeconds(value: string | number): string | undefined {
  const s = typeof value === 'number' ? String(value) : value.trim();
  if (!/^\d{1,12}$/.test(s)) return undefined;
  const t = Number(s) * 1000;
  return t <= MAX_TIME ? new Date(t).toISOString() : undefined;
}

/** `YYYY-MM-DD` or the spreadsheet-mangled `M/D/YYYY` (account creation dates in IO archives). */
export function parseLooseDate(value: string): string | undefined {
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const year = digits(value, 0, 4);
    const month = digits(value, 5, 7);
    const day = digits(value, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
    return `${value}T00:00:00.000Z`;
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (us) {
    return parseTimestamp(`${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`, { assumeUtc: true });
  }
  return parseTimestamp(value, { assumeUtc: true });
}
