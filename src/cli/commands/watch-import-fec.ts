import { readFile, writeFile } from 'node:fs/promises';
import { parseDocument, stringify } from 'yaml';
import { UsageError } from '../../errors.js';
import { emptyMasters, loadMasterSource } from '../../ingest/fec/masters.js';
import type { CandidateRecord } from '../../ingest/fec/records.js';
import { expandFecInputs } from '../../ingest/fec/sources.js';
import { safeTerminal } from '../../util/escape.js';
import { requireString, type Command } from '../command.js';

const OFFICES: Record<string, string> = { H: 'US House', S: 'US Senate', P: 'US President' };

/** A race id and jurisdiction for a candidate-master row: `us-ca-35-2024`, `US-CA-35`. */
export function raceKey(c: Pick<CandidateRecord, 'office' | 'officeState' | 'district' | 'electionYear'>): { id: string; jurisdiction: string } {
  const district = c.office === 'H' && c.district && c.district !== '00' ? String(Number(c.district)) : '';
  const state = c.office === 'P' ? '' : c.officeState.toUpperCase();
  const parts = ['US', state, district].filter(Boolean);
  const office = c.office === 'S' ? 'sen' : c.office === 'P' ? 'pres' : '';
  return { id: [...parts.map((p) => p.toLowerCase()), office, c.electionYear].filter(Boolean).join('-'), jurisdiction: parts.join('-') };
}

/** US general election day: the Tuesday after the first Monday of November. */
export function generalElectionDate(year: number): string {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstMonday = 1 + ((8 - nov1) % 7);
  return `${year}-11-${String(firstMonday + 1).padStart(2, '0')}`;
}

/** Candidate-master names are `LAST, FIRST MIDDLE`: show them as `First Middle Last`. */
export function displayName(fecName: string): string {
  const [last, first] = fecName.split(',', 2).map((s) => s.trim());
  const cased = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  return first ? `${cased(first)} ${cased(last!)}` : cased(fecName.trim());
}

export const watchImportFecCommand: Command = {
  name: 'watch import-fec',
  summary: 'Create watchlist races and candidates from the FEC candidate master (cn.txt)',
  usage: 'watch import-fec --input cn.txt|cn24.zip [--ccl ccl.txt] --cycle YEAR --state ST [--district NN] [--office H|S|P] [--merge W] [--out FILE]',
  description: `
Reads cn.txt (plain or zip) and writes races with their candidates in the watchlist YAML shape:
one race per office, state and district for the election year, each candidate with its FEC candidate
id and principal committee (plus the committees linked in ccl.txt when --ccl is given).
With --merge, races and candidates are added to an existing watchlist (existing entries, matched by id
or FEC candidate id, are kept as they are). Prints to stdout unless --out is given.
Example: vigil watch import-fec --input cn24.zip --ccl ccl24.zip --cycle 2024 --state CA --district 35`,
  options: {
    input: { type: 'string', help: 'cn.txt or cnYY.zip', placeholder: 'FILE' },
    ccl: { type: 'string', help: 'ccl.txt or cclYY.zip (adds linked committees)', placeholder: 'FILE' },
    cycle: { type: 'string', help: 'Election year (CAND_ELECTION_YR)', placeholder: 'YEAR' },
    state: { type: 'string', help: 'Two-letter state of the race', placeholder: 'ST' },
    district: { type: 'string', help: 'House district number (House only)', placeholder: 'NN' },
    office: { type: 'string', help: 'H, S or P (default: all)', placeholder: 'H|S|P' },
    merge: { type: 'string', help: 'Existing watchlist YAML/JSON to merge into', placeholder: 'FILE' },
    out: { type: 'string', help: 'Write the watchlist here instead of stdout', placeholder: 'FILE' },
  },
  async run(args, io) {
    const input = requireString(args, 'input', this.name);
    const cycle = requireString(args, 'cycle', this.name);
    if (!/^\d{4}$/.test(cycle)) throw new UsageError(`watch import-fec: --cycle must be a year, got ${JSON.stringify(cycle)}`);
    const state = (args.values.state as string | undefined)?.toUpperCase();
    if (state !== undefined && !/^[A-Z]{2}$/.test(state)) throw new UsageError('watch import-fec: --state must be two letters');
    const office = (args.values.office as string | undefined)?.toUpperCase();
    if (office !== undefined && !OFFICES[office]) throw new UsageError('watch import-fec: --office must be H, S or P');
    const district = args.values.district as string | undefined;
    if (district !== undefined && !/^\d{1,2}$/.test(district)) throw new UsageError('watch import-fec: --district must be a number');
    if (!state && office !== 'P') throw new UsageError('watch import-fec: --state is required (except with --office P)');

    const masters = emptyMasters();
    const paths = [input, ...(args.values.ccl ? [args.values.ccl as string] : [])];
    const { sources, skipped } = await expandFecInputs(paths);
    for (const s of skipped) io.stderr.write(`${safeTerminal(s.reason)}\n`);
    for (const s of sources) {
      if (s.kind !== 'cn' && s.kind !== 'ccl') throw new UsageError(`watch import-fec: ${s.file} is not cn or ccl data`);
      for (const q of await loadMasterSource(s, masters)) io.stderr.write(`${safeTerminal(q.reason)}\n`);
    }
    const picked = [...masters.candidates.values()].filter(
      (c) =>
        c.electionYear === cycle &&
        (!office || c.office === office) &&
        (c.office === 'P' ? office === 'P' : !state || c.officeState.toUpperCase() === state) &&
        (!district || (c.office === 'H' && Number(c.district) === Number(district))),
    );
    const races = new Map<string, Record<string, unknown> & { candidates: Record<string, unknown>[] }>();
    for (const c of picked.sort((a, b) => a.candId.localeCompare(b.candId))) {
      const { id, jurisdiction } = raceKey(c);
      let race = races.get(id);
      if (!race) {
        race = { id, office: OFFICES[c.office] ?? c.office, jurisdiction, election_date: generalElectionDate(Number(cycle)), candidates: [] };
        races.set(id, race);
      }
      const committees = new Set<string>();
      if (/^C\d{8}$/.test(c.pcc)) committees.add(c.pcc);
      for (const l of masters.linkages) if (l.candId === c.candId && /^C\d{8}$/.test(l.cmteId)) committees.add(l.cmteId);
      race.candidates.push({
        id: c.candId.toLowerCase(),
        name: displayName(c.name),
        aliases: [c.name],
        ...(c.party ? { party: c.party } : {}),
        fec_candidate_id: c.candId,
        fec_committee_ids: [...committees].sort(),
      });
    }

    let doc: Record<string, unknown> = { races: [...races.values()] };
    if (args.values.merge) {
      const text = await readFile(args.values.merge as string, 'utf8');
      const parsed = parseDocument(text).toJS() as Record<string, unknown> | null;
      const base = (parsed ?? {}) as { races?: { id: string; candidates?: { id: string; fec_candidate_id?: string }[] }[] };
      const existing = base.races ?? [];
      for (const race of races.values()) {
        const old = existing.find((r) => r.id === race.id);
        if (!old) {
          existing.push(race as never);
          continue;
        }
        old.candidates ??= [];
        for (const cand of race.candidates) {
          if (!old.candidates.some((o) => o.id === cand.id || (o.fec_candidate_id && o.fec_candidate_id === cand.fec_candidate_id))) {
            old.candidates.push(cand as never);
          }
        }
      }
      doc = { ...parsed, races: existing };
    }
    const yaml = stringify(doc, { lineWidth: 0 });
    if (args.values.out) await writeFile(args.values.out as string, yaml);
    else io.stdout.write(yaml);
    io.stderr.write(`watch import-fec: ${races.size} races, ${picked.length} candidates for ${cycle}${state ? ` ${state}` : ''}${district ? `-${district}` : ''}\n`);
    return 0;
  },
};
