/**
 * Which sentences of an article carry its news, and which tell background: an article reports one new
 * allegation and recaps earlier ones ("In September, the president had urged …", "Context: …", "It is
 * not the first time …"). Writers label the new allegation only; the extractor reads background
 * sentences' kinds and accused only when the news gives none (see extract.ts, round 7 in docs/leads.md).
 *
 * A sentence's frames are patterns over its words and its paragraph's opening, never found in the headline or
 * the article's first paragraph (the news itself):
 * - `section`: its paragraph opens with an explainer's label ("Background:", "Contexto:", "Cronologia:");
 * - `unknowns`: … with "What we don't know:", "Lo que no sabemos:", "O que não sabemos:";
 * - `month`: it opens on a month with no day ("In September, …", "Em setembro, …");
 * - `hedge`: what the newsroom could not establish ("could not independently verify", "no pudo verificar");
 * - measured, not set aside (see `DEFERRED_FRAMES`): `earlier` ("last week", "el año pasado", "previously", a year
 *   before the article's), `past-perfect` ("had urged", "había pedido", "havia publicado"), `repeat` ("has long
 *   been accused", "no es la primera vez").
 */
import { plain } from '../util/normalize.js';
import type { Sentence } from './extract.js';

export type BackgroundFrame = 'section' | 'unknowns' | 'earlier' | 'past-perfect' | 'month' | 'repeat' | 'hedge';

/**
 * The frames whose sentences are set aside (round 7, measured over w2–w21 and the in-house sets: each removes errors on
 * the writers who use it and costs no other set). `earlier` and `past-perfect` are detected for the bench's --frames
 * and --defer but not set aside: their sentences' kinds are right more often than wrong, and deferring them cost w3,
 * w11 (earlier) and ten sets (past-perfect). `repeat` never fired on a kind.
 */
export const DEFERRED_FRAMES: ReadonlySet<BackgroundFrame> = new Set(['section', 'unknowns', 'month', 'hedge']);

/** An explainer's label opening a paragraph: the recap, timeline or context box of a news story. */
const SECTION_LABEL = /^(?:background|context|timeline|history|recap|how we got here|contexto|antecedentes|cronologia|historial|historico|linha do tempo|retrospectiva)\s*:/u;

/** A time frame before the story's own: the week, month or year before, "previously", "years ago". */
const EARLIER_TIME = /(?<![\p{L}])(?:last (?:week|month|year|spring|summer|fall|autumn|winter|cycle)|earlier this (?:year|month|spring|summer)|previously|(?:a|one|two|three|several|\d+) (?:years?|months?) ago|(?:la|el) (?:semana|mes|ano) pasad[oa]|el pasado (?:mes|ano)|anteriormente|previamente|hace (?:un|una|dos|tres|varios|varias|\d+) (?:anos?|meses)|(?:na|no) (?:semana|mes|ano) passad[oa]|ha (?:um|uma|dois|duas|tres|varios|varias|\d+) (?:anos?|meses))(?![\p{L}])/u;
const YEAR = /(?<![\p{L}\d])(?:in|en|em|since|desde|during|durante) (?:(?:the|el|la|o|a) )?(?:(?:\p{L}+) (?:of |de )?)?((?:19|20)\d{2})(?!\d)/gu;

/** "What we know:", "Lo que no sabemos:", "O que não sabemos:": what the newsroom could and could not establish. */
const UNKNOWNS_LABEL = /^(?:what we (?:know|don't know|do not know|still don't know)|lo que (?:no )?sabemos|o que (?:nao )?sabemos)\s*:/u;
/** A pluperfect: what had happened before the story's events. */
const PAST_PERFECT = /(?<![\p{L}])(?:had (?:(?:already|previously|earlier|also) )?(?!to )\p{L}+|(?:habia|habian|havia|haviam|tinha|tinham) (?:(?:ya|tambien|ja|tambem) )?\p{L}+(?:ado|ada|ido|ida|to|cho|sto))(?![\p{L}])/u;
/** A sentence opening on a month with no day ("In September, …", "Em setembro, …"). */
const MONTH_OPENING = /^(?:in|en|em|back in|ya en|ja em) (?:early |late |mid-|principios de |finales de |fins de |inicio de )?(?:january|february|march|april|may|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro)(?: (?:of |de )?(?:19|20)\d{2})?,/u;
/** The accused's record, not this story ("has long been accused", "no es la primera vez"). */
const REPEAT = /(?<![\p{L}])(?:(?:has|have) long been accused|long (?:been )?accused|(?:has|have) (?:been )?(?:repeatedly|previously) (?:been )?accused|not the first time|no es la primera vez|nao e a primeira vez|ha sido acusad[oa]s? (?:en el pasado|antes|repetidamente)|ja foi acusad[oa]s?)(?![\p{L}])/u;
/** What the newsroom could not establish ("could not independently verify", "found no evidence that"). */
const HEDGE = /(?<![\p{L}])(?:could not (?:independently )?(?:verify|confirm|determine|establish)|found no (?:evidence|sign|record)|no pudo (?:verificar|confirmar|determinar|establecer)|no encontro (?:pruebas|evidencia|indicios|registros?)|nao conseguiu (?:verificar|confirmar|determinar|estabelecer)|nao encontrou (?:provas|evidencias|indicios|registros?))(?![\p{L}])/u;


/**
 * The background frames of each sentence (none: the news). `year` is the article's (its date, else the year
 * it names most), against which "in 2022" is earlier.
 */
export function backgroundFrames(full: string, sentences: Sentence[], year: number | null): BackgroundFrame[][] {
  // Paragraphs: the headline, then the body's blocks between blank lines.
  const breaks = [...full.matchAll(/\n\s*\n/g)].map((m) => m.index! + m[0].length);
  const paragraphStart = (at: number) => {
    let start = 0;
    for (const b of breaks) if (b <= at) start = b;
    return start;
  };
  const firstBody = breaks[0] ?? 0;
  const secondBody = breaks.find((b) => b > firstBody) ?? full.length;
  return sentences.map((s) => {
    const frames: BackgroundFrame[] = [];
    // The headline and the lead paragraph are the news.
    if (s.start < secondBody) return frames;
    const from = paragraphStart(s.start);
    const para = plain(full.slice(from, from + 40));
    if (SECTION_LABEL.test(para)) frames.push('section');
    if (UNKNOWNS_LABEL.test(para)) frames.push('unknowns');
    const t = plain(s.text);
    if (EARLIER_TIME.test(t) || (year !== null && [...t.matchAll(YEAR)].some((m) => +m[1]! < year))) frames.push('earlier');
    if (PAST_PERFECT.test(t)) frames.push('past-perfect');
    if (MONTH_OPENING.test(t)) frames.push('month');
    if (REPEAT.test(t)) frames.push('repeat');
    if (HEDGE.test(t)) frames.push('hedge');
    return frames;
  });
}
