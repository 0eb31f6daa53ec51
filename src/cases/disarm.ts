/**
 * DISARM Red Framework techniques that Vigil's findings can suggest, as data, and the rules that pick
 * them for an incident. Ids, names and tactics follow ../shared/reference/disarm-map.md (checked
 * against DISARM v1.6, DISARMFoundation/DISARMframeworks `49df5f6`). DISARM names change between
 * releases; reference techniques by id.
 *
 * Only `primary` and `secondary` fits from the map are assigned automatically. Objective codes
 * (TA02) and persona codes (TA16) are labels an analyst confirms: their rationale says "suggested".
 * DISARM content is CC BY-SA 4.0, DISARM Foundation.
 */
import type { Actor, DisarmTechnique, Finding } from '../model/types.js';
import { isInstitution, OFFICIAL_ROLES } from './actors.js';

/** One DISARM technique as Vigil uses it. */
export interface DisarmTechniqueInfo {
  id: string;
  name: string;
  /** Tactic id, e.g. `TA17`. */
  tactic: string;
  /** Kill-chain phase slug used in the DISARM STIX bundle, e.g. `maximise-exposure`. */
  phase: string;
  /** Whether an analyst must confirm the label (objective and persona codes). */
  analystConfirms: boolean;
}

function t(id: string, name: string, tactic: string, phase: string, analystConfirms = false): DisarmTechniqueInfo {
  return { id, name, tactic, phase, analystConfirms };
}

/** The techniques Vigil may assign, by DISARM id. */
export const DISARM_TECHNIQUES: Readonly<Record<string, DisarmTechniqueInfo>> = Object.freeze(
  Object.fromEntries(
    [
      t('T0002', 'Facilitate State Propaganda', 'TA02', 'plan-objectives', true),
      t('T0014.001', 'Raise Funds from Malign Actors', 'TA15', 'establish-assets'),
      t('T0048', 'Harass', 'TA18', 'drive-online-harms'),
      t('T0049.002', 'Flood Existing Hashtag', 'TA17', 'maximise-exposure'),
      t('T0049.005', 'Conduct Swarming', 'TA17', 'maximise-exposure'),
      t('T0084.001', 'Use Copypasta', 'TA06', 'develop-content'),
      t('T0097.111', 'Government Official Persona', 'TA16', 'establish-legitimacy', true),
      t('T0097.206', 'Government Institution Persona', 'TA16', 'establish-legitimacy', true),
      t('T0118', 'Amplify Existing Narrative', 'TA17', 'maximise-exposure'),
      t('T0119', 'Cross-Posting', 'TA17', 'maximise-exposure'),
      t('T0138', 'Motivate to Act', 'TA02', 'plan-objectives', true),
      t('T0138.001', 'Encourage', 'TA02', 'plan-objectives', true),
      t('T0139', 'Dissuade from Acting', 'TA02', 'plan-objectives', true),
      t('T0139.001', 'Discourage', 'TA02', 'plan-objectives', true),
      t('T0140.002', 'Intimidate', 'TA02', 'plan-objectives', true),
      t('T0143.001', 'Authentic Persona', 'TA16', 'establish-legitimacy', true),
    ].map((info) => [info.id, info]),
  ),
);

/** Link to DISARM's page for a technique. */
export function disarmUrl(id: string): string {
  return `https://github.com/DISARMFoundation/DISARMframeworks/blob/main/generated_pages/techniques/${id}.md`;
}

/** Coordination signal named by the detector (`detail.method` or `detail.signal`), lower case. */
function coordinationMethod(finding: Finding): string {
  const value = finding.detail['method'] ?? finding.detail['signal'];
  return typeof value === 'string' ? value.toLowerCase() : '';
}

/**
 * Pick DISARM techniques for the findings of one incident. Each technique appears once, with the
 * rationale of the first finding (in the given order) that suggested it; the result is sorted by id.
 *
 * @param findings the incident's findings
 * @param actorsById the actor registry
 */
export function techniquesForFindings(findings: Finding[], actorsById: ReadonlyMap<string, Actor>): DisarmTechnique[] {
  const picked = new Map<string, string>();
  const add = (id: string, why: string) => {
    const info = DISARM_TECHNIQUES[id];
    if (!info || picked.has(id)) return;
    picked.set(id, info.analystConfirms ? `Suggested, analyst to confirm: ${why}` : why);
  };

  for (const f of findings) {
    const actors = f.subjects.actorIds.map((id) => actorsById.get(id)).filter((a): a is Actor => a !== undefined);
    if (f.kind !== 'foreign_money') {
      for (const a of actors) {
        if (OFFICIAL_ROLES.has(a.role) && a.kind === 'person') {
          add('T0097.111', `${a.name} is in the actor registry as ${a.role.replace(/_/g, ' ')} of ${a.country}.`);
        } else if (isInstitution(a)) {
          add('T0097.206', `${a.name} is a registry institution of the government of ${a.country}.`);
        }
        add('T0143.001', `the account is the registry-confirmed account of ${a.name}, not a fake.`);
      }
    }
    switch (f.kind) {
      case 'directive': {
        const directive = f.detail['directive'];
        if (directive === 'vote_for') {
          add('T0138', 'a post exhorts voters to act (vote for a candidate).');
          add('T0138.001', 'a post encourages a vote in the actor\'s interest.');
        } else {
          add('T0139', 'a post urges voters not to act (not to vote, or not for a candidate).');
          if (directive !== 'abstain') add('T0139.001', 'a post discourages voting for a named candidate.');
        }
        break;
      }
      case 'harassment':
        add('T0048', 'hostile posts aimed at a candidate were found.');
        break;
      case 'threat':
        add('T0048', 'threatening posts aimed at a candidate were found.');
        add('T0140.002', 'threatening language suggests an aim to intimidate the target.');
        break;
      case 'coordination': {
        const method = coordinationMethod(f);
        if (/dup|text|copy/.test(method)) {
          add('T0119', 'accounts posted the same or near-same text within a short window.');
          add('T0084.001', 'the shared text is copied with small edits across accounts.');
        } else if (/hashtag/.test(method)) {
          add('T0049.002', 'accounts pushed the same hashtag together.');
        } else {
          add('T0118', 'accounts reposted or linked the same content together.');
        }
        if (f.targets.candidateIds.length) add('T0049.005', 'the co-acting accounts converge on a candidate.');
        if (actors.length) add('T0002', 'registry actors take part in coordinated posting.');
        break;
      }
      case 'harassment_campaign':
        add('T0048', 'hostile replies and mentions aimed at a candidate came from a coordinated or foreign-linked network.');
        add('T0049.005', 'many accounts of one network converge on the candidate at once.');
        if (actors.length) add('T0002', 'registry actors are linked to the network sending the hostile replies.');
        break;
      case 'amplification':
        add('T0118', 'accounts amplified existing content rather than writing their own.');
        if (actors.length) add('T0002', 'registry actors\' content is being amplified.');
        break;
      case 'foreign_money':
        add('T0014.001', 'campaign-finance rows with foreign markers reach a committee in this race (an indicator: donors abroad may be U.S. citizens).');
        break;
    }
  }
  return [...picked.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, rationale]) => ({ id, name: DISARM_TECHNIQUES[id]!.name, rationale }));
}
