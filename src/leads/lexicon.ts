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

/** Any one word (plain text), for bounded gaps. */
const G = '[\\p{L}\\p{N}\'’-]+';
/** Spanish and Portuguese verbs from their stems: 3rd person present/preterite/imperfect, plural too. */
const ES_VERB = (stems: string[]) => `(?:${stems.join('|')})(?:o|a|an|aron|aba|aban|ado)`;
const PT_VERB = (stems: string[]) => `(?:${stems.join('|')})(?:ou|a|am|aram|ava|avam)`;

/**
 * Verbs that report what someone says or alleges (the accuser's speech): English forms, Spanish and
 * Portuguese reporting verbs built from their stems, and the irregular ones.
 */
export const SPEECH = W(
  [
    // en
    'said', 'says', 'say', 'alleged', 'alleges', 'allege', 'accused', 'accuses', 'accuse', 'claimed', 'claims', 'charged', 'blamed', 'blames',
    'told', 'tells', 'wrote', 'stated', 'disclosed', 'documented', 'complained', 'denounced', 'warned', 'reported', 'argued', 'asserted', 'according to', 'said in', 'filed a complaint', 'found', 'concluded', 'determined',
    'called', 'described', 'added', 'noted', 'pointed to', 'attributed', 'traced', 'identified', 'testified', 'insisted', 'maintained',
    // es
    ES_VERB(['afirm', 'alert', 'inform', 'document', 'asegur', 'denunci', 'acus', 'aleg', 'senal', 'declar', 'manifest', 'calific', 'agreg', 'explic', 'insist', 'reiter', 'advert']),
    'dijo', 'dijeron', 'dice', 'dicen', 'sostuvo', 'sostiene', 'segun', 'advirtio', 'se quejo', 'concluyo', 'concluyeron', 'encontro', 'determino', 'atribuyo', 'atribuyeron', 'de acuerdo con',
    // pt
    PT_VERB(['afirm', 'alert', 'inform', 'document', 'acus', 'denunci', 'aleg', 'declar', 'apont', 'relat', 'classific', 'explic', 'acrescent', 'constat', 'insist', 'reiter']),
    'disse', 'disseram', 'diz', 'dizem', 'segundo', 'advertiu', 'queixou', 'concluiu', 'concluiram', 'encontrou', 'atribuiu', 'atribuiram', 'de acordo com',
  ].join('|'),
);

/** What officials do when they answer (besides speech verbs): decline, deny, condemn, not address. */
export const RESPONSE_ACTS = W(
  [
    'declined', 'did not respond', 'did not immediately respond', 'did not address', 'did not return', 'did not immediately return', 'would not comment', 'had no comment', 'refused', 'denied', 'denies', 'rejected', 'rejects', 'dismissed', 'condemned', 'condemns', 'responded', 'replied', 'does not comment', 'do not comment', 'would not say',
    'declino', 'no comento', 'no quiso', 'se nego', 'no respondio', 'no contesto', 'nego', 'niega', 'negaron', 'rechazo', 'rechaza', 'rechazaron', 'desmintio', 'condeno', 'condena', 'respondio', 'replico', 'no comenta',
    'nao quis', 'nao comentou', 'recusou', 'se recusou', 'nao respondeu', 'negou', 'nega', 'negaram', 'rejeitou', 'rejeita', 'desmentiu', 'condenou', 'condena', 'respondeu', 'rebateu', 'nao comenta',
  ].join('|'),
);

/** "pagar" with something paid, not "X vai pagar." / "iam pagar caro" / "vai pagar por isso" / "pagar por lo que opino" (retribution, a threat's words). */
const PAY_FOR_MONEY = 'pagar(?![\\p{L}])(?!\\s*(?:[,.;:!?"”»)]|caro|cara|$|por (?:isso|isto|eso|esto|ello|aquilo|lo que)(?![\\p{L}])|pelo que(?![\\p{L}])))';

/**
 * Allegation cues per kind, as stems so that every form counts ("orchestrat" → orchestrated,
 * orchestrating, orchestration; "amenaz" → amenazas, amenazó). `other`: interference named without a method.
 * A directive is an instruction about the vote: a negated vote verb ("no voten", "não votem",
 * "do not vote"), a vote for/against, or an ask/urge/tell verb within a few words of a vote verb.
 */
export const ALLEGATION_CUES: [AllegationKind, RegExp][] = [
  [
    'directive',
    S(
      [
        // en
        `(?:urg|ask|told|tell|instruct|press|pressur|call(?:ed|ing)? on|push|direct|exhort)\\w* (?:${G} ){0,10}(?:not to vote|to vote|to back|to support|to oppose|to reject|to punish|to turn out|to stay home|to cast)`,
        'get[- ]out[- ]the[- ]vote', 'gotv', 'do(?:n[\'’]t| not) vote', 'not to vote', 'vote (?:for|against)', 'not (?:a|one) (?:single )?vote', 'stay home in november', 'turn out (?:voters|the vote)', 'drive turnout', 'pushed voters',
        `(?:should|must|ought to|needs? to|ha(?:ve|s) to) (?:${G} ){0,2}(?:vote (?:for|against|out)|re-?elect|not re-?elect)`, `(?:urg|ask|told|tell|press|call(?:ed|ing)? on)\\w* (?:${G} ){0,10}to re-?elect`,
        // The accused campaigning or organising for a candidate ("acusó a CNV de hacer campaña a favor de su rival", "para que
        // organizaran caravanas de votantes a favor de X"; not the voters "si seguían haciendo campaña por X", "quem fizer campanha para X").
        `campaign(?:s|ed|ing)? on behalf of`, `organi[sz]\\w* (?:${G} ){0,4}in favou?r of`, `de (?:hacer|haber hecho) campana (?:por|a favor|en favor)`, `organiz\\w* (?:${G} ){0,4}(?:a|en|em) favor d`, `de (?:fazer|ter feito) campanha (?:por|a favor|em favor)`,
        `punish (?:${G} ){1,3}at the (?:polls|ballot box)`, `direct the votes?`, `steer(?:s|ed|ing)? (?:the |their |how )?(?:${G} ){0,2}(?:vot|ballot)`, `(?:how|who|whom) to vote`, `recommend\\w* (?:${G} ){0,3}(?:a )?vote for`, `(?:press|pressur|urg|ask|told|tell)\\w* (?:${G} ){0,8}to campaign for`, `remember (?:${G} ){0,6}(?:on|in) (?:november|election day)`,
        // es
        `(?:debe|deben|deberia|deberian|tiene que|tienen que|hay que) (?:${G} ){0,2}(?:votar (?:por|contra|en contra)|reelegir|no reelegir)`, `(?:pidi|pide|piden|pedia|llam|inst|exhort|urg)\\w* (?:${G} ){0,14}(?:que (?:no )?reelij|a (?:no )?reelegir)`,
        'no vot(?:e|en|ar|aran|ara|asen|ase|emos)', 'vot(?:e|en|ar|aran|asen) (?:por|contra|en contra)', 'votaran por', 'ni un (?:solo )?voto', `castig\\w* (?:${G} ){0,3}en las urnas`,
        `(?:pidi|pide|piden|pedia|llam|inst|exhort|urg|presion)\\w* (?:${G} ){0,14}(?:que (?:no )?vot|a (?:no )?votar|(?:el|su|sus) voto|votos? (?:por|contra|para)|quedarse en casa|que se queden en casa|abstenerse|que se abstengan|no salir a votar)`, 'movilizaci\\w* (?:de|del) (?:voto|votantes|electores)', 'llam\\w* a (?:no votar|rechazar|castigar)', 'movilizar (?:el voto|a los votantes)', 'dirigir el voto', 'orientar el voto', 'por quien (?:no )?(?:(?:deben|debe|deberian|tienen que|hay que) )?votar', '(?:como|cómo) (?:(?:deben|debe|tienen que|hay que) )?votar', `recomend\\w* (?:${G} ){0,3}(?:el |su )?voto (?:por|a favor|en contra)`, `recomend\\w* (?:${G} ){0,3}votar (?:por|contra)`, `(?:presion|pidi|pide|piden|exig)\\w* (?:${G} ){0,8}(?:hacer|hicieran|organizar|organizaran) (?:${G} ){0,2}(?:campana|actos) (?:por|a favor)`,
        // pt
        'nao vot(?:e|em|ar|asse|assem|ou)', 'vot(?:e|em|ar|assem) (?:em|contra|n[ao]s?)(?! (?:\\d|primeiro|segundo|turno|dia|pleito|eleic|domingo|sabado|consulado|exterior|local|seca|urna|mesmo))', 'nem um (?:so )?voto', 'pedi\\w* votos? (?:contra|para|a favor)', `(?:pedi|pede|pedem|pedindo|exort|press|orient)\\w* (?:${G} ){0,14}(?:que (?:nao )?vot|a (?:nao )?votar|votos?|ficar em casa|que fiquem em casa|se abster|que se abstenham)`,
        'nao reelej\\w*', `(?:deve|devem|deveria|deveriam|precisa|precisam|tem que|tem de|tem de) (?:${G} ){0,2}(?:votar (?:em|contra|n[ao]s?)|reeleg|nao reeleg)`, `(?:pedi|pede|pedem|pedindo|exort|orient)\\w* (?:${G} ){0,14}que (?:nao )?reelej`, `castig\\w* (?:${G} ){0,3}nas urnas`, 'mobilizacao de (?:eleitores|votos)', 'mobilizar (?:eleitores|o voto)', '(?:direcionar|orientar|dirigir) o voto', 'em quem (?:nao )?(?:votar|devem votar)', 'como (?:(?:devem|deve|tem que) )?votar', `recomend\\w* (?:${G} ){0,3}(?:o )?voto (?:no|na|em|a favor|contra)`, `recomend\\w* (?:${G} ){0,3}votar (?:no|na|em|contra)`, `(?:pression|pedi|pede|pedem|exig)\\w* (?:${G} ){0,8}(?:fazer|fizessem|organizar) (?:${G} ){0,2}(?:campanha|atos) (?:por|para|a favor)`, `lembr\\w* (?:${G} ){0,6}(?:em |no dia |a )?(?:\\d{1,2} de )?novembro`, `recorda\\w* (?:${G} ){0,3}(?:en|el) (?:\\d{1,2} de )?noviembre`,
      ].join('|'),
    ),
  ],
  [
    'harassment',
    S(
      [
        'harass', 'attack', 'abus', 'sabotag', 'disrupt', 'shout(?:ed|ing)? (?:her|him|them) down', 'stalk', 'smear', 'troll', 'falsehoods', 'intimidat', 'insult', 'doxx', 'vilif', 'misogyn', 'hounded', 'heckl', `(?:published|broadcast|aired|posted|shared|circulated|leaked) (?!on (?:a|an) )(?:${G} ){0,3}(?:home |office |private |public |daily |weekly )?(?:address|schedule|whereabouts|phone numbers?|itinerary|(?:photos? of )?(?:her|his|their|my) (?:home|house))`, `(?:nam|reveal|expos|includ|gave|giv|show|list|mapp|pointed (?:to|out))\\w* (?:${G} ){0,3}(?:(?:her|his|their|my|the) (?:home |office |campaign )?(?:address|street|home|house)(?! (?:of|for) (?:the |a |an )?(?:polling|voting|vote|precinct|election|rally|event|meeting))|(?:the )?street where|where (?:she|he|they) lives?)`, `(?:home address|address|whereabouts|phone number) (?:was|were|had been|has been) (?:${G} ){0,2}(?:published|posted|shared|circulated|leaked)`,
        // A photo of the candidate's home or office published ("tuiteó una fotografía de la oficina distrital de la congresista").
        `(?:posted|published|tweeted|shared)\\w* (?:${G} ){0,3}(?:a |the )?(?:photo|photograph|picture|image)s? of (?:her|his|their|the) (?:${G} ){0,2}(?:home|house|office)`, `(?:difund|public|divulg|circul|filtr|tuite)\\w* (?:${G} ){0,3}(?:una |la )?(?:foto|fotografia|imagen) de (?:la|su) (?:casa|oficina|domicilio)`, `(?:divulg|public|circul|vaz|post)\\w* (?:${G} ){0,3}(?:uma |a )?(?:foto|fotografia|imagem) d[oa] (?:sua |seu )?(?:casa|escritorio|comite)`,
        'acos', 'hostig', 'sabote', 'boicote', 'interrump', 'abuchea', 'atac', 'ataq', 'desprestigi', 'insult', 'intimid', 'difam', 'injuri', 'montajes', 'linchamiento', `(?:difund|public|divulg|circul|filtr)\\w* (?:${G} ){0,3}(?:la direccion|su agenda|sus horarios|su paradero|su telefono|su domicilio|(?:la foto de )?(?:su|mi) casa)`, `(?:revel|mostr|nombr|inclu|senal|apunt|exhib|expus|expon)\\w* (?:${G} ){0,3}(?:(?:su|la) (?:direccion|domicilio|casa|calle)(?! (?:de|del) (?:la )?(?:casilla|centro|colegio|local|mesa|mitin|evento|acto|votacion))|la calle donde|donde vive)`, `(?:su|mi) (?:domicilio|direccion|paradero) (?:fue|fueron|habia sido|ha sido) (?:${G} ){0,2}(?:difundid|publicad|divulgad|filtrad|compartid)`,
        'assedi', 'perseguicao', 'sabotad', 'sabotage', 'tumultu', 'vaiad', 'difamac', 'intimid', 'insult', 'atac', 'ofens', 'xingament', 'montagens', 'linchamento', `(?:divulg|public|circul|vaz)\\w* (?:${G} ){0,3}(?:o endereco|a agenda|sua agenda|o paradeiro|o telefone|(?:a foto d[ae] )?(?:sua|minha) casa)`, `(?:revel|mostr|trazi|trouxe|inclu|apont|expo|exib|deu)\\w* (?:${G} ){0,3}(?:(?:o |seu |o seu )endereco(?! d[eoa] (?:local|secao|zona|votacao|comicio|evento|ato))|(?:sua|a) rua|a rua onde|onde (?:ela |ele )?mora)`, `(?:seu|meu) (?:endereco|paradeiro) (?:foi|foram|tinha sido) (?:${G} ){0,2}(?:divulgad|publicad|vazad|compartilhad)`,
      ].join('|'),
    ),
  ],
  ['threat', S(['threat', 'threaten', 'death threat', 'amenaz', 'ameac', 'ameaç', 'pay (?:her|him|them|you) a visit', `wish(?:ed|ing|es)? (?:me|her|him|them|you|us) (?:dead|death)`, `dese\\w* (?:mi|su|tu|nuestra) muerte`, `desej\\w* (?:a )?(?:minha|sua|nossa) morte`, `(?:know|knew|knows) where (?:${G} ){0,3}(?:live|lives|lived|sleeps?|stud)`, `sab\\w* (?:${G} ){0,3}donde (?:viv|estudi|duerm)`, `sab\\w* (?:${G} ){0,3}onde (?:mora|vive|estud|dorm)`,
    // A warning of consequences tied to the vote: "warned that their papers could be delayed if they voted for X", "advirtieron … si votaban por", "avisaram … caso votassem".
    `(?:warn|advirti|advert|alert|avis)\\w* (?:${G} ){0,14}(?:if (?:they|you|he|she) (?:vote|voted|back|backed|support)|si (?:vot|apoy)|caso (?:vot|apoi)|se (?:votass|apoiass))`].join('|'))],
  [
    'money',
    S(
      [
        // Buying ads or airtime is paying for them ("purchased promoted posts for the accounts", "compró anuncios", "comprou impulsionamentos").
        `(?:bought|buy|buys|buying|purchas\\w*) (?:${G} ){0,3}(?:ads|advertising|advertisements|airtime|promoted posts|spots)(?![\\p{L}])`, `compr\\w* (?:${G} ){0,3}(?:anuncios|publicidad|publicidade|impulsionamentos|espacios publicitarios|espaco publicitario)(?![\\p{L}])`,
        'donat', 'fundraisers?(?![\\p{L}])', 'contributions? (?:to|from)', 'funnel', 'channel(?:l)?ed (?:money|funds|cash|\\$)', `pa(?:id|ying)(?! (?:(?:close |special |little )?attention|tribute|homage|(?:their |his |her |its )?respects|off|a visit|a call|lip service))(?!\\s*[,.;:"”»)])`, `(?:was|were|been|be|being|is|are|get|got|gets) (?:${G} )?paid`, 'on (?:the|its|their) payroll', 'gift cards?', 'stipends?', '(?<!-)funded', 'funding', 'financ', 'paid (?:for|to|ads|influencers|creators|\\$)', 'pa(?:id|ying) (?:[\\p{L}\\p{N}-]+ ){0,3}(?:influencers|creators|hosts|commentators|people|anyone|journalists)', 'payments? (?:to|from|of|for)', 'money', 'cash', 'bankroll', 'routed', 'funneled', 'wire transfers?', 'bribe',
        'dinero', 'recaudaci', 'recaudar fondos', 'donaci', 'canaliz', 'don(?:o|aron|aba|aban|ado|ados|ar)(?![\\p{L}])', 'gastos (?:pagados|cubiertos)', 'contribuci', 'fondos', 'pag(?:os|aron|ado|ados|aba|aban)(?![\\p{L}])', PAY_FOR_MONEY, 'pago a', 'cobr(?:aron|ado|ados|ar|aba|aban)(?![\\p{L}])', 'tarjetas de regalo', 'viaticos?', 'transferencias', 'soborn',
        'dinheiro', 'arrecadac', 'arrecadar fundos', 'doac', 'canaliz', 'do(?:ou|aram|ava|avam|ado|ados|ar)(?![\\p{L}])', 'despesas pagas', 'contribuic', 'pagamento', 'pag(?:ou|aram|ava|avam|o)(?![\\p{L}])', 'repass', 'transferencias', 'cartoes-presente', 'cartoes de presente', 'diarias pagas', 'verbas', 'recursos financeiros', 'propina',
      ].join('|'),
    ),
  ],
  [
    'coordination',
    S(
      [
        // Coordinating "with" someone is a meeting (a campaign, a committee); with accounts or profiles it is the network's coordination.
        `(?:coordinat(?:e|es|ed|ing) with|coordin(?:ar|a|an|ando|o|aron|ado) con|coorden(?:ar|a|am|ando|ou|aram|ado) com) (?:${G} ){0,2}(?:accounts|profiles|bots|pages|cuentas|perfiles|paginas|contas|perfis|robos)(?![\\p{L}])`,
        'orchestrat', 'coordinat(?!or|(?:e|es|ed|ing) with )', 'word for word', 'verbatim', 'in lockstep', 'in tandem', 'on cue', 'hack-and-leak', `(?:hundreds|dozens|thousands|scores|\\d[\\d,.]*) (?:of )?(?:${G} ){0,2}(?:accounts|profiles|pages)(?: ${G}){0,4} (?:post|repost|share|push|repeat|amplif|publish)`, `(?:posted|pushed|reposted|shared) (?:${G} ){0,3}within (?:the|an|one) (?:hour|minute)`, 'network of (?:[\\p{L}\\p{N}-]+ ){0,3}accounts', 'bots?(?![\\p{L}])', 'automated accounts', 'fake (?:accounts|profiles|personas)', 'pos(?:ed|ing) as', 'se hac\\w* pasar', 'haciendose pasar', 'se passa\\w* por', 'fazendo-se passar', 'sockpuppet', 'amplif', 'boost', `(?:shared|reshared|re-shared|partilh(?:ou|aram)|compartilh(?:ou|aram)|compartio|compartieron) (?:${G} ){0,5}(?:segments|clips|posts|videos|stories|segmentos|videos|publicaciones|publicacoes|contenidos|conteudos)(?![\\p{L}])`, 'repost(?:ed|ing)? (?:again|repeatedly|over and over|in bulk)', 'inauthentic', 'link campaign', 'links? (?:[\\p{L}\\p{N}-]+ ){0,4}(?:in unison|in concert|at once|within minutes)', 'in unison', 'in concert', 'synchroni[sz]ed (?:bursts|posting|posts|schedule|waves)', 'in (?:synchroni[sz]ed|coordinated) (?:bursts|waves)', 'within minutes of (?:one another|each other)', '(?:near|nearly|almost|virtually)[- ]identical', 'identical (?:posts|messages|videos|clips|text|wording|captions)', '(?:casi|practicamente) identic', '(?:mensajes|textos|publicaciones|comentarios|respuestas) identic', '(?:quase|praticamente) identic', '(?:mensagens|textos|publicacoes|comentarios|respostas) identic', 'same (?:links|text|wording|script|message|slogans|segments|clips|posts|hashtags?)', 'within (?:minutes|seconds|an hour) of (?:each|one another|every)', 'same words', `(?:reposted|shared|amplified|pushed|repeated|spread)(?: ${G}){0,3} by (?:${G} ){0,2}(?:hundreds|dozens|thousands|scores|\\d[\\d,.]*) (?:of )?(?:${G} ){0,2}(?:accounts|profiles|bots)`,
        'orquest', 'coordin(?!ador|at|(?:ar|a|an|ando|o|aron|ado) con )', 'palabra por palabra', 'al pie de la letra', 'de forma coordinada', `(?:(?:cientos|decenas|miles) de|\\d[\\d.,]* (?:de )?)(?:${G} ){0,2}(?:cuentas|perfiles|paginas)(?: ${G}){0,4} (?:republic|compart|difund|repit|amplific|replic)`, `repiti\\w* (?:${G} ){0,2}(?:el |la |los |las )?(?:mismo |misma )?(?:mensaje|texto|frase|publicacion|tuit)`, 'red(?:es)? de (?:[\\p{L}\\p{N}-]+ ){0,3}cuentas', `impuls\\w* (?:${G} ){0,2}(?:el |los |las )?(?:contenidos?|publicaciones|mensajes|videos|reportajes)`, 'cuentas falsas', 'perfiles falsos', 'amplific', 'inautentic', 'campana de enlaces', 'enlaces (?:[\\p{L}\\p{N}-]+ ){0,4}(?:al unisono|a la vez|en minutos)', 'minutos de diferencia', 'mismo (?:mensaje|texto|guion)', 'misma frase', 'mismas palabras', 'mismas? horas?', '(?:rafagas|oleadas|publicaciones) sincronizadas', 'de forma sincronizada', `(?:replicad|republicad|repostead|compartid|difundid|amplificad)\\w* (?:${G} ){0,3}por (?:${G} ){0,2}(?:cientos|decenas|miles|\\d[\\d.,]*) de (?:${G} ){0,2}(?:cuentas|perfiles|bots)`,
        'orquestr', 'coorden(?!ador|(?:ar|a|am|ando|ou|aram|ado) com )', 'palavra por palavra', 'de forma coordenada', `(?:(?:centenas|dezenas|milhares) de|\\d[\\d.,]* (?:de )?)(?:${G} ){0,2}(?:contas|perfis|paginas)(?: ${G}){0,4} (?:republic|compartilh|difund|repet|amplific|replic)`, `repet\\w* (?:${G} ){0,2}(?:a |o |as |os )?(?:mesma |mesmo )?(?:publicacao|mensagem|texto|frase|post)`, 'rede de (?:[\\p{L}\\p{N}-]+ ){0,3}contas', `impulsion\\w* (?:${G} ){0,2}(?:o |os |as )?(?:conteudos?|publicacoes|mensagens|videos|posts|reportagens)`, 'robos', 'contas falsas', 'perfis falsos', 'amplifica', 'inautentic', 'campanha de links', 'links (?:[\\p{L}\\p{N}-]+ ){0,4}(?:ao mesmo tempo|em minutos)', 'padroes identicos', 'mesmo texto', 'mesmas palavras', 'mesmas? horas?', '(?:rajadas|ondas|publicacoes) sincronizadas', 'de forma sincronizada', `(?:replicad|republicad|repostad|compartilhad|difundid|amplificad)\\w* (?:${G} ){0,3}(?:por|pel[ao]s?) (?:${G} ){0,2}(?:centenas|dezenas|milhares|\\d[\\d.,]*) de (?:${G} ){0,2}(?:contas|perfis|robos)`, 'segundos de diferenca', 'minutos de diferenca',
      ].join('|'),
    ),
  ],
  [
    'hacking',
    S(
      [
        'hack', 'phish', 'cyber-?attack', 'cyber-?espionage', 'breach', 'leaked (?:e-?mails|documents|messages)', 'malware', 'broke into', 'intrusion', 'stolen (?:e-?mails|messages|documents|data|files)', 'spyware', 'st(?:ole|olen|eal|ealing) (?:the |their |staff )?passwords', 'compromised accounts', 'stolen (?:credentials|passwords)', 'credential theft', 'hijack', 'account takeover',
        'hacke', 'jaque', 'correos? de suplantacion', 'robar (?:las |sus )?contrasenas', 'contrasenas robadas', 'cuentas comprometidas', 'piratas? informatic', 'robo de credenciales', 'credenciales robadas', 'ataques? (?:informatic|cibernetic|hacker)', 'ciberataque', 'pirate', 'filtracion de correos', 'intrusi', 'correos robados', 'robo de (?:correos|datos)',
        'invadi', 'invasao', 'ataques? (?:cibernetic|hacker|informatic)', 'ciberataque', 'vazamento', 'vazaram', 'e-?mails roubados', 'roubo de (?:e-?mails|dados|credenciais)', 'roub\\w* (?:as |suas )?senhas', 'contas comprometidas', 'piratas? informatic', 'intrus',
      ].join('|'),
    ),
  ],
  ['other', S(['interfer', 'meddl', 'foreign influence', 'injerencia', 'intromision', 'interferencia', 'ingerencia', 'interferi', 'ingerenc', 'intromet'].join('|'))],
];

/**
 * A method outside the six kinds, named as such (misused data, pressure on organisers): `other`
 * that stays beside the precise kinds, unlike interference named without a method.
 */
export const OTHER_METHOD = S(['deepfake', 'deep fake', 'fake (?:audio|video|recording|clip)', '(?:ai|a\\.i\\.)[- ]generated', 'artificial intelligence', 'synthetic (?:voice|audio)', 'audio falso', 'falso audio', 'video falso', 'inteligencia artificial', 'voz sintetica', 'voter suppression', 'hoax', 'bulos?(?![\\p{L}])', 'avisos? falsos?', 'false (?:notices|alerts) (?:about|announcing)', '(?:fake|forged|fabricated|doctored|bogus) (?:document|memo|memorandum|letter)s?(?![\\p{L}-])', '(?:documento|memorando|carta|oficio) (?:falso|falsa|forjad[oa]|falsificad[oa]|fabricad[oa])s?', `fabricated (?:${G} ){0,2}(?:poll|quote|survey)`, `(?:fake|bogus|non-?existent) (?:poll|survey)`, 'encuesta (?:falsa|inexistente)', '(?:sondagem|pesquisa) (?:falsa|inexistente)', '«?sondagem»? inexistente', 'voter profil', 'profiles of voters', `voters?['’]? registration (?:status|details|data|numbers?|information)`, `voter (?:data|lists by precinct)`, `(?:numero|datos) de registro (?:como |de )?(?:votantes?|electores?)`, `registro como votantes?`, 'datos electorales de', 'dados (?:eleitorais|de registro eleitoral)', 'titulo de eleitor', 'perfil\\w* de (?:los )?(?:votantes|electores)', 'perfis de eleitores', 'wrong (?:election )?date', 'fecha equivocada', 'data errada', 'tirar votos', 'quitar votos', 'misus', 'press(?:ur)?(?:ed|ing|es)? (?:[\\p{L}-]+ ){0,10}(?:to|into) (?:cancel|drop|withdraw|disinvite|call off|pull)', 'uso indebido', 'presion\\w* (?:[\\p{L}-]+ ){0,10}para (?:que )?(?:cancel|retir|suspend)', 'uso indevido', 'pression\\w* (?:[\\p{L}-]+ ){0,10}para (?:que )?(?:cancel|retir|suspend)'].join('|'));

/**
 * What an operation is called rather than how it works: a legal frame (unregistered agents, FARA) or its content
 * called false (disinformation, fake news, fabricated stories). `other` when nothing more precise is alleged; beside
 * payments or coordinated accounts it names them, it is no method of its own.
 */
export const OTHER_FRAME = S(['unregistered (?:foreign )?agents?', 'foreign agents? registration', 'fara(?![\\p{L}])', 'agentes? (?:extranjeros? )?(?:no|sin) registr', 'registro de agentes extranjeros', 'agentes? (?:estrangeiros? )?(?:nao|sem) registr', 'registro de agentes estrangeiros', 'disinformation', 'desinformaci', 'desinformac', 'fake news', 'noticias? falsas?', 'informacion fabricada', 'informacao fabricada', `fabricated (?:${G} ){0,2}(?:news|stor|information)`,
  // Keeping voters from voting, said as the aim rather than the means: "an attempt to keep Latino voters … from the polls", "afastar das urnas".
  `keep(?:s|ing)? (?:${G} ){0,6}(?:from|away from) the polls`, `(?:afast|alej)\\w* (?:${G} ){0,4}(?:das|de las) urnas`, `(?:desencoraj|desalent|discourag)\\w* (?:${G} ){0,3}(?:from )?(?:o |el |the )?vot`].join('|'));

/** Response kinds, strongest first: the first that matches a response sentence wins. */
export const RESPONSE_CUES: [ResponseKind, RegExp][] = [
  [
    'no_comment',
    S(
      [
        'declined to comment', 'declined comment', 'declined to say', 'does not comment', 'do not comment', 'declin\\w* comentar', 'no comenta', 'nao comenta', 'refused to comment', 'did not (?:immediately )?respond to (?:a |the |several )?(?:requests?|emails?|messages?|calls?)', 'did not (?:immediately )?return', 'would not comment', 'had no (?:immediate )?comment', 'no comment',
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
        'denied', 'denies', 'rejected', 'rejects', 'dismissed the', 'nothing to do with', 'no (?:ties|links?|connection|relationship) (?:to|with)', 'nada que ver con', '(?:ninguna )?relacion alguna', 'ninguna relacion', 'nada a ver com', '(?:nenhuma )?relacao alguma', 'nenhuma relacao',
        `(?:does not|do not|did not|doesn[’']t|didn[’']t|has not|have not|never|no|nao|nunca|jamas|jamais) (?:${G} ){0,1}(?:financ|fund|pay|paid|pag|organi[sz]|organiz|coordin|orchestrat|orquest|direct|dirig|instruct|orient|hire|contrat|manag|gerenci|control|ask|ped|pid)`, 'false', 'baseless', 'unfounded', 'a lie', 'fabricat', 'never (?:asked|paid|sent|used|contacted)', 'has no (?:chapter|link|ties)', 'does not (?:possess|conduct|control|use)', 'out of context', 'irresponsible',
        'mentira', 'propaganda', 'calumni', 'sacad\\w* de contexto', 'irresponsable', 'rechaz',
        'tirad\\w* de contexto', 'rejeit', 'nega\\w*',
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
    'homeland security', 'election officials', '(?:state |capitol |city |county )?police', 'elections? (?:office|board|division|department)', 'board of elections', 'division of elections', 'division de elecciones', 'divisao de eleicoes', 'junta electoral', 'administrador[a]? electoral', 'policia', 'conselho de eleicoes', 'secretary of state', '(?:foreign )?ministry', 'embassy', 'ambassador', 'spokes(?:wo)?man', 'spokesperson', 'government of',
    'departamento de estado', 'departamento de justicia', 'comision federal electoral', 'casa blanca', 'ministerio', 'cancilleria', 'embajada', 'embajador', 'portavoz', 'vocero', 'gobierno de',
    'departamento de justica', 'comissao eleitoral federal', 'casa branca', 'ministerio', 'chancelaria', 'itamaraty', 'embaixada', 'embaixador', 'porta-voz', 'governo de',
  ].join('|'),
);

/** Words that start a sentence continuing the previous speaker's account. */
export const PRONOUN_SUBJECT = /^(?:she|he|they|her campaign|his campaign|the campaign|ella|ellos|su campana|ela|ele|eles|sua campanha|a campanha)(?![\p{L}])/u;

/** A candidate named by office, role or party, not by name ("the congresswoman", "the two-term Democrat", "el candidato", "a deputada"): the candidate already named. */
export const CANDIDATE_NOUN = /^(?:the |el |la |o |a )?(?:[\p{L}-]+ )?(?:candidate|nominee|congress(?:wo)?man|lawmaker|senator|representative|incumbent|democrat|republican|candidat[oa]|congresista|legislador[a]?|senador[a]?|aspirante|parlamentar|deputad[oa]|vereador[a]?|democrata|republican[oa])(?: (?:republican[oa]?|democrata|dem[oó]crata|independiente|independente))?$/u;

/** Reporting verbs that may come before their speaker at the end of a sentence (", said Rocha.", "», afirmó Nieves"). */
export const INVERTED_SPEECH = /(?:["”»],?|,)\s+(said|says|added|told|wrote|alleged|alleges|claims|dijo|afirmo|aseguro|agrego|senalo|explico|declaro|anadio|sostuvo|denuncio|acuso|advirtio|dice|afirma|asegura|denuncia|acusa|sostiene|disse|afirmou|acrescentou|explicou|declarou|contou|denunciou|acusou|alertou|diz|aponta)\s+(?!(?:it|he|she|they|that|que|ele|ela|ella|in|on|at|to|en|em|no|na|por|by|with|con|com|this|last|este|esta|nesta|neste)(?![\p{L}]))((?:the |el |la |o |a |os |as )?(?:\p{L}[\p{L}'’.-]*)(?: [\p{L}\p{N}'’.-]+){0,8}?)(?:,|\s+(?:in|on|at|to|en|em|a|ao|durante|during)\s|\s*[.!]?$)/u;

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
  { re: S('(?:members of )?(?:his|her|their|the president\'s|the|[\\p{L}]+[\'’]s) (?:political )?party|(?:miembros|integrantes) de su partido(?: politico)?|su partido(?: politico)?|(?:membros|integrantes) de seu partido|seu partido(?: politico)?|(?:ruling|governing) party|partido (?:oficialista|governista|governante|gobernante|en el poder|no poder|de gobierno|do governo)'), roles: ['party_official'], kind: 'organization', label: 'political party' },
  { re: S('(?:his|her|their|the president\'s|[\\p{L}]+[\'’]s) cabinet|su gabinete|seu gabinete|(?:cabinet|gabinete) (?:ministers|ministros)'), roles: ['minister'], kind: 'organization', label: 'cabinet' },
  // A consul is the consulate's (a person filed under role consulate, else the mission), never the ambassador.
  { re: S('consuls? general|consules generales|consules|consul general|consul-general|consules-gerais|consules gerais|consul-geral|consul geral|consul(?![\\p{L}-])'), roles: ['consulate'], kind: 'person', label: 'consuls general' },
  { re: S('(?:the |a |its )?consulate(?:s)?(?: general)?|consulado(?:s)?(?: general| geral)?|consular (?:officials|officers|staff|employees|workers|personnel)|(?:funcionarios|empleados|personal) consular(?:es)?|(?:funcionarios|servidores) consulares'), roles: ['consulate', 'diplomat'], kind: 'mission', label: 'consulate' },
  // An embassy is the ambassador's mission: with no embassy filed, the ambassador, never a consulate in some city.
  { re: S('(?:the |its )?embassy|embajada|embaixada'), roles: ['diplomat'], kind: 'mission', label: 'embassy' },
  { re: S('diplomatic mission|mision diplomatica|missao diplomatica'), roles: ['diplomat', 'consulate'], kind: 'mission', label: 'embassy' },
  { re: S('ambassador|envoy|embajador(?:a)?|embaixador(?:a)?'), roles: ['diplomat'], kind: 'person', label: 'ambassador' },
  { re: S('diplomat(?:s|as?)?(?![\\p{L}])|diplomaticos|(?:el|la|un|una) diplomatic[oa](?![\\p{L}])'), roles: ['diplomat', 'consulate'], kind: 'person', label: 'diplomats' },
  { re: S('state[- ](?:run |owned |controlled )?(?:media|outlet|broadcaster|television|tv|news agency|channel)|medio (?:de comunicacion )?estatal|canal estatal|televisora estatal|television estatal|tv estatal|emisora estatal|radio estatal|medio oficial|midia estatal|veiculo estatal|emissora estatal|canal estatal'), roles: ['state_media'], kind: 'media', label: 'state media' },
  { re: S('(?:the )?(?:government|gobierno|governo|regime|regimen)(?![\\p{L}])'), roles: ['other'], kind: 'organization', label: 'government' },
  { re: S('(?:the )?(?:president|presidente|presidenta|prime minister|premier|primer ministro|primera ministra|primeiro-ministro|primeira-ministra|head of state|jefe de estado|chefe de estado|mandatari[oa])(?![\\p{L}-])'), roles: ['head_of_state', 'head_of_government'], kind: 'person', label: 'president' },
  { re: S('(?:the )?(?:foreign minister|canciller|chanceler|ministr[oa] de (?:relaciones exteriores|asuntos exteriores|relacoes exteriores|negocios estrangeiros))(?![\\p{L}])'), roles: ['minister'], kind: 'person', label: 'foreign minister' },
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
