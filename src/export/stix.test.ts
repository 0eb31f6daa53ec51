import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../cases/incidents.js';
import { makeBundle, makePost, velorianScenario } from '../../test/fixtures/cases/builders.js';
import { requiredFor, validateStixObject } from '../../test/fixtures/stix/schema-check.js';
import { attackPatternIdsFromDisarm, toStixBundle, uuidv5, type StixObject } from './stix.js';

function scenarioBundle() {
  const { watchlist, posts, findings } = velorianScenario();
  return makeBundle({ incidents: buildIncidents(findings, watchlist), findings, posts, watchlist });
}

const byType = (objects: StixObject[], type: string) => objects.filter((o) => o.type === type);

describe('uuidv5', () => {
  it('matches RFC 4122 / Python uuid.uuid5 vectors', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('toStixBundle', () => {
  const bundle = scenarioBundle();
  const stix = toStixBundle(bundle);
  const objects = stix.objects;

  it('is a 2.1 bundle without spec_version, with unique ids', () => {
    expect(stix.type).toBe('bundle');
    expect(stix.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
    expect('spec_version' in stix).toBe(false);
    expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
  });

  it('emits every object kind the case needs', () => {
    const types = new Set(objects.map((o) => o.type));
    for (const t of ['identity', 'threat-actor', 'location', 'campaign', 'attack-pattern', 'observed-data', 'note', 'relationship', 'sighting', 'report', 'user-account', 'marking-definition']) {
      expect(types.has(t), t).toBe(true);
    }
  });

  it('validates every object against its OASIS schema and carries each required property', () => {
    for (const o of objects) {
      expect(validateStixObject(o), `${o.type} ${o.id}`).toEqual([]);
      for (const r of requiredFor(o.type)) expect(o, `${o.type} needs ${r}`).toHaveProperty(r);
    }
    // the schema lists themselves are what we think they are (copied from the OASIS repo)
    expect(requiredFor('observed-data')).toEqual(expect.arrayContaining(['type', 'spec_version', 'id', 'created', 'modified', 'first_observed', 'last_observed', 'number_observed']));
    expect(requiredFor('report')).toEqual(expect.arrayContaining(['name', 'published', 'object_refs']));
  });

  it('the checker catches a broken object', () => {
    const campaign = byType(objects, 'campaign')[0]!;
    const { name: _name, ...noName } = campaign;
    expect(validateStixObject(noName as StixObject).join(' ')).toMatch(/missing required name/);
    expect(validateStixObject({ ...campaign, created: '2026-10-01T02:00:00Z' }).length).toBeGreaterThan(0);
    expect(validateStixObject({ ...campaign, id: 'campaign--not-a-uuid' }).length).toBeGreaterThan(0);
  });

  it('points every reference at an object in the bundle', () => {
    const ids = new Set(objects.map((o) => o.id));
    for (const o of objects) {
      for (const [k, v] of Object.entries(o)) {
        if (k.endsWith('_ref') && typeof v === 'string') expect(ids.has(v), `${o.id}.${k}`).toBe(true);
        if (k.endsWith('_refs') && Array.isArray(v)) for (const r of v) expect(ids.has(r as string), `${o.id}.${k} -> ${r}`).toBe(true);
      }
    }
  });

  it('references DISARM techniques by id with source DISARM', () => {
    const aps = byType(objects, 'attack-pattern');
    const gov = bundle.incidents.find((i) => i.subject === 'xf-gov')!;
    for (const t of gov.techniques) {
      const ap = aps.find((a) => (a['external_references'] as { external_id: string }[])[0]!.external_id === t.id);
      expect(ap, t.id).toBeDefined();
      expect(ap!['external_references']).toEqual([
        { source_name: 'DISARM', external_id: t.id, url: `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${t.id}.md` },
      ]);
      expect(ap!['name']).toBe(t.name);
    }
    const campaign = byType(objects, 'campaign').find((c) => c['name'] === gov.title)!;
    const uses = byType(objects, 'relationship').filter((r) => r['relationship_type'] === 'uses' && r['source_ref'] === campaign.id);
    expect(uses).toHaveLength(gov.techniques.length);
  });

  it('attributes campaigns, gives actors their country and evidence its hash and source', () => {
    const rels = byType(objects, 'relationship');
    const president = byType(objects, 'threat-actor').find((t) => t['name'] === 'Aurelio Vance')!;
    const located = rels.find((r) => r['relationship_type'] === 'located-at' && r['source_ref'] === president.id)!;
    expect(objects.find((o) => o.id === located['target_ref'])!['country']).toBe('XF');
    expect(rels.some((r) => r['relationship_type'] === 'attributed-to' && r['target_ref'] === president.id)).toBe(true);

    const entry = bundle.evidence.find((e) => e.ref === 'x:2001')!;
    const od = byType(objects, 'observed-data').find((o) => (o['external_references'] as { external_id: string }[])[0]!.external_id === 'x:2001')!;
    const ref = (od['external_references'] as Record<string, unknown>[])[0]!;
    expect(ref['hashes']).toEqual({ 'SHA-256': entry.sha256 });
    expect(ref['description']).toContain(`${entry.source.file}:${entry.source.line}`);
    expect(ref['description']).toContain(`ledger seq ${entry.seq}`);
    const note = byType(objects, 'note').find((n) => (n['object_refs'] as string[]).includes(od.id))!;
    expect(note['content']).toBe(bundle.posts.find((p) => p.id === '2001')!.text);
  });

  it('describes campaign-finance evidence in a note with its hash and ledger seq', () => {
    const entry = bundle.evidence.find((e) => e.ref === 'fec:4092020000000001')!;
    const note = byType(objects, 'note').find((n) => n['abstract'] === 'Evidence record fec:4092020000000001 (contribution)')!;
    expect(note['content']).toBe(`Source fixtures/itcont.txt:7; SHA-256 ${entry.sha256}; ledger seq ${entry.seq}, captured ${entry.capturedAt}.`);
    expect(byType(objects, 'campaign').map((c) => c.id)).toContain((note['object_refs'] as string[])[0]);
  });

  it('gives the author account the spec SCO id (UUIDv5 over its id-contributing properties)', () => {
    // Python: uuid5(UUID('00abedb4-aa42-466c-9c01-fed23315a9b7'),
    //   json.dumps({'account_login':'aureliovance','account_type':'twitter','user_id':'9001'}, sort_keys=True, separators=(',',':')))
    const post = makePost({ id: '77', authorId: '9001', authorHandle: 'aureliovance' });
    const b = { ...bundle, posts: [post], findings: [{ ...bundle.findings[0]!, evidence: [{ kind: 'post' as const, ref: 'x:77', source: post.source, sha256: post.contentHash }] }] };
    const account = byType(toStixBundle(b).objects, 'user-account')[0]!;
    expect(account.id).toBe('user-account--2ff52e77-d10a-5095-889b-f6d8f88cba52');
  });

  it('is deterministic and keeps ids across exports', () => {
    expect(toStixBundle(bundle)).toEqual(stix);
    const later = toStixBundle({ ...bundle, generatedAt: '2026-11-01T00:00:00.000Z' });
    const ids = (b: { objects: StixObject[] }) => b.objects.map((o) => o.id).filter((id) => !id.startsWith('report--')).sort();
    expect(ids(later)).toEqual(ids(stix));
    const campaign = (b: { objects: StixObject[] }) => byType(b.objects, 'campaign')[0]!;
    expect(campaign(later)['created']).toBe(campaign(stix)['created']);
  });

  it('can reuse the DISARM bundle\'s attack-pattern ids', () => {
    const disarm = JSON.parse(readFileSync(new URL('../../test/fixtures/cases/disarm-subset.json', import.meta.url), 'utf8'));
    const map = attackPatternIdsFromDisarm(disarm);
    expect(map.get('T0048')).toBe('attack-pattern--bc2a6754-44d0-4fe3-8461-e3a4af895835');
    const reused = toStixBundle(bundle, { attackPatternIds: map });
    const harass = byType(reused.objects, 'attack-pattern').find((a) => a['name'] === 'Harass')!;
    expect(harass.id).toBe('attack-pattern--bc2a6754-44d0-4fe3-8461-e3a4af895835');
    expect(attackPatternIdsFromDisarm({ nope: 1 }).size).toBe(0);
  });

  it('keeps hostile post text as data (JSON-escaped), not markup', () => {
    const evil = '<script>alert(1)</script>\u001b[31m=HYPERLINK("x")';
    const b = { ...bundle, posts: bundle.posts.map((p) => (p.id === '2001' ? { ...p, text: evil } : p)) };
    const json = JSON.stringify(toStixBundle(b));
    expect(json).toContain('\\u001b[31m');
    expect((JSON.parse(json) as { objects: StixObject[] }).objects.some((o) => o['content'] === evil)).toBe(true);
  });
});
