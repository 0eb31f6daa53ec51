/**
 * Mechanisms of the lead extractor from round 5 (the errors of writers w16 and w17, classed by cause), each on
 * sentences of our own about a fictional country (Calvera, test/leads/fixtures/calvera.yaml).
 */
import { describe, expect, it } from 'vitest';
import { compileWatchlist } from '../../src/analyze/match/compile.js';
import { mustLeadOfBody } from '../../src/leads/testing.js';
import { loadWatchlist } from '../../src/watch/load.js';
import { calveraLeads } from './calvera.js';

const { leadOf, mustLead, actorIds } = calveraLeads();

describe('the outlet that reported it first', () => {
  it('"As first reported by X," opening a sentence is no speaker: the clause after speaks', () => {
    const lead = mustLead("TUCSON, Sept. 3 — As first reported by the Desert Ledger, Rep. Greta Halvorsen says Calvera's president, Octavio Rubín Escalante, is trying to steer Calveran-American voters against her.");
    expect(lead.accusers).toEqual(['Greta Halvorsen']);
    expect(lead.allegations).toEqual(['directive']);
    expect(lead.accused.map((a) => a.actor_id)).toEqual(['xc-president']);
  });

  it('in Spanish and Portuguese too ("Según informó el diario X,", "Conforme noticiou o Y,")', () => {
    expect(mustLead('Según informó el diario La Voz del Valle, Greta Halvorsen denunció que el PPC pagó a influencers para atacarla.').accusers).toEqual(['Greta Halvorsen']);
    expect(mustLead('Conforme noticiou o Jornal do Vale, Greta Halvorsen acusou o PPC de pagar influenciadores para atacá-la.').accusers).toEqual(['Greta Halvorsen']);
  });

  it('with no reporting verb after it, the outlet stays the source of the sentence', () => {
    expect(leadOf('As first reported by the Desert Ledger, about 400 people attended the fair at the consulate.')).toHaveProperty('none');
  });
});

describe('a quoted post by the accused telling voters how to vote', () => {
  it('is the directive itself when it names a watchlist candidate, its author found the sentence before', () => {
    const lead = mustLead('On Sept. 14, President Rubín wrote on X to his followers. The post read: "To my Calveran brothers and sisters in Tucson: on November 3, not one vote for Halvorsen."');
    expect(lead.allegations).toEqual(['directive']);
    expect(lead.accused.map((a) => a.actor_id)).toEqual(['xc-president']);
    expect(lead.candidate_ids).toEqual(['c-halvorsen']);
  });

  it('"the president" before the posting verb is the head accused, the post\'s author ("el presidente tuiteó: «…»")', () => {
    const lead = mustLead('Greta Halvorsen dijo que cientos de cuentas ligadas a Octavio Rubín Escalante la acosaron. El 20 de octubre el presidente tuiteó: "Hermanos calveranos de Arizona: ni un solo voto para Halvorsen".');
    expect(lead.quoted_posts.map((q) => q.author_handle)).toEqual(['ORubinE']);
    expect(lead.allegations).toContain('directive');
  });

  it('a post about a vote abroad names no watchlist candidate: no lead', () => {
    expect(leadOf('On Sept. 14, President Rubín wrote on X to his followers. The post read: "On Sunday, vote for the Popular list in every province of Calvera."')).toHaveProperty('none');
  });
});

describe('a question-and-answer interview', () => {
  const interview = (intro: string, answer: string) => `${intro}\n\nQ: What happened?\nA: ${answer}\n\nQ: Anything else?\nA: No.`;

  it('its answers are the words of the one the desk spoke to', () => {
    const lead = mustLead(interview('TUCSON, Oct. 2 — Last week the campaign of Greta Halvorsen said its email was broken into. We spoke to Inés Varga Molina, who leads the Sonora Digital Lab.', 'Our analysis links the break-in to hackers working for the Calveran Ministry of Communications.'));
    expect(lead.accusers).toEqual(['Inés Varga Molina']);
    expect(lead.allegations).toEqual(['hacking']);
    expect(lead.accused.map((a) => a.actor_id)).toEqual(['xc-communications-ministry']);
  });

  it('else the one the title names, in Spanish labels ("P:", "R:")', () => {
    const text = 'TUCSON, 6 de noviembre — La congresista ganó la reelección. Conversó con El Diario el jueves.\n\nP: ¿Cómo fue la campaña?\nR: Cientos de cuentas del PPC me acosaron todos los días.\n\nP: ¿Y ahora?\nR: Seguiré.';
    const lead = mustLead(text, 'Entrevista: Greta Halvorsen, tras su reelección');
    expect(lead.accusers).toEqual(['Greta Halvorsen']);
    expect(lead.allegations).toContain('harassment');
    expect(actorIds(text, 'Entrevista: Greta Halvorsen, tras su reelección')).toEqual(['xc-ruling-party']);
  });

  it('a line starting "A:" with no question labels is no interview', () => {
    expect(leadOf('TUCSON, Oct. 2 — Inés Varga Molina leads a lab.\nA: Our analysis links the break-in to hackers working for the Calveran Ministry of Communications.')).toHaveProperty('none');
  });
});

describe('who pays', () => {
  const kinds = (text: string) => [...mustLead(text).allegations].sort();

  it('"vai pagar por isso", "pagar por lo que opino" are retribution, not money', () => {
    expect(kinds('Greta Halvorsen disse que o PPC a ameaçou: "Quem trai Calvera vai pagar por isso".')).toEqual(['threat']);
    expect(kinds('Greta Halvorsen dijo que cientos de cuentas del PPC la acosaron. "Mi familia no tiene por qué pagar por lo que opino", dijo.')).toEqual(['harassment']);
  });

  it('a payer marked as domestic, in a sentence that names no foreign party, pays no foreign money', () => {
    expect(kinds('Greta Halvorsen said hundreds of accounts tied to CTV shared the same clips. Researchers said a Michigan-registered marketing firm, Bluewater Reach LLC, paid for promoted posts that carried the clips.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen disse que centenas de contas ligadas à CTV compartilharam os mesmos vídeos. Ela afirmou que os anúncios foram pagos por um comitê local.')).toEqual(['coordination']);
  });

  it('a foreign payer still pays, wherever the firm it paid is registered', () => {
    expect(kinds('Greta Halvorsen said the PPC paid a Michigan-registered marketing firm to post about her.')).toEqual(['money']);
  });

  it('a body the article calls domestic is not proposed as a foreign party: no one accused, no lead', () => {
    const out = leadOf('Greta Halvorsen said the robocalls were voter suppression paid for by Desert Forward Values, a super PAC registered in Arizona.');
    expect(out).toHaveProperty('none');
  });
});

describe('attacks a network spreads, intimidation as a threat\'s aim', () => {
  const kinds = (text: string) => [...mustLead(text).allegations].sort();

  it('attacks a network spreads or repeats are its content ("espalhou ataques", "repite los mismos ataques")', () => {
    expect(kinds('Greta Halvorsen disse que uma rede de contas ligada à CTV espalhou ataques contra ela.')).toEqual(['coordination']);
    expect(kinds('Greta Halvorsen dijo que CTV coordina una red de cuentas que repite cada día los mismos ataques contra ella.')).toEqual(['coordination']);
  });

  it('"uma tentativa de me intimidar" beside a threat is what the threat was for', () => {
    expect(kinds('Greta Halvorsen afirmou que o cônsul de Calvera em Tucson a ameaçou. "Isto é uma tentativa de me intimidar", disse.')).toEqual(['threat']);
  });
});

describe('"It claims …"', () => {
  it('a pronoun for a thing is no accuser: with nobody named before it, a refuted message alleges nothing', () => {
    expect(leadOf('TUCSON, Oct. 21 — Several readers sent us the same chain message this week. It claims that the PPC "secretly paid $2 million" for ads against Greta Halvorsen. We checked. Our verdict: false.')).toHaveProperty('none');
  });

  it('after an accuser, "It alleges" goes on with the accuser\'s document', () => {
    const lead = mustLead('Greta Halvorsen filed a complaint on Monday. It alleges that CTV paid influencers to post about her.');
    expect(lead.accusers).toEqual(['Greta Halvorsen']);
    expect(lead.allegations).toEqual(['money']);
  });
});

describe('a consul named after the role stood for the consulate', () => {
  it('"cônsul de Calvera" in the title, the consul named in the text: the consul, not the consulate', async () => {
    const withConsul = compileWatchlist(await loadWatchlist('test/leads/fixtures/round5.yaml'));
    const lead = mustLeadOfBody(withConsul, 'TUCSON — Greta Halvorsen denunciou o cônsul-geral de Calvera em Tucson, Anselmo Quiroga Bedel, por pedir que eleitores calveranos votassem contra ela.', 'Candidata denuncia cônsul de Calvera por pedir votos contra ela');
    expect(lead.accused.map((a) => a.actor_id)).toEqual(['xc-consul-tucson']);
  });

  it('with no consul named, the consul role still stands for the consulate', async () => {
    const withConsul = compileWatchlist(await loadWatchlist('test/leads/fixtures/round5.yaml'));
    const lead = mustLeadOfBody(withConsul, 'TUCSON — Greta Halvorsen denunciou o cônsul de Calvera em Tucson por pedir que eleitores calveranos votassem contra ela.');
    expect(lead.accused.map((a) => a.actor_id)).toEqual(['xc-consulate-tucson']);
  });
});

describe('a present-tense verb before its speaker at the end ("…, denuncia X", "…, diz campanha")', () => {
  it('the speaker after the verb accuses; the clause before is what is alleged', () => {
    const lead = mustLead('Cientos de cuentas del PPC acosaron a la congresista durante semanas, denuncia Greta Halvorsen.');
    expect(lead.accusers).toEqual(['Greta Halvorsen']);
    expect(lead.allegations).toEqual(['harassment']);
    expect(mustLead('A CTV pagou influenciadores para atacar a deputada, acusa Greta Halvorsen.').accusers).toEqual(['Greta Halvorsen']);
  });
});

describe('an allegation over two sentences', () => {
  it('the government the sentence before names is accused, as another foreign party would be', () => {
    const text = 'Greta Halvorsen dijo que CTV la atacó con cientos de cuentas. También dijo que el gobierno de Calvera ofreció un fondo comunitario a las asociaciones. Según ella, la condición era que pidieran a sus socios votar contra Halvorsen.';
    expect(actorIds(text)).toEqual(['xc-government', 'xc-state-tv']);
  });
});

describe('keeping voters from the polls', () => {
  const kinds = (text: string) => [...mustLead(text).allegations].sort();

  it('is interference with no more precise method named (other)', () => {
    expect(kinds('Greta Halvorsen acusou a CTV de tentar "afastar das urnas uma comunidade" que vota nela.')).toEqual(['other']);
    expect(kinds('Greta Halvorsen said CTV was behind an attempt to keep Calveran-American voters in her district from the polls.')).toEqual(['other']);
  });

  it('beside coordinated accounts it names their aim, no second kind', () => {
    expect(kinds('Greta Halvorsen dijo que una red de cuentas falsas ligada a CTV buscaba desalentar el voto por ella.')).toEqual(['coordination']);
  });
});

describe('agents of a country', () => {
  it('"unregistered agents of Calvera" stand for its government', () => {
    expect(actorIds('Federal prosecutors charged two Arizona residents with acting as unregistered agents of Calvera, alleging that they paid influencers to attack Greta Halvorsen.')).toContain('xc-government');
    expect(actorIds('Fiscales acusaron a dos residentes de actuar como agentes no registrados de Calvera y de pagar a influencers para atacar a Greta Halvorsen.')).toContain('xc-government');
  });
});
