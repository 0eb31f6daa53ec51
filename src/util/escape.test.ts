import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, escapeHtml, safeTerminal } from './escape.js';

describe('escapeHtml', () => {
  it('makes markup inert', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml("a & b ' `")).toBe('a &amp; b &#39; &#96;');
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")'],
    ['+1+1'],
    ['-2+3'],
    ['@SUM(A1)'],
    ['\t=1'],
    ['\r=1'],
    ['  =1+1'],
    ['\u0000=1'],
    ['＝1+1'],
  ])('neutralises a formula start: %j', (value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted.startsWith("'")).toBe(true);
  });

  it('quotes separators and keeps plain text and numbers as they are', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nbye')).toBe('"say ""hi""\nbye"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, '=x'])).toBe("a,1,'=x");
  });
});

describe('safeTerminal', () => {
  it('shows control and bidi characters instead of sending them', () => {
    expect(safeTerminal('\x1b[31mred\x1b[0m\u202e')).toBe('\\u001b[31mred\\u001b[0m\\u202e');
    expect(safeTerminal('a\nb')).toBe('a\\nb');
    expect(safeTerminal('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
  });

  it('shows Unicode line separators and bidi isolates, which can forge or reorder log lines', () => {
    expect(safeTerminal('d\u2028e\u2029f\u2067g')).toBe('d\\u2028e\\u2029f\\u2067g');
    expect(safeTerminal('\u05e9\u200f!')).toBe('\u05e9\u200f!'); // RLM in right-to-left text passes
    expect(safeTerminal('Sylvania \u00e9 \u05e9\u05dc\u05d5\u05dd')).toBe('Sylvania \u00e9 \u05e9\u05dc\u05d5\u05dd'); // letters pass
  });
});
