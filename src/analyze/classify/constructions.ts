/**
 * Threat and abuse constructions over folded words, in English, Spanish and Portuguese: patterns of
 * word classes rather than example sentences (STYLE.md, "Detectors as a pipeline of named stages").
 *
 * - harm: a verb or noun of physical harm (stems, so every conjugation counts: "lastimaré",
 *   "esfaquear", "degollados") or a death word;
 * - intent: a first-person future or plan before a harm word ("I'll", "vamos a", "vou", "te voy a");
 * - wish/modal: "should", "deserves to", "hope", "ojalá", "tomara", "if only", "merece", "deviam";
 * - incitement: "someone should", "alguien debería", "alguém devia";
 * - conditional: "if she shows up … ", "si se aparece …", "se ele aparecer …" followed by harm or menace;
 * - place/family knowledge + menace ("we know where your kids go to school");
 * - better-off-dead: "the world would be better without you", "estarían todos muertos";
 * - counter-speech: a negated quantifier before the harm ("no one deserves to die", "ningún … merece");
 * - breaking a body part: a verb of breaking before a part of the body ("snap your neck", "break his legs");
 * - attacks kept up until the target is gone: "we will keep attacking you until you are gone", "seguiremos atacándolas hasta que se vayan";
 * - well-wishes: "get well soon", "que te mejores", "melhoras" (a wish, and not of harm).
 *
 * Each construction found is a named feature for the model and an explanation for the analyst.
 */
import { SECOND_PERSON } from './lexicon.js';

/** Stems (prefixes of folded words) of physical harm. Five letters or more, or listed whole in HARM_WORDS. */
const HARM_STEMS = [
  // en
  'kill', 'murder', 'shoot', 'stabb', 'strangl', 'chok', 'lynch', 'behead', 'execut', 'massacr', 'slaughter', 'butcher', 'tortur', 'poison', 'drown', 'hurt', 'punch', 'smash', 'bash',
  'beat', 'slit', 'hang', 'hung', 'burn', 'torch', 'rape', 'stomp', 'crush', 'strangle', 'suffocat', 'curb stomp', 'bleed', 'dismember', 'decapitat',
  // es
  'matar', 'matare', 'matarl', 'matart', 'mataran', 'matemos', 'maten', 'mátenl', 'asesin', 'lastim', 'degoll', 'apunal', 'acuchill', 'ahorc', 'estrangul', 'golpear', 'golpeare', 'masacr', 'quemar',
  'quemarl', 'queme', 'fusil', 'descuartiz', 'envenen', 'violar', 'violarl', 'violad', 'romper', 'partire', 'reventar', 'revient', 'balace', 'baleare', 'baleen', 'linch', 'colgar',
  'colgarl', 'cuelguen', 'atropell', 'desangr', 'ejecut', 'torturar', 'madrear', 'madrea', 'pegarle', 'pegarte', 'sacarle los', 'sacarte los',
  // pt
  'matarei', 'matar', 'mato', 'assassin', 'machuc', 'esfaque', 'enforc', 'espanc', 'degol', 'fuzil', 'queim', 'tortur', 'envenen', 'estupr', 'quebr', 'arrebent', 'esquarte', 'linch', 'atropel',
  'metralh', 'balear', 'furar', 'sangrar', 'executar', 'socar', 'throat', 'gargant', 'degollad', 'degolad', 'estrangulad', 'ahorcad', 'enforcad', 'fusilad', 'fuzilad', 'apunalad', 'esfaquead', 'quemad', 'queimad', 'masacrad', 'massacrad', 'slaughter', 'exterminar', 'porrada', 'meter bala', 'meter uma bala', 'meter o pau',
];
/** Short or irregular harm and death words, matched whole. */
const HARM_WORDS = new Set([
  'die', 'dies', 'died', 'dead', 'death', 'shot', 'stab', 'stabs', 'hanged', 'bullet', 'bullets', 'gun', 'knife', 'bomb', 'acid', 'grave', 'coffin', 'rope', 'noose', 'skull', 'blood',
  'mato', 'mata', 'maten', 'matan', 'muera', 'mueras', 'muere', 'morir', 'muerto', 'muerta', 'muertos', 'muertas', 'muerte', 'bala', 'balas', 'plomo', 'tiro', 'tiros', 'balazo', 'cuchillo',
  'machete', 'pistola', 'soga', 'tumba', 'ataud', 'sangre', 'morra', 'morrer', 'morto', 'morta', 'mortos', 'mortas', 'morte', 'faca', 'facada', 'arma', 'corda', 'caixao', 'cova', 'tumulo', 'sangue',
  'knife', 'knives', 'axe', 'hatchet', 'pitchfork', 'pitchforks', 'torches', 'bury', 'buried', 'enterrar', 'enterrado', 'enterrada', 'enterrem', 'entierren',
  // bodily harm wished or caused: strokes and heart attacks, crashes and falls
  'infarto', 'avc', 'derrame', 'stroke', 'crash', 'crashes', 'caia', 'caiga', 'dragged', 'plomazo', 'balazos', 'tiroteo', 'surra',
  // weapons named as such
  'rifle', 'rifles', 'shotgun', 'glock', 'ar15', 'ak47', 'crowbar', 'molotov', 'grenade', 'escopeta', 'rifle', 'garrote', 'bazuca', 'bazooka', 'chipper', 'chippers', 'woodchipper',
  // blows by name: a beating, a kick, a slap ("tendrían que darte una paliza", "I'll slap you", "levar uns socos")
  'paliza', 'palizas', 'patada', 'patadas', 'bofetada', 'bofetadas', 'cachetada', 'cachetadas', 'madrazo', 'madrazos', 'putazo', 'putazos', 'chingadazo', 'trompada', 'trompadas', 'ostias',
  'slap', 'slaps', 'slapped', 'soco', 'socos', 'murro', 'murros', 'pontape', 'pontapes', 'bofetao', 'tabefe',
]);
/** Words that make harm words electoral or figurative in the same clause ("bury him at the ballot box"). */
const ELECTORAL = new Set(['vote', 'votes', 'voting', 'ballot', 'ballots', 'polls', 'poll', 'election', 'elections', 'november', 'urnas', 'urna', 'votos', 'voto', 'votar', 'votando', 'eleicao', 'eleicoes', 'elecciones', 'eleccion', 'noviembre', 'novembro', 'primary', 'primaria', 'debate', 'career', 'carrera', 'carreira', 'bill', 'ley', 'lei', 'polls']);
/** Intent: first-person future or plan. */
const INTENT = ['i ll', 'ill', 'i will', 'we ll', 'we will', 'im going to', 'i m going to', 'i am going to', 'we re going to', 'were going to', 'we are going to', 'gonna', 'im gonna', 'i m gonna', 'imma', 'ima', 'going to', 'let s', 'lets',
  'voy a', 'vamos a', 'te voy a', 'la voy a', 'lo voy a', 'le voy a', 'les vamos a', 'la vamos a', 'lo vamos a', 'te vamos a', 'vou', 'vamos', 'vou te', 'a gente vai', 'nos vamos', 'vai', 'vao', 'iremos', 'irei'];
/** Wish, modal or incitement heads. */
const WISH = ['should', 'shouldve', 'must', 'deserve', 'deserves', 'deserve to', 'deserves to', 'ought to', 'needs to', 'need to', 'hope', 'i hope', 'hopefully', 'wish', 'i wish', 'if only', 'pray', 'someone should', 'somebody should', 'someone needs to', 'someone ought to', 'somebody needs to',
  'deberia', 'deberian', 'debe', 'deben', 'merece', 'merecen', 'ojala', 'tiene que', 'tienen que', 'tendria que', 'tendrian que', 'hay que', 'habria que', 'que alguien', 'alguien deberia', 'alguien tiene que', 'si tan solo', 'ojala que', 'espero que',
  'would be nice if', 'would be good if', 'it would be nice if', 'seria bom se', 'seria otimo se', 'seria bueno que', 'seria lindo que', 'estaria bien que', 'devia', 'deviam', 'deveria', 'deveriam', 'merece', 'merecem', 'tomara', 'tomara que', 'alguem devia', 'alguem deveria', 'alguem tem que', 'se ao menos', 'quem dera', 'espero que', 'tem que', 'tinha que'];
/** Words of a place or family the author claims to know (veiled threats). */
const PLACE = new Set(['house', 'home', 'address', 'office', 'car', 'kids', 'children', 'daughter', 'son', 'wife', 'husband', 'family', 'school', 'church', 'route', 'street', 'neighborhood', 'parking', 'gym',
  'casa', 'direccion', 'oficina', 'carro', 'coche', 'hijos', 'hijas', 'hija', 'hijo', 'esposa', 'esposo', 'familia', 'escuela', 'colegio', 'iglesia', 'ruta', 'calle', 'barrio',
  'endereco', 'escritorio', 'filhos', 'filhas', 'filha', 'filho', 'mulher', 'marido', 'escola', 'igreja', 'caminho', 'rua', 'bairro']);
const KNOW = ['sabemos en que', 'sabemos cuando', 'sabemos quando', 'a gente sabe', 'we know when', 'we ve been watching', 'been watching', 'we re watching', 'estamos vigilando', 'estamos de olho', 'sabemos que', 'sei que', 'we know where', 'i know where', 'know where', 'we know which', 'we know what', 'sabemos donde', 'se donde', 'sabemos cual', 'sabemos a que', 'sabemos onde', 'sei onde', 'sabemos qual', 'sabemos em que', 'conocemos', 'conhecemos', 'we ve seen', 'hemos visto', 'ja vimos', 'we have your', 'tenemos tu', 'temos o seu', 'temos teu'];
const MENACE = ['be a shame', 'a shame if', 'a pity if', 'sería una pena', 'seria una lastima', 'una pena que', 'uma pena se', 'seria uma pena', 'seria pena', 'see you', 'see you soon', 'be careful', 'careful', 'watch out', 'watch your back', 'would be a shame', 'shame if', 'accident', 'accidents', 'just saying', 'soon', 'nos vemos', 'cuidado', 'ten cuidado', 'seria una pena', 'una lastima', 'accidente', 'pronto', 'te vemos', 'a gente se ve', 'se cuida', 'cuidado', 'seria uma pena', 'acidente', 'em breve', 'te vemos', 'fica esperto', 'fique esperta'];
/**
 * Euphemisms of harm that are menace by themselves ("you'll find out", "that could be arranged", "pay her
 * a visit", "teach him a lesson", "darle un susto", "dar uma lição"): a veiled threat unless electoral.
 */
const VEILED = ['find out', 'll find out', 'could be arranged', 'can be arranged', 'be arranged', 'pay a visit', 'pay her a visit', 'pay him a visit', 'pay you a visit', 'teach her a lesson', 'teach him a lesson', 'teach you a lesson', 'better pray',
  'watch yourself', 'sleep with one eye open', 'ya veras', 'vas a ver', 'van a ver', 'dar un susto', 'darle un susto', 'le den un susto', 'una calentadita', 'calentadita', 'darle una leccion', 'dar una leccion', 'hacerle una visita', 'cuidate la espalda',
  'vai ver', 'vai ver so', 'dar um susto', 'dar uma licao', 'dar um corretivo', 'fazer uma visita', 'fazer uma visitinha', 'uma visitinha', 'se cuida', 'reza pra'];
/** Outcomes that are menace when negated ("won't walk home", "no llega vivo", "não sai inteiro"), or "leaves by ambulance". */
const UNHARMED = new Set(['alive', 'walking', 'piece', 'vivo', 'viva', 'vivos', 'vivas', 'caminando', 'entero', 'entera', 'enteros', 'inteiro', 'inteira', 'inteiros', 'andando', 'caminhando', 'ileso', 'ilesa']);
const HURT_EXIT = new Set(['ambulance', 'ambulancia', 'hospital', 'stretcher', 'camilla', 'maca', 'coffin', 'ataud', 'caixao', 'bodybag', 'bodyguards', 'guardaespaldas', 'segurancas', 'teeth', 'dientes', 'dentes']);
/** "…something happens to her", "algo le pase", "aconteça alguma coisa": the object of a veiled "shame if". */
/** "We'll be waiting for him after the debate": waiting, after an intent head, is menace. */
const WAIT = new Set(['waiting', 'wait', 'esperando', 'esperar', 'esperamos', 'aguardando', 'esperaremos']);
const HAPPEN = new Set(['happen', 'happened', 'happens', 'pase', 'pasara', 'pasa', 'paso', 'suceda', 'sucediera', 'acontecer', 'aconteca', 'acontecesse', 'acontece']);
const CONDITIONAL = ['if cand', 'when cand', 'si cand', 'si el cand', 'si la cand', 'cuando cand', 'se o cand', 'se a cand', 'se cand', 'quando o cand', 'quando a cand', 'if she', 'if he', 'if you', 'if they', 'if that', 'si se', 'si ella', 'si el', 'si te', 'si vuelve', 'se ela', 'se ele', 'se voce', 'se vc', 'se aparecer', 'se vier'];
const BETTER_WITHOUT = ['better without', 'better off without', 'mejor sin', 'melhor sem', 'better off dead', 'all be dead', 'todos muertos', 'todas muertas', 'todos mortos', 'todas mortas', 'should not exist', 'shouldnt exist', 'no deberian existir', 'nao deveriam existir', 'wiped out'];
const COUNTER = ['won', 'wont', 'cannot', 'cant', 'ain', 'jamais', 'no one', 'nobody', 'noone', 'ningun', 'ninguna', 'nadie', 'nenhum', 'nenhuma', 'ninguem', 'never', 'not', 'dont', 'don t', 'no', 'nao', 'nunca', 'jamas'];
/**
 * Parts of the body that a verb of breaking (BREAK) makes harm: "I'll snap your neck", "break his legs". Neither
 * word alone is harm ("a snap election", "break a leg tonight!" has no first-person plan or wish before it).
 */
const BODY = new Set(['neck', 'necks', 'leg', 'legs', 'arm', 'arms', 'jaw', 'jaws', 'skull', 'spine', 'bones', 'teeth', 'face', 'nose', 'kneecaps', 'knees', 'fingers', 'ribs', 'head',
  'cuello', 'pescuezo', 'pierna', 'piernas', 'brazo', 'brazos', 'mandibula', 'craneo', 'huesos', 'dientes', 'cara', 'nariz', 'rodillas', 'dedos', 'costillas', 'jeta', 'hocico', 'madre', 'cabeza',
  'pescoco', 'perna', 'pernas', 'braco', 'bracos', 'cranio', 'ossos', 'dentes', 'fuca', 'joelhos', 'costelas', 'cabeca']);
const BREAK = new Set(['snap', 'snaps', 'snapping', 'snapped', 'break', 'breaks', 'breaking', 'broke', 'broken', 'crack', 'cracking', 'cracked', 'twist', 'twisting', 'rip', 'ripping', 'smash',
  'romper', 'romperle', 'romperte', 'rompo', 'partir', 'partirle', 'partirte', 'parto', 'torcer', 'arrancar', 'arrancarle', 'quebrar', 'arrebentar']);
/** Not a part of someone: "break a leg!" (good luck), "romper una pierna" said of anyone. (No "abrir": "hay que abrir la cabeza" is open-mindedness.) */
const INDEFINITE = new Set(['a', 'an', 'una', 'uma', 'un', 'um']);
/**
 * Attacking someone until they are gone: an attack verb, then "until" and an outcome of leaving or vanishing.
 * "Attack" alone is words as often as blows ("attacking her record"); carried on until the target is gone, it
 * is violence (HateCheck's "we will keep attacking you … until you are gone").
 */
const ATTACK = /^(?:attack|atac)/;
const UNTIL = new Set(['until', 'till', 'til', 'hasta', 'ate']);
const GONE = new Set(['gone', 'leave', 'leaves', 'disappear', 'disappears', 'vanish', 'vayan', 'vaya', 'larguen', 'desaparezcan', 'desaparezca', 'desaparecam', 'desapareca', 'sumam', 'suma', 'saiam', 'saia', 'morram', 'mueran']);
/** Well-wishes for recovery. A threat cue beside one still counts; with none, "hope you get better soon" is no threat. */
const WELL = ['get well', 'get better', 'feel better', 'feeling better', 'speedy recovery', 'quick recovery', 'recover soon', 'que te mejores', 'mejorate', 'que se mejore',
  'pronta recuperacion', 'pronto recuperacion', 'que te recuperes', 'melhoras', 'boa recuperacao', 'pronta recuperacao', 'se recupere'];
const LIKE_YOU = ['like you', 'like u', 'como tu', 'como vos', 'como usted', 'como ustedes', 'como voce', 'como vc', 'como voces', 'como vcs', 'como ti'];

export type Construction = 'intent' | 'wish' | 'knowledge' | 'conditional' | 'betterWithout' | 'likeYou' | 'electoralHarm' | 'counter' | 'quoted' | 'wellWish';

export interface ConstructionHit {
  kind: Construction;
  /** Folded words that made it. */
  text: string;
  word: number;
  /** The harm word the head reached, when it reached one (a counter-speech hit's harm word is denied, not used). */
  harm?: number;
}

/** Phrases indexed by their first word. */
type PhraseIndex = Map<string, string[][]>;

function phraseAt(words: readonly string[], i: number, phrases: PhraseIndex): number {
  // length of the longest phrase starting at i, or 0
  const list = phrases.get(words[i]!);
  if (!list) return 0;
  let best = 0;
  for (const p of list) {
    if (p.length <= best || i + p.length > words.length) continue;
    let ok = true;
    for (let k = 1; k < p.length && ok; k++) ok = words[i + k] === p[k];
    if (ok) best = p.length;
  }
  return best;
}
const split = (xs: string[]): PhraseIndex => {
  const m: PhraseIndex = new Map();
  for (const x of xs) {
    const p = x.split(' ');
    let list = m.get(p[0]!);
    if (!list) m.set(p[0]!, (list = []));
    list.push(p);
  }
  return m;
};
const P_INTENT = split(INTENT);
const P_WISH = split(WISH);
const P_KNOW = split(KNOW);
const P_MENACE = split(MENACE);
const P_VEILED = split(VEILED);
const P_COND = split(CONDITIONAL);
const P_BETTER = split(BETTER_WITHOUT.filter((x) => x.includes(' ')));
const P_LIKE = split(LIKE_YOU);
const P_WELL = split(WELL);
const COUNTER_SET = new Set(COUNTER);

/** Single-word stems by their first four letters. */
const STEMS_BY_HEAD = new Map<string, string[]>();
for (const s of HARM_STEMS) {
  if (s.includes(' ')) continue;
  const head = s.slice(0, 4);
  let list = STEMS_BY_HEAD.get(head);
  if (!list) STEMS_BY_HEAD.set(head, (list = []));
  list.push(s);
}

/** Whether a folded word is a harm word (stem or whole word). */
export function isHarm(w: string): boolean {
  if (HARM_WORDS.has(w) || (w.length > 4 && w.endsWith('s') && HARM_WORDS.has(w.slice(0, -1)))) return true;
  if (w.length < 4) return false;
  const list = STEMS_BY_HEAD.get(w.slice(0, 4));
  if (list) for (const s of list) if (w.startsWith(s)) return true;
  return false;
}

/** Window (words) between a construction's head and its harm word. */
const REACH = 6;

/** Future or conditional endings of es/pt verbs ('lastimaré', 'masacraremos', 'machucaria', 'matarei'). */
const FUTURE_END = /(are|ere|ire|aremos|eremos|iremos|aria|eria|iria|arei|erei|irei|ariamos|eriamos)$/;
const HARM = 1, INTENT_HEAD = 2, WISH_HEAD = 4, KNOW_HEAD = 8, COND_HEAD = 16, BETTER_HEAD = 32, LIKE_HEAD = 64, ELECT = 128, COUNTER_W = 256, PLACE_W = 512, MENACE_HEAD = 1024, HARM_FUTURE = 2048, LEGAL = 4096, UNHARMED_W = 8192, HURT_EXIT_W = 16384, HAPPEN_W = 32768, WAIT_W = 65536, VEILED_HEAD = 131072, BODY_W = 262144, BREAK_W = 524288, WELL_HEAD = 1048576, ATTACK_W = 2097152;
/** "deserves" after a harm word ("… is what she deserves", "lo que se merece", "o que ela merece"). */
const DESERVE = new Set(['deserves', 'deserve', 'deserved', 'merece', 'mereces', 'merecen', 'merecem', 'mereceu', 'merecia']);
/** Words that make harm a wish when they follow it: "killing X should be legal", "violar … no debería ser ilegal". */
const LEGAL_WORDS = new Set(['legal', 'decriminalised', 'decriminalized', 'allowed', 'ilegal', 'illegal', 'despenalizado', 'despenalizada', 'permitido', 'legalizado', 'legalizada', 'descriminalizado']);
/** Of LEGAL_WORDS, those that forbid: a wish only when negated ("no debería ser ilegal"). */
const FORBIDDEN = new Set(['ilegal', 'illegal']);
/**
 * Verbs of saying or wishing right before a harm word make it the thing said, not a wish or plan of the
 * author: "jailed for wishing death on…", "por desear muerte a…", "você dizer que estupraria…" (counter-speech
 * that reports a threat, labels.md: "reports or quotations of threats" are not threats).
 */
const SAYING = new Set(['wishing', 'wished', 'saying', 'said', 'threatening', 'desear', 'deseaba', 'deseo', 'decir', 'dijo', 'amenazar', 'desejar', 'desejou', 'dizer', 'disse', 'ameacar', 'dizendo', 'diciendo',
  'insisting', 'insist', 'claiming', 'claim', 'arguing', 'insistiendo', 'insistir', 'afirmando', 'afirmar', 'alegando', 'insistindo', 'afirmou', 'afirmo']);
/** Complementisers after a verb of saying: "insisting that …", "insistiendo con que …", "dizer que …". */
const THAT = new Set(['that', 'que']);
/** Which word classes a folded word starts or belongs to (cache it per distinct word: see features.ts). */
export function constructionFlags(w: string): number {
  return (isHarm(w) ? HARM : 0) | (P_INTENT.has(w) ? INTENT_HEAD : 0) | (P_WISH.has(w) ? WISH_HEAD : 0) | (P_KNOW.has(w) ? KNOW_HEAD : 0) | (P_COND.has(w) ? COND_HEAD : 0) |
    (P_BETTER.has(w) || w.startsWith('extermin') ? BETTER_HEAD : 0) | (P_LIKE.has(w) ? LIKE_HEAD : 0) | (ELECTORAL.has(w) ? ELECT : 0) | (COUNTER_SET.has(w) ? COUNTER_W : 0) |
    (PLACE.has(w) ? PLACE_W : 0) | (P_MENACE.has(w) ? MENACE_HEAD : 0) | (isHarm(w) && FUTURE_END.test(w) ? HARM_FUTURE : 0) | (LEGAL_WORDS.has(w) ? LEGAL : 0) |
    (UNHARMED.has(w) ? UNHARMED_W : 0) | (HURT_EXIT.has(w) ? HURT_EXIT_W : 0) | (HAPPEN.has(w) ? HAPPEN_W : 0) | (WAIT.has(w) ? WAIT_W : 0) | (P_VEILED.has(w) ? VEILED_HEAD : 0) |
    (BODY.has(w) ? BODY_W : 0) | (BREAK.has(w) ? BREAK_W : 0) | (P_WELL.has(w) ? WELL_HEAD : 0) | (ATTACK.test(w) ? ATTACK_W : 0);
}

/**
 * Constructions in a post's folded words.
 * @example threatConstructions('@Rep te voy a lastimar'.split(' ')) // [{kind:'intent', …}]
 */
export function threatConstructions(words: readonly string[], known?: ArrayLike<number>): ConstructionHit[] {
  const out: ConstructionHit[] = [];
  let flags: ArrayLike<number> = known ?? Uint32Array.from(words, constructionFlags);
  let any = 0;
  for (let i = 0; i < words.length; i++) any |= flags[i]!;
  // Nothing to build from: no harm word, no place, no "better without", no "like you".
  if (!(any & (HARM | PLACE_W | BETTER_HEAD | LIKE_HEAD | UNHARMED_W | HURT_EXIT_W | MENACE_HEAD | WAIT_W | VEILED_HEAD | BODY_W | WELL_HEAD | ATTACK_W))) return out;
  // A body part at most three words after a verb of breaking is a harm word here ("snap that neck of yours").
  if (any & BODY_W && any & BREAK_W) {
    // a copy of this post's words only: `known` may be a buffer sized for the longest post seen
    const own = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) own[i] = flags[i]!;
    for (let i = 0; i < words.length; i++) {
      if (!(own[i]! & BODY_W) || INDEFINITE.has(words[i - 1] ?? '')) continue;
      for (let k = Math.max(0, i - 3); k < i; k++) if (own[k]! & BREAK_W) own[i]! |= HARM;
    }
    flags = own;
  }
  // The reach runs over a "… like you (all)" phrase: "if only people like you all had their throats cut",
  // "seria bom se todas as mulheres como vocês tivessem…" (the phrase lengthens the subject, not the distance).
  const nearHarm = (from: number, reach = REACH) => {
    let to = Math.min(words.length, from + reach + 1);
    for (let k = from; k < to; k++) {
      if (flags[k]! & HARM) return k;
      if (flags[k]! & LIKE_HEAD) {
        const n = phraseAt(words, k, P_LIKE);
        if (n) to = Math.min(words.length, to + n + (words[k + n] === 'all' || words[k + n] === 'todos' || words[k + n] === 'todas' ? 1 : 0));
      }
    }
    return undefined;
  };
  const electoralNear = (i: number) => {
    for (let k = Math.max(0, i - 6); k < Math.min(words.length, i + 7); k++) if (flags[k]! & ELECT) return true;
    return false;
  };
  // A negation or negated quantifier before the head or between head and harm: counter-speech
  // ("no one deserves to die", "we must never condone the killing of…", "ningún … merece morir").
  const counterBefore = (i: number, to = i) => {
    for (let k = Math.max(0, i - 4); k < to; k++) if (flags[k]! & COUNTER_W) return true;
    return false;
  };
  const text = (i: number, n: number, to: number) => words.slice(i, Math.max(i + n, to + 1)).join(' ');
  // a harm word at most three words after a verb of saying or wishing ("for wishing death", "dizer que estupraria")
  // or a verb of saying with its "that" up to five words before the construction's head ("insistiendo con que
  // los indígenas merecen morir": the author reports the claim to reject it)
  const mentioned = (h: number, head = h) => {
    for (let k = Math.max(0, h - 3); k < h; k++) if (SAYING.has(words[k]!)) return true;
    for (let k = Math.max(0, head - 5); k < head; k++) if (SAYING.has(words[k]!) && (THAT.has(words[k + 1]!) || (k + 2 < head && THAT.has(words[k + 2]!)))) return true;
    return false;
  };
  for (let i = 0; i < words.length; i++) {
    const fl = flags[i]!;
    // "masacraré", "te lastimaré", "machucaria": the verb's own ending is the first-person future
    if (fl & HARM_FUTURE && !electoralNear(i)) out.push({ kind: mentioned(i) ? 'quoted' : 'intent', text: words[i]!, word: i });
    // "murdering X like you should be legal", "violar a … no debería ser ilegal"
    // (the polarity counts: "… should be illegal" and "… should not be legal" are no wish)
    if (fl & HARM) {
      for (let k = i + 1; k < Math.min(words.length, i + 11); k++) {
        if (!(flags[k]! & LEGAL)) continue;
        let negated = false;
        for (let j = i + 1; j < k; j++) if (flags[j]! & COUNTER_W) negated = !negated;
        if (FORBIDDEN.has(words[k]!) === negated) out.push({ kind: mentioned(i) ? 'quoted' : 'wish', text: text(i, 1, k), word: i });
        break;
      }
    }
    // "a bullet is what he deserves", "un balazo, eso es lo que se merece", "um AVC é o que o X merece":
    // the harm first, then "what … deserves" (a wish in the other order)
    if (fl & HARM && !electoralNear(i) && !counterBefore(i)) {
      for (let k = i + 2; k < Math.min(words.length, i + 9); k++) {
        if (!DESERVE.has(words[k]!)) continue;
        if (words.slice(Math.max(i + 1, k - 4), k).some((w) => w === 'what' || w === 'que')) out.push({ kind: 'wish', text: text(i, 1, k), word: i });
        break;
      }
    }
    // "won't walk home", "no regresa caminando", "não sai inteiro": a negated unharmed outcome; "sai de ambulância"
    if (fl & UNHARMED_W && counterBefore(i) && !electoralNear(i)) out.push({ kind: 'conditional', text: text(Math.max(0, i - 4), 1, i), word: i });
    if (fl & HURT_EXIT_W && !electoralNear(i)) out.push({ kind: 'conditional', text: words[i]!, word: i });
    if (fl & VEILED_HEAD) {
      const n = phraseAt(words, i, P_VEILED);
      if (n && !electoralNear(i) && !counterBefore(i)) out.push({ kind: 'intent', text: text(i, n, i + n - 1), word: i });
    }
    // "would be a shame if something happened to…", "sería una pena que le pasara algo"
    if (fl & ATTACK_W && !electoralNear(i) && !counterBefore(i)) {
      for (let k = i + 1; k < Math.min(words.length, i + 7); k++) {
        if (!UNTIL.has(words[k]!)) continue;
        for (let j = k + 1; j < Math.min(words.length, k + 6); j++) if (GONE.has(words[j]!)) { out.push({ kind: 'intent', text: text(i, 1, j), word: i, harm: i }); break; }
        break;
      }
    }
    if (fl & WELL_HEAD) {
      const n = phraseAt(words, i, P_WELL);
      if (n) out.push({ kind: 'wellWish', text: text(i, n, i + n - 1), word: i });
    }
    if (fl & MENACE_HEAD && phraseAt(words, i, P_MENACE)) {
      let found = false;
      for (let k = i + 1; k < Math.min(words.length, i + 9) && !found; k++) if (flags[k]! & HAPPEN_W) { out.push({ kind: 'knowledge', text: text(i, 1, k), word: i }); found = true; }
      // a place or family word anywhere near the menace ("casa amarela, dois filhos pequenos. Seria uma pena…")
      for (let k = Math.max(0, i - 14); k < Math.min(words.length, i + 9) && !found; k++) if (flags[k]! & PLACE_W) { out.push({ kind: 'knowledge', text: text(Math.min(i, k), 1, Math.max(i, k)), word: i }); found = true; }
    }
    if (!(fl & (INTENT_HEAD | WISH_HEAD | KNOW_HEAD | COND_HEAD | BETTER_HEAD | LIKE_HEAD))) continue;
    let n = fl & INTENT_HEAD ? phraseAt(words, i, P_INTENT) : 0;
    if (n) {
      for (let k = i + n; k < Math.min(words.length, i + n + 4); k++) if (flags[k]! & WAIT_W && !electoralNear(k)) { out.push({ kind: 'intent', text: text(i, n, k), word: i }); break; }
      const h = nearHarm(i + n);
      // a negated plan ("não vamos ficar parados enquanto…", "no te voy a hacer daño") is no intent
      if (h !== undefined) out.push({ kind: electoralNear(h) ? 'electoralHarm' : mentioned(h) ? 'quoted' : counterBefore(i) ? 'counter' : 'intent', text: text(i, n, h), word: i, harm: h });
    }
    n = fl & WISH_HEAD ? phraseAt(words, i, P_WISH) : 0;
    if (n) {
      const h = nearHarm(i + n);
      if (h !== undefined) out.push({ kind: electoralNear(h) ? 'electoralHarm' : mentioned(h, i) ? 'quoted' : counterBefore(i, h) ? 'counter' : 'wish', text: text(i, n, h), word: i, harm: h });
    }
    n = fl & KNOW_HEAD ? phraseAt(words, i, P_KNOW) : 0;
    if (n) {
      for (let k = i + n; k < Math.min(words.length, i + n + 8); k++) if (flags[k]! & PLACE_W) { out.push({ kind: 'knowledge', text: text(i, n, k), word: i }); break; }
    }
    n = fl & COND_HEAD ? phraseAt(words, i, P_COND) : 0;
    if (n) {
      for (let k = i + n; k < Math.min(words.length, i + n + 12); k++) {
        if (flags[k]! & HARM || (flags[k]! & MENACE_HEAD && phraseAt(words, k, P_MENACE))) {
          if (!electoralNear(k)) out.push({ kind: 'conditional', text: text(i, n, k), word: i });
          break;
        }
      }
    }
    if (fl & BETTER_HEAD) {
      n = phraseAt(words, i, P_BETTER);
      if (n || words[i]!.startsWith('extermin')) out.push({ kind: counterBefore(i) ? 'counter' : 'betterWithout', text: text(i, Math.max(n, 1), i), word: i });
    }
    n = fl & LIKE_HEAD ? phraseAt(words, i, P_LIKE) : 0;
    if (n) out.push({ kind: 'likeYou', text: text(i, n, i), word: i });
  }
  return out;
}

/** Whether a second-person word occurs in the words (the post addresses someone). */
export function addressesSecondPerson(words: readonly string[]): boolean {
  for (const w of words) if (SECOND_PERSON.has(w)) return true;
  return false;
}
