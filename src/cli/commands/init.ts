import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../../errors.js';
import { safeTerminal } from '../../util/escape.js';
import { parseWatchlist } from '../../watch/load.js';
import { parse as parseYaml } from 'yaml';
import type { Command } from '../command.js';
import { defaultKeyPath, loadOrCreateKey } from '../../cases/checkpoint.js';
import { KEY_OPTION } from '../ledger.js';

/** The starter watchlist: the seed case as publicly reported, with every field explained. */
export const STARTER_WATCHLIST = `# Vigil watchlist: the races and candidates you watch, and the registry of foreign state actors.
# Validated on load: an unknown key is an error naming its path. Handles are matched
# case-insensitively, with or without '@'. This starter holds the seed case (CA-35, 2022) as
# publicly reported; replace or extend it with your own races.
races:
  - id: us-house-ca-35-2022           # your id, used in reports and \`--race\`
    office: US House
    jurisdiction: US-CA-35            # country-subdivision-district
    election_date: 2022-11-08
    candidates:
      - id: torres
        name: Norma Torres
        aliases: [Norma J. Torres, Rep. Torres]
        party: DEM
        handles: { x: [NormaJTorres] }  # any platform name: x, bluesky, mastodon, telegram, ...
        # fec_candidate_id: H0CA00000   # optional: links FEC committees for \`vigil money screen\`
        # fec_committee_ids: [C00000000]
actors:                               # foreign state actor registry
  - id: sv-government
    kind: organization                # person | organization | mission | media
    name: Government of El Salvador
    country: SV                       # ISO 3166-1 alpha-2 (user-assigned codes such as XK allowed)
    role: other                       # head_of_state | head_of_government | minister | party_official | diplomat | consulate | state_media | other
  - id: sv-president
    kind: person
    name: Nayib Bukele
    aliases: [Bukele, Presidente Bukele]
    country: SV
    role: head_of_state
    affiliation: sv-government        # id of another actor: consulate -> ministry -> government
    handles: { x: [nayibbukele] }
    # valid_from: 2019-06-01          # optional dates the role was held
    sources: [seed case as publicly reported, November 2022]
# webhooks:                           # alerts for \`vigil serve\`
#   - url: https://alerts.example.org/vigil
#     secret: change-me-to-a-long-random-string
#     min_score: 0.7
`;

export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starter watchlist to edit, and create the ledger signing key',
  usage: 'init [--out watchlist.yaml] [--force] [--key PATH]',
  description: `Writes a commented watchlist holding the seed case (CA-35, 2022). Refuses to overwrite unless --force.
Creates the Ed25519 key that signs evidence-ledger checkpoints, outside the store (default
$VIGIL_KEY, else $VIGIL_KEY_DIR/ledger-key.pem, else ~/.config/vigil/ledger-key.pem), unless it exists.
Publish its .pub.pem (or key id) where others can see it; see docs/security.md.`,
  options: {
    out: { type: 'string', help: 'Where to write (default watchlist.yaml)', placeholder: 'PATH' },
    force: { type: 'boolean', help: 'Overwrite an existing file' },
    key: KEY_OPTION,
  },
  async run(args, io) {
    const out = (args.values.out as string | undefined) ?? 'watchlist.yaml';
    if (existsSync(out) && !args.values.force) throw new UsageError(`init: ${out} already exists; use --force to overwrite it`);
    parseWatchlist(parseYaml(STARTER_WATCHLIST), 'starter watchlist'); // the template must always validate
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, STARTER_WATCHLIST);
    const shown = safeTerminal(out);
    io.stdout.write(`wrote ${shown}: 1 race, 1 candidate, 2 actors. Edit it, then: vigil ingest FILE... && vigil analyze --watch ${shown}\n`);
    const { key, created } = await loadOrCreateKey((args.values.key as string | undefined) ?? defaultKeyPath());
    io.stdout.write(`ledger signing key ${safeTerminal(key.path)} (key id ${key.keyId}${created ? ', created' : ', already there'}); publish its .pub.pem\n`);
    return 0;
  },
};
