/**
 * Lead extraction (issue 12) on the demo's articles: the seed case written from the facts in
 * ../shared/reference/seed-case.md, and fictional articles in three languages (Veradia, OH-19).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWatchlist, type CompiledWatchlist } from '../analyze/match/compile.js';
import { loadWatchlist } from '../watch/load.js';
import { plain } from '../util/normalize.js';
import { approximateDate, cueText, dateline, extractLead, splitSentences } from './extract.js';
import { ALLEGATION_CUES } from './lexicon.js';
import { readHtml, readText } from './read.js';
import { leadOfBody, mustLeadOfBody } from './testing.js';
import type { Article, Lead, NoLead } from './types.js';

const ART = 'demo/data/articles';
let cw: CompiledWatchlist;
beforeAll(async () => {
  cw = compileWatchlist(await loadWatchlist('demo/watchlist.yaml'));
});

function article(name: string): Article {
  const raw = readFileSync(`${ART}/${name}`, 'utf8');
  if (name.endsWith('.html')) {
    const a = readHtml(raw, `${ART}/${name}`);
    if ('code' in a) throw new Error(a.reason);
    return a;
  }
  return readText(raw, `${ART}/${name}`);
}
function lead(name: string): Lead {
  const out = extractLead(article(name), cw);
  if ('none' in out) throw new Error(`no lead: ${out.none.message}`);
  return out.lead;
}
function none(name: string): NoLead {
  const out = extractLead(article(name), cw);
  if ('lead' in out) throw new Error(`unexpected lead: ${JSON.stringify(out.lead.allegations)}`);
  return out.none;
}

describe('the seed article (CA-35, 2022)', () => {
  it('gives one lead: accuser Torres; the head of state from the registry; cabinet, party and consuls general proposed', () => {
    const l = lead('seed-ca35-2022.txt');
    expect(l.accusers).toEqual(['Norma Torres']);
    expect(l.accused.map((a) => [a.name, a.actor_id])).toEqual([
      ['Nayib Bukele', 'sv-president'],
      ['his cabinet', null],
      ['members of his political party', null],
      ['consuls general', null],
    ]);
    expect(l.proposed_actors.map((p) => [p.name, p.role, p.country, p.affiliation])).toEqual([
      ['Cabinet of Nayib Bukele', 'minister', 'SV', 'sv-government'],
      ['Political party of Nayib Bukele', 'party_official', 'SV', 'sv-government'],
      ['Consuls general of El Salvador', 'consulate', 'SV', 'sv-government'],
    ]);
    for (const p of l.proposed_actors) expect(p.sources).toEqual([`${ART}/seed-ca35-2022.txt`]);
  });

  it('race US-CA-35 2022, the candidate, the allegations and the quoted April 2021 directive', () => {
    const l = lead('seed-ca35-2022.txt');
    expect(l.race_ids).toEqual(['us-house-ca-35-2022']);
    expect(l.candidate_ids).toEqual(['torres']);
    expect(l.allegations).toEqual(['directive', 'harassment', 'threat', 'coordination']);
    expect(l.quoted_posts).toHaveLength(1);
    expect(l.quoted_posts[0]).toMatchObject({ author_handle: 'nayibbukele', date: '2021-04', platform: 'x' });
    expect(l.quoted_posts[0]!.text).toMatch(/^I hope that all my Salvadoran.*DO NOT VOTE for @NormaJTorres$/);
    // "FEC rules bar foreign nationals from donating" is context, not a money allegation.
    expect(l.allegations).not.toContain('money');
  });

  it("the State Department's condemnation, the ambassador's counter-accusation, the Justice Department's no comment", () => {
    const l = lead('seed-ca35-2022.txt');
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ['State Department', 'condemnation'],
      ["El Salvador's ambassador to the United States, Milena Mayorga", 'counter_accusation'],
      ['Justice Department', 'no_comment'],
    ]);
    expect(l.dateline).toEqual({ place: 'WASHINGTON' });
    expect(l.grade.suggestion).toBe(true);
  });
});

describe('fictional articles in three languages', () => {
  it('ES (HTML): a consulate accused of a get-out-the-vote push for one candidate', () => {
    const l = lead('xv-consulate-gotv-es.html');
    expect(l.lang).toBe('es');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
    expect(l.candidate_ids).toEqual(['oyelaran']);
    expect(l.race_ids).toEqual(['us-house-oh-19-2026']);
    expect(l.allegations).toEqual(['directive']);
    // The rival's campaign ("no tiene relación alguna con el consulado") denies too.
    expect(l.responses.map((r) => r.kind)).toEqual(['denial', 'denial', 'no_comment']);
    expect(l.article).toBe('https://diario-ficticio.example/2026/10/20/consulado-veradia-votos');
    expect(l.dateline).toEqual({ place: 'COLUMBUS, Ohio' });
  });

  it("EN: a state outlet's link campaign, the president's quoted post", () => {
    const l = lead('xv-vn24-links-en.txt');
    expect(l.accusers).toEqual(['Researchers at the Buckeye Integrity Lab']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24', 'xv-president']);
    expect(l.allegations).toEqual(['directive', 'coordination']);
    expect(l.candidate_ids).toEqual(['whitfield']);
    expect(l.quoted_posts.map((q) => [q.author_handle, q.date])).toEqual([['AMontcastel', '2026-10-02']]);
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ['VN24 spokesperson', 'denial'],
      ['State Department', 'condemnation'],
    ]);
  });

  it('PT: an allegation that names no registry actor proposes the accused as a new entry', () => {
    const l = lead('xv-unknown-firm-pt.txt');
    expect(l.lang).toBe('pt');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.accused).toEqual([{ name: 'Atlântico Digital', actor_id: null, country: undefined }]);
    expect(l.proposed_actors.map((p) => p.name)).toEqual(['Atlântico Digital']);
    expect(l.allegations).toEqual(['harassment', 'threat', 'coordination']);
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ['Atlântico Digital', 'denial'],
      ['FBI', 'no_comment'],
    ]);
  });

  it('an election abroad gives no lead, and says why', () => {
    expect(none('xv-election-abroad-en.txt').reason).toBe('no_watched_target');
  });

  it('an article with no allegation gives no lead, and says so', () => {
    const n = none('oh19-debate-en.txt');
    expect(n.reason).toBe('no_allegation');
    expect(n.message).toMatch(/no allegation/);
  });
});

describe('pieces', () => {
  it('keeps quotes and abbreviations inside sentences', () => {
    const s = splitSentences('Rep. Norma J. Torres said so. He wrote: "Vote. Now." The U.S. Embassy declined to comment.');
    expect(s.map((x) => x.text)).toEqual(['Rep. Norma J. Torres said so.', 'He wrote: "Vote. Now."', 'The U.S. Embassy declined to comment.']);
  });

  it('approximate dates in three languages', () => {
    expect(approximateDate('in april 2021, he posted')).toBe('2021-04');
    expect(approximateDate('en abril de 2021 escribio')).toBe('2021-04');
    expect(approximateDate('em 3 de marco de 2022 escreveu')).toBe('2022-03-03');
    expect(approximateDate('on oct. 2, 2026, he tweeted')).toBe('2026-10-02');
    expect(approximateDate('no date here')).toBeNull();
  });

  it('datelines', () => {
    expect(dateline('SAN SALVADOR (AP) — The president')).toEqual({ place: 'SAN SALVADOR' });
    expect(dateline('COLUMBUS, Ohio — La campaña')).toEqual({ place: 'COLUMBUS, Ohio' });
    expect(dateline('The president said')).toBeNull();
  });

  it('a Spanish quoted post: "escribió en X: …" with author and date', () => {
    const a = readText('Title: Prueba\n\nLa campaña de Dana Whitfield denunció que el presidente Aurelio Montcastel orquestó ataques contra ella. En octubre de 2026, Montcastel escribió en X: "Veradianos de Ohio, no voten por Dana Whitfield".\n', 't.txt');
    const out = extractLead(a, cw);
    if ('none' in out) throw new Error(out.none.message);
    expect(out.lead.quoted_posts).toEqual([expect.objectContaining({ author_handle: 'AMontcastel', date: '2026-10', text: 'Veradianos de Ohio, no voten por Dana Whitfield' })]);
    expect(out.lead.allegations).toEqual(['directive', 'harassment', 'coordination']);
  });
});

describe('hostile input', () => {
  it('a long run of quotes, commas, names and verbs ends quickly and yields no throw', () => {
    const words = ['said', 'accused', '"', ',', 'Rep.', 'Torres', 'by', 'Atlántico', 'Digital', 'tweeted:', '“', '—', 'orchestrated', 'according', 'to', 'his', 'party', 'consuls', 'general', '.', '\n\n', 'VN24', 'declined', 'to', 'comment'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const text = Array.from({ length: 40_000 }, () => words[Math.floor(rnd() * words.length)]).join(' ');
    const started = performance.now();
    const out = extractLead(readText(`Title: x\n\n${text}`, 'hostile.txt'), cw);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect('lead' in out || 'none' in out).toBe(true);
  });
});

describe('the seed facts told another way (wire style)', () => {
  it("headline accuser dropped, \"Bukele's cabinet\" owned by the registry actor, a quote-only sentence is no response", () => {
    const a = readText(readFileSync('test/fixtures/leads-text/seed-rephrased.txt', 'utf8'), 'seed-rephrased.txt');
    const out = extractLead(a, cw);
    if ('none' in out) throw new Error(out.none.message);
    const l = out.lead;
    expect(l.accusers).toEqual(['Norma Torres']);
    expect(l.accused.map((x) => [x.name, x.actor_id])).toEqual([['Bukele', 'sv-president'], ['cabinet', null], ['consulates', null]]);
    expect(l.proposed_actors.map((p) => p.name)).toEqual(['Cabinet of Nayib Bukele', 'Consulate of El Salvador']);
    expect(l.quoted_posts.map((q) => [q.author_handle, q.date, q.text])).toEqual([['nayibbukele', '2021-04', 'DO NOT VOTE for @NormaJTorres']]);
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ["El Salvador's foreign ministry", 'no_comment'],
      ['Federal Election Commission', 'no_comment'],
    ]);
    expect(l.dateline).toEqual({ place: 'LOS ANGELES' });
  });
});

/** One article from a few sentences of my own (fictional; not from any labelled set). */
const leadOf = (text: string) => leadOfBody(cw, text);
const mustLead = (text: string) => mustLeadOfBody(cw, text);

describe('mechanisms that carry to text written by others', () => {
  it('cues are stems: every form of the verb or noun counts, in three languages', () => {
    const kinds = (t: string) => ALLEGATION_CUES.filter(([, re]) => { re.lastIndex = 0; return re.test(plain(t)); }).map(([k]) => k);
    expect(kinds('the accounts were orchestrating abusive replies')).toEqual(['harassment', 'coordination']);
    expect(kinds('los militantes la amenazaron por teléfono')).toEqual(['threat']);
    expect(kinds('os perfis ameaçaram a candidata')).toEqual(['threat']);
    expect(kinds('pidió a los electores del condado que no voten por ella')).toEqual(['directive']);
    expect(kinds('pediu aos eleitores que não votem nele')).toEqual(['directive']);
    expect(kinds('the firm paid creators to post clips')).toEqual(['money']);
    expect(kinds('the vote count was slow')).toEqual([]);
  });

  it('the article narrating the act in its own voice, the source after "según" being a message: an allegation with no accuser of its own', () => {
    const l = mustLead('El presidente Aurelio Montcastel pidió el lunes a los veradianos de Ohio que no voten por Dana Whitfield, según un mensaje publicado en su cuenta. La campaña de Whitfield calificó el mensaje de injerencia.');
    expect(l.allegations).toEqual(['directive']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president']);
    expect(l.candidate_ids).toEqual(['whitfield']);
  });

  it('a speaker after the verb (\'"…," said X\') and a candidate named by surname alone', () => {
    const l = mustLead('"The consulate of Veradia in Columbus coordinated those accounts," said Whitfield, who represents the district.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.allegations).toEqual(['coordination']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
  });

  it('", a firm said on Monday." at the end: the firm alleges what comes before', () => {
    const l = mustLead("Hackers working for the Veradian government broke into email accounts of Marcus Oyelaran's campaign staff, a security firm said on Monday.");
    expect(l.allegations).toEqual(['hacking']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-government']);
    expect(l.candidate_ids).toEqual(['oyelaran']);
  });

  it('"according to the statement" continues the accuser; a description gives way to a name', () => {
    const l = mustLead('A local advocacy group said Veradian diplomats harassed Dana Whitfield. Whitfield said the consulate of Veradia in Columbus was behind the abuse. According to the statement, the attacks were coordinated by Veradia Noticias 24.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.accused.map((a) => a.actor_id)).toContain('xv-media-vn24');
  });

  it('the owner of what is accused and the object of the events are not accused', () => {
    const l = mustLead('Dana Whitfield, a critic of President Aurelio Montcastel, said the consulate of Veradia in Columbus orchestrated the attacks on her.');
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
  });

  it('a rival condemning interference in general is a response, not a second accuser', () => {
    const l = mustLead('Dana Whitfield said the consulate of Veradia in Columbus orchestrated attacks on her. Marcus Oyelaran said any foreign interference was unacceptable.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.candidate_ids).toEqual(['whitfield']);
  });

  it('negative contexts give no lead: a congratulation, a trade story, a domestic complaint', () => {
    expect('none' in leadOf('President Aurelio Montcastel congratulated Dana Whitfield on her primary win and praised her visit to Veradia.')).toBe(true);
    expect('none' in leadOf('Veradia and the United States signed a trade deal. Marcus Oyelaran said it would help farmers in his district.')).toBe(true);
    expect('none' in leadOf("Dana Whitfield's campaign accused Marcus Oyelaran of coordinating with a super PAC. The FEC declined to comment.")).toBe(true);
  });
});

describe('mechanisms: registry-derived words, two-sentence allegations, posts, responders', () => {
  it('a demonym derived from the registry names the country of a role ("la televisión estatal veradiana")', () => {
    const l = mustLead('Dana Whitfield denunció que la televisión estatal veradiana pidió a sus espectadores que no voten por ella.');
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
    expect(l.allegations).toEqual(['directive']);
  });

  it('an allegation over two sentences takes the foreign party of the sentence before', () => {
    const l = mustLead('Marcus Oyelaran held up printouts of clips from Veradia Noticias 24. His campaign says 300 new accounts pushed out the same clips within minutes of each broadcast.');
    expect(l.allegations).toEqual(['coordination']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
  });

  it('a quotation followed by its posting verb and author, a handle with a dot, a day in the article\'s year', () => {
    const l = mustLead('Dana Whitfield said the president of Veradia urged voters in the Nov. 3, 2026 election not to vote for her. «Veradianos de Ohio: ni un voto para Whitfield», escribió Montcastel el 4 de octubre. On Oct. 5 the account @veradia.fan posted: "Whitfield is no friend of ours."');
    expect(l.quoted_posts.map((q) => [q.author_handle, q.date])).toEqual([['AMontcastel', '2026-10-04'], ['veradia.fan', '2026-10-05']]);
  });

  it('responders by name: a leading adverbial dropped, US bodies in English, declining whoever declines', () => {
    const l = mustLead('Dana Whitfield said the consulate of Veradia in Columbus orchestrated attacks on her. Horas más tarde, el Departamento de Estado condenó los ataques. Una fundación local declinó comentar.');
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ['State Department', 'condemnation'],
      ['fundación local', 'no_comment'],
    ]);
  });
});

describe('mechanisms: negation and senses', () => {
  it('a negated cue is no allegation of that kind; "the attack" beside a break-in is the hacking', () => {
    const l = mustLead('Marcus Oyelaran said hackers working for the Veradian government broke into his campaign email in an attack last month. "These were not trolls," he said.');
    expect(l.allegations).toEqual(['hacking']);
  });

  it('the broadcaster that carried a speech is not accused with the speaker', () => {
    const l = mustLead('Dana Whitfield said President Aurelio Montcastel urged Veradians in Ohio not to vote for her in a speech broadcast by Veradia Noticias 24.');
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });
});

describe('mechanisms: sources, agents, own words, transcripts (sentences of our own)', () => {
  it('a passive reporting verb has no speaker; ", a lab found." at the end is the source of the clause', () => {
    const l = mustLead("Phishing emails sent to Marcus Oyelaran's volunteers were traced to servers run for the Veradian government, a security lab found.");
    expect(l.allegations).toEqual(['hacking']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-government']);
    expect(l.candidate_ids).toEqual(['oyelaran']);
  });

  it('a country as the agent, and "government" with its demonym, stand for its government', () => {
    expect(mustLead('Dana Whitfield said the smear videos against her were paid for by Veradia.').accused.map((a) => a.actor_id)).toEqual(['xv-government']);
    const es = mustLead('Marcus Oyelaran dijo que el gobierno veradiano financió los anuncios en su contra.');
    expect(es.allegations).toEqual(['money']);
    expect(es.accused.map((a) => a.actor_id)).toEqual(['xv-government']);
  });

  it("the accused's own words: a foreign official telling voters whom to re-elect is the directive; the rival who objects is the accuser", () => {
    const l = mustLead("Veradia's consul general, Inés Barrowby, told a community radio show that Veradians in Ohio should re-elect Dana Whitfield. Marcus Oyelaran called the remarks foreign interference.");
    expect(l.allegations).toEqual(['directive']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consul-barrowby']);
    expect(l.accusers).toEqual(['Marcus Oyelaran']);
    expect(l.candidate_ids).toEqual(['whitfield']);
  });

  it('"nobody told us who to vote for" and "did not ask for votes" are no directive', () => {
    expect(mustLead('Dana Whitfield dijo que el consulado de Veradia en Columbus hostigó a sus voluntarios. «Nadie nos dijo por quién votar», dijo una voluntaria.').allegations).toEqual(['harassment']);
    const l = leadOf('Inés Barrowby said she did not ask for votes for anyone.');
    expect('none' in l).toBe(true);
  });

  it('a transcript: the labelled speaker says every sentence of the paragraph; the host is the newsroom', () => {
    const l = mustLead('HOST: Who is behind the messages?\n\nOYELARAN: The consulate of Veradia in Columbus orchestrated them. They threatened my family.');
    expect(l.accusers).toEqual(['Marcus Oyelaran']);
    expect(l.allegations).toEqual(['threat', 'coordination']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
  });

  it('a paragraph that is one quotation is the words of the person the sentence before names', () => {
    const l = mustLead('Dana Whitfield spoke to reporters on Monday. Here is what she said.\n\n"President Aurelio Montcastel is telling Veradians how to vote. That is interference."');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.allegations).toEqual(['directive']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });

  it('a title before a registry name is that person; a foreign official speaking never accuses', () => {
    const l = mustLead('Veradian President Aurelio Montcastel wrote on X: "Do not vote for Whitfield." Dana Whitfield said the post was interference.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });

  it('"the government" or "the president" with no country beside it names nobody', () => {
    const l = mustLead('Dana Whitfield said Veradia Noticias 24 smeared her, and that the president of her county party and the government should act.');
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
  });

  it('"its consulate in CITY": a mission in another city than the registry\'s is proposed, not matched', () => {
    const l = mustLead('Marcus Oyelaran said the Veradian consulate in Cleveland harassed his volunteers.');
    expect(l.accused.map((a) => a.actor_id)).toEqual([null]);
    expect(l.proposed_actors.map((p) => p.country)).toEqual(['XV']);
  });

  it('an impersonated party is not accused; "the attack" in a hacking story is the break-in', () => {
    const l = mustLead("A security firm said hackers working for the Veradian government sent emails posing as the consulate of Veradia in Columbus to Dana Whitfield's staff and broke into their accounts. The firm said the attack began in June.");
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-government']);
    expect(l.allegations).toEqual(['hacking']);
  });

  it('a subject-less sentence goes on with the speaker before (the responder, not the accuser)', () => {
    const l = mustLead('Dana Whitfield dijo que el consulado de Veradia en Columbus la hostigó. El Consulado General de Veradia en Columbus negó las acusaciones. En un comunicado, afirmó que no financia ni organiza protestas.');
    expect(l.allegations).toEqual(['harassment']);
    // One responder in two sentences is one response.
    expect(l.responses.map((r) => r.kind)).toEqual(['denial']);
  });

  it('"the same text" is coordination among many accounts only', () => {
    expect(mustLead('Dana Whitfield said President Aurelio Montcastel urged Veradians not to vote for her and posted the same text in English.').allegations).toEqual(['directive']);
    expect(mustLead('Dana Whitfield said hundreds of accounts linked to Veradia Noticias 24 reposted the same text within the hour.').allegations).toEqual(['coordination']);
  });

  it("a campaign's staff accuse for its candidate", () => {
    const l = mustLead('Daniel Okoro, campaign manager for Marcus Oyelaran, said the consulate of Veradia in Columbus threatened volunteers.');
    expect(l.accusers).toEqual(['Daniel Okoro']);
    expect(l.candidate_ids).toEqual(['oyelaran']);
  });
});

describe('mechanisms: responders', () => {
  it('an accused role answering is a response by its registry name, the adjunct dropped; "Instead, she accused" goes on with her', () => {
    const l = mustLead('Dana Whitfield said the consulate of Veradia in Columbus orchestrated attacks on her. The consulate, in a statement to reporters, said it "did not organize anything." Inés Barrowby did not address the claims. Instead, she accused Whitfield of meddling in Veradian politics.');
    expect(l.responses.map((r) => [r.speaker, r.kind])).toEqual([
      ['Consulate General of Veradia in Columbus', 'denial'],
      ['Inés Barrowby', 'counter_accusation'],
    ]);
  });
});

describe('mechanisms: cue classes', () => {
  it('publishing where a candidate will be is harassment; "we know where you live" and "pay her a visit" are threats', () => {
    const kinds = (t: string) => ALLEGATION_CUES.filter(([, re]) => { re.lastIndex = 0; return re.test(plain(t)); }).map(([k]) => k);
    expect(kinds('someone posted her public schedule for the week')).toEqual(['harassment']);
    expect(kinds('they said they knew where his children study')).toEqual(['threat']);
    expect(kinds('dijeron que sabían dónde viven sus padres')).toEqual(['threat']);
    expect(kinds('asked whether somebody should pay her a visit')).toEqual(['threat']);
  });

  it("a post's words quoted in the narration are the poster's, not the article's allegation", () => {
    const l = mustLead('Dana Whitfield said President Aurelio Montcastel urged Veradians not to vote for her. The post, on the account @AMontcastel, read: "Whoever attacks our homeland deserves no vote."');
    expect(l.allegations).toEqual(['directive']);
  });
});

describe('mechanisms: no-lead contexts', () => {
  it('a hearing about what foreign governments could do accuses no one, whoever else the story names', () => {
    expect('none' in leadOf('At a House hearing on election security, Dana Whitfield said foreign governments could try to hack state voter rolls. Veradia Noticias 24 covered the hearing.')).toBe(true);
  });

  it('a domestic allegation with "no foreign government was involved" gives no lead', () => {
    expect('none' in leadOf("Marcus Oyelaran said Dana Whitfield's allies paid influencers to attack him. Oyelaran, whose parents emigrated from Veradia, said no foreign government was involved.")).toBe(true);
  });
});

describe('mechanisms: agents and campaigns', () => {
  it('accounts "run from" a country are its government\'s; a country beside a named actor of its own is a place', () => {
    expect(mustLead('Researchers said a network of 600 accounts run from Veradia pushed identical posts attacking Marcus Oyelaran.').accused.map((a) => a.actor_id)).toEqual(['xv-government']);
    expect(mustLead('Dana Whitfield said the abuse was directed from Veradia by President Aurelio Montcastel.').accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });

  it('", denunció su campaña" after the claim: the candidate the sentence names accuses', () => {
    const l = mustLead('La televisora estatal de Veradia difundió un video falso en el que Dana Whitfield parece insultar a los veradianos, denunció su campaña.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
  });
});

describe('mechanisms: attacks, names, negative subjects (sentences of our own)', () => {
  it('"attack" is harassment when a swarm does it; paid videos or ads attacking a candidate are money, not harassment', () => {
    expect(mustLead('Dana Whitfield said hundreds of fake accounts run by the Veradian consulate attacked her every night.').allegations).toEqual(['harassment', 'coordination']);
    expect(mustLead('Dana Whitfield said Veradia Noticias 24 paid local creators to post videos attacking her.').allegations).toEqual(['money']);
    expect(mustLead('Dana Whitfield dijo que el Partido Renovación Veradiana pagó anuncios para atacarla.').allegations).toEqual(['money']);
  });

  it('attacks with nothing more precise are an allegation of another method, not generic interference', () => {
    const l = mustLead('Dana Whitfield said the attacks on her campaign were run out of the Veradian consulate in Columbus.');
    expect(l.allegations).toEqual(['other']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
  });

  it('a cue word inside a proper name ("Brightwater Threat Research") is no cue; a title-case headline still is', () => {
    const l = mustLead('Brightwater Threat Research said hackers working for the Veradian foreign ministry broke into the email of Dana Whitfield.');
    expect(l.allegations).toEqual(['hacking']);
    expect(cueText('Brightwater Threat Research said so', plain('Brightwater Threat Research said so'))).toBe('brightwater xxxxxx xxxxxxxx said so');
    expect(cueText('Whitfield Says Veradia Threatened Her', plain('Whitfield Says Veradia Threatened Her'))).toBe(plain('Whitfield Says Veradia Threatened Her'));
  });

  it('"Lt." does not end a sentence', () => {
    expect(splitSentences('Officials said staff urged voters to vote against Lt. Gov. Pat Lindqvist. Nobody answered.').length).toBe(2);
  });

  it('death wishes are threats; an address published, in the passive too, is harassment; coordinators are people, state-funded a description', () => {
    const kinds = (t: string) => ALLEGATION_CUES.filter(([, re]) => { re.lastIndex = 0; return re.test(plain(t)); }).map(([k]) => k);
    expect(kinds('she received messages wishing her dead')).toEqual(['threat']);
    expect(kinds('recibió mensajes que deseaban su muerte')).toEqual(['threat']);
    expect(kinds('his home address was quickly posted online')).toEqual(['harassment']);
    expect(kinds('su domicilio fue difundido en redes por militantes')).toEqual(['harassment']);
    expect(kinds('publicaram a foto da sua casa')).toEqual(['harassment']);
    expect(kinds('a coordenadora da campanha falou')).toEqual([]);
    expect(kinds('the state-funded broadcaster aired the clip')).toEqual([]);
    expect(kinds('hackers stole credentials from an aide')).toEqual(['hacking']);
    expect(kinds('la cuenta fue tomada por piratas informáticos')).toEqual(['hacking']);
  });

  it('fabricated news and polls, and voter profiling, are methods of their own (other)', () => {
    expect(mustLead('Election officials said Veradia Noticias 24 spread a fabricated poll about Dana Whitfield.').allegations).toEqual(['other']);
  });
});

describe('mechanisms: election authorities, negative subjects, the article\'s race (sentences of our own)', () => {
  it('an election authority reporting what a foreign party did accuses; "the spokesperson" after it goes on for it', () => {
    const l = mustLead('County election officials said staff of the Consulate General of Veradia in Columbus urged dual nationals to vote against Dana Whitfield. The names of attendees were collected on sign-in sheets by consular staff, which amounted to voter profiling, the spokesperson said.');
    expect(l.allegations).toEqual(['directive', 'other']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-consulate-columbus']);
    expect(l.accusers).toEqual(['County election officials']);
  });

  it('the State Department saying the same after an accuser is still a response, not an accuser (first to tell, it accuses: test/leads/round3.test.ts)', () => {
    const l = mustLead('Dana Whitfield said the Veradian consulate in Columbus urged voters to vote against her. The State Department said staff of the Consulate General of Veradia in Columbus urged dual nationals to vote against Dana Whitfield.');
    expect(l.accusers).toEqual(['Dana Whitfield']);
  });

  it('"None of the attendees said they had been told how to vote" alleges no directive', () => {
    const l = mustLead('Dana Whitfield said the Veradian consulate in Columbus collected voter registration details at passport clinics. None of the attendees said they had been told how to vote.');
    expect(l.allegations).toEqual(['other']);
  });

  it('"no sign of coordinated sharing" and "coordinate with the police" are no coordination', () => {
    expect('none' in leadOf('Researchers said they found no sign of coordinated sharing by Veradia Noticias 24 about Dana Whitfield.')).toBe(true);
    expect('none' in leadOf("Dana Whitfield's office said it had helped coordinate with the police at the Veradian consulate in Columbus.")).toBe(true);
  });

  it('remarks "called an attempt to steer the vote" are a directive by the foreign official who made them', () => {
    const l = mustLead('President Aurelio Montcastel told a Veradian-American gathering that "we know what to do in November", remarks that Dana Whitfield called an attempt to steer the vote.');
    expect(l.allegations).toEqual(['directive']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });

  it('an allegation that names no target is about the one race whose candidates the article names, without a candidate', () => {
    const l = mustLead('An election clerk, Joan Pellow, said the Veradian consulate in Columbus collected voter registration details through an app. The app listed Dana Whitfield and Marcus Oyelaran.');
    expect(l.race_ids).toEqual(['us-house-oh-19-2026']);
    expect(l.candidate_ids).toEqual([]);
  });
});

describe('mechanisms: quoted posts as directives (sentences of our own)', () => {
  it('a quoted post is a directive when it says so in words; one that only runs the candidate down is not', () => {
    const says = mustLead('Dana Whitfield said Veradia Noticias 24 paid creators to smear her. The outlet posted on X: "Veradians of Ohio, do not vote for Dana Whitfield."');
    expect(says.allegations).toContain('directive');
    // The classifier reads "votou contra" (she voted against) as a vote against her; no directive words are in it.
    const runsDown = mustLead('Dana Whitfield disse que a Veradia Noticias 24 pagou influenciadores para difamá-la. A conta @VN24tv publicou: "Dana Whitfield votou contra a nossa comunidade. Compartilhe antes de 3 de novembro."');
    expect(runsDown.allegations).not.toContain('directive');
  });
});

describe('mechanisms: owners, titles, possessives, bodies by name (sentences of our own)', () => {
  it('the owner in an apposition ("the outlet of the Veradian government", "legenda do presidente veradiano X") is not accused', () => {
    expect(mustLead('Researchers said Veradia Noticias 24, the state-funded outlet of the Veradian government, paid creators to smear Dana Whitfield.').accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
    expect(mustLead('Dana Whitfield disse que o PRV, legenda do presidente veradiano Aurelio Montcastel, financiou comícios contra ela.').accused.map((a) => a.actor_id)).toEqual(['xv-party-prv']);
  });

  it('the government a candidate broke with is the object of the events, not accused', () => {
    expect(mustLead('Dana Whitfield disse que, desde que rompeu publicamente com o governo de Veradia, perfis do PRV a insultam.').accused.map((a) => a.actor_id)).toEqual(['xv-party-prv']);
  });

  it('a title before a registry surname is that person ("la cónsul Barrowby")', () => {
    expect(mustLead('Dana Whitfield dijo que la diplomática Barrowby organizó el acoso contra sus voluntarios.').accused.map((a) => a.actor_id)).toEqual(['xv-consul-barrowby']);
  });

  it('"his foreign minister" takes the country of the head accused already named', () => {
    const l = mustLead('Dana Whitfield said the abuse was orchestrated by President Aurelio Montcastel and amplified by his foreign minister.');
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-president', 'xv-mfa']);
  });

  it('a country owning the body after it ("on behalf of Veradia\'s foreign ministry") is not a second accused', () => {
    expect(mustLead("Dana Whitfield said hackers working on behalf of Veradia's foreign ministry broke into her campaign's email.").accused.map((a) => a.actor_id)).toEqual(['xv-mfa']);
  });

  it('a foreign party answering after a leading adverbial ("In a statement, …") is a response, not narration', () => {
    const l = mustLead("Dana Whitfield said hackers working for Veradia Noticias 24 broke into her email. In a statement, Veradia's foreign ministry rejected any suggestion that Veradia interferes abroad.");
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-media-vn24']);
  });
});

describe('mechanisms: content attacks, mid-sentence sources, passive amplification (sentences of our own)', () => {
  it('videos attacking a candidate are campaign speech even when accounts boost them', () => {
    expect(mustLead('Researchers said Veradia Noticias 24 paid creators to post videos attacking Dana Whitfield, and a network of 200 accounts boosted the clips.').allegations).toEqual(['money', 'coordination']);
  });

  it('"Within minutes, according to X, CLAIM": the claim after the source is what X says', () => {
    const l = mustLead('Veradia Noticias 24 aired a segment on Dana Whitfield. Within minutes, according to her campaign, dozens of accounts began posting the same caption and the same hashtag.');
    expect(l.allegations).toEqual(['coordination']);
  });

  it('segments replicated by hundreds of accounts, in the passive, are coordination', () => {
    expect(mustLead('Según Dana Whitfield, los segmentos de Veradia Noticias 24 fueron replicados por cientos de cuentas.').allegations).toEqual(['coordination']);
    expect(mustLead('Dana Whitfield said the clips of Veradia Noticias 24 were reposted within the day by hundreds of new accounts.').allegations).toEqual(['coordination']);
  });
});

describe('mechanisms: authorities that answer (sentences of our own)', () => {
  it('an election authority stating what the law bars, or declining to comment, alleges nothing', () => {
    const l = mustLead('Dana Whitfield said the Veradian consulate in Columbus threatened her volunteers. A spokesperson for the Federal Election Commission declined to comment, but noted that federal law bars foreign nationals from spending money on US elections.');
    expect(l.allegations).toEqual(['threat']);
  });
});

describe('mechanisms: carriers, intelligence services (sentences of our own)', () => {
  it('a speech broadcast "por la televisión estatal" does not accuse the broadcaster', () => {
    expect(mustLead('Dana Whitfield acusó al presidente Aurelio Montcastel de pedir en un discurso transmitido por la televisión estatal que no voten por ella.').accused.map((a) => a.actor_id)).toEqual(['xv-president']);
  });

  it("a country's intelligence services stand for its government", () => {
    expect(mustLead('Dana Whitfield disse que hackers ligados aos serviços de inteligência de Veradia invadiram os e-mails da campanha.').accused.map((a) => a.actor_id)).toEqual(['xv-government']);
  });
});

describe('mechanisms: reporting verbs, phishing and fundraising words, numbered seats (sentences of our own)', () => {
  it('"informó", "documenta" report; phishing mail and stolen passwords in Spanish are hacking; false notices about voting are another method', () => {
    const l = mustLead('La oficina electoral del condado informó que agentes del gobierno de Veradia enviaron correos de suplantación de identidad a la campaña de Dana Whitfield y lograron robar las contraseñas. El informe documenta que circularon avisos falsos sobre el cierre de centros de votación desde las cuentas comprometidas.');
    expect(l.allegations).toEqual(['hacking', 'other']);
    expect(l.accused.map((a) => a.actor_id)).toEqual(['xv-government']);
  });

  it('a fundraising dinner an envoy organised is money; "fundraising documents" stolen are not', () => {
    const kinds = (t: string) => ALLEGATION_CUES.filter(([, re]) => { re.lastIndex = 0; return re.test(plain(t)); }).map(([k]) => k);
    expect(kinds('a embaixadora organizou um jantar de arrecadação para o candidato')).toEqual(['money']);
    expect(kinds('the ambassador hosted a fundraiser for the candidate')).toEqual(['money']);
    expect(kinds('they copied email and fundraising documents')).toEqual([]);
  });

  it('a capitalised word with a number after it ("por el Distrito 145") is a seat, not an agent', () => {
    const l = mustLead('Dana Whitfield, candidata por el Distrito 19, dijo que el PRV la hostigó.');
    expect(l.accused.map((a) => a.name)).toEqual(['PRV']);
  });
});

describe('mechanisms: the speaker going on after a quotation or "según dijo" (sentences of our own)', () => {
  it('"según dijo" mid-sentence continues the accuser; the whole sentence is hers', () => {
    const l = mustLead('Dana Whitfield dijo que el PRV la hostigó en sus actos. Su oficina entregó copias de mensajes en los que, según dijo, se le advierte que «sabemos dónde duermen tus hijos».');
    expect(l.allegations).toEqual(['harassment', 'threat']);
  });

  it('"«…», afirmou." with no subject after the quotation continues the speaker before', () => {
    const l = mustLead('A coordenadora da campanha de Dana Whitfield, Ana Reis, disse que perfis do PRV a perseguem desde julho. «É uma campanha de intimidação e, agora, ameaças explícitas», afirmou.');
    expect(l.allegations).toEqual(['harassment', 'threat']);
  });
});

describe("mechanisms: a country's possessive (sentences of our own)", () => {
  it('"from Veradia\'s state news agency" names the agency, not "Veradia\'s" as an unknown agent', () => {
    const l = mustLead("Dana Whitfield said a network of 400 accounts amplified stories from Veradia's state news agency.");
    expect(l.accused.map((a) => [a.name, a.actor_id])).toEqual([['state news agency', 'xv-media-vn24']]);
    expect(l.proposed_actors).toEqual([]);
  });
});
