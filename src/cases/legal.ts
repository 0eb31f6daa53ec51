/**
 * Legal indicators by jurisdiction: which provisions a pattern in an incident MAY touch, with the
 * caveats an analyst must weigh. Drawn from ../shared/reference/legal.md (§2 provision tables and the
 * §3 indicator matrix). Vigil never says a law was broken: every rationale reads "may be relevant",
 * elements are not established, and knowledge or intent elements are never assessable from open data.
 * Not legal advice.
 */
import type { Actor, Finding, LegalIndicator } from '../model/types.js';
import { isDiplomatic } from './actors.js';

/** One provision in a jurisdiction pack. */
export interface Provision {
  provision: string;
  title: string;
  /** Caveats shown with every indicator for this provision. */
  caveats: string[];
}

/** What an incident shows, reduced to the facts the indicator rules read. */
export interface IncidentFacts {
  kinds: ReadonlySet<Finding['kind']>;
  /** Registry actors named by the incident's findings. */
  actors: Actor[];
  /** Registry actors named by its directive findings (those who urged a vote). */
  directiveActors: Actor[];
  /** Accounts in coordination/amplification findings that are not registry accounts. */
  nonRegistryCoActors: number;
  /** A finding says content was placed or promoted for a fee (`detail.paid` or `detail.promoted`). */
  paid: boolean;
  /** A threat is tied to a voting directive: the same post, or an account that posted both. */
  threatWithDirective: boolean;
}

const NOT_ADVICE = 'Indicator only: the elements of the provision are not established and this is not legal advice.';

/** United States provisions, keyed by a stable provision id. */
const US: Record<string, Provision> = {
  'US-52USC30121': {
    provision: '52 U.S.C. § 30121; 11 CFR 110.20',
    title: 'Foreign-national contributions, donations and expenditures (FECA)',
    caveats: [
      'A money rule: it turns on a contribution, donation or expenditure, or another thing of value.',
      'Any FEC enforcement step needs four of six commissioners; a "no action" outcome settles nothing either way.',
    ],
  },
  'US-FARA': {
    provision: '22 U.S.C. § 611 et seq. (FARA); 18 U.S.C. § 951',
    title: 'Foreign agents: registration and notification duties',
    caveats: [
      'Direction or control by the foreign principal must be shown; shared views or spontaneous amplification are not agency.',
      'Check FARA eFile for existing registrations first.',
      'Accredited diplomatic and consular officers acting within recognised functions are exempt (22 U.S.C. § 613(a)-(c)).',
      'Willfulness and any agreement to act under direction are not assessable from open data.',
    ],
  },
  'VIENNA-NONINTERFERENCE': {
    provision: 'Vienna Convention on Consular Relations Art. 55; Vienna Convention on Diplomatic Relations Art. 41',
    title: 'Duty of diplomats and consuls not to interfere in internal affairs',
    caveats: [
      'Binds accredited diplomatic and consular staff and posts, not a head of state posting from home.',
      'Check whether the officer is accredited and whether the activity falls within recognised functions.',
      'The remedy is diplomatic (protest, declaration as persona non grata), not criminal.',
    ],
  },
  'US-EO13848': {
    provision: 'Executive Order 13848 § 8(f) (2018)',
    title: 'Sanctions for foreign interference in U.S. elections',
    caveats: [
      'Covers covert, fraudulent or deceptive acts for a foreign government; overt, attributed statements fall outside.',
      'Coordination alone does not show state sponsorship; attribution confidence decides.',
      'A sanctions tool applied by the government after an intelligence assessment; not a private cause of action.',
    ],
  },
  'US-18USC875c': {
    provision: '18 U.S.C. § 875(c)',
    title: 'Threats transmitted in interstate or foreign commerce',
    caveats: [
      'Only true threats to kidnap or injure; the classifier flags wording, a person must judge it.',
      "The speaker's mental state must be shown (recklessness for true threats, Counterman v. Colorado, 2023); not assessable from open data.",
      'Refer to law enforcement rather than acting on this indicator.',
    ],
  },
  'US-18USC2261A': {
    provision: '18 U.S.C. § 2261A',
    title: 'Stalking, including through electronic communication',
    caveats: [
      'Course of conduct, intent and effect on the target are not assessable from open data; verify against the statute text.',
      'Harsh political criticism is protected speech; harassment labels come from a classifier and need review.',
    ],
  },
  'US-VOTER-INTIMIDATION': {
    provision: '18 U.S.C. § 594; 52 U.S.C. § 10307(b)',
    title: 'Intimidation of voters',
    caveats: [
      'Persuasion ("do not vote for X") is not intimidation: a threat or coercion and its purpose must be shown.',
      '18 U.S.C. § 594 concerns federal offices; 52 U.S.C. § 10307(b) is civil and needs no foreign element.',
    ],
  },
};

/** Provision packs by jurisdiction (ISO country code of the race). */
export const LEGAL_PACKS: Readonly<Record<string, Readonly<Record<string, Provision>>>> = Object.freeze({ US });

function indicator(jurisdiction: string, id: string, rationale: string, extraCaveats: string[] = []): LegalIndicator {
  const p = LEGAL_PACKS[jurisdiction]![id]!;
  return { jurisdiction, provision: p.provision, title: p.title, rationale, caveats: [...extraCaveats, ...p.caveats, NOT_ADVICE] };
}

function names(actors: Actor[]): string {
  return actors.map((a) => `${a.name} (${a.role.replace(/_/g, ' ')}, ${a.country})`).join(', ');
}

/**
 * Legal indicators for one incident in one jurisdiction, in a fixed order. A jurisdiction without a
 * pack gets none.
 */
export function legalIndicatorsFor(facts: IncidentFacts, jurisdiction: string): LegalIndicator[] {
  if (jurisdiction !== 'US') return [];
  const out: LegalIndicator[] = [];
  const { kinds, actors } = facts;
  const coordinated = kinds.has('coordination') || kinds.has('amplification');

  if (kinds.has('foreign_money')) {
    out.push(
      indicator(
        'US',
        'US-52USC30121',
        'Campaign-finance rows show foreign markers (address, bank or passport notes); the ban on contributions from foreign nationals may be relevant and the rows need inquiry.',
        [
          'A foreign address is not a foreign national: U.S. citizens abroad and lawful permanent residents may give (FEC AO 2020-02, AO 2016-10).',
          'Acceptance turns on "knowingly" (11 CFR 110.20(a)(4)); knowledge cannot be shown from public data.',
        ],
      ),
    );
  } else if (facts.paid && actors.length) {
    out.push(
      indicator(
        'US',
        'US-52USC30121',
        'Content of a registry foreign principal appears to have been placed or promoted for a fee; the foreign-national expenditure ban (§ 30121(a)(1)(C); 11 CFR 110.20(f), 100.26) may be relevant.',
        ['Who paid, and whether the content is express advocacy for or against a clearly identified candidate, must be established.'],
      ),
    );
  } else if (facts.directiveActors.length) {
    out.push(
      indicator(
        'US',
        'US-52USC30121',
        `A registry foreign principal urged a vote in this race (${names(facts.directiveActors)}); § 30121 may be relevant only if money or a thing of value moved, such as paid promotion or in-kind help to a campaign.`,
        [
          'No spending indicator observed: an unpaid post on the actor\'s own account likely does not engage § 30121.',
          'The internet exemption (11 CFR 100.94/100.155) may apply; its reach to foreign officials is unsettled and no advisory opinion or enforcement matter on point was located.',
          'Watch for: paid promotion, coordination with a campaign, consular-account amplification.',
        ],
      ),
    );
  }

  if (coordinated && actors.length && facts.nonRegistryCoActors > 0) {
    out.push(
      indicator(
        'US',
        'US-FARA',
        `${facts.nonRegistryCoActors} account(s) outside the registry acted together with, or amplified, foreign government actors; FARA may be relevant if any of them is U.S.-based and acts at that government's order, request, direction or control.`,
      ),
    );
  }

  const diplomatic = actors.filter(isDiplomatic);
  if (diplomatic.length) {
    out.push(
      indicator(
        'US',
        'VIENNA-NONINTERFERENCE',
        `Diplomatic or consular actors in the registry took part (${names(diplomatic)}); their treaty duty not to interfere in the receiving State's internal affairs may be relevant.`,
        ['Outside recognised functions, the FARA diplomatic exemption may no longer cover the activity.'],
      ),
    );
  }

  if (coordinated) {
    out.push(
      indicator(
        'US',
        'US-EO13848',
        'Accounts acted in a coordinated way in this race; if the network is covert or deceptive and acts for a foreign government, the order\'s definition of foreign interference may be relevant.',
      ),
    );
  }

  if (kinds.has('threat')) {
    out.push(
      indicator(
        'US',
        'US-18USC875c',
        'Posts classified as threats target a candidate in this race; the federal threat-communication statute may be relevant.',
      ),
    );
  }
  if (kinds.has('harassment') || kinds.has('threat') || kinds.has('harassment_campaign')) {
    out.push(
      indicator(
        'US',
        'US-18USC2261A',
        'Hostile posts target a candidate in this race; the federal stalking statute may be relevant if the conduct is repeated and meant to harass or intimidate.',
      ),
    );
  }
  if (facts.threatWithDirective) {
    out.push(
      indicator(
        'US',
        'US-VOTER-INTIMIDATION',
        'Threatening wording comes with a voting directive (in one post or from one account); voter-intimidation provisions may be relevant if the threats aim at how people vote.',
      ),
    );
  }
  return out;
}
