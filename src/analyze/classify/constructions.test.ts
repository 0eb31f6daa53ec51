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
    // leaving on one's own feet, negated three words back, and a negation in a sentence of its own
    expect(kinds('se ela puser os pés no salão não sai de lá pelo próprio pé')).toContain('conditional');
    expect(kinds('if he comes back he will not leave on his own two feet')).toContain('conditional');
    expect(kinds('si vuelve no sale por su propio pie')).toContain('conditional');
    expect(kinds('não volta pro carro. nem inteira')).toContain('conditional');
    expect(kinds('ela não tem opinião própria nem pé no chão')).not.toContain('conditional'); // feet, but not her own
    expect(kinds('no hay que ir a pie, hay autobús')).not.toContain('conditional');
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

  it('breaking a body part is harm only with the body part ("snap your neck"), never "break a leg"', () => {
    expect(kinds("I'll snap that neck of yours")).toContain('intent');
    expect(kinds('te voy a romper la cara')).toContain('intent');
    expect(kinds('vou quebrar as pernas dele')).toContain('intent');
    expect(kinds("I'll snap back at every critic")).toEqual([]);
    expect(kinds('I hope you break a leg at the debate tonight!')).not.toContain('wish');
    expect(kinds('we will break the record this year')).toEqual([]);
    expect(kinds('hay que abrir la cabeza a otras ideas')).toEqual([]);
  });

  it('a wish reaches its harm word across a "… like you (all)" subject', () => {
    expect(kinds('if only people like you all had their throats cut')).toContain('wish');
    expect(kinds('seria bom se todas as mulheres como vocês tivessem suas gargantas cortadas')).toContain('wish');
    // without the phrase the reach stays six words
    expect(kinds('if only the people of this town and the county had their throats cut')).not.toContain('wish');
  });

  it('records the harm word a counter construction denies, and finds well-wishes', () => {
    const hit = threatConstructions(foldedWords('no one deserves to be raped')).find((x) => x.kind === 'counter');
    expect(hit?.harm).toBe(5);
    expect(kinds('sorry you are sick, hope you get better soon')).toEqual(['wellWish']);
    expect(kinds('que te mejores pronto')).toEqual(['wellWish']);
    expect(kinds('melhoras, deputada!')).toEqual(['wellWish']);
  });

  it('an attack kept up until the target is gone is violence; an attack alone is not', () => {
    expect(kinds('we will keep attacking you people until you are gone')).toContain('intent');
    expect(kinds('seguiremos atacándolas, mujeres, hasta que se vayan')).toContain('intent');
    expect(kinds('continuaremos atacando vocês até que vocês desapareçam')).toContain('intent');
    expect(kinds('we will keep attacking her record until november')).toEqual([]);
    expect(kinds('we will keep attacking her record in the ads')).toEqual([]);
  });

  it('a wish reported with a verb of saying and its "that" is the claim reported, not the author\'s wish', () => {
    expect(kinds('no hablaré contigo si sigues insistiendo con que los indígenas merecen morir')).not.toContain('wish');
    expect(kinds('stop claiming that people like them deserve to die')).not.toContain('wish');
    expect(kinds('I said it before and I say it again: she deserves to die')).toContain('wish');
  });

  it('Spanish obligation heads and blows named as nouns ("tendrían que darte una paliza", "I\'ll slap you")', () => {
    expect(kinds('tendrían que darte una paliza')).toContain('wish');
    expect(kinds('hay que matarlos a todos')).toContain('wish');
    expect(kinds("I'll slap you so hard")).toContain('intent');
    expect(kinds('vou te dar uns socos')).toContain('intent');
    expect(kinds('hay que votar en noviembre')).toEqual([]);
  });

  it('knowledge of a home, a vehicle or the children, however the claim opens', () => {
    expect(kinds('we know your farm out past the river bridge')).toContain('knowledge');
    expect(kinds('we know you leave the clinic through the back parking lot')).toContain('knowledge');
    expect(kinds('sabemos que sus niños toman el autobús de las siete')).toContain('knowledge');
    expect(kinds('sabemos o seu endereço e a escola da sua filha')).toContain('knowledge');
    // an aside points back at a place just named; after a condition it is no menace
    expect(kinds('a casa azul da esquina, com o portão quebrado. Só dizendo.')).toContain('knowledge');
    expect(kinds('si gana Ortega que nadie se queje después, yo nomás digo')).toEqual([]);
    expect(kinds('we know your voting record better than you do')).toEqual([]);
  });

  it('a vehicle run over someone, a long indefinite subject, doing away with someone for good', () => {
    expect(kinds('I hope a drunk guy in a cement truck runs him over')).toContain('wish');
    expect(kinds('ojalá algún loco con una camioneta vieja lo atropelle')).toContain('wish');
    expect(kinds('the meeting ran over by an hour')).toEqual([]);
    expect(kinds('somebody ought to take care of that man for good')).toContain('intent');
    expect(kinds('alguien tiene que callarla de una vez por todas')).toContain('intent');
    expect(kinds('take care of the potholes for good')).toEqual([]); // no person
    expect(kinds('vamos a acabar con la corrupción de una vez por todas')).toEqual([]);
    expect(kinds('vote in November and shut him up for good')).toEqual([]); // electoral
  });

  it('harm said of a campaign is electoral ("I hope his campaign chokes")', () => {
    expect(new Set(kinds('I hope his whole campaign chokes'))).toEqual(new Set(['electoralHarm']));
  });

  it('the optative "que" opening a sentence, and first-person "deseo"/"desejo" wishes', () => {
    expect(kinds('que se muera de una vez')).toContain('wish');
    expect(kinds('que ele caia duro no palanque')).toContain('wish');
    expect(kinds('le deseo la muerte a ese tipo')).toContain('wish');
    expect(kinds('desejo que ele tenha um infarto')).toContain('wish');
    expect(kinds('que gane el mejor en noviembre')).toEqual([]);
  });

  it('a negation counts against a wish only inside its own sentence', () => {
    const words = foldedWords('que no vuelva nunca mas I hope he dies');
    const sentence = (w: number) => (w < 5 ? 0 : 1); // "que no vuelva nunca más." then "I hope he dies"
    expect(threatConstructions(words, undefined, sentence).map((x) => x.kind)).toContain('wish');
    expect(threatConstructions(words).map((x) => x.kind)).not.toContain('wish'); // one sentence: the negation counters
  });

  it('idioms that only look like harm: winning, dying of laughter, an exclamation, "faça"', () => {
    expect(kinds("let's beat her in the fall")).toEqual([]);
    expect(kinds("I'm going to beat him up")).toContain('intent');
    expect(kinds('que se muera de envidia cuando vea los números')).toEqual([]);
    expect(kinds('¡Qué paliza le dieron en el debate!')).toEqual([]);
    expect(kinds('tomara que a justiça faça o trabalho dela')).toEqual([]);
  });

  it('death wished in the imperative, not the indicative', () => {
    expect(kinds('muérete ya, vieja')).toContain('wish');
    expect(kinds('just drop dead Hal')).toContain('wish');
    expect(kinds('ele morre no final do filme')).toEqual([]);
    expect(kinds('and then he said drop dead, can you believe it')).not.toContain('wish'); // reported
  });

  it('a hospital or an accident is menace as an outcome or a possibility, not as news', () => {
    expect(kinds("show up at the rally and you'll leave in an ambulance")).toContain('conditional');
    expect(kinds('vai sair de maca daquele salão')).toContain('conditional');
    expect(kinds('the surgery went well and she is home from the hospital')).toEqual([]);
    expect(kinds('praying for his family after the car accident on Route 9')).toEqual([]);
    expect(kinds('nice car you have there, accidents happen on that road')).toContain('knowledge');
  });
});
