import { describe, expect, it } from 'vitest';
import { threatConstructions } from './constructions.js';
import { foldedWords } from './lexicon.js';

const kinds = (s: string) => threatConstructions(foldedWords(s)).map((x) => x.kind);

describe('threat constructions (word classes, not phrases)', () => {
  it('intent: a first-person future or plan before a harm word, in three languages', () => {
    expect(kinds("I'll stab him")).toContain('intent');
    expect(kinds('te voy a matar')).toContain('intent');
    expect(kinds('vou esfaquear esse cara')).toContain('intent');
    expect(kinds('te lastimaré')).toContain('intent'); // the future is in the verb's ending
  });

  it('wish and incitement: modal or wish heads before harm', () => {
    expect(kinds('someone should shoot her')).toContain('wish');
    expect(kinds('ojalá se muera')).toContain('wish');
    expect(kinds('tomara que morra')).toContain('wish');
    expect(kinds('killing people like you should be legal')).toContain('wish');
    // polarity: "should not be illegal" is the wish, "should be illegal" is not
    expect(kinds('beating a man like you should not be illegal')).toContain('wish');
    expect(kinds('golpear a un hombre como tú no debería ser ilegal')).toContain('wish');
    expect(kinds('beating people should be illegal')).not.toContain('wish');
    // the harm first, "what … deserves" after it
    expect(kinds('a bullet is what that woman deserves')).toContain('wish');
    expect(kinds('un balazo, eso es lo que se merece')).toContain('wish');
    expect(kinds('um tiro é o que ele merece')).toContain('wish');
    expect(kinds('a landslide loss in the vote is what she deserves')).not.toContain('wish'); // no harm word
    expect(kinds('no one deserves a bullet, whatever they deserve')).not.toContain('wish');
  });

  it('veiled: knowledge of a place or family; conditional menace; negated unharmed outcome', () => {
    expect(kinds('we know where your kids go to school')).toContain('knowledge');
    expect(kinds('sabemos onde fica o teu escritório')).toContain('knowledge');
    expect(kinds('if she shows up at the fair she will bleed')).toContain('conditional');
    expect(kinds("he won't walk home alive")).toContain('conditional');
    expect(kinds('would be a shame if something happened to her')).toContain('knowledge');
  });

  it('veiled euphemisms of harm ("that could be arranged", "darle un susto") and named weapons', () => {
    expect(kinds('keep talking and you ll find out')).toContain('intent');
    expect(kinds('que le den un susto a esa señora')).toContain('intent');
    expect(kinds('alguém devia fazer uma visitinha pra ela')).toContain('intent');
    expect(kinds('she should meet my shotgun')).toContain('wish');
    expect(kinds('voters will teach him a lesson in november')).not.toContain('intent'); // electoral
  });

  it('keeps electoral idioms and counter-speech apart', () => {
    expect(kinds("we'll bury him at the ballot box")).toContain('electoralHarm');
    expect(kinds("we'll bury him at the ballot box")).not.toContain('intent');
    expect(kinds('no one deserves to die')).toContain('counter');
    expect(kinds('no one deserves to die')).not.toContain('wish');
    expect(kinds('we must never condone the killing of anyone')).not.toContain('wish');
  });

  it('finds nothing in ordinary text', () => {
    expect(kinds('great rally today, see everyone at the polls')).toEqual([]);
    expect(kinds('the gun control debate starts again')).toEqual([]);
  });

  it('a harm word said or wished by someone else, or a negated plan, is no threat of the author', () => {
    expect(kinds('he should be in jail for wishing death to all farmers')).toEqual(['quoted']);
    expect(kinds('debería estar en la cárcel por desear muerte a los granjeros')).toEqual(['quoted']);
    expect(kinds('você dizer que estupraria um agricultor não pode ficar impune')).toEqual(['quoted']);
    expect(kinds('não vamos ficar parados enquanto eles estão sendo assassinados')).not.toContain('intent');
    expect(kinds('no te voy a lastimar, tranquila')).not.toContain('intent');
    expect(kinds('I will kill you')).toContain('intent');
  });
});
