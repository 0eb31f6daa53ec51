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
});
