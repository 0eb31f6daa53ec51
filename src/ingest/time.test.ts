import { describe, expect, it } from 'vitest';
import { parseEpochSeconds, parseLooseDate, parseTimestamp } from './time.js';

describe('parseTimestamp', () => {
  it('normalizes valid ISO 8601 times to UTC with milliseconds', () => {
    expect(parseTimestamp('2022-10-20T14:03:11.000Z')).toBe('2022-10-20T14:03:11.000Z');
    expect(parseTimestamp('2022-10-20T16:03:11+02:00')).toBe('2022-10-20T14:03:11.000Z');
    expect(parseTimestamp('2022-10-20T09:03:11.5-0500')).toBe('2022-10-20T14:03:11.500Z');
    expect(parseTimestamp('2022-10-20T14:03:11.123456Z')).toBe('2022-10-20T14:03:11.123Z');
    expect(parseTimestamp('2021-04-07 20:50:54+00:00')).toBe('2021-04-07T20:50:54.000Z');
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(parseTimestamp('2022-10-20T14:04:02Z')).toBe('2022-10-20T14:04:02.000Z');
  });

  it('accepts IO-archive minute precision without zone only with assumeUtc', () => {
    expect(parseTimestamp('2019-01-23 14:05', { assumeUtc: true })).toBe('2019-01-23T14:05:00.000Z');
    expect(parseTimestamp('2019-01-23 14:05')).toBeUndefined();
    expect(parseTimestamp('2019-01-23T14:05:07', { assumeUtc: true })).toBe('2019-01-23T14:05:07.000Z');
  });

  it('rejects impossible and non-ISO values instead of rolling them over', () => {
    for (const bad of ['2022-13-45', '2022-13-45T00:00:00Z', '2023-02-29T00:00:00Z', '2022-10-20T25:00:00Z', '2022-10-20T23:60:00Z',
      '2022-10-20T23:59:60Z', 'yesterday', '', '1666274591', 'Sun Mar 26 19:17:08 +0000 2006', '2022-10-20T14:03:11.000Z junk',
      '2022-00-10T00:00:00Z', '2022-10-20T14:03:11+24:00']) {
      expect(parseTimestamp(bad, { assumeUtc: true }), bad).toBeUndefined();
    }
    expect(parseTimestamp('2022-13-45 14:10', { assumeUtc: true })).toBeUndefined();
    expect(parseTimestamp('0000-01-01T00:00:00+01:00')).toBeUndefined(); // would fall in year -1
  });

  it('keeps years below 100 as written and cuts long fractions to milliseconds', () => {
    expect(parseTimestamp('0050-03-01T00:00:00Z')).toBe('0050-03-01T00:00:00.000Z');
    expect(parseTimestamp('1985-04-12T23:20:50.123456789012Z')).toBe('1985-04-12T23:20:50.123Z');
  });
});

describe('parseLooseDate and parseEpochSeconds', () => {
  it('reads YYYY-MM-DD and spreadsheet M/D/YYYY dates', () => {
    expect(parseLooseDate('2015-03-07')).toBe('2015-03-07T00:00:00.000Z');
    expect(parseLooseDate('3/7/2015')).toBe('2015-03-07T00:00:00.000Z');
    expect(parseLooseDate('2015-02-30')).toBeUndefined();
  });
  it('reads epoch seconds given as a string', () => {
    expect(parseEpochSeconds('1666275000')).toBe('2022-10-20T14:10:00.000Z');
    expect(parseEpochSeconds('16662750.5')).toBeUndefined();
  });
});
