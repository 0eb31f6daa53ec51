import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { streamJsonArrays, type JsonStreamItem } from './json-stream.js';
import { fixture, tempFile } from './test-helpers.js';

async function all(path: string, options: { chunkBytes?: number; maxRecordBytes?: number } = {}): Promise<JsonStreamItem[]> {
  const out: JsonStreamItem[] = [];
  for await (const items of streamJsonArrays(path, { arrayKey: 'messages', ...options })) out.push(...items);
  return out;
}

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 2 || r < 0.3) return ['a"b\\c', 'é😀', '', '{[,]}:', 'messages'][Math.floor(rand() * 5)];
  if (r < 0.45) return [-1.5e3, 0, 42, true, false, null][Math.floor(rand() * 6)];
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}`, randomValue(rand, depth + 1)]));
}

describe('streamJsonArrays', () => {
  it('agrees with JSON.parse on the Telegram fixtures at every chunk size', async () => {
    for (const name of ['result.json', 'saved.json', 'public_channel.json', 'personal.json']) {
      const path = fixture('telegram', name);
      const doc = JSON.parse(readFileSync(path, 'utf8'));
      for (const chunkBytes of [1, 7, 256, 1 << 20]) {
        const items = await all(path, { chunkBytes });
        expect(items.map((i) => ('value' in i ? i.value : i.code))).toEqual(doc.messages);
        for (const i of items) if ('value' in i) expect(i.parent).toEqual({ ...(doc.name !== undefined ? { name: doc.name } : {}), type: doc.type, id: doc.id });
      }
    }
  });

  it('agrees with JSON.parse on seeded random documents, compact and indented', async () => {
    const rand = rng(7);
    for (let round = 0; round < 40; round++) {
      const messages = Array.from({ length: Math.floor(rand() * 6) }, () => randomValue(rand, 0));
      const doc = { id: round, name: 'x"y', nested: { messages: 'not an array' }, messages, after: 1 };
      const path = tempFile('r.json', JSON.stringify(doc, null, round % 2 ? 1 : undefined));
      for (const chunkBytes of [1, 3, 64]) {
        const items = await all(path, { chunkBytes });
        expect(items.map((i) => ('value' in i ? i.value : i.code))).toEqual(messages);
        for (const i of items) if ('value' in i) expect(i.parent).toEqual({ id: round, name: 'x"y' });
      }
    }
  });

  it('finds messages arrays of every chat in a full account export', async () => {
    const chat = (id: number) => ({ name: `c${id}`, type: 'private_group', id, messages: [{ id: 1, text: 'x' }, { id: 2, text: 'y' }] });
    const doc = { about: 'export', personal_information: { first_name: 'A' }, chats: { about: 'chats', list: [chat(10), chat(11)] }, left_chats: { list: [chat(12)] } };
    const items = await all(tempFile('full.json', JSON.stringify(doc, null, 1)));
    expect(items.map((i) => 'value' in i && [i.parent.id, (i.value as { id: number }).id])).toEqual([[10, 1], [10, 2], [11, 1], [11, 2], [12, 1], [12, 2]]);
  });

  it('reports an oversized element, keeps the next one, and reports a truncated document', async () => {
    const doc = JSON.stringify({ id: 1, messages: [{ id: 1, text: 'x'.repeat(10_000) }, { id: 2, text: 'ok' }] }, null, 1);
    for (const chunkBytes of [512, 1 << 20]) {
      const items = await all(tempFile('big.json', doc.slice(0, -3)), { maxRecordBytes: 1000, chunkBytes });
      expect(items.map((i) => ('value' in i ? (i.value as { id: number }).id : i.code))).toEqual(['record_too_large', 2, 'json_malformed']);
      const big = items[0]!;
      expect('excerpt' in big && big.excerpt!.length).toBe(2048);
      expect(big.line).toBe(4);
      expect('detail' in big && big.detail).toMatch(/is 100\d\d bytes, over the 1000-byte record limit/);
    }
  });
});
