import { describe, expect, it } from 'vitest';
import { PostColumns } from './columns.js';
import { runEngine } from './engine.js';
import { addCoActions, normalizeHashtag, normalizeText, normalizeUrl } from './extract.js';

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
  // Issue 8: the state-TV article pushed with and without `?utm_source=…` split into two objects.
  it('lands the tracking, scheme, www, slash, fragment and AMP variants of one article on one object', () => {
    const canonical = 'https://statetv.example/world/2026/10/vote-story';
    const variants = [
      'https://statetv.example/world/2026/10/vote-story',
      'http://statetv.example/world/2026/10/vote-story',
      'https://www.statetv.example/world/2026/10/vote-story/',
      'https://statetv.example/world/2026/10/vote-story?utm_source=telegram&utm_medium=social&utm_campaign=push4',
      'https://statetv.example/world/2026/10/vote-story?fbclid=IwAR2x&gclid=Cj0K&mc_cid=1&_gl=1*abc&si=xyz',
      'https://statetv.example/world/2026/10/vote-story#comments',
      'https://statetv.example/world/2026/10/vote-story/amp',
      'https://statetv.example/world/2026/10/vote-story/amp/',
      'https://statetv.example/amp/world/2026/10/vote-story',
      'https://statetv.example/world/2026/10/vote-story?amp=1',
      'https://statetv.example/world/2026/10/vote-story?amp',
      'https://statetv.example/world/2026/10/vote-story?outputType=amp',
      'https://amp.statetv.example/world/2026/10/vote-story',
      'https://statetv-example.cdn.ampproject.org/c/s/statetv.example/world/2026/10/vote-story/amp',
      'https://www-statetv-example.cdn.ampproject.org/v/s/www.statetv.example/world/2026/10/vote-story?amp_js_v=0.1&usqp=mq331AQ',
      'https://www.google.com/amp/s/www.statetv.example/world/2026/10/vote-story/amp',
      'statetv.example/world/2026/10/vote-story',
      'HTTPS://StateTV.Example:443/world/2026/10/vote-story',
    ];
    for (const v of variants) expect(normalizeUrl(v), v).toBe(canonical);
    expect(normalizeUrl('https://statetv.example/world/2026/10/vote-story.amp.html')).toBe('https://statetv.example/world/2026/10/vote-story.html');
  });
  it('keeps what tells two pages apart', () => {
    expect(normalizeUrl('https://news.example/a?b=2&a=1')).toBe('https://news.example/a?a=1&b=2');
    expect(normalizeUrl('https://news.example/a?page=2')).not.toBe(normalizeUrl('https://news.example/a'));
    expect(normalizeUrl('https://news.example/ampere')).toBe('https://news.example/ampere');
    expect(normalizeUrl('https://news.example/a?amp=0')).toBe('https://news.example/a?amp=0');
    expect(normalizeUrl('https://news.example:8080/a')).toBe('https://news.example:8080/a');
    expect(normalizeUrl('https://www.example/a')).toBe('https://www.example/a');
    expect(normalizeUrl('https://t.co/AbC123')).toBe('https://t.co/AbC123');
    expect(normalizeUrl('https://other.example/amp/s/news.example/a')).toBe('https://other.example/s/news.example/a');
    expect(normalizeUrl('tg://resolve?domain=channel')).toBe('tg://resolve?domain=channel');
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

describe('co-link objects in the engine', () => {
  // Issue 8: 21 accounts pushed one state-TV article in the same minute on four days; a few added
  // ?utm_source=… and the variants split the URL. Here three accounts, three variants, two days.
  const variants = ['https://statetv.example/a/story', 'https://www.statetv.example/a/story/?utm_source=tg', 'https://statetv.example/a/story/amp'];
  const fill = (opts: Parameters<typeof addCoActions>[3]): PostColumns => {
    const cols = new PostColumns(['link', 'hashtag']);
    for (const day of [0, 1]) {
      variants.forEach((url, i) => {
        const p = cols.addPost(`p${day}${i}`, `acct${i}`, Date.UTC(2026, 9, 1 + day, 12, 0, i * 10));
        addCoActions(cols, p, { urls: [url], hashtags: ['Vote', 'vote'], mentions: [] }, opts);
      });
    }
    return cols;
  };
  it('normalised (the default, as in analyze), the variants are one object and link all three accounts', () => {
    const r = runEngine(fill({}), { kinds: ['link'], threshold: { minWeight: 1 } });
    expect(r.kinds[0]!.objects.values).toEqual(['https://statetv.example/a/story']);
    expect([...r.kinds[0]!.edges.weight]).toEqual([2, 2, 2]);
  });
  it('as written (vigil coordination, as CooRTweet was fed), they are three objects and link nobody', () => {
    const r = runEngine(fill({ urls: 'as-written' }), { kinds: ['link'], threshold: { minWeight: 1 } });
    expect(r.kinds[0]!.objects.size).toBe(3);
    expect(r.kinds[0]!.edges.a).toHaveLength(0);
  });
  it('counts a tag listed twice (in any case) as two rows unless distinctHashtags', () => {
    expect(fill({}).tables.get('hashtag')!.rows).toBe(12);
    expect(fill({ distinctHashtags: true }).tables.get('hashtag')!.rows).toBe(6);
    // Two rows per post: each pair of posts co-acts 2 × 2 times.
    expect([...runEngine(fill({}), { kinds: ['hashtag'], threshold: { minWeight: 1 } }).kinds[0]!.edges.weight]).toEqual([8, 8, 8]);
  });
});
