/**
 * Foreign place names for the CITY field of rows whose STATE is blank (filers are advised to leave
 * STATE blank for international addresses and put city and country in the address). Names are
 * matched as whole folded token sequences. US places that share a name with a foreign one (London KY,
 * Paris TX, Ontario CA) are never checked, because this list is only consulted when STATE is not a
 * US code. English and Spanish country names, and capitals and large cities; not exhaustive.
 */
import { foldText } from '../../util/normalize.js';

const COUNTRIES = `AF:afghanistan;AL:albania;DZ:algeria/argelia;AD:andorra;AO:angola;AR:argentina;AM:armenia;AU:australia;AT:austria;
AZ:azerbaijan;BS:bahamas;BH:bahrain;BD:bangladesh;BB:barbados;BY:belarus;BE:belgium/belgica;BZ:belize/belice;BJ:benin;BT:bhutan;
BO:bolivia;BA:bosnia;BW:botswana;BR:brazil/brasil;BN:brunei;BG:bulgaria;BF:burkina faso;BI:burundi;KH:cambodia;CM:cameroon;
CA:canada;CV:cape verde;CF:central african republic;TD:chad;CL:chile;CN:china/people s republic of china/prc;CO:colombia;
CR:costa rica;HR:croatia;CU:cuba;CY:cyprus;CZ:czech republic/czechia;DK:denmark;DJ:djibouti;DM:dominica;
DO:dominican republic/republica dominicana;EC:ecuador;EG:egypt/egipto;SV:el salvador;GQ:equatorial guinea;ER:eritrea;
EE:estonia;ET:ethiopia;FJ:fiji;FI:finland;FR:france/francia;GA:gabon;GM:gambia;GE:georgia republic;DE:germany/alemania/deutschland;
GH:ghana;GR:greece;GD:grenada;GT:guatemala;GN:guinea;GY:guyana;HT:haiti;HN:honduras;HK:hong kong;HU:hungary;IS:iceland;
IN:india;ID:indonesia;IR:iran;IQ:iraq;IE:ireland;IL:israel;IT:italy/italia;CI:ivory coast/cote d ivoire;JM:jamaica;JP:japan/japon;
JO:jordan;KZ:kazakhstan;KE:kenya;KW:kuwait;KG:kyrgyzstan;LA:laos;LV:latvia;LB:lebanon;LR:liberia;LY:libya;LI:liechtenstein;
LT:lithuania;LU:luxembourg;MO:macau;MG:madagascar;MW:malawi;MY:malaysia;MV:maldives;ML:mali;MT:malta;MR:mauritania;MU:mauritius;
MX:mexico;MD:moldova;MC:monaco;MN:mongolia;ME:montenegro;MA:morocco/marruecos;MZ:mozambique;MM:myanmar/burma;NA:namibia;NP:nepal;
NL:netherlands/holland/the netherlands;NZ:new zealand;NI:nicaragua;NE:niger;NG:nigeria;KP:north korea;MK:north macedonia;
NO:norway;OM:oman;PK:pakistan;PA:panama;PG:papua new guinea;PY:paraguay;PE:peru;PH:philippines/filipinas;PL:poland;
PT:portugal;QA:qatar;RO:romania;RU:russia/russian federation/rusia;RW:rwanda;SA:saudi arabia;SN:senegal;RS:serbia;SG:singapore;
SK:slovakia;SI:slovenia;SO:somalia;ZA:south africa;KR:south korea/korea;SS:south sudan;ES:spain/espana;LK:sri lanka;SD:sudan;
SR:suriname;SE:sweden/suecia;CH:switzerland/suiza;SY:syria;TW:taiwan;TJ:tajikistan;TZ:tanzania;TH:thailand;TG:togo;
TT:trinidad/trinidad and tobago;TN:tunisia;TR:turkey/turkiye;TM:turkmenistan;UG:uganda;UA:ukraine/ucrania;AE:united arab emirates/uae;
GB:united kingdom/uk/great britain/england/scotland/wales/northern ireland/reino unido;UY:uruguay;UZ:uzbekistan;VE:venezuela;
VN:vietnam/viet nam;YE:yemen;ZM:zambia;ZW:zimbabwe`;

const CITIES = `AE:dubai/abu dhabi;AR:buenos aires;AT:vienna/wien;AU:sydney/melbourne/canberra/brisbane/perth;BE:brussels/bruxelles/antwerp;
BR:sao paulo/rio de janeiro/brasilia;CA:toronto/vancouver/montreal/ottawa/calgary/edmonton/winnipeg/quebec;CH:zurich/geneva/geneve/bern/basel/lausanne;
CL:santiago de chile;CN:beijing/shanghai/shenzhen/guangzhou;CO:bogota/medellin/cali;CR:san jose costa rica;CZ:prague;DE:berlin/munich/muenchen/frankfurt/hamburg/bonn/cologne/koln/dusseldorf/stuttgart;
DK:copenhagen;DO:santo domingo;EG:cairo;ES:madrid/barcelona;FI:helsinki;FR:paris france/lyon/marseille/nice france;GB:london/london uk/manchester/edinburgh/glasgow/birmingham uk/oxford uk/cambridge uk;
GR:athens greece;GT:guatemala city/ciudad de guatemala;HK:kowloon;HN:tegucigalpa/san pedro sula;HU:budapest;IE:dublin;IL:tel aviv/jerusalem/haifa;
IN:new delhi/mumbai/bangalore/bengaluru/chennai/hyderabad india;IT:rome/roma/milan/milano/florence/firenze;JP:tokyo/osaka/kyoto;KE:nairobi;
KR:seoul;LB:beirut;MX:mexico city/ciudad de mexico/guadalajara/monterrey/tijuana/cancun/puebla;NG:lagos/abuja;NI:managua;
NL:amsterdam/rotterdam/the hague;NO:oslo;NZ:auckland/wellington;PA:panama city panama;PE:lima peru;PH:manila/quezon city;PK:karachi/lahore/islamabad;
PL:warsaw;PT:lisbon/lisboa;QA:doha;RU:moscow/st petersburg russia;SA:riyadh/jeddah;SE:stockholm;SG:singapore;
SV:san salvador/santa tecla/soyapango/san miguel el salvador/santa ana el salvador;TH:bangkok;TR:istanbul/ankara/kadikoy;TW:taipei;
UA:kyiv/kiev;VE:caracas/maracaibo;VN:hanoi/ho chi minh`;

export interface Place {
  name: string;
  country: string;
  kind: 'country' | 'city';
}

function parse(text: string, kind: Place['kind']): Place[] {
  const out: Place[] = [];
  for (const entry of text.replace(/\s*\n\s*/g, '').split(';')) {
    const [code, names] = entry.split(':');
    for (const name of names!.split('/')) out.push({ name: foldText(name), country: code!, kind });
  }
  return out;
}

/** All places, longest names first so "san salvador" is preferred over shorter overlaps. */
export const PLACES: Place[] = [...parse(COUNTRIES, 'country'), ...parse(CITIES, 'city')].sort(
  (a, b) => b.name.length - a.name.length,
);

/** Foreign places named in `text` as whole words (folded), longest first; at most 3. */
export function findPlaces(text: string, kinds: Place['kind'][] = ['country', 'city']): Place[] {
  const folded = ` ${foldText(text.slice(0, 500))} `;
  if (folded.length < 3) return [];
  const out: Place[] = [];
  for (const p of PLACES) {
    if (!kinds.includes(p.kind)) continue;
    if (folded.includes(` ${p.name} `) && !out.some((o) => o.name.includes(p.name))) {
      out.push(p);
      if (out.length === 3) break;
    }
  }
  return out;
}
