/**
 * Round 7: which sentences of an article are its news (src/leads/frames.ts). Background — an explainer box
 * ("Background:", "Contexto:"), what the newsroom does not know, a recap opening on a month, a hedge — adds kinds,
 * accused, targets and accusers only when the news adds no kind. On sentences of our own about a fictional country
 * (Calvera, test/leads/fixtures/calvera.yaml).
 */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/leads/extract.js';
import { backgroundFrames, DEFERRED_FRAMES } from '../../src/leads/frames.js';
import { calveraLeads } from './calvera.js';

const { mustLead, actorIds } = calveraLeads();
/** Each sentence of `full` (a headline, a blank line, paragraphs) with its frames. */
const framesOf = (full: string, year: number | null = 2026) => {
  const sentences = splitSentences(full);
  const frames = backgroundFrames(full, sentences, year);
  return sentences.map((s, i) => [s.text.slice(0, 30), frames[i]!.join(',')]);
};

describe('background frames', () => {
  it('never in the headline or the lead paragraph, whatever their words', () => {
    const full = 'Background: a headline. In September, the story began.\n\nIn September, Halvorsen had said so. Context: the lead.\n\nIn September, it went on.';
    expect(framesOf(full)).toEqual([
      ['Background: a headline.', ''],
      ['In September, the story began.', ''],
      ['In September, Halvorsen had sa', ''],
      ['Context: the lead.', ''],
      ['In September, it went on.', 'month'],
    ]);
  });

  it('a paragraph under an explainer label, in three languages, is background throughout', () => {
    const full = 'Headline\n\nLead paragraph.\n\nContexto: Una frase. Otra frase.\n\nCronologia:\n- 3 de outubro: algo.\n\nA later paragraph.';
    expect(framesOf(full).map(([, f]) => f)).toEqual(['', '', 'section', 'section', 'section', '']);
  });

  it('what the newsroom does not know, and what it could not verify, are background', () => {
    const full = 'Headline\n\nLead.\n\nO que não sabemos: Quem pagou.\n\nThe newsroom could not independently verify the claim. The claim stands.';
    expect(framesOf(full).map(([, f]) => f)).toEqual(['', '', 'unknowns', 'hedge', '']);
  });

  it('a month with a day is the story\'s own date, not a recap', () => {
    const full = 'Headline\n\nLead.\n\nIn October, it began. On October 3, it went on. Em setembro, outra coisa.';
    expect(framesOf(full).map(([, f]) => f)).toEqual(['', '', 'month', '', 'month']);
  });

  it('past-perfect and earlier frames are detected but not set aside (they were right more often than wrong)', () => {
    const full = 'Headline\n\nLead.\n\nShe had received threats. Last week the consulate spoke. In 2024 it did.';
    expect(framesOf(full).map(([, f]) => f)).toEqual(['', '', 'past-perfect', 'earlier', 'earlier']);
    expect([...DEFERRED_FRAMES].sort()).toEqual(['hedge', 'month', 'section', 'unknowns']);
  });
});

describe('a background sentence adds nothing when the news alleges something', () => {
  const news =
    'Rep. Greta Halvorsen said Tuesday that accounts tied to the Consulate General of Calvera in Tucson orchestrated a wave of harassment against her campaign volunteers.\n\n' +
    'Halvorsen said the abusive messages arrived within minutes of each other.\n\n';
  /** The news alone: harassment and coordination by the consulate. */
  const newsKinds = () => mustLead(news).allegations;

  it('an explainer box recapping an earlier directive adds no directive and no accused', () => {
    const text = `${news}Background: President Rubín urged Calverans in Arizona not to vote for Halvorsen, and the PPC paid for ads against her.`;
    expect(newsKinds()).toEqual(['harassment', 'coordination']);
    expect(mustLead(text).allegations).toEqual(newsKinds());
    expect(actorIds(text)).toEqual(['xc-consulate-tucson']);
  });

  it('a recap opening on a month ("En septiembre, …") adds no directive', () => {
    const text = `${news}En septiembre, el presidente Rubín Escalante pidió a los calveranos de Arizona no votar por Halvorsen.`;
    expect(mustLead(text).allegations).toEqual(newsKinds());
    expect(actorIds(text)).toEqual(['xc-consulate-tucson']);
  });

  it('the same sentence in the news paragraphs counts', () => {
    const text = `${news}President Rubín also urged Calverans in Arizona not to vote for Halvorsen, she said.`;
    expect(mustLead(text).allegations).toEqual(['directive', ...newsKinds()]);
    expect(actorIds(text)).toEqual(['xc-consulate-tucson', 'xc-president']);
  });

  it('the accuser of a recapped allegation is no accuser of this one', () => {
    const text = `${news}Background: Emilio Pardo Quintana said in June that Calvera Televisión paid influencers to praise him.`;
    expect(mustLead(text).accusers).toEqual(['Greta Halvorsen']);
  });

  it('a post quoted word for word is evidence the article shows, even in background (the seed case\'s April 2021 post)', () => {
    const text = `${news}Context: President Rubín wrote on X on Sept. 2: "Calverans of Arizona, do not vote for Halvorsen."`;
    const lead = mustLead(text);
    expect(lead.quoted_posts.map((q) => q.author_handle)).toEqual(['ORubinE']);
    expect(lead.allegations).toEqual(['directive', ...newsKinds()]);
    expect(actorIds(text)).toEqual(['xc-consulate-tucson', 'xc-president']);
  });

  it('the accuser\'s own past perfect ("she had received threats") is news', () => {
    const text = `${news}Halvorsen said she had received threats from accounts run by Calvera Televisión.`;
    expect(mustLead(text).allegations).toContain('threat');
    expect(actorIds(text)).toEqual(['xc-consulate-tucson', 'xc-state-tv']);
  });
});

describe('an article that is all background', () => {
  it('keeps its background as its news: a recap piece still yields the allegation', () => {
    const text =
      'Arizona voters head to the polls next week.\n\n' +
      'Background: In September, President Rubín urged Calverans in Arizona not to vote for Rep. Greta Halvorsen, who called the post foreign interference.';
    const lead = mustLead(text);
    expect(lead.allegations).toEqual(['directive']);
    expect(actorIds(text)).toEqual(['xc-president']);
    expect(lead.candidate_ids).toEqual(['c-halvorsen']);
  });
});
