/**
 * Mechanisms of the lead extractor that text by other writers exercises, each on sentences of our own
 * about a fictional country (Orvania, test/leads/fixtures/orvania.yaml): who speaks around quotations,
 * relative clauses and adverbials; how roles resolve to the registry; what the article retracts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist, type CompiledWatchlist } from '../../src/analyze/match/compile.js';
import { ALLEGATION_CUES, OTHER_FRAME } from '../../src/leads/lexicon.js';
import { plain } from '../../src/util/normalize.js';
import type { Lead } from '../../src/leads/types.js';
import { leadOfBody, mustLeadOfBody } from '../../src/leads/testing.js';
import { loadWatchlist } from '../../src/watch/load.js';

let cw: CompiledWatchlist;
beforeAll(async () => {
  cw = compileWatchlist(await loadWatchlist('test/leads/fixtures/orvania.yaml'));
});

const leadOf = (text: string, title?: string) => leadOfBody(cw, text, title);
const mustLead = (text: string, title?: string) => mustLeadOfBody(cw, text, title);
const ids = (l: Lead) => l.accused.map((a) => a.actor_id);
const kinds = (t: string) => ALLEGATION_CUES.filter(([, re]) => { re.lastIndex = 0; return re.test(plain(t)); }).map(([k]) => k);

describe('who speaks', () => {
  it('a verb inside a quotation is not the reporting verb, nor a party named there the speaker', () => {
    const l = mustLead('Lena Marquette disse que a Orvania Hoy atacou a sua campanha. "Uma agência de um governo estrangeiro apontou o endereço do comitê e começaram as ameaças", afirmou a candidata.');
    expect(l.accusers).toEqual(['Lena Marquette']);
    expect(l.allegations).toContain('threat');
  });

  it('a response verb after an article or a preposition is a noun ("mensajes de rechazo")', () => {
    const l = mustLead('Documentos internos muestran que Berta Lindqvar Soto ordenó llenar las cuentas de Lena Marquette con mensajes de rechazo y de acoso.');
    expect(ids(l)).toContain('xo-party-secretary');
    expect(l.allegations).toEqual(['harassment']);
  });

  it('a relative clause after the subject ("The two-term Democrat, who faces X, said") does not make X the speaker', () => {
    const l = mustLead('Lena Marquette said Orvania Hoy paid influencers to smear her. The two-term Democrat, who faces Republican Roy Dunleavy in November, said the payments were foreign interference.');
    expect(l.accusers).toEqual(['Lena Marquette']);
  });

  it('a leading adverbial ("In a campaign statement, the Democrat said"; "Em entrevista a uma rádio, afirmou") is no subject', () => {
    const en = mustLead('Lena Marquette said Orvania Hoy paid influencers to smear her. In a campaign statement, the Democrat said the outlet had also published her home address.');
    expect(en.accusers).toEqual(['Lena Marquette']);
    expect(en.allegations).toContain('harassment');
    const pt = mustLead('Roy Dunleavy acusou o presidente Dolenko de pedir aos eleitores que votassem contra ele. O chanceler de Orvania, Ilse Marrak Duval, negou. Em entrevista a uma rádio de Porto Claro, afirmou que Dunleavy "interfere na nossa economia".');
    expect(pt.accusers).toEqual(['Roy Dunleavy']);
    expect(ids(pt)).toEqual(['xo-president']);
  });

  it('a new speaker whose verb condemns ("The Dunleavy campaign condemned the threats") responds, it does not accuse', () => {
    const l = mustLead('Lena Marquette said Orvania Hoy threatened her staff. The Dunleavy campaign condemned the threats.');
    expect(l.accusers).toEqual(['Lena Marquette']);
  });
});

describe('roles and the registry', () => {
  it('a body (a cabinet, a party) never resolves to one of its members', () => {
    const l = mustLead('Lena Marquette said President Dolenko and his cabinet paid influencers to smear her.');
    expect(l.accused.map((a) => [a.name, a.actor_id])).toEqual([['President Dolenko', 'xo-president'], ['his cabinet', null]]);
  });

  it('"the government" of a country with a ruling party beside it is the entry named as the government', () => {
    const l = mustLead('Lena Marquette dijo que piratas informáticos vinculados al gobierno orvanense robaron correos de su campaña.');
    expect(ids(l)).toEqual(['xo-government']);
  });

  it('consular officials are the consulate', () => {
    const l = mustLead('Lena Marquette said Orvanian consular officials in Phoenix urged voters to vote against her.');
    expect(ids(l)).toEqual(['xo-consulate-phoenix']);
  });

  it('"orchestrated from Orvania" names its government', () => {
    const l = mustLead('Lena Marquette said the harassment of her volunteers was orchestrated from Orvania.');
    expect(ids(l)).toEqual(['xo-government']);
  });

  it('the one praised, and the one a complaint is to be raised with, are not accused', () => {
    const praised = mustLead('Lena Marquette said hackers who praised President Dolenko broke into her campaign website, and that investigators linked them to the Orvanian government.');
    expect(ids(praised)).toEqual(['xo-government']);
    const raised = mustLead("Lena Marquette said President Dolenko told voters to reject her, and asked the State Department to raise it with Orvania's government.");
    expect(ids(raised)).toEqual(['xo-president']);
  });
});

describe('cues', () => {
  it('quotation marks inside a cue do not break it', () => {
    const l = mustLead('Election officials said Orvania Hoy urged voters in Phoenix to "stay home" on Election Day, naming Lena Marquette.');
    expect(l.allegations).toContain('directive');
  });

  it('naming the street where someone lives, or carrying the office address, is harassment', () => {
    expect(kinds('a segment that named the street where she lives')).toEqual(['harassment']);
    expect(kinds('a publicação trazia o endereço do comitê')).toEqual(['harassment']);
    expect(kinds('el programa reveló la calle donde vive la candidata')).toEqual(['harassment']);
    expect(kinds('uma agência estrangeira apontou o endereço e começaram as ameaças')).toEqual(['harassment', 'threat']);
    expect(kinds('the flyer gave the address of the polling place')).toEqual([]);
    expect(kinds('o folheto trazia o endereço do local de votação')).toEqual([]);
  });
});

describe('what the article retracts or refutes', () => {
  it('a correction or a fact check in the article\'s own voice gives no lead', () => {
    expect('none' in leadOf('Correction: A report on Oct. 3 said President Dolenko urged voters to vote against Lena Marquette. That was incorrect. The post came from a parody account.')).toBe(true);
    expect('none' in leadOf('Verificación: un mensaje asegura que el gobierno de Orvania pagará 100 dólares a quien vote contra Lena Marquette. No hay pruebas. Conclusión: falso.')).toBe(true);
  });

  it('an allegation someone on the record makes survives a correction of something else', () => {
    const l = mustLead("Correction: An earlier version misspelled the consulate's name. Lena Marquette said the Orvanian consulate in Phoenix urged voters to vote against her.");
    expect(ids(l)).toEqual(['xo-consulate-phoenix']);
  });

  it('a claim whose own subject is nobody ("Ninguna autoridad ha presentado denuncias…, según X") alleges nothing', () => {
    const out = leadOf('Ninguna autoridad electoral ha presentado denuncias sobre pagos del gobierno de Orvania a votantes, según confirmó la campaña de Lena Marquette.');
    expect('none' in out).toBe(true);
  });
});

describe('more of who speaks', () => {
  it('a time adverbial ("Since then, the candidate said") and a long dateline are no part of the speaker', () => {
    const l = mustLead('PHOENIX, Arizona, 21 de outubro (Correio do Deserto) — Lena Marquette said Orvania Hoy branded her a traitor. Since then, the candidate said, she has received dozens of threatening messages.');
    expect(l.accusers).toEqual(['Lena Marquette']);
    expect(l.allegations).toEqual(['threat']);
  });

  it('a description before a name ("la firma de ciberseguridad Brightline Labs") gives the name', () => {
    const l = mustLead('La firma de ciberseguridad Brightline Labs, contratada por la campaña, afirmó que piratas informáticos vinculados al gobierno orvanense robaron los correos de Lena Marquette.');
    expect(l.accusers).toEqual(['Brightline Labs']);
  });

  it("a headline's semicolon ends what its speaker says", () => {
    const l = mustLead('Lena Marquette said the harassment of her volunteers was orchestrated from Orvania.', 'Marquette says Orvanian officials orchestrated harassment; ambassador hits back');
    expect(ids(l)).toEqual(['xo-government']);
  });
});

describe('more of the registry', () => {
  it('a party filed under no party role is the body of its country that names itself a party or movement', () => {
    const l = mustLead('Roy Dunleavy disse ter recebido ameaças de militantes do partido governista de Orvania.');
    expect(ids(l)).toEqual(['xo-ruling-party']);
  });

  it('the one called names, and the one defended, are objects; a president inside a quotation names nobody', () => {
    const called = mustLead('Roy Dunleavy said members of the Frente Cívico Orvano threatened him after he called Dolenko "a president who jails reporters."');
    expect(ids(called)).toEqual(['xo-ruling-party']);
    const defended = mustLead('A campanha de Lena Marquette disse que os ataques são obra de um grupo de perfis em defesa do governo de Orvania, pagos pela Orvania Hoy.');
    expect(ids(defended)).toEqual(['xo-state-tv']);
  });
});

describe('more cues', () => {
  it('"never sought or coordinated with" is negated and collaboration, not coordination', () => {
    const l = mustLead("Lena Marquette said the Frente Cívico Orvano paid for the ads. Roy Dunleavy's campaign said it had never sought or coordinated with the party.");
    expect(l.allegations).toEqual(['money']);
  });

  it('a number of accounts without "de" ("200 cuentas repitieron", "200 contas compartilharam") is coordination', () => {
    expect(kinds('al menos 200 cuentas repitieron el texto')).toEqual(['coordination']);
    expect(kinds('cerca de 200 contas compartilharam a publicação em dez minutos')).toEqual(['coordination']);
  });

  it('acting as an unregistered foreign agent is named as `other` (a frame: beside a payment it is the payment, round 4)', () => {
    const other = (t: string) => { OTHER_FRAME.lastIndex = 0; return OTHER_FRAME.test(plain(t)); };
    expect(other('acusados de actuar como agentes no registrados del gobierno de Orvania')).toBe(true);
    expect(other('charged as unregistered agents of Orvania')).toBe(true);
    expect(other('agentes estrangeiros não registrados')).toBe(true);
    expect(other('the agents registered the voters')).toBe(false);
  });
});

describe('responses', () => {
  it('the accused going on ("He said Marquette had herself meddled …") is one response, a counter-accusation', () => {
    const l = mustLead("Lena Marquette said Ambassador Brisk urged voters to vote against her. Ambassador Brisk did not address the accusation. He said Marquette had herself meddled in Orvania's elections.");
    expect(l.responses.map((r) => r.kind)).toEqual(['counter_accusation']);
  });

  it('"That is not interference" is no counter-accusation', () => {
    const l = mustLead('Lena Marquette said Ambassador Brisk urged voters to vote against her. Ambassador Brisk said his remarks were not interference.');
    expect(l.responses.map((r) => r.kind)).toEqual(['other']);
  });

  it("a rival candidate's words on the affair are a response; on anything else they are not", () => {
    const on = mustLead('Lena Marquette said Orvania Hoy paid influencers to smear her. Roy Dunleavy said he wanted nothing to do with foreign money.');
    expect(on.accusers).toEqual(['Lena Marquette']);
    expect(on.responses.map((r) => [r.speaker, r.kind])).toEqual([['Roy Dunleavy', 'denial']]);
    const off = mustLead('Lena Marquette said Orvania Hoy paid influencers to smear her. Roy Dunleavy said the economy matters more.');
    expect(off.responses).toEqual([]);
  });
});

describe('accusers', () => {
  it("a member speaking for the accuser already named (\"said Ada Brenn, Brightline's director of research\") is that accuser", () => {
    const l = mustLead('Brightline Labs said hackers linked to the Orvanian government broke into the email of Lena Marquette. "It was one operation," said Ada Brenn, Brightline\'s director of research. "Hundreds of accounts posted the same links within the hour."');
    expect(l.accusers).toEqual(['Brightline Labs']);
  });

  it('a spokesperson for a body named in the apposition speaks for that body, not for the accuser before', () => {
    const l = mustLead('Lena Marquette said Orvanian consular officials in Phoenix harassed her volunteers. "They told us they knew where our parents live," said Rita Olvar, portavoz de la coalición Phoenix Vota.');
    expect(l.accusers).toEqual(['Lena Marquette', 'Phoenix Vota']);
  });

  it('a report\'s name without the participle after it ("Centro X divulgado nesta quinta-feira")', () => {
    const l = mustLead('Segundo um relatório do Centro de Estudos Atlânticos divulgado nesta quinta-feira, perfis ligados à Orvania Hoy atacaram Lena Marquette de forma coordenada.');
    expect(l.accusers).toEqual(['Centro de Estudos Atlânticos']);
  });
});

describe('campaign staff after a quotation', () => {
  it('\'"…, and he owes us an explanation," campaign spokesman X said\': the staffer speaks, not an official, and the quote is the allegation', () => {
    const l = mustLead('Lena Marquette said Orvania Hoy ran ads against her. "President Dolenko\'s government paid influencers to smear Lena Marquette, and he owes Arizonans an explanation," campaign spokesman Ivo Strand said.');
    expect(ids(l)).toEqual(['xo-president']);
    expect(l.accusers).toEqual(['Ivo Strand']);
    expect(l.responses).toEqual([]);
  });
});

describe('registry aliases and followers', () => {
  it('an alias that starts with an article matches contracted ("assessores do gabinete do presidente")', () => {
    const l = mustLead('Lena Marquette disse que recebeu ameaças de perfis operados por assessores do gabinete do presidente.');
    expect(ids(l)).toEqual(['xo-government']);
  });

  it('the body whose accounts the profiles follow is not accused', () => {
    const l = mustLead('A campanha de Lena Marquette disse que perfis que seguem apenas contas oficiais do governo de Orvania a insultam, pagos pela Orvania Hoy.');
    expect(ids(l)).toEqual(['xo-state-tv']);
  });
});

describe('an accuser taking it back', () => {
  it('an accuser who withdrew the allegation no longer makes it', () => {
    const out = leadOf("Roy Dunleavy said Orvania Hoy paid influencers to smear him. On Friday, Dunleavy's campaign said he had withdrawn the allegation after learning the payments came from a local firm.");
    expect('none' in out).toBe(true);
  });

  it('another accuser still standing keeps the lead', () => {
    const l = mustLead('Roy Dunleavy said Orvania Hoy paid influencers to smear him. Lena Marquette said the outlet also harassed her staff. Dunleavy later withdrew the claim.');
    expect(l.accusers).toEqual(['Lena Marquette']);
  });

  it('"the premier" of a country names its head of state or government (here the president, the only one filed)', () => {
    const l = mustLead("Lena Marquette said Orvania's premier urged voters to vote against her.");
    expect(l.accused.map((a) => a.role)).toEqual(['head_of_state']);
  });
});

describe("accusers' names: hosts, datelines, the outlet told", () => {
  it('researchers at a lab hosted by a university are the lab', () => {
    const l = mustLead('PHOENIX (Desert Wire) - Orvania Hoy paid creators to post videos against Lena Marquette, according to a report by researchers at the Civic Signals Lab at Mesa State University.');
    expect(l.accusers).toEqual(['Civic Signals Lab']);
  });

  it('a hyphen dateline and a description before a one-word name ("The social platform Skein")', () => {
    const l = mustLead('PHOENIX (Desert Wire) - The social platform Skein said it removed 300 accounts linked to Orvania Hoy that posted the same attacks on Lena Marquette within the hour.');
    expect(l.accusers).toEqual(['Skein']);
  });

  it('"disse ao Diário X o diretor da Brightline": the body speaking, not the outlet told', () => {
    const l = mustLead('«Perfis ligados à Orvania Hoy publicaram o endereço de Lena Marquette», disse ao Diário Austral o diretor de pesquisa da Brightline.');
    expect(l.accusers).toEqual(['Brightline']);
  });
});

describe('rumours, asides, adjectives', () => {
  it('"workers paid" at the end of a clause is no payment; "were paid" still is', () => {
    expect(kinds('a deal that keeps our plants running and our workers paid,')).toEqual([]);
    expect(kinds('the creators were paid.')).toEqual(['money']);
    expect(kinds('the embassy paid influencers')).toEqual(['money']);
  });

  it('a rumour ("supporters had speculated that the ads were paid for from abroad") alleges nothing', () => {
    const out = leadOf('The ads against Lena Marquette were paid for by a local super PAC, filings show. Because they appeared after President Dolenko criticized her, some supporters had speculated online that the ads were paid for by Orvania.');
    expect('none' in out).toBe(true);
  });

  it('a verb inside a dash aside is not the reporting verb; a place made an adjective is no agent', () => {
    const out = leadOf('PHOENIX — The ads against Lena Marquette — spots that accuse her of abandoning families — were paid for by a Delaware-registered nonprofit, filings show.');
    expect('none' in out).toBe(true);
  });
});

describe('donors as data', () => {
  it('a stolen donor list is hacking, its donations no money; foreign money beside a break-in still is', () => {
    const data = mustLead('Lena Marquette dijo que piratas informáticos vinculados al gobierno de Orvania robaron la lista de donantes de su campaña. "Eran donaciones pequeñas", dijo Marquette.');
    expect(data.allegations).toEqual(['hacking']);
    const paid = mustLead('Lena Marquette said hackers linked to the Orvanian government stole her donor list, and that Orvania Hoy paid influencers to publish it.');
    expect(paid.allegations).toEqual(['money', 'hacking']);
  });
});

describe('a pronoun responder', () => {
  it('"And the Justice Department?" "It declined to comment": the body the sentence before names', () => {
    const l = mustLead('Lena Marquette said Ambassador Brisk urged voters to vote against her. And the Justice Department? It declined to comment.');
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([['Justice Department', 'no_comment']]);
  });
});
