/**
 * Word lists of the lead extractor, English, Spanish and Portuguese, as regular expressions over
 * text that is lower-cased with accents removed character by character (`plain` in extract.ts, which
 * keeps offsets). Every gap is bounded ({0,n}) so that hostile text cannot make a pattern backtrack
 * for long.
 */
import type { ActorRole } from '../model/types.js';
import type { AllegationKind, ResponseKind } from './types.js';

const W = (alts: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts})(?![\\p{L}\\p{N}])`, 'gu');
/** A stem: the word may go on ("orchestrat" → orchestrated, orchestration). */
const S = (alts: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts})`, 'gu');

/** Verbs that report what someone says or alleges (the accuser's speech). */
export const SPEECH = W(
  [
    // en
    'said', 'says', 'say', 'alleged', 'alleges', 'allege', 'accused', 'accuses', 'accuse', 'claimed', 'claims', 'charged', 'charges', 'blamed', 'blames',
    'told', 'wrote', 'stated', 'complained', 'denounced', 'warned', 'reported', 'argued', 'asserted', 'according to', 'said in', 'filed a complaint', 'found', 'concluded', 'determined',
    // es
    'dijo', 'dice', 'afirmo', 'afirma', 'aseguro', 'asegura', 'denuncio', 'denuncia', 'denunciaron', 'acuso', 'acusa', 'acusan', 'acusaron', 'alego', 'senalo',
    'declaro', 'sostuvo', 'sostiene', 'segun', 'advirtio', 'indico', 'manifesto', 'afirmaron', 'dijeron', 'se quejo', 'concluyo', 'encontro', 'determino',
    // pt
    'disse', 'diz', 'afirmou', 'afirma', 'acusou', 'acusa', 'acusaram', 'denunciou', 'denuncia', 'alegou', 'declarou', 'segundo', 'apontou', 'relatou',
    'advertiu', 'afirmaram', 'disseram', 'queixou', 'concluiu', 'constatou', 'encontrou',
  ].join('|'),
);

/** What officials do when they answer (besides speech verbs): decline, deny, condemn, not address. */
export const RESPONSE_ACTS = W(
  [
    'declined', 'did not respond', 'did not immediately respond', 'did not address', 'did not return', 'did not immediately return', 'would not comment', 'had no comment', 'refused', 'denied', 'rejected', 'dismissed', 'condemned', 'responded', 'replied',
    'declino', 'no quiso', 'se nego', 'no respondio', 'nego', 'rechazo', 'desmintio', 'condeno', 'respondio',
    'nao quis', 'recusou', 'se recusou', 'nao respondeu', 'negou', 'rejeitou', 'desmentiu', 'condenou', 'respondeu',
  ].join('|'),
);

/** Allegation cues per kind. `other`: interference named without a method. */
export const ALLEGATION_CUES: [AllegationKind, RegExp][] = [
  [
    'directive',
    S(
      [
        'urg(?:ed|ing|es) (?:[\\p{L}\\p{N}-]+ ){0,6}(?:to vote|not to vote|to back|to support)', 'told (?:[\\p{L}\\p{N}-]+ ){0,6}(?:to vote|not to vote)', 'get[- ]out[- ]the[- ]vote', 'gotv',
        'not to vote for', 'do not vote', 'vote against', 'to vote for', 'turn out (?:voters|the vote)', 'drive turnout', 'pushed voters',
        'pidi[oe]r?o?n? (?:a (?:[\\p{L}\\p{N}-]+ ){0,8})?(?:el voto|votar|que (?:no )?vot)', 'llam(?:o|aron) a (?:no )?votar', 'no votar', 'votar por', 'votaran por', 'movilizacion (?:de|del) (?:voto|votantes|electores)', 'movilizar (?:el voto|a los votantes)',
        'pedi(?:u|ram) (?:a(?:os|s)? (?:[\\p{L}\\p{N}-]+ ){0,8})?(?:votos|que (?:nao )?vot)', 'votar em', 'nao votar', 'votassem em', 'mobilizacao de (?:eleitores|votos)', 'mobilizar (?:eleitores|o voto)',
      ].join('|'),
    ),
  ],
  [
    'harassment',
    S(
      [
        'harass', 'attack', 'abuse', 'smear', 'troll', 'falsehoods', 'intimidat',
        'acoso', 'hostig', 'atac', 'ataq', 'campana de desprestigio', 'insultos', 'intimid',
        'assedio', 'perseguicao', 'difamac', 'intimid',
      ].join('|'),
    ),
  ],
  ['threat', S(['threat', 'threaten', 'amenaz', 'ameac'].join('|'))],
  [
    'money',
    S(
      [
        'donat', 'contributions? (?:to|from)', 'funded', 'funding', 'financ', 'paid (?:for|to|ads|influencers)', 'payments', 'money', 'cash', 'bankroll',
        'dinero', 'donacion', 'fondos', 'pagos', 'pago a', 'pagaron',
        'dinheiro', 'doac', 'pagamento', 'pagou', 'pagaram', 'recursos financeiros',
      ].join('|'),
    ),
  ],
  [
    'coordination',
    S(
      [
        'orchestrat', 'coordinat', 'network of (?:[\\p{L}\\p{N}-]+ ){0,2}accounts', 'bots?(?![\\p{L}])', 'fake accounts', 'sockpuppet', 'amplif', 'link campaign', 'links? (?:[\\p{L}\\p{N}-]+ ){0,4}(?:in unison|in concert|at once|within minutes)', 'in unison', 'in concert',
        'orquest', 'coordin', 'red de (?:[\\p{L}\\p{N}-]+ ){0,2}cuentas', 'cuentas falsas', 'amplific', 'campana de enlaces', 'enlaces (?:[\\p{L}\\p{N}-]+ ){0,4}(?:al unisono|a la vez|en minutos)',
        'orquestr', 'coorden', 'rede de (?:[\\p{L}\\p{N}-]+ ){0,2}contas', 'robos', 'contas falsas', 'amplific', 'campanha de links', 'links (?:[\\p{L}\\p{N}-]+ ){0,4}(?:ao mesmo tempo|em minutos)',
      ].join('|'),
    ),
  ],
  [
    'hacking',
    S(
      [
        'hack', 'phishing', 'breach', 'leaked (?:e-?mails|documents)', 'malware', 'broke into',
        'hacke', 'jaque', 'pirate', 'filtracion de correos', 'intrusion',
        'invadi', 'invasao', 'vazamento', 'vazaram',
      ].join('|'),
    ),
  ],
  ['other', S(['interfer', 'meddl', 'foreign influence', 'injerencia', 'intromision', 'interferencia', 'ingerencia'].join('|'))],
];

/** Response kinds, strongest first: the first that matches a response sentence wins. */
export const RESPONSE_CUES: [ResponseKind, RegExp][] = [
  [
    'no_comment',
    S(
      [
        'declined to comment', 'declined comment', 'declined to say', 'refused to comment', 'did not (?:immediately )?respond to (?:a |the |several )?(?:requests?|emails?|messages?|calls?)', 'did not (?:immediately )?return', 'would not comment', 'had no (?:immediate )?comment', 'no comment',
        'declino (?:hacer )?comentar', 'no quiso (?:hacer )?comentar', 'se nego a (?:hacer )?comentar', 'no respondio (?:de inmediato )?a', 'no contesto', 'no respondio (?:a )?(?:las )?solicitud', 'sin comentarios', 'no hizo comentarios',
        'nao quis comentar', 'se recusou a comentar', 'recusou-se a comentar', 'recusou se a comentar', 'nao respondeu (?:aos )?pedidos?', 'nao comentou',
      ].join('|'),
    ),
  ],
  ['counter_accusation', S(['accused', 'accuses', 'acuso', 'acusa', 'acusou', 'acusaram', 'acusaron'].join('|'))],
  [
    'denial',
    S(
      [
        'denied', 'denies', 'rejected the', 'dismissed the', 'false', 'baseless', 'unfounded',
        'nego', 'niega', 'rechazo las?', 'desmintio', 'falso', 'falsa', 'infundad',
        'negou', 'nega', 'rejeitou', 'desmentiu', 'sem fundamento',
      ].join('|'),
    ),
  ],
  [
    'condemnation',
    S(['condemn', 'unacceptable', 'alarm', 'deplor', 'condeno', 'condena', 'inaceptable', 'alarma', 'repudi', 'condenou', 'inaceitavel', 'alarme'].join('|')),
  ],
];

/** Bodies whose statements are responses (US government, election authorities, foreign governments). */
export const OFFICIAL_SPEAKERS = S(
  [
    'state department', 'department of state', 'justice department', 'department of justice', 'doj', 'federal election commission', 'fec', 'fbi', 'white house',
    'homeland security', 'election officials', 'secretary of state', '(?:foreign )?ministry', 'embassy', 'ambassador', 'spokes(?:wo)?man', 'spokesperson', 'government of',
    'departamento de estado', 'departamento de justicia', 'comision federal electoral', 'casa blanca', 'ministerio', 'cancilleria', 'embajada', 'embajador', 'portavoz', 'vocero', 'gobierno de',
    'departamento de justica', 'comissao eleitoral federal', 'casa branca', 'ministerio', 'chancelaria', 'itamaraty', 'embaixada', 'embaixador', 'porta-voz', 'governo de',
  ].join('|'),
);

/** Words that start a sentence continuing the previous speaker's account. */
export const PRONOUN_SUBJECT = /^(?:she|he|they|her campaign|his campaign|the campaign|ella|ellos|su campana|ela|ele|eles|sua campanha|a campanha)(?![\p{L}])/u;

/** Posting verbs before a quoted post, with the platform when said. */
export const QUOTE_VERBS = S(
  [
    'tweeted', 'posted', 'wrote on (?:x|twitter|facebook|instagram|telegram|tiktok)', 'wrote', 'said on (?:x|twitter|facebook|instagram|telegram)',
    '(?:said|wrote) in a (?:post|tweet|message)(?: on (?:x|twitter|facebook|instagram|telegram))?', 'in a (?:post|tweet|message) that (?:read|said)',
    'escribio en un (?:mensaje|tuit|post)', 'en un (?:mensaje|tuit|post) (?:en x |en twitter )?que decia', 'escreveu em uma publicacao', 'em uma publicacao (?:no x )?que dizia',
    'tuiteo', 'trino', 'escribio en (?:x|twitter|facebook|instagram|telegram|tiktok)', 'escribio', 'publico', 'posteo',
    'tuitou', 'escreveu no (?:x|twitter|facebook|instagram|telegram|tiktok)', 'escreveu', 'publicou', 'postou',
  ].join('|'),
);

/** A role phrase naming an office or body, and the registry roles it may match. */
export interface RolePattern {
  re: RegExp;
  roles: ActorRole[];
  kind: 'person' | 'organization' | 'mission' | 'media';
  /** English label for a proposed registry entry ("cabinet", "political party"). */
  label: string;
}

export const ROLE_PATTERNS: RolePattern[] = [
  { re: S('(?:members of )?(?:his|her|their|the president\'s|the|[\\p{L}]+[\'’]s) (?:political )?party|(?:miembros|integrantes) de su partido(?: politico)?|su partido(?: politico)?|(?:membros|integrantes) de seu partido|seu partido(?: politico)?|ruling party|partido (?:oficialista|governista|do governo)'), roles: ['party_official'], kind: 'organization', label: 'political party' },
  { re: S('(?:his|her|their|the president\'s|[\\p{L}]+[\'’]s) cabinet|su gabinete|seu gabinete|(?:cabinet|gabinete) (?:ministers|ministros)'), roles: ['minister'], kind: 'organization', label: 'cabinet' },
  { re: S('consuls? general|consules generales|consules|consul general|consul-general|consules-gerais|consules gerais|consul-geral|consul geral'), roles: ['diplomat', 'consulate'], kind: 'person', label: 'consuls general' },
  { re: S('(?:the |a |its )?consulate(?:s)?(?: general)?|consulado(?:s)?(?: general| geral)?'), roles: ['consulate', 'diplomat'], kind: 'mission', label: 'consulate' },
  { re: S('(?:the |its )?embassy|embajada|embaixada'), roles: ['diplomat', 'consulate'], kind: 'mission', label: 'embassy' },
  { re: S('ambassador|embajador(?:a)?|embaixador(?:a)?'), roles: ['diplomat'], kind: 'person', label: 'ambassador' },
  { re: S('diplomats|diplomaticos|diplomatas'), roles: ['diplomat', 'consulate'], kind: 'person', label: 'diplomats' },
  { re: S('state[- ](?:run |owned |controlled )?(?:media|outlet|broadcaster|television|tv|news agency|channel)|medio (?:de comunicacion )?estatal|canal estatal|televisora estatal|medio oficial|midia estatal|veiculo estatal|emissora estatal|canal estatal'), roles: ['state_media'], kind: 'media', label: 'state media' },
  { re: S('(?:foreign )?ministry|ministerio de relaciones exteriores|cancilleria|ministerio das relacoes exteriores|chancelaria'), roles: ['minister'], kind: 'organization', label: 'ministry' },
];

/** Months in the three languages (plain form), for approximate dates. */
export const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  janeiro: 1, fevereiro: 2, marco: 3, maio: 5, junho: 6, julho: 7, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
};

/** Function words that tell the three languages apart. */
export const LANG_WORDS: Record<'en' | 'es' | 'pt', Set<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'that', 'said', 'in', 'was', 'her', 'his', 'for', 'with', 'by']),
  es: new Set(['el', 'la', 'los', 'las', 'que', 'dijo', 'del', 'por', 'con', 'una', 'para', 'su', 'y']),
  pt: new Set(['o', 'os', 'as', 'que', 'disse', 'do', 'da', 'dos', 'com', 'uma', 'para', 'seu', 'sua', 'nao', 'em']),
};
