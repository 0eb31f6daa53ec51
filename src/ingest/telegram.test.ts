import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collect } from './registry.js';
import { TELEGRAM } from './telegram.js';
import { fixture, tempFile } from './test-helpers.js';

describe('telegram: real Desktop exports (test/fixtures/telegram, from tg2md and telegram-chat-parser)', () => {
  it('result.json: messages become posts with chat/message ids, service messages are skipped (not posts)', async () => {
    const path = fixture('telegram', 'result.json');
    const chat = JSON.parse(readFileSync(path, 'utf8'));
    const r = await collect(TELEGRAM.read(path));
    const messages = chat.messages.filter((m: { type: string }) => m.type === 'message');
    expect(r.read).toBe(chat.messages.length);
    expect(r.posts.map((p) => p.id)).toEqual(messages.map((m: { id: number }) => `${chat.id}/${m.id}`));
    expect(r.quarantined).toEqual([]);
    expect(r.skipped).toBe(chat.messages.length - messages.length);
    const formatted = r.posts.find((p) => p.id === `${chat.id}/5`)!;
    expect(formatted.text).toBe('italic\n\nbold\n\nunderline\n\nstrikethrough\n\nmonospace');
    expect(formatted.authorId).toBe('channel1292077344');
    expect(formatted.createdAt).toBe('2020-11-12T12:58:18.000Z');
    // Each post points at the line where its message object starts; raw is that object as written.
    const bytes = readFileSync(path);
    const lines = bytes.toString('utf8').split('\n');
    for (const p of r.posts) {
      expect(lines[p.source.line! - 1]!.trim()).toBe('{');
      expect(lines[p.source.line!]).toBe(`   "id": ${p.id.split('/')[1]},`);
      expect(bytes.subarray(p.source.offset!, p.source.offset! + Buffer.byteLength(p.raw)).toString('utf8')).toBe(p.raw);
      expect(JSON.parse(p.raw).id).toBe(Number(p.id.split('/')[1]));
    }
  });

  it('saved.json: integer from_id (older exports), links and entities', async () => {
    const r = await collect(TELEGRAM.read(fixture('telegram', 'saved.json')));
    expect(r.posts.length).toBeGreaterThan(10);
    expect(r.posts[0]!.authorId).toBe('9999999999'); // an integer in the file, a string here
    const link = r.posts.find((p) => p.id.endsWith('/176169'))!;
    expect(link.urls).toEqual(['http://mystery.knightlab.com/']);
    expect(link.text).toBe('Learning SQL by solving an SQL murder mystery\nhttp://mystery.knightlab.com/');
    expect(r.posts.find((p) => p.id.endsWith('/225569'))!.mentions).toEqual(['farsisticker']);
  });
});

describe('telegram: newer export fields (fictional channel)', () => {
  it('prefers date_unixtime and text_entities; hashtags, mentions, text links, replies', async () => {
    const chat = {
      name: 'Canal Ejemplo Oficial', type: 'public_channel', id: 1500000001,
      messages: [
        { id: 4021, type: 'message', date: '2022-10-20T08:10:00', date_unixtime: '1666275000', from: 'Canal Ejemplo Oficial', from_id: 'channel1500000001', forwarded_from: 'Jefe de Estado X',
          text: ['Compartan: ', { type: 'hashtag', text: '#Distrito99' }, ' ', { type: 'text_link', text: 'aquí', href: 'https://example.org/post' }],
          text_entities: [{ type: 'plain', text: 'Compartan: ' }, { type: 'hashtag', text: '#Distrito99' }, { type: 'plain', text: ' ' }, { type: 'text_link', text: 'aquí', href: 'https://example.org/post' }, { type: 'plain', text: ' ' }, { type: 'mention', text: '@rep_ejemplo' }] },
        { id: 4022, type: 'message', date: '2022-10-20T08:11:00', from_id: 'user77', reply_to_message_id: 4021, text: 'sí' },
        { id: 4023, type: 'message', date_unixtime: 'ayer', from_id: 'user77', text: 'x' },
      ],
    };
    const r = await collect(TELEGRAM.read(tempFile('result.json', JSON.stringify(chat, null, 1))));
    expect(r.posts[0]).toMatchObject({
      id: '1500000001/4021', createdAt: '2022-10-20T14:10:00.000Z', text: 'Compartan: #Distrito99 aquí @rep_ejemplo',
      hashtags: ['Distrito99'], mentions: ['rep_ejemplo'], urls: ['https://example.org/post'], authorId: 'channel1500000001',
    });
    expect(r.posts[1]).toMatchObject({ replyTo: '1500000001/4021', createdAt: '2022-10-20T08:11:00.000Z' });
    expect(r.quarantined.map((q) => [q.code, q.field])).toEqual([['timestamp_invalid', 'date_unixtime']]);
  });
});
