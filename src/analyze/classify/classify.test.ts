import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, candidate, race, testWatchlist } from '../fixtures.case.js';
import { compileWatchlist } from '../match/compile.js';
import { abuseUsed, againstWithRivals, pointedBack, predicatedOf, classifyPost, quoteForExplanation, classifyPostDetail, ruleStage, stagePost, type ClassifiablePost } from './classify.js';
import { hostileTargets } from './features.js';
import { setDefaultModel } from './model.js';

// These are tests of the rule stage (constructions, targets, suppression): the model is off here;
// classify-pipeline.test.ts tests the whole pipeline with the committed model.
beforeAll(() => setDefaultModel(null));
afterAll(() => setDefaultModel(undefined));

const cw = compileWatchlist(testWatchlist());
function post(text: string, over: Partial<ClassifiablePost> = {}): ClassifiablePost {
  return { id: 'p1', platform: 'x', authorHandle: 'someone', text, hashtags: [], mentions: [], ...over };
}
const label = (text: string, over: Partial<ClassifiablePost> = {}) => {
  const c = classifyPost(post(text, over), cw);
  return { directive: c.directive, targets: c.target_candidate_ids, harassment: c.harassment, threat: c.threat };
};
const directive = (text: string) => {
  const c = classifyPost(post(text), cw);
  return c.directive ? `${c.directive}:${c.target_candidate_ids.join(',')}` : null;
};

describe('directives', () => {
  it('vote_for in English, Spanish and Portuguese', () => {
    expect(directive('Vote for Daniel Okafor on November 3!')).toBe('vote_for:c-okafor');
    expect(directive('¡Voten por @DanOkaforTX este noviembre!')).toBe('vote_for:c-okafor');
    expect(directive('Votad a Kevin Walsh, hermanos.')).toBe('vote_for:c-walsh');
    expect(directive('Votem em Beatriz Costa no dia 3.')).toBe('vote_for:c-costa');
    expect(directive('Votem na Bia Costa!')).toBe('vote_for:c-costa'); // "na" = em + a, not a negation
    expect(directive('#VoteOkafor')).toBe('vote_for:c-okafor');
  });

  it('vote_against, including negated vote phrases', () => {
    expect(directive('DO NOT VOTE for @SofiaIbarraTX.')).toBe('vote_against:c-ibarra');
    expect(directive("Please don't vote for Kevin Walsh.")).toBe('vote_against:c-walsh');
    expect(directive('Never vote for Sofía Ibarra.')).toBe('vote_against:c-ibarra');
    expect(directive('Vote against Walsh!')).toBe('vote_against:c-walsh');
    expect(directive('Corrupt voting record. Vote Walsh out.')).toBe('vote_against:c-walsh');
    expect(directive('No voten por Sofía Ibarra.')).toBe('vote_against:c-ibarra');
    expect(directive('No votes por Okafor, mija.')).toBe('vote_against:c-okafor');
    expect(directive('Não votem em Kevin Walsh.')).toBe('vote_against:c-walsh');
    expect(directive('Nunca votem no Walsh.')).toBe('vote_against:c-walsh');
  });

  it('hashtag directives, camelCase or folded', () => {
    expect(directive('#NoVotenPorIbarra')).toBe('vote_against:c-ibarra');
    expect(directive('#novotenporibarra')).toBe('vote_against:c-ibarra');
    expect(directive('#NaoVotemEmWalsh')).toBe('vote_against:c-walsh');
    expect(directive('#FueraWalsh')).toBe('vote_against:c-walsh');
    expect(directive('#WalshOut')).toBe('vote_against:c-walsh');
    // hashtags listed by the source but missing from the text are read too
    expect(classifyPost(post('Hermanos de Nueva York', { hashtags: ['FueraWalsh'] }), cw).directive).toBe('vote_against');
    expect(classifyPost(post('Hermanos #FueraWalsh', { hashtags: ['FueraWalsh'] }), cw).target_candidate_ids).toEqual(['c-walsh']);
  });

  it('abstain calls in each language', () => {
    // labels.md: the race must be identifiable; the candidates named in the call are its targets
    expect(directive('Stay home on election day in TX-41. It is rigged.')).toBe('abstain:');
    expect(directive('Quédense en casa el 3 de noviembre, no vale la pena votar por Walsh ni por Costa.')).toBe('abstain:c-walsh,c-costa');
    expect(directive('Abstenham-se nesta eleição, nem Okafor nem Ibarra.')).toBe('abstain:c-okafor,c-ibarra');
    expect(directive("Don't vote. It only encourages them.")).toBeNull(); // generic: no race
    expect(directive('Stay home if you have a fever.')).toBeNull(); // no election context
  });

  it('pronouns resolve to the candidate named in the post', () => {
    expect(directive("Sofía Ibarra? Don't vote for her.")).toBe('vote_against:c-ibarra');
    expect(directive('No voten por ella. @SofiaIbarraTX no nos representa.')).toBe('vote_against:c-ibarra');
    // a pronoun is not resolved to the candidate that the next phrase asks to vote for
    expect(directive("Don't vote for him, vote for Costa.")).toBe('vote_for:c-costa');
    // a demonstrative phrase points as a pronoun does; the handle a reply opens with is not a subject
    expect(directive('@SofiaIbarraTX Vote this clown out, Texas.')).toBe('vote_against:c-ibarra');
    expect(directive('Daniel Okafor? No voten por ese payaso.')).toBe('vote_against:c-okafor');
    expect(directive('Okafor votes for the bill')).toBeNull();
  });

  it('reports, quotes, condemnations, fact-checks and questions are not directives', () => {
    for (const text of [
      'Banderas urged followers not to vote for Ibarra.',
      'Banderas dijo que no votaran por Ibarra.',
      'El presidente pidió no votar por Ibarra, según un mensaje publicado el martes.',
      '"Don\'t vote for Walsh," the minister wrote on Tuesday.',
      'I condemn the call to vote against Ibarra.',
      'Fact check: the consulate did not tell anyone to vote for Okafor.',
      'FALSO: el cónsul no pidió votar por Okafor.',
      'Did the consul really tell people to never vote for Walsh?',
      '¿De verdad el cónsul dijo que no votemos por Walsh?',
      'Condenamos o apelo para não votar em Walsh.',
      // demo pipeline regression: a quotation used as a noun ("the … post") with "repeated the call"
      'Analysis: after the Valdorian president\'s "do not vote for Walsh" post, accounts tied to his party repeated the call.',
      "Banderas to Valdorians in Texas: 'Do not vote for Ibarra'",
    ]) {
      expect(directive(text), text).toBeNull();
    }
  });

  it('other senses of "vote" and personal statements are not directives', () => {
    for (const text of [
      'The council passed a vote of confidence; Walsh abstained.',
      'Walsh voted for the water bill.',
      'Walsh votes for the bill tomorrow.',
      "I'll vote for Okafor, but I'm not happy about it.",
      'Yo voy a votar por Okafor.',
      'Why would anyone vote for Walsh?',
      'Walsh votó a favor del presupuesto.',
    ]) {
      expect(directive(text), text).toBeNull();
    }
  });

  it("a candidate's own call is a directive (labels.md: who speaks does not matter), and a plain repost is not the reposter's call", () => {
    expect(classifyPost(post('Vote for me on November 3!', { authorHandle: 'DanOkaforTX' }), cw).target_candidate_ids).toEqual(['c-okafor']);
    expect(classifyPost(post('Vote Okafor!', { authorHandle: 'DanOkaforTX' }), cw).directive).toBe('vote_for');
    expect(classifyPost(post('RT @AurelioBanderas: DO NOT VOTE for @SofiaIbarraTX'), cw).directive).toBeNull();
    expect(classifyPost(post('DO NOT VOTE for @SofiaIbarraTX', { repostOf: '123' }), cw).directive).toBeNull();
  });

  it("the author's own vote and an invitation to do the same is a call of that kind", () => {
    expect(directive("This year I finally did it: I'm voting Daniel Okafor, and honestly, you should too.")).toBe('vote_for:c-okafor');
    expect(directive('No voy a votar por Walsh. Les pido que hagan lo mismo.')).toBe('vote_against:c-walsh');
    expect(directive('Vou votar na Bia Costa dia 3. Façam o mesmo!')).toBe('vote_for:c-costa');
    expect(label('Este año yo no voy a votar para el Congreso. Ni Ibarra ni Okafor. Hagan lo mismo.')).toMatchObject({ directive: 'abstain' });
    // the declaration alone stays a statement, and so does an invitation withheld
    expect(directive("I'm voting Daniel Okafor. I'm not asking anybody to join me.")).toBeNull();
    expect(directive("I'm voting Daniel Okafor. Make up your own mind.")).toBeNull();
  });

  it('a condemnation answers the call in its own paragraph, not a call paragraphs away', () => {
    const call = 'Sobre a eleição: não votem no Walsh para o Congresso.';
    const condemnation = 'E por favor: nada de ameaça a ninguém. O que fizeram com a família dele é inaceitável.';
    expect(directive(`${call}\n\n${condemnation}`)).toBe('vote_against:c-walsh');
    expect(directive(`${call} ${condemnation}`)).toBeNull(); // one paragraph: read together, as before
  });

  it('one directive per post: against wins, with every target called that way', () => {
    expect(directive("Don't vote for Walsh, vote for Costa!")).toBe('vote_against:c-walsh,c-costa');
    expect(directive('Vote for Okafor and Walsh.')).toBe('vote_for:c-okafor,c-walsh');
    expect(directive('Voten por Okafor y por Walsh.')).toBe('vote_for:c-okafor,c-walsh');
  });
});

describe('more directive forms', () => {
  it('calls at the head of a clause, and subject forms turned against a candidate', () => {
    expect(directive('Support Beatriz Costa on November 3!')).toBe('vote_for:c-costa');
    expect(directive('Proud to support Costa')).toBe('vote_for:c-costa'); // "to" leads a call (documented weakness)
    expect(directive('I support Costa on housing.')).toBeNull(); // "support" mid-sentence is not a call
    expect(directive('A vote for Ibarra is a vote against your family.')).toBe('vote_against:c-ibarra');
    expect(directive('Quien vote por Sofía Ibarra vota contra su propio pueblo.')).toBe('vote_against:c-ibarra');
    expect(directive('Cada voto no Walsh é uma traição.')).toBe('vote_against:c-walsh');
    expect(directive('Votar por Costa es votar por mejores escuelas.')).toBeNull(); // subject, not a call
    expect(directive('Vote for anyone but Walsh.')).toBe('vote_against:c-walsh');
    expect(directive('Nobody in New York should vote for Walsh.')).toBe('vote_against:c-walsh');
    expect(directive('Walsh doesn\'t deserve your vote.')).toBe('vote_against:c-walsh');
  });

  it('colon-introduced reports and candidate subjects are not calls; sarcasm is read for what it means', () => {
    // labels.md: "Sure, re-elect Ramos if you enjoy potholes 🙃" is vote_against
    expect(directive('Sure, vote for Okafor if you love higher taxes')).toBe('vote_against:c-okafor');
    expect(directive('Claro, voten por Okafor, seguro que esta vez sí arregla las calles 🙃')).toBe('vote_against:c-okafor');
    expect(directive('Vote for Okafor on the 3rd, the bakery lady is right 🙂')).toBe('vote_for:c-okafor');
    expect(directive('Banderas dijo: no voten por Ibarra')).toBeNull();
    expect(directive('Friends in Texas: do not vote for Ibarra.')).toBe('vote_against:c-ibarra');
  });
});

describe('harassment and threats', () => {
  it('insults, slurs and calls to harass aimed at a candidate', () => {
    expect(label('@SofiaIbarraTX you dumb bitch')).toMatchObject({ harassment: true, threat: false });
    expect(label('Walsh es una rata asquerosa')).toMatchObject({ harassment: true, threat: false });
    expect(label('Costa é uma vagabunda')).toMatchObject({ harassment: true, threat: false });
    expect(label("Let's flood her inbox. @BiaCostaNY")).toMatchObject({ harassment: true, threat: false });
  });

  it('threats in each language (a threat is also harassment)', () => {
    expect(label('We know where you live, @KWalshNY.')).toMatchObject({ harassment: true, threat: true });
    expect(label('Ojalá la maten a esa Ibarra')).toMatchObject({ harassment: true, threat: true });
    expect(label('Walsh vai morrer.')).toMatchObject({ harassment: true, threat: true });
    expect(label("Okafor, you'll pay for this.")).toMatchObject({ harassment: true, threat: true });
  });

  it('harsh but legitimate criticism is neither', () => {
    for (const text of [
      "Ibarra's record on housing is a disgrace.",
      'Corrupt voting record, vote her out. @SofiaIbarraTX',
      "Walsh's tax plan is garbage economics.",
      'Costa is a witch hunt target again.',
      'La gestión de Ibarra ha sido un desastre.',
      'O histórico de Walsh é uma vergonha.',
      'La idea de Okafor es tonta.', // an adjective about an idea, not an insult of the person
      "Okafor's tariff idea is dumb.",
    ]) {
      expect(label(text), text).toMatchObject({ harassment: false, threat: false });
    }
  });

  it('needs a watched candidate in the post', () => {
    expect(label('you dumb bitch, we know where you live')).toMatchObject({ harassment: false, threat: false });
    expect(label('you dumb bitch', { mentions: ['KWalshNY'] })).toMatchObject({ harassment: true });
  });
});

describe('attribution in the classification', () => {
  it('gives the registry actor of the author', () => {
    expect(classifyPost(post('hola', { authorHandle: '@consuladovdhouston' }), cw).actor_id).toBe('xv-cons');
    expect(classifyPost(post('hola', { platform: 'bluesky', authorHandle: 'ConsuladoVD.bsky.social' }), cw).actor_id).toBe('xv-cons');
    expect(classifyPost(post('hola', { platform: 'mastodon', authorHandle: 'ConsuladoVDHouston' }), cw).actor_id).toBeNull();
  });
});

describe('generalization', () => {
  it('works for a watchlist it was not written for', () => {
    const cw2 = compileWatchlist({
      races: [race('r-oh', 'US-OH-07', [candidate('c-lark', 'Imogen Larkspur-Vey', { handles: { x: ['ImoLarkspur'] } })])],
      actors: [actor('a1', 'Ministro Falso', { handles: { x: ['MinFalso'] } })],
      webhooks: [],
    });
    const c = classifyPost(post('Do not vote for Imogen Larkspur-Vey in Ohio\'s 7th district!', { authorHandle: 'MinFalso' }), cw2);
    expect(c).toMatchObject({ directive: 'vote_against', target_candidate_ids: ['c-lark'], actor_id: 'a1', race_ids: ['r-oh'] });
  });
});

describe('explanations', () => {
  it('quote the words of the call as written, from the negation to the target', () => {
    const d = classifyPostDetail(post('Hermanos en Texas, DO NOT VOTE for @SofiaIbarraTX.'), cw);
    expect(d.matched.filter((m) => m.label === 'directive').map((m) => m.text)).toEqual(['DO NOT VOTE for @SofiaIbarraTX']);
    expect(d.classification.explanation.join(' ')).toContain('vote_against targeting c-ibarra');
  });
});

describe('constructions (second round of issue 2)', () => {
  it('causative calls: lead + candidate + outcome, flipped by a negated lead', () => {
    expect(directive('Make sure Kevin Walsh loses in November.')).toBe('vote_against:c-walsh');
    expect(directive("Don't let Okafor win, Texas.")).toBe('vote_against:c-okafor');
    expect(directive('Friends, give Beatriz Costa your vote.')).toBe('vote_for:c-costa');
    expect(directive('Asegúrense de que Walsh pierda.')).toBe('vote_against:c-walsh');
    expect(directive('No dejen que Ibarra gane.')).toBe('vote_against:c-ibarra');
    expect(directive('Garantam que o Okafor perca.')).toBe('vote_against:c-okafor');
    // an outcome with an object is about something else; one with an election word is not
    expect(directive('Let Walsh win the spelling bee, he earned it.')).toBe(null);
    expect(directive('Deixem a Costa ganhar a eleição!')).toBe('vote_for:c-costa');
    // not at the head of a clause: a statement
    expect(directive('The polls make sure Walsh loses sleep.')).toBe(null);
  });

  it('"fire Ramos" is a call to make a candidate lose (labels.md); the fire department is not', () => {
    expect(directive('Fire Kevin Walsh. That is the whole post.')).toBe('vote_against:c-walsh');
    expect(directive("They want to fire Walsh's chief of staff.")).toBe(null);
    expect(directive('The fire department thanked Walsh.')).toBe(null);
  });

  it('wishes about the vote (labels.md): a wish, a candidate and an outcome, in either order', () => {
    expect(directive('I hope Kevin Walsh loses in November, honestly.')).toBe('vote_against:c-walsh');
    expect(directive("Here's hoping Okafor doesn't win.")).toBe('vote_against:c-okafor');
    expect(directive('Ojalá Walsh pierda en noviembre y que lo investiguen por lo del contrato.')).toBe('vote_against:c-walsh');
    expect(directive('Ojalá gane la Costa, vecinos.')).toBe('vote_for:c-costa');
    expect(directive('Tomara que perca o Okafor.')).toBe('vote_against:c-okafor');
    expect(directive('Que o Walsh perca!')).toBe('vote_against:c-walsh');
    // an outcome with an object is about something else
    expect(directive('I hope Walsh wins the spelling bee.')).toBe(null);
    // a one-word wish must head its clause: "que" inside a sentence is not a wish
    expect(directive('Dicen que Walsh gana siempre en ese condado.')).toBe(null);
  });

  it('"my opponent" said by a candidate is the rival of their race; "a vote for X is a vote for Y" calls about X only', () => {
    expect(label('My opponent will raise your rent. Vote him out in November.', { authorHandle: 'BiaCostaNY' })).toMatchObject({ directive: 'vote_against', targets: ['c-walsh'] });
    expect(label('My opponent will raise your rent. Vote him out in November.')).toMatchObject({ directive: null });
  });

  it('an office noun after a determiner names the candidate whose alias carries that title, within the races named', () => {
    const w = testWatchlist();
    const ibarra = w.races[0]!.candidates.find((c) => c.id === 'c-ibarra')!;
    ibarra.aliases.push('Rep. Ibarra');
    const cw2 = compileWatchlist(w);
    const call = (text: string) => {
      const c = classifyPost(post(text), cw2);
      return c.directive ? `${c.directive}:${c.target_candidate_ids.join(',')}` : null;
    };
    expect(call("Retire the congresswoman in November, she's had her turn.")).toBe('vote_against:c-ibarra');
    expect(call('Retiremos a la congresista en noviembre.')).toBe('vote_against:c-ibarra');
    // English "a" is indefinite: a generic congresswoman is nobody
    expect(call('We deserve a congresswoman who shows up. Retire her? No, elect one.')).toBe(null);
  });

  it('a call after "help us", and a name asked alone answered with a one-word no', () => {
    expect(directive('Phone bank at 6pm. Come help us send Beatriz Costa to Washington!')).toBe('vote_for:c-costa');
    expect(directive('Costa? Não, obrigado.')).toBe('vote_against:c-costa');
    expect(directive('Costa? Não sei ainda.')).toBe(null);
    expect(directive('Quem ganha, Costa? Não.')).toBe(null);
  });

  it('candidate-first calls ("X deserves your vote"), against when negated', () => {
    expect(directive('Kevin Walsh deserves your vote.')).toBe('vote_for:c-walsh');
    expect(directive("Okafor doesn't deserve your vote.")).toBe('vote_against:c-okafor');
    expect(directive('Beatriz Costa merece tu voto.')).toBe('vote_for:c-costa');
    expect(directive('O Walsh não merece seu voto.')).toBe('vote_against:c-walsh');
    expect(directive('Ibarra merece meu respeito.')).toBe(null);
  });

  it('a candidate contrasted after a call is the one called against', () => {
    expect(directive('Vote for Costa, not Walsh.')).toBe('vote_against:c-costa,c-walsh'); // labels.md: both are targets
    expect(directive('Voten por Okafor y no por Ibarra.')).toBe('vote_against:c-okafor,c-ibarra');
    expect(directive('Votem na Bia Costa e não no Walsh.')).toBe('vote_against:c-costa,c-walsh'); // labels.md: both are targets
    // a slogan of its own clause, in a post about the election
    expect(directive('Costa, not Walsh. Polls open at 7.')).toBe('vote_against:c-walsh,c-costa');
    expect(directive('Okafor sí, Ibarra no. ¡A votar!')).toBe('vote_against:c-ibarra,c-okafor');
    expect(directive('Costa, not Walsh, chaired the panel before the vote.')).toBe(null);
    // pt "e" (and) is not the copula "é"
    expect(directive('Votem na Costa e na Bia')).toBe('vote_for:c-costa');
  });

  it('negated imperative verbs and more verb forms (vosotros, usted)', () => {
    expect(directive("Please don't support Daniel Okafor.")).toBe('vote_against:c-okafor');
    expect(directive('Les pido que no apoyen a Kevin Walsh.')).toBe('vote_against:c-walsh');
    expect(directive('No votéis a Sofía Ibarra.')).toBe('vote_against:c-ibarra');
    expect(directive('No vote usted por Beatriz Costa.')).toBe('vote_against:c-costa');
    expect(directive('Reject Okafor at the ballot box.')).toBe('vote_against:c-okafor');
    // a verb that is not a vote word takes the candidate as its object, not a later name
    expect(directive('Reject the smears against Kevin Walsh.')).toBe(null);
    expect(directive('Rechacen las mentiras contra Walsh.')).toBe(null);
  });

  it('preferences, comparisons and quoted headlines are not calls', () => {
    expect(directive("I'd rather vote for a cactus than Okafor.")).toBe(null);
    expect(directive('Prefiero votar por un cactus que por Okafor.')).toBe(null);
    expect(directive("'VOTE AGAINST WALSH': Valdorian embassy post draws protest")).toBe(null);
  });

  it('threat constructions: a wish or intent lead with a violent verb, not about the vote', () => {
    expect(label('Somebody should torch Walsh’s car.')).toMatchObject({ harassment: true, threat: true });
    expect(label('Hay que golpear a Costa a la salida.')).toMatchObject({ harassment: true, threat: true });
    expect(label('Alguém devia espancar o Okafor.')).toMatchObject({ harassment: true, threat: true });
    expect(label('Ibarra should be hanged.')).toMatchObject({ threat: true });
    // figurative or electoral: not threats
    expect(label("We're gonna kill it at Costa's rally tonight!")).toMatchObject({ harassment: false, threat: false });
    expect(label('Vamos a acabar con Walsh en las urnas.')).toMatchObject({ harassment: false, threat: false });
    expect(label('A gente vai bater um papo com a Costa amanhã.')).toMatchObject({ harassment: false, threat: false });
    // the violent verb must take the candidate, a pronoun or a property noun as its object
    expect(label("Okafor's plan is gonna hurt farmers.")).toMatchObject({ threat: false });
    expect(label("I'm gonna shoot a video at Costa's rally.")).toMatchObject({ threat: false });
    expect(label('Vamos acabar com a carreira do Walsh.')).toMatchObject({ threat: false });
    expect(label("We'll burn Walsh's house down.")).toMatchObject({ threat: true });
    expect(label('Hay que matar a Walsh.')).toMatchObject({ threat: true });
    expect(label('Walsh is going to get shot one of these days.')).toMatchObject({ threat: true });
    expect(label('O Okafor merece uma surra.')).toMatchObject({ threat: true });
    expect(label('Okafor is going to shoot down the bill.')).toMatchObject({ threat: false });
  });

  it('dogpile calls: a flooding verb with what it floods; dehumanizing metaphors', () => {
    expect(label("Let's flood Walsh's replies tonight.")).toMatchObject({ harassment: true, threat: false });
    expect(label('Inunden los comentarios de Costa.')).toMatchObject({ harassment: true });
    expect(label('Bora lotar as menções do Okafor.')).toMatchObject({ harassment: true });
    expect(label('Okafor is a leech.')).toMatchObject({ harassment: true });
    expect(label('Flood the polls for Costa!')).toMatchObject({ harassment: false });
    // a neutral idiom cancels a cue it overlaps, even one starting earlier ("should hang")
    expect(label('Okafor should hang his head in shame.')).toMatchObject({ harassment: false, threat: false });
    expect(label('Okafor should hang.')).toMatchObject({ harassment: true, threat: true });
    expect(label('Denuncien la cuenta falsa que imita a Costa.')).toMatchObject({ harassment: false });
  });
});

describe('reports and their subjects', () => {
  it('a reporting verb with an impersonal subject reports nothing; a named or relative one does', () => {
    expect(directive("Walsh and Costa are the same. Don't vote, it only encourages them.")).toBe('abstain:c-walsh,c-costa');
    expect(directive('Banderas posted a message that urged Texans to vote for Okafor.')).toBe(null);
    expect(directive('Vote for Okafor, Banderas told Texans.')).toBe(null);
  });

  it('reminders and outcome verbs are calls; wishes and plans are statements', () => {
    expect(directive("Don't forget to vote for Kevin Walsh!")).toBe('vote_for:c-walsh');
    expect(directive('I want to vote for Kevin Walsh.')).toBe(null);
    expect(directive('Vão votar no Okafor hoje!')).toBe('vote_for:c-okafor');
    expect(directive('Meus tios vão votar no Okafor.')).toBe(null);
  });
});

describe('for+against targets', () => {
  const rivals = (text: string, author = 'someone') => {
    const p = post(text, { authorHandle: author });
    const rs = ruleStage(p, cw, text);
    const c = { ...rs.detail.classification, directive: 'vote_against' as const, target_candidate_ids: ['c-ibarra'] };
    const named = [...new Set([...rs.cands.map((h) => h.payload.index), ...rs.mentioned])];
    againstWithRivals(c, rs, named, cw);
    return [...c.target_candidate_ids].sort();
  };
  it('an against-call beside a rival of the same race targets both (labels.md)', () => {
    expect(rivals('Time to fire Ibarra. Vote Okafor Nov 3.')).toEqual(['c-ibarra', 'c-okafor']);
  });
  it('a candidate asking for their own vote against a rival is a target too', () => {
    expect(rivals('Ibarra had her chance. Send me to Washington.', 'DanOkaforTX')).toEqual(['c-ibarra', 'c-okafor']);
    expect(rivals('Ibarra had her chance.', 'DanOkaforTX')).toEqual(['c-ibarra']);
  });
  it('candidates of another race are not pulled in', () => {
    expect(rivals('Time to fire Ibarra. Kevin Walsh agrees.')).toEqual(['c-ibarra']);
  });
});

describe('normalising names and phrases of the watchlist', () => {
  it('reads stretched and spaced candidate names, and masked words of abusive phrases', () => {
    expect(classifyPostDetail(post('No voten por la Ibarraaaaa'), cw).classification).toMatchObject({ directive: 'vote_against', target_candidate_ids: ['c-ibarra'] });
    expect(classifyPostDetail(post('O k a f o r es una rata'), cw).classification.explanation.join(' ')).toContain('"O k a f o r" → "Okafor"');
    expect(classifyPostDetail(post('Ch1ng4 tu m4dr3 Ibarra'), cw).classification.explanation.join(' ')).toContain('"m4dr3" → "madre"');
  });
});

describe('abuse used, not mentioned', () => {
  const used = (text: string) => {
    const { rs, pf } = stagePost(post(text), cw);
    return pf.lexicon.filter((h) => abuseUsed(h, rs, pf)).map((h) => h.term);
  };
  it('drops self-directed abuse, slurs named to condemn them, quoted abuse and counter-speech', () => {
    expect(used('@SofiaIbarraTX sorry for being such a dumbass yesterday')).toEqual([]);
    expect(used('@SofiaIbarraTX calling women whores is wrong')).toEqual([]);
    expect(used('chamar alguém de bicha não está certo, Ibarra')).toEqual([]);
    expect(used('Ibarra wrote "you rats" in 2019')).toEqual([]);
    expect(used('ningún inmigrante merece morir, Ibarra')).toEqual([]);
  });
  it('a slur in the predicate of a copula whose subject is a candidate is said of them', () => {
    const { rs, pf } = stagePost(post('Ibarra es una vendida y una perra faldera de Washington'), cw);
    const perra = pf.lexicon.find((h) => h.term === 'perra')!;
    expect(predicatedOf(perra.word, pf, rs, cw)).toBe(true);
    const other = stagePost(post('Ibarra dijo que la perra del vecino ladra'), cw);
    expect(predicatedOf(other.pf.lexicon.find((h) => h.term === 'perra')!.word, other.pf, other.rs, cw)).toBe(false);
  });

  it('a demonstrative before a slur after a watched name points back at the candidate, not across a comma or a quotation', () => {
    const points = (text: string, term: string) => {
      const { rs, pf } = stagePost(post(text), cw);
      const h = pf.lexicon.find((x) => x.term === term)!;
      return pointedBack(h, pf, rs, [...pf.candidateAt.keys()]);
    };
    expect(points('Vi o vídeo da Sofia Ibarra no debate. Aquela gorda ridícula não sabe nada.', 'gorda')).toBe(true);
    expect(points('Ibarra en el foro otra vez. Esa perra no contestó nada.', 'perra')).toBe(true);
    expect(points('Esa perra no contestó nada, y Ibarra tampoco.', 'perra')).toBe(false); // the name comes after
    expect(points('Ibarra habló del comisionado ese, loco de remate.', 'loco')).toBe(false); // a comma between
    expect(points('A Ibarra le escribieron "no vas a llegar". Ojalá atrapen a ese loco pronto.', 'loco')).toBe(false); // the quote's author
  });

  it('keeps abuse aimed at someone', () => {
    expect(used('@SofiaIbarraTX eres una perra asquerosa')).toEqual(['perra', 'asquerosa']);
    expect(used('Ibarra is a rat')).toEqual(['rat']);
    expect(used('Ibarra you are being such a pig')).toEqual(['pig']); // "being" without "for"/"of"
    expect(used('I think you are a rat, Ibarra')).toEqual(['rat']); // a "you" between the "I" and the word
    expect(used('you make me sick, Ibarra, you rat')).toEqual(['rat']);
  });

  it('profanity as a degree word is aimed at nobody; as a noun or beside an insult it is', () => {
    expect(used('@SofiaIbarraTX feliz cumpleaños, que tengas un día de puta madre')).toEqual([]);
    expect(used('@SofiaIbarraTX ni puta idea de fútbol tengo yo')).toEqual([]);
    expect(used('@SofiaIbarraTX can we just enjoy this fucking song')).toEqual([]);
    expect(used('@SofiaIbarraTX that speech was good pra caralho')).toEqual([]);
    expect(used('@SofiaIbarraTX eres la puta del gobierno')).toEqual(['puta']);
    expect(used('@SofiaIbarraTX you fucking idiot')).toEqual(['fucking', 'idiot']);
    expect(used('@SofiaIbarraTX she is a fucking mess')).toEqual(['fucking']);
    expect(used('@SofiaIbarraTX tu puta madre')).toEqual(['puta']);
    // "puta madre" is an interjection unless a possessive, "hijo de" or "que te parió" aims it
    expect(used('@SofiaIbarraTX puta madre, qué partido el de anoche')).toEqual([]);
    expect(used('@SofiaIbarraTX la puta madre que te parió')).toEqual(['puta']);
    expect(used('@SofiaIbarraTX hijo de puta madre')).not.toEqual([]);
    // a degree word before a profanity noun intensifies it (the noun is left to the model); predicated of someone it is aimed
    expect(used('@SofiaIbarraTX me importa una puta mierda el fútbol')).toEqual(['mierda']);
    expect(used('@SofiaIbarraTX eres una puta mierda')).not.toEqual([]);
  });

  it('a slur said with affection is banter, not an attack; interjections are aimed at nobody', () => {
    expect(used('@SofiaIbarraTX love u bitch')).toEqual([]);
    expect(used('@SofiaIbarraTX tú eres mi zorra favorita')).toEqual([]);
    expect(used('@SofiaIbarraTX eres una zorra 💖')).toEqual([]);
    expect(used('@SofiaIbarraTX eres una zorra y nadie te quiere votar')).toEqual(['zorra']); // "quiere" is not "quiero"
    expect(used('@SofiaIbarraTX hostia puta, qué calor')).toEqual([]);
    expect(used('@SofiaIbarraTX qué puta vida la mía')).toEqual([]);
  });

  it('abuse of a third party in a reply is not aimed at the candidate; with the candidate named it is', () => {
    expect(used('@SofiaIbarraTX esse asno não sabe nada')).toEqual([]);
    expect(used('@SofiaIbarraTX odio a la perra de tu amiga')).toEqual([]);
    expect(used('@SofiaIbarraTX that pig in the video')).toEqual([]);
    expect(used('Ibarra, essa vaca velha')).toContain('vaca');
    expect(used('@SofiaIbarraTX esa rata de Ibarra')).toEqual(['rata']);
    expect(used('@SofiaIbarraTX eres una perra')).toEqual(['perra']);
  });

  it('an animal someone owns is the animal, not a comparison; Portuguese "seu"/"sua" stay vocatives', () => {
    expect(used('@SofiaIbarraTX your dog is adorable')).toEqual([]);
    expect(used('@SofiaIbarraTX mi perro votaría mejor')).toEqual([]);
    expect(used('@SofiaIbarraTX you dog')).toEqual(['dog']);
    expect(used('@SofiaIbarraTX sai daqui, seu verme')).toEqual(['verme']);
  });

  it('marks policy topics as one neutral word for the model ("gun control" is no violence)', () => {
    const { pf } = stagePost(post('@SofiaIbarraTX the gun control debate starts again'), cw);
    expect(pf.input.words).toContain('topic');
    expect(pf.input.words).not.toContain('gun');
  });

  it('aims a construction at a candidate named earlier through a third-person pronoun, not before the name', () => {
    const filler = 'The bake sale is on Saturday and the parking lot will be open early for vendors and families. ';
    const aimed = (text: string) => stagePost(post(text), cw).pf.input.features.filter((f) => f.startsWith('cxt:'));
    expect(aimed(`Ibarra came to the fair again. ${filler}If that woman shows up here, she won't be walking back to her car.`)).toContain('cxt:conditional');
    // the pronoun comes before any watched name: nobody is known to be meant
    expect(aimed(`If that woman shows up here, she won't be walking back to her car. ${filler}${filler}Ibarra came to the fair again.`)).toEqual([]);
  });

  it("holds the rules' own abuse cues to the same test", () => {
    // the rule stage finds "perra" as a cue; naming it to condemn the word is not using it
    const condemn = stagePost(post('@SofiaIbarraTX no está nada bien decirle perra a alguien'), cw);
    expect(condemn.rs.abuseAt.length).toBeGreaterThan(0);
    expect(used('@SofiaIbarraTX no está nada bien decirle perra a alguien')).toEqual([]);
  });
});

describe('quoteForExplanation', () => {
  it('replaces exactly the control and bidi characters (every code unit to U+2100, by the reference regex)', () => {
    // eslint-disable-next-line no-control-regex
    const reference = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
    for (let from = 0; from < 0x2100; from += 100) {
      const chunk = `ab${Array.from({ length: 100 }, (_, k) => String.fromCharCode(from + k)).join('')}`;
      expect(quoteForExplanation(chunk)).toBe(reference(chunk));
      for (let k = 0; k < 100; k++) expect(quoteForExplanation(`x${String.fromCharCode(from + k)}y`)).toBe(reference(`x${String.fromCharCode(from + k)}y`));
    }
  });
});

describe('round 5: electoral idioms, sarcasm and abstention (labels.md)', () => {
  it('a harm word used of the vote, in a plan or an imperative, is a call against (not a prediction)', () => {
    expect(label("Let's bury Okafor at the ballot box this November.")).toMatchObject({ directive: 'vote_against', targets: ['c-okafor'], threat: false });
    expect(directive('Lo vamos a enterrar en las urnas a Okafor, paisanos.')).toBe('vote_against:c-okafor');
    expect(directive('Daniel Okafor again? Bury him at the ballot box.')).toBe('vote_against:c-okafor');
    expect(directive('Okafor is going to get buried at the ballot box, mark my words.')).toBeNull(); // a prediction
    // an impersonal obligation leads the plan too, with the object fronted ("a X hay que enterrarlo")
    expect(directive('En la taquería todos decimos lo mismo: a Okafor hay que enterrarlo en las urnas.')).toBe('vote_against:c-okafor');
    expect(directive('We have to bury Okafor at the polls in November.')).toBe('vote_against:c-okafor');
    expect(directive('Temos que enterrar o Okafor nas urnas.')).toBe('vote_against:c-okafor');
    expect(directive('Hay que enterrar a la abuela el sábado, después de las elecciones.')).toBeNull(); // no vote word in its clause near the harm, no candidate
  });

  it('a fronted object resumed by a clitic: sent home or ousted by "us" is a call against', () => {
    expect(directive('Compañeros, el 3 de noviembre a la Okafor la mandamos a su casa.')).toBe('vote_against:c-okafor');
    expect(directive('A Okafor la vamos a mandar a su casa.')).toBe('vote_against:c-okafor');
    expect(directive('A Okafor lo sacamos en noviembre.')).toBe('vote_against:c-okafor');
    expect(directive('A Okafor lo mandamos de regreso a vender seguros.')).toBe('vote_against:c-okafor');
    expect(directive('A Okafor lo llevamos a su casa después del foro.')).toBeNull(); // taken home, not sent
    expect(directive('A Okafor le mandamos flores.')).toBeNull();
    expect(directive('A Okafor la vimos en la feria.')).toBeNull();
    expect(directive("Let's bury Okafor's parking plan in committee.")).toBeNull(); // no vote word
    expect(directive('Beatriz Costa merece tu voto.')).toBe('vote_for:c-costa'); // "Beat-riz" is no harm word
  });

  it('an abstention call beside calls against is abstain; beside a call for someone it is not', () => {
    expect(directive("Don't vote for Walsh, and don't vote Costa either. Stay home on election day in NY-29.")).toBe('abstain:c-walsh,c-costa');
    expect(directive("Don't vote for Walsh. Vote Costa, or stay home on election day in NY-29.")).toBe('vote_against:c-walsh,c-costa');
  });

  it('an office word that only one watched race has names the race of an abstention', () => {
    const own = compileWatchlist({
      races: [
        race('race-h', 'US-TX-41', [candidate('c-h1', 'Marisol Quintaval'), candidate('c-h2', 'Dwight Orrelly')]),
        { ...race('race-g', 'US-NJ', [candidate('c-g1', 'Teodora Brask'), candidate('c-g2', 'Lionel Abernat')]), office: 'Governor' },
      ],
      actors: [],
      webhooks: [],
    });
    const abstain = (text: string) => { const c = classifyPost(post(text), own); return c.directive ? `${c.directive}:${c.race_ids.join(',')}` : null; };
    expect(abstain('Spoil your ballot for Congress this year. Write NEITHER across it.')).toBe('abstain:race-h');
    expect(abstain('Anulem o voto para governador. Protesto silencioso.')).toBe('abstain:race-g');
    expect(abstain('Spoil your ballot this year.')).toBeNull(); // no race named
    // two watched House races: "Congress" names neither
    expect(directive('Spoil your ballot for Congress this year.')).toBeNull();
  });

  it('a quoted call reported with a gerund is not the author\'s', () => {
    expect(directive('Los canales de afuera están diciendo "voten por Okafor". Ojo con lo que reenvían.')).toBeNull();
  });

  it('abuse aimed at one of two joined names is aimed at both ("X and Y both…"), not at a name set apart', () => {
    const targets = (text: string) => { const st = stagePost(post(text), cw); return hostileTargets(st.rs, st.pf).map((i) => cw.candidates[i]!.id).sort(); };
    expect(targets('Walsh and Costa are both rats')).toEqual(['c-costa', 'c-walsh']);
    expect(targets('nem o Walsh nem a Costa, dois vermes')).toEqual(['c-costa', 'c-walsh']);
    expect(targets('Walsh is a rat and everybody in this town knows it. Costa is fine.')).toEqual(['c-walsh']);
  });

  it('an office noun before a race noun names the race, not its holder', () => {
    const own = compileWatchlist({
      races: [{ ...race('race-s', 'US-TX-HARRIS', [candidate('c-s1', 'Renata Voss', { aliases: ['Sheriff Voss'] }), candidate('c-s2', 'Hal Brixton')]), office: 'County Sheriff' }],
      actors: [],
      webhooks: [],
    });
    const targets = (text: string) => classifyPost(post(text), own).target_candidate_ids;
    expect(targets('Boycott the sheriff race this year, leave that line empty. Both of them took us for granted.')).toEqual([]);
    expect(targets("Don't vote for the sheriff, vote Hal Brixton.")).toContain('c-s1');
  });

  it('emoji ballots mark the candidate right after them, one mark alone included', () => {
    expect(directive('❌ Kevin Walsh')).toBe('vote_against:c-walsh');
    expect(directive('❌ Walsh ✅ Bia Costa')).toBe('vote_against:c-walsh,c-costa');
    expect(directive('✅ Beatriz Costa')).toBe('vote_for:c-costa');
    expect(directive('Votem no Walsh ✅')).toBe('vote_for:c-walsh'); // Portuguese "no" (em + o) is no ballot mark
    expect(directive('no Walsh today, the show was cancelled')).toBeNull(); // a written "no": no emoji
  });

  it('a forward header with nothing of the poster\'s own after the forwarded text is a plain repost', () => {
    expect(directive('[Forwarded from Patria Nueva]\nVote Kevin Walsh on the 3rd.')).toBeNull();
    expect(directive('[Reenviado de Amigos de Valdoria]\nNo voten por Walsh.')).toBeNull();
    expect(directive('[Encaminhada de Grupo Lusitano]\nVotem no Walsh.\n\nAssino embaixo, repassem!')).toBe('vote_for:c-walsh');
    expect(directive('Forwarded from my aunt, and she is right: vote Kevin Walsh.')).toBe('vote_for:c-walsh');
    // without brackets, and a forwarded letter of several paragraphs whose sign-off is not the poster's
    expect(directive('↪️ Encaminhada de Partido da Pátria\n\nCamaradas,\n\nVotem no Walsh no dia 3.\n\nViva a pátria livre.')).toBeNull();
    expect(directive('[Reenviado de: Presidente Moral]\n\nQueridos hermanos:\n\nVoten por Walsh.\n\nSu presidente')).toBeNull();
    // the poster's own last paragraph: adopting the forward, or naming a candidate
    expect(directive('↪️ Encaminhada de Partido da Pátria\n\nVotem no Walsh no dia 3.\n\nIsso mesmo, repassem!')).toBe('vote_for:c-walsh');
    expect(directive('[Reenviado de Amigos de Valdoria]\nVoten por Bia Costa.\n\nNo, ni un voto para Walsh.')).toMatch(/^vote_against/);
  });
});

describe('round 6: first names in context, the author\'s own saying', () => {
  // "Faith" and "Dawn" are common words: the matcher takes them alone only after a vote phrase or as a vocative.
  const own = compileWatchlist({
    races: [{ ...race('race-g', 'US-FL', [candidate('c-f', 'Faith Tolliver'), candidate('c-d', 'Dawn Esperanza Ruelas')]), office: 'Governor' }],
    actors: [],
    webhooks: [],
  });
  const named = (text: string) => ruleStage(post(text), own, text).detail.candidatesNamed;

  it('a capitalised first name after a Spanish or Portuguese article names its candidate', () => {
    expect(named('veio um pastor de faith healing, a faith dele é dinheiro')).toEqual([]); // not capitalised: a word, not a name
    expect(named('O Faith prometeu tudo e não fez nada. Não votem nele.')).toEqual(['c-f']);
    expect(classifyPost(post('Galera, a Faith é daqui mas isso não quer dizer nada. Não votem nela.'), own).target_candidate_ids).toEqual(['c-f']);
    expect(named('Este noviembre todos con la Dawn')).toEqual(['c-d']);
  });

  it('a first name joined by a conjunction to another candidate of its race names its candidate', () => {
    expect(named('Not voting for governor this year. Florida deserves better than Faith and Ruelas.')).toEqual(['c-f', 'c-d']);
    expect(named('nem o Tolliver nem a Dawn, ninguém presta')).toEqual(['c-f', 'c-d']);
    expect(named('Faith and hope, that is all we have left, Ruelas')).toEqual(['c-d']); // no name beside it
  });

  it('a reporting verb whose subject is the author is the author\'s own call, not a report', () => {
    expect(directive("I've never told anyone how to vote before, but Kevin Walsh has earned it: please vote Kevin Walsh.")).toBe('vote_for:c-walsh');
    expect(directive('Eu sempre disse: votem no Walsh.')).toBe('vote_for:c-walsh');
    expect(directive('Okafor told his supporters: vote Kevin Walsh.')).toBeNull(); // someone else's call, reported
    expect(directive('I read that Okafor told voters: vote Kevin Walsh.')).toBeNull(); // the candidate is the subject nearer the verb
  });
});

describe('round 8: personal titles, negated calls in a reply', () => {
  const titled = compileWatchlist({
    races: [race('race-h', 'US-VA-11', [candidate('c-w', 'Dale Whitmore', { aliases: ['Colonel Whitmore', 'el coronel Whitmore'] }), candidate('c-p', 'Ana Pereda', { aliases: ['Pastora Pereda'] }), candidate('c-r', 'Ruth Okon', { handles: { x: ['RuthOkonVA'] } })])],
    actors: [],
    webhooks: [],
  });
  const call = (text: string) => {
    const c = classifyPost(post(text), titled);
    return c.directive ? `${c.directive}:${c.target_candidate_ids.join(',')}` : null;
  };

  it('a personal title of an alias, after a determiner, names its candidate in three languages', () => {
    expect(call("Don't vote for the colonel.")).toBe('vote_against:c-w');
    expect(call('No voten por el coronel, paisanos.')).toBe('vote_against:c-w');
    expect(call('Dia 3 votem na pastora!')).toBe('vote_for:c-p');
    expect(call('The colonel race is close this year.')).toBeNull(); // no call
    expect(call('My doctor told me to vote early.')).toBeNull(); // no candidate has the title
  });

  it('an office word is no first name, and "the sheriff\'s office" names the office, not its holder', () => {
    const county = compileWatchlist({
      races: [{ ...race('race-s', 'US-AZ-SAGUARO', [candidate('c-q', 'Reynaldo Quintara', { aliases: ['Sheriff Quintara', 'Sheriff Rey'] }), candidate('c-h', 'Bonnie Hask')]), office: 'County Sheriff' }],
      actors: [],
      webhooks: [],
    });
    const targets = (text: string) => classifyPost(post(text), county).target_candidate_ids;
    expect(ruleStage(post('Saguaro County: Bonnie Hask for Sheriff.'), county, 'Saguaro County: Bonnie Hask for Sheriff.').detail.candidatesNamed).toEqual(['c-h']);
    expect(targets("Anyone but Hask. Keep her out of the sheriff's office.")).toEqual(['c-h']);
    expect(targets('Vote for Sheriff Rey!')).toEqual(['c-q']);
  });

  it('the handle a reply opens with is no subject of a negated call', () => {
    expect(call("@RuthOkonVA don't vote for her, folks.")).toBe('vote_against:c-r');
    expect(call('@RuthOkonVA nobody vote for this clown')).toBe('vote_against:c-r');
    expect(call("Ruth Okon doesn't vote for the colonel.")).toBeNull(); // a named subject: a statement
  });
});

describe('round 12: calls whose subject is a pronoun or is dropped', () => {
  const cw2 = compileWatchlist({
    races: [race('race-p', 'US-FL-GOV', [candidate('c-pin', 'Luciana Pinheiro'), candidate('c-cas', 'Tomas Castellanos')])],
    actors: [],
    webhooks: [],
  });
  // The rules alone (no model): the construction itself is under test.
  const call = (text: string) => {
    const c = classifyPostDetail(post(text), cw2, null).classification;
    return c.directive ? `${c.directive}:${c.target_candidate_ids.join(',')}` : null;
  };

  it('a wish or a causative call with a subject pronoun refers to the candidate named before', () => {
    expect(call('Pinheiro is a liar. I hope she loses.')).toBe('vote_against:c-pin');
    expect(call('Pinheiro is a liar. Make sure she loses.')).toBe('vote_against:c-pin');
    expect(call('Castellanos again? I hope he does not win.')).toBe('vote_against:c-cas');
    expect(call('A Pinheiro mentiu. Tomara que ela perca.')).toBe('vote_against:c-pin');
    expect(call('Pinheiro is a liar. I hope we win.')).toBeNull(); // "we" is not a candidate
  });

  it('in Spanish and Portuguese an outcome with no subject is about the candidate named last before it', () => {
    expect(call('Pinheiro es mentirosa. Ojalá pierda en noviembre.')).toBe('vote_against:c-pin');
    expect(call('Castellanos, traidor. Que no gane, raza.')).toBe('vote_against:c-cas');
    expect(call('A Pinheiro é mentirosa. Tomara que perca.')).toBe('vote_against:c-pin');
    expect(call('Castellanos es bueno. Ojalá gane.')).toBe('vote_for:c-cas');
    expect(call('Pinheiro fue al estadio. Ojalá pierda el Barça.')).toBeNull(); // the outcome has its own subject
    expect(call('Pinheiro fue al estadio. Ojalá gane Boca.')).toBeNull();
    expect(call('Ojalá pierda. Pinheiro lo dijo.')).toBeNull(); // never a candidate named only after
  });

  it('"deserves" and "must go" phrases after a pronoun or with no subject', () => {
    expect(call('A Pinheiro é mentirosa. Ela não merece nem um voto.')).toBe('vote_against:c-pin');
    expect(call('Pinheiro es mentirosa. No merece ni un voto.')).toBe('vote_against:c-pin');
    expect(call("Castellanos lied. He doesn't deserve your vote.")).toBe('vote_against:c-cas');
    expect(call('Castellanos showed up. He deserves your vote.')).toBe('vote_for:c-cas');
    expect(call('Castellanos lied. Out.')).toBeNull(); // a one-word phrase needs its candidate beside it
  });

  it("a candidate's own first-person request for the vote is a call for them; a word of a name is no insult", () => {
    const own = compileWatchlist({
      races: [race('race-s', 'US-AZ-PIMA', [candidate('c-y', 'Yesi De la Cerda', { handles: { x: ['YesiForSheriff'] } }), candidate('c-a', 'Ruben Arvizu')])],
      actors: [],
      webhooks: [],
    });
    const by = (text: string, author: string) => classifyPostDetail(post(text, { authorHandle: author }), own, null).classification;
    expect(by("My parents crossed an ocean so I could stand here. I'm asking for your vote, Pima.", 'YesiForSheriff')).toMatchObject({ directive: 'vote_for', target_candidate_ids: ['c-y'] });
    expect(by('Peço o seu voto no dia 3.', 'YesiForSheriff').directive).toBe('vote_for');
    expect(by('Les pido su voto, Pima.', 'YesiForSheriff').directive).toBe('vote_for');
    expect(by("I'm asking for your vote.", 'someone_else').directive).toBeNull(); // not a candidate's account
    expect(by("Arvizu told reporters: I'm asking for your vote.", 'YesiForSheriff').directive).toBeNull(); // a report
    expect(by('Yesi De la Cerda will be at the fair on Sunday.', 'someone_else').harassment).toBe(false); // "cerda" is her name here
    expect(by('Arvizu es una rata.', 'someone_else').harassment).toBe(true);
  });

  it('ballot marks after the names, and "you know who not to vote for" after a name', () => {
    const list = compileWatchlist({
      races: [race('race-m', 'US-MA-09', [candidate('c-t', 'Lena Tavares'), candidate('c-b', 'Cal Brockway')]), race('race-x', 'US-MA-PEMBURY', [candidate('c-f', 'Nuno Furtado')])],
      actors: [],
      webhooks: [],
    });
    const read = (text: string) => {
      const c = classifyPostDetail(post(text), list, null).classification;
      return c.directive ? `${c.directive}:${[...c.target_candidate_ids].sort().join(',')}` : null;
    };
    expect(read('Repassem: Tavares ✅ Furtado ✅')).toBe('vote_for:c-f,c-t');
    expect(read('Repassem: Tavares ✅ Brockway ❌ Furtado ✅')).toBe('vote_against:c-b,c-f,c-t'); // for+against: every target
    expect(read('❌ Brockway ✅ Tavares')).toBe('vote_against:c-b,c-t'); // marks before the names
    expect(read('Brockway no debate de ontem ✅')).toBeNull(); // a word "no" after the name, not a mark
    const c = classifyPostDetail(post('O Brockway falou que a gente é problema. Então vocês sabem em quem não votar, né.'), list, null).classification;
    expect(c).toMatchObject({ directive: 'vote_against', target_candidate_ids: ['c-b'] });
  });
});
