import { describe, expect, it } from 'vitest';
import { normalizeHashtag, normalizeText, normalizeUrl } from './extract.js';

describe('normalizeUrl', () => {
  it('folds scheme and host case, trailing slash, fragment and tracking parameters', () => {
    expect(normalizeUrl('HTTPS://News.Example/a/?utm_source=x&id=3#top')).toBe('https://news.example/a?id=3');
    expect(normalizeUrl('https://news.example/a')).toBe('https://news.example/a');
    expect(normalizeUrl('https://news.example/a/?fbclid=IwAR0&gclid=1&utm_medium=s')).toBe('https://news.example/a');
    expect(normalizeUrl('https://news.example/')).toBe('https://news.example');
  });
  it('keeps parameters that identify content, and the path case', () => {
    expect(normalizeUrl('https://news.example/Story?id=7')).toBe('https://news.example/Story?id=7');
    expect(normalizeUrl('https://news.example/Story?id=7')).not.toBe(normalizeUrl('https://news.example/Story?id=8'));
  });
  it('gives no object for an empty URL (the toolkit bug pairs every link-less post)', () => {
    expect(normalizeUrl('')).toBeUndefined();
    expect(normalizeUrl('   ')).toBeUndefined();
  });
  it('bounds hostile input', () => {
    expect(normalizeUrl(`https://x.example/${'a'.repeat(100_000)}`)!.length).toBeLessThanOrEqual(2048);
  });
});

describe('normalizeHashtag / normalizeText', () => {
  it('case-folds hashtags and drops #', () => {
    expect(normalizeHashtag('#QuillOut')).toBe(normalizeHashtag('quillout'));
  });
  it('drops the RT prefix, links and mentions before folding', () => {
    expect(normalizeText('RT @someone: Vote NOW for Dana! https://t.example/x @other')).toBe('vote now for dana');
  });
});
