/**
 * Mechanisms of the lead extractor from round 6 (the errors of writers w18 and w19, classed by cause and kept only where
 * the cause recurs in other writers' sets), each on sentences of our own about a fictional country (Calvera,
 * test/leads/fixtures/calvera.yaml).
 */
import { describe, expect, it } from 'vitest';
import { calveraLeads } from './calvera.js';

const { leadOf, mustLead, actorIds } = calveraLeads();

describe('a party met, visited, summoned or criticised by someone else is not accused', () => {
  it('the one criticised ("since criticising Calveran President X") is the object, not the accused', () => {
    const text = "Rep. Greta Halvorsen said she had received death threats since criticising Calveran President Octavio Rubín Escalante's treatment of reporters, and accused the PPC of directing the campaign.";
    expect(actorIds(text)).toEqual(['xc-ruling-party']);
  });

  it('the one to be summoned ("pidió al Departamento de Estado que convoque al embajador") is not accused', () => {
    const text = 'Greta Halvorsen denunció que el PPC pidió no votar por ella. Halvorsen calificó el mensaje de "injerencia" y pidió al Departamento de Estado que convoque al embajador de Calvera.';
    expect(actorIds(text)).toEqual(['xc-ruling-party']);
  });

  it('the one a candidate will meet ("seek a meeting with Calvera\'s ambassador, X") is not accused', () => {
    // The allegation names nobody, so the article's first foreign party would be taken; the one she will meet is none.
    const text = "Greta Halvorsen said foreign money had paid for the ads against her. She said she would seek a meeting with Calvera's ambassador, Marta Lisboa Feraud, on visas.";
    expect(leadOf(text)).toHaveProperty('none');
  });
});

describe('remittances are not foreign money', () => {
  it('families sending money home to the foreign country make no lead', () => {
    const text = 'Emilio Pardo Quintana said families sending money home to Calvera "pay too much in fees," and said he would seek a meeting with Ambassador Lisboa about consular services.';
    expect(leadOf(text)).toHaveProperty('none');
  });

  it('money sent from the foreign country still counts', () => {
    expect(mustLead('Greta Halvorsen said the PPC was sending money to a Tucson committee that runs ads against her.').allegations).toContain('money');
  });
});

describe('the object of an accusing verb is accused', () => {
  it('"acusó a CTV y al PPC de …" with no kind in that sentence: both accused once the accuser alleges a kind', () => {
    const text = 'Greta Halvorsen acusó el jueves a CTV y al PPC de actuar contra su candidatura. La elección es el 3 de noviembre. Según Halvorsen, el PPC pidió a los calveranos votar por Pardo.';
    expect(actorIds(text)).toEqual(['xc-ruling-party', 'xc-state-tv']);
  });

  it('with no allegation anywhere the accusing verb alone makes no lead', () => {
    expect(leadOf('Greta Halvorsen acusó a CTV de mentir sobre su historial.')).toHaveProperty('none');
  });
});

describe('the accused campaigning or organising for a candidate is a directive', () => {
  it('"acusó … de hacer campaña a favor de su rival" (es) and "de fazer campanha por" (pt)', () => {
    expect(mustLead('Greta Halvorsen acusó al consulado de Calvera en Tucson de hacer campaña a favor de su rival.').allegations).toEqual(['directive']);
    expect(mustLead('Greta Halvorsen acusou o PPC de fazer campanha por Pardo entre os calveranos de Tucson.').allegations).toEqual(['directive']);
  });

  it('"instructed the consuls to organise voter caravans in favour of X"', () => {
    expect(mustLead('Greta Halvorsen said Ambassador Lisboa had instructed the consuls to organise voter caravans in favour of Pardo.').allegations).toEqual(['directive']);
  });

  it('voters who campaign for someone, warned by the consulate, are no directive ("si seguían haciendo campaña por X")', () => {
    const lead = mustLead('Greta Halvorsen denunció que funcionarios del consulado de Calvera en Tucson amenazaron a varias familias si seguían haciendo campaña por ella.');
    expect(lead.allegations).toEqual(['threat']);
  });
});

describe('a funding apposition describes a body', () => {
  it('", un centro cultural financiado por empresas calveranas" is no payment', () => {
    const lead = mustLead('Greta Halvorsen acusó al PPC y al Instituto Puente, un centro cultural financiado por empresas calveranas, de organizar grupos que hostigaron a sus voluntarios.');
    expect(lead.allegations).toEqual(['harassment']);
  });

  it('funding told as the act still counts', () => {
    expect(mustLead('Greta Halvorsen said the PPC funded a network of influencers who attacked her.').allegations).toContain('money');
  });
});

describe('buying ads is paying for them', () => {
  it('"purchased promoted posts" and "compró anuncios" are money', () => {
    expect(mustLead('Greta Halvorsen said the PPC purchased promoted posts against her in Tucson.').allegations).toEqual(['money']);
    expect(mustLead('Greta Halvorsen denunció que el PPC compró anuncios en Tucson contra ella.').allegations).toEqual(['money']);
  });
});

describe('coordinating with accounts is coordination; coordinating with a campaign is not', () => {
  it('"CTV coordena com esses perfis" is coordination', () => {
    expect(mustLead('O pastor Elias Moura afirmou que a CTV «coordena com esses perfis» para espalhar boatos contra Greta Halvorsen.').allegations).toEqual(['coordination']);
  });

  it('"coordinated with the committee" is no kind', () => {
    expect(leadOf('Greta Halvorsen said the PPC had coordinated with the committee on a cultural fair.')).toHaveProperty('none');
  });
});
