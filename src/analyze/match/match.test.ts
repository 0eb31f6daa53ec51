import { describe, expect, it } from 'vitest';
import { candidate, race, testWatchlist } from '../fixtures.case.js';
import { compileWatchlist } from './compile.js';
import { US_STATES } from './districts.js';
import { matchEntities } from './match.js';

const cw = compileWatchlist(testWatchlist());
const ids = (text: string) => matchEntities(text, cw).map((m) => `${m.kind}:${m.id}:${m.via}`);

describe('matchEntities', () => {
  it('matches names case and accent insensitively, with offsets into the original text', () => {
    const text = 'Hoy habló SOFIA IBARRA en Houston';
    const [m] = matchEntities(text, cw);
    expect(m).toMatchObject({ kind: 'candidate', id: 'c-ibarra', via: 'name', text: 'SOFIA IBARRA' });
    expect(text.slice(m!.start, m!.end)).toBe('SOFIA IBARRA');
    expect(ids('sofía ibarra')).toEqual(['candidate:c-ibarra:name']);
    expect(ids('Sofi Ibarra')).toEqual(['candidate:c-ibarra:alias']);
  });

  it('matches handles with or without @, and only whole words', () => {
    expect(ids('DO NOT VOTE for @SofiaIbarraTX.')).toEqual(['candidate:c-ibarra:handle']);
    expect(ids('sofiaibarratx said')).toEqual(['candidate:c-ibarra:handle']);
    expect(ids('@SofiaIbarraTXfan2')).toEqual([]);
    expect(ids('Kevin Walshington Okaforia')).toEqual([]);
  });

  it('matches a name written without its middle initial', () => {
    const cw2 = compileWatchlist({ races: [race('r', 'US-CA-35', [candidate('c-t', 'Norma J. Torres')])], actors: [], webhooks: [] });
    expect(matchEntities('Rep. Norma Torres spoke', cw2).map((m) => [m.id, m.text])).toEqual([['c-t', 'Norma Torres']]);
    expect(matchEntities('Norma J. Torres spoke', cw2).map((m) => [m.id, m.text])).toEqual([['c-t', 'Norma J. Torres']]);
    const fec = compileWatchlist({ races: [race('r', 'US-CA-35', [candidate('c-t', 'TORRES, NORMA J.')])], actors: [], webhooks: [] });
    expect(matchEntities('Do not vote for Norma Torres', fec).map((m) => m.id)).toEqual(['c-t']);
  });

  it('prefers the longest of overlapping names', () => {
    const m = matchEntities('Meet Beatriz Costa today', cw);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ id: 'c-costa', text: 'Beatriz Costa', via: 'name' });
  });

  it('takes a surname alone only with context', () => {
    expect(ids('Walsh voted no.')).toEqual(['candidate:c-walsh:name']);
    expect(ids('vote for walsh')).toEqual(['candidate:c-walsh:name']); // lower case after a vote phrase
    expect(ids('Rep. Walsh spoke')).toEqual(['candidate:c-walsh:name']);
    expect(ids('vacaciones en la costa')).toEqual([]); // lower-case common word
    expect(ids('I love Fernando Costa songs')).toEqual([]); // another person's first name before it
    expect(ids('Trip to Costa Rica')).toEqual([]); // a name continues after it
  });

  it('reads a surname the watchlist lists alone as an alias in any case, but not after another given name', () => {
    const listed = compileWatchlist({ races: [race('r', 'US-AZ-07', [candidate('c-tapia', 'Arnulfo Tapia', { aliases: ['Nufo', 'Tapia'] })])], actors: [], webhooks: [] });
    const of = (text: string) => matchEntities(text, listed).map((m) => m.text);
    expect(of('I think tapia is right')).toEqual(['tapia']);
    expect(of('vote Tapia Earline')).toEqual(['Tapia']); // a vocative after it, not a longer name
    expect(of('Please vote for Lorena Tapia for school board')).toEqual([]); // a namesake
    expect(of('vote for Coach Tapia every day')).toEqual([]);
    expect(of('Tapia spoke, and so did Nufo Tapia')).toEqual(['Tapia', 'Nufo']); // his own nickname: one reference, not two
  });

  it('takes a lower-case common-word surname after a vote phrase ending in an article, not after the article alone', () => {
    expect(ids('votem na costa, gente')).toEqual(['candidate:c-costa:name']);
    expect(ids('moro na costa')).toEqual([]);
    expect(ids('a costa leste')).toEqual([]);
  });

  it('takes a lower-case surname that is no common word anywhere ("okafor"), but not a common one ("costa")', () => {
    expect(ids('moro no okafor')).toEqual(['candidate:c-okafor:name']);
    expect(ids('lol okafor is done')).toEqual(['candidate:c-okafor:name']);
    expect(ids('ate na costa')).toEqual([]);
  });

  it('names a statewide race by office and state, or by office beside a race noun when only one race has it', () => {
    const w = testWatchlist();
    w.races.push({ ...race('race-ma-sen', 'US-MA', [candidate('c-m', 'Brent Maddox')]), office: 'US Senate' });
    w.races.push({ ...race('race-fl-gov', 'US-FL', [candidate('c-f', 'Lorna Fitch')]), office: 'Governor' });
    const cw2 = compileWatchlist(w);
    const of = (t: string) => matchEntities(t, cw2).filter((m) => m.kind === 'race').map((m) => m.id);
    expect(of('Boycott the MA Senate race')).toEqual(['race-ma-sen']);
    expect(of('a eleição para o Senado em Massachusetts')).toEqual(['race-ma-sen']);
    expect(of('en la carrera para gobernador: ¡abstención!')).toEqual(['race-fl-gov']);
    expect(of('Georgia governor’s race is a joke')).toEqual([]); // another state's race
    expect(of('the governor said hi')).toEqual([]); // no race noun
    expect(of('Senator Maddox voted no')).toEqual([]); // a person, not the race
  });

  it('takes a misspelt distinctive surname, capitalised, one edit away', () => {
    expect(ids('Okafr lied again')).toEqual([]); // five letters: too short to guess
    const w = testWatchlist();
    w.races.push(race('race-fl-9', 'US-FL-09', [candidate('c-b', 'Rosa Bustamante'), candidate('c-c', 'Ana Carvalho-Reis')]));
    const cw2 = compileWatchlist(w);
    const of = (t: string) => matchEntities(t, cw2).map((m) => m.id);
    expect(of('voten x Bustamente el 3 nov')).toEqual(['c-b']);
    expect(of('Bustamnate again')).toEqual(['c-b']); // swapped letters
    expect(of('Bustamantes and others')).toEqual(['c-b']);
    expect(of('Bastamenta again')).toEqual([]); // two edits
    expect(of('bustamente again')).toEqual([]); // lower case: no guess
    expect(of('a senhora Carvalho-Reis quer sanções')).toEqual(['c-c']);
  });

  it('takes a first name alone after a title or a vote phrase, or capitalised when it is no common word', () => {
    expect(ids('Honestly? Vote Kevin.')).toEqual(['candidate:c-walsh:name']);
    expect(ids('Kevin said hi')).toEqual([]); // "kevin" is a common word (subtitles)
    // set off as a vocative it names the addressee: at the start (after reply handles) or after a comma, before , . ! ? or the end
    expect(ids('Kevin, we know where you live.')).toEqual(['candidate:c-walsh:name']);
    expect(ids('@fan_account Kevin, shut up')).toEqual(['candidate:c-walsh:name']);
    expect(ids('Nice house on Elm Street, Kevin.')).toEqual(['candidate:c-walsh:name']);
    expect(ids('I told Kevin, then left')).toEqual([]);
    expect(ids('so Kevin said no')).toEqual([]);
    const w4 = testWatchlist();
    w4.races.push(race('race-fl-9', 'US-FL-09', [candidate('c-d', 'Deolinda Amaral')]));
    expect(matchEntities('a Deolinda é nossa', compileWatchlist(w4)).map((m) => m.id)).toEqual(['c-d']);
    expect(matchEntities('Deolinda Santos cantou', compileWatchlist(w4)).map((m) => m.id)).toEqual([]); // another person's full name
    // a first name shared by two candidates names nobody; one that is another candidate's surname yields to it
    const w = testWatchlist();
    w.races.push(race('race-fl-9', 'US-FL-09', [candidate('c-k2', 'Kevin Marsh'), candidate('c-w3', 'Walsh Ortega')]));
    const cw2 = compileWatchlist(w);
    expect(matchEntities('vote Kevin', cw2)).toEqual([]);
    expect(matchEntities('vote Walsh', cw2).map((m) => m.id)).toEqual(['c-walsh']);
  });

  it('finds candidates inside hashtags, camelCase or not', () => {
    expect(ids('#NoVotenPorIbarra')).toEqual(['candidate:c-ibarra:hashtag']);
    expect(ids('#novotenporibarra')).toEqual(['candidate:c-ibarra:hashtag']);
    expect(ids('#WalshOut')).toEqual(['candidate:c-walsh:hashtag']);
  });

  it('drops names shared by two candidates (ambiguous) but keeps their handles', () => {
    const w = testWatchlist();
    w.races.push(race('race-fl-9', 'US-FL-09', [candidate('c-walsh-2', 'Anna Walsh', { handles: { x: ['AnnaWalshFL'] } })]));
    const cw2 = compileWatchlist(w);
    expect(matchEntities('Walsh spoke', cw2)).toEqual([]);
    expect(matchEntities('Kevin Walsh spoke', cw2).map((m) => m.id)).toEqual(['c-walsh']);
    expect(matchEntities('@AnnaWalshFL spoke', cw2).map((m) => m.id)).toEqual(['c-walsh-2']);
  });

  it('recognises district references in English, Spanish and Portuguese for any state', () => {
    for (const text of [
      'the 41st District of Texas',
      "Texas's 41st district",
      'TX-41',
      'TX41',
      'el distrito 41 de Texas',
      'el 41.º distrito de Texas',
      'no 41º distrito do Texas',
    ]) {
      expect(ids(text), text).toEqual(['race:race-tx-41:district']);
    }
    expect(ids("New York's 29th")).toEqual(['race:race-ny-29:district']);
    expect(ids('distrito 29 de Nueva York')).toEqual(['race:race-ny-29:district']);
    expect(ids('29º distrito de Nova York')).toEqual(['race:race-ny-29:district']);
    expect(ids('the 29th district of Ohio')).toEqual([]); // not a watched race
    expect(ids('the 29th district')).toEqual(['race:race-ny-29:district']); // number unique in the watchlist
  });

  it('reads "District 4" for a unique number and chamber-named seats only for a race of that chamber', () => {
    const w = testWatchlist();
    w.races.push({ ...race('race-tx-sd27', 'US-TX-SD27', []), office: 'State Senate' }, { ...race('race-ca-ad53', 'US-CA-AD-53', []), office: 'State Assembly' });
    const cw2 = compileWatchlist(w);
    const got = (t: string) => matchEntities(t, cw2).map((m) => m.id);
    expect(got('stay home in District 41')).toEqual(['race-tx-41']);
    expect(got('leave Senate District 27 blank')).toEqual(['race-tx-sd27']);
    expect(got('skip TX SD27 this year')).toEqual(['race-tx-sd27']);
    expect(got('Assembly District 53: vote early')).toEqual(['race-ca-ad53']);
    expect(got("Texas's 27th district")).toEqual([]); // the congressional 27th is not watched; the state seat is another office
    expect(got('Senate District 41 is open')).toEqual([]); // another chamber's 41st
  });

  it('matches registry actors by name and handle', () => {
    expect(ids('@CancilleriaVD y el Consulado de Valdoria en Houston')).toEqual(['actor:xv-mfa:handle', 'actor:xv-cons:name']);
  });

  it('derives district references for every state from the jurisdiction', () => {
    const codes = Object.keys(US_STATES);
    const w = { races: codes.map((code) => race(`r-${code}`, `US-${code}-07`, [])), actors: [], webhooks: [] };
    const cw2 = compileWatchlist(w);
    for (const code of codes) {
      const name = US_STATES[code]![0]!;
      for (const text of [`${code}-07`, `${code}-7`, `the 7th district of ${name}`, `${name}'s 7th district`, `distrito 7 de ${name}`]) {
        expect(matchEntities(text, cw2).map((m) => m.id), text).toEqual([`r-${code}`]);
      }
    }
  });
});
