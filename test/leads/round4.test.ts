/**
 * Mechanisms of the lead extractor from round 4 (the allegation kinds writers w12–w15 did not label), each on
 * sentences of our own about a fictional country (Calvera, test/leads/fixtures/calvera.yaml): which sentence may
 * carry an allegation kind, and which kind a cue names there.
 */
import { describe, expect, it } from 'vitest';
import { extractLead } from '../../src/leads/extract.js';
import { readText } from '../../src/leads/read.js';
import type { Lead } from '../../src/leads/types.js';
import { compileWatchlist } from '../../src/analyze/match/compile.js';
import { loadWatchlist } from '../../src/watch/load.js';
import { calveraLeads } from './calvera.js';

const { leadOf, mustLead } = calveraLeads();
const kinds = (text: string) => [...mustLead(text).allegations].sort();

describe('content carrying an attack', () => {
  it('an attack that is part of the content a network spreads is campaign speech, not harassment', () => {
    expect(kinds("A network of 300 accounts amplified segments from Calvera's state broadcaster, CTV, attacking Rep. Greta Halvorsen, researchers said.")).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen dijo que una red de cuentas falsas ligada al PPC difunde ataques en su contra.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen dijo que cien páginas publicaron contenido producido por CTV para atacar a su campaña de manera coordinada.')).toEqual(['coordination']);
  });

  it('accounts attacking her themselves still harass her', () => {
    expect(kinds('Greta Halvorsen said hundreds of accounts linked to the PPC attacked her for weeks.')).toContain('harassment');
  });
});

describe("what an operation is called is no method beside how it works", () => {
  it('disinformation or fabricated stories pushed by fake accounts are the coordination; unregistered agents paid are the money', () => {
    expect(kinds('Greta Halvorsen accused CTV of pushing disinformation about her through a network of fake accounts.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen said CTV aired fabricated stories about her and that bots amplified them.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen said the Calveran Ministry of Communications paid two residents acting as unregistered agents to post about her.')).toEqual(['money']);
  });

  it('alone, the name is the allegation (other); a method outside the kinds stays beside them', () => {
    expect(kinds('Greta Halvorsen accused CTV of spreading disinformation about her.')).toEqual(['other']);
    expect(kinds('Greta Halvorsen said CTV made a deepfake video of her and that bots amplified it.')).toEqual(['coordination', 'other']);
  });
});

describe('"to intimidate" beside a threat', () => {
  it('is what the threat was for, not a second method', () => {
    expect(kinds('Greta Halvorsen said the consul of Calvera in Tucson threatened to delay the passports of anyone at her rally, to intimidate voters.')).toEqual(['threat']);
    expect(kinds('Greta Halvorsen dijo que el cónsul de Calvera en Tucson amenazó con retrasar pasaportes para intimidar a los votantes.')).toEqual(['threat']);
  });

  it('a campaign of intimidation beside threats is harassment too', () => {
    expect(kinds('Greta Halvorsen said the consulate of Calvera in Tucson ran a campaign of intimidation and sent threats to her volunteers.')).toEqual(['harassment', 'threat']);
  });
});

describe('negated, denied and general', () => {
  it('a report verb negated alleges nothing ("has never accused … of funding")', () => {
    const out = leadOf("Greta Halvorsen's campaign confirmed on Monday that the candidate has never accused the ambassador of Calvera of funding ads.");
    expect('none' in out || !out.lead.allegations.includes('money')).toBe(true);
  });

  it("a candidate's denial of coordination is no allegation of coordination", () => {
    const l = mustLead('Greta Halvorsen acusó al presidente de Calvera de pedir a los votantes que no votaran por ella. Emilio Pardo negó cualquier coordinación con el presidente.');
    expect(l.allegations).toEqual(['directive']);
  });

  it('a remark about no one ("no foreign government should be harassing any candidate") is general, no kind', () => {
    const en = mustLead('Greta Halvorsen said the consul of Calvera in Tucson threatened her volunteers. Emilio Pardo said that no foreign government should be harassing any candidate.');
    expect(en.allegations).toEqual(['threat']);
    const pt = mustLead('Greta Halvorsen disse que o cônsul de Calvera em Tucson ameaçou seus voluntários. Emilio Pardo disse que "nenhum governo estrangeiro deve hostilizar eleitores".');
    expect(pt.allegations).toEqual(['threat']);
  });

  it('"não mostra nenhum anúncio pago pelo consulado" shows no payment', () => {
    const l = mustLead('Greta Halvorsen disse que o cônsul de Calvera em Tucson ameaçou seus voluntários. A biblioteca de anúncios não mostra nenhum anúncio pago pelo consulado de Calvera.');
    expect(l.allegations).toEqual(['threat']);
  });

  it('an accuser withdrawing the claim with a date in between ("retirou nesta quarta-feira, 21 de outubro, a acusação") makes none', () => {
    const out = leadOf('A campanha de Greta Halvorsen retirou nesta quarta-feira, 21 de outubro, a acusação de que o consulado de Calvera em Tucson teria financiado anúncios contra Emilio Pardo.');
    expect('none' in out).toBe(true);
  });
});

describe('money needs a foreign party or source in its sentence', () => {
  it('a payment told with nobody foreign in it is not foreign money', () => {
    const l = mustLead('Greta Halvorsen said text messages urging voters not to vote for her came from the consulate of Calvera in Tucson. The texting company said a client had paid for the messages but declined to name it.');
    expect(l.allegations).toEqual(['directive']);
  });

  it('"foreign money", or a foreign party paying, is money', () => {
    expect(kinds('Greta Halvorsen said CTV pushed voters not to vote for her. She said foreign money paid for the mailers.')).toEqual(['directive', 'money']);
    expect(kinds('Greta Halvorsen said the Calveran Ministry of Communications paid influencers to post about her.')).toEqual(['money']);
  });

  it('"iam pagar" with nothing paid is retribution, not money', () => {
    const l = mustLead('Greta Halvorsen disse que perfis do PPC ameaçaram sua família e escreveram que os pais dela em Calvera iam pagar.');
    expect(l.allegations).toEqual(['threat']);
  });
});

const ids = (l: Lead) => [...new Set(l.accused.map((a) => a.actor_id))].sort();

describe('accused: which registry entry a role names', () => {
  it("an embassy is the ambassador's mission: with no embassy filed, the ambassador, never a consulate", () => {
    const l = mustLead("A watchdog said in a complaint that Calvera's embassy paid a PR firm to run ads supporting Emilio Pardo against Greta Halvorsen.");
    expect(ids(l)).toEqual(['xc-ambassador']);
  });

  it('"president of the Calveran-American Civic Association" is an officer of that body, no head of state', () => {
    const l = mustLead('According to Ana Ruiz, president of the Calveran-American Civic Association, CTV paid for radio ads attacking Greta Halvorsen.');
    expect(ids(l)).toEqual(['xc-state-tv']);
    // The country's president still is one.
    expect(ids(mustLead('Greta Halvorsen said the president of Calvera told voters not to vote for her.'))).toEqual(['xc-president']);
  });

  it('"um deputado do PPC" is the one officer the registry files under the party', () => {
    const l = mustLead('A campanha de Greta Halvorsen denunciou que um deputado do PPC ameaçou voluntárias da campanha.');
    expect(ids(l)).toEqual(['xc-party-officer']);
  });

  it('an owner described in a relative clause ("CTV, which is funded by Calvera\'s government") is not accused', () => {
    const l = mustLead("Greta Halvorsen accused CTV, which is funded by Calvera's government, of urging viewers not to vote for her.");
    expect(ids(l)).toEqual(['xc-state-tv']);
  });

  it('a foreign party sharing the segments a network pushed is part of the amplification (coordination)', () => {
    const l = mustLead("Researchers said a network of fake accounts pushed CTV clips against Greta Halvorsen. The report says the Calveran Ministry of Communications shared at least 14 of the segments.");
    expect(l.allegations).toEqual(['coordination']);
    expect(ids(l)).toEqual(['xc-communications-ministry', 'xc-state-tv']);
  });
});

describe('directives in other words', () => {
  it('recommending the vote for someone, telling voters how to vote, pressing leaders to campaign for someone', () => {
    expect(kinds('Greta Halvorsen denunciou que o consulado de Calvera em Tucson distribuiu um guia recomendando o voto no republicano Emilio Pardo.')).toEqual(['directive']);
    expect(kinds('Greta Halvorsen dijo que el presidente de Calvera le está diciendo a los calveranos cómo votar.')).toEqual(['directive']);
    expect(kinds('Greta Halvorsen dijo que funcionarios del consulado de Calvera en Tucson presionaron a líderes comunitarios para organizar actos a favor de Emilio Pardo.')).toEqual(['directive']);
  });
});

describe('background and what nobody is said to have done', () => {
  it('an earlier allegation in the pluperfect ("ya había denunciado en septiembre un hackeo") is background to this one', () => {
    const l = mustLead('Greta Halvorsen acusó al presidente de Calvera de pedir a los calveranos que no votaran por ella. Halvorsen ya había denunciado en septiembre un hackeo de su campaña que atribuyó a Calvera.');
    expect(l.allegations).toEqual(['directive']);
  });

  it('calls the accuser "did not say who was behind" are attributed to nobody', () => {
    const l = mustLead('Greta Halvorsen accused the president of Calvera of telling voters not to vote for her. Halvorsen said her office had received a surge of abusive calls but did not say who was behind them.');
    expect(l.allegations).toEqual(['directive']);
    // Said to come from the accused, they are harassment.
    const m = mustLead('Greta Halvorsen accused the president of Calvera of telling voters not to vote for her. Halvorsen said CTV had flooded her office with abusive calls.');
    expect(m.allegations).toEqual(['directive', 'harassment']);
  });
});

describe("the accused's side answering", () => {
  it('a speaker named by a foreign office alone ("según un comunicado de la Cancillería") counter-charges, it does not allege', () => {
    const l = mustLead('Greta Halvorsen acusó al presidente de Calvera de pedir a los calveranos que no votaran por ella. Según un comunicado de la Cancillería, la congresista "lleva años financiando a la oposición calverana".');
    expect(l.allegations).toEqual(['directive']);
    expect(l.accusers).toEqual(['Greta Halvorsen']);
  });

  it('how an outlet is funded ("CTV, which is funded by the government") describes it, it alleges no payment', () => {
    const l = mustLead("Greta Halvorsen accused CTV of urging viewers not to vote for her. Her aide said CTV, which is funded by Calvera's government, had aired the call twice.");
    expect(l.allegations).toEqual(['directive']);
  });
});

describe('what is not alleged after all', () => {
  it('a kind the accuser offered no evidence of, a verb between ("no presentó pruebas de esa coordinación"), is none', () => {
    const l = mustLead('Greta Halvorsen acusó al presidente de Calvera de pedir a los calveranos que no votaran por ella. Según la campaña, el mensaje fue compartido por cuentas calveranas, aunque el equipo no presentó pruebas de esa coordinación.');
    expect(l.allegations).toEqual(['directive']);
  });

  it('"votar nos EUA" is where one votes, not for whom', () => {
    const out = leadOf('Greta Halvorsen disse que a diáspora calverana aprendeu a votar nos EUA, longe do PPC de Calvera.');
    expect('none' in out).toBe(true);
  });
});

describe('cue forms', () => {
  it('"tried to phish" is hacking; "mensajes idénticos", "mensagens idênticas" (adjective after the noun) are coordination', () => {
    expect(kinds('Greta Halvorsen said operators working for the Calveran government tried to phish her campaign staff.')).toEqual(['hacking']);
    expect(kinds('Greta Halvorsen dijo que cuentas ligadas al PPC enviaron a su oficina cientos de mensajes idénticos.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen disse que perfis ligados ao PPC enviaram centenas de mensagens idênticas ao seu gabinete.')).toEqual(['coordination']);
  });
});

describe('two governments named together', () => {
  it('"linked to the governments of Calvera and Orvania" accuses both', async () => {
    const two = compileWatchlist(await loadWatchlist('test/leads/fixtures/calvera-orvania.yaml'));
    const out = extractLead(readText('Title: Test\n\nGreta Halvorsen said networks of fake accounts linked to the governments of Calvera and Orvania were targeting her voters.\n', 'round4.txt'), two);
    if ('none' in out) throw new Error(out.none.message);
    expect(ids(out.lead)).toEqual(['xc-government', 'xo-government']);
  });
});

describe('a post quoted after "writing:"', () => {
  it("is the poster's words, not the article's narration of a payment", () => {
    const l = mustLead('Greta Halvorsen said hackers working for the Calveran government broke into her campaign database. CTV promoted the stolen list on X on Monday, writing: "Who is paying for Halvorsen\'s war on Calvera? The names are here."');
    expect(l.allegations).toEqual(['hacking']);
  });
});

describe('accuser names', () => {
  it('an age in apposition, an auxiliary after the subject and a sentence adverb before it are no part of the name', () => {
    expect(mustLead('Ana Ruiz, 58, said CTV paid influencers to attack Greta Halvorsen.').accusers).toEqual(['Ana Ruiz']);
    expect(mustLead('The Tucson Civic League has warned that CTV paid influencers to attack Greta Halvorsen.').accusers).toEqual(['Tucson Civic League']);
    expect(mustLead('Now the Tucson Civic League says CTV paid influencers to attack Greta Halvorsen.').accusers).toEqual(['Tucson Civic League']);
  });
});
