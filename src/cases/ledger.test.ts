import { describe, expect, it } from 'vitest';
import { makeFinding, makePost } from '../../test/builders/records.js';
import { sha256 } from '../util/hash.js';
import { canonicalJson, entryHash, fieldHash, findingRecord, leafData, postFields } from './ledger.js';

describe('ledger records', () => {
  it('writes canonical JSON: JSON.stringify with keys sorted at every depth', () => {
    const value = { b: [3, { z: 1, a: null }, undefined, 'x'], a: { d: 'é"\n', c: 1.5e-7 }, u: undefined, n: -0, big: 1e21 };
    expect(canonicalJson(value)).toBe('{"a":{"c":1.5e-7,"d":"é\\"\\n"},"b":[3,{"a":null,"z":1},null,"x"],"big":1e+21,"n":0}');
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    // PostgreSQL's jsonb gives keys back in its own order: the hash must not change.
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
    expect(canonicalJson(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
  });

  it('hashes every post field but raw, and notices a field that appears', () => {
    const post = makePost({ text: 'fictional', urls: ['https://example.org/a'] });
    const fields = postFields(post);
    expect(Object.keys(fields)).toEqual(['authorHandle', 'authorId', 'contentHash', 'createdAt', 'hashtags', 'id', 'mentions', 'platform', 'source', 'text', 'urls']);
    expect(fields.text).toBe(fieldHash('fictional'));
    expect(postFields({ ...post, raw: 'other' })).toEqual(fields);
    expect(postFields({ ...post, repostOf: '9' })).toHaveProperty('repostOf');
  });

  it('hashes a finding the same whatever its key order, and differently when a field changes', () => {
    const f = makeFinding({ detail: { b: 1, a: 2 } });
    const reordered = JSON.parse(JSON.stringify({ ...f, detail: { a: 2, b: 1 } })) as typeof f;
    expect(findingRecord(reordered)).toEqual(findingRecord(f));
    expect(findingRecord({ ...f, score: 0.1 }).sha256).not.toBe(findingRecord(f).sha256);
  });

  it('keeps the chain hash of entries without field hashes as before, and covers field hashes when present', () => {
    const body = { seq: 1, ref: 'x:1', kind: 'post' as const, source: { file: 'a.jsonl', line: 1 }, capturedAt: '2022-11-01T00:00:00.000Z', sha256: 'ab', prevHash: '0'.repeat(64) };
    // The hash a Vigil before ledger v2 wrote for this entry: older stores still verify.
    const before = sha256(JSON.stringify([1, 'x:1', 'post', 'a.jsonl', 1, null, null, '2022-11-01T00:00:00.000Z', 'ab', '0'.repeat(64)]));
    expect(entryHash(body)).toBe(before);
    expect(entryHash({ ...body, fields: { text: 'h1' } })).not.toBe(entryHash(body));
    expect(entryHash({ ...body, fields: { text: 'h1' } })).not.toBe(entryHash({ ...body, fields: { text: 'h2' } }));
    expect(leafData({ ...body, fields: { text: 'h1' } })).not.toBe(leafData(body));
  });
});
