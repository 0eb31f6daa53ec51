import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';

const watch = fileURLToPath(new URL('../fixtures/eval/watchlist.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vigil-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c) => (text += c));
  return { stream, text: () => text };
}

async function run(argv: string[]) {
  const out = capture();
  const err = capture();
  const code = await runCli(argv, { stdout: out.stream, stderr: err.stream, isTTY: false });
  return { code, stdout: out.text(), stderr: err.text() };
}

const row = (o: Record<string, unknown>) => JSON.stringify({ platform: 'x', author_handle: 'someone', created_at: '2026-10-01T12:00:00Z', ...o });

describe('vigil classify', () => {
  it('writes one JSON line per post with the stable shape, and reports unreadable records', async () => {
    const input = join(dir, 'posts.jsonl');
    writeFileSync(
      input,
      [
        row({ id: '1', author_handle: 'AurelioBanderas', text: 'Hermanos del distrito 41 de Texas: NO VOTEN POR @SofiaIbarraTX' }),
        row({ id: '2', text: 'We know where you live, @KWalshNY.' }),
        row({ id: '3', text: 'Lovely weather in Houston today' }),
        '{"id": "4", broken json',
      ].join('\n') + '\n',
    );
    const r = await run(['classify', '--watch', watch, '--input', input]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: '1', directive: 'vote_against', target_candidate_ids: ['c-ibarra'], harassment: false, threat: false, actor_id: 'xv-president' },
      { id: '2', directive: null, target_candidate_ids: ['c-walsh'], harassment: true, threat: true, actor_id: null }, // labels.md: threats have targets
      { id: '3', directive: null, target_candidate_ids: [], harassment: false, threat: false, actor_id: null },
    ]);
    expect(r.stderr).toMatch(/posts\.jsonl:4: json_malformed/);
    expect(r.stderr).toMatch(/4 read, 3 classified, 1 quarantined/);
  });

  it('adds explanations with --explain and fails clearly on missing options or files', async () => {
    const input = join(dir, 'one.jsonl');
    writeFileSync(input, row({ id: '7', text: '#NoVotenPorIbarra' }) + '\n');
    const r = await run(['classify', '--watch', watch, '--input', input, '--explain']);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ id: '7', directive: 'vote_against', race_ids: ['race-tx-41'] });
    expect(line.explanation.join(' ')).toContain('NoVotenPorIbarra');
    expect((await run(['classify', '--input', input])).code).toBe(2);
    const missing = await run(['classify', '--watch', watch, '--input', join(dir, 'nope.jsonl')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
  });

  it('still classifies JSON lines that lack fields classification does not need', async () => {
    const input = join(dir, 'loose.jsonl');
    writeFileSync(
      input,
      [
        JSON.stringify({ id: 'a', text: 'DO NOT VOTE for @SofiaIbarraTX', authorHandle: 'AurelioBanderas' }),
        JSON.stringify({ id: 'b', text: 'Vote for Okafor', author_handle: 'x1', platform: 'x' }),
        JSON.stringify({ text: 'no id here' }),
      ].join('\n') + '\n',
    );
    const r = await run(['classify', '--watch', watch, '--input', input]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.directive, l.actor_id])).toEqual([
      ['a', 'vote_against', 'xv-president'],
      ['b', 'vote_for', null],
    ]);
    expect(r.stderr).toMatch(/loose\.jsonl:3: field_missing/);
    expect(r.stderr).toMatch(/3 read, 2 classified \(2 leniently\), 1 quarantined/);
  });
});
