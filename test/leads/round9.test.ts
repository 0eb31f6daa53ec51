/**
 * Round 9: what a correction takes back, in a wire service's form. The outlet speaks in its own voice after a
 * dateline tag ("TUCSON, 15 oct (NVA) — CORRECCIÓN."), a headline label read as a speaker ("CORRECCIÓN: …") is the
 * outlet too, a record the correction cites ("según la grabación") is a source, and a report verb negated through
 * an auxiliary ("no ha acusado") alleges nothing. On sentences of our own about a fictional country (Calvera,
 * test/leads/fixtures/calvera.yaml).
 */
import { describe, expect, it } from 'vitest';
import { calveraLeads } from './calvera.js';

const { leadOf, mustLead } = calveraLeads();

describe('a wire correction in its own voice', () => {
  it('withdraws the story: no lead, whatever the withdrawn headline quoted', () => {
    const es = leadOf(
      'TUCSON, 15 oct (NVA) — CORRECCIÓN. En una nota del 14 de octubre titulada "Consulado de Calvera amenaza a Greta Halvorsen", NVA atribuyó erróneamente la frase al cónsul. La frase la dijo un oyente anónimo de un programa de radio. NVA retira la nota original y lamenta el error.\n\n' +
        'La candidata Greta Halvorsen no ha acusado al Consulado General de Calvera en Tucson de amenazarla.',
      'CORRECCIÓN: Retiramos nota sobre supuestas amenazas del Consulado de Calvera a Halvorsen',
    );
    expect('none' in es).toBe(true);
    const pt = leadOf(
      'TUCSON, 19 out (NVA) — CORREÇÃO. Na nota de 18 de outubro, a NVA atribuiu ao presidente Rubín a frase "votem em Emilio Pardo". A frase não foi dita. Segundo a gravação integral do encontro em Tucson, o presidente afirmou: "Votem nas eleições da nossa pátria". A nota original foi retirada e a NVA lamenta o erro.',
      'CORREÇÃO: Presidente Rubín não pediu votos para Pardo',
    );
    expect('none' in pt).toBe(true);
  });

  it('a named accuser on the record still keeps the allegation after the correction', () => {
    const l = mustLead(
      'TUCSON, 15 oct (NVA) — CORRECCIÓN. Una versión anterior de esta nota daba una fecha equivocada del foro. NVA lamenta el error.\n\n' +
        'Greta Halvorsen acusó al Consulado General de Calvera en Tucson de amenazar a sus voluntarios.',
    );
    expect(l.allegations).toEqual(['threat']);
  });
});

describe('a report verb negated through an auxiliary', () => {
  it('"no ha acusado", "has not accused": the claim under it is no allegation', () => {
    expect('none' in leadOf('Greta Halvorsen no ha acusado al Consulado General de Calvera en Tucson de amenazarla.')).toBe(true);
    expect('none' in leadOf('Greta Halvorsen has not accused the Consulate General of Calvera in Tucson of threatening her.')).toBe(true);
    expect(mustLead('Greta Halvorsen ha acusado al Consulado General de Calvera en Tucson de amenazarla.').allegations).toEqual(['threat']);
  });
});
