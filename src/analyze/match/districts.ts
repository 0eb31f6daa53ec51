/**
 * District references for US races, in English, Spanish and Portuguese: "35th District of
 * California", "California's 35th", "CA-35", "CA35", "distrito 35 de California", "35.º distrito",
 * "29º distrito de Nova York". Works for every state and DC.
 *
 * To keep the automaton small, full phrases are not enumerated per race: the automaton holds the
 * state names, the district-number phrases ("35th district", "distrito 35", "35th") and the
 * per-race codes ("ca 35"); match.ts joins a number phrase and an adjacent state name
 * ("<number phrase> of|de|da|in <state>", "<state>['s] <number phrase>") into a race.
 */
import { foldText } from '../../util/normalize.js';

/** US states and DC: code → English name and Spanish/Portuguese names where they differ. */
export const US_STATES: Record<string, string[]> = {
  AL: ['Alabama'], AK: ['Alaska'], AZ: ['Arizona'], AR: ['Arkansas'], CA: ['California', 'Califórnia'],
  CO: ['Colorado'], CT: ['Connecticut'], DE: ['Delaware'], DC: ['District of Columbia', 'Distrito de Columbia', 'Washington DC'],
  FL: ['Florida', 'Flórida'], GA: ['Georgia', 'Geórgia'], HI: ['Hawaii', 'Hawái', 'Havaí'], ID: ['Idaho'],
  IL: ['Illinois'], IN: ['Indiana'], IA: ['Iowa'], KS: ['Kansas'], KY: ['Kentucky'], LA: ['Louisiana', 'Luisiana'],
  ME: ['Maine'], MD: ['Maryland'], MA: ['Massachusetts'], MI: ['Michigan', 'Míchigan'], MN: ['Minnesota'],
  MS: ['Mississippi', 'Misisipi'], MO: ['Missouri', 'Misuri'], MT: ['Montana'], NE: ['Nebraska'], NV: ['Nevada'],
  NH: ['New Hampshire', 'Nuevo Hampshire', 'Nova Hampshire'], NJ: ['New Jersey', 'Nueva Jersey', 'Nova Jersey'],
  NM: ['New Mexico', 'Nuevo México', 'Novo México'], NY: ['New York', 'Nueva York', 'Nova York', 'Nova Iorque'],
  NC: ['North Carolina', 'Carolina del Norte', 'Carolina do Norte'], ND: ['North Dakota', 'Dakota del Norte', 'Dakota do Norte'],
  OH: ['Ohio'], OK: ['Oklahoma'], OR: ['Oregon', 'Oregón'], PA: ['Pennsylvania', 'Pensilvania', 'Pensilvânia'],
  RI: ['Rhode Island'], SC: ['South Carolina', 'Carolina del Sur', 'Carolina do Sul'],
  SD: ['South Dakota', 'Dakota del Sur', 'Dakota do Sul'], TN: ['Tennessee', 'Tenesí'], TX: ['Texas'], UT: ['Utah'],
  VT: ['Vermont'], VA: ['Virginia', 'Virgínia'], WA: ['Washington'], WV: ['West Virginia', 'Virginia Occidental', 'Virgínia Ocidental'],
  WI: ['Wisconsin'], WY: ['Wyoming'],
};

/** Words that join a number phrase to the state after it: "35th district OF California", "distrito 35 DE California". */
export const STATE_CONNECTORS = new Set(['of', 'in', 'de', 'da', 'do', 'del', 'en', 'em', 'no', 'na', 'por']);

/** A parsed jurisdiction `US-CA-35`. */
export interface District {
  country: string;
  /** Subdivision code, upper case (`CA`). */
  state: string;
  /** District as written (`35`, `07`, `AL`). */
  district: string;
  /** District number, NaN for at-large or non-numeric codes. */
  num: number;
  /** A state seat's chamber code (`AD`, `SD`, `HD`), when the jurisdiction names one. */
  chamber?: string;
}

export function parseJurisdiction(jurisdiction: string): District | null {
  const parts = jurisdiction.toUpperCase().split('-');
  if (parts.length < 3) return null;
  const [country, state] = parts as [string, string];
  const rest = parts.slice(2);
  // A place of several words (US-MA-PORT-ELLERY, US-NJ-ESSEX-02) is a name, not a numbered seat of the state.
  const chamberSeat = rest.length === 2 && /^[A-Z]{1,3}$/.test(rest[0]!) && /^\d+$/.test(rest[1]!);
  if (rest.length > 1 && !chamberSeat) return { country, state, district: rest.join('-'), num: Number.NaN };
  // A state seat names its chamber: US-CA-AD-53, or run together, US-TX-SD27.
  const district = parts[parts.length - 1]!;
  const chamber = parts.length >= 4 ? parts[2]! : (/^[A-Z]{1,3}(?=\d)/.exec(district)?.[0] ?? '');
  const digits = parts.length >= 4 ? district : district.slice(chamber.length);
  return { country, state, district, num: Number.parseInt(digits, 10), ...(chamber ? { chamber } : {}) };
}

export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Folded code forms of a race: "ca 35", "ca35", "tx 07" and "tx 7". */
export function raceCodeForms(d: District): string[] {
  const code = d.state.toLowerCase();
  if (d.chamber && Number.isFinite(d.num)) {
    const ch = d.chamber.toLowerCase();
    return [`${code} ${ch} ${d.num}`, `${code} ${ch}${d.num}`, `${code}${ch}${d.num}`];
  }
  const nums = new Set([d.district.toLowerCase()]);
  if (Number.isFinite(d.num)) nums.add(String(d.num));
  const out = new Set<string>();
  for (const n of nums) {
    out.add(`${code} ${n}`);
    out.add(`${code}${n}`);
    if (d.country !== 'US') out.add(`${d.country.toLowerCase()} ${code} ${n}`);
  }
  return [...out];
}

/**
 * Folded number phrases for district `n`: `district` ones name a district by themselves
 * ("35th district", "distrito 35", "35º distrito"); `ordinal` ones need a state before them
 * ("California's 35th").
 */
export function districtNumberForms(n: number): { district: string[]; ordinal: string[] } {
  const ord = ordinal(n);
  const esOrd = [...new Set([`${n}`, `${n} o`, `${n}o`, `${n} º`, `${n}º`].map(foldText))];
  const district = new Set<string>([`${ord} district`, `${ord} congressional district`, `distrito ${n}`, `distrito congresional ${n}`, `distrito congressional ${n}`]);
  // "District 4": a number only one watched race has names it (chamber forms are per race: chamberForms).
  district.add(`district ${n}`);
  for (const o of esOrd) {
    district.add(`${o} distrito`);
    district.add(`${o} distrito congresional`);
    district.add(`${o} distrito congressional`);
  }
  return { district: [...district], ordinal: [ord] };
}

/**
 * Folded forms that name a district with its chamber, for a race of that office: "Senate District
 * 29", "SD-29", "distrito senatorial 29" for a state senate seat; "congressional district 7", "CD-7"
 * for a US House seat; "Assembly District 53", "HD 64" for a lower-house seat.
 */
export function chamberForms(office: string, n: number): string[] {
  if (/state senate|senado estatal|senado estadual/i.test(office)) return [`senate district ${n}`, `state senate district ${n}`, `sd ${n}`, `distrito senatorial ${n}`, `distrito ${n} del senado`, `distrito ${n} do senado`];
  if (/us house|u s house|congress/i.test(office)) return [`congressional district ${n}`, `cd ${n}`, `distrito congresional ${n}`];
  if (/assembly|state house|house of representatives|house of delegates|asamblea/i.test(office)) return [`assembly district ${n}`, `house district ${n}`, `state house district ${n}`, `ad ${n}`, `hd ${n}`, `distrito de la asamblea ${n}`];
  return [];
}

/** Folded state names by code (English, Spanish and Portuguese). */
export function stateNames(code: string): string[] {
  return [...new Set((US_STATES[code] ?? []).map(foldText))];
}
